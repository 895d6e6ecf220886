"""Assemble stage: lines with their roles in, stories out.

The line-role model says what each line is; this stage only puts the pieces together, in named
steps:
1. ``group_items``: consecutive display lines form a headline group; text lines form runs, a new
   run beginning at a story's first line (a credit or a START line) and a run ending at a byline;
   ``open_under_headlines``: a run opening with a subhead right under a headline (a pull quote)
   begins a story unless it uses an earlier run's words (that story resumed);
2. ``pair_headlines``: headline groups and the runs next to them are paired so that, over the
   page, headlines share the most words with their stories, with a prior for the run after a
   headline at a story's beginning (a title may be printed after its body). A real headline
   shares words with its story; that decides, not position;
3. ``split_resumed``: a story's text that, from some paragraph on, reads as an earlier story
   rather than its own beginning is cut there: the earlier story resumed after a brief printed
   inside it, with no mark in the text;
   ``demote_subheads``: a lone title between two parts of one story (no credit after it, the
   text after it sharing the words of the text before it) is that story's subhead;
   ``join_continuations``: a run that is no story's beginning goes on an earlier story, the one
   whose text it shares most words with (a long story resumed after a brief inside it);
4. ``rescue_titles``: a story still without a headline takes the display-shaped line printed
   right before or after it that the model read as furniture, a caption or text, when that line
   shares enough of its words with the story (a title the model missed);
   ``titles_above_stories``: a story that opens at its first line and still has none takes
   the headline-shaped line right above it, unless the rules name that line furniture, a
   slogan, a caption or a credit (a figurative headline shares no word with its story);
5. ``build_article``: headline parts, paragraphs, credits and captions of one story.
Every line ends in a story, the page furniture or the leftovers.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import replace

from . import credits
from .features import bigrams, opens_story, spans_a_word
from .headline import (
    _one_phrase,
    closes_a_frame,
    compose_headline,
    couplet,
    ends_open,
)
from .labeler import Decision
from .line_shapes import (
    _CLAUSE_ENDS,
    _TAIL_MARKS,
    _TAIL_OPENERS,
    DASH_OPENING,
    KICKER_LABEL_CHARS,
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
from .model import Article, Credit, Line, LineRole, PageInfo, PageResult, Role, Section
from .page_items import (
    HEAD_ROLES,
    HeadGroup,
    Page,
    TextRun,
    _opens_a_sentence,
    _share,
    _shares_with,
    _take_aside,
    containment,
    cosine,
    cut_run,
    is_pull_quote,
    shared_split_point,
    similarity,
)
from .paragraphs import ends_sentence, rejoin_paragraphs, restore_lost_quotes
from .patterns import CJK_CHAR, CONTINUATION, cjk_count
from .rules import Rules
from .settings import SETTINGS

# The order the parts of one headline are printed in: a part earlier than the last one seen
# begins the next headline.
_PART_ORDER = {Role.KICKER: 0, Role.TITLE: 1, Role.SUBTITLE: 2}


def cut_jump_markers(lines: list[Line]) -> list[str]:
    """Take (下转2版) markers out of the lines' text; return them as page furniture."""
    markers = []
    for line in lines:
        m = CONTINUATION.search(line.text)
        if not m:
            continue
        markers.append(m.group(0))
        if m.group(1) in ("下转", "转"):
            line.continued_to = m.group(2).replace(" ", "").lstrip("第")
        line.text = (line.text[: m.start()] + line.text[m.end():]).strip()
    return markers


def _open_run(items: list[HeadGroup | TextRun]) -> TextRun | None:
    last = items[-1] if items else None
    return last if isinstance(last, TextRun) and not last.closed else None


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
        elif text and (head or decision.role is Role.FURNITURE):
            first.setdefault(text, k)
    return out


def reprinted_title_ends(decisions: list[Decision], reprints: dict[int, int]) -> list[int]:
    """A title line's next line, read as something else (防汛工作 read as a story's first line),
    whose second print goes on the title line's second print (市委书记刘军伟深入一线调研督导 /
    防汛工作 printed again at the foot): the headline's end. ``reprints`` is ``far_reprints``'s
    answer. Returns the indices of the ends.

    >>> roles = [Role.TITLE, Role.START, Role.BODY, Role.TITLE, Role.TITLE]
    >>> reprinted_title_ends([Decision(r, 0.9) for r in roles], {3: 0, 4: 1})
    [1]
    """
    return [j + 1 for k, j in reprints.items()
            if reprints.get(k + 1) == j + 1 and decisions[j].role is Role.TITLE
            and decisions[j + 1].role is not Role.TITLE and decisions[k + 1].role is Role.TITLE]


# Roles of the lines a story's text is made of, for the windows ``titles_between_stories`` reads.
_TEXT_ROLES = (Role.START, Role.BODY, Role.CREDIT)
# Lines read on each side of a subhead: a few paragraphs, enough words to compare; not fitted.
SUBHEAD_WINDOW = 30


def _text_window(lines: list[Line], decisions: list[Decision], ks: range) -> str:
    """The text lines from ``ks`` on until a headline, a subhead or a byline, joined."""
    out: list[str] = []
    for k in ks:
        role = decisions[k].role
        if role in HEAD_ROLES or role in (Role.BYLINE, Role.SUBHEAD):
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

    >>> column = [Line(n, "", "构委员履职新平台的性质定位，将委员工", width=18.0) for n in range(1, 4)]
    >>> wide = [Line(n, "", "资信息，主动接洽招商引资项目，招商引资工作成效显", width=24.0) for n in range(5, 8)]
    >>> page = [*column, Line(4, "", "蒙城一季度招商引资工作开门红", width=14.0), *wide]
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


def titles_between_stories(lines: list[Line], decisions: list[Decision], rules: Rules) -> dict[int, float]:
    """Headline-shaped lines read as subheads, furniture or captions whose text after shares
    almost nothing with the text before (cosine of their bigram sets under
    ``max_title_similarity``): a title between two stories, not a subhead inside one. A
    furniture or caption line must also follow a finished sentence, come right before text and
    share ``min_aside_title_share`` of its words with it (a slogan between two stories shares
    few). A line read as text counts right before a story's first line (with no text before it,
    the page's first story, it is that story's title) or, under the same tests as a furniture
    line, when it was read with little confidence. A line the furniture rules or slogans name
    (创建卫生城市 人人有责 between two paragraphs) is never taken. Index → the cosine, for the
    report.

    >>> from .rules import load_rules
    >>> texts = ["自贡建成电子阅报栏，市民读报方便了。", "枫林镇开展节前安全生产大检查",
    ...          "佳节将至，枫林镇开展安全生产检查。", "务实举措保安全", "枫林镇检查组检查安全生产。"]
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
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        if not could_be_title(line.text):
            continue
        unsure_text = decision.role is Role.BODY and (
            decision.confidence < SETTINGS.max_between_body_confidence
            or decision.confidence < SETTINGS.max_between_measure_confidence and measure_changes(lines, decisions, k))
        if decision.role not in _BETWEEN_ROLES and not (decision.role is Role.BODY and _before_start(lines, decisions, k)) \
                and not unsure_text:
            continue
        if _furniture_shaped(line.text, rules):  # after the role tests: most lines fail those first
            continue
        after = _text_window(lines, decisions, range(k + 1, min(len(lines), k + 1 + SUBHEAD_WINDOW)))
        before = _text_window(lines, decisions, range(k - 1, max(-1, k - 1 - SUBHEAD_WINDOW), -1))
        if not after:
            continue
        if not before:  # the page's first text: a title when a story begins right after it
            if decision.role is Role.BODY and _before_start(lines, decisions, k):
                out[k] = 0.0
            continue
        # unsure text set apart from the text under it (short of its measure) needs none of
        # its words there: a figurative headline (筑牢乡村健康防线) shares few (a line with a
        # comma is a paragraph's first line, set apart or not; one over another short line is
        # half of a headline of two lines, or a paragraph's broken lines)
        set_apart = (unsure_text and "，" not in line.text and _set_apart(lines, decisions, k)
                     and _next_fills_measure(lines, k))
        if decision.role is not Role.SUBHEAD and not set_apart and not _opens_text(lines, decisions, k, after):
            continue
        score = cosine(bigrams(after), bigrams(before))
        if score < SETTINGS.max_title_similarity:
            out[k] = round(score, 3)
    return out


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
        if decision.role not in (Role.SUBHEAD, Role.CAPTION) and not _set_apart(lines, decisions, k):
            continue
        if not could_be_title(line.text):
            continue
        # past the rest of its headline, read line by line as subheads too (题一 / 题二)
        end = k + 1
        while end < len(lines) and decisions[end].role is Role.SUBHEAD and touching(lines[end - 1], lines[end]):
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
    ``SHORT_OF_MEASURE_EM``. A headline read as text (绥棱县举办 邻居节 活动), not a
    paragraph's first line running on: that one fills its column.

    >>> texts = ["对房东进行消防宣传教育。", "上望街道开展夜查活动", *["为确保辖区火灾形势高度稳定，上望街道"] * 4]
    >>> page = [Line(n, "", t, width=float(len(t))) for n, t in enumerate(texts)]
    >>> _set_apart(page, [Decision(Role.BODY, 0.9)] * 6, 1), _set_apart(page, [Decision(Role.BODY, 0.9)] * 6, 2)
    (True, False)
    """
    if not (decisions[k].role is Role.BODY and 0 < k < len(lines) - 1
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
_BETWEEN_ROLES = (Role.SUBHEAD, Role.FURNITURE, Role.CAPTION)


def _before_start(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """The next line with text after line k is a story's first line."""
    nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
    return nxt is not None and decisions[nxt].role is Role.START


def _opens_text(lines: list[Line], decisions: list[Decision], k: int, after: str) -> bool:
    """Line k comes after a finished sentence and right before text that uses
    ``min_aside_title_share`` of its words."""
    nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
    prev = next((j for j in range(k - 1, -1, -1) if decisions[j].role in _TEXT_ROLES), None)
    if nxt is None or decisions[nxt].role not in _TEXT_ROLES or prev is None or not ends_sentence(lines[prev].text):
        return False
    return _shares_with(lines[k].text, after) >= SETTINGS.min_aside_title_share


# Roles a credit-shaped line may have been given that cannot hold one: it is a credit.
_NOT_CREDIT_ROLES = (Role.FURNITURE, Role.KICKER, Role.TITLE, Role.SUBTITLE, Role.CAPTION, Role.SUBHEAD)


def _bracketed_credit(text: str, rules: Rules) -> bool:
    """A line that is only a credit in brackets, names with or without role words ((高子月 刘哲)):
    the credit closing a story, printed on a line of its own.

    >>> from civicnews.rules import load_rules
    >>> [_bracketed_credit(t, load_rules()) for t in ("（高子月 刘哲）", "（第六期）", "（下转2版）")]
    [True, False, False]
    """
    stripped = text.strip()
    return stripped[:1] in "（(" and credits.split_trailing_credit(stripped, rules)[0] == ""


def credits_as_bylines(lines: list[Line], decisions: list[Decision], rules: Rules) -> dict[int, Role]:
    """Lines that are only role words and people's names (文/X, 作者：X Y, （记者 X）, （X Y）) that the
    model read as display or furniture: a credit, opening the story when its text follows,
    else a byline closing the story before it. Index → the role they get.

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "文/何丽窕"), Line(2, "", "近日，米河镇召开会议。")]
    >>> credits_as_bylines(page, [Decision(Role.KICKER, 0.5), Decision(Role.START, 1.0)], load_rules())
    {0: <Role.CREDIT: 'credit'>}
    """
    out: dict[int, Role] = {}
    for k, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        if decision.role not in _NOT_CREDIT_ROLES or not (
                credits.is_credit_line(line.text) or _bracketed_credit(line.text, rules)):
            continue
        if not credits.has_names(line.text, rules):
            continue
        after = next((d.role for x, d in zip(lines[k + 1:], decisions[k + 1:], strict=True) if x.text), None)
        out[k] = Role.CREDIT if after is Role.START else Role.BYLINE
    return out


def subheads_over_credits(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines the model read as subheads printed right above a credit (a line read as one, or a
    line of only role words and names) that text follows: a credit opens a story, so the line
    above it is that story's title, not a section heading of the story before. Their indices.

    >>> from civicnews.rules import load_rules
    >>> page = [Line(1, "", "米河镇召开会议。"), Line(2, "", "泾源县推动志愿服务工作走深走实"),
    ...         Line(3, "", "记者 邓蕾"), Line(4, "", "11月5日，记者获悉。")]
    >>> roles = [Role.BODY, Role.SUBHEAD, Role.BYLINE, Role.START]
    >>> subheads_over_credits(page, [Decision(r, 0.9) for r in roles], load_rules())
    [1]
    >>> page[2] = Line(3, "", "记者走进乡村。")
    >>> subheads_over_credits(page, [Decision(r, 0.9) for r in roles], load_rules())
    []
    """
    def text_after(k: int) -> int | None:
        return next((j for j in range(k + 1, len(lines)) if lines[j].text), None)

    out: list[int] = []
    for k, decision in enumerate(decisions):
        if decision.role is not Role.SUBHEAD:
            continue
        j = text_after(k)
        if j is None:
            continue
        credit_line = decisions[j].role is Role.CREDIT or (
            decisions[j].role in (Role.START, Role.BYLINE, Role.BODY) and credits.is_credit_line(lines[j].text)
            and credits.has_names(lines[j].text, rules))
        after = text_after(j) if credit_line else None
        if after is not None and decisions[after].role in (Role.START, Role.BODY):
            out.append(k)
    return out


def titles_ending_sentences(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """Title lines that end on a full stop (。), in one piece: a headline is no sentence, so such
    a line is a story's text (its last sentence, printed apart). Their indices.

    >>> page = [Line(1, "", "市领导易卫斌、王磊参加督办。"), Line(3, "", "刚察县召开政府全体会议")]
    >>> titles_ending_sentences(page, [Decision(Role.TITLE, 0.7), Decision(Role.TITLE, 0.8)])
    [0]
    """
    # a row with a space in it may be pieces of columns side by side (a PDF tool reading across):
    # its full stop may end another column's text, not the headline piece
    return [k for k, d in enumerate(decisions)
            if d.role is Role.TITLE and lines[k].text.endswith("。") and " " not in lines[k].text.strip()]


def subheads_touching_titles(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines the model read as subheads printed right against a title line, with no blank line
    between, on a page that parts things with blank lines: a section heading stands inside a
    story's text, never glued to its headline, so such a line is a piece of the title broken
    over lines (网格架起沟通桥梁 / 助力居民 / 幸福满格). So is a line read as furniture or a
    caption right under a title line (提振精神 / 凝聚合力 / 确保营商环境优化): a slogan or a
    photo's caption is printed apart from a headline; and a headline-shaped line read as a
    story's first line, right under a title and alone above a blank (``_alone_above_text``). (Above a title, such a line is more often
    its kicker, which stays as read.) Their indices, top to bottom.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "绥棱县举办"), Line(2, "", "邻居节"), Line(3, "", "活动"),
    ...         Line(5, "", "今年，绥棱县举办邻居节。"), Line(7, "", "一、共叙邻里情")]
    >>> roles = [Role.TITLE, Role.TITLE, Role.SUBHEAD, Role.START, Role.SUBHEAD]
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in roles], load_rules())
    [2]
    >>> roles[2] = Role.CAPTION
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in roles], load_rules())
    [2]
    >>> page[2] = Line(4, "", "活动")  # a blank line between: a heading under the headline
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in roles], load_rules())
    []
    >>> page = [Line(1, "", "铜川：村庄清洁在行动"), Line(2, "", "美丽宜居迎新春"), Line(4, "", "岁末寒冬，年味渐浓。")]
    >>> subheads_touching_titles(page, [Decision(r, 0.9) for r in (Role.TITLE, Role.START, Role.BODY)], load_rules())
    [1]
    >>> page = [Line(1, "", "云霄第三季度17个项目签约"), Line(2, "", "44.8亿元", width=4.5),
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
        return 0 <= j < len(lines) and (decisions[j].role is Role.TITLE or j in taken)

    def under_title(k: int) -> bool:
        return title_at(k - 1) and touching(lines[k - 1], lines[k])

    # subheads and set-aside lines only where the page parts things with blank lines at all (a
    # PDF tool may print none)
    spaced = not all(touching(a, b) for a, b in zip(lines, lines[1:], strict=False))
    for k, d in enumerate(decisions):  # top down: a piece taken lets the line under it follow
        if (spaced and d.role is Role.SUBHEAD and (under_title(k) or title_at(k + 1) and touching(lines[k], lines[k + 1]))
                or spaced and d.role in (Role.FURNITURE, Role.CAPTION) and under_title(k)
                and not _furniture_shaped(lines[k].text, rules) and not DASH_OPENING.match(lines[k].text)
                or d.role is Role.START and under_title(k) and _alone_above_text(lines, k)
                and (not touching(lines[k], lines[k + 1]) or _story_says(lines, decisions, k))):
            taken.append(k)
    return taken


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
    last piece (铜川：村庄清洁在行动 / 美丽宜居迎新春; 计划总投资 / 44.8亿元)."""
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


# A headline's first half that is a cry or a question (携民声，赴盛会！, 周末一起去看看？) runs
# at most this many characters: a few words, not a sentence of a story. Not fitted: the held-out
# folds and f14/f58 score the same from 7 (the corpus's two such halves) to 20; 10 keeps it short.
MAX_CRY_CHARS = 10


def _headline_cry(text: str) -> bool:
    """A short exclamation or question, unquoted, no full stop or dateline in it: the first
    half of a headline, when a title line is printed right under it.

    >>> _headline_cry("携民声，赴盛会！"), _headline_cry("周末一起去看看？"), _headline_cry("“太好了！”")
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
    under them: the next story's title (减 不文明行为 整治 脏乱差 现象, its quotes lost), for
    after a story's close comes a headline or a story's first words, and a story's first line
    runs on, unspaced, to its column's edge. Their indices.

    >>> from .rules import load_rules
    >>> texts = ["改建任务已完成8855座。", "（记者 何超）", "减 不文明行为 整治 脏乱差 现象", "城市的文明程度代表着一座城市的形象，"]
    >>> page = [Line(n, "", t) for n, t in enumerate(texts)]
    >>> titles_after_credits(page, [Decision(Role.BODY, 1.0)] * 4, load_rules())
    [2]
    >>> page[2] = Line(2, "", "城市的文明程度代表着一座城市")  # a paragraph's first line
    >>> titles_after_credits(page, [Decision(Role.BODY, 1.0)] * 4, load_rules())
    []
    """
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos in range(1, len(texted) - 1):
        k, prev, nxt = texted[pos], texted[pos - 1], texted[pos + 1]
        text = lines[k].text
        if decisions[k].role is not Role.BODY or decisions[nxt].role not in (Role.BODY, Role.START):
            continue
        if decisions[prev].role not in (*_TEXT_ROLES, Role.BYLINE) or not _bracketed_credit(lines[prev].text, rules):
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


# Any punctuation a line of text holds (a title may hold none).
_ANY_MARK = re.compile(r"[，。、；：！？,.;:!?（）()《》“”‘’—…]")


def titles_read_as_leads(lines: list[Line], decisions: list[Decision], rules: Rules) -> list[int]:
    """Lines read as a story's first line with no headline over them (nor a credit, which is
    under one) that are shaped as a headline, not as a paragraph's first line: no clause mark
    (，、；。), bracket or sentence end, no lead words (近日, 3月20日), over four lines of text
    and at least ``SHORT_OF_MEASURE_EM`` short of their measure (a paragraph's first line that
    runs on fills its column), not furniture-shaped. The story's title, read as its lead
    (周末一起去看看？海口这些村庄“表”美“里”实: a figurative title shares few words, so none
    are asked). Not under ``title_piece_measure_share`` of the measure, nor breaking a word
    with the next line: a paragraph broken short. Their indices.

    >>> from .rules import load_rules
    >>> body = "9月的海口依旧有些炎热，不过驱车下到市区周边的村庄"
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
        if (decision.role is not Role.START or any(c in line.text for c in "，、；。,;（(【")
                or ends_sentence(line.text) or opens_story(line.text)):
            continue
        above = next((decisions[j].role for j in range(k - 1, -1, -1)
                      if lines[j].text and decisions[j].role not in (Role.FURNITURE, Role.CAPTION, Role.CREDIT)), None)
        if above in HEAD_ROLES or not could_be_title(line.text) or _furniture_shaped(line.text, rules):
            continue
        texted = [j for j in range(k + 1, len(lines)) if lines[j].text][:MEASURE_LINES]
        if len(texted) < MEASURE_LINES or any(decisions[j].role not in (Role.BODY, Role.START) for j in texted):
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
    line is the title's first piece (自贡首批建成 / 户外电子阅报栏35座 / 满足群众文化需求). A line
    ending a sentence or a clause is text, unless it is a short cry or question (携民声，赴盛会！ /
    人大代表报到——: ``_headline_cry``); one holding a clause's end or a list's comma, or in
    【】 brackets, or furniture-shaped, is a kicker or a label over the title. Their indices.

    >>> from .rules import load_rules
    >>> page = [Line(1, "", "让阅报栏内容更多样化。"), Line(3, "", "自贡首批建成"),
    ...         Line(4, "", "户外电子阅报栏35座"), Line(6, "", "昨日下午，记者在小区看到。")]
    >>> roles = [Role.BODY, Role.BODY, Role.TITLE, Role.START]
    >>> titles_opened_by_text(page, [Decision(r, 0.9) for r in roles], load_rules())
    [1]
    >>> page[1] = Line(2, "", "自贡首批建成")  # no blank line above: the paragraph goes on
    >>> titles_opened_by_text(page, [Decision(r, 0.9) for r in roles], load_rules())
    []

    A place's name alone set aside as furniture opens the title, but stays a couplet's kicker:
    >>> page = [Line(1, "", "好。"), Line(3, "", "泾源县"), Line(4, "", "多举措推动志愿服务"), Line(6, "", "近日，记者获悉。")]
    >>> read = [Decision(r, 0.9) for r in (Role.BODY, Role.FURNITURE, Role.TITLE, Role.START)]
    >>> titles_opened_by_text(page, read, load_rules())
    [1]
    >>> page[2] = Line(4, "", "开展人居环境整治 共建宜居美好家园")
    >>> titles_opened_by_text(page, read, load_rules())
    []
    """
    if all(touching(a, b) for a, b in zip(lines, lines[1:], strict=False)):
        return []
    out: list[int] = []
    for k in range(len(lines) - 1):
        line = lines[k]
        # a place's name alone set aside as furniture opens the title under it too (泾源县 /
        # 多举措推动 / 志愿服务工作走深走实): a place printed apart is never page furniture
        if ((decisions[k].role in (Role.BODY, Role.START)
             or decisions[k].role is Role.FURNITURE and _names_a_place_only(line.text, rules)
             and not _couplet_under(lines, decisions, k))
                and decisions[k + 1].role is Role.TITLE
                and touching(line, lines[k + 1]) and (k == 0 or not touching(lines[k - 1], line))
                and (not any(c in line.text for c in _CLAUSE_ENDS) and not ends_sentence(line.text)
                     or _headline_cry(line.text))
                and not line.text.lstrip().startswith("【") and not _furniture_shaped(line.text, rules)
                and len(line.text) <= SETTINGS.title_chars[1]):
            out.append(k)
    return out


def _couplet_under(lines: list[Line], decisions: list[Decision], k: int) -> bool:
    """The title lines printed right under line k make a couplet (开展人居环境整治 共建宜居美好家园):
    a whole headline, so a place alone over it is its kicker (``_couplet_title``)."""
    parts: list[tuple[Role, Line]] = []
    j = k + 1
    while j < len(lines) and decisions[j].role is Role.TITLE and touching(lines[j - 1], lines[j]):
        parts.append((Role.TITLE, lines[j]))
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

    >>> wide = [Line(n, "", "综治中心、派出所、市场监督管", gap_before=0, width=14.0) for n in range(1, 5)]
    >>> narrow = [Line(n, "", "日，新晃县波洲镇中心", gap_before=0, width=10.0) for n in range(7, 11)]
    >>> page = [*wide, Line(5, "", "的安全保障。（通讯员 刘正浩）", width=14.0), Line(6, "", "三尺讲台存日月，", width=8.0), *narrow]
    >>> leads_after_credits(page, [Decision(Role.BODY, 0.9)] * len(page), load_rules())
    [5]
    """
    out: list[int] = []
    for k, d in enumerate(decisions):
        if d.role is not Role.BODY:
            continue
        # a credit in brackets ends the text before: no closing bracket there, no credit
        last = next((lines[j].text for j in range(k - 1, max(-1, k - 1 - CLOSING_CREDIT_LINES), -1)
                     if lines[j].text), "")
        if not last.rstrip().endswith(("）", ")")):
            continue
        before: list[str] = []
        for j in range(k - 1, -1, -1):
            if decisions[j].role not in (Role.BODY, Role.START) or len(before) == CLOSING_CREDIT_LINES:
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
        if decision.role not in (Role.START, Role.BYLINE, Role.BODY) or not credits.is_credit_line(line.text):
            continue
        if not credits.has_names(line.text, rules):
            continue
        prev = next((j for j in range(k - 1, -1, -1) if lines[j].text and decisions[j].role is not Role.FURNITURE), None)
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
        under_headline = prev is None or decisions[prev].role in HEAD_ROLES
        text_follows = nxt is not None and decisions[nxt].role in (Role.BODY, Role.START)
        first = nxt if text_follows and decisions[nxt].role is Role.BODY else None
        if decision.role is not Role.START and not (under_headline and text_follows):
            continue  # a byline (or credit read as text) after a story's text stays where it is
        out[k] = (Role.CREDIT if under_headline and text_follows else Role.BYLINE, first)
    return out


def leads_at_new_measures(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """Text lines that open like a story's first sentence (近年来，…, 3月20日，…) right after a
    finished sentence, where the text changes measure (``measure_changes``): another story's
    column begins, not a paragraph of the same one. Their indices.

    >>> column = [Line(n, "", "林绿化、建设工地、交通秩序", width=15.0) for n in range(1, 4)]
    >>> wide = [Line(n, "", "精神，践行创新、协调、绿色、开放、共享", width=24.0) for n in range(6, 9)]
    >>> page = [*column, Line(4, "", "园林绿化效果较好。", width=9.0),
    ...         Line(5, "", "近年来，泰州市环境保护局认真落实党的十", width=24.0), *wide]
    >>> leads_at_new_measures(page, [Decision(Role.BODY, 0.9)] * 9)
    [4]
    """
    out: list[int] = []
    for k in range(1, len(lines)):
        if decisions[k].role is not Role.BODY or not opens_story(lines[k].text):
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
            if decision.role is Role.BODY and decision.confidence < SETTINGS.unsure_confidence
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
        if (decision.role is Role.BYLINE and text and text[-1] not in "）)"
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
    消防救 / 援大队开展…): the story's first line, its first lines printed above its headline
    (pdftotext, pdfminer). So is any title line opening on a first sentence's phrase
    (``_OPENING_PHRASE``: 石门镇召开春节前安全工作会议 / 为确保春节前后石门镇社会), a story's first
    line read as its title's last (pdfminer, pdftotext and the text sets' titles run into
    their text). Returns their indices; the title lines going on from them are text.

    >>> page = [Line(1, "", "11月9日上午，我县消防救"), Line(2, "", "援大队开展消防日主题"), Line(3, "", "活动，县委常委出席。"),
    ...         Line(4, "", "3月25日起实行新规")]
    >>> decisions = [Decision(Role.TITLE, 0.5), Decision(Role.TITLE, 0.5, continues=True), Decision(Role.START, 0.6),
    ...              Decision(Role.TITLE, 0.9)]
    >>> openings_read_as_titles(page, decisions)
    [0]
    >>> page = [Line(1, "", "石门镇召开春节前安全工作会议"), Line(2, "", "为确保春节前后石门镇社会"), Line(3, "", "和谐稳定，镇里召开会议。")]
    >>> openings_read_as_titles(page, [Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.6, continues=True),
    ...                                Decision(Role.START, 0.5)])
    [1]
    """
    return [k for k, (line, d) in enumerate(zip(lines, decisions, strict=True))
            if d.role is Role.TITLE and (not d.continues and _OPENING_CLAUSE.match(line.text.strip())
                                         or SETTINGS.opening_phrases_end_titles and _OPENING_PHRASE.match(line.text.strip()))]


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
                and decisions[k + 1].role is Role.BODY and opens_story(lines[k + 1].text)
                and decisions[k - 1].role in _TEXT_ROLES and ends_sentence(lines[k - 1].text)):
            continue
        out.append(k)
    return out


# Headline lines read above a quoted title that become its kicker: a kicker is a line or two.
MAX_QUOTED_KICKER_LINES = 3


# Roles the lines of one headline above a quoted title may have been read as, alike.
_KICKER_ALIKE = (*HEAD_ROLES, Role.START)


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

    >>> page = [Line(1, "", "昔日道路泥泞小径难出门"), Line(2, "", "今朝水泥大路到门口"),
    ...         Line(3, "", "“俺村不比城市差！”"), Line(5, "", "“咱明年得多种点草莓，”他说。")]
    >>> read = [Decision(Role.TITLE, 0.7), Decision(Role.START, 0.5), Decision(Role.BODY, 0.8), Decision(Role.BODY, 1.0)]
    >>> sorted(quoted_titles(page, read, load_rules()).items())
    [(0, <Role.KICKER: 'kicker'>), (1, <Role.KICKER: 'kicker'>), (2, <Role.TITLE: 'title'>)]
    >>> page[2] = Line(3, "", "“这是今年第23次进山巡护了。”")
    >>> quoted_titles(page, read, load_rules())
    {}

    At the page's foot, after a byline (a headline printed after its story's text):

    >>> page = [Line(1, "", "■本报记者 刘招"), Line(3, "", "昔日道路泥泞小径难出门"), Line(4, "", "今朝水泥大路到门口"),
    ...         Line(5, "", "“俺村不比城市差！”")]
    >>> read = [Decision(Role.BYLINE, 1.0), Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.9), Decision(Role.START, 0.9)]
    >>> sorted(quoted_titles(page, read, load_rules()).items())
    [(1, <Role.KICKER: 'kicker'>), (2, <Role.KICKER: 'kicker'>), (3, <Role.TITLE: 'title'>)]
    """
    out: dict[int, Role] = {}
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos, k in enumerate(texted):
        role = decisions[k].role
        if role not in (Role.START, Role.BODY, Role.SUBHEAD, Role.TITLE) or not _whole_quote(lines[k].text):
            continue
        # the page's last line: a headline printed after its story's text (a story is never one
        # quoted sentence alone), else the story opens after it: a first line, a credit or
        # dateline, or, after a quoted cry (a headline's; a story opening on a quote quotes a
        # statement or a question: “这是今年第23次进山巡护了。”), text the model is sure of set
        # apart by a blank
        if pos + 1 < len(texted):
            nxt = texted[pos + 1]
            opens_after = (lines[k].text.rstrip().endswith(("！”", "!”")) and decisions[nxt].role is Role.BODY
                           and not touching(lines[k], lines[nxt]) and decisions[nxt].confidence >= SETTINGS.unsure_confidence)
            if (decisions[nxt].role not in (Role.START, Role.CREDIT) and not opens_after
                    and not credits.opens_with_dateline(lines[nxt].text, rules)):
                continue
        above: list[int] = []
        for j in reversed(texted[max(0, pos - MAX_QUOTED_KICKER_LINES):pos]):
            head = decisions[j].role in (*HEAD_ROLES, Role.SUBHEAD, Role.START)
            if not (head or decisions[j].role is Role.BODY) or not could_be_title(lines[j].text):
                break
            # one headline's lines: read alike (a subhead under another story's title is not
            # that title's line); a headline line the model took for a story's first line
            # (今朝水泥大路到门口, under 昔日道路泥泞小径难出门) reads as a headline's
            if above and (decisions[j].role in _KICKER_ALIKE) != (decisions[above[0]].role in _KICKER_ALIKE):
                break
            above.append(j)
        # the line above the kicker is no text of its own (a finished sentence, a byline, a
        # caption or furniture), or the headline was read as one
        if not above or (not any(decisions[j].role in (*HEAD_ROLES, Role.SUBHEAD) for j in above)
                         and any(decisions[j].role is Role.BODY and decisions[j].confidence >= SETTINGS.max_between_body_confidence for j in above)):
            continue
        out[k] = Role.TITLE
        for j in above:
            out[j] = Role.KICKER
    return out


_TEXT_OR_NONE = (Role.START, Role.BODY)


def dash_subtitles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A headline line opening with a dash (——贵州省… / ---贵州省…) read as going on the title
    above it: a subtitle begins there (a title's own dash ends its line, 村寨有了新变化——), and
    the lines read as going on from it are the subtitle's. Returns the indices made subtitle.

    >>> page = [Line(1, "", "一声问候 一点关怀"), Line(2, "", "---贵州省贞丰县委宣"), Line(3, "", "传部部长到长田慰问")]
    >>> dash_subtitles(page, [Decision(Role.TITLE, 0.9), Decision(Role.TITLE, 0.6, (), True), Decision(Role.TITLE, 0.6, (), True)])
    [1, 2]
    """
    out: list[int] = []
    for k in range(1, len(lines)):
        d = decisions[k]
        if d.role is Role.TITLE and d.continues and (
                DASH_OPENING.match(lines[k].text) and decisions[k - 1].role is Role.TITLE or k - 1 in out):
            out.append(k)
    return out


