"""Features stage: what the line-role model sees of each line, as small named functions.

Each feature function takes a ``LineView`` (one cleaned line and the page around it) and returns
short strings such as ``"end=sentence"``. ``FEATURES`` is the registry, in order; the model's
weights for these strings are fitted on generated pages (``make model``), so no threshold here
decides a role: the buckets only say what is worth telling apart. Neighbours' shapes are added
with a ``-1:``/``+1:`` prefix so the model sees a line in its context.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import wordlist
from .model import Line
from .patterns import CJK, CLOSERS, CONTINUATION, CONTINUES, SENTENCE_END, SERIES, cjk_count
from .rules import Rules

# Lines on each side that tell a line's column width (the upper quartile of their widths).
WIDTH_WINDOW = 6
# Lines longer than this are no headline line: the word-break test (jieba) is not run on them.
DISPLAY_MAX = 24
# Lines on each side whose words a headline is expected to share (its story's first lines).
CONTENT_WINDOW = 30

_CJK_RUN = re.compile(f"[{CJK}]")
# Everything but CJK: removing it leaves a text's CJK characters in one C call (findall made a
# string per character).
_NON_CJK = re.compile(f"[^{CJK}]+")
# A dateline: 本报讯, 本台讯, 义乌讯, 本报永康4月3日讯, 新华社北京3月5日电 …
_DATELINE = re.compile(rf"^[{CJK}\d月日]{{1,14}}(讯|电)\s*[（(]?|^[（(]\s*(记者|通讯员|融媒|全媒体)")
# Role words that a credit or byline carries.
_ROLE = re.compile(r"记者|通讯员|作者|来源|撰稿|摄影|摄像|编辑|责编|实习生|供稿|报道组|采访组|采访小组|文/图|图/文|文／图")
# A whole line of role words and 2–4 character names: 记者 X 通讯员 Y, 作者：X, ■作者 X.
_CREDIT_LINE = re.compile(
    rf"^[■□●◆]?\s*(?:[{CJK}/／]{{0,8}}(?:记者|通讯员|作者|来源|撰稿|摄影|文|图|实习生|供稿|撰稿人)[：:]?\s*"
    rf"[{CJK}]{{2,4}}(?:[ 、,，][{CJK}]{{2,4}})*\s*)+$"
)
# A trailing credit in brackets: …。（记者 X 通讯员 Y） or （李之永）.
_TRAIL_CREDIT = re.compile(rf"[（(]\s*(?:[{CJK}]{{0,8}}(?:记者|通讯员|作者|摄影)\s*)?[{CJK}]{{2,4}}(?:\s+[{CJK}]{{2,4}})*\s*[)）]$")
# A page's production credits (审核：X 版式：Y): furniture, though it names people.
_STAFF = re.compile(r"(审核|审稿|版式|美编|校对|组版|签发|值班编辑|责任编辑|责编|编辑)\s*[:：]")
_PHONE = re.compile(r"\d{3,4}-\d{7,8}|\d{7,8}$|热线|邮箱|@|www\.|\.cn|\.com|APP")
_WEEKDATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|星期[一二三四五六日天]|农历")
_PAGE_LABEL = re.compile(r"^[A-H]\d{0,2}\s|^第?[0-9一二三四五六七八九十]{1,3}版|^\d{1,2}版")
# Any of the three: a line no reader takes for a headline, wherever it stands.
FURNITURE_SHAPE = re.compile("|".join(p.pattern for p in (_PHONE, _WEEKDATE, _PAGE_LABEL)))
# Words a story's first sentence often opens with.
_LEAD_WORDS = re.compile(r"^(近日|日前|今年以来|连日来|近年来|昨日|昨天|今天|今日|目前|当前|为进一步|为深入|为切实|为全面|为推进|为加强|\d{1,2}月\d{1,2}日|\d{4}年)")
_PUNCT_SENTENCE = re.compile("[，。；！？]")
_CLAUSE = re.compile("[，。；！？、]")
_CAPTION_MARKS = "▲▶►◀△▼▽↑↓←→"
_BYLINE_MARKS = "■□●◆"


@dataclass(slots=True)  # one per line of every page: no instance dict to make
class LineView:
    """One line as the features see it: its text and layout, and the page around it."""

    index: int
    line: Line
    lines: list[Line]
    column: float  # the local column width (em)
    grams: frozenset[str]  # the line's CJK bigrams
    after: float  # share of its bigrams found in the lines after it (within CONTENT_WINDOW)
    before: float  # … and before it
    rules: Rules | None  # None: no furniture rules (the doctests)


def _bucket(value: float, edges: tuple[float, ...], names: tuple[str, ...]) -> str:
    """The name of the first edge the value is below (the last name when it is below none).

    >>> _bucket(0.5, (0.5, 1.0), ("low", "mid", "high")), _bucket(float("nan"), (1.0,), ("a", "b"))
    ('mid', 'b')
    """
    # edges are sorted: the edges at or below the value, counted by bisection, index the name
    return names[min(bisect.bisect_right(edges, value), len(names) - 1)]


def length(view: LineView) -> list[str]:
    """How long the line is, in CJK characters: short display lines and full text lines differ.

    >>> length(_view("多领域全面发动"))
    ['len=7-9']
    """
    n = cjk_count(view.line.text)
    return [_LENGTHS[n] if n < len(_LENGTHS) else _LENGTHS[-1]]


# length's feature for each count below its last edge (and the last for any count above):
# a lookup, not a walk over the edges, for every line.
_LENGTHS = tuple("len=" + _bucket(n, (1, 2, 3, 4, 5, 7, 10, 13, 17, 25, 41),
                                  ("0", "1", "2", "3", "4", "5-6", "7-9", "10-12", "13-16", "17-24",
                                   "25-40", "41+"))
                 for n in range(42))


def width_ratio(view: LineView) -> list[str]:
    """The line's width against its column: a body line fills it, a display line does not.

    >>> width_ratio(_view("多领域全面发动", column=14.0))
    ['fill=half']
    """
    column = view.column or 1.0
    ratio = (view.line.width or len(view.line.text)) / column
    return [_FILL[bisect.bisect_right(_FILL_EDGES, ratio)]]  # _bucket, without its call


# The features' names made once, not for each line: the lines' shapes are the keys of
# _shifted's cache, which kept each line's own copy of them (~1.4 MB a worker, stop 37).
_FILL = tuple(f"fill={n}" for n in ("tiny", "half", "most", "nearly", "full", "wider", "much_wider"))
_SHARE = ("none", "low", "some", "high")
_AFTER, _BEFORE = tuple(f"after={n}" for n in _SHARE), tuple(f"before={n}" for n in _SHARE)
# Their buckets' edges: one name more than edges, so the edges at or below a value (NaN: all)
# index its name directly, as _bucket gives it (three calls a line fewer).
_FILL_EDGES = (0.35, 0.6, 0.85, 0.95, 1.08, 1.5)
_SHARE_EDGES = (0.01, 0.25, 0.5)


def line_end(view: LineView) -> list[str]:
    """What the line ends on: a sentence end, a comma-like mark, a closing quote, a character.

    >>> line_end(_view("创建成果也将得到更好的保护。"))
    ['end=sentence']
    """
    text = view.line.text.rstrip()
    if not text:
        return ["end=empty"]
    stripped = text.rstrip(CLOSERS + " ")
    if stripped and stripped[-1] in SENTENCE_END:
        return ["end=sentence"]
    last = text[-1]
    if last in CONTINUES:
        return ["end=comma"]
    if last in CLOSERS:
        return ["end=closer"]
    if _CJK_RUN.match(last):
        return ["end=cjk"]
    return ["end=digit" if last.isdigit() else "end=other"]


def inner_punctuation(view: LineView) -> list[str]:
    """Sentence punctuation inside the line: display text (titles, labels) carries little.

    >>> inner_punctuation(_view("会上，区委书记指出，要加强"))
    ['punct=2+']
    """
    n = len(_PUNCT_SENTENCE.findall(view.line.text[:-1]))
    out = [("punct=0", "punct=1", "punct=2+")[min(n, 2)]]
    if "：" in view.line.text[:-1]:
        out.append("colon")  # 某某镇：… opens many headlines as well as quotes in text
    return out


def phrases(view: LineView) -> list[str]:
    """How many space-separated phrases: a kicker pair or slogan sets two phrases apart.

    >>> phrases(_view("垃圾分类 人人有责"))
    ['phrases=2']
    """
    n = len(view.line.text.split())
    return [("phrases=1", "phrases=1", "phrases=2", "phrases=3+")[min(n, 3)]]


def line_start(view: LineView) -> list[str]:
    """What the line opens with: a photo mark, a byline mark, a dash, a quote, a bracket.

    >>> line_start(_view("——记现代农业装备高新区"))
    ['start=dash']
    """
    text = view.line.text
    first = text[:1]
    if not first:
        return ["start=empty"]
    if first in _CAPTION_MARKS:
        return ["start=caption_mark"]
    if first in _BYLINE_MARKS:
        return ["start=byline_mark"]
    if text.startswith(("——", "—", "--")):
        return ["start=dash"]
    if first in "“‘「『":
        return ["start=quote"]
    if first in "（(【[":
        return ["start=bracket"]
    if first == "·":
        return ["start=dot"]
    return ["start=digit" if first.isdigit() else "start=latin" if first.isascii() else "start=cjk"]


def layout(view: LineView) -> list[str]:
    """What the PDF tool left of the layout: a new frame, blank lines, a doubled print.

    >>> layout(_view("题", doubled=True))
    ['gap=0', 'doubled']
    """
    line = view.line
    out = ["gap=" + ("0" if line.gap_before == 0 else "1" if line.gap_before == 1 else "2+")]
    if line.frame_start:
        out.append("frame_start")
    if line.doubled:
        out.append("doubled")
    return out


def repeated(view: LineView) -> list[str]:
    """The same text as the line before or after: a headline drawn twice (fake bold, shadow).

    >>> repeated(LineView(1, Line(2, "a", "开发区开门红"), [Line(1, "a", "开发区开门红"), Line(2, "a", "开发区开门红")], 10.0, frozenset(), 0, 0, None))
    ['same_as_prev']
    """
    i, lines, text = view.index, view.lines, view.line.text
    out = []
    if i > 0 and lines[i - 1].text == text:
        out.append("same_as_prev")
    if i + 1 < len(lines) and lines[i + 1].text == text:
        out.append("same_as_next")
    return out


def credit_shapes(view: LineView) -> list[str]:
    """Datelines, role words and credit-shaped lines (本报讯（记者 X）, 作者 X, （记者 X）).

    >>> credit_shapes(_view("本报讯（记者 严嘉慧）"))
    ['dateline', 'role_word', 'trail_credit']
    >>> credit_shapes(_view("记者 潘燕佳 通讯员 李丽"))
    ['role_word', 'credit_line']
    """
    text = view.line.text
    out = []
    if _DATELINE.search(text[:24]):
        out.append("dateline")
    if _ROLE.search(text):
        out.append("role_word")
    if len(text) <= 40 and _CREDIT_LINE.match(text):
        out.append("credit_line")
    if _TRAIL_CREDIT.search(text):
        out.append("trail_credit")
    return out


def furniture_shapes(view: LineView) -> list[str]:
    """Patterns of page furniture: the editor's furniture rules, dates, hotlines, page labels.

    >>> furniture_shapes(_view("2024年3月5日 星期二"))
    ['date_strip']
    >>> furniture_shapes(_view("审核：罗婷 版式：林雪"))
    ['staff_credit']
    """
    text = view.line.text
    out = []
    if view.rules is not None and view.rules.furniture_any.fullmatch(text):
        out.append("furniture_rule")
    if _WEEKDATE.search(text):
        out.append("date_strip")
    if _PHONE.search(text):
        out.append("contact")
    if _PAGE_LABEL.match(text):
        out.append("page_label")
    if _STAFF.search(text):
        out.append("staff_credit")
    if CONTINUATION.search(text):
        out.append("jump")
    if SERIES.search(text):
        out.append("series")
    return out


@lru_cache(maxsize=1)
def _dictionary() -> wordlist.Words:
    """jieba's word list (word → frequency), loaded once (wordlist: compact)."""
    return wordlist.words()


