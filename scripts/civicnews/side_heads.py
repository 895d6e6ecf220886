"""Two headlines set side by side, both wrapped, read across by the PDF tool into one row:
parted where the row's two halves are as wide as each other.

pdftotext (without -layout) prints the first lines of two headlines that share a baseline as
one row, one space between them, and then each headline's wrapped end on a row of its own
(``左题第一行 右题第一行`` / ``左题末行`` / ``右题末行``). A headline wraps at the width of its
box, so when BOTH headlines wrapped, both first lines fill their boxes: the cut between them
parts the row into two halves of about one width, and each wrapped end is short of its half.
``lines.part_side_titles`` parts such rows only on a word running across a wrap or on ends much
shorter than their halves, and so may pick a cut inside a headline of two phrases
(``甲地：前半句 | 后半句 乙地：…``) or leave the row whole when an end is longer than that share. This stage, run before it, parts the rows its width test decides; the
rest are left to ``part_side_titles``. Only the tool's row merging is used: no font, no
position.
"""

from __future__ import annotations

import re

from .lines import TITLES_STEP, Row, _em, _spans, cut_points
from .settings import SETTINGS

BALANCED_STEP = "part_balanced_heads"
# A full stop or semicolon ends a sentence of text; headlines may hold ！ and ？
_TEXT_END = re.compile("[。；]")


def _display(text: str, most: float) -> bool:
    """A line that may be a headline's last line: no space, no full stop, at most ``most`` em."""
    return " " not in text and not _TEXT_END.search(text) and 0 < _em(text) <= most


def _balanced_cut(row: Row, after: list[Row]) -> int | None:
    """The cut (position in the stripped row) parting ``row`` into two wrapped headlines whose
    ends are the two rows of ``after``, or None.

    >>> _balanced_cut(Row(1, "城南街道整治老旧小区 提升环境 河西镇举办首届乡村邻里文化交流", 1),
    ...               [Row(2, "质量", 0), Row(3, "活动", 0)])
    15
    >>> _balanced_cut(Row(1, "城南街道整治老旧小区 提升环境 河西镇举办首届乡村邻里文化交流", 1),
    ...               [Row(2, "本报讯 近日，城南街道启动整治", 0), Row(3, "活动", 0)])
    """
    if len(after) < 2 or after[0].gap or after[1].gap:
        return None
    text = row.raw.strip()
    if _TEXT_END.search(text):
        return None
    cuts = cut_points(text)
    if not cuts or len(cuts) > SETTINGS.side_titles_max_cuts:
        return None
    ends = [x.raw.strip() for x in after[:2]]
    tolerance = SETTINGS.balanced_heads_tolerance_em
    best: tuple[float, int] | None = None
    for at in cuts:
        left, right = text[:at], text[at + 1:]
        wl, wr = _em(left), _em(right)
        if min(wl, wr) < SETTINGS.balanced_heads_min_em or abs(wl - wr) > tolerance:
            continue
        # each end is a wrapped last line: a display line short of its half (a third line of
        # ONE headline of two phrases is as wide as the whole row; a column's text line under a
        # headline that did not wrap fills the column, about as wide as the half)
        share = SETTINGS.balanced_heads_end_share
        if not (_display(ends[0], share * wl) and _display(ends[1], share * wr)):
            continue
        # a word running from the right half into the first end: that end is the right
        # headline's (or one headline's), not the left one's
        if _spans(right, ends[0]):
            continue
        if best is None or abs(wl - wr) < best[0]:
            best = (abs(wl - wr), at)
    return None if best is None else best[1]


def part_balanced_heads(rows: list[Row]) -> list[Row]:
    """Rows after a blank line that hold two wrapped headlines' first lines, parted at the cut
    whose halves are of one width (within ``balanced_heads_tolerance_em``), when the next two
    rows are display lines each no wider than its half: the left headline with the first, the
    right one (a new headline, after a blank) with the second.

    >>> rows = [Row(1, "城南街道整治老旧小区 提升环境 河西镇举办首届乡村邻里文化交流", 1), Row(2, "质量", 0),
    ...         Row(3, "活动", 0), Row(5, "本报讯 近日，城南街道启动整治。", 1)]
    >>> [(r.raw, r.gap, r.head_start) for r in part_balanced_heads(rows)][:4]
    [('城南街道整治老旧小区 提升环境', 1, False), ('质量', 0, False), ('河西镇举办首届乡村邻里文化交流', 1, True), ('活动', 0, False)]
    >>> rows = [Row(1, "城南街道整治老旧小区环境 河西镇举办邻里节", 1), Row(2, "行动", 0)]
    >>> part_balanced_heads(rows) == rows
    True
    """
    if not SETTINGS.balanced_heads:
        return rows
    out: list[Row] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        at = _balanced_cut(row, rows[k + 1:k + 3]) if row.gap and " " in row.raw.strip() else None
        if at is None:
            out.append(row)
            k += 1
            continue
        at += len(row.raw) - len(row.raw.lstrip())
        note = f"line {row.number} parted into two wrapped headlines side by side (halves of one width)"
        steps = (*row.steps, TITLES_STEP, BALANCED_STEP)
        out.append(Row(row.number, row.raw[:at], row.gap, steps, note))
        out.append(rows[k + 1])
        out.append(Row(row.number, row.raw[at + 1:], max(1, row.gap), steps, head_start=True))
        out.append(rows[k + 2])
        k += 3
    return out


