"""Assemble stage: lines with their roles in, stories out.

The line-role model says what each line is; this stage only puts the pieces together, in named
steps:
1. ``group_items``: consecutive display lines form a headline group; text lines form runs, a new
   run beginning at a story's first line (a credit or a START line) and a run ending at a byline;
   ``open_under_headlines``: a run opening with a subhead right under a headline (a pull quote)
   begins a story unless it uses an earlier run's words (that story resumed);
2. ``pair_headlines``: headline groups and the runs next to them are paired so that, over the
   page, headlines share the most words with their stories, with a prior for the run after a
   headline at a story's beginning (a title may be printed after its body). A real headline
   shares words with its story; that decides, not position;
3. ``split_resumed``: a story's text that, from some paragraph on, reads as an earlier story
   rather than its own beginning is cut there: the earlier story resumed after a brief printed
   inside it, with no mark in the text;
   ``demote_subheads``: a lone title between two parts of one story (no credit after it, the
   text after it sharing the words of the text before it) is that story's subhead;
   ``join_continuations``: a run that is no story's beginning goes on an earlier story, the one
   whose text it shares most words with (a long story resumed after a brief inside it);
4. ``rescue_titles``: a story still without a headline takes the display-shaped line printed
   right before or after it that the model read as furniture, a caption or text, when that line
   shares enough of its words with the story (a title the model missed);
   ``titles_above_stories``: a story that opens at its first line and still has none takes
   the headline-shaped line right above it, unless the rules name that line furniture, a
   slogan, a caption or a credit (a figurative headline shares no word with its story);
5. ``build_article``: headline parts, paragraphs, credits and captions of one story.
Every line ends in a story, the page furniture or the leftovers.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import replace

from . import credits
from .features import bigrams, opens_story, spans_a_word
from .grouping import demote_sentence_pieces, group_items, headings_over_stories, short_leads
from .headline import (
    _one_phrase,
    closes_a_frame,
    compose_headline,
    couplet,
    ends_open,
)
from .labeler import Decision
from .line_rereads import (
    colon_title_openings,
    colon_titles,
    credits_as_bylines,
    credits_read_as_starts,
    dash_subtitles,
    dash_titles,
    datelines_open_stories,
    datelines_read_as_bylines,
    far_reprints,
    leads_after_bracket_labels,
    leads_after_credits,
    leads_at_new_measures,
    openings_read_as_titles,
    quoted_titles,
    reprinted_title_ends,
    subheads_over_credits,
    subheads_touching_titles,
    title_ends_read_as_leads,
    titles_after_credits,
    titles_between_stories,
    titles_ending_sentences,
    titles_naming_new_places,
    titles_opened_by_text,
    titles_read_as_leads,
)
from .line_shapes import (
    _CLAUSE_ENDS,
    _TAIL_MARKS,
    _TAIL_OPENERS,
    DASH_OPENING,
    KICKER_LABEL_CHARS,
    MEASURE_LINES,
    MEASURE_MIN_EM,
    _couplet_title,
    _far_tail_fits,
    _furniture_shaped,
    _names_a_place_only,
    _whole_quote,
    could_be_title,
    new_place,
    touching,
)
from .model import Article, Credit, Line, LineRole, PageInfo, PageResult, Role, Section
from .page_items import (
    HEAD_ROLES,
    HeadGroup,
    Page,
    TextRun,
    _opens_a_sentence,
    _share,
    _shares_with,
    _take_aside,
    containment,
    cosine,
    cut_run,
    is_pull_quote,
    shared_split_point,
    similarity,
)
from .pairing import pair_headlines, split_late_pairs, split_shared_groups
from .paragraphs import ends_sentence, rejoin_paragraphs, restore_lost_quotes
from .patterns import CJK_CHAR, cjk_count
from .rules import Rules
from .settings import SETTINGS


def drop_stray_title_tails(page: Page, confidence: dict[int, float], rules: Rules) -> list[tuple[Line, str]]:
    """A headline's last title line read with less confidence than ``min_title_tail_confidence``
    whose words its story never uses, or printed apart from the title (a blank line between)
    and sharing under ``min_rescue_overlap`` of its words with the story, is a slogan printed
    under the title (创卫在行动), not the title's end; printed apart and found word for word in
    the story, it is a pull quote. Either goes to the page's furniture. Returns the lines and why, for
    the report. A line that closes an event the title line above it opened (开展… / …活动:
    ``headline.closes_a_frame``) is the title's end whatever its words.

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

    A line opening on a particle goes on the title line above it, unsure or not:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "村寨有了新变化——来自贵州乡村")), (Role.TITLE, Line(2, "", "的生动实践"))])
    >>> drop_stray_title_tails(page, {1: 0.9, 2: 0.3}, rules), run.headline.text
    ([], '村寨有了新变化——来自贵州乡村的生动实践')
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
        # tool may print no blank lines) against it, unless a word runs across the break
        quoted = is_pull_quote(line.text, text) and (apart or not spans_a_word(parts[-2][1].text, line.text)
                                                     and _opens_a_sentence(line.text, text))
        # the second half of a couplet (以练备战 / 筑牢防线) need not use its story's words
        pair = not apart and (couplet(parts[-2][1].text, line.text)
                              or closes_a_frame(parts[-2][1].text, line.text, rules))
        # a line opening on a particle (的生动实践) goes on the line above: no headline opens so
        goes_on = line.text.strip()[:1] in _TAIL_OPENERS
        few = not goes_on and (unsure and share == 0.0 or apart and share < SETTINGS.min_rescue_overlap)
        if grams and not pair and (few or quoted):
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
    >>> run = TextRun(fresh=True, sections=[(None, ["昔日垃圾场，今日变花园。世丰园小区如今成了居民的世外桃源。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "接续报道")), (Role.TITLE, Line(2, "", "世丰园成了")),
    ...                           (Role.TITLE, Line(3, "", "世外桃源"))])
    >>> [(x.text, a, round(b, 2)) for x, a, b in kickers_by_words(Page([run], [], [], []), load_rules())], run.headline.parts[0][0]
    ([('接续报道', 0.0, 0.75)], <Role.KICKER: 'kicker'>)

    A title broken over lines never opens both lines with the same word: the first is a label.
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "人大代表之家")), (Role.TITLE, Line(2, "", "人大代表开展接待选民活动"))])
    >>> run.sections = [(None, ["人大代表开展接待选民活动，听取选民意见。"])]
    >>> [x.text for x, _, _ in kickers_by_words(Page([run], [], [], []), load_rules())]
    ['人大代表之家']

    So is a column's name (headline.yml's label_endings), whatever words it shares:
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "乡村振兴在行动")), (Role.TITLE, Line(2, "", "村寨有了新变化"))])
    >>> run.sections = [(None, ["贵州乡村振兴，村寨有了新变化。"])]
    >>> [x.text for x, _, _ in kickers_by_words(Page([run], [], [], []), load_rules())]
    ['乡村振兴在行动']

    A cry the title goes on past is the title's opening (惠及8万多居民！西城 / 展览路街道新添…):
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "惠及8万多居民！西城")), (Role.TITLE, Line(2, "", "展览路街道新添服务中心"))])
    >>> run.sections = [(None, ["展览路街道新添服务中心，惠及居民。"])]
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
        # when the line runs on past it (惠及8万多居民！西城 / 展览路街道新添…)
        if len(CJK_CHAR.findall(first)) < 2 or _one_phrase(first, second) or ends_open(first) \
                or first.rstrip().endswith(("：", ":")) or any(mark in first for mark in "？?！!"):
            continue
        text = run.text
        own = _shares_with(first, text)
        rest = _shares_with("".join(line.text for _, line in parts[1:]), text)
        # a title broken over lines never opens both with the same word (人大代表之家 / 人大代表开展…)
        echoed = len(first) >= 4 and first[:2] == second[:2] and first[:2] != second
        # a label is short; a longer phrase the story does not echo is the title's figurative
        # first half (脚下沾泥土采访最基层 / 蒙阴将新闻发布会开到了蜜桃园里)
        label = max(len(CJK_CHAR.findall(phrase)) for phrase in first.split()) <= KICKER_LABEL_CHARS
        # a column's name (乡村振兴在行动, 创城进行时) is a kicker whatever words it shares
        named = bool(rules.label_endings) and first.rstrip().endswith(rules.label_endings) and "：" not in first
        # a title opens on its place (宏伟区开展…, 万灵镇开展…): a phrase set over that line is a
        # label over the title (城乡环境卫生整治), not its first half
        # (a first line ending on a comma goes on into it: 聚焦“百千万工程”， / 恩平组织…)
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
    """A headline read as title (and subtitle) whose first lines make a list of phrases (增颜值、
    提气质、养习惯，以“厕所革命”为抓手推动爱国卫生运动深入开展), ending a phrase, over lines that
    hold no such marks and whose words the story uses more (石家庄正定去年改造提升农村厕所4.8万座):
    the list is the kicker (引题) and the lines under it the title. A title whose first line ends
    on a comma goes on in the next line (聚焦“百千万工程”， / 恩平组织媒体走乡村探产业), and is
    left; so is one broken inside a word, or holding a dash (…暖冬情——绿华镇…). Returns the kicker's lines with the story's share of their words and of the title's.

    >>> run = TextRun(fresh=True, sections=[(None, ["又入腊月，石家庄市正定县改造提升农村厕所4.8万座。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "增颜值、提气质、养习惯，")), (Role.TITLE, Line(2, "", "以厕所革命为抓手深入开展")),
    ...                           (Role.SUBTITLE, Line(3, "", "石家庄正定改造提升农村厕所4.8万座"))])
    >>> [(len(ls), a, round(b, 2)) for ls, a, b in phrase_list_kickers(Page([run], [], [], []))], [r.value for r, _ in run.headline.parts]
    ([(2, 0.05, 0.79)], ['kicker', 'kicker', 'title'])
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
        # (a title's own first line the story uses: 大埔梅州日报 / 电子阅报栏昨日启用)
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


def _opens_on_place(text: str, rules: Rules) -> bool:
    """The line opens with a place the gazetteer knows (宏伟区开展…, 庐江县矾山镇…).

    >>> from .rules import load_rules
    >>> [_opens_on_place(t, load_rules()) for t in ("庐江县矾山镇积极开展", "社区新风扬", "对我县进行")]
    [True, False, False]
    """
    found = next(iter(rules.gazetteer.find(text.strip())), None)
    return found is not None and found.start == 0


# A number broken over two headline lines (宝鸡市陇县5 / 00余名志愿者…): one phrase.
_SPLIT_NUMBER = re.compile(r"[0-9０-９]$")


def place_kickers(page: Page, rules: Rules) -> list[Line]:
    """A kicker that only names a place, or whose number runs on into the title's first line,
    is the title's first line. Returns the lines, for the report.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> run.headline = HeadGroup([(Role.KICKER, Line(1, "", "庐江县矾山镇")), (Role.TITLE, Line(2, "", "积极开展安全生产检查"))])
    >>> [x.text for x in place_kickers(Page([run], [], [], []), load_rules())], run.headline.parts[0][0]
    (['庐江县矾山镇'], <Role.TITLE: 'title'>)
    """
    out: list[Line] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None:
            continue
        parts = run.headline.parts
        k = next((j for j, (role, _) in enumerate(parts) if role is not Role.KICKER), len(parts))
        if k == 0 or k == len(parts) or parts[k][0] is not Role.TITLE:
            continue
        kicker = "".join(line.text for _, line in parts[:k])
        number = _SPLIT_NUMBER.search(kicker) and parts[k][1].text[:1].isdigit()
        if not number and (not _names_a_place_only(kicker, rules) or _couplet_title(parts[k:])):
            continue
        out.extend(line for _, line in parts[:k])
        parts[:k] = [(Role.TITLE, line) for _, line in parts[:k]]
    return out


# What a caption or a pull quote starts with before its words (▲ ▶ and spaces).
QUOTE_MARKS = re.compile(r"^[^\w“‘《]+")


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


# A run with more paragraph breaks than this is not searched for a resumed story: real stories
# have a few dozen paragraphs, and the search compares every break (a 5 MB page stays linear).
MAX_RESUME_BREAKS = 80


def _resume_cut(run: TextRun, earlier: list[frozenset[str]]) -> int | None:
    """The paragraph break of the run's last section after which its text is most an earlier
    story's rather than its own, by at least ``resume_margin``; None if there is none."""
    lines = run.sections[-1][1]
    breaks = [k for k in range(1, len(lines)) if ends_sentence(lines[k - 1])]
    if not breaks or len(breaks) > MAX_RESUME_BREAKS:
        return None
    # bigram sets grown line by line (the grams across a line break are left out: cheap, and
    # the same for every cut)
    grams = [bigrams(t) for t in lines]
    wanted = set(breaks)
    own, own_at = set(bigrams((run.headline.text if run.headline else "")
                              + "".join(t for _, ls in run.sections[:-1] for t in ls))), {}
    for k in range(1, len(lines)):
        own |= grams[k - 1]
        if k in wanted:
            own_at[k] = frozenset(own)
    tail, tails = set(), {}
    for k in range(len(lines) - 1, 0, -1):
        tail |= grams[k]
        if k in wanted:
            tails[k] = frozenset(tail)
    best, best_score = None, SETTINGS.resume_margin
    for k in breaks:
        score = max(cosine(tails[k], e) for e in earlier) - cosine(tails[k], own_at[k])
        if score > best_score:
            best, best_score = k, score
    return best


# What prose or a headline's clauses hold and a masthead, a date or an issue number does not.
_PROSE_MARK = re.compile(r"[。！？，、：；“”‘’《》,;:]")


def stories_without_text(page: Page) -> list[tuple[HeadGroup, list[int]]]:
    """A headline over "text" that is no story: fewer than ``min_story_chars`` characters and
    no mark of prose, not even a comma or a quote (今日宝丰 / 第5001期 / 2020-01-31星期五, a
    masthead PyMuPDF printed after a headline it drew at the page's top), or at most
    ``max_text_shard_chars`` characters (a sentence's end, 候。). The text is page furniture
    (a shard of text goes to the editor) and the headline is left over, for the passes after
    to give to its story. Returns each headline with the numbers
    of the lines set aside, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["今日宝丰", "第5001期", "2020-01-31星期五"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "永兴：新学期新气象书香漫校园"))])
    >>> run.numbers = [2, 3, 4]
    >>> brief = TextRun(fresh=True, sections=[(None, ["县里召开会议，部署工作。"])])
    >>> brief.headline = HeadGroup([(Role.TITLE, Line(5, "", "县里召开会议"))])
    >>> page = Page([run, brief], [], [], [])
    >>> [(h.text, ns) for h, ns in stories_without_text(page)], run.has_body, page.leftovers
    ([('永兴：新学期新气象书香漫校园', [2, 3, 4])], False, ['永兴：新学期新气象书香漫校园'])

    A sentence's end under a headline (…的问 / 候。), a shard of another story's text:

    >>> shard = TextRun(fresh=True, sections=[(None, ["候。"])], numbers=[9])
    >>> shard.headline = HeadGroup([(Role.TITLE, Line(8, "", "新晃：800余名教师喜获教师节各项表彰"))])
    >>> page = Page([shard], [], [], [])
    >>> [(h.text, ns) for h, ns in stories_without_text(page)], page.leftovers[0], page.furniture
    ([('新晃：800余名教师喜获教师节各项表彰', [9])], '候。', [])
    """
    out: list[tuple[HeadGroup, list[int]]] = []
    for run in page.items:
        if (not isinstance(run, TextRun) or run.absorbed or run.headline is None or not run.has_body
                or len(run.sections) != 1 or run.bylines or run.credit_lines):
            continue
        text = run.text.replace(" ", "")
        # or a sentence's last few characters (…的问 / 候。): a shard of another story's text
        shard = cjk_count(text) <= SETTINGS.max_text_shard_chars
        if not shard and (len(text) >= SETTINGS.min_story_chars or _PROSE_MARK.search(text)):
            continue
        heading, text_lines = run.sections[0]
        aside = page.leftovers if shard else page.furniture  # a shard of text: the editor's
        aside.extend([heading, *text_lines] if heading else text_lines)  # nothing lost
        out.append((run.headline, list(run.numbers)))
        page.orphans.append(run.headline)
        page.leftovers.extend(line.text for _, line in run.headline.parts)
        run.headline, run.sections, run.numbers = None, [(None, [])], []
    return out


