"""The warehouse writes its own bookkeeping: batch records, coverage, and what a span replaces."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from taraz.warehouse.batches import BatchRecord, next_batch_id, record_batch, revert_batch
from taraz.warehouse.coverage import Span, record_coverage, replaced_batches

T0 = datetime(2025, 7, 1, tzinfo=UTC)
KHORDAD = (date(2025, 5, 22), date(2025, 6, 21))  # Khordad 1404
TIR = (date(2025, 6, 22), date(2025, 7, 22))  # Tir 1404


def recorded(wh, source: str, *spans: Span) -> str:
    batch_id, seq = next_batch_id(wh.con)
    record_batch(
        wh.con,
        BatchRecord(
            batch_id, seq, source, "customs", T0, "analyst", None, None, None, 0, 0, 0, 0, 0
        ),
    )
    record_coverage(wh.con, batch_id, source, list(spans))
    return batch_id


def test_batch_ids_follow_the_load_order(wh):
    assert next_batch_id(wh.con) == ("B00001", 1)
    recorded(wh, "customs")
    assert next_batch_id(wh.con) == ("B00002", 2)


def test_a_span_replaces_the_active_batches_of_its_source_where_they_meet(wh):
    earlier = recorded(wh, "customs", Span("X", "IR-21", KHORDAD[0], TIR[1]))
    replaced = replaced_batches(wh.con, "customs", [Span("X", "IR-21", *TIR)])
    assert replaced == [
        {
            "batch_id": earlier,
            "flow": "X",
            "province": "IR-21",
            "date_from": "2025-06-22",
            "date_to": "2025-07-22",
        }
    ]


@pytest.mark.parametrize(
    ("source", "flow", "province"),
    [("canonical", "X", "IR-21"), ("customs", "M", "IR-21"), ("customs", "X", "IR-08")],
    ids=["source", "flow", "province"],
)
def test_a_span_replaces_nothing_of_another_source_flow_or_province(wh, source, flow, province):
    recorded(wh, "customs", Span("X", "IR-21", *KHORDAD))
    assert replaced_batches(wh.con, source, [Span(flow, province, *KHORDAD)]) == []


def test_a_reverted_batch_is_not_replaced(wh):
    earlier = recorded(wh, "customs", Span("X", "IR-21", *KHORDAD))
    revert_batch(wh, earlier, user="analyst")
    assert replaced_batches(wh.con, "customs", [Span("X", "IR-21", *KHORDAD)]) == []
