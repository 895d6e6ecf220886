"""Time ``civicnews extract`` on one huge page of many short lines, at several sizes.

The issue measured 13 / 51 / 168 s for 1.4 / 2.8 / 5.6 MB in an older extractor (quadratic).
Usage: ``python benchmarks/short_lines.py [--sizes 1.4,2.8,5.6] [--keep]``. The page is the
seed pages (``articles/pages``) cut into lines of three characters, repeated to each size; one
run each, no cache. Prints a Markdown table: wall and user seconds, peak memory, and seconds
per MB (flat when extraction is linear). Work happens in ``benchmarks/out/short-lines/``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_PAGES = ROOT / "articles" / "pages"
WORK = ROOT / "benchmarks" / "out" / "short-lines"
SHORT = 3  # characters a line


def short_line_unit() -> str:
    """The seed pages cut into lines of SHORT characters, blank lines kept."""
    lines: list[str] = []
    for page in sorted(SEED_PAGES.glob("*.txt")):
        for raw in page.read_text(encoding="utf-8").splitlines():
            text = raw.strip()
            lines += [text[i:i + SHORT] for i in range(0, len(text), SHORT)] if text else [""]
    return "\n".join(lines) + "\n"


def write_page(folder: Path, megabytes: float) -> Path:
    """A page of about ``megabytes`` MB (10^6 bytes) cut at a line end."""
    unit = short_line_unit().encode("utf-8")
    size = int(megabytes * 1_000_000)
    data = (unit * (size // len(unit) + 1))[:size]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"short_{megabytes}.txt"
    path.write_bytes(data[: data.rfind(b"\n") + 1])
    return path


def extract(page: Path, out: Path) -> tuple[float, float, float]:
    """One ``civicnews extract`` run: wall seconds, user seconds, peak resident MB."""
    cmd = [sys.executable, "-m", "civicnews.cli", "extract", str(page), "--out", str(out),
           "--no-cache", "--no-progress"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=page.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return wall, usage.ru_utime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1.4,2.8,5.6", help="page sizes in MB, comma separated")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    print(f"| page | lines | wall s | user s | peak MB | user s per MB |  (cpus: {os.cpu_count()})")
    print("|---|---|---|---|---|---|")
    try:
        for mb in (float(x) for x in args.sizes.split(",")):
            page = write_page(WORK / f"p{mb}", mb)
            lines = page.read_bytes().count(b"\n")
            wall, user, peak = extract(page, WORK / f"out{mb}")
            print(f"| {mb} MB | {lines:,} | {wall:.1f} | {user:.1f} | {peak:,.0f} | {user / mb:.1f} |", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
