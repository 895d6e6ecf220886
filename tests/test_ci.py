"""ci.py: the job-summary Markdown, and the ledger check run exactly as the workflow runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from civicnews import ci
from civicnews.ids import Entry, Ledger

from .conftest import ROOT, SEED_PAGES, hostile_page

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
CHECK_STEP = "Editors' report and id ledger check"
SITE = "https://example.org/news"


def page(file: str, *, unsure: list[str] | None = None, articles: list[dict] | None = None,
         leftovers: list[str] | None = None) -> dict:
    """One page of a report, shaped as report.page_report makes it."""
    return {"file": file, "publication": "永康日报", "date": "2023-04-03", "page": 1,
            "lines": 10, "cjk_chars": 100, "articles": articles or [], "furniture": [],
            "leftovers": leftovers or [], "lost": [], "unsure": unsure or []}


def article(art_id: str, title: str, *, flags: list[str] | None = None,
            status: str = "published") -> dict:
    return {"id": art_id, "title": title, "chars": 120, "status": status, "flags": flags or []}


def report(pages: list[dict], failures: list[dict] | None = None,
           warnings: list[str] | None = None) -> dict:
    failures, warnings = failures or [], warnings or []
    return {"version": 1, "summary": {
        "pages": len(pages), "articles": sum(len(p["articles"]) for p in pages),
        "leftover_lines": sum(len(p["leftovers"]) for p in pages), "failed": len(failures),
        "unsure_pages": sum(1 for p in pages if p["unsure"]), "warnings": len(warnings)},
        "failures": failures, "warnings": warnings, "pages": pages}


# --- render_summary -------------------------------------------------------------------------

def test_a_clean_build_says_so_and_lists_every_page() -> None:
    text = ci.render_summary(report([page("a.txt", articles=[article("d-a-1", "标题")]),
                                     page("b.txt")]))
    assert text.startswith("## civicnews: editors' report\n")
    assert "**2 pages, 1 articles, 0 leftover lines, 0 failed** · 0 page(s) to check" in text
    assert "✅ Every page extracted cleanly" in text
    assert "| `a.txt` | 永康日报 |" in text and "| `b.txt` | 永康日报 |" in text
    assert "❌" not in text and "⚠️ " not in text


def test_pages_to_check_carry_their_reasons_and_links_to_their_articles() -> None:
    unsure = page("p 1.txt", unsure=["d-p-2: no title", "leftovers hold 9% of the page text"],
                  articles=[article("d-p-1", "好标题"), article("d-p-2", "", flags=["no title"])])
    text = ci.render_summary(report([unsure, page("ok.txt")]), site_url=SITE + "/")
    assert "### ⚠️ 1 page(s) to check" in text
    assert f"#### [`p 1.txt`]({SITE}/sources/p%201.txt) — 永康日报, 2023\\-04\\-03, page 1" in text
    assert "- d\\-p\\-2: no title" in text
    assert "- leftovers hold 9% of the page text" in text
    assert f"- [`d-p-1`]({SITE}/a/d-p-1/) 好标题 (120 characters)" in text
    assert f"- [`d-p-2`]({SITE}/a/d-p-2/) *(no title)* (120 characters; no title)" in text
    # the clean page is only in the table, not among the pages to check
    assert "#### [`ok.txt`]" not in text and "| `ok.txt` |" in text


def test_without_a_site_address_ids_are_not_links() -> None:
    unsure = page("p.txt", unsure=["no articles found"], articles=[article("d-p-1", "题")])
    text = ci.render_summary(report([unsure]))
    assert "#### `p.txt` — " in text and "- `d-p-1` 题" in text
    assert "](" not in text


def test_failures_and_new_ids_come_first_with_the_fix() -> None:
    new = [Entry("2023-05-01-6bcf5d8c-1", "009.txt", "头", title="全力以赴")]
    text = ci.render_summary(report([page("009.txt")], failures=[{"file": "articles/x.txt",
                                                                  "reason": "empty file"}],
                                    warnings=["corrections: d-9 not found"]),
                             new=new, ledger=Path("articles/ids.yml"))
    failed = text.index("### ❌ 1 page file(s) failed to extract")
    ledger = text.index("### ❌ 1 article(s) have no id in the committed ledger")
    assert failed < ledger < text.index("### 1 warning(s)") < text.index("All pages")
    assert "- `articles/x.txt`: empty file" in text
    assert f"```sh\n{ci.FIX_COMMAND}\n```" in text
    assert "| `2023-05-01-6bcf5d8c-1` | `009.txt` | 全力以赴 |" in text
    assert "Every page extracted cleanly" not in text


def test_page_text_cannot_inject_markup() -> None:
    evil = "<script>alert(1)</script>[x](javascript:alert(1)) | `code` {{ x }}"
    text = ci.render_summary(report([page("e.txt", unsure=[evil],
                                          articles=[article("d-e-1", evil)])]), site_url=SITE)
    assert "<script>" not in text and "](javascript" not in text
    assert "{{" not in text
    # a pipe in a title cannot open a new table column: it is escaped
    assert " | `code`" not in text


def test_the_pages_table_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ci, "MAX_TABLE_PAGES", 2)
    text = ci.render_summary(report([page(f"{i}.txt") for i in range(5)]))
    assert "| `1.txt` |" in text and "| `2.txt` |" not in text
    assert "…and 3 more pages" in text


def test_new_entries_keeps_the_build_order() -> None:
    old = Ledger([Entry("d-1", "p.txt", "甲")])
    built = Ledger([Entry("d-1", "p.txt", "甲"), Entry("d-3", "q.txt", "丙"),
                    Entry("d-2", "p.txt", "乙")])
    assert [e.id for e in ci.new_entries(old, built)] == ["d-3", "d-2"]


# --- the workflow's own step, run as the workflow runs it ------------------------------------

def check_step_script() -> str:
    """The `run:` of the workflow step that checks the ledger and writes the job summary."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])
             if s.get("name") == CHECK_STEP]
    assert len(steps) == 1, f"the workflow has no single step named {CHECK_STEP!r}"
    return steps[0]["run"]