def dash_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A paragraph of headline length that ends on a dash (携民声，赴盛会！人大代表报到——), read as
    text, after a finished sentence or no text at all and before more text: a headline's
    lead-in, which sentence marks inside make the model read as text. A paragraph that opens
    like a story's sentence (近日，记者随意撷取几个画面—— before a list) is left as text. One
    line, or two when the paragraph began on the line before. Returns the indices of the
    lines, now a title.

    >>> page = [Line(1, "", "活动取得实效。"), Line(2, "", "携民声，赴盛会！人大代表报到——"),
    ...         Line(3, "", "传递人民心声，共谋发展良策。1月4日，代表们报到。")]
    >>> dash_titles(page, [Decision(Role.BODY, 1.0), Decision(Role.START, 0.8), Decision(Role.BODY, 1.0)])
    [1]
    """
    out: list[int] = []
    texted = [k for k, line in enumerate(lines) if line.text]
    for pos, k in enumerate(texted):
        text = lines[k].text.rstrip()
        if decisions[k].role not in _TEXT_OR_NONE or not text.endswith("——"):
            continue
        if pos + 1 >= len(texted) or decisions[texted[pos + 1]].role in HEAD_ROLES:
            continue
        group = [k]
        prev = texted[pos - 1] if pos else None
        if (prev is not None and decisions[k].role is Role.BODY and decisions[prev].role is Role.START
                and not ends_sentence(lines[prev].text) and could_be_title(lines[prev].text)):
            group = [prev, k]  # the paragraph began on the line before (携民声，赴盛会！人 / 大代表报到——)
            prev = texted[pos - 2] if pos >= 2 else None
        n = sum(len(CJK_CHAR.findall(lines[j].text)) for j in group)
        if not SETTINGS.title_chars[0] <= n <= SETTINGS.title_chars[1] or opens_story(lines[group[0]].text):
            continue  # a paragraph opening like a story's sentence (近日，记者撷取几个画面——) is text
        if prev is not None and decisions[prev].role in _TEXT_ROLES and not ends_sentence(lines[prev].text):
            continue
        out.extend(group)
    return out


# A headline broken after its colon goes on for a line or two (常德探索文明城市建设： / 文明之火，点亮市民心灯).
# Not fitted: 1, 2 and 3 score the same on the held-out folds and f14/f58; 2 lets a title run
# on over two lines after its colon (…督办会议强调： / 持续优化营商环境 / 让企业真受益群众得实惠).
MAX_COLON_TAIL_LINES = 2
# Marks inside a clause that a place or topic before a headline's colon never holds.
_CLAUSE_MARKS = re.compile(r"[，。；、！？,;!?]")


def colon_titles(lines: list[Line], decisions: list[Decision]) -> list[int]:
    """A paragraph of its own, read as text, whose first line is a topic or place ending on a
    colon (常德探索文明城市建设：, 营口市站前区：) and whose one or two lines after it, printed
    against it, end no sentence or clause, set apart by blank lines above and below, after
    a finished sentence or no text and before text the model is sure of (not under
    ``unsure_confidence``: a caption's lines under a title are no story): a headline broken
    at its colon. A sentence that
    introduces a list or a speech (会上，他强调：) has a clause mark before its colon or runs on
    into full sentences. Returns the indices of the lines, now a title.

    >>> page = [Line(1, "", "座已完成8855座。"), Line(3, "", "常德探索文明城市建设："),
    ...         Line(4, "", "文明之火，点亮市民心灯"), Line(6, "", "深秋的常德，红枫掩映下的街头，弥漫开的是美好。")]
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
    """A line read as text or a kicker that is only a topic or place ending on a colon (全市优化营商环境督办
    会议强调：, 江西上栗：), right over a title line, after a finished sentence, no text or a
    line that is no text: the title's opening, broken at its colon. A sentence
    that introduces a list or a speech (会上，他强调：) has a clause mark before its colon.
    Returns the indices of the lines, now a title that the title line under it goes on.

    >>> page = [Line(1, "", "建英如是说。"), Line(3, "", "全市优化营商环境督办会议强调："),
    ...         Line(4, "", "持续优化营商环境 让企业真受益"), Line(6, "", "4月30日，会议召开。")]
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
        if decisions[k].role not in (*_TEXT_OR_NONE, Role.KICKER) or not text.endswith(("：", ":")):
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
        if decisions[nxt].role is Role.TITLE and not decisions[nxt].continues:
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
        if decisions[k].role is not Role.START or decisions[prev].role is not Role.TITLE or len(text) > most \
                or _TAIL_MARKS.search(text) or not CJK_CHAR.search(text) or _furniture_shaped(text, rules):
            continue
        story = _text_window(lines, decisions, range(texted[pos + 1], min(len(lines), k + 1 + SUBHEAD_WINDOW)))
        # or half the width of the line under it: no first line of a paragraph is that short
        # unless the paragraph ends in it, with a full stop
        short = len(text) <= 0.5 * len(lines[texted[pos + 1]].text)
        if could_be_title(lines[prev].text + text) and (short or _far_tail_fits(lines[prev].text, text, story)):
            out.append(k)
    return out


def group_items(lines: list[Line], decisions: list[Decision], rules: Rules) -> Page:
    """Walk the page once: headline groups and text runs in print order, furniture and captions
    aside. Furniture and captions printed inside a story do not break it."""
    page = Page([], cut_jump_markers(lines), [], [])
    for index, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        role, items = decision.role, page.items
        if not line.text:
            continue
        if role is Role.FURNITURE:
            page.furniture.append(line.text)
            page.aside[index] = line
        elif role is Role.CAPTION:
            page.captions.append((line.text, len(items)))
            page.aside[index] = line
        elif role in HEAD_ROLES:
            last = items[-1] if items else None
            last_role = last.parts[-1][0] if isinstance(last, HeadGroup) else None
            goes_on = last_role is not None and (
                _PART_ORDER[role] > _PART_ORDER[last_role] or (role is last_role and decision.continues))
            if isinstance(last, HeadGroup) and goes_on:
                last.parts.append((role, line))
            else:
                items.append(HeadGroup([(role, line)]))
        elif role is Role.SUBHEAD:
            run = _open_run(items)
            if run is None:
                run = TextRun(fresh=False)  # no story begins with a subhead: one goes on here
                run.sections = []
                items.append(run)
            run.sections.append((line.text, []))
            run.numbers.extend(line.lines)
            run.heading_lines.append(line)
        elif role is Role.CREDIT:
            run = _open_run(items)
            if run is None or run.has_body:
                run = TextRun(fresh=True, begun=True)
                items.append(run)
            run.credit_lines.append(line.text)
            run.numbers.extend(line.lines)
        elif role is Role.BYLINE and not credits.has_names(line.text, rules):
            page.furniture.append(line.text)  # a "byline" naming nobody: a slogan or a label
            page.aside[index] = line
        elif role is Role.BYLINE:
            run = next((x for x in reversed(items) if isinstance(x, TextRun)), None)
            if run is None or run.bylines and not _open_run(items):
                page.leftovers.append(line.text)
                continue
            run.bylines.append(line.text)
            run.numbers.extend(line.lines)
            run.closed = True
        else:  # START or BODY
            run = _open_run(items)
            starts = role is Role.START and run is not None and (run.has_body or not run.credit_lines)
            if run is None or starts:
                after_head = bool(items) and isinstance(items[-1], HeadGroup)
                run = TextRun(fresh=role is Role.START or after_head, begun=role is Role.START)
                items.append(run)
            run.add(line, index)
    open_under_headlines(page)
    return page


def open_under_headlines(page: Page) -> None:
    """A run that begins with a subhead right under a headline (a pull quote or a lead-in under
    the title) begins a story, unless it uses ``min_resumed_share`` of an earlier run's words:
    then it is that story resumed under a subhead (after a title printed after its own story)."""
    items, earlier = page.items, []
    for k, item in enumerate(items):
        if not isinstance(item, TextRun):
            continue
        if k and isinstance(items[k - 1], HeadGroup) and not item.fresh and item.sections and item.sections[0][0]:
            text = item.text
            item.fresh = max((_shares_with(e, text) for e in earlier), default=0.0) < SETTINGS.min_resumed_share
        earlier.append(item.text)


def headings_over_stories(page: Page) -> list[Line]:
    """Subheads with no text under them, right before a story's first line (a START line or a
    credit): that story's headline, read as subheads (a title printed between two stories), when
    they are one line or one phrase broken inside a word (two whole phrases are pull quotes).
    Returns the lines, for the report."""
    items, out = page.items, []
    for k in range(len(items) - 1):
        run, after = items[k], items[k + 1]
        if (isinstance(run, TextRun) and isinstance(after, TextRun) and after.begun and not run.has_body
                and not run.credit_lines and not run.bylines and run.heading_lines
                and len(run.heading_lines) == len(run.sections)
                # one line, or one phrase broken inside a word: parallel phrases are pull quotes
                and all(spans_a_word(a.text, b.text) for a, b in zip(run.heading_lines, run.heading_lines[1:], strict=False))):
            items[k] = HeadGroup([(Role.TITLE, line) for line in run.heading_lines])
            after.fresh = True
            out.extend(run.heading_lines)
    return out


def demote_sentence_pieces(page: Page) -> list[Line]:
    """A title line whose last word runs on into the text right after it (综合开发、重 /
    大项目建设: 重大) or that ends in a clause mark: a piece of a sentence broken at the
    column's edge, not a headline. It goes back into the text, then the line before it is
    asked the same; a run that took one is no story's beginning. Returns the lines, for the
    report."""
    items, out = page.items, []
    k = 0
    while k + 1 < len(items):
        head, run = items[k], items[k + 1]
        k += 1
        if not (isinstance(head, HeadGroup) and isinstance(run, TextRun)) or run.credit_lines:
            continue
        first = next((lines for _, lines in run.sections if lines), None)
        # the head's last lines, one by one, while each runs on into the text after it
        while first and head.parts and head.parts[-1][0] is Role.TITLE:
            line = head.parts[-1][1]
            # a word across the break counts only when the text after does not open like a
            # story (read as its first line, or 日前，… after 工作: 工作日 is chance)
            spans = not (run.begun or opens_story(first[0])) and spans_a_word(line.text, first[0])
            if not line.text or not (line.text.endswith(_CLAUSE_ENDS) or spans):
                break
            head.parts.pop()
            first.insert(0, line.text)
            run.numbers[:0] = list(line.lines)
            run.fresh = False
            out.append(line)
        if not head.parts:
            items.pop(k - 1)
    return out


def split_shared_groups(page: Page) -> list[tuple[int, float, float]]:
    """A headline group between two stories that holds two headlines: the title printed after
    the story before it and the title printed before the story after it. It is cut where its
    first lines share at least ``min_rescue_overlap`` of their words with the story before and
    its last lines as much with the story after, each more than with the other story. Returns,
    for the report, the first line number of each second headline and both shares.

    >>> def run(text):
    ...     return TextRun(fresh=True, sections=[(None, [text])])
    >>> head = HeadGroup([(Role.TITLE, Line(8, "", "县教育局召开秋季工作会")),
    ...                   (Role.TITLE, Line(9, "", "恩平组织媒体走乡村"))])
    >>> page = Page([run("县教育局召开秋季教育工作会。"), head, run("恩平市组织媒体走进乡村。")], [], [], [])
    >>> split_shared_groups(page)
    [(9, 0.9, 0.75)]
    >>> [x.text for x in page.items if isinstance(x, HeadGroup)]
    ['县教育局召开秋季工作会', '恩平组织媒体走乡村']

    A few words that a story with its own headline over it also says are no second title of it
    (乡村振兴 / 和美有“余” under a story that says 乡村振兴 is one title):

    >>> own = HeadGroup([(Role.TITLE, Line(1, "", "县教育局召开秋季工作会"))])
    >>> head = HeadGroup([(Role.TITLE, Line(8, "", "秋季工作")), (Role.TITLE, Line(9, "", "恩平组织媒体走乡村"))])
    >>> page = Page([own, run("县教育局召开秋季教育工作会。"), head, run("恩平市组织媒体走进乡村。")], [], [], [])
    >>> split_shared_groups(page)
    []
    """
    out: list[tuple[int, float, float]] = []
    floor = SETTINGS.min_rescue_overlap
    items = page.items
    k = 1
    while k + 1 < len(items):
        before, head, after = items[k - 1], items[k], items[k + 1]
        above = items[k - 2] if k >= 2 else None
        k += 1
        if not (isinstance(head, HeadGroup) and isinstance(before, TextRun) and isinstance(after, TextRun)):
            continue
        if len(head.parts) < 2 or not before.has_body or not after.has_body or before.headline is not None:
            continue
        titled = isinstance(above, HeadGroup) and similarity(above, before) >= floor
        best: tuple[float, int, float, float] | None = None
        for j in range(1, len(head.parts)):
            first, second = HeadGroup(head.parts[:j]), HeadGroup(head.parts[j:])
            if titled and len(first.text) < SETTINGS.min_second_title_chars:
                continue  # a few words the titled story before also says (乡村振兴): no title of it
            if spans_a_word(head.parts[j - 1][1].text, head.parts[j][1].text):
                continue  # a word runs across (村民自 / 发整治): one headline's lines
            own_first, own_second = similarity(first, before), similarity(second, after)
            # a first part the story before echoes strongly needs less of the second part's
            # words after it (a figurative title shares few with its story)
            if own_first < floor or own_second < (floor if own_first < SETTINGS.swap_margin else 0.5 * floor):
                continue
            if own_first <= similarity(first, after) or own_second <= similarity(second, before):
                continue
            if best is None or own_first + own_second > best[0]:
                best = (own_first + own_second, j, own_first, own_second)
        if best is None:
            continue
        _, j, own_first, own_second = best
        items[k - 1:k] = [HeadGroup(head.parts[:j]), HeadGroup(head.parts[j:])]
        k += 1
        out.append((head.parts[j][1].number, round(own_first, 3), round(own_second, 3)))
    return out


def short_leads(page: Page, lines: list[Line]) -> list[int]:
    """An untitled run of one short finished sentence or two (under ``min_story_chars``
    characters, no credit) printed right against the run after it, no blank between, is that
    run's first words, not a story: a paragraph cut where its next sentence opens on a date
    (寒意渐浓，初心炽热。 / 12月5日国际志愿者日当天，…). Its lines go on the run after it.
    Returns their line numbers, for the report.

    >>> page_lines = [Line(1, "", "寒意渐浓，初心炽热。"), Line(2, "", "12月5日，绿华镇开展志愿活动。")]
    >>> short = TextRun(fresh=True, begun=True, sections=[(None, ["寒意渐浓，初心炽热。"])], numbers=[1], first=0, last=0)
    >>> story = TextRun(fresh=True, begun=True, sections=[(None, ["12月5日，绿华镇开展志愿活动。"])], numbers=[2], first=1, last=1)
    >>> page = Page([short, story], [], [], [])
    >>> short_leads(page, page_lines), story.text
    ([1], '寒意渐浓，初心炽热。12月5日，绿华镇开展志愿活动。')
    """
    out: list[int] = []
    items = page.items
    for k in range(len(items) - 1):
        run, after = items[k], items[k + 1]
        if not (isinstance(run, TextRun) and isinstance(after, TextRun)) or run.absorbed or after.absorbed:
            continue
        if k > 0 and isinstance(items[k - 1], HeadGroup):
            continue  # a brief under its headline
        if (not run.has_body or len(run.sections) != 1 or run.credit_lines or run.bylines or run.closed
                or not after.has_body or after.sections[0][0] is not None or after.credit_lines):
            continue
        text = run.text.replace(" ", "")
        if len(text) >= SETTINGS.min_story_chars or not ends_sentence(text):
            continue
        if run.last < 0 or after.first < 0 or not touching(lines[run.last], lines[after.first]):
            continue
        after.sections[0][1][:0] = run.sections[0][1]
        after.numbers[:0] = run.numbers
        after.first, after.fresh, after.begun = run.first, run.fresh, run.begun
        out.extend(run.numbers)
        run.sections, run.numbers, run.absorbed = [(None, [])], [], True
    return out


def split_late_pairs(page: Page, rules: Rules) -> list[tuple[int, float, float]]:
    """Two stories run together with both their headlines printed after them, one group (a PDF
    tool reads a column's headlines last): when the group's first lines use
    ``min_split_overlap`` of their words only before a paragraph start of the story and its
    last lines as much only after it, neither uses as much on the other side (one story's
    title broken in two shares its words with all of it) and the texts before and after the
    cut share almost no words (a cosine of their bigram sets under ``max_title_similarity``),
    the story and the group are cut there, each headline after its own story. Both parts must
    be headline-shaped, and neither only a place's name (庐江县矾山镇 / 积极开展安全生产检查 is
    one title: a place alone heads no story). Returns, for the report, the first line number
    of each second headline and both shares.

    >>> run = TextRun(fresh=True, sections=[(None, ["江陵县召开创建文化三县工作推进会。", "会议部署文化三县创建工作。",
    ...                                             "区人大代表向大会报到。", "人大代表带着民意赴会。"])])
    >>> head = HeadGroup([(Role.TITLE, Line(8, "", "江陵县召开文化三县推进会")), (Role.TITLE, Line(9, "", "人大代表报到"))])
    >>> page = Page([run, head], [], [], [])
    >>> from .rules import load_rules
    >>> split_late_pairs(page, load_rules())
    [(9, 0.818, 0.8)]
    >>> [x.text for x in page.items]
    ['江陵县召开创建文化三县工作推进会。会议部署文化三县创建工作。', '江陵县召开文化三县推进会', '区人大代表向大会报到。人大代表带着民意赴会。', '人大代表报到']
    """
    out: list[tuple[int, float, float]] = []
    floor = SETTINGS.min_split_overlap
    items = page.items
    k = 1
    while k < len(items):
        run, head = items[k - 1], items[k]
        after = items[k + 1] if k + 1 < len(items) else None
        k += 1
        if not (isinstance(head, HeadGroup) and isinstance(run, TextRun)) or len(head.parts) < 2:
            continue
        if not run.has_body or run.headline is not None or len(run.sections) > 1:
            continue
        if isinstance(after, TextRun) and after.has_body:  # the group may head the story after it
            continue
        lines = run.sections[-1][1]
        best: tuple[float, int, int, float, float] | None = None
        for j in range(1, len(head.parts)):
            first, second = HeadGroup(head.parts[:j]), HeadGroup(head.parts[j:])
            if not (could_be_title(first.text) and could_be_title(second.text)):  # 岳阳县： / 在共建中…
                continue
            if _names_a_place_only(first.text, rules) or _names_a_place_only(second.text, rules):
                continue
            for cut in range(1, len(lines)):
                if not ends_sentence(lines[cut - 1]):
                    continue
                front, tail = "".join(lines[:cut]), "".join(lines[cut:])
                own_first, own_second = _share(first, front, tail), _share(second, tail, front)
                if own_first < floor or own_second < floor or (best is not None and own_first + own_second <= best[0]):
                    continue
                if _share(first, tail) >= floor or _share(second, front) >= floor:  # one story's title shares both
                    continue
                if cosine(bigrams(front), bigrams(tail)) < SETTINGS.max_title_similarity:  # two stories' words
                    best = (own_first + own_second, j, cut, own_first, own_second)
        if best is None:
            continue
        _, j, cut, own_first, own_second = best
        tail_run = cut_run(run, cut)
        items[k - 2:k] = [run, HeadGroup(head.parts[:j]), tail_run, HeadGroup(head.parts[j:])]
        k += 2
        out.append((head.parts[j][1].number, round(own_first, 3), round(own_second, 3)))
    return out


def pairing_weight(head: HeadGroup, run: TextRun, run_after: bool) -> float:
    """How well a headline heads a story next to it: a base for the pair, plus the share of the
    headline's words the story uses, plus a prior for the usual place (the story printed after
    its headline, at a story's beginning).

    >>> run = TextRun(fresh=True, sections=[(None, ["开发区全力推进创卫工作，"])])
    >>> head = HeadGroup([(Role.TITLE, Line(1, "", "开发区创卫"))])
    >>> pairing_weight(head, run, True) > pairing_weight(head, run, False)
    True
    """
    prior = 0.0
    if run_after:
        prior = SETTINGS.title_before_margin if run.fresh else -SETTINGS.unbegun_story_penalty
    return SETTINGS.pairing_base + similarity(head, run) + prior


def _pair_weight(left: HeadGroup | TextRun, right: HeadGroup | TextRun) -> float | None:
    """The weight of heading across two neighbouring items, None when they cannot pair."""
    if isinstance(left, HeadGroup) and isinstance(right, TextRun):
        return pairing_weight(left, right, True)
    if isinstance(left, TextRun) and isinstance(right, HeadGroup) and left.has_body:
        return pairing_weight(right, left, False)
    return None


def best_pairing(items: list[HeadGroup | TextRun]) -> list[int]:
    """Which neighbouring items pair: the k of each pair (k, k+1) in the set of pairs with the
    largest total weight, no item in two pairs. Headlines and stories alternate along the page,
    so the pairs form a path and one pass finds the best set (weighted matching on a path).
    A headline then heads the story its words say, even when a slogan or a second title took
    the usual place first.

    >>> a = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["长乐街道新建口袋公园。"])])
    >>> slogan = HeadGroup([(Role.TITLE, Line(1, "", "文明创建 我们在行动"))])
    >>> t1 = HeadGroup([(Role.TITLE, Line(3, "", "安平县整治城乡环境"))])
    >>> t2 = HeadGroup([(Role.TITLE, Line(5, "", "长乐街道新建口袋公园"))])
    >>> best_pairing([slogan, a, t1, b, t2])
    [1, 3]
    """
    # best[i]: the largest total over items[:i]; take[i]: whether items i-2 and i-1 pair in it
    best = [0.0, 0.0]
    take = [False, False]
    for i in range(2, len(items) + 1):
        weight = _pair_weight(items[i - 2], items[i - 1])
        paired = best[i - 2] + weight if weight is not None else -1.0
        take.append(paired > best[i - 1])
        best.append(max(paired, best[i - 1]))
    pairs = []
    i = len(items)
    while i >= 2:
        if take[i]:
            pairs.append(i - 2)
            i -= 2
        else:
            i -= 1
    return sorted(pairs)


def drop_stray_title_tails(page: Page, confidence: dict[int, float], rules: Rules) -> list[tuple[Line, str]]:
    """A headline's last title line read with less confidence than ``min_title_tail_confidence``
    whose words its story never uses, or printed apart from the title (a blank line between)
    and sharing under ``min_rescue_overlap`` of its words with the story, is a slogan printed
    under the title (创卫在行动), not the title's end; printed apart and found word for word in
    the story, it is a pull quote. Either goes to the page's furniture. Returns the lines and why, for
    the report. A line that closes an event the title line above it opened (开展… / …活动:
    ``headline.closes_a_frame``) is the title's end whatever its words.

    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "创卫在行动"))])
    >>> page = Page([run], [], [], [])
    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 2: 0.3}, rules)], run.headline.text, page.furniture
    (['创卫在行动'], '矾山镇开展安全生产检查', ['创卫在行动'])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(3, "", "安全在行动", gap_before=1))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 3: 0.9}, rules)]
    ['安全在行动']

    A campaign slogan the rules name, printed against the title with no blank (a PDF tool may
    print none), goes whatever the model's confidence:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "城乡共建从我做起"))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 2: 0.9}, rules)]
    ['城乡共建从我做起']

    A column's label (headline.yml's label_endings) under a whole title goes too:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产大检查")), (Role.TITLE, Line(2, "", "创卫在行动"))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 2: 0.9}, rules)]
    ['创卫在行动']

    The second half of a couplet stays, its words the story's or not:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "以练备战")), (Role.TITLE, Line(2, "", "筑牢防线"))])
    >>> drop_stray_title_tails(page, {1: 0.5, 2: 0.5}, rules), run.headline.text
    ([], '以练备战筑牢防线')

    On a double-spaced page (a blank after every line) the blank is the page's spacing, no break:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(3, "", "守护万家平安", gap_before=0))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 3: 0.9}, rules)]
    []

    A line opening on a particle goes on the title line above it, unsure or not:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "村寨有了新变化——来自贵州乡村")), (Role.TITLE, Line(2, "", "的生动实践"))])
    >>> drop_stray_title_tails(page, {1: 0.9, 2: 0.3}, rules), run.headline.text
    ([], '村寨有了新变化——来自贵州乡村的生动实践')
    """
    out: list[tuple[Line, str]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None:
            continue
        parts = run.headline.parts
        if len(parts) < 2 or parts[-1][0] is not Role.TITLE or parts[-2][0] is not Role.TITLE:
            continue
        line = parts[-1][1]
        grams = bigrams(line.text)
        apart = line.gap_before > 0  # a blank line between (beyond the page's spacing)
        unsure = confidence.get(line.number, 1.0) < SETTINGS.min_title_tail_confidence
        text = run.text
        # a campaign slogan printed under the title (its story does not use its words)
        if rules.slogan.fullmatch(line.text.strip()) and _shares_with(line.text, text) < SETTINGS.min_rescue_overlap:
            parts.pop()
            page.furniture.append(line.text)
            out.append((line, "a campaign slogan the rules name, its story using few of its words"))
            continue
        # a column's label (创卫在行动) printed under a whole title, much shorter than it: a
        # title's last line does not name a column
        before = "".join(x.text for _, x in parts[:-1])
        label = (bool(rules.label_endings) and line.text.strip().endswith(rules.label_endings)
                 and len(CJK_CHAR.findall(line.text)) <= KICKER_LABEL_CHARS
                 and len(CJK_CHAR.findall(before)) >= 2 * len(CJK_CHAR.findall(line.text))
                 and not _one_phrase(parts[-2][1].text, line.text))
        if label:
            parts.pop()
            page.furniture.append(line.text)
            out.append((line, "a column's label printed under a whole title"))
            continue
        share = _shares_with(line.text, text)
        # a whole clause of the story is a pull quote under the title, printed apart or (a PDF
        # tool may print no blank lines) against it, unless a word runs across the break
        quoted = is_pull_quote(line.text, text) and (apart or not spans_a_word(parts[-2][1].text, line.text)
                                                     and _opens_a_sentence(line.text, text))
        # the second half of a couplet (以练备战 / 筑牢防线) need not use its story's words
        pair = not apart and (couplet(parts[-2][1].text, line.text)
                              or closes_a_frame(parts[-2][1].text, line.text, rules))
        # a line opening on a particle (的生动实践) goes on the line above: no headline opens so
        goes_on = line.text.strip()[:1] in _TAIL_OPENERS
        few = not goes_on and (unsure and share == 0.0 or apart and share < SETTINGS.min_rescue_overlap)
        if grams and not pair and (few or quoted):
            parts.pop()
            page.furniture.append(line.text)
            out.append((line, "a whole clause of its story: a pull quote" if quoted
                        else "its story uses few or none of its words"))
    return out


def kickers_by_words(page: Page, rules: Rules) -> list[tuple[Line, float, float]]:
    """A headline read all as title whose first line is a whole phrase its story never uses,
    while the lines after it share ``min_rescue_overlap`` of their words with the story: that
    line is the kicker (接续报道 / 世丰园成了 / 世外桃源), a column's or a series' label, not the
    title's first half, which the story would echo. So is a first line opening with the same
    word as the line under it. A line the next one goes on from (a phrase
    broken inside a word, a verb wanting its object) stays. Returns the lines with the story's
    share of their words and of the rest's, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["昔日垃圾场，今日变花园。世丰园小区如今成了居民的世外桃源。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "接续报道")), (Role.TITLE, Line(2, "", "世丰园成了")),
    ...                           (Role.TITLE, Line(3, "", "世外桃源"))])
    >>> [(x.text, a, round(b, 2)) for x, a, b in kickers_by_words(Page([run], [], [], []), load_rules())], run.headline.parts[0][0]
    ([('接续报道', 0.0, 0.75)], <Role.KICKER: 'kicker'>)

    A title broken over lines never opens both lines with the same word: the first is a label.
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "人大代表之家")), (Role.TITLE, Line(2, "", "人大代表开展接待选民活动"))])
    >>> run.sections = [(None, ["人大代表开展接待选民活动，听取选民意见。"])]
    >>> [x.text for x, _, _ in kickers_by_words(Page([run], [], [], []), load_rules())]
    ['人大代表之家']

    So is a column's name (headline.yml's label_endings), whatever words it shares:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "乡村振兴在行动")), (Role.TITLE, Line(2, "", "村寨有了新变化"))])
    >>> run.sections = [(None, ["贵州乡村振兴，村寨有了新变化。"])]
    >>> [x.text for x, _, _ in kickers_by_words(Page([run], [], [], []), load_rules())]
    ['乡村振兴在行动']

    A cry the title goes on past is the title's opening (惠及8万多居民！西城 / 展览路街道新添…):
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "惠及8万多居民！西城")), (Role.TITLE, Line(2, "", "展览路街道新添服务中心"))])
    >>> run.sections = [(None, ["展览路街道新添服务中心，惠及居民。"])]
    >>> kickers_by_words(Page([run], [], [], []), load_rules())
    []
    """
    out: list[tuple[Line, float, float]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or not run.has_body:
            continue
        parts = run.headline.parts
        if len(parts) < 2 or any(role is not Role.TITLE for role, _ in parts):
            continue
        first, second = parts[0][1].text, parts[1][1].text
        # a place's head (铜川：), a question or an exclamation opens the title itself, also
        # when the line runs on past it (惠及8万多居民！西城 / 展览路街道新添…)
        if len(CJK_CHAR.findall(first)) < 2 or _one_phrase(first, second) or ends_open(first) \
                or first.rstrip().endswith(("：", ":")) or any(mark in first for mark in "？?！!"):
            continue
        text = run.text
        own = _shares_with(first, text)
        rest = _shares_with("".join(line.text for _, line in parts[1:]), text)
        # a title broken over lines never opens both with the same word (人大代表之家 / 人大代表开展…)
        echoed = len(first) >= 4 and first[:2] == second[:2] and first[:2] != second
        # a label is short; a longer phrase the story does not echo is the title's figurative
        # first half (脚下沾泥土采访最基层 / 蒙阴将新闻发布会开到了蜜桃园里)
        label = max(len(CJK_CHAR.findall(phrase)) for phrase in first.split()) <= KICKER_LABEL_CHARS
        # a column's name (乡村振兴在行动, 创城进行时) is a kicker whatever words it shares
        named = bool(rules.label_endings) and first.rstrip().endswith(rules.label_endings) and "：" not in first
        # a title opens on its place (宏伟区开展…, 万灵镇开展…): a phrase set over that line is a
        # label over the title (城乡环境卫生整治), not its first half
        # (a first line ending on a comma goes on into it: 聚焦“百千万工程”， / 恩平组织…)
        placed = label and _opens_on_place(second, rules) and not _opens_on_place(first, rules) \
            and not first.rstrip().endswith(_CLAUSE_ENDS)
        if own == 0.0 and label and rest >= SETTINGS.min_rescue_overlap or echoed or named or placed:
            parts[0] = (Role.KICKER, parts[0][1])
            out.append((parts[0][1], own, rest))
    return out


# Marks of a list of phrases or of clauses in a headline line (增颜值、提气质，…); a kicker's
# list holds clauses (a comma), where a title's holds at most a list of nouns (市、县、乡三级…).
_LIST_MARKS = re.compile("[，、,]")
_CLAUSE_MARK = re.compile("[，,]")
# A phrase-list kicker holds this many characters at least: a short label is kickers_by_words'.
PHRASE_LIST_MIN_CHARS = 12


def phrase_list_kickers(page: Page) -> list[tuple[list[Line], float, float]]:
    """A headline read as title (and subtitle) whose first lines make a list of phrases (增颜值、
    提气质、养习惯，以“厕所革命”为抓手推动爱国卫生运动深入开展), ending a phrase, over lines that
    hold no such marks and whose words the story uses more (石家庄正定去年改造提升农村厕所4.8万座):
    the list is the kicker (引题) and the lines under it the title. A title whose first line ends
    on a comma goes on in the next line (聚焦“百千万工程”， / 恩平组织媒体走乡村探产业), and is
    left; so is one broken inside a word, or holding a dash (…暖冬情——绿华镇…). Returns the kicker's lines with the story's share of their words and of the title's.

    >>> run = TextRun(fresh=True, sections=[(None, ["又入腊月，石家庄市正定县改造提升农村厕所4.8万座。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "增颜值、提气质、养习惯，")), (Role.TITLE, Line(2, "", "以厕所革命为抓手深入开展")),
    ...                           (Role.SUBTITLE, Line(3, "", "石家庄正定改造提升农村厕所4.8万座"))])
    >>> [(len(ls), a, round(b, 2)) for ls, a, b in phrase_list_kickers(Page([run], [], [], []))], [r.value for r, _ in run.headline.parts]
    ([(2, 0.05, 0.79)], ['kicker', 'kicker', 'title'])
    """
    out: list[tuple[list[Line], float, float]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or not run.has_body:
            continue
        parts = run.headline.parts
        if len(parts) < 2 or any(role not in (Role.TITLE, Role.SUBTITLE) for role, _ in parts) \
                or parts[0][0] is not Role.TITLE:
            continue
        for i in range(1, len(parts)):
            upper = "".join(line.text for _, line in parts[:i]).strip()
            lower = "".join(line.text for _, line in parts[i:]).strip()
            if (_CLAUSE_MARK.search(upper) and not _LIST_MARKS.search(lower) and upper[-1:] not in "，、,"
                    and "—" not in upper and len(CJK_CHAR.findall(upper)) >= PHRASE_LIST_MIN_CHARS
                    and could_be_title(lower) and not DASH_OPENING.match(lower) and not ends_open(upper)
                    and not spans_a_word(parts[i - 1][1].text, parts[i][1].text)):
                own, rest = _shares_with(upper, run.text), _shares_with(lower, run.text)
                if rest > own:
                    run.headline.parts = [(Role.KICKER, line) for _, line in parts[:i]] + \
                        [(Role.TITLE, line) for _, line in parts[i:]]
                    out.append(([line for _, line in parts[:i]], round(own, 2), round(rest, 2)))
                break
    return out


def slogan_kickers(page: Page, rules: Rules) -> list[Line]:
    """A kicker the furniture rules or patterns name (a campaign slogan, a page label, a
    hotline) is page furniture printed above the headline, not the story's kicker. Returns
    its lines, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "垃圾分类 人人有责")), (Role.TITLE, Line(2, "", "矾山镇开展安全生产检查"))])
    >>> page = Page([run], [], [], [])
    >>> [x.text for x in slogan_kickers(page, load_rules())], run.headline.text, page.furniture
    (['垃圾分类 人人有责'], '矾山镇开展安全生产检查', ['垃圾分类 人人有责'])

    So is a slogan read as the title's first line (printed against it, no blank between):
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "光盘行动让生活更美好")), (Role.TITLE, Line(2, "", "矾山镇开展安全生产检查"))])
    >>> [x.text for x in slogan_kickers(page, load_rules())], run.headline.text
    (['光盘行动让生活更美好'], '矾山镇开展安全生产检查')
    """
    out: list[Line] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None:
            continue
        parts = run.headline.parts
        # a slogan printed right above the title, with no blank between, reads as its first line
        # (a title's own first line the story uses: 大埔梅州日报 / 电子阅报栏昨日启用)
        if (len(parts) >= 2 and parts[0][0] is Role.TITLE and parts[1][0] is Role.TITLE
                and rules.slogan.fullmatch(parts[0][1].text.strip()) and not _furniture_shaped(parts[1][1].text, rules)
                and _shares_with(parts[0][1].text, run.text) < SETTINGS.min_rescue_overlap):
            parts[0] = (Role.KICKER, parts[0][1])
        kickers = [line for role, line in parts if role is Role.KICKER]
        if not kickers or len(kickers) == len(parts):
            continue
        text = " ".join(x.text for x in kickers)
        if not _furniture_shaped(text, rules) and not all(_furniture_shaped(x.text, rules) for x in kickers):
            continue
        run.headline.parts = [(role, line) for role, line in parts if role is not Role.KICKER]
        page.furniture.extend(x.text for x in kickers)
        out.extend(kickers)
    return out


def _opens_on_place(text: str, rules: Rules) -> bool:
    """The line opens with a place the gazetteer knows (宏伟区开展…, 庐江县矾山镇…).

    >>> from .rules import load_rules
    >>> [_opens_on_place(t, load_rules()) for t in ("庐江县矾山镇积极开展", "社区新风扬", "对我县进行")]
    [True, False, False]
    """
    found = next(iter(rules.gazetteer.find(text.strip())), None)
    return found is not None and found.start == 0


# A number broken over two headline lines (宝鸡市陇县5 / 00余名志愿者…): one phrase.
_SPLIT_NUMBER = re.compile(r"[0-9０-９]$")


def place_kickers(page: Page, rules: Rules) -> list[Line]:
    """A kicker that only names a place, or whose number runs on into the title's first line,
    is the title's first line. Returns the lines, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "庐江县矾山镇")), (Role.TITLE, Line(2, "", "积极开展安全生产检查"))])
    >>> [x.text for x in place_kickers(Page([run], [], [], []), load_rules())], run.headline.parts[0][0]
    (['庐江县矾山镇'], <Role.TITLE: 'title'>)
    """
    out: list[Line] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None:
            continue
        parts = run.headline.parts
        k = next((j for j, (role, _) in enumerate(parts) if role is not Role.KICKER), len(parts))
        if k == 0 or k == len(parts) or parts[k][0] is not Role.TITLE:
            continue
        kicker = "".join(line.text for _, line in parts[:k])
        number = _SPLIT_NUMBER.search(kicker) and parts[k][1].text[:1].isdigit()
        if not number and (not _names_a_place_only(kicker, rules) or _couplet_title(parts[k:])):
            continue
        out.extend(line for _, line in parts[:k])
        parts[:k] = [(Role.TITLE, line) for _, line in parts[:k]]
    return out


# What a caption or a pull quote starts with before its words (▲ ▶ and spaces).
QUOTE_MARKS = re.compile(r"^[^\w“‘《]+")


def titles_by_words(page: Page, lines: list[Line], confidence: dict[int, float]) -> list[tuple[Line, list[Line], float]]:
    """A headline whose title shares under ``max_slogan_title_share`` of its words with its
    story, while one of its other lines, or a furniture or caption line printed between it and
    the story, shares ``min_rescue_overlap``: that line is the title and the headline's other
    lines are a slogan or a label printed above it (深入学习贯彻党的二十大精神 over 矾山镇开展安全生产
    检查). Returns the new title, the lines set aside and its share, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "文明创建 我们在行动"))])
    >>> page = Page([run], [], [], [])
    >>> [(t.text, [x.text for x in old], share) for t, old, share in titles_by_words(page, [], {2: 0.3})]
    [('矾山镇开展安全生产检查', ['文明创建 我们在行动'], 1.0)]

    A quoted cry under its kicker is the title, though it shares no words:

    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "“安全大于天！”"))])
    >>> titles_by_words(page, [], {2: 0.3})
    []
    """
    index = {id(line): k for k, line in enumerate(lines)}
    out: list[tuple[Line, list[Line], float]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or run.absorbed or not run.has_body:
            continue
        parts = run.headline.parts
        title = "".join(line.text for role, line in parts if role is Role.TITLE)
        text = run.text
        if not title or _shares_with(title, text) >= SETTINGS.max_slogan_title_share:
            continue
        if _whole_quote(title):  # a quoted cry is the title, sharing no words: no slogan
            continue
        # its own kicker or subtitle only when the model was unsure of the title (a figurative
        # title under a plain kicker shares few words, and is sure)
        unsure = min(confidence.get(line.number, 1.0) for role, line in parts if role is Role.TITLE)
        candidates = [line for role, line in parts if role is not Role.TITLE
                      and unsure < SETTINGS.min_title_tail_confidence]
        last = max((index.get(id(line), -1) for _, line in parts), default=-1)
        if last >= 0 and run.first > last:
            # a line the story prints word for word is a quote from it (a pull quote), no title
            candidates += [page.aside[k] for k in range(last + 1, run.first) if k in page.aside
                           and QUOTE_MARKS.sub("", page.aside[k].text) not in text]
        scored = [(_shares_with(line.text, text), line) for line in candidates if could_be_title(line.text)]
        best = max(scored, key=lambda x: x[0], default=None)
        if best is None or best[0] < SETTINGS.min_rescue_overlap:
            continue
        share, line = best
        old = [x for _, x in parts if x is not line]
        run.headline = HeadGroup([(Role.TITLE, line)], claimed=True)
        page.furniture.extend(x.text for x in old)
        if line.text in page.furniture:
            page.furniture.remove(line.text)
        page.captions = [c for c in page.captions if c[0] != line.text]
        out.append((line, old, round(share, 3)))
    return out


def split_point(head: HeadGroup, lines: list[str]) -> int | None:
    """The paragraph start after which ``lines`` hold the headline's words and before which they
    do not; None when no cut tells them apart well enough."""
    grams = bigrams(head.text)
    if not grams or len(lines) < 2:
        return None
    best, best_score = None, SETTINGS.min_split_overlap
    for k in range(1, len(lines)):
        if not ends_sentence(lines[k - 1]):
            continue
        tail, front = "".join(lines[k:]), "".join(lines[:k])
        score = sum(1 for g in grams if g in tail and g not in front) / len(grams)
        if score >= best_score:  # of equal cuts the latest: the story before keeps its text
            best, best_score = k, score
    return best


def split_by_title(head: HeadGroup, run: TextRun) -> TextRun | None:
    """A title printed after two stories whose text ran together: cut the run at the paragraph
    start after which the text holds the title's words and before which it does not; the tail
    is the title's story. None when no cut tells them apart well enough."""
    lines = run.sections[-1][1]
    k = split_point(head, lines)
    if k is not None and run.headline is not None and len(run.sections) == 1:
        # whether to cut is the lone title's call; where, both headlines' (a common word of
        # the lower one in the upper story would pull the cut up to the first paragraph)
        k = shared_split_point(run.headline, head, lines) or k
    return None if k is None else cut_run(run, k)


