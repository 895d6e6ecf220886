"""side_by_side: two stories printed side by side under one headline group of both headlines,
their lines interleaved (pdfminer), are parted into two headlines over two stories (invented
text, not the corpus's)."""

from __future__ import annotations

from civicnews.model import Line, Role
from civicnews.page_items import HeadGroup, Page, TextRun
from civicnews.side_by_side import part_side_by_side

LEFT = ["本报讯 城南街道近日开展老旧小", "区环境整治，清运垃圾三十余车，", "并对楼道堆物逐户上门劝导整", "改。"]
RIGHT = ["今天河西镇举办首届乡村邻里文化", "节，村民们欢聚一堂，共叙邻里情", "谊，现场还评出十户和睦家庭代", "表。"]
INTERLEAVED = [x for pair in zip(LEFT, RIGHT, strict=True) for x in pair]


def _head(*texts: str) -> HeadGroup:
    return HeadGroup([(Role.TITLE, Line(k + 1, "", t)) for k, t in enumerate(texts)])


def test_two_headlines_interleaved_over_two_stories_interleaved_are_parted() -> None:
    # the two headlines side by side, their lines one of each in turn
    head = _head("城南街道开展", "河西镇举办首届", "老旧小区环境整治", "乡村邻里文化节")
    page = Page([head, TextRun(fresh=True, sections=[(None, list(INTERLEAVED))])], [], [], [])
    out = part_side_by_side(page)
    assert [number for number, _, _ in out] == [2]
    assert [x.text for x in page.items] == [
        "城南街道开展老旧小区环境整治", "".join(LEFT), "河西镇举办首届乡村邻里文化节", "".join(RIGHT)]


def test_headline_lines_split_over_two_groups_are_one_pair() -> None:
    # the model started a new group inside the interleaved lines
    heads = [_head("城南街道开展", "河西镇举办首届"), _head("老旧小区环境整治", "乡村邻里文化节")]
    page = Page([*heads, TextRun(fresh=True, sections=[(None, list(INTERLEAVED))])], [], [], [])
    assert len(part_side_by_side(page)) == 1
    assert [x.text for x in page.items][1::2] == ["".join(LEFT), "".join(RIGHT)]


def test_one_story_in_two_columns_under_its_own_headline_is_untouched() -> None:
    # both columns are one story's: the headline's words are in only one of them, no second headline
    head = _head("城南街道开展", "老旧小区", "环境整治")
    run = TextRun(fresh=True, sections=[(None, list(INTERLEAVED))])
    page = Page([head, run], [], [], [])
    assert part_side_by_side(page) == []
    assert page.items == [head, run] and run.sections[0][1] == INTERLEAVED


def test_text_in_plain_order_is_untouched() -> None:
    # the lines run on one into the next (text pages, PyMuPDF): no columns, nothing parted
    head = _head("城南街道开展", "河西镇举办首届", "老旧小区环境整治", "乡村邻里文化节")
    run = TextRun(fresh=True, sections=[(None, [*LEFT, *RIGHT])])
    page = Page([head, run], [], [], [])
    assert part_side_by_side(page) == []
    assert len(page.items) == 2


# two stories one after the other, each in two columns printed interleaved, under their two
# headlines printed side by side (the model read them as one group)
UPPER = ["本报讯 城南街道近日开展老旧小", "楼道堆物逐户上门劝导整改，清", "区环境整治，城南街道对辖区内", "运垃圾三十余车。"]
LOWER = ["今天河西镇举办首届乡村邻里文化", "谊，现场还评出十户和睦家庭代", "节，村民们欢聚一堂，共叙邻里情", "表。"]


def test_two_headlines_interleaved_over_two_stories_one_after_the_other_are_cut() -> None:
    head = _head("城南街道开展", "河西镇举办首届", "老旧小区环境整治", "乡村邻里文化节")
    page = Page([head, TextRun(fresh=True, sections=[(None, [*UPPER, *LOWER])])], [], [], [])
    assert len(part_side_by_side(page)) == 1
    assert [x.text for x in page.items] == [
        "城南街道开展老旧小区环境整治", "".join(UPPER), "河西镇举办首届乡村邻里文化节", "".join(LOWER)]


def test_one_headline_whose_lines_its_story_tells_in_turn_is_not_cut() -> None:
    # the first lines' words told early, the last lines' later: one headline, not two interleaved
    head = _head("城南街道开展", "老旧小区环境整治", "河西镇举办首届", "乡村邻里文化节")
    run = TextRun(fresh=True, sections=[(None, [*UPPER, *LOWER])])
    page = Page([head, run], [], [], [])
    assert part_side_by_side(page) == []
    assert len(page.items) == 2
