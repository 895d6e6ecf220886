"""manifest.py: pages.yml into PageInfo; missing data stays missing, bad data names its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from civicnews.manifest import ManifestError, load_manifest, page_info

from .conftest import SEED_PAGES


def test_seed_manifest_covers_every_seed_page() -> None:
    entries = load_manifest(SEED_PAGES)
    for page in SEED_PAGES.glob("*.txt"):
        info = entries[page.name]
        assert info.file == page.name
        assert info.publication and info.date and info.date_estimated is True


def test_missing_manifest_gives_empty_fields(tmp_path: Path) -> None:
    page = tmp_path / "x.txt"
    page.write_text("正文", encoding="utf-8")
    info = page_info(page)
    assert (info.file, info.publication, info.date, info.page) == ("x.txt", None, None, None)


def test_missing_entry_gives_empty_fields(tmp_path: Path) -> None:
    (tmp_path / "pages.yml").write_text("other.txt: {publication: 永康日报}\n", encoding="utf-8")
    assert page_info(tmp_path / "x.txt").publication is None
    assert page_info(tmp_path / "other.txt").publication == "永康日报"


def test_null_entry_is_allowed(tmp_path: Path) -> None:
    (tmp_path / "pages.yml").write_text("x.txt:\n", encoding="utf-8")
    assert page_info(tmp_path / "x.txt").date is None


@pytest.mark.parametrize("text, line, words", [
    ("a.txt: {publication: 永康日报}\nb.txt: {date: [unclosed\n", 3, "started on line 2"),
    ("a.txt: {publication: 永康日报}\n\nb.txt: {dat: 2023-01-01}\n", 3, "unknown key 'dat'"),
    ("a.txt: {date: 2023-13-01}\n", 1, "not a date"),
    ("a.txt: {date: 03/04/2023}\n", 1, "not a date"),
    ("a.txt: {estimated: maybe}\n", 1, "estimated must be true or false"),
    ("a.txt: [1, 2]\n", 1, "must be a mapping"),
    ("- a.txt\n", 1, "expected a mapping"),
    ("a.txt: {}\na.txt: {}\n", 2, "listed twice"),
])
def test_malformed_manifest_names_file_and_line(tmp_path: Path, text: str, line: int,
                                                words: str) -> None:
    (tmp_path / "pages.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        load_manifest(tmp_path)
    message = str(info.value)
    assert f"pages.yml:{line}:" in message
    assert words in message


def test_manifest_in_gbk_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "pages.yml").write_bytes("a.txt: {publication: 永康日报}\n".encode("gbk"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        load_manifest(tmp_path)


def test_entries_hold_the_values_yaml_safe_load_reads(tmp_path: Path) -> None:
    import yaml
    text = ("a.txt: {publication: 永康日报, date: 2023-04-03, page: 3, estimated: true}\n"
            "b.txt: {publication: '123', date: '2020-09-16', page: '3A', estimated: false}\n"
            "c.txt: {publication: \"金华日报\", page: 0x10}\n"
            "d.txt:\n  publication: >-\n    武义\n    新闻\n  page: ~\n")
    (tmp_path / "pages.yml").write_text(text, encoding="utf-8")
    entries = load_manifest(tmp_path)
    for name, raw in yaml.safe_load(text).items():
        info = entries[name]
        assert info.publication == raw.get("publication")
        assert info.page == raw.get("page")
        assert info.date == (str(raw["date"]) if "date" in raw else None)
        assert info.date_estimated == raw.get("estimated", False)


def test_manifests_through_the_memo_are_those_parsed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from civicnews import manifest

    a, b, none = tmp_path / "a", tmp_path / "b", tmp_path / "none"
    for folder in (a, b, none):
        folder.mkdir()
    (a / "pages.yml").write_text("p.txt: {publication: 永康日报, date: 2023-04-03}\n",
                                 encoding="utf-8")
    (b / "pages.yml").write_text("q.txt: {page: 3}\n", encoding="utf-8")
    memo = tmp_path / "cache" / "manifests.pickle"
    fresh = {d: load_manifest(d) for d in (a, b, none)}
    assert manifest.load_manifests([a, b, a, none], memo) == fresh
    assert memo.is_file()

    parsed: list[Path] = []
    real = manifest._parse_bytes
    monkeypatch.setattr(manifest, "_parse_bytes",
                        lambda data, path: parsed.append(path) or real(data, path))
    assert manifest.load_manifests([a, b, none], memo) == fresh
    assert parsed == []  # all from the memo
    (b / "pages.yml").write_text("q.txt: {page: 4}\n", encoding="utf-8")
    again = manifest.load_manifests([a, b, none], memo)
    assert parsed == [b / "pages.yml"] and again[b] == load_manifest(b) != fresh[b]
    assert again[a] == fresh[a]
    memo.write_bytes(b"not a pickle")  # an unreadable memo only costs time
    assert manifest.load_manifests([a, b], memo) == {a: fresh[a], b: again[b]}
    (a / "pages.yml").write_text("p.txt: {dat: 2023-04-03}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="unknown key 'dat'"):
        manifest.load_manifests([a, b], memo)
