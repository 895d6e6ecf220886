"""Rereadings of the model's line roles before the lines are grouped, each pass one kind of line.

Each pass takes the lines and their decisions and returns the lines it rereads (indices, or
index -> role); ``assemble.assemble_page`` gives them their new role and the evidence the report
shows. In the order they run:
1. ``credits_as_bylines``: lines of only role words and names read as display or furniture are
   credits (opening the story after them) or bylines (closing the story before);
2. ``titles_ending_sentences``: a title line ending on a full stop is a story's text;
3. ``credits_read_as_starts``: a story's "first line" of only role words and names is a credit
   under its headline, or the byline of the story before;
4. ``leads_after_credits``: a line opening like a story after a closing credit is a first line;
5. ``leads_at_new_measures``: so is one after a finished sentence where the text changes measure
   (``measure_changes``: another story's column);
6. ``leads_after_bracket_labels``: a bracketed label alone (【万灵镇】) over a story's first line
   is that story's kicker;
7. ``datelines_read_as_bylines`` and ``datelines_open_stories``: a line opening with a dateline
   (and going on past it) is a story's first line;
7a. ``dated_text_read_as_furniture``: a line read as the page's date strip that opens with a
    full date and goes on in words into the text line under it is the story's text;
7b. ``slogans_read_as_headlines``: a title line a formulaic slogan makes up whole, a block of
    its own, is furniture;
8. ``openings_read_as_titles``: a "title" opening on a story's first clause (11月9日上午，…) is
   the story's first line, printed above its headline by a PDF tool;
9. ``quoted_titles``: a whole quoted sentence under headline lines, above a story's first line,
    is the title (the lines above it its kicker);
10. ``dash_subtitles``, ``dash_titles``: a headline line opening with a dash begins a subtitle;
    a paragraph of headline length ending on a dash is a headline;
11. ``colon_titles``, ``title_ends_read_as_leads``, ``colon_title_openings``: a headline broken at
    its colon, and a title's wrapped end read as a story's first line;
11b. ``campaign_lines_in_headlines``: a campaign slogan line (共创…城市) printed against a
    headline line no rule names, in a block of their own that text beside it uses the words of,
    is a piece of that headline, not furniture;
12. ``titles_between_stories``: a headline-shaped subhead, furniture line or caption whose text
    after shares almost nothing with the text before is a new story's title;
12a. ``subheads_opening_stories``: so is a headline-shaped subhead over text that opens like a
    story and uses its words more than the text before does, the two texts sharing a few names;
12b. ``titles_over_openings``: so is a headline-shaped line read as text, set apart between a
    finished sentence and text that opens like a story, when that text uses its words more than
    the text before does and the two share almost nothing;
13. ``titles_naming_new_places``: so is one opening with a place the text after names and the
    story before never does;
14. ``subheads_touching_titles``: a subhead printed against a title line is a piece of that title;
15. ``titles_after_credits``: a headline-shaped line right after a closing credit is a title, and
    so is a stack of short lines between it and a first line opening with a dateline;
16. ``titles_read_as_leads``: an untitled "first line" shaped as a headline is one;
16a. ``blocks_read_as_text``: a headline-shaped line read as text that is a block of its own
    among blocks of several lines, off their measure, its words in the page's text, is a title
    (pdftotext prints a headline spanning columns between the lines of the columns it reads
    first); so is such a headline and its shorter wrapped end set apart as one block
    (``block_title_lines``), and a block beside a one-line block of furniture, a caption or a
    byline (``neighbour_blocks``); the text under it, when it opens no story, does not begin
    that title's story (``grouping.texts_running_across``);
17. ``titles_opened_by_text``: a block's first line printed against the title under it is that
    title's first piece;
17a. ``reprinted_blocks``: the lines of one headline block drawn twice as a whole (PyMuPDF's
    fake bold) are one title, begun at the block's first line;
18. ``far_reprints`` and ``reprinted_title_ends``: display lines printed a second time are
    furniture, and a title line's end read as something else is found by its second print;
19. ``chart_labels``: a chart's title (…分解图) and the short label lines right above it are
    furniture;
20. ``leads_echoing_titles``: title lines under a headline line that repeat its opening and run
    on into the text are the story's first line;
21. ``text_read_as_titles``: title lines whose last word runs into a first line holding a clause
    are the story's text;
21a. ``prose_read_as_titles``: title lines that are prose (a sentence ends inside them, or two
    kinds of clause marks), with the title lines above that go on into them, are text;
22. ``kickers_ending_titles``: a kicker against the title above it, set apart from the title under
    it, ends the headline above;
23. ``title_ends_broken_off``: a few characters under a title line, broken off inside a word or a
    quotation and read as a subhead, caption, furniture or text, are the title's end.
``dash_titles`` also takes a headline whose closing dash wrapped onto a line of its own.
"""

from __future__ import annotations

import os
import re
import statistics
from dataclasses import replace  # noqa: F401 (its doctests use it)

from . import credits
from .features import bigrams, opens_story, spans_a_word
from .headline import (
    _one_phrase,
    couplet,
    ends_open,
)
from .labeler import Decision
from .line_shapes import (
    _CLAUSE_ENDS,
    _TAIL_MARKS,
    _TYPE_MARKS,
    DASH_OPENING,
    MEASURE_LINES,
    MEASURE_MIN_EM,
    _couplet_title,
    _far_tail_fits,
    _furniture_shaped,
    _names_a_place_only,
    _whole_quote,
    could_be_title,
    new_place,
    touching,
)
from .model import Line, R, Role
from .page_items import HEAD_ROLES, _shares_with, cosine
from .paragraphs import ends_sentence
from .patterns import CJK_CHAR
from .rules import Rules
from .settings import SETTINGS

# A headline line this long (CJK characters) printed again far from its first print is that
# headline's second print (a drop shadow or fake bold that a PDF tool read out of place); a
# shorter line may be a common phrase. Not fitted: the shortest title the corpus shows is 5.
MIN_REPRINT_CHARS = 5


def far_reprints(lines: list[Line], decisions: list[Decision]) -> dict[int, int]:
    """Display lines printed a second time further down the page: index → index of the first
    print. A line that goes on such a reprint and on its first print is one too (题一 / 题二
    … 题一 / 题二).

    >>> page = [Line(n, "", t) for n, t in enumerate(["米河镇召开创文", "推进会", "正文。", "米河镇召开创文", "推进会"])]
    >>> roles = [Role.TITLE, Role.TITLE, Role.BODY, Role.TITLE, Role.TITLE]
    >>> far_reprints(page, [Decision(r, 1.0) for r in roles])
    {3: 0, 4: 1}
    """
    first: dict[str, int] = {}
    out: dict[int, int] = {}
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        text = line.text
        head = decision.role in HEAD_ROLES
        if head and k - 1 in out and out[k - 1] + 1 < k - 1 and lines[out[k - 1] + 1].text == text:
            out[k] = out[k - 1] + 1
        elif head and text in first and len(CJK_CHAR.findall(text)) >= MIN_REPRINT_CHARS:
            out[k] = first[text]
        elif text and (head or decision.role is R.FURNITURE):
            first.setdefault(text, k)
    return out


def reprinted_title_ends(decisions: list[Decision], reprints: dict[int, int]) -> list[int]:
    """A title line's next line, read as something else (防汛工作 read as a story's first line),
    whose second print goes on the title line's second print (市委书记王建平来到一线检查指导 /
    防汛工作 printed again at the foot): the headline's end. ``reprints`` is ``far_reprints``'s
    answer. Returns the indices of the ends.

    >>> roles = [Role.TITLE, Role.START, Role.BODY, Role.TITLE, Role.TITLE]
    >>> reprinted_title_ends([Decision(r, 0.9) for r in roles], {3: 0, 4: 1})
    [1]
    """
    return [j + 1 for k, j in reprints.items()
            if reprints.get(k + 1) == j + 1 and decisions[j].role is R.TITLE
            and decisions[j + 1].role is not R.TITLE and decisions[k + 1].role is R.TITLE]



def reprint_blocks(lines: list[Line]) -> list[list[int]]:
    """The headline blocks drawn twice as a whole (``lines.fold_reprints``: 题 / 题, or 题一 /
    题二 / 题一 / 题二): runs of first prints whose second prints lie the same number of lines
    further on, that number of lines long. Lists of indices.

    >>> page = [Line(n, "", t) for n, t in enumerate(["甲", "乙", "丙", "丁", "戊"], 1)]
    >>> for line, nums in zip(page, [(1, 3), (2, 4), (5, 8), (6, 9), (7, 10)], strict=True):
    ...     line.doubled, line.lines = True, nums
    >>> reprint_blocks(page)
    [[0, 1], [2, 3, 4]]
    """
    blocks: list[list[int]] = []
    prev: tuple[int, int] | None = None  # the last line's first number and offset
    for k, line in enumerate(lines):
        if not line.doubled or len(line.lines) < 2 or line.lines[1] <= line.lines[0]:
            prev = None
            continue
        first, offset = line.lines[0], line.lines[1] - line.lines[0]
        goes_on = prev is not None and prev == (first - 1, offset) and len(blocks[-1]) < offset
        if goes_on:
            blocks[-1].append(k)
        else:
            blocks.append([k])
        prev = (first, offset)
    return [b for b in blocks if len(b) == lines[b[0]].lines[1] - lines[b[0]].lines[0]]


# Roles a line of a headline block drawn twice may have been read as: a display role, furniture
# (a phrase pair read as a slogan), a subhead or a caption; never text, a credit or a byline.
_BLOCK_ROLES = (R.TITLE, R.KICKER, R.SUBTITLE, R.FURNITURE, R.SUBHEAD, R.CAPTION)


def reprinted_blocks(lines: list[Line], decisions: list[Decision]) -> dict[int, bool]:
    """A headline block a PDF tool drew twice as a whole (fake bold, a drop shadow: PyMuPDF
    prints the block's lines, then all of them again) is one title: a typesetter doubles the
    title's box, not its kicker or subtitle. Its first line begins a title (a block right under
    another drawn-twice block is another story's title: PyMuPDF prints the doubled titles of a
    page together at its foot), and its other lines go on it, whatever the model read them as
    (2023年县级文明城镇测评名单 / 公布 我县名列前茅, the second line's two phrases read as a
    slogan; a title's last line read as the next title's kicker, a whole title as a kicker).
    Only blocks the model read a headline line in, of display, furniture, subhead or caption
    lines; a line the line stage parted off as another story's headline is left alone, and so is
    a one-line block next to another (pdfminer prints a doubled title line by line: 题一 / 题一 /
    题二 / 题二 is one title). Returns index → whether the line goes on the title line above it,
    for the lines whose role or that changes.

    >>> page = [Line(5, "", "县里召开文明城市创建"), Line(6, "", "推进会 部署下阶段工作"), Line(9, "", "日前，县里召开会议。")]
    >>> page[0].doubled = page[1].doubled = True
    >>> page[0].lines, page[1].lines, page[2].lines = (5, 7), (6, 8), (9,)
    >>> roles = [Role.TITLE, Role.FURNITURE, Role.START]
    >>> reprinted_blocks(page, [Decision(r, 0.9) for r in roles])
    {1: True}
    >>> page[1].lines = (6, 10)  # printed again elsewhere: no one block
    >>> reprinted_blocks(page, [Decision(r, 0.9) for r in roles])
    {}
    """
    if not SETTINGS.reprinted_blocks_one_headline:
        return {}
    out: dict[int, bool] = {}
    blocks = reprint_blocks(lines)
    ones = {b[0] for b in blocks if len(b) == 1}
    for block in blocks:
        # pdfminer prints a doubled title line by line (题一 / 题一 / 题二 / 题二): one-line blocks
        # next to each other may be one title's lines, so only a one-line block alone counts
        if len(block) == 1 and (block[0] - 1 in ones or block[0] + 1 in ones):
            continue
        if not any(decisions[k].role in HEAD_ROLES for k in block):
            continue
        if any(decisions[k].role not in _BLOCK_ROLES or (lines[k].head_start and k != block[0]) for k in block):
            continue
        for k in block:
            goes_on = k != block[0]
            if decisions[k].role is not R.TITLE or decisions[k].continues != goes_on:
                out[k] = goes_on
    return out

# Roles of the lines a story's text is made of, for the windows ``titles_between_stories`` reads.
_TEXT_ROLES = (R.START, R.BODY, R.CREDIT)
# Lines read on each side of a subhead: a few paragraphs, enough words to compare; not fitted.
SUBHEAD_WINDOW = 30


def _text_window(lines: list[Line], decisions: list[Decision], ks: range) -> str:
    """The text lines from ``ks`` on until a headline, a subhead or a byline, joined."""
    out: list[str] = []
    for k in ks:
        role = decisions[k].role
        if role in HEAD_ROLES or role in (R.BYLINE, R.SUBHEAD):
            break
        if role in _TEXT_ROLES:
            out.append(lines[k].text)
    return "".join(out)


# A line this many em short of its column's measure is no full line: a paragraph's first line
# fills its column but for an indent of two characters (the most papers set), so three is no
# first line. Not fitted: a typesetting fact.
SHORT_OF_MEASURE_EM = 3.0


def measure_changes(lines: list[Line], decisions: list[Decision], k: int, from_k: bool = False) -> bool:
    """The text lines right before line k and right after it are set to different measures
    (the median widths of their full lines differ by ``measure_change`` and ``MEASURE_MIN_EM``
    or more): two columns of two stories, the line between them where one story ends and the
    next one's headline stands.

    >>> column = [Line(n, "", "动社区服务新模式的全面落地，把志愿者", width=18.0) for n in range(1, 4)]
    >>> wide = [Line(n, "", "源优势，持续跟进重点产业项目，项目建设各项指标好", width=24.0) for n in range(5, 8)]
    >>> page = [*column, Line(4, "", "蒙城首季度重点项目建设开门红", width=14.0), *wide]
    >>> roles = [Decision(Role.BODY, 0.9)] * 7
    >>> measure_changes(page, roles, 3)
    True
    >>> page[4:] = [replace(line, width=18.5) for line in wide]
    >>> measure_changes(page, roles, 3)
    False
    """
    def measure(ks: range) -> float:
        # the median of the full lines (a paragraph's last line is short; a row a PDF tool read
        # across two columns is long, and holds a space where the columns meet)
        found: list[float] = []
        for j in ks:
            if decisions[j].role in HEAD_ROLES or len(found) == MEASURE_LINES:
                break  # another story's headline: its text is no measure of this one
            if lines[j].text and decisions[j].role in _TEXT_ROLES and not ends_sentence(lines[j].text) \
                    and " " not in lines[j].text.strip():
                found.append(lines[j].width)
        # fewer than three full lines tell no measure (one may be a row read across)
        return statistics.median(found) if len(found) >= 3 else 0.0

    before = measure(range(k - 1, -1, -1))
    after = measure(range(k if from_k else k + 1, len(lines)))  # from_k: line k opens the text after
    if not before or not after:
        return False
    # and by whole characters: on a column a few characters wide one character is 20 %
    wide, narrow = max(before, after), min(before, after)
    return wide / narrow >= SETTINGS.measure_change and wide - narrow >= MEASURE_MIN_EM


