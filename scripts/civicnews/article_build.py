"""Articles out: closing credits, then each story's article, its captions and the page's doubts.

In the order they run:
1. ``credits_closing_stories``: an untitled run that is only a credit in brackets closes the
   story before it;
2. ``build_article``: one story's headline parts, sections of rejoined paragraphs and its credit
   (``merge_credit_lines``: a credit broken over a narrow column's lines is one; ``_credit``);
3. ``assign_captions``: each photo caption goes to the story that shares most of its words, else
   to the story printed before it;
4. ``unsure_reasons``: why an editor should look at the page (untitled or short stories,
   leftovers, unsure headline lines).
"""

from __future__ import annotations

from . import credits
from .features import bigrams
from .headline import (
    compose_headline,
)
from .line_chains import read_story_down
from .model import Article, Credit, LineRole, PageInfo, Role, Section
from .page_items import HEAD_ROLES, Page, TextRun
from .paragraphs import ends_sentence, rejoin_paragraphs, restore_lost_quotes
from .patterns import cjk_count
from .rules import Rules
from .settings import SETTINGS

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
    read = run.sections
    if SETTINGS.story_chains:
        # pdfminer's interleaved columns read down inside the story (its boundaries stay put)
        read = [(head, read_story_down(lines)) for head, lines in read]
    sections = [(head, rejoin_paragraphs(lines)) for head, lines in read]
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
