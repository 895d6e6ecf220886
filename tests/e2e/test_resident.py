"""End-to-end: what residents, keyboard users and feed readers get from the built portal.

Correct everywhere (no made-up address, no sitemap fetches, a working 404 under any base path,
inline count pills, feeds linking to the site), keyboard paths (skip links, search panel focus,
closed drawer), and the county-news parts of an article page (上一篇/下一篇, 相关新闻, source
line, share, print, Open Graph and JSON-LD).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from civicnews.site.articles import ArticleMeta, load_articles, newest_first
from e2e.pages_server import TEST_SITE_URL, serve_pages
from e2e.project import FOOTER

ROOT = Path(__file__).resolve().parents[2]
if not Path("/usr/bin/chromium").exists():
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(os.environ.get("CIVICNEWS_SHOTS", "/tmp/shots"))  # screenshots to look at


@pytest.fixture(scope="module")
def articles(site: Path) -> list[ArticleMeta]:
    return newest_first(load_articles(ROOT / "docs" / "articles"))


def richest(articles: list[ArticleMeta]) -> ArticleMeta:
    """A dated article with districts and campaigns and neighbours on both sides."""
    dated = sorted((a for a in articles if a.day), key=lambda a: a.date or "")
    middle = dated[1:-1] or dated
    return max(middle, key=lambda a: (len(a.campaigns) > 0, len(a.districts), a.id))


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    ctx = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


def open_page(ctx: object, url: str) -> tuple[object, list[tuple[str, int]]]:
    """A page at ``url`` with every response (url, status) it caused, once the network is quiet."""
    page = ctx.new_page()  # type: ignore[attr-defined]
    seen: list[tuple[str, int]] = []
    page.on("response", lambda r: seen.append((r.url, r.status)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, seen


# -- correct everywhere -----------------------------------------------------------------------

def test_page_views_fetch_no_sitemap_and_hit_no_404(phone: object, base_url: str,
                                                    articles: list[ArticleMeta]) -> None:
    art = richest(articles)
    paths = ["", f"a/{art.id}/", f"districts/{quote(art.districts[0])}/",
             f"campaigns/{quote(art.campaigns[0])}/" if art.campaigns else "campaigns/",
             "archive/", "about/"]
    for path in paths:
        page, seen = open_page(phone, base_url + path)
        assert not [u for u, _ in seen if "sitemap" in u], path
        assert [(u, s) for u, s in seen if s >= 400] == [], path
        page.close()


def test_build_without_site_url_has_no_made_up_address(site_without_url: Path) -> None:
    offenders = [str(p.relative_to(site_without_url)) for p in site_without_url.rglob("*")
                 if p.is_file() and b"example.org" in p.read_bytes()]
    assert offenders == []
    assert not list(site_without_url.rglob("rss.xml")) and not list(site_without_url.rglob("atom.xml"))
    article = next((site_without_url / "a").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'rel="canonical"' not in article and "cn-qr-code" not in article
    assert "data-cn-copy" in article  # sharing still works: the script copies the page address
    assert (site_without_url / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_footer_shows_what_the_editor_filled_in(site_without_url: Path, site: Path) -> None:
    home = (site_without_url / "index.html").read_text(encoding="utf-8")
    footer = home[home.index('<footer class="md-footer">'):]
    for value in FOOTER.values():
        assert value in footer
    assert 'href="https://beian.miit.gov.cn/"' in footer
    bare = (site / "index.html").read_text(encoding="utf-8")
    bare_footer = bare[bare.index('<footer class="md-footer">'):]
    assert "主办单位" not in bare_footer and "beian" not in bare_footer  # nothing when empty


def test_unused_theme_files_are_not_deployed(site: Path) -> None:
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not (site / "assets" / "javascripts" / "workers").exists()
    assert list(site.rglob("*.map")) == []
    for path in (site / "assets").rglob("*.js"):
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("prefix", ["/civicnews/", "/some/other/base/"])
def test_404_page_is_chinese_styled_and_finds_home(browser: object, site_without_url: Path,
                                                   site: Path, prefix: str) -> None:
    for built in (site, site_without_url):
        ctx = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
        with serve_pages(built, prefix) as root:
            page = ctx.new_page()
            response = page.goto(root + "no/such/page/")
            assert response is not None and response.status == 404
            page.wait_for_load_state("networkidle")
            assert page.inner_text("h1") == "页面不存在"
            assert page.evaluate("document.documentElement.lang") == "zh-CN"
            # Styled: the logo is icon-sized, not a page-wide unstyled SVG.
            width = page.evaluate("document.querySelector('.cn404-bar svg').getBoundingClientRect().width")
            assert 10 < width < 60
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.get_by_role("link", name="返回首页").click()
            page.wait_for_load_state("networkidle")
            assert urlsplit(page.url).path == prefix
            assert page.locator(".cn-list .cn-item").count() > 0
            if prefix == "/civicnews/" and built == site:
                page.goto(root + "no/such/page/")
                page.wait_for_load_state("networkidle")
                shot(page, "404")
        ctx.close()


def test_count_pills_lie_inline(phone: object, base_url: str) -> None:
    for path in ("archive/", "districts/", "campaigns/"):
        page, _ = open_page(phone, base_url + path)
        tops = page.eval_on_selector_all(
            ".cn-counts", "uls => uls.map(ul => [...ul.children].map(li => li.getBoundingClientRect().top))")
        rows = [t for t in tops if len(t) >= 2]
        assert rows, path
        # At least the first two pills of a list share a line (they wrap only when full).
        assert all(abs(t[0] - t[1]) < 2 for t in rows), (path, rows)
        if path == "archive/":
            shot(page, "archive")
        page.close()


def test_feeds_parse_cleanly_and_link_to_the_site(site: Path,
                                                  articles: list[ArticleMeta]) -> None:
    feedparser = pytest.importorskip("feedparser")
    paths = sorted(site.rglob("rss.xml")) + sorted(site.rglob("atom.xml"))
    assert paths
    for path in paths:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        page = TEST_SITE_URL + quote(str(path.parent.relative_to(site)) + "/").removeprefix("./")
        assert parsed.feed.link == page.replace("/./", "/"), path
    with_kicker = [a for a in articles if a.day and (a.kicker or a.subtitle)]
    if with_kicker:
        entries = feedparser.parse((site / "rss.xml").read_bytes()).entries
        by_id = {e.id: e for e in entries}
        for art in with_kicker:
            entry = by_id.get(f"urn:civicnews:{art.id}")
            if entry is None:
                continue
            for part in (art.kicker, art.subtitle):
                if part:
                    assert part in entry.content[0].value, art.id


# -- keyboard ---------------------------------------------------------------------------------

def test_escape_and_tabbing_out_of_search(phone: object, base_url: str) -> None:
    page, _ = open_page(phone, base_url)
    page.click("[data-cn-search]")
    page.fill(".pagefind-ui__search-input", "创卫")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    page.wait_for_load_state("networkidle")
    shot(page, "search")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.hasAttribute('data-cn-search')")
    assert page.get_attribute("#cn-search-panel", "hidden") is not None
    page.keyboard.press("Enter")  # reopen from the button
    page.fill(".pagefind-ui__search-input", "创卫")  # Pagefind clears its box on Escape
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    page.focus(".pagefind-ui__search-input")
    for _ in range(60):
        page.keyboard.press("Tab")
        inside = page.evaluate("document.getElementById('cn-search-panel').contains(document.activeElement)")
        if not inside:
            break
    assert not inside, "tabbing never left the search panel"
    assert page.get_attribute("#cn-search-panel", "hidden") is not None


@pytest.mark.parametrize("path", ["", "districts/", "archive/", "ARTICLE"])
def test_skip_link_is_first_and_lands_on_the_content(phone: object, base_url: str,
                                                     articles: list[ArticleMeta], path: str) -> None:
    if path == "ARTICLE":
        path = f"a/{richest(articles).id}/"
    page, _ = open_page(phone, base_url + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    target = page.evaluate("document.activeElement.id || location.hash")
    assert target in ("cn-main", "#cn-main")
    heading = page.inner_text("#cn-main h1" if path.startswith("a/") else "#cn-main")
    assert heading.strip()


def test_closed_drawer_links_are_not_tab_stops_on_phones(phone: object, base_url: str) -> None:
    page, _ = open_page(phone, base_url)
    in_drawer = []
    for _ in range(9):
        page.keyboard.press("Tab")
        in_drawer.append(page.evaluate(
            "!!document.activeElement.closest('.md-sidebar--primary')"))
    assert not any(in_drawer)
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_timeout(400)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "visible"


# -- a county news article --------------------------------------------------------------------

def test_article_has_prev_next_related_source_and_share(phone: object, base_url: str,
                                                        articles: list[ArticleMeta]) -> None:
    art = richest(articles)
    page, _ = open_page(phone, base_url + f"a/{art.id}/")
    shot(page, "article")
    dated = sorted((a for a in articles if a.day),
                   key=lambda a: (a.date or "", a.source.file, a.source.order, a.id))
    i = [a.id for a in dated].index(art.id)
    prev = page.get_attribute(".cn-prevnext a[rel=prev]", "href")
    nxt = page.get_attribute(".cn-prevnext a[rel=next]", "href")
    assert prev and prev.endswith(f"/{dated[i - 1].id}/")
    assert nxt and nxt.endswith(f"/{dated[i + 1].id}/")
    related = page.eval_on_selector_all(".cn-related li a", "els => els.map(e => e.href)")
    assert 3 <= len(related) <= min(5, len(articles) - 1)
    assert not [h for h in related if h.endswith(f"/{art.id}/")]
    line = page.inner_text(".cn-source-line")
    assert line.startswith("来源：") and f"{art.day.year}年{art.day.month}月{art.day.day}日" in line  # type: ignore[union-attr]
    if art.publication:
        assert art.publication in line
    assert page.locator("[data-cn-copy]").is_visible()
    page.click("[data-cn-copy]")
    page.wait_for_function("document.querySelector('.cn-share-status').textContent !== ''")
    assert page.locator(".cn-back a").count() == 1
    ld = json.loads(page.evaluate(
        "document.querySelector('script[type=\"application/ld+json\"]').textContent"))
    assert ld["@type"] == "NewsArticle" and ld["headline"] == art.title
    assert ld["datePublished"].startswith(art.date or "")
    assert ld["url"] == TEST_SITE_URL + f"a/{art.id}/"
    og = dict(page.eval_on_selector_all(
        "meta[property^='og:']", "els => els.map(e => [e.getAttribute('property'), e.content])"))
    assert og["og:type"] == "article" and og["og:url"] == TEST_SITE_URL + f"a/{art.id}/"
    page.evaluate("document.querySelector('.cn-prevnext').scrollIntoView()")
    shot(page, "article-below")


def test_back_link_returns_to_the_list_the_reader_came_from(phone: object, base_url: str,
                                                            articles: list[ArticleMeta]) -> None:
    art = richest(articles)
    district = f"districts/{quote(art.districts[0])}/"
    page, _ = open_page(phone, base_url + district)
    page.locator(f".cn-list a[href$='a/{art.id}/']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_attribute(".cn-back a", "href") == base_url + district
    # 上一篇/下一篇 now run within the district: the district pair shows, the site-wide one hides.
    in_district = sorted((a for a in articles if a.day and art.districts[0] in a.districts),
                         key=lambda a: (a.date or "", a.source.file, a.source.order, a.id))
    shown = page.locator("nav.cn-prevnext:visible")
    if len(in_district) > 1:
        assert shown.count() == 1 and shown.get_attribute("data-cn-district")
        i = [a.id for a in in_district].index(art.id)
        if i > 0:
            href = shown.locator("a[rel=prev]").get_attribute("href") or ""
            assert href.endswith(f"/{in_district[i - 1].id}/")
    shot(page, "article-from-district")


def test_print_shows_article_with_site_and_address(phone: object, base_url: str,
                                                   articles: list[ArticleMeta]) -> None:
    art = richest(articles)
    page, _ = open_page(phone, base_url + f"a/{art.id}/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
    assert not page.locator(".cn-related").is_visible()
    printed = page.inner_text(".cn-print-only")
    assert "县域新闻" in printed and f"a/{art.id}/" in printed


def test_list_pages_describe_themselves(site: Path) -> None:
    descriptions = {}
    for rel in ("districts/index.html", "campaigns/index.html", "archive/index.html"):
        text = (site / rel).read_text(encoding="utf-8")
        found = re.search(r'<meta name="description" content="([^"]*)"', text)
        assert found, rel
        descriptions[rel] = found.group(1)
    assert len(set(descriptions.values())) == len(descriptions)
    assert (site / "robots.txt").read_text().endswith(f"Sitemap: {TEST_SITE_URL}sitemap.xml\n")


def test_screenshots_of_home_and_district(phone: object, base_url: str,
                                         articles: list[ArticleMeta]) -> None:
    page, _ = open_page(phone, base_url)
    shot(page, "home")
    page.goto(base_url + f"districts/{quote(richest(articles).districts[0])}/")
    page.wait_for_load_state("networkidle")
    shot(page, "district")


def shot(page: object, name: str) -> None:
    """A 360 px screenshot for a person to look at (not compared by the test)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]
