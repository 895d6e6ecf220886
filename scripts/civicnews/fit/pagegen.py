"""Make damaged newspaper pages from annotated articles, with exact truth for every line.

The extractor is fitted and scored on pages it has never seen. This module lays real articles
(the corpus in ``../shared/corpus``, split once into a fitting and a validation part, and the
seeds' gold for fitting) out as page texts with the damage PDF tools do: columns broken every
dozen characters, letters spread apart, headlines printed twice, several stories per page in
any order, briefs inside stories, titles after their bodies, credits of many shapes, and the
furniture of many papers (mastheads, page labels, dates, slogans, hotlines) built from the
patterns in ``furniture_vocab.yml``. One small named function per kind of damage, so a test can
switch each on or off.

Every printed line carries its role (``civicnews.model.Role``): what the line-role model is
fitted on. The page's truth is written in the shared gold schema for ``score.py``.

Usage: ``python -m civicnews.fit.pagegen --split val --seed 1 --pages N --out DIR`` writes
``DIR/pages/*.txt`` (plus ``pages.yml``) and ``DIR/gold/*.yml``.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from ..labeler import model_tag
from ..model import Role
from .corpus import SHARED, available, load_corpus

GOLD_DIR = SHARED / "gold"
PAGES_YML = SHARED / "seeds" / "pages.yml"
VOCAB = Path(__file__).with_name("furniture_vocab.yml")

# Fields of a gold article that describe the story (notes are the editor's, not the page's).
ARTICLE_KEYS = ("kicker", "title", "subtitle", "reporters", "roles", "dateline", "districts",
                "campaigns", "event_dates", "subheads", "captions", "continued_to", "paragraphs")

# Punctuation that may not start a line (kinsoku): it hangs at the end of the line before.
NO_LINE_START = "，。、；：？！）》」』”’…—,.;:?!)%"
# Punctuation that may not end a line: it moves down to the next line.
NO_LINE_END = "（《「『“‘("
# Marks that glue to their neighbour when a PDF tool letter-spaces a line (南 路 、九 州 路 的“ 一).
OPENING = "（《「『“‘("
CLOSING = "，。、；：？！）》」』”’,.;:?!)"
PUNCT = OPENING + CLOSING + "…⋯—·"
ASCII_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%]*")
# What the PDF tool pads with spaces: numbers (3 月 25 日, 老 330 国道, 1.45 亿元, 5%的).
NUMBER_RUN = re.compile(r"[0-9][0-9.]*%?")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Full-width marks some page tools print half-width (, : ; ( ) and rarely ! ?).
HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")",
                            "！": "!", "？": "?"})
CAPTION_MARKS = "▲▶"
GROUP_SUFFIXES = ("采访小组", "采访组", "报道组")
# Datelines a corpus story is printed with when it is given one (the corpus strips them).
DATELINES = ("本报讯", "本报讯", "本报讯", "融媒讯", "本台讯", "本网讯")


@dataclass
class GeneratedPage:
    """A damaged page text and the truth for it: articles in reading order, furniture, and the
    role of every non-blank line in order."""

    text: str
    articles: list[dict]
    furniture: list[str]
    roles: list[Role] = field(default_factory=list)  # one per non-blank line of `text`
    tags: list[str] = field(default_factory=list)  # the roles as the model learns them (model_tag)
    doubled: list[str] = field(default_factory=list)  # lines printed twice on the page
    damage: list[str] = field(default_factory=list)  # names of the damage kinds used
    publication: str | None = None  # the paper whose masthead the page carries


@dataclass(frozen=True)
class PageConfig:
    """What a page may look like; None fields are drawn from the page's random generator."""

    n_articles: int | None = None  # 1–4 when None
    width: int | None = None  # column width for every story; 0 = one paragraph per line
    damage: frozenset[str] | None = None  # damage kinds allowed (None: all of DAMAGE)
    furniture: bool = True


@dataclass
class Block:
    """Consecutive printed lines with their roles; the page puts a blank line between blocks."""

    kind: str  # head, credit, subhead, para, caption, byline, furniture, tail
    lines: list[str]
    roles: list[Role]
    gap: bool = True  # blank line after it


@dataclass
class Style:
    """The layout one story is printed with, drawn once per story."""

    width: int  # 0 = unbroken (one paragraph per line)
    blank_every_line: bool = False
    indent: int = 2
    frame_height: int = 0  # a new text frame (leading space) every so many body lines
    split_words: bool = False
    letter_spacing: float = 0.0  # share of body lines spread out
    number_padding: bool = False
    doubled: bool = False
    doubled_lines: bool = False  # a headline printed twice as two whole lines (fake bold)
    head_after: bool = False
    head_one_line: bool = False
    head_broken: bool = False
    credit_form: str = "own_line"  # own_line | run_in | trailing | byline
    half_width_credit: bool = False
    captions_first: bool = False
    decorate_subheads: bool = False
    half_width_punct: bool = False
    dotted_ellipsis: bool = False
    lost_quotes: bool = False
    wide_lead: bool = False
    used: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Input: corpus articles and the seeds' gold
# ---------------------------------------------------------------------------------------------


def shared_available() -> bool:
    """True when ../shared (the corpus and the seeds' gold) sits beside the checkout."""
    return available() and GOLD_DIR.is_dir() and any(GOLD_DIR.glob("*.yml"))


