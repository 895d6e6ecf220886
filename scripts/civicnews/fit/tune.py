"""Measure the assembly tunables of ``settings.py`` on generated pages of the fitting part.

``python -m civicnews.fit.tune`` scores the extractor with each candidate value of each tunable
(the others held at their current value) on pages laid out from the corpus's fitting part, with
a generator seed the model was not fitted on, and prints one table per tunable. The values in
``settings.py`` are read off these tables; the validation part is never used here.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .. import assemble, settings
from .evaluate import score_pages
from .pagegen import generate_pages, shared_available

# Pages and seed of the tuning run: a seed no fitting run uses (train.SEED is 7).
PAGES = 80
SEED = 99
CANDIDATES: dict[str, tuple[float, ...]] = {
    "title_before_margin": (0.0, 0.05, 0.1, 0.2, 0.3),
    "min_title_overlap": (0.1, 0.2, 0.3, 0.5),
    "min_split_overlap": (0.2, 0.3, 0.4, 0.5, 0.7),
    "min_rescue_overlap": (0.2, 0.25, 0.3, 0.4, 0.5, 1.01),
    "resume_margin": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 2.0),
    "min_subhead_similarity": (0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 1.01),
}
METRICS = ("count_exact", "title_exact", "headline_exact", "body_f1", "reporters_f1")


@contextmanager
def overridden(**values: float) -> Iterator[None]:
    """Run with some tunables changed (the assembler reads them from settings.SETTINGS)."""
    saved = settings.SETTINGS
    changed = dataclasses.replace(saved, **values)
    settings.SETTINGS = assemble.SETTINGS = changed
    try:
        yield
    finally:
        settings.SETTINGS = assemble.SETTINGS = saved


def sweep(name: str, values: tuple[float, ...], pages: int = PAGES, seed: int = SEED) -> list[tuple[float, dict]]:
    """The score summary for each candidate value of one tunable."""
    generated = generate_pages("fit", seed, pages)
    out = []
    for value in values:
        with overridden(**{name: value}):
            out.append((value, score_pages(generated)["summary"]))
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: print a table per tunable."""
    ap = argparse.ArgumentParser(prog="python -m civicnews.fit.tune", description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=PAGES)
    ap.add_argument("--only", choices=sorted(CANDIDATES), help="sweep one tunable")
    ap.add_argument("--seed", type=int, default=SEED, help="generator seed (one no fit uses)")
    args = ap.parse_args(argv)
    if not shared_available():
        print("civicnews: the corpus is not beside the checkout (../shared/corpus)", file=sys.stderr)
        return 2
    for name, values in CANDIDATES.items():
        if args.only and name != args.only:
            continue
        print(f"\n{name} (now {getattr(settings.SETTINGS, name)})")
        print("| value | " + " | ".join(METRICS) + " |")
        print("|---" * (len(METRICS) + 1) + "|")
        for value, summary in sweep(name, values, args.pages, args.seed):
            print(f"| {value} | " + " | ".join(f"{summary[m]:.3f}" for m in METRICS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
