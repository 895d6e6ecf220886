"""The site's incremental machinery: the render cache, search shards and what a rebuild redoes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from civicnews.site import rendercache, search
from civicnews.site.articles import parse_article
from civicnews.site.fixtures import article_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_render_cache_round_trip_and_prune(tmp_path: Path) -> None:
    cache = rendercache.RenderCache(tmp_path)
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, "<p>页</p>".encode())
    hit = cache.get("ab" * 32)
    assert hit is not None and hit.read_bytes() == "<p>页</p>".encode()
    cache.put("cd" * 32, b"old")
    old = time.time() - 30 * 86400
    os.utime(cache.path("cd" * 32), (old, old))
    assert cache.prune(14) == 1
    assert cache.get("cd" * 32) is None and cache.get("ab" * 32) is not None


def test_a_page_used_is_marked_only_when_its_mark_is_old(tmp_path: Path) -> None:
    """get() sets a cached page's time only when it is TOUCH_HOURS old or more: a page in
    use is never pruned, and a recent mark is not written again on every build."""
    cache = rendercache.RenderCache(tmp_path)
    for key in ("ab" * 32, "cd" * 32):
        cache.put(key, b"page")
    recent = time.time() - (rendercache.TOUCH_HOURS - 1) * 3600
    old = time.time() - 15 * 86400
    os.utime(cache.path("ab" * 32), (recent, recent))
    os.utime(cache.path("cd" * 32), (old, old))
    assert cache.get("ab" * 32) is not None and cache.get("cd" * 32) is not None
    assert abs(cache.path("ab" * 32).stat().st_mtime - recent) < 1  # left as it was
    assert time.time() - cache.path("cd" * 32).stat().st_mtime < 60  # marked now
    assert cache.prune(14, every_hours=0) == 0  # both in use


def test_prune_looks_again_only_after_its_interval(tmp_path: Path) -> None:
    cache = rendercache.RenderCache(tmp_path, ".xml")
    old = time.time() - 30 * 86400

    def stale(key: str) -> None:
        cache.put(key, b"old")
        os.utime(cache.path(key), (old, old))

    stale("ab" * 32)
    assert cache.prune(14, every_hours=20) == 1
    stale("cd" * 32)
    assert cache.prune(14, every_hours=20) == 0  # pruned a moment ago
    assert cache.path("cd" * 32).exists()
    assert cache.prune(14, every_hours=0) == 1
    stale("ef" * 32)
    future = time.time() + 86400  # a stamp from the future (clock set back) does not count
    os.utime(tmp_path / rendercache.PRUNE_STAMP, (future, future))
    assert cache.prune(14, every_hours=20) == 1
    earlier = time.time() - 21 * 3600
    stale("01" * 32)
    os.utime(tmp_path / rendercache.PRUNE_STAMP, (earlier, earlier))
    assert cache.prune(14, every_hours=20) == 1
    assert not any(p.suffix == ".xml" for p in tmp_path.glob("*/*"))


def test_environment_key_follows_config_and_site_url(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: a\n", encoding="utf-8")
    first = rendercache.environment_key(config, "https://a.example/", None)
    assert first == rendercache.environment_key(config, "https://a.example/", None)
    assert first != rendercache.environment_key(config, None, None)
    config.write_text("site_name: b\n", encoding="utf-8")
    assert first != rendercache.environment_key(config, "https://a.example/", None)


def test_search_shards_group_thin_years_and_keep_every_article() -> None:
    from civicnews.site.hooks import search_shards

    arts = [parse_article(article_markdown(f"x{i}", "标题", date=f"{2015 + i % 4}-0{1 + i % 9}-01"))
            for i in range(12)]
    arts.append(parse_article(article_markdown("u", "标题", date=None)))
    keys = {a.id: f"k{a.id}" for a in arts}
    one_a_unit = search_shards(arts, keys, minimum=1)  # the newest year (2018) by month
    assert sorted(s.name for s in one_a_unit) == ["2015", "2016", "2017", "2018-03", "2018-04",
                                                  "2018-08", "undated"]
    together = search_shards(arts, keys, minimum=6)
    assert sorted(s.name for s in together) == ["2015~2016", "2017~2018-08", "undated"]
    for shards in (one_a_unit, together):
        pages = [p for s in shards for p, _k in s.pages]
        assert sorted(pages) == sorted(f"a/{a.id}/index.html" for a in arts)


def test_a_new_article_changes_only_the_newest_shard() -> None:
    """The newest year is sharded by month: an article of its last month re-indexes a shard of
    a few months, not the year; once a newer year starts the year is one shard again, and an
    older year's shard never changes."""
    from civicnews.site.hooks import search_shards

    def shards(dates: list[str]) -> dict[str, str]:
        arts = [parse_article(article_markdown(f"x{i}", "标题", date=d))
                for i, d in enumerate(dates)]
        return {s.name: s.key() for s in search_shards(arts, {a.id: "k" for a in arts}, 6)}

    dates = [f"2022-0{1 + i % 8}-01" for i in range(8)] + \
        [f"2023-0{1 + i % 6}-0{1 + i // 6}" for i in range(18)]  # three a month, January-June
    before = shards(dates)
    assert sorted(before) == ["2022", "2023-01~2023-02", "2023-03~2023-04", "2023-05~2023-06"]
    after = shards([*dates, "2023-06-28"])
    assert {n for n in after if after[n] != before.get(n)} == {"2023-05~2023-06"}
    next_year = shards([*dates, "2023-06-28", "2024-01-02"])
    assert sorted(next_year) == ["2022", "2023", "2024-01"]
    assert next_year["2022"] == before["2022"]


