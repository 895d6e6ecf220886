"""上一篇/下一篇 and 相关新闻 for article pages, computed once per build from all articles.

Pure and deterministic: the same articles give the same neighbours on every build. Related
articles are scored by what they share with the article: campaigns weigh most (a 专题 is a
deliberate grouping by the editors), then districts, then headline key terms weighted by how rare
they are (a word in every third headline says little). Candidates come from an inverted index,
so no article is compared with every other one.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import heapq
import itertools
import json
import math
import os
import pickle
import re
import signal
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from .articles import ArticleMeta

# numpy is imported in the functions that use it: the site build forks its extraction workers
# from the process that has imported this module, and numpy at import was 16 MB of each.
if TYPE_CHECKING:
    import numpy as np

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


def _segmenter() -> Callable[[str], list[str]]:
    """jieba's word segmenter on its compact dictionary (wordlist), loaded once."""
    from .. import wordlist

    return wordlist.segmenter()


def headline_text(kicker: str | None, title: str | None, subtitle: str | None) -> str:
    """The headline line key terms are taken from (the extraction workers join it too)."""
    return " ".join(t for t in (kicker, title, subtitle) if t)


def _headline(art: ArticleMeta) -> str:
    return headline_text(art.kicker, art.title, art.subtitle)


def terms_of(text: str) -> frozenset[str]:
    """The key terms of a headline line: its words of TERM_MIN_CHARS or more."""
    return frozenset(w for w in _segmenter()(text)
                     if len(w) >= TERM_MIN_CHARS and _CJK_OR_WORD.match(w))



def headline_terms(art: ArticleMeta) -> frozenset[str]:
    """Words of two or more characters from the kicker, title and subtitle.

    >>> sorted(headline_terms(ArticleMeta(id="x", title="垃圾分类进小区")))
    ['分类', '垃圾', '小区']
    """
    return terms_of(_headline(art))


def cached_terms(articles: Sequence[ArticleMeta], cache_file: Path | None,
                 dictionary_cache: Path | None = None,
                 ready: Mapping[str, Sequence[str]] | None = None,
                 later: list[Callable[[], None]] | None = None) -> dict[str, frozenset[str]]:
    """``headline_terms`` of every article through a file of segmented headlines: jieba
    (1–2 s to load its dictionary) runs only when a headline is new, so a rebuild after one
    new page does not load it at all. A cache that cannot be read or written only costs time.
    ``ready`` holds sorted ``terms_of`` of headline texts already worked out (by the
    extraction workers, which hold jieba): a new headline found there needs no helper.
    ``later``, when given, gets the writing of ``cache_file`` (a call) instead of this call
    doing it (see ``articles.load_articles``).
    """
    try:  # from its metadata (the same string as jieba.__version__): importing jieba for
        # it (pkg_resources and all) was a third of a second of a rebuild that segments nothing
        version = metadata.version("jieba")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
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
    new = sorted({t for t in map(_headline, articles) if t not in known})
    ready = ready or {}
    fresh = {t: list(ready[t]) for t in new if t in ready}
    rest = [t for t in new if t not in fresh]
    if rest:
        fresh.update(segment_apart(rest, dictionary_cache))
    for art in articles:
        text = _headline(art)
        if text not in used:
            used[text] = (known[text] if text in known else fresh[text] if text in fresh
                          else sorted(terms_of(text)))
        out[art.id] = frozenset(used[text])
    if cache_file is not None and used.keys() != known.keys():
        write = functools.partial(_write_terms, cache_file, version, used)
        if later is None:
            write()
        else:
            later.append(write)
    return out


def _write_terms(cache_file: Path, version: str, used: dict[str, list[str]]) -> None:
    """Keep the segmented headlines (atomically); a cache that cannot be written only costs
    time."""
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": [TERMS_VERSION, version, TERM_MIN_CHARS],
                                   "terms": dict(sorted(used.items()))},
                                  ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache_file)
    except OSError:
        pass


