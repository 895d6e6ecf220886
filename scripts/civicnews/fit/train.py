"""Fit the line-role model: generated pages of the corpus's fitting part in, a CRF file out.

``python -m civicnews.fit.train`` (``make model``) lays out ``PAGES`` pages from the fitting part
(and the seeds' gold) with ``civicnews.fit.pagegen``, computes every line's features and fits a
linear-chain CRF with python-crfsuite. The same command on the same corpus writes a
byte-identical model: the pages are drawn from fixed seeds and the trainer is deterministic.
Nothing from the validation part is ever read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from ..features import FEATURES, NEIGHBOUR_FEATURES, page_features
from ..labeler import MODEL_PATH
from ..lines import split_lines
from ..model import Line
from ..rules import load_rules
from .align import align_tags
from .corpus import HALVES, SHARED
from .pagegen import GOLD_DIR, generate_pages, shared_available

# How many generated pages the model is fitted on. Measured on fitting-part pages laid out with
# seeds no fit uses (fit.evaluate, 80 text pages each of seeds 98 and 99, 40 typeset pages of
# seed 12): 2,000 pages gave title_exact 0.775 on text against 0.751 with 1,200; 4,000 gave
# 0.878 and 0.814 against 0.803 and 0.784 with 2,000, but PDF-tool text fell by about 0.03 (the
# typeset pages' share halved), hence TYPESET_COPIES.
PAGES = 4000
SEED = 7
# L1 and L2 regularisation. Chosen on articles the model never saw: fitted on 2,000 pages of
# one half of the fitting part's articles (split by URL hash), scored on 100 pages each of three
# seeds drawn from the other half. c1 0.05, c2 0.01 gave mean title_exact 0.789, headline 0.783;
# c1 0.3 gave 0.795 / 0.789; c2 0.3 gave 0.806 / 0.800 (count_exact 0.907 → 0.930); c2 1.0
# gave 0.812 / 0.806 (count 0.937), within the seeds' spread of 0.3. Fitted on all 4,000 pages,
# c2 1.0 reads a seed page's pull quote (“…” ———name) as a story's title (seeds' count_exact
# 1.0 → 0.8), so the smaller step is kept. Stronger L2 keeps a headline's weight off the shapes
# of the stories fitted on.
C1 = 0.05
C2 = 0.3
MAX_ITERATIONS = 200
# The five seed pages are real PDF-tool text, which no generator draws exactly: each is fitted
# on this many times (their lines' roles come from the gold reading, fit.align), about a
# tenth of the fitting lines in all.
SEED_COPIES = 20
# Fitting-part pages typeset as PDFs and read back by pdfminer, PyMuPDF and pdftotext: real
# tools' damage no text generator draws (radicals, interleaved columns, late headlines). With
# them the validation PDF pages' title_exact rose from about 0.38 to 0.55 in one measure; pages
# whose lines the gold cannot place are left out. fit.align places a pdftotext row read across
# columns by its pieces (one row_columns does not part): 899 of the 900 texts are fitted on; of
# half A's 450 typeset texts 449 place, against 415 without it and 346 before row_columns.
# More is a trade, not a gain (stop 41, models fitted on half B: 2,000 text pages + typeset texts,
# scored on half A's articles, 6 PDF-tool sets and 6 text sets, one fit each): at this share
# (479 texts) against 119, PDF count +11 pages, title +8 articles, text title -35; at 2.4 times
# this share (1,138), PDF count +18, title +8, text count -16, title -45. A refit with another
# seed alone moved the totals by about 6 articles.
TYPESET_PAGES = 300
TYPESET_SEED = 11
# The spacings each typeset text is fitted with (RESPACINGS), one copy each. pdftotext sets a
# block apart with a blank line (on half A's typeset texts 292 of its 358 title lines and 21 of
# 29 kickers have one above them), PyMuPDF prints none: fitted only as drawn, once fit.align
# placed most pdftotext texts (46 -> 149 of half A's 150), part of a headline's weight went to
# the blank line, which PyMuPDF headlines lack. Held out (fitA model on tsA11, fitB pages, count
# + title summed): two copies as drawn -> this, typeset and text sets +0.057 (PyMuPDF +0.020),
# 200 more typeset fitB pages per tool +0.023 (PyMuPDF +0.007).
TYPESET_VARIANTS = ("as_drawn", "no_blank_lines")
# Each typeset page's text is fitted on this many times, to keep its share of the fitting lines
# at about a tenth when PAGES doubled (see PAGES): once per TYPESET_VARIANTS spacing.
TYPESET_COPIES = len(TYPESET_VARIANTS)
# Features seen on fewer lines than this are dropped (a one-off string would be memorised).
MIN_FEATURE_FREQ = 2
# Blank lines are how a PDF tool spaced its output, not how a page reads: PyMuPDF prints none,
# pdfminer.six one after every line, the seeds' tool mostly one. Generated page k is fitted
# with LAYOUT_VARIANTS[k % len] of its blank lines, so no role leans on one generator's spacing.
# Set on held-out pages (fitted on half A of the fitting part, scored on 2 x 150 pages of half
# B; count / title): without variants, as drawn 0.917 / 0.863, without blank lines 0.850 /
# 0.723, a blank after every line 0.823 / 0.634; with these (and lines.spacing_unit) 0.914 /
# 0.857, 0.907 / 0.835, 0.907 / 0.835. Three of five pages as drawn gave no better (as drawn
# 0.855 against 0.860, both before headline_parts.drop_stray_title_tails read gap_before).
LAYOUT_VARIANTS = ("as_drawn", "as_drawn", "no_blank_lines", "blank_after_every_line")
# The card fingerprints the first this many generated pages on their own (page k is drawn from
# its own seed, so they are the same whatever PAGES is): a test recomputes them in seconds and
# fails when the line stage, the features or the generator no longer make the lines the shipped
# model was fitted on (all PAGES take minutes). 200 pages hold about 14,000 lines.
FINGERPRINT_PAGES = 200


def _as_drawn(text: str) -> str:
    return text


def _no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def _blank_after_every_line(text: str) -> str:
    return "\n\n".join(line for line in text.split("\n") if line.strip())


# Each keeps every non-blank line in order, so the generator's tags (one a non-blank line) hold.
RESPACINGS = {"as_drawn": _as_drawn, "no_blank_lines": _no_blank_lines,
              "blank_after_every_line": _blank_after_every_line}


def training_sequences(pages: int, seed: int, split: str = "fit") -> tuple[list[list[list[str]]], list[list[str]]]:
    """Feature and role sequences of generated pages from the fitting part (or one half of it),
    the seeds' stories among them."""
    rules = load_rules()
    xs: list[list[list[str]]] = []
    ys: list[list[str]] = []
    for k, (_, page) in enumerate(generate_pages(split, seed, pages, with_seeds=True)):
        text = RESPACINGS[LAYOUT_VARIANTS[k % len(LAYOUT_VARIANTS)]](page.text)
        lines = split_lines(text, rules)
        xs.append(page_features(lines, rules))
        ys.append(folded_tags(text, page.tags, lines))
    return xs, ys


