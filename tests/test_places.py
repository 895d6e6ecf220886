"""The national gazetteer and the district tagger on real text: the 义乌 case, the corpus
splits (scored by ../shared/tools/score.py) and the seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from civicnews.districts import find_districts
from civicnews.fit.corpus import SHARED, available
from civicnews.home import home_place, page_home
from civicnews.model import Article, Headline, PageInfo, Section
from civicnews.pipeline import extract_page
from civicnews.places import build_gazetteer
from civicnews.rules import load_rules
from districts_eval import SCORE, carried, evaluate, resite, score_probes

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules()
GAZ = RULES.gazetteer

# Floors measured on this branch (tests/districts_eval.py); they only go up, with a reason.
# fit: the part the tagger was tuned on; val: held out, never looked at article by article.
FIT_FLOOR = 0.975  # measured 0.983 after s19 and after s20 (0.979 after s18, 0.971 after s17, 0.961 after s16, 0.934 before); a little below, for jieba or data updates
VAL_FLOOR = 0.86  # measured once at the end of s28: 0.876 (rules chosen on probes, not this split); at the end of s20: 0.875 (unchanged by s20's rules); at the end of s19: 0.875 (main before it: 0.858); 0.853 at the end of s16, s17 and s18 (0.828 before); a little below

# tests/districts_eval.py resite on the fitting part: measured 0.980 at the end of s38 (0.972 before
# its site-name fixes); a little below
RESITE_FLOOR = 0.975
# tests/districts_eval.py carried on the fitting part: measured 0.775 at the end of s39 (0.608 before
# story_elsewhere read towns, several places and self-references of another kind; their text alone, hidden mode,
# gives 0.892); 0.791 after s40's lead rule, 0.814 after s41's voice_elsewhere (我县庆祖镇, 来冠县); a little below
CARRIED_FLOOR = 0.80

needs_corpus = pytest.mark.skipif(not available(), reason="../shared/corpus is not beside the checkout")


def article(text: str, title: str = "标题") -> Article:
    return Article(PageInfo("x.txt"), 0, Headline(title=title), [Section(None, [text])])


def names(codes: list[str]) -> list[str]:
    return [GAZ.divisions[c].name for c in codes]


def test_the_national_levels_are_all_there() -> None:
    levels: dict[str, int] = {}
    for div in GAZ.divisions.values():
        levels[div.level] = levels.get(div.level, 0) + 1
    assert levels["province"] >= 31 and levels["city"] >= 300
    assert levels["county"] >= 2800 and levels["town"] >= 38000
    county = GAZ.codes("柯城区")[0]
    assert names(GAZ.path(county)) == ["浙江省", "衢州市", "柯城区"]
    assert "柯城" in GAZ.divisions[county].spellings


def test_the_editor_entry_wins() -> None:
    gaz = build_gazetteer([{"name": "义乌经济开发区", "parent": "义乌市", "level": "zone", "aliases": ["开发区"]}],
                          ("开发区",))
    (zone,) = gaz.codes("开发区")
    assert gaz.divisions[zone].name == "义乌经济开发区"
    assert gaz.divisions[gaz.county_of(zone)].name == "义乌市"


def test_yiwu_page_is_tagged_yiwu_and_no_yongkang_place() -> None:
    page = next((ROOT / "articles" / "pages").glob("001_*.txt"))
    text = page.read_text(encoding="utf-8").replace("永康", "义乌")
    result = extract_page(text, PageInfo(page.name, publication="义乌商报"))
    yongkang = {GAZ.divisions[c].name for c in GAZ.divisions
                if GAZ.within(c, GAZ.codes("永康市")[0])} | {"永康市"}
    assert result.articles
    for art in result.articles:
        assert "义乌市" in art.districts
        assert not yongkang & set(art.districts), art.districts


def test_home_from_the_publication_name() -> None:
    assert names([home_place(PageInfo("x", publication="阳新县融媒体中心"), RULES)]) == ["阳新县"]
    assert home_place(PageInfo("x", publication="新华网"), RULES) is None


def test_ambiguous_town_resolved_by_the_story_county() -> None:
    got = find_districts(article("汉阴县城关镇举行教师节座谈表彰会。城关镇中心学校到场。"), PageInfo("x.txt"), RULES)
    assert got == ["汉阴县", "城关镇"]


def test_places_merely_mentioned_are_not_tagged() -> None:
    info = PageInfo("x.txt", publication="义乌商报")
    got = find_districts(article("金华市领导来义乌调研，产品销往上海。", title="稠城街道开展垃圾分类"), info, RULES)
    assert got == ["义乌市", "稠城街道"]


@needs_corpus
@pytest.mark.parametrize(("split", "floor"), [("fit", FIT_FLOOR), ("val", VAL_FLOOR)])
def test_corpus_districts_floor(split: str, floor: float) -> None:
    summary, _pairs = evaluate(split)
    assert summary["districts_f1"] >= floor


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/gold is not beside the checkout")
def test_seed_districts_stay_perfect(tmp_path: Path) -> None:
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "civicnews.cli", "extract", str(SHARED / "seeds"), "--out", str(out)],
                   check=True, capture_output=True)
    run = subprocess.run([sys.executable, str(SCORE), str(SHARED / "gold"), str(out)],
                         check=True, capture_output=True, text=True)
    assert "districts_f1=1.000" in run.stdout.strip().splitlines()[-1]


def tagged(text: str, title: str = "标题", publication: str | None = None) -> list[str]:
    art = article(text, title)
    return find_districts(art, PageInfo("x.txt", publication=publication), RULES)


def test_a_town_written_after_its_county_is_that_countys() -> None:
    # the national list files 九合镇 under 安宁区 and has no 公堂乡: the text's own order wins
    assert tagged("皋兰县九合镇中心村召开村民大会。") == ["皋兰县", "九合镇"]
    assert tagged("当雄县公堂乡拉根村牧民转往冬季牧场。") == ["当雄县", "公堂乡"]


def test_words_after_a_county_that_are_no_town() -> None:
    assert tagged("开化县的小城镇环境综合整治，全县所有乡镇参加。", publication="开化县融媒体中心") == ["开化县"]


def test_towns_listed_by_short_form_before_a_word_for_towns() -> None:
    got = tagged("记者深入石梁、航埠等乡镇采访。", publication="柯城发布")
    assert got == ["柯城区", "石梁镇", "航埠镇"]


def test_a_zone_named_after_its_city() -> None:
    got = tagged("采访团走进安顺经开区，来到幺铺镇。", publication="人民网-贵州频道")
    assert "安顺经济技术开发区" in got and "幺铺镇" in got


def test_visitors_place_is_not_the_storys() -> None:
    got = tagged("乐山市政协副主席带队到我县视察。视察组来到民胜镇。", title="乐山市政协到我县开展视察")
    assert got == ["通江县", "民胜镇"]


def test_banner_written_the_short_way() -> None:
    assert tagged("科左中旗政务服务大厅推出午间服务。") == ["科尔沁左翼中旗"]


def test_a_story_over_several_counties_of_a_city_is_the_citys() -> None:
    got = tagged("我市阜宁县、射阳县入选，大纵湖镇、万盈镇、楼王镇、冈西镇获评卫生乡镇。", publication="盐城新闻网")
    assert got[:3] == ["盐城市", "阜宁县", "射阳县"]
    assert {"大纵湖镇", "万盈镇", "楼王镇", "冈西镇"} <= set(got)


def test_counties_listed_before_a_word_for_counties() -> None:
    got = tagged("考核结果公布，儋州、东方、陵水等三市县被通报。", publication="新浪海南")
    assert {"儋州市", "东方市", "陵水黎族自治县"} <= set(got)


def test_a_shared_town_name_goes_to_the_county_whose_towns_come_with_it() -> None:
    # five counties have a 白鹤镇; only 天台县 also has 洪畴 and 福溪
    got = tagged("白鹤镇下郭洋村开通公交，洪畴、福溪支线同时开通。")
    assert got[:2] == ["天台县", "白鹤镇"]


def test_a_towns_own_site_tags_the_town() -> None:
    assert tagged("我镇开展防溺水宣传活动。", publication="灌南县百禄镇人民政府") == ["灌南县", "百禄镇"]


def test_a_shared_town_name_with_nothing_else_said_is_not_guessed() -> None:
    # four counties have a 枫林镇 and the story names no other place: the town only, no county
    assert tagged("枫林镇多部门联合检查辖区企业。", title="枫林镇开展节前消防隐患大排查") == ["枫林镇"]


def test_a_town_written_with_another_suffix_than_the_lists() -> None:
    # the list has 白鹤镇 in 天台县; a story (or an older text) writes 白鹤乡: that town, as written
    assert tagged("白鹤乡召开防汛工作会议。", publication="天台县融媒体中心") == ["天台县", "白鹤乡"]
    # but not a suffix followed by 村 (白鹤乡村 is 白鹤 + 乡村)
    assert tagged("推进白鹤乡村振兴工作。", publication="天台县融媒体中心") == ["天台县"]


def test_a_towns_other_suffix_in_the_headline_is_kept_as_written() -> None:
    # the list has 叶坪镇 in 瑞金市; a headline writing 叶坪乡 names the town as written, not the list's
    got = tagged("近日，叶坪乡组织宣讲员走进村组。", title="叶坪乡开展红色文化宣讲活动", publication="瑞金市融媒体中心")
    assert got == ["瑞金市", "叶坪乡"]


def test_a_provincial_storys_listed_cities_are_its_places() -> None:
    assert tagged("中央文明委公布名单，赣州市、吉安市、上饶市入选。", title="赣州、吉安、上饶入选全国文明城市提名城市",
                  publication="江西日报") == ["赣州市", "吉安市", "上饶市"]
    got = tagged("入汛以来，岳阳、常德等地先后开展防汛抢险综合演练。", title="防汛抢险演练", publication="湖南日报")
    assert got == ["岳阳市", "常德市"]
    # one of them named again (where they met) is still one of the list
    got = tagged("成都、德阳、眉山、资阳四市在成都签订协议。", title="四市签订公共服务共建共享协议", publication="四川日报")
    assert got == ["成都市", "德阳市", "眉山市", "资阳市"]
    # a market's cities are no list of the story's places
    assert tagged("百丈镇高山蔬菜销往杭州、宁波、上海等地。", title="泰顺县百丈镇：高山蔬菜俏销",
                  publication="浙江日报") == ["泰顺县", "百丈镇"]


def test_a_countys_own_organs_gone_elsewhere_keep_the_story_the_papers() -> None:
    text = "6月12日，区党政代表团赴贵州省安顺市普定县开展东西部协作对接。代表团深入普定县马官镇、化处镇考察。"
    assert tagged(text, title="区党政代表团赴普定县开展东西部协作对接", publication="海曙发布") == ["海曙区"]
    # a story carried from another 县 whose own 县 organs act: still that county's
    text = "宝清县夹信子镇开展禁烧巡查。县委书记到夹信子镇检查。宝清县要求各乡镇压实责任。"
    assert tagged(text, title="宝清县夹信子镇禁烧管控进行时", publication="庆元日报")[0] == "宝清县"


def test_a_headlines_list_of_counties_is_a_no_place_storys_places() -> None:
    text = "近日，记者走进娄底市新化县、邵阳市隆回县，采访乡村振兴工作。"
    assert tagged(text, title="记者走进新化、隆回采访乡村振兴", publication="红网") == ["新化县", "隆回县"]


def test_counties_speaking_at_a_citys_meeting_are_not_its_places() -> None:
    text = "全市文明城市创建推进会召开。会上，芙蓉区、天心区、岳麓区作交流发言。"
    assert tagged(text, title="全市文明城市创建推进会召开", publication="长沙晚报") == ["长沙市"]


def test_a_city_papers_headline_town_with_another_suffix_points_at_its_county() -> None:
    got = tagged("近日，叶坪乡组织宣讲员走进村组。", title="叶坪乡开展红色文化宣讲活动", publication="赣州日报")
    assert got == ["瑞金市", "叶坪乡"]
    # … or its body, for a story that names no county of the city (towns are raised from 乡 to 镇
    # every year; a story keeps the name of its day)
    got = tagged("近日，县领导带队来到叶坪乡，察看红色旅游项目。", title="红色旅游项目建设加快推进", publication="赣州日报")
    assert got == ["瑞金市", "叶坪乡"]
    # counties of the city named in full decide instead: a city's story stays the city's
    got = tagged("全市红色旅游推进会召开。于都县、兴国县介绍经验，与会人员参观了叶坪乡红色景点。",
                 title="全市红色旅游推进会召开", publication="赣州日报")
    assert got[0] == "赣州市" and "瑞金市" not in got


def test_a_provincial_papers_town_with_another_suffix_points_at_its_county() -> None:
    # the list has 叶坪镇 of 瑞金市 only in 江西: a provincial paper's story writing 叶坪乡 is 瑞金's
    got = tagged("近日，叶坪乡组织宣讲员走进村组，宣讲红色故事。", title="红色文化宣讲进村组", publication="江西日报")
    assert got == ["瑞金市", "叶坪乡"]
    # a name towns of several counties of the province bear as written is theirs, no other
    # town renamed (龙潭镇 of three counties of 湖南, and a 龙潭乡 raised to 镇 elsewhere)
    got = tagged("近日，龙潭镇召开防汛工作会议，部署汛期工作。", title="龙潭镇召开防汛工作会议", publication="湖南日报")
    assert got == ["龙潭镇"]


def test_a_town_with_another_suffix_places_a_story_whose_paper_gives_no_place() -> None:
    # no paper's place: the list has 沙洲坝镇 in 瑞金市 alone, so 沙洲坝乡 is 瑞金's, as written;
    # the list's 坝乡 (of 加查县) inside the name is no place of the story
    got = tagged("沙洲坝乡加快红井景区提质升级。", title="沙洲坝乡：红井景区提质升级")
    assert got == ["瑞金市", "沙洲坝乡"]
    # 叶坪镇 is in 瑞金市 and in 汉滨区: the town as written, no county guessed
    assert tagged("近日，叶坪乡组织宣讲员走进村组。", title="叶坪乡开展红色文化宣讲活动") == ["叶坪乡"]
    # a name the list has as written is that town (张庄乡 of 淮滨县), not a renamed 张庄镇
    assert tagged("张庄乡开展义务植树。") == ["淮滨县", "张庄乡"]
    # the paper's county decides as before
    assert tagged("沙洲坝乡加快红井景区提质升级。", publication="瑞金市融媒体中心") == ["瑞金市", "沙洲坝乡"]


def test_a_town_named_only_where_a_road_begins_or_ends_is_not_the_storys() -> None:
    # the road runs from 石梁镇 (where the works are) to the provincial road in 万田乡: 万田乡 only ends it
    text = ("在石梁镇施工现场，工人正在铺设路面。该道路西起于石梁镇集镇，"
            "东止于与省道（万田乡境内）相接处，全长5公里。")
    assert tagged(text, title="乡村道路提升工程加快推进", publication="柯城区融媒体中心") == ["柯城区", "石梁镇"]
    # a town the story names elsewhere too stays its place
    text += "道路建成后，万田乡群众出行更加方便。"
    assert tagged(text, title="乡村道路提升工程加快推进", publication="柯城区融媒体中心") == ["柯城区", "石梁镇", "万田乡"]


def test_a_countys_short_form_before_qu_is_no_district_unless_a_qu() -> None:
    # 贵安新区 holds 安新 (安新县) before 区: no 安新区, and 安新县 is no place of the story
    assert "安新县" not in tagged("在贵安新区，一批大型数据中心正在加快建设。", title="贵安新区：数据中心集群加快建设")


# The project's own probe stories (tests/eval/district_probes.json: 725 short local-news stories
# composed for issue 10, not taken from any source, each annotated by hand before the tagger ran,
# 31 provinces; s30a-i by stop 30's first helper, s30j-n by its second, s31a-j (161) at stop 31:
# big cities' 街道, zones, autonomous places, paired support and trade, papers that spell no
# place, villages, prose words; s32a-m (173) at stop 32: names that hold a place's name (lakes,
# rivers, roads, spirits, firms), guests, helpers, neighbours, rankings, regional papers, new
# areas and old districts the list lacks, longer stories, the paper's own place in those words);
# s33a-c (111) at stop 33, blind batches from the provinces the others covered least: town names
# several counties share, county papers naming only towns, longer stories naming many places in
# passing, 城关镇 and towns named like cities or words; each story carries its kind).
# At stop 31 the 441 measured 0.996 / 0.922 / 0.952 / 0.945 (papers given / hidden / widened to
# city / to province); at stop 32 the 614 measure 0.995 / 0.932 / 0.959 / 0.952 (main f640a49:
# 0.981 / 0.907 / 0.946 / 0.937); at stop 33 the 725 measure 0.995 / 0.925 / 0.957 / 0.949 (main
# fa9cf6f: 0.993 / 0.920 / 0.955 / 0.947). The floors sit about 0.015 below, the margin the earlier floors
# kept, for jieba or data updates (hidden went up from 0.90 at stop 32).
PROBE_FLOORS = {False: 0.98, "hidden": 0.91, "city": 0.94, "province": 0.93}


@pytest.mark.parametrize("widen", list(PROBE_FLOORS))
def test_own_probe_stories_floor(widen: bool | str) -> None:
    assert score_probes([ROOT / "tests" / "eval" / "district_probes.json"], widen) >= PROBE_FLOORS[widen]


def test_towns_of_a_city_without_counties_by_short_form() -> None:
    # 东莞 has towns and no counties: its towns' short forms are read as a county's are
    assert tagged("镇里开展安全检查。", title="石排：开展安全检查", publication="东莞日报") == ["东莞市", "石排镇"]
    assert tagged("茶山、石排两镇开展安全检查。", publication="东莞日报") == ["东莞市", "茶山镇", "石排镇"]


def test_towns_among_the_units_attending_are_not_the_storys() -> None:
    text = "县政府召开防汛会议，部署汛期工作。县水利局、天坛镇、北王镇负责同志参加会议。"
    assert tagged(text, publication="浮山县融媒体中心") == ["浮山县"]
    text = "天坛镇召开防汛会议，部署汛期工作。县水利局负责同志参加会议。"
    assert tagged(text, publication="浮山县融媒体中心") == ["浮山县", "天坛镇"]


def test_a_headline_about_a_citys_zone_tags_the_zone_not_the_city() -> None:
    text = "安顺市组织采访团走进安顺经开区，来到幺铺镇。安顺市有关负责人介绍情况。"
    got = tagged(text, title="采访团聚焦经开区", publication="人民网-贵州频道")
    assert got == ["幺铺镇", "安顺经济技术开发区"]
    assert "安顺市" in tagged(text, title="采访团走进安顺", publication="人民网-贵州频道")


def test_a_citys_short_form_is_a_place_even_when_jieba_knows_it_as_a_word() -> None:
    # jieba's dictionary has 桂林 and 孝感 often, tagged as names: a prefecture's short form is
    # still the place; a county's that is an ordinary word (光明, 东方) is not
    home = {p: home_place(PageInfo("x", publication=p), RULES) for p in ("桂林晚报", "孝感日报", "光明日报")}
    assert GAZ.divisions[home["桂林晚报"]].name == "桂林市"
    assert GAZ.divisions[home["孝感日报"]].name == "孝感市"
    assert home["光明日报"] is None


def test_town_hints_only_where_the_short_form_stands_as_a_word() -> None:
    from civicnews.mentions import on_word_boundaries

    assert GAZ.towns_written_short("确保平安过年")  # 保平 is some counties' town short form…
    assert GAZ.towns_written_short("确保平安过年", on_word_boundaries) == {}  # …but cut across 确保


def test_probes_widen_the_papers_place() -> None:
    from districts_eval import widened

    assert widened("阳新县融媒体中心", RULES) == "阳新县融媒体中心"
    assert widened("阳新县融媒体中心", RULES, "hidden") is None
    assert widened("阳新县融媒体中心", RULES, "city") == "黄石市"
    assert widened("阳新县融媒体中心", RULES, "province") == "湖北省"
    assert widened("北京市海淀区人大常委会", RULES, "city") == "北京市"  # no city level: the province


def test_each_tune_trial_starts_from_the_shipped_settings_and_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    # A trial's settings and gazetteer must not outlive it: the gazetteer built for
    # district_common_word_freq once stayed on the shared Rules, and every row after it was
    # measured on that gazetteer. Stand-ins for the build and the scoring (seconds each): what
    # is checked is which settings and gazetteer each trial is measured on.
    import dataclasses

    import districts_eval
    from civicnews import places
    from civicnews.settings import SETTINGS

    built: list[object] = []
    seen: list[tuple[object, set[object]]] = []

    def build(*_args: object) -> object:
        built.append(object())
        return built[-1]

    def evaluate(split: str, rules: object, hidden: bool | str = False) -> tuple[dict[str, float], list]:
        modules = (*districts_eval.TAGGER, places)
        seen.append((load_rules().gazetteer, {m.SETTINGS for m in modules if hasattr(m, "SETTINGS")}))
        if len(seen) == 5:
            raise RuntimeError("a trial that fails")
        return {"districts_f1": 1.0}, []

    monkeypatch.setattr(places, "build_gazetteer", build)
    monkeypatch.setattr(districts_eval, "evaluate", evaluate)
    monkeypatch.setattr(districts_eval, "TUNE", {"district_common_word_freq": (1000,),
                                                 "district_attend_gap": (0,), "district_located_gap": (4,)})
    try:
        with pytest.raises(RuntimeError):
            districts_eval.tune()
        rows = [(built[0], {dataclasses.replace(SETTINGS, district_common_word_freq=1000)})] * 2
        rows += [(GAZ, {dataclasses.replace(SETTINGS, district_attend_gap=0)})] * 2
        rows += [(GAZ, {dataclasses.replace(SETTINGS, district_located_gap=4)})]
        assert seen == rows  # (given and hidden: one trial, twice)
        left = {m.SETTINGS for m in (*districts_eval.TAGGER, places) if hasattr(m, "SETTINGS")}
        assert load_rules().gazetteer is GAZ and left == {SETTINGS}  # the failed trial too
    finally:  # (for the tests after this one, should the trials leak)
        districts_eval.use_settings(SETTINGS)
        RULES.__dict__["gazetteer"] = GAZ


def test_an_ethnic_township_written_without_its_nationality() -> None:
    # 定远县's 二龙回族乡, written 二龙乡: that town, as written; its full name as itself
    assert tagged("二龙乡组织开展防汛演练。", publication="定远县融媒体中心") == ["定远县", "二龙乡"]
    assert tagged("二龙回族乡组织开展防汛演练。", publication="定远县融媒体中心") == ["定远县", "二龙回族乡"]


def test_a_story_about_one_town_of_a_city_is_its_countys_not_the_citys() -> None:
    # a national site: the headline names the city, the text one county and one of its towns
    text = "衢州市柯城区石梁镇开展河道整治，衢州有关部门到场指导。"
    assert tagged(text, title="衢州整治河道", publication="中国新闻网") == ["柯城区", "石梁镇"]
    # towns of two counties: a story about the city
    text = "衢州市柯城区石梁镇、江山市贺村镇开展河道整治，衢州有关部门到场指导。"
    assert tagged(text, title="衢州整治河道", publication="中国新闻网")[0] == "衢州市"


def test_a_shared_town_name_is_read_as_the_seat_of_the_county_it_is_named_after() -> None:
    # two counties have a 济阳街道; one of them is 济阳区, whose seat it is
    assert tagged("韩家社区联合济阳街道开展垃圾分类宣传。", title="济阳街道开展垃圾分类宣传") == ["济阳区", "济阳街道"]


def test_a_site_known_only_by_its_address_is_placed_by_the_pinyin_it_spells() -> None:
    def paged(text: str, publication: str) -> list[str]:
        art, info = article(text, "确保营商环境优化"), PageInfo("x.txt", publication=publication)
        return find_districts(art, info, RULES, fallback_home=page_home([art], info, RULES))

    # the story names no place: the address is all there is (a last resort)
    assert paged("我市召开优化营商环境推进会，部署下步工作。", "www.macheng.com.cn") == ["麻城市"]
    # a place the story names wins over the address; an address that spells no place gives none
    assert paged("黄梅县召开推进会，部署下步工作。", "www.macheng.com.cn") == ["黄梅县"]
    assert paged("我市召开优化营商环境推进会，部署下步工作。", "i.xpaper.net/jrym") == []


def test_a_name_hidden_by_a_short_form_that_cuts_across_words_is_read() -> None:
    # 和龙 (和龙市) matches first in 安民街道和龙门街道 and is no place there; 龙门街道 is
    text = "副市长来到安民街道和龙门街道老旧小区改造试点现场调研。"
    assert tagged(text, publication="龙井市人民政府") == ["龙井市", "安民街道", "龙门街道"]


def test_a_paper_whose_name_only_seems_to_spell_a_place_does_not_outweigh_the_text() -> None:
    # 华龙网 is 重庆's portal, not a paper of 濮阳's 华龙区; 新民晚报 is 上海's, not 新民市's
    assert tagged("重庆市石柱县召开防汛工作会议。", publication="华龙网") == ["石柱土家族自治县"]
    assert tagged("上海市静安区开展旧衣回收宣传活动。", publication="新民晚报") == ["静安区"]
    # a town of the paper's own county, filed elsewhere in the national list, is no such sign
    assert tagged("县领导在张庄乡参加义务植树活动。", publication="今日浮山")[0] == "浮山县"


def test_a_story_about_a_whole_city_that_is_a_province_is_the_citys() -> None:
    # 北京 is a province-level city: a story about all of it is 北京市's, one about a district the district's
    assert tagged("全市开展旧衣回收宣传活动，各区积极参与。", publication="北京日报") == ["北京市"]
    assert tagged("北京市朝阳区望京街道开展旧衣回收宣传活动。", publication="北京日报") == ["朝阳区", "望京街道"]


def test_a_papers_name_several_counties_share_is_read_by_the_storys_towns() -> None:
    # 北京 and 南通 each have a 通州区; the story's 刘桥镇 lies only in 南通's
    text = "7月9日下午，刘桥镇召开全镇安全生产重点工作推进会，各村书记参加。"
    art, info = article(text, "刘桥镇召开安全生产推进会"), PageInfo("x.txt", publication="通州区人民政府")
    got = find_districts(art, info, RULES, fallback_home=page_home([art], info, RULES))
    assert got == ["通州区", "刘桥镇"]
    assert names([page_home([art], info, RULES)]) == ["通州区"]
    assert GAZ.divisions[page_home([art], info, RULES)].parent == GAZ.codes("南通市")[0]


def test_a_county_a_citys_story_names_once_in_passing_is_not_the_storys() -> None:
    body = ("近年来，海西蒙古族藏族自治州着力改善农牧区村容村貌。海西州新建改建农村户厕近三万座，"
            "拟在{}开展农村污水处理试点。海西州农村垃圾收运处置体系覆盖率超过99%。")
    title = "海西州牧区村庄面貌焕然一新"
    # named once, alone, with none of its towns: in passing
    assert tagged(body.format("都兰县"), title=title, publication="青海新闻网") == ["海西蒙古族藏族自治州"]
    # named twice, or in a list with another place, or in the headline: the story's
    twice = body.format("都兰县") + "都兰县已完成项目初步设计。"
    assert "都兰县" in tagged(twice, title=title, publication="青海新闻网")
    listed = tagged(body.format("都兰县、格尔木市"), title=title, publication="青海新闻网")
    assert "都兰县" in listed and "格尔木市" in listed
    assert "都兰县" in tagged(body.format("都兰县"), title="海西州都兰县环境焕发新容颜", publication="青海新闻网")


def test_a_story_a_county_paper_carries_from_another_county_is_that_countys() -> None:
    title = "宝清县夹信子镇秸秆禁烧管控进行时"
    text = "连日来，夹信子镇组织干部深入田间地头巡查，严防秸秆焚烧。"
    # the paper's name spells its county in full (not a short form that may only seem a place)
    art, info = article(text, title), PageInfo("x.txt", publication="庆元县融媒体中心")
    assert find_districts(art, info, RULES) == ["宝清县", "夹信子镇"]
    # the paper's own place named, or 我县 said: the paper's story, visitors and all
    assert find_districts(article("宝清县考察团来我县考察学习。", "宝清县考察团来我县考察"), info, RULES) == ["庆元县"]
    assert find_districts(article("宝清县考察团到庆元考察学习。", "宝清县考察团到庆元考察"), info, RULES)[0] == "庆元县"
    # another county named once in the body only: in passing, the paper's
    assert find_districts(article("县领导会见宝清县客人一行。", "县领导会见客人"), info, RULES) == ["庆元县"]


def test_a_story_naming_only_another_countys_town_is_not_the_papers() -> None:
    # 夹信子镇 is 宝清县's town only: a 庆元 paper carrying its story does not make it 庆元县's
    text = "连日来，夹信子镇组织干部深入田间地头巡查，严防秸秆焚烧。"
    info = PageInfo("x.txt", publication="庆元县融媒体中心")
    assert find_districts(article(text, "夹信子镇秸秆禁烧管控进行时"), info, RULES) == ["宝清县", "夹信子镇"]
    # a town several counties have, none of them the paper's: the town, at the level that is certain
    story = article("枫林镇开展节前消防隐患大排查。", "枫林镇开展消防隐患大排查")
    assert find_districts(story, info, RULES) == ["枫林镇"]
    # the paper's own town, written with another suffix than the list's, is the paper's
    # (the list has 浮山县's 张庄镇 and 淮滨县's 张庄乡)
    fushan = PageInfo("x.txt", publication="浮山县融媒体中心")
    assert find_districts(article("张庄乡开展植树活动。", "张庄乡开展植树活动"), fushan, RULES)[0] == "浮山县"
    # 我县 said, or the town named once in passing in the body: the paper's story
    assert find_districts(article("我县干部赴夹信子镇学习禁烧经验。", "干部外出学习"), info, RULES) == ["庆元县"]
    assert find_districts(article("县领导会见夹信子镇客人一行。", "县领导会见客人"), info, RULES) == ["庆元县"]


def test_a_story_that_says_another_kind_of_place_is_its_own_is_not_the_papers() -> None:
    text = "市人大领导到我县调研，先后来到庆祖镇、八公桥镇，听取乡镇人大工作汇报。"
    title = "市人大领导到我县调研乡镇人大工作"
    # 我县 in a 区's paper is another county speaking: its towns (of 濮阳县) decide
    assert tagged(text, title, publication="西城区融媒体中心") == ["濮阳县", "庆祖镇", "八公桥镇"]
    # in a 县's paper 我县 is the paper's own, whatever it names
    assert tagged(text, title, publication="庆元县融媒体中心") == ["庆元县"]
    # 我区 in a 区's paper: its own
    assert tagged(text.replace("我县", "我区"), title, publication="西城区融媒体中心") == ["西城区"]
    # two places of elsewhere named, none of the paper's: another's story; places its people went to: its own
    two = "庆祖镇、八公桥镇开展乡镇人大代表述职评议，代表们听取了汇报。"
    assert tagged(two, "乡镇人大开展述职评议", publication="庆元县融媒体中心")[0] == "濮阳县"
    went = "干部赴庆祖镇、八公桥镇学习乡镇人大工作经验。"
    assert tagged(went, "干部外出学习", publication="庆元县融媒体中心") == ["庆元县"]


def test_the_pages_place_is_not_given_to_a_story_that_names_only_places_elsewhere() -> None:
    # no paper's name; the page's other story is 兴安县's; this one names only 枫林镇 (of other counties)
    other = article("兴安县召开防汛工作会议，兴安县各乡镇参加。", "兴安县召开防汛会议")
    story = article("枫林镇开展节前消防隐患大排查。", "枫林镇开展消防隐患大排查")
    info = PageInfo("x.txt")
    home = page_home([other, story], info, RULES)
    assert names([home]) == ["兴安县"]
    assert find_districts(story, info, RULES, fallback_home=home) == ["枫林镇"]
    # a story naming no place at all still takes the page's
    plain = article("县政协召开常委会议，研究部署全年工作。", "县政协召开常委会议")
    assert find_districts(plain, info, RULES, fallback_home=home) == ["兴安县"]


def test_an_address_whose_pinyin_several_counties_share_is_read_by_the_storys_towns() -> None:
    def paged(text: str, publication: str) -> list[str]:
        art, info = article(text, "安全生产大检查"), PageInfo("x.txt", publication=publication)
        return find_districts(art, info, RULES, fallback_home=page_home([art], info, RULES))

    # yangxin spells 阳新县 and 阳信县; 枫林镇 is a town of four counties, 阳新's among them
    assert paged("枫林镇开展节前消防隐患大排查。", "www.yangxin.gov.cn") == ["阳新县", "枫林镇"]
    # a story naming nothing that tells them apart: no guess
    assert paged("我县开展节前消防隐患大排查。", "www.yangxin.gov.cn") == []


def test_a_citys_story_that_goes_to_several_of_its_counties_is_the_citys_and_each_countys() -> None:
    # a city paper's tour: the city and every county its people went to, with their towns
    text = "市政协主席带领委员视察了柯城区石梁镇的项目，又前往江山市贺村镇察看河道整治。"
    got = tagged(text, title="市政协视察重点项目", publication="衢州日报")
    assert got[:3] == ["衢州市", "柯城区", "江山市"] and {"石梁镇", "贺村镇"} <= set(got)
    # a list after one word of going: each county of it
    text = "市人大常委会主任赴柯城区、开发区、江山市调研。柯城区汇报了工作。"
    assert tagged(text, title="市人大调研", publication="衢州日报")[:3] == ["衢州市", "柯城区", "江山市"]
    # goods sold to another county: no one went there
    text = "江山市贺村镇的茶叶销售到常山县，带动农户增收。贺村镇将扩大种植。"
    assert tagged(text, title="江山茶叶销路广", publication="衢州日报") == ["江山市", "贺村镇"]
    # a county's own paper going to a neighbour: not the neighbour's story
    text = "我区党政代表团赴江山市考察学习，先后走进江山市贺村镇。"
    assert tagged(text, title="县党政代表团赴江山考察", publication="柯城发布") == ["柯城区"]
    # a county's delegation in another city, printed by its city's paper: not that city's county's
    text = "柯城区考察团先后来到余杭区的产业园考察。柯城区将借鉴经验。"
    assert tagged(text, title="柯城区考察团赴杭州考察", publication="衢州日报") == ["柯城区"]


def test_a_city_written_before_its_own_county_is_that_countys_address() -> None:
    # 长沙市 only says whose 雨花区 it is: the story named more of 临澧县's places
    title = "临澧县修梅镇与长沙市雨花区高桥街道缔结友好关系"
    text = "修梅镇与长沙市雨花区高桥街道签订协议，修梅镇的红色资源将面向研学市场。临澧县将继续扩大开放。"
    assert tagged(text, title=title, publication="红网")[:2] == ["临澧县", "修梅镇"]


def test_towns_and_streets_are_no_town_and_a_streets_office_is_the_street() -> None:
    # 镇街 (towns and streets) after a county's short form names no town
    got = tagged("柯城区组织各镇街负责人观摩重点工作。", title="柯城综合观摩镇街重点工作", publication="柯城发布")
    assert got == ["柯城区"]
    # 信安办事处 is 信安街道's office: the street is tagged by its name
    got = tagged("区领导走访信安办事处，了解社区工作。", title="区领导走访基层", publication="柯城发布")
    assert got == ["柯城区", "信安街道"]
    # … or cut short: 荷花街办事处, 荷花街办
    for office in ("荷花街办事处", "荷花街办"):
        got = tagged(f"区领导走访{office}，了解社区工作。", title="区领导走访基层", publication="柯城发布")
        assert got == ["柯城区", "荷花街道"]


def test_a_municipalitys_tour_of_its_districts_is_tagged_with_the_districts_only() -> None:
    # SOURCE.md: 北京, 天津, 上海, 重庆 stories are annotated with the district only
    got = tagged("市领导先后到朝阳区、海淀区调研垃圾分类工作，走进双井街道。", title="市领导调研垃圾分类",
                 publication="北京日报")
    assert got == ["朝阳区", "海淀区", "双井街道"]
    got = tagged("市领导先后到渝中区、沙坪坝区调研垃圾分类工作。", title="市领导调研垃圾分类", publication="重庆日报")
    assert got == ["渝中区", "沙坪坝区"]
    # a story about the whole city names no district: the city
    assert tagged("市领导调研垃圾分类工作，要求各区加快推进。", title="市领导调研垃圾分类", publication="北京日报") == ["北京市"]


def test_chongqings_districts_the_national_base_lacks_are_the_editors() -> None:
    # the base files 江北区's and 渝北区's streets under 两江新区 (a statistical area): gazetteer.yml
    # adds both districts with their official codes and moves their streets under them
    (jiangbei,) = [c for c in GAZ.codes("江北区") if GAZ.divisions[c].parent == GAZ.codes("重庆市")[0]]
    assert jiangbei == "500105" and names(GAZ.path(GAZ.codes("鱼嘴镇")[0])) == ["重庆市", "江北区", "鱼嘴镇"]
    assert tagged("观音桥街道开展旧衣回收宣传活动。", title="观音桥街道开展旧衣回收", publication="重庆日报") == [
        "江北区", "观音桥街道"]
    assert tagged("重庆市江北区召开安全生产工作会议。", publication="重庆日报") == ["江北区"]
    assert tagged("渝北区两路街道开展防溺水宣传活动。", publication="重庆日报") == ["渝北区", "两路街道"]
    # 宁波's 江北区 is still its own
    assert tagged("宁波市江北区召开安全生产工作会议。", publication="宁波日报") == ["江北区"]
    assert names(GAZ.path(GAZ.codes("江北区")[0]))[:2] == ["浙江省", "宁波市"]


def test_towns_named_aside_are_not_the_storys() -> None:
    # towns a speaker holds up as examples, after 要求，… (gazetteer.yml speech_words)
    got = tagged("委员们察看了永丰镇生态农业园。主席要求，切实发挥好汊涧镇长山村、新街镇李坡村等示范村的带头作用。",
                 title="市政协视察乡村振兴工作", publication="天长市政协")
    assert got == ["天长市", "永丰镇"]
    got = tagged("主席要求，切实发挥好天长市汊涧镇长山村的带头作用。委员们察看了永丰镇。", title="市政协视察",
                 publication="天长市政协")
    assert got == ["天长市", "永丰镇"]  # written after its county, the same
    # towns given as measured data (rainfall gauges, data_units): they do not pull a city's story
    # to their county
    got = tagged("市长检查督办防汛工作。全市平均雨量32毫米，其中，均川镇、洪山镇超过80毫米。",
                 title="市长检查督办防汛工作", publication="随州市人民政府")
    assert got == ["随州市"]
    # the same towns as the places of the story are
    got = tagged("市长到均川镇检查防汛工作，要求加快进度。", title="市长检查督办防汛工作", publication="随州市人民政府")
    assert got == ["随县", "均川镇"]


def test_a_word_that_begins_with_xiang_closes_no_list_of_towns() -> None:
    # 桃园 is a street of 平原县 written short, but 乡村 is a word: no list of towns ends there
    got = tagged("市长来平原县调研，先后到龙门街道军仓社区、桃园乡村振兴示范区等地。", title="市长调研乡村振兴",
                 publication="德州新闻网")
    assert got == ["平原县", "龙门街道"]
    # a list of towns before 乡 is still read (前曹、三唐两乡镇; 王庙、三唐乡)
    got = tagged("县长到前曹、三唐两乡镇调研。", title="县长调研", publication="平原县融媒体中心")
    assert got == ["平原县", "前曹镇", "三唐乡"]
    got = tagged("县长到王庙、三唐乡调研。", title="县长调研", publication="平原县融媒体中心")
    assert got == ["平原县", "王庙镇", "三唐乡"]


def test_probe_files_are_scored_story_by_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    stories = [
        {"url": "u1", "site": "定远县融媒体中心", "title": "二龙回族乡组织防汛演练", "districts": ["定远县", "二龙回族乡"],
         "paragraphs": ["二龙回族乡组织开展防汛演练。"]},
        {"url": "u2", "site": "定远县融媒体中心", "title": "县里开会", "districts": ["凤阳县"],
         "paragraphs": ["县里召开会议。"]},
    ]
    path = tmp_path / "probe.json"
    path.write_text(json.dumps(stories, ensure_ascii=False), encoding="utf-8")
    assert score_probes([path], verbose=True) == 0.5  # the first right, the second wrong county
    out = capsys.readouterr().out
    assert "top:wrong" in out and "probe.json: 2 stories, districts_f1=0.500" in out


def test_the_gazetteer_kept_on_disk_shares_its_strings() -> None:
    """Memory: a division is a tuple (no __dict__), a parent code is the parent's own code string and a
    town's short form is one string in every county that has it, after the disk cache's
    pickle round trip too (a worker reads that copy)."""
    import pickle

    gaz = pickle.loads(pickle.dumps(GAZ, protocol=pickle.HIGHEST_PROTOCOL))
    assert not hasattr(next(iter(gaz.divisions.values())), "__dict__")
    children = [d for d in gaz.divisions.values() if d.parent in gaz.divisions]
    assert len(children) > 40_000
    assert all(d.parent is gaz.divisions[d.parent].code for d in children)
    seen: dict[str, str] = {}
    shared = 0
    for table in (gaz.town_short, gaz.town_base):
        for shorts in table.values():
            for short in shorts:
                shared += short in seen
                assert seen.setdefault(short, short) is short
    assert shared > 10_000


def test_sorted_names_answer_as_the_set_they_replace() -> None:
    """SortedNames (the full names, the towns' bases) holds what a frozenset held, asked by
    bisection: the same answers for names in it, their prefixes and extensions, other text and
    non-strings, also after the disk cache's pickle round trip; and far less memory."""
    import pickle
    import random

    from civicnews.places import SortedNames

    rng = random.Random(38)
    names = [n for n in (d.name for d in GAZ.divisions.values()) if rng.random() < 0.2]
    kept, plain = SortedNames(names), frozenset(names)
    probes = [*names[:500], *(n[:-1] for n in names[:500]), *(n + "镇" for n in names[:500]),
              "", "义乌", "\ud800", "a", *rng.sample(sorted(GAZ.by_spelling), 500)]
    for names_set in (kept, pickle.loads(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))):
        assert [p in names_set for p in probes] == [p in plain for p in probes]
        assert None not in names_set and 3 not in names_set
        assert len(names_set) == len(plain) and list(names_set) == sorted(plain)
    assert sys.getsizeof(kept.names) * 4 < sys.getsizeof(plain)
    # the built gazetteer keeps its full names so: a mention's full is asked of them
    assert isinstance(GAZ.full_names, SortedNames)
    assert [m.full for m in GAZ.find("义乌市和金华、全州县")] == [True, False, True]


