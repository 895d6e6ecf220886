"""Render an Article as Markdown with YAML front matter (the format the portal and score.py read).

Everything from the page is text: Markdown, HTML and Jinja-like syntax in a paragraph is
escaped so that the site shows it literally.
"""

from __future__ import annotations

import dataclasses
import re

import yaml

from .model import Article

# Markdown/HTML characters a paragraph must not be able to use: escaped with a backslash or an
# entity so that "<script>", "[x](javascript:…)", "# " and "{{ x }}" stay plain text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#+!|>~-])")


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
    # & first, so that the entities written for < and > are not escaped again (the same as
    # mapping each character; a generator over every character cost 0.3 ms an article)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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


_RESOLVER = yaml.resolver.Resolver()


def id_line(article_id: str) -> str:
    """The front matter's first line, as render_article writes it.

    Our ids are lowercase letters, digits and '-', which YAML writes bare unless they would
    read back as something else (a date, a number): those go through the YAML writer.

    >>> id_line("2023-04-03-a21de8cd-2"), id_line("2023-04-03"), id_line("0x10")
    ('id: 2023-04-03-a21de8cd-2\\n', "id: '2023-04-03'\\n", "id: '0x10'\\n")
    """
    if (_PLAIN_ID.fullmatch(article_id)
            and _RESOLVER.resolve(yaml.ScalarNode, article_id, (True, False)) == _STR_TAG):
        return f"id: {article_id}\n"
    return yaml.dump({"id": article_id}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=10_000, default_flow_style=False)


_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_STR_TAG = "tag:yaml.org,2002:str"
_NO_ID_HEAD = "---\nid: ''\n"


def render_after_id(article: Article) -> str:
    """render_article's text after the id line: made where the page is extracted, before the
    ledger gives ids; ``with_id`` completes it.

    >>> from civicnews.model import PageInfo, Section
    >>> art = Article(PageInfo("p.txt"), 0, None, [Section(None, ["正文"])], id="2023-04-03-x-1")
    >>> with_id(art.id, render_after_id(art)) == render_article(art)
    True
    """
    text = render_article(dataclasses.replace(article, id=""))
    assert text.startswith(_NO_ID_HEAD), "front matter no longer starts with the id"
    return text[len(_NO_ID_HEAD):]


def with_id(article_id: str, after_id: str) -> str:
    """An article's Markdown from its id and ``render_after_id``."""
    return "---\n" + id_line(article_id) + after_id


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
