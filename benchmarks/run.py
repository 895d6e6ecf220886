#!/usr/bin/env python3
"""civicnews benchmarks: what each stage costs for a county paper's archive on this machine.

For each size (articles; about 2.5 per page) it generates a corpus (benchmarks/corpus.py) and
measures, all in temporary directories under ``benchmarks/out/``:

1. extraction (``run_batch``, no cache) with one process and with one per core: pages per
   second per core, and the speedup;
2. a full site build (``mkdocs build`` of a project whose hook extracts, generates pages,
   feeds and QR codes and runs Pagefind; empty extraction cache) against the floor: a plain
   ``mkdocs build`` of the same Markdown (static pages, article pages and the generated list
   pages written out as files) with the same theme, overrides, CSS/JS and Markdown extensions,
   and no hooks or plugins: no extraction, feeds, QR codes, article header/footer, page-text
   copies or search index;
3. a rebuild after one more page is added to the built archive, extraction cache kept: a
   plain ``mkdocs build`` and ``mkdocs build --dirty`` (only changed Markdown re-rendered);
4. gzip bytes a phone downloads: the home page and the largest article page with the local
   CSS/JS/images/fonts they reference (read from the built HTML and CSS), and everything a
   first search for 开发区 fetches (Chromium via Playwright, responses summed, gzip applied to
   what a server would compress);
5. the site's size on disk and number of files.

Prints a Markdown table and writes ``benchmarks/out/results.json``.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"  # committed: the history of the figures
# The code under test is copied to <out>/snapshot/scripts once per run: other people commit to
# scripts/ while a long run goes on, and a changed extractor invalidates the cache (and may
# move article ids) mid-run.
SNAPSHOT = Path("snapshot") / "scripts"
DEFAULT_SIZES = (100, 1000, 10_000)
QUICK_SIZES = (100, 1000)
SEARCH_WORD = "开发区"
# A first search is over when a result is drawn and nothing more is fetched for this long
# (Pagefind asks for the next fragments as results are drawn; 500 ms is playwright's own
# "network idle"). A word with no result waits SEARCH_RESULT_WAIT_MS for none.
SEARCH_QUIET_MS = 500
SEARCH_RESULT_WAIT_MS = 10_000
SITE_URL = "https://example.org/civicnews/"
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update"]
# What the extraction writes into docs/ (git-ignored in the real project): not copied.
GENERATED_DOCS = ("articles", "report.json", "editor")
GOALS = {
    "extract_pages_per_s_per_core": 300,
    "build_vs_floor": 1.5,
    "rebuild_vs_full": 0.10,
    "article_kb": 100,
    "search_kb_at_10k": 1024,
}


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One measured subprocess: wall seconds, peak resident memory (MB) of its tree and what
    the civicnews hook said about its caches."""

    seconds: float
    peak_mb: float
    notes: tuple[str, ...] = ()


# The hook's INFO lines on what came from its caches (render cache, search shards).
_NOTE = re.compile(r"civicnews: (\d+ of \d+ pages from the render cache|search in .*)$", re.M)


def build_env() -> dict[str, str]:
    """A fixed environment for every build: no clock, no banner, a known site URL."""
    env = dict(os.environ)
    env.update(NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL, PYTHONHASHSEED="0")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


# Linux keeps a process's peak RSS across fork and exec: a build started straight from this
# process (hundreds of MB after the extraction figures) would report at least this process's
# size. A small launcher (a fresh Python that imports nothing else) starts the command and
# reports its tree's peak with wait4; the launcher's own size is far below any build's.
LAUNCHER = """
import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out = proc.stdout.read()
_pid, status, usage = os.wait4(proc.pid, 0)
sys.stdout.buffer.write(out)
with open(sys.argv[1], "w") as fh:
    json.dump({"code": os.waitstatus_to_exitcode(status), "maxrss_kib": usage.ru_maxrss}, fh)
"""