def test_a_city_named_only_in_its_zones_name_tags_the_zone() -> None:
    assert tagged("3月31日，经开区召开主任办公会。", publication="曲靖日报") == ["曲靖市"]
    # a city paper's story naming its city only in the zone's name (and its own name)
    text = "武汉晚报讯 随着武汉经开区片区更新推进，沌阳街道滨湖社区将举办年货节。"
    assert "武汉市" not in tagged(text, publication="武汉晚报")
    assert "武汉市" in tagged("市人大常委会视察武汉经开区，" + text, publication="武汉晚报")
    assert "迎江区" in tagged("安庆经开区和老峰镇新建村开展送戏下乡活动。", publication="安徽网")


def test_an_address_several_places_share_is_read_by_the_kind_the_story_calls_its_own() -> None:
    # hengshan: 恒山区, 衡山县 or 横山区; a story that says 我县 is the county's
    page = [article("省政协调研组来我县调研委员工作室建设。")]
    home = page_home(page, PageInfo("x.txt", publication="www.hengshan.gov.cn"), RULES)
    assert home is not None and GAZ.divisions[home].name == "衡山县"
    # 我区 fits two (恒山区, 横山区), no self-reference fits none: no guess
    for text in ("省政协调研组来我区调研委员工作室建设。", "省政协调研组来调研委员工作室建设。"):
        assert page_home([article(text)], PageInfo("x.txt", publication="www.hengshan.gov.cn"), RULES) is None