def split_shared_run(head: HeadGroup, run: TextRun) -> TextRun | None:
    """A headline printed above a story that the headline below the story took: when the story
    is two stories run together, the second's title printed after it, cut it between them. The
    tail (the other headline's story) is returned."""
    if run.headline is None or len(run.sections) > 1:
        return None
    k = shared_split_point(head, run.headline, run.sections[-1][1])
    return None if k is None else cut_run(run, k)


def pair_headlines(page: Page) -> list[Line]:
    """Give each headline group its story (``best_pairing``); a group that heads none heads the
    story before it when that story's headline is a pull quote (``_quoted_before``), else splits
    the story before it where its words begin, joins the next group (a kicker printed apart), heads
    the story its words say (``far_run``, ``quoted_head_run``), or is left for the editor.
    Returns the lines of headlines found to be pull quotes (now captions), for the report."""
    items = page.items
    displaced: list[Line] = []
    for k in best_pairing(items):
        head, run = (items[k], items[k + 1]) if isinstance(items[k], HeadGroup) else (items[k + 1], items[k])
        assert isinstance(head, HeadGroup) and isinstance(run, TextRun)
        run.headline = head
        head.claimed = True
    k = 0
    while k < len(items):
        item = items[k]
        k += 1
        if not isinstance(item, HeadGroup) or item.claimed:
            continue
        after = items[k] if k < len(items) else None
        taken = _parted_head_run(item, after, items)
        if taken is not None:
            # two stories' headlines side by side, parted by the line stage: the story under
            # them is the left one's when it shares more of its words; the right one is freed
            # and finds its own story further on
            assert isinstance(after, HeadGroup)
            taken.headline, item.claimed, after.claimed = item, True, False
            continue
        if isinstance(after, TextRun) and k + 1 < len(items) and after.headline is items[k + 1]:
            tail = split_shared_run(item, after)
            if tail is not None:
                tail.headline, after.headline = after.headline, item
                item.claimed = True
                items.insert(k + 1, tail)
                continue
        before = items[k - 2] if k >= 2 else None
        quoted = _quoted_before(item, before)
        if quoted is not None and quoted.headline is not None:
            page.captions.extend((line.text, k - 1) for _, line in quoted.headline.parts)
            displaced.extend(line for _, line in quoted.headline.parts)
            quoted.headline = item
            item.claimed = True
            continue
        tail = split_by_title(item, before) if isinstance(before, TextRun) and before.has_body else None
        if tail is not None:
            tail.headline = item
            item.claimed = True
            items.insert(k - 1, tail)
            k += 1
            continue
        after = items[k] if k < len(items) else None
        # a headline the line stage parted off a row shared with this one is another story's:
        # this one is no part of it (left over, far_splits may cut its story out of the text)
        joins = orphan_joins(item, after, items) if isinstance(after, HeadGroup) \
            and not (SETTINGS.parted_heads_apart and after.parts and after.parts[0][1].head_start) else None
        if isinstance(after, HeadGroup) and joins is not None:
            after.parts[:0] = [(joins if r is Role.TITLE else r, line) for r, line in item.parts]
            item.claimed = True
        else:
            far = far_run(item, items)
            quoted = quoted_head_run(item, items) if far is None else None
            if quoted is not None and quoted.headline is not None:
                # its headline was a pull quote: a photo caption beside the story (the late
                # title heads it now)
                before = items.index(quoted) + 1
                page.captions.extend((line.text, before) for _, line in quoted.headline.parts)
                displaced.extend(line for _, line in quoted.headline.parts)
                far = quoted
            if far is not None:
                far.headline = item
                item.claimed = True
            else:
                page.leftovers.extend(line.text for _, line in item.parts)
                page.orphans.append(item)
    return displaced


