"""District tagger, the paper's place: the place a publication covers (home_place,
home_readings, shared_home; paper_place_part and county_after_its_city for a local paper's name,
local_paper_name for one that only shares a short form; domain_home for a site known only by
its address), the place a
whole page covers (page_home, which the pipeline passes to each story's find_districts), and
the tests that a story is not about its paper's place (far_from, story_elsewhere,
voice_elsewhere, organs_of_its_own, named_only_outside).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .mentions import (
    NOT_COMING_BEFORE,
    _story_mentions,
    _went_pattern,
    without_places_left_for,
    without_prose_words,
)
from .model import Article, PageInfo, _headline_text
from .place_votes import TOWN_SUFFIX_END, _readings, _tied, story_place
from .places import RANK, Mention
from .rules import Rules
from .settings import SETTINGS


def home_place(info: PageInfo, rules: Rules) -> str | None:
    """The place a paper covers, as a gazetteer code: the editor's entry for the publication,
    else the place its name spells (义乌商报 → 义乌市, 阳新县融媒体中心 → 阳新县).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [rules.gazetteer.divisions[home_place(PageInfo("x", publication=p), rules)].name
    ...  for p in ("义乌商报", "永康日报", "北京市海淀区人大常委会", "人民网-贵州频道")]
    ['义乌市', '永康市', '海淀区', '贵州省']
    >>> [rules.gazetteer.divisions[home_place(PageInfo("x", publication=p), rules)].name
    ...  for p in ("仙桃日报", "今日麻城", "会同发布", "阳新融媒体中心", "万年文明网")]
    ['仙桃市', '麻城市', '会同县', '阳新县', '万年县']
    >>> [home_place(PageInfo("x", publication=p), rules) for p in ("凤凰新闻", "东方头条", "东方资讯")]
    [None, None, None]
    >>> [rules.gazetteer.divisions[home_place(PageInfo("x", publication=p), rules)].name
    ...  for p in ("公安新闻中心", "复兴文明网")]
    ['公安县', '复兴区']
    """
    return home_readings(info, rules)[0]


# A paper's or app's name: an app's opening (今日, 云上, 掌上, 爱…), a place's short form, and a
# word for local news media (日报, 发布, 融媒, 新闻网…), nothing else (今日仙桃, 麻城日报, 会同发布).
# Not a bare 网 or 新闻, nor 头条, 资讯: national portals and apps spell such words (凤凰网, 凤凰新闻,
# 东方头条, 东方资讯 are no 凤凰县's or 东方市's); a national paper that still reads so is listed in
# gazetteer.yml publications with no place (光明日报). The county media centres' own words
# (融媒体中心, 新闻中心, 发布厅, 广电, 之声, 文明网) name no national outlet: without them 阳新融媒体中心
# or 万年文明网 spelled no place (the 60 counties whose short form is a common word, stop 38).
PAPER_OPENING = r"(?:今日|云上|掌上|爱|无线|看|智慧|大美)([\u4e00-\u9fff]{2,3})"
MEDIA_WORDS = (r"(?:日报|晚报|都市报|商报|时报|报|新闻网|发布|发布厅|融媒|融媒体|融媒体中心|新闻中心|在线|手机台|"
               r"广播电视台|电视台|广电|之声|文明网|之窗|客户端|视窗|微报)")
PAPER_MEDIA = r"([\u4e00-\u9fff]{2,3}?)" + MEDIA_WORDS
PAPER_NAMED = re.compile(f"^(?:{PAPER_OPENING}$|{PAPER_MEDIA}$)")
# the two shapes apart (爱辉发布 has both: 爱 + 辉发布 and 爱辉 + 发布)
PAPER_SHAPES = (re.compile(f"^{PAPER_MEDIA}$"), re.compile(f"^{PAPER_OPENING}$"))


def paper_place_part(publication: str, rules: Rules) -> tuple[int, int] | None:
    """Where the place lies in a name of PAPER_NAMED's shape, when that part is one place's
    spelling or short word (阳新 in 阳新融媒体中心, 海南 in 云上海南); None otherwise. The media
    word is tried first: 爱辉发布 is 爱辉 and 发布, not 爱 and 辉发布.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [paper_place_part(p, rules) for p in ("爱辉发布", "云上海南", "公安新闻中心", "新华网")]
    [(0, 2), (2, 4), (0, 2), None]
    """
    gaz = rules.gazetteer
    memo = gaz.memo("paper_place_part")  # (a page's name is read for each of its stories)
    if publication not in memo:
        memo[publication] = None
        for shape in PAPER_SHAPES:
            named = shape.match(publication)
            part = named and named.group(1)
            if part and (part in gaz.word_shorts or any(m.start == 0 and m.end == len(part) for m in gaz.find(part))):
                memo[publication] = named.span(1)
                break
    return memo[publication]


def home_readings(info: PageInfo, rules: Rules) -> tuple[str | None, tuple[str, ...]]:
    """The place a paper's name spells for certain (as home_place), and the readings of a more
    specific name in it that several places share (通州区人民政府: 北京's 通州区 and 南通's), which
    the story's own places may decide between (``shared_home``); () when there is none.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> home, shared = home_readings(PageInfo("x", publication="通州区人民政府"), rules)
    >>> home, [rules.gazetteer.ancestors(c)[0] for c in shared]
    (None, ['110000', '320600'])
    """
    gaz = rules.gazetteer
    publication = info.publication or ""
    if publication in rules.publications:
        return place_code(rules.publications[publication], rules), ()
    mentions = [m for m in gaz.find(publication) if m.spelling not in gaz.local_words]
    part = paper_place_part(publication, rules) if publication else None
    if part and any(m.start < edge < m.end for m in mentions for edge in part):
        # a local paper's shape says where its place ends: a spelling across that edge is none
        # (公安新闻中心 holds 安新, 复兴文明网 兴文: 公安县's and 复兴区's, not 安新县's or 兴文县's)
        mentions = [m for m in gaz.find(publication[part[0]:part[1]]) if m.spelling not in gaz.local_words]
    # the most specific place the name spells, read inside the broader ones it also spells
    chosen: str | None = None
    shared: tuple[str, ...] = ()
    for m in mentions:
        codes = [c for c in m.codes if chosen is None or gaz.within(c, chosen)] or list(m.codes)
        top = min(RANK[gaz.divisions[c].level] for c in codes)
        tops = [c for c in codes if RANK[gaz.divisions[c].level] == top]  # 海南: the province
        if len(tops) == 1:
            # a short form that also names smaller places (兴安: 兴安盟, and 兴安县 of 桂林) reads as
            # the largest, unless the story's own places lie in a smaller one (shared_home)
            chosen, shared = tops[0], tuple(codes) if len(codes) > 1 and not m.full else ()
        elif chosen is None or all(gaz.within(c, chosen) and c != chosen for c in tops):
            shared = tuple(tops)
    after = county_after_its_city(publication, chosen, mentions, rules) if chosen is not None else None
    if after is not None:
        chosen, shared = after, ()
    short = part and chosen is None and not shared and publication[part[0]:part[1]]
    if short and short in gaz.word_shorts:
        # 仙桃日报, 今日麻城, 会同发布: a short form that is also a word (gazetteer word_shorts) is
        # read only as a headline's label in stories, but a paper's name of that shape is no prose
        places = [c for c in gaz.word_shorts[short] if gaz.divisions[c].level in ("county", "city")]
        if len(places) == 1:
            return places[0], ()
    return chosen, shared


# What may follow a county's short form written after its city in a paper's name: nothing, or
# a local paper's word (上饶万年, 黄冈麻城发布, 上饶市万年新闻网).
PAPER_TAIL = re.compile(MEDIA_WORDS + "?$")


def county_after_its_city(publication: str, city: str, mentions: list[Mention], rules: Rules) -> str | None:
    """The county a paper's name writes by a short form that is also a word right after its
    city (上饶万年, 黄冈麻城发布: word_shorts are read nowhere else, so the name gave only the
    city); None when no such county follows, or the name goes on with other words (荆州公安局).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> def county(p):
    ...     home, _ = home_readings(PageInfo("x", publication=p), rules)
    ...     return rules.gazetteer.divisions[home].name
    >>> [county(p) for p in ("上饶万年", "黄冈麻城发布", "上饶市万年新闻网", "荆州公安局", "上饶发布")]
    ['万年县', '麻城市', '万年县', '荆州市', '上饶市']
    """
    gaz = rules.gazetteer
    for m in mentions:
        if city not in m.codes and not any(gaz.within(city, c) for c in m.codes):
            continue
        for size in (2, 3):
            word = publication[m.end:m.end + size]
            places = [c for c in gaz.word_shorts.get(word, ()) if gaz.within(c, city) and c != city]
            if len(places) == 1 and PAPER_TAIL.match(publication, m.end + size):
                return places[0]
    return None


def shared_home(shared: tuple[str, ...], mentions: list[tuple[Mention, float]], rules: Rules,
                around: bool = True) -> str | None:
    """Of the places a paper's name may mean (通州区: 北京's or 南通's), the one the story's places
    lie in or around (its 刘桥镇 is 南通's; a 周庄镇's story naming 昆山市 is 昆山's): the reading whose
    places the story names most, by weight; None
    when no reading has more than the others (the name alone decides nothing). With ``around``
    False (see ``local_paper_name``) only places inside a reading count: a city holding it says
    which reading it would be, not that the paper is that reading's.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> shared = home_readings(PageInfo("x", publication="通州区人民政府"), rules)[1]
    >>> code = shared_home(shared, _mentions("通州区刘桥镇召开会议", rules), rules)
    >>> rules.gazetteer.ancestors(code)[0]
    '320600'
    >>> shared_home(shared, _mentions("通州区召开会议", rules), rules) is None
    True
    >>> shared_home(shared, _mentions("南通市召开会议", rules), rules) is not None
    True
    >>> shared_home(shared, _mentions("南通市召开会议", rules), rules, around=False) is None
    True
    """
    if not shared:
        return None
    gaz = rules.gazetteer
    support = dict.fromkeys(shared, 0.0)
    for m, weight in mentions:
        if m.spelling in gaz.local_words:
            continue
        for reading in shared:
            # a place inside the reading, or one holding it (周庄镇人民政府's story names 昆山市)
            if any(gaz.within(c, reading) or around and gaz.within(reading, c) for c in m.codes):
                support[reading] += weight
    best = max(shared, key=lambda c: support[c])
    return best if support[best] > 0 and not _tied(support, best) else None


def local_paper_name(info: PageInfo, shared: tuple[str, ...], rules: Rules) -> bool:
    """True when a paper's name that several places share reads as one of theirs: it spells a
    reading's full name (通州区人民政府) or has a local paper's shape (今日象山, 象山发布:
    PAPER_NAMED). A short form alone in another shape is as often a national outlet's brand
    (新华网, 新华社, 新华每日电讯 and 新华区 of 石家庄, 平顶山, 沧州; 长安网 and 长安区): a story of
    石家庄 such an outlet carries is no 新华区's, so only a place inside a reading may decide.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [local_paper_name(PageInfo("x", publication=p), home_readings(PageInfo("x", publication=p), rules)[1], rules)
    ...  for p in ("通州区人民政府", "今日象山", "新华网", "长安网")]
    [True, True, False, False]
    """
    publication = info.publication or ""
    gaz = rules.gazetteer
    return any(gaz.divisions[c].name in publication for c in shared) or bool(PAPER_NAMED.match(publication))


def place_code(name: str | None, rules: Rules) -> str | None:
    """A gazetteer code for a name or code (an editor's place first, else the first in code order)."""
    if not name:
        return None
    gaz = rules.gazetteer
    if name in gaz.divisions:
        return name
    codes = [c for c in gaz.codes(name) if gaz.divisions[c].name == name] or list(gaz.codes(name))
    editors = [c for c in codes if gaz.divisions[c].editor]
    return (editors or codes or [None])[0]


def page_home(articles: list[Article], info: PageInfo, rules: Rules) -> str | None:
    """The place a page covers (a gazetteer code): its paper's, or the county its stories'
    places point at, or the portal's home set by the editor."""
    home, shared = home_readings(info, rules)
    mentions = [m for a in articles for m in _story_mentions(a, rules)]
    home = shared_home(shared, mentions, rules, local_paper_name(info, shared, rules)) or home
    if home:
        return home
    text = "".join(_headline_text(a.headline) + "".join(a.paragraphs) for a in articles)
    placed = [m for a in articles for m in without_places_left_for(
        _headline_text(a.headline) + "".join(a.paragraphs), without_prose_words(
            _headline_text(a.headline) + "".join(a.paragraphs), _story_mentions(a, rules), None, rules), rules)]
    return (story_place(placed, None, rules) or domain_home(info.publication, rules, mentions, text)
            or place_code(rules.portal_home, rules))


# A publication given only as a web address (macheng.com.cn, i.xpaper.net/jrym): its host's
# labels, of which these name no place.
DOMAIN = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}(?:/[\w./-]*)?$")
DOMAIN_WORDS = frozenset({"www", "m", "wap", "news", "gov", "com", "cn", "net", "org", "edu", "info",
                          "cc", "tv", "city", "top", "xyz", "site"})
