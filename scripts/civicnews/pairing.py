"""Pairing: which headline heads which story, decided by the words they share.

In the order they run:
1. ``split_shared_groups``: a headline group between two stories holding two headlines (the
   title printed after the story before, the title printed before the story after) is cut where
   the words change;
2. ``split_late_pairs``: two stories run together with both headlines printed after them in one
   group: the group and the text are cut where each headline's words begin;
3. ``split_for_late_titles``: a story under its headline that runs into the next story, whose
   headline is printed after it: the story is cut where the upper headline's words end and the
   lower one's begin, when the lower one shares more of the tail's words than of the story after it;
4. ``pair_headlines``: headline groups and the runs next to them are paired so that, over the
   page, headlines share the most words with their stories (``best_pairing`` over
   ``pairing_weight``), with a prior for the run after a headline at a story's beginning (a title
   may be printed after its body); a title printed after two stories run together cuts them
   (``split_by_title``, ``split_shared_run``); a lone headline takes the story anywhere on the
   page that shares most of its words (``far_run``, ``quoted_head_run``); a headline made of
   whole clauses of its story is a pull quote, a caption.
"""

from __future__ import annotations

import re

from .features import bigrams, spans_a_word
from .line_shapes import _names_a_place_only, could_be_title
from .model import Line, Role
from .page_items import (
    HeadGroup,
    Page,
    TextRun,
    _share,
    containment,
    cosine,
    cut_run,
    is_pull_quote,
    shared_split_point,
    similarity,
)
from .paragraphs import ends_sentence
from .rules import Rules
from .settings import SETTINGS


def split_shared_groups(page: Page) -> list[tuple[int, float, float]]:
    """A headline group between two stories that holds two headlines: the title printed after
    the story before it and the title printed before the story after it. It is cut where its
    first lines share at least ``min_rescue_overlap`` of their words with the story before and
    its last lines as much with the story after, each more than with the other story. Returns,
    for the report, the first line number of each second headline and both shares.

    >>> def run(text):
    ...     return TextRun(fresh=True, sections=[(None, [text])])
    >>> head = HeadGroup([(Role.TITLE, Line(8, "", "县教育局召开秋季工作会")),
    ...                   (Role.TITLE, Line(9, "", "恩平组织媒体走乡村"))])
    >>> page = Page([run("县教育局召开秋季教育工作会。"), head, run("恩平市组织媒体走进乡村。")], [], [], [])
    >>> split_shared_groups(page)
    [(9, 0.9, 0.75)]
    >>> [x.text for x in page.items if isinstance(x, HeadGroup)]
    ['县教育局召开秋季工作会', '恩平组织媒体走乡村']

    A few words that a story with its own headline over it also says are no second title of it
    (乡村振兴 / 和美有“余” under a story that says 乡村振兴 is one title):

    >>> own = HeadGroup([(Role.TITLE, Line(1, "", "县教育局召开秋季工作会"))])
    >>> head = HeadGroup([(Role.TITLE, Line(8, "", "秋季工作")), (Role.TITLE, Line(9, "", "恩平组织媒体走乡村"))])
    >>> page = Page([own, run("县教育局召开秋季教育工作会。"), head, run("恩平市组织媒体走进乡村。")], [], [], [])
    >>> split_shared_groups(page)
    []
    """
    out: list[tuple[int, float, float]] = []
    floor = SETTINGS.min_rescue_overlap
    items = page.items
    k = 1
    while k + 1 < len(items):
        before, head, after = items[k - 1], items[k], items[k + 1]
        above = items[k - 2] if k >= 2 else None
        k += 1
        if not (isinstance(head, HeadGroup) and isinstance(before, TextRun) and isinstance(after, TextRun)):
            continue
        if len(head.parts) < 2 or not before.has_body or not after.has_body or before.headline is not None:
            continue
        titled = isinstance(above, HeadGroup) and similarity(above, before) >= floor
        best: tuple[float, int, float, float] | None = None
        gapped = any(line.gap_before > 0 for _, line in head.parts[1:])
        for j in range(1, len(head.parts)):
            if gapped and head.parts[j][1].gap_before == 0:
                continue
            first, second = HeadGroup(head.parts[:j]), HeadGroup(head.parts[j:])
            if titled and len(first.text) < SETTINGS.min_second_title_chars:
                continue  # a few words the titled story before also says (乡村振兴): no title of it
            if spans_a_word(head.parts[j - 1][1].text, head.parts[j][1].text):
                continue  # a word runs across (村民自 / 发整治): one headline's lines
            own_first, own_second = similarity(first, before), similarity(second, after)
            # a first part the story before echoes strongly needs less of the second part's
            # words after it (a figurative title shares few with its story)
            if own_first < floor or own_second < (floor if own_first < SETTINGS.swap_margin else 0.5 * floor):
                continue
            if own_first <= similarity(first, after) or own_second <= similarity(second, before):
                continue
            if best is None or own_first + own_second > best[0]:
                best = (own_first + own_second, j, own_first, own_second)
        if best is None:
            continue
        _, j, own_first, own_second = best
        items[k - 1:k] = [HeadGroup(head.parts[:j]), HeadGroup(head.parts[j:])]
        k += 1
        out.append((head.parts[j][1].number, round(own_first, 3), round(own_second, 3)))
    return out