def segment_apart(texts: Sequence[str],
                  dictionary_cache: Path | None = None) -> dict[str, list[str]]:
    """``terms_of`` of each text (sorted), worked out in a helper process: jieba's dictionary
    is about 55 MB in memory, loaded for the headlines and never used again by the build,
    which holds the whole archive meanwhile. The helper loads it from ``dictionary_cache``
    when given (wordlist: a rebuild's one new page spent ~2 s in jieba's own load here).
    {} when the helper fails (the caller then segments here)."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])  # this copy of civicnews
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    try:
        extra = [str(dictionary_cache)] if dictionary_cache is not None else []
        proc = subprocess.run([sys.executable, "-m", "civicnews.site.related", *extra],
                              input=json.dumps(list(texts), ensure_ascii=False).encode("utf-8"),
                              capture_output=True, env=env, check=False)
        found = json.loads(proc.stdout) if proc.returncode == 0 else {}
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def main() -> int:
    """``python -m civicnews.site.related [CACHE_DIR]``: a JSON list of texts on stdin → each
    text's sorted terms as a JSON object on stdout (segment_apart's helper); jieba's dictionary
    from CACHE_DIR (wordlist.warm) when given."""
    if len(sys.argv) > 1:
        from civicnews import wordlist

        wordlist.warm(Path(sys.argv[1]))
    texts = json.loads(sys.stdin.buffer.read())
    out = {text: sorted(terms_of(text)) for text in texts}
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))
    return 0


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

    A candidate's score is CAMPAIGN_WEIGHT per shared campaign, DISTRICT_WEIGHT per shared
    district and each shared key term's weight, summed in that order. Candidates that share a
    key term are scored together (numpy arrays, each term's weight added to all of its
    articles at once, in the same order); the others (thousands, in a county seat's district or a
    long 专题) score by which campaigns and districts they have, so they are walked lazily,
    best score first and outward in date from the article, only as far as the choice needs.
    Scoring every candidate of every article was quadratic: 70 % of a rebuild at 10,000
    articles. The choice is the same as scoring all of them (``_pick`` pops the same order).
    """
    import numpy as np

    if terms is None:
        terms = {a.id: headline_terms(a) for a in articles}
    weights = _term_weights(terms)
    day = {a.id: (a.day.toordinal() if a.day else None) for a in articles}
    groups = _Profiles(articles, day)
    ids = [a.id for a in articles]
    # Each key term's articles by position, ascending: the candidates of an article are
    # scored over all of them at once (numpy), term by term in the order its key dict lists
    # its terms, so every score is the same sum, added in the same order, as one by one.
    # Scoring candidate by candidate in Python was 11 s of CPU at 10,000 articles (a third of
    # a rebuild): a common term's articles are walked once per article holding it.
    mine_terms = [[w for w in terms[a.id] if w in weights] for a in articles]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, words in enumerate(mine_terms):
        for word in words:
            postings[word].append(number)
    index = {w: np.array(p, dtype=np.intp) for w, p in postings.items()}
    profile_of = np.array([groups.of[i] for i in ids], dtype=np.intp)
    scores = np.zeros(len(articles))
    marked = np.zeros(len(articles), dtype=bool)
    position = {i: n for n, i in enumerate(ids)}
    marks = bytearray(len(articles))  # 1 at the positions of the article's scored candidates
    flags = np.frombuffer(marks, dtype=np.uint8)  # the same bytes, set through numpy
    skip = _Marked(marks, position)
    out: dict[str, tuple[ArticleMeta, ...]] = {}
    by_profile: dict[int, list[int]] = defaultdict(list)
    for number, me in enumerate(ids):
        by_profile[groups.of[me]].append(number)
    for profile in sorted(by_profile):
        base_of, shares_of = groups.arrays(profile)
        base = base_of[profile_of]  # each article's campaign and district part, by position
        # No streamed candidate ranks above the best campaign and district part.
        bound = -round(float(base_of.max()), 6) if len(base_of) else 0.0
        sharers = int(groups.size[shares_of].sum())  # sharing a campaign, its own included
        for number in by_profile[profile]:
            art = articles[number]
            me = art.id
            candidates, raw = _scored(number, mine_terms[number], index, weights, base,
                                      scores, marked)
            # Topical: shares a campaign (every member of such a profile but the article
            # itself) or a key term (those not counted with a campaign already).
            term_only = int(np.count_nonzero(~shares_of[profile_of[candidates]]))
            topical = sharers - bool(art.campaigns) + term_only
            ranked = _by_score(candidates, raw, articles, day[me], day)
            rest = _Rest(groups, profile, day[me], skip, me, flags, candidates)
            out[me] = _pick(_merged(ranked, rest, bound), topical, art.title, limit)
            rest.close()
    return out


