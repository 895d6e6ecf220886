"""The editors' report: per page, what was found, what was thrown away, and what looks wrong.

``build_report`` makes a plain dict (written as ``report.json``, sorted and without
timestamps, so two builds of the same pages give the same bytes); ``render_text`` and
``render_markdown`` turn it into the terminal report and the editors' page ``editor/report.md``.
"""

from __future__ import annotations

import json
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import digests
from .lines import fix_ellipsis, fold_radicals
from .markdown import escape_text
from .model import Article, PageResult
from .settings import SETTINGS

REPORT_VERSION = 3  # 2: every line's role, confidence and evidence ("roles"); 3: "lost_chars"
# An article this short (CJK + letters + digits) is usually a headline or caption that the
# segmenter cut off from its story; the shortest real brief on the seed pages is ~150.
MIN_BODY_CHARS = 80
# Leftovers above this share of a page's CJK characters mean a story (not a stray label) was
# not assigned; the seed pages' chart labels and slogans stay well below it.
MAX_LEFTOVER_SHARE = 0.05
# A page line is listed as lost when fewer than half of its CJK bigrams appear anywhere in the
# page's articles, furniture or leftovers: it shows an editor where lost characters were printed.
LINE_COVERED = 0.5
# Lines not kept whole whose bigrams lost_lines looks up in the kept text itself (a page has
# about one): the set of all the kept bigrams (0.1 ms a page) is made only for more.
SEARCHED_LINES = 8
# How many lost characters the reason for a flagged page quotes.
LOST_SAMPLE = 20
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]")
_NOT_WORD = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]+")
# Everything but _CJK: removing it leaves the CJK in one C call (findall made a string a character).
_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# … and what str.splitlines() breaks at: the CJK of each line of a text, in one call.
_NOT_CJK_IN_LINE = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def cjk_only(text: str) -> str:
    """The CJK ideographs of a text, in order.

    >>> cjk_only("11 月 21 日，开发区组织")
    '月日开发区组织'
    """
    return _NOT_CJK.sub("", text)


def body_chars(article: Article) -> int:
    """How many letters (CJK, Latin, digits) an article's body has."""
    return len(_NOT_WORD.sub("", article.text))  # = len(_WORD.findall(…)), one string not one a letter


def _bigrams(text: str) -> set[str]:
    return set(map(operator.add, text, text[1:]))  # each pair, without a generator


def article_strings(article: Article) -> list[str]:
    """Every piece of page text an article kept: headline, credit, subheads, body, captions."""
    head = article.headline
    credit = article.credit
    parts = [head.kicker, head.title, head.subtitle, head.series] if head else []
    parts += [credit.dateline, credit.text, *credit.reporters, *credit.roles.values()]
    parts += [*article.subheads, *article.paragraphs, *article.captions, article.continued_to]
    if credit.text and article.paragraphs:
        # a credit run into the text shares a printed line with the first words (华）日前)
        parts.append(credit.text + article.paragraphs[0][:20])
    return [p for p in parts if p]


def lost_lines(page_text: str, kept: Iterable[str]) -> list[str]:
    """Page lines whose CJK text is mostly absent from everything the extraction kept.

    >>> lost_lines("文明卫生创建\\n垃圾分类工作\\n", ["文明卫生创建工作"])
    ['垃圾分类工作']
    """
    # every kept text's CJK joined by a non-CJK separator: a CJK bigram is covered when it is
    # a substring of it
    joined = "\0".join([cjk_only(text) for text in kept])
    covered: set[str] | None = None
    out = []
    raws = page_text.splitlines()
    # the CJK of every line in one regex call over the page; removing a line of no CJK between
    # a \r and a \n would join two line breaks into one: then line by line
    lines = _NOT_CJK_IN_LINE.sub("", page_text).splitlines()
    if len(lines) != len(raws):
        lines = [cjk_only(raw) for raw in raws]
    searched = 0
    for raw, line in zip(raws, lines, strict=True):
        if line in joined:  # kept whole (most lines): every bigram of it is covered
            continue
        grams = _bigrams(line)
        if not grams:
            continue
        searched += 1
        if covered is None and searched > SEARCHED_LINES:
            covered = _bigrams(joined)  # the set of the kept bigrams, for a page losing many lines
        # a bigram of CJK is covered when it is a substring of the joined CJK
        hits = len(grams & covered) if covered is not None else sum(g in joined for g in grams)
        if hits / len(grams) < LINE_COVERED:
            out.append(raw.strip())
    return out


