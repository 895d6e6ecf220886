"""MkDocs hooks for the portal (registered in mkdocs.yml ``hooks:``): wiring only.

MkDocs loads this file by path, so it first makes ``scripts/`` importable, then hands each
event to the plain functions in ``articles``, ``pages``, ``feeds``, ``search`` and ``qr``.
State between events lives in ``_STATE`` because MkDocs gives hooks no other place for it.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import os
import pickle
import re
import shutil
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

_SCRIPTS = Path(__file__).resolve().parents[2]
if str(_SCRIPTS) not in sys.path:  # mkdocs imports hooks by path; the package lives in scripts/
    sys.path.insert(0, str(_SCRIPTS))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from civicnews.site import articles as art_mod  # noqa: E402
from civicnews.site import feeds, pages, qr, related, rendercache, search  # noqa: E402

log = logging.getLogger("mkdocs.plugins.civicnews")
serve_log = logging.getLogger("civicnews.serve")  # outside "mkdocs": not counted by --strict
_BODY_TAG = re.compile(r"<body\b[^>]*>")

ARTICLES_IN = "articles"  # page texts, relative to the config dir
ARTICLES_OUT = "articles"  # extraction output, relative to docs_dir (git-ignored)
CACHE_DIR = Path(".cache") / "civicnews"  # extraction cache, as `civicnews extract` uses
QR_CACHE = CACHE_DIR / "qr"  # drawn share codes by URL (an article's URL never changes)
HTML_CACHE = "html"  # finished pages by the hash of what they show
FEED_CACHE = "feeds"  # finished feeds by the hash of what they list
LIST_CACHE = "lists"  # list pages' Markdown by the hash of what they list
PARSED_CACHE = "articles.pickle"  # each article file's parsed front matter by its text's hash
SEARCH_CACHE = "search"  # Pagefind bundles by shard and the hash of its articles
SOURCE_CACHE = "sources"  # page texts as /sources/ serves them, by the hash of the page's bytes
JINJA_CACHE = "jinja"  # the theme's compiled templates (Jinja's own cache: by name and source)
DISTRICT_CACHE = "district-paths.pickle"  # each tagged district's chain of places (gazetteer)
TERMS_CACHE = "headline-terms.json"  # jieba's words of each headline (related news)
# Where those two live instead of .cache/civicnews: the end-to-end tests build with caches of
# their own, so they neither wipe nor fill the one CI keeps for the deploy build.
SITE_CACHE_FLAG = "CIVICNEWS_SITE_CACHE"
MAX_EPOCH = 2**32 - 1  # the last second gzip headers can hold
EDITOR_FILES = {"report.json"}  # written into docs/ by extraction, for `civicnews report`
EDITOR_DIR = "editor/"
EDITOR_REPORT_FLAG = "CIVICNEWS_EDITOR_REPORT"
SHARD_MIN_FLAG = "CIVICNEWS_SHARD_MIN"
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
    page_keys: dict[str, str] = field(default_factory=dict)  # src_uri → render cache key
    search_keys: dict[str, str] = field(default_factory=dict)  # article id → its text's key
    cached: dict[str, File] = field(default_factory=dict)  # src_uri → page served from cache
    dirty: bool = False  # mkdocs build --dirty: the old site stays where it is
    sitemap_fast: bool = False  # this build's sitemap is written by _Sitemap
    unread: dict[str, pages.GeneratedPage] = field(default_factory=dict)  # list pages by file
    sweeper: threading.Thread | None = None  # deleting the previous build's site
    old_site: Path | None = None  # the previous build's site, moved aside in on_config
    listed: dict[str, rendercache.Listing] | None = None  # its folders (rendercache.survey)
    stored: dict[str, Path] = field(default_factory=dict)  # site path → cached page text
    rendered: list[tuple[str, str]] = field(default_factory=list)  # (site file, key) drawn now
    doc_order: list[File] = field(default_factory=list)  # every page, as if none were cached
    qr_ahead: qr.DrawAhead | None = None  # share codes being drawn beside the build
    indexer: search.ShardIndexer | None = None  # search shards, indexed beside the build
    headline_terms: dict[str, list[str]] = field(default_factory=dict)  # by the workers
    # The gazetteer's answers for the districts of the articles extracted now (the workers').
    district_spellings: dict[str, dict[str, Any]] = field(default_factory=dict)
    source_digests: dict[str, str] = field(default_factory=dict)  # page file → sha256 read
    # Read in on_config with related news started (_read_articles): articles, their files'
    # text hashes, headline terms and the related-news child, for on_files.
    early: tuple[list[art_mod.ArticleMeta], dict[str, str], dict[str, frozenset[str]],
                 related.RelatedApart] | None = None
    parsed_kept: dict = field(default_factory=dict)  # load_articles' racy files (_settle)
    # Memos _read_articles read and left to write (load_articles' and cached_terms' ``later``):
    # written by related news' child once it handed its result back (RelatedApart ``after``),
    # or without a child in on_files while the rest is worked out; not before it starts.
    later: list[Callable[[], None]] = field(default_factory=list)
    related_child: related.RelatedApart | None = None  # writing those memos (on_post_build)
    extracted: dict = field(default_factory=dict)  # the batch's articles by file hash
    settler: threading.Thread | None = None  # _settle, beside the conversion


_STATE = _State()


def _config_dir(config: Any) -> Path:
    """The directory mkdocs.yml is in."""
    return _resolved_parent(config.config_file_path)


@functools.lru_cache(maxsize=4)
def _resolved_parent(path: str) -> Path:
    # Asked for every page drawn (share code, render cache): resolve() is a system call per
    # path part, ~0.3 ms a page at 1,000 articles.
    return Path(path).resolve().parent


def _extract(config: Any) -> None:
    """Run extraction from ``articles/`` into ``docs/articles/`` the way ``civicnews extract`` does.

    Same defaults as the CLI: editors' corrections and the id ledger from ``articles/`` (the
    ledger keeps URLs and feed GUIDs stable), the cache in ``.cache/civicnews``.
    """
    _STATE.sources = {}
    _STATE.source_digests = {}
    _STATE.problems = []
    _STATE.headline_terms = {}
    _STATE.district_spellings = {}
    _STATE.extracted = {}
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
            details=False,  # line roles as objects: most of a large build's peak memory
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
    _STATE.source_digests = dict(result.source_digests)
    _STATE.headline_terms = result.headline_terms
    _STATE.district_spellings = result.district_spellings
    _STATE.extracted = result.rendered


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


def _source_text(path: Path, data: bytes | None = None) -> bytes | None:
    """A page text as UTF-8 with a byte-order mark, which browsers honour whatever charset a
    server sends (GBK pages were served raw, UTF-8 ones without a charset: mojibake);
    ``data``: the page's bytes, when read already."""
    from civicnews.decode import DecodeError, decode_page

    try:
        return ("\ufeff" + decode_page(path.read_bytes() if data is None else data)
                ).encode("utf-8")
    except (OSError, DecodeError):
        return None


