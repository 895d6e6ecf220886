"""Unit tests of the line stage: each cleaner on real damage from the seed pages."""

import dataclasses

from civicnews import lines
from hypothesis import given, settings
from hypothesis import strategies as st


def test_letter_spacing_closed_on_a_justified_line() -> None:
    assert lines.remove_letter_spacing("区 积 极 推 动 党 的 二 十 大 精 神 落 地 见") == "区积极推动党的二十大精神落地见"


def test_letter_spacing_keeps_word_spaces_and_latin() -> None:
    assert lines.remove_letter_spacing("运动柯城 APP") == "运动柯城 APP"
    assert lines.remove_letter_spacing("互看互学互比 勇当排头兵") == "互看互学互比 勇当排头兵"
    assert lines.remove_letter_spacing("积极推广 APP 3.0") == "积极推广 APP 3.0"


def test_narrow_column_credit_closed() -> None:
    assert lines.remove_letter_spacing("讯（ 融 媒") == "讯（融媒"


def test_number_padding() -> None:
    assert lines.close_number_padding("截至目前，该区已累计出动 4394") == "截至目前，该区已累计出动4394"
    assert lines.close_number_padding("规范出店经营 826 家") == "规范出店经营826家"


def test_half_width_punctuation_in_chinese_only() -> None:
    assert lines.normalize_punctuation("会上,区委副书记") == "会上，区委副书记"
    assert lines.normalize_punctuation("上线平台3.0,实现") == "上线平台3.0，实现"
    assert lines.normalize_punctuation("version 1.2, ok") == "version 1.2, ok"


def test_doubled_headline() -> None:
    assert lines.is_doubled("对下一步工作提出要求对下一步工作提出要求")
    assert lines.undouble("对下一步工作提出要求对下一步工作提出要求") == "对下一步工作提出要求"
    assert lines.undouble("开展企业大走访行动") == "开展企业大走访行动"


def test_clean_line_reports_its_steps() -> None:
    text, steps = lines.clean_line("南 路 、九 州 路 的“ 一 周 一 路 ”整 治 工")
    assert text == "南路、九州路的“一周一路”整治工"
    assert steps == ["remove_letter_spacing"]


def test_split_lines_keeps_layout_evidence() -> None:
    page = " 多领域全面发动多领域全面发动\n数智通跟踪整治数智通跟踪整治\n\n正文第一行，\n"
    out = lines.split_lines(page)
    assert [x.number for x in out] == [1, 2, 4]
    assert out[0].frame_start and not out[1].frame_start
    assert out[0].doubled and out[0].text == "多领域全面发动"
    assert out[2].gap_before == 1


def test_cleaners_registry_has_docstring_examples() -> None:
    for name, fix in lines.CLEANERS.items():
        assert fix.__doc__ and ">>>" in fix.__doc__, name


def test_printed_width_counts_the_padding_around_numbers() -> None:
    # the PDF tool padded the digits to fill full-width cells: the line was that wide
    (line,) = lines.split_lines("老 330 国道")
    assert line.text == "老330国道"
    assert line.width == 5.5


def test_a_headline_drawn_twice_as_whole_lines_is_one_line() -> None:
    # fake bold or a drop shadow: A A B B and A B A B both fold to A B, accounted as doubled
    for page in ("北京平谷区政协首个\n北京平谷区政协首个\n协商议事室揭牌\n协商议事室揭牌\n9月14日下午，平谷区。",
                 "北京平谷区政协首个\n协商议事室揭牌\n北京平谷区政协首个\n协商议事室揭牌\n9月14日下午，平谷区。"):
        out = lines.split_lines(page)
        assert [x.text for x in out] == ["北京平谷区政协首个", "协商议事室揭牌", "9月14日下午，平谷区。"]
        assert out[0].doubled and sorted(n for x in out for n in x.lines) == [1, 2, 3, 4, 5]


def test_a_sentence_printed_twice_is_text_not_a_reprint() -> None:
    out = lines.split_lines("会议要求抓好落实。\n会议要求抓好落实。")
    assert len(out) == 2


