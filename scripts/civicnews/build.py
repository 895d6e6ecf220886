"""The batch build: page files in, ``out_dir/articles/<id>.md`` plus the editors' report out.

Steps: lock → discover pages → read manifests → decode → extract (cached, in parallel when
asked) → hold back undated drafts → ledger ids → corrections → render → report → commit into
``out_dir``. Everything is rendered in memory first; the output directory is touched only once
the whole batch succeeded, and then articles, report and ledger switch to the new state in one
step (output.py), so a failed or killed run never leaves a half-written site, and an unchanged
rebuild changes no mtimes.

One bad page never stops the batch: it becomes a Failure and the rest is built. Config errors
(rules, manifest, corrections, ledger) stop the build before anything is written.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import importlib.machinery
import multiprocessing
import os
import pickle
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import digests, ids, places, wordlist
from .corrections import Applied, CorrectionsError, apply_corrections, load_corrections
from .decode import DecodeError, decode_page_report
from .ids import Ledger, LedgerError, LedgerMemo, check_id, file_tag
from .manifest import MANIFEST_NAME, load_manifests, page_info
from .markdown import render_article, with_id
from .model import Article, PageInfo, PageResult
from .output import (
    Data,
    OutputError,
    OutputMemo,
    Spliced,
    build_lock,
    commit,
    recover,
    settle_memo,
)
from .pagecache import (
    Crashed,
    Extraction,
    cache_get,
    cache_key,
    cache_put,
    extract,
    rules_fingerprint,
    write_whole,
)
from .report import (
    PageFacts,
    StoredJson,
    build_report,
    page_report,
    report_json_segments,
    report_md_segments,
)
from .rules import load_rules

ARTICLES_DIR = "articles"  # the same folder output.commit switches
REPORT_JSON = "report.json"
LEAN_CACHE = "lean"  # each extraction _lean, under its own key, in this folder of the cache
REPORT_MD = "editor/report.md"
# The seed pages are 6–12 KB of text; a file 100 times that is several pages (or a whole
# issue) in one file, which segments badly and, with the current extractor, takes minutes
# (1 MB ≈ 36 s, growing quadratically). Rejecting it with a reason keeps the batch moving.
MAX_PAGE_BYTES = 16_000_000


@dataclass(frozen=True)
class Failure:
    """A page file that could not be used, and why (in words for an editor)."""

    file: str
    reason: str


@dataclass
class BatchResult:
    """What a batch build did."""

    pages: list[PageResult]
    articles: list[Article]  # published articles (after corrections), in page order
    failures: list[Failure]
    written: int = 0  # article files written because new or changed
    unchanged: int = 0  # article files already up to date
    removed: int = 0  # stale article files deleted
    warnings: list[str] = field(default_factory=list)
    extracted: int = 0  # pages run through the extractor (the rest came from the cache)
    # The report as written to report.json; from a run with ``details=False`` without each
    # page's line-role rows ("roles": [], still in report.json and editor/report.md).
    report: dict = field(default_factory=dict)
    # Page files read in this build by file name, for the site's /sources/ copies; pages with
    # a hidden article are left out, since their text holds the hidden story.
    sources: dict[str, Path] = field(default_factory=dict)
    # Warnings that stop a strict portal build: pages held back as drafts, manifest lines
    # naming no file. (The others, e.g. control characters removed, are for the report.)
    attention: list[str] = field(default_factory=list)
    # Without details: the key terms of each headline extracted in this build (headline text,
    # as related.headline_text joins it → its sorted terms), worked out by the workers.
    headline_terms: dict[str, list[str]] = field(default_factory=dict)
    # Without details: the gazetteer's answer (places.spelling) for each district of the
    # articles extracted in this build, by the gazetteer's key (places.gazetteer_key) and
    # name, worked out by the workers: the site's district pages then need not load it.
    district_spellings: dict[str, dict[str, Any]] = field(default_factory=dict)
    # sha256 of each page file's bytes as read by this build, by file name (for ``sources``):
    # the site finds its copy of a page's text by it without reading the page again.
    source_digests: dict[str, str] = field(default_factory=dict)
    # sha256 of each article file this build wrote (new or changed) → the article it was
    # rendered from (its front matter is markdown.front_matter(article)): the site makes its
    # records from them instead of parsing the YAML of the files just written.
    rendered: dict[str, Article] = field(default_factory=dict)


@dataclass
class _Page:
    """One readable page on its way through the batch."""

    path: Path
    info: PageInfo
    data: bytes  # emptied once the cache key is made: nothing else reads it
    text: str
    result: PageResult | None = None
    extraction: Extraction | None = None
    key: str | None = None  # its extraction cache key: names its articles as extracted
    digest: str = ""  # sha256 of its bytes (the site's copy of its text is kept under it)


def display_name(path: Path | str) -> str:
    """A path as text that can always be printed and written to JSON.

    A file name that is not valid UTF-8 reaches Python with lone surrogates, which no UTF-8
    stream accepts: they are shown as ``\\xNN`` escapes instead.

    >>> display_name(b"x\\xff.txt".decode("utf-8", "surrogateescape"))
    'x\\\\xff.txt'
    """
    raw = os.fsencode(str(path))
    return raw.decode("utf-8", "backslashreplace")


class _RealPaths:
    """Real paths of the files found in one discovery, each folder resolved once: a page file
    that is not a link is its real folder plus its name (os.path.realpath checks every part of
    a path, about ten system calls a page)."""

    def __init__(self) -> None:
        self._dirs: dict[Path, Path] = {}

    def folder(self, directory: Path) -> Path:
        """The real path of a folder (links followed)."""
        real = self._dirs.get(directory)
        if real is None:
            real = self._dirs[directory] = directory.resolve()
        return real

    def __call__(self, path: Path) -> Path:
        """The real path of ``path``, a file that discovery found not to be a link."""
        return self.folder(path.parent) / path.name


def _refusal(path: Path, root: Path, real: _RealPaths | None = None) -> str | None:
    """Why a file found under a pages folder must not be read, or None when it is a page.

    A page is a regular file, not a link, whose real path lies inside the folder: a link to
    ``.git/config`` or ``/etc/passwd`` would otherwise be published as an article and a source.
    """
    real = real or _RealPaths()
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return "hidden file (its name or folder starts with '.'): not read; rename it to publish it"
    if display_name(path.name) != path.name:
        return "file name is not valid UTF-8: not read; rename the file"
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISLNK(mode):
        target = path.resolve()
        if not target.exists():
            return "broken symbolic link: not read"
        return (f"symbolic link (to {display_name(target)}): not read; a page must be a regular "
                "file inside the pages folder")
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device): not read"
    if not real(path).is_relative_to(real.folder(root)):
        return "outside the pages folder: not read"
    return None


def discover(inputs: Sequence[Path]) -> tuple[list[Path], list[Failure]]:
    """The page files under the inputs (files or directories), sorted; and inputs not used.

    Every ``*.txt`` under a folder is either a page or a Failure saying why it is not (hidden,
    a link, not a regular file, a name that is not UTF-8): nothing is skipped silently. Two
    pages with one file name cannot both be built, since ids and corrections are keyed by the
    file name: the second is a Failure.
    """
    found: dict[Path, Path] = {}
    failures: list[Failure] = []
    real = _RealPaths()
    for given in inputs:
        if given.is_dir():
            for path in sorted(given.rglob("*.txt")):
                reason = _refusal(path, given, real)
                if reason:
                    failures.append(Failure(display_name(path), reason))
                else:
                    found.setdefault(real(path), path)
        elif given.is_file() and not given.is_symlink():
            found.setdefault(given.resolve(), given)
        elif given.is_symlink() or given.exists():
            failures.append(Failure(display_name(given), "not a regular file: not read"))
        else:
            failures.append(Failure(display_name(given), "no such file or directory"))
    paths: list[Path] = []
    by_name: dict[str, Path] = {}
    for path in sorted(found.values(), key=lambda p: (str(p.parent), p.name)):
        if path.name in by_name:
            failures.append(Failure(str(path), f"another page with this file name was read from "
                                    f"{by_name[path.name]}; page file names must be unique"))
            continue
        by_name[path.name] = path
        paths.append(path)
    return paths, failures


# How often a worker checks that the build that started it is still alive (seconds): a
# killed parent's workers would otherwise go on extracting with nobody to read the results.
PARENT_CHECK_SECONDS = 0.5


# The garbage collector's first threshold while a batch runs (Python's default is 700). A
# batch allocates millions of small objects that live until it ends (every page's result, taken
# from the workers or the cache), and at 700 the collector kept walking them: a third of the
# parent's time in unpickling workers' results (0.84 → 0.46 ms a page on 400 pages). Cycles
# are still collected, in fewer, larger steps.
GC_THRESHOLD = 10_000


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold to GC_THRESHOLD for a block, then restore it."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


# How a site build's extraction workers start: a fresh interpreter ("spawn"), not a fork of
# the caller. Their caller is MkDocs, which holds its config, theme and Markdown modules and
# nothing of the extractor, so each forked worker carried all that beside the extractor:
# 106 MB; spawned, 95-97 MB (stop 37, a 1,000-article build, every process sampled each 10 ms;
# the workers were its largest processes). A spawned worker starts ~0.3 s later, which the
# build's warm worker hides. Python 3.11's fork server would be as small, but it ignores the
# caller's sys.path: a project's scripts/ (the hook's civicnews) was not what it imported.
# Other batches (the command line, the bench's extraction figure) fork: their caller holds
# little else, often the extractor itself, warm; spawned, the bench's two jobs each loaded it
# again (2 jobs / 1: 0.65x at 400 pages, 1.39x forked).
FRESH_WORKERS = "spawn"


def _pool(workers: int, fresh: bool) -> ProcessPoolExecutor:
    """A pool of extraction workers, each watching this process: started ``fresh``
    (FRESH_WORKERS), else as the platform starts them by default (forks of it on Linux)."""
    if fresh:
        _import_path_to_self()
    context = multiprocessing.get_context(FRESH_WORKERS if fresh else None)
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                               initargs=(os.getpid(),), mp_context=context)


def _import_path_to_self() -> None:
    """Put the folder this civicnews was imported from first on the import path when the path
    would now find another (or none): a fresh worker imports from the path of the moment it
    starts. MkDocs loads the site hook with its scripts/ on the path and then restores the
    path (config_options.Hooks._load_hook), so a site build's workers imported whatever
    civicnews the environment had installed (a bench's snapshot: the checkout installed in
    the venv; none installed: the pool broke)."""
    root = str(Path(__file__).resolve().parents[1])
    found = importlib.machinery.PathFinder.find_spec(__package__, sys.path)
    origin = found.origin if found is not None else None
    if origin is None or Path(origin).resolve().parent != Path(__file__).resolve().parent:
        sys.path.insert(0, root)


def _worker_init(parent: int) -> None:
    """Start a worker: Ctrl-C is the parent's to handle, and the worker exits with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])  # the worker is ours alone
    digests.lean()  # a fresh worker never loads OpenSSL (4.8 MB of it): see digests

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)  # the parent died (SIGKILL gives it no chance to stop us)

    threading.Thread(target=watch, name="civicnews-parent-watch", daemon=True).start()


