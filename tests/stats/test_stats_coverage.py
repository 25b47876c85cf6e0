"""Honest figures: what is loaded, what is missing, what was flagged."""

from __future__ import annotations

from taraz.calendar import parse_period
from taraz.stats import Query, coverage
from tests.fixtures import YAZD

YAZD_Q1 = Query(province=YAZD, period=parse_period("1404-Q1"))


def test_coverage_lists_the_contributing_batch_and_its_file(yazd):
    batches = coverage(yazd, YAZD_Q1)["batches"]
    # Yazd's lines of 1404-Q1 and 1403-Q1: 5 + 3 exports, 3 + 2 imports
    assert [(b["batch_id"], b["files"], b["lines_used"]) for b in batches] == [
        ("B00001", ["lines.csv"], 13)
    ]


def test_coverage_counts_the_plausibility_warnings_of_the_batch(yazd):
    batch = coverage(yazd, YAZD_Q1)["batches"][0]
    # the aggregated export line and import M3 have no weight
    assert [(f["code"], f["count"]) for f in batch["findings"]] == [("check.missing-weight", 2)]


def test_coverage_gives_the_coarsest_hs_detail(yazd):
    assert coverage(yazd, YAZD_Q1)["hs_detail"]["min_digits"] == 4


def test_coverage_names_the_months_not_loaded(yazd):
    flows = coverage(yazd, Query(province=YAZD, period=parse_period("1404-Q2")))["flows"]
    assert [m["month"] for m in flows["exports"]["period"]["months_missing"]] == [
        "1404-04",
        "1404-05",
        "1404-06",
    ]


def test_coverage_names_last_years_missing_month(partial):
    last_year = coverage(partial, YAZD_Q1)["flows"]["exports"]["last_year"]
    assert (last_year["complete"], [m["month"] for m in last_year["months_missing"]]) == (
        False,
        ["1403-03"],
    )


def test_coverage_states_basis_and_as_of(yazd):
    cov = coverage(yazd, YAZD_Q1)
    assert (cov["basis"], cov["as_of"], cov["coverage_rule"]) == ("origin", None, "origin-province")