def _decoder_version() -> str:
    """What a page text in /sources/ is made from besides the page's bytes: the decoder."""
    from civicnews import decode

    return hashlib.sha256(Path(decode.__file__).read_bytes()).hexdigest()


def _stored_source(path: Path | None, texts: rendercache.RenderCache,
                   decoder: str, digest: str | None = None) -> Path | bytes | None:
    """A page text for /sources/ (``_source_text``) as a file in ``texts``, kept by the hash
    of the page's bytes: a rebuild neither decodes nor writes the thousands of unchanged
    texts again, and they stay in the site where the last build put them
    (``rendercache.recycle``). The text itself when it cannot be kept; None when the page
    cannot be read or decoded. ``digest``: that hash of the bytes the extraction read (the
    page is then not read again when its text is kept)."""
    if path is None:
        return None
    if digest:
        hit = texts.get(rendercache.page_key(decoder, digest))
        if hit is not None:
            return hit
    try:
        data = path.read_bytes()
    except OSError:
        return None
    key = rendercache.page_key(decoder, hashlib.sha256(data).hexdigest())
    hit = texts.get(key)
    if hit is None:
        text = _source_text(path, data)  # not read a second time (4,000 pages at 10k)
        if text is None:
            return None
        texts.put(key, text)
        hit = texts.get(key)
        if hit is None:
            return text
    return hit


def _editor_report_wanted() -> bool:
    """The editors' report (titles of hidden stories, leftovers) is for editors, not residents:
    in the site only under ``mkdocs serve`` or when CIVICNEWS_EDITOR_REPORT=1 asks for it."""
    return _STATE.command == "serve" or os.environ.get(EDITOR_REPORT_FLAG) == "1"


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``serve`` (local, for editors) or a public ``build``."""
    _STATE.command = command
    _STATE.dirty = dirty


def _sweep_old_site(config: Any) -> None:
    """Move the last build's site aside: MkDocs would delete it file by file before it starts
    (thousands of files, up to a third of a rebuild on a busy disk). Its cached pages are taken
    back into this build's site in on_files (``_serve_cached_pages``); the rest is deleted in the
    background. Anything unusual (a serve build, a site directory that is a mount point or
    cannot be renamed) is left to MkDocs."""
    site = Path(config.site_dir)
    _STATE.old_site = None
    if _STATE.command != "build" or _STATE.dirty or not site.is_dir() or site.is_symlink():
        return
    trash = site.with_name(f".{site.name}.old-{os.getpid()}")
    try:
        site.rename(trash)
    except OSError:
        return
    _STATE.old_site = trash


def _delete_in_background(path: Path) -> None:
    """Delete a folder in a thread while the build goes on (joined in on_post_build)."""
    _join_sweeper()
    _STATE.sweeper = threading.Thread(target=shutil.rmtree, args=(path,),
                                      kwargs={"ignore_errors": True}, name="civicnews-sweep")
    _STATE.sweeper.start()


def _join_sweeper() -> None:
    if _STATE.sweeper is not None:
        _STATE.sweeper.join()
        _STATE.sweeper = None


def _survey_old_site() -> None:
    """List the last build's site (moved aside) for _recycle_old_site ahead of it."""
    _STATE.listed = None
    if _STATE.old_site is not None:
        try:
            _STATE.listed = rendercache.survey(_STATE.old_site)
        except OSError:  # listed by recycle itself
            pass


def _recycle_old_site(site: Path, hits: dict[str, Path]) -> set[str]:
    """The cached pages (site path → cached file) the last build's site already holds in
    place (rendercache.recycle), the rest of it deleted in the background; set() when there
    is no last site or it cannot be taken back."""
    old, _STATE.old_site = _STATE.old_site, None
    listed, _STATE.listed = _STATE.listed, None
    if old is None:
        return set()
    if not hits or site.exists():
        _delete_in_background(old)
        return set()
    trash = old.with_name(f"{old.name}.rest")
    try:
        trash.mkdir()
        kept = rendercache.recycle(old, site, hits, trash, listed)
    except OSError as exc:  # a half-taken-back site is no start: begin from nothing
        log.info("civicnews: the last site was not reused (%s)", exc)
        if site.exists():
            aside = site.with_name(f".{site.name}.failed-{os.getpid()}")
            site.rename(aside)
            _delete_in_background(aside)
        if old.exists():
            _delete_in_background(old)
        kept = set()
    _delete_in_background(trash)
    return kept


def _rules_context() -> tuple[dict[str, str | None], list[str], list[str]]:
    """City of each place, gazetteer order and campaign order from the rule files."""
    from civicnews.rules import load_rules

    rules = load_rules()
    cities = pages.city_map({n: p.parent for n, p in rules.places.items()},
                            {n: p.level for n, p in rules.places.items()})
    return cities, list(rules.places), [c.label for c in rules.campaigns]


