"""Serve a built site on 127.0.0.1 under the path of site_url, the way GitHub Pages does."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

PREFIX = "/civicnews/"  # the path of site_url in mkdocs.yml


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


@contextlib.contextmanager
def serve_site(site: Path) -> Iterator[str]:
    """Serve ``site`` until the block ends; yields its URL, e.g. http://127.0.0.1:PORT/civicnews/."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()
