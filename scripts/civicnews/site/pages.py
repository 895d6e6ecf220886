"""Generate the portal's pages (home, districts, campaigns, archive) from a list of articles.

Every function here is pure: articles in, ``GeneratedPage``s (a docs-relative Markdown path and
its text) out, so the same articles always give byte-identical pages. The pages are Markdown
files whose content is one raw HTML block built with ``html.escape``: titles in the front matter
are raw page text, and nothing from a page may become markup.

URLs: an article lives at ``a/<id>/``; district and campaign pages at ``districts/<name>/`` and
``campaigns/<name>/`` with further pages at ``…/2/``; months at ``archive/<yyyy>/<mm>/``.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import yaml

from .articles import ArticleMeta, by_key, excerpt
from .related import Neighbours
from .rendercache import RenderCache, page_key

HOME_LIMIT = 20  # articles on the home page; the archive has the rest
PER_PAGE = 50  # articles on one district/campaign/month page
UNDATED = "日期不详"
SEARCH_DATE_KEY = "日期"
OTHER_GROUP = "其他"


@dataclass(frozen=True)
class GeneratedPage:
    """A page for MkDocs to render: its path under docs/ and its Markdown text. From a lazy
    ListCache, ``kept`` is the cache's file of the text, not read yet (``content`` is then
    ""; ``text()`` reads it), and ``key`` is the cache key the text is a function of."""

    src_uri: str
    content: str
    kept: Path | None = None
    key: str = ""
    remake: Callable[[], str] | None = field(default=None, compare=False, repr=False)

    def text(self) -> str:
        """The Markdown: ``content``, or the kept file's (made again when it cannot be read)."""
        if self.kept is None:
            return self.content
        try:
            return self.kept.read_bytes().decode("utf-8", "surrogatepass")
        except (OSError, UnicodeDecodeError):
            if self.remake is None:
                raise
            return self.remake()


@dataclass(frozen=True)
class Feeds:
    """Docs-relative paths of one list's RSS and Atom feeds."""

    rss: str
    atom: str


def esc(text: object) -> str:
    """HTML-escape anything for text and attribute positions."""
    return html.escape(str(text), quote=True)


def slug(name: str) -> str:
    """A path segment for a district or campaign name: word characters (incl. CJK) and dashes."""
    cleaned = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-")
    return cleaned or "x"


def article_src(art_id: str) -> str:
    """Where an article's page sits among the docs files (its URL is ``a/<id>/``)."""
    return f"a/{art_id}.md"


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown path with ``use_directory_urls``."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


def plain_rel(from_url: str, to_path: str) -> str:
    """A percent-encoded link from the page at ``from_url`` to a site path (``x/`` or ``f.xml``);
    ``rel`` is the same, cached."""
    start = from_url.rstrip("/") or "."
    target = to_path.rstrip("/") or "."
    out = _relpath(target, start)
    if to_path.endswith("/") or to_path == "":
        out = "./" if out == "." else out + "/"
    return quote(out, safe="/.-_~")


# Cached: every article page links to the same districts, campaigns and lists, and this is
# called tens of thousands of times a build.
_cached_rel = lru_cache(maxsize=65536)(plain_rel)
# An article page's directory below a/: our ids, characters quote() leaves as they are.
_PLAIN_ID = re.compile(r"[A-Za-z0-9_~-]+")


def rel(from_url: str, to_path: str) -> str:
    """``plain_rel``, cached; a link to an article page (``a/<id>/``, most links of a build:
    every list entry, 上一篇/下一篇 and 相关新闻, hardly one pair twice) is worked out here
    as plain_rel does, without quote() (nothing to encode in such an id) or the cache.

    >>> [rel(f, "a/x-1/") == plain_rel(f, "a/x-1/") for f in ["", "a/x-1/", "a/y/", "archive/2023/04/"]]
    [True, True, True, True]
    """
    if to_path[:2] == "a/" and to_path[-1:] == "/" and not from_url.startswith("/") \
            and ".." not in from_url:
        art_id = to_path[2:-1]
        if _PLAIN_ID.fullmatch(art_id):
            here = from_url[2:-1]
            if from_url[:2] == "a/" and from_url[-1:] == "/" and here not in ("", ".") \
                    and "/" not in here:  # from another article page (or its own)
                return "./" if here == art_id else f"../{art_id}/"
            # _relpath(target, start) for target a/<id>: start's parts, "." dropped
            start = [p for p in (from_url.rstrip("/") or ".").split("/") if p and p != "."]
            common = 0
            if start and start[0] == "a":
                common = 2 if len(start) > 1 and start[1] == art_id else 1
            parts = [".."] * (len(start) - common) + ["a", art_id][common:]
            return "/".join(parts) + "/" if parts else "./"
    return _cached_rel(from_url, to_path)


