"""Side-by-side columns read across in rows (pdftotext's reading order with narrow gutters),
read back down, column by column.

pdftotext (without -layout) prints the lines of side-by-side columns that share a baseline as
one row, one space between the pieces; where the columns' baselines drift it breaks a visual
row into several rows, each holding the pieces of neighbouring columns, left to right
(``左栏1 中栏1`` then ``右栏1``). ``lines.split_joined_columns`` parts blocks of rows of two
columns; this stage, run before it, takes regions where rows of two or more pieces of one
column width are common (three or more columns too, and the broken visual rows), gives
each piece a column (the next one along the visual row, or the first of a new visual row) and
prints the columns one after another. No font or position is used: only the pieces' widths.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .lines import _ENDS, JOINED_TOLERANCE_EM, Row, _em, _spans, cut_points
from .settings import SETTINGS

ROW_COLUMNS_STEP = "read_row_columns"
_CJK_LIKE = re.compile(r"[^\x00-\x7f]")
_CLAUSE_MARK = re.compile("[，。、；！？]")
# a single space between two wide characters: where a strong row parts (number padding never)
_WIDE_CUT = re.compile(r"[^\x00-\x7f] (?=[^\x00-\x7f])")


def _tokens(text: str) -> list[str]:
    """The row cut at every single space with a wide character beside it (``cut_points``)."""
    out, start = [], 0
    for at in cut_points(text):
        out.append(text[start:at])
        start = at + 1
    out.append(text[start:])
    return [t for t in (x.strip() for x in out) if t]


def _width(text: str) -> float:
    """Em width of a piece without its spaces (a letter-spaced line is as wide as it is set)."""
    return _em(text.replace(" ", ""))


def pieces(text: str, width: float) -> list[str]:
    """The row's column lines at a column ``width`` em: tokens run together, left to right,
    while the piece is short of a full line, does not end a sentence, and the next token still
    fits (a letter-spaced line 行 动 、 交 通, a credit 作者 张照 吴鹏).

    >>> pieces("县里组织干部群众开 作者 张三 李四 有意义，希望经常举办", 9)
    ['县里组织干部群众开', '作者 张三 李四', '有意义，希望经常举办']
    >>> pieces("行 动 、 交 通 秩 序 整 治 行 确老旧小区管理", 10)
    ['行 动 、 交 通 秩 序 整 治 行', '确老旧小区管理']
    """
    out: list[str] = []
    tolerance = JOINED_TOLERANCE_EM
    for token in _tokens(text.strip()):
        if out:
            last = out[-1]
            # a lone character is no column line: a letter-spaced line's last one
            # and a space beside a digit or a letter pads a number (共签约 17 个), no gutter
            short = (_width(last) < width - tolerance and last[-1:] not in _ENDS or len(token) == 1
                     or last[-1:].isascii() or token[:1].isascii())
            if short and _width(last) + _width(token) <= width + tolerance:
                out[-1] = f"{last} {token}"
                continue
        out.append(token)
    return out


def _fits(piece: str, width: float) -> bool:
    """A column line of a column ``width`` em wide: full, or a paragraph's last line."""
    w = _width(piece)
    return w <= width + JOINED_TOLERANCE_EM and (w >= width - 2 * JOINED_TOLERANCE_EM or piece[-1:] in _ENDS)


def _text_piece(piece: str, width: float) -> bool:
    """A piece that is text, never a headline: a clause mark in it, or a full column line.

    >>> _text_piece("县里组织干部群众开展", 10), _text_piece("皋兰红白理事会", 10)
    (True, False)
    """
    return bool(_CLAUSE_MARK.search(piece)) or _width(piece) >= width - JOINED_TOLERANCE_EM


def _strong(parts: list[str], width: float) -> bool:
    """A row read across at least ``row_columns_min_pieces`` columns of ``width``: every piece
    a column line (full, or a paragraph's last), text
    (a clause mark: not a headline's phrases), parted beside wide characters only.

    >>> _strong(["展植树活动，共种下", "有意义，希望经常"], 9), _strong(["村规民约引领", "乡村和美新气象"], 7)
    (True, False)
    """
    # the last of three pieces or more may be any shorter line (a caption or a credit ends a
    # column); of two, it must be a column line too (a text page's word space parts two)
    last = _fits(parts[-1], width) if len(parts) < 3 else _width(parts[-1]) <= width + JOINED_TOLERANCE_EM
    return (len(parts) >= SETTINGS.row_columns_min_pieces and all(_fits(p, width) for p in parts[:-1]) and last
            and any(_CLAUSE_MARK.search(p) for p in parts)
            and not any(a[-1:].isascii() or b[:1].isascii() for a, b in pairwise(parts)))


