"""`taraz workdays FROM TO`: the working days after FROM up to and including TO, every day of the
span that is not one and why, and the calendar that counted them; in Persian, English or JSON.

Register it on the group with `register(cli)`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from taraz.errors import UsageError

MESSAGES: dict[str, tuple[str, str]] = {
    "head": (
        "روزهای کاری پس از {first} تا {last} (با روز پایان): {working} روز کاری از {days} روز",
        "Working days after {first} up to and including {last}: {working} of {days} calendar days",
    ),
    "non_working": ("روزهای غیرکاری ({n}):", "Non-working days ({n}):"),
    "none": ("در این بازه روز غیرکاری نیست.", "No non-working day in this span."),
    "estimated": ("(تخمینی)", "(estimated)"),
    "estimated_note": (
        "* تاریخ قمری این تعطیلی‌ها را بستهٔ holidays تنها تخمین زده است (تاریخ‌ها تا سال {through} میلادی قطعی‌اند)؛ شمار روزهای کاری ممکن است با اعلام رسمی تغییر کند.",
        "* The package only estimates these holidays' Islamic dates (dates are confirmed up to {through}); the count may change when they are announced.",
    ),
    "calendar": (
        "تقویم: {weekends}؛ {holidays}؛ {closures}.",
        "Calendar: {weekends}; {holidays}; {closures}.",
    ),
    "weekend_rule": ("آخر هفته {days} از {start}", "weekend {days} from {start}"),
    "holidays": (
        "تعطیلات رسمی ایران از بستهٔ holidays نسخهٔ {version}",
        "Iran's public holidays from the holidays package {version}",
    ),
    "no_closures": ("بی تعطیلی سازمان", "no closures of the organization"),
    "closures": (
        "{n} تعطیلی سازمان از «{source}»",
        "{n} closures of the organization from {source}",
    ),
    "holiday": ("تعطیل رسمی", "holiday"),
    "closure": ("تعطیلی سازمان", "closure"),
    "weekend": ("آخر هفته", "weekend"),
}


@click.command("workdays")
@click.argument("first", metavar="FROM")
@click.argument("last", metavar="TO")
@click.option(
    "--closures",
    type=click.Path(path_type=Path),
    help="CSV of the organization's closures (date, reason_fa, reason_en); default $TARAZ_CLOSURES.",
)
@click.option(
    "--weekends",
    type=click.Path(path_type=Path),
    help="CSV of the organization's weekend rules (from, weekdays, note); default $TARAZ_WEEKENDS.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="The count, the days and the calendar as JSON."
)
@click.pass_obj
def workdays_cmd(settings, first: str, last: str, closures, weekends, as_json: bool):
    """Working days between two days (1404/12/27, ۱۴۰۴-۱۲-۲۷, 2026-03-18) / روزهای کاری."""
    from taraz.calendar import parse_day
    from taraz.calendar.workdays import configured_calendar

    start, end = parse_day(first), parse_day(last)
    if start > end:
        raise UsageError("calendar.workdays-reversed", first=first, last=last)
    span = configured_calendar(closures, weekends).span(start, end)
    if as_json:
        click.echo(json.dumps(span.to_dict(), ensure_ascii=False))
    else:
        click.echo(render_span(span, getattr(settings, "lang", "fa")))


def render_span(span, lang: str) -> str:
    """The span for people: Jalali days with month names (Persian digits in Persian; Jalali and
    Gregorian side by side in English), every non-working day with its reason, and the calendar."""
    lines = [
        _say(
            lang,
            "head",
            first=_day(span.start, lang),
            last=_day(span.end, lang),
            working=span.working_days,
            days=span.calendar_days,
        )
    ]
    days = span.non_working_days
    lines.append(_say(lang, "non_working", n=len(days)) if days else _say(lang, "none"))
    lines += [f"  {_day(d.day, lang)}  {_reason(d, lang)}" for d in days]
    calendar = span.calendar
    if span.estimated:
        through = calendar["holidays"]["islamic_dates_confirmed_through"]
        lines.append(_say(lang, "estimated_note", through=through))
    lines.append(_describe(calendar, lang))
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    cli.add_command(workdays_cmd)


def _say(lang: str, key: str, **fields: Any) -> str:
    """A message; in Persian, numbers get Persian digits (names and paths stay as written)."""
    from taraz.fa import to_persian_digits

    fa, en = MESSAGES[key]
    if lang != "fa":
        return en.format(**fields)
    return fa.format(
        **{k: to_persian_digits(str(v)) if isinstance(v, int) else v for k, v in fields.items()}
    )


def _day(day, lang: str) -> str:
    """«چهارشنبه ۲۰ فروردین ۱۴۰۴» or "Wed 20 Farvardin 1404 (9 April 2025)"."""
    from taraz.calendar import format_jalali_date
    from taraz.calendar.months import WEEKDAYS_EN, WEEKDAYS_FA

    if lang == "fa":
        return f"{WEEKDAYS_FA[day.weekday()]} {format_jalali_date(day, 'fa')}"
    return f"{WEEKDAYS_EN[day.weekday()][:3]} {format_jalali_date(day, 'en')}"


def _reason(day, lang: str) -> str:
    label = _say(lang, day.reason)
    name = day.name_fa if lang == "fa" else day.name_en
    text = name if day.reason == "weekend" else f"{label}: {name}"
    return f"{text} {_say(lang, 'estimated')}" if day.estimated else text


def _describe(calendar: dict[str, Any], lang: str) -> str:
    from datetime import date

    from taraz.calendar import format_jalali_date
    from taraz.calendar.months import WEEKDAYS_EN, WEEKDAYS_FA

    names = {name.lower(): (fa, name) for fa, name in zip(WEEKDAYS_FA, WEEKDAYS_EN, strict=True)}
    rules = []
    for rule in calendar["weekends"]:
        day_names = [names[d][0 if lang == "fa" else 1] for d in rule["weekdays"]]
        start = format_jalali_date(date.fromisoformat(rule["from"]), lang)
        joined = " و ".join(day_names) if lang == "fa" else " and ".join(day_names)
        rules.append(_say(lang, "weekend_rule", days=joined, start=start))
    closures = calendar["closures"]
    return _say(
        lang,
        "calendar",
        weekends=("، " if lang == "fa" else ", ").join(rules),
        holidays=_say(lang, "holidays", version=calendar["holidays"]["version"]),
        closures=(
            _say(lang, "closures", n=closures["count"], source=closures["source"])
            if closures["source"]
            else _say(lang, "no_closures")
        ),
    )
