"""Chinese full-text search: Pagefind indexes of the built site, one per shard of articles.

Only article pages carry ``data-pagefind-body``, so Pagefind indexes articles and nothing else.
Pagefind's extended build (pip ``pagefind[extended]``) segments Chinese; the language comes
from ``<html lang="zh">`` and is forced to ``zh`` so a page without it is segmented the same way.

The archive is indexed in shards (one per year of publication, a busy year split by quarter,
then by month; the newest year, which new articles join, by month): each shard is its own
Pagefind bundle, kept in the build cache under the hash of what it indexes and rebuilt only
when one of its articles changes, so a rebuild re-indexes one shard (the newest, kept to a few
hundred articles) and Pagefind's memory is bounded by the largest shard, not the archive.
The newest shard is the site's primary bundle (``pagefind/``, with Pagefind's UI); the others
sit under ``pagefind/shards/<name>/`` and are listed in ``pagefind/shards.json``, which the
search panel (docs/javascripts/civicnews.js) hands to Pagefind's ``mergeIndex`` so one search
covers them all. A province's papers built as separate sites merge the same way (README).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BUNDLE_DIR = "pagefind"  # where the primary index and pagefind-ui.js land inside the site
SHARDS_DIR = "shards"  # the other shards' bundles, inside BUNDLE_DIR
MANIFEST = "shards.json"  # the bundles to merge, relative to BUNDLE_DIR
UNDATED_SHARD = "undated"
# A year with more articles than this is split by quarter (and a quarter by month): set from
# the measurement (one year of 1,023 articles: 2.6 s and 331 MB of Pagefind), so a
# shard stays a few hundred MB even for a county that prints 20 stories a day.
SHARD_MAX = 2500
# Consecutive years with fewer articles than this share a shard: Pagefind ranks each shard by
# its own word statistics, and a shard of a few dozen articles ranks a page that only shares
# a word's characters above the page with the word (seen with the seed pages, one shard a
# year). Hundreds keep a shard's statistics steady and the first search to a few requests.
# 300, not 500: Pagefind's peak grows with its shard (stop 36, one staged 1,000-article site's
# oldest shard, one run each: 100 articles 73 MB, 200 84 MB, 300 97 MB, 400 109 MB, 534 124 MB),
# and at 1,000 articles (~100 a year) its shards of ~500 were the build's largest process
# (124 MB against the extraction workers' ~105 MB); a year of its own (10,000 articles: ~1,000
# a year) is not split by this.
SHARD_MIN = 300
# ... but a small archive's shards are smaller: at least a SHARD_SHAREth of its articles, and
# never fewer than SHARD_MIN_SMALL (shard_minimum). Pagefind's peak is ~62 MB with one page
# (its program and dictionary) plus ~0.12 MB an article (stop 37, one run each: 1 page 62 MB,
# 100 72-74 MB, 329 101-106 MB). At 1,000 articles (~100 a year) shards of two years (150 at
# least: ~200 articles) peaked at 84-89 MB, the build's largest process once the extraction
# workers were 83-86 MB, against 81 MB (1.5x the 54 MB floor of a plain MkDocs build). 80 is
# below a thin archive's year, so each of its years is a shard (~100 articles; the newest
# year's months in shards of 80): Pagefind's largest 75.5-76.9 MB (stop 38, the bench's 1k
# archive, largest shard 114 articles). A search fetches more shards (6 -> 11); its first
# search for 开发区, all results drawn, 484 KB 34 requests -> 816 KB 54 (goal: 1 MB). Only
# archives under 3,000 articles are affected (above, a SHARD_SHAREth is 150 or more): 10,000
# keep SHARD_MIN and their shards.
SHARD_SHARE = 20
SHARD_MIN_SMALL = 80
# The newest year's months (a shard of them holds no older year) share a shard until it has at
# least this many articles. A rebuild after one new page re-indexes the newest shard, and at
# 10,000 articles a year's shard of ~1,000 took 3.1-3.6 s of Pagefind (one run at load 1, the
# same site: 250 articles 1.25 s, 85 articles 0.75 s, most of that Pagefind's start). 200 keeps
# the newest shard at about a quarter of a 1,000-article year (~1.2 s), well above the few
# dozen articles that ranked badly (SHARD_MIN), and adds ~3 shards (requests) to a search.
# When a newer year starts, the year's months rejoin as one shard: one re-index a year.
# A thin archive's newest run (its last ~500 articles over years, ~100 a year at 1,000
# articles) is split into shards of this size too: its newest shard had ~500 articles, 0.9 s of
# Pagefind and 123 MB on each rebuild; ~100 take 0.35 s and 75 MB (one run, quiet machine).
SHARD_RECENT_MIN = 200
SHARD_VERSION = "1"  # bump when the staging or the command below changes: shards re-index
# Files of a bundle only the primary needs: the UI. A merged index uses the primary's code.
UI_FILES = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$")


class SearchIndexError(RuntimeError):
    """Pagefind failed: the message carries its output."""


def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    """The command line that indexes ``site_dir`` (in place, or into ``output``)."""
    where = (["--output-path", str(output)] if output is not None
             else ["--output-subdir", BUNDLE_DIR])
    return [*pagefind_program(), "--site", str(site_dir), *where,
            "--force-language", "zh", "--quiet"]


@functools.lru_cache(maxsize=1)
def pagefind_program() -> tuple[str, ...]:
    """Pagefind's binary, found once a build as ``python -m pagefind`` finds it (the binary
    PAGEFIND_BINARY_PATH names, else the extended wheel's, else the plain wheel's), or that
    command when neither wheel is installed (it then looks on PATH). ``python -m pagefind``
    for every shard started an interpreter that imports asyncio only to exec the binary:
    0.1 s of CPU a shard (a cold 1,000-article build indexes 11), on a rebuild's last wait."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named is not None:
        return (str(Path(named).resolve().absolute()),)
    for wheel in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(wheel).get_executable()
        except (ImportError, OSError, AttributeError):  # OSError: FileNotFoundError, no binary
            continue
        return (str(Path(found).resolve().absolute()),)
    return (sys.executable, "-m", "pagefind")


