"""Read ``pages.yml``, the editor's manifest beside the page files, into PageInfo.

Schema, one entry per page file::

    000_6b38b89e44bd9a24.txt: {publication: 永康日报, date: 2023-04-03, page: 3, estimated: true}

A page without a manifest or without an entry gets a PageInfo with empty fields: the build
never invents a date from the clock, because a date ends up in permanent ids and feeds.
A malformed manifest is a ManifestError naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from . import digests
from .model import PageInfo

MANIFEST_NAME = "pages.yml"
ENTRY_KEYS = ("publication", "date", "page", "estimated")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The longest value an editor file may repeat with a YAML alias: room for a date, a name or a
# publication (what yaml.safe_dump aliases), while 5,000 aliases of it stay under 1 MB.
MAX_ALIAS_CHARS = 64
# Issue dates outside these years are typos (2203 for 2023). They also broke the site: a date
# past 2106 overflows the 32-bit time in gzip headers (sitemap.xml.gz). Dates before 1970 are
# fine for pages; the site clamps its build time to the epoch.
FIRST_YEAR, LAST_YEAR = 1800, 2100


class ManifestError(ValueError):
    """pages.yml is malformed: the message names the file, the line and the problem."""


def yaml_error(path: Path, exc: yaml.YAMLError) -> str:
    """A YAML syntax error as ``file:line: not valid YAML: problem (… started on line N)``."""
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    line = f":{mark.line + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    where = (f" ({getattr(exc, 'context', '') or 'what'} started on line {context.line + 1})"
             if context and mark and context.line != mark.line else "")
    return f"{path}{line}: not valid YAML: {problem}{where}"


def refusal(text: str, path: Path) -> str | None:
    r"""Why an editor's YAML file is refused, or None: no aliases that amplify, no custom tags.

    An alias repeats a value without repeating its text: 75 KB of ``*s`` made a 300 MB article.
    Aliases are refused except to a short scalar (at most MAX_ALIAS_CHARS characters), which is
    what ``yaml.safe_dump`` writes for a date used twice and cannot grow a file more than a few
    times over. A ``!foo`` tag would otherwise end in a traceback from YAML's constructor.

    >>> print(refusal("a: &s " + "长" * 100 + "\nb: *s\n", Path("c.yml")))
    c.yml:2: YAML alias *s repeats a long value or a whole mapping or list: write it out (aliases are allowed only for values of at most 64 characters)
    >>> print(refusal("a: !foo x\n", Path("c.yml")))
    c.yml:1: YAML tag '!foo' is not allowed in editor files: remove it
    >>> refusal("a: &d 2023-04-03\nb: *d\nc: 多领域 *全面* 发动!\n", Path("c.yml")) is None
    True
    """
    if not any(mark in text for mark in "&*!"):
        return None  # the common case: nothing to look for, no second parse
    short: dict[str, bool] = {}  # anchor → whether it names a short scalar
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            line = f"{path}:{event.start_mark.line + 1}"
            if isinstance(event, yaml.AliasEvent):
                if not short.get(event.anchor, False):
                    return (f"{line}: YAML alias *{event.anchor} repeats a long value or a whole "
                            "mapping or list: write it out (aliases are allowed only for values "
                            f"of at most {MAX_ALIAS_CHARS} characters)")
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                short[anchor] = (isinstance(event, yaml.ScalarEvent)
                                 and len(event.value) <= MAX_ALIAS_CHARS)
            tag = getattr(event, "tag", None)
            if tag and not tag.startswith("tag:yaml.org,2002:"):
                return f"{line}: YAML tag {tag!r} is not allowed in editor files: remove it"
    except yaml.YAMLError as exc:
        return yaml_error(path, exc)
    return None


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def parse_date(value: object) -> str | None:
    """An ISO yyyy-mm-dd string from what YAML gave (a date, a string or nothing); ValueError else.

    >>> parse_date("2023-04-03"), parse_date(dt.date(2020, 9, 16)), parse_date(None)
    ('2023-04-03', '2020-09-16', None)
    >>> try: parse_date("2023-02-30")
    ... except ValueError as err: print(err)
    not a date: '2023-02-30' (expected yyyy-mm-dd)
    >>> try: parse_date("2203-04-03")
    ... except ValueError as err: print(err)
    date out of range: 2203-04-03 (a typo? issue dates lie between 1800 and 2100)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not a date: {value!r} (expected yyyy-mm-dd)") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"date out of range: {day.isoformat()} (a typo? issue dates lie "
                         f"between {FIRST_YEAR} and {LAST_YEAR})")
    return day.isoformat()


def _value(node: yaml.Node) -> object:
    """The Python value of a YAML node, as ``yaml.safe_load`` gives it.

    Built from the node directly: re-serialising each value and loading it again cost more
    than the rest of the build's bookkeeping (a 4,000-page manifest: 3 s).

    >>> _value(yaml.compose("[3, 永康日报, null]"))
    [3, '永康日报', None]
    """
    return yaml.constructor.SafeConstructor().construct_document(node)