def test_a_persons_given_name_is_no_place() -> None:
    # 廖江华: a surname after a post, then 江华 (江华瑶族自治县's short form)
    text = "县委副书记、统战部部长廖江华带领教育等部门负责人督导学校开学工作。廖江华要求抓好校园安全。"
    assert tagged(text, publication="新湖南") == []
    assert tagged("江华召开校园安全工作会议，部署开学工作。", publication="新湖南") == ["江华瑶族自治县"]


def test_a_city_written_before_its_county_and_counties_that_meet_are_no_list_of_places() -> None:
    # 永州市道县县委书记: an address, not a list of places ending in 县
    text = ("永州市道县县委书记率领党政代表团来祁阳考察。祁阳市委书记、祁阳市长陪同考察。"
            "考察团来到茅竹镇三家村，听取祁阳的经验介绍。")
    assert tagged(text, title="党政代表团来祁考察") == ["祁阳市", "茅竹镇"]
    # counties whose border a town lies on are not the story's
    text = "蒿吉坪瑶族乡地处中方、辰溪、溆浦三县交界边远山区，交通不便。"
    assert tagged(text, title="中方县蒿吉坪瑶族乡发展纪实") == ["中方县", "蒿吉坪瑶族乡"]
    assert "辰溪县" in tagged("中方、辰溪、溆浦三县开展联合执法。", title="三县联合执法")


