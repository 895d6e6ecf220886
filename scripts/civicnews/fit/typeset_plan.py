"""What a typeset page holds: its furniture, its stories, their credits and the damage drawn.

A plan is drawn from a seeded ``random.Random`` and the vocabulary in ``typeset_furniture.yml``;
``typeset_html`` draws it and ``gold_of`` says what a careful editor reads on it (the gold schema
of ``../shared/README.md``). Nothing here knows how a page is drawn, only what is on it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from civicnews.fit.corpus import CorpusArticle

FURNITURE_YML = Path(__file__).with_name("typeset_furniture.yml")

# A page holds 1-4 stories; an A3 page at 9.5-11pt fits about 5000 characters of body, and the
# longest validation article has 645, so 4 stories never overflow a page.
MAX_STORIES = 4

# Issue dates are drawn from these years (the corpus articles are from 2015-2025).
FIRST_YEAR, LAST_YEAR = 2015, 2025

# Damage a story may show, each with the chance it is drawn for one story. Fake bold and shadows
# are common on real county-paper PDFs (the seeds print two of five lead headlines twice); a headline
# painted after its body happens wherever a designer placed the headline box last.
# A kicker in 【】 is a column label (the corpus stores it without the brackets).
STORY_DAMAGE = {"fake_bold": 0.2, "shadow": 0.1, "title_after_body": 0.25, "bracket_kicker": 0.3}

# Page layouts (see typeset_html.LAYOUTS) and how many stories each needs at least.
LAYOUT_MIN_STORIES = {"stack": 1, "sidebar": 2, "boxes": 2, "brief_inside": 2, "tight": 1}

# The longest story a narrow sidebar or a boxed brief takes, in body characters: a sidebar is a
# fifth of an A3 page, about 15 characters a line and 60 lines under its headline; a 629-character
# story there ran off the sheet (fit split, seed 2), 500 leaves room for a photo.
NARROW_MAX_CHARS = 500

# 星期一 … 星期日, indexed by date.weekday().
WEEKDAYS = "一二三四五六日"


@cache
def furniture_vocabulary(path: Path = FURNITURE_YML) -> dict:
    """The furniture vocabulary, read once."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class StoryPlan:
    """One story on a page: the article, how its credit is printed and the damage it shows."""

    article: CorpusArticle
    credit_shape: str
    credit_line: str | None = None  # a line of its own, before or after the body
    credit_before_body: bool = False
    lead: str = ""  # glued before the first paragraph (本报讯（记者 X）)
    tail: str = ""  # glued after the last paragraph (（记者 X）)
    dateline: str | None = None
    caption: str | None = None  # photo caption without the ▲
    caption_at: int = 0  # the paragraph the photo follows
    damage: frozenset[str] = frozenset()
    columns: int = 2


@dataclass
class PagePlan:
    """One page: furniture lines by place, the layout and the stories in reading order."""

    number: int
    date: dt.date
    publication: str | None
    layout: str
    stories: list[StoryPlan]
    header: list[str] = field(default_factory=list)
    label: str | None = None
    banner: str | None = None
    banner_at: int = 0  # the story the banner is printed before (0 = under the header)
    footer: list[str] = field(default_factory=list)
    font_pt: float = 10.5
    gap_mm: float = 5.0


def credit_text(article: CorpusArticle) -> str:
    """The names grouped by role as a credit prints them, roles in first-seen order.

    >>> a = CorpusArticle(url="u", title="t", paragraphs=(), reporters=("甲", "乙", "丙"),
    ...                   roles={"甲": "记者", "乙": "通讯员", "丙": "记者"})
    >>> credit_text(a)
    '记者 甲 丙 通讯员 乙'
    """
    groups: dict[str, list[str]] = {}
    for name in article.reporters:
        groups.setdefault(article.roles.get(name, "记者"), []).append(name)
    return " ".join(f"{role} {' '.join(names)}" for role, names in groups.items())


