"""Blocks stage: tell what each line is (body, headline, dateline, byline, caption, furniture)
from layout evidence, and group consecutive lines of one kind into Units.

Evidence used, all from the page itself: the local column width (a body line fills its
column unless it ends a paragraph, and then it ends a sentence), punctuation at the line end,
doubled display type, frame starts (leading space) and blank-line spacing, plus the editor's
rule files for furniture, role words and datelines.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .model import Kind, Line, Unit
from .patterns import (
    CJK,
    CLAUSE_PUNCT,
    CLOSERS,
    CONTINUATION,
    CONTINUES,
    LABEL_PUNCT,
    SENTENCE_END,
    SENTENCE_PUNCT,
)
from .rules import Rules

# Lines around a line that inform its column width. Set on the seeds: a narrow sidebar of
# 4-character lines next to a 14-character column needs a window small enough not to mix them.
WIDTH_WINDOW = 5
# A body line may be this much narrower than its column and still count as full (ragged
# right edge, half-width digits). Relative part for wide columns.
FULL_TOLERANCE_EM = 1.5
FULL_TOLERANCE_SHARE = 0.1  # seeds: ragged lines within 1.5 em; indents are 2 em
# Columns at least this wide (in em) are "one paragraph per line" pages (seeds 003, 004).
FULL_LINE_WIDTH = 40
# ... and at least this share of nearby lines end a sentence (seeds 003, 004: about 90%; the 40-character
# lead column of seed 002: 30%).
SENTENCE_LINE_SHARE = 0.75
# With fewer lines than this nearby, all of them must end a sentence.
MIN_SENTENCE_LINES = 4
# In such pages, a line without a sentence end shorter than this is display text.
FULL_LINE_HEADLINE_MAX = 30
# Marks that may not end a line: a typesetter pushes them to the next line.
OPENING_MARKS = "“‘（《「『"
# A line this much wider than its column, with no clause punctuation, is display type.
WIDE_DISPLAY_EM = 2
# A headline stack is at most this many lines (seed 001: 突破/迎发展/整合/谋未来 + subtitle).
HEADLINE_MAX_LINES = 6
# A paragraph's first line is indented by about this much (two characters).
INDENT_EM = 2
# How many lines a dateline may be spread over in a narrow column (本 报 / 讯（ 融 媒 / …).
DATELINE_MAX_LINES = 10


def em_width(text: str) -> float:
    """Printed width in em: a CJK character or full-width mark is 1, ASCII is half.

    >>> em_width("老330国道")
    4.5
    """
    ascii_chars = len(text.encode("ascii", "ignore"))  # counted in C: this runs per line
    return len(text) - ascii_chars + 0.5 * (ascii_chars - text.count(" "))


def line_width(line: Line) -> float:
    """A line's printed width: measured when split, else from its text (merged datelines)."""
    return line.width if line.width and line.kind is not Kind.DATELINE else em_width(line.text)


def ends_sentence(text: str) -> bool:
    """True if the line ends a sentence (。！？… possibly followed by closing quotes).

    >>> ends_sentence("创建成果也将得到更好的保护。")
    True
    >>> ends_sentence("撑起开发区“高颜值”")
    False
    >>> ends_sentence("王家骏说。”")
    True
    """
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END


def ends_midsentence(text: str) -> bool:
    """True if the line stops on a comma-like mark, so its paragraph surely goes on.

    >>> ends_midsentence("同时，该区将全区分为6大区块，")
    True
    """
    return bool(text) and text[-1] in CONTINUES


# ---------------------------------------------------------------- furniture and markers


def is_furniture(text: str, rules: Rules, publication: str | None = None) -> bool:
    """True for a masthead, banner, slogan or page label the rule file describes.

    >>> from civicnews.rules import load_rules
    >>> is_furniture("采编热线：3049743", load_rules())
    True
    >>> is_furniture("柯城再掀新热潮", load_rules())
    False
    """
    name = text.replace(" ", "")
    if (publication and name == publication) or name in rules.publications:
        return True
    return bool(rules.furniture_any.fullmatch(text))


