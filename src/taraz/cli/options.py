"""Click callbacks shared by the commands: a period, an as-of moment, a province.

Each reads its value with the function of taraz that owns the grammar and turns a bad value
into a usage error (exit code 2) that says what was wrong in Persian and English.
"""

from __future__ import annotations

from datetime import datetime

import click


def period_option(_ctx, _param, value: str | None):
    if value is None:
        return None
    from taraz.calendar import PeriodError, parse_period

    try:
        return parse_period(value)
    except PeriodError as exc:
        raise click.BadParameter(str(exc)) from exc


def moment_option(_ctx, _param, value: str | None) -> datetime | None:
    if value is None:
        return None
    from taraz.calendar import MomentError, parse_moment

    try:
        return parse_moment(value)
    except MomentError as exc:
        raise click.BadParameter(str(exc)) from exc


def province_option(_ctx, _param, value: str | None) -> str | None:
    """An ISO 3166-2 code from a code or a Persian/English name; None is the whole country."""
    if value is None:
        return None
    from taraz.reference import load_reference

    code = load_reference().find_province(value)
    if code is None:
        raise click.BadParameter(
            f"استان «{value}» شناخته نیست. / Unknown province {value!r}: give its name in "
            "Persian or English, or its ISO code (e.g. yazd, یزد, IR-21)."
        )
    return code