def _warm_worker(rules_dir: str | None, cache_dir: Path | None) -> None:
    """Load in a worker, before its first page arrives, what extracting a page loads on first
    use: the extractor's modules, the rules, the gazetteer and its matcher, the line-role
    model and jieba's dictionary (~0.45 s, of which a rebuild's one new page is ~0.02 s)."""
    from . import labeler
    from .pipeline import extract_page  # noqa: F401 - its modules, imported once
    from .site import related  # noqa: F401 - the headlines' key terms (_extract_chunk)

    wordlist.warm(cache_dir)
    rules = load_rules(rules_dir)
    rules.gazetteer.find("")  # the gazetteer and its matcher
    labeler.explain([], "", str(labeler.MODEL_PATH))  # the model and its ranked weights


class _WarmWorker:
    """One extraction worker started when a site build begins, before it knows which pages
    are new: it loads what extraction needs (``_warm_worker``) while the build reads the
    manifests, pages and cache, and a rebuild's few new pages are then extracted at once.
    Started for the site build only (no details, more than one job); a build with no page
    to extract, or too many for one worker (``WARM_PAGES``), stops it unused."""

    def __init__(self, rules_dir: str | None, cache_dir: Path | None) -> None:
        pool = _pool(1, fresh=True)  # the site build's alone
        try:
            pool.submit(_warm_worker, rules_dir, cache_dir)
        except BaseException:
            _stop_workers(pool)
            raise
        self.pool: ProcessPoolExecutor | None = pool

    def take(self) -> ProcessPoolExecutor | None:
        """The pool, handed over once (its caller shuts it down)."""
        pool, self.pool = self.pool, None
        return pool

    def stop(self) -> None:
        """End the worker now (not after its warm-up) when nobody took it."""
        pool = self.take()
        if pool is not None:
            _stop_workers(pool)


