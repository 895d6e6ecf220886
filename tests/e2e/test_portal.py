"""End-to-end: build the seed site with MkDocs, serve it locally and read it in Chromium.

The site is built twice per session (see conftest.py); pages are visited at a 360 px phone width.
Expected lists come from the article Markdown the build extracted into docs/articles/.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from civicnews.site.articles import ArticleMeta, load_articles, newest_first, plain_text

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)

SHOTS = Path(os.environ.get("CIVICNEWS_SHOTS", "/tmp/shots"))  # screenshots to look at
PHONE = {"width": 360, "height": 780}
SEARCH_TERMS = ["创卫", "开发区", "文明城市", "垃圾分类"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="session")
def articles(site: Path) -> list[ArticleMeta]:
    """The articles the build used, newest first; the seed pages must give some."""
    arts = newest_first(load_articles(ROOT / "docs" / "articles"))
    assert arts, "extraction produced no articles from articles/pages/"
    return arts


class Visit:
    """A phone-sized page that records every request it makes."""

    def __init__(self, browser: object, base_url: str) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda req: self.requests.append(req.url))

    def go(self, path: str) -> object:
        """Open a site path and wait until the network is quiet."""
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        self.page.wait_for_load_state("networkidle")
        return self.page

    def foreign_hosts(self) -> set[str]:
        """Hosts other than the local server that any request went to."""
        local = urlsplit(self.base_url).netloc
        return {urlsplit(u).netloc for u in self.requests
                if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != local}

    def overflow(self) -> int:
        """How many pixels the document is wider than the viewport (0 = no sideways scroll)."""
        return int(self.page.evaluate("document.documentElement.scrollWidth")) - PHONE["width"]


@pytest.fixture
def visit(browser: object, base_url: str) -> Iterator[Visit]:
    """A fresh page per test; after the test no request may have left the local server."""
    v = Visit(browser, base_url)
    yield v
    v.context.close()
    assert v.foreign_hosts() == set(), f"requests to third-party hosts: {v.foreign_hosts()}"


def article_ids(page: object, selector: str = ".cn-list .cn-headline a") -> list[str]:
    """Ids of the articles a list page links to, in order."""
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.href)")  # type: ignore[attr-defined]
    return [re.search(r"/a/([^/]+)/$", h).group(1) for h in hrefs]  # type: ignore[union-attr]


def shot(page: object, name: str) -> None:
    """A 360 px screenshot for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def text_of(art: ArticleMeta) -> str:
    """What a reader can search in an article: headline parts, body and captions."""
    return " ".join([art.title, art.kicker or "", art.subtitle or "", plain_text(art.body),
                     *art.captions])


def test_home_lists_newest_articles(visit: Visit, articles: list[ArticleMeta]) -> None:
    page = visit.go("")
    assert article_ids(page) == [a.id for a in articles[:20]]
    assert page.locator(".cn-excerpt").count() == min(20, len(articles))
    assert page.locator("a[href='archive/']").count() >= 1
    nav = page.eval_on_selector_all(".md-nav--primary > .md-nav__list > .md-nav__item > a",
                                    "els => els.map(e => e.textContent.trim())")
    assert nav == ["首页", "地区", "专题/活动", "归档", "关于"]
    assert visit.overflow() <= 0
    shot(page, "home")


