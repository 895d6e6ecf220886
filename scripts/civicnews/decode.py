"""Page bytes → page text: the encodings a PDF tool or an editor's Windows machine produce.

A page is UTF-8 (with or without BOM), GB18030 (which includes GBK and GB2312), Big5, or
UTF-16/UTF-32 (with a BOM, or without one when the text leaves no doubt). Anything else is
rejected with a reason an editor can act on, instead of being guessed at: a wrong guess would
publish mojibake under a permanent URL. Big5 bytes are also valid GB18030, so a legacy page
is read as Big5 only when its GB18030 reading looks like mojibake (MOJIBAKE_RARE_SHARE), and
refused when neither reading is plausible. Stray control characters (a ``\x08`` once took the
feed writer down) are removed here and named in a note for the report.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field

# A text page has almost no C0 control characters besides tab and line ends; a binary file
# (PDF, image, Word document) has many. 1% was chosen well above what the seed pages have (0)
# and well below what a PDF or PNG header gives (typically 10–30%).
MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\f\v")
# Every byte that is not such a control: what bytes.translate deletes to count the others.
_NOT_CONTROL = bytes(b for b in range(256)
                     if not ((b < 0x20 and b not in _ALLOWED_CONTROLS) or b == 0x7F))
_GB18030_BOM = b"\x84\x31\x95\x33"
# Controls no page text uses: C0 but tab and line ends (form feed is pdftotext's page break),
# DEL and the C1 range. Removed at decode and reported.
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Share of a legacy page's ideographs outside GB2312 above which its GB18030 reading is taken
# for mojibake. Real pages: 0 on the five seeds, at most 1.2 % on the 203 corpus articles (rare
# names); Big5 text read as GB18030: 48–60 % on the seeds converted to Big5. 10 % sits between.
MOJIBAKE_RARE_SHARE = 0.10
# Fewer ideographs than this say too little about an encoding to call it mojibake.
MOJIBAKE_MIN_CJK = 20
# Share of characters that must be ideographs, CJK punctuation, printable ASCII or whitespace
# for a BOM-less UTF-16/32 reading to be believed: random bytes read as UTF-16 give about a
# third of ideographs, text gives over 95 %.
PLAUSIBLE_TEXT_SHARE = 0.9
_PLAUSIBLE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\x20-\x7e\\s]")


class DecodeError(ValueError):
    """The bytes are not a usable page; ``reason`` says why in words for an editor."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def control_share(data: bytes) -> float:
    """The share of bytes that are control characters no text page uses.

    >>> control_share(b"ab\\ncd")
    0.0
    >>> control_share(b"\\x01\\x02ab")
    0.5
    """
    if not data:
        return 0.0
    # Counted in C: the bytes left after deleting all the others (a Python loop over a
    # page's bytes cost as much as the rest of the build's per-page bookkeeping).
    bad = len(data.translate(None, _NOT_CONTROL))
    return bad / len(data)


def reject_binary(data: bytes) -> None:
    """Raise DecodeError for bytes that are a binary file rather than text.

    >>> try: reject_binary(b"%PDF-1.7\\x00\\x01")
    ... except DecodeError as err: print(err.reason)
    binary file, not text (contains NUL bytes)
    """
    if b"\x00" in data:
        raise DecodeError("binary file, not text (contains NUL bytes)")
    share = control_share(data)
    if share > MAX_CONTROL_SHARE:
        raise DecodeError(f"binary file, not text ({share:.0%} control characters)")


def rare_share(text: str) -> float:
    """The share of a text's ideographs that GB2312 lacks: mojibake is full of them.

    >>> rare_share("永康市现代农业装备高新区"), round(rare_share("蔼穝比癬奸"), 1)
    (0.0, 0.4)
    """
    ideographs = _CJK.findall(text)
    if not ideographs:
        return 0.0
    rare = 0
    for char in ideographs:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare / len(ideographs)