def _chain(spelling: Any, context: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The chain of the division a name means beside ``context`` (the story's districts)."""
    candidates, default, chains = spelling
    for code, above in candidates:
        if not above.isdisjoint(context):
            return chains[code]
    return chains[default]


def _district_paths(articles: list[art_mod.ArticleMeta], memo: Path | None = None,
                    found: Mapping[str, Mapping[str, Any]] | None = None
                    ) -> tuple[dict[str, list[str]], list[str]]:
    """Each tagged district's places above it (province first) from the national gazetteer,
    read beside the story's other districts, and every such place in official code order.

    What the gazetteer says of each name (``places.spelling``) is kept in ``memo`` between
    builds, under the gazetteer's own cache key: a rebuild loads the gazetteer (~24 MB, a
    quarter of a second) only for a district name no earlier build has seen, and not even
    then when ``found`` (gazetteer key → name → spelling) has it: the extraction workers,
    which hold the gazetteer, answer for the districts of the articles they extracted.
    """
    from civicnews import places
    from civicnews.rules import load_rules

    rules = load_rules()
    # The key the gazetteer itself is cached under: its data, code, settings and editor entries.
    version = places.gazetteer_key(rules)
    known = _load_chains(memo, version)
    answered = (found or {}).get(version, {})
    looked_up = consulted = False
    paths: dict[str, list[str]] = {}
    codes: dict[str, str] = {}
    for art in articles:
        context = tuple(art.districts)
        for name in art.districts:
            if name in paths:
                continue
            if name not in known:
                if name in answered:
                    known[name] = answered[name]
                else:
                    known[name] = places.spelling(rules.gazetteer, name)
                    consulted = True
                looked_up = True
            spelling = known[name]
            if spelling is None:
                continue
            chain = _chain(spelling, context)
            paths[name] = [place for place, _code in chain[:-1]]
            for place, code in chain:
                codes.setdefault(place, code)
    if consulted:
        # Not kept (~38 MB): this process holds the whole archive to the end of the build,
        # whose peak it is, and needs the gazetteer again only for a district new to the memo.
        rules.forget_gazetteer()
    if memo is not None and looked_up:
        _save_chains(memo, version, known)
    order = sorted(codes, key=lambda n: (not codes[n][:1].isdigit(), codes[n]))
    return paths, order


def _load_chains(memo: Path | None, version: str) -> dict:
    return art_mod.read_memo(memo, version)


def _save_chains(memo: Path, version: str, chains: dict) -> None:
    """Keep the chains this build used (atomically: a parallel build never reads half)."""
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((version, chains), protocol=5))
        tmp.replace(memo)
    except OSError:
        pass


def on_config(config: Any) -> Any:
    """Extract articles before MkDocs collects the docs files (the old site is deleted in the
    background meanwhile)."""
    _sweep_old_site(config)
    _extract(config)
    _read_articles(config)
    return config


def _read_articles(config: Any) -> None:
    """Read the extracted articles and start related news in its child now, not in on_files:
    MkDocs collects the docs and theme files in between (~1 s at 10,000 articles), and once
    the list pages came from their cache, related news (~6 s of CPU) was what on_files
    waited for last."""
    _drop_early()
    extracted, _STATE.extracted = _STATE.extracted, {}
    try:
        texts: dict[str, str] = {}
        _STATE.parsed_kept = {}
        _STATE.later = []
        articles = art_mod.load_articles(Path(config.docs_dir) / ARTICLES_OUT,
                                         _site_cache(config, PARSED_CACHE), texts,
                                         _STATE.parsed_kept, _fronts(extracted), _STATE.later)
    except (art_mod.ArticleError, OSError) as exc:
        raise PluginError(str(exc)) from exc
    del extracted  # the batch's articles: not held beside the site's
    terms = related.cached_terms(articles, _site_cache(config, TERMS_CACHE),
                                 _config_dir(config) / CACHE_DIR, _STATE.headline_terms,
                                 _STATE.later)
    _STATE.headline_terms = {}
    # The memos are written by related news' child before its work, when it is started.
    _close_related()
    apart = related.RelatedApart(articles, terms, after=_STATE.later)
    _STATE.later = apart.pending
    _STATE.early = (articles, texts, terms, apart)
    # The share codes missing from their cache (a cold build's every one) are drawn from now
    # on, beside on_files and the conversion, where the second core had only related news
    # to do; started in on_files they were drawn beside the drawing of the pages, with the
    # search shards, and the build drew the rest itself.
    _draw_codes_ahead(articles, config, everyone=True)


def _fronts(extracted: dict) -> Callable[[str], dict | None] | None:
    """The front matter data this build's extraction rendered an article file's text from, by
    the text's hash (load_articles' ``fronts``), or None when it rendered none."""
    if not extracted:
        return None
    from civicnews.markdown import front_matter

    def front(digest: str) -> dict | None:
        # Let go as its record is made: the extracted articles (their paragraphs) and the
        # records made from them were not held at once (+8 MB on a 10k cold build's peak).
        article = extracted.pop(digest, None)
        return front_matter(article) if article is not None else None
    return front


def _write_later() -> None:
    """Write the memos _read_articles left to write (``_STATE.later``)."""
    later, _STATE.later = _STATE.later, []
    for write in later:
        write()


def _drop_early() -> None:
    """Stop a related-news child nobody will ask (a build that failed before on_files)."""
    _STATE.later = []
    if _STATE.early is not None:
        _STATE.early[3].close()
        _STATE.early = None


def _close_related() -> None:
    """Wait for the related-news child of on_files to end (its memo writes)."""
    if _STATE.related_child is not None:
        _STATE.related_child.close()
        _STATE.related_child = None


def on_files(files: Files, config: Any) -> Files:
    """Swap the article files for ``a/<id>.md`` pages and add generated pages and sources;
    pages whose finished HTML is in the render cache become plain files to copy."""
    for f in [f for f in files if f.src_uri.startswith(ARTICLES_OUT + "/")]:
        files.remove(f)
    if _STATE.early is None:  # on_config did not run for this build
        _read_articles(config)
    assert _STATE.early is not None
    articles, texts, terms, apart = _STATE.early
    _STATE.early = None
    _STATE.articles = articles
    _STATE.by_src = {}
    # Related news in a child process (started in on_config) while the list pages and feeds
    # are made here; the article pages' keys, which name their neighbours, are made after
    # (_article_keys_all).
    try:
        _page_texts(files, config, articles)
        environment = _environment_key(config)
        digests = _Digests(texts)
        _start_search(articles, config, environment, digests)
        _site_files(files, config, articles, environment, digests)
        # What the article pages' keys need besides related news, worked out before waiting
        # for it (at 10,000 articles the child's ~1.4 s of CPU outlasted the ~1 s above).
        placed = related.placings(articles)
        for art in articles:
            digests(art)
        _write_later()
        _survey_old_site()
        _STATE.neighbours = related.neighbours(articles, related=apart.result(), placed=placed)
    finally:
        # Its memo writes (RelatedApart ``after``) are waited for at the end of the build.
        _STATE.related_child = apart
    _article_keys_all(articles, config, environment, digests)
    _serve_cached_pages(files, config)
    if _STATE.indexer is not None and _STATE.command == "build" and not _STATE.dirty:
        # The site holds the pages MkDocs will not convert now, and no other article page
        # (a --dirty build's or serve's keeps the last build's: indexed from on_env on).
        _STATE.indexer.eager(max(1, (os.cpu_count() or 1) - 1))
    _draw_codes_ahead(articles, config)
    _join_settler()
    _STATE.settler = threading.Thread(target=_settle, args=(config,), name="civicnews-settle",
                                      daemon=True)
    _STATE.settler.start()
    return files


def _start_search(articles: list[art_mod.ArticleMeta], config: Any, environment: str,
                  digests: _Digests) -> None:
    """Group the articles into search shards and start indexing, beside the rest of the
    build, each shard whose only pages to stage are a few new ones (a rebuild's): those are
    staged from the hooks' own conversion of their Markdown (``_early_html``), checked against
    MkDocs' in on_page_content (``ShardIndexer.put``). Indexed from on_env on, the shard of a
    rebuild's new page was what the build waited for last."""
    _close_indexer()
    _STATE.search_keys = {art.id: _search_key(art, config, environment, digests)
                          for art in articles}
    indexer = _STATE.indexer = search.ShardIndexer(
        Path(config.site_dir), search_shards(articles, _STATE.search_keys, _shard_min(len(articles))),
        _site_cache(config, SEARCH_CACHE))
    wanted = [art for art in articles if indexer.wants(_search_path(art))]
    if len(wanted) > search.EARLY_PAGES:
        return  # a cold build's: staged as MkDocs converts them (on_page_content)
    for art in wanted:
        indexer.stage_early(_search_path(art), pages.search_page(
            art, _early_html(art, config), has_source=art.source.file in _STATE.sources,
            site_name=config.site_name, url=_article_url(art, config)))
    indexer.start(max(1, (os.cpu_count() or 1) - 1))


def _early_html(art: art_mod.ArticleMeta, config: Any) -> str:
    """An article page's body as MkDocs will convert it (Page.read_source, Page.render): its
    Markdown (on_page_read_source) less what MkDocs reads as metadata, through the
    configured extensions. MkDocs' own tree processors change only links and images, which
    an article's body has none of; on_page_content checks the result all the same."""
    import markdown
    from mkdocs.utils import meta

    text, _meta = meta.get_data(art.body + "\n")
    md = markdown.Markdown(extensions=config["markdown_extensions"],
                           extension_configs=config["mdx_configs"] or {})
    return md.convert(text)


def _page_texts(files: Files, config: Any, articles: list[art_mod.ArticleMeta]) -> None:
    """The page texts of /sources/ (from their cache), first of what on_files adds: whether
    an article links its page text is part of its search key."""
    if not _editor_report_wanted():
        for f in [f for f in files if f.src_uri in EDITOR_FILES
                  or f.src_uri.startswith(EDITOR_DIR)]:
            files.remove(f)
    _pin_build_date(articles)
    _STATE.stored = {}
    # Not named ``texts``: that name (the article files' text hashes) is for _Digests below;
    # reusing it gave _Digests this cache, so every page key hashed repr of its article.
    source_cache = rendercache.RenderCache(_site_cache(config, SOURCE_CACHE), ".txt")
    decoder = _decoder_version()
    for name in sorted({a.source.file for a in articles if a.source.file}):
        stored = _stored_source(_STATE.sources.get(name), source_cache, decoder,
                                _STATE.source_digests.get(name))
        if stored is None:
            _STATE.sources.pop(name, None)  # the article then names its page without a link
        elif isinstance(stored, Path):
            _STATE.stored[pages.source_path(name)] = stored
        else:  # a cache that cannot be written: MkDocs writes the text
            files.append(File.generated(config, pages.source_path(name), content=stored))


def _site_files(files: Files, config: Any, articles: list[art_mod.ArticleMeta],
                environment: str, digests: _Digests) -> None:
    """Everything on_files adds but the page texts and the article pages' keys: article
    pages, list pages (with their keys), robots.txt and feeds, in MkDocs' file order."""
    _STATE.page_keys = {}
    for art in articles:
        src = pages.article_src(art.id)
        _STATE.by_src[src] = art
        # Its text is handed over when MkDocs reads the page (on_page_read_source), not held
        # by the file as well as by the article from now to the end of the build.
        files.append(File.generated(config, src, content="",
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    cities, place_order, campaign_order = _rules_context()
    paths, place_order = _district_paths(articles, _site_cache(config, DISTRICT_CACHE),
                                         _STATE.district_spellings)
    _STATE.district_spellings = {}
    cities = {n: (p[1] if len(p) > 1 else None) for n, p in paths.items()}  # breadcrumb tails
    _STATE.generated = set()
    lists = pages.ListCache(rendercache.RenderCache(_site_cache(config, LIST_CACHE), ".md"),
                            environment, digests, lazy=True)
    _STATE.unread = {}
    for page in pages.site_pages(articles, config.site_name, cities, place_order,
                                 campaign_order, paths=paths, with_feeds=bool(config.site_url),
                                 cache=lists):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        inclusion = (InclusionLevel.UNDEFINED if page.src_uri in NAV_PAGES
                     else InclusionLevel.NOT_IN_NAV)
        if page.kept is not None:  # its text is read only if MkDocs renders it
            _STATE.unread[page.src_uri] = page
            files.append(File.generated(config, page.src_uri, abs_src_path=str(page.kept),
                                        inclusion=inclusion))
        else:
            files.append(File.generated(config, page.src_uri, content=page.content,
                                        inclusion=inclusion))
        _STATE.generated.add(page.src_uri)
        if page.src_uri not in NAV_PAGES:  # nav pages show the active tab: always rendered
            # A list page's text is a function of its list cache key (ListCache): its HTML is
            # keyed by that, its text not read (nor hashed) to serve it from the cache.
            _STATE.page_keys[page.src_uri] = rendercache.page_key(
                environment, page.src_uri, *(("list", page.key) if page.key
                                             else (page.content,)))
    # Feeds are plain files, so MkDocs copies them, `serve` serves them and links to them from
    # Markdown are checked like any other link. A feed needs absolute links: none without
    # site_url rather than feeds pointing at a made-up host.
    files.append(File.generated(config, "robots.txt", content=pages.robots_txt(config.site_url)))
    if not config.site_url:
        log.info("site_url (SITE_URL) is not set: no feeds or share codes in this build")
    else:
        cache = feeds.FeedCache(rendercache.RenderCache(_site_cache(config, FEED_CACHE), ".xml"),
                                environment, digests, lazy=True)
        for path, data in feeds.iter_site_feeds(articles, config.site_url, config.site_name,
                                                paths=paths, cache=cache):
            # A feed rendered now is its cached file too, once kept (cache.stored).
            served = cache.served.get(path) or cache.stored.get(path)
            if served is None:
                if _STATE.command != "build" or _STATE.dirty:
                    # The last build's feed here may be a link to a cached feed: MkDocs would
                    # write the new one into it, and so into the cache (as for pages).
                    rendercache.unshare(Path(config.site_dir) / path)
                files.append(File.generated(config, path, content=data))
                continue
            # An unchanged feed is its cached file, put in the site like the page texts (kept
            # in place from the last site by recycle): ~700 feeds at 10,000 articles were
            # unlinked and written again on every rebuild. Still a File, so links to it are
            # checked; MkDocs' copy of it onto its own link is a no-op (SameFileError).
            _STATE.stored[path] = served
            files.append(File.generated(config, path, abs_src_path=str(served)))


def _article_keys_all(articles: list[art_mod.ArticleMeta], config: Any, environment: str,
                      digests: _Digests) -> None:
    """Every article page's render key (their neighbours known by now; the search keys were
    made in _start_search)."""
    for art in articles:
        _STATE.page_keys[pages.article_src(art.id)] = _render_key(art, config, environment,
                                                                  digests)


def _draw_codes_ahead(articles: list[art_mod.ArticleMeta], config: Any,
                      everyone: bool = False) -> None:
    """Start drawing the share codes of the article pages MkDocs will render (not those served
    from the render cache; ``everyone``: before that is known, every article's whose code is
    not in the cache) in a process beside the build, in the order it renders them. A helper
    started already (``everyone``, in on_config) is left to go on."""
    if not everyone and _STATE.qr_ahead is not None:
        return
    _stop_drawing()
    urls = [_article_url(a, config) for a in articles
            if everyone or pages.article_src(a.id) not in _STATE.cached]
    if any(urls):
        _STATE.qr_ahead = qr.DrawAhead(urls, _config_dir(config) / QR_CACHE)


def _stop_drawing() -> None:
    if _STATE.qr_ahead is not None:
        _STATE.qr_ahead.close()
        _STATE.qr_ahead = None


def _site_cache(config: Any, name: str) -> Path:
    """The render or search cache directory of this build."""
    root = os.environ.get(SITE_CACHE_FLAG)
    return (Path(root) if root else _config_dir(config) / CACHE_DIR) / name


def _environment_key(config: Any) -> str:
    """What every page's HTML depends on besides its own inputs (see rendercache)."""
    custom = config.theme.custom_dir
    return rendercache.environment_key(
        Path(config.config_file_path), config.site_url, Path(custom) if custom else None,
        extra=[_STATE.command, *_STATE.problems])


class _Digests:
    """A hash of every field of an article (its body included, not the file it was read from),
    once a build per article object: a page's key names its neighbours by these.

    An article read from a file whose text's hash is in ``texts`` (load_articles) is named by
    that hash and the parser's version: every field of it is a function of the two; ``repr``
    of each whole article was a twentieth of a rebuild."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self._done: dict[int, tuple[art_mod.ArticleMeta, str]] = {}  # id(article) → it, hash
        self._texts = texts or {}
        # The parser's version too: PyYAML's is in it, not in the environment.
        self._parser = art_mod._parser_version() if self._texts else ""

    def own(self, art: art_mod.ArticleMeta) -> str:
        """What an article's page key hashes of it: its file's text hash, or ``repr`` of the
        article without its path."""
        text = self._texts.get(art.id)
        if text is not None:
            return f"text {self._parser} {text}"
        return repr(replace(art, path=""))

    def __call__(self, art: art_mod.ArticleMeta | None) -> str:
        if art is None:
            return "-"
        found = self._done.get(id(art))
        if found is None or found[0] is not art:
            digest = hashlib.sha256(self.own(art).encode("utf-8", "surrogatepass")).hexdigest()
            found = self._done[id(art)] = (art, digest)
        return found[1]


def _neighbours_part(neighbours: related.Neighbours | None, digest: _Digests) -> str:
    """What an article page's 上一篇/下一篇, 相关新闻 and district links are made from, as text
    for its key: which articles they are, and every field of each (by digest)."""
    if neighbours is None:
        return ""
    return repr((digest(neighbours.older), digest(neighbours.newer),
                 tuple(digest(a) for a in neighbours.related),
                 tuple((name, digest(older), digest(newer))
                       for name, older, newer in neighbours.in_district)))


def _article_keys(art: art_mod.ArticleMeta, config: Any, environment: str,
                  digest: _Digests) -> tuple[str, str]:
    """An article page's render key and its search key (what Pagefind reads).

    The render key hashes what the hooks wrap the page's body in is made from, not that HTML:
    ``pages.article_page`` is a pure function of the article, whether its page text is
    linked, its URL (the share code is drawn from the URL alone), its neighbours and the site
    name, and its code is in ``environment``. Drawing every page's wrapper (and reading every
    share code) only to hash it was a third of a rebuild's bookkeeping over cached pages.
    """
    return (_render_key(art, config, environment, digest),
            _search_key(art, config, environment, digest))


def _render_key(art: art_mod.ArticleMeta, config: Any, environment: str,
                digest: _Digests) -> str:
    """An article page's render key (``_article_keys``)."""
    own = digest.own(art)  # every field of the article, its body included
    url = _article_url(art, config)
    has_source = str(art.source.file in _STATE.sources)
    return rendercache.page_key(environment, own, url, has_source, config.site_name or "",
                                _neighbours_part(_STATE.neighbours.get(art.id), digest))


def _search_key(art: art_mod.ArticleMeta, config: Any, environment: str,
                digest: _Digests) -> str:
    """What Pagefind reads of an article page is made from: the article, its URL, whether its
    page text is linked, and the code (in ``environment``)."""
    return rendercache.page_key(environment, digest.own(art), _article_url(art, config),
                                str(art.source.file in _STATE.sources))


def _article_url(art: art_mod.ArticleMeta, config: Any) -> str:
    """An article's absolute address: a share code must carry the real one (none without
    site_url)."""
    site_url = config.site_url
    if not site_url:
        return ""
    return _absolute_url(site_url, art.id)


@functools.lru_cache(maxsize=1 << 16)
def _absolute_url(site_url: str, art_id: str) -> str:
    """_article_url's address of an article id: asked three times an article a build (search
    key, page key, share codes) and again on every rebuild, each a quote() of its path."""
    return feeds.absolute(site_url, pages.url_of(pages.article_src(art_id)))


def _qr(url: str, config: Any) -> str:
    return qr.cached_qr_svg(url, _config_dir(config) / QR_CACHE) if url else ""


def _serve_cached_pages(files: Files, config: Any) -> None:
    """Take every page whose finished HTML is cached out of MkDocs' hands: it is never
    rendered, and it is put in the site from the cache here (a hard link: MkDocs copied ten
    thousand cached pages on a rebuild). The sitemap still lists it (on_template_context)."""
    _STATE.cached = {}
    _STATE.doc_order = []
    _STATE.rendered = []
    _STATE.sitemap_fast = False
    cache = rendercache.RenderCache(_site_cache(config, HTML_CACHE))
    site = Path(config.site_dir)
    # Links only into a site this build starts empty (see rendercache.place) or whose every
    # file is a cached page this build serves (see rendercache.recycle).
    fresh = _STATE.command == "build" and not _STATE.dirty
    order = list(files)
    hits: dict[str, tuple[File, Path]] = {}
    for f in order:
        key = _STATE.page_keys.get(f.src_uri)
        hit = cache.get(key) if key else None
        if hit is not None:
            hits[f.dest_uri] = (f, hit)
    wanted = {d: hit for d, (_f, hit) in hits.items()}
    wanted.update(_STATE.stored)  # the page texts, also from a cache
    in_place = _recycle_old_site(site, wanted)
    for dest, (f, hit) in hits.items():
        files.remove(f)
        if dest not in in_place:
            rendercache.place(hit, site / dest, link=fresh)
        _STATE.cached[f.src_uri] = f
    for dest, hit in _STATE.stored.items():
        if dest not in in_place:
            rendercache.place(hit, site / dest, link=fresh)
    if _STATE.cached:
        _STATE.doc_order = [f for f in order if f.is_documentation_page()]
    unread, _STATE.unread = _STATE.unread, {}
    for src, page in unread.items():  # rendered now: its text, as a page made now has it
        if src not in _STATE.cached:
            found = files.get_file_from_path(src)
            if found is not None:
                found.content_string = page.text()
    log.info("civicnews: %d of %d pages from the render cache", len(_STATE.cached),
             len(_STATE.page_keys))


# A page URL that urljoin appends to a base unchanged: path segments of URL-safe characters,
# none empty (but the last) or starting with a dot, no parameters, query or fragment.
_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9%_~-][A-Za-z0-9%_~.-]*/)*(?:[A-Za-z0-9%_~-][A-Za-z0-9%_~.-]*)?")


