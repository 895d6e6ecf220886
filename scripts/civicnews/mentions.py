"""District tagger, reading: the places a story's text spells (``_mentions``,
``_story_mentions``) and the ``without_*`` filters that drop those that are no place of the story.

_mentions reads one text: each gazetteer spelling that stands as a name (on word boundaries of
jieba's word list: word_cuts), less roads and buildings named after a place, people's names,
water, villages and a meeting's or spirit's name (names_the_water, a_persons_name, a_village, …).
_story_mentions reads the headline (weighted) and the body, then in order: names inside a town
written with another suffix than the list's (towns_written_otherwise), word_shorts_gone_to,
towns_by_base, named_in_town_list, without_campaign_words, without_compared, the visitors' places
(_visitor_pattern, visiting_own_county) and data (named_as_data). find_districts then applies
without_guests (places that only send guests, goods or help), and it and home.page_home
without_prose_words and without_places_left_for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from math import log

from . import wordlist
from .campaigns import _all_keywords, _keyword_matcher
from .model import Article, _headline_text
from .place_votes import _city_of
from .places import Gazetteer, Mention, SortedNames
from .rules import Rules
from .settings import SETTINGS

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
LIST_GAP = "、，,和及与"

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

# A town's suffix as the text may write it: towns are raised every year (张庄乡 became 张庄镇,
# 春江镇 became 春江街道), and a story, or its annotator, still writes the other one.
# A street's office (街道办事处) is also written for the street itself, in full or cut short
# (玉泉办事处, 万兴街办事处, 万兴街办 for 玉泉街道, 万兴街道).
# (The lookahead of the first characters lets a search skip to them: a third faster.)
TOWN_SUFFIX_WRITTEN = re.compile(r"(?=[镇乡街苏办])(?:镇|乡|街道|苏木|街?办事处|街办)(?![镇乡村级]|街(?!道))")
STREET_OFFICE = ("办事处", "街办事处", "街办")
# The longest town base that towns_written_otherwise reads (of the list's 38,600 bases 53 have 6
# characters and 10 more; a longer one is read only inside its county, by renamed_towns).
TOWN_BASE_LONGEST = 6


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
    renamed = towns_written_otherwise(text, rules)
    if renamed:  # 坝乡 (of 加查县) in 沙洲坝乡, a town of 瑞金市 written with its old suffix
        found = [(m, w) for m, w in found
                 if not any(start <= m.start and m.end <= end and m.end - m.start < end - start
                            for start, end, _name, _towns in renamed)]
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


def towns_written_otherwise(text: str, rules: Rules) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Towns the text names with a suffix that no town of that base has in the national list
    (叶坪乡: the list has 叶坪镇, in 瑞金市 and in 汉滨区; 沙洲坝乡: 沙洲坝镇, in 瑞金市 alone), as
    (start, end, the name as written, the list's towns of that base), where the name stands as a
    word and its base is no ordinary word. renamed_towns reads such names inside a known county;
    these are for a story whose paper gives no place (find_districts), and to keep a shorter
    town name found inside one (坝乡 of 加查县 in 沙洲坝乡) out of the story's places. A name the
    list knows as written is that place, not this one (张庄乡 is 淮滨县's, though nine counties
    have a 张庄镇). One pass over the text's town suffixes (a few per story), each base looked up
    by the list's full names (an ethnic township, 杨泡满族乡, is not found by 杨泡镇: renamed_towns
    reads it inside its county).

    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> gaz = rules.gazetteer
    >>> [(name, sorted(gaz.divisions[gaz.county_of(t)].name for t in towns))
    ...  for _s, _e, name, towns in towns_written_otherwise("沙洲坝乡和叶坪乡开展宣讲", rules)]
    [('沙洲坝乡', ['瑞金市']), ('叶坪乡', ['汉滨区', '瑞金市'])]
    >>> towns_written_otherwise("张庄乡、叶坪镇开展宣讲，全乡参加", rules)
    []
    """
    gaz = rules.gazetteer
    bases = _town_bases_anywhere(gaz)
    out: list[tuple[int, int, str, tuple[str, ...]]] = []
    for suffix in TOWN_SUFFIX_WRITTEN.finditer(text):
        if suffix.group(0) in STREET_OFFICE:
            continue  # an office: renamed_towns reads it inside its county only (城关办事处 is everywhere)
        at = suffix.start()
        for start in range(max(0, at - TOWN_BASE_LONGEST), at - 1):  # the longest base first
            base = text[start:at]
            if base not in bases:
                continue
            name = base + suffix.group(0)
            if name not in gaz.by_spelling and _dictionary()[0].get(base, 0) < SETTINGS.district_common_word_freq \
                    and on_word_boundaries(text, start, suffix.end()):
                towns = tuple(c for kind in TOWN_KINDS_LISTED for c in gaz.codes(base + kind)
                              if gaz.divisions[c].name == base + kind and gaz.divisions[c].level == "town")
                if towns:
                    out.append((start, suffix.end(), name, towns))
            break  # (a name the list knows as written is that place)
    return out


def _town_bases_anywhere(gaz: Gazetteer) -> SortedNames:
    """The bases of all the list's towns (叶坪 of 叶坪镇), built on first use (about 10 ms) and
    kept with the gazetteer: a base looked up there first spares most lookups by full name.
    Sorted names, not a frozenset: 0.3 MB, not 2 MB, in each extraction worker."""
    found = gaz.memo("town_bases_anywhere").get("")
    if found is None:
        found = gaz.memo("town_bases_anywhere")[""] = SortedNames(b for towns in gaz.town_base.values() for b in towns)
    return found


# The suffixes of the list's town names that towns_written_otherwise looks a base up with.
TOWN_KINDS_LISTED = ("镇", "乡", "街道", "苏木")


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


# After a list of counties: where they meet (中方、辰溪、溆浦三县交界): the story's place lies on
# their border, in one of them, not in all.
BORDER = re.compile(r"交界|接壤|交汇|毗邻|结合部")


# Two parties in a headline (安吉县与上海市青浦区签订…; A县和B县联合开展…): the word joining them,
# and what they do together right after the second.
PAIR_JOIN = frozenset("与和同")
PAIR_ACTION = re.compile(r".{0,2}?(?:签订|签署|联合|共建|携手|结对|合作|共同|联手)")


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
    我县/本市… (乐山市政协到我县开展视察): the place is the visitors', not the story's."""
    return re.compile(rf"[^，。；！？：]{{0,{gap}}}?(?:来|到|赴|莅临)(?:我|本)(?:县|市|区|旗)")