def resumes_after_insets(page: Page, rules: Rules) -> list[tuple[int, float]]:
    """A story still untitled at the end, opening with no credit or dateline, printed right
    after a story its credit closed (a short story set inside a long one), goes on the titled
    story before that inset when nothing closed that story and the two share at least
    ``min_untitled_join_similarity`` of the smaller one's words, more than with the inset.
    Returns its first line number and the share, for the report.

    >>> from civicnews.rules import load_rules
    >>> host = TextRun(fresh=True, sections=[(None, ["乐山市政协主席率队到我县考察调研。"])])
    >>> host.headline = HeadGroup([(Role.TITLE, Line(4, "", "乐山市政协来我县考察调研"))])
    >>> inset = TextRun(fresh=True, sections=[(None, ["贵州乡村振兴，村寨有了新变化。"])], bylines=["作者 周远钢"], closed=True)
    >>> inset.headline = HeadGroup([(Role.TITLE, Line(27, "", "村寨有了新变化"))])
    >>> rest = TextRun(fresh=True, sections=[(None, ["考察组走进协商议事室，乐山市政协考察组表示赞扬。"])], numbers=[29])
    >>> page = Page([host, inset, rest], [], [], [])
    >>> resumes_after_insets(page, load_rules()), rest.absorbed, len(host.sections)
    ([(29, 0.333)], True, 2)
    """
    out: list[tuple[int, float]] = []
    runs = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    for k in range(2, len(runs)):
        host, inset, run = runs[k - 2], runs[k - 1], runs[k]
        if (run.headline is not None or run.credit_lines or not run.fresh or host.headline is None
                or host.closed or not (inset.closed and inset.bylines) or inset.headline is None):
            continue
        first = next((lines[0] for _, lines in run.sections if lines), "")
        if credits.opens_with_dateline(first, rules):
            continue
        grams = bigrams(run.text)
        share = containment(grams, bigrams(host.text))
        if share < SETTINGS.min_untitled_join_similarity or share <= containment(grams, bigrams(inset.text)):
            continue
        host.sections.extend(run.sections)
        host.numbers.extend(run.numbers)
        host.bylines.extend(run.bylines)
        host.continued_to = host.continued_to or run.continued_to
        host.closed, run.absorbed = run.closed, True
        if run.numbers:
            out.append((run.numbers[0], round(share, 3)))
    return out


def split_resumed(page: Page) -> None:
    """Cut a story's text where an earlier story resumes in it (a brief printed inside a long
    story, its text run on into the long one's): the tail goes on as a continuation, for
    ``join_continuations`` to join to the story it shares most words with."""
    items = page.items
    k = 0
    while k < len(items):
        run = items[k]
        k += 1
        if not isinstance(run, TextRun) or not run.has_body:
            continue
        runs = [x for x in items[:k - 1] if isinstance(x, TextRun) and x.has_body]
        earlier = [bigrams(r.text) for r in runs[-SETTINGS.continuation_window:]
                   if not (r.closed and r.bylines)]
        if not earlier:
            continue
        cut = _resume_cut(run, earlier)
        if cut is None:
            continue
        subhead, lines = run.sections[-1]
        tail = TextRun(fresh=False, sections=[(None, lines[cut:])], bylines=run.bylines,
                       continued_to=run.continued_to, closed=run.closed, last=run.last)
        cut_numbers = len(run.numbers) - (len(lines) - cut)
        tail.numbers, run.numbers = run.numbers[cut_numbers:], run.numbers[:cut_numbers]
        run.sections[-1] = (subhead, lines[:cut])
        run.bylines, run.continued_to, run.closed = [], None, False
        items.insert(k, tail)
        k += 1


def _closes_then_goes_on(run: TextRun, rules: Rules) -> bool:
    """A run with a story's closing credit (……活动。（作者 卫琦）) on a line before its last: a
    story of its own printed inside another, whose text goes on after it.

    >>> from civicnews.rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["植树活动。（作者 卫琦）", "期间，考察组参观了博物馆。"])])
    >>> _closes_then_goes_on(run, load_rules())
    True
    >>> run.sections = [(None, ["期间，考察组参观了博物馆。", "植树活动。（作者 卫琦）"])]
    >>> _closes_then_goes_on(run, load_rules())
    False
    """
    lines = [t for _, ts in run.sections for t in ts]
    return any(credits.split_trailing_credit(t, rules)[1] for t in lines[:-1])


def demote_subheads(page: Page, rules: Rules) -> list[tuple[Line, float]]:
    """A one-part title heading an uncredited run whose text goes on the story printed right
    before it (cosine of their bigram sets at least ``min_subhead_similarity``, or
    ``min_begun_subhead_similarity`` when the run opens like a story: read as a story's first
    line and opening with a lead word or a date, its title not the opening words of a later
    paragraph) is a subhead of that story: the run goes on it, unless the title opens with a place the run names and that story never
    does (``new_place``), or the run opens with a dateline (本报讯（记者 X）…, when
    ``dateline_runs_keep_titles``): a dateline opens a story, never a section of one. Returns
    the demoted lines and the cosine, for the report.

    >>> from civicnews.rules import load_rules
    >>> def page(first: str) -> Page:
    ...     text = "盐城两县城十乡镇获评国家卫生县城"
    ...     head = HeadGroup([(Role.TITLE, Line(2, text, text))])
    ...     before = TextRun(fresh=True, sections=[(None, ["国家卫生城市每3年复审考核一次，盐城两县城十乡镇获评。"])])
    ...     run = TextRun(fresh=True, headline=head, sections=[(None, [first])])
    ...     return Page(items=[before, head, run], furniture=[], captions=[], leftovers=[])
    >>> [line.text for line, _ in demote_subheads(page("盐城两县城十乡镇获评国家卫生县城，复审考核一次。"), load_rules())]
    ['盐城两县城十乡镇获评国家卫生县城']
    >>> demote_subheads(page("本报讯（记者 张勇）盐城两县城十乡镇获评国家卫生县城，复审考核一次。"), load_rules())
    []

    The page's first story, untitled, takes the title as its own (its lead printed over it,
    ``lead_takes_late_title``); a story with a headline takes it as a subhead.

    >>> p = page("盐城两县城十乡镇获评国家卫生县城，复审考核一次。")
    >>> _ = demote_subheads(p, load_rules()); p.items[0].headline is p.items[1], p.items[0].sections[-1][0]
    (True, None)
    >>> p = page("盐城两县城十乡镇获评国家卫生县城，复审考核一次。")
    >>> p.items[0].headline = HeadGroup([(Role.TITLE, Line(0, "", "国家卫生城市复审"))])
    >>> _ = demote_subheads(p, load_rules()); p.items[0].sections[-1][0]
    '盐城两县城十乡镇获评国家卫生县城'
    """
    items, out = page.items, []
    host: dict[int, TextRun] = {}  # a run merged here → the story it went on
    for k in range(1, len(items) - 1):
        before, head, run = items[k - 1], items[k], items[k + 1]
        if not (isinstance(head, HeadGroup) and isinstance(before, TextRun) and isinstance(run, TextRun)):
            continue
        before = host.get(id(before), before)  # a story with two such subheads
        if (run.headline is not head or len(head.parts) != 1 or head.parts[0][0] is not Role.TITLE
                or run.credit_lines or before.absorbed or not before.has_body or before.bylines
                or before.headline is head or not run.has_body):
            continue
        if new_place(head.parts[0][1].text, before.text, run.text):
            continue  # it opens with a place its text names and the story before never does
        first = next((lines[0] for _, lines in run.sections if lines), "")
        if SETTINGS.dateline_runs_keep_titles and credits.opens_with_dateline(first, rules):
            continue
        if SETTINGS.closed_runs_keep_titles and _closes_then_goes_on(run, rules):
            continue
        score = cosine(bigrams(run.text), bigrams(before.text))
        # 6月25日，… read as a story's first line, unless the title is the opening words of a
        # later paragraph of the run (作为直接服务群众的 / …。作为直接服务群众的“前沿阵地”，…): a
        # subhead or pull quote of the story, which went on under it
        opens = run.begun and opens_story(first) and not _opens_a_sentence(
            head.parts[0][1].text, run.text[len(first):])
        if score < (SETTINGS.min_begun_subhead_similarity if opens else SETTINGS.min_subhead_similarity):
            continue
        (_, line), = head.parts
        first_head, first_lines = run.sections[0]
        if SETTINGS.lead_takes_late_title and before.headline is None and not any(
                isinstance(x, HeadGroup) for x in items[:k - 1]):
            # the page's first story, untitled, its lead printed over the title: the title is
            # its own (通海县坚持… / 通海推进农村改厕工作 / “‘厕所革命’是…)
            before.headline = head
            before.sections.extend(run.sections)
            before.numbers.extend(run.numbers)
        else:
            before.sections.append((line.text, first_lines) if first_head is None else (line.text, []))
            before.sections.extend(run.sections[1:] if first_head is None else run.sections)
            before.numbers.extend([*line.lines, *run.numbers])
        before.bylines.extend(run.bylines)
        before.continued_to = before.continued_to or run.continued_to
        before.closed, before.last = run.closed, run.last
        run.absorbed, run.headline = True, None
        host[id(run)] = before
        out.append((line, round(score, 3)))
    return out


def _sentence_tail(text: str, before: str) -> bool:
    """Text that goes on a sentence begun in ``before``: it opens on a particle, on a clause of
    one or two characters (明、许明参加督办。), or with a word running on from ``before``.

    >>> _sentence_tail("明、许明参加督办。", "市领导易卫斌、王磊、陈晓"), _sentence_tail("的服务网络。", "")
    (True, True)
    >>> _sentence_tail("岁末寒冬，年味渐浓。", "美丽宜居迎新春"), _sentence_tail("6月25日，绿园区调研。", "")
    (False, False)
    >>> _sentence_tail("日前，开发区召开学习会。", "实干在岗位")
    False
    """
    text = text.strip()
    if not text or opens_story(text):
        return False  # 日前，… opens a sentence
    clause = re.match(r"[^，、；。！？,;]*[，、；,;]", text)
    return (text[0] in _TAIL_OPENERS or (clause is not None and len(clause.group()) <= 3)
            or spans_a_word(before, text))


def tails_read_as_stories(page: Page) -> list[tuple[HeadGroup, TextRun]]:
    """A story of a title alone and a few words (under ``min_story_chars``, no credit) whose
    words go on the title's sentence (``_sentence_tail``: 市领导易卫斌、王磊、陈晓 / 明、许明参加督办。)
    is the last sentence of the story before it, broken where a PDF tool broke it: the title's
    lines and the words go on that story. Returns each dissolved headline and the story it went
    on, for the report.

    >>> before = TextRun(fresh=True, sections=[(None, ["持续优化营商环境。"])])
    >>> run = TextRun(fresh=True, sections=[(None, ["明、许明参加督办。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(9, "", "市领导易卫斌、王磊、陈晓", lines=(9,)))])
    >>> page = Page([before, run.headline, run], [], [], [])
    >>> [h.text for h, _ in tails_read_as_stories(page)], before.text, run.absorbed
    (['市领导易卫斌、王磊、陈晓'], '持续优化营商环境。市领导易卫斌、王磊、陈晓明、许明参加督办。', True)
    """
    out: list[tuple[HeadGroup, TextRun]] = []
    items = page.items
    for k in range(2, len(items)):
        before, head, run = items[k - 2], items[k - 1], items[k]
        if not (isinstance(before, TextRun) and isinstance(head, HeadGroup) and isinstance(run, TextRun)):
            continue
        if (run.headline is not head or run.absorbed or before.absorbed or not before.has_body or before.closed
                or before.bylines or run.credit_lines or run.bylines or len(run.sections) != 1
                or any(role is not Role.TITLE for role, _ in head.parts)):
            continue
        text = run.text.replace(" ", "")
        if not text or len(text) >= SETTINGS.min_story_chars or not _sentence_tail(text, head.parts[-1][1].text):
            continue
        last = next(lines for _, lines in reversed(before.sections) if lines)
        last.extend([*(line.text for _, line in head.parts), *run.sections[0][1]])
        before.numbers.extend([*(n for _, line in head.parts for n in line.lines), *run.numbers])
        before.closed, before.last = run.closed, run.last
        run.absorbed, run.headline = True, None
        head.claimed = True
        out.append((head, before))
    return out


def headed_resumes(page: Page) -> list[tuple[int, float, float]]:
    """A run that begins no story (its first line read as text after another story's credit)
    but took a headline printed after it goes on the earlier untitled story, unclosed, that
    uses more of the headline's words than it does, when the two share
    ``min_untitled_join_similarity`` of the smaller one's words; that story takes the headline.
    PyMuPDF prints a story's last column after the next story and its headline at the page's
    foot, where the last column takes it. Returns the first line number of each run joined and
    the headline's share of words in it and in the story it joins, for the report.

    >>> lead = TextRun(fresh=True, sections=[(None, ["长春市绿园区委书记调研农村人居环境整治和乡村振兴项目。"])])
    >>> other = TextRun(fresh=True, sections=[(None, ["宝清县召开秸秆禁烧会议。"])], closed=True, bylines=["来源：王双"])
    >>> tail = TextRun(fresh=False, sections=[(None, ["在调研乡村振兴项目时，区委书记强调加快项目建设。"])])
    >>> tail.headline = HeadGroup([(Role.TITLE, Line(9, "", "长春绿园：调研农村人居环境整治促乡村振兴建设"))])
    >>> tail.numbers = [29]
    >>> page = Page([lead, other, tail], [], [], [])
    >>> headed_resumes(page), tail.absorbed, lead.headline.text
    ([(29, 0.25, 0.7)], True, '长春绿园：调研农村人居环境整治促乡村振兴建设')
    """
    runs = [x for x in page.items if isinstance(x, TextRun)]
    out: list[tuple[int, float, float]] = []
    for k, run in enumerate(runs):
        if run.headline is None or run.fresh or run.begun or run.absorbed or not run.has_body:
            continue
        own = similarity(run.headline, run)
        grams = bigrams(run.text)
        hosts = [r for r in runs[:k] if r.headline is None and not r.absorbed and not r.closed and r.has_body
                 and similarity(run.headline, r) > own
                 and containment(grams, bigrams(r.text)) >= SETTINGS.min_untitled_join_similarity]
        if not hosts:
            continue
        host = max(hosts, key=lambda r: similarity(run.headline, r))
        out.append((run.numbers[0] if run.numbers else -1, round(own, 2), round(similarity(run.headline, host), 2)))
        host.headline, run.headline = run.headline, None
        host.sections.extend(run.sections)
        host.numbers.extend(run.numbers)
        host.bylines.extend(run.bylines)
        host.closed = run.closed
        host.continued_to = host.continued_to or run.continued_to
        run.absorbed = True
    return out


