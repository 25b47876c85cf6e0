"""The bulletin's documents: Markdown and HTML tables, the PDF read back as text, the workbook
read back with calamine, the JSON read back, and the charts."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from taraz.publish.charts import monthly_figure, partners_figure
from taraz.publish.documents import (
    default_filename,
    figures_json,
    render_document,
    write_document,
)
from tests.publish.figures import figures

PERSIAN_RUN = re.compile(r"[۰-۹٫٬]+")


@pytest.fixture(scope="module")
def pdfs():
    return {
        lang: PdfReader(io.BytesIO(render_document(figures(), "pdf", lang)))
        for lang in ("fa", "en")
    }


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def logical(text: str) -> str:
    """Persian PDF text back in reading order: pypdf gives Persian digit runs in visual order
    (reversed), and drops the zero-width non-joiner."""
    return PERSIAN_RUN.sub(lambda m: m.group(0)[::-1], text.replace("\u200c", ""))


def test_markdown_has_the_statement_and_the_tables():
    md = render_document(figures(), "md", "fa")
    assert md.startswith("# گزارش تجارت خارجی استان یزد — شش‌ماهه نخست ۱۴۰۴\n")
    assert "| معدن و صنایع معدنی | ۱۹۲٫۶ | ۴۸٫۰ | ۱۷۱٫۹ | ۱۲٫۱ | ۱٬۹۵۳٫۸ |" in md


def test_markdown_in_english_has_latin_digits():
    md = render_document(figures(), "md", "en")
    assert "| 1 | Iraq | 72.4 | 18.1 | 61.6 | 17.5 | 469.8 |" in md


def test_html_is_right_to_left_in_persian():
    html = render_document(figures(), "html", "fa")
    assert '<html lang="fa" dir="rtl">' in html


def test_html_is_self_contained():
    html = render_document(figures(), "html", "en")
    assert "file://" not in html
    assert html.count("data:image/svg+xml;base64,") == 3


def test_html_escapes_names():
    f = figures()
    f["top"]["export_destinations"][0]["name_en"] = "<b>Iraq</b>"
    assert "&lt;b&gt;Iraq&lt;/b&gt;" in render_document(f, "html", "en")


def test_english_pdf_states_the_figures(pdfs):
    text = " ".join(pdf_text(pdfs["en"]).split())
    for phrase in (
        "about 401 million dollars",
        "about 2.16 million tonnes",
        "up 12% in value",
        "a surplus of 85.2 million dollars",
        "about 316 million dollars",
        "Iraq (18%)",
    ):
        assert phrase in text


def test_english_pdf_has_the_tables(pdfs):
    text = pdf_text(pdfs["en"])
    assert "Exports by sector" in text
    assert "2,161.0" in text  # thousand tonnes in the summary table


def test_persian_pdf_states_the_figures(pdfs):
    text = " ".join(logical(pdf_text(pdfs["fa"])).split())
    for phrase in (
        "حدود ۴۰۱ میلیون دلار",
        "حدود ۲٫۱۶ میلیون تن",
        "رشد ۱۲ درصدی",
        "مثبت ۸۵٫۲ میلیون",
        "معدن و صنایع معدنی",
        "ششماهه نخست",
    ):
        assert phrase in text


def test_pdf_embeds_the_packaged_font(pdfs):
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in pdfs["fa"].pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"Vazirmatn", "Vazirmatn-Bold"}


def test_pdf_title_is_the_bulletin_title(pdfs):
    assert pdfs["fa"].metadata.title == "گزارش تجارت خارجی استان یزد — شش‌ماهه نخست ۱۴۰۴"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "b.xlsx"
    path.write_bytes(render_document(figures(), "xlsx", "fa"))
    return CalamineWorkbook.from_path(str(path))


def test_workbook_has_a_cover_and_one_sheet_per_table(workbook):
    assert workbook.sheet_names[:4] == ["گزارش", "ارقام اصلی", "صادرات - بخش", "واردات - بخش"]
    assert len(workbook.sheet_names) == 24


def test_workbook_figures_are_numbers(workbook):
    rows = workbook.get_sheet_by_name("صادرات - بخش").to_python()
    assert rows[3] == ["معدن و صنایع معدنی", 192592592.16, 48.0, 171857142.96, 12.07, 1953798.66]


def test_workbook_cover_has_the_headline_figures(workbook):
    rows = workbook.get_sheet_by_name("گزارش").to_python()
    assert ["صادرات", 401234567.0, 2161000.5, 12.4, 5.41] in rows


def test_workbook_counts_are_numbers(workbook):
    rows = workbook.get_sheet_by_name("ارقام اصلی").to_python()
    assert rows[3][-1] == 2771


def test_persian_sheets_run_right_to_left():
    import zipfile

    data = render_document(figures(), "xlsx", "fa")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
    assert 'rightToLeft="1"' in sheet


def test_json_round_trips():
    f = figures()
    assert json.loads(render_document(f, "json")) == f


def test_json_writes_exact_decimals_of_the_engine():
    from decimal import Decimal

    f = figures()
    f["totals"]["exports"]["lines"] = Decimal(4552)
    assert json.loads(figures_json(f))["totals"]["exports"]["lines"] == 4552


def test_default_filename_names_province_period_and_language():
    assert default_filename(figures(), "pdf", "fa") == "taraz-IR-21-1404-H1-fa.pdf"


def test_write_document_writes_text_as_utf8(tmp_path):
    path = write_document(figures(), "text", "fa", tmp_path / "b.txt")
    assert path.read_text(encoding="utf-8").startswith("گزارش تجارت خارجی")


def test_monthly_chart_has_persian_digits_and_month_names():
    fig = monthly_figure(figures(), "fa")
    fig.draw_without_rendering()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == ["فروردین", "اردیبهشت"]
    assert all(re.fullmatch(r"[۰-۹٬٫]+", t.get_text()) for t in ax.get_yticklabels())


def test_persian_bar_chart_runs_right_to_left():
    ax = partners_figure(figures(), "fa").axes[0]
    assert ax.xaxis_inverted()


def test_charts_use_the_packaged_font():
    ax = monthly_figure(figures(), "en").axes[0]
    assert ax.title.get_fontfamily() == ["Vazirmatn"]


def test_charts_are_the_same_bytes_each_time():
    from taraz.publish.charts import sectors_chart

    assert sectors_chart(figures(), "fa") == sectors_chart(figures(), "fa")
