#!/usr/bin/env python3
"""A county paper's archive for benchmarks: N damaged pages laid out by ``civicnews.fit.pagegen``.

The fitting part of the corpus and the seeds hold about 160 stories, so every page gets its own
perturbed copy of them before ``pagegen.generate_page`` picks and damages its stories: paragraphs reordered, a share
of sentences swapped with sentences from other stories, numbers and a few title characters
redrawn, new reporter and person names. Without that, 10,000 articles would be twelve stories
repeated, which flatters the search index (a tiny vocabulary) and any cache keyed by text.

Pages are dated across ten years (oldest page first, so the page added last is the newest, as
in an editor's daily run) and spread over the papers of the gazetteer's ``publications``.
Everything is a pure function of ``seed`` and the page index.

Usage: ``python benchmarks/corpus.py --out DIR --pages N [--seed S]`` writes ``DIR/*.txt`` and
``DIR/pages.yml``.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml
from civicnews.fit import pagegen

ROOT = Path(__file__).resolve().parents[1]

GAZETTEER = ROOT / "scripts" / "civicnews" / "rules" / "gazetteer.yml"
ARTICLES_PER_PAGE = 2.5  # pagegen's mean (1–4 stories, sometimes a brief inside one)
FIRST_DAY = date(2015, 1, 1)
ARCHIVE_DAYS = 3652  # ten years
# Chance that a sentence is replaced by one from another story (new text, same style).
SWAP_SENTENCE = 0.35
# Common characters for redrawn title characters and person names; they keep the text
# Chinese-looking and grow the search vocabulary the way a real archive's names do.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕应楼"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志海波鹏宇晨浩然佳琪思雨欣怡"
TITLE_CHARS = "推进建设提升打造聚焦落实深化优化服务发展创新治理民生乡村产业文明城市项目企业群众工作"
SENTENCE = re.compile(r"[^。！？]+[。！？]?")


def publications(path: Path = GAZETTEER) -> list[str]:
    """The papers the gazetteer knows, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list((data.get("publications") or {}).keys())


def person_name(rng: random.Random) -> str:
    """A two- or three-character Chinese name."""
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


# Numbers that are not dates or times: a month 85 or a 37th hour would be damage of its own.
QUANTITY = re.compile(r"\d+(?![\d\s]*[年月日时点号])")


def redraw_digits(text: str, rng: random.Random) -> str:
    """Each quantity redrawn (same length, first digit non-zero): new numbers, same layout."""
    def draw(m: re.Match[str]) -> str:
        run = m.group()
        return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in run[1:])
    return QUANTITY.sub(draw, text)


def perturb_title(title: str | None, rng: random.Random) -> str | None:
    """Clauses reordered and one or two characters redrawn: a distinct headline."""
    if not title:
        return title
    clauses = title.split()
    rng.shuffle(clauses)
    chars = list(" ".join(clauses))
    spots = [i for i, c in enumerate(chars) if pagegen.CJK.match(c)]
    for i in rng.sample(spots, min(len(spots), rng.choice([1, 2]))):
        chars[i] = rng.choice(TITLE_CHARS)
    return redraw_digits("".join(chars), rng)


def perturb_paragraphs(paras: list[str], pool: list[str], rng: random.Random) -> list[str]:
    """Lead kept first, the rest reordered; sentences swapped from the pool, numbers redrawn."""
    if not paras:
        return paras
    rest = paras[1:]
    rng.shuffle(rest)
    out = []
    for para in [paras[0], *rest]:
        sentences = SENTENCE.findall(para)
        mixed = [rng.choice(pool) if rng.random() < SWAP_SENTENCE else s for s in sentences]
        out.append(redraw_digits("".join(mixed), rng))
    return out


def perturb_article(art: dict, pool: list[str], rng: random.Random) -> dict:
    """A copy of a gold story with new wording, numbers and names (structure kept)."""
    new = copy.deepcopy(art)
    new["title"] = perturb_title(new.get("title"), rng)
    new["paragraphs"] = perturb_paragraphs(list(new.get("paragraphs") or []), pool, rng)
    names = {old: person_name(rng) for old in new.get("reporters") or []}
    new["reporters"] = [names[r] for r in new.get("reporters") or []]
    new["roles"] = {names.get(k, k): v for k, v in (new.get("roles") or {}).items()}
    return new


def sentence_pool(articles: list[dict]) -> list[str]:
    """Every complete sentence of the gold stories' paragraphs."""
    return [s for a in articles for p in a.get("paragraphs") or [] for s in SENTENCE.findall(p)
            if s.endswith(("。", "！", "？")) and len(s) >= 8]


# Stories drawn for one page before it picks its 1–4: enough for a brief and a mixed page.
PAGE_POOL = 8


def perturbed_gold(gold: list[dict], rng: random.Random) -> list[dict]:
    """The story pool one page draws its stories from: a few stories, reworded."""
    picked = rng.sample(gold, min(PAGE_POOL, len(gold)))
    pool = sentence_pool(picked)
    return [perturb_article(a, pool, rng) for a in picked]


def page_day(index: int, total: int) -> date:
    """The issue date of page ``index`` of ``total``: spread evenly over ten years, oldest first."""
    step = ARCHIVE_DAYS / max(total, 1)
    return FIRST_DAY + timedelta(days=int(index * step))


def page_name(index: int, day: date) -> str:
    """A unique, sortable page file name."""
    return f"{day:%Y%m%d}_{index:05d}.txt"


def make_page(index: int, total: int, seed: int, gold: list[dict], papers: list[str]
              ) -> tuple[str, str, dict]:
    """One page: its file name, text and manifest entry; a pure function of its arguments."""
    rng = random.Random(seed * 1_000_003 + index)
    page = pagegen.generate_page(rng.randrange(2**31), None, perturbed_gold(gold, rng))
    day = page_day(index, total)
    entry = {"publication": rng.choice(papers), "date": day.isoformat(),
             "page": rng.randint(1, 8), "estimated": False}
    return page_name(index, day), page.text, entry


def write_pages(out: Path, start: int, count: int, total: int, seed: int = 1) -> list[Path]:
    """Write pages ``start``..``start+count-1`` (of an archive of ``total``) into ``out``.

    ``pages.yml`` is merged, so a later call adds pages to an existing corpus.
    """
    out.mkdir(parents=True, exist_ok=True)
    gold = pagegen.load_pool("fit")
    papers = publications()
    manifest_path = out / "pages.yml"
    manifest = (yaml.safe_load(manifest_path.read_text(encoding="utf-8")) or {}
                if manifest_path.exists() else {})
    written = []
    for index in range(start, start + count):
        name, text, entry = make_page(index, total, seed, gold, papers)
        (out / name).write_text(text, encoding="utf-8")
        manifest[name] = entry
        written.append(out / name)
    manifest_path.write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=True),
                             encoding="utf-8")
    return written


def pages_for(articles: int) -> int:
    """Pages needed for about ``articles`` articles."""
    return max(1, round(articles / ARTICLES_PER_PAGE))


def main(argv: list[str] | None = None) -> int:
    """CLI: write a benchmark corpus."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not pagegen.shared_available():
        print(f"no corpus and gold pages in {pagegen.SHARED}", file=sys.stderr)
        return 2
    written = write_pages(args.out, 0, args.pages, args.pages, args.seed)
    print(f"wrote {len(written)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
