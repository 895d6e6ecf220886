"""Line stage: split a decoded page into Lines and undo the damage a PDF tool does to one line.

Each cleaner is a small ``str -> str`` function (ftfy style) listed in ``CLEANERS`` in the order
they run; ``clean_line`` applies them and reports which ones changed the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from .model import Line
from .patterns import CJK, CJK_PUNCT, HALF_TO_FULL, KANGXI_RADICAL, RADICAL_IDEOGRAPHS
from .rules import Rules
from .settings import SETTINGS

_TOKEN_CJK = re.compile(f"[{CJK}]")
_NOT_CJK = re.compile(f"[^{CJK}]+")
_SPACES = re.compile(r"[ \t\u3000\u00a0\u2000-\u200a\u202f\u205f]+")
_ANY_RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fd5]")

# A line whose tokens are this share single characters is letter-spaced (经 济 开 发 区).
# Set on the seeds: justified lines are 100% single-character tokens, a dateline or a
# title with a word space is at most 50%.
LETTER_SPACED_SHARE = 0.7


def fold_radicals(text: str) -> str:
    """Radicals a PDF tool printed for common characters, folded back to the ideographs.

    >>> fold_radicals("上⻔服务居⺠，⼯作⼈员，⼾外")
    '上门服务居民，工作人员，户外'
    """
    if not _ANY_RADICAL.search(text):
        return text
    text = text.translate(RADICAL_IDEOGRAPHS)
    return KANGXI_RADICAL.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def normalize_spaces(text: str) -> str:
    """Turn tabs, ideographic and no-break spaces into one plain space, trim the ends.

    >>> normalize_spaces(" 柯城\\u3000发布\\t ")
    '柯城 发布'
    """
    return _SPACES.sub(" ", text).strip()


def fix_ellipsis(text: str) -> str:
    """Write the ellipsis the way Chinese text does: ⋯⋯ and ... become ……

    >>> fix_ellipsis("订单情况如何”⋯⋯在永康")
    '订单情况如何”……在永康'
    """
    if "⋯" not in text and "..." not in text:
        return text
    text = re.sub("⋯+", lambda m: "…" * max(2, len(m.group())), text)
    return re.sub(r"(?<=[" + CJK + r"”])\.{3,6}", "……", text)


def _is_cjk_side(ch: str) -> bool:
    return bool(ch) and (bool(_TOKEN_CJK.match(ch)) or ch in CJK_PUNCT)


def normalize_punctuation(text: str) -> str:
    """Half-width , : ; ! ? ( ) in Chinese text become full-width; ⋯⋯ becomes ……

    Marks between digits or Latin letters (3.5, 10:30, PPT) are left alone.

    >>> normalize_punctuation("10月9日下午,柯城区(单位)会议召开:一是")
    '10月9日下午，柯城区（单位）会议召开：一是'
    >>> normalize_punctuation("时间10:30,地点A(B)")
    '时间10:30，地点A(B)'
    >>> normalize_punctuation("覆盖率达到99.7%,297个村庄")
    '覆盖率达到99.7%，297个村庄'
    """
    text = fix_ellipsis(text)
    # a mark's neighbour may itself be converted: repeat until nothing changes (idempotent)
    for _ in range(4):
        fixed = _convert_marks(text)
        if fixed == text:
            break
        text = fixed
    return text


_HALF_MARKS = re.compile("[,:;!?()]")


def _convert_marks(text: str) -> str:
    """One left-to-right pass of normalize_punctuation's half- to full-width conversion.

    Only the marks are visited (a loop over every character of the line cost 5 µs a line);
    each sees the text before it as already converted."""
    if not _HALF_MARKS.search(text):
        return text
    out = list(text)
    for match in _HALF_MARKS.finditer(text):
        i = match.start()
        ch = text[i]
        # neighbours: what was already written (converted) before, the text after
        j = i - 1
        while j >= 0 and out[j] == " ":
            j -= 1
        before = out[j] if j >= 0 else ""
        if ch == "(":
            after_word = text[i + 1:].lstrip(" ")[:1]
            convert = _is_cjk_side(after_word) or (_is_cjk_side(before) and not after_word.isascii())
        elif ch == ")":
            convert = _is_cjk_side(before) or "（" in "".join(out[max(0, i - 40):i]).rsplit("(", 1)[-1]
        else:
            # a mark right before Chinese, or after it, is Chinese punctuation; "&amp; 文" is not;
            # after a percentage it is too (增长99.7%,297个村: Chinese text lists with commas)
            convert = _is_cjk_side(before) or _is_cjk_side(text[i + 1:i + 2]) or before in "%％"
        if convert:
            out[i] = HALF_TO_FULL[ch]
    return "".join(out)


def _cjk_count(token: str) -> int:
    return len(_NOT_CJK.sub("", token))  # = len(_TOKEN_CJK.findall(token)), without a string a character


def remove_letter_spacing(text: str) -> str:
    """Close up a line the PDF tool spread out (经 济 开 发 区 → 经济开发区).

    Only a line made mostly of single characters is touched; word spaces stay.

    >>> remove_letter_spacing("企 业 负 责 人 进 行 党 的 二 十 大 精 神 宣")
    '企业负责人进行党的二十大精神宣'
    >>> remove_letter_spacing("南 路 、九 州 路 的“ 一 周 一 路 ”整 治 工")
    '南路、九州路的“一周一路”整治工'
    >>> remove_letter_spacing("本报讯（记者 严嘉慧）")
    '本报讯（记者 严嘉慧）'
    >>> remove_letter_spacing("富强 民主 文明 和谐")
    '富强 民主 文明 和谐'
    """
    tokens = text.split(" ")
    if len(tokens) < 2:
        return text
    single = sum(1 for t in tokens if len(t) <= 1 or _cjk_count(t) <= 1)  # most are one character
    if single / len(tokens) < LETTER_SPACED_SHARE or single < 2:
        return text
    out = tokens[0]
    for tok in tokens[1:]:
        # two Latin words or numbers keep their space (APP 3.0)
        if out and tok and out[-1].isascii() and out[-1].isalnum() and tok[0].isascii() and tok[0].isalnum():
            out += " " + tok
        else:
            out += tok
    return out


_PAD_BEFORE_NUM = re.compile(f"(?<=[{CJK}{CJK_PUNCT}]) +(?=[0-9０-９])")
_PAD_AFTER_NUM = re.compile(f"(?<=[0-9０-９%％]) +(?=[{CJK}{CJK_PUNCT}%％])")


def close_number_padding(text: str) -> str:
    """Remove the spaces a PDF tool pads numbers with in Chinese text.

    >>> close_number_padding("3 月 25 日，对老 330 国道沿线")
    '3月25日，对老330国道沿线'
    >>> close_number_padding("同比增长 30%，且 4 月")
    '同比增长30%，且4月'
    """
    if " " not in text:  # no padding to close (most lines, once a frame's leading space is trimmed)
        return text
    text = _PAD_BEFORE_NUM.sub("", text)
    return _PAD_AFTER_NUM.sub("", text)


# A second print cut short by the column must still repeat this many characters to count,
# and only display text (no sentence punctuation) is checked: body text repeats words.
DOUBLED_MIN_REPEAT = 5
# ... and at least this share of the headline (a body line may start and end on one name).
DOUBLED_SHARE = 0.4


def _doubled_length(compact: str) -> int:
    """Length of the printed headline when ``compact`` is it printed twice (the second copy
    possibly cut by the column edge); 0 when it is not doubled."""
    n = len(compact)
    if n >= 6 and n % 2 == 0 and compact[: n // 2] == compact[n // 2 :]:
        return n // 2
    if _SENTENCE_MARK.search(compact):
        return 0
    for size in range((n + 1) // 2, n - DOUBLED_MIN_REPEAT + 1):
        repeat = n - size
        if size >= 5 and repeat >= DOUBLED_SHARE * size and compact[size:] == compact[:repeat]:
            return size
    return 0


_SENTENCE_MARK = re.compile("[，。；！？、]")


def is_doubled(text: str) -> bool:
    """True when a line is one headline printed twice (ABAB), the second copy maybe cut short.

    >>> is_doubled("多领域全面发动多领域全面发动")
    True
    >>> is_doubled("经济开发区再研究再部署再动员经济开发区再")
    True
    >>> is_doubled("哈哈")
    False
    """
    return _doubled_length(text.replace(" ", "")) > 0


def undouble(text: str) -> str:
    """Keep one copy of a headline printed twice in one line.

    >>> undouble("数智通跟踪整治数智通跟踪整治")
    '数智通跟踪整治'
    >>> undouble("打好宣传战 营造氛围打好宣传战 营造氛围")
    '打好宣传战 营造氛围'
    >>> undouble("全力以赴打好创国卫三大战役全力以赴打好创")
    '全力以赴打好创国卫三大战役'
    >>> undouble("开展企业大走访行动")
    '开展企业大走访行动'
    """
    half = _doubled_length(text.replace(" ", ""))
    if not half:
        return text
    # keep the spaces of the first copy: walk until half the non-space characters are seen
    seen = 0
    for i, ch in enumerate(text):
        if ch != " ":
            seen += 1
        if seen == half:
            return text[: i + 1].strip()
    return text


# The cleaners in the order they run on every line: the single registry of line fixes.
CLEANERS: dict[str, Callable[[str], str]] = {
    "fold_radicals": fold_radicals,
    "normalize_spaces": normalize_spaces,
    "normalize_punctuation": normalize_punctuation,
    "remove_letter_spacing": remove_letter_spacing,
    "close_number_padding": close_number_padding,
    "undouble": undouble,
}


def clean_line(text: str) -> tuple[str, list[str]]:
    """Run every cleaner on one line; return the text and the names of those that changed it.

    >>> clean_line(" 3 月 25 日 ,现 代 农 业")
    ('3月25日，现代农业', ['normalize_spaces', 'normalize_punctuation', 'remove_letter_spacing'])
    """
    text, steps, _, _ = _clean(text)
    return text, steps


def second_print(text: str, kept: str) -> str:
    """What undouble cut off a line: the headline's second print, recorded as page furniture so
    that every printed character stays accounted for.

    >>> second_print("全力以赴打好创国卫三大战役全力以赴打好创", "全力以赴打好创国卫三大战役")
    '全力以赴打好创'
    """
    return text[len(kept):].strip() if text.startswith(kept) else text


# What any cleaner before undouble looks for: a radical, a space of any kind (normalize_spaces
# also strips what str.strip() strips, i.e. \s), an ellipsis or a half-width mark. A line with
# none of these (most body lines) leaves them all unchanged, so only undouble runs on it.
_MAY_CLEAN = re.compile(r"[\s\u2e80-\u2eff\u2f00-\u2fd5⋯,:;!?()]|\.\.\.")


def _clean(text: str) -> tuple[str, list[str], float, str]:
    """clean_line, plus the printed width measured before number padding is closed and the
    second print undouble cut (empty when the line was printed once)."""
    if not _MAY_CLEAN.search(text):
        fixed = undouble(text)
        if fixed == text:
            return text, [], _em(text), ""
        return fixed, ["undouble"], _em(text), second_print(text, fixed)
    stripped = text.strip()
    if stripped != text and not _MAY_CLEAN.search(stripped):
        # space only around the line (a frame's leading space: 2 lines in 5): normalize_spaces
        # trims it (_SPACES is all \s) and leaves the others nothing to do but undouble
        fixed = undouble(stripped)
        if fixed == stripped:
            return stripped, ["normalize_spaces"], _em(stripped), ""
        return fixed, ["normalize_spaces", "undouble"], _em(stripped), second_print(stripped, fixed)
    steps: list[str] = []
    width = 0.0
    cut = ""
    for name, fix in CLEANERS.items():
        if fix is close_number_padding:
            width = _em(text)
        fixed = fix(text)
        if fixed != text:
            steps.append(name)
            if fix is undouble:
                cut = second_print(text, fixed)
            text = fixed
    return text, steps, width, cut


def _em(text: str) -> float:
    """Em width of a line counting spaces: CJK 1, ASCII (spaces too) one half."""
    ascii_chars = len(text.encode("ascii", "ignore"))
    return len(text) - ascii_chars + 0.5 * ascii_chars


def _spans(left: str, right: str) -> bool:
    """``features.spans_a_word`` on the row text a PDF tool printed: radicals folded first
    (pdfminer prints ⼯ for 工), as the cleaners fold them later, so 全镇⼯作⼈ / 员参加 runs on.

    >>> _spans("全镇⼯作⼈", "员参加"), _spans("刚察县召开政府常务会议", "全年目标任务")
    (True, False)
    """
    from .features import spans_a_word  # jieba's word list: loaded only for pages that ask

    return spans_a_word(fold_radicals(left[-6:]), fold_radicals(right[:6]))


def split_lines(text: str, rules: Rules | None = None, publication: str | None = None) -> list[Line]:
    """Cut a page into its non-blank Lines, cleaned, with their layout evidence.

    A leading space marks where the PDF tool began a new text frame; the count of blank
    lines before a line tells tight frames from double-spaced ones.
    """
    rows: list[Row] = []
    blanks = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            blanks += 1
            continue
        rows.append(Row(number, raw, blanks))
        blanks = 0
    out: list[Line] = []
    unit = spacing_unit(rows)
    if SETTINGS.balanced_heads and " " in text:
        from .side_heads import part_balanced_heads  # imports this module's helpers

        rows = part_balanced_heads(rows)
    if SETTINGS.interleaved_pair_heads:
        from .side_heads import part_interleaved_heads

        rows = part_interleaved_heads(rows)
    rows = join_interleaved_heads(part_side_titles(rows))
    if SETTINGS.interleaved_columns:
        rows = read_interleaved_columns(rows)
    if SETTINGS.row_columns and " " in text:
        from .row_columns import read_row_columns  # imports this module's helpers

        rows = read_row_columns(rows)
    for row in split_joined_columns(rows):
        cleaned, steps, width, cut = _clean(row.raw)
        out.append(
            Line(
                number=row.number,
                raw=row.raw,
                text=cleaned,
                frame_start=row.raw[:1] in (" ", "\t", "\u3000"),
                doubled="undouble" in steps,
                lines=(row.number,),
                gap_before=max(0, row.gap - unit),
                width=width,
                steps=(*row.steps, *steps),
                second_print=cut,
                note=row.note,
                head_start=row.head_start,
                column_piece=row.column_piece,
            )
        )
    return fold_reprints(undouble_short_lines(out))


def spacing_unit(rows: list[Row]) -> int:
    """Blank lines a page's PDF tool puts between any two lines: 1 when the share of lines
    after a blank is at least ``double_spacing_share`` (double-spaced), else 0.

    >>> spacing_unit([Row(1, "题", 0), Row(3, "正文", 1), Row(5, "正文", 1)])
    1
    >>> spacing_unit([Row(1, "题", 0), Row(3, "正文", 1), Row(4, "正文", 0)])
    0
    """
    after = rows[1:]
    spaced = sum(1 for row in after if row.gap)
    return int(bool(after) and spaced >= SETTINGS.double_spacing_share * len(after))


def undouble_short_lines(lines: list[Line]) -> list[Line]:
    """A line too short to be told doubled on its own (两会两会) is doubled when a line next to
    it is: a headline printed twice in one line is printed so in all its lines.

    >>> page = [Line(1, "开展开展", "开展", doubled=True), Line(2, "两会两会", "两会两会")]
    >>> [x.text for x in undouble_short_lines(page)]
    ['开展', '两会']
    """
    for k, line in enumerate(lines):
        text, half = line.text, len(line.text) // 2
        if line.doubled or not half or len(text) % 2 or text[:half] != text[half:]:
            continue
        if any(0 <= j < len(lines) and lines[j].doubled for j in (k - 1, k + 1)):
            line.text, line.doubled, line.second_print = text[:half], True, text[half:]
            line.steps = (*line.steps, "undouble")
    return lines


# Side-by-side columns read across in rows (pdftotext's reading order with a narrow gutter):
# a block of at least this many consecutive lines, each the left column's line, one space and
# the right column's line, is read as the left column, then the right one. Fewer could be a
# title with a word space.
JOINED_MIN_ROWS = 3
# The left part of a joined row is a column line: this many em at least, and within this many
# em of the block's column width (a paragraph's last line may be shorter if it ends a sentence).
JOINED_MIN_EM = 8.0
JOINED_TOLERANCE_EM = 1.5
_ENDS = "。！？”’」）)…"


def _column_splits(text: str) -> list[tuple[float, int]]:
    """(left width in em, position) of each single space that could part two column lines:
    a CJK character right beside it and one somewhere after it."""
    out: list[tuple[float, int]] = []
    last = _LAST_CJK.search(text)  # no space at or past the last CJK character parts anything
    end = last.start() if last else 0
    at = text.find(" ", 0, end)
    while at >= 0:
        if _TOKEN_CJK.search(text[at - 1:at] + text[at + 1:at + 2]) and (em := _em(text[:at])) >= 2:
            out.append((em, at))
        at = text.find(" ", at + 1, end)
    return out


_LAST_CJK = re.compile(f"[{CJK}][^{CJK}]*\\Z")


def _row_split(text: str, splits: list[tuple[float, int]], width: float) -> int | None:
    """Where a row joined at a column of `width` em parts (`splits`: its _column_splits): a full
    column line on the left, or a paragraph's last line; on the right a column line or a
    paragraph's last line."""
    for em, at in splits:
        full = abs(em - width) <= JOINED_TOLERANCE_EM
        if not (full or em < width and text[:at].rstrip()[-1:] in _ENDS):
            continue  # most splits of most widths: the sides are not cut out for them
        right = text[at + 1:].strip()
        right_em = _em(right)
        if right_em <= width + JOINED_TOLERANCE_EM and (right_em >= width - 2 * JOINED_TOLERANCE_EM
                                                        or right[-1:] in _ENDS):
            return at
    return None


