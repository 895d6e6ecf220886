"""Editors' corrections (``articles/corrections.yml``), applied on every build.

Keyed by the stable article id, so a correction survives rule changes and re-extraction::

    2023-04-03-a21de8cd-2:
      title: 现代农业装备高新区开展企业大走访行动
      reporters: [郑旭华]
    2023-04-03-a21de8cd-5: {hide: true}
    2023-04-03-a21de8cd-6: {merge_into: 2023-04-03-a21de8cd-4}
    2023-04-03-a21de8cd-3: {split_at: "为进一步增强责任感", split_id: 2023-04-03-zeren}

Order of application: splits, then field edits (also for the ids splits made), then merges,
then hides. A correction for an id the build did not produce is a warning that names the id;
a malformed file is a CorrectionsError naming the file, line, id and key.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .ids import check_id
from .manifest import parse_date, refusal, yaml_error
from .model import Article, Credit, Headline, Section

TEXT_KEYS = ("title", "kicker", "subtitle")
LIST_KEYS = ("reporters", "districts", "campaigns")
ACTION_KEYS = ("hide", "merge_into", "split_at", "split_id")
KNOWN_KEYS = (*TEXT_KEYS, *LIST_KEYS, "roles", "date", *ACTION_KEYS, "note")


class CorrectionsError(ValueError):
    """corrections.yml is malformed: the message names the file, line, id and key."""


@dataclass(frozen=True)
class Correction:
    """What an editor said about one article."""

    id: str
    edits: dict[str, object] = field(default_factory=dict)  # title … date: the new values
    hide: bool = False
    merge_into: str | None = None
    split_at: int | str | None = None
    split_id: str | None = None
    line: int = 0  # where the entry starts in corrections.yml, for messages


@dataclass
class Applied:
    """The articles after corrections, and what an editor should hear about."""

    articles: list[Article]
    warnings: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)  # id → the id it was merged into
    split: dict[str, str] = field(default_factory=dict)  # new id → the id it was split from
    dropped: list[Article] = field(default_factory=list)  # the hidden and merged-away articles
    unknown: list[str] = field(default_factory=list)  # ids named that no article has (typos?)


def _check_value(key: str, value: object) -> object:
    """The value of one correction key, checked; ValueError says what was expected."""
    if key == "title":
        if not isinstance(value, str) or not value.strip():
            raise ValueError("must be non-empty text")
        return value.strip()
    if key in TEXT_KEYS or key == "note":
        if value is not None and not isinstance(value, str):
            raise ValueError("must be text, or null to remove it")
        return value.strip() or None if isinstance(value, str) else None
    if key in LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("must be a list of names, e.g. [郑旭华, 潘燕佳]")
        return [v.strip() for v in value if v.strip()]
    if key == "roles":
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ValueError("must be a mapping of name to role, e.g. {郑旭华: 融媒见习记者}")
        return dict(value)
    if key == "date":
        return parse_date(value)
    if key == "hide":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if key in ("merge_into", "split_id"):
        return check_id(value)  # type: ignore[arg-type]
    if key == "split_at":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("must be a paragraph number (0 is the first) or its first words")
        if isinstance(value, int) and value < 1:
            raise ValueError("must be 1 or more: splitting before paragraph 0 splits nothing")
        if isinstance(value, str) and not value.strip():
            raise ValueError("must not be empty")
        return value.strip() if isinstance(value, str) else value
    raise ValueError("unknown key")  # pragma: no cover - callers check KNOWN_KEYS first


def _value(key: str, node: yaml.Node) -> object:
    """A YAML value; dates stay text, so 2023-13-01 gets our message, not YAML's."""
    if key == "date" and isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
        return node.value
    return yaml.safe_load(yaml.serialize(node))


