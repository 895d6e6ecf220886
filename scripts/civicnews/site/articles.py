"""Read the article Markdown the extractor writes (front matter + escaped body) into plain records.

The front matter's strings are raw page text (not escaped); the body is already escaped for
Markdown. Everything here is a pure function of the file text, so the portal's pages and feeds
depend on nothing but the articles.
"""

from __future__ import annotations

import functools
import html
import os
import pickle
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from functools import lru_cache
from pathlib import Path

import markdown
import yaml

from .. import digests

# The characters civicnews.markdown.escape_text backslash-escapes; undoing exactly these gives
# back the page text (entities are undone afterwards with html.unescape).
_MD_UNESCAPE = re.compile(r"\\([\\`*_\[\]()#+!|>~-])")
# Every build reads every article's front matter: libyaml parses it ~7x faster than PyYAML's
# pure-Python loader, with the same result (safe tags only).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ArticleError(ValueError):
    """An article file is not in the extractor's format: the message names the file."""


@dataclass(frozen=True)
class Source:
    """Where an article came from: the page-text file, its page number and reading order."""

    file: str
    page: int | str | None = None
    order: int = 0


@dataclass(frozen=True)
class ArticleMeta:
    """One article's front matter plus its (escaped) Markdown body."""

    id: str
    title: str
    body: str = ""
    kicker: str | None = None
    subtitle: str | None = None
    series: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd or None (unknown)
    date_estimated: bool = False
    publication: str | None = None
    reporters: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (reporter, role) in reporter order
    dateline: str | None = None
    districts: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()
    event_dates: tuple[str, ...] = ()
    subheads: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    continued_to: str | None = None
    source: Source = field(default_factory=lambda: Source(file=""))
    lines: str | None = None
    path: str = field(default="", compare=False)  # the file it was read from, if any

    @property
    def day(self) -> Date | None:
        """The publication date as a date, or None when unknown or malformed."""
        try:
            return Date.fromisoformat(self.date) if self.date else None
        except ValueError:
            return None

    def role_of(self, reporter: str) -> str | None:
        """The role printed before a reporter's name (融媒记者 …), if any."""
        return dict(self.roles).get(reporter)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split ``---`` YAML front matter from the body; a file without it is an error."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---\n"):
        raise ArticleError("no front matter")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ArticleError("front matter is not closed")
    data = yaml.load(text[4:end + 1], Loader=_SafeLoader) or {}  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        raise ArticleError("front matter is not a mapping")
    return data, text[end + 5:]


def _strs(value: object) -> tuple[str, ...]:
    """A list of strings from YAML, tolerating null and scalars."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v is not None)  # type: ignore[union-attr]


def _opt(value: object) -> str | None:
    """An optional string: empty and null both mean absent."""
    return str(value) if value not in (None, "") else None


def parse_article(text: str, name: str = "<article>") -> ArticleMeta:
    """Parse one article file's text into an ArticleMeta."""
    try:
        data, body = split_front_matter(text)
    except (ArticleError, yaml.YAMLError) as exc:
        raise ArticleError(f"{name}: {exc}") from exc
    if not data.get("id"):
        raise ArticleError(f"{name}: front matter has no id")
    return _from_data(data, body)


def _from_data(data: dict, body: str) -> ArticleMeta:
    """The record of front matter data (with an id) and the body after it."""
    src = data.get("source") or {}
    reporters = _strs(data.get("reporters"))
    roles = data.get("roles") or {}
    raw_date = data.get("date")
    return ArticleMeta(
        id=str(data["id"]),
        title=str(data.get("title") or ""),
        body=body.strip("\n"),
        kicker=_opt(data.get("kicker")),
        subtitle=_opt(data.get("subtitle")),
        series=_opt(data.get("series")),
        date=str(raw_date) if raw_date else None,  # YAML may give a date object for unquoted
        date_estimated=bool(data.get("date_estimated")),
        publication=_opt(data.get("publication")),
        reporters=reporters,
        roles=tuple((r, str(roles[r])) for r in reporters if roles.get(r)),
        dateline=_opt(data.get("dateline")),
        districts=_strs(data.get("districts")),
        campaigns=_strs(data.get("campaigns")),
        event_dates=_strs(data.get("event_dates")),
        subheads=_strs(data.get("subheads")),
        captions=_strs(data.get("captions")),
        continued_to=_opt(data.get("continued_to")),
        source=Source(file=str(src.get("file") or ""), page=src.get("page"),
                      order=int(src.get("order") or 0)),
        lines=_opt(data.get("lines")),
    )