def leads_of_later_stories(page: Page) -> list[tuple[int, float]]:
    """An untitled, unclosed story right before a story whose headline is printed after its
    text is that story's lead when the two share ``min_untitled_join_similarity`` of the smaller
    one's words (``containment``): PyMuPDF prints a headline at the page's foot, and a photo
    caption between a story's first paragraph and the rest cuts it in two, the headline going
    with the second part. The lead goes before the story's text. Returns the first line number
    of each lead joined and the share, for the report.

    >>> lead = TextRun(fresh=True, sections=[(None, ["“没想到下班了还能办业务，”马先生说。"])], numbers=[5])
    >>> rest = TextRun(fresh=True, sections=[(None, ["12月1日，马先生赶到政务服务中心办业务，下班了还能办。"])],
    ...                numbers=[10])
    >>> rest.headline = HeadGroup([(Role.TITLE, Line(70, "", "延时服务不打烊 为民办事暖心田"))])
    >>> page = Page([lead, rest], [], [], [])
    >>> leads_of_later_stories(page), lead.absorbed, rest.text[:4]
    ([(5, 0.64)], True, '“没想到')
    """
    items = page.items
    out: list[tuple[int, float]] = []
    for k in range(len(items) - 1):
        lead, run = items[k], items[k + 1]
        if not (isinstance(lead, TextRun) and isinstance(run, TextRun) and lead.headline is None
                and not lead.absorbed and not lead.closed and lead.has_body and not lead.bylines
                and run.headline is not None and not run.absorbed and run.numbers
                and min(line.number for _, line in run.headline.parts) > max(run.numbers)):
            continue
        share = containment(bigrams(lead.text), bigrams(run.text))
        if share < SETTINGS.min_untitled_join_similarity:
            continue
        out.append((lead.numbers[0] if lead.numbers else -1, round(share, 2)))
        run.sections = [*lead.sections, *run.sections]
        run.numbers = [*lead.numbers, *run.numbers]
        run.credit_lines = [*lead.credit_lines, *run.credit_lines]
        lead.absorbed = True
    return out


def _credited_stub(prev: TextRun, run: TextRun, first: str) -> bool:
    """A titled story with its credit printed under the headline and under
    ``max_credited_stub_chars`` of text (a row read across columns), before an untitled
    opening with no credit line and a dateline naming no one (本报讯 连日来，…): that opening
    is the story's own (its credit is the one under the headline), not a new story's.

    >>> stub = TextRun(fresh=True, credit_lines=["融媒体中心记者 张丹"], sections=[(None, ["清理沟渠6.8公里。"])])
    >>> stub.headline = HeadGroup([(Role.TITLE, Line(1, "", "开展人居环境整治"))])
    >>> run = TextRun(fresh=True)
    >>> _credited_stub(stub, run, "本报讯 连日来，万灵镇"), _credited_stub(stub, run, "本报讯（记者 王明）连日来")
    (True, False)
    >>> _credited_stub(stub, TextRun(fresh=True, credit_lines=["作者 卫琦"]), "本报讯 春回大地")
    False
    """
    bare = re.sub(r"^\S*讯\s*", "", first)
    return (prev.headline is not None and bool(prev.credit_lines) and not run.credit_lines
            and not bare.startswith(("（", "(")) and len(prev.text) < SETTINGS.max_credited_stub_chars)


def join_continuations(page: Page, rules: Rules) -> list[tuple[int, float]]:
    """A run that is no story's beginning goes on the earlier story it shares most words with;
    so does a story's opening with no headline right after a story nothing closed, when the
    two share ``min_untitled_join_similarity`` of the smaller one's words (``containment``: a
    paragraph that opens with a date after a photo caption or the story's short lead, read as
    a new story). A headline printed between the two closes the story before (its title
    after its body; not when its first lines were read as a title, ``Page.lifted_openings``),
    and an opening with a dateline (本报讯…) is a story's own. Returns the first line number of
    each such opening joined and the share, for the report.

    >>> from civicnews.rules import load_rules
    >>> lead = TextRun(fresh=True, sections=[(None, ["深秋的常德，文明城市建设迎来测评。"])])
    >>> def page_of(first: str) -> Page:
    ...     rest = TextRun(fresh=True, sections=[(None, [first + "常德市民文明城市建设，测评迎来好评。"])])
    ...     return Page(items=[HeadGroup([(Role.TITLE, Line(1, "", "常德探索文明城市建设"))]), lead, rest],
    ...                 furniture=[], captions=[], leftovers=[])
    >>> page = page_of("近日，")
    >>> page.items[1].headline = page.items[0]
    >>> join_continuations(page, load_rules()), page.items[2].absorbed
    ([], True)
    >>> page = page_of("本报讯 近日，")
    >>> page.items[1].headline = page.items[0]
    >>> join_continuations(page, load_rules()), page.items[2].absorbed
    ([], False)
    >>> page = page_of("近日，")  # a headline printed after the lead: its title, closing it
    >>> page.items.insert(2, HeadGroup([(Role.TITLE, Line(5, "", "文明之火点亮市民心灯"))]))
    >>> join_continuations(page, load_rules()), page.items[3].absorbed
    ([], False)

    Unless the lead's first line was read as a title (``Page.lifted_openings``): the story's
    first lines printed over its own headline, the rest under it.

    >>> page.items[1].headline, page.items[1].numbers, page.lifted_openings = page.items[2], [3], {3}
    >>> page.items[3].numbers = [6]
    >>> join_continuations(page, load_rules()), page.items[3].absorbed
    ([(6, 1.0)], True)
    """
    runs = [x for x in page.items if isinstance(x, TextRun)]
    at = {id(x): k for k, x in enumerate(page.items)}
    out: list[tuple[int, float]] = []
    for k, run in enumerate(runs):
        if run.headline is not None or run.absorbed or k == 0:
            continue
        if run.fresh:
            prev = runs[k - 1]
            # a headline between closes the story before, unless it is that story's own and the
            # story's first lines were read as a title (printed over the headline): the text
            # after the headline goes on them
            lifted = bool(prev.numbers) and prev.numbers[0] in page.lifted_openings
            headed = any(isinstance(x, HeadGroup) and not (lifted and x is prev.headline)
                         for x in page.items[at[id(prev)] + 1:at[id(run)]])
            first = next((lines[0] for _, lines in run.sections if lines), "")
            share = containment(bigrams(run.text), bigrams(prev.text))
            # a credited stub's own opening needs no shared words: a row across columns holds
            # words of the stories beside it
            stub = _credited_stub(prev, run, first)
            dated = credits.opens_with_dateline(first, rules) and not stub
            if (prev.absorbed or prev.closed or not prev.has_body or headed
                    or dated or (share < SETTINGS.min_untitled_join_similarity and not stub)):
                continue
            if run.numbers:
                out.append((run.numbers[0], share))
        grams = bigrams(run.text)
        earlier = runs[max(0, k - SETTINGS.continuation_window): k]
        candidates = [r for r in earlier if not r.absorbed and not (r.closed and r.bylines)]
        if not candidates:
            continue
        host = prev if run.fresh else max(reversed(candidates), key=lambda r: cosine(grams, bigrams(r.text)))
        host.sections.extend(run.sections)
        host.numbers.extend(run.numbers)
        host.bylines.extend(run.bylines)
        page.leftovers.extend(run.credit_lines)  # a credit inside a story: the editor decides
        host.continued_to = host.continued_to or run.continued_to
        run.absorbed = True
    return out


def _finished(text: str, rules: Rules) -> bool:
    """A line that ends a sentence, or a sentence and its credit in brackets (…贡献。（记者 张勇峰）).

    >>> from .rules import load_rules
    >>> [_finished(t, load_rules()) for t in ("作出新的贡献。（全媒体记者 张勇峰）", "获评国家卫生县城（乡镇）")]
    [True, False]
    """
    if ends_sentence(text):
        return True
    rest, credit = credits.split_trailing_credit(text, rules)
    return credit is not None and ends_sentence(rest)


def _own_tail(run: TextRun, lines: list[Line], page: Page, rules: Rules) -> list[int]:
    """Indices of the lines that end this run after its last finished sentence, when there are
    at most ``rescue_tail_lines`` of them and text before them, or else its last line alone when
    a blank line parts it from the text above: a headline printed after its story and read as
    text. Empty when the run ends on a finished sentence."""
    body = run.sections[-1][1]
    tail: list[int] = []
    k = run.last
    while k >= run.first and len(tail) < len(body):
        if lines[k].text and k not in page.aside:
            if _ends_text(lines[k], rules) or lines[k].text != body[-1 - len(tail)]:
                break
            tail.append(k)
        k -= 1
    if not tail or len(tail) >= len(body):
        return []
    if len(tail) <= SETTINGS.rescue_tail_lines and lines[k].text == body[-1 - len(tail)] and _ends_text(lines[k], rules):
        return tail[::-1]
    # a last line printed apart (a blank line above it) after a sentence left unfinished
    return [run.last] if tail[0] == run.last and lines[run.last].gap_before > 0 else []


def _ends_text(line: Line, rules: Rules) -> bool:
    """A line after which a story's text on this page is done: a finished sentence, or a jump
    to another page (下转4版) cut out of it."""
    return line.continued_to is not None or _finished(line.text, rules)


def _above_credit(run: TextRun, lines: list[Line]) -> int:
    """The index of the line right above the run, above its own credit lines (本报讯（记者 X）
    printed over its first text line): a headline stands over the credit, not between the
    credit and the text. -1 when there is none."""
    credit = set(run.credit_lines)
    k = run.first - 1
    while k >= 0 and (not lines[k].text or lines[k].text in credit):
        k -= 1
    return k


def _title_candidates(run: TextRun, lines: list[Line], page: Page, rules: Rules) -> list[tuple[int, ...]]:
    """Lines a missed title of this run could be: the furniture or caption lines printed right
    before it (above its credit) or after it (up to ``rescue_reach`` of them in a row, each
    alone), and its own last lines when they stand after its last finished sentence
    (``_own_tail``)."""
    out: list[tuple[int, ...]] = []
    for ks in (range(_above_credit(run, lines), -1, -1), range(run.last + 1, len(lines))):
        # the furniture and caption lines printed next to it, up to the first other line
        near = [k for k in ks if lines[k].text][:SETTINGS.rescue_reach]
        aside = []
        for k in near:
            if k not in page.aside:
                break
            aside.append(k)
        # two of them printed against each other as one phrase broken inside a word (宝清县夹信 /
        # 子镇秸杆禁烧管控进行时): one title, tried first so that it wins a tie with its halves
        pair = sorted(aside[:2])
        if len(pair) == 2 and touching(lines[pair[0]], lines[pair[1]]) and _one_phrase(lines[pair[0]].text, lines[pair[1]].text):
            out.append(tuple(pair))
        out.extend((k,) for k in aside)
    tail = _own_tail(run, lines, page, rules)
    if tail:
        out.append(tuple(tail))
    head = _own_head(run, lines, page, rules)
    if head:
        out.append(tuple(head))
    elif _wide_head(run, lines):
        out.append((run.first,))
    return out


def _wide_head(run: TextRun, lines: list[Line]) -> bool:
    """The run's first line is set wider than the text under it (``measure_changes``' ratio
    and ``MEASURE_MIN_EM``) and holds no full stop: a headline printed across the story's
    columns and read as its first line (惠及8万多居民！西城展览路街道新添全龄友好服务中心 over a
    column of a few characters), not a paragraph's first line, which fills its column.

    >>> first = Line(1, "", "周末一起去看看？海口这些村庄美起来", width=17.0)
    >>> column = [Line(n, "", "9月的海口依旧有些炎热", width=11.0) for n in range(2, 6)]
    >>> run = TextRun(fresh=True, sections=[(None, [x.text for x in (first, *column)])])
    >>> run.first, run.last = 0, 4
    >>> _wide_head(run, [first, *column])
    True
    >>> _wide_head(run, [replace(first, width=12.0), *column])
    False
    """
    body = run.sections[0][1]
    if run.first < 0 or run.credit_lines or not body or lines[run.first].text != body[0]:
        return False
    text = lines[run.first].text
    if "。" in text or opens_story(text) or not could_be_title(text) or not lines[run.first].width:
        return False
    after = [lines[j].width for j in range(run.first + 1, run.last + 1)
             if lines[j].text and not ends_sentence(lines[j].text)][:MEASURE_LINES]
    if len(after) < MEASURE_LINES:
        return False
    measure = statistics.median(after)
    return (lines[run.first].width >= SETTINGS.measure_change * measure
            and lines[run.first].width - measure >= MEASURE_MIN_EM)


def _own_head(run: TextRun, lines: list[Line], page: Page, rules: Rules) -> list[int]:
    """Indices of the lines that open this run as a block of their own: at most
    ``rescue_tail_lines`` lines printed against each other, a blank line after them, text after
    that, and no sentence or clause ended in them: a headline printed over its story and read
    as text (集团持续开展“保 / 文创卫”志愿服务活动). Empty otherwise."""
    body = run.sections[0][1]
    if run.first < 0 or run.credit_lines or not body or lines[run.first].text != body[0]:
        return []
    block = [run.first]
    for k in range(run.first + 1, run.last + 1):
        if not lines[k].text:
            continue
        if k in page.aside or lines[k].gap_before > 0 or not touching(lines[block[-1]], lines[k]):
            break
        block.append(k)
        if len(block) > SETTINGS.rescue_tail_lines:
            return []
    else:
        return []  # no blank line after the block: no title over text
    if len(block) >= len(body) or [lines[k].text for k in block] != body[:len(block)]:
        return []
    # the text after it must print lines against each other (a page with a blank line after
    # every line shows no blocks)
    rest = [lines[k] for k in range(block[-1] + 1, run.last + 1) if lines[k].text]
    if not any(touching(a, b) for a, b in zip(rest, rest[1:], strict=False)):
        return []
    text = "".join(lines[k].text for k in block)
    if _ends_text(lines[block[-1]], rules) or text.rstrip().endswith(_CLAUSE_ENDS) or "，" in text:
        return []
    return block


