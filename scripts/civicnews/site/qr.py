"""WeChat-style share codes: an article URL as an inline SVG QR code, drawn at build time."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import segno

from .search import niced

# segno picks the best of 8 masks by scoring each one: 85% of the time of a code, and with a
# code on every article the largest single cost of a site build. Any mask gives a valid code
# that phones read; a fixed one also makes the drawing cheaper to cache and compare.
MASK = 0
CACHE_VERSION = "1"  # bump when the drawing below changes: cached codes are then redrawn


BORDER = 2  # quiet zone, in modules
TITLE = "分享二维码"


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline ``<svg>`` QR code of ``url`` (no XML declaration, sized by viewBox)."""
    code = segno.make(url, error="m", micro=False, mask=MASK)
    if scale != 1 and code.matrix and code.matrix[0][0]:
        return _svg(code.matrix, scale)
    return segno_svg(code, scale=scale)


def segno_svg(code: segno.QRCode, *, scale: int = 4) -> str:
    """``code`` as segno's own SVG writer draws it (what ``_svg`` writes faster)."""
    buf = io.BytesIO()
    code.save(buf, kind="svg", scale=scale, border=BORDER, xmldecl=False, svgns=True,
              svgclass="cn-qr-code", lineclass=None, title=TITLE, dark="#000",
              light="#fff", nl=False)
    return buf.getvalue().decode("utf-8")


_DARK_RUN = re.compile(rb"[^\x00]+")


def _svg(matrix: Sequence[bytearray], scale: int) -> str:
    """segno's SVG of a code's ``matrix`` with the options of ``segno_svg`` (a white square,
    then one path of the dark runs of each row, each run a move relative to the last run's
    end), byte for byte, with the runs found by a regular expression over each row: segno's
    writer walks the modules one by one in generators (a code 4.61 -> 3.95 ms, 400 URLs at
    load 9), and a cold build draws a code for every article. ``scale`` > 1 (segno then groups the
    paths under one transform) and the first module dark (a finder pattern's corner, always:
    segno's walk starts as if after a dark module)."""
    side = len(matrix) + 2 * BORDER
    moves = []
    px, py = 0, 0.0  # where the last run ended; segno's rows are at half-module heights
    y = BORDER - 0.5
    for row in matrix:
        y += 1
        for run in _DARK_RUN.finditer(row):
            x1, x2 = BORDER + run.start(), BORDER + run.end()
            dy = y - py
            moves.append(f"{'m' if moves else 'M'}{x1 - px} "
                         f"{int(dy) if int(dy) == dy else dy}h{x2 - x1}")
            px, py = x2, y
    paths = sorted((f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>',
                    f'<path stroke="#000" d="{"".join(moves)}"/>'), key=len)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{side * scale}" '
            f'height="{side * scale}" class="cn-qr-code"><title>{TITLE}</title>'
            f'<g transform="scale({scale})">{"".join(paths)}</g></svg>')


def cached_qr_svg(url: str, cache_dir: Path | None, *, scale: int = 4) -> str:
    """``qr_svg`` through a directory of drawn codes: an article's URL never changes, so a
    rebuild draws only the codes of new articles. A cache that cannot be used only costs time."""
    if cache_dir is None:
        return qr_svg(url, scale=scale)
    path = cached_path(url, cache_dir, scale=scale)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    svg = qr_svg(url, scale=scale)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # A name of this process's own: the build and its DrawAhead may draw one code at once.
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)  # atomic: a parallel build never reads half a code
    except OSError:
        pass
    return svg


def cached_path(url: str, cache_dir: Path, *, scale: int = 4) -> Path:
    """Where ``cached_qr_svg`` keeps the code of ``url``."""
    key = hashlib.sha256(f"{CACHE_VERSION}\0{segno.__version__}\0{scale}\0{url}".encode())
    return cache_dir / f"{key.hexdigest()}.svg"


# Codes missing from the cache below this many are drawn by the build itself: starting a
# process that imports segno costs about as much as drawing a few dozen codes.
DRAW_AHEAD_MIN = 50


class DrawAhead:
    """Share codes drawn into the cache by a process of their own while the build goes on.

    Drawing a code is pure Python (a few ms); a cold build of a ten-year archive draws ten
    thousand of them, one per article page, in the single process MkDocs renders pages in,
    while the machine's other cores wait. The helper draws the codes in the reverse of the
    order the build asks for them: the build draws the first ones itself (``cached_qr_svg``
    reads a code the helper has drawn, or draws it) and the two meet in the middle, no code
    drawn twice. The codes are the same whoever draws them; a helper that fails only costs
    time.
    """

    def __init__(self, urls: Sequence[str], cache_dir: Path) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.listing = cache_dir / f".ahead-{os.getpid()}.txt"
        try:  # one listing, not a file test a code: a rebuild asks for every article's
            drawn = set(os.listdir(cache_dir))
        except OSError:
            drawn = set()
        todo = [u for u in urls
                if u and "\n" not in u and cached_path(u, cache_dir).name not in drawn]
        if len(todo) < DRAW_AHEAD_MIN:
            return
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self.listing.write_text("\n".join(reversed(todo)), encoding="utf-8")
            env = dict(os.environ)
            package_root = str(Path(__file__).resolve().parents[2])  # this copy of civicnews
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (package_root, env.get("PYTHONPATH", "")) if p)
            self.process = subprocess.Popen(
                niced([sys.executable, "-m", "civicnews.site.qr", str(cache_dir),
                       str(self.listing)]),
                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)
        except OSError:
            self.process = None

    def close(self) -> None:
        """Stop the helper (by the end of a build it has nothing left the build needs)."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.terminate()
            self.process.wait()
            for left in self.listing.parent.glob(f"*.{self.process.pid}.tmp"):  # cut short
                left.unlink(missing_ok=True)
            self.process = None
        self.listing.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m civicnews.site.qr CACHE_DIR LISTING``: draw the codes of the URLs listed
    (one a line) into the cache, in the order listed (DrawAhead's helper)."""
    cache_dir, listing = (argv if argv is not None else sys.argv[1:])[:2]
    for url in Path(listing).read_text(encoding="utf-8").split("\n"):
        if url:
            cached_qr_svg(url, Path(cache_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
