"""Metadata stage: credits, districts, campaigns and event dates of one article.

A chain of small extractors, each filling one field from the article's own text and the
editor's rule files (trafilatura's extract_metadata shape).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from math import log

import ahocorasick_rs

from . import wordlist
from .model import Article, Headline, PageInfo
from .patterns import EVENT_DATE
from .places import AUTOMATON, RANK, Gazetteer, Mention
from .rules import Rules
from .settings import SETTINGS

# A story without any headline gets its first clause as a title, cut at this many characters.
FALLBACK_TITLE_CHARS = 24


# After a place name, these make it a road or a building named after the place (中山路), not the
# place itself. A road may carry its direction first (北京东路, 延安南路, 人民中路): every city has
# roads named after other places.
NAMED_AFTER = re.compile(r"[东西南北中]?路|大道|大街|街(?!道)|巷|桥|公园|广场|商会|同乡会|社")

# After a short form, the name of a spirit or of a meeting's legacy that the place gave its
# name to (弘扬井冈山精神, 大庆精神, 学习古田会议精神, 参观遵义会议会址): a slogan of every county's
# prose, not the place. Not 精神文明 (大庆市精神文明建设 is the city's).
NAMED_SPIRIT = re.compile(r"精神(?!文明)|会议(?:精神|旧址|会址|纪念馆)")


def names_a_spirit(text: str, end: int) -> bool:
    """True when NAMED_SPIRIT follows a short form ending at ``end``.

    >>> names_a_spirit("弘扬井冈山精神", 5), names_a_spirit("大庆精神文明建设", 2)
    (True, False)
    """
    return NAMED_SPIRIT.match(text, end) is not None

# A short form that is also a lake's, river's or sea's name (太湖 of 太湖县, 沅江 of 沅江市, 晋江
# of 晋江市) names the water when the words around it are the water's: its shore, reach, basin
# or fishing after it (太湖沿岸, 沅江桃源段, 晋江流域, 太湖渔民), or 沿/环/入 before it (沿太湖).
# Such water runs past many counties, so it places no story. Mountains are left out: a mountain
# named like its county (黄山, 泰山) mostly lies in it.
WATER_ENDS = "湖江河溪海湾"
WATER_AFTER = re.compile(r"[东南西北]?岸|沿岸|两岸|岸线|畔|之滨|流域|水域|水系|水面|水位|水质|水体|湖区|湖面|江面|河面|河道|"
                         r"河段|江段|上游|中游|下游|源头|干流|支流|海域")
# The reach of a river in a place, the place's name and 段 (沅江桃源段). X段 alone is no sign of
# water: 九江段, 临海段 are a road's or a railway's section in that city.
REACH = re.compile(r"([\u4e00-\u9fff]{2,3}?)段")
# Fishing after a lake's or river's name (太湖渔民, 长江禁捕); not after a name ending in 海, which
# is mostly a coastal city's or county's (临海渔民, 威海渔民).
FISHING_AFTER = re.compile(r"渔|禁捕|禁渔|退捕")
WATER_BEFORE = "沿环入濒"


def names_the_water(text: str, start: int, end: int, spelling: str, rules: Rules | None = None) -> bool:
    """True when a short form at ``start``-``end`` that ends like a body of water (WATER_ENDS)
    is read as the water: WATER_AFTER, or another place's name and 段 (REACH, with ``rules``), or
    fishing (FISHING_AFTER, for lakes and rivers) follows it, or a WATER_BEFORE character
    precedes it.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> names_the_water("长兴县太湖沿岸生态修复", 3, 5, "太湖"), names_the_water("沅江桃源段禁渔", 0, 2, "沅江", rules)
    (True, True)
    >>> names_the_water("杭瑞高速九江段改扩建", 4, 6, "九江", rules)
    False
    >>> names_the_water("长兴沿太湖岸线", 3, 5, "太湖"), names_the_water("太湖县召开会议", 0, 2, "太湖")
    (True, False)
    >>> names_the_water("晋江鞋服产业", 0, 2, "晋江"), names_the_water("太湖渔民上岸", 0, 2, "太湖")
    (False, True)
    >>> names_the_water("临海渔民出海", 0, 2, "临海")
    False
    """
    if spelling[-1] not in WATER_ENDS:
        return False
    if WATER_AFTER.match(text, end) or spelling[-1] in "湖江河" and FISHING_AFTER.match(text, end):
        return True
    reach = REACH.match(text, end) if rules else None
    if reach and rules and rules.gazetteer.codes(reach.group(1)):
        return True
    return start > 0 and text[start - 1] in WATER_BEFORE


# After a name ending in 区, these make 区 the start of a word (区域, 区块, 区间): 加快城北区域开发
# names an area of the town, not 西宁's 城北区.
AREA_WORD_ENDS = "域块间"

# Last characters of a county's or city's full name: a short form followed by one is the
# place's full name as the story writes it, perhaps an older one (X县 before it became X区).
# The place is still tagged by its official name, so that its stories share one page.
ADMIN_SUFFIXES = "县市区旗"
# Which of those a place of each kind may be written with: its own, or a kind it was before.
# Counties became cities and districts, cities became districts (萧山市, now 萧山区), never the
# other way: a 县 written X市 is a word (各大城市 holds no 大城县), as is a 县 or 市 written X区.
OLDER_KINDS = {"县": "县", "市": "县市", "区": "县市区", "旗": "旗"}


def written_as_kind(name: str, suffix: str) -> bool:
    """True when a place named ``name`` may be written with the suffix ``suffix`` after its short
    form: the suffix is its kind's or an older kind's (OLDER_KINDS; any other name's last
    character, 州 or 盟, takes 县 or 市 as its county-level seat may).

    >>> written_as_kind("大城县", "市"), written_as_kind("萧山区", "市"), written_as_kind("义乌市", "县")
    (False, True, True)
    >>> written_as_kind("安新县", "区"), written_as_kind("阿荣旗", "旗")
    (False, True)
    """
    return suffix in OLDER_KINDS.get(name[-1], "县市")

# A headline that opens with a place and a colon: 前锋：11个部门联动…
HEADLINE_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,4})[：:]")

# A town written right after its county (庆城县三十铺镇, 当雄县公堂乡): the text says whose town it is.
# That wins over the national list, where the name may be another county's town or missing
# (towns are merged and renamed every year). The shortest two to four characters before the
# town suffix, so 公堂乡拉根村 gives 公堂乡.
TOWN_AFTER_COUNTY = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:镇|乡|街道|苏木)(?![镇乡村级]|街(?!道))")
# … unless its base holds one of these (县城乡镇 is no town called 城乡镇); nor is a suffix
# followed by 镇, 乡, 村 or 级 one (所有乡镇, 张庄乡村民, 街道级 are read as no town), nor 镇 in
# 镇街 (towns and streets: 合阳观摩镇街工作 names no town 观摩镇).
NOT_TOWN_BASE = re.compile(r"[乡镇县市区村省州]")
# A name the national list does not know at all must also not open with a function word or a
# quantifier (开化县的小城镇, 西城区首家街道级…): those are no names.
NOT_NAME_START = re.compile(r"[的地得在和与及是到为对把被从向于了首每各多全该本此某其这那有等]")

# Words that end in a town suffix without being one, for names the national list does not know:
# 城镇 and 集镇 are words for towns (美丽城镇建设), the others going home or home itself
# (正安籍人员返乡创业, 干部下乡, 游子回乡): no town 籍人员返乡.
NO_TOWN_ENDS = ("城镇", "集镇", "返乡", "回乡", "下乡", "还乡", "离乡", "家乡", "故乡", "老乡", "同乡", "思乡")

# Counties whose towns' short forms a story writes (county code → how many), asked for lazily.
Hints = Callable[[], dict[str, int]]

# The tunable numbers of the district tagger (headline weight, short-form weight, …) are in
# settings.py, each with the fit-split table it was read from (tests/districts_eval.py tune).

# Places listed before a word for counties (儋州、东方、陵水等五市县; A、B两县): the story is about
# each of them. Between two places a separator at most, or a short form that is also a word
# (东方), which a list makes a place.
PLACE_LIST_END = re.compile(r"等?(?:[0-9一二两三四五六七八九十]+个?)?(?:县（市、区）|县（市）|市县|县市|县区|区县|县|旗)")
LIST_GAP = "、，,和及与"
# … or, when each place listed is a county-level city (珲春、图们、龙井三市), a word for cities:
# a prefecture's cities listed so (岳阳、常德两市) are listed_cities', read for wider papers only.
CITY_COUNTIES_END = re.compile(r"等?(?:[0-9一二两三四五六七八九十]+个?)?(?:县级市|市)")

# A zone named after its county or city (安顺经开区, 平湖经济开发区, 义乌高新区): the place, then one
# of these words; the zone belongs to that place. Longest first. 经开区 is always short for
# 经济技术开发区, and the zone is tagged by that full name; the other words are kept as written.
ZONE_WORDS = ("经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经济开发区", "高新区", "经开区",
              "工业园区", "产业园区", "综合保税区", "开发区", "新区")
ZONE_AFTER_PLACE = re.compile("|".join(ZONE_WORDS))
ZONE_FULL = {"经开区": "经济技术开发区"}

# Towns listed by short form before a word for towns (深入湍河、白牛、桑庄等乡镇; 在A、B两镇): the
# list, then 等 and a count at will, then the word. Read only for the story's county. A 乡 that
# begins a word (乡村, 乡亲, 乡风: 军仓社区、桃园乡村振兴示范区) is no word for towns.
TOWN_LIST = re.compile(
    r"((?:[\u4e00-\u9fff]{2,4}[、和及与])+[\u4e00-\u9fff]{2,4}?)等?(?:[0-9一二两三四五六七八九十]+个?)?"
    r"(?:乡镇|镇街|镇|乡(?![村亲土风贤情])|街道)")
LIST_SEPARATORS = re.compile(r"[、和及与]")
LIST_SEPARATOR_CHARS = frozenset("、和及与")


def home_place(info: PageInfo, rules: Rules) -> str | None:
    """The place a paper covers, as a gazetteer code: the editor's entry for the publication,
    else the place its name spells (义乌商报 → 义乌市, 阳新县融媒体中心 → 阳新县).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [rules.gazetteer.divisions[home_place(PageInfo("x", publication=p), rules)].name
    ...  for p in ("义乌商报", "永康日报", "北京市海淀区人大常委会", "人民网-贵州频道")]
    ['义乌市', '永康市', '海淀区', '贵州省']
    >>> [rules.gazetteer.divisions[home_place(PageInfo("x", publication=p), rules)].name
    ...  for p in ("仙桃日报", "今日麻城", "会同发布")]
    ['仙桃市', '麻城市', '会同县']
    """
    return home_readings(info, rules)[0]


# A paper's or app's name: an app's opening (今日, 云上, 掌上, 爱…), a place's short form, and a
# word for local news media (日报, 发布, 融媒, 新闻网…), nothing else (今日仙桃, 麻城日报, 会同发布).
# Not a bare 网 or 新闻: national portals spell such words (凤凰网, 凤凰新闻 are no 凤凰县's); a
# national paper that still reads so is listed in gazetteer.yml publications with no place (光明日报).
PAPER_NAMED = re.compile(r"^(?:(?:今日|云上|掌上|爱|无线|看|智慧|大美)([\u4e00-\u9fff]{2,3})$|([\u4e00-\u9fff]{2,3}?)"
                         r"(?:日报|晚报|都市报|商报|时报|报|新闻网|发布|融媒|融媒体|在线|手机台|广播电视台|电视台|"
                         r"之窗|客户端|视窗|微报)$)")


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
    # the most specific place the name spells, read inside the broader ones it also spells
    chosen: str | None = None
    shared: tuple[str, ...] = ()
    for m in mentions:
        codes = [c for c in m.codes if chosen is None or gaz.within(c, chosen)] or list(m.codes)
        top = min(RANK[gaz.divisions[c].level] for c in codes)
        codes = [c for c in codes if RANK[gaz.divisions[c].level] == top]  # 海南: the province
        if len(codes) == 1:
            chosen, shared = codes[0], ()
        elif chosen is None or all(gaz.within(c, chosen) and c != chosen for c in codes):
            shared = tuple(codes)
    named = PAPER_NAMED.match(publication) if publication and chosen is None and not shared else None
    short = named and (named.group(1) or named.group(2))
    if short and short in gaz.word_shorts:
        # 仙桃日报, 今日麻城, 会同发布: a short form that is also a word (gazetteer word_shorts) is
        # read only as a headline's label in stories, but a paper's name of that shape is no prose
        places = [c for c in gaz.word_shorts[short] if gaz.divisions[c].level in ("county", "city")]
        if len(places) == 1:
            return places[0], ()
    return chosen, shared


def shared_home(shared: tuple[str, ...], mentions: list[tuple[Mention, float]], rules: Rules) -> str | None:
    """Of the places a paper's name may mean (通州区: 北京's or 南通's), the one the story's places
    lie in or around (its 刘桥镇 is 南通's; a 周庄镇's story naming 昆山市 is 昆山's): the reading whose
    places the story names most, by weight; None
    when no reading has more than the others (the name alone decides nothing).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> shared = home_readings(PageInfo("x", publication="通州区人民政府"), rules)[1]
    >>> code = shared_home(shared, _mentions("通州区刘桥镇召开会议", rules), rules)
    >>> rules.gazetteer.ancestors(code)[0]
    '320600'
    >>> shared_home(shared, _mentions("通州区召开会议", rules), rules) is None
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
            if any(gaz.within(c, reading) or gaz.within(reading, c) for c in m.codes):
                support[reading] += weight
    best = max(shared, key=lambda c: support[c])
    return best if support[best] > 0 and not _tied(support, best) else None


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


# Longer than any place spelling in the national list (the longest has 15 characters).
LONGEST_NAME = 20


def _mentions(text: str, rules: Rules, weight: float = 1.0, offset: int = 0,
              described: set[str] | None = None) -> list[tuple[Mention, float]]:
    """Places named in a text with the weight each mention carries, positions shifted by
    ``offset``. Left out: roads named after places (中山路), and short forms and two-character
    names that cut across a word (和政 in 人大和政协, 成县 in 完成县委, 新平 in 创新平台). A name
    left out that way may hide another that starts inside it (和龙 in 安民街道和龙门街道 hides
    龙门街道): the text from its second character is read again. Short forms left out as a word
    for what the place before them has (describes_the_place_before) go into ``described``.

    >>> from civicnews.rules import load_rules
    >>> [m.spelling for m, _w in _mentions("来到安民街道和龙门街道", load_rules())]
    ['安民街道', '龙门街道']
    >>> [m.spelling for m, _w in _mentions("在北京东路、延安南路开展整治，鼓楼区东街街道参加", load_rules())]
    ['鼓楼区', '东街街道']
    >>> [m.spelling for m, _w in _mentions("弘扬井冈山精神，参观古田会议旧址。大庆市精神文明建设", load_rules())]
    ['大庆市']
    >>> [m.spelling for m, _w in _mentions("加快城北区域开发", load_rules())]
    []
    >>> [m.spelling for m, _w in _mentions("贵安新区数据中心", load_rules())]
    []
    >>> [m.spelling for m, _w in _mentions("村里发展乡村旅游，张庄乡村民参加", load_rules())]
    ['张庄乡']
    >>> [m.spelling for m, _w in _mentions("部分乡镇受灾。分乡镇召开会议", load_rules())]
    ['分乡镇']
    """
    out = []
    gaz = rules.gazetteer
    divisions = gaz.divisions
    short_weight = weight * SETTINGS.district_short_weight
    found = gaz.find(text)
    last: Mention | None = None  # the mention kept last, as found
    k = 0
    while k < len(found):
        m = found[k]
        k += 1
        if NAMED_AFTER.match(text, m.end) or (not m.full and a_persons_name(text, m.start, m.end)):
            continue
        if m.spelling.endswith("区") and m.end < len(text) and text[m.end] in AREA_WORD_ENDS:
            continue  # 城北区域, 城西区块: the words 区域, 区块, no district
        if not m.full and a_village(text, m.end):
            continue  # 长兴村, 永安村: villages named like a county, not the county
        if not m.full and names_the_water(text, m.start, m.end, m.spelling, rules):
            continue  # 太湖沿岸, 沅江桃源段: the lake or river, not 太湖县 or 沅江市
        if not m.full and names_a_spirit(text, m.end):
            continue  # 井冈山精神, 古田会议旧址: a slogan or a memorial, not 井冈山市 or 古田县
        end, full = m.end, m.full
        suffix = text[end : end + 1]
        if (not full and suffix and suffix in ADMIN_SUFFIXES
                and any(divisions[c].level in ("county", "city") and written_as_kind(divisions[c].name, suffix)
                        for c in m.codes)
                and on_word_boundaries(text, m.start, end + 1)):  # not 永康市场
            # 区 only after a 区's short form: a county has been a 县 or a 市, never a 区 the list
            # does not know yet (贵安新区, 雄安新区 hold no 安新区 of 安新县)
            end, full = end + 1, True
        elif (not full or len(m.spelling) == 2 or opens_a_word_with_xiang(m.spelling, text, end)
              or m.spelling.endswith("乡镇")) and not on_word_boundaries(text, m.start, end) \
                and not (not full and ZONE_AFTER_PLACE.match(text, end) and on_word_boundaries(text, m.start, m.start)):
            # (a zone word after a short form makes it the zone's name, which jieba may know as
            # one word: 苏州工业园区)
            # (分乡镇 in 部分乡镇: a town name ending in the word 乡镇 starts a word only when it is one)
            # the hidden name starts inside this one: a name's length past its end is enough
            stop = min(found[k].start if k < len(found) else len(text), m.end + LONGEST_NAME)
            found[k:k] = [Mention(h.start + m.start + 1, h.end + m.start + 1, h.spelling, h.codes, h.full)
                          for h in gaz.find(text[m.start + 1 : stop]) if h.start < m.end - m.start - 1]
            continue
        if not full and last is not None and describes_the_place_before(last, m, gaz):
            if described is not None:
                described.add(m.spelling)
            continue  # 平遥古城, 西湖龙井: the place before it and what it has, not 古城区 or 龙井市
        last = m if end == m.end else Mention(m.start, end, m.spelling, m.codes, full)
        if offset or end != m.end:
            m = Mention(m.start + offset, end + offset, m.spelling, m.codes, full)
        out.append((m, weight if full else short_weight))
    return out


def describes_the_place_before(before: Mention, m: Mention, gaz: Gazetteer) -> bool:
    """True when a short form ``m`` is written right after another place's name ``before`` and
    none of its places lies in or holds one of that name's: it is then a word for what that
    place has (平遥古城 is 平遥's old town, not 丽江's 古城区; 西湖龙井 is a tea, not 龙井市). People
    write a place right after another only as its address (丽江古城, 桂林阳朔, 长沙县黄兴镇) or in a
    list of neighbours without marks (长阳五峰两县: two counties of one city).

    >>> from civicnews.rules import load_rules
    >>> gaz = load_rules().gazetteer
    >>> def reads(text):
    ...     first, second = gaz.find(text)[:2]
    ...     return describes_the_place_before(first, second, gaz)
    >>> reads("平遥古城"), reads("丽江古城"), reads("桂林阳朔"), reads("长阳五峰两县")
    (True, False, False, False)
    """
    if before.end != m.start or before.spelling.startswith(m.spelling):
        return False  # (永宁镇永宁古城: the town's name again, as the old town's)
    divisions = gaz.divisions
    return not any(gaz.within(c, b) or gaz.within(b, c)
                   or divisions[c].parent == divisions[b].parent and divisions[c].level == divisions[b].level
                   for c in m.codes for b in before.codes)


# After 村, what makes 村 + it a word the dictionary may not know (榕江村超, 台盘村BA): the county's.
NOT_VILLAGE_AFTER = "超BＢ"


def a_village(text: str, end: int) -> bool:
    """True when a short form ending at ``end`` is followed by 村 standing as a word of its own:
    a village named like a county (东至县尧渡镇长兴村), which people never write for the county.
    村 that opens a word (安吉村民, 义乌村级, 村干部, 村集体) leaves the short form the county's.

    >>> a_village("尧渡镇长兴村的庭院", 5), a_village("安吉村民种白茶", 2), a_village("榕江村超开赛", 2)
    (True, False, False)
    """
    if text[end : end + 1] != "村" or text[end + 1 : end + 2] in tuple(NOT_VILLAGE_AFTER):
        return False
    return on_word_boundaries(text, end, end + 1)


# After a town name ending in 乡, characters with which 乡 makes a word (乡村, 乡镇, 乡亲, 乡风):
# 发展乡村旅游 holds no 发展乡, 建设乡镇 no 建设乡; the text is then segmented to decide
# (张庄乡村民 is 张庄乡's villagers).
XIANG_WORD_ENDS = "村镇亲土风贤情"


def opens_a_word_with_xiang(spelling: str, text: str, end: int) -> bool:
    """True when a name ending in 乡 is followed by a character that makes 乡 a word's start.

    >>> opens_a_word_with_xiang("发展乡", "发展乡村旅游", 3), opens_a_word_with_xiang("张庄乡", "张庄乡召开会议", 3)
    (True, False)
    """
    return spelling.endswith("乡") and end < len(text) and text[end] in XIANG_WORD_ENDS


# A person named by a post, then surname and given name (统战部部长廖江华带领…, 廖江华要求): a
# place's short form that is the given name is no place (江华 of 江华瑶族自治县).
POST_BEFORE = re.compile(r"(?:书记|县长|市长|区长|旗长|州长|部长|主任|局长|主席|镇长|乡长|同志|记者)$")
PERSON_AFTER = re.compile(r"一行|带领|带队|率队|要求|指出|强调|表示|讲话|主持|同志")


def a_persons_name(text: str, start: int, end: int) -> bool:
    """True when the short form at text[start:end] is a person's given name: right after a
    surname (surnames.yml) that comes after a post, or with a word only a person does after it.

    >>> text = "统战部部长廖江华带领检查组督导开学。廖江华要求抓好安全。江华县开展活动"
    >>> [a_persons_name(text, k, k + 2) for k in (6, 19, 28)]
    [True, True, False]
    """
    if start < 1 or text[start - 1] not in _single_surnames():
        return False
    return bool(POST_BEFORE.search(text, max(0, start - 3), start - 1) or PERSON_AFTER.match(text, end))


@lru_cache(maxsize=1)
def _single_surnames() -> frozenset[str]:
    from .credits import _surnames  # the reporters' surnames, read once

    return _surnames()[0]


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when word segmentation of the text around a span starts and ends a word there.

    >>> on_word_boundaries("人大和政协委员", 2, 4), on_word_boundaries("来冠县验收", 1, 3)
    (False, True)
    """
    window = SETTINGS.district_boundary_window
    left = max(0, start - window)
    cuts = word_cuts(text[left : end + window])
    return start - left in cuts and end - left in cuts


# Runs of text jieba segments as one block (its re_han_default); anything else is cut around.
SEGMENT_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


@lru_cache(maxsize=1024)
def word_cuts(text: str) -> frozenset[int]:
    """Positions between words: where jieba's dictionary segmentation without its HMM
    (``jieba.lcut(text, HMM=False)``) ends a Chinese word, done here on jieba's own word list.
    Going through ``jieba.lcut`` for each short window cost about half the metadata stage;
    the HMM, which joins unknown characters into words, changed no district on the corpus.
    Remembered: a page asks about the same windows again and again (1,540 different ones in
    4,278 asked on 400 benchmark pages), and the trie's lookups cost more than a dict's.

    >>> sorted(word_cuts("人大和政协委员"))  # 人大 和 政协委员
    [0, 2, 3, 7]
    """
    freq, logtotal = _dictionary()
    ends = _trie_ends(freq)
    cuts = {0, len(text)}
    for block in SEGMENT_BLOCK.finditer(text):
        piece, base = block.group(), block.start()
        n = len(piece)
        # the best route from each position to the end: jieba.Tokenizer.calc on the DAG
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for i in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            for end, count in ends(piece, i):
                score = (log(count) - logtotal + route[end][0], end - 1)
                best = score if best is None or score > best else best
            if best is None:
                best = (log(freq.get(piece[i]) or 1) - logtotal + route[i + 1][0], i)
            route[i] = best
        i, run = 0, False
        while i < n:
            j = route[i][1] + 1
            letter = j == i + 1 and piece[i].isascii() and piece[i].isalnum()
            if not (letter and run):  # jieba keeps single letters and digits together (80, 2024)
                cuts.add(base + i)
            run, i = letter, j
        cuts.add(base + n)
    return frozenset(cuts)


def _trie_ends(words: wordlist.Words) -> Callable[[str, int], list[tuple[int, int]]]:
    """``Words.ends`` with its attributes looked up once (it runs for every character)."""
    prefixes, freqs, longest = words.trie.iter_prefixes_with_ids, words.freqs, words.longest

    def ends(text: str, start: int) -> list[tuple[int, int]]:
        return [(start + len(w), freqs[k]) for w, k in prefixes(text[start : start + longest])]

    return ends


@lru_cache(maxsize=1)
def _dictionary() -> tuple[wordlist.Words, float]:
    """jieba's word frequencies (wordlist) and the log of their total."""
    words = wordlist.words()
    return words, log(words.total)


# Stories whose mentions are remembered (the page's home and each story's districts read the
# same stories): a page's worth.
MENTIONS_KEPT = 64


def _story_mentions(article: Article, rules: Rules) -> list[tuple[Mention, float]]:
    """Places in the headline (weighted) and the body, positions in headline + body text.
    A headline opening with a place and a colon (前锋：…, 江东：…) names where the story is.
    Remembered for the last few stories, by their text and the settings (do not change the list)."""
    head = _headline_text(article.headline)
    body = "".join(article.paragraphs)
    kept = rules.gazetteer.memo("story_mentions")
    key = (head, body, SETTINGS)
    found = kept.get(key)
    if found is None:
        found = kept[key] = _find_story_mentions(head, body, rules)
        if len(kept) > MENTIONS_KEPT:
            del kept[next(iter(kept))]  # the oldest
    return found


def _find_story_mentions(head: str, body: str, rules: Rules) -> list[tuple[Mention, float]]:
    title_weight = SETTINGS.district_title_weight
    described: set[str] = set()
    found = _mentions(head, rules, title_weight, 0, described) + _mentions(body, rules, 1.0, len(head), described)
    if described:  # 平遥古城 … 古城周边: the word keeps its sense through the story
        found = [(m, w) for m, w in found if m.full or m.spelling not in described]
    label = HEADLINE_PLACE.match(head)
    if label and not any(m.start == 0 for m, _w in found):
        codes = rules.gazetteer.word_shorts.get(label.group(1))
        if codes:
            found.insert(0, (Mention(0, len(label.group(1)), label.group(1), codes, False), float(title_weight)))
    text = head + body
    found = word_shorts_gone_to(text, len(head), found, rules)
    found = towns_by_base(found, rules)
    found = [(m, w) for m, w in found if not named_in_town_list(text, m, found)]
    found = without_campaign_words(text, found, rules)
    found = without_compared(text, found)
    visitor = _visitor_pattern(SETTINGS.district_visit_gap)
    guests = {c for m, _w in found if visitor.match(text, m.end) for c in m.codes}
    guests |= {c for m in visiting_own_county(text, found, rules) for c in m.codes}
    found = [(m, w) for m, w in found if not guests.issuperset(m.codes)] if guests else found
    if not any(unit in text for unit in rules.data_units):
        return found  # most stories give no measure: no clause to look for
    gaz = rules.gazetteer
    return [(m, w) for m, w in found if not (all(gaz.divisions[c].level == "town" for c in m.codes)
                                             and named_as_data(text, m.start, m.end, rules))]


# Words of ranking a place against others (位列第四，排在昆山市、江阴市之后; 仅次于A县): the
# places listed right after one are the ones compared with, not the story's.
COMPARED = re.compile(r"仅次于|次于|排在|排名在|落后于|领先于|超过|高于|低于|优于")


def without_compared(text: str, found: list[tuple[Mention, float]]) -> list[tuple[Mention, float]]:
    """The mentions without those a word of ranking (COMPARED) opens, one place after another
    with at most a separator (LIST_GAP) between, as the places compared with.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "晋江市位列第四，排在昆山市、江阴市和张家港市之后。"
    >>> [m.spelling for m, _w in without_compared(text, _mentions(text, rules))]
    ['晋江市']
    >>> text = "在昆山市、江阴市召开会议"
    >>> [m.spelling for m, _w in without_compared(text, _mentions(text, rules))]
    ['昆山市', '江阴市']
    """
    if not found or COMPARED.search(text) is None:
        return found
    starts = {m.start: m for m, _w in found}
    compared: set[int] = set()
    for word in COMPARED.finditer(text):
        at = word.end()
        while (m := starts.get(at) or (starts.get(at + 1) if text[at : at + 1] in LIST_GAP else None)):
            compared.add(m.start)
            at = m.end
    return [(m, w) for m, w in found if m.start not in compared] if compared else found


# Words of going to or being in a place, before a short form that is also a word (来会同开展
# 视察, 走进罗田): the place. 在 is not one of them (在和平年代).
GONE_TO = re.compile(r"来到|来|到|赴|走进|深入|前往")


def word_shorts_gone_to(text: str, head_end: int, found: list[tuple[Mention, float]],
                        rules: Rules) -> list[tuple[Mention, float]]:
    """The mentions with the short forms that are also common words (gazetteer word_shorts:
    会同, 麻城, 通道) read as places where one follows a word of going (GONE_TO) and the story
    names the same place in full: 怀化市人大常委会视察组来会同开展视察 … 会同县. Alone, such a
    short form is the word (会同有关部门, 和平发展).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "视察组来会同开展视察，听取会同县政府汇报。会同有关部门参加。"
    >>> [m.spelling for m, _w in word_shorts_gone_to(text, 0, _mentions(text, rules), rules)]
    ['会同', '会同县']
    >>> text = "视察组来会同开展视察。"
    >>> word_shorts_gone_to(text, 0, _mentions(text, rules), rules)
    []
    """
    shorts = rules.gazetteer.word_shorts
    if not shorts or not found:
        return found
    full = {c for m, _w in found if m.full for c in m.codes}
    kept = rules.gazetteer.memo("word_short_codes")
    if "all" not in kept:
        kept["all"] = frozenset(c for codes in shorts.values() for c in codes)
    if full.isdisjoint(kept["all"]):
        return found  # (most stories name no such place in full: no need to look)
    taken = {m.start for m, _w in found}
    added = []
    for going in GONE_TO.finditer(text):
        at = going.end()
        for size in (3, 2):
            codes = shorts.get(text[at : at + size])
            if codes and at not in taken and full.intersection(codes) and on_word_boundaries(text, at, at + size):
                weight = (SETTINGS.district_title_weight if at < head_end else 1.0) * SETTINGS.district_short_weight
                added.append((Mention(at, at + size, text[at : at + size], codes, False), weight))
                break
    return sorted(found + added, key=lambda mw: mw[0].start) if added else found


# A town's kind after its base, as a story writes the town in full (乌镇镇, 周庄镇, 田林街道).
TOWN_KINDS = ("街道", "镇", "乡")


def towns_by_base(found: list[tuple[Mention, float]], rules: Rules) -> list[tuple[Mention, float]]:
    """The mentions with a town's base read as that town wherever the story also writes the
    town in full: 桐乡's 乌镇镇 is written 乌镇 in short, and 乌镇 is also the full name of a town
    of 佳县, which a story naming 桐乡市乌镇镇 does not mean. A base that is also a county's short
    form is that town only where the county does not hold it (永宁古城 in a story of 永宁镇 is
    no 永宁县; 恭城 in a story of 恭城镇 is 恭城县, the town's own county).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> found = towns_by_base(_mentions("乌镇峰会召开。桐乡市乌镇镇推进数字经济", rules), rules)
    >>> [(m.spelling, gaz.divisions[m.codes[0]].name) for m, _w in found]
    [('乌镇', '乌镇镇'), ('桐乡市', '桐乡市'), ('乌镇镇', '乌镇镇')]
    >>> [gaz.divisions[m.codes[0]].name for m, _w in towns_by_base(_mentions("乌镇峰会召开", rules), rules)]
    ['乌镇']
    >>> [gaz.divisions[m.codes[0]].name for m, _w in towns_by_base(_mentions("永宁古城灯会。延庆区永宁镇", rules), rules)]
    ['永宁镇', '延庆区', '永宁镇']
    >>> [gaz.divisions[m.codes[0]].name for m, _w in towns_by_base(_mentions("恭城月柿。恭城镇", rules), rules)]
    ['恭城瑶族自治县', '恭城镇']
    """
    gaz = rules.gazetteer
    bases: dict[str, tuple[str, ...]] = {}
    for m, _w in found:
        if m.full and m.spelling.endswith(TOWN_KINDS) and all(gaz.divisions[c].level == "town" for c in m.codes):
            base = m.spelling[: -2 if m.spelling.endswith("街道") else -1]
            if len(base) >= 2:
                bases[base] = m.codes
    if not bases or not any(m.spelling in bases and m.codes != bases[m.spelling] for m, _w in found):
        return found

    def the_town(m: Mention) -> bool:
        # a base that is only towns' spelling, or a county's short form of a county that does
        # not hold the town (永宁古城 beside 延庆's 永宁镇 is no 永宁县; 恭城 beside 恭城镇 is 恭城县)
        return m.spelling in bases and m.codes != bases[m.spelling] and all(
            gaz.divisions[c].level == "town" or not any(gaz.within(t, c) for t in bases[m.spelling])
            for c in m.codes)

    return [(Mention(m.start, m.end, m.spelling, bases[m.spelling], m.full), w) if the_town(m) else (m, w)
            for m, w in found]


def without_prose_words(text: str, found: list[tuple[Mention, float]], region: str | None,
                        rules: Rules) -> list[tuple[Mention, float]]:
    """The mentions less the short forms that are words of government prose (gazetteer.yml
    prose_words: 文化惠民, 邻里互助) naming no county of the story's region: with no region, or
    another one, 惠民 is the word. A headline's label (惠民：…) stays a place.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "我县文化惠民演出走进乡村"
    >>> without_prose_words(text, _mentions(text, rules), None, rules)
    []
    >>> region = rules.gazetteer.codes("滨州市")[0]
    >>> [m.spelling for m, _w in without_prose_words(text, _mentions(text, rules), region, rules)]
    ['惠民']
    >>> text = "惠民：绳网产业闯出国际市场"
    >>> [m.spelling for m, _w in without_prose_words(text, _mentions(text, rules), None, rules)]
    ['惠民']
    """
    if not rules.prose_words:
        return found
    gaz = rules.gazetteer
    return [(m, w) for m, w in found
            if m.full or m.spelling not in rules.prose_words or text[m.end : m.end + 1] in ("：", ":")
            or (region is not None and any(gaz.within(c, region) or gaz.within(region, c) for c in m.codes))]


# A county's people as its own paper writes them: 我县, 本旗, or its organs bare by kind at a
# clause's start (县委书记带队…, 区党政代表团赴…). Not 我区: a region's paper (广西) says it too,
# but writes its organs 自治区党委, 区党委 (no 区委).
OWN_COUNTY_PEOPLE = re.compile(r"[我本][县旗]|(?:^|(?<=[，。；：,;:“\s日]))[县区旗](?=党政代表团|代表团|考察团|委|政府|人大|政协|领导)")
# A city's people (我市): only their event held in another city or province places no story
# there (我市在郑州举办招商推介会: 郑州 is no 我市); a city's people going to one of its own
# counties (市委书记赴安吉县调研) are the county's story, so the leaving words do not apply.
OWN_CITY_PEOPLE = re.compile(r"[我本]市")
# A city's delegation (我市考察团, 市党政代表团) goes outside its city, as a county's does: where it
# goes is not the story's place (我市考察团赴浙江长兴考察: no 长兴县 story).
CITY_DELEGATION = re.compile(r"(?:(?<=[我本])|(?:^|(?<=[，。；：,;:“\s日])))市(?:党政代表团|代表团|考察团)")


def without_places_left_for(text: str, found: list[tuple[Mention, float]], rules: Rules) -> list[tuple[Mention, float]]:
    """For a story of a county's own people (我县, 县委书记带队…) whose paper gives no county: the
    mentions less the places they left for, a county, city or province right after a word of
    leaving (gazetteer.yml leaving_words, within settings.district_visited_gap characters of the
    clause) with the places written onto it (赴浙江安吉, 赴铜川市耀州区照金镇), wherever the story
    names them again, and the towns of such a county (在渔洋关镇). The story is the goers'
    county, which such a place is not; towns left for (赴船寮镇) stay: they may be its own.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "县领导带队赴浙江安吉考察竹产业，在安吉县递铺街道学习，浙江湖州两地。"
    >>> [m.spelling for m, _w in without_places_left_for(text, _mentions(text, rules), rules)]
    ['湖州']
    >>> text = "县委书记赴船寮镇、温溪镇调研。"
    >>> [m.spelling for m, _w in without_places_left_for(text, _mentions(text, rules), rules)]
    ['船寮镇', '温溪镇']
    >>> text = "市委书记赴安吉县调研。"
    >>> [m.spelling for m, _w in without_places_left_for(text, _mentions(text, rules), rules)]
    ['安吉县']

    An event the county's people hold in a city or province (gazetteer.yml held_words: 我县在深圳
    举办招商推介会) is theirs too, and so is a city's people's (OWN_CITY_PEOPLE: 我市在郑州举办…);
    a county as the venue is not dropped (全市现场会在通渭县举行).

    >>> text = "我县在厦门举办推介会。崇义县推介会在福建省厦门市举行，厦门客商参加。"
    >>> [m.spelling for m, _w in without_places_left_for(text, _mentions(text, rules), rules)]
    ['崇义县']
    >>> text = "我县在通渭县举办观摩会。"
    >>> [m.spelling for m, _w in without_places_left_for(text, _mentions(text, rules), rules)]
    ['通渭县']
    >>> text = "我市在郑州举办招商推介会，郑州客商参加。市委书记赴安阳县调研"
    >>> [m.spelling for m, _w in without_places_left_for(text, _mentions(text, rules), rules)]
    ['安阳县']
    >>> text = "我市考察团赴浙江省长兴县考察，走进长兴县水口乡。"
    >>> [m.spelling for m, _w in without_places_left_for(text, _mentions(text, rules), rules)]
    []
    """
    county_people = OWN_COUNTY_PEOPLE.search(text) is not None or "团" in text and CITY_DELEGATION.search(text) is not None
    if not rules.leaving_words or not county_people and not (rules.held_words and OWN_CITY_PEOPLE.search(text)):
        return found
    gaz = rules.gazetteer
    pattern = _went_pattern(rules.leaving_words, SETTINGS.district_visited_gap)
    reach = SETTINGS.district_visited_gap + max(len(w) for w in rules.leaving_words)
    dropped: set[int] = set()
    left_for: set[str] = set()
    held = _held_pattern(rules.held_words, SETTINGS.district_visited_gap) if rules.held_words else None
    k = 0
    while k < len(found):
        m = found[k][0]
        venue = held is not None and text[m.start - 1 : m.start] == "在" and all(
            gaz.divisions[c].level in ("city", "province") for c in m.codes)
        if not venue and not (county_people and pattern.search(text[max(0, m.start - reach) : m.start])):
            k += 1
            continue
        chain = [k]  # the place gone to and those written onto it (浙江安吉)
        while chain[-1] + 1 < len(found) and found[chain[-1] + 1][0].start == found[chain[-1]][0].end:
            chain.append(chain[-1] + 1)
        if venue and not (held and held.match(text, found[chain[-1]][0].end)):
            k = chain[-1] + 1
            continue
        if any(gaz.divisions[c].level in ("county", "city", "province") for j in chain for c in found[j][0].codes):
            dropped.update(chain)
            left_for.update(c for j in chain for c in found[j][0].codes)
        k = chain[-1] + 1

    def there(m: Mention) -> bool:  # the place left for again, or a town a county left for has (在渔洋关镇)
        return all(c in left_for for c in m.codes) or any(
            gaz.within(c, d) and gaz.divisions[d].level == "county" for c in m.codes for d in left_for)

    return [f for j, f in enumerate(found) if j not in dropped and not (left_for and there(f[0]))]


def without_campaign_words(text: str, found: list[tuple[Mention, float]], rules: Rules) -> list[tuple[Mention, float]]:
    """The mentions but the towns whose name lies inside a campaign's keyword (campaigns.yml:
    小城镇 of 舒兰市 in 小城镇环境综合整治): a campaign's name, no place.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "小城镇环境综合整治在周壤镇推进"
    >>> [m.spelling for m, _w in without_campaign_words(text, _mentions(text, rules), rules)]
    ['周壤镇']
    """
    inner = _towns_in_keywords(rules)
    towns = [m for m, _w in found if m.spelling in inner] if inner else []
    if not towns:
        return found  # nearly every story: no town it names is spelled inside a keyword
    keywords = _all_keywords(rules.campaigns)
    spans = [(start, end) for _k, start, end in _keyword_matcher(keywords).find_matches_as_indexes(text, overlapping=True)]
    inside = {id(m) for m in towns if any(start <= m.start and m.end <= end for start, end in spans)}
    return [(m, w) for m, w in found if id(m) not in inside] if inside else found


def _towns_in_keywords(rules: Rules) -> frozenset[str]:
    """Town spellings found inside the campaigns' keywords (小城镇), found once per rules (kept
    by the campaigns' identity: hashing them for every story costs more than the rule)."""
    gaz = rules.gazetteer
    kept = gaz.memo("towns_in_keywords")
    entry = kept.get(id(rules.campaigns))
    if entry is None or entry[0] is not rules.campaigns:
        entry = kept[id(rules.campaigns)] = (rules.campaigns, frozenset(
            m.spelling for k in _all_keywords(rules.campaigns) for m in gaz.find(k)
            if all(gaz.divisions[c].level == "town" for c in m.codes)))
    return entry[1]


def named_in_town_list(text: str, m: Mention, found: list[tuple[Mention, float]]) -> bool:
    """True when a short form (宝丰 of 宝丰县) stands in a list of towns by short form before a
    word for towns (宝丰、擂鼓等乡镇): a town's name there, no county's. Only a short form
    followed or preceded by a list separator is looked at (the list is rarely there).

    >>> from civicnews.rules import load_rules
    >>> text = "宝丰、擂鼓等乡镇掀起秋冬种热潮，宝丰县也开始秋种"
    >>> found = _mentions(text, load_rules())
    >>> [(m.spelling, named_in_town_list(text, m, found)) for m, _w in found]
    [('宝丰', True), ('宝丰县', False)]
    """
    if m.full or not (text[m.end : m.end + 1] in LIST_SEPARATOR_CHARS or text[m.start - 1 : m.start] in LIST_SEPARATOR_CHARS):
        return False
    return any(found_list.start(1) <= m.start and m.end <= found_list.end(1) for found_list in _town_lists(text))


@lru_cache(maxsize=4)
def _town_lists(text: str) -> list[re.Match[str]]:
    return list(TOWN_LIST.finditer(text))


# Where a sentence or a clause ends.
SENTENCE_ENDS = "。！？"
CLAUSE_ENDS = "，。；！？,;"


def named_as_data(text: str, start: int, end: int, rules: Rules) -> bool:
    """True when the town named at text[start:end] stands in a clause that gives a measure in
    one of gazetteer.yml data_units (其中，均川镇、洪山镇超过80毫米: rainfall gauges): data, no
    place of the story, and no sign of its county (a city's rainfall is the city's story).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "市长察看了均川镇水库。其中，均川镇、洪山镇超过80毫米。"
    >>> [named_as_data(text, at, at + 3, rules) for at in (5, 14)]
    [False, True]
    """
    if not rules.data_units:
        return False
    opened = max(text.rfind(c, 0, start) for c in CLAUSE_ENDS) + 1
    closed = min((i for i in (text.find(c, end) for c in CLAUSE_ENDS) if i >= 0), default=len(text))
    clause = text[opened:closed]
    return any(unit in clause for unit in rules.data_units)


def named_in_demand(text: str, start: int, rules: Rules) -> bool:
    """True when the town named at ``start`` follows, in the same sentence, a word that opens a
    speaker's demands and its comma (gazetteer.yml speech_words): an example the speaker holds
    up (毕玲要求，切实发挥好汊涧镇长山村…的带头作用), not a place of the story. It still says
    which county the story is in. A demand as a noun (按照…的要求，…工作要求，) opens none.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "委员们察看了永丰镇园区。毕玲要求，发挥好汊涧镇长山村的带头作用。"
    >>> [named_in_demand(text, text.index(t), rules) for t in ("永丰镇", "汊涧镇")]
    [False, True]
    >>> text = "县长到汊涧镇调研时要求，加快进度。按照上级的要求，在汊涧镇建站。"
    >>> named_in_demand(text, 3, rules), named_in_demand(text, text.rindex("汊涧镇"), rules)
    (False, False)
    >>> text = "为贯彻落实市委“六域”党建引领“三城”创建工作要求，近日，汊涧镇开展整治。"
    >>> named_in_demand(text, text.index("汊涧镇"), rules)
    False
    """
    if not rules.speech_words:
        return False
    opened = max(text.rfind(c, 0, start) for c in SENTENCE_ENDS) + 1
    return _speech_pattern(rules.speech_words).search(text, opened, start) is not None


@lru_cache(maxsize=8)
def _speech_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A speaker, then a word that opens their demands and its comma or colon (毕玲要求，…;
    会议强调：…): the speaker is a clause's first few characters, so that a demand as a noun
    (为贯彻落实市委…创建工作要求，; 按照上级的要求，) opens none."""
    return re.compile(rf"(?<![^{CLAUSE_MARKS}])[^{CLAUSE_MARKS}]{{1,{SPEAKER_MAX}}}(?<![的作])(?:"
                      + "|".join(map(re.escape, words)) + ")[，：,:]")


# What ends a clause, a speaker's name included; and how long a speaker (县委书记张三) may be.
CLAUSE_MARKS = "，。；！？：,;:"
SPEAKER_MAX = 12


def _narrow(codes: tuple[str, ...], region: str | None, rules: Rules) -> list[str]:
    """The candidates of an ambiguous spelling that lie inside (or above) a region, if any do."""
    if region is None:
        return list(codes)
    gaz = rules.gazetteer
    inside = [c for c in codes if gaz.within(c, region) or gaz.within(region, c)]
    return inside or list(codes)


def _readings(m: Mention, region: str | None, rules: Rules) -> list[str]:
    """What a mention may mean inside the region; a short form, at its highest level
    (remembered: the tagger asks for the same spellings over and over; do not change the list)."""
    kept = rules.gazetteer.memo("readings")
    key = (m.codes, m.full, region)
    found = kept.get(key)
    if found is None:
        codes = _narrow(m.codes, region, rules)
        found = kept[key] = codes if m.full else _highest(codes, rules)
    return found


def _highest(codes: list[str], rules: Rules) -> list[str]:
    """Of the readings of a short form, the highest level: 海南 is the province, 朝阳 the city."""
    gaz = rules.gazetteer
    top = min(RANK[gaz.divisions[c].level] for c in codes)
    return [c for c in codes if RANK[gaz.divisions[c].level] == top]


def county_votes(mentions: list[tuple[Mention, float]], region: str | None, rules: Rules,
                 written: dict[str, str] | None = None, hints: Hints | None = None) -> dict[str, float]:
    """How strongly the story's places point at each county: a county's own mentions and its
    towns' and zones' count for it, an ambiguous spelling's weight shared among its readings.
    A town the story writes after its county (``written``) counts for that county only. A town
    name several counties share goes to those whose other towns the story also names (``hints``,
    from Gazetteer.towns_written_short, asked only then), when the story names none of the counties.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> votes = county_votes(_mentions("现代农业装备高新区、芝英镇和杭州市", rules), None, rules)
    >>> [rules.gazetteer.divisions[c].name for c in votes]
    ['永康市']
    """
    gaz = rules.gazetteer
    named = named_places(mentions, region, rules)
    votes: dict[str, float] = {}
    for m, weight in mentions:
        if m.spelling in gaz.local_words:
            continue  # 开发区 says nothing about which county: it means the home's own
        if written and m.spelling in written:
            votes[written[m.spelling]] = votes.get(written[m.spelling], 0.0) + weight
            continue
        codes = _readings(m, region, rules)
        if len(codes) > 1:  # 光坡镇 of 陵水, when the story names 陵水
            codes = [c for c in codes if any(gaz.within(c, p) for p in named)] or codes
        if len(codes) > 1:  # 济阳街道 of 济阳区 and of 任城区: the county it is named after
            codes = [c for c in codes if named_after_county(c, rules)] or codes
        written_short = hints() if len(codes) > 1 and hints else None
        if written_short:  # 白鹤镇 of 天台, when the story also names 洪畴 and 福溪
            support = {c: written_short.get(gaz.county_of(c) or "", 0) for c in codes}
            if max(support.values()) > min(support.values()):
                codes = [c for c in codes if support[c] == max(support.values())]
        counties = {gaz.county_of(c) for c in codes}
        counties.discard(None)
        for county in counties:
            votes[county] = votes.get(county, 0.0) + weight / len(codes)
    return votes


def named_after_county(code: str, rules: Rules) -> bool:
    """True for a town named after its own county (济阳街道 of 济阳区, 绥棱镇 of 绥棱县): the
    county's seat, the likelier reading of a town name other counties share.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [named_after_county(c, rules) for c in rules.gazetteer.codes("济阳街道")]
    [True, False]
    """
    gaz = rules.gazetteer
    county = gaz.county_of(code)
    if county is None or county == code:
        return False
    name = gaz.divisions[code].name
    base = TOWN_SUFFIX_END.sub("", name)
    return base != name and base in gaz.divisions[county].spellings


# A town's suffix at the end of its name (济阳街道 → 济阳).
TOWN_SUFFIX_END = re.compile(r"(?:街道|镇|乡|苏木)$")


def written_towns(text: str, mentions: list[tuple[Mention, float]], region: str | None,
                  rules: Rules) -> dict[str, str]:
    """Towns the text writes right after their county (庆城县三十铺镇): town name → county code.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "皋兰县九合镇中心村，当雄县公堂乡拉根村，全县所有乡镇"
    >>> found = written_towns(text, _mentions(text, rules), None, rules)
    >>> {town: rules.gazetteer.divisions[c].name for town, c in found.items()}
    {'九合镇': '皋兰县', '公堂乡': '当雄县'}
    >>> text = "正安籍人员返乡创办企业"
    >>> written_towns(text, _mentions(text, rules), None, rules)
    {}
    """
    gaz = rules.gazetteer
    out: dict[str, str] = {}
    for m, _weight in mentions:
        counties = {c for c in _readings(m, region, rules) if gaz.divisions[c].level == "county"}
        town = TOWN_AFTER_COUNTY.match(text, m.end)
        if len(counties) != 1 or town is None or NOT_TOWN_BASE.search(town.group(1)):
            continue
        if not gaz.codes(town.group(0)) and (NOT_NAME_START.match(town.group(1))
                                             or town.group(0).endswith(NO_TOWN_ENDS)):
            continue  # (临海市美丽城镇建设, 正安籍人员返乡创业: words, no suffix)
        out.setdefault(town.group(0), counties.pop())
    return out


def zones_named(text: str, mentions: list[tuple[Mention, float]], region: str | None,
                rules: Rules) -> dict[str, str]:
    """Zones the text names after their county or city (安顺经开区): zone name → place code.
    The name is the place's short form and the zone word (安顺经济技术开发区).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "走进安顺经开区，参观平湖市经济开发区"
    >>> found = zones_named(text, _mentions(text, rules), None, rules)
    >>> {zone: rules.gazetteer.divisions[c].name for zone, c in found.items()}
    {'安顺经济技术开发区': '安顺市', '平湖经济开发区': '平湖市'}
    >>> text = "县法院、黔西经济开发区、县公安局负责同志出席会议"
    >>> zones_named(text, _mentions(text, rules), None, rules)
    {}
    """
    gaz = rules.gazetteer
    out: dict[str, str] = {}
    units: dict[str, str] = {}  # zones named only among the units attending (县法院、X经济开发区…负责同志出席)
    for m, _weight in mentions:
        places = [c for c in _readings(m, region, rules) if gaz.divisions[c].level in ("county", "city")]
        zone = ZONE_AFTER_PLACE.match(text, m.end)
        if len(places) != 1 or zone is None:
            continue
        div = gaz.divisions[places[0]]
        short = div.spellings[1] if len(div.spellings) > 1 else div.name
        name = short + ZONE_FULL.get(zone.group(0), zone.group(0))
        if attending(text, m.start):
            units.setdefault(name, places[0])
        else:
            out.setdefault(name, places[0])
    return out


# A city's own organs and its whole extent (市委, 市人大常委会, 全市…), not a county's or zone's
# (区委, 县政府): a story that names them is the city's.
CITY_ORGANS = re.compile(r"(?<![区县镇乡州省])(?:全市|市委|市政府|市人大|市政协|市长|市领导)")


def named_as_zone_only(text: str, city: str, info: PageInfo, mentions: list[tuple[Mention, float]],
                       rules: Rules) -> bool:
    """True when the text names ``city`` only as the first part of a zone's name (武汉经开区…), the
    paper's own name (武汉晚报讯) aside: the city is the zone's address, not the story's place.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> city, info = rules.gazetteer.codes("武汉市")[0], PageInfo("x", publication="武汉晚报")
    >>> def zone_only(text):
    ...     return named_as_zone_only(text, city, info, _mentions(text, rules), rules)
    >>> zone_only("武汉晚报讯 武汉经开区沌阳街道开展活动"), zone_only("武汉市召开会议，武汉经开区参加")
    (True, False)
    >>> zone_only("市人大常委会赴武汉经开区视察")
    False
    """
    if CITY_ORGANS.search(text):
        return False  # 市人大常委会开展视察: the city's own story, its zone one place of it
    publication = info.publication or ""
    named = False
    for m, _weight in mentions:
        if city not in m.codes or (publication and text.startswith(publication, m.start)):
            continue
        if not ZONE_AFTER_PLACE.match(text, m.end):
            return False
        named = True
    return named


def listed_places(text: str, mentions: list[tuple[Mention, float]], region: str | None,
                   rules: Rules) -> list[str]:
    """Counties (and cities without counties) the text lists before a word for counties
    (儋州、东方、陵水等五市县), when it lists two or more: their codes in the order listed.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "儋州、东方、陵水等五市县被通报"
    >>> [rules.gazetteer.divisions[c].name for c in listed_places(text, _mentions(text, rules), None, rules)]
    ['儋州市', '东方市', '陵水黎族自治县']
    >>> [listed_places(t, _mentions(t, rules), None, rules) for t in ("地处中方、辰溪、溆浦三县交界", "永州市道县县委书记")]
    [[], []]
    >>> text = "延边州珲春、图们、龙井三市口岸经济加快发展，岳阳、常德两市"
    >>> [rules.gazetteer.divisions[c].name for c in listed_places(text, _mentions(text, rules), None, rules)]
    ['珲春市', '图们市', '龙井市']
    """
    gaz = rules.gazetteer

    def places(codes: tuple[str, ...], full: bool) -> list[str]:
        found = [c for c in (_narrow(codes, region, rules) if full else _highest(_narrow(codes, region, rules), rules))
                 if gaz.divisions[c].level in ("county", "city")]
        return found if len(found) == 1 else []

    out: list[str] = []
    run: list[str] = []
    last_end = -1
    for m, _weight in mentions:
        between = text[last_end:m.start] if last_end >= 0 else "?"
        gap = between.strip(LIST_GAP)
        if len(between) - len(gap) > (2 if gap else 1) or (gap and gap not in gaz.word_shorts) or not between:
            run = []  # not a list; nothing between: the place before is this one's address (永州市道县)
        elif gap:
            run += places(gaz.word_shorts[gap], False)  # 东方 between two places of a list
        here = places(m.codes, m.full)
        if not here:
            run, last_end = [], -1
            continue
        run += here
        last_end = m.end
        end = PLACE_LIST_END.match(text, m.end) or (CITY_COUNTIES_END.match(text, m.end) if all(
            gaz.divisions[c].level == "county" and gaz.divisions[c].name.endswith("市") for c in run) else None)
        if len(run) >= 2 and end and not BORDER.match(text, end.end()):
            out += [c for c in run if c not in out]
    return out


# After a list of cities in running text: a word for them with 等 or a count (岳阳、常德等地; 雅安、
# 眉山两市; 赣州、吉安等3个城市). A bare list in running text is too often a market or where
# visitors come from (销往杭州、宁波); in a headline any list counts.
CITY_LIST_END = re.compile(r"(?:等|[0-9一二两三四五六七八九十]+个?|等[0-9一二两三四五六七八九十]+个?)(?:市州|地市|城市|市|地)")


def listed_cities(text: str, head_end: int, mentions: list[tuple[Mention, float]], region: str | None,
                  rules: Rules) -> list[str]:
    """Cities and counties a story with no place of its own lists, two or more, in its headline
    (赣州、吉安、上饶入选…; 记者走进新化、隆回), or in its text before a word for cities with a
    city among them (岳阳、常德等地开展演练): a provincial paper's story of each of them. Their
    codes, in order.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> names = lambda text, head_end=0: [rules.gazetteer.divisions[c].name
    ...                                   for c in listed_cities(text, head_end, _mentions(text, rules), None, rules)]
    >>> names("入汛以来，岳阳、常德等地开展演练"), names("赣州、吉安、上饶入选提名城市", 14)
    (['岳阳市', '常德市'], ['赣州市', '吉安市', '上饶市'])
    >>> names("茶叶销往杭州、宁波和上海"), names("北京、上海两市"), names("销往宁乡、浏阳等地")
    ([], [], [])
    >>> names("记者走进新化、隆回采访", 12)
    ['新化县', '隆回县']
    >>> names("游客专程从景德镇、杭州、黄山等地赶来"), names("来自岳阳、常德等地的游客")
    ([], [])
    """
    gaz = rules.gazetteer

    def reading(m: Mention) -> str | None:
        codes = [c for c in _readings(m, region, rules) if gaz.divisions[c].level in ("city", "county")
                 and (region is None or gaz.within(c, region))]
        return codes[0] if len(codes) == 1 and m.spelling not in gaz.local_words else None

    origins = tuple(rules.origin_words) + ("从",)
    out: list[str] = []
    run: list[tuple[str, int]] = []
    opens = 0  # where the run starts
    for m, _weight in mentions:
        code = reading(m)
        if code is None or (run and (m.start - run[-1][1] != 1 or text[run[-1][1]] not in LIST_GAP)):
            run = []
        if code is None:
            continue
        if not run:
            opens = m.start
        run.append((code, m.end))
        if len(run) >= 2 and (m.end <= head_end or CITY_LIST_END.match(text, m.end)
                              and any(gaz.divisions[c].level == "city" for c, _end in run)) \
                and not text[:opens].endswith(origins):  # (游客从景德镇、杭州等地赶来: where they came from)
            out += [c for c, _end in run if c not in out]
    return out


# After a list of counties: where they meet (中方、辰溪、溆浦三县交界): the story's place lies on
# their border, in one of them, not in all.
BORDER = re.compile(r"交界|接壤|交汇|毗邻|结合部")


def _list_readings(county: str, rules: Rules) -> dict[str, str]:
    """A county's towns by base and by short form (remembered: asked for every story)."""
    gaz = rules.gazetteer
    kept = gaz.memo("list_readings")
    found = kept.get(county)
    if found is None:
        found = kept[county] = {**gaz.town_bases(county), **gaz.town_shorts(county)}
    return found


def listed_towns(text: str, county: str, rules: Rules) -> list[tuple[int, str]]:
    """Towns of one county that the text lists by short form before a word for towns
    (深入湍河、白牛、桑庄等乡镇): (position, town code) pairs.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> found = listed_towns("走进石梁、航埠两镇", gaz.codes("柯城区")[0], rules)
    >>> [gaz.divisions[c].name for _at, c in found]
    ['石梁镇', '航埠镇']
    """
    # in such a list a town's base is its name even when it also spells another place (宝丰 of
    # 宝丰县, 竹山县's 宝丰镇 in 宝丰、擂鼓等乡镇) or is an ordinary word: those are kept out of
    # town_shorts, which is read in headlines too
    out: list[tuple[int, str]] = []
    for found in TOWN_LIST.finditer(text):
        shorts = _list_readings(county, rules)
        at = found.start(1)
        for k, item in enumerate(LIST_SEPARATORS.split(found.group(1))):
            # the first item may carry the words before the list (深入湍河): its tail is the name
            tails = [item[i:] for i in range(len(item) - 1)] if k == 0 else [item]
            code = next((shorts[t] for t in tails if t in shorts), None)
            if code:
                out.append((at, code))
            at += len(item) + 1
    return out


# A town's suffix as the text may write it: towns are raised every year (张庄乡 became 张庄镇,
# 春江镇 became 春江街道), and a story, or its annotator, still writes the other one.
# A street's office (街道办事处) is also written for the street itself, in full or cut short
# (玉泉办事处, 万兴街办事处, 万兴街办 for 玉泉街道, 万兴街道).
TOWN_SUFFIX_WRITTEN = re.compile(r"(?:镇|乡|街道|苏木|街?办事处|街办)(?![镇乡村级]|街(?!道))")
STREET_OFFICE = ("办事处", "街办事处", "街办")


def renamed_towns(text: str, county: str, rules: Rules) -> list[tuple[int, str]]:
    """Towns of one county the text names in full with another town suffix than the national
    list's (the list's 张庄镇 written 张庄乡): (position, the name as written) pairs. Read only for
    the story's county, and only where the name stands as a word.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> renamed_towns("在柯城区石梁乡开会", rules.gazetteer.codes("柯城区")[0], rules)
    [(4, '石梁乡')]
    >>> renamed_towns("走访信安办事处和石梁办事处", rules.gazetteer.codes("柯城区")[0], rules)
    [(2, '信安街道')]
    >>> renamed_towns("荷花街办事处、信安街办联合开展活动", rules.gazetteer.codes("柯城区")[0], rules)
    [(0, '荷花街道'), (7, '信安街道')]
    """
    gaz = rules.gazetteer
    freq = _dictionary()[0]
    out: list[tuple[int, str]] = []
    for short, code in gaz.town_bases(county).items():
        if freq.get(short, 0) >= SETTINGS.district_common_word_freq:
            continue  # an ordinary word (新城 of 新城街道: 特色新城镇 is no town)
        official = gaz.divisions[code].name
        at = text.find(short)
        while at >= 0:
            suffix = TOWN_SUFFIX_WRITTEN.match(text, at + len(short))
            if suffix and short + suffix.group(0) != official:
                name = short + suffix.group(0)
                if on_word_boundaries(text, at, at + len(name)):
                    if suffix.group(0) in STREET_OFFICE:  # the street's office: the street, by its name
                        name = official if official.endswith("街道") else ""
                    if name:
                        out.append((at, name))
            at = text.find(short, at + len(short))
    return sorted(dict.fromkeys(out))


def written_otherwise(text: str, end: int, short: str, official: str) -> bool:
    """True when a town's short form ending at ``end`` goes on with another town suffix than
    the list's (叶坪乡 for the list's 叶坪镇, raised since): the name as written is the town's,
    which renamed_towns reads (the annotators keep it), not the list's.

    >>> written_otherwise("叶坪乡开展宣讲", 2, "叶坪", "叶坪镇"), written_otherwise("叶坪镇开展宣讲", 2, "叶坪", "叶坪镇")
    (True, False)
    """
    suffix = TOWN_SUFFIX_WRITTEN.match(text, end)
    return bool(suffix) and suffix.group(0) not in STREET_OFFICE and short + suffix.group(0) != official


def renamed_town_county(head: str, city: str, rules: Rules) -> str | None:
    """The one county of ``city`` with a town the headline writes with another suffix than the
    list's (叶坪乡 for 瑞金市's 叶坪镇), standing as a word; None when no county, or several, have
    such a town.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> gaz.divisions[renamed_town_county("叶坪乡开展红色文化宣讲", gaz.codes("赣州市")[0], rules)].name
    '瑞金市'
    >>> renamed_town_county("叶坪镇开展红色文化宣讲", gaz.codes("赣州市")[0], rules) is None
    True
    """
    gaz = rules.gazetteer
    freq = _dictionary()[0]
    kept = gaz.memo("city_town_bases")
    bases = kept.get(city)
    if bases is None:
        bases = kept[city] = {}
        for county, towns in gaz.town_base.items():
            if gaz.within(county, city):
                for base, code in towns.items():
                    bases.setdefault(base, []).append((county, gaz.divisions[code].name))
    found: set[str] = set()
    for base, owners in bases.items():
        at = head.find(base)
        if at < 0 or freq.get(base, 0) >= SETTINGS.district_common_word_freq:
            continue
        for county, official in owners:
            suffix = TOWN_SUFFIX_WRITTEN.match(head, at + len(base))
            if written_otherwise(head, at + len(base), base, official) and suffix \
                    and on_word_boundaries(head, at, suffix.end()):
                found.add(county)
    return found.pop() if len(found) == 1 else None


def named_places(mentions: list[tuple[Mention, float]], region: str | None, rules: Rules) -> set[str]:
    """Counties and cities the story names without ambiguity (inside its paper's region)."""
    gaz = rules.gazetteer
    out: set[str] = set()
    for m, _weight in mentions:
        codes = _readings(m, region, rules)
        if len(codes) == 1 and gaz.divisions[codes[0]].level in ("county", "city"):
            out.add(codes[0])
    return out


def city_votes(mentions: list[tuple[Mention, float]], region: str | None, rules: Rules) -> dict[str, float]:
    """Mentions of prefecture-level cities, for a story about a whole city. A city written
    right before one of its own counties (长沙市雨花区) only says whose county that is: it is
    the county's address, not a second vote for the city.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> names = lambda text: [rules.gazetteer.divisions[c].name for c in city_votes(_mentions(text, rules), None, rules)]
    >>> names("长沙市雨花区高桥街道"), names("长沙市和雨花区")
    ([], ['长沙市'])

    A town of a city without counties (东莞's 虎门镇, 中山's 小榄镇) votes for that city, as a
    county's town votes for its county (county_votes).

    >>> names("虎门镇服装产业加速转型")
    ['东莞市']
    """
    gaz = rules.gazetteer
    votes: dict[str, float] = {}
    starts: dict[int, tuple[str, ...]] = {m.start: m.codes for m, _weight in mentions}
    for m, weight in mentions:
        readings = _readings(m, region, rules)
        codes = [c for c in readings if gaz.divisions[c].level == "city"
                 and not any(gaz.divisions[n].level == "county" and gaz.within(n, c) for n in starts.get(m.end, ()))]
        for c in codes:
            votes[c] = votes.get(c, 0.0) + weight / len(codes)
        if not codes:
            for c in readings:
                div = gaz.divisions[c]
                if div.level == "town" and div.parent and gaz.divisions[div.parent].level == "city":
                    votes[div.parent] = votes.get(div.parent, 0.0) + weight / len(readings)
    return votes


def story_place(mentions: list[tuple[Mention, float]], home: str | None, rules: Rules,
                written: dict[str, str] | None = None, hints: Hints | None = None) -> str | None:
    """The county (else city) the story happens in: the paper's county when it has one; else,
    inside the paper's region, the city its places point at most, and in that city the county
    they point at, when they point at it more than at the city itself."""
    gaz = rules.gazetteer
    if home and gaz.county_of(home):
        return gaz.county_of(home)
    votes = county_votes(mentions, home, rules, written, hints)
    cities = city_votes(mentions, home, rules)
    if home:
        votes = {c: v for c, v in votes.items() if gaz.within(c, home)}
        cities = {c: v for c, v in cities.items() if gaz.within(c, home)}
    totals = dict(cities)  # a city: its own mentions and its counties'
    for county, v in votes.items():
        city = _city_of(county, rules) or county  # a county under no city (定安县) stands alone
        totals[city] = totals.get(city, 0.0) + v
    best_city = max(totals, key=lambda c: (totals[c], _order(c))) if totals else None
    if best_city and (_tied(totals, best_city) or (
            best_city != home and only_shared_names(mentions, best_city, home, rules, votes, hints))):
        # 枫林镇 of four counties, nothing else said; 石门镇 of 13 counties, two of them 安康's: no guess
        return home if home and city_level(home, rules) else None
    inside = {c: v for c, v in votes.items() if best_city is None or (_city_of(c, rules) or c) == best_city}
    if inside:
        county = max(inside, key=lambda c: (inside[c], _order(c)))
        if _tied(inside, county):
            return best_city if best_city and gaz.divisions[best_city].level == "city" else None
        # a story spread over the city's counties (十乡镇 in five counties) is the city's
        spread = inside[county] < SETTINGS.district_county_share * sum(inside.values()) and (
            best_city in cities or best_city == home)
        if inside[county] > cities.get(best_city or "", 0.0) and not spread:
            return county
    if best_city and best_city in cities:
        return best_city
    return home if home and city_level(home, rules) else None


def only_shared_names(mentions: list[tuple[Mention, float]], city: str, home: str | None, rules: Rules,
                      votes: dict[str, float], hints: Hints | None = None) -> bool:
    """True when every place a story names inside ``city`` is a town name that towns of other
    cities bear too (石门镇 of 13 counties, two of them 安康's), and the towns the story writes
    short point at none of the city's counties: the city leads only by having more towns of that
    name, which says nothing about the story.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> found = _mentions("石门镇召开安全工作会议", rules)
    >>> only_shared_names(found, gaz.codes("安康市")[0], None, rules, county_votes(found, None, rules))
    True
    >>> found = _mentions("安康市石门镇召开安全工作会议", rules)
    >>> only_shared_names(found, gaz.codes("安康市")[0], None, rules, county_votes(found, None, rules))
    False
    """
    gaz = rules.gazetteer
    for m, _weight in mentions:
        codes = _readings(m, home, rules)
        inside = [c for c in codes if gaz.within(c, city)]
        if not inside:
            continue
        seats = [c for c in codes if named_after_county(c, rules)]
        if seats and all(gaz.within(c, city) for c in seats):
            return False  # 济阳街道, the seat of 济阳区: county_votes reads it so
        if len(inside) == len(codes) or not all(gaz.divisions[c].level == "town" for c in codes):
            return False  # a place only the city has, or a county or city of that name
    written = hints() if hints else {}
    return not any(written.get(county) and gaz.within(county, city) for county in votes)


def city_level(code: str, rules: Rules) -> bool:
    """True for a prefecture-level city, or a city that is a province (北京, 上海, 天津, 重庆:
    their districts sit right under them): the level a story about a whole city is tagged at.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [city_level(rules.gazetteer.codes(n)[0], rules) for n in ("北京市", "金华市", "浙江省", "义乌市")]
    [True, True, False, False]
    """
    gaz = rules.gazetteer
    level = gaz.divisions[code].level
    if level != "province":
        return level == "city"
    kept = gaz.memo("provinces_with_cities")
    if not kept:
        kept.update({gaz.divisions[c].parent: True for c, d in gaz.divisions.items() if d.level == "city"})
    return code not in kept


def _tied(votes: dict[str, float], best: str) -> bool:
    """True when another place has as many votes as the best one (a name shared by places the
    story says nothing more about): the story is then left at the level that is certain."""
    return any(abs(v - votes[best]) < 1e-9 for c, v in votes.items() if c != best)


def _city_of(code: str, rules: Rules) -> str | None:
    """The prefecture-level city above a place (None for the counties of 北京, 天津, …)."""
    gaz = rules.gazetteer
    return next((c for c in gaz.ancestors(code) if gaz.divisions[c].level == "city"), None)


def _city_or_municipality(code: str, rules: Rules) -> str | None:
    """The prefecture-level city above a place, or the city that is a province (北京, 重庆)
    whose district it is.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [rules.gazetteer.divisions[_city_or_municipality(rules.gazetteer.codes(n)[0], rules)].name
    ...  for n in ("柯城区", "朝阳区")]
    ['衢州市', '北京市']
    """
    gaz = rules.gazetteer
    city = _city_of(code, rules)
    if city:
        return city
    top = next((c for c in gaz.ancestors(code) if gaz.divisions[c].level == "province"), None)
    return top if top and city_level(top, rules) else None


def _order(code: str) -> int:
    """Tie-break: the lower official code first (editor places after)."""
    return -int(code) if code.isdigit() else -10**13


def page_home(articles: list[Article], info: PageInfo, rules: Rules) -> str | None:
    """The place a page covers (a gazetteer code): its paper's, or the county its stories'
    places point at, or the portal's home set by the editor."""
    home, shared = home_readings(info, rules)
    mentions = [m for a in articles for m in _story_mentions(a, rules)]
    home = shared_home(shared, mentions, rules) or home
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


def find_districts(article: Article, info: PageInfo, rules: Rules, fallback_home: str | None = None) -> list[str]:
    """Places the story is about: its county (the paper's, else the one its places point at,
    else its page's), the towns and zones inside that county the text names, and places outside
    it that the text says the story happens in (坐落于衢州市…). Places merely mentioned (a
    visit from 金华市, goods sold to 上海) are not the story's.

    Listed county level first, then zones and towns, each in the order the story names them.
    """
    gaz = rules.gazetteer
    mentions = _story_mentions(article, rules)
    text = _headline_text(article.headline) + "".join(article.paragraphs)
    home, shared = home_readings(info, rules)
    home = shared_home(shared, mentions, rules) or home
    mentions = without_guests(text, mentions, home, rules)
    if home and (home_spelled_short(info, home, rules) and far_from(home, mentions, rules)
                 and not organs_of_its_own(text, home, mentions, rules)
                 or story_elsewhere(home, mentions, text, len(_headline_text(article.headline)), rules)):
        # a paper's name that only seems to spell a place (华龙网 is no paper of 濮阳's 华龙区):
        # the story names places in full, none in that place's province; or a story the paper
        # carries from another county (宝清县夹信子镇… in 庆元日报): the text decides
        fallback_home = None if place_code(fallback_home, rules) == home else fallback_home
        home = None
    region = home or place_code(fallback_home, rules)
    mentions = without_prose_words(text, mentions, region, rules)
    if home is None or gaz.divisions[home].level in ("city", "province"):
        mentions = without_places_left_for(text, mentions, rules)
    written = written_towns(text, mentions, region, rules)
    # the towns' short forms are scanned only if a shared town name needs them (a scan checks
    # each hit's word boundaries: a third of the stage if done for every story)
    hints = cache(lambda: gaz.towns_written_short(text, on_word_boundaries))
    place = story_place(mentions, home, rules, written, hints)
    page_place = place_code(fallback_home, rules)
    if place is None and page_place and not named_only_outside(page_place, mentions, rules):
        # the page's place, for a story that says nothing against it (a story naming only
        # another county's town, 枫林镇 on a page of 兴安县's stories, is not the page's)
        place = story_place(mentions, page_place, rules, written, hints)
    if place and home != place and gaz.divisions[place].level == "city":
        place = (town_county(mentions, place, rules)
                 or addressed_county(mentions, place, len(_headline_text(article.headline)), rules) or place)
    if place and place == home and city_level(place, rules):
        # a city's paper carrying a county's story (…现场推进会在我县召开): that county
        place = county_of_its_own(text, place, mentions, rules, written, hints) or place
    if place and gaz.divisions[place].level == "city":
        # a city's paper, a headline's town written with another suffix than the list's
        # (叶坪乡开展…, the list's 叶坪镇 of 瑞金市): that town's county, as for a town in full
        place = renamed_town_county(_headline_text(article.headline), place, rules) or place
    chosen: dict[str, tuple[int, int]] = {}  # name → (level rank, order named)
    if place:
        chosen[gaz.divisions[place].name] = (RANK[gaz.divisions[place].level], -1)
    # other counties the story happens in: where its people went
    also = visited_counties(text, mentions, place, home, rules)
    if also and place:
        counties = [place, *also] if gaz.divisions[place].level == "county" else also
        cities = {_city_or_municipality(c, rules) for c in counties}
        city = cities.pop() if len(cities) == 1 else None
        if city and gaz.divisions[city].level == "province":
            chosen.pop(gaz.divisions[city].name, None)  # 北京's, 重庆's stories: their districts only
        elif len(counties) >= 2 and city and (home is None or gaz.within(city, home)):
            chosen.setdefault(gaz.divisions[city].name, (RANK["city"], -2))  # a tour of its counties
        for county in also:
            chosen.setdefault(gaz.divisions[county].name, (RANK["county"], len(chosen)))
    city_counties: dict[str, list[tuple[int, int]]] = {}  # county → where a city's story names it
    if place and gaz.divisions[place].level in ("city", "province"):
        for m, _weight in mentions:  # a story about a city: the counties it names in full
            counties = [c for c in _narrow(m.codes, place, rules)
                        if gaz.divisions[c].level == "county" and gaz.within(c, place)]
            if m.full and len(counties) == 1 and m.spelling not in gaz.local_words \
                    and not speaking(text, m.start, rules):  # a speaker at the city's meeting: as for towns
                chosen.setdefault(gaz.divisions[counties[0]].name, (RANK["county"], len(chosen)))
                city_counties.setdefault(counties[0], []).append((m.start, m.end))
    if place is None:  # no county is certain (枫林镇 of four counties): the towns' names are
        for m, _weight in mentions:
            if m.full and all(gaz.divisions[c].level == "town" for c in m.codes):
                chosen.setdefault(m.spelling, (RANK["town"], len(chosen)))
    listed = listed_places(text, mentions, region, rules)
    if (home is None or gaz.divisions[home].level == "province") and (
            place is None or gaz.divisions[place].level == "city"):
        # a provincial paper's story of several cities, each as much as the others (one of them
        # named more often, 在成都签订, is still one of the list)
        cities = listed_cities(text, len(_headline_text(article.headline)), mentions, home, rules)
        listed += cities if place is None or place in cities else []
    if home is None or gaz.divisions[home].level in ("city", "province"):
        # 安吉县与上海市青浦区签订…协议: the other party of a headline's pair is the story's too
        listed += paired_counties(text, len(_headline_text(article.headline)), mentions, place, rules)
    for code in listed:
        chosen.setdefault(gaz.divisions[code].name, (RANK[gaz.divisions[code].level], len(chosen)))
    if home and place and gaz.divisions[home].level in ("town", "zone") and gaz.within(home, place):
        # a town's own paper or government site: its stories are the town's (我镇…)
        chosen.setdefault(gaz.divisions[home].name, (RANK["town"], len(chosen)))
    for where in [place, *also]:
        for name in towns_named(article, where, rules, mentions, written):
            chosen.setdefault(name, (RANK["town"], len(chosen)))
    zones = zones_named(text, mentions, region, rules)
    for name, owner in zones.items():
        if place and name not in chosen and (gaz.within(owner, place) or gaz.within(place, owner)):
            chosen[name] = (RANK["zone"], len(chosen))
            if (owner == place and gaz.divisions[place].level == "city" and (
                    home != place and ZONE_AFTER_PLACE.search(_headline_text(article.headline))
                    or named_as_zone_only(text, place, info, mentions, rules))):
                # the story is about the city's zone: its headline says so (…聚焦经开区) and the
                # paper is not the city's own, or the text names the city only in the zone's
                # name: the zone stands at the county level, the city is not the story's
                chosen.pop(gaz.divisions[place].name, None)
    located: list[str] = []  # places the text says the story lies in: never merely passing
    for m, _weight in mentions if any(word in text for word in rules.located_in) else ():
        if (m.full and _located_there(text, address_start(m, mentions, rules), rules) and m.spelling not in gaz.local_words
                and not any(p.start == m.end and any(gaz.within(c, h) for c in p.codes for h in m.codes)
                            for p, _w in mentions)):  # an address: its last place only (位于安徽省宣城市宣州区)
            codes = _narrow(m.codes, place, rules)
            if len(codes) == 1 and not located_in_its_own(text, address_start(m, mentions, rules), codes[0],
                                                           mentions, rules):
                div = gaz.divisions[codes[0]]
                chosen.setdefault(div.name, (RANK.get(div.level, 4), len(chosen)))
                located.append(codes[0])
    head_end = len(_headline_text(article.headline))
    for county in passing_counties(city_counties, head_end, chosen, listed + also + located, text, mentions, rules):
        chosen.pop(gaz.divisions[county].name, None)
    for city in unnamed_cities(chosen, _story_mentions(article, rules), home, text, rules):
        chosen.pop(gaz.divisions[city].name, None)
    written_districts = [(area, town, None) for area, town in new_areas_written(text, mentions, rules).items()]
    written_districts += districts_written_after_city(text, mentions, rules)
    for district, town, city in written_districts:
        if town is None:  # (南宁市新城区新竹社区: no town the list knows after it)
            if city and (gaz.divisions[city].name in chosen or (place and gaz.within(place, city))):
                ends = [m.end for m, _w in mentions if city in m.codes and m.end > head_end]
                # the city only as the district's address (铜陵市狮子山区…社区): the district's
                # story, as addressed_county; named alone too (南宁市已开展…): both
                alone = not ends or not all(text.startswith(district, end) for end in ends)
                rank = None if alone else chosen.pop(gaz.divisions[city].name, None)
                chosen.setdefault(district, rank or (RANK["county"], len(chosen)))
            continue
        if gaz.divisions[town].name not in chosen:
            continue
        county = gaz.county_of(town)
        if county and any(county in m.codes for m, _w in mentions):
            continue  # the text names the list's county too: keep it
        rank = chosen.pop(gaz.divisions[county].name, None) if county else None
        chosen.setdefault(district, rank or (RANK["county"], -1))
    return sorted(chosen, key=lambda name: chosen[name])


def addressed_county(mentions: list[tuple[Mention, float]], city: str, head_end: int, rules: Rules) -> str | None:
    """The one county of ``city`` the story names, when it writes it right after the city, as the
    address of where the story happens (长沙市天心区的黄兴南路步行街), names no other county of the
    city, and its body never names the city alone: the story is that county's, the city only its
    address. A city acting in the body (银川市启动…宣传月) keeps its story, held in the county.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> city = gaz.codes("长沙市")[0]
    >>> found = _mentions("长沙步行街人头攒动。长沙市天心区的步行街推出非遗展演。", rules)
    >>> gaz.divisions[addressed_county(found, city, 10, rules)].name
    '天心区'
    >>> addressed_county(_mentions("长沙市天心区、芙蓉区的步行街人头攒动。", rules), city, 0, rules) is None
    True
    >>> addressed_county(_mentions("长沙市天心区的步行街开街。长沙市启动消费月。", rules), city, 0, rules) is None
    True
    """
    gaz = rules.gazetteer
    counties = {c for m, _w in mentions for c in m.codes
                if gaz.divisions[c].level == "county" and gaz.within(c, city)}
    if len(counties) != 1:
        return None
    county = counties.pop()
    starts = {m.start for m, _w in mentions if county in m.codes and m.full}
    ends = [m.end for m, _w in mentions if city in m.codes and m.end > head_end]
    return county if ends and all(end in starts for end in ends) else None


# A district the national list does not know (an old name, 南宁市新城区), written right after its
# city and right before one of its communities or towns: two or three characters, then 区.
DISTRICT_AFTER_CITY = re.compile(r"([\u4e00-\u9fff]{2,3}?)区(?=[\u4e00-\u9fff]{2,4}?(?:社区|街道|镇|乡))")


def districts_written_after_city(text: str, mentions: list[tuple[Mention, float]],
                                 rules: Rules) -> list[tuple[str, str | None, str]]:
    """Districts the list lacks that the text writes as an address, between a city named in full
    and a community or town of theirs (南宁市新城区新竹社区, 贵阳市小河区黄河路街道): (district as
    written, the code of the town right after it if the text names one in full, else None, city
    code). Words for parts of a city are no districts (中心城区, 主城区, 老城区 before a 社区).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "广西南宁市新城区新竹社区举行活动。儋州市中心城区各社区，海西州农牧区环境改善"
    >>> districts_written_after_city(text, _mentions(text, rules), rules)
    [('新城区', None, '450100')]
    """
    if "区" not in text:
        return []
    gaz = rules.gazetteer
    out: list[tuple[str, str]] = []
    for m, _w in mentions:
        if not m.full or len(m.codes) != 1 or gaz.divisions[m.codes[0]].level != "city":
            continue
        written = DISTRICT_AFTER_CITY.match(text, m.end)
        if written is None:
            continue
        base = written.group(1)
        if (gaz.codes(written.group(0)) or NOT_NAME_START.match(base) or base.endswith(CITY_PART_ENDS)
                or any(p.start == m.end for p, _w2 in mentions)):
            continue
        towns = [p for p, _w2 in mentions if p.start == written.end() and p.full
                 and all(gaz.divisions[c].level == "town" for c in p.codes)]
        inside = [c for p in towns for c in p.codes if gaz.within(c, m.codes[0])]  # the city's reading
        out.append((written.group(0), inside[0] if inside else None, m.codes[0]))
    return out


# How the words for parts of a city end, before 区 (中心城区, 主城区, 老城区, 农牧区, 城郊区): no
# district. A new town's district (新城区) is one.
CITY_PART_ENDS = ("中心城", "主城", "老城", "旧城", "牧", "郊", "市")


# A new area the national list does not know, written right before a street it runs (郑东新区
# 龙子湖街道, 四川天府新区华阳街道): two or three characters, then 新区.
NEW_AREA_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,3})新区$")