def fingerprint(xs: list[list[list[str]]], ys: list[list[str]]) -> str:
    """sha256 of feature and role sequences: equal exactly when every page's lines carry the same
    features and roles, in the same order.

    >>> fingerprint([[["a", "b"]]], [["body"]]) == fingerprint([[["a", "b"]]], [["body"]])
    True
    >>> fingerprint([[["a", "b"]]], [["body"]]) == fingerprint([[["a"], ["b"]]], [["body", "body"]])
    False
    """
    digest = hashlib.sha256()
    for x, y in zip(xs, ys, strict=True):
        digest.update(json.dumps([x, y], ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def fingerprints(text: tuple[list, list], seeds: tuple[list, list], typeset: tuple[list, list]
                 ) -> dict[str, str]:
    """The card's fingerprints of what a model was fitted on: the first FINGERPRINT_PAGES
    generated pages, all of them, the seed pages (one copy) and the typeset texts."""
    (text_x, text_y), (seed_x, seed_y), (typeset_x, typeset_y) = text, seeds, typeset
    return {
        f"first_{FINGERPRINT_PAGES}_text_pages": fingerprint(text_x[:FINGERPRINT_PAGES], text_y[:FINGERPRINT_PAGES]),
        "text_pages": fingerprint(text_x, text_y),
        "seed_pages": fingerprint(seed_x[::SEED_COPIES], seed_y[::SEED_COPIES]),
        "typeset_texts": fingerprint(typeset_x, typeset_y),
    }


def folded_tags(text: str, tags: list[str], lines: list[Line]) -> list[str]:
    r"""The generator's tags (one per non-blank printed line) for the lines the line stage made
    of them: a headline drawn twice is one line, tagged as its first print.

    >>> from civicnews.lines import split_lines
    >>> folded_tags("题\n题\n正文。", ["title", "furniture", "start"], split_lines("题\n题\n正文。"))
    ['title', 'start']
    """
    numbers = [n for n, raw in enumerate(text.split("\n"), start=1) if raw.strip()]
    if len(numbers) != len(tags):
        raise RuntimeError("generated page: roles and lines out of step")
    tag_of = dict(zip(numbers, tags, strict=True))
    return [tag_of[line.lines[0]] for line in lines]


def seed_sequences(copies: int = SEED_COPIES) -> tuple[list[list[list[str]]], list[list[str]]]:
    """Feature and role sequences of the seed pages, roles aligned from their gold."""
    rules = load_rules()
    xs: list[list[list[str]]] = []
    ys: list[list[str]] = []
    for path in sorted(GOLD_DIR.glob("*.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (SHARED / "seeds" / gold["source"]).read_text(encoding="utf-8")
        lines = split_lines(text, rules)
        tags = align_tags(lines, gold)
        if tags is None:
            continue
        x = page_features(lines, rules)
        xs += [x] * copies
        ys += [tags] * copies
    return xs, ys


def typeset_sequences(root: Path, variants: tuple[str, ...] = TYPESET_VARIANTS
                      ) -> tuple[list[list[list[str]]], list[list[str]]]:
    """Feature and role sequences of pages typeset as PDFs from the fitting part and read back
    by real PDF tools (``civicnews.fit.typeset``: root/<tool>/pages/*.txt, root/gold/*.yml),
    roles aligned from their gold, one sequence per spacing in `variants`; pages the alignment
    cannot trust are left out."""
    rules = load_rules()
    xs: list[list[list[str]]] = []
    ys: list[list[str]] = []
    for variant in variants:
        for gold_path in sorted((root / "gold").glob("*.yml")):
            gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
            for tool_dir in sorted(p for p in root.iterdir() if (p / "pages").is_dir()):
                page = tool_dir / "pages" / gold["source"]
                if not page.exists():
                    continue
                lines = split_lines(RESPACINGS[variant](page.read_text(encoding="utf-8")), rules)
                tags = align_tags(lines, gold)
                if tags is not None:
                    xs.append(page_features(lines, rules))
                    ys.append(tags)
    return xs, ys


def fit(out: Path, pages: int = PAGES, seed: int = SEED, progress: bool = True,
        typeset: Path | None = None, split: str = "fit") -> dict:
    """Fit the model and write it to `out` with its card (`out` with .json); return the card.
    ``split`` "fitA" or "fitB" fits on one half of the fitting part only, for a held-out check."""
    import pycrfsuite

    text_x, text_y = training_sequences(pages, seed, split)
    seed_x, seed_y = seed_sequences()
    typeset_x, typeset_y = typeset_sequences(typeset) if typeset else ([], [])
    xs, ys = text_x + seed_x + typeset_x, text_y + seed_y + typeset_y
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({
        "c1": C1, "c2": C2, "max_iterations": MAX_ITERATIONS,
        "feature.minfreq": MIN_FEATURE_FREQ, "feature.possible_transitions": True,
    })
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        data = path.read_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    card = {
        "model": out.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "fitted_on": {"corpus_part": split, "pages": pages, "seed": seed,
                      "seed_pages": len(seed_y) // SEED_COPIES, "seed_copies": SEED_COPIES,
                      "typeset_pages": TYPESET_PAGES if typeset else 0,
                      "typeset_seed": TYPESET_SEED if typeset else None,
                      "typeset_texts": len(typeset_y) // len(TYPESET_VARIANTS),
                      "typeset_copies": TYPESET_COPIES, "typeset_variants": list(TYPESET_VARIANTS),
                      "layout_variants": list(LAYOUT_VARIANTS),
                      "lines": sum(len(y) for y in ys)},
        "roles": dict(sorted(Counter(r for y in ys for r in y).items())),
        "fingerprints": fingerprints((text_x, text_y), (seed_x, seed_y), (typeset_x, typeset_y)),
        "features": list(FEATURES), "neighbour_features": list(NEIGHBOUR_FEATURES),
        "params": {"c1": C1, "c2": C2, "max_iterations": MAX_ITERATIONS, "min_feature_freq": MIN_FEATURE_FREQ},
    }
    out.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return card


def make_typeset(out: Path) -> Path | None:
    """Typeset TYPESET_PAGES fitting-part pages into `out`; None (with a message) when chromium
    or a PDF tool is missing."""
    from .corpus import load_corpus
    from .typeset_pdf import TOOLS, missing_tools

    missing = missing_tools(list(TOOLS))
    if missing:
        print("civicnews: cannot typeset PDF pages to fit on: missing " + "; ".join(missing)
              + " (or run with --no-typeset)", file=sys.stderr)
        return None
    from .typeset import typeset_run

    typeset_run(load_corpus("fit"), TYPESET_PAGES, TYPESET_SEED, out, list(TOOLS))
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: fit the line-role model."""
    ap = argparse.ArgumentParser(prog="python -m civicnews.fit.train", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    ap.add_argument("--pages", type=int, default=PAGES, help="generated pages to fit on")
    ap.add_argument("--seed", type=int, default=SEED, help="generator seed")
    ap.add_argument("--typeset", type=Path, help="fit on the PDF-tool text of fitting-part pages "
                    "already typeset by civicnews.fit.typeset into this folder")
    ap.add_argument("--no-typeset", action="store_true", help="fit on generated text pages and "
                    "the seeds only (no chromium or PDF tools needed)")
    ap.add_argument("--split", choices=("fit", *HALVES), default="fit", help="corpus part to fit "
                    "on: the fitting part, or one half of it for a held-out check (score the model "
                    "on the other half: python -m civicnews.fit.evaluate --split fitB --model OUT)")
    args = ap.parse_args(argv)
    if args.out.suffix == ".json":
        # the model card is written beside the model as OUT with a .json suffix: it would overwrite it
        ap.error(f"--out {args.out}: the model card goes to the .json beside the model; give a .crfsuite name")
    if args.split != "fit" and args.out == MODEL_PATH:
        ap.error("a model fitted on half the fitting part is a check, not the shipped model: give --out")
    if args.split != "fit" and args.typeset:
        ap.error("--typeset pages come from the whole fitting part: a half fits on text pages only")
    if not shared_available():
        print("civicnews: the corpus is not beside the checkout (../shared/corpus)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="civicnews-typeset-") as tmp:
        typeset = args.typeset
        if typeset is None and not args.no_typeset and args.split == "fit":
            typeset = make_typeset(Path(tmp))
            if typeset is None:
                return 2
        card = fit(args.out, args.pages, args.seed, typeset=typeset, split=args.split)
    print(f"wrote {args.out} ({card['fitted_on']['lines']} lines from {args.pages} pages), sha256 {card['sha256'][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
