"""An .xlsx sheet read by calamine in pieces of whole rows, on two threads, while it is still
being measured, gives the rows calamine gives reading it whole; a sheet that cannot be cut
safely is read whole; the budget refuses a sheet before a piece past it is read."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from taraz.ingest import sheet_pieces, workbook
from taraz.ingest.layouts import is_known_header
from taraz.ingest.limits import ReadBudget
from taraz.ingest.sheet_pieces import assemble, read_in_pieces
from taraz.ingest.sources import SourceError, cell_text, find_header, is_totals, read_source
from taraz.ingest.workbook import Workbook
from tests.fixtures import CUSTOMS_EXPORT_HEADERS, customs_row
from tests.fixtures.workbooks import cell, column_letters, grid, sheet_xml, write_workbook

NAMES = itertools.count()


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch):
    """Pieces of a few rows: parts of about 64 bytes, a piece from 150 bytes of them."""
    monkeypatch.setattr(workbook, "CHUNK", 64)
    monkeypatch.setattr(workbook, "PIECE_BYTES", 150)
    monkeypatch.setattr(workbook, "PIECE_SHARE", 0)


def pieces_of(path, sheet="S", budget=None):
    pieces = read_in_pieces(Workbook(path, budget or ReadBudget()), sheet)
    return None if pieces is None else assemble(pieces)


def whole(path, sheet="S"):
    found = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet)
    return found.to_python(skip_empty_area=False)


def number(ref, value):
    return f'<c r="{ref}"><v>{value}</v></c>'


def test_pieces_put_every_cell_where_its_reference_says(tmp_path):
    rows = (
        f'<row r="2">{cell("B2", "title")}</row>'
        f'<row r="3">{cell("A3", "h1")}{cell("B3", "h2")}{cell("C3", "h3")}</row>'
        f'<row r="4">{cell("A4", "x")}{number("B4", "1.5")}{number("C4", "7")}</row>'
        f'<row r="7">{cell("B7", "y")}</row>'  # rows 5 and 6: none
        f'<row r="8"><c r="A8" s="0"/></row>'  # a cell with no value
        f'<row r="9">{cell("D9", "wide")}</row>'  # a column no row before reaches
        f'<row r="10">{cell("C10", "z")}{number("A10", "-2")}</row>'  # cells out of order
    )
    path = write_workbook(tmp_path / "s.xlsx", {"S": sheet_xml(rows)})
    blank = ["", "", "", ""]
    expected = [
        blank,
        ["", "title", "", ""],
        ["h1", "h2", "h3", ""],
        ["x", 1.5, 7.0, ""],
        blank,
        blank,
        ["", "y", "", ""],
        blank,
        ["", "", "", "wide"],
        [-2.0, "", "z", ""],
    ]
    assert pieces_of(path) == expected
    assert whole(path) == expected


def test_a_written_workbook_reads_the_same_in_pieces_as_whole(tmp_path):
    # shared strings, styles (dates), numbers, booleans, gaps and a sheet starting at C5
    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for i in range(400):
        row = 4 + i + i // 50  # a blank row every fifty
        sheet.write_string(row, 2, f"name {i % 7}")
        sheet.write_number(row, 3, i * 1.25)
        sheet.write_datetime(row, 4, dt.datetime(2024, 1, 1) + dt.timedelta(days=i), day)
        if i % 3 == 0:
            sheet.write_boolean(row, 5, i % 2 == 0)
    book.close()
    got = pieces_of(path)
    expected = whole(path)
    assert got is not None and len(got) == 4 + 400 + 7
    assert got == expected
    assert [type(v) for row in got for v in row] == [type(v) for row in expected for v in row]


@pytest.mark.parametrize(
    "rows",
    [
        grid([["a"], ["b"], ["c"], ["d"], ["e"], ["f"]], first_row=5) + grid([["g"]] * 6),
        grid([["a"]] * 12) + "<!-- </row> -->" + grid([["b"]] * 6, first_row=20),
        grid([["a"]] * 12) + "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 5 + "</row>",
        # calamine reading the sheet whole stops at the first end of `sheetData`: 12 rows
        grid([["a"]] * 12) + "</sheetData><sheetData>" + grid([["b"]] * 6, first_row=20),
    ],
    ids=["rows-go-back", "a-comment", "cells-without-references", "two-sheet-data"],
)
def test_a_sheet_that_cannot_be_cut_safely_is_read_whole(tmp_path, rows):
    path = write_workbook(tmp_path / "odd.xlsx", {"S": sheet_xml(rows)})
    assert pieces_of(path) is None


def test_a_sheet_of_one_piece_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "PIECE_BYTES", 1 << 20)
    path = write_workbook(tmp_path / "small.xlsx", {"S": sheet_xml(grid([["a", "b"]] * 30))})
    assert pieces_of(path) is None


def test_the_importer_reads_a_customs_sheet_in_pieces_as_whole(tmp_path, monkeypatch):
    rows = grid([CUSTOMS_EXPORT_HEADERS] + [customs_row() for _ in range(20)], first_row=3)
    path = write_workbook(tmp_path / "customs.xlsx", {"S": sheet_xml(rows)})
    handed = []
    read = sheet_pieces._read_piece
    monkeypatch.setattr(sheet_pieces, "_read_piece", lambda *a: handed.append(1) or read(*a))
    src = read_source(path, is_known_header)
    assert len(handed) > 2
    assert (src.header_row, src.arrow.num_rows, src.arrow["_row"].to_pylist()) == (
        3,
        20,
        list(range(4, 24)),
    )


def test_a_sheet_past_the_budget_in_a_later_piece_is_refused_as_when_read_whole(
    tmp_path, monkeypatch
):
    rows = grid([["a", "b"]] * 40) + f'<row r="5000">{cell("B5000", "y")}</row>'
    path = write_workbook(tmp_path / "tall.xlsx", {"S": sheet_xml(rows)})
    handed = []
    read = sheet_pieces._read_piece
    monkeypatch.setattr(sheet_pieces, "_read_piece", lambda *a: handed.append(a[3]) or read(*a))
    with pytest.raises(SourceError) as caught:
        pieces_of(path, budget=ReadBudget(max_rows=4999))
    assert (caught.value.fields["setting"], caught.value.fields["found"]) == (
        "TARAZ_READ_MAX_ROWS",
        5000,
    )
    assert handed and not any(b"5000" in part for xml in handed for part in xml)


def test_a_part_unlike_what_the_zip_declares_is_measured_again_and_read_whole(tmp_path):
    path = write_workbook(tmp_path / "liar.xlsx", {"S": sheet_xml(grid([["x", "y"]] * 50))})
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    central = data.find(name, data.find(name) + 1) - 46
    assert data[central : central + 4] == b"PK\x01\x02"
    data[central + 16 : central + 20] = bytes(4)  # its CRC: not the part's
    path.write_bytes(bytes(data))
    fresh = Workbook(path, ReadBudget())
    fresh.read("xl/worksheets/sheet1.xml")  # by zlib, which checks neither
    book = Workbook(path, ReadBudget())
    assert book.extent("S") == workbook.Extent(50, 2, in_pieces=False)
    assert book.spent == fresh.spent  # the bytes of the first try not counted twice
    assert pieces_of(path) is None


def test_a_customs_sheet_reads_the_same_in_pieces_as_whole(tmp_path, monkeypatch):
    # a title and a blank row above the header (row 3); 60 rows under it, two of them blank
    # (20 and 45), one with a cell past the header (L55), one whose value is text (50); then
    # a «جمع کل» row: read in pieces of a few rows, and whole
    path = tmp_path / "customs.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["آمار صادرات", "۱۴۰۴"])
    sheet.write_row(2, 0, CUSTOMS_EXPORT_HEADERS)
    for row in range(4, 64):
        if row in (20, 45):
            continue
        cells = customs_row(value=f"{row}.5", weight=str(row * 10))
        values = [*cells[:6], float(cells[6]), float(cells[7]), *cells[8:]]
        if row == 50:
            values[6] = "1,500"
        sheet.write_row(row - 1, 0, values)
    sheet.write_string("L55", "note")
    sheet.write_row(63, 0, ["جمع کل", "", "", "", "", "", 9999.5])
    book.close()

    def read(piece_bytes):
        monkeypatch.setattr(workbook, "PIECE_BYTES", piece_bytes)
        handed = []
        read_piece = sheet_pieces._read_piece
        monkeypatch.setattr(
            sheet_pieces, "_read_piece", lambda *a: handed.append(1) or read_piece(*a)
        )
        return read_source(path, is_known_header), len(handed)

    numbers = [n for n in range(4, 64) if n not in (20, 45)]
    (in_pieces, handed), (whole, not_handed) = read(150), read(1 << 30)
    assert handed > 2 and not_handed == 0
    for src in (in_pieces, whole):
        assert (src.header_row, src.title, src.skipped_blank) == (3, "آمار صادرات ۱۴۰۴", 2)
        assert src.headers == [*CUSTOMS_EXPORT_HEADERS, "", ""]
        assert src.totals_row == {0: "جمع کل", 6: "9999.5"}
        table = src.arrow
        assert table.column_names == [*(f"c{j}" for j in range(12)), "_row"]
        assert table["_row"].to_pylist() == numbers
        assert table["c6"].to_pylist() == ["1,500" if n == 50 else f"{n}.5" for n in numbers]
        assert table["c7"].to_pylist() == [str(n * 10) for n in numbers]
        assert table["c11"].to_pylist() == ["note" if n == 55 else None for n in numbers]
        assert table["c8"].to_pylist() == ["1404/03/15"] * len(numbers)


# -- any sheet: in pieces as the whole sheet read cell by cell ------------------------------

CELLS = st.one_of(
    st.sampled_from(["", "  ", "جمع کل", "یزد", "x"]).map(lambda t: ("s", t)),
    st.text(alphabet="ab 7۱", max_size=4).map(lambda t: ("s", t)),
    st.floats(-1e12, 1e12, allow_nan=False).map(lambda f: ("n", repr(f))),
    st.integers(-(10**6), 10**6).map(lambda i: ("n", str(i))),
    st.booleans().map(lambda b: ("b", str(int(b)))),
)


def xml_cell(ref, kind, text):
    if kind == "s":
        return cell(ref, text) if text else ""
    kind_attr = ' t="b"' if kind == "b" else ""
    return f'<c r="{ref}"{kind_attr}><v>{text}</v></c>'


@st.composite
def sheets(draw):
    """A sheet's rows: title rows, the customs header (within the first 40 rows), then rows of
    any cells with gaps, some wider than the header, perhaps a «جمع کل» row last."""
    rows, at = [], draw(st.integers(0, 39))
    for r in range(at):
        if draw(st.booleans()):
            rows.append((r, [("s", "آمار")]))
    rows.append((at, [("s", h) for h in CUSTOMS_EXPORT_HEADERS]))
    r = at
    for _ in range(draw(st.integers(0, 70))):
        r += draw(st.sampled_from([1, 1, 1, 2, 5]))
        rows.append((r, draw(st.lists(CELLS, min_size=1, max_size=12))))
    if draw(st.booleans()):
        rows.append((r + 1, [("s", "جمع کل"), ("s", ""), ("n", "12.5")]))
    return "".join(
        f'<row r="{n + 1}">'
        + "".join(xml_cell(f"{column_letters(j)}{n + 1}", k, t) for j, (k, t) in enumerate(cs))
        + "</row>"
        for n, cs in rows
    )


def cell_by_cell(path):
    """What a reader gives, from calamine's whole sheet and `cell_text` cell by cell."""
    data = whole(path, "S")
    at = find_header(data, is_known_header)
    kept = [i for i in range(at + 1, len(data)) if any(v not in (None, "") for v in data[i])]
    texts = [[cell_text(v) for v in data[i]] for i in kept]
    totals = None
    if texts and is_totals(texts[-1]):
        totals = {j: v for j, v in enumerate(texts[-1]) if v is not None}
        texts, kept = texts[:-1], kept[:-1]
    width = len(data[at])
    columns = {f"c{j}": [row[j] for row in texts] for j in range(width)}
    return {
        "headers": [cell_text(v) or "" for v in data[at]],
        "header_row": at + 1,
        "title": " ".join(cell_text(v) or "" for row in data[:at] for v in row).strip(),
        "blank": len(data) - at - 1 - len(kept) - (totals is not None),
        "totals": totals,
        "columns": {**columns, "_row": [i + 1 for i in kept]},
    }


def as_read(src):
    return {
        "headers": src.headers,
        "header_row": src.header_row,
        "title": src.title,
        "blank": src.skipped_blank,
        "totals": src.totals_row,
        "columns": src.arrow.to_pydict(),
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=sheets(), piece_bytes=st.sampled_from([100, 400, 1 << 30]))
def test_any_sheet_reads_in_pieces_as_cell_by_cell(tmp_path, monkeypatch, rows, piece_bytes):
    monkeypatch.setattr(workbook, "PIECE_BYTES", piece_bytes)
    path = write_workbook(tmp_path / f"any-{next(NAMES)}.xlsx", {"S": sheet_xml(rows)})
    assert as_read(read_source(path, is_known_header)) == cell_by_cell(path)
    pieces = pieces_of(path)
    assert pieces is None or pieces == whole(path)