def cut_continuation(line: Line) -> Line:
    """Take a (下转2版) marker out of a line's text, remembering where the story goes on.

    >>> cut_continuation(Line(1, "", "今年4亩林地试种成（下转2版）")).continued_to
    '2版'
    """
    m = CONTINUATION.search(line.text)
    if not m:
        return line
    line.marker = m.group(0)
    if m.group(1) in ("下转", "转"):
        line.continued_to = m.group(2).replace(" ", "").lstrip("第")
    line.text = (line.text[: m.start()] + line.text[m.end():]).strip()
    return line


def _is_label_like(text: str) -> bool:
    """A chart label: a clause with commas but no sentence end (企业范围，由…负责)."""
    return not ends_sentence(text) and bool(LABEL_PUNCT.search(text))


def mark_charts(lines: list[Line], rules: Rules) -> None:
    """A chart title (…分解图) and the label lines printed right before it are furniture."""
    for i, line in enumerate(lines):
        if line.kind is not Kind.BODY or not rules.chart_title.fullmatch(line.text):
            continue
        if ends_sentence(line.text) or ends_midsentence(line.text):
            continue
        line.kind = Kind.FURNITURE
        j = i - 1
        while j >= 0 and lines[j].kind is Kind.BODY and _is_label_like(lines[j].text):
            lines[j].kind = Kind.FURNITURE
            j -= 1


# ---------------------------------------------------------------- credits


def credit_pattern(rules: Rules) -> re.Pattern[str]:
    """Dateline with its bracketed credit at a story's start: 本报讯（融媒见习记者 郑旭华）."""
    return _credit_pattern(rules.datelines)


@lru_cache(maxsize=8)
def _credit_pattern(datelines: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, datelines))
    return re.compile(rf"^(?P<dateline>{words})\s*(?:[（(](?P<credit>[^（()）]{{2,80}})[）)])?\s*")


def group_credit_pattern(rules: Rules) -> re.Pattern[str]:
    """A team byline opening a story: ■柯城采访小组 毛霄云 姚沐水 …, maybe run into the text.

    The names are space-separated; the last one may be glued to the story's first words, so
    it is cut at the name length (3) unless a mark ends it sooner.
    """
    return _group_credit_pattern(rules.byline_marks, rules.group_suffixes, rules.roles, rules.name_min, rules.name_max)


@lru_cache(maxsize=8)
def _group_credit_pattern(
    byline_marks: str, group_suffixes: tuple[str, ...], role_words: tuple[str, ...], name_min: int, name_max: int
) -> re.Pattern[str]:
    marks = re.escape(byline_marks) if byline_marks else "■"
    suffixes = "|".join(map(re.escape, group_suffixes)) or "采访小组"
    roles = "|".join(map(re.escape, role_words))
    return re.compile(rf"^[{marks}]\s*(?P<credit>\S*(?:{suffixes}|{roles})\s*{_names(name_min, name_max)})\s*(?P<rest>.*)$")


def _names(name_min: int, name_max: int) -> str:
    """Space-separated names; the last may be glued to the text after it only before a mark
    (蒋玉婷“过去…), since a name run into Chinese text cannot be told from it."""
    name = rf"[{CJK}]{{{name_min},{name_max}}}"
    last = rf"[{CJK}]{{{name_min},3}}(?=[^{CJK}\s])"
    return rf"(?:{name}\s+)*(?:{name}(?=\s|$)|{last})"


@lru_cache(maxsize=8)
def name_line_pattern(name_min: int, name_max: int) -> re.Pattern[str]:
    """A line that goes on with a team credit's names (蓝晨 谢丹 徐国祥 …): at least one name
    followed by a space, or a lone name; a text line (近日，在…) is not one."""
    name = rf"[{CJK}]{{{name_min},{name_max}}}"
    return re.compile(rf"^(?P<credit>{name}\s+{_names(name_min, name_max)}|{name}$)\s*(?P<rest>.*)$")


