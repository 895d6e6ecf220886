"""Stable article ids and the ledger (``articles/ids.yml``) that keeps them stable.

Once published, an article's URL ``/a/<id>/`` and feed GUID ``urn:civicnews:<id>`` never
change, even when a rule change alters its title or splits the page differently. So the id is
not derived from the title: it is minted once, when an article is first seen, and recorded in
the ledger with a fingerprint of its text (the first ``HEAD_CHARS`` letters of its body). On
every later build each extracted article is matched to the ledger entries of its page file by
fingerprint, best match first, and keeps the id it had.

An entry that matches nothing on a page that was read is a published URL about to vanish: the
build stops with LedgerError, unless an editor retired the entry (``retired: true`` with a
``reason``) or hid the article in corrections.yml. In a build of the whole pages folder the
same holds for the entries of a page file that is gone, except that a renamed page's stories
find their entries by content first (``allow_moves``), so a rename moves no URL.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import digests
from .manifest import refusal, yaml_error
from .model import Article, PageInfo

LEDGER_VERSION = 1
# Enough text to tell the stories of one page apart (they rarely share 10 characters in a
# row), short enough that a rule change that touches the end of an article leaves it alone.
HEAD_CHARS = 200
# Share of the ledger head's bigrams that must occur in the article. Re-extraction after a
# rule change typically keeps ≥ 0.9; two different stories of one page share < 0.15.
MATCH_THRESHOLD = 0.5
# Everything but the letters that carry the text (CJK ideographs, Latin letters and digits):
# punctuation and spaces change with every cleaning rule, so they stay out of the fingerprint.
_NOT_WORD_CHARS = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]+")
_ID_SAFE = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_SERIAL = re.compile(r"-(\d+)$")
ENTRY_KEYS = ("source", "title", "head", "retired", "reason")
# The ledger grows with the archive and is read and written on every build: libyaml when
# present (same data, same bytes on the benchmark corpus), PyYAML's pure Python otherwise.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ENTRY_MEMO = "entries.pickle"  # LedgerMemo's entry texts, beside its data file


class LedgerError(ValueError):
    """The ledger is malformed, or published ids would disappear: the message lists them."""


@dataclass
class Entry:
    """One published id: where it came from and what its text began with."""

    id: str
    source: str  # page file name
    head: str  # fingerprint text: the first HEAD_CHARS word characters of the body
    title: str = ""  # the title when first published, for people reading the ledger
    retired: bool = False
    reason: str | None = None


def word_chars(text: str) -> str:
    """The characters that carry the text, Latin letters lowercased.

    >>> word_chars("“企业一季度的订单情况怎么样”⋯⋯ABC 12")
    '企业一季度的订单情况怎么样abc12'
    """
    return _NOT_WORD_CHARS.sub("", text).lower()  # what findall keeps, without a string a letter


def bigrams(text: str) -> frozenset[str]:
    """Adjacent character pairs; a one-character text is its own single gram.

    >>> sorted(bigrams("永康市"))
    ['康市', '永康']
    """
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def match_key(page_key: str, candidates: Sequence[Entry]) -> str:
    """What decides a page's ledger match besides the code: its articles' content (named by
    ``page_key``) and its candidate entries, in order, with their heads.

    >>> a, b = Entry("x-1", "p.txt", "文明"), Entry("x-2", "p.txt", "卫生")
    >>> match_key("k", [a, b]) == match_key("k", [a, b]) != match_key("k", [b, a])
    True
    """
    digest = digests.sha256(page_key.encode())
    for entry in candidates:
        digest.update(b"\0" + entry.id.encode("utf-8", "surrogatepass") + b"\1"
                      + entry.head.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def article_text(article: Article) -> str:
    """The fingerprinted text of an article: its body, or its headline when it has no body."""
    body = word_chars(article.text)
    if body:
        return body
    head = article.headline
    return word_chars(" ".join(filter(None, (head.kicker, head.title, head.subtitle)))) if head else ""


def fingerprint(article: Article) -> str:
    """The ledger head of an article: the first HEAD_CHARS word characters of its body."""
    return article_text(article)[:HEAD_CHARS]


def containment(head: str, text: str) -> float:
    """The share of the head's bigrams found anywhere in the text (1.0 for two empty texts).

    Containment rather than Jaccard: when a rule change merges two stories or lets a lead
    paragraph join the body, the old head is still wholly inside the new text.

    >>> containment("文明卫生创建工作", "近段时间文明卫生创建工作取得成效")
    1.0
    >>> containment("文明卫生创建", "垃圾分类")
    0.0
    """
    grams = bigrams(head)
    if not grams:
        return 1.0 if not text else 0.0
    return len(grams & bigrams(text)) / len(grams)


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of two texts' bigram sets: the tie-break between equal containments.

    >>> jaccard("永康市", "永康市")
    1.0
    """
    ga, gb = bigrams(a), bigrams(b)
    return len(ga & gb) / len(ga | gb) if ga or gb else 1.0


