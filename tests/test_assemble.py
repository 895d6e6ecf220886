"""Unit tests of the assemble stage: labelled lines in, stories out (no model involved)."""

from __future__ import annotations

import dataclasses

import pytest
from civicnews import line_rereads
from civicnews.assemble import assemble_page
from civicnews.labeler import Decision
from civicnews.lines import split_lines
from civicnews.model import Line, PageInfo, PageResult, Role
from civicnews.page_items import HeadGroup, Page, TextRun
from civicnews.pairing import best_pairing, split_by_title
from civicnews.rules import load_rules

RULES = load_rules()
R = Role


def page(rows: list[tuple[str, str]]) -> tuple[list[Line], list[Decision]]:
    """Lines from (tag, text) rows; a tag ending in + goes on the display part before it."""
    lines = split_lines("\n".join(text for _, text in rows))
    decisions = [Decision(Role(tag.rstrip("+")), 1.0, (), tag.endswith("+")) for tag, _ in rows]
    return lines, decisions


def assemble(rows: list[tuple[str, str]]):
    lines, decisions = page(rows)
    return assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)


def test_headline_heads_the_text_after_it() -> None:
    result = assemble([("kicker", "弘扬新风正气"), ("title", "西城镇移风易俗"), ("title+", "蔚然成风"),
                       ("credit", "本报讯（记者 何军）"), ("start", "今年以来，西城镇深入推进"),
                       ("body", "移风易俗工作。"), ("furniture", "垃圾分类 人人有责")])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == ("弘扬新风正气", "西城镇移风易俗蔚然成风")
    assert a.paragraphs == ["今年以来，西城镇深入推进移风易俗工作。"]
    assert a.credit.reporters == ["何军"] and result.furniture == ["垃圾分类 人人有责"]


def test_two_titles_one_under_the_other_are_two_headlines() -> None:
    result = assemble([("start", "安平县组织开展城乡环境卫生整治，全县面貌明显改善。"),
                       ("title", "安平县整治城乡环境卫生"), ("title", "长乐街道新建口袋公园"),
                       ("start", "近日，长乐街道新建的口袋公园正式开放。")])
    assert [a.headline.title for a in result.articles] == ["安平县整治城乡环境卫生", "长乐街道新建口袋公园"]


def test_brief_inside_a_story_and_the_story_resumed() -> None:
    result = assemble([("title", "青山区推进老旧小区改造"), ("start", "今年，青山区计划改造老旧小区二十个。"),
                       ("start", "日前，北山村村史馆建成开放。"), ("title", "北山村建成村史馆"),
                       ("subhead", "改造惠民生"), ("body", "目前，青山区已有八个小区完成改造。")])
    host, brief = result.articles
    assert host.headline.title == "青山区推进老旧小区改造" and host.subheads == ["改造惠民生"]
    assert host.paragraphs[-1] == "目前，青山区已有八个小区完成改造。"
    assert brief.headline.title == "北山村建成村史馆" and brief.paragraphs == ["日前，北山村村史馆建成开放。"]


def test_byline_closes_a_story_and_credits_it() -> None:
    result = assemble([("title", "南湖社区开展消防演练"), ("start", "南湖社区日前开展消防演练。"),
                       ("byline", "作者 孙丽"), ("byline", "欢迎投稿 共建共享")])
    (a,) = result.articles
    assert a.credit.reporters == ["孙丽"]
    assert "欢迎投稿 共建共享" in result.furniture  # a "byline" naming nobody


def test_title_after_two_stories_run_together_splits_them_where_its_words_begin() -> None:
    head = HeadGroup([(R.TITLE, Line(9, "", "永宁镇举办农民丰收节"))])
    run = TextRun(fresh=True, sections=[(None, ["清河镇召开会议，部署安全生产。", "会议要求压实责任。",
                                                "9月23日，永宁镇农民丰收节在广场举行。", "丰收节吸引群众参观。"])])
    tail = split_by_title(head, run)
    assert tail is not None and tail.sections[0][1][0].startswith("9月23日")
    assert run.sections[0][1] == ["清河镇召开会议，部署安全生产。", "会议要求压实责任。"]


def test_a_headline_prefers_the_story_whose_words_it_shares() -> None:
    head = HeadGroup([(R.TITLE, Line(1, "", "安平县整治城乡环境卫生"))])
    before = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])])
    after = TextRun(fresh=True, sections=[(None, ["长乐街道新建口袋公园。"])])
    assert best_pairing([before, head, after]) == [0]
    assert best_pairing([head, after]) == [0]


def test_a_slogan_above_titles_printed_after_their_stories_heads_nothing() -> None:
    slogan = HeadGroup([(R.TITLE, Line(1, "", "安全生产从我做起"))])
    first = TextRun(fresh=True, sections=[(None, ["石门镇召开全镇森林防火工作会议，安排冬季前防火工作。"])])
    title = HeadGroup([(R.TITLE, Line(3, "", "石门镇召开冬季前防火工作会议"))])
    second = TextRun(fresh=True, sections=[(None, ["川渝媒体采风团走进江津区采风。"])])
    title2 = HeadGroup([(R.TITLE, Line(5, "", "川渝媒体采风团走进江津"))])
    assert best_pairing([slogan, first, title, second, title2]) == [1, 3]


def test_every_line_is_kept_somewhere() -> None:
    rows = [("furniture", "城东日报"), ("caption", "▲志愿者入户宣传"), ("title", "城东街道开展垃圾分类宣传"),
            ("start", "近日，城东街道开展旧衣回收上门宣传。"), ("byline", "记者 王伟"), ("subhead", "孤立的小标题")]
    result = assemble(rows)
    kept = "".join([*result.furniture, *result.leftovers, *(c for a in result.articles for c in a.captions),
                    *(a.headline.title for a in result.articles), *(a.text for a in result.articles),
                    *(a.credit.text or "" for a in result.articles), *(s for a in result.articles for s in a.subheads)])
    for _, text in rows:
        assert text.lstrip("▲") in kept


def test_the_report_records_every_line_role_and_why() -> None:
    result = assemble([("title", "城东街道开展宣传"), ("start", "近日，城东街道开展宣传。")])
    assert [(r.number, r.role) for r in result.line_roles] == [(1, R.TITLE), (2, R.START)]


def test_a_missed_title_next_to_an_untitled_story_is_rescued_by_its_words() -> None:
    # the model read the title as a caption; it is headline-shaped and shares the story's words
    result = assemble([("furniture", "城东日报"), ("caption", "米河镇召开防汛工作部署会"),
                       ("start", "9月22日上午，米河镇召开防汛工作部署会，部署下一步工作。"),
                       ("body", "会议要求各村对标整改。")])
    (a,) = result.articles
    assert a.headline.title == "米河镇召开防汛工作部署会"
    assert result.furniture == ["城东日报"]
    rescued = [r for r in result.line_roles if r.role is Role.TITLE]
    assert [r.text for r in rescued] == ["米河镇召开防汛工作部署会"] and "rescued" in rescued[0].evidence[0]


def test_a_missed_title_under_a_photo_caption_is_rescued() -> None:
    # a photo's caption, then the title read as one more caption line, then a caption the model
    # took for the title's second line: the story's words reach two lines back
    result = assemble([("title", "北山村建成村史馆"), ("start", "日前，北山村村史馆建成开放，展出老物件三百余件。"),
                       ("caption", "我市开展记者进社区活动"), ("caption", "▲社区网格员在广场走访群众。"),
                       ("start", "本报讯 12月15日，我市组织媒体记者开展媒体走基层活动，走进乡镇。")])
    assert [a.headline.title for a in result.articles] == ["北山村建成村史馆", "我市开展记者进社区活动"]


def test_a_missed_title_above_an_untitled_story_s_credit_line_is_rescued() -> None:
    # the title read as a caption, a pull quote under it, then the story's credit on its own line
    # and its text: the headline stands above the credit, so rescue looks past it
    result = assemble([("furniture", "通城报"),
                       ("caption", "县政协召开七次主席会议"), ("caption", "是基层协商凝聚共识的重要平台"),
                       ("credit", "本报讯（记者 张永锋）"),
                       ("start", "12月25日下午，县政协五次常委会议在碧玉堂召开。"),
                       ("body", "会议指出，民主协商是重要方式，是基层协商凝聚共识的重要平台。")])
    (a,) = result.articles
    assert a.headline.title == "县政协召开七次主席会议" and a.captions == ["是基层协商凝聚共识的重要平台"]


def test_a_late_title_after_a_story_headed_by_a_pull_quote_takes_the_story_whole() -> None:
    # a pull quote from the story's second sentence read as its title, the real title printed
    # after the story: the story is not cut in two, the quote goes to its captions
    result = assemble([("title", "在会昌县文明实践中心"),
                       ("start", "六月赣南，草木葱茏。在会昌县文明实践中心，邻里故事讲述会正在举行。"),
                       ("body", "近年来，会昌县以站点建设为抓手，让文明实践遍地开花，邻里风景处处可见。"),
                       ("title", "会昌县：邻里风景 文明实践遍地开花"),
                       ("title", "矾山镇开展燃气安全排查"),
                       ("start", "近日，矾山镇联合多部门开展燃气安全排查。")])
    first, second = result.articles
    assert first.headline.title == "会昌县：邻里风景 文明实践遍地开花"
    assert first.captions == ["在会昌县文明实践中心"] and len(first.paragraphs) == 2
    assert second.headline.title == "矾山镇开展燃气安全排查"


def test_a_title_repeating_its_story_s_lead_is_not_taken_for_a_pull_quote() -> None:
    # the first story's title is a clause of its first sentence: a real title, so the title
    # after it heads the second story run into it
    result = assemble([("title", "松阳县召开文化工作推进会"),
                       ("start", "9月11日上午，松阳县召开文化工作推进会。县领导出席会议。"),
                       ("body", "7月14日，盐城两个县城获评国家卫生县城，全市上下倍受鼓舞。"),
                       ("title", "盐城两个县城获评国家卫生县城")])
    assert [a.headline.title for a in result.articles] == ["松阳县召开文化工作推进会", "盐城两个县城获评国家卫生县城"]


def test_a_quoted_exclamation_under_a_headline_and_above_the_credit_is_the_title() -> None:
    # the model read the quoted title as the story's first line (it ends a sentence): it is
    # the title, the headline line above it the kicker, and the story begins at the credit
    result = assemble([("furniture", "城东日报"), ("title", "昔日道路泥泞难出门 今朝大路到门口"),
                       ("start", "“俺村不比城市差！”"), ("credit", "本报讯（记者 刘招）"),
                       ("start", "“咱明年得多种点草莓，路修好了！”昨日，张花楼村村民买回一辆三轮车。"),
                       ("body", "如今水泥道路通到了家家户户门口。")])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == ("昔日道路泥泞难出门 今朝大路到门口", "“俺村不比城市差！”")
    assert a.paragraphs[0].startswith("“咱明年") and a.credit.reporters == ["刘招"]


def test_a_title_line_broken_at_a_quoted_phrase_stays_the_title() -> None:
    result = assemble([("title", "功山镇扎实推进城乡环境"), ("title+", "“5个攻坚行动”"),
                       ("start", "2月19日上午，功山镇推进城乡环境“5个攻坚行动”。")])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == (None, "功山镇扎实推进城乡环境“5个攻坚行动”")


def test_a_headline_ending_on_a_dash_read_as_text_is_a_title() -> None:
    # sentence marks inside it made the model read it as a story's first line; a paragraph of
    # headline length ending on a dash, after a finished sentence, is a headline
    result = assemble([("title", "北山村建成村史馆"), ("start", "日前，北山村村史馆建成开放，展出老物件三百余件。"),
                       ("start", "带民意，赴会场！政协委员报到——"),
                       ("body", "捎来群众期盼，共商发展大计。1月4日早上8点，区政协委员们陆续向大会报到。")])
    assert [a.headline.title for a in result.articles] == ["北山村建成村史馆", "带民意，赴会场！政协委员报到——"]
    assert result.articles[1].paragraphs[0].startswith("捎来群众期盼")


def test_a_story_s_sentence_ending_on_a_dash_stays_text() -> None:
    result = assemble([("title", "常德书写文明城市答卷"), ("start", "文明之风，吹进街头巷尾。"),
                       ("body", "近日，记者随手记下几个镜头——"), ("body", "清晨，志愿者在路口提醒行人礼让斑马线。")])
    (a,) = result.articles
    assert a.headline.title == "常德书写文明城市答卷" and a.paragraphs[1].startswith("近日，记者随手记下几个镜头——")


def test_a_late_title_opening_on_a_place_s_name_is_not_two_headlines() -> None:
    # the place's line uses only the first paragraph's words, the rest only the second's: it
    # is still one title printed after its story (a place alone heads no story)
    result = assemble([("start", "近日，矾山镇联合应急、市监等部门，对辖区企业开展排查。"),
                       ("body", "截至目前已出动人员132人次，发现各类隐患6个，积极开展安全生产宣传。"),
                       ("title", "庐江县矾山镇"), ("title+", "扎实开展燃气安全排查")])
    (a,) = result.articles
    assert a.headline.title == "庐江县矾山镇扎实开展燃气安全排查" and len(a.paragraphs) == 2


def test_a_paragraph_under_a_mid_story_pull_quote_stays_in_its_story() -> None:
    # the paragraph after the pull quote was read as a story's first line; the quote is the only
    # title it could take, so it goes on the story before, which nothing closed
    result = assemble([("title", "营口市站前区：小改造带来生活新变化"),
                       ("start", "入夏以来，营口市站前区借助楼院环境小改造，给居民生活带来新变化。"),
                       ("caption", "为进一步丰富邻里生活"),
                       ("start", "为进一步丰富邻里生活，各街道办事处因地制宜，建起阅读角和健身步道，为居民解难题。")])
    (a,) = result.articles
    assert a.headline.title == "营口市站前区：小改造带来生活新变化" and len(a.paragraphs) == 2
    assert a.captions == ["为进一步丰富邻里生活"]


