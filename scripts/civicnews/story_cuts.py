"""Story cuts: where one run of text holds two stories, and where it is cut.

In the order they run:
1. ``split_resumed``: a story's text that, from some paragraph on, reads as an earlier story
   rather than its own beginning (``_resume_cut``) is cut there: the earlier story resumed after
   a brief printed inside it, with no mark in the text;
2. ``stories_without_text``: a headline over "text" too short and with no mark of prose (a
   masthead, an issue number) has no story: those lines are furniture;
Late, for headlines still left over (a PDF tool printing a page's display type apart):
3. ``stacked_title_splits``: two headlines one under the other read as one title over two
   stories run together: the title and the text part where each one's words begin;
4. ``far_splits``: a left-over headline whose story ran into a titled story cuts that story
   where its words begin (``_far_cut``, ``_far_cut_before``);
5. ``far_splits_by_aside``: the same for headline lines the model set aside as furniture.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator

from .features import bigrams
from .line_shapes import MEASURE_LINES, MEASURE_MIN_EM, _furniture_shaped, could_be_title, touching
from .model import Line, Role
from .page_items import (
    HeadGroup,
    Page,
    TextRun,
    _share,
    _take_aside,
    cosine,
    cut_run,
    shared_split_point,
)
from .paragraphs import em_width, ends_sentence
from .patterns import cjk_count
from .rules import Rules
from .settings import SETTINGS

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
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "永兴：开学季新面貌墨香满校园"))])
    >>> run.numbers = [2, 3, 4]
    >>> brief = TextRun(fresh=True, sections=[(None, ["县里召开会议，部署工作。"])])
    >>> brief.headline = HeadGroup([(Role.TITLE, Line(5, "", "县里召开会议"))])
    >>> page = Page([run, brief], [], [], [])
    >>> [(h.text, ns) for h, ns in stories_without_text(page)], run.has_body, page.leftovers
    ([('永兴：开学季新面貌墨香满校园', [2, 3, 4])], False, ['永兴：开学季新面貌墨香满校园'])

    A sentence's end under a headline (…的问 / 候。), a shard of another story's text:

    >>> shard = TextRun(fresh=True, sections=[(None, ["候。"])], numbers=[9])
    >>> shard.headline = HeadGroup([(Role.TITLE, Line(8, "", "新晃：600余名教师在教师节受到表彰"))])
    >>> page = Page([shard], [], [], [])
    >>> [(h.text, ns) for h, ns in stories_without_text(page)], page.leftovers[0], page.furniture
    ([('新晃：600余名教师在教师节受到表彰', [9])], '候。', [])
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
        earlier = [bigrams(r.text) for r in _runs_before(items, k - 1, SETTINGS.continuation_window)
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


def _runs_before(items: list, end: int, count: int) -> list[TextRun]:
    """The last ``count`` stories with text among ``items[:end]``, in page order. Walks back
    from ``end`` and stops at the ``count``-th: listing every earlier story for each story made
    ``split_resumed`` quadratic on a page of thousands of stories.

    >>> a, b, c = (TextRun(fresh=True, sections=[(None, [t])]) for t in "abc")
    >>> [r.text for r in _runs_before([a, TextRun(fresh=True), b, c], 3, 2)]
    ['a', 'b']
    """
    out: list[TextRun] = []
    j = end - 1
    while j >= 0 and len(out) < count:
        x = items[j]
        if isinstance(x, TextRun) and x.has_body:
            out.append(x)
        j -= 1
    out.reverse()
    return out


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
    ...                                             "为持续助力创文创卫，12月3日，集团组织志愿清洁活动。", "集团志愿者清理垃圾。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "华阳街道开展文明创建"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "集团开展助力创卫志愿清洁活动"))])
    >>> page = Page([run, lone], [], [], ["集团开展助力创卫志愿清洁活动"], orphans=[lone])
    >>> [(h.text, t) for h, t in far_splits(page)], [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ([('集团开展助力创卫志愿清洁活动', '华阳街道开展文明创建')], ['华阳街道开展文明创建', '集团开展助力创卫志愿清洁活动'])
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
    of the whole part's words, or one figurative title at less: ``_figurative_fit``). Each part must hold ``min_stacked_title_chars`` characters (a
    place's name over its headline is one headline) and the lower one must not be printed word
    for word in the text (a pull quote). Of the partings that fit, the one leaving the most
    words on their sides wins; a tie between two partings leaves the title whole. Returns the lower
    part's first line and the title it left, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["1月31日，县人大代表视察重点项目。", "代表们听取了汇报。",
    ...     "本报讯2月9日，县教育局召开中小学校务会议。", "会议传达了全会精神。"])])
    >>> parts = [Line(1, "", "县人大代表视察重点项目"), Line(2, "", "教育局召开中小学校"), Line(3, "", "务会议传达全会精神")]
    >>> run.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([run.headline, run], [], [], [])
    >>> [(x.text, t) for x, t in stacked_title_splits(page)]
    [('教育局召开中小学校', '县人大代表视察重点项目教育局召开中小学校务会议传达全会精神')]
    >>> [x.headline.text for x in page.items if isinstance(x, TextRun)]
    ['县人大代表视察重点项目', '教育局召开中小学校务会议传达全会精神']

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
                if min(own) >= floor or _figurative_fit(own, front, tail):
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


def _figurative_fit(own: tuple[float, float], front: str, tail: str) -> bool:
    """One of two stacked headlines figurative (one shaped like 丽水：从文明起步 向幸福迈进 shared 0.27 of its
    words with its story): the other at ``min_far_split_overlap``, this one at
    ``min_figurative_title_share``, when the texts on the two sides share almost no words (a
    cosine of their bigram sets under ``max_title_similarity``: two stories, not one).

    >>> _figurative_fit((0.27, 0.6), "丽水打造信仰坚定之城。", "近日，矾山镇开展安全生产检查。")
    True
    >>> _figurative_fit((0.27, 0.6), "矾山镇开展安全生产检查。", "近日，矾山镇开展安全生产检查。")
    False
    """
    if max(own) < SETTINGS.min_far_split_overlap or min(own) < SETTINGS.min_figurative_title_share:
        return False
    return cosine(bigrams(front), bigrams(tail)) < SETTINGS.max_title_similarity


def _place_far(page: Page, lone: HeadGroup, before: bool = False, memo: dict | None = None,
               groups: dict | None = None) -> str | None:
    """Cut the story a far headline cuts (``_far_cut``) and give the headline its part: the
    title of the story cut, for the report, or None when no story can be cut."""
    best = _far_cut(page, lone, before=before, memo=memo, groups=groups)
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


def _cuttable_groups(page: Page) -> dict[tuple, list[TextRun]]:
    """``_cuttable``'s stories grouped by their headline's roles and words and their
    paragraphs: stories alike in all of these are cut alike by any far headline."""
    groups: dict[tuple, list[TextRun]] = {}
    for run, lines in _cuttable(page):
        groups.setdefault((_parts_key(run.headline), tuple(lines)), []).append(run)
    return groups


def _parts_key(head: HeadGroup) -> tuple[tuple[Role, str], ...]:
    return tuple((role, line.text) for role, line in head.parts)


def _far_cut(page: Page, lone: HeadGroup, before: bool = False, memo: dict | None = None,
             groups: dict[tuple, list[TextRun]] | None = None) -> tuple[int, TextRun, bool] | None:
    """Where a headline printed far from its story cuts a titled story (``far_splits``): the
    paragraph, the story and whether the headline heads the part before the cut (tried when
    ``before`` and no other cut fits: ``_far_cut_before``), when exactly one story can be cut.
    ``memo`` keeps each cut found for a (headline, story) pair by their words: a page that
    repeats its stories (one 5 MB page holds a thousand copies) weighs each pair once.
    ``groups`` (``_cuttable_groups`` of the page as it is now, with a ``memo``) does the same
    without walking every copy: only the copies of a story that the headline cuts on either
    side are looked at one by one. The same stories fit either way, and with two or more the
    answer is None whichever come first."""
    best: tuple[int, TextRun, bool] | None = None
    lone_key = _parts_key(lone)
    if groups is not None and memo is not None:
        fits: list[tuple[int, TextRun, bool]] = []
        for (head_key, lines_key), runs in groups.items():
            cuts = {}
            for flip in (False, True):
                key = (lone_key, flip, head_key, lines_key)
                if key not in memo:
                    memo[key] = _far_cut_point(lone, runs[0].headline, list(lines_key), flip)
                cuts[flip] = memo[key]
            if cuts[False] is None and cuts[True] is None:
                continue
            for run in runs:
                flip = _above_a_story_headed_below(lone, run)
                if cuts[flip] is not None:
                    fits.append((cuts[flip], run, flip))
                    if len(fits) > 1:  # two stories it could cut: its story is unsure, leave it
                        return None
        best = fits[0] if fits else None
        if best is not None or not before:
            return best
        front = _far_cut_before(page, lone)
        return None if front is None else (*front, True)
    for run, lines in _cuttable(page):
        flip = _above_a_story_headed_below(lone, run)
        key = (lone_key, flip, tuple((role, line.text) for role, line in run.headline.parts), tuple(lines))
        if memo is not None and key in memo:
            k = memo[key]
        else:
            k = _far_cut_point(lone, run.headline, lines, flip)
            if memo is not None:
                memo[key] = k
        if k is not None and best is None:
            best = (k, run, flip)
        elif k is not None:  # two stories it could cut: its story is unsure, leave it
            return None
    if best is not None or not before:
        return best
    front = _far_cut_before(page, lone)
    return None if front is None else (*front, True)


def _far_cut_point(lone: HeadGroup, head: HeadGroup, lines: list[str], flip: bool) -> int | None:
    """The paragraph where the far headline cuts one titled story (``_far_cut``), from the words
    and roles of both headlines and the story's paragraphs only (so ``_far_cut`` may keep it),
    and whether the far headline is printed above the story's text and its own headline below
    (``flip``)."""
    if flip:  # its story is the run's first: the run's own headline's story comes after
        floor = SETTINGS.min_far_split_overlap
        k = shared_split_point(lone, head, lines, floor)
        # each headline's words on its own side only: a slogan set over a story shares
        # words all through it
        if k is not None and (not _far_cut_fits(head, lines, k)
                              or _share(lone, "".join(lines[:k]), "".join(lines[k:])) < floor
                              or _share(head, "".join(lines[k:]), "".join(lines[:k])) < floor):
            k = None
    else:
        k = shared_split_point(head, lone, lines, SETTINGS.min_far_split_overlap)
        if k is not None and not _far_cut_fits(lone, lines, k):
            k = None
    return k


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
    and a story's opening comes at the cut: a date or an opening word (近日), or a new measure
    after a finished sentence (``_new_measure_at``)."""
    return (lone.text.replace(" ", "") not in "".join(lines)
            and any(role is Role.TITLE for role, _ in lone.parts)
            and (bool(_STORY_OPENING.search("".join(lines[k:k + 4])[:SETTINGS.far_split_opening_chars]))
                 or _new_measure_at(lines, k)))


