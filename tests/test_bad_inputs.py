"""Bad inputs through `civicnews extract`: each is used or named with a reason, never a traceback.

The corpus is made here, in a temporary directory, from the seed pages: re-encoded twins,
broken files, a huge page, hostile text, and YAML-breaking titles (set through corrections).
One build runs over all of it; the tests below read its output.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from civicnews import cli
from civicnews.ids import file_tag

from .conftest import SEED_PAGES, hostile_page, read_article

SEEDS = sorted(SEED_PAGES.glob("*.txt"))
MANIFEST = yaml.safe_load((SEED_PAGES / "pages.yml").read_text(encoding="utf-8"))
BIG_BYTES = 5 * 1024 * 1024
# Titles that break YAML or Markdown when written without quoting.
NASTY_TITLES = {
    "title": "*星号开头: 冒号 # 井号 --- 破折号",
    "kicker": "&锚点 引题 {{ x }}",
    "subtitle": "\"双引号\" 与 'single' | 竖线 > 大于 [x](javascript:alert(1))",
}

# (file name, how to make its bytes from the seed text, the seed it is a twin of)
TWINS = {
    "gb18030 twin.txt": (lambda t: t.encode("gb18030"), 0),
    "gbk_twin.txt": (lambda t: t.encode("gbk"), 2),
    "bom_twin.txt": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), 1),
    "crlf_twin.txt": (lambda t: t.replace("\n", "\r\n").encode("utf-8"), 3),
    "cr_twin.txt": (lambda t: t.replace("\n", "\r").encode("utf-8"), 4),
    "新闻 版面 一.txt": (lambda t: t.encode("utf-8"), 2),
}
UNUSABLE = {
    "empty.txt": (b"", "empty page (0 bytes)"),
    "blank.txt": (b"  \r\n\t\n\xe3\x80\x80\n", "empty page (whitespace only)"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
                   "binary file, not text (contains NUL bytes)"),
}


@dataclass
class Build:
    pages: Path
    out: Path
    code: int
    stdout: str
    stderr: str
    seconds: float


def seed_entry(index: int) -> dict:
    return dict(MANIFEST[SEEDS[index].name])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("bad")
    pages = root / "pages"
    pages.mkdir()
    manifest = {}
    for index, seed in enumerate(SEEDS):
        (pages / seed.name).write_bytes(seed.read_bytes())
        manifest[seed.name] = seed_entry(index)
    for name, (encode, index) in TWINS.items():
        (pages / name).write_bytes(encode(SEEDS[index].read_text(encoding="utf-8")))
        manifest[name] = seed_entry(index)
    for name, (data, _reason) in UNUSABLE.items():
        (pages / name).write_bytes(data)
    seed = SEEDS[0].read_bytes()  # the 5 MB page: seed text repeated, extracted like any page
    (pages / "big.txt").write_bytes(seed * (BIG_BYTES // len(seed) + 1))
    (pages / "furniture_only.txt").write_text(
        " 永康日报\n\n今日八版\n\n社会主义核心价值观\n\n富强 民主 文明 和谐\n", encoding="utf-8")
    (pages / "english.txt").write_text(
        "City council meets on Monday\n\nThe council will discuss the budget: roads, "
        "schools and parks.\nResidents are invited to attend.\n", encoding="utf-8")
    (pages / "hostile.txt").write_text(hostile_page(), encoding="utf-8")
    manifest["hostile.txt"] = {"publication": "永康日报", "date": "2023-04-03"}
    for name in ("big.txt", "furniture_only.txt", "english.txt"):  # dated, so not drafts
        manifest[name] = {"publication": "永康日报", "date": "2023-04-04"}
    (pages / "pages.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    # The YAML-breaking titles go through corrections onto the hostile page's first article,
    # whose id is predictable: the first id minted for hostile.txt.
    corrections = root / "corrections.yml"
    corrections.write_text(yaml.safe_dump({f"2023-04-03-{file_tag('hostile.txt')}-1": NASTY_TITLES},
                                          allow_unicode=True), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["extract", str(pages), "--out", str(root / "out"), "--no-progress",
                         "--no-cache", "--ledger", str(root / "ids.yml"),
                         "--corrections", str(corrections)])
    return Build(pages, root / "out", code, out.getvalue(), err.getvalue(),
                 time.monotonic() - start)


def articles_of(build: Build, name: str) -> list[tuple[dict, str]]:
    out = []
    for path in sorted((build.out / "articles").glob("*.md")):
        meta, body = read_article(path)
        if meta["source"]["file"] == name:
            out.append((meta, body))
    return sorted(out, key=lambda mb: mb[0]["source"]["order"])


def comparable(meta: dict) -> dict:
    """Front matter without what depends on the file name (id, source)."""
    return {k: v for k, v in meta.items() if k not in ("id", "source")}


def test_exit_code_says_something_failed_and_no_traceback(built: Build) -> None:
    assert built.code == 1
    assert "Traceback" not in built.stderr
    assert re.search(r", 3 failed$", built.stdout.splitlines()[0])


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_unusable_file_is_one_line_naming_file_and_reason(built: Build, name: str) -> None:
    lines = [line for line in built.stderr.splitlines() if line.startswith(f"civicnews: {built.pages / name}: ")]
    assert len(lines) == 1
    assert UNUSABLE[name][1] in lines[0]
    assert not articles_of(built, name)


def test_five_megabyte_page_is_extracted_without_stalling_the_batch(built: Build) -> None:
    # a stall guard, not a speed goal (those are in benchmarks/): the whole batch, this 5 MB
    # page of one seed repeated ~1,000 times included, took 51 s on a 2-core machine at stop 36
    # (load 4: shared), 100-137 s at stop 35 before far_title_heads, _twin_hits and
    # swap_crossed_headlines stopped weighing a repeated story once per copy; 3x is the guard
    assert built.seconds < 150
    assert len(articles_of(built, "big.txt")) >= 100


@pytest.mark.parametrize("name", sorted(TWINS))
def test_reencoded_twin_gives_the_same_articles(built: Build, name: str) -> None:
    seed = SEEDS[TWINS[name][1]].name
    twin, original = articles_of(built, name), articles_of(built, seed)
    assert original, f"{seed} gave no articles"
    assert [(comparable(m), b) for m, b in twin] == [(comparable(m), b) for m, b in original]


def test_every_output_parses_and_ids_are_ascii(built: Build) -> None:
    files = sorted((built.out / "articles").glob("*.md"))
    assert files
    for path in files:
        meta, _body = read_article(path)
        assert meta["id"] == path.stem
        assert re.fullmatch(r"[a-z0-9-]+", path.stem)


def test_furniture_only_and_english_pages_build_without_error(built: Build) -> None:
    for name in ("furniture_only.txt", "english.txt"):
        assert name not in built.stderr
    report = json.loads((built.out / "report.json").read_text(encoding="utf-8"))  # JSON: pure-Python YAML takes minutes on the 5 MB page's report
    pages = {p["file"]: p for p in report["pages"]}
    furniture = pages["furniture_only.txt"]
    assert furniture["furniture"] or furniture["leftovers"] or furniture["unsure"]
    assert "english.txt" in pages


RAW_MARKUP = re.compile(r"<script|<img|<iframe|\{\{|\{%|\]\(javascript:", re.IGNORECASE)


def test_hostile_text_is_escaped_in_bodies(built: Build) -> None:
    hostile = articles_of(built, "hostile.txt")
    assert hostile
    bodies = "".join(body for _meta, body in hostile)
    assert "&lt;img src=x onerror=" in bodies  # the text is kept, as text
    for path in (built.out / "articles").glob("*.md"):
        _meta, body = read_article(path)
        assert not RAW_MARKUP.search(body), path.name
    editor = (built.out / "editor" / "report.md").read_text(encoding="utf-8")
    assert not RAW_MARKUP.search(editor.split("---\n", 2)[2])


def test_yaml_breaking_titles_round_trip(built: Build) -> None:
    meta, _body = articles_of(built, "hostile.txt")[0]
    for key, value in NASTY_TITLES.items():
        assert meta[key] == value
    assert not any("warning" in line for line in built.stderr.splitlines())