class _Canonical:
    """Set a page's canonical_url and abs_url as MkDocs' Page._set_canonical_url does: for a
    plain URL (``_PLAIN_URL``) ``urljoin(base, url)`` is ``base + url`` and its path the base's
    path + url, once urljoin is seen to do just that on this base; anything else goes through
    MkDocs' own code."""

    def __init__(self, site_url: str | None) -> None:
        self.site_url = site_url
        base = site_url + "/" if site_url and not site_url.endswith("/") else site_url
        self.base, self.path = base, None
        if base:
            probes = ("x/", "x", "x.y/z-1/")
            path = urlsplit(base).path
            if all(urljoin(base, u) == base + u and urlsplit(base + u).path == path + u
                   for u in probes):
                self.path = path

    def plain(self, url: str) -> bool:
        """Whether ``url`` is joined to the base by appending it (see the class doc)."""
        return bool(self.base and self.path is not None and url and _PLAIN_URL.fullmatch(url))

    def __call__(self, page: Page) -> None:
        url = page.url
        if self.plain(url):
            page.canonical_url = self.base + url
            page.abs_url = self.path + url  # type: ignore[operator] # plain: path is set
        else:
            page._set_canonical_url(self.site_url)


# MkDocs' sitemap.xml (mkdocs/templates/sitemap.xml), which _Sitemap writes without Jinja: a
# theme or MkDocs with another one gets its own template drawn as before.
_SITEMAP_TEMPLATE = """\
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for file in pages -%}
    {% if not file.page.is_link and (file.page.abs_url or file.page.canonical_url) %}
    <url>
         <loc>{% if file.page.canonical_url %}{{ file.page.canonical_url|e }}{% else %}\
{{ file.page.abs_url|e }}{% endif %}</loc>
         {% if file.page.update_date %}<lastmod>{{file.page.update_date}}</lastmod>{% endif %}
    </url>
    {%- endif -%}
{% endfor %}
</urlset>
"""