# After a place's pinyin in a site's name, a media word: 新闻 (xw), news, tv, 融媒体 (rmt), 政协 (zx),
# 人大 (rd), 文明网 (wmw). None of them can end a pinyin syllable, so the cut is never inside one.
DOMAIN_MEDIA = re.compile(r"^([a-z]{4,}?)(?:xw|news|tv|rmt|zx|rd|wmw)$")


def domain_home(publication: str | None, rules: Rules,
                mentions: list[tuple[Mention, float]] | None = None, text: str = "") -> str | None:
    """The one county or city whose short form's pinyin a site's address spells (macheng.com.cn
    → 麻城市), for a page whose paper is known only by its address and whose stories name no
    county for certain: a last resort, since aggregators' subdomains (haerbin.…) name other
    places than their stories'. When the pinyin fits several places, the one the stories'
    ``mentions`` lie in (shared_home), else the one of the kind the story calls its own place
    (我县: 衡山县, not 横山区). None when no label, or more than one place, fits.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> rules.gazetteer.divisions[domain_home("www.macheng.com.cn", rules)].name
    '麻城市'
    >>> domain_home("i.xpaper.net/jrym", rules), domain_home("麻城新闻网", rules)
    (None, None)
    >>> domain_home("www.henan.gov.cn", rules) is None  # 河南省 and 河南县: no guess
    True
    >>> domain_home("www.yangxintv.com", rules) is None  # 阳新县 or 阳信县
    True
    >>> [rules.gazetteer.divisions[domain_home(d, rules)].name for d in ("wuningxw.com", "www.ruijinnews.com")]
    ['武宁县', '瑞金市']
    >>> code = domain_home("www.yangxin.gov.cn", rules, _mentions("枫林镇召开安全生产会议", rules))
    >>> rules.gazetteer.divisions[code].name
    '阳新县'
    >>> rules.gazetteer.divisions[domain_home("www.hengshan.gov.cn", rules, [], "调研组来我县调研")].name
    '衡山县'
    >>> domain_home("www.hengshan.gov.cn", rules, [], "调研组来我省调研") is None
    True
    >>> rules.gazetteer.divisions[domain_home("www.jzzzq.gov.cn", rules)].name
    '中站区'
    """
    if not publication or not DOMAIN.match(publication):
        return None
    host = publication.split("/", 1)[0]
    gaz = rules.gazetteer
    table = gaz.by_pinyin()
    labels = [label for label in host.split(".") if label not in DOMAIN_WORDS]
    found = {c for label in labels for c in table.get(label, ())}
    # a county media site's name: the place's pinyin and a media word (wuningxw, ruijinnews); not
    # a place whose short form is also a word (fenghuangtv, dongfangtv: 凤凰, 东方 are portals' too)
    words = {c for codes in gaz.word_shorts.values() for c in codes}
    for label in labels:
        media = DOMAIN_MEDIA.match(label)
        codes = table.get(media.group(1), ()) if media else ()
        if not words.intersection(codes):
            found.update(codes)
    if not found:  # pyhualong, jzzzq: the city's initials, then the county
        labels = gaz.by_city_and_county()
        found = {c for label in host.split(".") if label not in DOMAIN_WORDS for c in labels.get(label, ())}
    if not found or any(gaz.divisions[c].level not in ("city", "county") for c in found):
        return None
    if len(found) > 1:  # yangxin: 阳新县 or 阳信县; the story's 枫林镇 is 阳新's
        home = shared_home(tuple(sorted(found)), mentions, rules) if mentions else None
        kinds = {k[-1] for k in SELF_REFERENCE.findall(text)}
        own = [c for c in found if gaz.divisions[c].name[-1] in kinds]
        return home or (own[0] if len(own) == 1 and len(kinds) == 1 else None)
    return found.pop()


