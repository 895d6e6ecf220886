"""Unit tests of the line-role stage and of the fitted model artifact."""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import json

import pytest
from civicnews import labeler
from civicnews.fit import pagegen, train
from civicnews.lines import split_lines
from civicnews.model import Role
from civicnews.rules import load_rules
from hypothesis import given, settings
from hypothesis import strategies as st


def test_model_card_matches_the_model_file() -> None:
    card = json.loads(labeler.MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    assert card["sha256"] == hashlib.sha256(labeler.MODEL_PATH.read_bytes()).hexdigest()
    assert card["fitted_on"]["corpus_part"] == "fit"
    assert set(card["features"]) == set(train.FEATURES)


@pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus) is absent")
def test_the_code_still_makes_the_lines_the_shipped_model_was_fitted_on() -> None:
    # A change to the line stage, the features or the page generator changes what `make model`
    # fits on: the shipped model then no longer rebuilds from the code (and its measured scores
    # are of other lines). The card's fingerprints say what it was fitted on.
    card = json.loads(labeler.MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    prints = card["fingerprints"]
    refit = "the fitting lines changed: run `make model`, re-measure, and ship the new model with its card"
    seeds = train.seed_sequences(copies=1)
    assert train.fingerprint(*seeds) == prints["seed_pages"], refit
    first = train.training_sequences(train.FINGERPRINT_PAGES, card["fitted_on"]["seed"], card["fitted_on"]["corpus_part"])
    assert train.fingerprint(*first) == prints[f"first_{train.FINGERPRINT_PAGES}_text_pages"], refit


def test_a_fingerprint_changes_with_one_feature_or_one_role() -> None:
    xs, ys = [[["shape=title", "len=8"], ["shape=body"]]], [["title", "start"]]
    same = train.fingerprint(xs, ys)
    assert train.fingerprint([[["shape=title", "len=9"], ["shape=body"]]], ys) != same
    assert train.fingerprint(xs, [["title", "body"]]) != same
    assert train.fingerprint(xs + xs, ys + ys) != same


def test_every_line_gets_a_role_a_confidence_and_evidence() -> None:
    text = "城东日报\n\n城东街道开展垃圾分类宣传\n\n本报讯（记者 王伟）近日，城东街道组织志愿者走进小区，\n开展垃圾分类宣传。\n"
    lines = split_lines(text)
    decisions = labeler.label_lines(lines, load_rules())
    assert len(decisions) == len(lines)
    assert all(isinstance(d.role, Role) and 0.0 <= d.confidence <= 1.0 for d in decisions)
    # the headline line: not plain text, and its evidence is kept (its role on the page is the
    # assembly's to settle: tests/eval/cases.yml)
    assert decisions[1].role is not Role.BODY and decisions[1].evidence
    assert labeler.label_lines([], load_rules()) == []


def test_missing_model_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(labeler.ModelMissing, match="make model"):
        labeler.label_lines(split_lines("一行字"), None, tmp_path / "none.crfsuite")


def test_a_model_named_like_its_card_is_refused_before_any_fitting(tmp_path) -> None:
    # the card is written to OUT.with_suffix(".json"): a .json OUT would be overwritten by it
    with pytest.raises(SystemExit) as clash:
        train.main(["--split", "fitA", "--no-typeset", "--pages", "1", "--out", str(tmp_path / "m.json")])
    assert clash.value.code == 2
    assert not (tmp_path / "m.json").exists()


@pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus) is absent")
def test_fitting_is_byte_reproducible(tmp_path) -> None:
    a = train.fit(tmp_path / "a" / "m.crfsuite", pages=25, seed=3)
    b = train.fit(tmp_path / "b" / "m.crfsuite", pages=25, seed=3)
    assert a["sha256"] == b["sha256"]
    assert (tmp_path / "a" / "m.crfsuite").read_bytes() == (tmp_path / "b" / "m.crfsuite").read_bytes()


