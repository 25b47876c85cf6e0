"""The sample as files: Yazd's monthly customs Excel files and the canonical CSV of the rest."""

import hashlib
import zipfile
from decimal import Decimal

import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pytest
from python_calamine import CalamineWorkbook

from taraz.calendar import jalali_to_gregorian
from taraz.fa import parse_number
from taraz.ingest.layouts import CUSTOMS_ALIASES
from taraz.sample import CANONICAL_COLUMNS, generate_lines, write_sample

SEED, SCALE = 11, 0.1
MONTH = "yazd-exports-1404-02.xlsx"
HEADER_SPELLINGS = set(CUSTOMS_ALIASES["declaration_id"])  # the first column of the header


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"), seed=SEED, scale=SCALE)


@pytest.fixture(scope="module")
def month_rows(sample_files):
    path = next(p for p in sample_files if p.name == MONTH)
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def _header_index(rows) -> int:
    return next(i for i, r in enumerate(rows) if r[0] in HEADER_SPELLINGS)


def _data(rows) -> list[list]:
    """Data rows: after the header, without blank rows and the totals row."""
    body = rows[_header_index(rows) + 1 : -1]
    return [r for r in body if any(c != "" for c in r)]


def _column(rows, *names) -> int:
    header = rows[_header_index(rows)]
    return next(i for i, h in enumerate(header) if h in names)


def _amount(cell) -> Decimal:
    if cell == "":
        return Decimal(0)
    return Decimal(repr(cell)) if isinstance(cell, float) else parse_number(cell)


def test_sample_is_48_monthly_excel_files_and_4_canonical_csv_files(sample_files):
    names = [p.name for p in sample_files]
    assert names[:3] == [
        "canonical-1403-X.csv",
        "canonical-1403-M.csv",
        "yazd-exports-1403-01.xlsx",
    ]
    assert len(names) == 52 and sum(n.endswith(".xlsx") for n in names) == 48


def test_month_file_has_title_rows_above_the_persian_header(month_rows):
    titles = [r[0] for r in month_rows[: _header_index(month_rows)] if r[0]]
    assert titles[:2] == ["سازمان صنعت، معدن و تجارت استان یزد", "آمار صادرات قطعی - اردیبهشت ۱۴۰۴"]


def test_month_file_header_has_the_customs_columns(month_rows):
    header = set(month_rows[_header_index(month_rows)])
    fields = ("line_no", "trader_size", "partner_x", "isic", "border")
    assert {CUSTOMS_ALIASES[f][0] for f in fields} <= header


@pytest.mark.parametrize("field", ["value", "weight"])
def test_totals_row_is_the_sum_of_the_data_rows(month_rows, field):
    col = _column(month_rows, *CUSTOMS_ALIASES[field])
    total = month_rows[-1]
    assert total[0] == "جمع کل"
    assert sum(_amount(r[col]) for r in _data(month_rows)) == _amount(total[col])


def test_month_file_rows_are_the_yazd_lines_of_generate_lines_plus_bad_rows(month_rows):
    lines = generate_lines(seed=SEED, scale=SCALE)
    first, last = jalali_to_gregorian(1404, 2, 1), jalali_to_gregorian(1404, 2, 31)
    mask = pc.and_(
        pc.and_(pc.equal(lines["province"], "IR-21"), pc.equal(lines["flow"], "X")),
        pc.and_(pc.greater_equal(lines["date"], first), pc.less_equal(lines["date"], last)),
    )
    expected = lines.filter(mask)
    id_col, line_col = (
        _column(month_rows, *HEADER_SPELLINGS),
        _column(month_rows, *CUSTOMS_ALIASES["line_no"]),
    )
    in_file = {(str(int(r[id_col])), int(r[line_col])) for r in _data(month_rows)}
    sample = set(
        zip(expected["declaration_id"].to_pylist(), expected["line_no"].to_pylist(), strict=True)
    )
    extra = in_file - sample
    assert sample <= in_file and 1 <= len(extra) <= 3
    assert all(len(d) == 12 and d.startswith("9") for d, _ in extra)


def test_excel_sheet_reads_right_to_left(sample_files):
    path = next(p for p in sample_files if p.name == MONTH)
    with zipfile.ZipFile(path) as z:
        assert 'rightToLeft="1"' in z.read("xl/worksheets/sheet1.xml").decode()


def test_canonical_csv_has_the_documented_header(sample_files):
    path = next(p for p in sample_files if p.suffix == ".csv")
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == ",".join(CANONICAL_COLUMNS)


def test_canonical_csv_holds_every_province_but_yazd(sample_files, ref):
    path = next(p for p in sample_files if p.name == "canonical-1404-X.csv")
    provinces = set(pcsv.read_csv(path)["province"].to_pylist())
    assert provinces == set(ref.provinces) - {"IR-21"}


def test_same_seed_writes_the_same_bytes(tmp_path):
    def digests(out):
        return [hashlib.sha256(p.read_bytes()).hexdigest() for p in write_sample(out, 5, 0.01)]

    assert digests(tmp_path / "a") == digests(tmp_path / "b")
