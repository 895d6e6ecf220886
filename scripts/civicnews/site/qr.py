"""WeChat-style share codes: an article URL as an inline SVG QR code, drawn at build time."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import segno

# segno picks the best of 8 masks by scoring each one: 85% of the time of a code, and with a
# code on every article the largest single cost of a site build. Any mask gives a valid code
# that phones read; a fixed one also makes the drawing cheaper to cache and compare.
MASK = 0
CACHE_VERSION = "1"  # bump when the drawing below changes: cached codes are then redrawn


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline ``<svg>`` QR code of ``url`` (no XML declaration, sized by viewBox)."""
    code = segno.make(url, error="m", micro=False, mask=MASK)
    buf = io.BytesIO()
    code.save(buf, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True,
              svgclass="cn-qr-code", lineclass=None, title="分享二维码", dark="#000",
              light="#fff", nl=False)
    return buf.getvalue().decode("utf-8")


def cached_qr_svg(url: str, cache_dir: Path | None, *, scale: int = 4) -> str:
    """``qr_svg`` through a directory of drawn codes: an article's URL never changes, so a
    rebuild draws only the codes of new articles. A cache that cannot be used only costs time."""
    if cache_dir is None:
        return qr_svg(url, scale=scale)
    key = hashlib.sha256(f"{CACHE_VERSION}\0{segno.__version__}\0{scale}\0{url}".encode())
    path = cache_dir / f"{key.hexdigest()}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    svg = qr_svg(url, scale=scale)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)  # atomic: a parallel build never reads half a code
    except OSError:
        pass
    return svg
