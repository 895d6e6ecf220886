"""The editor's desk in CI: ``civicnews check`` builds against the committed id ledger, refuses
ids the ledger does not hold, and writes the editors' report as the job summary.

Why a frozen ledger and not a bot commit: the ledger is the list of every URL and feed GUID
ever published, so a new id belongs in a commit an editor made and a reviewer saw, next to the
page that brought it. A workflow that pushed ``articles/ids.yml`` back would need write access
to the repository on every run, would race a second push made while it built, could not write
to a pull request from a fork, and would deploy ids before they were safely committed. Here CI
only reads: the build runs on a scratch copy of the ledger, and when it mints an id the
committed ledger lacks, the job fails before deploying and names the one command that fixes it
(``FIX_COMMAND``). An id is thus published only once it is in ``articles/ids.yml`` on main.

``render_summary`` turns the report (``report.json``'s data) into GitHub-flavoured Markdown for
``$GITHUB_STEP_SUMMARY``: totals, failed pages, ids missing from the ledger, each page to check
with its reasons and links to its articles, and a table of all pages. Page text in it (titles,
leftovers in reasons) is escaped, so a headline cannot inject markup into the summary.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .build import BatchResult, run_batch
from .corrections import CorrectionsError
from .ids import Entry, Ledger, LedgerError
from .manifest import ManifestError
from .markdown import escape_text
from .report import summary_line
from .rules import RulesError
from .site.pages import article_src, source_path, url_of

# The same exit codes as the other civicnews commands (see cli.py).
EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2
DEFAULT_PAGES = Path("articles")
DEFAULT_LEDGER = Path("articles/ids.yml")
DEFAULT_CORRECTIONS = Path("articles/corrections.yml")
DEFAULT_CACHE = Path(".cache/civicnews")
# The one command an editor runs to give new articles their ids: the same build CI runs, with
# the real ledger, then a commit of the ledger alone (pages and corrections are already in).
FIX_COMMAND = ('civicnews extract && git add articles/ids.yml && '
               'git commit -m "Ledger: ids for new articles"')
# A job summary is capped at 1 MiB by GitHub; past this many pages the full table is cut (the
# pages to check and the failures are always listed in full).
MAX_TABLE_PAGES = 500


@dataclass
class Check:
    """What ``civicnews check`` found: the build's result and the ids the ledger lacks."""

    result: BatchResult
    new: list[Entry]
    ledger: Path


def new_entries(committed: Ledger, built: Ledger) -> list[Entry]:
    """Entries of the ledger a build wrote that the committed ledger does not hold, in order.

    >>> from civicnews.ids import Entry, Ledger
    >>> old = Ledger([Entry("d-1", "p.txt", "甲")])
    >>> new = Ledger([Entry("d-1", "p.txt", "甲"), Entry("d-2", "p.txt", "乙")])
    >>> [e.id for e in new_entries(old, new)]
    ['d-2']
    """
    return [e for e in built.entries.values() if e.id not in committed.entries]


def check_build(inputs: Sequence[Path], out_dir: Path, *, ledger: Path,
                corrections: Path | None = None, cache_dir: Path | None = DEFAULT_CACHE,
                rules_dir: Path | None = None, jobs: int = 1,
                progress: bool = False) -> Check:
    """Build like ``civicnews extract`` but on a scratch copy of ``ledger``, which stays as it is.

    Raises what run_batch raises for config errors (a published id lost is a LedgerError).
    """
    committed = Ledger.load(ledger)
    with tempfile.TemporaryDirectory(prefix="civicnews-ledger-") as scratch:
        copy = Path(scratch) / ledger.name
        if ledger.is_file():
            shutil.copyfile(ledger, copy)
        result = run_batch(inputs, out_dir, jobs=jobs, progress=progress,
                           corrections=corrections, ledger=copy, cache_dir=cache_dir,
                           rules_dir=rules_dir)
        built = Ledger.load(copy)
    return Check(result, new_entries(committed, built), ledger)


def _link(text: str, url: str | None) -> str:
    """Markdown link, or the text alone when there is no site to link to."""
    return f"[{text}]({url})" if url else text


def _site_link(site_url: str | None, path: str) -> str | None:
    """Absolute URL of a site path, each segment percent-encoded (page file names are free text).

    >>> _site_link("https://x.org/news", "sources/版 1.txt")
    'https://x.org/news/sources/%E7%89%88%201.txt'
    >>> _site_link(None, "a/1/") is None
    True
    """
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + quote(path, safe="/")