def spans_a_word(left: str, right: str) -> bool:
    """True when a dictionary word of two to four characters runs across the line break, and the
    left side does not end on a whole word of its own (政府大 / 院围墙: 大院).

    >>> spans_a_word("姜家山拆除政府大", "院围墙受好评"), spans_a_word("开发区企业推动", "党的二十大精神")
    (True, False)
    """
    if not left or not right or not _CJK_RUN.match(left[-1]) or not _CJK_RUN.match(right[0]):
        return False
    # the answer reads no more than the left side's last 4 characters and the right side's
    # first 3: asked of those, so that a junction asked again (the stages ask ~130 a page, 3
    # in 10 of them twice; a line end and start recur across pages too) is a cache hit
    return _spans_ends(left[-4:], right[:3])


# spans_a_word's answers by (last 4 characters, first 3). Over 450 text pages (~100 asks a
# page) 37 % of the asks hit with 2,048 entries (~0.6 MB a worker), 35 % with 1,024, 40 %
# with 4,096 (1.25 MB), 53 % with 16,384; stop 40.
@lru_cache(maxsize=2048)
def _spans_ends(left: str, right: str) -> bool:
    """spans_a_word on a line end of at most 4 characters and a line start of at most 3, both
    ending and beginning with CJK."""
    words = _dictionary()
    starting, get = words.starting, words.get
    longest_left = min(4, len(left))
    for a in range(1, 4):
        # the words left[-a:] + right[:b] for b = 1 … 4 - a: those beginning this text that
        # run past left[-a:] (one trie search instead of a lookup for each b). starting lists
        # them shortest first, so the last one tells whether any runs past: no generator, for
        # this runs ~100 times a page (line_chains.story_columns), -17 % a call
        tail = left[-a:]
        found = starting(tail + right[: 4 - a])
        if found and len(found[-1]) > len(tail):
            # …unless the break also ends a longer word on the left (推动 / 党的)
            for n in range(a + 1, longest_left + 1):
                if get(left[-n:]):
                    break
            else:
                return True
    return False


