"""Line roles of a real page from its gold reading: what lets the model learn from the seeds
(and from any page an editor has read) as it learns from generated pages.

Each cleaned line is placed by its characters: inside a story's kicker, title or subtitle, a
subhead, a caption, the page furniture, or a story's text; a line holding a story's credit is
its credit (before the text) or byline (after it); the line where a story's first paragraph
begins is its START. A page where too many lines cannot be placed is not used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..labeler import model_tag
from ..model import Line, Role

_TEXT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z]")
_ROLE_WORD = re.compile("记者|通讯员|作者|来源|采访组|采访小组|报道组|本报讯|讯")
# A page is used only if at least this share of its lines could be placed.
MIN_PLACED = 0.95
HEAD_PARTS = (("kicker", Role.KICKER), ("title", Role.TITLE), ("subtitle", Role.SUBTITLE))


def chars(text: str | None) -> str:
    """The characters score.py compares: CJK, digits and letters, after NFKC.

    >>> chars("本报讯（记者 严嘉慧）3 月")
    '本报讯记者严嘉慧3月'
    """
    return "".join(_TEXT.findall(unicodedata.normalize("NFKC", text or "")))


@dataclass
class _Story:
    heads: list[tuple[Role, str]]
    body: str
    subheads: list[str]
    captions: list[str]
    names: list[str]
    first: str  # the first characters of its first paragraph
    credit: frozenset[str]  # the characters its credit may print (dateline, roles, names)


def _stories(gold: dict) -> list[_Story]:
    out = []
    for a in gold.get("articles") or []:
        paras = [chars(p) for p in a.get("paragraphs") or []]
        out.append(_Story(
            heads=[(role, chars(a.get(key))) for key, role in HEAD_PARTS if a.get(key)],
            body="".join(paras),
            subheads=[chars(s) for s in a.get("subheads") or []],
            captions=[chars(c) for c in a.get("captions") or []],
            names=list(a.get("reporters") or []),
            first=paras[0][:6] if paras else "",
            credit=frozenset(chars(" ".join([a.get("dateline") or "本报讯", *(a.get("roles") or {}).values(),
                                             *(a.get("reporters") or [])]))),
        ))
    return out


_SENTENCE = re.compile("[，。；！？、]")


def _place(text: str, raw: str, stories: list[_Story], furniture: list[str]) -> tuple[Role, list[int]] | None:
    """The role of one line's characters and the stories it may belong to (none for furniture)."""
    if not text:
        return None
    placed = _place_whole(text, raw, stories, furniture)
    return placed if placed is not None else _place_pieces(raw, stories, furniture)


def _place_pieces(raw: str, stories: list[_Story], furniture: list[str]) -> tuple[Role, list[int]] | None:
    """A line a PDF tool read across columns (pdftotext prints a row of side-by-side columns as
    one line, the pieces parted by spaces), placed as its longest leading run of pieces that
    places (本报讯 年关将至，… is a story's start) when every later piece places on its own;
    else None."""
    pieces = [piece for piece in raw.split() if chars(piece)]
    for cut in range(len(pieces) - 1, 0, -1):
        head = " ".join(pieces[:cut])
        first = _place_whole(chars(head), head, stories, furniture)
        if first is not None:
            rest = (_place_whole(chars(piece), piece, stories, furniture) for piece in pieces[cut:])
            return first if all(p is not None for p in rest) else None
    return None


def _place_whole(text: str, raw: str, stories: list[_Story], furniture: list[str]) -> tuple[Role, list[int]] | None:
    """The role of a line read as one piece of print (see _place)."""
    for k, story in enumerate(stories):
        if text in story.captions:
            return Role.CAPTION, [k]  # a photo label, even when the text uses its words
        whole = "".join(head for _, head in story.heads)
        if len(story.heads) > 1 and text == whole:
            return Role.TITLE, [k]  # kicker and title printed in one line
    in_body = any(text in s.body for s in stories)
    heads = [(role, k) for k, story in enumerate(stories) for role, head in story.heads if text in head]
    if heads and (not in_body or (len(text) >= 5 and not _SENTENCE.search(raw))):
        return heads[0][0], [k for _, k in heads]
    if any(text in f or f in text and len(f) >= 0.8 * len(text) for f in furniture if f):
        return Role.FURNITURE, []
    for k, story in enumerate(stories):
        if any(text in s for s in story.subheads) and not (in_body and _SENTENCE.search(raw)):
            return Role.SUBHEAD, [k]
        if any(text in c for c in story.captions) and text not in story.body:
            return Role.CAPTION, [k]
    named = [k for k, story in enumerate(stories) if any(n in raw for n in story.names)]
    if named and _ROLE_WORD.search(raw):
        rest = text
        for n in stories[named[0]].names:
            rest = rest.replace(n, "")
        if len(rest) > 8 and any(rest[-6:] in stories[k].body for k in named):
            return Role.START, named  # a credit run into the first words
        return Role.CREDIT, named
    for k, story in enumerate(stories):
        if story.first and story.first in text:
            return Role.START, [k]
        if text in story.body:
            return Role.BODY, [k]
    for k, story in enumerate(stories):
        # a dateline without a credit run into the first words, cut by the line end (本报讯 2月9日上)
        if any(len(text) - cut >= 3 and story.body.startswith(text[cut:]) for cut in range(1, 12)):
            return Role.START, [k]
        # text ending in the first characters of a trailing credit (…添砖加瓦。（作者 谢若)
        for cut in range(len(text) - 1, 3, -1):
            if all(c in story.credit for c in text[cut:]) and text[:cut] in story.body:
                return Role.BODY, [k]
            if text[cut] not in story.credit:
                break
    spread = [k for k, story in enumerate(stories) if sum(c in story.credit for c in text) * 2 >= len(text)]
    if spread:
        return Role.CREDIT, spread  # a credit broken over the lines of a narrow column
    return None