def file_tag(name: str) -> str:
    """8 hex digits naming a page file in ids: sha1 of its file name.

    >>> file_tag("000_6b38b89e44bd9a24.txt")
    'a21de8cd'
    """
    return digests.sha1(name.encode("utf-8")).hexdigest()[:8]


def make_id(info: PageInfo, serial: int) -> str:
    """An id for the ``serial``-th article ever seen on a page: ASCII, URL and file safe.

    >>> make_id(PageInfo(file="000_6b38b89e44bd9a24.txt", date="2023-04-03"), 2)
    '2023-04-03-a21de8cd-2'
    >>> make_id(PageInfo(file="新闻 版面.txt"), 1)
    'nodate-14ad5d1e-1'
    """
    return f"{info.date or 'nodate'}-{file_tag(info.file)}-{serial}"


def check_id(value: str) -> str:
    """An editor-chosen id (split_id) must look like ours: lowercase ASCII, digits and '-'.

    >>> check_id("2023-04-03-extra")
    '2023-04-03-extra'
    >>> try: check_id("../x")
    ... except ValueError as err: print(err)
    bad id '../x': use lowercase letters a-z, digits and '-' (at most 80)
    """
    if not isinstance(value, str) or not _ID_SAFE.fullmatch(value):
        raise ValueError(f"bad id {value!r}: use lowercase letters a-z, digits and '-' (at most 80)")
    return value


def _match(entries: Sequence[Entry], texts: Sequence[str]) -> dict[int, Entry]:
    """Greedy one-to-one matching of entries to article texts, best pair first.

    The scores are ``containment(entry.head, text)`` and ``jaccard(entry.head, text head)``,
    computed from bigram sets made once per entry and per text rather than once per pair.

    >>> entries = [Entry("a-1", "p.txt", "文明卫生创建"), Entry("a-2", "p.txt", "垃圾分类工作")]
    >>> {i: e.id for i, e in _match(entries, ["垃圾分类工作取得成效", "文明卫生创建工作"]).items()}
    {1: 'a-1', 0: 'a-2'}
    """
    if not entries or not texts:
        return {}
    text_grams = [bigrams(t) for t in texts]
    head_grams = [bigrams(t[:HEAD_CHARS]) for t in texts]
    pairs = []
    for e_index, entry in enumerate(entries):
        grams = bigrams(entry.head)
        for a_index, text in enumerate(texts):
            if grams:
                score = len(grams & text_grams[a_index]) / len(grams)
            else:  # containment() of an empty head
                score = 1.0 if not text else 0.0
            if score >= MATCH_THRESHOLD:
                other = head_grams[a_index]
                tie = len(grams & other) / len(grams | other) if grams or other else 1.0
                pairs.append((-score, -tie, e_index, a_index))
    pairs.sort()
    taken_e: set[int] = set()
    out: dict[int, Entry] = {}
    for _score, _tie, e_index, a_index in pairs:
        if e_index not in taken_e and a_index not in out:
            taken_e.add(e_index)
            out[a_index] = entries[e_index]
    return out


