"""群众诉求 on the 一、三、十五 clock: receive a problem, move it through its steps, list
the overdue and due-today ones, on-time rates per organisation or alliance and quarter.

The working-day calendar is China's official one (:mod:`lianmeng.workdays`) with the
street's own days (the ``calendar_days`` records) overriding it. Writes go through the
store's write path (planners, and the chair of the responsible organisation's alliance).
"""

from __future__ import annotations

import datetime as dt

from analysis import problems as clock
from graphdb.store import GraphStore
from lianmeng.dataset import Dataset
from lianmeng.errors import LianmengError
from lianmeng.ops.needs import find_organisation
from lianmeng.records import Channel, ProblemStatus, ResidentProblem, build
from lianmeng.texts import CHANNEL_LABELS, PROBLEM_STATUS_LABELS, say
from lianmeng.workdays import WorkCalendar

__all__ = ["ProblemError", "calendar_of", "receive", "advance", "NEXT_STEPS", "problem_rows", "rates",
           "overview"]

#: status → the steps that may follow it, each with the field it dates
NEXT_STEPS: dict[ProblemStatus, tuple[str, ...]] = {
    ProblemStatus.RECEIVED: ("first_reply",),
    ProblemStatus.FIRST_REPLY: ("clear_answer",),
    ProblemStatus.CLEAR_ANSWER: ("resolved", "unresolvable"),
    ProblemStatus.RESOLVED: ("closed",),
    ProblemStatus.UNRESOLVABLE: ("closed",),
    ProblemStatus.CLOSED: (),
}
_FIELD = {"first_reply": "first_reply_on", "clear_answer": "clear_answer_on", "resolved": "resolved_on",
          "unresolvable": "resolved_on", "closed": "closed_on"}


class ProblemError(LianmengError):
    """A problem cannot be moved this way; nothing was written."""


def calendar_of(dataset: Dataset) -> WorkCalendar:
    return WorkCalendar.from_records(dataset.calendar_days)


def receive(store: GraphStore, *, received: dt.date, organisation: str, channel: str = "other",
            text: str = "") -> ResidentProblem:
    """受理: a new problem, numbered ``Q-20261009-001`` (per day received)."""
    store.require("edit_problems")
    dataset = store.snapshot()
    org = find_organisation(dataset, organisation)
    prefix = f"Q-{received:%Y%m%d}-"
    taken = {p.id for p in dataset.resident_problems if p.id.startswith(prefix)}
    number = next(n for n in range(1, 10_000) if f"{prefix}{n:03d}" not in taken)
    problem = build(ResidentProblem, {"id": f"{prefix}{number:03d}", "received": received,
                                      "channel": Channel(channel).value, "text": text, "organisation": org.id,
                                      "alliance": org.alliance})
    with store.action("receive_problem", note=problem.id):
        store.upsert([problem])
    return problem


def advance(store: GraphStore, problem_id: str, step: str, on: dt.date, *, explanation: str = "") -> ResidentProblem:
    """Move a problem to its next step (``first_reply``, ``clear_answer``, ``resolved``,
    ``unresolvable`` with ``explanation``, ``closed``) dated ``on``."""
    store.require("edit_problems")
    dataset = store.snapshot()
    problem = next((p for p in dataset.resident_problems if p.id == problem_id.strip()), None)
    if problem is None:
        raise ProblemError(say("problem_not_found", id=problem_id))
    if step not in _FIELD:
        raise ProblemError(say("problem_unknown_step", value=step))
    if step not in NEXT_STEPS[problem.status]:
        raise ProblemError(say("problem_bad_step", status=PROBLEM_STATUS_LABELS[problem.status.value],
                               step=PROBLEM_STATUS_LABELS[step]))
    changes: dict[str, object] = {_FIELD[step]: on}
    if step == "unresolvable":
        changes.update(unresolvable=True, explanation=explanation)
    updated = build(ResidentProblem, {**problem.model_dump(), **changes})
    with store.action("advance_problem", note=f"{problem.id} {PROBLEM_STATUS_LABELS[step]}"):
        store.upsert([updated])
    return updated


def problem_rows(dataset: Dataset, today: dt.date, *, which: str = "all", with_text: bool = True,
                 alliance: str | None = None) -> tuple[list[dict[str, object]], str | None]:
    """Problems as plain rows (``which``: all / overdue / due_today) and the calendar's
    warning for years it does not know (or ``None``)."""
    cal = calendar_of(dataset)
    pick = {"all": clock.clocks, "overdue": clock.overdue, "due_today": clock.due_today}[which]
    rows = []
    for c in pick(dataset, cal, today):
        if alliance and c.problem.alliance != alliance:
            continue
        row = c.as_dict(with_text=with_text)
        row.update(organisation_name=dataset.name_of(c.problem.organisation),
                   alliance_name=dataset.name_of(c.problem.alliance) if c.problem.alliance else "",
                   channel_label=CHANNEL_LABELS[c.problem.channel.value],
                   status_label=PROBLEM_STATUS_LABELS[c.problem.status.value])
        rows.append(row)
    return rows, cal.warning()


def rates(dataset: Dataset, today: dt.date, *, by: str = "organisation") -> list[dict[str, object]]:
    return clock.on_time_rates(dataset, calendar_of(dataset), today, by=by)


def overview(dataset: Dataset, today: dt.date) -> dict[str, object]:
    """What the street overview shows: overdue and due-today problems, open needs."""
    from lianmeng.records import NeedKind, NeedStatus

    overdue, warning = problem_rows(dataset, today, which="overdue", with_text=False)
    due, _ = problem_rows(dataset, today, which="due_today", with_text=False)
    open_needs = [{"id": i.id, "title": i.title, "organisation": dataset.name_of(i.organisation),
                   "quarter": i.quarter} for i in dataset.supply_demand
                  if i.kind is NeedKind.NEED and i.status_on(today) is NeedStatus.OPEN]
    return {"overdue": overdue, "due_today": due, "open_needs": open_needs, "warning": warning}