def load_publications(path: Path = PAGES_YML) -> dict[str, str | None]:
    """Page stem → publication, from the seeds' manifest (empty when it is missing)."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {Path(k).stem: (v or {}).get("publication") for k, v in data.items()}


def load_gold(gold_dir: Path = GOLD_DIR) -> list[dict]:
    """Every seed gold article as a story dict, with the paper it came from."""
    pubs = load_publications()
    articles: list[dict] = []
    for path in sorted(gold_dir.glob("*.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        stem = Path(gold["source"]).stem
        for art in gold.get("articles") or []:
            clean = {k: copy.deepcopy(art.get(k)) for k in ARTICLE_KEYS}
            clean["publication"] = pubs.get(stem) or gold.get("publication")
            clean["origin"] = f"seed:{stem}"
            articles.append(clean)
    return articles


def corpus_story(article) -> dict:
    """A corpus article as a story dict (no dateline, subheads or captions: the page adds them)."""
    story = {k: None for k in ARTICLE_KEYS}
    story.update(
        kicker=article.kicker, title=article.title, subtitle=article.subtitle,
        reporters=list(article.reporters), roles=dict(article.roles),
        districts=list(article.districts), paragraphs=list(article.paragraphs),
        subheads=[], captions=[], campaigns=[], event_dates=[],
    )
    story["publication"] = None
    story["origin"] = article.url
    return story


@lru_cache(maxsize=4)
def _pool(split: str, with_seeds: bool) -> tuple[dict, ...]:
    stories = [corpus_story(a) for a in load_corpus(split)]
    if with_seeds:
        stories += load_gold()
    return tuple(stories)


def load_pool(split: str, with_seeds: bool | None = None) -> list[dict]:
    """The stories a page may draw from: one corpus part, plus the seeds' gold when fitting."""
    seeds = (split == "fit") if with_seeds is None else with_seeds
    return [copy.deepcopy(s) for s in _pool(split, seeds)]


# ---------------------------------------------------------------------------------------------
# Furniture: many papers' shapes, filled from the vocabulary
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The furniture vocabulary (furniture_vocab.yml), read once."""
    return yaml.safe_load(VOCAB.read_text(encoding="utf-8"))


def short_place(name: str) -> str:
    """A place as a masthead prints it: 义乌市 → 义乌, 槐荫区 → 槐荫, 文成县 → 文成.

    >>> short_place("义乌市"), short_place("槐荫区"), short_place("科尔沁左翼中旗")
    ('义乌', '槐荫', '科尔沁左翼中')
    """
    for suffix in ("自治县", "自治州", "街道", "市", "区", "县", "镇", "乡", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def fill(template: str, rng: random.Random, place: str) -> str:
    """Fill one vocabulary pattern: {place}, numbers, dates, names, letters.

    >>> fill("{place}日报", random.Random(1), "义乌")
    '义乌日报'
    """
    v = vocabulary()

    def name() -> str:
        return rng.choice(v["surnames"]) + rng.choice(v["given"])

    values = {
        "place": place,
        "d2": f"{rng.randint(11, 65)}", "d3": f"{rng.randint(100, 999)}",
        "d4": f"{rng.randint(1000, 9999)}", "d7": f"{rng.randint(2000000, 8999999)}",
        "n1": str(rng.randint(1, 8)), "n2": f"{rng.randint(1, 16):02d}", "n4": str(rng.randint(1000, 9999)),
        "letter": rng.choice("ABCDEFG"), "section": rng.choice(v["section_names"]),
        "year": str(rng.randint(2015, 2025)), "month": str(rng.randint(1, 12)), "day": str(rng.randint(1, 28)),
        "weekday": rng.choice("一二三四五六日"), "lunar": rng.choice(["正月初八", "腊月廿三", "三月初五", "八月十五"]),
        "name": name(), "name2": name(), "latin": rng.choice(["news", "zgxw", "rmt", "xwzx", "dzb"]),
    }
    return template.format(**values)


def draw_furniture(rng: random.Random, places: list[str]) -> tuple[str, list[list[str]], list[str]]:
    """Furniture for one page: the paper's name, groups printed at the top, and single lines
    printed elsewhere (slogans, banners, imprint, page labels)."""
    v = vocabulary()
    county = next((p for p in places if p.endswith(("市", "县", "区", "旗"))), None)
    place = short_place(county) if county and rng.random() < 0.8 else rng.choice(v["generic_places"])
    paper = fill(rng.choice(v["mastheads"]), rng, place)
    top: list[list[str]] = []
    if rng.random() < 0.45:
        mast = [paper] + [fill(x, rng, place) for x in rng.sample(v["masthead_extras"], rng.randint(0, 2))]
        if rng.random() < 0.6:
            mast.append(fill(rng.choice(v["dates"]), rng, place))
        top.append(mast)
    if rng.random() < 0.5:
        label = [fill(rng.choice(v["page_labels"]), rng, place)]
        if rng.random() < 0.4:
            label.append(fill(rng.choice(v["dates"]), rng, place))
        rng.shuffle(label)
        top.insert(0 if rng.random() < 0.5 else len(top), label)
    singles: list[str] = []
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        kind = rng.random()
        if kind < 0.4:
            singles.append(rng.choice(v["slogan_first"]) + rng.choice([" ", "  ", ""]) + rng.choice(v["slogan_second"]))
        elif kind < 0.7:
            singles.append(rng.choice(v["banners"]))
        else:
            singles.append(fill(rng.choice(v["imprint"]), rng, place))
    return paper, top, singles
# ---------------------------------------------------------------------------------------------
# Damage: text-level (applied to a whole paragraph or headline before it is laid out)
# ---------------------------------------------------------------------------------------------


def use_halfwidth_punctuation(text: str) -> str:
    """Print ，：；（）！？ half-width, as the tool of seed 003 did (。、“” stay full-width).

    >>> use_halfwidth_punctuation("会上，区委（单位）：好")
    '会上,区委(单位):好'
    """
    return text.translate(HALF_WIDTH)


def dot_ellipsis(text: str) -> str:
    """Print …… as ⋯⋯ (midline dots), as in seeds 000 and 001.

    >>> dot_ellipsis("如何”……在")
    '如何”⋯⋯在'
    """
    return text.replace("…", "⋯")


def drop_quotes(text: str) -> str:
    """Lose the double quotes: a space where they stood, nothing next to punctuation (seed 004).

    >>> drop_quotes("打好“创文”攻坚战")
    '打好 创文 攻坚战'
    >>> drop_quotes("“眼下就拆。”14日，推行“网格”“督办”等")
    '眼下就拆。14日，推行 网格 督办 等'
    """
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"[“”]+", text):
        out.append(text[pos:m.start()])
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before and after and before not in PUNCT + " " and after not in PUNCT + " ":
            out.append(" ")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Damage: line-level
# ---------------------------------------------------------------------------------------------


def _tokens(text: str, split_words: bool) -> list[str]:
    """Characters, with runs of Latin letters and digits kept whole unless split_words."""
    if split_words:
        return list(text)
    out: list[str] = []
    pos = 0
    for m in ASCII_RUN.finditer(text):
        out.extend(text[pos:m.start()])
        out.append(m.group())
        pos = m.end()
    out.extend(text[pos:])
    return out


def _cells(token: str) -> float:
    """Printed width of a token: a Chinese character is one cell, a Latin character half."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in token)


