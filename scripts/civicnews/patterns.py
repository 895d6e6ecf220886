"""Character classes and regular expressions shared by the text stages, each with why it exists."""

from __future__ import annotations

import re
from functools import lru_cache

# CJK ideographs (and compatibility ideographs): what score.py counts as text.
CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
# Everything but CJK: removing it leaves a text's CJK characters in one C call.
_NON_CJK = re.compile(f"[^{CJK}]+")


# The stages ask again for lines they already counted (the features' length, then every
# headline-shape test of the assembly): a page's worth of lines kept.
@lru_cache(maxsize=2048)
def cjk_count(text: str) -> int:
    """How many CJK characters a text has: ``len(CJK_CHAR.findall(text))`` without a string
    for each character (the findall was the costliest part of the title-shape tests).

    >>> cjk_count("3月25日，现代农业")
    6
    """
    return len(_NON_CJK.sub("", text))


# Full-width punctuation that may sit between CJK characters; letter-spacing spreads it too.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—·～"

# Where a sentence can end: a column line ending like this may be a paragraph's last line.
SENTENCE_END = "。！？…"
# Closing marks that may follow a sentence end (。” or ！）).
CLOSERS = "”’」』）》】"
# A line ending with one of these is mid-sentence: the paragraph surely continues.
CONTINUES = "，、；：,;:（《“‘"

# Half-width marks a PDF tool leaves in Chinese text, and their full-width forms.
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

# A continuation marker cut into the text: (下转2版), （转第3版）, (上接1版).
CONTINUATION = re.compile(r"[（(]\s*(下转|转|上接|接)\s*(第?\s*[0-9一二三四五六七八九十A-Z]{1,3}\s*版)\s*[）)]")

# Series labels carry a circled number or 之一-style counter (记者走边陲 老乡话小康②).
SERIES = re.compile(r"[①-⑳]|之[一二三四五六七八九十]+$|系列报道")

# Event dates: 3月25日, 2019年3月, 10月9日下午, 18日晚18时.
EVENT_DATE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午|夜间|初|中旬|下旬|上旬)?"
    r"(?:\d{1,2}时(?:\d{1,2}分)?)?"
)

# Punctuation inside a line that display text (titles, subheads, labels) does not carry.
SENTENCE_PUNCT = re.compile("[，。；！？]")
CLAUSE_PUNCT = re.compile("[，。、；：！？]")
LABEL_PUNCT = re.compile("[，、：]")

# Radicals some PDF tools (pdfminer) print for common characters, mapped back to the ideographs:
# the CJK Radicals Supplement has no NFKC mapping; the Kangxi radicals (⼯ ⼈ ⽂) fold by NFKC.
RADICAL_IDEOGRAPHS = str.maketrans({
    "⺟": "母", "⺠": "民", "⻄": "西", "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝", "⻋": "车",
    "⻐": "钅", "⻓": "长", "⻔": "门", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞",
    "⻝": "食", "⻢": "马", "⻥": "鱼", "⻦": "鸟", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿",
    "⻰": "龙", "⻳": "龟", "⼾": "户",
})
KANGXI_RADICAL = re.compile("[\u2f00-\u2fd5]")
