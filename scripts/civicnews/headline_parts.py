"""Headline parts: which of a paired headline's lines are kicker, title or none of it.

In the order they run (``title_rescue.title_tails`` runs between the first two):
1. ``drop_stray_title_tails``: a headline's last title line, unsure, whose words its story never
   uses (or printed apart and sharing few) is furniture (a slogan under the title);
2. ``place_kickers``: a kicker that only names a place, or whose number runs on into the title,
   is the title's first line;
3. ``kickers_by_words``: a headline read all as title whose first line is a phrase its story
   never uses, while the lines after it share its words, has that line as its kicker;
4. ``phrase_list_kickers``: a title's first lines that make a list of phrases, over lines whose
   words the story uses more, are its kicker;
5. ``slogan_kickers``: a kicker the furniture rules name (a slogan, a page label) is furniture;
   ``slogan_titles``: so is a headline of title lines only that they name and its story does not
   use: the story is left untitled, for ``title_rescue`` to find its own title;
6. ``pull_quotes_under_kickers``: a headline's title that is a whole clause of its story, under
   a kicker its story echoes, is a pull quote (a caption); the kicker is the title;
   ``pull_quotes_inside_stories``: a lone title between a story and text opening no story, that
   story printing it word for word, is a pull quote and the text goes on the story;
7. ``place_opening_kickers``: kicker lines holding a number, or printed against the title and
   opening on a place, are the title's opening;
8. ``titles_by_words``: a headline whose title shares almost none of its story's words, while
   another of its lines (or a set-aside line between it and the story) shares many, takes that
   line as its title.
"""

from __future__ import annotations

import re

from .features import bigrams, opens_story, spans_a_word
from .headline import (
    _one_phrase,
    closes_a_frame,
    couplet,
    ends_open,
)
from .line_shapes import (
    _CLAUSE_ENDS,
    _TAIL_OPENERS,
    DASH_OPENING,
    KICKER_LABEL_CHARS,
    _couplet_title,
    _furniture_shaped,
    _names_a_place_only,
    _whole_quote,
    could_be_title,
)
from .model import Line, Role
from .page_items import (
    HeadGroup,
    Page,
    TextRun,
    _opens_a_sentence,
    _shares_with,
    containment,
    is_pull_quote,
)
from .patterns import CJK_CHAR
from .rules import Rules
from .settings import SETTINGS


def _past_the_lead(quote: str, story: str) -> bool:
    """The story prints the clause whole past its first sentence and nowhere in that sentence: a
    pull quote's place (守住安全生产底线, from the story's last paragraph). On the fitting
    part's gold, the title lines that are whole clauses of their story are clauses of its first
    sentence only (``SETTINGS.pull_quotes_past_the_lead``).

    >>> story = "3日，城关镇开展汛前安全大检查。会上要求，守住安全生产底线；狠抓隐患排查。"
    >>> _past_the_lead("守住安全生产底线", story), _past_the_lead("开展汛前安全大检查", story)
    (True, False)
    """
    if not SETTINGS.pull_quotes_past_the_lead:
        return False
    lead = re.match(r"[^。！？]*[。！？]?", story)
    at = lead.end() if lead else 0
    return quote.strip() not in story[:at] and is_pull_quote(quote, story[at:].lstrip())


# marks no title ends on: a line ending so goes on in the line under it
_UNFINISHED_ENDS = "，、：“《（"