def home_spelled_short(info: PageInfo, home: str, rules: Rules) -> bool:
    """True when the paper's home comes from a short form in its name (华龙网 → 华龙区, 永康日报
    → 永康市), not from the editor's list or the place's full name (阳新县融媒体中心)."""
    publication = info.publication or ""
    return publication not in rules.publications and rules.gazetteer.divisions[home].name not in publication


def far_from(home: str, mentions: list[tuple[Mention, float]], rules: Rules) -> bool:
    """True when a story names a county or city in full and names nothing, in full or short,
    that could lie in the province of ``home``. Towns are no such evidence: a county paper's
    own town may be missing from the national list, or filed under another name elsewhere.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> home = rules.gazetteer.codes("华龙区")[0]
    >>> far_from(home, _mentions("重庆市石柱县召开防汛会议", rules), rules)
    True
    >>> far_from(home, _mentions("濮阳市召开防汛会议，石柱县参加", rules), rules)
    False
    """
    gaz = rules.gazetteer
    province = next((c for c in (home, *gaz.ancestors(home)) if gaz.divisions[c].level == "province"), home)
    named = False
    for m, _weight in mentions:
        if m.spelling in gaz.local_words:
            continue
        if any(gaz.within(c, province) for c in m.codes):
            return False
        named = named or (m.full and any(gaz.divisions[c].level in ("county", "city") for c in m.codes))
    return named