def new_areas_written(text: str, mentions: list[tuple[Mention, float]], rules: Rules) -> dict[str, str]:
    """New areas (新区) the national list lacks, each written right before a town the text names
    in full: area name → that town's code (the list's, or the one reading of it). The text's own
    order says the town is the area's, as annotators tag it (郑东新区, not the list's 金水区); a
    town several counties share is read as written, with no county.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "近日，郑东新区龙子湖街道开展垃圾分类宣传。在新区白沙镇，贵州贵安新区马场镇"
    >>> found = _mentions(text, rules)
    >>> {a: rules.gazetteer.divisions[t].name for a, t in new_areas_written(text, found, rules).items()}
    {'郑东新区': '龙子湖街道', '贵安新区': '马场镇'}
    """
    if "新区" not in text:
        return {}
    gaz = rules.gazetteer
    out: dict[str, str] = {}
    for m, _w in mentions:
        if not m.full or not all(gaz.divisions[c].level == "town" for c in m.codes):
            continue
        area = NEW_AREA_BEFORE.search(text, max(0, m.start - 5), m.start)
        if area is None:
            continue
        start = max([area.start(1)] + [p.end for p, _w in mentions if area.start(1) < p.end < area.end(1)])
        base = text[start : area.end(1)]  # (四川天府新区: after the province's name)
        base = base[max((base.rfind(c) for c in "的地得在和与及是到为对把被从向于了首每各多全该本此某其这那有等"),
                        default=-1) + 1:]
        name = base + "新区"
        if len(base) >= 2 and not gaz.codes(name) and not gaz.codes(base) and not gaz.word_shorts.get(base):
            out.setdefault(name, m.codes[0])
    return out


