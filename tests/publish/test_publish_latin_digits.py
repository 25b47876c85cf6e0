"""No Latin digit inside Persian text, anywhere (docs/numbers.md): the Persian bulletin as text,
Markdown, HTML, PDF (its text read back with pypdf), XLSX (the strings of its sheets) and its
charts, made from the hand-written figures and from the figures of the Yazd quarters.

What may hold Latin digits is what docs/numbers.md sets apart: Latin text in a bidi isolate
(U+2066/U+2067/U+2068 ... U+2069 in text, `<bdi>` in HTML and so in the PDF: a file name, an
English word) and codes in their own column (HS codes, batch numbers), written as they are.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from taraz.fa import has_persian
from taraz.publish.charts import chart_number, monthly_figure, partners_figure, sectors_figure
from taraz.publish.documents import html_document, render_document
from taraz.publish.environment import labels
from taraz.publish.tabulation import bulletin_tables
from tests.publish.figures import figures

LATIN_DIGIT = re.compile(r"[0-9]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")


@pytest.fixture(params=["hand", "quarters"])
def persian(request, quarters_figures):
    """The figures, and the codes their printed Persian tables show in a code column."""
    f = figures() if request.param == "hand" else quarters_figures
    return f, printed_codes(f)


def printed_codes(f) -> set[str]:
    return {
        str(row[i])
        for t in bulletin_tables(f, "fa")
        if t.printed
        for i, c in enumerate(t.columns)
        if c.kind == "code"
        for row in t.rows
        if row[i] is not None
    }


def latin_digits(text: str, allowed=()) -> list[str]:
    """Each Latin digit left in `text` once isolates and `allowed` strings are taken out, with
    the words around it (an empty list when there is none)."""
    text = ISOLATED.sub(" ", text)
    for a in sorted(allowed, key=len, reverse=True):
        text = text.replace(a, " ")
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in LATIN_DIGIT.finditer(text)]


def test_persian_text_bulletin_has_no_latin_digit(persian):
    f, _ = persian
    assert latin_digits(render_document(f, "text", "fa")) == []


def test_persian_markdown_has_no_latin_digit_but_in_code_columns(persian):
    f, codes = persian
    cells = [f" {c} |" for c in codes]
    assert latin_digits(render_document(f, "md", "fa"), cells) == []


class _PersianText(HTMLParser):
    """The text of an HTML page but for styles, `<bdi>` and cells of code columns."""

    SKIPPED = ("style", "script", "bdi")

    def __init__(self):
        super().__init__()
        self.text, self._skip = [], []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.SKIPPED or (tag == "td" and "code" in classes):
            self._skip.append(tag)

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def html_text(html: str) -> str:
    parser = _PersianText()
    parser.feed(html)
    return " ".join(parser.text)


def test_persian_html_has_no_latin_digit_outside_bdi_and_codes(persian):
    f, _ = persian
    assert latin_digits(html_text(render_document(f, "html", "fa"))) == []


def test_persian_pdf_has_no_latin_digit_outside_isolates_and_codes(persian):
    f, codes = persian
    isolated = re.findall(r"<bdi[^>]*>([^<]*)</bdi>", html_document(f, "fa", embed_fonts=False))
    reader = PdfReader(io.BytesIO(render_document(f, "pdf", "fa")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert latin_digits(text, [*codes, *isolated]) == []


def test_persian_workbook_strings_have_no_latin_digit(persian, tmp_path):
    f, _ = persian
    path = tmp_path / "b.xlsx"
    path.write_bytes(render_document(f, "xlsx", "fa"))
    book = CalamineWorkbook.from_path(str(path))
    columns = labels("fa")["columns"]
    tables = [None, *bulletin_tables(f, "fa")]  # the cover, then one sheet per table
    found = []
    for name, table in zip(book.sheet_names, tables, strict=True):
        rows = book.get_sheet_by_name(name).to_python()
        codes = (
            set() if table is None else {columns[c.key] for c in table.columns if c.kind == "code"}
        )
        header = rows[2] if table is not None and len(rows) > 2 else []
        skipped = {i for i, h in enumerate(header) if h in codes}
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if not isinstance(cell, str) or (r > 2 and c in skipped):
                    continue
                if not has_persian(cell) and LATIN_LETTER.search(cell):
                    continue  # Latin text alone in its cell (a file name), not Persian text
                found += [f"{name}!{r},{c}: {x}" for x in latin_digits(cell)]
    assert found == []


@pytest.mark.parametrize("draw", [monthly_figure, sectors_figure, partners_figure])
def test_persian_charts_have_no_latin_digit(draw, persian):
    f, _ = persian
    fig = draw(f, "fa")
    fig.draw_without_rendering()
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert [t for t in texts if LATIN_DIGIT.search(t)] == []


def test_chart_numbers_follow_the_number_convention():
    assert [chart_number(v, "fa", 1) for v in (-35.7, 1234.5)] == ["\u2212۳۵٫۷", "۱٬۲۳۴٫۵"]
