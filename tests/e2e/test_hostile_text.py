"""End-to-end: a page whose text carries script, HTML and template syntax becomes a harmless
article in the real site (MkDocs build of a temporary copy of the project) and its feeds.

The payload sets ``window.__pwned``; if any of it ran as code in Chromium the flag would be
set or a dialog would open. The payload must also show up on the page as text, so the test
cannot pass by the payload simply getting lost.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from civicnews.ids import file_tag
from conftest import hostile_page  # tests/conftest.py (tests/ is on the path)
from serving import serve_site

ROOT = Path(__file__).resolve().parents[2]

PAYLOAD = "window.__pwned=1"
PAGE = "hostile.txt"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
ARTICLE_ID = f"2023-04-03-{file_tag(PAGE)}-1"  # the first id minted for the page
# An editor's correction puts more payload into the headline parts, which the theme prints.
CORRECTION = {"kicker": f"<img src=x onerror={PAYLOAD}>引题",
              "subtitle": f"[副题](javascript:{PAYLOAD}) {{{{ config }}}}"}


def copy_project(target: Path) -> Path:
    """The portal's files plus an articles/ that holds only the hostile page."""
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "scripts", target / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", target / "docs",
                    ignore=shutil.ignore_patterns("articles", "report.json", "editor"))
    pages = target / "articles" / "pages"
    pages.mkdir(parents=True)
    (pages / PAGE).write_text(hostile_page(PAYLOAD), encoding="utf-8")
    (pages / "pages.yml").write_text(
        f"{PAGE}: {{publication: 永康日报, date: 2023-04-03, page: 1}}\n", encoding="utf-8")
    (target / "articles" / "corrections.yml").write_text(
        yaml.safe_dump({ARTICLE_ID: CORRECTION}, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.fail("the portal (mkdocs.yml) is missing: nothing to build")
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["SITE_URL"] = "https://civicnews.test/civicnews/"  # feeds are made only with an address
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
                          capture_output=True, text=True, cwd=project, env=env, timeout=300)
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    return project / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve_site(hostile_site) as url:
        yield url


def test_article_page_runs_no_page_text(browser: object, hostile_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(f"{hostile_url}a/{ARTICLE_ID}/")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    page.mouse.move(10, 10)
    page.mouse.wheel(0, 2000)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    text = page.inner_text("body")
    assert f"<script>{PAYLOAD}</script>" in text  # the payload is there, as text
    assert f"onerror={PAYLOAD}" in text
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in links if h.strip().lower().startswith("javascript:")]
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).map(a => a.name + '=' + a.value)")
    assert not [h for h in handlers if "__pwned" in h]
    scripts = page.eval_on_selector_all("script:not([type='application/ld+json'])",
                                        "els => els.map(e => e.textContent)")
    assert not [s for s in scripts if "__pwned" in s]
    # The JSON-LD record holds the headline as data, with no "<" that could end the script.
    records = page.eval_on_selector_all("script[type='application/ld+json']",
                                        "els => els.map(e => e.textContent)")
    assert records and not [r for r in records if "<" in r]
    assert "<script>" in json.loads(records[0])["headline"]
    context.close()


def test_home_page_lists_it_harmlessly(browser: object, hostile_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
    assert ARTICLE_ID in page.content()  # the article is linked from the home page
    context.close()


class _LiveMarkup(HTMLParser):
    """Collects what would be live in an HTML fragment: dangerous tags, handlers, js: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def live_markup(html: str) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def _entries(feed: Path) -> list[ET.Element]:
    root = ET.parse(feed).getroot()
    return [e for e in root.iter() if e.tag.endswith(("}entry", "item")) or e.tag == "item"]


def test_feeds_carry_the_text_escaped(hostile_site: Path) -> None:
    feeds = sorted(hostile_site.glob("*.xml")) + sorted(hostile_site.glob("**/feed*.xml"))
    feeds = [f for f in dict.fromkeys(feeds) if f.name != "sitemap.xml"]
    assert feeds, "no feed files in the site"
    seen = 0
    for feed in feeds:
        for entry in _entries(feed):
            texts = {child.tag.rsplit("}", 1)[-1]: "".join(child.itertext()) for child in entry}
            # Atom says per element whether it is text or html (default text); RSS readers
            # treat <description> and <content:encoded> as HTML.
            html_keys = {child.tag.rsplit("}", 1)[-1] for child in entry
                         if child.get("type") in ("html", "xhtml")
                         or child.tag in ("description", CONTENT_ENCODED)}
            if not any(ARTICLE_ID in v for v in texts.values()):
                continue
            seen += 1
            # Titles are HTML in both formats (readers render RSS titles as HTML): the payload
            # is escaped once, as text a reader shows, never markup it runs (issue 11) ...
            assert "&lt;script&gt;" in texts["title"] and live_markup(texts["title"]) == []
            # ... and the HTML fields hold it as escaped HTML, never as live markup.
            assert html_keys, "no HTML field in the entry"
            for key in html_keys:
                assert live_markup(texts[key]) == [], f"{feed.name}: {key}: {texts[key][:200]}"
            assert "&lt;img src=x onerror=" in texts.get("content", texts.get("encoded", ""))
    assert seen, "the hostile article is in no feed"
    raw = b"".join(f.read_bytes() for f in feeds)
    assert b"<script>" not in raw
