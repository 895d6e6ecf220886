"""One page of text in, a PageResult out: the extraction stages in order.

``extract_page`` is a pure function of (text, PageInfo, rules): no file system, no clock, so it
can run in a process pool and be cached by the page's hash.
"""

from __future__ import annotations

from . import blocks, lines, metadata, segment
from .model import PageInfo, PageResult
from .rules import Rules, load_rules


def extract_page(text: str, info: PageInfo, rules: Rules | None = None) -> PageResult:
    """Turn one decoded page text into articles, furniture and leftovers."""
    rules = rules or load_rules()
    page_lines = lines.split_lines(text, rules, publication=info.publication)
    units = blocks.build_units(page_lines, rules, publication=info.publication)
    result = segment.segment_page(units, info, rules)
    home = metadata.page_home(result.articles, info, rules)
    for article in result.articles:
        metadata.fill_metadata(article, info, rules, home)
    result.lines_total = sum(1 for raw in text.splitlines() if raw.strip())
    return result