def split_late_pairs(page: Page, rules: Rules) -> list[tuple[int, float, float]]:
    """Two stories run together with both their headlines printed after them, one group (a PDF
    tool reads a column's headlines last): when the group's first lines use
    ``min_split_overlap`` of their words only before a paragraph start of the story and its
    last lines as much only after it, neither uses as much on the other side (one story's
    title broken in two shares its words with all of it) and the texts before and after the
    cut share almost no words (a cosine of their bigram sets under ``max_title_similarity``),
    the story and the group are cut there, each headline after its own story. Both parts must
    be headline-shaped, and neither only a place's name (庐江县矾山镇 / 扎实开展燃气安全排查 is
    one title: a place alone heads no story). Returns, for the report, the first line number
    of each second headline and both shares.

    >>> run = TextRun(fresh=True, sections=[(None, ["江陵县召开推动文旅融合工作推进会。", "会议部署文旅融合推动工作。",
    ...                                             "区人大代表向大会报到。", "人大代表带着民意赴会。"])])
    >>> head = HeadGroup([(Role.TITLE, Line(8, "", "江陵县召开文旅融合推进会")), (Role.TITLE, Line(9, "", "人大代表报到"))])
    >>> page = Page([run, head], [], [], [])
    >>> from .rules import load_rules
    >>> split_late_pairs(page, load_rules())
    [(9, 0.909, 0.8)]
    >>> [x.text for x in page.items]
    ['江陵县召开推动文旅融合工作推进会。会议部署文旅融合推动工作。', '江陵县召开文旅融合推进会', '区人大代表向大会报到。人大代表带着民意赴会。', '人大代表报到']
    """
    out: list[tuple[int, float, float]] = []
    floor = SETTINGS.min_split_overlap
    items = page.items
    k = 1
    while k < len(items):
        run, head = items[k - 1], items[k]
        after = items[k + 1] if k + 1 < len(items) else None
        k += 1
        if not (isinstance(head, HeadGroup) and isinstance(run, TextRun)) or len(head.parts) < 2:
            continue
        if not run.has_body or run.headline is not None or len(run.sections) > 1:
            continue
        if isinstance(after, TextRun) and after.has_body:  # the group may head the story after it
            continue
        lines = run.sections[-1][1]
        best: tuple[float, int, int, float, float] | None = None
        for j in range(1, len(head.parts)):
            first, second = HeadGroup(head.parts[:j]), HeadGroup(head.parts[j:])
            if not (could_be_title(first.text) and could_be_title(second.text)):  # 岳阳县： / 在共建中…
                continue
            if _names_a_place_only(first.text, rules) or _names_a_place_only(second.text, rules):
                continue
            for cut in range(1, len(lines)):
                if not ends_sentence(lines[cut - 1]):
                    continue
                front, tail = "".join(lines[:cut]), "".join(lines[cut:])
                own_first, own_second = _share(first, front, tail), _share(second, tail, front)
                if own_first < floor or own_second < floor or (best is not None and own_first + own_second <= best[0]):
                    continue
                if _share(first, tail) >= floor or _share(second, front) >= floor:  # one story's title shares both
                    continue
                if cosine(bigrams(front), bigrams(tail)) < SETTINGS.max_title_similarity:  # two stories' words
                    best = (own_first + own_second, j, cut, own_first, own_second)
        if best is None:
            continue
        _, j, cut, own_first, own_second = best
        tail_run = cut_run(run, cut)
        items[k - 2:k] = [run, HeadGroup(head.parts[:j]), tail_run, HeadGroup(head.parts[j:])]
        k += 2
        out.append((head.parts[j][1].number, round(own_first, 3), round(own_second, 3)))
    return out


