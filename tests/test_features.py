"""Unit tests of the features stage: what the line-role model sees of each line."""

from __future__ import annotations

from unittest.mock import patch

from civicnews import features
from civicnews.lines import split_lines
from civicnews.model import Line
from civicnews.rules import load_rules
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Characters for generated pages: a few CJK (so that lines share bigrams), marks, digits.
_PAGE_CHARS = "创卫攻坚全力推进城东街道，。：“”（）3月 "


def _shared_share_by_definition(texts: list[str]) -> tuple[list[float], list[float]]:
    """shared_share as its docstring states it, by scanning each bigram's window: found after
    (before) line i when a line within CONTENT_WINDOW after (before) it with other text has it."""
    grams = [features.bigrams(t) for t in texts]
    after, before = [], []
    for i, mine in enumerate(grams):
        near = [k for k in range(max(0, i - features.CONTENT_WINDOW),
                                 min(len(texts), i + features.CONTENT_WINDOW + 1))
                if texts[k] != texts[i]]
        hits_after = sum(any(g in grams[k] for k in near if k > i) for g in mine)
        hits_before = sum(any(g in grams[k] for k in near if k < i) for g in mine)
        after.append(hits_after / len(mine) if mine else 0.0)
        before.append(hits_before / len(mine) if mine else 0.0)
    return after, before


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_PAGE_CHARS, max_size=8), max_size=40), st.data(),
       st.sampled_from([1, 2, 3, 5, features.CONTENT_WINDOW]))
def test_shared_share_is_its_definition(texts: list[str], data: st.DataObject, window: int) -> None:
    if texts:  # lines printed twice (twins) are counted apart
        texts += data.draw(st.lists(st.sampled_from(texts), max_size=4))
    grams = [features.bigrams(t) for t in texts]
    # small windows too, so that the window's edges are met on short pages
    with patch.object(features, "CONTENT_WINDOW", window):
        assert features.shared_share(grams, texts) == _shared_share_by_definition(texts)


def _rows_by_registry(lines: list[Line]) -> list[list[str]]:
    """page_features spelt out from the registry, line by line (the layout the model was fitted
    on): bias, the line's own features, each neighbour's shapes prefixed with its offset."""
    named = [features.line_features(v) for v in features.page_views(lines, load_rules())]
    rows = []
    for i, own in enumerate(named):
        row = ["bias", *(f for fs in own.values() for f in fs)]
        for d in features.NEIGHBOURS:
            if 0 <= i + d < len(named):
                row += [f"{d:+d}:{f}" for name in features.NEIGHBOUR_FEATURES for f in named[i + d][name]]
            else:
                row.append(f"{d:+d}:none")
        rows.append(row)
    return rows


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(_PAGE_CHARS, min_size=1, max_size=30).filter(str.strip), max_size=12))
def test_page_features_are_the_registry_rows(texts: list[str]) -> None:
    lines = split_lines("\n".join(texts))
    assert features.page_features(lines, load_rules()) == _rows_by_registry(lines)
    assert features.page_features(split_lines(PAGE), load_rules()) == _rows_by_registry(split_lines(PAGE))


def test_a_web_address_is_furniture_a_headline_naming_a_site_is_not() -> None:
    from civicnews.rules import load_rules

    furniture = load_rules().furniture_any
    assert furniture.fullmatch("瑞安新闻网：www.ruian.gov.cn") and furniture.fullmatch("http://news.example.cn/epaper")
    assert not furniture.fullmatch("县融媒体中心新闻网上线一周年")


def test_a_page_editors_credit_without_a_colon_is_furniture() -> None:
    from civicnews.rules import load_rules

    furniture = load_rules().furniture_any
    assert furniture.fullmatch("本版编辑 朱芳") and furniture.fullmatch("责任编辑李小明")
    assert not furniture.fullmatch("本版编辑的话") and not furniture.fullmatch("编辑部召开座谈会")


def test_any_hotline_with_its_number_is_furniture_a_headline_about_one_is_not() -> None:
    from civicnews.rules import load_rules

    furniture = load_rules().furniture_any
    assert furniture.fullmatch("报料热线：0579-77009250") and furniture.fullmatch("监督电话：12345")
    assert not furniture.fullmatch("开通便民热线 服务群众") and not furniture.fullmatch("热线电话解民忧")


def test_a_pages_section_name_alone_is_furniture_a_headline_naming_news_is_not() -> None:
    from civicnews.rules import load_rules

    furniture = load_rules().furniture_any
    assert furniture.fullmatch("综合新闻") and furniture.fullmatch("基层动态")
    assert not furniture.fullmatch("县融媒体中心发布新闻") and not furniture.fullmatch("我市开展记者进社区活动")


def test_a_lines_shape_names_are_shared_not_made_for_each_line() -> None:
    """The shapes of every line are kept as the keys of features' _shifted cache: two lines of
    the same shape hold one name each shape, not a copy each (a worker's memory)."""
    one = features._view("多领域全面发动", after=0.7, before=0.0)
    two = features._view("垃圾分类 人人有责，会上", after=0.9, before=0.0)
    for fn in (features.width_ratio, features.inner_punctuation, features.phrases,
               features.shared_words):
        for a, b in zip(fn(one), fn(two), strict=False):
            assert a != b or a is b, (fn.__name__, a)
    assert features.shared_words(one)[0] is features.shared_words(two)[0]


def test_bucketed_features_index_their_names_as_bucket_does() -> None:
    """width_ratio and shared_words index their names by bisection directly: the same name as
    _bucket for every value, the edges, between them, beyond them and NaN."""
    from civicnews import features as f

    for edges, names in ((f._FILL_EDGES, f._FILL), (f._SHARE_EDGES, f._AFTER), (f._SHARE_EDGES, f._BEFORE)):
        assert len(names) == len(edges) + 1
        values = [*edges, *(e - 1e-9 for e in edges), *(e + 1e-9 for e in edges), -1.0, 0.0, 99.0,
                  float("nan"), float("inf")]
        for value in values:
            assert names[f.bisect.bisect_right(edges, value)] == f._bucket(value, edges, names)