def test_a_slogan_next_to_an_untitled_story_stays_furniture() -> None:
    result = assemble([("furniture", "垃圾分类 人人有责"),
                       ("start", "9月22日上午，米河镇召开防汛工作部署会，部署下一步工作。"),
                       ("body", "会议要求各村对标整改。")])
    (a,) = result.articles
    assert a.headline is None and result.furniture == ["垃圾分类 人人有责"]


def test_a_figurative_headline_read_as_furniture_above_an_untitled_story_is_its_title() -> None:
    # it shares no word with the story, but stands right above its dateline and names no slogan
    rows = [("furniture", "以练备战 筑牢防线"),
            ("start", "本报讯（通讯员 乔飞）近日，水屯镇防汛应急综合演练在水库码头启动。"),
            ("body", "演练设定连日暴雨导致道路积水。")]
    (a,) = assemble(rows).articles
    assert a.headline.title == "以练备战 筑牢防线"
    role = assemble(rows).line_roles[0]
    assert role.role is Role.TITLE and "right above a story" in role.evidence[0]


def test_an_editors_credit_between_a_headline_and_its_story_does_not_part_them() -> None:
    # 本版编辑 朱芳 is furniture (furniture.yml); the headline over it is the story's
    rows = [("furniture", "助力“健康乡村”义诊进村"), ("furniture", "本版编辑 朱芳"),
            ("start", "近日，民盟支部部分盟员来到南日镇，在镇卫生院开展健康咨询义诊服务。"),
            ("body", "当天义诊共为前来的村民服务300多人次。")]
    (a,) = assemble(rows).articles
    assert a.headline.title == "助力“健康乡村”义诊进村"
    # two furniture lines in a row part them: no reach past more than one
    rows.insert(1, ("furniture", "2025年3月8日 星期三"))
    (a,) = assemble(rows).articles
    assert a.headline is None or a.headline.title != "助力“健康乡村”义诊进村"


def test_a_caption_a_credit_a_masthead_or_a_slogan_above_an_untitled_story_is_never_its_title() -> None:
    for aside in (("caption", "▶完成户厕122座、公厕2座"), ("furniture", "文/许东升 正仁"),
                  ("furniture", "凤城新闻网 数字报"), ("furniture", "防溺水 记心间")):
        result = assemble([aside, ("start", "本报讯 近日，水屯镇防汛应急综合演练在水库码头启动。")])
        assert result.articles[0].headline is None, aside


def test_a_pull_quote_under_a_headline_opens_its_story() -> None:
    rows = [("title", "北山村建成村史馆"), ("start", "日前，北山村村史馆建成开放，展出老物件三百余件。"),
            ("title", "张楼镇：应急演练强本领"), ("subhead", "迅速转入到群众转移工作中"),
            ("body", "7月18日，张楼镇组织开展防汛抢险实战演练，各组迅速转入到群众转移工作中。")]
    assert [a.headline.title for a in assemble(rows).articles] == ["北山村建成村史馆", "张楼镇：应急演练强本领"]


def test_a_story_resumed_under_a_subhead_after_a_late_title_goes_back_to_it() -> None:
    rows = [("title", "乐山市政协到我县开展视察"), ("start", "5月16日，乐山市政协副主席带队到我县开展视察。"),
            ("body", "2月19日上午，功山镇组织志愿者推进城乡环境专项行动。"),
            ("title", "功山镇推进城乡环境专项行动"), ("subhead", "走进企业车间"),
            ("body", "考察组走进企业车间，乐山市政协副主席带队视察园区建设。")]
    titles = [a.headline.title for a in assemble(rows).articles]
    assert "乐山市政协到我县开展视察" in titles and len(titles) <= 2
    host = next(a for a in assemble(rows).articles if a.headline.title == "乐山市政协到我县开展视察")
    assert any("考察组走进企业车间" in p for p in host.paragraphs)


def test_a_title_read_as_a_subhead_right_above_a_story_s_first_line_is_its_title() -> None:
    # a title printed after its story, then the next story's title read as a subhead
    story = [("start", "日前，北山村村史馆建成开放，展出老物件三百余件。"), ("title", "北山村建成村史馆")]
    first = ("start", "本报讯 9月14日下午，平谷区政协首个协商议事室揭牌。")
    result = assemble([*story, ("subhead", "平谷区政协首个协商议事室揭牌"), first])
    assert [a.headline.title for a in result.articles] == ["北山村建成村史馆", "平谷区政协首个协商议事室揭牌"]
    assert "right above a story's first line" in result.line_roles[2].evidence[0]
    # two whole phrases with no text under them are pull quotes, not a headline
    result = assemble([*story, ("subhead", "健全长效管理机制"), ("subhead", "改善环境卫生面貌"), first])
    assert "健全长效管理机制" not in [a.headline.title for a in result.articles if a.headline]


def test_a_pull_quote_printed_apart_under_the_title_is_not_the_title_s_end() -> None:
    lines, decisions = page([("title", "街道召开背街小巷环境整治推进会"), ("title+", "对参会人员提出要求"),
                             ("start", "4月7日，街道召开整治工作推进会，从三个方面，对参会人员提出要求。")])
    apart = [lines[0], *(dataclasses.replace(x, number=x.number + 1, lines=tuple(n + 1 for n in x.lines),
                                             gap_before=int(x is lines[1])) for x in lines[1:])]
    (a,) = assemble_page(apart, decisions, PageInfo(file="t.txt"), RULES).articles
    assert a.headline.title == "街道召开背街小巷环境整治推进会"
    # printed right under the title it is the title's end, though its story repeats it
    (a,) = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES).articles
    assert a.headline.title == "街道召开背街小巷环境整治推进会对参会人员提出要求"


def test_a_story_resumed_with_no_mark_after_a_brief_goes_back_to_it() -> None:
    # the long story's text goes on after the brief's last sentence with no START line
    result = assemble([("title", "王家里村村民自发清扫街巷"),
                       ("start", "6月6日，王家里村六十余名村民自发清扫房前屋后。"),
                       ("title", "馆陶县学校举行教师节表彰活动"),
                       ("start", "在教师节到来之际，馆陶县各学校举行表彰活动。"),
                       ("body", "表彰活动中，馆陶县学校表彰了一批优秀教师。"),
                       ("body", "整治行动中，王家里村村民清扫卫生死角，整治村庄环境。")])
    host, brief = result.articles
    assert host.paragraphs[-1].startswith("整治行动中")
    assert [p[:4] for p in brief.paragraphs] == ["在教师节", "表彰活动"]


def test_cosine_does_not_favour_the_longer_story() -> None:
    from civicnews.page_items import cosine
    short = frozenset({"村史", "史馆"})
    assert cosine(short, short | {f"长{k}" for k in range(50)}) < cosine(short, short | {"建成"})


def test_a_lone_title_inside_one_story_is_its_subhead() -> None:
    # the text after the "title" goes on the text before it: a subhead the model read as a title
    story = [("title", "开发区企业推动党的二十大精神落地见效"),
             ("start", "连日来，开发区企业推动党的二十大精神落地见效，企业召开党员大会学习党的二十大精神。"),
             ("title", "宣讲在一线"),
             ("start", "11月21日，开发区组织企业负责人学习党的二十大精神，推动党的二十大精神落地见效。")]
    (a,) = assemble(story).articles
    assert a.subheads == ["宣讲在一线"] and len(a.paragraphs) == 2
    demoted = [r for r in assemble(story).line_roles if r.text == "宣讲在一线"]
    assert demoted[0].role is Role.SUBHEAD and "goes on the story before" in demoted[0].evidence[0]


def test_a_title_over_a_different_story_stays_a_title() -> None:
    result = assemble([("title", "开发区企业推动党的二十大精神落地见效"),
                       ("start", "连日来，开发区企业推动党的二十大精神落地见效，企业召开党员大会。"),
                       ("title", "北山村建成村史馆"),
                       ("start", "日前，北山村村史馆建成开放，展出老物件三百余件。")])
    assert [a.headline.title for a in result.articles] == ["开发区企业推动党的二十大精神落地见效", "北山村建成村史馆"]


# A finished story the tests below put a second story after.
READING_ROOM = [("title", "自贡首批建成社区智能借书柜"),
                ("start", "昨天午后，方冲小区的社区智能借书柜前，老人正在借书。")]


def test_a_subhead_between_two_different_stories_is_a_title() -> None:
    # the model read the second story's title as a subhead: the texts either side share no words
    rows = [*READING_ROOM,
            ("subhead", "枫林镇开展节前消防隐患大排查"),
            ("body", "节日临近，枫林镇多部门联合走进辖区商超市场开展节前排查。")]
    result = assemble(rows)
    assert [a.headline.title for a in result.articles] == ["自贡首批建成社区智能借书柜", "枫林镇开展节前消防隐患大排查"]
    promoted = [r for r in result.line_roles if r.text == "枫林镇开展节前消防隐患大排查"]
    assert promoted[0].role is Role.TITLE and "share a cosine" in promoted[0].evidence[0]


def test_a_title_read_as_a_caption_between_two_stories_opens_the_second() -> None:
    rows = [*READING_ROOM,
            ("caption", "▲村民在现场开展宣传活动。"), ("caption", "用真情为群众解忧"),
            ("body", "一个支部就是一座堡垒。社区党员用真情为群众解忧，走访困难群众。")]
    result = assemble(rows)
    assert [a.headline.title for a in result.articles] == ["自贡首批建成社区智能借书柜", "用真情为群众解忧"]


def test_a_slogan_between_two_stories_stays_furniture() -> None:
    # the text after it shares none of its words: a slogan, though the stories differ
    rows = [*READING_ROOM,
            ("furniture", "安全生产重于泰山"),
            ("body", "一个支部就是一座堡垒。社区党员走访困难群众。")]
    result = assemble(rows)
    assert [a.headline.title for a in result.articles] == ["自贡首批建成社区智能借书柜"]
    assert "安全生产重于泰山" in result.furniture


def _title_over(tail: str, confidence: float, title: str = "矾山镇扎实开展燃气安全排查",
                start: str = "近日，矾山镇联合公安部门开展安全生产检查，排查隐患。") -> PageResult:
    """A page of a title line, a second title line read with this confidence, and a story."""
    lines, decisions = page([("title", title), ("title+", tail), ("start", start)])
    decisions[1] = Decision(Role.TITLE, confidence, (), True)
    return assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)


def test_an_unsure_title_line_its_story_never_uses_is_a_slogan() -> None:
    result = _title_over("守护万家平安", 0.33)
    (a,) = result.articles
    assert a.headline.title == "矾山镇扎实开展燃气安全排查" and "守护万家平安" in result.furniture
    assert result.line_roles[1].role is Role.FURNITURE and "uses few or none of its words" in result.line_roles[1].evidence[0]
    (a,) = _title_over("守护万家平安", 0.9).articles  # read surely: the title's second line
    assert a.headline.title == "矾山镇扎实开展燃气安全排查守护万家平安"


def test_a_column_label_under_a_whole_title_is_furniture_however_sure() -> None:
    result = _title_over("创卫在行动", 0.9)
    (a,) = result.articles
    assert a.headline.title == "矾山镇扎实开展燃气安全排查" and "创卫在行动" in result.furniture
    assert "a column's label" in result.line_roles[1].evidence[0]
    # a short title's second half is no label under it (全民反诈 / 我们在行动)
    (a,) = _title_over("我们在行动", 0.9, "全民反诈", "近日，矾山镇开展全民反诈宣传，我们在行动。").articles
    assert a.headline.title.replace(" ", "") == "全民反诈我们在行动"


def test_a_title_line_printed_apart_that_its_story_hardly_uses_is_a_slogan() -> None:
    # read surely, but a blank line parts it from the title and the story uses few of its words
    lines, decisions = page([("title", "矾山镇扎实开展燃气安全排查"), ("title+", "文明出行 你我同行"),
                             ("start", "近日，矾山镇联合公安部门开展安全生产检查，倡导文明。")])
    apart = [lines[0], dataclasses.replace(lines[1], number=4, lines=(4,), gap_before=2),
             *(dataclasses.replace(x, number=x.number + 3, lines=tuple(n + 3 for n in x.lines)) for x in lines[2:])]
    (a,) = assemble_page(apart, decisions, PageInfo(file="t.txt"), RULES).articles
    assert a.headline.title == "矾山镇扎实开展燃气安全排查"
    # with no blank line a slogan the rules name (furniture.yml slogans) still goes: a PDF tool
    # may print no blank lines at all
    (a,) = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES).articles
    assert a.headline.title == "矾山镇扎实开展燃气安全排查"
    # ... and a second line they do not name, read surely, stays the title's
    lines, decisions = page([("title", "矾山镇扎实开展燃气安全排查"), ("title+", "筑牢安全防线 守护百姓平安"),
                             ("start", "近日，矾山镇联合公安部门开展安全生产检查，倡导文明。")])
    (a,) = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES).articles
    assert a.headline.title == "矾山镇扎实开展燃气安全排查筑牢安全防线 守护百姓平安"


def test_a_slogan_read_as_the_title_gives_way_to_the_title_read_as_a_caption() -> None:
    rows = [("title", "深入学习贯彻党的精神"), ("caption", "庐江县矾山镇扎实开展燃气安全排查"),
            ("start", "近日，矾山镇联合应急、市监等部门，开展燃气安全排查。"), ("body", "检查组排查隐患十余处。")]
    result = assemble(rows)
    (a,) = result.articles
    assert a.headline.title == "庐江县矾山镇扎实开展燃气安全排查" and "深入学习贯彻党的精神" in result.furniture
    assert result.line_roles[1].role is Role.TITLE and "shares" in result.line_roles[1].evidence[0]
    # a line the story prints word for word is a quote from it, not its title
    rows[1] = ("caption", "检查组排查隐患十余处")
    (a,) = assemble(rows).articles
    assert a.headline.title == "深入学习贯彻党的精神"