def _column_line(text: str, width: int) -> bool:
    """A line of a column ``width`` em wide: full, or a paragraph's last line."""
    em = _em(text)
    return abs(em - width) <= JOINED_TOLERANCE_EM or em < width and text[-1:] in _ENDS


def _stream_region(rows: list[Row], splits: list[list[tuple[float, int]]], k: int,
                   width: int) -> list[tuple[Row, int | None]]:
    """The rows from ``k`` on that are read across at ``width`` (each with where it parts), and
    the column lines between them (None): at most ``column_streams_between`` in a row, each a
    full column line or a paragraph's last, and a row read across after them."""
    region: list[tuple[Row, int | None]] = []
    most = SETTINGS.column_streams_between
    j = k
    while j < len(rows):
        if (at := _row_split(rows[j].raw, splits[j], width)) is not None:
            region.append((rows[j], at))
            j += 1
            continue
        ahead = j
        while ahead < len(rows) and ahead - j <= most and _column_line(rows[ahead].raw.strip(), width) \
                and not rows[ahead].gap \
                and _row_split(rows[ahead].raw, splits[ahead], width) is None:
            ahead += 1
        if ahead - j > most:
            break
        region += [(rows[x], None) for x in range(j, ahead)]  # the columns' last lines (or between)
        if ahead == len(rows) or _row_split(rows[ahead].raw, splits[ahead], width) is None:
            break
        j = ahead
    return region