class Ledger:
    """The id ledger of one build: load, assign ids page by page, check, save."""

    def __init__(self, entries: Iterable[Entry] = (), path: Path | None = None) -> None:
        self.entries: dict[str, Entry] = {e.id: e for e in entries}
        self.path = path
        self.seen: set[str] = set()  # ids matched or minted in this build
        self.minted: list[str] = []  # ids new in this build, in the order they were made
        self.moved: list[str] = []  # ids that followed their story to a renamed page file
        # Entries by page file, built once and then kept up to date as ids are minted or move:
        # assigning ids page by page must not scan the whole ledger per page (10,000
        # articles: 4,000 pages × 10,000), nor rebuild the index after every page that
        # minted one (which was quadratic: 16–18 s at 10,000 articles).
        self._by_source: dict[str, list[Entry]] = {}
        self._indexed = -1  # len(entries) when the index was last complete
        self._top: dict[str, int] = {}  # page file → highest serial of its ids
        # Live entries whose page file is gone from a whole-folder build: a renamed page's
        # articles find their ids here by content (allow_moves), instead of new ones.
        self._orphans: list[Entry] = []
        # Matches of earlier builds (see match_key), when the build keeps them: a page whose
        # extraction and candidate entries are what they were is matched as it was, without
        # the bigram sets of its whole text (a third of a rebuild's bookkeeping over cached
        # pages). ``memo_used`` collects this build's, to be kept for the next.
        self.memo: dict[str, tuple[tuple[tuple[int, str], ...], tuple[str, ...]]] | None = None
        self.memo_used: dict[str, tuple[tuple[tuple[int, str], ...], tuple[str, ...]]] = {}

    @classmethod
    def load(cls, path: Path, memo: LedgerMemo | None = None) -> Ledger:
        """Read a ledger file; a missing file is an empty ledger that will be created.
        ``memo``: the YAML of a text read or written before is not parsed again."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path=path)
        except (OSError, UnicodeDecodeError) as exc:
            raise LedgerError(f"{path}: cannot read: {exc}") from None
        refused = refusal(text, path)
        if refused:
            raise LedgerError(refused)
        data = memo.parsed(text) if memo is not None else _UNKNOWN
        if data is _UNKNOWN:
            try:
                data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
            except yaml.YAMLError as exc:
                raise LedgerError(yaml_error(path, exc)) from None
            except ValueError as exc:  # YAML's date parser on a hand-edited value
                raise LedgerError(f"{path}: {exc}") from None
            if memo is not None:
                memo.keep(text, data)
        return cls(_parse_entries(data, path), path=path)

    def _entries_of(self, source: str) -> list[Entry]:
        """The index's (unsorted) list of one page file's entries; build the index if needed."""
        if self._indexed != len(self.entries):  # first use, or entries added from outside
            self._by_source = {}
            self._top = {}
            for entry in self.entries.values():
                self._index(entry)
            self._indexed = len(self.entries)
        return self._by_source.get(source, [])

    def _index(self, entry: Entry) -> None:
        """Put an entry in the index by page file and in its page's highest serial."""
        self._by_source.setdefault(entry.source, []).append(entry)
        match = _SERIAL.search(entry.id)
        if match:
            self._top[entry.source] = max(self._top.get(entry.source, 0), int(match.group(1)))

    def for_source(self, source: str) -> list[Entry]:
        """The ledger's entries for one page file, in serial order."""
        return sorted(self._entries_of(source), key=_sort_key)

    def _add(self, entry: Entry) -> None:
        """Record a new entry, keeping the index by page file current."""
        current = self._indexed == len(self.entries)
        self.entries[entry.id] = entry
        if current:
            self._index(entry)
            self._indexed = len(self.entries)

    def _move(self, entry: Entry, source: str) -> None:
        """Give an entry a new page file (a renamed page), keeping the index current."""
        if self._indexed == len(self.entries):
            old = self._by_source[entry.source]
            old.remove(entry)
            self._top[entry.source] = max((serial for e in old if (serial := _serial(e))),
                                          default=0)
            entry.source = source
            self._index(entry)
        entry.source = source

    def allow_moves(self, present: Iterable[str]) -> None:
        """Let articles take, by content, the ids of pages that no longer exist (renamed).

        Only for a build of the whole pages folder: in a build of some pages, the others are
        merely not read, and their ids are not free.
        """
        present = set(present)
        self._orphans = [e for e in sorted(self.entries.values(), key=_sort_key)
                         if e.source not in present and not e.retired]

    def next_serial(self, source: str) -> int:
        """One more than the highest serial ever used for this page file."""
        # kept in the index: a page with thousands of stories (a whole issue in one file)
        # sorted and scanned all its entries again for every id it minted
        self._entries_of(source)
        return self._top.get(source, 0) + 1

    def assign(self, info: PageInfo, articles: Sequence[Article], key: str | None = None) -> None:
        """Give each article of one page its ledger id, minting ids for new articles.

        ``key`` names the articles' content (the page's extraction cache key): with ``memo``
        set, a page matched before against the same candidates is matched the same way again.
        """
        candidates = [e for e in self.for_source(info.file)
                      if not e.retired and e.id not in self.seen]
        memo_key = match_key(key, candidates) if key is not None and self.memo is not None else None
        known = self.memo.get(memo_key) if self.memo is not None and memo_key is not None else None
        texts: list[str] | None = None
        if known is not None and len(known[1]) == len(articles):
            by_id = {e.id: e for e in candidates}
            matched = {index: by_id[entry_id] for index, entry_id in known[0]}
            heads = list(known[1])
        else:
            texts = [article_text(a) for a in articles]
            matched = _match(candidates, texts)
            heads = [t[:HEAD_CHARS] for t in texts]
        if memo_key is not None:
            self.memo_used[memo_key] = (tuple((i, e.id) for i, e in matched.items()), tuple(heads))
        if self._orphans and len(matched) < len(articles):
            if texts is None:
                texts = [article_text(a) for a in articles]
            rest = [i for i in range(len(articles)) if i not in matched]
            pool = [e for e in self._orphans if e.id not in self.seen]
            for j, entry in _match(pool, [texts[i] for i in rest]).items():
                self._move(entry, info.file)  # the page was renamed: the id moves with its story
                self.moved.append(entry.id)
                matched[rest[j]] = entry
        for index, article in enumerate(articles):
            entry = matched.get(index)
            if entry is None:
                entry = self._mint(info, article)
            entry.head = heads[index]
            article.id = entry.id
            self.seen.add(entry.id)
        if memo_key is not None and key is not None:
            self._remember_next(info, articles, key, memo_key, texts)

    def _remember_next(self, info: PageInfo, articles: Sequence[Article], key: str,
                       memo_key: str, texts: list[str] | None) -> None:
        """Match the page against its entries as the next build will see them (its own ids,
        heads updated, when nothing else changes), so that build finds the match kept: a
        page's first build matches against no entries, or entries with old heads."""
        after = [e for e in self.for_source(info.file) if not e.retired]
        next_key = match_key(key, after)
        if next_key == memo_key or next_key in self.memo_used:
            return
        texts = texts if texts is not None else [article_text(a) for a in articles]
        again = _match(after, texts)
        self.memo_used[next_key] = (tuple((i, e.id) for i, e in again.items()),
                                    tuple(t[:HEAD_CHARS] for t in texts))

    def register(self, article_id: str, info: PageInfo, article: Article) -> None:
        """Record an id an editor chose (corrections ``split_id``) for an article."""
        entry = self.entries.get(article_id)
        if entry is not None and entry.source != info.file:
            raise LedgerError(f"id {article_id} already belongs to {entry.source}")
        if entry is None:
            entry = Entry(id=article_id, source=info.file, head="", title=_title(article))
            self._add(entry)
            self.minted.append(article_id)
        entry.head = fingerprint(article)
        article.id = article_id
        self.seen.add(article_id)

    def adopt(self, part: Article, original: Article) -> None:
        """Give an article split off by an editor its id: its split_id, else a ledger id."""
        if part.id:
            self.register(part.id, original.source, part)
        else:
            self.assign(original.source, [part])

    def _mint(self, info: PageInfo, article: Article) -> Entry:
        serial = self.next_serial(info.file)
        new_id = make_id(info, serial)
        while new_id in self.entries:  # another file whose name shares the sha1 prefix
            serial += 1
            new_id = make_id(info, serial)
        entry = Entry(id=new_id, source=info.file, head="", title=_title(article))
        self._add(entry)
        self.minted.append(new_id)
        return entry

    def missing(self, sources: Iterable[str], excused: Iterable[str] = ()) -> list[Entry]:
        """Live entries of the given page files that no article of this build took."""
        sources, excused = set(sources), set(excused)
        return [e for e in sorted(self.entries.values(), key=_sort_key)
                if e.source in sources and not e.retired
                and e.id not in self.seen and e.id not in excused]

    def check(self, sources: Iterable[str], excused: Iterable[str] = ()) -> None:
        """Raise LedgerError listing the published ids this build would drop."""
        lost = self.missing(sources, excused)
        if not lost:
            return
        where = self.path or "the id ledger"
        listing = "; ".join(f"{e.id} ({e.source}: {e.title or e.head[:20]})" for e in lost)
        raise LedgerError(
            f"{where}: {len(lost)} published article(s) no longer found on their page: {listing}. "
            "If the rule change that lost them is wrong, fix it; if the page really changed, "
            "mark each entry 'retired: true' with a 'reason:' in the ledger, or 'hide: true' "
            "in corrections.yml."
        )

    def dumps(self, memo: LedgerMemo | None = None) -> str:
        """The ledger as YAML: sorted by page file and serial, so equal ledgers are equal bytes.
        ``memo`` keeps the text with its data: the next build reads it without parsing it
        (YAML gives back exactly this data for this text: plain strings, ints and True)."""
        body = {}
        for entry in sorted(self.entries.values(), key=_sort_key):
            item: dict[str, object] = {"source": entry.source, "title": entry.title,
                                       "head": entry.head}
            if entry.retired:
                item["retired"] = True
                item["reason"] = entry.reason
            body[entry.id] = item
        data = {"version": LEDGER_VERSION, "articles": body}
        known = memo.entry_texts() if memo is not None else {}
        keys = [(article_id, *item.items()) for article_id, item in body.items()]
        if body and sum(key in known for key in keys) * 2 >= len(keys):
            # Most entries are as the last build wrote them: their YAML is reused and only
            # the others are dumped (one YAML dump of 10,000 entries was ~4 % of a rebuild).
            texts = {key: known[key] if key in known else _entry_yaml(article_id, item)
                     for key, (article_id, item) in zip(keys, body.items(), strict=True)}
            text = (LEDGER_HEADER + _dump({"version": LEDGER_VERSION}) + _ARTICLES_LINE
                    + "".join(texts.values()))
        else:
            text = LEDGER_HEADER + _dump(data)
            texts = _entry_blocks(text, keys)
        if memo is not None:
            memo.keep(text, data)
            memo.keep_entries(texts)
        return text

    def save(self, path: Path | None = None) -> bool:
        """Write the ledger if its bytes changed; True when the file was written."""
        target = path or self.path
        if target is None:
            raise LedgerError("no ledger file to save to")
        return write_if_changed(target, self.dumps().encode("utf-8"))