class _Sitemap:
    """MkDocs' sitemap.xml template (``_SITEMAP_TEMPLATE``) as a plain function of its context:
    the same text, without a Page made for each of the ten thousand pages served from the
    render cache only to be listed (on_template_context), nor Jinja's loop over them; such a
    page (no Page, a plain URL) is listed by its file's URL and the build date, as its Page
    would give them (Page.__init__: get_build_date, _set_canonical_url)."""

    def __init__(self, site_url: str | None) -> None:
        self.canonical = _Canonical(site_url)

    def render(self, context: Mapping[str, Any]) -> str:
        from markupsafe import escape
        from mkdocs.utils import get_build_date

        out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        base = self.canonical.base
        built = get_build_date()
        for f in context["pages"]:
            page = f.page
            if page is None:  # served from the cache, plain (on_template_context)
                if not self.canonical.plain(f.url):
                    continue  # as the template skips a file without a page
                loc, lastmod = escape(base + f.url), built  # type: ignore[operator]
            else:
                if page.is_link or not (page.abs_url or page.canonical_url):
                    continue
                loc = escape(page.canonical_url or page.abs_url)
                lastmod = page.update_date
            out.append(f"\n    <url>\n         <loc>{loc}</loc>\n         "
                       f"{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}\n    </url>")
        out.append("\n</urlset>")
        return "".join(out)


