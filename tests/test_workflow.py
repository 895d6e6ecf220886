""".github/workflows/site.yml: valid against GitHub's schema, clean under zizmor, actions pinned
to commit SHAs, least permissions per job, and pull requests never deploy. Offline throughout."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
# What each job may ask for: the build reads the repository (and the Pages address); only the
# deploy job writes, and only to Pages (id-token: the deployment's proof of origin).
ALLOWED = {"build": {"contents": "read", "pages": "read"},
           "deploy": {"pages": "write", "id-token": "write"}}


def tool(name: str) -> str:
    """A tool installed by `pip install -e .[test]` next to this Python (make test does that)."""
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `make setup-test` (it is a test dependency)")
    return found


def workflow() -> dict:
    # PyYAML reads the key `on:` as True (YAML 1.1); the schema check below reads it properly.
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("zizmor"), "--offline", "--no-progress", "--format", "json",
                           str(path)], capture_output=True, text=True, timeout=120, check=False)


def test_the_workflow_matches_githubs_schema() -> None:
    proc = schema_check(WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(WORKFLOW.read_text(encoding="utf-8").replace("contents: read", "contents: all"),
                   encoding="utf-8")
    assert schema_check(bad).returncode != 0


def test_zizmor_finds_nothing() -> None:
    proc = zizmor(WORKFLOW)
    findings = json.loads(proc.stdout or "[]")
    assert proc.returncode == 0 and not findings, [
        (f["ident"], f["desc"]) for f in findings] or proc.stderr


def test_zizmor_catches_injection_and_unpinned_actions(tmp_path: Path) -> None:
    """The audit is live: the mistakes it guards against in site.yml are found in a bad copy."""
    bad = tmp_path / "bad.yml"
    bad.write_text("""\
name: bad
on: pull_request_target
permissions: write-all
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
""", encoding="utf-8")
    found = {f["ident"] for f in json.loads(zizmor(bad).stdout)}
    assert {"template-injection", "unpinned-uses", "dangerous-triggers"} <= found


def test_every_action_is_pinned_to_a_commit_with_its_version_named() -> None:
    lines = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines()]
    uses = [line for line in lines if re.match(r"(- )?uses:", line)]
    assert len(uses) >= 6
    for line in uses:
        ref = line.split("uses:", 1)[1].split("#", 1)[0].strip()
        assert PINNED.match(ref), f"not pinned to a commit SHA: {line}"
        assert VERSION_COMMENT.search(line), f"say which version the SHA is: {line}"


def test_permissions_are_least_per_job() -> None:
    flow = workflow()
    assert flow["permissions"] == {}  # nothing unless a job asks
    for name, job in flow["jobs"].items():
        assert job["permissions"] == ALLOWED[name], name
    checkout = next(s for s in steps("build") if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_no_expression_is_pasted_into_a_script() -> None:
    """Template injection: `${{ }}` values reach scripts only through env variables."""
    for job in workflow()["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step.get("name")


def test_pull_requests_build_and_keep_the_site_but_never_deploy() -> None:
    flow = workflow()
    assert "pull_request" in flow[True] and "pull_request_target" not in flow[True]
    assert flow[True]["push"]["branches"] == ["main"]
    deploy = flow["jobs"]["deploy"]
    assert deploy["if"] == ("github.event_name != 'pull_request' && "
                            "github.ref == 'refs/heads/main'")
    by_action = {s["uses"].split("@")[0]: s for s in steps("build") if "uses" in s}
    assert by_action["actions/upload-artifact"]["if"] == "github.event_name == 'pull_request'"
    assert by_action["actions/upload-artifact"]["with"]["path"] == "_site"
    assert by_action["actions/upload-pages-artifact"]["if"] == "github.event_name != 'pull_request'"
    assert by_action["actions/configure-pages"]["if"] == "github.event_name != 'pull_request'"


def test_the_report_and_ledger_check_run_before_tests_and_build() -> None:
    runs = [s.get("run", "") for s in steps("build")]
    check = next(i for i, r in enumerate(runs) if r.startswith("civicnews check"))
    assert '--summary "$GITHUB_STEP_SUMMARY"' in runs[check]
    assert check < runs.index("make test")
    assert check < next(i for i, r in enumerate(runs) if "mkdocs build" in r)


def test_the_cache_is_keyed_on_rules_templates_and_code() -> None:
    cache = next(s for s in steps("build") if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/civicnews"
    key = cache["with"]["key"]
    for covered in ("scripts/civicnews/**", "overrides/**", "mkdocs.yml", "articles/**"):
        assert covered in key
    # the rule files live under scripts/civicnews/rules/, inside the code's pattern
    assert list((ROOT / "scripts" / "civicnews" / "rules").glob("*.yml"))
    # The same code first, then any older cache (entries inside are keyed by their inputs).
    restore = [r.strip() for r in cache["with"]["restore-keys"].splitlines() if r.strip()]
    assert restore == [key.rsplit("${{", 1)[0], "civicnews-"]
    assert all(key.startswith(r) for r in restore)


def test_the_site_caches_live_where_the_workflow_keeps_them() -> None:
    """The finished pages and the search shards are inside the cached directory, and the
    end-to-end tests build with caches of their own (they must not empty the deploy's)."""
    from civicnews.site import hooks

    cache = next(s for s in steps("build") if s.get("uses", "").startswith("actions/cache@"))
    assert str(hooks.CACHE_DIR) == cache["with"]["path"]
    conftest = (ROOT / "tests" / "e2e" / "conftest.py").read_text(encoding="utf-8")
    assert f'env["{hooks.SITE_CACHE_FLAG}"]' in conftest