class _Rest:
    """An article's streamed candidates (``_Profiles.stream``), started only when the choice
    reaches scores the stream can have: most articles choose from their scored candidates
    alone (all but 136 of the 10,181 bench articles), and starting the stream for each (its
    levels merged, the walk outward in date, the marks of the scored candidates it skips)
    was about a quarter of related news at 10,000 articles."""

    def __init__(self, groups: _Profiles, profile: int, my_day: int | None,
                 skip: Container[str], me: str, flags: np.ndarray,
                 candidates: np.ndarray) -> None:
        self._args = (groups, profile, my_day, skip, me)
        self._flags = flags
        self._candidates = candidates
        self._started = False

    def start(self) -> Iterator[Ranked]:
        """The stream, its skipped (scored) candidates marked until ``close``."""
        groups, profile, my_day, skip, me = self._args
        self._flags[self._candidates] = 1  # the stream skips them: they are ranked by score
        self._started = True
        return groups.stream(profile, my_day, skip=skip, me=me)

    def close(self) -> None:
        """Unmark the skipped candidates (the next article's stream skips its own)."""
        if self._started:
            self._flags[self._candidates] = 0
            self._started = False


def _merged(ranked: Iterator[Ranked], rest: _Rest, bound: float) -> Iterator[Ranked]:
    """``heapq.merge(ranked, rest.start())``, the stream started only when needed: every
    streamed candidate ranks at ``bound`` (-rounded score) or after, so a scored candidate
    ranking before it comes first whatever the stream holds (the same order: both are in
    ranking order and no candidate is in both)."""
    for item in ranked:
        if item[0] < bound:
            yield item
            continue
        yield from heapq.merge(itertools.chain((item,), ranked), rest.start())
        return
    yield from rest.start()