Link = Callable[[str, str], str]


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for site paths, without its calls to ``os.getcwd`` (most of its
    time); anything but plain relative paths goes to posixpath.

    >>> [_relpath(t, s) for t, s in [("a/x", "districts/y"), (".", "a/x"), ("a", "a"),
    ...                              ("archive", "archive/2023/04"), ("a/b", ".")]]
    ['../../a/x', '../..', '.', '../..', 'a/b']
    """
    if target.startswith("/") or start.startswith("/") or ".." in target or ".." in start:
        return posixpath.relpath(target, start)
    t = [p for p in target.split("/") if p and p != "."]
    s = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(t), len(s)) and t[common] == s[common]:
        common += 1
    parts = [".."] * (len(s) - common) + t[common:]
    return "/".join(parts) or "."


def district_dir(name: str) -> str:
    """Directory of a district's pages and feeds."""
    return f"districts/{slug(name)}/"


def campaign_dir(name: str) -> str:
    """Directory of a campaign's pages and feeds."""
    return f"campaigns/{slug(name)}/"


def month_dir(day: str) -> str:
    """Directory of the archive page for an ISO date's month."""
    return f"archive/{day[:4]}/{day[5:7]}/"


def feeds_for(directory: str) -> Feeds:
    """The feed paths that sit beside a list page directory (site-wide for '')."""
    return Feeds(rss=f"{directory}rss.xml", atom=f"{directory}atom.xml")


def human_date(art: ArticleMeta) -> str:
    """The date as readers write it (2023年4月3日), or 日期不详."""
    day = art.day
    return f"{day.year}年{day.month}月{day.day}日" if day else UNDATED


def month_label(key: str) -> str:
    """'2023-04' → 2023年4月."""
    return f"{key[:4]}年{int(key[5:7])}月"


def _front(title: str, feeds: Feeds | None = None, description: str | None = None) -> str:
    """Front matter of a generated page; values are HTML-escaped because the theme prints them raw."""
    meta: dict[str, object] = {"title": esc(title), "hide": ["toc"]}
    if description:
        meta["description"] = esc(description)
    if feeds:
        meta["feed_rss"] = quote(feeds.rss)
        meta["feed_atom"] = quote(feeds.atom)
    return f"---\n{_dump_front(meta)}---\n\n"


# libyaml's emitter writes the same text as PyYAML's for these characters (printable ASCII,
# the rest of the Basic Multilingual Plane but surrogates and C1 controls; checked against
# yaml.safe_dump in tests/test_site_pages.py) and is ~5x faster: the pure-Python dumper was a
# tenth of a rebuild's bookkeeping. Anything else (astral characters, controls) goes through
# PyYAML, which escapes some of them differently.
_C_SAFE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]{0,2000}")
_CDumper = getattr(yaml, "CSafeDumper", None)


def _dump_front(meta: dict[str, object]) -> str:
    """``yaml.safe_dump(meta)`` as front matter (CJK as is, one line per value)."""
    plain = _CDumper is not None and all(
        _C_SAFE.fullmatch(v) for v in meta.values() if isinstance(v, str))
    return yaml.dump(meta, Dumper=_CDumper if plain else yaml.SafeDumper, allow_unicode=True,
                     sort_keys=False, width=10_000)


def _date_html(art: ArticleMeta) -> str:
    """A <time> element for an article's date (with a mark when the editor estimated it)."""
    if not art.day:
        return f'<span class="cn-date">{UNDATED}</span>'
    est = '<span class="cn-est" title="日期为编辑估计">（估）</span>' if art.date_estimated else ""
    return f'<time class="cn-date" datetime="{esc(art.date)}">{esc(human_date(art))}</time>{est}'


def _links(names: Sequence[str], make_dir: Callable[[str], str], from_url: str,
           link: Link = rel) -> str:
    """Comma-free run of links to district or campaign pages."""
    return " ".join(
        f'<a class="cn-tag" href="{link(from_url, make_dir(n))}">{esc(n)}</a>' for n in names
    )


def item_html(art: ArticleMeta, from_url: str) -> str:
    """One entry of an article list: kicker, headline, date, districts and a short excerpt."""
    href = rel(from_url, url_of(article_src(art.id)))
    kicker = f'<p class="cn-kicker">{esc(art.kicker)}</p>' if art.kicker else ""
    places = _links(art.districts, district_dir, from_url)
    places_html = f' <span class="cn-places">{places}</span>' if places else ""
    return (
        '<li class="cn-item">'
        f"{kicker}"
        f'<h2 class="cn-headline"><a href="{href}">{esc(art.title or UNDATED)}</a></h2>'
        f'<p class="cn-meta">{_date_html(art)}'
        f"{places_html}</p>"
        f'<p class="cn-excerpt">{esc(excerpt(art))}</p>'
        "</li>"
    )


def list_html(articles: Sequence[ArticleMeta], from_url: str) -> str:
    """An ordered list of article entries (empty lists say so)."""
    if not articles:
        return '<p class="cn-empty">暂无文章。</p>'
    return '<ol class="cn-list">' + "".join(item_html(a, from_url) for a in articles) + "</ol>"


def _feed_links(feeds: Feeds, from_url: str) -> str:
    """Visible subscribe links for a list page."""
    return (
        '<p class="cn-feeds">订阅：'
        f'<a href="{rel(from_url, feeds.rss)}" type="application/rss+xml">RSS</a> · '
        f'<a href="{rel(from_url, feeds.atom)}" type="application/atom+xml">Atom</a></p>'
    )


