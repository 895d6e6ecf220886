"""Metadata stage: districts, campaigns and event dates of one article (``fill_metadata``).

A chain of small extractors, each filling one field from the article's own text and the
editor's rule files (trafilatura's extract_metadata shape): districts.find_districts (the
district tagger), campaigns.find_campaigns, and find_event_dates and fallback_title here. The
credit was read by the credits stage while the story was assembled.
"""

from __future__ import annotations

import re

from .campaigns import find_campaigns
from .districts import find_districts
from .model import Article, Headline, PageInfo
from .patterns import EVENT_DATE
from .rules import Rules

# A story without any headline gets its first clause as a title, cut at this many characters.
FALLBACK_TITLE_CHARS = 24


def find_event_dates(article: Article) -> list[str]:
    """Dates with a month named in the story, in order, each once.

    >>> from civicnews.model import Article, PageInfo, Section
    >>> a = Article(PageInfo("x"), 0, None, [Section(None, ["3月25日，干部们出发。3月25日再去。4月初完成。"])])
    >>> find_event_dates(a)
    ['3月25日', '4月初']
    """
    out: list[str] = []
    for date in event_dates("".join(article.paragraphs)):
        if date not in out:
            out.append(date)
    return out


# Characters of an event date before its 月 (2019年12) and after it (31日下午12时30分), at most.
DATE_BEFORE_MONTH = 7
DATE_AFTER_MONTH = 16


def event_dates(text: str) -> list[str]:
    """What ``EVENT_DATE.finditer`` finds, looked for only around each 月: scanning every
    character with the pattern cost about a tenth of the metadata stage.

    >>> event_dates("2019年12月31日下午3时，12345月，5月")
    ['2019年12月31日下午3时', '45月', '5月']
    """
    out: list[str] = []
    done = 0  # end of the last date found: dates do not overlap
    month = text.find("月")
    while month >= 0:
        if month >= done:
            found = EVENT_DATE.search(text, max(done, month - DATE_BEFORE_MONTH), month + DATE_AFTER_MONTH)
            if found and found.start() < month:
                out.append(found.group(0))
                done = found.end()
        month = text.find("月", month + 1)
    return out


# A story's opening dateline (本报讯（记者 X）, 融媒讯) before its first clause: no title's words.
_OPENING_DATELINE = re.compile(r"^\s*[^，。！？\s（(]{0,10}讯\s*(?:[（(][^）)]{0,40}[）)])?\s*")
# A clause that says only when (4月28日, 10月14日上午, 近日): no title either.
_WHEN_ONLY = re.compile(
    r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:[上中下]午|早上|晚上|晚|凌晨|傍晚)?(?:\d{1,2}[时点](?:\d{1,2}分)?)?"
    r"|近日|日前|近期|今年以来|连日来|近年来|昨日|昨天|今天|今日|目前|当前|近段时间以来|近一段时间以来")


def fallback_title(article: Article) -> Headline:
    """A title for a story printed without one: its first clause that says more than when, after
    any dateline, cut at ``FALLBACK_TITLE_CHARS`` (a title of 4月28日 tells a reader nothing).

    >>> from .model import Section
    >>> def story(text: str) -> Article:
    ...     return Article(source=PageInfo(file="p.txt"), order=0, headline=None, sections=[Section(None, [text])])
    >>> fallback_title(story("本报讯（记者 刘臣）4月28日，我县举行重点产业项目集中开工仪式，现场开工。")).title
    '我县举行重点产业项目集中开工仪式'
    >>> fallback_title(story("近日，驿城区水屯镇防汛应急综合演练启动。")).title
    '驿城区水屯镇防汛应急综合演练启动'
    >>> fallback_title(story("寒意渐浓，初心炽热。")).title
    '寒意渐浓'
    """
    first = article.paragraphs[0] if article.paragraphs else ""
    clauses = [c.strip() for c in re.split("[，。！？：；,]", _OPENING_DATELINE.sub("", first, count=1)) if c.strip()]
    clause = next((c for c in clauses if not _WHEN_ONLY.fullmatch(c)), clauses[0] if clauses else first)
    return Headline(title=clause[:FALLBACK_TITLE_CHARS])


def fill_metadata(article: Article, info: PageInfo, rules: Rules, home: str | None = None) -> Article:
    """Fill the article's districts, campaigns and event dates in place (its credit was read by
    the credits stage while the story was assembled)."""
    if article.headline is None:
        article.headline = fallback_title(article)
        article.steps.append("fallback_title")
    article.districts = find_districts(article, info, rules, fallback_home=home)
    article.campaigns = find_campaigns(article, rules)
    article.event_dates = find_event_dates(article)
    return article