def _entry(path: Path, key_node: yaml.Node, node: yaml.Node) -> Correction:
    """One id's correction from its YAML node, validated."""
    article_id = str(key_node.value)
    line = key_node.start_mark.line + 1
    where = f"{path}:{line}: {article_id}"
    try:
        check_id(article_id)
    except ValueError as exc:
        raise CorrectionsError(f"{where}: {exc}") from None
    if not isinstance(node, yaml.MappingNode):
        raise CorrectionsError(f"{where}: expected a mapping such as {{title: …}} or {{hide: true}}")
    values: dict[str, object] = {}
    for k_node, v_node in node.value:
        key = str(k_node.value)
        key_where = f"{path}:{k_node.start_mark.line + 1}: {article_id}"
        if key not in KNOWN_KEYS:
            raise CorrectionsError(f"{key_where}: unknown key {key!r} (known: {', '.join(KNOWN_KEYS)})")
        if key in values:
            raise CorrectionsError(f"{key_where}: {key!r} given twice")
        try:
            values[key] = _check_value(key, _value(key, v_node))
        except ValueError as exc:
            raise CorrectionsError(f"{key_where}: {key}: {exc}") from None
    if "split_id" in values and "split_at" not in values:
        raise CorrectionsError(f"{where}: split_id needs split_at (where to split)")
    if values.get("merge_into") == article_id:
        raise CorrectionsError(f"{where}: merge_into names the article itself")
    values.pop("note", None)
    return Correction(
        id=article_id,
        edits={k: v for k, v in values.items() if k not in ACTION_KEYS},
        hide=bool(values.get("hide", False)),
        merge_into=values.get("merge_into"),  # type: ignore[arg-type]
        split_at=values.get("split_at"),  # type: ignore[arg-type]
        split_id=values.get("split_id"),  # type: ignore[arg-type]
        line=line,
    )


def parse_corrections(text: str, path: Path) -> dict[str, Correction]:
    """Corrections by id from the file's text; ``path`` names the file in errors.

    >>> parse_corrections("2023-04-03-a21de8cd-2: {title: 新标题, hide: false}", Path("c.yml"))
    {'2023-04-03-a21de8cd-2': Correction(id='2023-04-03-a21de8cd-2', edits={'title': '新标题'}, hide=False, merge_into=None, split_at=None, split_id=None, line=1)}
    >>> try: parse_corrections("x-1:\\n  titel: 新标题", Path("c.yml"))
    ... except CorrectionsError as err: print(err)  # doctest: +ELLIPSIS
    c.yml:2: x-1: unknown key 'titel' (known: title, kicker, ...)
    """
    refused = refusal(text, path)
    if refused:
        raise CorrectionsError(refused)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise CorrectionsError(yaml_error(path, exc)) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise CorrectionsError(f"{path}:{root.start_mark.line + 1}: expected a mapping of "
                               "article id to corrections")
    out: dict[str, Correction] = {}
    for key_node, node in root.value:
        correction = _entry(path, key_node, node)
        if correction.id in out:
            raise CorrectionsError(f"{path}:{correction.line}: {correction.id} is listed twice")
        out[correction.id] = correction
    for correction in out.values():
        if correction.split_id and correction.split_id in out and out[correction.split_id].split_id:
            raise CorrectionsError(f"{path}:{correction.line}: {correction.id}: a split part "
                                   "cannot be split again by its split_id's entry")
    return out


def load_corrections(path: Path | None) -> dict[str, Correction]:
    """The corrections in a file; no path or no file means none."""
    if path is None or not path.exists():
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read as UTF-8: {exc}") from None
    return parse_corrections(text, path)


def find_split(paragraphs: list[str], split_at: int | str) -> int | None:
    """The paragraph index to split before: a number, or the paragraph that starts so.

    >>> find_split(["甲", "乙丙", "丁"], "乙"), find_split(["甲", "乙丙"], 1), find_split(["甲"], 3)
    (1, 1, None)
    """
    if isinstance(split_at, int):
        return split_at if 0 < split_at < len(paragraphs) else None
    for index, para in enumerate(paragraphs[1:], start=1):
        if para.lstrip().startswith(split_at):
            return index
    return None


def split_sections(sections: list[Section], index: int) -> tuple[list[Section], list[Section]]:
    """Cut a list of sections before the paragraph with the given overall index.

    >>> a, b = split_sections([Section(None, ["p0", "p1"]), Section("小标题", ["p2"])], 1)
    >>> [s.paragraphs for s in a], [(s.subhead, s.paragraphs) for s in b]
    ([['p0']], [(None, ['p1']), ('小标题', ['p2'])])
    """
    head: list[Section] = []
    tail: list[Section] = []
    seen = 0
    for section in sections:
        count = len(section.paragraphs)
        if seen + count <= index:
            head.append(section)
        elif seen >= index:
            tail.append(section)
        else:
            cut = index - seen
            head.append(Section(section.subhead, section.paragraphs[:cut]))
            tail.append(Section(None, section.paragraphs[cut:]))
        seen += count
    return head, tail


