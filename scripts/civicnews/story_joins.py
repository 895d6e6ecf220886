"""Story joins: which runs go on an earlier story rather than begin one.

In the order they run:
1. ``tails_read_as_stories``: a title alone over a few words that go on its sentence is the last
   sentence of the story before, not a headline;
2. ``demote_subheads``: a lone title between two parts of one story (no credit after it, the
   text after it sharing the words of the text before it) is that story's subhead;
3. ``leads_of_later_stories``: an untitled story right before a story whose headline is printed
   after its text is that story's lead when they share words;
4. ``pull_quotes_over_headlines``: an untitled run that is one quotation signed with a dash
   and a name (“……。”——朱长林), printed right over a headline, is a pull quote of the story
   under that headline, not a story of its own;
5. ``headed_resumes``: a run that begins no story but took a headline printed after it goes on
   the untitled story before that uses more of the headline's words;
6. ``join_continuations``: a run that is no story's beginning goes on the earlier story whose
   text it shares most words with (a long story resumed after a brief inside it), a story its
   byline closed included when the run is that story's last lines printed after the credit
   (``goes_on_after_byline``);
7. ``blocks_of_other_measure``: a block of a run's lines set to another measure than its
   opening lines is another story's column box printed inside it (pdfminer): it goes on the
   story set to that measure whose words it shares;
8. ``pieces_read_as_stories`` (after the title rescues): an untitled "story" of a few characters
   is a headline's last line read as text, or the end of the story before's broken sentence;
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from . import credits
from .features import bigrams, opens_story, spans_a_word
from .headline import goes_on_before
from .line_shapes import _TAIL_OPENERS, MEASURE_MIN_EM, new_place
from .lines import fold_radicals
from .model import Line, Role
from .page_items import (
    HeadGroup,
    Page,
    TextRun,
    _opens_a_sentence,
    containment,
    cosine,
    similarity,
)
from .paragraphs import em_width, ends_sentence
from .patterns import cjk_count
from .rules import Rules
from .settings import SETTINGS


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
    ...     text = "盐城三县城八乡镇入选省级卫生县城"
    ...     head = HeadGroup([(Role.TITLE, Line(2, text, text))])
    ...     before = TextRun(fresh=True, sections=[(None, ["省级卫生县城每3年复审考核一次，盐城三县城八乡镇入选。"])])
    ...     run = TextRun(fresh=True, headline=head, sections=[(None, [first])])
    ...     return Page(items=[before, head, run], furniture=[], captions=[], leftovers=[])
    >>> [line.text for line, _ in demote_subheads(page("盐城三县城八乡镇入选省级卫生县城，复审考核一次。"), load_rules())]
    ['盐城三县城八乡镇入选省级卫生县城']
    >>> demote_subheads(page("本报讯（记者 张勇）盐城三县城八乡镇入选省级卫生县城，复审考核一次。"), load_rules())
    []

    The page's first story, untitled, takes the title as its own (its lead printed over it,
    ``lead_takes_late_title``); a story with a headline takes it as a subhead.

    >>> p = page("盐城三县城八乡镇入选省级卫生县城，复审考核一次。")
    >>> _ = demote_subheads(p, load_rules()); p.items[0].headline is p.items[1], p.items[0].sections[-1][0]
    (True, None)
    >>> p = page("盐城三县城八乡镇入选省级卫生县城，复审考核一次。")
    >>> p.items[0].headline = HeadGroup([(Role.TITLE, Line(0, "", "省级卫生县城复审"))])
    >>> _ = demote_subheads(p, load_rules()); p.items[0].sections[-1][0]
    '盐城三县城八乡镇入选省级卫生县城'
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
        # later paragraph of the run (作为联系居民最近的 / …。作为联系居民最近的“第一窗口”，…): a
        # subhead or pull quote of the story, which went on under it
        # … nor when the title opens on a joining word (对创国卫工作提出要求): no headline does,
        # a section heading that goes on its story's sentence may
        opens = run.begun and opens_story(first) and not _opens_a_sentence(
            head.parts[0][1].text, run.text[len(first):]) and not goes_on_before(head.parts[0][1].text)
        if score < (SETTINGS.min_begun_subhead_similarity if opens else SETTINGS.min_subhead_similarity):
            continue
        (_, line), = head.parts
        first_head, first_lines = run.sections[0]
        if SETTINGS.lead_takes_late_title and before.headline is None and not any(
                isinstance(x, HeadGroup) for x in items[:k - 1]):
            # the page's first story, untitled, its lead printed over the title: the title is
            # its own (通海县坚持… / 通海推进农村污水治理 / “‘污水治理’是…)
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
    one or two characters (华、王芳参加督办。), or with a word running on from ``before``.

    >>> _sentence_tail("华、王芳参加督办。", "市领导周立新、李强、张建"), _sentence_tail("的服务网络。", "")
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
    words go on the title's sentence (``_sentence_tail``: 市领导周立新、李强、张建 / 华、王芳参加督办。)
    is the last sentence of the story before it, broken where a PDF tool broke it: the title's
    lines and the words go on that story. Returns each dissolved headline and the story it went
    on, for the report.

    >>> before = TextRun(fresh=True, sections=[(None, ["加快推进项目建设。"])])
    >>> run = TextRun(fresh=True, sections=[(None, ["华、王芳参加督办。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(9, "", "市领导周立新、李强、张建", lines=(9,)))])
    >>> page = Page([before, run.headline, run], [], [], [])
    >>> [h.text for h, _ in tails_read_as_stories(page)], before.text, run.absorbed
    (['市领导周立新、李强、张建'], '加快推进项目建设。市领导周立新、李强、张建华、王芳参加督办。', True)
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

    >>> lead = TextRun(fresh=True, sections=[(None, ["长春市绿园区委书记检查村庄清洁行动和乡村振兴项目。"])])
    >>> other = TextRun(fresh=True, sections=[(None, ["宝清县召开秸秆禁烧会议。"])], closed=True, bylines=["来源：王双"])
    >>> tail = TextRun(fresh=False, sections=[(None, ["在检查乡村振兴项目时，区委书记强调加快项目建设。"])])
    >>> tail.headline = HeadGroup([(Role.TITLE, Line(9, "", "长春绿园：检查村庄清洁行动促乡村振兴建设"))])
    >>> tail.numbers = [29]
    >>> page = Page([lead, other, tail], [], [], [])
    >>> headed_resumes(page), tail.absorbed, lead.headline.text
    ([(29, 0.28, 0.67)], True, '长春绿园：检查村庄清洁行动促乡村振兴建设')
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
        host.take(run)
        host.closed = run.closed
    return out


def leads_of_later_stories(page: Page) -> list[tuple[int, float]]:
    """An untitled, unclosed story right before a story whose headline is printed after its
    text is that story's lead when the two share ``min_untitled_join_similarity`` of the smaller
    one's words (``containment``): PyMuPDF prints a headline at the page's foot, and a photo
    caption between a story's first paragraph and the rest cuts it in two, the headline going
    with the second part. The lead goes before the story's text. Returns the first line number
    of each lead joined and the share, for the report.

    >>> lead = TextRun(fresh=True, sections=[(None, ["“没想到中午也能办手续，”李女士说。"])], numbers=[5])
    >>> rest = TextRun(fresh=True, sections=[(None, ["12月1日，李女士赶到政务服务中心办手续，中午也能办。"])],
    ...                numbers=[10])
    >>> rest.headline = HeadGroup([(Role.TITLE, Line(70, "", "午休窗口不关门 便民服务暖人心"))])
    >>> page = Page([lead, rest], [], [], [])
    >>> leads_of_later_stories(page), lead.absorbed, rest.text[:4]
    ([(5, 0.62)], True, '“没想到')
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


