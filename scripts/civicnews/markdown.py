"""Render an Article as Markdown with YAML front matter (the format the portal and score.py read).

Everything from the page is text: Markdown, HTML and Jinja-like syntax in a paragraph is
escaped so that the site shows it literally.
"""

from __future__ import annotations

import re

import yaml

from .model import Article

# Markdown/HTML characters a paragraph must not be able to use: escaped with a backslash or an
# entity so that "<script>", "[x](javascript:…)", "# " and "{{ x }}" stay plain text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#+!|>~-])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


# libyaml's emitter is ~5x faster than the pure-Python one (10,000 articles: seconds per build)
# and wrote the same bytes for every article of the 10,000-article benchmark corpus.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Safe YAML that never writes aliases, so equal lists stay readable."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def escape_text(text: str) -> str:
    """Make page text inert in Markdown: no markup, no raw HTML, no template syntax.

    >>> escape_text("<b>x</b> [a](javascript:1) {{ y }}")
    '&lt;b&gt;x&lt;/b&gt; \\\\[a\\\\]\\\\(javascript:1\\\\) &#123;&#123; y &#125;&#125;'
    """
    text = "".join(_HTML_SPECIAL.get(c, c) for c in text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("{", "&#123;").replace("}", "&#125;")


def front_matter(article: Article) -> dict:
    """The article's metadata in the key order the portal and score.py expect."""
    head = article.headline
    info = article.source
    return {
        "id": article.id,
        "title": head.title if head else "",
        "kicker": head.kicker if head else None,
        "subtitle": head.subtitle if head else None,
        "series": head.series if head else None,
        "date": info.date,
        "date_estimated": info.date_estimated,
        "publication": info.publication,
        "reporters": list(article.credit.reporters),
        "roles": dict(article.credit.roles),
        "dateline": article.credit.dateline,
        "districts": list(article.districts),
        "campaigns": list(article.campaigns),
        "event_dates": list(article.event_dates),
        "subheads": list(article.subheads),
        "captions": list(article.captions),
        "continued_to": article.continued_to,
        "source": {"file": info.file, "page": info.page, "order": article.order},
        "cleaners": list(article.steps),
    }


def render_article(article: Article) -> str:
    """Front matter, then the paragraphs with each subhead as a ## heading in place."""
    meta = yaml.dump(front_matter(article), Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, width=10_000, default_flow_style=False)
    parts = [f"---\n{meta}---\n"]
    for section in article.sections:
        if section.subhead:
            parts.append(f"## {escape_text(section.subhead)}\n")
        for para in section.paragraphs:
            parts.append(escape_text(para) + "\n")
    return "\n".join(parts)
