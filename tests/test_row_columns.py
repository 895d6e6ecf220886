"""Unit tests of row_columns: three or more columns read across in rows (pdftotext), read down.

The pages are made up here: each column a run of lines of one width, printed as pdftotext
prints them (the lines of a visual row on one row, one space apart, a visual row broken where
a column drifts).
"""

import dataclasses

from civicnews import lines, row_columns
from civicnews.lines import Row
from hypothesis import given, settings
from hypothesis import strategies as st

# three columns of 11-character lines (a clause mark in each line: text, not headlines)
LEFT = ["县里组织干部群众，开展", "植树活动，共种下千余株", "各类树苗，美化了村庄。", "当天参加活动的干部群众",
        "共有两百余人，大家干劲", "十足，气氛十分热烈。"]
MIDDLE = ["村民们纷纷表示，这样的", "活动很有意义，希望以后", "经常举办，让村子更美。", "镇里还请来了农技人员，",
          "现场讲解种树的要领，并", "发放了养护手册百余份。"]
RIGHT = ["据了解，今年全镇计划新", "增绿化面积三百余亩，目", "前已完成计划的一半多，", "下一步还将组织更多的村",
         "民参与到植树活动中来，", "共同建设美丽的家园。"]


def _printed(break_at: dict[int, int]) -> list[str]:
    """The page as pdftotext prints it: each visual row one row, or two where ``break_at`` says
    (visual row -> how many pieces go on its first row)."""
    out = []
    for k, pieces in enumerate(zip(LEFT, MIDDLE, RIGHT, strict=True)):
        cut = break_at.get(k, 3)
        out.append(" ".join(pieces[:cut]))
        if cut < 3:
            out.append(" ".join(pieces[cut:]))
    return out


def _rows(texts: list[str]) -> list[Row]:
    return [Row(k, text, int(k == 1)) for k, text in enumerate(texts, 1)]


def test_three_columns_read_across_are_read_down() -> None:
    rows = _rows(_printed({1: 2, 4: 1}))
    out = row_columns.read_row_columns(rows)
    assert [r.raw for r in out] == LEFT + MIDDLE + RIGHT
    assert all(row_columns.ROW_COLUMNS_STEP in r.steps for r in out)
    assert out[0].gap == 1 and all(r.gap == 0 for r in out[1:])


def test_a_first_row_without_the_first_column_goes_where_its_words_run_into() -> None:
    # a byline over the left column pushes its text down one line: the first row holds the
    # middle and right columns' first lines only
    texts = [f"{MIDDLE[0]} {RIGHT[0]}"] + [" ".join(p) for p in zip(LEFT, MIDDLE[1:] + [""], RIGHT[1:] + [""],
                                                                   strict=True)]
    texts = [t.strip() for t in texts]
    out = row_columns.read_row_columns(_rows(texts))
    assert [r.raw for r in out] == LEFT + MIDDLE + RIGHT


def test_split_lines_marks_the_pieces_of_rows_read_across() -> None:
    page = "\n".join(["山村植树美化家园", "", *_printed({2: 1})]) + "\n"
    got = lines.split_lines(page)
    assert [x.text for x in got] == ["山村植树美化家园", *LEFT, *MIDDLE, *RIGHT]
    assert not got[0].column_piece
    # the pieces of a row of several are text; a row of one piece is as printed
    assert [x.column_piece for x in got[1:]] == [k != 2 for k in range(6)] + [True] * 12


def test_text_with_word_spaces_and_number_padding_is_left_alone() -> None:
    texts = ["当天，开工仪式共开工项目 17 个，总投资额达 128.5 亿元人",
             "民币，其中包括总投资 5 亿元的新能源电池配套项目、",
             "联将借助 小小菜园 评比活动，不断扩大 整洁庭院 覆盖范围，",
             "珍爱生命 防溺水 远离危险 记心间", "村规民约引领 乡村和美新气象",
             "严格对照 屋内净、院落净、厨房净、厕所净、村道净 的标准"]
    rows = _rows(texts)
    assert row_columns.read_row_columns(rows) == rows


def test_too_few_rows_read_across_are_no_evidence() -> None:
    rows = _rows(_printed({})[:3])
    assert row_columns.read_row_columns(rows) == rows


