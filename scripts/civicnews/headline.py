"""Headline stage: turn a story's display lines, each with its role, into kicker, title and
subtitle text.

Which line is a kicker, a title or a subtitle is the line-role model's decision; this stage only
joins the lines of each part the way a reader would: a line broken inside a word or a place name
joins without a space, parallel phrases keep one, quotation marks the PDF tool lost come back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Headline, Role
from .patterns import CJK_CHAR, SERIES

if TYPE_CHECKING:
    from .rules import Rules

# A series label broken over two lines has a first part at most this long (记者走边陲).
SERIES_PART_MAX = 8
# A title's tail after a quoted term is short (攻坚战, 新热潮, 激活一个村) ...
QUOTE_TAIL_MAX = 5
# ... and the words before the quoted term run at most this long (开发区全力以赴打好); a longer
# run is a phrase of its own, and then the last word was the quoted one.
QUOTE_LEAD_MAX = 9


def _chars(text: str) -> int:
    return len(text.replace(" ", ""))


def join_display(parts: list[str]) -> str:
    """Join headline lines: parallel phrases of equal length get a space, a broken clause none,
    nor a line after a colon, a cry or a question (the mark parts them already).

    >>> join_display(["多领域全面发动", "数智通跟踪整治"])
    '多领域全面发动 数智通跟踪整治'
    >>> join_display(["开发区企业推动", "党的二十大精神落地见效"])
    '开发区企业推动党的二十大精神落地见效'
    >>> join_display(["常德书写文明城市答卷：", "文明之风，吹进街头巷尾"])
    '常德书写文明城市答卷：文明之风，吹进街头巷尾'
    >>> join_display(["带民意，赴会场！", "政协委员报到——"])
    '带民意，赴会场！政协委员报到——'
    """
    out = parts[0] if parts else ""
    for prev, part in zip(parts, parts[1:], strict=False):
        parallel = (_chars(prev) == _chars(part) and _chars(part) >= 4
                    and not prev.rstrip().endswith(("：", ":", "！", "？", "!", "?")))
        out += (" " if parallel else "") + part
    return out


def _segmenter() -> Callable[[str], list[str]]:
    """jieba's word segmenter on its compact dictionary (wordlist), loaded once."""
    from . import wordlist

    return wordlist.segmenter()


@lru_cache(maxsize=4096)
def splits_a_word(left: str, right: str) -> bool:
    """True when a line break falls inside a word, so the two lines are one phrase.

    >>> splits_a_word("姜家山拆除政府大", "院围墙受好评")
    True
    >>> splits_a_word("开发区企业推动", "党的二十大精神落地见效")
    False
    """
    if not left or not right or not CJK_CHAR.match(left[-1]) or not CJK_CHAR.match(right[0]):
        return False
    position = 0
    for token in _segmenter()(left + right):
        if position < len(left) < position + len(token):
            return True
        position += len(token)
    return False


def _open_quote(text: str) -> bool:
    """A line that opens a quotation without closing it goes on in the next line."""
    return text.count("“") > text.count("”") or text.count("《") > text.count("》")


@lru_cache(maxsize=1)
def _place_spellings() -> tuple[str, ...]:
    """Every spelling of every gazetteer place, three characters or longer."""
    from .rules import load_rules

    rules = load_rules()
    names = {n for place in rules.places.values() for n in (place.name, *place.aliases)}
    return tuple(sorted(n for n in names if len(n) >= 3))


@lru_cache(maxsize=1)
def _place_halves() -> tuple[dict[str, tuple[str, ...]], int]:
    """Each first part of a place spelling (its first k characters, 0 < k < its length) → the
    rests that complete it, and the longest first part: splits_a_place looks up the line's ends
    instead of trying every spelling at every cut (45 µs a call for the 99 spellings)."""
    halves: dict[str, list[str]] = {}
    for name in _place_spellings():
        for k in range(1, len(name)):
            halves.setdefault(name[:k], []).append(name[k:])
    return {head: tuple(rests) for head, rests in halves.items()}, max(map(len, halves), default=0)


def splits_a_place(left: str, right: str) -> bool:
    """True when a line break falls inside a place name (现代农业装备 / 高新区开展…).

    >>> splits_a_place("现代农业装备", "高新区开展企业大走访行动")
    True
    """
    halves, longest = _place_halves()
    return any(right.startswith(rest) for k in range(1, min(len(left), longest) + 1)
               for rest in halves.get(left[-k:], ()))


