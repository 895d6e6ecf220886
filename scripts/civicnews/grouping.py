"""Grouping: the page's lines into headline groups and text runs, then the groups' first fixes.

In the order they run:
1. ``group_items`` (with ``cut_jump_markers``): consecutive display lines form a headline group;
   text lines form runs, a new run beginning at a story's first line (a credit or a START line)
   and a run ending at a byline; furniture and captions go aside (a headline line printed after
   page furniture begins a headline of its own, ``HeadGroup.parted``); ``open_under_headlines``: a run
   opening with a subhead right under a headline begins a story unless it uses an earlier run's
   words (that story resumed);
2. ``headings_over_stories``: subheads with no text under them right before a story's first
   line are that story's headline;
3. ``demote_sentence_pieces``: a title line whose last word runs on into the text after it is a
   piece of a sentence, back into the text;
4. ``short_leads``: an untitled short sentence printed against the run after it is that run's
   first words, not a story.
"""

from __future__ import annotations

from . import credits
from .features import opens_story, spans_a_word
from .labeler import Decision
from .line_shapes import _CLAUSE_ENDS, touching
from .model import Line, R
from .page_items import HEAD_ROLES, HeadGroup, Page, TextRun, _shares_with
from .paragraphs import ends_sentence
from .patterns import CONTINUATION
from .rules import Rules
from .settings import SETTINGS

# The order the parts of one headline are printed in: a part earlier than the last one seen
# begins the next headline.
_PART_ORDER = {R.KICKER: 0, R.TITLE: 1, R.SUBTITLE: 2}


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


def group_items(lines: list[Line], decisions: list[Decision], rules: Rules) -> Page:
    """Walk the page once: headline groups and text runs in print order, furniture and captions
    aside. Furniture and captions printed inside a story do not break it."""
    page = Page([], cut_jump_markers(lines), [], [])
    parted = False  # page furniture printed since the last headline line
    for index, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        role, items = decision.role, page.items
        if not line.text:
            continue
        if role is R.FURNITURE:
            page.furniture.append(line.text)
            page.aside[index] = line
            parted = SETTINGS.furniture_parts_headlines
        elif role is R.CAPTION:
            page.captions.append((line.text, len(items)))
            page.aside[index] = line
        elif role in HEAD_ROLES:
            last = items[-1] if items else None
            last_role = last.parts[-1][0] if isinstance(last, HeadGroup) else None
            # a headline line after page furniture (the date strip, the masthead) begins a
            # headline of its own: PyMuPDF prints a far story's title at the page's top, over
            # the date strip and the first story's own headline
            goes_on = last_role is not None and not parted and (
                _PART_ORDER[role] > _PART_ORDER[last_role] or (role is last_role and decision.continues))
            if isinstance(last, HeadGroup) and goes_on:
                last.parts.append((role, line))
            else:
                items.append(HeadGroup([(role, line)], parted=parted and isinstance(last, HeadGroup)))
            parted = False
        elif role is R.SUBHEAD:
            run = _open_run(items)
            if run is None:
                run = TextRun(fresh=False)  # no story begins with a subhead: one goes on here
                run.sections = []
                items.append(run)
            run.sections.append((line.text, []))
            run.numbers.extend(line.lines)
            run.heading_lines.append(line)
        elif role is R.CREDIT:
            run = _open_run(items)
            if run is None or run.has_body:
                run = TextRun(fresh=True, begun=True)
                items.append(run)
            run.credit_lines.append(line.text)
            run.numbers.extend(line.lines)
        elif role is R.BYLINE and not credits.has_names(line.text, rules):
            page.furniture.append(line.text)  # a "byline" naming nobody: a slogan or a label
            page.aside[index] = line
        elif role is R.BYLINE:
            run = next((x for x in reversed(items) if isinstance(x, TextRun)), None)
            if run is None or run.bylines and not _open_run(items):
                page.leftovers.append(line.text)
                continue
            run.bylines.append(line.text)
            run.numbers.extend(line.lines)
            run.closed = True
        else:  # START or BODY
            run = _open_run(items)
            starts = role is R.START and run is not None and (run.has_body or not run.credit_lines)
            if run is None or starts:
                after_head = bool(items) and isinstance(items[-1], HeadGroup)
                run = TextRun(fresh=role is R.START or after_head, begun=role is R.START)
                items.append(run)
            run.add(line, index)
    open_under_headlines(page)
    return page