def _quoted_before(head: HeadGroup, before: HeadGroup | TextRun | None) -> TextRun | None:
    """The story right before a lone headline, when its own headline is made of whole clauses of
    its text (a pull quote read as its title) and it uses ``min_far_title_overlap`` of the lone
    headline's words: the lone one is its title printed after it, not a second story's. A
    clause of the story's first sentence is no pull quote here: a real title often repeats
    the story's lead word for word (江陵县召开…推进会 / 9月11日上午，江陵县召开…推进会。)."""
    if not isinstance(before, TextRun) or before.headline is None or not before.has_body:
        return None
    if similarity(head, before) < SETTINGS.min_far_title_overlap:
        return None
    text = before.text
    lead = re.match(r"[^。！？]*[。！？]?", text)
    rest = text[lead.end():] if lead else text
    if all(is_pull_quote(line.text, rest) and line.text.strip() not in text[:len(text) - len(rest)]
           for _, line in before.headline.parts):
        return before
    return None


def _parted_head_run(head: HeadGroup, after: HeadGroup | TextRun | None,
                     items: list[HeadGroup | TextRun]) -> TextRun | None:
    """The story of the headline right after a lone one, when the line stage parted that
    headline off a row it shared with this one (``Line.head_start``: two stories' headlines
    side by side) and the story uses more of this one's words."""
    if not isinstance(after, HeadGroup) or not after.parts or not after.parts[0][1].head_start:
        return None
    run = next((x for x in items if isinstance(x, TextRun) and x.headline is after), None)
    if run is None or similarity(head, run) <= similarity(after, run):
        return None
    return run


def orphan_joins(orphan: HeadGroup, after: HeadGroup, items: list[HeadGroup | TextRun]) -> Role | None:
    """How a headline that heads no story joins the headline printed after it: as its kicker (a
    kicker printed apart), as the first half of its title when the story under it uses
    ``min_orphan_title_share`` of its words (a title broken over two groups), or not at all
    when another story uses more of its words than that story, at least
    ``min_far_title_overlap`` (another story's title, read out of place).

    >>> run = TextRun(fresh=True, sections=[(None, ["市人大常委会副主任带队到我县调研人大工作。"])])
    >>> other = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> after = HeadGroup([(Role.TITLE, Line(2, "", "我县调研人大工作"))])
    >>> run.headline = after
    >>> items = [HeadGroup([(Role.TITLE, Line(1, "", "市人大常委会副主任带队到"))]), after, run, other]
    >>> orphan_joins(items[0], after, items)
    <Role.TITLE: 'title'>
    >>> orphan_joins(HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查"))]), after, items) is None
    True
    >>> orphan_joins(HeadGroup([(Role.TITLE, Line(1, "", "创城进行时"))]), after, items)
    <Role.KICKER: 'kicker'>
    """
    runs = [x for x in items if isinstance(x, TextRun) and x.has_body and not x.absorbed]
    own = next((x for x in runs if x.headline is after), None)
    own_share = similarity(orphan, own) if own is not None else 0.0
    other_share = max((similarity(orphan, x) for x in runs if x is not own), default=0.0)
    if other_share > own_share and other_share >= SETTINGS.min_far_title_overlap:
        return None
    if own is not None and own_share >= SETTINGS.min_orphan_title_share:
        return Role.TITLE
    return Role.KICKER


def far_run(head: HeadGroup, items: list[HeadGroup | TextRun]) -> TextRun | None:
    """The untitled story anywhere on the page that shares the most of a lone headline's words,
    when it shares at least ``min_far_title_overlap`` (a PDF tool may read a headline's block
    far from its story)."""
    runs = [x for x in items if isinstance(x, TextRun) and x.headline is None and x.fresh and x.has_body]
    best = max(runs, key=lambda run: similarity(head, run), default=None)
    if best is None or similarity(head, best) < SETTINGS.min_far_title_overlap:
        return None
    return best


def quoted_head_run(head: HeadGroup, items: list[HeadGroup | TextRun]) -> TextRun | None:
    """The story that shares the most of a lone headline's words, at least
    ``min_far_title_overlap``, when the headline it has is made of whole clauses of its text (a
    pull quote or a photo caption repeating a sentence, read as a title while the real title
    was printed after the story).

    >>> run = TextRun(fresh=True, sections=[(None, ["日前，前锋区开展农贸市场整治，市场管理水平显著提升。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "市场管理水平显著提升"))])
    >>> late = HeadGroup([(Role.TITLE, Line(9, "", "前锋区整治农贸市场"))])
    >>> quoted_head_run(late, [run, late]) is run
    True
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "农贸市场焕新颜"))])
    >>> quoted_head_run(late, [run, late]) is None
    True
    """
    runs = [x for x in items if isinstance(x, TextRun) and x.has_body and not x.absorbed]
    best = max(runs, key=lambda run: similarity(head, run), default=None)
    if best is None or best.headline is None or similarity(head, best) < SETTINGS.min_far_title_overlap:
        return None
    text = best.text
    if all(is_pull_quote(line.text, text) for _, line in best.headline.parts):
        return best
    return None


# A run with more paragraph breaks than this is not searched for a resumed story: real stories
# have a few dozen paragraphs, and the search compares every break (a 5 MB page stays linear).
MAX_RESUME_BREAKS = 80


def _resume_cut(run: TextRun, earlier: list[frozenset[str]]) -> int | None:
    """The paragraph break of the run's last section after which its text is most an earlier
    story's rather than its own, by at least ``resume_margin``; None if there is none."""
    lines = run.sections[-1][1]
    breaks = [k for k in range(1, len(lines)) if ends_sentence(lines[k - 1])]
    if not breaks or len(breaks) > MAX_RESUME_BREAKS:
        return None
    # bigram sets grown line by line (the grams across a line break are left out: cheap, and
    # the same for every cut)
    grams = [bigrams(t) for t in lines]
    wanted = set(breaks)
    own, own_at = set(bigrams((run.headline.text if run.headline else "")
                              + "".join(t for _, ls in run.sections[:-1] for t in ls))), {}
    for k in range(1, len(lines)):
        own |= grams[k - 1]
        if k in wanted:
            own_at[k] = frozenset(own)
    tail, tails = set(), {}
    for k in range(len(lines) - 1, 0, -1):
        tail |= grams[k]
        if k in wanted:
            tails[k] = frozenset(tail)
    best, best_score = None, SETTINGS.resume_margin
    for k in breaks:
        score = max(cosine(tails[k], e) for e in earlier) - cosine(tails[k], own_at[k])
        if score > best_score:
            best, best_score = k, score
    return best


# What prose or a headline's clauses hold and a masthead, a date or an issue number does not.
_PROSE_MARK = re.compile(r"[。！？，、：；“”‘’《》,;:]")


def stories_without_text(page: Page) -> list[tuple[HeadGroup, list[int]]]:
    """A headline over "text" that is no story: fewer than ``min_story_chars`` characters and
    no mark of prose, not even a comma or a quote (今日宝丰 / 第5001期 / 2020-01-31星期五, a
    masthead PyMuPDF printed after a headline it drew at the page's top), or at most
    ``max_text_shard_chars`` characters (a sentence's end, 候。). The text is page furniture
    (a shard of text goes to the editor) and the headline is left over, for the passes after
    to give to its story. Returns each headline with the numbers
    of the lines set aside, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["今日宝丰", "第5001期", "2020-01-31星期五"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "永兴：新学期新气象书香漫校园"))])
    >>> run.numbers = [2, 3, 4]
    >>> brief = TextRun(fresh=True, sections=[(None, ["县里召开会议，部署工作。"])])
    >>> brief.headline = HeadGroup([(Role.TITLE, Line(5, "", "县里召开会议"))])
    >>> page = Page([run, brief], [], [], [])
    >>> [(h.text, ns) for h, ns in stories_without_text(page)], run.has_body, page.leftovers
    ([('永兴：新学期新气象书香漫校园', [2, 3, 4])], False, ['永兴：新学期新气象书香漫校园'])

    A sentence's end under a headline (…的问 / 候。), a shard of another story's text:

    >>> shard = TextRun(fresh=True, sections=[(None, ["候。"])], numbers=[9])
    >>> shard.headline = HeadGroup([(Role.TITLE, Line(8, "", "新晃：800余名教师喜获教师节各项表彰"))])
    >>> page = Page([shard], [], [], [])
    >>> [(h.text, ns) for h, ns in stories_without_text(page)], page.leftovers[0], page.furniture
    ([('新晃：800余名教师喜获教师节各项表彰', [9])], '候。', [])
    """
    out: list[tuple[HeadGroup, list[int]]] = []
    for run in page.items:
        if (not isinstance(run, TextRun) or run.absorbed or run.headline is None or not run.has_body
                or len(run.sections) != 1 or run.bylines or run.credit_lines):
            continue
        text = run.text.replace(" ", "")
        # or a sentence's last few characters (…的问 / 候。): a shard of another story's text
        shard = cjk_count(text) <= SETTINGS.max_text_shard_chars
        if not shard and (len(text) >= SETTINGS.min_story_chars or _PROSE_MARK.search(text)):
            continue
        heading, text_lines = run.sections[0]
        aside = page.leftovers if shard else page.furniture  # a shard of text: the editor's
        aside.extend([heading, *text_lines] if heading else text_lines)  # nothing lost
        out.append((run.headline, list(run.numbers)))
        page.orphans.append(run.headline)
        page.leftovers.extend(line.text for _, line in run.headline.parts)
        run.headline, run.sections, run.numbers = None, [(None, [])], []
    return out


def resumes_after_insets(page: Page, rules: Rules) -> list[tuple[int, float]]:
    """A story still untitled at the end, opening with no credit or dateline, printed right
    after a story its credit closed (a short story set inside a long one), goes on the titled
    story before that inset when nothing closed that story and the two share at least
    ``min_untitled_join_similarity`` of the smaller one's words, more than with the inset.
    Returns its first line number and the share, for the report.

    >>> from civicnews.rules import load_rules
    >>> host = TextRun(fresh=True, sections=[(None, ["乐山市政协主席率队到我县考察调研。"])])
    >>> host.headline = HeadGroup([(Role.TITLE, Line(4, "", "乐山市政协来我县考察调研"))])
    >>> inset = TextRun(fresh=True, sections=[(None, ["贵州乡村振兴，村寨有了新变化。"])], bylines=["作者 周远钢"], closed=True)
    >>> inset.headline = HeadGroup([(Role.TITLE, Line(27, "", "村寨有了新变化"))])
    >>> rest = TextRun(fresh=True, sections=[(None, ["考察组走进协商议事室，乐山市政协考察组表示赞扬。"])], numbers=[29])
    >>> page = Page([host, inset, rest], [], [], [])
    >>> resumes_after_insets(page, load_rules()), rest.absorbed, len(host.sections)
    ([(29, 0.333)], True, 2)
    """
    out: list[tuple[int, float]] = []
    runs = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    for k in range(2, len(runs)):
        host, inset, run = runs[k - 2], runs[k - 1], runs[k]
        if (run.headline is not None or run.credit_lines or not run.fresh or host.headline is None
                or host.closed or not (inset.closed and inset.bylines) or inset.headline is None):
            continue
        first = next((lines[0] for _, lines in run.sections if lines), "")
        if credits.opens_with_dateline(first, rules):
            continue
        grams = bigrams(run.text)
        share = containment(grams, bigrams(host.text))
        if share < SETTINGS.min_untitled_join_similarity or share <= containment(grams, bigrams(inset.text)):
            continue
        host.sections.extend(run.sections)
        host.numbers.extend(run.numbers)
        host.bylines.extend(run.bylines)
        host.continued_to = host.continued_to or run.continued_to
        host.closed, run.absorbed = run.closed, True
        if run.numbers:
            out.append((run.numbers[0], round(share, 3)))
    return out


def split_resumed(page: Page) -> None:
    """Cut a story's text where an earlier story resumes in it (a brief printed inside a long
    story, its text run on into the long one's): the tail goes on as a continuation, for
    ``join_continuations`` to join to the story it shares most words with."""
    items = page.items
    k = 0
    while k < len(items):
        run = items[k]
        k += 1
        if not isinstance(run, TextRun) or not run.has_body:
            continue
        runs = [x for x in items[:k - 1] if isinstance(x, TextRun) and x.has_body]
        earlier = [bigrams(r.text) for r in runs[-SETTINGS.continuation_window:]
                   if not (r.closed and r.bylines)]
        if not earlier:
            continue
        cut = _resume_cut(run, earlier)
        if cut is None:
            continue
        subhead, lines = run.sections[-1]
        tail = TextRun(fresh=False, sections=[(None, lines[cut:])], bylines=run.bylines,
                       continued_to=run.continued_to, closed=run.closed, last=run.last)
        cut_numbers = len(run.numbers) - (len(lines) - cut)
        tail.numbers, run.numbers = run.numbers[cut_numbers:], run.numbers[:cut_numbers]
        run.sections[-1] = (subhead, lines[:cut])
        run.bylines, run.continued_to, run.closed = [], None, False
        items.insert(k, tail)
        k += 1


def _closes_then_goes_on(run: TextRun, rules: Rules) -> bool:
    """A run with a story's closing credit (……活动。（作者 卫琦）) on a line before its last: a
    story of its own printed inside another, whose text goes on after it.

    >>> from civicnews.rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["植树活动。（作者 卫琦）", "期间，考察组参观了博物馆。"])])
    >>> _closes_then_goes_on(run, load_rules())
    True
    >>> run.sections = [(None, ["期间，考察组参观了博物馆。", "植树活动。（作者 卫琦）"])]
    >>> _closes_then_goes_on(run, load_rules())
    False
    """
    lines = [t for _, ts in run.sections for t in ts]
    return any(credits.split_trailing_credit(t, rules)[1] for t in lines[:-1])


def demote_subheads(page: Page, rules: Rules) -> list[tuple[Line, float]]:
    """A one-part title heading an uncredited run whose text goes on the story printed right
    before it (cosine of their bigram sets at least ``min_subhead_similarity``, or
    ``min_begun_subhead_similarity`` when the run opens like a story: read as a story's first
    line and opening with a lead word or a date, its title not the opening words of a later
    paragraph) is a subhead of that story: the run goes on it, unless the title opens with a place the run names and that story never
    does (``new_place``), or the run opens with a dateline (本报讯（记者 X）…, when
    ``dateline_runs_keep_titles``): a dateline opens a story, never a section of one. Returns
    the demoted lines and the cosine, for the report.

    >>> from civicnews.rules import load_rules
    >>> def page(first: str) -> Page:
    ...     text = "盐城两县城十乡镇获评国家卫生县城"
    ...     head = HeadGroup([(Role.TITLE, Line(2, text, text))])
    ...     before = TextRun(fresh=True, sections=[(None, ["国家卫生城市每3年复审考核一次，盐城两县城十乡镇获评。"])])
    ...     run = TextRun(fresh=True, headline=head, sections=[(None, [first])])
    ...     return Page(items=[before, head, run], furniture=[], captions=[], leftovers=[])
    >>> [line.text for line, _ in demote_subheads(page("盐城两县城十乡镇获评国家卫生县城，复审考核一次。"), load_rules())]
    ['盐城两县城十乡镇获评国家卫生县城']
    >>> demote_subheads(page("本报讯（记者 张勇）盐城两县城十乡镇获评国家卫生县城，复审考核一次。"), load_rules())
    []

    The page's first story, untitled, takes the title as its own (its lead printed over it,
    ``lead_takes_late_title``); a story with a headline takes it as a subhead.

    >>> p = page("盐城两县城十乡镇获评国家卫生县城，复审考核一次。")
    >>> _ = demote_subheads(p, load_rules()); p.items[0].headline is p.items[1], p.items[0].sections[-1][0]
    (True, None)
    >>> p = page("盐城两县城十乡镇获评国家卫生县城，复审考核一次。")
    >>> p.items[0].headline = HeadGroup([(Role.TITLE, Line(0, "", "国家卫生城市复审"))])
    >>> _ = demote_subheads(p, load_rules()); p.items[0].sections[-1][0]
    '盐城两县城十乡镇获评国家卫生县城'
    """
    items, out = page.items, []
    host: dict[int, TextRun] = {}  # a run merged here → the story it went on
    for k in range(1, len(items) - 1):
        before, head, run = items[k - 1], items[k], items[k + 1]
        if not (isinstance(head, HeadGroup) and isinstance(before, TextRun) and isinstance(run, TextRun)):
            continue
        before = host.get(id(before), before)  # a story with two such subheads
        if (run.headline is not head or len(head.parts) != 1 or head.parts[0][0] is not Role.TITLE
                or run.credit_lines or before.absorbed or not before.has_body or before.bylines
                or before.headline is head or not run.has_body):
            continue
        if new_place(head.parts[0][1].text, before.text, run.text):
            continue  # it opens with a place its text names and the story before never does
        first = next((lines[0] for _, lines in run.sections if lines), "")
        if SETTINGS.dateline_runs_keep_titles and credits.opens_with_dateline(first, rules):
            continue
        if SETTINGS.closed_runs_keep_titles and _closes_then_goes_on(run, rules):
            continue
        score = cosine(bigrams(run.text), bigrams(before.text))
        # 6月25日，… read as a story's first line, unless the title is the opening words of a
        # later paragraph of the run (作为直接服务群众的 / …。作为直接服务群众的“前沿阵地”，…): a
        # subhead or pull quote of the story, which went on under it
        opens = run.begun and opens_story(first) and not _opens_a_sentence(
            head.parts[0][1].text, run.text[len(first):])
        if score < (SETTINGS.min_begun_subhead_similarity if opens else SETTINGS.min_subhead_similarity):
            continue
        (_, line), = head.parts
        first_head, first_lines = run.sections[0]
        if SETTINGS.lead_takes_late_title and before.headline is None and not any(
                isinstance(x, HeadGroup) for x in items[:k - 1]):
            # the page's first story, untitled, its lead printed over the title: the title is
            # its own (通海县坚持… / 通海推进农村改厕工作 / “‘厕所革命’是…)
            before.headline = head
            before.sections.extend(run.sections)
            before.numbers.extend(run.numbers)
        else:
            before.sections.append((line.text, first_lines) if first_head is None else (line.text, []))
            before.sections.extend(run.sections[1:] if first_head is None else run.sections)
            before.numbers.extend([*line.lines, *run.numbers])
        before.bylines.extend(run.bylines)
        before.continued_to = before.continued_to or run.continued_to
        before.closed, before.last = run.closed, run.last
        run.absorbed, run.headline = True, None
        host[id(run)] = before
        out.append((line, round(score, 3)))
    return out