def _subhead_block(lines: list[Line], decisions: list[Decision], k: int) -> tuple[int, int]:
    """The first and last index of the lines read as subheads printed together with line k
    (blank lines between them aside), when they are at most ``max_subhead_block_lines``;
    else (k, k): a longer block is a list of points, not one headline.

    >>> page = [Line(n, "", t) for n, t in enumerate(["文明。", "山水衢州", "", "扮靓城市客厅", "近日，衢州。"])]
    >>> roles = [Role.BODY, Role.SUBHEAD, Role.BODY, Role.SUBHEAD, Role.BODY]
    >>> _subhead_block(page, [Decision(r, 1.0) for r in roles], 3)
    (1, 3)
    >>> roles[2] = Role.SUBHEAD  # three subheads, where at most two count as one headline
    >>> page[2] = Line(2, "", "对下一步工作提出要求")
    >>> _subhead_block(page, [Decision(r, 1.0) for r in roles], 3)
    (3, 3)
    """
    def step(j: int, by: int) -> int:
        while 0 <= j + by < len(lines) and not lines[j + by].text:
            j += by
        return j + by if 0 <= j + by < len(lines) and decisions[j + by].role is R.SUBHEAD else -1
    lo = hi = k
    while (j := step(lo, -1)) >= 0:
        lo = j
    while (j := step(hi, 1)) >= 0:
        hi = j
    block = sum(1 for j in range(lo, hi + 1) if lines[j].text)
    return (lo, hi) if block <= SETTINGS.max_subhead_block_lines else (k, k)


def titles_between_stories(lines: list[Line], decisions: list[Decision], rules: Rules) -> dict[int, float]:
    """Headline-shaped lines read as subheads, furniture or captions whose text after shares
    almost nothing with the text before (cosine of their bigram sets under
    ``max_title_similarity``): a title between two stories, not a subhead inside one. A
    furniture or caption line must also follow a finished sentence, come right before text and
    share ``min_aside_title_share`` of its words with it (a slogan between two stories shares
    few). A line read as text counts right before a story's first line (with no text before it,
    the page's first story, it is that story's title) or, under the same tests as a furniture
    line, when it was read with little confidence. A line the furniture rules or slogans name
    (创建卫生城市 人人有责 between two paragraphs) is never taken. A headline of two lines both
    read as subheads is judged by the text around both (``_subhead_block``). Index → the
    cosine, for the report.

    >>> from .rules import load_rules
    >>> texts = ["自贡建成智能借书柜，市民借书方便了。", "枫林镇开展节前消防隐患大排查",
    ...          "节日临近，枫林镇开展消防隐患排查。", "务实举措保安全", "枫林镇排查组排查消防隐患。"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> roles = [Role.BODY, Role.SUBHEAD, Role.BODY, Role.SUBHEAD, Role.BODY]
    >>> titles_between_stories(page, [Decision(r, 1.0) for r in roles], load_rules())
    {1: 0.0}
    >>> roles = [Role.BODY, Role.CAPTION, Role.BODY, Role.SUBHEAD, Role.BODY]
    >>> titles_between_stories(page, [Decision(r, 1.0) for r in roles], load_rules())
    {1: 0.0}

    A line read as text, but unsure of it (``max_between_body_confidence``), counts too:

    >>> roles = [Role.BODY, Role.BODY, Role.BODY, Role.SUBHEAD, Role.BODY]
    >>> titles_between_stories(page, [Decision(r, 0.3 if k == 1 else 1.0) for k, r in enumerate(roles)], load_rules())
    {1: 0.0}
    >>> titles_between_stories(page, [Decision(r, 1.0) for r in roles], load_rules())
    {}
    """
    out: dict[int, float] = {}
    # text read with at least this confidence is never unsure text (below)
    sure = max(SETTINGS.max_between_body_confidence, SETTINGS.max_between_measure_confidence)
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        # the role tests below, first where they are cheap (most lines are confident text, and
        # most of those pass the shape test): a line of another role, or confident text not
        # right before a story's first line, is no candidate
        if decision.role is R.BODY:
            if decision.confidence >= sure and not _before_start(lines, decisions, k):
                continue
        elif decision.role not in _BETWEEN_ROLES:
            continue
        if not could_be_title(line.text):
            continue
        unsure_text = decision.role is R.BODY and (
            decision.confidence < SETTINGS.max_between_body_confidence
            or decision.confidence < SETTINGS.max_between_measure_confidence and measure_changes(lines, decisions, k))
        if decision.role not in _BETWEEN_ROLES and not (decision.role is R.BODY and _before_start(lines, decisions, k)) \
                and not unsure_text:
            continue
        if _furniture_shaped(line.text, rules):  # after the role tests: most lines fail those first
            continue
        # a headline of two or three lines all read as subheads (山水衢州 / 扮靓城市客厅): the
        # text around the whole block counts, not the block's other lines
        lo, hi = _subhead_block(lines, decisions, k) if decision.role is R.SUBHEAD else (k, k)
        after = _text_window(lines, decisions, range(hi + 1, min(len(lines), hi + 1 + SUBHEAD_WINDOW)))
        before = _text_window(lines, decisions, range(lo - 1, max(-1, lo - 1 - SUBHEAD_WINDOW), -1))
        if not after:
            continue
        if not before:  # the page's first text: a title when a story begins right after it
            if decision.role is R.BODY and _before_start(lines, decisions, k):
                out[k] = 0.0
            continue
        # unsure text set apart from the text under it (short of its measure) needs none of
        # its words there: a figurative headline (筑牢乡村健康防线) shares few (a line with a
        # comma is a paragraph's first line, set apart or not; one over another short line is
        # half of a headline of two lines, or a paragraph's broken lines)
        set_apart = (unsure_text and "，" not in line.text and _set_apart(lines, decisions, k)
                     and _next_fills_measure(lines, k))
        if decision.role is not R.SUBHEAD and not set_apart and not _opens_text(lines, decisions, k, after):
            continue
        score = cosine(bigrams(after), bigrams(before))
        if score < SETTINGS.max_title_similarity:
            out[k] = round(score, 3)
    return out



def titles_over_openings(lines: list[Line], decisions: list[Decision], rules: Rules) -> dict[int, float]:
    """Headline-shaped lines read as text, however sure, set apart between a finished sentence
    and text that opens like a story (a date or 近日 in its first ``far_split_opening_chars``
    characters: ``_DATED_OPENING``), that text using more of their words than the text before
    does and the two texts sharing a cosine under ``max_title_similarity``: a headline over its
    story's lead, where a paragraph's first line would run on and a last line end a sentence.
    ``titles_between_stories`` takes such a line only when the model was unsure of it; a
    headline of one short line set in a column of short lines (用爱心为党旗添彩 over a
    column of eight-character lines) is read as text with confidence. A line with a comma is
    a paragraph's first line (another ``titles_between_stories`` test). Index → the cosine,
    for the report.

    >>> from .rules import load_rules
    >>> texts = ["代表们提出了许多有针对性的建议。", "用真情为老人添温暖", "5月8日，南溪镇的志愿者",
    ...          "走进敬老院为老人理发、打扫", "卫生，陪老人聊天拉家常。"]
    >>> page = [Line(n, "", t, gap_before=1, width=float(len(t))) for n, t in enumerate(texts)]
    >>> titles_over_openings(page, [Decision(Role.BODY, 0.9)] * 5, load_rules())
    {1: 0.0}

    Over text that opens no story it is a paragraph's line:

    >>> page[2] = Line(2, "", "南溪镇的志愿者还在敬老院", gap_before=1, width=12.0)
    >>> titles_over_openings(page, [Decision(Role.BODY, 0.9)] * 5, load_rules())
    {}
    """
    out: dict[int, float] = {}
    if not SETTINGS.titles_over_openings:
        return out
    for k in range(1, len(lines) - 1):
        text = lines[k].text
        # cheap tests first: most lines are text that ends a clause or fills its column
        if decisions[k].role is not R.BODY or "，" in text or not _set_apart(lines, decisions, k):
            continue
        if not could_be_title(text) or _PROSE_MARKS.search(text) or _furniture_shaped(text, rules):
            continue
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
        if nxt is None or decisions[nxt].role not in _TEXT_ROLES:
            continue
        after = _text_window(lines, decisions, range(k + 1, min(len(lines), k + 1 + SUBHEAD_WINDOW)))
        before = _text_window(lines, decisions, range(k - 1, max(-1, k - 1 - SUBHEAD_WINDOW), -1))
        if not after or not before or not _DATED_OPENING.search(after[:SETTINGS.far_split_opening_chars]):
            continue
        if _shares_with(text, after) <= _shares_with(text, before):
            continue
        score = cosine(bigrams(after), bigrams(before))
        if score < SETTINGS.max_title_similarity:
            out[k] = round(score, 3)
    return out

# A line wholly in brackets (【人大代表之家】): a column's label, a kicker's print, no title.
# Marks of a sentence's inside a headline never holds (a headline may hold one ，between two
# phrases): 、 lists, brackets, half-width commas, a stop
_PROSE_MARKS = re.compile("[、。（）(),;；]")
_BRACKETED = re.compile(r"^[【\[〔(（].*[】\]〕)）]$")


