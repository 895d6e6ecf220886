"""fit.align: a real page's line roles from its gold reading (what the model is fitted on)."""

from __future__ import annotations

from civicnews.fit.align import _place, _stories, align_tags, chars
from civicnews.lines import split_lines

# Two stories set side by side: pdftotext prints each row across both columns as one line,
# the pieces parted by spaces.
GOLD = {"furniture": [], "articles": [
    {"title": "城东社区开展志愿服务",
     "paragraphs": ["本报讯 年关将至，城东社区组织志愿者上门慰问老人。志愿者们送去米面油。"]},
    {"title": "西城镇整治人居环境", "paragraphs": ["近日，西城镇开展人居环境整治，清理垃圾十吨。"]}]}
ROWS = ["城东社区开展志愿服务      西城镇整治人居环境",
        "本报讯 年关将至，城东社区组织      近日，西城镇开展人居",
        "志愿者上门慰问老人。志愿者们      环境整治，清理垃圾十吨。",
        "送去米面油。"]


def test_a_row_read_across_columns_is_placed_by_its_first_column() -> None:
    tags = align_tags(split_lines("\n".join(ROWS)), GOLD)
    assert tags == ["title", "start", "body", "body"]


def test_a_row_with_a_piece_the_gold_does_not_hold_is_not_placed() -> None:
    stories = _stories(GOLD)
    raw = "志愿者上门慰问老人。志愿者们      全市开展春季植树活动"
    assert _place(chars(raw), raw, stories, []) is None
    raw = ROWS[2]
    assert _place(chars(raw), raw, stories, []) is not None
