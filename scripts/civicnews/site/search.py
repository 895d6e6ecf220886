"""Chinese full-text search: run Pagefind over the built site.

Only article pages carry ``data-pagefind-body``, so Pagefind indexes articles and nothing else.
Pagefind's extended build (pip ``pagefind[extended]``) segments Chinese; the language comes
from ``<html lang="zh">`` and is forced to ``zh`` so a page without it is segmented the same way.
"""

from __future__ import annotations

import re
import shutil
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


# Theme files the site never loads: Material's own search (lunr and its worker; the site uses
# Pagefind) and source maps (about 2.5 MB together).
UNUSED_DIRS = ("assets/javascripts/lunr", "assets/javascripts/workers")
_SOURCE_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def prune_unused(site_dir: Path) -> list[str]:
    """Delete the unused theme files from a built site; return their site paths, sorted.

    The remaining scripts and stylesheets lose their ``sourceMappingURL`` comment, so no
    browser's developer tools ask for a map that is not there.
    """
    removed: list[Path] = []
    for name in UNUSED_DIRS:
        folder = site_dir / name
        if folder.is_dir():
            removed += [p for p in folder.rglob("*") if p.is_file()]
            shutil.rmtree(folder)
    for path in sorted((site_dir / "assets").rglob("*.map")):
        path.unlink()
        removed.append(path)
    for path in sorted((site_dir / "assets").rglob("*")):
        if path.suffix in (".js", ".css") and path.is_file():
            text = path.read_text(encoding="utf-8")
            stripped = _SOURCE_MAP_COMMENT.sub("", text)
            if stripped != text:
                path.write_text(stripped + "\n", encoding="utf-8")
    return sorted(str(p.relative_to(site_dir)) for p in removed)
