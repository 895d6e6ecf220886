"""Unit tests of splitting display lines into kicker, title and subtitle."""

from civicnews.headline import split_caption_tail, split_headline


def test_single_line_is_title() -> None:
    assert split_headline(["村庄“管家”激活一个村"]).title == "村庄“管家”激活一个村"


def test_two_lines_kicker_then_title() -> None:
    parts = split_headline(["管理像绣花一样精细", "“一周一路”撑起开发区“高颜值”"])
    assert (parts.kicker, parts.title) == ("管理像绣花一样精细", "“一周一路”撑起开发区“高颜值”")


def test_equal_short_lines_are_one_title() -> None:
    parts = split_headline(["现代农业装备高新区", "开展企业大走访行动", "力争首季“开门红”"])
    assert parts.kicker is None and parts.subtitle is None
    assert parts.title.replace(" ", "") == "现代农业装备高新区开展企业大走访行动力争首季“开门红”"


def test_display_title_broken_into_words_with_subtitle() -> None:
    parts = split_headline(["突破", "迎发展", "整合", "谋未来", "开发区全力推进划转企业交接工作"])
    assert parts.title.replace(" ", "") == "突破迎发展整合谋未来"
    assert parts.subtitle == "开发区全力推进划转企业交接工作"


def test_one_line_kicker_and_title_with_lost_quotes() -> None:
    parts = split_headline(["誓师大会再动员再部署 机制举措再完善再落实 开发区全力以赴打好 创文 攻坚战"])
    assert parts.kicker == "誓师大会再动员再部署 机制举措再完善再落实"
    assert parts.title == "开发区全力以赴打好“创文”攻坚战"


def test_series_label_set_apart() -> None:
    parts = split_headline(["记者走边陲 老乡话小康②", "拉近与群众距离", "姜家山拆除政府大院围墙受好评"])
    assert parts.series == "记者走边陲 老乡话小康②"
    assert (parts.kicker, parts.title) == ("拉近与群众距离", "姜家山拆除政府大院围墙受好评")


def test_caption_tail() -> None:
    head, tail = split_caption_tail(["开发区全力以赴打好创文攻坚战", "誓师大会", "店招自拆", "检查市场"])
    assert tail == ["誓师大会", "店招自拆", "检查市场"]
    assert split_caption_tail(["突破", "迎发展", "整合"]) == (["突破", "迎发展", "整合"], [])


def test_line_broken_inside_a_word_or_a_quotation_is_one_phrase() -> None:
    assert split_headline(["拉近与群众距离", "姜家山拆除政府大", "院围墙受好评"]).title == "姜家山拆除政府大院围墙受好评"
    assert split_headline(["实达实做大做强生产性服务业“", "桥头堡”"]).title == "实达实做大做强生产性服务业“桥头堡”"


def test_twin_phrases_are_a_title_over_a_subtitle() -> None:
    parts = split_headline(["多领域全面发动 数智通跟踪整治", "现代农业装备高新区持续掀起创建热潮"])
    assert (parts.title, parts.subtitle) == ("多领域全面发动 数智通跟踪整治", "现代农业装备高新区持续掀起创建热潮")
    parts = split_headline(["互看互学互比 勇当排头兵", "柯城再掀“六抓六比·八大竞赛”新热潮"])
    assert parts.kicker == "互看互学互比 勇当排头兵"


def test_series_label_broken_over_two_lines_stands_as_kicker() -> None:
    parts = split_headline(["记者走边陲", "老乡话小康②", "村庄“管家”激活一个村"])
    assert (parts.series, parts.title) == ("记者走边陲 老乡话小康②", "村庄“管家”激活一个村")
    assert parts.kicker == parts.series