def test_article_page_shows_metadata_and_links(visit: Visit,
                                               articles: list[ArticleMeta]) -> None:
    art = max(articles, key=lambda a: (len(a.subheads) > 0, len(a.districts) > 0,
                                       len(a.campaigns) > 0, a.subtitle is not None))
    page = visit.go(f"a/{art.id}/")
    assert page.inner_text("article.cn-article h1") == art.title
    head = page.inner_text(".cn-head")
    for part in [art.subtitle, art.kicker, art.publication, *art.reporters]:
        if part:
            assert part in head, part
    assert page.get_attribute("article.cn-article", "data-pagefind-body") is not None
    assert [h.strip() for h in page.eval_on_selector_all(
        ".cn-body h2", "els => els.map(e => e.textContent)")] == list(art.subheads)
    for name in art.districts:
        assert page.locator(f".cn-tags a[href$='districts/{quote(name)}/']").count() == 1
    for name in art.campaigns:
        assert page.locator(".cn-tags a", has_text=name).count() == 1
    assert page.locator(".cn-qr svg").count() == 1
    assert visit.overflow() <= 0
    shot(page, "article")
    source = page.get_attribute(".cn-source a", "href")
    assert source and source.endswith(quote(art.source.file))
    response = page.request.get(page.evaluate("h => new URL(h, location.href).href", source))
    original = next((ROOT / "articles").rglob(art.source.file))
    # Served as UTF-8 with a BOM whatever the page's encoding, so no server charset matters.
    assert response.ok and response.body().startswith(b"\xef\xbb\xbf")
    assert response.body().decode("utf-8-sig") == original.read_text(encoding="utf-8")


def test_district_page_lists_its_articles(visit: Visit, articles: list[ArticleMeta]) -> None:
    names = sorted({d for a in articles for d in a.districts},
                   key=lambda d: -sum(d in a.districts for a in articles))
    name = names[0]
    page = visit.go("districts/")
    assert page.locator(".cn-counts a", has_text=name).count() == 1
    page.locator(".cn-counts a", has_text=name).first.click()
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1") == name
    assert article_ids(page) == [a.id for a in articles if name in a.districts][:50]
    feeds = page.eval_on_selector_all("link[rel~=alternate]", "els => els.map(e => e.href)")
    assert any(f.endswith(f"districts/{quote(name)}/rss.xml") for f in feeds)
    assert any(f.endswith("/civicnews/rss.xml") for f in feeds)
    assert visit.overflow() <= 0
    shot(page, "district")


def test_campaign_page_lists_its_articles(visit: Visit, articles: list[ArticleMeta]) -> None:
    name = "文明城市创建" if any("文明城市创建" in a.campaigns for a in articles) else \
        next(c for a in articles for c in a.campaigns)
    page = visit.go("campaigns/")
    page.locator(".cn-counts a", has_text=name).first.click()
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1") == name
    assert article_ids(page) == [a.id for a in articles if name in a.campaigns][:50]
    assert visit.overflow() <= 0


def test_archive_months_add_up(visit: Visit, articles: list[ArticleMeta]) -> None:
    page = visit.go("archive/")
    counts = page.eval_on_selector_all(".cn-count", "els => els.map(e => +e.textContent)")
    assert sum(counts) == len(articles)
    newest = next(a for a in articles if a.day)
    page.locator(".cn-counts a").first.click()
    page.wait_for_load_state("networkidle")
    assert newest.id in article_ids(page)
    assert visit.overflow() <= 0


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_chinese_search_finds_articles(visit: Visit, articles: list[ArticleMeta],
                                       term: str) -> None:
    expected = {a.id for a in articles if term in text_of(a)}
    assert expected, f"no seed article contains {term}"
    page = visit.go("")
    page.click("[data-cn-search]")
    page.fill(".pagefind-ui__search-input", term)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    page.wait_for_load_state("networkidle")
    found = article_ids(page, ".pagefind-ui__result-link")
    # Every article containing the word is found and one of them ranks first; Pagefind may also
    # list articles that only share its characters (创建…卫生 for 创卫), ranked lower.
    assert found and found[0] in expected and expected <= set(found), (term, found, expected)
    assert visit.overflow() <= 0
    if term == SEARCH_TERMS[0]:
        shot(page, "search")
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_load_state("networkidle")
    assert "/a/" in page.url


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_merges_the_shards(browser: object, sharded_url: str,
                                  articles: list[ArticleMeta], term: str) -> None:
    """One shard a year, and one a month of the newest year: Pagefind merges them
    (mergeIndex) and still finds every article with the word, fetching nothing from another
    host."""
    import json
    from urllib.request import urlopen

    with urlopen(sharded_url + "pagefind/shards.json") as response:  # noqa: S310 - local
        merged = json.load(response)["merge"]
    newest = max(a.date[:4] for a in articles if a.date)
    units = {a.date[:7] if a.date[:4] == newest else a.date[:4] for a in articles if a.date}
    assert len(merged) == len(units) - 1 + any(not a.date for a in articles)
    expected = {a.id for a in articles if term in text_of(a)}
    v = Visit(browser, sharded_url)
    try:
        page = v.go("")
        page.click("[data-cn-search]")
        page.fill(".pagefind-ui__search-input", term)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
        page.wait_for_load_state("networkidle")
        found = set(article_ids(page, ".pagefind-ui__result-link"))
        assert expected <= found, (term, found, expected)
        assert any("/pagefind/shards/" in u for u in v.requests)
    finally:
        v.context.close()
    assert v.foreign_hosts() == set()