def merge_broken_lines(texts: list[str]) -> list[str]:
    """Rejoin display lines the PDF tool broke inside a word.

    >>> merge_broken_lines(["拉近与群众距离", "姜家山拆除政府大", "院围墙受好评"])
    ['拉近与群众距离', '姜家山拆除政府大院围墙受好评']
    """
    out: list[str] = []
    for text in texts:
        # a line holding two phrases (word space) is a finished unit, not half of one
        if out and (_open_quote(out[-1]) or BROKEN_HEAD.match(text) or splits_a_place(out[-1], text)
                    or (" " not in out[-1] and " " not in text and splits_a_word(out[-1], text))):
            out[-1] += text
        else:
            out.append(text)
    return out


def split_series(texts: list[str]) -> tuple[list[str], str | None]:
    """Take out a series label (记者走边陲 老乡话小康②), even when broken over two lines.

    >>> split_series(["记者走边陲", "老乡话小康②", "村庄“管家”激活一个村"])
    (['村庄“管家”激活一个村'], '记者走边陲 老乡话小康②')
    """
    for k, text in enumerate(texts):
        if SERIES.search(text) and len(texts) > 1:
            start = k - 1 if k > 0 and _chars(texts[k - 1]) <= SERIES_PART_MAX and " " not in texts[k - 1] else k
            label = " ".join(texts[start : k + 1])
            return texts[:start] + texts[k + 1 :], label
    return texts, None


@lru_cache(maxsize=1)
def _open_verbs() -> tuple[str, ...]:
    """The rules' verbs that never end a headline phrase (rules/headline.yml)."""
    from .rules import load_rules

    return load_rules().open_verbs


@lru_cache(maxsize=1)
def _open_words() -> frozenset[str]:
    """The rules' function words that never end a headline phrase (rules/headline.yml)."""
    from .rules import load_rules

    return load_rules().open_words


@lru_cache(maxsize=1)
def _speech_verbs() -> tuple[str, ...]:
    """The rules' verbs of speaking (rules/headline.yml)."""
    from .rules import load_rules

    return load_rules().speech_verbs


@lru_cache(maxsize=1)
def _joining_words() -> frozenset[str]:
    """The rules' function words that never open a headline part standing alone (rules/headline.yml)."""
    from .rules import load_rules

    return load_rules().joining_words


def goes_on_before(text: str) -> bool:
    """A display line with no dash that opens on a joining word (和, 对: jieba's first word) or a
    verb of speaking (强调：): it goes on the line before it, never a subtitle of its own.

    >>> goes_on_before("和法院检察院工作报告"), goes_on_before("强调：加快推进项目建设"), goes_on_before("十年变迁节目播出后")
    (True, True, False)
    >>> goes_on_before("对话县委书记"), goes_on_before("同心共建家园"), goes_on_before("——对乡亲们说")
    (False, False, False)
    """
    text = text.strip()
    if not text or text[0] in "—-－":
        return False
    words = _segmenter()(text)
    return bool(words) and (words[0] in _joining_words() or words[0] in _speech_verbs())


def opens_speech(text: str) -> bool:
    """A line ending in a verb of speaking: the opening of what a speaker said, never a headline.

    >>> opens_speech("王培文指出"), opens_speech("县长强调 "), opens_speech("对下一步工作提出要求")
    (True, True, False)
    """
    return text.rstrip().endswith(_speech_verbs())


def speaks_in_prose(text: str) -> bool:
    """A verb of speaking followed by a comma (王培文强调，大家…): how a story's text reports
    what was said. A headline gives its speaker a colon (强调：…) or none; no title of the
    corpus's fitting part has a verb of speaking and a comma.

    >>> speaks_in_prose("王培文强调，大家"), speaks_in_prose("县委书记强调：狠抓落实"), speaks_in_prose("县长表示")
    (True, False, False)
    """
    if "，" not in text and "," not in text:  # most display lines: no comma to look behind
        return False
    verbs = _speech_verbs()
    # a verb right before any comma (text[:k].endswith: one C call for all verbs, where a
    # substring search for every verb and mark ran per line)
    return any(text.endswith(verbs, 0, k) for k, ch in enumerate(text) if ch in "，,")


# An ordinal or a count still waiting for its noun: 第31个 / 爱卫月, 召开第六届 / 代表大会.
OPEN_COUNT = re.compile(r"第[0-9０-９一二三四五六七八九十百千]+[个届次批期]?$")


