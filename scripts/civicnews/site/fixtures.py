"""Article Markdown made in code, in the extractor's exact format, for tests and demos.

Uses ``civicnews.markdown.render_article`` (the extractor's own writer), so fixtures follow the
front matter contract by construction; nothing generated is ever checked in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from civicnews.markdown import render_article
from civicnews.model import Article, Credit, Headline, PageInfo, Section


def article_markdown(
    art_id: str,
    title: str,
    *,
    date: str | None = "2023-04-03",
    paragraphs: Sequence[str] = ("连日来，各地持续推进文明城市创建工作。",),
    subheads: Sequence[str] = (),
    kicker: str | None = None,
    subtitle: str | None = None,
    districts: Sequence[str] = ("永康市",),
    campaigns: Sequence[str] = (),
    reporters: Sequence[str] = ("郑旭华",),
    roles: dict[str, str] | None = None,
    captions: Sequence[str] = (),
    continued_to: str | None = None,
    source_file: str = "000_6b38b89e44bd9a24.txt",
    order: int = 0,
    publication: str = "永康日报",
) -> str:
    """One article file's text; each subhead opens a section after the first paragraph."""
    paras = list(paragraphs)
    sections = [Section(subhead=None, paragraphs=paras[:1])]
    rest = paras[1:]
    for i, head in enumerate(subheads):
        chunk = rest[i:i + 1] if i < len(subheads) - 1 else rest[i:]
        sections.append(Section(subhead=head, paragraphs=chunk))
    if not subheads and rest:
        sections[0].paragraphs.extend(rest)
    article = Article(
        source=PageInfo(file=source_file, publication=publication, date=date,
                        date_estimated=date is not None),
        order=order,
        headline=Headline(title=title, kicker=kicker, subtitle=subtitle),
        sections=sections,
        credit=Credit(dateline="本报讯", reporters=list(reporters),
                      roles=dict(roles if roles is not None else
                                 {r: "融媒记者" for r in reporters})),
        captions=list(captions),
        continued_to=continued_to,
        lines=list(range(1, 10)),
        districts=list(districts),
        campaigns=list(campaigns),
        id=art_id,
    )
    return render_article(article)


def write_article(directory: Path, art_id: str, title: str, **kwargs: object) -> Path:
    """Write one fixture article as ``<directory>/<id>.md`` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{art_id}.md"
    path.write_text(article_markdown(art_id, title, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path
