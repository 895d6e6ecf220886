"""ids.py: published ids survive title changes, splits and merges; lost ids stop the build."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import civicnews.pagecache as pagecache
import pytest
import yaml
from civicnews.build import run_batch
from civicnews.ids import Ledger, LedgerError, LedgerMemo, make_id
from civicnews.model import Article, Headline, PageInfo, Section
from hypothesis import given, settings
from hypothesis import strategies as st

INFO = PageInfo(file="p.txt", publication="永康日报", date="2023-04-03")
STORIES = [
    "现代农业装备高新区各班子成员分批带队开展企业大走访行动深入了解企业一季度生产经营情况全力争取实现一季度开门红",
    "经济开发区积极推动党的二十大精神落地见效辖区内企业行动起来召开党的二十大精神学习会把精神滴灌到广大党员干部",
    "为进一步增强责任感和紧迫感精细化精准化落实文明卫生创建工作现代农业装备高新区举行党工委班子扩大会全体干部会议",
]


def story(text: str, title: str = "标题", order: int = 0) -> Article:
    return Article(source=INFO, order=order, headline=Headline(title=title),
                   sections=[Section(None, [text])])


def test_ids_are_ascii_url_safe_and_readable() -> None:
    ids = [make_id(PageInfo(file=name, date=date), 3)
           for name in ("000_x.txt", "新闻 版面 (1).txt", "a/b\\c.txt") for date in (None, "2023-04-03")]
    for value in ids:
        assert re.fullmatch(r"[a-z0-9-]+", value), value
    assert ids[1].startswith("2023-04-03-") and ids[0].startswith("nodate-")


def test_new_articles_get_serials_in_page_order() -> None:
    ledger = Ledger()
    articles = [story(t, order=i) for i, t in enumerate(STORIES)]
    ledger.assign(INFO, articles)
    assert [a.id.rsplit("-", 1)[1] for a in articles] == ["1", "2", "3"]
    assert len(set(a.id for a in articles)) == 3


def test_title_change_keeps_id() -> None:
    first = Ledger()
    before = [story(t, title=f"旧标题{i}") for i, t in enumerate(STORIES)]
    first.assign(INFO, before)
    again = Ledger(first.entries.values())
    after = [story(t, title=f"新标题{i}") for i, t in enumerate(STORIES)]
    again.assign(INFO, after)
    assert [a.id for a in after] == [a.id for a in before]
    again.check({"p.txt"})


def test_reordered_and_retouched_articles_keep_ids() -> None:
    first = Ledger()
    before = [story(t) for t in STORIES]
    first.assign(INFO, before)
    again = Ledger(first.entries.values())
    # A rule change moves the last story first and drops some punctuation-free characters.
    after = [story(STORIES[2][5:]), story(STORIES[0] + "此外还有"), story(STORIES[1])]
    again.assign(INFO, after)
    assert [a.id for a in after] == [before[2].id, before[0].id, before[1].id]


def test_split_keeps_the_old_id_on_the_first_part() -> None:
    first = Ledger()
    before = [story(STORIES[0] + STORIES[1]), story(STORIES[2])]
    first.assign(INFO, before)
    again = Ledger(first.entries.values())
    after = [story(STORIES[0]), story(STORIES[1]), story(STORIES[2])]
    again.assign(INFO, after)
    assert after[0].id == before[0].id and after[2].id == before[1].id
    assert after[1].id not in {a.id for a in before}
    assert after[1].id in again.minted
    again.check({"p.txt"})


def test_merge_keeps_the_first_id_and_refuses_to_drop_the_second() -> None:
    first = Ledger()
    before = [story(t) for t in STORIES]
    first.assign(INFO, before)
    again = Ledger(first.entries.values())
    after = [story(STORIES[0] + STORIES[1]), story(STORIES[2])]
    again.assign(INFO, after)
    assert [a.id for a in after] == [before[0].id, before[2].id]
    with pytest.raises(LedgerError, match=re.escape(before[1].id)):
        again.check({"p.txt"})
    again.check({"p.txt"}, excused={before[1].id})  # hidden by an editor
    again.check({"other.txt"})  # its page was not read in this build: nothing to say


def test_retired_entry_is_never_reused_or_missed(tmp_path: Path) -> None:
    first = Ledger()
    before = [story(t) for t in STORIES]
    first.assign(INFO, before)
    path = tmp_path / "ids.yml"
    first.save(path)
    text = path.read_text(encoding="utf-8").replace(
        f"{before[1].id}:\n", f"{before[1].id}:\n    retired: true\n    reason: 重复稿件\n")
    path.write_text(text, encoding="utf-8")
    again = Ledger.load(path)
    after = [story(STORIES[0]), story(STORIES[2]), story(STORIES[1])]
    again.assign(INFO, after)
    again.check({"p.txt"})
    assert after[2].id not in {a.id for a in before}  # the retired id is not handed out again


def test_ledger_round_trips_and_is_written_sorted(tmp_path: Path) -> None:
    ledger = Ledger()
    ledger.assign(INFO, [story(t) for t in STORIES])
    ledger.assign(dataclasses.replace(INFO, file="a.txt"), [story("另一版的稿件内容")])
    path = tmp_path / "ids.yml"
    assert ledger.save(path) is True
    assert ledger.save(path) is False  # unchanged bytes: not rewritten
    loaded = Ledger.load(path)
    assert loaded.dumps() == ledger.dumps()
    sources = re.findall(r"source: (\S+)", path.read_text(encoding="utf-8"))
    assert sources == sorted(sources)


_TITLES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TITLES, _TITLES, st.booleans()), min_size=1, max_size=6))
def test_a_kept_ledger_reads_as_its_text_parses(tmp_path_factory: pytest.TempPathFactory,
                                                rows: list[tuple[str, str, bool]]) -> None:
    """What the memo keeps for a written ledger is what YAML reads from its text, whatever
    the titles hold (quotes, colons, line breaks, astral characters, control characters)."""
    ledger = Ledger()
    ledger.assign(INFO, [story(f"第{i}篇稿件{text}", title=title)
                         for i, (title, text, _r) in enumerate(rows)])
    for (_t, _x, retired), entry in zip(rows, ledger.entries.values(), strict=True):
        if retired:
            ledger.entries[entry.id] = dataclasses.replace(entry, retired=True, reason="重复")
    memo = LedgerMemo(tmp_path_factory.mktemp("memo") / "parsed.pickle")
    text = ledger.dumps(memo)
    assert memo.parsed(text) == yaml.safe_load(text)
    assert LedgerMemo(memo.path).parsed(text) == yaml.safe_load(text)  # from its file


def _ledger_of(rows: list[tuple[str, str, bool]], file: str = "p.txt") -> Ledger:
    ledger = Ledger()
    add_rows(ledger, rows, file)
    return ledger


def add_rows(ledger: Ledger, rows: list[tuple[str, str, bool]], file: str) -> None:
    info = dataclasses.replace(INFO, file=file)
    before = set(ledger.entries)
    ledger.assign(info, [story(f"第{i}篇稿件{text}", title=title)
                         for i, (title, text, _r) in enumerate(rows)])
    new = [e for e in ledger.entries.values() if e.id not in before]
    for (_t, _x, retired), entry in zip(rows, new, strict=True):
        if retired:
            ledger.entries[entry.id] = dataclasses.replace(entry, retired=True, reason="重复")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TITLES, _TITLES, st.booleans()), min_size=1, max_size=6),
       st.lists(st.tuples(_TITLES, _TITLES, st.booleans()), min_size=1, max_size=3))
def test_a_ledger_written_from_kept_entries_is_the_same_text(
        tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, bool]],
        more: list[tuple[str, str, bool]]) -> None:
    """Entries kept from the last ledger written plus new ones dumped alone make exactly the
    text of one YAML dump of the whole ledger, whatever the titles hold."""
    ledger = _ledger_of(rows)
    memo = LedgerMemo(tmp_path_factory.mktemp("memo") / "parsed.pickle")
    assert ledger.dumps(memo) == ledger.dumps()
    add_rows(ledger, more, "q.txt")
    for source in (memo, LedgerMemo(memo.path)):  # held, and read back from its file
        assert ledger.dumps(source) == ledger.dumps()


def test_a_rebuilt_ledger_dumps_only_its_new_entries(tmp_path: Path, monkeypatch) -> None:
    """The memo holds one text per entry after a whole dump (long titles folded over lines,
    line breaks, quotes, retired entries included); the next ledger with one page more dumps
    only that page's entries and is the same text as a whole dump."""
    import civicnews.ids as ids

    rows = [("词 " * 6000, "甲", False), ("第一行\n第二行", "乙", True), ("'引号' \"双\" #: x", "丙", False),
            ("  前后空格  ", "丁", False), ("", "戊", True)]
    ledger = _ledger_of(rows)
    memo = LedgerMemo(tmp_path / "parsed.pickle")
    whole = ledger.dumps(memo)
    assert whole == ledger.dumps() and len(LedgerMemo(memo.path).entry_texts()) == len(rows)
    add_rows(ledger, [("新标题", "己", False), ("新\n标题", "庚", False)], "q.txt")
    dumped: list[str] = []
    entry_yaml = ids._entry_yaml
    monkeypatch.setattr(ids, "_entry_yaml",
                        lambda article_id, item: dumped.append(article_id) or
                        entry_yaml(article_id, item))
    again = LedgerMemo(memo.path)
    text = ledger.dumps(again)
    assert len(dumped) == 2 and all(i in ledger.entries for i in dumped)
    monkeypatch.setattr(ids, "_entry_yaml", entry_yaml)
    assert text == ledger.dumps() and text.startswith(whole.split("articles:\n")[0])
    assert len(again.entry_texts()) == len(rows) + 2