def _candidate_widths(rows: list[Row]) -> list[int]:
    """Column widths worth trying: the commonest widths of the tokens of rows of several.

    A column's lines differ by an em or so (a justified line holds more characters where its
    punctuation is set narrow), so with ``row_columns_width_merge`` a width counts its
    neighbours' tokens too and no two widths an em apart are both kept: one column's spread
    takes one place of three, not all three (another story's columns were never tried).

    >>> rows = [Row(k, f"{'县里组织干部群众植树，' * 2} {'县里组织干部群众植树' * 2}{'，' * (k % 3)} 好", 0)
    ...         for k in range(9)] + [Row(9, "村民说好，希望常办 村民说好，希望常办 好", 0)] * 4
    >>> _candidate_widths(rows)
    [21, 9]
    """
    counts: dict[int, int] = {}
    for row in rows:
        if row.raw.count(" ") < SETTINGS.row_columns_min_pieces - 1:
            continue
        tokens = _tokens(row.raw.strip())
        if len(tokens) >= SETTINGS.row_columns_min_pieces:
            for token in tokens[:-1]:
                if _CJK_LIKE.search(token) and (w := round(_width(token))) >= SETTINGS.row_columns_min_em:
                    counts[w] = counts.get(w, 0) + 1
    if not SETTINGS.row_columns_width_merge:
        return [w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:3]]
    near = {w: counts.get(w - 1, 0) + c + counts.get(w + 1, 0) for w, c in counts.items()}
    out: list[int] = []
    for w, _ in sorted(near.items(), key=lambda x: (-x[1], -counts[x[0]], x[0])):
        if all(abs(w - o) > 1 for o in out):
            out.append(w)
    return out[:3]


# A piece that closes a story: a credit in brackets at its end (…贡献。（记者 王明）, （作者 李华）).
# The story's column has ended there: pdftotext's later rows hold the other columns only.
_STORY_END = re.compile(r"[（(][^（()）]{0,12}(?:记者|通讯员|作者|来源|摄影|供稿)[^（()）]{1,40}[）)]$")


def assign_columns(rows_pieces: list[list[str]], columns: int, lead: bool = False) -> list[list[int]]:
    """Each piece's column (0-based): the next columns of the visual row under way, or the first
    ones of a new visual row when the row's pieces do not fit after it, unless words run across
    from more of the columns' last lines into the pieces at other columns (pdftotext leaves a
    column out of a visual row where its lines drift). The first row, whose pieces have no line
    above them, goes where words run from it into more of the columns' next lines (a headline
    or a byline over the first column pushes its text down a line).

    >>> assign_columns([["a1", "b1", "c1"], ["a2", "b2"], ["c2"], ["a3"], ["b3", "c3"]], 3)
    [[0, 1, 2], [0, 1], [2], [0], [1, 2]]
    >>> assign_columns([["县里组织干部", "村民们纷纷表"], ["开会", "展植树活动", "示很满意"]], 3)
    [[1, 2], [0, 1, 2]]

    A column whose last piece closes a story (a bracketed credit) takes no more pieces while
    another column can (``row_columns_ended``): the rows after it are the other columns':

    >>> assign_columns([["a1", "b1"], ["a2。（记者 王明）", "b2"], ["b3"], ["b4"]], 2)
    [[0, 1], [0, 1], [1], [1]]

    With ``lead`` the first row is a lead row (``_lead_row``): where no word decides, it holds
    the right-hand columns (the first column's text begins under its credit, a row lower):

    >>> assign_columns([["b1", "c1"], ["a1", "b2", "c2"]], 3, lead=True)
    [[1, 2], [0, 1, 2]]
    """
    last: list[str] = [""] * columns
    ended: set[int] = set()
    use_ended = SETTINGS.row_columns_ended
    out: list[list[int]] = []
    at = 0
    for parts in rows_pieces:
        k = len(parts)
        starts = [s for s in dict.fromkeys((at, 0, *range(columns))) if s + k <= columns]
        if not starts:
            starts = [0]
        if ended:
            # a column that closed its story is skipped while the row fits in the others
            open_starts = [s for s in starts if not ended.intersection(range(s, s + k))]
            starts = open_starts or starts

        def runs_on(s: int, parts: list[str] = parts) -> int:
            return sum(bool(last[s + i]) and _spans(last[s + i], p) for i, p in enumerate(parts))

        start = max(starts, key=lambda s: (runs_on(s), s == at, s == 0)) if len(starts) > 1 else starts[0]
        out.append(list(range(start, start + k)))
        for i, p in enumerate(parts):
            last[start + i] = p
            if use_ended and _STORY_END.search(p):
                ended.add(start + i)
            else:
                ended.discard(start + i)
        if len(ended) >= columns:
            ended.clear()
        at = (start + k) % columns
    if len(out) > 1 and len(rows_pieces[0]) < columns:
        below: dict[int, str] = {}
        for parts, cols in zip(rows_pieces[1:], out[1:], strict=True):
            for p, c in zip(parts, cols, strict=True):
                below.setdefault(c, p)
        first = rows_pieces[0]

        def runs_into(s: int) -> int:
            return sum(_spans(p, below.get(s + i, "")) for i, p in enumerate(first))

        # a lead row (``_lead_row``) holds the columns left of the one its aside pushed down
        tie = columns - len(first) if lead else out[0][0]
        start = max(range(columns - len(first) + 1), key=lambda s: (runs_into(s), s == tie))
        out[0] = list(range(start, start + len(first)))
    return out


