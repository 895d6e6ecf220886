"""District tagger: the places one story is about (``find_districts``), county level first,
then the zones and towns the story names, each in the order it names them.

The tagger's other modules each decide one thing: mentions.py the places a text spells and which
of them count, place_votes.py the county or city they point at, home.py the paper's and the
page's place. The steps of find_districts, in the order they run:

1. mentions._story_mentions: the places the headline (weighted) and the body spell, less those
   that are no place of the story's (roads, people's names, water, campaign slogans, places
   compared with, data, visitors to 我县).
2. home.home_readings, home.shared_home: the paper's place, from the editor's list or its name;
   a name several places share is decided by the story's places.
3. mentions.without_guests: places that only send guests, goods or help are dropped.
4. home.far_from, home.organs_of_its_own, home.story_elsewhere: the paper's place is dropped for
   a name that only seems to spell a place, or a story the paper carries from elsewhere.
5. mentions.without_prose_words, mentions.without_places_left_for: short forms that are words of
   prose; for a paper wider than a county (or none), the places its people left for.
6. written_towns, then place_votes.story_place: the county (else city) the places vote for, the
   paper's first; else the page's place (home.page_home, given as ``fallback_home``) unless the
   story names only places outside it (home.named_only_outside).
7. A city narrowed to one of its counties: town_county, addressed_county, county_of_its_own (a
   city paper's story that says 我县), renamed_town_county.
8. visited_counties: other counties the story's people went to.
9. A city's story: the counties it names in full (a speaker's unit aside: speaking); a story
   with no county: the towns it names in full.
10. listed_places, listed_cities, paired_counties: places listed or paired as equals.
11. towns_named: the towns of the place (and of the counties visited); zones_named and
    named_as_zone_only: its zones, standing for the city when the story is the zone's.
12. _located_there, located_in_its_own: places the text says the story lies in.
13. passing_counties, unnamed_cities: counties a city's story names in passing, and cities it
    never spells, are dropped.
14. new_areas_written, districts_written_after_city: districts the national list lacks, written
    as an address, in place of their county or city.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache, lru_cache

from .home import (
    SELF_REFERENCE,
    far_from,
    headline_of_another,
    home_readings,
    home_spelled_short,
    local_paper_name,
    named_only_outside,
    organs_of_its_own,
    place_code,
    shared_home,
    story_elsewhere,
)
from .mentions import (
    BORDER,
    LIST_GAP,
    LIST_SEPARATORS,
    PAIR_ACTION,
    PAIR_JOIN,
    SENTENCE_ENDS,
    STREET_OFFICE,
    TOWN_LIST,
    TOWN_SUFFIX_WRITTEN,
    ZONE_AFTER_PLACE,
    ZONE_FULL,
    _any_word,
    _dictionary,
    _story_mentions,
    _went_pattern,
    address_start,
    named_as_data,
    on_word_boundaries,
    towns_written_otherwise,
    without_guests,
    without_places_left_for,
    without_prose_words,
)
from .model import Article, Headline, PageInfo, _headline_text
from .place_votes import (
    TOWN_SUFFIX_END,
    Hints,
    _city_or_municipality,
    _highest,
    _narrow,
    _order,
    _readings,
    _tied,
    city_level,
    county_votes,
    story_place,
)
from .places import RANK, Mention
from .rules import Rules
from .settings import SETTINGS

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

# The tunable numbers of the district tagger (headline weight, short-form weight, …) are in
# settings.py, each with the fit-split table it was read from (tests/districts_eval.py tune).

# Places listed before a word for counties (儋州、东方、陵水等六市县; A、B两县): the story is about
# each of them. Between two places a separator at most, or a short form that is also a word
# (东方), which a list makes a place.
PLACE_LIST_END = re.compile(r"等?(?:[0-9一二两三四五六七八九十]+个?)?(?:县（市、区）|县（市）|市县|县市|县区|区县|县|旗)")
# … or, when each place listed is a county-level city (珲春、图们、龙井三市), a word for cities:
# a prefecture's cities listed so (岳阳、常德两市) are listed_cities', read for wider papers only.
CITY_COUNTIES_END = re.compile(r"等?(?:[0-9一二两三四五六七八九十]+个?)?(?:县级市|市)")


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
    >>> text = "为落实市里“四好”农村路建设“三清”行动的部署，近日，汊涧镇开展整治。"
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


def written_towns(text: str, mentions: list[tuple[Mention, float]], region: str | None,
                  rules: Rules) -> dict[str, str]:
    """Towns the text writes right after their county (庆城县三十铺镇): town name → county code.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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
    (儋州、东方、陵水等六市县), when it lists two or more: their codes in the order listed.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> text = "儋州、东方、陵水等六市县被通报"
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
    >>> from civicnews.mentions import _mentions
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
    """The one county of ``city`` (or of a province, for its paper's story) with a town ``head``
    (a headline, or a story's whole text) writes with another suffix than the list's (叶坪乡 for
    瑞金市's 叶坪镇), standing as a word, a name no town of ``city`` bears as written; None when
    no county, or several, have such a town.

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
    # Kept per region: its counties only. A memo of each town base's owners (a dict entry, a
    # list and a tuple per town) held 5.2 MB in a 1k build's extraction worker that read the
    # stories of a few provinces' papers (tracemalloc, 202 pages), the worker being the build's
    # largest process; the towns are read from the gazetteer's own town_base instead.
    kept = gaz.memo("region_town_counties")
    counties = kept.get(city)
    if counties is None:
        counties = kept[city] = tuple(c for c in gaz.town_base if gaz.within(c, city))
    found: set[str] = set()
    for county in counties:
        for base, code in gaz.town_base[county].items():
            at = head.find(base)
            if at < 0 or freq.get(base, 0) >= SETTINGS.district_common_word_freq:
                continue
            suffix = TOWN_SUFFIX_WRITTEN.match(head, at + len(base))
            if written_otherwise(head, at + len(base), base, gaz.divisions[code].name) and suffix \
                    and on_word_boundaries(head, at, suffix.end()) \
                    and not any(gaz.within(c, city) for c in gaz.codes(base + suffix.group(0))):
                # (a name another town of the region bears as written is that town: 龙潭镇 of
                # three counties is no 龙潭乡 renamed)
                found.add(county)
    return found.pop() if len(found) == 1 else None


def find_districts(article: Article, info: PageInfo, rules: Rules, fallback_home: str | None = None) -> list[str]:
    """Places the story is about: its county (the paper's, else the one its places point at,
    else its page's), the towns and zones inside that county the text names, and places outside
    it that the text says the story happens in (坐落于衢州市…). Places merely mentioned (a
    visit from 金华市, goods sold to 上海) are not the story's.

    Listed county level first, then zones and towns, each in the order the story names them.
    """
    gaz = rules.gazetteer
    mentions = _story_mentions(article, rules)
    if article.headline is not None and headline_of_another(
            mentions, len(_headline_text(article.headline)), rules):
        return find_districts(dataclasses.replace(article, headline=None), info, rules, fallback_home)
    text = _headline_text(article.headline) + "".join(article.paragraphs)
    home, shared = home_readings(info, rules)
    home = shared_home(shared, mentions, rules, local_paper_name(info, shared, rules)) or home
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
        # a city's paper, a town written with another suffix than the list's (叶坪乡开展…, the
        # list's 叶坪镇 of 瑞金市; towns are raised from 乡 to 镇 every year, a story keeps the name
        # of its day): that town's county, as for a town in full. Its body's towns too when it
        # names no county of the city in full; else those counties decide (town_county)
        head = _headline_text(article.headline)
        names_county = any(m.full and any(gaz.divisions[c].level == "county" and gaz.within(c, place)
                                          for c in m.codes) for m, _w in mentions)
        place = renamed_town_county(head if names_county else text, place, rules) or place
    elif place is None and home and gaz.divisions[home].level == "province":
        # a provincial paper's story that no place decides: a town written with another suffix
        # than the list's, of one county of the province, is that county's
        place = renamed_town_county(text, home, rules)
    renamed = towns_written_otherwise(text, rules) if place is None and home is None else []
    if renamed:
        # no paper's place, and no place of the story decides: a town written with another
        # suffix than the list's (沙洲坝乡 for 沙洲坝镇), of one county only, is that county's
        # (towns_named then reads it there as written); of several (叶坪乡), the town alone
        counties = {gaz.county_of(c) for _s, _e, _name, towns in renamed for c in towns}
        place = counties.pop() if len(counties) == 1 else None
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
    if place is None:  # no county is certain (枫林镇 of four counties): the towns' names are,
        # as written (叶坪乡 too, which the list has as 叶坪镇 in two counties)
        towns = [(m.start, m.spelling) for m, _weight in mentions
                 if m.full and all(gaz.divisions[c].level == "town" for c in m.codes)]
        for _at, name in sorted(towns + [(start, name) for start, _end, name, _towns in renamed]):
            chosen.setdefault(name, (RANK["town"], len(chosen)))
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
        if town is None:  # (南宁市新城区新阳社区: no town the list knows after it)
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
    >>> from civicnews.mentions import _mentions
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
    and a community or town of theirs (南宁市新城区新阳社区, 贵阳市小河区黄河路街道): (district as
    written, the code of the town right after it if the text names one in full, else None, city
    code). Words for parts of a city are no districts (中心城区, 主城区, 老城区 before a 社区).

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
    >>> rules = load_rules()
    >>> text = "广西南宁市新城区新阳社区举行活动。儋州市中心城区各社区，海西州农牧区环境改善"
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
    >>> from civicnews.mentions import _mentions
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


def paired_counties(text: str, head_end: int, mentions: list[tuple[Mention, float]], place: str | None,
                    rules: Rules) -> list[str]:
    """The other county of a pair the headline names in full with the story's county, joined by
    与/和/同 and followed by what they do together (签订, 联合, 共建…): a story of both, wherever
    each lies (the second may carry its address: 上海市青浦区). With no story's county (the two
    tie: 蓟州区与河北兴隆县签订…, no paper's place), both.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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
    for name, (rank, _order) in chosen.items():  # noqa: F402 (a loop variable, not place_votes._order)
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
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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


# Between two places of a list: a separator, and at most one more character (阜宁县城、射阳县城).
PLACE_SEPARATOR = re.compile(r"^.?[、和及与]$")


def in_place_list(text: str, start: int, end: int, mentions: list[tuple[Mention, float]]) -> bool:
    """True when the place named at text[start:end] stands in a list with another place.

    >>> from civicnews.rules import load_rules
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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


def named_aside(text: str, at: int, rules: Rules) -> bool:
    """True for a town named at ``at`` in a demand, as data or as a route's end (named_in_demand,
    named_as_data, named_as_route_end)."""
    return (named_in_demand(text, at, rules) or named_as_data(text, at, at + 1, rules)
            or named_as_route_end(text, at, rules))


def named_as_route_end(text: str, at: int, rules: Rules) -> bool:
    """True when the clause a place is named in says before it where a road, line or works
    begins or ends (gazetteer.yml route_end_words: 道路西起于石梁镇集镇，东止于与省道（万田乡境内）
    相接处): the route's end, which it reaches, not where the story happens. A town the route
    passes (经航埠镇) or the story names elsewhere is still the story's.

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> text = "该路段起于石梁镇，经航埠镇，止于与省道（万田乡境内）相接处。这项活动兴起于七里乡。"
    >>> [named_as_route_end(text, text.index(t), rules) for t in ("石梁镇", "航埠镇", "万田乡", "七里乡")]
    [True, False, True, False]
    """
    if not rules.route_end_words:
        return False
    opened = max(text.rfind(c, 0, at) for c in CLAUSE_MARKS) + 1
    return _route_end_pattern(rules.route_end_words).search(text, opened, at) is not None


@lru_cache(maxsize=4)
def _route_end_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # 兴起于, 源起于, 缘起于, 崛起于: where something began, no route
    return re.compile(r"(?<![兴源缘崛])(?:" + "|".join(map(re.escape, words)) + ")")


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
    # most stories hold no demand, measure nor route: then no town of theirs is named aside
    demands = bool(rules.speech_words) and _speech_pattern(rules.speech_words).search(text) is not None
    routes = any(word in text for word in rules.route_end_words)
    aside = demands or routes or any(unit in text for unit in rules.data_units)
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
                and not (demands and named_in_demand(text, m.start, rules)) \
                and not (routes and named_as_route_end(text, m.start, rules)):
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

    >>> stands_apart_in_headline("江东：进村入户讲解旧衣回收", 0, 2)
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
    >>> from civicnews.mentions import _mentions
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
