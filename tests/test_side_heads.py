"""Unit and property tests of side_heads: two wrapped headlines read across into one row.

The rows are made up here, printed as pdftotext prints two headlines set side by side: the two
first lines on one row, one space apart, then each headline's wrapped end on a row of its own.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from civicnews import lines, side_heads
from civicnews.lines import Row, _em
from civicnews.side_heads import (
    BALANCED_STEP,
    INTERLEAVED_PAIR_STEP,
    part_balanced_heads,
    part_interleaved_heads,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

# two headlines of 15 em each (the left one of two phrases), each wrapped once
LEFT, LEFT_END = "城南街道整治老旧小区 提升环境", "质量"
RIGHT, RIGHT_END = "河西镇举办首届乡村邻里文化交流", "活动"
BODY = "本报讯 近日，城南街道启动老旧小区整治。"


def _page(row: str, *after: str) -> list[Row]:
    return [Row(1, row, 1), *(Row(2 + k, x, 0) for k, x in enumerate(after)), Row(9, BODY, 1)]


def test_parts_at_the_cut_of_equal_halves():
    out = part_balanced_heads(_page(f"{LEFT} {RIGHT}", LEFT_END, RIGHT_END))
    assert [r.raw for r in out] == [LEFT, LEFT_END, RIGHT, RIGHT_END, BODY]
    # the right headline begins a headline of its own, after a blank line
    assert [(r.gap, r.head_start) for r in out[:4]] == [(1, False), (0, False), (1, True), (0, False)]
    assert BALANCED_STEP in out[0].steps and lines.TITLES_STEP in out[2].steps


def test_split_lines_reads_each_headline_with_its_end():
    text = "\n".join(["报头", "", f"{LEFT} {RIGHT}", LEFT_END, RIGHT_END, "", BODY])
    got = [x.raw for x in lines.split_lines(text)]
    assert got[1:5] == [LEFT, LEFT_END, RIGHT, RIGHT_END]


def test_left_alone_when_the_halves_differ():
    # one headline of two phrases, wrapped: no cut gives halves of one width
    rows = _page("城南街道整治老旧小区环境 举办邻里节", "活动", "质量")
    assert part_balanced_heads(rows) == rows


def test_left_alone_when_an_end_fills_its_half():
    # a headline that did not wrap, with its column's first text line under it
    rows = _page(f"{LEFT} {RIGHT}", "近日城南街道启动老旧小区整治行", RIGHT_END)
    assert part_balanced_heads(rows) == rows


def test_left_alone_without_a_blank_before_or_with_a_full_stop():
    rows = [Row(1, BODY, 1), Row(2, f"{LEFT} {RIGHT}", 0), Row(3, LEFT_END, 0), Row(4, RIGHT_END, 0)]
    assert part_balanced_heads(rows) == rows
    rows = _page(f"{LEFT}。 {RIGHT}", LEFT_END, RIGHT_END)
    assert part_balanced_heads(rows) == rows


def test_off_by_setting(monkeypatch):
    monkeypatch.setattr(side_heads, "SETTINGS", dataclasses.replace(side_heads.SETTINGS, balanced_heads=False))
    rows = _page(f"{LEFT} {RIGHT}", LEFT_END, RIGHT_END)
    assert part_balanced_heads(rows) == rows


_CHARS = "城南街道整治老旧小区河西镇举办首届乡村邻里文化交流活动质量，。！ "


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(_CHARS, min_size=1, max_size=36), st.integers(0, 2)), max_size=8))
def test_property_text_kept_and_parts_balanced(drawn):
    rows = [Row(k, raw, gap) for k, (raw, gap) in enumerate(drawn) if raw.strip()]
    out = part_balanced_heads(rows)
    # no character is lost or made: only the space at a cut goes
    cut = sum(1 for r in out if r.head_start)
    assert Counter("".join(r.raw for r in rows)) - Counter("".join(r.raw for r in out)) == Counter(" " * cut)
    assert len(out) == len(rows) + cut
    tol, least = side_heads.SETTINGS.balanced_heads_tolerance_em, side_heads.SETTINGS.balanced_heads_min_em
    for k, r in enumerate(out):
        if r.head_start:
            left, right = out[k - 2].raw.strip(), r.raw.strip()
            assert abs(_em(left) - _em(right)) <= tol and min(_em(left), _em(right)) >= least
            assert "。" not in left + right and r.gap >= 1
        elif BALANCED_STEP not in r.steps:
            # a row the stage did not part is printed as it came
            assert r in rows


_HEAD = "城南街道整治老旧小区河西镇举办首届乡村邻里文化交流活动质量：“”！"


@settings(max_examples=200, deadline=None)
@given(st.text(_HEAD, min_size=10, max_size=22), st.integers(-2, 2), st.text(_HEAD, min_size=1, max_size=8),
       st.text(_HEAD, min_size=1, max_size=8), st.data())
def test_property_two_wrapped_headlines_parted_back(left, more, left_end, right_end, data):
    right = data.draw(st.text(_HEAD, min_size=max(10, len(left) + more), max_size=max(10, len(left) + more)))
    share = side_heads.SETTINGS.balanced_heads_end_share
    assume(len(left_end) <= share * len(left) and len(right_end) <= share * len(right))
    assume(not lines._spans(right, left_end))
    out = part_balanced_heads(_page(f"{left} {right}", left_end, right_end))
    assert [r.raw for r in out] == [left, left_end, right, right_end, BODY]


# --- two wrapped headlines printed one line per row, interleaved ---
LEFT_FIRST, LEFT_LAST = "城南街道整治老旧小区提升环境质", "量"


def test_interleaved_headlines_read_back():
    rows = [Row(1, LEFT_FIRST, 1), Row(2, RIGHT, 0), Row(3, LEFT_LAST, 0), Row(4, RIGHT_END, 0), Row(6, BODY, 1)]
    out = part_interleaved_heads(rows)
    assert [r.raw for r in out] == [LEFT_FIRST, LEFT_LAST, RIGHT, RIGHT_END, BODY]
    assert [(r.gap, r.head_start) for r in out[:4]] == [(1, False), (0, False), (1, True), (0, False)]
    assert all(INTERLEAVED_PAIR_STEP in r.steps for r in out[:4])


def test_one_headline_of_three_lines_is_left_alone():
    # the first line runs into the second (提升 / 环境…): one headline, not two side by side
    rows = [Row(1, "城南街道整治老旧小区全面提", 1), Row(2, "升环境质量河西镇举办邻里", 0), Row(3, "节", 0),
            Row(4, "活动", 0)]
    assert part_interleaved_heads(rows) == rows


def test_interleaved_left_alone_with_text_or_blank_lines():
    rows = [Row(1, LEFT_FIRST, 1), Row(2, RIGHT, 0), Row(3, "量，", 0), Row(4, "近日城南街道启动了整治。", 0)]
    assert part_interleaved_heads(rows) == rows
    rows = [Row(1, LEFT_FIRST, 1), Row(2, RIGHT, 1), Row(3, LEFT_LAST, 0), Row(4, RIGHT_END, 0)]
    assert part_interleaved_heads(rows) == rows


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(_HEAD, min_size=1, max_size=18), st.integers(0, 1)), max_size=10))
def test_property_interleaved_only_reorders(drawn):
    rows = [Row(k, raw, gap) for k, (raw, gap) in enumerate(drawn)]
    out = part_interleaved_heads(rows)
    # the same rows' text in some order; each moved run of four is (first, end, first, end)
    assert sorted(r.raw for r in out) == sorted(r.raw for r in rows)
    kept = {r.number for r in out if INTERLEAVED_PAIR_STEP not in r.steps}
    assert [r.number for r in out if r.number in kept] == [r.number for r in rows if r.number in kept]
    for k, r in enumerate(out):
        if r.head_start:
            assert [x.number for x in out[k - 2:k + 2]] == [out[k - 2].number + n for n in (0, 2, 1, 3)]
