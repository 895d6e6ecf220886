"""related_articles walks candidates lazily; its choice must be that of scoring every one."""

from __future__ import annotations

import heapq
import os
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from civicnews.site import related
from civicnews.site.articles import ArticleMeta
from hypothesis import given, settings
from hypothesis import strategies as st


def reference(articles: list[ArticleMeta], terms: dict[str, frozenset[str]],
              limit: int = related.RELATED_MAX) -> dict[str, list[str]]:
    """The plain algorithm: every candidate of every key scored, all of them heaped."""
    weights = related._term_weights(terms)
    keys = {a.id: related._keys(a, terms[a.id], weights) for a in articles}
    index: dict[str, list[ArticleMeta]] = defaultdict(list)
    for art in articles:
        for key in keys[art.id]:
            index[key].append(art)
    day = {a.id: (a.day.toordinal() if a.day else None) for a in articles}
    out = {}
    for art in articles:
        scores: dict[str, float] = {}
        by_id: dict[str, ArticleMeta] = {}
        topical: set[str] = set()
        for key, weight in keys[art.id].items():
            for other in index[key]:
                if other.id == art.id:
                    continue
                scores[other.id] = scores.get(other.id, 0.0) + weight
                by_id[other.id] = other
                if not key.startswith("d:"):
                    topical.add(other.id)
        mine = day[art.id]
        ranked = [(-round(scores[o], 6),
                   10**6 if mine is None or day[o] is None else abs(mine - day[o]),  # type: ignore[operator]
                   o, other) for o, other in by_id.items()]
        heapq.heapify(ranked)
        seen = {art.title} if art.title else set()
        chosen: list[ArticleMeta] = []
        rest: list[ArticleMeta] = []
        left = len(topical)
        while ranked and len(chosen) < limit:
            if left == 0 and len(rest) >= related.RELATED_MIN - len(chosen):
                break
            _s, _g, oid, other = heapq.heappop(ranked)
            left -= oid in topical
            if other.title and other.title in seen:
                continue
            seen.add(other.title)
            (chosen if oid in topical else rest).append(other)
        if len(chosen) < related.RELATED_MIN:
            chosen += rest[:related.RELATED_MIN - len(chosen)]
        out[art.id] = [a.id for a in chosen]
    return out


_article = st.fixed_dictionaries({
    "day": st.none() | st.integers(0, 40),
    "title": st.sampled_from(["", "甲", "乙", "丙", "丁", "戊"]),
    "campaigns": st.lists(st.sampled_from(["创卫", "扫黑", "治水"]), max_size=2, unique=True),
    "districts": st.lists(st.sampled_from(["城区", "东乡", "西乡", "南镇"]), max_size=3,
                          unique=True),
    "terms": st.frozensets(st.sampled_from([f"词{i}" for i in range(12)]), max_size=4),
})


@settings(max_examples=150, deadline=None)
@given(st.lists(_article, max_size=60), st.sampled_from([0.08, 0.5, 1.0]),
       st.sampled_from([1, 2, 5, related.HEAD_SCORED]))
def test_the_lazy_choice_is_the_choice_of_scoring_everyone(rows: list[dict], share: float,
                                                           head: int) -> None:
    arts, terms = [], {}
    for number, row in enumerate(rows):
        when = None if row["day"] is None else (date(2021, 3, 1)
                                                 + timedelta(days=row["day"])).isoformat()
        art = ArticleMeta(id=f"a{(number * 37) % 101:03d}-{number}", title=row["title"],
                          date=when, campaigns=tuple(row["campaigns"]),
                          districts=tuple(row["districts"]))
        arts.append(art)
        terms[art.id] = row["terms"]
    old = related.TERM_MAX_SHARE, related.HEAD_SCORED
    related.TERM_MAX_SHARE = share  # more shared key terms than the real threshold lets in
    related.HEAD_SCORED = head  # a few candidates sorted first, then all (_by_score)
    try:
        got = related.related_articles(arts, terms=terms)
        want = reference(arts, terms)
    finally:
        related.TERM_MAX_SHARE, related.HEAD_SCORED = old
    assert {k: [a.id for a in v] for k, v in got.items()} == want


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0.0, 1.5, 3.0, 4.5]),
                          st.sampled_from([0.0, 1e-7, 4e-7, 5e-7, 6e-7, 1e-6, 1.2e-6, 1.4e-6,
                                           2e-6, 3e-6, 3.2e-6, 2.3]),
                          st.integers(0, 9)), min_size=1, max_size=80),
       st.integers(1, 10), st.booleans())
