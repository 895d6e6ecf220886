"""A copy of the portal project for builds with a different mkdocs.yml (e2e tests)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What an editor puts in mkdocs.yml extra.footer (made-up values of the right shape).
FOOTER = {"owner": "测试市融媒体中心", "contact": "电话 0579-00000000",
          "icp": "浙ICP备00000000号", "police": "浙公网安备 00000000000000号",
          "police_code": "00000000000000"}


def copy_project(target: Path, footer: dict[str, str]) -> Path:
    """The portal's files and seed pages in ``target``, mkdocs.yml's extra.footer filled in."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in footer.items():
        config, n = re.subn(rf'^(    {key}: )""', rf'\g<1>"{value}"', config, flags=re.M)
        assert n == 1, f"mkdocs.yml has no extra.footer.{key}"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    for name in ("overrides", "scripts", "articles"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", target / "docs",
                    ignore=shutil.ignore_patterns("articles", "report.json", "editor"))
    return target