def _scored(number: int, words: Sequence[str], index: Mapping[str, np.ndarray],
            weights: Mapping[str, float], base: np.ndarray, scores: np.ndarray,
            marked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The articles sharing a key term with article ``number`` (positions, ascending; not
    itself) and their scores: the campaign and district part (``base``, by position) plus
    each shared term's weight, added in the order of ``words``, so each score is the same
    sum, added in the same order, as one by one. ``scores`` and ``marked`` are work arrays
    over all articles (``marked`` all False before and after). One numpy call a term: the
    first-touched bookkeeping term by term (eight calls each) was most of this function."""
    import numpy as np

    if not words:
        return np.zeros(0, dtype=np.intp), np.zeros(0)
    postings = [index[word] for word in words]
    every = np.concatenate(postings) if len(postings) > 1 else postings[0]
    scores[every] = base[every]  # a candidate in several postings gets the same value again
    for word, found in zip(words, postings, strict=True):
        scores[found] += weights[word]  # postings hold each article once: one add each
    marked[every] = True
    marked[number] = False  # not its own candidate
    candidates = np.flatnonzero(marked)
    marked[candidates] = False
    return candidates, scores[candidates]


# Sites with at least this many articles work out related news in a forked child while the
# build makes its list pages and feeds (RelatedApart): at 10,000 articles related news is
# ~6 s of CPU, a fifth of a rebuild, and the list pages another ~2 s beside it; at 1,000 it is
# ~0.5 s (profiles of a rebuild +1 page), still more than a fork costs (milliseconds).
APART_MIN = 1000


class RelatedApart:
    """``related_articles`` worked out in a forked child process while the caller goes on;
    ``result()`` gives the same mapping (the child runs the same code on the same objects, its
    set orders and all, and hands back ids). Without fork, below ``minimum`` articles, or when
    the child fails, ``result()`` works it out in this process.

    ``after``: calls (the site build's memo writes) the child makes once it has handed its
    result back, on the other core, where the build's own process made them on its way (a
    10,000-article rebuild pickled its 10,000 parsed articles there). ``pending`` is what of
    them the caller still has to make: all of them when no child was started, none
    otherwise: this process lets go of them (and of the data they write) once the child has
    them, and a child that fails leaves them unmade (memos: the next build makes them).
    ``close()`` waits for them."""

    def __init__(self, articles: Sequence[ArticleMeta], terms: Mapping[str, frozenset[str]],
                 minimum: int = APART_MIN, after: Sequence[Callable[[], None]] = ()) -> None:
        self._articles = articles
        self._terms = terms
        self._pid: int | None = None
        self._pipe: int | None = None
        self._writer: int | None = None  # a child that handed its result back, still writing
        self._after = list(after)
        self.pending: list[Callable[[], None]] = list(after)
        if len(articles) < minimum or not hasattr(os, "fork"):
            return
        try:
            read, write = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, hand back, exit without the parent's exit handlers
            code = 1
            try:
                os.close(read)
                found = related_articles(articles, terms=terms)
                data = pickle.dumps({k: [a.id for a in v] for k, v in found.items()},
                                    protocol=5)
                with os.fdopen(write, "wb") as out:  # its length first: a whole result shows
                    out.write(len(data).to_bytes(8, "big") + data)
                code = 0
                for call in self._after:  # after the result: the caller is not kept waiting
                    call()
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._pipe = pid, read
        # The child's now: held here past this point, the memos' data (~3 MB at 10,000
        # articles) was still held as the build went on to its next allocations.
        self.pending = self._after = []

    def result(self) -> dict[str, tuple[ArticleMeta, ...]]:
        """The related articles of every article id (``related_articles``)."""
        if self._pid is not None and self._pipe is not None:
            pid, pipe = self._pid, self._pipe
            self._pid = self._pipe = None
            try:
                with os.fdopen(pipe, "rb") as handle:
                    data = handle.read()
                # The whole result, its length first, is the child's success: it may still
                # be making its ``after`` calls (waited for in close()).
                if len(data) >= 8 and int.from_bytes(data[:8], "big") == len(data) - 8:
                    ids = pickle.loads(data[8:])
                    by_id = {a.id: a for a in self._articles}
                    found = {k: tuple(by_id[i] for i in v) for k, v in ids.items()}
                    self._writer = pid
                    self._reap(os.WNOHANG)
                    return found
            except (OSError, ValueError, EOFError, KeyError, TypeError, pickle.PickleError):
                pass
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
        return related_articles(self._articles, terms=self._terms)

    def _reap(self, flags: int = 0) -> None:
        """Wait for a child that handed its result back (``flags``: os.WNOHANG, not at all)."""
        if self._writer is None:
            return
        try:
            done, _status = os.waitpid(self._writer, flags)
        except OSError:
            done = self._writer
        if done:
            self._writer = None

    def close(self) -> None:
        """Wait for the child's ``after`` calls once its result was taken; stop a child whose
        result is not wanted (the build failed meanwhile)."""
        self._reap()
        if self._pid is None:
            return
        pid, pipe = self._pid, self._pipe
        self._pid = self._pipe = None
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)
        if pipe is not None:
            with contextlib.suppress(OSError):
                os.close(pipe)


class _Marked:
    """Articles marked in a byte array by position, tested by id with ``in`` (the stream's
    skip test, a few dozen times an article: no set of its thousands of candidates is built;
    a binary search of the candidates' positions per test was a tenth of related news)."""

    def __init__(self, marks: bytearray, position: Mapping[str, int]) -> None:
        self._marks = marks
        self._position = position

    def __contains__(self, oid: object) -> bool:
        number = self._position.get(oid)  # type: ignore[call-overload]
        return number is not None and self._marks[number] == 1


UNDATED_GAP = 10**6  # the day gap an undated article (or one of unknown date) ranks with


# Scored candidates _by_score sorts at first: those at or above the HEAD_SCORED-th best score
# (and any whose rounded score may equal one of those). The choice takes a few, and an
# article's candidates were ~500 (a 10,000-article site's median, up to ~2,300): sorting all
# of them was a sixth of related news. Beyond them all are sorted (exact either way). Set on
# the 10k bench articles: 8, 16 and 32 gave the same CPU within noise (1.21-1.44 s against
# 1.38-1.51 s sorting all); 32 sorts all again least often.
HEAD_SCORED = 32
_ROUNDING = 2e-6  # more than two scores rounding alike (round(score, 6)) can be apart


def _by_score(candidates: np.ndarray, raw: np.ndarray, articles: Sequence[ArticleMeta],
              mine: int | None, day: Mapping[str, int | None]) -> Iterator[Ranked]:
    """Scored (topical) candidates (positions in ``articles``, with their scores) in ranking
    order, one score at a time: sorted by score in C, and only the scores the choice reaches
    are grouped and ordered by date. Scores rank by ``round(score, 6)``: Python's round is
    taken once per distinct score (a group of equal scores is a run in the sorted array, and
    rounding never reverses an order, so equal rounded scores are a run too).

    Of many candidates only the best (``HEAD_SCORED``, ties and near ties included) are
    sorted first; a group of equal rounded scores whose best is among them is whole there
    (its scores are within ``_ROUNDING`` of each other). Past those groups every candidate is
    sorted and the groups already given are passed over."""
    import numpy as np

    if not len(raw):
        return
    done = 0
    if len(raw) > HEAD_SCORED:
        cut = len(raw) - HEAD_SCORED
        threshold = float(np.partition(raw, cut)[cut])
        head = np.flatnonzero(raw >= threshold - _ROUNDING)
        for neg, best, numbers in _score_groups(candidates[head], raw[head]):
            if best < threshold:
                break  # this group may lack candidates below the head
            yield from _in_group(neg, numbers, articles, mine, day)
            done += len(numbers)
    for neg, _best, numbers in _score_groups(candidates, raw):
        if done > 0:  # given from the head already (whole groups, in the same order)
            done -= len(numbers)
            continue
        yield from _in_group(neg, numbers, articles, mine, day)


def _score_groups(candidates: np.ndarray, raw: np.ndarray
                  ) -> Iterator[tuple[float, float, list[int]]]:
    """Candidates grouped by rounded score, best first: (-rounded score, the group's best
    raw score, the candidates' positions)."""
    import numpy as np

    order = np.argsort(-raw, kind="stable")
    ranked = raw[order]
    numbers = candidates[order].tolist()
    # Where each run of equal scores starts, and its score.
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1]))).tolist()
    values = ranked[starts].tolist()
    starts.append(len(numbers))
    run, count = 0, len(values)
    while run < count:
        neg = -round(values[run], 6)
        end = run + 1
        while end < count and -round(values[end], 6) == neg:
            end += 1
        yield neg, values[run], numbers[starts[run]:starts[end]]
        run = end


