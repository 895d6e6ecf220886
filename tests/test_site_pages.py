"""Unit tests for the portal's article reader and page generators (pure functions)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from civicnews.site import pages
from civicnews.site.articles import (
    ArticleError,
    ArticleMeta,
    excerpt,
    load_articles,
    newest_first,
    paragraphs,
    parse_article,
    plain_text,
)
from civicnews.site.fixtures import article_markdown, write_article
from civicnews.site.rendercache import RenderCache
from hypothesis import given, settings
from hypothesis import strategies as st

CITIES = {"永康市": "金华市", "永康经济开发区": "金华市", "柯城区": "衢州市", "金华市": "金华市"}
ORDER = ["金华市", "永康市", "永康经济开发区", "衢州市", "柯城区"]


def art(art_id: str, title: str = "标题", **kwargs: object) -> ArticleMeta:
    """An ArticleMeta parsed from fixture Markdown in the extractor's format."""
    return parse_article(article_markdown(art_id, title, **kwargs))  # type: ignore[arg-type]


def page_map(generated: list[pages.GeneratedPage]) -> dict[str, str]:
    """Generated pages by path; paths must be unique."""
    out = {p.src_uri: p.content for p in generated}
    assert len(out) == len(generated)
    return out


def article_links(content: str) -> list[str]:
    """The article ids a list page links to, in order."""
    return re.findall(r'href="[./]*a/([^/"]+)/"', content)


def test_parse_reads_contract_fields() -> None:
    a = art("x-1", "多领域全面发动", kicker="眉题", subtitle="副题", districts=["永康市"],
            campaigns=["文明城市创建"], reporters=["郑旭华"], roles={"郑旭华": "融媒见习记者"},
            captions=["修补倒塌围墙"], continued_to="2版", subheads=["制定细则"],
            paragraphs=["第一段。", "第二段。"])
    assert (a.id, a.title, a.kicker, a.subtitle) == ("x-1", "多领域全面发动", "眉题", "副题")
    assert a.date == "2023-04-03" and a.day is not None and a.date_estimated
    assert a.role_of("郑旭华") == "融媒见习记者"
    assert a.captions == ("修补倒塌围墙",) and a.continued_to == "2版"
    assert a.source.file == "000_6b38b89e44bd9a24.txt"
    assert "## 制定细则" in a.body


def test_parse_rejects_missing_front_matter_and_id() -> None:
    with pytest.raises(ArticleError):
        parse_article("no front matter\n")
    with pytest.raises(ArticleError, match="no id"):
        parse_article("---\ntitle: x\n---\nbody\n")


def test_plain_text_undoes_extractor_escaping() -> None:
    a = art("x", paragraphs=["<b>粗</b> [链接](javascript:1) {{ y }} 1-2 #号 & 符"])
    assert plain_text(a.body) == "<b>粗</b> [链接](javascript:1) {{ y }} 1-2 #号 & 符"


def test_excerpt_cuts_and_skips_subheads() -> None:
    a = art("x", paragraphs=["甲" * 50, "乙" * 60], subheads=["小标题"])
    text = excerpt(a, limit=90)
    assert text.startswith("甲" * 50) and text.endswith("…") and "小标题" not in text
    assert len(text) == 91


def test_newest_first_puts_undated_last_and_breaks_ties_by_page_order() -> None:
    arts = [art("u", date=None), art("old", date="2020-01-01"),
            art("b", date="2023-04-03", order=1), art("a", date="2023-04-03", order=0)]
    assert [a.id for a in newest_first(arts)] == ["a", "b", "old", "u"]


def test_load_articles_rejects_duplicate_ids(tmp_path: Path) -> None:
    write_article(tmp_path, "one", "一")
    (tmp_path / "copy.md").write_text(article_markdown("one", "一"), encoding="utf-8")
    with pytest.raises(ArticleError, match="duplicate"):
        load_articles(tmp_path)


