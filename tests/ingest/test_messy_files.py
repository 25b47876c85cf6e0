"""Each kind of mess real customs files come with is read right (issue: ingest, item 5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from taraz.ingest import ImportOptions, import_files
from tests.fixtures import (
    CUSTOMS_EXPORT_HEADERS,
    Line,
    customs_row,
    load,
    write_customs_csv,
    write_customs_xlsx,
)


def lines(wh):
    return wh.con.execute(
        "SELECT hs_code, value_usd, weight_kg, date, partner, province, customs_office, flow "
        "FROM lines ORDER BY file_no, source_row"
    ).fetchall()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256"])
def test_csv_in_each_encoding_loads_the_same_line(wh, tmp_path, encoding):
    # Windows-1256 has no Persian ی or Persian digits: such files carry Arabic ي and Latin digits
    def arabic(cells):
        return [c.replace("ی", "ي") for c in cells] if encoding == "cp1256" else cells

    path = write_customs_csv(
        tmp_path / "x.csv",
        [arabic(customs_row())],
        headers=arabic(CUSTOMS_EXPORT_HEADERS),
        encoding=encoding,
    )
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert report.status == "loaded", report
    assert lines(wh) == [
        (
            "69072100",
            Decimal("1000.00"),
            Decimal("5000.000"),
            date(2025, 6, 5),
            "IQ",
            "IR-21",
            lines(wh)[0][6],
            "X",
        )
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("۱۲۳۴۵", Decimal("12345.00")),  # Persian digits
        ("١٢٣٤٥", Decimal("12345.00")),  # Arabic-Indic digits
        ("12,345", Decimal("12345.00")),
        ("۱۲٬۳۴۵", Decimal("12345.00")),  # Persian thousands separator
        ("12345.5", Decimal("12345.50")),
        ("۱۲۳۴۵٫۵", Decimal("12345.50")),  # Persian decimal separator
        ("۲/۱۶۱", Decimal("2.16")),  # the Persian slash as decimal separator, rounded to cents
        ("1,234,567.891", Decimal("1234567.89")),
    ],
)
def test_numbers_in_every_notation(wh, tmp_path, value, expected):
    path = write_customs_csv(tmp_path / "x.csv", [customs_row(value=value)])
    import_files(wh, [path], ImportOptions(flow="X"))
    assert lines(wh)[0][1] == expected


def test_weight_with_persian_slash_keeps_three_decimals(wh, tmp_path):
    path = write_customs_csv(tmp_path / "x.csv", [customs_row(weight="۲/۱۶۱")])
    import_files(wh, [path], ImportOptions(flow="X"))
    assert lines(wh)[0][2] == Decimal("2.161")


@pytest.mark.parametrize(
    "text", ["1404/03/15", "۱۴۰۴/۰۳/۱۵", "1404-3-15", "١٤٠٤/٣/١٥", "2025-06-05"]
)
def test_dates_in_every_form(wh, tmp_path, text):
    # 15 Khordad 1404 is 5 June 2025
    path = write_customs_csv(tmp_path / "x.csv", [customs_row(date=text)])
    import_files(wh, [path], ImportOptions(flow="X"))
    assert lines(wh)[0][3] == date(2025, 6, 5)


@pytest.mark.parametrize("card", ["۱۲۱۰۰۰۰۰۱۰۱", "١٢١٠٠٠٠٠١٠١", " 12100000101 "])
def test_card_numbers_in_any_digits_are_kept_in_latin_digits(wh, tmp_path, card):
    # the exporters' registry keys a firm by its card in Latin digits (its trader_id here)
    load(wh, tmp_path, "x.csv", [Line(trader_id=card)])
    assert wh.con.execute("SELECT trader_id FROM lines").fetchall() == [("12100000101",)]


def test_arabic_letters_and_stray_zwnj_in_headers_and_names(wh, tmp_path):
    headers = [h.replace("ک", "ك").replace("ی", "ي") for h in CUSTOMS_EXPORT_HEADERS]
    headers[2] = "\u200cنام\u200c\u200c استان "  # stray ZWNJ and spaces
    row = customs_row(province="يزد\u200c", country="عراق\u200c")
    path = write_customs_csv(tmp_path / "x.csv", [row], headers=headers)
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert (report.rows_loaded, lines(wh)[0][4], lines(wh)[0][5]) == (1, "IQ", "IR-21")


@pytest.mark.parametrize(
    ("hs8", "hs6", "expected"),
    [
        ("7208.51", "", "720851"),  # dots
        ("901", "", "0901"),  # the leading zero Excel dropped
        ("9011100", "090111", "09011100"),
        ("0901.11.00", "", "09011100"),
    ],
)
def test_hs_codes_with_dots_or_a_lost_leading_zero(wh, tmp_path, hs8, hs6, expected):
    path = write_customs_csv(tmp_path / "x.csv", [customs_row(hs8=hs8, hs6=hs6)])
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert report.rows_loaded == 1, report.quarantine
    assert lines(wh)[0][0] == expected


def test_excel_with_title_rows_blank_rows_and_a_totals_row(wh, tmp_path):
    rows = [
        customs_row(value=1000, weight=5000),
        None,  # a blank row
        customs_row(value="2,500", weight=7000, date="1404/03/20"),
        None,
    ]
    totals = ["جمع کل", None, None, None, None, None, 3500, 12000, None, None]
    path = write_customs_xlsx(
        tmp_path / "x.xlsx",
        rows,
        title_rows=["سازمان صنعت، معدن و تجارت استان یزد", "آمار صادرات قطعی خرداد ۱۴۰۴"],
        totals=totals,
    )
    report = import_files(wh, [path])  # flow from the title: «صادرات»
    assert (report.rows_read, report.rows_loaded, report.rows_skipped, report.warnings) == (
        2,
        2,
        3,
        0,
    )
    # rows as a person sees them in Excel: 2 title rows, the header on row 3
    assert wh.con.execute("SELECT source_row FROM lines ORDER BY 1").fetchall() == [(4,), (6,)]
    assert wh.con.execute("SELECT DISTINCT flow FROM lines").fetchall() == [("X",)]


def test_totals_row_that_does_not_add_up_is_a_warning(wh, tmp_path):
    totals = ["جمع کل", None, None, None, None, None, 9999, 5000, None, None]
    path = write_customs_xlsx(
        tmp_path / "x.xlsx", [customs_row(value=1000, weight=5000)], totals=totals
    )
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert [f.code for f in report.findings] == ["check.totals-mismatch"]


def test_excel_number_cells_lose_no_precision(wh, tmp_path):
    path = write_customs_xlsx(
        tmp_path / "x.xlsx", [customs_row(value=1234.56, weight=0.125, hs8=9011100, hs6="090111")]
    )
    import_files(wh, [path], ImportOptions(flow="X"))
    assert lines(wh)[0][:3] == ("09011100", Decimal("1234.56"), Decimal("0.125"))


def test_blank_lines_in_a_csv_are_set_aside_and_row_numbers_stay_true(wh, tmp_path):
    path = write_customs_csv(
        tmp_path / "x.csv", [customs_row(), [], ["", "", ""], customs_row(value="x")]
    )
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert (report.rows_read, report.rows_loaded, report.rows_skipped) == (2, 1, 2)
    # header line 1, data line 2, two blank lines, the bad row on line 5
    assert wh.con.execute("SELECT row_no FROM quarantine").fetchall() == [(5,)]