# A city's (or prefecture's) own paper speaking of it: 我市各地, 本州, 全州.
OWN_CITY = re.compile(r"[我本全][市州]")


# Two parties in a headline (安吉县与上海市青浦区签订…; A县和B县联合开展…): the word joining them,
# and what they do together right after the second.
PAIR_JOIN = frozenset("与和同")
PAIR_ACTION = re.compile(r".{0,2}?(?:签订|签署|联合|共建|携手|结对|合作|共同|联手)")


def paired_counties(text: str, head_end: int, mentions: list[tuple[Mention, float]], place: str | None,
                    rules: Rules) -> list[str]:
    """The other county of a pair the headline names in full with the story's county, joined by
    与/和/同 and followed by what they do together (签订, 联合, 共建…): a story of both, wherever
    each lies (the second may carry its address: 上海市青浦区). With no story's county (the two
    tie: 蓟州区与河北兴隆县签订…, no paper's place), both.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> text = "安吉县与上海市青浦区签订文旅合作协议。两地将互推旅游线路"
    >>> place = gaz.codes("安吉县")[0]
    >>> [gaz.divisions[c].name for c in paired_counties(text, 19, _mentions(text, rules), place, rules)]
    ['青浦区']
    >>> text = "安吉县代表团赴上海市青浦区考察"
    >>> paired_counties(text, 15, _mentions(text, rules), place, rules)
    []
    >>> text = "蓟州区与河北兴隆县签订文旅合作协议"
    >>> [gaz.divisions[c].name for c in paired_counties(text, 17, _mentions(text, rules), None, rules)]
    ['蓟州区', '兴隆县']
    """
    gaz = rules.gazetteer

    def county(m: Mention) -> str | None:
        return m.codes[0] if m.full and len(m.codes) == 1 and gaz.divisions[m.codes[0]].level == "county" else None

    head = [m for m, _w in mentions if m.end <= head_end]
    for k, first in enumerate(head):
        a = county(first)
        if a is None or first.end >= len(text) or text[first.end] not in PAIR_JOIN:
            continue
        j, at = k + 1, first.end + 1
        while j < len(head) and head[j].start == at and county(head[j]) is None:
            at, j = head[j].end, j + 1  # the second party's address (上海市…)
        if j < len(head) and head[j].start == at and (b := county(head[j])) and place in (a, b, None) \
                and a != b and PAIR_ACTION.match(text, head[j].end):
            return [a, b] if place is None else [b if place == a else a]
    return []


