"""Corpus articles typeset as real newspaper PDF pages, their text taken out by real PDF tools.

An evaluation source independent of any text-damage generator: the damage here is what
chromium's layout and three PDF text tools really do (line breaks every column width, headlines
printed twice, columns read across, headlines after bodies). One run writes::

    OUT/html/pages.html            every page in one document (one chromium start prints all)
    OUT/pdf/pages.pdf              one A3 sheet per page
    OUT/<tool>/pages/NNN_<hash>.txt and pages.yml   each page's text by pdfminer, pymupdf, pdftotext
    OUT/gold/NNN_<hash>.yml        what an editor reads on each page (../shared/README.md schema)

The file names are the same for every tool, so one gold directory scores all three:
``python ../shared/tools/score.py OUT/gold EXTRACTED``.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from tqdm import tqdm

from civicnews.fit.corpus import CORPUS_JSON, CorpusArticle, available, load_corpus
from civicnews.fit.typeset_html import document_html, page_html
from civicnews.fit.typeset_pdf import TOOLS, ToolMissing, missing_tools, page_count, print_pdf
from civicnews.fit.typeset_plan import ArticleDeck, gold_of, plan_page

# Hex digits of the SHA-1 of a page's HTML in its file name (as the seed pages are named).
NAME_HASH_CHARS = 16


@dataclass(frozen=True)
class TypesetPage:
    """One typeset page: its file stem, its HTML, its gold reading and its pages.yml entry."""

    name: str
    html: str
    gold: dict
    meta: dict


def page_name(index: int, html: str) -> str:
    """NNN_<hash>: the page's position and a digest of what it shows.

    >>> page_name(7, "<section></section>")
    '007_742659bdb997d37b'
    """
    return f"{index:03d}_{hashlib.sha1(html.encode('utf-8')).hexdigest()[:NAME_HASH_CHARS]}"


def typeset_pages(articles: list[CorpusArticle], n_pages: int, seed: int) -> list[TypesetPage]:
    """Lay articles out as n_pages pages, the same pages for the same seed."""
    if not articles:
        raise ValueError("no articles to typeset")
    rng = random.Random(seed)
    deck = ArticleDeck(articles, rng)
    pages = []
    for index in range(n_pages):
        plan = plan_page(index + 1, deck, rng)
        html = page_html(plan)
        name = page_name(index, html)
        meta = {"publication": plan.publication, "date": plan.date, "page": plan.number}
        pages.append(TypesetPage(name, html, gold_of(plan, f"{name}.txt"), meta))
    return pages


def gold_yaml(gold: dict) -> str:
    """A gold reading as YAML, keys in schema order."""
    return yaml.safe_dump(gold, allow_unicode=True, sort_keys=False, width=1000)


def pages_yml(pages: list[TypesetPage]) -> str:
    """The pages.yml beside the page texts: publication, date and page of each file."""
    header = "# What an editor knows about each typeset page (civicnews.fit.typeset).\n"
    entries = {f"{p.name}.txt": p.meta for p in pages}
    return header + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False,
                                   default_flow_style=None, width=1000)


def write_sources(pages: list[TypesetPage], out: Path) -> Path:
    """Write the HTML document and the gold files; return the HTML's path."""
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    html_path = out / "html" / "pages.html"
    html_path.write_text(document_html([p.html for p in pages]), encoding="utf-8")
    for p in pages:
        (out / "gold" / f"{p.name}.yml").write_text(gold_yaml(p.gold), encoding="utf-8")
    return html_path


def extract_all(pages: list[TypesetPage], pdf: Path, out: Path, tools: list[str],
                progress: bool = True) -> dict[str, float]:
    """Each page's text by each tool into OUT/<tool>/pages/; return seconds per tool."""
    seconds = {}
    bar = tqdm(total=len(pages) * len(tools), desc="extracting", unit="page",
               disable=not progress)
    for tool in tools:
        start = time.perf_counter()
        folder = out / tool / "pages"
        folder.mkdir(parents=True, exist_ok=True)
        for page, text in zip(pages, TOOLS[tool](pdf), strict=True):
            (folder / f"{page.name}.txt").write_text(text, encoding="utf-8")
            bar.update()
        (folder / "pages.yml").write_text(pages_yml(pages), encoding="utf-8")
        seconds[tool] = time.perf_counter() - start
    bar.close()
    return seconds


def typeset_run(articles: list[CorpusArticle], n_pages: int, seed: int, out: Path,
                tools: list[str], progress: bool = True) -> dict[str, float]:
    """Typeset, print and extract one run into OUT; return seconds per stage."""
    start = time.perf_counter()
    pages = typeset_pages(articles, n_pages, seed)
    html_path = write_sources(pages, out)
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    pdf = out / "pdf" / "pages.pdf"
    typeset_s = time.perf_counter() - start
    print_pdf(html_path, pdf)
    print_s = time.perf_counter() - start - typeset_s
    printed = page_count(pdf)
    if printed != n_pages:
        raise RuntimeError(f"{pdf} has {printed} sheets for {n_pages} pages: a page overflowed")
    return {"typeset": typeset_s, "print": print_s,
            **extract_all(pages, pdf, out, tools, progress)}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m civicnews.fit.typeset",
        description=__doc__.split("\n\n")[0],
        epilog="example: python -m civicnews.fit.typeset --split val --pages 60 --seed 1 "
               "--out /tmp/typeset && python ../shared/tools/score.py /tmp/typeset/gold OUT\n"
               "exit codes: 0 done, 2 usage error or chromium, a tool or the corpus missing",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--split", choices=("val", "fit"), default="val",
                        help="corpus part to typeset (default: val, for evaluation)")
    parser.add_argument("--pages", type=int, default=60, help="pages to make (default: 60)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help=f"text tools, comma-separated (default: {','.join(TOOLS)})")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the typesetter from the command line; return the exit code."""
    args = parse_args(argv)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or not tools or args.pages < 1:
        what = f"unknown tool(s) {', '.join(unknown)}" if unknown else "nothing to do"
        print(f"error: {what} (tools: {', '.join(TOOLS)}; --pages ≥ 1)", file=sys.stderr)
        return 2
    if not available():
        print(f"error: corpus not found at {CORPUS_JSON}", file=sys.stderr)
        return 2
    missing = missing_tools(tools)
    if missing:
        print("error: missing " + "; ".join(missing), file=sys.stderr)
        return 2
    articles = load_corpus(args.split)
    try:
        seconds = typeset_run(articles, args.pages, args.seed, args.out, tools,
                              progress=not args.no_progress)
    except ToolMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items())
    print(f"{args.pages} pages from {len(articles)} {args.split} articles in {args.out} ({timing})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