def break_column(text: str, width: int, indent: int = 0, split_words: bool = False) -> list[str]:
    """Break a paragraph into lines of a column `width` cells wide, first line indented.

    Closing punctuation hangs at the end of a full line and opening marks move down, as a
    Chinese typesetter does; Latin and digit runs stay whole unless `split_words`.

    >>> break_column("连日来，现代农业装备高新区各班子成员分批带队。", 8, indent=2)
    ['连日来，现代', '农业装备高新区各', '班子成员分批带队。']
    """
    lines: list[str] = []
    cur: list[str] = []
    cap = max(1, width - indent)
    for tok in _tokens(text, split_words):
        if cur and _cells("".join(cur) + tok) > cap and tok[0] not in NO_LINE_START:
            carry: list[str] = []
            while len(cur) > 1 and cur[-1][-1] in NO_LINE_END:
                carry.insert(0, cur.pop())
            lines.append("".join(cur))
            cur, cap = carry, width
        cur.append(tok)
    if cur:
        lines.append("".join(cur))
    return lines


def letter_space(line: str) -> str:
    """Spread a line out one character apart, marks glued to their neighbours (seed 001).

    >>> letter_space("区积极推动党的精神")
    '区 积 极 推 动 党 的 精 神'
    >>> letter_space("南路、九州路的“一周一路”整治")
    '南 路 、九 州 路 的“ 一 周 一 路 ”整 治'
    """
    toks = _tokens(line, split_words=False)
    out = toks[:1]
    for prev, tok in zip(toks, toks[1:], strict=False):
        if not (tok[0] in OPENING or prev[-1] in CLOSING or prev.isspace() or tok.isspace()):
            out.append(" ")
        out.append(tok)
    return "".join(out)


def pad_numbers(line: str) -> str:
    """Put a space between Chinese characters and a number next to them (seed 000).

    >>> pad_numbers("3月25日，对老330国道，面对5%的下调")
    '3 月 25 日，对老 330 国道，面对 5%的下调'
    """
    def pad(m: re.Match[str]) -> str:
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        left = " " if before and CJK.match(before) else ""
        right = " " if after and CJK.match(after) and m.group()[-1].isdigit() else ""
        return left + m.group() + right

    return NUMBER_RUN.sub(pad, line)


def double_line(line: str) -> str:
    """Print a display line twice in one line (ABAB), as the tool did with seed 000's headlines.

    >>> double_line("数智通跟踪整治")
    '数智通跟踪整治数智通跟踪整治'
    """
    return line + line


def mark_frame_start(line: str) -> str:
    """Start a line with a space: where the PDF tool began a new text frame.

    >>> mark_frame_start("文明卫生创建工作是发现问题、解")
    ' 文明卫生创建工作是发现问题、解'
    """
    return line if line.startswith(" ") else " " + line


def add_blank_lines(lines: list[str]) -> list[str]:
    """Put an empty line after every line, as seeds 000–002 have in most columns.

    >>> add_blank_lines(["a", "b"])
    ['a', '', 'b', '']
    """
    return [x for line in lines for x in (line, "")]


def split_at_column_end(text: str, rng: random.Random) -> list[str]:
    """Cut a one-line paragraph in two where it ran into the next column (seed 003: 把/握)."""
    if len(text) < 40:
        return [text]
    cut = rng.randrange(10, len(text) - 10)
    while cut < len(text) - 1 and text[cut] in NO_LINE_START:
        cut += 1
    return [text[:cut], text[cut:]]


# ---------------------------------------------------------------------------------------------
# Damage: display lines (headlines, subheads, credits, captions, markers)
# ---------------------------------------------------------------------------------------------


