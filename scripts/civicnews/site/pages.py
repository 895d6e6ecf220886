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
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

import yaml

from .articles import ArticleMeta, by_key, excerpt

HOME_LIMIT = 20  # articles on the home page; the archive has the rest
PER_PAGE = 50  # articles on one district/campaign/month page
UNDATED = "日期不详"
SEARCH_DATE_KEY = "日期"
OTHER_GROUP = "其他"


@dataclass(frozen=True)
class GeneratedPage:
    """A page for MkDocs to render: its path under docs/ and its Markdown text."""

    src_uri: str
    content: str


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


def rel(from_url: str, to_path: str) -> str:
    """A percent-encoded link from the page at ``from_url`` to a site path (``x/`` or ``f.xml``)."""
    start = from_url.rstrip("/") or "."
    target = to_path.rstrip("/") or "."
    out = posixpath.relpath(target, start)
    if to_path.endswith("/") or to_path == "":
        out = "./" if out == "." else out + "/"
    return quote(out, safe="/.-_~")


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
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n\n"


def _date_html(art: ArticleMeta) -> str:
    """A <time> element for an article's date (with a mark when the editor estimated it)."""
    if not art.day:
        return f'<span class="cn-date">{UNDATED}</span>'
    est = '<span class="cn-est" title="日期为编辑估计">（估）</span>' if art.date_estimated else ""
    return f'<time class="cn-date" datetime="{esc(art.date)}">{esc(human_date(art))}</time>{est}'


def _links(names: Sequence[str], make_dir: Callable[[str], str], from_url: str) -> str:
    """Comma-free run of links to district or campaign pages."""
    return " ".join(
        f'<a class="cn-tag" href="{rel(from_url, make_dir(n))}">{esc(n)}</a>' for n in names
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


def paged_list(directory: str, title: str, articles: Sequence[ArticleMeta], *,
               crumb: Crumb | None = None, feeds: Feeds | None = None,
               per_page: int = PER_PAGE) -> list[GeneratedPage]:
    """A list split into pages of ``per_page``: ``<dir>/index.md``, ``<dir>/2.md``, …"""
    chunks = [articles[i:i + per_page] for i in range(0, len(articles), per_page)] or [[]]
    out: list[GeneratedPage] = []
    for number, chunk in enumerate(chunks, start=1):
        src = f"{directory}index.md" if number == 1 else f"{directory}{number}.md"
        here = url_of(src)
        heading = title if number == 1 else f"{title}（第 {number} 页）"
        body = [
            f'<div class="cn-page"><h1>{esc(heading)}</h1>',
            crumb.html(here) if crumb else "",
            f'<p class="cn-count-line">共 {len(articles)} 篇</p>',
            _feed_links(feeds, here) if feeds else "",
            list_html(chunk, here),
            _pager(number, len(chunks), directory, here),
            "</div>",
        ]
        out.append(GeneratedPage(src, _front(heading, feeds) + "".join(body) + "\n"))
    return out


def home_page(articles: Sequence[ArticleMeta], site_name: str,
              limit: int = HOME_LIMIT) -> GeneratedPage:
    """The front page: the newest ``limit`` articles and a way into the archive."""
    here = ""
    more = (f'<p class="cn-more"><a href="{rel(here, "archive/")}">'
            f"全部 {len(articles)} 篇文章见归档 ›</a></p>")
    body = (
        '<div class="cn-page cn-home"><h1>最新文章</h1>'
        f"{list_html(articles[:limit], here)}{more}{_feed_links(feeds_for(''), here)}</div>\n"
    )
    return GeneratedPage("index.md", _front("首页", feeds_for("")) + body)


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
    out: dict[str, list[ArticleMeta]] = {}
    for name, arts in groups.items():
        merged = {id(a): a for a in arts}
        for other, path in paths.items():
            if other != name and name in path and other in groups:
                merged.update((id(a), a) for a in groups[other])
        out[name] = sorted(merged.values(), key=lambda a: rank.get(id(a), 0))
    return out


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
                rows.append(f"<li>{item(county)}" + (f'<ul class="cn-towns">{sub}</ul>' if sub else "")
                            + "</li>")
            heading = f"<h3>{item(city) if city in counts else esc(city)}</h3>" if city != province else ""
            parts.append(f'<section class="cn-city">{heading}<ul class="cn-counts">{"".join(rows)}</ul></section>')
        head = item(province) if province in counts else esc(province)
        out.append(f'<section class="cn-group"><h2>{head}</h2>{"".join(parts)}</section>')
    return "".join(out)


def district_pages(articles: Sequence[ArticleMeta], cities: Mapping[str, str | None],
                   order: Sequence[str], per_page: int = PER_PAGE,
                   paths: Mapping[str, Sequence[str]] | None = None) -> list[GeneratedPage]:
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
        _front("地区") + f'<div class="cn-page"><h1>地区</h1>{empty}{body}</div>\n',
    )
    out = [index]
    for name in sorted(groups):
        out += paged_list(district_dir(name), name, groups[name],
                          crumb=Crumb(here, "地区", _city_tail(name, cities)),
                          feeds=feeds_for(district_dir(name)), per_page=per_page)
    return out


def _city_tail(name: str, cities: Mapping[str, str | None]) -> str:
    """The city shown after the breadcrumb, unless the district is that city."""
    city = cities.get(name)
    return city if city and city != name else ""


