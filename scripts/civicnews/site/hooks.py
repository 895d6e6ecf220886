"""MkDocs hooks for the portal (registered in mkdocs.yml ``hooks:``): wiring only.

MkDocs loads this file by path, so it first makes ``scripts/`` importable, then hands each
event to the plain functions in ``articles``, ``pages``, ``feeds``, ``search`` and ``qr``.
State between events lives in ``_STATE`` because MkDocs gives hooks no other place for it.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SCRIPTS = Path(__file__).resolve().parents[2]
if str(_SCRIPTS) not in sys.path:  # mkdocs imports hooks by path; the package lives in scripts/
    sys.path.insert(0, str(_SCRIPTS))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from civicnews.site import articles as art_mod  # noqa: E402
from civicnews.site import feeds, pages, qr, related, search  # noqa: E402

log = logging.getLogger("mkdocs.plugins.civicnews")
serve_log = logging.getLogger("civicnews.serve")  # outside "mkdocs": not counted by --strict
_BODY_TAG = re.compile(r"<body\b[^>]*>")

ARTICLES_IN = "articles"  # page texts, relative to the config dir
ARTICLES_OUT = "articles"  # extraction output, relative to docs_dir (git-ignored)
CACHE_DIR = Path(".cache") / "civicnews"  # extraction cache, as `civicnews extract` uses
QR_CACHE = CACHE_DIR / "qr"  # drawn share codes by URL (an article's URL never changes)
MAX_EPOCH = 2**32 - 1  # the last second gzip headers can hold
EDITOR_FILES = {"report.json"}  # written into docs/ by extraction, for `civicnews report`
EDITOR_DIR = "editor/"
EDITOR_REPORT_FLAG = "CIVICNEWS_EDITOR_REPORT"
NAV_PAGES = {"index.md", "districts/index.md", "campaigns/index.md", "archive/index.md"}


@dataclass
class _State:
    """What one build learned in earlier events and later events need."""

    articles: list[art_mod.ArticleMeta] = field(default_factory=list)
    by_src: dict[str, art_mod.ArticleMeta] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    generated: set[str] = field(default_factory=set)  # src_uris of the generated list pages
    raw_html: dict[str, str] = field(default_factory=dict)  # their HTML, held past Markdown
    pinned_epoch: str | None = None  # the SOURCE_DATE_EPOCH this hook set (not the caller)
    neighbours: dict[str, related.Neighbours] = field(default_factory=dict)  # by article id
    command: str = "build"  # mkdocs' command: the editors' report is only served locally
    problems: list[str] = field(default_factory=list)  # shown on every page under serve


_STATE = _State()


def _config_dir(config: Any) -> Path:
    """The directory mkdocs.yml is in."""
    return Path(config.config_file_path).resolve().parent


def _extract(config: Any) -> None:
    """Run extraction from ``articles/`` into ``docs/articles/`` the way ``civicnews extract`` does.

    Same defaults as the CLI: editors' corrections and the id ledger from ``articles/`` (the
    ledger keeps URLs and feed GUIDs stable), the cache in ``.cache/civicnews``.
    """
    _STATE.sources = {}
    _STATE.problems = []
    try:
        from civicnews.build import run_batch
    except ImportError as exc:
        log.info("civicnews.build not available (%s); using docs/%s as it is", exc, ARTICLES_OUT)
        return
    root = _config_dir(config)
    corrections = root / ARTICLES_IN / "corrections.yml"
    try:
        result = run_batch(
            inputs=[root / ARTICLES_IN],
            out_dir=Path(config.docs_dir),
            corrections=corrections if corrections.is_file() else None,
            ledger=root / ARTICLES_IN / "ids.yml",
            cache_dir=root / CACHE_DIR,
            # New pages are extracted in parallel (a cold build of a ten-year archive is
            # thousands of pages); cached pages cost no worker.
            jobs=os.cpu_count() or 1,
            strict=True,  # a misspelt id in corrections.yml must not leave a story up
        )
    except ValueError as exc:  # rules/manifest/corrections/ledger errors: nothing was written
        if _STATE.command == "serve":
            _serve_problem(f"civicnews extraction: {exc} (the last good articles are shown)")
            return
        raise PluginError(f"civicnews extraction: {exc}") from exc
    for failure in result.failures:
        _problem(f"extraction failed for {failure.file}: {failure.reason}")
    for message in result.warnings:  # drafts held back stop `mkdocs build --strict`
        if message in result.attention:
            _problem(f"civicnews: {message}")
        else:
            log.info("civicnews: %s", message)
    # Only pages the batch read (regular files inside articles/, no hidden story on them) are
    # copied to /sources/: never a link's target, never the text of a hidden article.
    _STATE.sources = dict(result.sources)


def _problem(message: str) -> None:
    """A problem an editor must fix: stops `mkdocs build --strict`; shown under serve."""
    if _STATE.command == "serve":
        _serve_problem(message)
    else:
        log.warning("%s", message)


def _serve_problem(message: str) -> None:
    """Under ``mkdocs serve`` a problem is shown at the top of every page instead of failing the
    build: a failed serve build leaves every request hanging until the error is fixed."""
    _STATE.problems.append(message)
    serve_log.warning("%s", message)  # not mkdocs' logger: strict mode would abort the build


def _problem_banner(output: str) -> str:
    """Under serve, put the build's problems on every page, where the editor is looking."""
    if not _STATE.problems:
        return output
    items = "".join(f"<li>{html.escape(m)}</li>" for m in _STATE.problems)
    banner = (f'<div class="cn-problems" role="alert" style="background:#fde8e8;color:#611;'
              f'padding:1em;border-bottom:3px solid #c00"><strong>构建问题（仅本地预览可见）'
              f"</strong><ul>{items}</ul></div>")
    return _BODY_TAG.sub(lambda m: m.group(0) + banner, output, count=1)


