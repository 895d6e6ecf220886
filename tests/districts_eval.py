"""Score the district tagger alone on a corpus split, with ../shared/tools/score.py.

Each corpus article becomes one page holding one ``Article`` built from its gold title and
paragraphs (so the score does not depend on the extractor), published by the article's site.
The metadata stage tags it; its Markdown and the gold YAML go to a temporary folder and
score.py compares them. Nothing here is tuned: it only measures.

    python tests/districts_eval.py fit            # prints score.py's summary line
    python tests/districts_eval.py fit -v         # and each article it gets wrong, by kind
    python tests/districts_eval.py fit --hidden   # as if no paper's name spelled a place
    python tests/districts_eval.py fit --city     # as if each paper were its city's (else province's)
    python tests/districts_eval.py fit --province # as if each paper were its province's
    python tests/districts_eval.py tune           # the fit table behind settings.district_*
    python tests/districts_eval.py tune A.json …  # and the same on probe stories
    python tests/districts_eval.py ablate         # each rule switched off: fit articles it helps, hurts
    python tests/districts_eval.py ablate A.json … # the same on probe stories instead
    python tests/districts_eval.py probe A.json …  # stories from outside the corpus (score_probes)
    python tests/districts_eval.py resite [fitA]   # as if published by other sites of the story's county
    python tests/districts_eval.py carried [fitA]  # as if carried by another province's county paper

``tune`` reads the fitting part (and the probe files it is given) only: the validation part is
for the final measure.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from civicnews import districts, mentions, metadata, place_votes, places
from civicnews import home as home_module  # `home` here is a paper's place
from civicnews.fit.corpus import SHARED, CorpusArticle, load_corpus
from civicnews.home import home_place, page_home
from civicnews.model import Article, Headline, PageInfo, Section
from civicnews.places import RANK
from civicnews.rules import Rules, load_rules
from civicnews.settings import SETTINGS, Settings

SCORE = SHARED / "tools" / "score.py"


def page_name(k: int, art: CorpusArticle) -> str:
    """A stable page file name for one corpus article."""
    return f"{k:03d}_{hashlib.sha1(art.url.encode('utf-8')).hexdigest()[:16]}.txt"


# How a probe widens the paper's place: "hidden" spells none, "city" and "province" the
# paper's city or province (the story must then find its county from its own text, as for a
# city daily or a provincial news site).
WIDEN = {"city": ("city", "province"), "province": ("province",)}


def widened(site: str | None, rules: Rules, hidden: bool | str = False) -> str | None:
    """The publication a probe shows instead of the site (see WIDEN); the site itself when
    ``hidden`` is False or the site's place is already that wide."""
    if hidden is True or hidden == "hidden":
        return None
    if not hidden or not site:
        return site
    home = home_place(PageInfo("x", publication=site), rules)
    if home is None:
        return site
    gaz = rules.gazetteer
    for level in WIDEN[str(hidden)]:
        above = [c for c in (home, *gaz.ancestors(home)) if gaz.divisions[c].level == level]
        if above:
            return gaz.divisions[above[0]].name
    return site


def tag(art: CorpusArticle, name: str, rules: Rules, hidden: bool | str = False) -> Article:
    """The article as the metadata stage sees it, with its districts filled in (``hidden``: as
    if published by a site whose name spells no place, or one of the WIDEN probes)."""
    info = PageInfo(name, publication=widened(art.site, rules, hidden))
    article = Article(info, 0, Headline(title=art.title, kicker=art.kicker, subtitle=art.subtitle),
                      [Section(None, list(art.paragraphs))])
    home = page_home([article], info, rules)
    return metadata.fill_metadata(article, info, rules, home)


