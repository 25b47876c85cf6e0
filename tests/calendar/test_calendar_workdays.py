"""Working days against spans counted by hand from the official calendar of Iran.

Every span is "after FROM, up to and including TO". The weekend is Friday (the packaged rule)
unless a test gives its own weekend file.
"""

from __future__ import annotations

import os
import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taraz.calendar import jalali_to_gregorian
from taraz.calendar.closures import Closure, closures_from_rows, read_closures, write_closures
from taraz.calendar.weekends import (
    packaged_weekend_rules,
    parse_weekdays,
    read_weekend_rules,
    weekend_rules_from_rows,
)
from taraz.calendar.workdays import (
    FIRST_DAY,
    LAST_DAY,
    WorkCalendar,
    configured_calendar,
    working_days,
)
from taraz.errors import TarazError

THU, FRI = 3, 4
CALENDAR = WorkCalendar()


def j(y: int, m: int, d: int) -> date:
    return jalali_to_gregorian(y, m, d)


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


# -- spans worked out by hand ----------------------------------------------------------------


def test_across_nowruz_1404():
    # After Sat 25 Esfand 1403 up to Wed 20 Farvardin 1404 (1403 is leap: Esfand has 30 days):
    # 25 calendar days, 26 Esfand to 20 Farvardin.
    #   26, 27, 28 Esfand (Sun-Tue)          working            3
    #   29 Esfand (Wed)                      oil nationalisation
    #   30 Esfand (Thu)                      last day of the year (the new year turns on it)
    #   1 Farvardin (Fri)                    Nowruz, and Friday
    #   2 Farvardin (Sat)                    Nowruz; martyrdom of Imam Ali (21 Ramadan)
    #   3, 4 Farvardin (Sun, Mon)            Nowruz
    #   5, 6, 7 Farvardin (Tue-Thu)          working            3
    #   8 Farvardin (Fri)                    weekend
    #   9, 10 Farvardin (Sat, Sun)           working            2
    #   11 Farvardin (Mon)                   Eid al-Fitr
    #   12 Farvardin (Tue)                   Eid al-Fitr holiday; Islamic Republic Day
    #   13 Farvardin (Wed)                   Nature's Day
    #   14 Farvardin (Thu)                   working            1
    #   15 Farvardin (Fri)                   weekend
    #   16 to 20 Farvardin (Sat-Wed)         working            5
    # 3 + 3 + 2 + 1 + 5 = 14 working days; 11 days that are not.
    start, end = j(1403, 12, 25), j(1404, 1, 20)
    assert CALENDAR.working_days(start, end) == 14
    off = CALENDAR.non_working_days(start, end)
    assert [d.day for d in off] == [
        j(1403, 12, 29),
        j(1403, 12, 30),
        *(j(1404, 1, d) for d in (1, 2, 3, 4, 8, 11, 12, 13, 15)),
    ]
    assert off[2].reasons == ("holiday", "weekend")  # Nowruz on a Friday
    assert off[6].reasons == ("weekend",)


def test_across_tasua_and_ashura_1404():
    # After Tue 1 July 2025 (10 Tir 1404) up to Fri 11 July 2025 (20 Tir): 10 calendar days.
    #   2, 3 July (Wed, Thu)     working       2
    #   4 July (Fri)             weekend
    #   5 July (Sat, 14 Tir)     Tasua
    #   6 July (Sun, 15 Tir)     Ashura
    #   7 to 10 July (Mon-Thu)   working       4
    #   11 July (Fri)            weekend
    # 6 working days.
    start, end = date(2025, 7, 1), date(2025, 7, 11)
    assert CALENDAR.working_days(start, end) == 6
    names = [(d.day, d.name_en) for d in CALENDAR.non_working_days(start, end)]
    assert names == [
        (date(2025, 7, 4), "weekend (Friday)"),
        (date(2025, 7, 5), "Tasua"),
        (date(2025, 7, 6), "Ashura"),
        (date(2025, 7, 11), "weekend (Friday)"),
    ]


def test_across_a_change_of_the_weekend_rule(tmp_path):
    # Mehr 1404 has no public holiday. After Tue 1 Mehr up to Wed 30 Mehr: 29 calendar days.
    # Fridays 4, 11, 18, 25 Mehr; Thursdays 3, 10, 17, 24 Mehr. From 15 Mehr the offices
    # close on Thursdays too: 17 and 24 Mehr are off, 3 and 10 Mehr still worked.
    # 29 - 4 Fridays - 2 Thursdays = 23 working days (25 under Friday alone).
    rules = write(
        tmp_path / "weekends.csv",
        "from,weekdays,note\n1404/07/15,thu fri,offices close on Thursdays\n",
    )
    calendar = configured_calendar(weekends_file=rules)
    start, end = j(1404, 7, 1), j(1404, 7, 30)
    assert CALENDAR.working_days(start, end) == 25
    assert calendar.working_days(start, end) == 23
    thursdays = [d.day for d in calendar.non_working_days(start, end) if d.day.weekday() == THU]
    assert thursdays == [j(1404, 7, 17), j(1404, 7, 24)]


