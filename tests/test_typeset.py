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
from civicnews.fit.typeset_pdf import TOOLS, missing_tools
from civicnews.lines import fold_radicals

PAGES, SEED = 3, 5

# The text must hold at least this share of each gold title's characters and each body's
# character bigrams. Titles are counted by characters because a title wrapped over two lines and
# read across by pdftotext loses its one or two bigrams at the break, a tenth of a short title.
# On 60 seed-1 pages the lowest body recall (page_bigrams, REACH 16) was 0.912 (pdfminer), 0.976
# (pdftotext), 0.998 (PyMuPDF); with REACH 8 pdfminer fell to 0.885 on a one-column sidebar whose
# lines it interleaves with the main columns' lines, so rows read across need the reach.
MIN_RECALL = 0.9
REACH = 16

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


def page_bigrams(text: str) -> Counter:
    """A page's bigrams, pieces split at spaces and line ends joined to the next few pieces.

    A tool that reads columns across in rows puts other columns' lines between a line and its
    continuation, so the bigram across each line end is joined to any of the next REACH pieces.
    """
    pieces = [p for p in (scored(x) for x in text.split()) if p]
    grams: Counter = Counter()
    for i, piece in enumerate(pieces):
        grams.update(ngrams(piece, 2))
        grams.update(piece[-1] + nxt[0] for nxt in pieces[i + 1 : i + 1 + REACH])
    return grams


def recall(gold: Counter, page: Counter) -> float:
    """Share of the gold n-grams found on the page."""
    return sum((gold & page).values()) / max(1, sum(gold.values()))


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
        text = (run / tool / "pages" / gold["source"]).read_text(encoding="utf-8")
        chars, grams = Counter(scored(text)), page_bigrams(text)
        for article in gold["articles"]:
            assert recall(Counter(scored(article["title"])), chars) >= MIN_RECALL, article["title"]
            body = ngrams(scored("".join(article["paragraphs"])), 2)
            assert recall(body, grams) >= MIN_RECALL, article["title"]


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


def test_missing_chromium_is_named() -> None:
    assert any("chromium" in m for m in missing_tools([], chromium=Path("/nonexistent/chromium")))


def test_cli_rejects_an_unknown_tool(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--out", str(tmp_path), "--tools", "ocr"]) == 2
    assert "unknown tool" in capsys.readouterr().err


def test_cli_exits_2_without_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr("civicnews.fit.typeset.available", lambda: False)
    assert main(["--out", str(tmp_path)]) == 2
    assert "corpus not found" in capsys.readouterr().err


def test_cli_exits_2_without_a_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr("civicnews.fit.typeset.missing_tools", lambda tools: ["pdftotext (x)"])
    assert main(["--out", str(tmp_path), "--tools", "pdftotext"]) == 2
    assert "missing pdftotext" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