def _dump(data: object) -> str:
    """The ledger's YAML of ``data`` (every ledger text is made with these options)."""
    return yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False,
                     width=10_000, default_flow_style=False)


_ARTICLES_LINE = "articles:\n"
# An entry's first line in the ledger: its id, a key of the mapping under ``articles:``.
_ENTRY_START = re.compile(r"^  (?! )", re.M)


def _entry_yaml(article_id: str, item: dict) -> str:
    """One entry's lines as they are in the whole ledger's YAML: the entry dumped in the same
    place (under ``articles:``, so at the same indentation and column); a scalar's style
    depends only on the scalar, and the safe dumper makes no aliases for scalars."""
    text = _dump({"articles": {article_id: item}})
    if not text.startswith(_ARTICLES_LINE):  # pragma: no cover - not what PyYAML writes
        raise ValueError(f"unexpected ledger YAML for {article_id}")
    return text[len(_ARTICLES_LINE):]


def _entry_blocks(text: str, keys: Sequence[tuple]) -> dict[tuple, str]:
    """Each entry's lines cut from a whole ledger text (its entries in ``keys``' order), or {}
    when the text does not cut into exactly one block an entry (a long key written as
    ``? …``, say): the memo is then left empty rather than wrong."""
    head, found, rest = text.partition("\n" + _ARTICLES_LINE)
    if not found or not keys:
        return {}
    starts = [m.start() for m in _ENTRY_START.finditer(rest)]
    if len(starts) != len(keys) or (starts and starts[0] != 0):
        return {}
    ends = [*starts[1:], len(rest)]
    return {key: rest[a:b] for key, a, b in zip(keys, starts, ends, strict=True)}