def broken_with_next(view: LineView) -> list[str]:
    """A short line that breaks a word, a name or a quotation with the next line: one phrase
    broken in two (大学生村官黎 / 锦林：…), not a kicker over a title.

    >>> from civicnews.model import Line
    >>> lines = [Line(1, "", "姜家山拆除政府大"), Line(2, "", "院围墙受好评")]
    >>> broken_with_next(LineView(0, lines[0], lines, 14.0, frozenset(), 0, 0, None))
    ['breaks_word']
    """
    i, lines, text = view.index, view.lines, view.line.text
    # display text carries no clause punctuation: only such lines are worth segmenting
    if i + 1 >= len(lines) or len(text) > DISPLAY_MAX or _CLAUSE.search(text):
        return []
    nxt = lines[i + 1].text
    out = []
    if text.count("“") > text.count("”") or text.count("《") > text.count("》"):
        out.append("open_quote")
    if nxt and spans_a_word(text, nxt):
        out.append("breaks_word")
    return out


def opens_story(text: str) -> bool:
    """The text opens with a word a story's first sentence opens with (近日, 日前, 3月25日).

    >>> opens_story("日前，刚察县召开会议。"), opens_story("河故道综合开发项目。")
    (True, False)
    """
    return bool(_LEAD_WORDS.match(text))


