"""Switching a build's output in one step, and keeping two builds from running at once.

A build's state is three things that must change together: the article files
(``OUT/articles/``), the editors' report (``OUT/report.json``, ``OUT/editor/report.md``) and
the id ledger (``articles/ids.yml``). Writing them file by file let a kill leave old and new
articles side by side and a ledger that knew nothing of the new ids. So a commit:

1. writes the whole new ``articles/`` folder aside in ``OUT/.civicnews-new/`` (unchanged files
   are hard links, so they keep their mtimes) — or, when few article files change, only
   those —, the changed report files beside it and the new ledger beside the ledger
   (``.ids.yml.civicnews-new``);
2. writes the journal ``OUT/.civicnews-commit`` in one atomic rename: the commit point (it
   names the article files to move and to delete when only the changed ones were staged);
3. moves everything into place, deletes the journal and the old folder.

A kill before step 2 leaves the old state (the next build deletes the staged files); a kill
after it is finished by the next build (``recover``) before it reads anything, so every
civicnews run sees the old state or the new one, never a mix. SIGINT and SIGTERM wait until
step 3 is done. ``build_lock`` is an advisory lock (flock) held for a whole build, so two
builds cannot both read the ledger and lose each other's new ids; the kernel drops it when
the process dies, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import signal
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import digests

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; builds there are not locked
    fcntl = None  # type: ignore[assignment]

ARTICLES_DIR = "articles"
STAGE = ".civicnews-new"
OLD = ".civicnews-old"
JOURNAL = ".civicnews-commit"
LOCK = ".civicnews-lock"  # beside the output folder: .docs.civicnews-lock
LEDGER_STAGE_SUFFIX = ".civicnews-new"
LEDGER_LOCK_SUFFIX = ".civicnews-lock"
FEW = "few"  # a journal's "articles" when only the changed article files were staged
# Stage only the changed article files when they are at most this share of the folder
# (1/FEW_SHARE): below it, moving them one by one costs less than linking the rest anew.
FEW_SHARE = 4


class OutputError(ValueError):
    """The new output could not be written; the last build's output is unchanged."""


class BuildLocked(ValueError):
    """Another build holds the lock on this output folder or ledger."""


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C arrived while the new output was being switched in: the build did finish."""


def ledger_stage(ledger: Path) -> Path:
    """Where the new ledger waits for the commit: beside the ledger, on the same file system."""
    return ledger.with_name(f".{ledger.name}{LEDGER_STAGE_SUFFIX}")


@contextlib.contextmanager
def build_lock(out_dir: Path, ledger: Path | None) -> Iterator[None]:
    """Hold the build locks of the ledger (if any) and of the output folder, or BuildLocked."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    targets = []
    if ledger is not None:
        targets.append(ledger.with_name(f".{ledger.name}{LEDGER_LOCK_SUFFIX}"))
    # Beside the output folder, not in it: a build that stops on a config error creates nothing.
    targets.append(out_dir.parent / f".{out_dir.resolve().name}{LOCK}")
    with contextlib.ExitStack() as stack:
        for path in targets:
            try:
                handle = stack.enter_context(open(path, "a+b"))  # noqa: SIM115 - held by the stack
            except OSError as exc:
                raise OutputError(f"{path}: cannot create the build lock (does the folder "
                                  f"exist?): "
                                  f"{exc.strerror or exc}") from None
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BuildLocked(f"another build is running (it holds {path}); wait for it "
                                  "to finish and run again") from None
        yield


