"""corrections.py: editors' fixes by id, validated, applied on every build, loud when stale."""

from __future__ import annotations

import re
from pathlib import Path

import civicnews.pagecache as pagecache
import pytest
from civicnews.build import run_batch
from civicnews.corrections import (
    CorrectionsError,
    apply_corrections,
    load_corrections,
    parse_corrections,
)
from civicnews.ids import Ledger
from civicnews.markdown import render_article
from civicnews.model import Article, Headline, PageInfo, Section

from .conftest import ROOT, read_article

INFO = PageInfo(file="p.txt", date="2023-04-03")


def page() -> list[Article]:
    articles = [
        Article(INFO, 0, Headline("甲稿"), [Section(None, ["甲一段", "甲二段"]),
                                           Section("小标题", ["甲三段"])]),
        Article(INFO, 1, Headline("乙稿"), [Section(None, ["乙一段"])]),
        Article(INFO, 2, None, [Section(None, ["丙一段"])]),
    ]
    Ledger().assign(INFO, articles)
    return articles


def correct(yaml_text: str, articles: list[Article] | None = None):
    articles = page() if articles is None else articles
    ledger = Ledger()
    ledger.assign(INFO, articles)
    corrections = parse_corrections(yaml_text, Path("corrections.yml"))
    applied = apply_corrections(articles, corrections, ledger.adopt)
    return articles, applied


def test_example_file_is_valid_and_has_no_active_corrections() -> None:
    path = ROOT / "articles" / "corrections.yml"
    assert path.is_file()
    assert load_corrections(path) == {}
    assert "merge_into" in path.read_text(encoding="utf-8")  # the format is documented


def test_field_edits() -> None:
    articles, applied = correct(
        f"{page()[0].id}: {{title: 新标题, kicker: 引题, reporters: [郑旭华], roles: {{郑旭华: 记者}}, "
        "districts: [永康市], campaigns: [垃圾分类], date: 2023-04-05}")
    first = applied.articles[0]
    assert (first.headline.title, first.headline.kicker) == ("新标题", "引题")
    assert first.credit.reporters == ["郑旭华"] and first.credit.roles == {"郑旭华": "记者"}
    assert first.districts == ["永康市"] and first.campaigns == ["垃圾分类"]
    assert first.source.date == "2023-04-05" and first.source.date_estimated is False
    assert applied.warnings == []


def test_title_for_an_article_without_headline() -> None:
    ids = [a.id for a in page()]
    _, applied = correct(f"{ids[2]}: {{title: 丙稿}}")
    assert applied.articles[2].headline.title == "丙稿"


def test_hide_and_merge_into() -> None:
    ids = [a.id for a in page()]
    _, applied = correct(f"{ids[2]}: {{hide: true}}\n{ids[1]}: {{merge_into: {ids[0]}}}\n")
    assert [a.id for a in applied.articles] == [ids[0]]
    assert applied.articles[0].paragraphs == ["甲一段", "甲二段", "甲三段", "乙一段"]
    assert applied.hidden == [ids[2]] and applied.merged == {ids[1]: ids[0]}


@pytest.mark.parametrize("split_at", ["1", "'甲二'", "2"])
def test_split_at(split_at: str) -> None:
    ids = [a.id for a in page()]
    _, applied = correct(f"{ids[0]}: {{split_at: {split_at}}}")
    first, part = applied.articles[0], applied.articles[1]
    assert first.paragraphs + part.paragraphs == ["甲一段", "甲二段", "甲三段"]
    assert first.paragraphs and part.paragraphs
    assert part.id not in ids and re.fullmatch(r"[a-z0-9-]+", part.id)
    assert applied.split == {part.id: ids[0]}


def test_split_id_chosen_by_editor_and_corrected_too() -> None:
    ids = [a.id for a in page()]
    _, applied = correct(f"{ids[0]}: {{split_at: 2, split_id: 2023-04-03-extra}}\n"
                         "2023-04-03-extra: {title: 拆出的稿}\n")
    part = applied.articles[1]
    assert (part.id, part.headline.title, part.paragraphs) == ("2023-04-03-extra", "拆出的稿", ["甲三段"])
    assert part.sections[0].subhead == "小标题"


def test_stale_corrections_are_warnings_naming_the_id() -> None:
    ids = [a.id for a in page()]
    _, applied = correct(f"2020-01-01-deadbeef-9: {{title: 无}}\n{ids[0]}: {{split_at: 不存在的开头}}\n"
                         f"{ids[1]}: {{merge_into: 2020-01-01-deadbeef-8}}\n")
    text = "\n".join(applied.warnings)
    assert "2020-01-01-deadbeef-9" in text and "not applied" in text
    assert "split_at" in text and "2020-01-01-deadbeef-8" in text
    assert len(applied.articles) == 3  # nothing silently dropped