def named_only_outside(home: str, mentions: list[tuple[Mention, float]], rules: Rules) -> bool:
    """True when every place a story names in full lies outside ``home`` and around none of it
    (and it names one at least): the story's place is not home's.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> home = rules.gazetteer.codes("兴安县")[0]
    >>> named_only_outside(home, _mentions("枫林镇开展安全生产大检查", rules), rules)
    True
    >>> named_only_outside(home, _mentions("枫林镇干部赴兴安县学习", rules), rules)
    False
    >>> named_only_outside(home, _mentions("全县开展安全生产大检查", rules), rules)
    False
    """
    gaz = rules.gazetteer
    named = False
    for m, _weight in mentions:
        if not m.full or m.spelling in gaz.local_words:
            continue
        if any(gaz.within(c, home) or gaz.within(home, c) for c in m.codes):
            return False
        named = True
    return named


# The paper's own place, as its stories say it (我县 is the paper's county, whatever else is named).
SELF_REFERENCE = re.compile(r"[我本](?:县|区|市|旗|州)")


def story_elsewhere(home: str, mentions: list[tuple[Mention, float]], text: str, head_end: int,
                    rules: Rules) -> bool:
    """True when a story the paper of ``home`` carries is another place's: it names a county or
    city outside home in full in its headline, or at least settings.district_passing_mentions
    times, or so a town whose base no town of home has (a_town_base_of), or (a county's paper)
    that many such places, not merely gone to (places_stayed_in); and names nothing inside home
    or around it (its city, its province), in full or short, and never says 我县/本市… of a kind
    home can be (says_its_own; of another kind, any place so named will do), unless it says
    where its writer stands and that is outside home (voice_elsewhere: 我县庆祖镇, 来冠县), which
    makes it another's whatever its 我县 and bare organs are. The headline ends at ``head_end``.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> home = rules.gazetteer.codes("庆元县")[0]
    >>> def elsewhere(text, head_end=0):
    ...     return story_elsewhere(home, _mentions(text, rules), text, head_end, rules)
    >>> elsewhere("宝清县夹信子镇禁烧管控进行时夹信子镇干部巡查", 14)
    True
    >>> elsewhere("宝清县考察团来我县考察", 11), elsewhere("宝清县考察团到庆元考察", 11)
    (False, False)
    >>> elsewhere("县领导会见宝清县客人")  # named once, after a word of meeting: guests
    False
    >>> elsewhere("近日，宝清县开展禁烧巡查。县领导参加")  # named once, in the lead: the story's place
    True
    >>> elsewhere("近日，县里开展禁烧巡查。宝清县客人参加")  # named once, past the lead: in passing
    False
    >>> elsewhere("夹信子镇禁烧管控进行时", 11)  # 宝清县's town only
    True
    >>> home = rules.gazetteer.codes("海曙区")[0]
    >>> elsewhere("区党政代表团赴普定县对接普定县马官镇协作", 0), elsewhere("普定县马官镇协作普定县", 0)
    (False, True)
    """
    kinds = {found[-1] for found in SELF_REFERENCE.findall(text)}
    voice = voice_elsewhere(text, home, mentions, rules)
    if kinds and says_its_own(text, home, rules) and not voice:
        return False
    gaz = rules.gazetteer
    named: dict[str, list[int]] = {}
    for m, _weight in mentions:
        if m.spelling in gaz.local_words:
            continue
        if any(gaz.within(c, home) or gaz.within(home, c) and gaz.divisions[c].level != "province"
               for c in m.codes):
            return False  # (the province is no sign: 海南 in a 海口 paper's story of 保亭)
        places = [c for c in m.codes if gaz.divisions[c].level in ("county", "city")]
        if (m.full or m.start < head_end) and len(places) == 1:
            named.setdefault(places[0], []).append(m.start)
        elif m.full and m.codes and all(gaz.divisions[c].level == "town" for c in m.codes) \
                and not a_town_base_of(TOWN_SUFFIX_END.sub("", m.spelling), home, rules):
            # a town that is no town of home's under any suffix (金村乡 in a 西城区 paper); one of
            # home's own written with another suffix (张庄乡 for 浮山's 张庄镇) is no sign
            named.setdefault(m.spelling, []).append(m.start)
    if voice:  # the writer stands outside home (我县庆祖镇, 测评组来冠县): another county speaking
        return True
    if organs_of_its_own(text, home, mentions, rules):
        return False
    if kinds:  # 我县 in a 区's paper: another county speaking, of the places it names
        return bool(named)
    several = len(places_stayed_in(named, text, rules)) >= SETTINGS.district_passing_mentions
    lead = lead_end(text, head_end)
    return several and gaz.divisions[home].level == "county" or any(
        len(starts) >= SETTINGS.district_passing_mentions or starts[0] < head_end
        or starts[0] < lead and not gone_or_met(text, starts[0], rules) and not bureaus_of_its_own(text, home, rules)
        for place, starts in named.items())


