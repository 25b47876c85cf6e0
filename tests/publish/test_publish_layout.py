"""The printed bulletin's layout, read back from the PDF: every table's heading is on the page of
the table's first row (never left at the foot of a page), whatever the length of the tables
before it; the coverage heading is not repeated at the start of its paragraph."""

from __future__ import annotations

import copy
import io
import re

import pytest
from pypdf import PdfReader

from taraz.publish.documents import printed_tables, render_document
from tests.publish.figures import figures

# Extra destinations before the later tables: each moves every heading after it down the page.
PADDINGS = (0, 9, 17)


def padded(extra: int) -> dict:
    f = copy.deepcopy(figures())
    first = f["top"]["export_destinations"][0]
    for n in range(extra):
        f["top"]["export_destinations"].append(
            {
                **first,
                "rank": 7 + n,
                "code": f"X{n}",
                "name_fa": f"کشور {n}",
                "name_en": f"Land {n}",
            }
        )
    return f


def comparable(text: str) -> str:
    """Page text and headings alike: pypdf drops the zero-width non-joiner, mirrors the
    brackets and turns the digits of right-to-left lines around; spaces, brackets, digits and
    bidi marks are not compared."""
    return re.sub(r"[\s\u200c\u2066-\u2069()0-9۰-۹٫٬.,]", "", text)


def pages(f: dict, lang: str) -> list[str]:
    reader = PdfReader(io.BytesIO(render_document(f, "pdf", lang)))
    return [comparable(page.extract_text()) for page in reader.pages]


def first_row_mark(table: dict) -> str:
    """The longest text cell of the table's first row (a name, a flow: something of the row)."""
    cells = [
        c for c, numeric in zip(table["rows"][0], table["numeric"], strict=True) if not numeric
    ]
    return comparable(max(cells, key=len))


def stranded(f: dict, lang: str) -> list[str]:
    """The tables whose heading is not on the page of their first row."""
    texts = pages(f, lang)
    out, page = [], 0
    for table in printed_tables(f, lang):  # in the order they are printed
        if not table["rows"]:
            continue
        title = comparable(table["title"])
        page = next(i for i in range(page, len(texts)) if title in texts[i])
        if first_row_mark(table) not in texts[page][texts[page].index(title) :]:
            out.append(f"{table['title']} (page {page + 1})")
    return out


@pytest.mark.parametrize("extra", PADDINGS)
def test_english_headings_stay_with_their_tables(extra):
    assert stranded(padded(extra), "en") == []


def test_persian_headings_stay_with_their_tables():
    assert stranded(padded(PADDINGS[1]), "fa") == []


def test_coverage_heading_is_not_repeated_in_its_paragraph():
    text = " ".join(
        PdfReader(io.BytesIO(render_document(figures(), "pdf", "en")))
        .pages[0]
        .extract_text()
        .split()
    )
    assert "Data coverage This report is based on 4 data batches" in text.replace(":", "")
    assert "Data coverage: this report" not in text
