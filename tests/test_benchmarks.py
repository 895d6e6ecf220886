"""Smoke test of the benchmark code: it runs and reports; speed goals live in benchmarks/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
from civicnews.fit import pagegen  # noqa: E402

pytestmark = pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus, gold) is absent")


def test_corpus_pages_differ_and_are_dated_across_years(tmp_path: Path) -> None:
    written = corpus.write_pages(tmp_path, 0, 6, 6, seed=3)
    texts = [p.read_text(encoding="utf-8") for p in written]
    assert len(set(texts)) == len(texts)
    manifest = yaml.safe_load((tmp_path / "pages.yml").read_text(encoding="utf-8"))
    assert set(manifest) == {p.name for p in written}
    years = {str(e["date"])[:4] for e in manifest.values()}
    assert len(years) > 3
    assert {e["publication"] for e in manifest.values()} <= set(corpus.publications())


def test_corpus_is_deterministic_and_can_grow(tmp_path: Path) -> None:
    first = corpus.write_pages(tmp_path / "a", 0, 3, 10, seed=2)
    again = corpus.write_pages(tmp_path / "b", 0, 3, 10, seed=2)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    corpus.write_pages(tmp_path / "a", 3, 1, 10, seed=2)
    manifest = yaml.safe_load((tmp_path / "a" / "pages.yml").read_text(encoding="utf-8"))
    assert len(manifest) == 4


def test_run_writes_table_and_results(tmp_path: Path) -> None:
    history = tmp_path / "RESULTS.md"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "20",
                           "--out", str(tmp_path), "--record", str(history)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "| full build / floor |" in proc.stdout
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    (result,) = data["results"]
    assert data["cores"] >= 1
    assert result["articles"] > 0 and result["site"]["files"] > 0
    assert result["bytes"]["article"]["gzip_bytes"] > 0
    # Strict builds, as CI: the rebuild says what its caches served.
    assert any("from the render cache" in n for n in result["rebuild"]["notes"])
    assert result["failures"] == 0
    text = history.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results") and "| full build / floor |" in text
    assert "- machine: " in text and "commit " in text


def test_history_is_appended_not_rewritten(tmp_path: Path) -> None:
    import run

    history = tmp_path / "RESULTS.md"
    run.record(history, "| a | 1 |", ["--sizes", "20"], "2026-01-01 00:00 UTC", "m")
    run.record(history, "| a | 2 |", ["--sizes", "20"], "2026-01-02 00:00 UTC", "m")
    text = history.read_text(encoding="utf-8")
    assert text.count("# Benchmark results") == 1
    assert text.index("| a | 1 |") < text.index("| a | 2 |")
    assert text.count("`python benchmarks/run.py --sizes 20`") == 2


FAKE_SEARCH = """<!doctype html><html><body>
<button data-cn-search onclick="document.getElementById('cn-search').innerHTML = '<input>';
  document.querySelector('#cn-search input').addEventListener('input', found)">搜索</button>
<div id="cn-search"></div>
<script>
// As Pagefind's UI: the count first, then each result once its fragment is fetched.
function found() {
  document.body.insertAdjacentHTML('beforeend', '<p class="pagefind-ui__message">找到 2 个</p>');
  const draw = (name) => fetch(name).then((r) => r.text()).then((t) =>
    document.body.insertAdjacentHTML('beforeend', '<p class="pagefind-ui__result">' + t + '</p>'));
  setTimeout(() => draw('one.txt').then(() => setTimeout(() => draw('two.txt'), 300)), 300);
}
</script></body></html>"""


def test_first_search_counts_the_results_fragments(tmp_path: Path) -> None:
    """The first search's figure includes what drawing its results fetches, not only what
    came before the count was shown."""
    import run

    if not run.CHROMIUM.exists():
        pytest.skip(f"{run.CHROMIUM} not installed")
    (tmp_path / "index.html").write_text(FAKE_SEARCH, encoding="utf-8")
    import random

    for name in ("one.txt", "two.txt"):  # 10 KB each that gzip cannot shrink
        (tmp_path / name).write_bytes(random.Random(name).randbytes(10_000))
    # in a thread of its own: the browser tests' session fixture keeps Playwright's event loop
    # running in this one, where the sync API refuses to start
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        figure = pool.submit(run.first_search_bytes, tmp_path, "开发区").result()
    assert figure["results_shown"] == 2
    assert figure["requests"] == 2 and figure["gzip_bytes"] > 2 * 10_000
