"""Hypothesis strategies for the page generator: layout parameters, gold text, whole pages.

Story text is loaded lazily (``st.deferred``) so that importing this module works even where
../shared is absent; tests that draw from it skip themselves first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from civicnews.fit import pagegen
from hypothesis import strategies as st

# Characters the text stages meet: CJK from the gold, the marks the seeds print (full- and
# half-width), digits, Latin letters and spaces.
_UNCLEAN = re.compile(r"[ ,:;!?()]|\.\.\.")
MARKS = "，。、；：？！（）《》“”‘’…⋯—·,.;:?!()%+"
ASCII = "0123456789APIT"


@lru_cache(maxsize=1)
def _gold() -> list[dict]:
    """The stories of the corpus's fitting part and the seeds' gold, read once."""
    return pagegen.load_pool("fit")


@lru_cache(maxsize=1)
def gold_paragraph_list() -> list[str]:
    """Every clean paragraph of the stories, in order. Paragraphs with a space, half-width marks
    or a dotted ellipsis (some corpus sites print 99.7%,297 or ......) are left out: the
    properties are stated for clean text, whose punctuation is all full-width."""
    return [p for a in _gold() for p in a["paragraphs"] if not _UNCLEAN.search(p)]


@lru_cache(maxsize=1)
def gold_headline_list() -> list[str]:
    """Every kicker, title, subtitle and subhead of the gold, and their space-separated parts."""
    out: list[str] = []
    for a in _gold():
        for h in [a.get("kicker"), a.get("title"), a.get("subtitle"), *(a.get("subheads") or [])]:
            if h:
                out.append(h)
                out.extend(h.split(" ") if " " in h else [])
    return sorted(set(out))


@lru_cache(maxsize=1)
def gold_credit_list() -> list[str]:
    """Every credit the gold's stories could print, in each printed form."""
    out: list[str] = []
    for a in _gold():
        reporters, roles = a.get("reporters") or [], a.get("roles") or {}
        if not reporters:
            continue
        inner = pagegen.credit_inner(reporters, roles)
        out += [inner, pagegen.format_group_byline(reporters, roles)]
        for dateline in ([a["dateline"]] if a.get("dateline") else []):
            out += [pagegen.format_dateline(dateline, inner, half) for half in (False, True)]
    return sorted(set(out))


@lru_cache(maxsize=1)
def cjk_alphabet() -> str:
    """The CJK characters of the gold paragraphs."""
    return "".join(sorted({c for p in gold_paragraph_list() for c in p if pagegen.CJK.match(c)}))


def gold_paragraphs() -> st.SearchStrategy[str]:
    """One clean gold paragraph."""
    return st.deferred(lambda: st.sampled_from(gold_paragraph_list()))


def gold_headlines() -> st.SearchStrategy[str]:
    """One gold headline part or subhead."""
    return st.deferred(lambda: st.sampled_from(gold_headline_list()))


def gold_credits() -> st.SearchStrategy[str]:
    """One credit line as a page prints it (本报讯（记者 严嘉慧）, 融媒记者 潘燕佳, ■…)."""
    return st.deferred(lambda: st.sampled_from(gold_credit_list()))


def gold_lines(min_width: int = 3, max_width: int = 42) -> st.SearchStrategy[str]:
    """One printed line of a gold paragraph broken at a drawn column width."""
    @st.composite
    def draw(data: st.DrawFn) -> str:
        para = data(gold_paragraphs())
        width = data(column_widths(min_width, max_width))
        lines = pagegen.break_column(para, width)
        return data(st.sampled_from(lines))

    return draw()


def column_widths(lo: int = 3, hi: int = 42) -> st.SearchStrategy[int]:
    """A column width in cells, weighted like the seeds: mostly 10–20, some narrow or wide."""
    return st.one_of(
        st.integers(max(lo, 10), min(hi, 20)),
        st.integers(lo, hi),
    )


def cjk_text(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """A run of Chinese characters from the gold's alphabet."""
    return st.deferred(lambda: st.text(alphabet=cjk_alphabet(), min_size=min_size,
                                       max_size=max_size))


def mixed_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Chinese text with marks of both widths, digits, Latin letters and spaces."""
    return st.deferred(lambda: st.text(
        alphabet=st.sampled_from(cjk_alphabet()[:200]) | st.sampled_from(MARKS + ASCII + " "),
        max_size=max_size))


def damage_sets() -> st.SearchStrategy[frozenset[str]]:
    """Which damage kinds a page may use: all, none, or any subset."""
    names = sorted(pagegen.DAMAGE)
    return st.one_of(st.just(frozenset(names)), st.just(frozenset()),
                     st.frozensets(st.sampled_from(names)))


def page_configs() -> st.SearchStrategy[pagegen.PageConfig]:
    """The layout parameters of one page."""
    return st.builds(
        pagegen.PageConfig,
        n_articles=st.none() | st.integers(1, 4),
        width=st.none() | st.just(0) | column_widths(3, 42),
        damage=st.none() | damage_sets(),
        furniture=st.booleans(),
    )


def page_seeds() -> st.SearchStrategy[int]:
    """A seed for the page's random layout."""
    return st.integers(0, 2**32 - 1)


def generated_pages() -> st.SearchStrategy[pagegen.GeneratedPage]:
    """A whole generated page, drawn from a seed and a layout config."""
    return st.deferred(lambda: st.builds(
        lambda seed, config: pagegen.generate_page(seed, config, _gold()),
        page_seeds(), page_configs()))