def unnamed_cities(chosen: dict[str, tuple[int, int]], mentions: list[tuple[Mention, float]], home: str | None,
                   text: str, rules: Rules) -> list[str]:
    """Cities among the chosen places that the story never spells (neither 上饶市 nor 上饶, but
    as the address of a place of theirs: 上饶市铅山县) and
    that stand only for counties of theirs the story names (铅山县与广信区联合开展…: a tie
    between two counties, or a tour of them): the annotators tag what a story names, and add
    a city only when it is named (SOURCE.md; on fit every city in a gold list is spelled in its
    story, or is the paper's own). A city's own paper keeps its city when the story speaks of
    the city as its own, its organs or its whole extent (我市各地…, 全市…现场推进会在通渭县召开:
    OWN_CITY, CITY_ORGANS).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> text = "铅山县与广信区联合开展森林防火演练"
    >>> chosen = {"上饶市": (1, -1), "铅山县": (2, 0), "广信区": (2, 1)}
    >>> [gaz.divisions[c].name for c in unnamed_cities(chosen, _mentions(text, rules), None, text, rules)]
    ['上饶市']
    >>> unnamed_cities(chosen, _mentions("上饶：" + text, rules), None, "上饶：" + text, rules)
    []
    >>> text = "上饶市铅山县与广信区联合开展森林防火演练"  # 上饶市: 铅山县's address
    >>> [gaz.divisions[c].name for c in unnamed_cities(chosen, _mentions(text, rules), None, text, rules)]
    ['上饶市']
    >>> city = gaz.codes("上饶市")[0]
    >>> unnamed_cities(chosen, _mentions(text, rules), city, "全市" + text, rules)
    []
    """
    if not any(rank == RANK["city"] for rank, _order in chosen.values()):
        return []  # most stories: no city among their places
    gaz = rules.gazetteer
    # a city written right before a place of its own is that place's address (桂林市阳朔县): not
    # the city named, as in city_votes
    after = {m.start: m.codes for m, _w in mentions}
    spelled = {c for m, _w in mentions for c in m.codes
               if not any(n != c and gaz.within(n, c) for n in after.get(m.end, ()))}
    out = []
    for name, (rank, _order) in chosen.items():
        if rank != RANK["city"]:
            continue
        city = place_code(name, rules)
        if city is None or city in spelled or gaz.divisions[city].level != "city":
            continue
        if city == home and (CITY_ORGANS.search(text) or OWN_CITY.search(text)):
            continue
        if any(r == RANK["county"] and (c := place_code(n, rules)) and gaz.within(c, city)
               for n, (r, _o) in chosen.items()):
            out.append(city)
    return out