def test_load_articles_through_its_cache_gives_the_same_records(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsed records kept by text hash: the same list as a fresh parse, read again without
    parsing, and a changed or new file is parsed; a broken cache file is ignored."""
    from civicnews.site import articles as art_mod

    folder, cache = tmp_path / "articles", tmp_path / "cache" / "articles.pickle"
    folder.mkdir()
    write_article(folder, "a", "一", date="2023-04-01")
    write_article(folder, "b", "二", date="2023-04-02", districts=["东城街道"])
    fresh = load_articles(folder)
    assert load_articles(folder, cache) == fresh and cache.is_file()
    assert [a.path for a in load_articles(folder, cache)] == [a.path for a in fresh]
    parsed: list[str] = []
    real = art_mod.parse_article

    def counted(text: str, name: str = "<article>") -> ArticleMeta:
        parsed.append(name)
        return real(text, name)

    monkeypatch.setattr(art_mod, "parse_article", counted)
    assert load_articles(folder, cache) == fresh and parsed == []
    write_article(folder, "b", "二改", date="2023-04-02")
    write_article(folder, "c", "三", date="2023-04-03")
    again = load_articles(folder, cache)
    assert sorted(Path(p).name for p in parsed) == ["b.md", "c.md"]
    assert again == load_articles(folder) and [a.title for a in again] == ["三", "二改", "一"]
    cache.write_bytes(b"not a pickle")
    assert load_articles(folder, cache) == again


def test_rel_links_are_relative_and_percent_encoded() -> None:
    assert pages.rel("", "a/x/") == "a/x/"
    assert pages.rel("districts/永康市/", "a/x/") == "../../a/x/"
    assert pages.rel("districts/", "districts/永康市/") == "%E6%B0%B8%E5%BA%B7%E5%B8%82/"
    assert pages.rel("a/x/", "sources/0 1.txt") == "../../sources/0%201.txt"
    assert pages.rel("archive/2023/04/", "archive/") == "../../"
    assert pages.rel("districts/", "districts/") == "./"


def test_url_of_matches_directory_urls() -> None:
    assert pages.url_of("index.md") == ""
    assert pages.url_of("districts/index.md") == "districts/"
    assert pages.url_of("districts/永康市/2.md") == "districts/永康市/2/"
    assert pages.url_of(pages.article_src("id-1")) == "a/id-1/"


def test_slug_keeps_chinese_and_drops_path_characters() -> None:
    assert pages.slug("六抓六比/八大竞赛") == "六抓六比-八大竞赛"
    assert pages.slug("永康市") == "永康市"
    assert pages.slug("../x") == "x"


def test_home_caps_list_newest_first_and_links_archive() -> None:
    arts = newest_first(art(f"id{i:02d}", date=f"2023-01-{i + 1:02d}") for i in range(25))
    home = pages.home_page(arts, "县域新闻", limit=20)
    links = article_links(home.content)
    assert links == [f"id{i:02d}" for i in range(24, 4, -1)]
    assert 'href="archive/"' in home.content and "全部 25 篇" in home.content


def test_district_index_groups_by_city_with_counts() -> None:
    arts = newest_first([
        art("a", districts=["永康市", "永康经济开发区"]), art("b", districts=["永康市"]),
        art("c", districts=["柯城区"]), art("d", districts=["某不知名村"]),
    ])
    got = page_map(pages.district_pages(arts, CITIES, ORDER))
    index = got["districts/index.md"]
    groups = re.findall(r"<h2>(.*?)</h2>", index)
    assert groups == ["金华市", "衢州市", pages.OTHER_GROUP]
    counts = dict(re.findall(r'href="[^"]+">([^<]+)<span class="cn-count">(\d+)</span>', index))
    assert counts == {"永康市": "2", "永康经济开发区": "1", "柯城区": "1", "某不知名村": "1"}
    assert article_links(got["districts/永康市/index.md"]) == ["a", "b"]
    assert "feed_rss: districts/%E6%B0%B8%E5%BA%B7%E5%B8%82/rss.xml" in got["districts/永康市/index.md"]


def test_district_pages_are_paged() -> None:
    arts = newest_first(art(f"p{i:03d}", date=f"2022-{i % 12 + 1:02d}-01") for i in range(120))
    got = page_map(pages.district_pages(arts, CITIES, ORDER, per_page=50))
    firsts = [got["districts/永康市/index.md"], got["districts/永康市/2.md"],
              got["districts/永康市/3.md"]]
    assert "districts/永康市/4.md" not in got
    assert [len(article_links(p)) for p in firsts] == [50, 50, 20]
    assert sum((article_links(p) for p in firsts), []) == [a.id for a in arts]
    assert 'rel="next" href="2/"' in firsts[0] and 'rel="prev" href="../"' in firsts[1]
    assert 'rel="prev" href="../2/"' in firsts[2] and 'rel="next"' not in firsts[2]


def test_campaign_index_in_rule_order() -> None:
    arts = newest_first([art("a", campaigns=["垃圾分类", "文明城市创建"]),
                         art("b", campaigns=["文明城市创建"])])
    got = page_map(pages.campaign_pages(arts, ["文明城市创建", "垃圾分类"]))
    names = re.findall(r'">([^<]+)<span class="cn-count">(\d+)', got["campaigns/index.md"])
    assert names == [("文明城市创建", "2"), ("垃圾分类", "1")]
    assert article_links(got["campaigns/垃圾分类/index.md"]) == ["a"]


def test_month_archive_counts_and_undated() -> None:
    arts = newest_first([art("a", date="2023-04-03"), art("b", date="2023-04-20"),
                         art("c", date="2022-11-28"), art("u", date=None)])
    got = page_map(pages.archive_pages(arts))
    index = got["archive/index.md"]
    assert re.findall(r"<h2>(.*?)</h2>", index) == ["2023年", "2022年", pages.UNDATED]
    assert '2023年4月<span class="cn-count">2</span>' in index
    assert article_links(got["archive/2023/04/index.md"]) == ["b", "a"]
    assert article_links(got["archive/undated/index.md"]) == ["u"]
    assert "日期不详" in got["archive/undated/index.md"]


def test_titles_are_escaped_everywhere() -> None:
    evil = '<script>alert("x")</script> & {{ y }}'
    a = art("e", evil, kicker="<i>k</i>", districts=["永康市"], captions=["<img src=x>"])
    listing = pages.list_html([a], "")
    assert "<script>" not in listing and "&lt;script&gt;" in listing
    page = pages.article_page(a, "<p>body</p>", has_source=True)
    assert "<script>" not in page and "<img src=x>" not in page and "<i>k</i>" not in page
    front = pages.paged_list("districts/x/", evil, [a])[0].content
    assert "<script>" not in front


def test_article_page_shows_metadata_and_links() -> None:
    a = art("x-1", "标题", kicker="眉题", subtitle="副题", districts=["永康市"],
            campaigns=["文明城市创建"], roles={"郑旭华": "融媒见习记者"},
            captions=["修补倒塌围墙"], continued_to="2版", source_file="页 面 0.txt")
    html = pages.article_page(a, "<p>正文</p>", has_source=True, qr_svg="<svg></svg>")
    assert html.startswith('<article class="cn-article" data-pagefind-body '
                           'data-pagefind-meta="日期:2023年4月3日">')
    assert ('<h1 data-pagefind-meta="title:标题" data-pagefind-weight="10">标题'
            '<span class="cn-stop" aria-hidden="true">。</span></h1>') in html
    for text in ("眉题", "副题", "永康日报", "2023年4月3日", "融媒见习记者", "郑旭华",
                 "修补倒塌围墙", "续见2版", "<svg></svg>"):
        assert text in html, text
    assert 'href="../../districts/%E6%B0%B8%E5%BA%B7%E5%B8%82/"' in html
    assert 'href="../../sources/%E9%A1%B5%20%E9%9D%A2%200.txt"' in html
    no_src = pages.article_page(a, "", has_source=False)
    assert "sources/" not in no_src and "页 面 0.txt" in no_src


def test_city_map_walks_up_to_city() -> None:
    parents = {"浙江省": None, "金华市": "浙江省", "永康市": "金华市", "开发区": "永康市"}
    levels = {"浙江省": "province", "金华市": "city", "永康市": "county", "开发区": "zone"}
    assert pages.city_map(parents, levels) == {"浙江省": None, "金华市": "金华市",
                                                "永康市": "金华市", "开发区": "金华市"}


def test_site_pages_are_deterministic() -> None:
    def build() -> list[pages.GeneratedPage]:
        arts = newest_first([art("a", districts=["永康市"], campaigns=["垃圾分类"]),
                             art("b", date="2020-01-01", districts=["柯城区"])])
        return pages.site_pages(arts, "县域新闻", CITIES, ORDER, ["垃圾分类"])

    assert build() == build()


def test_qr_is_inline_svg_and_deterministic() -> None:
    from civicnews.site.qr import qr_svg

    svg = qr_svg("https://example.org/civicnews/a/2023-04-03-a21de8cd-1/")
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "<?xml" not in svg
    assert svg == qr_svg("https://example.org/civicnews/a/2023-04-03-a21de8cd-1/")
    assert svg != qr_svg("https://example.org/civicnews/a/other/")


def test_pagefind_indexes_in_place_as_chinese(tmp_path: Path) -> None:
    from civicnews.site.search import pagefind_command, pagefind_program

    pagefind_program.cache_clear()

    cmd = pagefind_command(tmp_path)
    # The binary itself, the one `python -m pagefind` would exec (no interpreter a shard).
    from pagefind.service import _must_get_executable

    assert cmd[0] == str(_must_get_executable().resolve().absolute())
    assert cmd[cmd.index("--site") + 1] == str(tmp_path)
    assert cmd[cmd.index("--force-language") + 1] == "zh"


# -- issue 12: prev/next, related news, source line, share, feeds, page polish ---------------

def test_prev_next_follow_dates_and_skip_undated() -> None:
    from civicnews.site.related import neighbours

    arts = newest_first([art("b", date="2023-04-03"), art("a", date="2022-11-28"),
                         art("c", date="2023-04-20"), art("u", date=None)])
    nb = neighbours(arts)
    assert (nb["a"].older, nb["a"].newer and nb["a"].newer.id) == (None, "b")
    assert (nb["b"].older and nb["b"].older.id, nb["b"].newer and nb["b"].newer.id) == ("a", "c")
    assert nb["c"].newer is None and nb["u"].older is None and nb["u"].newer is None


def test_related_prefers_shared_campaigns_and_is_stable() -> None:
    from civicnews.site.related import RELATED_MAX, related_articles

    base = dict(districts=["永康市"])
    arts = newest_first(
        [art("x", "垃圾分类进小区", campaigns=["垃圾分类"], **base),
         art("same-campaign", "文明创建新气象", campaigns=["垃圾分类"], date="2020-01-01", **base)]
        + [art(f"place-{i}", f"其他新闻{i}", date=f"2023-03-{i + 1:02d}", **base) for i in range(8)]
        + [art("far", "别处新闻", districts=["柯城区"])])
    got = related_articles(arts)
    ids = [a.id for a in got["x"]]
    assert ids[0] == "same-campaign"  # a shared 专题 outweighs being nearer in date
    assert 3 <= len(ids) <= RELATED_MAX and "x" not in ids and "far" not in ids
    assert [a.id for a in related_articles(list(reversed(arts)))["x"]] == ids
    assert all(len(v) <= RELATED_MAX for v in got.values())


def test_article_page_has_source_line_neighbours_share_and_jsonld() -> None:
    import json

    from civicnews.site.related import Neighbours

    a = art("x-1", "标题<b>", roles={"郑旭华": "记者"}, reporters=["郑旭华"])
    older, newer = art("o", "旧闻", date="2023-04-01"), art("n", "新闻", date="2023-04-05")
    page = pages.article_page(a, "<p>正文</p>", has_source=False, site_name="县域新闻",
                              neighbours=Neighbours(older, newer, (older,)),
                              url="https://civicnews.test/a/x-1/")
    assert "来源：永康日报 2023年4月3日" in page
    assert '<a rel="prev" href="../o/">' in page and '<a rel="next" href="../n/">' in page
    assert '<h2 id="cn-related-title">相关新闻</h2>' in page
    assert 'data-cn-copy' in page and 'data-cn-back' in page
    assert '<span data-cn-here>https://civicnews.test/a/x-1/</span>' in page
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    assert ld["headline"] == "标题<b>" and "<b>" not in page.split("ld+json")[1]
    assert ld["author"] == [{"@type": "Person", "name": "郑旭华"}]
    assert ld["articleSection"] == ["永康市"] and ld["url"] == "https://civicnews.test/a/x-1/"
    # 上一篇/下一篇 and related news are outside what Pagefind indexes.
    assert page.index("cn-prevnext") > page.index("</article>")


def test_byline_groups_names_by_role() -> None:
    a = art("x", reporters=["甲", "乙", "丙"], roles={"甲": "记者", "乙": "记者", "丙": "通讯员"})
    html = pages.article_header(a, "a/x/")
    text = re.sub(r"<[^>]+>", "", re.search(r'<p class="cn-reporters">.*?</p>', html).group(0))  # type: ignore[union-attr]
    assert text == "记者 甲 乙　通讯员 丙"


def test_list_pages_without_feeds_have_no_feed_links() -> None:
    arts = newest_first([art("a", districts=["永康市"], campaigns=["垃圾分类"])])
    with_feeds = pages.site_pages(arts, "县域新闻", CITIES, ORDER, ["垃圾分类"])
    without = pages.site_pages(arts, "县域新闻", CITIES, ORDER, ["垃圾分类"], with_feeds=False)
    assert any("rss.xml" in p.content for p in with_feeds)
    assert not any("rss.xml" in p.content or "feed_rss" in p.content for p in without)
    assert all("\ndescription: " in p.content for p in without)


def test_polish_html_fixes_skip_link_toggles_and_toc_label() -> None:
    theme = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
             'autocomplete="off"><div data-md-component="skip">\n<a href="#sub" class="md-skip">'
             'x</a>\n</div><label class="md-nav__title" for="__toc">目录</label>')
    out = pages.polish_html(theme + '<header id="cn-main">')
    assert 'autocomplete' not in out and 'for="__toc"' not in out
    assert '<a href="#cn-main" class="md-skip">跳到正文</a>' in out and "#sub" not in out
    assert 'href="#sub"' in pages.polish_html(theme)  # pages without cn-main keep the theme's


def test_rss_channel_links_to_the_site_and_items_carry_headline_parts() -> None:
    import xml.etree.ElementTree as ET

    from civicnews.site import feeds

    info = feeds.FeedInfo("县域新闻", "最新文章", "districts/x/", pages.feeds_for("districts/x/"))
    a = art("k", "标题", kicker="眉<题>", subtitle="副题")
    out = feeds.render_feed([a], info, "https://civicnews.test/civicnews/")
    channel = ET.fromstring(out["districts/x/rss.xml"]).find("channel")
    assert channel is not None
    assert channel.findtext("link") == "https://civicnews.test/civicnews/districts/x/"
    content = channel.find("item/{http://purl.org/rss/1.0/modules/content/}encoded")
    assert content is not None and "眉&lt;题&gt;" in (content.text or "")
    assert "副题" in (content.text or "") and (channel.findtext("item/description") or "").startswith("副题")


def test_prune_unused_removes_theme_search_and_maps(tmp_path: Path) -> None:
    from civicnews.site.search import prune_unused

    js = tmp_path / "assets" / "javascripts"
    (js / "lunr").mkdir(parents=True)
    (js / "lunr" / "tinyseg.js").write_text("x")
    (js / "workers").mkdir()
    (js / "workers" / "search.js").write_text("x")
    (js / "bundle.js").write_text("code()\n//# sourceMappingURL=bundle.js.map")
    (js / "bundle.js.map").write_text("{}")
    removed = prune_unused(tmp_path)
    assert removed == ["assets/javascripts/bundle.js.map", "assets/javascripts/lunr/tinyseg.js",
                       "assets/javascripts/workers/search.js"]
    assert (js / "bundle.js").read_text() == "code()\n"


def test_prev_next_within_each_district_ride_along_hidden() -> None:
    from civicnews.site.related import neighbours

    arts = newest_first([art("a", date="2023-01-01", districts=["永康市"]),
                         art("b", date="2023-01-02", districts=["柯城区"]),
                         art("c", date="2023-01-03", districts=["永康市", "柯城区"])])
    nb = neighbours(arts)["c"]
    assert nb.older is not None and nb.older.id == "b"
    assert [(d, o and o.id, n and n.id) for d, o, n in nb.in_district] == [
        ("永康市", "a", None), ("柯城区", "b", None)]
    html = pages.neighbours_html(nb, "a/c/")
    assert html.count("<nav") == 3 and html.count(" hidden>") == 2
    assert 'data-cn-district="../../districts/%E6%B0%B8%E5%BA%B7%E5%B8%82/"' in html
    assert "上一篇（永康市）" in html


@given(st.text(st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7e),
                         st.characters(min_codepoint=0xa0, max_codepoint=0xd7ff),
                         st.characters(min_codepoint=0xe000),
                         st.characters(max_codepoint=0x1f), st.sampled_from(":#-'\"&*!|>%@`"))),
       st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_front_matter_is_what_pyyaml_writes(title: str, description: str) -> None:
    """A generated page's front matter (written by libyaml where it writes the same) is
    yaml.safe_dump's text."""
    meta = {"title": pages.esc(title), "hide": ["toc"], "description": pages.esc(description)}
    assert pages._dump_front(dict(meta)) == yaml.safe_dump(meta, allow_unicode=True,
                                                            sort_keys=False, width=10_000)


@given(st.lists(st.one_of(st.text(min_size=0, max_size=60), st.sampled_from(
           ["## 小标题", "", "  ", "&amp; \\*", "第一段\n第二行"])), max_size=8),
       st.integers(min_value=0, max_value=120))
@settings(max_examples=300, deadline=None)
def test_an_excerpt_is_the_cut_plain_text_of_all_paragraphs(blocks: list[str], limit: int) -> None:
    """excerpt reads paragraphs only up to the cut: the same text as cutting all of them."""
    art = ArticleMeta(id="x", title="t", body="\n\n".join(blocks))
    text = "".join(paragraphs(art))
    assert excerpt(art, limit) == (text if len(text) <= limit else text[:limit].rstrip() + "…")


def test_list_pages_through_their_cache_are_the_pages_made_afresh(tmp_path: Path) -> None:
    """Paged lists served from a ListCache are the text made without it; after one article
    changes, exactly the pages whose text changed are made again (the others are read back),
    and a changed page is never served stale."""
    made: list[str] = []

    class Counting(RenderCache):
        def put(self, key: str, data: bytes) -> None:
            made.append(data.decode("utf-8"))
            super().put(key, data)

    def cache() -> pages.ListCache:
        return pages.ListCache(Counting(tmp_path / "lists", ".md"), "env",
                               lambda a: hashlib.sha256(repr(a).encode()).hexdigest())

    arts = newest_first(art(f"p{i:03d}", f"标题{i}", date=f"2022-{i % 12 + 1:02d}-0{i % 9 + 1}",
                            districts=[["永康市"], ["柯城区"], ["永康市", "柯城区"]][i % 3],
                            campaigns=["垃圾分类"] if i % 4 == 0 else [])
                        for i in range(130))

    def build(articles: list[ArticleMeta], through: pages.ListCache | None
              ) -> dict[str, str]:
        return page_map(pages.site_pages(articles, "县域新闻", CITIES, ORDER, ["垃圾分类"],
                                         cache=through))

    fresh = build(arts, None)
    assert build(arts, cache()) == fresh and len(made) > 10  # every paged list made, kept
    made.clear()
    assert build(arts, cache()) == fresh and made == []  # all read back
    changed = [replace(a, title="改过的标题") if a.id == "p007" else a for a in arts]
    fresh_changed = build(changed, None)
    assert build(changed, cache()) == fresh_changed
    differ = {src for src in fresh if fresh[src] != fresh_changed[src]}
    assert sorted(made) == sorted(fresh_changed[src] for src in differ
                                  if src not in ("index.md", "districts/index.md",
                                                 "campaigns/index.md", "archive/index.md"))
    assert len(made) >= 2  # its month's page and its districts' pages


def test_a_lazy_list_cache_hands_over_kept_pages_by_file(tmp_path: Path) -> None:
    """A lazy ListCache gives a page found in the cache as its file (not read), whose text is
    the page made afresh, under the key a page made now gets; an unreadable file is made
    again."""
    def cache(lazy: bool) -> pages.ListCache:
        return pages.ListCache(RenderCache(tmp_path / "lists", ".md"), "env",
                               lambda a: hashlib.sha256(repr(a).encode()).hexdigest(), lazy)

    arts = newest_first(art(f"p{i:03d}", f"标题{i}", date=f"2022-0{i % 9 + 1}-01",
                            districts=["永康市"]) for i in range(60))

    def build(through: pages.ListCache | None) -> list[pages.GeneratedPage]:
        return pages.site_pages(arts, "县域新闻", CITIES, ORDER, [], cache=through)

    fresh = {p.src_uri: p.content for p in build(None)}
    made = build(cache(lazy=True))  # nothing kept yet: every page made now
    assert all(p.kept is None for p in made)
    kept = build(cache(lazy=True))
    listed = [p for p in kept if p.key]
    assert listed and all(p.kept is not None and p.content == "" for p in listed)
    assert {p.src_uri: p.text() for p in kept} == fresh
    assert [(p.src_uri, p.key) for p in kept] == [(p.src_uri, p.key) for p in made]
    assert {p.src_uri: p.content for p in build(cache(lazy=False))} == fresh  # read at once
    listed[0].kept.chmod(0o200)  # type: ignore[union-attr] # unreadable (not as root)
    listed[0].kept.write_bytes(b"\xff")  # type: ignore[union-attr] # not UTF-8 either
    assert listed[0].text() == fresh[listed[0].src_uri]  # made again


_FIELD_TEXT = st.text(st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7e),
                                st.characters(min_codepoint=0xa0, max_codepoint=0xd7ff),
                                st.characters(min_codepoint=0xe000),
                                st.sampled_from(["\n", "\r", "\u2028", "\x85", "\t", "-"]),
                                st.sampled_from(":#-'\"&*!|>%@`")), max_size=12)
