"""Smoke test of benchmarks/extract.py: it runs and reports; the speed goals live in benchmarks/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from civicnews.fit import pagegen

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus, gold) is absent")


def test_extract_benchmark_measures_one_and_two_processes(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extract.py"), "--pages", "6",
                           "--jobs", "1,2", "--profile", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "| jobs | steady pages/s |" in proc.stdout and "own time by module" in proc.stdout
    data = json.loads((tmp_path / "extract.json").read_text(encoding="utf-8"))
    assert [r["jobs"] for r in data["results"]] == [1, 2]
    for run in data["results"]:
        assert run["pages"] == 6 and run["failures"] == [] and run["articles"] > 0
        assert run["parent_cpu"] > 0 and run["command_seconds"] > 0
    assert data["results"][1]["workers_cpu"] > 0  # the 2-process run extracted in workers
