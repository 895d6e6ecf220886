"""Unit tests for the RSS/Atom feeds (civicnews.site.feeds)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from civicnews.site import feeds
from civicnews.site.articles import ArticleMeta, newest_first, parse_article
from civicnews.site.fixtures import article_markdown
from civicnews.site.pages import Feeds

SITE = "https://example.org/civicnews/"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}creator"
INFO = feeds.FeedInfo("县域新闻", "最新文章", "", Feeds("rss.xml", "atom.xml"))


def art(art_id: str, title: str = "标题", **kwargs: object) -> ArticleMeta:
    """An ArticleMeta parsed from fixture Markdown in the extractor's format."""
    return parse_article(article_markdown(art_id, title, **kwargs))  # type: ignore[arg-type]


def render(arts: list[ArticleMeta], limit: int = 50) -> tuple[ET.Element, ET.Element]:
    """Parsed RSS channel and Atom feed for a list of articles."""
    out = feeds.render_feed(newest_first(arts), INFO, SITE, limit=limit)
    rss = ET.fromstring(out["rss.xml"])
    atom = ET.fromstring(out["atom.xml"])
    channel = rss.find("channel")
    assert channel is not None
    return channel, atom


def test_items_newest_first_with_stable_guids() -> None:
    channel, atom = render([art("old", date="2020-01-01"), art("new", date="2023-04-03"),
                            art("mid", date="2022-11-28")])
    guids = [g.text for g in channel.iter("guid")]
    assert guids == ["urn:civicnews:new", "urn:civicnews:mid", "urn:civicnews:old"]
    assert {g.get("isPermaLink") for g in channel.iter("guid")} == {"false"}
    assert [e.findtext(f"{ATOM}id") for e in atom.iter(f"{ATOM}entry")] == guids


def test_dates_come_from_articles_not_the_clock() -> None:
    channel, atom = render([art("a", date="2022-11-28"), art("b", date="2023-04-03")])
    assert channel.findtext("lastBuildDate") == "Mon, 03 Apr 2023 00:00:00 +0800"
    assert atom.findtext(f"{ATOM}updated") == "2023-04-03T00:00:00+08:00"
    assert channel.find("item").findtext("pubDate") == "Mon, 03 Apr 2023 00:00:00 +0800"  # type: ignore[union-attr]


def test_cap_and_undated_left_out() -> None:
    arts = [art(f"a{i:02d}", date=f"2023-01-{i + 1:02d}") for i in range(30)]
    channel, atom = render([*arts, art("undated", date=None)], limit=10)
    guids = [g.text for g in channel.iter("guid")]
    assert len(guids) == 10 and guids[0] == "urn:civicnews:a29"
    assert "urn:civicnews:undated" not in guids
    assert len(list(atom.iter(f"{ATOM}entry"))) == 10


def test_content_summary_authors_and_categories() -> None:
    a = art("x", '标题 <b>"引号"</b> & 符号', paragraphs=["<script>alert(1)</script> 正文"],
            reporters=["郑旭华", "潘燕佳"], districts=["永康市"], campaigns=["垃圾分类"])
    channel, atom = render([a])
    item = channel.find("item")
    assert item is not None
    # Readers render RSS titles as HTML: the title is HTML-escaped once, like the description.
    assert item.findtext("title") == '标题 &lt;b&gt;"引号"&lt;/b&gt; &amp; 符号'
    assert item.findtext(CONTENT) == "<p>&lt;script&gt;alert(1)&lt;/script&gt; 正文</p>"
    assert item.findtext("description") == "&lt;script&gt;alert(1)&lt;/script&gt; 正文"
    assert [c.text for c in item.iter(DC)] == ["郑旭华", "潘燕佳"]
    assert [c.text for c in item.iter("category")] == ["永康市", "垃圾分类"]
    assert item.findtext("link") == SITE + "a/x/"
    entry = atom.find(f"{ATOM}entry")
    assert entry is not None
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert content.text == "<p>&lt;script&gt;alert(1)&lt;/script&gt; 正文</p>"
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"
    assert summary.text == "&lt;script&gt;alert(1)&lt;/script&gt; 正文"
    title = entry.find(f"{ATOM}title")
    assert title is not None and title.get("type") == "html"
    assert title.text == item.findtext("title")
    assert [n.text for n in entry.iter(f"{ATOM}name")] == ["郑旭华", "潘燕佳"]
    assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == ["永康市", "垃圾分类"]