def _with_aside_tail(ks: tuple[int, ...], run: TextRun, lines: list[Line], page: Page, rules: Rules,
                     used: set[int]) -> tuple[int, ...]:
    """A missed title taken from set-aside lines goes on into the set-aside line printed right
    against it (no blank between), headline-shaped with it, whose words the story also uses
    (``min_rescue_overlap``) or that is a short phrase (``_short_phrase``), but not word for
    word one of its clauses (a pull quote): a title
    broken over two lines both read as captions (县政协十届二次 / 会议预备会议暨五次常委会议召开).

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["12月25日，县政协十届二次会议预备会议召开，常委会议同日召开。"])])
    >>> run.first, run.last = 3, 3
    >>> page = [Line(1, "", "县政协十届二次"), Line(2, "", "会议预备会议暨五次常委会议召开"), Line(3, "", ""), Line(4, "", run.text)]
    >>> p = Page([run], [], [], [])
    >>> p.aside = {0: page[0], 1: page[1]}
    >>> _with_aside_tail((0,), run, page, p, load_rules(), set())
    (0, 1)
    """
    if ks[0] == run.first or ks[-1] == run.last or any(k not in page.aside for k in ks):
        return ks
    k = next((j for j in range(ks[-1] + 1, len(lines)) if lines[j].text), None)
    if (k is None or k not in page.aside or k in used or not touching(lines[ks[-1]], lines[k])
            or _furniture_shaped(lines[k].text, rules)
            or not could_be_title("".join(lines[j].text for j in (*ks, k)))
            or _shares_with(lines[k].text, run.text) < SETTINGS.min_rescue_overlap and not _short_phrase(lines[k].text)
            or is_pull_quote(lines[k].text, run.text)):  # a clause of the story: a pull quote
        return ks
    return (*ks, k)


def _short_phrase(text: str) -> bool:
    """A phrase of a few characters (at most ``KICKER_LABEL_CHARS``) with no punctuation: a
    headline's second half (我市榜上有名) need not repeat its story's words; a caption says more.

    >>> _short_phrase("我市榜上有名"), _short_phrase("村民在清理房前屋后的垃圾")
    (True, False)
    """
    text = text.strip()
    return bool(text) and len(text) <= KICKER_LABEL_CHARS and not re.search(r"[^\w“”‘’]", text)


def _joins_story_before(run: TextRun, page: Page) -> bool:
    """An untitled run whose only title there could be is a pull quote of its own text goes on
    the story printed right before it, when that story has a headline and nothing closed it
    (no byline, no jump): a pull quote set between a story's paragraphs, and the paragraph
    after it read as a new story's first line. True when it was joined."""
    k = page.items.index(run)
    prev = next((x for x in reversed(page.items[:k]) if isinstance(x, TextRun) and not x.absorbed), None)
    if prev is None or prev.headline is None or prev.closed or not prev.has_body or run.credit_lines:
        return False
    if page.items[k - 1] is not prev:  # a headline between them
        return False
    prev.sections.extend(run.sections)
    prev.numbers.extend(run.numbers)
    prev.bylines.extend(run.bylines)
    prev.continued_to = prev.continued_to or run.continued_to
    prev.closed, prev.last = run.closed, max(prev.last, run.last)
    run.absorbed = True
    return True


def rescue_titles(page: Page, lines: list[Line], rules: Rules) -> list[tuple[tuple[int, ...], float]]:
    """A story without a headline takes a missed title next to it: a headline-shaped line (or
    its own last lines) that shares at least ``min_rescue_overlap`` of its words with the story.
    A line the furniture rules or patterns name (a photo caption's mark, a credit) is never
    taken, and a whole clause of the story (a pull quote) only when no other line will do: a
    caption repeats its story's words too; when only a pull quote will do, the run goes on the
    story right before it instead, if that story has a headline and nothing closed it
    (``_joins_story_before``). Returns the indices of the lines taken and their overlap, for
    the report."""
    taken: list[tuple[tuple[int, ...], float]] = []
    used: set[int] = set()
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is not None or run.absorbed or not run.has_body:
            continue
        best: tuple[tuple[bool, bool, float], tuple[int, ...]] | None = None
        for ks in _title_candidates(run, lines, page, rules):
            head = HeadGroup([(Role.TITLE, lines[k]) for k in ks])
            if used.intersection(ks) or not could_be_title(head.text) or _furniture_shaped(lines[ks[0]].text, rules):
                continue
            own = ks[-1] == run.last or ks[0] == run.first
            if ks[0] == run.first:  # its own first lines: compare with the rest of the story
                rest = TextRun(fresh=True, sections=[(None, run.sections[0][1][len(ks):]), *run.sections[1:]])
                score = similarity(head, rest)
            elif own:  # its own last lines: compare with the rest of the story
                rest = TextRun(fresh=True, sections=[(None, run.sections[-1][1][:-len(ks)])])
                score = similarity(head, rest) if len(run.sections) == 1 else similarity(head, run)
            else:
                score = similarity(head, run)
            # a whole clause of the story printed apart is a pull quote or a caption before it
            # is a title: it shares every word, so it ranks below any line that is no quote
            # an aside phrase broken in two ranks above its halves
            rank = (own or not is_pull_quote(head.text, run.text), len(ks) > 1 and not own, score)
            floor = SETTINGS.min_own_title_overlap if own else SETTINGS.min_rescue_overlap
            if score >= floor and (best is None or rank > best[0]):
                best = (rank, ks)
        if best is None:
            continue
        (no_quote, _, score), ks = best
        if not no_quote and _joins_story_before(run, page):
            continue
        ks = _with_aside_tail(ks, run, lines, page, rules, used)
        used.update(ks)
        run.headline = HeadGroup([(Role.TITLE, lines[k]) for k in ks], claimed=True)
        if ks[0] == run.first:  # its own first lines
            del run.sections[0][1][:len(ks)]
            numbers = {n for k in ks for n in lines[k].lines}
            run.numbers = [n for n in run.numbers if n not in numbers]
            run.first = next((k for k in range(ks[-1] + 1, run.last + 1) if lines[k].text), run.first)
        elif ks[-1] == run.last:
            del run.sections[-1][1][-len(ks):]
            numbers = {n for k in ks for n in lines[k].lines}
            run.numbers = [n for n in run.numbers if n not in numbers]
        else:
            for k in ks:  # set aside as furniture or a caption: take it back
                if lines[k].text in page.furniture:
                    page.furniture.remove(lines[k].text)
                else:
                    page.captions = [c for c in page.captions if c[0] != lines[k].text]
        taken.append((ks, round(score, 3)))
    return taken


def title_tails(page: Page, lines: list[Line], rules: Rules) -> list[int]:
    """A headline's title goes on in the line printed right under it (no blank between) that
    the model set aside as furniture or a caption, when the line is no longer than the one above
    it and holds no second phrase, is headline-shaped, no rule names it, and its story uses
    ``min_rescue_overlap`` of its words: a title broken over lines whose short end (消防安全 /
    专项检查) reads like a label. A slogan under a title shares few of the story's words.
    Returns the lines' indices, for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "县委常委吴代彬率队督查文明"), Line(2, "", "城市创建工作"),
    ...               Line(3, "", "12月20日，吴代彬督查文明城市创建工作。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run], [page_lines[1].text], [], [], {1: page_lines[1]})
    >>> title_tails(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([1], '县委常委吴代彬率队督查文明城市创建工作', [])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "县委常委吴代彬率队"))])
    >>> page_lines[0], page_lines[1] = run.headline.parts[0][1], Line(2, "", "督查文明 城市创建")
    >>> title_tails(Page([run], [], [], [], {1: page_lines[1]}), page_lines, load_rules())
    []

    A one-character end shares its words across the break (动员 / 会):

    >>> page_lines = [Line(1, "", "街道召开复审工作动员"), Line(2, "", "会"), Line(3, "", "4月7日，街道召开复审工作动员会。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> title_tails(Page([run], ["会"], [], [], {1: page_lines[1]}), page_lines, load_rules()), run.headline.text
    ([1], '街道召开复审工作动员会')
    """
    index = {id(line): k for k, line in enumerate(lines)}
    taken: list[int] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or run.absorbed or not run.has_body:
            continue
        while True:
            role, last = run.headline.parts[-1]
            k = index.get(id(last))
            if role is not Role.TITLE or k is None:
                break
            j = next((x for x in range(k + 1, len(lines)) if lines[x].text), None)
            if j is None or j not in page.aside or j >= run.first or lines[j].gap_before > 0:
                break
            text = lines[j].text
            # a date or 近日 under a title is its story's dateline, printed apart (12月25日下午)
            if _furniture_shaped(text, rules) or opens_story(text) or not could_be_title(run.headline.text + text):
                break
            # a wrapped title's end is no longer than the line above it and is no phrase pair
            # of its own (开展人居环境整治 共建宜居美好家园 is another story's headline)
            if len(text) > len(last.text) or " " in text.strip():
                break
            # the words across the break count (动员 / 会: a one-character end has no word alone)
            if (_shares_with(last.text[-1:] + text, run.text) < SETTINGS.min_rescue_overlap
                    or is_pull_quote(text, run.text)):
                break  # a line its story prints word for word is a quote from it
            run.headline.parts.append((Role.TITLE, lines[j]))
            _take_aside(page, text)
            taken.append(j)
    return taken


def far_title_tails(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, str]]:
    """A headline's wrapped end that a PDF tool printed as a box of its own far from its
    headline (pdfminer, pdftotext: 县消防救援大队开展“119”消防日 … ▲图片说明 / 主题活动): a short
    line set aside as furniture or a caption (at most ``far_title_tail_chars`` characters, no
    clause or bracket mark, no rule names it) goes on the one headline whose story prints the
    text across the break (``_far_tail_fits``). A line two headlines could take stays put.
    Returns (line index, the title it went on), for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "县消防救援大队开展消防日"), Line(2, "", "11月9日，大队开展消防日主题活动。"),
    ...               Line(3, "", "▲学生们在社区发放宣传资料。"), Line(4, "", "主题活动")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[1].text])], first=1, last=1)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run.headline, run], ["主题活动"], [], [], {2: page_lines[2], 3: page_lines[3]})
    >>> far_title_tails(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([(3, '县消防救援大队开展消防日')], '县消防救援大队开展消防日主题活动', [])
    """
    if not SETTINGS.far_title_tail_chars:
        return []
    heads = [run for run in page.items if isinstance(run, TextRun) and run.headline is not None
             and not run.absorbed and run.has_body and run.headline.parts[-1][0] is Role.TITLE]
    index = {id(line): k for k, line in enumerate(lines)}
    # set-aside lines, and subheads (a heading of a section: 众得实惠 between two paragraphs)
    places: list[tuple[int, TextRun | None]] = [(k, None) for k in page.aside]
    places += [(index[id(line)], run) for run in heads for line in run.heading_lines if id(line) in index]
    taken: list[tuple[int, str]] = []
    for k, host in sorted(places, key=lambda x: x[0]):
        text = lines[k].text
        if not 2 <= len(text) <= SETTINGS.far_title_tail_chars or _TAIL_MARKS.search(text) \
                or not CJK_CHAR.match(text) or _furniture_shaped(text, rules) or opens_story(text):
            continue
        fits = [run for run in heads if lines[k] not in (line for _, line in run.headline.parts)
                and could_be_title(run.headline.text + text)
                and _far_tail_fits(run.headline.parts[-1][1].text, text, run.text)]
        if len(fits) != 1:
            continue
        title = fits[0].headline.parts[-1][1].text
        fits[0].headline.parts.append((Role.TITLE, lines[k]))
        if host is None:
            _take_aside(page, text)
            del page.aside[k]
        else:
            _drop_heading(host, lines[k])
        taken.append((k, title))
    return taken


def doubled_title_ends(page: Page) -> list[tuple[Line, str]]:
    """Two headlines side by side whose lines a PDF tool printed in turn (左题前半 / 右题 /
    左题后半: pdfminer), the one set in bold printed twice (``Line.doubled``): a short doubled
    line (at most ``far_title_tail_chars``, no clause mark) in a later headline group that
    holds a line printed once is the wrapped end of the doubled title line in the headline
    group before it, when the story under that title prints the end right after the title
    line (``_far_tail_fits``) or uses at least as much of its words as the story it heads
    (助力全国文 / 明城创建). It goes on that title. Returns the lines moved and the title they
    now end, for the report.

    >>> upper = HeadGroup([(Role.TITLE, Line(9, "", "开展十大专项整治行动 助力全国文", doubled=True))])
    >>> lower = HeadGroup([(Role.TITLE, Line(12, "", "助力居民“幸福满格”")), (Role.TITLE, Line(14, "", "明城创建", doubled=True))])
    >>> a = TextRun(fresh=True, sections=[(None, ["近日，开展十大专项整治行动，推进全国文明城市创建。"])], headline=upper)
    >>> b = TextRun(fresh=True, sections=[(None, ["网格员走进居民家中。"])], headline=lower)
    >>> [(x.text, t) for x, t in doubled_title_ends(Page([upper, lower, b, a], [], [], []))], lower.text
    ([('明城创建', '开展十大专项整治行动 助力全国文明城创建')], '助力居民“幸福满格”')
    """
    most = SETTINGS.far_title_tail_chars
    heads = [x for x in page.items if isinstance(x, HeadGroup)]
    story = {id(x.headline): x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.headline is not None}
    moved: list[tuple[Line, str]] = []
    for pos, head in enumerate(heads):
        if pos == 0 or all(line.doubled for _, line in head.parts):
            continue
        for role, line in list(head.parts):
            text = line.text.strip()
            if not line.doubled or len(text) > most or _TAIL_MARKS.search(text) or not CJK_CHAR.search(text):
                continue
            above = heads[pos - 1]
            run, own = story.get(id(above)), story.get(id(head))
            last = above.parts[-1][1] if above.parts else None
            if run is None or last is None or not last.doubled or above.parts[-1][0] is not Role.TITLE \
                    or not could_be_title(last.text + text):
                continue
            # the story under the title prints it right after the title line, or uses more of
            # its words than the story it heads (明城创建: 全国文明城市创建)
            mine = _shares_with(text, run.text)
            if not (_far_tail_fits(last.text, text, run.text)
                    or mine > 0 and mine >= (_shares_with(text, own.text) if own is not None else 0.0)):
                continue
            head.parts.remove((role, line))
            above.parts.append((Role.TITLE, line))
            moved.append((line, above.text))
    return moved


def far_title_heads(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, str]]:
    """``far_title_tails`` the other way round: a title's first line printed as a box of its own
    far from the rest (pdfminer at the page's top: 东西部扶贫协作“6+1”省级媒体主 … 题采访团聚焦
    经开区), set aside as furniture or a caption. A set-aside line of ``min_second_title_chars``
    up to the most a title holds, headline-shaped with no word space, no rule naming it, goes
    before the one title whose first line a word runs into from it, the story printing that
    word. Returns (line index, the title it went on), for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "东西部扶贫协作省级媒体主"), Line(2, "", "题采访团聚焦经开区"),
    ...               Line(3, "", "8月28日，省级媒体主题采访团来到经开区。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[1])])
    >>> page = Page([run.headline, run], [page_lines[0].text], [], [], {0: page_lines[0]})
    >>> far_title_heads(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([(0, '题采访团聚焦经开区')], '东西部扶贫协作省级媒体主题采访团聚焦经开区', [])
    """
    heads = [run for run in page.items if isinstance(run, TextRun) and run.headline is not None
             and not run.absorbed and run.has_body and run.headline.parts[0][0] is Role.TITLE]
    taken: list[tuple[int, str]] = []
    for k in sorted(page.aside):
        text = lines[k].text
        if not SETTINGS.min_second_title_chars <= cjk_count(text) <= SETTINGS.title_chars[1] \
                or " " in text or not could_be_title(text) or _furniture_shaped(text, rules) or opens_story(text):
            continue
        fits = [run for run in heads if lines[k] not in (line for _, line in run.headline.parts)
                and could_be_title(text + run.headline.text)
                and _far_tail_fits(text, run.headline.parts[0][1].text, run.text)]
        if len(fits) != 1:
            continue
        title = fits[0].headline.parts[0][1].text
        fits[0].headline.parts.insert(0, (Role.TITLE, lines[k]))
        _take_aside(page, text)
        del page.aside[k]
        taken.append((k, title))
    return taken