def _extract_chunk(tasks: Sequence[tuple[str, PageInfo, str]], rules_dir: str | None,
                   cache_dir: Path | None, lean_dir: Path | None = None,
                   headlines: bool = False
                   ) -> tuple[list[bytes], dict[str, list[str]], dict[str, dict[str, Any]]]:
    """A worker's share (pagecache.extract_chunk), jieba's dictionary first loaded from the
    cache's copy (wordlist, which builds and keeps it when missing) when the worker has not
    loaded it yet. Loaded with the first task, not when the worker starts: a worker busy in
    its initializer when Ctrl-C ended the pool left the pool's exit handler writing to a
    closed pipe (a traceback at exit).

    With ``lean_dir`` (no details) each extraction is made ``_lean`` here, kept there and
    handed back lean: the parent, which holds every page's extraction, then never unpickles
    line roles only to drop them, nor pickles the lean copy between them (a 10k cold build's
    peak is the parent's); the page's roles JSON is left in a file beside the entry
    (``_store_json``) and read back only while report.json is written.

    With ``headlines`` (the site build) also each extracted article's headline key terms
    (related.headline_text → its sorted terms): the worker holds jieba already, and the
    site's related news then needs no process of its own to load it for the new headlines;
    and the gazetteer's answer for each of their districts (``places.spelling``, by the
    gazetteer's key and name), which the worker holds too."""
    wordlist.warm(cache_dir)
    out: list[bytes] = []
    terms: dict[str, list[str]] = {}
    spellings: dict[str, Any] = {}
    for text, info, key in tasks:
        outcome = extract(text, info, rules_dir)
        data = pickle.dumps(outcome, protocol=5)
        cache_put(cache_dir, key, data)
        if lean_dir is not None:
            data = pickle.dumps(_store_json(_lean(outcome), lean_dir, key), protocol=5)
            cache_put(lean_dir, key, data)
        out.append(data)
        if headlines and isinstance(outcome, Extraction):
            from .site import related

            for article in outcome.result.articles:
                head = article.headline
                line = related.headline_text(head.kicker, head.title, head.subtitle) if head \
                    else ""
                if line not in terms:
                    terms[line] = sorted(related.terms_of(line))
                for name in article.districts:
                    if name not in spellings:
                        spellings[name] = places.spelling(load_rules(rules_dir).gazetteer,
                                                          name)
    if not spellings:
        return out, terms, {}
    return out, terms, {places.gazetteer_key(load_rules(rules_dir)): spellings}


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now, not after their current page."""
    # No public handle on the workers; shutdown() forgets them, so take them first.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
    # The pool's manager thread closes its wake-up pipe as it ends; the interpreter's exit hook
    # writes to that pipe, and racing it printed a traceback after Ctrl-C (EBADF). Wait for it.
    if manager is not None:
        manager.join(timeout=5)


def _read_pages(paths: Sequence[Path], failures: list[Failure], notes: list[str],
                manifests: dict[Path, dict[str, PageInfo]]) -> list[_Page]:
    """Manifest entry, bytes and decoded text of each page; unusable pages become failures,
    and what decoding changed (controls removed, Big5 or UTF-32 read) becomes a note."""
    pages = []
    for path in paths:
        info = page_info(path, manifests)  # ManifestError: a config error, stops the build
        try:
            data = path.read_bytes()
            if len(data) > MAX_PAGE_BYTES:
                raise DecodeError(f"page too large ({len(data) / 1e6:.1f} MB, limit "
                                  f"{MAX_PAGE_BYTES / 1e6:.0f} MB): several pages in one file?")
            decoded = decode_page_report(data)
            text = decoded.text
            notes.extend(f"{path.name}: {note}" for note in decoded.notes)
        except OSError as exc:
            failures.append(Failure(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        except DecodeError as exc:
            failures.append(Failure(str(path), exc.reason))
            continue
        pages.append(_Page(path, info, data, text, digest=digests.sha256(data).hexdigest()))
    return pages


# Pages sent to a worker at a time: fewer round trips to the parent, and still a short tail
# when the last chunks finish (at most this many pages' work on one worker at the end).
MAX_CHUNK = 8
# New pages a build's warm worker (_WarmWorker) extracts alone, at most: a page is ~10 ms to
# extract once the worker is warm and a worker's start ~0.45 s (a rebuild's timeline), so one
# warm worker is done with 32 before a second, started cold, would extract its first.
WARM_PAGES = 32


def _chunks(items: list, jobs: int) -> list[list]:
    """Items cut into runs of at most MAX_CHUNK, at least eight runs per worker, the last runs
    shorter (a run is at most a (2 × jobs)th of what is left): the workers then finish within
    a page or two of each other, where a last full run kept one worker busy alone.

    >>> [len(c) for c in _chunks(list(range(40)), 2)]
    [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]
    >>> [len(c) for c in _chunks(list(range(200)), 2)][-12:], len(_chunks([1, 2], 2))
    ([6, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1], 2)
    >>> sum(_chunks(list(range(200)), 3), []) == list(range(200))
    True
    """
    size = max(1, min(MAX_CHUNK, len(items) // (jobs * 8)))
    out, start = [], 0
    while start < len(items):
        step = max(1, min(size, (len(items) - start) // (jobs * 2)))
        out.append(items[start:start + step])
        start += step
    return out


def _lean(outcome: Extraction | Crashed) -> Extraction | Crashed:
    """A page's extraction without its line roles as objects (the result's and the report's
    rows): the report's JSON and Markdown of them are already in ``facts``, and a portal build
    reads nothing else of them. They were half of the objects an extraction holds, and all
    pages' extractions are held until the report is written: most of a 10,000-article build's
    peak memory. The report's JSON of the page is kept as UTF-8."""
    if isinstance(outcome, Crashed):
        return outcome
    # The report's JSON is kept as the UTF-8 it is written in: mostly ASCII, held as text it
    # takes two bytes a character (the page's Chinese makes it UCS-2).
    json = {key: value.encode("utf-8") if isinstance(value, str) else value
            for key, value in outcome.facts.json.items()}
    return replace(outcome, result=replace(outcome.result, line_roles=[]),
                   facts=replace(outcome.facts, roles=[], json=json))


