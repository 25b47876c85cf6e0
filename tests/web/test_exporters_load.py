"""`taraz exporters load FILE [--dry-run] [--json]`: active cards from CSV or XLSX, every row
checked with its file, row, column, value and code; a dry run saves nothing, and a file with a
bad row saves nothing either."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine
import xlsxwriter
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.web.audit.models import AuditEvent
from taraz.web.exporters import services
from taraz.web.exporters.models import Exporter

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2025, 6, 1)
GOOD = (
    "card_number,name_fa,name_en,national_id,card_expires,city\n"
    "12100001234,کاشی یزد,Yazd Tile,10380284790,1405/12/29,یزد\n"
    "۱۲۱۰۰۰۰۵۶۷۸,سنگ اردکان,,,2026-03-19,اردکان\n"
)
BAD = (
    "شماره کارت بازرگانی,نام شرکت,شناسه ملی,تاریخ اعتبار\n"
    "12100001234,کاشی یزد,10380284790,1405/12/29\n"
    "1210000123,کوتاه,,\n"  # row 3: ten digits
    "12100001234,دوباره,,\n"  # row 4: the card of row 2 again
    "12100009999,,10380284791,1403/01/01\n"  # row 5: no name, bad id, expired card
)


def taraz(*args: str):
    with time_machine.travel(TODAY, tick=False):
        return CliRunner().invoke(cli, list(args))


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_dry_run_previews_and_saves_nothing(tmp_path):
    result = taraz(
        "--lang", "en", "exporters", "load", str(write(tmp_path, "cards.csv", GOOD)), "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert "cards.csv: 2 new, 0 updated, 0 unchanged, 0 rows with errors." in result.output
    assert "Dry run: nothing was saved." in result.output
    assert Exporter.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="exporter").exists()


def test_a_good_file_is_saved_and_audited_row_by_row(tmp_path):
    result = taraz("exporters", "load", str(write(tmp_path, "cards.csv", GOOD)))
    assert result.exit_code == 0, result.output
    a, b = Exporter.objects.order_by("card_number")
    assert (a.card_number, a.national_id, a.card_expires, a.province) == (
        "12100001234",
        "10380284790",
        date(2027, 3, 20),
        "IR-21",
    )
    assert (b.card_number, b.name_fa, b.city) == ("12100005678", "سنگ اردکان", "اردکان")
    creates = AuditEvent.objects.filter(action="exporter_create")
    assert [e.detail["row"] for e in creates.order_by("seq")] == [2, 3]
    assert {e.username for e in creates} == {"system"}
    assert creates.first().detail["via"] == "taraz exporters load"
    assert AuditEvent.objects.filter(action="exporter_load").count() == 1


def test_loading_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, "cards.csv", GOOD)
    taraz("exporters", "load", str(path))
    result = taraz("--lang", "en", "exporters", "load", str(path))
    assert "0 new, 0 updated, 2 unchanged" in result.output


def test_every_bad_row_is_named_and_nothing_is_saved(tmp_path):
    result = taraz("exporters", "load", str(write(tmp_path, "bad.csv", BAD)), "--json")
    out = json.loads(result.output)
    assert result.exit_code == 1
    assert (out["committed"], out["counts"]) == (
        False,
        {"create": 1, "update": 0, "unchanged": 0, "error": 3},
    )
    assert [(p["row"], p["column"], p["value"], p["code"]) for p in out["problems"]] == [
        (3, "card_number", "1210000123", "exporters.bad-card-number"),
        (4, "card_number", "12100001234", "exporters.load-duplicate"),
        (5, "name_fa", "", "form.required"),
        (5, "national_id", "10380284791", "exporters.bad-national-id"),
        (5, "card_expires", "1403/01/01", "exporters.card-expired"),
    ]
    assert all(
        p["message_fa"] and p["message_en"] and p["file"] == "bad.csv" for p in out["problems"]
    )
    assert Exporter.objects.count() == 0


def test_a_bad_file_says_so_in_persian_and_exits_1(tmp_path):
    result = taraz("exporters", "load", str(write(tmp_path, "bad.csv", BAD)))
    assert result.exit_code == 1
    assert "exporters.load-failed" in result.output
    assert "exporters.bad-card-number" in result.output


def test_a_file_without_the_needed_columns_is_refused(tmp_path):
    result = taraz("--lang", "en", "exporters", "load", str(write(tmp_path, "x.csv", "a,b\n1,2\n")))
    assert result.exit_code == 1
    assert "source.no-header" in result.output or "exporters.load-header" in result.output


def test_an_xlsx_file_loads_like_a_csv(tmp_path):
    path = tmp_path / "cards.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet()
    rows = [
        ["شماره کارت بازرگانی", "نام شرکت", "شهر"],
        [12100001234, "کاشی یزد", "یزد"],
        ["12100004321", "=HYPERLINK(1)", "میبد"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value) if isinstance(value, str) else sheet.write_number(
                r, c, value
            )
    book.close()
    result = taraz("exporters", "load", str(path), "--json")
    assert result.exit_code == 0, result.output
    names = dict(Exporter.objects.values_list("card_number", "name_fa"))
    assert names == {"12100001234": "کاشی یزد", "12100004321": "=HYPERLINK(1)"}  # kept as text


def test_the_load_goes_through_the_service(tmp_path):
    report = services.load_file(write(tmp_path, "cards.csv", GOOD), dry_run=True, today=TODAY)
    assert [(r.row, r.card_number, r.action) for r in report.rows] == [
        (2, "12100001234", "create"),
        (3, "12100005678", "create"),
    ]
