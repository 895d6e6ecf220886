"""Session fixtures for the portal's end-to-end tests: two builds of the seed site, a local
HTTP server that serves one of them under the same path prefix as site_url, and Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.pages_server import TEST_SITE_URL
from e2e.project import FOOTER, copy_project
from serving import serve_site  # tests/ is on the path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update"]


def build_site(target: Path, site_url: str | None = TEST_SITE_URL,
               config: Path = ROOT / "mkdocs.yml", extra_env: dict[str, str] | None = None,
               site_cache: Path | None = None) -> Path:
    """Run `mkdocs build --strict` of the repo's mkdocs.yml into ``target``; fail on errors.

    ``site_url=None`` builds the way a checkout without SITE_URL does. The rendered pages and
    search shards are cached in ``site_cache`` (by default a directory beside ``target``, so
    the first build into a fresh place renders everything), never in the repo's .cache, which
    CI keeps for the deploy build.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("SITE_URL", "CIVICNEWS_SHARD_MIN", "CIVICNEWS_SITE_CACHE")}
    if site_url:
        env["SITE_URL"] = site_url
    env["CIVICNEWS_SITE_CACHE"] = str(site_cache or target.parent / "site-cache")
    env.update(extra_env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(target)],
        capture_output=True, text=True, cwd=config.parent, timeout=300, check=False, env=env,
    )
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    return target


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed site built twice (for determinism checks); the first one is served. The first
    build renders every page, the second serves them from the render cache: the two must be
    the same files."""
    cache = tmp_path_factory.mktemp("site-cache")
    first = build_site(tmp_path_factory.mktemp("site") / "a", site_cache=cache)
    second = build_site(tmp_path_factory.mktemp("site") / "b", site_cache=cache)
    return first, second


@pytest.fixture(scope="session")
def site(sites: tuple[Path, Path]) -> Path:
    """The built site that the browser visits."""
    return sites[0]


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """URL of the served site, e.g. http://127.0.0.1:PORT/civicnews/."""
    with serve_site(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def site_without_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site built with no SITE_URL at all, from a copy whose footer is filled in."""
    project = copy_project(tmp_path_factory.mktemp("nourl"), FOOTER)
    return build_site(project / "site", site_url=None, config=project / "mkdocs.yml")



@pytest.fixture(scope="session")
def sharded_url(sites: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[str]:
    """The seed site with one search shard per year, and per month of the newest year
    (CIVICNEWS_SHARD_MIN=1), served: a search must merge the shards' indexes in the browser."""
    site = build_site(tmp_path_factory.mktemp("sharded") / "site",
                      extra_env={"CIVICNEWS_SHARD_MIN": "1"})
    with serve_site(site) as url:
        yield url
