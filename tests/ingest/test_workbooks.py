"""Workbooks of any shape give a status and a clear message; a sheet's reach is measured from
its XML before python-calamine builds it (issue 7.6, 8.1)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
import xlsxwriter

from taraz.ingest import ImportOptions, import_files
from taraz.ingest.layouts import is_known_header
from taraz.ingest.limits import ReadBudget
from taraz.ingest.sources import SourceError, read_source
from tests.fixtures import CUSTOMS_EXPORT_HEADERS, customs_row
from tests.fixtures.workbooks import cell, grid, sheet_xml, write_workbook

FAR_CORNER = f'<row r="1">{cell("A1", "x")}</row><row r="1048576">{cell("XFD1048576", "y")}</row>'

# Reads argv[1] in a process of its own and prints the code it is refused with and its peak
# memory in MB: a sheet that calamine would build whole would abort that process instead.
READ_ALONE = """
import json, sys, time
from pathlib import Path
from taraz.ingest.layouts import is_known_header
from taraz.ingest.sources import SourceError, read_source
started = time.monotonic()
try:
    read_source(Path(sys.argv[1]), is_known_header)
    code = None
except SourceError as exc:
    code = exc.code
# VmHWM, the peak of this program's own memory: ru_maxrss would count the parent test process
# it was forked from (Linux keeps the high-water mark across exec)
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) // 1024
print(json.dumps({"code": code, "seconds": time.monotonic() - started, "peak_mb": peak}))
"""


def refused(path, **budget):
    with pytest.raises(SourceError) as caught:
        read_source(path, is_known_header, budget=ReadBudget(**budget))
    return caught.value


@pytest.mark.parametrize(
    "dimension", [None, "A1:XFD1048576", "A1:B2"], ids=["none", "true", "false"]
)
def test_a_tiny_workbook_reaching_xfd1048576_is_refused_quickly_in_little_memory(
    tmp_path, dimension
):
    path = write_workbook(tmp_path / "corner.xlsx", {"S": sheet_xml(FAR_CORNER, dimension)})
    assert path.stat().st_size < 2048  # about 1.5 KB that would ask for 512 GiB
    out = subprocess.run(
        [sys.executable, "-c", READ_ALONE, str(path)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["code"] == "source.too-large"
    assert result["peak_mb"] < 500  # (its time is not asserted: timed tests are flaky)


def test_the_refusal_names_the_limit_and_its_variable(tmp_path):
    path = write_workbook(tmp_path / "corner.xlsx", {"S": sheet_xml(FAR_CORNER)})
    exc = refused(path)
    # XFD is column 16,384, over the default 1,000 columns
    assert (exc.fields["found"], exc.fields["limit"], exc.fields["setting"]) == (
        16384,
        1000,
        "TARAZ_READ_MAX_COLUMNS",
    )
    assert "16,384" in exc.message_en and "TARAZ_READ_MAX_COLUMNS" in exc.message_en


def test_cells_beyond_the_rows_budget_are_refused(tmp_path):
    rows = f'<row r="1">{cell("A1", "x")}</row><row r="5000">{cell("B5000", "y")}</row>'
    path = write_workbook(tmp_path / "tall.xlsx", {"S": sheet_xml(rows)})
    exc = refused(path, max_rows=4999)
    assert (exc.fields["setting"], exc.fields["found"]) == ("TARAZ_READ_MAX_ROWS", 5000)


def test_a_sheet_over_the_cells_budget_is_refused(tmp_path):
    # a cell at J100: 100 rows x 10 columns = 1,000 cells
    rows = f'<row r="1">{cell("A1", "x")}</row><row r="100">{cell("J100", "y")}</row>'
    path = write_workbook(tmp_path / "wide.xlsx", {"S": sheet_xml(rows)})
    exc = refused(path, max_cells=999)
    assert (exc.fields["setting"], exc.fields["found"]) == ("TARAZ_READ_MAX_CELLS", 1000)


def test_cells_without_references_are_placed_one_after_another_and_measured(tmp_path):
    # 1,200 cells in one row, none with a reference: they reach column 1,200
    row = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 1200 + "</row>"
    path = write_workbook(tmp_path / "noref.xlsx", {"S": sheet_xml(row)})
    assert refused(path).fields["found"] == 1200


def test_thousands_of_columns_are_refused_with_a_message(tmp_path):
    path = tmp_path / "columns.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet().write_row(0, 0, [f"h{j}" for j in range(2500)])
    book.close()
    exc = refused(path)
    assert (exc.code, exc.fields["found"]) == ("source.too-large", 2500)


def test_a_part_that_inflates_past_the_byte_budget_is_refused(tmp_path):
    # megabytes of XML that deflate to a fraction: counted as they inflate, not as declared
    rows = grid([["x"] * 5] * 20_000)
    path = write_workbook(tmp_path / "bomb.xlsx", {"S": sheet_xml(rows)})
    assert path.stat().st_size < 500_000
    exc = refused(path, max_bytes=1_000_000)
    assert exc.fields["setting"] == "TARAZ_READ_MAX_BYTES"


def test_a_zip_of_something_else_is_not_a_workbook(tmp_path):
    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<document/>")
    assert refused(path).code == "source.not-a-workbook"


def test_the_header_is_found_on_a_later_sheet_of_many(wh, tmp_path):
    sheets = {f"notes {n}": sheet_xml(grid([[f"note {n}"]])) for n in range(59)}
    sheets["data"] = sheet_xml(grid([CUSTOMS_EXPORT_HEADERS, customs_row()]))
    path = write_workbook(tmp_path / "many.xlsx", sheets)
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert (report.status, report.rows_loaded) == ("loaded", 1)


def test_many_sheets_without_a_header_say_so(wh, tmp_path):
    sheets = {f"notes {n}": sheet_xml(grid([[f"note {n}"]])) for n in range(60)}
    path = write_workbook(tmp_path / "notes.xlsx", sheets)
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert (report.status, report.error["code"]) == ("rejected", "source.no-header")


def test_merged_cells_keep_their_value_in_the_first_row_only(wh, tmp_path):
    # Excel keeps a merged cell's value in its top cell: the second row has no province
    path = tmp_path / "merged.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, CUSTOMS_EXPORT_HEADERS)
    sheet.write_row(1, 0, customs_row(province=""))
    sheet.write_row(2, 0, customs_row(province=""))
    sheet.merge_range(1, 2, 2, 2, "یزد")  # column C, the province, over rows 2 and 3
    book.close()
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert (report.rows_read, report.rows_loaded, report.rows_quarantined) == (2, 1, 1)
    assert [q.code for q in report.quarantine] == ["ingest.missing-province"]


def test_a_cell_longer_than_the_budget_sets_its_row_aside(wh, tmp_path):
    long_name = "گمرک " + "ی" * 60
    path = write_workbook(
        tmp_path / "long.xlsx",
        {
            "S": sheet_xml(
                grid([CUSTOMS_EXPORT_HEADERS, customs_row(), customs_row(office=long_name)])
            )
        },
    )
    report = import_files(wh, [path], ImportOptions(flow="X", budget=ReadBudget(max_cell_chars=50)))
    assert (report.rows_loaded, report.rows_quarantined) == (1, 1)
    assert wh.con.execute("SELECT row_no, code FROM quarantine").fetchall() == [
        (3, "ingest.cell-too-long")
    ]


def test_a_part_is_measured_by_what_it_inflates_to_not_by_what_the_zip_declares(tmp_path):
    rows = grid([["x"] * 5] * 20_000)  # megabytes of XML
    path = write_workbook(tmp_path / "liar.xlsx", {"S": sheet_xml(rows)})
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    local = data.find(name) - 30  # the local header of the sheet's entry
    central = data.find(name, local + 31) - 46  # its entry in the central directory
    assert data[local : local + 4] == b"PK\x03\x04" and data[central : central + 4] == b"PK\x01\x02"
    data[local + 22 : local + 26] = (100).to_bytes(4, "little")  # "100 bytes, inflated"
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert refused(path, max_bytes=1_000_000).fields["setting"] == "TARAZ_READ_MAX_BYTES"
