"""Unit tests of cutting a page into stories: small pages laid out like the seeds."""

from civicnews.model import PageInfo
from civicnews.pipeline import extract_page

INFO = PageInfo(file="t.txt", publication="永康日报")

LONG = [
    "为进一步增强责任感和紧迫感，精",
    "细化、精准化落实文明卫生创建工作，现",
    "代农业装备高新区举行党工委班子扩大",
    "会、全体干部会议，传达市创建工作相关",
    "会议精神，部署高新区文明卫生创建工",
    "作，研究成立创建工作领导小组。",
]
BRIEF = [
    "连日来，现代农业装备高新区各班子",
    "成员分批带队开展企业大走访行动，",
    "深入了解企业一季度生产经营情况，",
    "全力争取实现一季度“开门红”。",
]
MORE = [
    "截至目前，该区已累计出动4394人",
    "次，挖机、拖拉机等121台次，规范出",
    "店经营826家，清理乱堆放966处，清",
    "运杂物、垃圾505车，新增车位800个。",
]


def titles(page: str) -> list[str]:
    return [a.headline.title.replace(" ", "") for a in extract_page(page, INFO).articles]


def test_headline_then_body() -> None:
    page = "\n".join(["多领域全面发动", "数智通跟踪整治", *LONG])
    assert titles(page) == ["多领域全面发动数智通跟踪整治"]


def test_brief_inside_a_long_story_with_title_after_body() -> None:
    page = "\n".join([
        "多领域全面发动", "数智通跟踪整治", *LONG,
        "本报讯（融媒见习记者 郑旭华）", *BRIEF,
        "现代农业装备高新区", "开展企业大走访行动", "力争首季“开门红”",
        "务实举措 多管齐下促落实", *MORE,
    ])
    result = extract_page(page, INFO)
    lead, brief = result.articles
    assert brief.headline.title.replace(" ", "") == "现代农业装备高新区开展企业大走访行动力争首季“开门红”"
    assert brief.credit.reporters == ["郑旭华"] and brief.credit.dateline == "本报讯"
    assert lead.subheads == ["务实举措 多管齐下促落实"]
    assert "截至目前" in lead.text and "截至目前" not in brief.text
    assert lead.credit.reporters == []


def test_trailing_byline_ends_a_story() -> None:
    page = "\n".join([
        "管理像绣花一样精细", "“一周一路”撑起开发区“高颜值”", *LONG, "融媒记者 潘燕佳",
        "奥度公司“破冰出海”收获丰", "本报讯（记者 吴怡婧）", *BRIEF,
    ])
    first, second = extract_page(page, INFO).articles
    assert first.credit.roles == {"潘燕佳": "融媒记者"}
    assert first.headline.kicker == "管理像绣花一样精细"
    assert second.headline.title == "奥度公司“破冰出海”收获丰"
    assert second.credit.reporters == ["吴怡婧"]


def test_slogan_at_page_foot_is_furniture_and_caption_found_its_story() -> None:
    page = "\n".join(["多领域全面发动", "数智通跟踪整治", *MORE, "▲清运垃圾杂物", "打造最有礼的城市"])
    result = extract_page(page, INFO)
    assert len(result.articles) == 1
    assert result.articles[0].captions == ["清运垃圾杂物"]
    assert "打造最有礼的城市" in result.furniture


def test_text_above_the_first_headline_joins_its_story() -> None:
    # laid out as on seed 002: the headline frame starts with the PDF tool's leading space and
    # a diagram's labels stand between the headline and the text
    page = "\n".join(["“创国卫是最大的民生工程，开发区", "全体干部职工要进入战时状态。”", "———朱长林",
                      " 经济开发区再研究再部署再动员", "", "全力以赴打好创国卫三大战役", "",
                      "建设范围，由规划建设分局负责", "永康经济开发区创卫分解图", *LONG])
    result = extract_page(page, INFO)
    assert len(result.articles) == 1
    article = result.articles[0]
    assert article.headline.kicker == "经济开发区再研究再部署再动员"
    assert article.text.startswith("“创国卫是最大的民生工程")


def test_nothing_is_lost_on_a_seed_like_page() -> None:
    page = "\n".join(["E 二十大精神在基层", "多领域全面发动", "数智通跟踪整治", *LONG, "融媒记者 潘燕佳"])
    result = extract_page(page, INFO)
    kept = "".join(result.furniture) + "".join(result.leftovers)
    for a in result.articles:
        kept += a.headline.title + "".join(a.paragraphs) + (a.credit.text or "")
    for ch in page:
        if "\u4e00" <= ch <= "\u9fff":
            assert ch in kept


def test_title_printed_after_a_byline_goes_to_the_story_before_it() -> None:
    # the two headline frames are apart as the PDF tool prints them: a new frame's leading space
    page = "\n".join([*LONG, "融媒记者 潘燕佳", "坚持发展第一要务 推动经济高质量发展", "开发区企业推动党的二十大精神落地见效",
                      " 管理像绣花一样精细 “一周一路”撑起开发区“高颜值”", "本报讯（记者 吴怡婧）", *BRIEF])
    first, second = extract_page(page, INFO).articles
    assert first.headline.title == "开发区企业推动党的二十大精神落地见效"
    assert first.credit.reporters == ["潘燕佳"]
    assert second.headline.title == "“一周一路”撑起开发区“高颜值”"


def test_byline_after_a_jump_line_stays_with_its_story() -> None:
    page = "\n".join(["多领域全面发动", "数智通跟踪整治", *LONG, "此次学习会后，千喜集团有限公司党支部组织全体(下转8版)", "融媒记者 潘燕佳"])
    (article,) = extract_page(page, INFO).articles
    assert article.continued_to == "8版"
    assert article.credit.reporters == ["潘燕佳"]


def test_districts_come_from_the_page_when_no_paper_is_known() -> None:
    page = "\n".join(["多领域全面发动", "数智通跟踪整治", *LONG, "融媒记者 潘燕佳", "奥度公司“破冰出海”收获丰", *BRIEF])
    result = extract_page(page, PageInfo(file="t.txt"))
    assert all("永康市" in a.districts for a in result.articles)
