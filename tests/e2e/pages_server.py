"""A local server that behaves like GitHub Pages for the e2e tests: the site under any path
prefix, and 404.html (status 404) for every missing path."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

# The address the test builds publish under: a reserved test domain (RFC 2606), so nothing
# made up can be mistaken for a real site; the path matches the local server's prefix.
TEST_SITE_URL = "https://civicnews.test/civicnews/"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: the site under ``prefix``; any missing path gets 404.html, status 404."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        raw = urlsplit(path).path
        if not raw.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + raw[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No request log on stderr."""


@contextlib.contextmanager
def serve_pages(site: Path, prefix: str) -> Iterator[str]:
    """Serve ``site`` under ``prefix`` with a 404 page; yields the site's URL."""
    handler = type("Handler", (_PagesHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
