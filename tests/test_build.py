"""build.py: discovery, caching, parallel runs, atomic sync and one-bad-page tolerance."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import civicnews.build as build
import civicnews.pagecache as pagecache
import pytest
from civicnews.build import discover, run_batch


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_discover_sorts_recurses_and_reports_missing(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.txt", "b/1.txt", "a.txt", ".hidden/x.txt", "notes.md"):
        (tmp_path / name).write_text("正文", encoding="utf-8")
    paths, failures = discover([tmp_path, tmp_path / "a.txt", tmp_path / "nope"])
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a.txt", "b/1.txt", "b/2.txt"]
    assert [Path(f.file).name for f in failures] == ["x.txt", "nope"]
    assert failures[0].reason.startswith("hidden file")
    assert failures[1].reason == "no such file or directory"


def test_duplicate_file_names_are_a_failure(tmp_path: Path) -> None:
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "page.txt").write_text("正文", encoding="utf-8")
    paths, failures = discover([tmp_path])
    assert len(paths) == 1 and len(failures) == 1
    assert "must be unique" in failures[0].reason


def test_build_writes_articles_then_changes_nothing(pages_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([pages_dir], out)
    assert first.failures == [] and first.articles
    files = sorted((out / "articles").glob("*.md"))
    assert [p.stem for p in files] == sorted(a.id for a in first.articles)
    assert first.written == len(files) and first.unchanged == 0
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    second = run_batch([pages_dir], out)
    assert (second.written, second.unchanged, second.removed) == (0, len(files), 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == mtimes


def test_stale_articles_are_removed(pages_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([pages_dir], out)
    (out / "articles" / "old-article.md").write_text("---\nid: old\n---\n", encoding="utf-8")
    (out / "articles" / "keep.txt").write_text("not ours", encoding="utf-8")
    result = run_batch([pages_dir], out)
    assert result.removed == 1
    assert not (out / "articles" / "old-article.md").exists()
    assert (out / "articles" / "keep.txt").exists()


def test_crash_in_our_code_leaves_output_untouched(pages_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run_batch([pages_dir], out)
    before = snapshot(out)
    (pages_dir / "new.txt").write_text("新的版面\n" + "新闻正文内容" * 30 + "\n", encoding="utf-8")
    # The parent's last step before the output is touched: articles rendered, report not.
    def render_crash(report, facts=None, keys=None):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(build, "report_md_segments", render_crash)
    with pytest.raises(RuntimeError):
        run_batch([pages_dir], out)
    assert snapshot(out) == before


def test_cache_extracts_only_new_pages(pages_dir: Path, tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = run_batch([pages_dir], out, cache_dir=cache)
    assert first.extracted == len(first.pages)
    shutil.copy(next(pages_dir.glob("*.txt")), pages_dir / "zz_new_page.txt")
    second = run_batch([pages_dir], out, cache_dir=cache)
    assert second.extracted == 1 and len(second.pages) == len(first.pages) + 1
    uncached = run_batch([pages_dir], tmp_path / "plain")
    assert snapshot(out / "articles") == snapshot(tmp_path / "plain" / "articles")
    assert uncached.extracted == len(second.pages)


def test_cache_key_follows_rules(pages_dir: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(Path(pagecache.DEFAULT_DIR) / "campaigns.yml", rules / "campaigns.yml")
    cache = tmp_path / "cache"
    run_batch([pages_dir], tmp_path / "o1", cache_dir=cache, rules_dir=rules)
    with open(rules / "campaigns.yml", "a", encoding="utf-8") as handle:
        handle.write("\n# an editor's edit\n")
    again = run_batch([pages_dir], tmp_path / "o2", cache_dir=cache, rules_dir=rules)
    assert again.extracted == len(again.pages)


def test_corrupt_cache_is_ignored(pages_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_batch([pages_dir], tmp_path / "o1", cache_dir=cache)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    again = run_batch([pages_dir], tmp_path / "o2", cache_dir=cache)
    assert again.extracted == len(again.pages)
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2")


def test_parallel_build_equals_serial_build(pages_dir: Path, tmp_path: Path) -> None:
    run_batch([pages_dir], tmp_path / "serial", ledger=tmp_path / "s.yml")
    run_batch([pages_dir], tmp_path / "parallel", jobs=2, ledger=tmp_path / "p.yml")
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")
    assert (tmp_path / "s.yml").read_bytes() == (tmp_path / "p.yml").read_bytes()


def test_extractor_crash_on_one_page_is_a_failure(pages_dir: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real = pagecache.extract_page
    victim = sorted(pages_dir.glob("*.txt"))[1].name

    def crash_on_victim(text, info, rules=None):
        if info.file == victim:
            raise IndexError("list index out of range")
        return real(text, info, rules)

    monkeypatch.setattr(pagecache, "extract_page", crash_on_victim)
    result = run_batch([pages_dir], tmp_path / "out")
    assert [Path(f.file).name for f in result.failures] == [victim]
    assert "extractor crashed: IndexError" in result.failures[0].reason
    assert len(result.pages) == len(list(pages_dir.glob("*.txt"))) - 1


def test_a_page_that_breaks_keeps_its_published_articles(pages_dir: Path, tmp_path: Path) -> None:
    out, ledger = tmp_path / "out", tmp_path / "ids.yml"
    first = run_batch([pages_dir], out, ledger=ledger)
    victim = sorted(pages_dir.glob("*.txt"))[0]
    victim.write_bytes(b"\x00\x01 broken upload")
    second = run_batch([pages_dir], out, ledger=ledger)
    assert [Path(f.file).name for f in second.failures] == [victim.name]
    assert second.removed == 0  # the last good version stays online
    kept = {a.id for a in first.articles if a.source.file == victim.name}
    assert kept and all((out / "articles" / f"{i}.md").exists() for i in kept)


def test_crashed_page_is_cached_by_content_and_still_reported(pages_dir: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    real = pagecache.extract_page
    victim = sorted(pages_dir.glob("*.txt"))[1]
    calls: list[str] = []

    def crash_on_victim(text, info, rules=None):
        calls.append(info.file)
        if info.file == victim.name:
            raise IndexError("list index out of range")
        return real(text, info, rules)

    monkeypatch.setattr(pagecache, "extract_page", crash_on_victim)
    cache = tmp_path / "cache"
    first = run_batch([pages_dir], tmp_path / "o1", cache_dir=cache)
    again = run_batch([pages_dir], tmp_path / "o2", cache_dir=cache)
    assert again.extracted == 0 and calls.count(victim.name) == 1  # not extracted again
    assert again.failures == first.failures and len(again.failures) == 1
    assert "extractor crashed: IndexError" in again.failures[0].reason
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2")  # the report lists it again
    with open(victim, "a", encoding="utf-8") as handle:  # new content: tried again
        handle.write("\n补充的一行\n")
    third = run_batch([pages_dir], tmp_path / "o3", cache_dir=cache)
    assert third.extracted == 1 and calls.count(victim.name) == 2
    monkeypatch.setenv("CIVICNEWS_DEBUG", "1")  # a cached crash is run again for its traceback
    with pytest.raises(IndexError):
        run_batch([pages_dir], tmp_path / "o4", cache_dir=cache)


def test_parallel_build_uses_and_fills_the_cache(pages_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run_batch([pages_dir], tmp_path / "o1", jobs=2, cache_dir=cache)
    assert first.extracted == len(first.pages) and len(list(cache.glob("*.pickle"))) == len(first.pages)
    again = run_batch([pages_dir], tmp_path / "o2", jobs=2, cache_dir=cache)
    assert again.extracted == 0
    run_batch([pages_dir], tmp_path / "plain")
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2") == snapshot(tmp_path / "plain")


def test_a_site_batch_warm_worker_extracts_a_new_page_or_is_stopped(pages_dir: Path,
                                                                    tmp_path: Path) -> None:
    """The site build's batch (two jobs, no details) starts a worker before it knows what is
    new: a changed page is extracted by it as one process would, and a batch with nothing to
    extract, or one that fails, leaves no worker behind."""
    import multiprocessing

    cache = tmp_path / "cache"
    run_batch([pages_dir], tmp_path / "cold", cache_dir=cache, jobs=2, details=False)
    nothing = run_batch([pages_dir], tmp_path / "again", cache_dir=cache, jobs=2, details=False)
    assert nothing.extracted == 0 and not multiprocessing.active_children()
    page = sorted(pages_dir.glob("*.txt"))[-1]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("。", "，", 1), encoding="utf-8")
    warm = run_batch([pages_dir], tmp_path / "warm", cache_dir=cache, jobs=2, details=False)
    run_batch([pages_dir], tmp_path / "serial", jobs=1, details=False)
    assert warm.extracted == 1 and not multiprocessing.active_children()
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "serial")
    # The worker answered for the districts of the page it extracted, as the gazetteer does
    # here (the site's district pages then need not load it); nothing extracted, no answers.
    from civicnews import places
    from civicnews.rules import load_rules

    rules = load_rules()
    named = {n for r in warm.pages if r.info.file == page.name for a in r.articles
             for n in a.districts}
    assert named and nothing.district_spellings == {}
    assert warm.district_spellings == {places.gazetteer_key(rules): {
        n: places.spelling(rules.gazetteer, n) for n in named}}
    bad = tmp_path / "corrections.yml"  # a config error, found before any page is read
    bad.write_bytes(b"\xff not UTF-8")
    with pytest.raises(build.CorrectionsError):
        run_batch([pages_dir], tmp_path / "bad", cache_dir=cache, jobs=2, details=False,
                  corrections=bad)
    assert not multiprocessing.active_children()


def test_article_files_committed_while_racy_are_settled_later(
        pages_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's article files, recorded as they were written, are read again once older
    (build.settle) and the next batch then reads none of them; one changed since is not
    trusted."""
    import civicnews.output as output

    monkeypatch.setattr(output, "RACY_NS", 20_000_000)  # 20 ms: the test need not wait 2 s
    cache, out = tmp_path / "cache", tmp_path / "out"
    run_batch([pages_dir], out, cache_dir=cache)
    assert build.settle(out, cache) == 0  # fewer than SETTLE_MIN racy files
    monkeypatch.setattr(output, "SETTLE_MIN", 1)
    time.sleep(0.05)
    names = sorted(p.name for p in (out / "articles").glob("*.md"))
    assert build.settle(out, cache) == len(names) > 0
    read: list[str] = []
    real = output._same
    monkeypatch.setattr(output, "_same", lambda path, data: read.append(path.name)
                        or real(path, data))
    run_batch([pages_dir], tmp_path / "out", cache_dir=cache)
    assert read == []  # every article file trusted by its state
    assert build.settle(out, cache) == 0  # nothing racy left