# --- the same two headlines printed one line per row, interleaved (no row merging) ---
INTERLEAVED_PAIR_STEP = "part_interleaved_heads"


def _interleaved_pair(rows: list[Row]) -> bool:
    """True when the four rows are two wrapped headlines' lines printed interleaved, top to
    bottom (左题第一行 / 右题第一行 / 左题末行 / 右题末行): pdftotext prints each on a row of its
    own when their baselines differ a little. All four are display lines; the two first lines
    are of one width (both fill their boxes, as ``_balanced_cut``); each end is short of its
    first line; a word runs from a first line into its own end (源 / 头 is missed by the word
    test where 河源 ends a word: one of the two is enough); none runs from the right first line
    into the left end, nor from the left first line into the right one (the reading of ONE
    headline's lines).

    >>> _interleaved_pair([Row(1, "城南街道整治老旧小区提升环境质", 0), Row(2, "河西镇举办首届乡村邻里文化交流", 0),
    ...                    Row(3, "量", 0), Row(4, "活动", 0)])
    True
    """
    if any(r.gap for r in rows[1:]):
        return False
    a, b, e1, e2 = (r.raw.strip() for r in rows)
    least = SETTINGS.balanced_heads_min_em
    # a line's em width is at most its length: most rows of a page fail here, before _em
    if len(a) < least or len(b) < least or len(e1) >= len(a) or len(e2) >= len(b):
        return False
    wa, wb = _em(a), _em(b)
    if min(wa, wb) < least or abs(wa - wb) > SETTINGS.balanced_heads_tolerance_em:
        return False
    share = SETTINGS.balanced_heads_end_share
    if not (_display(a, wa) and _display(b, wb) and _display(e1, share * wa) and _display(e2, share * wb)):
        return False
    return (_spans(a, e1) or _spans(b, e2)) and not _spans(b, e1) and not _spans(a, b)


def part_interleaved_heads(rows: list[Row]) -> list[Row]:
    """Two wrapped headlines whose lines are printed interleaved one per row (``_interleaved_pair``)
    read back: the left headline's first line and end, then the right one's (a new headline,
    after a blank line).

    >>> rows = [Row(1, "城南街道整治老旧小区提升环境质", 1), Row(2, "河西镇举办首届乡村邻里文化交流", 0),
    ...         Row(3, "量", 0), Row(4, "活动", 0), Row(6, "本报讯 近日，城南街道启动整治。", 1)]
    >>> [(r.number, r.gap, r.head_start) for r in part_interleaved_heads(rows)]
    [(1, 1, False), (3, 0, False), (2, 1, True), (4, 0, False), (6, 1, False)]
    """
    if not SETTINGS.interleaved_pair_heads or len(rows) < 4:
        return rows
    out: list[Row] = []
    k, n = 0, len(rows)
    while k < n:
        # the next three rows follow without a blank line, and the third is shorter than the
        # first (a wrapped end): tried before the row texts are looked at
        if (k + 3 >= n or rows[k + 1].gap or rows[k + 2].gap or rows[k + 3].gap
                or len(rows[k + 2].raw) >= len(rows[k].raw) or not _interleaved_pair(rows[k:k + 4])):
            out.append(rows[k])
            k += 1
            continue
        a, b, e1, e2 = rows[k:k + 4]
        note = f"lines {b.number} and {e1.number} swapped: two headlines side by side printed interleaved"
        step = (INTERLEAVED_PAIR_STEP,)
        out += [a._replace(note=a.note or note, steps=(*a.steps, *step)), e1._replace(steps=(*e1.steps, *step)),
                b._replace(gap=max(1, b.gap), head_start=True, steps=(*b.steps, *step)),
                e2._replace(steps=(*e2.steps, *step))]
        k += 4
    return out
