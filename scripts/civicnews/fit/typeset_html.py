"""Draw page plans as one HTML document that chromium prints to a PDF, one A3 sheet per page.

Body text is set the way Chinese papers set it: serif CJK type, justified, CSS columns, and
``line-break: strict`` so no line starts with ，。、）” (避头尾). The damage real PDFs carry is drawn,
not imitated: a fake-bold or shadowed headline is a second copy of the text painted at an offset,
a headline painted after its body comes after it in the DOM and is moved up by CSS ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from civicnews.fit.typeset_plan import PagePlan, StoryPlan

# Fonts from Debian's fonts-noto-cjk (the Makefile's setup-test installs it).
BODY_FONT = '"Noto Serif CJK SC", "Noto Sans CJK SC", serif'
HEAD_FONT = '"Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif'

# A3 with 12 mm margins; each page is a flex column at least one sheet high (a taller one would
# spill onto a second sheet, which typeset_pdf reports as an error rather than cutting text).
STYLE = f"""
@page {{ size: A3; margin: 12mm; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: {BODY_FONT}; color: #111; }}
.page {{ break-after: page; page-break-after: always; min-height: 390mm;
  display: flex; flex-direction: column; gap: 3mm; }}
.page:last-child {{ break-after: auto; page-break-after: auto; }}
.header {{ display: flex; align-items: flex-end; justify-content: space-between;
  border-bottom: 2px solid #a00; padding-bottom: 2mm; }}
.masthead {{ font-family: {HEAD_FONT}; font-size: 34pt; font-weight: 900; color: #a00; }}
.hnote {{ font-size: 9pt; }}
.banner {{ text-align: center; font-family: {HEAD_FONT}; font-size: 15pt; color: #a00;
  border: 1px solid #a00; padding: 1mm; white-space: pre; }}
.footer {{ margin-top: auto; border-top: 1px solid #999; font-size: 9pt; display: flex;
  justify-content: space-between; white-space: pre; }}
.story {{ display: flex; flex-direction: column; gap: 1.5mm; }}
.head {{ text-align: center; }}
.kicker {{ font-family: {HEAD_FONT}; font-size: 12pt; }}
.tw {{ position: relative; }}
.title {{ font-family: {HEAD_FONT}; font-size: 24pt; font-weight: 700; margin: 0; }}
.ghost {{ position: absolute; left: 0.5px; top: 0.5px; width: 100%; }}
.shade {{ position: absolute; left: 2px; top: 2px; width: 100%; color: #bbb; z-index: -1; }}
.subtitle {{ font-family: {HEAD_FONT}; font-size: 13pt; }}
.body {{ text-align: justify; line-break: strict; word-break: normal; column-fill: balance; }}
.body p {{ margin: 0; text-indent: 2em; }}
.body p.credit {{ text-indent: 0; font-family: {HEAD_FONT}; }}
.photo {{ break-inside: avoid; margin: 1mm 0; }}
.photo .img {{ background: #ccc; height: 30mm; }}
.photo p {{ text-indent: 0; font-family: {HEAD_FONT}; font-size: 0.85em; }}
.rule {{ border-top: 1px solid #333; }}
.brief {{ break-inside: avoid; border: 1px solid #333; padding: 2mm; margin: 2mm 0; }}
.brief .title, .side .title {{ font-size: 16pt; }}
.cols {{ display: grid; gap: 4mm; align-items: start; }}
"""


def headline_html(story: StoryPlan) -> str:
    """Kicker small above, title large (twice when fake bold or shadowed), subtitle with ——."""
    a = story.article
    title = escape(a.title)
    copies = ""
    if "fake_bold" in story.damage:
        copies = f'<h2 class="title ghost">{title}</h2>'
    elif "shadow" in story.damage:
        copies = f'<h2 class="title shade">{title}</h2>'
    kicker = f"【{a.kicker}】" if a.kicker and "bracket_kicker" in story.damage else a.kicker
    parts = [f'<div class="kicker">{escape(kicker)}</div>'] if kicker else []
    # Only a doubled title is positioned: chromium paints positioned boxes after the page's
    # flowing text, so the doubled headline also lands late in the content stream, as on real pages.
    wrap = ' class="tw"' if copies else ""
    parts.append(f'<div{wrap}><h2 class="title">{title}</h2>{copies}</div>')
    if a.subtitle:
        dash = "" if a.subtitle[0] in "-—" else "——"
        parts.append(f'<div class="subtitle">{dash}{escape(a.subtitle)}</div>')
    order = ' style="order:-1"' if "title_after_body" in story.damage else ""
    return f'<div class="head"{order}>{"".join(parts)}</div>'


def paragraphs_html(story: StoryPlan) -> list[str]:
    """The body paragraphs with glued credits, the credit line and the captioned photo."""
    paras = list(story.article.paragraphs)
    paras[0] = story.lead + paras[0]
    paras[-1] = paras[-1] + story.tail
    out = [f"<p>{escape(p)}</p>" for p in paras]
    if story.caption:
        photo = f'<div class="photo"><div class="img"></div><p>▲{escape(story.caption)}</p></div>'
        out.insert(story.caption_at + 1, photo)
    if story.credit_line:
        line = f'<p class="credit">{escape(story.credit_line)}</p>'
        out.insert(0, line) if story.credit_before_body else out.append(line)
    return out


def story_html(story: StoryPlan, columns: int, gap_mm: float, inner: str = "",
               css: str = "story") -> str:
    """A story: headline spanning its body's columns (painted after the body when damaged).

    ``inner`` (a boxed brief) is set in the body's flow after the middle paragraph.
    """
    paras = paragraphs_html(story)
    if inner:
        paras.insert((len(paras) + 1) // 2, inner)
    style = f"column-count:{columns}; column-gap:{gap_mm}mm"
    body = f'<div class="body" style="{style}">{"".join(paras)}</div>'
    head = headline_html(story)
    inside = body + head if "title_after_body" in story.damage else head + body
    return f'<div class="{css}">{inside}</div>'


def brief_html(story: StoryPlan) -> str:
    """A short story boxed inside a long one, one column."""
    return f'<div class="brief">{story_html(story, 1, 0)}</div>'


def banner_html(plan: PagePlan, index: int) -> str:
    """The slogan banner when it is printed before story ``index``."""
    if plan.banner and plan.banner_at == index:
        return f'<div class="banner">{escape(plan.banner)}</div>'
    return ""


def stacked(plan: PagePlan, stories: list[StoryPlan], first: int = 0) -> str:
    """Stories one under another, full width, a rule between them."""
    parts = []
    for i, story in enumerate(stories, start=first):
        parts.append(banner_html(plan, i) or ('<div class="rule"></div>' if i > first else ""))
        parts.append(story_html(story, story.columns, plan.gap_mm))
    return "".join(parts)


def layout_stack(plan: PagePlan) -> str:
    """All stories stacked."""
    return stacked(plan, plan.stories)


def layout_sidebar(plan: PagePlan) -> str:
    """Main stories in a wide column, the last story in a narrow sidebar beside them."""
    *main, side = plan.stories
    narrow = f'<div>{banner_html(plan, len(main))}{story_html(side, 1, 0, css="story side")}</div>'
    wide = f"<div>{stacked(plan, main)}</div>"
    cols = "4fr 1fr" if len(plan.stories) % 2 else "1fr 4fr"
    pair = wide + narrow if cols == "4fr 1fr" else narrow + wide
    return f'<div class="cols" style="grid-template-columns:{cols}">{pair}</div>'


def layout_boxes(plan: PagePlan) -> str:
    """A grid of small boxes, two across: tools tend to read them across in rows."""
    cells = [
        f"<div>{banner_html(plan, i)}{story_html(s, min(s.columns, 2), plan.gap_mm)}</div>"
        for i, s in enumerate(plan.stories)
    ]
    return f'<div class="cols" style="grid-template-columns:1fr 1fr">{"".join(cells)}</div>'


def layout_brief_inside(plan: PagePlan) -> str:
    """The first story hosts the second as a boxed brief floated in its body."""
    host, brief, *rest = plan.stories
    top = banner_html(plan, 0) + story_html(host, min(host.columns, 3), plan.gap_mm,
                                            inner=brief_html(brief))
    tail = stacked(plan, rest, first=2) if rest else ""
    return top + ('<div class="rule"></div>' + tail if rest else "") + banner_html(plan, 1)


# Page layouts by name (typeset_plan.LAYOUT_MIN_STORIES says how many stories each needs);
# "tight" is a stack whose column gap is so narrow that tools read lines across columns.
LAYOUTS: dict[str, Callable[[PagePlan], str]] = {
    "stack": layout_stack,
    "sidebar": layout_sidebar,
    "boxes": layout_boxes,
    "brief_inside": layout_brief_inside,
    "tight": layout_stack,
}


def header_html(plan: PagePlan) -> str:
    """Masthead and notes on the left, date and label on the right."""
    lines = list(plan.header)
    left = []
    if plan.publication is not None:
        left.append(f'<div class="masthead">{escape(lines.pop(0))}</div>')
    right = [f'<div class="hnote">{escape(x)}</div>' for x in lines]
    return f'<div class="header"><div>{"".join(left)}</div><div>{"".join(right)}</div></div>'


def page_html(plan: PagePlan) -> str:
    """One sheet: header, the layout's stories, footer."""
    footer = "".join(f"<span>{escape(x)}</span>" for x in plan.footer)
    style = f"font-size:{plan.font_pt}pt; line-height:1.55"
    return (
        f'<section class="page" style="{style}">{header_html(plan)}'
        f"{LAYOUTS[plan.layout](plan)}"
        f'<div class="footer">{footer}</div></section>'
    )


def document_html(pages: list[str]) -> str:
    """All pages in one document, so one chromium start prints them all."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>typeset pages</title><style>{STYLE}</style></head><body>\n"
        + "\n".join(pages)
        + "\n</body></html>\n"
    )