def test_lean_extractions_are_kept_by_the_page_and_a_changed_page_is_extracted_again(
        pages_dir: Path, tmp_path: Path) -> None:
    """A lean batch keeps each extraction lean under the page's key and reads it back the
    next time (same files); a page whose text changed is extracted again, never served
    from its old lean entry."""
    import civicnews.build as build_mod

    cache = tmp_path / "cache"
    first = run_batch([pages_dir], tmp_path / "o1", cache_dir=cache, details=False)
    lean = cache / build_mod.LEAN_CACHE
    assert len(list(lean.glob("*.pickle"))) == len(first.pages) == first.extracted
    for entry in cache.glob("*.pickle"):  # the full entries are not what a lean batch reads
        entry.unlink()
    again = run_batch([pages_dir], tmp_path / "o2", cache_dir=cache, details=False)
    assert again.extracted == 0 and snapshot(tmp_path / "o2") == snapshot(tmp_path / "o1")
    page = sorted(pages_dir.glob("*.txt"))[0]
    text = page.read_text(encoding="utf-8")
    word = next(a.headline.title for a in first.articles if a.source.file == page.name)[:2]
    assert word in text
    page.write_text(text.replace(word, "改写", 1), encoding="utf-8")
    changed = run_batch([pages_dir], tmp_path / "o3", cache_dir=cache, details=False)
    assert changed.extracted == 1
    assert snapshot(tmp_path / "o3") != snapshot(tmp_path / "o1")
    assert len(list(lean.glob("*.pickle"))) == len(first.pages) + 1