def campaign_pages(articles: Sequence[ArticleMeta], order: Sequence[str],
                   per_page: int = PER_PAGE) -> list[GeneratedPage]:
    """The campaign index (rule-file order, with counts) and each campaign's paged list."""
    groups = by_key(articles, "campaigns")
    rank = {n: i for i, n in enumerate(order)}
    names = sorted(groups, key=lambda n: (rank.get(n, len(rank)), n))
    here = "campaigns/"
    entries = [(n, campaign_dir(n), len(groups[n])) for n in names]
    listing = _count_list(entries, here) if names else '<p class="cn-empty">暂无专题。</p>'
    out = [GeneratedPage(
        "campaigns/index.md",
        _front("专题") + f'<div class="cn-page"><h1>专题 · 活动</h1>{listing}</div>\n',
    )]
    for name in sorted(groups):
        out += paged_list(campaign_dir(name), name, groups[name],
                          crumb=Crumb(here, "专题"),
                          feeds=feeds_for(campaign_dir(name)), per_page=per_page)
    return out


def archive_pages(articles: Sequence[ArticleMeta],
                  per_page: int = PER_PAGE) -> list[GeneratedPage]:
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
        _front("归档") + f'<div class="cn-page"><h1>归档</h1>{empty}{"".join(sections)}</div>\n',
    )]
    for key in sorted(months):
        directory = month_dir(key + "-01")
        out += paged_list(directory, month_label(key), months[key],
                          crumb=Crumb(here, "归档"), per_page=per_page)
    if undated:
        out += paged_list("archive/undated/", UNDATED, undated,
                          crumb=Crumb(here, "归档"), per_page=per_page)
    return out


def site_pages(articles: Sequence[ArticleMeta], site_name: str,
               cities: Mapping[str, str | None], place_order: Sequence[str],
               campaign_order: Sequence[str],
               paths: Mapping[str, Sequence[str]] | None = None) -> list[GeneratedPage]:
    """All generated list pages of the site, in a fixed order."""
    return [
        home_page(articles, site_name),
        *district_pages(articles, cities, place_order, paths=paths),
        *campaign_pages(articles, campaign_order),
        *archive_pages(articles),
    ]


def _reporters_html(art: ArticleMeta) -> str:
    """Reporters with their roles: 融媒见习记者 郑旭华、记者 …"""
    if not art.reporters:
        return ""
    names = "、".join(
        (f'<span class="cn-role">{esc(art.role_of(r))}</span> ' if art.role_of(r) else "")
        + f'<span class="cn-name">{esc(r)}</span>'
        for r in art.reporters
    )
    return f'<p class="cn-reporters">{names}</p>'


def article_header(art: ArticleMeta, from_url: str) -> str:
    """The headline block of an article page: kicker, title, subtitle, byline and tags."""
    parts = ['<header class="cn-head">']
    if art.kicker:
        parts.append(f'<p class="cn-kicker">{esc(art.kicker)}</p>')
    if art.series:
        parts.append(f'<p class="cn-series">{esc(art.series)}</p>')
    parts.append(f'<h1 data-pagefind-meta="title" data-pagefind-weight="10">'
                 f"{esc(art.title or UNDATED)}</h1>")
    if art.subtitle:
        parts.append(f'<p class="cn-subtitle">{esc(art.subtitle)}</p>')
    pub = f'<span class="cn-pub">{esc(art.publication)}</span> · ' if art.publication else ""
    parts.append(f'<div data-pagefind-ignore><p class="cn-meta">{pub}{_date_html(art)}</p>'
                 f"{_reporters_html(art)}</div>")
    tags = []
    if art.districts:
        tags.append(f'<span class="cn-label">地区</span>'
                    f"{_links(art.districts, district_dir, from_url)}")
    if art.campaigns:
        tags.append(f'<span class="cn-label">专题</span>'
                    f"{_links(art.campaigns, campaign_dir, from_url)}")
    if tags:
        parts.append('<p class="cn-tags" data-pagefind-ignore>' + "<br>".join(tags) + "</p>")
    parts.append("</header>")
    return "".join(parts)


def source_path(file: str) -> str:
    """Where the page text an article came from is copied in the site."""
    return f"sources/{file}"


def article_footer(art: ArticleMeta, from_url: str, *, has_source: bool,
                   qr_svg: str = "") -> str:
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
        link = (f'<a href="{rel(from_url, source_path(art.source.file))}">{name}</a>'
                if has_source else name)
        foot.append(f'<p class="cn-source">原版文字：{link}{where}</p>')
    if qr_svg:
        foot.append(f'<figure class="cn-qr">{qr_svg}'
                    "<figcaption>微信扫一扫，分享本文</figcaption></figure>")
    foot.append("</footer>")
    return "".join(parts) + "".join(foot)


def article_page(art: ArticleMeta, content_html: str, *, has_source: bool,
                 qr_svg: str = "") -> str:
    """The whole article content: header, rendered body and footer, marked for Pagefind."""
    here = url_of(article_src(art.id))
    # Pagefind shows each meta as a tag under a result, labelled with its key: a Chinese key.
    date_meta = f' data-pagefind-meta="{SEARCH_DATE_KEY}:{esc(art.date)}"' if art.day else ""
    return (
        f'<article class="cn-article" data-pagefind-body{date_meta}>'
        f"{article_header(art, here)}"
        f'<div class="cn-body">{content_html}</div>'
        f"{article_footer(art, here, has_source=has_source, qr_svg=qr_svg)}"
        "</article>"
    )