def passing_counties(named: dict[str, list[tuple[int, int]]], head_end: int, chosen: dict[str, tuple[int, int]],
                     listed: list[str], text: str, mentions: list[tuple[Mention, float]], rules: Rules) -> list[str]:
    """Counties a story about a whole city names only in passing (海西州's story: a project
    planned in 都兰县, a station built in 格尔木市): named in its body fewer than
    settings.district_passing_mentions times, each time alone (not in a list of places, 开化县、
    江山市的…经验, 阜宁县城、射阳县城), and none of their towns or zones among the story's places.
    ``named``: county code → the spans where the text (headline, then body; the headline ends at
    ``head_end``) names it; ``listed``: counties listed before a word for counties.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> text = "海西州投入资金，实施都兰县污水项目，在格尔木市新建站点。格尔木市投入使用。"
    >>> found = _mentions(text, rules)
    >>> spans = {c: [(m.start, m.end) for m, _w in found if c in m.codes]
    ...          for c in (gaz.codes("都兰县")[0], gaz.codes("格尔木市")[0])}
    >>> [gaz.divisions[c].name for c in passing_counties(spans, 0, {}, [], text, found, rules)]
    ['都兰县']
    >>> text = "长沙黄兴南路步行街人头攒动。长沙市天心区的步行街推出非遗展演。"
    >>> found = _mentions(text, rules)
    >>> spans = {gaz.codes("天心区")[0]: [(m.start, m.end) for m, _w in found if m.spelling == "天心区"]}
    >>> passing_counties(spans, 0, {}, [], text, found, rules)
    []
    >>> text = "海西州推广都兰县、格尔木市的经验"
    >>> found = _mentions(text, rules)
    >>> spans = {c: [(m.start, m.end) for m, _w in found if c in m.codes]
    ...          for c in (gaz.codes("都兰县")[0], gaz.codes("格尔木市")[0])}
    >>> passing_counties(spans, 0, {}, [], text, found, rules)
    []
    """
    gaz = rules.gazetteer
    out = []
    for county, spans in named.items():
        if county in listed or any(start < head_end for start, _end in spans):
            continue
        if len(spans) >= SETTINGS.district_passing_mentions:
            continue
        if any(in_place_list(text, start, end, mentions) for start, end in spans):
            continue
        if any(gaz.within(c, county) and c != county for name in chosen for c in gaz.codes(name)):
            continue  # the county's own town is the story's
        if any(m.end == start and any(gaz.within(county, c) for c in m.codes)
               for start, _end in spans for m, _w in mentions):
            continue  # written after its city, as the story's address (长沙市天心区的黄兴南路步行街)
        out.append(county)
    return out


