"""Unit tests of the damaged-page generator (civicnews.fit.pagegen): truth kept exact, damage as
named, every line's role given."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import unicodedata
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # pytest runs with --import-mode=importlib: tests/ is not on the path
    sys.path.insert(0, str(HERE))

import strategies as gst  # noqa: E402
from civicnews.fit import corpus, pagegen  # noqa: E402
from civicnews.model import Role  # noqa: E402

pytestmark = pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus, gold) is absent")

# The scorer's character class for "Chinese text" (score.py counts these, digits and letters).
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SEEDS = range(60)


def cjk(text: str | None) -> Counter[str]:
    """The multiset of CJK characters of a text, after NFKC as score.py does."""
    return Counter(CJK.findall(unicodedata.normalize("NFKC", text or "")))


def cjk_seq(text: str | None) -> str:
    """The CJK characters of a text, in order."""
    return "".join(CJK.findall(unicodedata.normalize("NFKC", text or "")))


def truth_chars(page: pagegen.GeneratedPage) -> Counter[str]:
    """Every CJK character the truth says was printed: stories, furniture, doubled lines."""
    out: Counter[str] = Counter()
    for a in page.articles:
        for key in ("kicker", "title", "subtitle", "credit"):
            out += cjk(a.get(key))
        for key in ("paragraphs", "subheads", "captions"):
            for text in a.get(key) or []:
                out += cjk(text)
        if a.get("continued_to"):
            out += cjk("下转" + a["continued_to"])
    for text in page.furniture + page.doubled:
        out += cjk(text)
    return out


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return pagegen.load_pool("fit")


@pytest.fixture(scope="module")
def pages(gold: list[dict]) -> list[pagegen.GeneratedPage]:
    return [pagegen.generate_page(s, pool=gold) for s in SEEDS]


# --- the generator as a whole -----------------------------------------------------------------


def test_pool_is_the_fitting_part_and_the_seeds(gold: list[dict]) -> None:
    on_disk = sum(len(yaml.safe_load(p.read_text(encoding="utf-8"))["articles"])
                  for p in pagegen.GOLD_DIR.glob("*.yml"))
    fit = corpus.load_corpus("fit")
    assert len(gold) == len(fit) + on_disk
    assert all(a["title"] and a["paragraphs"] for a in gold)
    urls = {a["origin"] for a in gold if not a["origin"].startswith("seed:")}
    assert all(corpus.split_of(u) == "fit" for u in urls)


def test_validation_pages_hold_only_validation_stories() -> None:
    val_titles = {a.title for a in corpus.load_corpus("val")}
    for _, page in pagegen.generate_pages("val", 2, 10):
        assert {a["title"] for a in page.articles} <= val_titles
        assert all(corpus.split_of(a["origin"]) == "val" for a in page.articles)


def test_every_line_has_its_role(pages: list[pagegen.GeneratedPage]) -> None:
    for page in pages:
        printed = [x for x in page.text.split("\n") if x.strip()]
        assert len(page.roles) == len(page.tags) == len(printed)
        for a in page.articles:  # each story's title is printed on lines that say so
            heads = "".join(x for x, r in zip(printed, page.roles, strict=True) if r is Role.TITLE)
            assert cjk_seq(a["title"])[:2] in cjk_seq(heads), a["title"]
        assert page.roles.count(Role.START) + page.roles.count(Role.CREDIT) >= len(page.articles) - 1


def test_same_seed_same_page(gold: list[dict]) -> None:
    for seed in (0, 7, 123456):
        a, b = pagegen.generate_page(seed, pool=gold), pagegen.generate_page(seed, pool=gold)
        assert a == b


def test_different_seeds_differ(pages: list[pagegen.GeneratedPage]) -> None:
    assert len({p.text for p in pages}) == len(pages)


def test_no_cjk_character_lost_or_invented(pages: list[pagegen.GeneratedPage]) -> None:
    for seed, page in zip(SEEDS, pages, strict=True):
        printed, truth = cjk(page.text), truth_chars(page)
        assert printed == truth, (seed, printed - truth, truth - printed)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=gst.generated_pages())
def test_no_cjk_lost_or_invented_any_layout(page: pagegen.GeneratedPage) -> None:
    assert cjk(page.text) == truth_chars(page)


def test_each_truth_paragraph_is_printed_in_one_piece(pages: list[pagegen.GeneratedPage]) -> None:
    for seed, page in zip(SEEDS, pages, strict=True):
        printed = cjk_seq(page.text)
        for a in page.articles:
            for para in a["paragraphs"]:
                assert cjk_seq(para) in printed, (seed, a["title"], para[:20])


def test_truth_is_gold_shaped(pages: list[pagegen.GeneratedPage]) -> None:
    for page in pages:
        assert page.articles
        for a in page.articles:
            assert set(pagegen.ARTICLE_KEYS) <= set(a)
            assert a["title"] and a["paragraphs"] and all(a["paragraphs"])
            assert all(p == p.strip() for p in a["paragraphs"])  # truth stays clean


def test_furniture_comes_from_many_papers(pages: list[pagegen.GeneratedPage]) -> None:
    mastheads = {p.publication for p in pages if p.publication}
    assert len(mastheads) >= 10
    seeds = {p.read_text(encoding="utf-8") for p in (pagegen.SHARED / "seeds").glob("*.txt")}
    assert not seeds & {p.text for p in pages}


def test_every_damage_kind_happens(gold: list[dict]) -> None:
    seen = {name for s in range(300) for name in pagegen.generate_page(s, pool=gold).damage}
    assert set(pagegen.DAMAGE) <= seen


def test_damage_switched_off_prints_clean_columns(gold: list[dict]) -> None:
    config = pagegen.PageConfig(damage=frozenset(), furniture=False, width=15)
    for seed in range(20):
        page = pagegen.generate_page(seed, config, gold)
        assert page.damage == [] and page.doubled == [] and page.furniture == []
        for a in page.articles:
            for para in a["paragraphs"]:
                assert "\n".join(pagegen.break_column(para, 15, indent=2)) in page.text


def test_config_fixes_story_count(gold: list[dict]) -> None:
    for n in (1, 2, 4):
        cfg = pagegen.PageConfig(n_articles=n, damage=frozenset(pagegen.DAMAGE) - {"embedded_brief"})
        assert len(pagegen.generate_page(5, cfg, gold).articles) == n


def test_embedded_brief_sits_inside_its_host(gold: list[dict]) -> None:
    found = 0
    for seed in range(200):
        page = pagegen.generate_page(seed, pool=gold)
        if "embedded_brief_placed" not in page.damage:
            continue
        found += 1
        brief = next(a for a in page.articles if a.get("embedded_in"))
        host = page.articles[page.articles.index(brief) - 1]
        assert host["title"] == brief["embedded_in"]
        text = cjk_seq(page.text)
        brief_at = text.index(cjk_seq(brief["paragraphs"][0]))
        assert text.index(cjk_seq(host["paragraphs"][0])) < brief_at
        assert brief_at < text.index(cjk_seq(host["paragraphs"][-1]))
    assert found >= 5


# --- each damage function on an example -------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(para=gst.gold_paragraphs(), width=gst.column_widths(3, 42), indent=st.sampled_from([0, 2]))
def test_break_column_keeps_text_and_width(para: str, width: int, indent: int) -> None:
    lines = pagegen.break_column(para, width, indent)
    assert "".join(lines) == para
    for i, line in enumerate(lines):
        cap = width - indent if i == 0 else width
        # a line may overrun by its hanging punctuation and one Latin run, never by more
        assert pagegen._cells(line.rstrip(pagegen.NO_LINE_START)) <= cap + 4
        if i:
            assert line[0] not in pagegen.NO_LINE_START
    full = [pagegen._cells(x) for x in lines[1:-1]]
    assert all(c >= width - 4 for c in full)  # body lines fill the column


def test_break_column_keeps_numbers_whole_unless_asked() -> None:
    text = "截至目前，该区已累计出动4394人次"
    assert "4394" in "|".join(pagegen.break_column(text, 13))
    assert any("4394" not in x and "43" in x for x in pagegen.break_column(text, 13, split_words=True))


@settings(max_examples=60, deadline=None)
@given(line=gst.gold_lines(3, 24))
def test_letter_space_only_adds_spaces(line: str) -> None:
    spaced = pagegen.letter_space(line)
    assert spaced.replace(" ", "") == line
    assert not re.search(f"{CJK.pattern}{CJK.pattern}", spaced)  # no two characters touch


def test_letter_space_example() -> None:
    assert pagegen.letter_space("经济开发区") == "经 济 开 发 区"


@settings(max_examples=60, deadline=None)
@given(para=gst.gold_paragraphs())
def test_pad_numbers_only_adds_spaces_around_numbers(para: str) -> None:
    padded = pagegen.pad_numbers(para)
    assert padded.replace(" ", "") == para
    assert not re.search(rf"{CJK.pattern}\d|\d{CJK.pattern}", padded)


def test_pad_numbers_examples() -> None:
    assert pagegen.pad_numbers("3月25日") == "3 月 25 日"
    assert pagegen.pad_numbers("对老330国道沿线") == "对老 330 国道沿线"
    assert pagegen.pad_numbers("以PPT形式") == "以PPT形式"


def test_double_line_example() -> None:
    assert pagegen.double_line("多领域全面发动") == "多领域全面发动多领域全面发动"


@settings(max_examples=60, deadline=None)
@given(para=gst.gold_paragraphs())
def test_drop_quotes_keeps_every_character_but_quotes(para: str) -> None:
    dropped = pagegen.drop_quotes(para)
    assert "“" not in dropped and "”" not in dropped
    assert dropped.replace(" ", "") == re.sub("[“”]", "", para)


def test_drop_quotes_example() -> None:
    assert pagegen.drop_quotes("助力“最多跑一次”；推广“浙里办”APP") == "助力 最多跑一次；推广 浙里办 APP"


@settings(max_examples=60, deadline=None)
@given(para=gst.gold_paragraphs())
def test_halfwidth_punctuation_changes_only_marks(para: str) -> None:
    half = pagegen.use_halfwidth_punctuation(para)
    assert not re.search("[，：；（）！？]", half)
    assert cjk_seq(half) == cjk_seq(para) and half.count("。") == para.count("。")


def test_dot_ellipsis_example() -> None:
    assert pagegen.dot_ellipsis("客户……日前") == "客户⋯⋯日前"


def test_frame_start_and_blank_lines() -> None:
    assert pagegen.mark_frame_start("解") == " 解" == pagegen.mark_frame_start(" 解")
    assert pagegen.add_blank_lines(["甲", "乙"]) == ["甲", "", "乙", ""]


@settings(max_examples=40, deadline=None)
@given(para=gst.gold_paragraphs(), seed=st.integers(0, 1000))
def test_split_at_column_end_keeps_text(para: str, seed: int) -> None:
    parts = pagegen.split_at_column_end(para, pagegen.random.Random(seed))
    assert "".join(parts) == para and 1 <= len(parts) <= 2


@settings(max_examples=40, deadline=None)
@given(head=gst.gold_headlines(), seed=st.integers(0, 1000))
def test_break_headline_keeps_text(head: str, seed: int) -> None:
    lines = pagegen.break_headline(head, pagegen.random.Random(seed), max_len=5)
    assert "".join(lines) == head.replace(" ", "")
    assert all(lines)


def test_headline_forms() -> None:
    assert pagegen.one_line_headline(["引题", "主题", None]) == "引题 主题"
    assert pagegen.decorate_subhead("靶向施策") == "·靶向施策·"
    assert pagegen.mark_caption("修补倒塌围墙") == "▲修补倒塌围墙"
    assert pagegen.continuation_marker("2版") == "(下转2版)"
    assert pagegen.continuation_marker("3版", half_width=False) == "（下转3版）"


def test_credit_forms() -> None:
    roles = {"吴怡婧": "记者", "张霞艳": "通讯员"}
    inner = pagegen.credit_inner(["吴怡婧", "张霞艳"], roles)
    assert inner == "记者 吴怡婧 通讯员 张霞艳"
    assert pagegen.format_dateline("本报讯", inner) == "本报讯（记者 吴怡婧 通讯员 张霞艳）"
    assert pagegen.format_dateline("本报讯", inner, True) == "本报讯 (记者 吴怡婧 通讯员 张霞艳)"


def test_sections_keep_paragraphs_and_subheads_in_order(gold: list[dict]) -> None:
    for art in gold:
        sections = pagegen.make_sections(art)
        truth = pagegen.truth_from_sections(art, sections)
        assert truth["paragraphs"] == art["paragraphs"]
        assert truth["subheads"] == art["subheads"]


def test_continuation_cut_keeps_a_prefix(gold: list[dict]) -> None:
    for seed, art in enumerate(gold):
        sections = pagegen.make_sections(art)
        kept, page = pagegen.cut_for_continuation(sections, pagegen.random.Random(seed))
        full = "".join(p for _, ps in sections for p in ps)
        cut = "".join(p for _, ps in kept for p in ps)
        assert full.startswith(cut) and len(cut) < len(full)
        assert re.fullmatch(r"[2-8]版", page)


# --- CLI and score.py compatibility -----------------------------------------------------------


def _load_score():
    """score.py from ../shared/tools, imported by path."""
    spec = importlib.util.spec_from_file_location("score", pagegen.SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _oracle_markdown(article: dict, source: str) -> str:
    """The truth written back as an extractor would write it: front matter + paragraphs."""
    meta = {k: article.get(k) for k in ("title", "kicker", "subtitle", "reporters", "districts")}
    meta["source"] = {"file": source}
    body = "\n\n".join(article["paragraphs"])
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n"


def test_cli_writes_score_compatible_corpus(tmp_path: Path) -> None:
    assert pagegen.main(["--split", "fit", "--seed", "3", "--out", str(tmp_path), "--pages", "4"], write=lambda s: None) == 0
    texts = sorted((tmp_path / "pages").glob("*.txt"))
    golds = sorted((tmp_path / "gold").glob("*.yml"))
    assert len(texts) == len(golds) == 4
    out = tmp_path / "oracle"
    out.mkdir()
    for g in golds:
        doc = yaml.safe_load(g.read_text(encoding="utf-8"))
        assert (tmp_path / "pages" / doc["source"]).exists()
        for i, art in enumerate(doc["articles"]):
            (out / f"{g.stem}_{i}.md").write_text(_oracle_markdown(art, doc["source"]), encoding="utf-8")
    score = _load_score()
    argv, sys.argv = sys.argv, ["score.py", str(tmp_path / "gold"), str(out), "--json",
                                str(tmp_path / "s.json")]
    try:
        with redirect_stdout(io.StringIO()):
            score.main()
    finally:
        sys.argv = argv
    summary = yaml.safe_load((tmp_path / "s.json").read_text(encoding="utf-8"))["summary"]
    assert summary["pages"] == 4
    for key in ("count_exact", "title_exact", "headline_exact", "body_f1", "reporters_f1"):
        assert summary[key] == 1.0, key
    assert summary["furniture_leak"] == 0.0