def on_pre_template(template: Any, template_name: str, config: Any) -> Any:
    """The sitemap through _Sitemap when the theme's is MkDocs' own and pages are served from
    the render cache (a rebuild's ten thousand): its Jinja loop and a Page for each cached
    page to list were ~0.3 s of a rebuild after one page at 10,000 articles."""
    if template_name != "sitemap.xml" or not _STATE.cached:
        return template
    try:
        source = Path(template.filename).read_text(encoding="utf-8")
    except (OSError, TypeError, AttributeError):
        return template
    if source != _SITEMAP_TEMPLATE:
        return template
    _STATE.sitemap_fast = True
    return _Sitemap(config.get("site_url"))


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The sitemap lists the pages served from the render cache where MkDocs would have."""
    if template_name != "sitemap.xml" or not _STATE.cached:
        return context
    live = {id(f) for f in context["pages"]}
    listed = []
    canonical = _Canonical(config.get("site_url"))
    fast = _STATE.sitemap_fast  # _Sitemap lists a cached page with a plain URL without a Page
    # Page() with no site_url skips urljoin (canonical sets the same address after it): a
    # quarter of a 10,000-article rebuild's sitemap was urljoin on ten thousand pages.
    bare = {"site_url": None, "repo_url": config.get("repo_url"),
            "edit_uri": config.get("edit_uri"), "edit_uri_template": config.get("edit_uri_template")}
    for f in _STATE.doc_order:
        if f.src_uri in _STATE.cached:
            if f.page is None and not (fast and canonical.plain(f.url)):
                canonical(Page(None, f, bare))  # type: ignore[arg-type] # only .get is read
            listed.append(f)
        elif id(f) in live:
            listed.append(f)
    seen = {id(f) for f in listed}
    context["pages"] = listed + [f for f in context["pages"] if id(f) not in seen]
    return context


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


def on_page_read_source(page: Any, config: Any) -> str | None:
    """An article page's Markdown: the article's body without its front matter (MkDocs would
    parse the YAML a second time, and on_page_markdown sets the page's metadata from the
    article anyway); a generated list page's is taken out of its file."""
    art = _STATE.by_src.get(page.file.src_uri)
    if art is not None:
        return art.body + "\n"
    if page.file.src_uri in _STATE.generated:
        # A list page's text, taken from its file: the page holds its HTML from here to the
        # end of the build, the file held its Markdown beside it (~700 list pages at 10,000
        # articles, tens of MB, at the top of the build's memory).
        text = page.file.content_string
        page.file.content_string = ""
        return text
    return None


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
    """A generated list page's HTML comes back here (see on_page_markdown). An article page's
    Markdown is let go once converted: MkDocs converts every page before it draws the first,
    and nothing reads it again (the title is page.meta's), where each article's body was held
    twice until the end (with the article's own copy), ~15 MB at 10,000 articles."""
    if page.file.src_uri in _STATE.raw_html:
        return _STATE.raw_html.pop(page.file.src_uri)
    art = _STATE.by_src.get(page.file.src_uri)
    if art is not None:
        page.markdown = ""
        rel = _search_path(art)
        if _STATE.indexer is not None and _STATE.indexer.wants(rel):
            # What Pagefind reads of the page, staged now: its shard can then be indexed
            # while MkDocs draws the pages (on_env), not after.
            _STATE.indexer.put(rel, pages.search_page(
                art, content, has_source=art.source.file in _STATE.sources,
                site_name=config.site_name, url=_article_url(art, config)))
    return content


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Every page is converted and MkDocs is about to draw them: index the search shards whose
    pages are all staged (or served from the cache) now, in a thread beside the drawing (one
    core left to MkDocs; on_post_build adds the rest). The theme's templates are compiled
    through a bytecode cache: no template is loaded before this event, and compiling the ~35
    that a build draws with was 0.12 s of every build (a rebuild after one page: 1.6 s)."""
    if _STATE.indexer is not None:
        _STATE.indexer.start(max(1, (os.cpu_count() or 1) - 1))
    if getattr(env, "bytecode_cache", None) is None:
        from jinja2 import FileSystemBytecodeCache

        folder = _site_cache(config, JINJA_CACHE)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env  # no cache: the templates are compiled as before
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Wrap an article's rendered body in its header, footer and share code just before its
    page is drawn, not when its Markdown is converted: MkDocs converts every page before it
    draws the first, and every article's wrapper held from then on (its share code alone is
    a few KB) was a large part of a big archive's peak memory."""
    art = _STATE.by_src.get(page.file.src_uri)
    if art is not None and page.content is not None:
        url = _article_url(art, config)
        page.content = pages.article_page(
            art, page.content, has_source=art.source.file in _STATE.sources,
            qr_svg=_qr(url, config), neighbours=_STATE.neighbours.get(art.id),
            site_name=config.site_name, url=url)
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Fix what the theme writes outside any template block (skip link, toggle inputs), and
    under serve show the build's problems on top; keep the finished page in the render cache."""
    output = _problem_banner(pages.polish_html(output))
    if page.file.src_uri in _STATE.by_src:
        page.content = ""  # drawn: nothing reads an article page's HTML again
    key = _STATE.page_keys.get(page.file.src_uri)
    fresh = _STATE.command == "build" and not _STATE.dirty
    if key is not None and output.strip():
        if fresh:  # the file MkDocs writes now goes into the cache itself (on_post_build)
            _STATE.rendered.append((page.file.abs_dest_path, key))
        else:
            # The bytes MkDocs writes, so a page served from the cache is the same file.
            rendercache.RenderCache(_site_cache(config, HTML_CACHE)).put(
                key, output.encode("utf-8", errors="xmlcharrefreplace"))
    if not fresh:
        # The last build's file here may be a link to a cached page (of another key now):
        # MkDocs would write this page into it, and so into the cache. A new file instead.
        rendercache.unshare(Path(page.file.abs_dest_path))
    return output