def test_a_lean_batch_writes_the_same_files_and_keeps_no_line_roles(pages_dir: Path,
                                                                    tmp_path: Path) -> None:
    full = run_batch([pages_dir], tmp_path / "full", cache_dir=tmp_path / "cache")
    assert any(p.line_roles for p in full.pages)
    assert any(p["roles"] for p in full.report["pages"])
    # From the cache and from the extractor (two workers, which then hand back the lean
    # extractions and keep them, with and without a cache): the same files every way.
    for cache, jobs in ((tmp_path / "cache", 1), (None, 2), (tmp_path / "fresh", 2)):
        out = tmp_path / f"lean-{jobs}"
        lean = run_batch([pages_dir], out, cache_dir=cache, jobs=jobs, details=False)
        assert snapshot(out) == snapshot(tmp_path / "full")
        assert not any(p.line_roles for p in lean.pages)
        assert not any(p["roles"] for p in lean.report["pages"])
        assert [a.id for a in lean.articles] == [a.id for a in full.articles]
        assert lean.report["summary"] == full.report["summary"]
    # What the workers kept: lean entries and full ones, read back as they were sent.
    again = run_batch([pages_dir], tmp_path / "again", cache_dir=tmp_path / "fresh", jobs=2,
                      details=False)
    assert again.extracted == 0 and snapshot(tmp_path / "again") == snapshot(tmp_path / "full")
    assert len(list((tmp_path / "fresh" / "lean").glob("*.pickle"))) == len(full.pages)
    assert len(list((tmp_path / "fresh").glob("*.pickle"))) == len(full.pages)


