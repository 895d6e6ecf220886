"""The CI job summary as an editor sees it: a real `civicnews check` report rendered the way
GitHub renders a step summary (cmark-gfm, raw HTML allowed for <details>) in Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from civicnews import ci
from civicnews.build import run_batch
from conftest import SEED_PAGES, hostile_page  # tests/ is on the path

SITE = "https://example.org/news"
PAYLOAD = "window.__pwned = 1"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> ci.Check:
    """Seeds built with their ledger committed, then three new pages checked against it: a copy
    of a seed page, a hostile page, and a page whose one story has no headline (unsure)."""
    root = tmp_path_factory.mktemp("newsroom")
    pages = root / "articles" / "pages"
    shutil.copytree(SEED_PAGES, pages, ignore=shutil.ignore_patterns("*.md"))
    ledger = root / "articles" / "ids.yml"
    run_batch([root / "articles"], root / "docs", ledger=ledger, cache_dir=root / "cache")
    shutil.copyfile(SEED_PAGES / "002_f4f0cdc6ef3d3239.txt", pages / "009_new.txt")
    (pages / "010_hostile.txt").write_text(hostile_page(PAYLOAD), encoding="utf-8")
    (pages / "011_odd.txt").write_text("这是一行没有归属的文字，既不是标题也不是正文\n",
                                       encoding="utf-8")
    with (pages / "pages.yml").open("a", encoding="utf-8") as manifest:  # dated: not drafts
        for name in ("009_new.txt", "010_hostile.txt", "011_odd.txt"):
            manifest.write(f"{name}: {{publication: 永康日报, date: 2023-05-01, page: 1}}\n")
    return ci.check_build([root / "articles"], root / "out", ledger=ledger,
                          cache_dir=root / "cache")


@pytest.fixture(scope="module")
def summary_page(browser: object, found: ci.Check) -> Iterator[tuple[object, list[str]]]:
    """The summary's HTML in a Chromium page, and every request the page tried to make."""
    import cmarkgfm

    markdown = ci.render_summary(found.result.report, new=found.new, ledger=found.ledger,
                                 site_url=SITE)
    html = cmarkgfm.github_flavored_markdown_to_html(markdown,
                                                     options=cmarkgfm.Options.CMARK_OPT_UNSAFE)
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    page.set_content(f'<!doctype html><html lang="zh"><meta charset="utf-8"><body>{html}',
                     wait_until="load")
    yield page, requests
    page.close()


def test_summary_shows_totals_new_ids_and_the_fix(summary_page: tuple, found: ci.Check) -> None:
    page, _ = summary_page
    assert page.locator("h2").first.inner_text() == "civicnews: editors' report"
    report = found.result.report
    assert ci.summary_line(report) in page.locator("p strong").first.inner_text()
    assert page.locator("pre code").inner_text().strip() == ci.FIX_COMMAND
    rows = page.locator("table:has(th:text-is('new id')) tbody tr")
    assert found.new and rows.count() == len(found.new)
    for i, entry in enumerate(found.new):
        cells = rows.nth(i).locator("td").all_inner_texts()
        # the title reads exactly as printed, markup and all, as plain text
        assert cells == [entry.id, entry.source, entry.title or "(no title)"]


def test_pages_to_check_link_to_their_articles(summary_page: tuple, found: ci.Check) -> None:
    page, _ = summary_page
    unsure = [p for p in found.result.report["pages"] if p["unsure"]]
    assert unsure, "the headline-less page should be one to check"
    for entry in unsure:
        heading = page.locator("h4", has_text=entry["file"])
        assert heading.locator("a").get_attribute("href") == f"{SITE}/sources/{entry['file']}"
        for art in entry["articles"]:
            link = page.locator(f"a[href='{SITE}/a/{art['id']}/']")
            assert link.inner_text() == art["id"]
        for reason in entry["unsure"]:
            assert page.get_by_text(reason, exact=True).count() >= 1


def test_every_page_is_in_the_table(summary_page: tuple, found: ci.Check) -> None:
    page, _ = summary_page
    page.locator("details summary").click()
    names = page.locator("details tbody tr td:first-child").all_inner_texts()
    assert names == [p["file"] for p in found.result.report["pages"]]


def test_page_text_stays_text(summary_page: tuple) -> None:
    page, requests = summary_page
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script, img, iframe, [onerror]").count() == 0
    assert "<script>" in page.locator("body").inner_text()  # shown, not run
    assert requests == []
