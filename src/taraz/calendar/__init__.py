"""Jalali and Gregorian periods: the period grammar, same period last year, the date dimension;
working days (`taraz.calendar.workdays`)."""

from taraz.calendar.calendars import (
    GREGORIAN,
    JALALI,
    calendar_system,
    gregorian_to_jalali,
    is_jalali_leap,
    jalali_month_length,
    jalali_to_gregorian,
)
from taraz.calendar.dimension import date_dimension
from taraz.calendar.grammar import PeriodError, parse_period
from taraz.calendar.labels import format_jalali_date
from taraz.calendar.moments import DayError, MomentError, parse_day, parse_moment
from taraz.calendar.months import (
    GREGORIAN_MONTHS_EN,
    GREGORIAN_MONTHS_FA,
    JALALI_MONTHS_EN,
    JALALI_MONTHS_FA,
)
from taraz.calendar.period import KINDS, Period, make_period, months_spanning

__all__ = [
    "GREGORIAN",
    "GREGORIAN_MONTHS_EN",
    "GREGORIAN_MONTHS_FA",
    "JALALI",
    "JALALI_MONTHS_EN",
    "JALALI_MONTHS_FA",
    "KINDS",
    "DayError",
    "MomentError",
    "Period",
    "PeriodError",
    "calendar_system",
    "date_dimension",
    "format_jalali_date",
    "gregorian_to_jalali",
    "is_jalali_leap",
    "jalali_month_length",
    "jalali_to_gregorian",
    "make_period",
    "months_spanning",
    "parse_day",
    "parse_moment",
    "parse_period",
]
