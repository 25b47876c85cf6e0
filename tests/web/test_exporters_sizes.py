"""The registry's declared sizes as the warehouse's file: `size_spans` turns declarations into
spans of `sme` / `large` (by the bands' warehouse word), and `taraz exporters export-sizes`
writes them as the file `taraz import-sizes` loads (docs/sizes.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.ingest.sizes import read_sizes
from taraz.web.exporters import services
from tests.web.factories import ExporterFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2025, 6, 1)


@pytest.fixture
def declared():
    """Firm A: 8 employees (micro) on 2023-04-04, 45 (small) on 2024-08-22, 120 (large) on
    2025-04-30; firm B: 60 (medium) on 2024-01-10, corrected the same day to 150 (large)."""
    person = UserFactory(username="registry-officer")
    a = ExporterFactory(card_number="12100000101")
    b = ExporterFactory(card_number="12100000202")
    with time_machine.travel(TODAY, tick=False):
        services.declare_size(a, 8, actor=person, on=date(2023, 4, 4))
        services.declare_size(a, 45, actor=person, on=date(2024, 8, 22))
        services.declare_size(a, 120, actor=person, on=date(2025, 4, 30))
        services.declare_size(b, 60, actor=person, on=date(2024, 1, 10))
        services.declare_size(b, 150, actor=person, on=date(2024, 1, 10))
    return a, b


def spans_of(spans):
    return [(s.trader_id, s.size_class, s.valid_from, s.valid_to) for s in spans]


def test_declarations_become_spans_of_the_warehouse_classes(declared):
    # A: micro and small are both sme, one span until the day before the large declaration;
    # B: the day's later declaration (large) wins
    assert spans_of(services.size_spans()) == [
        ("12100000101", "sme", date(2023, 4, 4), date(2025, 4, 29)),
        ("12100000101", "large", date(2025, 4, 30), None),
        ("12100000202", "large", date(2024, 1, 10), None),
    ]


def test_export_sizes_writes_the_file_import_sizes_reads(declared, tmp_path):
    target = tmp_path / "sizes.csv"
    result = CliRunner().invoke(cli, ["exporters", "export-sizes", str(target), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"file": str(target), "rows": 3, "traders": 2}
    report = read_sizes(target)
    assert report.problems == ()
    assert spans_of(report.spans) == spans_of(services.size_spans())