def visited_counties(text: str, mentions: list[tuple[Mention, float]], place: str | None, home: str | None,
                     rules: Rules) -> list[str]:
    """Counties besides its ``place`` that a story of a city's paper (or a wider one's) names in
    full right after a word of going there (gazetteer.yml visit_words), at most
    settings.district_visited_gap characters of the clause between (赴临清市、度假区、东昌府区视察; 视察了海丰县东泰医院): where its people went.
    Only counties of the story's city (the place's own, or the place when it is a city) inside
    the paper's region: a county's own paper going elsewhere (县代表团赴A县考察学习), or a county's
    delegation in another city (离石区考察团来到从化区), gives none. A city that is a province (北京)
    counts as its districts' city; its story is then tagged with the districts only (SOURCE.md).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> text = "市政协主席赴临清市、度假区、东昌府区视察"
    >>> found, home = _mentions(text, rules), gaz.codes("聊城市")[0]
    >>> [gaz.divisions[c].name for c in visited_counties(text, found, gaz.codes("临清市")[0], home, rules)]
    ['东昌府区']
    >>> visited_counties(text, found, gaz.codes("临清市")[0], gaz.codes("临清市")[0], rules)
    []
    """
    gaz = rules.gazetteer
    if place is None or not rules.visit_words or not _any_word(rules.visit_words).search(text):
        return []
    city = place if gaz.divisions[place].level in ("city", "province") else _city_or_municipality(place, rules)
    if city is None or (home and not gaz.within(city, home)):
        return []  # no city, or a county's (or town's) own paper: its people's visits are not its stories
    gap = SETTINGS.district_visited_gap
    pattern = _went_pattern(rules.visit_words, gap)
    reach = gap + max(len(w) for w in rules.visit_words)
    out: list[str] = []
    for m, _weight in mentions:
        if not m.full or m.spelling in gaz.local_words or not pattern.search(text[max(0, m.start - reach) : m.start]):
            continue
        counties = [c for c in _narrow(m.codes, home, rules) if gaz.divisions[c].level == "county"]
        if len(counties) == 1 and counties[0] not in (place, *out) and gaz.within(counties[0], city):
            out.append(counties[0])  # not a county of another city: a delegation's visit (离石区考察团来到从化区)
    return out