# Niceness of the processes a site build runs beside itself to fill its second core (Pagefind
# on the shards, the share-code helper): they are started before MkDocs converts and draws
# the pages, which is the build's critical path, and at +5 they get about a quarter of a core
# where they compete with it, all of an idle one. Not tuned: any positive value keeps them
# out of its way; what they have not done by the end is waited for then (with every core).
HELPER_NICE = 5


def niced(command: list[str]) -> list[str]:
    """``command`` run at HELPER_NICE where a ``nice`` program exists (POSIX)."""
    program = shutil.which("nice")
    return [program, "-n", str(HELPER_NICE), *command] if program else command


def build_index(site_dir: Path, output: Path | None = None) -> None:
    """Index a directory of HTML with Pagefind; raise with its output when it fails."""
    proc = subprocess.run(niced(pagefind_command(site_dir, output)), capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({proc.returncode}):\n"
                               f"{proc.stdout}\n{proc.stderr}")


def shard_of(date: str | None, month_counts: Mapping[str, int]) -> str:
    """The shard unit an article published on ``date`` belongs to: its month when it is of
    the newest year (``month_counts``' latest), else its year, unless the year has more than
    SHARD_MAX articles (then its quarter, and a crowded quarter its month).

    >>> shard_of("2023-04-03", {"2023-04": 10, "2024-01": 1})
    '2023'
    >>> shard_of("2023-04-03", {"2023-04": 2000, "2023-08": 2000, "2024-01": 1})
    '2023-q2'
    >>> shard_of("2023-04-03", {"2023-04": 2000, "2023-05": 2000, "2024-01": 1})
    '2023-04'
    >>> shard_of("2024-01-09", {"2023-04": 10, "2024-01": 1})
    '2024-01'
    >>> shard_of(None, {})
    'undated'
    """
    if not date or len(date) < 7:
        return UNDATED_SHARD
    year, month = date[:4], int(date[5:7])
    if year >= max(month_counts, default="")[:4]:
        return date[:7]
    if sum(n for m, n in month_counts.items() if m[:4] == year) <= SHARD_MAX:
        return year
    quarter = (month - 1) // 3
    months = {f"{year}-{quarter * 3 + i:02d}" for i in (1, 2, 3)}
    if sum(month_counts.get(m, 0) for m in months) <= SHARD_MAX:
        return f"{year}-q{quarter + 1}"
    return date[:7]