def _link_or_copy(src: str, dst: str) -> None:
    """Carry an unchanged file into the staged folder: a hard link keeps its mtime and costs
    no space; a copy (file systems without links) keeps the mtime too."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


# A segment of a file (report.Segment): its key (the same key, the same bytes) or None, and
# what makes its bytes.
Segment = tuple[str | None, Callable[[], bytes]]


@dataclass(frozen=True)
class Spliced:
    """A file's new content as keyed segments, made anew by each call of ``segments``.

    A segment whose key the file held when it was last written (its OutputMemo says where)
    is copied from it, not made: one new page rewrote the 70 MB of report.json of a
    10,000-article site, reading every page's line roles from its file and encoding them.
    """

    segments: Callable[[], Iterable[Segment]]


# A file's new content: its bytes, or its bytes in pieces (report.json of a ten-year archive is
# about 70 MB: joining its pieces held it twice at the build's peak of memory), a list or an
# iterable that makes them anew each time it is iterated (report.Pieces: never all held), or
# keyed segments (Spliced).
Data = bytes | list[bytes] | Iterable[bytes] | Spliced

MEMO_VERSION = 1
# An article file whose mtime is this close to when its state was kept (or later) is read and
# compared again even when its state matches (git's "racy clean" rule, as site.articles'):
# it could have been rewritten within the same timestamp tick, keeping its size.
RACY_NS = 2_000_000_000


@dataclass
class OutputMemo:
    """Where each segment of each Spliced file sits in the file as last written, kept in the
    build's cache between builds (``path``; None: nothing kept).

    ``spliced``: file path relative to the output folder → (size, CRC-32 of its bytes,
    segment key → (offset, length)). Relative: a project copied or restored elsewhere (CI, the
    benchmarks) keeps its cache and output together. A file is trusted only when its size and CRC-32 match (reading it costs ~40 ms
    for 70 MB, a tenth of comparing it with its new bytes): a file changed since, by hand or
    by a build that was killed before the memo was saved, is made anew in full.
    """

    path: Path | None
    spliced: dict[str, tuple[int, int, dict[str, tuple[int, int]]]] = field(default_factory=dict)
    # Article file name → (size, mtime_ns, BLAKE2 of its bytes) as written or found, and when
    # they were kept: a file in the same state (and not racy) whose new bytes have the same
    # digest is unchanged without reading it (10,000 files read for one new page).
    articles: dict[str, tuple[int, int, bytes]] = field(default_factory=dict)
    kept_at: int = 0

    @classmethod
    def load(cls, path: Path | None) -> OutputMemo:
        if path is None:
            return cls(None)
        try:
            with open(path, "rb") as handle:
                version, spliced, articles, kept_at = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            return cls(path)  # absent, unreadable or of another version: nothing is reused
        if version != MEMO_VERSION or not isinstance(spliced, dict) \
                or not isinstance(articles, dict) or not isinstance(kept_at, int):
            return cls(path)
        return cls(path, spliced, articles, kept_at)

    def save(self) -> None:
        """Keep the memo; a memo that cannot be written is removed (a stale one is harmless,
        since every file is checked, but useless)."""
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.path, pickle.dumps(
                (MEMO_VERSION, self.spliced, self.articles, self.kept_at), protocol=5))
        except OSError:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def trusted(self, rel: str, path: Path) -> dict[str, tuple[int, int]]:
        """The segments of ``path`` (``rel`` in the output folder) by key, if the file is as
        the memo knows it; else {}."""
        known = self.spliced.get(rel) if self.path is not None else None
        if known is None:
            return {}
        size, crc, where = known
        try:
            if os.stat(path).st_size != size or _crc(path) != crc:
                return {}
        except OSError:
            return {}
        return where


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


COPY_CHUNK = 1 << 20  # bytes read at a time from the last file when splicing or checking it


def _pieces(data: Data) -> Iterable[bytes]:
    if isinstance(data, Spliced):
        return (make() for _key, make in data.segments())
    return [data] if isinstance(data, bytes) else data


def _write(path: Path, data: Data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.writelines(_pieces(data))


def _same(path: Path, data: Data) -> bool:
    """Whether the file holds exactly ``data``, read piece by piece (not a second copy of a
    large file in memory)."""
    pieces = _pieces(data)
    try:
        # Sizes first when the pieces are at hand; pieces made as they go are compared as
        # they come, and the file must end where they do.
        if isinstance(pieces, list) and path.stat().st_size != sum(len(p) for p in pieces):
            return False
        with open(path, "rb") as handle:
            return (all(handle.read(len(piece)) == piece for piece in pieces)
                    and not handle.read(1))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def _made(data: Data) -> bool:
    """Whether ``data`` is pieces made as they are read (report.Pieces), not bytes at hand."""
    return not isinstance(data, bytes | list)


def _stage_if_changed(path: Path, staged: Path, data: Iterable[bytes]) -> bool:
    """Write pieces made as they go to ``staged`` while comparing them with ``path``, in one
    pass (comparing first and writing after made them twice: report.json's 4,000 pages at
    10,000 articles). Returns whether they differ; when they do not, nothing is left staged."""
    staged.parent.mkdir(parents=True, exist_ok=True)
    try:
        current = open(path, "rb")  # noqa: SIM115 - closed below
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        current = None
    same = current is not None
    try:
        with open(staged, "wb") as handle:
            for piece in data:
                handle.write(piece)
                if same and current is not None and current.read(len(piece)) != piece:
                    same = False
        if same and current is not None and current.read(1):
            same = False
    finally:
        if current is not None:
            current.close()
    if same:
        staged.unlink()
    return not same


def _stage_spliced(path: Path, staged: Path, data: Spliced, reuse: dict[str, tuple[int, int]]
                   ) -> tuple[bool, tuple[int, int, dict[str, tuple[int, int]]]]:
    """_stage_if_changed for keyed segments: a segment found in ``reuse`` (key → where
    ``path`` holds it: OutputMemo.trusted) is copied from it, the others are made. Returns
    whether the bytes differ from ``path``'s and the new file's memo entry."""
    staged.parent.mkdir(parents=True, exist_ok=True)
    try:
        current = open(path, "rb")  # noqa: SIM115 - closed below
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        current = None
    size = os.fstat(current.fileno()).st_size if current is not None else -1
    same = current is not None
    crc = 0
    offset = 0  # in the new file
    where: dict[str, tuple[int, int]] = {}
    try:
        with open(staged, "wb") as handle:
            def put(piece: bytes) -> None:
                nonlocal crc, offset
                handle.write(piece)
                crc = zlib.crc32(piece, crc)
                offset += len(piece)

            for key, make in data.segments():
                start = offset
                found = reuse.get(key) if key is not None else None
                if found is not None and current is not None:
                    # The same bytes, where they were: still the same file so far.
                    same = same and found[0] == offset
                    current.seek(found[0])
                    left = found[1]
                    while left > 0:
                        chunk = current.read(min(left, COPY_CHUNK))
                        if not chunk:  # the memo and the file disagree after all
                            raise _Stale()
                        put(chunk)
                        left -= len(chunk)
                else:
                    piece = make()
                    if same and current is not None:
                        current.seek(offset)
                        same = current.read(len(piece)) == piece
                    put(piece)
                if key is not None:
                    where[key] = (start, offset - start)
        same = same and offset == size
    except _Stale:
        return _stage_spliced(path, staged, data, {})
    finally:
        if current is not None:
            current.close()
    if same:
        staged.unlink()
    return not same, (offset, crc, where)


class _Stale(Exception):
    """A Spliced file was shorter than its memo said: it is made anew in full."""


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    _write(tmp, data)
    os.replace(tmp, path)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the new state is moved in (main thread, Unix)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not Unix / not main
        yield
        return
    try:
        yield
    finally:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, held)  # a held Ctrl-C is raised here
        except KeyboardInterrupt:
            raise InterruptedAfterCommit() from None


def recover(out_dir: Path, ledger: Path | None = None) -> None:
    """Finish a commit a kill interrupted after its commit point; else drop its staged files."""
    journal = out_dir / JOURNAL
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        shutil.rmtree(out_dir / STAGE, ignore_errors=True)
        shutil.rmtree(out_dir / OLD, ignore_errors=True)
        if ledger is not None:
            ledger_stage(ledger).unlink(missing_ok=True)
        return
    with _signals_held():
        _roll_forward(out_dir, plan)


def _roll_forward(out_dir: Path, plan: dict) -> None:
    """Move the staged state into place. Every step can be repeated, so a kill in here is
    finished by the next run."""
    stage = out_dir / STAGE
    staged = stage / ARTICLES_DIR
    target = out_dir / ARTICLES_DIR
    if plan.get("articles") == FEW:  # only the changed files were staged: moved one by one
        target.mkdir(parents=True, exist_ok=True)
        for name in plan.get("changed", []):
            if (staged / name).is_file():  # else moved by the run a kill interrupted
                os.replace(staged / name, target / name)
        for name in plan.get("removed", []):
            (target / name).unlink(missing_ok=True)
    elif plan.get("articles") and staged.is_dir():
        if target.exists():
            shutil.rmtree(out_dir / OLD, ignore_errors=True)
            os.rename(target, out_dir / OLD)
        os.rename(staged, target)
    for rel in plan.get("others", []):
        src = stage / rel
        if src.is_file():
            (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, out_dir / rel)
    if plan.get("ledger"):
        ledger = Path(plan["ledger"])
        if ledger_stage(ledger).is_file():
            os.replace(ledger_stage(ledger), ledger)
    (out_dir / JOURNAL).unlink()
    shutil.rmtree(stage, ignore_errors=True)
    shutil.rmtree(out_dir / OLD, ignore_errors=True)


def commit(out_dir: Path, files: dict[str, Data], keep: set[str],
           ledger: tuple[Path, bytes] | None = None,
           memo: OutputMemo | None = None,
           written: set[str] | None = None) -> tuple[int, int, int]:
    """Make ``files`` (paths relative to out_dir) the new output in one step; see the module doc.

    Article files (``articles/*.md``) not in ``files`` are removed unless named in ``keep``;
    other files in ``articles/`` are carried over. ``ledger`` is the ledger file and its new
    bytes. ``memo`` says where the Spliced files' segments are and is updated (saved once the
    new output is in place). Returns (article files written, unchanged, removed). When
    nothing differs, nothing is touched. OSError while staging becomes OutputError with the
    old state intact. ``written``, when given, is filled with the names (in ``articles/``) of
    the article files written.
    """
    memo = memo or OutputMemo(None)
    started = time.time_ns()
    recover(out_dir, ledger[0] if ledger else None)
    current = out_dir / ARTICLES_DIR
    present = {p.name: p for p in current.iterdir()} if current.is_dir() else {}
    prefix = f"{ARTICLES_DIR}/"
    new = {rel[len(prefix):]: data for rel, data in files.items() if rel.startswith(prefix)}
    others = {rel: data for rel, data in sorted(files.items()) if not rel.startswith(prefix)}
    # A file not in the folder is new without reading it (a cold build: thousands of misses).
    states: dict[str, tuple[int, int, bytes]] = {}  # the memo's article states, for next time
    changed = {name for name, data in new.items()
               if name not in present or not _article_same(current / name, data, memo, states)}
    removed = {name for name, path in present.items()
               if name.endswith(".md") and name not in new and f"{prefix}{name}" not in keep}
    if written is not None:
        written.update(changed)
    stage = out_dir / STAGE
    spliced: dict[str, tuple[int, int, dict[str, tuple[int, int]]]] = {}
    prestaged = set()
    try:  # pieces made as they go are staged as they are compared (_stage_if_changed)
        for rel, data in others.items():
            if isinstance(data, Spliced):
                differs, spliced[rel] = _stage_spliced(
                    out_dir / rel, stage / rel, data, memo.trusted(rel, out_dir / rel))
            else:
                differs = _made(data) and _stage_if_changed(out_dir / rel, stage / rel, data)
            if differs:
                prestaged.add(rel)
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        where = f" ({exc.filename})" if exc.filename else ""
        raise OutputError(f"cannot write the new output: {exc.strerror or exc}{where}") from None
    except BaseException:  # a bug making the pieces: nothing is left staged either
        shutil.rmtree(stage, ignore_errors=True)
        raise
    changed_others = [rel for rel, data in others.items()
                      if rel in prestaged or (not _made(data) and not _same(out_dir / rel, data))]
    ledger_changed = ledger is not None and not _same(ledger[0], ledger[1])
    counts = (len(changed), len(new) - len(changed), len(removed))
    if not (changed or removed or changed_others or ledger_changed):
        shutil.rmtree(stage, ignore_errors=True)  # what was compared in it: the same
        _keep_memo(memo, spliced, states, started)
        return counts
    # A few changed articles in a large folder are staged alone and moved in one by one
    # (the journal names them): staging the whole folder linked every unchanged file anew and
    # deleted the old folder's links, ~10,000 of each for one new page at 10,000 articles.
    few = (bool(present) and bool(changed or removed)
           and (len(changed) + len(removed)) * FEW_SHARE <= len(present)
           and not any(present[n].is_dir() for n in changed if n in present))
    try:
        staged = stage / ARTICLES_DIR
        staged.mkdir(parents=True)
        for name, path in sorted(present.items()):
            if few or name in changed or name in removed:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.copytree(path, staged / name, copy_function=_link_or_copy)
            else:
                _link_or_copy(str(path), str(staged / name))
        for name in sorted(changed):
            _write(staged / name, new[name])
        for rel in changed_others:
            if rel not in prestaged:
                _write(stage / rel, others[rel])
        if ledger_changed:
            assert ledger is not None
            _write(ledger_stage(ledger[0]), ledger[1])
        plan = {"articles": FEW if few else bool(changed or removed), "others": changed_others,
                "ledger": str(ledger[0].resolve()) if ledger_changed and ledger else None}
        if few:
            plan.update(changed=sorted(changed), removed=sorted(removed))
        _atomic_write(out_dir / JOURNAL, json.dumps(plan, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if ledger is not None:
            ledger_stage(ledger[0]).unlink(missing_ok=True)
        where = f" ({exc.filename})" if exc.filename else ""
        raise OutputError(f"cannot write the new output: {exc.strerror or exc}{where}") from None
    try:
        with _signals_held():
            _roll_forward(out_dir, plan)
    except OSError as exc:
        raise OutputError(f"the new output is complete but could not be moved into place: "
                          f"{exc.strerror or exc}; the next build finishes it") from None
    if memo.path is not None:  # the written articles' states, now that they are in place
        for name in changed:
            data = new[name]
            if isinstance(data, bytes):
                with contextlib.suppress(OSError):
                    st = os.stat(current / name)
                    states[name] = (st.st_size, st.st_mtime_ns, _digest(data))
    _keep_memo(memo, spliced, states, started)
    return counts


def _digest(data: bytes) -> bytes:
    return digests.blake2b(data, digest_size=20).digest()


def _article_same(path: Path, data: Data, memo: OutputMemo,
                  states: dict[str, tuple[int, int, bytes]]) -> bool:
    """Whether an article file holds ``data``: by the memo when the file is in the state it
    recorded (not racy) and the digests match, else by reading it. Records its state."""
    if memo.path is None or not isinstance(data, bytes):
        return _same(path, data)
    try:
        st = os.stat(path)  # before reading: a change after it shows in the next state
    except OSError:
        return False
    digest = _digest(data)
    last = memo.articles.get(path.name)
    state = (st.st_size, st.st_mtime_ns)
    if last is not None and last[:2] == state and st.st_mtime_ns < memo.kept_at - RACY_NS:
        same = last[2] == digest  # the file holds the bytes it was kept with
    else:
        same = _same(path, data)
    if same:
        states[path.name] = (*state, digest)
    return same


# Racy article states a later look (settle_memo) reads again to trust them, at least: a
# rebuild's few new files cost the next build less to read than the memo costs to keep again.
SETTLE_MIN = 100


def settle_memo(path: Path | None, out_dir: Path, minimum: int | None = None) -> int:
    """Trust the article files the last commit recorded while they were racy (written within
    RACY_NS of when it began: every file of a cold build, which the next build then read all
    again): now that they are older, each is read again, and when every one still holds the
    bytes recorded, the memo is kept anew as of this moment. Returns how many were read; 0
    when fewer than ``minimum`` are racy, or one changed or is still too new (the next build
    reads them then, as before); ``minimum``: SETTLE_MIN when not given."""
    memo = OutputMemo.load(path)
    if memo.path is None:
        return 0
    floor = memo.kept_at - RACY_NS
    racy = sorted(name for name, (_size, mtime, _digest) in memo.articles.items()
                  if mtime >= floor)
    if not racy or len(racy) < (SETTLE_MIN if minimum is None else minimum):
        return 0
    stamp = time.time_ns()  # before any file is looked at again, as commit's ``started``
    current = out_dir / ARTICLES_DIR
    for name in racy:
        size, mtime, digest = memo.articles[name]
        try:
            st = os.stat(current / name)
            if (st.st_size, st.st_mtime_ns) != (size, mtime) or mtime >= stamp - RACY_NS:
                return 0
            if _digest((current / name).read_bytes()) != digest:
                return 0
        except OSError:
            return 0
    memo.kept_at = stamp
    memo.save()
    return len(racy)


def _keep_memo(memo: OutputMemo, spliced: dict[str, tuple[int, int, dict[str, tuple[int, int]]]],
               articles: dict[str, tuple[int, int, bytes]], started: int) -> None:
    """Save where the Spliced files' segments now are and the article files' states (the
    files are in place); ``started``: when the commit began, before any state was read."""
    if memo.path is None:
        return
    memo.spliced, memo.articles, memo.kept_at = spliced, articles, started
    memo.save()
