"""上一篇/下一篇 and 相关新闻 for article pages, computed once per build from all articles.

Pure and deterministic: the same articles give the same neighbours on every build. Related
articles are scored by what they share with the article: campaigns weigh most (a 专题 is a
deliberate grouping by the editors), then districts, then headline key terms weighted by how rare
they are (a word in every third headline says little). Candidates come from an inverted index,
so no article is compared with every other one.
"""

from __future__ import annotations

import heapq
import json
import logging
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .articles import ArticleMeta

RELATED_MAX = 5  # the issue asks for 3–5; five fill a phone screen below the article
RELATED_MIN = 3  # fewer scored matches are topped up with the nearest articles of a district
CAMPAIGN_WEIGHT = 3.0  # set so one shared 专题 outweighs a shared district plus a common word
DISTRICT_WEIGHT = 1.5  # a shared district alone (永康市 has hundreds) is a weak tie
TERM_MIN_CHARS = 2  # single characters (的, 市, 区) are not key terms
# A headline word in more than this share of articles is not a key term: chosen so that 永康,
# 企业, 工作 (in roughly a tenth of the seed headlines each) do not count.
TERM_MAX_SHARE = 0.08
_CJK_OR_WORD = re.compile(r"\w")
TERMS_VERSION = 1  # bump when headline_terms changes: the cached segmentations are redone


@dataclass(frozen=True)
class Neighbours:
    """What an article page links to besides itself: older, newer and related articles."""

    older: ArticleMeta | None = None  # 上一篇: the one published just before
    newer: ArticleMeta | None = None  # 下一篇: the one published just after
    related: tuple[ArticleMeta, ...] = ()
    # The same within each of the article's districts: (district, older, newer).
    in_district: tuple[tuple[str, ArticleMeta | None, ArticleMeta | None], ...] = ()


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    """jieba's word segmenter, loaded once and quietly."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut


def _headline(art: ArticleMeta) -> str:
    return " ".join(t for t in (art.kicker, art.title, art.subtitle) if t)


def _terms_of(text: str) -> frozenset[str]:
    return frozenset(w for w in _segmenter()(text)
                     if len(w) >= TERM_MIN_CHARS and _CJK_OR_WORD.match(w))


def headline_terms(art: ArticleMeta) -> frozenset[str]:
    """Words of two or more characters from the kicker, title and subtitle.

    >>> sorted(headline_terms(ArticleMeta(id="x", title="垃圾分类进小区")))
    ['分类', '垃圾', '小区']
    """
    return _terms_of(_headline(art))


def cached_terms(articles: Sequence[ArticleMeta], cache_file: Path | None
                 ) -> dict[str, frozenset[str]]:
    """``headline_terms`` of every article through a file of segmented headlines: jieba
    (1–2 s to load its dictionary) runs only when a headline is new, so a rebuild after one
    new page does not load it at all. A cache that cannot be read or written only costs time.
    """
    try:
        import jieba

        version = getattr(jieba, "__version__", "?")
    except ImportError:  # pragma: no cover - a dependency
        version = "?"
    known: dict[str, list[str]] = {}
    if cache_file is not None:
        try:
            data = json.loads(cache_file.read_text(encoding="utf-8"))
            if data.get("version") == [TERMS_VERSION, version, TERM_MIN_CHARS]:
                known = data["terms"]
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            known = {}
    out: dict[str, frozenset[str]] = {}
    used: dict[str, list[str]] = {}
    for art in articles:
        text = _headline(art)
        if text not in used:
            used[text] = known[text] if text in known else sorted(_terms_of(text))
        out[art.id] = frozenset(used[text])
    if cache_file is not None and used.keys() != known.keys():
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": [TERMS_VERSION, version, TERM_MIN_CHARS],
                                       "terms": dict(sorted(used.items()))},
                                      ensure_ascii=False), encoding="utf-8")
            tmp.replace(cache_file)
        except OSError:
            pass
    return out


def chronological(articles: Sequence[ArticleMeta]) -> list[ArticleMeta]:
    """Dated articles oldest first; ties keep page and reading order (then id).

    >>> [a.id for a in chronological([ArticleMeta(id="b", title="", date="2023-01-02"),
    ...     ArticleMeta(id="u", title=""), ArticleMeta(id="a", title="", date="2023-01-01")])]
    ['a', 'b']
    """
    dated = [a for a in articles if a.day]
    return sorted(dated, key=lambda a: (a.date or "", a.source.file, a.source.order, a.id))


def _term_weights(terms: dict[str, frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each headline term that is rare enough to count."""
    df: dict[str, int] = defaultdict(int)
    for words in terms.values():
        for w in words:
            df[w] += 1
    n = max(len(terms), 1)
    return {w: math.log(n / c) for w, c in df.items()
            if c > 1 and c / n <= TERM_MAX_SHARE}


def _keys(art: ArticleMeta, terms: frozenset[str],
          weights: dict[str, float]) -> dict[str, float]:
    """What an article can share with another, each with its weight."""
    keys = {f"c:{c}": CAMPAIGN_WEIGHT for c in art.campaigns}
    keys.update({f"d:{d}": DISTRICT_WEIGHT for d in art.districts})
    keys.update({f"t:{w}": weights[w] for w in terms if w in weights})
    return keys


