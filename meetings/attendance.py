"""Attendance at joint meetings: rates per organisation and per alliance, and the members
absent from their alliance's last two meetings.

Pure. Only joint meetings (联席会议) count: the summit and the unified action days invite
everyone, so their attendance lists say little about an alliance. A member is expected
at every joint meeting of the alliance it belongs to now.

>>> from lianmeng.sample import sample_street
>>> street = sample_street()
>>> attendance_by_alliance(street)["administrative"]
Attendance(attended=40, expected=40)
>>> [street.name_of(org) for org in absentees(street, "community")]
['东新社区党支部']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lianmeng.dataset import Dataset
from lianmeng.records import Meeting, MeetingKind

__all__ = ["Attendance", "joint_meetings", "attendance_by_organisation", "attendance_by_alliance",
           "absentees"]


@dataclass(frozen=True)
class Attendance:
    """``attended`` of ``expected`` meetings; ``rate`` is ``None`` when none were expected."""

    attended: int
    expected: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


def joint_meetings(dataset: Dataset, alliance_id: str, *, before: dt.date | None = None) -> list[Meeting]:
    """The alliance's joint meetings in date order (only those before ``before`` if given)."""
    found = [m for m in dataset.meetings
             if m.kind is MeetingKind.JOINT and m.alliance == alliance_id and (before is None or m.date < before)]
    return sorted(found, key=lambda m: (m.date, m.id))


def attendance_by_organisation(dataset: Dataset, alliance_id: str) -> dict[str, Attendance]:
    """Each current member of the alliance: joint meetings attended of those held."""
    meetings = joint_meetings(dataset, alliance_id)
    return {
        org.id: Attendance(sum(org.id in m.attendees for m in meetings), len(meetings))
        for org in dataset.members_of(alliance_id)
    }


def attendance_by_alliance(dataset: Dataset) -> dict[str, Attendance]:
    """Each alliance: member attendances over member places at its joint meetings."""
    result = {}
    for alliance in dataset.alliances:
        per_org = attendance_by_organisation(dataset, alliance.id).values()
        result[alliance.id] = Attendance(sum(a.attended for a in per_org), sum(a.expected for a in per_org))
    return result


def absentees(dataset: Dataset, alliance_id: str, *, last: int = 2, before: dt.date | None = None) -> list[str]:
    """Members absent from each of the alliance's ``last`` joint meetings (in member order).

    Nobody is flagged while the alliance has held fewer than ``last`` meetings.
    """
    recent = joint_meetings(dataset, alliance_id, before=before)[-last:]
    if len(recent) < last:
        return []
    return [org.id for org in dataset.members_of(alliance_id)
            if all(org.id not in m.attendees for m in recent)]