def _sentence_tail(text: str, before: str) -> bool:
    """Text that goes on a sentence begun in ``before``: it opens on a particle, on a clause of
    one or two characters (明、许明参加督办。), or with a word running on from ``before``.

    >>> _sentence_tail("明、许明参加督办。", "市领导易卫斌、王磊、陈晓"), _sentence_tail("的服务网络。", "")
    (True, True)
    >>> _sentence_tail("岁末寒冬，年味渐浓。", "美丽宜居迎新春"), _sentence_tail("6月25日，绿园区调研。", "")
    (False, False)
    >>> _sentence_tail("日前，开发区召开学习会。", "实干在岗位")
    False
    """
    text = text.strip()
    if not text or opens_story(text):
        return False  # 日前，… opens a sentence
    clause = re.match(r"[^，、；。！？,;]*[，、；,;]", text)
    return (text[0] in _TAIL_OPENERS or (clause is not None and len(clause.group()) <= 3)
            or spans_a_word(before, text))


def tails_read_as_stories(page: Page) -> list[tuple[HeadGroup, TextRun]]:
    """A story of a title alone and a few words (under ``min_story_chars``, no credit) whose
    words go on the title's sentence (``_sentence_tail``: 市领导易卫斌、王磊、陈晓 / 明、许明参加督办。)
    is the last sentence of the story before it, broken where a PDF tool broke it: the title's
    lines and the words go on that story. Returns each dissolved headline and the story it went
    on, for the report.

    >>> before = TextRun(fresh=True, sections=[(None, ["持续优化营商环境。"])])
    >>> run = TextRun(fresh=True, sections=[(None, ["明、许明参加督办。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(9, "", "市领导易卫斌、王磊、陈晓", lines=(9,)))])
    >>> page = Page([before, run.headline, run], [], [], [])
    >>> [h.text for h, _ in tails_read_as_stories(page)], before.text, run.absorbed
    (['市领导易卫斌、王磊、陈晓'], '持续优化营商环境。市领导易卫斌、王磊、陈晓明、许明参加督办。', True)
    """
    out: list[tuple[HeadGroup, TextRun]] = []
    items = page.items
    for k in range(2, len(items)):
        before, head, run = items[k - 2], items[k - 1], items[k]
        if not (isinstance(before, TextRun) and isinstance(head, HeadGroup) and isinstance(run, TextRun)):
            continue
        if (run.headline is not head or run.absorbed or before.absorbed or not before.has_body or before.closed
                or before.bylines or run.credit_lines or run.bylines or len(run.sections) != 1
                or any(role is not Role.TITLE for role, _ in head.parts)):
            continue
        text = run.text.replace(" ", "")
        if not text or len(text) >= SETTINGS.min_story_chars or not _sentence_tail(text, head.parts[-1][1].text):
            continue
        last = next(lines for _, lines in reversed(before.sections) if lines)
        last.extend([*(line.text for _, line in head.parts), *run.sections[0][1]])
        before.numbers.extend([*(n for _, line in head.parts for n in line.lines), *run.numbers])
        before.closed, before.last = run.closed, run.last
        run.absorbed, run.headline = True, None
        head.claimed = True
        out.append((head, before))
    return out


def headed_resumes(page: Page) -> list[tuple[int, float, float]]:
    """A run that begins no story (its first line read as text after another story's credit)
    but took a headline printed after it goes on the earlier untitled story, unclosed, that
    uses more of the headline's words than it does, when the two share
    ``min_untitled_join_similarity`` of the smaller one's words; that story takes the headline.
    PyMuPDF prints a story's last column after the next story and its headline at the page's
    foot, where the last column takes it. Returns the first line number of each run joined and
    the headline's share of words in it and in the story it joins, for the report.

    >>> lead = TextRun(fresh=True, sections=[(None, ["长春市绿园区委书记调研农村人居环境整治和乡村振兴项目。"])])
    >>> other = TextRun(fresh=True, sections=[(None, ["宝清县召开秸秆禁烧会议。"])], closed=True, bylines=["来源：王双"])
    >>> tail = TextRun(fresh=False, sections=[(None, ["在调研乡村振兴项目时，区委书记强调加快项目建设。"])])
    >>> tail.headline = HeadGroup([(Role.TITLE, Line(9, "", "长春绿园：调研农村人居环境整治促乡村振兴建设"))])
    >>> tail.numbers = [29]
    >>> page = Page([lead, other, tail], [], [], [])
    >>> headed_resumes(page), tail.absorbed, lead.headline.text
    ([(29, 0.25, 0.7)], True, '长春绿园：调研农村人居环境整治促乡村振兴建设')
    """
    runs = [x for x in page.items if isinstance(x, TextRun)]
    out: list[tuple[int, float, float]] = []
    for k, run in enumerate(runs):
        if run.headline is None or run.fresh or run.begun or run.absorbed or not run.has_body:
            continue
        own = similarity(run.headline, run)
        grams = bigrams(run.text)
        hosts = [r for r in runs[:k] if r.headline is None and not r.absorbed and not r.closed and r.has_body
                 and similarity(run.headline, r) > own
                 and containment(grams, bigrams(r.text)) >= SETTINGS.min_untitled_join_similarity]
        if not hosts:
            continue
        host = max(hosts, key=lambda r: similarity(run.headline, r))
        out.append((run.numbers[0] if run.numbers else -1, round(own, 2), round(similarity(run.headline, host), 2)))
        host.headline, run.headline = run.headline, None
        host.sections.extend(run.sections)
        host.numbers.extend(run.numbers)
        host.bylines.extend(run.bylines)
        host.closed = run.closed
        host.continued_to = host.continued_to or run.continued_to
        run.absorbed = True
    return out


def leads_of_later_stories(page: Page) -> list[tuple[int, float]]:
    """An untitled, unclosed story right before a story whose headline is printed after its
    text is that story's lead when the two share ``min_untitled_join_similarity`` of the smaller
    one's words (``containment``): PyMuPDF prints a headline at the page's foot, and a photo
    caption between a story's first paragraph and the rest cuts it in two, the headline going
    with the second part. The lead goes before the story's text. Returns the first line number
    of each lead joined and the share, for the report.

    >>> lead = TextRun(fresh=True, sections=[(None, ["“没想到下班了还能办业务，”马先生说。"])], numbers=[5])
    >>> rest = TextRun(fresh=True, sections=[(None, ["12月1日，马先生赶到政务服务中心办业务，下班了还能办。"])],
    ...                numbers=[10])
    >>> rest.headline = HeadGroup([(Role.TITLE, Line(70, "", "延时服务不打烊 为民办事暖心田"))])
    >>> page = Page([lead, rest], [], [], [])
    >>> leads_of_later_stories(page), lead.absorbed, rest.text[:4]
    ([(5, 0.64)], True, '“没想到')
    """
    items = page.items
    out: list[tuple[int, float]] = []
    for k in range(len(items) - 1):
        lead, run = items[k], items[k + 1]
        if not (isinstance(lead, TextRun) and isinstance(run, TextRun) and lead.headline is None
                and not lead.absorbed and not lead.closed and lead.has_body and not lead.bylines
                and run.headline is not None and not run.absorbed and run.numbers
                and min(line.number for _, line in run.headline.parts) > max(run.numbers)):
            continue
        share = containment(bigrams(lead.text), bigrams(run.text))
        if share < SETTINGS.min_untitled_join_similarity:
            continue
        out.append((lead.numbers[0] if lead.numbers else -1, round(share, 2)))
        run.sections = [*lead.sections, *run.sections]
        run.numbers = [*lead.numbers, *run.numbers]
        run.credit_lines = [*lead.credit_lines, *run.credit_lines]
        lead.absorbed = True
    return out


def _credited_stub(prev: TextRun, run: TextRun, first: str) -> bool:
    """A titled story with its credit printed under the headline and under
    ``max_credited_stub_chars`` of text (a row read across columns), before an untitled
    opening with no credit line and a dateline naming no one (本报讯 连日来，…): that opening
    is the story's own (its credit is the one under the headline), not a new story's.

    >>> stub = TextRun(fresh=True, credit_lines=["融媒体中心记者 张丹"], sections=[(None, ["清理沟渠6.8公里。"])])
    >>> stub.headline = HeadGroup([(Role.TITLE, Line(1, "", "开展人居环境整治"))])
    >>> run = TextRun(fresh=True)
    >>> _credited_stub(stub, run, "本报讯 连日来，万灵镇"), _credited_stub(stub, run, "本报讯（记者 王明）连日来")
    (True, False)
    >>> _credited_stub(stub, TextRun(fresh=True, credit_lines=["作者 卫琦"]), "本报讯 春回大地")
    False
    """
    bare = re.sub(r"^\S*讯\s*", "", first)
    return (prev.headline is not None and bool(prev.credit_lines) and not run.credit_lines
            and not bare.startswith(("（", "(")) and len(prev.text) < SETTINGS.max_credited_stub_chars)


def join_continuations(page: Page, rules: Rules) -> list[tuple[int, float]]:
    """A run that is no story's beginning goes on the earlier story it shares most words with;
    so does a story's opening with no headline right after a story nothing closed, when the
    two share ``min_untitled_join_similarity`` of the smaller one's words (``containment``: a
    paragraph that opens with a date after a photo caption or the story's short lead, read as
    a new story). A headline printed between the two closes the story before (its title
    after its body; not when its first lines were read as a title, ``Page.lifted_openings``),
    and an opening with a dateline (本报讯…) is a story's own. Returns the first line number of
    each such opening joined and the share, for the report.

    >>> from civicnews.rules import load_rules
    >>> lead = TextRun(fresh=True, sections=[(None, ["深秋的常德，文明城市建设迎来测评。"])])
    >>> def page_of(first: str) -> Page:
    ...     rest = TextRun(fresh=True, sections=[(None, [first + "常德市民文明城市建设，测评迎来好评。"])])
    ...     return Page(items=[HeadGroup([(Role.TITLE, Line(1, "", "常德探索文明城市建设"))]), lead, rest],
    ...                 furniture=[], captions=[], leftovers=[])
    >>> page = page_of("近日，")
    >>> page.items[1].headline = page.items[0]
    >>> join_continuations(page, load_rules()), page.items[2].absorbed
    ([], True)
    >>> page = page_of("本报讯 近日，")
    >>> page.items[1].headline = page.items[0]
    >>> join_continuations(page, load_rules()), page.items[2].absorbed
    ([], False)
    >>> page = page_of("近日，")  # a headline printed after the lead: its title, closing it
    >>> page.items.insert(2, HeadGroup([(Role.TITLE, Line(5, "", "文明之火点亮市民心灯"))]))
    >>> join_continuations(page, load_rules()), page.items[3].absorbed
    ([], False)

    Unless the lead's first line was read as a title (``Page.lifted_openings``): the story's
    first lines printed over its own headline, the rest under it.

    >>> page.items[1].headline, page.items[1].numbers, page.lifted_openings = page.items[2], [3], {3}
    >>> page.items[3].numbers = [6]
    >>> join_continuations(page, load_rules()), page.items[3].absorbed
    ([(6, 1.0)], True)
    """
    runs = [x for x in page.items if isinstance(x, TextRun)]
    at = {id(x): k for k, x in enumerate(page.items)}
    out: list[tuple[int, float]] = []
    for k, run in enumerate(runs):
        if run.headline is not None or run.absorbed or k == 0:
            continue
        if run.fresh:
            prev = runs[k - 1]
            # a headline between closes the story before, unless it is that story's own and the
            # story's first lines were read as a title (printed over the headline): the text
            # after the headline goes on them
            lifted = bool(prev.numbers) and prev.numbers[0] in page.lifted_openings
            headed = any(isinstance(x, HeadGroup) and not (lifted and x is prev.headline)
                         for x in page.items[at[id(prev)] + 1:at[id(run)]])
            first = next((lines[0] for _, lines in run.sections if lines), "")
            share = containment(bigrams(run.text), bigrams(prev.text))
            # a credited stub's own opening needs no shared words: a row across columns holds
            # words of the stories beside it
            stub = _credited_stub(prev, run, first)
            dated = credits.opens_with_dateline(first, rules) and not stub
            if (prev.absorbed or prev.closed or not prev.has_body or headed
                    or dated or (share < SETTINGS.min_untitled_join_similarity and not stub)):
                continue
            if run.numbers:
                out.append((run.numbers[0], share))
        grams = bigrams(run.text)
        earlier = runs[max(0, k - SETTINGS.continuation_window): k]
        candidates = [r for r in earlier if not r.absorbed and not (r.closed and r.bylines)]
        if not candidates:
            continue
        host = prev if run.fresh else max(reversed(candidates), key=lambda r: cosine(grams, bigrams(r.text)))
        host.sections.extend(run.sections)
        host.numbers.extend(run.numbers)
        host.bylines.extend(run.bylines)
        page.leftovers.extend(run.credit_lines)  # a credit inside a story: the editor decides
        host.continued_to = host.continued_to or run.continued_to
        run.absorbed = True
    return out


def _finished(text: str, rules: Rules) -> bool:
    """A line that ends a sentence, or a sentence and its credit in brackets (…贡献。（记者 张勇峰）).

    >>> from .rules import load_rules
    >>> [_finished(t, load_rules()) for t in ("作出新的贡献。（全媒体记者 张勇峰）", "获评国家卫生县城（乡镇）")]
    [True, False]
    """
    if ends_sentence(text):
        return True
    rest, credit = credits.split_trailing_credit(text, rules)
    return credit is not None and ends_sentence(rest)


def _own_tail(run: TextRun, lines: list[Line], page: Page, rules: Rules) -> list[int]:
    """Indices of the lines that end this run after its last finished sentence, when there are
    at most ``rescue_tail_lines`` of them and text before them, or else its last line alone when
    a blank line parts it from the text above: a headline printed after its story and read as
    text. Empty when the run ends on a finished sentence."""
    body = run.sections[-1][1]
    tail: list[int] = []
    k = run.last
    while k >= run.first and len(tail) < len(body):
        if lines[k].text and k not in page.aside:
            if _ends_text(lines[k], rules) or lines[k].text != body[-1 - len(tail)]:
                break
            tail.append(k)
        k -= 1
    if not tail or len(tail) >= len(body):
        return []
    if len(tail) <= SETTINGS.rescue_tail_lines and lines[k].text == body[-1 - len(tail)] and _ends_text(lines[k], rules):
        return tail[::-1]
    # a last line printed apart (a blank line above it) after a sentence left unfinished
    return [run.last] if tail[0] == run.last and lines[run.last].gap_before > 0 else []


def _ends_text(line: Line, rules: Rules) -> bool:
    """A line after which a story's text on this page is done: a finished sentence, or a jump
    to another page (下转4版) cut out of it."""
    return line.continued_to is not None or _finished(line.text, rules)


def _above_credit(run: TextRun, lines: list[Line]) -> int:
    """The index of the line right above the run, above its own credit lines (本报讯（记者 X）
    printed over its first text line): a headline stands over the credit, not between the
    credit and the text. -1 when there is none."""
    credit = set(run.credit_lines)
    k = run.first - 1
    while k >= 0 and (not lines[k].text or lines[k].text in credit):
        k -= 1
    return k


def _title_candidates(run: TextRun, lines: list[Line], page: Page, rules: Rules) -> list[tuple[int, ...]]:
    """Lines a missed title of this run could be: the furniture or caption lines printed right
    before it (above its credit) or after it (up to ``rescue_reach`` of them in a row, each
    alone), and its own last lines when they stand after its last finished sentence
    (``_own_tail``)."""
    out: list[tuple[int, ...]] = []
    for ks in (range(_above_credit(run, lines), -1, -1), range(run.last + 1, len(lines))):
        # the furniture and caption lines printed next to it, up to the first other line
        near = [k for k in ks if lines[k].text][:SETTINGS.rescue_reach]
        aside = []
        for k in near:
            if k not in page.aside:
                break
            aside.append(k)
        # two of them printed against each other as one phrase broken inside a word (宝清县夹信 /
        # 子镇秸杆禁烧管控进行时): one title, tried first so that it wins a tie with its halves
        pair = sorted(aside[:2])
        if len(pair) == 2 and touching(lines[pair[0]], lines[pair[1]]) and _one_phrase(lines[pair[0]].text, lines[pair[1]].text):
            out.append(tuple(pair))
        out.extend((k,) for k in aside)
    tail = _own_tail(run, lines, page, rules)
    if tail:
        out.append(tuple(tail))
    head = _own_head(run, lines, page, rules)
    if head:
        out.append(tuple(head))
    elif _wide_head(run, lines):
        out.append((run.first,))
    return out


def _wide_head(run: TextRun, lines: list[Line]) -> bool:
    """The run's first line is set wider than the text under it (``measure_changes``' ratio
    and ``MEASURE_MIN_EM``) and holds no full stop: a headline printed across the story's
    columns and read as its first line (惠及8万多居民！西城展览路街道新添全龄友好服务中心 over a
    column of a few characters), not a paragraph's first line, which fills its column.

    >>> first = Line(1, "", "周末一起去看看？海口这些村庄美起来", width=17.0)
    >>> column = [Line(n, "", "9月的海口依旧有些炎热", width=11.0) for n in range(2, 6)]
    >>> run = TextRun(fresh=True, sections=[(None, [x.text for x in (first, *column)])])
    >>> run.first, run.last = 0, 4
    >>> _wide_head(run, [first, *column])
    True
    >>> _wide_head(run, [replace(first, width=12.0), *column])
    False
    """
    body = run.sections[0][1]
    if run.first < 0 or run.credit_lines or not body or lines[run.first].text != body[0]:
        return False
    text = lines[run.first].text
    if "。" in text or opens_story(text) or not could_be_title(text) or not lines[run.first].width:
        return False
    after = [lines[j].width for j in range(run.first + 1, run.last + 1)
             if lines[j].text and not ends_sentence(lines[j].text)][:MEASURE_LINES]
    if len(after) < MEASURE_LINES:
        return False
    measure = statistics.median(after)
    return (lines[run.first].width >= SETTINGS.measure_change * measure
            and lines[run.first].width - measure >= MEASURE_MIN_EM)


def _own_head(run: TextRun, lines: list[Line], page: Page, rules: Rules) -> list[int]:
    """Indices of the lines that open this run as a block of their own: at most
    ``rescue_tail_lines`` lines printed against each other, a blank line after them, text after
    that, and no sentence or clause ended in them: a headline printed over its story and read
    as text (集团持续开展“保 / 文创卫”志愿服务活动). Empty otherwise."""
    body = run.sections[0][1]
    if run.first < 0 or run.credit_lines or not body or lines[run.first].text != body[0]:
        return []
    block = [run.first]
    for k in range(run.first + 1, run.last + 1):
        if not lines[k].text:
            continue
        if k in page.aside or lines[k].gap_before > 0 or not touching(lines[block[-1]], lines[k]):
            break
        block.append(k)
        if len(block) > SETTINGS.rescue_tail_lines:
            return []
    else:
        return []  # no blank line after the block: no title over text
    if len(block) >= len(body) or [lines[k].text for k in block] != body[:len(block)]:
        return []
    # the text after it must print lines against each other (a page with a blank line after
    # every line shows no blocks)
    rest = [lines[k] for k in range(block[-1] + 1, run.last + 1) if lines[k].text]
    if not any(touching(a, b) for a, b in zip(rest, rest[1:], strict=False)):
        return []
    text = "".join(lines[k].text for k in block)
    if _ends_text(lines[block[-1]], rules) or text.rstrip().endswith(_CLAUSE_ENDS) or "，" in text:
        return []
    return block


def _with_aside_tail(ks: tuple[int, ...], run: TextRun, lines: list[Line], page: Page, rules: Rules,
                     used: set[int]) -> tuple[int, ...]:
    """A missed title taken from set-aside lines goes on into the set-aside line printed right
    against it (no blank between), headline-shaped with it, whose words the story also uses
    (``min_rescue_overlap``) or that is a short phrase (``_short_phrase``), but not word for
    word one of its clauses (a pull quote): a title
    broken over two lines both read as captions (县政协十届二次 / 会议预备会议暨五次常委会议召开).

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["12月25日，县政协十届二次会议预备会议召开，常委会议同日召开。"])])
    >>> run.first, run.last = 3, 3
    >>> page = [Line(1, "", "县政协十届二次"), Line(2, "", "会议预备会议暨五次常委会议召开"), Line(3, "", ""), Line(4, "", run.text)]
    >>> p = Page([run], [], [], [])
    >>> p.aside = {0: page[0], 1: page[1]}
    >>> _with_aside_tail((0,), run, page, p, load_rules(), set())
    (0, 1)
    """
    if ks[0] == run.first or ks[-1] == run.last or any(k not in page.aside for k in ks):
        return ks
    k = next((j for j in range(ks[-1] + 1, len(lines)) if lines[j].text), None)
    if (k is None or k not in page.aside or k in used or not touching(lines[ks[-1]], lines[k])
            or _furniture_shaped(lines[k].text, rules)
            or not could_be_title("".join(lines[j].text for j in (*ks, k)))
            or _shares_with(lines[k].text, run.text) < SETTINGS.min_rescue_overlap and not _short_phrase(lines[k].text)
            or is_pull_quote(lines[k].text, run.text)):  # a clause of the story: a pull quote
        return ks
    return (*ks, k)


def _short_phrase(text: str) -> bool:
    """A phrase of a few characters (at most ``KICKER_LABEL_CHARS``) with no punctuation: a
    headline's second half (我市榜上有名) need not repeat its story's words; a caption says more.

    >>> _short_phrase("我市榜上有名"), _short_phrase("村民在清理房前屋后的垃圾")
    (True, False)
    """
    text = text.strip()
    return bool(text) and len(text) <= KICKER_LABEL_CHARS and not re.search(r"[^\w“”‘’]", text)


def _joins_story_before(run: TextRun, page: Page) -> bool:
    """An untitled run whose only title there could be is a pull quote of its own text goes on
    the story printed right before it, when that story has a headline and nothing closed it
    (no byline, no jump): a pull quote set between a story's paragraphs, and the paragraph
    after it read as a new story's first line. True when it was joined."""
    k = page.items.index(run)
    prev = next((x for x in reversed(page.items[:k]) if isinstance(x, TextRun) and not x.absorbed), None)
    if prev is None or prev.headline is None or prev.closed or not prev.has_body or run.credit_lines:
        return False
    if page.items[k - 1] is not prev:  # a headline between them
        return False
    prev.sections.extend(run.sections)
    prev.numbers.extend(run.numbers)
    prev.bylines.extend(run.bylines)
    prev.continued_to = prev.continued_to or run.continued_to
    prev.closed, prev.last = run.closed, max(prev.last, run.last)
    run.absorbed = True
    return True


