"""Finished HTML pages kept across builds, keyed by the hash of everything a page shows.

MkDocs renders every page on every build; most of a rebuild's pages are the same as last time.
A page's key (``page_key``) hashes the build environment (``environment_key``: mkdocs.yml, the
site address, the theme overrides, this package's code and the versions of MkDocs, Material
and Markdown) with what the hooks put on the page (the article and the HTML wrapped around
its body: header, footer, share code, 上一篇/下一篇 and 相关新闻; or a list page's text). A page
whose key is in the cache is handed to MkDocs as a plain file to copy, and never rendered; a
rendered page is stored under its key. Anything a page shows that is not in the key would be
served stale, so the key errs on the side of the whole configuration and all the code.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import time
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

CACHE_VERSION = "1"  # bump when what a page's HTML depends on changes outside the key's parts
# They shape every page; segno draws the share codes, which an article page's key names by
# URL, not by the drawing.
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "segno")
# Pages unused this long are deleted after a build: long enough that a build without
# site_url (or with another theme setting) every other day keeps its pages, short enough
# that the CI cache does not grow with every edit.
PRUNE_DAYS = 14.0
# A cache is pruned at most this often (a stamp file in it records when): pruning looked at
# every cached page (~17,000 files at 10,000 articles, ~0.5 s of a rebuild after one page)
# and found nothing to delete on all but the first build of a day. Set under a day so that
# a daily deploy build still prunes each time; pages then go at most this much later.
PRUNE_EVERY_HOURS = 20.0
PRUNE_STAMP = ".pruned"
# A page used by a build is marked as used (its mtime set to now) only when its mark is at
# least this old: a rebuild used ~18,000 cached files at 10,000 articles, and setting each
# one's time (a write to its inode) cost three times looking at it. Far under PRUNE_DAYS, so
# a page in use is never pruned; an unused one goes at most this much sooner.
TOUCH_HOURS = 24.0


@cache
def package_version(name: str) -> str:
    """An installed package's version ("?" when it is not installed)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def _hash_tree(h: hashlib._Hash, root: Path) -> None:
    """Every file under ``root`` (path and bytes) into ``h``, in a fixed order."""
    if not root.is_dir():
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")


def environment_key(config_file: Path, site_url: str | None, theme_dir: Path | None,
                    extra: Iterable[str] = ()) -> str:
    """The part of every page's key that does not depend on the page."""
    h = hashlib.sha256(f"{CACHE_VERSION}\0{site_url or ''}\0".encode())
    for name in PACKAGES:
        h.update(f"{name}={package_version(name)}\0".encode())
    h.update(config_file.read_bytes() + b"\0")
    if theme_dir is not None:
        _hash_tree(h, theme_dir)
    _hash_tree(h, Path(__file__).resolve().parent)  # the hooks and the page builders
    for item in extra:
        h.update(item.encode() + b"\0")
    return h.hexdigest()


