"""decode.py: the encodings and line ends pages arrive in, and the files that are not pages."""

from __future__ import annotations

import codecs

import pytest
from civicnews.decode import DecodeError, decode_page
from hypothesis import given
from hypothesis import strategies as st

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
    with pytest.raises(DecodeError, match="not UTF-8, GB18030/GBK or Big5"):
        decode_page(b"abc \xff\xff\xff\x80 def")


def test_a_few_tabs_and_form_feeds_are_still_text() -> None:
    assert decode_page("标题\t\f\n正文\n".encode()) == "标题\t\f\n正文\n"


TRADITIONAL = ("臺灣新聞報導：市政府今日宣布，將於明年推動多項建設計畫，包括道路、學校與公園的"
               "整體改善工程。民眾對此表示歡迎，認為這將大幅提升生活品質。\n")


def test_big5_is_read_as_big5_not_as_gbk_mojibake() -> None:
    from civicnews.decode import decode_page_report, looks_like_mojibake

    data = TRADITIONAL.encode("big5")
    assert looks_like_mojibake(data.decode("gb18030"))  # what used to be published
    decoded = decode_page_report(data)
    assert decoded.text == TRADITIONAL and decoded.encoding == "big5"
    assert decoded.notes == ["read as BIG5"]


def test_gbk_that_reads_as_mojibake_and_is_not_big5_is_refused() -> None:
    rare = "丂丄丅丆丏丒丗丟丠両丣並丩丮丯丱丳丵丷丼乀乁乂乄乆乊乑乕乗乚乛乢乣乤乥乧乨乪"
    with pytest.raises(DecodeError, match="looks like mojibake"):
        decode_page((rare * 3 + "\n").encode("gbk"))


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be", "utf-16-le",
                                   "utf-16-be"])
def test_utf32_and_bomless_utf16_are_read_without_nuls(codec: str) -> None:
    assert decode_page(SEED.encode(codec)) == SEED


def test_control_characters_are_removed_and_reported() -> None:
    from civicnews.decode import decode_page_report

    decoded = decode_page_report(("标题\x08\n正文\x1b内容\x85\n" + SEED).encode())
    assert decoded.text == "标题\n正文内容\n" + SEED
    assert decoded.notes == ["removed 3 control characters (U+0008 ×1, U+001B ×1, U+0085 ×1)"]


def test_a_control_character_in_a_page_is_noted_in_the_build(pages_dir, tmp_path) -> None:
    from civicnews.build import run_batch

    page = pages_dir / "000_6b38b89e44bd9a24.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("。", "。\x08", 3),
                    encoding="utf-8")
    result = run_batch([pages_dir], tmp_path / "out")
    assert any(w.startswith(f"{page.name}: removed 3 control characters")
               for w in result.warnings)
    for path in (tmp_path / "out" / "articles").glob("*.md"):
        assert "\x08" not in path.read_text(encoding="utf-8")


@given(st.binary(max_size=300))
def test_control_share_counts_the_controls_no_text_uses(data: bytes) -> None:
    from civicnews.decode import control_share
    bad = sum(1 for b in data if (b < 0x20 and b not in b"\t\n\r\f\v") or b == 0x7F)
    assert control_share(data) == (bad / len(data) if data else 0.0)