def _region(rows: list[Row], k: int, width: float) -> int:
    """The end of the region from row ``k`` on: rows of column lines at ``width`` (one piece or
    several), none after a blank line (a blank parts frames: a headline, another block)."""
    j = k + 1
    while j < len(rows):
        parts = pieces(rows[j].raw, width)
        if not all(_width(p) <= width + JOINED_TOLERANCE_EM for p in parts) or rows[j].gap and not _strong(parts, width):
            break
        j += 1
    return j


def _back(rows: list[Row], k: int, done: int, width: float) -> int:
    """Back from row ``k`` over the column-wide rows before it, to the region's first (after a
    blank)."""
    start = k
    while start > done and not rows[start].gap and all(
            _width(p) <= width + JOINED_TOLERANCE_EM for p in pieces(rows[start - 1].raw, width)) \
            and any(_fits(p, width) for p in pieces(rows[start - 1].raw, width)):
        start -= 1
    return start


def _aside(row: Row, width: float) -> bool:
    """A short line that is no column text: one piece, no clause mark, short of the column
    (a credit line 通讯员 王明 set over the first column)."""
    parts = pieces(row.raw, width)
    return len(parts) == 1 and not _CLAUSE_MARK.search(parts[0]) and _width(parts[0]) < width - 2 * JOINED_TOLERANCE_EM


def _lead_row(rows: list[Row], start: int, done: int, width: float) -> tuple[int, list[int]] | None:
    """A row read across just before a region, parted from it by a blank line and one to
    ``row_columns_lead_asides`` short lines (``_aside``): ``(its index, the asides' indexes)``.

    pdftotext reads a story set in columns under its headline row by row; when a credit line
    (通讯员 王明) stands over the first column, that column's text begins a line lower than the
    others', so their first lines come out as a row of their own, then the credit after a
    blank, then the rows from the first column's first line on. The region begins at the later
    rows; the lead row belongs to it (its pieces head the other columns).

    >>> rows = [Row(1, "县里召开植树动员会", 1), Row(2, "展植树活动，共种下 现场讲解种树要领", 0),
    ...         Row(3, "通讯员 王明", 1), Row(4, "本报讯 县里组织群 千余株各类树苗。 和养护的知识。", 0)]
    >>> _lead_row(rows, 3, 0, 9)
    (1, [2])
    >>> _lead_row(rows[:2] + [Row(3, "通讯员 王明", 0), rows[3]], 3, 0, 9) is None  # no blank: one block
    True
    >>> _lead_row(rows[:3] + [Row(4, rows[3].raw, 1)], 3, 0, 9) is None  # a headline between blanks
    True
    """
    j = start
    asides: list[int] = []
    while len(asides) < SETTINGS.row_columns_lead_asides and j - 1 > done and _aside(rows[j - 1], width):
        j -= 1
        asides.insert(0, j)
    s = j - 1
    # a blank parts the lead row from the asides, which run into the region's first row (a
    # headline stands between blanks and is no aside). A blank alone, no aside, parts stories
    # as often as a drifting row (tsB43 pdftotext body 0.852 -> 0.847 with it, tune sets equal)
    if not asides or not rows[asides[0]].gap or rows[start].gap or not _lead_text(rows, s, width):
        return None
    return s, asides


