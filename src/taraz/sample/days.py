"""The days the sample spans (1 Farvardin 1403 to 29 Esfand 1404) and how busy customs is on each."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from taraz.calendar import jalali_month_length, jalali_to_gregorian

YEARS = (1403, 1404)
EPOCH = date(1970, 1, 1)

# Month activity (Farvardin is quiet after Nowruz, Esfand busy before the year closes).
MONTH_WEIGHT = (0.6, 0.95, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05, 1.05, 1.2)
# Python weekday (Monday 0): Thursday is a half day and Friday the weekend in Iran.
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 0.45, 0.06, 1.0, 1.0)
# Fixed Jalali holidays: Nowruz, Nature Day, 14-15 Khordad, 22 Bahman, 29 Esfand.
HOLIDAY_WEIGHT = {
    (1, 1): 0.05,
    (1, 2): 0.05,
    (1, 3): 0.05,
    (1, 4): 0.05,
    (1, 12): 0.1,
    (1, 13): 0.1,
    (3, 14): 0.2,
    (3, 15): 0.2,
    (11, 22): 0.2,
    (12, 29): 0.3,
}


@dataclass(frozen=True)
class Days:
    epoch_day: np.ndarray  # days since 1970-01-01
    jy: np.ndarray
    jm: np.ndarray
    jd: np.ndarray
    weight: np.ndarray  # relative number of declarations on the day

    def year_index(self, day: np.ndarray) -> np.ndarray:
        """0 for 1403, 1 for 1404."""
        return self.jy[day] - YEARS[0]

    def half_index(self, day: np.ndarray) -> np.ndarray:
        """0 for Farvardin-Shahrivar, 1 for Mehr-Esfand."""
        return (self.jm[day] > 6).astype(np.int64)


@functools.cache
def sample_days() -> Days:
    first = jalali_to_gregorian(YEARS[0], 1, 1)
    rows = []
    for jy in YEARS:
        for jm in range(1, 13):
            for jd in range(1, jalali_month_length(jy, jm) + 1):
                rows.append((jy, jm, jd))
    greg = [first + timedelta(days=i) for i in range(len(rows))]
    if greg[-1] != jalali_to_gregorian(*rows[-1]):
        raise AssertionError("Jalali month lengths and the calendar disagree")
    weight = [
        MONTH_WEIGHT[jm - 1] * WEEKDAY_WEIGHT[g.weekday()] * HOLIDAY_WEIGHT.get((jm, jd), 1.0)
        for (_, jm, jd), g in zip(rows, greg, strict=True)
    ]
    jy, jm, jd = (np.array(c, dtype=np.int64) for c in zip(*rows, strict=True))
    return Days(
        epoch_day=np.array([(g - EPOCH).days for g in greg], dtype=np.int64),
        jy=jy,
        jm=jm,
        jd=jd,
        weight=np.array(weight),
    )
