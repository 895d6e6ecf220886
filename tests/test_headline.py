"""Unit tests of joining a story's display lines into kicker, title and subtitle."""

from civicnews.headline import compose_headline, join_display, merge_broken_lines, split_series
from civicnews.model import Role


def test_parts_follow_the_roles() -> None:
    h = compose_headline([(Role.KICKER, "管理像绣花一样精细"), (Role.TITLE, "“一周一路”撑起开发区“高颜值”"),
                          (Role.SUBTITLE, "——开发区推进城市精细化管理")])
    assert (h.kicker, h.title, h.subtitle) == ("管理像绣花一样精细", "“一周一路”撑起开发区“高颜值”",
                                                "——开发区推进城市精细化管理")


def test_title_lines_broken_inside_a_word_join_without_space() -> None:
    h = compose_headline([(Role.TITLE, "姜家山拆除政府大"), (Role.TITLE, "院围墙受好评")])
    assert h.title == "姜家山拆除政府大院围墙受好评"


def test_kicker_that_breaks_a_word_with_the_title_is_part_of_it() -> None:
    h = compose_headline([(Role.KICKER, "姜家山拆除政府大"), (Role.TITLE, "院围墙受好评")])
    assert h.kicker is None and h.title == "姜家山拆除政府大院围墙受好评"


def test_parallel_phrases_keep_a_space() -> None:
    assert join_display(["多领域全面发动", "数智通跟踪整治"]) == "多领域全面发动 数智通跟踪整治"


def test_series_label_stands_as_kicker() -> None:
    h = compose_headline([(Role.TITLE, "记者走边陲"), (Role.TITLE, "老乡话小康②"), (Role.TITLE, "村庄“管家”激活一个村")])
    assert (h.series, h.kicker, h.title) == ("记者走边陲 老乡话小康②", "记者走边陲 老乡话小康②", "村庄“管家”激活一个村")
    assert split_series(["村庄管家"]) == (["村庄管家"], None)


def test_without_a_title_line_the_kicker_stands_in() -> None:
    assert compose_headline([(Role.KICKER, "文明创建进行时")]).title == "文明创建进行时"
    assert compose_headline([]) is None


def test_open_quote_goes_on_in_the_next_line() -> None:
    assert merge_broken_lines(["实达实做大做强生产性服务业“", "桥头堡”"]) == ["实达实做大做强生产性服务业“桥头堡”"]


def test_a_kicker_line_ending_in_a_verb_that_wants_its_object_is_the_title_s_start() -> None:
    head = compose_headline([(Role.KICKER, "西洋江镇召开"), (Role.TITLE, "村民议事院坝协商会")])
    assert head is not None and (head.kicker, head.title) == (None, "西洋江镇召开村民议事院坝协商会")
    head = compose_headline([(Role.KICKER, "记者蹲点调研"), (Role.TITLE, "记者化身帮忙团解民忧")])
    assert head is not None and head.kicker == "记者蹲点调研"  # a verb that stands alone


def test_a_number_cut_from_what_it_counts_keeps_kicker_and_title_one() -> None:
    h = compose_headline([(Role.KICKER, "宝鸡市陇县500"), (Role.TITLE, "余名干部职工“清扫背街"), (Role.TITLE, "扮靓文明县城”")])
    assert h.kicker is None and h.title.startswith("宝鸡市陇县500余名干部职工")
    # a year before a new phrase is no such cut: the kicker stays
    h = compose_headline([(Role.KICKER, "喜迎2025"), (Role.TITLE, "新春走基层")])
    assert h.kicker == "喜迎2025"