def test_columns_read_across_in_rows_are_read_down() -> None:
    # pdftotext with a narrow gutter: each row is the left column's line, a space, the right's
    left = ["本报讯浙江省嘉兴市秀洲区新塍", "镇旧称桐溪，已有上千年历史。", "新塍镇区域面积一百多平方千米", "是全国重点镇。"]
    right = ["二〇一九年春天起，在省市区统一", "部署和持续推动下，新塍镇围绕打", "造美丽城镇全域建设省级示范样板", "的目标全面动员。"]
    page = "\n".join(f"{a} {b}" for a, b in zip(left, right, strict=True))
    out = lines.split_lines(page)
    assert [x.text for x in out] == left + right
    assert [x.number for x in out] == [1, 2, 3, 4, 1, 2, 3, 4]
    assert all("split_joined_columns" in x.steps for x in out[4:])


def test_a_title_with_a_word_space_is_not_two_columns() -> None:
    out = lines.split_lines("美化楼院环境 共建温馨家园\n近日，城东街道开展宣传。")
    assert out[0].text == "美化楼院环境 共建温馨家园"


def test_a_folded_reprint_is_kept_as_the_second_print() -> None:
    out = lines.split_lines("西湖区协商议事室揭牌\n西湖区协商议事室揭牌\n近日，西湖区协商议事室揭牌成立。")
    assert out[0].doubled and out[0].second_print == "西湖区协商议事室揭牌"


def _cleaned_by_every_cleaner(text: str) -> tuple[str, list[str], float, str]:
    """_clean spelt out: every cleaner of the registry in order, the width measured before
    close_number_padding, undouble's cut kept."""
    steps, width, cut = [], 0.0, ""
    for name, fix in lines.CLEANERS.items():
        if fix is lines.close_number_padding:
            width = lines._em(text)
        fixed = fix(text)
        if fixed != text:
            steps.append(name)
            if fix is lines.undouble:
                cut = lines.second_print(text, fixed)
            text = fixed
    return text, steps, width, cut


# What the cleaners look for (spaces of every kind, radicals, marks, ellipses) and plain text.
_LINE_CHARS = ("创卫攻坚全力推进⻔⼯.⋯…，,。:;!?()（） \u3000\t\u00a0\u2002\u202f\x0b\u2028"
               "3月25日%Ａ")