STORED_KEYS = ("roles",)  # a lean page's report.json values kept in a file (StoredJson)
STORED_SUFFIX = ".json"  # lean/<key>.<name>.json beside lean/<key>.pickle


def _stored_path(lean_dir: Path, key: str, name: str) -> Path:
    return lean_dir / f"{key}.{name}{STORED_SUFFIX}"


def _store_json(outcome: Extraction | Crashed, lean_dir: Path, key: str) -> Extraction | Crashed:
    """A lean extraction whose large report.json values (STORED_KEYS) are written to files
    beside its cache entry and named there (report.StoredJson): the build's process then holds
    ~9 KB a page instead of ~30 KB, and reads each page's roles only while report.json is
    written. A value that cannot be written stays in the extraction."""
    if isinstance(outcome, Crashed):
        return outcome
    json = dict(outcome.facts.json)
    for name in STORED_KEYS:
        value = json.get(name)
        if not isinstance(value, bytes):
            continue
        path = _stored_path(lean_dir, key, name)
        if write_whole(path, value):
            json[name] = StoredJson(str(path))
    return replace(outcome, facts=replace(outcome.facts, json=json))


def _stored_here(outcome: Extraction | Crashed, lean_dir: Path, key: str) -> bool:
    """Whether the files a cached lean extraction names are there; each is named again in
    this cache (a project moved or copied keeps its cache, not the old paths)."""
    if isinstance(outcome, Crashed):
        return True
    json = outcome.facts.json
    for name, value in json.items():
        if isinstance(value, StoredJson):
            path = _stored_path(lean_dir, key, name)
            if not path.is_file():
                return False
            if value.path != str(path):
                json[name] = StoredJson(str(path))  # type: ignore[index] # our own dict
    return True


def _cached(cache_dir: Path | None, key: str) -> bool:
    """Whether the cache has an entry under ``key`` (it may still prove unreadable)."""
    return cache_dir is not None and os.path.isfile(cache_dir / f"{key}.pickle")