def rescue_titles(page: Page, lines: list[Line], rules: Rules) -> list[tuple[tuple[int, ...], float]]:
    """A story without a headline takes a missed title next to it: a headline-shaped line (or
    its own last lines) that shares at least ``min_rescue_overlap`` of its words with the story.
    A line the furniture rules or patterns name (a photo caption's mark, a credit) is never
    taken, and a whole clause of the story (a pull quote) only when no other line will do: a
    caption repeats its story's words too; when only a pull quote will do, the run goes on the
    story right before it instead, if that story has a headline and nothing closed it
    (``_joins_story_before``). Returns the indices of the lines taken and their overlap, for
    the report."""
    taken: list[tuple[tuple[int, ...], float]] = []
    used: set[int] = set()
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is not None or run.absorbed or not run.has_body:
            continue
        best: tuple[tuple[bool, bool, float], tuple[int, ...]] | None = None
        for ks in _title_candidates(run, lines, page, rules):
            head = HeadGroup([(Role.TITLE, lines[k]) for k in ks])
            if used.intersection(ks) or not could_be_title(head.text) or _furniture_shaped(lines[ks[0]].text, rules):
                continue
            own = ks[-1] == run.last or ks[0] == run.first
            if ks[0] == run.first:  # its own first lines: compare with the rest of the story
                rest = TextRun(fresh=True, sections=[(None, run.sections[0][1][len(ks):]), *run.sections[1:]])
                score = similarity(head, rest)
            elif own:  # its own last lines: compare with the rest of the story
                rest = TextRun(fresh=True, sections=[(None, run.sections[-1][1][:-len(ks)])])
                score = similarity(head, rest) if len(run.sections) == 1 else similarity(head, run)
            else:
                score = similarity(head, run)
            # a whole clause of the story printed apart is a pull quote or a caption before it
            # is a title: it shares every word, so it ranks below any line that is no quote
            # an aside phrase broken in two ranks above its halves
            rank = (own or not is_pull_quote(head.text, run.text), len(ks) > 1 and not own, score)
            floor = SETTINGS.min_own_title_overlap if own else SETTINGS.min_rescue_overlap
            if score >= floor and (best is None or rank > best[0]):
                best = (rank, ks)
        if best is None:
            continue
        (no_quote, _, score), ks = best
        if not no_quote and _joins_story_before(run, page):
            continue
        ks = _with_aside_tail(ks, run, lines, page, rules, used)
        used.update(ks)
        run.headline = HeadGroup([(Role.TITLE, lines[k]) for k in ks], claimed=True)
        if ks[0] == run.first:  # its own first lines
            del run.sections[0][1][:len(ks)]
            numbers = {n for k in ks for n in lines[k].lines}
            run.numbers = [n for n in run.numbers if n not in numbers]
            run.first = next((k for k in range(ks[-1] + 1, run.last + 1) if lines[k].text), run.first)
        elif ks[-1] == run.last:
            del run.sections[-1][1][-len(ks):]
            numbers = {n for k in ks for n in lines[k].lines}
            run.numbers = [n for n in run.numbers if n not in numbers]
        else:
            for k in ks:  # set aside as furniture or a caption: take it back
                if lines[k].text in page.furniture:
                    page.furniture.remove(lines[k].text)
                else:
                    page.captions = [c for c in page.captions if c[0] != lines[k].text]
        taken.append((ks, round(score, 3)))
    return taken


def title_tails(page: Page, lines: list[Line], rules: Rules) -> list[int]:
    """A headline's title goes on in the line printed right under it (no blank between) that
    the model set aside as furniture or a caption, when the line is no longer than the one above
    it and holds no second phrase, is headline-shaped, no rule names it, and its story uses
    ``min_rescue_overlap`` of its words: a title broken over lines whose short end (消防安全 /
    专项检查) reads like a label. A slogan under a title shares few of the story's words.
    Returns the lines' indices, for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "县委常委吴代彬率队督查文明"), Line(2, "", "城市创建工作"),
    ...               Line(3, "", "12月20日，吴代彬督查文明城市创建工作。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run], [page_lines[1].text], [], [], {1: page_lines[1]})
    >>> title_tails(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([1], '县委常委吴代彬率队督查文明城市创建工作', [])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "县委常委吴代彬率队"))])
    >>> page_lines[0], page_lines[1] = run.headline.parts[0][1], Line(2, "", "督查文明 城市创建")
    >>> title_tails(Page([run], [], [], [], {1: page_lines[1]}), page_lines, load_rules())
    []

    A one-character end shares its words across the break (动员 / 会):

    >>> page_lines = [Line(1, "", "街道召开复审工作动员"), Line(2, "", "会"), Line(3, "", "4月7日，街道召开复审工作动员会。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> title_tails(Page([run], ["会"], [], [], {1: page_lines[1]}), page_lines, load_rules()), run.headline.text
    ([1], '街道召开复审工作动员会')
    """
    index = {id(line): k for k, line in enumerate(lines)}
    taken: list[int] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or run.absorbed or not run.has_body:
            continue
        while True:
            role, last = run.headline.parts[-1]
            k = index.get(id(last))
            if role is not Role.TITLE or k is None:
                break
            j = next((x for x in range(k + 1, len(lines)) if lines[x].text), None)
            if j is None or j not in page.aside or j >= run.first or lines[j].gap_before > 0:
                break
            text = lines[j].text
            # a date or 近日 under a title is its story's dateline, printed apart (12月25日下午)
            if _furniture_shaped(text, rules) or opens_story(text) or not could_be_title(run.headline.text + text):
                break
            # a wrapped title's end is no longer than the line above it and is no phrase pair
            # of its own (开展人居环境整治 共建宜居美好家园 is another story's headline)
            if len(text) > len(last.text) or " " in text.strip():
                break
            # the words across the break count (动员 / 会: a one-character end has no word alone)
            if (_shares_with(last.text[-1:] + text, run.text) < SETTINGS.min_rescue_overlap
                    or is_pull_quote(text, run.text)):
                break  # a line its story prints word for word is a quote from it
            run.headline.parts.append((Role.TITLE, lines[j]))
            _take_aside(page, text)
            taken.append(j)
    return taken


def far_title_tails(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, str]]:
    """A headline's wrapped end that a PDF tool printed as a box of its own far from its
    headline (pdfminer, pdftotext: 县消防救援大队开展“119”消防日 … ▲图片说明 / 主题活动): a short
    line set aside as furniture or a caption (at most ``far_title_tail_chars`` characters, no
    clause or bracket mark, no rule names it) goes on the one headline whose story prints the
    text across the break (``_far_tail_fits``). A line two headlines could take stays put.
    Returns (line index, the title it went on), for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "县消防救援大队开展消防日"), Line(2, "", "11月9日，大队开展消防日主题活动。"),
    ...               Line(3, "", "▲学生们在社区发放宣传资料。"), Line(4, "", "主题活动")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[1].text])], first=1, last=1)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run.headline, run], ["主题活动"], [], [], {2: page_lines[2], 3: page_lines[3]})
    >>> far_title_tails(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([(3, '县消防救援大队开展消防日')], '县消防救援大队开展消防日主题活动', [])
    """
    if not SETTINGS.far_title_tail_chars:
        return []
    heads = [run for run in page.items if isinstance(run, TextRun) and run.headline is not None
             and not run.absorbed and run.has_body and run.headline.parts[-1][0] is Role.TITLE]
    index = {id(line): k for k, line in enumerate(lines)}
    # set-aside lines, and subheads (a heading of a section: 众得实惠 between two paragraphs)
    places: list[tuple[int, TextRun | None]] = [(k, None) for k in page.aside]
    places += [(index[id(line)], run) for run in heads for line in run.heading_lines if id(line) in index]
    taken: list[tuple[int, str]] = []
    for k, host in sorted(places, key=lambda x: x[0]):
        text = lines[k].text
        if not 2 <= len(text) <= SETTINGS.far_title_tail_chars or _TAIL_MARKS.search(text) \
                or not CJK_CHAR.match(text) or _furniture_shaped(text, rules) or opens_story(text):
            continue
        fits = [run for run in heads if lines[k] not in (line for _, line in run.headline.parts)
                and could_be_title(run.headline.text + text)
                and _far_tail_fits(run.headline.parts[-1][1].text, text, run.text)]
        if len(fits) != 1:
            continue
        title = fits[0].headline.parts[-1][1].text
        fits[0].headline.parts.append((Role.TITLE, lines[k]))
        if host is None:
            _take_aside(page, text)
            del page.aside[k]
        else:
            _drop_heading(host, lines[k])
        taken.append((k, title))
    return taken


def doubled_title_ends(page: Page) -> list[tuple[Line, str]]:
    """Two headlines side by side whose lines a PDF tool printed in turn (左题前半 / 右题 /
    左题后半: pdfminer), the one set in bold printed twice (``Line.doubled``): a short doubled
    line (at most ``far_title_tail_chars``, no clause mark) in a later headline group that
    holds a line printed once is the wrapped end of the doubled title line in the headline
    group before it, when the story under that title prints the end right after the title
    line (``_far_tail_fits``) or uses at least as much of its words as the story it heads
    (助力全国文 / 明城创建). It goes on that title. Returns the lines moved and the title they
    now end, for the report.

    >>> upper = HeadGroup([(Role.TITLE, Line(9, "", "开展十大专项整治行动 助力全国文", doubled=True))])
    >>> lower = HeadGroup([(Role.TITLE, Line(12, "", "助力居民“幸福满格”")), (Role.TITLE, Line(14, "", "明城创建", doubled=True))])
    >>> a = TextRun(fresh=True, sections=[(None, ["近日，开展十大专项整治行动，推进全国文明城市创建。"])], headline=upper)
    >>> b = TextRun(fresh=True, sections=[(None, ["网格员走进居民家中。"])], headline=lower)
    >>> [(x.text, t) for x, t in doubled_title_ends(Page([upper, lower, b, a], [], [], []))], lower.text
    ([('明城创建', '开展十大专项整治行动 助力全国文明城创建')], '助力居民“幸福满格”')
    """
    most = SETTINGS.far_title_tail_chars
    heads = [x for x in page.items if isinstance(x, HeadGroup)]
    story = {id(x.headline): x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.headline is not None}
    moved: list[tuple[Line, str]] = []
    for pos, head in enumerate(heads):
        if pos == 0 or all(line.doubled for _, line in head.parts):
            continue
        for role, line in list(head.parts):
            text = line.text.strip()
            if not line.doubled or len(text) > most or _TAIL_MARKS.search(text) or not CJK_CHAR.search(text):
                continue
            above = heads[pos - 1]
            run, own = story.get(id(above)), story.get(id(head))
            last = above.parts[-1][1] if above.parts else None
            if run is None or last is None or not last.doubled or above.parts[-1][0] is not Role.TITLE \
                    or not could_be_title(last.text + text):
                continue
            # the story under the title prints it right after the title line, or uses more of
            # its words than the story it heads (明城创建: 全国文明城市创建)
            mine = _shares_with(text, run.text)
            if not (_far_tail_fits(last.text, text, run.text)
                    or mine > 0 and mine >= (_shares_with(text, own.text) if own is not None else 0.0)):
                continue
            head.parts.remove((role, line))
            above.parts.append((Role.TITLE, line))
            moved.append((line, above.text))
    return moved


def far_title_heads(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, str]]:
    """``far_title_tails`` the other way round: a title's first line printed as a box of its own
    far from the rest (pdfminer at the page's top: 东西部扶贫协作“6+1”省级媒体主 … 题采访团聚焦
    经开区), set aside as furniture or a caption. A set-aside line of ``min_second_title_chars``
    up to the most a title holds, headline-shaped with no word space, no rule naming it, goes
    before the one title whose first line a word runs into from it, the story printing that
    word. Returns (line index, the title it went on), for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "东西部扶贫协作省级媒体主"), Line(2, "", "题采访团聚焦经开区"),
    ...               Line(3, "", "8月28日，省级媒体主题采访团来到经开区。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[1])])
    >>> page = Page([run.headline, run], [page_lines[0].text], [], [], {0: page_lines[0]})
    >>> far_title_heads(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([(0, '题采访团聚焦经开区')], '东西部扶贫协作省级媒体主题采访团聚焦经开区', [])
    """
    heads = [run for run in page.items if isinstance(run, TextRun) and run.headline is not None
             and not run.absorbed and run.has_body and run.headline.parts[0][0] is Role.TITLE]
    taken: list[tuple[int, str]] = []
    for k in sorted(page.aside):
        text = lines[k].text
        if not SETTINGS.min_second_title_chars <= cjk_count(text) <= SETTINGS.title_chars[1] \
                or " " in text or not could_be_title(text) or _furniture_shaped(text, rules) or opens_story(text):
            continue
        fits = [run for run in heads if lines[k] not in (line for _, line in run.headline.parts)
                and could_be_title(text + run.headline.text)
                and _far_tail_fits(text, run.headline.parts[0][1].text, run.text)]
        if len(fits) != 1:
            continue
        title = fits[0].headline.parts[0][1].text
        fits[0].headline.parts.insert(0, (Role.TITLE, lines[k]))
        _take_aside(page, text)
        del page.aside[k]
        taken.append((k, title))
    return taken


def _drop_heading(run: TextRun, line: Line) -> None:
    """Take a subhead out of its run: its section's lines go on the section before it.

    >>> run = TextRun(fresh=True, sections=[(None, ["甲。"]), ("众得实惠", ["乙。"])])
    >>> run.heading_lines = [Line(2, "", "众得实惠")]
    >>> _drop_heading(run, run.heading_lines[0]); run.sections, run.heading_lines
    ([(None, ['甲。', '乙。'])], [])
    """
    run.heading_lines = [x for x in run.heading_lines if x is not line]
    for i, (heading, texts) in enumerate(run.sections):
        if heading == line.text:
            if i:
                run.sections[i - 1][1].extend(texts)
                del run.sections[i]
            else:
                run.sections[0] = (None, texts)
            return


def swap_crossed_headlines(page: Page) -> list[tuple[HeadGroup, float, float]]:
    """Headlines that went to each other's stories change places: two headed stories whose
    headlines share ``swap_margin`` more of their words (summed over both) with each other's
    story than with their own, and each at least ``min_rescue_overlap`` with its new story. A
    PDF tool reading columns across puts a headline over the wrong column's text; the words say
    which story it heads. The largest gain goes first. Returns each moved headline with its
    share of words in its old and its new story, for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["长乐街道新建口袋公园，方便居民休闲。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])])
    >>> a.headline = HeadGroup([(Role.TITLE, Line(1, "", "安平县整治城乡环境"))])
    >>> b.headline = HeadGroup([(Role.TITLE, Line(5, "", "长乐街道新建口袋公园"))])
    >>> [(h.text, old, new) for h, old, new in swap_crossed_headlines(Page([a, b], [], [], []))]
    [('安平县整治城乡环境', 0.0, 0.75), ('长乐街道新建口袋公园', 0.0, 1.0)]
    >>> a.headline.text, b.headline.text
    ('长乐街道新建口袋公园', '安平县整治城乡环境')
    """
    runs = [x for x in page.items if isinstance(x, TextRun) and x.headline is not None
            and not x.absorbed and x.has_body]
    moved: list[tuple[HeadGroup, float, float]] = []
    while True:
        best: tuple[float, TextRun, TextRun] | None = None
        for i, one in enumerate(runs):
            for other in runs[i + 1:]:
                assert one.headline is not None and other.headline is not None
                crossed = (similarity(one.headline, other), similarity(other.headline, one))
                if min(crossed) < SETTINGS.min_rescue_overlap:
                    continue
                gain = sum(crossed) - similarity(one.headline, one) - similarity(other.headline, other)
                if gain >= SETTINGS.swap_margin and (best is None or gain > best[0]):
                    best = (gain, one, other)
        if best is None:
            return moved
        _, one, other = best
        assert one.headline is not None and other.headline is not None
        for head, old, new in ((one.headline, one, other), (other.headline, other, one)):
            moved.append((head, round(similarity(head, old), 2), round(similarity(head, new), 2)))
        one.headline, other.headline = other.headline, one.headline


def stacked_headlines(page: Page) -> list[tuple[Line, float, float]]:
    """Two headlines a PDF tool printed one over the other (PyMuPDF draws a page's display type
    together), read as one title of two lines or up to ``stacked_headline_lines`` (parted into
    its upper and lower lines): when the story under them uses under ``max_stacked_share`` of
    one part's words and ``min_far_split_overlap`` of the other's, no word runs across the
    break, and another story uses ``min_far_split_overlap`` of the first part's words, that
    part is a headline of its own, left over for ``rehome_orphans`` and the later passes to
    place. Only when one parting fits. Returns the lines parted off with the shares of their
    words their story and the other story use, for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["9月22日，米河镇召开创文工作推进会。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["7月19日，市委书记刘军伟深入一线调研督导防汛工作。"])])
    >>> parts = [Line(1, "", "米河镇召开创文工作推进会"), Line(2, "", "市委书记刘军伟深入一线调研督导防汛工作")]
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([a, b], [], [], [])
    >>> [(x.text, own, other) for x, own, other in stacked_headlines(page)], b.headline.text
    ([('米河镇召开创文工作推进会', 0.09, 1.0)], '市委书记刘军伟深入一线调研督导防汛工作')
    >>> [h.text for h in page.orphans], page.leftovers
    (['米河镇召开创文工作推进会'], ['米河镇召开创文工作推进会'])

    A lower line parts only from a story whose own headline fits it worse:

    >>> a.headline = HeadGroup([(Role.TITLE, Line(3, "", "米河镇召开创文工作推进会"))])
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in reversed(parts)])
    >>> stacked_headlines(Page([a, b], [], [], []))
    []

    Three lines: the upper headline on one line, the lower one wrapped on two (新媒体采风团… /
    “减”不文明行为 / 整治“脏乱差”现象):

    >>> a.headline = None
    >>> parts = [Line(1, "", "米河镇召开创文工作推进会"), Line(2, "", "市委书记刘军伟深入一线"), Line(3, "", "调研督导防汛工作")]
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> [x.text for x, _, _ in stacked_headlines(Page([a, b], [], [], []))], b.headline.text
    (['米河镇召开创文工作推进会'], '市委书记刘军伟深入一线调研督导防汛工作')
    """
    floor = SETTINGS.min_far_split_overlap
    runs = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    parted: list[tuple[Line, float, float]] = []
    for run in runs:
        head = run.headline
        if head is None or len(head.parts) < 2 or any(role is not Role.TITLE for role, _ in head.parts):
            continue
        if len(head.parts) > SETTINGS.stacked_headline_lines:
            continue
        fits: list[tuple[int, int, float, float]] = []
        for m in range(1, len(head.parts)):
            upper, lower = HeadGroup(head.parts[:m]), HeadGroup(head.parts[m:])
            if min(cjk_count(upper.text), cjk_count(lower.text)) < SETTINGS.title_chars[0] \
                    or spans_a_word(head.parts[m - 1][1].text, head.parts[m][1].text):
                continue
            for apart in (0, 1):  # either part may be the other story's
                lone, stays = (upper, lower) if apart == 0 else (lower, upper)
                own = similarity(lone, run)
                if own >= SETTINGS.max_stacked_share or similarity(stays, run) < floor:
                    continue
                other, there = max(((similarity(lone, x), x) for x in runs if x is not run),
                                   key=lambda pair: pair[0], default=(0.0, None))
                if other < floor or there is None:
                    continue
                # a lower line may be its headline's second phrase (大评比 / 乡村振兴展风采, which
                # another story's campaign words share): only a story its own headline fits worse
                if apart and there.headline is not None and similarity(there.headline, there) >= other:
                    continue
                fits.append((m, apart, own, other))
        if len(fits) != 1:  # two partings fit: which lines are whose is unsure
            continue
        m, apart, own, other = fits[0]
        lone_parts = head.parts[:m] if apart == 0 else head.parts[m:]
        run.headline = HeadGroup(head.parts[m:] if apart == 0 else head.parts[:m])
        page.orphans.append(HeadGroup(lone_parts))
        for _, line in lone_parts:
            page.leftovers.append(line.text)
            parted.append((line, round(own, 2), round(other, 2)))
    return parted


def rehome_orphans(page: Page, confidence: dict[int, float] | None = None) -> list[tuple[HeadGroup, float, float]]:
    """A headline left over heads the story that shares ``swap_margin`` more of its words with
    it than with the headline it has (and at least ``min_rescue_overlap``); only
    ``unsure_swap_margin`` more when the model read every line of the headline it has with
    less than ``unsure_confidence`` (a slogan over the story, 创建文明城市 共建美好家园, shares
    the campaign's words with it: 营口市站前区：“微更新”… printed at the page's foot shares
    more). That headline then
    heads the untitled story that shares the most of its words (at least ``min_rescue_overlap``),
    else is left over in turn. A PDF tool draws a headline after the bodies, and the story it
    heads took the headline above it, the next story's. Returns each moved headline with its
    share of words in its old and its new story (0 for none), for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["长乐街道新建口袋公园，方便居民休闲。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])])
    >>> a.headline = HeadGroup([(Role.TITLE, Line(1, "", "安平县整治城乡环境"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "长乐街道新建口袋公园"))])
    >>> page = Page([a, b, lone], [], [], ["长乐街道新建口袋公园"], orphans=[lone])
    >>> [(h.text, old, new) for h, old, new in rehome_orphans(page)]
    [('长乐街道新建口袋公园', 0.0, 1.0), ('安平县整治城乡环境', 0.0, 0.75)]
    >>> a.headline.text, b.headline.text, page.leftovers
    ('长乐街道新建口袋公园', '安平县整治城乡环境', [])

    A headline read unsure gives way to a left-over one that shares a little more:

    >>> a.headline = HeadGroup([(Role.TITLE, Line(1, "", "新建公园 方便居民"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "长乐街道新建口袋公园"))])
    >>> page = Page([a, lone], [], [], ["长乐街道新建口袋公园"], orphans=[lone])
    >>> [h.text for h, _, _ in rehome_orphans(page, {1: 0.9})]
    []
    >>> [h.text for h, _, _ in rehome_orphans(page, {1: 0.4})]
    ['长乐街道新建口袋公园']
    """
    moved: list[tuple[HeadGroup, float, float]] = []
    runs = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    for lone in list(page.orphans):
        best: tuple[float, TextRun] | None = None
        for run in runs:
            if run.headline is None:
                continue
            share = similarity(lone, run)
            gain = share - similarity(run.headline, run)
            unsure = confidence is not None and all(
                confidence.get(line.number, 1.0) < SETTINGS.unsure_confidence for _, line in run.headline.parts)
            margin = SETTINGS.unsure_swap_margin if unsure else SETTINGS.swap_margin
            if share >= SETTINGS.min_rescue_overlap and gain >= margin and (
                    best is None or gain > best[0]):
                best = (gain, run)
        if best is None:
            continue
        run = best[1]
        old = run.headline
        assert old is not None
        moved.append((lone, 0.0, round(similarity(lone, run), 2)))
        run.headline = lone
        page.orphans.remove(lone)
        for _, line in lone.parts:
            page.leftovers.remove(line.text)
        untitled = [x for x in runs if x.headline is None]
        home = max(untitled, key=lambda x: similarity(old, x), default=None)
        if home is not None and similarity(old, home) >= SETTINGS.min_rescue_overlap:
            moved.append((old, round(similarity(old, run), 2), round(similarity(old, home), 2)))
            home.headline = old
        else:
            page.orphans.append(old)
            page.leftovers.extend(line.text for _, line in old.parts)
    return moved


def last_headlines(page: Page) -> list[tuple[HeadGroup, float]]:
    """Stories still without a headline take the headlines still left over, best shared words
    first (any share above nothing): each story would otherwise show its first words as its
    title, which is never its title, while a left-over headline is some story's. Returns each
    headline placed with its share of words, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["每年10月中旬，当雄县牧民转场到冬季牧场。"])])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "宣讲进牧场 雨露润草原"))])
    >>> page = Page([run, lone], [], [], ["宣讲进牧场 雨露润草原"], orphans=[lone])
    >>> [(h.text, share) for h, share in last_headlines(page)], run.headline is lone, page.leftovers
    ([('宣讲进牧场 雨露润草原', 0.11)], True, [])
    """
    untitled = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body
                and x.headline is None]
    pairs = sorted(((similarity(lone, run), -i, -j, lone, run) for i, lone in enumerate(page.orphans)
                    for j, run in enumerate(untitled)), key=lambda p: p[:3], reverse=True)
    placed: list[tuple[HeadGroup, float]] = []
    for share, _, _, lone, run in pairs:
        if share == 0.0 or run.headline is not None or lone not in page.orphans:
            continue
        run.headline = lone
        page.orphans.remove(lone)
        for _, line in lone.parts:
            page.leftovers.remove(line.text)
        placed.append((lone, round(share, 2)))
    return placed