def shard_minimum(articles: int) -> int:
    """The fewest articles a shard of an archive of ``articles`` holds (but the newest).

    >>> shard_minimum(1_046), shard_minimum(4_102), shard_minimum(10_206)
    (80, 205, 300)
    """
    return min(SHARD_MIN, max(SHARD_MIN_SMALL, articles // SHARD_SHARE))


def group_units(counts: Mapping[str, int], minimum: int = SHARD_MIN,
                recent_minimum: int = SHARD_RECENT_MIN) -> dict[str, str]:
    """Coalesce consecutive units (years, quarters, months; oldest first) into shards of at
    least ``minimum`` articles, or ``recent_minimum`` for a shard of the newest year's units
    alone (the newest shard may have fewer); map each unit to its shard's name. The run that
    holds the newest articles, when it began before the newest year, is split the same way
    into shards of at least ``recent_minimum``. New articles in the newest year move only the
    newest shard's boundary.

    >>> group_units({"2015": 300, "2016": 300, "2017": 100, "2018": 600, "undated": 2}, 500)
    {'2015': '2015~2016', '2016': '2015~2016', '2017': '2017~2018', '2018': '2017~2018', 'undated': 'undated'}
    >>> group_units({"2015": 10}, 500)
    {'2015': '2015'}
    >>> group_units({"2023": 600, "2024-01": 90, "2024-02": 80, "2024-03": 95, "2024-04": 30},
    ...             500, 200)
    {'2023': '2023', '2024-01': '2024-01~2024-03', '2024-02': '2024-01~2024-03', '2024-03': '2024-01~2024-03', '2024-04': '2024-04'}

    A thin archive (about a hundred articles a year): the run of years that holds the newest
    articles is in shards of 200, the newest year's months last:

    >>> group_units({"2019": 500, "2020": 110, "2021": 100, "2022": 110, "2023": 100,
    ...              "2024-01": 9, "2024-02": 8}, 500, 200)
    {'2019': '2019', '2020': '2020~2021', '2021': '2020~2021', '2022': '2022~2023', '2023': '2022~2023', '2024-01': '2024-01~2024-02', '2024-02': '2024-01~2024-02'}
    """
    dated = sorted(u for u in counts if u != UNDATED_SHARD)
    newest = dated[-1][:4] if dated else ""
    recent = min(minimum, recent_minimum)
    runs: list[list[str]] = []
    run: list[str] = []
    total = 0
    for unit in dated:
        run.append(unit)
        total += counts[unit]
        # A run that began before the newest year closes as any other (older shards stay as
        # they were); only one of the newest year's units alone closes sooner.
        if total >= (recent if run[0][:4] == newest else minimum):
            runs.append(run)
            run, total = [], 0
    if run:
        runs.append(run)
    # The newest articles' run, begun before the newest year, could hold up to ``minimum``
    # articles (every year before it, ~500 of a thin archive's), all indexed again for each
    # new article: it is split at ``recent_minimum`` too, oldest first, so only its newest
    # part changes. Once a newer unit starts a run of its own, it is one shard again (indexed
    # once then, as at each new year).
    if runs and runs[-1][0][:4] != newest:
        last, part, total = runs.pop(), [], 0
        for unit in last:
            part.append(unit)
            total += counts[unit]
            if total >= recent:
                runs.append(part)
                part, total = [], 0
        if part:
            runs.append(part)
    out: dict[str, str] = {}
    for run in runs:
        out.update(dict.fromkeys(run, run[0] if len(run) == 1 else f"{run[0]}~{run[-1]}"))
    if UNDATED_SHARD in counts:
        out[UNDATED_SHARD] = UNDATED_SHARD
    return out


def month_counts(dates: Iterable[str | None]) -> dict[str, int]:
    """Articles per ``yyyy-mm`` (what ``shard_of`` splits the newest or a crowded year by)."""
    counts: dict[str, int] = {}
    for d in dates:
        if d and len(d) >= 7:
            counts[d[:7]] = counts.get(d[:7], 0) + 1
    return counts


@dataclass(frozen=True)
class Shard:
    """One shard: its name and its pages (site-relative HTML paths) with the content key of
    what Pagefind reads on each (an article's own text, not its 上一篇/下一篇 links)."""

    name: str
    pages: tuple[tuple[str, str], ...]

    def key(self) -> str:
        """The hash the shard's cached bundle is kept under."""
        h = hashlib.sha256(f"{SHARD_VERSION}\0{_pagefind_version()}\0{self.name}\0".encode())
        for path, key in sorted(self.pages):
            h.update(f"{path}\0{key}\n".encode())
        return h.hexdigest()[:32]


def _pagefind_version() -> str:
    """The installed Pagefind (a new one re-indexes every shard)."""
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "?"


def shard_order(shards: Sequence[Shard]) -> list[Shard]:
    """Newest shard first (it becomes the primary bundle), undated last.

    >>> [s.name for s in shard_order([Shard("2021", ()), Shard("undated", ()),
    ...                               Shard("2023-q1", ()), Shard("2022", ())])]
    ['2023-q1', '2022', '2021', 'undated']
    """
    dated = sorted((s for s in shards if s.name != UNDATED_SHARD), key=lambda s: s.name,
                   reverse=True)
    return dated + [s for s in shards if s.name == UNDATED_SHARD]


# A shard's pages staged for Pagefind are kept beside its bundles (``.stage-<name>/site``),
# with the search key each was staged under (``staged.json``): the next time the shard is
# indexed, a page whose key is the same is left as it is (what Pagefind reads of it is the
# same) and only the rest is staged anew (a rebuild's newest shard differs by one page).
# Staging the whole shard and deleting it afterwards (a folder per article) was a tenth of a
# rebuild's search step.
STAGE_PREFIX = ".stage-"
STAGED_LIST = "staged.json"
STAGE_BACKLOG = 64  # staged pages waiting for the writer thread at most (ShardIndexer.put)
# New pages a build stages before MkDocs converts them (ShardIndexer.stage_early), at most: a
# day's articles (the county portal: ~20 a day). Each is converted once more (~2 ms);
# a cold build's thousands are staged as MkDocs converts them, as before.
EARLY_PAGES = 32


class _Staging:
    """The staged pages of one shard that needs indexing: the shard's kept staging folder,
    held by this process alone (a lock), or, when another build holds it, a folder of this
    build's own (``apart``, deleted after). ``todo``: the pages (site path → search key) not
    staged yet."""

    def __init__(self, cache_dir: Path, shard: Shard) -> None:
        self.shard = shard
        self.handle = None
        kept = cache_dir / f"{STAGE_PREFIX}{shard.name}"
        self.root = kept
        if not self._lock(kept):
            self.root = cache_dir / f".tmp-stage-{shard.name}-{os.getpid()}"
            shutil.rmtree(self.root, ignore_errors=True)
        self.todo: dict[str, str] = {}
        # The pages to stage that are not in the site either (``missing``), once asked:
        # the pages whose staging makes the shard ready to index.
        self._missing: set[str] | None = None
        self._restage()

    @property
    def apart(self) -> bool:
        return self.handle is None

    def _lock(self, staging: Path) -> bool:
        try:
            import fcntl

            staging.mkdir(parents=True, exist_ok=True)
            handle = open(staging / "lock", "a+b")  # noqa: SIM115 - held until close()
        except (ImportError, OSError):
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self.handle = handle
        return True

    def _restage(self) -> None:
        """Keep what is staged under the same key, drop pages no longer in the shard, and
        list the rest in ``todo``. The list of staged pages is dropped first and written
        last (``done``), so a staging left half-done by a killed build is never trusted:
        it is staged from nothing."""
        listing, site = self.root / STAGED_LIST, self.root / "site"
        before: dict[str, str] = {}
        if not self.apart:
            try:
                loaded = json.loads(listing.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    before = {str(k): str(v) for k, v in loaded.items()}
            except (OSError, ValueError):
                pass
            listing.unlink(missing_ok=True)
        if not before:
            shutil.rmtree(site, ignore_errors=True)
        wanted = dict(self.shard.pages)
        for rel in sorted(set(before) - set(wanted)):
            gone = site / rel
            gone.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the article's folder, when it is empty now
                gone.parent.rmdir()
        self.todo = {rel: key for rel, key in wanted.items()
                     if before.get(rel) != key or not (site / rel).is_file()}

    def put(self, rel: str, text: str) -> None:
        """Stage a page from its text (``pages.search_page``). Plain os.path: pathlib interns
        every part of a path, each article's id too (1.9 MB more held at the end of a
        1,000-article build's conversions, tracemalloc)."""
        target = os.path.join(self.root, "site", rel)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # As on_post_page writes the page itself: a lone surrogate becomes a character reference.
        with open(target, "wb") as out:
            out.write(text.encode("utf-8", errors="xmlcharrefreplace"))
        self.todo.pop(rel, None)
        if self._missing is not None:
            self._missing.discard(rel)

    def ready_in(self, site_dir: Path) -> bool:
        """Whether every page still to stage is in the site now."""
        return all((site_dir / rel).is_file() for rel in self.todo)

    def complete(self, site_dir: Path) -> bool:
        """``ready_in``, for a site no page is added to but by ``put`` (MkDocs converting,
        not drawing, yet): the site is looked at once, then only the pages put are counted
        off (``ready_in`` a page would look at every page still to stage)."""
        if self._missing is None:
            self._missing = {rel for rel in self.todo if not (site_dir / rel).is_file()}
        return not self._missing

    def link_from(self, site_dir: Path) -> None:
        """Stage the pages still to stage from the site (hard links where the file system
        allows: the site's pages are never written again once there)."""
        for rel in sorted(self.todo):
            target = self.root / "site" / rel
            target.unlink(missing_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / rel, target)
            except OSError:
                shutil.copyfile(site_dir / rel, target)
        self.todo = {}

    def done(self) -> None:
        """Record what is staged (a kept staging), or delete it (one apart)."""
        if self.apart:
            shutil.rmtree(self.root, ignore_errors=True)
            return
        (self.root / STAGED_LIST).write_text(
            json.dumps(dict(sorted(self.shard.pages)), ensure_ascii=False), encoding="utf-8")

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        elif self.root.name.startswith(".tmp-"):
            shutil.rmtree(self.root, ignore_errors=True)


def _index_staged(staging: _Staging, bundle: Path, cache_dir: Path) -> None:
    """Index a staged shard into its bundle in the cache."""
    work = cache_dir / f".tmp-{staging.shard.name}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    try:
        build_index(staging.root / "site", work / "bundle")
        staging.done()
        shutil.rmtree(bundle, ignore_errors=True)
        (work / "bundle").replace(bundle)  # atomic: a parallel build never sees half a shard
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _copy_bundle(bundle: Path, target: Path, *, with_ui: bool) -> None:
    """A cached bundle into the site (a merged shard without Pagefind's UI files)."""
    shutil.copytree(bundle, target, dirs_exist_ok=True, copy_function=_link,
                    ignore=None if with_ui else
                    (lambda d, names: [n for n in names if UI_FILES.match(n)]))


def _link(source: str, target: str) -> None:
    """A bundle file into the site as a hard link (read-only, like the render cache's pages:
    Pagefind names its files by their content and never rewrites one), a copy where the file
    system cannot link. Copying every shard's thousands of fragment files was most of a
    rebuild's search step."""
    try:
        os.chmod(source, 0o444)
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


@dataclass(frozen=True)
class ShardedIndex:
    """What ``build_sharded`` did: the shards, primary first, and how many it indexed."""

    names: list[str]
    indexed: int


class ShardIndexer:
    """The site's search shards, indexed while the build goes on.

    Made once the shards are known (the articles and their search keys); a shard whose bundle
    is cached costs nothing more. A page of a shard to index can be staged from its text as
    soon as it is rendered (``put``: the page cut down to what Pagefind reads); ``start``
    indexes, in threads beside the build, every shard whose pages are all staged or in the
    site, and ``finish`` indexes the rest from the site, waits, and lays the bundles out for
    ``mergeIndex``. Started when MkDocs has converted every page and before it draws them,
    Pagefind (a process of its own) runs on one core while MkDocs draws on the other: it was
    the last fifth of a cold build and half of a rebuild after one page, waited for alone.
    Without a cache every shard is indexed afresh (in a temporary directory beside the site).
    """

    def __init__(self, site_dir: Path, shards: Sequence[Shard], cache_dir: Path | None) -> None:
        self.site_dir = site_dir
        self.order = [s for s in shard_order(shards) if s.pages]
        self.own_cache = cache_dir is None
        self.cache = (cache_dir if cache_dir is not None
                      else site_dir.parent / f".{site_dir.name}-shards")
        self.bundles: dict[str, Path] = {}
        self.staging: dict[str, _Staging] = {}  # the shards to index, not yet queued
        self._page_shard: dict[str, _Staging] = {}  # page to stage → its shard's staging
        self._queue: list[_Staging] = []
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._errors: list[BaseException] = []
        self._write_errors: list[BaseException] = []
        # Staged pages are written by a thread of their own: a folder and a file per article
        # cost ~0.3 ms of waiting on the file system each, which MkDocs' converting need not do.
        # At most STAGE_BACKLOG pages wait to be written: MkDocs converts faster than one
        # thread writes; the pages waiting and a future kept per page were ~8 MB of a
        # 10,000-article build's peak (258.7 -> 250.9 MB, the build's own process).
        self._writer: ThreadPoolExecutor | None = None
        self._backlog = threading.BoundedSemaphore(STAGE_BACKLOG)
        # Pages staged before MkDocs converted them: site path → (shard, text staged), until
        # ``put`` hands MkDocs' page; a shard with a page that differs, or was never handed
        # (MkDocs served it from the render cache), is indexed again in ``finish``.
        self._early: dict[str, tuple[Shard, str]] = {}
        self._redo: dict[str, tuple[Shard, dict[str, str | None]]] = {}
        self.indexed = 0
        self.reindexed = 0  # shards indexed again for a page staged early (_index_again)
        self._eager = 0  # threads to index a shard as soon as its last page is staged (eager)
        if not self.order:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        for shard in self.order:
            bundle = self.bundles[shard.name] = self.cache / f"{shard.name}-{shard.key()}"
            if (bundle / "pagefind-entry.json").is_file():
                os.utime(bundle)  # in use: kept by prune_cache
                continue
            staging = self.staging[shard.name] = _Staging(self.cache, shard)
            self._page_shard.update(dict.fromkeys(staging.todo, staging))

    def wants(self, rel: str) -> bool:
        """Whether a page (site path) is still to be staged for a shard to index (or to be
        checked against what ``stage_early`` staged)."""
        return rel in self._page_shard or rel in self._early

    def stage_early(self, rel: str, text: str) -> None:
        """Stage a wanted page now, from a text made before MkDocs converts the page, so that
        its shard can be indexed at once (``start``); ``put`` later checks it against the
        page MkDocs made."""
        staging = self._page_shard.pop(rel, None)
        if staging is None:
            return
        staging.put(rel, text)
        self._early[rel] = (staging.shard, text)

    def _again(self, shard: Shard, rel: str, text: str | None) -> None:
        """Index a shard again in ``finish``, with this page staged from ``text`` (None: from
        the site)."""
        self._redo.setdefault(shard.name, (shard, {}))[1][rel] = text

    def put(self, rel: str, text: str) -> None:
        """Stage a page from its text (``pages.search_page``), when it is wanted."""
        early = self._early.pop(rel, None)
        if early is not None:
            if early[1] != text:
                self._again(early[0], rel, text)
            return
        staging = self._page_shard.pop(rel, None)
        if staging is None:
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="civicnews-stage")
        self._backlog.acquire()
        try:
            self._writer.submit(self._write, staging, rel, text)
        except BaseException:
            self._backlog.release()
            raise

    def eager(self, workers: int = 1) -> None:
        """From now on (MkDocs converting the pages; those it will not convert are in the
        site), index a shard in up to ``workers`` threads as soon as its last page is staged
        (``put``), not when every page is converted (``start``). A cold build's shards
        then fill up one after the other as MkDocs converts (newest first), and Pagefind
        runs beside the conversion as well as the drawing."""
        self._eager = max(0, workers)

    def _write(self, staging: _Staging, rel: str, text: str) -> None:
        """One staged page, in the writer thread (a failure is raised by ``_flush``; no
        future is kept per page); its shard is indexed when it was the last (``eager``)."""
        try:
            staging.put(rel, text)
            if (self._eager and self.staging.get(staging.shard.name) is staging
                    and staging.complete(self.site_dir)):
                self._enqueue([staging])
                self._spawn(self._eager)
        except BaseException as exc:
            with self._lock:
                self._write_errors.append(exc)
        finally:
            self._backlog.release()

    def _flush(self) -> None:
        """Wait for the staged pages being written (raising what failed)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=True)
        errors, self._write_errors = self._write_errors, []
        if errors:
            raise errors[0]

    def start(self, workers: int = 1) -> None:
        """Index, in ``workers`` threads, the shards whose pages are all staged or in the site."""
        self._flush()
        ready = [s for s in self.staging.values() if s.ready_in(self.site_dir)]
        self._enqueue(ready)
        self._spawn(workers)

    def _enqueue(self, stagings: list[_Staging]) -> None:
        for staging in stagings:
            for rel in staging.todo:
                self._page_shard.pop(rel, None)
            del self.staging[staging.shard.name]
        with self._lock:
            self._queue += stagings

    def _spawn(self, workers: int) -> None:
        alive = sum(t.is_alive() for t in self._threads)
        with self._lock:
            waiting = len(self._queue)
        for _ in range(min(max(0, workers - alive), waiting)):
            thread = threading.Thread(target=self._work, name="civicnews-search", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._queue or self._errors:
                    return
                staging = self._queue.pop(0)
            try:
                staging.link_from(self.site_dir)
                _index_staged(staging, self.bundles[staging.shard.name], self.cache)
                with self._lock:
                    self.indexed += 1
            except BaseException as exc:  # handed to finish(), which raises it
                with self._lock:
                    self._errors.append(exc)
            finally:
                staging.close()

    def finish(self, jobs: int = 1, prune_days: float | None = None) -> ShardedIndex:
        """Index what is left (every page is in the site now) in up to ``jobs`` threads, wait
        for every shard and put the bundles in the site with the list to merge."""
        target = self.site_dir / BUNDLE_DIR
        try:
            self._flush()
            self._enqueue(list(self.staging.values()))
            self._spawn(max(1, jobs))
            self._join()
            if self._errors:
                raise self._errors[0]
            self._index_again()
            shutil.rmtree(target, ignore_errors=True)
            if not self.order:  # no articles: one empty index, so the search panel still loads
                build_index(self.site_dir)
                (target / MANIFEST).write_text('{"merge": []}\n', encoding="utf-8")
                return ShardedIndex([], 1)
            bundles = [self.bundles[s.name] for s in self.order]
            _copy_bundle(bundles[0], target, with_ui=True)
            merge = []
            for shard, bundle in zip(self.order[1:], bundles[1:], strict=True):
                _copy_bundle(bundle, target / SHARDS_DIR / shard.name, with_ui=False)
                merge.append(f"{SHARDS_DIR}/{shard.name}/")
        finally:
            self.close()
        if not self.own_cache and prune_days is not None:
            prune_cache(self.cache, {b.name for b in bundles}, prune_days)
        (target / MANIFEST).write_text(json.dumps({"merge": merge}, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
        return ShardedIndex([s.name for s in self.order], self.indexed)

    def _index_again(self) -> None:
        """Index again each shard a page was staged early for and MkDocs made otherwise (or
        never made: the site's file is the page then), every other page kept as staged."""
        for rel, (shard, _text) in self._early.items():
            self._again(shard, rel, None)
        self._early = {}
        for name, (shard, texts) in list(self._redo.items()):
            staging = _Staging(self.cache, shard)
            try:
                for rel, text in sorted(texts.items()):
                    if text is None:
                        staging.todo[rel] = ""  # linked from the site below
                    else:
                        staging.put(rel, text)
                staging.link_from(self.site_dir)
                _index_staged(staging, self.bundles[name], self.cache)
                self.reindexed += 1
            finally:
                staging.close()
            del self._redo[name]

    def _join(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads = []

    def close(self) -> None:
        """Stop queuing, wait for the shards being indexed, release every staging (a failed
        build, or the end of ``finish``)."""
        self._eager = 0  # the pages still being written start no shard now
        with self._lock:
            dropped, self._queue = self._queue, []
        with contextlib.suppress(Exception):  # a failed build: what it failed on is raised
            self._flush()
        self._join()
        for staging in [*dropped, *self.staging.values()]:
            staging.close()
        self.staging = {}
        self._page_shard = {}
        for name in {*self._redo, *(shard.name for shard, _text in self._early.values())}:
            # Indexed from an early page that was not checked (a failed build): neither the
            # bundle nor the staging's list of what it holds is trusted again.
            shutil.rmtree(self.bundles[name], ignore_errors=True)
            (self.cache / f"{STAGE_PREFIX}{name}" / STAGED_LIST).unlink(missing_ok=True)
        self._redo, self._early = {}, {}
        if self.own_cache:
            shutil.rmtree(self.cache, ignore_errors=True)


def build_sharded(site_dir: Path, shards: Sequence[Shard], cache_dir: Path | None,
                  jobs: int = 1, prune_days: float | None = None) -> ShardedIndex:
    """Index the site's articles shard by shard from its pages and lay the bundles out for
    ``mergeIndex`` (``ShardIndexer`` all at once)."""
    return ShardIndexer(site_dir, shards, cache_dir).finish(jobs, prune_days)


def prune_cache(cache_dir: Path, keep: Iterable[str], max_age_days: float) -> int:
    """Delete cached shard bundles not used by this build and untouched for ``max_age_days``
    (another build, say one without site_url, may still want a recent one); return how many."""
    if not cache_dir.is_dir():
        return 0
    import time

    kept = set(keep)
    cutoff = time.time() - max_age_days * 86400
    removed = 0
    for path in cache_dir.iterdir():
        if path.is_dir() and path.name not in kept and not path.name.startswith(".tmp-") \
                and path.stat().st_mtime < cutoff:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


# Theme files the site never loads: Material's own search (lunr and its worker; the site uses
# Pagefind) and source maps (about 2.5 MB together).
UNUSED_DIRS = ("assets/javascripts/lunr", "assets/javascripts/workers")
_SOURCE_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def prune_unused(site_dir: Path) -> list[str]:
    """Delete the unused theme files from a built site; return their site paths, sorted.

    The remaining scripts and stylesheets lose their ``sourceMappingURL`` comment, so no
    browser's developer tools ask for a map that is not there.
    """
    removed: list[Path] = []
    for name in UNUSED_DIRS:
        folder = site_dir / name
        if folder.is_dir():
            removed += [p for p in folder.rglob("*") if p.is_file()]
            shutil.rmtree(folder)
    for path in sorted((site_dir / "assets").rglob("*.map")):
        path.unlink()
        removed.append(path)
    for path in sorted((site_dir / "assets").rglob("*")):
        if path.suffix in (".js", ".css") and path.is_file():
            text = path.read_text(encoding="utf-8")
            stripped = _SOURCE_MAP_COMMENT.sub("", text)
            if stripped != text:
                path.write_text(stripped + "\n", encoding="utf-8")
    return sorted(str(p.relative_to(site_dir)) for p in removed)
