#!/usr/bin/env python3
"""Extraction throughput: pages per second with 1 and 2 processes, and where the time goes.

``python benchmarks/extract.py [--pages 400] [--jobs 1,2] [--corpus DIR] [--profile]``

Generates a corpus of ``--pages`` pages with ``benchmarks/corpus.py`` (or reads ``--corpus``)
and, for each job count, runs in a fresh Python process:

- **steady**: one warm-up page (imports, rules, model, jieba: once-per-process costs), then
  ``run_batch`` of the whole corpus without cache, timed: the figure the issue's goal is about
  (≥ 300 pages/s per core, ≥ 1.8× on 2 processes);
- **command**: the whole ``civicnews extract --no-cache`` command, start-up included, which is
  what an editor waits for.

Wall time on a machine shared with other work says little, so the steady runs also count CPU
seconds: of the parent (everything it does itself, serial) and of the workers. Pages per
CPU-second of the one-process run is the per-core rate of a quiet machine, and
``cpu(1 job) / (parent cpu + workers cpu / 2)`` of the 2-process run estimates its speedup on
two idle cores (an upper bound: it assumes the parent's own work never waits for a worker).

With ``--profile`` the steady one-process run is also run under cProfile and the time is
printed by module and by function (ms per page; cProfile inflates everything roughly 2–3×,
so read the shares, not the absolute figures). With 2 jobs the profile would only show the
parent, so it is made with one.

Prints a Markdown table (and the profile); the raw figures go to
``benchmarks/out/extract.json`` (git-ignored). One run each: figures on a shared machine vary by
10–20 %, so compare runs made back to back. ``benchmarks/run.py`` measures the same ``run_batch``
inside the whole-site benchmark; this script is the quick one for work on the extractor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
DEFAULT_PAGES = 400
# Functions listed in the profile: enough to see every stage of the extractor.
PROFILE_FUNCTIONS = 40


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished worker processes."""
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, workers.ru_utime + workers.ru_stime


def _child(corpus_dir: Path, work: Path, jobs: int, profile: Path | None) -> dict:
    """In a fresh process: warm up on one page, then extract the corpus once, timed."""
    from civicnews.build import run_batch

    pages = sorted(corpus_dir.glob("*.txt"))
    run_batch([pages[0]], work / "warmup", jobs=1, cache_dir=None)
    out = work / f"steady-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    before = _cpu()
    start = time.perf_counter()
    result = run_batch([corpus_dir], out, jobs=jobs, cache_dir=None)
    seconds = time.perf_counter() - start
    parent_cpu, workers_cpu = (after - first for after, first in zip(_cpu(), before, strict=True))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    return {"jobs": jobs, "seconds": seconds, "parent_cpu": parent_cpu, "workers_cpu": workers_cpu,
            "pages": len(result.pages) + len(result.failures),
            "articles": len(result.articles),
            "failures": [[f.file, f.reason] for f in result.failures]}


def run_child(corpus_dir: Path, work: Path, jobs: int, profile: Path | None = None) -> dict:
    """_child in a new interpreter (nothing loaded by an earlier run helps this one)."""
    cmd = [sys.executable, __file__, "--child", "--corpus", str(corpus_dir), "--work", str(work),
           "--jobs", str(jobs)]
    if profile is not None:
        cmd += ["--profile-file", str(profile)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_command(corpus_dir: Path, work: Path, jobs: int) -> float:
    """Wall seconds of the whole ``civicnews extract --no-cache`` command."""
    out = work / f"command-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "civicnews.cli", "extract", str(corpus_dir), "--out", str(out),
           "--no-cache", "--no-progress", "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=work)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: some pages failed, which the table reports
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-4000:]}")
    return seconds


def module_of(filename: str) -> str:
    """A short module name for a profile row: civicnews modules by name, the rest by package.

    >>> module_of("/x/scripts/civicnews/features.py"), module_of("/x/scripts/civicnews/fit/x.py")
    ('features', 'fit/x')
    >>> module_of("/usr/lib/python3.11/json/encoder.py"), module_of("/usr/lib/python3.11/copy.py")
    ('json', 'copy')
    >>> module_of("~")
    '(built-in)'
    """
    path = Path(filename)
    if "civicnews" in path.parts:
        rel = path.parts[path.parts.index("civicnews") + 1:]
        return "/".join(rel)[:-3] if rel and filename.endswith(".py") else "/".join(rel)
    if filename.startswith(("~", "<")):
        return "(built-in)"
    for marker in ("site-packages", "dist-packages"):
        if marker in path.parts:
            return path.parts[path.parts.index(marker) + 1].removesuffix(".py")
    if path.parent.name.startswith("python3"):  # the standard library: heapq, copy, …
        return path.stem
    return path.parent.name