def _off_measure(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """Line k is wider or narrower than the column lines around it by more than
    ``SHORT_OF_MEASURE_EM`` (the measure: the widest of the nearest ``MEASURE_LINES`` text lines
    on each side that end no sentence and hold no space): a headline set across columns or in a
    box of its own, not a column's line (a column line fills its measure; one that falls short
    ends its paragraph).

    >>> texts = ["一二三四五六七八九十", "荣县人大代表与政协委员开展会前专题调研活动", "一二三四五六七八九十"]
    >>> page = [Line(n, "", t, width=float(len(t))) for n, t in enumerate(texts)]
    >>> _off_measure(page, [Decision(Role.BODY, 0.9)] * 3, 1)
    True
    >>> page[1] = Line(1, "", "二三四五六七八九十一", width=10.0)
    >>> _off_measure(page, [Decision(Role.BODY, 0.9)] * 3, 1)
    False
    """
    near = [j for j in range(k - 1, max(-1, k - 1 - MEASURE_LINES), -1)]
    near += list(range(k + 1, min(len(lines), k + 1 + MEASURE_LINES)))
    widths = [lines[j].width for j in near if decisions[j].role in _TEXT_ROLES and lines[j].text
              and not ends_sentence(lines[j].text) and " " not in lines[j].text.strip()]
    return bool(widths) and abs(lines[k].width - max(widths)) > SHORT_OF_MEASURE_EM


def blocks_read_as_text(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[tuple[int, bool]]:
    """Headline-shaped lines read as text that the PDF tool printed as a block of their own: more
    blank lines than the page's spacing before AND after the line, no sentence or clause end,
    not furniture-shaped nor a bracketed label, off the measure of the text around it
    (``_off_measure``), and the page's text before or after it using
    ``min_block_title_share`` of its words. pdftotext prints a headline that spans columns
    between the lines of the columns it reads first (立“人民选我当代 / 荣县人大代表…视察活动 /
    表，我当代表为人民…): the text around it runs on, and the model reads it as a line of it.
    A text line alone in its block ends a paragraph (its sentence ends) or runs on into the next
    block with no blank between. Between finished sentences the line must also part two
    stories (the text windows before and after it share a cosine under ``max_title_similarity``).
    Returns their indices, each with whether the text line after it opens no story (a sentence
    running across it, or a story's later paragraph): the text under such a headline is not its
    story's beginning, and the headline finds its story by its words.

    >>> from .rules import load_rules
    >>> texts = ["进，时刻牢记群众托付", "荣县人大代表与政协委员开展专题调研活动", "嘱托，扎实做好履职工作",
    ...          "日前，荣县人大代表开展专题调研"]
    >>> page = [Line(n, "", t, gap_before=int(n in (1, 2)), width=float(len(t))) for n, t in enumerate(texts)]
    >>> blocks_read_as_text(page, [Decision(Role.BODY, 0.9)] * 4, load_rules())
    [(1, True)]
    >>> page[1] = replace(page[1], column_piece=True)  # parted off a row read across: a column's line
    >>> blocks_read_as_text(page, [Decision(Role.BODY, 0.9)] * 4, load_rules())
    []
    >>> page[1] = replace(page[1], column_piece=False)
    >>> page[0] = replace(page[0], gap_before=1)  # every line set apart: a double-spaced story
    >>> blocks_read_as_text(page, [Decision(Role.BODY, 0.9)] * 4, load_rules())
    []
    >>> page[0] = replace(page[0], gap_before=0)
    >>> page[2] = Line(2, "", texts[2], width=11.0)  # no blank after it: a line of the text under it
    >>> blocks_read_as_text(page, [Decision(Role.BODY, 0.9)] * 4, load_rules())
    []
    """
    out: list[tuple[int, bool]] = []
    if not SETTINGS.blocks_read_as_text:
        return out
    floor = SETTINGS.min_block_title_share
    for k in range(1, len(lines) - 1):
        line = lines[k]
        # cheap tests first: most lines are text with no blank line before them
        if line.gap_before <= 0 or decisions[k].role not in (R.BODY, R.START):
            continue
        last = _headline_block_end(lines, decisions, k)
        if last is None:
            continue
        block = range(k, last + 1)
        # the text around it is printed in blocks of several lines (a double-spaced story
        # sets every line apart): neither the line before it nor the one after its last is a
        # block's first, unless that line is a block of one line read as no text
        # (``_set_apart_neighbour``)
        if last + 2 >= len(lines):
            continue
        if (lines[k - 1].gap_before > 0 and not _set_apart_neighbour(lines, decisions, k - 1)) or (
                lines[last + 2].gap_before > 0 and not _set_apart_neighbour(lines, decisions, last + 1)):
            continue
        text = "".join(lines[j].text.strip() for j in block)
        if not could_be_title(text) or _BRACKETED.match(text) or _furniture_shaped(text, rules):
            continue
        # one line must be off the column's measure; a wrapped headline's end is short of its
        # first line and the two are read as one (``_headline_block_end``)
        if _PROSE_MARKS.search(text) or text.count("，") > 1 or (last == k and not _off_measure(lines, decisions, k)):
            continue
        grams = bigrams(text)
        if not grams:
            continue
        # its story may be printed before or after it (a tool reads a page's blocks in its own order)
        after = "".join(x.text for x, d in zip(lines[last + 1:], decisions[last + 1:], strict=True)
                        if d.role in _TEXT_ROLES)
        before = "".join(x.text for x, d in zip(lines[:k], decisions[:k], strict=True) if d.role in _TEXT_ROLES)
        share = max(sum(g in after for g in grams), sum(g in before for g in grams)) / len(grams)
        if share < floor:
            continue
        # the text line after it opens no story: the text under it goes on a story, not its own
        goes_on = decisions[last + 1].role is R.BODY and not opens_story(lines[last + 1].text)
        runs_across = goes_on and decisions[k - 1].role in _TEXT_ROLES and not ends_sentence(lines[k - 1].text)
        if not runs_across:
            # between finished sentences it must part two stories (the text after it shares
            # almost nothing with the text before): one story's two parts around it make it a
            # headline printed inside its own story, or a subhead
            after_w = _text_window(lines, decisions, range(last + 1, min(len(lines), last + 1 + SUBHEAD_WINDOW)))
            before_w = _text_window(lines, decisions, range(k - 1, max(-1, k - 1 - SUBHEAD_WINDOW), -1))
            if before_w and cosine(bigrams(after_w), bigrams(before_w)) >= SETTINGS.max_title_similarity:
                continue
        out.extend((j, goes_on) for j in block)
    return out


# What a story's first sentence holds early on: the day it happened or an opening word
# (story_cuts._STORY_OPENING without its 为… and “…, which open a story's later paragraphs as
# often: a seed's subhead over “这次开发区创国卫…”, g41's subheads over 为… paragraphs).
_DATED_OPENING = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}日[上下晚]|近日|日前|连日来|近年来|今年以来|本报讯")


def subheads_opening_stories(lines: list[Line], decisions: list[Decision], rules: Rules) -> dict[int, float]:
    """Headline-shaped lines read as subheads over text that opens like a story (a date, 近日 or
    本报讯 in its first ``far_split_opening_chars`` characters: ``_DATED_OPENING``)
    and uses at least ``min_opening_title_share`` of their words, ``opening_title_margin`` more
    than the text before them: a new story's title whose text names a few of the story
    before's people or places, so that ``titles_between_stories`` finds the two texts' cosine
    above ``max_title_similarity``; here it may reach ``max_opening_title_similarity``. A
    subhead printed word for word in the text after it is that text's opening words, and one
    the furniture rules name is a slogan: neither counts. A block of subheads printed together
    (``_subhead_block``) is judged as one. Index → the cosine, for the report.

    >>> from .rules import load_rules
    >>> texts = ["县委书记要求各镇街做好防汛准备，确保群众安全度汛。", "区政协召开委员联络站推进会",
    ...          "10月14日，区政协召开委员联络站建设推进会，各镇街负责人参加会议。"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> roles = [Role.BODY, Role.SUBHEAD, Role.BODY]
    >>> subheads_opening_stories(page, [Decision(r, 1.0) for r in roles], load_rules())
    {1: 0.084}

    Over text that goes on without a story's opening it stays a subhead:

    >>> page[2] = Line(2, "", "区政协召开委员联络站建设推进会，各镇街负责人参加会议。")
    >>> subheads_opening_stories(page, [Decision(r, 1.0) for r in roles], load_rules())
    {}
    """
    out: dict[int, float] = {}
    for k, decision in enumerate(decisions):
        if decision.role is not R.SUBHEAD:
            continue
        lo, hi = _subhead_block(lines, decisions, k)
        text = "".join(lines[j].text for j in range(lo, hi + 1))
        if not could_be_title(text) or _furniture_shaped(text, rules):
            continue
        after = _text_window(lines, decisions, range(hi + 1, min(len(lines), hi + 1 + SUBHEAD_WINDOW)))
        before = _text_window(lines, decisions, range(lo - 1, max(-1, lo - 1 - SUBHEAD_WINDOW), -1))
        if not after or not before or text.replace(" ", "") in after:
            continue
        if not _DATED_OPENING.search(after[:SETTINGS.far_split_opening_chars]):
            continue
        own, other = _shares_with(text, after), _shares_with(text, before)
        if own < SETTINGS.min_opening_title_share or own - other < SETTINGS.opening_title_margin:
            continue
        score = cosine(bigrams(after), bigrams(before))
        if score < SETTINGS.max_opening_title_similarity:
            out[k] = round(score, 3)
    return out


def _set_apart_neighbour(lines: list[Line], decisions: list[Decision], j: int) -> bool:
    """Line j, a block of one line next to a headline-shaped block, is no sign of a double-spaced
    story (``neighbour_blocks``) when it is read as no story's part: page furniture (a staff
    line, a slogan), a caption, a closing credit (a headline printed at a page's foot over the
    staff line). A text line beside it, even one shaped like a headline, may be a double-spaced
    story's, and a line set apart under a title its deck or pull quote (gB text pages).

    >>> page = [Line(n, "", t, gap_before=1, width=float(len(t))) for n, t in
    ...         enumerate(["一二三四五六七八九十", "审核：何杰明", "一二三四五六七八九十"])]
    >>> _set_apart_neighbour(page, [Decision(Role.BODY, 0.9), Decision(Role.FURNITURE, 0.9), Decision(Role.BODY, 0.9)], 1)
    True
    >>> _set_apart_neighbour(page, [Decision(Role.BODY, 0.9)] * 3, 0)
    False
    """
    return SETTINGS.neighbour_blocks and decisions[j].role in (R.FURNITURE, R.CAPTION, R.BYLINE)


def _headline_block_end(lines: list[Line], decisions: list[Decision], k: int) -> int | None:
    """The last line of the block line k opens when it may be a headline: k alone (a blank line
    after it), or k and a wrapped end right under it (``block_title_lines`` 2: the end read as
    text too, shorter than line k, a blank line after it). None for other blocks and for lines
    parted off a row read across (a column's line).

    >>> page = [Line(n, "", t, gap_before=g, width=float(len(t))) for n, (t, g) in
    ...         enumerate([("一二三", 0), ("县消防救援大队开展消防日", 1), ("主题活动", 0), ("一二三", 1)])]
    >>> _headline_block_end(page, [Decision(Role.BODY, 0.9)] * 4, 1)
    2
    >>> page[2] = replace(page[2], text="主题活动开展得有声有色了", width=12.0)  # as wide as line 1: no wrapped end
    >>> _headline_block_end(page, [Decision(Role.BODY, 0.9)] * 4, 1) is None
    True
    """
    if lines[k].column_piece or k + 1 >= len(lines):
        return None
    if lines[k + 1].gap_before > 0:
        return k
    end = k + 1
    if (SETTINGS.block_title_lines < 2 or end + 1 >= len(lines) or lines[end + 1].gap_before <= 0
            or lines[end].column_piece or decisions[end].role not in (R.BODY, R.START)
            or lines[end].width >= lines[k].width):
        return None
    return end


def titles_naming_new_places(lines: list[Line], decisions: list[Decision]) -> dict[int, str]:
    """Headline-shaped lines read as subheads or captions (or as text set apart, ``_set_apart``)
    that open with a place the text after them names and the story before them never does
    (``new_place``): a new story's title
    (东岭村开展人居环境整治), not a section heading or a photo caption of the story before,
    however many words the two stories share. Index → the place, for the report.

    >>> texts = ["石桥镇组织志愿者开展人居环境整治。", "东岭村开展人居环境整治", "东岭村近日开展整治。"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> titles_naming_new_places(page, [Decision(r, 0.9) for r in (Role.START, Role.SUBHEAD, Role.BODY)])
    {1: '东岭村'}
    >>> page.insert(2, Line(9, "", "东岭村村民清理房前屋后"))  # its photo's caption, right under it
    >>> titles_naming_new_places(page, [Decision(r, 0.9) for r in (Role.START, Role.SUBHEAD, Role.CAPTION, Role.BODY)])
    {1: '东岭村'}
    """
    out: dict[int, str] = {}
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        if decision.role not in (R.SUBHEAD, R.CAPTION) and not _set_apart(lines, decisions, k):
            continue
        if not could_be_title(line.text):
            continue
        # past the rest of its headline, read line by line as subheads too (题一 / 题二)
        end = k + 1
        while end < len(lines) and decisions[end].role is R.SUBHEAD and touching(lines[end - 1], lines[end]):
            end += 1
        after = _text_window(lines, decisions, range(end, min(len(lines), end + SUBHEAD_WINDOW)))
        start = next((j for j in range(k - 1, -1, -1) if decisions[j].role in HEAD_ROLES), -1)
        before = "".join(lines[j].text for j in range(start + 1, k) if decisions[j].role in _TEXT_ROLES)
        place = new_place(line.text, before, after)
        # a second line naming the place just named, with no text between, is the new story's
        # photo caption or subhead: the first one is its title
        last = max(out, default=None)
        if place is not None and not (last is not None and out[last] == place and not any(
                decisions[j].role in _TEXT_ROLES and lines[j].text for j in range(last + 1, k))):
            out[k] = place
    return out


def _next_fills_measure(lines: list[Line], k: int) -> bool:
    """The next line with text after line k fills the measure of the lines under it (within
    ``SHORT_OF_MEASURE_EM``): a paragraph's line, not a second short line.

    >>> page = [Line(n, "", t, width=float(len(t))) for n, t in enumerate(["短题", "一二三四五六七八", "一二三四五六七八九十"])]
    >>> _next_fills_measure(page, 0), _next_fills_measure([page[0], Line(5, "", "短", width=1.0), *page[1:]], 0)
    (True, False)
    """
    texted = [j for j in range(k + 1, len(lines)) if lines[j].text][:MEASURE_LINES]
    if not texted:
        return False
    measure = max(lines[j].width for j in texted)
    return lines[texted[0]].width >= measure - SHORT_OF_MEASURE_EM


def _set_apart(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """A text line printed as a paragraph of its own between finished sentences: the line
    before it ends one, and more blank lines than the page's spacing part it from the next, or
    (a PDF tool may print no blank lines) it falls short of the measure of the text under it by
    ``SHORT_OF_MEASURE_EM``. A headline read as text (绥棱县举办 读书节 活动), not a
    paragraph's first line running on: that one fills its column.

    >>> texts = ["对房东进行消防宣传教育。", "上望街道开展夜查活动", *["为守牢辖区消防安全防控底线，上望街道"] * 4]
    >>> page = [Line(n, "", t, width=float(len(t))) for n, t in enumerate(texts)]
    >>> _set_apart(page, [Decision(Role.BODY, 0.9)] * 6, 1), _set_apart(page, [Decision(Role.BODY, 0.9)] * 6, 2)
    (True, False)
    """
    if not (decisions[k].role is R.BODY and 0 < k < len(lines) - 1
            and decisions[k - 1].role in _TEXT_ROLES and ends_sentence(lines[k - 1].text)):
        return False
    if lines[k + 1].gap_before > 0:
        return True
    # the measure: the widest full line under it (digits are narrower than characters; a row
    # read across two columns, which holds a space, is no line of one)
    after = [lines[j].width for j in range(k + 1, min(len(lines), k + 1 + MEASURE_LINES))
             if decisions[j].role in _TEXT_ROLES and not ends_sentence(lines[j].text)
             and " " not in lines[j].text.strip()]
    return (len(after) >= MEASURE_LINES - 1 and not ends_sentence(lines[k].text)
            and 0 < lines[k].width < max(after) - SHORT_OF_MEASURE_EM)


# Roles a title printed between two stories may have been given.
_BETWEEN_ROLES = (R.SUBHEAD, R.FURNITURE, R.CAPTION)


def _before_start(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """The next line with text after line k is a story's first line."""
    if k + 1 < len(lines) and lines[k + 1].text:  # most lines: the next one (no generator)
        return decisions[k + 1].role is R.START
    nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
    return nxt is not None and decisions[nxt].role is R.START


def _opens_text(lines: list[Line], decisions: list[Decision], k: int, after: str) -> bool:
    """Line k comes after a finished sentence and right before text that uses
    ``min_aside_title_share`` of its words."""
    nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
    prev = next((j for j in range(k - 1, -1, -1) if decisions[j].role in _TEXT_ROLES), None)
    if nxt is None or decisions[nxt].role not in _TEXT_ROLES or prev is None or not ends_sentence(lines[prev].text):
        return False
    return _shares_with(lines[k].text, after) >= SETTINGS.min_aside_title_share


# Roles a credit-shaped line may have been given that cannot hold one: it is a credit.
_NOT_CREDIT_ROLES = (R.FURNITURE, R.KICKER, R.TITLE, R.SUBTITLE, R.CAPTION, R.SUBHEAD)


def _bracketed_credit(text: str, rules: Rules) -> bool:
    """A line that is only a credit in brackets, names with or without role words ((高子月 刘哲)):
    the credit closing a story, printed on a line of its own.

    >>> from civicnews.rules import load_rules
    >>> [_bracketed_credit(t, load_rules()) for t in ("（高子月 刘哲）", "（第六期）", "（下转2版）")]
    [True, False, False]
    """
    stripped = text.strip()
    return stripped[:1] in "（(" and credits.split_trailing_credit(stripped, rules)[0] == ""


def _credit_read_as_text(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """Line k, read as text, is a whole credit (文/X, （记者 X）) between a finished sentence and
    the opening of something new (a story's first line, or a headline-shaped line with no mark of
    prose): the byline of the story before. A credit's piece (its bracket left open, or a line
    the sentence before runs into: …新闻媒体记者和新媒) is text the credit rules must not take,
    and so is a credit wedged into running text (a PDF tool ordering lines by height prints a
    short column's credit before the other columns' last lines: 作者 X / 火灾防控、烟花…).

    >>> page = [Line(1, "", "全县召开了大会。"), Line(2, "", "（记者 卢文军 通讯员 梁亚婷"), Line(3, "", "米河镇召开会议")]
    >>> roles = [Decision(Role.BODY, 1.0)] * 3
    >>> _credit_read_as_text(page, roles, 1), _credit_read_as_text([page[0], Line(2, "", "文/何丽窕"), page[2]], roles, 1)
    (False, True)
    >>> _credit_read_as_text([page[0], Line(2, "", "文/何丽窕"), Line(3, "", "消防、市场监管等部门")], roles, 1)
    False
    """
    text = lines[k].text.strip()
    if not text or not credits.is_credit_line(text) or text.count("（") + text.count("(") != text.count("）") + text.count(")"):
        return False
    before = next((x.text for x in reversed(lines[:k]) if x.text), "")
    after = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
    if not ends_sentence(before) or after is None:
        return False
    return decisions[after].role is R.START or (could_be_title(lines[after].text)
                                                and not _PROSE_MARKS.search(lines[after].text))


def credits_as_bylines(lines: list[Line], decisions: list[Decision], rules: Rules) -> dict[int, Role]:
    """Lines that are only role words and people's names (文/X, 作者：X Y, （记者 X）, （X Y）) that the
    model read as display or furniture: a credit, opening the story when its text follows,
    else a byline closing the story before it. Index → the role they get. So is such a line read
    as text when it stands whole after a finished sentence (``_credit_read_as_text``).

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "文/何丽窕"), Line(2, "", "近日，米河镇召开会议。")]
    >>> credits_as_bylines(page, [Decision(Role.KICKER, 0.5), Decision(Role.START, 1.0)], load_rules())
    {0: <Role.CREDIT: 'credit'>}
    >>> page = [Line(1, "", "全县召开了大会。"), Line(2, "", "文/何丽窕"), Line(3, "", "米河镇召开会议")]
    >>> credits_as_bylines(page, [Decision(Role.BODY, 1.0), Decision(Role.BODY, 0.8), Decision(Role.BODY, 0.9)], load_rules())
    {1: <Role.BYLINE: 'byline'>}
    """
    out: dict[int, Role] = {}
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        if decision.role is R.BODY:
            if not _credit_read_as_text(lines, decisions, k):
                continue
        elif decision.role not in _NOT_CREDIT_ROLES or not (
                credits.is_credit_line(line.text) or _bracketed_credit(line.text, rules)):
            continue
        if not credits.has_names(line.text, rules):
            continue
        after = next((d.role for x, d in zip(lines[k + 1:], decisions[k + 1:], strict=True) if x.text), None)
        out[k] = R.CREDIT if after is R.START else R.BYLINE
    return out

# Marks no line of type opens with (避头尾): they close or go on what the line before it said.
_LINE_CLOSERS = "”’）)》〉」』】，。、；：！？,.;:!?"


def titles_ending_sentences(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """Title lines that end on a full stop (。), in one piece: a headline is no sentence, so such
    a line is a story's text (its last sentence, printed apart). So is a title line, not the
    going-on of one, that opens on a closing mark (”临翔区村民这样说): no headline opens so, a
    sentence's rest after a quote does. Their indices.

    >>> page = [Line(1, "", "市领导易卫斌、王磊参加督办。"), Line(3, "", "刚察县召开政府常务会议"),
    ...         Line(5, "", "”塘房村村民李春梅这样说")]
    >>> titles_ending_sentences(page, [Decision(Role.TITLE, 0.7), Decision(Role.TITLE, 0.8), Decision(Role.TITLE, 0.6)])
    [0, 2]
    """
    # a row with a space in it may be pieces of columns side by side (a PDF tool reading across):
    # its full stop may end another column's text, not the headline piece
    return [k for k, d in enumerate(decisions)
            if d.role is R.TITLE and (
                (lines[k].text.endswith("。") and " " not in lines[k].text.strip())
                or (not d.continues and lines[k].text[:1] in _LINE_CLOSERS))]


def subheads_touching_titles(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines the model read as subheads printed right against a title line, with no blank line
    between, on a page that parts things with blank lines: a section heading stands inside a
    story's text, never glued to its headline, so such a line is a piece of the title broken
    over lines (网格连起邻里心桥 / 服务居民 / 温暖满格). So is a line read as furniture or a
    caption right under a title line (鼓足干劲 / 汇聚力量 / 推动项目建设提速): a slogan or a
    photo's caption is printed apart from a headline; and a headline-shaped line read as a
    story's first line, right under a title and alone above a blank (``_alone_above_text``). (Above a title, such a line is more often
    its kicker, which stays as read, unless it leaves its phrase open for the title line:
    ``_opens_title_under``.) Their indices, top to bottom.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "绥棱县举办"), Line(2, "", "读书节"), Line(3, "", "活动"),
    ...         Line(5, "", "今年，绥棱县举办读书节。"), Line(7, "", "一、共享书香情")]
    >>> roles = [Role.TITLE, Role.TITLE, Role.SUBHEAD, Role.START, Role.SUBHEAD]
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in roles], load_rules())
    [2]
    >>> roles[2] = Role.CAPTION
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in roles], load_rules())
    [2]
    >>> page[2] = Line(4, "", "活动")  # a blank line between: a heading under the headline
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in roles], load_rules())
    []
    >>> page = [Line(1, "", "铜川：庭院整治在行动"), Line(2, "", "干净整洁过新年"), Line(4, "", "岁末寒冬，年味渐浓。")]
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in (Role.TITLE, Role.START, Role.BODY)], load_rules())
    [1]
    >>> page = [Line(1, "", "云霄第三季度17个项目落地"), Line(2, "", "44.8亿元", width=4.5),
    ...         *[Line(n, "", "云霄全县签约总投资44.8亿元", width=12.0) for n in range(3, 7)]]
    >>> roles = [Role.TITLE, Role.START, Role.BODY, Role.BODY, Role.BODY, Role.BODY]
    >>> subheads_touching_titles([Line(0, "", "要闻"), *page], [Decision(r, 0.9) for r in (Role.FURNITURE, *roles)], load_rules())
    [2]
    >>> page = [Line(n, "", t) for n, t in enumerate(["北山村建成村史馆", "改造惠民生", "目前，八个小区完成改造。"])]
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in (Role.TITLE, Role.SUBHEAD, Role.BODY)], load_rules())
    []
    """
    taken: list[int] = []

    def title_at(j: int) -> bool:
        return 0 <= j < len(lines) and (decisions[j].role is R.TITLE or j in taken)

    def under_title(k: int) -> bool:
        return title_at(k - 1) and touching(lines[k - 1], lines[k])

    # subheads and set-aside lines only where the page parts things with blank lines at all (a
    # PDF tool may print none)
    spaced = not all(touching(a, b) for a, b in zip(lines, lines[1:], strict=False))
    for k, d in enumerate(decisions):  # top down: a piece taken lets the line under it follow
        if (spaced and d.role is R.SUBHEAD and (under_title(k) or title_at(k + 1) and touching(lines[k], lines[k + 1]))
                or spaced and d.role in (R.FURNITURE, R.CAPTION)
                and (under_title(k) or _opens_title_under(lines, decisions, k))
                and not _furniture_shaped(lines[k].text, rules) and not DASH_OPENING.match(lines[k].text)
                or d.role is R.START and under_title(k) and _alone_above_text(lines, k)
                and (not touching(lines[k], lines[k + 1]) or _story_says(lines, decisions, k))):
            taken.append(k)
    return taken


def _opens_title_under(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """Line k is printed right against the title line under it (no blank between) and leaves
    its phrase open for that line: a verb waiting for its object, a function word for its noun
    (泾源县多举措推动 / 网格治理工作提质增效), or a word or place broken at the line's end. Page
    furniture and a kicker are whole labels, so such a line is the title's first piece."""
    j = k + 1
    if j >= len(lines) or decisions[j].role is not R.TITLE or decisions[j].continues \
            or not touching(lines[k], lines[j]):
        return False
    upper, lower = lines[k].text.strip(), lines[j].text.strip()
    # a clause or sentence mark inside is text (a row read across columns), no headline piece
    return bool(upper) and not _TEXT_MARKS.search(upper) and (ends_open(upper) or _one_phrase(upper, lower))


