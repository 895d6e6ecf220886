"""Title rescue: a story missing its title (or part of it) takes a line set aside or read as text.

In the order they run:
1. ``title_tails`` (run among the headline-part passes): a title goes on in the set-aside line
   printed right under it when its story uses that line's words;
   ``broken_title_tails`` right after it: a title broken inside a word whose end, the next
   line, was set aside (pdfminer, shaped like: 测评结果名 / 单公布 我县再获殊荣), the story printing the
   characters across the break;
2. ``rescue_titles``: a story still without a headline takes the headline-shaped line right
   before or after it (``_title_candidates``: set-aside lines, its own last or first lines) that
   shares enough of its words with it;
3. ``titles_above_stories``: a story that opens at its first line and still has none takes the
   headline-shaped line right above it, unless the rules name that line furniture, a slogan, a
   caption or a credit (a figurative headline shares no word with its story);
Late, for headlines a PDF tool printed away from their stories:
4. ``far_titles_by_words``: a story still untitled takes a set-aside headline-shaped line
   anywhere on the page whose words it uses;
5. ``far_title_heads`` and ``far_title_tails``: a title's first line or wrapped end printed as a
   box of its own far from it (``line_shapes._far_tail_fits``);
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace  # noqa: F401 (its doctests use it)
from itertools import islice

from . import credits
from .features import opens_story, spans_a_word
from .headline import (
    _one_phrase,
    ends_open,
)
from .line_shapes import (
    _CLAUSE_ENDS,
    _TAIL_MARKS,
    _TYPE_MARKS,
    KICKER_LABEL_CHARS,
    MEASURE_LINES,
    MEASURE_MIN_EM,
    _far_tail_fits,
    _furniture_shaped,
    could_be_title,
    touching,
)
from .model import Line, Role
from .page_items import (
    HeadGroup,
    Page,
    TextRun,
    _shares_with,
    _take_aside,
    is_pull_quote,
    similarity,
)
from .paragraphs import ends_sentence
from .patterns import CJK_CHAR, cjk_count
from .rules import Rules
from .settings import SETTINGS


def _finished(text: str, rules: Rules) -> bool:
    """A line that ends a sentence, or a sentence and its credit in brackets (…贡献。（记者 张勇峰）).

    >>> from .rules import load_rules
    >>> [_finished(t, load_rules()) for t in ("作出新的贡献。（全媒体记者 张勇峰）", "获评省级卫生县城（乡镇）")]
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
        # the furniture and caption lines printed next to it, up to the first other line;
        # stops at the reach, not the page's end: on a page of thousands of stories listing
        # every line to one side of each run made this quadratic
        near = list(islice((k for k in ks if lines[k].text), SETTINGS.rescue_reach))
        aside = []
        for k in near:
            if k not in page.aside:
                break
            aside.append(k)
        # two of them printed against each other as one phrase broken inside a word (宝清县夹信 /
        # 子镇秋收防火巡查进行时): one title, tried first so that it wins a tie with its halves
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
    columns and read as its first line (覆盖6万多群众！西城展览路街道建成一站式便民驿站 over a
    column of a few characters), not a paragraph's first line, which fills its column.

    >>> first = Line(1, "", "周末一起去逛逛？海口这些村落美起来", width=17.0)
    >>> column = [Line(n, "", "9月的海口暑气仍未消退", width=11.0) for n in range(2, 6)]
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