def _drop_heading(run: TextRun, line: Line) -> None:
    """Take a subhead out of its run: its section's lines go on the section before it.

    >>> run = TextRun(fresh=True, sections=[(None, ["甲。"]), ("众得实惠", ["乙。"])])
    >>> run.heading_lines = [Line(2, "", "众得实惠")]
    >>> _drop_heading(run, run.heading_lines[0]); run.sections, run.heading_lines
    ([(None, ['甲。', '乙。'])], [])
    """
    run.heading_lines = [x for x in run.heading_lines if x is not line]
    for i, (heading, texts) in enumerate(run.sections):
        if heading == line.text:
            if i:
                run.sections[i - 1][1].extend(texts)
                del run.sections[i]
            else:
                run.sections[0] = (None, texts)
            return


def swap_crossed_headlines(page: Page) -> list[tuple[HeadGroup, float, float]]:
    """Headlines that went to each other's stories change places: two headed stories whose
    headlines share ``swap_margin`` more of their words (summed over both) with each other's
    story than with their own, and each at least ``min_rescue_overlap`` with its new story. A
    PDF tool reading columns across puts a headline over the wrong column's text; the words say
    which story it heads. The largest gain goes first. Returns each moved headline with its
    share of words in its old and its new story, for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["长乐街道新建口袋公园，方便居民休闲。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])])
    >>> a.headline = HeadGroup([(Role.TITLE, Line(1, "", "安平县整治城乡环境"))])
    >>> b.headline = HeadGroup([(Role.TITLE, Line(5, "", "长乐街道新建口袋公园"))])
    >>> [(h.text, old, new) for h, old, new in swap_crossed_headlines(Page([a, b], [], [], []))]
    [('安平县整治城乡环境', 0.0, 0.75), ('长乐街道新建口袋公园', 0.0, 1.0)]
    >>> a.headline.text, b.headline.text
    ('长乐街道新建口袋公园', '安平县整治城乡环境')
    """
    runs = [x for x in page.items if isinstance(x, TextRun) and x.headline is not None
            and not x.absorbed and x.has_body]
    moved: list[tuple[HeadGroup, float, float]] = []
    while True:
        best: tuple[float, TextRun, TextRun] | None = None
        for i, one in enumerate(runs):
            for other in runs[i + 1:]:
                assert one.headline is not None and other.headline is not None
                crossed = (similarity(one.headline, other), similarity(other.headline, one))
                if min(crossed) < SETTINGS.min_rescue_overlap:
                    continue
                gain = sum(crossed) - similarity(one.headline, one) - similarity(other.headline, other)
                if gain >= SETTINGS.swap_margin and (best is None or gain > best[0]):
                    best = (gain, one, other)
        if best is None:
            return moved
        _, one, other = best
        assert one.headline is not None and other.headline is not None
        for head, old, new in ((one.headline, one, other), (other.headline, other, one)):
            moved.append((head, round(similarity(head, old), 2), round(similarity(head, new), 2)))
        one.headline, other.headline = other.headline, one.headline


def stacked_headlines(page: Page) -> list[tuple[Line, float, float]]:
    """Two headlines a PDF tool printed one over the other (PyMuPDF draws a page's display type
    together), read as one title of two lines or up to ``stacked_headline_lines`` (parted into
    its upper and lower lines): when the story under them uses under ``max_stacked_share`` of
    one part's words and ``min_far_split_overlap`` of the other's, no word runs across the
    break, and another story uses ``min_far_split_overlap`` of the first part's words, that
    part is a headline of its own, left over for ``rehome_orphans`` and the later passes to
    place. Only when one parting fits. Returns the lines parted off with the shares of their
    words their story and the other story use, for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["9月22日，米河镇召开创文工作推进会。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["7月19日，市委书记刘军伟深入一线调研督导防汛工作。"])])
    >>> parts = [Line(1, "", "米河镇召开创文工作推进会"), Line(2, "", "市委书记刘军伟深入一线调研督导防汛工作")]
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([a, b], [], [], [])
    >>> [(x.text, own, other) for x, own, other in stacked_headlines(page)], b.headline.text
    ([('米河镇召开创文工作推进会', 0.09, 1.0)], '市委书记刘军伟深入一线调研督导防汛工作')
    >>> [h.text for h in page.orphans], page.leftovers
    (['米河镇召开创文工作推进会'], ['米河镇召开创文工作推进会'])

    A lower line parts only from a story whose own headline fits it worse:

    >>> a.headline = HeadGroup([(Role.TITLE, Line(3, "", "米河镇召开创文工作推进会"))])
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in reversed(parts)])
    >>> stacked_headlines(Page([a, b], [], [], []))
    []

    Three lines: the upper headline on one line, the lower one wrapped on two (新媒体采风团… /
    “减”不文明行为 / 整治“脏乱差”现象):

    >>> a.headline = None
    >>> parts = [Line(1, "", "米河镇召开创文工作推进会"), Line(2, "", "市委书记刘军伟深入一线"), Line(3, "", "调研督导防汛工作")]
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> [x.text for x, _, _ in stacked_headlines(Page([a, b], [], [], []))], b.headline.text
    (['米河镇召开创文工作推进会'], '市委书记刘军伟深入一线调研督导防汛工作')
    """
    floor = SETTINGS.min_far_split_overlap
    runs = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    parted: list[tuple[Line, float, float]] = []
    for run in runs:
        head = run.headline
        if head is None or len(head.parts) < 2 or any(role is not Role.TITLE for role, _ in head.parts):
            continue
        if len(head.parts) > SETTINGS.stacked_headline_lines:
            continue
        fits: list[tuple[int, int, float, float]] = []
        for m in range(1, len(head.parts)):
            upper, lower = HeadGroup(head.parts[:m]), HeadGroup(head.parts[m:])
            if min(cjk_count(upper.text), cjk_count(lower.text)) < SETTINGS.title_chars[0] \
                    or spans_a_word(head.parts[m - 1][1].text, head.parts[m][1].text):
                continue
            for apart in (0, 1):  # either part may be the other story's
                lone, stays = (upper, lower) if apart == 0 else (lower, upper)
                own = similarity(lone, run)
                if own >= SETTINGS.max_stacked_share or similarity(stays, run) < floor:
                    continue
                other, there = max(((similarity(lone, x), x) for x in runs if x is not run),
                                   key=lambda pair: pair[0], default=(0.0, None))
                if other < floor or there is None:
                    continue
                # a lower line may be its headline's second phrase (大评比 / 乡村振兴展风采, which
                # another story's campaign words share): only a story its own headline fits worse
                if apart and there.headline is not None and similarity(there.headline, there) >= other:
                    continue
                fits.append((m, apart, own, other))
        if len(fits) != 1:  # two partings fit: which lines are whose is unsure
            continue
        m, apart, own, other = fits[0]
        lone_parts = head.parts[:m] if apart == 0 else head.parts[m:]
        run.headline = HeadGroup(head.parts[m:] if apart == 0 else head.parts[:m])
        page.orphans.append(HeadGroup(lone_parts))
        for _, line in lone_parts:
            page.leftovers.append(line.text)
            parted.append((line, round(own, 2), round(other, 2)))
    return parted


def rehome_orphans(page: Page, confidence: dict[int, float] | None = None) -> list[tuple[HeadGroup, float, float]]:
    """A headline left over heads the story that shares ``swap_margin`` more of its words with
    it than with the headline it has (and at least ``min_rescue_overlap``); only
    ``unsure_swap_margin`` more when the model read every line of the headline it has with
    less than ``unsure_confidence`` (a slogan over the story, 创建文明城市 共建美好家园, shares
    the campaign's words with it: 营口市站前区：“微更新”… printed at the page's foot shares
    more). That headline then
    heads the untitled story that shares the most of its words (at least ``min_rescue_overlap``),
    else is left over in turn. A PDF tool draws a headline after the bodies, and the story it
    heads took the headline above it, the next story's. Returns each moved headline with its
    share of words in its old and its new story (0 for none), for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["长乐街道新建口袋公园，方便居民休闲。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])])
    >>> a.headline = HeadGroup([(Role.TITLE, Line(1, "", "安平县整治城乡环境"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "长乐街道新建口袋公园"))])
    >>> page = Page([a, b, lone], [], [], ["长乐街道新建口袋公园"], orphans=[lone])
    >>> [(h.text, old, new) for h, old, new in rehome_orphans(page)]
    [('长乐街道新建口袋公园', 0.0, 1.0), ('安平县整治城乡环境', 0.0, 0.75)]
    >>> a.headline.text, b.headline.text, page.leftovers
    ('长乐街道新建口袋公园', '安平县整治城乡环境', [])

    A headline read unsure gives way to a left-over one that shares a little more:

    >>> a.headline = HeadGroup([(Role.TITLE, Line(1, "", "新建公园 方便居民"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "长乐街道新建口袋公园"))])
    >>> page = Page([a, lone], [], [], ["长乐街道新建口袋公园"], orphans=[lone])
    >>> [h.text for h, _, _ in rehome_orphans(page, {1: 0.9})]
    []
    >>> [h.text for h, _, _ in rehome_orphans(page, {1: 0.4})]
    ['长乐街道新建口袋公园']
    """
    moved: list[tuple[HeadGroup, float, float]] = []
    runs = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    for lone in list(page.orphans):
        best: tuple[float, TextRun] | None = None
        for run in runs:
            if run.headline is None:
                continue
            share = similarity(lone, run)
            gain = share - similarity(run.headline, run)
            unsure = confidence is not None and all(
                confidence.get(line.number, 1.0) < SETTINGS.unsure_confidence for _, line in run.headline.parts)
            margin = SETTINGS.unsure_swap_margin if unsure else SETTINGS.swap_margin
            if share >= SETTINGS.min_rescue_overlap and gain >= margin and (
                    best is None or gain > best[0]):
                best = (gain, run)
        if best is None:
            continue
        run = best[1]
        old = run.headline
        assert old is not None
        moved.append((lone, 0.0, round(similarity(lone, run), 2)))
        run.headline = lone
        page.orphans.remove(lone)
        for _, line in lone.parts:
            page.leftovers.remove(line.text)
        untitled = [x for x in runs if x.headline is None]
        home = max(untitled, key=lambda x: similarity(old, x), default=None)
        if home is not None and similarity(old, home) >= SETTINGS.min_rescue_overlap:
            moved.append((old, round(similarity(old, run), 2), round(similarity(old, home), 2)))
            home.headline = old
        else:
            page.orphans.append(old)
            page.leftovers.extend(line.text for _, line in old.parts)
    return moved


def last_headlines(page: Page) -> list[tuple[HeadGroup, float]]:
    """Stories still without a headline take the headlines still left over, best shared words
    first (any share above nothing): each story would otherwise show its first words as its
    title, which is never its title, while a left-over headline is some story's. Returns each
    headline placed with its share of words, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["每年10月中旬，当雄县牧民转场到冬季牧场。"])])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "宣讲进牧场 雨露润草原"))])
    >>> page = Page([run, lone], [], [], ["宣讲进牧场 雨露润草原"], orphans=[lone])
    >>> [(h.text, share) for h, share in last_headlines(page)], run.headline is lone, page.leftovers
    ([('宣讲进牧场 雨露润草原', 0.11)], True, [])
    """
    untitled = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body
                and x.headline is None]
    pairs = sorted(((similarity(lone, run), -i, -j, lone, run) for i, lone in enumerate(page.orphans)
                    for j, run in enumerate(untitled)), key=lambda p: p[:3], reverse=True)
    placed: list[tuple[HeadGroup, float]] = []
    for share, _, _, lone, run in pairs:
        if share == 0.0 or run.headline is not None or lone not in page.orphans:
            continue
        run.headline = lone
        page.orphans.remove(lone)
        for _, line in lone.parts:
            page.leftovers.remove(line.text)
        placed.append((lone, round(share, 2)))
    return placed


def _far_title(page: Page, lines: list[Line], run: TextRun, k: int, taken: list[tuple[int, float]],
               share: float) -> None:
    """Line ``k`` heads ``run`` (``far_titles_by_words``), with the set-aside line after it when a
    second print shows the two are one headline (开展十大专项整治行动 助力全国文 / 明城创建)."""
    ks = [k]
    nxt = page.reprinted_pairs.get(k)
    if nxt is not None and nxt in page.aside and lines[nxt].text:
        ks.append(nxt)
    run.headline = HeadGroup([(Role.TITLE, lines[j]) for j in ks], claimed=True)
    for j in ks:
        _take_aside(page, lines[j].text)
        taken.append((j, round(share, 2)))


def far_titles_by_words(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, float]]:
    """Stories still without a headline take a headline-shaped line the model set aside as
    furniture or a caption anywhere on the page, when the story uses ``min_far_title_share`` of
    its words: a PDF tool may print a page's headlines together, at its top or foot, far from
    their stories (PyMuPDF reads display type first), where they look like a masthead. Only a
    line almost wholly the story's words is taken, best share first; no line the furniture rules
    or patterns name. Returns (index, share) of each line taken, for the report.

    >>> from civicnews.rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["9月14日下午，北京平谷区政协首家委员工作站挂牌仪式举行。"])])
    >>> page = Page([run], ["北京平谷区政协首家委员工作站挂牌"], [], [])
    >>> page.aside = {0: Line(1, "", "北京平谷区政协首家委员工作站挂牌")}
    >>> far_titles_by_words(page, [Line(1, "", "北京平谷区政协首家委员工作站挂牌")], load_rules()), run.headline.text
    ([(0, 1.0)], '北京平谷区政协首家委员工作站挂牌')
    """
    untitled = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body
                and x.headline is None]
    if not untitled:
        return []
    candidates = [k for k in sorted(page.aside) if could_be_title(lines[k].text)
                  and not _furniture_shaped(lines[k].text, rules)]
    pairs = sorted(((_shares_with(lines[k].text, run.text), -k, -j, k, run)
                    for k in candidates for j, run in enumerate(untitled)), key=lambda p: p[:3], reverse=True)
    taken: list[tuple[int, float]] = []
    for share, _, _, k, run in pairs:
        if share < SETTINGS.min_far_title_share:
            break
        if run.headline is not None or any(k == t for t, _ in taken):
            continue
        _far_title(page, lines, run, k, taken, share)
    # then a line sharing fewer words (a title that says 总投资45.6亿元 of a story saying 签约总金额
    # 45.6亿元), when no other story on the page uses near as many of them (``far_title_lead``):
    # a slogan shares a campaign's words with every story of that campaign alike
    stories = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    for share, _, _, k, run in pairs:
        if share < SETTINGS.min_rescue_overlap:
            break
        if run.headline is not None or any(k == t for t, _ in taken):
            continue
        others = max((_shares_with(lines[k].text, x.text) for x in stories if x is not run), default=0.0)
        if share < SETTINGS.far_title_lead * others:
            continue
        _far_title(page, lines, run, k, taken, share)
    return taken


# What a story's first sentence holds early on: the day it happened or an opening word, or
# what it opens with: a purpose clause (为确保…) or a quoted voice (“…”).
_STORY_OPENING = re.compile(r"^为|^“|\d{1,2}月\d{1,2}日|\d{1,2}日[上下晚]|近日|日前|连日来|近年来|今年以来|本报讯|讯")