@lru_cache(maxsize=8)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=4)
def _held_pattern(words: tuple[str, ...], gap: int) -> re.Pattern[str]:
    """An event held (举办, 举行) within ``gap`` characters of the clause, after a venue."""
    return re.compile(rf"[^{CLAUSE_ENDS}]{{0,{gap}}}?(?:{'|'.join(map(re.escape, words))})")


@lru_cache(maxsize=8)
def _went_pattern(words: tuple[str, ...], gap: int) -> re.Pattern[str]:
    """A word of going, then at most ``gap`` characters of the same clause, at a text's end."""
    return re.compile("(?:" + "|".join(map(re.escape, words)) + rf")[^，。；！？：,;]{{0,{gap}}}$")


# Between two places of a list: a separator, and at most one more character (阜宁县城、射阳县城).
PLACE_SEPARATOR = re.compile(r"^.?[、和及与]$")


def in_place_list(text: str, start: int, end: int, mentions: list[tuple[Mention, float]]) -> bool:
    """True when the place named at text[start:end] stands in a list with another place.

    >>> from civicnews.rules import load_rules
    >>> text = "推广开化县、江山市的经验，在格尔木市建站"
    >>> found = _mentions(text, load_rules())
    >>> [in_place_list(text, m.start, m.end, found) for m, _w in found]
    [True, True, False]
    """
    for m, _weight in mentions:
        if m.start >= end and m.start - end <= 2 and PLACE_SEPARATOR.match(text[end:m.start]):
            return True
        if m.end <= start and start - m.end <= 2 and PLACE_SEPARATOR.match(text[m.end:start]):
            return True
    return False


def town_county(mentions: list[tuple[Mention, float]], city: str, rules: Rules) -> str | None:
    """The one county of a city that a story names in full when every town it names in full
    lies in that county (广西防城港…防城区那良镇): the story is that county's and its town's, not
    the whole city's, which the annotators tag only for a story about all of it. None when the
    story names no town, or towns or counties of more than one county.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> city = gaz.codes("衢州市")[0]
    >>> text = "衢州市柯城区石梁镇开展整治，衢州各地跟进"
    >>> gaz.divisions[town_county(_mentions(text, rules), city, rules)].name
    '柯城区'
    >>> text = "衢州市柯城区石梁镇、江山市贺村镇开展整治"
    >>> town_county(_mentions(text, rules), city, rules) is None
    True
    """
    gaz = rules.gazetteer
    counties: set[str] = set()
    towns: set[str | None] = set()
    for m, _weight in mentions:
        if not m.full:
            continue
        codes = [c for c in _narrow(m.codes, city, rules) if gaz.within(c, city)]
        if len(codes) == 1 and gaz.divisions[codes[0]].level == "county":
            counties.add(codes[0])
        elif len(codes) == 1 and gaz.divisions[codes[0]].level == "town":
            towns.add(gaz.county_of(codes[0]))
    return counties.pop() if len(counties) == 1 and towns == counties else None


# How a story calls a county its own (我县, 本旗; 我区 in a city's story is one of its districts).
OWN_COUNTY = re.compile(r"[我本](?:县|旗|区)")