def ends_open(text: str) -> bool:
    """A single phrase (no space, no comma) ending in a verb still waiting for its object, a
    function word waiting for its noun, or an ordinal waiting for what it counts.

    >>> ends_open("西洋江镇召开"), ends_open("乡村振兴在行动"), ends_open("增颜值、推动卫生运动深入开展")
    (True, False, False)
    >>> ends_open("磴口县举行第31个"), ends_open("深化与"), ends_open("积极参与"), ends_open("服务群众的")
    (True, True, False, True)
    >>> ends_open("市人大常委会副主任带队到"), ends_open("说到做到")
    (True, False)
    """
    if re.search(r"[\s，、,；：]", text):
        return False
    if text.endswith(_open_verbs()) or OPEN_COUNT.search(text):
        return True
    return bool(text) and text[-1] in _open_words() and _segmenter()(text)[-1] == text[-1]


def closes_a_frame(upper: str, lower: str, rules: Rules) -> bool:
    """The upper title line opens an event with a frame verb (开展, 举办) and leaves it open, and
    the lower line ends on the event's noun (活动, 会议): one title broken in two, whose lower
    half need not use its story's words (headline.yml frame_verbs, frame_nouns).

    >>> from civicnews.rules import load_rules
    >>> r = load_rules()
    >>> closes_a_frame("上望街道开展群租房巡查", "集中攻坚活动", r), closes_a_frame("矾山镇开展燃气安全排查", "创卫在行动", r)
    (True, False)
    >>> closes_a_frame("县里召开推进会议", "大家一起来活动", r)
    False
    """
    verb = max((upper.rfind(v) for v in rules.frame_verbs), default=-1)
    return (verb >= 0 and not upper.rstrip().endswith(rules.frame_nouns)
            and not any(n in upper[verb:] for n in rules.frame_nouns)
            and lower.rstrip().endswith(rules.frame_nouns))


# A line opening with one character and a colon is the end of a name broken off the line
# before (定安雷鸣镇梅种 / 村：清理房前屋后): a headline's "place：" head is never one character.
BROKEN_HEAD = re.compile(r"^[\u4e00-\u9fff][：:]")


# A couplet headline's halves (午休窗口不关门 / 便民服务暖人心) hold this many characters or more
# each; shorter halves are labels. Not fitted: the shortest couplets papers print are 4 + 4.
COUPLET_MIN_CHARS = 4


def couplet(upper: str, lower: str) -> bool:
    """Two display lines of one phrase each and the same length: the halves of a couplet
    headline (对仗). A kicker is a label much shorter or longer than its title: none of the
    fitting part's twelve kickers is as long as its title.

    >>> couplet("午休窗口不关门", "便民服务暖人心"), couplet("人大代表之家", "人大代表开展进站履职活动")
    (True, False)
    """
    n = _chars(upper)
    return (" " not in upper.strip() and " " not in lower.strip() and n >= COUPLET_MIN_CHARS
            and n == _chars(lower))


def _one_phrase(left: str, right: str) -> bool:
    """Two display lines that are one phrase broken in two: inside a word, a place or a quote.

    >>> _one_phrase("定安雷鸣镇梅种", "村：清理房前屋后"), _one_phrase("创城进行时", "铜川：庭院整治在行动")
    (True, False)
    """
    return _open_quote(left) or BROKEN_HEAD.match(right) is not None or splits_a_place(left, right) or (
        " " not in left and " " not in right and (splits_a_word(left, right) or splits_a_count(left, right)))


# What goes on after a number's digits: 500 / 余名志愿者, 35 / 座, 8 / 万多居民.
COUNT_GOES_ON = re.compile(r"^(?:余|多|万|亿|千|百|[个名家位人项座户所条台辆件场次届期批]|%|％)")


def splits_a_count(left: str, right: str) -> bool:
    """A number cut from what it counts at the line's end (宝鸡市陇县500 / 余名干部职工…).

    >>> splits_a_count("宝鸡市陇县500", "余名干部上街头"), splits_a_count("喜迎2025", "新春走基层")
    (True, False)
    """
    return left[-1:].isdigit() and COUNT_GOES_ON.match(right) is not None