def test_a_story_located_at_an_address_is_tagged_with_its_last_place() -> None:
    # 位于 + an address: the county at its end is the story's, the province and city before it are not
    text = "村党支部位于安徽省宣城市宣州区沈村镇，村民开展民族团结活动。"
    assert tagged(text, publication="宣州区人民政府") == ["宣州区", "沈村镇"]
    # a city's story held in one of its counties keeps that county, named once
    text = "银川12月1日电 12月1日，位于宁夏银川市贺兰县的集贸市场热闹非凡。银川市启动移风易俗宣传月活动。"
    assert tagged(text, title="银川启动移风易俗宣传月") == ["银川市", "贺兰县"]


def test_a_city_papers_story_of_a_county_its_headline_names_short_is_that_countys() -> None:
    # 海口网's story of 保亭: the headline names 保亭 short, the province is no sign of 海口
    text = "走进保亭黎族苗族自治县六弓乡大妹村，庭院干净整洁。今年以来，保亭深入开展爱海南卫生行动。"
    got = tagged(text, title="海南保亭开展卫生健康大行动", publication="海口网")
    assert got == ["保亭黎族苗族自治县", "六弓乡"]
    got = tagged("海口市秀英区开展卫生行动，保亭黎族苗族自治县派员学习。", title="海南保亭来海口学习", publication="海口网")
    assert "海口市" in got or "秀英区" in got