def _pager(number: int, total: int, directory: str, from_url: str) -> str:
    """Previous/next links between the pages of one list."""
    if total <= 1:
        return ""

    def page_path(n: int) -> str:
        return directory if n == 1 else f"{directory}{n}/"

    prev = (f'<a rel="prev" href="{rel(from_url, page_path(number - 1))}">‹ 上一页</a>'
            if number > 1 else "")
    nxt = (f'<a rel="next" href="{rel(from_url, page_path(number + 1))}">下一页 ›</a>'
           if number < total else "")
    return (f'<nav class="cn-pager" aria-label="分页">{prev}'
            f'<span>第 {number} / {total} 页</span>{nxt}</nav>')


@dataclass(frozen=True)
class ListCache:
    """List pages' Markdown kept across builds, keyed by everything one is made from: the build
    environment (``rendercache.environment_key``: this code among it), the page's place, heading,
    breadcrumb, feeds, description and counts, and every field of each article it lists (by
    ``digest``). A rebuild after one new article makes again only the pages that list it (and
    those whose counts or pager it moves); making all ~1,000 pages' entries at 10,000 articles
    was the largest part of a rebuild's list bookkeeping."""

    store: RenderCache
    environment: str
    digest: Callable[[ArticleMeta], str]
    # Pages found in the cache are handed over by their file, not read (GeneratedPage.kept):
    # the site build reads only those MkDocs renders, ~30 MB of kept list pages at 10,000
    # articles were read and hashed on every rebuild, then served from the render cache.
    lazy: bool = False

    def text(self, parts: Sequence[str], items: Sequence[ArticleMeta],
             make: Callable[[], str]) -> str:
        """The cached text under these inputs, else ``make()`` (then kept)."""
        return self.page("", parts, items, make, lazy=False).text()

    def page(self, src: str, parts: Sequence[str], items: Sequence[ArticleMeta],
             make: Callable[[], str], lazy: bool | None = None) -> GeneratedPage:
        """The page ``src`` of the cached text under these inputs (its file when ``lazy``),
        else of ``make()`` (then kept); its ``key`` names the inputs."""
        key = page_key(self.environment, "list", *parts, *(self.digest(a) for a in items))
        found = self.store.get(key)
        if found is not None:
            if self.lazy if lazy is None else lazy:
                return GeneratedPage(src, "", found, key, make)
            try:
                return GeneratedPage(src, found.read_bytes().decode("utf-8", "surrogatepass"),
                                     None, key)
            except (OSError, UnicodeDecodeError):
                pass
        text = make()
        self.store.put(key, text.encode("utf-8", "surrogatepass"))
        return GeneratedPage(src, text, None, key)


def paged_list(directory: str, title: str, articles: Sequence[ArticleMeta], *,
               crumb: Crumb | None = None, feeds: Feeds | None = None,
               per_page: int = PER_PAGE, description: str | None = None,
               cache: ListCache | None = None) -> list[GeneratedPage]:
    """A list split into pages of ``per_page``: ``<dir>/index.md``, ``<dir>/2.md``, …; through
    ``cache`` when given (the same text)."""
    chunks = [articles[i:i + per_page] for i in range(0, len(articles), per_page)] or [[]]
    out: list[GeneratedPage] = []
    for number, chunk in enumerate(chunks, start=1):
        src = f"{directory}index.md" if number == 1 else f"{directory}{number}.md"
        heading = title if number == 1 else f"{title}（第 {number} 页）"
        about = description or f"{title}：共 {len(articles)} 篇文章"

        def make(src: str = src, heading: str = heading, about: str = about,
                 number: int = number, chunk: Sequence[ArticleMeta] = chunk) -> str:
            here = url_of(src)
            body = [
                f'<div class="cn-page"><h1 id="cn-main" tabindex="-1">{esc(heading)}</h1>',
                crumb.html(here) if crumb else "",
                f'<p class="cn-count-line">共 {len(articles)} 篇</p>',
                _feed_links(feeds, here) if feeds else "",
                list_html(chunk, here),
                _pager(number, len(chunks), directory, here),
                "</div>",
            ]
            return _front(heading, feeds, about) + "".join(body) + "\n"

        # Everything ``make`` reads but the articles' fields (those are in the key by digest).
        parts = (directory, src, heading, about, repr(crumb), repr(feeds), str(number),
                 str(len(chunks)), str(len(articles)))
        out.append(cache.page(src, parts, chunk, make) if cache else GeneratedPage(src, make()))
    return out


def home_page(articles: Sequence[ArticleMeta], site_name: str,
              limit: int = HOME_LIMIT, *, with_feeds: bool = True) -> GeneratedPage:
    """The front page: the newest ``limit`` articles and a way into the archive."""
    here = ""
    more = (f'<p class="cn-more"><a href="{rel(here, "archive/")}">'
            f"全部 {len(articles)} 篇文章见归档 ›</a></p>")
    feeds = feeds_for("") if with_feeds else None
    body = (
        '<div class="cn-page cn-home"><h1 id="cn-main" tabindex="-1">最新文章</h1>'
        f"{list_html(articles[:limit], here)}{more}"
        f"{_feed_links(feeds, here) if feeds else ''}</div>\n"
    )
    return GeneratedPage("index.md", _front("首页", feeds, f"{site_name}：最新文章") + body)


