"""Unit tests of the credits stage: every shape of credit a page prints."""

import pytest
from civicnews.credits import parse_credit, split_lead_credit, split_trailing_credit
from civicnews.rules import load_rules

RULES = load_rules()


@pytest.mark.parametrize(("text", "reporters", "roles"), [
    ("本报讯（记者 吴怡婧 通讯员 张霞艳）", ["吴怡婧", "张霞艳"], ["记者", "通讯员"]),
    ("本报讯 (融媒记者 郑旭华)", ["郑旭华"], ["融媒记者"]),
    ("义乌讯（全媒体记者 李爽爽）", ["李爽爽"], ["全媒体记者"]),
    ("作者 郭学红", ["郭学红"], ["作者"]),
    ("■作者 王付民 温剑", ["王付民", "温剑"], ["作者", "作者"]),
    ("来源：周佳", ["周佳"], ["作者"]),
    ("撰稿：王德康", ["王德康"], ["作者"]),
    ("文/图 张龙", ["张龙"], ["作者"]),
    ("（李之永）", ["李之永"], ["作者"]),
    ("记者 张鹏伟 通讯员 李金凤", ["张鹏伟", "李金凤"], ["记者", "通讯员"]),
    ("■柯城采访小组 毛霄云 姚沐水", ["毛霄云", "姚沐水"], ["柯城采访小组", "柯城采访小组"]),
    ("（通讯员 胡晶晶李丹丹）", ["胡晶晶", "李丹丹"], ["通讯员", "通讯员"]),
    ("来源：永康日报", [], []),
    ("责任编辑：王婉", [], []),
    ("（记者 张三 编辑 李四）", ["张三"], ["记者"]),
])
def test_parse_credit_reads_every_shape(text: str, reporters: list[str], roles: list[str]) -> None:
    credit = parse_credit(text, RULES)
    assert credit.reporters == reporters
    assert [credit.roles[n] for n in reporters] == roles


@pytest.mark.parametrize(("text", "credit", "rest"), [
    ("本报讯（记者 严嘉慧）3月25日，永康开展行动。", "本报讯（记者 严嘉慧）", "3月25日，永康开展行动。"),
    ("本报永康4月3日讯（记者 王芳）近日，…", "本报永康4月3日讯（记者 王芳）", "近日，…"),
    ("（记者 张龙 通讯员 王芳）近日，开发区召开会议。", "（记者 张龙 通讯员 王芳）", "近日，开发区召开会议。"),
    ("本报讯 记者崔振波报道：近日，抚顺开展活动。", "本报讯 记者崔振波报道：", "近日，抚顺开展活动。"),
    ("■柯城采访小组 毛霄云 蓝晨“过去最愁卖茶叶”", "■柯城采访小组 毛霄云 蓝晨", "“过去最愁卖茶叶”"),
    ("近日，开发区召开会议。", None, "近日，开发区召开会议。"),
    ("（一）加强领导。", None, "（一）加强领导。"),
])
def test_lead_credit_is_cut_off_the_first_paragraph(text: str, credit: str | None, rest: str) -> None:
    assert split_lead_credit(text, RULES) == (credit, rest)


def test_trailing_credit_is_cut_off_the_last_paragraph() -> None:
    assert split_trailing_credit("活动圆满成功。（记者 张龙）", RULES) == ("活动圆满成功。", "（记者 张龙）")
    assert split_trailing_credit("活动圆满成功。（李之永）", RULES) == ("活动圆满成功。", "（李之永）")
    assert split_trailing_credit("成立了工作专班（领导小组）。", RULES)[1] is None
    assert split_trailing_credit("全年完成任务（详见附件）", RULES)[1] is None


def test_text_glued_into_a_credit_is_no_names() -> None:
    # a PDF tool read the next column's words into the bracket: they open like no names
    credit = parse_credit("本报讯（县融媒体记者 王伟 沿河步道的路灯和花坛都换了新）", RULES)
    assert credit.reporters == ["王伟"]
