"""Click callbacks shared by the commands: a period, an as-of moment, a province.

Each reads its value with the function of taraz that owns the grammar; a bad value raises that
function's usage error (a catalogue code, exit code 2), which the group renders.
"""

from __future__ import annotations

from datetime import datetime


def period_option(_ctx, _param, value: str | None):
    if value is None:
        return None
    from taraz.calendar import parse_period

    return parse_period(value)


def moment_option(_ctx, _param, value: str | None) -> datetime | None:
    if value is None:
        return None
    from taraz.calendar import parse_moment

    return parse_moment(value)


def province_option(_ctx, _param, value: str | None) -> str | None:
    """An ISO 3166-2 code from a code or a Persian/English name; None is the whole country."""
    if value is None:
        return None
    from taraz.errors import UsageError
    from taraz.reference.loading import find_province

    code = find_province(value)
    if code is None:
        raise UsageError("query.unknown-province", parameter="--province", value=value)
    return code
