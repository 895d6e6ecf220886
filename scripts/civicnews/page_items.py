"""What the assemble passes share: the page's items and how much of its words two texts share.

``HeadGroup`` (a story's kicker, title and subtitle lines), ``TextRun`` (one story's text lines,
subheads and credits) and ``Page`` (what ``grouping.group_items`` found, in print order) are the
data every pass reads and changes; ``HEAD_ROLES`` are the roles of a headline's lines.
The word shares every pass decides by, all over character bigrams (``features.bigrams``):
- ``similarity``: the share of a headline's bigrams its story's text uses;
- ``_share`` and ``shared_split_point``: which of two headlines a text uses and where, in a
  run, the text stops using one and starts using the other;
- ``cosine`` and ``containment``: two texts' shared bigrams against both sizes or the smaller;
- ``_shares_with``: the share of a text's bigrams another text uses;
- ``is_pull_quote`` and ``_opens_a_sentence``: a line that is a whole clause of its story, or
  its words at a sentence's start (a pull quote or a subhead, no title).
``cut_run`` and ``_take_aside`` are the two edits several passes make: cut a run's text in two,
take a set-aside line back from the furniture or captions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .features import bigrams
from .model import Line, Role
from .paragraphs import ends_sentence
from .patterns import CJK_CHAR
from .settings import SETTINGS

HEAD_ROLES = (Role.KICKER, Role.TITLE, Role.SUBTITLE)


@dataclass
class HeadGroup:
    """Consecutive display lines: one story's kicker, title and subtitle."""

    parts: list[tuple[Role, Line]]
    claimed: bool = False
    # printed after page furniture (the date strip) that follows another headline: no part of
    # that headline (grouping.group_items, pairing.pair_headlines)
    parted: bool = False

    @property
    def text(self) -> str:
        return "".join(line.text for _, line in self.parts)


@dataclass
class TextRun:
    """Consecutive text lines of one story, with the subheads and credits printed among them."""

    fresh: bool  # began at a story's first line (a credit or START line, or under a headline)
    begun: bool = False  # its first line was read as a story's first line (START or a credit)
    sections: list[tuple[str | None, list[str]]] = field(default_factory=lambda: [(None, [])])
    credit_lines: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    continued_to: str | None = None
    headline: HeadGroup | None = None
    closed: bool = False  # ended by a byline or a jump line
    absorbed: bool = False  # merged into an earlier story
    first: int = -1  # index in the page's lines of its first and last text line
    last: int = -1
    heading_lines: list[Line] = field(default_factory=list)  # its subheads' lines, in order

    @property
    def has_body(self) -> bool:
        return any(lines for _, lines in self.sections)

    @property
    def text(self) -> str:
        sections = self.sections
        if len(sections) == 1:  # most stories: one section's lines, joined in one C call
            return "".join(sections[0][1])
        return "".join([t for _, lines in sections for t in lines])

    def add(self, line: Line, index: int) -> None:
        self.first = index if self.first < 0 else self.first
        self.last = index
        self.sections[-1][1].append(line.text)
        self.numbers.extend(line.lines)
        if line.continued_to:
            self.continued_to = line.continued_to
            self.closed = True

    def take(self, run: TextRun) -> None:
        """Join ``run``'s text, credits and jump line onto this story and mark ``run`` absorbed;
        the caller decides what ``closed``, ``last`` and the headlines become."""
        self.sections.extend(run.sections)
        self.numbers.extend(run.numbers)
        self.bylines.extend(run.bylines)
        self.continued_to = self.continued_to or run.continued_to
        run.absorbed = True


@dataclass
class Page:
    """What ``group_items`` found on a page, in print order."""

    items: list[HeadGroup | TextRun]
    furniture: list[str]
    captions: list[tuple[str, int]]  # caption and the number of items before it
    leftovers: list[str]
    aside: dict[int, Line] = field(default_factory=dict)  # furniture and caption lines by index
    orphans: list[HeadGroup] = field(default_factory=list)  # headlines left for the editor
    # line index -> the next line's, where a second print shows the two are one headline
    reprinted_pairs: dict[int, int] = field(default_factory=dict)
    # numbers of story openings read as title lines (openings_read_as_titles): a story whose
    # first lines a PDF tool printed over its headline
    lifted_openings: set[int] = field(default_factory=set)


def _shares_with(text: str, other: str) -> float:
    """Share of the text's bigrams found in the other text."""
    grams = bigrams(text)
    return sum(1 for g in grams if g in other) / len(grams) if grams else 0.0


def similarity(head: HeadGroup, run: TextRun) -> float:
    """Share of a headline's character bigrams that the story's text uses.

    >>> run = TextRun(fresh=True, sections=[(None, ["开发区全力推进创卫工作，"])])
    >>> similarity(HeadGroup([(Role.TITLE, Line(1, "", "开发区创卫"))]), run)
    0.75
    """
    grams = bigrams(head.text)
    if not grams:
        return 0.0
    text = run.text
    return sum(1 for g in grams if g in text) / len(grams)


# A pull quote repeats at least this many characters of its story word for word: shorter
# phrases (推进会, 创卫) recur in any story by chance.
PULL_QUOTE_MIN_CHARS = 6