def voice_elsewhere(text: str, home: str, mentions: list[tuple[Mention, float]], rules: Rules) -> bool:
    """True when the story says where its writer stands, and that is outside ``home``: it writes
    a place right after 我县/本区… (我县庆祖镇: a town of its own county), or right after a word of
    guests coming that is no word of going out (gazetteer.yml coming_words less visit_words: 来,
    莅临; 测评组来冠县验收: guests come to the writer's place), and that place neither lies in home
    nor holds it, and is no town of home's under any suffix. A paper carrying such a story carries
    another county's voice, whatever kind its 我县 is.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> home = rules.gazetteer.codes("庆元县")[0]
    >>> def voice(text):
    ...     return voice_elsewhere(text, home, _mentions(text, rules), rules)
    >>> voice("市领导到我县夹信子镇调研"), voice("省检查组来宝清县验收")
    (True, True)
    >>> voice("市领导到我县调研，夹信子镇参加"), voice("我县考察团到宝清县学习")  # not where it stands
    (False, False)
    >>> voice("省检查组来庆元县验收"), voice("多年来宝清县坚持创建")  # home's own; 年来 is no coming
    (False, False)
    >>> voice("我市龙泉市开展创建")  # 我市 in a 县's paper: its city, which holds 龙泉市 too
    False
    >>> home = rules.gazetteer.codes("义乌市")[0]
    >>> voice("市领导到我县夹信子镇调研"), voice("连日来宝清县开展巡查")
    (True, False)
    """
    gaz = rules.gazetteer
    div = gaz.divisions[home]
    # of a county's paper, its own kind or a county's kind: 我县庆祖镇 in a 市's paper is another
    # county speaking, but 我市龙泉市 in a 县's paper its city, and 我区 may be an autonomous region
    at: set[int] = {found.end() for found in SELF_REFERENCE.finditer(text)
                    if div.level != "county" or found.group()[-1] in (div.name[-1], *COUNTY_VOICES)}
    words = [w for w in rules.coming_words if w not in rules.visit_words]
    if words:
        at.update(found.end() for found in _deictic_pattern(tuple(words)).finditer(text))
    if not at:
        return False
    for m, _weight in mentions:
        if m.start not in at or m.spelling in gaz.local_words or not m.codes:
            continue
        if any(gaz.within(c, home) or gaz.within(home, c) for c in m.codes):
            continue
        if all(gaz.divisions[c].level == "town" for c in m.codes) and (
                not m.full or a_town_base_of(TOWN_SUFFIX_END.sub("", m.spelling), home, rules)):
            continue  # a town of home's written with another suffix (张庄乡 for 张庄镇)
        if m.full:
            return True
    return False