def lead_words(view: LineView) -> list[str]:
    """Words a story's first sentence opens with (近日, 日前, 3月25日): a body, not a title.

    >>> lead_words(_view("近日，记者从市住建局获悉"))
    ['lead_word']
    """
    return ["lead_word"] if opens_story(view.line.text) else []


def shared_words(view: LineView) -> list[str]:
    """How much of the line's wording the text after and before it repeats: a headline shares
    words with its story, a masthead or slogan shares none.

    >>> shared_words(_view("题", after=0.7, before=0.0))
    ['after=high', 'before=none', 'shares_after']
    """
    out = [_AFTER[bisect.bisect_right(_SHARE_EDGES, view.after)],
           _BEFORE[bisect.bisect_right(_SHARE_EDGES, view.before)]]
    if view.after > view.before + 0.2:
        out.append("shares_after")
    elif view.before > view.after + 0.2:
        out.append("shares_before")
    return out


def position(view: LineView) -> list[str]:
    """Where on the page the line is: mastheads sit at the top, slogans often at the foot.

    >>> position(LineView(0, Line(1, "", "x"), [Line(1, "", "x")], 1.0, frozenset(), 0, 0, None))
    ['page_first', 'page_last']
    """
    out = []
    if view.index < 3:
        out.append("page_first" if view.index == 0 else "page_top")
    if view.index >= len(view.lines) - 2:
        out.append("page_last")
    return out