def test_a_closure_day(tmp_path):
    # The same Mehr 1404 (25 working days under Friday alone), with a closure on Tue 22 Mehr
    # and another on Fri 25 Mehr, already off: 24 working days.
    closures = write(
        tmp_path / "closures.csv",
        "date,reason_fa,reason_en\n"
        "1404/07/22,تعطیلی برای صرفه‌جویی در برق,Closed to save power\n"
        "۱۴۰۴/۰۷/۲۵,سوگ,Mourning\n",
    )
    calendar = configured_calendar(closures_file=closures)
    start, end = j(1404, 7, 1), j(1404, 7, 30)
    assert calendar.working_days(start, end) == 24
    off = {d.day: d for d in calendar.non_working_days(start, end)}
    assert off[j(1404, 7, 22)].reasons == ("closure",)
    assert off[j(1404, 7, 22)].name_en == "Closed to save power"
    assert off[j(1404, 7, 25)].reasons == ("closure", "weekend")


def test_an_estimated_holiday_is_said_to_be_one():
    # Tasua and Ashura 1406 (15 and 16 June 2027) are past the package's confirmed years.
    span = CALENDAR.span(date(2027, 6, 13), date(2027, 6, 17))
    assert span.working_days == 2 and span.estimated
    assert [d.estimated for d in span.non_working_days] == [True, True]


# -- the questions ---------------------------------------------------------------------------


def test_is_working():
    assert CALENDAR.is_working(date(2025, 7, 2))  # Wednesday
    assert not CALENDAR.is_working(date(2025, 7, 4))  # Friday
    assert not CALENDAR.is_working(date(2025, 7, 5))  # Tasua


def test_a_span_of_no_days_has_no_working_day_and_a_reversed_one_counts_back():
    day = date(2025, 3, 15)
    assert CALENDAR.working_days(day, day) == 0
    assert CALENDAR.working_days(j(1404, 1, 20), j(1403, 12, 25)) == -14


def test_add_working_days_lands_on_the_next_working_day_after_holidays():
    assert CALENDAR.add_working_days(j(1403, 12, 28), 1) == j(1404, 1, 5)  # over Nowruz
    assert CALENDAR.add_working_days(date(2025, 7, 4), 0) == date(2025, 7, 4)


def test_add_working_days_counts_forward_only():
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(date(2025, 7, 4), -1)


@pytest.mark.parametrize("day", [FIRST_DAY - timedelta(days=1), LAST_DAY + timedelta(days=1)])
def test_a_day_outside_the_holidays_years_is_refused(day):
    with pytest.raises(TarazError) as err:
        CALENDAR.is_working(day)
    assert err.value.code == "calendar.workdays-out-of-range"


def test_counting_past_the_last_known_day_is_refused():
    with pytest.raises(TarazError) as err:
        CALENDAR.add_working_days(LAST_DAY - timedelta(days=10), 30)
    assert err.value.code == "calendar.workdays-out-of-range"