def account_chars(text: str) -> Counter[str]:
    """The multiset of a text's non-space characters as the character account compares them:
    after the rewrites the line cleaners make in place (a radical folded to its ideograph, ⋯ and
    ... written as ……) and with width folded by NFKC (a half-width comma the cleaners made
    full-width is the same mark, so is a full-width Ａ and an A).

    >>> sorted(account_chars("⻔ Ａ，,").elements())
    [',', ',', 'A', '门']
    """
    # The whole text at once gives what line by line (as the cleaners see it) would: both
    # rewrites stop at a line end, and NFKC never joins anything across a "\n". str.split()
    # drops exactly what str.isspace() calls space.
    folded = nfkc(fix_ellipsis(fold_radicals(text)))
    return Counter("".join(folded.split()))


# The marks of Chinese text that NFKC changes, each with its NFKC form (a full-width comma is a
# comma, an ellipsis three dots): what makes a page's text not NFKC already.
_NFKC_MARKS = tuple((mark, unicodedata.normalize("NFKC", mark)) for mark in "，：；（）！？％…\u3000")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, cheaply for most page text: its common marks
    replaced by their NFKC forms, it is usually NFKC already. That is then the answer, for
    replacing a character by its NFKC form leaves the NFKD of the text unchanged, and so its
    NFKC; otherwise the text is normalized whole.

    >>> nfkc("开发区，（３）…"), nfkc("ﾊﾞ，")
    ('开发区,(3)...', 'バ,')
    """
    quick = text
    for mark, plain in _NFKC_MARKS:
        if mark in quick:
            quick = quick.replace(mark, plain)
    return quick if unicodedata.is_normalized("NFKC", quick) else unicodedata.normalize("NFKC", text)


def placed_strings(result: PageResult) -> list[str]:
    """Everywhere extraction put a page's text, each piece once: the headline parts the page
    printed (not a title made up from the first clause, not the series label the kicker repeats),
    credits, subheads, paragraphs and captions of every story; the furniture; the leftovers."""
    out: list[str] = []
    for a in result.articles:
        head = a.headline
        if head and "fallback_title" not in a.steps:
            out += [head.kicker or "", head.title, head.subtitle or ""]
        out += [a.credit.text or "", *a.subheads, *a.paragraphs, *a.captions]
    return [s for s in [*out, *result.furniture, *result.leftovers] if s]


def lost_characters(page_text: str, placed: Iterable[str], lost: Sequence[str] = ()) -> str:
    """The page's characters that went nowhere: what the character account (every non-space
    character of the page is in an article, the furniture or the leftovers, as many times as it
    was printed) finds missing. Which copy of a repeated character was lost cannot be told: they
    are named from the ``lost`` lines first, then in page order.

    >>> lost_characters("▲修补围墙\\n马克·吐温说", ["马克吐温说"])
    '▲修补围墙·'
    >>> lost_characters("会议开在区里\\n区会", ["会议开在区里"]), lost_characters("会议开在区里\\n区会", ["会议开在区里"], ["区会"])
    ('会区', '区会')
    """
    # positive counts only: Counter's ``-`` without its pass over the placed characters for
    # negative counts it then drops
    placed_chars = account_chars("\n".join(placed))
    page_chars = account_chars(page_text)
    # dict's ==, not Counter's (which runs a generator over both for counts of zero: neither
    # Counter made from characters holds one)
    if dict.__eq__(page_chars, placed_chars):  # most pages (3 in 4): every character placed once, told in C
        return ""
    missing = {ch: n - placed_chars[ch] for ch, n in page_chars.items() if n > placed_chars[ch]}
    if not missing:
        return ""
    out = []
    for text in [*lost, page_text]:
        for ch in nfkc(fix_ellipsis(fold_radicals(text))):
            if missing.get(ch, 0) > 0:
                missing[ch] -= 1
                out.append(ch)
    return "".join(out)


def article_flags(article: Article, chars: int | None = None) -> list[str]:
    """What looks wrong with one article, in words for an editor.

    >>> from civicnews.model import PageInfo, Section
    >>> article_flags(Article(PageInfo("p.txt"), 0, None, [Section(None, ["短"])]))
    ['no title', 'short body (1 characters)']
    """
    return _flags(article, body_chars(article) if chars is None else chars)


def _flags(article: Article, chars: int) -> list[str]:
    """article_flags with the body's letters already counted."""
    flags = []
    if not (article.headline and article.headline.title.strip()):
        flags.append("no title")
    if chars < MIN_BODY_CHARS:
        flags.append(f"short body ({chars} characters)")
    return flags