def test_a_town_named_both_as_written_and_by_the_lists_name_is_tagged_once() -> None:
    # 木城乡 is 木城彝族傈僳族乡; 奎山乡 the 奎山镇 it became
    got = tagged("木城彝族傈僳族乡开展民族团结宣传。木城乡干部走村入户宣讲。", publication="龙陵县人民政府")
    assert got == ["龙陵县", "木城彝族傈僳族乡"]
    got = tagged("奎山镇举行揭牌仪式。省政府批准撤销林口县奎山乡，设立奎山镇。", publication="林口县人民政府")
    assert got == ["林口县", "奎山镇"]
    # named only as written, the town keeps the story's name
    assert tagged("木城乡干部走村入户宣讲。", publication="龙陵县人民政府") == ["龙陵县", "木城乡"]


def test_towns_as_a_common_noun_after_a_county_is_no_town() -> None:
    assert tagged("临海开展宣传日活动，让临海市美丽城镇建设深入人心。") == ["临海市"]
    assert tagged("鄱阳县美丽集镇建设推进会召开，部署集镇整治工作。") == ["鄱阳县"]


def test_an_address_spelling_its_citys_initials_then_its_county_places_the_site() -> None:
    # pyhualong: 濮阳 (py) and 华龙; jzzzq: 焦作 (jz) and 中站区's initials
    for site, county in (("pyhualong.gov.cn", "华龙区"), ("www.jzzzq.gov.cn", "中站区")):
        home = page_home([article("我区召开全国文明城市创建攻坚推进会。")], PageInfo("x.txt", publication=site), RULES)
        assert home is not None and GAZ.divisions[home].name == county
    # a label that is no city's initials before a county: nothing
    assert page_home([article("我区召开推进会。")], PageInfo("x.txt", publication="www.xxgk.gov.cn"), RULES) is None


def test_a_towns_short_form_in_a_headline_counts_only_standing_apart() -> None:
    # 宜居镇 is a town of 酉阳: 打造宜居宜游城区 names no town, 宜居：… does
    text = "街道完成多条背街小巷改造，城区环境明显改善。"
    publication = "酉阳县融媒体中心"
    assert tagged(text, title="桃花源街道：打造宜居宜游城区", publication=publication) == [
        "酉阳土家族苗族自治县", "桃花源街道"]
    assert tagged(text, title="宜居：背街小巷换新颜", publication=publication) == ["酉阳土家族苗族自治县", "宜居镇"]
    # a title opening with it after a kicker (the headline's parts are read apart)
    art = Article(PageInfo("x.txt"), 0, Headline(title="宜居：背街小巷换新颜", kicker="美丽城镇"), [Section(None, [text])])
    got = find_districts(art, PageInfo("x.txt", publication=publication), RULES)
    assert got == ["酉阳土家族苗族自治县", "宜居镇"]


def test_a_list_of_towns_by_short_form_names_towns_even_where_a_short_form_spells_a_county() -> None:
    # 宝丰 is 宝丰县's short form (河南) and the base of 竹山县's 宝丰镇; before 等乡镇 it is the town
    text = "连日来，宝丰、擂鼓等乡镇抢抓农时，组织群众开展秋冬种生产。"
    got = tagged(text, title="宝丰、擂鼓等乡镇掀起秋冬种热潮", publication="竹山县融媒体中心")
    assert got == ["竹山县", "宝丰镇", "擂鼓镇"]
    assert "宝丰县" not in tagged(text, title="宝丰、擂鼓等乡镇掀起秋冬种热潮")


def test_a_papers_name_several_places_share_is_read_by_the_place_the_story_names_around_it() -> None:
    # 周庄镇 is a town of 昆山市 and of 江阴市: its government's site, on a story naming 昆山市
    text = "我镇近日集中开展燃气安全大排查。昆山市消防救援大队派员指导。"
    assert tagged(text, title="我镇开展燃气安全大排查", publication="周庄镇人民政府") == ["昆山市", "周庄镇"]


def test_a_town_named_only_as_a_speakers_unit_is_not_the_storys() -> None:
    text = "我县召开安全生产工作会议。会上，八里营镇党委书记、县应急管理局局长作了表态发言。"
    assert tagged(text, title="我县召开安全生产工作会议", publication="滑县融媒体中心") == ["滑县"]
    # the meeting held in the town: its place, whoever speaks
    text = "县安全生产工作会议在八里营镇召开。会上，八里营镇党委书记作了表态发言。"
    assert tagged(text, title="全县安全生产工作会议召开", publication="滑县融媒体中心") == ["滑县", "八里营镇"]


def test_a_town_named_only_as_where_people_come_from_is_not_the_storys() -> None:
    text = "壶镇镇机床企业的产品已销往东南亚。镇里还邀请了来自新建镇的企业家交流经验。"
    assert tagged(text, title="壶镇镇：机床产业集群加速升级", publication="缙云县融媒体中心") == ["缙云县", "壶镇镇"]
    # named as the story's place too: it is
    text = "新建镇开展志愿服务。来自新建镇各村的志愿者参加。"
    assert tagged(text, title="志愿服务进村", publication="缙云县融媒体中心") == ["缙云县", "新建镇"]


def test_enumeration_marks_are_no_towns_short_forms() -> None:
    # 三要 is 洛南县's 三要镇 written short, and 一要…三要 is how a meeting's demands are listed
    assert "三要" not in GAZ.town_shorts(GAZ.codes("洛南县")[0])
    got = tagged("石门镇召开安全工作会议。会议要求，一要落实责任；二要排查隐患；三要加强值班。")
    assert "洛南县" not in got


def test_a_city_with_more_towns_of_a_shared_name_is_not_guessed() -> None:
    # 13 counties have a 石门镇, two of them 安康's: that says nothing about where the story is
    assert tagged("石门镇召开安全工作会议，部署节前工作。", title="石门镇召开安全工作会议") == ["石门镇"]
    # the city named: its town
    assert tagged("安康市岚皋县石门镇召开安全工作会议。")[:2] == ["岚皋县", "石门镇"]


def test_an_ordinary_district_is_not_cut_short_as_an_ethnic_one() -> None:
    # 水, 白, 满 are nationalities (水族): 三水区 is no 三 + 水族 district, and 三区 is a common word
    assert tagged("全力推进城区、园区、景区三区联动发展。", title="推进三区联动") == []
    assert GAZ.codes("管城区") == GAZ.codes("管城回族区")  # a real one still is


def test_a_district_name_before_yu_or_kuai_is_the_word_for_an_area() -> None:
    # 城北区 is 西宁's; 城北区域 is the north of any town
    assert tagged("加快城北区域开发，推进老城区块改造。", title="城北区域开发提速") == []
    assert tagged("城北区召开创建工作会议。", title="城北区召开创建工作会议") == ["城北区"]


def test_a_town_inside_a_campaigns_name_is_no_place() -> None:
    # 小城镇 is a town of 舒兰市; 小城镇环境综合整治 is a campaign
    text = "我省扎实推进美丽城镇全域建设，各地集镇面貌明显改善。"
    assert tagged(text, title="小城镇环境综合整治见成效") == []


def test_a_town_name_ending_in_xiang_before_a_word_it_opens_is_no_town() -> None:
    # 发展乡 and 建设乡 are towns; 发展乡村旅游 and 建设乡镇垃圾填埋场 name neither
    assert tagged("村里发展乡村旅游，建设乡镇垃圾填埋场。", title="乡村旅游火起来") == []
    assert "张庄乡" in tagged("张庄乡村民大会召开。", publication="淮滨县融媒体中心")


def test_counties_a_citys_leaders_go_to_are_the_storys() -> None:
    # a city's leaders going to its counties to look: the city's story and those counties'
    text = "市委书记赴信丰县、安远县调研脐橙产业。"
    assert tagged(text, title="市委书记调研脐橙产业", publication="赣州日报") == ["赣州市", "信丰县", "安远县"]


def test_a_city_named_as_the_visitor_of_its_own_county_is_not_the_storys() -> None:
    text = "在云和县的木玩企业车间里，工人们正忙着赶制订单。丽水市有关领导到云和调研时表示，要把木玩产业打造成丽水的金名片。"
    assert tagged(text, title="木制玩具走向世界") == ["云和县"]