@dataclass(frozen=True)
class Crumb:
    """A breadcrumb back to a section index: where, its label, and plain text after it."""

    up: str
    label: str
    tail: str = ""

    def html(self, from_url: str) -> str:
        """The breadcrumb as seen from one page."""
        tail = f" › {esc(self.tail)}" if self.tail else ""
        return (f'<p class="cn-crumb"><a href="{rel(from_url, self.up)}">'
                f"{esc(self.label)}</a>{tail}</p>")


def _count_list(entries: Sequence[tuple[str, str, int]], from_url: str) -> str:
    """Links with article counts: (label, directory, count)."""
    items = "".join(
        f'<li><a href="{rel(from_url, d)}">{esc(label)}'
        f'<span class="cn-count">{n}</span></a></li>'
        for label, d, n in entries
    )
    return f'<ul class="cn-counts">{items}</ul>'


def city_map(parents: Mapping[str, str | None],
             levels: Mapping[str, str]) -> dict[str, str | None]:
    """Each place's city: itself if a city, else the nearest city above it, else its parent."""
    out: dict[str, str | None] = {}
    for name in parents:
        place: str | None = name
        seen: set[str] = set()
        while place is not None and place not in seen and levels.get(place) != "city":
            seen.add(place)
            place = parents.get(place)
        out[name] = place if place is not None and levels.get(place) == "city" else parents[name]
    return out


