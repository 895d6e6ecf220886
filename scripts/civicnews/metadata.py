"""Metadata stage: credits, districts, campaigns and event dates of one article.

A chain of small extractors, each filling one field from the article's own text and the
editor's rule files (trafilatura's extract_metadata shape).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Article, Credit, Headline, PageInfo
from .patterns import CJK, EVENT_DATE
from .rules import Rules

# A story without any headline gets its first clause as a title, cut at this many characters.
FALLBACK_TITLE_CHARS = 24


def split_names(chunk: str, rules: Rules) -> list[str]:
    """Names after a role word: space separated, or run together in a narrow column.

    >>> from civicnews.rules import load_rules
    >>> split_names("胡晶晶 李丹丹", load_rules())
    ['胡晶晶', '李丹丹']
    >>> split_names("胡晶晶李丹丹", load_rules())
    ['胡晶晶', '李丹丹']
    """
    names: list[str] = []
    for token in chunk.split():
        token = re.sub(f"[^{CJK}·]", "", token)
        if not token:
            continue
        if len(token) <= rules.name_max:
            names.append(token)
            continue
        # names run together: three characters each is the common case, else twos
        size = 3 if len(token) % 3 == 0 else 2 if len(token) % 2 == 0 else 3
        names.extend(token[k : k + size] for k in range(0, len(token), size))
    return [n for n in names if len(n) >= rules.name_min]


@lru_cache(maxsize=8)
def _role_pattern(role_words: tuple[str, ...], group_suffixes: tuple[str, ...]) -> re.Pattern[str]:
    """A role word (记者) or a team name (柯城采访小组) in a credit."""
    roles = "|".join(map(re.escape, role_words))
    groups = "|".join(map(re.escape, group_suffixes))
    return re.compile(rf"(\S*(?:{groups}))|({roles})" if groups else rf"({roles})")


def parse_credit(text: str, rules: Rules) -> Credit:
    """Dateline, reporters and their roles from a credit as printed.

    >>> from civicnews.rules import load_rules
    >>> c = parse_credit("本报讯 （记者 吴怡婧 通讯员 张霞艳）", load_rules())
    >>> c.dateline, c.reporters, c.roles
    ('本报讯', ['吴怡婧', '张霞艳'], {'吴怡婧': '记者', '张霞艳': '通讯员'})
    >>> parse_credit("■柯城采访小组 毛霄云 姚沐水", load_rules()).roles
    {'毛霄云': '柯城采访小组', '姚沐水': '柯城采访小组'}
    >>> parse_credit("本报讯（融媒见习记者郑旭华）", load_rules()).reporters
    ['郑旭华']
    """
    credit = Credit(text=text)
    body = text.strip().lstrip(rules.byline_marks).strip()
    for word in rules.datelines:
        if body.startswith(word):
            credit.dateline = word
            body = body[len(word) :]
            break
    body = re.sub(r"[（()）]", " ", body).strip()
    pieces = list(_role_pattern(rules.roles, rules.group_suffixes).finditer(body))
    for k, m in enumerate(pieces):
        role = m.group(0)
        end = pieces[k + 1].start() if k + 1 < len(pieces) else len(body)
        for name in split_names(body[m.end() : end], rules):
            if name not in credit.roles:
                credit.reporters.append(name)
                credit.roles[name] = role
    return credit


def home_place(info: PageInfo, rules: Rules) -> str | None:
    """The place a paper covers, from the manifest's publication name."""
    return rules.publications.get(info.publication or "")