def read_streams(region: list[tuple[Row, int | None]]) -> list[Row]:
    """A region of rows read across two columns (``_stream_region``), read down: the left
    column's lines, then the right one's, then the lines between that run into neither. A line
    between goes to the column a word runs across from (that column's line before it) or into
    (its next line), whichever has more such words.

    >>> region = [(Row(1, "县里组织干部群众开 村民们纷纷表示很", 0), 9), (Row(2, "展植树活动，共种下三 有意义，希望经常举办", 0), 10),
    ...           (Row(3, "千余株树苗。", 0), None), (Row(4, "另一栏的文字", 0), None),
    ...           (Row(5, "当天，干部群众共有 此类活动。", 0), 9)]
    >>> [r.raw for r in read_streams(region)]
    ['县里组织干部群众开', '展植树活动，共种下三', '千余株树苗。', '当天，干部群众共有', '村民们纷纷表示很', '有意义，希望经常举办', '此类活动。', '另一栏的文字']
    """
    left: list[Row] = []
    right: list[Row] = []
    neither: list[Row] = []
    parts = [(row.raw[:at].rstrip(), row.raw[at + 1:].strip()) if at is not None else None for row, at in region]
    for x, (row, _) in enumerate(region):
        if (pair := parts[x]) is not None:
            left.append(Row(row.number, pair[0], row.gap, row.steps, row.note, column_piece=True))
            right.append(Row(row.number, pair[1], 0, (*row.steps, "split_joined_columns"), column_piece=True))
            continue
        text = row.raw.strip()
        after = next((p for p in parts[x + 1:] if p is not None), ("", ""))  # none: the columns' last lines
        into_left = _spans(left[-1].raw, text) + _spans(text, after[0])
        into_right = _spans(right[-1].raw, text) + _spans(text, after[1])
        (left if into_left > into_right else right if into_right > into_left else neither).append(row)
    return [*left, *right, *neither]


