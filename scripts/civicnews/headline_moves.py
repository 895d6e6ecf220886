"""Headline moves: headlines that went to the wrong story, or to none, find their story.

In the order they run:
1. ``stacked_headlines``: two headlines printed one over the other, read as one title, part
   when the story under them uses the words of only one and another story the other's;
2. ``rehome_orphans``: a headline left over heads the story that shares clearly more of its words
   with it than with the headline it has;
3. ``swap_crossed_headlines``: two headlines that went to each other's stories change places;
4. ``headlines_to_untitled``: a headline that went to a story using few of its words moves to
   an untitled story that uses clearly more (one that opens, unless the headline is at the foot);
5. ``last_headlines``: stories still untitled take the headlines still left over, best shared
   words first.
"""

from __future__ import annotations

from functools import partial

from .features import spans_a_word
from .model import Line, Role
from .page_items import HeadGroup, Page, TextRun, similarity
from .patterns import cjk_count
from .settings import SETTINGS


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
    # every pair is weighed: each share is read once per headline text and story text (a page
    # that prints its stories over again weighs the same texts many times over)
    shares: dict[tuple[str, str], float] = {}
    while True:
        best: tuple[float, TextRun, TextRun] | None = None
        texts = [(run.headline.text if run.headline else "", run.text) for run in runs]
        share = partial(_pair_share, shares, runs, texts)
        for i, one in enumerate(runs):
            for j in range(i + 1, len(runs)):
                other = runs[j]
                crossed = (share(i, j), share(j, i))
                if min(crossed) < SETTINGS.min_rescue_overlap:
                    continue
                gain = sum(crossed) - share(i, i) - share(j, j)
                if gain >= SETTINGS.swap_margin and (best is None or gain > best[0]):
                    best = (gain, one, other)
        if best is None:
            return moved
        _, one, other = best
        assert one.headline is not None and other.headline is not None
        for head, old, new in ((one.headline, one, other), (other.headline, other, one)):
            moved.append((head, round(similarity(head, old), 2), round(similarity(head, new), 2)))
        one.headline, other.headline = other.headline, one.headline


def _pair_share(shares: dict[tuple[str, str], float], runs: list[TextRun], texts: list[tuple[str, str]],
                h: int, s: int) -> float:
    """``similarity`` of run h's headline and run s's story, read once per pair of texts
    (``texts``: each run's headline and story text) and kept in ``shares``."""
    key = (texts[h][0], texts[s][1])
    if key not in shares:
        head = runs[h].headline
        shares[key] = similarity(head, runs[s]) if head is not None else 0.0
    return shares[key]


