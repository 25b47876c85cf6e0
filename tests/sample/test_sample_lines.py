"""The shape of the generated lines: schema, codes from the reference lists, declarations."""

import pyarrow as pa
import pyarrow.compute as pc

from taraz.calendar import jalali_to_gregorian
from taraz.sample import CANONICAL_SCHEMA, generate_lines
from taraz.sample.profile import load_profile


def test_same_seed_gives_the_same_table(small_lines):
    assert generate_lines(seed=7, scale=0.05).equals(small_lines)


def test_another_seed_gives_another_table(small_lines):
    assert not generate_lines(seed=8, scale=0.05).equals(small_lines)


def test_columns_are_the_canonical_line(small_lines):
    assert small_lines.schema == CANONICAL_SCHEMA


def test_every_province_has_both_flows(small_lines, ref):
    pairs = set(
        zip(small_lines["province"].to_pylist(), small_lines["flow"].to_pylist(), strict=True)
    )
    assert pairs == {(p, f) for p in ref.provinces for f in "XM"}


def test_dates_lie_in_jalali_1403_and_1404(small_lines):
    first, last = pc.min_max(small_lines["date"]).values()
    assert first.as_py() >= jalali_to_gregorian(1403, 1, 1)
    assert last.as_py() <= jalali_to_gregorian(1404, 12, 29)


def test_hs_codes_are_8_digits_on_a_reference_subheading(small_lines, ref):
    codes = set(small_lines["hs_code"].to_pylist())
    assert all(len(c) == 8 and c.isdigit() and ref.hs[c[:6]].level == 6 for c in codes)


def test_partners_and_consignments_are_reference_countries(small_lines, ref):
    used = set(small_lines["partner"].drop_null().to_pylist())
    used |= set(small_lines["consignment"].drop_null().to_pylist())
    assert used <= set(ref.countries)


def test_customs_offices_are_reference_offices(small_lines, ref):
    assert set(small_lines["customs_office"].to_pylist()) <= set(ref.customs_offices)


def test_products_belong_to_the_sector_the_reference_gives_them(ref):
    tariff = load_profile().tariff
    sectors = ("mining", "industry", "agriculture", "petrochemical", "textiles")
    wrong = [
        code
        for code, s in zip(tariff.hs8, tariff.sector, strict=True)
        if ref.sector_of(code) != sectors[s]
    ]
    assert wrong == []


def test_a_declaration_has_one_flow_date_trader_office_and_partner(small_lines):
    keys = ["flow", "date", "trader_id", "customs_office", "partner", "province"]
    per_declaration = small_lines.group_by("declaration_id").aggregate(
        [(k, "count_distinct", pc.CountOptions(mode="all")) for k in keys]
    )
    assert all(pc.max(per_declaration[f"{k}_count_distinct"]).as_py() == 1 for k in keys)


def test_line_numbers_run_from_one_within_each_declaration(small_lines):
    per_declaration = small_lines.group_by("declaration_id").aggregate(
        [("line_no", "min"), ("line_no", "max"), ("line_no", "count")]
    )
    assert pc.all(pc.equal(per_declaration["line_no_min"], 1)).as_py()
    assert per_declaration["line_no_max"].equals(per_declaration["line_no_count"].cast(pa.int32()))


def test_declaration_lines_are_unique(small_lines):
    keys = (
        small_lines.select(["declaration_id", "line_no"])
        .group_by(["declaration_id", "line_no"])
        .aggregate([])
    )
    assert keys.num_rows == small_lines.num_rows


def test_values_and_weights_are_positive(small_lines):
    assert pc.min(small_lines["value_usd"]).as_py() > 0
    assert pc.min(small_lines["weight_kg"]).as_py() > 0
