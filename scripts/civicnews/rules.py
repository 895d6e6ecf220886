"""Load the editor-editable rule files (gazetteer, campaigns, roles, furniture, headline) once.

The YAML lives in ``civicnews/rules/``; a directory passed as ``rules_dir`` (or the
``CIVICNEWS_RULES`` environment variable) overrides any of the five files by name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from .places import Gazetteer, forget_gazetteers, load_gazetteer

DEFAULT_DIR = Path(__file__).parent / "rules"
RULE_FILES = ("gazetteer.yml", "campaigns.yml", "roles.yml", "furniture.yml", "headline.yml")
# libyaml when present: every process (each build worker too) reads the rules once, and the
# pure-Python parser took 33 ms of that; the same data either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RulesError(ValueError):
    """A rule file is missing or malformed: the message names the file and the problem."""


@dataclass(frozen=True)
class Place:
    name: str
    parent: str | None
    level: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Campaign:
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    places: dict[str, Place]
    publications: dict[str, str]
    located_in: tuple[str, ...]
    campaigns: tuple[Campaign, ...]
    campaign_min_hits: int
    roles: tuple[str, ...]  # longest first
    group_suffixes: tuple[str, ...]
    datelines: tuple[str, ...]
    byline_marks: str
    name_min: int
    name_max: int
    furniture: tuple[re.Pattern[str], ...]
    furniture_any: re.Pattern[str]  # all furniture patterns in one, for speed (one match per line)
    chart_title: re.Pattern[str]
    caption_marks: str
    # formulaic campaign slogans (furniture.yml slogans): never a story's title, wherever printed
    slogan: re.Pattern[str] = re.compile(r"(?!)")
    # campaign slogans among the furniture patterns (furniture.yml campaign_lines): furniture,
    # except a piece of a headline (line_rereads.campaign_lines_in_headlines)
    campaign_line: re.Pattern[str] = re.compile(r"(?!)")
    # the editor's gazetteer.yml entries as written, laid over the national data in ``gazetteer``
    editor_places: tuple[dict, ...] = ()
    # words that mean the home county's own place only (开发区, 我市, 全县): never another county's
    local_words: tuple[str, ...] = ()
    # each portal's home county, set by the editor (portal: in gazetteer.yml)
    portal_home: str | None = None
    # verbs that never end a headline phrase (headline.yml): a kicker ending in one is a title's start
    open_verbs: tuple[str, ...] = ()
    # an event opened by a frame verb (开展) and closed by a frame noun (活动): headline.yml
    frame_verbs: tuple[str, ...] = ()
    frame_nouns: tuple[str, ...] = ()
    # words of going to a place (走进, 视察了): a county named right after one is where the story's
    # people went (gazetteer.yml visit_words)
    visit_words: tuple[str, ...] = ()
    # words of meeting guests (会见, 接待): a place named right after one in a story's lead sends
    # guests, it is not where the story happens (gazetteer.yml meeting_words)
    meeting_words: tuple[str, ...] = ()
    # words that open a speaker's demands (要求，…) and units of measured data (毫米): a town named
    # only in such a sentence or clause is no place of the story (gazetteer.yml)
    speech_words: tuple[str, ...] = ()
    data_units: tuple[str, ...] = ()
    # words of a speech given at a meeting (表态发言): a town named in the clause before one is a
    # speaker's unit, not the meeting's place (gazetteer.yml speaking_words)
    speaking_words: tuple[str, ...] = ()
    # words that give where people or things come from (来自): a town right after one is their
    # origin, not the story's place (gazetteer.yml origin_words)
    origin_words: tuple[str, ...] = ()
    # words that give where a road or works begins or ends (起于, 止于): a town named after one in
    # its clause is the route's end, not the story's place (gazetteer.yml route_end_words)
    route_end_words: tuple[str, ...] = ()
    # words of government prose that counties' short forms spell (文化惠民, 邻里互助): read as that
    # county only inside the paper's region or as a headline's label (gazetteer.yml prose_words)
    prose_words: frozenset[str] = frozenset()
    # words of leaving for a place (赴, 前往): a county's people going out, never others coming
    # in (gazetteer.yml leaving_words)
    leaving_words: tuple[str, ...] = ()
    # words of an event held at a venue: a county's own people's event held in a city or province
    # is not placed there (gazetteer.yml held_words)
    held_words: tuple[str, ...] = ()
    # words of guests coming to a place (来, 莅临): whoever comes is not the story's place, the
    # place they come to is (gazetteer.yml coming_words)
    coming_words: tuple[str, ...] = ()
    # words of bringing goods or know-how in (引进): a place they are brought from (从寿光引进) is
    # their origin, not the story's place (gazetteer.yml brought_words)
    brought_words: tuple[str, ...] = ()
    # words of helping another place (帮扶, 援建): the helper is not the story's place, the place
    # helped is (gazetteer.yml helping_words)
    helping_words: tuple[str, ...] = ()
    # function words that never end a headline phrase as its last word (headline.yml)
    open_words: frozenset[str] = frozenset()
    # verbs of speaking: a line ending in one opens a speaker's words, never a headline (headline.yml)
    speech_verbs: tuple[str, ...] = ()
    # function words that never open a headline part standing alone (headline.yml)
    joining_words: frozenset[str] = frozenset()
    # what a column's or series' label ends with: such a line over a title is its kicker (headline.yml)
    label_endings: tuple[str, ...] = ()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Every place in China with the editor's entries over it, built once (disk cache)."""
        return load_gazetteer([dict(e) for e in self.editor_places], self.local_words)

    def forget_gazetteer(self) -> None:
        """Let go of the gazetteer (loaded again from its disk cache when next asked for)."""
        self.__dict__.pop("gazetteer", None)
        forget_gazetteers()

    def ancestors(self, name: str) -> list[str]:
        """Parents of a place, nearest first."""
        out: list[str] = []
        parent = self.places[name].parent if name in self.places else None
        while parent and parent not in out:
            out.append(parent)
            parent = self.places[parent].parent if parent in self.places else None
        return out


