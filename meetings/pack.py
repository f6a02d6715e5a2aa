"""The chair's meeting pack (会议材料包) for one alliance and one quarter, as plain data.

Pure: a dataset and what the caller decided (chair, date, coverage gaps, recommended
partners) in, a :class:`MeetingPack` out. :mod:`meetings.pack_docx` and
:mod:`meetings.pack_markdown` write it; neither decides anything.

Coverage gaps and recommendations are *arguments*: the analyses compute them, the pack
only lays them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lianmeng.dataset import Dataset
from lianmeng.records import MeetingKind, Pairing
from lianmeng.texts import KIND_LABELS, LINKAGE_LABELS, SECTOR_LABELS
from meetings.attendance import absentees, joint_meetings
from meetings.quarters import first_day, quarter_of, shift

__all__ = ["AGENDA_LEAD_DAYS", "MemberLine", "PairingLine", "GapLine", "AttendanceLine", "MinutesSection",
           "MeetingPack",
           "build_pack", "Recommendation"]

#: agenda items are due this many days before the meeting
AGENDA_LEAD_DAYS = 15

#: (partner name, score, reasons), best first — what the analyses recommend
Recommendation = tuple[str, float, Sequence[str]]


@dataclass(frozen=True)
class MemberLine:
    id: str
    name: str
    unit: str
    contact: str
    phone: str
    brands: tuple[str, ...]


@dataclass(frozen=True)
class PairingLine:
    id: str
    party_a: str
    party_b: str
    kind: str
    content: str
    since: dt.date
    until: dt.date | None


@dataclass(frozen=True)
class GapLine:
    """A member still without small and/or large linkage, with the recommended partners."""

    id: str
    name: str
    missing: tuple[str, ...]
    recommendations: tuple[tuple[str, float, tuple[str, ...]], ...]


@dataclass(frozen=True)
class AttendanceLine:
    date: dt.date
    quarter: str
    chair: str
    present: int
    expected: int


@dataclass(frozen=True)
class MinutesSection:
    """A section of the minutes template: prompts, and optionally an empty table to fill in."""

    heading: str
    lines: tuple[str, ...]
    table_columns: tuple[str, ...] = ()
    blank_rows: int = 0


@dataclass(frozen=True)
class MeetingPack:
    """Everything the chair needs, in the order the documents show it."""

    alliance_id: str
    alliance: str
    sector: str
    quarter: str
    meeting_date: dt.date
    held: bool
    chair_id: str | None
    chair: str
    chair_contact: str
    chair_phone: str
    location: str
    agenda_deadline: dt.date
    last_meeting_date: dt.date | None
    next_chair: str
    members: tuple[MemberLine, ...]
    pairings_started: tuple[PairingLine, ...]
    pairings_ended: tuple[PairingLine, ...]
    gaps: tuple[GapLine, ...]
    project: str
    project_notes: tuple[str, ...]
    unified_action: str
    action_days: tuple[tuple[dt.date, tuple[str, ...]], ...]
    research_topic: str
    brands: tuple[tuple[str, str], ...]
    attendance: tuple[AttendanceLine, ...]
    member_attendance: tuple[tuple[str, int, int], ...]
    absentees: tuple[str, ...]
    last_decisions: tuple[str, ...]
    minutes_template: tuple[MinutesSection, ...]


def _pairing_line(dataset: Dataset, pairing: Pairing) -> PairingLine:
    return PairingLine(pairing.id, dataset.name_of(pairing.party_a), dataset.name_of(pairing.party_b),
                       KIND_LABELS.get(pairing.kind.value, pairing.kind.value), pairing.content,
                       pairing.since, pairing.until)


def _minutes_template(chair: str, next_chair: str) -> tuple[MinutesSection, ...]:
    return (
        MinutesSection("会议基本信息", ("会议时间：", "会议地点：", f"主持人（轮值主席）：{chair}", "出席单位：",
                                  "缺席单位及原因：", "记录人：")),
        MinutesSection("议题", ("1.", "2.", "3.")),
        MinutesSection("讨论情况", ("（按议题记录各成员单位发言要点）",)),
        MinutesSection("决议事项", (), ("事项", "牵头单位", "完成时限"), 3),
        MinutesSection("下次会议", (f"下季度轮值主席：{next_chair or '（待定）'}",
                                f"议题请于会前 {AGENDA_LEAD_DAYS} 日报送轮值主席单位。")),
    )


def build_pack(
    dataset: Dataset,
    alliance_id: str,
    quarter: str,
    *,
    chair_id: str | None,
    meeting_date: dt.date,
    next_chair_id: str | None = None,
    unpaired: Mapping[str, set[str] | frozenset[str] | Sequence[str]] | None = None,
    recommendations: Mapping[str, Sequence[Recommendation]] | None = None,
    top: int = 3,
    today: dt.date | None = None,
) -> MeetingPack:
    """The pack for ``alliance_id`` in ``quarter``.

    Parameters
    ----------
    chair_id, meeting_date : who chairs and when (from the rotation and the meeting, if held).
    next_chair_id : the next quarter's chair, for the minutes template.
    unpaired : organisation → missing linkages (``"small"``, ``"large"``), for members only.
    recommendations : organisation → recommended partners (name, score, reasons), best first;
        the first ``top`` are shown.
    today : with it, a meeting recorded for the quarter but dated after ``today`` is
        planned (计划), not held (已召开).
    """
    alliance = next(a for a in dataset.alliances if a.id == alliance_id)
    members = dataset.members_of(alliance_id)
    member_ids = {m.id for m in members}
    held = next((m for m in joint_meetings(dataset, alliance_id) if quarter_of(m.date) == quarter), None)
    previous = joint_meetings(dataset, alliance_id, before=meeting_date)
    previous = [m for m in previous if held is None or m.id != held.id]
    last = previous[-1] if previous else None
    window_start = last.date if last else first_day(shift(quarter, -1)) - dt.timedelta(days=1)

    def concerns(p: Pairing) -> bool:
        return bool({p.party_a, p.party_b} & (member_ids | {alliance_id}))

    started = sorted((p for p in dataset.pairings if concerns(p) and window_start < p.since <= meeting_date),
                     key=lambda p: (p.since, p.id))
    ended = sorted((p for p in dataset.pairings
                    if concerns(p) and p.until is not None and window_start < p.until <= meeting_date),
                   key=lambda p: (p.until, p.id))

    recommendations = recommendations or {}
    gaps = []
    for org in members:
        missing = set((unpaired or {}).get(org.id, ()))
        if not missing:
            continue
        labels = tuple(LINKAGE_LABELS[k] for k in ("small", "large") if k in missing)
        recs = tuple((str(n), float(s), tuple(r)) for n, s, r in list(recommendations.get(org.id, ()))[:top])
        gaps.append(GapLine(org.id, org.name, labels, recs))

    chair = dataset.party(chair_id) if chair_id else None
    next_chair = dataset.name_of(next_chair_id) if next_chair_id else ""
    year = meeting_date.year
    action_days = tuple(
        (m.date, m.topics) for m in sorted(dataset.meetings, key=lambda m: m.date)
        if m.kind is MeetingKind.ACTION_DAY and m.date.year == year
    )
    notes = tuple(
        f"{m.date.isoformat()}：{text}"
        for m in joint_meetings(dataset, alliance_id, before=meeting_date + dt.timedelta(days=1))
        if m.date.year == year and alliance.project
        for text in (*m.topics, *m.decisions) if alliance.project in text
    )
    history = tuple(
        AttendanceLine(m.date, quarter_of(m.date), dataset.name_of(m.chair),
                       len(member_ids & set(m.attendees)), len(member_ids))
        for m in previous
    )
    chair_name = getattr(chair, "name", "") or "（待定）"
    return MeetingPack(
        alliance_id=alliance.id,
        alliance=alliance.name,
        sector=SECTOR_LABELS.get(alliance.sector, alliance.sector),
        quarter=quarter,
        meeting_date=meeting_date,
        held=held is not None and (today is None or held.date <= today),
        chair_id=chair_id,
        chair=chair_name,
        chair_contact=getattr(chair, "contact", ""),
        chair_phone=getattr(chair, "phone", ""),
        location=held.location if held else (f"{chair.unit}会议室" if getattr(chair, "unit", "") else ""),
        agenda_deadline=meeting_date - dt.timedelta(days=AGENDA_LEAD_DAYS),
        last_meeting_date=last.date if last else None,
        next_chair=next_chair,
        members=tuple(MemberLine(m.id, m.name, m.unit, m.contact, m.phone, m.brands) for m in members),
        pairings_started=tuple(_pairing_line(dataset, p) for p in started),
        pairings_ended=tuple(_pairing_line(dataset, p) for p in ended),
        gaps=tuple(gaps),
        project=alliance.project,
        project_notes=notes,
        unified_action=alliance.unified_action,
        action_days=action_days,
        research_topic=alliance.research_topic,
        brands=tuple((m.name, b) for m in members for b in m.brands),
        attendance=history,
        member_attendance=tuple((m.name, sum(m.id in p.attendees for p in previous), len(previous))
                                for m in members),
        absentees=tuple(dataset.name_of(o) for o in absentees(dataset, alliance_id, before=meeting_date)),
        last_decisions=last.decisions if last else (),
        minutes_template=_minutes_template(chair_name, next_chair),
    )