def test_a_lone_headline_over_another_is_its_kicker_its_title_or_another_story() -> None:
    story = ("start", "近日，市人大常委会副主任带队到我县调研人大工作，听取汇报。")
    brief = [("title", "矾山镇开展燃气安全排查"), ("start", "近日，矾山镇开展燃气安全排查，排查隐患。")]
    # the story uses its words: the first half of the title broken over two groups
    result = assemble([("title", "市人大常委会副主任带队到"), ("title", "我县调研人大工作"), story, *brief])
    assert result.articles[0].headline.title == "市人大常委会副主任带队到我县调研人大工作"
    # a theme its story does not use: a kicker printed apart
    result = assemble([("title", "人大之窗"), ("title", "我县调研人大工作"), story, *brief])
    assert (result.articles[0].headline.kicker, result.articles[0].headline.title) == ("人大之窗", "我县调研人大工作")
    # another story's words: no kicker of this one
    result = assemble([("title", "矾山镇排查安全隐患"), ("title", "我县调研人大工作"), story, *brief])
    assert result.articles[0].headline.kicker is None


def test_a_trailing_credit_broken_at_the_line_end_is_read_whole() -> None:
    result = assemble([("title", "普梯村走上乡村振兴快车道"),
                       ("start", "普梯村找准发展定位，成为乡村振兴的典范。（作者 周"),
                       ("byline", "远钢 袁喆）")])
    (a,) = result.articles
    assert a.credit.reporters == ["周远钢", "袁喆"]
    assert a.paragraphs == ["普梯村找准发展定位，成为乡村振兴的典范。"]


def test_a_subhead_inside_one_story_stays_its_subhead() -> None:
    words = "开发区企业推动党的二十大精神落地见效"
    result = assemble([("title", words), ("start", f"连日来，{words}，企业召开党员大会学习。"),
                       ("subhead", "宣讲走进生产一线"), ("body", f"11月21日，开发区组织企业负责人学习，{words}。")])
    (a,) = result.articles
    assert a.subheads == ["宣讲走进生产一线"]


def test_two_lone_titles_inside_one_story_are_both_its_subheads() -> None:
    words = "开发区企业推动党的二十大精神落地见效"
    result = assemble([("title", words), ("start", f"连日来，{words}，企业召开党员大会学习。"),
                       ("title", "宣讲在一线"), ("start", f"11月21日，开发区组织企业负责人学习，{words}。"),
                       ("title", "实干在岗位"), ("start", f"日前，开发区企业党支部召开学习会，{words}。")])
    (a,) = result.articles
    assert a.subheads == ["宣讲在一线", "实干在岗位"]


def test_a_sentence_piece_read_as_a_title_goes_back_into_its_story() -> None:
    # "黄河故道" runs across the break: the "title" is the story's text (when the text after
    # is read as a story's first line, the model is trusted over a word across the break)
    result = assemble([("title", "市人大代表视察我县"), ("start", "12月4日，市人大代表视察我县。"),
                       ("body", "代表们分为4个视察组。"), ("title", "代表们分别视察了黄"),
                       ("body", "河故道综合开发项目。")])
    (a,) = result.articles
    assert a.headline.title == "市人大代表视察我县"
    assert "代表们分别视察了黄河故道综合开发项目。" in "".join(a.paragraphs)
    demoted = [r for r in result.line_roles if r.text == "代表们分别视察了黄"]
    assert demoted[0].role is R.BODY and "goes on its sentence" in demoted[0].evidence[0]


def test_two_stories_run_together_are_cut_between_the_headlines_above_and_below_them() -> None:
    result = assemble([("title", "村规民约引领乡村和美新气象"),
                       ("start", "昨日，记者走进雁鸣湖镇，村规民约引领文明新风。"),
                       ("body", "村民说，村规民约让大家减轻了负担。"),
                       ("body", "近日，祭城路街道办事处对辖区餐馆开展燃气安全集中排查。"),
                       ("body", "检查组对商铺消防设施逐一检查。"),
                       ("title", "祭城路街道办事处对辖区餐馆开展燃气安全集中排查")])
    titles = [a.headline.title for a in result.articles]
    assert titles == ["村规民约引领乡村和美新气象", "祭城路街道办事处对辖区餐馆开展燃气安全集中排查"]
    assert result.articles[1].paragraphs[0].startswith("近日，祭城路街道")


def test_a_headline_read_far_from_its_story_finds_it_by_its_words() -> None:
    # a PDF tool read the first story's headline last, under the second story
    result = assemble([("credit", "本报讯（记者 王明）"), ("start", "近日，长乐街道新建口袋公园三座。"),
                       ("title", "米河镇召开防汛工作部署会"), ("start", "9月22日，米河镇召开防汛工作部署会。"),
                       ("title", "长乐街道新建口袋公园")])
    assert [a.headline.title for a in result.articles] == ["长乐街道新建口袋公园", "米河镇召开防汛工作部署会"]


def test_a_headline_printed_again_far_down_the_page_is_its_second_print() -> None:
    result = assemble([("title", "米河镇召开防汛工作部署会"), ("start", "9月22日，米河镇召开防汛工作部署会。"),
                       ("title", "米河镇召开防汛工作部署会")])
    (a,) = result.articles
    assert a.headline.title == "米河镇召开防汛工作部署会"
    assert result.line_roles[2].role is R.FURNITURE and "second print" in result.line_roles[2].evidence[0]


def test_a_title_broken_over_lines_after_its_untitled_story_is_rescued_whole() -> None:
    result = assemble([("start", "4月30日，全市项目建设调度推进会议召开。"),
                       ("body", "会议强调，要加快推进项目建设，让群众早受益。"),
                       ("body", "全市项目建设调度推进会议强调："), ("body", "加快推进项目建设"),
                       ("body", "让群众早受益")])
    (a,) = result.articles
    assert a.headline.title == "全市项目建设调度推进会议强调：加快推进项目建设让群众早受益"
    assert a.paragraphs == ["4月30日，全市项目建设调度推进会议召开。", "会议强调，要加快推进项目建设，让群众早受益。"]
    assert [r.role for r in result.line_roles[-3:]] == [R.TITLE] * 3


def test_a_title_after_two_stories_cuts_them_where_the_two_headlines_part() -> None:
    # words of the lower headline (活动) also in the upper story: the cut is where the upper
    # headline's words end and the lower's begin, not at the first paragraph.
    result = assemble([("title", "松阳县召开文旅融合推进会"), ("start", "本报讯 松阳县召开文旅融合推进会。"),
                       ("body", "县长指出，松阳县文旅融合发展活动进展顺利。"),
                       ("body", "为展示乡村风貌，乡宁县将举办乡村文化旅游节。"),
                       ("title", "乡宁县乡村文化旅游节系列活动将开幕")])
    upper, lower = result.articles
    assert upper.headline.title == "松阳县召开文旅融合推进会" and len(upper.paragraphs) == 2
    assert lower.headline.title == "乡宁县乡村文化旅游节系列活动将开幕"
    assert lower.paragraphs == ["为展示乡村风貌，乡宁县将举办乡村文化旅游节。"]


def test_two_headlines_in_one_group_between_two_stories_are_parted_by_their_words() -> None:
    result = assemble([("start", "9月7日，县教育局召开春季开学安全工作会。"),
                       ("title", "县教育局召开春季开学安全工作会"), ("title", "恩平邀请记者进村庄看变化"),
                       ("start", "11月26日，恩平市邀请记者走进村庄，察看发展变化。")])
    assert [a.headline.title for a in result.articles] == ["县教育局召开春季开学安全工作会", "恩平邀请记者进村庄看变化"]


def test_an_unsure_text_line_opening_with_a_dateline_begins_a_story_under_its_title() -> None:
    lines, decisions = page([("title", "馆陶县举行教师节表彰活动"), ("start", "馆陶县表彰一批优秀教师。"),
                             ("body", "盐城三县城八乡镇入选省级卫生县城（乡镇）"),
                             ("body", "本报讯（全媒体记者 陈立新）7月14日，省爱卫会公布省级卫生县城（乡镇）名单。")])
    decisions[-1] = Decision(Role.BODY, 0.48)
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert [a.headline.title for a in result.articles] == ["馆陶县举行教师节表彰活动", "盐城三县城八乡镇入选省级卫生县城（乡镇）"]
    assert result.articles[1].credit.reporters == ["陈立新"]
    decisions[-1] = Decision(Role.BODY, 0.99)  # a sure text line stays text (PDF tools' row order)
    assert len(assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES).articles) == 1


def test_a_title_over_a_story_on_the_same_theme_that_opens_like_a_story_stays_a_title() -> None:
    # two stories on rural sanitation share about a tenth of their words; the second opens
    # like a story (a date), so more than that is needed to read its title as a subhead
    result = assemble([("start", "今年以来，通海县坚持分类施策、连片推进农村污水治理，全县农村人居环境持续向好。"),
                       ("title", "长春绿园：推进村庄清洁行动助力乡村振兴"),
                       ("start", "6月25日，绿园区委主要负责同志检查村庄清洁行动工作，要求以清洁助乡村振兴。")])
    assert [a.headline.title if a.headline else None for a in result.articles][-1] == "长春绿园：推进村庄清洁行动助力乡村振兴"
    assert len(result.articles) == 2


def test_a_text_line_above_the_page_s_first_story_beginning_is_its_title() -> None:
    result = assemble([("furniture", "海口报"), ("body", "周末一起去逛逛？海口这些村庄“面”新“底”厚"),
                       ("start", "本网讯（记者 刘兵）9月的海口暑气未消，开车去乡间转一转。")])
    (a,) = result.articles
    assert a.headline.title == "周末一起去逛逛？海口这些村庄“面”新“底”厚" and a.credit.reporters == ["刘兵"]


def test_a_title_whose_last_word_happens_to_run_on_into_a_story_s_opening_stays_a_title() -> None:
    # 工作 + 日前 reads 工作日 across the break: chance, since the text after opens a story
    result = assemble([("title", "刚察县研究推进全年目标任务"),
                       ("start", "日前，刚察县召开县政府常务会议，研究推进全年目标任务。")])
    (a,) = result.articles
    assert a.headline is not None and a.headline.title == "刚察县研究推进全年目标任务"
    assert a.paragraphs == ["日前，刚察县召开县政府常务会议，研究推进全年目标任务。"]


def test_a_pull_quote_read_as_the_title_gives_way_to_the_title_printed_after_the_story() -> None:
    # the line above the story repeats one of its clauses (a photo caption or pull quote); the
    # real title came after the story's byline, beside another story's headline
    result = assemble([("title", "夜市经营秩序明显好转"), ("start", "日前，前锋区8个部门合力集中规范夜市摊点，"),
                       ("body", "夜市经营秩序明显好转，群众满意。"), ("byline", "撰稿：陈浪"),
                       ("title", "前锋区部门合力规范夜市摊点"), ("title", "米河镇召开防汛工作部署会"),
                       ("start", "9月22日，米河镇召开防汛工作部署会。")])
    first, second = result.articles
    assert first.headline.title == "前锋区部门合力规范夜市摊点"
    assert first.captions == ["夜市经营秩序明显好转"]
    assert second.headline.title == "米河镇召开防汛工作部署会"
    assert result.line_roles[0].role is R.CAPTION and "pull quote" in result.line_roles[0].evidence[0]


def test_a_title_that_is_no_clause_of_its_story_keeps_it_against_a_late_headline() -> None:
    result = assemble([("title", "前锋区集中规范夜市摊点"), ("start", "日前，前锋区8个部门合力集中规范夜市摊点，"),
                       ("body", "夜市经营秩序明显好转，群众满意。"), ("byline", "撰稿：陈浪"),
                       ("title", "前锋区部门合力规范夜市摊点"), ("title", "米河镇召开防汛工作部署会"),
                       ("start", "9月22日，米河镇召开防汛工作部署会。")])
    first, _ = result.articles
    assert first.headline.title == "前锋区集中规范夜市摊点"


def test_a_photo_caption_repeating_a_clause_is_never_rescued_as_a_title() -> None:
    result = assemble([("start", "6月16日，我县70家单位到包保小区开展志愿服务活动，"),
                       ("body", "志愿者们不嫌累、不叫苦，借这个机会捡拾垃圾。"),
                       ("caption", "▶借这个机会捡拾垃圾")])
    (a,) = result.articles
    assert a.headline is None or a.headline.title != "▶借这个机会捡拾垃圾"
    assert "▶借这个机会捡拾垃圾" in a.captions


def test_a_title_after_a_story_ending_on_its_credit_in_brackets_is_rescued() -> None:
    result = assemble([("start", "7月14日，全国爱卫会公布国家卫生县城名单，盐城两个县城入选。"),
                       ("body", "全国爱卫会希望珍惜荣誉，再接再厉。（全媒体记者 陈立新）"),
                       ("body", "盐城两个县城获评国家卫生县城")])
    (a,) = result.articles
    assert a.headline.title == "盐城两个县城获评国家卫生县城"
    assert a.credit.reporters == ["陈立新"]


def test_a_pull_quote_above_an_untitled_story_gives_way_to_the_title_above_it() -> None:
    # the title read as a caption, the pull quote under it too: the quote shares every word
    # with the story, yet a whole clause of it is no title
    result = assemble([("furniture", "今日中牟"), ("caption", "村规民约引领 乡村和美新气象"),
                       ("caption", "大家压力都很大"),
                       ("start", "昨日，记者走进雁鸣湖镇，村规民约引领文明新风，大家压力都很大，"),
                       ("body", "如今移风易俗成了乡村新风尚。")])
    (a,) = result.articles
    assert a.headline.title == "村规民约引领 乡村和美新气象"
    assert a.captions == ["大家压力都很大"]