def profile_tables(stats_file: Path, pages: int) -> str:
    """Own time by module and the slowest functions by cumulative time, in ms per page."""
    import pstats

    stats = pstats.Stats(str(stats_file))
    by_module: dict[str, float] = {}
    rows = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items():
        module = module_of(filename)
        by_module[module] = by_module.get(module, 0.0) + own
        rows.append((cumulative, own, calls, f"{module}:{line}({name})"))
    total = sum(by_module.values()) or 1.0
    out = ["own time by module (cProfile, ms/page, share)", "", "| module | ms/page | share |",
           "|---|---|---|"]
    for module, own in sorted(by_module.items(), key=lambda kv: -kv[1]):
        if own / total >= 0.005:
            out.append(f"| {module} | {own / pages * 1000:.2f} | {own / total:.1%} |")
    out += ["", "functions by cumulative time (ms/page)", "",
            "| function | cumulative | own | calls/page |", "|---|---|---|---|"]
    for cumulative, own, calls, where in sorted(rows, reverse=True)[:PROFILE_FUNCTIONS]:
        out.append(f"| {where} | {cumulative / pages * 1000:.2f} | {own / pages * 1000:.2f} | "
                   f"{calls / pages:.1f} |")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate or read the corpus, measure each job count, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="generated corpus size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, help="a folder of pages (and pages.yml) to use instead")
    ap.add_argument("--jobs", default="1,2", help="job counts to measure (default: 1,2)")
    ap.add_argument("--profile", action="store_true", help="also profile the 1-process run")
    ap.add_argument("--out", type=Path, default=OUT, help="work folder (default: benchmarks/out)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--profile-file", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.corpus, args.work, int(args.jobs), args.profile_file)))
        return 0
    work = (args.out / "extract").resolve()
    work.mkdir(parents=True, exist_ok=True)
    corpus_dir = args.corpus.resolve() if args.corpus else work / f"corpus-{args.pages}-{args.seed}"
    if not args.corpus and not (corpus_dir / "pages.yml").exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import corpus

        corpus.write_pages(corpus_dir, 0, args.pages, args.pages, args.seed)
    n_files = len(list(corpus_dir.glob("*.txt")))
    kb = sum(p.stat().st_size for p in corpus_dir.glob("*.txt")) / max(n_files, 1) / 1024
    results = []
    for jobs in [int(j) for j in args.jobs.split(",") if j.strip()]:
        steady = run_child(corpus_dir, work, jobs)
        command = run_command(corpus_dir, work, jobs)
        steady["pages_per_s"] = steady["pages"] / steady["seconds"]
        steady["command_seconds"] = command
        steady["command_pages_per_s"] = steady["pages"] / command
        results.append(steady)
        print(f"{jobs} job(s): {steady['pages_per_s']:.0f} pages/s steady, "
              f"{steady['command_pages_per_s']:.0f} pages/s whole command", file=sys.stderr)
    base = results[0]
    base_cpu = base["parent_cpu"] + base["workers_cpu"]
    lines = [f"extraction, {n_files} pages of {kb:.1f} KB, {os.cpu_count()} cores, no cache, "
             f"load average {os.getloadavg()[0]:.1f}", "",
             "| jobs | steady pages/s | per core | vs first | CPU ms/page parent + workers | "
             "pages per CPU-s | est. speedup idle | command s | command pages/s | failed |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        cpu = r["parent_cpu"] + r["workers_cpu"]
        estimate = base_cpu / (r["parent_cpu"] + r["workers_cpu"] / r["jobs"])
        lines.append(f"| {r['jobs']} | {r['pages_per_s']:.0f} | {r['pages_per_s'] / r['jobs']:.0f} "
                     f"| {base['seconds'] / r['seconds']:.2f}× | "
                     f"{r['parent_cpu'] / r['pages'] * 1000:.2f} + "
                     f"{r['workers_cpu'] / r['pages'] * 1000:.2f} | {r['pages'] / cpu:.0f} | "
                     f"{estimate:.2f}× | {r['command_seconds']:.2f} | "
                     f"{r['command_pages_per_s']:.0f} | {len(r['failures'])} |")
    for r in results:
        lines += [f"failed ({r['jobs']} jobs): {file}: {reason}" for file, reason in r["failures"]]
    print("\n".join(lines))
    if args.profile:
        stats_file = work / "profile-j1.pstats"
        profiled = run_child(corpus_dir, work, 1, stats_file)
        print()
        print(profile_tables(stats_file, profiled["pages"]))
    (args.out / "extract.json").write_text(json.dumps({"cores": os.cpu_count(), "pages": n_files,
                                                       "results": results}, indent=2),
                                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
