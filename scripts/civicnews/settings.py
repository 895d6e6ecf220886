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
