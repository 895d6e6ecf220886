"""Two stories printed side by side under one headline group, their lines interleaved, parted
into two stories.

pdfminer (LAParams defaults) orders a typeset page's narrow column lines by height, so two
stories printed side by side come out one line of each in turn, and their two headlines, printed
side by side too, come out interleaved into one headline group (河口镇多措并举推动 垃圾分类工作落 /
桃源乡开展汛前隐患排查 / 地见效 / 大行动). The model reads the group as one headline over one story.

The text under such a group is parted into its columns by the words running across line breaks
(``line_chains.story_columns``: each line goes on in the line a period below it, not in the next
one). Each column goes to the headline (the group's odd or even lines) whose words it uses; the
group becomes two headlines over two stories when each headline's words are found in its own
columns and not the other's. Where every column uses one headline's words, the two stories were
printed one after the other under the two interleaved headlines: the run is cut at the paragraph
start that leaves each headline's words on its side (``_cut_in_turn``). Pages whose text runs on
line by line (text pages, PyMuPDF) have no columns here and are untouched.
"""

from __future__ import annotations

from .features import bigrams, spans_a_word
from .line_chains import story_columns
from .lines import fold_radicals
from .model import Line, Role
from .page_items import HeadGroup, Page, TextRun, _share, cosine, cut_run, shared_split_point
from .settings import SETTINGS


def _sides(first: HeadGroup, second: HeadGroup, texts: list[str]) -> list[int]:
    """Each column's side: 0 for the first headline, 1 for the second, by the share of each
    headline's words the column uses; a column that uses neither's (or both alike) goes with
    the side whose columns it shares more words with, else with the column before it."""
    sides: list[int | None] = []
    for text in texts:
        one, two = _share(first, text), _share(second, text)
        sides.append(0 if one > two else 1 if two > one else None)
    for k, side in enumerate(sides):
        if side is not None:
            continue
        own = ["".join(t for t, s in zip(texts, sides, strict=True) if s == x) for x in (0, 1)]
        near = [cosine(bigrams(texts[k]), bigrams(t)) if t else 0.0 for t in own]
        before = next((s for s in reversed(sides[:k]) if s is not None), 0)
        sides[k] = 0 if near[0] > near[1] else 1 if near[1] > near[0] else before
    return [int(s) for s in sides]


def _headlines(parts: list[tuple[Role, Line]], own: list[str]) -> tuple[HeadGroup, HeadGroup]:
    """The two headlines from the group's lines, given each story's text: a line goes to the
    story that uses more of its words; a line that neither uses more (a wrapped last
    character, a place name) goes with the earlier line it runs on from (家 / 园), else takes
    turns (odd and even lines).

    >>> parts = [(Role.TITLE, Line(k, "", t)) for k, t in enumerate(["开展人居环境整治 共建美好家", "营口市站前区托起民生", "园"])]
    >>> a, b = _headlines(parts, ["人居环境整治工作，建设美好家园。", "营口市站前区民生工作。"])
    >>> a.text, b.text
    ('开展人居环境整治 共建美好家园', '营口市站前区托起民生')
    """
    sides: list[int] = []
    for k, (_, line) in enumerate(parts):
        one, two = (_share(HeadGroup([(Role.TITLE, line)]), text) for text in own)
        if one != two:
            sides.append(0 if one > two else 1)
            continue
        head = fold_radicals(line.text.strip()[:6])
        before = next((sides[j] for j in range(k - 1, -1, -1)
                       if spans_a_word(fold_radicals(parts[j][1].text.strip()[-6:]), head)), None)
        sides.append(k % 2 if before is None else before)
    return (HeadGroup([p for p, s in zip(parts, sides, strict=True) if s == 0]),
            HeadGroup([p for p, s in zip(parts, sides, strict=True) if s == 1]))


