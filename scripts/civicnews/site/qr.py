"""WeChat-style share codes: an article URL as an inline SVG QR code, drawn at build time."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline ``<svg>`` QR code of ``url`` (no XML declaration, sized by viewBox)."""
    code = segno.make(url, error="m", micro=False)
    buf = io.BytesIO()
    code.save(buf, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True,
              svgclass="cn-qr-code", lineclass=None, title="分享二维码", dark="#000",
              light="#fff", nl=False)
    return buf.getvalue().decode("utf-8")
