"""The character account: every non-space character of a page ends in an article, the page's
furniture or its leftovers, as many times as it was printed (README, report.lost_characters).

Pages are the seed pages, pages built by hypothesis from Chinese text, credits, captions,
subheads and the marks newspapers print (bullets, dingbats, middle dots, spaced letters,
full-width forms), and the page generator's pages with such marks put in. Assembly is also
checked on its own under any sequence of roles, so the property does not rest on the model's
decisions being sensible.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
for extra in (HERE, HERE.parent / "scripts"):  # --import-mode=importlib: neither is on the path
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from civicnews import assemble, metadata  # noqa: E402
from civicnews.fit import pagegen  # noqa: E402
from civicnews.labeler import Decision  # noqa: E402
from civicnews.lines import split_lines  # noqa: E402
from civicnews.model import PageInfo, Role  # noqa: E402
from civicnews.pipeline import extract_page  # noqa: E402
from civicnews.report import lost_characters, page_report, placed_strings  # noqa: E402
from civicnews.rules import load_rules  # noqa: E402

RULES = load_rules()
INFO = PageInfo(file="t.txt")
SEED_PAGES = sorted((HERE.parent / "articles" / "pages").glob("*.txt"))
# Hypothesis budgets, sized so this file runs in about a minute; PROPERTY_EXAMPLES=2000 to hunt
# longer (whole pages through the model get a fifth of it).
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "300"))
PAGE = settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROLES = settings(max_examples=EXAMPLES, deadline=None)

# What the pages are made of: common Chinese characters, the marks papers print before captions
# and credits, around subheads and inside names and dates, full-width letters and digits.
HANZI = "开发区创建文明城市工作会议召开全面推进环境卫生整治群众满意度提升记者通讯员本报讯村镇街道"
MARKS = "▲▶►■□●◆★☆※◎〇·・•‧∙—…⋯～①②③"
FULLWIDTH = "ＡＢＣ１２３４５％＋"
PUNCT = "，。、；：？！“”（）《》,.;:?!()%"
CREDITS = ("本报讯（记者 张三 通讯员 李四）", "■记者 巫鹏 通讯员 阮玉红", "（记者 王芳）", "来源：周佳",
           "■柯城采访小组 毛霄云 姚沐水", "作者 孙丽")


def _spaced(text: str) -> str:
    return " ".join(text)


def page_lines() -> st.SearchStrategy[str]:
    """One printed line: text, a credit, a marked caption or subhead, a mark alone, spaced out."""
    text = st.text(alphabet=HANZI + MARKS + FULLWIDTH + PUNCT + "0123456789AB ", min_size=1, max_size=30)
    return st.one_of(
        text,
        st.sampled_from(CREDITS),
        st.builds(lambda m, t: m + t, st.sampled_from("▲▶■●◆"), text),
        st.builds(lambda t: f"·{t}·", st.text(alphabet=HANZI, min_size=2, max_size=6)),
        st.builds(_spaced, text),
        st.sampled_from(MARKS),
        st.builds(lambda t: t + t, st.text(alphabet=HANZI, min_size=3, max_size=10)),  # printed twice
    )


def built_pages() -> st.SearchStrategy[str]:
    """A page text: lines with blank lines and frame-start spaces between them."""
    line = st.tuples(page_lines(), st.sampled_from(["", " ", "\u3000"]), st.sampled_from(["\n", "\n\n"]))
    return st.lists(line, min_size=1, max_size=40).map(
        lambda rows: "".join(lead + text + end for text, lead, end in rows))


def assert_all_placed(text: str) -> None:
    """Run the pipeline and check the account: nothing of the page is missing."""
    result = extract_page(text, INFO, RULES)
    lost = lost_characters(text, placed_strings(result))
    assert lost == "", f"{len(lost)} characters in no article, furniture or leftover: {lost[:60]}"


@pytest.mark.parametrize("page", SEED_PAGES, ids=lambda p: p.name)
def test_seed_page_places_every_character(page: Path) -> None:
    assert_all_placed(page.read_text(encoding="utf-8"))


@PAGE
@given(text=built_pages())
@example("马克·吐温\n4·15全民国家安全教育日\n▲修补倒塌围墙\n■记者 巫鹏\n·靶向施策·\nＡＰＰ１２３\n经 济 开 发 区")
@example("▲补植绿化\n▶修补倒塌围墙")  # captions and no story to carry them
def test_built_page_places_every_character(text: str) -> None:
    assert_all_placed(text)


@st.composite
def roled_lines(draw: st.DrawFn) -> tuple[str, list[Decision]]:
    """A built page and any roles at all for its lines, as a badly wrong model might give."""
    text = draw(built_pages())
    n = len(split_lines(text))
    roles = draw(st.lists(st.sampled_from(list(Role)), min_size=n, max_size=n))
    goes_on = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return text, [Decision(r, 1.0, (), c) for r, c in zip(roles, goes_on, strict=True)]


@ROLES
@given(page=roled_lines())
# a credit after a subhead, inside a story that is resumed: it went nowhere before
@example(("统一协调整改的，由各区块指定\n总后，由领导小组办公室下派任务\n作者 孙丽\n加强督查\n本报讯（记者 张三）\n"
          "风。下一步，开发区将在全区范围。\n", [Decision(Role.TITLE, 1.0), Decision(Role.START, 1.0),
                                   Decision(Role.START, 1.0), Decision(Role.SUBHEAD, 1.0),
                                   Decision(Role.CREDIT, 1.0), Decision(Role.START, 1.0)]))
# a story too short for one, under a subhead: its subhead went nowhere (found by hypothesis)
@example(("0\n00\n0\n", [Decision(Role.KICKER, 1.0), Decision(Role.SUBHEAD, 1.0), Decision(Role.BODY, 1.0)]))
def test_assembly_places_every_character_whatever_the_roles(page: tuple[str, list[Decision]]) -> None:
    text, decisions = page
    result = assemble.assemble_page(split_lines(text), decisions, INFO, RULES)
    for article in result.articles:
        metadata.fill_metadata(article, INFO, RULES)  # a made-up title must not count as placed
    assert lost_characters(text, placed_strings(result)) == ""


def test_middle_dots_in_names_and_dates_stay_in_the_text() -> None:
    body = "美国作家马克·吐温的作品在4·15全民国家安全教育日当天展出，吸引了众多市民前来参观。"
    text = f"永康举办国家安全教育展\n\n本报讯（记者 张三）\n{body}\n"
    result = extract_page(text, INFO, RULES)
    assert any("马克·吐温" in p and "4·15" in p for a in result.articles for p in a.paragraphs)


def test_doubled_headline_second_print_is_furniture() -> None:
    text = "全力以赴打好创国卫三大战役全力以赴打好创\n"
    (line,) = split_lines(text)
    assert (line.text, line.second_print) == ("全力以赴打好创国卫三大战役", "全力以赴打好创")
    result = assemble.assemble_page([line], [Decision(Role.TITLE, 1.0)], INFO, RULES)
    assert result.furniture == ["全力以赴打好创"]
    assert lost_characters(text, placed_strings(result)) == ""


def test_account_counts_every_copy() -> None:
    # a character printed twice must be placed twice; one copy lost is found
    assert lost_characters("开发区\n开发区", ["开发区"]) == "开发区"
    assert lost_characters("开发区 ▲\n", ["开发区▲"]) == ""


def test_account_folds_width_radicals_and_ellipsis_only() -> None:
    # what the line cleaners rewrite in place is the same character; nothing else is exempt
    assert lost_characters("⻔口,Ａ（1）\n好⋯", ["门口，A(1)", "好……"]) == ""
    assert lost_characters("▲·■", ["▲"]) == "·■"


def test_one_lost_character_flags_the_page() -> None:
    text = "永康举办国家安全教育展\n本报讯（记者 张三）\n" + "开发区全面推进环境卫生整治工作。" * 6 + "\n"
    result = extract_page(text, INFO, RULES)
    assert result.articles
    article = result.articles[0]
    article.sections[0].paragraphs[0] = article.sections[0].paragraphs[0].replace("整", "", 1)
    page = page_report(result, text, result.articles, {})
    assert page["lost_chars"] == "整"
    reasons = [u for u in page["unsure"] if u.startswith("something lost")]
    assert reasons == ["something lost: 1 character (1 CJK) is in no article, furniture or leftover: 整"]


def generated_with_marks() -> st.SearchStrategy[str]:
    """A page of the page generator with marks, spaced letters and full-width forms put in."""
    import strategies as gst

    edit = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000),
                     st.one_of(st.sampled_from(MARKS), st.sampled_from(FULLWIDTH), st.just(" ")))

    def apply(page, edits: list[tuple[int, int, str]]) -> str:
        lines = page.text.split("\n")
        for k, pos, mark in edits:
            line = lines[k % len(lines)]
            cut = pos % (len(line) + 1)
            lines[k % len(lines)] = _spaced(line) if mark == " " else line[:cut] + mark + line[cut:]
        return "\n".join(lines)

    return st.builds(apply, gst.generated_pages(), st.lists(edit, max_size=12))


@pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus, gold) is absent")
@PAGE
@given(text=st.deferred(generated_with_marks))
def test_generated_page_with_marks_places_every_character(text: str) -> None:
    assert_all_placed(text)
