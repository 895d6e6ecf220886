"""Line-role stage: give every line of a page its Role with the fitted sequence model.

The model is a linear-chain CRF (python-crfsuite, the way GROBID labels PDF header lines) over
the features of ``features.py``; its weights come from generated pages of the corpus's fitting
part (``make model``, ``civicnews.fit.train``), never from rules written here. Each decision
keeps the model's confidence (the marginal probability of the chosen role) and the features that
weighed most for it, so the report can say why a line is a title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .features import page_features
from .model import Line, Role
from .rules import Rules
from .settings import SETTINGS

MODEL_PATH = Path(__file__).parent / "models" / "line_roles.crfsuite"
# How many of a decision's strongest features the report shows.
EVIDENCE_FEATURES = 3


class ModelMissing(RuntimeError):
    """The fitted model file is absent: `make model` makes it."""


@dataclass(frozen=True)
class Decision:
    """The role a line got, how sure the model was, and the features that weighed most.

    ``continues`` is true for a display line that goes on the headline part of the line before
    (the second line of a title broken in two), false where a new headline part begins."""

    role: Role
    confidence: float
    evidence: tuple[str, ...] = ()
    continues: bool = False


# The model's tag for a display line that goes on the part of the line before: role + this.
CONTINUES = "+"


def model_tag(role: Role, continues: bool) -> str:
    """The tag the model is fitted on for a line.

    >>> model_tag(Role.TITLE, True), model_tag(Role.BODY, False)
    ('title+', 'body')
    """
    return f"{role}{CONTINUES}" if continues else str(role)


@lru_cache(maxsize=2)
def _tagger(path: str):
    import pycrfsuite

    if not Path(path).is_file():
        raise ModelMissing(f"{path}: no line-role model (run `make model`)")
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


@lru_cache(maxsize=2)
def _weights(path: str) -> dict[str, dict[str, float]]:
    """tag → {feature: positive weight}, read once, for the evidence the report shows."""
    out: dict[str, dict[str, float]] = {}
    for (feature, tag), weight in _tagger(path).info().state_features.items():
        if weight > 0 and feature != "bias":
            out.setdefault(tag, {})[feature] = weight
    return out


@lru_cache(maxsize=2)
def _ranked(path: str) -> dict[str, dict[str, tuple[float, str]]]:
    """tag → {feature: (positive weight, feature)}: the keys explain sorts by, made once."""
    return {tag: {f: (w, f) for f, w in weights.items()} for tag, weights in _weights(path).items()}


def explain(features: list[str], role: str, path: str = str(MODEL_PATH)) -> tuple[str, ...]:
    """The features that pushed hardest towards `role`, strongest first (by weight, then by
    name, highest first: what heapq.nlargest gave, by its documented equivalence to a sort)."""
    ranked = _ranked(path).get(role)
    if not ranked:
        return ()
    scored = sorted([key for key in map(ranked.get, features) if key is not None],
                    reverse=True)[:EVIDENCE_FEATURES]
    return tuple(f"{f} {w:+.1f}" for w, f in scored)


# Role by its value: Role(value) runs the Enum machinery for every line of every page.
_ROLES = {str(role): role for role in Role}


_DISPLAY = frozenset({Role.KICKER, Role.TITLE, Role.SUBTITLE, Role.SUBHEAD})
_TEXT_TAGS = tuple(str(role) for role in Role if role not in _DISPLAY)
_DISPLAY_TAGS = tuple(str(role) for role in Role if role in _DISPLAY)


def label_lines(lines: list[Line], rules: Rules | None, model: Path = MODEL_PATH) -> list[Decision]:
    """The role of every line of a page, in order."""
    if not lines:
        return []
    path = str(model)
    tagger = _tagger(path)
    xseq = page_features(lines, rules)
    tags = tagger.tag(xseq)
    out = []
    roles = _ROLES
    # looked up once a page, not once a line
    marginal, column_piece_text = tagger.marginal, SETTINGS.column_piece_text
    parted_head_display = SETTINGS.parted_head_display
    unsure, body = SETTINGS.unsure_confidence, Role.BODY
    for t, (line, tag, feats) in enumerate(zip(lines, tags, xseq, strict=True)):
        role = roles[tag.rstrip(CONTINUES)]
        if line.column_piece and column_piece_text and role in _DISPLAY:
            # a column line parted off a row read across (lines.split_joined_columns) is never
            # display type: the likeliest other role
            tag = max(_TEXT_TAGS, key=lambda x: marginal(x, t))
            role = roles[tag.rstrip(CONTINUES)]
        if line.head_start and parted_head_display and role not in _DISPLAY:
            # a headline parted off a row of two side by side (lines.part_side_titles,
            # side_heads) was told a headline by its wrap: the likeliest display role
            tag = max(_DISPLAY_TAGS, key=lambda x: marginal(x, t))
            role = roles[tag.rstrip(CONTINUES)]
        confidence = round(marginal(tag, t), 3)
        # the report shows the evidence of every line but confident plain text (report.notable):
        # only those lines pay for it
        shown = role is not body or confidence < unsure
        # a headline the line stage parted from the one beside it (lines.part_side_titles,
        # join_interleaved_heads) begins a headline of its own, whatever the model read
        out.append(Decision(role, confidence, explain(feats, tag, path) if shown else (),
                            continues=tag.endswith(CONTINUES) and not line.head_start))
    return out