def _read(directory: Path, name: str, override: Path | None) -> dict:
    path = override / name if override and (override / name).exists() else directory / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"{path}: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader (libyaml's)
    except yaml.YAMLError:
        try:  # the pure-Python parser's message says more about where and what
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise RulesError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError(f"{path}: expected a mapping at the top level")
    return data


def _compile(path: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"{path}: bad pattern {pattern!r}: {exc}") from exc


def _build(override: Path | None) -> Rules:
    gaz = _read(DEFAULT_DIR, "gazetteer.yml", override)
    camp = _read(DEFAULT_DIR, "campaigns.yml", override)
    roles = _read(DEFAULT_DIR, "roles.yml", override)
    furn = _read(DEFAULT_DIR, "furniture.yml", override)
    head = _read(DEFAULT_DIR, "headline.yml", override)
    # campaign slogans are furniture like the other patterns; kept apart so a pass can tell them
    furniture_patterns = [*(furn.get("patterns") or ()), *(furn.get("campaign_lines") or ())]
    places: dict[str, Place] = {}
    for entry in gaz.get("places") or []:
        try:
            places[entry["name"]] = Place(
                name=entry["name"],
                parent=entry.get("parent"),
                level=entry.get("level", "town"),
                aliases=tuple(entry.get("aliases") or ()),
            )
        except (KeyError, TypeError) as exc:
            raise RulesError(f"gazetteer.yml: bad place entry {entry!r}") from exc
    try:
        # the national vocabulary, then the editor's local list; a local label replaces a national one
        entries = {c["label"]: c for c in [*(camp.get("campaigns") or []), *(camp.get("local") or [])]}
        campaigns = tuple(Campaign(label=c["label"], keywords=tuple(c.get("keywords") or ()))
                          for c in entries.values())
    except (KeyError, TypeError) as exc:
        raise RulesError(f"campaigns.yml: bad campaign entry: {exc}") from exc
    names = roles.get("name_length") or {}
    return Rules(
        places=places,
        publications=dict(gaz.get("publications") or {}),
        located_in=tuple(gaz.get("located_in") or ()),
        visit_words=tuple(gaz.get("visit_words") or ()),
        meeting_words=tuple(gaz.get("meeting_words") or ()),
        speech_words=tuple(gaz.get("speech_words") or ()),
        prose_words=frozenset(str(w) for w in gaz.get("prose_words") or ()),
        leaving_words=tuple(str(w) for w in gaz.get("leaving_words") or ()),
        held_words=tuple(str(w) for w in gaz.get("held_words") or ()),
        coming_words=tuple(str(w) for w in gaz.get("coming_words") or ()),
        brought_words=tuple(str(w) for w in gaz.get("brought_words") or ()),
        helping_words=tuple(str(w) for w in gaz.get("helping_words") or ()),
        data_units=tuple(gaz.get("data_units") or ()),
        speaking_words=tuple(gaz.get("speaking_words") or ()),
        origin_words=tuple(gaz.get("origin_words") or ()),
        route_end_words=tuple(str(w) for w in gaz.get("route_end_words") or ()),
        campaigns=campaigns,
        campaign_min_hits=int(camp.get("min_hits", 2)),
        roles=tuple(sorted(roles.get("roles") or (), key=len, reverse=True)),
        group_suffixes=tuple(roles.get("group_suffixes") or ()),
        datelines=tuple(sorted(roles.get("datelines") or (), key=len, reverse=True)),
        byline_marks=str(roles.get("byline_marks") or ""),
        name_min=int(names.get("min", 2)),
        name_max=int(names.get("max", 4)),
        furniture=tuple(_compile("furniture.yml", p) for p in furniture_patterns),
        furniture_any=_compile("furniture.yml", "|".join(f"(?:{p})" for p in furniture_patterns) or r"(?!)"),
        campaign_line=_compile("furniture.yml", "|".join(f"(?:{p})" for p in furn.get("campaign_lines") or ()) or r"(?!)"),
        chart_title=_compile("furniture.yml", furn.get("chart_titles") or r"(?!)"),
        caption_marks=str(furn.get("caption_marks") or ""),
        slogan=_compile("furniture.yml", "|".join(f"(?:{p})" for p in furn.get("slogans") or ()) or r"(?!)"),
        editor_places=tuple(_plain(e) for e in gaz.get("places") or []),
        local_words=tuple(gaz.get("local_words") or ()),
        portal_home=gaz.get("portal"),
        open_verbs=tuple(str(v) for v in head.get("open_verbs") or ()),
        open_words=frozenset(str(v) for v in head.get("open_words") or ()),
        speech_verbs=tuple(str(v) for v in head.get("speech_verbs") or ()),
        joining_words=frozenset(str(v) for v in head.get("joining_words") or ()),
        label_endings=tuple(str(v) for v in head.get("label_endings") or ()),
        frame_verbs=tuple(str(v) for v in head.get("frame_verbs") or ()),
        frame_nouns=tuple(str(v) for v in head.get("frame_nouns") or ()),
    )


def _plain(entry: dict) -> dict:
    """A gazetteer entry with only the keys the national overlay reads."""
    return {k: (list(v) if isinstance(v, list | tuple) else v)
            for k, v in entry.items() if k in ("name", "parent", "level", "aliases", "code", "from")}


@lru_cache(maxsize=8)
def _cached(override: str | None) -> Rules:
    return _build(Path(override) if override else None)


def load_rules(rules_dir: str | Path | None = None) -> Rules:
    """The rules in force: package defaults, overridden file by file from ``rules_dir``."""
    chosen = rules_dir or os.environ.get("CIVICNEWS_RULES")
    return _cached(str(chosen) if chosen else None)