class Row(NamedTuple):
    """A non-blank line of the page text as the PDF tool printed it, before cleaning (a tuple:
    a frozen dataclass cost a microsecond a line to make)."""

    number: int
    raw: str
    gap: int  # blank lines before it
    steps: tuple[str, ...] = ()
    note: str = ""  # why the line stage moved or parted it (for the report's unsure list)
    head_start: bool = False  # parted off as another story's headline: begins a new headline
    column_piece: bool = False  # a column line parted off a row read across: text, not display


# A row read across that holds clause punctuation (text, not a headline's two phrases)
_CLAUSE_MARK = re.compile("[，。、；！？]")
_NO_LINE_START = "，。、；：！？）》”’」"


def lone_joined_row(row: Row, at: int, rows_at_width: int) -> bool:
    """A row of fewer than ``JOINED_MIN_ROWS`` read across (pdftotext prints a paragraph's first
    or last line on a row of its own, so blocks break into short runs), parted like a block row
    when the page parts ``lone_joined_rows`` rows or more at the same column width. Not when the
    row is no text (no clause mark: two phrases of a headline, left to ``part_side_titles``), a
    piece is letter-spaced, the right piece begins with a mark no line begins with (``，``), or
    the left one leaves a bracket open (a credit: ``（记者 王明``).

    >>> row = Row(1, "县里组织干部群众开展植树活动， 村民们纷纷表示很有意义，", 0)
    >>> lone_joined_row(row, 15, 4), lone_joined_row(row, 15, 2)
    (True, False)
    >>> lone_joined_row(Row(1, "比一年红火。（记者 王志杰", 0), 9, 4)
    False
    >>> lone_joined_row(Row(1, "规范夜市摊点秩序 ，扮靓街区“门面”", 0), 8, 4)
    False
    """
    if not SETTINGS.lone_joined_rows or rows_at_width < SETTINGS.lone_joined_rows:
        return False
    left, right = row.raw[:at].strip(), row.raw[at + 1:].strip()
    if left[-1:].isascii() or right[:1].isascii():
        return False  # a space beside a digit or a letter: number padding (推进 2020 年), no gutter
    if not _CLAUSE_MARK.search(row.raw) or left.count(" ") > 2 or right.count(" ") > 2:
        return False
    # no line begins with a clause mark or a closing one (a word space before a comma), and a
    # bracket left open runs on past the space
    return right[:1] not in _NO_LINE_START and left.rfind("（") <= left.rfind("）")