def test_candidates_sorted_from_the_best_few_come_in_the_order_of_sorting_all(
        rows: list[tuple[float, float, int]], head: int, negative: bool) -> None:
    """_by_score gives every candidate, in the same order, whether the best ``head`` are
    sorted first or all at once: scores that round alike (round(score, 6)) across the cut,
    equal scores, equal days."""
    import numpy as np

    arts = [ArticleMeta(id=f"a{n:02d}", title="", date=f"2021-03-{day + 1:02d}")
            for n, (_b, _e, day) in enumerate(rows)]
    day = {a.id: a.day.toordinal() if a.day else None for a in arts}
    raw = np.array([(b + e) * (-1 if negative else 1) for b, e, _d in rows])
    candidates = np.arange(len(arts), dtype=np.intp)
    mine = date(2021, 3, 5).toordinal()
    old = related.HEAD_SCORED
    try:
        related.HEAD_SCORED = 10**9
        want = [r[:3] for r in related._by_score(candidates, raw, arts, mine, day)]
        related.HEAD_SCORED = head
        got = [r[:3] for r in related._by_score(candidates, raw, arts, mine, day)]
    finally:
        related.HEAD_SCORED = old
    assert got == want and len(got) == len(arts)



@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([-4.5, -3.0, -1.5]), st.integers(0, 3)),
                max_size=12, unique=True),
       st.lists(st.tuples(st.sampled_from([-3.0, -1.5, -0.0]), st.integers(0, 3)),
                max_size=12, unique=True),
       st.sampled_from([-4.5, -3.0, -1.5, -0.0]), st.integers(0, 14))
def test_the_stream_started_late_gives_the_order_of_merging_at_once(
        scored: list[tuple[float, int]], streamed: list[tuple[float, int]], bound: float,
        drawn: int) -> None:
    """_merged draws what heapq.merge does, ties at the bound included, and starts the
    stream only once a scored candidate reaches the bound (or they run out)."""
    import itertools

    import numpy as np

    streamed = [row for row in streamed if row[0] >= bound]  # the bound's promise
    ranked = sorted((neg, gap, f"s{n}", True, None) for n, (neg, gap) in enumerate(scored))
    rest = sorted((neg, gap, f"r{n}", False, None) for n, (neg, gap) in enumerate(streamed))

    class Profiles:
        started = False

        def stream(self, *_args, **_kwargs):
            self.started = True
            return iter(rest)

    groups = Profiles()
    late = related._Rest(groups, 0, None, set(), "me", np.zeros(1, dtype=np.uint8),  # type: ignore[arg-type]
                         np.zeros(0, dtype=np.intp))
    got = list(itertools.islice(related._merged(iter(ranked), late, bound), drawn))
    assert got == list(itertools.islice(heapq.merge(ranked, rest), drawn))
    before = sum(row[0] < bound for row in ranked)
    assert groups.started == (drawn > before)


def test_headlines_segmented_apart_are_segmented_as_here(tmp_path: Path) -> None:
    texts = ["垃圾分类进小区", "开发区建设提速 永康 agile 2023年", ""]
    apart = related.segment_apart(texts)
    assert apart == {t: sorted(related.terms_of(t)) for t in texts}
    # with jieba's dictionary kept in a cache (made by the first helper, read by the second)
    for _ in range(2):
        assert related.segment_apart(texts, tmp_path) == apart
    assert list((tmp_path / "jieba").glob("words-*.pickle"))


