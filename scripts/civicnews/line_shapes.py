"""Shape tests of one line's text that passes of several families ask (no pass here).

- ``could_be_title``: a few to a few dozen characters, no sentence or clause end, no credit;
- ``_furniture_shaped`` (with ``place_masthead``): what the rules or furniture patterns name as
  page furniture, a slogan, a caption's mark or a credit's role word, never a story's title;
- ``touching``: two lines printed one right under the other, no blank line between;
- ``_names_a_place_only``, ``_couplet_title``, ``_whole_quote``: a line of place names only, a
  couplet of two phrases, one whole quoted sentence;
- ``new_place`` (with ``_short_place``): the place a headline opens with that the text after it
  names and the text before it never does (a new story's place);
- ``_far_tail_fits``: a title's last line goes on in a short line its story prints right after it;
- the marks and sizes these and the passes share (``DASH_OPENING``, ``_CLAUSE_ENDS``,
  ``_TAIL_MARKS``, ``_TAIL_OPENERS``, ``KICKER_LABEL_CHARS``, ``MEASURE_LINES``, ``MEASURE_MIN_EM``).
"""

from __future__ import annotations

import re

from . import credits
from .features import FURNITURE_SHAPE, spans_a_word
from .headline import (
    couplet,
    opens_speech,
    speaks_in_prose,
)
from .model import Line, Role
from .paragraphs import ends_sentence
from .patterns import cjk_count
from .rules import Rules
from .settings import SETTINGS

# Text lines read on each side of a line to find the column's measure (its widest line).
MEASURE_LINES = 4
# Two measures differ by this many characters at least (one character is type, not layout).
MEASURE_MIN_EM = 3.0


# A place name a headline opens with: a few characters and a place suffix (东岭村, 米河镇, 泾源县),
# not a collective (全县, 我市, 该镇, 各村).
OPENING_PLACE = re.compile(r"^(?![全我本该各此这每一二三四五六七八九十两几多外邻在])([\u4e00-\u9fff]{1,4}?)(街道|社区|村|镇|乡|县|区|市)")


def new_place(text: str, before: str, after: str) -> str | None:
    """The place a headline opens with when the text after it names it and the text before it
    never does (not even its short form): a new story's place.

    >>> new_place("东岭村开展人居环境整治", "石桥镇开展整治。", "东岭村近日开展整治。")
    '东岭村'
    >>> new_place("东岭村开展人居环境整治", "石桥镇东岭整治。", "东岭村近日开展整治。"), new_place("全县开展整治", "文。", "全县")
    (None, None)
    >>> new_place("荣县人大代表开展视察活动", "石桥镇开展整治。", "荣县人大代表视察。"), new_place("城区开展整治", "文。", "城区")
    ('荣县', None)
    >>> new_place("秦淮区月牙湖街道翠屏山庄社区开展活动", "古泉镇开展整治。", "翠屏山庄社区联合月牙湖社区")
    '翠屏山庄社区'
    """
    if not before:
        return None
    match = OPENING_PLACE.match(text) or _short_place(text, after)
    # the places it opens with, widest first (秦淮区月牙湖街道翠屏山庄社区): the story may name only
    # the nearest (翠屏山庄社区)
    for _ in range(OPENING_PLACES_READ):
        # a one-character base only for a county (荣县, 滑县): 城区, 新村 are no names
        if match is None or len(match.group(1)) < 2 and match.group(2) != "县":
            return None
        place, base = match.group(0), match.group(1)
        if place in after and base not in before:
            return place
        if base in before or match.group(2) not in ("县", "区", "市", "街道"):
            return None  # the story before names it, or it holds no place named after it
        text = text[match.end():]
        match = OPENING_PLACE.match(text)
    return None


# How many places in a row a headline's opening is read for (county, street, community).
OPENING_PLACES_READ = 3


_PLACE_SUFFIXES = ("街道", "社区", "村", "镇", "乡", "县", "区", "市")