def split_joined_columns(rows: list[Row]) -> list[Row]:
    """Undo columns read across in rows: in a block of rows that each join a left and a right
    column line at the same width, the left parts come first, then the right parts. With
    ``column_streams``, the block runs on over the column lines pdftotext printed on rows of
    their own between such rows (``read_streams``). A shorter run of such rows is parted too when
    the page parts enough rows at its width (``lone_joined_row``). Every part is marked
    ``column_piece``.

    >>> rows = ["本报讯浙江省嘉兴市秀洲区新塍 2019年春天起，在省市区统一部",
    ...         "镇旧称桐溪，已有上千年历史。 署和持续推动下，新塍镇围绕创建",
    ...         "新塍镇区域面积116平方千米， 省级美丽城镇建设样板示范镇。"]
    >>> [x.raw for x in split_joined_columns([Row(k, t, 0) for k, t in enumerate(rows, 1)])]
    ['本报讯浙江省嘉兴市秀洲区新塍', '镇旧称桐溪，已有上千年历史。', '新塍镇区域面积116平方千米，', '2019年春天起，在省市区统一部', '署和持续推动下，新塍镇围绕创建', '省级美丽城镇建设样板示范镇。']
    """
    # each row's candidate splits, once (most rows have no inner space and none)
    splits = [_column_splits(row.raw) if " " in row.raw.strip() else [] for row in rows]
    widths = Counter(round(em) for row_splits in splits for em, _ in row_splits if em >= JOINED_MIN_EM)
    if not widths:
        return rows
    candidates = [w for w, _ in widths.most_common(3)]
    # where each row parts at each candidate width, once (a row was asked again for every
    # row before it in a run)
    parted = {width: [_row_split(row.raw, row_splits, width) if row_splits else None
                      for row, row_splits in zip(rows, splits, strict=True)]
              for width in candidates}
    # how many rows of the page part at each width: the evidence for parting a lone row
    rows_at = {width: sum(at is not None for at in at_width) for width, at_width in parted.items()}
    out: list[Row] = []
    k = 0
    n = len(rows)
    while k < n:
        if not splits[k]:  # parts nowhere: no block starts here
            out.append(rows[k])
            k += 1
            continue
        block: list[tuple[Row, int]] = []
        block_width = 0
        for width in candidates:
            at_width, j = parted[width], k
            while j < n and at_width[j] is not None:
                j += 1
            if j - k > len(block):
                block, block_width = [(rows[i], at_width[i]) for i in range(k, j)], width
        if SETTINGS.column_streams and block and widths[block_width] >= JOINED_MIN_ROWS:
            region = _stream_region(rows, splits, k, block_width)
            if sum(at is not None for _, at in region) >= JOINED_MIN_ROWS:
                out += read_streams(region)
                k += len(region)
                continue
        lone = bool(block) and len(block) < JOINED_MIN_ROWS and all(
            lone_joined_row(row, at, rows_at[block_width]) for row, at in block)
        if len(block) < JOINED_MIN_ROWS and not lone:
            out.append(rows[k])
            k += 1
            continue
        out += [Row(row.number, row.raw[:at].rstrip(), row.gap, row.steps, row.note, column_piece=True)
                for row, at in block]
        out += [Row(row.number, row.raw[at + 1:].strip(), 0, (*row.steps, "split_joined_columns"), column_piece=True)
                for row, at in block]
        k += len(block)
    return out