def compose_headline(parts: list[tuple[Role, str]]) -> Headline | None:
    """Kicker, title and subtitle from a story's display lines in print order.

    >>> h = compose_headline([(Role.KICKER, "坚持发展第一要务"), (Role.TITLE, "开发区企业推动"),
    ...                       (Role.TITLE, "党的二十大精神落地见效")])
    >>> h.kicker, h.title
    ('坚持发展第一要务', '开发区企业推动党的二十大精神落地见效')
    >>> compose_headline([(Role.TITLE, "记者走边陲"), (Role.TITLE, "老乡话小康②"), (Role.TITLE, "村庄“管家”激活一个村")]).kicker
    '记者走边陲 老乡话小康②'
    >>> compose_headline([(Role.TITLE, "覆盖6万多群众！西"), (Role.SUBTITLE, "城展览路街道建成便民驿站")]).title
    '覆盖6万多群众！西城展览路街道建成便民驿站'
    >>> h = compose_headline([(Role.TITLE, "全市调度会议"), (Role.SUBTITLE, "强调：加快推进"), (Role.SUBTITLE, "项目建设")])
    >>> h.title, h.subtitle
    ('全市调度会议强调：加快推进项目建设', None)
    """
    by_role: dict[Role, list[str]] = {Role.KICKER: [], Role.TITLE: [], Role.SUBTITLE: []}
    for role, text in parts:
        if text.strip():
            by_role[role].append(text.strip())
    titles, series = split_series(by_role[Role.TITLE])
    kicker_lines = by_role[Role.KICKER]
    while kicker_lines and titles and (_one_phrase(kicker_lines[-1], titles[0]) or ends_open(kicker_lines[-1])):
        titles.insert(0, kicker_lines.pop())  # a title broken inside a word is no kicker
    if len(kicker_lines) == 1 and len(titles) == 1 and couplet(kicker_lines[0], titles[0]):
        titles.insert(0, kicker_lines.pop())  # the first half of a couplet title is no kicker
    kickers, subtitles = kicker_lines + ([series] if series else []), by_role[Role.SUBTITLE]
    if subtitles and titles and goes_on_before(subtitles[0]):
        titles, subtitles = titles + subtitles, []  # it goes on the title: all its lines do
    while subtitles and titles and _one_phrase(titles[-1], subtitles[0]):
        titles.append(subtitles.pop(0))  # nor is a title's second half broken inside a word
    if not titles:  # no line was read as the title: the kicker or subtitle stands in for it
        if kickers:
            titles, kickers = kickers, []
        elif subtitles:
            titles, subtitles = subtitles, []
        else:
            return None
    title = restore_lost_quotes_in_headline(join_display(merge_broken_lines(titles)))
    kicker = join_display(merge_broken_lines(kickers)) if kickers else None
    subtitle = join_display(merge_broken_lines(subtitles)) if subtitles else None
    return Headline(title=title, kicker=kicker, subtitle=subtitle, series=series)


def restore_lost_quotes_in_headline(text: str) -> str:
    """In a one-line headline, words that lost their quotes stand between spaces.

    A short word between two longer ones is quoted (打好 创文 攻坚战). Then, at the end: a short
    tail after a quoted term continues the title (村庄 管家 激活一个村); after a long phrase, the
    short last word itself was quoted (…大走访行动 力争首季 开门红).

    >>> restore_lost_quotes_in_headline("机制举措再完善再落实 开发区全力以赴打好 创文 攻坚战")
    '机制举措再完善再落实 开发区全力以赴打好“创文”攻坚战'
    >>> restore_lost_quotes_in_headline("村庄 管家 激活一个村")
    '村庄“管家”激活一个村'
    >>> restore_lost_quotes_in_headline("现代农业装备高新区开展企业大走访行动 力争首季 开门红")
    '现代农业装备高新区开展企业大走访行动 力争首季“开门红”'

    Phrases of one length side by side (排比) are a parallel headline, not a quoted word:

    >>> restore_lost_quotes_in_headline("一句叮嘱 一份牵挂 一片真情")
    '一句叮嘱 一份牵挂 一片真情'
    """
    tokens = text.split(" ")
    if len(tokens) < 3:
        return text
    if len({_chars(t) for t in tokens}) == 1 and _chars(tokens[0]) >= 3:
        return text  # phrases of one length side by side are a parallel headline, no quote
    if _chars(tokens[-1]) <= QUOTE_TAIL_MAX:  # the title's end first: it holds the quote most often
        if _chars(tokens[-3]) <= QUOTE_LEAD_MAX:
            tokens[-3:] = [tokens[-3] + "“" + tokens[-2] + "”" + tokens[-1]]
        elif _chars(tokens[-1]) <= 4:
            tokens[-2:] = [tokens[-2] + "“" + tokens[-1] + "”"]
    out = [tokens[0]]
    i = 1
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and _chars(tok) <= 4 and _chars(tok) < _chars(out[-1]) and _chars(tok) < _chars(nxt):
            out[-1] += "“" + tok + "”" + nxt
            i += 2
            continue
        out.append(tok)
        i += 1
    return " ".join(out)
