"""When the people of the demo's world act: the organization's and the bodies' people on working
days (`taraz.calendar.workdays`) in office hours in Tehran, the firms' people on any day from
morning to evening, the daily casework job at 07:00. Drawn from one seeded `random.Random`."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from taraz.calendar.workdays import WorkCalendar

TEHRAN = ZoneInfo("Asia/Tehran")
OFFICE = (time(7, 35), time(13, 40))  # when a step of the office is taken (it closes at 14:00)
DAYTIME = (time(8, 30), time(16, 30))  # when a firm's person mostly acts
EVENING = (time(8, 0), time(21, 30))  # and at the latest
EVENINGS = 0.3  # of a firm's moments, any time up to the evening
JOB = time(7, 0)  # the daily casework job


class Hours:
    def __init__(self, calendar: WorkCalendar, rng: random.Random, today: date) -> None:
        self.calendar, self.rng, self.today = calendar, rng, today

    @property
    def midnight(self) -> datetime:
        """The start of `today` in Tehran."""
        return datetime.combine(self.today, time(0), tzinfo=TEHRAN)

    def firm(self, day: date) -> datetime:
        """A firm's moment on `day`: mostly in the working day, some in the evening."""
        lo, hi = EVENING if self.rng.random() < EVENINGS else DAYTIME
        return self.between(day, lo, hi)

    def between(self, day: date, lo: time, hi: time) -> datetime:
        start = datetime.combine(day, lo, tzinfo=TEHRAN)
        minutes = int((datetime.combine(day, hi) - datetime.combine(day, lo)).seconds // 60)
        return start + timedelta(
            minutes=self.rng.randint(0, minutes), seconds=self.rng.randint(0, 59)
        )

    def staff(self, after: datetime, days: int) -> datetime:
        """A moment in office hours: later the same working day for 0 (or the next working
        day when too late), else on the `days`-th working day after `after`."""
        local = after.astimezone(TEHRAN)
        if days <= 0:
            if self.calendar.is_working(local.date()) and local.time() < time(13, 0):
                earliest = datetime.combine(local.date(), OFFICE[0], tzinfo=TEHRAN)
                lo = max(local + timedelta(minutes=self.rng.randint(6, 45)), earliest)
                hi = datetime.combine(local.date(), OFFICE[1], tzinfo=TEHRAN)
                if lo < hi:
                    span = int((hi - lo).total_seconds() // 60)
                    return lo + timedelta(minutes=self.rng.randint(0, span // 2))
            days = 1
        return self.between(self.calendar.add_working_days(local.date(), days), *OFFICE)

    def applicant(self, after: datetime, days: int) -> datetime:
        """A firm's moment, `days` calendar days after `after` (0: a little later that day)."""
        local = after.astimezone(TEHRAN)
        if days <= 0:
            later = local + timedelta(minutes=self.rng.randint(4, 120))
            if later.date() == local.date() and later.time() < EVENING[1]:
                return later
            days = 1
        return self.firm(local.date() + timedelta(days=days))

    def job(self, day: date) -> datetime:
        """When the daily casework job runs on `day`."""
        return datetime.combine(day, JOB, tzinfo=TEHRAN) + timedelta(
            seconds=self.rng.randint(5, 50)
        )

    def back(self, day: date, n: int) -> date:
        """The working day `n` working days before `day` (`day` itself for 0, if working)."""
        while not self.calendar.is_working(day):
            day -= timedelta(days=1)
        while n > 0:
            day -= timedelta(days=1)
            n -= self.calendar.is_working(day)
        return day
