"""RSS 2.0 and Atom feeds (feedgen) for the whole site, each district and each campaign.

Pure: articles in, ``{site path: bytes}`` out. Nothing reads the clock: feedgen's defaults for
``updated``/``lastBuildDate`` are replaced by the newest article's date, so the same articles give
byte-identical feeds on every build. Undated articles are left out of feeds: a feed item needs a
date, and inventing one would move the item around between builds.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

from feedgen.feed import FeedGenerator
from lxml import etree

from .articles import ArticleMeta, body_html, by_key, excerpt
from .pages import Feeds, article_src, campaign_dir, district_dir, feeds_for, url_of, with_towns
from .rendercache import RenderCache, package_version, page_key

FEED_LIMIT = 50  # items per feed, newest first
CHINA = timezone(timedelta(hours=8))  # the papers' dates are Beijing days
EPOCH = datetime(1970, 1, 1, tzinfo=CHINA)  # 'updated' of a feed with no dated article


@dataclass(frozen=True)
class FeedInfo:
    """What one feed is about: its title, description and the list page it mirrors."""

    title: str
    description: str
    page: str  # site path of the HTML page ('' for home)
    feeds: Feeds


def guid(art: ArticleMeta) -> str:
    """The item id that never changes for an article (not a URL: URLs may move)."""
    return f"urn:civicnews:{art.id}"


def published(art: ArticleMeta) -> datetime | None:
    """Midnight Beijing time of the article's date."""
    day = art.day
    return datetime(day.year, day.month, day.day, tzinfo=CHINA) if day else None


def absolute(site_url: str, path: str) -> str:
    """An absolute, percent-encoded URL for a site path."""
    return site_url.rstrip("/") + "/" + quote(path, safe="/.-_~%")


def headline_html(art: ArticleMeta) -> str:
    """The kicker and subtitle a printed headline carries, as HTML paragraphs before the body.

    >>> headline_html(ArticleMeta(id="x", title="t", kicker="引<题>", subtitle="副题"))
    '<p><small>引&lt;题&gt;</small></p><p><strong>副题</strong></p>'
    """
    kicker = f"<p><small>{html.escape(art.kicker)}</small></p>" if art.kicker else ""
    subtitle = f"<p><strong>{html.escape(art.subtitle)}</strong></p>" if art.subtitle else ""
    return kicker + subtitle


def summary_text(art: ArticleMeta, limit: int = 140) -> str:
    """The item summary: subtitle (which says what the headline leaves out), then the opening.

    >>> summary_text(ArticleMeta(id="x", title="t", subtitle="副题", body="正文。"))
    '副题——正文。'
    """
    opening = excerpt(art, limit=limit)
    return f"{art.subtitle}——{opening}" if art.subtitle else opening


def as_html(text: str) -> str:
    """Plain text as the HTML a feed reader renders: escaped exactly once, for RSS and Atom.

    RSS readers take titles and descriptions as HTML, so raw page text there is markup
    (``<svg/onload=…>`` ran). Atom says so explicitly: its title and subtitle get
    ``type="html"`` (see ``_atom_html_titles``), and both formats then carry the same value.

    >>> as_html("<svg/onload=alert(1)>标题 & 说明")
    '&lt;svg/onload=alert(1)&gt;标题 &amp; 说明'
    """
    return html.escape(text, quote=False)


ATOM_NS = "{http://www.w3.org/2005/Atom}"
# Their tags as read back from bytes, and as feedgen makes them (no namespace in the tag: the
# feed's default namespace, Atom's, is theirs).
ATOM_HTML_TEXTS = {f"{ATOM_NS}title", f"{ATOM_NS}subtitle", "title", "subtitle"}
ATOM_ENTRY = (f"{ATOM_NS}entry", "entry")


def _mark_html_titles(root: etree._Element) -> None:
    """Mark the Atom feed's and entries' titles and subtitle ``type="html"`` (feedgen cannot)."""
    for parent in (root, *root.iterchildren(*ATOM_ENTRY)):
        for child in parent.iterchildren(*ATOM_HTML_TEXTS):
            child.set("type", "html")


def _atom_html_titles(data: bytes) -> bytes:
    """An Atom feed's bytes with its titles marked (``_mark_html_titles``)."""
    root = etree.fromstring(data)
    _mark_html_titles(root)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _atom_bytes(fg: FeedGenerator) -> bytes:
    """``_atom_html_titles(fg.atom_str(pretty=True))`` from feedgen's tree itself: its
    bytes parsed again only to set two attributes were a tenth of a feed's cost. Through
    the bytes when feedgen has no such tree (``_create_atom``, feedgen 1.0's)."""
    create = getattr(fg, "_create_atom", None)
    if create is None:
        return _atom_html_titles(fg.atom_str(pretty=True))
    root, _doc = create()
    _mark_html_titles(root)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _generator(info: FeedInfo, site_url: str, updated: datetime) -> FeedGenerator:
    """A feed with its channel data set (its links by ``_links``, per format); everything
    time-like comes from ``updated``. One generator writes both formats: its entries are made
    once (two generators, one a format, made every entry twice)."""
    fg = FeedGenerator()
    # dc:creator carries reporter names in RSS (RSS author wants an e-mail); Atom has author.
    fg.load_extension("dc", atom=False, rss=True)
    page_url = absolute(site_url, info.page)
    fg.id(page_url)
    fg.title(as_html(info.title))
    fg.description(as_html(info.description))
    fg.subtitle(as_html(info.description))
    fg.language("zh-CN")
    fg.generator("civicnews")
    fg.updated(updated)
    fg.lastBuildDate(updated)
    return fg


