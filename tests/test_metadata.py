"""Unit tests of credits (read by the credits stage), districts and campaigns."""

from civicnews.campaigns import find_campaigns
from civicnews.credits import parse_credit
from civicnews.districts import find_districts
from civicnews.model import Article, Headline, PageInfo, Section
from civicnews.rules import load_rules

RULES = load_rules()


def article(text: str, title: str = "标题") -> Article:
    return Article(PageInfo("x.txt"), 0, Headline(title=title), [Section(None, [text])])


def test_credit_with_two_roles() -> None:
    c = parse_credit("本报讯 （记者 黄淑妍 通讯员 胡晶晶 李丹丹）", RULES)
    assert c.reporters == ["黄淑妍", "胡晶晶", "李丹丹"]
    assert c.roles["李丹丹"] == "通讯员"


def test_trailing_byline_credit() -> None:
    assert parse_credit("融媒记者 潘燕佳", RULES).roles == {"潘燕佳": "融媒记者"}


def test_names_run_together() -> None:
    assert parse_credit("■柯城采访小组 毛霄云姚沐水", RULES).reporters == ["毛霄云", "姚沐水"]


def test_districts_home_and_aliases() -> None:
    info = PageInfo("x.txt", publication="永康日报")
    got = find_districts(article("经济开发区、芝英镇联合召开交接会，杭州客商到场。"), info, RULES)
    assert got == ["永康市", "永康经济开发区", "芝英镇"]


def test_districts_outside_home_only_when_located_there() -> None:
    info = PageInfo("x.txt", publication="柯城发布")
    assert find_districts(article("公司坐落于衢州市专业市场城内。"), info, RULES) == ["衢州市", "柯城区"]
    assert find_districts(article("衢州市的客户来访。"), info, RULES) == ["柯城区"]


def test_districts_without_manifest_use_most_named_county() -> None:
    got = find_districts(article("柯城区石梁镇双溪村，柯城区委书记到场。"), PageInfo("x.txt"), RULES)
    assert got == ["柯城区", "石梁镇"]


def test_campaigns_need_two_hits_or_headline() -> None:
    assert find_campaigns(article("创卫工作，创国卫攻坚。"), RULES) == ["卫生城市创建"]
    assert find_campaigns(article("开展创卫。"), RULES) == []
    assert "文明城市创建" in find_campaigns(article("无关。", title="打好创文攻坚战"), RULES)


def test_word_cuts_agree_with_jieba_without_hmm() -> None:
    """The boundary check reads jieba's word list itself; it must cut where jieba.lcut(HMM=False)
    does, at every position next to the text jieba segments (seed pages, every window)."""
    import re
    from pathlib import Path

    import jieba
    from civicnews.mentions import SEGMENT_BLOCK, word_cuts

    pages = sorted((Path(__file__).resolve().parents[1] / "articles" / "pages").glob("*.txt"))
    text = re.sub(r"\s+", "", "".join(p.read_text(encoding="utf-8") for p in pages))
    assert len(text) > 5000
    for start in range(0, len(text) - 40, 37):
        window = text[start : start + 9 + start % 23]
        expected, position = {0}, 0
        for token in jieba.lcut(window, HMM=False):
            position += len(token)
            expected.add(position)
        near = {i for m in SEGMENT_BLOCK.finditer(window) for i in range(m.start(), m.end() + 1)}
        assert word_cuts(window) & near == expected & near, window


def test_event_dates_found_around_each_month_as_the_pattern_finds_them() -> None:
    """event_dates looks only around 月; it must find what EVENT_DATE.finditer finds."""
    import random

    from civicnews.metadata import event_dates
    from civicnews.patterns import EVENT_DATE

    rng = random.Random(3)
    alphabet = "0123456789年月日上午下午晚初中旬时分，。１２"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        assert event_dates(text) == [m.group(0) for m in EVENT_DATE.finditer(text)], text


def test_a_regions_renamed_towns_are_read_without_a_copy_of_its_towns() -> None:
    """renamed_town_county keeps per region (a city, a province) only which counties are in it:
    a memo of each town base's owners was ~0.2-0.5 MB a province and 5 MB in a 1k build's
    extraction worker. The answer is the same (叶坪乡 of 赣州市 is 瑞金市's)."""
    import gc
    import tracemalloc

    from civicnews import districts

    gaz = RULES.gazetteer
    sichuan, ganzhou = gaz.codes("四川省")[0], gaz.codes("赣州市")[0]
    districts.renamed_town_county("叶坪乡开展宣讲", sichuan, RULES)  # the other caches, warm
    # forget the province in renamed_town_county's own memo only: other memos are filled whole
    # once (a key missing there reads as "no such place") and later tests would see that
    gaz.memo("region_town_counties").pop(sichuan, None)
    gc.collect()
    tracemalloc.start()
    try:
        districts.renamed_town_county("叶坪乡开展宣讲", sichuan, RULES)
        gc.collect()
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept < 50_000
    assert gaz.divisions[districts.renamed_town_county("叶坪乡开展红色文化宣讲", ganzhou, RULES)].name \
        == "瑞金市"