def test_a_speaker_s_opening_read_as_a_subhead_between_unlike_paragraphs_stays_in_the_story() -> None:
    result = assemble([("title", "县教育局召开春季开学安全工作会"),
                       ("start", "9月7日，全县春季开学安全工作会召开，各校校长参加会议。"),
                       ("subhead", "李建华指出"), ("body", "大家要正确认识当前形势，扎实抓好质量提升。")])
    (a,) = result.articles
    assert a.headline.title == "县教育局召开春季开学安全工作会"


def test_a_slogan_read_as_a_kicker_is_furniture() -> None:
    result = assemble([("kicker", "垃圾分类 人人有责"), ("title", "矾山镇开展安全生产大检查"),
                       ("start", "近日，矾山镇开展安全生产大检查，排查隐患十余处。")])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == (None, "矾山镇开展安全生产大检查")
    assert result.furniture == ["垃圾分类 人人有责"]
    assert result.line_roles[0].role is R.FURNITURE


def test_two_headlines_parted_side_by_side_give_the_story_below_to_the_one_it_shares_words_with() -> None:
    # the line stage parted a row holding two stories' headlines (head_start on the right one);
    # the text right under them is the left story's, the right story comes later
    lines, decisions = page([("title", "米河镇召开防汛工作部署会"), ("title", "长乐街道新建口袋公园"),
                             ("start", "9月22日，米河镇召开防汛工作部署会，部署下一步工作。"),
                             ("start", "近日，长乐街道新建口袋公园三座，方便居民休闲。")])
    lines[1] = dataclasses.replace(lines[1], head_start=True)
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert [a.headline.title for a in result.articles] == ["米河镇召开防汛工作部署会", "长乐街道新建口袋公园"]


def test_a_kicker_that_only_names_a_place_or_breaks_a_number_opens_the_title() -> None:
    result = assemble([("kicker", "庐江县矾山镇"), ("title", "扎实开展燃气安全排查"),
                       ("start", "近日，矾山镇开展燃气安全排查，排查隐患十余处。"),
                       ("kicker", "宝鸡市陇县5"), ("title", "00余名干部职工清扫街巷"),
                       ("start", "为推进文明创建，陇县500余名志愿者走上街头清除小广告。"),
                       ("kicker", "人大代表之家"), ("title", "人大代表开展进站履职活动"),
                       ("start", "本报讯 人大代表开展进站履职活动，听取意见。")])
    heads = [(a.headline.kicker, a.headline.title) for a in result.articles]
    assert heads == [(None, "庐江县矾山镇扎实开展燃气安全排查"), (None, "宝鸡市陇县500余名干部职工清扫街巷"),
                     ("人大代表之家", "人大代表开展进站履职活动")]


def test_an_untitled_opening_after_a_caption_that_goes_on_the_story_before_joins_it() -> None:
    result = assemble([("title", "午休窗口不关门 便民服务暖人心"),
                       ("start", "“没想到中午也能办手续！”李女士对政务服务中心的工作人员竖起拇指。"),
                       ("caption", "移风易俗从我做起"),
                       ("start", "12月1日中午，眼看已到午休时间，李女士才赶到政务服务中心，工作人员为她办好手续。")])
    (a,) = result.articles
    assert a.headline.title == "午休窗口不关门 便民服务暖人心" and len(a.paragraphs) == 2


def test_an_untitled_story_on_other_things_after_a_story_stays_apart() -> None:
    result = assemble([("title", "午休窗口不关门 便民服务暖人心"),
                       ("start", "“没想到中午也能办手续！”李女士对政务服务中心的工作人员竖起拇指。"),
                       ("caption", "移风易俗从我做起"),
                       ("start", "9月22日，米河镇召开防汛工作部署会，部署下一步创建工作。")])
    assert len(result.articles) == 2


def test_a_county_media_masthead_read_as_a_kicker_is_furniture() -> None:
    result = assemble([("kicker", "陇县发布"), ("title", "陇县志愿者清除小广告"),
                       ("start", "为推进文明创建，陇县500余名志愿者走上街头清除小广告。")])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == (None, "陇县志愿者清除小广告")
    assert result.furniture == ["陇县发布"]


def test_a_credit_alone_is_no_article_and_nothing_is_lost() -> None:
    result = assemble([("start", "（通讯员"), ("body", "刘正浩）")])
    assert result.articles == [] and any("刘正浩" in x for x in result.leftovers)


def test_a_credit_alone_after_a_story_closes_it() -> None:
    result = assemble([("title", "枫林镇开展安全生产大检查"), ("start", "近日，枫林镇开展安全生产大检查，为全镇提供安全保障。"),
                       ("start", "（通讯员"), ("body", "刘正浩）")])
    (a,) = result.articles
    assert a.credit.reporters == ["刘正浩"] and a.paragraphs == ["近日，枫林镇开展安全生产大检查，为全镇提供安全保障。"]


@pytest.mark.xfail(strict=True, reason="known failure: the pass that read an undashed subtitle under a late"
                   " title (undashed_subtitles) was dropped at stop 34, as it changed one fitting article")
def test_a_left_over_headline_right_under_a_title_is_its_subtitle_and_cuts_no_story() -> None:
    # title after its story, an undashed subtitle right under it: the subtitle's words begin at
    # a dated paragraph, where a far headline would cut the story in two
    result = assemble([("start", "古有灵渠通湘漓，今有兴安展新颜。"), ("body", "说县城新貌，聊家门口变化，兴安县干部群众热议。"),
                       ("body", "9月23日，省电视台直播聚焦县域新发展栏目，节目播出后兴安县内引起广泛反响。"),
                       ("body", "兴安县漠川乡的葡萄在直播中得到全面展示。"),
                       ("title", "省台《聚焦县域新发展》报道兴安"), ("title", "节目播出后兴安县内引起广泛反响")])
    (a,) = result.articles
    assert (a.headline.title, a.headline.subtitle) == ("省台《聚焦县域新发展》报道兴安", "节目播出后兴安县内引起广泛反响")
    assert len(a.paragraphs) == 4
    assert any("subtitle" in " ".join(r.evidence) for r in result.line_roles if r.role is Role.SUBTITLE)


def test_a_place_alone_over_a_couplet_title_stays_its_kicker() -> None:
    def headline(title: str):
        (a,) = assemble([("kicker", "万灵镇"), ("title", title), ("start", "近日，万灵镇开展庭院环境清理，共建美好家园。")]).articles
        return a.headline.kicker, a.headline.title
    assert headline("开展庭院环境清理 打造整洁美丽家园") == ("万灵镇", "开展庭院环境清理 打造整洁美丽家园")
    # a title that needs the place as its subject takes it
    assert headline("积极开展人居环境整治") == (None, "万灵镇积极开展人居环境整治")


def test_tuning_reaches_every_module_of_the_passes() -> None:
    """fit/tune.py tries a tunable in every module whose passes assemble_page runs: each imports
    settings.SETTINGS itself, so a module left out of tune.ASSEMBLY_MODULES would tune nothing."""
    import inspect
    import sys

    from civicnews import assemble as assemble_module
    from civicnews.fit import tune
    from civicnews.settings import SETTINGS

    passes = {v.__module__ for v in vars(assemble_module).values() if inspect.isfunction(v)}
    modules = {sys.modules[m] for m in passes if m.startswith("civicnews.")} | {assemble_module}
    modules = {m for m in modules if hasattr(m, "SETTINGS")}
    assert len(modules) > 1  # the passes live in modules of their own
    tried = SETTINGS.pairing_base + 0.25
    with tune.overridden(pairing_base=tried):
        assert {m for m in modules if m.SETTINGS.pairing_base == tried} == modules
    assert all(m.SETTINGS is SETTINGS for m in modules)


def test_a_heading_that_opens_on_a_joining_word_stays_inside_its_story() -> None:
    # 对创国卫工作提出要求 opens on a preposition: no story's headline, though the text under it
    # opens like a story
    rows = [("title", "经济开发区召开创国卫攻坚会议"), ("start", "18日晚，经济开发区召开创国卫攻坚会议。"),
            ("body", "开发区各片区负责人参加会议，部署创国卫攻坚工作。"), ("title", "对创国卫工作提出要求"),
            ("start", "近日，开发区组织人员对辖区重点区域开展创国卫排查。")]
    # the two parts share a cosine of 0.16: enough for a heading inside one story, not for one
    # over text that opens like a story (min_begun_subhead_similarity)
    (a,) = assemble(rows).articles
    assert a.headline.title == "经济开发区召开创国卫攻坚会议"
    assert "对创国卫工作提出要求" in a.subheads
    rows[3] = ("title", "开发区开展环境卫生排查")  # a headline of its own
    assert len(assemble(rows).articles) == 2


def spaced_page(text: str, tags: list[str]) -> PageResult:
    """A page text with blank lines, each printed line given its tag in order."""
    lines = split_lines(text)
    decisions = [Decision(Role(tag.rstrip("+")), 1.0, (), tag.endswith("+")) for tag in tags]
    return assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)


@pytest.mark.parametrize("upper", ["黄沙镇多举措推动", "黄沙镇召开"])
def test_line_read_as_furniture_that_leaves_its_phrase_open_for_the_title_under_it_is_the_titles_first_piece(
        upper: str) -> None:
    result = spaced_page(f"县域新闻\n\n{upper}\n垃圾分类工作走深走实\n\n本报讯 11月5日，黄沙镇推动垃圾分类工作。\n"
                         "全镇面貌一新。", ["furniture", "furniture", "title", "start", "body"])
    (a,) = result.articles
    assert a.headline.title.replace(" ", "") == upper + "垃圾分类工作走深走实" and a.headline.kicker is None
    assert "县域新闻" in result.furniture


def test_whole_label_read_as_furniture_over_a_title_stays_furniture() -> None:
    result = spaced_page("县域新闻\n\n垃圾分类 人人有责\n垃圾分类工作走深走实\n\n本报讯 11月5日，黄沙镇推动垃圾分类工作。\n"
                         "全镇面貌一新。", ["furniture", "furniture", "title", "start", "body"])
    (a,) = result.articles
    assert a.headline.title == "垃圾分类工作走深走实"
    assert "垃圾分类 人人有责" in result.furniture


# A boxed pull quote set above its story's headline: one quotation signed with a dash and a name.
PULL_QUOTE = [("start", "“创卫是最大的民生工程，全区上下要进入战时状态，"), ("body", "全力以赴打好创卫攻坚战。”"),
              ("body", "———王明")]
QUOTED_STORY = [("title", "新城区全力以赴打好创卫攻坚战"),
                ("start", "近日，新城区召开创卫攻坚工作会议。区长王明说，创卫是最大的民生工程，"),
                ("body", "全区上下要打好创卫攻坚战。")]


def test_a_signed_quotation_over_a_headline_is_that_story_s_pull_quote() -> None:
    result = assemble(PULL_QUOTE + QUOTED_STORY)
    (a,) = result.articles
    assert a.headline.title == "新城区全力以赴打好创卫攻坚战"
    assert a.paragraphs[0].startswith("“创卫是最大的民生工程") and a.paragraphs[-1].endswith("攻坚战。")


def test_a_signed_quotation_over_another_story_s_headline_stays_apart() -> None:
    # the story under the headline shares none of the quote's words: not its pull quote
    result = assemble(PULL_QUOTE + [("title", "北山村建成村史馆"), ("start", "日前，北山村村史馆建成开放，展出老物件三百余件。")])
    assert len(result.articles) == 2 and result.articles[1].headline.title == "北山村建成村史馆"
    assert result.articles[1].paragraphs == ["日前，北山村村史馆建成开放，展出老物件三百余件。"]


def test_a_quotation_with_its_speaker_s_words_after_it_is_no_pull_quote() -> None:
    # “…，”王明说，… goes on past the quote: a story's own opening
    result = assemble([("start", "“创卫是最大的民生工程。”王明说，"), ("body", "全区上下要打好创卫攻坚战。")] + QUOTED_STORY)
    assert len(result.articles) == 2


CHART = [("start", "东区范围，由建设局负责"), ("body", "西区范围，由执法局负责，城管局协助"), ("body", "新城区创卫分解图")]


def test_a_chart_s_labels_under_a_headline_are_furniture() -> None:
    # the model read the chart's boxes as the story's first line: they are the chart's
    result = assemble([QUOTED_STORY[0], *CHART, *QUOTED_STORY[1:]])
    (a,) = result.articles
    assert a.headline.title == "新城区全力以赴打好创卫攻坚战" and a.paragraphs[0].startswith("近日，新城区")
    assert all(text in result.furniture for _, text in CHART)


def test_short_unfinished_lines_of_a_story_over_a_chart_title_stay_its_text() -> None:
    result = assemble([*QUOTED_STORY[:2], ("body", "全区上下要明确分工，"), *CHART[:2], ("body", "新城区创卫分解图"),
                       ("body", "全区上下要打好创卫攻坚战。")])
    (a,) = result.articles
    assert "东区范围，由建设局负责" in "".join(a.paragraphs)


def test_a_whole_clause_of_the_story_under_a_kicker_is_a_pull_quote_and_the_kicker_the_title() -> None:
    story = [("start", "8月17日，吴圩镇开展防汛避险宣讲活动。"), ("body", "各村逐户上门走访，把防汛避险知识送到每户家中，叮嘱老人雨天少出门。")]
    (a,) = assemble([("kicker", "吴圩镇开展防汛避险宣讲活动"), ("title", "把防汛避险知识送到每户家中"), *story]).articles
    assert (a.headline.kicker, a.headline.title) == (None, "吴圩镇开展防汛避险宣讲活动")
    assert a.captions == ["把防汛避险知识送到每户家中"]
    assert "a pull quote" in assemble([("kicker", "吴圩镇开展防汛避险宣讲活动"), ("title", "把防汛避险知识送到每户家中"),
                                       *story]).line_roles[1].evidence[0]
    # a title the lead says word for word stays the title, under a label its story does not echo
    (a,) = assemble([("kicker", "平安校园在行动"), ("title", "吴圩镇开展防汛避险宣讲活动"), *story]).articles
    assert (a.headline.kicker, a.headline.title) == ("平安校园在行动", "吴圩镇开展防汛避险宣讲活动")


