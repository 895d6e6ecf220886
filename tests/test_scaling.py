"""Extraction grows linearly with page size on pages of many short lines.

The issue measured 13 / 51 / 168 s for 1.4 / 2.8 / 5.6 MB of short lines in an older
extractor. Time is not measured here (the machine is shared; ``benchmarks/short_lines.py``
times ``civicnews extract`` on those sizes): the test counts the Python lines the interpreter
runs (``sys.settrace`` line events, comprehension loops included) for a page and for the same
page twice as long. Work done inside one C call, such as sorting every width of the page for
each line, is not counted; the benchmark is what shows that.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from civicnews import features
from civicnews.model import PageInfo
from civicnews.pipeline import extract_page
from civicnews.report import page_report
from civicnews.rules import load_rules

RULES = load_rules()
SEED_PAGES = sorted((Path(__file__).resolve().parents[1] / "articles" / "pages").glob("*.txt"))
# The seed pages cut into lines of this many characters, this many lines to a unit.
SHORT = 3
UNIT_LINES = 300
# Twice the lines may cost at most this many times the steps: linear work gives 2.00 (measured
# 1.993 and 1.996 for 4 and 8 units against half of them); a scan of the whole page per line
# gives about 4.
MAX_GROWTH = 2.15


def short_line_unit() -> str:
    """UNIT_LINES lines of SHORT characters cut from the seed pages, blank lines kept."""
    lines: list[str] = []
    for page in SEED_PAGES:
        for raw in page.read_text(encoding="utf-8").splitlines():
            text = raw.strip()
            lines += [text[i:i + SHORT] for i in range(0, len(text), SHORT)] if text else [""]
    return "\n".join(lines[:UNIT_LINES]) + "\n"


def steps(text: str) -> int:
    """Python lines run to extract a page and write its report."""
    count = 0

    def local(frame, event, arg):  # noqa: ANN001, ANN202 - the sys.settrace signature
        nonlocal count
        count += 1
        return local

    sys.settrace(lambda frame, event, arg: local)
    try:
        result = extract_page(text, PageInfo(file="big.txt"), RULES)
        page_report(result, text, result.articles, {})
    finally:
        sys.settrace(None)
    return count


def growth(units: int) -> float:
    """Steps for a page of 2 × units units against a page of units units."""
    unit = short_line_unit()
    steps(unit)  # warm the caches (rules, model, word list) outside the count
    return steps(unit * 2 * units) / steps(unit * units)


def test_many_short_lines_take_linear_work() -> None:
    assert growth(4) < MAX_GROWTH


def test_a_scan_of_the_page_per_line_would_be_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # the counter must see a quadratic stage: each line's column measured over the whole page
    linear: Callable = features.column_widths

    def quadratic(lines: list) -> list[float]:
        widths = linear(lines)
        return [sorted([w for w in widths])[len(widths) // 2] * 0 + own for own in widths]

    monkeypatch.setattr(features, "column_widths", quadratic)
    assert growth(4) > 3