def _source_text(path: Path) -> bytes | None:
    """A page text as UTF-8 with a byte-order mark, which browsers honour whatever charset a
    server sends (GBK pages were served raw, UTF-8 ones without a charset: mojibake)."""
    from civicnews.decode import DecodeError, decode_page

    try:
        return ("\ufeff" + decode_page(path.read_bytes())).encode("utf-8")
    except (OSError, DecodeError):
        return None


def _editor_report_wanted() -> bool:
    """The editors' report (titles of hidden stories, leftovers) is for editors, not residents:
    in the site only under ``mkdocs serve`` or when CIVICNEWS_EDITOR_REPORT=1 asks for it."""
    return _STATE.command == "serve" or os.environ.get(EDITOR_REPORT_FLAG) == "1"


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``serve`` (local, for editors) or a public ``build``."""
    _STATE.command = command


def _rules_context() -> tuple[dict[str, str | None], list[str], list[str]]:
    """City of each place, gazetteer order and campaign order from the rule files."""
    from civicnews.rules import load_rules

    rules = load_rules()
    cities = pages.city_map({n: p.parent for n, p in rules.places.items()},
                            {n: p.level for n, p in rules.places.items()})
    return cities, list(rules.places), [c.label for c in rules.campaigns]


def _district_paths(articles: list[art_mod.ArticleMeta]) -> tuple[dict[str, list[str]], list[str]]:
    """Each tagged district's places above it (province first) from the national gazetteer,
    read beside the story's other districts, and every such place in official code order."""
    from civicnews.rules import load_rules

    gaz = load_rules().gazetteer
    paths: dict[str, list[str]] = {}
    codes: dict[str, str] = {}
    for art in articles:
        for name in art.districts:
            code = gaz.resolve(name, art.districts)
            if code is None or name in paths:
                continue
            chain = gaz.path(code)
            paths[name] = [gaz.divisions[c].name for c in chain[:-1]]
            for c in chain:
                codes.setdefault(gaz.divisions[c].name, c)
    order = sorted(codes, key=lambda n: (not codes[n][:1].isdigit(), codes[n]))
    return paths, order


def on_config(config: Any) -> Any:
    """Extract articles before MkDocs collects the docs files."""
    _extract(config)
    return config