def _in_group(neg: float, numbers: list[int], articles: Sequence[ArticleMeta],
              mine: int | None, day: Mapping[str, int | None]) -> list[Ranked]:
    """One group of equal rounded scores in ranking order (day gap, then id)."""
    return sorted((neg, _gap(mine, day[other.id]), other.id, True, other)
                  for other in (articles[n] for n in numbers))


def _gap(mine: int | None, other: int | None) -> int:
    """Days between two articles' dates; UNDATED_GAP when either is unknown."""
    return UNDATED_GAP if mine is None or other is None else abs(mine - other)


Ranked = tuple[float, int, str, bool, ArticleMeta]  # -score, day gap, id, topical, article


class _Profiles:
    """Articles grouped by their campaigns and districts (a profile): a candidate that shares
    no key term scores by its profile alone, so candidates come profile by profile, each
    profile's members in date order."""

    def __init__(self, articles: Sequence[ArticleMeta], day: Mapping[str, int | None]) -> None:
        import numpy as np

        index: dict[tuple[frozenset[str], frozenset[str]], int] = {}
        self.sets: list[tuple[frozenset[str], frozenset[str]]] = []
        members: list[list[ArticleMeta]] = []
        self.of: dict[str, int] = {}
        for art in articles:
            key = (frozenset(art.campaigns), frozenset(art.districts))
            number = index.get(key)
            if number is None:
                number = index[key] = len(self.sets)
                self.sets.append(key)
                members.append([])
            members[number].append(art)
            self.of[art.id] = number
        self.day = day
        # Dated members by (day, id), and their days for bisect; undated members by id.
        self.dated: list[list[tuple[int, str, ArticleMeta]]] = []
        self.days: list[list[int]] = []
        self.undated: list[list[tuple[str, ArticleMeta]]] = []
        for arts in members:
            dated = sorted((day[a.id], a.id, a) for a in arts if day[a.id] is not None)  # type: ignore[misc]
            self.dated.append(dated)
            self.days.append([d for d, _i, _a in dated])
            self.undated.append(sorted((a.id, a) for a in arts if day[a.id] is None))
        self.size = np.array([len(m) for m in members], dtype=np.int64)
        by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        for number, (camps, dists) in enumerate(self.sets):
            for name in camps:
                by_key["c", name].append(number)
            for name in dists:
                by_key["d", name].append(number)
        # Each campaign's and district's profiles, ascending (each profile once).
        self._by_key = {key: np.array(numbers, dtype=np.intp) for key, numbers in by_key.items()}
        self._levels: dict[int, list[tuple[float, np.ndarray, np.ndarray]]] = {}
        self._merged: dict[tuple[int, int], tuple] = {}

    def arrays(self, mine: int) -> tuple[np.ndarray, np.ndarray]:
        """The campaign and district part of the score (exact: multiples of a half) and
        whether it shares a campaign, of every profile with ``mine`` (0.0 and False for those
        sharing neither), by profile number. Counted through the key index, all profiles at
        once: profile by profile in Python was a quarter of a 10,000-article rebuild's related
        news (a county seat is in a thousand profiles, each of which walked the others)."""
        import numpy as np

        camps, dists = self.sets[mine]
        shared_c = np.zeros(len(self.sets), dtype=np.int64)
        shared_d = np.zeros(len(self.sets), dtype=np.int64)
        for name in camps:
            shared_c[self._by_key["c", name]] += 1
        for name in dists:
            shared_d[self._by_key["d", name]] += 1
        # Small integers times 3.0 and 1.5: the same doubles as in Python, whatever the order.
        return CAMPAIGN_WEIGHT * shared_c + DISTRICT_WEIGHT * shared_d, shared_c > 0

    def levels(self, mine: int) -> list[tuple[float, np.ndarray, np.ndarray]]:
        """The profiles sharing a campaign or district with ``mine`` by score, best first:
        each level's profile numbers (ascending) and whether each shares a campaign."""
        import numpy as np

        found = self._levels.get(mine)
        if found is None:
            score, shares = self.arrays(mine)
            found = []
            scored = np.sort(score[score > 0])  # np.unique's, without its hash table
            distinct = (scored[np.concatenate(([True], scored[1:] != scored[:-1]))]
                        if len(scored) else scored)
            for value in distinct[::-1].tolist():
                numbers = np.flatnonzero(score == value)
                found.append((value, numbers, shares[numbers]))
            self._levels[mine] = found
        return found

    def stream(self, mine: int, my_day: int | None, skip: Container[str],
               me: str) -> Iterator[Ranked]:
        """Every article sharing a campaign or district with the profile, except ``me`` and
        ``skip``, in ranking order: score, then day gap, then id."""
        for number, (score, _profiles, _shares) in enumerate(self.levels(mine)):
            neg = -round(score, 6)
            dated, days, undated, sharing = self._level(mine, number)
            for gap, oid, art in self._walk(dated, days, undated, my_day):
                if oid not in skip and oid != me:
                    yield (neg, gap, oid, self.of[oid] in sharing, art)

    def _level(self, mine: int, number: int) -> tuple[list[tuple[int, str, ArticleMeta]],
                                                      list[int], list[tuple[str, ArticleMeta]],
                                                      set[int]]:
        """The members of one score level's profiles, dated ones by (day, id) with their days,
        undated ones by id, and the level's profiles that share a campaign; made once per
        profile and level, when an article needs it. The profiles' own sorted lists are
        merged (their tuples reused, not made again with the campaign flag: making them was
        a sixth of related news; an id is unique, so (day, id) orders them alone)."""
        found = self._merged.get((mine, number))
        if found is None:
            _score, numbers, shared = self.levels(mine)[number]
            profiles = numbers.tolist()
            dated = sorted(itertools.chain.from_iterable(self.dated[n] for n in profiles))
            undated = sorted(itertools.chain.from_iterable(self.undated[n] for n in profiles))
            sharing = set(numbers[shared].tolist())
            found = self._merged[mine, number] = (dated, list(map(itemgetter(0), dated)), undated,
                                                  sharing)
        return found

    @staticmethod
    def _walk(dated: list[tuple[int, str, ArticleMeta]], days: list[int],
              undated: list[tuple[str, ArticleMeta]],
              my_day: int | None) -> Iterator[tuple[int, str, ArticleMeta]]:
        """Members as (day gap, id, article) by day gap and id from ``my_day``: outward from
        it in date, the undated last (everyone by id when the article's own date is
        unknown)."""
        if my_day is None:
            everyone = sorted([(i, a) for _d, i, a in dated] + undated)
            yield from ((UNDATED_GAP, i, a) for i, a in everyone)
            return
        at = bisect.bisect_left(days, my_day)
        after = ((d - my_day, i, a) for d, i, a in itertools.islice(dated, at, None))
        yield from heapq.merge(after, _Profiles._before(dated, days, at, my_day),
                               ((UNDATED_GAP, i, a) for i, a in undated))

    @staticmethod
    def _before(dated: list[tuple[int, str, ArticleMeta]], days: list[int], at: int,
                my_day: int) -> Iterator[tuple[int, str, ArticleMeta]]:
        """Members dated before ``my_day``, nearest day first, each day's in id order."""
        end = at
        while end > 0:
            start = bisect.bisect_left(days, days[end - 1], 0, end)
            for d, i, a in dated[start:end]:
                yield (my_day - d, i, a)
            end = start