def _extract_all(pages: list[_Page], failures: list[Failure], *, jobs: int, progress: bool,
                 cache_dir: Path | None, rules_dir: Path | None, details: bool = True,
                 headline_terms: dict[str, list[str]] | None = None,
                 district_spellings: dict[str, dict[str, Any]] | None = None,
                 warm: _WarmWorker | None = None) -> int:
    """Fill in each page's extraction from the cache or the extractor (in ``jobs`` worker
    processes, which also write the cache); returns the number of pages extracted. Without
    ``details`` each extraction is kept ``_lean`` from the moment it arrives, and a page's text
    is let go once it is extracted, and the workers fill ``headline_terms`` (when given) with
    the key terms of each headline they extracted and ``district_spellings`` with the
    gazetteer's answers for their districts (see ``_extract_chunk``).

    A page the extractor crashed on becomes a Failure; the crash is cached by the page's
    content like a result, so a rebuild reports it again without extracting it again.
    """
    rules_hash = rules_fingerprint(rules_dir)
    rules_arg = str(rules_dir) if rules_dir else None
    outcomes: dict[int, Extraction | Crashed] = {}
    # Without details, each extraction is also kept ``_lean`` under the same key: a rebuild
    # then unpickles a quarter of the bytes, and no line roles only to drop them.
    lean_dir = cache_dir / LEAN_CACHE if cache_dir is not None and not details else None

    def keep(outcome: Extraction | Crashed, key: str) -> Extraction | Crashed:
        if details:
            return outcome
        outcome = _lean(outcome)
        if lean_dir is not None:
            outcome = _store_json(outcome, lean_dir, key)
        cache_put(lean_dir, key, pickle.dumps(outcome, protocol=5))
        return outcome

    # Each page's key, and whether the cache holds it (a file test: the entries are read
    # below, while the workers extract the rest).
    todo: list[tuple[int, tuple[str, PageInfo, str]]] = []
    stored: list[tuple[int, str]] = []
    for index, page in enumerate(pages):
        key = page.key = cache_key(page.data, page.info, rules_hash)
        page.data = b""  # the key was all it was read for
        if _cached(lean_dir, key) or _cached(cache_dir, key):
            stored.append((index, key))
        else:
            todo.append((index, (page.text, page.info, key)))

    def load_stored() -> list[tuple[int, tuple[str, PageInfo, str]]]:
        """Read the cached entries; those that cannot be read (gone, another version) are
        returned as tasks."""
        missed = []
        for index, key in stored:
            found = cache_get(lean_dir, key)
            if found is not None and lean_dir is not None and not _stored_here(found, lean_dir,
                                                                                key):
                found = None  # its roles file is gone: lean the full entry again
            if found is None:
                found = cache_get(cache_dir, key)
                if found is not None:
                    found = keep(found, key)
            if found is None:
                missed.append((index, (pages[index].text, pages[index].info, key)))
            else:
                outcomes[index] = found
                bar.update()
        return missed

    def wants_pool(tasks: list) -> bool:
        # Without details (the site build) even one new page goes to a worker: the build's
        # own process then never holds jieba's dictionary and the gazetteer (~80 MB), which
        # made a rebuild's peak higher than a cold build's.
        return jobs > 1 and (len(tasks) > 1 or (bool(tasks) and not details))

    from tqdm import tqdm  # here, not at the top: a worker imports this module, never the bar

    bar = tqdm(total=len(pages), unit="page", file=sys.stderr, disable=not progress,
               desc="extract")
    pool: ProcessPoolExecutor | None = None
    futures: dict = {}

    def submit(tasks: list[tuple[int, tuple[str, PageInfo, str]]]) -> None:
        nonlocal pool
        if pool is None and warm is not None and len(tasks) <= WARM_PAGES:
            pool = warm.take()
        if pool is None:
            pool = _pool(min(jobs, len(tasks)), fresh=not details)
        futures.update({pool.submit(_extract_chunk, [task for _i, task in chunk], rules_arg,
                                    cache_dir, lean_dir, headline_terms is not None and not details):
                        [i for i, _task in chunk]
                        for chunk in _chunks(tasks, jobs)})

    with bar:
        try:
            if wants_pool(todo):
                submit(todo)
            # The new pages are extracted while the cached ones are read here: a rebuild's
            # one new page (a worker's start, jieba's dictionary, the gazetteer) cost as long
            # as reading the thousands of cached ones, one after the other.
            todo += load_stored()
            serial = todo[sum(map(len, futures.values())):]
            if serial and (pool is not None or wants_pool(serial)):
                submit(serial)
                serial = []
            if warm is not None:
                warm.stop()  # not taken: no page to extract, or more than it takes alone
            for future in as_completed(futures):
                # Popped: a done future holds its pickled results as long as it is held.
                indices = futures.pop(future)
                results, terms, spellings = future.result()
                if headline_terms is not None:
                    headline_terms.update(terms)
                if district_spellings is not None:
                    for key, answers in spellings.items():
                        district_spellings.setdefault(key, {}).update(answers)
                for index, data in zip(indices, results, strict=True):
                    outcome = pickle.loads(data)  # lean already with a lean_dir
                    outcomes[index] = (outcome if lean_dir is not None
                                       else keep(outcome, str(pages[index].key)))
                bar.update(len(indices))
        except BaseException:
            if pool is not None:
                _stop_workers(pool)  # Ctrl-C or a crash: no worker outlives the batch
            raise
        if pool is not None:
            pool.shutdown()
        if serial:
            wordlist.warm(cache_dir)
        for index, (text, info, key) in serial:
            outcome = extract(text, info, rules_arg)
            if cache_dir is not None:
                cache_put(cache_dir, key, pickle.dumps(outcome, protocol=5))
            outcomes[index] = keep(outcome, key)
            bar.update()
    extracted = len(todo)
    del todo  # the pages' texts, for the workers
    for index, page in enumerate(pages):
        outcome = outcomes.pop(index)
        if isinstance(outcome, Crashed):
            failures.append(Failure(str(page.path), outcome.reason))
        else:
            page.extraction = outcome
            page.result = outcome.result
            if not details:  # the report's part made from it is in its facts
                page.text = ""
    return extracted


