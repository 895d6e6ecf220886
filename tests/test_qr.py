"""site/qr.py: share codes through the cache, and drawn ahead by a helper process."""

from __future__ import annotations

from pathlib import Path

from civicnews.site import qr

URL = "https://example.org/civicnews/a/2023-04-03-a21de8cd-{}/"


def test_the_cache_keeps_the_code_it_was_given(tmp_path: Path) -> None:
    url = URL.format(1)
    assert qr.cached_qr_svg(url, tmp_path) == qr.qr_svg(url)
    assert qr.cached_path(url, tmp_path).read_text(encoding="utf-8") == qr.qr_svg(url)
    qr.cached_path(url, tmp_path).write_text("<svg>kept</svg>", encoding="utf-8")
    assert qr.cached_qr_svg(url, tmp_path) == "<svg>kept</svg>"  # read, not drawn again
    assert not list(tmp_path.glob("*.tmp"))


def test_the_helper_draws_the_listed_codes_into_the_cache(tmp_path: Path) -> None:
    urls = [URL.format(n) for n in range(3)]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls), encoding="utf-8")
    assert qr.main([str(tmp_path / "qr"), str(listing)]) == 0
    for url in urls:
        assert qr.cached_path(url, tmp_path / "qr").read_text(encoding="utf-8") == qr.qr_svg(url)


def test_draw_ahead_draws_missing_codes_in_another_process(tmp_path: Path) -> None:
    urls = [URL.format(n) for n in range(qr.DRAW_AHEAD_MIN + 2)]
    cache = tmp_path / "qr"
    qr.cached_qr_svg(urls[0], cache)
    ahead = qr.DrawAhead(urls, cache)
    assert ahead.process is not None
    listed = ahead.listing.read_text(encoding="utf-8").split("\n")
    assert listed == list(reversed(urls[1:]))  # the build asks from the start, the helper
    assert ahead.process.wait() == 0           # draws from the end
    ahead.close()
    assert not ahead.listing.exists()
    for url in urls:
        assert qr.cached_path(url, cache).read_text(encoding="utf-8") == qr.qr_svg(url)


def test_a_few_missing_codes_start_no_helper(tmp_path: Path) -> None:
    ahead = qr.DrawAhead([URL.format(n) for n in range(qr.DRAW_AHEAD_MIN - 1)], tmp_path)
    assert ahead.process is None
    ahead.close()