def search_shards(articles: list[art_mod.ArticleMeta], keys: dict[str, str],
                  minimum: int | None = None) -> list[search.Shard]:
    """The articles' pages grouped into search shards of at least ``minimum`` articles (by
    default ``search.shard_minimum`` of their number), each page with its search key."""
    if minimum is None:
        minimum = search.shard_minimum(len(articles))
    counts = search.month_counts(a.date for a in articles)
    # shard_of looks at a date's year and month only: once a month, not once an article (it
    # sums the year's months each time: 0.7 % of a 10,000-article rebuild).
    by_month: dict[str | None, str] = {}
    unit_of = {}
    for a in articles:
        month = a.date[:7] if a.date and len(a.date) >= 7 else None
        unit = by_month.get(month)
        if unit is None:
            unit = by_month[month] = search.shard_of(a.date, counts)
        unit_of[a.id] = unit
    sizes: dict[str, int] = {}
    for unit in unit_of.values():
        sizes[unit] = sizes.get(unit, 0) + 1
    shard_of_unit = search.group_units(sizes, minimum)
    grouped: dict[str, list[tuple[str, str]]] = {}
    for art in articles:
        grouped.setdefault(shard_of_unit[unit_of[art.id]], []).append(
            (_search_path(art), keys.get(art.id, "")))
    return [search.Shard(name, tuple(items)) for name, items in grouped.items()]


