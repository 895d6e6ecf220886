"""Property tests of the text stages: the line cleaners, paragraph rejoining, and a whole page.

Inputs are corpus and gold text damaged by the page generator's own damage functions
(civicnews.fit.pagegen, stories of the corpus's fitting part and the seeds), so a
property says: undoing the damage gives the gold back, and clean text is left alone.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
for extra in (HERE, HERE.parent / "scripts"):  # --import-mode=importlib: neither is on the path
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import strategies as gst  # noqa: E402
from civicnews import lines as lines_mod  # noqa: E402
from civicnews import paragraphs as paragraphs_mod  # noqa: E402
from civicnews.fit import pagegen  # noqa: E402

pytestmark = pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus, gold) is absent")

# The scorer's character class for Chinese text, used to count characters.
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
KEEP = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9]")  # what normalize_punctuation must not touch
# Hypothesis budgets: sized so this file runs well under a minute; PROPERTY_EXAMPLES=2000 to
# hunt longer (the page-level test gets a tenth of it).
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None)
SLOW = settings(max_examples=max(25, EXAMPLES // 10), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def cjk(text: str | None) -> Counter[str]:
    """The multiset of CJK characters of a text, after NFKC as score.py does."""
    return Counter(CJK.findall(unicodedata.normalize("NFKC", text or "")))


# --- remove_letter_spacing ---------------------------------------------------------------------


@FAST
@given(line=gst.gold_lines(3, 24))
def test_letter_spacing_is_closed_up(line: str) -> None:
    assume(len(line) >= 3)
    assert lines_mod.remove_letter_spacing(pagegen.letter_space(line)) == line


@FAST
@given(text=gst.cjk_text(3, 20))
def test_letter_spaced_chinese_is_closed_up(text: str) -> None:
    assert lines_mod.remove_letter_spacing(" ".join(text)) == text


@FAST
@given(para=gst.gold_paragraphs())
def test_clean_paragraph_left_alone(para: str) -> None:
    assert lines_mod.remove_letter_spacing(para) == para


@FAST
@given(line=gst.gold_lines(3, 42))
def test_clean_line_left_alone(line: str) -> None:
    assert lines_mod.remove_letter_spacing(line) == line


@FAST
@given(text=st.one_of(gst.gold_credits(), gst.gold_headlines()))
@example("本报讯（记者 严嘉慧）")
@example("本报讯 (记者 吴怡婧 通讯员 张霞艳)")
def test_word_spaces_left_alone(text: str) -> None:
    assert lines_mod.remove_letter_spacing(text) == text


# --- close_number_padding ----------------------------------------------------------------------


@FAST
@given(line=gst.gold_lines(3, 42))
@example("3月25日，现代农业装备高新区全")
@example("点，对老330国道沿线、在建工地、花街")
def test_number_padding_is_closed(line: str) -> None:
    assert lines_mod.close_number_padding(pagegen.pad_numbers(line)) == line


@FAST
@given(para=gst.gold_paragraphs())
def test_unpadded_numbers_left_alone(para: str) -> None:
    assert lines_mod.close_number_padding(para) == para


# --- undouble / is_doubled ---------------------------------------------------------------------


@FAST
@given(head=gst.gold_headlines())
def test_doubled_headline_undoubled(head: str) -> None:
    assume(len(head.replace(" ", "")) >= 3)  # shorter doubles (哈哈) are left alone by design
    assert lines_mod.is_doubled(head + head)
    assert lines_mod.undouble(head + head) == head


@FAST
@given(text=gst.cjk_text(3, 20))
def test_any_doubled_text_undoubled(text: str) -> None:
    assert lines_mod.undouble(text + text) == text


@FAST
@given(text=st.one_of(gst.gold_headlines(), gst.gold_lines(3, 42), gst.gold_paragraphs()))
def test_single_text_not_doubled(text: str) -> None:
    assert not lines_mod.is_doubled(text)
    assert lines_mod.undouble(text) == text


# --- normalize_punctuation ---------------------------------------------------------------------


@FAST
@given(para=gst.gold_paragraphs())
def test_halfwidth_punctuation_restored(para: str) -> None:
    damaged = pagegen.dot_ellipsis(pagegen.use_halfwidth_punctuation(para))
    assert lines_mod.normalize_punctuation(damaged) == para


@FAST
@given(para=gst.gold_paragraphs())
def test_clean_punctuation_left_alone(para: str) -> None:
    assert lines_mod.normalize_punctuation(para) == para


@FAST
@given(text=gst.mixed_text())
@example("会上,区委(单位):一是")
@example("时间10:30,地点A(B)")
def test_normalize_punctuation_idempotent(text: str) -> None:
    once = lines_mod.normalize_punctuation(text)
    assert lines_mod.normalize_punctuation(once) == once


@FAST
@given(text=gst.mixed_text())
def test_normalize_punctuation_keeps_chinese_and_digits(text: str) -> None:
    out = lines_mod.normalize_punctuation(text)
    assert KEEP.findall(out) == KEEP.findall(text)


# --- rejoin_paragraphs -------------------------------------------------------------------------


def hard_wrap(text: str, width: int) -> list[str]:
    """Cut a text every `width` characters, as the simplest column would."""
    return [text[i:i + width] for i in range(0, len(text), width)]


def ends_a_sentence(line: str) -> bool:
    return bool(re.search(r"[。！？…]”?$", line))


# A line that ends a sentence exactly at the column's edge, with no indent on the next line, ends
# a paragraph as well as not: text printed a paragraph to a line looks the same, and the lines
# alone cannot tell them apart. The property leaves that shape out; the known failure below keeps
# it as a case. (Over every seed gold paragraph at every width 3-42, 18 of 23,680 wraps failed,
# all of this shape; a line of digits cut at the column's character count was the other case: fixed.)
@FAST
@given(para=gst.gold_paragraphs(), width=gst.column_widths(3, 42))
def test_one_paragraph_rejoined_exactly(para: str, width: int) -> None:
    lines = hard_wrap(para, width)
    assume(not any(ends_a_sentence(x) for x in lines[:-1]))
    assert paragraphs_mod.rejoin_paragraphs(lines) == [para]


@pytest.mark.xfail(reason="known failure: a sentence ending at the column's edge reads as a paragraph end",
                   strict=True)
def test_known_failure_sentence_end_at_the_column_edge() -> None:
    # invented text: one paragraph of two sentences, cut where the first one ends
    para = "河道保洁员每天清理两次。垃圾不过夜。"
    assert paragraphs_mod.rejoin_paragraphs(hard_wrap(para, 12)) == [para]


@FAST
@given(para=gst.gold_paragraphs(), width=gst.column_widths(3, 42), indent=st.sampled_from([0, 2]))
def test_one_typeset_paragraph_rejoined_exactly(para: str, width: int, indent: int) -> None:
    lines = pagegen.break_column(para, width, indent)
    # a sentence that ends exactly at the column's edge, with no indent on the next line, ends a
    # paragraph as well as not: no reader can tell (found by hypothesis: 文明生态。/ 这一切，…);
    # nor can one when the line after it is the last (short, as an indented first line would
    # be: …一年级学生。/ 唐海霞说，…习惯。, found by hypothesis at width 40, indent 2)
    ends = [bool(re.search(r"[。！？…]”?$", x)) for x in lines[:-1]]
    assume(not (ends and ends[-1]) and (indent or not any(ends)))
    assert paragraphs_mod.rejoin_paragraphs(lines) == [para]


@FAST
@given(paras=st.lists(gst.gold_paragraphs(), min_size=2, max_size=6, unique=True),
       width=gst.column_widths(3, 42), indent=st.sampled_from([0, 2]))
def test_several_paragraphs_lose_no_character(paras: list[str], width: int, indent: int) -> None:
    lines = [x for p in paras for x in pagegen.break_column(p, width, indent)]
    out = paragraphs_mod.rejoin_paragraphs(lines)
    assert "".join(out) == "".join(paras)
    # merging is allowed (a last line that happens to fill the column looks unfinished);
    # splitting a paragraph is not: every paragraph boundary the result has is a real one
    assert len(out) <= len(paras)
    ends = {len("".join(paras[: i + 1])) for i in range(len(paras))}
    cuts = {len("".join(out[: i + 1])) for i in range(len(out))}
    assert cuts <= ends


@FAST
@given(paras=st.lists(gst.gold_paragraphs(), min_size=2, max_size=6))
def test_one_paragraph_per_line_kept(paras: list[str]) -> None:
    # a paragraph cut by a (下转2版) jump ends mid-sentence and may merge with the next; a
    # short one-line paragraph as long as its neighbours looks like a full column line and
    # may merge too (the accepted case), so only long sentence-ending lines must stay apart
    assume(all(re.search(r"[。！？”」]$", p) and len(p) > 45 for p in paras))
    # neighbours of (nearly) equal length look like lines of one column: the accepted case
    assume(all(abs(len(a) - len(b)) > 0.2 * max(len(a), len(b)) for a, b in zip(paras, paras[1:], strict=False)))
    assert paragraphs_mod.rejoin_paragraphs(paras) == paras


# --- extract_page: no character lost ------------------------------------------------------------


def _assert_no_cjk_lost(text: str) -> None:
    """Run the pipeline and check the character account: every non-space character of the page
    (CJK or not) came out in a story, the furniture or the leftovers (test_accounting.py)."""
    from civicnews.model import PageInfo
    from civicnews.pipeline import extract_page
    from civicnews.report import lost_characters, placed_strings

    result = extract_page(text, PageInfo(file="x.txt"))
    lost = lost_characters(text, placed_strings(result))
    assert not lost, f"lost {len(lost)} characters: {lost}"


@pytest.mark.parametrize("seed_page", sorted(p.name for p in (pagegen.SHARED / "seeds").glob("*.txt")))
def test_seed_page_loses_no_character(seed_page: str) -> None:
    pytest.importorskip("civicnews.pipeline")
    _assert_no_cjk_lost((pagegen.SHARED / "seeds" / seed_page).read_text(encoding="utf-8"))


@SLOW
@given(page=gst.generated_pages())
def test_generated_page_loses_no_character(page: pagegen.GeneratedPage) -> None:
    pytest.importorskip("civicnews.pipeline")
    _assert_no_cjk_lost(page.text)