_YAML_WORDS = st.sampled_from(["null", "yes", "on", "~", "2023-04-03", "0x10", "1e3", "12",
                               "---", "a: b", "- x", "", " 前后空格 "])


@given(st.lists(st.one_of(_FIELD_TEXT, _YAML_WORDS), min_size=12, max_size=12),
       st.one_of(st.none(), st.integers(-3, 300), _FIELD_TEXT, _YAML_WORDS), st.booleans(),
       st.lists(st.one_of(_FIELD_TEXT, _YAML_WORDS), max_size=3))
@settings(max_examples=300, deadline=None)
def test_a_record_from_the_front_matter_it_was_rendered_from_is_the_parsed_one(
        texts: list[str], page: object, estimated: bool, names: list[str]) -> None:
    """from_front_matter (a cold build's records, made without YAML) gives parse_article's
    record of the rendered file, or None (then the file is parsed): for any field values,
    line breaks, YAML words and numbers-as-text included."""
    from civicnews.markdown import front_matter, render_article
    from civicnews.model import Article, Credit, Headline, PageInfo, Section
    from civicnews.site.articles import from_front_matter

    info = PageInfo(texts[0] or "p.txt", publication=texts[1] or None, date=texts[2] or None,
                    page=page, date_estimated=estimated)  # type: ignore[arg-type]
    article = Article(info, 3, Headline(texts[3], kicker=texts[4] or None,
                                        subtitle=texts[5] or None, series=texts[6] or None),
                      [Section(None, [texts[7] or "正文"]), Section(texts[8] or None, ["二"])],
                      credit=Credit(dateline=texts[9] or None, reporters=names,
                                    roles={n: texts[10] for n in names if texts[10]}),
                      captions=[texts[11]], districts=names[:1], campaigns=names[1:],
                      event_dates=[texts[2]], id="2023-04-03-a21de8cd-1")
    text = render_article(article)
    record = from_front_matter(front_matter(article), text)
    if record is not None:
        parsed = parse_article(text)
        assert record == parsed and record.body == parsed.body and record.path == parsed.path
    if not any(set(t) & set("\n\r\u2028\x85") for t in [*texts, *names, str(page)]):
        assert record is not None  # one-line values: made without YAML