def _links(fg: FeedGenerator, info: FeedInfo, site_url: str, self_path: str) -> None:
    """The feed's links for the format at ``self_path`` (replacing the other format's)."""
    # feedgen makes the RSS channel <link> from the last link given: the site page, not the
    # feed itself (Atom keeps both, rel="self" and rel="alternate").
    fg.link(href=absolute(site_url, self_path), rel="self", replace=True)
    fg.link(href=absolute(site_url, info.page), rel="alternate")


@dataclass(frozen=True)
class _Item:
    """What one article's item/entry says, the same in every feed that lists it."""

    guid: str
    title: str
    link: str
    content: str
    summary: str
    when: datetime | None
    reporters: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]  # (term, scheme): districts, then campaigns


def _item(art: ArticleMeta, site_url: str, html_of: Callable[[ArticleMeta], str]) -> _Item:
    return _Item(
        guid=guid(art), title=as_html(art.title),
        link=absolute(site_url, url_of(article_src(art.id))),
        content=headline_html(art) + html_of(art),
        summary=html.escape(summary_text(art), quote=False), when=published(art),
        reporters=art.reporters,
        categories=tuple([(name, absolute(site_url, district_dir(name))) for name in art.districts]
                         + [(name, absolute(site_url, campaign_dir(name)))
                            for name in art.campaigns]))


def _items_once(site_url: str, html_of: Callable[[ArticleMeta], str]
                ) -> Callable[[ArticleMeta], _Item]:
    """``_item`` remembered by article id for one build: a story is in the site feed, its
    districts' and its campaigns' feeds, each as RSS and Atom (its URLs, excerpt and body
    worked out once: a fifth of a 10,000-article build's feeds)."""
    done: dict[str, _Item] = {}

    def memo(art: ArticleMeta) -> _Item:
        found = done.get(art.id)
        if found is None:
            found = done[art.id] = _item(art, site_url, html_of)
        return found
    return memo


def _add_item(fg: FeedGenerator, item: _Item) -> None:
    """Append one article as an item/entry (feedgen prepends unless told otherwise)."""
    fe = fg.add_entry(order="append")
    fe.guid(item.guid, permalink=False)
    fe.title(item.title)
    fe.link(href=item.link, rel="alternate")
    # content() sets Atom <content type="html"> and RSS <content:encoded>; summary() sets Atom
    # <summary> and RSS <description>. description() would overwrite the Atom content. RSS
    # readers take <description> as HTML, so the plain-text excerpt goes in HTML-escaped, and
    # the Atom summary says type="html" to match.
    fe.content(item.content, type="html")
    fe.summary(item.summary, type="html")
    fe.published(item.when)
    fe.updated(item.when)
    for name in item.reporters:
        fe.author({"name": name})
        fe.dc.dc_creator(name)  # written in RSS only (_generator)
    for name, scheme in item.categories:
        fe.category(term=name, scheme=scheme, label=name)


# Besides the hooks' code and the Markdown package (in the render cache's environment key),
# these write a feed's bytes.
FEED_PACKAGES = ("feedgen", "lxml")


@dataclass(frozen=True)
class FeedCache:
    """Finished feeds kept across builds, keyed by everything a feed is made from: the build
    environment (``rendercache.environment_key``: code, config, site address, package
    versions), the feed's path and channel data, and every field of each article it lists (by
    ``digest``). A rebuild after one new article renders the site feed and the feeds of that
    article's districts and campaigns; the others come from the cache (rendering all of them,
    each article's Markdown included, was the largest part of a rebuild's list bookkeeping)."""

    store: RenderCache
    environment: str
    digest: Callable[[ArticleMeta], str]
    # Site path → the cached file of each feed served from the cache in this build: the site
    # can take the file itself (a link) where MkDocs would write its bytes again.
    served: dict[str, Path] = field(default_factory=dict)
    # Site path → the cached file of each feed rendered in this build and kept (the same
    # bytes): the site takes it like a served one instead of holding the feed's bytes until
    # MkDocs writes them (~40 MB of feeds at 10,000 articles, through the build's peak).
    stored: dict[str, Path] = field(default_factory=dict)
    # For a caller that takes each served feed's file (``served``): its bytes are not read,
    # b"" stands for them (a rebuild read ~850 cached feeds, ~48 MB at 10,000 articles,
    # only for their files to be put in the site).
    lazy: bool = False

    def key(self, path: str, info: FeedInfo, site_url: str, items: Sequence[ArticleMeta]) -> str:
        versions = ",".join(f"{name}={package_version(name)}" for name in FEED_PACKAGES)
        return page_key(self.environment, "feed", versions, path, repr(info), site_url,
                        *(self.digest(a) for a in items))

    def get(self, key: str, path: str | None = None) -> bytes | None:
        """The cached feed's bytes, or None; with ``path`` (its site path) it is noted in
        ``served`` (and with ``lazy`` not read: b"")."""
        found = self.store.get(key)
        if self.lazy and path is not None and found is not None:
            self.served[path] = found
            return b""
        try:
            data = found.read_bytes() if found is not None else None
        except OSError:
            return None
        if data is not None and path is not None and found is not None:
            self.served[path] = found
        return data