def run_step(project: Path, summary: Path, pages_url: str = "") -> subprocess.CompletedProcess:
    """Run the step's script with bash in ``project``, as a runner would (env, summary file)."""
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PAGES_URL": pages_url,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-e", "-c", check_step_script()], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def git(project: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A repository with the seed pages and the ledger a local build committed for them."""
    project = tmp_path / "newsroom"
    shutil.copytree(SEED_PAGES, project / "articles" / "pages",
                    ignore=shutil.ignore_patterns("*.md"))
    subprocess.run([sys.executable, "-m", "civicnews.cli", "extract", "--no-progress"],
                   cwd=project, check=True, capture_output=True, timeout=300)
    (project / ".gitignore").write_text("/docs/\n/.cache/\n", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "seed pages and their ledger")
    return project


def add_page(project: Path, name: str, source: str, date: str) -> None:
    """An editor drops a new page text and its pages.yml line (and builds nothing)."""
    shutil.copyfile(SEED_PAGES / source, project / "articles" / "pages" / name)
    with open(project / "articles" / "pages" / "pages.yml", "a", encoding="utf-8") as handle:
        handle.write(f"{name}: {{publication: 永康日报, date: {date}, page: 2}}\n")


def test_the_committed_ledger_passes(newsroom: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    proc = run_step(newsroom, summary, SITE)
    assert proc.returncode == 0, proc.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## civicnews: editors' report")  # appended
    # the seed pages pass; whether one is flagged for a doubtful line depends on the fitted model
    assert "Every page extracted cleanly" in text or "to check" in text
    assert "0 failed" in proc.stderr


def test_a_new_id_missing_from_the_ledger_fails_and_the_fix_command_fixes_it(
        newsroom: Path, tmp_path: Path) -> None:
    ledger = newsroom / "articles" / "ids.yml"
    committed = ledger.read_bytes()
    built = sorted((newsroom / "docs" / "articles").iterdir())
    add_page(newsroom, "009_new.txt", "002_f4f0cdc6ef3d3239.txt", "2023-05-01")
    summary = tmp_path / "summary.md"
    proc = run_step(newsroom, summary)
    assert proc.returncode == 1, proc.stderr
    assert ledger.read_bytes() == committed  # CI never writes the ledger
    assert sorted((newsroom / "docs" / "articles").iterdir()) == built  # nor the editor's docs/
    text = summary.read_text(encoding="utf-8")
    assert "have no id in the committed ledger" in text and "`009_new.txt`" in text
    new_ids = [e.id for e in Ledger.load(ledger).entries.values()]
    assert ci.FIX_COMMAND in text and f"fix: {ci.FIX_COMMAND}" in proc.stderr
    # The one command, run as printed in the editor's checkout, makes the next run pass.
    subprocess.run(["bash", "-e", "-c", ci.FIX_COMMAND], cwd=newsroom, check=True,
                   capture_output=True, timeout=300,
                   env={**os.environ, "GIT_AUTHOR_NAME": "e", "GIT_AUTHOR_EMAIL": "e@x.org",
                        "GIT_COMMITTER_NAME": "e", "GIT_COMMITTER_EMAIL": "e@x.org",
                        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"})
    fixed = [e.id for e in Ledger.load(ledger).entries.values()]
    assert set(new_ids) < set(fixed)
    assert [i for i in fixed if i not in new_ids][0] in text  # the id the summary named
    proc = run_step(newsroom, tmp_path / "again.md")
    assert proc.returncode == 0, proc.stderr


def test_a_page_that_fails_to_extract_fails_the_job(newsroom: Path, tmp_path: Path) -> None:
    (newsroom / "articles" / "pages" / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    summary = tmp_path / "summary.md"
    proc = run_step(newsroom, summary)
    assert proc.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert "### ❌ 1 page file(s) failed to extract" in text and "broken.txt" in text


def test_a_lost_published_id_stops_with_the_reason_in_the_summary(
        newsroom: Path, tmp_path: Path) -> None:
    page_file = newsroom / "articles" / "pages" / "004_11f3cc33fabe843c.txt"
    page_file.write_text(hostile_page(), encoding="utf-8")  # another story replaced the page
    summary = tmp_path / "summary.md"
    proc = run_step(newsroom, summary)
    assert proc.returncode == 2
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## civicnews: the build stopped")
    assert "no longer found on their page" in text and "<script>" not in text