def test_a_story_s_first_line_repeating_its_headline_s_opening_is_its_text() -> None:
    rows = [("kicker", "市人大常委会副主任刘军带队来我县视察代表联络工作"), ("title", "市人大常委会副主任刘军带队来我县庆"),
            ("body", "祖镇、八公桥镇视察代表联络工作。"), ("body", "县人大常委会领导陪同视察。")]
    (a,) = assemble(rows).articles
    assert a.headline.title == "市人大常委会副主任刘军带队来我县视察代表联络工作" and a.headline.kicker is None
    assert a.paragraphs[0].startswith("市人大常委会副主任刘军带队来我县庆祖镇、八公桥镇")
    # a title line that does not repeat the line above stays the title under its kicker
    rows[1] = ("title", "市人大代表视察我县庆祖镇")
    (a,) = assemble(rows).articles
    assert a.headline.title == "市人大代表视察我县庆祖镇"


def test_two_headlines_in_one_group_are_cut_where_a_blank_line_parts_them() -> None:
    from civicnews.page_items import Page
    from civicnews.pairing import split_shared_groups

    def run(text: str) -> TextRun:
        return TextRun(fresh=True, sections=[(None, [text])])

    parts = [(R.TITLE, Line(8, "", "奕棋镇：整洁庭院大比拼")), (R.TITLE, Line(9, "", "和美乡村添光彩")),
             (R.TITLE, Line(11, "", "村规民约引领乡村新气象", gap_before=1))]
    items = [run("近日，奕棋镇开展整洁庭院大比拼。"), HeadGroup(parts), run("村规民约引领新气象，和美乡村添光彩，村里新气象处处可见。")]
    page = Page(items, [], [], [])
    split_shared_groups(page)
    heads = [x.text for x in page.items if isinstance(x, HeadGroup)]
    assert heads == ["奕棋镇：整洁庭院大比拼和美乡村添光彩", "村规民约引领乡村新气象"]


def test_a_title_line_whose_last_word_runs_into_a_sentence_under_it_is_text() -> None:
    rows = [("title", "迎丰镇召开安全生产工作部署会"), ("start", "3月25日，迎丰镇召开安全生产工作部署会。"),
            ("title", "会议梳理了今年以来道路交通、消防火灾等安全"), ("start", "隐患，对隐患成因作了逐一分析。"),
            ("body", "眼下正值农忙时节、清明前后出行高峰期间，安全防范任务繁重。"),
            ("body", "会议要求，各村要及早落实巡山护林、路口值守等人员力量和应急处置预案。")]
    (a,) = assemble(rows).articles
    assert a.headline.title == "迎丰镇召开安全生产工作部署会"
    assert "会议梳理了今年以来道路交通、消防火灾等安全隐患，对隐患成因作了逐一分析。" in "".join(a.paragraphs)
    # a story's opening under a title, its lead word read across the break by chance, stays a story
    rows[3] = ("start", "日前，省内外安全生产会议召开，部署森林防火工作。")
    assert not any("runs into the text line" in why for why in assemble(rows).line_roles[2].evidence)


def test_a_lone_title_printed_word_for_word_in_the_story_around_it_is_a_pull_quote() -> None:
    rows = [("title", "县教育局召开春季开学安全工作会"), ("start", "9月7日，全县春季开学安全工作会由县教育局召开。"),
            ("body", "局长李建华主持会议并讲话，各校校长参加会议。"), ("title", "李建华指出"),
            ("start", "李建华强调，大家要清醒看到当前校园的安全形势。"),
            ("body", "李建华指出，大家要切实扛起校园的安全责任，各校校长要抓好落实。")]
    (a,) = assemble(rows).articles
    assert a.headline.title == "县教育局召开春季开学安全工作会" and a.captions == ["李建华指出"]
    assert any("李建华强调" in p for p in a.paragraphs)
    # a title its story does not print is no pull quote
    rows[3] = ("title", "县教研室召开教学工作会")
    assert not any("pull quote" in why for why in assemble(rows).line_roles[3].evidence)


def test_a_late_title_heads_the_story_run_into_the_one_before_not_the_story_after_it() -> None:
    rows = [("title", "县教育局召开秋季教育工作会"), ("start", "9月7日，县教育局召开秋季教育工作会。"),
            ("body", "会议部署秋季开学各项工作，要求各校抓好安全。"),
            ("body", "近日，恩平市组织媒体记者走进乡村采访，记者们走进恩平乡村。"),
            ("body", "媒体记者看到乡村道路宽阔，村容整洁。"), ("byline", "作者 张恒"),
            ("title", "恩平组织媒体走乡村"), ("start", "1月4日，区人大代表向大会报到，带着民意赴会。")]
    articles = assemble(rows).articles
    titles = [a.headline.title if a.headline else None for a in articles]
    assert titles[:2] == ["县教育局召开秋季教育工作会", "恩平组织媒体走乡村"] and len(titles) == 3
    assert articles[1].paragraphs[0].startswith("近日，恩平市")
    # a title the story after it prints is that story's, printed over it: no cut
    rows[-1] = ("start", "近日，恩平市组织媒体记者走进乡村，看到乡村新变化。")
    titles = [a.headline.title if a.headline else None for a in assemble(rows).articles]
    assert titles == ["县教育局召开秋季教育工作会", "恩平组织媒体走乡村"]


def test_a_few_characters_under_a_late_headline_are_its_last_line_not_a_story() -> None:
    rows = [("title", "县教育局召开秋季教育工作会"), ("start", "9月7日，县教育局召开秋季教育工作会。"),
            ("body", "会议部署秋季开学各项工作，要求各校抓好安全。"), ("byline", "作者 张恒"),
            ("start", "近日，张花楼村的水泥路修到了村民家门口，村民们不再为出行发愁。"),
            ("body", "村里还新装了路灯，晚上出门也亮堂了。"), ("byline", "通讯员 王平"),
            ("title", "昔日土路坑洼雨天难出门"), ("title+", "如今水泥大路通门口"), ("start", "“俺村不比城市差！”"),
            ("title", "恩平组织媒体走乡村"), ("start", "1月4日，恩平市组织媒体记者走进乡村，看到乡村新变化。")]
    articles = assemble(rows).articles
    assert len(articles) == 3
    assert "不比城市差" in articles[1].headline.title + (articles[1].headline.kicker or "")
    # a text of a brief's length under the headline is a story of its own
    rows[9] = ("start", "“俺村不比城市差！”村民们说，如今路修好了，出门方便了，日子也越过越红火了。")
    assert len(assemble(rows).articles) == 4


def test_a_few_characters_ending_the_sentence_of_the_story_before_go_on_it() -> None:
    rows = [("title", "宝丰县推动两个中心融合发展"), ("start", "5月20日，宝丰县文明实践服务站开设剪纸公益课。"),
            ("body", "今年以来，为持续擦亮全国文明"), ("start", "城市品牌，该"),
            ("title", "恩平组织媒体走乡村"), ("start", "1月4日，恩平市组织媒体记者走进乡村，看到乡村新变化。")]
    articles = assemble(rows).articles
    assert len(articles) == 2 and "全国文明城市品牌" in articles[0].text
    # after a finished sentence the few characters stay apart: nothing says whose they are
    rows[2] = ("body", "去年以来，宝丰县深入推进全国文明建设。")
    assert len(assemble(rows).articles) == 3


def test_a_two_line_headline_read_as_subheads_between_two_stories_heads_the_second() -> None:
    rows = [("title", "陵水大艾园村告别脏乱差"), ("start", "平坦宽阔的水泥路、色彩明快的墙绘画，陵水大艾园村变了模样。"),
            ("body", "村民们自发清理房前屋后，村里环境焕然一新。"),
            ("subhead", "人大代表之家"), ("subhead", "人大代表开展进站履职活动"),
            ("body", "为了更好地倾听民声，了解民情，代表们进站履职，接待了前来反映问题的选民。")]
    articles = assemble(rows).articles
    assert len(articles) == 2 and "人大代表开展进站履职活动" in articles[1].headline.title
    # a block of two subheads whose text goes on the story's words is that story's section
    rows[5] = ("body", "陵水大艾园村的村民们清理房前屋后，村里环境焕然一新，村民们说变了模样。")
    assert len(assemble(rows).articles) == 1


def test_a_title_line_ending_on_de_is_a_broken_sentence_not_a_headline() -> None:
    rows = [("title", "延时服务不打烊"), ("start", "12月1日上午，马先生赶到政务服务中心办理补贴。"),
            ("body", "窗口工作人员主动提供延时服务，他顺利办完了手续。"),
            ("title", "作为联系居民最近的"), ("body", "“第一窗口”，该中心推出午间不打烊、下班不关门。")]
    articles = assemble(rows).articles
    assert len(articles) == 1 and "作为联系居民最近的“第一窗口”" in articles[0].text
    rows[3] = ("title", "作为联系居民最近的第一窗口")  # a headline of that shape stays one
    assert len(assemble(rows).articles) == 2


def test_a_quotation_read_as_the_title_under_a_headline_is_its_story_s_first_words() -> None:
    rows = [("title", "岳阳县共建文明城"), ("start", "2月23日，岳阳县城街头人来人往，花柱完好如初。"),
            ("body", "市民们说，文明已成为荣城人的习惯。"),
            ("kicker", "午休窗口不关门 便民服务暖人心"), ("title", "“原以为要等到下午才能办的"),
            ("start", "事情，没想到中午就办好了！”李女士对窗口工作人员竖起大拇指。")]
    articles = assemble(rows).articles
    assert len(articles) == 2
    assert articles[1].paragraphs[0].startswith("“原以为要等到下午才能办的事情")
    assert articles[1].headline.title == "午休窗口不关门 便民服务暖人心"


def test_text_printed_after_its_story_s_byline_goes_on_that_story() -> None:
    # a PDF tool that orders text by height prints the credit at the foot of a short column
    # before the last lines of the story's longer column: the text after the byline shares the
    # story's words and is shorter than its text before the credit, so it goes on that story
    # rather than standing as a story of its own
    result = assemble([("title", "衢州推进美丽城镇全域建设"),
                       ("start", "美丽城镇建设行动启动以来，衢州市对照全省工作要求，逐项细化建设任务，"),
                       ("body", "全力绘好一张全域发展蓝图，滚动实施一批项目，加快推进美丽城镇全域建"),
                       ("byline", "作者 张照 吴鹏"),
                       ("body", "设，全市美丽城镇建设目标如期达成，面貌焕然一新。")])
    (a,) = result.articles
    assert a.headline.title == "衢州推进美丽城镇全域建设" and a.credit.reporters == ["张照", "吴鹏"]
    assert a.text.endswith("焕然一新。")


def test_a_story_of_its_own_after_a_byline_is_not_joined_to_the_story_before() -> None:
    # the text after the byline shares no words with the story the byline closed: its own story
    result = assemble([("title", "衢州推进美丽城镇全域建设"),
                       ("start", "美丽城镇建设行动启动以来，衢州市全力推进建设工作。"),
                       ("byline", "作者 张照 吴鹏"),
                       ("body", "春节期间，县图书馆举办迎新春读书会，吸引百余名读者参加。")])
    assert len(result.articles) == 2 and result.articles[1].text.startswith("春节期间")


def test_more_text_after_a_byline_than_before_it_is_a_story_of_its_own() -> None:
    # it shares the words of the story the byline closed, but a credit closes most of its story:
    # longer text after it is another story (on the same subject) whose first line was missed
    result = assemble([("title", "衢州推进美丽城镇全域建设"),
                       ("start", "衢州市全力推进美丽城镇全域建设。"),
                       ("byline", "作者 张照 吴鹏"),
                       ("body", "江山市美丽城镇建设目标如期达成，全市美丽城镇建设经验得到推广，"
                                "城镇面貌焕然一新，群众满意度持续提升。")])
    assert len(result.articles) == 2 and result.articles[1].text.startswith("江山市")


def test_kicker_lines_opening_on_a_place_printed_against_the_title_open_it() -> None:
    story = ("start", "近日，街道网格员走进小区，为居民解决难事。")
    result = assemble([("kicker", "历城区洪家楼街道"), ("kicker", "网格连"), ("kicker", "起邻里情"),
                       ("title", "服务送到家门口"), story])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == (None, "历城区洪家楼街道网格连起邻里情服务送到家门口")
    # a development zone names no one place: a slogan over the title stays its kicker
    result = assemble([("kicker", "经济开发区再研究再部署"), ("title", "打好创卫攻坚战"),
                       ("start", "近日，开发区召开创卫工作会议，打好创卫攻坚战。")])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == ("经济开发区再研究再部署", "打好创卫攻坚战")


def test_a_kicker_line_holding_a_figure_is_the_title_s_first_line() -> None:
    result = assemble([("kicker", "第12届梨花节"), ("kicker", "签约36.2亿"), ("title", "小城迎来招商好开局"),
                       ("start", "本报讯 第12届梨花节开幕，现场签约项目20个，总投资36.2亿元。")])
    (a,) = result.articles
    assert (a.headline.kicker, a.headline.title) == ("第12届梨花节", "签约36.2亿小城迎来招商好开局")


