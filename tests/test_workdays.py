"""The 一、三、十五 working-day clock, against the official 2026 schedule (issue 17).

The 2026 schedule as ``chinese-calendar`` 1.11 encodes the State Council notice:
中秋 9-25 (Fri) … 9-27 off; 国庆 10-01 … 10-07 off; make-up workdays Sunday 9-20 and
Saturday 10-10. Every date below was counted by hand on that calendar.
"""

from __future__ import annotations

import datetime as dt
import doctest

from lianmeng import workdays
from lianmeng.workdays import WorkCalendar

D = dt.date


def test_the_package_knows_2026_and_its_make_up_days():
    cal = WorkCalendar()
    assert cal.knows(2026)
    assert [d for d in (D(2026, 9, 20), D(2026, 10, 10)) if cal.is_workday(d)] == [D(2026, 9, 20), D(2026, 10, 10)]
    assert not any(cal.is_workday(D(2026, 10, day)) for day in range(1, 8))
    assert not cal.is_workday(D(2026, 9, 25))  # 中秋 falls on the Friday before the National Day week


def test_received_on_the_friday_before_national_day():
    # 2026-09-25 is a day off (中秋): the intake day is Monday 9-28; then 9-29 (1), 9-30 (2),
    # the week off, 10-08 (3) … 10-09 (4), Saturday 10-10 (5, make-up), 10-12 … 10-16 (6–10),
    # 10-19 … 10-23 (11–15)
    d = WorkCalendar().deadlines(D(2026, 9, 25))
    assert (d.intake, d.first_reply, d.clear_answer, d.solved) == (
        D(2026, 9, 28), D(2026, 9, 28), D(2026, 10, 8), D(2026, 10, 23))
    assert d.solved - D(2026, 9, 25) == dt.timedelta(days=28)


def test_received_on_the_last_working_day_before_national_day_counts_the_make_up_saturday():
    # 9-30 (Wed): 10-08 (1), 10-09 (2), Saturday 10-10 (3); the 15th is Tuesday 10-27
    d = WorkCalendar().deadlines(D(2026, 9, 30))
    assert (d.first_reply, d.clear_answer, d.solved) == (D(2026, 9, 30), D(2026, 10, 10), D(2026, 10, 27))
    # without the make-up Saturday the clear answer would fall on Monday 10-12
    no_make_up = WorkCalendar({D(2026, 10, 10): False}).deadlines(D(2026, 9, 30))
    assert (no_make_up.clear_answer, no_make_up.solved) == (D(2026, 10, 12), D(2026, 10, 28))


def test_received_on_a_make_up_sunday_is_taken_in_that_day():
    d = WorkCalendar().deadlines(D(2026, 9, 20))  # Sunday, a working day
    assert (d.intake, d.clear_answer) == (D(2026, 9, 20), D(2026, 9, 23))


def test_street_overrides_beat_the_package():
    cal = WorkCalendar({D(2026, 10, 12): False, D(2026, 10, 11): True})
    assert not cal.is_workday(D(2026, 10, 12)) and cal.is_workday(D(2026, 10, 11))
    assert cal.deadlines(D(2026, 9, 30)).clear_answer == D(2026, 10, 10)
    assert cal.add_workdays(D(2026, 10, 10), 1) == D(2026, 10, 11)


def test_unknown_year_counts_weekends_only_and_warns():
    cal = WorkCalendar()
    assert cal.warning() is None
    # 2031-01-01 would be New Year's Day, but the package does not know 2031 yet
    assert cal.deadlines(D(2030, 12, 31)).clear_answer == D(2031, 1, 3)
    assert cal.unknown_years == {2030, 2031}
    assert "2030、2031" in cal.warning() and "只按周末计算" in cal.warning()


def test_workdays_between():
    cal = WorkCalendar()
    assert cal.workdays_between(D(2026, 9, 28), D(2026, 10, 23)) == 15
    assert cal.workdays_between(D(2026, 10, 23), D(2026, 9, 28)) == 0


def test_docstring_examples():
    result = doctest.testmod(workdays)
    assert result.attempted > 0 and result.failed == 0
