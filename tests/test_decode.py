"""decode.py: the encodings and line ends pages arrive in, and the files that are not pages."""

from __future__ import annotations

import codecs

import pytest
from civicnews.decode import DecodeError, decode_page

from .conftest import SEED_PAGES

SEED = sorted(SEED_PAGES.glob("*.txt"))[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
    pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
    pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="lone-cr"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode("gb18030"), id="gb18030-crlf"),
])
def test_seed_page_decodes_to_the_same_text(encode) -> None:
    assert decode_page(encode(SEED)) == SEED


def test_gbk_page_decodes() -> None:
    text = "现代农业装备高新区持续掀起创建热潮\n"
    assert decode_page(text.encode("gbk")) == text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty page (0 bytes)"),
    (b" \r\n\t\n", "empty page (whitespace only)"),
    ("\u3000\n".encode(), "empty page (whitespace only)"),
    (codecs.BOM_UTF8, "empty page (0 bytes)"),
    (b"%PDF-1.7\n\x00\x00\x01binary", "binary file, not text (contains NUL bytes)"),
])
def test_unusable_bytes_have_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_page(data)
    assert info.value.reason == reason


def test_control_characters_mean_binary() -> None:
    data = bytes(range(1, 32)) * 10 + "正文".encode()
    with pytest.raises(DecodeError, match="binary file"):
        decode_page(data)


def test_undecodable_bytes_say_which_encodings_were_tried() -> None:
    # 0x80 alone is not UTF-8, and 0xFF is never a GB18030 lead byte.
    with pytest.raises(DecodeError, match="not UTF-8 or GB18030"):
        decode_page(b"abc \xff\xff\xff\x80 def")


def test_a_few_tabs_and_form_feeds_are_still_text() -> None:
    assert decode_page("标题\t\f\n正文\n".encode()) == "标题\t\f\n正文\n"
