"""The `taraz` command: JSON output, human output in both languages, clear errors, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from tests.fixtures import (
    CUSTOMS_EXPORT_HEADERS,
    customs_row,
    write_customs_csv,
    write_customs_xlsx,
)


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "cli.duckdb"

    def invoke(*args):
        return CliRunner().invoke(cli, ["--warehouse", str(db), *args], catch_exceptions=False)

    return invoke


def test_import_json_gives_one_object_per_batch(run, tmp_path):
    a = write_customs_csv(tmp_path / "a.csv", [customs_row(), customs_row(value="x")])
    b = write_customs_csv(tmp_path / "b.csv", [customs_row(date="1404/04/01")])
    result = run("import", "--flow", "X", "--json", str(a), str(b))
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 0
    assert [
        (
            o["batch_id"],
            o["status"],
            o["rows_read"],
            o["rows_loaded"],
            o["rows_quarantined"],
            o["rows_duplicate"],
        )
        for o in objects
    ] == [
        ("B00001", "loaded", 2, 1, 1, 0),
        ("B00002", "loaded", 1, 1, 0, 0),
    ]
    assert all("warnings" in o for o in objects)


def test_importing_again_reports_duplicate(run, tmp_path):
    a = write_customs_csv(tmp_path / "a.csv", [customs_row()])
    run("import", "--flow", "X", str(a))
    result = run("import", "--flow", "X", "--json", str(a))
    assert json.loads(result.output)["status"] == "duplicate"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "photo.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ),  # not a table, whatever its name says
        ("notes.csv", "یادداشت جلسه\nهیچ جدولی اینجا نیست\n".encode()),
        ("broken.xlsx", b"PK\x03\x04 this is not really a zip"),
    ],
)
def test_a_file_that_is_not_a_table_is_rejected_with_a_message_and_exit_code_1(
    run, tmp_path, name, content
):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("import", "--flow", "X", "--json", str(path))
    report = json.loads(result.output)
    assert (result.exit_code, report["status"], report["batch_id"]) == (1, "rejected", None)
    assert report["message_fa"] and report["message_en"]


def test_missing_file_is_rejected_not_a_traceback(run, tmp_path):
    result = run("--lang", "en", "import", "--flow", "X", str(tmp_path / "nope.xlsx"))
    assert result.exit_code == 1
    assert "was not found" in result.output


def test_human_output_is_persian_with_persian_digits_by_default(run, tmp_path):
    path = write_customs_csv(tmp_path / "a.csv", [customs_row(), customs_row(value="x")])
    result = run("import", "--flow", "X", str(path))
    assert "دسته B00001 بارگذاری شد" in result.output
    assert "خوانده ۲، بارگذاری ۱، قرنطینه ۱" in result.output


def test_human_output_in_english(run, tmp_path):
    path = write_customs_csv(tmp_path / "a.csv", [customs_row(), customs_row(value="x")])
    result = run("--lang", "en", "import", "--flow", "X", str(path))
    assert "read 2, loaded 1, quarantined 1, duplicate 0" in result.output


def test_file_without_a_flow_asks_for_one(run, tmp_path):
    no_partner = CUSTOMS_EXPORT_HEADERS[:-1]  # the partner header says the flow: leave it out
    path = write_customs_csv(tmp_path / "yazd-1404-03.csv", [customs_row()[:9]], headers=no_partner)
    result = run("--lang", "en", "import", "--json", str(path))
    assert json.loads(result.output)["error"]["code"] == "ingest.no-flow"


def test_bad_period_is_a_usage_error(run, tmp_path):
    path = write_customs_csv(tmp_path / "a.csv", [customs_row()])
    result = CliRunner().invoke(cli, ["import", "--period", "1404-H3", str(path)])
    assert result.exit_code == 2


def test_batches_revert_and_quarantine_export(run, tmp_path):
    path = write_customs_xlsx(tmp_path / "a.xlsx", [customs_row(), customs_row(country="ناکجا")])
    run("import", "--flow", "X", str(path))
    batches = [json.loads(line) for line in run("batches", "--json").output.splitlines()]
    assert [(b["batch_id"], b["status"], b["rows_quarantined"]) for b in batches] == [
        ("B00001", "active", 1)
    ]
    rows = [json.loads(line) for line in run("quarantine", "--json").output.splitlines()]
    assert [(r["row_no"], r["column_name"], r["value"], r["code"]) for r in rows] == [
        (3, "کشور مقصد", "ناکجا", "ingest.unknown-partner")
    ]
    out = tmp_path / "q.xlsx"
    assert run("quarantine", "--export", str(out)).exit_code == 0
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert sheet[1][2:5] == [3, "کشور مقصد", "ناکجا"]
    reverted = json.loads(run("revert", "B00001", "--json").output)
    assert reverted["status"] == "reverted"
    again = run("--lang", "en", "revert", "B00001")
    assert again.exit_code == 1 and "already reverted" in again.output


def test_reading_a_warehouse_that_does_not_exist_says_so(tmp_path):
    result = CliRunner().invoke(
        cli, ["--lang", "en", "--warehouse", str(tmp_path / "none.duckdb"), "batches"]
    )
    assert result.exit_code == 1 and "There is no warehouse" in result.output


def test_spark_without_a_parquet_export_is_a_usage_error_in_both_languages(run):
    result = run("report", "--period", "1404-H1", "--spark", "local[1]")
    assert result.exit_code == 2
    assert "--parquet" in result.output and "نیاز دارد" in result.output


def test_summary_json_is_the_stats_summary_of_the_warehouse(run, tmp_path):
    a = write_customs_csv(tmp_path / "a.csv", [customs_row(), customs_row(date="1404/04/01")])
    run("import", "--flow", "X", str(a))
    summary = json.loads(run("summary", "--json").output)
    assert summary["warehouse"] == str(tmp_path / "cli.duckdb")
    assert [(r["jalali_year"], r["flow"], r["lines"]) for r in summary["by_year"]] == [
        (1404, "X", 2)
    ]
    assert summary["batches_active"] == summary["batches_total"] == 1


def test_a_revision_held_for_confirmation_exits_1_and_lists_the_cell_in_persian(run, tmp_path):
    first = write_customs_csv(tmp_path / "v1.csv", [customs_row(value="250")] * 4)
    run("import", "--flow", "X", str(first))
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    result = run("import", "--flow", "X", str(small))
    assert result.exit_code == 1
    assert "--confirm-revision" in result.output and "[ingest.revision-held]" in result.output
    # 1,000 USD in 4 lines would become 100 USD in 1, in Persian digits
    assert "ارزش از ۱٬۰۰۰٫۰۰ به ۱۰۰٫۰۰ دلار و ردیف‌ها از ۴ به ۱" in result.output


def test_a_held_revision_in_json_is_one_object_with_its_cells(run, tmp_path):
    first = write_customs_csv(tmp_path / "v1.csv", [customs_row(value="250")] * 4)
    run("import", "--flow", "X", str(first))
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    result = run("import", "--flow", "X", "--json", str(small))
    report = json.loads(result.output)
    assert (report["status"], report["batch_id"], len(report["held"])) == ("held", None, 1)


def test_confirm_revision_lands_the_held_revision(run, tmp_path):
    first = write_customs_csv(tmp_path / "v1.csv", [customs_row(value="250")] * 4)
    run("import", "--flow", "X", str(first))
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    result = run("import", "--flow", "X", "--confirm-revision", "--json", str(small))
    assert (result.exit_code, json.loads(result.output)["status"]) == (0, "loaded")


def test_a_rejected_file_shows_its_code_in_the_human_output(run, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = run("--lang", "en", "import", "--flow", "X", str(path))
    assert "[source.empty]" in result.output


def test_isolate_reads_each_file_apart_and_lands_the_same(run, tmp_path):
    a = write_customs_csv(tmp_path / "a.csv", [customs_row(), customs_row(value="x")])
    result = run("import", "--flow", "X", "--isolate", "--json", str(a))
    report = json.loads(result.output)
    assert (result.exit_code, report["status"], report["rows_loaded"]) == (0, "loaded", 1)
    assert report["rows_quarantined"] == 1


def test_a_reader_stopped_by_its_memory_limit_exits_1_with_its_code(run, tmp_path, monkeypatch):
    from tests.fixtures.workbooks import cell, sheet_xml, write_workbook

    # 1.5 KB reaching T1000000: 20 million cells within the budget, 640 MB for python-calamine
    corner = f'<row r="1">{cell("A1", "x")}</row><row r="1000000">{cell("T1000000", "y")}</row>'
    path = write_workbook(tmp_path / "wide.xlsx", {"S": sheet_xml(corner)})
    monkeypatch.setenv("TARAZ_READER_MEMORY_MB", "600")
    result = run("--lang", "en", "import", "--flow", "X", "--isolate", str(path))
    assert result.exit_code == 1
    assert "[source.reader-failed]" in result.output and "TARAZ_READER_MEMORY_MB" in result.output