def _lead_text(rows: list[Row], s: int, width: float) -> bool:
    """Row ``s`` is a lead row's text: read across (``_strong``), or, with
    ``row_columns_lead_line``, one full column line with a clause mark right under a line that
    is no column text (no clause mark, not a column line: the headline). It is the other
    column's first line, of two columns; under text it may as well end a story beside."""
    parts = pieces(rows[s].raw, width)
    if len(parts) == 1 and SETTINGS.row_columns_lead_line:
        w = _width(parts[0])
        return (bool(_CLAUSE_MARK.search(parts[0])) and width - 2 * JOINED_TOLERANCE_EM <= w <= width + JOINED_TOLERANCE_EM
                and s > 0 and not _CLAUSE_MARK.search(rows[s - 1].raw) and not _fits(rows[s - 1].raw.strip(), width))
    return _strong(parts, width)


def read_row_columns(rows: list[Row]) -> list[Row]:
    """Regions of rows read across two or more columns of one width, read column by column.
    A region begins at a row read across (or a run of column-wide rows before it, up to a blank
    line) and holds at least ``row_columns_min_rows`` such rows; each piece is marked
    ``column_piece``.

    >>> rows = [Row(1, "县里组织干部群众， 村民们纷纷表示很 镇里还请来农技员", 1),
    ...         Row(2, "展植树活动，共种下 有意义，希望经常 现场讲解种树要领", 0),
    ...         Row(3, "千余株各类树苗。 举办此类的活动。", 0), Row(4, "和养护的知识。", 0),
    ...         Row(5, "当天，干部群众共有 另一栏的文字在此 共有百余人参加了", 0),
    ...         Row(6, "两百余人参加活动。 村里还将组织， 大家都很有收获。", 0)]
    >>> [r.raw for r in read_row_columns(rows)][:7]
    ['县里组织干部群众，', '展植树活动，共种下', '千余株各类树苗。', '当天，干部群众共有', '两百余人参加活动。', '村民们纷纷表示很', '有意义，希望经常']
    """
    if not SETTINGS.row_columns:
        return rows
    # rows that may be read across (text, a space between wide characters): too few, and no
    # region can hold enough (most text pages stop here)
    may = [bool(_WIDE_CUT.search(row.raw.strip()) and _CLAUSE_MARK.search(row.raw)) for row in rows]
    if sum(may) < SETTINGS.row_columns_min_rows:
        return rows
    widths = _candidate_widths(rows)
    if not widths:
        return rows
    out: list[Row] = []
    k = done = 0  # rows[done:k] are in out as they were
    n = len(rows)
    while k < n:
        found = None
        if may[k]:
            for width in widths:
                if _strong(pieces(rows[k].raw, width), width):
                    found = width
                    break
        if found is None:
            out.append(rows[k])
            k += 1
            continue
        start = _back(rows, k, done, found)
        end = _region(rows, k, found)
        lead = _lead_row(rows, start, done, found) if SETTINGS.row_columns_lead else None
        if lead is not None:
            # the lead row is the columns' first: the line above it is the headline
            asides = [rows[i] for i in lead[1]]
            region = [rows[lead[0]], *rows[start:end]]
            start = lead[0]
        else:
            asides = []
            region = rows[start:end]
        parts = [pieces(r.raw, found) for r in region]
        # a lead line printed apart is as much evidence of columns as a row read across
        strong = sum(_strong(p, found) for p in parts) + (lead is not None and len(parts[0]) == 1)
        if strong < SETTINGS.row_columns_min_rows:
            out.append(rows[k])
            k += 1
            continue
        columns = max(len(p) for p in parts)
        where = assign_columns(parts, columns, lead=lead is not None)
        del out[len(out) - (k - start):]
        # the asides (a credit) stay where they stood: after the headline, before the text
        out.extend(asides)
        note = f"lines {region[0].number}-{region[-1].number} read as {columns} columns read across"
        first = True
        for c in range(columns):
            for row, row_parts, cols in zip(region, parts, where, strict=True):
                for p, col in zip(row_parts, cols, strict=True):
                    if col == c:
                        # a row of one piece is as printed, and a piece that is no text may be a
                        # headline over its column (the labeler never reads a column piece so)
                        out.append(Row(row.number, p, region[0].gap if first else 0,
                                       (*row.steps, ROW_COLUMNS_STEP), row.note or (note if first else ""),
                                       column_piece=len(row_parts) > 1 and _text_piece(p, found)))
                        first = False
        k = done = end
    return out