def apply_edits(article: Article, edits: dict[str, object]) -> None:
    """Overwrite an article's metadata with an editor's values."""
    head = article.headline or Headline(title="")
    for key in TEXT_KEYS:
        if key in edits:
            head = dataclasses.replace(head, **{key: edits[key] or ("" if key == "title" else None)})
    if head.title or head.kicker or head.subtitle or article.headline:
        article.headline = head
    credit = article.credit or Credit()
    if "reporters" in edits:
        credit = dataclasses.replace(credit, reporters=list(edits["reporters"]))  # type: ignore[arg-type]
    if "roles" in edits:
        credit = dataclasses.replace(credit, roles=dict(edits["roles"]))  # type: ignore[arg-type]
    article.credit = credit
    if "districts" in edits:
        article.districts = list(edits["districts"])  # type: ignore[arg-type]
    if "campaigns" in edits:
        article.campaigns = list(edits["campaigns"])  # type: ignore[arg-type]
    if "date" in edits:
        article.source = dataclasses.replace(article.source, date=edits["date"],
                                             date_estimated=False)
    article.steps = [*article.steps, "editor"] if "editor" not in article.steps else article.steps


def merge_articles(target: Article, other: Article) -> None:
    """Append another article's sections, captions and lines to the target."""
    target.sections = [*target.sections, *copy.deepcopy(other.sections)]
    target.captions = [*target.captions, *other.captions]
    target.lines = sorted({*target.lines, *other.lines})


SplitIdFn = Callable[[Article, Article], None]


def apply_corrections(
    articles: list[Article],
    corrections: dict[str, Correction],
    assign_split_id: SplitIdFn,
    applicable: Callable[[str], bool] = lambda _id: True,
) -> Applied:
    """Apply corrections to a build's articles (which already carry their ledger ids).

    ``assign_split_id(new, original)`` gives a split-off part its id (ledger or split_id);
    ``applicable(id)`` tells whether an id not found should be warned about (it is not when
    its page was not part of this build).
    """
    out = Applied(articles=list(articles))
    by_id = {a.id: a for a in out.articles}
    for cid in sorted(corrections):
        correction = corrections[cid]
        if correction.split_at is None or cid not in by_id:
            continue
        original = by_id[cid]
        index = find_split(original.paragraphs, correction.split_at)
        if index is None:
            out.warnings.append(f"corrections: {cid}: split_at {correction.split_at!r} not found "
                                f"among its {len(original.paragraphs)} paragraphs; not split")
            continue
        head, tail = split_sections(original.sections, index)
        original.sections = head
        part = Article(source=original.source, order=original.order, headline=None,
                       sections=tail, steps=["editor-split"])
        if correction.split_id:
            part.id = correction.split_id
        assign_split_id(part, original)
        if part.id in by_id:
            raise CorrectionsError(f"corrections: {cid}: split_id {part.id} is already an article")
        out.articles.insert(out.articles.index(original) + 1, part)
        by_id[part.id] = part
        out.split[part.id] = cid
    for cid in sorted(corrections):
        if cid not in by_id:
            if applicable(cid):
                out.unknown.append(cid)
                out.warnings.append(f"corrections: {cid}: no article with this id in this build "
                                    "(retired, or its page was not read?); correction not applied")
            continue
        if corrections[cid].edits:
            apply_edits(by_id[cid], corrections[cid].edits)
    _merge_all(out, corrections, by_id)
    for cid in sorted(corrections):
        if corrections[cid].hide and cid in by_id:
            out.hidden.append(cid)
    dropped = set(out.hidden) | set(out.merged)
    out.dropped = [a for a in out.articles if a.id in dropped]
    out.articles = [a for a in out.articles if a.id not in dropped]
    return out


def _merge_all(out: Applied, corrections: dict[str, Correction], by_id: dict[str, Article]) -> None:
    """Do the merge_into corrections, following chains (a → b → c) and refusing loops."""
    def final_target(cid: str) -> str | None:
        seen = [cid]
        target = corrections[cid].merge_into
        while target and target in corrections and corrections[target].merge_into:
            if target in seen:
                raise CorrectionsError(f"corrections: merge_into loop: {' → '.join([*seen, target])}")
            seen.append(target)
            target = corrections[target].merge_into
        return target

    for cid in _merge_order(corrections):
        target = final_target(cid)
        if cid not in by_id or target is None:
            continue
        if target not in by_id:
            out.unknown.append(target)
            out.warnings.append(f"corrections: {cid}: merge_into {target}: no article with that "
                                "id in this build; not merged")
            continue
        merge_articles(by_id[target], by_id[cid])
        out.merged[cid] = target


def _merge_order(corrections: dict[str, Correction]) -> Iterable[str]:
    """Merge sources in a fixed order: by target, then by source id."""
    pairs = sorted((c.merge_into, c.id) for c in corrections.values() if c.merge_into)
    return [cid for _target, cid in pairs]