# The feature functions in the order they run: the single registry of what the model sees.
FEATURES: dict[str, Callable[[LineView], list[str]]] = {
    "length": length,
    "width_ratio": width_ratio,
    "line_end": line_end,
    "inner_punctuation": inner_punctuation,
    "phrases": phrases,
    "line_start": line_start,
    "layout": layout,
    "repeated": repeated,
    "credit_shapes": credit_shapes,
    "furniture_shapes": furniture_shapes,
    "broken_with_next": broken_with_next,
    "lead_words": lead_words,
    "shared_words": shared_words,
    "position": position,
}
# The features a line's neighbours contribute to it (their shape, not their words).
NEIGHBOUR_FEATURES = ("length", "width_ratio", "line_end", "inner_punctuation", "line_start",
                      "credit_shapes", "phrases", "broken_with_next", "lead_words", "shared_words",
                      "furniture_shapes")
NEIGHBOURS = (-2, -1, 1, 2)  # page_features writes these four offsets out by hand


def column_widths(lines: list[Line]) -> list[float]:
    """Each line's column width: the upper quartile of its neighbours' widths (itself left out),
    so that a short headline does not narrow the column it is measured against."""
    widths = [line.width or float(len(line.text)) for line in lines]
    out = []
    for i in range(len(lines)):
        near = widths[max(0, i - WIDTH_WINDOW): i] + widths[i + 1: i + 1 + WIDTH_WINDOW]
        if not near:
            out.append(widths[i] or 1.0)
            continue
        near.sort()
        out.append(near[(3 * len(near)) // 4] or 1.0)
    return out


# assemble asks again for the bigrams of lines page_views took them of: a page's worth kept
# (9 in 10 pages have at most 267 lines). 1024 held 5.4 MB in each extraction worker; 256
# missed 2 more lines a page of the 1k bench's 400 (42,342 hits of 79,986 against 43,147,
# ~30 µs a miss), stop 38.
@lru_cache(maxsize=256)
def bigrams(text: str) -> frozenset[str]:
    """The CJK character bigrams of a text (the unit a headline and its story share).

    >>> sorted(bigrams("创卫攻坚"))
    ['创卫', '卫攻', '攻坚']
    """
    chars = _NON_CJK.sub("", text)
    return frozenset(map(operator.add, chars, chars[1:]))  # each pair, without a generator


def shared_share(lines_grams: list[frozenset[str]], texts: list[str]) -> tuple[list[float], list[float]]:
    """For each line, the share of its bigrams found in the lines after and before it (within
    CONTENT_WINDOW), not counting lines with the same text (a headline's second print).

    A bigram is found after line i when its next line is within the window, and before it when
    its previous line is: one pass over the page pairs each bigram's lines with the last line
    that had it (the window searches of every bigram of every line cost 1 ms a page).

    >>> texts = ["创卫攻坚", "全力创卫", "攻坚", "创卫攻坚"]  # 卫攻 is only in the second print
    >>> shared_share([bigrams(t) for t in texts], texts)
    ([0.6666666666666666, 0.3333333333333333, 1.0, 0.0], [0.0, 0.3333333333333333, 1.0, 0.6666666666666666])
    """
    after_hits = [0] * len(lines_grams)
    before_hits = [0] * len(lines_grams)
    last: dict[str, int] = {}  # bigram → the last line (so far) that has it
    for k, grams in enumerate(lines_grams):
        for g in grams:
            j = last.get(g)
            if j is not None and k - j <= CONTENT_WINDOW:
                after_hits[j] += 1
                before_hits[k] += 1
            last[g] = k
    counts = Counter(texts)
    if any(counts[t] > 1 and grams for t, grams in zip(texts, lines_grams, strict=True)):
        _twin_hits(lines_grams, texts, counts, after_hits, before_hits)
    after = [hits / len(grams) if grams else 0.0 for hits, grams in zip(after_hits, lines_grams, strict=True)]
    before = [hits / len(grams) if grams else 0.0 for hits, grams in zip(before_hits, lines_grams, strict=True)]
    return after, before


def _twin_hits(lines_grams: list[frozenset[str]], texts: list[str], counts: Counter[str],
               after_hits: list[int], before_hits: list[int]) -> None:
    """shared_share's counts for lines printed twice, whose own other print is no evidence:
    a bigram counts only where a line with other text within the window has it."""
    # where the bigrams of the twice-printed lines occur: only theirs are looked up below
    wanted = frozenset().union(*[grams for text, grams in zip(texts, lines_grams, strict=True)
                                 if counts[text] > 1])
    where: dict[str, list[int]] = {g: [] for g in wanted}
    for k, grams in enumerate(lines_grams):
        for g in grams & wanted:
            where[g].append(k)
    for i, grams in enumerate(lines_grams):
        text = texts[i]
        if counts[text] < 2:
            continue
        after_hits[i] = before_hits[i] = 0
        for g in grams:
            # the nearest other-text line with the bigram on each side decides: walk out from
            # line i and stop there (the window's whole list costs a page repeating itself
            # every twin line's prints within the window, for every bigram)
            places = where[g]
            at = bisect.bisect_left(places, i)  # places[at] is i itself: its grams are g's
            for j in range(at + 1, len(places)):
                k = places[j]
                if k > i + CONTENT_WINDOW:
                    break
                if texts[k] != text:
                    after_hits[i] += 1
                    break
            for j in range(at - 1, -1, -1):
                k = places[j]
                if k < i - CONTENT_WINDOW:
                    break
                if texts[k] != text:
                    before_hits[i] += 1
                    break


def page_views(lines: list[Line], rules: Rules | None) -> list[LineView]:
    """The views of all lines of a page, with the page-level measures computed once."""
    columns = column_widths(lines)
    grams = [bigrams(line.text) for line in lines]
    after, before = shared_share(grams, [line.text for line in lines])
    return [LineView(i, line, lines, columns[i], grams[i], after[i], before[i], rules)
            for i, line in enumerate(lines)]


def line_features(view: LineView) -> dict[str, list[str]]:
    """Every feature of one line, by the registry's names."""
    return {name: fn(view) for name, fn in FEATURES.items()}


def page_features(lines: list[Line], rules: Rules | None) -> list[list[str]]:
    """The feature strings of every line of a page, neighbours' shapes included: the line's
    own features in registry order, then each neighbour's shapes (NEIGHBOUR_FEATURES order)
    prefixed with its offset, nearest first as NEIGHBOURS lists them."""
    views = page_views(lines, rules)
    shapes_of = operator.itemgetter(*_SHAPE_POSITIONS)
    flat = itertools.chain.from_iterable  # one C call where a generator ran per feature
    # each line's row: its registry functions' lists (flattened once, into its final list)
    rows: list[tuple[list[str], ...]] = []
    # each line's shapes as every offset names them, two lines beyond each edge padded with
    # what a missing neighbour contributes, so line i's neighbour at d is padded[i + 2 + d]
    padded: list[tuple[tuple[str, ...], ...]] = [_EDGE, _EDGE]
    # each function over a block of lines (map: no Python loop per line and function), then
    # the lines' rows of the registry's feature lists; in blocks, so that a huge page does not
    # hold every function's list for every line at once
    for start in range(0, len(views), _BLOCK):
        block = views[start:start + _BLOCK]
        block_rows = list(zip(*[list(map(fn, block)) for fn in FEATURES.values()], strict=True))
        rows += block_rows
        padded += [_shifted(tuple(flat(shapes_of(named)))) for named in block_rows]
    padded += (_EDGE, _EDGE)
    # NEIGHBOURS is (-2, -1, 1, 2): offset n of line i is padded[i + 2 + NEIGHBOURS[n]]
    return [["bias", *flat(named), *padded[i][0], *padded[i + 1][1], *padded[i + 3][2], *padded[i + 4][3]]
            for i, named in enumerate(rows)]


# Lines page_features takes at a time: a page's worth (a page has ~90), a bounded memory on a
# huge one (all of a 5 MB page's feature lists at once made it slower).
_BLOCK = 256
# Where each of NEIGHBOUR_FEATURES is in the registry (the shapes are taken from the line's
# own feature lists, in NEIGHBOUR_FEATURES order).
_SHAPE_POSITIONS = tuple(list(FEATURES).index(name) for name in NEIGHBOUR_FEATURES)


class _Prefixed(dict):
    """feature → the names it has as each neighbour offset (NEIGHBOURS order): +1:end=sentence.
    The features are a closed set of a few hundred strings, so each is prefixed once."""

    def __missing__(self, feature: str) -> tuple[str, ...]:
        names = self[feature] = tuple(f"{d:+d}:{feature}" for d in NEIGHBOURS)
        return names


_PREFIXED = _Prefixed()


# 8,192 shape combinations: 2.6 MB of an extraction worker after 200 pages of the 1k bench
# (tracemalloc), still growing (7,570 held after its 400); 2,048 misses 10 lines more a page
# of the 400 (~10 µs each: ~0.1 ms of a ~40 ms page), stop 38.
@lru_cache(maxsize=2048)
def _shifted(shapes: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A line's shapes as each neighbour offset names them (NEIGHBOURS order), one tuple per
    offset: the features' prefixed names transposed. Lines repeat a few thousand shape
    combinations (4 in 5 lines of 400 generated pages repeat one), so this is cached too.

    >>> _shifted(("len=0", "end=cjk"))
    (('-2:len=0', '-2:end=cjk'), ('-1:len=0', '-1:end=cjk'), ('+1:len=0', '+1:end=cjk'), ('+2:len=0', '+2:end=cjk'))
    """
    return tuple(zip(*map(_PREFIXED.__getitem__, shapes), strict=True)) or ((),) * len(NEIGHBOURS)


def _prefixed(offset: int, feature: str) -> str:
    """A neighbour's feature as the model names it (+1:end=sentence)."""
    return _PREFIXED[feature][NEIGHBOURS.index(offset)]


# What a line beyond the page's edge contributes for each neighbour offset.
_EDGE = tuple((_prefixed(d, "none"),) for d in NEIGHBOURS)


def _view(text: str, column: float = 14.0, doubled: bool = False, after: float = 0.0,
          before: float = 0.0) -> LineView:
    """A view of one line alone on a page (for the doctests)."""
    line = Line(1, text, text, doubled=doubled, width=float(len(text)))
    return LineView(0, line, [line], column, bigrams(text), after, before, None)
