"""Segment stage: walk a page's Units in order and cut it into stories.

The rules, in the words of a layout editor:
- a headline followed by body (or by a dateline) opens a story;
- a dateline (本报讯…) after body opens a new story; if no headline came before it, the story's
  headline is the next display text after its body (titles printed after their body), and the
  story it interrupted resumes afterwards (a brief printed inside a long story);
- display text between body runs of an open story is a subhead;
- a trailing byline or a (下转2版) marker ends a story;
- display text that no story claims (slogans at the foot of the page) is furniture;
- photo captions go to the story whose text they share most words with.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from .blocks import em_width, ends_sentence, line_width, rejoin_paragraphs, restore_lost_quotes
from .headline import (
    HeadlineParts,
    all_labels,
    join_display,
    restore_lost_quotes_in_headline,
    split_headline,
    split_trailing_subhead,
)
from .model import Article, Credit, Headline, Kind, Line, PageInfo, PageResult, Section, Unit
from .patterns import CJK_CHAR
from .rules import Rules

# Subheads run one or two lines (seeds: 12 subheads, none deeper); three or more stacked
# display lines between two runs of body are a new story's headline.
NEW_STORY_MIN_LINES = 3
# A stack of display lines at the page foot with this much text is a title, not a slogan.
TITLE_STACK_MIN_CHARS = 14
# A one-line headline this short may be a section's subhead (对下一步工作提出要求).
WEAK_TITLE_MAX = 12
# ... holding at least this many characters (a subhead broken in a narrow column is shorter:
# 宣讲在一线/为企业发展增添/不竭动力, 16; seed headline stacks hold 25 to 35).
NEW_STORY_MIN_CHARS = 20
# Each phrase of a kicker pair has at least this many characters (互看互学互比 勇当排头兵).
KICKER_PHRASE_MIN = 4
# Text under display lines set in a column this much wider or narrower than the story before
# is another story (seed columns within one story vary by under 15%).
COLUMN_CHANGE = 1.3
# ... judged only once the story has this many lines in its column (a boxed lead of a few
# wide lines above a story's narrow columns is no evidence: seed 000).
MIN_COLUMN_LINES = 8
# A closing block set this many times wider than the rest of its story is the story's boxed
# lead (seed 002: a 40-character lead under 15-character columns).
WIDE_LEAD_RATIO = 1.8
# A story whose body is shorter than this (CJK characters) is reported as unsure.
MIN_BODY_CHARS = 80


@dataclass
class _Draft:
    """A story while the page is being walked."""

    headline: HeadlineParts | None = None
    dated: bool = False  # opened by a dateline
    credit: str | None = None
    byline: str | None = None
    sections: list[tuple[str | None, list[list[str]]]] = field(default_factory=lambda: [(None, [])])
    captions: list[str] = field(default_factory=list)
    continued_to: str | None = None
    lines: list[int] = field(default_factory=list)
    steps: set[str] = field(default_factory=set)
    first_on_page: bool = False
    text_above_headline: bool = False  # a pull quote printed above the headline
    body_since_headline: bool = False  # text has followed its headline (or it has none)
    column: float = 0.0  # printed width of the column its last text ran in
    column_lines: int = 0  # how many lines it has set in that column

    @property
    def has_body(self) -> bool:
        return any(run for _, runs in self.sections for run in runs)

    @property
    def needs_title(self) -> bool:
        return self.headline is None

    def add_run(self, lines: list[Line]) -> None:
        texts = [line.text for line in lines if line.text]
        if texts:
            self.sections[-1][1].append(texts)
            self.body_since_headline = True
            column = column_of(lines)
            if column and self.column and abs(column - self.column) <= 1:
                self.column_lines += len(texts)
            elif column:
                self.column, self.column_lines = column, len(texts)
        self.note(lines)

    def split_at_first_subhead(self, headline: HeadlineParts) -> _Draft:
        """Move this story's sections from its first subhead on into a new story."""
        tail = _Draft(headline=headline, sections=self.sections[1:], body_since_headline=True)
        self.sections = self.sections[:1]
        return tail

    def demote_headline(self) -> None:
        """Make the headline the first section's subhead (it headed a section, not the story)."""
        if self.headline is not None and self.sections[0][0] is None:
            self.sections[0] = (self.headline.title, self.sections[0][1])
        self.headline = None

    def add_subhead(self, text: str) -> None:
        self.sections.append((text, []))

    def note(self, lines: list[Line]) -> None:
        for line in lines:
            self.lines.extend(line.lines)
            self.steps.update(line.steps)
            if line.continued_to:
                self.continued_to = line.continued_to