def related_articles(articles: Sequence[ArticleMeta], limit: int = RELATED_MAX,
                     terms: Mapping[str, frozenset[str]] | None = None
                     ) -> dict[str, tuple[ArticleMeta, ...]]:
    """Up to ``limit`` related articles for each article id, best first (``terms``: each
    article's ``headline_terms`` when already known, see ``cached_terms``).

    Ties (and the top-up to RELATED_MIN from the article's districts) go to the article closest
    in date, then to the smaller id, so the choice never depends on input order.
    """
    if terms is None:
        terms = {a.id: headline_terms(a) for a in articles}
    weights = _term_weights(terms)
    keys = {a.id: _keys(a, terms[a.id], weights) for a in articles}
    index: dict[str, list[ArticleMeta]] = defaultdict(list)
    for art in articles:
        for key in keys[art.id]:
            index[key].append(art)
    day = {a.id: (a.day.toordinal() if a.day else None) for a in articles}
    members = {key: [(a.id, a) for a in arts] for key, arts in index.items()}
    out: dict[str, tuple[ArticleMeta, ...]] = {}
    for art in articles:
        me = art.id
        scores: dict[str, float] = {}
        by_id: dict[str, ArticleMeta] = {}
        topical: set[str] = set()  # shares a campaign or a key term, not only a place
        for key, weight in keys[me].items():
            pairs = members[key]
            for oid, other in pairs:  # the same sums in the same order as one pair at a time
                scores[oid] = scores.get(oid, 0.0) + weight
                by_id[oid] = other
            if not key.startswith("d:"):
                topical.update(oid for oid, _ in pairs)
        # The article is in each of its own keys' lists: counted with the others above (a test
        # per candidate was a third of this function's time), and taken out here.
        scores.pop(me, None)
        by_id.pop(me, None)
        topical.discard(me)
        mine = day[me]
        if mine is None:
            ranked = [(-round(scores[oid], 6), 10**6, oid, other) for oid, other in by_id.items()]
        else:
            ranked = [(-round(scores[oid], 6), 10**6 if day[oid] is None else abs(mine - day[oid]),  # type: ignore[operator]
                       oid, other) for oid, other in by_id.items()]
        out[me] = _pick(ranked, topical, art.title, limit)
    return out


def _pick(ranked: list[tuple[float, int, str, ArticleMeta]], topical: set[str], own: str,
          limit: int) -> tuple[ArticleMeta, ...]:
    """The related articles from scored candidates (score, day gap, id, article; smallest
    first): the best ``limit`` topical ones with distinct headlines (a reprint or a 续 page
    under the same headline is the same story), topped up to RELATED_MIN with the best of the
    rest. Candidates are popped from a heap only as far as needed: a district of hundreds of
    articles is never sorted whole (it was most of a rebuild's time at 1,000 articles)."""
    heapq.heapify(ranked)
    seen = {own} if own else set()
    chosen: list[ArticleMeta] = []
    rest: list[ArticleMeta] = []
    topical_left = len(topical)
    while ranked and len(chosen) < limit:
        if topical_left == 0 and len(rest) >= RELATED_MIN - len(chosen):
            break  # no topical candidate left; enough of the rest for the top-up
        _score, _gap, oid, other = heapq.heappop(ranked)
        is_topical = oid in topical
        topical_left -= is_topical
        if other.title and other.title in seen:
            continue
        seen.add(other.title)
        (chosen if is_topical else rest).append(other)
    if len(chosen) < RELATED_MIN:  # top up with same-district articles nearest in date
        chosen += rest[:RELATED_MIN - len(chosen)]
    return tuple(chosen)


def neighbours(articles: Sequence[ArticleMeta],
               terms: Mapping[str, frozenset[str]] | None = None) -> dict[str, Neighbours]:
    """上一篇/下一篇 by date over the whole site and within each district, and 相关新闻, for
    every article id."""
    order = chronological(articles)
    related = related_articles(articles, terms=terms)
    around = _around(order)
    local: dict[str, list[tuple[str, ArticleMeta | None, ArticleMeta | None]]] = defaultdict(list)
    per_district: dict[str, list[ArticleMeta]] = defaultdict(list)
    for art in order:
        for name in dict.fromkeys(art.districts):
            per_district[name].append(art)
    for name, arts in sorted(per_district.items()):
        for art_id, (older, newer) in _around(arts).items():
            local[art_id].append((name, older, newer))
    out = {}
    for art in articles:
        older, newer = around.get(art.id, (None, None))
        mine = tuple(sorted(local.get(art.id, []), key=lambda t: art.districts.index(t[0])))
        out[art.id] = Neighbours(older=older, newer=newer, related=related.get(art.id, ()),
                                 in_district=mine)
    return out


def _around(order: Sequence[ArticleMeta]) -> dict[str, tuple[ArticleMeta | None,
                                                                ArticleMeta | None]]:
    """Each article's predecessor and successor in a chronological list."""
    return {a.id: (order[i - 1] if i > 0 else None,
                   order[i + 1] if i + 1 < len(order) else None) for i, a in enumerate(order)}
