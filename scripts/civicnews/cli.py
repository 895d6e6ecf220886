"""The ``civicnews`` command: ``extract`` builds articles from page texts, ``report`` shows the
editors' report of the last build. A thin layer over build.py and report.py.

Exit codes: 0 all good; 1 some page files failed (the others were built); 2 usage or config
error (bad rules, manifest, corrections or ledger) and nothing was written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import ci
from .build import run_batch
from .corrections import CorrectionsError
from .ids import LedgerError
from .manifest import ManifestError
from .output import BuildLocked, InterruptedAfterCommit, OutputError
from .report import load_report, render_text, summary_line
from .rules import RulesError

EXIT_OK, EXIT_FAILED_FILES, EXIT_CONFIG = 0, 1, 2
DEFAULT_PAGES = Path("articles")
DEFAULT_OUT = Path("docs")
DEFAULT_CORRECTIONS = Path("articles/corrections.yml")
DEFAULT_LEDGER = Path("articles/ids.yml")
DEFAULT_CACHE = Path(".cache/civicnews")

DESCRIPTION = """\
Turn newspaper page texts (what a PDF tool extracted) into clean articles: Markdown files
with YAML front matter in OUT/articles/<id>.md, plus an editors' report (OUT/report.json and
OUT/editor/report.md) listing for each page the articles found, the furniture removed, the
lines left over and anything that looks unsure."""

EPILOG = """\
examples:
  civicnews extract                          build articles/ (all *.txt) into docs/
  civicnews extract articles/pages/new.txt --out /tmp/preview
  civicnews extract --jobs 4                 extract pages in 4 processes
  civicnews report                           show the report of the last build in docs/

files (in the current directory, used when present):
  articles/pages/pages.yml  publication, date and page of each page file
  articles/corrections.yml  editors' corrections, keyed by article id
  articles/ids.yml          the id ledger: keeps every published URL and feed GUID stable;
                            written only when OUT is docs/ or --ledger is given (an
                            --out elsewhere is a preview: it reads the ledger, never writes it)
  .cache/civicnews/         extraction cache (safe to delete)

what you may see:
  a page without a date in pages.yml is a draft when the ledger is written: reported, not
  published, no id; links, FIFOs, hidden files and non-UTF-8 names are refused by name;
  a published id that is no longer found (page deleted, rule change) stops the build until
  its ledger entry is retired; a renamed page keeps its ids. The output (articles, report,
  ledger) changes in one step: an interrupted run leaves the last build, and a second run
  while one is going stops with "another build is running".