def test_a_clause_from_past_the_lead_printed_under_the_title_is_a_pull_quote() -> None:
    rows = [("title", "城关镇开展汛前安全大检查"), ("title+", "守住安全生产底线"),
            ("start", "3日，城关镇开展汛前安全大检查。会上要求，守住安全生产底线；狠抓隐患排查。")]
    (a,) = assemble(rows).articles
    assert a.headline.title == "城关镇开展汛前安全大检查"
    # a clause of the lead printed under the title is the title's second half
    rows[-1] = ("start", "3日，城关镇开展汛前安全大检查，守住安全生产底线。会上要求狠抓隐患排查。")
    (a,) = assemble(rows).articles
    assert a.headline.title == "城关镇开展汛前安全大检查守住安全生产底线"


def _blocked_page(block: str) -> tuple[list[Line], list[Decision]]:
    """A story whose sentence runs across a line printed as a block of its own (blank lines
    around it, as pdftotext prints a headline spanning columns), then an untitled story."""
    text = ("城南街道整治老旧小区\n本报讯 近日，城南街道启动老旧小区整治，\n街道干部深入小区走访群众，牢固树立人民\n\n"
            f"{block}\n\n至上理念，整治工作取得实效。\n日前，河西镇举办首届乡村邻里文化节，村民踊跃参加。\n"
            "文化节上，河西镇村民表演了节目。")
    roles = [R.TITLE, R.START, R.BODY, R.BODY, R.BODY, R.START, R.BODY]
    return split_lines(text), [Decision(r, 0.9) for r in roles]


def test_headline_printed_among_another_storys_lines_heads_its_own_story() -> None:
    lines, decisions = _blocked_page("河西镇举办首届乡村邻里文化节")
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert [a.headline.title if a.headline else None for a in result.articles] == [
        "城南街道整治老旧小区", "河西镇举办首届乡村邻里文化节"]
    # the text under the headline goes on the story whose sentence it ends, not the headline's
    assert "至上理念" in "".join(result.articles[0].paragraphs)
    assert "至上理念" not in "".join(result.articles[1].paragraphs)


def test_block_whose_words_no_text_uses_stays_text() -> None:
    lines, decisions = _blocked_page("平安建设守法用法")
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert all(a.headline is None or "平安" not in a.headline.title for a in result.articles)


def test_block_pass_off_leaves_the_headline_in_the_text() -> None:
    lines, decisions = _blocked_page("河西镇举办首届乡村邻里文化节")
    from civicnews import line_rereads

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(line_rereads, "SETTINGS", dataclasses.replace(line_rereads.SETTINGS, blocks_read_as_text=False))
        result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert "河西镇举办首届乡村邻里文化节" not in [a.headline.title for a in result.articles if a.headline]


def _wrapped_block_page() -> tuple[list[Line], list[Decision]]:
    """``_blocked_page`` with a headline wrapped in two lines, its end shorter than its first line,
    the two set apart as a block of their own."""
    text = ("城南街道整治老旧小区\n本报讯 近日，城南街道启动老旧小区整治，\n街道干部深入小区走访群众，牢固树立人民\n\n"
            "河西镇举办首届乡村邻\n里文化节\n\n至上理念，整治工作取得实效。\n日前，河西镇举办首届乡村邻里文化节，村民踊跃参加。\n"
            "文化节上，河西镇村民表演了节目。")
    roles = [R.TITLE, R.START, R.BODY, R.BODY, R.BODY, R.BODY, R.START, R.BODY]
    return split_lines(text), [Decision(r, 0.9) for r in roles]


def test_a_wrapped_headline_set_apart_among_another_storys_lines_heads_its_own_story() -> None:
    from civicnews import line_rereads

    lines, decisions = _wrapped_block_page()
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert [a.headline.title if a.headline else None for a in result.articles] == [
        "城南街道整治老旧小区", "河西镇举办首届乡村邻里文化节"]
    assert "至上理念" in "".join(result.articles[0].paragraphs)
    # read one line at a time (the rule before block_title_lines), the two lines stay text
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(line_rereads, "SETTINGS", dataclasses.replace(line_rereads.SETTINGS, block_title_lines=1))
        result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert "河西镇举办首届乡村邻里文化节" not in [a.headline.title for a in result.articles if a.headline]


def test_a_wrapped_block_as_wide_as_its_end_stays_text() -> None:
    from civicnews import line_rereads

    lines, decisions = _wrapped_block_page()
    assert [k for k, _ in line_rereads.blocks_read_as_text(lines, decisions, RULES)] == [3, 4]
    # the second line as long as the first: a column's two lines, no headline's wrapped end
    lines[4] = dataclasses.replace(lines[4], text="里文化节开幕式在广场", width=lines[3].width + 1)
    assert line_rereads.blocks_read_as_text(lines, decisions, RULES) == []


def _headline_after_byline_page() -> tuple[list[Line], list[Decision]]:
    """A story closed by a byline set apart, then a headline set apart, then its story."""
    text = ("城南街道整治老旧小区\n本报讯 近日，城南街道启动老旧小区整治，\n街道干部深入小区走访群众，牢固树立人民\n"
            "至上理念，整治工作取得实效。\n\n（记者 王明）\n\n河西镇举办首届乡村邻里文化节\n\n"
            "日前，河西镇举办首届乡村邻里文化节，村民踊跃参加。\n文化节上，河西镇村民表演了节目，\n"
            "邻里之间互帮互助蔚然成风。")
    roles = [R.TITLE, R.START, R.BODY, R.BODY, R.BYLINE, R.BODY, R.START, R.BODY, R.BODY]
    return split_lines(text), [Decision(r, 0.9) for r in roles]


def test_a_headline_block_beside_a_byline_block_is_read_as_a_headline() -> None:
    from civicnews import line_rereads

    lines, decisions = _headline_after_byline_page()
    assert line_rereads.blocks_read_as_text(lines, decisions, RULES) == [(5, False)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(line_rereads, "SETTINGS", dataclasses.replace(line_rereads.SETTINGS, neighbour_blocks=False))
        assert line_rereads.blocks_read_as_text(lines, decisions, RULES) == []


def _prose_title_page(set_apart: bool) -> tuple[list[Line], list[Decision]]:
    """A titled story with a prose line (a sentence ends inside it) read as a title, and the
    text under it; the prose line printed right under the text or set apart after a finished
    sentence."""
    gap = "\n" if set_apart else ""
    text = ("松阳县召开创建书香三城工作推进会\n本报讯 近日，松阳县召开创建书香三城工作推进会，\n"
            f"县委常委、宣传部长林涛要求，各地各部门要把创建\n书香三城工作与其他中心工作一起抓。\n{gap}"
            "同部署同推进。要抓责任落实，强化\n督导检查，确保创建工作取得实效，\n为全县发展提供文化支撑。")
    roles = [R.TITLE, R.START, R.BODY, R.BODY, R.TITLE, R.BODY, R.BODY]
    return split_lines(text), [Decision(r, 0.9) for r in roles]


def test_a_prose_line_read_as_a_title_is_text() -> None:
    from civicnews import line_rereads

    lines, decisions = _prose_title_page(set_apart=False)
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert [a.headline.title if a.headline else None for a in result.articles] == ["松阳县召开创建书香三城工作推进会"]
    assert "要抓责任落实" in "".join(result.articles[0].paragraphs)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(line_rereads, "SETTINGS", dataclasses.replace(line_rereads.SETTINGS, prose_read_as_titles=False))
        result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert len(result.articles) == 2


def test_a_prose_title_set_apart_after_a_finished_sentence_keeps_its_story_start() -> None:
    def prose_role(set_apart: bool) -> Role:
        lines, decisions = _prose_title_page(set_apart)
        result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
        return next(r.role for r in result.line_roles if r.text.startswith("同部署"))

    # right under the text it goes on it; set apart after a finished sentence it opens a paragraph
    assert (prose_role(False), prose_role(True)) == (Role.BODY, Role.START)


def _far_headline_page(narrow: bool) -> PageResult:
    """A titled story set wide, then a second story with no date in its first words, its
    headline printed at the page's foot (PyMuPDF reads display type last); the second story
    set narrow or at the first one's measure."""
    wide = [("title", "南湖区建成社区阅报栏三十五座"), ("start", "截至目前，南湖区负责实施的首批社区阅报栏"),
            ("body", "三十五座已经建成，其中十七座建在小区内，居"), ("body", "民纷纷称赞阅报栏，说晚上还亮着灯，看起来也"),
            ("body", "很漂亮，方便了大家阅读，南湖区阅报栏将按不"), ("body", "同时期更新内容，方便群众阅读。")]
    second = ["节日临近，为进一步做", "好节日期间消防安全工", "作，枫林镇应急办公室", "联合派出所深入辖区商",
              "超开展节前消防隐患大", "排查，枫林镇镇长参加", "排查并提出要求。"]
    if not narrow:  # the same words set at the first story's measure
        text = "".join(second)
        second = [text[i:i + 21] for i in range(0, len(text), 21)]
    third = [("title", "宝丰县文明实践中心开设陶艺课堂"), ("start", "5月20日，宝丰县文明实践中心举办陶艺公益课堂，"),
             ("body", "五十多名学生及家长学习捏陶泥和拉胚。"), ("byline", "■作者 巫鹏")]
    rows = [*wide, *(("body", t) for t in second), *third, ("furniture", "新闻热线：0756-75461501"),
            ("title", "枫林镇开展节前消防隐患大排查")]
    return assemble(rows)


def test_a_far_headline_cuts_a_story_where_a_narrower_column_begins() -> None:
    # no date or opening word at the cut: the change of measure after a finished sentence is
    # where the far headline's story begins
    result = _far_headline_page(narrow=True)
    assert [a.headline.title for a in result.articles] == ["南湖区建成社区阅报栏三十五座", "枫林镇开展节前消防隐患大排查",
                                                           "宝丰县文明实践中心开设陶艺课堂"]
    assert result.articles[1].paragraphs[0].startswith("节日临近")


def test_a_far_headline_does_not_cut_a_story_at_one_measure_with_no_opening() -> None:
    result = _far_headline_page(narrow=False)
    assert [a.headline.title for a in result.articles] == ["南湖区建成社区阅报栏三十五座", "宝丰县文明实践中心开设陶艺课堂"]


def _quoted_cry_under_a_story(spaced: bool, bracketed: bool) -> PageResult:
    """A story's last sentence, then a kicker (read as text, in brackets or not), a quoted cry
    read as text and a new story's credit; the page prints a blank line somewhere or none."""
    kicker = "【昨日山路难行走 今朝公路通到家】" if bracketed else "昨日山路难行走 今朝公路通到家"
    rows = [("title", "城南街道开展消防演练"), ("start", "5月8日，城南街道组织居民开展消防演练。"),
            ("body", "演练提高了居民的安全意识。"), ("body", kicker), ("body", "“我们村也通公路了！”"),
            ("credit", "本报记者 李明"), ("start", "本报讯　“公路修到家门口，种的菜再也不愁卖了！”"),
            ("body", "石桥村村民王强说。")]
    lines, decisions = page(rows)
    if spaced:  # a blank line before the story's last sentence
        lines[2] = dataclasses.replace(lines[2], gap_before=1)
    return assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)


def test_a_quoted_cry_under_a_bracketed_kicker_after_a_story_heads_the_next_story() -> None:
    a, b = _quoted_cry_under_a_story(spaced=False, bracketed=True).articles
    assert a.paragraphs[-1] == "演练提高了居民的安全意识。"
    assert (b.headline.kicker or "").strip("【】") == "昨日山路难行走 今朝公路通到家"
    assert b.headline.title == "“我们村也通公路了！”" and b.credit.reporters == ["李明"]


def test_a_quoted_cry_under_a_line_of_text_stays_text() -> None:
    # no brackets: the line above the cry is read as the story's text, so the cry is too
    result = _quoted_cry_under_a_story(spaced=False, bracketed=False)
    assert "“我们村也通公路了！”" not in [a.headline.title for a in result.articles if a.headline]


def test_a_quoted_cry_under_a_title_on_a_page_without_blank_lines_is_the_title() -> None:
    # PyMuPDF prints no blank line: the cry printed against the text under it is still the
    # title; on a page that prints blank lines, a cry touching the text under it is text
    rows = [("title", "昨日山路难行走 今朝公路通到家"), ("start", "“我们村也通公路了！”"),
            ("body", "“公路修到家门口，种的菜再也不愁卖了！”石桥村村民王强说。"), ("body", "如今水泥路通到了家家户户。")]
    (a,) = assemble(rows).articles
    assert (a.headline.kicker, a.headline.title) == ("昨日山路难行走 今朝公路通到家", "“我们村也通公路了！”")
    lines, decisions = page(rows)
    lines[3] = dataclasses.replace(lines[3], gap_before=1)
    (a,) = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES).articles
    assert a.headline.title == "昨日山路难行走 今朝公路通到家"


def test_a_left_over_title_line_under_a_title_it_breaks_a_quotation_with_is_its_rest() -> None:
    # PyMuPDF prints the display type at the page's foot; the model began a new headline
    # inside the title's quotation, and that second "headline" heads no story
    rows = [("start", "3月2日，城东区召开新闻发布会，介绍优化营商环境的做法。"), ("body", "发布会介绍了十项措施。"),
            ("furniture", "新闻热线：0756-75461501"), ("title", "城东区召开“优化营商"), ("title", "环境”新闻发布会")]
    result = assemble(rows)
    assert [a.headline.title for a in result.articles] == ["城东区召开“优化营商环境”新闻发布会"]
    assert not result.leftovers


def _campaign_headline_page(slogan_strip: bool) -> PageResult:
    """A story closed by its credit, then a two-line headline whose second line a furniture
    rule names as a campaign slogan (共创…城市), then that headline's story. With
    ``slogan_strip`` the slogan is printed on its own, set apart, and is page furniture."""
    rows = [(1, "title", "北湖区举行春季植树活动"), (3, "start", "3月12日，北湖区干部群众在湖边植树五千株。"),
            (4, "body", "活动持续了一整天。"), (6, "byline", "（记者 王明）"),
            (8, "furniture", "清理社区垃圾"), (9 if not slogan_strip else 10, "furniture", "共创美丽城市"),
            (12, "start", "6月2日，南城社区组织居民清理社区垃圾，共同维护美丽城市环境。"),
            (13, "body", "居民们清运垃圾三吨。")]
    lines = [Line(n, text, text) for n, _, text in rows]
    decisions = [Decision(Role(tag), 0.8, ()) for _, tag, _ in rows]
    return assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)