def far_splits(page: Page) -> list[tuple[HeadGroup, str]]:
    """A headline still left over at the end (printed far from its story: a PDF tool reading a
    page's display type last) whose story ran into another story: it cuts the titled story
    where its words begin and the story's own headline's words end (``shared_split_point``, at
    ``min_far_split_overlap``), and heads the tail. The cut must come where a story's opening
    is (a date or 近日 in its first ``far_split_opening_chars`` characters, or 为… or a quote
    first); a kicker alone, a
    headline the story prints word for word (its subhead, a pull quote) or one that could cut
    two stories is left. Returns each headline
    placed with the title of the story it was cut from, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["华阳街道开展文明创建。", "华阳街道成立领导小组。",
    ...                                             "为持续做好保文创卫工作，12月3日，集团组织志愿服务活动。", "集团志愿者清理垃圾。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "华阳街道开展文明创建"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "集团开展保文创卫志愿服务活动"))])
    >>> page = Page([run, lone], [], [], ["集团开展保文创卫志愿服务活动"], orphans=[lone])
    >>> [(h.text, t) for h, t in far_splits(page)], [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ([('集团开展保文创卫志愿服务活动', '华阳街道开展文明创建')], ['华阳街道开展文明创建', '集团开展保文创卫志愿服务活动'])
    """
    placed: list[tuple[HeadGroup, str]] = []
    for lone in list(page.orphans):
        # only a headline the model read as one heads a story's first part: a slogan set aside
        # shares a campaign's words with the opening of the story it is printed over
        title = _place_far(page, lone, before=True)
        if title is None:
            continue
        page.orphans.remove(lone)
        for _, line in lone.parts:
            if line.text in page.leftovers:
                page.leftovers.remove(line.text)
        placed.append((lone, title))
    return placed


def _subtitle_of(head: HeadGroup, lone: HeadGroup, tail: str, aside: Iterable[Line] = ()) -> bool:
    """A left-over headline printed right under a story's headline (no blank line, nothing
    between: no line in ``aside``) is that headline's second part (an undashed subtitle), not a far headline, when
    the part of the story it would cut off still uses ``min_far_split_overlap`` of the
    headline's words: a subtitle's words are its story's, so ``far_splits`` would cut the story
    where they begin. Headlines a PDF tool stacks at a page's foot head stories of their own,
    and the story above's headline shares few words with the part the next one cuts off.

    >>> head = HeadGroup([(Role.TITLE, Line(86, "", "央视报道兴安", lines=(86,)))])
    >>> lone = HeadGroup([(Role.TITLE, Line(87, "", "节目播出后引发热议", lines=(87,)))])
    >>> _subtitle_of(head, lone, "央视报道兴安的节目播出后，引发热议。"), _subtitle_of(head, lone, "节目播出后引发热议。")
    (True, False)
    """
    above, first = head.parts[-1][1], lone.parts[0][1]
    step = min(first.lines or (first.number,)) - max(above.lines or (above.number,))
    return (not first.gap_before and 0 < step <= SETTINGS.subtitle_max_line_step
            and not any(above.number < line.number < first.number for line in aside)
            and _share(head, tail) >= SETTINGS.min_far_split_overlap)


def undashed_subtitles(page: Page) -> list[tuple[Line, str]]:
    """A headline still left over at the end, printed right under a story's headline that has
    no subtitle (``_subtitle_of``), whose words that story uses (``min_rescue_overlap``), is
    that headline's subtitle printed without its dash. Returns its lines and the title they
    join, for the report.

    >>> head = HeadGroup([(Role.TITLE, Line(86, "", "央视报道兴安", lines=(86,)))])
    >>> run = TextRun(fresh=True, sections=[(None, ["央视报道兴安的节目播出后，引发热议。"])], headline=head)
    >>> lone = HeadGroup([(Role.TITLE, Line(87, "", "节目播出后引发热议", lines=(87,)))])
    >>> page = Page([head, run, lone], [], [], ["节目播出后引发热议"], orphans=[lone])
    >>> [(x.text, t) for x, t in undashed_subtitles(page)], [r.name for r, _ in head.parts], page.leftovers
    ([('节目播出后引发热议', '央视报道兴安')], ['TITLE', 'SUBTITLE'], [])
    """
    placed: list[tuple[Line, str]] = []
    for lone in list(page.orphans):
        for run in page.items:
            if (not isinstance(run, TextRun) or run.absorbed or run.headline is None
                    or any(role is Role.SUBTITLE for role, _ in run.headline.parts)
                    or not _subtitle_of(run.headline, lone, run.text, page.aside.values())
                    or similarity(lone, run) < SETTINGS.min_rescue_overlap):
                continue
            title = run.headline.text
            run.headline.parts.extend((Role.SUBTITLE, line) for _, line in lone.parts)
            page.orphans.remove(lone)
            for _, line in lone.parts:
                if line.text in page.leftovers:
                    page.leftovers.remove(line.text)
                placed.append((line, title))
            break
    return placed


def interleaved_title_splits(page: Page) -> list[tuple[Line, str]]:
    """Two headlines side by side whose lines a PDF tool printed one after the other (左题前半 /
    右题前半 / 左题后半, pdftotext and pdfminer with no blank line or word across to tell them,
    so the line stage left them), read as one title of three or more lines over the two
    stories run together: a middle title line whose words the story only uses after a
    paragraph start where a story's opening is (``_far_cut_fits``), while the other lines'
    words are only before it (each side at ``min_far_split_overlap``), is the second story's
    headline, and heads the part after the cut. Only when one middle line can cut. Returns the
    lines moved and the title they left, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["12月20日，吴代彬率队督查文明城市创建工作。", "督查组检查了市场。",
    ...     "12月25日下午，县政协十届二次会议的预备会议召开。", "会议由县政协主席主持。"])])
    >>> parts = [Line(1, "", "吴代彬率队"), Line(2, "", "县政协十届二次会议预备会议"), Line(3, "", "督查文明城市创建工作")]
    >>> run.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([run.headline, run], [], [], [])
    >>> [(x.text, t) for x, t in interleaved_title_splits(page)]
    [('县政协十届二次会议预备会议', '吴代彬率队县政协十届二次会议预备会议督查文明城市创建工作')]
    >>> [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ['吴代彬率队督查文明城市创建工作', '县政协十届二次会议预备会议']
    """
    floor = SETTINGS.min_far_split_overlap
    moved: list[tuple[Line, str]] = []
    for run, lines in list(_cuttable(page)):
        head = run.headline
        if head is None or len(head.parts) < 3 or any(role is not Role.TITLE for role, _ in head.parts):
            continue
        fits: list[tuple[int, int]] = []
        for m in range(1, len(head.parts) - 1):
            lone = HeadGroup([head.parts[m]])
            rest = HeadGroup(head.parts[:m] + head.parts[m + 1:])
            k = shared_split_point(rest, lone, lines, floor)
            if k is None or not _far_cut_fits(lone, lines, k):
                continue
            front, tail = "".join(lines[:k]), "".join(lines[k:])
            if _share(rest, front, tail) >= floor and _share(lone, tail, front) >= floor:
                fits.append((m, k))
        if len(fits) != 1:
            continue
        m, k = fits[0]
        title = head.text
        line = head.parts[m][1]
        piece = cut_run(run, k)
        piece.headline = HeadGroup([head.parts[m]])
        del head.parts[m]
        page.items.insert(page.items.index(run) + 1, piece)
        moved.append((line, title))
    return moved


def _whole_share(head: HeadGroup, text: str, other: str) -> float:
    """The share of the headline's bigrams (its lines read as one, so a word wrapped across
    two lines counts) that ``text`` uses and ``other`` does not."""
    grams = bigrams(head.text)
    return sum(1 for g in grams if g in text and g not in other) / len(grams) if grams else 0.0


def stacked_title_splits(page: Page) -> list[tuple[Line, str]]:
    """Two headlines printed one under the other (荣县人大代表…视察活动 / 教育局召开中小学校 /
    长会议…) read as one title over the two stories run together (pdftotext drops the gap
    between them): the title parts into its first lines and its last where the story under it
    uses the upper lines' words only before a paragraph start where a story's opening is
    (``_STORY_OPENING``) and the lower lines' only after it (each at ``min_far_split_overlap``
    of the whole part's words). Each part must hold ``min_stacked_title_chars`` characters (a
    place's name over its headline is one headline) and the lower one must not be printed word
    for word in the text (a pull quote). Of the partings that fit, the one leaving the most
    words on their sides wins; a tie between two partings leaves the title whole. Returns the lower
    part's first line and the title it left, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["1月31日，县人大代表视察重点项目。", "代表们听取了汇报。",
    ...     "本报讯2月9日，县教育局召开中小学校长会议。", "会议学习了干部大会精神。"])])
    >>> parts = [Line(1, "", "县人大代表视察重点项目"), Line(2, "", "教育局召开中小学校"), Line(3, "", "长会议学习干部大会精神")]
    >>> run.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([run.headline, run], [], [], [])
    >>> [(x.text, t) for x, t in stacked_title_splits(page)]
    [('教育局召开中小学校', '县人大代表视察重点项目教育局召开中小学校长会议学习干部大会精神')]
    >>> [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ['县人大代表视察重点项目', '教育局召开中小学校长会议学习干部大会精神']

    One headline wrapped (its story's first paragraph uses both lines) stays whole:

    >>> run = TextRun(fresh=True, sections=[(None, ["1月31日，县人大代表视察重点项目和中小学校。", "代表们听取了汇报。",
    ...     "近日，县教育局召开会议。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "县人大代表视察重点项目")), (Role.TITLE, Line(2, "", "和中小学校"))])
    >>> stacked_title_splits(Page([run.headline, run], [], [], []))
    []
    """
    floor = SETTINGS.min_far_split_overlap
    moved: list[tuple[Line, str]] = []
    for run, lines in list(_cuttable(page)):
        head = run.headline
        if head is None or len(head.parts) < 2 or any(role is not Role.TITLE for role, _ in head.parts):
            continue
        story = "".join(lines)
        fits: list[tuple[float, int, int]] = []
        for m in range(1, len(head.parts)):
            upper, lower = HeadGroup(head.parts[:m]), HeadGroup(head.parts[m:])
            if min(cjk_count(upper.text), cjk_count(lower.text)) < SETTINGS.min_stacked_title_chars:
                continue
            if lower.text.replace(" ", "") in story:
                continue
            for k in range(1, len(lines)):
                if not (ends_sentence(lines[k - 1])
                        and _STORY_OPENING.search("".join(lines[k:k + 4])[:SETTINGS.far_split_opening_chars])):
                    continue
                front, tail = "".join(lines[:k]), "".join(lines[k:])
                own = (_whole_share(upper, front, tail), _whole_share(lower, tail, front))
                if min(own) >= floor:
                    fits.append((sum(own), m, k))
        best = max((score for score, _, _ in fits), default=None)
        if best is None or len({m for score, m, _ in fits if score == best}) > 1:
            continue  # two partings as good: which lines are whose is unsure
        # of equal cuts the latest: a story's own words come early in it
        m, k = max((m, k) for score, m, k in fits if score == best)
        title = head.text
        piece = cut_run(run, k)
        piece.headline = HeadGroup(head.parts[m:])
        del head.parts[m:]
        page.items.insert(page.items.index(run) + 1, piece)
        moved.append((piece.headline.parts[0][1], title))
    return moved


def _place_far(page: Page, lone: HeadGroup, before: bool = False) -> str | None:
    """Cut the story a far headline cuts (``_far_cut``) and give the headline its part: the
    title of the story cut, for the report, or None when no story can be cut."""
    best = _far_cut(page, lone, before=before)
    if best is None:
        return None
    k, run, first = best
    tail = cut_run(run, k)
    tail.headline, title = lone, run.headline.text
    if first:  # the headline's words come first: it heads the front, the story's the tail
        tail.headline, run.headline = run.headline, lone
    page.items.insert(page.items.index(run) + 1, tail)
    return title


def _cuttable(page: Page) -> Iterator[tuple[TextRun, list[str]]]:
    """The titled stories of one section that a far headline may cut, with their paragraphs."""
    for run in page.items:
        if isinstance(run, TextRun) and not run.absorbed and run.headline is not None and len(run.sections) == 1:
            yield run, run.sections[0][1]


def _far_cut(page: Page, lone: HeadGroup, before: bool = False) -> tuple[int, TextRun, bool] | None:
    """Where a headline printed far from its story cuts a titled story (``far_splits``): the
    paragraph, the story and whether the headline heads the part before the cut (tried when
    ``before`` and no other cut fits: ``_far_cut_before``), when exactly one story can be cut."""
    best: tuple[int, TextRun, bool] | None = None
    for run, lines in _cuttable(page):
        flip = _above_a_story_headed_below(lone, run)
        if flip:  # its story is the run's first: the run's own headline's story comes after
            floor = SETTINGS.min_far_split_overlap
            k = shared_split_point(lone, run.headline, lines, floor)
            # each headline's words on its own side only: a slogan set over a story shares
            # words all through it
            if k is not None and (not _far_cut_fits(run.headline, lines, k)
                                  or _share(lone, "".join(lines[:k]), "".join(lines[k:])) < floor
                                  or _share(run.headline, "".join(lines[k:]), "".join(lines[:k])) < floor):
                k = None
        else:
            k = shared_split_point(run.headline, lone, lines, SETTINGS.min_far_split_overlap)
            if k is not None and (not _far_cut_fits(lone, lines, k)
                                  or _subtitle_of(run.headline, lone, "".join(lines[k:]), page.aside.values())):
                k = None
        if k is not None and best is None:
            best = (k, run, flip)
        elif k is not None:  # two stories it could cut: its story is unsure, leave it
            return None
    if best is not None or not before:
        return best
    front = _far_cut_before(page, lone)
    return None if front is None else (*front, True)


def _above_a_story_headed_below(lone: HeadGroup, run: TextRun) -> bool:
    """The far headline is printed above the run's text and the run's own headline below it
    (its title printed after its body): two stories run together under the first one's
    headline and over the second one's, so the far headline heads the part before the cut.

    >>> run = TextRun(fresh=True, numbers=[10, 11, 60])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(67, "", "乡宁县丰收节将启幕"))])
    >>> _above_a_story_headed_below(HeadGroup([(Role.TITLE, Line(8, "", "村规民约引领"))]), run)
    True
    >>> _above_a_story_headed_below(HeadGroup([(Role.TITLE, Line(80, "", "村规民约引领"))]), run)
    False
    """
    if run.headline is None or not run.numbers:
        return False
    return (max(line.number for _, line in lone.parts) < min(run.numbers)
            and min(line.number for _, line in run.headline.parts) > max(run.numbers))


def _far_cut_fits(lone: HeadGroup, lines: list[str], k: int) -> bool:
    """A cut before ``lines[k]`` can part two stories for the far headline: it is no line the
    story prints word for word (its subhead, a pull quote), holds a title, not a kicker alone,
    and a story's opening (a date, 近日) comes at the cut."""
    return (lone.text.replace(" ", "") not in "".join(lines)
            and any(role is Role.TITLE for role, _ in lone.parts)
            and bool(_STORY_OPENING.search("".join(lines[k:k + 4])[:SETTINGS.far_split_opening_chars])))