def measure(cmd: Sequence[str], cwd: Path) -> Run:
    """Run a command; wall time and ru_maxrss from wait4 (the largest process in its tree),
    through LAUNCHER so the figure is the command's own."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage.json"
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(report), *cmd],
                              cwd=cwd, env=build_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, check=False)
        seconds = time.perf_counter() - start
        usage = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    output = proc.stdout
    code = usage.get("code", proc.returncode)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n"
                           f"{output.decode(errors='replace')[-4000:]}")
    notes = tuple(_NOTE.findall(output.decode(errors="replace")))
    return Run(seconds, usage["maxrss_kib"] / 1024, notes)  # Linux reports KiB


def mkdocs(project: Path, *extra: str, strict: bool = True) -> Run:
    """``mkdocs build --strict`` of a project directory, measured: exactly as CI builds (``-q``
    would hide the warnings strict mode counts, so a page that fails would not fail it).
    ``--dirty`` always warns, so that comparison is built without ``--strict``."""
    flags = ["--strict"] if strict else ["--no-strict"]
    return measure([sys.executable, "-m", "mkdocs", "build", *flags, *extra], project)


# ---------------------------------------------------------------------------------------------
# 1. Extraction
# ---------------------------------------------------------------------------------------------


def bench_extract(pages_dir: Path, work: Path, jobs: int) -> dict:
    """Extract every page with ``jobs`` processes and no cache; pages/s per core."""
    from civicnews.build import run_batch

    out = work / f"extract-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    # Warm up on one page: rule compilation and imports are a once-per-process cost that
    # would otherwise be charged to the one-process run of a small corpus only.
    run_batch([next(pages_dir.glob("*.txt"))], work / "warmup", jobs=1, cache_dir=None)
    start = time.perf_counter()
    result = run_batch([pages_dir], out, jobs=jobs, cache_dir=None)
    seconds = time.perf_counter() - start
    pages = len(result.pages) + len(result.failures)
    return {"jobs": jobs, "seconds": seconds, "pages": pages, "articles": len(result.articles),
            "failures": len(result.failures),
            "pages_per_s_per_core": pages / seconds / jobs}


# ---------------------------------------------------------------------------------------------
# 2–3. Site builds
# ---------------------------------------------------------------------------------------------


def make_project(pages_dir: Path, project: Path, code: Path) -> None:
    """A civicnews site project around a corpus: the repo's config, theme, hook and docs."""
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    # mkdocs.yml names the hook and overrides by relative path: the hook runs the snapshot.
    (project / "scripts").symlink_to(code)
    (project / "overrides").symlink_to(ROOT / "overrides")
    shutil.copytree(ROOT / "docs", project / "docs",
                    ignore=lambda d, names: [n for n in names
                                             if Path(d) == ROOT / "docs" and n in GENERATED_DOCS])
    shutil.copytree(pages_dir, project / "articles" / "pages")


FLOOR_CONFIG = """\
# The floor: the same Markdown, theme, overrides, CSS/JS and extensions; no hooks, no plugins.
site_name: 县域新闻
site_url: {site_url}
use_directory_urls: true
docs_dir: docs
theme:
  name: material
  language: zh
  custom_dir: {overrides}
  font: false
  favicon: assets/favicon.svg
  icon:
    logo: material/newspaper-variant-outline
  features:
    - navigation.tabs
    - navigation.top
  palette:
    - scheme: default
      primary: red
      accent: red
      toggle:
        icon: material/contrast-circle
        name: 高对比度
    - scheme: slate
      primary: black
      accent: yellow
      toggle:
        icon: material/white-balance-sunny
        name: 普通配色
plugins: []
markdown_extensions:
  - toc:
      permalink: false
extra:
  generator: false
extra_css:
  - stylesheets/civicnews.css
extra_javascript:
  - javascripts/civicnews.js
not_in_nav: |
  /a/
  /districts/
  /campaigns/
  /archive/
  /editor/
nav:
  - 首页: index.md
  - 地区: districts/index.md
  - 专题/活动: campaigns/index.md
  - 归档: archive/index.md
  - 关于: about.md
"""


