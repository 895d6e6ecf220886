"""Shared fixtures: a scratch copy of the seed pages and a reader for written articles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SEED_PAGES = ROOT / "articles" / "pages"


@pytest.fixture
def pages_dir(tmp_path: Path) -> Path:
    """A writable copy of the five seed pages and their pages.yml."""
    target = tmp_path / "pages"
    shutil.copytree(SEED_PAGES, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def hostile_page(payload: str = "alert(1)") -> str:
    """A page laid out like a seed whose headline and body carry script, HTML and template text."""
    return "\n".join([
        " G 共创浙江省文明市 共建品质活力永康",
        "",
        # the payload inside the headline, where a title's words surround it
        f"永康开展<script>{payload}</script>文明创建{{{{ x }}}}行动",
        "",
        "本报讯（融媒记者 郑旭华）",
        f"连日来，<img src=x onerror={payload}>各部门",
        "积极开展文明创建工作，{% x %}深入推",
        f"进环境卫生综合整治[点我](javascript:{payload})，",
        "现已取得阶段性成效。<iframe src=javascript:" + payload + "></iframe>",
        "",
        "“创建工作是一项长期的系统性惠民工",
        "程。”{{ config }}有关负责人表示，下一步",
        "将持续巩固整治成果，# 不是标题 --- *强调*",
        "&amp; 让群众共享创建成果。",
        "",
    ])


def read_article(path: Path) -> tuple[dict, str]:
    """A written article's front matter (parsed) and body; fails the test on bad YAML."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    meta, sep, body = text[4:].partition("\n---\n")
    assert sep, f"{path.name}: front matter not closed"
    data = yaml.safe_load(meta)
    assert isinstance(data, dict), f"{path.name}: front matter is not a mapping"
    return data, body


# In CI (CI=true) hypothesis draws the same examples on every run, so a red build is
# reproducible and never a fluke of the draw; locally it keeps searching at random.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_terminal_summary(terminalreporter: object) -> None:
    """Say why tests were skipped when ../shared is absent (a bare count explained nothing)."""
    skipped = terminalreporter.stats.get("skipped", [])  # type: ignore[attr-defined]
    if skipped and not (ROOT.parent / "shared" / "gold").is_dir():
        terminalreporter.write_line(  # type: ignore[attr-defined]
            f"{len(skipped)} test(s) skipped: ../shared (seeds, gold pages, corpus) is not beside "
            "the checkout; they measure the extractor against it (see README, Tests).")
