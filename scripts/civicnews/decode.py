"""Page bytes → page text: the encodings a PDF tool or an editor's Windows machine produce.

A page is UTF-8 (with or without BOM) or GB18030 (which includes GBK and GB2312). Anything
else is rejected with a reason an editor can act on, instead of being guessed at: a wrong
guess would publish mojibake under a permanent URL.
"""

from __future__ import annotations

import codecs

# A text page has almost no C0 control characters besides tab and line ends; a binary file
# (PDF, image, Word document) has many. 1% was chosen well above what the seed pages have (0)
# and well below what a PDF or PNG header gives (typically 10–30%).
MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\f\v")
_GB18030_BOM = b"\x84\x31\x95\x33"


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
    bad = sum(1 for b in data if (b < 0x20 and b not in _ALLOWED_CONTROLS) or b == 0x7F)
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


def decode_bytes(data: bytes) -> str:
    """Strict UTF-8 (BOM allowed), then strict GB18030; DecodeError when neither fits.

    >>> decode_bytes("永康".encode("gb18030"))
    '永康'
    >>> decode_bytes(codecs.BOM_UTF8 + "永康".encode())
    '永康'
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith(_GB18030_BOM):
        data = data[len(_GB18030_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not UTF-8 or GB18030/GBK text (undecodable bytes at offset {exc.start})"
        ) from None


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


def decode_page(data: bytes) -> str:
    """Page file bytes → page text with LF line ends and no BOM, or DecodeError(reason).

    >>> decode_page(b"\\xef\\xbb\\xbf\\xe6\\xb0\\xb8\\r\\n")
    '永\\n'
    >>> try: decode_page(b"")
    ... except DecodeError as err: print(err.reason)
    empty page (0 bytes)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode" is UTF-16 with a BOM; it is full of NULs, so decode it before the
        # binary check would reject it.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError("broken UTF-16 text (starts with a UTF-16 BOM)") from None
    else:
        reject_binary(data)
        text = decode_bytes(data)
    text = normalize_newlines(strip_bom(text))
    reject_empty(text)
    return text
