"""What each assembly pass is worth: every pass of ``assemble_page`` turned off in turn, the same
fitting-part pages extracted again, and the outcomes that change counted.

``python -m civicnews.fit.census --split fitB --pages 150 --model /tmp/fitA.crfsuite`` (or
``--pages-dir DIR --gold DIR`` for pages made elsewhere, such as typeset PDF text) prints one
row a pass: the pages whose story count and the articles whose title it gets right that are
wrong without it (what it earns), those it gets wrong that are right without it (what it
costs), and how many distinct gold titles each side touches. A pass under ``MIN_SUPPORT`` is
fitted to one article, or a general convention the generated pages rarely show (a full stop
ends no headline): the first kind goes (stop 34 dropped five), the second stays. Never run it
on the validation part: choosing passes by it would be fitting them there.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .. import assemble
from ..model import PageInfo, PageResult
from ..pipeline import extract_page
from .corpus import HALVES
from .evaluate import SCORE_PY, extract_with_model, score_directory, score_pages
from .pagegen import generate_pages, shared_available

# A pass stays when it earns at least this many distinct articles' titles or pages' counts
# more than it costs, over the fitting sets it is measured on: like the line-role model's
# min_feature_freq of 2, one article is an anecdote, two are a pattern.
MIN_SUPPORT = 2

# What assemble_page runs that is no optional pass: the stage itself (grouping, pairing, the
# article builder) and its bookkeeping. Turning these off measures nothing but a broken stage.
CORE = frozenset({"assemble_page", "group_items", "pair_headlines", "build_article", "assign_captions",
                  "unsure_reasons", "_reread_decision", "_reread", "_annotate", "replace"})

# The modules the passes live in (assemble.py imports each pass from one of them).
PASS_MODULES = ("civicnews.line_rereads", "civicnews.grouping", "civicnews.pairing",
                "civicnews.headline_parts", "civicnews.story_cuts", "civicnews.story_joins",
                "civicnews.headline_moves", "civicnews.title_rescue", "civicnews.article_build")

Outcomes = dict[str, tuple[bool, dict[str, bool]]]  # page -> (count right, gold title -> right)


def passes() -> list[str]:
    """The optional passes assemble_page calls, in the order assemble.py imports them.

    >>> names = passes()
    >>> "join_continuations" in names and "titles_between_stories" in names, "group_items" in names
    (True, False)
    """
    return [name for name, value in vars(assemble).items()
            if inspect.isfunction(value) and value.__module__ in PASS_MODULES and name not in CORE]


def _nothing(*_args: object, **_kwargs: object) -> dict:
    # An empty dict stands for every pass's result: nothing to iterate, no index, no key.
    return {}


@contextmanager
def turned_off(name: str) -> Iterator[None]:
    """Run with one pass of assemble_page doing nothing (the name it calls is replaced).

    >>> original = assemble.join_continuations
    >>> with turned_off("join_continuations"):
    ...     assemble.join_continuations(None, None)
    {}
    >>> assemble.join_continuations is original
    True
    """
    original = getattr(assemble, name)
    setattr(assemble, name, _nothing)
    try:
        yield
    finally:
        setattr(assemble, name, original)


def outcomes(report: dict) -> Outcomes:
    """score.py's per-page report as page -> (count right, gold title -> title right)."""
    return {p["page"]: (bool(p["count_ok"]), {a["title"]: bool(a["title_ok"]) for a in p["articles"]})
            for p in report["pages"]}


@dataclass(frozen=True)
class Worth:
    """What one pass changes against the run with every pass on."""

    name: str
    pages_earned: int  # pages whose count is right only with the pass
    pages_cost: int  # pages whose count is right only without it
    titles_earned: int
    titles_cost: int
    articles_earned: int  # distinct gold titles among titles_earned
    articles_cost: int

    @property
    def support(self) -> int:
        """Net distinct articles or net pages, whichever is larger."""
        return max(self.articles_earned - self.articles_cost, self.pages_earned - self.pages_cost)