_UNKNOWN = object()  # LedgerMemo.parsed: not this text


class LedgerMemo:
    """The YAML data of the ledger text last read or written, in a file of the build cache,
    kept by the text's hash: parsing a 10,000-entry ledger was about 3 % of a rebuild after one
    new page. The data is kept pickled and unpickled afresh for each use, so nothing that
    reads it can change the kept copy; the key names PyYAML's version and loader too."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._version = f"{yaml.__version__} {_SafeLoader.__name__} {LEDGER_VERSION}"
        self._digest: str | None = None  # of the text kept, once known this build
        self._blob = b""  # held only without a file (path None)
        # Each entry's YAML as the last ledger written had it (Ledger.dumps), by the entry's
        # id and fields; in a file beside the data's, named by the dumping code as well.
        self._entries: dict[tuple, str] | None = None
        self._entries_path = path.with_name(ENTRY_MEMO) if path is not None else None
        self._entries_version = (self._version, digests.sha256(
            Path(__file__).read_bytes()).hexdigest(), _SafeDumper.__name__)

    def _read(self) -> tuple[str | None, bytes]:
        if self.path is None:
            return self._digest, self._blob
        try:
            version, digest, blob = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError,
                ImportError):
            return None, b""
        if version == self._version and isinstance(digest, str) and isinstance(blob, bytes):
            return digest, blob
        return None, b""

    @staticmethod
    def _hash(text: str) -> str:
        return digests.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def parsed(self, text: str) -> object:
        """The data of ``text`` when it is the text kept; ``_UNKNOWN`` otherwise."""
        digest, blob = self._read()
        if digest is None or self._hash(text) != digest:
            return _UNKNOWN
        self._digest = digest
        try:
            return pickle.loads(blob)
        except (pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            return _UNKNOWN

    def entry_texts(self) -> dict[tuple, str]:
        """The entries' YAML kept by the last ``keep_entries`` ({} when there is none)."""
        if self._entries is None:
            self._entries = {}
            if self._entries_path is not None:
                try:
                    version, entries = pickle.loads(self._entries_path.read_bytes())
                except (OSError, pickle.PickleError, EOFError, ValueError, TypeError,
                        AttributeError, ImportError):
                    version, entries = None, {}
                if version == self._entries_version and isinstance(entries, dict):
                    self._entries = entries
        return self._entries

    def keep_entries(self, entries: dict[tuple, str]) -> None:
        """Keep these entries' YAML (only these: the memo never outgrows the ledger). With a
        file they are written there and not held: the ledger is made just before the report,
        the largest thing a build holds (10,000 entries' texts and keys are ~10 MB)."""
        unchanged = entries == self.entry_texts()
        if self._entries_path is None:
            self._entries = entries
            return
        self._entries = None  # read again from the file if asked again
        if unchanged:
            return
        try:
            self._entries_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._entries_path.with_name(f"{self._entries_path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:  # pickled as it goes: never held whole
                pickle.dump((self._entries_version, entries), handle, protocol=5)
            tmp.replace(self._entries_path)
        except OSError:
            pass

    def keep(self, text: str, data: object) -> None:
        """Keep ``data`` as the data of ``text`` (atomically; a cache that cannot be written
        only costs the next build a parse). Written at once and not held: the ledger is made
        just before the report, the largest thing a build holds."""
        digest = self._hash(text)
        if digest == self._digest:
            return
        self._digest = digest
        blob = pickle.dumps(data, protocol=5)
        if self.path is None:
            self._blob = blob
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:  # the blob not copied into a second pickle
                pickle.dump((self._version, digest, blob), handle, protocol=5)
            tmp.replace(self.path)
        except OSError:
            pass


LEDGER_HEADER = """\
# civicnews id ledger: every article id ever published, generated by `civicnews extract`.
#
# Commit this file. An id, once here, is a permanent URL (/a/<id>/) and feed GUID
# (urn:civicnews:<id>). Each build matches the articles of a page to these entries by `head`
# (the first letters of the body) so ids survive rule changes; new articles get new ids.
# If an entry no longer matches any article the build stops. To let it go on purpose, add
#     retired: true
#     reason: why the article is gone (e.g. "duplicate of 2023-04-03-a21de8cd-2")
# to the entry, and keep the entry: its id is never given to another article.
# `title` is the title when the id was minted and is not updated; do not edit `head`.
"""


def _title(article: Article) -> str:
    return article.headline.title if article.headline else ""


def _serial(entry: Entry) -> int | None:
    """The serial that ends an id (…-3), if it has one."""
    match = _SERIAL.search(entry.id)
    return int(match.group(1)) if match else None


def _sort_key(entry: Entry) -> tuple[str, int, str]:
    match = _SERIAL.search(entry.id)
    return (entry.source, int(match.group(1)) if match else 1 << 30, entry.id)


def _parse_entries(data: object, path: Path) -> list[Entry]:
    """Validate the ledger's YAML and turn it into entries; LedgerError names the bad id."""
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("articles", {}), dict | None):
        raise LedgerError(f"{path}: expected 'version:' and an 'articles:' mapping")
    # A misspelt top-level key ('Articles:') used to read as an empty ledger and move every
    # live story to a new id.
    unknown_top = sorted(map(str, set(data) - {"version", "articles"}))
    if unknown_top:
        raise LedgerError(f"{path}: unknown top-level key {unknown_top[0]!r} "
                          "(known: version, articles)")
    if data.get("version", LEDGER_VERSION) != LEDGER_VERSION:
        raise LedgerError(f"{path}: ledger version {data.get('version')!r} is not {LEDGER_VERSION}")
    entries = []
    for key, item in (data.get("articles") or {}).items():
        article_id = str(key)
        if not isinstance(item, dict):
            raise LedgerError(f"{path}: {article_id}: expected a mapping with source and head")
        unknown = sorted(set(map(str, item)) - set(ENTRY_KEYS))
        if unknown:
            raise LedgerError(f"{path}: {article_id}: unknown key {unknown[0]!r} "
                              f"(known: {', '.join(ENTRY_KEYS)})")
        try:
            check_id(article_id)  # an id becomes a file name: ../../x must not
        except ValueError as exc:
            raise LedgerError(f"{path}: {exc}") from None
        if not isinstance(item.get("source"), str):
            raise LedgerError(f"{path}: {article_id}: 'source' (the page file name) is missing")
        retired = item.get("retired", False)
        if not isinstance(retired, bool):
            raise LedgerError(f"{path}: {article_id}: 'retired' must be true or false")
        if retired and not str(item.get("reason") or "").strip():
            raise LedgerError(f"{path}: {article_id}: a retired entry needs a 'reason:'")
        entries.append(Entry(id=article_id, source=item["source"], head=str(item.get("head") or ""),
                             title=str(item.get("title") or ""), retired=retired,
                             reason=item.get("reason")))
    return entries


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data`` unless it already holds exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
