"""jieba's dictionary loaded fast: its word frequencies kept as a pickle in the build's cache.

jieba keeps its prefix dictionary (about 500,000 words) in a ``marshal`` file of its own and
takes 1.5–2.2 s to load it on a 2-core CI machine; the same data as a pickle loads in about a
quarter of that. Every process that extracts a page needs the dictionary (word spans, metadata,
headline words), so a rebuild that extracts one new page paid jieba's load as a large share of
its time, and a cold build paid it once a worker. ``warm`` fills jieba's default tokenizer
from the pickle (made from jieba's own load the first time): jieba then holds exactly the
words and total it would have loaded itself, so nothing extracted changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

FOLDER = "jieba"  # below the extraction cache (whose top level holds only extractions)


def _dictionary_file() -> Path | None:
    """jieba's default dictionary, or None when the default tokenizer reads another one."""
    import jieba

    if jieba.dt.dictionary not in (None, jieba.DEFAULT_DICT):
        return None
    return Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)


def _cache_file(cache_dir: Path, dictionary: Path) -> Path:
    """The pickle of this dictionary file as this jieba and Python read it."""
    import jieba

    stat = dictionary.stat()
    key = hashlib.sha256(f"{jieba.__version__}\0{dictionary}\0{stat.st_size}\0{stat.st_mtime_ns}"
                         f"\0{sys.version_info[:2]}".encode()).hexdigest()[:32]
    return cache_dir / FOLDER / f"dict-{key}.pickle"


def warm(cache_dir: Path | None, keep: bool = True) -> None:
    """Load jieba's default dictionary into its tokenizer, from ``cache_dir`` when kept there
    (else the way jieba does, then keep it there unless ``keep`` is false: writing it costs
    a process ~7 MB more at its peak). Does nothing once jieba is loaded."""
    import jieba

    if jieba.dt.initialized:
        return
    jieba.setLogLevel(logging.WARNING)
    dictionary = _dictionary_file() if cache_dir is not None else None
    if dictionary is None or not dictionary.is_file():
        jieba.initialize()
        return
    assert cache_dir is not None
    path = _cache_file(cache_dir, dictionary)
    try:
        with open(path, "rb") as handle:
            freq, total = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError):
        jieba.initialize()
        if keep:
            _keep(path, jieba.dt.FREQ, jieba.dt.total)
        return
    with jieba.dt.lock:
        if not jieba.dt.initialized:
            jieba.dt.FREQ, jieba.dt.total = freq, total
            jieba.dt.initialized = True


def _keep(path: Path, freq: dict[str, int], total: int) -> None:
    """Write the pickle whole or not at all (workers may write it at the same time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".dict-")
        with os.fdopen(fd, "wb") as handle:
            pickler = pickle.Pickler(handle, protocol=5)
            # No memo: every key is its own string, and a memo of 500,000 of them was 34 MB
            # on top of the worker's peak in a cold build.
            pickler.fast = True
            pickler.dump((freq, total))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache: jieba's own load next time
