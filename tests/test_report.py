"""report.py: the editors' report flags doubtful pages and keeps page text inert."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import yaml
from civicnews.build import run_batch
from civicnews.model import Article, Headline, PageInfo, PageResult, Section
from civicnews.report import (
    LINE_COVERED,
    MIN_BODY_CHARS,
    account_chars,
    build_report,
    cjk_only,
    dumps_report_bytes,
    lost_lines,
    nfkc,
    page_report,
    render_markdown,
    render_text,
)
from hypothesis import given, settings
from hypothesis import strategies as st

INFO = PageInfo(file="p.txt")
BODY = "现代农业装备高新区各班子成员分批带队开展企业大走访行动" * 4


def result(articles: list[Article], furniture=(), leftovers=()) -> PageResult:
    return PageResult(info=INFO, articles=articles, furniture=list(furniture),
                      leftovers=list(leftovers))


def art(title: str | None, body: str, id_: str = "x-1") -> Article:
    a = Article(INFO, 0, Headline(title) if title else None, [Section(None, [body])])
    a.id = id_
    return a


def test_clean_page_has_no_doubts() -> None:
    text = "G 版面标题\n大走访行动\n" + BODY + "\n"
    a = art("大走访行动", BODY)
    page = page_report(result([a], furniture=["G 版面标题"]), text, [a], {})
    assert page["unsure"] == [] and page["lost"] == []


def test_lost_text_is_flagged_with_its_lines() -> None:
    text = f"大走访行动\n{BODY}\n垃圾分类工作全面铺开各村社区积极响应\n"
    a = art("大走访行动", BODY)
    page = page_report(result([a]), text, [a], {})
    assert page["lost"] == ["垃圾分类工作全面铺开各村社区积极响应"]
    assert any(d.startswith("something lost") for d in page["unsure"])


def test_one_lost_line_of_a_long_page_is_flagged_and_shown() -> None:
    # 2 of 110 CJK characters: below the old 2 % threshold, which let it pass unflagged
    text = f"大走访行动\n{BODY}\n▲垃圾\n"
    a = art("大走访行动", BODY)
    page = page_report(result([a]), text, [a], {})
    assert page["lost_chars"] == "▲垃圾" and page["lost"] == ["▲垃圾"]
    assert ("something lost: 3 characters (2 CJK) are in no article, furniture or leftover: ▲垃圾 (1 line)"
            in page["unsure"])
    report = build_report([page], [], [])
    assert report["summary"]["unsure_pages"] == 1
    assert "  lost characters (3): ▲垃圾" in render_text(report).splitlines()
    assert "### 丢失的字符（3）\n\n▲垃圾\n" in render_markdown(report)


def test_lost_characters_survive_the_prepared_page_facts() -> None:
    """A page's lost characters are part of its cached fixed report: the report made from
    page_facts has them in its JSON, its doubts and its Markdown, as the one made from scratch."""
    from civicnews.report import dumps_report, page_facts

    text = f"大走访行动\n{BODY}\n▲垃圾\n"
    a = art("大走访行动", BODY)
    facts = page_facts(result([a]), text)
    assert facts.lost_chars == "▲垃圾"
    page = page_report(result([a]), text, [a], {}, facts)
    assert page == page_report(result([a]), text, [a], {})
    report = build_report([page], [], [])
    assert dumps_report(report, {"p.txt": facts}) == dumps_report(report)
    assert json.loads(dumps_report(report, {"p.txt": facts}))["pages"][0]["lost_chars"] == "▲垃圾"
    assert render_markdown(report, {"p.txt": facts}) == render_markdown(report)
    assert "### 丢失的字符（3）\n\n▲垃圾\n" in render_markdown(report, {"p.txt": facts})


def test_lost_character_sample_is_cut_short() -> None:
    lost = "垃圾分类工作全面铺开各村社区积极响应" * 3
    a = art("大走访行动", BODY)
    page = page_report(result([a]), f"大走访行动\n{BODY}\n{lost}\n", [a], {})
    (reason,) = [u for u in page["unsure"] if u.startswith("something lost")]
    assert reason.endswith(f": {lost[:20]}… (1 line)") and f"{len(lost)} characters" in reason


def test_lost_lines_ignore_letter_spacing_and_doubling() -> None:
    page = "经 济 开 发 区 积 极 推 动\n多领域全面发动多领域全面发动\n"
    assert lost_lines(page, ["经济开发区积极推动", "多领域全面发动"]) == []


def test_leftover_share_untitled_and_short_articles_are_flagged() -> None:
    leftover = "一段没有归属的文字" * 5
    short = art(None, "短稿", "x-2")
    long = art("标题", BODY)
    text = "\n".join([leftover, "短稿", "标题", BODY])
    page = page_report(result([long, short], leftovers=[leftover]), text, [long, short], {})
    doubts = "\n".join(page["unsure"])
    assert "leftovers hold" in doubts
    assert "x-2: no title" in doubts and "x-2: short body" in doubts
    assert "x-1:" not in doubts
    assert len(short.text) < MIN_BODY_CHARS


def test_extractor_doubts_come_first_and_hidden_articles_are_not_flagged() -> None:
    short = art(None, "短稿", "x-2")
    res = result([short])
    res.unsure = ["two headlines in a row"]
    page = page_report(res, "短稿\n", [short], {"x-2": "hidden"})
    assert page["unsure"][0] == "two headlines in a row"
    assert page["articles"][0]["status"] == "hidden"
    assert not any(d.startswith("x-2") for d in page["unsure"])


def test_editor_page_front_matter_and_escaping() -> None:
    hostile = "<script>alert(1)</script> {{ x }} [x](javascript:alert(1))"
    a = art(hostile, BODY)
    page = page_report(result([a], leftovers=[hostile]), f"{hostile}\n{BODY}\n", [a], {})
    report = build_report([page], [("bad <b>.txt", "binary file")], [f"warn {hostile}"])
    md = render_markdown(report)
    meta = yaml.safe_load(md.split("---\n")[1])
    assert meta == {"title": "编辑报告", "editor": True, "search": {"exclude": True}}
    assert "source" not in meta
    body = md.split("---\n", 2)[2]
    assert "<script>" not in body and "<b>" not in body and "{{" not in body
    assert "&lt;script&gt;" in body and "&#123;&#123;" in body
    assert "javascript:alert" not in body.replace("\\(javascript:alert", "")


def test_report_json_and_text_from_a_build(pages_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch = run_batch([pages_dir], out)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data == batch.report
    assert data["summary"]["pages"] == len(list(pages_dir.glob("*.txt")))
    assert data["summary"]["articles"] == len(batch.articles)
    ids = [a["id"] for p in data["pages"] for a in p["articles"]]
    assert sorted(ids) == sorted(a.id for a in batch.articles)
    for page, res in zip(data["pages"], batch.pages, strict=True):
        assert page["leftovers"] == res.leftovers and page["furniture"] == res.furniture
    text = render_text(data)
    assert text.splitlines()[0].startswith(f"{data['summary']['pages']} pages, ")
    for page in data["pages"]:
        assert page["file"] in text
    assert (out / "editor" / "report.md").read_text(encoding="utf-8").startswith("---\n")


def test_report_from_prepared_page_facts_is_the_same_bytes(pages_dir: Path) -> None:
    """Workers prepare each page's fixed report part (JSON and Markdown included): the report
    built from it is byte for byte the report built from scratch."""
    import json as std_json

    from civicnews.pipeline import extract_page
    from civicnews.report import dumps_report, page_facts

    pages = []
    for number, path in enumerate(sorted(pages_dir.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        extracted = extract_page(text, PageInfo(file=path.name, date="2023-04-03", page=number))
        for serial, article in enumerate(extracted.articles, start=1):
            article.id = f"2023-04-03-{number}-{serial}"
        pages.append((extracted, text))
    status = {pages[0][0].articles[0].id: "hidden"}
    plain = [page_report(r, t, r.articles, status) for r, t in pages]
    facts = {r.info.file: page_facts(r, t) for r, t in pages}
    prepared = [page_report(r, t, r.articles, status, facts[r.info.file]) for r, t in pages]
    assert prepared == plain
    report = build_report(prepared, [("bad.txt", "empty page")], ["a warning"])
    reference = std_json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert dumps_report(report) == reference
    assert dumps_report(report, facts) == reference
    assert dumps_report_bytes(report, facts) == reference.encode("utf-8")
    assert dumps_report_bytes(report) == reference.encode("utf-8")
    assert render_markdown(report, facts) == render_markdown(report)
    assert any(p["roles"] and p["lost"] is not None for p in report["pages"])


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@given(_JSON_VALUES, st.integers(min_value=0, max_value=3))
def test_report_json_writer_matches_the_standard_encoder(value: object, depth: int) -> None:
    from civicnews.report import _json
    expected = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    assert _json(value, depth) == expected.replace("\n", "\n" + "  " * depth)


_ROW = st.fixed_dictionaries({
    "line": st.integers(min_value=1, max_value=10_000), "role": st.sampled_from(["body", "title"]),
    "confidence": st.floats(min_value=0, max_value=1), "evidence": st.lists(st.text(max_size=12), max_size=3),
    "text": st.text(max_size=20)})


@given(st.lists(_ROW | _JSON_VALUES.filter(lambda v: isinstance(v, dict)), max_size=5),
       st.integers(min_value=0, max_value=3))
def test_role_rows_writer_matches_the_standard_encoder(rows: list[dict], depth: int) -> None:
    from civicnews.report import _roles_json
    expected = json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True)
    assert _roles_json(rows, depth) == expected.replace("\n", "\n" + "  " * depth)


# Text with what the character account folds (radicals, ellipses, width, combining marks,
# Hangul jamo that NFKC composes) and every kind of space and line end.
_ACCOUNT_CHARS = "创卫攻坚⻔⼯⼈.⋯…，,。 \u3000\t\r\n\u0301\u1100\u1161ＡａﾊﾞÅ\x0b\x1c\u2028\u0085\u200b"


def _account_line_by_line(text: str) -> Counter:
    """account_chars as its docstring states it: line by line, after the cleaners' in-place
    rewrites and NFKC, every non-space character."""
    from civicnews.lines import fix_ellipsis, fold_radicals
    out: Counter = Counter()
    for line in text.split("\n"):
        folded = unicodedata.normalize("NFKC", fix_ellipsis(fold_radicals(line)))
        out.update(ch for ch in folded if not ch.isspace())
    return out


# The marks nfkc replaces itself, next to what they could compose with or decompose into.
_NFKC_CHARS = "，：；（）！？％…\u3000,.:()开发３Ａ＝=＜<\u0338\u0301eﾊﾞ\u1100\u1161\uac00\u11a8\n"


@settings(max_examples=500)
@given(st.text(_NFKC_CHARS, max_size=20))
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=500)
@given(st.text(_ACCOUNT_CHARS, max_size=30), st.lists(st.text(_ACCOUNT_CHARS, max_size=12), max_size=4))
def test_character_account_is_line_by_line(text: str, kept: list[str]) -> None:
    assert account_chars(text) == _account_line_by_line(text)
    # lost lines: a line is lost when under half its CJK bigrams are in any one kept text
    grams = [{c[i:i + 2] for i in range(len(c) - 1)} for c in (cjk_only(t) for t in kept)]
    covered = set().union(*grams)
    expected = []
    for raw in text.splitlines():
        c = cjk_only(raw)
        mine = {c[i:i + 2] for i in range(len(c) - 1)}
        if mine and len(mine & covered) / len(mine) < LINE_COVERED:
            expected.append(raw.strip())
    assert lost_lines(text, kept) == expected
    # the kept texts are apart: no bigram runs from one into the next
    assert lost_lines("创卫", ["创", "卫"]) == ["创卫"]