# A pull quote: one quotation from its opening mark to its closing one (no closing mark inside;
# ‘’ may nest), ending a sentence, signed on its last line with a dash and a name or a title and
# name (——朱长林, ——开发区党委书记 朱长林).
_PULL_QUOTE = re.compile(r"^\s*“[^”]+”\s*(?:—|-{2,}|－)+\s*[\u4e00-\u9fff·•\s]{2,16}$")


def _signed_quote(text: str) -> bool:
    """The text is one quotation signed with a dash and a name: a pull quote, which no story is
    made of alone (a story's quotations sit among its own sentences, and it signs with a credit).

    >>> _signed_quote("“创卫是最大的民生工程，全力以赴。”———李明"), _signed_quote("“环境好了。”李明说，创卫要长效。")
    (True, False)
    >>> _signed_quote("“要保洁”，“要宣传”。——李明"), _signed_quote("“要保洁，要宣传”——李明")
    (False, False)
    """
    if not _PULL_QUOTE.match(text):
        return False
    return ends_sentence(text[: text.rindex("”") + 1])


def pull_quotes_over_headlines(page: Page) -> list[tuple[int, float]]:
    """An unclosed run with no credit that is one quotation signed with a dash and a name
    (``_signed_quote``), printed right over a headline, is that headline's story's pull quote
    when the two share ``min_untitled_join_similarity`` of the smaller one's words
    (``containment``): papers box a speaker's words above the headline. It goes first in the
    story, as printed, and the story takes the headline when the quote took it (a headline
    echoes the quote's words, and a title printed after its story's text is common). Without this, a story's first line read under the headline (a diagram's
    label, a lead) leaves the quote a story of its own. Returns the first line number of each
    pull quote joined and the share, for the report.

    >>> quote = TextRun(fresh=True, sections=[(None, ["“创卫是最大的民生工程，全力打好创卫攻坚战。”", "———李明"])],
    ...                 numbers=[1, 2])
    >>> head = HeadGroup([(Role.TITLE, Line(3, "", "全力以赴打好创卫攻坚战"))])
    >>> story = TextRun(fresh=True, sections=[(None, ["18日，开发区召开创卫攻坚工作会议，李明说，创卫是民生工程。"])],
    ...                 numbers=[5], headline=head)
    >>> page = Page([quote, head, story], [], [], [])
    >>> pull_quotes_over_headlines(page), quote.absorbed, story.text[:5]
    ([(1, 0.42)], True, '“创卫是最')
    """
    items = page.items
    out: list[tuple[int, float]] = []
    for k in range(len(items) - 2):
        quote, head, run = items[k], items[k + 1], items[k + 2]
        if not (isinstance(quote, TextRun) and isinstance(head, HeadGroup) and isinstance(run, TextRun)
                and not quote.absorbed and not quote.closed and quote.has_body
                and not quote.bylines and not quote.credit_lines and not run.absorbed and run.has_body
                # the headline went with the story under it, or with the quote, whose words it
                # echoes (read as its title printed after its text)
                and {id(quote.headline), id(run.headline)} == {id(None), id(head)}
                and _signed_quote(quote.text)):
            continue
        share = containment(bigrams(quote.text), bigrams(run.text))
        if share < SETTINGS.min_untitled_join_similarity:
            continue
        out.append((quote.numbers[0] if quote.numbers else -1, round(share, 2)))
        quote.headline, run.headline = None, head
        run.sections = [*quote.sections, *run.sections]
        run.numbers = [*quote.numbers, *run.numbers]
        quote.absorbed = True
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