def split_for_late_titles(page: Page) -> list[tuple[int, float, float]]:
    """A story under its headline that ran into the next story, whose headline is printed after
    the text (a late headline): left alone, the late headline heads the story after it (the
    prior for a title over its story) and the late story stays in the one before. The story is
    cut at the paragraph start that leaves the most of both headlines' words on their own sides
    (``_share`` only on that side): the upper headline's at least ``min_split_overlap`` before
    the cut, the lower's at least ``late_title_min_share`` after it and ``late_title_margin``
    more than the story after it uses, and the texts on the two sides sharing under
    ``late_title_max_containment`` of the smaller one's bigrams. ``best_pairing`` then pairs the
    late headline with the tail by their shared words. Returns, for the report, each late
    headline's first line number and both shares.

    >>> def run(*lines):
    ...     return TextRun(fresh=True, sections=[(None, list(lines))])
    >>> upper = HeadGroup([(Role.TITLE, Line(1, "", "县教育局召开秋季工作会"))])
    >>> late = HeadGroup([(Role.TITLE, Line(9, "", "恩平组织媒体走乡村"))])
    >>> page = Page([upper, run("县教育局召开秋季教育工作会。", "恩平市组织媒体走进乡村。"), late,
    ...              run("区人大代表向大会报到。")], [], [], [])
    >>> split_for_late_titles(page)
    [(9, 0.9, 0.75)]
    >>> [x.text for x in page.items]
    ['县教育局召开秋季工作会', '县教育局召开秋季教育工作会。', '恩平市组织媒体走进乡村。', '恩平组织媒体走乡村', '区人大代表向大会报到。']

    A headline the story after it uses as much is that story's, printed over it:

    >>> page = Page([upper, run("县教育局召开秋季教育工作会。", "恩平市组织媒体走进乡村。"), late,
    ...              run("恩平市组织媒体走进乡村。")], [], [], [])
    >>> split_for_late_titles(page)
    []
    """
    out: list[tuple[int, float, float]] = []
    if not SETTINGS.split_for_late_titles:
        return out
    items = page.items
    k = 2
    while k < len(items):
        upper, run, head = items[k - 2], items[k - 1], items[k]
        after = items[k + 1] if k + 1 < len(items) else None
        k += 1
        if not (isinstance(upper, HeadGroup) and isinstance(run, TextRun) and isinstance(head, HeadGroup)):
            continue
        if not run.has_body or not run.fresh or len(run.sections) > 1 or run.headline not in (None, upper):
            continue
        lines = run.sections[-1][1]
        # the story after it takes the late headline unless the tail uses clearly more of its words
        rival = similarity(head, after) if isinstance(after, TextRun) and after.has_body else 0.0
        best: tuple[float, int, float, float] | None = None
        for cut in range(1, len(lines)):
            if not ends_sentence(lines[cut - 1]):
                continue
            front, tail = "".join(lines[:cut]), "".join(lines[cut:])
            own_upper, own_late = _share(upper, front, tail), _share(head, tail, front)
            if own_upper < SETTINGS.min_split_overlap or own_late < SETTINGS.late_title_min_share:
                continue
            if own_late < rival + SETTINGS.late_title_margin:
                continue
            # one story's two parts share names and places (a deck over it, its real title after
            # it): the texts on the two sides must be two stories' words
            if containment(bigrams(front), bigrams(tail)) >= SETTINGS.late_title_max_containment:
                continue
            if best is None or own_upper + own_late >= best[0]:  # of equal cuts the latest (split_point)
                best = (own_upper + own_late, cut, own_upper, own_late)
        if best is None:
            continue
        _, cut, own_upper, own_late = best
        items.insert(k - 1, cut_run(run, cut))
        k += 1
        out.append((head.parts[0][1].number, round(own_upper, 3), round(own_late, 3)))
    return out


