"""A certificate's facts for people (`taraz.credentials.summary`): a certificate of attendance in
Persian and English, worked by hand; nothing for other kinds or claims not in the form."""

from __future__ import annotations

from taraz.credentials.summary import facts, kind_name
from taraz.fa import strip_isolates

ATTENDANCE = {
    "jti": "YZ-AB12CD34EF",
    "knd": "attendance",
    "iss": {"fa": "سازمان صمت یزد", "en": "Yazd Industry, Mine and Trade"},
    "who": "مریم احمدی",
    "ev": {"id": 3, "fa": "بسته‌بندی صادراتی", "en": ""},
    "att": {"n": 2, "of": 2},
    # one day: 1 Mehr 1405 is 23 Sep 2026
    "dt": {
        "from": "2026-09-23",
        "from_j": "1405-07-01",
        "to": "2026-09-23",
        "to_j": "1405-07-01",
        "iss": "2026-09-24",
        "iss_j": "1405-07-02",
    },
    "sig": "Reza Officer",
}


def test_a_one_day_workshop_of_a_member_of_the_public_in_english():
    assert facts(ATTENDANCE, "en") == [
        ("Kind", "Certificate of attendance"),
        ("Number", "YZ-AB12CD34EF"),
        ("Issued by", "Yazd Industry, Mine and Trade"),
        ("Event", "بسته‌بندی صادراتی"),  # no English title: the Persian one
        ("Held", "2026-09-23 (1405/07/01)"),
        ("Attended", "2 of 2 sessions"),
        ("Attendee", "مریم احمدی"),
        ("Issued on", "2026-09-24 (1405/07/02)"),
        ("Signed by", "Reza Officer"),
    ]


def test_in_persian_digits_are_persian_and_latin_text_isolated():
    shown = dict(facts(ATTENDANCE, "fa"))
    assert strip_isolates(shown["شمارهٔ گواهی"]) == "YZ-AB۱۲CD۳۴EF"
    assert shown["شمارهٔ گواهی"].startswith("\u2068")
    assert shown["تاریخ برگزاری"] == "۱۴۰۵/۰۷/۰۱"
    assert shown["حضور"] == "۲ از ۲ نشست"
    assert "شرکت" not in shown


def test_a_firm_and_its_card_when_the_certificate_names_them():
    claims = {**ATTENDANCE, "sub": "10100000001", "ex": {"fa": "کاشی یزد", "en": "Yazd Tile"}}
    shown = dict(facts(claims, "fa"))
    assert (shown["شرکت"], shown["شمارهٔ کارت بازرگانی"]) == ("کاشی یزد", "۱۰۱۰۰۰۰۰۰۰۱")


def test_other_kinds_and_claims_not_in_the_form_give_no_facts():
    assert facts({**ATTENDANCE, "knd": "quality"}, "en") == []
    assert facts({k: v for k, v in ATTENDANCE.items() if k != "att"}, "en") == []
    assert facts({**ATTENDANCE, "dt": "1405"}, "fa") == []
    assert facts(None, "fa") == []
    assert (kind_name({"knd": "quality"}, "en"), kind_name({"knd": "x"}, "en")) == (
        "Quality certificate",
        "",
    )