def _mentions(text: str, rules: Rules) -> dict[str, int]:
    """Canonical places named in a text (longest spelling wins, overlaps counted once)."""
    spellings = sorted(
        ((spelling, place.name) for place in rules.places.values() for spelling in (place.name, *place.aliases)),
        key=lambda sp: -len(sp[0]),
    )
    taken = [False] * len(text)
    found: dict[str, int] = {}
    for spelling, name in spellings:
        for m in re.finditer(re.escape(spelling), text):
            if any(taken[m.start() : m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            found[name] = found.get(name, 0) + 1
    return found


def likely_home(found: dict[str, int], rules: Rules) -> str | None:
    """Without a known paper, the county the story's places lie in: mentions of a county and of
    its zones and towns count for it (开发区 → 永康经济开发区 → 永康市).

    >>> from civicnews.rules import load_rules
    >>> likely_home({"永康经济开发区": 3, "芝英镇": 1, "杭州市": 1}, load_rules())
    '永康市'
    """
    votes: dict[str, int] = {}
    for name, count in found.items():
        for place in (name, *rules.ancestors(name)):
            if rules.places[place].level == "county":
                votes[place] = votes.get(place, 0) + count
                break
    order = {name: k for k, name in enumerate(rules.places)}
    return max(votes, key=lambda n: (votes[n], -order[n])) if votes else None


def page_home(articles: list[Article], info: PageInfo, rules: Rules) -> str | None:
    """The county a page covers: its paper's, or the one its stories' places lie in."""
    text = "".join(_headline_text(a.headline) + "".join(a.paragraphs) for a in articles)
    return home_place(info, rules) or likely_home(_mentions(text, rules), rules)


def find_districts(article: Article, info: PageInfo, rules: Rules, fallback_home: str | None = None) -> list[str]:
    """Places the story is about: the paper's home, places inside it that the text names, and
    places outside it that the text says the story happens in (坐落于衢州市…).

    Listed county level first, then zones and towns, each in the order of the gazetteer.
    """
    text = _headline_text(article.headline) + "".join(article.paragraphs)
    home = home_place(info, rules)
    found = _mentions(text, rules)
    if home is None:
        # the story's own places first; a story naming none is about its page's county
        home = likely_home(found, rules) or fallback_home
    chosen: set[str] = {home} if home else set()
    for name in found:
        if home and (name == home or home in rules.ancestors(name)):
            chosen.add(name)
        elif any(re.search(re.escape(w) + r"\S{0,2}" + re.escape(name[:2]), text) for w in rules.located_in):
            chosen.add(name)
    order = {name: k for k, name in enumerate(rules.places)}
    levels = {"province": 0, "city": 1, "county": 2, "zone": 3, "town": 3}
    return sorted(chosen, key=lambda n: (levels.get(rules.places[n].level, 4), order.get(n, 0)))


def find_campaigns(article: Article, rules: Rules) -> list[str]:
    """Campaign labels whose keywords the story uses often enough, or in its headline."""
    head = _headline_text(article.headline)
    body = "".join(article.paragraphs)
    out = []
    for campaign in rules.campaigns:
        hits = sum(body.count(k) for k in campaign.keywords)
        if hits >= rules.campaign_min_hits or any(k in head for k in campaign.keywords):
            out.append(campaign.label)
    return out


def find_event_dates(article: Article) -> list[str]:
    """Dates with a month named in the story, in order, each once.

    >>> from civicnews.model import Article, PageInfo, Section
    >>> a = Article(PageInfo("x"), 0, None, [Section(None, ["3月25日，干部们出发。3月25日再去。4月初完成。"])])
    >>> find_event_dates(a)
    ['3月25日', '4月初']
    """
    out: list[str] = []
    for m in EVENT_DATE.finditer("".join(article.paragraphs)):
        if m.group(0) not in out:
            out.append(m.group(0))
    return out


def fallback_title(article: Article) -> Headline:
    """A title for a story printed without one: its first clause."""
    first = article.paragraphs[0] if article.paragraphs else ""
    clause = re.split("[，。！？：；]", first, maxsplit=1)[0]
    return Headline(title=clause[:FALLBACK_TITLE_CHARS])


def _headline_text(headline: Headline | None) -> str:
    if headline is None:
        return ""
    return "".join(t for t in (headline.kicker, headline.title, headline.subtitle) if t)


def fill_metadata(article: Article, info: PageInfo, rules: Rules, home: str | None = None) -> Article:
    """Fill the article's credit, districts, campaigns and event dates in place."""
    printed = article.credit.text or ""
    credit = parse_credit(printed, rules) if printed else Credit()
    credit.text = printed or None
    article.credit = credit
    if article.headline is None:
        article.headline = fallback_title(article)
        article.steps.append("fallback_title")
    article.districts = find_districts(article, info, rules, fallback_home=home)
    article.campaigns = find_campaigns(article, rules)
    article.event_dates = find_event_dates(article)
    return article