def test_a_name_a_paper_only_seems_to_spell_short_is_no_place() -> None:
    # 新华网 is no paper of 新华区
    assert "新华区" not in tagged("近日，东乡族自治县开展消防安全演练。", publication="新华网")


def test_a_citys_paper_carrying_a_countys_story_tags_the_county_its_places_point_at() -> None:
    # 我县 in a city's paper: the story is one county's (its towns say which), not the city's;
    # the counties speaking at the meeting are not it
    text = ("全市茶产业发展现场会在我县召开。与会人员来到法官镇茶叶基地观摩。"
            "会上，镇安县、柞水县作了交流发言。")
    assert tagged(text, publication="商洛日报") == ["山阳县", "法官镇"]
    # places in two counties as much as each other: no guess, the city's
    text = "全市茶产业发展现场会在我县召开。与会人员来到法官镇、小岭镇茶叶基地观摩。"
    assert tagged(text, publication="商洛日报")[0] == "商洛市"


def test_an_autonomous_places_base_and_kind_is_its_name() -> None:
    # 恩施州, 通道县: how people write them (通道 alone is a word; 通道县 once read as 道县)
    assert tagged("恩施州召开森林防火工作会议。")[0] == "恩施土家族苗族自治州"
    assert tagged("我县召开旅游安全工作会议。", publication="通道县融媒体中心") == ["通道侗族自治县"]


def test_the_whole_prefecture_is_no_county_short_form() -> None:
    # 全州 of a 州's prose is "the whole prefecture", never 桂林's 全州县 (still read in full)
    text = "全州项目建设攻坚动员大会召开，全州上下要把项目建设作为一把手工程。"
    assert tagged(text) == []
    assert tagged("全州县召开营商环境大会。") == ["全州县"]


def test_a_word_of_government_prose_is_no_county_outside_the_papers_region() -> None:
    # 文化惠民 in a story with no paper's place is the word, not 滨州's 惠民县
    text = "我县文化惠民演出走进乡村，为群众送上文化盛宴。今年以来，全县开展惠民演出60余场。"
    assert tagged(text, title="我县文化惠民演出走进乡村") == []
    # in its own city's paper, or as the headline's label, or in full, it is the county
    assert tagged(text, publication="滨州日报")[0] == "惠民县"
    assert tagged("惠民县绳网产业闯出国际市场。", title="惠民：绳网产业闯出国际市场")[0] == "惠民县"


def test_a_place_a_countys_people_leave_for_does_not_place_its_story() -> None:
    # no paper's place: 县领导…赴浙江安吉 is the goers' story, not 安吉's, wherever 安吉 is named again
    text = "3月5日，县领导带队赴浙江安吉考察竹产业发展。在安吉县递铺街道，考察组参观了竹材加工企业。"
    assert tagged(text, title="县领导带队赴浙江安吉考察竹产业") == []
    # 安吉's own paper, or a city's story of going there, still has it
    assert tagged(text, publication="安吉发布")[0] == "安吉县"
    assert tagged("市委书记赴安吉县调研竹产业。在安吉县递铺街道察看企业。")[0] == "安吉县"


def test_phrases_of_government_prose_are_no_places() -> None:
    # 金山银山, 大兴…之风, 走上台前, 老城区改造: no 金山区, 大兴区, 台前县 or 洛阳's 老城区
    assert tagged("近年来，我县践行绿水青山就是金山银山理念，大兴调查研究之风。") == []
    assert tagged("社区组织少年儿童走上台前朗诵诗歌，推进老城区改造。") == []


def test_a_districts_delegation_and_rescuers_sent_elsewhere_do_not_place_its_story() -> None:
    text = "6月12日，区党政代表团赴贵州省安顺市普定县开展东西部协作对接。代表团深入普定县马官镇考察。"
    assert tagged(text) == []
    text = ("7月8日，靖安县遭遇强降雨。我县消防救援大队迅速集结，赶赴靖安县开展抗洪抢险，"
            "在靖安县双溪镇、宝峰镇转移被困群众。")
    assert tagged(text, title="我县消防救援队伍驰援靖安县抗洪抢险") == []


def test_a_town_name_ending_in_the_word_for_townships_is_no_town_inside_a_word() -> None:
    # 部分乡镇 holds no 分乡镇 (of 夷陵区)
    assert tagged("近日，我县遭遇强降雨，部分乡镇受灾严重。") == []


def test_a_city_the_story_never_names_is_not_tagged_for_two_of_its_counties() -> None:
    # 铅山县 and 广信区 are both 上饶's: the story names two counties, not the city; 桂林市 written
    # as 阳朔县's address is no more a city of the story
    text = "近日，铅山县与广信区在两地交界的林区联合开展森林防火应急演练。"
    assert tagged(text, title="铅山县与广信区联合开展森林防火演练") == ["铅山县", "广信区"]
    text = "近日，桂林市阳朔县与恭城瑶族自治县签订协议，共建乡村振兴示范带。"
    assert tagged(text, title="桂林市阳朔县与恭城县共建示范带") == ["阳朔县", "恭城瑶族自治县"]


def test_an_event_a_countys_people_hold_in_a_city_does_not_place_its_story() -> None:
    text = ("11月8日，崇义县文化旅游推介会在福建省厦门市举办。推介会上，崇义县推出精品旅游线路，"
            "并与厦门多家旅行社签订合作协议。")
    assert tagged(text, title="我县在厦门举办旅游推介会") == ["崇义县"]
    # a county as the venue of a city's meeting is that county's story
    assert tagged("全市现场推进会在通渭县举行。", title="全市现场推进会召开")[0] == "通渭县"


def test_a_towns_base_is_the_town_the_story_also_writes_in_full() -> None:
    # 乌镇 is also the full name of a town of 佳县; a story naming 桐乡市乌镇镇 means that one
    text = "世界互联网大会乌镇峰会如期举行。近年来，桐乡市乌镇镇加快数字经济发展。"
    assert tagged(text, title="乌镇：互联网之光点亮千年古镇") == ["桐乡市", "乌镇镇"]


def test_phrases_of_feature_prose_are_no_places_outside_the_papers_region() -> None:
    # 民乐声声 (folk music) in a 曲阜 story is no 民乐县; 临江而建 is no 临江市
    text = "春节前夕，曲阜市尼山镇文化站组织民乐爱好者走进村庄，为群众送上精彩的民乐演出。"
    assert tagged(text, title="民乐声声迎新春", publication="大众网") == ["曲阜市", "尼山镇"]
    text = "乐安县牛田镇流坑村临江而建，村中保存着大量明清古建筑。"
    assert tagged(text, title="临江而建的古村落迎来游客")[0] == "乐安县"


def test_a_town_of_a_city_without_counties_places_the_story_in_that_city() -> None:
    text = "在虎门镇一家服装企业的智能车间里，自动裁床正在高速运转。"
    assert tagged(text, title="虎门镇：服装产业加速数字化转型") == ["东莞市", "虎门镇"]


def test_a_village_named_like_a_county_is_no_county() -> None:
    text = "走进东至县尧渡镇长兴村，家家户户的庭院里种满了蔬菜瓜果。长兴村开展美丽庭院创建。"
    assert tagged(text, title="长兴村：小庭院种出好光景") == ["东至县", "尧渡镇"]
    # 村 opening a word leaves the short form the county's
    assert tagged("安吉村民种白茶致富。", title="安吉：白茶飘香")[0] == "安吉县"


def test_county_level_cities_listed_before_a_word_for_cities_are_the_storys() -> None:
    text = "今年以来，延边州珲春、图们、龙井三市依托口岸优势发展外向型经济。"
    assert tagged(text, title="延边州：三市口岸经济加快发展") == ["延边朝鲜族自治州", "珲春市", "图们市", "龙井市"]


def test_the_other_party_of_a_headlines_pair_is_the_storys_too() -> None:
    text = "11月10日，安吉县与上海市青浦区在安吉签订长三角文旅合作协议。两地将互推旅游线路。"
    assert tagged(text, title="安吉县与上海市青浦区签订长三角文旅合作协议", publication="人民网") == ["安吉县", "青浦区"]
    # a visit is no pair: the place visited stays out of a county paper's story
    text = "11月10日，安吉县代表团赴上海市青浦区考察文旅合作。"
    assert tagged(text, title="安吉县代表团赴上海市青浦区考察", publication="安吉新闻网") == ["安吉县"]


def test_a_zone_word_after_a_citys_short_form_names_the_zone_even_as_one_word() -> None:
    # jieba knows 苏州工业园区 as one word: 苏州 inside it still names the zone's city
    text = "今年以来，苏州工业园区在金鸡湖周边新建口袋公园10座。"
    assert tagged(text, title="苏州工业园区：金鸡湖畔添绿", publication="苏州日报") == ["苏州工业园区"]
    assert "安新县" not in tagged("在贵安新区，一批大型数据中心正在加快建设。", title="贵安新区：数据中心集群加快建设")


def test_a_word_that_ends_in_a_suffix_the_place_never_had_is_no_place() -> None:
    # 各大城市 holds 大城 (大城县) + 市, but a 县 was never a 市: no 大城县
    assert tagged("在全国各大城市，化隆人开办的拉面馆已有一万多家。", title="拉面经济") == ["化隆回族自治县"]
    # a 区 may be written as the 市 it was (萧山市)
    assert tagged("萧山市召开会议。")[0] == "萧山区"


def test_a_lake_or_river_named_like_a_county_is_the_water() -> None:
    # 太湖沿岸 in 长兴's story is the lake, not 安徽's 太湖县; 沅江桃源段 the river, not 沅江市
    text = "日前，长兴县太湖沿岸生态修复项目通过验收。长兴沿太湖岸线清理违章建筑，守护太湖南岸碧水。"
    assert tagged(text, title="太湖沿岸生态修复项目通过验收") == ["长兴县"]
    text = "县农业农村局联合公安部门在沅江桃源段开展禁渔执法巡查，沿沅江清理违规网具。"
    assert tagged(text, title="沅江桃源段开展禁渔联合执法") == ["桃源县"]
    # the county itself, written short, is still the county; so is a coastal city's fishing
    assert tagged("太湖县召开会议，太湖各乡镇参加。")[0] == "太湖县"
    assert tagged("临海渔民出海作业前，开展安全培训。", title="临海渔民安全培训")[0] == "临海市"
    # a road's section in a city named like water is the city's (杭瑞高速九江段)
    assert tagged("杭瑞高速九江段改扩建工程开工。", title="杭瑞高速九江段改扩建")[0] == "九江市"


def test_guests_coming_and_places_know_how_is_brought_from_are_not_the_storys() -> None:
    text = "4月10日，广州市白云区东西部协作工作组一行来到黔西，调研协作项目。工作组来到锦星镇的帮扶车间。"
    assert tagged(text, title="广州白云区工作组来黔西开展东西部协作调研") == ["黔西市", "锦星镇"]
    # the paper's own people coming stay its own
    assert tagged(text, title="白云区工作组来黔西调研", publication="白云区融媒体中心")[0] == "白云区"
    # a host welcoming guests (迎来) is no guest
    text = "安吉迎来福建尤溪考察团。考察团参观了安吉县天荒坪镇的竹林碳汇项目。"
    assert tagged(text, title="安吉迎来尤溪考察团")[0] == "安吉县"
    text = "在大荔县安仁镇，园区从山东寿光引进大棚技术，并聘请寿光的技术员驻点指导。"
    assert tagged(text, title="我县引进寿光大棚技术") == ["大荔县", "安仁镇"]


