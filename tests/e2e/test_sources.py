"""Issue 11: a page text under /sources/ reads right in chromium whatever its encoding, from a
server that sends no charset (GBK pages were served raw, UTF-8 ones were guessed at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from civicnews.site import hooks
from serving import serve_site

TEXT = "永康市现代农业装备高新区持续掀起文明创建热潮\n“开门红”——记者 郑旭华\n"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "big5"])
def test_a_source_text_reads_right_in_chromium(browser: object, tmp_path: Path,
                                               encoding: str) -> None:
    text = TEXT if encoding != "big5" else "臺灣新聞報導：市政府今日宣布將於明年推動多項建設計畫包括道路學校與公園\n"
    page_file = tmp_path / "page.txt"
    page_file.write_bytes(text.encode(encoding))
    site = tmp_path / "site"
    (site / "sources").mkdir(parents=True)
    served = hooks._source_text(page_file)
    assert served is not None
    (site / "sources" / "page.txt").write_bytes(served)
    with serve_site(site) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "sources/page.txt")
        shown = page.inner_text("body")
        page.close()
    assert shown.strip() == text.strip()