def _new_measure_at(lines: list[str], k: int) -> bool:
    """The line before ``lines[k]`` ends a sentence and the full lines right before it and from
    it on are set to different measures (their median lengths in characters differ by
    ``far_split_measure_change`` and ``MEASURE_MIN_EM`` or more): one story's column ended and
    another story's column begins, though its first words name no date (佳节将至，…, 夏日炎炎，…).
    The lines are a story's lines as the tool printed them, so their lengths are its measure.

    >>> wide = ["为加快补齐城区公共服务短板，该县利用闲置厂房改建", "了面积一千二百平方米的社区邻里服务综合体，开辟", "托幼助老开展便民服务项目、居民文体活动的新场所", "方便了“一老一小”的日常生活。"]
    >>> narrow = ["节日临近，为切实做", "好节日期间消防安全", "工作，枫林镇应急办", "联合消防所走进辖区", "商超市场开展排查。"]
    >>> _new_measure_at(wide + narrow, 4), _new_measure_at(wide + narrow, 5), _new_measure_at(wide + wide, 4)
    (True, False, False)
    """
    if k <= 0 or k >= len(lines) or not ends_sentence(lines[k - 1]):
        return False

    def measure(ks: range) -> float:
        # a paragraph's last line is short, a row read across two columns holds a space
        found = [em_width(lines[j]) for j in ks if not ends_sentence(lines[j]) and " " not in lines[j].strip()]
        found = found[:MEASURE_LINES]
        return statistics.median(found) if len(found) >= 3 else 0.0

    before = measure(range(k - 1, max(-1, k - 1 - 2 * MEASURE_LINES), -1))
    after = measure(range(k, min(len(lines), k + 2 * MEASURE_LINES)))
    if not before or not after:
        return False
    wide, narrow = max(before, after), min(before, after)
    return wide / narrow >= SETTINGS.far_split_measure_change and wide - narrow >= MEASURE_MIN_EM