def _short_place(text: str, after: str) -> re.Match[str] | None:
    """A headline opening with a place's short form (通海 for 通海县) that the text after it
    writes in full: the full name, matched in the text after.

    >>> _short_place("通海加快农村改厕进度", "今年以来，通海县坚持整村推进。").group(0)
    '通海县'
    >>> _short_place("全力推进农村改厕工作", "全力区的工作") is None  # 全… is no place (全县)
    True
    """
    for n in (2, 3):
        head = text[:n]
        if len(head) < n or not OPENING_PLACE.match(head + "县"):  # not 全县, 我市, 该镇
            continue
        for suffix in _PLACE_SUFFIXES:
            if head + suffix in after:
                return OPENING_PLACE.match(head + suffix)
    return None


def touching(upper: Line, lower: Line) -> bool:
    """``lower`` is printed on the page line right under ``upper``, no blank line between."""
    return lower.number == max(upper.lines or (upper.number,)) + 1


# A line opening with a dash (——…, ---…) under a title is its subtitle, never the title's piece.
DASH_OPENING = re.compile(r"^\s*(?:—|-{2,}|－)")


def _whole_quote(text: str) -> bool:
    """The line is one quoted sentence, mark to mark, of a headline's length (“俺村不比城市差！”).
    A quoted name or phrase (“7个专项行动”) is a title's line broken at its quote.

    >>> _whole_quote("“俺村不比城市差！”"), _whole_quote("“咱明年得多种点草莓，”他说。"), _whole_quote("“7个专项行动”")
    (True, False, False)
    """
    text = text.strip()
    return (len(text) > 2 and text[0] == "“" and text[-1] == "”" and "”" not in text[1:-1]
            and ends_sentence(text) and SETTINGS.title_chars[0] <= cjk_count(text) <= SETTINGS.title_chars[1])


# A line ending in one of these stops inside a sentence.
_CLAUSE_ENDS = ("，", "、", "；", ",", ";")


# The longest phrase of a column or series label read as a kicker by its words alone (接续报道,
# 乡村振兴在行动, 创城进行时 城乡面貌提升攻坚): the fitting part's labels' phrases hold 3 to 9
# characters, the figurative first halves of titles their stories do not echo 10 and more.
KICKER_LABEL_CHARS = 8


def _names_a_place_only(text: str, rules: Rules) -> bool:
    """The whole line is place names (章丘区明水街道, 庐江县矾山镇): a title's opening words set
    on a line of their own, not a kicker, which says something.

    >>> from .rules import load_rules
    >>> [_names_a_place_only(t, load_rules()) for t in ("章丘区明水街道", "三十铺镇", "人大代表之家", "美丽乡村")]
    [True, True, False, False]
    """
    text = text.strip()
    at = 0
    for mention in rules.gazetteer.find(text):
        if mention.start != at:
            return False
        at = mention.end
    return bool(text) and at == len(text)


def _couplet_title(parts: list[tuple[Role, Line]]) -> bool:
    """Title lines that make a couplet (对仗: two phrases of one length, on one line or two): a
    whole headline with no subject to take, so a place printed alone above it is its kicker.

    >>> _couplet_title([(Role.TITLE, Line(2, "", "开展庭院环境清理 打造整洁美丽家园"))])
    True
    >>> _couplet_title([(Role.TITLE, Line(2, "", "扎实开展燃气安全排查"))])
    False

    A line ending inside a quotation (助力邻里“ / 温暖满格”) goes on in the next: no phrase ends there.
    >>> _couplet_title([(Role.TITLE, Line(2, "", "助力邻里“")), (Role.TITLE, Line(3, "", "温暖满格”"))])
    False
    """
    text = ""
    for role, line in parts:
        if role is Role.TITLE:
            text += line.text if text.count("“") > text.count("”") else " " + line.text
    phrases = text.split()
    return len(phrases) == 2 and couplet(*phrases)


# A sentence never opens on these particles (的服务网络。): text that does is a sentence's tail.
_TAIL_OPENERS = "的地得之了着过和与及或"


