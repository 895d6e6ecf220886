"""Measure the assembly tunables of ``settings.py`` on generated pages of the fitting part.

``python -m civicnews.fit.tune`` scores the extractor with each candidate value of each tunable
(the others held at their current value) on pages laid out from the corpus's fitting part, with
a generator seed the model was not fitted on, and prints one table per tunable. The values in
``settings.py`` are read off these tables; the validation part is never used here.
``--typeset DIR`` adds the title_exact of fitting-part pages typeset as PDFs and read back by
each PDF tool (``civicnews.fit.typeset``'s layout: DIR/<tool>/pages/*.txt, DIR/gold/*.yml;
made with a seed no fit uses), so a value is not read off our own generator's text alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import (
    article_build,
    assemble,
    grouping,
    headline_moves,
    headline_parts,
    line_rereads,
    line_shapes,
    page_items,
    pairing,
    settings,
    side_by_side,
    story_cuts,
    story_joins,
    title_rescue,
)
from .evaluate import score_directory, score_pages
from .pagegen import generate_pages, shared_available

# Pages and seed of the tuning run: a seed no fitting run uses (train.SEED is 7).
PAGES = 80
SEED = 99
CANDIDATES: dict[str, tuple[float, ...]] = {
    "title_before_margin": (0.0, 0.05, 0.1, 0.2, 0.3),
    "pairing_base": (0.2, 0.35, 0.5, 0.75, 1.0),
    "unbegun_story_penalty": (0.0, 0.25, 0.5, 0.75, 1.0),
    "min_far_title_overlap": (0.2, 0.3, 0.4, 0.5, 0.65, 1.01),
    "min_split_overlap": (0.2, 0.3, 0.4, 0.5, 0.7),
    "min_rescue_overlap": (0.2, 0.25, 0.3, 0.4, 0.5, 1.01),
    "min_own_title_overlap": (0.1, 0.2, 0.3, 0.4, 1.01),
    "max_between_measure_confidence": (0.5, 0.65, 0.8, 0.9, 1.01),
    "measure_change": (1.05, 1.1, 1.2, 1.3, 1.5),
    "resume_margin": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 2.0),
    "min_subhead_similarity": (0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 1.01),
}
# The assembler's modules: each reads the tunables from its own import of settings.SETTINGS.
ASSEMBLY_MODULES = (assemble, line_rereads, line_shapes, page_items, grouping, pairing, headline_parts,
                    side_by_side, story_cuts, story_joins, headline_moves, title_rescue, article_build)
METRICS = ("count_exact", "title_exact", "headline_exact", "body_f1", "reporters_f1")


@contextmanager
def overridden(**values: float) -> Iterator[None]:
    """Run with some tunables changed (the assembler reads them from settings.SETTINGS)."""
    saved = settings.SETTINGS
    changed = dataclasses.replace(saved, **values)
    settings.SETTINGS = changed
    for module in ASSEMBLY_MODULES:
        module.SETTINGS = changed
    try:
        yield
    finally:
        settings.SETTINGS = saved
        for module in ASSEMBLY_MODULES:
            module.SETTINGS = saved


def typeset_tools(root: Path) -> list[str]:
    """The PDF tools whose text of typeset pages is under root (root/<tool>/pages)."""
    return sorted(p.parent.name for p in root.glob("*/pages") if p.is_dir())


def sweep(name: str, values: tuple[float, ...], pages: int = PAGES, seed: int = SEED,
          typeset: Path | None = None) -> list[tuple[float, dict]]:
    """The score summary for each candidate value of one tunable; with ``typeset``, each PDF
    tool's title_exact too (as ``title_exact@tool``)."""
    generated = generate_pages("fit", seed, pages)
    out = []
    for value in values:
        with overridden(**{name: value}):
            summary = dict(score_pages(generated)["summary"])
            for tool in typeset_tools(typeset) if typeset else []:
                scored = score_directory(typeset / tool / "pages", typeset / "gold")["summary"]
                summary[f"title_exact@{tool}"] = scored["title_exact"]
            out.append((value, summary))
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: print a table per tunable."""
    ap = argparse.ArgumentParser(prog="python -m civicnews.fit.tune", description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=PAGES)
    ap.add_argument("--only", choices=sorted(CANDIDATES), help="sweep one tunable")
    ap.add_argument("--seed", type=int, default=SEED, help="generator seed (one no fit uses)")
    ap.add_argument("--typeset", type=Path, metavar="DIR",
                    help="fitting-part pages typeset as PDFs (civicnews.fit.typeset's output) to score too")
    args = ap.parse_args(argv)
    if not shared_available():
        print("civicnews: the corpus is not beside the checkout (../shared/corpus)", file=sys.stderr)
        return 2
    for name, values in CANDIDATES.items():
        if args.only and name != args.only:
            continue
        print(f"\n{name} (now {getattr(settings.SETTINGS, name)})")
        rows = sweep(name, values, args.pages, args.seed, args.typeset)
        columns = [*METRICS, *(k for k in rows[0][1] if k.startswith("title_exact@"))]
        print("| value | " + " | ".join(columns) + " |")
        print("|---" * (len(columns) + 1) + "|")
        for value, summary in rows:
            print(f"| {value} | " + " | ".join(f"{summary[m]:.3f}" for m in columns) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