def lost_reason(lost_chars: str, lost: Sequence[str]) -> str | None:
    """Why a page that lost text is flagged: how many characters, how many CJK, a sample.

    >>> lost_reason("垃圾分类▲", ["▲垃圾分类"])
    'something lost: 5 characters (4 CJK) are in no article, furniture or leftover: 垃圾分类▲ (1 line)'
    >>> lost_reason("", []) is None
    True
    """
    if not lost_chars and not lost:
        return None
    if not lost_chars:  # each character is somewhere, but not these lines' words in order
        return f"something lost: {len(lost)} line(s) are mostly missing from the articles, furniture and leftovers"
    sample = lost_chars[:LOST_SAMPLE] + ("…" if len(lost_chars) > LOST_SAMPLE else "")
    lines = f" ({len(lost)} line{'s' if len(lost) != 1 else ''})" if lost else ""
    n = len(lost_chars)
    noun, verb = ("character", "is") if n == 1 else ("characters", "are")
    return (f"something lost: {n} {noun} ({len(cjk_only(lost_chars))} CJK) {verb} in "
            f"no article, furniture or leftover: {sample}{lines}")


def page_checks(page_cjk: int, leftovers: Sequence[str], lost: Sequence[str],
                articles: Sequence[Article], lost_chars: str = "") -> list[str]:
    """Our own doubts about a page's segmentation, beside the extractor's. Any lost character
    flags the page: the README promises that every one is placed.

    >>> page_checks(100, ["一二三四五六"], [], [])
    ['no articles found', 'leftovers hold 6% of the page text (6 of 100 CJK characters)']
    """
    doubts = []
    if not articles:
        doubts.append("no articles found")
    left = sum(len(cjk_only(line)) for line in leftovers)
    if page_cjk and left / page_cjk > MAX_LEFTOVER_SHARE:
        doubts.append(f"leftovers hold {left / page_cjk:.0%} of the page text "
                      f"({left} of {page_cjk} CJK characters)")
    reason = lost_reason(lost_chars, lost)
    if reason:
        doubts.append(reason)
    return doubts


def article_entry(article: Article, status: str) -> dict:
    """One article's line in the report, with its credit as printed (the published article
    keeps only the names and roles read from it)."""
    head = article.headline
    chars = body_chars(article)  # once: the report lists every article on every build
    return {"id": article.id, "title": head.title if head else "", "chars": chars,
            "status": status, "flags": _flags(article, chars), "credit": article.credit.text}


def role_rows(result: PageResult) -> list[dict]:
    """Every line's role, the model's confidence and the features that decided it."""
    return [{"line": r.number, "role": str(r.role), "confidence": r.confidence,
             "evidence": list(r.evidence), "text": r.text} for r in result.line_roles]


def notable(row: dict) -> bool:
    """A line worth showing an editor: anything but plain text, or text the model doubted.

    >>> notable({"role": "body", "confidence": 0.99}), notable({"role": "title", "confidence": 1.0})
    (False, True)
    """
    return row["role"] != "body" or row["confidence"] < SETTINGS.unsure_confidence


def explain_row(row: dict) -> str:
    """One line's decision as the report prints it.

    >>> explain_row({"line": 3, "role": "title", "confidence": 0.97, "evidence": ["len=7-9 +2.1"], "text": "城东"})
    'line 3: title (0.97; len=7-9 +2.1) 城东'
    """
    why = "; ".join([f"{row['confidence']:.2f}", *row["evidence"]])
    return f"line {row['line']}: {row['role']} ({why}) {row['text']}"


@dataclass(frozen=True)
class PageFacts:
    """The part of a page's report that depends only on its text and its extraction.

    Made where the page is extracted (a worker process) and cached with the extraction, the
    JSON and Markdown included: a build then spends on a page's report only what depends on
    ids and corrections (its articles and doubts), not the lost-line search and the encoding
    of every line's role (2 ms a page, for every page, cached or not).
    """

    cjk_chars: int
    lost: list[str]
    lost_chars: str  # the page's characters placed nowhere (lost_characters)
    roles: list[dict]
    # Each key of the page's report fixed here → its JSON in report.json (UTF-8 bytes once a
    # lean batch holds it: a third of the memory of the text, see build._lean).
    json: Mapping[str, str | bytes]
    markdown: str  # the page's sections of editor/report.md after its doubts


