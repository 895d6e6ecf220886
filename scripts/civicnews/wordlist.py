"""jieba's dictionary kept small: its words in a trie, their frequencies in an array.

jieba holds its dictionary as a Python dict of about 500,000 strings (349,000 words and every
prefix of them, the prefixes at frequency 0): about 62 MB in every process that extracts a
page (word spans, metadata, headline words), the largest part of an extraction worker. Here
the same words are a marisa trie (a succinct trie in C++, about 1.3 MB: the PyPI package
``marisa-trie``) and their frequencies an array indexed by the trie's key ids (1.4 MB).

``Words`` answers what our code asked of ``jieba.dt.FREQ`` (a word's frequency, falsy when it
is no word) and ``dag`` gives jieba's word graph of a text (the ends of the dictionary words
starting at each position: what ``Tokenizer.get_DAG`` walks its prefix dict for). ``warm``
gives jieba's default tokenizer these words, its total and this ``get_DAG``, so ``jieba.lcut``
(its route, its HMM for unknown runs) cuts exactly as it does with its own load; a property
test compares the two on corpus text.

The trie is built from jieba's dictionary file the way jieba reads it (a word's last line
wins, the total sums every line) without holding it as a dict, and kept as a file in the
build's cache (``.cache/civicnews/jieba``) and the user's (beside the gazetteer), keyed by
the file, jieba's version and this module's format.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import marisa_trie

from . import digests

FOLDER = "jieba"  # below the extraction cache (whose top level holds only extractions)
# Bump when the kept file's layout or the way it is built changes.
FORMAT = 1

_LOCK = threading.Lock()


class Words:
    """jieba's words (frequency > 0) and their frequencies; ``total`` is jieba's total.

    >>> words = Words.build(["开 30", "开发 20", "开发区 7", "发 5"])
    >>> words.get("开发"), words.get("开发区企业"), words.get("区", 0), words.total
    (20, None, 0, 62)
    >>> words.dag("开发区")  # end positions of the words starting at each position
    {0: [0, 1, 2], 1: [1], 2: [2]}
    """

    __slots__ = ("trie", "freqs", "total", "longest")

    def __init__(self, trie: marisa_trie.Trie, freqs: array, total: int, longest: int) -> None:
        self.trie, self.freqs, self.total, self.longest = trie, freqs, total, longest

    @classmethod
    def build(cls, lines: Iterable[str]) -> Words:
        """From dictionary lines (``word freq [tag]``; read twice, so a list or ``Lines``),
        read as jieba's ``gen_pfdict`` reads them: the last line of a word sets its frequency,
        every line adds to the total. No dict of the words is made on the way (it would be
        ~40 MB at the top of the process that builds it)."""
        trie = marisa_trie.Trie(word for word, count in _entries(lines) if count)
        freqs, total = _counts(trie, lines)
        if not all(freqs):  # a word whose last line says 0 is no word to jieba either
            trie = marisa_trie.Trie(w for w, key in trie.iteritems() if freqs[key])
            freqs, total = _counts(trie, lines)
        if max(freqs, default=0) < 2**32:
            freqs = array("I", freqs)
        longest = max(map(len, trie.iterkeys()), default=1)
        return cls(trie, freqs, total, longest)

    def get(self, word: str, default: int | None = None) -> int | None:
        """The word's frequency, else ``default`` (jieba's FREQ gives 0 for a prefix: both
        read as no word)."""
        try:
            key = self.trie.get(word)
        except UnicodeEncodeError:  # a lone surrogate: no dictionary word
            return default
        return default if key is None else self.freqs[key]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __len__(self) -> int:
        return len(self.trie)

    def starting(self, text: str) -> list[str]:
        """The words ``text`` begins with, shortest first.

        >>> Words.build(["开 3", "开发 2", "发 1"]).starting("开发区")
        ['开', '开发']
        """
        try:
            return self.trie.prefixes(text)
        except UnicodeEncodeError as exc:  # a lone surrogate is in no word: the text before it
            return self.trie.prefixes(text[: exc.start])

    def ends(self, text: str, start: int) -> list[tuple[int, int]]:
        """(end, frequency) of each word of ``text`` starting at ``start``, shortest first
        (end is the index after the word)."""
        freqs = self.freqs
        return [(start + len(w), freqs[k])
                for w, k in self.trie.iter_prefixes_with_ids(text[start : start + self.longest])]

    def dag(self, sentence: str) -> dict[int, list[int]]:
        """jieba's ``Tokenizer.get_DAG``: at each position the last index of every word
        starting there, or the position itself when none does."""
        prefixes = self.trie.prefixes
        longest = self.longest
        out: dict[int, list[int]] = {}
        for k in range(len(sentence)):
            out[k] = [k + len(w) - 1 for w in prefixes(sentence[k : k + longest])] or [k]
        return out

    def __reduce__(self) -> tuple:
        return (Words, (self.trie, self.freqs, self.total, self.longest))


class Lines:
    """A text file's lines, read afresh at each iteration."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[str]:
        with self.path.open(encoding="utf-8") as handle:
            yield from handle


