"""The work inside the pairings (issue 16): activities, 共治项目, 统一行动日, 联动服务队.

Records like those of :mod:`lianmeng.records` (validated, immutable, ``extra="forbid"``).
A project's milestones and quarterly progress notes are *embedded* lists of small frozen
models (:class:`Milestone`, :class:`ProgressNote`): they have no life outside their
project, the embedded store keeps them as JSON text in the project's row and Neo4j as a
JSON string property of the project's node; the import reads them from sheets of their
own (里程碑, 项目进展) so that an office edits one row per milestone.

:func:`ledger_problems` is the cross-record half (references, membership), called by
:meth:`lianmeng.dataset.Dataset.problems`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from lianmeng.errors import Problem
from lianmeng.records import QUARTER_PATTERN, Meeting, MeetingKind, Organisation, Record
from lianmeng.texts import FIELD_LABELS, say

__all__ = ["ActivityCategory", "ProjectStatus", "Milestone", "ProgressNote", "Activity", "Project",
           "ActionDay", "ServiceTeam", "LEDGER_TABLES", "LEDGER_WHAT", "activity_id", "ledger_problems",
           "team_problems", "project_problems", "activity_problems", "activity_references", "MONEY_MAX",
           "COUNT_MAX", "link_action_day_meetings"]

#: the largest count (人次) and sum (元) one activity may carry: a typo guard, not a policy
COUNT_MAX = 1_000_000
MONEY_MAX = 1_000_000_000


class ActivityCategory(StrEnum):
    VOLUNTEER = "volunteer"  # 志愿服务
    JOINT = "joint"  # 共建活动
    CONSULTATION = "consultation"  # 议事协商
    STUDY = "study"  # 学习培训
    VISIT = "visit"  # 走访慰问
    DONATION = "donation"  # 捐赠
    OTHER = "other"  # 其他


class ProjectStatus(StrEnum):
    PROPOSED = "proposed"  # 立项
    IN_PROGRESS = "in_progress"  # 推进中
    DONE = "done"  # 已完成
    EVALUATED = "evaluated"  # 已评估


def _blank_is_none(value: Any) -> Any:
    value = value.strip() if isinstance(value, str) else value
    return value or None


def _items(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item.strip() for item in value if item and item.strip())


class Milestone(BaseModel):
    """One milestone of a project: due date and (once reached) done date."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1)
    due: dt.date | None = None
    done: dt.date | None = None