def stacked_headlines(page: Page) -> list[tuple[Line, float, float]]:
    """Two headlines a PDF tool printed one over the other (PyMuPDF draws a page's display type
    together), read as one title of two lines or up to ``stacked_headline_lines`` (parted into
    its upper and lower lines): when the story under them uses under ``max_stacked_share`` of
    one part's words and ``min_far_split_overlap`` of the other's, no word runs across the
    break, and another story uses ``min_far_split_overlap`` of the first part's words, that
    part is a headline of its own, left over for ``rehome_orphans`` and the later passes to
    place. Only when one parting fits. Returns the lines parted off with the shares of their
    words their story and the other story use, for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["9月22日，米河镇召开创文攻坚推进会。"])])
    >>> b = TextRun(fresh=True, sections=[(None, ["7月19日，市委书记王建平来到一线检查指导防汛工作。"])])
    >>> parts = [Line(1, "", "米河镇召开创文攻坚推进会"), Line(2, "", "市委书记王建平来到一线检查指导防汛工作")]
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> page = Page([a, b], [], [], [])
    >>> [(x.text, own, other) for x, own, other in stacked_headlines(page)], b.headline.text
    ([('米河镇召开创文攻坚推进会', 0.0, 1.0)], '市委书记王建平来到一线检查指导防汛工作')
    >>> [h.text for h in page.orphans], page.leftovers
    (['米河镇召开创文攻坚推进会'], ['米河镇召开创文攻坚推进会'])

    A lower line parts only from a story whose own headline fits it worse:

    >>> a.headline = HeadGroup([(Role.TITLE, Line(3, "", "米河镇召开创文攻坚推进会"))])
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in reversed(parts)])
    >>> stacked_headlines(Page([a, b], [], [], []))
    []

    Three lines: the upper headline on one line, the lower one wrapped on two (新媒体采风团… /
    “少”乱停乱放 / 清理“乱搭乱建”问题):

    >>> a.headline = None
    >>> parts = [Line(1, "", "米河镇召开创文攻坚推进会"), Line(2, "", "市委书记王建平来到一线"), Line(3, "", "检查指导防汛工作")]
    >>> b.headline = HeadGroup([(Role.TITLE, x) for x in parts])
    >>> [x.text for x, _, _ in stacked_headlines(Page([a, b], [], [], []))], b.headline.text
    (['米河镇召开创文攻坚推进会'], '市委书记王建平来到一线检查指导防汛工作')
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
                # a lower line may be its headline's second phrase (大比拼 / 和美乡村添光彩, which
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


def headlines_to_untitled(page: Page) -> list[tuple[HeadGroup, float, float]]:
    """A headline that went to a story using few of its words moves to an untitled story that
    shares ``swap_margin`` more of them (and at least ``min_rescue_overlap``): a headline printed
    after every story's text (PyMuPDF draws a page's display type last, at its foot) goes to the
    story printed right above it, and a PDF tool reading across columns puts a headline over the
    wrong column's text. A headline at the foot moves to any untitled story; any other one only
    to a story that opens there (``TextRun.fresh``), not to a column's continuation
    (``headlines_to_fresh_untitled``). The story it leaves
    is untitled, for the later passes (``last_headlines``, the far-title rescues) to title. The
    largest gain goes first. Returns each moved headline with its share of words in its old and
    its new story, for the report.

    >>> a = TextRun(fresh=True, sections=[(None, ["5月3日，长乐街道新建口袋公园，方便居民休闲。"])], first=0, last=0)
    >>> b = TextRun(fresh=True, sections=[(None, ["安平县开展城乡环境卫生整治。"])], first=1, last=1)
    >>> b.headline = HeadGroup([(Role.TITLE, Line(3, "", "长乐街道新建口袋公园"))])
    >>> page = Page([a, b, b.headline], [], [], [])
    >>> [(h.text, old, new) for h, old, new in headlines_to_untitled(page)], a.headline is not None, b.headline
    ([('长乐街道新建口袋公园', 0.0, 1.0)], True, None)

    A headline printed over a story goes only to an untitled story that opens, not to text
    that goes on another column:

    >>> b.headline, a.headline, a.fresh = HeadGroup([(Role.TITLE, Line(1, "", "长乐街道新建口袋公园"))]), None, False
    >>> headlines_to_untitled(Page([b.headline, b, a], [], [], []))
    []
    >>> a.fresh = True
    >>> [h.text for h, _, _ in headlines_to_untitled(Page([b.headline, b, a], [], [], []))]
    ['长乐街道新建口袋公园']
    """
    if not SETTINGS.headlines_to_untitled:
        return []
    runs = [x for x in page.items if isinstance(x, TextRun) and not x.absorbed and x.has_body]
    # the headlines printed after the page's last text: drawn at the foot, away from their stories
    last_text = max((k for k, x in enumerate(page.items) if isinstance(x, TextRun) and not x.absorbed
                     and x.has_body), default=-1)
    foot = {id(x) for x in page.items[last_text + 1:] if isinstance(x, HeadGroup)}
    moved: list[tuple[HeadGroup, float, float]] = []
    while True:
        best: tuple[float, TextRun, TextRun] | None = None
        for run in runs:
            head = run.headline
            if head is None:
                continue
            at_foot = id(head) in foot
            if not at_foot and not SETTINGS.headlines_to_fresh_untitled:
                continue
            own = similarity(head, run)
            for other in runs:
                if other.headline is not None or not (at_foot or other.fresh):
                    continue
                share = similarity(head, other)
                gain = share - own
                if share >= SETTINGS.min_rescue_overlap and gain >= SETTINGS.swap_margin and (
                        best is None or gain > best[0]):
                    best = (gain, run, other)
        if best is None:
            return moved
        _, run, other = best
        head = run.headline
        assert head is not None
        moved.append((head, round(similarity(head, run), 2), round(similarity(head, other), 2)))
        other.headline, run.headline = head, None


def last_headlines(page: Page) -> list[tuple[HeadGroup, float]]:
    """Stories still without a headline take the headlines still left over, best shared words
    first (any share above nothing): each story would otherwise show its first words as its
    title, which is never its title, while a left-over headline is some story's. Returns each
    headline placed with its share of words, for the report.

    >>> run = TextRun(fresh=True, sections=[(None, ["每年10月中旬，当雄县牧民转场到冬季牧场。"])])
    >>> lone = HeadGroup([(Role.TITLE, Line(9, "", "政策进牧场 春风暖草原"))])
    >>> page = Page([run, lone], [], [], ["政策进牧场 春风暖草原"], orphans=[lone])
    >>> [(h.text, share) for h, share in last_headlines(page)], run.headline is lone, page.leftovers
    ([('政策进牧场 春风暖草原', 0.11)], True, [])
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
