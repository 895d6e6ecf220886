"""Paragraphs stage: rejoin a story's column-broken lines into paragraphs.

A paragraph ends on a line that ends a sentence and does not fill its column; in a
one-paragraph-per-line text (wide lines that mostly end sentences), every line is one.
"""

from __future__ import annotations

import re

from .patterns import CJK, CLOSERS, CONTINUES, SENTENCE_END

# A body line may be this much narrower than its column and still count as full (ragged right
# edge, half-width digits): absolute part for narrow columns, relative part for wide ones. A
# paragraph's last line that reaches this close to the edge is read as going on.
FULL_TOLERANCE_EM = 1.5
FULL_TOLERANCE_SHARE = 0.1
# A paragraph's first line is indented by about this much (two characters).
INDENT_EM = 2
# Lines at least this wide (em) that mostly end a sentence are one paragraph each.
FULL_LINE_WIDTH = 40
# ... "mostly": this share of the story's lines.
SENTENCE_LINE_SHARE = 0.6
# Marks that may not end a line: a typesetter pushes them to the next line.
OPENING_MARKS = "“‘（《「『"


def em_width(text: str) -> float:
    """Printed width in em: a CJK character or full-width mark is 1, ASCII is half.

    >>> em_width("老330国道")
    4.5
    """
    ascii_chars = len(text.encode("ascii", "ignore"))
    return len(text) - ascii_chars + 0.5 * (ascii_chars - text.count(" "))


def ends_sentence(text: str) -> bool:
    """True if the line ends a sentence (。！？… possibly followed by closing quotes).

    >>> ends_sentence("王家骏说。”"), ends_sentence("撑起开发区“高颜值”")
    (True, False)
    """
    stripped = text.rstrip(_TRAILING)
    return bool(stripped) and stripped[-1] in SENTENCE_END


_TRAILING = CLOSERS + " "  # what may follow a sentence's end on its line


def ends_midsentence(text: str) -> bool:
    """True if the line stops on a comma-like mark, so its paragraph surely goes on.

    >>> ends_midsentence("同时，该区将全区分为6大区块，")
    True
    """
    return bool(text) and text[-1] in CONTINUES


def is_full(width: float, column: float) -> bool:
    """True if a line fills its column (allowing a ragged edge)."""
    return width >= column - max(FULL_TOLERANCE_EM, FULL_TOLERANCE_SHARE * column)


def _column(widths: list[float], i: int, window: int = 6) -> float:
    near = sorted(widths[max(0, i - window): i + window + 1])
    return near[(3 * len(near)) // 4] if near else 0.0


def rejoin_paragraphs(lines: list[str]) -> list[str]:
    """Rejoin one story's broken lines into paragraphs.

    >>> rejoin_paragraphs(["连日来，开发区各班子成员", "分批带队走访企业。", "企业负责人对此表示满", "意。"])
    ['连日来，开发区各班子成员分批带队走访企业。', '企业负责人对此表示满意。']

    A line cut at its column's character count is full, however narrow its digits print:

    >>> len(rejoin_paragraphs(["全县完成户厕改造工程，", "今年新建户厕122座、", "公厕2座，完工率分别为",
    ...                         "93.85%、50%。", "全县持续推进改厕工作，", "确保如期完成。"]))
    1
    """
    cleaned = [t.strip() for t in lines if t.strip()]
    if not cleaned:
        return []
    widths = [em_width(t) for t in cleaned]
    # a column cut by character count (some PDF tools, hard-wrapped text) prints a line of
    # digits narrower than a full one: as many characters as its column's lines is full too
    counts = [float(len(t)) for t in cleaned]
    ends = list(map(ends_sentence, cleaned))  # each line's, once
    one_per_line = (
        _column(widths, len(widths) // 2, len(widths)) >= FULL_LINE_WIDTH
        and sum(ends) >= SENTENCE_LINE_SHARE * len(cleaned)
    ) or all(ends)
    paragraphs: list[str] = []
    current = ""
    for i, text in enumerate(cleaned):
        starts = i == 0 or ends[i - 1]
        current += text
        if i == len(cleaned) - 1:
            break
        if not ends[i]:
            continue  # mid-sentence: the paragraph goes on, however full the line
        if not one_per_line:
            width = widths[i] + (INDENT_EM if starts else 0)
            if cleaned[i + 1][0] in OPENING_MARKS:
                width += 1  # an opening quote may not end a line: it was pushed down
            # the column is measured (a window sorted twice) only for a line ending a sentence
            if is_full(width, _column(widths, i)) or counts[i] + (width - widths[i]) >= _column(counts, i):
                continue  # a full line ending a sentence: the paragraph may go on
        paragraphs.append(current)
        current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


# What a lost quotation may hold: Chinese words, numbers and the marks inside a phrase.
_LOST_QUOTE = re.compile(rf"(?<=[{CJK}，。、：；！？）》\d]) ([{CJK}0-9、，·+\-]{{1,30}}?) (?=[{CJK}（《\d])")
_LONE_SPACE = re.compile(rf"(?<=[{CJK}，。、：；！？”“）》]) (?=[{CJK}“”（《，。、])")


def restore_lost_quotes(text: str) -> str:
    """Put back quotation marks the PDF tool left as spaces: 打好 创文 攻坚战 → 打好“创文”攻坚战.

    >>> restore_lost_quotes("坚持 全区动员、全民动手 的原则")
    '坚持“全区动员、全民动手”的原则'
    >>> restore_lost_quotes("良好的创文 氛围。")
    '良好的创文氛围。'
    """
    text = _LOST_QUOTE.sub(lambda m: "“" + m.group(1) + "”", text)
    return _LONE_SPACE.sub("", text)