def _code(text: str) -> str:
    """Inline code for a file name or id: backticks in it cannot close the span early.

    >>> print(_code("a`b.txt"))
    `a'b.txt`
    """
    return "`" + text.replace("`", "'") + "`"


def _article_line(art: dict, site_url: str | None) -> str:
    """One article of a page to check: linked id, title, length, status and flags."""
    ident = _link(_code(art["id"]), _site_link(site_url, url_of(article_src(art["id"]))))
    title = escape_text(art["title"]) if art["title"] else "*(no title)*"
    extra = [f"{art['chars']} characters"]
    if art["status"] != "published":
        extra.append(escape_text(art["status"]))
    extra += [escape_text(flag) for flag in art["flags"]]
    return f"- {ident} {title} ({'; '.join(extra)})"


def _page_about(page: dict) -> str:
    parts = [str(page[k]) for k in ("publication", "date") if page.get(k)]
    if page.get("page"):
        parts.append(f"page {page['page']}")
    return escape_text(", ".join(parts))


def _ledger_section(new: Sequence[Entry], ledger: Path) -> list[str]:
    out = [f"### ❌ {len(new)} article(s) have no id in the committed ledger", "",
           f"`{ledger}` does not hold these ids, so publishing them could give a URL and feed "
           "GUID that a later build hands to another story. Nothing was deployed. Run this in "
           "your checkout, then push:", "", "```sh", FIX_COMMAND, "```", "",
           "| new id | page | title |", "|---|---|---|"]
    for entry in new:
        title = escape_text(entry.title) if entry.title else "*(no title)*"
        out.append(f"| {_code(entry.id)} | {_code(entry.source)} | {title} |")
    return [*out, ""]


def _checks_section(unsure: Sequence[dict], site_url: str | None) -> list[str]:
    out = [f"### ⚠️ {len(unsure)} page(s) to check", ""]
    for page in unsure:
        name = _link(_code(page["file"]), _site_link(site_url, source_path(page["file"])))
        about = _page_about(page)
        out += [f"#### {name}" + (f" — {about}" if about else ""), "", "Why:", ""]
        out += [f"- {escape_text(reason)}" for reason in page["unsure"]]
        out += ["", "Articles:", ""]
        out += [_article_line(art, site_url) for art in page["articles"]] or ["- *(none)*"]
        out.append("")
    return out


def _pages_table(pages: Sequence[dict]) -> list[str]:
    out = ["<details><summary>All pages</summary>", "",
           "| page | publication | date | articles | leftovers | check |", "|---|---|---|---:|---:|---|"]
    for page in pages[:MAX_TABLE_PAGES]:
        out.append(f"| {_code(page['file'])} | {escape_text(str(page['publication'] or ''))} | "
                   f"{escape_text(str(page['date'] or ''))} | {len(page['articles'])} | "
                   f"{len(page['leftovers'])} | {'⚠️' if page['unsure'] else 'ok'} |")
    if len(pages) > MAX_TABLE_PAGES:
        out.append(f"\n…and {len(pages) - MAX_TABLE_PAGES} more pages: see `report.json`.")
    return [*out, "", "</details>", ""]


def render_summary(report: dict, *, new: Sequence[Entry] = (), ledger: Path = DEFAULT_LEDGER,
                   site_url: str | None = None) -> str:
    """The editors' report as GitHub-flavoured Markdown for the job summary.

    ``new`` are the ids missing from the committed ledger; ``site_url`` (the deployed site)
    turns article ids and page names into links, and is left out where nothing is deployed.

    >>> report = {"summary": {"pages": 1, "articles": 0, "leftover_lines": 0, "failed": 1,
    ...           "unsure_pages": 0, "warnings": 0}, "failures": [
    ...           {"file": "x.txt", "reason": "empty file"}], "warnings": [], "pages": []}
    >>> print(render_summary(report).splitlines()[2])
    **1 pages, 0 articles, 0 leftover lines, 1 failed** · 0 page(s) to check
    """
    s = report["summary"]
    unsure = [p for p in report["pages"] if p["unsure"]]
    out = ["## civicnews: editors' report", "",
           f"**{summary_line(report)}** · {s['unsure_pages']} page(s) to check", ""]
    if report["failures"]:
        out += [f"### ❌ {len(report['failures'])} page file(s) failed to extract", ""]
        out += [f"- {_code(f['file'])}: {escape_text(f['reason'])}" for f in report["failures"]]
        out += ["", "The other pages were built; fix or remove these files and push again.", ""]
    if new:
        out += _ledger_section(new, ledger)
    if unsure:
        out += _checks_section(unsure, site_url)
    if report["warnings"]:
        out += [f"### {len(report['warnings'])} warning(s)", ""]
        out += [f"- {escape_text(w)}" for w in report["warnings"]]
        out.append("")
    if not (report["failures"] or new or unsure):
        out += ["✅ Every page extracted cleanly and every id is in the ledger.", ""]
    out += _pages_table(report["pages"])
    return "\n".join(out)