def _assign_ids(pages: list[_Page], ledger: Ledger) -> None:
    for page in pages:
        assert page.result is not None
        ledger.assign(page.info, page.result.articles, page.key)


# The ledger matches of the last build (ids.Ledger.memo), in a folder of the extraction
# cache (whose top level holds only extractions).
MATCH_MEMO = Path("ledger") / "matches.pickle"
MANIFEST_MEMO = Path("manifests") / "parsed.pickle"  # each pages.yml parsed, by its bytes
LEDGER_MEMO = Path("ledger") / "parsed.pickle"  # the ledger's YAML data by its text (LedgerMemo)
OUTPUT_MEMO = Path("output") / "spliced.pickle"  # report pages and article states (OutputMemo)


def _memo_version() -> bytes:
    """What a kept match depends on besides its key: the matching code."""
    return digests.sha256(Path(ids.__file__).read_bytes()).digest()


def _load_matches(cache_dir: Path | None) -> dict | None:
    """The kept matches, {} when unusable, None when the build keeps no cache."""
    if cache_dir is None:
        return None
    try:
        with open(cache_dir / MATCH_MEMO, "rb") as handle:
            version, matches = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return {}
    return matches if version == _memo_version() and isinstance(matches, dict) else {}


def _save_matches(cache_dir: Path | None, ledger: Ledger) -> None:
    """Keep this build's matches for the next (only these: the file never grows stale)."""
    if cache_dir is None or ledger.memo == ledger.memo_used:
        return
    # Pickled into the file as it goes, as cache_put would keep it: the matches of 10,000
    # articles pickled whole were the top of a cold build's memory once the report was not.
    write_whole(cache_dir / MATCH_MEMO,
                lambda handle: pickle.dump((_memo_version(), ledger.memo_used), handle, protocol=5))


def _correct(pages: list[_Page], ledger: Ledger, corrections_path: Path | None,
             expected: set[str], strict: bool) -> Applied:
    """Apply corrections to copies of the extracted articles (the PageResults stay as extracted).

    ``expected`` names the page files whose published ids must all be found again (LedgerError
    otherwise). With ``strict``, a correction naming an id no article has is a CorrectionsError:
    a misspelt id would leave an article meant to be hidden on the site.
    """
    corrections = load_corrections(corrections_path)
    # Only the articles a correction names (or merges into) can change: they are copied, the
    # others are shared (copying every article of a 10,000-article archive cost a deepcopy
    # of all of them on every build).
    named = set(corrections) | {c.merge_into for c in corrections.values() if c.merge_into}
    articles = [copy.deepcopy(a) if a.id in named else a
                for p in pages if p.result for a in p.result.articles]

    def applicable(article_id: str) -> bool:
        entry = ledger.entries.get(article_id)
        return entry is None or entry.source in expected

    applied = apply_corrections(articles, corrections, ledger.adopt, applicable)
    if strict and applied.unknown:
        where = corrections_path or "corrections"
        raise CorrectionsError(f"{where}: no article has the id(s) "
                               f"{', '.join(sorted(set(applied.unknown)))}: a typo? (ids are "
                               "listed per page in `civicnews report`)")
    excused = {cid for cid, c in corrections.items() if c.hide or c.merge_into}
    ledger.check(expected, excused)  # LedgerError: a config error, stops the build
    return applied


DRAFT_NOTE = ("held back as a draft: no issue date in pages.yml; add the page's line "
              "(publication, date, page) to publish it")


def _hold_drafts(pages: list[_Page], notes: list[str]) -> tuple[list[_Page], list[_Page]]:
    """Split off pages without an issue date: they are extracted and reported, never given a
    permanent id or published (an id is a date and a page; a nodate- URL stayed forever)."""
    dated, drafts = [], []
    for page in pages:
        if page.info.date:
            dated.append(page)
            continue
        drafts.append(page)
        notes.append(f"{page.info.file}: {DRAFT_NOTE}")
        assert page.result is not None
        for serial, article in enumerate(page.result.articles, start=1):
            article.id = f"draft-{file_tag(page.info.file)}-{serial}"
    return dated, drafts


def _unlisted(manifests: dict[Path, dict[str, PageInfo]], paths: Sequence[Path],
              failures: list[Failure]) -> list[str]:
    """Notes for manifest lines naming a page file that is not there (a typo, or moved)."""
    there = {(p.parent, p.name) for p in paths}
    there |= {(Path(f.file).parent, Path(f.file).name) for f in failures}
    return [f"{directory / MANIFEST_NAME}: lists {name}, but there is no such page file"
            for directory, entries in sorted(manifests.items())
            for name in sorted(entries) if (directory, name) not in there]


