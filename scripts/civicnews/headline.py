"""Split a story's display lines into series label, kicker (引题), title (主题) and subtitle (副题).

Layout evidence only: in a column page the main title is set in the biggest type, so its lines
hold the fewest characters; a kicker or subtitle set smaller fits more on one line. On one-line
headlines, a kicker is the phrase (pair) before the title.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .patterns import CJK_CHAR, SERIES

# A line this many times longer than the median of the other display lines is set in smaller
# type: a kicker above the title or a subtitle below it. Set on the seeds, where kicker and
# subtitle lines run 1.5–2.5× the title lines and title lines vary by up to 1.4×.
LONG_LINE_RATIO = 1.45
# ... and at least this many characters longer (2- to 5-character display lines are one title:
# 突破/迎发展, 村庄/管家/激活一个村).
LONG_LINE_MIN_EXTRA = 4
# A first line this short is a name that begins the title, not a kicker (奥度公司 / “破冰出海”收获丰).
KICKER_MIN_CHARS = 6
# Under a first line this many times longer, a short second line goes on with its clause
# (现代农业装备高新区开展企业大走访行动 / 力争首季“开门红”); a kicker is not longer than its title.
CONTINUATION_RATIO = 1.5
# A series label broken over two lines has a first part at most this long (记者走边陲).
SERIES_PART_MAX = 8
# Two short lines of (nearly) equal length are one title in parallel phrases
# (多领域全面发动 / 数智通跟踪整治); kickers and titles of that size differ in length.
PARALLEL_MAX_CHARS = 8
# Phrases this short set side by side are the main title in display type (突破迎发展 整合谋未来);
# a kicker's phrases run longer (互看互学互比 勇当排头兵, 誓师大会再动员再部署 …).
DISPLAY_PHRASE_MAX_CHARS = 5
# A title's tail after a quoted term is short (攻坚战, 新热潮, 激活一个村) ...
QUOTE_TAIL_MAX = 5
# ... and the words before the quoted term run at most this long (开发区全力以赴打好); a longer
# run is a phrase of its own, and then the last word was the quoted one.
QUOTE_LEAD_MAX = 9
# Photo labels printed under a headline: a run of at least this many lines ...
CAPTION_RUN_MIN = 3
# ... each at most this long.
CAPTION_MAX_CHARS = 6


@dataclass
class HeadlineParts:
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    series: str | None = None
    captions: tuple[str, ...] = ()


def _chars(text: str) -> int:
    return len(text.replace(" ", ""))


def join_display(parts: list[str]) -> str:
    """Join headline lines: parallel phrases of equal length get a space, a broken clause none.

    >>> join_display(["多领域全面发动", "数智通跟踪整治"])
    '多领域全面发动 数智通跟踪整治'
    >>> join_display(["开发区企业推动", "党的二十大精神落地见效"])
    '开发区企业推动党的二十大精神落地见效'
    """
    out = parts[0] if parts else ""
    for prev, part in zip(parts, parts[1:], strict=False):
        parallel = _chars(prev) == _chars(part) and _chars(part) >= 4
        out += (" " if parallel else "") + part
    return out


def split_caption_tail(texts: list[str]) -> tuple[list[str], list[str]]:
    """Photo labels printed right under a headline: a tail run of very short lines.

    >>> split_caption_tail(["开发区全力以赴打好创文攻坚战", "誓师大会", "店招自拆", "检查市场"])
    (['开发区全力以赴打好创文攻坚战'], ['誓师大会', '店招自拆', '检查市场'])
    """
    k = len(texts)
    while k > 0 and _chars(texts[k - 1]) <= CAPTION_MAX_CHARS and " " not in texts[k - 1]:
        k -= 1
    tail = texts[k:]
    # two labels suffice under a kicker-and-title stack (two lines, or two phrases in one)
    stacked = k >= 2 or (k == 1 and len(texts[0].split(" ")) >= 2)
    enough = CAPTION_RUN_MIN - 1 if stacked else CAPTION_RUN_MIN
    if len(tail) >= enough and k > 0 and max(_chars(t) for t in texts[:k]) >= 2 * max(_chars(t) for t in tail):
        return texts[:k], tail
    return texts, []


def _parallel(phrases: list[str]) -> bool:
    """Short phrases of (nearly) equal length set side by side: one title (多领域全面发动 数智通跟踪整治)."""
    lengths = [_chars(p) for p in phrases]
    return max(lengths) <= PARALLEL_MAX_CHARS and max(lengths) - min(lengths) <= 1


def _twin_phrases(phrases: list[str]) -> bool:
    """Two short phrases of exactly equal length: a title's couplet (多领域全面发动 数智通跟踪整治);
    a kicker's two phrases differ (互看互学互比 勇当排头兵)."""
    return len(phrases) == 2 and _chars(phrases[0]) == _chars(phrases[1]) <= PARALLEL_MAX_CHARS


