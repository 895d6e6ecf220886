"""Issue 11: nothing outside the pages folder is read, no id leaves the output folder, editor
files cannot blow up, and bad names or files are reported instead of skipped or crashed on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from civicnews.build import discover, run_batch

SECRET = "deploy-token-秘密"


def _page_folder(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ok.txt").write_text("正文", encoding="utf-8")
    return pages


def test_a_symlink_to_a_secret_is_refused_not_published(tmp_path: Path) -> None:
    pages = _page_folder(tmp_path)
    secret = tmp_path / "config"
    secret.write_text(SECRET, encoding="utf-8")
    (pages / "x.txt").symlink_to(secret)
    paths, failures = discover([pages])
    assert [p.name for p in paths] == ["ok.txt"]
    assert [Path(f.file).name for f in failures] == ["x.txt"]
    assert "symbolic link" in failures[0].reason


def test_broken_links_fifos_and_dot_files_are_reported(tmp_path: Path) -> None:
    pages = _page_folder(tmp_path)
    (pages / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(pages / "pipe.txt")
    (pages / ".draft.txt").write_text("正文", encoding="utf-8")
    paths, failures = discover([pages])
    assert [p.name for p in paths] == ["ok.txt"]
    reasons = {Path(f.file).name: f.reason for f in failures}
    assert reasons.keys() == {"gone.txt", "pipe.txt", ".draft.txt"}
    assert reasons["gone.txt"].startswith("broken symbolic link")
    assert reasons["pipe.txt"].startswith("not a regular file")
    assert reasons[".draft.txt"].startswith("hidden file")


def test_a_symlinked_page_never_reaches_the_output(pages_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text((pages_dir / "000_6b38b89e44bd9a24.txt").read_text(encoding="utf-8")
                      + SECRET, encoding="utf-8")
    (pages_dir / "zz_link.txt").symlink_to(secret)
    out = tmp_path / "out"
    result = run_batch([pages_dir], out)
    assert any(Path(f.file).name == "zz_link.txt" for f in result.failures)
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_a_file_name_that_is_not_utf8_is_a_failure_not_a_traceback(pages_dir: Path,
                                                                    tmp_path: Path) -> None:
    bad = os.fsencode(pages_dir) + b"/\xff\xfe.txt"
    with open(bad, "wb") as handle:
        handle.write((pages_dir / "000_6b38b89e44bd9a24.txt").read_bytes())
    out = tmp_path / "out"
    result = run_batch([pages_dir], out)
    assert [f.reason for f in result.failures] == [
        "file name is not valid UTF-8: not read; rename the file"]
    assert "\\xff" in result.failures[0].file
    assert (out / "report.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("given", ["fifo", "link"])
def test_a_named_input_that_is_not_a_regular_file_is_refused(tmp_path: Path, given: str) -> None:
    target = tmp_path / "p.txt"
    if given == "fifo":
        os.mkfifo(target)
    else:
        (tmp_path / "real.txt").write_text("正文", encoding="utf-8")
        target.symlink_to(tmp_path / "real.txt")
    paths, failures = discover([target])
    assert paths == [] and failures[0].reason == "not a regular file: not read"


def _ledger_with(tmp_path: Path, key: str) -> Path:
    ledger = tmp_path / "ids.yml"
    ledger.write_text(f"version: 1\narticles:\n  {key}:\n    source: p.txt\n    head: 正文\n",
                      encoding="utf-8")
    return ledger


@pytest.mark.parametrize("key", ["../../../evil", "'/tmp/evil'", "A-Upper"])
def test_a_ledger_id_that_is_not_an_id_is_refused(tmp_path: Path, key: str) -> None:
    from civicnews.ids import Ledger, LedgerError

    with pytest.raises(LedgerError, match="bad id"):
        Ledger.load(_ledger_with(tmp_path, key))


def test_a_misspelt_ledger_top_level_key_is_an_error(tmp_path: Path) -> None:
    from civicnews.ids import Ledger, LedgerError

    ledger = tmp_path / "ids.yml"
    ledger.write_text("version: 1\nArticles:\n  x-1: {source: p.txt, head: 正文}\n",
                      encoding="utf-8")
    with pytest.raises(LedgerError, match="unknown top-level key 'Articles'"):
        Ledger.load(ledger)




@pytest.mark.parametrize("name", ["corrections", "ids", "pages"])
def test_yaml_aliases_and_custom_tags_are_refused_in_editor_files(tmp_path: Path,
                                                                  name: str) -> None:
    from civicnews.corrections import CorrectionsError, load_corrections
    from civicnews.ids import Ledger, LedgerError
    from civicnews.manifest import ManifestError, load_manifest

    bombs = {
        "corrections": (f"2023-04-03-a-1:\n  title: &t {'长' * 2000}\n  subtitle: *t\n",
                        "x-1:\n  title: !foo 标题\n"),
        "ids": ("version: 1\narticles:\n  a-1: &e {source: p.txt, head: 正文}\n  a-2: *e\n",
                "version: 1\narticles:\n  a-1: !foo {source: p.txt}\n"),
        "pages": ("p.txt: &e {date: 2023-04-03}\nq.txt: *e\n", "p.txt: {date: !foo 2023-04-03}\n"),
    }[name]
    for text, expected in zip(bombs, ("YAML alias", "tag '!foo'"), strict=True):
        folder = tmp_path / expected.split()[0].strip("'")
        folder.mkdir()
        path = folder / ("pages.yml" if name == "pages" else f"{name}.yml")
        path.write_text(text, encoding="utf-8")
        with pytest.raises((CorrectionsError, LedgerError, ManifestError)) as caught:
            {"corrections": load_corrections, "ids": Ledger.load,
             "pages": lambda p: load_manifest(p.parent)}[name](path)
        assert expected in str(caught.value) and str(path) in str(caught.value)


def test_an_article_id_is_checked_where_it_becomes_a_path() -> None:
    from civicnews.build import _safe_id
    from civicnews.ids import LedgerError

    with pytest.raises(LedgerError):
        _safe_id("../../evil")
    assert _safe_id("2023-04-03-a21de8cd-1") == "2023-04-03-a21de8cd-1"
