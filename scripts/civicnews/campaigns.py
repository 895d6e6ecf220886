"""Campaign labels of a story (``find_campaigns``), by the keywords of campaigns.yml.

The district tagger reads the same keywords (mentions.without_campaign_words: 小城镇 in
小城镇环境综合整治 is no town), so they are matched here, below both the tagger and metadata.
"""

from __future__ import annotations

from functools import lru_cache

import ahocorasick_rs

from .model import Article, _headline_text
from .places import AUTOMATON
from .rules import Rules


def find_campaigns(article: Article, rules: Rules) -> list[str]:
    """Campaign labels whose keywords the story uses often enough, or in its headline.
    A keyword's uses are counted as ``str.count`` does (non-overlapping), all keywords found in
    one pass (counting each keyword on its own was a tenth of the metadata stage).

    >>> from civicnews.model import Article, PageInfo, Section
    >>> from civicnews.rules import load_rules
    >>> a = Article(PageInfo("x"), 0, None, [Section(None, ["垃圾分类进小区，垃圾分类进校园。"])])
    >>> find_campaigns(a, load_rules())
    ['垃圾分类']
    """
    keywords = _all_keywords(rules.campaigns)
    if not keywords:
        return []
    counts = _keyword_counts("".join(article.paragraphs), keywords)
    in_head = _keyword_counts(_headline_text(article.headline), keywords) if article.headline else {}
    out = []
    for campaign in rules.campaigns:
        hits = sum(counts.get(k, 0) for k in campaign.keywords) if counts else 0
        if hits >= rules.campaign_min_hits or (in_head and any(k in in_head for k in campaign.keywords)):
            out.append(campaign.label)
    return out


@lru_cache(maxsize=4)
def _all_keywords(campaigns: tuple) -> tuple[str, ...]:
    """Every campaign keyword once, in the order the campaigns list them."""
    return tuple(dict.fromkeys(k for c in campaigns for k in c.keywords))


def _keyword_counts(text: str, keywords: tuple[str, ...]) -> dict[str, int]:
    """How often each keyword occurs in a text, each counted like ``text.count(keyword)``."""
    counts: dict[str, int] = {}
    last_end: dict[int, int] = {}
    for k, start, end in _keyword_matcher(keywords).find_matches_as_indexes(text, overlapping=True):
        if start >= last_end.get(k, 0):  # str.count skips a keyword's overlapping repeats
            last_end[k] = end
            counts[keywords[k]] = counts.get(keywords[k], 0) + 1
    return counts


@lru_cache(maxsize=4)
def _keyword_matcher(keywords: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(list(keywords), matchkind=ahocorasick_rs.MatchKind.Standard,
                                      implementation=AUTOMATON)