def worth(name: str, base: Outcomes, without: Outcomes) -> Worth:
    """Compare the outcomes without a pass with those with every pass on.

    >>> base = {"p1": (True, {"甲": True, "乙": False}), "p2": (True, {"甲": True})}
    >>> without = {"p1": (False, {"甲": False, "乙": True}), "p2": (True, {"甲": False})}
    >>> w = worth("x", base, without)
    >>> (w.pages_earned, w.pages_cost, w.titles_earned, w.titles_cost, w.articles_earned, w.articles_cost, w.support)
    (1, 0, 2, 1, 1, 1, 1)
    """
    pages_earned = pages_cost = titles_earned = titles_cost = 0
    earned: set[str] = set()
    cost: set[str] = set()
    for page, (count_ok, titles) in base.items():
        count_without, titles_without = without.get(page, (False, {}))
        pages_earned += count_ok and not count_without
        pages_cost += count_without and not count_ok
        for title, ok in titles.items():
            ok_without = titles_without.get(title, False)
            if ok and not ok_without:
                titles_earned += 1
                earned.add(title)
            elif ok_without and not ok:
                titles_cost += 1
                cost.add(title)
    return Worth(name, pages_earned, pages_cost, titles_earned, titles_cost, len(earned), len(cost))


def census(score: Callable[[], dict], names: Sequence[str], progress: Callable[[str], object] = print) -> list[Worth]:
    """Each named pass's worth, ``score`` being one extraction and scoring of the same pages."""
    base = outcomes(score())
    rows = []
    for k, name in enumerate(names, 1):
        with turned_off(name):
            rows.append(worth(name, base, outcomes(score())))
        progress(f"[{k}/{len(names)}] {name}")
    return sorted(rows, key=lambda w: (w.support, w.articles_earned, w.pages_earned))


def table(rows: Sequence[Worth]) -> str:
    """The census as a plain-text table, least support first, passes under MIN_SUPPORT marked."""
    out = [f"{'pass':30} {'pages +/-':>10} {'titles +/-':>11} {'articles +/-':>13}  support"]
    for w in rows:
        mark = "  < MIN_SUPPORT" if w.support < MIN_SUPPORT else ""
        out.append(f"{w.name:30} {w.pages_earned:>5}/{w.pages_cost:<4} {w.titles_earned:>6}/{w.titles_cost:<4}"
                   f" {w.articles_earned:>7}/{w.articles_cost:<5} {w.support:>7}{mark}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """CLI: the census of the assembly passes on generated or given fitting-part pages."""
    ap = argparse.ArgumentParser(prog="python -m civicnews.fit.census", description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("fit", *HALVES), default="fit",
                    help="fitting part (or one half of it) to lay out; never the validation part")
    ap.add_argument("--pages", type=int, default=150, help="how many generated pages")
    ap.add_argument("--seed", type=int, default=5, help="generator seed")
    ap.add_argument("--pages-dir", type=Path, help="use these page texts instead of generating")
    ap.add_argument("--gold", type=Path, help="gold YAML for --pages-dir")
    ap.add_argument("--model", type=Path, help="label lines with this model (a held-out half's)")
    ap.add_argument("--only", nargs="+", metavar="PASS", help="these passes only")
    args = ap.parse_args(argv)
    names = passes()
    unknown = sorted(set(args.only or ()) - set(names))
    if unknown:
        ap.error(f"not a pass of assemble_page: {', '.join(unknown)} (passes: {', '.join(names)})")
    if args.pages_dir and not args.gold:
        ap.error("--pages-dir needs --gold")
    if args.model and not args.model.exists():
        ap.error(f"--model {args.model}: no such file")
    if not shared_available() or not SCORE_PY.exists():
        print("civicnews: ../shared (corpus, gold, score.py) is not beside the checkout", file=sys.stderr)
        return 2
    extractor: Callable[[str, PageInfo], PageResult] = (
        partial(extract_with_model, model=args.model) if args.model else extract_page)
    if args.pages_dir:
        def score() -> dict:
            return score_directory(args.pages_dir, args.gold, extractor)
    else:
        with_seeds = False if args.split in HALVES else None
        pages = generate_pages(args.split, args.seed, args.pages, with_seeds=with_seeds)

        def score() -> dict:
            return score_pages(pages, extractor)
    rows = census(score, args.only or names, progress=lambda s: print(s, file=sys.stderr, flush=True))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