def _far_cut_before(page: Page, lone: HeadGroup) -> tuple[int, TextRun] | None:
    """``_far_cut`` the other way round: the far headline's words are in the first part of a
    titled story and that story's own headline's words in the part after. PyMuPDF prints a
    page's display type at its top, where the first story's text takes the headline of the
    story that ran into it, while its own headline is printed at the foot. The far headline
    heads the part before the cut, the story's headline the part after it (``far_splits``).
    Both need ``min_far_before_overlap`` of their words on their side only.

    >>> run = TextRun(fresh=True, sections=[(None, ["一名党员就是一面旗帜。党员用爱心给党庆生。",
    ...     "党员为党旗添上色彩。", "为确保辖区安全，上望街道开展出租房夜查。", "夜查人员检查出租房。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "上望街道开展出租房夜查"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "用爱心为党旗添彩"))])
    >>> _far_cut_before(Page([run, lone], [], [], [], orphans=[lone]), lone)[0]
    2
    """
    best: tuple[int, TextRun] | None = None
    for run, lines in _cuttable(page):
        k = shared_split_point(lone, run.headline, lines, SETTINGS.min_far_before_overlap)
        if k is None or not _far_cut_fits(lone, lines, k):
            continue
        # the far headline's own words must be in the first part, not only the story's
        # headline's in the part after (a slogan shares next to none)
        if _share(lone, "".join(lines[:k]), "".join(lines[k:])) < SETTINGS.min_far_before_overlap:
            continue
        if best is not None:  # two stories it could cut: leave it
            return None
        best = (k, run)
    return best


def far_splits_by_aside(page: Page, lines: list[Line], rules: Rules) -> list[tuple[list[int], str]]:
    """``far_splits`` for headlines the model set aside as furniture (not captions): lines
    printed against each other, none of them named by the furniture rules, that read as one
    headline (PyMuPDF
    prints a page's display type at its top, where it looks like a masthead: 云霄第三季度17个项
    / 目签约 计划总投资 / 44.8亿元 over a page whose second story ran into another). Returns each
    headline's line indices with the title of the story it was cut from, for the report.

    >>> from civicnews.rules import load_rules
    >>> top = [Line(1, "", "云霄第三季度17个项"), Line(2, "", "目签约 计划总投资"), Line(3, "", "44.8亿元")]
    >>> run = TextRun(fresh=True, sections=[(None, ["临江市苇沙河镇开展环境整治。", "苇沙河镇清理垃圾。",
    ...                                             "10月8日，云霄全县第三季度共签约招商项目17个，计划总投资44.8亿元。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(9, "", "临江市苇沙河镇：清洁环境扮靓村镇"))])
    >>> page = Page([run], [x.text for x in top], [], [])
    >>> page.aside = dict(enumerate(top))
    >>> far_splits_by_aside(page, top, load_rules()), [x.headline.text for x in page.items]
    ([([0, 1, 2], '临江市苇沙河镇：清洁环境扮靓村镇')], ['临江市苇沙河镇：清洁环境扮靓村镇', '云霄第三季度17个项目签约 计划总投资44.8亿元'])
    """
    blocks: list[list[int]] = []
    for k in sorted(page.aside):
        # furniture only: a caption under a photo repeats its story's words (a subtitle read
        # as one too), and would cut the story it belongs to
        if not lines[k].text or lines[k].text not in page.furniture or _furniture_shaped(lines[k].text, rules):
            continue
        if blocks and blocks[-1][-1] == k - 1 and touching(lines[k - 1], lines[k]):
            blocks[-1].append(k)
        else:
            blocks.append([k])
    placed: list[tuple[list[int], str]] = []
    for ks in blocks:
        lone = HeadGroup([(Role.TITLE, lines[k]) for k in ks], claimed=True)
        if not could_be_title(lone.text):
            continue
        title = _place_far(page, lone)
        if title is None:
            continue
        for j in ks:
            _take_aside(page, lines[j].text)
        placed.append((ks, title))
    return placed


def titles_above_stories(page: Page, lines: list[Line], rules: Rules) -> list[int]:
    """A story that opens at its first line (a dateline or a START line) and still has no
    headline takes the headline-shaped line printed right above it that the model set aside as
    furniture or a caption, though it shares no word with the story: a figurative headline
    (以练备战 筑牢防线) reads like a slogan, and the story's first clause would stand in for it.
    Lines the furniture rules or patterns name are never taken. Returns their indices."""
    taken: list[int] = []
    for run in page.items:
        if (not isinstance(run, TextRun) or run.headline is not None or run.absorbed
                or not run.has_body or not run.begun):
            continue
        k = _above_credit(run, lines)
        if k >= 0 and k in page.aside and _furniture_shaped(lines[k].text, rules):
            # page furniture set between a headline and its story (本版编辑 朱芳, a slogan under
            # the credit): look past it, and past the credit above it; never past two
            k -= 1
            while k >= 0 and lines[k].text in run.credit_lines:
                k -= 1
        if k < 0 or k not in page.aside or k in taken:
            continue
        ks = _stacked_above(page, lines, k, rules)
        text = " ".join(lines[j].text for j in ks)
        if not could_be_title(text) or any(_furniture_shaped(lines[j].text, rules) for j in ks):
            continue
        run.headline = HeadGroup([(Role.TITLE, lines[j]) for j in ks], claimed=True)
        for j in ks:
            _take_aside(page, lines[j].text)
        taken.extend(ks)
    return taken


def _stacked_above(page: Page, lines: list[Line], k: int, rules: Rules) -> list[int]:
    """Line ``k`` and the set-aside lines printed right on top of it (no blank between) while
    together they are still too short for a headline: a headline of short phrases stacked one
    per line (以练备战 / 筑牢防线) is read line by line as captions or slogans. Stops at a line the
    furniture rules name or one that ends a sentence, so a masthead or a story's last line
    above is never taken. Top to bottom."""
    ks = [k]
    while len(CJK_CHAR.findall("".join(lines[j].text for j in ks))) < SETTINGS.title_chars[0]:
        j = ks[0] - 1
        if (j < 0 or not touching(lines[j], lines[ks[0]]) or j not in page.aside or ends_sentence(lines[j].text)
                or _furniture_shaped(lines[j].text, rules)):
            break
        ks.insert(0, j)
    return ks

# A credit's bracket opens at most this many characters before its line's end (（通讯员 欧阳
# 明: a role word and a few names); more, or a clause mark after it, is a story's text.
MAX_OPEN_CREDIT_CHARS = 12


def _opens_bracket(text: str) -> bool:
    """The text ends inside a bracket it opened just before its end, with no clause after it.

    >>> _opens_bracket("活动取得实效。（作者 周"), _opens_bracket("活动取得实效。（作者 周远钢）")
    (True, False)
    >>> _opens_bracket("活动取得实效。（作者 周普梯村，地处滇黔交界")
    False
    """
    start = max(text.rfind("（"), text.rfind("("))
    tail = text[start + 1:]
    return (start >= 0 and len(tail) <= MAX_OPEN_CREDIT_CHARS
            and not any(mark in tail for mark in "）)，。；,;"))


def _closes_bracket(text: str) -> bool:
    """The text closes a bracket opened before it.

    >>> _closes_bracket("远钢 袁喆）"), _closes_bracket("（记者 何超）")
    (True, False)
    """
    close = max(text.find("）"), text.find(")"))
    opened = [i for i in (text.find("（"), text.find("(")) if i >= 0]
    return close >= 0 and (not opened or min(opened) > close)


def _credit(run: TextRun, sections: list[tuple[str | None, list[str]]], rules: Rules) -> Credit:
    """The story's credit from its credit lines, its first and last paragraph (cut off them, in
    place) and its bylines."""
    printed = list(run.credit_lines)
    bylines = list(run.bylines)
    filled = [paras for _, paras in sections if paras]
    if filled and bylines and _opens_bracket(filled[-1][-1]) and _closes_bracket(bylines[0]):
        filled[-1][-1] += bylines.pop(0)  # （作者 周 / 远钢 袁喆）: one credit broken at the line's end
    if filled and not printed:
        lead, rest = credits.split_lead_credit(filled[0][0], rules)
        if lead:
            printed.append(lead)
            filled[0][0:1] = [rest] if rest else []
    filled = [paras for _, paras in sections if paras]
    if filled and not bylines and credits.is_credit_line(filled[-1][-1]):
        printed.append(filled[-1].pop())  # a byline line the model read as text
    filled = [paras for _, paras in sections if paras]
    if filled:
        rest, trail = credits.split_trailing_credit(filled[-1][-1], rules)
        if trail:
            printed.append(trail)
            filled[-1][-1:] = [rest] if rest else []
    printed += bylines
    credit = Credit(text=" ".join(printed) or None)
    for text in printed:
        part = credits.parse_credit(text, rules)
        credit.dateline = credit.dateline or part.dateline
        for name in part.reporters:
            if name not in credit.roles:
                credit.reporters.append(name)
                credit.roles[name] = part.roles[name]
    return credit


def merge_credit_lines(run: TextRun, rules: Rules) -> None:
    """A credit broken over the lines of a narrow column (本报 / 讯（融媒 / 见习记 / 者郑旭 / 华）日)
    is one credit, even when its bracket closes in the first text line; words after the bracket
    are the story's first words."""
    if not run.credit_lines:
        return
    joined = "".join(run.credit_lines)
    first = next((lines for _, lines in run.sections if lines), None)
    borrowed = ""
    if joined.count("（") + joined.count("(") > joined.count("）") + joined.count(")") and first:
        borrowed = first.pop(0)  # the bracket closes in the text's first line
    if len(run.credit_lines) < 2 and not borrowed:
        return
    credit, rest = credits.split_lead_credit(joined + borrowed, rules)
    if credit is None:
        if borrowed and first is not None:
            first.insert(0, borrowed)
        return
    run.credit_lines = [credit]
    if rest:
        if first is None:
            run.sections[0][1].append(rest)
        else:
            first.insert(0, rest)


def credits_closing_stories(page: Page, rules: Rules) -> list[int]:
    """An untitled run that is nothing but a credit in brackets (（通讯员 / 刘正浩）, its first line
    read as a story's first line) closes the story before it: its lines go on that story's
    last paragraph, where the credit is read as a trailing one. A story of no text never
    reaches the portal. Returns the line numbers moved, for the report.

    >>> from .rules import load_rules
    >>> story = TextRun(fresh=True, sections=[(None, ["为全镇人民提供坚强的安全保障。"])])
    >>> credit = TextRun(fresh=True, sections=[(None, ["（通讯员", "刘正浩）"])], numbers=[7, 8])
    >>> page = Page([story, credit], [], [], [])
    >>> credits_closing_stories(page, load_rules()), story.text, credit.absorbed
    ([7, 8], '为全镇人民提供坚强的安全保障。（通讯员刘正浩）', True)
    """
    out: list[int] = []
    before: TextRun | None = None
    for run in page.items:
        if not isinstance(run, TextRun) or run.absorbed:
            continue
        if (before is not None and run.headline is None and run.has_body and not run.bylines
                and len(run.sections) == 1 and before.has_body and not before.closed):
            rest, credit = credits.split_trailing_credit("".join([*run.credit_lines, run.text]), rules)
            if credit is not None and not rest.strip() and (credit.startswith(("（", "(")) or ends_sentence(before.text)):
                last = next(lines for _, lines in reversed(before.sections) if lines)
                last.extend([*run.credit_lines, *run.sections[0][1]])
                before.numbers.extend(run.numbers)
                run.absorbed = True
                out.extend(run.numbers)
                continue
        before = run
    return out


def build_article(run: TextRun, order: int, info: PageInfo, rules: Rules) -> Article:
    """One story: its headline parts, sections of rejoined paragraphs, and its credit."""
    merge_credit_lines(run, rules)
    sections = [(head, rejoin_paragraphs(lines)) for head, lines in run.sections]
    credit = _credit(run, sections, rules)  # before the quotes: a credit's spaces part its names
    sections = [(head, [restore_lost_quotes(p) for p in paras]) for head, paras in sections]
    parts = run.headline.parts if run.headline else []
    numbers = sorted({*run.numbers, *(n for _, line in parts for n in line.lines)})
    return Article(
        source=info, order=order, headline=compose_headline([(r, line.text) for r, line in parts]),
        sections=[Section(h, p) for h, p in sections if h or p],
        credit=credit, continued_to=run.continued_to, lines=numbers,
    )


def assign_captions(articles: list[Article], captions: list[tuple[str, int]], owners: list[int]) -> None:
    """Each photo caption goes to the story whose text it shares most words with, else to the
    story printed before it."""
    if not articles:
        return
    texts = [a.text for a in articles]
    for text, before in captions:
        grams = bigrams(text)
        scores = [sum(1 for g in grams if g in t) for t in texts]
        near = max((k for k, item in enumerate(owners) if item < before), default=0)
        best = max(range(len(articles)), key=lambda k: (scores[k], k == near))
        articles[best if scores[best] else near].captions.append(text)


def unsure_reasons(articles: list[Article], leftovers: list[str], roles: list[LineRole]) -> list[str]:
    """Reasons an editor should look at this page: untitled or short stories, leftovers, and
    headline lines the model was not sure of."""
    reasons: list[str] = []
    for a in articles:
        if a.headline is None:
            reasons.append(f"story {a.order + 1} has no headline")
        chars = cjk_count(a.text)
        if chars < SETTINGS.min_body_chars:
            reasons.append(f"story {a.order + 1} has only {chars} characters of text")
    doubtful = [r for r in roles if r.role in (*HEAD_ROLES, Role.FURNITURE, Role.START, Role.CREDIT)
                and r.confidence < SETTINGS.unsure_confidence]
    for r in doubtful:
        reasons.append(f"line {r.number} read as {r.role} with confidence {r.confidence:.2f}: {r.text[:20]}")
    if leftovers:
        reasons.append(f"{len(leftovers)} leftover lines")
    if not articles:
        reasons.append("no story found")
    return reasons


def _reread_decision(decision: Decision, role: Role, why: str, continues: bool = False) -> Decision:
    """The decision a pass makes of a line the model read otherwise, saying what it was read as
    and why (the report's evidence)."""
    return Decision(role, decision.confidence, (f"read as {decision.role}; {why}",), continues)


def _reread(roles: list[LineRole], k: int, role: Role, why: str) -> None:
    """Give line k the role a pass found, its evidence what it was read as and why."""
    old = roles[k]
    roles[k] = LineRole(old.number, old.text, role, old.confidence, (f"read as {old.role}; {why}",))


def _annotate(roles: list[LineRole], k: int, why: str) -> None:
    """Add a pass's reason to line k's evidence, its role kept."""
    old = roles[k]
    roles[k] = LineRole(old.number, old.text, old.role, old.confidence, (*old.evidence, why))