def test_byte_identical_for_same_input() -> None:
    def build() -> dict[str, bytes]:
        arts = newest_first([art("a", districts=["永康市"], campaigns=["垃圾分类"]),
                             art("b", date="2020-10-12", districts=["柯城区"])])
        return feeds.site_feeds(arts, SITE, "县域新闻")

    first = build()
    assert first == build()
    assert set(first) == {"rss.xml", "atom.xml",
                          "districts/永康市/rss.xml", "districts/永康市/atom.xml",
                          "districts/柯城区/rss.xml", "districts/柯城区/atom.xml",
                          "campaigns/垃圾分类/rss.xml", "campaigns/垃圾分类/atom.xml"}


def test_district_feed_has_only_its_articles_and_self_link() -> None:
    arts = newest_first([art("a", districts=["永康市"]), art("b", districts=["柯城区"])])
    out = feeds.site_feeds(arts, SITE, "县域新闻")
    channel = ET.fromstring(out["districts/柯城区/rss.xml"]).find("channel")
    assert channel is not None
    assert [g.text for g in channel.iter("guid")] == ["urn:civicnews:b"]
    self_links = [x.get("href") for x in channel.iter(f"{ATOM}link") if x.get("rel") == "self"]
    assert self_links == [SITE + "districts/%E6%9F%AF%E5%9F%8E%E5%8C%BA/rss.xml"]


def test_empty_feed_is_valid_and_dated_by_epoch() -> None:
    channel, atom = render([])
    assert channel.findall("item") == []
    assert atom.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00+08:00"


HOSTILE = "<svg/onload=alert(1)>文明 & “创建” <b>粗</b>"


def _has_markup(fragment: str) -> bool:
    """Whether a reader that renders the value as HTML would build an element from it."""
    from html.parser import HTMLParser

    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            tags.append(tag)

    Collect().feed(fragment)
    return bool(tags)


def test_titles_are_escaped_exactly_once_the_same_way_in_rss_and_atom() -> None:
    import html

    import feedparser

    info = feeds.FeedInfo(HOSTILE, f"{HOSTILE}：最新文章", "", Feeds("rss.xml", "atom.xml"))
    story = art("x-1", HOSTILE, paragraphs=[f"正文{HOSTILE}"])
    out = feeds.render_feed([story], info, SITE)
    parsed = {path: feedparser.parse(data) for path, data in out.items()}
    for path, feed in parsed.items():
        values = {"channel title": feed.feed.title_detail, "item title": feed.entries[0].title_detail,
                  "channel subtitle": feed.feed.subtitle_detail,
                  "summary": feed.entries[0].summary_detail}
        for what, detail in values.items():
            assert detail.type == "text/html", (path, what)
            # A reader rendering the HTML shows the page text, with no element made from it.
            assert not _has_markup(detail.value), (path, what, detail.value)
            assert HOSTILE in html.unescape(detail.value), (path, what, detail.value)
    rss, atom = parsed["rss.xml"], parsed["atom.xml"]
    assert rss.entries[0].title == atom.entries[0].title
    assert rss.feed.title == atom.feed.title
    # And a reader that takes the raw XML text as HTML, as many RSS readers do:
    channel = ET.fromstring(out["rss.xml"]).find("channel")
    assert channel is not None
    for text in (channel.findtext("title"), channel.findtext("description"),
                 channel.findtext("item/title"), channel.findtext("item/description")):
        assert text and not _has_markup(text), text


