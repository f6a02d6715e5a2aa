"""Residents' problems on the 一、三、十五 clock: verdicts, overdue lists, on-time rates.

Pure: a :class:`~lianmeng.dataset.Dataset`, a :class:`~lianmeng.workdays.WorkCalendar`
and a day in, plain data out. Each problem has three deadlines (see
:mod:`lianmeng.workdays`): 初步答复 on the intake day, 明确答复 by the 3rd and 解决 by
the 15th working day after it. A step done by its deadline is ``on_time``, after it
``late``; a step not done yet is ``pending`` before its deadline, ``due_today`` on it and
``overdue`` after it. "解决" is met by a solution or by 不能解决 with its explanation.

A problem is **overdue** when any step not done has passed its deadline, **due today**
when one falls due today. A problem's final verdict is on time when all three steps were;
the on-time rate of an organisation or alliance in a quarter counts the problems received
in that quarter whose verdict is final (solved, or a deadline missed).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from lianmeng.dataset import Dataset
from lianmeng.records import ResidentProblem, quarter_of
from lianmeng.workdays import Deadlines, WorkCalendar

__all__ = ["ProblemClock", "clock", "clocks", "overdue", "due_today", "on_time_rates", "STEPS"]

#: deadline name → the problem's field that meets it
STEPS = (("first_reply", "first_reply_on"), ("clear_answer", "clear_answer_on"), ("solved", "resolved_on"))


@dataclass(frozen=True)
class ProblemClock:
    """One problem's deadlines and the verdict of each step on ``today``."""

    problem: ResidentProblem
    deadlines: Deadlines
    verdicts: dict[str, str]
    today: dt.date

    @property
    def overdue(self) -> bool:
        return "overdue" in self.verdicts.values()

    @property
    def due_today(self) -> bool:
        return "due_today" in self.verdicts.values()

    @property
    def done(self) -> bool:
        return self.problem.resolved_on is not None

    @property
    def final(self) -> bool:
        """Whether the verdict can no longer change: solved, or a deadline already missed."""
        return self.done or any(v in ("overdue", "late") for v in self.verdicts.values())

    @property
    def on_time(self) -> bool:
        return all(v == "on_time" for v in self.verdicts.values())

    @property
    def verdict(self) -> str:
        """``on_time`` / ``late`` once final, else ``overdue`` / ``due_today`` / ``pending``."""
        if self.done:
            return "on_time" if self.on_time else "late"
        if "overdue" in self.verdicts.values():
            return "overdue"
        return "due_today" if self.due_today else "pending"

    def as_dict(self, *, with_text: bool = True) -> dict[str, object]:
        p = self.problem
        return {"id": p.id, "received": p.received.isoformat(), "channel": p.channel.value,
                "organisation": p.organisation, "alliance": p.alliance, "status": p.status.value,
                **({"text": p.text} if with_text else {}),
                "deadlines": {k: getattr(self.deadlines, k).isoformat() for k, _ in STEPS},
                "steps": dict(self.verdicts), "verdict": self.verdict}


def clock(problem: ResidentProblem, calendar: WorkCalendar, today: dt.date) -> ProblemClock:
    """The deadlines and verdicts of one problem on ``today``.

    >>> p = ResidentProblem(id="q", received=dt.date(2026, 9, 30), organisation="o",
    ...                     first_reply_on=dt.date(2026, 9, 30))
    >>> c = clock(p, WorkCalendar(), dt.date(2026, 10, 10))
    >>> c.verdicts, c.verdict
    ({'first_reply': 'on_time', 'clear_answer': 'due_today', 'solved': 'pending'}, 'due_today')
    """
    deadlines = calendar.deadlines(problem.received)
    verdicts = {}
    for name, field in STEPS:
        due, done = getattr(deadlines, name), getattr(problem, field)
        if done is not None:
            verdicts[name] = "on_time" if done <= due else "late"
        elif today > due:
            verdicts[name] = "overdue"
        elif today == due:
            verdicts[name] = "due_today"
        else:
            verdicts[name] = "pending"
    return ProblemClock(problem, deadlines, verdicts, today)


def clocks(dataset: Dataset, calendar: WorkCalendar, today: dt.date) -> list[ProblemClock]:
    """Every problem received by ``today``, oldest first."""
    found = [clock(p, calendar, today) for p in dataset.resident_problems if p.received <= today]
    return sorted(found, key=lambda c: (c.problem.received, c.problem.id))


def overdue(dataset: Dataset, calendar: WorkCalendar, today: dt.date) -> list[ProblemClock]:
    """Problems with a step not done past its deadline (closed ones excluded)."""
    return [c for c in clocks(dataset, calendar, today) if c.overdue]


def due_today(dataset: Dataset, calendar: WorkCalendar, today: dt.date) -> list[ProblemClock]:
    return [c for c in clocks(dataset, calendar, today) if c.due_today and not c.overdue]


def on_time_rates(dataset: Dataset, calendar: WorkCalendar, today: dt.date, *, by: str = "organisation"
                  ) -> list[dict[str, object]]:
    """On-time rates per ``by`` (``organisation`` or ``alliance``) and quarter received:
    ``{key, name, quarter, counted, on_time, rate}`` sorted by quarter then key. Only
    problems whose verdict is final count; ``rate`` is ``None`` when none does."""
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for c in clocks(dataset, calendar, today):
        key = getattr(c.problem, by) or ""
        cell = tally[(quarter_of(c.problem.received), key)]
        if c.final:
            cell[0] += 1
            cell[1] += c.on_time
    rows = []
    for (quarter, key), (counted, on_time) in sorted(tally.items()):
        rows.append({"key": key, "name": dataset.name_of(key) if key else "", "quarter": quarter,
                     "counted": counted, "on_time": on_time,
                     "rate": round(on_time / counted, 4) if counted else None})
    return rows