def _pick(ranked: Iterator[Ranked], topical: int, own: str,
          limit: int) -> tuple[ArticleMeta, ...]:
    """The related articles from candidates in ranking order (score, day gap, id; best
    first; ``topical`` of them share a campaign or key term): the best ``limit`` topical ones
    with distinct headlines (a reprint or a 续 page under the same headline is the same
    story), topped up to RELATED_MIN with the best of the rest. Candidates are taken only as
    far as needed: a district of thousands of articles is never ranked whole."""
    seen = {own} if own else set()
    chosen: list[ArticleMeta] = []
    rest: list[ArticleMeta] = []
    topical_left = topical
    # The stops are tested before the next candidate is drawn (drawing one may start the
    # stream of related_articles for nothing).
    while len(chosen) < limit and not (
            topical_left == 0 and len(rest) >= RELATED_MIN - len(chosen)):
        # (no topical candidate left: enough of the rest for the top-up)
        found = next(ranked, None)
        if found is None:
            break
        _score, _gap, _oid, is_topical, other = found
        topical_left -= is_topical
        if other.title and other.title in seen:
            continue
        seen.add(other.title)
        (chosen if is_topical else rest).append(other)
    if len(chosen) < RELATED_MIN:  # top up with same-district articles nearest in date
        chosen += rest[:RELATED_MIN - len(chosen)]
    return tuple(chosen)