def page_facts(result: PageResult, text: str) -> PageFacts:
    """The fixed part of a page's report (see PageFacts), from the extraction as it came."""
    kept = [s for a in result.articles for s in article_strings(a)]
    kept += [*result.furniture, *result.leftovers]
    lost = lost_lines(text, kept)
    lost_chars = lost_characters(text, placed_strings(result), lost)
    page_cjk = len(cjk_only(text))
    roles = role_rows(result)
    fixed = {"file": result.info.file, "publication": result.info.publication,
             "date": result.info.date, "page": result.info.page, "lines": result.lines_total,
             "cjk_chars": page_cjk, "furniture": list(result.furniture),
             "leftovers": list(result.leftovers), "lost": lost, "lost_chars": lost_chars,
             "roles": roles}
    return PageFacts(page_cjk, lost, lost_chars, roles,
                     {key: _roles_json(value, PAGE_KEY_DEPTH) if key == "roles" else _json(value, PAGE_KEY_DEPTH)
                      for key, value in fixed.items()},
                     "\n".join(_md_fixed(fixed)))


def page_report(result: PageResult, text: str, articles: Sequence[Article],
                status: dict[str, str], facts: PageFacts | None = None) -> dict:
    """The report for one page: ``articles`` after corrections, ``status`` id → hidden/merged;
    ``facts`` is the page's ``page_facts`` when it was made (and cached) beforehand."""
    facts = facts or page_facts(result, text)
    entries = [article_entry(a, status.get(a.id, "published")) for a in articles]
    return {
        "file": result.info.file,
        "publication": result.info.publication,
        "date": result.info.date,
        "page": result.info.page,
        "lines": result.lines_total,
        "cjk_chars": facts.cjk_chars,
        "articles": entries,
        "furniture": list(result.furniture),
        "leftovers": list(result.leftovers),
        "lost": facts.lost,
        "lost_chars": facts.lost_chars,
        "roles": facts.roles,
        "unsure": [*result.unsure,
                   *page_checks(facts.cjk_chars, result.leftovers, facts.lost, articles,
                                facts.lost_chars),
                   *(f"{e['id']}: {flag}" for e in entries if e["status"] == "published"
                     for flag in e["flags"])],
    }


def build_report(pages: Sequence[dict], failures: Iterable[tuple[str, str]],
                 warnings: Iterable[str]) -> dict:
    """The whole batch's report from its page reports, failures and warnings."""
    pages = sorted(pages, key=lambda p: p["file"])
    failures = sorted(failures)
    warnings = list(warnings)
    published = [a for p in pages for a in p["articles"] if a["status"] == "published"]
    return {
        "version": REPORT_VERSION,
        "summary": {
            "pages": len(pages),
            "articles": len(published),
            "leftover_lines": sum(len(p["leftovers"]) for p in pages),
            "failed": len(failures),
            "unsure_pages": sum(1 for p in pages if p["unsure"]),
            "warnings": len(warnings),
        },
        "failures": [{"file": f, "reason": r} for f, r in failures],
        "warnings": list(warnings),
        "pages": list(pages),
    }


def _json(value: object, depth: int = 0) -> str:
    """A value as report.json writes it (``json.dumps(value, ensure_ascii=False, indent=2,
    sort_keys=True)``), placed ``depth`` levels deep: its inner lines indented 2×depth more.

    Written out because the standard encoder with ``indent`` runs in Python through nested
    generators (and leaves reference cycles behind for the garbage collector on every call):
    the report of 400 pages took 0.5 s. Types the report does not use go to json.dumps.

    >>> value = {"b": [1, {"c": None, "d": 0.97}], "a": "永康\\n\\"x\\"", "e": {}, "f": [], "g": True}
    >>> _json(value) == json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    True
    >>> print(_json({"k": [1, 2]}, depth=1))
    {
        "k": [
          1,
          2
        ]
      }
    """
    if isinstance(value, str):
        return _string(value)
    if value is None or value is True or value is False:
        return "null" if value is None else "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and value == value and value not in (_INF, -_INF):
        return float.__repr__(value)
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            return "{}"
        items = [f"{inner}{_string(key)}: {_json(item, depth + 1)}"
                 for key, item in sorted(value.items())]
        return "{" + ",".join(items) + "\n" + "  " * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return ("[" + ",".join(inner + _json(item, depth + 1) for item in value)
                + "\n" + "  " * depth + "]")
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("\n", "\n" + "  " * depth)  # raw newlines only occur between tokens


_string = json.encoder.encode_basestring  # what json.dumps uses for str when not ensure_ascii