def render_feed(articles: Sequence[ArticleMeta], info: FeedInfo, site_url: str, *,
                limit: int = FEED_LIMIT,
                html_of: Callable[[ArticleMeta], str] = body_html,
                cache: FeedCache | None = None,
                item_of: Callable[[ArticleMeta], _Item] | None = None) -> dict[str, bytes]:
    """RSS and Atom for one list: the newest ``limit`` dated articles, newest first; through
    ``cache`` when given (the same bytes). ``item_of``: each article's item, when made
    already (``_items_once``); else from ``html_of``."""
    dated = [a for a in articles if a.day]
    dated.sort(key=lambda a: a.date or "", reverse=True)  # stable: callers' tie order stays
    items = dated[:limit]
    updated = published(items[0]) if items else EPOCH
    out: dict[str, bytes] = {}
    fg: FeedGenerator | None = None
    for path, rss in ((info.feeds.rss, True), (info.feeds.atom, False)):
        key = cache.key(path, info, site_url, items) if cache is not None else ""
        found = cache.get(key, path) if cache is not None else None
        if found is not None:
            out[path] = found
            continue
        if fg is None:
            fg = _generator(info, site_url, updated or EPOCH)
            if item_of is None:
                item_of = _items_once(site_url, html_of)
            for art in items:
                _add_item(fg, item_of(art))
        _links(fg, info, site_url, path)
        out[path] = (fg.rss_str(pretty=True) if rss
                     else _atom_bytes(fg))
        if cache is not None:
            cache.store.put(key, out[path])
            kept = cache.store.get(key)  # None when the cache cannot be written
            if kept is not None:
                cache.stored[path] = kept
    return out


def site_feeds(articles: Sequence[ArticleMeta], site_url: str, site_name: str, *,
               limit: int = FEED_LIMIT,
               html_of: Callable[[ArticleMeta], str] = body_html,
               paths: Mapping[str, Sequence[str]] | None = None,
               cache: FeedCache | None = None) -> dict[str, bytes]:
    """Every feed of the site: site-wide, per district, per campaign; keys are site paths.

    With ``paths`` (each district's places above it) a district's feed carries the stories of
    the towns inside it too. With ``cache``, unchanged feeds are read from it."""
    return dict(iter_site_feeds(articles, site_url, site_name, limit=limit, html_of=html_of,
                                paths=paths, cache=cache))


def iter_site_feeds(articles: Sequence[ArticleMeta], site_url: str, site_name: str, *,
                    limit: int = FEED_LIMIT,
                    html_of: Callable[[ArticleMeta], str] = body_html,
                    paths: Mapping[str, Sequence[str]] | None = None,
                    cache: FeedCache | None = None) -> Iterator[tuple[str, bytes]]:
    """site_feeds' (path, bytes) one list's feeds at a time, in the same order: a caller that
    takes a kept feed's file (``cache.served``, ``cache.stored``) never holds every feed."""
    item_of = _items_once(site_url, html_of)
    lists: list[tuple[FeedInfo, Sequence[ArticleMeta]]] = [
        (FeedInfo(site_name, f"{site_name}：最新文章", "", feeds_for("")), articles)]
    districts = by_key(articles, "districts")
    if paths is not None:
        districts = with_towns(districts, paths, articles)
    for name, arts in sorted(districts.items()):
        lists.append((FeedInfo(f"{name} - {site_name}", f"{site_name}：{name}的文章",
                               district_dir(name), feeds_for(district_dir(name))), arts))
    for name, arts in sorted(by_key(articles, "campaigns").items()):
        lists.append((FeedInfo(f"{name} - {site_name}", f"{site_name}：专题「{name}」",
                               campaign_dir(name), feeds_for(campaign_dir(name))), arts))
    for info, arts in lists:
        yield from render_feed(arts, info, site_url, limit=limit, html_of=html_of,
                               cache=cache, item_of=item_of).items()