def drop_stray_title_tails(page: Page, confidence: dict[int, float], rules: Rules) -> list[tuple[Line, str]]:
    """A headline's last title line read with less confidence than ``min_title_tail_confidence``
    whose words its story never uses, or printed apart from the title (a blank line between)
    and sharing under ``min_rescue_overlap`` of its words with the story, is a slogan printed
    under the title (创卫在行动), not the title's end; printed apart and found word for word in
    the story, it is a pull quote. Either goes to the page's furniture. Returns the lines and why, for
    the report. A line that closes an event the title line above it opened (开展… / …活动:
    ``headline.closes_a_frame``) is the title's end whatever its words; one another story on the
    page uses ``min_far_title_share`` of is that story's headline, left for it.

    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "创卫在行动"))])
    >>> page = Page([run], [], [], [])
    >>> from civicnews.rules import load_rules
    >>> rules = load_rules()
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 2: 0.3}, rules)], run.headline.text, page.furniture
    (['创卫在行动'], '矾山镇开展安全生产检查', ['创卫在行动'])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(3, "", "安全在行动", gap_before=1))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 3: 0.9}, rules)]
    ['安全在行动']

    A campaign slogan the rules name, printed against the title with no blank (a PDF tool may
    print none), goes whatever the model's confidence:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "城乡共建从我做起"))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 2: 0.9}, rules)]
    ['城乡共建从我做起']

    A column's label (headline.yml's label_endings) under a whole title goes too:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产大检查")), (Role.TITLE, Line(2, "", "创卫在行动"))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 2: 0.9}, rules)]
    ['创卫在行动']

    The second half of a couplet stays, its words the story's or not:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "以练备战")), (Role.TITLE, Line(2, "", "筑牢防线"))])
    >>> drop_stray_title_tails(page, {1: 0.5, 2: 0.5}, rules), run.headline.text
    ([], '以练备战筑牢防线')

    On a double-spaced page (a blank after every line) the blank is the page's spacing, no break:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(3, "", "守护万家平安", gap_before=0))])
    >>> [x.text for x, _ in drop_stray_title_tails(page, {1: 0.9, 3: 0.9}, rules)]
    []

    Another story's headline stacked under this one (PyMuPDF prints a page's headlines
    together) stays for that story, which uses its words:
    >>> other = TextRun(fresh=True, sections=[(None, ["本报讯 近日，北坡村建成村史馆并对村民开放。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "北坡村建成村史馆"))])
    >>> drop_stray_title_tails(Page([run, other], [], [], []), {1: 0.9, 2: 0.3}, rules), len(run.headline.parts)
    ([], 2)

    A line opening on a particle goes on the title line above it, unsure or not:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "山乡换了新模样——来自云南边寨")), (Role.TITLE, Line(2, "", "的振兴实践"))])
    >>> drop_stray_title_tails(page, {1: 0.9, 2: 0.3}, rules), run.headline.text
    ([], '山乡换了新模样——来自云南边寨的振兴实践')
    """
    out: list[tuple[Line, str]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None:
            continue
        parts = run.headline.parts
        if len(parts) < 2 or parts[-1][0] is not Role.TITLE or parts[-2][0] is not Role.TITLE:
            continue
        line = parts[-1][1]
        grams = bigrams(line.text)
        apart = line.gap_before > 0  # a blank line between (beyond the page's spacing)
        unsure = confidence.get(line.number, 1.0) < SETTINGS.min_title_tail_confidence
        text = run.text
        # a campaign slogan printed under the title (its story does not use its words)
        if rules.slogan.fullmatch(line.text.strip()) and _shares_with(line.text, text) < SETTINGS.min_rescue_overlap:
            parts.pop()
            page.furniture.append(line.text)
            out.append((line, "a campaign slogan the rules name, its story using few of its words"))
            continue
        # a column's label (创卫在行动) printed under a whole title, much shorter than it: a
        # title's last line does not name a column
        before = "".join(x.text for _, x in parts[:-1])
        label = (bool(rules.label_endings) and line.text.strip().endswith(rules.label_endings)
                 and len(CJK_CHAR.findall(line.text)) <= KICKER_LABEL_CHARS
                 and len(CJK_CHAR.findall(before)) >= 2 * len(CJK_CHAR.findall(line.text))
                 and not _one_phrase(parts[-2][1].text, line.text))
        if label:
            parts.pop()
            page.furniture.append(line.text)
            out.append((line, "a column's label printed under a whole title"))
            continue
        share = _shares_with(line.text, text)
        # a whole clause of the story is a pull quote under the title, printed apart or (a PDF
        # tool may print no blank lines) against it, unless a word runs across the break; against
        # it, a clause that opens a sentence, or one printed only past the story's first sentence
        # (a title's second half is a clause of the lead: …签约，计划总投资44.8亿元)
        quoted = is_pull_quote(line.text, text) and (apart or not spans_a_word(parts[-2][1].text, line.text)
                                                     and (_opens_a_sentence(line.text, text)
                                                          or _past_the_lead(line.text, text)))
        # the second half of a couplet (以练备战 / 筑牢防线) need not use its story's words
        pair = not apart and (couplet(parts[-2][1].text, line.text)
                              or closes_a_frame(parts[-2][1].text, line.text, rules))
        # a line opening on a particle (的振兴实践) goes on the line above: no headline opens so
        goes_on = line.text.strip()[:1] in _TAIL_OPENERS
        # a line another story on the page uses nearly whole is that story's headline, stacked
        # over this one (PyMuPDF prints a page's headlines together), not a stray line
        elsewhere = any(_shares_with(line.text, other.text) >= SETTINGS.min_far_title_share
                        for other in page.items if isinstance(other, TextRun) and other is not run)
        # a word broken across the two lines that the story prints (…迎来菊 / 花节招商: 菊花) makes
        # them one title, however few of the rest's words the story uses
        upper = parts[-2][1].text.strip()
        broken = spans_a_word(upper, line.text.strip()) and upper[-1:] + line.text.strip()[:1] in text
        # a title line ending on a comma, a colon or an opening mark (清理城郊河道垃圾，) is
        # unfinished: the line under it is its rest, not a slogan (no title ends so)
        unfinished = SETTINGS.unfinished_title_lines and upper[-1:] in _UNFINISHED_ENDS
        few = not goes_on and not elsewhere and not broken and (
            unsure and share == 0.0 or apart and share < SETTINGS.min_rescue_overlap)
        if grams and not pair and not unfinished and (few or quoted):
            parts.pop()
            page.furniture.append(line.text)
            out.append((line, "a whole clause of its story: a pull quote" if quoted
                        else "its story uses few or none of its words"))
    return out


def kickers_by_words(page: Page, rules: Rules) -> list[tuple[Line, float, float]]:
    """A headline read all as title whose first line is a whole phrase its story never uses,
    while the lines after it share ``min_rescue_overlap`` of their words with the story: that
    line is the kicker (接续报道 / 世丰园成了 / 世外桃源), a column's or a series' label, not the
    title's first half, which the story would echo. So is a first line opening with the same
    word as the line under it. A line the next one goes on from (a phrase
    broken inside a word, a verb wanting its object) stays. Returns the lines with the story's
    share of their words and of the rest's, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["往年杂物堆，如今成绿地。世丰园小区眼下成了居民的世外桃源。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "接续报道")), (Role.TITLE, Line(2, "", "世丰园成了")),
    ...                           (Role.TITLE, Line(3, "", "世外桃源"))])
    >>> [(x.text, a, round(b, 2)) for x, a, b in kickers_by_words(Page([run], [], [], []), load_rules())], run.headline.parts[0][0]
    ([('接续报道', 0.0, 0.75)], <Role.KICKER: 'kicker'>)

    A title broken over lines never opens both lines with the same word: the first is a label.
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "人大代表之家")), (Role.TITLE, Line(2, "", "人大代表开展进站履职活动"))])
    >>> run.sections = [(None, ["人大代表开展进站履职活动，听取选民意见。"])]
    >>> [x.text for x, _, _ in kickers_by_words(Page([run], [], [], []), load_rules())]
    ['人大代表之家']

    So is a column's name (headline.yml's label_endings), whatever words it shares:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "乡村振兴在行动")), (Role.TITLE, Line(2, "", "村寨有了新变化"))])
    >>> run.sections = [(None, ["贵州乡村振兴，村寨有了新变化。"])]
    >>> [x.text for x, _, _ in kickers_by_words(Page([run], [], [], []), load_rules())]
    ['乡村振兴在行动']

    A cry the title goes on past is the title's opening (覆盖6万多群众！西城 / 展览路街道建成…):
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "覆盖6万多群众！西城")), (Role.TITLE, Line(2, "", "展览路街道建成便民驿站"))])
    >>> run.sections = [(None, ["展览路街道建成便民驿站，惠及居民。"])]
    >>> kickers_by_words(Page([run], [], [], []), load_rules())
    []
    """
    out: list[tuple[Line, float, float]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or not run.has_body:
            continue
        parts = run.headline.parts
        if len(parts) < 2 or any(role is not Role.TITLE for role, _ in parts):
            continue
        first, second = parts[0][1].text, parts[1][1].text
        # a place's head (铜川：), a question or an exclamation opens the title itself, also
        # when the line runs on past it (覆盖6万多群众！西城 / 展览路街道建成…)
        if len(CJK_CHAR.findall(first)) < 2 or _one_phrase(first, second) or ends_open(first) \
                or first.rstrip().endswith(("：", ":")) or any(mark in first for mark in "？?！!"):
            continue
        text = run.text
        own = _shares_with(first, text)
        rest = _shares_with("".join(line.text for _, line in parts[1:]), text)
        # a title broken over lines never opens both with the same word (人大代表之家 / 人大代表开展…)
        echoed = len(first) >= 4 and first[:2] == second[:2] and first[:2] != second
        # a label is short; a longer phrase the story does not echo is the title's figurative
        # first half (鞋上带露水报道接地气 / 蒙阴把政策宣讲会搬到了果园地头)
        label = max(len(CJK_CHAR.findall(phrase)) for phrase in first.split()) <= KICKER_LABEL_CHARS
        # a column's name (乡村振兴在行动, 创城进行时) is a kicker whatever words it shares
        named = bool(rules.label_endings) and first.rstrip().endswith(rules.label_endings) and "：" not in first
        # a title opens on its place (宏伟区开展…, 万灵镇开展…): a phrase set over that line is a
        # label over the title (城乡环境卫生整治), not its first half
        # (a first line ending on a comma goes on into it: 对标“百千万工程”， / 恩平邀请…)
        placed = label and _opens_on_place(second, rules) and not _opens_on_place(first, rules) \
            and not first.rstrip().endswith(_CLAUSE_ENDS)
        if own == 0.0 and label and rest >= SETTINGS.min_rescue_overlap or echoed or named or placed:
            parts[0] = (Role.KICKER, parts[0][1])
            out.append((parts[0][1], own, rest))
    return out


# Marks of a list of phrases or of clauses in a headline line (增颜值、提气质，…); a kicker's
# list holds clauses (a comma), where a title's holds at most a list of nouns (市、县、乡三级…).
_LIST_MARKS = re.compile("[，、,]")
_CLAUSE_MARK = re.compile("[，,]")
# A phrase-list kicker holds this many characters at least: a short label is kickers_by_words'.
PHRASE_LIST_MIN_CHARS = 12


def phrase_list_kickers(page: Page) -> list[tuple[list[Line], float, float]]:
    """A headline read as title (and subtitle) whose first lines make a list of phrases (补短板、
    强管护、转观念，以“厕所革命”为牵引带动农村环境持续改善), ending a phrase, over lines that
    hold no such marks and whose words the story uses more (石家庄正定去年新建改建农村户厕4.8万座):
    the list is the kicker (引题) and the lines under it the title. A title whose first line ends
    on a comma goes on in the next line (对标“百千万工程”， / 恩平邀请记者进村庄看变化), and is
    left; so is one broken inside a word, or holding a dash (…暖冬情——绿华镇…). Returns the kicker's lines with the story's share of their words and of the title's.

    >>> run = TextRun(fresh=True, sections=[(None, ["时近年关，石家庄市正定县新建改建农村户厕4.8万座。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "补短板、强管护、转观念，")), (Role.TITLE, Line(2, "", "以厕所革命为抓手持续推进")),
    ...                           (Role.SUBTITLE, Line(3, "", "石家庄正定新建改建农村户厕4.8万座"))])
    >>> [(len(ls), a, round(b, 2)) for ls, a, b in phrase_list_kickers(Page([run], [], [], []))], [r.value for r, _ in run.headline.parts]
    ([(2, 0.0, 0.79)], ['kicker', 'kicker', 'title'])
    """
    out: list[tuple[list[Line], float, float]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or not run.has_body:
            continue
        parts = run.headline.parts
        if len(parts) < 2 or any(role not in (Role.TITLE, Role.SUBTITLE) for role, _ in parts) \
                or parts[0][0] is not Role.TITLE:
            continue
        for i in range(1, len(parts)):
            upper = "".join(line.text for _, line in parts[:i]).strip()
            lower = "".join(line.text for _, line in parts[i:]).strip()
            if (_CLAUSE_MARK.search(upper) and not _LIST_MARKS.search(lower) and upper[-1:] not in "，、,"
                    and "—" not in upper and len(CJK_CHAR.findall(upper)) >= PHRASE_LIST_MIN_CHARS
                    and could_be_title(lower) and not DASH_OPENING.match(lower) and not ends_open(upper)
                    and not spans_a_word(parts[i - 1][1].text, parts[i][1].text)):
                own, rest = _shares_with(upper, run.text), _shares_with(lower, run.text)
                if rest > own:
                    run.headline.parts = [(Role.KICKER, line) for _, line in parts[:i]] + \
                        [(Role.TITLE, line) for _, line in parts[i:]]
                    out.append(([line for _, line in parts[:i]], round(own, 2), round(rest, 2)))
                break
    return out


def slogan_kickers(page: Page, rules: Rules) -> list[Line]:
    """A kicker the furniture rules or patterns name (a campaign slogan, a page label, a
    hotline) is page furniture printed above the headline, not the story's kicker. Returns
    its lines, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "垃圾分类 人人有责")), (Role.TITLE, Line(2, "", "矾山镇开展安全生产检查"))])
    >>> page = Page([run], [], [], [])
    >>> [x.text for x in slogan_kickers(page, load_rules())], run.headline.text, page.furniture
    (['垃圾分类 人人有责'], '矾山镇开展安全生产检查', ['垃圾分类 人人有责'])

    So is a slogan read as the title's first line (printed against it, no blank between):
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "光盘行动让生活更美好")), (Role.TITLE, Line(2, "", "矾山镇开展安全生产检查"))])
    >>> [x.text for x in slogan_kickers(page, load_rules())], run.headline.text
    (['光盘行动让生活更美好'], '矾山镇开展安全生产检查')
    """
    out: list[Line] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None:
            continue
        parts = run.headline.parts
        # a slogan printed right above the title, with no blank between, reads as its first line
        # (a title's own first line the story uses: 大埔梅州日报 / 智能借书柜本周启用)
        if (len(parts) >= 2 and parts[0][0] is Role.TITLE and parts[1][0] is Role.TITLE
                and rules.slogan.fullmatch(parts[0][1].text.strip()) and not _furniture_shaped(parts[1][1].text, rules)
                and _shares_with(parts[0][1].text, run.text) < SETTINGS.min_rescue_overlap):
            parts[0] = (Role.KICKER, parts[0][1])
        kickers = [line for role, line in parts if role is Role.KICKER]
        if not kickers or len(kickers) == len(parts):
            continue
        text = " ".join(x.text for x in kickers)
        if not _furniture_shaped(text, rules) and not all(_furniture_shaped(x.text, rules) for x in kickers):
            continue
        run.headline.parts = [(role, line) for role, line in parts if role is not Role.KICKER]
        page.furniture.extend(x.text for x in kickers)
        out.extend(kickers)
    return out


def slogan_titles(page: Page, rules: Rules) -> list[Line]:
    """A headline of title lines only, every one of which the furniture rules or patterns name
    (创建卫生城市人人参与, a campaign slogan printed across the page), whose story uses few of its
    words (under ``min_rescue_overlap``), is page furniture, not the story's headline: the story
    is left untitled, for the passes after to find its own title (printed away from it). No
    headline part of the fitting part's articles is furniture-shaped. Returns the lines, for
    the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["近日，石门镇召开冬季前防火工作会议。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "创建卫生城市人人参与"))])
    >>> page = Page([run], [], [], [])
    >>> [x.text for x in slogan_titles(page, load_rules())], run.headline, page.furniture
    (['创建卫生城市人人参与'], None, ['创建卫生城市人人参与'])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "石门镇召开冬季前防火工作会议"))])
    >>> slogan_titles(page, load_rules())
    []
    """
    out: list[Line] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or not run.has_body:
            continue
        parts = run.headline.parts
        if not parts or any(role is not Role.TITLE for role, _ in parts):
            continue
        lines = [line for _, line in parts]
        if not all(_furniture_shaped(line.text, rules) for line in lines) and not _furniture_shaped(
                run.headline.text, rules):
            continue
        if _shares_with(run.headline.text, run.text) >= SETTINGS.min_rescue_overlap:
            continue
        page.furniture.extend(line.text for line in lines)
        run.headline = None
        out.extend(lines)
    return out


def _opens_on_place(text: str, rules: Rules) -> bool:
    """The line opens with a place the gazetteer knows (宏伟区开展…, 庐江县矾山镇…).

    >>> from .rules import load_rules
    >>> [_opens_on_place(t, load_rules()) for t in ("庐江县矾山镇扎实开展", "社区新风扬", "对我县进行")]
    [True, False, False]
    """
    found = next(iter(rules.gazetteer.find(text.strip())), None)
    return found is not None and found.start == 0


# A number broken over two headline lines (宝鸡市陇县5 / 00余名干部职工…): one phrase.
_SPLIT_NUMBER = re.compile(r"[0-9０-９]$")
# A kicker ending on a count, a number and the word it is counted in (宝鸡市陇县500余名, 市、县、
# 乡三级): a count never ends a headline line of its own, what it counts is the line under it.
_ENDS_ON_COUNT = re.compile(r"(?:[0-9０-９]+|[一二两三四五六七八九十百千]+)(?:余|多)?[个名家位级项座户所条台辆件场次届批]$")


# A number (36.2亿, 4.8万座, 17个, 2018年); an ordinal (第12届) names an edition, a label's.
_FIGURE = re.compile(r"[0-9０-９]")
_ORDINAL = re.compile(r"第\s*[0-9０-９]")


def _kickers_over_titles(page: Page) -> list[tuple[TextRun, int]]:
    """The page's stories whose headline is kicker lines over a title, each with the index of
    its first title part (the number of kicker lines)."""
    out: list[tuple[TextRun, int]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None:
            continue
        parts = run.headline.parts
        k = next((j for j, (role, _) in enumerate(parts) if role is not Role.KICKER), len(parts))
        if 0 < k < len(parts) and parts[k][0] is Role.TITLE:
            out.append((run, k))
    return out


def place_kickers(page: Page, rules: Rules) -> list[Line]:
    """A kicker that only names a place, or whose number runs on into the title's first line,
    is the title's first line. Returns the lines, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "庐江县矾山镇")), (Role.TITLE, Line(2, "", "扎实开展燃气安全排查"))])
    >>> [x.text for x in place_kickers(Page([run], [], [], []), load_rules())], run.headline.parts[0][0]
    (['庐江县矾山镇'], <Role.TITLE: 'title'>)

    A kicker ending on a count goes on into what the title's first line counts:
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "市、县、乡三级")), (Role.TITLE, Line(2, "", "人大代表察看民生项目"))])
    >>> [x.text for x in place_kickers(Page([run], [], [], []), load_rules())]
    ['市、县、乡三级']
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "喜迎二十大")), (Role.TITLE, Line(2, "", "人大代表察看民生项目"))])
    >>> place_kickers(Page([run], [], [], []), load_rules())
    []
    """
    out: list[Line] = []
    for run, k in _kickers_over_titles(page):
        parts = run.headline.parts
        kicker = "".join(line.text for _, line in parts[:k])
        number = _SPLIT_NUMBER.search(kicker) and parts[k][1].text[:1].isdigit() \
            or SETTINGS.count_kickers and _ENDS_ON_COUNT.search(kicker.strip()) is not None \
            and CJK_CHAR.match(parts[k][1].text.strip()[:1]) is not None
        if not number and (not _names_a_place_only(kicker, rules) or _couplet_title(parts[k:])):
            continue
        out.extend(line for _, line in parts[:k])
        parts[:k] = [(Role.TITLE, line) for _, line in parts[:k]]
    return out


# What a caption or a pull quote starts with before its words (▲ ▶ and spaces).
QUOTE_MARKS = re.compile(r"^[^\w“‘《]+")


def pull_quotes_under_kickers(page: Page) -> list[tuple[list[Line], list[Line]]]:
    """A headline whose title lines are, together, a whole clause of its story word for word
    (``is_pull_quote``) and not of its first sentence, under kicker lines that are no such clause
    and share ``min_rescue_overlap`` of their words with the story: the title is a pull quote
    printed under the headline (a photo's caption), and the lines read as its kicker are the
    title (吴圩镇开展“平安度汛进万家”宣讲活动 / 把防汛避险知识送到每户家中和每位留守老人). A title
    that repeats the lead's clause is left: a real title often does. Returns the new title
    lines and the caption lines, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["8月17日，吴圩镇开展防汛避险宣讲活动。各村上门走访，把防汛避险知识送到每户家中。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "吴圩镇开展防汛避险宣讲活动")),
    ...                           (Role.TITLE, Line(3, "", "把防汛避险知识送到每户家中"))])
    >>> page = Page([run], [], [], [])
    >>> [([x.text for x in t], [x.text for x in c]) for t, c in pull_quotes_under_kickers(page)]
    [(['吴圩镇开展防汛避险宣讲活动'], ['把防汛避险知识送到每户家中'])]
    >>> run.headline.text, page.captions
    ('吴圩镇开展防汛避险宣讲活动', [('把防汛避险知识送到每户家中', 0)])

    A title that the lead says word for word stays the title:

    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "防溺水在行动")), (Role.TITLE, Line(3, "", "吴圩镇开展防汛避险宣讲活动"))])
    >>> pull_quotes_under_kickers(Page([run], [], [], []))
    []
    """
    out: list[tuple[list[Line], list[Line]]] = []
    for k, run in enumerate(page.items):
        if not isinstance(run, TextRun) or run.headline is None or run.absorbed or not run.has_body:
            continue
        parts = run.headline.parts
        if SETTINGS.pull_quote_under_kicker_min_share <= 0 or len(parts) < 2:
            continue
        roles = [role for role, _ in parts]
        # kicker lines over title lines only (no subtitle, no title line above the kicker)
        j = next((i for i, role in enumerate(roles) if role is not Role.KICKER), len(roles))
        if j == 0 or j == len(roles) or any(role is not Role.TITLE for role in roles[j:]):
            continue
        kicker, title = [line for _, line in parts[:j]], [line for _, line in parts[j:]]
        text = run.text
        lead = re.match(r"[^。！？]*[。！？]?\s*", text)
        rest = text[lead.end():] if lead else text
        quote = "".join(line.text.strip() for line in title)
        if not is_pull_quote(quote, rest) or quote in text[:len(text) - len(rest)]:
            continue
        head = "".join(line.text for line in kicker)
        if not could_be_title(head) or is_pull_quote(head.strip(), rest):  # two pull quotes: no title here
            continue
        if _shares_with(head, text) < SETTINGS.pull_quote_under_kicker_min_share:
            continue
        run.headline = HeadGroup([(Role.TITLE, line) for line in kicker], claimed=True)
        page.captions.extend((line.text, k) for line in title)
        out.append((kicker, title))
    return out


def pull_quotes_inside_stories(page: Page) -> list[Line]:
    """A lone headline of title lines printed between a story nothing closed and an untitled
    run that opens like no story (no credit, no lead word), when the headline's words are
    printed word for word in that story (from a clause's start, past the story's first
    sentence) and the run shares the story's words: a pull quote printed inside the story
    (王培文指出 / 王培文强调，…). It goes to the captions and the run goes on the story.
    Returns the quote's lines, for the report."""
    out: list[Line] = []
    if not SETTINGS.pull_quotes_inside_stories:
        return out
    items = page.items
    k = 1
    while k + 1 < len(items):
        before, head, run = items[k - 1], items[k], items[k + 1]
        k += 1
        if not (isinstance(head, HeadGroup) and isinstance(before, TextRun) and isinstance(run, TextRun)):
            continue
        if any(role is not Role.TITLE for role, _ in head.parts) or before.absorbed or run.absorbed:
            continue
        if not before.has_body or before.closed or not run.has_body or run.credit_lines or run.headline not in (None, head):
            continue
        first = next((lines[0] for _, lines in run.sections if lines), "")
        if opens_story(first.strip()):
            continue
        quote = "".join(line.text.strip() for _, line in head.parts)
        text = before.text
        lead = re.match(r"[^。！？]*[。！？]?\s*", text)
        story = text[lead.end() if lead else 0:] + "\n" + run.text
        at = story.find(quote)
        if len(CJK_CHAR.findall(quote)) < SETTINGS.min_inside_quote_chars or at < 0 or at > 0 and story[at - 1] not in "，。；！？：、“”\n":
            continue
        if containment(bigrams(run.text), bigrams(before.text)) < SETTINGS.min_untitled_join_similarity:
            continue
        page.captions.extend((line.text, k - 1) for _, line in head.parts)
        before.take(run)
        before.closed = run.closed
        run.headline = None
        del items[k - 1:k + 1]
        out.extend(line for _, line in head.parts)
    return out


def _against(upper: Line, lower: Line) -> bool:
    """The lower line is printed right under the upper: no blank beyond the page's spacing, at
    most that one blank line between, and no other line.

    >>> _against(Line(1, "", "a"), Line(2, "", "b")), _against(Line(1, "", "a"), Line(3, "", "b"))
    (True, True)
    >>> _against(Line(1, "", "a"), Line(5, "", "b")), _against(Line(1, "", "a"), Line(3, "", "b", gap_before=1))
    (False, False)
    """
    end = max(upper.lines, default=upper.number)
    return lower.gap_before == 0 and 0 < lower.number - end <= 2


def place_opening_kickers(page: Page, rules: Rules) -> list[tuple[Line, str]]:
    """Kicker lines that open the title. The last kicker lines holding a number (签约36.2亿,
    2018年; not an ordinal, 第12届): on the fitting part's gold, numbers are in title pieces only.
    Kicker lines printed right against the title (no blank line between) whose text opens on
    a place, a county's or a town's the gazetteer codes (历城区洪家楼街道 / 网格连 / 起邻里情,
    洪家楼街道办事处 / 对辖区餐馆…): the title's opening lines, broken over lines, not a kicker.
    On the fitting part's gold no kicker opens on a place, while most titles do. A development
    zone (经济开发区) names no one place; a place over a couplet stays its kicker, as in
    ``place_kickers``. Runs after the pull-quote passes, which read a whole headline over a pull
    quote as kicker and title. Returns the lines and why, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["近日，洪家楼街道网格员走访居民。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "历城区洪家楼街道")), (Role.KICKER, Line(2, "", "网格连")),
    ...                           (Role.KICKER, Line(3, "", "起邻里情")), (Role.TITLE, Line(4, "", "服务送到家门口"))])
    >>> [x.text for x, _ in place_opening_kickers(Page([run], [], [], []), load_rules())], run.headline.text
    (['历城区洪家楼街道', '网格连', '起邻里情'], '历城区洪家楼街道网格连起邻里情服务送到家门口')
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "第12届梨花节")), (Role.KICKER, Line(2, "", "签约36.2亿")),
    ...                           (Role.TITLE, Line(3, "", "小城迎来招商好开局"))])
    >>> [x.text for x, _ in place_opening_kickers(Page([run], [], [], []), load_rules())], run.headline.parts[0][0]
    (['签约36.2亿'], <Role.KICKER: 'kicker'>)

    A place's name set apart by a blank line (a masthead, 陇县发布) or a label is left:
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "陇县发布")), (Role.TITLE, Line(3, "", "志愿者清除小广告", gap_before=1))])
    >>> place_opening_kickers(Page([run], [], [], []), load_rules())
    []
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "人大代表之家")), (Role.TITLE, Line(2, "", "陇县人大代表接待选民"))])
    >>> place_opening_kickers(Page([run], [], [], []), load_rules())
    []
    """
    out: list[Line] = []
    for run, k in _kickers_over_titles(page):
        parts = run.headline.parts
        # a number (签约36.2亿, 2018年) in the kicker's last lines: those lines are the title's
        if SETTINGS.figure_kickers:
            j = k
            while j > 0 and _FIGURE.search(parts[j - 1][1].text) and not _ORDINAL.search(parts[j - 1][1].text):
                j -= 1
            if j < k:
                out.extend((line, "a number: kickers hold none") for _, line in parts[j:k])
                parts[j:k] = [(Role.TITLE, line) for _, line in parts[j:k]]
                k = j
                if k == 0:
                    continue
        if _couplet_title(parts[k:]):
            continue
        # a blank line (beyond the page's spacing) or lines between (furniture: PyMuPDF prints a
        # page's headlines together, over its masthead) set a masthead or a label apart
        if not all(_against(upper, lower) for (_, upper), (_, lower) in zip(parts[:k], parts[1:k + 1], strict=True)):
            continue
        if not SETTINGS.place_opening_kickers:
            continue
        kicker = "".join(line.text for _, line in parts[:k]).strip()
        found = next(iter(rules.gazetteer.find(kicker)), None)
        # a coded county or town: a zone's entry (x-…) is a kind of place, not its name
        if found is None or found.start != 0 or not any(code[:1].isdigit() for code in found.codes):
            continue
        # another story's headline stacked over this one (PyMuPDF prints a page's headlines
        # together) is that story's, as in drop_stray_title_tails
        if any(_shares_with(kicker, other.text) >= SETTINGS.min_far_title_share
               for other in page.items if isinstance(other, TextRun) and other is not run):
            continue
        out.extend((line, "printed against the title and opening on a place") for _, line in parts[:k])
        parts[:k] = [(Role.TITLE, line) for _, line in parts[:k]]
    return out


def titles_by_words(page: Page, lines: list[Line], confidence: dict[int, float]) -> list[tuple[Line, list[Line], float]]:
    """A headline whose title shares under ``max_slogan_title_share`` of its words with its
    story, while one of its other lines, or a furniture or caption line printed between it and
    the story, shares ``min_rescue_overlap``: that line is the title and the headline's other
    lines are a slogan or a label printed above it (深入学习贯彻党的二十大精神 over 矾山镇开展安全生产
    检查). Returns the new title, the lines set aside and its share, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "文明创建 我们在行动"))])
    >>> page = Page([run], [], [], [])
    >>> [(t.text, [x.text for x in old], share) for t, old, share in titles_by_words(page, [], {2: 0.3})]
    [('矾山镇开展安全生产检查', ['文明创建 我们在行动'], 1.0)]

    A quoted cry under its kicker is the title, though it shares no words:

    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "矾山镇开展安全生产检查")), (Role.TITLE, Line(2, "", "“安全大于天！”"))])
    >>> titles_by_words(page, [], {2: 0.3})
    []
    """
    index = {id(line): k for k, line in enumerate(lines)}
    out: list[tuple[Line, list[Line], float]] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or run.absorbed or not run.has_body:
            continue
        parts = run.headline.parts
        title = "".join(line.text for role, line in parts if role is Role.TITLE)
        text = run.text
        if not title or _shares_with(title, text) >= SETTINGS.max_slogan_title_share:
            continue
        if _whole_quote(title):  # a quoted cry is the title, sharing no words: no slogan
            continue
        # its own kicker or subtitle only when the model was unsure of the title (a figurative
        # title under a plain kicker shares few words, and is sure)
        unsure = min(confidence.get(line.number, 1.0) for role, line in parts if role is Role.TITLE)
        candidates = [line for role, line in parts if role is not Role.TITLE
                      and unsure < SETTINGS.min_title_tail_confidence]
        last = max((index.get(id(line), -1) for _, line in parts), default=-1)
        if last >= 0 and run.first > last:
            # a line the story prints word for word is a quote from it (a pull quote), no title
            candidates += [page.aside[k] for k in range(last + 1, run.first) if k in page.aside
                           and QUOTE_MARKS.sub("", page.aside[k].text) not in text]
        scored = [(_shares_with(line.text, text), line) for line in candidates if could_be_title(line.text)]
        best = max(scored, key=lambda x: x[0], default=None)
        if best is None or best[0] < SETTINGS.min_rescue_overlap:
            continue
        share, line = best
        old = [x for _, x in parts if x is not line]
        run.headline = HeadGroup([(Role.TITLE, line)], claimed=True)
        page.furniture.extend(x.text for x in old)
        if line.text in page.furniture:
            page.furniture.remove(line.text)
        page.captions = [c for c in page.captions if c[0] != line.text]
        out.append((line, old, round(share, 3)))
    return out
