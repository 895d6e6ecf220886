"""Plain dataclasses that carry a page through the pipeline, one stage to the next.

decode → lines → labeler → assemble → metadata → markdown; each stage reads the previous
stage's dataclasses and returns new ones, nothing flows backwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """The role a line plays on the page: what the line-role model labels each line with."""

    FURNITURE = "furniture"  # masthead, page label, slogan, hotline, a headline's second print
    KICKER = "kicker"  # 引题: the display line above a title
    TITLE = "title"  # 主题
    SUBTITLE = "subtitle"  # 副题, often after ——
    SUBHEAD = "subhead"  # a section heading inside a story
    CREDIT = "credit"  # a credit line opening a story: 本报讯（记者 …）, ■采访组 …
    START = "start"  # the first text line of a story that has no credit line of its own
    BODY = "body"  # story text going on
    BYLINE = "byline"  # a credit line closing a story: 作者 X, 来源：X, （记者 X）
    CAPTION = "caption"  # a photo caption


class R:
    """Role's members as plain class attributes (``R.BODY is Role.BODY``), for the passes that
    test roles on every line of every page: ``Role.BODY`` takes the enum metaclass's attribute
    path (EnumType has a ``__getattr__`` hook, so every lookup calls ``type.__getattribute__``
    through Python's call machinery: ~150 ns against ~20 ns here), and the line passes asked
    ~3,800 times a page (~4 % of the extraction's instructions)."""

    FURNITURE = Role.FURNITURE
    KICKER = Role.KICKER
    TITLE = Role.TITLE
    SUBTITLE = Role.SUBTITLE
    SUBHEAD = Role.SUBHEAD
    CREDIT = Role.CREDIT
    START = Role.START
    BODY = Role.BODY
    BYLINE = Role.BYLINE
    CAPTION = Role.CAPTION


@dataclass(frozen=True)
class PageInfo:
    """What the manifest (pages.yml) knows about a page that its text does not say."""

    file: str  # the page file's name, e.g. 000_6b38b89e44bd9a24.txt
    publication: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd issue date
    page: int | str | None = None
    date_estimated: bool = False


@dataclass(slots=True)  # made for every line of every page, read in every stage: no instance dict
class Line:
    """One non-blank line of a page after line-level cleaning."""

    number: int  # 1-based line number in the decoded page text
    raw: str  # the line as decoded, without its line end
    text: str  # cleaned: letter spacing, padded numbers and doubled headlines removed
    frame_start: bool = False  # the PDF tool began a new text frame here (leading space)
    doubled: bool = False  # printed twice in one line (ABAB): display type
    lines: tuple[int, ...] = ()  # the raw line numbers this line stands for
    gap_before: int = 0  # blank lines right before it, beyond the page's spacing (lines.spacing_unit)
    width: float = 0.0  # printed width in em, padding around numbers included
    steps: tuple[str, ...] = ()  # names of the line cleaners that changed it
    continued_to: str | None = None  # a (下转2版) marker cut out of this line
    second_print: str = ""  # what undouble cut: the headline's second print (page furniture)
    note: str = ""  # why the line stage moved or parted it (headlines side by side), for the report
    head_start: bool = False  # the line stage parted it off as another story's headline
    column_piece: bool = False  # the line stage parted it off a row read across columns: text


@dataclass
class Headline:
    """The display lines of one story, split into its parts."""

    title: str
    kicker: str | None = None
    subtitle: str | None = None
    series: str | None = None  # a series label such as 记者走边陲 老乡话小康②


@dataclass
class Credit:
    """Who wrote a story and how the page said so."""

    dateline: str | None = None  # 本报讯
    reporters: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    text: str | None = None  # the credit as printed, for the leftovers report


@dataclass
class Section:
    """A run of body text under an optional subhead."""

    subhead: str | None
    paragraphs: list[str]


@dataclass
class Article:
    """One story found on a page, before and after metadata is filled in."""

    source: PageInfo
    order: int  # position on the page, in reading order (0-based)
    headline: Headline | None
    sections: list[Section]
    credit: Credit = field(default_factory=Credit)
    captions: list[str] = field(default_factory=list)
    continued_to: str | None = None
    lines: list[int] = field(default_factory=list)  # raw line numbers this article used
    districts: list[str] = field(default_factory=list)
    campaigns: list[str] = field(default_factory=list)
    event_dates: list[str] = field(default_factory=list)
    id: str = ""
    steps: list[str] = field(default_factory=list)  # names of cleaners that changed its text

    @property
    def paragraphs(self) -> list[str]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def subheads(self) -> list[str]:
        return [s.subhead for s in self.sections if s.subhead]

    @property
    def text(self) -> str:
        return "".join(self.paragraphs)


@dataclass(frozen=True)
class LineRole:
    """The role one line got, the model's confidence and the features that decided it."""

    number: int  # 1-based line number in the page text
    text: str
    role: Role
    confidence: float
    evidence: tuple[str, ...] = ()


@dataclass
class PageResult:
    """Everything one page gave: its articles, furniture and whatever was left over."""

    info: PageInfo
    articles: list[Article]
    furniture: list[str]
    leftovers: list[str]  # lines that went nowhere: an editor should look at them
    unsure: list[str] = field(default_factory=list)  # reasons the segmentation looks doubtful
    lines_total: int = 0
    line_roles: list[LineRole] = field(default_factory=list)  # every line's role and why


# A headline's parts as one text, as the district tagger and campaigns read it (here, below both).
def _headline_text(headline: Headline | None) -> str:
    if headline is None:
        return ""
    return "".join(t for t in (headline.kicker, headline.title, headline.subtitle) if t)