def district_groups(names: Sequence[str], cities: Mapping[str, str | None],
                    order: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Districts grouped by their city, groups and members in gazetteer order, unknowns last."""
    rank = {n: i for i, n in enumerate(order)}

    def key(n: str) -> tuple[int, str]:
        return (rank.get(n, len(rank)), n)

    groups: dict[str, list[str]] = {}
    for name in sorted(names, key=key):
        groups.setdefault(cities.get(name) or OTHER_GROUP, []).append(name)
    return sorted(groups.items(), key=lambda kv: (kv[0] == OTHER_GROUP, key(kv[0])))


def with_towns(groups: Mapping[str, Sequence[ArticleMeta]], paths: Mapping[str, Sequence[str]],
               articles: Sequence[ArticleMeta]) -> dict[str, list[ArticleMeta]]:
    """Each district's stories together with those of the places inside it (a county's page
    and feed show its towns' stories), in the given article order."""
    rank = {id(a): k for k, a in enumerate(articles)}
    merged = {name: {id(a): a for a in arts} for name, arts in groups.items()}
    # Each place's stories go to the districts above it, places taken in ``paths`` order (the
    # order each district took them in when it looked through every path for itself: that
    # was a district times a path, 360,000 tests a build at 10,000 articles, twice).
    for other, path in paths.items():
        if other not in groups:
            continue
        for name in path:
            if name != other and name in merged:
                merged[name].update((id(a), a) for a in groups[other])
    return {name: sorted(found.values(), key=lambda a: rank.get(id(a), 0))
            for name, found in merged.items()}


def district_tree(names: Sequence[str], paths: Mapping[str, Sequence[str]],
                  order: Sequence[str]) -> dict[str, dict[str, list[tuple[str, list[str]]]]]:
    """Districts as province → city → [(county, [towns])], in gazetteer order.

    ``paths`` maps a district to the places above it, province first (a county of 北京 has no
    city: it sits under the province's own name). Districts without a path go to 其他.

    >>> paths = {"柯城区": ["浙江省", "衢州市"], "石梁镇": ["浙江省", "衢州市", "柯城区"]}
    >>> district_tree(["石梁镇", "柯城区", "某村"], paths, ["浙江省", "衢州市", "柯城区", "石梁镇"])
    {'浙江省': {'衢州市': [('柯城区', ['石梁镇'])]}, '其他': {'其他': [('某村', [])]}}
    """
    rank = {n: i for i, n in enumerate(order)}

    def key(n: str) -> tuple[int, str]:
        return (rank.get(n, len(rank)), n)

    tree: dict[str, dict[str, dict[str, list[str]]]] = {}
    for name in sorted(names, key=key):
        path = list(paths.get(name) or ())
        if not path:
            tree.setdefault(OTHER_GROUP, {}).setdefault(OTHER_GROUP, {}).setdefault(name, [])
            continue
        province = path[0]
        city = path[1] if len(path) > 1 else province
        if len(path) <= 1:  # a city or a county of 北京, 上海 …: listed under the province
            tree.setdefault(province, {}).setdefault(city, {}).setdefault(name, [])
        elif len(path) == 2:  # a county (or a city's own zone)
            tree.setdefault(province, {}).setdefault(city, {}).setdefault(name, [])
        else:  # a town: under its county, which is listed even when no story names it
            tree.setdefault(province, {}).setdefault(city, {}).setdefault(path[2], []).append(name)
    ordered = sorted(tree, key=lambda p: (p == OTHER_GROUP, key(p)))
    return {p: {c: sorted(tree[p][c].items(), key=lambda kv: key(kv[0]))
                for c in sorted(tree[p], key=key)} for p in ordered}


def _tree_html(tree: Mapping[str, Mapping[str, Sequence[tuple[str, Sequence[str]]]]],
               counts: Mapping[str, int], here: str) -> str:
    """Nested sections: province, city, then counties with their towns, each with a count."""
    def item(name: str) -> str:
        n = counts.get(name, 0)
        count = f'<span class="cn-count">{n}</span>'
        return (f'<a href="{rel(here, district_dir(name))}">{esc(name)}{count}</a>' if n
                else esc(name))
    out = []
    for province, cities in tree.items():
        parts = []
        for city, counties in cities.items():
            rows = []
            for county, towns in counties:
                sub = "".join(f"<li>{item(t)}</li>" for t in towns)
                rows.append(f"<li>{item(county)}" + (f'<ul class="cn-counts cn-towns">{sub}</ul>' if sub else "")
                            + "</li>")
            heading = f"<h3>{item(city) if city in counts else esc(city)}</h3>" if city != province else ""
            parts.append(f'<section class="cn-city">{heading}<ul class="cn-counts">{"".join(rows)}</ul></section>')
        head = item(province) if province in counts else esc(province)
        out.append(f'<section class="cn-group"><h2>{head}</h2>{"".join(parts)}</section>')
    return "".join(out)


def district_pages(articles: Sequence[ArticleMeta], cities: Mapping[str, str | None],
                   order: Sequence[str], per_page: int = PER_PAGE,
                   paths: Mapping[str, Sequence[str]] | None = None, *,
                   with_feeds: bool = True, cache: ListCache | None = None
                   ) -> list[GeneratedPage]:
    """The district index (grouped by city, with counts) and each district's paged list.

    ``cities`` maps a district to the city it belongs to (a city to itself); ``order`` is the
    gazetteer's order, which lists each city's places together. With ``paths`` (each district's
    places above it, province first) the index is grouped province → city → county → town and a
    district's page and count include the stories of the places inside it.
    """
    groups = by_key(articles, "districts")
    here = "districts/"
    if paths is not None:
        groups = with_towns(groups, paths, articles)
        body = _tree_html(district_tree(list(groups), paths, order),
                          {n: len(a) for n, a in groups.items()}, here)
    else:
        sections = []
        for city, members in district_groups(list(groups), cities, order):
            entries = [(n, district_dir(n), len(groups[n])) for n in members]
            sections.append(f'<section class="cn-group"><h2>{esc(city)}</h2>'
                            f"{_count_list(entries, here)}</section>")
        body = "".join(sections)
    empty = "" if groups else '<p class="cn-empty">暂无地区。</p>'
    index = GeneratedPage(
        "districts/index.md",
        _front("地区", description="按地区浏览新闻：各省、市、县和乡镇的文章数")
        + f'<div class="cn-page"><h1 id="cn-main" tabindex="-1">地区</h1>{empty}{body}</div>\n',
    )
    out = [index]
    for name in sorted(groups):
        out += paged_list(district_dir(name), name, groups[name],
                          crumb=Crumb(here, "地区", _city_tail(name, cities)),
                          feeds=feeds_for(district_dir(name)) if with_feeds else None,
                          per_page=per_page, description=f"{name}的新闻：共 {len(groups[name])} 篇",
                          cache=cache)
    return out


def _city_tail(name: str, cities: Mapping[str, str | None]) -> str:
    """The city shown after the breadcrumb, unless the district is that city."""
    city = cities.get(name)
    return city if city and city != name else ""


def campaign_pages(articles: Sequence[ArticleMeta], order: Sequence[str],
                   per_page: int = PER_PAGE, *, with_feeds: bool = True,
                   cache: ListCache | None = None) -> list[GeneratedPage]:
    """The campaign index (rule-file order, with counts) and each campaign's paged list."""
    groups = by_key(articles, "campaigns")
    rank = {n: i for i, n in enumerate(order)}
    names = sorted(groups, key=lambda n: (rank.get(n, len(rank)), n))
    here = "campaigns/"
    entries = [(n, campaign_dir(n), len(groups[n])) for n in names]
    listing = _count_list(entries, here) if names else '<p class="cn-empty">暂无专题。</p>'
    out = [GeneratedPage(
        "campaigns/index.md",
        _front("专题", description="按专题和活动浏览新闻：各专题的文章数")
        + f'<div class="cn-page"><h1 id="cn-main" tabindex="-1">专题 · 活动</h1>{listing}</div>\n',
    )]
    for name in sorted(groups):
        out += paged_list(campaign_dir(name), name, groups[name],
                          crumb=Crumb(here, "专题"),
                          feeds=feeds_for(campaign_dir(name)) if with_feeds else None,
                          per_page=per_page, description=f"专题「{name}」：共 {len(groups[name])} 篇",
                          cache=cache)
    return out


def archive_pages(articles: Sequence[ArticleMeta], per_page: int = PER_PAGE, *,
                  cache: ListCache | None = None) -> list[GeneratedPage]:
    """The archive index (years → months with counts) and a paged list per month."""
    months: dict[str, list[ArticleMeta]] = {}
    undated: list[ArticleMeta] = []
    for art in articles:
        if art.day:
            months.setdefault(art.date[:7], []).append(art)  # type: ignore[index]
        else:
            undated.append(art)
    here = "archive/"
    years: dict[str, list[str]] = {}
    for key in sorted(months, reverse=True):
        years.setdefault(key[:4], []).append(key)
    sections = []
    for year, keys in years.items():
        entries = [(month_label(k), month_dir(k + "-01"), len(months[k])) for k in keys]
        sections.append(f'<section class="cn-group"><h2>{esc(year)}年</h2>'
                        f"{_count_list(entries, here)}</section>")
    if undated:
        sections.append(f'<section class="cn-group"><h2>{UNDATED}</h2>'
                        f'{_count_list([(UNDATED, "archive/undated/", len(undated))], here)}'
                        "</section>")
    empty = "" if sections else '<p class="cn-empty">暂无文章。</p>'
    out = [GeneratedPage(
        "archive/index.md",
        _front("归档", description="按年、月浏览全部新闻")
        + f'<div class="cn-page"><h1 id="cn-main" tabindex="-1">归档</h1>{empty}'
        f'{"".join(sections)}</div>\n',
    )]
    for key in sorted(months):
        directory = month_dir(key + "-01")
        out += paged_list(directory, month_label(key), months[key],
                          crumb=Crumb(here, "归档"), per_page=per_page,
                          description=f"{month_label(key)}的新闻：共 {len(months[key])} 篇",
                          cache=cache)
    if undated:
        out += paged_list("archive/undated/", UNDATED, undated,
                          crumb=Crumb(here, "归档"), per_page=per_page, cache=cache)
    return out


def site_pages(articles: Sequence[ArticleMeta], site_name: str,
               cities: Mapping[str, str | None], place_order: Sequence[str],
               campaign_order: Sequence[str],
               paths: Mapping[str, Sequence[str]] | None = None, *,
               with_feeds: bool = True, cache: ListCache | None = None) -> list[GeneratedPage]:
    """All generated list pages of the site, in a fixed order (no feed links without feeds);
    the paged lists through ``cache`` when given (the same pages)."""
    return [
        home_page(articles, site_name, with_feeds=with_feeds),
        *district_pages(articles, cities, place_order, paths=paths, with_feeds=with_feeds,
                        cache=cache),
        *campaign_pages(articles, campaign_order, with_feeds=with_feeds, cache=cache),
        *archive_pages(articles, cache=cache),
    ]


def _reporters_html(art: ArticleMeta) -> str:
    """The byline as the paper prints it: names under one role together (记者 甲 乙　通讯员 丙)."""
    if not art.reporters:
        return ""
    runs: list[tuple[str | None, list[str]]] = []
    for name in art.reporters:
        role = art.role_of(name)
        if runs and runs[-1][0] == role:
            runs[-1][1].append(name)
        else:
            runs.append((role, [name]))
    parts = [
        (f'<span class="cn-role">{esc(role)}</span> ' if role else "")
        + " ".join(f'<span class="cn-name">{esc(n)}</span>' for n in names)
        for role, names in runs
    ]
    return f'<p class="cn-reporters">{"　".join(parts)}</p>'


def source_line(art: ArticleMeta) -> str:
    """Where and when it was printed, as residents read it: 来源：永康日报 2023年4月3日第1版.

    >>> from civicnews.site.articles import Source
    >>> source_line(ArticleMeta(id="x", title="", publication="永康日报", date="2023-04-03",
    ...                         source=Source(file="f.txt", page=1)))
    '来源：永康日报 2023年4月3日第1版'
    >>> source_line(ArticleMeta(id="x", title=""))
    '来源：日期不详'
    """
    page = art.source.page
    where = f"第{page}版" if page not in (None, "") else ""
    day = human_date(art) + where if art.day else UNDATED
    return "来源：" + " ".join(p for p in (art.publication, day) if p)


def search_stop(text: str) -> str:
    """A hidden 。 after a headline part that ends without punctuation.

    Pagefind joins block elements with ". " unless the text already ends in punctuation, so
    search excerpts read 引题. 标题. 副题; with the hidden stop they read 引题。标题。副题。 The
    stop is not displayed and not read aloud.

    >>> search_stop("数智通跟踪整治")
    '<span class="cn-stop" aria-hidden="true">。</span>'
    >>> search_stop("撑起开发区“高颜值”")
    ''
    """
    return "" if not text or unicodedata.category(text[-1]).startswith("P") else \
        '<span class="cn-stop" aria-hidden="true">。</span>'


def article_header(art: ArticleMeta, from_url: str, link: Link = rel) -> str:
    """The headline block of an article page: kicker, title, subtitle, byline and tags."""
    parts = ['<header class="cn-head" id="cn-main" tabindex="-1">']
    if art.kicker:
        parts.append(f'<p class="cn-kicker">{esc(art.kicker)}{search_stop(art.kicker)}</p>')
    if art.series:
        parts.append(f'<p class="cn-series">{esc(art.series)}{search_stop(art.series)}</p>')
    title = art.title or UNDATED
    parts.append(f'<h1 data-pagefind-meta="title:{esc(title)}" data-pagefind-weight="10">'
                 f"{esc(title)}{search_stop(title)}</h1>")
    if art.subtitle:
        parts.append(f'<p class="cn-subtitle">{esc(art.subtitle)}{search_stop(art.subtitle)}</p>')
    est = '<span class="cn-est" title="日期为编辑估计">（估）</span>' if art.date_estimated else ""
    stamp = (f'<time datetime="{esc(art.date)}">{esc(source_line(art))}</time>' if art.day
             else esc(source_line(art)))
    parts.append(f'<div data-pagefind-ignore><p class="cn-meta cn-source-line">{stamp}{est}</p>'
                 f"{_reporters_html(art)}</div>")
    tags = []
    if art.districts:
        tags.append(f'<span class="cn-label">地区</span>'
                    f"{_links(art.districts, district_dir, from_url, link)}")
    if art.campaigns:
        tags.append(f'<span class="cn-label">专题</span>'
                    f"{_links(art.campaigns, campaign_dir, from_url, link)}")
    if tags:
        parts.append('<p class="cn-tags" data-pagefind-ignore>' + "<br>".join(tags) + "</p>")
    parts.append("</header>")
    return "".join(parts)


def source_path(file: str) -> str:
    """Where the page text an article came from is copied in the site."""
    return f"sources/{file}"


def _share_html(qr_svg: str, site_name: str, url: str) -> str:
    """Share buttons (Web Share API, copy-link fallback: shown by the script), the WeChat code
    and the line a printout carries (site name and address; the script fills in the address
    when the build had no site_url)."""
    buttons = ('<div class="cn-share" data-cn-share-box hidden>'
               '<button type="button" class="md-button" data-cn-share hidden>分享</button>'
               '<button type="button" class="md-button" data-cn-copy>复制链接</button>'
               '<span class="cn-share-status" role="status"></span></div>')
    code = (f'<figure class="cn-qr">{qr_svg}'
            "<figcaption>微信扫一扫，分享本文</figcaption></figure>") if qr_svg else ""
    printed = (f'<p class="cn-print-only">{esc(site_name)} · '
               f'<span data-cn-here>{esc(url)}</span></p>')
    return buttons + code + printed


def article_footer(art: ArticleMeta, from_url: str, *, has_source: bool,
                   qr_svg: str = "", site_name: str = "", url: str = "",
                   link: Link = rel) -> str:
    """Captions, 续见 note, source link and share code below an article's text."""
    parts = []
    if art.captions:
        items = "".join(f"<li>{esc(c)}</li>" for c in art.captions)
        parts.append(f'<aside class="cn-captions"><h2>图片说明</h2><ul>{items}</ul></aside>')
    if art.continued_to:
        parts.append(f'<p class="cn-continued">（续见{esc(art.continued_to)}）</p>')
    foot = ['<footer class="cn-foot" data-pagefind-ignore>']
    if art.source.file:
        name = esc(art.source.file)
        where = (f"（第{esc(art.source.page)}版）"
                 if art.source.page not in (None, "") else "")
        anchor = (f'<a href="{link(from_url, source_path(art.source.file))}">{name}</a>'
                  if has_source else name)
        foot.append(f'<p class="cn-source">原版文字：{anchor}{where}</p>')
    foot.append(_share_html(qr_svg, site_name, url))
    foot.append("</footer>")
    return "".join(parts) + "".join(foot)


def _article_link(label: str, rel_name: str, art: ArticleMeta, from_url: str) -> str:
    """One 上一篇/下一篇 link: its label, then the headline and date."""
    href = rel(from_url, url_of(article_src(art.id)))
    return (f'<a rel="{rel_name}" href="{href}"><span class="cn-label">{label}</span>'
            f'<span class="cn-pn-title">{esc(art.title or UNDATED)}</span></a>')


def _prevnext(older: ArticleMeta | None, newer: ArticleMeta | None, from_url: str,
              district: str) -> str:
    """A 上一篇/下一篇 pair: site-wide (``district`` empty, shown) or within one district."""
    within = f"（{esc(district)}）" if district else ""
    links = []
    if older:
        links.append(_article_link(f"上一篇{within}", "prev", older, from_url))
    if newer:
        links.append(_article_link(f"下一篇{within}", "next", newer, from_url))
    if not links:
        return ""
    if not district:
        return f'<nav class="cn-prevnext" aria-label="上一篇、下一篇">{"".join(links)}</nav>'
    return (f'<nav class="cn-prevnext" aria-label="{esc(district)}的上一篇、下一篇" '
            f'data-cn-district="{rel(from_url, district_dir(district))}" hidden>'
            f'{"".join(links)}</nav>')


def neighbours_html(nb: Neighbours | None, from_url: str) -> str:
    """上一篇/下一篇 by date, 相关新闻 and the way back to the lists, below the article."""
    back = (f'<p class="cn-back"><a href="{rel(from_url, "")}" data-cn-back>‹ 返回列表</a></p>')
    if nb is None:
        return back
    pn = _prevnext(nb.older, nb.newer, from_url, "")
    # One more pair per district, shown by the script instead of the site-wide pair when the
    # reader came from that district's list.
    for name, older, newer in nb.in_district:
        pn += _prevnext(older, newer, from_url, name)
    related = ""
    if nb.related:
        items = "".join(
            f'<li><a href="{rel(from_url, url_of(article_src(a.id)))}">{esc(a.title or UNDATED)}'
            f'</a> <span class="cn-rel-date">{_date_html(a)}</span></li>' for a in nb.related)
        related = ('<section class="cn-related" aria-labelledby="cn-related-title">'
                   f'<h2 id="cn-related-title">相关新闻</h2><ul>{items}</ul></section>')
    return pn + related + back


def article_jsonld(art: ArticleMeta, site_name: str, url: str = "") -> str:
    """A schema.org NewsArticle for search engines, safe inside <script> (no <, >, &).

    >>> article_jsonld(ArticleMeta(id="x", title="a<b"), "站")[:35]
    '<script type="application/ld+json">'
    >>> "<b" in article_jsonld(ArticleMeta(id="x", title="a<b"), "站")
    False
    """
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle",
                               "headline": art.title}
    if art.day:
        data["datePublished"] = f"{art.date}T00:00:00+08:00"
    if art.reporters:
        data["author"] = [{"@type": "Person", "name": r} for r in art.reporters]
    data["publisher"] = {"@type": "Organization", "name": art.publication or site_name}
    section = list(art.campaigns) or list(art.districts)
    if section:
        data["articleSection"] = section
    if url:
        data["url"] = url
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def article_element(art: ArticleMeta, content_html: str, *, has_source: bool,
                    qr_svg: str = "", site_name: str = "", url: str = "",
                    link: Link = rel) -> str:
    """The part of an article page Pagefind indexes: header, rendered body and footer in the
    ``data-pagefind-body`` element (the footer's share code and source line it ignores)."""
    here = url_of(article_src(art.id))
    # Pagefind shows each meta as a tag under a result, labelled with its key: a Chinese key.
    date_meta = (f' data-pagefind-meta="{SEARCH_DATE_KEY}:{esc(human_date(art))}"'
                 if art.day else "")
    return (
        f'<article class="cn-article" data-pagefind-body{date_meta}>'
        f"{article_header(art, here, link)}"
        f'<div class="cn-body">{content_html}</div>'
        f"{article_footer(art, here, has_source=has_source, qr_svg=qr_svg, site_name=site_name, url=url, link=link)}"
        "</article>"
    )