def test_a_thin_archives_new_article_reindexes_a_small_shard() -> None:
    """About a hundred articles a year (the 1,000-article bench): the years since the last full
    shard hold the newest articles; they are split into shards of SHARD_RECENT_MIN, so a new
    article re-indexes the newest year's months, not every article since that shard, and no
    other shard changes."""
    counts = {str(y): 105 for y in range(2015, 2024)} | {f"2024-{m:02d}": 5 for m in range(1, 13)}

    def sizes(units: dict[str, int]) -> dict[str, int]:
        out: dict[str, int] = {}
        for unit, name in search.group_units(units).items():
            out[name] = out.get(name, 0) + units[unit]
        return out

    before = sizes(counts)
    newest = search.group_units(counts)["2024-12"]
    assert before[newest] < search.SHARD_RECENT_MIN
    assert sum(before.values()) == sum(counts.values())
    after = sizes({**counts, "2024-12": 6})
    assert {n for n in after if after[n] != before.get(n)} == {newest}
    assert set(after) == set(before)


def test_a_shard_key_moves_only_with_its_pages() -> None:
    shard = search.Shard("2023", (("a/x/index.html", "1"), ("a/y/index.html", "2")))
    same = search.Shard("2023", (("a/y/index.html", "2"), ("a/x/index.html", "1")))
    assert shard.key() == same.key()
    assert shard.key() != search.Shard("2023", (("a/x/index.html", "1"),
                                                 ("a/y/index.html", "3"))).key()


def _page(site: Path, art_id: str, text: str) -> str:
    path = f"a/{art_id}/index.html"
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(
        f'<html lang="zh"><body><article data-pagefind-body><h1>{text}</h1><p>{text}</p>'
        "</article></body></html>", encoding="utf-8")
    return path


