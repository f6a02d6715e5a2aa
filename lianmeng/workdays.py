"""The working-day clock of residents' problems (一、三、十五): China's official calendar.

Working days follow the State Council's yearly holiday notice, including the 调休
make-up workdays (a Saturday or Sunday that is a working day), as the maintained
package ``chinese-calendar`` encodes it. The street may add its own days as data
(:class:`~lianmeng.records.CalendarDay`: a day off or a working day) and these override
the package. For a year the package does not know yet, only weekends are days off and
:attr:`WorkCalendar.unknown_years` names the year, so pages and the command line can
show a visible warning (:meth:`WorkCalendar.warning`).

The 一、三、十五 rule as this module counts it:

* 受理日 (the intake day) is the day a problem was received if that is a working day,
  else the next working day: a problem phoned in on a Sunday or in the National Day
  week is taken in on the first working day after.
* 初步答复 is due on the intake day itself ("当天给出初步答复").
* 明确答复 is due on the 3rd working day after the intake day, 解决 on the 15th: the
  intake day itself is not counted, a make-up Saturday is.

>>> cal = WorkCalendar()
>>> cal.is_workday(dt.date(2026, 10, 10))   # 国庆调休: a Saturday that is a working day
True
>>> cal.is_workday(dt.date(2026, 10, 5))    # 国庆 Monday
False
>>> d = cal.deadlines(dt.date(2026, 9, 30))  # a Wednesday, the last working day before 国庆
>>> d.first_reply, d.clear_answer, d.solved
(datetime.date(2026, 9, 30), datetime.date(2026, 10, 10), datetime.date(2026, 10, 27))
>>> later = WorkCalendar()   # a year the package does not know: weekends only, and a warning
>>> later.add_workdays(dt.date(2031, 1, 3), 1), sorted(later.unknown_years)
(datetime.date(2031, 1, 6), [2031])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lianmeng.texts import say

__all__ = ["WorkCalendar", "Deadlines", "known_years", "FIRST_REPLY_DAYS", "CLEAR_ANSWER_DAYS",
           "SOLVED_DAYS"]

FIRST_REPLY_DAYS = 0
CLEAR_ANSWER_DAYS = 3
SOLVED_DAYS = 15


def known_years() -> frozenset[int]:
    """The years ``chinese-calendar`` holds the official schedule for (empty without it)."""
    try:
        from chinese_calendar.constants import holidays
    except ImportError:  # pragma: no cover - a dependency, but never a traceback for people
        return frozenset()
    return frozenset(day.year for day in holidays)


@dataclass(frozen=True)
class Deadlines:
    """The three deadlines of one problem, counted from its intake day."""

    received: dt.date
    intake: dt.date
    first_reply: dt.date
    clear_answer: dt.date
    solved: dt.date

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k).isoformat() for k in ("received", "intake", "first_reply",
                                                         "clear_answer", "solved")}


class WorkCalendar:
    """Which days are working days: the package's official schedule, overridden by
    ``overrides`` (``{date: True for a working day, False for a day off}``).

    >>> cal = WorkCalendar({dt.date(2026, 10, 9): False})   # the street gives a day off
    >>> cal.is_workday(dt.date(2026, 10, 9))
    False
    """

    def __init__(self, overrides: dict[dt.date, bool] | Iterable[tuple[dt.date, bool]] | None = None):
        self.overrides: dict[dt.date, bool] = dict(overrides or {})
        self._known = known_years()
        #: years asked about that the package does not know (weekends only was used)
        self.unknown_years: set[int] = set()

    @classmethod
    def from_records(cls, days: Iterable[object]) -> WorkCalendar:
        """From :class:`~lianmeng.records.CalendarDay` records (``date``, ``workday``)."""
        return cls({d.date: d.workday for d in days})  # type: ignore[attr-defined]

    def knows(self, year: int) -> bool:
        return year in self._known

    def is_workday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self._known:
            import chinese_calendar

            return bool(chinese_calendar.is_workday(day))
        self.unknown_years.add(day.year)
        return day.weekday() < 5

    def intake_day(self, received: dt.date) -> dt.date:
        """受理日: ``received`` if a working day, else the next working day."""
        day = received
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted;
        ``count`` 0 gives ``start``)."""
        day = start
        left = count
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

        >>> WorkCalendar().workdays_between(dt.date(2026, 9, 30), dt.date(2026, 10, 10))
        3
        """
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count

    def deadlines(self, received: dt.date) -> Deadlines:
        intake = self.intake_day(received)
        return Deadlines(received, intake, self.add_workdays(intake, FIRST_REPLY_DAYS),
                         self.add_workdays(intake, CLEAR_ANSWER_DAYS), self.add_workdays(intake, SOLVED_DAYS))

    def warning(self) -> str | None:
        """The Chinese warning when a year outside the package's schedule was counted."""
        if not self.unknown_years:
            return None
        last = max(self._known) if self._known else "—"
        return say("calendar_unknown_year", years="、".join(str(y) for y in sorted(self.unknown_years)),
                   last=last)
