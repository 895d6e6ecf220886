"""pagecache.py: the extraction cache key follows what extraction reads, and nothing else."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from civicnews import pagecache
from civicnews.build import run_batch


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A scratch copy of the civicnews package, to edit."""
    target = tmp_path / "civicnews"
    shutil.copytree(pagecache.PACKAGE_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _edit(path: Path) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")


@pytest.mark.parametrize("name", ["site/hooks.py", "site/pages.py", "site/search.py", "ids.py",
                                  "output.py", "build.py", "corrections.py", "cli.py"])
def test_a_change_outside_extraction_keeps_the_key(package: Path, name: str) -> None:
    before = pagecache.fingerprint(package)
    _edit(package / name)
    assert pagecache.fingerprint(package) == before


@pytest.mark.parametrize("name", ["features.py", "labeler.py", "lines.py", "pipeline.py",
                                  "settings.py", "report.py", "markdown.py", "decode.py",
                                  "places.py", "pagecache.py", "models/line_roles.json",
                                  # assemble.py and the modules of its passes
                                  "assemble.py", "page_items.py", "line_shapes.py", "line_rereads.py",
                                  "grouping.py", "pairing.py", "headline_parts.py", "story_cuts.py",
                                  "story_joins.py", "headline_moves.py", "title_rescue.py",
                                  "article_build.py"])
def test_a_change_to_extraction_changes_the_key(package: Path, name: str) -> None:
    before = pagecache.fingerprint(package)
    _edit(package / name)
    assert pagecache.fingerprint(package) != before


def test_a_module_newly_imported_by_the_extractor_joins_the_key(package: Path) -> None:
    (package / "extra_rule.py").write_text("X = 1\n", encoding="utf-8")
    before = pagecache.fingerprint(package)
    _edit(package / "extra_rule.py")
    assert pagecache.fingerprint(package) == before  # nothing imports it yet
    with open(package / "assemble.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef _late() -> int:\n    from .extra_rule import X\n    return X\n")
    wired = pagecache.fingerprint(package)
    _edit(package / "extra_rule.py")
    assert pagecache.fingerprint(package) != wired


def test_sources_cover_every_module_an_extraction_loads(pages_dir: Path) -> None:
    """The import rule is static: check it against the civicnews modules a real extraction of
    a page loads (lazy and function-level imports included), in a fresh interpreter."""
    page = sorted(pages_dir.glob("*.txt"))[0]
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from civicnews import pagecache\n"
        "from civicnews.decode import decode_page_report\n"
        "from civicnews.model import PageInfo\n"
        f"text = decode_page_report(Path({str(page)!r}).read_bytes()).text\n"
        "out = pagecache.extract(text, PageInfo(file='p.txt', date='2023-04-03', page=1), None)\n"
        "assert isinstance(out, pagecache.Extraction), out\n"
        "loaded = sorted(m.__file__ for n, m in list(sys.modules.items())\n"
        "                if n.split('.')[0] == 'civicnews' and getattr(m, '__file__', None))\n"
        "print(json.dumps([loaded, [str(p) for p in pagecache.extraction_sources()]]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    loaded, sources = json.loads(done.stdout)
    assert set(loaded) <= set(sources)
    assert not any("/site/" in path for path in sources)


def test_cached_pages_are_used_after_a_site_change(pages_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What the key leaves out really does not re-extract: a build keyed with a package copy
    whose site glue changed takes every page from the cache."""
    package = tmp_path / "civicnews"
    shutil.copytree(pagecache.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    monkeypatch.setattr(pagecache, "code_fingerprint", lambda: pagecache.fingerprint(package))
    first = run_batch([pages_dir], tmp_path / "o1", cache_dir=cache)
    _edit(package / "site" / "hooks.py")
    again = run_batch([pages_dir], tmp_path / "o2", cache_dir=cache)
    assert first.extracted == len(first.pages) and again.extracted == 0
    _edit(package / "features.py")
    third = run_batch([pages_dir], tmp_path / "o3", cache_dir=cache)
    assert third.extracted == len(third.pages)


def test_a_cache_file_is_written_whole_or_not_at_all(tmp_path) -> None:
    import pickle

    from civicnews.pagecache import write_whole

    assert write_whole(tmp_path / "a" / "x.bin", b"abc")
    assert (tmp_path / "a" / "x.bin").read_bytes() == b"abc"
    assert write_whole(tmp_path / "a" / "y.pickle", lambda handle: pickle.dump([1, 2], handle))
    assert pickle.loads((tmp_path / "a" / "y.pickle").read_bytes()) == [1, 2]

    def fails(handle) -> None:
        handle.write(b"half")
        raise OSError("disk full")

    assert not write_whole(tmp_path / "a" / "x.bin", fails)
    assert (tmp_path / "a" / "x.bin").read_bytes() == b"abc"  # the old file stays whole
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["x.bin", "y.pickle"]
    (tmp_path / "b").write_text("a file where a folder should be")
    assert not write_whole(tmp_path / "b" / "z.bin", b"abc")
