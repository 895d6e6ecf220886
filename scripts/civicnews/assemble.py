"""Assemble stage: lines with their roles in, stories out.

The line-role model says what each line is; this stage only puts the pieces together, in named
passes that ``assemble_page`` runs in order, each in the module of its family:
1. ``line_rereads``: the model's roles reread line by line before grouping (credits read as
   display, stories' first lines read as titles, headlines broken at a dash, a colon or a quote,
   titles read as subheads between two stories, …);
2. ``grouping.group_items``: consecutive display lines form a headline group; text lines form
   runs, a new run beginning at a story's first line (a credit or a START line) and a run ending
   at a byline; then the groups' first fixes (``grouping``);
3. ``side_by_side.part_side_by_side``: one headline group of two headlines printed side by side
   over two stories whose lines come interleaved (pdfminer) is parted into two headlines over
   two stories, by the columns' words;
   ``pairing.pair_headlines``: headline groups and the runs next to them are paired so that, over
   the page, headlines share the most words with their stories, with a prior for the run after a
   headline at a story's beginning (a title may be printed after its body). A real headline
   shares words with its story; that decides, not position;
4. ``headline_parts``: which of a headline's lines are its kicker, its title or furniture;
5. ``story_cuts.split_resumed``: a story's text that, from some paragraph on, reads as an earlier
   story rather than its own beginning is cut there (a brief printed inside it);
   ``story_joins``: a lone title between two parts of one story is its subhead
   (``demote_subheads``), and a run that is no story's beginning goes on the earlier story whose
   text it shares most words with (``join_continuations``);
6. ``title_rescue``: a story still without a headline takes the display-shaped line printed right
   before or after it that the model read as furniture, a caption or text, when that line shares
   enough of its words with the story (``rescue_titles``), or the headline-shaped line right above
   it (``titles_above_stories``);
7. ``headline_moves``, ``story_cuts`` (far splits), ``title_rescue`` (far titles): headlines a PDF
   tool printed away from their stories find them; ``story_joins.pieces_read_as_stories``: an
   untitled "story" of a few characters goes on the headline above it or the story before;
8. ``article_build``: a credit alone closes the story before it; ``build_article``: headline
   parts, paragraphs, credits and captions of one story.
The data the passes share is in ``page_items``, the shape tests of a line they share in
``line_shapes``. Every line ends in a story, the page furniture or the leftovers; every
rereading is named in the line's evidence here, for the report.
"""

from __future__ import annotations

from dataclasses import replace