def texts_running_across(page: Page, numbers: set[int]) -> None:
    """The run right under a headline made only of lines in ``numbers`` (headlines printed as a
    block of their own over text that opens no story: ``line_rereads.blocks_read_as_text``)
    does not begin a story: the headline finds its own story by its words (``pairing``).

    >>> page = Page([TextRun(fresh=True), HeadGroup([(R.TITLE, Line(5, "", "荣县人大代表开展视察"))]),
    ...              TextRun(fresh=True)], [], [], [])
    >>> texts_running_across(page, {5}); page.items[2].fresh
    False
    """
    if not numbers:
        return
    items = page.items
    for head, run in zip(items, items[1:], strict=False):
        if isinstance(head, HeadGroup) and isinstance(run, TextRun) and not run.begun \
                and all(line.number in numbers for _, line in head.parts):
            run.fresh = False


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
            items[k] = HeadGroup([(R.TITLE, line) for line in run.heading_lines])
            after.fresh = True
            out.extend(run.heading_lines)
    return out


# The attributive particle 的 at a line's end leaves its noun to the next line (…直接服务群众的 /
# “前沿阵地”): no headline ends on it (no title of the corpus' fitting part, the seeds or the
# generated gold of the held-out fitting sets does; every one of our titles that did, 4 on
# gB1-3 at stop 38, was a sentence's piece).
_DANGLING_ENDS = ("的",)


def demote_sentence_pieces(page: Page) -> list[Line]:
    """A title line whose last word runs on into the text right after it (综合开发、重 /
    大项目建设: 重大) or that ends in a clause mark or on 的: a piece of a sentence broken at the
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
        while first and head.parts and head.parts[-1][0] is R.TITLE:
            line = head.parts[-1][1]
            # a word across the break counts only when the text after does not open like a
            # story (read as its first line, or 日前，… after 工作: 工作日 is chance)
            spans = not (run.begun or opens_story(first[0])) and spans_a_word(line.text, first[0])
            if not line.text or not (line.text.endswith(_CLAUSE_ENDS) or line.text.endswith(_DANGLING_ENDS) or spans):
                break
            head.parts.pop()
            first.insert(0, line.text)
            run.numbers[:0] = list(line.lines)
            # a story's first words printed as its headline's last line (a quotation read as the
            # title under the real one): the headline left above, no clause in it, still opens
            # the story (a quotation's first line left above is a piece too: …完好如初，说明荣城)
            run.fresh = (bool(head.parts) and line.text.endswith(_DANGLING_ENDS)
                         and not any(mark in head.text for mark in _CLAUSE_ENDS))
            out.append(line)
        if not head.parts:
            items.pop(k - 1)
    return out


def short_leads(page: Page, lines: list[Line]) -> list[int]:
    """An untitled run of one short finished sentence or two (under ``min_story_chars``
    characters, no credit) printed right against the run after it, no blank between, is that
    run's first words, not a story: a paragraph cut where its next sentence opens on a date
    (冬寒渐起，热心不减。 / 12月5日志愿者日这天，…). Its lines go on the run after it.
    Returns their line numbers, for the report.

    >>> page_lines = [Line(1, "", "冬寒渐起，热心不减。"), Line(2, "", "12月5日，绿华镇开展志愿活动。")]
    >>> short = TextRun(fresh=True, begun=True, sections=[(None, ["冬寒渐起，热心不减。"])], numbers=[1], first=0, last=0)
    >>> story = TextRun(fresh=True, begun=True, sections=[(None, ["12月5日，绿华镇开展志愿活动。"])], numbers=[2], first=1, last=1)
    >>> page = Page([short, story], [], [], [])
    >>> short_leads(page, page_lines), story.text
    ([1], '冬寒渐起，热心不减。12月5日，绿华镇开展志愿活动。')
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