def _opens_a_sentence(quote: str, story: str) -> bool:
    """The story has the text at a sentence's start (after 。！？, a line break or at its very
    beginning): a paragraph's opening words printed as a pull quote or a subhead (在采访过程中),
    where a title's second half is a later clause (…，计划总投资44.8亿元).

    >>> _opens_a_sentence("在采访过程中", "记者走访。在采访过程中，大家认为…"), _opens_a_sentence("计划总投资", "签约17个，计划总投资")
    (True, False)
    """
    at = story.find(quote.strip())
    while at >= 0:
        if at == 0 or story[at - 1] in "。！？\n":
            return True
        at = story.find(quote.strip(), at + 1)
    return False


def is_pull_quote(line: str, story: str) -> bool:
    """A line that is a whole clause of its story, word for word (the words between two clause
    marks): a pull quote. A title's second half is found in its story too, but inside a clause
    (察看民生 / 项目和惠民实事).

    >>> is_pull_quote("对参会人员提出要求", "从三个方面，对参会人员提出要求。会议强调…")
    True
    >>> is_pull_quote("项目和惠民实事", "代表们察看民生项目和惠民实事，听取汇报。")
    False
    """
    quote = line.strip()
    if len(CJK_CHAR.findall(quote)) < PULL_QUOTE_MIN_CHARS:
        return False
    # each place the story has it, by str.find: what re.search(f"(?:^|[{_QUOTE_OPENS}]"
    # f"{re.escape(quote)}(?:[{_QUOTE_CLOSES}]|$)") finds ($: the end or a last "\n"), without
    # compiling a pattern for every quote (0.5 ms a call)
    at, size = story.find(quote), len(story)
    while at >= 0:
        end = at + len(quote)
        if ((at == 0 or story[at - 1] in _QUOTE_OPENS)
                and (end == size or story[end] in _QUOTE_CLOSES or (end == size - 1 and story[end] == "\n"))):
            return True
        at = story.find(quote, at + 1)
    return False


# The marks a pull quote's clause begins after and ends before (is_pull_quote).
_QUOTE_OPENS = "，。；！？：、“”"
_QUOTE_CLOSES = "，。；！？、”"


def cut_run(run: TextRun, k: int) -> TextRun:
    """Cut the run's last section before its k-th line; the tail is a story of its own."""
    subhead, lines = run.sections[-1]
    tail = TextRun(fresh=True, sections=[(None, lines[k:])], bylines=run.bylines,
                   continued_to=run.continued_to, closed=run.closed)
    cut_numbers = len(run.numbers) - (len(lines) - k)
    tail.numbers, run.numbers = run.numbers[cut_numbers:], run.numbers[:cut_numbers]
    run.sections[-1] = (subhead, lines[:k])
    run.bylines, run.continued_to, run.closed = [], None, False
    return tail


def _share(head: HeadGroup, text: str, other: str = "") -> float:
    """The largest share of one headline part's bigrams that the text uses and ``other`` does
    not (a kicker or a figurative title may share none)."""
    best = 0.0
    for _, line in head.parts:
        grams = bigrams(line.text)
        if grams:
            best = max(best, sum(1 for g in grams if g in text and g not in other) / len(grams))
    return best


def shared_split_point(first: HeadGroup, second: HeadGroup, lines: list[str], floor: float | None = None) -> int | None:
    """Where two stories run together, the first's headline above them and the second's below:
    the paragraph start that leaves the most of each headline's words on its side (of equal
    cuts the latest: a story's own words come early in it). A cut needs ``min_split_overlap``
    of the second headline's words after it, and as much of either headline's words on its
    side only (a slogan shares words all through the story under it)."""
    floor = SETTINGS.min_split_overlap if floor is None else floor
    best, best_score = None, -1.0
    for k in range(1, len(lines)):
        if not ends_sentence(lines[k - 1]):
            continue
        front_text, tail_text = "".join(lines[:k]), "".join(lines[k:])
        tail = _share(second, tail_text)
        front_only, tail_only = _share(first, front_text, tail_text), _share(second, tail_text, front_text)
        if tail >= floor and max(front_only, tail_only) >= floor and front_only + tail_only >= best_score:
            best, best_score = k, front_only + tail_only
    return best


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared bigrams against the sizes of both sets: a long story does not win by length alone.

    >>> round(cosine(frozenset({"开发", "发区"}), frozenset({"开发", "发区", "创卫", "卫工"})), 3)
    0.707
    """
    return len(a & b) / (len(a) * len(b)) ** 0.5 if a and b else 0.0


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared bigrams against the smaller set: how much of the shorter text the other uses. A
    story cut off after its first paragraph is short, and cosine against the long rest of it
    stays low though the rest names its people and places again.

    >>> lead, rest = frozenset({"开发", "发区"}), frozenset({"开发", "发区", "创卫", "卫工", "工作", "作会"})
    >>> round(cosine(lead, rest), 3), containment(lead, rest)
    (0.577, 1.0)
    """
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _take_aside(page: Page, text: str) -> None:
    """Take a line set aside as furniture or a photo caption back from the page's lists."""
    if text in page.furniture:
        page.furniture.remove(text)
    else:
        page.captions = [c for c in page.captions if c[0] != text]
