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
# Those escaped with a backslash, but the backslash itself (escaped first) and ">" (an entity by
# then): escape_text writes what _MD_SPECIAL.sub(r"\\\1", …) would with one str.replace each,
# at half the cost (the template called back into Python for every character escaped).
_MD_MARKS = "`*_[]()#+!|~-"


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
    if "\\" in text:  # first: the backslashes written below are not escaped again
        text = text.replace("\\", "\\\\")
    for mark in _MD_MARKS:
        if mark in text:
            text = text.replace(mark, "\\" + mark)
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


# A string libyaml writes plain (bare) whatever else is around it: one character at least
# outside ASCII (so no implicit resolver, which match ASCII only, reads it as a number, a date,
# a boolean or null), otherwise only letters, digits and single inner spaces, and every other
# character printable for libyaml and no line break (U+2028, U+2029): no indicator, no quote,
# no escape. Names, titles and places are such strings.
_BARE = re.compile("(?=.*[^\0-\x7f])(?! )(?!.* $)"
                   "(?:[0-9A-Za-z\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]| (?! ))+")
# What the YAML writer made of other strings (dates, file names, cleaner names: few, repeated
# on every page), by (string, is a mapping key); cleared when full.
_WRITTEN: dict[tuple[str, bool], str | None] = {}
_WRITTEN_MAX = 4096
# Longest string written without asking the writer: libyaml folds a plain line past its
# width, and a key of more than 128 bytes is no simple key.
_BARE_MAX = 40
# What YAML reads as a line break (its writer continues the scalar on an indented line).
_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _scalar(value: object, key: bool = False) -> str | None:
    """One scalar as yaml.dump(…, Dumper=_Dumper, allow_unicode=True, width=10_000) writes it in
    a block mapping (a key when ``key``, else a value or a sequence item), or None when it does
    not fit on the line (then the whole front matter goes through the writer)."""
    if type(value) is str:  # a subclass may be something yaml.dump refuses
        if len(value) <= _BARE_MAX and _BARE.fullmatch(value):
            return value
        found = _WRITTEN.get((value, key), "")
        if found == "":
            if len(_WRITTEN) >= _WRITTEN_MAX:
                _WRITTEN.clear()
            data = {value: 0} if key else {"k": value}
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                             width=10_000, default_flow_style=False)
            body = text[:-len(": 0\n")] if key else text[len("k: "):-1]
            ends = text.endswith(": 0\n") if key else text.startswith("k: ")
            # a line break of any kind (U+2028 too) continues at the nesting's indent: not
            # one line, so the writer writes the whole front matter
            found = _WRITTEN[(value, key)] = body if ends and not _BREAKS.search(body) else None
        return found
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return int.__repr__(value)
    return None


def _front_matter_yaml(meta: dict) -> str:
    """``yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
    default_flow_style=False)`` for front_matter's shapes (keys that are plain words; values
    that are scalars, lists of scalars or mappings of scalars), written out: the YAML writer's
    Python half (representer, resolver) took 1.5 ms a page. Anything else goes to the writer.

    >>> meta = {"id": "", "title": "标题 a", "date": "2023-04-03", "ok": False, "n": None,
    ...         "names": ["郑旭华", "yes", "#x"], "roles": {"郑旭华": "记者", "on": ": "},
    ...         "empty": [], "none": {}, "file": "a b.txt", "page": 3}
    >>> _front_matter_yaml(meta) == yaml.dump(meta, Dumper=_Dumper, allow_unicode=True,
    ...     sort_keys=False, width=10_000, default_flow_style=False)
    True
    """
    out = []
    for name, value in meta.items():
        head = _scalar(name, key=True)
        if head is None:
            break
        if type(value) is list:
            items = [_scalar(item) for item in value]
            if None in items:
                break
            out.append(f"{head}:\n- " + "\n- ".join(items) + "\n" if items else f"{head}: []\n")
        elif type(value) is dict:
            pairs = [(_scalar(k, key=True), _scalar(v)) for k, v in value.items()]
            if any(k is None or v is None for k, v in pairs):
                break
            out.append(f"{head}:\n" + "".join(f"  {k}: {v}\n" for k, v in pairs)
                       if pairs else f"{head}: {{}}\n")
        else:
            text = _scalar(value)
            if text is None:
                break
            out.append(f"{head}: {text}\n")
    else:
        return "".join(out) if out else "{}\n"
    return yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)


def render_article(article: Article) -> str:
    """Front matter, then the paragraphs with each subhead as a ## heading in place."""
    meta = _front_matter_yaml(front_matter(article))
    parts = [f"---\n{meta}---\n"]
    for section in article.sections:
        if section.subhead:
            parts.append(f"## {escape_text(section.subhead)}\n")
        for para in section.paragraphs:
            parts.append(escape_text(para) + "\n")
    return "\n".join(parts)
