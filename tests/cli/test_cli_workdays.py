"""`taraz workdays FROM TO`: the count and the days in Persian, English and JSON, and every bad
input ending with its catalogue code."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli

PERSIAN = re.compile("[\u0600-\u06ff]")
LATIN_DIGIT = re.compile("[0-9]")


def run(*args: str, lang: str = "fa"):
    return CliRunner().invoke(cli, ["--lang", lang, "workdays", *args])


def test_persian_output_has_jalali_days_persian_digits_and_the_reasons():
    result = run("1403/12/25", "۱۴۰۴-۰۱-۲۰")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "۲۵ اسفند ۱۴۰۳" in first and "۲۰ فروردین ۱۴۰۴" in first
    assert first.endswith("۱۴ روز کاری از ۲۵ روز")
    assert "پنجشنبه ۳۰ اسفند ۱۴۰۳  تعطیل رسمی: آخرین روز سال" in result.output
    assert "جمعه ۸ فروردین ۱۴۰۴  تعطیل آخر هفته (جمعه)" in result.output
    assert not LATIN_DIGIT.search(result.output.split("holidays")[0])


def test_english_output_puts_jalali_and_gregorian_side_by_side():
    result = run("2025-07-01", "1404/04/20", lang="en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "Working days after Tue 10 Tir 1404 (1 July 2025) up to and including "
        "Fri 20 Tir 1404 (11 July 2025): 6 of 10 calendar days"
    )
    assert "  Sat 14 Tir 1404 (5 July 2025)  holiday: Tasua" in lines
    assert lines[-1].startswith("Calendar: weekend Friday from 1 Farvardin 1200")
    assert "holidays package 0.109" in lines[-1]
    assert not PERSIAN.search(result.output)


def test_json_has_the_counts_every_day_off_and_the_calendar():
    result = run("1404/04/10", "1404/04/20", "--json")
    body = json.loads(result.output)
    assert (body["working_days"], body["calendar_days"]) == (6, 10)
    assert body["from"] == {"date": "2025-07-01", "date_jalali": "1404-04-10"}
    assert body["non_working_days"][1] == {
        "date": "2025-07-05",
        "date_jalali": "1404-04-14",
        "weekday": "saturday",
        "reason": "holiday",
        "reasons": ["holiday"],
        "name_fa": "تاسوعای حسینی",
        "name_en": "Tasua",
        "estimated": False,
    }
    assert body["estimated"] is False
    assert body["calendar"]["holidays"]["version"] == "0.109"
    assert set(body["calendar"]) == {"weekends", "holidays", "closures", "fingerprint"}


def test_json_says_when_a_holiday_is_only_estimated():
    body = json.loads(run("2027-06-13", "2027-06-17", "--json").output)
    assert body["estimated"] is True
    assert [d["estimated"] for d in body["non_working_days"]] == [True, True]


def test_an_estimated_holiday_is_marked_for_people_too():
    result = run("2027-06-13", "2027-06-17", lang="en")
    assert "holiday: Tasua (estimated)" in result.output
    assert "confirmed up to 2026" in result.output


def test_closures_and_weekend_rules_from_files(tmp_path):
    closures = tmp_path / "closures.csv"
    closures.write_text("date,reason_fa,reason_en\n1404/07/22,گرما,Heat\n", encoding="utf-8")
    weekends = tmp_path / "weekends.csv"
    weekends.write_text("from,weekdays,note\n1404/07/15,thu fri,\n", encoding="utf-8")
    args = ("1404/07/01", "1404/07/30", "--json", "--closures", str(closures))
    body = json.loads(run(*args, "--weekends", str(weekends)).output)
    assert body["working_days"] == 22  # 25 under Friday alone, less two Thursdays and a closure
    assert body["calendar"]["closures"] == {"source": str(closures), "count": 1}
    assert [r["weekdays"] for r in body["calendar"]["weekends"]] == [
        ["friday"],
        ["thursday", "friday"],
    ]


def test_the_closures_file_of_the_environment(tmp_path, monkeypatch):
    closures = tmp_path / "closures.csv"
    closures.write_text("date,reason_fa,reason_en\n2025-07-02,گرما,Heat\n", encoding="utf-8")
    monkeypatch.setenv("TARAZ_CLOSURES", str(closures))
    result = run("2025-07-01", "2025-07-03")
    assert "تعطیلی سازمان: گرما" in result.output
    assert "۱ روز کاری از ۲ روز" in result.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("soon", "1404/01/20"), "calendar.bad-date"),
        (("1404/01/01", "1404/12/30"), "calendar.no-such-day"),
        (("1404/01/20", "1404/01/01"), "calendar.workdays-reversed"),
        (("1300/01/01", "1404/01/01"), "calendar.workdays-out-of-range"),
        (("1404/01/01", "1404/01/20", "--closures", "{tmp}/none.csv"), "calendar.data-not-found"),
        (("1404/01/01", "1404/01/20", "--weekends", "{tmp}/bad.csv"), "calendar.data-bad-weekdays"),
        (("1404/01/01",), "cli.missing-argument"),
    ],
)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_bad_input_says_what_is_wrong_with_its_code(tmp_path, args, code, lang):
    (tmp_path / "bad.csv").write_text("from,weekdays\n1404/01/01,caturday\n", encoding="utf-8")
    result = run(*(a.format(tmp=tmp_path) for a in args), lang=lang)
    assert result.exit_code == 2, result.output
    assert f"[{code}]" in result.output and "Traceback" not in result.output
    message = result.output.split(f"[{code}]", 1)[1]
    assert bool(PERSIAN.search(message)) == (lang == "fa")


def test_a_bad_input_with_json_gives_the_one_error_shape():
    result = run("1404/01/20", "1404/01/01", "--json")
    body = json.loads(result.output)
    assert (body["status"], body["code"]) == ("error", "calendar.workdays-reversed")
