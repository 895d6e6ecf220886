"""The PDF typesetter: real chromium PDFs of validation articles, read back by three real tools.

Skipped when chromium, a text tool or the corpus (../shared, never copied here) is missing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml
from civicnews.fit.corpus import available, load_corpus, split_of
from civicnews.fit.typeset import gold_yaml, main, typeset_pages, typeset_run
from civicnews.fit.typeset_pdf import TOOLS, fold_radicals, missing_tools

PAGES, SEED = 3, 5

# The text must hold at least this share of each gold title's characters and each body's
# character bigrams. Titles are counted by characters because a title wrapped over two lines and
# read across by pdftotext loses its one or two bigrams at the break, a tenth of a short title;
# bodies lose one bigram per line break and more where pdftotext reads columns across in rows.
MIN_RECALL = 0.9

# score.py's reading of text: CJK characters, letters and digits after NFKC.
SCORED = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z]")

missing = missing_tools(list(TOOLS))
pytestmark = [
    pytest.mark.skipif(not available(), reason="corpus not found in ../shared/corpus"),
    pytest.mark.skipif(bool(missing), reason="missing: " + "; ".join(missing)),
]


def scored(text: str) -> str:
    """The characters score.py compares, radicals folded back to ideographs."""
    return "".join(SCORED.findall(unicodedata.normalize("NFKC", fold_radicals(text))))


def ngrams(text: str, n: int) -> Counter:
    """Character n-grams of a text."""
    return Counter(text[i : i + n] for i in range(len(text) - n + 1))


def recall(gold: str, page: str, n: int) -> float:
    """Share of the gold text's character n-grams found on the page."""
    g = ngrams(gold, n)
    return sum((g & ngrams(page, n)).values()) / max(1, sum(g.values()))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three pages from the validation split, printed and read by all three tools."""
    out = tmp_path_factory.mktemp("typeset")
    typeset_run(load_corpus("val"), PAGES, SEED, out, list(TOOLS), progress=False)
    return out


def gold_pages(out: Path) -> list[dict]:
    """The gold readings of a run."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((out / "gold").glob("*.yml"))]


def test_gold_loads_and_is_validation_only(run: Path) -> None:
    golds = gold_pages(run)
    assert len(golds) == PAGES
    for gold in golds:
        assert 1 <= len(gold["articles"]) <= 4 and gold["furniture"]
        assert all(split_of(a["notes"].rsplit("source ", 1)[1]) == "val" for a in gold["articles"])
        assert all(a["title"] and a["paragraphs"] for a in gold["articles"])


@pytest.mark.parametrize("tool", list(TOOLS))
def test_each_tool_keeps_titles_and_bodies(run: Path, tool: str) -> None:
    names = {p.name for p in (run / tool / "pages").glob("*.txt")}
    meta = yaml.safe_load((run / tool / "pages" / "pages.yml").read_text(encoding="utf-8"))
    for gold in gold_pages(run):
        assert gold["source"] in names and gold["source"] in meta
        text = scored((run / tool / "pages" / gold["source"]).read_text(encoding="utf-8"))
        for article in gold["articles"]:
            assert recall(scored(article["title"]), text, 1) >= MIN_RECALL, article["title"]
            assert recall(scored("".join(article["paragraphs"])), text, 2) >= MIN_RECALL, article["title"]


def test_furniture_is_printed(run: Path) -> None:
    for gold in gold_pages(run):
        text = scored((run / "pymupdf" / "pages" / gold["source"]).read_text(encoding="utf-8"))
        assert all(scored(line) in text for line in gold["furniture"])


def test_same_seed_same_pages() -> None:
    articles = load_corpus("val")
    first, second = typeset_pages(articles, PAGES, SEED), typeset_pages(articles, PAGES, SEED)
    assert [p.html for p in first] == [p.html for p in second]
    assert [gold_yaml(p.gold) for p in first] == [gold_yaml(p.gold) for p in second]
    assert [p.html for p in typeset_pages(articles, PAGES, SEED + 1)] != [p.html for p in first]


def test_cli_rejects_an_unknown_tool(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--out", str(tmp_path), "--tools", "ocr"]) == 2
    assert "unknown tool" in capsys.readouterr().err
