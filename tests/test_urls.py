"""Issue 11: URLs never move silently. A renamed page keeps its ids, a vanished page stops the
build until its ids are retired, an undated page is a draft (no id minted, not published), and
a correction for an id nobody has is an error in the portal build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from civicnews.build import DRAFT_NOTE, run_batch
from civicnews.corrections import CorrectionsError
from civicnews.ids import LedgerError

PAGE = "000_6b38b89e44bd9a24.txt"


def build(pages: Path, tmp_path: Path, **kwargs: object):
    return run_batch([pages], tmp_path / "out", ledger=tmp_path / "ids.yml", **kwargs)


def ledger_entries(tmp_path: Path) -> dict:
    return yaml.safe_load((tmp_path / "ids.yml").read_text(encoding="utf-8"))["articles"]


def rename(pages: Path, old: str, new: str) -> None:
    (pages / old).rename(pages / new)
    manifest = pages / "pages.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_renamed_page_keeps_its_ids(pages_dir: Path, tmp_path: Path) -> None:
    before = build(pages_dir, tmp_path)
    ids = sorted(a.id for a in before.articles if a.source.file == PAGE)
    assert ids
    rename(pages_dir, PAGE, "renamed.txt")
    after = build(pages_dir, tmp_path)
    assert sorted(a.id for a in after.articles if a.source.file == "renamed.txt") == ids
    assert sorted(a.id for a in after.articles) == sorted(a.id for a in before.articles)
    entries = ledger_entries(tmp_path)
    assert {entries[i]["source"] for i in ids} == {"renamed.txt"}
    assert any("renamed page renamed.txt" in w for w in after.warnings)


def test_a_deleted_page_stops_the_build_until_its_ids_are_retired(pages_dir: Path,
                                                                  tmp_path: Path) -> None:
    before = build(pages_dir, tmp_path)
    gone = sorted(a.id for a in before.articles if a.source.file == PAGE)
    (pages_dir / PAGE).unlink()
    ledger_before = (tmp_path / "ids.yml").read_bytes()
    with pytest.raises(LedgerError) as caught:
        build(pages_dir, tmp_path)
    assert all(i in str(caught.value) for i in gone)
    assert (tmp_path / "ids.yml").read_bytes() == ledger_before
    assert {p.stem for p in (tmp_path / "out" / "articles").glob("*.md")} >= set(gone)
    data = yaml.safe_load(ledger_before)
    for article_id in gone:
        data["articles"][article_id].update(retired=True, reason="page withdrawn")
    (tmp_path / "ids.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    after = build(pages_dir, tmp_path)
    assert not set(gone) & {a.id for a in after.articles}


def test_a_page_not_in_pages_yml_is_a_draft_with_no_id(pages_dir: Path, tmp_path: Path) -> None:
    (pages_dir / "new.txt").write_bytes((pages_dir / PAGE).read_bytes())
    result = build(pages_dir, tmp_path)
    assert f"new.txt: {DRAFT_NOTE}" in result.attention
    assert not [a for a in result.articles if a.source.file == "new.txt"]
    assert "new.txt" not in {e["source"] for e in ledger_entries(tmp_path).values()}
    assert not [p for p in (tmp_path / "out" / "articles").glob("*.md") if "nodate" in p.name]
    report = {p["file"]: p for p in result.report["pages"]}
    assert report["new.txt"]["articles"]  # extracted and shown to the editor


def test_a_manifest_line_without_its_file_is_reported(pages_dir: Path, tmp_path: Path) -> None:
    manifest = pages_dir / "pages.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8")
                        + "missing.txt: {date: 2023-01-01}\n", encoding="utf-8")
    result = build(pages_dir, tmp_path)
    assert any("lists missing.txt, but there is no such page file" in m
               for m in result.attention)


def test_a_misspelt_correction_id_is_an_error_in_the_portal_build(pages_dir: Path,
                                                                  tmp_path: Path) -> None:
    build(pages_dir, tmp_path)
    corrections = tmp_path / "corrections.yml"
    corrections.write_text("2023-04-03-a21de8cd-99: {hide: true}\n", encoding="utf-8")
    relaxed = build(pages_dir, tmp_path, corrections=corrections)  # `civicnews extract`: warns
    assert any("2023-04-03-a21de8cd-99" in w for w in relaxed.warnings)
    with pytest.raises(CorrectionsError, match="2023-04-03-a21de8cd-99"):
        build(pages_dir, tmp_path, corrections=corrections, strict=True)