def pairing_weight(head: HeadGroup, run: TextRun, run_after: bool) -> float:
    """How well a headline heads a story next to it: a base for the pair, plus the share of the
    headline's words the story uses, plus a prior for the usual place (the story printed after
    its headline, at a story's beginning).

    >>> run = TextRun(fresh=True, sections=[(None, ["开发区全力推进创卫工作，"])])
    >>> head = HeadGroup([(Role.TITLE, Line(1, "", "开发区创卫"))])
    >>> pairing_weight(head, run, True) > pairing_weight(head, run, False)
    True
    """
    prior = 0.0
    if run_after:
        prior = SETTINGS.title_before_margin if run.fresh else -SETTINGS.unbegun_story_penalty
    return SETTINGS.pairing_base + similarity(head, run) + prior


def _pair_weight(left: HeadGroup | TextRun, right: HeadGroup | TextRun) -> float | None:
    """The weight of heading across two neighbouring items, None when they cannot pair."""
    if isinstance(left, HeadGroup) and isinstance(right, TextRun):
        return pairing_weight(left, right, True)
    if isinstance(left, TextRun) and isinstance(right, HeadGroup) and left.has_body:
        return pairing_weight(right, left, False)
    return None


def best_pairing(items: list[HeadGroup | TextRun]) -> list[int]:
    """Which neighbouring items pair: the k of each pair (k, k+1) in the set of pairs with the
    largest total weight, no item in two pairs. Headlines and stories alternate along the page,
    so the pairs form a path and one pass finds the best set (weighted matching on a path).
    A headline then heads the story its words say, even when a slogan or a second title took
    the usual place first.

    >>> a = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["长乐街道新建口袋公园。"])])
    >>> slogan = HeadGroup([(Role.TITLE, Line(1, "", "文明创建 我们在行动"))])
    >>> t1 = HeadGroup([(Role.TITLE, Line(3, "", "安平县整治城乡环境"))])
    >>> t2 = HeadGroup([(Role.TITLE, Line(5, "", "长乐街道新建口袋公园"))])
    >>> best_pairing([slogan, a, t1, b, t2])
    [1, 3]
    """
    # best[i]: the largest total over items[:i]; take[i]: whether items i-2 and i-1 pair in it
    best = [0.0, 0.0]
    take = [False, False]
    for i in range(2, len(items) + 1):
        weight = _pair_weight(items[i - 2], items[i - 1])
        paired = best[i - 2] + weight if weight is not None else -1.0
        take.append(paired > best[i - 1])
        best.append(max(paired, best[i - 1]))
    pairs = []
    i = len(items)
    while i >= 2:
        if take[i]:
            pairs.append(i - 2)
            i -= 2
        else:
            i -= 1
    return sorted(pairs)


def split_point(head: HeadGroup, lines: list[str]) -> int | None:
    """The paragraph start after which ``lines`` hold the headline's words and before which they
    do not; None when no cut tells them apart well enough."""
    grams = bigrams(head.text)
    if not grams or len(lines) < 2:
        return None
    best, best_score = None, SETTINGS.min_split_overlap
    for k in range(1, len(lines)):
        if not ends_sentence(lines[k - 1]):
            continue
        tail, front = "".join(lines[k:]), "".join(lines[:k])
        score = sum(1 for g in grams if g in tail and g not in front) / len(grams)
        if score >= best_score:  # of equal cuts the latest: the story before keeps its text
            best, best_score = k, score
    return best


def split_by_title(head: HeadGroup, run: TextRun) -> TextRun | None:
    """A title printed after two stories whose text ran together: cut the run at the paragraph
    start after which the text holds the title's words and before which it does not; the tail
    is the title's story. None when no cut tells them apart well enough."""
    lines = run.sections[-1][1]
    k = split_point(head, lines)
    if k is not None and run.headline is not None and len(run.sections) == 1:
        # whether to cut is the lone title's call; where, both headlines' (a common word of
        # the lower one in the upper story would pull the cut up to the first paragraph)
        k = shared_split_point(run.headline, head, lines) or k
    return None if k is None else cut_run(run, k)


def split_shared_run(head: HeadGroup, run: TextRun) -> TextRun | None:
    """A headline printed above a story that the headline below the story took: when the story
    is two stories run together, the second's title printed after it, cut it between them. The
    tail (the other headline's story) is returned."""
    if run.headline is None or len(run.sections) > 1:
        return None
    k = shared_split_point(head, run.headline, run.sections[-1][1])
    return None if k is None else cut_run(run, k)