from .article_build import assign_captions, build_article, credits_closing_stories, unsure_reasons
from .features import opens_story
from .grouping import (
    demote_sentence_pieces,
    group_items,
    headings_over_stories,
    short_leads,
    texts_running_across,
)
from .headline_moves import (
    headlines_to_untitled,
    last_headlines,
    rehome_orphans,
    stacked_headlines,
    swap_crossed_headlines,
)
from .headline_parts import (
    drop_stray_title_tails,
    kickers_by_words,
    phrase_list_kickers,
    place_kickers,
    place_opening_kickers,
    pull_quotes_inside_stories,
    pull_quotes_under_kickers,
    slogan_kickers,
    slogan_titles,
    titles_by_words,
)
from .labeler import Decision
from .line_rereads import (
    blocks_read_as_text,
    campaign_lines_in_headlines,
    chart_labels,
    colon_title_openings,
    colon_titles,
    credits_as_bylines,
    credits_read_as_starts,
    dash_subtitles,
    dash_titles,
    dated_text_read_as_furniture,
    datelines_open_stories,
    datelines_read_as_bylines,
    far_reprints,
    kickers_ending_titles,
    leads_after_bracket_labels,
    leads_after_credits,
    leads_at_new_measures,
    leads_echoing_titles,
    openings_read_as_titles,
    prose_read_as_titles,
    quoted_titles,
    reprinted_blocks,
    reprinted_title_ends,
    slogans_read_as_headlines,
    subheads_opening_stories,
    subheads_touching_titles,
    text_read_as_titles,
    title_ends_broken_off,
    title_ends_read_as_leads,
    titles_after_credits,
    titles_between_stories,
    titles_ending_sentences,
    titles_naming_new_places,
    titles_opened_by_text,
    titles_over_openings,
    titles_read_as_leads,
)
from .line_shapes import DASH_OPENING, touching
from .model import Article, Line, LineRole, PageInfo, PageResult, Role
from .page_items import TextRun
from .pairing import pair_headlines, split_for_late_titles, split_late_pairs, split_shared_groups
from .paragraphs import ends_sentence
from .rules import Rules
from .settings import SETTINGS
from .side_by_side import part_side_by_side
from .story_cuts import (
    far_splits,
    far_splits_by_aside,
    split_resumed,
    stacked_title_splits,
    stories_without_text,
)
from .story_joins import (
    blocks_of_other_measure,
    demote_subheads,
    headed_resumes,
    join_continuations,
    leads_of_later_stories,
    pieces_read_as_stories,
    pull_quotes_over_headlines,
    tails_read_as_stories,
)
from .title_rescue import (
    broken_title_tails,
    far_title_heads,
    far_title_tails,
    far_titles_by_words,
    label_kickers,
    orphan_title_heads,
    orphan_title_tails,
    rescue_titles,
    title_tails,
    titles_above_stories,
)


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
    for k in dated_text_read_as_furniture(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.BODY, (
            "opens with a date and goes on in words into the text line under it: the story's text"))
        if decisions[k + 1].role is Role.START:
            decisions[k + 1] = replace(decisions[k + 1], role=Role.BODY)
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
    for k in slogans_read_as_headlines(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.FURNITURE, (
            "a formulaic campaign slogan, a block of its own: page furniture, no headline"))
    campaigns = campaign_lines_in_headlines(lines, decisions, rules)
    for k in campaigns:
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a campaign slogan against a headline line no rule names, the text by them"
            " using their words: a headline's piece"), k - 1 in campaigns or (
            k > 0 and decisions[k - 1].role is Role.TITLE and touching(lines[k - 1], lines[k])))
        if k + 1 < len(lines) and decisions[k + 1].role is Role.TITLE and touching(lines[k], lines[k + 1]):
            decisions[k + 1] = replace(decisions[k + 1], continues=True)  # the block is one headline
    for k, score in titles_between_stories(lines, decisions, rules).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            f"the text after it and before it share a cosine of {score:.2f}"))
    for k, score in titles_over_openings(lines, decisions, rules).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            f"set apart over text that opens like a story and uses its words, the text before"
            f" fewer (the two texts' cosine {score:.2f}): a headline read as text"))
    for k, score in subheads_opening_stories(lines, decisions, rules).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            f"the text after it opens like a story and uses its words, the text before far fewer"
            f" (the two texts' cosine {score:.2f}): a new story's title"))
        nxt = next((j for j in range(k + 1, len(lines)) if lines[j].text), None)
        if nxt is not None and decisions[nxt].role is Role.BODY:  # that opening is the story's first line
            decisions[nxt] = _reread_decision(decisions[nxt], Role.START, (
                "opens like a story under a subhead read as its title"))
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
    across: set[int] = set()  # such headlines over text that opens no story
    block_lines = blocks_read_as_text(lines, decisions, rules)
    for k, goes_on in block_lines:
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a headline-shaped block of its own (blank lines before and after it), its words in"
            " the page's text: a headline printed among another story's lines"))
        if (k - 1, goes_on) in block_lines:  # a wrapped headline's end: the headline goes on
            decisions[k] = replace(decisions[k], continues=True)
        if goes_on:
            across.add(lines[k].number)
    for k in titles_opened_by_text(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a block's first line printed against the title line under"
            " it: that title's first piece"))
        decisions[k + 1] = replace(decisions[k + 1], continues=True)
    for k, goes_on in reprinted_blocks(lines, decisions).items():
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "drawn twice with the title line above it as one block: that title's next line" if goes_on else
            "the first line of a block drawn twice as a whole: a title of its own"), goes_on)
    reprints = far_reprints(lines, decisions)
    for k in reprinted_title_ends(decisions, reprints):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "printed again under the title line above it: that"
            " title's end"), True)
    for k, j in reprints.items():
        decisions[k] = _reread_decision(decisions[k], Role.FURNITURE, (
            f"a second print of line {lines[j].number}"))
    for k in chart_labels(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.FURNITURE, (
            "a chart's title, or a short label line right above it: the chart's, not a story's"))
    for k in kickers_ending_titles(lines, decisions):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "printed against the title line above it, set apart from the one under it: the"
            " headline above's last line"), True)
    for k in text_read_as_titles(lines, decisions):
        after_text = k > 0 and decisions[k - 1].role in (Role.START, Role.BODY) and lines[k].gap_before == 0
        decisions[k] = _reread_decision(decisions[k], Role.BODY if after_text else Role.START, (
            "its last word runs into the text line under it, which holds a clause: the story's text"))
        if decisions[k + 1].role is Role.START:
            decisions[k + 1] = replace(decisions[k + 1], role=Role.BODY)
    for k in prose_read_as_titles(lines, decisions):
        after_text = k > 0 and decisions[k - 1].role in (Role.START, Role.BODY) and lines[k].gap_before == 0
        # set apart after a finished sentence, it opens a paragraph the model took for a new
        # story's start (a double-spaced story's first line): it keeps that story's start
        after_end = k > 0 and decisions[k - 1].role in (Role.START, Role.BODY) and lines[k].gap_before > 0 \
            and ends_sentence(lines[k - 1].text)
        role = Role.START if not after_text and (after_end or opens_story(lines[k].text.strip())) else Role.BODY
        decisions[k] = _reread_decision(decisions[k], role, (
            "a sentence ends inside it, or it holds two kinds of clause marks: a story's text"))
    for head, block in leads_echoing_titles(lines, decisions):
        if decisions[head].role is Role.KICKER:
            decisions[head] = _reread_decision(decisions[head], Role.TITLE, (
                "the line under it repeats its opening and runs on into the text: the title"))
        for j in block:
            decisions[j] = _reread_decision(decisions[j], Role.START if j == block[0] else Role.BODY, (
                "repeats the opening of the headline line above it and runs on into the text:"
                " the story's first line"))
        nxt = block[-1] + 1
        if decisions[nxt].role is Role.START:
            decisions[nxt] = replace(decisions[nxt], role=Role.BODY)
    for k in title_ends_broken_off(lines, decisions, rules):
        decisions[k] = _reread_decision(decisions[k], Role.TITLE, (
            "a few characters printed against the title line above it, a word or a quotation"
            " running on from it: that title's end, broken off"), True)
    roles = [LineRole(line.number, line.text, d.role, d.confidence, d.evidence)
             for line, d in zip(lines, decisions, strict=True)]
    page = group_items(lines, decisions, rules)
    texts_running_across(page, across)
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
    if SETTINGS.side_by_side:
        for number, own_first, own_second in part_side_by_side(page):
            old = roles[index[number]]
            roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
                *old.evidence, f"a second headline printed side by side with the first, their lines"
                f" interleaved: the first's columns use {own_first:.2f} of its words, this one's columns"
                f" {own_second:.2f} of its words"))
    for number, own_first, own_second in split_late_pairs(page, rules):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"a second late headline: the lines before it share {own_first:.2f} of"
            f" their words with the text before a paragraph, it {own_second:.2f} with the text after"))
    for number, own_upper, own_late in split_for_late_titles(page):
        old = roles[index[number]]
        roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
            *old.evidence, f"a late headline: the story before it, under another headline, uses"
            f" {own_late:.2f} of its words after a paragraph start (that headline {own_upper:.2f} before it)"))
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
    for k in label_kickers(page, lines):
        _reread(roles, k, Role.KICKER, (
            "a label in brackets right under the title: the headline's kicker"))
    for k in broken_title_tails(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            "right under the title, a word running into it from the title that its story"
            " prints: the title's end, broken inside a word"))
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
    for line in slogan_titles(page, rules):
        _reread(roles, index[line.number], Role.FURNITURE, (
            "the furniture rules name it, and its story uses few of its words: a slogan, not"
            " the story's title"))
    for title_lines, quote_lines in pull_quotes_under_kickers(page):
        for line in title_lines:
            _reread(roles, index[line.number], Role.TITLE, (
                "over a title its story prints word for word as a whole clause, its own words"
                " echoed by the story: the title"))
        for line in quote_lines:
            _reread(roles, index[line.number], Role.CAPTION, (
                "a whole clause of its story word for word, under the headline: a pull quote"))
    for line in pull_quotes_inside_stories(page):
        _reread(roles, index[line.number], Role.CAPTION, (
            "printed word for word in the story before it, between that story and text that opens"
            " no story: a pull quote"))
    for line, why in place_opening_kickers(page, rules):
        _reread(roles, index[line.number], Role.TITLE, f"{why}: the title's first line")
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
    for number, share in pull_quotes_over_headlines(page):
        if number in index:
            old = roles[index[number]]
            roles[index[number]] = LineRole(old.number, old.text, old.role, old.confidence, (
                *old.evidence, f"an untitled quotation signed with a dash and a name, right over a headline"
                f" whose story shares {share:.2f} of its words: that story's pull quote"))
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
    for number, title in blocks_of_other_measure(page, lines):
        if (k := index.get(number)) is not None:
            _annotate(roles, k, f"a block set to another measure than the story around it, sharing words with"
                      f" 「{title}」, set to that measure: that story's column, printed inside this one")
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
    for head, old_share, new_share in headlines_to_untitled(page):
        for _, line in head.parts:
            _annotate(roles, index[line.number], (
                f"printed at the foot after the stories, it heads the untitled story that uses"
                f" {new_share:.2f} of its words, not the one above it ({old_share:.2f})"))
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
    for k, title in far_title_heads(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"a box a word runs from into the title 「{title}」, its story"
            " printing that word: that title's first line, printed apart"))
    for k, title in orphan_title_heads(page, lines):
        _reread(roles, k, Role.TITLE, (
            f"a headline left over that a word runs from into the title 「{title}」, its story"
            " printing that word: that title's first line, printed apart"))
    for k, title in far_title_tails(page, lines, rules):
        _reread(roles, k, Role.TITLE, (
            f"a short box its story prints right after the title 「{title}」:"
            " that title's wrapped end, printed apart"))
    for k, title in orphan_title_tails(page, lines):
        _annotate(roles, k, (
            f"left over, right under the title 「{title}」 and one phrase with its last line:"
            " that title's rest"))
    for number, became in pieces_read_as_stories(page, lines):
        if (k := index.get(number)) is None:
            continue
        if became == "title":
            _reread(roles, k, Role.TITLE, (
                "a few characters and no clause, untitled, right under the headline of another"
                " story: that headline's last line"))
        else:
            _annotate(roles, k, (
                "a few characters, untitled, right after a story whose sentence it ends: that"
                " story's text"))
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
