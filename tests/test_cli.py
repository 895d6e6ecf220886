"""cli.py: the civicnews command's defaults, messages, exit codes and determinism."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from civicnews import cli

from .conftest import ROOT, SEED_PAGES


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project: articles/pages/ with the seeds, as the current directory."""
    shutil.copytree(SEED_PAGES, tmp_path / "articles" / "pages",
                    ignore=shutil.ignore_patterns("*.md"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tree(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_help_explains_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for words in ("--out", "--jobs", "--corrections", "--ledger", "examples:", "exit codes",
                  "report.json"):
        assert words in text


def test_defaults_build_docs_with_a_ledger(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("leftover lines, 0 failed")
    assert list((project / "docs" / "articles").glob("*.md"))
    assert (project / "docs" / "report.json").is_file()
    assert (project / "articles" / "ids.yml").is_file()
    assert (project / ".cache" / "civicnews").is_dir()


def test_two_runs_are_byte_identical(project: Path) -> None:
    ledger_arg = ["--ledger", "articles/ids.yml"]  # other --out folders are previews otherwise
    assert cli.main(["extract", "--no-progress", "--out", "one", *ledger_arg]) == 0
    ledger = (project / "articles" / "ids.yml").read_bytes()
    shutil.rmtree(project / ".cache")
    assert cli.main(["extract", "--no-progress", "--out", "two", "--jobs", "2", *ledger_arg]) == 0
    assert tree(project / "one") == tree(project / "two")
    assert (project / "articles" / "ids.yml").read_bytes() == ledger
    (project / "articles" / "ids.yml").unlink()  # a fresh ledger mints the same ids again
    assert cli.main(["extract", "--no-progress", "--out", "three", "--no-cache",
                     *ledger_arg]) == 0
    assert tree(project / "one") == tree(project / "three")
    assert (project / "articles" / "ids.yml").read_bytes() == ledger


def test_report_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["extract", "--no-progress", "--out", "site"])
    summary = capsys.readouterr().out.splitlines()[0]
    assert cli.main(["report", "site"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(summary)
    assert cli.main(["report", "--out", "site"]) == 0
    assert capsys.readouterr().out == text
    assert cli.main(["report", "--out", "nowhere"]) == 2
    assert "no report.json" in capsys.readouterr().err


@pytest.mark.parametrize("setup, args, words", [
    (lambda p: (p / "articles" / "corrections.yml").write_text("x-1: {titel: 新}\n"),
     [], "unknown key 'titel'"),
    (lambda p: (p / "articles" / "ids.yml").write_text("version: 1\narticles: [\n"),
     [], "not valid YAML"),
    (lambda p: (p / "articles" / "pages" / "pages.yml").write_text("a.txt: {dat: 1}\n"),
     [], "pages.yml:1:"),
    (lambda p: (p / "rules").mkdir() or (p / "rules" / "roles.yml").write_text("[broken"),
     ["--rules", "rules"], "roles.yml"),
    (lambda p: None, ["--corrections", "missing.yml"], "no such corrections file"),
    (lambda p: None, ["--jobs", "-1"], "--jobs"),
])
def test_config_errors_exit_2_and_write_nothing(project: Path, capsys: pytest.CaptureFixture[str],
                                                setup, args: list[str], words: str) -> None:
    setup(project)
    assert cli.main(["extract", "--no-progress", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert err.startswith("civicnews: ")
    assert not (project / "docs").exists()


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", "--jobs", "many"])
    assert info.value.code == 2
    assert "civicnews: " in capsys.readouterr().err


def test_ledger_conflict_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", "--no-progress"]) == 0
    ledger = project / "articles" / "ids.yml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text + "  nodate-00000000-1:\n    source: 000_6b38b89e44bd9a24.txt\n"
                      "    title: 消失的稿件\n    head: 这段文字在版面上根本不存在所以无法匹配\n",
                      encoding="utf-8")
    before = tree(project / "docs")
    assert cli.main(["extract", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "nodate-00000000-1" in err and "retired: true" in err
    assert tree(project / "docs") == before


def test_failed_file_exits_1_and_names_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "pages" / "broken.txt").write_bytes(b"")
    assert cli.main(["extract", "--no-progress"]) == 1
    captured = capsys.readouterr()
    path = os.path.join("articles", "pages", "broken.txt")
    assert f"civicnews: {path}: empty page (0 bytes)" in captured.err.splitlines()
    assert ", 1 failed" in captured.out


def test_console_entry_point_runs_without_traceback(project: Path) -> None:
    (project / "articles" / "pages" / "bad.txt").write_bytes(b"\x00\x00")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    proc = subprocess.run([sys.executable, "-m", "civicnews.cli", "extract", "--out", "o"],
                          capture_output=True, text=True, env=env, cwd=project, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "bad.txt: binary file" in proc.stderr


def test_out_pointing_at_a_file_is_a_clear_error(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (project / "out.txt").write_text("not a folder", encoding="utf-8")
    assert cli.main(["extract", "--no-progress", "--out", "out.txt"]) == 2
    err = capsys.readouterr().err
    assert "out.txt: not a directory" in err and "Traceback" not in err
    assert (project / "out.txt").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("damage", ["[]", '{"summary": 1}', "{", "\xff"])
def test_a_damaged_report_is_a_clear_error(project: Path, capsys: pytest.CaptureFixture[str],
                                           damage: str) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "report.json").write_text(damage, encoding="latin-1")
    assert cli.main(["report"]) == 2
    err = capsys.readouterr().err
    assert "report.json" in err and err.startswith("civicnews: ")


def test_civicnews_rules_pointing_nowhere_is_an_error_like_rules(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVICNEWS_RULES", str(project / "nonexistent"))
    assert cli.main(["extract", "--no-progress"]) == 2
    assert "CIVICNEWS_RULES=" in capsys.readouterr().err
    assert not (project / "docs").exists()


def test_a_preview_reads_the_ledger_but_never_writes_it(project: Path) -> None:
    assert cli.main(["extract", "--no-progress"]) == 0  # the portal build: writes the ledger
    ledger = project / "articles" / "ids.yml"
    before = ledger.read_bytes()
    published = sorted(p.name for p in (project / "docs" / "articles").glob("*.md"))
    new_page = project / "elsewhere" / "new.txt"
    new_page.parent.mkdir()
    shutil.copy(project / "articles" / "pages" / "000_6b38b89e44bd9a24.txt", new_page)
    (new_page.parent / "pages.yml").write_text("new.txt: {date: 2024-01-02}\n", encoding="utf-8")
    assert cli.main(["extract", "--no-progress", "--out", "../preview", str(new_page),
                     "articles"]) == 0
    assert ledger.read_bytes() == before  # the new page's ids were not recorded
    preview = sorted(p.name for p in (project.parent / "preview" / "articles").glob("*.md"))
    assert set(published) <= set(preview)  # published articles kept their ids
    assert len(preview) > len(published)