def neighbours(articles: Sequence[ArticleMeta],
               terms: Mapping[str, frozenset[str]] | None = None,
               related: Mapping[str, tuple[ArticleMeta, ...]] | None = None,
               placed: Mapping[str, Placing] | None = None) -> dict[str, Neighbours]:
    """上一篇/下一篇 by date over the whole site and within each district, and 相关新闻, for
    every article id (``related``: ``related_articles`` when already worked out; ``placed``:
    ``placings`` of the same articles, likewise)."""
    if placed is None:
        placed = placings(articles)
    if related is None:
        related = related_articles(articles, terms=terms)
    out = {}
    for art in articles:
        older, newer, mine = placed[art.id]
        out[art.id] = Neighbours(older=older, newer=newer, related=related.get(art.id, ()),
                                 in_district=mine)
    return out


# An article's older and newer article, and the same within each of its districts.
Placing = tuple[ArticleMeta | None, ArticleMeta | None,
                tuple[tuple[str, ArticleMeta | None, ArticleMeta | None], ...]]


def placings(articles: Sequence[ArticleMeta]) -> dict[str, Placing]:
    """What ``neighbours`` takes from the dates alone, for every article id: worked out while
    related news is (a rebuild's on_files then waits for related news with nothing to do, and
    this was after it)."""
    order = chronological(articles)
    around = _around(order)
    local: dict[str, list[tuple[str, ArticleMeta | None, ArticleMeta | None]]] = defaultdict(list)
    per_district: dict[str, list[ArticleMeta]] = defaultdict(list)
    for art in order:
        for name in dict.fromkeys(art.districts):
            per_district[name].append(art)
    for name, arts in sorted(per_district.items()):
        for art_id, (older, newer) in _around(arts).items():
            local[art_id].append((name, older, newer))
    out: dict[str, Placing] = {}
    for art in articles:
        older, newer = around.get(art.id, (None, None))
        mine = tuple(sorted(local.get(art.id, []), key=lambda t: art.districts.index(t[0])))
        out[art.id] = (older, newer, mine)
    return out


def _around(order: Sequence[ArticleMeta]) -> dict[str, tuple[ArticleMeta | None,
                                                                ArticleMeta | None]]:
    """Each article's predecessor and successor in a chronological list."""
    return {a.id: (order[i - 1] if i > 0 else None,
                   order[i + 1] if i + 1 < len(order) else None) for i, a in enumerate(order)}


if __name__ == "__main__":
    sys.exit(main())