def article_page(art: ArticleMeta, content_html: str, *, has_source: bool,
                 qr_svg: str = "", neighbours: Neighbours | None = None,
                 site_name: str = "", url: str = "") -> str:
    """The whole article content: header, rendered body and footer, marked for Pagefind;
    then, outside what Pagefind indexes, 上一篇/下一篇, 相关新闻 and the JSON-LD record."""
    here = url_of(article_src(art.id))
    return (
        article_element(art, content_html, has_source=has_source, qr_svg=qr_svg,
                        site_name=site_name, url=url)
        + f"{neighbours_html(neighbours, here)}"
        f"{article_jsonld(art, site_name, url)}"
    )


def search_page(art: ArticleMeta, content_html: str, *, has_source: bool, site_name: str = "",
                url: str = "") -> str:
    """What Pagefind is given for an article: its page cut down to the element it indexes
    (no theme, navigation, neighbours or share code). Pagefind writes the same bundle from it
    as from the whole page (its output compared byte for byte on a 1,000-article site) and
    reads a sixth of the bytes: a fifth less of its time. Its links are not cached (``rel``):
    made for every article while MkDocs holds every page converted, the cache's entries were
    ~6 MB of a 10,000-article build's peak; the drawn page caches them after that peak.

    >>> page = search_page(ArticleMeta(id="x", title="标题"), "<p>正文</p>", has_source=False)
    >>> page.startswith('<!DOCTYPE html><html lang="zh">') and "data-pagefind-body" in page
    True
    """
    return ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"></head><body>'
            + article_element(art, content_html, has_source=has_source, site_name=site_name,
                              url=url, link=plain_rel)
            + "</body></html>\n")