def _search_path(art: art_mod.ArticleMeta) -> str:
    """An article page's file in the site, as Pagefind indexes it."""
    return pages.url_of(pages.article_src(art.id)) + "index.html"


def _close_indexer() -> None:
    """Release a search indexer this build will not finish (its shards being indexed are
    waited for)."""
    if _STATE.indexer is not None:
        _STATE.indexer.close()
        _STATE.indexer = None


def _shard_min(articles: int) -> int:
    """Articles per search shard at least: search.shard_minimum of the archive's ``articles``,
    or CIVICNEWS_SHARD_MIN (the end-to-end tests set 1 to search a small site through many
    merged shards)."""
    try:
        return max(1, int(os.environ.get(SHARD_MIN_FLAG, "")))
    except ValueError:
        return search.shard_minimum(articles)


def on_post_build(config: Any) -> None:
    """Finish the search index (shards not indexed beside the drawing are indexed now; a
    shard whose articles did not change comes from the cache); drop theme files the site
    never loads; forget old cached pages."""
    _stop_drawing()
    site = Path(config.site_dir)
    keeper = None
    if _STATE.rendered:  # a fresh build's (on_post_page)
        # Every page rendered now goes into the render cache as the file MkDocs wrote (a link:
        # the same bytes), so the next build keeps it where it is (rendercache.recycle); in a
        # thread, beside the wait for the search shards below.
        keeper = threading.Thread(target=_keep_rendered,
                                  args=(_STATE.rendered, _site_cache(config, HTML_CACHE)),
                                  name="civicnews-keep", daemon=True)
        keeper.start()
    _STATE.rendered = []
    try:
        _finish_search(config, site)
    finally:
        if keeper is not None:
            keeper.join()
    _join_settler()
    _join_sweeper()
    _close_related()
    if _STATE.command == "build":
        rendercache.RenderCache(_site_cache(config, HTML_CACHE)).prune()
        rendercache.RenderCache(_site_cache(config, FEED_CACHE), ".xml").prune()
        rendercache.RenderCache(_site_cache(config, LIST_CACHE), ".md").prune()
        rendercache.RenderCache(_site_cache(config, SOURCE_CACHE), ".txt").prune()


def _keep_rendered(rendered: list[tuple[str, str]], root: Path) -> None:
    """The pages this fresh build drew, put in the render cache under their keys."""
    cache = rendercache.RenderCache(root)
    made: set[Path] = set()
    for dest, key in rendered:
        rendercache.keep(Path(dest), cache.path(key), made)


def _finish_search(config: Any, site: Path) -> None:
    """Shards not indexed beside the drawing are indexed now; unused search files go."""
    indexer, _STATE.indexer = _STATE.indexer, None
    if indexer is None:  # on_files did not run for this build
        indexer = search.ShardIndexer(
            site, search_shards(_STATE.articles, _STATE.search_keys, _shard_min(len(_STATE.articles))),
            _site_cache(config, SEARCH_CACHE))
    shards = indexer.finish(jobs=os.cpu_count() or 1, prune_days=rendercache.PRUNE_DAYS)
    log.info("civicnews: search in %d shards (%d indexed in this build)", len(shards.names),
             shards.indexed)
    if indexer.reindexed:  # the early staging's guess was wrong: it only cost time
        log.info("civicnews: %d search shards indexed again (a page staged early differed "
                 "from MkDocs' page)", indexer.reindexed)
    search.prune_unused(site)


def _settle(config: Any) -> None:
    """Read again the article files this build's extraction wrote and read while they were
    racy (a cold build's every one), so the next build trusts their kept states: a rebuild
    after a cold build read all ten thousand twice (output.commit, load_articles), ~0.3 s.
    Run in a thread from the end of on_files, before the conversion has grown the build's
    memory (at on_post_build the memos it loads were +8 MB on a 10k cold build's peak); when
    a file is still too new then (a small cold build), the next build reads it as before."""
    kept, _STATE.parsed_kept = _STATE.parsed_kept, {}
    if _STATE.command != "build" or _STATE.dirty:
        return
    docs = Path(config.docs_dir)
    try:
        art_mod.settle_parsed(docs / ARTICLES_OUT, _site_cache(config, PARSED_CACHE), kept)
        from civicnews.build import settle

        settle(docs, _config_dir(config) / CACHE_DIR)
    except ImportError:  # as _extract: no extraction, nothing it wrote
        return
    except Exception as exc:  # noqa: BLE001 - only a speed-up for the next build: never fatal
        log.info("civicnews: article states not settled (%s)", exc)


def _join_settler() -> None:
    if _STATE.settler is not None:
        _STATE.settler.join()
        _STATE.settler = None


def on_build_error(error: Exception) -> None:
    """A failed build leaves no share-code or related-news helper running, and the last site
    deleted."""
    _join_settler()
    _stop_drawing()
    _drop_early()
    _close_related()
    _close_indexer()
    _STATE.listed = None
    if _STATE.old_site is not None:
        _delete_in_background(_STATE.old_site)
        _STATE.old_site = None
    _join_sweeper()


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild when a page text is added to or changed in ``articles/``."""
    server.watch(str(_config_dir(config) / ARTICLES_IN))
    return server
