"""Properties that hold whatever the data: checked on a deterministic random warehouse."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taraz.calendar import parse_period
from taraz.stats import DIMENSIONS, Query, bulletin_figures, totals
from tests.fixtures import FARS, TEHRAN, YAZD

PERIODS = [
    "1404",
    "1403",
    "1404-H1",
    "1404-H2",
    "1403-H2",
    "1404-Q2",
    "1404-Q4",
    "1404-02..1404-05",
]
SETTINGS = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

queries = st.builds(
    lambda period, province, basis: Query(
        province=province, period=parse_period(period), basis=basis
    ),
    st.sampled_from(PERIODS),
    st.sampled_from([YAZD, TEHRAN, FARS, None]),
    st.sampled_from(["origin", "customs"]),
)


@SETTINGS
@given(query=queries)
def test_balance_is_exports_minus_imports(random_engine, query):
    t = totals(random_engine, query)
    exports, imports = Decimal(t["exports"]["value_usd"]), Decimal(t["imports"]["value_usd"])
    assert Decimal(t["balance"]["value_usd"]) == exports - imports


@SETTINGS
@given(query=queries)
def test_breakdowns_add_up_to_the_total_and_shares_to_a_hundred(random_engine, query):
    figures = bulletin_figures(random_engine, query)
    for flow in ("exports", "imports"):
        total = Decimal(figures["totals"][flow]["value_usd"])
        for dimension in DIMENSIONS:
            items = figures["breakdowns"][flow][dimension]
            assert sum(Decimal(i["value_usd"]) for i in items) == total, dimension
            shares = [Decimal(i["share_pct"]) for i in items if i["share_pct"] is not None]
            if total:
                # each share is rounded to 0.01, so the sum is 100 within half a cent per item
                assert abs(sum(shares) - 100) <= Decimal("0.005") * len(shares), dimension


@SETTINGS
@given(
    period=st.sampled_from(["1404-H1", "1404-Q3", "1403-Q4", "1404-01..1404-04"]),
    province=st.sampled_from([YAZD, None]),
)
def test_a_period_is_the_sum_of_its_months(random_engine, period, province):
    whole = parse_period(period)
    total = totals(random_engine, Query(province=province, period=whole))["exports"]
    months = [
        totals(random_engine, Query(province=province, period=parse_period(f"{y:04d}-{m:02d}")))[
            "exports"
        ]
        for y, m in whole.months()
    ]
    assert Decimal(total["value_usd"]) == sum(Decimal(m["value_usd"]) for m in months)
    assert Decimal(total["weight_t"]) == sum(Decimal(m["weight_t"]) for m in months)
    assert total["lines"] == sum(m["lines"] for m in months)


@SETTINGS
@given(query=queries)
def test_monthly_series_add_up_to_the_period(random_engine, query):
    figures = bulletin_figures(random_engine, query)
    for flow in ("exports", "imports"):
        months = figures["monthly"][flow]
        assert sum(Decimal(m["value_usd"]) for m in months) == Decimal(
            figures["totals"][flow]["value_usd"]
        )