# A reprint is display type: a line longer than this (CJK characters) printed twice is text.
REPRINT_MAX_CHARS = 40
# The most lines a headline printed twice as a block (题一 / 题二 / 题三, then again) holds: a
# headline's wrap, never a paragraph. Not fitted: a headline is rarely more than four lines.
REPRINT_MAX_LINES = 4


def _display_line(text: str) -> bool:
    """A line that could be a headline's: some text, no sentence end, not too long."""
    return bool(text) and text[-1:] not in "。！？" and _cjk_count(text) <= REPRINT_MAX_CHARS


def reprints(lines: list[Line]) -> dict[int, int]:
    """Lines that reprint the block of lines right before them: index → index of the line it
    repeats. A block is 1 to ``REPRINT_MAX_LINES`` display lines printed again at once (A A,
    A B A B, A B C A B C); body text never repeats itself line for line.

    >>> page = [Line(n, t, t) for n, t in enumerate(["甲", "乙", "丙", "甲", "乙", "丙", "正文。", "正文。"])]
    >>> reprints(page)
    {3: 0, 4: 1, 5: 2}
    """
    texts = [line.text for line in lines]
    out: dict[int, int] = {}
    for i in range(len(texts)):
        for m in range(1, REPRINT_MAX_LINES + 1):
            if i + m >= len(texts) or texts[i] != texts[i + m]:  # the cheap test first
                continue
            block, again = texts[i:i + m], texts[i + m:i + 2 * m]
            if len(again) < m or block != again or not all(map(_display_line, block)):
                continue
            if any(i + m + t in out for t in range(m)):
                break
            out.update({i + m + t: i + t for t in range(m)})
            break
    return out


def fold_reprints(lines: list[Line]) -> list[Line]:
    """Fold a headline drawn twice as whole lines (fake bold, a drop shadow: 题 / 题, or
    题一 / 题二 / 题一 / 题二) into one print. The kept line is marked ``doubled`` and takes the
    reprint's line numbers, so its second print is still accounted for as page furniture.

    >>> page = [Line(n, t, t, lines=(n,)) for n, t in enumerate(["甲乙丙", "甲乙丙", "正文。"], 1)]
    >>> [(x.text, x.lines, x.doubled) for x in fold_reprints(page)]
    [('甲乙丙', (1, 2), True), ('正文。', (3,), False)]
    """
    out: list[Line] = []
    host: dict[int, Line] = {}  # a folded line → the line it was folded into (A A A)
    again = reprints(lines)
    for k, line in enumerate(lines):
        source = again.get(k)
        if source is None:
            out.append(line)
            continue
        kept = host.get(id(lines[source]), lines[source])
        host[id(line)] = kept
        # the reprint is the headline's second print: page furniture, as undouble's cut is
        kept.second_print = " ".join(x for x in (kept.second_print, line.text, line.second_print) if x)
        kept.doubled = True
        kept.lines = (*kept.lines, *line.lines)
    return out


# --- Headlines of stories side by side (pdftotext reads them across, pdfminer interleaved) ---
# Told by a word running across a headline's wrap (清扫日活 / 动), never by a font or a layout.
TITLES_STEP = "part_side_titles"
INTERLEAVED_STEP = "join_interleaved_heads"
# A display line ends no sentence (headlines may hold a comma or a colon, not a full stop).
_SENTENCE_END = re.compile("[。！？；]")


def cut_points(text: str) -> list[int]:
    """Positions of the single spaces that could part two pieces set side by side: one space
    (not two), with a wide (Chinese) character on at least one side of it.

    >>> cut_points("宽敞平整的水泥路 趁着周末的时间陪陪老人 市场监管等部门")
    [8, 20]
    >>> cut_points("记者  王明，APP 3.0")
    []
    """
    out = []
    start = 0
    while (at := text.find(" ", start)) >= 0:
        start = at + 1
        if 0 < at < len(text) - 1 and text[at - 1] != " " and text[at + 1] != " " and (
                not text[at - 1].isascii() or not text[at + 1].isascii()):
            out.append(at)
    return out


def _display(text: str, most: float) -> bool:
    """A line that may be a headline's line: no sentence end, no space, at most ``most`` em."""
    return " " not in text.strip() and not _SENTENCE_END.search(text) and 0 < _em(text.strip()) <= most