def _far_title(page: Page, lines: list[Line], run: TextRun, k: int, taken: list[tuple[int, float]],
               share: float) -> None:
    """Line ``k`` heads ``run`` (``far_titles_by_words``), with the set-aside line after it when a
    second print shows the two are one headline (开展十大专项整治行动 助力全国文 / 明城创建)."""
    ks = [k]
    nxt = page.reprinted_pairs.get(k)
    if nxt is not None and nxt in page.aside and lines[nxt].text:
        ks.append(nxt)
    run.headline = HeadGroup([(Role.TITLE, lines[j]) for j in ks], claimed=True)
    for j in ks:
        _take_aside(page, lines[j].text)
        taken.append((j, round(share, 2)))


def far_titles_by_words(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, float]]:
    """Stories still without a headline take a headline-shaped line the model set aside as
    furniture or a caption anywhere on the page, when the story uses ``min_far_title_share`` of
    its words: a PDF tool may print a page's headlines together, at its top or foot, far from
    their stories (PyMuPDF reads display type first), where they look like a masthead. Only a
    line almost wholly the story's words is taken, best share first; no line the furniture rules
    or patterns name. Returns (index, share) of each line taken, for the report.

    >>> from civicnews.rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["9月14日下午，北京平谷区政协首家委员工作站挂牌仪式举行。"])])
    >>> page = Page([run], ["北京平谷区政协首家委员工作站挂牌"], [], [])
    >>> page.aside = {0: Line(1, "", "北京平谷区政协首家委员工作站挂牌")}
    >>> far_titles_by_words(page, [Line(1, "", "北京平谷区政协首家委员工作站挂牌")], load_rules()), run.headline.text
    ([(0, 1.0)], '北京平谷区政协首家委员工作站挂牌')
    """
    untitled = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body
                and x.headline is None]
    if not untitled:
        return []
    candidates = [k for k in sorted(page.aside) if could_be_title(lines[k].text)
                  and not _furniture_shaped(lines[k].text, rules)]
    pairs = sorted(((_shares_with(lines[k].text, run.text), -k, -j, k, run)
                    for k in candidates for j, run in enumerate(untitled)), key=lambda p: p[:3], reverse=True)
    taken: list[tuple[int, float]] = []
    for share, _, _, k, run in pairs:
        if share < SETTINGS.min_far_title_share:
            break
        if run.headline is not None or any(k == t for t, _ in taken):
            continue
        _far_title(page, lines, run, k, taken, share)
    # then a line sharing fewer words (a title that says 总投资45.6亿元 of a story saying 签约总金额
    # 45.6亿元), when no other story on the page uses near as many of them (``far_title_lead``):
    # a slogan shares a campaign's words with every story of that campaign alike
    stories = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    for share, _, _, k, run in pairs:
        if share < SETTINGS.min_rescue_overlap:
            break
        if run.headline is not None or any(k == t for t, _ in taken):
            continue
        others = max((_shares_with(lines[k].text, x.text) for x in stories if x is not run), default=0.0)
        if share < SETTINGS.far_title_lead * others:
            continue
        _far_title(page, lines, run, k, taken, share)
    return taken


# What a story's first sentence holds early on: the day it happened or an opening word, or
# what it opens with: a purpose clause (为确保…) or a quoted voice (“…”).
_STORY_OPENING = re.compile(r"^为|^“|\d{1,2}月\d{1,2}日|\d{1,2}日[上下晚]|近日|日前|连日来|近年来|今年以来|本报讯|讯")


def far_splits(page: Page) -> list[tuple[HeadGroup, str]]:
    """A headline still left over at the end (printed far from its story: a PDF tool reading a
    page's display type last) whose story ran into another story: it cuts the titled story
    where its words begin and the story's own headline's words end (``shared_split_point``, at
    ``min_far_split_overlap``), and heads the tail. The cut must come where a story's opening
    is (a date or 近日 in its first ``far_split_opening_chars`` characters, or 为… or a quote
    first); a kicker alone, a
    headline the story prints word for word (its subhead, a pull quote) or one that could cut
    two stories is left. Returns each headline
    placed with the title of the story it was cut from, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["华阳街道开展文明创建。", "华阳街道成立领导小组。",
    ...                                             "为持续做好保文创卫工作，12月3日，集团组织志愿服务活动。", "集团志愿者清理垃圾。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "华阳街道开展文明创建"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "集团开展保文创卫志愿服务活动"))])
    >>> page = Page([run, lone], [], [], ["集团开展保文创卫志愿服务活动"], orphans=[lone])
    >>> [(h.text, t) for h, t in far_splits(page)], [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ([('集团开展保文创卫志愿服务活动', '华阳街道开展文明创建')], ['华阳街道开展文明创建', '集团开展保文创卫志愿服务活动'])
    """
    placed: list[tuple[HeadGroup, str]] = []
    for lone in list(page.orphans):
        # only a headline the model read as one heads a story's first part: a slogan set aside
        # shares a campaign's words with the opening of the story it is printed over
        title = _place_far(page, lone, before=True)
        if title is None:
            continue
        page.orphans.remove(lone)
        for _, line in lone.parts:
            if line.text in page.leftovers:
                page.leftovers.remove(line.text)
        placed.append((lone, title))
    return placed


def _subtitle_of(head: HeadGroup, lone: HeadGroup, tail: str, aside: Iterable[Line] = ()) -> bool:
    """A left-over headline printed right under a story's headline (no blank line, nothing
    between: no line in ``aside``) is that headline's second part (an undashed subtitle), not a far headline, when
    the part of the story it would cut off still uses ``min_far_split_overlap`` of the
    headline's words: a subtitle's words are its story's, so ``far_splits`` would cut the story
    where they begin. Headlines a PDF tool stacks at a page's foot head stories of their own,
    and the story above's headline shares few words with the part the next one cuts off.

    >>> head = HeadGroup([(Role.TITLE, Line(86, "", "央视报道兴安", lines=(86,)))])
    >>> lone = HeadGroup([(Role.TITLE, Line(87, "", "节目播出后引发热议", lines=(87,)))])
    >>> _subtitle_of(head, lone, "央视报道兴安的节目播出后，引发热议。"), _subtitle_of(head, lone, "节目播出后引发热议。")
    (True, False)
    """
    above, first = head.parts[-1][1], lone.parts[0][1]
    step = min(first.lines or (first.number,)) - max(above.lines or (above.number,))
    return (not first.gap_before and 0 < step <= SETTINGS.subtitle_max_line_step
            and not any(above.number < line.number < first.number for line in aside)
            and _share(head, tail) >= SETTINGS.min_far_split_overlap)


def undashed_subtitles(page: Page) -> list[tuple[Line, str]]:
    """A headline still left over at the end, printed right under a story's headline that has
    no subtitle (``_subtitle_of``), whose words that story uses (``min_rescue_overlap``), is
    that headline's subtitle printed without its dash. Returns its lines and the title they
    join, for the report.

    >>> head = HeadGroup([(Role.TITLE, Line(86, "", "央视报道兴安", lines=(86,)))])
    >>> run = TextRun(fresh=True, sections=[(None, ["央视报道兴安的节目播出后，引发热议。"])], headline=head)
    >>> lone = HeadGroup([(Role.TITLE, Line(87, "", "节目播出后引发热议", lines=(87,)))])
    >>> page = Page([head, run, lone], [], [], ["节目播出后引发热议"], orphans=[lone])
    >>> [(x.text, t) for x, t in undashed_subtitles(page)], [r.name for r, _ in head.parts], page.leftovers
    ([('节目播出后引发热议', '央视报道兴安')], ['TITLE', 'SUBTITLE'], [])
    """
    placed: list[tuple[Line, str]] = []
    for lone in list(page.orphans):
        for run in page.items:
            if (not isinstance(run, TextRun) or run.absorbed or run.headline is None
                    or any(role is Role.SUBTITLE for role, _ in run.headline.parts)
                    or not _subtitle_of(run.headline, lone, run.text, page.aside.values())
                    or similarity(lone, run) < SETTINGS.min_rescue_overlap):
                continue
            title = run.headline.text
            run.headline.parts.extend((Role.SUBTITLE, line) for _, line in lone.parts)
            page.orphans.remove(lone)
            for _, line in lone.parts:
                if line.text in page.leftovers:
                    page.leftovers.remove(line.text)
                placed.append((line, title))
            break
    return placed


def interleaved_title_splits(page: Page) -> list[tuple[Line, str]]:
    """Two headlines side by side whose lines a PDF tool printed one after the other (左题前半 /
    右题前半 / 左题后半, pdftotext and pdfminer with no blank line or word across to tell them,
    so the line stage left them), read as one title of three or more lines over the two
    stories run together: a middle title line whose words the story only uses after a
    paragraph start where a story's opening is (``_far_cut_fits``), while the other lines'
    words are only before it (each side at ``min_far_split_overlap``), is the second story's
    headline, and heads the part after the cut. Only when one middle line can cut. Returns the
    lines moved and the title they left, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["12月20日，吴代彬率队督查文明城市创建工作。", "督查组检查了市场。",
    ...     "12月25日下午，县政协十届二次会议的预备会议召开。", "会议由县政协主席主持。"])])
    >>> parts = [Line(1, "", "吴代彬率队"), Line(2, "", "县政协十届二次会议预备会议"), Line(3, "", "督查文明城市创建工作")]
    >>> run.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([run.headline, run], [], [], [])
    >>> [(x.text, t) for x, t in interleaved_title_splits(page)]
    [('县政协十届二次会议预备会议', '吴代彬率队县政协十届二次会议预备会议督查文明城市创建工作')]
    >>> [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ['吴代彬率队督查文明城市创建工作', '县政协十届二次会议预备会议']
    """
    floor = SETTINGS.min_far_split_overlap
    moved: list[tuple[Line, str]] = []
    for run, lines in list(_cuttable(page)):
        head = run.headline
        if head is None or len(head.parts) < 3 or any(role is not Role.TITLE for role, _ in head.parts):
            continue
        fits: list[tuple[int, int]] = []
        for m in range(1, len(head.parts) - 1):
            lone = HeadGroup([head.parts[m]])
            rest = HeadGroup(head.parts[:m] + head.parts[m + 1:])
            k = shared_split_point(rest, lone, lines, floor)
            if k is None or not _far_cut_fits(lone, lines, k):
                continue
            front, tail = "".join(lines[:k]), "".join(lines[k:])
            if _share(rest, front, tail) >= floor and _share(lone, tail, front) >= floor:
                fits.append((m, k))
        if len(fits) != 1:
            continue
        m, k = fits[0]
        title = head.text
        line = head.parts[m][1]
        piece = cut_run(run, k)
        piece.headline = HeadGroup([head.parts[m]])
        del head.parts[m]
        page.items.insert(page.items.index(run) + 1, piece)
        moved.append((line, title))
    return moved


def _whole_share(head: HeadGroup, text: str, other: str) -> float:
    """The share of the headline's bigrams (its lines read as one, so a word wrapped across
    two lines counts) that ``text`` uses and ``other`` does not."""
    grams = bigrams(head.text)
    return sum(1 for g in grams if g in text and g not in other) / len(grams) if grams else 0.0


def stacked_title_splits(page: Page) -> list[tuple[Line, str]]:
    """Two headlines printed one under the other (荣县人大代表…视察活动 / 教育局召开中小学校 /
    长会议…) read as one title over the two stories run together (pdftotext drops the gap
    between them): the title parts into its first lines and its last where the story under it
    uses the upper lines' words only before a paragraph start where a story's opening is
    (``_STORY_OPENING``) and the lower lines' only after it (each at ``min_far_split_overlap``
    of the whole part's words). Each part must hold ``min_stacked_title_chars`` characters (a
    place's name over its headline is one headline) and the lower one must not be printed word
    for word in the text (a pull quote). Of the partings that fit, the one leaving the most
    words on their sides wins; a tie between two partings leaves the title whole. Returns the lower
    part's first line and the title it left, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["1月31日，县人大代表视察重点项目。", "代表们听取了汇报。",
    ...     "本报讯2月9日，县教育局召开中小学校长会议。", "会议学习了干部大会精神。"])])
    >>> parts = [Line(1, "", "县人大代表视察重点项目"), Line(2, "", "教育局召开中小学校"), Line(3, "", "长会议学习干部大会精神")]
    >>> run.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([run.headline, run], [], [], [])
    >>> [(x.text, t) for x, t in stacked_title_splits(page)]
    [('教育局召开中小学校', '县人大代表视察重点项目教育局召开中小学校长会议学习干部大会精神')]
    >>> [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ['县人大代表视察重点项目', '教育局召开中小学校长会议学习干部大会精神']

    One headline wrapped (its story's first paragraph uses both lines) stays whole:

    >>> run = TextRun(fresh=True, sections=[(None, ["1月31日，县人大代表视察重点项目和中小学校。", "代表们听取了汇报。",
    ...     "近日，县教育局召开会议。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "县人大代表视察重点项目")), (Role.TITLE, Line(2, "", "和中小学校"))])
    >>> stacked_title_splits(Page([run.headline, run], [], [], []))
    []
    """
    floor = SETTINGS.min_far_split_overlap
    moved: list[tuple[Line, str]] = []
    for run, lines in list(_cuttable(page)):
        head = run.headline
        if head is None or len(head.parts) < 2 or any(role is not Role.TITLE for role, _ in head.parts):
            continue
        story = "".join(lines)
        fits: list[tuple[float, int, int]] = []
        for m in range(1, len(head.parts)):
            upper, lower = HeadGroup(head.parts[:m]), HeadGroup(head.parts[m:])
            if min(cjk_count(upper.text), cjk_count(lower.text)) < SETTINGS.min_stacked_title_chars:
                continue
            if lower.text.replace(" ", "") in story:
                continue
            for k in range(1, len(lines)):
                if not (ends_sentence(lines[k - 1])
                        and _STORY_OPENING.search("".join(lines[k:k + 4])[:SETTINGS.far_split_opening_chars])):
                    continue
                front, tail = "".join(lines[:k]), "".join(lines[k:])
                own = (_whole_share(upper, front, tail), _whole_share(lower, tail, front))
                if min(own) >= floor:
                    fits.append((sum(own), m, k))
        best = max((score for score, _, _ in fits), default=None)
        if best is None or len({m for score, m, _ in fits if score == best}) > 1:
            continue  # two partings as good: which lines are whose is unsure
        # of equal cuts the latest: a story's own words come early in it
        m, k = max((m, k) for score, m, k in fits if score == best)
        title = head.text
        piece = cut_run(run, k)
        piece.headline = HeadGroup(head.parts[m:])
        del head.parts[m:]
        page.items.insert(page.items.index(run) + 1, piece)
        moved.append((piece.headline.parts[0][1], title))
    return moved


def _place_far(page: Page, lone: HeadGroup, before: bool = False) -> str | None:
    """Cut the story a far headline cuts (``_far_cut``) and give the headline its part: the
    title of the story cut, for the report, or None when no story can be cut."""
    best = _far_cut(page, lone, before=before)
    if best is None:
        return None
    k, run, first = best
    tail = cut_run(run, k)
    tail.headline, title = lone, run.headline.text
    if first:  # the headline's words come first: it heads the front, the story's the tail
        tail.headline, run.headline = run.headline, lone
    page.items.insert(page.items.index(run) + 1, tail)
    return title


def _cuttable(page: Page) -> Iterator[tuple[TextRun, list[str]]]:
    """The titled stories of one section that a far headline may cut, with their paragraphs."""
    for run in page.items:
        if isinstance(run, TextRun) and not run.absorbed and run.headline is not None and len(run.sections) == 1:
            yield run, run.sections[0][1]


def _far_cut(page: Page, lone: HeadGroup, before: bool = False) -> tuple[int, TextRun, bool] | None:
    """Where a headline printed far from its story cuts a titled story (``far_splits``): the
    paragraph, the story and whether the headline heads the part before the cut (tried when
    ``before`` and no other cut fits: ``_far_cut_before``), when exactly one story can be cut."""
    best: tuple[int, TextRun, bool] | None = None
    for run, lines in _cuttable(page):
        flip = _above_a_story_headed_below(lone, run)
        if flip:  # its story is the run's first: the run's own headline's story comes after
            floor = SETTINGS.min_far_split_overlap
            k = shared_split_point(lone, run.headline, lines, floor)
            # each headline's words on its own side only: a slogan set over a story shares
            # words all through it
            if k is not None and (not _far_cut_fits(run.headline, lines, k)
                                  or _share(lone, "".join(lines[:k]), "".join(lines[k:])) < floor
                                  or _share(run.headline, "".join(lines[k:]), "".join(lines[:k])) < floor):
                k = None
        else:
            k = shared_split_point(run.headline, lone, lines, SETTINGS.min_far_split_overlap)
            if k is not None and (not _far_cut_fits(lone, lines, k)
                                  or _subtitle_of(run.headline, lone, "".join(lines[k:]), page.aside.values())):
                k = None
        if k is not None and best is None:
            best = (k, run, flip)
        elif k is not None:  # two stories it could cut: its story is unsure, leave it
            return None
    if best is not None or not before:
        return best
    front = _far_cut_before(page, lone)
    return None if front is None else (*front, True)


def _above_a_story_headed_below(lone: HeadGroup, run: TextRun) -> bool:
    """The far headline is printed above the run's text and the run's own headline below it
    (its title printed after its body): two stories run together under the first one's
    headline and over the second one's, so the far headline heads the part before the cut.

    >>> run = TextRun(fresh=True, numbers=[10, 11, 60])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(67, "", "乡宁县丰收节将启幕"))])
    >>> _above_a_story_headed_below(HeadGroup([(Role.TITLE, Line(8, "", "村规民约引领"))]), run)
    True
    >>> _above_a_story_headed_below(HeadGroup([(Role.TITLE, Line(80, "", "村规民约引领"))]), run)
    False
    """
    if run.headline is None or not run.numbers:
        return False
    return (max(line.number for _, line in lone.parts) < min(run.numbers)
            and min(line.number for _, line in run.headline.parts) > max(run.numbers))


def _far_cut_fits(lone: HeadGroup, lines: list[str], k: int) -> bool:
    """A cut before ``lines[k]`` can part two stories for the far headline: it is no line the
    story prints word for word (its subhead, a pull quote), holds a title, not a kicker alone,
    and a story's opening (a date, 近日) comes at the cut."""
    return (lone.text.replace(" ", "") not in "".join(lines)
            and any(role is Role.TITLE for role, _ in lone.parts)
            and bool(_STORY_OPENING.search("".join(lines[k:k + 4])[:SETTINGS.far_split_opening_chars])))


def _far_cut_before(page: Page, lone: HeadGroup) -> tuple[int, TextRun] | None:
    """``_far_cut`` the other way round: the far headline's words are in the first part of a
    titled story and that story's own headline's words in the part after. PyMuPDF prints a
    page's display type at its top, where the first story's text takes the headline of the
    story that ran into it, while its own headline is printed at the foot. The far headline
    heads the part before the cut, the story's headline the part after it (``far_splits``).
    Both need ``min_far_before_overlap`` of their words on their side only.

    >>> run = TextRun(fresh=True, sections=[(None, ["一名党员就是一面旗帜。党员用爱心给党庆生。",
    ...     "党员为党旗添上色彩。", "为确保辖区安全，上望街道开展出租房夜查。", "夜查人员检查出租房。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "上望街道开展出租房夜查"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "用爱心为党旗添彩"))])
    >>> _far_cut_before(Page([run, lone], [], [], [], orphans=[lone]), lone)[0]
    2
    """
    best: tuple[int, TextRun] | None = None
    for run, lines in _cuttable(page):
        k = shared_split_point(lone, run.headline, lines, SETTINGS.min_far_before_overlap)
        if k is None or not _far_cut_fits(lone, lines, k):
            continue
        # the far headline's own words must be in the first part, not only the story's
        # headline's in the part after (a slogan shares next to none)
        if _share(lone, "".join(lines[:k]), "".join(lines[k:])) < SETTINGS.min_far_before_overlap:
            continue
        if best is not None:  # two stories it could cut: leave it
            return None
        best = (k, run)
    return best


def far_splits_by_aside(page: Page, lines: list[Line], rules: Rules) -> list[tuple[list[int], str]]:
    """``far_splits`` for headlines the model set aside as furniture (not captions): lines
    printed against each other, none of them named by the furniture rules, that read as one
    headline (PyMuPDF
    prints a page's display type at its top, where it looks like a masthead: 云霄第三季度17个项
    / 目签约 计划总投资 / 44.8亿元 over a page whose second story ran into another). Returns each
    headline's line indices with the title of the story it was cut from, for the report.

    >>> from civicnews.rules import load_rules
    >>> top = [Line(1, "", "云霄第三季度17个项"), Line(2, "", "目签约 计划总投资"), Line(3, "", "44.8亿元")]
    >>> run = TextRun(fresh=True, sections=[(None, ["临江市苇沙河镇开展环境整治。", "苇沙河镇清理垃圾。",
    ...                                             "10月8日，云霄全县第三季度共签约招商项目17个，计划总投资44.8亿元。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(9, "", "临江市苇沙河镇：清洁环境扮靓村镇"))])
    >>> page = Page([run], [x.text for x in top], [], [])
    >>> page.aside = dict(enumerate(top))
    >>> far_splits_by_aside(page, top, load_rules()), [x.headline.text for x in page.items]
    ([([0, 1, 2], '临江市苇沙河镇：清洁环境扮靓村镇')], ['临江市苇沙河镇：清洁环境扮靓村镇', '云霄第三季度17个项目签约 计划总投资44.8亿元'])
    """
    blocks: list[list[int]] = []
    for k in sorted(page.aside):
        # furniture only: a caption under a photo repeats its story's words (a subtitle read
        # as one too), and would cut the story it belongs to
        if not lines[k].text or lines[k].text not in page.furniture or _furniture_shaped(lines[k].text, rules):
            continue
        if blocks and blocks[-1][-1] == k - 1 and touching(lines[k - 1], lines[k]):
            blocks[-1].append(k)
        else:
            blocks.append([k])
    placed: list[tuple[list[int], str]] = []
    for ks in blocks:
        lone = HeadGroup([(Role.TITLE, lines[k]) for k in ks], claimed=True)
        if not could_be_title(lone.text):
            continue
        title = _place_far(page, lone)
        if title is None:
            continue
        for j in ks:
            _take_aside(page, lines[j].text)
        placed.append((ks, title))
    return placed


def titles_above_stories(page: Page, lines: list[Line], rules: Rules) -> list[int]:
    """A story that opens at its first line (a dateline or a START line) and still has no
    headline takes the headline-shaped line printed right above it that the model set aside as
    furniture or a caption, though it shares no word with the story: a figurative headline
    (以练备战 筑牢防线) reads like a slogan, and the story's first clause would stand in for it.
    Lines the furniture rules or patterns name are never taken. Returns their indices."""
    taken: list[int] = []
    for run in page.items:
        if (not isinstance(run, TextRun) or run.headline is not None or run.absorbed
                or not run.has_body or not run.begun):
            continue
        k = _above_credit(run, lines)
        if k >= 0 and k in page.aside and _furniture_shaped(lines[k].text, rules):
            # page furniture set between a headline and its story (本版编辑 朱芳, a slogan under
            # the credit): look past it, and past the credit above it; never past two
            k -= 1
            while k >= 0 and lines[k].text in run.credit_lines:
                k -= 1
        if k < 0 or k not in page.aside or k in taken:
            continue
        ks = _stacked_above(page, lines, k, rules)
        text = " ".join(lines[j].text for j in ks)
        if not could_be_title(text) or any(_furniture_shaped(lines[j].text, rules) for j in ks):
            continue
        run.headline = HeadGroup([(Role.TITLE, lines[j]) for j in ks], claimed=True)
        for j in ks:
            _take_aside(page, lines[j].text)
        taken.extend(ks)
    return taken


def _stacked_above(page: Page, lines: list[Line], k: int, rules: Rules) -> list[int]:
    """Line ``k`` and the set-aside lines printed right on top of it (no blank between) while
    together they are still too short for a headline: a headline of short phrases stacked one
    per line (以练备战 / 筑牢防线) is read line by line as captions or slogans. Stops at a line the
    furniture rules name or one that ends a sentence, so a masthead or a story's last line
    above is never taken. Top to bottom."""
    ks = [k]
    while len(CJK_CHAR.findall("".join(lines[j].text for j in ks))) < SETTINGS.title_chars[0]:
        j = ks[0] - 1
        if (j < 0 or not touching(lines[j], lines[ks[0]]) or j not in page.aside or ends_sentence(lines[j].text)
                or _furniture_shaped(lines[j].text, rules)):
            break
        ks.insert(0, j)
    return ks