def test_a_lean_batch_leaves_line_roles_in_files_and_writes_the_same_report(
        pages_dir: Path, tmp_path: Path) -> None:
    """With a cache, a lean batch's extractions name each page's roles JSON in a file beside
    its lean entry (report.StoredJson) instead of holding it; report.json is the same. A
    roles file gone, or a cache moved elsewhere, still gives the same files."""
    import civicnews.build as build_mod
    from civicnews.report import StoredJson

    full = run_batch([pages_dir], tmp_path / "full", cache_dir=tmp_path / "c0")
    cache = tmp_path / "cache"
    for jobs in (2, 1):  # the workers store them, then the parent reads the entries back
        out = tmp_path / f"lean-{jobs}"
        run_batch([pages_dir], out, cache_dir=cache, jobs=jobs, details=False)
        assert snapshot(out) == snapshot(tmp_path / "full")
    lean = cache / build_mod.LEAN_CACHE
    stored = sorted(lean.glob("*.roles.json"))
    assert len(stored) == len(full.pages)
    entry = build.cache_get(lean, stored[0].name.split(".")[0])
    assert isinstance(entry, pagecache.Extraction)
    assert entry.facts.json["roles"] == StoredJson(str(stored[0]))
    assert stored[0].read_bytes() and b"role" in stored[0].read_bytes()
    stored[0].unlink()  # the full entry is leaned again, its roles stored again
    run_batch([pages_dir], tmp_path / "gone", cache_dir=cache, details=False)
    assert stored[0].is_file() and snapshot(tmp_path / "gone") == snapshot(tmp_path / "full")
    moved = tmp_path / "moved"
    shutil.copytree(cache, moved)
    shutil.rmtree(cache)
    again = run_batch([pages_dir], tmp_path / "moved-out", cache_dir=moved, details=False)
    assert again.extracted == 0
    assert snapshot(tmp_path / "moved-out") == snapshot(tmp_path / "full")