def _side_titles(row: Row, after: list[Row]) -> tuple[int, int] | None:
    """(cut, lines) when ``row`` is two headlines printed side by side, parted at the single
    space at ``cut``, and the first ``lines`` (1 or 2) rows of ``after`` are their wrapped
    ends: the left headline's end first, then the right one's. A word must run across one of
    the breaks (清扫日活 / 动, 安全生产检 / 查) and none from the right part into the first end;
    with one end, the right headline did not wrap, so is no wider. None when the row reads as
    one line (one headline of two phrases wrapped once)."""
    text = row.raw.strip()
    cuts = cut_points(text)
    if not cuts or len(cuts) > SETTINGS.side_titles_max_cuts or _SENTENCE_END.search(text):
        return None
    best: tuple[int, float, int, int] | None = None
    for at in cuts:
        left, right = text[:at], text[at + 1:]
        wide = max(_em(left), _em(right))
        if min(_em(left), _em(right)) < SETTINGS.side_titles_min_em:
            continue
        ends = []
        for nxt in after[:2]:
            if nxt.gap or not _display(nxt.raw, wide + JOINED_TOLERANCE_EM):
                break
            ends.append(nxt.raw.strip())
        if not ends or _spans(right, ends[0]):
            continue
        words = _spans(left, ends[0]) + (len(ends) == 2 and _spans(right, ends[1]))
        # two ends each short beside its half (进行 / 时, 督导 / 防汛工作): each headline's wrap,
        # as a third line of one headline would be about as wide as the row's halves
        short = SETTINGS.side_titles_end_share
        short_ends = len(ends) == 2 and _em(ends[0]) <= short * _em(left) and _em(ends[1]) <= short * _em(right)
        # one wrapped end: the left headline wrapped, the right one did not (so is no wider)
        if not (words or short_ends) or len(ends) == 1 and _em(right) > _em(left) + JOINED_TOLERANCE_EM:
            continue
        score = (words, -abs(_em(left) - _em(right)))
        if best is None or score > best[:2]:
            best = (*score, at, len(ends))
    return None if best is None else (best[2], best[3])


def part_side_titles(rows: list[Row]) -> list[Row]:
    """Headlines of two stories printed side by side, read across by the PDF tool into one row
    (``左题的前半 右题`` then ``左题的后半``), parted into the left headline (with its wrapped
    end) and the right one (with its own), each on lines of its own; the right headline gets a
    blank line before it, as a headline of another story. Only rows after a blank line are
    tried, and only when a word runs from the row's left part into the next line.

    >>> rows = [Row(1, "宏伟区开展背街小巷集中清扫日活 绥棱县举办读书节活动", 1), Row(2, "动", 0)]
    >>> [(r.number, r.raw, r.gap) for r in part_side_titles(rows)]
    [(1, '宏伟区开展背街小巷集中清扫日活', 1), (2, '动', 0), (1, '绥棱县举办读书节活动', 1)]
    >>> rows = [Row(1, "誓师大会再动员再部署 机制举措再完善再落", 1), Row(2, "实", 0)]
    >>> part_side_titles(rows) == rows
    True
    >>> rows = [Row(1, "宝清县夹信子镇秋收防火巡查进行 市委书记王建平来到一线检查指导", 1), Row(2, "时", 0),
    ...         Row(3, "防汛工作", 0)]
    >>> [r.raw for r in part_side_titles(rows)]
    ['宝清县夹信子镇秋收防火巡查进行', '时', '市委书记王建平来到一线检查指导', '防汛工作']
    """
    if not SETTINGS.side_titles:
        return rows
    out: list[Row] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        # a row an earlier stage parted (side_heads) is not parted again
        found = (_side_titles(row, rows[k + 1:k + 3])
                 if row.gap and " " in row.raw.strip() and TITLES_STEP not in row.steps else None)
        if found is None:
            out.append(row)
            k += 1
            continue
        at, ends = found
        at += len(row.raw) - len(row.raw.lstrip())
        note = f"line {row.number} parted into two headlines side by side"
        steps = (*row.steps, TITLES_STEP)
        out.append(Row(row.number, row.raw[:at], row.gap, steps, note))
        out.append(rows[k + 1])
        out.append(Row(row.number, row.raw[at + 1:], max(1, row.gap), steps, head_start=True))
        out += rows[k + 2:k + 1 + ends]
        k += 1 + ends
    return out


def _head_line(text: str, most: float) -> bool:
    """A line that may be a headline's line (a space or two inside allowed: 文明你我他  共建…;
    a letter-spaced line of text holds many)."""
    return (bool(text) and not _SENTENCE_END.search(text) and text[-1:] not in "，、"
            and text.count(" ") <= 2 and _em(text) <= most)


