"""One story's lines read back down its columns where pdfminer printed side-by-side columns
interleaved, one line of each column in turn.

pdfminer (LAParams defaults) groups characters into lines by height and, on a typeset page of
tight narrow columns, makes each column line a text box of its own: the boxes are then ordered
by height across the page, so column 1's line, column 2's, column 3's, then column 1's next line
come out one after another. That is a period ``p`` (the number of columns side by side) that
changes down the page where a column joins or ends.

The story boundaries are found on pdfminer's order as it comes (the model was fitted on it, and
reordering the whole page first moved boundaries and cost count and titles: issue-9-pdfminer-s36
note). Here the order is mended only inside each story's text, after it was parted from its
neighbours: a period per line is chosen (Viterbi) to explain the words running across line
breaks (a line's last word ending in the line ``p`` below), and each line is followed by the line
its period points to. Every word broken at a wrong junction is mended; no boundary moves.
"""

from __future__ import annotations

from .features import spans_a_word
from .lines import fold_radicals
from .settings import SETTINGS


def line_periods(hits: list[list[bool]], switch: float, hit: float, miss: float) -> list[int]:
    """The period (1 .. P) of each line, from ``hits[i][q - 1]``: a word runs from line i into
    line i + q. A hit scores ``hit``, a miss ``miss`` (none past the text's end); changing
    period between two lines costs ``switch``. Period 1 is the plain order, where the text begins.

    >>> h = [[False, True, False], [False, False, True], [False, True, False], [False, False, False],
    ...      [True, False, False], [False, False, False]]
    >>> line_periods(h, 3.0, 2.3, -0.5)
    [2, 2, 2, 2, 2, 2]
    >>> line_periods([[True, False], [False, False], [True, False]], 3.0, 2.3, -0.5)
    [1, 1, 1]
    """
    if not hits:
        return []
    n, most = len(hits), len(hits[0])
    score = [0.0] + [-switch] * (most - 1)
    back: list[list[int]] = []
    for i in range(n):
        # the period changes before line i when staying costs more than switching
        best = max(range(most), key=lambda q: (score[q], -q))
        row, new = [], []
        for q in range(most):
            stay, move = score[q], score[best] - switch
            row.append(q if stay >= move else best)
            gain = 0.0 if i + q + 1 >= n else hit if hits[i][q] else miss
            new.append(max(stay, move) + gain)
        back.append(row)
        score = new
    q = max(range(most), key=lambda x: (score[x], -x))
    out = []
    for i in range(n - 1, -1, -1):
        out.append(q + 1)
        q = back[i][q]
    return out[::-1]


def line_chains(periods: list[int], across: list[bool]) -> list[list[int]]:
    """Line indices read down, one list a column: each line is followed by the line its period
    points to (unless another line already leads there); chains come in the order of their
    first lines. A line of period 1 there is not led to from a column, unless a word runs across
    (``across[i]``): a column's last line points past the columns.

    >>> line_chains([2, 2, 2, 2, 2, 2], [False] * 6)
    [[0, 2, 4], [1, 3, 5]]
    >>> line_chains([1, 1, 3, 3, 3, 3, 3, 3, 1, 1], [False] * 10)
    [[0, 1, 2, 5], [3, 6], [4, 7], [8, 9]]
    """
    n = len(periods)
    after = [-1] * n
    led = [False] * n
    for i, p in enumerate(periods):
        j = i + p
        if j < n and not led[j] and (p == 1 or periods[j] > 1 or across[i]):
            after[i], led[j] = j, True
    out = []
    for head in range(n):
        if led[head]:
            continue
        chain = []
        i = head
        while i >= 0:
            chain.append(i)
            i = after[i]
        out.append(chain)
    return out


def chain_order(periods: list[int], across: list[bool]) -> list[int]:
    """Line indices read down: the chains of ``line_chains`` one after another.

    >>> chain_order([2, 2, 2, 2, 2, 2], [False] * 6)
    [0, 2, 4, 1, 3, 5]
    >>> chain_order([1, 1, 3, 3, 3, 3, 3, 3, 1, 1], [False] * 10)
    [0, 1, 2, 5, 3, 6, 4, 7, 8, 9]
    """
    return [i for chain in line_chains(periods, across) for i in chain]


def story_columns(lines: list[str]) -> list[list[int]] | None:
    """One story's text lines parted into its columns (line indices read down each), where
    pdfminer printed them interleaved; None where the words run on into the next line (plain
    order: text pages, PyMuPDF, most pdftotext) or no period explains them.

    >>> story_columns(["甲乙丙", "丁戊己"]) is None
    True
    """
    most = SETTINGS.story_chains_max
    n = len(lines)
    if n < 3:
        return None
    # radicals folded once a line (pdfminer prints ⼯ for 工), not at each of the gaps tried
    heads = [fold_radicals(line.strip()[:6]) for line in lines]
    tails = [fold_radicals(line.strip()[-6:]) for line in lines]

    def runs_on(i: int, j: int) -> bool:
        return j < n and spans_a_word(tails[i], heads[j])

    # the cheap test first: words running on into the next line on a quarter of the lines or
    # more is plain order (no need to look further down)
    after = [runs_on(i, i + 1) for i in range(n)]
    if sum(after) >= SETTINGS.story_chains_plain_share * n:
        return None
    hits = [[after[i], *(runs_on(i, i + q) for q in range(2, most + 1))] for i in range(n)]
    # only a story whose words run on further down more often than into the next line is read
    # by periods at all
    counts = [sum(h[q] for h in hits) for q in range(most)]
    if max(counts[1:]) < max(SETTINGS.story_chains_min_hits, counts[0] + 1):
        return None
    periods = line_periods(hits, SETTINGS.story_chains_switch, SETTINGS.story_chains_hit, SETTINGS.story_chains_miss)
    if all(p == 1 for p in periods):
        return None
    return line_chains(periods, [p > 1 and hits[i][p - 1] for i, p in enumerate(periods)])


def read_story_down(lines: list[str]) -> list[str]:
    """One story's text lines read down its columns where they came interleaved; a story whose
    words run on into the next line (plain order: text pages, PyMuPDF, most pdftotext) is
    returned as it came, the same list.

    >>> read_story_down(["甲乙丙", "丁戊己"])
    ['甲乙丙', '丁戊己']
    """
    columns = story_columns(lines)
    if columns is None:
        return lines
    return [lines[i] for chain in columns for i in chain]
