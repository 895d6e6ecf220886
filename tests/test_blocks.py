"""Unit tests of the blocks stage: what each line is, from layout evidence."""

from civicnews import blocks, lines
from civicnews.model import Kind
from civicnews.rules import load_rules

RULES = load_rules()


def kinds(page: str) -> list[tuple[str, str]]:
    units = blocks.build_units(lines.split_lines(page, RULES), RULES)
    return [(u.kind.value, line.text) for u in units for line in u.lines]


COLUMN = [
    "连日来，现代农业装备高新区各班子",
    "成员分批带队开展企业大走访行动，",
    "深入了解企业一季度生产经营情况，",
    "全力争取实现一季度“开门红”。",
]


def test_body_column_stays_body() -> None:
    assert {k for k, _ in kinds("\n".join(COLUMN))} == {"body"}


def test_short_unpunctuated_line_after_a_paragraph_is_display() -> None:
    page = "\n".join([*COLUMN, "现代农业装备高新区", "开展企业大走访行动", *COLUMN])
    got = kinds(page)
    assert ("headline", "现代农业装备高新区") in got
    assert ("headline", "开展企业大走访行动") in got


def test_indented_first_line_is_body() -> None:
    page = "\n".join([*COLUMN, "一起参与座谈的市商务局相关负", "责人认真听完各企业负责人的问题和", "建议后，与他们分享了相关政策。"])
    assert ("body", "一起参与座谈的市商务局相关负") in kinds(page)


def test_dateline_spread_over_a_narrow_column() -> None:
    page = "本 报\n讯（ 融 媒\n见 习 记\n者 郑 旭\n华 ） 日\n前 ，经 济\n开 发 区 、"
    units = blocks.build_units(lines.split_lines(page, RULES), RULES)
    first = units[0].lines[0]
    assert first.kind is Kind.DATELINE
    assert first.credit == "本报讯（融媒见习记者郑旭华）"
    assert first.text == "日"


def test_dateline_credit_broken_across_lines() -> None:
    page = "本报讯（融媒见习记者 郑旭\n华） 历时20多天，辗转9个城市，实"
    first = blocks.build_units(lines.split_lines(page, RULES), RULES)[0].lines[0]
    assert first.credit == "本报讯（融媒见习记者 郑旭华）"
    assert first.text.startswith("历时")


def test_trailing_byline_and_captions_and_furniture() -> None:
    page = "\n".join([*COLUMN, "融媒记者 潘燕佳", "▲修补倒塌围墙", "采编热线：3049743"])
    got = kinds(page)
    assert ("byline", "融媒记者 潘燕佳") in got
    assert ("caption", "修补倒塌围墙") in got
    assert ("furniture", "采编热线：3049743") in got


def test_chart_labels_are_furniture() -> None:
    page = "\n".join([*COLUMN, "企业范围，由经济发展局负责，行政执法局协助", "道路及绿化由市政、环卫及园林负责", "永康经济开发区创卫分解图", *COLUMN])
    got = kinds(page)
    assert ("furniture", "永康经济开发区创卫分解图") in got
    assert ("furniture", "道路及绿化由市政、环卫及园林负责") in got


def test_continuation_marker_cut_out() -> None:
    units = blocks.build_units(lines.split_lines("王松华说，今年4亩林地试种成(下转2版)", RULES), RULES)
    line = units[0].lines[0]
    assert line.text == "王松华说，今年4亩林地试种成"
    assert line.continued_to == "2版"


def test_rejoin_column_into_paragraphs() -> None:
    assert blocks.rejoin_paragraphs(COLUMN) == ["".join(COLUMN)]


def test_rejoin_one_paragraph_per_line() -> None:
    paras = ["这是第一段，内容足够长，" * 5 + "结束。", "这是第二段，内容也足够长，" * 9 + "结束。", "第三段较短，也结束。" * 4]
    assert blocks.rejoin_paragraphs(paras) == paras


def test_lost_quotes_restored() -> None:
    assert blocks.restore_lost_quotes("在 创文 战场掀起了新高潮") == "在“创文”战场掀起了新高潮"


def test_team_credit_names_go_on_in_the_next_line() -> None:
    page = "■柯城采访小组 毛霄云 姚沐水\n蓝晨 谢丹 徐国祥\n郑晨 蒋玉婷“过去最愁卖茶叶，今年不同了。”"
    first = blocks.build_units(lines.split_lines(page, RULES), RULES)[0].lines[0]
    assert first.kind is Kind.DATELINE
    assert first.credit == "柯城采访小组 毛霄云 姚沐水 蓝晨 谢丹 徐国祥 郑晨 蒋玉婷"
    assert first.text.startswith("“过去最愁")


def test_all_unfinished_lines_before_a_dateline_are_its_headline() -> None:
    page = "\n".join([*COLUMN, "现代农业装备高新区开", "展企业大走访行动", "力争首季“开门红”", "本报讯（记者 郑旭华）", *COLUMN])
    got = kinds(page)
    assert ("headline", "现代农业装备高新区开") in got and ("headline", "展企业大走访行动") in got