# A credit's bracket opens at most this many characters before its line's end (（通讯员 欧阳
# 明: a role word and a few names); more, or a clause mark after it, is a story's text.
MAX_OPEN_CREDIT_CHARS = 12


def _opens_bracket(text: str) -> bool:
    """The text ends inside a bracket it opened just before its end, with no clause after it.

    >>> _opens_bracket("活动取得实效。（作者 周"), _opens_bracket("活动取得实效。（作者 周远钢）")
    (True, False)
    >>> _opens_bracket("活动取得实效。（作者 周普梯村，地处滇黔交界")
    False
    """
    start = max(text.rfind("（"), text.rfind("("))
    tail = text[start + 1:]
    return (start >= 0 and len(tail) <= MAX_OPEN_CREDIT_CHARS
            and not any(mark in tail for mark in "）)，。；,;"))


def _closes_bracket(text: str) -> bool:
    """The text closes a bracket opened before it.

    >>> _closes_bracket("远钢 袁喆）"), _closes_bracket("（记者 何超）")
    (True, False)
    """
    close = max(text.find("）"), text.find(")"))
    opened = [i for i in (text.find("（"), text.find("(")) if i >= 0]
    return close >= 0 and (not opened or min(opened) > close)


def _credit(run: TextRun, sections: list[tuple[str | None, list[str]]], rules: Rules) -> Credit:
    """The story's credit from its credit lines, its first and last paragraph (cut off them, in
    place) and its bylines."""
    printed = list(run.credit_lines)
    bylines = list(run.bylines)
    filled = [paras for _, paras in sections if paras]
    if filled and bylines and _opens_bracket(filled[-1][-1]) and _closes_bracket(bylines[0]):
        filled[-1][-1] += bylines.pop(0)  # （作者 周 / 远钢 袁喆）: one credit broken at the line's end
    if filled and not printed:
        lead, rest = credits.split_lead_credit(filled[0][0], rules)
        if lead:
            printed.append(lead)
            filled[0][0:1] = [rest] if rest else []
    filled = [paras for _, paras in sections if paras]
    if filled and not bylines and credits.is_credit_line(filled[-1][-1]):
        printed.append(filled[-1].pop())  # a byline line the model read as text
    filled = [paras for _, paras in sections if paras]
    if filled:
        rest, trail = credits.split_trailing_credit(filled[-1][-1], rules)
        if trail:
            printed.append(trail)
            filled[-1][-1:] = [rest] if rest else []
    printed += bylines
    credit = Credit(text=" ".join(printed) or None)
    for text in printed:
        part = credits.parse_credit(text, rules)
        credit.dateline = credit.dateline or part.dateline
        for name in part.reporters:
            if name not in credit.roles:
                credit.reporters.append(name)
                credit.roles[name] = part.roles[name]
    return credit


def merge_credit_lines(run: TextRun, rules: Rules) -> None:
    """A credit broken over the lines of a narrow column (本报 / 讯（融媒 / 见习记 / 者郑旭 / 华）日)
    is one credit, even when its bracket closes in the first text line; words after the bracket
    are the story's first words."""
    if not run.credit_lines:
        return
    joined = "".join(run.credit_lines)
    first = next((lines for _, lines in run.sections if lines), None)
    borrowed = ""
    if joined.count("（") + joined.count("(") > joined.count("）") + joined.count(")") and first:
        borrowed = first.pop(0)  # the bracket closes in the text's first line
    if len(run.credit_lines) < 2 and not borrowed:
        return
    credit, rest = credits.split_lead_credit(joined + borrowed, rules)
    if credit is None:
        if borrowed and first is not None:
            first.insert(0, borrowed)
        return
    run.credit_lines = [credit]
    if rest:
        if first is None:
            run.sections[0][1].append(rest)
        else:
            first.insert(0, rest)


def credits_closing_stories(page: Page, rules: Rules) -> list[int]:
    """An untitled run that is nothing but a credit in brackets (（通讯员 / 刘正浩）, its first line
    read as a story's first line) closes the story before it: its lines go on that story's
    last paragraph, where the credit is read as a trailing one. A story of no text never
    reaches the portal. Returns the line numbers moved, for the report.

    >>> from .rules import load_rules
    >>> story = TextRun(fresh=True, sections=[(None, ["为全镇人民提供坚强的安全保障。"])])
    >>> credit = TextRun(fresh=True, sections=[(None, ["（通讯员", "刘正浩）"])], numbers=[7, 8])
    >>> page = Page([story, credit], [], [], [])
    >>> credits_closing_stories(page, load_rules()), story.text, credit.absorbed
    ([7, 8], '为全镇人民提供坚强的安全保障。（通讯员刘正浩）', True)
    """
    out: list[int] = []
    before: TextRun | None = None
    for run in page.items:
        if not isinstance(run, TextRun) or run.absorbed:
            continue
        if (before is not None and run.headline is None and run.has_body and not run.bylines
                and len(run.sections) == 1 and before.has_body and not before.closed):
            rest, credit = credits.split_trailing_credit("".join([*run.credit_lines, run.text]), rules)
            if credit is not None and not rest.strip() and (credit.startswith(("（", "(")) or ends_sentence(before.text)):
                last = next(lines for _, lines in reversed(before.sections) if lines)
                last.extend([*run.credit_lines, *run.sections[0][1]])
                before.numbers.extend(run.numbers)
                run.absorbed = True
                out.extend(run.numbers)
                continue
        before = run
    return out


def build_article(run: TextRun, order: int, info: PageInfo, rules: Rules) -> Article:
    """One story: its headline parts, sections of rejoined paragraphs, and its credit."""
    merge_credit_lines(run, rules)
    sections = [(head, rejoin_paragraphs(lines)) for head, lines in run.sections]
    credit = _credit(run, sections, rules)  # before the quotes: a credit's spaces part its names
    sections = [(head, [restore_lost_quotes(p) for p in paras]) for head, paras in sections]
    parts = run.headline.parts if run.headline else []
    numbers = sorted({*run.numbers, *(n for _, line in parts for n in line.lines)})
    return Article(
        source=info, order=order, headline=compose_headline([(r, line.text) for r, line in parts]),
        sections=[Section(h, p) for h, p in sections if h or p],
        credit=credit, continued_to=run.continued_to, lines=numbers,
    )


def assign_captions(articles: list[Article], captions: list[tuple[str, int]], owners: list[int]) -> None:
    """Each photo caption goes to the story whose text it shares most words with, else to the
    story printed before it."""
    if not articles:
        return
    texts = [a.text for a in articles]
    for text, before in captions:
        grams = bigrams(text)
        scores = [sum(1 for g in grams if g in t) for t in texts]
        near = max((k for k, item in enumerate(owners) if item < before), default=0)
        best = max(range(len(articles)), key=lambda k: (scores[k], k == near))
        articles[best if scores[best] else near].captions.append(text)


def unsure_reasons(articles: list[Article], leftovers: list[str], roles: list[LineRole]) -> list[str]:
    """Reasons an editor should look at this page: untitled or short stories, leftovers, and
    headline lines the model was not sure of."""
    reasons: list[str] = []
    for a in articles:
        if a.headline is None:
            reasons.append(f"story {a.order + 1} has no headline")
        chars = cjk_count(a.text)
        if chars < SETTINGS.min_body_chars:
            reasons.append(f"story {a.order + 1} has only {chars} characters of text")
    doubtful = [r for r in roles if r.role in (*HEAD_ROLES, Role.FURNITURE, Role.START, Role.CREDIT)
                and r.confidence < SETTINGS.unsure_confidence]
    for r in doubtful:
        reasons.append(f"line {r.number} read as {r.role} with confidence {r.confidence:.2f}: {r.text[:20]}")
    if leftovers:
        reasons.append(f"{len(leftovers)} leftover lines")
    if not articles:
        reasons.append("no story found")
    return reasons


def _reread_decision(decision: Decision, role: Role, why: str, continues: bool = False) -> Decision:
    """The decision a pass makes of a line the model read otherwise, saying what it was read as
    and why (the report's evidence)."""
    return Decision(role, decision.confidence, (f"read as {decision.role}; {why}",), continues)


def _reread(roles: list[LineRole], k: int, role: Role, why: str) -> None:
    """Give line k the role a pass found, its evidence what it was read as and why."""
    old = roles[k]
    roles[k] = LineRole(old.number, old.text, role, old.confidence, (f"read as {old.role}; {why}",))


def _annotate(roles: list[LineRole], k: int, why: str) -> None:
    """Add a pass's reason to line k's evidence, its role kept."""
    old = roles[k]
    roles[k] = LineRole(old.number, old.text, old.role, old.confidence, (*old.evidence, why))


def assemble_page(lines: list[Line], decisions: list[Decision], info: PageInfo, rules: Rules) -> PageResult:
    """Cut a page's labelled lines into stories, furniture and leftovers."""
    decisions = list(decisions)
    for k, role in credits_as_bylines(lines, decisions, rules).items():
        decisions[k] = _reread_decision(decisions[k], role, (
            "only role words and names: a credit"))
    for k in subheads_over_credits(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "right above a credit that opens a story: its title"))
    for k in titles_ending_sentences(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.BODY, (
            "ends on a full stop: a sentence, no headline"))
    for k, (role, first) in credits_read_as_starts(lines, decisions, rules).items():
        decisions[k] = Decision(role, decisions[k].confidence, (
            f"read as {decisions[k].role}; only role words and names: "
            + ("a credit under its headline" if role is Role.CREDIT else "the byline of the story before"),))
        if first is not None:
            decisions[first] = _reread_decision(decisions[first], Role.START, (
                "the first line after a credit line"))
    for k in leads_after_credits(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens like a story, after a credit that closes the story"
            " before"))
    for k in leads_at_new_measures(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens like a story after a finished sentence, where the"
            " text changes measure"))
    for k in leads_after_bracket_labels(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.KICKER, (
            "a bracketed label alone after a finished sentence, over a"
            " line that opens a story: that story's kicker"))
        decisions[k + 1] = _reread_decision(decisions[k + 1], Role.START, (
            "opens like a story, under a bracketed label"))
    for k in datelines_read_as_bylines(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens with a dateline and goes on past it: a story's"
            " first line"))
    for k in datelines_open_stories(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens with a dateline"))
    lifted = openings_read_as_titles(lines, decisions)
    for k in lifted:
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens on a story's first clause or phrase (a day or 近日"
            " and a comma, 为确保…): the story's first line"))
        j = k + 1
        while j < len(lines) and decisions[j].role is Role.TITLE and decisions[j].continues:
            decisions[j] = Decision(Role.BODY, decisions[j].confidence, (
                f"read as {decisions[j].role} going on line {lines[k].number}: that story's text",))
            j += 1
        # the line after goes on their unfinished sentence: no story's first line
        if j < len(lines) and decisions[j].role is Role.START and not ends_sentence(lines[j - 1].text):
            decisions[j] = replace(decisions[j], role=Role.BODY)
    quoted = quoted_titles(lines, decisions, rules)
    for k in sorted(quoted):
        role = quoted[k]
        goes_on = role is Role.KICKER and k - 1 in quoted and quoted[k - 1] is Role.KICKER
        decisions[k] = _reread_decision(decisions[k], role, (
            "a whole quotation under headline lines, above a story's"
            " first line: the title" if role is Role.TITLE else
            "headline lines above a quoted title: its kicker"), goes_on)
    for k in dash_subtitles(lines, decisions):
        decisions[k] = Decision(Role.SUBTITLE, decisions[k].confidence, (
            f"read as {decisions[k].role} going on the title; opens with a dash: a subtitle",),
            not DASH_OPENING.match(lines[k].text))
    dashed = dash_titles(lines, decisions)
    for k in dashed:
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a paragraph of headline length ending on a dash after a"
            " finished sentence: a headline"), k - 1 in dashed)
    coloned = colon_titles(lines, decisions)
    for k in coloned:
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a paragraph of its own opening on a topic and a colon,"
            " its lines ending no sentence: a headline broken at its colon"), k - 1 in coloned)
    for k in title_ends_read_as_leads(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a few characters and no clause under a title line, the"
            " text under it printing them right after the title's end: the title's wrapped end"), True)
        nxt = next(j for j in range(k + 1, len(lines)) if lines[j].text)
        if decisions[nxt].role is Role.BODY:
            decisions[nxt] = replace(decisions[nxt], role=Role.START)
    for k in colon_title_openings(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a topic ending on a colon right over a title line: that"
            " title's opening, broken at its colon"))
        nxt = next(j for j in range(k + 1, len(lines)) if lines[j].text)
        decisions[nxt] = replace(decisions[nxt], continues=True)
    for k, score in titles_between_stories(lines, decisions, rules).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            f"the text after it and before it share a cosine of {score:.2f}"))
    for k, place in titles_naming_new_places(lines, decisions).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            f"opens with {place}, which the text after it names and the"
            " story before it never does"))
    for k in subheads_touching_titles(lines, decisions, rules):
        after_title = k > 0 and decisions[k - 1].role is Role.TITLE and touching(lines[k - 1], lines[k])
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "printed against a title line, no blank between: a piece"
            " of that title"), after_title)
        if not after_title:  # the title line under it goes on from it
            decisions[k + 1] = replace(decisions[k + 1], continues=True)
    for k in titles_after_credits(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "right after a credit that closes a story, no punctuation,"
            " headline-shaped: the next story's title"))
    for k in titles_read_as_leads(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "no headline over it, shaped as one: no clause mark, short"
            " of the measure under it, no word broken with the line under it"))
        decisions[k + 1] = replace(decisions[k + 1], role=Role.START) if decisions[k + 1].role is Role.BODY \
            else decisions[k + 1]
    for k in titles_opened_by_text(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a block's first line printed against the title line under"
            " it: that title's first piece"))
        decisions[k + 1] = replace(decisions[k + 1], continues=True)
    reprints = far_reprints(lines, decisions)
    for k in reprinted_title_ends(decisions, reprints):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "printed again under the title line above it: that"
            " title's end"), True)
    for k, j in reprints.items():
        decisions[k] = _reread_decision(decisions[k], Role.FURNITURE, (
            f"a second print of line {lines[j].number}"))
    roles = [LineRole(line.number, line.text, d.role, d.confidence, d.evidence)
             for line, d in zip(lines, decisions, strict=True)]
    page = group_items(lines, decisions, rules)
    page.reprinted_pairs = {j: j + 1 for k, j in reprints.items() if reprints.get(k + 1) == j + 1}
    page.lifted_openings = {lines[k].number for k in lifted}
    index = {line.number: k for k, line in enumerate(lines)}
    for line in headings_over_stories(page):
        _reread(roles, index[line.number], Role.TITLE, (
            "no text under it, right above a story's first line"))
    for line in demote_sentence_pieces(page):
        _reread(roles, index[line.number], Role.BODY, (
            "the text after it goes on its sentence"))
    for number in short_leads(page, lines):
        if (k := index.get(number)) is not None:
            roles[k] = LineRole(number, roles[k].text, Role.BODY, roles[k].confidence, (
                *roles[k].evidence, "a short untitled sentence printed against the story after it:"
                " that story's first words"))
    for number, own_first, own_second in split_shared_groups(page):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"a second headline: the lines before it share {own_first:.2f} of their"
            f" words with the story before, it {own_second:.2f} with the story after"))
    for number, own_first, own_second in split_late_pairs(page, rules):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"a second late headline: the lines before it share {own_first:.2f} of"
            f" their words with the text before a paragraph, it {own_second:.2f} with the text after"))
    for line in pair_headlines(page):
        _reread(roles, index[line.number], Role.CAPTION, (
            "a whole clause of its story, and a headline printed apart shares"
            " the story's words: a pull quote"))
    confidence = {line.number: d.confidence for line, d in zip(lines, decisions, strict=True)}
    for line, why in drop_stray_title_tails(page, confidence, rules):
        old = roles[index[line.number]]
        roles[index[line.number]] = LineRole(old.number, old.text, Role.FURNITURE, old.confidence, (
            f"read as {old.role} at {old.confidence:.2f}; {why}",))
    for k in title_tails(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            "right under the title, and its story uses its words: the title's end"))
    for line in place_kickers(page, rules):
        _reread(roles, index[line.number], Role.TITLE, (
            "only a place's name, or a number running on: the title's first line"))
    for line, own, rest in kickers_by_words(page, rules):
        _reread(roles, index[line.number], Role.KICKER, (
            f"its story uses {own:.2f} of its words, the title under it"
            f" {rest:.2f}: a kicker"))
    for kicker_lines, own, rest in phrase_list_kickers(page):
        for line in kicker_lines:
            _reread(roles, index[line.number], Role.KICKER, (
                "a list of phrases over a title without one: its story uses"
                f" {own:.2f} of their words, the title's {rest:.2f}: a kicker"))
    for line in slogan_kickers(page, rules):
        _reread(roles, index[line.number], Role.FURNITURE, (
            "the furniture rules name it: a slogan or label above the headline"))
    for line, old_lines, share in titles_by_words(page, lines, confidence):
        k = index[line.number]
        roles[k] = LineRole(line.number, line.text, Role.TITLE, roles[k].confidence, (
            f"read as {roles[k].role}; shares {share:.2f} of its words with its story, its"
            " headline's title almost none",))
        for x in old_lines:
            k = index[x.number]
            roles[k] = LineRole(x.number, x.text, Role.FURNITURE, roles[k].confidence, (
                f"read as {roles[k].role}; its story uses almost none of its words, line"
                f" {line.number} many",))
    split_resumed(page)
    for head, numbers in stories_without_text(page):
        for number in (n for n in numbers if n in index):  # a merged line's other numbers: none
            _reread(roles, index[number], Role.FURNITURE, (
                f"under the headline 「{head.text}」, too short for a story and"
                " no mark of prose: not its text"))
    for head, _ in tails_read_as_stories(page):
        for _, line in head.parts:
            k = index[line.number]
            roles[k] = LineRole(line.number, line.text, Role.BODY, roles[k].confidence, (
                f"read as {roles[k].role}; the few words under it go on its sentence: the last"
                " sentence of the story before, not a headline",))
    demoted = demote_subheads(page, rules)
    heads = [x.headline for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.headline]
    for line, score in demoted:
        old = roles[index[line.number]]
        kept = any(x.parts[0][1] is line for x in heads)
        roles[index[line.number]] = LineRole(old.number, old.text, old.role if kept else Role.SUBHEAD, old.confidence, (
            f"read as {old.role}; the text after it goes on the story before it (cosine {score:.2f})"
            + (", the page's first story, untitled: its title" if kept else ""),))
    for number, share in leads_of_later_stories(page):
        if number in index:
            old = roles[index[number]]
            roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
                *old.evidence, f"an untitled story that shares {share:.2f} of the smaller one's words"
                " with the story after it, whose headline is printed after its text: that story's lead"))
    for number, own, share in headed_resumes(page):
        if number in index:
            old = roles[index[number]]
            roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
                *old.evidence, f"begins no story, and its headline (printed after it) shares {own:.2f}"
                f" of its words with it and {share:.2f} with the untitled story before: goes on that"
                " story, which takes the headline"))
    for number, share in join_continuations(page, rules):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"opens no headline's story: shares {share:.2f} of the smaller one's words"
            " with the story before it, which nothing closed: goes on that story"))
    for ks, score in rescue_titles(page, lines, rules):
        for k in ks:
            old = roles[k]
            roles[k] = LineRole(old.number, old.text, Role.TITLE, old.confidence,
                                (f"rescued from {old.role}: shares {score:.2f} of its words with its story",))
    if SETTINGS.titles_above_stories:
        for k in titles_above_stories(page, lines, rules):
            _reread(roles, k, Role.TITLE, (
                "headline-shaped, right above a story that opens there and has"
                " no headline"))
    for line, own, other in stacked_headlines(page):
        k = index[line.number]
        _annotate(roles, k, (
            f"printed over another headline: the story under both uses {own:.2f}"
            f" of its words, another story {other:.2f}: a headline of its own"))
    for head, old_share, new_share in rehome_orphans(page, confidence):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"left over, it heads the story that uses {new_share:.2f} of its"
                f" words, not the one it was by ({old_share:.2f})"))
    for head, old_share, new_share in swap_crossed_headlines(page):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"heads the story that uses {new_share:.2f} of its words, not"
                f" the one printed by it ({old_share:.2f})"))
    for head, share in last_headlines(page):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"left over, it heads the untitled story that uses {share:.2f} of"
                " its words (the best left)"))
    for line, title in stacked_title_splits(page):
        k = index[line.number]
        _annotate(roles, k, (
            f"the lower part of the title 「{title}」: its story uses these lines'"
            " words only after a story's opening, the lines above only before it: a headline of its own"))
    for line, title in interleaved_title_splits(page):
        k = index[line.number]
        _annotate(roles, k, (
            f"printed inside the title 「{title}」, its words only after a story's"
            " opening in the text under it, the other lines' only before: the headline of that part"))
    for head, cut_from in far_splits(page):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"left over, it heads the part of 「{cut_from}」 that uses its"
                " words, cut off where they begin"))
    for ks, cut_from in far_splits_by_aside(page, lines, rules):
        for k in ks:
            _reread(roles, k, Role.TITLE, (
                f"heads the part of 「{cut_from}」 that uses its words, cut off"
                " where they begin: a headline printed away from its story"))
    for k, share in far_titles_by_words(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"its untitled story uses {share:.2f} of its words: that story's"
            " title, printed away from it"))
    for line, title in doubled_title_ends(page):
        k = index[line.number]
        roles[k] = LineRole(line.number, line.text, Role.TITLE, roles[k].confidence, (
            f"read as {roles[k].role} in the headline after; printed twice as the title line 「{title}」"
            " over it is, and its story prints it right after that line: that title's wrapped end",))
    for k, title in far_title_heads(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"a box a word runs from into the title 「{title}」, its story"
            " printing that word: that title's first line, printed apart"))
    for k, title in far_title_tails(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"a short box its story prints right after the title 「{title}」:"
            " that title's wrapped end, printed apart"))
    for line, title in undashed_subtitles(page):
        k = index[line.number]
        roles[k] = LineRole(line.number, line.text, Role.SUBTITLE, roles[k].confidence, (
            *roles[k].evidence, f"left over, printed right under the title 「{title}」, its words"
            " that story's as the title's are: that title's subtitle"))
    for number, share in resumes_after_insets(page, rules):
        if (k := index.get(number)) is not None:
            roles[k] = LineRole(number, roles[k].text, roles[k].role, roles[k].confidence, (
                *roles[k].evidence, f"no headline's story: the story before it is closed by its credit,"
                f" and it shares {share:.2f} of its words with the unclosed story before that: goes on it"))
    for number in credits_closing_stories(page, rules):
        if (k := index.get(number)) is None:
            continue  # a line's second print, folded into it
        roles[k] = LineRole(number, roles[k].text, Role.CREDIT, roles[k].confidence, (
            f"read as {roles[k].role}; a credit alone, untitled: it closes the story before",))
    runs = [(k, x) for k, x in enumerate(page.items) if isinstance(x, TextRun) and not x.absorbed]
    articles: list[Article] = []
    owners: list[int] = []
    for k, run in runs:
        if not run.has_body and run.headline is None:
            page.leftovers.extend([*run.credit_lines, *run.bylines, *(h for h, _ in run.sections if h)])
            continue
        article = build_article(run, len(articles), info, rules)
        if not article.paragraphs and not (article.headline and article.headline.title):
            # nothing a reader could read (a credit alone): the editor sees it, the portal not
            page.leftovers.extend(t for t in (article.credit.text, *article.subheads) if t)
            continue
        articles.append(article)
        owners.append(k)
    assign_captions(articles, page.captions, owners)
    if not articles:  # no story to carry the page's photo captions: the editor sees them
        page.leftovers.extend(text for text, _ in page.captions)
    # a headline printed twice in one line: its second print is furniture (the cleaners cut it)
    furniture = page.furniture + [line.second_print or line.text for line in lines if line.doubled]
    return PageResult(info=info, articles=articles, furniture=furniture, leftovers=page.leftovers,
                      unsure=unsure_reasons(articles, page.leftovers, roles), line_roles=roles)