def test_a_parallel_batch_keeps_jiebas_dictionary_for_the_next_build(pages_dir: Path,
                                                                      tmp_path: Path) -> None:
    """A lean parallel batch (a cold build) leaves jieba's dictionary as compact words in the
    cache (wordlist: keeping it costs a worker nothing to speak of), and the next batch reads
    it. In a fresh process: a worker forked from one that holds jieba has nothing to load."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import civicnews.build as build\n"
        "from civicnews import wordlist\n"
        "pages, cache, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])\n"
        "result = build.run_batch([pages], out, jobs=2, cache_dir=cache, details=False)\n"
        "kept = len(list((cache / wordlist.FOLDER).glob('words-*.pickle')))\n"
        "print(result.extracted, kept)\n"
    )
    cache = tmp_path / "cache"
    n_pages = len(list(pages_dir.glob("*.txt")))

    def batch(out: str) -> list[int]:
        proc = subprocess.run([sys.executable, "-c", script, str(pages_dir), str(cache),
                               str(tmp_path / out)], capture_output=True, text=True,
                              timeout=600, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return [int(n) for n in proc.stdout.split()]

    assert batch("o1") == [n_pages, 1]
    kept = next((cache / "jieba").glob("words-*.pickle"))
    made = kept.stat().st_mtime_ns
    page = sorted(pages_dir.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n补充的一行\n", encoding="utf-8")
    assert batch("o2") == [1, 1]
    assert kept.stat().st_mtime_ns == made  # read, not made again


def test_a_rebuild_splices_the_report_and_writes_what_a_clean_build_does(
        pages_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """report.json and editor/report.md after a rebuild from the cache (their unchanged pages
    copied from the last files) are byte for byte those of a clean build: after a page added
    in the middle of the order, an article hidden, a page changed, a page removed, and with
    the last report changed by hand. Only the pages that changed are made again."""
    from civicnews import report as report_module

    cache, out = tmp_path / "cache", tmp_path / "out"
    fixes = tmp_path / "corrections.yml"
    fixes.write_text("", encoding="utf-8")
    names = sorted(pages_dir.glob("*.txt"))
    middle = names[len(names) // 2]
    aside = tmp_path / middle.name
    middle.rename(aside)
    run_batch([pages_dir], out, cache_dir=cache, details=False, corrections=fixes)
    reads: list[str] = []
    read = report_module.StoredJson.read
    monkeypatch.setattr(report_module.StoredJson, "read",
                        lambda self: reads.append(self.path) or read(self))

    def check(label: str) -> None:
        reads.clear()
        run_batch([pages_dir], out, cache_dir=cache, details=False, corrections=fixes)
        clean = tmp_path / f"clean-{label}"
        run_batch([pages_dir], clean, details=False, corrections=fixes)
        for name in ("report.json", "editor/report.md"):
            assert (out / name).read_bytes() == (clean / name).read_bytes(), (label, name)

    aside.rename(middle)
    check("added")
    assert len(reads) == 1  # the new page's line roles only
    first = json.loads((out / "report.json").read_text(encoding="utf-8"))
    hidden = first["pages"][0]["articles"][0]["id"]
    fixes.write_text(f"{hidden}: {{hide: true}}\n", encoding="utf-8")
    check("hidden")
    assert len(reads) == 1  # the page whose article's status changed
    names[-1].write_text(names[-1].read_text(encoding="utf-8") + "\n补充的一行文字\n",
                         encoding="utf-8")
    check("changed")
    names[1].unlink()
    check("removed")
    assert reads == []  # the rest of the report is copied
    report = out / "report.json"
    report.write_bytes(report.read_bytes().replace(b'"lines"', b'"LINES"', 1))
    check("by hand")
    assert len(reads) == len(names) - 1  # the last file cannot be trusted: made whole


def test_a_batch_names_the_articles_of_the_files_it_wrote_by_their_hash(pages_dir: Path,
                                                                        tmp_path: Path) -> None:
    """BatchResult.rendered: each article file written (new or changed) by its bytes' sha256
    → the article rendered into it; a batch that writes nothing names none."""
    import hashlib

    from civicnews.markdown import render_article

    out, pages = tmp_path / "out", tmp_path / "edited-pages"
    shutil.copytree(pages_dir, pages)
    first = run_batch([pages], out)
    files = {hashlib.sha256(p.read_bytes()).hexdigest(): p.read_bytes()
             for p in (out / "articles").glob("*.md")}
    assert first.rendered and set(first.rendered) == set(files)
    assert all(render_article(a).encode("utf-8") == files[d] for d, a in first.rendered.items())
    assert run_batch([pages], out).rendered == {}
    page = sorted(p for p in pages.iterdir() if p.suffix == ".txt")[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    third = run_batch([pages], out)
    assert 0 < len(third.rendered) <= third.written
    assert all((out / "articles" / f"{a.id}.md").read_bytes() == render_article(a).encode("utf-8")
               for a in third.rendered.values())


def test_extraction_workers_are_not_forks_of_the_caller(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A site build's worker holds the extractor, not what the caller had loaded (MkDocs, its
    theme and Markdown modules: ~10 MB more in each worker forked from it), and it works in
    the caller's folder, environment and import path, as a fork would."""
    import colorsys  # noqa: F401 - loaded here only: a fork of this process would hold it

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CIVICNEWS_WORKER_PROBE", "the caller's")
    monkeypatch.syspath_prepend(str(tmp_path / "probe"))
    ask = "sorted({'colorsys', 'civicnews.build'} & set(__import__('sys').modules)), " \
          "__import__('os').getcwd(), __import__('os').environ.get('CIVICNEWS_WORKER_PROBE'), " \
          "__import__('sys').path[0]"
    with build._pool(1, fresh=True) as pool:
        modules, where, probe, first = pool.submit(eval, f"({ask})").result()
    assert modules == ["civicnews.build"]
    assert (where, probe, first) == (os.getcwd(), "the caller's", str(tmp_path / "probe"))


def test_fresh_workers_import_the_callers_civicnews(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs takes the hook's scripts/ off the import path once the hook is loaded: a site
    build's fresh workers must still import the civicnews their caller runs, not another one
    the path finds (an installed checkout), nor fail when the path finds none."""
    import civicnews

    own = str(Path(civicnews.__file__).resolve().parents[1])
    other = tmp_path / "other"
    (other / "civicnews").mkdir(parents=True)
    (other / "civicnews" / "__init__.py").write_text("", encoding="utf-8")
    for path in [p for p in sys.path if p and Path(p).resolve() == Path(own)]:
        monkeypatch.setattr(sys, "path", [p for p in sys.path if p != path])
    monkeypatch.setattr(sys, "path", [str(other), *sys.path])
    ask = "str(__import__('pathlib').Path(__import__('civicnews').__file__).resolve())"
    with build._pool(1, fresh=True) as pool:
        assert pool.submit(eval, ask).result() == str(Path(civicnews.__file__).resolve())
