"""The workbook for Persian readers: days in the Jalali calendar with the Gregorian date beside
them (as the PDF writes them), negative numbers with the minus of docs/numbers.md, and
percentages to one decimal, as printed."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from python_calamine import CalamineWorkbook

from taraz.publish.documents import render_document
from tests.publish.figures import figures


def workbook(lang: str, tmp_path) -> CalamineWorkbook:
    path = tmp_path / f"b-{lang}.xlsx"
    path.write_bytes(render_document(figures(), "xlsx", lang))
    return CalamineWorkbook.from_path(str(path))


def as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def test_batch_days_are_jalali_with_the_gregorian_date_beside(tmp_path):
    rows = workbook("fa", tmp_path).get_sheet_by_name("دسته‌ها").to_python()
    heads = rows[2]
    first = dict(zip(heads, rows[3], strict=True))
    assert first["از تاریخ (شمسی)"] == "۳ فروردین ۱۴۰۳"
    assert as_date(first["از تاریخ (میلادی)"]) == date(2024, 3, 22)
    # a moment is the day it was in Tehran: 5 October 2025, 09:30 UTC is 13 Mehr 1404
    assert first["زمان بارگذاری (شمسی)"] == "۱۳ مهر ۱۴۰۴"
    assert as_date(first["زمان بارگذاری (میلادی)"]) == date(2025, 10, 5)


def test_english_workbook_has_both_calendars_too(tmp_path):
    rows = workbook("en", tmp_path).get_sheet_by_name("Batches").to_python()
    first = dict(zip(rows[2], rows[3], strict=True))
    assert (first["From (Jalali)"], as_date(first["From (Gregorian)"])) == (
        "3 Farvardin 1403",
        date(2024, 3, 22),
    )


def test_cover_gives_the_period_in_both_calendars(tmp_path):
    rows = workbook("fa", tmp_path).get_sheet_by_name("گزارش").to_python()
    start = next(r for r in rows if r[0] == "از تاریخ")
    end = next(r for r in rows if r[0] == "تا تاریخ")
    assert (start[1], as_date(start[2])) == ("۱ فروردین ۱۴۰۴", date(2025, 3, 21))
    assert (end[1], as_date(end[2])) == ("۳۱ شهریور ۱۴۰۴", date(2025, 9, 22))


def number_formats(lang: str) -> str:
    data = render_document(figures(), "xlsx", lang)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/styles.xml").decode()


@pytest.mark.parametrize(("lang", "negative"), [("fa", "\u2212"), ("en", None)])
def test_negative_numbers_show_the_languages_minus(lang, negative):
    styles = number_formats(lang)
    assert ('formatCode="0.0;&quot;\u2212&quot;0.0"' in styles) == (negative is not None)
    assert 'formatCode="0.00"' not in styles  # percentages to one decimal, as printed