def test_a_model_fitted_on_half_the_fitting_part_never_replaces_the_shipped_one(tmp_path) -> None:
    with pytest.raises(SystemExit) as no_out:
        train.main(["--split", "fitA", "--no-typeset", "--pages", "1"])
    assert no_out.value.code == 2
    with pytest.raises(SystemExit) as typeset:
        train.main(["--split", "fitA", "--typeset", str(tmp_path), "--out", str(tmp_path / "m.crfsuite")])
    assert typeset.value.code == 2


@pytest.mark.skipif(not pagegen.shared_available(), reason="../shared (corpus) is absent")
def test_a_half_s_model_is_fitted_on_that_half_s_stories_and_says_so(tmp_path) -> None:
    card = train.fit(tmp_path / "m.crfsuite", pages=3, seed=3, split="fitA")
    assert card["fitted_on"]["corpus_part"] == "fitA"
    xs_a, _ = train.training_sequences(3, 3, "fitA")
    xs_fit, _ = train.training_sequences(3, 3, "fit")
    assert xs_a != xs_fit


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "城东日报", " 本报讯（记者 王伟）", "开展宣传。", "题"]), max_size=12),
       st.sampled_from(sorted(train.RESPACINGS)))
def test_a_respaced_page_keeps_every_printed_line_in_order(rows: list[str], name: str) -> None:
    text = "\n".join(rows)
    respaced = train.RESPACINGS[name](text)
    assert [r for r in respaced.split("\n") if r.strip()] == [r for r in text.split("\n") if r.strip()]
    # so the generator's tags (one a printed line) fold onto the respaced page's lines
    tags = ["body"] * sum(1 for r in text.split("\n") if r.strip())
    assert len(train.folded_tags(respaced, tags, split_lines(respaced))) == len(split_lines(respaced))


def test_the_fitted_pages_are_spaced_every_way() -> None:
    assert set(train.LAYOUT_VARIANTS) == set(train.RESPACINGS)
    text = "题\n\n本报讯 正文。\n正文二。"
    gaps = {name: [line.gap_before for line in split_lines(train.RESPACINGS[name](text))]
            for name in train.RESPACINGS}
    # a blank after every line is the page's spacing (lines.spacing_unit), so no line is set apart
    assert gaps == {"as_drawn": [0, 1, 0], "no_blank_lines": [0, 0, 0], "blank_after_every_line": [0, 0, 0]}
    assert len({train.RESPACINGS[name](text) for name in train.RESPACINGS}) == len(train.RESPACINGS)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_evidence_is_the_strongest_positive_weights(data: st.DataObject) -> None:
    path = str(labeler.MODEL_PATH)
    weights = labeler._weights(path)
    tag = data.draw(st.sampled_from(sorted(weights)))
    known = sorted(weights[tag])
    features = data.draw(st.lists(st.sampled_from([*known, "bias", "no-such-feature"]), max_size=40))
    # the definition: the EVIDENCE_FEATURES largest (weight, feature) pairs, largest first
    strongest = heapq.nlargest(labeler.EVIDENCE_FEATURES,
                               ((weights[tag][f], f) for f in features if f in weights[tag]))
    assert labeler.explain(features, tag) == tuple(f"{f} {w:+.1f}" for w, f in strongest)



def test_a_headline_parted_off_by_the_line_stage_begins_its_own_headline(monkeypatch) -> None:
    # the model may read the parted-off headline as going on the one before it (title+):
    # a stand-in model that reads every line so shows the line stage's mark wins
    class GoesOn:
        def tag(self, xseq):
            return ["title"] + ["title+"] * (len(xseq) - 1)

        def marginal(self, tag, t):
            return 1.0

    monkeypatch.setattr(labeler, "_tagger", lambda path: GoesOn())
    monkeypatch.setattr(labeler, "explain", lambda features, role, path="": ())
    page = "\n".join(["", "城南街道开展老旧小区环境集中整治活 河西镇举办首届乡村邻里文化节活动", "动"])
    page_lines = split_lines(page)
    decisions = labeler.label_lines(page_lines, load_rules())
    assert [line.head_start for line in page_lines] == [False, False, True]
    assert [d.continues for d in decisions] == [False, True, False]