def test_a_campaign_slogan_line_printed_against_a_headline_line_is_that_headline_s_piece() -> None:
    result = _campaign_headline_page(slogan_strip=False)
    assert [a.headline.title for a in result.articles if a.headline] == ["北湖区举行春季植树活动", "清理社区垃圾 共创美丽城市"]
    assert result.articles[1].paragraphs[0].startswith("6月2日")
    assert "共创美丽城市" not in result.furniture


def test_a_campaign_slogan_printed_apart_stays_furniture() -> None:
    result = _campaign_headline_page(slogan_strip=True)
    assert "共创美丽城市" in result.furniture


def test_a_text_line_opening_with_a_date_is_not_taken_for_the_date_strip() -> None:
    # the model reads a paragraph's first line opening with a full date as the page's date
    # strip; its sentence goes on in the line under it, so the story goes on too
    rows = [("title", "北湖区表彰优秀教师"), ("start", "9月8日，北湖区表彰了一批优秀教师。"),
            ("furniture", "2011年9月10日是我国的第27个"), ("start", "教师节。北湖区为此举办了表彰会，"),
            ("body", "四十名教师受到表彰。"), ("furniture", "2024年3月5日 星期二")]
    result = assemble(rows)
    (a,) = result.articles
    assert "2011年9月10日是我国的第27个教师节。" in "".join(a.paragraphs)
    assert result.furniture == ["2024年3月5日 星期二"]


def test_a_text_line_ending_on_a_range_s_dash_is_not_a_title() -> None:
    # a narrow column breaks a range of years at its dash: the line above the break was read
    # as a title, the one under it (opening on a year) as a story's first line
    rows = [("title", "北湖区获评文明城区"), ("start", "近日，北湖区获评文明城区。据悉，今年2月，北湖"),
            ("title", "区被确定为2018—"), ("start", "2020年创建周期文明城"), ("body", "区提名城区，继续保留称号。")]
    (a,) = assemble(rows).articles
    assert "区被确定为2018—2020年创建周期" in "".join(a.paragraphs)


def test_a_formulaic_slogan_in_a_block_of_its_own_is_no_headline() -> None:
    # a slogan (furniture.yml slogans) printed apart at the page's foot, read as a title
    # printed after its story: it took the story's second half as its own
    rows = [(1, "title", "北湖区推进创卫工作"), (3, "start", "3月2日，北湖区召开创建卫生城市推进会。"),
            (4, "body", "会议部署了下一阶段的工作。"), (6, "start", "每个人都是城市的主人。通过创建卫生城市，"),
            (7, "body", "市民人人参与，共享成果。"), (9, "title", "创建卫生城市人人参与")]
    lines = [Line(n, text, text) for n, _, text in rows]
    decisions = [Decision(Role(tag), 0.8, ()) for _, tag, _ in rows]
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert [a.headline.title for a in result.articles if a.headline] == ["北湖区推进创卫工作"]
    assert "创建卫生城市人人参与" in result.furniture


def _subhead_over_story_page(opening: bool) -> PageResult:
    """A titled story, then a line read as a subhead, then text that names a few of the first
    story's words (政协, 委员) and opens with a date, or goes on without one."""
    after = ("10月14日上午，区政协召开委员联络站建设情况推进会，" if opening else "区政协召开委员联络站建设情况推进会，") \
        + "各镇街政协委员联络站负责人参加会议。"
    rows = [("title", "区人大代表向大会报到"), ("start", "1月4日，区人大代表们精神抖擞地来到大会报到处，"),
            ("body", "政协委员们也陆续到会，带着百姓的期盼参加大会。"), ("subhead", "区政协召开委员联络站推进会"),
            ("body", after), ("body", "会议要求把工作室建成服务基层的平台。")]
    return assemble(rows)


def test_a_subhead_over_text_that_opens_a_story_is_that_story_s_title() -> None:
    # the two texts share 政协 and 委员 (cosine above max_title_similarity): only the story's
    # opening under the line and its words there make it a title
    result = _subhead_over_story_page(opening=True)
    assert [a.headline.title for a in result.articles] == ["区人大代表向大会报到", "区政协召开委员联络站推进会"]
    assert result.articles[1].paragraphs[0].startswith("10月14日上午")


def test_a_subhead_over_text_that_opens_no_story_stays_a_subhead() -> None:
    (a,) = _subhead_over_story_page(opening=False).articles
    assert a.subheads == ["区政协召开委员联络站推进会"]


def _title_over_the_date_strip_page(strip: bool) -> PageResult:
    """PyMuPDF prints a far story's title at the page's top, then the date strip, then the first
    story's title (the model reading it as going on the far one); the far story's text runs
    on after the first story's."""
    rows = [("title", "湖南桂东：好人风采 处处可见"),
            *([("furniture", "2021年11月27日 星期六")] if strip else []),
            ("title+", "鼓足干劲 攻坚克难 推动营商环境提升"),
            ("start", "10月24日，副市长主持召开营商环境提升工作会议。"), ("body", "会议要求攻坚克难，提升营商环境。"),
            ("start", "近日，桂东县新时代文明实践所开展好人故事会，"), ("body", "桂东县好人们讲述身边的故事，台下掌声不断。")]
    return assemble(rows)


def test_a_title_printed_over_the_date_strip_is_no_part_of_the_headline_under_it() -> None:
    result = _title_over_the_date_strip_page(strip=True)
    assert [a.headline.title for a in result.articles][:1] == ["鼓足干劲 攻坚克难 推动营商环境提升"]
    assert "湖南桂东：好人风采 处处可见" not in result.articles[0].headline.title


def test_title_lines_printed_together_stay_one_headline() -> None:
    title = _title_over_the_date_strip_page(strip=False).articles[0].headline.title
    assert title.startswith("湖南桂东：好人风采 处处可见鼓足干劲")


def _stacked_far_titles_page(second_story: bool) -> PageResult:
    """PyMuPDF prints two stacked headlines at the page's foot, read as one title: a figurative
    one (few of its words in its story) over a plain one; the text holds the two stories run
    together, or one story that goes on."""
    rest = [("body", "近日，青草镇联合公安、消防等部门对辖区企业开展安全生产检查。"),
            ("body", "检查组发现安全隐患六个，下达整改通知书三份，青草镇将跟进整改。")] if second_story else \
        [("body", "近日，丽水青年宣讲团走进田间地头，用乡音土语宣讲理论。"), ("body", "丽水让理论长在田间、留在青年心里。")]
    rows = [("start", "9年创建，丽水这座历史文化名城从立规守矩到人人共创共建，"), ("body", "擦亮了全国文明城市的殊荣，人民更幸福。"),
            *rest, ("furniture", "发行热线：0551-75404891"), ("title", "丽水：从文明起步 向幸福迈进"),
            ("title+", "桐城市青草镇积极开展安全生产检查")]
    return assemble(rows)


def test_stacked_far_titles_one_figurative_part_over_two_stories() -> None:
    result = _stacked_far_titles_page(second_story=True)
    assert [a.headline.title for a in result.articles] == ["丽水：从文明起步 向幸福迈进", "桐城市青草镇积极开展安全生产检查"]
    assert result.articles[1].paragraphs[0].startswith("近日，青草镇")


def test_stacked_titles_over_one_story_stay_one_title() -> None:
    (a,) = _stacked_far_titles_page(second_story=False).articles
    assert a.headline.title.startswith("丽水：从文明起步 向幸福迈进")


def test_an_unsure_title_line_a_word_runs_into_stays_the_title() -> None:
    # pdfminer: …迎来菊 / 花节招商大会, the second line read unsure; the story prints none of its
    # words but the word broken across the lines (菊花): one title, not a slogan under it
    result = _title_over("花节招商开门红", 0.33, "揽金十亿 城关镇迎来菊", "近日，城关镇第十届菊花文化活动开幕，游客如织。")
    (a,) = result.articles
    assert a.headline.title.replace(" ", "") == "揽金十亿城关镇迎来菊花节招商开门红"
    # no word across the break: still a slogan under the title
    (a,) = _title_over("守护万家平安", 0.33, "揽金十亿 城关镇迎来菊花节", "近日，城关镇第十届菊花文化活动开幕。").articles
    assert a.headline.title.replace(" ", "") == "揽金十亿城关镇迎来菊花节"


def test_a_title_s_end_broken_inside_a_word_and_set_aside_goes_back_on_the_title() -> None:
    # the end of a title broken inside 名单, printed as the next line and read as furniture (two
    # phrases, like a slogan): the story prints the words across the break (果名单)
    rows = [("title", "县政府召开复审结果名"), ("furniture", "单发布会 我县上榜"),
            ("start", "3月2日，县政府召开复审结果名单发布会，我县上榜。")]
    result = assemble(rows)
    (a,) = result.articles
    assert a.headline.title == "县政府召开复审结果名单发布会 我县上榜"
    assert "单发布会 我县上榜" not in result.furniture
    assert "broken inside a word" in result.line_roles[1].evidence[-1]
    # the same line under a title it does not go on (no word across the break the story prints)
    result = assemble([("title", "县政府召开复审工作会议"), ("furniture", "单发布会 我县上榜"),
                       ("start", "3月2日，县政府召开复审工作会议。")])
    assert result.articles[0].headline.title == "县政府召开复审工作会议"
    assert "单发布会 我县上榜" in result.furniture


_NARROW = ["三比一争工作，每走访一个", "村社区，编辑记者们都同", "村社主要负责同志交流，", "并走入村组实地了解三比",
           "一争工作开展情况。大家", "一致认为，这几个乡镇都"]
_WIDE = ["为加快补齐城区公共服务短板，该县利用闲置厂房改", "建了面积一千二百平方米的社区邻里服务综合体，开",
         "辟了托幼助老开展便民服务项目和居民文体活动的新", "场所，综合体内设有老年食堂、儿童托管室、图书阅",
         "览室和文体活动室等功能区，每天接待居民三百余人", "次，社区还组织志愿者轮流值守，为居民提供理发、"]


def test_a_narrow_story_s_column_printed_inside_a_wide_story_goes_back_to_it() -> None:
    # pdfminer orders boxes by height: the narrow story's second column lands among the wide
    # story's lines; its measure and its words give it back
    rows = [("title", "我市开展媒体走基层活动"), ("start", "12月15日，我市组织记者走基"),
            *[("body", t) for t in ["层，开展三比一争工作采访", "活动，记者们深入乡镇街区", "采访编辑记者和乡镇干部。"]],
            ("title", "城东区建成邻里服务综合体"), ("start", "近日，" + _WIDE[0][3:]),
            *[("body", t) for t in _WIDE[1:4]], *[("body", t) for t in _NARROW],
            *[("body", t) for t in _WIDE[4:]], ("body", "义诊等服务，方便了“一老一小”的日常生活。")]
    result = assemble(rows)
    first, second = result.articles
    assert first.headline.title == "我市开展媒体走基层活动" and "".join(_NARROW) in "".join(first.paragraphs)
    assert _NARROW[0] not in "".join(second.paragraphs) and _WIDE[4] in "".join(second.paragraphs)


def test_a_block_of_another_measure_no_story_takes_stays_where_it_is() -> None:
    # the block opens with a date and another story is set to its measure, but shares no words
    # with it: it stays in the run it was printed in (made a story of its own, it cost fresh
    # text pages a story each at stop 39)
    rows = [("title", "我市开展媒体走基层活动"), ("start", "12月15日，我市组织记者走基"),
            *[("body", t) for t in ["层，开展三比一争工作采访", "活动，记者们深入乡镇街区", "采访编辑记者和乡镇干部。"]],
            ("title", "城东区建成邻里服务综合体"), ("start", "近日，" + _WIDE[0][3:]),
            *[("body", t) for t in _WIDE[1:4]], ("body", "3月25日，迎丰镇召开清明"),
            *[("body", t) for t in ["节前夕消防安全检查部署", "会，全镇各村负责人参加", "会议，会议要求各村做好"]],
            *[("body", t) for t in _WIDE[4:]], ("body", "义诊等服务，方便了“一老一小”的日常生活。")]
    result = assemble(rows)
    assert len(result.articles) == 2
    assert "3月25日，迎丰镇召开清明" in "".join(result.articles[1].paragraphs)


def test_a_credit_read_as_text_after_a_finished_sentence_closes_its_story() -> None:
    # the model read a story's closing credit as a text line; the headline after it was read as
    # text too, so the next story ran on in the first one
    rows = [("title", "北湖区举行春季植树活动"), ("start", "3月12日，北湖区干部群众在湖边植树五千株。"),
            ("body", "活动持续了一整天。"), ("body", "文/王明"),
            ("body", "南城社区清理垃圾，共建美丽家园"),
            ("body", "6月2日，南城社区组织居民清理社区垃圾，共同维护美丽城市环境。"),
            ("body", "居民们清运垃圾三吨，社区环境焕然一新。")]
    result = assemble(rows)
    assert len(result.articles) == 2
    assert result.articles[0].credit.text == "文/王明"
    assert "文/王明" not in "".join(result.articles[0].paragraphs)


def test_a_title_line_ending_on_a_comma_keeps_the_line_under_it() -> None:
    # no title ends on a comma: the line under it is the title's rest, though its story never
    # uses its words and the model was unsure of it
    from civicnews.headline_parts import drop_stray_title_tails

    run = TextRun(fresh=True, sections=[(None, ["近日，河西镇组织志愿者清理城郊河道。"])])
    run.headline = HeadGroup([(Role.TITLE, Line(1, "", "清理城郊河道垃圾，")), (Role.TITLE, Line(2, "", "守护乡村好水质"))])
    page = Page([run], [], [], [])
    assert drop_stray_title_tails(page, {1: 0.9, 2: 0.3}, load_rules()) == []
    assert run.headline.text == "清理城郊河道垃圾，守护乡村好水质"