# Longest string a front matter made here may hold for its record to be made without YAML:
# far below the width (10,000) past which the YAML writer would fold a line.
_ONE_LINE_MAX = 2_000
# What YAML reads as a line break: a string holding one may make the writer continue it on
# a line of its own (which could read "---").
_LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _one_line(value: object) -> bool:
    """Whether every string in front matter data is short and without a line break (then the
    first ``\n---\n`` of the text is the end of the front matter) and every value is of a
    kind YAML gives back as it was written (str, int, bool, None, lists and mappings)."""
    if type(value) is str:
        return len(value) <= _ONE_LINE_MAX and not _LINE_BREAKS.search(value)
    if value is None or type(value) in (int, bool):
        return True
    if type(value) is list:
        return all(_one_line(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _one_line(k) and _one_line(v) for k, v in value.items())
    return False


def from_front_matter(data: dict, text: str) -> ArticleMeta | None:
    """``parse_article(text)`` without parsing YAML, for a text civicnews.markdown rendered
    from ``data`` (its ``front_matter``): YAML gives back the str, int, bool, None, lists and
    mappings its writer wrote, so the record is made from ``data`` and the body after the
    front matter. None when that may not hold (then parse the text): a string with a line
    break or very long, another kind of value, no id. A cold build's extraction had every
    article's data; parsing the YAML of the files it had just written again was 2 s at
    10,000 articles."""
    if not text.startswith("---\n") or not data.get("id") or not _one_line(data):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    return _from_data(data, text[end + 5:])


# A file whose mtime is this close to the moment its state was kept (or later) is read again
# even when its state matches (git's "racy clean" rule): it could have been rewritten within
# the same timestamp tick, keeping its size. Two seconds cover any file system's tick.
RACY_NS = 2_000_000_000


def load_articles(directory: Path, cache: Path | None = None,
                  texts: dict[str, str] | None = None,
                  kept: dict | None = None,
                  fronts: Callable[[str], dict | None] | None = None,
                  later: list[Callable[[], None]] | None = None) -> list[ArticleMeta]:
    """Every ``*.md`` article in a directory, newest first; ids must be unique. ``texts``, when
    given, is filled with each article's id → the hash of its file's text (the article, path
    aside, is a function of it and of this module).

    ``cache`` (a file) keeps each article's parsed record by the hash of its text across
    builds: parsing the YAML front matter of every article again was a tenth of a rebuild's
    bookkeeping. With the records it keeps each file's state (size, mtime) and text hash: a
    file in the same state is not read again (reading ten thousand unchanged files was a third
    of this function at 10,000 articles), unless its mtime was too close to when the state was
    kept (``RACY_NS``). The inode is left out: a cache restored beside a folder copied or
    unpacked anew (CI) keeps mtimes, not inodes; civicnews writes a changed article as a new
    file, whose mtime is the time of writing. It holds the articles of the last call only, and is
    ignored when this module or PyYAML changed since it was written (the parse is a function
    of the text and them). ``kept``, when given, is filled with what ``settle_parsed`` needs.
    ``fronts``, when given, names the front matter data a text was rendered from by the
    text's hash (None when unknown): such a text's record is made from it
    (``from_front_matter``), not by parsing its YAML. ``later``, when given, gets the
    writing of ``cache`` (a call) instead of this call doing it: the site build writes it
    once related news is under way, not before.
    """
    if not directory.is_dir():
        return []
    started = time.time_ns()
    known, states, kept_at = _read_parsed(cache)
    settled = _settled_at(cache, kept_at)
    trusted = settled - RACY_NS
    parsed: dict[str, ArticleMeta] = {}
    seen: dict[str, tuple[tuple[int, int], str]] = {}
    found: dict[str, ArticleMeta] = {}
    with os.scandir(directory) as scan:
        # Path.glob("*.md") matches the same names (hidden ones too), sorted as its paths are.
        entries = sorted((e for e in scan if e.name.endswith(".md")), key=lambda e: e.name)
    for entry in entries:
        path = entry.path  # str(directory / name)
        st = entry.stat()  # before reading: a change after it shows in the next state
        state = (st.st_size, st.st_mtime_ns)
        last = states.get(entry.name)
        art = None
        if last is not None and last[0] == state and st.st_mtime_ns < trusted:
            digest = last[1]
            art = known.get(digest)
        if art is None:
            text = Path(path).read_text(encoding="utf-8")
            digest = digests.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            art = known.get(digest)
            if art is None and fronts is not None:
                data = fronts(digest)
                art = from_front_matter(data, text) if data is not None else None
            if art is None:
                art = parse_article(text, path)
        if art.path != path:  # records are kept with the path they were read from
            art = replace(art, path=path)
        parsed[digest] = art
        seen[entry.name] = (state, digest)
        if art.id in found:
            raise ArticleError(f"{path}: duplicate article id {art.id}")
        found[art.id] = art
        if texts is not None:
            texts[art.id] = digest
    if cache is not None and (parsed.keys() != known.keys() or seen != states):
        if later is None:
            _write_parsed(cache, parsed, seen, started)
        else:
            later.append(functools.partial(_write_parsed, cache, parsed, seen, started))
        kept_at = settled = started
    if kept is not None:  # the racy files alone: a cold build holds them to its end
        floor = settled - RACY_NS
        kept.update(kept_at=kept_at, racy={name: state_digest
                                           for name, state_digest in seen.items()
                                           if state_digest[0][1] >= floor})
    return newest_first(found.values())


# Racy files a later look (settle_parsed) reads again to trust them, at least: a rebuild's few
# new articles cost the next build less to read than the records cost to keep again.
SETTLE_MIN = 100


def settle_parsed(directory: Path, cache: Path | None, kept: dict,
                  minimum: int = SETTLE_MIN) -> int:
    """Trust the article files ``load_articles`` kept while they were racy (``kept``, which it
    filled): a cold build reads them right after extraction wrote them, so the next build read
    all of them again. Now that they are older each is read again; when every one still has
    the text recorded, the records are kept anew as of this moment. Returns how many were
    read; 0 when fewer than ``minimum`` are racy, or one changed or is still too new."""
    if cache is None or not kept:
        return 0
    seen: dict[str, tuple[tuple[int, int], str]] = kept["racy"]
    racy = sorted(seen)
    if not racy or len(racy) < minimum:
        return 0
    stamp = time.time_ns()  # before any file is looked at again, as load_articles' ``started``
    for name in racy:
        state, digest = seen[name]
        path = os.path.join(directory, name)
        try:
            st = os.stat(path)
            if (st.st_size, st.st_mtime_ns) != state or state[1] >= stamp - RACY_NS:
                return 0
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return 0
        if digests.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest:
            return 0
    # Only the moment the states hold as of, beside the records (which stay as they are):
    # pickling ten thousand records again here was +19 MB on a cold build's peak.
    _write_settled(cache, kept["kept_at"], stamp)
    return len(racy)


def _settled_path(cache: Path) -> Path:
    return cache.with_name(f"{cache.name}.settled")


def _write_settled(cache: Path, kept_at: int, stamp: int) -> None:
    """Record that the states kept at ``kept_at`` were all found again at ``stamp``."""
    target = _settled_path(cache)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(f"{kept_at} {stamp}\n", encoding="utf-8")
        tmp.replace(target)
    except OSError:
        tmp.unlink(missing_ok=True)


def _settled_at(cache: Path | None, kept_at: int) -> int:
    """When the states kept at ``kept_at`` were last found again (settle_parsed), or
    ``kept_at``: a record of other states (the records kept anew since) is not used."""
    if cache is None:
        return kept_at
    try:
        found, stamp = map(int, _settled_path(cache).read_text(encoding="utf-8").split())
    except (OSError, ValueError):
        return kept_at
    return stamp if found == kept_at and stamp > kept_at else kept_at


def _parser_version() -> str:
    """What a parsed record depends on besides the text: this module's code and PyYAML's."""
    return digests.sha256(Path(__file__).read_bytes() + yaml.__version__.encode()).hexdigest()


def read_memo(path: Path | None, version: str) -> dict:
    """A dict pickled with the version of the code that made it, as (version, dict); {} when
    there is none, it cannot be read, or another version made it (a memo is only a speed-up)."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            found, records = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return {}
    return records if found == version and isinstance(records, dict) else {}


def _read_parsed(cache: Path | None) -> tuple[dict[str, ArticleMeta], dict, int]:
    """The records kept by the last load_articles by text hash, each file's state and text
    hash by name, and when they were kept (ns); ({}, {}, 0) when unusable."""
    memo = read_memo(cache, _parser_version())
    try:
        return memo["records"], memo["states"], int(memo["kept_at"])
    except (KeyError, TypeError, ValueError):
        return {}, {}, 0


def _write_parsed(cache: Path, records: dict[str, ArticleMeta], states: dict,
                  kept_at: int) -> None:
    """Keep the records (with the path each was read from), the files' states and the time
    they were taken, atomically; a cache that cannot be written only costs time."""
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # Pickled into the file as it goes: the pickle of 10,000 articles held whole (~18 MB)
        # was the top of a cold build's memory while the site's articles were read.
        with open(tmp, "wb") as handle:
            pickle.dump((_parser_version(), {"records": records, "states": states,
                                             "kept_at": kept_at}), handle, protocol=5)
        tmp.replace(cache)
    except OSError:
        tmp.unlink(missing_ok=True)


def newest_first(articles: Iterable[ArticleMeta]) -> list[ArticleMeta]:
    """Newest date first, undated last; same day in page then reading order, then id."""
    # Two stable sorts: the tie-break order first, then date descending ('' sorts last).
    tied = sorted(articles, key=lambda a: (a.source.file, a.source.order, a.id))
    return sorted(tied, key=lambda a: a.date or "", reverse=True)


def plain_text(escaped: str) -> str:
    """Undo the extractor's Markdown/HTML escaping: the page text as printed."""
    return html.unescape(_MD_UNESCAPE.sub(r"\1", escaped))


_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(art: ArticleMeta) -> list[str]:
    """The body's paragraphs as plain text, subheads left out."""
    out: list[str] = []
    for block in _BLANK_LINES.split(art.body):
        block = block.strip()
        if block and not block.startswith("#"):
            out.append(plain_text(" ".join(block.split("\n"))))
    return out


def excerpt(art: ArticleMeta, limit: int = 90) -> str:
    """The opening of the story as plain text, cut at ``limit`` characters with an ellipsis.

    ``"".join(paragraphs(art))`` cut, reading paragraphs only until the cut: every list an
    article is on made the plain text of its whole body (most of a list page's cost)."""
    text = ""
    for block in _BLANK_LINES.split(art.body):
        block = block.strip()
        if block and not block.startswith("#"):
            text += plain_text(" ".join(block.split("\n")))
            if len(text) > limit:
                break
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def body_html(art: ArticleMeta) -> str:
    """The body as HTML outside MkDocs (for feeds); safe because the body is escaped text.

    One converter, reset between bodies (what ``markdown.markdown`` gives, without building
    its processors anew for every article: most of a feed item's cost)."""
    return _converter().reset().convert(art.body)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(output_format="html")


def by_key(articles: Sequence[ArticleMeta], key: str) -> dict[str, list[ArticleMeta]]:
    """Group articles by each of their districts or campaigns, keeping the given order."""
    groups: dict[str, list[ArticleMeta]] = {}
    for art in articles:
        for name in getattr(art, key):
            groups.setdefault(name, []).append(art)
    return groups