def pair_headlines(page: Page) -> list[Line]:
    """Give each headline group its story (``best_pairing``); a group that heads none heads the
    story before it when that story's headline is a pull quote (``_quoted_before``), else splits
    the story before it where its words begin, joins the next group (a kicker printed apart), heads
    the story its words say (``far_run``, ``quoted_head_run``), or is left for the editor.
    Returns the lines of headlines found to be pull quotes (now captions), for the report."""
    items = page.items
    displaced: list[Line] = []
    for k in best_pairing(items):
        head, run = (items[k], items[k + 1]) if isinstance(items[k], HeadGroup) else (items[k + 1], items[k])
        assert isinstance(head, HeadGroup) and isinstance(run, TextRun)
        run.headline = head
        head.claimed = True
    k = 0
    while k < len(items):
        item = items[k]
        k += 1
        if not isinstance(item, HeadGroup) or item.claimed:
            continue
        after = items[k] if k < len(items) else None
        taken = _parted_head_run(item, after, items)
        if taken is not None:
            # two stories' headlines side by side, parted by the line stage: the story under
            # them is the left one's when it shares more of its words; the right one is freed
            # and finds its own story further on
            assert isinstance(after, HeadGroup)
            taken.headline, item.claimed, after.claimed = item, True, False
            continue
        if isinstance(after, TextRun) and k + 1 < len(items) and after.headline is items[k + 1]:
            tail = split_shared_run(item, after)
            if tail is not None:
                tail.headline, after.headline = after.headline, item
                item.claimed = True
                items.insert(k + 1, tail)
                continue
        before = items[k - 2] if k >= 2 else None
        quoted = _quoted_before(item, before)
        if quoted is not None and quoted.headline is not None:
            page.captions.extend((line.text, k - 1) for _, line in quoted.headline.parts)
            displaced.extend(line for _, line in quoted.headline.parts)
            quoted.headline = item
            item.claimed = True
            continue
        tail = split_by_title(item, before) if isinstance(before, TextRun) and before.has_body else None
        if tail is not None:
            tail.headline = item
            item.claimed = True
            items.insert(k - 1, tail)
            k += 1
            continue
        after = items[k] if k < len(items) else None
        # a headline the line stage parted off a row shared with this one is another story's:
        # this one is no part of it (left over, far_splits may cut its story out of the text)
        # nor is one the page's furniture (the date strip) parts from it: a far title PyMuPDF
        # prints at the page's top (grouping.group_items)
        joins = orphan_joins(item, after, items) if isinstance(after, HeadGroup) and not after.parted \
            and not (SETTINGS.parted_heads_apart and after.parts and after.parts[0][1].head_start) else None
        if isinstance(after, HeadGroup) and joins is not None:
            after.parts[:0] = [(joins if r is Role.TITLE else r, line) for r, line in item.parts]
            item.claimed = True
        else:
            far = far_run(item, items)
            quoted = quoted_head_run(item, items) if far is None else None
            if quoted is not None and quoted.headline is not None:
                # its headline was a pull quote: a photo caption beside the story (the late
                # title heads it now)
                before = items.index(quoted) + 1
                page.captions.extend((line.text, before) for _, line in quoted.headline.parts)
                displaced.extend(line for _, line in quoted.headline.parts)
                far = quoted
            if far is not None:
                far.headline = item
                item.claimed = True
            else:
                page.leftovers.extend(line.text for _, line in item.parts)
                page.orphans.append(item)
    return displaced


def _quoted_before(head: HeadGroup, before: HeadGroup | TextRun | None) -> TextRun | None:
    """The story right before a lone headline, when its own headline is made of whole clauses of
    its text (a pull quote read as its title) and it uses ``min_far_title_overlap`` of the lone
    headline's words: the lone one is its title printed after it, not a second story's. A
    clause of the story's first sentence is no pull quote here: a real title often repeats
    the story's lead word for word (江陵县召开…推进会 / 9月11日上午，江陵县召开…推进会。)."""
    if not isinstance(before, TextRun) or before.headline is None or not before.has_body:
        return None
    if similarity(head, before) < SETTINGS.min_far_title_overlap:
        return None
    text = before.text
    lead = re.match(r"[^。！？]*[。！？]?", text)
    rest = text[lead.end():] if lead else text
    if all(is_pull_quote(line.text, rest) and line.text.strip() not in text[:len(text) - len(rest)]
           for _, line in before.headline.parts):
        return before
    return None