def test_sharded_index_layout_and_reuse(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    old = search.Shard("2015", ((_page(site, "o", "旧城改造"), "1"),))
    new = search.Shard("2023", ((_page(site, "n", "开发区建设"), "2"),))
    first = search.build_sharded(site, [old, new], cache)
    assert first.names == ["2023", "2015"] and first.indexed == 2
    bundle = site / "pagefind"
    assert json.loads((bundle / "shards.json").read_text(encoding="utf-8")) == {
        "merge": ["shards/2015/"]}
    assert (bundle / "pagefind-ui.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    merged = bundle / "shards" / "2015"
    assert (merged / "pagefind-entry.json").is_file() and not (merged / "pagefind-ui.js").exists()
    files = {p.relative_to(site): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    again = search.build_sharded(site, [old, new], cache)
    assert again.indexed == 0  # both shards from the cache
    assert {p.relative_to(site): p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == files
    changed = search.Shard("2023", ((_page(site, "n", "开发区新闻"), "3"),))
    assert search.build_sharded(site, [old, changed], cache).indexed == 1


def test_a_kept_staging_indexes_what_a_fresh_one_does(tmp_path: Path) -> None:
    """A shard indexed again restages only what changed; its bundle is the one a fresh
    staging gives, a page replaced in the site is staged anew (never the stale file), a page
    gone from the shard is dropped, and a staging whose list is missing is staged afresh."""
    site, cache = tmp_path / "site", tmp_path / "cache"

    def bundle_files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file()}

    first = search.Shard("2023", ((_page(site, "a", "旧城改造"), "1"),
                                  (_page(site, "b", "开发区建设"), "2")))
    assert search.build_sharded(site, [first], cache).indexed == 1
    staged = cache / f"{search.STAGE_PREFIX}2023"
    assert json.loads((staged / search.STAGED_LIST).read_text(encoding="utf-8")) == {
        "a/a/index.html": "1", "a/b/index.html": "2"}
    (site / "a" / "b" / "index.html").unlink()  # a re-rendered page is a new file
    second = search.Shard("2023", ((_page(site, "b", "水库除险加固"), "3"),
                                   (_page(site, "c", "乡村振兴"), "4")))
    assert search.build_sharded(site, [second], cache).indexed == 1
    assert sorted(p.relative_to(staged / "site").as_posix()
                  for p in (staged / "site").rglob("*.html")) == ["a/b/index.html",
                                                                  "a/c/index.html"]
    assert "水库" in (staged / "site" / "a" / "b" / "index.html").read_text(encoding="utf-8")
    kept = bundle_files(site / "pagefind")
    fresh_site = tmp_path / "fresh"
    shutil.copytree(site, fresh_site, ignore=shutil.ignore_patterns("pagefind"))
    search.build_sharded(fresh_site, [second], None)
    assert bundle_files(fresh_site / "pagefind") == kept
    # A build killed while staging leaves no list: nothing staged then is trusted.
    (staged / search.STAGED_LIST).unlink()
    (staged / "site" / "a" / "x").mkdir()
    (staged / "site" / "a" / "x" / "index.html").write_text("<html><body><article "
                                                            "data-pagefind-body>残留</article>"
                                                            "</body></html>", encoding="utf-8")
    third = search.Shard("2023", (*second.pages, (_page(site, "d", "残疾人就业"), "5")))
    assert search.build_sharded(site, [third], cache).indexed == 1
    assert not (staged / "site" / "a" / "x").exists()


def test_a_page_staged_early_is_checked_against_the_page_made(tmp_path: Path) -> None:
    """A page staged before MkDocs made it (``stage_early``) gives the bundle a fresh index of
    the site gives when the page made is the same; when it differs, or is never handed over
    (served from the render cache), its shard is indexed again from the page made."""
    site, cache = tmp_path / "site", tmp_path / "cache"

    def bundle_files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file()}

    def fresh(shard: search.Shard) -> dict[str, bytes]:
        out = tmp_path / f"fresh-{shard.pages[-1][1]}"
        shutil.copytree(site, out, ignore=shutil.ignore_patterns("pagefind"))
        search.build_sharded(out, [shard], None)
        return bundle_files(out / "pagefind")

    old = _page(site, "a", "旧城改造")
    assert search.build_sharded(site, [search.Shard("2023", ((old, "1"),))], cache).indexed == 1
    for key, handed in (("2", "same"), ("3", "other"), ("4", None)):
        new = _page(site, f"n{key}", "开发区建设")
        made = (site / new).read_text(encoding="utf-8")
        shard = search.Shard("2023", ((old, "1"), (new, key)))
        indexer = search.ShardIndexer(site, [shard], cache)
        assert indexer.wants(new) and not indexer.wants(old)
        indexer.stage_early(new, made if handed == "same" else made.replace("开发区", "水库"))
        indexer.start()
        if handed is not None:
            indexer.put(new, made)
        indexer.finish()
        assert indexer.reindexed == (handed != "same")
        assert bundle_files(site / "pagefind") == fresh(shard), handed


def test_an_eager_indexer_indexes_a_shard_once_its_last_page_is_put(tmp_path: Path) -> None:
    """With ``eager``, a shard is indexed as soon as the last of its pages not in the site is
    put (before ``start``), one with a page still to come is not; the bundles are a fresh
    index's of the finished site."""
    site, cache = tmp_path / "site", tmp_path / "cache"

    def bundle_files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file()}

    served = _page(site, "s", "旧城改造")  # from the render cache: in the site already
    texts = {rel: (site / rel).read_text(encoding="utf-8")
             for rel in (_page(site, "a", "开发区建设"), _page(site, "b", "水库除险加固"),
                         _page(site, "c", "乡村振兴"))}
    a, b, c = sorted(texts)
    shards = [search.Shard("2024", ((served, "1"), (a, "2"))),
              search.Shard("2023", ((b, "3"), (c, "4")))]
    for rel in texts:  # MkDocs has not drawn these yet
        (site / rel).unlink()
    indexer = search.ShardIndexer(site, shards, cache)
    indexer.eager(1)
    indexer.put(a, texts[a])
    indexer.put(b, texts[b])
    indexer._flush()
    indexer._join()
    assert indexer.indexed == 1 and "2023" in indexer.staging and "2024" not in indexer.staging
    indexer.put(c, texts[c])
    for rel, text in texts.items():  # drawn
        (site / rel).write_text(text, encoding="utf-8")
    result = indexer.finish()
    assert result.indexed == 2 and indexer.reindexed == 0
    fresh_site = tmp_path / "fresh"
    shutil.copytree(site, fresh_site, ignore=shutil.ignore_patterns("pagefind"))
    search.build_sharded(fresh_site, shards, None)
    assert bundle_files(site / "pagefind") == bundle_files(fresh_site / "pagefind")


@pytest.mark.skipif(not (ROOT / "articles" / "pages").is_dir(), reason="no seed pages")
def test_a_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    """A second build of the same articles renders no page and indexes no shard; after one
    article is retitled, only the pages showing it are rendered again."""
    sys.path.insert(0, str(ROOT / "tests"))
    from e2e.project import FOOTER, copy_project

    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p", FOOTER)

    def build() -> tuple[int, int, int]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICNEWS_")}
        env.update(SITE_URL="https://example.org/civicnews/", NO_MKDOCS_2_WARNING="1")
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                              cwd=project, env=env, capture_output=True, text=True,
                              timeout=600, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        cached = re.search(r"civicnews: (\d+) of (\d+) pages from the render cache", proc.stderr)
        shards = re.search(r"search in \d+ shards \((\d+) indexed", proc.stderr)
        assert cached and shards, proc.stderr[-3000:]
        return int(cached.group(1)), int(cached.group(2)), int(shards.group(1))

    def feeds() -> dict[Path, Path]:
        return {p.relative_to(project / "site"): p for p in (project / "site").rglob("*.xml")
                if p.name in ("rss.xml", "atom.xml")}

    cold = build()
    assert cold[0] == 0 and cold[1] > 0 and cold[2] >= 1
    cold_feeds = {rel: p.read_bytes() for rel, p in feeds().items()}
    warm = build()
    assert warm[0] == warm[1] == cold[1] and warm[2] == 0
    # Unchanged feeds are the feed cache's files (links), the same bytes as written cold.
    assert cold_feeds and {rel: p.read_bytes() for rel, p in feeds().items()} == cold_feeds
    assert all(p.stat().st_nlink > 1 for p in feeds().values())
    # An editor retitles one article: it, its neighbours and the lists showing it change.
    corrections = project / "articles" / "corrections.yml"
    listed = corrections.read_text(encoding="utf-8")
    ids = sorted(p.stem for p in (project / "docs" / "articles").glob("*.md"))
    target = next(i for i in ids[len(ids) // 2:] if i not in listed)
    corrections.write_text(listed.rstrip("\n") + f"\n{target}: {{title: 改过的标题}}\n",
                           encoding="utf-8")
    after = build()
    assert after[1] == cold[1] and 0 < after[0] < after[1]
    assert after[2] == 1  # the shard with the retitled article, and no other


def _site_build(project: Path) -> str:
    """``mkdocs build --strict`` of a project as CI runs it (its own caches); its log."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICNEWS_")}
    env.update(SITE_URL="https://example.org/civicnews/", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stderr


def _built_files(project: Path) -> dict[str, bytes]:
    """Everything a build leaves for readers and editors: the site, the extracted articles,
    the editors' report and the id ledger."""
    roots = [project / "site", project / "docs" / "articles", project / "docs" / "editor"]
    found = {str(p.relative_to(project)): p.read_bytes()
             for root in roots for p in root.rglob("*") if p.is_file()}
    for rel in ("docs/report.json", "articles/ids.yml"):
        found[rel] = (project / rel).read_bytes()
    return found


def test_a_rebuild_after_one_new_page_writes_what_a_clean_build_does(tmp_path: Path) -> None:
    """An editor's daily run (issue 13): a site built, then one page and its manifest line
    added and the site built again from the caches. Every file it leaves (site, feeds, search,
    articles, report, ledger) is the same bytes as a clean build of all the pages writes."""
    sys.path.insert(0, str(ROOT / "tests"))
    from e2e.project import FOOTER, copy_project

    projects = []
    for name in ("rebuilt", "clean"):
        (tmp_path / name).mkdir()
        project = copy_project(tmp_path / name, FOOTER)
        (project / "articles" / "ids.yml").unlink()  # ids given by these builds alone
        projects.append(project)
    rebuilt, clean = projects
    pages = rebuilt / "articles" / "pages"
    manifest = (pages / "pages.yml").read_text(encoding="utf-8")
    newest = sorted(pages.glob("*.txt"))[-1]  # the last page in order, as a day's new page
    text = newest.read_bytes()
    line = next(x for x in manifest.splitlines() if x.startswith(newest.name + ":"))
    newest.unlink()
    (pages / "pages.yml").write_text(manifest.replace(line + "\n", ""), encoding="utf-8")
    _site_build(rebuilt)
    newest.write_bytes(text)
    (pages / "pages.yml").write_text(manifest, encoding="utf-8")
    log = _site_build(rebuilt)
    cached = re.search(r"civicnews: (\d+) of (\d+) pages from the render cache", log)
    assert cached and 0 < int(cached.group(1)) < int(cached.group(2))  # a real rebuild
    _site_build(clean)
    after, reference = _built_files(rebuilt), _built_files(clean)
    assert sorted(after) == sorted(reference)
    assert [rel for rel in sorted(after) if after[rel] != reference[rel]] == []


def test_headline_terms_are_cached_by_headline(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from civicnews.site import related

    arts = [parse_article(article_markdown("a", "垃圾分类进小区")),
            parse_article(article_markdown("b", "开发区建设提速"))]
    cache = tmp_path / "terms.json"
    first = related.cached_terms(arts, cache)
    assert first == {a.id: related.headline_terms(a) for a in arts}

    def no_jieba(text: str) -> frozenset[str]:
        raise AssertionError(f"segmented again: {text}")

    monkeypatch.setattr(related, "terms_of", no_jieba)
    assert related.cached_terms(arts, cache) == first


def test_an_article_page_key_follows_what_its_page_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The render key is made from the wrapper's inputs (the article, its URL, its page text
    link, its neighbours, the site name), not from the drawn wrapper: whatever the page shows
    moves the key, and the key is the same for the same inputs."""
    from dataclasses import replace
    from types import SimpleNamespace

    from civicnews.site import hooks, related
    from civicnews.site.articles import ArticleMeta, Source

    def art(i: int, title: str) -> ArticleMeta:
        return ArticleMeta(id=f"2023-04-0{i}-1-1", title=title, body="正文。", date=f"2023-04-0{i}",
                           districts=("东城街道",), source=Source(file=f"p{i}.txt"))

    a, older, newer = art(2, "本篇"), art(1, "上一篇"), art(3, "下一篇")
    config = SimpleNamespace(site_url="https://example.org/", site_name="县域新闻")

    def key(neigh: related.Neighbours, *, cfg: object = config, sources: dict | None = None,
            article: ArticleMeta = a) -> tuple[str, str]:
        monkeypatch.setattr(hooks._STATE, "neighbours", {a.id: neigh})
        monkeypatch.setattr(hooks._STATE, "sources", sources or {})
        return hooks._article_keys(article, cfg, "env", hooks._Digests())

    plain = related.Neighbours(older=older, newer=newer, related=(newer,),
                               in_district=(("东城街道", older, None),))
    first = key(plain)
    assert key(related.Neighbours(older=older, newer=newer, related=(newer,),
                                  in_district=(("东城街道", older, None),))) == first
    retitled = replace(older, title="改过的上一篇")
    moved = [key(replace(plain, older=retitled)),
             key(replace(plain, related=())),
             key(replace(plain, in_district=(("东城街道", retitled, None),))),
             key(plain, cfg=SimpleNamespace(site_url="https://example.org/", site_name="另一个")),
             key(plain, sources={"p2.txt": Path("p2.txt")}),
             key(plain, article=replace(a, body="改过的正文。"))]
    assert len({first[0], *(k[0] for k in moved)}) == len(moved) + 1
    # the search key reads the article alone: neighbours and the site name leave it be
    assert moved[0][1] == moved[1][1] == moved[3][1] == first[1] != moved[5][1]
    assert key(plain, article=replace(a, path="elsewhere.md")) == first  # where it was read from


def test_cached_pages_are_placed_as_links_to_read_only_files(tmp_path: Path) -> None:
    from civicnews.site import rendercache

    cache = rendercache.RenderCache(tmp_path / "cache")
    cache.put("ab" * 32, b"<html>cached</html>")
    hit = cache.get("ab" * 32)
    assert hit is not None
    assert hit.stat().st_mode & 0o777 == rendercache.READ_ONLY
    fresh = tmp_path / "site" / "a" / "x" / "index.html"
    rendercache.place(hit, fresh)
    assert fresh.read_bytes() == b"<html>cached</html>" and fresh.samefile(hit)
    # --dirty: the last build's file is replaced by a copy, so writing into the site later
    # never reaches the cache.
    old = tmp_path / "site" / "old.html"
    old.write_bytes(b"stale")
    rendercache.place(hit, old, link=False)
    assert old.read_bytes() == b"<html>cached</html>" and not old.samefile(hit)
    rendercache.place(hit, old)  # a file already there is replaced by the link
    assert old.samefile(hit)


@pytest.mark.parametrize("surveyed", [False, True])
def test_the_last_site_is_taken_back_where_it_holds_the_cached_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, surveyed: bool) -> None:
    """recycle keeps exactly the last site's links to the pages this build serves from the
    cache at the same place; every other file and folder leaves the site. The same from the
    folders survey listed ahead (then recycle lists none itself)."""
    from civicnews.site import rendercache

    cache = rendercache.RenderCache(tmp_path / "cache")
    for key in ("aa" * 32, "bb" * 32, "cc" * 32):
        cache.put(key, key.encode())
    same, moved, new = (cache.get(k) for k in ("aa" * 32, "bb" * 32, "cc" * 32))
    assert same and moved and new
    old = tmp_path / ".site.old"
    rendercache.place(same, old / "a" / "1" / "index.html")
    rendercache.place(moved, old / "a" / "2" / "index.html")  # this build serves it elsewhere
    (old / "a" / "3").mkdir()
    (old / "a" / "3" / "index.html").write_bytes(b"a page rendered last time")
    (old / "a" / "1" / "extra.txt").write_bytes(b"x")
    (old / "pagefind" / "fragment").mkdir(parents=True)
    (old / "pagefind" / "fragment" / "f1").write_bytes(b"f")
    (old / "sitemap.xml").write_bytes(b"<urlset/>")
    (old / "gone").symlink_to(old / "sitemap.xml")
    trash = tmp_path / "trash"
    trash.mkdir()
    site = tmp_path / "site"
    wanted = {"a/1/index.html": same, "a/3/index.html": new, "a/4/index.html": moved}
    listed = rendercache.survey(old) if surveyed else None
    if surveyed:
        assert sorted(n for n, _folder, _ino in listed["a"]) == ["1", "2", "3"]
    scanned: list[str] = []
    real_scandir = os.scandir
    with monkeypatch.context() as patch:
        patch.setattr(rendercache.os, "scandir",
                      lambda path: scanned.append(str(path)) or real_scandir(path))
        kept = rendercache.recycle(old, site, wanted, trash, listed)
    assert (scanned == []) == surveyed
    assert kept == {"a/1/index.html"}
    assert not old.exists()
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if not p.is_dir())
    assert files == ["a/1/index.html"]
    assert (site / "a" / "1" / "index.html").samefile(same)
    assert sorted(p.name for p in site.iterdir()) == ["a"]
    assert sorted(p.name for p in (site / "a").iterdir()) == ["1", "3"]  # 3 is written again
    # folders with nothing to keep went whole to the trash (a/2 and pagefind)
    moved_away = sorted(p.relative_to(trash).as_posix() for p in trash.rglob("*")
                        if not p.is_dir())
    assert len(moved_away) == 2 and same.read_bytes() == b"aa" * 32


def test_jieba_dictionary_from_the_cache_is_jiebas_own(tmp_path: Path) -> None:
    """wordlist.warm gives jieba's tokenizer the words and total jieba loads itself, the first
    time (kept) and from the kept copy."""
    script = (
        "import sys, jieba\n"
        "from pathlib import Path\n"
        "from civicnews import wordlist\n"
        "wordlist.warm(Path(sys.argv[1]))\n"
        "own = jieba.Tokenizer(); own.initialize()\n"
        "assert jieba.dt.initialized and jieba.dt.total == own.total\n"
        "assert len(jieba.dt.FREQ) == sum(1 for n in own.FREQ.values() if n)\n"
        "assert all(jieba.dt.FREQ.get(w) == (n or None) for w, n in own.FREQ.items())\n"
        "print(len(list((Path(sys.argv[1]) / wordlist.FOLDER).glob('words-*.pickle'))))\n"
    )
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                              text=True, timeout=300, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.strip() == "1"


def test_district_paths_kept_between_builds_are_the_gazetteers(tmp_path: Path) -> None:
    """District paths read from the kept memo (and a memo of other stories) are the paths the
    gazetteer gives, name by name, whatever the story's other districts."""
    from civicnews.rules import load_rules
    from civicnews.site import hooks

    districts = [("城关镇", "汉阴县"), ("城关镇",), ("永康市", "城关镇"), ("柯城区",),
                 ("不存在的地方",), ("江东街道", "义乌市")]
    arts = [parse_article(article_markdown(f"a{i}", f"标题{i}", districts=d), f"a{i}.md")
            for i, d in enumerate(districts)]
    gaz = load_rules().gazetteer
    expected: dict[str, list[str]] = {}
    for art in arts:
        for name in art.districts:
            code = gaz.resolve(name, art.districts)
            if code is not None and name not in expected:
                expected[name] = [gaz.divisions[c].name for c in gaz.path(code)[:-1]]
    memo = tmp_path / "paths.pickle"
    assert hooks._district_paths(arts, memo)[0] == expected
    assert memo.is_file()
    # The names were looked up: the rules no longer hold the gazetteer (~38 MB) for the rest
    # of the build.
    assert "gazetteer" not in load_rules().__dict__
    for order in (arts, arts[::-1], arts[2:]):
        assert hooks._district_paths(order, memo) == hooks._district_paths(order)
    assert hooks._district_paths(arts, memo)[0] == expected


def test_district_paths_from_the_workers_answers_need_no_gazetteer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names the extraction workers answered for (places.spelling under the gazetteer's key)
    give the same paths and memo as the gazetteer and are not looked up again; answers under
    another gazetteer's key are not taken."""
    from civicnews import places
    from civicnews.rules import load_rules
    from civicnews.site import hooks

    districts = [("城关镇", "汉阴县"), ("城关镇",), ("永康市", "城关镇"), ("不存在的地方",)]
    arts = [parse_article(article_markdown(f"a{i}", f"标题{i}", districts=d), f"a{i}.md")
            for i, d in enumerate(districts)]
    expected = hooks._district_paths(arts, tmp_path / "looked-up.pickle")
    rules = load_rules()
    names = {n for a in arts for n in a.districts}
    answers = {n: places.spelling(rules.gazetteer, n) for n in names}
    key = places.gazetteer_key(rules)
    rules.forget_gazetteer()
    asked: list[str] = []
    real = places.spelling
    monkeypatch.setattr(places, "spelling", lambda gaz, name: asked.append(name) or real(gaz, name))
    memo = tmp_path / "answered.pickle"
    assert hooks._district_paths(arts, memo, {key: answers}) == expected
    assert asked == []
    assert "gazetteer" not in load_rules().__dict__
    assert memo.read_bytes() == (tmp_path / "looked-up.pickle").read_bytes()
    assert hooks._district_paths(arts, None, {"another key": answers}) == expected
    assert sorted(asked) == sorted(names)


def test_an_article_read_from_a_file_is_keyed_by_its_text(tmp_path: Path) -> None:
    """load_articles gives each article's text hash; a page key then names the article by it
    (the article is a function of its text), and a changed text changes the key."""
    from civicnews.site import hooks
    from civicnews.site.articles import load_articles

    for text_id, title in (("a1", "旧标题"), ("a2", "另一篇")):
        (tmp_path / f"{text_id}.md").write_text(article_markdown(text_id, title), encoding="utf-8")
    texts: dict[str, str] = {}
    first = {a.id: a for a in load_articles(tmp_path, None, texts)}
    assert sorted(texts) == ["a1", "a2"] and texts["a1"] != texts["a2"]
    before = hooks._Digests(texts)(first["a1"])
    assert before == hooks._Digests(dict(texts))(first["a1"])
    (tmp_path / "a1.md").write_text(article_markdown("a1", "新标题"), encoding="utf-8")
    again: dict[str, str] = {}
    second = {a.id: a for a in load_articles(tmp_path, None, again)}
    assert hooks._Digests(again)(second["a1"]) != before
    assert hooks._Digests(again)(second["a2"]) == hooks._Digests(texts)(first["a2"])


def test_articles_read_while_racy_are_settled_later(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Article files read right after they were written (a cold build) are read again once
    older (settle_parsed) and then trusted by the next load; one changed since is not."""
    from civicnews.site import articles

    monkeypatch.setattr(articles, "RACY_NS", 20_000_000)  # 20 ms: the test need not wait 2 s
    docs, memo = tmp_path / "docs", tmp_path / "parsed.pickle"
    docs.mkdir()
    for text_id in ("a1", "a2"):
        (docs / f"{text_id}.md").write_text(article_markdown(text_id, "标题"), encoding="utf-8")
    kept: dict = {}
    articles.load_articles(docs, memo, None, kept)
    assert articles.settle_parsed(docs, memo, kept, minimum=1) == 0  # still too new
    time.sleep(0.05)
    assert articles.settle_parsed(docs, memo, kept, minimum=3) == 0  # too few to bother
    assert articles.settle_parsed(docs, memo, kept, minimum=1) == 2
    read: list[str] = []
    real = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read.append(self.name)
                        or real(self, *a, **k))
    assert [a.title for a in articles.load_articles(docs, memo)] == ["标题"] * 2
    assert [name for name in read if name.endswith(".md")] == []  # trusted by their states
    (docs / "a3.md").write_text(article_markdown("a3", "新的"), encoding="utf-8")
    third: dict = {}
    articles.load_articles(docs, memo, None, third)
    (docs / "a3.md").write_text(article_markdown("a3", "改过"), encoding="utf-8")
    time.sleep(0.05)
    assert articles.settle_parsed(docs, memo, third, minimum=1) == 0  # a3 changed since read
    read.clear()
    assert "改过" in [a.title for a in articles.load_articles(docs, memo)]
    assert "a3.md" in read


def test_memos_left_to_write_later_are_written_only_when_called(tmp_path: Path) -> None:
    """load_articles' and cached_terms' ``later``: nothing is written until the calls run,
    and then the same memos as written at once (the site build writes them once related news
    has started)."""
    from civicnews.site import articles, related

    docs = tmp_path / "docs"
    docs.mkdir()
    for text_id in ("a1", "a2"):
        (docs / f"{text_id}.md").write_text(article_markdown(text_id, f"标题{text_id}"),
                                            encoding="utf-8")
    memo, terms_file = tmp_path / "later" / "parsed.pickle", tmp_path / "later" / "terms.json"
    later: list = []
    found = articles.load_articles(docs, memo, None, None, None, later)
    ready = {related.headline_text(a.kicker, a.title, a.subtitle): ["标题"] for a in found}
    terms = related.cached_terms(found, terms_file, None, ready, later)
    assert len(later) == 2 and not memo.exists() and not terms_file.exists()
    for write in later:
        write()
    now = articles.load_articles(docs, tmp_path / "now" / "parsed.pickle")
    assert related.cached_terms(now, tmp_path / "now" / "terms.json", None, ready) == terms
    assert terms_file.read_bytes() == (tmp_path / "now" / "terms.json").read_bytes()
    assert articles._read_parsed(memo)[0].keys() == \
        articles._read_parsed(tmp_path / "now" / "parsed.pickle")[0].keys()
    again: list = []
    assert articles.load_articles(docs, memo, None, None, None, again) == found
    assert related.cached_terms(found, terms_file, None, None, again) == terms
    assert again == []  # both memos up to date: nothing left to write


def test_rendered_pages_become_links_and_a_dirty_build_never_writes_into_one(
        tmp_path: Path) -> None:
    """keep puts a written page in the cache as the same file (read-only, replacing an
    older entry); unshare lets a later write make a new file instead of writing through the
    link into the cache."""
    import stat

    from civicnews.site import rendercache

    cache = rendercache.RenderCache(tmp_path / "cache")
    cached = cache.path("ab" * 32)
    page = tmp_path / "site" / "a" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"<html>page</html>")
    made: set[Path] = set()
    rendercache.keep(page, cached, made)
    assert page.samefile(cached) and cached.read_bytes() == b"<html>page</html>"
    assert stat.S_IMODE(cached.stat().st_mode) == rendercache.READ_ONLY
    assert made == {cached.parent} and not list(cached.parent.glob("*.tmp"))
    other = tmp_path / "site" / "other.html"
    other.write_bytes(b"<html>another page</html>")
    rendercache.keep(other, cached, made)  # a newer page under the same key replaces it
    assert other.samefile(cached) and not page.samefile(cached)
    rendercache.unshare(page)  # its own file since the cache entry was replaced: stays
    assert page.read_bytes() == b"<html>page</html>"
    rendercache.unshare(other)
    other.write_bytes(b"<html>rendered again</html>")
    assert cached.read_bytes() == b"<html>another page</html>"


@pytest.mark.parametrize("site_url", ["https://example.org/civicnews/", "https://example.org",
                                      "https://example.org/a//b/", "https://例子.cn/x/../y/",
                                      "http://h/p;q/", None])
def test_sitemap_addresses_of_cached_pages_are_mkdocs_own(site_url: str | None) -> None:
    """The sitemap's entries for pages served from the cache (hooks._Canonical after Page()
    without site_url) have the canonical and absolute URLs MkDocs' Page gives them."""
    from civicnews.site import hooks
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_url": site_url, "docs_dir": "/tmp/docs",
                      "site_dir": "/tmp/site"})
    bare = {"site_url": None, "repo_url": None, "edit_uri": None, "edit_uri_template": None}
    canonical = hooks._Canonical(config.get("site_url"))
    if site_url == "https://example.org/civicnews/":
        assert canonical.path == "/civicnews/"  # the plain join is taken
    for src in ["index.md", "a/2023-04-03-1-2.md", "districts/%E6%B0%B8.md", "x/../y.md",
                "a/b;c.md", "a/.hidden.md", "a/b c.md", "archive/2023-04/2.md"]:
        want = Page(None, File(src, None, "/tmp/site", True), config)
        got = Page(None, File(src, None, "/tmp/site", True), bare)  # type: ignore[arg-type]
        canonical(got)
        assert (got.canonical_url, got.abs_url, got.update_date, got.edit_url) == \
            (want.canonical_url, want.abs_url, want.update_date, want.edit_url), src


@pytest.mark.parametrize("site_url", ["https://example.org/civicnews/", "https://example.org",
                                      "http://h/p;q/", None])
def test_sitemap_without_jinja_is_mkdocs_own(site_url: str | None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """hooks._Sitemap (on_pre_template) writes what MkDocs' sitemap.xml template writes of the
    same context: live pages with and without a date, a link, cached pages listed without a
    Page (a plain URL) and with one (any other URL, on_template_context)."""
    from civicnews.site import hooks
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page
    from mkdocs.theme import Theme

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_url": site_url, "docs_dir": "/tmp/docs",
                      "site_dir": "/tmp/site"})
    template = Theme(name="mkdocs").get_env().get_template("sitemap.xml")  # MkDocs' own
    live = [File(src, "/tmp/docs", "/tmp/site", True)
            for src in ["index.md", "archive/2023-04/2.md", "a/b&c.md", "undated.md"]]
    for f in live:
        Page(None, f, config)
    live[3].page.update_date = None  # type: ignore[union-attr]
    link = File("link.md", "/tmp/docs", "/tmp/site", True)
    page = Page(None, link, config)
    page.is_link = True  # as a Link would list
    cached = [File(src, "/tmp/docs", "/tmp/site", True)
              for src in ["a/2023-04-03-1-2.md", "a/b c.md", "districts/%E6%B0%B8.md"]]
    monkeypatch.setattr(hooks, "_STATE", hooks._State())
    hooks._STATE.cached = {f.src_uri: f for f in cached}
    hooks._STATE.doc_order = [cached[0], live[0], cached[1], live[1], cached[2], live[2], link,
                              live[3]]
    fast = hooks.on_pre_template(template, "sitemap.xml", config)
    assert isinstance(fast, hooks._Sitemap) and hooks._STATE.sitemap_fast
    context = hooks.on_template_context({"pages": [*live, link]}, "sitemap.xml", config)
    if site_url:
        assert cached[0].page is None  # listed without a Page
    got = fast.render(context)
    for f in cached:  # what MkDocs' template writes, every cached page given its Page
        if f.page is None:
            hooks._Canonical(config.get("site_url"))(Page(None, f, config))
    assert got == template.render(context)
    assert got.count("<url>") == (7 if site_url else 0)  # the link is not listed
    hooks._STATE.sitemap_fast = False
    hooks._STATE.cached = {}
    assert hooks.on_pre_template(template, "sitemap.xml", config) is template  # nothing cached


def test_related_news_starts_in_on_config_and_a_failed_build_stops_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The articles are read and related news started once extraction is done (on_files then
    takes them over); a build that fails before on_files leaves no related-news child."""
    from types import SimpleNamespace

    from civicnews.site import hooks, related
    from civicnews.site.fixtures import write_article

    docs = tmp_path / "docs"
    for i, name in enumerate(["永康市", "柯城区", "永康市"]):
        write_article(docs / hooks.ARTICLES_OUT, f"a{i}", f"标题{i}", districts=[name])
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    config = SimpleNamespace(docs_dir=str(docs), config_file_path=str(tmp_path / "mkdocs.yml"),
                             site_url=None)
    started: list[int] = []
    closed: list[int] = []

    class Apart(related.RelatedApart):
        def __init__(self, articles: list, terms: dict, **kwargs: object) -> None:
            started.append(len(articles))
            super().__init__(articles, terms, minimum=1, **kwargs)  # a real child, even for 3

        def close(self) -> None:
            closed.append(1)
            super().close()

    monkeypatch.setattr(related, "RelatedApart", Apart)
    monkeypatch.setattr(hooks, "_STATE", hooks._State())
    hooks._read_articles(config)
    assert started == [3] and hooks._STATE.early is not None
    articles, _texts, terms, apart = hooks._STATE.early
    assert sorted(a.id for a in articles) == ["a0", "a1", "a2"]
    found = apart.result()  # what the child worked out
    assert {k: [a.id for a in v] for k, v in found.items()} == \
        {k: [a.id for a in v] for k, v in related.related_articles(articles, terms=terms).items()}
    hooks._read_articles(config)  # a second build: the first one's child is stopped
    assert closed == [1] and started == [3, 3]
    hooks.on_build_error(RuntimeError("failed before on_files"))
    assert hooks._STATE.early is None and closed == [1, 1]


def test_a_small_archives_shards_are_smaller_and_a_large_ones_unchanged() -> None:
    """Pagefind's memory grows with its shard: a thin archive (~100 articles a year, 1,000 in
    all) is indexed in shards of one year, not three, while a 10,000-article archive
    (~1,000 a year) is grouped as with SHARD_MIN."""
    def sizes(counts: dict[str, int], minimum: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for unit, name in search.group_units(counts, minimum).items():
            out[name] = out.get(name, 0) + counts[unit]
        return out

    thin = {str(y): 105 for y in range(2015, 2025)} | {"2025-01": 1}
    small = search.shard_minimum(sum(thin.values()))
    assert max(sizes(thin, small).values()) <= 2 * 105
    assert max(sizes(thin, search.SHARD_MIN).values()) > 2 * 105
    large = {str(y): 1_020 for y in range(2015, 2025)} | {f"2025-{m:02d}": 85 for m in (1, 2)}
    minimum = search.shard_minimum(sum(large.values()))
    assert search.group_units(large, minimum) == search.group_units(large, search.SHARD_MIN)


def test_a_thin_archives_years_are_shards_of_their_own() -> None:
    """At 1,000 articles (years of 94-114 articles, as the bench's 1k archive) each year before
    the newest is a shard alone: two years a shard (~200 articles) made Pagefind the build's
    largest process (84-89 MB against the 81 MB goal); the newest year's months are in shards
    no larger than a year."""
    years = {str(2015 + i): n for i, n in enumerate((112, 109, 104, 105, 100, 114, 101, 94, 107))}
    thin = years | {f"2024-{m:02d}": 9 for m in range(1, 13)}
    minimum = search.shard_minimum(sum(thin.values()))
    shards = search.group_units(thin, minimum)
    assert all(shards[year] == year for year in years)
    sizes: dict[str, int] = {}
    for unit, name in shards.items():
        sizes[name] = sizes.get(name, 0) + thin[unit]
    assert max(sizes.values()) == max(years.values())
