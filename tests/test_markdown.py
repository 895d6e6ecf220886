"""Unit tests of the Markdown writer: valid front matter, inert page text."""

from pathlib import Path

import yaml
from civicnews.markdown import render_article
from civicnews.model import Article, Credit, Headline, PageInfo, Section
from hypothesis import example, given
from hypothesis import strategies as st


def make(title: str, para: str) -> Article:
    a = Article(PageInfo("p 页.txt", publication="永康日报", date="2023-04-03"), 0, Headline(title=title),
                [Section(None, [para]), Section("小标题", ["第二段。"])], credit=Credit(reporters=["郑旭华"], roles={"郑旭华": "记者"}))
    a.id = "yk-1"
    return a


def split(md: str) -> tuple[dict, str]:
    _, meta, body = md.split("---\n", 2)
    return yaml.safe_load(meta), body


def test_front_matter_keys_and_values() -> None:
    meta, body = split(render_article(make("标题", "正文。")))
    assert meta["title"] == "标题" and meta["reporters"] == ["郑旭华"]
    assert meta["source"] == {"file": "p 页.txt", "page": None, "order": 0}
    assert "## 小标题" in body


def test_yaml_breaking_titles_survive() -> None:
    for title in ["a: b", "---", "# x", "\"quoted'", "* star", "& amp", "{{ x }}"]:
        meta, _ = split(render_article(make(title, "正文。")))
        assert meta["title"] == title


def test_hostile_body_is_inert() -> None:
    _, body = split(render_article(make("t", "<script>alert(1)</script>[x](javascript:alert(1)){{ x }}{% y %}")))
    assert "<script>" not in body and "](javascript" not in body and "{{" not in body and "{%" not in body


def test_same_article_same_bytes() -> None:
    assert render_article(make("标题", "正文。")) == render_article(make("标题", "正文。"))


def test_markdown_made_before_the_id_is_known_is_the_same_bytes(pages_dir: Path) -> None:
    """Workers render each article without its id; adding the id gives render_article's text,
    also for ids that YAML would read as a date, a number, a boolean or null."""
    from civicnews.markdown import render_after_id, with_id
    from civicnews.pipeline import extract_page

    ids = ["2023-04-03-a21de8cd-2", "2023-04-03", "0x10", "123", "yes", "null", "on", "1-2",
           "nodate-14ad5d1e-1", "draft-x-1", "2023-04-03-extra"]
    checked = 0
    for path in sorted(pages_dir.glob("*.txt")):
        info = PageInfo(file=path.name, publication="永康日报", date="2023-04-03", page=2)
        for article in extract_page(path.read_text(encoding="utf-8"), info).articles:
            after = render_after_id(article)
            for article_id in ids:
                article.id = article_id
                assert with_id(article_id, after) == render_article(article)
                checked += 1
    assert checked > len(ids)


@given(st.text(alphabet="&<>;a永{}#[]\\\\", max_size=30))
def test_escape_text_maps_each_html_special_character_once(text: str) -> None:
    from civicnews.markdown import _MD_SPECIAL, escape_text
    mapped = "".join({"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(c, c) for c in text)
    expected = _MD_SPECIAL.sub(r"\\\1", mapped).replace("{", "&#123;").replace("}", "&#125;")
    assert escape_text(text) == expected


# Characters that change how YAML writes a string: indicators, quotes, spaces and breaks of
# every kind, characters libyaml will not print raw, and Chinese text and marks.
_YAML_HARD = st.sampled_from(list("ab1 :#-?'\"\t\n\r.,[]{}&*!|>%@`~") + [
    "\x85", "\u2028", "\u2029", "\ufeff", "\u00a0", "\u3000", "\u00ad", "\ufffe", "\x00", "\x7f",
    "\U0001f600", "中", "文", "，", "：", "…"])
_YAML_WORDS = st.sampled_from(["", "yes", "no", "on", "null", "~", "0x1", "1.5", "2023-04-03",
                               "<<", "=", "---", "...", "true"])
_YAML_STRINGS = st.builds(lambda a, b, c: a + b + c, _YAML_WORDS, st.text(_YAML_HARD, max_size=12),
                          _YAML_WORDS) | st.text(min_size=0, max_size=50)


@given(_YAML_STRINGS, st.lists(_YAML_STRINGS, max_size=3),
       st.dictionaries(_YAML_STRINGS, _YAML_STRINGS, max_size=3),
       st.one_of(st.none(), st.booleans(), st.integers(), _YAML_STRINGS))
@example("", [], {"": "\u2028"}, None)  # a line break YAML knows and Python's "\n" test did not
def test_front_matter_is_what_the_yaml_writer_writes(text: str, items: list[str],
                                                     mapping: dict[str, str], other: object) -> None:
    """The front matter written out by hand is byte for byte what yaml.dump writes, for any
    string a page could hold (or it is handed to yaml.dump)."""
    from civicnews.markdown import _Dumper, _front_matter_yaml

    meta = {"title": text, "kicker": other, "reporters": items, "roles": mapping,
            "source": {"file": text, "page": other, "order": 0}, "captions": [], "empty": {}}
    assert _front_matter_yaml(meta) == yaml.dump(meta, Dumper=_Dumper, allow_unicode=True,
                                                 sort_keys=False, width=10_000,
                                                 default_flow_style=False)