def _far_cut_before(page: Page, lone: HeadGroup) -> tuple[int, TextRun] | None:
    """``_far_cut`` the other way round: the far headline's words are in the first part of a
    titled story and that story's own headline's words in the part after. PyMuPDF prints a
    page's display type at its top, where the first story's text takes the headline of the
    story that ran into it, while its own headline is printed at the foot. The far headline
    heads the part before the cut, the story's headline the part after it (``far_splits``).
    Both need ``min_far_before_overlap`` of their words on their side only.

    >>> run = TextRun(fresh=True, sections=[(None, ["一个支部就是一座堡垒。党员用真情为民解忧。",
    ...     "党员为群众排忧解难。", "为确保辖区安全，上望街道开展群租房巡查。", "巡查人员检查群租房。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "上望街道开展群租房巡查"))])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "用真情为群众解忧"))])
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
    / 目落地 计划总投资 / 44.8亿元 over a page whose second story ran into another). Returns each
    headline's line indices with the title of the story it was cut from, for the report.

    >>> from civicnews.rules import load_rules
    >>> top = [Line(1, "", "云霄第三季度17个项"), Line(2, "", "目落地 计划总投资"), Line(3, "", "44.8亿元")]
    >>> run = TextRun(fresh=True, sections=[(None, ["临江市苇沙河镇开展环境整治。", "苇沙河镇清理垃圾。",
    ...                                             "10月8日，云霄全县第三季度集中落地项目17个，总投资约44.8亿元。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(9, "", "临江市苇沙河镇：清扫街巷扮美乡村"))])
    >>> page = Page([run], [x.text for x in top], [], [])
    >>> page.aside = dict(enumerate(top))
    >>> far_splits_by_aside(page, top, load_rules()), [x.headline.text for x in page.items]
    ([([0, 1, 2], '临江市苇沙河镇：清扫街巷扮美乡村')], ['临江市苇沙河镇：清扫街巷扮美乡村', '云霄第三季度17个项目落地 计划总投资44.8亿元'])
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
    memo: dict = {}  # each (headline, story) pair's cut, by their words: see _far_cut
    groups: dict[tuple, list[TextRun]] | None = None  # the page's stories, until one is cut
    for ks in blocks:
        lone = HeadGroup([(Role.TITLE, lines[k]) for k in ks], claimed=True)
        if not could_be_title(lone.text):
            continue
        if groups is None:
            groups = _cuttable_groups(page)
        title = _place_far(page, lone, memo=memo, groups=groups)
        if title is None:
            continue
        groups = None  # a story was cut: group the page's stories again
        for j in ks:
            _take_aside(page, lines[j].text)
        placed.append((ks, title))
    return placed
