"""line_chains: one story's lines that pdfminer printed interleaved column by column are read
back down its columns (invented text, not the corpus's)."""

from __future__ import annotations

from civicnews import line_chains
from civicnews.article_build import build_article
from civicnews.model import PageInfo
from civicnews.page_items import TextRun
from civicnews.rules import load_rules
from civicnews.settings import SETTINGS
from hypothesis import given, settings
from hypothesis import strategies as st

LEFT = ["本报讯 城南街道近日开展老旧小", "区环境整治，清运垃圾三十余车，", "并对楼道堆物逐户上门劝导整", "改。"]
RIGHT = ["今天河西镇举办首届乡村邻里文化", "节，村民们欢聚一堂，共叙邻里情", "谊，现场还评出十户和睦家庭代", "表。"]
INTERLEAVED = [x for pair in zip(LEFT, RIGHT, strict=True) for x in pair]

# CJK that forms words, marks that end them, and the radicals pdfminer prints for CJK
_CHARS = "城南街道开展老旧小区环境整治清运垃圾楼上门劝导改今天河西镇举办乡村邻里文化节，。、⼯⼈"


def test_two_columns_printed_interleaved_are_read_down() -> None:
    assert line_chains.read_story_down(INTERLEAVED) == [*LEFT, *RIGHT]


def test_plain_order_is_left_as_it_came() -> None:
    lines = [*LEFT, *RIGHT]
    assert line_chains.read_story_down(lines) is lines


def test_build_article_reads_the_story_down_unless_switched_off() -> None:
    rules = load_rules()
    read = build_article(TextRun(fresh=True, sections=[(None, list(INTERLEAVED))]), 0, PageInfo(file="x.txt"), rules)
    # the words broken at the column ends are whole again
    mended = ("老旧小区", "整改", "邻里情谊", "家庭代表")
    assert all(w in "".join(read.sections[0].paragraphs) for w in mended)
    object.__setattr__(SETTINGS, "story_chains", False)
    try:
        kept = build_article(TextRun(fresh=True, sections=[(None, list(INTERLEAVED))]), 0, PageInfo(file="x.txt"), rules)
    finally:
        object.__setattr__(SETTINGS, "story_chains", True)
    assert not any(w in "".join(kept.sections[0].paragraphs) for w in mended)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_CHARS, min_size=1, max_size=16), max_size=14))
def test_a_story_is_only_reordered(lines: list[str]) -> None:
    """Whatever the lines, the story keeps every line once: only their order may change."""
    out = line_chains.read_story_down(lines)
    assert sorted(out) == sorted(lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.booleans()), max_size=30))
def test_chains_visit_each_line_once(rows: list[tuple[int, bool]]) -> None:
    periods = [p for p, _ in rows]
    assert sorted(line_chains.chain_order(periods, [a for _, a in rows])) == list(range(len(rows)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=4, max_size=4), max_size=20))
def test_periods_are_one_a_line_within_range(hits: list[list[bool]]) -> None:
    periods = line_chains.line_periods(hits, 3.4, 2.3, -0.47)
    assert len(periods) == len(hits) and all(1 <= p <= 4 for p in periods)
