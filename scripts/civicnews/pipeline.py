"""One page of text in, a PageResult out: the extraction stages in order.

``extract_page`` is a pure function of (text, PageInfo, rules): no file system, no clock, so it
can run in a process pool and be cached by the page's hash.

lines (clean each line) → labeler (each line's role, by the fitted model) → assemble (stories,
with their credits) → home (the page's place) → metadata (districts, campaigns, dates).
"""

from __future__ import annotations

from . import assemble, labeler, lines, metadata
from .home import page_home
from .model import PageInfo, PageResult
from .rules import Rules, load_rules


def extract_page(text: str, info: PageInfo, rules: Rules | None = None) -> PageResult:
    """Turn one decoded page text into articles, furniture and leftovers."""
    rules = rules or load_rules()
    page_lines = lines.split_lines(text, rules, publication=info.publication)
    decisions = labeler.label_lines(page_lines, rules)
    result = assemble.assemble_page(page_lines, decisions, info, rules)
    home = page_home(result.articles, info, rules)
    for article in result.articles:
        metadata.fill_metadata(article, info, rules, home)
    # a headline parted or moved by the line stage is a guess about layout: the report says why
    result.unsure += [line.note for line in page_lines if line.note]
    result.lines_total = sum(1 for raw in text.splitlines() if raw.strip())
    return result