def is_byline(text: str, rules: Rules) -> bool:
    """True for a line that is only role words and names: 融媒记者 潘燕佳.

    >>> from civicnews.rules import load_rules
    >>> is_byline("融媒记者 潘燕佳", load_rules())
    True
    >>> is_byline("记者了解到，开发区", load_rules())
    False
    """
    text = text.strip().lstrip(rules.byline_marks).strip()
    return " " in text and bool(_byline_pattern(rules.roles, rules.name_min, rules.name_max).fullmatch(text))


@lru_cache(maxsize=8)
def _byline_pattern(role_words: tuple[str, ...], name_min: int, name_max: int) -> re.Pattern[str]:
    roles = "|".join(map(re.escape, role_words))
    name = rf"[{CJK}]{{{name_min},{name_max}}}"
    one = rf"(?:{roles})\s*{name}(?:\s+{name})*"
    return re.compile(rf"{one}(?:\s+{one})*")


def merge_datelines(lines: list[Line], rules: Rules) -> list[Line]:
    """Find story credits, even when a narrow column spreads them over several lines.

    The lines a credit spans become one DATELINE line whose text is what follows the credit
    (the story's first words, possibly empty).
    """
    dated = credit_pattern(rules)
    group = group_credit_pattern(rules)
    starts = tuple(w[0] for w in rules.datelines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind is Kind.BODY and line.text.startswith(starts):
            joined, ends = "", []
            for j in range(i, min(len(lines), i + DATELINE_MAX_LINES)):
                if lines[j].kind is not Kind.BODY:
                    break
                joined += lines[j].text
                ends.append(len(joined))
                m = dated.match(joined)
                # stop once the credit's bracket closed, or the dateline has no bracket at all
                if m and (m.group("credit") or (len(joined) > m.end() and joined[m.end()] not in "（(")):
                    break
            m = dated.match(joined)
            if m:
                used = next(k for k, end in enumerate(ends) if end >= m.end())
                merged = Line(
                    number=line.number,
                    raw="\n".join(x.raw for x in lines[i : i + used + 1]),
                    text=joined[m.end() :].strip() if used == len(ends) - 1 else joined[m.end() : ends[used]].strip(),
                    frame_start=line.frame_start,
                    kind=Kind.DATELINE,
                    credit=m.group(0).strip(),
                    lines=tuple(n for x in lines[i : i + used + 1] for n in x.lines),
                    gap_before=line.gap_before,
                    steps=line.steps,
                )
                out.append(merged)
                i += used + 1
                continue
        if line.kind is Kind.BODY:
            m = group.match(line.text)
            if m:
                line.kind = Kind.DATELINE
                line.credit = m.group("credit").strip()
                line.text = m.group("rest").strip()
                # the names may go on in the next lines of a narrow column
                names = name_line_pattern(rules.name_min, rules.name_max)
                while not line.text and i + 1 < len(lines) and lines[i + 1].kind is Kind.BODY:
                    more = names.match(lines[i + 1].text)
                    if not more or not more.group("credit"):
                        break
                    line.credit += " " + more.group("credit").strip()
                    line.text = more.group("rest").strip()
                    line.lines = (*line.lines, *lines[i + 1].lines)
                    i += 1
        out.append(line)
        i += 1
    return out


# ---------------------------------------------------------------- body or display text


def column_widths(lines: list[Line], skip: frozenset[int] = frozenset()) -> list[float]:
    """The local column width at each line: the upper quartile of its neighbours' widths.

    The line itself, and lines at the indices in ``skip`` (display text found by a first
    pass), are left out so that short headlines cannot narrow a column.
    """
    widths = [line_width(line) for line in lines]
    usable = [
        k for k, line in enumerate(lines)
        if line.kind in (Kind.BODY, Kind.DATELINE) and line.text and not line.doubled and k not in skip
    ]
    everywhere = [widths[k] for k in usable]
    out: list[float] = []
    for i in range(len(lines)):
        # a line sits in the column of the text before it or of the text after it (where a
        # new column starts): of the two, the one nearer its own width
        lo, mid = bisect.bisect_left(usable, i - WIDTH_WINDOW), bisect.bisect_left(usable, i)
        hi = bisect.bisect_right(usable, i + WIDTH_WINDOW)
        before = [widths[k] for k in usable[lo:mid]]
        after = [widths[k] for k in usable[mid:hi] if k != i]
        guesses = [_upper_quartile(side) for side in (before, after) if len(side) >= 3]
        if not guesses:
            near = before + after if len(before + after) >= 3 else everywhere or [widths[i]]
            guesses = [_upper_quartile(near)]
        out.append(min(guesses, key=lambda g: abs(g - widths[i])))
    return out


def one_paragraph_per_line(lines: list[Line], columns: list[float]) -> list[bool]:
    """Where the text is not set in columns but one paragraph per line (seeds 003, 004): wide,
    and most nearby lines end a sentence (in a column most lines stop mid-sentence)."""
    out = []
    for i, column in enumerate(columns):
        if column < FULL_LINE_WIDTH:
            out.append(False)
            continue
        near = [lines[k].text for k in range(max(0, i - WIDTH_WINDOW), min(len(lines), i + WIDTH_WINDOW + 1))
                if lines[k].kind in (Kind.BODY, Kind.DATELINE) and lines[k].text]
        ending = sum(1 for t in near if ends_sentence(t))
        # with few lines to go by, only all of them ending a sentence tells
        needed = SENTENCE_LINE_SHARE * len(near) if len(near) >= MIN_SENTENCE_LINES else len(near)
        out.append(len(near) >= 2 and ending >= needed)
    return out


def _upper_quartile(values: list[float]) -> float:
    """The value a quarter of the lines reach or pass (robust to a few headlines nearby)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, (3 * len(ordered)) // 4)]


def is_full(width: float, column: float) -> bool:
    """True if a line fills its column (allowing a ragged edge)."""
    return width >= column - max(FULL_TOLERANCE_EM, FULL_TOLERANCE_SHARE * column)


def classify_display_lines(lines: list[Line]) -> None:
    """Mark headline-like lines: short, no sentence end, not continuing an open paragraph.

    Two passes: the second measures columns without the display lines the first one found.
    """
    _classify_pass(lines, column_widths(lines))
    display = frozenset(k for k, line in enumerate(lines) if line.kind is Kind.HEADLINE and not line.doubled)
    for k in display:
        lines[k].kind = Kind.BODY
    _classify_pass(lines, column_widths(lines, skip=display))


def _classify_pass(lines: list[Line], columns: list[float]) -> None:
    ragged = one_paragraph_per_line(lines, columns)
    open_paragraph = after_jump = False
    for i, line in enumerate(lines):
        if line.kind is Kind.DATELINE:
            open_paragraph = bool(line.text) and not ends_sentence(line.text)
            after_jump = bool(line.continued_to)
            continue
        if line.kind is not Kind.BODY:
            open_paragraph = False
            continue
        text, width, column = line.text, line_width(line), columns[i]
        if line.doubled:
            line.kind = Kind.HEADLINE
        elif after_jump and not ends_sentence(text) and not CLAUSE_PUNCT.search(text):
            line.kind = Kind.HEADLINE  # after (下转2版) the story goes on elsewhere: display text
        elif text.startswith("——") or ends_sentence(text) or ends_midsentence(text):
            pass
        elif SENTENCE_PUNCT.search(text, 0, len(text) - 1):
            pass  # display text carries no sentence punctuation inside
        elif ragged[i]:
            if (width < FULL_LINE_HEADLINE_MAX or " " in text) and (not open_paragraph or line.frame_start):
                line.kind = Kind.HEADLINE
        elif open_paragraph and not line.frame_start:
            pass
        elif " " in text and not re.search(r"[，。、]", text):
            line.kind = Kind.HEADLINE
        elif width > column + max(WIDE_DISPLAY_EM, FULL_TOLERANCE_SHARE * column) and not CLAUSE_PUNCT.search(text):
            line.kind = Kind.HEADLINE  # wider than its column: display type set across columns
        elif not is_full(width, column) and not _indented_first_line(lines, i, width, column, columns):
            line.kind = Kind.HEADLINE
        # an attribution (———朱长林) closes its quote like a sentence end, a jump line its story
        open_paragraph = (
            line.kind is Kind.BODY and not ends_sentence(text) and not text.startswith("——")
            and not line.continued_to
        )
        after_jump = bool(line.continued_to) or (after_jump and line.kind is Kind.HEADLINE)
    _mark_lines_before_datelines(lines)
    _mark_stray_display_lines(lines)
    _mark_lines_before_paragraph_starts(lines, columns)
    _mark_display_continuations(lines, columns)


def _mark_display_continuations(lines: list[Line], columns: list[float]) -> None:
    """Under a display line, unpunctuated lines that are not indented go on with it (a title
    broken over lines); a paragraph under a headline starts indented or with punctuation."""
    for i in range(1, len(lines)):
        line = lines[i]
        if lines[i - 1].kind is not Kind.HEADLINE or line.kind is not Kind.BODY or line.frame_start:
            continue
        if _display_candidate(line) and is_full(line_width(line), columns[i]):
            line.kind = Kind.HEADLINE


def _mark_lines_before_paragraph_starts(lines: list[Line], columns: list[float]) -> None:
    """Under display text, an unfinished line followed by an indented paragraph start cannot be
    body (its paragraph would have no end): it is the last headline line."""
    for i in range(len(lines) - 1, 0, -1):
        nxt = lines[i]
        width = line_width(nxt)
        if nxt.kind is not Kind.BODY or is_full(width, columns[i]):
            continue
        if not _indented_first_line(lines, i, width, columns[i], columns):
            continue
        k = i - 1
        while k >= 0 and _unpunctuated_body(lines[k]):
            k -= 1
        # only when the run of unpunctuated lines sits right under display text or a sentence end
        if k < i - 1 and (k < 0 or lines[k].kind is Kind.HEADLINE or ends_sentence(lines[k].text) or lines[k].text.startswith("——")):
            for j in range(k + 1, i):
                lines[j].kind = Kind.HEADLINE


def _unpunctuated_body(line: Line) -> bool:
    return line.kind is Kind.BODY and not CLAUSE_PUNCT.search(line.text) and not ends_sentence(line.text)


def _indented_first_line(lines: list[Line], i: int, width: float, column: float, columns: list[float]) -> bool:
    """A paragraph's first line is indented two characters; the text goes on in a full line."""
    if width < column - INDENT_EM - max(FULL_TOLERANCE_EM, FULL_TOLERANCE_SHARE * column):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return (
        nxt is not None and nxt.kind is Kind.BODY and not nxt.frame_start
        and is_full(line_width(nxt), columns[i + 1])
    )


def _mark_stray_display_lines(lines: list[Line]) -> None:
    """A lone unfinished line between display text and a caption or the page end is display
    text too (a subtitle under a title printed after its body)."""
    story = [line for line in lines if line.kind is not Kind.FURNITURE]
    for k, line in enumerate(story):
        if line.kind is not Kind.BODY or ends_sentence(line.text) or ends_midsentence(line.text):
            continue
        before = story[k - 1].kind if k > 0 else None
        after = story[k + 1].kind if k + 1 < len(story) else None
        if before is Kind.HEADLINE and after in (None, Kind.CAPTION, Kind.HEADLINE):
            line.kind = Kind.HEADLINE


def _mark_lines_before_datelines(lines: list[Line]) -> None:
    """Unfinished text right before a dateline is that story's headline, however many lines it
    was broken into: the story before it must have ended on a sentence."""
    for i in range(len(lines) - 1, 0, -1):
        if lines[i].kind is not Kind.DATELINE:
            continue
        k = i - 1
        while k >= 0 and i - k <= HEADLINE_MAX_LINES and _display_candidate(lines[k]):
            lines[k].kind = Kind.HEADLINE
            k -= 1


def _display_candidate(line: Line) -> bool:
    """A body or display line that could be part of a headline: no punctuation, no jump."""
    return (
        line.kind in (Kind.BODY, Kind.HEADLINE) and not line.continued_to
        and not ends_sentence(line.text) and not CLAUSE_PUNCT.search(line.text)
    )


# ---------------------------------------------------------------- captions


def mark_captions(lines: list[Line], rules: Rules) -> None:
    """A line starting with a photo mark (▲ ▶) is a caption."""
    for line in lines:
        if line.kind is Kind.BODY and rules.caption_marks and line.text[:1] in rules.caption_marks:
            line.kind = Kind.CAPTION
            line.text = line.text.lstrip(rules.caption_marks + " ")


# ---------------------------------------------------------------- units


def starts_new_headline_group(prev: Line, line: Line, run: list[Line]) -> bool:
    """Split a run of display lines where a new frame or a change of spacing begins."""
    if line.frame_start:
        return True
    if prev.doubled and line.doubled:
        return False
    # a blank line after a frame of lines set tight ends the group (…“开门红” / 制定细则 …)
    return line.gap_before > 0 and len(run) >= 3 and run[-1].gap_before == 0 and run[-2].gap_before == 0


def build_units(lines: list[Line], rules: Rules, publication: str | None = None) -> list[Unit]:
    """Classify every line, then group consecutive lines of one kind into Units."""
    for line in lines:
        if is_furniture(line.text, rules, publication):
            line.kind = Kind.FURNITURE
        else:
            cut_continuation(line)
    lines = merge_datelines(lines, rules)
    for line in lines:
        if line.kind is Kind.BODY and is_byline(line.text, rules):
            line.kind = Kind.BYLINE
    mark_charts(lines, rules)
    mark_captions(lines, rules)
    classify_display_lines(lines)
    units: list[Unit] = []
    for line in lines:
        last = units[-1] if units else None
        if line.kind is Kind.HEADLINE and last and last.kind is Kind.HEADLINE:
            if not starts_new_headline_group(last.lines[-1], line, last.lines):
                last.lines.append(line)
                continue
        elif line.kind is Kind.BODY and last and last.kind in (Kind.BODY, Kind.DATELINE):
            if not (line.frame_start and last.lines and ends_sentence(last.lines[-1].text)):
                last.lines.append(line)
                continue
        units.append(Unit(kind=line.kind, lines=[line]))
    return units


# ---------------------------------------------------------------- paragraphs


def rejoin_paragraphs(lines: list[str]) -> list[str]:
    """Rejoin one column's broken lines into paragraphs.

    A paragraph ends on a line that ends a sentence and does not fill the column; in a
    one-paragraph-per-line text, every sentence end is a paragraph end.

    >>> rejoin_paragraphs(["连日来，开发区各班子成员", "分批带队走访企业。", "企业负责人对此表示满", "意。"])
    ['连日来，开发区各班子成员分批带队走访企业。', '企业负责人对此表示满意。']
    """
    cleaned = [t.strip() for t in lines if t.strip()]
    if not cleaned:
        return []
    probe = [Line(k, t, t) for k, t in enumerate(cleaned)]
    columns = column_widths(probe)
    ragged = one_paragraph_per_line(probe, columns)
    paragraphs: list[str] = []
    current = ""
    for i, text in enumerate(cleaned):
        starts = i == 0 or ends_sentence(cleaned[i - 1])
        current = _join(current, text)
        if i == len(cleaned) - 1:
            break
        # a paragraph's first line is indented, so it may be short and still fill its column
        width = em_width(text) + (INDENT_EM if starts else 0)
        if cleaned[i + 1][0] in OPENING_MARKS:
            width += 1  # an opening quote may not end a line: it was pushed down
        if ends_sentence(text) and (ragged[i] or not is_full(width, columns[i])):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _join(left: str, right: str) -> str:
    """Join two pieces of a broken line with nothing between them: Chinese has no word spaces,
    and a Latin word or a number broken at a line end (AP|P, 33|0) is one word."""
    return left + right


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