exit codes: 0 all good, 1 some page files failed (the rest was built),
            2 usage or config error (nothing was written)"""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with our usage code (2) and a civicnews: prefix."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_CONFIG, f"civicnews: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    """The command line: `extract` and `report`."""
    parser = _Parser(prog="civicnews", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    ex = sub.add_parser("extract", help="build articles from page texts",
                        description=DESCRIPTION, epilog=EPILOG,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="*", type=Path, metavar="FILE_OR_DIR",
                    help=f"page text files or directories searched for *.txt (default: {DEFAULT_PAGES}/)")
    ex.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                    help=f"output directory (default: {DEFAULT_OUT}/)")
    ex.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                    help="pages extracted in parallel processes (default: 1; 0 = one per CPU)")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar")
    ex.add_argument("--corrections", type=Path, metavar="FILE",
                    help=f"editors' corrections (default: {DEFAULT_CORRECTIONS} when present)")
    ex.add_argument("--ledger", type=Path, metavar="FILE",
                    help=f"id ledger, created if missing (default: {DEFAULT_LEDGER} when the "
                    f"{DEFAULT_LEDGER.parent}/ directory exists)")
    ex.add_argument("--rules", type=Path, metavar="DIR",
                    help="directory of rule files overriding the built-in ones by name")
    ex.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                    help=f"extraction cache (default: {DEFAULT_CACHE}/)")
    ex.add_argument("--no-cache", action="store_true", help="extract every page again")
    rep = sub.add_parser("report", help="show the editors' report of the last build",
                         description="Print the report.json an earlier `civicnews extract` wrote.")
    rep.add_argument("dir", nargs="?", type=Path, metavar="DIR",
                     help=f"the build's output directory (default: {DEFAULT_OUT}/)")
    rep.add_argument("--out", type=Path, metavar="DIR", help="same as DIR")
    ci.add_parser(sub)  # `check`: what CI runs (ledger frozen, report as the job summary)
    return parser


def _say(message: str) -> None:
    print(f"civicnews: {message}", file=sys.stderr)


def _default_ledger(given: Path | None, out: Path) -> tuple[Path | None, bool]:
    """The ledger to use and whether this run may write it.

    Only a build of the portal itself (into docs/) records new ids in the project ledger; a
    preview (``--out ../preview``) reads it, so published articles keep their ids, but never
    writes it. ``--ledger FILE`` is always written.
    """
    if given is not None:
        return given, True
    if not DEFAULT_LEDGER.parent.is_dir():
        return None, False
    return DEFAULT_LEDGER, out.resolve() == DEFAULT_OUT.resolve()


def cmd_extract(args: argparse.Namespace) -> int:
    """Run the batch build and tell the editor what happened."""
    if args.jobs < 0:
        _say("--jobs must be 0 (one per CPU) or more")
        return EXIT_CONFIG
    corrections = args.corrections or (DEFAULT_CORRECTIONS if DEFAULT_CORRECTIONS.is_file() else None)
    if args.corrections and not args.corrections.is_file():
        _say(f"{args.corrections}: no such corrections file")
        return EXIT_CONFIG
    if args.rules and not args.rules.is_dir():
        _say(f"{args.rules}: no such rules directory")
        return EXIT_CONFIG
    env_rules = os.environ.get("CIVICNEWS_RULES")
    if not args.rules and env_rules and not Path(env_rules).is_dir():
        _say(f"CIVICNEWS_RULES={env_rules}: no such rules directory")
        return EXIT_CONFIG
    ledger, save_ledger = _default_ledger(args.ledger, args.out)
    try:
        result = run_batch(
            args.inputs or [DEFAULT_PAGES],
            args.out,
            jobs=args.jobs or os.cpu_count() or 1,
            progress=not args.no_progress and sys.stderr.isatty(),
            corrections=corrections,
            ledger=ledger,
            cache_dir=None if args.no_cache else args.cache,
            rules_dir=args.rules,
            save_ledger=save_ledger,
        )
    except (RulesError, ManifestError, CorrectionsError, LedgerError, BuildLocked,
            OutputError) as exc:
        _say(str(exc))
        _say("nothing was written; the last build's output stands")
        return EXIT_CONFIG
    for failure in result.failures:
        _say(f"{failure.file}: {failure.reason}")
    for warning in result.warnings:
        _say(f"warning: {warning}")
    print(summary_line(result.report))
    unsure = result.report["summary"]["unsure_pages"]
    print(f"wrote {result.written}, unchanged {result.unchanged}, removed {result.removed} "
          f"article files in {args.out / 'articles'}; {unsure} page(s) to check: "
          f"civicnews report {args.out}")
    return EXIT_FAILED_FILES if result.failures else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Print the report of an earlier build."""
    out = args.out or args.dir or DEFAULT_OUT
    try:
        report = load_report(out)
    except FileNotFoundError:
        _say(f"{out}: no report.json; run `civicnews extract --out {out}` first")
        return EXIT_CONFIG
    except (OSError, ValueError) as exc:
        _say(f"{out / 'report.json'}: unreadable: {exc}")
        return EXIT_CONFIG
    try:
        text = render_text(report)
        failed = bool(report.get("failures"))
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        _say(f"{out / 'report.json'}: damaged (not a report civicnews wrote); run "
             f"`civicnews extract --out {out}` again")
        return EXIT_CONFIG
    sys.stdout.write(text)
    return EXIT_FAILED_FILES if failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``civicnews`` console script; returns the exit code."""
    args = make_parser().parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "check":
            return ci.run(args)
        return cmd_report(args)
    except InterruptedAfterCommit:
        _say("interrupted after the new output was in place: this build finished")
        return 130
    except KeyboardInterrupt:
        _say("interrupted; the output directory was left as it was before this run")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