@pytest.mark.parametrize("text, words", [
    ("x-1: {titel: 新标题}", "x-1: unknown key 'titel'"),
    ("x-1: {title: ''}", "x-1: title: must be non-empty text"),
    ("x-1: {reporters: 郑旭华}", "reporters: must be a list"),
    ("x-1: {hide: yes please}", "hide: must be true or false"),
    ("x-1: {date: 2023-02-30}", "date: not a date"),
    ("x-1: {date: 2023-13-01}", "date: not a date"),
    ("x-1: {split_at: 0}", "split_at: must be 1 or more"),
    ("x-1: {split_id: x-2}", "split_id needs split_at"),
    ("x-1: {merge_into: x-1}", "merge_into names the article itself"),
    ("x-1: {merge_into: ../etc}", "bad id"),
    ("X Y: {hide: true}", "bad id"),
    ("x-1: hide", "expected a mapping"),
    ("- x-1", "expected a mapping of article id"),
    ("x-1: {hide: true}\nx-1: {hide: false}", "listed twice"),
    ("x-1: {title: [\n", "not valid YAML"),
])
def test_malformed_corrections_are_clear_errors(text: str, words: str) -> None:
    with pytest.raises(CorrectionsError) as info:
        parse_corrections(text, Path("corrections.yml"))
    assert words in str(info.value)
    assert str(info.value).startswith("corrections.yml:")


def test_merge_loop_is_an_error() -> None:
    ids = [a.id for a in page()]
    with pytest.raises(CorrectionsError, match="loop"):
        correct(f"{ids[0]}: {{merge_into: {ids[1]}}}\n{ids[1]}: {{merge_into: {ids[0]}}}\n")


def test_corrections_survive_a_rule_change(pages_dir: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ledger, out = tmp_path / "ids.yml", tmp_path / "out"
    first = run_batch([pages_dir], out, ledger=ledger)
    target, hidden = first.articles[0], first.articles[-1]
    fixes = tmp_path / "corrections.yml"
    fixes.write_text(f"{target.id}: {{title: 编辑改的标题}}\n{hidden.id}: {{hide: true}}\n",
                     encoding="utf-8")
    extract = pagecache.extract_page

    def new_title_rule(text, info, rules=None):
        result = extract(text, info, rules)
        for article in result.articles:
            article.headline = Headline(title="规则改的标题")
        return result

    monkeypatch.setattr(pagecache, "extract_page", new_title_rule)
    second = run_batch([pages_dir], out, ledger=ledger, corrections=fixes)
    by_id = {a.id: a for a in second.articles}
    assert by_id[target.id].headline.title == "编辑改的标题"
    assert hidden.id not in by_id and not (out / "articles" / f"{hidden.id}.md").exists()
    meta, _ = read_article(out / "articles" / f"{target.id}.md")
    assert meta["title"] == "编辑改的标题"
    assert second.removed == 1 and second.warnings == []


def test_corrections_leave_the_extracted_pages_alone(pages_dir: Path, tmp_path: Path) -> None:
    """Only the articles a correction names are copied before it is applied; the page results
    stay as extracted, and the published articles equal those of a build without corrections
    except where corrected."""
    plain = run_batch([pages_dir], tmp_path / "plain", ledger=tmp_path / "p.yml")
    ids = [a.id for a in plain.articles]
    split_at = plain.articles[2].paragraphs[1][:6]
    fixes = tmp_path / "corrections.yml"
    fixes.write_text(f"{ids[0]}: {{title: 编辑改的标题, reporters: [王伟]}}\n"
                     f"{ids[1]}: {{hide: true}}\n{ids[2]}: {{split_at: \"{split_at}\"}}\n"
                     f"{ids[3]}: {{merge_into: {ids[4]}}}\n", encoding="utf-8")
    fixed = run_batch([pages_dir], tmp_path / "fixed", ledger=tmp_path / "f.yml",
                      corrections=fixes)
    assert [r.articles for r in fixed.pages] == [r.articles for r in plain.pages]
    by_id = {a.id: a for a in fixed.articles}
    assert by_id[ids[0]].headline.title == "编辑改的标题" and ids[1] not in by_id
    assert ids[3] not in by_id and len(by_id[ids[4]].paragraphs) > len(plain.articles[4].paragraphs)
    untouched = [a for a in plain.articles if a.id not in ids[:5]]
    assert untouched and all(by_id[a.id] == a for a in untouched)
    for a in untouched:  # their Markdown, prepared in the worker, is what render_article makes
        assert (tmp_path / "fixed" / "articles" / f"{a.id}.md").read_text(encoding="utf-8") == \
            render_article(a)