def _site(count: int) -> tuple[list[ArticleMeta], dict[str, frozenset[str]]]:
    """Articles sharing campaigns, districts and terms in many ways (a fixed pattern)."""
    arts, terms = [], {}
    for n in range(count):
        art = ArticleMeta(id=f"x{n:03d}", title=f"题{n % 17}",
                          date=(date(2022, 1, 1) + timedelta(days=n % 23)).isoformat()
                          if n % 9 else None,
                          campaigns=("创卫",) if n % 5 == 0 else (),
                          districts=tuple(d for i, d in enumerate(["城区", "东乡", "西乡"])
                                          if n % (i + 2) == 0))
        arts.append(art)
        terms[art.id] = frozenset(f"词{(n * k) % 13}" for k in (1, 3, 7))
    return arts, terms


def test_related_news_from_a_child_process_is_the_same(monkeypatch) -> None:
    """RelatedApart's child hands back the choice made here, by the same article objects;
    without fork (or below its minimum) it works it out here."""
    arts, terms = _site(120)
    here = related.related_articles(arts, terms=terms)
    apart = related.RelatedApart(arts, terms, minimum=1)
    assert apart._pid is not None  # a child was started
    got = apart.result()
    assert got == here
    assert all(a is b for k in here for a, b in zip(got[k], here[k], strict=True))
    assert related.RelatedApart(arts, terms, minimum=len(arts) + 1)._pid is None

    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(related.os, "fork", no_fork)
    assert related.RelatedApart(arts, terms, minimum=1).result() == here


def test_calls_after_related_news_are_made_by_the_child_or_left_pending(
        tmp_path: Path, monkeypatch) -> None:
    """RelatedApart's ``after`` calls (the site build's memo writes): a child makes them once
    it handed its result back, and close() waits for them; none is pending here. Without a
    child all are pending; a child that failed leaves them unmade (and related news to
    result(), which works it out here)."""
    arts, terms = _site(40)
    here = related.related_articles(arts, terms=terms)
    mark = tmp_path / "made"

    def write() -> None:
        time.sleep(0.3)  # still writing when its result is taken
        with mark.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")

    apart = related.RelatedApart(arts, terms, minimum=1, after=[write])
    assert apart._pid is not None and apart.pending == []
    child = apart._pid
    assert apart.result() == here
    apart.close()  # waits for the child's calls
    assert mark.read_text(encoding="utf-8").split() == [str(child)]  # made once, by the child
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # reaped
    mark.unlink()
    alone = related.RelatedApart(arts, terms, minimum=len(arts) + 1, after=[write])
    assert alone.pending == [write]
    assert alone.result() == here and not mark.exists()  # the caller's to make
    parent = os.getpid()
    work = related.related_articles

    def fails_in_the_child(*args: object, **kwargs: object) -> object:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return work(*args, **kwargs)

    monkeypatch.setattr(related, "related_articles", fails_in_the_child)
    failing = related.RelatedApart(arts, terms, minimum=1, after=[write])
    assert failing.pending == []
    assert failing.result() == here
    failing.close()
    assert not mark.exists()  # a memo left for the next build


def test_a_child_whose_result_is_not_wanted_is_stopped() -> None:
    arts, terms = _site(60)
    apart = related.RelatedApart(arts, terms, minimum=1)
    pid = apart._pid
    assert pid is not None
    apart.close()
    try:
        os.waitpid(pid, os.WNOHANG)
        reaped = False
    except ChildProcessError:
        reaped = True
    assert reaped and apart._pid is None
    assert apart.result() == related.related_articles(arts, terms=terms)


def test_neighbours_from_placings_worked_out_before_are_the_same() -> None:
    """The date-only part (placings), worked out before related news is known, gives the same
    neighbours as worked out with it; a placing of other articles would show."""
    arts, terms = _site(90)
    found = related.related_articles(arts, terms=terms)
    whole = related.neighbours(arts, related=found)
    assert related.neighbours(arts, related=found, placed=related.placings(arts)) == whole
    assert related.neighbours(arts, terms=terms) == whole
    assert any(n.older or n.newer for n in whole.values())
    assert any(n.in_district for n in whole.values())
    other = related.placings(list(reversed(arts[1:])) + arts[:1])
    assert related.neighbours(arts, related=found, placed=other) == whole  # order-free
    shifted = related.placings([a for a in arts if a.id != "x001"])
    shifted["x001"] = (None, None, ())
    assert related.neighbours(arts, related=found, placed=shifted) != whole