def on_files(files: Files, config: Any) -> Files:
    """Swap the article files for ``a/<id>.md`` pages and add generated pages and sources."""
    docs = Path(config.docs_dir)
    for f in [f for f in files if f.src_uri.startswith(ARTICLES_OUT + "/")]:
        files.remove(f)
    try:
        articles = art_mod.load_articles(docs / ARTICLES_OUT)
    except (art_mod.ArticleError, OSError) as exc:
        raise PluginError(str(exc)) from exc
    _STATE.articles = articles
    _STATE.by_src = {}
    _STATE.neighbours = related.neighbours(articles)
    if not _editor_report_wanted():
        for f in [f for f in files if f.src_uri in EDITOR_FILES
                  or f.src_uri.startswith(EDITOR_DIR)]:
            files.remove(f)
    _pin_build_date(articles)
    for art in articles:
        src = pages.article_src(art.id)
        _STATE.by_src[src] = art
        files.append(File.generated(config, src, abs_src_path=art.path,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    for name in sorted({a.source.file for a in articles if a.source.file}):
        text = _source_text(_STATE.sources[name]) if name in _STATE.sources else None
        if text is None:
            _STATE.sources.pop(name, None)  # the article then names its page without a link
            continue
        files.append(File.generated(config, pages.source_path(name), content=text))
    cities, place_order, campaign_order = _rules_context()
    paths, place_order = _district_paths(articles)
    cities = {n: (p[1] if len(p) > 1 else None) for n, p in paths.items()}  # breadcrumb tails
    _STATE.generated = set()
    for page in pages.site_pages(articles, config.site_name, cities, place_order,
                                 campaign_order, paths=paths, with_feeds=bool(config.site_url)):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        inclusion = (InclusionLevel.UNDEFINED if page.src_uri in NAV_PAGES
                     else InclusionLevel.NOT_IN_NAV)
        files.append(File.generated(config, page.src_uri, content=page.content,
                                    inclusion=inclusion))
        _STATE.generated.add(page.src_uri)
    # Feeds are plain files, so MkDocs copies them, `serve` serves them and links to them from
    # Markdown are checked like any other link. A feed needs absolute links: none without
    # site_url rather than feeds pointing at a made-up host.
    files.append(File.generated(config, "robots.txt", content=pages.robots_txt(config.site_url)))
    if not config.site_url:
        log.info("site_url (SITE_URL) is not set: no feeds or share codes in this build")
        return files
    for path, data in feeds.site_feeds(articles, config.site_url, config.site_name,
                                       paths=paths).items():
        files.append(File.generated(config, path, content=data))
    return files


def _pin_build_date(articles: list[art_mod.ArticleMeta]) -> None:
    """Make MkDocs' own dates (sitemap lastmod, sitemap.xml.gz mtime) follow the articles.

    A SOURCE_DATE_EPOCH given by the caller wins; one this hook set is renewed on each rebuild
    of ``mkdocs serve`` so a newer article moves it.
    """
    current = os.environ.get("SOURCE_DATE_EPOCH")
    if current is not None and current != _STATE.pinned_epoch:
        return
    dated = [feeds.published(a) for a in articles if a.day]
    newest = max((d for d in dated if d), default=feeds.EPOCH)
    # gzip (sitemap.xml.gz) stores an unsigned 32-bit time: an archive whose newest story is
    # from before 1970, or a date past 2106, crashed the build.
    _STATE.pinned_epoch = str(min(max(int(newest.timestamp()), 0), MAX_EPOCH))
    os.environ["SOURCE_DATE_EPOCH"] = _STATE.pinned_epoch


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Give article pages safe metadata: the theme prints ``page.meta`` values unescaped.

    A generated list page is one block of HTML built with escaping: it skips Markdown, whose
    raw-HTML parser would read every list item only to hand the block back unchanged (a
    fifth of a rebuild's time at 1,000 articles).
    """
    if page.file.src_uri in _STATE.generated:
        _STATE.raw_html[page.file.src_uri] = markdown.strip()
        return ""
    art = _STATE.by_src.get(page.file.src_uri)
    if art is not None:
        page.meta = {"title": html.escape(art.title),
                     "description": html.escape(art_mod.excerpt(art, limit=120)),
                     "og_type": "article", "published": html.escape(art.date or "")}
    return markdown


def on_page_content(content: str, page: Any, config: Any, files: Files) -> str:
    """Wrap an article's rendered body in its header, footer and share code."""
    if page.file.src_uri in _STATE.raw_html:
        return _STATE.raw_html.pop(page.file.src_uri)
    art = _STATE.by_src.get(page.file.src_uri)
    if art is None:
        return content
    # A share code must carry the real address: none without site_url.
    url = feeds.absolute(config.site_url, page.url) if config.site_url else ""
    code = qr.cached_qr_svg(url, _config_dir(config) / QR_CACHE) if url else ""
    return pages.article_page(art, content, has_source=art.source.file in _STATE.sources,
                              qr_svg=code, neighbours=_STATE.neighbours.get(art.id),
                              site_name=config.site_name, url=url)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Fix what the theme writes outside any template block (skip link, toggle inputs), and
    under serve show the build's problems on top."""
    return _problem_banner(pages.polish_html(output))


def on_post_build(config: Any) -> None:
    """Build the Pagefind index over the finished site; drop theme files the site never loads."""
    search.build_index(Path(config.site_dir))
    search.prune_unused(Path(config.site_dir))


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild when a page text is added to or changed in ``articles/``."""
    server.watch(str(_config_dir(config) / ARTICLES_IN))
    return server
