"""Small hand-made source files for the ingest tests, written the way real files come."""

from __future__ import annotations

import csv
from pathlib import Path

import xlsxwriter

# The customs export layout, headers as they are really written (Arabic ي in two of them).
CUSTOMS_X_HEADERS = [
    "نام مرز",
    "گمرک مبدا",
    "نام استان",
    "کد 8 رقمی ایران",
    "کد 6 رقمی بین المللي",
    "کد ISIC",
    "ارزش دلاري",
    "وزن کل",
    "تاریخ",
    "کشور مقصد",
]


def customs_row(
    office="گمرک یزد",
    province="یزد",
    hs8="69072100",
    hs6="690721",
    value="1000",
    weight="5000",
    date="1404/03/15",
    country="عراق",
    border="مهران",
):
    return [border, office, province, hs8, hs6, "2392", value, weight, date, country]


def write_csv(path: Path, rows, headers=CUSTOMS_X_HEADERS, encoding="utf-8", title_rows=()):
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        for t in title_rows:
            w.writerow([t])
        w.writerow(headers)
        w.writerows(rows)
    return path


def write_xlsx(path: Path, rows, headers=CUSTOMS_X_HEADERS, title_rows=(), totals=None):
    """Rows may hold numbers or text; `totals` is a row written after the data."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("گزارش")
    sheet.right_to_left()
    r = 0
    for t in title_rows:
        sheet.write(r, 0, t)
        r += 1
    sheet.write_row(r, 0, headers)
    r += 1
    for row in rows:
        if row is not None:
            sheet.write_row(r, 0, row)
        r += 1
    if totals is not None:
        sheet.write_row(r, 0, totals)
    book.close()
    return path