def test_the_stage_can_be_turned_off(monkeypatch) -> None:
    monkeypatch.setattr(row_columns, "SETTINGS", dataclasses.replace(row_columns.SETTINGS, row_columns=False))
    rows = _rows(_printed({1: 2}))
    assert row_columns.read_row_columns(rows) == rows


def test_pieces_close_letter_spacing_and_credits_but_not_column_lines() -> None:
    assert row_columns.pieces("十足，气氛十分热烈。 作者 张三 李四", 11) == ["十足，气氛十分热烈。", "作者 张三 李四"]
    assert row_columns.pieces("活 动 很 有 意 义 ， 希 望 以 后 据了解，今年全镇计划新", 11) == [
        "活 动 很 有 意 义 ， 希 望 以 后", "据了解，今年全镇计划新"]


def test_two_columns_with_lines_on_rows_of_their_own_are_read_down() -> None:
    # pdftotext prints a paragraph's last line (and the other column's line beside it) on a
    # row of its own: each goes to the column next along the visual row
    left = ["城南街道近日组织干部群众", "开展环境整治，清运垃圾", "三十余车。", "街道还对楼道堆物逐户上",
            "门劝导整改，居民纷纷表", "示满意。", "另据了解，城南街道下一"]
    right = ["河西镇今年举办首届邻里", "文化节，村民们欢聚一堂", "共叙邻里情谊，现场评出", "十户和睦家庭，并为他们",
             "颁发了荣誉证书，大家都", "说要把好风气传下去。", "河西镇还将把邻里文化节"]
    texts = []
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        texts += [a, b] if k in (2, 5) else [f"{a} {b}"]
    out = row_columns.read_row_columns(_rows(texts))
    assert [r.raw for r in out] == left + right


def test_a_headline_piece_of_a_row_read_across_may_still_be_display() -> None:
    # the left column's headline printed on a row with the other columns' first lines: no
    # clause mark and short of a column line, so not marked text (the labeler may read it a title)
    texts = ["山村植树活动 " + " ".join(_printed({})[0].split(" ")[1:]),
             *[f"{a} {b} {c}" for a, b, c in zip(LEFT, MIDDLE[1:], RIGHT[1:], strict=False)]]
    got = lines.split_lines("\n".join(texts))
    head = next(x for x in got if x.text == "山村植树活动")
    assert not head.column_piece
    assert all(x.column_piece for x in got if x.text in LEFT[:5])


def test_a_column_that_closes_its_story_takes_no_more_lone_lines(monkeypatch) -> None:
    # the left story ends with a bracketed credit; the right column goes on alone, each of its
    # lines on a row of its own (nothing beside it): they are the right column's, not the left's
    left = ["城南街道近日组织干部群众", "开展环境整治，清运垃圾", "三十余车，居民表示满意", "整治工作还将持续开展，",
            "（记者 王明 李华）"]
    right = ["河西镇今年举办首届邻里", "文化节，村民们欢聚一堂", "共叙邻里情谊，现场评出", "十户和睦家庭，并为他们",
             "颁发了荣誉证书，大家都", "说要把好风气传下去。", "河西镇还将把邻里文化节", "办成每年一届的节日。"]
    texts = [f"{a} {b}" for a, b in zip(left, right, strict=False)] + right[len(left):]
    out = row_columns.read_row_columns(_rows(texts))
    assert [r.raw for r in out] == left + right
    monkeypatch.setattr(row_columns, "SETTINGS", dataclasses.replace(row_columns.SETTINGS, row_columns_ended=False))
    # without the rule the lone rows alternate between the columns, as a drifting visual row
    assert [r.raw for r in row_columns.read_row_columns(_rows(texts))] != left + right


_PIECES = st.sampled_from(["城南街道组织干部", "开展环境整治，", "（记者 王明）", "河西镇举办邻里", "文化节。", "（作者 李华）"])


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 4).flatmap(lambda c: st.tuples(st.just(c), st.lists(
    st.lists(_PIECES, min_size=1, max_size=c), min_size=1, max_size=12))))
def test_property_every_piece_gets_one_column_of_consecutive_ones(drawn) -> None:
    columns, rows_pieces = drawn
    where = row_columns.assign_columns(rows_pieces, columns)
    assert [len(w) for w in where] == [len(p) for p in rows_pieces]
    for cols in where:
        assert 0 <= cols[0] and cols[-1] < columns and cols == list(range(cols[0], cols[0] + len(cols)))