days = st.dates(min_value=date(1981, 1, 1), max_value=date(2098, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=days, n=st.integers(min_value=0, max_value=400))
def test_adding_n_working_days_then_counting_gives_n(day, n):
    result = CALENDAR.add_working_days(day, n)
    assert CALENDAR.working_days(day, result) == n
    if n > 0:  # the first such day: a working day, and the day before it is one short
        assert CALENDAR.is_working(result)
        assert CALENDAR.working_days(day, result - timedelta(days=1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(a=days, b=days, c=days)
def test_spans_add_up_and_agree_with_the_days(a, b, c):
    assert CALENDAR.working_days(a, b) + CALENDAR.working_days(b, c) == CALENDAR.working_days(a, c)
    if a <= b and (b - a).days < 120:
        off = CALENDAR.non_working_days(a, b)
        assert CALENDAR.working_days(a, b) + len(off) == (b - a).days
        assert all(not CALENDAR.is_working(d.day) for d in off)


def test_a_hundred_thousand_questions_are_cheap():
    calendar = WorkCalendar()
    starts = [date(2020, 1, 1) + timedelta(days=i % 2000) for i in range(100_000)]
    calendar.working_days(date(2020, 1, 1), date(2026, 12, 31))  # the table, built once
    began = time.perf_counter()
    for s in starts:
        calendar.working_days(s, s + timedelta(days=45))
        calendar.is_working(s)
    assert time.perf_counter() - began < 2.0  # about 0.1 s here


# -- the data --------------------------------------------------------------------------------


def test_the_packaged_weekend_is_friday_for_every_day_taraz_can_name():
    (rule,) = packaged_weekend_rules()
    assert rule.weekdays == {FRI} and rule.start == j(1200, 1, 1)
    assert "article 17" in rule.note


@pytest.mark.parametrize(
    "text", ["thu fri", "thu+fri", "Thursday, Friday", "پنجشنبه، جمعه", "پنج شنبه + جمعه"]
)
def test_weekdays_are_written_in_english_or_persian(text):
    assert parse_weekdays(text) == {THU, FRI}


def test_an_organization_rule_on_a_packaged_rules_day_replaces_it():
    rules = weekend_rules_from_rows([{"from": "1200/01/01", "weekdays": "thu fri"}])
    calendar = WorkCalendar(weekends=[*packaged_weekend_rules(), *rules])
    assert not calendar.is_working(date(2025, 7, 3))  # a Thursday


def test_the_web_passes_rows_and_reads_back_what_it_wrote(tmp_path):
    rows = [
        {"date": date(2025, 10, 14), "reason_fa": "گرما", "reason_en": "Heat"},
        {"date": "1404/07/22", "reason_fa": "برق", "reason_en": "Power"},
    ]
    closures = closures_from_rows(rows, source="closures (database)")
    assert closures == (Closure(date(2025, 10, 14), "گرما؛ برق", "Heat; Power"),)
    write_closures(tmp_path / "closures.csv", closures)
    assert read_closures(tmp_path / "closures.csv") == closures


@pytest.mark.parametrize(
    ("reader", "text", "code", "row"),
    [
        (read_closures, "date,reason_fa\n", "calendar.data-columns", None),
        (read_closures, "date,reason_fa,reason_en\n1404/13/01,x,y\n", "calendar.data-bad-date", 2),
        (
            read_closures,
            "# heat\ndate,reason_fa,reason_en\n\n1404/05/01,,Heat\n",
            "calendar.data-missing-reason",
            4,
        ),
        (
            read_weekend_rules,
            "from,weekdays\n1404/01/01,caturday\n",
            "calendar.data-bad-weekdays",
            2,
        ),
        (
            read_weekend_rules,
            "from,weekdays\n1404/01/01,fri\n2025-03-21,thu fri\n",
            "calendar.data-duplicate-rule",
            3,
        ),
    ],
)
def test_a_bad_data_file_names_the_row_that_is_wrong(tmp_path, reader, text, code, row):
    with pytest.raises(TarazError) as err:
        reader(write(tmp_path / "data.csv", text))
    assert err.value.code == code and err.value.exit_code == 2
    assert err.value.fields.get("row") == row


def test_a_missing_data_file_names_the_setting_that_named_it(tmp_path, monkeypatch):
    monkeypatch.setenv("TARAZ_CLOSURES", str(tmp_path / "nowhere.csv"))
    with pytest.raises(TarazError) as err:
        working_days(date(2025, 7, 1), date(2025, 7, 11))
    assert err.value.code == "calendar.data-not-found"
    assert err.value.fields["setting"] == "TARAZ_CLOSURES"


def test_the_configured_calendar_follows_its_files(tmp_path, monkeypatch):
    closures = write(tmp_path / "closures.csv", "date,reason_fa,reason_en\n")
    monkeypatch.setenv("TARAZ_CLOSURES", str(closures))
    assert working_days(date(2025, 7, 1), date(2025, 7, 3)) == 2
    before = closures.stat().st_mtime_ns
    write(closures, "date,reason_fa,reason_en\n2025-07-02,گرما,Heat\n")
    os.utime(closures, ns=(before + 1_000_000, before + 1_000_000))  # a later write, surely
    assert working_days(date(2025, 7, 1), date(2025, 7, 3)) == 1


def test_the_calendar_says_what_it_counted_with(tmp_path):
    closures = write(tmp_path / "c.csv", "date,reason_fa,reason_en\n2025-07-02,گرما,Heat\n")
    described = configured_calendar(closures_file=closures).describe()
    assert described["holidays"]["version"] == "0.109"
    assert described["weekends"][0]["weekdays"] == ["friday"]
    assert described["closures"] == {"source": str(closures), "count": 1}
    assert described["fingerprint"] != CALENDAR.describe()["fingerprint"]