def test_places_a_ranking_compares_with_are_not_the_storys() -> None:
    text = "在全国百强县名单中，晋江市位列第四，排在昆山市、江阴市、张家港市之后。晋江鞋服产业加快转型。"
    assert tagged(text, title="县域经济竞争力位居全国前列") == ["晋江市"]


def test_going_home_after_a_county_is_no_town() -> None:
    text = "近年来，一批在广东务工的正安籍人员返乡创办吉他企业。"
    assert tagged(text, title="吉他走向世界", publication="遵义发布") == ["正安县"]


def test_a_place_that_helps_another_is_not_the_storys() -> None:
    # no paper's place: 余杭区 helps, 大方县 and its 羊场镇 are where the story happens
    text = ("由杭州市余杭区帮扶建设的羊场镇蔬菜保供基地，今年已种植蔬菜三千多亩。"
            "余杭区还在大方县援建了一批农业园区和帮扶车间。")
    assert tagged(text, title="杭州市余杭区帮扶的产业项目落地见效") == ["大方县", "羊场镇"]
    # the helper's own paper keeps it; two places paired in help are both kept
    assert tagged(text, title="我区帮扶的产业项目落地见效", publication="余杭发布")[0] == "余杭区"
    text = "近日，铅山县与广信区开展结对帮扶，签订协议。"
    assert tagged(text, title="铅山县与广信区开展结对帮扶") == ["铅山县", "广信区"]


def test_a_lakes_fishing_names_the_lake() -> None:
    text = "太湖禁捕后，宜兴市的渔民们陆续上岸。宜兴市为太湖渔民提供技能培训。"
    assert tagged(text, title="太湖渔民上岸后的新生活") == ["宜兴市"]


def test_a_place_located_in_what_holds_it_gives_its_address_not_another_place() -> None:
    # 长沙县地处长沙市东北部 in the city's paper: the county's story, 长沙市 is its address
    text = "长沙县地处长沙市东北部，连续多年位居全国县域经济前列。今年以来，长沙县新引进项目八十余个。"
    assert tagged(text, title="长沙县：打造县域经济发展新高地", publication="长沙晚报") == ["长沙县"]


def test_a_short_form_that_is_a_word_is_the_place_gone_to_when_named_in_full() -> None:
    # 会同 is a word (jointly); 来会同开展视察 in a story naming 会同县 is the county, so the
    # city's inspectors coming to it are guests and the city's paper tags the county
    text = ("5月16日，怀化市人大常委会视察组来会同开展农村饮水安全专题视察。视察组来到若水镇的水厂，"
            "听取了会同县政府工作汇报。")
    assert tagged(text, title="怀化市人大常委会视察组来会同开展专题视察", publication="怀化日报") == ["会同县", "若水镇"]
    # without the county in full, the word after 来 stays a word
    assert tagged("视察组来会同有关部门开展视察。") == []


def test_a_neighbour_is_not_the_storys_but_says_which_shared_town_it_means() -> None:
    # 岭北镇 is a town of four counties; the one that borders 龙南市 is 定南县's, and 龙南 is
    # no place of the story
    text = "清明节前后，岭北镇组织护林员在与龙南市交界的林区开展巡查，严防野外用火。"
    assert tagged(text, title="岭北镇开展森林防火巡查") == ["定南县", "岭北镇"]


def test_a_road_named_after_a_place_with_its_direction_is_no_place() -> None:
    # 延安南路 in 长沙 is a road, not 延安市; 东街街道 is still a street after its district
    text = "日前，长沙市芙蓉区延安南路片区的老旧小区改造工程全面完工，惠及居民一千二百余户。"
    assert tagged(text, title="延安南路老旧小区改造完工") == ["芙蓉区"]
    assert tagged("福州市鼓楼区东街街道组织志愿者走进养老院。") == ["鼓楼区", "东街街道"]


def test_a_spirit_or_a_memorial_named_after_a_place_is_no_place() -> None:
    # 弘扬井冈山精神 is every county's slogan, 古田会议旧址 lies in 上杭's 古田镇, not 古田县
    text = "近日，我县组织党员干部开展红色教育，学习弘扬井冈山精神，传承红色基因。"
    assert "井冈山市" not in tagged(text, title="我县开展党员干部红色教育", publication="吉安日报")
    assert tagged("暑假期间，古田会议旧址迎来研学高峰。", title="红色研学持续升温") == []
    # 精神文明 is the place's own
    assert tagged("大庆市精神文明建设指导委员会召开会议。")[0] == "大庆市"


def test_a_regional_paper_whose_name_spells_a_wrong_place_is_the_regions() -> None:
    # 三秦都市报 spells 咸阳's 秦都区 and 天山网 乌鲁木齐's 天山区: they are 陕西's and 新疆's papers
    assert home_place(PageInfo("x", publication="三秦都市报"), RULES) == GAZ.codes("陕西省")[0]
    assert tagged("近日，宝塔区组织志愿者开展文明创建活动，清理背街小巷。", title="志愿者清理背街小巷",
                  publication="三秦都市报") == ["宝塔区"]
    assert tagged("在乌鲁木齐市水磨沟区的一家社区食堂，老人们正在用餐。", title="社区食堂让老人吃上热乎饭",
                  publication="天山网") == ["水磨沟区"]


def test_a_citys_one_county_written_as_the_storys_address_is_the_storys_place() -> None:
    # the headline names 长沙 (the city, short); the body gives the address 长沙市天心区: the
    # street lies in 天心区, and the city is no more than its address
    text = "国庆假期，长沙市天心区的黄兴南路步行街人头攒动。步行街推出了非遗展演、美食市集等活动。"
    assert tagged(text, title="长沙黄兴南路步行街人气旺", publication="澎湃新闻") == ["天心区"]


def test_a_new_area_the_list_lacks_written_before_its_street_is_the_storys() -> None:
    # the national list files 龙子湖街道 under 金水区; the text says it is 郑东新区's
    text = "近日，郑东新区龙子湖街道联合辖区高校，组织大学生志愿者走进社区，开展垃圾分类宣传。"
    assert tagged(text, title="龙子湖街道：高校志愿者走进社区", publication="郑州日报") == ["郑东新区", "龙子湖街道"]
    # a street several districts share is read as written
    text = "日前，四川天府新区华阳街道新建的社区运动场正式开放。"
    assert tagged(text, title="华阳街道打造社区运动场", publication="四川日报") == ["天府新区", "华阳街道"]
    # the list's district named too stays
    assert tagged("金水区郑东新区龙子湖街道开展宣传。")[0] == "金水区"


def test_a_district_the_list_lacks_written_between_its_city_and_a_street_is_the_storys() -> None:
    # 小河区 (an old name) is not in the national list, which files 黄河路街道 under 花溪区
    text = "近日，贵阳市小河区黄河路街道组织辖区企业员工开展消防应急演练。"
    assert tagged(text, title="黄河路街道开展消防演练", publication="贵阳晚报") == ["小河区", "黄河路街道"]
    # before a community: the district; the city stays only where the story names it alone
    text = "日前，铜陵市狮子山区西湖新村社区的老年食堂正式开张。"
    assert tagged(text, title="社区老年食堂开张", publication="铜陵日报") == ["狮子山区"]
    text = "南宁市新城区新阳社区举行活动。去年以来，南宁市已开展活动两千多场。"
    assert tagged(text, title="南宁：社区新风扬") == ["南宁市", "新城区"]
    # words for parts of a city are no districts
    assert tagged("儋州市中心城区各社区开展卫生大扫除。") == ["儋州市"]


def test_a_short_form_right_after_another_place_is_what_that_place_has() -> None:
    # 平遥古城 is 平遥's old town, not 丽江's 古城区, and 古城 keeps that sense in the story
    text = "国庆假期，平遥古城迎来客流高峰，古城内的街巷游人如织。"
    assert tagged(text, title="平遥古城游人如织") == ["平遥县"]
    assert tagged("西湖龙井开采，茶农忙着采茶。", title="杭州西湖区茶农忙采茶") == ["西湖区"]
    # a place's address and a list of neighbours without marks stay places
    assert tagged("丽江古城举办纳西族文化展演。") == ["古城区"]
    assert tagged("长阳、五峰两县执法人员沿清江开展巡查。", title="长阳五峰两县联合开展执法行动",
                  publication="宜昌日报") == ["长阳土家族自治县", "五峰土家族自治县"]


def test_a_counties_short_form_is_the_town_the_story_names_in_full_elsewhere() -> None:
    # 永宁 beside 延庆's 永宁镇 is that town, not 宁夏's 永宁县; 恭城 beside 恭城镇 is still its county
    text = "正月初八晚，永宁镇永宁古城的传统灯会开幕，吸引了不少市民。"
    assert tagged(text, title="永宁古城灯会开幕") == ["永宁镇"]
    assert tagged("恭城月柿丰收，恭城镇果农忙着晾晒柿饼。", title="恭城月柿丰收")[0] == "恭城瑶族自治县"


def test_a_headlines_pair_of_counties_that_tie_is_both() -> None:
    # no paper's place, the two named as often: neither is the story's alone, both are
    text = "近日，蓟州区与河北省兴隆县签订文旅合作协议，两地将共同打造跨省旅游线路。"
    assert tagged(text, title="蓟州区与河北兴隆县签订文旅合作协议") == ["蓟州区", "兴隆县"]
    # a visit is no pair
    assert tagged("蓟州区代表团赴兴隆县考察文旅项目。", title="蓟州区代表团赴兴隆县考察") != ["蓟州区", "兴隆县"]


def test_the_city_a_citys_people_hold_an_event_in_is_not_the_storys() -> None:
    # 我市在郑州举办…: 郑州 is where 林州's people held it, no 我市; it is no story's place
    text = "6月12日，我市在郑州举办招商推介会，30余家企业参加，现场签约项目8个。"
    assert tagged(text, title="我市在郑州举办招商推介会") == []
    # a city's people going to one of its counties: that county's story
    assert tagged("市委书记赴安阳县调研秋粮收购工作。", title="市委书记赴安阳县调研") == ["安阳县"]


def test_cities_visitors_came_from_are_no_list_of_the_storys_places() -> None:
    # 游客从景德镇、杭州、黄山等地赶来: where the tourists came from, not a provincial story's cities
    text = "国庆期间，江湾镇篁岭景区游人如织。不少游客专程从景德镇、杭州、黄山等地赶来。"
    assert tagged(text, title="篁岭晒秋迎客") == ["江湾镇"]
    # a list of the story's own cities still is one
    assert tagged("入汛以来，岳阳、常德等地开展防汛演练。", title="多地开展防汛演练", publication="红网") == ["岳阳市", "常德市"]