def break_headline(text: str, rng: random.Random, max_len: int = 10) -> list[str]:
    """Break a headline over lines: at its spaces, and long clauses once more (seed 000/001)."""
    lines: list[str] = []
    for clause in text.split():
        if len(clause) > max_len and rng.random() < 0.6:
            cut = rng.randrange(len(clause) // 3, 2 * len(clause) // 3 + 1)
            while cut < len(clause) and clause[cut] in NO_LINE_START:
                cut += 1
            lines.extend(x for x in (clause[:cut], clause[cut:]) if x)
        else:
            lines.append(clause)
    return lines


def one_line_headline(parts: Iterable[str | None]) -> str:
    """Print kicker, title and subtitle in one line, space-separated (seed 004).

    >>> one_line_headline(["誓师大会再动员", "开发区打好攻坚战", None])
    '誓师大会再动员 开发区打好攻坚战'
    """
    return " ".join(p for p in parts if p)


def decorate_subhead(text: str) -> str:
    """Frame a short section label with middle dots (seed 004: ·靶向施策·).

    >>> decorate_subhead("全民参与")
    '·全民参与·'
    """
    return f"·{text}·"


def mark_caption(text: str, mark: str = "▲") -> str:
    """Put a photo mark before a caption (seed 001: ▲修补倒塌围墙).

    >>> mark_caption("补植绿化", "▶")
    '▶补植绿化'
    """
    return mark + text


def continuation_marker(page: str, half_width: bool = True) -> str:
    """The jump line that cuts a story off: (下转2版).

    >>> continuation_marker("2版")
    '(下转2版)'
    """
    return f"(下转{page})" if half_width else f"（下转{page}）"




def credit_inner(reporters: list[str], roles: dict[str, str]) -> str:
    """Roles and names as a credit prints them: 记者 吴怡婧 通讯员 张霞艳.

    >>> credit_inner(["黄淑妍", "胡晶晶", "李丹丹"], {"黄淑妍": "记者", "胡晶晶": "通讯员", "李丹丹": "通讯员"})
    '记者 黄淑妍 通讯员 胡晶晶 李丹丹'
    """
    parts: list[str] = []
    last = None
    for name in reporters:
        role = roles.get(name, "")
        if role != last and role:
            parts.append(role)
        parts.append(name)
        last = role
    return " ".join(parts)


def format_dateline(dateline: str, inner: str, half_width: bool = False) -> str:
    """本报讯（融媒见习记者 郑旭华）, or with half-width parentheses after a space.

    >>> format_dateline("本报讯", "记者 严嘉慧", half_width=True)
    '本报讯 (记者 严嘉慧)'
    """
    return f"{dateline} ({inner})" if half_width else f"{dateline}（{inner}）"


def format_group_byline(reporters: list[str], roles: dict[str, str]) -> str:
    """■柯城采访小组 毛霄云 姚沐水: a team credit line before the body.

    >>> format_group_byline(["毛霄云", "蓝晨"], {"毛霄云": "柯城采访小组", "蓝晨": "柯城采访小组"})
    '■柯城采访小组 毛霄云 蓝晨'
    """
    return "■" + credit_inner(reporters, roles)


def format_byline(reporters: list[str], roles: dict[str, str], rng: random.Random) -> str:
    """A credit printed on its own line after the body, in one of the shapes papers use:
    记者 X 通讯员 Y, 作者 X, ■作者 X, 来源：X, 文/图 X, （X）.

    >>> format_byline(["郭学红"], {"郭学红": "作者"}, random.Random(3))
    '作者：郭学红'
    """
    names = " ".join(reporters)
    if all(roles.get(n) == "作者" for n in reporters):
        return rng.choice([f"作者 {names}", f"作者：{names}", f"■作者 {names}", f"来源：{names}",
                           f"（{names}）", f"文/{names}", f"撰稿：{names}"])
    inner = credit_inner(reporters, roles)
    return rng.choice([inner, f"（{inner}）", f"■{inner}", f"文/图 {names}" if len(reporters) == 1 else inner])


# ---------------------------------------------------------------------------------------------
# Styles: which damage a story gets
# ---------------------------------------------------------------------------------------------

# Damage kinds and how often a story (or page) gets each when it is allowed.
DAMAGE: dict[str, float] = {
    "blank_lines": 0.4,
    "letter_spacing": 0.25,
    "number_padding": 0.5,
    "doubled_headline": 0.15,
    "doubled_headline_lines": 0.15,
    "headline_after_body": 0.2,
    "one_line_headline": 0.1,
    "broken_headline": 0.5,
    "embedded_brief": 0.3,
    "run_in_credit": 0.4,
    "trailing_credit": 0.3,
    "byline_credit": 0.3,
    "halfwidth_credit": 0.3,
    "frame_spaces": 0.5,
    "decorated_subheads": 0.5,
    "invented_subheads": 0.2,
    "captions": 0.25,
    "captions_after_headline": 0.4,
    "continuation": 0.1,
    "halfwidth_punctuation": 0.25,
    "dotted_ellipsis": 0.5,
    "lost_quotes": 0.15,
    "narrow_column": 0.08,
    "wide_column": 0.15,
    "unbroken": 0.25,
    "split_words": 0.1,
    "wide_lead": 0.2,
    "furniture_inside": 0.3,
    "shuffled_order": 0.5,
}


def _roll(rng: random.Random, name: str, allowed: frozenset[str], used: list[str]) -> bool:
    """Draw whether damage `name` happens; always consumes one draw so seeds stay stable."""
    hit = rng.random() < DAMAGE[name] and name in allowed
    if hit:
        used.append(name)
    return hit


def draw_style(article: dict, rng: random.Random, allowed: frozenset[str],
               width: int | None = None) -> Style:
    """Pick the layout and damage one story is printed with."""
    used: list[str] = []
    length = sum(len(p) for p in article["paragraphs"])
    narrow = _roll(rng, "narrow_column", allowed, used) and length < 900
    wide = _roll(rng, "wide_column", allowed, used)
    unbroken = _roll(rng, "unbroken", allowed, used)
    if width is None:
        width = (rng.randint(3, 5) if narrow else rng.randint(36, 42) if wide
                 else 0 if unbroken else rng.randint(10, 22))
    style = Style(width=width, used=used)
    style.blank_every_line = _roll(rng, "blank_lines", allowed, used) and width > 0
    style.indent = 2 if width >= 8 else 0
    style.frame_height = rng.randint(12, 40) if _roll(rng, "frame_spaces", allowed, used) else 0
    style.split_words = _roll(rng, "split_words", allowed, used)
    spaced = _roll(rng, "letter_spacing", allowed, used)
    # a narrow sidebar is spread out almost line by line; wider columns only now and then
    style.letter_spacing = 0.85 if 0 < width <= 5 else 0.08 if spaced else 0.0
    style.number_padding = _roll(rng, "number_padding", allowed, used)
    style.doubled = _roll(rng, "doubled_headline", allowed, used)
    style.doubled_lines = _roll(rng, "doubled_headline_lines", allowed, used) and not style.doubled
    style.head_after = _roll(rng, "headline_after_body", allowed, used)
    style.head_one_line = _roll(rng, "one_line_headline", allowed, used)
    style.head_broken = _roll(rng, "broken_headline", allowed, used)
    if _roll(rng, "run_in_credit", allowed, used):
        style.credit_form = "run_in"
    elif _roll(rng, "trailing_credit", allowed, used):
        style.credit_form = "trailing"
    elif _roll(rng, "byline_credit", allowed, used):
        style.credit_form = "byline"
    style.half_width_credit = _roll(rng, "halfwidth_credit", allowed, used)
    style.captions_first = _roll(rng, "captions_after_headline", allowed, used)
    style.decorate_subheads = _roll(rng, "decorated_subheads", allowed, used)
    style.half_width_punct = _roll(rng, "halfwidth_punctuation", allowed, used)
    style.dotted_ellipsis = _roll(rng, "dotted_ellipsis", allowed, used)
    style.lost_quotes = _roll(rng, "lost_quotes", allowed, used)
    style.wide_lead = _roll(rng, "wide_lead", allowed, used) and 0 < width <= 20
    return style


# ---------------------------------------------------------------------------------------------
# Truth preparation: sections, briefs, continuations, captions
# ---------------------------------------------------------------------------------------------


def subhead_groups(subheads: list[str]) -> list[list[str]]:
    """Pair a short label (靶向施策) with the subhead after it: they print together.

    >>> subhead_groups(["靶向施策", "聚力打好一盘棋", "加强督查提质量"])
    [['靶向施策', '聚力打好一盘棋'], ['加强督查提质量']]
    """
    groups: list[list[str]] = []
    pending: list[str] = []
    for s in subheads:
        pending.append(s)
        if len(s) > 4:
            groups.append(pending)
            pending = []
    if pending:
        groups.append(pending)
    return groups


def make_sections(article: dict) -> list[tuple[list[str], list[str]]]:
    """Spread the subheads over the paragraphs in order: (subheads, paragraphs) per section."""
    paras = list(article["paragraphs"])
    groups = subhead_groups(list(article.get("subheads") or []))
    if not groups or len(paras) < 2:
        return [([], paras)] + [(g, []) for g in groups]
    starts = sorted({1 + (j * (len(paras) - 1)) // len(groups) for j in range(len(groups))})
    while len(starts) < len(groups):  # fewer paragraphs than subhead groups: stack the rest
        starts.append(starts[-1])
    sections = [([], paras[: starts[0]])]
    for j, g in enumerate(groups):
        end = starts[j + 1] if j + 1 < len(groups) else len(paras)
        sections.append((g, paras[starts[j]:end]))
    return sections


def invent_subheads(article: dict, rng: random.Random) -> None:
    """Give a long story subheads made from its own words (a clause of the paragraph they head):
    the corpus dropped the ones printed, and a page reader must know their shape."""
    paras = article["paragraphs"]
    if len(paras) < 4 or article.get("subheads"):
        return
    heads = []
    for para in paras[2::2][:3]:
        clause = re.split("[，。；：！？、“”（）]", para)[0]
        if 4 <= len(clause) <= 14 and not re.search(r"[0-9A-Za-z]", clause):
            heads.append(clause)
    article["subheads"] = heads[: rng.randint(1, 3)] if len(heads) >= 2 else []


def invent_captions(article: dict, rng: random.Random) -> None:
    """Photo captions made from the story's words (a short clause), as printed under a photo."""
    clauses = [c for p in article["paragraphs"] for c in re.split("[，。；！？]", p) if 6 <= len(c) <= 20]
    if clauses:
        article["captions"] = rng.sample(clauses, min(len(clauses), rng.randint(1, 2)))


def truth_from_sections(article: dict, sections: list[tuple[list[str], list[str]]]) -> dict:
    """The gold-shaped truth of a story as printed from these sections."""
    truth = copy.deepcopy(article)
    truth["subheads"] = [s for heads, _ in sections for s in heads]
    truth["paragraphs"] = [p for _, paras in sections for p in paras]
    return truth


def make_brief(article: dict, rng: random.Random) -> dict:
    """A short story from a longer one: its first one or two paragraphs, no subheads or photos."""
    brief = copy.deepcopy(article)
    brief["paragraphs"] = brief["paragraphs"][: rng.randint(1, 2)]
    brief["subheads"], brief["captions"], brief["continued_to"] = [], [], None
    return brief


def cut_for_continuation(sections: list[tuple[list[str], list[str]]], rng: random.Random
                         ) -> tuple[list[tuple[list[str], list[str]]], str]:
    """Cut a story mid-sentence where it jumps to another page; return what stays and the page."""
    flat = [(i, j) for i, (_, paras) in enumerate(sections) for j in range(len(paras))]
    i, j = flat[rng.randrange(1, len(flat))] if len(flat) > 1 else flat[0]
    para = sections[i][1][j]
    cut = rng.randrange(min(12, len(para) - 1), len(para)) if len(para) > 2 else len(para)
    while cut < len(para) and (para[cut - 1] in PUNCT or para[cut] in PUNCT):
        cut += 1  # cut between two characters of a word, as a jump line does
    kept = [(h, list(p)) for h, p in sections[:i]] + [(sections[i][0], sections[i][1][:j] + [para[:cut]])]
    return kept, f"{rng.randint(2, 8)}版"


# ---------------------------------------------------------------------------------------------
# Rendering one story into blocks
# ---------------------------------------------------------------------------------------------


def damage_text(text: str, style: Style) -> str:
    """Apply a story's text-level damage (punctuation, ellipsis, quotes) to one paragraph."""
    if style.lost_quotes:
        text = drop_quotes(text)
    if style.half_width_punct:
        text = use_halfwidth_punctuation(text)
    if style.dotted_ellipsis:
        text = dot_ellipsis(text)
    return text


def damage_line(line: str, style: Style, rng: random.Random, spread_ok: bool = True) -> str:
    """Apply a story's line-level damage (number padding, letter spacing) to one printed line."""
    if style.number_padding:
        line = pad_numbers(line)
    if style.letter_spacing and spread_ok and rng.random() < style.letter_spacing:
        line = letter_space(line)
    return line


def lay_out_paragraph(text: str, style: Style, rng: random.Random, width: int | None = None
                      ) -> list[str]:
    """Print one (already damaged) paragraph: column-broken, or one line, or cut at a column end."""
    width = style.width if width is None else width
    if width == 0:
        cut = style.frame_height and rng.random() < 0.15
        lines = split_at_column_end(text, rng) if cut else [text]
    else:
        lines = break_column(text, width, style.indent, style.split_words)
    return [damage_line(x, style, rng, spread_ok=0 < len(x) <= 24) for x in lines]


PART_ROLES = {"kicker": Role.KICKER, "title": Role.TITLE, "subtitle": Role.SUBTITLE}


def headline_block(article: dict, style: Style, rng: random.Random, doubled: list[str]) -> Block:
    """The display lines of a headline with their roles: stacked, one line, broken, doubled."""
    parts = [(k, article.get(k)) for k in ("kicker", "title", "subtitle")]
    parts = [(k, drop_quotes(p) if style.lost_quotes else p) for k, p in parts if p]
    if style.head_one_line and not style.head_after and len(parts) == 1:
        return Block("head", [one_line_headline(p for _, p in parts)], [Role.TITLE])
    lines: list[str] = []
    roles: list[Role] = []
    for key, part in parts:
        if key == "subtitle" and rng.random() < 0.4:
            part = "——" + part
        if style.head_after or (style.head_broken and (" " in part or len(part) > 14)):
            pieces = break_headline(part, rng, max_len=7 if style.head_after else 12)
        else:
            pieces = [part]
        lines += pieces
        roles += [PART_ROLES[key]] * len(pieces)
    if style.doubled and not style.head_after:
        doubled.extend(lines)
        lines = [double_line(x) for x in lines]
    elif style.doubled_lines:
        # fake bold: each display line drawn twice; the second print is no part of the story
        twice: list[str] = []
        twice_roles: list[Role] = []
        for line, role in zip(lines, roles, strict=True):
            twice += [line, line]
            twice_roles += [role, Role.FURNITURE]
            doubled.append(line)
        lines, roles = twice, twice_roles
    return Block("head", lines, roles)


def subhead_block(heads: list[str], style: Style, rng: random.Random, doubled: list[str]
                  ) -> Block:
    """Print a section's subheads: decorated labels, clauses on two lines, a frame space."""
    lines: list[str] = []
    roles: list[Role] = []
    for s in heads:
        if len(s) <= 4 and style.decorate_subheads:
            lines.append(decorate_subhead(s))
        elif " " in s and style.head_broken and rng.random() < 0.5:
            lines.extend(s.split(" ", 1))
        elif len(s) > 14 and style.head_broken and rng.random() < 0.5:
            lines.extend(break_headline(s, rng, max_len=10))
        else:
            lines.append(s)
        roles += [Role.SUBHEAD] * (len(lines) - len(roles))
    if lines and style.frame_height and rng.random() < 0.3:
        lines[0] = mark_frame_start(lines[0])
    return Block("subhead", lines, roles)


def credit_texts(article: dict, style: Style, rng: random.Random) -> tuple[str | None, str | None]:
    """The credit printed before the body and the byline printed after it (either may be None)."""
    reporters = list(article.get("reporters") or [])
    roles = dict(article.get("roles") or {})
    dateline = article.get("dateline")
    if not reporters:
        return (dateline, None) if dateline else (None, None)
    inner = credit_inner(reporters, roles)
    if any(roles.get(n, "").endswith(GROUP_SUFFIXES) for n in reporters):
        return format_group_byline(reporters, roles), None
    if style.credit_form in ("trailing", "byline") and not dateline:
        return None, format_byline(reporters, roles, rng) if style.credit_form == "byline" else f"（{inner}）"
    if all(roles.get(n) == "作者" for n in reporters) and not dateline:
        return None, format_byline(reporters, roles, rng)
    dateline = dateline or rng.choice(DATELINES)
    return format_dateline(dateline, inner, style.half_width_credit), None


def render_article(article: dict, sections: list[tuple[list[str], list[str]]], style: Style,
                   rng: random.Random, doubled: list[str]) -> tuple[list[Block], dict]:
    """Print one story as blocks; return the blocks and the exact truth for what was printed."""
    truth = truth_from_sections(article, sections)
    truth["layout"] = list(style.used)  # which damage this story got, for reading failures
    head = headline_block(article, style, rng, doubled)
    lead_credit, byline = credit_texts(article, style, rng)
    truth["credit"] = lead_credit or byline
    captions = list(article.get("captions") or [])
    blocks: list[Block] = [] if style.head_after else [head]
    if captions and style.captions_first:
        blocks += [Block("caption", [c], [Role.CAPTION]) for c in captions]
    body: list[Block] = []
    first = True
    paragraphs = [(k, j, p) for k, (_, paras) in enumerate(sections) for j, p in enumerate(paras)]
    last_para = paragraphs[-1][:2] if paragraphs else None
    for k, (heads, paras) in enumerate(sections):
        if heads:
            body.append(subhead_block(heads, style, rng, doubled))
        for j, para in enumerate(paras):
            text = damage_text(para, style)
            if first and lead_credit and style.credit_form == "run_in":
                text = lead_credit + rng.choice(["", " "]) + text
            elif first and lead_credit:
                line = damage_line(lead_credit, style, rng, False)
                body.append(Block("credit", [line], [Role.CREDIT]))
            if byline and byline.startswith("（") and (k, j) == last_para:
                text += byline  # a trailing （记者 X） printed at the end of the last paragraph
            width = rng.randint(26, 32) if (first and style.wide_lead) else None
            lines = lay_out_paragraph(text, style, rng, width)
            if article.get("continued_to") and k == len(sections) - 1 and j == len(paras) - 1:
                lines[-1] += continuation_marker(article["continued_to"], rng.random() < 0.7)
            roles = [Role.BODY] * len(lines)
            if first and not (lead_credit and style.credit_form != "run_in"):
                roles[0] = Role.START
            body.append(Block("para", lines, roles))
            first = False
    if first and lead_credit:  # a story without paragraphs still prints its credit
        body.append(Block("credit", [lead_credit], [Role.CREDIT]))
    _mark_frames(body, style)
    if style.blank_every_line:
        for b in body:
            if b.kind == "para":
                b.lines = add_blank_lines(b.lines)[:-1]
                b.roles = [x for r in b.roles for x in (r, r)][:-1]  # blank lines carry none
    blocks += body
    if byline and not byline.startswith("（"):
        blocks.append(Block("byline", [byline], [Role.BYLINE]))
    if style.head_after:
        head.kind = "tail"
        blocks.append(head)
    if captions and not style.captions_first:
        marks = [rng.choice(CAPTION_MARKS) for _ in captions]
        blocks.append(Block("caption", [mark_caption(c, m) for c, m in zip(captions, marks, strict=True)],
                            [Role.CAPTION] * len(captions)))
    return blocks, truth


def _mark_frames(body: list[Block], style: Style) -> None:
    """Start a new text frame (leading space) every `frame_height` body lines."""
    if not style.frame_height:
        return
    count = 0
    for b in body:
        if b.kind != "para":
            continue
        for i in range(len(b.lines)):
            count += 1
            if count % style.frame_height == 0:
                b.lines[i] = mark_frame_start(b.lines[i])


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


def model_tags(blocks: list[Block]) -> list[str]:
    """The tag of every printed line: its role, with "+" on a display line that goes on the
    headline part of the line before it (so the model learns where one headline ends and the
    next begins, even when two are printed one under the other)."""
    tags: list[str] = []
    for b in blocks:
        last: Role | None = None
        for line, role in zip(b.lines, b.roles, strict=True):
            if not line.strip():
                continue
            if role in PART_ROLES.values():
                tags.append(model_tag(role, continues=role is last))
                last = role
            else:
                tags.append(model_tag(role, continues=False))
    return tags


def blocks_to_lines(blocks: list[Block], rng: random.Random) -> tuple[list[str], list[Role]]:
    """Join blocks with a blank line between them (sometimes two); the roles of non-blank lines."""
    out: list[str] = []
    roles: list[Role] = []
    for b in blocks:
        out.extend(b.lines)
        roles.extend(role for line, role in zip(b.lines, b.roles, strict=True) if line.strip())
        if b.gap:
            out.extend([""] * (1 if rng.random() < 0.9 else 2))
    return out, roles


def embed_brief(host: list[Block], brief: list[Block], rng: random.Random) -> list[Block] | None:
    """Print a short story inside a long one, right before one of its subheads."""
    slots = [i for i, b in enumerate(host) if b.kind == "subhead" and i > 1]
    if not slots:
        return None
    i = rng.choice(slots)
    return host[:i] + brief + host[i:]


def insert_banner(blocks: list[Block], line: str, rng: random.Random) -> list[Block]:
    """Put a furniture line inside a story between two body blocks; the next starts a frame."""
    slots = [i for i in range(1, len(blocks)) if blocks[i].kind == "para"]
    if not slots:
        return blocks + [Block("furniture", [line], [Role.FURNITURE])]
    i = rng.choice(slots)
    nxt = blocks[i]
    nxt.lines = [mark_frame_start(nxt.lines[0])] + nxt.lines[1:]
    return blocks[:i] + [Block("furniture", [line], [Role.FURNITURE], gap=False)] + blocks[i:]


def pick_articles(pool: list[dict], n: int, rng: random.Random) -> list[dict]:
    """Choose n different stories from the pool."""
    return [copy.deepcopy(a) for a in rng.sample(pool, min(n, len(pool)))]


def generate_page(seed: int, config: PageConfig | None = None,
                  pool: list[dict] | None = None) -> GeneratedPage:
    """One damaged page and its truth, fully determined by `seed`, the config and the pool."""
    config = config or PageConfig()
    rng = random.Random(seed)
    pool = pool if pool is not None else load_pool("fit")
    allowed = frozenset(DAMAGE) if config.damage is None else config.damage
    n = config.n_articles or rng.choice([1, 2, 2, 3, 3, 4])
    picked = pick_articles(pool, n, rng)
    doubled: list[str] = []
    used: list[str] = []
    for art in picked:
        if not art.get("subheads") and _roll(rng, "invented_subheads", allowed, used):
            invent_subheads(art, rng)
        if not art.get("captions") and _roll(rng, "captions", allowed, used):
            invent_captions(art, rng)
    brief_src = None
    hosts = [i for i, a in enumerate(picked) if a.get("subheads") and len(a["paragraphs"]) > 2]
    if len(picked) >= 2 and _roll(rng, "embedded_brief", allowed, used) and hosts:
        host = rng.choice(hosts)
        brief_src = make_brief(picked.pop(rng.choice([i for i in range(len(picked)) if i != host])),
                               rng)
    rendered: list[tuple[list[Block], dict]] = []
    for art in picked:
        style = draw_style(art, rng, allowed, config.width)
        used += style.used
        sections = make_sections(art)
        if not art.get("continued_to") and _roll(rng, "continuation", allowed, used):
            sections, art["continued_to"] = cut_for_continuation(sections, rng)
        rendered.append(render_article(art, sections, style, rng, doubled))
    if _roll(rng, "shuffled_order", allowed, used):
        rng.shuffle(rendered)
    order: list[dict] = [truth for _, truth in rendered]
    story_blocks: list[list[Block]] = [blocks for blocks, _ in rendered]
    if brief_src is not None:
        style = draw_style(brief_src, rng, allowed, config.width)
        style.head_after, style.head_one_line = True, False  # a brief's title often trails it
        brief_blocks, brief_truth = render_article(brief_src, make_sections(brief_src), style,
                                                   rng, doubled)
        for k, blocks in enumerate(story_blocks):
            merged = embed_brief(blocks, brief_blocks, rng)
            if merged is not None:
                story_blocks[k] = merged
                brief_truth["embedded_in"] = order[k]["title"]
                order.insert(k + 1, brief_truth)
                used.append("embedded_brief_placed")
                break
        else:
            story_blocks.append(brief_blocks)
            order.append(brief_truth)
    places = [p for a in order for p in a.get("districts") or []]
    paper, top, singles = draw_furniture(rng, places) if config.furniture else (None, [], [])
    publication = paper if top and paper in top[-1] + top[0] else None
    furniture = [x for g in top for x in g]
    page: list[Block] = [Block("furniture", g, [Role.FURNITURE] * len(g)) for g in top]
    for line in singles:
        where = rng.random()
        furniture.append(line)
        if where < 0.3 and "furniture_inside" in allowed:
            k = rng.randrange(len(story_blocks))
            story_blocks[k] = insert_banner(story_blocks[k], line, rng)
            used.append("furniture_inside")
        elif where < 0.6:
            page.append(Block("furniture", [line], [Role.FURNITURE]))
        else:
            story_blocks[-1] = story_blocks[-1] + [Block("furniture", [line], [Role.FURNITURE])]
    for blocks in story_blocks:
        page += blocks
    lines, roles = blocks_to_lines(page, rng)
    lines = [""] * rng.choice([0, 0, 0, 4]) + lines
    return GeneratedPage(
        text="\n".join(lines).rstrip("\n") + "\n",
        articles=order,
        furniture=furniture,
        roles=roles,
        tags=model_tags(page),
        doubled=doubled,
        damage=sorted(set(used)),
        publication=publication,
    )


# ---------------------------------------------------------------------------------------------
# Output: page files and score.py-compatible gold
# ---------------------------------------------------------------------------------------------


def gold_document(page: GeneratedPage, source: str) -> dict:
    """The page's truth in the shared gold schema, for score.py."""
    keep = ARTICLE_KEYS + ("credit", "layout", "origin")
    return {
        "source": source,
        "publication": page.publication,
        "page_label": None,
        "page_banner": None,
        "furniture": list(page.furniture),
        "articles": [{k: a.get(k) for k in keep} for a in page.articles],
        "damage": list(page.damage),
    }


def generate_pages(split: str, seed: int, pages: int, config: PageConfig | None = None,
                   with_seeds: bool | None = None) -> list[tuple[str, GeneratedPage]]:
    """`pages` pages from one part of the corpus, named gen_<split>_<seed>_<n>.txt (with the
    seeds' stories too when ``with_seeds``: see ``load_pool``)."""
    pool = load_pool(split, with_seeds)
    return [(f"gen_{split}_{seed}_{i:04d}.txt", generate_page(seed * 100_003 + i, config, pool))
            for i in range(pages)]


def write_pages(out: Path, named: Iterable[tuple[str, GeneratedPage]]) -> int:
    """Write pages to out/pages/*.txt (+ pages.yml) and their truth to out/gold/*.yml."""
    (out / "pages").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}
    count = 0
    first_day = date(2024, 1, 1)  # a made-up issue date, one a page: undated pages are drafts
    for name, page in named:
        (out / "pages" / name).write_text(page.text, encoding="utf-8")
        doc = gold_document(page, name)
        (out / "gold" / (Path(name).stem + ".yml")).write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        manifest[name] = {"publication": page.publication,
                          "date": (first_day + timedelta(days=count)).isoformat(), "page": 1}
        count += 1
    (out / "pages" / "pages.yml").write_text(
        yaml.safe_dump(manifest, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return count


def main(argv: list[str] | None = None, write: Callable[[str], object] = print) -> int:
    """CLI: write generated pages from one part of the corpus and their gold."""
    ap = argparse.ArgumentParser(prog="python -m civicnews.fit.pagegen", description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("fit", "val"), default="val", help="corpus part the stories come from")
    ap.add_argument("--seed", type=int, default=1, help="random seed: same seed, same pages")
    ap.add_argument("--out", type=Path, required=True, help="folder for pages/ and gold/")
    ap.add_argument("--pages", type=int, default=20, help="how many pages")
    args = ap.parse_args(argv)
    if not shared_available():
        write(f"civicnews: no corpus at {SHARED / 'corpus'} (it sits beside the checkout, in ../shared)")
        return 2
    count = write_pages(args.out, generate_pages(args.split, args.seed, args.pages))
    write(f"wrote {count} pages to {args.out / 'pages'} and gold to {args.out / 'gold'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
