"""Score the extractor the way the project's yardstick does: pages in, score.py's summary out.

``python -m civicnews.fit.evaluate --split val --pages 60`` lays out pages from one part of the
corpus, extracts them, writes our Markdown and the gold beside each other and runs
``../shared/tools/score.py`` on them. ``--pages-dir DIR --gold DIR`` scores pages made elsewhere
(for example PDF pages typeset by ``civicnews.fit.typeset``). Tests and ``civicnews.fit.tune``
call ``score_pages`` directly.

A held-out check inside the fitting part (choose rules on it without ever looking at the
validation part; the shipped model has seen every fitting article, so scores on fitting pages
flatter anything that helps it recall them):

    python -m civicnews.fit.train --split fitA --no-typeset --out /tmp/fitA.crfsuite
    python -m civicnews.fit.evaluate --split fitB --pages 150 --seed 1 --model /tmp/fitA.crfsuite
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import redirect_stdout
from functools import partial
from pathlib import Path

import yaml

from .. import labeler
from ..markdown import render_article
from ..model import PageInfo, PageResult
from ..pipeline import extract_page
from .corpus import HALVES, SHARED, SPLITS
from .pagegen import GeneratedPage, generate_pages, gold_document, shared_available

SCORE_PY = SHARED / "tools" / "score.py"

Extractor = Callable[[str, PageInfo], PageResult]


def load_score():
    """score.py from ../shared/tools, imported by path so its functions are the yardstick's."""
    spec = importlib.util.spec_from_file_location("civicnews_score", SCORE_PY)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_score(gold_dir: Path, out_dir: Path) -> dict:
    """score.py's main on gold_dir vs out_dir: its JSON report (summary and pages)."""
    score = load_score()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "score.json"
        argv, sys.argv = sys.argv, ["score.py", str(gold_dir), str(out_dir), "--json", str(report)]
        try:
            with redirect_stdout(io.StringIO()):
                score.main()
        finally:
            sys.argv = argv
        return json.loads(report.read_text(encoding="utf-8"))


def write_result(out_dir: Path, name: str, result: PageResult) -> None:
    """Our articles of one page as Markdown files, as score.py reads them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for i, article in enumerate(result.articles):
        article.id = article.id or f"{Path(name).stem}-{i}"
        (out_dir / f"{Path(name).stem}_{i:02d}.md").write_text(render_article(article), encoding="utf-8")


def score_pages(pages: Iterable[tuple[str, GeneratedPage]], extractor: Extractor = extract_page) -> dict:
    """Extract generated pages and score them against their truth."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "gold").mkdir()
        for name, page in pages:
            doc = gold_document(page, name)
            (root / "gold" / f"{Path(name).stem}.yml").write_text(
                yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
            write_result(root / "out", name, extractor(page.text, PageInfo(file=name, publication=page.publication)))
        (root / "out").mkdir(exist_ok=True)
        return run_score(root / "gold", root / "out")


def score_directory(pages_dir: Path, gold_dir: Path, extractor: Extractor = extract_page) -> dict:
    """Extract page texts made elsewhere (pages_dir/*.txt, pages.yml beside them) and score them."""
    manifest_path = pages_dir / "pages.yml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        for path in sorted(pages_dir.glob("*.txt")):
            entry = (manifest or {}).get(path.name) or {}
            info = PageInfo(file=path.name, publication=entry.get("publication"))
            write_result(out, path.name, extractor(path.read_text(encoding="utf-8"), info))
        return run_score(gold_dir, out)


def extract_with_model(text: str, info: PageInfo, model: Path) -> PageResult:
    """``extract_page`` with its lines labelled by another model file (a held-out check's)."""
    original = labeler.label_lines
    labeler.label_lines = partial(original, model=model)
    try:
        return extract_page(text, info)
    finally:
        labeler.label_lines = original


def summary_line(summary: dict) -> str:
    """score.py's summary line."""
    return " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in summary.items())


def main(argv: list[str] | None = None) -> int:
    """CLI: score the extractor on generated or given pages."""
    ap = argparse.ArgumentParser(prog="python -m civicnews.fit.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=SPLITS, default="val", help="corpus part to lay out (fitA, "
                    "fitB: one half of the fitting part, for a model fitted on the other)")
    ap.add_argument("--pages", type=int, default=60, help="how many generated pages")
    ap.add_argument("--seed", type=int, default=1, help="generator seed")
    ap.add_argument("--pages-dir", type=Path, help="score these page texts instead of generating")
    ap.add_argument("--gold", type=Path, help="gold YAML for --pages-dir")
    ap.add_argument("--model", type=Path, help="label lines with this model instead of the shipped one")
    args = ap.parse_args(argv)
    extractor: Extractor = extract_page
    if args.model:
        if not args.model.exists():
            ap.error(f"--model {args.model}: no such file")
        extractor = partial(extract_with_model, model=args.model)
    if not shared_available() or not SCORE_PY.exists():
        print("civicnews: ../shared (corpus, gold, score.py) is not beside the checkout", file=sys.stderr)
        return 2
    if args.pages_dir:
        if not args.gold:
            ap.error("--pages-dir needs --gold")
        report = score_directory(args.pages_dir, args.gold, extractor)
    else:
        # a half is scored on its own stories only: the seeds' were fitted on with the other half
        with_seeds = False if args.split in HALVES else None
        report = score_pages(generate_pages(args.split, args.seed, args.pages, with_seeds=with_seeds), extractor)
    print(summary_line(report["summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