def test_a_papers_name_of_a_short_form_that_is_a_word_is_that_places() -> None:
    # 仙桃, 麻城, 会同 are words too, read in stories only as a headline's label; a paper's name
    # of the shape [app opening] short form [media word] is that place's paper
    for paper, place in (("仙桃日报", "仙桃市"), ("今日麻城", "麻城市"), ("会同发布", "会同县")):
        assert home_place(PageInfo("x", publication=paper), RULES) == GAZ.codes(place)[0]
    # national outlets are not: no bare 网 or 新闻, and 光明日报 is listed with no place
    for paper in ("凤凰网", "凤凰新闻", "光明日报"):
        assert home_place(PageInfo("x", publication=paper), RULES) is None
    assert tagged("镇里开展防汛演练。", title="沙湖镇开展防汛演练", publication="仙桃日报")[0] == "仙桃市"


def test_a_county_media_sites_address_is_its_place() -> None:
    # wuningxw.com: 武宁's pinyin and 新闻; the story names only a town several counties share
    art, info = article("近日，石门镇召开安全生产工作会议。", "石门镇召开安全生产会议"), PageInfo("x.txt", publication="wuningxw.com")
    assert page_home([art], info, RULES) == GAZ.codes("武宁县")[0]
    # a word's pinyin before the media word is no place (凤凰卫视 is no 凤凰县's)
    assert page_home([art], PageInfo("x.txt", publication="fenghuangtv.com"), RULES) is None


def test_where_a_citys_delegation_goes_is_not_the_storys() -> None:
    # 我市考察团赴浙江长兴: a city's team goes outside it, as a county's does
    text = ("9月18日，我市考察团赴浙江省长兴县考察学习美丽乡村建设经验，走进长兴县水口乡、小浦镇。"
            "考察团表示，要推动寿光美丽乡村建设再上新台阶。")
    assert tagged(text, title="我市考察团赴浙江长兴考察美丽乡村建设") == ["寿光市"]


def test_a_gazetteer_is_loaded_again_for_another_common_word_freq(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    # district_common_word_freq decides which short forms are words (places.is_common_word):
    # the gazetteer loaded under one value must not be handed out under another (the disk
    # cache's key held it, the in-memory one did not). A stand-in build: seconds each.
    import dataclasses

    from civicnews import places
    from civicnews.settings import SETTINGS

    built: list[places.Gazetteer] = []

    def build(*_args: object) -> places.Gazetteer:
        built.append(places.Gazetteer({}, {}, frozenset(), source=str(places.SETTINGS.district_common_word_freq)))
        return built[-1]

    monkeypatch.setenv("CIVICNEWS_CACHE", str(tmp_path))
    monkeypatch.setattr(places, "build_gazetteer", build)
    places.forget_gazetteers()
    try:
        first = places.load_gazetteer([], ())
        assert places.load_gazetteer([], ()) is first and len(built) == 1
        freq = SETTINGS.district_common_word_freq + 1
        monkeypatch.setattr(places, "SETTINGS", dataclasses.replace(SETTINGS, district_common_word_freq=freq))
        other = places.load_gazetteer([], ())
        assert other is not first and other.source == str(freq) and len(built) == 2
    finally:
        places.forget_gazetteers()  # (the stand-ins must not stay loaded for the tests after this one)


def test_equal_names_and_spellings_are_one_object_in_a_loaded_gazetteer() -> None:
    """Thousands of towns share a name (城关镇): every process that reads districts holds the
    gazetteer, so an equal name, spellings tuple or codes tuple is kept once, through the
    pickle it is loaded from too."""
    import pickle

    gaz = pickle.loads(pickle.dumps(load_rules().gazetteer))
    towns = [d for d in gaz.divisions.values() if d.name == "城关镇"]
    assert len(towns) > 10
    assert len({id(d.name) for d in towns}) == len({id(d.spellings) for d in towns}) == 1
    for mapping in (gaz.by_spelling, gaz.town_short_counties):
        codes: dict[tuple[str, ...], tuple[str, ...]] = {}
        for found in mapping.values():
            assert codes.setdefault(found, found) is found


def test_an_outlets_name_that_only_shares_a_short_form_takes_no_city_as_its_home() -> None:
    # 新华网 spells 新华, the short form of 新华区 in 石家庄, 平顶山 and 沧州: a story of 石家庄 it
    # carries is 石家庄's (or its 长安区's), not 新华区's
    assert tagged("石家庄市召开垃圾分类工作推进会。", publication="新华网") == ["石家庄市"]
    assert tagged("石家庄市长安区召开垃圾分类工作推进会。", publication="新华社") == ["长安区"]
    assert tagged("石家庄市新华区召开垃圾分类工作推进会。", publication="新华网") == ["新华区"]
    # a local paper's shape (今日X, X发布) or a reading's full name still takes its city's reading
    assert tagged("宁波市召开垃圾分类工作推进会。", publication="今日象山") == ["象山县"]
    assert tagged("南通市召开垃圾分类工作推进会。", publication="通州区人民政府") == ["通州区"]


def test_a_county_media_centre_named_by_a_short_form_that_is_a_word() -> None:
    # 阳新, 万年, 东方 are common words too (gazetteer word_shorts); a county media centre's own
    # words after them (融媒体中心, 文明网) still name the county; a national app's (头条) does not
    homes = {p: home_place(PageInfo("x", publication=p), RULES) for p in ("阳新融媒体中心", "万年文明网", "东方头条")}
    assert {p: RULES.gazetteer.divisions[c].name if c else None for p, c in homes.items()} == {
        "阳新融媒体中心": "阳新县", "万年文明网": "万年县", "东方头条": None}


def test_a_place_read_across_the_edge_of_a_papers_place_is_none() -> None:
    # 公安新闻中心 holds 安新 (安新县) across 公安 | 新闻中心, 云上清镇 上清 (上清镇) across 云上 | 清镇
    names_of = {p: RULES.gazetteer.divisions[home_place(PageInfo("x", publication=p), RULES)].name
                for p in ("公安新闻中心", "云上清镇", "爱辉发布")}
    assert names_of == {"公安新闻中心": "公安县", "云上清镇": "清镇市", "爱辉发布": "爱辉区"}


def test_a_short_form_of_a_league_and_a_county_goes_by_the_storys_places() -> None:
    # 兴安 is 兴安盟 (a prefecture) and 兴安县 of 桂林: a story of 兴安县's 漠川乡 is that county's
    assert tagged("漠川乡组织党员开展志愿服务活动。", publication="兴安网")[:1] == ["兴安县"]
    # a story of the league's own places stays the league's
    assert tagged("乌兰浩特市召开安全生产工作会议。", publication="兴安网")[:1] == ["乌兰浩特市"]
    assert home_place(PageInfo("x", publication="兴安网"), RULES) == RULES.gazetteer.codes("兴安盟")[0]


def test_a_county_whose_short_form_is_a_word_written_after_its_city_in_a_papers_name() -> None:
    # word_shorts (万年, 麻城) are read in no story's prose, so 上饶万年 gave only 上饶市
    homes = {p: RULES.gazetteer.divisions[home_place(PageInfo("x", publication=p), RULES)].name
             for p in ("上饶万年", "黄冈麻城发布", "上饶市万年新闻网", "荆州公安局")}
    assert homes == {"上饶万年": "万年县", "黄冈麻城发布": "麻城市", "上饶市万年新闻网": "万年县", "荆州公安局": "荆州市"}


@needs_corpus
def test_the_fitting_articles_as_published_by_other_sites_of_their_county() -> None:
    """An unseen paper of the same county (its names in 24 shapes: 阳新融媒体中心, 上饶万年, 今日X…) must
    place the story as the article's own site does, near enough."""
    assert resite("fit") >= RESITE_FLOOR


@needs_corpus
def test_the_fitting_articles_as_carried_by_another_provinces_county_paper() -> None:
    """A story under another county's masthead (a story carried from elsewhere, a misread paper's
    name) is placed by the places it names when they lie outside the paper's county."""
    assert carried("fit") >= CARRIED_FLOOR


def test_a_neighbours_headline_put_on_a_body_gives_way_to_the_bodys_places() -> None:
    # a PDF tool read the page out of order: the headline names a county the body never names,
    # and the body names its own county in full twice: the body's county, not the headline's
    body = "庆元县召开冬季安全生产大会。庆元县各部门负责人参加会议，部署冬季安全工作。"
    assert tagged(body, title="宝清县开展秸秆禁烧巡查", publication="宝清县融媒体中心") == ["庆元县"]
    assert tagged(body, title="宝清县开展秸秆禁烧巡查") == ["庆元县"]
    # the body names the headline's town: the headline is its own, and keeps its weight
    got = tagged("夹信子镇干部巡查田间地头。庆元县客商、庆元县考察团参观。", title="宝清县开展秸秆禁烧巡查")
    assert got[0] == "宝清县"
    # the body's county named once is in passing: the headline decides
    assert tagged("干部巡查田间地头，庆元县客商参观。", title="宝清县开展秸秆禁烧巡查")[0] == "宝清县"


def test_a_place_of_elsewhere_in_the_lead_makes_a_carried_story_anothers() -> None:
    # a county paper carries another county's story whose headline names no place (or was lost
    # by a PDF tool): the town its lead names, once, no town of the paper's county, decides
    body = "近日，夹信子镇在辖区开展秸秆禁烧巡查。该镇干部深入田间地头，劝导群众。"
    assert tagged(body, title="禁烧巡查进行时", publication="庆元县融媒体中心") == ["宝清县", "夹信子镇"]
    # named past the lead, once, it is in passing: the paper's county
    body = "近日，县里开展秸秆禁烧巡查。干部深入田间地头，劝导群众，夹信子镇干部也来交流。"
    assert tagged(body, title="禁烧巡查进行时", publication="庆元县融媒体中心")[0] == "庆元县"
    # guests met, or a place gone to, in the lead: the paper's county
    for lead in ("近日，县领导会见宝清县考察团一行。", "近日，县委书记带队赴宝清县考察学习。"):
        assert tagged(lead + "双方进行了座谈。", title="座谈交流", publication="庆元县融媒体中心") == ["庆元县"]


def test_a_story_that_says_where_its_writer_stands_outside_the_paper_is_that_places() -> None:
    # a county paper carries another county's story: its 我县 is followed by a town of that other
    # county, or guests 来 (come) to that county: the writer stands there, whatever 我县 says
    body = "市人大代表到我县夹信子镇、七星泡镇视察重点项目。代表们察看了项目建设情况。"
    got = tagged(body, title="市人大代表视察重点项目", publication="庆元县融媒体中心")
    assert got[0] == "宝清县" and "夹信子镇" in got and "庆元县" not in got
    body = "检查组听取了汇报，察看了街道和社区。我县将巩固创建成果。"
    got = tagged(body, title="省级检查组来宝清县验收创建工作", publication="庆元县融媒体中心")
    assert got == ["宝清县"]
    # the paper's own people going there, or a span of time before 来: still the paper's county
    body = "我县考察团到宝清县学习。考察团察看了项目建设情况。我县将借鉴经验。"
    assert tagged(body, title="考察学习", publication="庆元县融媒体中心")[0] == "庆元县"
    body = "多年来宝清县客商在我县投资兴业。我县将优化营商环境。"
    assert tagged(body, title="优化营商环境", publication="庆元县融媒体中心")[0] == "庆元县"