def _safe_id(article_id: str) -> str:
    """The id, checked once more where it becomes a path: no id may leave the output folder."""
    try:
        return check_id(article_id)
    except ValueError as exc:
        raise LedgerError(str(exc)) from None


def _status(applied: Applied) -> dict[str, str]:
    status = {cid: "hidden" for cid in applied.hidden}
    status.update({cid: f"merged into {target}" for cid, target in applied.merged.items()})
    return status


def _render(pages: list[_Page], applied: Applied, all_articles: list[Article],
            failures: list[Failure], extra_status: dict[str, str],
            by_name: dict[str, Article]) -> tuple[dict[str, Data], dict]:
    """Every output file's bytes, by path relative to out_dir, and the report; ``by_name`` is
    filled with each article file's name → its article.

    What a worker prepared is used where it still holds: an article's Markdown when
    corrections left the article as extracted (only its id is added), each page's fixed
    report part always; the rest is done here.
    """
    prepared: dict[str, tuple[Article, str]] = {}  # id → the article as extracted, its Markdown
    for page in pages:
        if page.extraction is not None and page.result is not None:
            for article, text in zip(page.result.articles, page.extraction.markdown, strict=True):
                prepared[article.id] = (article, text)
    files: dict[str, Data] = {}
    for article in applied.articles:
        found = prepared.get(article.id)
        text = (with_id(article.id, found[1]) if found and found[0] == article
                else render_article(article))
        name = f"{_safe_id(article.id)}.md"
        files[f"{ARTICLES_DIR}/{name}"] = text.encode("utf-8")
        by_name[name] = article
    status = {**_status(applied), **extra_status}
    by_file: dict[str, list[Article]] = {}  # one pass, not one scan of all articles per page
    for article in all_articles:
        by_file.setdefault(article.source.file, []).append(article)
    page_reports = []
    facts: dict[str, PageFacts] = {}
    keys: dict[str, str] = {}  # page file → the key of the extraction its facts came from
    for page in pages:
        assert page.result is not None
        mine = by_file.get(page.info.file, [])
        done = page.extraction.facts if page.extraction is not None else None
        page_reports.append(page_report(page.result, page.text, mine, status, done))
        if done is not None:
            facts[page.result.info.file] = done
            if page.key:
                keys[page.result.info.file] = page.key
    report = build_report(page_reports, [(f.file, f.reason) for f in failures], applied.warnings)
    # Written segment by segment; a page's segment unchanged since the last build is copied
    # from the file (output.Spliced): one new page no longer makes the whole report again.
    files[REPORT_JSON] = Spliced(lambda: report_json_segments(report, facts, keys))
    files[REPORT_MD] = Spliced(lambda: report_md_segments(report, facts, keys))
    return files, report