def author_names(article: CorpusArticle) -> str:
    """The names alone, joined by spaces (for 作者/来源/文/图 lines)."""
    return " ".join(article.reporters)


def credit_glued(story: StoryPlan, rng: random.Random) -> None:
    """本报讯（记者 X 通讯员 Y）glued before the first paragraph."""
    story.lead = f"本报讯（{credit_text(story.article)}）"
    story.dateline = "本报讯"


def credit_dateline_and_line(story: StoryPlan, rng: random.Random) -> None:
    """A credit line of its own above the body, the first paragraph opening with 本报讯."""
    story.credit_line = credit_text(story.article)
    story.credit_before_body = True
    story.lead = rng.choice(["本报讯　", "本报讯 "])
    story.dateline = "本报讯"


def credit_trailing(story: StoryPlan, rng: random.Random) -> None:
    """（记者 X）glued after the last paragraph."""
    story.tail = f"（{credit_text(story.article)}）"


def credit_final_line(story: StoryPlan, rng: random.Random) -> None:
    """A last line of its own: 作者 X, ■作者 X, 来源：X, 记者 X 通讯员 Y or 文/图 X."""
    names = author_names(story.article)
    shapes = [f"作者 {names}", f"■作者 {names}", f"来源：{names}", f"文/图 {names}"]
    if set(story.article.roles.values()) != {"作者"}:
        shapes += [credit_text(story.article)] * 2
    story.credit_line = rng.choice(shapes)


def credit_none(story: StoryPlan, rng: random.Random) -> None:
    """No credit: the corpus names nobody."""


# Credit shapes for articles with reporters, drawn uniformly (the corpus shows all of them).
CREDIT_SHAPES: dict[str, Callable[[StoryPlan, random.Random], None]] = {
    "glued": credit_glued,
    "dateline_and_line": credit_dateline_and_line,
    "trailing": credit_trailing,
    "final_line": credit_final_line,
}


def place_of(district: str, suffixes: list[str]) -> str:
    """A district's name without its administrative suffix, as a masthead prints it.

    >>> place_of("槐荫区", ["街道", "区", "县"]), place_of("振兴街街道", ["街道", "区"])
    ('槐荫', '振兴街')
    """
    for suffix in suffixes:
        if district.endswith(suffix) and len(district) - len(suffix) >= 2:
            return district[: -len(suffix)]
    return district