# The self-references only a county says (我县, 本旗): never a city's or a region's voice.
COUNTY_VOICES = ("县", "旗")
# Before 来, besides NOT_COMING_BEFORE: a span of time (多年来, 连日来, 近一周来), no coming.
SINCE_BEFORE = "年月日天周"


@lru_cache(maxsize=4)
def _deictic_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A word of guests coming, no part of another word (以来, 迎来: NOT_COMING_BEFORE; 多年来)."""
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(f"(?<![{NOT_COMING_BEFORE}{SINCE_BEFORE}])(?:{alternatives})")


def gone_or_met(text: str, at: int, rules: Rules) -> bool:
    """True when the place named at ``at`` follows, in its clause, a word of going there
    (visit_words) or of meeting guests from it (meeting_words): the story's people went there,
    or its people came as guests, and the story is not that place's.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [gone_or_met(t, t.index("宝清县"), rules) for t in ("县领导会见宝清县考察团", "县委书记赴宝清县学习", "近日，宝清县开展巡查")]
    [True, True, False]
    """
    words = rules.visit_words + rules.meeting_words
    if not words:
        return False
    gap = SETTINGS.district_visited_gap
    reach = gap + max(len(w) for w in words)
    return bool(_went_pattern(words, gap).search(text[max(0, at - reach) : at]))


# A county's bureaus written bare, by its kind alone, after a clause's start or a list's mark
# (联合市发改局、市经信局: the 市's own): 市场 is a market, no 市's bureau.
OWN_BUREAUS = re.compile(r"(?:^|(?<=[，。；：,;:“\s、])|(?<=联合|会同))([县区市旗])(?!场)[\u4e00-\u9fff]{1,3}?[局办]")


def bureaus_of_its_own(text: str, home: str, rules: Rules) -> bool:
    """True when the story writes a bureau bare of home's kind (市发改局 in a county-level 市's
    paper, 县教育局 in a 县's): its own county's, so a place of elsewhere named once in its lead
    is a partner or a town the list files elsewhere (towns move between counties), not the
    story's place.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> home = rules.gazetteer.codes("义乌市")[0]
    >>> bureaus_of_its_own("日前，开发区联合市发改局召开会议", home, rules)
    True
    >>> bureaus_of_its_own("日前，县教育局召开会议", home, rules), bureaus_of_its_own("联合市场监管所检查", home, rules)
    (False, False)
    """
    kind = rules.gazetteer.divisions[home].name[-1]
    return kind in OWN_BUREAUS.findall(text)


# What ends a story's lead: its first full stop.
LEAD_END = re.compile("[。！？]")


def lead_end(text: str, head_end: int) -> int:
    """Where the lead of a story ends (its first sentence, after the headline that ends at
    ``head_end``), at most settings.district_lead_chars into the body; ``head_end`` when no lead
    counts. A place of elsewhere named there, not merely gone to, makes a story another's as one
    in the headline does: news leads say where (连日来，A镇在辖区开展…), and the lead stays when a
    PDF tool or a page read out of order loses or swaps the headline.

    >>> lead_end("标题近日，甲镇开展活动。乙镇参加。", 2)
    12
    >>> lead_end("标题" + "长" * 200, 2) == 2 + SETTINGS.district_lead_chars
    True
    """
    limit = head_end + SETTINGS.district_lead_chars
    stop = LEAD_END.search(text, head_end, limit)
    return stop.end() if stop else min(limit, len(text))


def places_stayed_in(named: dict[str, list[int]], text: str, rules: Rules) -> list[str]:
    """The places of ``named`` (place → where the text names it) that the text names at least
    once not right after a word of going there (visit_words, as visited_counties reads them):
    several such places of elsewhere, and none of home's, make a county paper's story
    another's; places its people went to (干部赴A镇、B镇学习) do not.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "干部赴庆祖镇、八公桥镇学习。庆祖镇、八公桥镇开展调研"
    >>> places_stayed_in({"庆祖镇": [3], "八公桥镇": [7]}, text, rules)
    []
    >>> places_stayed_in({"庆祖镇": [3, 14], "八公桥镇": [7, 18]}, text, rules)
    ['庆祖镇', '八公桥镇']
    """
    if not rules.visit_words:
        return list(named)
    gap = SETTINGS.district_visited_gap
    went = _went_pattern(rules.visit_words, gap)
    reach = gap + max(len(w) for w in rules.visit_words)
    return [place for place, starts in named.items()
            if any(not went.search(text[max(0, at - reach) : at]) for at in starts)]


def says_its_own(text: str, home: str, rules: Rules) -> bool:
    """True when the story says 我县/本区… of a kind ``home`` can be: a county's paper says 我县
    if it is a 县, 我区 if a 区, 我市 if a county-level 市 (of 143 fitting stories, every one that
    says it of a county's paper's place says it so). 我县 in a 区's paper is another county
    speaking, a story the paper carries from elsewhere. A city's or province's paper: any kind
    (我县 is a county of its own).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> says_its_own("到我县调研", gaz.codes("庆元县")[0], rules), says_its_own("到我县调研", gaz.codes("海曙区")[0], rules)
    (True, False)
    >>> says_its_own("到我县调研", gaz.codes("常德市")[0], rules)
    True
    """
    kinds = {found[-1] for found in SELF_REFERENCE.findall(text)}
    div = rules.gazetteer.divisions[home]
    return bool(kinds) and (div.level != "county" or div.name[-1] in kinds)


def a_town_base_of(base: str, region: str, rules: Rules) -> bool:
    """True when a town of ``region`` (a county, or each county of a city or province) has the
    base ``base`` under any suffix (龙湖 of 新郑市's 龙湖街道, for a 郑州 paper's 龙湖镇).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> a_town_base_of("航埠", gaz.codes("衢州市")[0], rules), a_town_base_of("航埠", gaz.codes("金华市")[0], rules)
    (True, False)
    """
    gaz = rules.gazetteer
    kept = gaz.memo("region_town_counties")  # the region's counties, as renamed_town_county keeps them
    counties = kept.get(region)
    if counties is None:
        counties = kept[region] = tuple(c for c in gaz.town_base if gaz.within(c, region))
    return any(base in gaz.town_base[county] for county in counties)


# A county's organs written bare, by its kind alone, at a clause's start (县党政代表团赴…, 区委书记
# 带队…): the paper's own, when the story names no other place of that kind.
OWN_ORGANS = re.compile(r"(?:^|(?<=[，。；：,;:“\s日]))([县区市旗])(?=党政代表团|代表团|考察团|委|政府|人大|政协|领导)")


def organs_of_its_own(text: str, home: str, mentions: list[tuple[Mention, float]], rules: Rules) -> bool:
    """True when the story writes organs bare of home's kind (区党政代表团 in a 区's paper) and
    names no other county or city of that kind, in full or short (宝清：县委书记… in a 县's paper
    is 宝清县's story): they are the paper's own, gone to the places it names
    (区党政代表团赴贵州省安顺市普定县), not another place's story it carries.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> home = rules.gazetteer.codes("海曙区")[0]
    >>> own = lambda text: organs_of_its_own(text, home, _mentions(text, rules), rules)
    >>> own("6月12日，区党政代表团赴贵州省安顺市普定县对接"), own("区委书记到安顺市西秀区调研")
    (True, False)
    >>> home = rules.gazetteer.codes("庆元县")[0]
    >>> own("宝清：县委书记到夹信子镇检查禁烧")
    False
    """
    gaz = rules.gazetteer
    kind = gaz.divisions[home].name[-1]
    if kind not in OWN_ORGANS.findall(text):
        return False
    return not any(gaz.divisions[c].name[-1] == kind and not gaz.within(c, home)
                   for m, _weight in mentions for c in _readings(m, None, rules)
                   if gaz.divisions[c].level in ("county", "city"))


def headline_of_another(mentions: list[tuple[Mention, float]], head_end: int, rules: Rules) -> bool:
    """True when a story's headline names places its body never names, nor any place inside or
    around them, while the body names one county or city of its own in full at least
    settings.district_passing_mentions times: the headline is a neighbour's, put on this body
    by a page read out of order (a PDF tool's text, a headline set beside its story), and the
    body's places decide. The headline ends at ``head_end``.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> def another(head, body):
    ...     return headline_of_another(_mentions(head + body, rules), len(head), rules)
    >>> another("宝清县开展禁烧巡查", "庆元县召开大会。庆元县干部参加")
    True
    >>> another("宝清县开展禁烧巡查", "庆元县召开大会。宝清县干部参加")  # the body names it too
    False
    >>> another("宝清县开展禁烧巡查", "夹信子镇召开大会。庆元县干部参加。庆元县表态")  # its town
    False
    >>> another("宝清县开展禁烧巡查", "庆元县召开大会")  # named once: in passing
    False
    """
    gaz = rules.gazetteer
    head = [m for m, _w in mentions if m.start < head_end and m.spelling not in gaz.local_words]
    body = [m for m, _w in mentions if m.start >= head_end and m.spelling not in gaz.local_words]
    if not head:
        return False
    if any(gaz.within(c, h) or gaz.within(h, c) for m in head for h in m.codes for b in body for c in b.codes):
        return False
    named: dict[str, int] = {}
    for m in body:
        places = [c for c in m.codes if gaz.divisions[c].level in ("county", "city")]
        if m.full and len(places) == 1:
            named[places[0]] = named.get(places[0], 0) + 1
    return any(count >= SETTINGS.district_passing_mentions for count in named.values())
