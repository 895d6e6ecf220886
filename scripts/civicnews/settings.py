"""Tunables of extraction, in one place, each with how it was set.

The line-role model's weights are fitted (``make model``); these few numbers decide how its
decisions are put together. ``civicnews.fit.tune`` measures each candidate value on generated
pages of the corpus's fitting part and prints the table the values below were read from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # A headline between two untitled stories goes to the one before it (a title printed after
    # its body) only when its words are this much more the earlier story's: a title shares
    # words with its story. fit.tune (80 fitting-part pages, seed 99): 0.0–0.1 give
    # title_exact 0.775, 0.2 gives 0.765, 0.3 gives 0.770; the largest of the best is kept.
    title_before_margin: float = 0.1
    # … and when the story after it is no story's beginning, this much shared wording suffices.
    # fit.tune: flat from 0.1 to 0.5 (the model's START lines decide first); 0.2 kept.
    min_title_overlap: float = 0.2
    # A title with no untitled story next to it splits the story before it where this share of
    # its words begins to appear (two stories run together, the second's title after its body).
    # fit.tune: 0.2–0.4 give title_exact 0.775 and count_exact 0.900; 0.5 gives 0.761 and
    # 0.938; 0.7 gives 0.742 and 0.912. Titles weigh more here: 0.4, the largest of the best.
    min_split_overlap: float = 0.4
    # A story left without a headline takes a headline-shaped line next to it that the model
    # read as furniture, a caption or text when this share of the line's words is in the story.
    # fit.tune (seed 99, the stop-15 model): 0.2–0.3 give title_exact 0.812, 0.4–0.5 give
    # 0.808, off (1.01) 0.793; the largest of the best is kept.
    min_rescue_overlap: float = 0.3
    # How many CJK characters a headline line holds (shortest and longest), for that rescue: a
    # one-word label is no title; longer than a headline printed on one line is text.
    title_chars: tuple[int, int] = (5, 40)
    # A story's text is cut where, from a paragraph on, it shares this much more of its words
    # (cosine of bigram sets) with an earlier story than with its own beginning: the earlier
    # story resumed after a brief. fit.tune (seed 99, stop-15 model): 0.05–0.3 and off give
    # title_exact 0.822, body_f1 0.962; 0.0 gives body_f1 0.953. On 40 typeset fitting-part
    # pages (seed 12), PyMuPDF body_f1 0.858 at 0.03–0.05 against 0.827 off, pdftotext 0.769
    # against 0.754; 0.05 keeps both.
    resume_margin: float = 0.05
    # A lone title between two parts of one story is its subhead when the text after it and the
    # text before it have at least this cosine (bigram sets). fit.tune --seed 98: 0.1 gives
    # count_exact 0.863 and title_exact 0.784, 0.08 0.850/0.779, 0.15 and off 0.838/0.774;
    # seed 99: 0.1–0.2 and off 0.887/0.803, 0.08 0.875/0.808. Same-story parts measured 0.09–0.14,
    # different stories on one page 0.01–0.05.
    min_subhead_similarity: float = 0.1
    # A text run that goes on an earlier story looks this many runs back for it: a story resumes
    # after a brief or two printed inside it, not pages of stories later (and a 5 MB page stays
    # linear).
    continuation_window: int = 6
    # A story with fewer CJK characters than this is flagged for an editor: the shortest briefs
    # in the corpus run about 80.
    min_body_chars: int = 80
    # A headline, credit, START or furniture line decided with less confidence than this is
    # flagged. On 80 fitting-part pages (seed 99): 68 of 887 such lines flagged, 60% of them
    # wrong, holding 44% of the wrong decisions; 0.5 flags 32 (62% wrong, 21% of errors), 0.7
    # flags 114 (52% wrong, 63%).
    unsure_confidence: float = 0.6


SETTINGS = Settings()