class ProgressNote(BaseModel):
    """A quarter's progress note (季度进展) of a project."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    quarter: str
    text: str = Field(min_length=1)

    @field_validator("quarter", mode="before")
    @classmethod
    def _quarter(cls, value: Any) -> Any:
        value = value.strip() if isinstance(value, str) else value
        if isinstance(value, str) and not re.fullmatch(QUARTER_PATTERN, value):
            raise ValueError(say("bad_quarter", value=value))
        return value


def activity_id(day: dt.date, title: str, owner: str) -> str:
    """A stable id for an activity: the same date, title and owner give the same id.

    >>> activity_id(dt.date(2025, 3, 5), "法律咨询日", "P-1") == activity_id(dt.date(2025, 3, 5), "法律咨询日", "P-1")
    True
    """
    digest = hashlib.sha1(f"{day.isoformat()}\x1f{title}\x1f{owner}".encode()).hexdigest()
    return f"AC-{digest[:12]}"


class Activity(Record):
    """活动台账: one thing done under a pairing, an alliance, a project or an action day."""

    table: ClassVar[str] = "activities"
    date: dt.date
    title: str = Field(min_length=1)
    category: ActivityCategory = ActivityCategory.OTHER
    pairing: str | None = None
    alliance: str | None = None
    project: str | None = None
    action_day: str | None = None
    team: str | None = None
    organisations: tuple[str, ...] = ()
    people_served: int = Field(default=0, ge=0, le=COUNT_MAX)
    volunteers: int = Field(default=0, ge=0, le=COUNT_MAX)
    donated: float = Field(default=0, ge=0, le=MONEY_MAX)
    place: str = ""
    note: str = ""

    @field_validator("pairing", "alliance", "project", "action_day", "team", mode="before")
    @classmethod
    def _refs(cls, value: Any) -> Any:
        return _blank_is_none(value)

    @field_validator("organisations", mode="after")
    @classmethod
    def _orgs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _items(value)

    @model_validator(mode="after")
    def _belongs_somewhere(self) -> Activity:
        if not (self.pairing or self.alliance or self.project or self.action_day or self.team or self.organisations):
            raise ValueError(say("activity_needs_owner", title=self.title))
        return self


class Project(Record):
    """共治项目: one major project per alliance per year, judged by an outside evaluator."""

    table: ClassVar[str] = "projects"
    name: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    alliance: str = Field(min_length=1)
    problem: str = ""
    lead: str | None = None
    partners: tuple[str, ...] = ()
    start: dt.date | None = None
    status: ProjectStatus = ProjectStatus.PROPOSED
    budget: float | None = Field(default=None, ge=0, le=MONEY_MAX)
    raised: float | None = Field(default=None, ge=0, le=MONEY_MAX)
    evaluator: str = ""
    score: float | None = Field(default=None, ge=0, le=100)
    comments: str = ""
    milestones: tuple[Milestone, ...] = ()
    progress: tuple[ProgressNote, ...] = ()

    @field_validator("lead", mode="before")
    @classmethod
    def _lead(cls, value: Any) -> Any:
        return _blank_is_none(value)

    @field_validator("partners", mode="after")
    @classmethod
    def _partners(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _items(value)

    @model_validator(mode="after")
    def _rules(self) -> Project:
        if self.start is not None:
            for milestone in self.milestones:
                if milestone.done is not None and milestone.done < self.start:
                    raise ValueError(say("milestone_before_start", milestone=milestone.title,
                                         done=milestone.done, start=self.start))
        if self.status is ProjectStatus.EVALUATED and self.score is None:
            raise ValueError(say("evaluated_needs_score", name=self.name))
        return self

    @property
    def begins(self) -> dt.date:
        """The start date, or 1 January of the project's year."""
        return self.start or dt.date(self.year, 1, 1)