_SKIP_LINK = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
SKIP_TARGET = "cn-main"  # id of where the skip link lands: an article's headline, a list's h1


def polish_html(page_html: str) -> str:
    """Fix two things the theme writes outside any template block.

    Article pages are outside the nav, so Material's table of contents has a label for a
    ``__toc`` toggle that is not there: the label loses its ``for``.
    The skip link goes to our ``#cn-main`` (the article's headline block, a list's heading)
    instead of the first subhead, and list pages get one at all. The drawer and search
    checkboxes lose ``autocomplete`` (not allowed on checkboxes; the script unchecks them when
    a page is shown again instead).

    >>> polish_html('<input class="md-toggle" id="__drawer" autocomplete="off">'
    ...             '<div data-md-component="skip">\\n</div><h1 id="cn-main">')
    '<input class="md-toggle" id="__drawer"><div data-md-component="skip"><a href="#cn-main" class="md-skip">跳到正文</a></div><h1 id="cn-main">'
    """
    out = _TOGGLE_AUTOCOMPLETE.sub(r"\1", page_html)
    if 'id="__toc"' not in out:  # pages outside the nav have a contents label but no toggle
        out = out.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    if f'id="{SKIP_TARGET}"' in out:
        link = f'<a href="#{SKIP_TARGET}" class="md-skip">跳到正文</a>'
        out = _SKIP_LINK.sub(lambda _: f'<div data-md-component="skip">{link}</div>', out,
                             count=1)
    return out


def robots_txt(site_url: str | None) -> str:
    """robots.txt: everything may be crawled; the sitemap is named when the address is known.

    >>> robots_txt(None)
    'User-agent: *\\nAllow: /\\n'
    """
    text = "User-agent: *\nAllow: /\n"
    return text + (f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else "")