def _entry(path: Path, name: str, node: yaml.Node) -> PageInfo:
    """One manifest entry (a YAML mapping node) → PageInfo, or ManifestError."""
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return PageInfo(file=name)
    if not isinstance(node, yaml.MappingNode):
        raise ManifestError(f"{_where(path, node)}: entry for {name} must be a mapping "
                            f"like {{publication: …, date: yyyy-mm-dd, page: …}}")
    fields: dict[str, object] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in ENTRY_KEYS:
            raise ManifestError(f"{_where(path, key_node)}: {name}: unknown key {key!r} "
                                f"(known: {', '.join(ENTRY_KEYS)})")
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":timestamp"):
            fields[key] = value_node.value  # parse_date checks it, with our message
        else:
            fields[key] = _value(value_node)
    try:
        date = parse_date(fields.get("date"))
    except ValueError as exc:
        raise ManifestError(f"{_where(path, node)}: {name}: {exc}") from None
    publication = fields.get("publication")
    page = fields.get("page")
    estimated = fields.get("estimated", False)
    if publication is not None and not isinstance(publication, str):
        raise ManifestError(f"{_where(path, node)}: {name}: publication must be text")
    if page is not None and not isinstance(page, int | str):
        raise ManifestError(f"{_where(path, node)}: {name}: page must be a number or text")
    if not isinstance(estimated, bool):
        raise ManifestError(f"{_where(path, node)}: {name}: estimated must be true or false")
    return PageInfo(file=name, publication=publication or None, date=date, page=page,
                    date_estimated=estimated)


def parse_manifest(text: str, path: Path) -> dict[str, PageInfo]:
    """The manifest's entries by page file name; ``path`` is only used in error messages.

    >>> parse_manifest("a.txt: {publication: 永康日报, date: 2023-04-03}", Path("pages.yml"))
    {'a.txt': PageInfo(file='a.txt', publication='永康日报', date='2023-04-03', page=None, date_estimated=False)}
    >>> try: parse_manifest("a.txt: {dat: 2023-04-03}", Path("pages.yml"))
    ... except ManifestError as err: print(err)
    pages.yml:1: a.txt: unknown key 'dat' (known: publication, date, page, estimated)
    """
    refused = refusal(text, path)
    if refused:
        raise ManifestError(refused)
    try:
        # libyaml (10× faster on a 10-year archive's manifest); its nodes carry the same
        # line marks. On a syntax error the pure-Python parser is asked again for its message,
        # which says what was left open where.
        root = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise ManifestError(yaml_error(path, exc)) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise ManifestError(f"{_where(path, root)}: expected a mapping of page file name "
                            "to {publication, date, page, estimated}")
    out: dict[str, PageInfo] = {}
    for key_node, value_node in root.value:
        name = str(key_node.value)
        if name in out:
            raise ManifestError(f"{_where(path, key_node)}: {name} is listed twice")
        out[name] = _entry(path, name, value_node)
    return out


def load_manifest(directory: Path) -> dict[str, PageInfo]:
    """The entries of ``directory/pages.yml``; no manifest means no entries."""
    path = directory / MANIFEST_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read: {exc.strerror}") from None
    return _parse_bytes(data, path)


def _parse_bytes(data: bytes, path: Path) -> dict[str, PageInfo]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
    return parse_manifest(text, path)


def _memo_version() -> bytes:
    """What a manifest's entries are a function of besides its bytes: this module, PageInfo's
    and PyYAML's."""
    from . import model

    h = digests.sha256(yaml.__version__.encode() + b"\0")
    for source in (__file__, model.__file__):
        h.update(Path(source).read_bytes() + b"\0")
    return h.digest()


def load_manifests(directories: Iterable[Path],
                   memo: Path | None = None) -> dict[Path, dict[str, PageInfo]]:
    """``load_manifest`` of each directory, in the order given (the first broken manifest
    raises, as page by page), through ``memo``: a file keeping each manifest's entries by
    the hash of its bytes and of the code that parses them. Parsing a 4,000-page manifest
    was ~0.4 s of every rebuild after one new page. A memo that cannot be read or written
    only costs time; a manifest that does not parse is never kept."""
    known: dict = {}
    if memo is not None:
        try:
            with open(memo, "rb") as handle:
                found = pickle.load(handle)
            known = found if isinstance(found, dict) else {}
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            known = {}
    version = _memo_version()
    out: dict[Path, dict[str, PageInfo]] = {}
    kept: dict[str, tuple[str, dict[str, PageInfo]]] = {}
    for directory in directories:
        if directory in out:
            continue
        path = directory / MANIFEST_NAME
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            out[directory] = {}
            continue
        except OSError:
            out[directory] = load_manifest(directory)  # its error (or a late success)
            continue
        digest = digests.sha256(version + data).hexdigest()
        hit = known.get(str(directory))
        if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == digest:
            out[directory] = hit[1]
        else:
            out[directory] = _parse_bytes(data, path)
        kept[str(directory)] = (digest, out[directory])
    if memo is not None and {k: v[0] for k, v in kept.items()} != {
            k: v[0] for k, v in known.items() if isinstance(v, tuple) and len(v) == 2}:
        tmp = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(pickle.dumps(kept, protocol=5))
            tmp.replace(memo)
        except OSError:
            tmp.unlink(missing_ok=True)
    return out


def page_info(page: Path, manifests: dict[Path, dict[str, PageInfo]] | None = None) -> PageInfo:
    """The PageInfo for one page file, from the manifest beside it (read once per directory)."""
    manifests = {} if manifests is None else manifests
    directory = page.parent
    if directory not in manifests:
        manifests[directory] = load_manifest(directory)
    return manifests[directory].get(page.name) or PageInfo(file=page.name)
