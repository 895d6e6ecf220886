"""Unit tests of the features stage: what the line-role model sees of each line."""

from __future__ import annotations

from civicnews import features
from civicnews.lines import split_lines
from civicnews.model import Line
from civicnews.rules import load_rules

PAGE = """城东日报
2024年3月5日 星期二

城东街道开展垃圾分类宣传

本报讯（记者 王伟）近日，城东街道组织
志愿者走进小区开展垃圾分类宣传，引导居
民分类投放。
作者 孙丽
"""


def test_every_feature_function_has_a_doctest() -> None:
    for name, fn in features.FEATURES.items():
        assert fn.__doc__ and ">>>" in fn.__doc__, name
    assert set(features.NEIGHBOUR_FEATURES) <= set(features.FEATURES)


def test_page_features_one_row_per_line_with_neighbours() -> None:
    lines = split_lines(PAGE)
    rows = features.page_features(lines, load_rules())
    assert len(rows) == len(lines)
    assert "-1:none" in rows[0] and "+1:none" in rows[-1]
    assert any(f.startswith("+1:") for f in rows[1])
    assert "date_strip" in rows[1] and "dateline" in rows[3] and "credit_line" in rows[-1]


def test_a_headline_shares_words_with_the_text_after_it_a_masthead_none() -> None:
    lines = split_lines(PAGE)
    views = features.page_views(lines, load_rules())
    title = next(v for v in views if v.line.text == "城东街道开展垃圾分类宣传")
    masthead = views[0]
    assert title.after > 0.5 and masthead.after < title.after
    assert "after=high" in features.shared_words(title)


def test_a_line_printed_twice_is_not_its_own_evidence() -> None:
    # built as lines directly: the line stage folds a whole-line reprint into one line
    lines = [Line(n, t, t) for n, t in enumerate(["城东街道开展宣传", "城东街道开展宣传", "近日，城东街道开展宣传。"], 1)]
    after, _ = features.shared_share([features.bigrams(x.text) for x in lines], [x.text for x in lines])
    assert after[0] == 1.0  # found in the text line, not just in its own second print
    assert "same_as_next" in features.repeated(features.page_views(lines, None)[0])


def test_features_are_deterministic() -> None:
    lines = split_lines(PAGE)
    assert features.page_features(lines, load_rules()) == features.page_features(split_lines(PAGE), load_rules())