def _parted_head_run(head: HeadGroup, after: HeadGroup | TextRun | None,
                     items: list[HeadGroup | TextRun]) -> TextRun | None:
    """The story of the headline right after a lone one, when the line stage parted that
    headline off a row it shared with this one (``Line.head_start``: two stories' headlines
    side by side) and the story uses more of this one's words."""
    if not isinstance(after, HeadGroup) or not after.parts or not after.parts[0][1].head_start:
        return None
    run = next((x for x in items if isinstance(x, TextRun) and x.headline is after), None)
    if run is None or similarity(head, run) <= similarity(after, run):
        return None
    return run


def orphan_joins(orphan: HeadGroup, after: HeadGroup, items: list[HeadGroup | TextRun]) -> Role | None:
    """How a headline that heads no story joins the headline printed after it: as its kicker (a
    kicker printed apart), as the first half of its title when the story under it uses
    ``min_orphan_title_share`` of its words (a title broken over two groups), or not at all
    when another story uses more of its words than that story, at least
    ``min_far_title_overlap`` (another story's title, read out of place).

    >>> run = TextRun(fresh=True, sections=[(None, ["市人大常委会副主任带队到我县调研人大工作。"])])
    >>> other = TextRun(fresh=True, sections=[(None, ["近日，矾山镇开展安全生产检查。"])])
    >>> after = HeadGroup([(Role.TITLE, Line(2, "", "我县调研人大工作"))])
    >>> run.headline = after
    >>> items = [HeadGroup([(Role.TITLE, Line(1, "", "市人大常委会副主任带队到"))]), after, run, other]
    >>> orphan_joins(items[0], after, items)
    <Role.TITLE: 'title'>
    >>> orphan_joins(HeadGroup([(Role.TITLE, Line(1, "", "矾山镇开展安全生产检查"))]), after, items) is None
    True
    >>> orphan_joins(HeadGroup([(Role.TITLE, Line(1, "", "创城进行时"))]), after, items)
    <Role.KICKER: 'kicker'>
    """
    runs = [x for x in items if isinstance(x, TextRun) and x.has_body and not x.absorbed]
    own = next((x for x in runs if x.headline is after), None)
    own_share = similarity(orphan, own) if own is not None else 0.0
    other_share = max((similarity(orphan, x) for x in runs if x is not own), default=0.0)
    if other_share > own_share and other_share >= SETTINGS.min_far_title_overlap:
        return None
    if own is not None and own_share >= SETTINGS.min_orphan_title_share:
        return Role.TITLE
    return Role.KICKER


def far_run(head: HeadGroup, items: list[HeadGroup | TextRun]) -> TextRun | None:
    """The untitled story anywhere on the page that shares the most of a lone headline's words,
    when it shares at least ``min_far_title_overlap`` (a PDF tool may read a headline's block
    far from its story)."""
    runs = [x for x in items if isinstance(x, TextRun) and x.headline is None and x.fresh and x.has_body]
    best = max(runs, key=lambda run: similarity(head, run), default=None)
    if best is None or similarity(head, best) < SETTINGS.min_far_title_overlap:
        return None
    return best


def quoted_head_run(head: HeadGroup, items: list[HeadGroup | TextRun]) -> TextRun | None:
    """The story that shares the most of a lone headline's words, at least
    ``min_far_title_overlap``, when the headline it has is made of whole clauses of its text (a
    pull quote or a photo caption repeating a sentence, read as a title while the real title
    was printed after the story).

    >>> run = TextRun(fresh=True, sections=[(None, ["日前，前锋区开展农贸市场整治，市场管理水平显著提升。"])])
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "市场管理水平显著提升"))])
    >>> late = HeadGroup([(Role.TITLE, Line(9, "", "前锋区整治农贸市场"))])
    >>> quoted_head_run(late, [run, late]) is run
    True
    >>> run.headline = HeadGroup([(Role.TITLE, Line(1, "", "农贸市场焕新颜"))])
    >>> quoted_head_run(late, [run, late]) is None
    True
    """
    runs = [x for x in items if isinstance(x, TextRun) and x.has_body and not x.absorbed]
    best = max(runs, key=lambda run: similarity(head, run), default=None)
    if best is None or best.headline is None or similarity(head, best) < SETTINGS.min_far_title_overlap:
        return None
    text = best.text
    if all(is_pull_quote(line.text, text) for _, line in best.headline.parts):
        return best
    return None