def _spaced_head(block: list[int], run: TextRun, lines: list[Line], page: Page) -> list[int]:
    """``_own_head``'s block grown over the lines a PDF tool printed each with a blank before it
    (pdfminer spaces a headline's lines like its text's): the next line goes on the block while
    a word runs across the break into it (户外电 / 子书屋) that the story prints after the
    block, and it is no wider than the block's first line (a headline's larger type holds fewer
    characters to a line than the column under it), up to ``rescue_tail_lines`` lines.
    Setting ``spaced_title_lines``.

    >>> texts = ["新城首批建成户外电", "子书屋10座 方便群", "众读书看报", "“大爷，现在小区的书屋建好了",
    ...          "吗？”昨日下午，在新城小区的户外电子书屋前，", "群众读书看报很方便。"]
    >>> page_lines = [Line(k, "", t, width=w) for k, (t, w) in enumerate(zip(texts, (9, 9.5, 5, 14, 14, 14)))]
    >>> run = TextRun(fresh=True, sections=[(None, texts)], first=0, last=5)
    >>> _spaced_head([0], run, page_lines, Page([run], [], [], []))
    [0, 1, 2]
    """
    if not SETTINGS.spaced_title_lines or len(block) != 1:
        return block
    top = lines[block[0]]
    grown = list(block)
    for k in range(block[0] + 1, run.last + 1):
        if not lines[k].text:
            continue
        upper, text = lines[grown[-1]].text.strip(), lines[k].text.strip()
        if k in page.aside or not top.width or lines[k].width > top.width + 1 or ends_sentence(upper) \
                or len(grown) >= SETTINGS.rescue_tail_lines:
            break
        # three characters run across the break, or a dictionary word does (as _breaks_into)
        rest = _TYPE_MARKS.sub("", "".join(lines[j].text for j in range(k + 1, run.last + 1)))
        upper, text = _TYPE_MARKS.sub("", upper), _TYPE_MARKS.sub("", text)
        if not (any(len(upper) >= a and upper[-a:] + text[:3 - a] in rest for a in (1, 2))
                or (spans_a_word(upper, text) and upper[-1:] + text[:1] in rest)):
            break
        grown.append(k)
    return grown


def _own_head(run: TextRun, lines: list[Line], page: Page, rules: Rules) -> list[int]:
    """Indices of the lines that open this run as a block of their own: at most
    ``rescue_tail_lines`` lines printed against each other, a blank line after them, text after
    that, and no sentence or clause ended in them: a headline printed over its story and read
    as text (公司常态开展“助 / 力创卫”志愿清洁活动). Empty otherwise."""
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
    block = _spaced_head(block, run, lines, page)
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
    broken over two lines both read as captions (县政协九届三次 / 会议预备会议暨七次常委会议召开).

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["12月25日，县政协九届三次会议预备会议召开，常委会议同日召开。"])])
    >>> run.first, run.last = 3, 3
    >>> page = [Line(1, "", "县政协九届三次"), Line(2, "", "会议预备会议暨七次常委会议召开"), Line(3, "", ""), Line(4, "", run.text)]
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
    prev.take(run)
    prev.closed, prev.last = run.closed, max(prev.last, run.last)
    return True


# Marks of a clause or sentence: a line holding one is text, not the rest of a title.
_CLAUSE_MARKS = re.compile("[，。；：！？、,;:!?]")


def _rest_opens_run(ks: tuple[int, ...], run: TextRun, lines: list[Line]) -> bool:
    """A title taken from the lines right above the run that ends waiting for its object
    (上望街道开展, ``ends_open``) goes on in the run's first line when that line is headline-shaped
    and holds no clause mark (群租房巡查集中攻坚活动): a title broken over two lines, its rest
    read as the story's first line.

    >>> lines = [Line(1, "", "上望街道开展"), Line(2, "", "群租房巡查集中攻坚活动"), Line(3, "", "近日，上望街道开展夜查。")]
    >>> run = TextRun(fresh=True, sections=[(None, ["群租房巡查集中攻坚活动", "近日，上望街道开展夜查。"])], first=1, last=2)
    >>> _rest_opens_run((0,), run, lines)
    True
    >>> lines[0] = Line(1, "", "上望街道开展夜查")
    >>> _rest_opens_run((0,), run, lines)
    False
    """
    if ks[-1] >= run.first or not run.sections or not run.sections[0][1]:
        return False
    first = lines[run.first].text
    return (ends_open("".join(lines[k].text for k in ks)) and run.sections[0][1][0] == first
            and could_be_title(first) and not _CLAUSE_MARKS.search(first)
            and len(run.sections[0][1]) > 1)


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
        if _rest_opens_run(ks, run, lines):
            # the title's rest is the run's first line: take that back as its own first line
            del run.sections[0][1][0]
            run.numbers = [n for n in run.numbers if n not in set(lines[run.first].lines)]
            ks = (*ks, run.first)
            run.first = next((k for k in range(run.first + 1, run.last + 1) if lines[k].text), run.first)
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