def assemble_page(lines: list[Line], decisions: list[Decision], info: PageInfo, rules: Rules) -> PageResult:
    """Cut a page's labelled lines into stories, furniture and leftovers."""
    decisions = list(decisions)
    for k, role in credits_as_bylines(lines, decisions, rules).items():
        decisions[k] = _reread_decision(decisions[k], role, (
            "only role words and names: a credit"))
    for k in subheads_over_credits(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "right above a credit that opens a story: its title"))
    for k in titles_ending_sentences(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.BODY, (
            "ends on a full stop: a sentence, no headline"))
    for k, (role, first) in credits_read_as_starts(lines, decisions, rules).items():
        decisions[k] = Decision(role, decisions[k].confidence, (
            f"read as {decisions[k].role}; only role words and names: "
            + ("a credit under its headline" if role is Role.CREDIT else "the byline of the story before"),))
        if first is not None:
            decisions[first] = _reread_decision(decisions[first], Role.START, (
                "the first line after a credit line"))
    for k in leads_after_credits(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens like a story, after a credit that closes the story"
            " before"))
    for k in leads_at_new_measures(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens like a story after a finished sentence, where the"
            " text changes measure"))
    for k in leads_after_bracket_labels(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.KICKER, (
            "a bracketed label alone after a finished sentence, over a"
            " line that opens a story: that story's kicker"))
        decisions[k + 1] = _reread_decision(decisions[k + 1], Role.START, (
            "opens like a story, under a bracketed label"))
    for k in datelines_read_as_bylines(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens with a dateline and goes on past it: a story's"
            " first line"))
    for k in datelines_open_stories(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens with a dateline"))
    lifted = openings_read_as_titles(lines, decisions)
    for k in lifted:
        decisions[k] = _reread_decision(decisions[k], Role.START, (
            "opens on a story's first clause or phrase (a day or 近日"
            " and a comma, 为确保…): the story's first line"))
        j = k + 1
        while j < len(lines) and decisions[j].role is Role.TITLE and decisions[j].continues:
            decisions[j] = Decision(Role.BODY, decisions[j].confidence, (
                f"read as {decisions[j].role} going on line {lines[k].number}: that story's text",))
            j += 1
        # the line after goes on their unfinished sentence: no story's first line
        if j < len(lines) and decisions[j].role is Role.START and not ends_sentence(lines[j - 1].text):
            decisions[j] = replace(decisions[j], role=Role.BODY)
    quoted = quoted_titles(lines, decisions, rules)
    for k in sorted(quoted):
        role = quoted[k]
        goes_on = role is Role.KICKER and k - 1 in quoted and quoted[k - 1] is Role.KICKER
        decisions[k] = _reread_decision(decisions[k], role, (
            "a whole quotation under headline lines, above a story's"
            " first line: the title" if role is Role.TITLE else
            "headline lines above a quoted title: its kicker"), goes_on)
    for k in dash_subtitles(lines, decisions):
        decisions[k] = Decision(Role.SUBTITLE, decisions[k].confidence, (
            f"read as {decisions[k].role} going on the title; opens with a dash: a subtitle",),
            not DASH_OPENING.match(lines[k].text))
    dashed = dash_titles(lines, decisions)
    for k in dashed:
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a paragraph of headline length ending on a dash after a"
            " finished sentence: a headline"), k - 1 in dashed)
    coloned = colon_titles(lines, decisions)
    for k in coloned:
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a paragraph of its own opening on a topic and a colon,"
            " its lines ending no sentence: a headline broken at its colon"), k - 1 in coloned)
    for k in title_ends_read_as_leads(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a few characters and no clause under a title line, the"
            " text under it printing them right after the title's end: the title's wrapped end"), True)
        nxt = next(j for j in range(k + 1, len(lines)) if lines[j].text)
        if decisions[nxt].role is Role.BODY:
            decisions[nxt] = replace(decisions[nxt], role=Role.START)
    for k in colon_title_openings(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a topic ending on a colon right over a title line: that"
            " title's opening, broken at its colon"))
        nxt = next(j for j in range(k + 1, len(lines)) if lines[j].text)
        decisions[nxt] = replace(decisions[nxt], continues=True)
    for k, score in titles_between_stories(lines, decisions, rules).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            f"the text after it and before it share a cosine of {score:.2f}"))
    for k, place in titles_naming_new_places(lines, decisions).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            f"opens with {place}, which the text after it names and the"
            " story before it never does"))
    for k in subheads_touching_titles(lines, decisions, rules):
        after_title = k > 0 and decisions[k - 1].role is Role.TITLE and touching(lines[k - 1], lines[k])
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "printed against a title line, no blank between: a piece"
            " of that title"), after_title)
        if not after_title:  # the title line under it goes on from it
            decisions[k + 1] = replace(decisions[k + 1], continues=True)
    for k in titles_after_credits(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "right after a credit that closes a story, no punctuation,"
            " headline-shaped: the next story's title"))
    for k in titles_read_as_leads(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "no headline over it, shaped as one: no clause mark, short"
            " of the measure under it, no word broken with the line under it"))
        decisions[k + 1] = replace(decisions[k + 1], role=Role.START) if decisions[k + 1].role is Role.BODY \
            else decisions[k + 1]
    for k in titles_opened_by_text(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a block's first line printed against the title line under"
            " it: that title's first piece"))
        decisions[k + 1] = replace(decisions[k + 1], continues=True)
    reprints = far_reprints(lines, decisions)
    for k in reprinted_title_ends(decisions, reprints):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "printed again under the title line above it: that"
            " title's end"), True)
    for k, j in reprints.items():
        decisions[k] = _reread_decision(decisions[k], Role.FURNITURE, (
            f"a second print of line {lines[j].number}"))
    roles = [LineRole(line.number, line.text, d.role, d.confidence, d.evidence)
             for line, d in zip(lines, decisions, strict=True)]
    page = group_items(lines, decisions, rules)
    page.reprinted_pairs = {j: j + 1 for k, j in reprints.items() if reprints.get(k + 1) == j + 1}
    page.lifted_openings = {lines[k].number for k in lifted}
    index = {line.number: k for k, line in enumerate(lines)}
    for line in headings_over_stories(page):
        _reread(roles, index[line.number], Role.TITLE, (
            "no text under it, right above a story's first line"))
    for line in demote_sentence_pieces(page):
        _reread(roles, index[line.number], Role.BODY, (
            "the text after it goes on its sentence"))
    for number in short_leads(page, lines):
        if (k := index.get(number)) is not None:
            roles[k] = LineRole(number, roles[k].text, Role.BODY, roles[k].confidence, (
                *roles[k].evidence, "a short untitled sentence printed against the story after it:"
                " that story's first words"))
    for number, own_first, own_second in split_shared_groups(page):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"a second headline: the lines before it share {own_first:.2f} of their"
            f" words with the story before, it {own_second:.2f} with the story after"))
    for number, own_first, own_second in split_late_pairs(page, rules):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"a second late headline: the lines before it share {own_first:.2f} of"
            f" their words with the text before a paragraph, it {own_second:.2f} with the text after"))
    for line in pair_headlines(page):
        _reread(roles, index[line.number], Role.CAPTION, (
            "a whole clause of its story, and a headline printed apart shares"
            " the story's words: a pull quote"))
    confidence = {line.number: d.confidence for line, d in zip(lines, decisions, strict=True)}
    for line, why in drop_stray_title_tails(page, confidence, rules):
        old = roles[index[line.number]]
        roles[index[line.number]] = LineRole(old.number, old.text, Role.FURNITURE, old.confidence, (
            f"read as {old.role} at {old.confidence:.2f}; {why}",))
    for k in title_tails(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            "right under the title, and its story uses its words: the title's end"))
    for line in place_kickers(page, rules):
        _reread(roles, index[line.number], Role.TITLE, (
            "only a place's name, or a number running on: the title's first line"))
    for line, own, rest in kickers_by_words(page, rules):
        _reread(roles, index[line.number], Role.KICKER, (
            f"its story uses {own:.2f} of its words, the title under it"
            f" {rest:.2f}: a kicker"))
    for kicker_lines, own, rest in phrase_list_kickers(page):
        for line in kicker_lines:
            _reread(roles, index[line.number], Role.KICKER, (
                "a list of phrases over a title without one: its story uses"
                f" {own:.2f} of their words, the title's {rest:.2f}: a kicker"))
    for line in slogan_kickers(page, rules):
        _reread(roles, index[line.number], Role.FURNITURE, (
            "the furniture rules name it: a slogan or label above the headline"))
    for line, old_lines, share in titles_by_words(page, lines, confidence):
        k = index[line.number]
        roles[k] = LineRole(line.number, line.text, Role.TITLE, roles[k].confidence, (
            f"read as {roles[k].role}; shares {share:.2f} of its words with its story, its"
            " headline's title almost none",))
        for x in old_lines:
            k = index[x.number]
            roles[k] = LineRole(x.number, x.text, Role.FURNITURE, roles[k].confidence, (
                f"read as {roles[k].role}; its story uses almost none of its words, line"
                f" {line.number} many",))
    split_resumed(page)
    for head, numbers in stories_without_text(page):
        for number in (n for n in numbers if n in index):  # a merged line's other numbers: none
            _reread(roles, index[number], Role.FURNITURE, (
                f"under the headline 「{head.text}」, too short for a story and"
                " no mark of prose: not its text"))
    for head, _ in tails_read_as_stories(page):
        for _, line in head.parts:
            k = index[line.number]
            roles[k] = LineRole(line.number, line.text, Role.BODY, roles[k].confidence, (
                f"read as {roles[k].role}; the few words under it go on its sentence: the last"
                " sentence of the story before, not a headline",))
    demoted = demote_subheads(page, rules)
    heads = [x.headline for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.headline]
    for line, score in demoted:
        old = roles[index[line.number]]
        kept = any(x.parts[0][1] is line for x in heads)
        roles[index[line.number]] = LineRole(old.number, old.text, old.role if kept else Role.SUBHEAD, old.confidence, (
            f"read as {old.role}; the text after it goes on the story before it (cosine {score:.2f})"
            + (", the page's first story, untitled: its title" if kept else ""),))
    for number, share in leads_of_later_stories(page):
        if number in index:
            old = roles[index[number]]
            roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
                *old.evidence, f"an untitled story that shares {share:.2f} of the smaller one's words"
                " with the story after it, whose headline is printed after its text: that story's lead"))
    for number, own, share in headed_resumes(page):
        if number in index:
            old = roles[index[number]]
            roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
                *old.evidence, f"begins no story, and its headline (printed after it) shares {own:.2f}"
                f" of its words with it and {share:.2f} with the untitled story before: goes on that"
                " story, which takes the headline"))
    for number, share in join_continuations(page, rules):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"opens no headline's story: shares {share:.2f} of the smaller one's words"
            " with the story before it, which nothing closed: goes on that story"))
    for ks, score in rescue_titles(page, lines, rules):
        for k in ks:
            old = roles[k]
            roles[k] = LineRole(old.number, old.text, Role.TITLE, old.confidence,
                                (f"rescued from {old.role}: shares {score:.2f} of its words with its story",))
    if SETTINGS.titles_above_stories:
        for k in titles_above_stories(page, lines, rules):
            _reread(roles, k, Role.TITLE, (
                "headline-shaped, right above a story that opens there and has"
                " no headline"))
    for line, own, other in stacked_headlines(page):
        k = index[line.number]
        _annotate(roles, k, (
            f"printed over another headline: the story under both uses {own:.2f}"
            f" of its words, another story {other:.2f}: a headline of its own"))
    for head, old_share, new_share in rehome_orphans(page, confidence):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"left over, it heads the story that uses {new_share:.2f} of its"
                f" words, not the one it was by ({old_share:.2f})"))
    for head, old_share, new_share in swap_crossed_headlines(page):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"heads the story that uses {new_share:.2f} of its words, not"
                f" the one printed by it ({old_share:.2f})"))
    for head, share in last_headlines(page):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"left over, it heads the untitled story that uses {share:.2f} of"
                " its words (the best left)"))
    for line, title in stacked_title_splits(page):
        k = index[line.number]
        _annotate(roles, k, (
            f"the lower part of the title 「{title}」: its story uses these lines'"
            " words only after a story's opening, the lines above only before it: a headline of its own"))
    for line, title in interleaved_title_splits(page):
        k = index[line.number]
        _annotate(roles, k, (
            f"printed inside the title 「{title}」, its words only after a story's"
            " opening in the text under it, the other lines' only before: the headline of that part"))
    for head, cut_from in far_splits(page):
        for _, line in head.parts:
            k = index[line.number]
            _annotate(roles, k, (
                f"left over, it heads the part of 「{cut_from}」 that uses its"
                " words, cut off where they begin"))
    for ks, cut_from in far_splits_by_aside(page, lines, rules):
        for k in ks:
            _reread(roles, k, Role.TITLE, (
                f"heads the part of 「{cut_from}」 that uses its words, cut off"
                " where they begin: a headline printed away from its story"))
    for k, share in far_titles_by_words(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"its untitled story uses {share:.2f} of its words: that story's"
            " title, printed away from it"))
    for line, title in doubled_title_ends(page):
        k = index[line.number]
        roles[k] = LineRole(line.number, line.text, Role.TITLE, roles[k].confidence, (
            f"read as {roles[k].role} in the headline after; printed twice as the title line 「{title}」"
            " over it is, and its story prints it right after that line: that title's wrapped end",))
    for k, title in far_title_heads(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"a box a word runs from into the title 「{title}」, its story"
            " printing that word: that title's first line, printed apart"))
    for k, title in far_title_tails(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"a short box its story prints right after the title 「{title}」:"
            " that title's wrapped end, printed apart"))
    for line, title in undashed_subtitles(page):
        k = index[line.number]
        roles[k] = LineRole(line.number, line.text, Role.SUBTITLE, roles[k].confidence, (
            *roles[k].evidence, f"left over, printed right under the title 「{title}」, its words"
            " that story's as the title's are: that title's subtitle"))
    for number, share in resumes_after_insets(page, rules):
        if (k := index.get(number)) is not None:
            roles[k] = LineRole(number, roles[k].text, roles[k].role, roles[k].confidence, (
                *roles[k].evidence, f"no headline's story: the story before it is closed by its credit,"
                f" and it shares {share:.2f} of its words with the unclosed story before that: goes on it"))
    for number in credits_closing_stories(page, rules):
        if (k := index.get(number)) is None:
            continue  # a line's second print, folded into it
        roles[k] = LineRole(number, roles[k].text, Role.CREDIT, roles[k].confidence, (
            f"read as {roles[k].role}; a credit alone, untitled: it closes the story before",))
    runs = [(k, x) for k, x in enumerate(page.items) if isinstance(x, TextRun) and not x.absorbed]
    articles: list[Article] = []
    owners: list[int] = []
    for k, run in runs:
        if not run.has_body and run.headline is None:
            page.leftovers.extend([*run.credit_lines, *run.bylines, *(h for h, _ in run.sections if h)])
            continue
        article = build_article(run, len(articles), info, rules)
        if not article.paragraphs and not (article.headline and article.headline.title):
            # nothing a reader could read (a credit alone): the editor sees it, the portal not
            page.leftovers.extend(t for t in (article.credit.text, *article.subheads) if t)
            continue
        articles.append(article)
        owners.append(k)
    assign_captions(articles, page.captions, owners)
    if not articles:  # no story to carry the page's photo captions: the editor sees them
        page.leftovers.extend(text for text, _ in page.captions)
    # a headline printed twice in one line: its second print is furniture (the cleaners cut it)
    furniture = page.furniture + [line.second_print or line.text for line in lines if line.doubled]
    return PageResult(info=info, articles=articles, furniture=furniture, leftovers=page.leftovers,
                      unsure=unsure_reasons(articles, page.leftovers, roles), line_roles=roles)