def make_floor(project: Path, floor: Path) -> int:
    """The floor project: the built project's Markdown as plain files; returns its page count."""
    from civicnews.rules import load_rules
    from civicnews.site import articles as art_mod
    from civicnews.site import pages

    shutil.rmtree(floor, ignore_errors=True)
    docs = floor / "docs"
    shutil.copytree(project / "docs", docs,
                    ignore=lambda d, names: [n for n in names
                                             if Path(d) == project / "docs"
                                             and n in GENERATED_DOCS])
    articles = art_mod.load_articles(project / "docs" / "articles")
    for art in articles:
        target = docs / pages.article_src(art.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(art.path, target)
    rules = load_rules()
    cities = pages.city_map({n: p.parent for n, p in rules.places.items()},
                            {n: p.level for n, p in rules.places.items()})
    generated = pages.site_pages(articles, "县域新闻", cities, list(rules.places),
                                 [c.label for c in rules.campaigns])
    for page in generated:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    (floor / "mkdocs.yml").write_text(
        FLOOR_CONFIG.format(site_url=SITE_URL, overrides=ROOT / "overrides"), encoding="utf-8")
    return len(articles) + len(generated)


def clean_build_state(project: Path) -> None:
    """Forget every earlier build: site, extraction output and cache, id ledger."""
    for rel in ("site", ".cache", "docs/articles", "docs/editor", "articles/ids.yml",
                "docs/report.json"):
        path = project / rel
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def bench_builds(pages_dir: Path, work: Path, code: Path, n_pages: int, seed: int) -> dict:
    """Full build vs floor, then rebuilds after adding one page."""
    project = work / "project"
    make_project(pages_dir, project, code)
    clean_build_state(project)
    full = mkdocs(project)
    floor_pages = make_floor(project, work / "floor")
    floor = mkdocs(work / "floor")
    site = site_stats(project / "site")
    corpus.write_pages(project / "articles" / "pages", n_pages, 1, n_pages, seed)
    rebuild = mkdocs(project)
    corpus.write_pages(project / "articles" / "pages", n_pages + 1, 1, n_pages, seed)
    dirty = mkdocs(project, "--dirty", strict=False)
    return {
        "full": full.__dict__, "floor": floor.__dict__, "floor_pages": floor_pages,
        "build_vs_floor": full.seconds / floor.seconds,
        "peak_vs_floor": full.peak_mb / floor.peak_mb,
        "rebuild": rebuild.__dict__, "rebuild_vs_full": rebuild.seconds / full.seconds,
        "rebuild_dirty": dirty.__dict__, "rebuild_dirty_vs_full": dirty.seconds / full.seconds,
        "site": site, "project": str(project),
    }


# ---------------------------------------------------------------------------------------------
# 4. Bytes a phone downloads
# ---------------------------------------------------------------------------------------------


class _Refs(HTMLParser):
    """Local resources an HTML page makes the browser load before any interaction."""

    LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and set((a.get("rel") or "").split()) & self.LOADED_RELS:
            self.refs.append(a.get("href") or "")
        elif tag in ("script", "img") and a.get("src"):
            self.refs.append(a["src"] or "")


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with gzip -9 (what a static host sends for text)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def local_file(site: Path, page_file: Path, ref: str) -> Path | None:
    """The file a relative reference of a page points to, or None for external/data URLs."""
    parsed = urlparse(ref)
    if parsed.scheme or parsed.netloc or not parsed.path:
        return None
    target = (page_file.parent / unquote(parsed.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and site.resolve() in target.parents else None


def page_weight(site: Path, page_file: Path) -> dict:
    """gzip bytes of an HTML page plus the local CSS/JS/images/fonts it loads (once each)."""
    seen: set[Path] = set()
    total = gzip_size(page_file.read_bytes())
    parser = _Refs()
    parser.feed(page_file.read_text(encoding="utf-8"))
    queue = [(page_file, ref) for ref in parser.refs]
    while queue:
        owner, ref = queue.pop()
        target = local_file(site, owner, ref)
        if target is None or target in seen:
            continue
        seen.add(target)
        data = target.read_bytes()
        total += min(len(data), gzip_size(data))  # fonts/images are already compressed
        if target.suffix == ".css":
            queue += [(target, u) for u in CSS_URL.findall(data.decode("utf-8", "replace"))]
    return {"page": str(page_file.relative_to(site)), "gzip_bytes": total,
            "resources": len(seen)}


def largest_article(site: Path) -> Path:
    """The heaviest article page: the worst case a reader meets."""
    return max((site / "a").glob("*/index.html"), key=lambda p: p.stat().st_size)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a directory over HTTP on a free local port (no compression, like the bytes)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_search_bytes(site: Path, word: str = SEARCH_WORD) -> dict:
    """Everything a first search fetches: open the panel on the home page, type, wait."""
    if not CHROMIUM.exists():
        return {"skipped": f"{CHROMIUM} not installed"}
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    fetched: list[tuple[str, int]] = []

    def record(response: object) -> None:
        try:
            body = response.body()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a redirect or aborted response has no body
            return
        fetched.append((response.url, min(len(body), gzip_size(body))))  # type: ignore[attr-defined]

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        page = browser.new_page()
        page.goto(base, wait_until="networkidle")
        page.on("response", record)
        page.click("[data-cn-search]")
        page.wait_for_selector("#cn-search input", timeout=30_000)
        page.fill("#cn-search input", word)
        page.wait_for_selector(".pagefind-ui__result, .pagefind-ui__message", timeout=30_000)
        # The count ("找到 122 个…") is shown before the results' fragments are fetched, and
        # wait_for_load_state("networkidle") returns at once on a page that was idle once: the
        # figure stopped there (1k, 开发区: 135 KB, 18 requests, no result drawn; 484 KB, 34,
        # with them). Wait for a result (a word found nowhere has none), then for quiet.
        with suppress(PlaywrightTimeout):
            page.wait_for_selector(".pagefind-ui__result", timeout=SEARCH_RESULT_WAIT_MS)
        while True:
            seen = len(fetched)
            page.wait_for_timeout(SEARCH_QUIET_MS)
            if len(fetched) == seen:
                break
        results = page.locator(".pagefind-ui__result").count()
        browser.close()
    return {"word": word, "gzip_bytes": sum(n for _u, n in fetched), "requests": len(fetched),
            "results_shown": results,
            "largest": sorted(fetched, key=lambda x: -x[1])[:5]}


def bench_bytes(site: Path) -> dict:
    """Home page, heaviest article page and first search, in gzip bytes."""
    return {"home": page_weight(site, site / "index.html"),
            "article": page_weight(site, largest_article(site)),
            "search": first_search_bytes(site)}


# ---------------------------------------------------------------------------------------------
# 5. Site size
# ---------------------------------------------------------------------------------------------


def site_stats(site: Path) -> dict:
    """Bytes and files on disk, with the biggest directories to show what grows."""
    files = [p for p in site.rglob("*") if p.is_file()]
    by_top: dict[str, int] = {}
    for p in files:
        top = p.relative_to(site).parts[0]
        by_top[top] = by_top.get(top, 0) + p.stat().st_size
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "largest_dirs": dict(sorted(by_top.items(), key=lambda x: -x[1])[:6]),
            "largest_file": max(((str(p.relative_to(site)), p.stat().st_size) for p in files),
                                key=lambda x: x[1])}


# ---------------------------------------------------------------------------------------------
# Driver and report
# ---------------------------------------------------------------------------------------------


def bench_size(articles: int, cores: int, seed: int, out: Path,
               log: Callable[[str], None], builds_only: bool = False) -> dict:
    """Every figure for one archive size (``builds_only``: the site builds alone, for the
    growth series)."""
    work = out / f"work-{articles}"
    shutil.rmtree(work, ignore_errors=True)
    n_pages = corpus.pages_for(articles)
    pages_dir = work / "corpus"
    corpus.write_pages(pages_dir, 0, n_pages, n_pages, seed)
    log(f"[{articles}] corpus: {n_pages} pages")
    result: dict = {"articles_target": articles, "pages": n_pages}
    if not builds_only:
        one = bench_extract(pages_dir, work, 1)
        many = bench_extract(pages_dir, work, cores) if cores > 1 else one
        log(f"[{articles}] extract: {one['pages_per_s_per_core']:.0f} pages/s/core (1 job), "
            f"{one['failures']} failing pages")
        result.update(extract_1=one, extract_n=many, speedup=one["seconds"] / many["seconds"],
                      failures=one["failures"], articles=one["articles"])
    try:
        builds = bench_builds(pages_dir, work, out / SNAPSHOT, n_pages, seed)
    except RuntimeError as exc:  # a strict build failed: report it, as CI would fail
        log(f"[{articles}] build failed: {str(exc)[-2000:]}")
        result["build_error"] = str(exc)[-2000:]
        return result
    log(f"[{articles}] build {builds['full']['seconds']:.1f}s, floor "
        f"{builds['floor']['seconds']:.1f}s, rebuild {builds['rebuild']['seconds']:.1f}s")
    result.update(builds)
    project = Path(builds["project"])
    result["articles"] = len(list((project / "docs" / "articles").glob("*.md")))
    if not builds_only:
        result["bytes"] = bench_bytes(project / "site")
    return result


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


ROWS: list[tuple[str, Callable[[dict], str]]] = [
    ("pages / articles", lambda r: f"{r['pages']:,} / {r['articles']:,}"),
    ("failing pages (extraction)", lambda r: f"{r['failures']:,}"),
    ("extract, 1 job: pages/s/core", lambda r: f"{r['extract_1']['pages_per_s_per_core']:.0f}"),
    ("extract, N jobs: pages/s/core", lambda r: f"{r['extract_n']['pages_per_s_per_core']:.0f}"),
    ("extract speedup N jobs / 1", lambda r: f"{r['speedup']:.2f}×"),
    ("full build (s, peak MB)",
     lambda r: f"{r['full']['seconds']:.1f} s, {r['full']['peak_mb']:.0f} MB"),
    ("floor: plain mkdocs (s, peak MB)",
     lambda r: f"{r['floor']['seconds']:.1f} s, {r['floor']['peak_mb']:.0f} MB"),
    ("full build / floor", lambda r: f"{r['build_vs_floor']:.2f}×"),
    ("peak memory, build / floor", lambda r: f"{r['peak_vs_floor']:.2f}×"),
    ("full build per 1,000 articles (s, MB)",
     lambda r: f"{r['full']['seconds'] * 1000 / r['articles']:.1f} s, "
               f"{r['full']['peak_mb'] * 1000 / r['articles']:.0f} MB"),
    ("rebuild +1 page (s, / full)",
     lambda r: f"{r['rebuild']['seconds']:.1f} s, {r['rebuild_vs_full']:.0%}"),
    ("rebuild +1 page --dirty (s, / full)",
     lambda r: f"{r['rebuild_dirty']['seconds']:.1f} s, {r['rebuild_dirty_vs_full']:.0%}"),
    ("rebuild: what the caches served", lambda r: "; ".join(r["rebuild"]["notes"]) or "—"),
    ("rebuild peak MB", lambda r: f"{r['rebuild']['peak_mb']:.0f} MB"),
    ("home page + assets (gzip)", lambda r: _kb(r["bytes"]["home"]["gzip_bytes"])),
    ("largest article + assets (gzip)", lambda r: _kb(r["bytes"]["article"]["gzip_bytes"])),
    ("first search 开发区 (gzip, requests)",
     lambda r: (f"{_kb(r['bytes']['search']['gzip_bytes'])}, {r['bytes']['search']['requests']}"
                if "gzip_bytes" in r["bytes"]["search"] else "skipped")),
    ("site on disk (size, files)",
     lambda r: f"{_mb(r['site']['bytes'])}, {r['site']['files']:,} files"),
    ("site bytes per article", lambda r: _kb(r["site"]["bytes"] / max(r["articles"], 1))),
]


def _cell(cell: Callable[[dict], str], result: dict) -> str:
    """One figure, or a dash where the run did not measure it (``--builds-only``) and a note
    where the strict build failed."""
    try:
        return cell(result)
    except (KeyError, TypeError, ZeroDivisionError):
        return "strict build failed" if "build_error" in result else "—"


def table(results: list[dict], cores: int) -> str:
    """The results as a Markdown table, one column per size; rows nothing measured are left
    out."""
    head = "| figure | " + " | ".join(f"{r['articles_target']:,} articles" for r in results)
    lines = [f"civicnews benchmarks — {cores} cores (os.cpu_count())", "",
             head + " |", "|---" * (len(results) + 1) + "|"]
    for label, cell in ROWS:
        cells = [_cell(cell, r) for r in results]
        if any(c != "—" for c in cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    """What the figures were measured on: CPU model, cores, memory, load, OS, Python."""
    import platform

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text(encoding="utf-8").split()[1])
        mem = f", {kib / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        one, five, fifteen = os.getloadavg()
        load = f", load {one:.1f}/{five:.1f}/{fifteen:.1f} at the start"
    return (f"{cpu}, {os.cpu_count()} cores{mem}{load}; {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def commit() -> str:
    """The commit measured (with ``+changes`` when the work tree differs from it)."""
    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return head + (" +changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def record(path: Path, text: str, argv: Sequence[str], started: str, load: str,
           measured: str | None = None) -> None:
    """Append one run to the committed history of figures (never rewriting earlier runs);
    ``measured`` is the commit the code was snapshotted from at the start."""
    header = "" if path.exists() else (
        "# Benchmark results\n\nAppended by `make bench` (benchmarks/run.py), newest last; "
        "ratios are from one run. What each figure means: benchmarks/README.md.\n")
    entry = (f"\n## {started} · commit {measured or commit()}\n\n"
             f"- machine: {load}\n"
             f"- command: `python benchmarks/run.py {' '.join(argv)}`".rstrip() + "\n\n"
             f"{text}\n")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(header + entry)


def snapshot_code(out: Path) -> None:
    """Copy scripts/ to <out>/snapshot, compile it, and import civicnews from there for the
    whole run.

    Compiled once here, as a deploy's first import compiles it: a machine that forbids writing
    bytecode (PYTHONDONTWRITEBYTECODE, set on some CI images) would otherwise have every build
    process and extraction worker compile the package again (0.375 s against 0.11 s for a
    worker's imports at stop 33), a cost no deploy pays more than once."""
    target = out / SNAPSHOT
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "scripts", target,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    compileall.compile_dir(str(target), quiet=1)  # writes __pycache__ whatever the setting
    sys.path.insert(0, str(target))


def parse_sizes(text: str) -> list[int]:
    """'100,1000' → [100, 1000]."""
    sizes = [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive article counts")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks, print the table, write benchmarks/out/results.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES),
                    help="article counts (default: 100,1000,10000)")
    ap.add_argument("--quick", action="store_true", help="100 and 1000 articles only")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the work directories")
    ap.add_argument("--out", type=Path, default=OUT,
                    help="directory for work files and results.json (default: benchmarks/out)")
    ap.add_argument("--builds-only", action="store_true",
                    help="site builds only (no extraction or browser figures): the growth "
                         "series, e.g. --sizes 1000,2000,4000")
    ap.add_argument("--record", type=Path, default=RESULTS,
                    help="append the table to this file (default: benchmarks/RESULTS.md)")
    ap.add_argument("--no-record", action="store_true", help="do not append to --record")
    args = ap.parse_args(argv)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    where, measured = machine(), commit()  # before the run: others may commit meanwhile
    sizes = list(QUICK_SIZES) if args.quick else args.sizes
    cores = os.cpu_count() or 1
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    snapshot_code(out)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results = []
    for size in sizes:
        results.append(bench_size(size, cores, args.seed, out, log, args.builds_only))
        if not args.keep:
            shutil.rmtree(out / f"work-{size}", ignore_errors=True)
    (out / "results.json").write_text(
        json.dumps({"cores": cores, "goals": GOALS, "results": results}, ensure_ascii=False,
                   indent=2), encoding="utf-8")
    text = table(results, cores)
    print(text)
    if not args.no_record:
        record(args.record, text, list(argv if argv is not None else sys.argv[1:]), started,
               where, measured)
    return 0


if __name__ == "__main__":
    sys.exit(main())