def _display_phrases(phrases: list[str]) -> bool:
    """Phrases short enough to be a main title in display type (突破迎发展 整合谋未来)."""
    return max(_chars(p) for p in phrases) <= DISPLAY_PHRASE_MAX_CHARS


def split_trailing_subhead(texts: list[str]) -> tuple[list[str], str | None]:
    """A title printed after its body may be followed by the next section's subhead: a last
    line shaped differently (two phrases with a space) from the title lines before it.

    >>> split_trailing_subhead(["开展企业大走访行动", "力争首季“开门红”", "制定细则 精准部署压责任"])
    (['开展企业大走访行动', '力争首季“开门红”'], '制定细则 精准部署压责任')
    """
    if len(texts) >= 2 and " " in texts[-1] and not any(" " in t for t in texts[:-1]):
        return texts[:-1], texts[-1]
    return texts, None


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    """jieba's word segmenter, loaded once and quietly (its dictionary takes ~1.5 s)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut


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


def splits_a_place(left: str, right: str) -> bool:
    """True when a line break falls inside a place name (现代农业装备 / 高新区开展…).

    >>> splits_a_place("现代农业装备", "高新区开展企业大走访行动")
    True
    """
    for name in _place_spellings():
        for k in range(1, len(name)):
            if left.endswith(name[:k]) and right.startswith(name[k:]):
                return True
    return False


def merge_broken_lines(texts: list[str]) -> list[str]:
    """Rejoin display lines the PDF tool broke inside a word.

    >>> merge_broken_lines(["拉近与群众距离", "姜家山拆除政府大", "院围墙受好评"])
    ['拉近与群众距离', '姜家山拆除政府大院围墙受好评']
    """
    out: list[str] = []
    for text in texts:
        # a line holding two phrases (word space) is a finished unit, not half of one
        if out and (_open_quote(out[-1]) or splits_a_place(out[-1], text)
                    or (" " not in out[-1] and " " not in text and splits_a_word(out[-1], text))):
            out[-1] += text
        else:
            out.append(text)
    return out


def all_labels(texts: list[str]) -> bool:
    """Display lines that are all photo labels: two or more, each very short, no phrases.

    >>> all_labels(["修补倒塌围墙", "补植绿化"])
    True
    """
    return len(texts) >= CAPTION_RUN_MIN - 1 and all(_chars(t) <= CAPTION_MAX_CHARS and " " not in t for t in texts)


def split_headline(texts: list[str], allow_captions: bool = True, doubled: frozenset[str] = frozenset()) -> HeadlineParts:
    """Assign display lines to series, kicker, title and subtitle.

    >>> split_headline(["坚持发展第一要务 推动经济高质量发展", "开发区企业推动", "党的二十大精神落地见效"]).kicker
    '坚持发展第一要务 推动经济高质量发展'
    >>> lines = ["多领域全面发动", "数智通跟踪整治", "现代农业装备高新区持续掀起创建热潮"]
    >>> split_headline(lines, doubled=frozenset(lines)).subtitle
    '现代农业装备高新区持续掀起创建热潮'
    >>> split_headline(["互看互学互比", "勇当排头兵", "柯城再掀“六抓六比·八大竞赛”新热潮"]).kicker
    '互看互学互比勇当排头兵'
    >>> split_headline(["奥度公司", "“破冰出海”收获丰"]).title
    '奥度公司“破冰出海”收获丰'
    """
    texts = [t.strip() for t in texts if t.strip()]
    captions: list[str] = []
    if allow_captions:
        texts, captions = split_caption_tail(texts)
    texts = merge_broken_lines(texts)
    texts, series = split_series(texts)
    parts = HeadlineParts(title="", series=series, captions=tuple(captions))
    _assign_parts(parts, texts, doubled)
    if parts.kicker is None and parts.series:
        parts.kicker = parts.series  # a series label stands where the kicker goes
    return parts


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


def _assign_parts(parts: HeadlineParts, texts: list[str], doubled: frozenset[str]) -> None:
    """Fill kicker, title and subtitle from the display lines left after series and captions."""
    if len(texts) == 1:
        phrases = restore_lost_quotes_in_headline(texts[0]).split(" ")
        if len(phrases) >= 3 and _display_phrases(phrases[:-1]):
            # 突破迎发展 整合谋未来 开发区全力推进…: short display phrases, then a subtitle
            parts.title, parts.subtitle = " ".join(phrases[:-1]), phrases[-1]
        elif len(phrases) == 2 and _chars(phrases[0]) >= CONTINUATION_RATIO * _chars(phrases[1]):
            parts.title = " ".join(phrases)  # a long clause and a short one: one title
        elif len(phrases) >= 2 and not _parallel(phrases):
            # 管理像绣花一样精细 “一周一路”撑起开发区“高颜值”: kicker, then title
            parts.kicker, parts.title = " ".join(phrases[:-1]), phrases[-1]
        else:
            parts.title = " ".join(phrases)
        return
    if len(texts) == 2:
        first, second = _chars(texts[0]), _chars(texts[1])
        if " " in texts[0] and (_display_phrases(texts[0].split(" ")) or _twin_phrases(texts[0].split(" "))):
            parts.title, parts.subtitle = texts  # a title in twin phrases, then its subtitle
        elif first < KICKER_MIN_CHARS or _parallel(texts) or first >= CONTINUATION_RATIO * second:
            # a name starting the title, parallel phrases, or a clause going on under a long line
            parts.title = join_display(texts)
        else:
            parts.kicker, parts.title = texts
        return
    lengths = [_chars(t) for t in texts]
    if lengths[0] >= CONTINUATION_RATIO * sum(lengths[1:]):
        parts.title = join_display(texts)  # short lines going on under a long first line
        return
    others = [statistics.median(lengths[:i] + lengths[i + 1 :]) for i in range(len(texts))]
    long = [
        lengths[i] >= LONG_LINE_RATIO * others[i] and lengths[i] - others[i] >= LONG_LINE_MIN_EXTRA
        for i in range(len(texts))
    ]
    if all(long) or not any(long):
        parts.title = join_display(texts)
        return
    first = long.index(False)
    end = first
    while end < len(texts) and not long[end]:
        end += 1
    short_run = texts[first:end]
    # printed twice = display type, but only telling when not every line was
    display = any(t in doubled for t in short_run) and not all(t in doubled for t in texts)
    if first == 0 and not _display_phrases(short_run) and not display and not _twin_phrases(short_run):
        # short lines of phrase length, not display type: a kicker broken over lines
        long_end = end
        while long_end < len(texts) and long[long_end]:
            long_end += 1
        parts.kicker = join_display(short_run)
        parts.title = join_display(texts[end:long_end])
        parts.subtitle = join_display(texts[long_end:]) or None
        return
    parts.kicker = join_display(texts[:first]) or None
    parts.title = join_display(short_run)
    parts.subtitle = join_display(texts[end:]) or None


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
    """
    tokens = text.split(" ")
    if len(tokens) < 3:
        return text
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