def person_name(rng: random.Random, vocab: dict) -> str:
    """A made-up two- or three-character name."""
    given = "".join(rng.choice(vocab["given_chars"]) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(vocab["surnames"]) + given


def printed_date(day: dt.date, rng: random.Random) -> str:
    """An issue date in one of the shapes papers print.

    >>> printed_date(dt.date(2024, 3, 5), random.Random(1))
    '2024年3月5日 星期二'
    """
    weekday = "星期" + WEEKDAYS[day.weekday()]
    shapes = [
        f"{day.year}年{day.month}月{day.day}日 {weekday}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month}月{day.day}日　{weekday}",
        f"{day.year}-{day.month:02d}-{day.day:02d} {weekday}",
    ]
    return shapes[rng.choice((0, 0, 1, 2, 3))]


def slogan(rng: random.Random, vocab: dict) -> str:
    """Two (sometimes four) phrases of one theme on one line."""
    theme = rng.choice(vocab["slogan_themes"])
    n = rng.choice((2, 2, 2, 4))
    phrases = theme[:n] if rng.random() < 0.7 else rng.sample(theme, n)
    return rng.choice((" ", "　", "  ")).join(phrases)


def hotline(rng: random.Random, vocab: dict) -> str:
    """A hotline with a random number."""
    number = f"{rng.choice(vocab['area_codes'])}-{rng.randint(2, 8)}{rng.randint(0, 9999999):07d}"
    return f"{rng.choice(vocab['hotline_labels'])}：{number}"


def editor_line(rng: random.Random, vocab: dict) -> str:
    """责任编辑：X 校对：Y and the like."""
    roles = rng.sample(vocab["editor_roles"], rng.choice((1, 2, 2, 3)))
    return rng.choice(("  ", " ", "　")).join(f"{r}：{person_name(rng, vocab)}" for r in roles)


def caption(rng: random.Random, vocab: dict) -> str:
    """A photo caption (printed after a ▲)."""
    sentence = (
        rng.choice(vocab["caption_subjects"])
        + rng.choice(vocab["caption_places"])
        + rng.choice(vocab["caption_actions"])
    )
    credit = rng.choice(vocab["caption_credits"]).format(name=person_name(rng, vocab))
    return sentence + ("。" if rng.random() < 0.5 else "") + credit


def page_label(number: int, rng: random.Random, vocab: dict) -> str:
    """A page/section label such as A2 城市新闻 or 第3版：综合新闻."""
    shape = rng.choice(vocab["label_shapes"])
    return shape.format(letter=rng.choice("ABCD"), page=number, section=rng.choice(vocab["sections"]))


def masthead(places: list[str], rng: random.Random, vocab: dict) -> tuple[str, str, str]:
    """The masthead line as printed, the publication's name and the place it names."""
    place = rng.choice(places) if places and rng.random() < 0.7 else None
    place = place or rng.choice(vocab["generic_places"])
    shape = rng.choice(vocab["mastheads"])
    return shape["printed"].format(place=place), shape["publication"].format(place=place), place


def masthead_note(place: str, rng: random.Random, vocab: dict) -> str:
    """A small line printed beside the masthead."""
    note = rng.choice(vocab["masthead_notes"])
    cn = f"{rng.randint(11, 65)}-{rng.randint(1, 99):04d}"
    return note.format(place=place, n=cn if "CN" in note else rng.randint(1000, 9999),
                       pages=rng.choice("四八十"))


def header_lines(plan: PagePlan, places: list[str], rng: random.Random, vocab: dict) -> None:
    """Fill the page's masthead, date, label and notes (inside pages often print no masthead)."""
    if plan.number == 1 or rng.random() < 0.6:
        printed, plan.publication, place = masthead(places, rng, vocab)
        plan.header.append(printed)
        for _ in range(rng.choice((0, 1, 1, 2))):
            plan.header.append(masthead_note(place, rng, vocab))
    plan.header.append(printed_date(plan.date, rng))
    if rng.random() < 0.85:
        plan.label = page_label(plan.number, rng, vocab)
        plan.header.append(plan.label)


def footer_lines(plan: PagePlan, rng: random.Random, vocab: dict) -> None:
    """Fill the page's foot: editor line and hotline, each on most pages."""
    if rng.random() < 0.8:
        plan.footer.append(editor_line(rng, vocab))
    if rng.random() < 0.6:
        plan.footer.append(hotline(rng, vocab))


def plan_story(article: CorpusArticle, rng: random.Random, vocab: dict) -> StoryPlan:
    """A story's credit shape, photo and damage."""
    shape = rng.choice(list(CREDIT_SHAPES)) if article.reporters else "none"
    story = StoryPlan(article=article, credit_shape=shape, columns=rng.randint(2, 5))
    (CREDIT_SHAPES.get(shape) or credit_none)(story, rng)
    if rng.random() < 0.35:
        story.caption = caption(rng, vocab)
        story.caption_at = rng.randrange(len(article.paragraphs))
    damage = [name for name, p in STORY_DAMAGE.items() if rng.random() < p]
    if "fake_bold" in damage and "shadow" in damage:
        damage.remove("shadow")
    story.damage = frozenset(damage)
    return story


class ArticleDeck:
    """Articles dealt without replacement, reshuffled when the deck runs out."""

    def __init__(self, articles: list[CorpusArticle], rng: random.Random):
        self.articles, self.rng, self.deck = list(articles), rng, []

    def deal(self, n: int) -> list[CorpusArticle]:
        """n distinct articles (fewer only when the corpus has fewer)."""
        hand: list[CorpusArticle] = []
        while len(hand) < min(n, len(self.articles)):
            if not self.deck:
                self.deck = self.rng.sample(self.articles, len(self.articles))
            article = self.deck.pop()
            if all(article.url != a.url for a in hand):
                hand.append(article)
        return hand


def body_chars(article: CorpusArticle) -> int:
    """How many characters an article's body has."""
    return sum(map(len, article.paragraphs))


def random_date(rng: random.Random) -> dt.date:
    """An issue date between FIRST_YEAR and LAST_YEAR."""
    first = dt.date(FIRST_YEAR, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(first, dt.date(LAST_YEAR, 12, 31).toordinal()))


def plan_page(number: int, deck: ArticleDeck, rng: random.Random) -> PagePlan:
    """Draw one page: stories, layout, furniture and type size."""
    vocab = furniture_vocabulary()
    articles = deck.deal(rng.choice((1, 2, 2, 3, 3, 4)))
    articles.sort(key=body_chars, reverse=True)  # longest first: a narrow place gets the shortest
    narrow_fits = body_chars(articles[-1]) <= NARROW_MAX_CHARS
    layouts = [k for k, need in LAYOUT_MIN_STORIES.items() if len(articles) >= need
               and (narrow_fits or k not in ("sidebar", "brief_inside"))]
    plan = PagePlan(number=number, date=random_date(rng), publication=None,
                    layout=rng.choice(layouts), stories=[])
    if plan.layout == "brief_inside":  # the longest story hosts the shortest as a boxed brief
        articles = [articles[0], articles[-1], *articles[1:-1]]
    elif plan.layout != "sidebar":  # the sidebar takes the last; elsewhere any order
        rng.shuffle(articles)
    plan.stories = [plan_story(a, rng, vocab) for a in articles]
    places = [place_of(d, vocab["place_suffixes"]) for a in articles for d in a.districts]
    header_lines(plan, places, rng, vocab)
    if rng.random() < 0.5:
        plan.banner = slogan(rng, vocab)
        plan.banner_at = rng.randrange(len(articles))
    footer_lines(plan, rng, vocab)
    plan.font_pt = rng.choice((9.5, 10, 10.5, 11))
    plan.gap_mm = 1.2 if plan.layout == "tight" else rng.choice((4.0, 5.0, 6.0))
    return plan


def furniture_of(plan: PagePlan) -> list[str]:
    """Every furniture line of a page, verbatim, top to bottom."""
    banner = [plan.banner] if plan.banner else []
    return plan.header + banner + plan.footer


def gold_article(story: StoryPlan) -> dict:
    """What an editor records for one story (gold schema of ../shared/README.md)."""
    a = story.article
    return {
        "kicker": a.kicker,
        "title": a.title,
        "subtitle": a.subtitle,
        "reporters": list(a.reporters),
        "roles": {name: a.roles.get(name, "记者") for name in a.reporters},
        "dateline": story.dateline,
        "districts": list(a.districts),
        "campaigns": [],
        "event_dates": [],
        "subheads": [],
        "captions": [story.caption] if story.caption else [],
        "continued_to": None,
        "paragraphs": list(a.paragraphs),
        "notes": f"credit {story.credit_shape}; damage {', '.join(sorted(story.damage)) or 'none'};"
                 f" source {a.url}",
    }


def gold_of(plan: PagePlan, source: str) -> dict:
    """The gold reading of a page: furniture verbatim, stories in reading order."""
    return {
        "source": source,
        "publication": plan.publication,
        "page_label": plan.label,
        "page_banner": plan.banner,
        "furniture": furniture_of(plan),
        "articles": [gold_article(s) for s in plan.stories],
        "notes": f"typeset page, layout {plan.layout}, body {plan.font_pt}pt, column gap {plan.gap_mm}mm",
    }