def run_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    jobs: int = 1,
    progress: bool = False,
    corrections: Path | None = None,
    ledger: Path | None = None,
    cache_dir: Path | None = None,
    rules_dir: Path | None = None,
    save_ledger: bool = True,
    strict: bool = False,
    details: bool = True,
) -> BatchResult:
    """Build the articles of all pages under ``inputs`` into ``out_dir``; see the module doc.

    Raises RulesError, ManifestError, CorrectionsError or LedgerError (config errors) before
    anything is written, BuildLocked when another build runs, OutputError when the output
    cannot be written (the last build then stands); bad pages are returned as failures.
    ``save_ledger=False`` reads the ledger but never writes it (previews). ``strict`` makes
    a correction for an unknown id an error (the portal build), not a warning.
    ``details=False`` (the portal build) keeps no page's line roles as objects once they are in
    its report part (see ``_lean``): the files written are the same; the returned results and
    report lack them.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: not a directory (the output folder)")
    with build_lock(out_dir, ledger if save_ledger else None), _fewer_collections():
        return _run_locked(inputs, out_dir, jobs=jobs, progress=progress,
                           corrections=corrections, ledger=ledger, cache_dir=cache_dir,
                           rules_dir=rules_dir, save_ledger=save_ledger, strict=strict,
                           details=details)


def _run_locked(inputs: Sequence[Path], out_dir: Path, *, jobs: int, progress: bool,
                corrections: Path | None, ledger: Path | None, cache_dir: Path | None,
                rules_dir: Path | None, save_ledger: bool, strict: bool,
                details: bool = True) -> BatchResult:
    """run_batch with the build lock held."""
    # The site build's worker, loading the extractor while the pages are read (_WarmWorker).
    warm = None
    if jobs > 1 and not details:
        try:
            warm = _WarmWorker(str(rules_dir) if rules_dir else None, cache_dir)
        except (OSError, ImportError, NotImplementedError):  # no processes here: as before,
            warm = None  # a batch with pages to extract then reports it when it needs one
    try:
        return _run_warm(inputs, out_dir, jobs=jobs, progress=progress, corrections=corrections,
                         ledger=ledger, cache_dir=cache_dir, rules_dir=rules_dir,
                         save_ledger=save_ledger, strict=strict, details=details, warm=warm)
    finally:
        if warm is not None:
            warm.stop()


def _run_warm(inputs: Sequence[Path], out_dir: Path, *, jobs: int, progress: bool,
              corrections: Path | None, ledger: Path | None, cache_dir: Path | None,
              rules_dir: Path | None, save_ledger: bool, strict: bool, details: bool,
              warm: _WarmWorker | None) -> BatchResult:
    """_run_locked with its warm worker (or None)."""
    recover(out_dir, ledger if save_ledger else None)  # finish or undo a killed build first
    load_rules(rules_dir)  # a broken rule file is a config error: fail before any work
    load_corrections(corrections)  # likewise for a malformed corrections file
    ledger_memo = LedgerMemo(cache_dir / LEDGER_MEMO if cache_dir is not None else None)
    id_ledger = Ledger.load(ledger, ledger_memo) if ledger else Ledger()
    inputs = [Path(p) for p in inputs]
    # A build of whole folders (the portal's) knows every page: ids of pages that vanished
    # must be retired, and a renamed page's stories keep theirs.
    whole = all(p.is_dir() for p in inputs)
    paths, failures = discover(inputs)
    notes: list[str] = []
    # Each folder's manifest, in page order (as page_info would read them), through its memo.
    manifests = load_manifests((p.parent for p in paths),
                               cache_dir / MANIFEST_MEMO if cache_dir is not None else None)
    pages = _read_pages(paths, failures, notes, manifests)
    attention = _unlisted(manifests, paths, failures) if whole else []
    headline_terms: dict[str, list[str]] = {}
    district_spellings: dict[str, dict[str, Any]] = {}
    extracted = _extract_all(pages, failures, jobs=jobs, progress=progress,
                             cache_dir=cache_dir, rules_dir=rules_dir, details=details,
                             headline_terms=headline_terms,
                             district_spellings=district_spellings, warm=warm)
    pages = [p for p in pages if p.result is not None]
    drafts: list[_Page] = []
    if ledger and save_ledger:  # ids are permanent only when a ledger records them
        pages, drafts = _hold_drafts(pages, attention)
    notes.extend(attention)
    failed_names = {Path(f.file).name for f in failures}
    if whole:
        id_ledger.allow_moves({p.name for p in paths} | failed_names)
    id_ledger.memo = _load_matches(cache_dir)
    _assign_ids(pages, id_ledger)
    expected = ({e.source for e in id_ledger.entries.values()} - failed_names if whole
                else {p.info.file for p in pages})
    applied = _correct(pages, id_ledger, corrections, expected, strict=strict)
    applied.warnings[:0] = notes  # the report and the command list them with the others
    applied.warnings.extend(f"{i}: id kept for the renamed page {id_ledger.entries[i].source}"
                            for i in id_ledger.moved)
    rank = {path.name: i for i, path in enumerate(paths)}
    shown = _page_order([*pages, *drafts], rank)
    draft_articles = [a for p in drafts if p.result for a in p.result.articles]
    every = _page_order([*applied.articles, *applied.dropped, *draft_articles], rank)
    # The ledger is final here; its text is made before the report, whose files are the
    # largest thing a batch holds (the two at once were a 10k build's peak).
    new_ledger = ((ledger, id_ledger.dumps(ledger_memo).encode("utf-8"))
                  if ledger and save_ledger else None)
    by_name: dict[str, Article] = {}
    files, report = _render(shown, applied, every, failures,
                            {a.id: "draft (not published)" for a in draft_articles}, by_name)
    for page in shown:  # its report JSON and Markdown are in `files` now: not held twice
        page.extraction = None
    keep = {f"{ARTICLES_DIR}/{e.id}.md" for e in id_ledger.entries.values()
            if e.source in failed_names}
    # Nothing has touched out_dir up to here: every error above leaves the last build intact.
    # The articles, the report and the ledger then change together, in one step.
    memo = OutputMemo.load(cache_dir / OUTPUT_MEMO if cache_dir is not None else None)
    changed: set[str] = set()
    written, unchanged, removed = commit(out_dir, files, keep, new_ledger, memo, changed)
    # The articles of the files written (a rebuild's few): the others' records are kept.
    rendered = {digests.sha256(data).hexdigest(): by_name[name] for name in changed
                if isinstance(data := files[f"{ARTICLES_DIR}/{name}"], bytes)}
    del files, new_ledger, by_name  # written: not held while the match memo is pickled
    _save_matches(cache_dir, id_ledger)
    withheld = {a.source.file for a in applied.dropped if a.id in set(applied.hidden)}
    return BatchResult(
        sources={p.info.file: p.path for p in pages if p.info.file not in withheld},
        source_digests={p.info.file: p.digest for p in pages if p.info.file not in withheld},
        pages=[p.result for p in pages if p.result is not None],
        articles=applied.articles,
        failures=sorted(failures, key=lambda f: f.file),
        written=written,
        unchanged=unchanged,
        removed=removed,
        warnings=applied.warnings,
        attention=attention,
        extracted=extracted,
        report=report,
        headline_terms=headline_terms,
        district_spellings=district_spellings,
        rendered=rendered,
    )


def settle(out_dir: Path, cache_dir: Path | None) -> int:
    """After a build, trust the article files its commit wrote while they were racy (see
    ``output.settle_memo``): the next build then reads none of them again."""
    if cache_dir is None:
        return 0
    return settle_memo(cache_dir / OUTPUT_MEMO, Path(out_dir))


def _page_order(items: list, rank: dict[str, int]) -> list:
    """Articles (or pages) sorted by their page's place in the batch, then by reading order."""
    def key(item: Article | _Page) -> tuple[int, int]:
        if isinstance(item, _Page):
            return (rank.get(item.info.file, len(rank)), 0)
        return (rank.get(item.source.file, len(rank)), item.order)
    return sorted(items, key=key)