class ActionDay(Record):
    """统一行动日: every half year, all alliances, the service teams in the streets."""

    table: ClassVar[str] = "action_days"
    date: dt.date
    theme: str = Field(min_length=1)
    places: tuple[str, ...] = ()

    @field_validator("places", mode="after")
    @classmethod
    def _places(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _items(value)


class ServiceTeam(Record):
    """联动服务队: a team of member organisations with specialities (法律咨询, 医疗保健…)."""

    table: ClassVar[str] = "service_teams"
    name: str = Field(min_length=1)
    alliance: str | None = None
    leader: str | None = None
    members: tuple[str, ...] = ()
    specialities: tuple[str, ...] = ()

    @field_validator("alliance", "leader", mode="before")
    @classmethod
    def _refs(cls, value: Any) -> Any:
        return _blank_is_none(value)

    @field_validator("members", "specialities", mode="after")
    @classmethod
    def _lists(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _items(value)


#: the ledger's tables in the order their references need (projects before activities)
LEDGER_TABLES: dict[str, type[Record]] = {
    "action_days": ActionDay,
    "service_teams": ServiceTeam,
    "projects": Project,
    "activities": Activity,
}
LEDGER_WHAT = {"action_days": "统一行动日", "service_teams": "联动服务队", "projects": "共治项目",
               "activities": "活动"}


def _unknown(table: str, index: int, attr: str, value: str) -> Problem:
    return Problem(table, index, attr, value,
                   say("unknown_ref", field=FIELD_LABELS.get(attr, attr), value=value), "unknown_ref")


def ledger_problems(dataset: Any) -> Iterator[Problem]:
    """``dataset`` (a :class:`lianmeng.dataset.Dataset`, which imports this module): the ledger's references: every pairing, alliance, project, day, team and organisation named exists."""
    yield from team_problems(dataset)
    yield from project_problems(dataset)
    yield from activity_problems(dataset)


def _organisations(dataset: Any, table: str, i: int, attr: str, values: tuple[str, ...] | list[str]
                   ) -> Iterator[Problem]:
    for value in values:
        if value and not isinstance(dataset.party(value), Organisation):
            yield Problem(table, i, attr, value, say("ledger_unknown_organisation", value=value),
                          "unknown_organisation")


def team_problems(dataset: Any) -> Iterator[Problem]:
    """联动服务队: its alliance, leader and members exist."""
    alliances = {a.id for a in dataset.alliances}
    for i, team in enumerate(dataset.service_teams):
        if team.alliance and team.alliance not in alliances:
            yield _unknown("service_teams", i, "alliance", team.alliance)
        yield from _organisations(dataset, "service_teams", i, "leader", [team.leader or ""])
        yield from _organisations(dataset, "service_teams", i, "members", team.members)


def project_problems(dataset: Any) -> Iterator[Problem]:
    """共治项目: its alliance, lead and partners exist."""
    alliances = {a.id for a in dataset.alliances}
    for i, project in enumerate(dataset.projects):
        if project.alliance not in alliances:
            yield _unknown("projects", i, "alliance", project.alliance)
        yield from _organisations(dataset, "projects", i, "lead", [project.lead or ""])
        yield from _organisations(dataset, "projects", i, "partners", project.partners)


def activity_references(activity: Activity) -> Iterator[str]:
    """Every id an activity refers to (what a change of another table can break)."""
    for value in (activity.pairing, activity.alliance, activity.project, activity.action_day, activity.team):
        if value:
            yield value
    yield from activity.organisations


def activity_problems(dataset: Any, only: Iterable[int] | None = None) -> Iterator[Problem]:
    """活动: what it names exists. ``only``: the positions to check (ascending), else all."""
    records = dataset.activities
    if only is None:
        only = range(len(records))
    elif not only:
        return
    known = {attr: dataset.ids(table) for attr, table in (
        ("pairing", "pairings"), ("alliance", "alliances"), ("project", "projects"),
        ("action_day", "action_days"), ("team", "service_teams"))}
    pairings = known.pop("pairing")
    party = dataset.party
    for i in only:  # 600,000 activities in a city: the usual row (all known) takes the shortest path
        activity = records[i]
        if activity.pairing and activity.pairing not in pairings:
            yield Problem("activities", i, "pairing", activity.pairing,
                          say("ledger_unknown_pairing", value=activity.pairing), "unknown_pairing")
        if activity.alliance or activity.project or activity.action_day or activity.team:
            for attr, ids in known.items():
                value = getattr(activity, attr)
                if value and value not in ids:
                    yield _unknown("activities", i, attr, value)
        for value in activity.organisations:
            if type(party(value)) is not Organisation:
                yield from _organisations(dataset, "activities", i, "organisations", activity.organisations)
                break


def link_action_day_meetings(meetings: Iterable[Meeting], days: Iterable[ActionDay]
                             ) -> tuple[list[Meeting], list[ActionDay]]:
    """Action-day meetings that name no 统一行动日 (written before the two were linked, or
    imported with the column blank), each linked to the day of its date — made from the
    meeting (its first topic as the theme, its place) when there is none. Returns the
    meetings and the days made; the embedded store's migration 8 does the same in SQL.

    >>> m = Meeting(id="M-1", kind="action_day", date=dt.date(2026, 5, 20), topics=("走进家庭",))
    >>> linked, made = link_action_day_meetings([m], [])
    >>> linked[0].action_day, made[0].id, made[0].theme
    ('D-M-1', 'D-M-1', '走进家庭')
    >>> link_action_day_meetings([m], made)[0][0].action_day, link_action_day_meetings([m], made)[1]
    ('D-M-1', [])
    """
    by_date: dict[dt.date, str] = {}
    for day in days:
        by_date.setdefault(day.date, day.id)
    linked, made = [], []
    for meeting in meetings:
        if meeting.kind is MeetingKind.ACTION_DAY and not meeting.action_day:
            if meeting.date not in by_date:
                theme = meeting.topics[0] if meeting.topics else say("action_day_meeting_theme", date=meeting.date)
                made.append(ActionDay(id=f"D-{meeting.id}", date=meeting.date, theme=theme,
                                      places=(meeting.location,) if meeting.location else ()))
                by_date[meeting.date] = made[-1].id
            meeting = meeting.model_copy(update={"action_day": by_date[meeting.date]})
        linked.append(meeting)
    return linked, made