# a label wholly in lenticular brackets (【东湖街道】, 【创城进行时】): a column's or a place's
# label, a kicker; no title's wrapped end is bracketed whole
_BRACKETED_LABEL = re.compile(r"【[^【】]{1,16}】")


def label_kickers(page: Page, lines: list[Line]) -> list[int]:
    """A label wholly in lenticular brackets printed right under a title (pdfminer prints the
    label box after the headline: 开展环境整治 共建美好家园 / 【东湖街道】), set aside, is the
    headline's kicker when it has none. ``title_tails`` never takes such a line as the title's
    end. Setting ``bracketed_label_kickers``. Returns the lines' indices, for the report.

    >>> page_lines = [Line(1, "", "开展环境整治 共建美好家园"), Line(2, "", "【东湖街道】"), Line(3, "", "3月2日，东湖街道开展环境整治。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run], [page_lines[1].text], [], [], {1: page_lines[1]})
    >>> label_kickers(page, page_lines), [(str(r), x.text) for r, x in run.headline.parts], page.furniture
    ([1], [('kicker', '【东湖街道】'), ('title', '开展环境整治 共建美好家园')], [])
    """
    if not SETTINGS.bracketed_label_kickers:
        return []
    index = {id(line): k for k, line in enumerate(lines)}
    taken: list[int] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or run.absorbed or not run.has_body \
                or any(role is Role.KICKER for role, _ in run.headline.parts):
            continue
        role, last = run.headline.parts[-1]
        k = index.get(id(last))
        if role is not Role.TITLE or k is None:
            continue
        j = next((x for x in range(k + 1, len(lines)) if lines[x].text), None)
        if j is None or j not in page.aside or j >= run.first or not _BRACKETED_LABEL.fullmatch(lines[j].text.strip()):
            continue
        run.headline.parts.insert(0, (Role.KICKER, lines[j]))
        _take_aside(page, lines[j].text)
        del page.aside[j]
        taken.append(j)
    return taken


