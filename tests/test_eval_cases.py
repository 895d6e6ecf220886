"""Evaluation as data: the cases in tests/eval/cases.yml, each a small page and what an editor
reads off it. A case marked ``expect: fail`` is a known failure, kept so a fix shows up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from civicnews.model import PageInfo
from civicnews.pipeline import extract_page

CASES = yaml.safe_load((Path(__file__).parent / "eval" / "cases.yml").read_text(encoding="utf-8"))["cases"]
_TEXT = re.compile(r"[\u3400-\u9fff0-9A-Za-z]")


def chars(text: str | None) -> str:
    """What score.py compares: CJK characters, digits and letters."""
    return "".join(_TEXT.findall(text or ""))


def _reading(case: dict) -> list[dict]:
    result = extract_page(case["page"], PageInfo(file="case.txt"))
    return [{"kicker": chars(a.headline.kicker) or None if a.headline else None,
             "title": chars(a.headline.title) if a.headline else None,
             "subtitle": chars(a.headline.subtitle) or None if a.headline else None,
             "reporters": a.credit.reporters} for a in result.articles]


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["label"], marks=pytest.mark.xfail(reason="known failure", strict=True))
    if c["expect"] == "fail" else pytest.param(c, id=c["label"])
    for c in CASES
])
def test_case(case: dict) -> None:
    want = [{"kicker": chars(a.get("kicker")) or None, "title": chars(a["title"]),
             "subtitle": chars(a.get("subtitle")) or None, "reporters": a.get("reporters", [])}
            for a in case["articles"]]
    assert _reading(case) == want