def _column_page(after: list[str]) -> tuple[list[Line], list[Decision]]:
    """A narrow column story, a short headline set apart that the model read as text (sure of
    it), and the lines after it, every line a block of its own (a double-spaced column)."""
    rows = [("title", "西湾村修通产业路"), ("start", "西湾村今年修通了"), ("body", "三条产业路，果农"),
            ("body", "运果再也不难了。"), ("body", "用真情为老人添暖"), *(("body", t) for t in after)]
    lines, decisions = page(rows)
    lines = [dataclasses.replace(x, gap_before=1) if k >= 4 else x for k, x in enumerate(lines)]
    return lines, decisions


def test_a_headline_read_as_text_over_a_dated_lead_heads_a_new_story() -> None:
    # the model read the headline as a line of the column around it; the text after it opens
    # like a story (a date) and shares almost nothing with the story before
    lines, decisions = _column_page(["5月8日，南溪镇的", "志愿者走进敬老院", "为老人理发打扫，", "陪老人聊天拉家常。"])
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert [a.headline.title for a in result.articles] == ["西湾村修通产业路", "用真情为老人添暖"]
    assert result.articles[1].paragraphs[0].startswith("5月8日，南溪镇")


def test_a_headline_shaped_text_line_over_text_that_opens_no_story_stays_text() -> None:
    lines, decisions = _column_page(["南溪镇的志愿者还", "走进敬老院为老人", "理发打扫，陪老人", "聊天拉家常。"])
    (a,) = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES).articles
    assert "用真情为老人添暖" in "".join(a.paragraphs)


def _reprinted_block_page(one_block: bool) -> PageResult:
    """PyMuPDF draws a fake-bold headline twice as a whole block (题一 / 题二 / 题一 / 题二); its
    second line, two phrases, is read as a slogan. Or two headlines, each drawn twice alone."""
    upper, lower = "2023年县级文明城镇测评名单", "公布 我县名列前茅"
    heads = [upper, lower, upper, lower] if one_block else [upper, upper, lower, lower]
    text = ["日前，省文明办公布2023年县级文明城镇测评结果，", "我县名列前茅。"]
    lines = split_lines("\n".join([*heads, *text]))
    roles = [R.TITLE, R.FURNITURE] if one_block else [R.TITLE, R.TITLE]
    decisions = [Decision(r, 0.9) for r in roles] + [Decision(R.START, 0.9), Decision(R.BODY, 0.9)]
    assert len(lines) == len(decisions)
    return assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)


def test_the_lines_of_a_headline_block_drawn_twice_are_one_headline() -> None:
    (a,) = _reprinted_block_page(one_block=True).articles
    assert a.headline.title.replace(" ", "") == "2023年县级文明城镇测评名单公布我县名列前茅"


def test_headline_lines_each_drawn_twice_alone_are_not_one_block() -> None:
    # 题一 / 题一 / 题二 / 题二: two blocks, each drawn twice; the pass leaves the second alone
    lines = split_lines("\n".join(["县级文明村镇测评结果公布"] * 2 + ["城关镇召开创卫推进会"] * 2))
    decisions = [Decision(R.TITLE, 0.9), Decision(R.FURNITURE, 0.9)]
    assert [x.doubled for x in lines] == [True, True]
    assert line_rereads.reprinted_blocks(lines, decisions) == {}
    one = split_lines("\n".join(["县级文明村镇测评结果公布", "城关镇召开创卫推进会"] * 2))
    assert line_rereads.reprinted_blocks(one, decisions) == {1: True}


def test_a_headline_s_closing_dash_wrapped_alone_ends_the_headline() -> None:
    result = assemble([("title", "城关镇开展文明创建"), ("start", "近日，城关镇开展文明创建活动。"),
                       ("body", "带民意，赴会场！政协委员报到"), ("body", "——"),
                       ("body", "捎来群众期盼，共商发展大计。1月4日，县政协委员陆续报到。")])
    assert [a.headline.title for a in result.articles] == ["城关镇开展文明创建", "带民意，赴会场！政协委员报到——"]


def test_a_dash_alone_after_a_finished_sentence_stays_text() -> None:
    result = assemble([("title", "城关镇开展文明创建"), ("start", "近日，城关镇开展文明创建活动。"),
                       ("body", "委员们说：我们带着民意来了。"), ("body", "——"), ("body", "捎来群众期盼，共商发展大计。")])
    assert [a.headline.title for a in result.articles] == ["城关镇开展文明创建"]


def _broken_off_end_page(tail: str, role: str) -> PageResult:
    return assemble([("title", "石门镇开展冬季森林防"), (role, tail),
                     ("start", "为普及森林防灭火知识，11月3日，石门镇开展演练。"), ("body", "演练现场秩序井然。")])


def test_a_title_s_end_broken_off_inside_a_word_goes_back_on_the_title() -> None:
    for role in ("subhead", "caption", "body"):
        (a,) = _broken_off_end_page("灭火演练", role).articles
        assert a.headline.title == "石门镇开展冬季森林防灭火演练", role


def test_a_title_s_quotation_closed_on_the_line_under_it_is_the_title_s_end() -> None:
    result = assemble([("title", "整治集贸市场 提升街区“颜"), ("caption", "值”"),
                       ("start", "12月8日，县创文办深入集贸市场检查环境卫生。"), ("body", "检查组要求立即整改。")])
    assert [a.headline.title for a in result.articles] == ["整治集贸市场 提升街区“颜值”"]


def test_a_short_line_no_word_or_quotation_runs_into_is_no_broken_off_end() -> None:
    rows = [("title", "石门镇开展冬季防火演练"), ("subhead", "现场观摩"),
            ("start", "为普及防火知识，11月3日，石门镇开展演练。"), ("body", "现场秩序井然。")]
    assert line_rereads.title_ends_broken_off(*page(rows), RULES) == []
    rows[0] = ("title", "石门镇开展冬季防火演练现")
    rows[1] = ("subhead", "场观摩")
    assert line_rereads.title_ends_broken_off(*page(rows), RULES) == [1]


def test_headline_blocks_drawn_twice_at_the_foot_are_titles_of_their_own() -> None:
    # PyMuPDF prints the page's doubled titles together at its foot, each block twice; the model
    # read the first block as a kicker over the second: each block is a story's whole title
    upper = ["青山区召开老旧小区", "改造推进会"]
    lower = ["北湖街道举办旧衣回收", "换绿植集市"]
    text = ["3月5日，青山区召开老旧小区改造推进会，部署全年改造任务。", "会议要求各街道加快老旧小区改造进度。",
            "近日，北湖街道举办旧衣回收换绿植集市，居民排起长队。", "居民用旧衣换回绿植盆栽。"]
    lines = split_lines("\n".join([*text, *upper, *upper, *lower, *lower]))
    roles = [R.START, R.BODY, R.START, R.BODY, R.KICKER, R.KICKER, R.TITLE, R.TITLE]
    decisions = [Decision(r, 0.9, (), k == 7) for k, r in enumerate(roles)]
    assert len(lines) == len(decisions)
    result = assemble_page(lines, decisions, PageInfo(file="t.txt"), RULES)
    assert sorted(a.headline.title for a in result.articles if a.headline) == [
        "北湖街道举办旧衣回收换绿植集市", "青山区召开老旧小区改造推进会"]


def test_a_title_broken_inside_a_word_ends_past_a_slogan_printed_between() -> None:
    # pdfminer prints a slogan box between a title's two lines: the end still goes on the title
    # when the story prints the words across the break (全国文 / 明城建设: 国文明)
    result = assemble([("title", "开展清洁家园行动 争创全国文"), ("caption", "安全第一 预防为主 综合治理"),
                       ("caption", "明城建设"),
                       ("start", "5月3日，东湖县召开动员会，全力推进全国文明城市的建设工作。"),
                       ("body", "会议要求各部门开展清洁家园行动，确保取得实效。")])
    assert [a.headline.title for a in result.articles] == ["开展清洁家园行动 争创全国文明城建设"]


def test_a_left_over_headline_running_into_a_title_is_its_first_line() -> None:
    from civicnews.title_rescue import orphan_title_heads

    lines = [Line(1, "", "西岭镇打通便民服务“最后一"), Line(2, "", "米”群众办事更方便"),
             Line(3, "", "今年以来，西岭镇打通便民服务“最后一米”，群众办事更方便。")]
    run = TextRun(fresh=True, sections=[(None, [lines[2].text])], first=2, last=2)
    run.headline = HeadGroup([(Role.TITLE, lines[1])])
    lone = HeadGroup([(Role.TITLE, lines[0])])
    page = Page([lone, run.headline, run], [], [], [lines[0].text], orphans=[lone])
    assert orphan_title_heads(page, lines) == [(0, "米”群众办事更方便")]
    assert run.headline.text == "西岭镇打通便民服务“最后一米”群众办事更方便"
    assert page.orphans == [] and page.leftovers == []


def test_a_bracketed_label_under_a_title_is_its_kicker_not_its_end() -> None:
    # the story uses the label's words, yet a label in lenticular brackets is no wrapped end
    result = assemble([("title", "清理河道垃圾 守护碧水清流"), ("caption", "【南岭乡】"),
                       ("start", "4月2日，南岭乡组织干部群众清理河道垃圾，守护碧水清流。"),
                       ("body", "南岭乡将定期开展巡河行动。")])
    head = result.articles[0].headline
    assert (head.title, head.kicker) == ("清理河道垃圾 守护碧水清流", "【南岭乡】")


def test_a_headline_read_as_text_with_a_blank_before_each_line_keeps_all_its_lines() -> None:
    # pdfminer spaces a headline's lines like its text's: the headline read as the story's first
    # lines is the lines a word runs across into (户外电 / 子书屋, 方便群 / 众读书), no wider
    # than its first line, not its first line alone
    from civicnews.title_rescue import _own_head

    texts = ["新城首批建成户外电", "子书屋10座 方便群", "众读书看报", "“大爷，现在小区的书屋建好",
             "了吗？”昨日下午，在新城小区的户外", "电子书屋前，群众读书看报很方便。"]
    widths = (9.0, 9.5, 5.0, 13.0, 14.0, 14.0)
    lines = [Line(k, "", t, gap_before=0 if k == 5 else 1, width=w) for k, (t, w) in enumerate(zip(texts, widths, strict=True))]
    run = TextRun(fresh=True, sections=[(None, list(texts))], first=0, last=5)
    assert _own_head(run, lines, Page([run], [], [], []), RULES) == [0, 1, 2]


def _foot_title_page(words_of_first: bool) -> PageResult:
    """PyMuPDF draws a page's headlines after every story's text: the title at the foot is the
    first story's (its words) or the second's, and it lands by the second story's text."""
    title = "青石镇召开秋季森林防火工作会" if words_of_first else "白沙街道开展旧衣回收活动"
    return assemble([("start", "10月8日，青石镇召开秋季森林防火工作会，部署秋冬季森林防火工作。"),
                     ("body", "会议要求各村严格落实森林防火责任，加强巡山护林。"), ("credit", "（作者 马晓东）"),
                     ("start", "近日，白沙街道组织志愿者开展旧衣回收活动，居民踊跃参与。"),
                     ("body", "收回的旧衣将送往困难家庭，剩余部分统一环保处理。"), ("title", title)])


def test_a_title_at_the_foot_heads_the_untitled_story_that_uses_its_words() -> None:
    result = _foot_title_page(words_of_first=True)
    assert [a.headline.title if a.headline else None for a in result.articles][:1] == ["青石镇召开秋季森林防火工作会"]
    assert result.articles[0].paragraphs[0].startswith("10月8日，青石镇")


def test_a_title_at_the_foot_that_its_story_above_uses_stays_there() -> None:
    result = _foot_title_page(words_of_first=False)
    heads = {a.paragraphs[0][:6]: a.headline.title if a.headline else None for a in result.articles}
    assert heads["近日，白沙街"] == "白沙街道开展旧衣回收活动"



def test_a_lead_echoing_a_wrapped_title_is_the_story_s_first_line() -> None:
    # the title wraps onto a second line, then the story's first line repeats its opening and
    # runs on: all read as title lines printed against each other
    result = assemble([("title", "县政协副主席王立新带队到西河镇调研村级公益事业建设"), ("title+", "情况"),
                       ("title+", "县政协副主席王立新带队到西河镇石桥"),
                       ("body", "村、柳林村等地调研村级公益事业建设情况。"), ("body", "调研组一行察看了村文化广场。")])
    (a,) = result.articles
    assert a.headline.title == "县政协副主席王立新带队到西河镇调研村级公益事业建设情况"
    assert a.paragraphs[0].startswith("县政协副主席王立新带队到西河镇石桥村、柳林村")





def test_a_title_over_the_wrong_column_heads_the_untitled_story_that_opens_with_its_words() -> None:
    # a PDF tool reading across columns prints a headline over the other story's column; the
    # story it heads opens after that column, untitled
    result = assemble([("title", "青石镇召开秋季森林防火工作会"),
                       ("start", "近日，白沙街道组织志愿者开展旧衣回收活动，居民踊跃参与。"),
                       ("body", "收回的旧衣将送往困难家庭，剩余部分统一环保处理。"),
                       ("start", "10月8日，青石镇召开秋季森林防火工作会，部署秋冬季森林防火工作。"),
                       ("body", "会议要求各村严格落实森林防火责任，加强巡山护林。")])
    titled = [a.paragraphs[0][:5] for a in result.articles if a.headline and a.headline.title == "青石镇召开秋季森林防火工作会"]
    assert titled == ["10月8日"]
