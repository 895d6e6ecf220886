"""The annotated article corpus in ``../shared/corpus/`` and its one fixed split.

The corpus is copyrighted: it is read from beside the checkout, never copied into the project.
The split is a pure function of each article's URL, so it never changes when articles are added:
an article is in the validation part when the first byte of the SHA-1 of its URL is below
``VALIDATION_SHARE`` × 256. Nothing is ever fitted on the validation part.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

# A quarter of the articles are held out: about 50 of 203, enough for a title score with a
# standard error near 0.04, while the fitting part keeps about 150.
VALIDATION_SHARE = 0.25

# ../shared beside the project checkout (scripts/civicnews/fit/ is three levels below it).
SHARED = Path(os.environ.get("CIVICNEWS_SHARED", Path(__file__).resolve().parents[4] / "shared"))
CORPUS_JSON = SHARED / "corpus" / "articles.json"


@dataclass(frozen=True)
class CorpusArticle:
    """One annotated article: headline parts, credits, districts and clean paragraphs."""

    url: str
    title: str
    paragraphs: tuple[str, ...]
    kicker: str | None = None
    subtitle: str | None = None
    reporters: tuple[str, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    districts: tuple[str, ...] = ()
    site: str | None = None


def split_of(url: str) -> str:
    """Which part of the corpus an article belongs to: "fit" or "val", fixed by its URL.

    >>> split_of("https://example.org/news/1"), split_of("https://example.org/news/2")
    ('fit', 'val')
    """
    first_byte = hashlib.sha1(url.encode("utf-8")).digest()[0]
    return "val" if first_byte < VALIDATION_SHARE * 256 else "fit"


# The two halves of the fitting part, for a held-out check that never touches the validation
# part: fit a model on one half's pages, score it on pages of the other (python -m
# civicnews.fit.train --split fitA, then evaluate --split fitB --model …). The rule is fixed
# by the URL's SHA-1 like the split itself (its second byte's parity).
HALVES = ("fitA", "fitB")
SPLITS = ("fit", "val", *HALVES)


def half_of(url: str) -> str:
    """Which half of the fitting part an article is in: "fitA" or "fitB", fixed by its URL.

    >>> half_of("https://example.org/news/1"), half_of("https://example.org/news/4")
    ('fitB', 'fitA')
    """
    return HALVES[hashlib.sha1(url.encode("utf-8")).digest()[1] % 2]


def available(path: Path = CORPUS_JSON) -> bool:
    """True when the corpus is beside the checkout (it is not part of the repository)."""
    return path.is_file()


def load_corpus(split: str | None = None, path: Path = CORPUS_JSON) -> list[CorpusArticle]:
    """The corpus articles in file order, all of them or one part ("fit" or "val"), or one half of
    the fitting part ("fitA" or "fitB")."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for a in raw:
        article = CorpusArticle(
            url=a["url"],
            title=a["title"],
            paragraphs=tuple(a.get("paragraphs") or ()),
            kicker=a.get("kicker"),
            subtitle=a.get("subtitle"),
            reporters=tuple(a.get("reporters") or ()),
            roles=dict(a.get("roles") or {}),
            districts=tuple(a.get("districts") or ()),
            site=a.get("source_site"),
        )
        part = split_of(article.url)
        if split is None or part == split or (part == "fit" and half_of(article.url) == split):
            out.append(article)
    return out