def test_a_column_line_parted_off_a_row_read_across_is_never_display_type(monkeypatch) -> None:
    # a stand-in model that reads every line as a title, most sure of it, and of plain text next:
    # the column lines the line stage parted take their likeliest role that is not display type
    class AllTitles:
        def tag(self, xseq):
            return ["title"] * len(xseq)

        def marginal(self, tag, t):
            return {"title": 0.8, "body": 0.15}.get(tag, 0.01)

    monkeypatch.setattr(labeler, "_tagger", lambda path: AllTitles())
    monkeypatch.setattr(labeler, "explain", lambda features, role, path="": ())
    rows = ["城南街道开展环境整治", "", "本报讯浙江省嘉兴市秀洲区新塍 二〇一九年春天起，在省市区统一",
            "镇旧称桐溪，已有上千年历史。 部署和持续推动下，新塍镇围绕打",
            "新塍镇区域面积一百多平方千米 造美丽城镇全域建设省级示范样板"]
    page_lines = split_lines("\n".join(rows))
    decisions = labeler.label_lines(page_lines, load_rules())
    assert [line.column_piece for line in page_lines] == [False] + [True] * 6
    assert [d.role for d in decisions] == [Role.TITLE] + [Role.BODY] * 6
    assert decisions[1].confidence == 0.15


def test_a_headline_parted_off_by_the_line_stage_is_never_read_as_text(monkeypatch) -> None:
    # a stand-in model that reads the parted-off headline as a caption, a title next: it takes
    # its likeliest display role; with the setting off the model's reading stands
    class Caption:
        def tag(self, xseq):
            return ["title", "title+", "caption"]

        def marginal(self, tag, t):
            return {"caption": 0.6, "title": 0.3, "kicker": 0.05}.get(tag, 0.01)

    monkeypatch.setattr(labeler, "_tagger", lambda path: Caption())
    monkeypatch.setattr(labeler, "explain", lambda features, role, path="": ())
    page = "\n".join(["", "城南街道开展老旧小区环境集中整治活 河西镇举办首届乡村邻里文化节活动", "动"])
    page_lines = split_lines(page)
    assert [line.head_start for line in page_lines] == [False, False, True]
    decisions = labeler.label_lines(page_lines, load_rules())
    assert [d.role for d in decisions] == [Role.TITLE, Role.TITLE, Role.TITLE]
    assert decisions[2].confidence == 0.3
    monkeypatch.setattr(labeler, "SETTINGS", dataclasses.replace(labeler.SETTINGS, parted_head_display=False))
    assert labeler.label_lines(page_lines, load_rules())[2].role == Role.CAPTION


def test_a_typeset_text_is_fitted_with_and_without_its_tool_s_blank_lines(tmp_path) -> None:
    # pdftotext sets a headline apart with a blank line, PyMuPDF prints none: each typeset text
    # is fitted once per TYPESET_VARIANTS spacing, so a headline's weight is not the blank line's
    (tmp_path / "gold").mkdir()
    (tmp_path / "pdftotext" / "pages").mkdir(parents=True)
    (tmp_path / "gold" / "p.yml").write_text(
        "source: p.txt\nfurniture: [城东日报]\narticles:\n"
        "- title: 城东街道开展垃圾分类宣传\n  paragraphs: [近日，城东街道组织志愿者走进小区，开展垃圾分类宣传。]\n",
        encoding="utf-8")
    (tmp_path / "pdftotext" / "pages" / "p.txt").write_text(
        "城东日报\n\n城东街道开展垃圾分类宣传\n\n近日，城东街道组织志愿者走进小区，\n开展垃圾分类宣传。\n",
        encoding="utf-8")
    xs, ys = train.typeset_sequences(tmp_path)
    assert len(ys) == len(train.TYPESET_VARIANTS) == train.TYPESET_COPIES
    assert all(y[1] == "title" for y in ys)
    assert sorted(next(f for f in x[1] if f.startswith("gap=")) for x in xs) == ["gap=0", "gap=1"]