def write_split(split: str, out: Path, gold: Path, rules: Rules | None = None,
                hidden: bool | str = False) -> list[tuple[CorpusArticle, Article]]:
    """Markdown for each tagged article in ``out`` and its gold page YAML in ``gold``."""
    rules = rules or load_rules()
    out.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    pairs = []
    for k, art in enumerate(load_corpus(split)):
        name = page_name(k, art)
        tagged = tag(art, name, rules, hidden)
        front = {"source": {"file": name}, "title": art.title, "districts": tagged.districts}
        body = "\n\n".join(art.paragraphs)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
        (out / name.replace(".txt", ".md")).write_text(text, encoding="utf-8")
        page = {"source": name, "furniture": [], "articles": [{
            "kicker": art.kicker, "title": art.title, "subtitle": art.subtitle,
            "districts": list(art.districts), "paragraphs": list(art.paragraphs)}]}
        (gold / name.replace(".txt", ".yml")).write_text(yaml.safe_dump(page, allow_unicode=True), encoding="utf-8")
        pairs.append((art, tagged))
    return pairs


def score(gold: Path, out: Path) -> dict[str, float]:
    """score.py's summary line as numbers."""
    run = subprocess.run([sys.executable, str(SCORE), str(gold), str(out)], capture_output=True,
                         text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


def evaluate(split: str, rules: Rules | None = None,
             hidden: bool | str = False) -> tuple[dict[str, float], list[tuple[CorpusArticle, Article]]]:
    """Tag a split and score it: the summary and each (gold, tagged) pair."""
    with tempfile.TemporaryDirectory() as tmp:
        pairs = write_split(split, Path(tmp) / "out", Path(tmp) / "gold", rules, hidden)
        return score(Path(tmp) / "gold", Path(tmp) / "out"), pairs


def error_kinds(gold: list[str], got: list[str], rules: Rules) -> list[str]:
    """What is wrong with one story's districts: its county level (top: none, wrong, partial
    when gold has more places at that level, extra when we have more) and its towns (low:
    extra, missed, missed(unknown) when the national list lacks the name)."""
    gaz = rules.gazetteer

    def level(name: str) -> str:
        codes = [c for c in gaz.codes(name) if gaz.divisions[c].name == name] or list(gaz.codes(name))
        return gaz.divisions[codes[0]].level if codes else "unknown"

    def top(names: list[str]) -> set[str]:
        return {n for n in names if RANK.get(level(n), 3) < RANK["town"]}

    kinds = []
    gold_top, got_top = top(gold), top(got)
    if gold_top != got_top:
        if not got_top:
            kinds.append("top:none")
        elif not gold_top & got_top:
            kinds.append("top:wrong")
        else:
            kinds.append("top:partial" if len(gold_top) > len(got_top) else "top:extra")
    if (set(got) - got_top) - set(gold):
        kinds.append("low:extra")
    missed = (set(gold) - gold_top) - set(got)
    if missed:
        kinds.append("low:missed(unknown)" if any(level(n) == "unknown" for n in missed) else "low:missed")
    return kinds


# The tagger's modules (mentions → place_votes → home → districts, see districts.py). A module
# reads a function it imports by its own name, so ablate switches a rule off in each module that
# holds the name (where it is defined and where it is imported) and tune sets each one's SETTINGS.
TAGGER = (mentions, place_votes, home_module, districts)


def use_settings(chosen: Settings) -> None:
    """Let every module of the tagger, and the gazetteer's, read ``chosen`` as its SETTINGS."""
    for module in (*TAGGER, places):
        if hasattr(module, "SETTINGS"):
            module.SETTINGS = chosen


# The settings the tune mode tries, each over these values with the others as shipped.
TUNE = {
    "district_title_weight": (1.0, 2.0, 3.0, 5.0, 8.0),
    "district_short_weight": (0.3, 0.5, 0.8, 1.0),
    "district_county_share": (0.3, 0.4, 0.5, 0.6, 0.8, 0.9),
    "district_boundary_window": (2, 4, 6, 8),
    "district_located_gap": (0, 2, 4),
    "district_visit_gap": (0, 8, 15, 25),
    "district_common_word_freq": (300, 600, 1000),
    "district_attend_gap": (0, 20, 40, 60),
    "district_passing_mentions": (1, 2, 3),
    "district_visited_gap": (0, 5, 10, 15),
}
# Settings the gazetteer is built with (places.is_common_word): a trial of one needs its own.
GAZETTEER_SETTINGS = frozenset({"district_common_word_freq"})


@contextmanager
def trial(name: str, value: object) -> Iterator[Rules]:
    """The rules for one trial of tune: the tagger reads the shipped settings with ``name`` set
    to ``value``, and a gazetteer built with them when it is a gazetteer setting. load_rules
    hands every caller the same Rules, so on leaving, however the trial ends, the shipped
    settings and the shipped gazetteer are put back: a trial's gazetteer once stayed, and every
    row tuned after district_common_word_freq ran on the one built with its last value."""
    rules = load_rules()
    shipped = rules.gazetteer  # loaded under the shipped settings, before they change
    use_settings(dataclasses.replace(SETTINGS, **{name: value}))
    try:
        if name in GAZETTEER_SETTINGS:
            rules.__dict__["gazetteer"] = places.build_gazetteer([dict(e) for e in rules.editor_places],
                                                                 rules.local_words)
        yield rules
    finally:
        use_settings(SETTINGS)
        rules.__dict__["gazetteer"] = shipped


def tune(probes: list[Path] | None = None) -> None:
    """districts_f1 on the fitting part for each candidate value of each district setting, the
    others as shipped, and how many stories it gets wholly right (article_f1 1), with the papers'
    names given and hidden. With probe files, a second line: the same on their stories."""
    stories = [a for path in probes for a in load_probe(path)] if probes else []
    for name, values in TUNE.items():
        cells, probe_cells = [], []
        for value in values:
            with trial(name, value) as rules:
                given, pairs = evaluate("fit", rules)
                hidden, hidden_pairs = evaluate("fit", rules, hidden=True)
                cells.append(f"{value} → {given['districts_f1']:.3f}, {right(pairs)} right "
                             f"(hidden {hidden['districts_f1']:.3f}, {right(hidden_pairs)})")
                if stories:
                    tagged = {probe: [(a, tag(a, f"probe{k:03d}.txt", rules, probe)) for k, a in enumerate(stories)]
                              for probe in (False, "hidden")}
                    probe_cells.append(f"{value} → {mean_f1(tagged[False]):.3f}, {right(tagged[False])} right "
                                       f"(hidden {mean_f1(tagged['hidden']):.3f}, {right(tagged['hidden'])})")
        print(f"{name} (now {getattr(SETTINGS, name)}): " + ", ".join(cells))
        if stories:
            print(f"  {len(stories)} probe stories: " + ", ".join(probe_cells))


def right(pairs: list[tuple[CorpusArticle, Article]]) -> int:
    """How many stories get their districts wholly right (article_f1 1)."""
    return sum(article_f1(list(art.districts), tagged.districts) == 1.0 for art, tagged in pairs)


def mean_f1(pairs: list[tuple[CorpusArticle, Article]]) -> float:
    """The stories' mean article_f1 (score_probes' figure)."""
    return sum(article_f1(list(art.districts), tagged.districts) for art, tagged in pairs) / max(len(pairs), 1)


# The tagger's rules that ablate switches off, each by a stand-in that finds nothing.
ABLATE: dict[str, Callable[..., object]] = {
    "written_towns": lambda *a, **k: {},
    "zones_named": lambda *a, **k: {},
    "listed_places": lambda *a, **k: [],
    "listed_towns": lambda *a, **k: [],
    "renamed_towns": lambda *a, **k: [],
    "attending": lambda *a, **k: False,
    "a_persons_name": lambda *a, **k: False,
    "named_as_zone_only": lambda *a, **k: False,
    "_located_there": lambda *a, **k: False,
    "town_county": lambda *a, **k: None,
    "named_after_county": lambda *a, **k: False,
    "domain_home": lambda *a, **k: None,
    "far_from": lambda *a, **k: False,
    "passing_counties": lambda *a, **k: [],
    "shared_home": lambda *a, **k: None,
    "story_elsewhere": lambda *a, **k: False,
    "named_only_outside": lambda *a, **k: False,
    "visited_counties": lambda *a, **k: [],
    "named_as_data": lambda *a, **k: False,
    "named_in_demand": lambda *a, **k: False,
    "stands_apart_in_headline": lambda *a, **k: True,
    "named_in_town_list": lambda *a, **k: False,
    "speaking": lambda *a, **k: False,
    "named_as_origin": lambda *a, **k: False,
    "only_shared_names": lambda *a, **k: False,
    "without_campaign_words": lambda text, found, rules: found,
    "opens_a_word_with_xiang": lambda *a, **k: False,
    "visiting_own_county": lambda *a, **k: [],
    "listed_cities": lambda *a, **k: [],
    "written_otherwise": lambda *a, **k: False,
    "organs_of_its_own": lambda *a, **k: False,
    "voice_elsewhere": lambda *a, **k: False,
    "renamed_town_county": lambda *a, **k: None,
    "county_of_its_own": lambda *a, **k: None,
    "without_prose_words": lambda text, found, region, rules: found,
    "without_places_left_for": lambda text, found, rules: found,
    "unnamed_cities": lambda *a, **k: [],
    "towns_by_base": lambda found, rules: found,
    "a_village": lambda *a, **k: False,
    "paired_counties": lambda *a, **k: [],
    "written_as_kind": lambda name, suffix: suffix != "区" or name.endswith("区"),
    "names_the_water": lambda *a, **k: False,
    "without_guests": lambda text, found, home, rules: found,
    "without_compared": lambda text, found: found,
    "helping_elsewhere": lambda *a, **k: False,
    "located_in_its_own": lambda *a, **k: False,
    "word_shorts_gone_to": lambda text, head_end, found, rules: found,
    "names_a_spirit": lambda *a, **k: False,
    "addressed_county": lambda *a, **k: None,
    "new_areas_written": lambda *a, **k: {},
    "districts_written_after_city": lambda *a, **k: [],
    "describes_the_place_before": lambda *a, **k: False,
    "named_as_route_end": lambda *a, **k: False,
    "towns_written_otherwise": lambda *a, **k: [],
}
PROBES: tuple[bool | str, ...] = (False, "hidden", "city", "province")


def article_f1(gold: list[str], got: list[str]) -> float:
    """One story's districts_f1 as score.py counts it (a name matches one it contains or is in).

    >>> article_f1(["义乌市", "江东街道"], ["义乌市"]), article_f1([], [])
    (0.6666666666666666, 1.0)
    """
    if not gold and not got:
        return 1.0
    hit_got = sum(any(p in g or g in p for g in gold) for p in got)
    hit_gold = sum(any(p in g or g in p for p in got) for g in gold)
    precision, recall = hit_got / len(got) if got else 0.0, hit_gold / len(gold) if gold else 0.0
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def ablate(probes: list[Path] | None = None) -> None:
    """For each rule in ABLATE, switched off alone: districts_f1 on the fitting part (papers'
    names given, hidden, widened to city and province) and how many of its articles the rule
    helps and hurts. A rule that helps one article and hurts others is fitted to that one.
    With probe files, on their stories instead of the fitting part."""
    rules = load_rules()
    arts = [a for path in probes for a in load_probe(path)] if probes else load_corpus("fit")

    def scores() -> dict[bool | str, list[float]]:
        rules.gazetteer.memo("story_mentions").clear()
        return {probe: [article_f1(list(a.districts), tag(a, page_name(k, a), rules, probe).districts)
                        for k, a in enumerate(arts)] for probe in PROBES}

    base = scores()
    print("all rules: " + " ".join(f"{p or 'given'} {sum(v) / len(v):.3f}" for p, v in base.items()))
    for name, stand_in in ABLATE.items():
        holders = {module: getattr(module, name) for module in TAGGER if name in vars(module)}
        assert holders, f"no module of the tagger has {name}"
        for module in holders:
            setattr(module, name, stand_in)
        try:
            off = scores()
        finally:
            for module, kept in holders.items():
                setattr(module, name, kept)
        cells = []
        for probe in PROBES:
            helps = sum(b > o + 1e-9 for b, o in zip(base[probe], off[probe], strict=True))
            hurts = sum(b < o - 1e-9 for b, o in zip(base[probe], off[probe], strict=True))
            cells.append(f"{probe or 'given'} {sum(off[probe]) / len(arts):.3f} (+{helps}/-{hurts})")
        print(f"without {name}: " + ", ".join(cells))


def load_probe(path: Path) -> list[CorpusArticle]:
    """Stories from outside the corpus, annotated by hand before the tagger ran: a JSON list of
    {url, site, title, districts, paragraphs} (kicker and subtitle optional). Stories taken from
    the web are copyrighted: keep such files outside the repository (tests/eval/district_probes.json
    holds only stories composed for the project)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [CorpusArticle(url=a["url"], title=a["title"], paragraphs=tuple(a["paragraphs"]),
                          districts=tuple(a["districts"]), site=a.get("site"),
                          kicker=a.get("kicker"), subtitle=a.get("subtitle")) for a in raw]


def score_probes(paths: list[Path], hidden: bool | str = False, verbose: bool = False) -> float:
    """Each probe file's mean districts_f1 (article_f1, score.py's count) and all files' mean;
    with ``verbose``, each story tagged wrong and how."""
    rules = load_rules()
    total: list[float] = []
    for path in paths:
        scores = []
        for k, art in enumerate(load_probe(path)):
            got = tag(art, f"probe{k:03d}.txt", rules, hidden).districts
            scores.append(article_f1(list(art.districts), got))
            if verbose and scores[-1] < 1.0:
                kinds = "/".join(error_kinds(list(art.districts), got, rules))
                print(f"{scores[-1]:.2f} {kinds:28s} {art.site} | {art.title} | gold {list(art.districts)} | got {got}")
        print(f"{path.name}: {len(scores)} stories, districts_f1={sum(scores) / max(len(scores), 1):.3f}")
        total += scores
    mean = sum(total) / max(len(total), 1)
    print(f"all: {len(total)} stories, districts_f1={mean:.3f}")
    return mean


# Site names of a county in the shapes county media and governments use ({f}: its full name, {s}:
# its short form, {c}/{cs}: its city's full name / short form). None comes from a corpus site.
RESITE_FULL = ("{f}融媒体中心", "{f}人民政府", "{f}新闻网", "{f}广播电视台", "中共{f}委宣传部", "{f}政协")
RESITE_SHORT = ("{s}新闻网", "今日{s}", "云上{s}", "{s}发布", "{s}日报", "{s}融媒体中心", "{s}新闻中心", "掌上{s}", "{s}网",
                "中国{s}网", "{s}之声", "{s}文明网", "{s}在线", "{s}广电", "{s}发布厅", "{s}头条", "{cs}{s}发布",
                "{c}{s}融媒体中心")


def resite(split: str = "fit") -> float:
    """The articles of a split whose gold names one county, each tagged as published by that
    county's sites in the RESITE shapes instead of its own site: how an unseen paper of the same
    place would fare, free of how the corpus's own site names happen to read. Prints the mean
    article_f1 over all (article, shape) pairs and per shape; returns the mean."""
    rules = load_rules()
    gaz = rules.gazetteer
    per: dict[str, list[float]] = {}
    for k, art in enumerate(load_corpus(split)):
        county = next((codes[0] for d in art.districts
                       if len(codes := [c for c in gaz.codes(d) if gaz.divisions[c].name == d
                                        and gaz.divisions[c].level == "county"]) == 1), None)
        if county is None:
            continue
        div, city = gaz.divisions[county], gaz.divisions[gaz.ancestors(county)[0]]
        shorts = [s for s in div.spellings[1:] if 2 <= len(s) < len(div.name)]
        shorts += [s for s, codes in gaz.word_shorts.items() if county in codes]
        city_shorts = [s for s in city.spellings[1:] if 2 <= len(s) < len(city.name)] or [city.name]
        for shape in RESITE_FULL + (RESITE_SHORT if shorts else ()):
            site = shape.format(f=div.name, s=shorts[0] if shorts else "", c=city.name, cs=city_shorts[0])
            got = tag(dataclasses.replace(art, site=site), page_name(k, art), rules).districts
            per.setdefault(shape, []).append(article_f1(list(art.districts), got))
    scores = [v for values in per.values() for v in values]
    mean = sum(scores) / max(len(scores), 1)
    print(f"{split}: {len(per.get(RESITE_FULL[0], []))} articles with one county in gold, "
          f"{len(scores)} (article, site) pairs, districts_f1={mean:.4f}")
    for shape, values in per.items():
        print(f"  {shape:12s} {sum(values) / len(values):.3f}")
    return mean


# The paper of a county in another province, in these shapes: a story a paper carries from
# elsewhere, or a masthead over another county's stories (as the generated fitB pages put them).
CARRIED_SHAPES = ("{f}融媒体中心", "{s}日报", "今日{s}")


def carried(split: str = "fit") -> float:
    """The articles of a split whose gold names one county, each tagged as published by the paper
    of a county of another province (the next such article's county, in CARRIED_SHAPES): the
    story's own places must win over a paper's place they lie outside. A story that names no
    place stays the paper's and scores 0, so the figure is read against its ceiling, the share of
    articles whose text alone places them (hidden mode); both are printed. Returns the mean."""
    rules = load_rules()
    gaz = rules.gazetteer
    arts: list[tuple[int, CorpusArticle, str]] = []
    for k, art in enumerate(load_corpus(split)):
        county = next((codes[0] for d in art.districts
                       if len(codes := [c for c in gaz.codes(d) if gaz.divisions[c].name == d
                                        and gaz.divisions[c].level == "county"]) == 1), None)
        if county is not None:
            arts.append((k, art, county))
    scores, ceiling = [], []
    for i, (k, art, county) in enumerate(arts):
        province = gaz.ancestors(county)[-1]
        other = next(c for _k, _a, c in arts[i + 1:] + arts[:i] if gaz.ancestors(c)[-1] != province)
        div = gaz.divisions[other]
        short = next((s for s in div.spellings[1:] if 2 <= len(s) < len(div.name)), div.name)
        ceiling.append(article_f1(list(art.districts), tag(art, page_name(k, art), rules, "hidden").districts))
        for shape in CARRIED_SHAPES:
            got = tag(dataclasses.replace(art, site=shape.format(f=div.name, s=short)), page_name(k, art), rules).districts
            scores.append(article_f1(list(art.districts), got))
    mean = sum(scores) / max(len(scores), 1)
    print(f"{split}: {len(arts)} articles with one county in gold, {len(scores)} (article, paper) pairs, "
          f"districts_f1={mean:.4f} (their text alone, hidden: {sum(ceiling) / max(len(ceiling), 1):.4f})")
    return mean


def main(argv: list[str]) -> None:
    if argv[:1] == ["probe"]:
        flags = [a for a in argv[1:] if a.startswith("-")]
        widen = next((flag[2:] for flag in flags if flag in ("--hidden", "--city", "--province")), False)
        score_probes([Path(a) for a in argv[1:] if not a.startswith("-")], widen, "-v" in flags)
        return
    if argv[:1] == ["tune"]:
        tune([Path(a) for a in argv[1:]])
        return
    if argv[:1] == ["resite"]:
        resite(argv[1] if len(argv) > 1 else "fit")
        return
    if argv[:1] == ["carried"]:
        carried(argv[1] if len(argv) > 1 else "fit")
        return
    if argv[:1] == ["ablate"]:
        ablate([Path(a) for a in argv[1:]])
        return
    split = argv[0] if argv and not argv[0].startswith("-") else "fit"
    rules = load_rules()
    probe = next((flag[2:] for flag in argv if flag in ("--hidden", "--city", "--province")), False)
    summary, pairs = evaluate(split, rules, hidden=probe)
    if "-v" in argv:
        counts: Counter[str] = Counter()
        for art, tagged in pairs:
            if set(art.districts) != set(tagged.districts):
                kinds = error_kinds(list(art.districts), tagged.districts, rules)
                counts.update(kinds)
                print(f"{'/'.join(kinds):28s} {art.site} | {art.title} | gold {list(art.districts)} | got {tagged.districts}")
        print(dict(counts.most_common()))
    print(" ".join(f"{k}={v:.3f}" for k, v in summary.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