def looks_like_mojibake(text: str) -> bool:
    """Whether a legacy-encoded page read this way is mojibake (see MOJIBAKE_RARE_SHARE)."""
    return (len(_CJK.findall(text)) >= MOJIBAKE_MIN_CJK
            and rare_share(text) > MOJIBAKE_RARE_SHARE)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """GB18030, else Big5 when the GB18030 reading is mojibake; (text, encoding name)."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        gb_error: UnicodeDecodeError | None = exc
        text = ""
    else:
        gb_error = None
        if not looks_like_mojibake(text):
            return text, "gb18030"
    for big5 in ("big5", "cp950"):  # cp950: Big5 with Microsoft's additions
        try:
            return data.decode(big5), "big5"
        except UnicodeDecodeError:
            continue
    if gb_error is not None:
        raise DecodeError(f"not UTF-8, GB18030/GBK or Big5 text (undecodable bytes at offset "
                          f"{gb_error.start})")
    raise DecodeError(f"looks like mojibake: {rare_share(text):.0%} of its characters are rare "
                      "when read as GBK, and it is not Big5; save the page as UTF-8")


def decode_bytes(data: bytes) -> str:
    """Strict UTF-8 (BOM allowed), then GB18030 or Big5; DecodeError when none fits.

    >>> decode_bytes("永康".encode("gb18030"))
    '永康'
    >>> decode_bytes(codecs.BOM_UTF8 + "永康".encode())
    '永康'
    """
    return _decode_bytes(data)[0]


def _decode_bytes(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith(_GB18030_BOM):
        data = data[len(_GB18030_BOM):]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode_wide(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 text: by its BOM (UTF-32's first, since it begins with UTF-16's), or
    without one when exactly one reading is plausible text. None when the bytes are not."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise DecodeError(f"broken {codec.upper()} text (starts with a "
                                  f"{codec.upper()} byte-order mark)") from None
    readings = []
    for codec in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text and len(_PLAUSIBLE.findall(text)) / len(text) >= PLAUSIBLE_TEXT_SHARE:
            readings.append((text, codec))
    return readings[0] if len(readings) == 1 else None


def normalize_newlines(text: str) -> str:
    r"""CRLF and lone CR (old Mac exports) become LF, so line numbers mean the same everywhere.

    >>> normalize_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_bom(text: str) -> str:
    """Drop a byte-order mark left at the start (or doubled by a careless re-save).

    >>> strip_bom("\\ufeff\\ufeff永康")
    '永康'
    """
    return text.lstrip("\ufeff")


def reject_empty(text: str) -> None:
    """Raise DecodeError for a page with nothing on it.

    >>> try: reject_empty(" \\n\\u3000\\n")
    ... except DecodeError as err: print(err.reason)
    empty page (whitespace only)
    """
    if not text.strip():
        raise DecodeError("empty page (whitespace only)" if text else "empty page (0 bytes)")


@dataclass
class Decoded:
    """A page's text and what decoding it changed or chose, for the editors' report."""

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def clean_controls(text: str) -> tuple[str, list[str]]:
    r"""The text without stray control characters, and a note naming those removed.

    >>> clean_controls("标题\x08正文\x08\x1b\t")
    ('标题正文\t', ['removed 3 control characters (U+0008 ×2, U+001B ×1)'])
    """
    found = Counter(_STRAY_CONTROLS.findall(text))
    if not found:
        return text, []
    listing = ", ".join(f"U+{ord(c):04X} ×{n}" for c, n in sorted(found.items()))
    return (_STRAY_CONTROLS.sub("", text),
            [f"removed {sum(found.values())} control characters ({listing})"])


def decode_page_report(data: bytes) -> Decoded:
    """Page file bytes → Decoded (LF line ends, no BOM, no stray controls), or DecodeError."""
    wide = _decode_wide(data) if b"\x00" in data[:4096] or data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    if wide is None:
        # Notepad's "Unicode" is UTF-16 and full of NULs: tried above, before this check.
        reject_binary(data)
        text, encoding = _decode_bytes(data)
    else:
        text, encoding = wide
    text, notes = clean_controls(normalize_newlines(strip_bom(text)))
    if encoding not in ("utf-8", "gb18030"):
        notes.insert(0, f"read as {encoding.upper().replace('-LE', '').replace('-BE', '')}")
    reject_empty(text)
    return Decoded(text, encoding, notes)


def decode_page(data: bytes) -> str:
    """Page file bytes → page text with LF line ends and no BOM, or DecodeError(reason).

    >>> decode_page(b"\\xef\\xbb\\xbf\\xe6\\xb0\\xb8\\r\\n")
    '永\\n'
    >>> try: decode_page(b"")
    ... except DecodeError as err: print(err.reason)
    empty page (0 bytes)
    """
    return decode_page_report(data).text
