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
    """Column widths worth trying: the commonest widths of the tokens of rows of several."""
    counts: dict[int, int] = {}
    for row in rows:
        if row.raw.count(" ") < SETTINGS.row_columns_min_pieces - 1:
            continue
        tokens = _tokens(row.raw.strip())
        if len(tokens) >= SETTINGS.row_columns_min_pieces:
            for token in tokens[:-1]:
                if _CJK_LIKE.search(token) and (w := round(_width(token))) >= SETTINGS.row_columns_min_em:
                    counts[w] = counts.get(w, 0) + 1
    return [w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:3]]


# A piece that closes a story: a credit in brackets at its end (…贡献。（记者 王明）, （作者 李华）).
# The story's column has ended there: pdftotext's later rows hold the other columns only.
_STORY_END = re.compile(r"[（(][^（()）]{0,12}(?:记者|通讯员|作者|来源|摄影|供稿)[^（()）]{1,40}[）)]$")


def assign_columns(rows_pieces: list[list[str]], columns: int) -> list[list[int]]:
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

        start = max(range(columns - len(first) + 1), key=lambda s: (runs_into(s), s == out[0][0]))
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
        # back over the column-wide rows before it, to the region's first (after a blank)
        start = k
        while start > done and not rows[start].gap and all(
                _width(p) <= found + JOINED_TOLERANCE_EM for p in pieces(rows[start - 1].raw, found)) \
                and any(_fits(p, found) for p in pieces(rows[start - 1].raw, found)):
            start -= 1
        end = _region(rows, k, found)
        region = rows[start:end]
        parts = [pieces(r.raw, found) for r in region]
        strong = sum(_strong(p, found) for p in parts)
        if strong < SETTINGS.row_columns_min_rows:
            out.append(rows[k])
            k += 1
            continue
        columns = max(len(p) for p in parts)
        where = assign_columns(parts, columns)
        del out[len(out) - (k - start):]
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