def test_feed_cache_serves_unchanged_feeds_and_renders_what_a_new_article_changes(tmp_path) -> None:
    """Through the cache a site's feeds are the same bytes; a second build renders none, and
    after one new article only the feeds listing it (site-wide and its district's) are
    rendered again."""
    from dataclasses import replace

    from civicnews.site.rendercache import RenderCache

    arts = [art("a1", "一", date="2023-04-01", districts=["东城街道"]),
            art("a2", "二", date="2023-04-02", districts=["西城街道"]),
            art("a3", "三", date="2023-04-03", districts=["东城街道"], campaigns=["文明创建"])]
    rendered: list[str] = []

    class Spy(RenderCache):
        def put(self, key: str, data: bytes) -> None:
            rendered.append(key)
            super().put(key, data)

    def build(articles: list[ArticleMeta]) -> dict[str, bytes]:
        rendered.clear()
        cache = feeds.FeedCache(Spy(tmp_path, ".xml"), "env", lambda a: repr(replace(a, path="")))
        out = feeds.site_feeds(newest_first(articles), SITE, "县域新闻", cache=cache)
        assert out == feeds.site_feeds(newest_first(articles), SITE, "县域新闻")
        return out

    cold = build(arts)
    assert len(rendered) == len(cold) == 8  # site, 2 districts, 1 campaign; RSS and Atom each
    assert build(arts) == cold and rendered == []
    build([*arts, art("a4", "四", date="2023-04-04", districts=["西城街道"])])
    assert len(rendered) == 4  # the site's feeds and 西城街道's
    build([*arts[:2], replace(arts[2], title="改过的标题")])
    assert len(rendered) == 6  # the retitled story is in the site's, 东城街道's and the campaign's


def test_a_body_converted_after_others_is_converted_as_alone() -> None:
    import markdown
    from civicnews.site.articles import ArticleMeta, body_html

    bodies = ["第一段[^1]\n\n[^1]: 注", "### 小标题\n\n正文 \\*不是强调\\*", "[链接]: http://x\n\n[链接]",
              "<b>原样</b>\n\n    缩进"]
    for body in bodies + bodies[::-1]:
        assert body_html(ArticleMeta(id="x", title="t", body=body)) == \
            markdown.markdown(body, output_format="html")


def test_the_feed_cache_names_the_file_of_each_feed_it_served(tmp_path) -> None:
    """``served`` maps each feed taken from the cache to its cached file (same bytes); a feed
    rendered in this build is not in it."""
    from dataclasses import replace

    from civicnews.site.rendercache import RenderCache

    arts = [art("a1", "一", date="2023-04-01", districts=["东城街道"]),
            art("a2", "二", date="2023-04-02", districts=["西城街道"])]

    def build(articles: list[ArticleMeta]) -> tuple[dict[str, bytes], feeds.FeedCache]:
        cache = feeds.FeedCache(RenderCache(tmp_path, ".xml"), "env",
                                lambda a: repr(replace(a, path="")))
        return feeds.site_feeds(newest_first(articles), SITE, "县域新闻", cache=cache), cache

    out, cold = build(arts)
    assert cold.served == {}
    # Rendered now and kept: ``stored`` names each one's cached file, the same bytes.
    assert set(cold.stored) == set(out) and all(
        cold.stored[path].read_bytes() == data for path, data in out.items())
    assert list(feeds.iter_site_feeds(newest_first(arts), SITE, "县域新闻")) == list(out.items())
    out, warm = build(arts)
    assert warm.stored == {}
    assert set(warm.served) == set(out) and all(
        warm.served[path].read_bytes() == data for path, data in out.items())
    out, after = build([*arts, art("a3", "三", date="2023-04-03", districts=["西城街道"])])
    assert set(after.served) == set(out) - {"rss.xml", "atom.xml", "districts/西城街道/rss.xml",
                                              "districts/西城街道/atom.xml"}
    # A lazy cache (the site build's) names the same files without reading them: b"".
    lazy = feeds.FeedCache(RenderCache(tmp_path, ".xml"), "env",
                           lambda a: repr(replace(a, path="")), lazy=True)
    got = feeds.site_feeds(newest_first(arts), SITE, "县域新闻", cache=lazy)
    assert lazy.served == warm.served and set(got) == set(warm.served)
    assert all(data == b"" for data in got.values())
