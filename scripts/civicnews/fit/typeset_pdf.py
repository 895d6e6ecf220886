"""Print typeset HTML to PDF with Debian chromium and take each page's text out with real tools.

Three tools, each in its default mode, because each damages text its own way: pdfminer.six
(``extract_text``), PyMuPDF (``page.get_text()``) and poppler's ``pdftotext`` (not ``-layout``).
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

# Chromium flags: headless printing with no network, GPU or profile state (the project's e2e
# tests use the same set), and no date/URL header or footer on the printed sheets.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
)

# Printing 60 A3 pages takes chromium about 10 s on one core; the limit only stops a hung browser.
PRINT_TIMEOUT_S = 300


# pdfminer.six reads many common characters of chromium's Noto CJK subsets as radicals: a glyph
# shared by 文 and ⽂ is mapped back to the radical. Kangxi radicals (U+2F00-2FD5) fold to their
# ideographs by NFKC except ⼾ (NFKC gives the traditional 戶); the CJK Radicals Supplement has no
# decomposition, so its simplified forms are listed (Unicode's EquivalentUnifiedIdeograph.txt;
# the ones seen in 60 typeset pages plus the other C-SIMPLIFIED radicals).



class ToolMissing(RuntimeError):
    """A program or library the typesetter needs is not installed."""


def print_pdf(html_path: Path, pdf_path: Path, chromium: Path = CHROMIUM) -> None:
    """Print one HTML file to one PDF with headless chromium and a throwaway profile."""
    if not chromium.exists():
        raise ToolMissing(f"{chromium} not found: apt-get install chromium fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="typeset-chromium-") as profile:
        cmd = [str(chromium), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
               f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S)
    if done.returncode != 0 or not pdf_path.is_file():
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")


def page_count(pdf_path: Path) -> int:
    """How many pages a PDF has (by PyMuPDF)."""
    import pymupdf

    with pymupdf.open(pdf_path) as doc:
        return doc.page_count


def pdfminer_texts(pdf_path: Path) -> Iterator[str]:
    """Each page's text by pdfminer.six, as ``extract_text(path, page_numbers=[i])`` gives it.

    One pass with one resource manager gives the same text three times faster than a call per
    page, which parses the CJK fonts again each time.
    """
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # chromium's fonts lack a FontBBox
    manager = PDFResourceManager(caching=True)
    with pdf_path.open("rb") as fp:
        for page in PDFPage.get_pages(fp):
            buffer = io.StringIO()
            device = TextConverter(manager, buffer, laparams=LAParams())
            PDFPageInterpreter(manager, device).process_page(page)
            device.close()
            yield buffer.getvalue()


def pymupdf_texts(pdf_path: Path) -> Iterator[str]:
    """Each page's text by PyMuPDF's ``page.get_text()`` (plain text, content-stream order)."""
    import pymupdf

    with pymupdf.open(pdf_path) as doc:
        for page in doc:
            yield page.get_text()


def pdftotext_texts(pdf_path: Path) -> Iterator[str]:
    """Each page's text by poppler's ``pdftotext -f N -l N`` in its default (reading-order) mode."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ToolMissing("pdftotext not found: apt-get install poppler-utils")
    for i in range(1, page_count(pdf_path) + 1):
        cmd = [exe, "-enc", "UTF-8", "-f", str(i), "-l", str(i), str(pdf_path), "-"]
        yield subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")


# Text tools by name, in the CLI's default order.
TOOLS: dict[str, Callable[[Path], Iterator[str]]] = {
    "pdfminer": pdfminer_texts,
    "pymupdf": pymupdf_texts,
    "pdftotext": pdftotext_texts,
}

# The Python module or program each tool needs, for a clear message before any work is done.
TOOL_NEEDS = {"pdfminer": ("module", "pdfminer"), "pymupdf": ("module", "pymupdf"),
              "pdftotext": ("program", "pdftotext")}


def missing_tools(names: list[str], chromium: Path = CHROMIUM) -> list[str]:
    """What is missing to typeset and extract with the named tools (empty when all is there)."""
    import importlib.util

    missing = [] if chromium.exists() else [f"{chromium} (apt-get install chromium)"]
    for name in names:
        kind, what = TOOL_NEEDS[name]
        found = importlib.util.find_spec(what) if kind == "module" else shutil.which(what)
        if not found:
            hint = "pip install -e '.[fit]'" if kind == "module" else "apt-get install poppler-utils"
            missing.append(f"{what} for {name} ({hint})")
    # PyMuPDF also counts the printed pages, whatever tools were asked for.
    if "pymupdf" not in names and importlib.util.find_spec("pymupdf") is None:
        missing.append("pymupdf to count pages (pip install -e '.[fit]')")
    return missing
