"""The chair's pack's ledger part (issue 16): the quarter's activities and the project's milestones.

Pure: a dataset, an alliance and a quarter in, plain lines out. An activity belongs to the
alliance's quarter when it is dated in the quarter and names the alliance, or one of its
projects or service teams, or involves a member (taking part, or an end of its pairing).
A milestone's state on the meeting day is 已完成 (done by then), 逾期 (due before it and not
done by then) or 未到期.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lianmeng.dataset import Dataset
from lianmeng.texts import ACTIVITY_CATEGORY_LABELS, PACK_LABELS
from meetings.quarters import first_day, last_day

__all__ = ["ActivityLine", "MilestoneLine", "quarter_activities", "project_milestones", "alliance_project"]


@dataclass(frozen=True)
class ActivityLine:
    date: dt.date
    title: str
    category: str
    organisations: str
    people_served: int
    volunteers: int
    donated: float


@dataclass(frozen=True)
class MilestoneLine:
    project: str
    title: str
    due: dt.date | None
    done: dt.date | None
    state: str


def quarter_activities(dataset: Dataset, alliance_id: str, quarter: str) -> tuple[ActivityLine, ...]:
    """The alliance's activities dated in ``quarter``, by date."""
    start, end = first_day(quarter), last_day(quarter)
    members = {o.id for o in dataset.members_of(alliance_id)} | {alliance_id}
    projects = {p.id for p in dataset.projects if p.alliance == alliance_id}
    teams = {t.id for t in dataset.service_teams if t.alliance == alliance_id}
    ends = {p.id: {p.party_a, p.party_b} for p in dataset.pairings}
    lines = []
    for a in dataset.activities:
        if not start <= a.date <= end:
            continue
        involved = set(a.organisations) | ends.get(a.pairing or "", set())
        if a.alliance == alliance_id or a.project in projects or a.team in teams or involved & members:
            lines.append(ActivityLine(a.date, a.title, ACTIVITY_CATEGORY_LABELS[a.category.value],
                                      "、".join(dataset.name_of(o) for o in sorted(involved, key=str)
                                               if dataset.party(o) is not None),
                                      a.people_served, a.volunteers, a.donated))
    return tuple(sorted(lines, key=lambda line: (line.date, line.title)))


def alliance_project(dataset: Dataset, alliance_id: str, year: int):
    """The alliance's 共治项目 of ``year`` (the first, if several), or ``None``."""
    return next((p for p in dataset.projects if p.alliance == alliance_id and p.year == year), None)


def project_milestones(dataset: Dataset, alliance_id: str, on: dt.date) -> tuple[MilestoneLine, ...]:
    """The milestones of the alliance's project of ``on``'s year, each with its state on ``on``."""
    project = alliance_project(dataset, alliance_id, on.year)
    if project is None:
        return ()
    lines = []
    for m in project.milestones:
        if m.done is not None and m.done <= on:
            state = PACK_LABELS["milestone_done"]
        elif m.due is not None and m.due < on:
            state = PACK_LABELS["milestone_late"]
        else:
            state = PACK_LABELS["milestone_open"]
        lines.append(MilestoneLine(project.name, m.title, m.due, m.done, state))
    return tuple(lines)