def title_tails(page: Page, lines: list[Line], rules: Rules) -> list[int]:
    """A headline's title goes on in the line printed right under it (no blank between) that
    the model set aside as furniture or a caption, when the line is no longer than the one above
    it and holds no second phrase, is headline-shaped, no rule names it, and its story uses
    ``min_rescue_overlap`` of its words: a title broken over lines whose short end (消防安全 /
    专项检查) reads like a label. A slogan under a title shares few of the story's words.
    Returns the lines' indices, for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "县委常委周海林率队暗访文明"), Line(2, "", "城市创建工作"),
    ...               Line(3, "", "12月20日，周海林暗访文明城市创建工作。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run], [page_lines[1].text], [], [], {1: page_lines[1]})
    >>> title_tails(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([1], '县委常委周海林率队暗访文明城市创建工作', [])
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
            # a date or 近日 under a title is its story's dateline, printed apart (12月25日下午);
            # a label in lenticular brackets is the headline's kicker (label_kickers)
            if _furniture_shaped(text, rules) or opens_story(text) or not could_be_title(run.headline.text + text) \
                    or (SETTINGS.bracketed_label_kickers and _BRACKETED_LABEL.fullmatch(text.strip())):
                break
            # a wrapped title's end is no longer than the line above it and is no phrase pair
            # of its own (开展庭院环境清理 打造整洁美丽家园 is another story's headline)
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


def _broken_tail(run: TextRun, lines: list[Line], index: dict[int, int], page: Page, rules: Rules) -> int | None:
    """The index of the set-aside line that ends ``run``'s title across a broken word, or None
    (``broken_title_tails``)."""
    role, last = run.headline.parts[-1]
    k = index.get(id(last))
    if role is not Role.TITLE or k is None:
        return None
    # the next printed lines, all set aside and before the story: the first, or past up to
    # broken_title_tail_skip others (a slogan or another headline's line printed between)
    after = (x for x in range(k + 1, len(lines)) if lines[x].text)
    for skipped, j in enumerate(islice(after, SETTINGS.broken_title_tail_skip + 1)):
        if j not in page.aside or j >= run.first:
            return None
        if _breaks_into(run, last.text, lines[j].text, rules, skipped > 0):
            return j
    return None


def _breaks_into(run: TextRun, upper: str, text: str, rules: Rules, apart: bool) -> bool:
    """Whether the set-aside line ``text`` ends ``run``'s title line ``upper`` across a broken
    word (``_broken_tail``); ``apart``: other lines were printed between them.

    >>> from .rules import load_rules
    >>> run = TextRun(fresh=True, sections=[(None, ["全力推进全国文明城市建设。"])], first=3, last=3)
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "开展专项行动 助力全国文"))])
    >>> _breaks_into(run, "开展专项行动 助力全国文", "明城市建设", load_rules(), True)
    True

    Printed apart, a tail longer than the title line it ends is no wrapped end of it:

    >>> _breaks_into(run, "全国文", "明城市建设", load_rules(), True)
    False
    """
    text, upper = text.strip(), upper.strip()
    if (len(text) > SETTINGS.broken_title_tail_chars or _furniture_shaped(text, rules)
            or opens_story(text) or not could_be_title(run.headline.text + text)):
        return False
    # a headline wraps at its measure: an end printed apart is no longer than the line above
    if apart and len(text) > len(upper):
        return False
    # the words across the break, printed by the story (quote marks and spaces are the
    # type's): three characters run on (人居 / 环境: 居环境), or a dictionary word does
    story, upper, text = (_TYPE_MARKS.sub("", x) for x in (run.text, upper, text))
    return any(len(upper) >= a and upper[-a:] + text[:3 - a] in story for a in (1, 2)) \
        or (spans_a_word(upper, text) and upper[-1:] + text[:1] in story)


def broken_title_tails(page: Page, lines: list[Line], rules: Rules) -> list[int]:
    """A title broken inside a word, its end printed as the next line but set aside as
    furniture or a caption (pdfminer, shaped like 2020年省级文明县城测评结果名 / 单公布 我县再获殊荣 read
    as a two-phrase slogan). ``title_tails`` wants the end printed right under the title, no
    longer than it and of one phrase; here the break itself is the evidence: a dictionary word
    runs across it (名单) and the story prints that word. The line must still be
    headline-shaped with the title, no rule may name it, and it comes before the story.
    Returns the lines' indices, for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "县政府召开复审结果名"), Line(2, "", ""), Line(3, "", "单发布会 我县上榜"),
    ...               Line(4, "", "3月2日，县政府召开复审结果名单发布会。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[3].text])], first=3, last=3)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run], [page_lines[2].text], [], [], {2: page_lines[2]})
    >>> broken_title_tails(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([2], '县政府召开复审结果名单发布会 我县上榜', [])

    A slogan under a whole title (no words across the break that the story prints): no tail.

    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "县政府召开复审结果名单发布会"))])
    >>> page_lines[0], page_lines[2] = run.headline.parts[0][1], Line(3, "", "文明城市 共建共享")
    >>> broken_title_tails(Page([run], [page_lines[2].text], [], [], {2: page_lines[2]}), page_lines, load_rules())
    []
    """
    if not SETTINGS.broken_title_tail_chars:
        return []
    index = {id(line): k for k, line in enumerate(lines)}
    taken: list[int] = []
    for run in page.items:
        if not isinstance(run, TextRun) or run.headline is None or run.absorbed or not run.has_body:
            continue
        while (j := _broken_tail(run, lines, index, page, rules)) is not None:
            run.headline.parts.append((Role.TITLE, lines[j]))
            _take_aside(page, lines[j].text)
            del page.aside[j]
            taken.append(j)
    return taken


def far_title_tails(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, str]]:
    """A headline's wrapped end that a PDF tool printed as a box of its own far from its
    headline (pdfminer, pdftotext: 县应急管理局组织“512”减灾日 … ▲图片说明 / 主题活动): a short
    line set aside as furniture or a caption (at most ``far_title_tail_chars`` characters, no
    clause or bracket mark, no rule names it) goes on the one headline whose story prints the
    text across the break (``_far_tail_fits``). A line two headlines could take stays put.
    Returns (line index, the title it went on), for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "县应急管理局组织减灾日"), Line(2, "", "5月12日，该局组织减灾日主题活动。"),
    ...               Line(3, "", "▲学生们在社区发放宣传资料。"), Line(4, "", "主题活动")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[1].text])], first=1, last=1)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([run.headline, run], ["主题活动"], [], [], {2: page_lines[2], 3: page_lines[3]})
    >>> far_title_tails(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([(3, '县应急管理局组织减灾日')], '县应急管理局组织减灾日主题活动', [])
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

def far_title_heads(page: Page, lines: list[Line], rules: Rules) -> list[tuple[int, str]]:
    """``far_title_tails`` the other way round: a title's first line printed as a box of its own
    far from the rest (pdfminer at the page's top: 沪滇东西部协作“1+N”省级媒体联 … 合采风团走进
    经开区), set aside as furniture or a caption. A set-aside line of ``min_second_title_chars``
    up to the most a title holds, headline-shaped with no word space, no rule naming it, goes
    before the one title whose first line a word runs into from it, the story printing that
    word. Returns (line index, the title it went on), for the report.

    >>> from .rules import load_rules
    >>> page_lines = [Line(1, "", "沪滇东西部协作省级媒体联"), Line(2, "", "合采风团走进经开区"),
    ...               Line(3, "", "8月28日，省级媒体联合采风团来到经开区。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[1])])
    >>> page = Page([run.headline, run], [page_lines[0].text], [], [], {0: page_lines[0]})
    >>> far_title_heads(page, page_lines, load_rules()), run.headline.text, page.furniture
    ([(0, '合采风团走进经开区')], '沪滇东西部协作省级媒体联合采风团走进经开区', [])
    """
    heads = [run for run in page.items if isinstance(run, TextRun) and run.headline is not None
             and not run.absorbed and run.has_body and run.headline.parts[0][0] is Role.TITLE]
    # Whether a line fits a story reads only the story's headline and text: stories that read
    # alike (a page printed twice over) are tested once per line, as one group, so that a page
    # repeating itself costs its set-aside lines times its distinct stories, not times all.
    groups: dict[tuple[str, str, str], list[TextRun]] = {}
    for run in heads:
        groups.setdefault(_head_key(run), []).append(run)
    taken: list[tuple[int, str]] = []
    for k in sorted(page.aside):
        text = lines[k].text
        if not SETTINGS.min_second_title_chars <= cjk_count(text) <= SETTINGS.title_chars[1] \
                or " " in text or not could_be_title(text) or _furniture_shaped(text, rules) or opens_story(text):
            continue
        fit = _one_far_head(lines[k], groups)
        if fit is None:
            continue
        assert fit.headline is not None
        key = _head_key(fit)
        title = fit.headline.parts[0][1].text
        fit.headline.parts.insert(0, (Role.TITLE, lines[k]))
        # its headline grew: it is grouped by its new one from now on
        groups[key].remove(fit)
        if not groups[key]:
            del groups[key]
        groups.setdefault(_head_key(fit), []).append(fit)
        _take_aside(page, text)
        del page.aside[k]
        taken.append((k, title))
    return taken


def orphan_title_heads(page: Page, lines: list[Line]) -> list[tuple[int, str]]:
    """``far_title_heads`` for a headline left over: a one-line headline that heads no story
    (pdfminer prints a title's first line as a box of its own, far from the rest: 西岭镇打通便民服务“最
    后一 … 米”群众办事更方便) goes before the one title it runs into, its story printing the words
    across the break (``_far_tail_fits``). Setting ``orphan_title_heads``.
    Returns (line index, the title it went on), for the report.

    >>> page_lines = [Line(1, "", "东湖区推进“厕所革"), Line(2, "", "命”让村民更舒心"),
    ...               Line(3, "", "5月6日，东湖区推进“厕所革命”，村民更舒心。")]
    >>> run = TextRun(fresh=True, sections=[(None, [page_lines[2].text])], first=2, last=2)
    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[1])])
    >>> lone = HeadGroup([(Role.TITLE, page_lines[0])])
    >>> page = Page([lone, run.headline, run], [], [], [page_lines[0].text], orphans=[lone])
    >>> orphan_title_heads(page, page_lines), run.headline.text, page.orphans, page.leftovers
    ([(0, '命”让村民更舒心')], '东湖区推进“厕所革命”让村民更舒心', [], [])

    A lone headline whose words the story does not print across the break stays left over:

    >>> run.headline = HeadGroup([(Role.TITLE, page_lines[1])])
    >>> run.sections = [(None, ["5月6日，村民更舒心。"])]
    >>> page = Page([lone, run.headline, run], [], [], [page_lines[0].text], orphans=[lone])
    >>> orphan_title_heads(page, page_lines), page.orphans == [lone]
    ([], True)
    """
    if not SETTINGS.orphan_title_heads:
        return []
    index = {id(line): k for k, line in enumerate(lines)}
    groups: dict[tuple[str, str, str], list[TextRun]] = {}
    for run in page.items:
        if isinstance(run, TextRun) and run.headline is not None and not run.absorbed and run.has_body \
                and run.headline.parts[0][0] is Role.TITLE:
            groups.setdefault(_head_key(run), []).append(run)
    taken: list[tuple[int, str]] = []
    for lone in list(page.orphans):
        if len(lone.parts) != 1 or lone.parts[0][0] is not Role.TITLE:
            continue
        line = lone.parts[0][1]
        k = index.get(id(line))
        if k is None or not could_be_title(line.text) or (fit := _one_far_head(line, groups)) is None:
            continue
        assert fit.headline is not None
        title = fit.headline.parts[0][1].text
        fit.headline.parts.insert(0, (Role.TITLE, line))
        page.orphans.remove(lone)
        if line.text in page.leftovers:
            page.leftovers.remove(line.text)
        taken.append((k, title))
    return taken


def _head_key(run: TextRun) -> tuple[str, str, str]:
    """What ``far_title_heads`` reads of a story: its headline's first line, its headline, its text."""
    assert run.headline is not None
    return run.headline.parts[0][1].text, run.headline.text, run.text


def _one_far_head(line: Line, groups: dict[tuple[str, str, str], list[TextRun]]) -> TextRun | None:
    """The one story whose title ``line`` is the first line of (``far_title_heads``), or None
    when none or several fit; a story that has the line in its headline already is no fit."""
    fit: TextRun | None = None
    for (first, head, story), runs in groups.items():
        if not (could_be_title(line.text + head) and _far_tail_fits(line.text, first, story)):
            continue
        for run in runs:
            assert run.headline is not None
            if line not in (x for _, x in run.headline.parts):
                if fit is not None:
                    return None  # a second fit: the line is nobody's for sure
                fit = run
    return fit


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


def _far_title(page: Page, lines: list[Line], run: TextRun, k: int, taken: list[tuple[int, float]],
               share: float) -> None:
    """Line ``k`` heads ``run`` (``far_titles_by_words``), with the set-aside line after it when a
    second print shows the two are one headline (打好八场集中攻坚战 助力全国文 / 明城创建)."""
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
    >>> run = TextRun(fresh=True, sections=[(None, ["9月14日上午，北京平谷区政协首个协商议事室揭牌仪式在马坊镇举行。"])])
    >>> page = Page([run], ["北京平谷区政协首个协商议事室揭牌"], [], [])
    >>> page.aside = {0: Line(1, "", "北京平谷区政协首个协商议事室揭牌")}
    >>> far_titles_by_words(page, [Line(1, "", "北京平谷区政协首个协商议事室揭牌")], load_rules()), run.headline.text
    ([(0, 1.0)], '北京平谷区政协首个协商议事室揭牌')
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


def orphan_title_tails(page: Page, lines: list[Line]) -> list[tuple[int, str]]:
    """A headline left over whose first line is printed right under the last title line of a
    headline that heads a story, the two lines one phrase broken in two (inside a word, a place
    or a quotation: 秦安县王尹镇：村容 / 村貌大提升…, 建设更美 / 宜居家园”新闻发布会), is that
    title's rest: the model began a new headline at the break, and no story took it. Runs after
    the far cuts, so a left-over headline that heads a story of its own has found it. Returns
    (line index, the title it went on), for the report.

    >>> upper = Line(1, "", "城东区召开“优化营商")
    >>> run = TextRun(fresh=True, sections=[(None, ["3月2日，城东区召开推进会。"])], first=3, last=3)
    >>> run.headline = HeadGroup([(Role.TITLE, upper)])
    >>> lone = HeadGroup([(Role.TITLE, Line(2, "", "环境”推进会"))])
    >>> page_lines = [upper, lone.parts[0][1], Line(3, "", "")]
    >>> page = Page([run.headline, run, lone], [], [], ["环境”推进会"], orphans=[lone])
    >>> orphan_title_tails(page, page_lines), run.headline.text, page.orphans, page.leftovers
    ([(1, '城东区召开“优化营商')], '城东区召开“优化营商环境”推进会', [], [])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "城东区召开营商环境推进会"))])
    >>> page_lines[0] = run.headline.parts[0][1]
    >>> page = Page([run.headline, run, lone], [], [], ["环境”推进会"], orphans=[lone])
    >>> orphan_title_tails(page, page_lines), page.orphans == [lone]
    ([], True)
    >>> run.headline = HeadGroup([(Role.TITLE, upper)])
    >>> page_lines[0], page_lines[1] = upper, Line(2, "", "察")
    >>> lone = HeadGroup([(Role.TITLE, page_lines[1])])
    >>> orphan_title_tails(Page([run.headline, run, lone], [], [], ["察"], orphans=[lone]), page_lines)
    []
    """
    index = {id(line): k for k, line in enumerate(lines)}
    heads = {index[id(run.headline.parts[-1][1])]: run for run in page.items
             if isinstance(run, TextRun) and run.headline is not None and not run.absorbed and run.has_body
             and run.headline.parts[-1][0] is Role.TITLE and id(run.headline.parts[-1][1]) in index}
    taken: list[tuple[int, str]] = []
    for lone in list(page.orphans):
        role, first = lone.parts[0]
        k = index.get(id(first))
        if role is not Role.TITLE or k is None or any(r is not Role.TITLE for r, _ in lone.parts):
            continue
        above = next((j for j in range(k - 1, -1, -1) if lines[j].text), None)
        run = heads.get(above) if above is not None else None
        # the rest is headline-shaped itself: a character or two under a title (察) is another
        # headline's broken end, printed apart
        if run is None or not could_be_title(lone.text) or not could_be_title(run.headline.text + lone.text):
            continue
        # a quotation left open anywhere in the headline; a word across the break between the
        # phrases the two lines end and begin with (a headline's phrases are parted by spaces)
        upper = run.headline.text.strip()
        if not (_one_phrase(upper, first.text.strip())
                or _one_phrase(upper.split()[-1], first.text.split()[0])):
            continue
        title = lines[above].text
        run.headline.parts.extend(lone.parts)
        page.orphans.remove(lone)
        for _, line in lone.parts:
            if line.text in page.leftovers:
                page.leftovers.remove(line.text)
        heads[index[id(lone.parts[-1][1])]] = run
        taken.append((k, title))
    return taken