def test_large_type_toggle_persists(visit: Visit) -> None:
    page = visit.go("about/")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    page.click("[data-cn-textsize]")
    bigger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert bigger > size
    page = visit.go("")
    assert page.evaluate("document.documentElement.classList.contains('cn-large')")
    assert visit.overflow() <= 0


def feed_guids(data: bytes) -> list[str]:
    """GUIDs (RSS) or ids (Atom) of a feed's items, parsing it as XML."""
    root = ET.fromstring(data)
    if root.tag == "rss":
        return [g.text or "" for g in root.iter("guid")]
    return [e.findtext(f"{ATOM}id") or "" for e in root.iter(f"{ATOM}entry")]


def test_feeds_parse_with_unique_stable_guids(sites: tuple[Path, Path],
                                              articles: list[ArticleMeta]) -> None:
    first, second = sites
    paths = sorted(p.relative_to(first) for p in first.rglob("*.xml")
                   if p.name in ("rss.xml", "atom.xml"))
    districts = {d for a in articles for d in a.districts}
    campaigns = {c for a in articles for c in a.campaigns}
    assert len(paths) == 2 * (1 + len(districts) + len(campaigns))
    for rel in paths:
        a, b = (first / rel).read_bytes(), (second / rel).read_bytes()
        guids = feed_guids(a)
        assert len(guids) == len(set(guids)), rel
        assert all(g.startswith("urn:civicnews:") for g in guids), rel
        assert a == b, f"{rel} differs between two builds"
    site_guids = feed_guids((first / "rss.xml").read_bytes())
    assert site_guids == [f"urn:civicnews:{a.id}" for a in articles if a.day][:50]


def test_builds_are_byte_identical(sites: tuple[Path, Path]) -> None:
    first, second = sites
    names = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(second)) for p in second.rglob("*") if p.is_file())
    differing = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert differing == []


def test_built_html_names_no_third_party_resources(site: Path) -> None:
    # Only links a browser never fetches (canonical, the site's own feeds) may be absolute.
    fetched = re.compile(r"""<(?:script|img|iframe|link(?![^>]*rel="(?:canonical|alternate|alternate feed)"))"""
                         r"""[^>]*(?:src|href)=["']?(?:https?:)?//""", re.I)
    offenders = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if fetched.search(text) or re.search(r"url\((?:https?:)?//|@import", text):
            offenders.append(str(path.relative_to(site)))
    for path in sorted(site.rglob("*.css")):
        if re.search(r"url\(['\"]?(?:https?:)?//|@import", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(site)))
    assert offenders == []


def test_only_article_pages_are_indexed(site: Path) -> None:
    marked = sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                    if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    assert marked and all(m.startswith("a/") for m in marked)
    assert len(marked) == len(list((site / "a").glob("*/index.html")))