def join_interleaved_heads(rows: list[Row]) -> list[Row]:
    """Headlines of stories side by side whose lines a PDF tool printed interleaved, top to
    bottom (左题前半 / 右题前半 / 左题后半): a display line that a word runs into from a
    display line a few lines above it (美 / 丽乡村, 清扫日活 / 动), but not from the line
    right above it, is moved up to follow that line. Every line between must be a display
    line (a headline, kicker or repeated print), and each of them printed after a blank line
    (a frame of its own, as headlines are), so text blocks are never reordered.

    >>> rows = [Row(1, "秦安县王尹镇：村容村貌大提升 美", 1), Row(2, "背街小巷完成改造助力创省级", 1),
    ...         Row(3, "丽庭院添新景", 1), Row(4, "正文第一句。", 1)]
    >>> [r.raw for r in join_interleaved_heads(rows)]
    ['秦安县王尹镇：村容村貌大提升 美', '丽庭院添新景', '背街小巷完成改造助力创省级', '正文第一句。']
    """
    if not SETTINGS.interleaved_heads:
        return rows
    most = SETTINGS.interleaved_heads_max_em
    out = list(rows)
    # each line's test once (a page's lines are mostly text and fail it): recomputed after a move
    display = [_head_line(r.raw.strip(), most) for r in out]
    for k in range(len(out)):
        if not display[k]:
            continue
        head = out[k].raw.strip()
        after = k + 1  # past the line's repeated prints (a headline drawn twice)
        while after < len(out) and out[after].raw == out[k].raw:
            after += 1
        if "，" in head or after >= len(out) or not out[after].gap:
            continue
        for j in range(after + 1, min(len(out), after + 1 + SETTINGS.interleaved_heads_reach)):
            between = out[after:j]
            if not all(display[after:j]) or not out[j].gap:
                break
            end = out[j].raw.strip()
            # a headline's wrapped end: short beside its first line, no clause inside; the
            # dictionary is asked last (most lines fail the tests before)
            if (display[j] and _em(end) <= SETTINGS.interleaved_heads_end_share * _em(head)
                    and "，" not in end and " " not in end and _spans(head, end)
                    and not _spans(head, out[after].raw.strip())
                    and not _spans(out[j - 1].raw.strip(), end)):
                moved = out[j]._replace(gap=0, steps=(*out[j].steps, INTERLEAVED_STEP),
                                        note=f"line {out[j].number} moved up to follow line {out[k].number}: "
                                             "headlines side by side printed interleaved")
                out[after:j + 1] = [moved, between[0]._replace(head_start=True), *between[1:]]
                display[after:j + 1] = [display[j], *display[after:j]]
                break
    return out


# --- Column lines printed interleaved, one per line (pdfminer.six with each line a box) ---
INTERLEAVED_COLUMNS_STEP = "read_interleaved_columns"


def read_interleaved_columns(rows: list[Row]) -> list[Row]:
    """Side-by-side columns whose lines a PDF tool printed one per line, row by row (左栏1 /
    右栏1 / 左栏2 / 右栏2): told by words running from a line into the line ``p`` below it
    (p = the number of columns) far more often than into the next one, in a window of lines
    around each line. A run of lines with the same period is read column by column.

    >>> rows = [Row(k, t, 1) for k, t in enumerate(["本报讯 城南街道近日开展老旧小", "今天河西镇举办首届乡村邻里文化",
    ...         "区环境整治，清运垃圾三十余车，", "节，村民们欢聚一堂，共叙邻里情", "并对楼道堆物逐户上门劝导整",
    ...         "谊，现场还评出十户和睦家庭代", "改。", "表。"], 1)]
    >>> [r.number for r in read_interleaved_columns(rows)]
    [1, 3, 5, 7, 2, 4, 6, 8]
    """
    most, window = SETTINGS.interleaved_columns_max, SETTINGS.interleaved_columns_window
    texts = [row.raw.strip() for row in rows]
    n = len(rows)
    hits = {p: [_spans(texts[i], texts[i + p]) for i in range(n - p)] + [False] * p
            for p in range(1, most + 1)}
    period = []
    for i in range(n):
        lo, hi = max(0, i - window), min(n, i + window + 1)
        counts = {p: sum(hits[p][lo:hi]) for p in hits}
        p = max(range(2, most + 1), key=lambda q: (counts[q], -q))
        strong = counts[p] >= SETTINGS.interleaved_columns_min_hits and counts[p] > 2 * counts[1]
        period.append(p if strong else 1)
    out: list[Row] = []
    k = done = 0  # rows[:done] are in out
    tolerance = JOINED_TOLERANCE_EM
    while k < n:
        p, j = period[k], k
        while j < n and period[j] == p:
            j += 1
        # the block: from the first line a word runs from into the line p below to the line
        # the last such word runs into, widened to whole rows of column lines (a headline or a
        # page label, of another width, ends it; so does a word across two lines in a row)
        core = [i for i in range(k, j) if p > 1 and hits[p][i]]
        if not core:
            k = j
            continue
        widths = sorted(_em(texts[i]) for i in core)
        width = widths[len(widths) // 2]

        def column_line(i: int, width: float = width) -> bool:
            w = _em(texts[i])
            return w <= width + tolerance and (w >= width - 2 * tolerance or texts[i][-1:] in _ENDS)

        start, stop = core[0], core[-1] + p + 1
        # the first row may begin up to p - 1 lines before the first word across
        while start > max(done, core[0] - p + 1) and column_line(start - 1) and not hits[1][start - 1]:
            start -= 1
        end = core[0]
        while end < n and column_line(end) and (end < stop or end < stop + 2 * p and not hits[1][end - 1]):
            end += 1
        if end - start >= 2 * p:
            out += rows[done:start]
            note = f"lines {rows[start].number}-{rows[end - 1].number} read as {p} columns printed interleaved"
            block = rows[start:end]
            for r in range(p):
                out += [x._replace(steps=(*x.steps, INTERLEAVED_COLUMNS_STEP),
                                   note=x.note or (note if r == 0 and m == 0 else ""))
                        for m, x in enumerate(block[r::p])]
            done = end
            k = max(end, k + 1)
        else:
            k = j
    out += rows[done:]
    return out