def _roles_json(rows: Sequence[dict], depth: int) -> str:
    """``_json(rows, depth)`` for role_rows: each row's five keys written in their sorted order
    without the general encoder's sorting and type tests (0.6 ms a page for ~90 rows). A row
    of another shape or type goes through _json.

    >>> rows = [{"line": 3, "role": "title", "confidence": 0.97, "evidence": ["len=7-9 +2.1"],
    ...          "text": "城东<x>"}, {"line": 4, "role": "body", "confidence": 1.0,
    ...          "evidence": [], "text": ""}, {"line": 5, "role": "body"}]
    >>> _roles_json(rows, 3) == _json(rows, 3), _roles_json([], 1)
    (True, '[]')
    """
    inner = "\n" + "  " * (depth + 2)
    head = inner + '"confidence": '
    closing = "\n" + "  " * (depth + 1) + "}"
    evidence_item = inner + "  "
    evidence_open, evidence_sep, evidence_end = "[" + evidence_item, "," + evidence_item, inner + "]"
    # one row, its values put in by one % (no "%" in the fixed parts: only newlines, spaces,
    # keys and punctuation)
    template = ("{" + head + "%s," + inner + '"evidence": %s,' + inner + '"line": %s,' + inner
                + '"role": %s,' + inner + '"text": %s' + closing)
    encoded = []
    for row in rows:
        confidence, evidence = row.get("confidence"), row.get("evidence")
        line, role, text = row.get("line"), row.get("role"), row.get("text")
        if not (len(row) == 5 and type(confidence) is float and confidence == confidence
                and confidence not in (_INF, -_INF) and type(evidence) is list
                and type(line) is int and type(role) is str and type(text) is str
                and all(type(e) is str for e in evidence)):
            encoded.append(_json(row, depth + 1))
            continue
        shown = (evidence_open + evidence_sep.join(map(_string, evidence)) + evidence_end
                 if evidence else "[]")
        encoded.append(template % (float.__repr__(confidence), shown, int.__repr__(line),
                                   _string(role), _string(text)))
    return _array(encoded, depth)


_INF = float("inf")
# Where each page's keys sit in report.json: top object → "pages" list → page object → key.
PAGE_KEY_DEPTH = 3


def _object(items: Mapping[str, str], depth: int) -> str:
    """A JSON object of values already encoded for ``depth + 1``, laid out as _json does.

    >>> value = {"b": [1, {"c": None}], "a": "永康"}
    >>> _object({k: _json(v, 2) for k, v in value.items()}, 1) == _json(value, 1)
    True
    """
    if not items:
        return "{}"
    inner = "\n" + "  " * (depth + 1)
    body = ",".join(f"{inner}{_string(key)}: {items[key]}" for key in sorted(items))
    return "{" + body + "\n" + "  " * depth + "}"


def _array(encoded: Sequence[str], depth: int) -> str:
    """A JSON array of values already encoded for ``depth + 1``, laid out as _json does.

    >>> _array([_json(v, 1) for v in (1, ["x"], {})], 0) == _json([1, ["x"], {}])
    True
    """
    if not encoded:
        return "[]"
    inner = "\n" + "  " * (depth + 1)
    return "[" + ",".join(inner + item for item in encoded) + "\n" + "  " * depth + "]"


def dumps_report(report: dict, facts: Mapping[str, PageFacts] | None = None) -> str:
    """report.json's text: sorted keys, stable, readable Chinese.

    ``facts`` (page file → the PageFacts its page report was made with) supplies the JSON of
    each page's fixed part, encoded when the page was extracted; the text is the same.
    """
    facts = facts or {}
    pages = []
    for page in report["pages"]:
        done = facts[page["file"]].json if page["file"] in facts else {}
        pages.append(_object({key: _text(done.get(key)) or _json(value, PAGE_KEY_DEPTH)
                              for key, value in page.items()}, PAGE_KEY_DEPTH - 1))
    top = {key: _json(value, 1) for key, value in report.items() if key != "pages"}
    top["pages"] = _array(pages, 1)
    return _object(top, 0) + "\n"


def _text(value: str | bytes | None) -> str | None:
    return value.decode("utf-8") if isinstance(value, bytes) else value


@dataclass(frozen=True)
class StoredJson:
    """A page's report.json value kept in a file (UTF-8, encoded as for PAGE_KEY_DEPTH) and
    read only while report.json is written: a portal build's workers leave each page's line
    roles there (build._extract_chunk), ~18 KB a page, which the build's own process would
    otherwise hold for every page at once (70 MB at 10,000 articles)."""

    path: str

    def read(self) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read()


def _utf8(value: str | bytes | StoredJson | None) -> bytes | None:
    if isinstance(value, StoredJson):
        return value.read()
    return value.encode("utf-8") if isinstance(value, str) else value