def test_a_ledger_edited_by_hand_is_parsed_again(tmp_path: Path) -> None:
    """The memo serves only the text it was made from: a ledger changed since (an editor
    retires an entry) is read from its YAML, and the memo then follows it."""
    ledger = Ledger()
    ledger.assign(INFO, [story(t) for t in STORIES])
    path, memo = tmp_path / "ids.yml", LedgerMemo(tmp_path / "memo.pickle")
    path.write_text(ledger.dumps(memo), encoding="utf-8")
    first = next(iter(ledger.entries))
    assert Ledger.load(path, LedgerMemo(memo.path)).dumps() == ledger.dumps()
    edited = path.read_text(encoding="utf-8").replace(
        f"{first}:\n", f"{first}:\n    retired: true\n    reason: 重复稿件\n")
    path.write_text(edited, encoding="utf-8")
    again = Ledger.load(path, LedgerMemo(memo.path))
    assert again.entries[first].retired and again.entries[first].reason == "重复稿件"
    assert LedgerMemo(memo.path).parsed(edited) == yaml.safe_load(edited)


@pytest.mark.parametrize("text, words", [
    ("articles: [1, 2]\n", "expected 'version:'"),
    ("version: 1\narticles:\n  x-1: {source: p.txt, colour: red}\n", "unknown key 'colour'"),
    ("version: 1\narticles:\n  x-1: {source: p.txt, retired: true}\n", "needs a 'reason:'"),
    ("version: 1\narticles:\n  x-1: {head: 文字}\n", "'source'"),
    ("version: 1\narticles: {x-1: [\n", "not valid YAML"),
])
def test_malformed_ledger_is_a_clear_error(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "ids.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError, match=re.escape(words)):
        Ledger.load(path)


def _retitle(extract):
    """An extractor whose title rule changed: every title gets a different wording."""
    def changed(text, info, rules=None):
        result = extract(text, info, rules)
        for article in result.articles:
            old = article.headline.title if article.headline else ""
            article.headline = Headline(title=f"改写：{old}")
        return result
    return changed


def test_batch_title_rule_change_keeps_urls_and_guids(pages_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "ids.yml"
    first = run_batch([pages_dir], tmp_path / "out1", ledger=ledger)
    monkeypatch.setattr(pagecache, "extract_page", _retitle(pagecache.extract_page))
    second = run_batch([pages_dir], tmp_path / "out2", ledger=ledger)
    assert [a.id for a in second.articles] == [a.id for a in first.articles]
    titles = {a.id: a.headline.title for a in second.articles if a.headline}
    assert all(t.startswith("改写：") for t in titles.values())
    before = sorted(p.name for p in (tmp_path / "out1" / "articles").glob("*.md"))
    after = sorted(p.name for p in (tmp_path / "out2" / "articles").glob("*.md"))
    assert before == after  # same file names → same /a/<id>/ URLs and urn:civicnews:<id> GUIDs


def test_batch_split_does_not_move_ids(pages_dir: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "ids.yml"
    first = run_batch([pages_dir], tmp_path / "out", ledger=ledger)
    extract = pagecache.extract_page

    def split_first(text, info, rules=None):
        result = extract(text, info, rules)
        head = result.articles[0]
        paras = head.paragraphs
        if len(paras) >= 2:
            half = len(paras) // 2
            head.sections = [Section(None, paras[:half])]
            tail = Article(source=info, order=1, headline=Headline(title="拆出"),
                           sections=[Section(None, paras[half:])])
            result.articles.insert(1, tail)
        return result

    monkeypatch.setattr(pagecache, "extract_page", split_first)
    second = run_batch([pages_dir], tmp_path / "out", ledger=ledger)
    old = {a.id for a in first.articles}
    assert len(second.articles) > len(first.articles)  # some page really was split
    assert old <= {a.id for a in second.articles}
    for page in second.pages:  # the first article of each page kept its id
        match = [a for a in first.articles if a.source.file == page.info.file]
        assert page.articles[0].id == match[0].id


def test_batch_merge_is_refused_and_nothing_written(pages_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "ids.yml"
    out = tmp_path / "out"
    first = run_batch([pages_dir], out, ledger=ledger)
    victim = next(p for p in first.pages if len(p.articles) >= 2)
    extract = pagecache.extract_page

    def merge_two(text, info, rules=None):
        result = extract(text, info, rules)
        if info.file == victim.info.file:
            a, b = result.articles[0], result.articles[1]
            a.sections = a.sections + b.sections
            del result.articles[1]
        return result

    snapshot = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    ledger_bytes = ledger.read_bytes()
    monkeypatch.setattr(pagecache, "extract_page", merge_two)
    with pytest.raises(LedgerError, match=re.escape(victim.articles[1].id)):
        run_batch([pages_dir], out, ledger=ledger)
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot
    assert ledger.read_bytes() == ledger_bytes


class _ScanningLedger(Ledger):
    """The ledger as it was before the index was kept up to date: every lookup scans all
    entries, and matching scores each pair with containment() and jaccard() afresh."""

    def for_source(self, source: str) -> list:
        from civicnews.ids import _sort_key
        return sorted((e for e in self.entries.values() if e.source == source), key=_sort_key)

    def next_serial(self, source: str) -> int:
        from civicnews.ids import _SERIAL
        serials = [int(m.group(1)) for e in self.for_source(source) if (m := _SERIAL.search(e.id))]
        return max(serials, default=0) + 1


def _scanning_match(entries, texts):  # type: ignore[no-untyped-def]
    from civicnews.ids import HEAD_CHARS, MATCH_THRESHOLD, containment, jaccard
    pairs = []
    for e_index, entry in enumerate(entries):
        for a_index, text in enumerate(texts):
            score = containment(entry.head, text)
            if score >= MATCH_THRESHOLD:
                pairs.append((-score, -jaccard(entry.head, text[:HEAD_CHARS]), e_index, a_index))
    pairs.sort()
    taken, out = set(), {}
    for _s, _t, e_index, a_index in pairs:
        if e_index not in taken and a_index not in out:
            taken.add(e_index)
            out[a_index] = entries[e_index]
    return out


def _archive_builds(ledger_type: type[Ledger]) -> list[tuple[list[str], str, dict]]:
    """Three builds of a 60-page archive: new pages, a rule change that reorders, retouches,
    splits and drops stories, and a build where pages were renamed; ids, ledger bytes and
    the entries by page file (old and new names) after each build."""
    import random
    rng = random.Random(7)
    words = "现代农业装备高新区经济开发区积极推动精神落地见效文明卫生创建工作垃圾分类乡村振兴"
    stories = {f"p{i:02d}.txt": ["".join(rng.choice(words) for _ in range(rng.randint(1, 260)))
                                 for _ in range(rng.randint(1, 5))] for i in range(60)}
    out = []
    entries: list = []
    sources: set[str] = set()
    for build_no in range(3):
        ledger = ledger_type(dataclasses.replace(e) for e in entries)
        if build_no == 2:  # every fifth page renamed: its stories keep their ids
            stories = {(f"moved-{n}" if i % 5 == 0 else n): t
                       for i, (n, t) in enumerate(sorted(stories.items()))}
            ledger.allow_moves(stories)
        ids = []
        for name, texts in sorted(stories.items()):
            info = PageInfo(file=name, date="2023-04-03")
            if build_no == 1:
                texts = [t[::-1] if len(t) < 3 else t[1:] for t in texts[::-1]]
                texts = texts + [texts[0][: len(texts[0]) // 2]] if len(texts) > 2 else texts[1:]
                if texts and name.endswith(("1.txt", "4.txt")):  # a longer copy first: a tie
                    texts = [texts[0] + "附加段落" * 9, *texts]
            articles = [story(t, order=i) for i, t in enumerate(texts)]
            ledger.assign(info, articles[:2])
            ledger.assign(info, articles[2:])  # as corrections' adopt() does for a split part
            ids.append(",".join(a.id for a in articles))
        index = {s: ([e.id for e in ledger.for_source(s)], ledger.next_serial(s))
                 for s in {*stories, *sources}}
        out.append((ids, ledger.dumps(), index))
        sources = {e.source for e in ledger.entries.values()}
        entries = list(ledger.entries.values())
    return out


def test_indexed_ledger_gives_the_ids_the_scanning_ledger_gave(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    indexed = _archive_builds(Ledger)
    monkeypatch.setattr("civicnews.ids._match", _scanning_match)
    scanning = _archive_builds(_ScanningLedger)
    assert indexed == scanning
    assert any("moved-" in dump for _ids, dump, _index in indexed)  # the renames did move ids


def test_kept_matches_give_the_ids_a_fresh_match_gives(pages_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds that keep their ledger matches (a cache folder) give the ids and ledger bytes of
    builds that match every page afresh: after unchanged rebuilds (all kept), a renamed page
    and an edited page (kept for the pages the edit leaves alone)."""
    import shutil

    import civicnews.ids as ids_mod

    fresh_calls: list[int] = []
    real_match = ids_mod._match

    def counted(entries, texts):  # type: ignore[no-untyped-def]
        fresh_calls.append(len(texts))
        return real_match(entries, texts)

    monkeypatch.setattr(ids_mod, "_match", counted)
    folders = {name: tmp_path / name for name in ("kept", "fresh")}
    for folder in folders.values():
        shutil.copytree(pages_dir, folder / "pages")
    seen: dict[str, list[tuple[list[str], bytes]]] = {"kept": [], "fresh": []}
    for name, folder in folders.items():
        cache = folder / "cache" if name == "kept" else None
        for step in ["again", "again", "rename", "edit"]:
            if step == "rename":
                old = sorted((folder / "pages").glob("*.txt"))[-1]
                old.rename(old.with_name("renamed-" + old.name))
                manifest = folder / "pages" / "pages.yml"
                manifest.write_text(manifest.read_text(encoding="utf-8").replace(
                    old.name, "renamed-" + old.name), encoding="utf-8")
            if step == "edit":
                with open(sorted((folder / "pages").glob("*.txt"))[0], "a", encoding="utf-8") as fh:
                    fh.write("\n本报讯 记者从现场获悉，相关工作正在有序推进之中。\n")
            fresh_calls.clear()
            result = run_batch([folder / "pages"], folder / "out", ledger=folder / "ids.yml",
                               cache_dir=cache)
            seen[name].append(([a.id for a in result.articles],
                               (folder / "ids.yml").read_bytes()))
            if name == "kept" and step == "again" and len(seen["kept"]) == 2:
                assert fresh_calls == []  # every page matched as last time
            if name == "kept" and step == "edit":
                # only the edited page: matched, and matched again as the next build will
                # see its entries
                assert len(fresh_calls) == 2
    assert seen["kept"] == seen["fresh"]