def page_key(environment: str, *parts: str) -> str:
    """The key of one page: the environment and the page's own inputs.

    >>> page_key("e", "a", "b") == page_key("e", "a", "b") != page_key("e", "ab", "")
    True
    """
    h = hashlib.sha256(environment.encode())
    for part in parts:
        h.update(b"\0" + str(len(part)).encode() + b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# Cached files are read-only: the site links to them (``place``), so a tool that rewrote a
# built page in place would otherwise change the cached page under it. Tools that write a new
# file and rename it over the old one (sed -i, most minifiers) replace the link instead.
READ_ONLY = 0o444


def place(cached: Path, target: Path, link: bool = True) -> None:
    """Put a cached file at ``target`` in the site: a hard link (no copy: a rebuild placed
    ten thousand finished pages), or a copy where the file system cannot link or ``link`` is
    false (a --dirty build, whose site keeps the last build's files: MkDocs would write a
    page it renders into the old link, and so into the cached page of another key)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not link:
        target.unlink(missing_ok=True)
        shutil.copyfile(cached, target)
        return
    try:
        os.link(cached, target)
        return
    except FileExistsError:  # --dirty: the last build's file is still there
        target.unlink()
        try:
            os.link(cached, target)
            return
        except OSError:
            pass
    except OSError:
        pass
    shutil.copyfile(cached, target)


def keep(built: Path, cached: Path, made: set[Path] | None = None) -> None:
    """Store a page the build wrote (``built``, in a fresh site) in the cache as ``cached``:
    the same file, hard-linked (copied where the file system cannot link), read-only, put in
    place atomically. A cold build wrote every page's bytes twice (``put``, then MkDocs' own
    file), then swapped MkDocs' file for a link to the cached one; this is one
    link a page. ``made``: the cache folders known to exist (a mkdir a page saved)."""
    tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    try:
        if made is None or cached.parent not in made:
            cached.parent.mkdir(parents=True, exist_ok=True)
            if made is not None:
                made.add(cached.parent)
        try:
            os.link(built, tmp)
        except FileExistsError:  # left by a build of this process id that failed here
            tmp.unlink()
            os.link(built, tmp)
        except OSError:
            shutil.copyfile(built, tmp)
        os.chmod(tmp, READ_ONLY)  # the site's file is this file: read-only there too
        os.replace(tmp, cached)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def unshare(target: Path) -> None:
    """Delete ``target`` when it is a link shared with another file (a cached page) so that
    writing the path makes a new file (--dirty builds and serve, whose site is not fresh)."""
    try:
        if os.lstat(target).st_nlink > 1:
            os.unlink(target)
    except OSError:
        pass


# A folder's entries as survey lists them: (name, whether it is a folder, inode).
Listing = list[tuple[str, bool, int]]


def survey(old: Path) -> dict[str, Listing]:
    """Every folder of the last build's site (moved aside, so nothing else writes in it) by
    its path relative to it (POSIX, "" for the top) → its entries, for ``recycle``: listed
    while a rebuild waits for related news, not after it (at 10,000 articles a folder per
    article page, a tenth of a second of a rebuild)."""
    found: dict[str, Listing] = {}
    todo = [""]
    while todo:
        here = todo.pop()
        with os.scandir(os.path.join(old, here) if here else old) as entries:
            listing = [(e.name, e.is_dir(follow_symlinks=False), e.inode()) for e in entries]
        found[here] = listing
        todo.extend(f"{here}/{name}" if here else name for name, folder, _ino in listing
                    if folder)
    return found


def recycle(old: Path, site: Path, wanted: Mapping[str, Path], trash: Path,
            listed: Mapping[str, Listing] | None = None) -> set[str]:
    """Make the last build's site (``old``, moved aside) the start of this one: its files that
    are links to the cached pages this build serves at the same place stay where they are;
    everything else goes to ``trash`` (a folder holding nothing else yet that the caller then
    deletes) or is unlinked. Returns the site paths (``wanted``'s keys, POSIX, relative to the
    site) that are in place. ``listed``: ``old``'s folders as ``survey`` listed them since
    it was moved aside (a folder not in it is listed here).

    A rebuild otherwise deleted the whole last site (tens of thousands of files and a
    folder per article) and linked every cached page again into new folders: on ext4 a
    folder costs ~70 µs to make and ~200 µs to delete with its page, most of a rebuild's
    file-system time. Only the cached page's own file is kept (same inode), so nothing a
    build writes can land in a kept file: MkDocs and Pagefind write only where nothing is.
    """
    os.rename(old, site)
    inodes: dict[str, tuple[int, int]] = {}
    for rel, cached in wanted.items():
        try:
            st = os.stat(cached)
        except OSError:
            continue
        inodes[rel] = (st.st_dev, st.st_ino)
    holders = {posixpath.dirname(rel) for rel in inodes}
    for rel in list(holders):  # every folder above a wanted page
        while rel:
            rel = posixpath.dirname(rel)
            holders.add(rel)
    kept: set[str] = set()
    moved = 0
    todo = [""]
    while todo:
        here = todo.pop()
        folder = os.path.join(site, here) if here else str(site)
        listing = listed.get(here) if listed is not None else None
        if listing is None:
            with os.scandir(folder) as entries:
                listing = [(e.name, e.is_dir(follow_symlinks=False), e.inode())
                           for e in entries]
        for name, is_dir, inode in listing:
            rel = f"{here}/{name}" if here else name
            path = os.path.join(folder, name)
            if is_dir:
                if rel in holders:
                    todo.append(rel)
                else:  # nothing to keep below: one rename, deleted with the trash
                    os.rename(path, trash / str(moved))
                    moved += 1
                continue
            same = inodes.get(rel)
            if same is not None and inode == same[1]:
                st = os.stat(path, follow_symlinks=False)
                if (st.st_dev, st.st_ino) == same:
                    kept.add(rel)
                    continue
            os.unlink(path)
    return kept


class RenderCache:
    """A directory of finished pages by key; one that cannot be used only costs time."""

    def __init__(self, root: Path, suffix: str = ".html") -> None:
        self.root = root
        self.suffix = suffix  # what is kept: ".html" pages, ".xml" feeds

    def path(self, key: str) -> Path:
        return self.root.joinpath(key[:2], f"{key}{self.suffix}")  # one join, not two

    def get(self, key: str) -> Path | None:
        """The cached page's file, marked as used (TOUCH_HOURS), or None."""
        path = self.path(key)
        try:
            if time.time() - os.stat(path).st_mtime >= TOUCH_HOURS * 3600:
                os.utime(path)  # in use: kept by prune
        except OSError:
            return None
        return path

    def put(self, key: str, data: bytes) -> None:
        """Store a rendered page (atomically: a parallel build never reads half a page)."""
        path = self.path(key)
        try:
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            try:
                tmp.write_bytes(data)
            except FileNotFoundError:  # its folder is made once, not asked for every page
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp.write_bytes(data)
            tmp.chmod(READ_ONLY)
            tmp.replace(path)
        except OSError:
            pass

    def prune(self, max_age_days: float = PRUNE_DAYS,
              every_hours: float = PRUNE_EVERY_HOURS) -> int:
        """Delete pages no build has used for ``max_age_days``; return how many. Nothing is
        looked at when the last prune was less than ``every_hours`` ago (a stamp in the cache
        from the future, a clock set back, does not count)."""
        if not self.root.is_dir():
            return 0
        now = time.time()
        stamp = self.root / PRUNE_STAMP
        try:
            if 0 <= now - stamp.stat().st_mtime < every_hours * 3600:
                return 0
        except OSError:
            pass
        cutoff = now - max_age_days * 86400
        removed = 0
        for path in self.root.glob(f"*/*{self.suffix}"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:
                pass
        try:
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError:
            pass  # pruned again next time
        return removed
