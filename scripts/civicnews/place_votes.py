"""District tagger, choosing: the county (else city) a story's places point at (``story_place``).

Each mention votes for its readings inside the paper's region (_readings: an ambiguous
spelling's weight is shared), a town or zone for its county (county_votes), a city for a story
about the whole city (city_votes); a tie leaves the story at the level that is certain (_tied).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .places import RANK, Mention
from .rules import Rules
from .settings import SETTINGS

# Counties whose towns' short forms a story writes (county code → how many), asked for lazily.
Hints = Callable[[], dict[str, int]]


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
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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
    >>> from civicnews.mentions import _mentions
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