def column_of(lines: list[Line]) -> float:
    """The column width a run of body lines was set in (its upper quartile of line widths)."""
    widths = sorted(line_width(line) for line in lines if line.text)
    return widths[(3 * len(widths)) // 4] if len(widths) >= 3 else 0.0


def starts_new_story(texts: list[str], units: list[Unit], i: int, current: _Draft, nxt: Kind | None) -> str | None:
    """Display text between two runs of body starts a new story when it is stacked three lines
    deep, is a kicker over a title, or is followed by more display text after the story had
    text: then it is that story's "headline". When only the column changes under it, a new
    story begins whose title is printed elsewhere: "untitled" (the line is its subhead)."""
    stacked = len(texts) >= NEW_STORY_MIN_LINES and sum(map(_chars, texts)) >= NEW_STORY_MIN_CHARS
    if stacked and not split_headline(texts).captions:
        return "headline"
    if len(texts) >= 2 and _kicker_pair(texts[0]):
        return "headline"
    if nxt is Kind.HEADLINE and current.body_since_headline and current.headline is not None:
        return "headline"  # a headline, then its subhead; a subhead is followed by text
    below = next((u for u in units[i + 1 :] if u.kind is Kind.BODY), None)
    width = column_of(below.lines) if below else 0.0
    if not width or current.column_lines < MIN_COLUMN_LINES:
        return None
    ratio = width / current.column
    if ratio > COLUMN_CHANGE or ratio < 1 / COLUMN_CHANGE:
        return "headline" if len(texts) >= 2 else "untitled"
    return None


def _spacing_break(unit: Unit) -> int | None:
    """Where a blank line splits a stack of display lines into two headlines (the last such
    place), or None when the stack is set tight."""
    cuts = [k for k, line in enumerate(unit.lines) if k > 0 and line.gap_before > 0 and line.text]
    return cuts[-1] if cuts else None


def _title_stack(texts: list[str]) -> bool:
    """Two or more display lines with a headline's worth of text (slogans are one line)."""
    return len(texts) >= 2 and sum(map(_chars, texts)) >= TITLE_STACK_MIN_CHARS


def _weak_headline(draft: _Draft) -> bool:
    """A story headed by one short display line only, with text under it and no dateline."""
    h = draft.headline
    return (
        h is not None and not h.kicker and not h.subtitle and not draft.dated
        and draft.has_body and draft.body_since_headline and _chars(h.title) <= WEAK_TITLE_MAX
    )


def _chars(text: str) -> int:
    return len(text.replace(" ", ""))


def _kicker_pair(text: str) -> bool:
    """A line of two phrases of four or more characters each, above another display line, is a
    kicker (坚持发展第一要务 推动经济高质量发展): subheads are not stacked under one."""
    phrases = text.split(" ")
    return len(phrases) == 2 and min(len(p) for p in phrases) >= KICKER_PHRASE_MIN


def _next_kind(units: list[Unit], i: int) -> Kind | None:
    """Kind of the next unit that is story text (furniture and captions skipped)."""
    for unit in units[i + 1 :]:
        if unit.kind not in (Kind.FURNITURE, Kind.CAPTION):
            return unit.kind
    return None


def _doubled(unit: Unit) -> frozenset[str]:
    """Display lines of a unit that were printed twice: the biggest type on the page."""
    return frozenset(line.text for line in unit.lines if line.doubled)


def _texts(unit: Unit) -> list[str]:
    return [line.text for line in unit.lines if line.text]


def segment_page(units: list[Unit], info: PageInfo, rules: Rules) -> PageResult:
    """Cut a page's units into stories, furniture and leftovers."""
    drafts: list[_Draft] = []
    furniture: list[str] = []
    leftovers: list[str] = []
    captions: list[tuple[str, int]] = []  # caption and the index of the story before it
    current: _Draft | None = None
    interrupted: list[_Draft] = []  # stories a brief was printed inside, to resume

    def open_story(draft: _Draft) -> _Draft:
        draft.first_on_page = not drafts
        drafts.append(draft)
        return draft

    closed: list[_Draft] = []  # stories ended by a byline or a jump, newest last

    def resume() -> _Draft | None:
        return interrupted.pop() if interrupted else None

    def close(draft: _Draft) -> _Draft | None:
        closed.append(draft)
        return resume()

    def untitled_closed() -> _Draft | None:
        """The last story that ended without a headline: its title may follow its byline."""
        return closed[-1] if closed and closed[-1].needs_title and closed[-1].has_body else None

    for i, unit in enumerate(units):
        nxt = _next_kind(units, i)
        for line in unit.lines:
            if line.marker:
                furniture.append(line.marker)
            if line.doubled:
                furniture.append(line.text)  # the second print of a doubled headline
        if unit.kind is Kind.FURNITURE:
            furniture.extend(line.text for line in unit.lines)
        elif unit.kind is Kind.CAPTION:
            captions.extend((line.text, len(drafts) - 1) for line in unit.lines)
        elif unit.kind is Kind.BYLINE:
            story = current if current is not None else (closed[-1] if closed else None)
            if story is not None and story.byline is None:
                # a byline ends its story; after a jump line it still belongs to the story
                story.byline = " ".join(_texts(unit))
                story.note(unit.lines)
                if story is current:
                    current = close(current)
            else:
                leftovers.extend(_texts(unit))
        elif unit.kind is Kind.DATELINE:
            first, rest = unit.lines[0], unit.lines[1:]
            if current is None or current.has_body:
                if current is not None and not current.continued_to:
                    interrupted.append(current)
                current = open_story(_Draft(dated=True))
            current.dated = True
            current.credit = first.credit
            current.add_run([first, *rest])
            if current.continued_to:
                current = close(current)  # (下转2版): the rest of this story is on another page
        elif unit.kind is Kind.BODY:
            if current is None:
                current = open_story(_Draft())
            current.add_run(unit.lines)
            if current.continued_to:
                current = close(current)  # (下转2版): the rest of this story is on another page
        elif unit.kind is Kind.HEADLINE:
            texts = _texts(unit)
            if current is not None and current.needs_title and current.has_body and (
                (current.dated and nxt is not Kind.DATELINE) or nxt not in (Kind.BODY, Kind.HEADLINE)
            ):
                # (an untitled story followed by display text and a dateline: the display text
                # is its title, the dated story after it gets its own after its body)
                # title printed after its body: the story is complete, the one it sat in resumes
                cut = _spacing_break(unit) if nxt is Kind.DATELINE else None
                if cut is not None:
                    # its title, then (after a blank line) the headline of the dated story below
                    current.headline = split_headline(texts[:cut], allow_captions=False, doubled=_doubled(unit))
                    current.note(unit.lines[:cut])
                    interrupted.clear()
                    current = open_story(_Draft(headline=split_headline(texts[cut:], doubled=_doubled(unit))))
                    current.note(unit.lines[cut:])
                    continue
                subhead = None
                if interrupted and nxt is Kind.BODY:
                    texts, subhead = split_trailing_subhead(texts)
                current.headline = split_headline(texts, allow_captions=False, doubled=_doubled(unit))
                current.note(unit.lines)
                current = resume()
                if current is not None and subhead:
                    current.add_subhead(_join_subhead([subhead]))
            elif (current is None or not current.has_body) and nxt is not Kind.BODY and untitled_closed():
                # the title of a story printed after its byline or its jump line
                story = untitled_closed()
                assert story is not None
                story.headline = split_headline(texts, allow_captions=False, doubled=_doubled(unit))
                story.note(unit.lines)
                closed.pop()
            elif current is not None and _weak_headline(current) and len(texts) >= 2 and nxt in (Kind.HEADLINE, Kind.DATELINE):
                # a story that began under a one-line subhead gets its stacked title after its
                # body, right before the next story: the first line was its first subhead
                current.demote_headline()
                current.headline = split_headline(texts, allow_captions=False, doubled=_doubled(unit))
                current.note(unit.lines)
                current = close(current)
            elif nxt is Kind.DATELINE or current is None:
                interrupted.clear()
                current = open_story(_Draft(headline=split_headline(texts, doubled=_doubled(unit))))
                current.note(unit.lines)
            elif current.needs_title and current.first_on_page and not current.dated:
                # text printed above the page's first headline (a pull quote) belongs to it
                current.headline = split_headline(texts, doubled=_doubled(unit))
                current.text_above_headline = True
                current.body_since_headline = False
                current.note(unit.lines)
            elif nxt is None and current is not None and _title_stack(texts) and len(current.sections) > 1 and current.headline:
                # a title printed at the foot of the page, no untitled story left: it heads the
                # text from the open story's first subhead on (a story printed after a brief)
                current = open_story(current.split_at_first_subhead(split_headline(texts, doubled=_doubled(unit))))
                current.note(unit.lines)
            elif nxt is None:
                furniture.extend(texts)
            elif current.headline is not None and not current.has_body and len(current.sections) == 1:
                if all_labels(texts):
                    current.captions.extend(texts)  # photo labels printed under the headline
                else:
                    current.add_subhead(" ".join(texts))
                current.note(unit.lines)
            elif (start := starts_new_story(texts, units, i, current, nxt)) is not None:
                interrupted.clear()
                if start == "headline":
                    current = open_story(_Draft(headline=split_headline(texts, doubled=_doubled(unit))))
                else:
                    current = open_story(_Draft())
                    current.add_subhead(_join_subhead(texts))
                current.note(unit.lines)
            else:
                current.add_subhead(_join_subhead(texts))
                current.note(unit.lines)
    articles = [_finish(d, k, info, leftovers) for k, d in enumerate(drafts)]
    articles = [a for a in articles if a is not None]
    _assign_captions(articles, drafts, captions)
    unsure = _unsure(articles, leftovers)
    return PageResult(info=info, articles=articles, furniture=furniture, leftovers=leftovers, unsure=unsure)


def _join_subhead(texts: list[str]) -> str:
    """A subhead broken over lines: rejoined, lost quotes restored, decoration dots dropped.

    >>> _join_subhead(["·全民参与·", "合力按下 创文 快进键"])
    '全民参与 合力按下“创文”快进键'
    """
    parts = [restore_lost_quotes_in_headline(t.strip("·• ")) for t in texts]
    if any(t.startswith(("·", "•")) for t in texts):
        return " ".join(parts)
    return join_display(parts)


def _paragraphs(runs: list[list[str]]) -> list[str]:
    """Rejoin each run's lines; a run that starts mid-sentence continues the last paragraph."""
    out: list[str] = []
    for run in runs:
        paras = rejoin_paragraphs(run)
        if out and paras and not ends_sentence(out[-1]):
            out[-1] += paras.pop(0)
        out.extend(paras)
    return [restore_lost_quotes(p) for p in out]


def move_wide_lead_first(draft: _Draft) -> None:
    """A story whose text starts under a subhead or a pull quote has its lead (导语) elsewhere:
    a block set in a much wider column at the end of the story is that lead, put first."""
    starts_without_lead = draft.text_above_headline or (not draft.sections[0][1] and len(draft.sections) > 1)
    runs = draft.sections[-1][1]
    if not starts_without_lead or not runs:
        return
    last = runs[-1]
    widths = [em_width(t) for _, rs in draft.sections for run in rs for t in run]
    wide = WIDE_LEAD_RATIO * statistics.median(widths)
    k = len(last)
    while k > 0 and (em_width(last[k - 1]) >= wide or ends_sentence(last[k - 1])):
        k -= 1
    while k < len(last) and em_width(last[k]) < wide:
        k += 1  # a narrow paragraph's last line is not part of the wide block
    if k == 0 or k >= len(last) or len(last) - k < 2:
        return
    runs[-1] = last[:k]
    draft.sections[0][1].insert(0, last[k:])


def _finish(draft: _Draft, order: int, info: PageInfo, leftovers: list[str]) -> Article | None:
    move_wide_lead_first(draft)
    sections = [Section(subhead=sub, paragraphs=_paragraphs(runs)) for sub, runs in draft.sections]
    sections = [s for s in sections if s.subhead or s.paragraphs]
    if not any(s.paragraphs for s in sections):
        # a headline with no story: keep its text for the editor
        if draft.headline:
            h = draft.headline
            leftovers.extend(t for t in (h.series, h.kicker, h.title, h.subtitle) if t)
        leftovers.extend(s.subhead for s in sections if s.subhead)
        return None
    headline = None
    if draft.headline:
        h = draft.headline
        headline = Headline(title=h.title, kicker=h.kicker, subtitle=h.subtitle, series=h.series)
    credit = Credit(text=" ".join(t for t in (draft.credit, draft.byline) if t) or None)
    article = Article(
        source=info,
        order=order,
        headline=headline,
        sections=sections,
        credit=credit,
        captions=list(draft.headline.captions) if draft.headline else [],
        continued_to=draft.continued_to,
        lines=sorted(set(draft.lines)),
        steps=sorted(draft.steps),
    )
    article.captions.extend(draft.captions)
    return article


def _bigrams(text: str) -> Counter[str]:
    chars = "".join(CJK_CHAR.findall(text))
    return Counter(chars[i : i + 2] for i in range(len(chars) - 1))


def _assign_captions(articles: list[Article], drafts: list[_Draft], captions: list[tuple[str, int]]) -> None:
    """Give each caption to the story sharing most character pairs with it, else the one before."""
    if not articles or not captions:
        return
    bodies = [_bigrams(a.text) for a in articles]
    for text, before in captions:
        grams = _bigrams(text)
        scores = [sum((grams & body).values()) for body in bodies]
        best = max(range(len(articles)), key=lambda k: (scores[k], k == before))
        if scores[best] == 0:
            best = min(max(before, 0), len(articles) - 1)
        articles[best].captions.append(text)


def _unsure(articles: list[Article], leftovers: list[str]) -> list[str]:
    """Reasons an editor should look at this page's segmentation."""
    reasons: list[str] = []
    for a in articles:
        if a.headline is None:
            reasons.append(f"story {a.order + 1} has no headline")
        chars = len(CJK_CHAR.findall(a.text))
        if chars < MIN_BODY_CHARS:
            reasons.append(f"story {a.order + 1} has only {chars} characters of text")
    if leftovers:
        reasons.append(f"{len(leftovers)} leftover lines")
    if not articles:
        reasons.append("no story found")
    return reasons