def goes_on_after_byline(run: TextRun, story: TextRun, grams: frozenset[str] | None = None) -> bool:
    """A run that begins no story goes on ``story`` though a closing credit (a byline) ended it:
    a PDF tool that orders a page's text by height prints the credit at a short column's foot
    before the last lines of the story's longer columns. Told by the text alone: the run is
    shorter than the story's text before the credit (``byline_resume_max_size`` of it; the
    credit closes most of its story) and shares ``byline_resume_cosine`` of the story's words,
    or ``byline_resume_min_cosine`` and a word runs from one of the story's last lines into the
    run's first line (the line it goes on).

    >>> story = TextRun(fresh=True, sections=[(None, ["全市88个乡镇扎实推进以“一巩", "固三提升”为重点的环境综",
    ...                                              "乡镇环境整治全面推进，各地"])], closed=True, bylines=["作者 张照"])
    >>> def goes_on(line: str) -> bool:
    ...     return goes_on_after_byline(TextRun(fresh=False, sections=[(None, [line])]), story)

    Its words: the run is that story's. A few shared words and a word across (环境综 / 合整治):
    the same. As few without the word across, or none: a story of its own.

    >>> goes_on("各地乡镇环境整治全面推进，成效明显。"), goes_on("合整治，成效明显，群众满意度高。")
    (True, True)
    >>> goes_on("整治，群众满意度高，成效明显。"), goes_on("春节期间，县图书馆举办读书会。")
    (False, False)
    """
    if len(run.text) > SETTINGS.byline_resume_max_size * len(story.text):
        return False  # more text after the credit than before it: a story of its own
    grams = bigrams(run.text) if grams is None else grams
    share = cosine(grams, bigrams(story.text))
    if share >= SETTINGS.byline_resume_cosine:
        return True
    if share < SETTINGS.byline_resume_min_cosine:
        return False
    first = fold_radicals(next((lines[0] for _, lines in run.sections if lines), "").strip()[:6])
    last = [line for _, lines in story.sections for line in lines][-SETTINGS.byline_resume_lines:]
    return any(spans_a_word(fold_radicals(line.strip()[-6:]), first) for line in last)


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
    ...     return Page(items=[HeadGroup([(Role.TITLE, Line(1, "", "常德书写文明城市答卷"))]), lead, rest],
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
    >>> page.items.insert(2, HeadGroup([(Role.TITLE, Line(5, "", "文明之风吹进街头巷尾"))]))
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
        candidates = [r for r in earlier if not r.absorbed
                      and not (r.closed and r.bylines and not goes_on_after_byline(run, r, grams))]
        if not candidates:
            continue
        host = prev if run.fresh else max(reversed(candidates), key=lambda r: cosine(grams, bigrams(r.text)))
        host.take(run)
        page.leftovers.extend(run.credit_lines)  # a credit inside a story: the editor decides
    return out


# a clause mark: a headline's last line holds none (…如今柏油大路通家门 / “俺村不比城市差！”)
_CLAUSE_MARK = re.compile("[，。；：,;:]")


def _measures(texts: list[str]) -> list[float | None]:
    """Each line's printed width in em, or None for a line that shows no measure: a
    paragraph's last line (short) or one holding a space (a row read across two columns, or
    a justified line spaced out)."""
    return [None if ends_sentence(t) or " " in t.strip() else em_width(t) for t in texts]


def _set_to(widths: list[float]) -> float | None:
    """The measure a block of full lines is set to: their median, when nearly all lie within
    ``measure_block_spread`` em of it (a column's lines fill it); None if they scatter."""
    if not widths:
        return None
    mid = statistics.median(widths)
    near = sum(1 for w in widths if abs(w - mid) <= SETTINGS.measure_block_spread)
    return mid if near >= 0.8 * len(widths) else None


def _other_measure_block(texts: list[str]) -> tuple[int, int, float] | None:
    """The longest block of a run's lines set to another measure than its opening lines (pdfminer
    printing another story's column box inside this one's: 14 em lines among 28 em ones), as
    (start, end, its measure); None if there is none. Both the block and the rest must be set
    to one measure each (``_set_to``), the block of at least ``measure_block_lines`` full lines,
    the two measures ``measure_block_ratio`` apart and ``MEASURE_MIN_EM`` em or more.

    >>> wide = "为加快补齐城区公共服务短板，该县利用闲置厂房改建"
    >>> narrow = "节日临近，为切实做好节日"
    >>> _other_measure_block([wide] * 6 + [narrow] * 5 + [wide] * 3)
    (6, 11, 12.0)
    >>> _other_measure_block([wide] * 6 + [narrow] * 3 + [wide] * 3) is None
    True
    """
    widths = _measures(texts)
    full = [w for w in widths if w is not None]
    # a column of wrapped lines, most of them full (a text page's lines are whole paragraphs)
    if len(full) < 2 * SETTINGS.measure_block_lines or len(full) < SETTINGS.measure_block_full * len(texts):
        return None
    # the run's own story opens it: its first full lines give its measure, when they fill one
    main = _set_to(full[:SETTINGS.measure_block_lines])
    if main is None:
        return None

    def apart(w: float) -> bool:
        wide, narrow = max(w, main), min(w, main)
        return wide / narrow >= SETTINGS.measure_block_ratio and wide - narrow >= MEASURE_MIN_EM

    best: tuple[int, int, float] | None = None
    k = 0
    while k < len(texts):
        if widths[k] is None or not apart(widths[k]):
            k += 1
            continue
        # grow the block over lines of its own measure and lines that show none
        end, own = k, [widths[k]]
        for j in range(k + 1, len(texts)):
            w = widths[j]
            if w is not None and (not apart(w) or abs(w - own[0]) > 2 * SETTINGS.measure_block_spread):
                break
            if w is not None:
                own.append(w)
            end = j
        rest = [w for j, w in enumerate(widths) if w is not None and not k <= j <= end]
        measure = _set_to(own)
        if (measure is not None and len(own) >= SETTINGS.measure_block_lines and _set_to(rest) is not None
                and (best is None or end + 1 - k > best[1] - best[0])):
            best = (k, end + 1, measure)
        k = end + 1
    return best


def blocks_of_other_measure(page: Page, lines: list[Line]) -> list[tuple[int, str]]:
    """A block of a story's lines set to another measure than the rest of it is another
    story's column that pdfminer printed inside this one (it orders text boxes by height, so a
    narrow story's second column lands among a wide story's lines): the block goes on the
    story on the page set to the block's measure whose words it shares most, when it shares
    more of them with that story than with the rest of its own run
    (``min_measure_block_cosine`` at least). A block no story takes stays where it is: made a
    story of its own when it opened like one, it gained two pdfminer pages of a tune set and
    cost two fresh text pages a story each (stop 39, gB82/gB86), so that was dropped. Returns
    (the block's first line number, the title of the story it went on), for the report.

    >>> wide = ["为加快补齐城区公共服务短板，该县利用闲置厂房改", "建了面积一千二百平方米的社区邻里服务综合体，开"] * 4
    >>> narrow = ["三比一争工作，每走访一个", "村社区，编辑记者们都同", "村社主要负责同志交流，"] * 2
    >>> host = TextRun(fresh=True, sections=[(None, ["我市组织记者走基层，开展", "三比一争工作采访活动，"] * 3)])
    >>> host.headline = HeadGroup([(Role.TITLE, Line(1, "", "我市开展媒体走基层活动"))])
    >>> run = TextRun(fresh=True, sections=[(None, wide[:4] + narrow + wide[4:])])
    >>> run.numbers, host.numbers = list(range(10, 24)), list(range(1, 7))
    >>> blocks_of_other_measure(Page([host, run], [], [], []), [])
    [(14, '我市开展媒体走基层活动')]
    >>> run.sections[0][1] == wide, host.sections[-1][1][-6:] == narrow, host.numbers[-6:]
    (True, True, [14, 15, 16, 17, 18, 19])
    """
    if not SETTINGS.measure_block_lines:
        return []
    by_number = {n: line for line in lines for n in line.lines}
    runs = [run for run in page.items if isinstance(run, TextRun) and not run.absorbed and run.has_body]
    out: list[tuple[int, str]] = []
    for run in runs:
        subhead, texts = run.sections[-1]
        found = _other_measure_block(texts)
        if found is None:
            continue
        k, end, measure = found
        block = bigrams("".join(texts[k:end]))
        rest = bigrams("".join(texts[:k] + texts[end:]))
        # the story set to the block's measure sharing most of its words, more than the
        # block's own run does (a story may change its measure, wrapped beside a photo)
        fits = [other for other in runs if other is not run and not other.absorbed
                and (own := _set_to([w for w in _measures([t for _, ts in other.sections for t in ts])
                                     if w is not None])) is not None
                and abs(own - measure) <= SETTINGS.measure_block_spread]
        scored = sorted(((cosine(block, bigrams(other.text)), n, other) for n, other in enumerate(fits)),
                        key=lambda x: (-x[0], x[1]))
        floor = max(SETTINGS.min_measure_block_cosine, cosine(block, rest))
        if not scored or scored[0][0] < floor:
            continue
        best = scored[0][2]
        # the line numbers go with the text: one to one, or (a line printed twice holds two
        # numbers) the numbers of the lines whose text moved
        if len(run.numbers) == len(texts):
            moved = run.numbers[k:end]
        else:
            wanted = Counter(texts[k:end])
            moved = []
            for n in run.numbers:
                line = by_number.get(n)
                if line is not None and wanted[line.text] > 0:
                    moved.append(n)
                    wanted[line.text] -= 1 if n == line.number else 0
        best.sections[-1][1].extend(texts[k:end])
        best.numbers.extend(moved)
        run.sections[-1] = (subhead, texts[:k] + texts[end:])
        gone = set(moved)
        run.numbers = [n for n in run.numbers if n not in gone]
        if best.first < 0 and moved:
            at = {line.number: j for j, line in enumerate(lines)}
            best.first, best.last = at.get(min(moved), -1), at.get(max(moved), -1)
        out.append((min(moved) if moved else -1, best.headline.text if best.headline else ""))
    return out


def pieces_read_as_stories(page: Page, lines: list[Line]) -> list[tuple[int, str]]:
    """An untitled "story" of at most ``max_piece_cjk`` CJK characters is no story of its own:
    - right under a headline that heads another story (a title printed after its story's
      text), holding no clause mark: the headline's last line, read as a story's first
      (…如今柏油大路通家门 / “俺村不比城市差！”, a quoted title its story need not print);
    - right after a story no byline, jump or headline closed, whose text stops mid-sentence: the
      end of that story's sentence, broken where a column ends (…擦亮全国文明 / 城市品牌，该).
      A piece that took a headline printed after it gives it to that story, when it has none
      (…（速豹新闻网记者 / 崔艳红 叶福森） / 章丘区明水街道…: the story's title after its text).
    Returns the first line number of each piece and what it became ("title" or "text"), for
    the report.

    >>> head = HeadGroup([(Role.TITLE, Line(4, "", "今朝水泥大路到门口"))])
    >>> story = TextRun(fresh=True, sections=[(None, ["村民说，水泥大路修到了门口。"])], numbers=[1])
    >>> story.headline = head
    >>> piece = TextRun(fresh=True, sections=[(None, ["“俺村不比城市差！”"])], numbers=[5])
    >>> page = Page([story, head, piece], [], [], [])
    >>> pieces_read_as_stories(page, [Line(5, "", "“俺村不比城市差！”")]), head.text, piece.has_body
    ([(5, 'title')], '今朝水泥大路到门口“俺村不比城市差！”', False)

    A story's sentence broken off (…全国文明 / 城市品牌，该) goes on it; a story that ended its
    sentence keeps the piece apart, and so does a longer text (a brief):

    >>> def page_of(before: str, after: str) -> Page:
    ...     return Page([TextRun(fresh=True, sections=[(None, [before])], numbers=[1]),
    ...                  TextRun(fresh=True, sections=[(None, [after])], numbers=[2])], [], [], [])
    >>> page = page_of("今年以来，为全力擦亮全国文明", "城市品牌，该")
    >>> pieces_read_as_stories(page, []), page.items[0].text, page.items[1].absorbed
    ([(2, 'text')], '今年以来，为全力擦亮全国文明城市品牌，该', True)
    >>> pieces_read_as_stories(page_of("全县召开了大会。", "城市品牌，该"), [])
    []
    >>> page = page_of("网格员更像是居民的贴心人。（速豹新闻网记者", "崔艳红 叶福森）")
    >>> page.items.append(HeadGroup([(Role.TITLE, Line(3, "", "网格架起沟通桥梁"))]))
    >>> page.items[1].headline = page.items[2]
    >>> pieces_read_as_stories(page, []), page.items[0].headline.text, page.items[1].absorbed
    ([(2, 'text')], '网格架起沟通桥梁', True)
    >>> pieces_read_as_stories(page_of("今年以来，为全力擦亮全国文明", "城市品牌，该县召开了大会，部署了全县文明城市创建的各项工作。"), [])
    []
    """
    by_number = {line.number: line for line in lines}
    items, out = page.items, []
    at = {id(x): k for k, x in enumerate(items)}
    for k, run in enumerate(items):
        if (not isinstance(run, TextRun) or run.absorbed or not run.has_body or len(run.sections) != 1
                or run.bylines or cjk_count(run.text) > SETTINGS.max_piece_cjk):
            continue
        # a headline printed after the piece (paired with it as a title after its story's text)
        late = run.headline is not None and at.get(id(run.headline), -1) > k
        if run.headline is not None and not late:
            continue
        text = run.text
        before = items[k - 1] if k else None
        if not late and isinstance(before, HeadGroup) and not _CLAUSE_MARK.search(text) and before.parts \
                and before.parts[-1][0] is Role.TITLE and not run.credit_lines:
            story = next((x for x in items if isinstance(x, TextRun) and x.headline is before and not x.absorbed), None)
            pieces = [by_number[n] for n in run.numbers if n in by_number]
            if story is not None and pieces:
                before.parts.extend((Role.TITLE, line) for line in pieces)
                run.sections, run.numbers = [(None, [])], []
                out.append((pieces[0].number, "title"))
            continue
        host = next((x for x in reversed(items[:k]) if not (isinstance(x, TextRun) and x.absorbed)), None)
        if (isinstance(host, TextRun) and host.has_body and not host.closed and not host.bylines
                and not ends_sentence(host.text) and not (late and host.headline is not None)):
            number = run.numbers[0] if run.numbers else -1
            if late:  # the untitled story's headline, printed after its text's broken end
                host.headline, run.headline = run.headline, None
            host.take(run)
            host.credit_lines.extend(run.credit_lines)  # the story's credit, printed after its end
            host.closed, host.last = run.closed, max(host.last, run.last)
            out.append((number, "text"))
    return out
