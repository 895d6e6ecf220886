"""Score the district tagger alone on a corpus split, with ../shared/tools/score.py.

Each corpus article becomes one page holding one ``Article`` built from its gold title and
paragraphs (so the score does not depend on the extractor), published by the article's site.
The metadata stage tags it; its Markdown and the gold YAML go to a temporary folder and
score.py compares them. Nothing here is tuned: it only measures.

    python tests/districts_eval.py fit     # prints score.py's summary line
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from civicnews import metadata
from civicnews.fit.corpus import SHARED, CorpusArticle, load_corpus
from civicnews.model import Article, Headline, PageInfo, Section
from civicnews.rules import Rules, load_rules

SCORE = SHARED / "tools" / "score.py"


def page_name(k: int, art: CorpusArticle) -> str:
    """A stable page file name for one corpus article."""
    return f"{k:03d}_{hashlib.sha1(art.url.encode('utf-8')).hexdigest()[:16]}.txt"


def tag(art: CorpusArticle, name: str, rules: Rules) -> Article:
    """The article as the metadata stage sees it, with its districts filled in."""
    info = PageInfo(name, publication=art.site)
    article = Article(info, 0, Headline(title=art.title, kicker=art.kicker, subtitle=art.subtitle),
                      [Section(None, list(art.paragraphs))])
    home = metadata.page_home([article], info, rules)
    return metadata.fill_metadata(article, info, rules, home)


def write_split(split: str, out: Path, gold: Path, rules: Rules | None = None) -> list[tuple[CorpusArticle, Article]]:
    """Markdown for each tagged article in ``out`` and its gold page YAML in ``gold``."""
    rules = rules or load_rules()
    out.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    pairs = []
    for k, art in enumerate(load_corpus(split)):
        name = page_name(k, art)
        tagged = tag(art, name, rules)
        front = {"source": {"file": name}, "title": art.title, "districts": tagged.districts}
        body = "\n\n".join(art.paragraphs)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
        (out / name.replace(".txt", ".md")).write_text(text, encoding="utf-8")
        page = {"source": name, "furniture": [], "articles": [{
            "kicker": art.kicker, "title": art.title, "subtitle": art.subtitle,
            "districts": list(art.districts), "paragraphs": list(art.paragraphs)}]}
        (gold / name.replace(".txt", ".yml")).write_text(yaml.safe_dump(page, allow_unicode=True), encoding="utf-8")
        pairs.append((art, tagged))
    return pairs


def score(gold: Path, out: Path) -> dict[str, float]:
    """score.py's summary line as numbers."""
    run = subprocess.run([sys.executable, str(SCORE), str(gold), str(out)], capture_output=True,
                         text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


def evaluate(split: str) -> tuple[dict[str, float], list[tuple[CorpusArticle, Article]]]:
    """Tag a split and score it: the summary and each (gold, tagged) pair."""
    with tempfile.TemporaryDirectory() as tmp:
        pairs = write_split(split, Path(tmp) / "out", Path(tmp) / "gold")
        return score(Path(tmp) / "gold", Path(tmp) / "out"), pairs


if __name__ == "__main__":
    summary, pairs = evaluate(sys.argv[1] if len(sys.argv) > 1 else "fit")
    if "-v" in sys.argv:
        for art, tagged in pairs:
            if set(art.districts) != set(tagged.districts):
                print(f"{art.site} | {art.title} | gold {list(art.districts)} | got {tagged.districts}")
    print(" ".join(f"{k}={v:.3f}" for k, v in summary.items()))