def _entries(lines: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(word, frequency) of each line, parsed as jieba's ``gen_pfdict`` parses it."""
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        try:
            word, count = line.split(" ")[:2]
            yield word, int(count)
        except ValueError:
            raise ValueError(f"invalid dictionary entry at line {lineno}: {line}") from None


def _counts(trie: marisa_trie.Trie, lines: Iterable[str]) -> tuple[array, int]:
    """Each trie word's frequency (its last line's) by key id, and the total of every line."""
    freqs = array("Q", bytes(8 * len(trie)))
    total = 0
    for word, count in _entries(lines):
        total += count
        key = trie.get(word)
        if key is not None:
            freqs[key] = count
    return freqs, total


def _dictionary_file(jieba: ModuleType) -> Path | None:
    """jieba's default dictionary, or None when the default tokenizer reads another one."""
    if jieba.dt.dictionary not in (None, jieba.DEFAULT_DICT):
        return None
    return Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)


def _cache_file(cache_dir: Path, dictionary: Path, version: str) -> Path:
    """The kept Words of this dictionary file for this jieba and this module's format."""
    stat = dictionary.stat()
    key = digests.sha256(f"{FORMAT}\0{version}\0{dictionary}\0{stat.st_size}\0"
                         f"{stat.st_mtime_ns}".encode()).hexdigest()[:32]
    return cache_dir / FOLDER / f"words-{key}.pickle"


def import_jieba() -> ModuleType:
    """jieba, imported without ``pkg_resources``: jieba's ``_compat`` imports it only to open
    its own files when it can (else it opens them by path, the same files), and it was 11 MB
    and 0.2 s of every extraction worker."""
    digests.hashlib_module()  # jieba imports hashlib: in a worker, without OpenSSL (digests)
    return digests.import_without("jieba", "pkg_resources")


def _user_cache() -> Path:
    """Where Words are kept without a build's cache: the gazetteer's folder."""
    from .places import cache_dir

    return cache_dir()


def _load(cache_dir: Path | None, jieba: ModuleType) -> Words | None:
    """jieba's default dictionary as Words, read from ``cache_dir`` or else the user's cache
    folder (the gazetteer's), else built; kept in each of the two where it was missing (a
    build with a fresh cache folder then reads it in 0.03 s instead of building it in ~2 s).
    None when jieba's tokenizer reads another dictionary."""
    dictionary = _dictionary_file(jieba)
    if dictionary is None or not dictionary.is_file():
        return None
    paths = [_cache_file(folder, dictionary, jieba.__version__)
             for folder in dict.fromkeys(f for f in (cache_dir, _user_cache()) if f)]
    words, missing = None, []
    for path in paths:
        words = _read(path)
        if words is not None:
            break
        missing.append(path)
    if words is None:
        words = Words.build(Lines(dictionary))
        _give_back()
    for path in missing:
        _keep(path, words)
    return words


def _read(path: Path) -> Words | None:
    try:
        with open(path, "rb") as handle:
            words = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
        return None  # not kept yet
    return words if isinstance(words, Words) else None


def _give_back() -> None:
    """Hand the C heap freed after building the trie back to the system (glibc keeps it
    otherwise: marisa's build needs ~30 MB for a moment, and an extraction worker that built
    it kept ~18 MB of that for its life). Nothing where there is no glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _keep(path: Path, words: Words) -> None:
    """Write the file whole or not at all (workers may write it at the same time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(words, handle, protocol=5)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only cache: built again next time


def warm(cache_dir: Path | None) -> None:
    """Give jieba's default tokenizer its dictionary as Words (from ``cache_dir``, else the
    user's cache folder, when kept there, else built and kept there): ``jieba.lcut`` then cuts as with jieba's own load.
    When the tokenizer reads another dictionary, jieba loads it its own way. Does nothing
    once jieba is loaded."""
    jieba = import_jieba()
    with _LOCK:
        if jieba.dt.initialized:
            return
        jieba.setLogLevel(logging.WARNING)
        words = _load(cache_dir, jieba)
        if words is None:
            jieba.initialize()
            return
        with jieba.dt.lock:
            if not jieba.dt.initialized:
                tokenizer = jieba.dt
                # get_DAG walks FREQ's prefixes; Words holds words only, so its own DAG
                tokenizer.get_DAG = words.dag
                tokenizer.FREQ, tokenizer.total = words, words.total
                tokenizer.initialized = True


def words() -> Words:
    """The word frequencies jieba's default tokenizer segments with (``warm`` first); made
    Words from jieba's own prefix dict when it reads another dictionary than its default."""
    warm(None)
    tokenizer = import_jieba().dt
    freq = tokenizer.FREQ
    if isinstance(freq, Words):
        return freq
    if _OTHER[0] is not freq:
        _OTHER[:] = [freq, Words.build([f"{w} {n}" for w, n in freq.items() if n])]
        _OTHER[1].total = tokenizer.total
    return _OTHER[1]


_OTHER: list = [None, None]  # another dictionary's prefix dict and its Words


@lru_cache(maxsize=1)
def segmenter() -> Callable[[str], list[str]]:
    """``jieba.lcut`` on the dictionary ``warm`` gave it (warmed here when not yet)."""
    warm(None)
    return import_jieba().lcut
