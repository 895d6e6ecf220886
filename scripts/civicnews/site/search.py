"""Chinese full-text search: run Pagefind over the built site.

Only article pages carry ``data-pagefind-body``, so Pagefind indexes articles and nothing else.
Pagefind's extended build (pip ``pagefind[extended]``) segments Chinese; the language comes
from ``<html lang="zh">`` and is forced to ``zh`` so a page without it is segmented the same way.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE_DIR = "pagefind"  # where the index and pagefind-ui.js land inside the site


class SearchIndexError(RuntimeError):
    """Pagefind failed: the message carries its output."""


def pagefind_command(site_dir: Path) -> list[str]:
    """The command line that indexes ``site_dir`` in place."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir),
            "--output-subdir", BUNDLE_DIR, "--force-language", "zh", "--quiet"]


def build_index(site_dir: Path) -> None:
    """Index the built site with Pagefind; raise with its output when it fails."""
    proc = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({proc.returncode}):\n"
                               f"{proc.stdout}\n{proc.stderr}")