_TEXT_MARKS = re.compile("[，。；！？,;]")


def _story_says(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """The text under line k uses ``min_rescue_overlap`` of the words of line k joined to the
    end of the line above it (计划总投资 / 44.8亿元: 亿元): a title's end, not a slogan printed
    under the title (文明创建人人有责)."""
    after = _text_window(lines, decisions, range(k + 1, min(len(lines), k + 1 + SUBHEAD_WINDOW)))
    return _shares_with(lines[k - 1].text[-1:] + lines[k].text, after) >= SETTINGS.min_rescue_overlap


_INNER_PUNCT = re.compile("[，。；：、,;:（(]")


def _alone_above_text(lines: list[Line], k: int) -> bool:
    """Line k, read as a story's first line, stands alone with a blank line under it, shaped
    like a headline (no sentence or clause end, no opening words of a story), or falls far short
    of the measure of the text under it (``title_piece_measure_share``): a paragraph's first
    line runs on into its paragraph, so under a title with no blank between it is the title's
    last piece (铜川：庭院整治在行动 / 干净整洁过新年; 计划总投资 / 44.8亿元)."""
    text = lines[k].text
    # a comma or a credit inside is text: a row read across columns (pdftotext), a dateline
    if k + 1 >= len(lines) or opens_story(text) or _INNER_PUNCT.search(text) or ends_sentence(text):
        return False
    if not touching(lines[k], lines[k + 1]):
        return could_be_title(text)
    # no blank under it (a PDF tool may print none): a line far short of the text's measure
    # under it is no paragraph's first line (计划总投资 / 44.8亿元)
    after = [lines[j].width for j in range(k + 1, min(len(lines), k + 1 + MEASURE_LINES)) if lines[j].text]
    return (len(after) == MEASURE_LINES and 0 < lines[k].width < SETTINGS.title_piece_measure_share * statistics.median(after)
            and not credits.credit_shaped(text) and 0 < len(text) <= SETTINGS.title_chars[1])


# A headline's first half that is a cry or a question (带民意，赴会场！, 周末一起去看看？) runs
# at most this many characters: a few words, not a sentence of a story. Not fitted: the held-out
# folds and f14/f58 score the same from 7 (the corpus's two such halves) to 20; 10 keeps it short.
MAX_CRY_CHARS = 10


def _headline_cry(text: str) -> bool:
    """A short exclamation or question, unquoted, no full stop or dateline in it: the first
    half of a headline, when a title line is printed right under it.

    >>> _headline_cry("带民意，赴会场！"), _headline_cry("周末一起去看看？"), _headline_cry("“太好了！”")
    (True, True, False)
    >>> _headline_cry("近日，记者来到村里看到，这里的变化真大啊！")
    False
    """
    text = text.strip()
    return (text.endswith(("！", "？", "!", "?")) and not text.startswith(("“", "\"", "‘"))
            and "。" not in text and not opens_story(text)
            and len(CJK_CHAR.findall(text)) <= MAX_CRY_CHARS)


def titles_after_credits(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines read as text right after a credit in brackets on a line of its own (the credit
    that closes a story) that hold no punctuation at all, are headline-shaped and not
    furniture, and hold phrases parted by spaces or fall short of the measure of the text
    under them: the next story's title (少 乱停乱放 清理 乱搭乱建 问题, its quotes lost), for
    after a story's close comes a headline or a story's first words, and a story's first line
    runs on, unspaced, to its column's edge. So is a stack of such short lines right over a
    first line opening with a dateline (``_stack_over_dateline``). Their indices.

    >>> from .rules import load_rules
    >>> texts = ["改建任务已完成8855座。", "（记者 何超）", "少 乱停乱放 清理 乱搭乱建 问题", "街巷的整洁程度折射出一座城市的品位，"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> titles_after_credits(page, [Decision(Role.BODY, 1.0)] * 4, load_rules())
    [2]
    >>> page[2] = Line(2, "", "街巷的整洁程度折射出一座城市")  # a paragraph's first line
    >>> titles_after_credits(page, [Decision(Role.BODY, 1.0)] * 4, load_rules())
    []
    >>> texts = ["改建任务已完成8855座。", "（记者 何超）", "以练强能", "守护平安", "本报讯（通讯员 魏东）近日，石桥镇"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> titles_after_credits(page, [Decision(Role.BODY, 1.0)] * 4 + [Decision(Role.START, 0.5)], load_rules())
    [2, 3]
    >>> titles_after_credits(page, [Decision(Role.BODY, 1.0)] * 5, load_rules())  # no story opens under them
    []
    """
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos in range(1, len(texted) - 1):
        k, prev, nxt = texted[pos], texted[pos - 1], texted[pos + 1]
        text = lines[k].text
        if decisions[k].role is not R.BODY or decisions[nxt].role not in (R.BODY, R.START):
            continue
        if decisions[prev].role not in (*_TEXT_ROLES, R.BYLINE) or not _bracketed_credit(lines[prev].text, rules):
            continue
        if stack := _stack_over_dateline(lines, decisions, texted[pos:], rules):
            out += stack
            continue
        if _ANY_MARK.search(text) or not could_be_title(text) or _furniture_shaped(text, rules):
            continue
        # phrases parted by spaces, or a line short of the text's measure: a paragraph's first
        # line runs on, unspaced, to its column's edge
        phrases = bool(re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", text.strip()))
        texted_after = texted[pos + 1:pos + 1 + MEASURE_LINES]
        short = (len(texted_after) == MEASURE_LINES and _next_fills_measure(lines, k)
                 and 0 < lines[k].width <= max(lines[j].width for j in texted_after) - SHORT_OF_MEASURE_EM)
        if phrases or short:
            out.append(k)
    return out


# A headline broken over short lines holds at most this many (以练强能 / 守护平安).
MAX_STACKED_TITLE_LINES = 3


def _stack_over_dateline(lines: list[Line], decisions: list[Decision], texted: list[int], rules: Rules) -> list[int]:
    """The indices of a stack of short headline-shaped lines read as text (no punctuation)
    right over a story's first line that opens with a dateline (本报讯（通讯员 X）…), from
    ``texted[0]`` on; empty when there is none. A dateline opens a story under its headline, so
    the short lines over it are that headline, not the end of the story before."""
    stack: list[int] = []
    for k in texted[:MAX_STACKED_TITLE_LINES + 1]:
        text = lines[k].text
        if decisions[k].role is R.START and credits.opens_with_dateline(text, rules):
            # the lines together are shaped as one headline
            return stack if stack and could_be_title("".join(lines[j].text for j in stack)) else []
        if decisions[k].role is not R.BODY or _ANY_MARK.search(text) or _furniture_shaped(text, rules):
            return []
        stack.append(k)
    return []


# Any punctuation a line of text holds (a title may hold none).
_ANY_MARK = re.compile(r"[，。、；：！？,.;:!?（）()《》“”‘’—…]")


def titles_read_as_leads(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines read as a story's first line with no headline over them (nor a credit, which is
    under one) that are shaped as a headline, not as a paragraph's first line: no clause mark
    (，、；。), bracket or sentence end, no lead words (近日, 3月20日), over four lines of text
    and at least ``SHORT_OF_MEASURE_EM`` short of their measure (a paragraph's first line that
    runs on fills its column), not furniture-shaped. The story's title, read as its lead
    (周末一起去逛逛？海口这些村庄“面”新“底”厚: a figurative title shares few words, so none
    are asked). Not under ``title_piece_measure_share`` of the measure, nor breaking a word
    with the next line: a paragraph broken short. Their indices.

    >>> from .rules import load_rules
    >>> body = "9月的海口暑气仍未消退，不过开车去到城区周边的村庄"
    >>> texts = ["广告热线：0671-6791672", "周末去看看？海口这些村庄美起来", body, body, body, body]
    >>> page = [Line(n, "", t, width=float(len(t))) for n, t in enumerate(texts)]
    >>> roles = [Role.FURNITURE, Role.START, Role.BODY, Role.BODY, Role.BODY, Role.BODY]
    >>> titles_read_as_leads(page, [Decision(r, 0.9) for r in roles], load_rules())
    [1]
    >>> page[1] = Line(1, "", "周末去看看，海口这些村庄美起来", width=15.0)  # a clause: text
    >>> titles_read_as_leads(page, [Decision(r, 0.9) for r in roles], load_rules())
    []
    """
    out: list[int] = []
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        if (decision.role is not R.START or any(c in line.text for c in "，、；。,;（(【")
                or ends_sentence(line.text) or opens_story(line.text)):
            continue
        above = next((decisions[j].role for j in range(k - 1, -1, -1)
                      if lines[j].text and decisions[j].role not in (R.FURNITURE, R.CAPTION, R.CREDIT)), None)
        if above in HEAD_ROLES or not could_be_title(line.text) or _furniture_shaped(line.text, rules):
            continue
        texted = [j for j in range(k + 1, len(lines)) if lines[j].text][:MEASURE_LINES]
        if len(texted) < MEASURE_LINES or any(decisions[j].role not in (R.BODY, R.START) for j in texted):
            continue
        measure = max(lines[j].width for j in texted)
        # a line broken mid-word (为凝聚社区共建合 / 力) or far short of the measure is a paragraph
        # broken where a PDF tool broke it, not a headline
        if (SETTINGS.title_piece_measure_share * measure <= line.width <= measure - SHORT_OF_MEASURE_EM
                and _next_fills_measure(lines, k) and not spans_a_word(line.text, lines[texted[0]].text)):
            out.append(k)
    return out


def titles_opened_by_text(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Text lines printed as a block's first line right against a title line under them, with a
    blank line above and none below, on a page that parts things with blank lines: a
    paragraph's first line runs on into more of its paragraph, never into a headline, so the
    line is the title's first piece (自贡首批建成 / 社区智能借书柜35个 / 方便群众就近借阅). A line
    ending a sentence or a clause is text, unless it is a short cry or question (带民意，赴会场！ /
    人协委员报到——: ``_headline_cry``); one holding a clause's end or a list's comma, or in
    【】 brackets, or furniture-shaped, is a kicker or a label over the title. Their indices.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "让借书柜书目更多样化。"), Line(3, "", "自贡首批建成"),
    ...         Line(4, "", "社区智能借书柜35个"), Line(6, "", "昨日下午，记者在小区看到。")]
    >>> roles = [Role.BODY, Role.BODY, Role.TITLE, Role.START]
    >>> titles_opened_by_text(page, [Decision(r, 0.9) for r in roles], load_rules())
    [1]
    >>> page[1] = Line(2, "", "自贡首批建成")  # no blank line above: the paragraph goes on
    >>> titles_opened_by_text(page, [Decision(r, 0.9) for r in roles], load_rules())
    []

    A place's name alone set aside as furniture opens the title, but stays a couplet's kicker:
    >>> page = [Line(1, "", "好。"), Line(3, "", "泾源县"), Line(4, "", "多举措推动网格治理"), Line(6, "", "近日，记者获悉。")]
    >>> read = [Decision(r, 0.9) for r in (Role.BODY, Role.FURNITURE, Role.TITLE, Role.START)]
    >>> titles_opened_by_text(page, read, load_rules())
    [1]
    >>> page[2] = Line(4, "", "开展庭院环境清理 打造整洁美丽家园")
    >>> titles_opened_by_text(page, read, load_rules())
    []

    So is a furniture line whose last word runs on into the title, whatever marks it holds:
    >>> page = [Line(1, "", "好。"), Line(3, "", "带民意，赴会场！政"), Line(4, "", "协委员报到——"), Line(6, "", "近日，记者获悉。")]
    >>> titles_opened_by_text(page, read, load_rules())
    [1]
    >>> page[1] = Line(3, "", "带民意，赴会场！")  # no word across: the cry's own test
    >>> page[2] = Line(4, "", "代表报到——")
    >>> titles_opened_by_text(page, read, load_rules())
    []
    """
    if all(touching(a, b) for a, b in zip(lines, lines[1:], strict=False)):
        return []
    out: list[int] = []
    for k in range(len(lines) - 1):
        line = lines[k]
        # a line set aside as furniture or a caption whose last word runs on into the title
        # line under it (带民意，赴会场！政 / 协委员报到——) is that title's first piece, whatever
        # marks it holds
        runs_on = SETTINGS.titles_opened_across_a_word and decisions[k].role in (R.FURNITURE, R.CAPTION) \
            and decisions[k + 1].role is R.TITLE and spans_a_word(line.text, lines[k + 1].text)
        # a place's name alone set aside as furniture opens the title under it too (泾源县 /
        # 多举措推动 / 网格治理工作提质增效): a place printed apart is never page furniture
        if ((decisions[k].role in (R.BODY, R.START) or runs_on
             or decisions[k].role is R.FURNITURE and _names_a_place_only(line.text, rules)
             and not _couplet_under(lines, decisions, k))
                and decisions[k + 1].role is R.TITLE
                and touching(line, lines[k + 1]) and (k == 0 or not touching(lines[k - 1], line))
                and (not any(c in line.text for c in _CLAUSE_ENDS) and not ends_sentence(line.text)
                     or _headline_cry(line.text) or runs_on and not ends_sentence(line.text))
                and not line.text.lstrip().startswith("【") and not _furniture_shaped(line.text, rules)
                and len(line.text) <= SETTINGS.title_chars[1]):
            out.append(k)
    return out


def _couplet_under(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """The title lines printed right under line k make a couplet (开展庭院环境清理 打造整洁美丽家园):
    a whole headline, so a place alone over it is its kicker (``_couplet_title``)."""
    parts: list[tuple[Role, Line]] = []
    j = k + 1
    while j < len(lines) and decisions[j].role is R.TITLE and touching(lines[j - 1], lines[j]):
        parts.append((R.TITLE, lines[j]))
        j += 1
    phrases = [" ".join(line.text for _, line in parts)] if len(parts) != 2 else [line.text for _, line in parts]
    return _couplet_title(parts) or len(phrases) == 2 and couplet(*phrases)


# Text lines read back from a story's first line to find a credit in brackets that closes the
# story before it (（金晨 朱优 / 芬）): a credit broken over a column's lines. Not fitted.
CLOSING_CREDIT_LINES = 3


def leads_after_credits(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Text lines that open like a story's first sentence (近日，…, 3月20日，…), or where the text
    changes measure (``measure_changes``: another story's column), right after a finished
    sentence and a credit in brackets: the credit closed the story before, so the line begins a
    new one. Their indices.

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "理论留在青年心里。（金晨 朱优"), Line(2, "", "芬）"),
    ...         Line(4, "", "近日，九三学社成员赶赴南日镇开展义诊。")]
    >>> roles = [Role.BODY, Role.BODY, Role.BODY]
    >>> leads_after_credits(page, [Decision(r, 0.9) for r in roles], load_rules())
    [2]
    >>> page[0], page[1] = Line(1, "", "本台讯（记"), Line(2, "", "者 张永锋）")
    >>> leads_after_credits(page, [Decision(r, 0.9) for r in roles], load_rules())
    []

    A column of another measure after the credit begins a story, whatever its first words:

    >>> wide = [Line(n, "", "网格中心、卫生院、文化广电旅", gap_before=0, width=14.0) for n in range(1, 5)]
    >>> narrow = [Line(n, "", "日，新晃县波洲镇中心", gap_before=0, width=10.0) for n in range(7, 11)]
    >>> page = [*wide, Line(5, "", "的安全保障。（通讯员 刘正浩）", width=14.0), Line(6, "", "三尺讲台存日月，", width=8.0), *narrow]
    >>> leads_after_credits(page, [Decision(Role.BODY, 0.9)] * len(page), load_rules())
    [5]
    """
    out: list[int] = []
    for k, d in enumerate(decisions):
        if d.role is not R.BODY:
            continue
        # a credit in brackets ends the text before: no closing bracket there, no credit
        # (the line right before, when it has text, as most have: no generator made per line)
        last = (lines[k - 1].text if k else "") or next(
            (lines[j].text for j in range(k - 1, max(-1, k - 1 - CLOSING_CREDIT_LINES), -1)
             if lines[j].text), "")
        if not last.rstrip().endswith(("）", ")")):
            continue
        before: list[str] = []
        for j in range(k - 1, -1, -1):
            if decisions[j].role not in (R.BODY, R.START) or len(before) == CLOSING_CREDIT_LINES:
                break
            before.insert(0, lines[j].text)
            rest, credit = credits.split_trailing_credit("".join(before), rules)
            if credit is not None:
                # not a credit that opens a story (本台讯（记者 X）); the measure test last, the
                # dearest
                if ends_sentence(rest) and (opens_story(lines[k].text) or _new_measure(lines, decisions, k)):
                    out.append(k)
                break
    return out


def credits_read_as_starts(lines: list[Line], decisions: list[Decision], rules: Rules
                           ) -> dict[int, tuple[Role, int | None]]:
    """Lines the model read as a story's first line (or as a byline or text) that are only role
    words and people's names (记者 邓蕾 通讯员 张建英 on a line of its own). Under a headline (or at the top of
    the page) it is the credit of the story it opens; read as a story's first line after another
    story's text, that story's byline. Either way the next line, read as text, is where the
    story starts. A byline or text line after a story's text is left as read. Index → (the role the line
    gets, the index of the story's first line or None).

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "米河镇召开会议"), Line(2, "", "全媒体记者 邓锦龙 通讯员 张建英"),
    ...         Line(3, "", "近日，米河镇召开会议。")]
    >>> roles = [Role.TITLE, Role.START, Role.BODY]
    >>> credits_read_as_starts(page, [Decision(r, 0.9) for r in roles], load_rules())
    {1: (<Role.CREDIT: 'credit'>, 2)}
    >>> roles = [Role.BODY, Role.START, Role.BODY]
    >>> credits_read_as_starts(page, [Decision(r, 0.9) for r in roles], load_rules())
    {1: (<Role.BYLINE: 'byline'>, 2)}
    >>> roles = [Role.TITLE, Role.BYLINE, Role.BODY]
    >>> credits_read_as_starts(page, [Decision(r, 0.9) for r in roles], load_rules())
    {1: (<Role.CREDIT: 'credit'>, 2)}
    """
    out: dict[int, tuple[Role, int | None]] = {}
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        if decision.role not in (R.START, R.BYLINE, R.BODY):
            continue
        if decision.role is not R.START and k and lines[k - 1].text \
                and decisions[k - 1].role is not R.FURNITURE and decisions[k - 1].role not in HEAD_ROLES:
            continue  # after text (the line before, as below): left as read, before the dearer shape tests
        if not credits.is_credit_line(line.text):
            continue
        if not credits.has_names(line.text, rules):
            continue
        prev = next((j for j in range(k - 1, -1, -1) if lines[j].text and decisions[j].role is not R.FURNITURE), None)
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
        under_headline = prev is None or decisions[prev].role in HEAD_ROLES
        text_follows = nxt is not None and decisions[nxt].role in (R.BODY, R.START)
        first = nxt if text_follows and decisions[nxt].role is R.BODY else None
        if decision.role is not R.START and not (under_headline and text_follows):
            continue  # a byline (or credit read as text) after a story's text stays where it is
        out[k] = (R.CREDIT if under_headline and text_follows else R.BYLINE, first)
    return out


def leads_at_new_measures(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """Text lines that open like a story's first sentence (近年来，…, 3月20日，…) right after a
    finished sentence, where the text changes measure (``measure_changes``): another story's
    column begins, not a paragraph of the same one. Their indices.

    >>> column = [Line(n, "", "共绿地、施工围挡、停车秩序", width=15.0) for n in range(1, 4)]
    >>> wide = [Line(n, "", "精神，坚持生态优先、绿色发展、系统治理", width=24.0) for n in range(6, 9)]
    >>> page = [*column, Line(4, "", "园林绿化效果较好。", width=9.0),
    ...         Line(5, "", "近年来，泰州市生态环境局全面贯彻党的二", width=24.0), *wide]
    >>> leads_at_new_measures(page, [Decision(Role.BODY, 0.9)] * 9)
    [4]
    """
    out: list[int] = []
    for k in range(1, len(lines)):
        if decisions[k].role is not R.BODY or not opens_story(lines[k].text):
            continue
        prev = next((j for j in range(k - 1, -1, -1) if lines[j].text), None)
        if prev is None or decisions[prev].role not in _TEXT_ROLES or not ends_sentence(lines[prev].text):
            continue
        if _new_measure(lines, decisions, k):
            out.append(k)
    return out


def _new_measure(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """The text changes measure at line k (``measure_changes``), both sides set as columns
    (lines printed against each other), not paragraphs a line each."""
    return (measure_changes(lines, decisions, k, from_k=True)
            and all(touching(lines[j], lines[j + 1])
                    for j in range(max(0, k - MEASURE_LINES), min(len(lines) - 1, k + MEASURE_LINES))))


def datelines_open_stories(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines the model read as a story's text, unsure (under ``unsure_confidence``), that open
    with a dateline (本报讯（记者 X）…): a story's first line. Returns their indices. (A sure
    one is left: in text a PDF tool read across columns, a dateline line sits among another
    story's lines, and a story cut there takes the other story's text.)

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "记者走进乡村。"), Line(2, "", "本报讯（记者 张勇峰）7月14日，全")]
    >>> datelines_open_stories(page, [Decision(Role.BODY, 1.0), Decision(Role.BODY, 0.5)], load_rules())
    [1]
    """
    return [k for k, (line, decision) in enumerate(zip(lines, decisions, strict=True))
            if decision.role is R.BODY and decision.confidence < SETTINGS.unsure_confidence
            and credits.opens_with_dateline(line.text, rules)]


def datelines_read_as_bylines(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines the model read as a byline that open with a dateline and go on past it (本报讯（作者
    李朱珠）4月 / 1日，磴口县召开…): a story's first line, not the credit closing the story
    before. A closing credit is the bracket alone (（记者 李晓梅）); text after the dateline's
    bracket is the story's first sentence. Returns their indices.

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "卫生环境明显改善。"), Line(2, "", "本报讯（作者 李朱珠）4月"),
    ...         Line(3, "", "（记者 李晓梅 通讯员 谢曦）"), Line(4, "", "本报讯（记者 王明）")]
    >>> datelines_read_as_bylines(page, [Decision(Role.BODY, 1.0)] + [Decision(Role.BYLINE, 0.7)] * 3, load_rules())
    [1]
    """
    out: list[int] = []
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        text = line.text.strip()
        if (decision.role is R.BYLINE and text and text[-1] not in "）)"
                and credits.opens_with_dateline(text, rules)):
            out.append(k)
    return out


# A story's first clause: a day (3月25日上午) or an opening word, then a comma. No headline,
# kicker or subtitle of the fitting seeds, text sets or typeset seeds opens so; 4,044 of their
# paragraphs do.
_OPENING_CLAUSE = re.compile(r"^(?:\d{1,2}月\d{1,2}日[上中下晚午早间夜]{0,3}|近日|日前|今年以来|连日来|近年来|昨日|昨天|今天|今日|目前)，")
# A first sentence's opening phrase, comma or not (为确保春节前后…, 今年我县将迎来…): no headline,
# kicker or subtitle of those sets holds one anywhere.
_OPENING_PHRASE = re.compile(r"^(?:为(?:确保|贯彻|全力|进一步|切实|深入|推进|加强|全面|持续|扎实|有效)|今年我|今年以来|每年|近日|日前|连日来|近年来)")


def openings_read_as_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """Lines read as a title's first line that open on a story's first clause (11月9日上午，我县
    应急管 / 理局开展…): the story's first line, its first lines printed above its headline
    (pdftotext, pdfminer). So is any title line opening on a first sentence's phrase
    (``_OPENING_PHRASE``: 石门镇召开冬季前防火工作会议 / 为确保冬季前后石门镇山林), a story's first
    line read as its title's last (pdfminer, pdftotext and the text sets' titles run into
    their text). Returns their indices; the title lines going on from them are text.

    >>> page = [Line(1, "", "11月9日上午，我县应急管"), Line(2, "", "理局开展防灾减灾主题"), Line(3, "", "活动，县委常委出席。"),
    ...         Line(4, "", "3月25日起实行新规")]
    >>> decisions = [Decision(Role.TITLE, 0.5), Decision(Role.TITLE, 0.5, continues=True), Decision(Role.START, 0.6),
    ...              Decision(Role.TITLE, 0.9)]
    >>> openings_read_as_titles(page, decisions)
    [0]
    >>> page = [Line(1, "", "石门镇召开冬季前防火工作会议"), Line(2, "", "为确保冬季前后石门镇山林"), Line(3, "", "安全稳定，镇里召开会议。")]
    >>> openings_read_as_titles(page, [Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.6, continues=True),
    ...                                Decision(Role.START, 0.5)])
    [1]
    """
    return [k for k, (line, d) in enumerate(zip(lines, decisions, strict=True))
            if d.role is R.TITLE and (not d.continues and _OPENING_CLAUSE.match(line.text.strip())
                                         or SETTINGS.opening_phrases_end_titles and _OPENING_PHRASE.match(line.text.strip()))]


def leads_echoing_titles(lines: list[Line], decisions: list[Decision]) -> list[tuple[int, list[int]]]:
    """Title lines right under a kicker or title line that open with the same words as it, at
    least ``lead_echo_min_chars`` characters, and run on into a story's text with no finished
    sentence: the story's first line, repeating its headline's opening (市人大常委会副主任刘军
    带队来我县视察… / 市人大常委会副主任刘军带队来我县庆 / 祖镇、八公桥镇…). A title broken over lines
    never repeats its opening. The headline may wrap first: the lines between it and the echo
    are its rest (…联络站建设 / 情况 / 市人大常委会…). Returns, for each, the headline line's index and
    the indices of the lines read as title under it that are the story's first lines.

    >>> page = [Line(1, "", "市人大常委会副主任刘军带队来我县视察代表联络工作"), Line(3, "", "市人大常委会副主任刘军带队来我县庆"),
    ...         Line(4, "", "祖镇、八公桥镇视察代表联络工作。")]
    >>> leads_echoing_titles(page, [Decision(Role.KICKER, 0.9), Decision(Role.TITLE, 0.9), Decision(Role.BODY, 0.5)])
    [(0, [1])]
    >>> page[1] = Line(3, "", "市人大常委会视察我县庆")
    >>> leads_echoing_titles(page, [Decision(Role.KICKER, 0.9), Decision(Role.TITLE, 0.9), Decision(Role.START, 0.5)])
    []
    """
    out: list[tuple[int, list[int]]] = []
    least = SETTINGS.lead_echo_min_chars
    if least <= 0:
        return out
    k = 0
    while k + 2 < len(lines):
        head, k = k, k + 1
        if decisions[head].role not in (R.KICKER, R.TITLE) or decisions[k].role is not R.TITLE:
            continue
        block = [k]
        while block[-1] + 1 < len(lines) and decisions[block[-1] + 1].role is R.TITLE \
                and lines[block[-1] + 1].gap_before == 0:
            block.append(block[-1] + 1)
        after = block[-1] + 1
        if after >= len(lines) or decisions[after].role not in (R.START, R.BODY):
            continue
        upper = re.sub(r"\s+", "", lines[head].text)
        echo = _echo_in_block(upper, [lines[j].text for j in block], least)
        if echo is None:
            continue
        block = block[echo:]  # the lines above the echo: the headline's wrapped rest
        if lines[after].gap_before > 0:  # set apart (beyond the page's spacing): another block
            continue
        out.append((head, block))
        k = after
    return out


def _echo_in_block(upper: str, texts: list[str], least: int) -> int | None:
    """Where in a run of title lines under the headline line ``upper`` a story's first line
    begins that repeats its opening (at least ``least`` CJK characters) and runs on without a
    finished sentence: the first line of the run, or a later one when the headline wraps over
    the lines before it (…代表联络站建设 / 情况 / 市人大常委会…). None when no line does.

    >>> _echo_in_block("市人大常委会视察代表联络站建设", ["情况", "市人大常委会视察我县庆"], 5)
    1
    >>> _echo_in_block("市人大常委会视察代表联络站建设", ["情况"], 5) is None
    True
    """
    for i in range(len(texts) if SETTINGS.lead_echo_after_wrap else 1):
        lower = re.sub(r"\s+", "", "".join(texts[i:]))
        same = len(os.path.commonprefix([upper, lower]))
        if len(CJK_CHAR.findall(upper[:same])) >= least and lower != upper and not ends_sentence(lower):
            return i
    return None


def kickers_ending_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A kicker line printed right against a title line above it (no blank between) and set
    apart by a blank (beyond the page's spacing) from the title line under it: the last line
    of the headline above, not a kicker of the one below (张楼镇： / 应急演练强本领 / 未雨绸缪护平安,
    blank, 西洋江镇召开…). Returns their indices.

    >>> page = [Line(1, "", "张楼镇：应急演练强本领"), Line(2, "", "未雨绸缪护平安"), Line(4, "", "西洋江镇召开恳谈会", gap_before=1)]
    >>> kickers_ending_titles(page, [Decision(Role.TITLE, 0.7), Decision(Role.KICKER, 0.6), Decision(Role.TITLE, 0.7)])
    [1]
    >>> page[2] = Line(3, "", "西洋江镇召开恳谈会")
    >>> kickers_ending_titles(page, [Decision(Role.TITLE, 0.7), Decision(Role.KICKER, 0.6), Decision(Role.TITLE, 0.7)])
    []
    """
    if not SETTINGS.kickers_ending_titles:
        return []
    return [k for k in range(1, len(lines) - 1)
            if decisions[k].role is R.KICKER and decisions[k - 1].role is R.TITLE and decisions[k + 1].role is R.TITLE
            and touching(lines[k - 1], lines[k]) and lines[k + 1].gap_before > 0]


# A clause or sentence mark in a line's text: the line under a "title" holds prose.
_TEXT_MARK = re.compile("[，。、；！？,;]")


# A number and a dash ending a line, a number opening the next: one range (2018— / 2020年).
_BROKEN_RANGE = re.compile(r"\d\s*[—–－-]+\s*\n\s*\d")


def text_read_as_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """Title lines (and kicker lines over them) whose last word runs into the line under them
    (``spans_a_word``: …等安全 / 隐患，对隐患成因…), when that line was read as a story's first
    line but opens with no lead word (日前，…), is
    printed right under them (no blank beyond the page's spacing) and holds a clause: the
    lines are the story's text, a sentence broken at the line's end, not a headline (a title's
    wrapped end holds no clause: ``title_ends_read_as_leads``). Returns their indices.

    >>> page = [Line(1, "", "会议梳理了今年以来道路交通、消防火灾等安全"), Line(2, "", "隐患，对隐患成因作了逐一分析。")]
    >>> text_read_as_titles(page, [Decision(Role.TITLE, 0.7), Decision(Role.START, 0.6)])
    [0]
    >>> page[1] = Line(2, "", "隐患排查演练")
    >>> text_read_as_titles(page, [Decision(Role.TITLE, 0.7), Decision(Role.START, 0.6)])
    []
    >>> page = [Line(1, "", "刚察县研究推进全年目标任务"), Line(2, "", "日前，刚察县召开县政府常务会议。")]
    >>> text_read_as_titles(page, [Decision(Role.TITLE, 0.7), Decision(Role.START, 0.6)])
    []
    >>> page = [Line(1, "", "市被确定为2018—"), Line(2, "", "2020年创建周期全国文明城")]
    >>> text_read_as_titles(page, [Decision(Role.TITLE, 0.7), Decision(Role.START, 0.6)])
    [0]
    """
    out: list[int] = []
    if not SETTINGS.text_read_as_titles:
        return out
    for k in range(len(lines) - 1):
        # (a "title" over text read as going on is grouping.demote_sentence_pieces')
        if decisions[k].role is not R.TITLE or decisions[k + 1].role is not R.START:
            continue
        lower = lines[k + 1]
        if lower.gap_before > 0:
            continue
        # a range of numbers broken at the dash (确定为2018— / 2020年创建周期…) is one phrase, though
        # the line under it opens like a story (a year) and a narrow column prints no clause mark
        if not _BROKEN_RANGE.search(lines[k].text + "\n" + lower.text) and (
                not _TEXT_MARK.search(lower.text) or opens_story(lower.text.strip())
                or not spans_a_word(lines[k].text, lower.text)):
            continue  # a story's opening under a title may begin with a word's end by chance (工作 / 日前)
        block = [k]
        while block[0] > 0 and decisions[block[0] - 1].role in (R.TITLE, R.KICKER) \
                and lines[block[0]].gap_before == 0 and spans_a_word(lines[block[0] - 1].text, lines[block[0]].text):
            block.insert(0, block[0] - 1)
        out.extend(block)
    return out


# A sentence's end with more text after it on the line, or two kinds of clause marks: prose
# (no headline of the fitting part's gold holds either; 市、县、乡三级… holds one kind twice).
_SENTENCE_END_INSIDE = re.compile("[。；][^\\s”’）)]")
_CLAUSE_KINDS = re.compile("[，、；。]")


def _prose_line(text: str) -> bool:
    """A line holding a sentence's end with text after it, or two kinds of clause marks (its
    last character aside).

    >>> [_prose_line(t) for t in ("工作同谋划、同部署。要抓责", "县委常委、宣传部长林涛要求，各地",
    ...                           "市、县、乡三级人大代表视察", "聚焦“千村示范”，龙泉组织媒体", "干一场。")]
    [True, True, False, False, False]
    """
    text = text.strip()
    return bool(_SENTENCE_END_INSIDE.search(text)) or len(set(_CLAUSE_KINDS.findall(text[:-1]))) >= 2


def _same_text_line(above: Line, line: Line) -> bool:
    """The line above goes on into ``line`` as text: a word runs across, or the two are as wide
    as each other (``SAME_MEASURE_EM``: one column's measure; a headline's wrapped end is
    shorter than its first line)."""
    return spans_a_word(above.text, line.text) or (
        above.width > 0 and abs(above.width - line.width) <= SAME_MEASURE_EM)


# Two lines whose widths differ by at most this many em are set to one measure (a line's width
# is counted in whole and half characters: one em is one character's slack).
SAME_MEASURE_EM = 1.0


def prose_read_as_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """Title lines that are prose (``_prose_line``: a sentence ends inside them, or they hold two
    kinds of clause marks), and the title lines right above them that go on into them
    (``_same_text_line``): a story's text the model read as display type (pdftotext prints a column's line
    alone between other columns' rows). A line holding a space (several columns' pieces read
    as one row) is left: a headline's piece may be one of them. Returns their indices, top to
    bottom.

    >>> page = [Line(1, "", "“书香三城”工作与其他中心"), Line(2, "", "工作同谋划、同部署。要抓责")]
    >>> prose_read_as_titles(page, [Decision(Role.TITLE, 0.8), Decision(Role.TITLE, 0.7)])
    [1]
    >>> page = [replace(x, width=13.0) for x in page]  # one column's measure: the line above is text too
    >>> prose_read_as_titles(page, [Decision(Role.TITLE, 0.8), Decision(Role.TITLE, 0.7)])
    [0, 1]
    >>> prose_read_as_titles(page[:1], [Decision(Role.TITLE, 0.8)])
    []
    """
    out: list[int] = []
    if not SETTINGS.prose_read_as_titles:
        return out
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        # (a row of several columns' pieces is left whole: a headline's piece may be among them)
        if decision.role is not R.TITLE or k in out or " " in line.text.strip() or not _prose_line(line.text):
            continue
        block = [k]
        while block[0] > 0 and decisions[block[0] - 1].role is R.TITLE and lines[block[0]].gap_before == 0 \
                and block[0] - 1 not in out and _same_text_line(lines[block[0] - 1], lines[block[0]]):
            block.insert(0, block[0] - 1)
        out.extend(block)
    return sorted(out)


# A bracketed label alone on its line (【万灵镇】, 【接续报道】): a kicker's print.
_BRACKET_LABEL = re.compile(r"^【[^【】]{2,12}】$")


def leads_after_bracket_labels(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A story's first line (it opens like one: 连日来，…) read as text, right under a bracketed
    label alone on its line (【万灵镇】) that comes after a finished sentence: the label is the
    kicker of a story whose headline a PDF tool printed elsewhere, and the line opens that
    story, not a paragraph of the one before. Returns the indices of the labels (the line
    after each opens its story).

    >>> texts = ["共清理沟塘109口。", "【万灵镇】", "连日来，万灵镇开展清洁周活动，"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> leads_after_bracket_labels(page, [Decision(Role.BODY, 0.9)] * 3)
    [1]
    >>> leads_after_bracket_labels(page, [Decision(Role.BODY, 0.9), Decision(Role.BODY, 0.9), Decision(Role.START, 0.9)])
    []
    """
    out: list[int] = []
    for k in range(1, len(lines) - 1):
        if not (_BRACKET_LABEL.match(lines[k].text.strip()) and decisions[k].role in _TEXT_ROLES
                and decisions[k + 1].role is R.BODY and opens_story(lines[k + 1].text)
                and decisions[k - 1].role in _TEXT_ROLES and ends_sentence(lines[k - 1].text)):
            continue
        out.append(k)
    return out


# Headline lines read above a quoted title that become its kicker: a kicker is a line or two.
MAX_QUOTED_KICKER_LINES = 3


# A headline's lines above a quoted title that are one label in brackets, of any length (a
# kicker of two phrases runs past _BRACKET_LABEL's twelve characters).
_BRACKETED_KICKER = re.compile(r"^【[^【】]{2,}】$")


# Roles the lines of one headline above a quoted title may have been read as, alike.
_KICKER_ALIKE = (*HEAD_ROLES, R.START)


def quoted_titles(lines: list[Line], decisions: list[Decision], rules: Rules) -> dict[int, Role]:
    """A line that is one whole quoted sentence (“俺村不比城市差！”), printed under headline lines and
    right above a story's first line (a START line, a credit or a dateline), is the headline's
    title, whatever the model read it as; the headline lines above it are its kicker. A quoted
    exclamation is a main title in a paper's headline (its kicker says what it is about), and
    it ends a sentence, so the model reads it as text. Index → the role it gets.

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "昔日道路泥泞 今朝大路到门口"), Line(2, "", "“俺村不比城市差！”"),
    ...         Line(3, "", "本报讯（记者 刘招）昨日，张花楼村村民买回一辆三轮车。")]
    >>> quoted_titles(page, [Decision(Role.TITLE, 1.0), Decision(Role.START, 0.8), Decision(Role.START, 1.0)], load_rules())
    {1: <Role.TITLE: 'title'>, 0: <Role.KICKER: 'kicker'>}

    A kicker's second line read as a story's first line, the cry as text, and the story's
    first paragraph after a blank read as text:

    >>> page = [Line(1, "", "昔日土路坑洼雨天难出门"), Line(2, "", "如今柏油大路通家门"),
    ...         Line(3, "", "“俺村不比城市差！”"), Line(5, "", "“咱明年得多种点草莓，”他说。")]
    >>> read = [Decision(Role.TITLE, 0.7), Decision(Role.START, 0.5), Decision(Role.BODY, 0.8), Decision(Role.BODY, 1.0)]
    >>> sorted(quoted_titles(page, read, load_rules()).items())
    [(0, <Role.KICKER: 'kicker'>), (1, <Role.KICKER: 'kicker'>), (2, <Role.TITLE: 'title'>)]
    >>> page[2] = Line(3, "", "“这已是今年第23次上门走访了。”")
    >>> quoted_titles(page, read, load_rules())
    {}

    At the page's foot, after a byline (a headline printed after its story's text):

    >>> page = [Line(1, "", "■本报记者 刘招"), Line(3, "", "昔日土路坑洼雨天难出门"), Line(4, "", "如今柏油大路通家门"),
    ...         Line(5, "", "“俺村不比城市差！”")]
    >>> read = [Decision(Role.BYLINE, 1.0), Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.9), Decision(Role.START, 0.9)]
    >>> sorted(quoted_titles(page, read, load_rules()).items())
    [(1, <Role.KICKER: 'kicker'>), (2, <Role.KICKER: 'kicker'>), (3, <Role.TITLE: 'title'>)]

    Another headline's line set apart by a blank above the kicker is not the kicker's:

    >>> page = [Line(1, "", "岳池县开展森林防火宣传"), Line(3, "", "昔日土路坑洼雨天难出门", gap_before=1),
    ...         Line(4, "", "如今柏油大路通家门"), Line(5, "", "“俺村不比城市差！”")]
    >>> read = [Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.9), Decision(Role.START, 0.9)]
    >>> sorted(quoted_titles(page, read, load_rules()).items())
    [(1, <Role.KICKER: 'kicker'>), (2, <Role.KICKER: 'kicker'>), (3, <Role.TITLE: 'title'>)]
    """
    out: dict[int, Role] = {}
    texted = [k for k, line in enumerate(lines) if line.text]
    # a page that prints no blank line at all (PyMuPDF) shows no block by its spacing: lines
    # printed against each other part nothing there
    spaced = any(line.gap_before > 0 for line in lines)
    for pos, k in enumerate(texted):
        role = decisions[k].role
        if role not in (R.START, R.BODY, R.SUBHEAD, R.TITLE) or not _whole_quote(lines[k].text):
            continue
        # the page's last line: a headline printed after its story's text (a story is never one
        # quoted sentence alone), else the story opens after it: a first line, a credit or
        # dateline, or, after a quoted cry (a headline's; a story opening on a quote quotes a
        # statement or a question: “这已是今年第23次上门走访了。”), text the model is sure of set
        # apart by a blank
        if pos + 1 < len(texted):
            nxt = texted[pos + 1]
            opens_after = (lines[k].text.rstrip().endswith(("！”", "!”")) and decisions[nxt].role is R.BODY
                           and (not spaced or not touching(lines[k], lines[nxt]))
                           and decisions[nxt].confidence >= SETTINGS.unsure_confidence)
            if (decisions[nxt].role not in (R.START, R.CREDIT) and not opens_after
                    and not credits.opens_with_dateline(lines[nxt].text, rules)):
                continue
        above: list[int] = []
        for j in reversed(texted[max(0, pos - MAX_QUOTED_KICKER_LINES):pos]):
            head = decisions[j].role in (*HEAD_ROLES, R.SUBHEAD, R.START)
            if not (head or decisions[j].role is R.BODY) or not could_be_title(lines[j].text):
                break
            # one headline's lines: read alike (a subhead under another story's title is not
            # that title's line); a headline line the model took for a story's first line
            # (如今柏油大路通家门, under 昔日土路坑洼雨天难出门) reads as a headline's
            if above and (decisions[j].role in _KICKER_ALIKE) != (decisions[above[0]].role in _KICKER_ALIKE):
                break
            # a blank line (beyond the page's spacing) over the kicker's lines parts them from
            # another headline above (岳池县花园镇开展入冬后 / 护林防火入户宣传, blank, 昔日土路…)
            if SETTINGS.quoted_kickers_stop_at_gaps and above and lines[above[-1]].gap_before > 0:
                break
            above.append(j)
        # the line above the kicker is no text of its own (a finished sentence, a byline, a
        # caption or furniture), or the headline was read as one, or its lines are one label in
        # brackets (【昔日土路坑洼雨天难出门 如今柏油大路通家门】 under a story's last sentence): a
        # kicker's print, whatever the model read it as
        bracketed = bool(above) and _BRACKETED_KICKER.match("".join(lines[j].text for j in reversed(above)).strip())
        if not above or (not bracketed and not any(decisions[j].role in (*HEAD_ROLES, R.SUBHEAD) for j in above)
                         and any(decisions[j].role is R.BODY and decisions[j].confidence >= SETTINGS.max_between_body_confidence for j in above)):
            continue
        out[k] = R.TITLE
        for j in above:
            out[j] = R.KICKER
    return out


_TEXT_OR_NONE = (R.START, R.BODY)


def dash_subtitles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A headline line opening with a dash (——贵州省… / ---贵州省…) read as going on the title
    above it: a subtitle begins there (a title's own dash ends its line, 村寨有了新变化——), and
    the lines read as going on from it are the subtitle's. Returns the indices made subtitle.

    >>> page = [Line(1, "", "一声问候 一点关怀"), Line(2, "", "---贵州省贞丰县文广"), Line(3, "", "旅局局长到长田慰问")]
    >>> dash_subtitles(page, [Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.6, (), True), Decision(Role.TITLE, 0.6, (), True)])
    [1, 2]
    """
    out: list[int] = []
    for k in range(1, len(lines)):
        d = decisions[k]
        if d.role is R.TITLE and d.continues and (
                DASH_OPENING.match(lines[k].text) and decisions[k - 1].role is R.TITLE or k - 1 in out):
            out.append(k)
    return out


def dash_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A paragraph of headline length that ends on a dash (带民意，赴会场！政协委员报到——), read as
    text, after a finished sentence or no text at all and before more text: a headline's
    lead-in, which sentence marks inside make the model read as text. A paragraph that opens
    like a story's sentence (近日，记者随手记下几个镜头—— before a list) is left as text. One
    line, or two when the paragraph began on the line before. Returns the indices of the
    lines, now a title.

    >>> page = [Line(1, "", "活动取得实效。"), Line(2, "", "带民意，赴会场！政协委员报到——"),
    ...         Line(3, "", "捎来群众期盼，共商发展大计。1月4日，委员们报到。")]
    >>> dash_titles(page, [Decision(Role.BODY, 1.0), Decision(Role.START, 0.8), Decision(Role.BODY, 1.0)])
    [1]

    Set apart from the text above and printed against the line under it, it is a paragraph's
    first line (a quotation that goes on: 帮我看看药方—— / 家里水管漏水了，请…):

    >>> page[1], page[2] = replace(page[1], gap_before=1), replace(page[2], gap_before=0)
    >>> dash_titles(page, [Decision(Role.BODY, 1.0), Decision(Role.START, 0.8), Decision(Role.BODY, 1.0)])
    []

    The dash wrapped alone onto a line of its own: that line and the one before are the headline.

    >>> page = [Line(1, "", "活动取得实效。"), Line(2, "", "带民意，赴会场！政协委员报到"), Line(3, "", "——"),
    ...         Line(4, "", "捎来群众期盼，共商发展大计。1月4日，委员们报到。")]
    >>> dash_titles(page, [Decision(Role.BODY, 1.0)] * 4)
    [1, 2]
    """
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos, k in enumerate(texted):
        text = lines[k].text.rstrip()
        if decisions[k].role not in _TEXT_OR_NONE or not text.endswith("——"):
            continue
        if pos + 1 >= len(texted) or decisions[texted[pos + 1]].role in HEAD_ROLES:
            continue
        # set apart above and printed against the line under it: a longer paragraph's first line
        # (帮我看看药方—— / 家里水管漏水了，请…), not a paragraph of its own
        if lines[k].gap_before > 0 and lines[texted[pos + 1]].gap_before == 0:
            continue
        group = [k]
        prev = texted[pos - 1] if pos else None
        if (prev is not None and decisions[k].role is R.BODY and decisions[prev].role is R.START
                and not ends_sentence(lines[prev].text) and could_be_title(lines[prev].text)):
            group = [prev, k]  # the paragraph began on the line before (带民意，赴会场！政 / 协委员报到——)
            prev = texted[pos - 2] if pos >= 2 else None
        elif (SETTINGS.dash_alone_ends_title and prev is not None and _DASH_ONLY.match(text)
              and lines[k].gap_before == 0 and decisions[prev].role in _TEXT_OR_NONE
              and not ends_sentence(lines[prev].text) and could_be_title(lines[prev].text)):
            # the dash wrapped alone onto the next line (带民意，赴会场！政协委员报到 / ——): the
            # headline is the line before and the dash
            group = [prev, k]
            prev = texted[pos - 2] if pos >= 2 else None
        n = sum(len(CJK_CHAR.findall(lines[j].text)) for j in group)
        if not SETTINGS.title_chars[0] <= n <= SETTINGS.title_chars[1] or opens_story(lines[group[0]].text):
            continue  # a paragraph opening like a story's sentence (近日，记者撷取几个画面——) is text
        if prev is not None and decisions[prev].role in _TEXT_ROLES and not ends_sentence(lines[prev].text):
            continue
        out.extend(group)
    return out


# A line of nothing but a dash: a headline's closing dash wrapped alone (dash_titles).
_DASH_ONLY = re.compile(r"^\s*[—－-]{1,4}\s*$")


# A headline broken after its colon goes on for a line or two (常德书写文明城市答卷： / 文明之风，吹进街头巷尾).
# Not fitted: 1, 2 and 3 score the same on the held-out folds and f14/f58; 2 lets a title run
# on over two lines after its colon (…调度推进会议强调： / 加快推进项目建设 / 让群众早受益企业得实惠).
MAX_COLON_TAIL_LINES = 2
# Marks inside a clause that a place or topic before a headline's colon never holds.
_CLAUSE_MARKS = re.compile(r"[，。；、！？,;!?]")


def colon_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A paragraph of its own, read as text, whose first line is a topic or place ending on a
    colon (常德书写文明城市答卷：, 营口市站前区：) and whose one or two lines after it, printed
    against it, end no sentence or clause, set apart by blank lines above and below, after
    a finished sentence or no text and before text the model is sure of (not under
    ``unsure_confidence``: a caption's lines under a title are no story): a headline broken
    at its colon. A sentence that
    introduces a list or a speech (会上，他强调：) has a clause mark before its colon or runs on
    into full sentences. Returns the indices of the lines, now a title.

    >>> page = [Line(1, "", "座已完成8855座。"), Line(3, "", "常德书写文明城市答卷："),
    ...         Line(4, "", "文明之风，吹进街头巷尾"), Line(6, "", "初冬的常德，银杏点缀着的街头，处处可见是温情。")]
    >>> colon_titles(page, [Decision(Role.BODY, 1.0)] * 4)
    [1, 2]
    >>> page[1] = Line(3, "", "会上，他强调：")
    >>> colon_titles(page, [Decision(Role.BODY, 1.0)] * 4)
    []
    """
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos, k in enumerate(texted):
        text = lines[k].text.strip()
        if decisions[k].role not in _TEXT_OR_NONE or not text.endswith(("：", ":")):
            continue
        head = text[:-1]
        if len(CJK_CHAR.findall(head)) < 2 or _CLAUSE_MARKS.search(head) or credits.is_credit_line(head):
            continue
        prev = texted[pos - 1] if pos else None
        if prev is not None and (touching(lines[prev], lines[k])
                                 or decisions[prev].role in _TEXT_ROLES and not ends_sentence(lines[prev].text)):
            continue
        group = [k]
        for nxt in texted[pos + 1:pos + 1 + MAX_COLON_TAIL_LINES]:
            if not touching(lines[group[-1]], lines[nxt]):
                break
            group.append(nxt)
        after = texted[pos + len(group)] if pos + len(group) < len(texted) else None
        tail = [lines[j].text for j in group[1:]]
        if (not tail or after is None or touching(lines[group[-1]], lines[after])
                or decisions[after].role not in _TEXT_ROLES or decisions[after].confidence < SETTINGS.unsure_confidence
                or any(decisions[j].role not in _TEXT_OR_NONE or not could_be_title(t) for j, t in zip(group[1:], tail, strict=True))):
            continue
        if not SETTINGS.title_chars[0] <= sum(len(CJK_CHAR.findall(lines[j].text)) for j in group) <= SETTINGS.title_chars[1]:
            continue
        out.extend(group)
    return out


def colon_title_openings(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A line read as text or a kicker that is only a topic or place ending on a colon (全市项目建设调度推进
    会议强调：, 江西上栗：), right over a title line, after a finished sentence, no text or a
    line that is no text: the title's opening, broken at its colon. A sentence
    that introduces a list or a speech (会上，他强调：) has a clause mark before its colon.
    Returns the indices of the lines, now a title that the title line under it goes on.

    >>> page = [Line(1, "", "建英如是说。"), Line(3, "", "全市项目建设调度推进会议强调："),
    ...         Line(4, "", "加快推进项目建设 让群众早受益"), Line(6, "", "4月30日，会议召开。")]
    >>> ds = [Decision(Role.BODY, 1.0), Decision(Role.BODY, 1.0), Decision(Role.TITLE, 1.0), Decision(Role.START, 1.0)]
    >>> colon_title_openings(page, ds)
    [1]
    >>> colon_title_openings(page, [ds[0], Decision(Role.KICKER, 1.0), *ds[2:]])
    [1]
    >>> page[1] = Line(3, "", "会上，他强调：")
    >>> colon_title_openings(page, ds)
    []
    """
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos, k in enumerate(texted[:-1]):
        text = lines[k].text.strip()
        if decisions[k].role not in (*_TEXT_OR_NONE, R.KICKER) or not text.endswith(("：", ":")):
            continue
        head = text[:-1]
        if len(CJK_CHAR.findall(head)) < 2 or _CLAUSE_MARKS.search(head) or credits.is_credit_line(head) \
                or len(head) > SETTINGS.title_chars[1]:
            continue
        prev = texted[pos - 1] if pos else None
        # a sentence's end before it, or a blank line (PyMuPDF prints none between paragraphs)
        if prev is not None and decisions[prev].role in _TEXT_ROLES and not ends_sentence(lines[prev].text):
            continue
        nxt = texted[pos + 1]
        if decisions[nxt].role is R.TITLE and not decisions[nxt].continues:
            out.append(k)
    return out


def title_ends_read_as_leads(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """A line read as a story's first line right under a title line that is a few characters
    (at most ``far_title_tail_chars``) and no clause: no story's first paragraph is that, so it
    is the title's wrapped end (…主题 / 宣传活动, …计划总投资 / 44.8亿元) when it is at most half
    as wide as the line under it, or the text under it prints it right after the title line's
    end (``_far_tail_fits``). Returns the indices of the
    lines, now the title's end; the line under each is the story's first.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "百禄镇开展防溺水安全主题"), Line(2, "", "宣传活动"), Line(3, "", "夏日炎炎，镇里开展防溺水安全主题宣传活动。")]
    >>> ds = [Decision(Role.TITLE, 1.0), Decision(Role.START, 0.9), Decision(Role.BODY, 1.0)]
    >>> title_ends_read_as_leads(page, ds, load_rules())
    [1]
    >>> title_ends_read_as_leads(page[:2] + [Line(3, "", "近日，开展。")], ds, load_rules())
    []
    """
    most = SETTINGS.far_title_tail_chars
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos, k in enumerate(texted[1:-1], start=1):
        text = lines[k].text
        prev = texted[pos - 1]
        if decisions[k].role is not R.START or decisions[prev].role is not R.TITLE or len(text) > most \
                or _TAIL_MARKS.search(text) or not CJK_CHAR.search(text) or _furniture_shaped(text, rules):
            continue
        story = _text_window(lines, decisions, range(texted[pos + 1], min(len(lines), k + 1 + SUBHEAD_WINDOW)))
        # or half the width of the line under it: no first line of a paragraph is that short
        # unless the paragraph ends in it, with a full stop
        short = len(text) <= 0.5 * len(lines[texted[pos + 1]].text)
        if could_be_title(lines[prev].text + text) and (short or _far_tail_fits(lines[prev].text, text, story)):
            out.append(k)
    return out



# Roles the line under a title holds when a PDF tool broke the title's last word off onto it:
# a short line read as a subhead, a photo caption, page furniture or a story's text.
_BROKEN_END_ROLES = (R.SUBHEAD, R.CAPTION, R.FURNITURE, R.BODY)


def _closes_open_quote(title: str, text: str) -> bool:
    """``title`` leaves a quotation open that ``text`` closes (提升城市“颜 / 值”)."""
    return title.count("“") > title.count("”") and "”" in text and text.count("”") > text.count("“")


def title_ends_broken_off(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """The line right under a title line, printed against it, that holds the title's last
    characters broken off inside a word or a quotation (…组织冬季草原防 / 火宣讲, …提升城市“颜 /
    值”) and was read as a subhead, a caption, furniture or text: the title's end. It is at
    most ``far_title_tail_chars`` characters and no clause, at most half as wide as the line
    under it (no paragraph's first line is that short unless it ends there), no rule names it,
    and a dictionary word runs across the break (``spans_a_word``), or the story under it prints
    the four characters across the break, or it closes the quotation the title line leaves open. ``title_ends_read_as_leads`` takes such an end read as a story's
    first line. Returns the indices of the ends.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "石门镇开展冬季森林防"), Line(2, "", "灭火演练"), Line(3, "", "为普及森林防灭火知识，石门镇开展演练。")]
    >>> ds = [Decision(Role.TITLE, 0.9), Decision(Role.SUBHEAD, 0.8), Decision(Role.BODY, 0.9)]
    >>> title_ends_broken_off(page, ds, load_rules())
    [1]
    >>> page[1] = Line(2, "", "演练现场")  # a whole word under a whole title: a subhead
    >>> title_ends_broken_off(page, ds, load_rules())
    []
    >>> page[:2] = [Line(1, "", "整治集贸市场 提升街区“颜"), Line(2, "", "值”")]
    >>> title_ends_broken_off(page, [Decision(Role.TITLE, 0.9), Decision(Role.CAPTION, 0.7), ds[2]], load_rules())
    [1]
    """
    if not SETTINGS.title_ends_broken_off:
        return []
    most = SETTINGS.far_title_tail_chars
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos, k in enumerate(texted[1:-1], start=1):
        prev, nxt = texted[pos - 1], texted[pos + 1]
        line, title = lines[k], lines[prev].text.strip()
        text = line.text.strip()
        if decisions[prev].role is not R.TITLE or decisions[k].role not in _BROKEN_END_ROLES or line.gap_before > 0:
            continue
        if decisions[nxt].role not in _TEXT_ROLES or len(text) > most or not CJK_CHAR.search(text):
            continue
        if _TAIL_MARKS.search(text) or _furniture_shaped(text, rules) or opens_story(text):
            continue
        if len(text) > 0.5 * len(lines[nxt].text) or not could_be_title(title + text):
            continue
        # the words across the break: a dictionary word, or four characters the story prints
        # (草原防 / 火宣讲: 原防火宣; 创省级 / 文明乡镇: 省级文明)
        story = _TYPE_MARKS.sub("", _text_window(lines, decisions, range(nxt, min(len(lines), nxt + SUBHEAD_WINDOW))))
        across = _TYPE_MARKS.sub("", title)[-2:] + _TYPE_MARKS.sub("", text)[:2]
        if _closes_open_quote(title, text) or spans_a_word(title, text) or (len(across) == 4 and across in story):
            out.append(k)
    return out

# A chart's labels over its title: at most this many lines of at most this many characters (a
# box's label, 企业范围，由经济发展局负责); more, or longer, is a story's text. Not fitted: the
# chart_titles pattern allows a title of 24 characters, a label holds about as many.
MAX_CHART_LABEL_LINES = 8
MAX_CHART_LABEL_CHARS = 24


def _chart_label(text: str) -> bool:
    """A short line ending no sentence and holding no sentence's end: a chart box's label."""
    return (0 < len(CJK_CHAR.findall(text)) <= MAX_CHART_LABEL_CHARS and not ends_sentence(text)
            and not any(mark in text for mark in "。！？"))


def chart_labels(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """A line naming a chart (the furniture rules' ``chart_titles``: …创卫分解图) and the label
    lines right above it, each short and ending no sentence, the block right under a headline
    or subhead line: a PDF tool reads a diagram's boxes
    as short lines, and the model reads them as furniture or as a story's first line and text
    alike. None is a story's text. Returns the indices of the chart's lines.

    >>> from civicnews.rules import load_rules
    >>> texts = ["全力打好攻坚战", "东区范围，由建设局负责", "西区范围，由执法局负责", "开发区创卫分解图", "打好宣传战"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> roles = [Decision(Role.TITLE, 0.9), Decision(Role.START, 0.5), Decision(Role.BODY, 0.6),
    ...          Decision(Role.BODY, 0.3), Decision(Role.SUBHEAD, 0.9)]
    >>> chart_labels(page, roles, load_rules())
    [1, 2, 3]

    Under a story's text, short unfinished lines may be its paragraph's end, set around the
    chart: not labels.

    >>> page[0] = Line(0, "", "会议要求全区上下明确分工，")
    >>> chart_labels(page, [Decision(Role.BODY, 0.9)] + roles[1:], load_rules())
    []
    """
    out: list[int] = []
    for k, line in enumerate(lines):
        if not rules.chart_title.fullmatch(line.text.strip()):
            continue
        labels: list[int] = []
        j = k - 1
        while j >= 0 and (not lines[j].text or (decisions[j].role not in HEAD_ROLES and _chart_label(lines[j].text))):
            if lines[j].text:
                labels.append(j)
            j -= 1
        # right under a headline or subhead: short unfinished lines under a story's text may be
        # the end of its paragraph, set around the chart
        set_apart = j >= 0 and decisions[j].role in (*HEAD_ROLES, Role.SUBHEAD)
        if labels and len(labels) <= MAX_CHART_LABEL_LINES and set_apart:
            out += [k, *labels]
    return sorted(set(out))


# Roles a headline block's lines may hold: display lines, none of them a story's text.
_DISPLAY_ROLES = (R.FURNITURE, R.TITLE, R.KICKER, R.SUBTITLE, R.CAPTION, R.SUBHEAD)


def _block_at(lines: list[Line], k: int) -> tuple[int, int]:
    """The lines printed against line k, no blank between: first and last index."""
    lo = k
    while lo > 0 and touching(lines[lo - 1], lines[lo]):
        lo -= 1
    hi = k
    while hi + 1 < len(lines) and touching(lines[hi], lines[hi + 1]):
        hi += 1
    return lo, hi


def _text_before(lines: list[Line], decisions: list[Decision], k: int) -> str:
    """The text lines before line k, back to a headline or a subhead, joined."""
    out: list[str] = []
    for j in range(k - 1, max(-1, k - 1 - SUBHEAD_WINDOW), -1):
        role = decisions[j].role
        if role in HEAD_ROLES or role is R.SUBHEAD:
            break
        if role in _TEXT_ROLES or role is R.BYLINE:
            out.append(lines[j].text)
    return "".join(reversed(out))


def campaign_lines_in_headlines(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """A campaign slogan line (furniture.yml ``campaign_lines``: 共创美丽城市) printed against a
    headline-shaped line no rule names, the two a block of their own (blank lines around it), is
    a piece of a headline, not page furniture, when the text under or over the block uses
    ``min_campaign_headline_share`` of the block's words: a slogan strip stands on its own line,
    a headline's line is broken where its own words end. A block right over a headline line is
    left alone: read as a title it would become that headline's kicker. Returns the block's lines
    read as furniture, whose role becomes title.

    >>> from .labeler import Decision
    >>> from .rules import load_rules
    >>> page = [Line(1, "", "整治小区环境"), Line(2, "", "共创美丽城市"),
    ...         Line(4, "", "我县志愿者清理小区环境，共创美丽城市。")]
    >>> roles = [Decision(R.FURNITURE, 0.7, ()), Decision(R.FURNITURE, 0.9, ()), Decision(R.START, 0.9, ())]
    >>> campaign_lines_in_headlines(page, roles, load_rules())
    [0, 1]

    Not when the text beside it is another story's, nor for a slogan strip on its own line:

    >>> page[2] = Line(4, "", "县委召开会议部署防汛工作。")
    >>> campaign_lines_in_headlines(page, roles, load_rules())
    []
    >>> page = [Line(1, "", "共创美丽城市"), Line(3, "", "我县志愿者清理小区环境，共创美丽城市。")]
    >>> campaign_lines_in_headlines(page, [roles[1], roles[2]], load_rules())
    []
    """
    out: list[int] = []
    k = 0
    while k < len(lines):
        lo, hi = _block_at(lines, k)
        k = hi + 1
        if hi == lo or hi - lo + 1 > SETTINGS.max_subhead_block_lines:
            continue
        ks = range(lo, hi + 1)
        texts = [lines[j].text for j in ks]
        if any(decisions[j].role not in _DISPLAY_ROLES for j in ks) or all(decisions[j].role is not R.FURNITURE for j in ks):
            continue
        named = [bool(rules.campaign_line.fullmatch(t)) for t in texts]
        # one campaign line at least, and a headline-shaped line that nothing names beside it
        if not any(named) or all(named) or any(
                not n and (_furniture_shaped(t, rules) or not could_be_title(t) or _TEXT_MARKS.search(t))
                for t, n in zip(texts, named, strict=True)):
            continue
        # right over another headline it would join that headline as its kicker: a slogan's place
        if hi + 1 < len(lines) and decisions[hi + 1].role in HEAD_ROLES:
            continue
        words = "".join(texts)
        after = _text_window(lines, decisions, range(hi + 1, min(len(lines), hi + 1 + SUBHEAD_WINDOW)))
        before = _text_before(lines, decisions, lo)
        if max(_shares_with(words, after), _shares_with(words, before)) >= SETTINGS.min_campaign_headline_share:
            out.extend(j for j in ks if decisions[j].role is R.FURNITURE)
    return out


_FULL_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def dated_text_read_as_furniture(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """A line read as furniture (a page's date strip) that opens with a full date and goes on
    past it in words, between two lines of a story's text, its sentence running on into the
    line under it (2011年9月10日是我国的第27个 / 教师节。为…): the story's text. A date strip holds
    the date alone or with its weekday or lunar date, and no rule names this line. Returns the
    indices of such lines.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "县里表彰了优秀教师。"), Line(2, "", "2011年9月10日是我国的第27个"),
    ...         Line(3, "", "教师节。为弘扬尊师重教的传统，"), Line(5, "", "2024年3月5日 星期二")]
    >>> roles = [Decision(R.BODY, 1.0), Decision(R.FURNITURE, 0.9), Decision(R.START, 0.5), Decision(R.FURNITURE, 1.0)]
    >>> dated_text_read_as_furniture(page, roles, load_rules())
    [1]
    """
    out: list[int] = []
    for k in range(1, len(lines) - 1):
        text = lines[k].text.strip()
        if decisions[k].role is not R.FURNITURE or not (date := _FULL_DATE.match(text)):
            continue
        rest = text[date.end():].strip()
        if (len(CJK_CHAR.findall(rest)) < 2 or _FULL_DATE.search(rest) or _furniture_shaped(rest, rules)
                or rules.furniture_any.fullmatch(text) or ends_sentence(text)):
            continue
        nxt = lines[k + 1].text
        if (decisions[k - 1].role in (R.START, R.BODY) and decisions[k + 1].role in (R.START, R.BODY)
                and not opens_story(nxt) and _TEXT_MARKS.search(nxt)):
            out.append(k)
    return out


def slogans_read_as_headlines(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """A title or subtitle line that a formulaic campaign slogan (furniture.yml ``slogans``:
    创建卫生城市人人参与) makes up whole, printed as a block of its own (blank lines around it), is
    page furniture: no headline part of the fitting part's gold is such a slogan, and a slogan
    read as a late headline cuts the story before it in two. A line printed against other
    headline lines is left to the passes that weigh its story's words
    (``headline_parts.slogan_titles``), and so is a kicker (``slogan_kickers``): read as
    furniture, a masthead over a stray headline (pdftotext) lost its place as that headline's
    kicker and the stray headline went into the title under it (tsB51 pdftotext, one title).
    Returns their indices.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "市民广场改造完成。"), Line(3, "", "创建卫生城市人人参与"), Line(5, "", "文明创建"),
    ...         Line(6, "", "人人参与"), Line(8, "", "文明创建人人有责")]
    >>> roles = [Decision(R.BODY, 1.0)] + [Decision(R.TITLE, 0.7)] * 3 + [Decision(R.KICKER, 0.7)]
    >>> slogans_read_as_headlines(page, roles, load_rules())
    [1]
    """
    out: list[int] = []
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        if decision.role not in (R.TITLE, R.SUBTITLE) or not rules.slogan.fullmatch(line.text):
            continue
        if _block_at(lines, k) == (k, k):
            out.append(k)
    return out
