"""Session fixtures for the portal's end-to-end tests: two builds of the seed site, a local
HTTP server that serves one of them under the same path prefix as site_url, and Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
PREFIX = "/civicnews/"  # the path of site_url in mkdocs.yml: served the way Pages serves it
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update"]


def build_site(target: Path) -> Path:
    """Run `mkdocs build --strict` of the repo's mkdocs.yml into ``target``; fail on errors."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(target)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    return target


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed site built twice (for determinism checks); the first one is served."""
    first = build_site(tmp_path_factory.mktemp("site") / "a")
    second = build_site(tmp_path_factory.mktemp("site") / "b")
    return first, second


@pytest.fixture(scope="session")
def site(sites: tuple[Path, Path]) -> Path:
    """The built site that the browser visits."""
    return sites[0]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, quietly."""

    def translate_path(self, path: str) -> str:
        """Map /civicnews/x to <site>/x; anything else to a path that does not exist."""
        raw = urlsplit(path).path
        if not raw.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + raw[len(PREFIX):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No request log on stderr."""


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """URL of the served site, e.g. http://127.0.0.1:PORT/civicnews/."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


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