def could_be_title(text: str) -> bool:
    """A line shaped like a headline: a few to a few dozen characters, no sentence or clause end,
    not a credit.

    >>> could_be_title("米河镇召开防汛工作部署会"), could_be_title("9月22日上午，米河镇召开推进会，")
    (True, False)
    >>> could_be_title("9月22日上午，米河镇召开防汛工作部署会。")
    False
    >>> could_be_title("记者 王明"), could_be_title("日前"), could_be_title("王培文指出"), could_be_title("王培文强调，大家")
    (False, False, False, False)
    """
    n = cjk_count(text)
    stripped = text.rstrip(" ）)")
    return (SETTINGS.title_chars[0] <= n <= SETTINGS.title_chars[1] and not ends_sentence(text)
            and not stripped.endswith(("，", "、", "；", "：", ",", ";", ":"))
            and not credits.is_credit_line(text) and not opens_speech(text) and not speaks_in_prose(text))


# What a county's own media call themselves after its name (义乌发布, 永康新闻, 今日永康): with a
# place before it (by the gazetteer) such a line is a masthead. The shapes of China's county
# media centres' names, not one paper's.
_MASTHEAD_WORDS = ("发布", "新闻", "日报", "晚报", "时报", "报", "融媒", "新闻网", "电视台", "广播电视台")
# … longest first (a title ending in 日报 is read for 日报, not 报), sorted once, not per line
_MASTHEAD_BY_LENGTH = tuple(sorted(_MASTHEAD_WORDS, key=len, reverse=True))


def place_masthead(text: str, rules: Rules) -> bool:
    """A place's name with a media word after it, or 今日 before it: a masthead.

    >>> from .rules import load_rules
    >>> [place_masthead(t, load_rules()) for t in ("陇县发布", "今日永康", "义乌新闻", "统计公报发布", "永康")]
    [True, True, True, False, False]
    """
    text = text.strip()
    if text.startswith("今日"):
        return _names_a_place_only(text[2:], rules)
    if not text.endswith(_MASTHEAD_WORDS):  # most lines: no word to look for
        return False
    word = next(w for w in _MASTHEAD_BY_LENGTH if text.endswith(w))
    return len(text) > len(word) and _names_a_place_only(text[: -len(word)], rules)


def _furniture_shaped(text: str, rules: Rules) -> bool:
    """A line the rules or the furniture patterns (dates, hotlines, page labels) name as page
    furniture or a campaign slogan, a photo caption's mark opens, or a credit's role word: never
    a story's title, however it stands.

    >>> from .rules import load_rules
    >>> [_furniture_shaped(t, load_rules()) for t in ("▶完成户厕122座", "文/许东升 正仁", "垃圾分类 人人有责", "以练备战 筑牢防线")]
    [True, True, True, False]
    """
    return bool(rules.furniture_any.fullmatch(text) or rules.slogan.fullmatch(text)
                or FURNITURE_SHAPE.search(text) or (text[:1] and text[0] in rules.caption_marks)
                or credits.credit_shaped(text) or place_masthead(text, rules))


_TAIL_MARKS = re.compile("[，。、；：！？（）《》【】 ]")
_TYPE_MARKS = re.compile("[“”‘’\"「」 ]")


def _far_tail_fits(title: str, tail: str, story: str) -> bool:
    """A title's last line ``title`` goes on in ``tail``: the story prints the tail whole right
    after the title's last three characters (消防日 / 主题活动: …消防日主题活动…), or a word runs
    across the break (志愿服 / 务活动) and the story prints that word (服务).

    >>> _far_tail_fits("县应急管理局组织“512”减灾日", "主题活动", "组织“512”减灾日主题活动，县委")
    True
    >>> _far_tail_fits("集团持续开展志愿服", "务活动", "集团志愿服务队")
    True
    >>> _far_tail_fits("临江市苇沙河镇：清扫街巷扮美乡村", "建设情况", "推进村镇建设，了解情况")
    False
    >>> _far_tail_fits("开展“快乐度假期 安全常记心”主题", "宣传活动", "开展“快乐度假期 安全常记心”主题宣传活动")
    True
    >>> _far_tail_fits("临江市苇沙河镇：清扫街巷扮美乡村", "建设情况", "")
    False
    """
    # quote marks and word spaces are the type's, not the words' (…不放假”主题 / 宣传活动)
    title, tail, story = (_TYPE_MARKS.sub("", x) for x in (title, tail, story))
    if title[-3:] + tail in story:
        return True
    return title[-1:] + tail[:1] in story and spans_a_word(title, tail)