def test_load_articles_takes_the_rendered_records_by_text_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``fronts`` (a build's articles by the hash of the file rendered from each), those
    files are not parsed and give the records parsing gives; a file whose text is not the one
    rendered (edited since) is parsed."""
    from civicnews.markdown import front_matter, render_article
    from civicnews.model import Article, Headline, PageInfo, Section
    from civicnews.site import articles as art_mod

    folder = tmp_path / "articles"
    folder.mkdir()
    made: dict[str, Article] = {}
    for n, title in enumerate(["一", "二", "三"], start=1):
        a = Article(PageInfo("p.txt", date=f"2023-04-0{n}", page=n), n, Headline(title),
                    [Section(None, [f"第{n}段"])], id=f"2023-04-0{n}-a21de8cd-{n}")
        data = render_article(a).encode("utf-8")
        (folder / f"{a.id}.md").write_bytes(data)
        made[hashlib.sha256(data).hexdigest()] = a
    edited = folder / "2023-04-02-a21de8cd-2.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("第2段", "第2段改"),
                      encoding="utf-8")
    plain = load_articles(folder)
    parsed: list[str] = []
    real = art_mod.parse_article

    def counted(text: str, name: str = "<article>") -> ArticleMeta:
        parsed.append(Path(name).name)
        return real(text, name)

    monkeypatch.setattr(art_mod, "parse_article", counted)
    fronts = load_articles(folder, fronts=lambda d: front_matter(made[d]) if d in made else None)
    assert fronts == plain and [a.body for a in fronts] == [a.body for a in plain]
    assert [a.path for a in fronts] == [a.path for a in plain]
    assert parsed == ["2023-04-02-a21de8cd-2.md"]


def test_rel_is_plain_rel() -> None:
    """rel (links to article pages worked out without the cache) is plain_rel for every path
    of up to three parts from a few kinds (ids, ".", "..", "", text to encode)."""
    import itertools

    kinds = ["a", "x-1", ".", "..", "", "永"]
    paths = [""] + ["/".join(parts) + end for n in (1, 2, 3)
                    for parts in itertools.product(kinds, repeat=n) for end in ("", "/")]
    targets = [t for t in paths if t.count("/") <= 1] + ["x.y/", "~_-/"]
    for from_url in paths:
        for to in targets:
            for to_path in (to, "a/" + to):
                assert pages.rel(from_url, to_path) == pages.plain_rel(from_url, to_path), \
                    (from_url, to_path)


def test_with_towns_adds_the_stories_of_the_places_inside_in_article_order() -> None:
    """with_towns (each place's stories handed to the districts above it) against its
    definition, a district at a time, on random gazetteer paths (a place above itself,
    repeated, or without stories of its own included)."""
    import random

    rng = random.Random(13)
    for _trial in range(300):
        names = [f"地{i}" for i in range(rng.randint(1, 8))]
        arts = [ArticleMeta(id=f"a{i}", title="题") for i in range(rng.randint(0, 12))]
        groups = {n: rng.sample(arts, rng.randint(0, min(5, len(arts))))
                  for n in rng.sample(names, rng.randint(0, len(names)))}
        paths = {n: [rng.choice(names) for _ in range(rng.randint(0, 4))]
                 for n in rng.sample(names, rng.randint(0, len(names)))}
        got = pages.with_towns(groups, paths, arts)
        assert list(got) == list(groups)
        for name, own in groups.items():
            inside = {a.id for a in own}
            inside |= {a.id for other, path in paths.items()
                       if other != name and name in path for a in groups.get(other, [])}
            assert [a.id for a in got[name]] == [a.id for a in arts if a.id in inside]


def test_pagefind_binary_named_by_the_environment_wins(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from civicnews.site.search import pagefind_command, pagefind_program

    binary = tmp_path / "my-pagefind"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    pagefind_program.cache_clear()
    try:
        assert pagefind_command(tmp_path)[0] == str(binary)
    finally:
        pagefind_program.cache_clear()