@settings(max_examples=500, deadline=None)
@given(st.text(_LINE_CHARS, max_size=24), st.sampled_from(["", "twice", "cut"]))
def test_clean_is_every_cleaner_in_order(text: str, doubling: str) -> None:
    # plain lines skip the cleaners that cannot change them: the result must not show it
    text = text + text if doubling == "twice" else text + text[: len(text) // 2] if doubling else text
    assert lines._clean(text) == _cleaned_by_every_cleaner(text)


# Headlines of two stories side by side (invented text, the shapes real PDF tools give).
SIDE_BY_SIDE = "\n".join([
    "城南日报", "",
    "城南街道开展老旧小区环境集中整治活 河西镇举办首届乡村邻里文化节活动",
    "动",
    "本报讯 近日，城南街道开展老旧小区环境集中整治活动，清运垃圾三十余车。",
    "河西镇日前举办首届乡村邻里文化节，村民们欢聚一堂。",
])


def test_two_headlines_read_across_into_one_row_are_parted() -> None:
    page = lines.split_lines(SIDE_BY_SIDE)
    texts = [x.text for x in page]
    left = texts.index("城南街道开展老旧小区环境集中整治活")
    assert texts[left + 1:left + 3] == ["动", "河西镇举办首届乡村邻里文化节活动"]
    right = page[left + 2]
    # the right headline begins a headline of its own, after a blank line; the report says why
    assert right.head_start and right.gap_before >= 1 and not page[left + 1].head_start
    assert "side by side" in page[left].note
    # the pieces of the raw line joined by one space give it back
    assert f"{page[left].raw} {right.raw}" == SIDE_BY_SIDE.split("\n")[2]


def test_one_headline_of_two_phrases_is_not_parted() -> None:
    page = lines.split_lines("\n\n誓师大会再动员再部署 机制举措再完善再落\n实\n正文第一句。")
    assert [x.text for x in page][:2] == ["誓师大会再动员再部署 机制举措再完善再落", "实"]
    assert not any(x.head_start for x in page)


def test_headline_lines_printed_interleaved_are_joined() -> None:
    rows = ["", "城南街道开展老旧小区环境集中整治活", "", "河西镇举办首届乡村邻里文化节", "", "动", "",
            "本报讯 近日，城南街道开展老旧小区环境集中整治活动。"]
    page = lines.split_lines("\n".join(rows))
    texts = [x.text for x in page]
    assert texts[:3] == ["城南街道开展老旧小区环境集中整治活", "动", "河西镇举办首届乡村邻里文化节"]
    assert page[2].head_start and not page[1].head_start
    # the same lines in one tight frame (no blank lines: a column of text) stay as printed
    tight = lines.split_lines("\n".join(x for x in rows if x))
    assert [x.text for x in tight][:3] == ["城南街道开展老旧小区环境集中整治活", "河西镇举办首届乡村邻里文化节", "动"]


def test_column_lines_printed_interleaved_are_read_column_by_column() -> None:
    left = ["本报讯 城南街道近日开展老旧小", "区环境整治，清运垃圾三十余车，", "并对楼道堆物逐户上门劝导整", "改。"]
    right = ["今天河西镇举办首届乡村邻里文化", "节，村民们欢聚一堂，共叙邻里情", "谊，现场还评出十户和睦家庭代", "表。"]
    rows = [lines.Row(k, t, 1) for k, t in enumerate([x for pair in zip(left, right, strict=True) for x in pair], 1)]
    out = lines.read_interleaved_columns(rows)
    assert [r.raw for r in out] == left + right
    assert "2 columns" in out[0].note
    # the same lines read down already (one column after the other) stay as they are
    down = [lines.Row(k, t, 1) for k, t in enumerate(left + right, 1)]
    assert lines.read_interleaved_columns(down) == down


def test_columns_read_across_on_drifting_rows_are_read_down(monkeypatch) -> None:
    # pdftotext prints the last line of a paragraph, or the first of the next, on a row of its
    # own: the rows read across break, and each piece was read left, right, left, right
    rows = ["城南街道近日组织干部群众开 河西镇今年举办首届乡村邻里",
            "展老旧小区环境集中整治行动 文化节，村民们欢聚一堂，共",
            "共清运垃圾三十余车辆。 叙邻里情谊。",
            "街道还对楼道堆物逐户上门劝",  # the left column's line (劝 / 导 runs across)
            "现场评出十户和睦家庭代表，",  # a third column's (no word across either way): last
            "导整改，居民纷纷表示满意。 并为他们颁发了荣誉证书。"]
    monkeypatch.setattr(lines, "SETTINGS", dataclasses.replace(lines.SETTINGS, column_streams=True))
    out = lines.split_lines("\n".join(rows))
    assert [x.text for x in out] == [
        "城南街道近日组织干部群众开", "展老旧小区环境集中整治行动", "共清运垃圾三十余车辆。",
        "街道还对楼道堆物逐户上门劝", "导整改，居民纷纷表示满意。",
        "河西镇今年举办首届乡村邻里", "文化节，村民们欢聚一堂，共", "叙邻里情谊。", "并为他们颁发了荣誉证书。",
        "现场评出十户和睦家庭代表，"]
    assert [x.column_piece for x in out] == [x.number not in (4, 5) for x in out]  # rows parted
    # without column_streams the block breaks at the rows of one line: the pieces alternate (the
    # last row is parted on its own, as the page parts 3 rows before it at its width)
    monkeypatch.setattr(lines, "SETTINGS", dataclasses.replace(lines.SETTINGS, column_streams=False))
    assert [x.number for x in lines.split_lines("\n".join(rows))] == [1, 2, 3, 1, 2, 3, 4, 5, 6, 6]
    assert [x.column_piece for x in lines.split_lines("\n".join(rows))[6:]] == [False, False, True, True]


def test_a_lone_row_read_across_is_parted_at_the_pages_column_width(monkeypatch) -> None:
    # pdftotext prints a paragraph's first line on a row of its own, so the rows read across
    # around it come in runs of one or two: parted when the page parts 3 rows at their width
    rows = ["城南街道近日组织干部群众开 河西镇今年举办首届邻里节，",
            "展老旧小区环境集中整治行动 文化节，村民们欢聚一堂，共",
            "共清运垃圾三十余车辆。",
            "叙邻里情谊。",
            "街道还对楼道堆物逐户上门劝 现场评出十户和睦家庭代表，",
            "导整改，居民纷纷表示满意。",
            "并为他们颁发了荣誉证书。",
            "另据了解，城南街道下一步将 河西镇还将把邻里文化节办成"]
    # with row_columns on, a page of four such rows is read column by column before
    # split_joined_columns sees it (test_row_columns): off here, to test the lone rows
    monkeypatch.setattr(lines, "SETTINGS", dataclasses.replace(lines.SETTINGS, row_columns=False))
    out = lines.split_lines("\n".join(rows))
    assert [x.text for x in out[:4]] == ["城南街道近日组织干部群众开", "展老旧小区环境集中整治行动",
                                         "河西镇今年举办首届邻里节，", "文化节，村民们欢聚一堂，共"]
    assert [x.text for x in out[6:9]] == ["街道还对楼道堆物逐户上门劝", "现场评出十户和睦家庭代表，",
                                          "导整改，居民纷纷表示满意。"]
    assert [x.text for x in out[-2:]] == ["另据了解，城南街道下一步将", "河西镇还将把邻里文化节办成"]
    assert [x.column_piece for x in out] == [True] * 4 + [False] * 2 + [True] * 2 + [False] * 2 + [True] * 2
    # a page that parts fewer rows at that width (2 here) leaves them joined
    monkeypatch.setattr(lines, "SETTINGS", dataclasses.replace(lines.SETTINGS, lone_joined_rows=5))
    out = lines.split_lines("\n".join(rows))
    assert "街道还对楼道堆物逐户上门劝 现场评出十户和睦家庭代表，" in [x.text for x in out]


def test_a_word_space_in_a_line_of_text_is_no_column_gutter() -> None:
    # number padding and a space before a comma part no lone row, though the page reads
    # columns across at that width
    block = ["城南街道近日组织干部群众开 河西镇今年举办首届乡村邻里",
             "展老旧小区环境集中整治行动 文化节，村民们欢聚一堂，共",
             "共清运垃圾三十余车辆，街道 叙邻里情谊，现场评出十户和"]
    lone = ["街道还对楼道堆物逐户上门劝导整改 2020 年共计整改九十余处，",
            "整治农贸市场环境优化营商环 ，提升城市颜值和居民满意度"]
    out = lines.split_lines("\n".join([*block, "", *lone]))
    assert [x.raw for x in out[-2:]] == lone
    assert not any(x.column_piece for x in out[-2:])


def test_a_headline_or_a_line_after_a_blank_ends_the_columns(monkeypatch) -> None:
    # a byline after a blank line, then the next story's two-phrase headline: neither is read
    # as the columns' lines (the headline parts at the columns' width)
    monkeypatch.setattr(lines, "SETTINGS", dataclasses.replace(lines.SETTINGS, column_streams=True))
    rows = ["城南街道近日组织干 河西镇今年举办首届",
            "部群众开展环境整治 文化节，村民欢聚一",
            "行动，共清运垃圾百 堂，共叙邻里情谊，",
            "余车。 现场气氛热烈。", "", "■作者 金晨 朱优芬", "", "鼓足干劲汇聚力量 推动项目建设提速"]
    out = lines.split_lines("\n".join(rows))
    assert [x.text for x in out] == ["城南街道近日组织干", "部群众开展环境整治", "行动，共清运垃圾百", "余车。",
                                     "河西镇今年举办首届", "文化节，村民欢聚一", "堂，共叙邻里情谊，", "现场气氛热烈。",
                                     "■作者 金晨 朱优芬", "鼓足干劲汇聚力量 推动项目建设提速"]
    assert not out[-1].column_piece