def _cut_in_turn(items: list, top: int, k: int, parts: list[tuple[Role, Line]],
                 out: list[tuple[int, float, float]]) -> bool:
    """Two headlines interleaved over two stories printed one after the other (each in
    columns): the run is cut at the paragraph start that leaves each headline's words on its
    side only (``shared_split_point``)."""
    run = items[k]
    lines = run.sections[0][1]
    first, second = HeadGroup(parts[0::2]), HeadGroup(parts[1::2])
    cut = shared_split_point(first, second, lines, SETTINGS.side_by_side_min_share)
    if cut is None:
        return False
    front, back = "".join(lines[:cut]), "".join(lines[cut:])
    first, second = _headlines(parts, [front, back])
    if not first.parts or not second.parts:
        return False
    # interleaved: the first headline has a line after one of the second's (a headline whose
    # lines are only cut in two, its first lines' words told early and the rest later, is one)
    if first.parts[-1][1].number < second.parts[0][1].number:
        return False
    own_first, own_second = _share(first, front, back), _share(second, back, front)
    if min(own_first, own_second) < SETTINGS.side_by_side_min_share:
        return False
    tail = cut_run(run, cut)
    items[top:k + 1] = [first, run, second, tail]
    out.append((second.parts[0][1].number, round(own_first, 3), round(own_second, 3)))
    return True


def part_side_by_side(page: Page) -> list[tuple[int, float, float]]:
    """A headline group of two headlines interleaved (odd and even lines) over a run whose lines
    fall into columns, some using the first headline's words, the others the second's: the
    group and the run are parted into two headlines over two stories, each story's columns read
    down. Each headline must share ``side_by_side_min_share`` of its words with its own columns
    and not the other's. Returns, for the report, the first line number of each second
    headline and both shares.
    """
    out: list[tuple[int, float, float]] = []
    floor = SETTINGS.side_by_side_min_share
    items = page.items
    k = 0
    while k + 1 < len(items):
        run = items[k + 1]
        k += 1
        if not isinstance(run, TextRun) or run.headline is not None or run.absorbed:
            continue
        if len(run.sections) != 1 or not run.has_body:
            continue
        # the headline lines right above the run, over one group or more (the model may start a
        # new group where the two headlines' lines alternate)
        top = k
        while top > 0 and isinstance(items[top - 1], HeadGroup):
            top -= 1
        parts = [part for head in items[top:k] for part in head.parts]  # type: ignore[union-attr]
        if len(parts) < SETTINGS.side_by_side_min_parts:
            continue
        subhead, lines = run.sections[0]
        columns = story_columns(lines)
        if columns is None or len(columns) < 2:
            continue
        first, second = HeadGroup(parts[0::2]), HeadGroup(parts[1::2])
        texts = ["".join(lines[i] for i in chain) for chain in columns]
        sides = _sides(first, second, texts)
        if len(set(sides)) < 2:
            if SETTINGS.side_by_side_cuts and _cut_in_turn(items, top, k, parts, out):
                k = top + 3
            continue
        own = ["".join(t for t, s in zip(texts, sides, strict=True) if s == x) for x in (0, 1)]
        first, second = _headlines(parts, own)
        if not first.parts or not second.parts:
            continue
        share_first, share_second = _share(first, own[0], own[1]), _share(second, own[1], own[0])
        if min(share_first, share_second) < floor:
            continue
        order = [[i for chain, s in zip(columns, sides, strict=True) if s == x for i in chain] for x in (0, 1)]
        # the story whose columns hold the run's first line comes first, with the run's credit
        # lines; the one holding its last line keeps the closing credit
        if 0 not in order[0]:
            first, second, order = second, first, order[::-1]
            share_first, share_second = share_second, share_first
        tail = TextRun(fresh=True, sections=[(None, [lines[i] for i in order[1]])])
        numbers = run.numbers
        pre = len(run.credit_lines)
        if len(numbers) == pre + len(lines) + len(run.bylines):
            body = numbers[pre:pre + len(lines)]
            ending = numbers[pre + len(lines):]
            last_second = len(lines) - 1 in order[1]
            run.numbers = numbers[:pre] + [body[i] for i in sorted(order[0])] + ([] if last_second else ending)
            tail.numbers = [body[i] for i in sorted(order[1])] + (ending if last_second else [])
            if last_second:
                tail.bylines, tail.closed, tail.continued_to = run.bylines, run.closed, run.continued_to
                run.bylines, run.closed, run.continued_to = [], False, None
        run.sections[0] = (subhead, [lines[i] for i in order[0]])
        items[top:k + 1] = [first, run, second, tail]
        k = top + 3
        out.append((second.parts[0][1].number, round(share_first, 3), round(share_second, 3)))
    return out