def render_stopped(message: str) -> str:
    """The job summary when the build stopped on a configuration error (nothing was built).

    >>> print(render_stopped("ids.yml: 1 published article(s) no longer found"))
    ## civicnews: the build stopped
    <BLANKLINE>
    ids.yml: 1 published article\\(s\\) no longer found
    <BLANKLINE>
    Nothing was built or deployed. Fix the file named above and push again.
    <BLANKLINE>
    """
    return ("## civicnews: the build stopped\n\n" + escape_text(message) + "\n\n"
            "Nothing was built or deployed. Fix the file named above and push again.\n")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``check`` to the civicnews command line."""
    check = sub.add_parser(
        "check", help="CI: build against the committed ledger and write the report as Markdown",
        description="Build articles like `extract`, but on a scratch copy of the id ledger: "
        "fail (exit 1) when a page failed to extract or an article would get an id that the "
        "committed ledger does not hold, and print the editors' report as Markdown (GitHub's "
        "job summary). The ledger, and docs/ unless --out is given, are left as they are.")
    check.add_argument("inputs", nargs="*", type=Path, metavar="FILE_OR_DIR",
                       help=f"page text files or directories (default: {DEFAULT_PAGES}/)")
    check.add_argument("--ledger", type=Path, default=DEFAULT_LEDGER, metavar="FILE",
                       help=f"the committed id ledger (default: {DEFAULT_LEDGER})")
    check.add_argument("--out", type=Path, metavar="DIR",
                       help="keep the built articles here (default: a scratch directory)")
    check.add_argument("--summary", type=Path, metavar="FILE",
                       help="append the Markdown report to FILE, e.g. \"$GITHUB_STEP_SUMMARY\" "
                       "(default: print it)")
    check.add_argument("--site-url", metavar="URL",
                       help="the deployed site's address, to link articles and pages")
    check.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                       help="pages extracted in parallel processes (0 = one per CPU)")
    check.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                       help=f"extraction cache (default: {DEFAULT_CACHE}/)")


def _emit(markdown: str, summary: Path | None) -> None:
    if summary is None:
        sys.stdout.write(markdown)
        return
    with open(summary, "a", encoding="utf-8") as handle:  # the runner's file may hold more
        handle.write(markdown + "\n")


def _say(message: str) -> None:
    print(f"civicnews: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """``civicnews check``: exit 0 all good, 1 failed pages or ids not in the ledger, 2 stopped."""
    corrections = DEFAULT_CORRECTIONS if DEFAULT_CORRECTIONS.is_file() else None
    try:
        with tempfile.TemporaryDirectory(prefix="civicnews-check-") as scratch:
            found = check_build(args.inputs or [DEFAULT_PAGES], args.out or Path(scratch),
                                ledger=args.ledger, corrections=corrections,
                                cache_dir=args.cache, jobs=args.jobs or os.cpu_count() or 1)
    except (RulesError, ManifestError, CorrectionsError, LedgerError) as exc:
        _say(str(exc))
        _emit(render_stopped(str(exc)), args.summary)
        return EXIT_CONFIG
    report = found.result.report
    _emit(render_summary(report, new=found.new, ledger=args.ledger, site_url=args.site_url),
          args.summary)
    for failure in found.result.failures:
        _say(f"{failure.file}: {failure.reason}")
    for entry in found.new:
        _say(f"{entry.id} ({entry.source}) is not in {args.ledger}")
    if found.new:
        _say(f"fix: {FIX_COMMAND}")
    _say(f"{summary_line(report)}, {report['summary']['unsure_pages']} page(s) to check")
    return EXIT_FAILED if found.result.failures or found.new else EXIT_OK