def county_of_its_own(text: str, city: str, mentions: list[tuple[Mention, float]], rules: Rules,
                      written: dict[str, str] | None = None, hints: Hints | None = None) -> str | None:
    """For a story in a city's paper (or a city that is a province) that calls a county its own
    (全市…现场推进会在我县召开) and never the city (我市, 本市): the one county of the city the
    story's places point at most, its speakers at a meeting left out (会上，安定区、陇西县作交流
    发言): the story is that county's, carried from its paper. None when the story names no
    place in one county of the city more than in any other.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> city = gaz.codes("定西市")[0]
    >>> text = "全市推进会在我县召开。与会人员来到平襄镇、马营镇观摩。会上，安定区、陇西县作了交流发言。"
    >>> gaz.divisions[county_of_its_own(text, city, _mentions(text, rules), rules)].name
    '通渭县'
    >>> text = "全市推进会在我市召开。与会人员来到平襄镇、马营镇观摩，我县干部参加。"
    >>> county_of_its_own(text, city, _mentions(text, rules), rules) is None
    True
    """
    kinds = {found[-1] for found in SELF_REFERENCE.findall(text)}
    if not OWN_COUNTY.search(text) or kinds & {"市", "州"}:
        return None
    gaz = rules.gazetteer
    kept = [(m, w) for m, w in mentions if not speaking(text, m.start, rules)]
    votes = {c: v for c, v in county_votes(kept, city, rules, written, hints).items()
             if gaz.within(c, city) and gaz.divisions[c].level == "county"}
    if not votes:
        return None
    best = max(votes, key=lambda c: (votes[c], _order(c)))
    return None if _tied(votes, best) else best


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
    times, and names nothing inside home or around it (its city, its province), in full or
    short, and never says 我县/本市… (the paper's own place). The headline ends at ``head_end``.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> home = rules.gazetteer.codes("庆元县")[0]
    >>> def elsewhere(text, head_end=0):
    ...     return story_elsewhere(home, _mentions(text, rules), text, head_end, rules)
    >>> elsewhere("宝清县夹信子镇禁烧管控进行时夹信子镇干部巡查", 14)
    True
    >>> elsewhere("宝清县考察团来我县考察", 11), elsewhere("宝清县考察团到庆元考察", 11)
    (False, False)
    >>> elsewhere("县领导会见宝清县客人")  # named once, in the body: in passing
    False
    >>> home = rules.gazetteer.codes("海曙区")[0]
    >>> elsewhere("区党政代表团赴普定县对接普定县马官镇协作", 0), elsewhere("普定县马官镇协作普定县", 0)
    (False, True)
    """
    if SELF_REFERENCE.search(text):
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
    if organs_of_its_own(text, home, mentions, rules):
        return False
    return any(len(starts) >= SETTINGS.district_passing_mentions or starts[0] < head_end
               for starts in named.values())


# A county's organs written bare, by its kind alone, at a clause's start (县党政代表团赴…, 区委书记
# 带队…): the paper's own, when the story names no other place of that kind.
OWN_ORGANS = re.compile(r"(?:^|(?<=[，。；：,;:“\s日]))([县区市旗])(?=党政代表团|代表团|考察团|委|政府|人大|政协|领导)")


def organs_of_its_own(text: str, home: str, mentions: list[tuple[Mention, float]], rules: Rules) -> bool:
    """True when the story writes organs bare of home's kind (区党政代表团 in a 区's paper) and
    names no other county or city of that kind, in full or short (宝清：县委书记… in a 县's paper
    is 宝清县's story): they are the paper's own, gone to the places it names
    (区党政代表团赴贵州省安顺市普定县), not another place's story it carries.

    >>> from civicnews.rules import load_rules
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


def named_aside(text: str, at: int, rules: Rules) -> bool:
    """True for a town named at ``at`` in a demand or as data (named_in_demand, named_as_data)."""
    return named_in_demand(text, at, rules) or named_as_data(text, at, at + 1, rules)


def towns_named(article: Article, place: str | None, rules: Rules,
                mentions: list[tuple[Mention, float]] | None = None,
                written: dict[str, str] | None = None) -> list[str]:
    """Names of the towns and zones inside the story's place that it names, in the order it
    names them: by full name, written after their county (庆城县三十铺镇, even when the national
    list has no such town there), listed by short form before a word for towns (湍河、白牛等乡镇),
    or by short form in the headline.

    A town's short form (张庄 for 张庄乡) counts in the headline or such a list only: in running
    text it is too often a village, a company or a road (measured on the fit split: short forms
    everywhere 0.909, in headlines only 0.921, none 0.919). Every town named counts, even once
    in passing: keeping only the opening paragraph's towns lost more than it saved (0.875).
    """
    if place is None:
        return []
    gaz = rules.gazetteer
    head = _headline_text(article.headline)
    text = head + "".join(article.paragraphs)
    # most stories hold no demand nor measure: then no town of theirs is named aside
    demands = bool(rules.speech_words) and _speech_pattern(rules.speech_words).search(text) is not None
    aside = demands or any(unit in text for unit in rules.data_units)
    # whose towns' short forms are read: the county, or a city without counties (东莞)
    county = gaz.county_of(place) or (place if gaz.town_bases(place) else None)
    seen: dict[str, int] = {}
    for m, _weight in mentions if mentions is not None else _story_mentions(article, rules):
        if written and m.spelling in written:
            continue  # whose town it is was written: below
        inside = [c for c in m.codes if c != place and gaz.within(c, place)
                  and gaz.divisions[c].level in ("zone", "town")]
        if inside and (m.spelling not in gaz.local_words or county == gaz.county_of(inside[0])) \
                and not attending(text, m.start) \
                and not speaking(text, m.start, rules) and not named_as_origin(text, m.start, rules) \
                and not (demands and named_in_demand(text, m.start, rules)):
            seen.setdefault(gaz.divisions[inside[0]].name, m.start)
    for town, owner in (written or {}).items():
        official = None if gaz.codes(town) else gaz.town_bases(owner).get(TOWN_SUFFIX_END.sub("", town))
        if official and gaz.divisions[official].name in seen:
            continue  # the list's name for the same town is named too (田林县潞城乡, 潞城瑶族乡)
        if gaz.within(owner, place) and not (aside and all(named_aside(text, m.start(), rules)
                                                            for m in re.finditer(re.escape(town), text))):
            seen.setdefault(town, text.find(town))
    if county:
        parts = headline_parts(article.headline)
        for short, code in gaz.town_shorts(county).items():
            at = head.find(short)
            while at >= 0 and not stands_apart_in_headline(head, at, at + len(short), parts):
                at = head.find(short, at + 1)
            if at >= 0 and not written_otherwise(head, at + len(short), short, gaz.divisions[code].name):
                seen.setdefault(gaz.divisions[code].name, at)
        for at, code in listed_towns(text, county, rules):
            if not attending(text, at) \
                    and not speaking(text, at, rules) and not named_as_origin(text, at, rules) \
                    and not (aside and named_aside(text, at, rules)):
                seen.setdefault(gaz.divisions[code].name, at)
        bases = gaz.town_bases(county)
        for at, name in renamed_towns(text, county, rules):
            official = bases.get(TOWN_SUFFIX_END.sub("", name))
            if official and gaz.divisions[official].name in seen:
                continue  # the story names the town by the list's name too (木城乡, 木城彝族傈僳族乡)
            if not attending(text, at) \
                    and not speaking(text, at, rules) and not named_as_origin(text, at, rules) \
                    and not (aside and named_aside(text, at, rules)):
                seen.setdefault(name, at)
    return sorted(seen, key=lambda name: seen[name])


# Around a town's short form in a headline: what may stand before it (the headline's start, a
# mark, or a word of going, VENUE_BEFORE: 到长田慰问) and after it (a mark, a colon, or 街/村/镇 of
# a place within it: 万兴街“…”), so that it is read as a name and not as part of a phrase
# (打造宜居宜游城区 holds no 宜居镇).
HEADLINE_MARKS = " 　：:，,、。！？!?“”\"'‘’《》（）()【】[]—-·|丨︱"
HEADLINE_AFTER_CHARS = "街村镇乡"


def headline_parts(headline: Headline | None) -> frozenset[int]:
    """Where the kicker, title and subtitle begin and end in the headline's text (_headline_text).

    >>> sorted(headline_parts(Headline(title="石梁：开展整治", kicker="美丽城镇")))
    [0, 4, 11]
    """
    if headline is None:
        return frozenset({0})
    bounds, at = {0}, 0
    for part in (headline.kicker, headline.title, headline.subtitle):
        if part:
            at += len(part)
            bounds.add(at)
    return frozenset(bounds)


def stands_apart_in_headline(head: str, start: int, end: int, parts: frozenset[int] = frozenset()) -> bool:
    """True when a town's short form at head[start:end] stands as a name: after a word of going,
    or opening the headline (or a part of it: kicker, title, subtitle begin and end at ``parts``)
    and closing it (or before 街/村/镇).

    >>> stands_apart_in_headline("江东：走街串巷宣传垃圾分类", 0, 2)
    True
    >>> stands_apart_in_headline("部长到长田慰问困难群众", 3, 5), stands_apart_in_headline("万兴街志愿服务活动", 0, 2)
    (True, True)
    >>> stands_apart_in_headline("酉阳桃花源街道：打造宜居宜游城区", 10, 12)
    False
    >>> stands_apart_in_headline("美丽城镇石梁：开展整治", 4, 6, frozenset({0, 4, 11}))
    True
    """
    if _venue_before_end().search(head, 0, start):
        return True
    opens = start == 0 or start in parts or head[start - 1] in HEADLINE_MARKS
    return opens and (end == len(head) or end in parts or head[end] in HEADLINE_MARKS or head[end] in HEADLINE_AFTER_CHARS)


# A town named among the units whose heads attend (县政府办、水利局、A镇、B乡负责同志参加): the
# meeting's guests, not the story's place. In the same clause after the town, within
# settings.district_attend_gap characters: a word for the units' heads, then one for attending.
HEADS = r"(?:负责同志|负责人|主要领导|分管领导|党委书记|党\(工\)委书记)"
ATTEND = r"(?:参加|参会|出席|列席)"


def attending(text: str, start: int) -> bool:
    """True when a place named at ``start`` is one of the units listed as attending.

    >>> attending("县水利局、侯庙镇负责同志参加会议。", 5), attending("侯庙镇召开会议，负责同志参加。", 0)
    (True, False)
    >>> attending("在侯庙镇召开现场会。县水利局负责人参加。", 1)
    False
    """
    return _attending_pattern(SETTINGS.district_attend_gap).match(text, start) is not None


def named_as_origin(text: str, start: int, rules: Rules) -> bool:
    """True when a place named at ``start`` follows a word of origin (gazetteer.yml origin_words:
    邀请了来自新建镇的企业家): where people come from, not where the story happens.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> named_as_origin("邀请了来自新建镇的企业家", 5, rules), named_as_origin("新建镇的企业家", 0, rules)
    (True, False)
    """
    return text.endswith(rules.origin_words, 0, start) if rules.origin_words else False


def speaking(text: str, start: int, rules: Rules) -> bool:
    """True when a place named at ``start`` is a speaker's unit: its clause goes on, within
    settings.district_attend_gap characters, to a word of a speech given at a meeting
    (gazetteer.yml speaking_words: 八里营镇党委书记、县应急管理局局长作了表态发言).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> speaking("会上，八里营镇党委书记、县应急管理局局长作了表态发言。", 3, rules)
    True
    >>> speaking("八里营镇召开会议，镇党委书记作了表态发言。", 0, rules)
    False
    """
    if not rules.speaking_words:
        return False
    return _speaking_pattern(rules.speaking_words, SETTINGS.district_attend_gap).match(text, start) is not None


@lru_cache(maxsize=8)
def _speaking_pattern(words: tuple[str, ...], gap: int) -> re.Pattern[str]:
    return re.compile(rf"[^。；！？，,]{{0,{gap}}}?(?:" + "|".join(map(re.escape, words)) + ")")


# Words that make the places after them the meeting's place or the visit's goal (在A镇、B镇召开).
VENUE_BEFORE = re.compile(r"在|到|赴|来到|走进|深入|前往")


@cache
def _venue_before_end() -> re.Pattern[str]:
    return re.compile(rf"(?:{VENUE_BEFORE.pattern})$")


@lru_cache(maxsize=8)
def _attending_pattern(gap: int) -> re.Pattern[str]:
    return re.compile(rf"[^。；！？，,]{{0,{gap}}}?{HEADS}[^。；！？，,]{{0,6}}?{ATTEND}")


def address_start(m: Mention, mentions: list[tuple[Mention, float]], rules: Rules) -> int:
    """Where the address that ends in the place ``m`` begins: the places written right before it
    that hold it (位于宁夏银川市贺兰县: 贺兰县's address begins at 宁夏).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> found = _mentions("位于宁夏银川市贺兰县的集贸市场", rules)
    >>> [address_start(m, found, rules) for m, _w in found]
    [2, 2, 2]
    """
    gaz = rules.gazetteer
    ends = {p.end: p for p, _weight in mentions}
    start = m.start
    while start in ends and any(gaz.within(c, h) for c in m.codes for h in ends[start].codes):
        start = ends[start].start
    return start


def _located_there(text: str, start: int, rules: Rules) -> bool:
    """A located_in word (坐落于) right before a place name."""
    if not rules.located_in:
        return False
    gap = SETTINGS.district_located_gap
    before = text[max(0, start - gap - max(len(w) for w in rules.located_in)) : start]
    return _located_pattern(rules.located_in, gap).search(before) is not None


def located_in_its_own(text: str, start: int, code: str, mentions: list[tuple[Mention, float]],
                       rules: Rules) -> bool:
    """True when the place ``code`` named at ``start`` after a located_in word is where a place
    it holds lies, that place written right before the word (长沙县地处长沙市东北部): the smaller
    place's address, not another place of the story. A firm or a village said to lie there
    (实达实公司坐落于衢州市…) still places the story there.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> city = rules.gazetteer.codes("长沙市")[0]
    >>> text = "长沙县地处长沙市东北部。公司坐落于长沙市。"
    >>> found = _mentions(text, rules)
    >>> located_in_its_own(text, 5, city, found, rules), located_in_its_own(text, 17, city, found, rules)
    (True, False)
    """
    gaz = rules.gazetteer
    pattern = _located_pattern(rules.located_in, SETTINGS.district_located_gap)
    return any(p.end < start and pattern.fullmatch(text, p.end, start) is not None
               and all(c != code and gaz.within(c, code) for c in p.codes) for p, _w in mentions)


@lru_cache(maxsize=8)
def _located_pattern(words: tuple[str, ...], gap: int) -> re.Pattern[str]:
    """The located_in words, then at most ``gap`` characters, at the end of a text."""
    return re.compile("(?:" + "|".join(map(re.escape, words)) + rf")\S{{0,{gap}}}$")


def visiting_own_county(text: str, found: list[tuple[Mention, float]], rules: Rules) -> list[Mention]:
    """Cities named as the visitors of one of their own counties: the city, at most
    settings.district_visit_gap characters of the clause, a word of coming, then the county
    (丽水市有关领导到云和调研): the story is the county's, not the city's.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "丽水市有关领导到云和调研木玩产业。丽水市召开会议。"
    >>> [m.spelling for m in visiting_own_county(text, _mentions(text, rules), rules)]
    ['丽水市']
    """
    gaz = rules.gazetteer
    starts = {m.start: m for m, _w in found}
    pattern = _coming_pattern(SETTINGS.district_visit_gap)
    out = []
    for m, _weight in found:
        if not all(gaz.divisions[c].level == "city" for c in m.codes):
            continue
        came = pattern.match(text, m.end)
        visited = starts.get(came.end()) if came else None
        if visited and all(gaz.divisions[v].level == "county" and any(gaz.within(v, c) for c in m.codes)
                           for v in visited.codes):
            out.append(m)
    return out


# Before 来, these make it part of another word (迎来, 带来, 以来, 起来…): the place before is the
# host or the subject, not a guest coming.
NOT_COMING_BEFORE = "迎带引请招吸回原后以起近未往从本将出上下进过"


def without_guests(text: str, found: list[tuple[Mention, float]], home: str | None,
                   rules: Rules) -> list[tuple[Mention, float]]:
    """The mentions without places that only send guests or goods: a place that comes, within
    settings.district_visit_gap characters of its clause and a word of coming (gazetteer.yml
    coming_words), to a county or town outside it (广州市白云区工作组一行来黔西); a place that
    goods or know-how are brought from (从山东寿光引进, brought_words); a place that helps another
    (helping_elsewhere); a neighbour (与龙南市交界: its city stays, at no weight, to say which of
    the towns several counties share the story means). Every mention of such a place goes, unless it is the paper's home or
    holds it: a paper's own people may come and help too.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "广州市白云区工作组一行来黔西调研。在锦星镇，工作组察看了帮扶车间。白云区将深化协作。"
    >>> [m.spelling for m, _w in without_guests(text, _mentions(text, rules), None, rules)]
    ['黔西', '锦星镇']
    >>> home = rules.gazetteer.codes("白云区")[0]
    >>> [m.spelling for m, _w in without_guests(text, _mentions(text, rules), home, rules)][:2]
    ['广州市', '白云区']
    >>> text = "大荔县安仁镇从山东寿光引进大棚技术，聘请寿光技术员指导。"
    >>> [m.spelling for m, _w in without_guests(text, _mentions(text, rules), None, rules)]
    ['大荔县', '安仁镇']
    >>> text = "岭北镇在与龙南市交界的林区开展巡查。"
    >>> [(m.spelling, w) for m, w in without_guests(text, _mentions(text, rules), None, rules)]
    [('岭北镇', 1.0), ('龙南市', 0.0)]
    >>> text = "安吉迎来福建尤溪考察团，安吉县递铺街道介绍了经验。"
    >>> [m.spelling for m, _w in without_guests(text, _mentions(text, rules), None, rules)][:2]
    ['安吉', '福建']
    """
    if not found or not (rules.coming_words or rules.brought_words or rules.helping_words):
        return found
    gaz = rules.gazetteer
    starts = {m.start: m for m, _w in found}
    came = _came_pattern(rules.coming_words, SETTINGS.district_visit_gap) if rules.coming_words else None
    # (each kind only where its words are in the text: most stories have none of them)
    brought = _brought_pattern(rules.brought_words) if rules.brought_words and "从" in text else None
    helping = _any_word(rules.helping_words) if rules.helping_words else None
    helping = helping if helping and helping.search(text) else None
    border = BORDER.search(text) is not None
    away: set[str] = set()
    hints: list[tuple[Mention, float]] = []
    for m, _weight in found:
        if all(gaz.divisions[c].level == "town" for c in m.codes):
            continue
        start = address_start(m, found, rules) if border or brought else m.start
        if border and start > 0 and text[start - 1] in PAIR_JOIN and BORDER.match(text, m.end):
            # 与龙南市交界: a neighbour, whose city is still a hint for a town several counties
            # share (岭北镇 of 定南, which borders 龙南) at no weight of its own
            away.update(m.codes)
            cities = {_city_of(c, rules) for c in m.codes}
            if len(cities) == 1 and (city := cities.pop()):
                hints.append((Mention(m.start, m.end, m.spelling, (city,), False), 0.0))
            continue
        to = came.match(text, m.end) if came else None
        goal = starts.get(to.end()) if to else None
        if goal and all(gaz.divisions[v].level in ("county", "town") for v in goal.codes) and not any(
                gaz.within(v, c) or gaz.within(c, v) for v in goal.codes for c in m.codes):
            away.update(m.codes)
            continue
        if brought and start > 0 and text[start - 1] == "从" and brought.match(text, m.end):
            away.update(m.codes)
        elif helping and helping_elsewhere(text, m, found, helping, rules):
            away.update(m.codes)
    if home:  # the paper's own place, or one holding it: its people coming or helping stay its own
        away = {c for c in away if c != home and not gaz.within(home, c)}
    if not away:
        return found
    kept = [(m, w) for m, w in found if not away.issuperset(m.codes)]
    return sorted(kept + hints, key=lambda mw: mw[0].start) if hints else kept


# Before a place helped (A在B援建, A向B捐赠): the help goes there.
HELPED_BEFORE = "在向给为对"
# At most this many characters between a word of help and the place helped (帮扶建设的羊场镇).
HELPED_GAP = 4


def helping_elsewhere(text: str, m: Mention, found: list[tuple[Mention, float]], helping: re.Pattern[str],
                      rules: Rules) -> bool:
    """True when the place ``m`` helps a county or town outside it, in its own clause: a word of
    help (gazetteer.yml helping_words) then, within HELPED_GAP characters, the place helped
    (上海市对口支援果洛州; 由余杭区帮扶建设的羊场镇基地), or the place helped after 在/向/给… and then
    the word (余杭区还在大方县援建了…). Two places doing it together (A县与B县开展结对帮扶) help
    no one outside.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> helping = _any_word(rules.helping_words)
    >>> text = "余杭区还在大方县援建了一批园区。由余杭区帮扶建设的羊场镇基地投产。铅山县与广信区开展结对帮扶。"
    >>> found = _mentions(text, rules)
    >>> [m.spelling for m, _w in found if helping_elsewhere(text, m, found, helping, rules)]
    ['余杭区', '余杭区']
    """
    gaz = rules.gazetteer
    stop = min([k for k in (text.find(c, m.end) for c in CLAUSE_ENDS) if k >= 0] + [len(text)])
    words = list(helping.finditer(text, m.end, stop))
    if not words:
        return False
    for other, _w in found:
        if other.start < m.end or other.start >= stop or any(
                gaz.within(v, c) or gaz.within(c, v) for v in other.codes for c in m.codes) or not all(
                gaz.divisions[v].level in ("county", "town", "zone") for v in other.codes):
            continue
        if any(0 <= other.start - w.end() <= HELPED_GAP for w in words) or (
                text[other.start - 1] in HELPED_BEFORE and any(w.start() >= other.end for w in words)):
            return True
    return False


@lru_cache(maxsize=8)
def _came_pattern(words: tuple[str, ...], gap: int) -> re.Pattern[str]:
    """After a place: its clause (at most ``gap`` characters), then a word of coming that is no
    part of another word (迎来, 以来)."""
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"[^，。；！？：、]{{0,{gap}}}?(?<![{NOT_COMING_BEFORE}])(?:{alternatives})")


@lru_cache(maxsize=8)
def _brought_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """After a place: a few characters of its clause, then a word of bringing in."""
    return re.compile(r"[^，。；！？：]{0,8}?(?:" + "|".join(map(re.escape, words)) + ")")


@lru_cache(maxsize=8)
def _coming_pattern(gap: int) -> re.Pattern[str]:
    return re.compile(rf"[^，。；！？：]{{0,{gap}}}?(?:来到|来|到|赴|莅临)")


@lru_cache(maxsize=8)
def _visitor_pattern(gap: int) -> re.Pattern[str]:
    """After a place: at most ``gap`` characters of the same clause, a word of coming and
    我县/本市… (乐山市政协来我县考察调研): the place is the visitors', not the story's."""
    return re.compile(rf"[^，。；！？：]{{0,{gap}}}?(?:来|到|赴|莅临)(?:我|本)(?:县|市|区|旗)")


def find_campaigns(article: Article, rules: Rules) -> list[str]:
    """Campaign labels whose keywords the story uses often enough, or in its headline.
    A keyword's uses are counted as ``str.count`` does (non-overlapping), all keywords found in
    one pass (counting each keyword on its own was a tenth of the metadata stage).

    >>> from civicnews.model import Article, PageInfo, Section
    >>> from civicnews.rules import load_rules
    >>> a = Article(PageInfo("x"), 0, None, [Section(None, ["垃圾分类进小区，垃圾分类进校园。"])])
    >>> find_campaigns(a, load_rules())
    ['垃圾分类']
    """
    keywords = _all_keywords(rules.campaigns)
    if not keywords:
        return []
    counts = _keyword_counts("".join(article.paragraphs), keywords)
    in_head = _keyword_counts(_headline_text(article.headline), keywords) if article.headline else {}
    out = []
    for campaign in rules.campaigns:
        hits = sum(counts.get(k, 0) for k in campaign.keywords) if counts else 0
        if hits >= rules.campaign_min_hits or (in_head and any(k in in_head for k in campaign.keywords)):
            out.append(campaign.label)
    return out


@lru_cache(maxsize=4)
def _all_keywords(campaigns: tuple) -> tuple[str, ...]:
    """Every campaign keyword once, in the order the campaigns list them."""
    return tuple(dict.fromkeys(k for c in campaigns for k in c.keywords))


def _keyword_counts(text: str, keywords: tuple[str, ...]) -> dict[str, int]:
    """How often each keyword occurs in a text, each counted like ``text.count(keyword)``."""
    counts: dict[str, int] = {}
    last_end: dict[int, int] = {}
    for k, start, end in _keyword_matcher(keywords).find_matches_as_indexes(text, overlapping=True):
        if start >= last_end.get(k, 0):  # str.count skips a keyword's overlapping repeats
            last_end[k] = end
            counts[keywords[k]] = counts.get(keywords[k], 0) + 1
    return counts


@lru_cache(maxsize=4)
def _keyword_matcher(keywords: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(list(keywords), matchkind=ahocorasick_rs.MatchKind.Standard,
                                      implementation=AUTOMATON)


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
    >>> fallback_title(story("本报讯（记者 刘臣）4月28日，我县举行招商引资项目集中签约仪式，现场签约。")).title
    '我县举行招商引资项目集中签约仪式'
    >>> fallback_title(story("近日，驿城区水屯镇防汛应急综合演练启动。")).title
    '驿城区水屯镇防汛应急综合演练启动'
    >>> fallback_title(story("寒意渐浓，初心炽热。")).title
    '寒意渐浓'
    """
    first = article.paragraphs[0] if article.paragraphs else ""
    clauses = [c.strip() for c in re.split("[，。！？：；,]", _OPENING_DATELINE.sub("", first, count=1)) if c.strip()]
    clause = next((c for c in clauses if not _WHEN_ONLY.fullmatch(c)), clauses[0] if clauses else first)
    return Headline(title=clause[:FALLBACK_TITLE_CHARS])


def _headline_text(headline: Headline | None) -> str:
    if headline is None:
        return ""
    return "".join(t for t in (headline.kicker, headline.title, headline.subtitle) if t)


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
