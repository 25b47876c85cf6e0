"""A revision that would take away most of what a cell had is held for confirmation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from taraz.errors import UsageError
from taraz.ingest import ImportOptions, import_files
from taraz.warehouse import live_lines_sql
from tests.fixtures import customs_row, write_customs_csv

T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=1)


def live_total(wh):
    return wh.con.execute(f"SELECT sum(value_usd), count(*) FROM {live_lines_sql()}").fetchall()[0]


def load(wh, path, **options):
    return import_files(wh, [path], ImportOptions(flow="X", **options))


@pytest.fixture
def khordad(wh, tmp_path):
    """Yazd's exports of Khordad 1404: four lines of 250 USD, 1,000 USD in all."""
    path = write_customs_csv(tmp_path / "v1.csv", [customs_row(value="250")] * 4)
    return load(wh, path, now=T0)


def test_a_small_file_that_would_replace_a_month_is_held_and_changes_nothing(wh, tmp_path, khordad):
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    report = load(wh, small, now=LATER)
    assert (report.status, report.batch_id, report.error["code"]) == (
        "held",
        None,
        "ingest.revision-held",
    )
    assert live_total(wh) == (Decimal("1000.00"), 4)
    assert wh.con.execute("SELECT count(*) FROM batches").fetchall() == [(1,)]


def test_the_held_report_lists_the_cell_before_and_after(wh, tmp_path, khordad):
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    cell = load(wh, small, now=LATER).held[0]
    # Khordad 1404 is 22 May to 21 June 2025; 1,000 USD in 4 lines become 100 USD in 1
    assert {k: cell[k] for k in cell if not k.startswith("message")} == {
        "flow": "X",
        "province": "IR-21",
        "date_from": "2025-05-22",
        "date_to": "2025-06-21",
        "lines_before": 4,
        "lines_after": 1,
        "value_usd_before": "1000.00",
        "value_usd_after": "100.00",
        "lost_share": 0.9,
        "batches": [khordad.batch_id],
        "flow_fa": "صادرات",
        "flow_en": "Exports",
        "province_fa": "یزد",
        "province_en": "Yazd",
        "month_fa": "خرداد ۱۴۰۴",
        "month_en": "Khordad 1404 (22 May - 21 Jun 2025)",
    }


def test_a_confirmed_revision_lands_and_replaces_the_month(wh, tmp_path, khordad):
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    report = load(wh, small, now=LATER, confirm_revision=True)
    assert (report.status, [r["batch_id"] for r in report.replaces]) == (
        "loaded",
        [khordad.batch_id],
    )
    assert live_total(wh) == (Decimal("100.00"), 1)


def test_losing_most_of_the_value_with_as_many_lines_is_held(wh, tmp_path, khordad):
    # 4 lines still, but 4 x 100 = 400 of 1,000 USD: 60 % of the value gone
    revised = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")] * 4)
    assert load(wh, revised, now=LATER).status == "held"


def test_losing_most_of_the_lines_with_as_much_value_is_held(wh, tmp_path, khordad):
    # the same 1,000 USD in one line instead of four: 75 % of the lines gone
    revised = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="1000")])
    assert load(wh, revised, now=LATER).status == "held"


def test_losing_exactly_half_is_not_held(wh, tmp_path, khordad):
    # two lines of 250 of four: half the lines and half the value, not more than half
    revised = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="250")] * 2)
    assert load(wh, revised, now=LATER).status == "loaded"


def test_the_share_is_an_option(wh, tmp_path, khordad):
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    assert load(wh, small, now=LATER, hold_share=0.95).status == "loaded"  # 90 % lost


def test_the_share_comes_from_the_environment(wh, tmp_path, khordad, monkeypatch):
    monkeypatch.setenv("TARAZ_REVISION_HOLD", "0.95")
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    assert load(wh, small, now=LATER).status == "loaded"


def test_a_share_in_the_environment_that_is_not_one_is_a_usage_error(
    wh, tmp_path, khordad, monkeypatch
):
    monkeypatch.setenv("TARAZ_REVISION_HOLD", "50%")
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    with pytest.raises(UsageError, match="TARAZ_REVISION_HOLD"):
        load(wh, small, now=LATER)


def test_after_a_revert_the_small_file_replaces_nothing_and_lands(wh, tmp_path, khordad):
    from taraz.warehouse.batches import revert_batch

    revert_batch(wh, khordad.batch_id, user="analyst")
    small = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="100")])
    assert load(wh, small, now=LATER).status == "loaded"


def test_one_stray_line_of_another_province_does_not_replace_its_month(wh, tmp_path):
    # Kerman's Khordad: three lines, 300 USD; then a Yazd file of the same source with one
    # stray Kerman line of 10 USD
    kerman = write_customs_csv(
        tmp_path / "kerman.csv", [customs_row(province="کرمان", value="100")] * 3
    )
    load(wh, kerman, now=T0)
    yazd = write_customs_csv(
        tmp_path / "yazd.csv",
        [
            customs_row(value="500"),
            customs_row(value="700"),
            customs_row(province="کرمان", value="10"),
        ],
    )
    report = load(wh, yazd, now=LATER)
    assert report.status == "held"
    assert [
        (
            c["province"],
            c["lines_before"],
            c["lines_after"],
            c["value_usd_before"],
            c["value_usd_after"],
        )
        for c in report.held
    ] == [("IR-08", 3, 1, "300.00", "10.00")]
    assert live_total(wh) == (Decimal("300.00"), 3)


def test_a_revision_that_adds_to_the_month_is_not_held(wh, tmp_path, khordad):
    revised = write_customs_csv(tmp_path / "v2.csv", [customs_row(value="250")] * 5)
    assert load(wh, revised, now=LATER).status == "loaded"
    assert live_total(wh) == (Decimal("1250.00"), 5)