class Pieces:
    """A file's bytes in pieces, made anew each time it is iterated (the output writer may
    compare a file with them, then write them): never all pieces held at once."""

    def __init__(self, make: Callable[[], Iterator[bytes]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[bytes]:
        return self._make()


def _object_bytes(items: Mapping[str, bytes], depth: int) -> bytes:
    """``_object`` of values already encoded for ``depth + 1`` as UTF-8, in UTF-8.

    >>> value = {"b": [1, {"c": None}], "a": "永康"}
    >>> as_bytes = _object_bytes({k: _json(v, 2).encode() for k, v in value.items()}, 1)
    >>> as_bytes == _object({k: _json(v, 2) for k, v in value.items()}, 1).encode()
    True
    """
    if not items:
        return b"{}"
    inner = "\n" + "  " * (depth + 1)
    body = b",".join(f"{inner}{_string(key)}: ".encode() + items[key]
                     for key in sorted(items))
    return b"{" + body + ("\n" + "  " * depth + "}").encode("utf-8")


# Stands for the pages array while the rest of report.json is laid out: a raw NUL never occurs
# in JSON text (encode_basestring writes it as \u0000), so the split below is exact.
_PAGES_MARK = "\0pages\0"


def dumps_report_bytes(report: dict, facts: Mapping[str, PageFacts] | None = None) -> bytes:
    """``dumps_report(report, facts).encode("utf-8")``, made page by page (report_json_pieces).

    >>> report = {"version": 3, "pages": [{"file": "a", "roles": [1]}, {"file": "永康"}]}
    >>> dumps_report_bytes(report) == dumps_report(report).encode("utf-8")
    True
    >>> dumps_report_bytes({"pages": []}) == dumps_report({"pages": []}).encode("utf-8")
    True
    """
    return b"".join(report_json_pieces(report, facts))


def report_json_pieces(report: dict, facts: Mapping[str, PageFacts] | None = None) -> Pieces:
    """``dumps_report_bytes`` in pieces, one a page, never joined: the output writer writes
    them one after the other, and each is made as it is written.

    report.json of a ten-year archive is about 70 MB: joining the pages' text into the array,
    the array into the object and the object into the encoded file made four copies of it at
    once (a third of a build's peak memory at 10,000 articles), and joining the encoded pages
    one more; the list of all pages' pieces, held beside the extractions they came from, was
    still the largest thing a 10,000-article build held at its peak.
    """
    return Pieces(lambda: (make() for _key, make in report_json_segments(report, facts or {}, {})))


# A piece of a file and its key: two pieces with the same key have the same bytes, so a
# rebuild may copy a keyed piece from the file it wrote last time instead of making it
# (output.Spliced). None: made each time (the head, with the summary).
Segment = tuple[str | None, Callable[[], bytes]]


def _segment_key(extraction_key: str, *parts: str | bytes) -> str:
    """A page's segment key: the key of the extraction its facts came from (it fixes every
    value the facts hold) and the parts made from anything else, each with its length."""
    digest = digests.blake2b(extraction_key.encode("utf-8"), digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def report_json_segments(report: dict, facts: Mapping[str, PageFacts],
                         page_keys: Mapping[str, str]) -> Iterator[Segment]:
    """report_json_pieces' pieces as segments: a page whose facts were made beforehand is
    keyed by ``page_keys`` (page file → the key of the extraction its facts came from) and the
    JSON of its other values (its articles and doubts, encoded for the key anyway). A rebuild
    then copies the unchanged pages' bytes instead of reading each page's line roles from
    their file and encoding them again (~1 s of a rebuild at 10,000 articles)."""
    top = {key: _json(value, 1) for key, value in report.items() if key != "pages"}
    top["pages"] = _PAGES_MARK
    head, tail = _object(top, 0).split(_PAGES_MARK)
    if not report["pages"]:
        yield None, lambda: (head + "[]" + tail + "\n").encode("utf-8")
        return
    yield None, lambda: (head + "[").encode("utf-8")
    inner = "\n" + "  " * 2
    for number, page in enumerate(report["pages"]):
        done = facts[page["file"]].json if page["file"] in facts else {}
        lead = inner if number == 0 else "," + inner
        extraction_key = page_keys.get(page["file"]) if done else None
        key = (_segment_key(extraction_key, lead, repr(sorted(page)), repr(_loose(page, done)))
               if extraction_key else None)
        yield key, _page_json(lead, page, done)
    yield None, lambda: ("\n  ]" + tail + "\n").encode("utf-8")


def _loose(page: Mapping, done: Mapping[str, object]) -> dict:
    """A page's values its facts do not hold (its articles and doubts): with the extraction's
    key they make its segment's key. Their repr stands for them (JSON-like values: equal
    reprs, equal values), so that an unchanged page is neither encoded nor read."""
    return {key: value for key, value in page.items() if not done.get(key)}


def _page_json(lead: str, page: Mapping, done: Mapping[str, str | bytes | StoredJson]
               ) -> Callable[[], bytes]:
    """Makes one page's piece of report.json (after ``lead``, the separator before it)."""
    def make() -> bytes:
        encoded = {key: _utf8(done.get(key)) or _json(value, PAGE_KEY_DEPTH).encode("utf-8")
                   for key, value in page.items()}
        return lead.encode("utf-8") + _object_bytes(encoded, PAGE_KEY_DEPTH - 1)
    return make


def load_report(out_dir: Path) -> dict:
    """Read ``out_dir/report.json``; FileNotFoundError/ValueError when it is absent or bad."""
    return json.loads((out_dir / "report.json").read_text(encoding="utf-8"))


def summary_line(report: dict) -> str:
    """The one-line summary the CLI prints.

    >>> summary_line({"summary": {"pages": 5, "articles": 23, "leftover_lines": 4, "failed": 1}})
    '5 pages, 23 articles, 4 leftover lines, 1 failed'
    """
    s = report["summary"]
    return (f"{s['pages']} pages, {s['articles']} articles, {s['leftover_lines']} leftover lines, "
            f"{s['failed']} failed")


STATUS_ZH = {"published": "已发布", "hidden": "已隐藏", "merged": "已合并"}  # editor page


def summary_line_zh(report: dict) -> str:
    """The summary in Chinese for the editors' page.

    >>> summary_line_zh({"summary": {"pages": 5, "articles": 1, "leftover_lines": 4, "failed": 0,
    ...                              "unsure_pages": 2}})
    '共 5 个版面、1 篇文章，剩余 4 行，0 个文件未能读取，2 个版面需要核对。'
    """
    s = report["summary"]
    return (f"共 {s['pages']} 个版面、{s['articles']} 篇文章，剩余 {s['leftover_lines']} 行，"
            f"{s['failed']} 个文件未能读取，{s.get('unsure_pages', 0)} 个版面需要核对。")


def render_text(report: dict) -> str:
    """The report for a terminal: one block per page, doubtful pages marked CHECK."""
    out = [summary_line(report) + f", {report['summary']['unsure_pages']} pages to check", ""]
    for failure in report["failures"]:
        out.append(f"FAILED {failure['file']}: {failure['reason']}")
    for warning in report["warnings"]:
        out.append(f"WARNING {warning}")
    if report["failures"] or report["warnings"]:
        out.append("")
    for page in report["pages"]:
        mark = "  [CHECK]" if page["unsure"] else ""
        about = " ".join(str(x) for x in (page["publication"], page["date"]) if x)
        out.append(f"{page['file']}  {about}  {len(page['articles'])} articles, "
                   f"{len(page['furniture'])} furniture, {len(page['leftovers'])} leftovers{mark}")
        for art in page["articles"]:
            status = "" if art["status"] == "published" else f"  [{art['status']}]"
            out.append(f"  {art['id']}  {art['title'] or '(no title)'}  ({art['chars']} chars){status}")
            if art.get("credit"):
                out.append(f"      credit: {art['credit']}")
        for label, key in (("furniture removed", "furniture"), ("leftovers", "leftovers"),
                           ("lost lines", "lost"), ("unsure", "unsure")):
            if page[key]:
                out.append(f"  {label} ({len(page[key])}):")
                out.extend(f"    | {line}" for line in page[key])
        if page.get("lost_chars"):
            out.append(f"  lost characters ({len(page['lost_chars'])}): {page['lost_chars']}")
        rows = [r for r in page.get("roles", []) if notable(r)]
        if rows:
            out.append(f"  line roles, all but plain text ({len(rows)}):")
            out.extend(f"    | {explain_row(r)}" for r in rows)
        out.append("")
    return "\n".join(out)


def _md_list(items: Sequence[str]) -> list[str]:
    return [f"- {escape_text(item)}" for item in items] or ["- （无）"]


def _md_fixed(page: Mapping) -> list[str]:
    """A page's sections of editor/report.md that follow its doubts and depend on nothing
    but its text and extraction: leftovers, lost lines and characters, furniture, line roles
    (only the notable rows)."""
    out: list[str] = []
    for label, key in (("剩余行", "leftovers"), ("疑似丢失的行", "lost"), ("已去除的版面元素", "furniture")):
        if page[key] or key == "leftovers":
            out += [f"### {label}（{len(page[key])}）", "", *_md_list(page[key]), ""]
        if key == "lost" and page.get("lost_chars"):
            out += [f"### 丢失的字符（{len(page['lost_chars'])}）", "", escape_text(page["lost_chars"]), ""]
    rows = [r for r in page.get("roles", []) if notable(r)]
    if rows:
        out += [f"### 行的判定（{len(rows)}）", "", "| 行 | 判定 | 把握 | 依据 | 文字 |", "|---|---|---|---|---|"]
        out += [f"| {r['line']} | {r['role']} | {r['confidence']:.2f} | {escape_text('; '.join(r['evidence']))} | "
                f"{escape_text(r['text'])} |" for r in rows]
        out.append("")
    return out


def render_markdown(report: dict, facts: Mapping[str, PageFacts] | None = None) -> str:
    """editor/report.md: the report as a page for editors, kept out of residents' search.

    ``facts`` as for dumps_report: each page's fixed sections come already rendered.
    """
    return "\n".join(_markdown_blocks(report, facts))


def report_md_pieces(report: dict, facts: Mapping[str, PageFacts] | None = None
                     ) -> Pieces:
    """``render_markdown(report, facts).encode("utf-8")`` in pieces, one a page (never the
    whole text at once: two bytes a character for the Chinese, and its lines besides).

    >>> report = {"summary": {"pages": 1, "articles": 0, "leftover_lines": 0, "failed": 0},
    ...           "failures": [], "warnings": ["w"], "pages": [
    ...     {"file": "a", "unsure": [], "publication": "报", "date": None, "page": 1,
    ...      "articles": [], "leftovers": [], "lost": [], "furniture": []}]}
    >>> b"".join(report_md_pieces(report)) == render_markdown(report).encode()
    True
    """
    return Pieces(lambda: (make() for _key, make in report_md_segments(report, facts, {})))


def report_md_segments(report: dict, facts: Mapping[str, PageFacts] | None,
                       page_keys: Mapping[str, str]) -> Iterator[Segment]:
    """report_md_pieces' pieces as segments, keyed as report_json_segments' are: by the key
    of the extraction a page's facts came from and its other values."""
    facts = facts or {}
    yield None, lambda: _md_head(report).encode("utf-8")
    for page in report["pages"]:
        done = facts.get(page["file"])
        extraction_key = page_keys.get(page["file"]) if done is not None else None
        key = (_segment_key(extraction_key, "\n", repr(_loose(page, done.json)))
               if extraction_key and done is not None else None)
        yield key, _md_page(page, done)


def _md_page(page: Mapping, done: PageFacts | None) -> Callable[[], bytes]:
    return lambda: ("\n" + _md_page_text(page, done)).encode("utf-8")


def _markdown_blocks(report: dict, facts: Mapping[str, PageFacts] | None) -> Iterator[str]:
    """render_markdown's text as blocks to be joined by newlines: the head, then one a page."""
    facts = facts or {}
    yield _md_head(report)
    for page in report["pages"]:
        yield _md_page_text(page, facts.get(page["file"]))


def _md_head(report: dict) -> str:
    meta = {"title": "编辑报告", "editor": True, "search": {"exclude": True}}
    out = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(), "---", "",
           "# 编辑报告", "", escape_text(summary_line_zh(report)), ""]
    if report["failures"]:
        out += ["## 未能读取的文件", ""]
        out += [f"- `{escape_text(f['file'])}`：{escape_text(f['reason'])}" for f in report["failures"]]
        out.append("")
    if report["warnings"]:
        out += ["## 警告", "", *_md_list(report["warnings"]), ""]
    return "\n".join(out)


def _md_page_text(page: Mapping, done: PageFacts | None) -> str:
    """A page's block of editor/report.md; its fixed sections from ``done`` when made."""
    mark = " ⚠" if page["unsure"] else ""
    out = [f"## {escape_text(page['file'])}{mark}", ""]
    about = " ".join(str(x) for x in (page["publication"], page["date"], page["page"]) if x)
    if about:
        out += [escape_text(about), ""]
    out += ["| id | 标题 | 字数 | 状态 |", "|---|---|---|---|"]
    for art in page["articles"]:
        out.append(f"| {escape_text(art['id'])} | {escape_text(art['title']) or '（无标题）'} | "
                   f"{art['chars']} | {escape_text(STATUS_ZH.get(art['status'], art['status']))} |")
    out.append("")
    out += [f"### 需要核对（{len(page['unsure'])}）", "", *_md_list(page["unsure"]), ""]
    if done is not None:
        out.append(done.markdown)
    else:
        out += _md_fixed(page)
    return "\n".join(out)