def _head_of(joined: str, stories: list[_Story]) -> tuple[Role, int] | None:
    for k, story in enumerate(stories):
        for role, head in story.heads:
            if joined in head:
                return role, k
    return None


def _settle_heads(texts: list[str], placed: list, stories: list[_Story]) -> None:
    """A display line is placed by the lines printed next to it: two lines that together are
    inside one story's headline part belong to it (现代农业装备高新区 / 开展企业大走访行动),
    even when one of them alone also fits another story's headline or its text (奥度公司)."""
    head_roles = (Role.KICKER, Role.TITLE, Role.SUBTITLE)
    for i in range(len(texts)):
        for j in (i - 1, i + 1):
            if not 0 <= j < len(texts) or placed[j] is None or placed[j][0] not in head_roles:
                continue
            joined = texts[i] + texts[j] if j > i else texts[j] + texts[i]
            found = _head_of(joined, stories)
            if found:
                placed[i] = (found[0], [found[1]])
                placed[j] = (found[0], [found[1]])


def align_tags(lines: list[Line], gold: dict) -> list[str] | None:
    """The model tag of every line of a real page from its gold reading, or None when too many
    lines cannot be placed to trust the rest."""
    stories = _stories(gold)
    furniture = [chars(f) for f in gold.get("furniture") or []]
    texts = [chars(line.text) for line in lines]
    placed = [_place(t, line.text, stories, furniture) for t, line in zip(texts, lines, strict=True)]
    _settle_heads(texts, placed, stories)
    if sum(p is not None for p in placed) < MIN_PLACED * len(lines):
        return None
    seen_body: set[int] = set()
    tags: list[str] = []
    prev: tuple[Role, int] | None = None
    for i, (line, p) in enumerate(zip(lines, placed, strict=True)):
        role, candidates = p if p is not None else (Role.BODY, [])
        if role is Role.CREDIT or role is Role.START:
            fresh = [k for k in candidates if k not in seen_body]
            story = fresh[0] if fresh else candidates[-1]
            if role is Role.CREDIT and not fresh and prev and prev[0] is Role.CREDIT:
                story = prev[1]  # a credit going on over several lines
            if role is Role.CREDIT and prev and prev[0] in (Role.BODY, Role.START) and prev[1] in candidates:
                story = prev[1]  # right under a story's text: its byline
        else:
            story = candidates[0] if candidates else -1
            if role in (Role.KICKER, Role.TITLE, Role.SUBTITLE) and prev and prev[1] in candidates:
                story = prev[1]
        if i > 0 and line.text == lines[i - 1].text and role in (Role.KICKER, Role.TITLE, Role.SUBTITLE):
            tags.append(model_tag(Role.FURNITURE, False))  # a display line drawn twice
            continue
        if role is Role.CREDIT and story in seen_body and not (prev and prev == (Role.CREDIT, story)):
            role = Role.BYLINE
        if role is Role.START:
            if story in seen_body:
                role = Role.BODY
        if role in (Role.BODY, Role.START, Role.CREDIT):
            if role is Role.BODY and story not in seen_body and story >= 0 and prev and prev[0] is not Role.CREDIT:
                role = Role.START
            seen_body.add(story)
        continues = prev is not None and prev == (role, story) and role in (Role.KICKER, Role.TITLE, Role.SUBTITLE)
        tags.append(model_tag(role, continues))
        prev = (role, story)
    return tags
