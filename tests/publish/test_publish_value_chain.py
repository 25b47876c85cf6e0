"""The value chain: exports and imports by stage of processing (HS -> BEC) in the statement, the
printed table and the workbook, on the Yazd quarters (tests/fixtures QUARTERS).

By hand, Yazd 1404-Q1 exports by stage: consumer 3,500 (carpets 570190, BEC 61: 2,000;
pistachios 080251, BEC 112: 1,500), intermediate 1,000 (tiles 690721, BEC 22), raw 800
(granite 251611 and the heading 2516, BEC 21) of 5,300 USD: 66.04 / 18.87 / 15.09 %, written
66, 19, 15. 1403-Q1: consumer 1,200, intermediate 800, raw 2,000 of 4,000: 30 / 20 / 50 %.
The largest stage is consumer goods; the second named for exports is raw materials.

Imports 1404-Q1: capital 3,000 (ADP machines 847190, BEC 41), intermediate 700 (polyethylene
390110, BEC 22) of 3,700: 81.08 / 18.92 %, written 81, 19; 1403-Q1: capital 2,000,
intermediate 1,000 of 3,000: 66.67 / 33.33 %, written 67, 33. The largest is capital goods,
so the second named is the next largest, intermediate goods.
"""

from __future__ import annotations

import copy

import pytest
from python_calamine import CalamineWorkbook

from taraz.publish.bulletin import statement
from taraz.publish.documents import printed_tables, render_document
from taraz.publish.tabulation import bulletin_tables


def test_persian_statement_says_the_export_shares_by_stage(quarters_figures):
    exports = statement(quarters_figures, "fa")["paragraphs"][0]
    assert (
        "کالاهای مصرفی ۶۶ درصد صادرات استان یزد بود (۳۰ درصد در دوره مشابه سال قبل) و سهم "
        "مواد خام و کالاهای اولیه از ۵۰ به ۱۵ درصد رسید."
    ) in exports


def test_persian_statement_says_the_import_shares_by_stage(quarters_figures):
    imports = statement(quarters_figures, "fa")["paragraphs"][1]
    assert (
        "کالاهای سرمایه‌ای ۸۱ درصد واردات استان یزد بود (۶۷ درصد در دوره مشابه سال قبل) و سهم "
        "کالاهای واسطه‌ای از ۳۳ به ۱۹ درصد رسید."
    ) in imports


def test_english_statement_says_the_shares_by_stage_in_words(quarters_figures):
    exports, imports = statement(quarters_figures, "en")["paragraphs"][:2]
    assert (
        "Consumer goods made up 66% of the exports of Yazd province (30% in the same period "
        "last year), and the share of raw materials fell from 50% to 15%."
    ) in exports
    assert (
        "Capital goods made up 81% of the imports of Yazd province (67% in the same period "
        "last year), and the share of intermediate goods fell from 33% to 19%."
    ) in imports


def test_without_last_year_the_sentence_compares_nothing(quarters_figures):
    f = copy.deepcopy(quarters_figures)
    f["totals"]["exports"]["growth"].update(available=False, reason="incomplete_coverage")
    for item in f["breakdowns"]["exports"]["stage"]:  # as the stats give it when years differ
        item.update(last_year_share_pct=None, growth_value_pct=None)
    exports = statement(f, "fa")["paragraphs"][0]
    assert (
        "سهم کالاهای مصرفی از صادرات استان یزد ۶۶ درصد و سهم مواد خام و کالاهای اولیه ۱۵ درصد بود."
    ) in exports
    assert "۳۰ درصد" not in exports


def test_no_stage_figures_no_sentence(quarters_figures):
    f = copy.deepcopy(quarters_figures)
    f["breakdowns"]["exports"]["stage"] = []
    assert "کالاهای مصرفی" not in statement(f, "fa")["paragraphs"][0]


def test_value_chain_table_runs_along_the_chain_with_last_years_share(quarters_figures):
    table = next(t for t in bulletin_tables(quarters_figures, "en") if t.key == "value_chain")
    exports = [r[1:] for r in table.rows if r[0] == "Exports"]
    # stage, value, share, last year's share (value / last year's total), growth
    assert exports == [
        ["Raw materials", "800.00", "15.09", "50.00", "-60.00"],
        ["Intermediate goods", "1000.00", "18.87", "20.00", "25.00"],
        ["Consumer goods", "3500.00", "66.04", "30.00", "191.67"],
    ]


def test_printed_value_chain_table_has_its_note(quarters_figures):
    table = next(t for t in printed_tables(quarters_figures, "fa") if t["key"] == "value_chain")
    assert table["rows"][0][:2] == ["صادرات", "مواد خام و کالاهای اولیه"]
    # a negative growth as docs/numbers.md writes it, a left-to-right unit
    assert table["rows"][0][-1] == "\u2066\u2212۶۰٫۰\u2069"
    assert "«چند مرحله»" in table["note"] and "«طبقه‌بندی‌نشده»" in table["note"]
    assert "۳۲۱" in table["note"]


@pytest.fixture(scope="module")
def workbook(quarters_figures, tmp_path_factory):
    path = tmp_path_factory.mktemp("chain") / "b.xlsx"
    path.write_bytes(render_document(quarters_figures, "xlsx", "fa"))
    return CalamineWorkbook.from_path(str(path))


def test_workbook_has_the_value_chain_sheet_with_its_note(workbook):
    rows = workbook.get_sheet_by_name("زنجیره ارزش").to_python()
    assert rows[3] == ["صادرات", "مواد خام و کالاهای اولیه", 800.0, 15.09, 50.0, -60.0]
    assert any(str(r[0]).startswith("مرحلهٔ فرآوری هر کالا") for r in rows[4:])


def test_html_names_the_stages_in_a_table_with_its_note(quarters_figures):
    html = render_document(quarters_figures, "html", "fa")
    assert '<section class="table-block value_chain short">' in html
    assert html.count("مرحلهٔ فرآوری هر کالا") == 1
