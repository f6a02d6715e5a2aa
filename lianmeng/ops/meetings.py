"""What the 会议 page and the command line call: read the store, plan, write one transaction.

Each function takes a :class:`~graphdb.store.GraphStore` (or a dataset already read from
one) and returns plain results; writes go through ``store.apply``/``store.upsert`` as one
transaction, validated first, so bad input writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path
from typing import Any

from analysis.coverage import member_coverage
from analysis.recommend import PairingContext
from graphdb.store import GraphStore, Versions
from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.errors import LianmengError
from lianmeng.ledger_records import link_action_day_meetings
from lianmeng.records import (
    Alliance,
    Linkage,
    Meeting,
    MeetingKind,
    RotationExclusion,
    RotationSlot,
    build,
    rotation_slot_id,
)
from lianmeng.texts import LINKAGE_LABELS, SECTOR_LABELS, say
from meetings.attendance import (
    absentees,
    attendance_by_alliance,
    attendance_by_organisation,
    joint_meetings,
)
from meetings.calendar_ics import CalendarEvent, calendar_ics
from meetings.pack import MeetingPack, Recommendation, build_pack, mechanism_lines
from meetings.quarters import QuarterError, parse_quarter, quarter_of, shift, span, year_quarters
from meetings.rotation import RotationPlan, Slot, plan_rotation

__all__ = [
    "UnknownAlliance", "find_alliance", "rotation_for", "rotation_rows", "SlotEdit", "save_rotation",
    "planned_meeting_date", "record_meeting", "record_summit", "record_action_day",
    "missing_linkages", "recommended_partners", "PACK_RECOMMENDATIONS", "pack_for", "year_events", "calendar_for_year", "quarters_from",
    "write_pack", "write_calendar", "PackFormatError", "attendance_view", "meetings_of",
]


#: how many recommended partners the pack shows per unpaired member
PACK_RECOMMENDATIONS = 3


class UnknownAlliance(LianmengError):
    """No alliance matches what was typed."""


class PackFormatError(LianmengError):
    """The pack was asked for in a format other than .docx or .md."""


def quarters_from(*, year: int | None = None, span_text: str | None = None) -> list[str]:
    """The quarters of ``year`` or of a span written ``2026Q1..2027Q2`` (one of the two)."""
    if span_text:
        first, sep, last = span_text.partition("..")
        if not sep:
            raise QuarterError(say("bad_span", value=span_text))
        parse_quarter(first)
        parse_quarter(last)
        if last.strip().upper() < first.strip().upper():
            raise QuarterError(say("bad_span", value=span_text))
        return span(first.strip().upper(), last.strip().upper())
    if year is None:
        raise QuarterError(say("need_year_or_span"))
    return year_quarters(year)


def find_alliance(dataset: Dataset, ref: str) -> Alliance:
    """The alliance named ``ref`` by id, name, sector id or sector label (行政区, 校区, …)."""
    text = ref.strip()
    for alliance in dataset.alliances:
        labels = {alliance.id, alliance.name, alliance.sector, SECTOR_LABELS.get(alliance.sector, "")}
        if text in labels:
            return alliance
    choices = "、".join(a.name for a in dataset.alliances) or "（无）"
    raise UnknownAlliance(say("unknown_alliance", value=ref, choices=choices))


# --- rotation --------------------------------------------------------------------------


def _held_chairs(dataset: Dataset, alliance_id: str) -> dict[str, str]:
    return {quarter_of(m.date): m.chair for m in joint_meetings(dataset, alliance_id) if m.chair}


def rotation_for(dataset: Dataset, alliance_id: str, quarters: Sequence[str]) -> RotationPlan:
    """The plan for ``quarters``, the same for a quarter whichever span it is asked in.

    Held meetings are facts: every quarter up to the alliance's latest held meeting keeps
    its held chair (or its saved slot, or none). Planning starts after it (or at the
    span's start if nothing was held): the history is the held chairs and saved slots
    before that point, pinned saved slots are pins, and exclusions in force in any planned
    quarter leave the organisation out of the whole planned run (so the queue does not
    change half-way). The plan is computed from that point to the span's end and cut to
    the span.

    A saved slot that is not pinned records the plan as it was saved (and its note); it
    counts as history once its quarter is before the planning point, but planning does
    not follow it — so an exclusion or a new member takes effect without re-pinning.
    """
    quarters = list(quarters)
    if not quarters:
        return plan_rotation([], [])
    held = _held_chairs(dataset, alliance_id)
    slots = {s.quarter: s for s in dataset.rotations if s.alliance == alliance_id}
    anchor = shift(max(held), 1) if held else quarters[0]
    planned = span(anchor, quarters[-1]) if anchor <= quarters[-1] else []
    history = {q: s.chair for q, s in slots.items() if q < anchor}
    history.update(held)
    excluded = {
        x.organisation: x.reason for x in dataset.rotation_exclusions
        if x.alliance == alliance_id and any(x.covers(q) for q in planned or quarters)
    }
    pins = {q: s.chair for q, s in slots.items() if s.pinned and q >= anchor}
    plan = plan_rotation([m.id for m in dataset.members_of(alliance_id)], planned,
                         history=history, excluded=excluded, pins=pins)
    by_quarter = {slot.quarter: slot for slot in plan.slots}
    result = []
    for quarter in quarters:
        if quarter in by_quarter:
            result.append(by_quarter[quarter])
        elif quarter in held:
            result.append(Slot(quarter, held[quarter], "held"))
        elif quarter in slots:
            result.append(Slot(quarter, slots[quarter].chair, "pinned" if slots[quarter].pinned else "saved"))
        else:
            result.append(Slot(quarter, None, "none"))
    shown = set(quarters)
    return replace(plan, slots=tuple(result),
                   warnings=tuple(w for w in plan.warnings if w[1] in shown))


def rotation_rows(dataset: Dataset, alliance_id: str, quarters: Sequence[str], *,
                  today: dt.date | None = None) -> list[dict[str, Any]]:
    """The plan as rows for a table or ``--json``: quarter, chair id and name, source, note.

    With ``today``, a quarter whose recorded joint meeting is dated after ``today`` has the
    source ``"scheduled"`` (计划), not ``"held"`` (已召开): recorded is not yet held.
    """
    plan = rotation_for(dataset, alliance_id, quarters)
    dated = {quarter_of(m.date): m.date for m in joint_meetings(dataset, alliance_id)}
    slots = {s.quarter: s for s in dataset.rotations if s.alliance == alliance_id}
    warned = {}
    for code, quarter in plan.warnings:
        warned.setdefault(quarter, []).append(code)
    return [
        {
            "quarter": slot.quarter,
            "chair": slot.chair,
            "chair_name": dataset.name_of(slot.chair),
            "source": meeting_status(slot.source, dated.get(slot.quarter), today),
            "swapped_with": slot.swapped_with,
            "note": slots[slot.quarter].note if slot.quarter in slots else "",
            "warnings": warned.get(slot.quarter, []),
        }
        for slot in plan.slots
    ]


def meeting_status(source: str, meeting_date: dt.date | None, today: dt.date | None) -> str:
    """``"scheduled"`` for a ``"held"`` slot whose meeting is dated after ``today``.

    >>> meeting_status("held", dt.date(2026, 12, 10), dt.date(2026, 11, 30))
    'scheduled'
    >>> meeting_status("held", dt.date(2026, 12, 10), dt.date(2026, 12, 10))
    'held'
    """
    if source == "held" and today is not None and meeting_date is not None and meeting_date > today:
        return "scheduled"
    return source


@dataclass(frozen=True)
class SlotEdit:
    """One quarter as a person left it on the page: chair, whether pinned, a note."""

    quarter: str
    chair: str
    pinned: bool = False
    note: str = ""


def save_rotation(store: GraphStore, alliance_id: str, slots: Iterable[SlotEdit | Mapping[str, Any]],
                  exclusions: Iterable[Mapping[str, Any]] | None = None, *,
                  versions: Versions | None = None) -> int:
    """Save an alliance's slots (and, if given, replace its exclusions) in one transaction.

    ``versions`` (``{(table, id): version}`` as the form loaded them, see
    :func:`record_versions`) refuses a stale save with :class:`~graphdb.store.EditConflict`.

    Each slot or exclusion is validated (quarter format, chair a member of the alliance);
    any problem raises with every message and writes nothing. Returns the new revision.
    """
    upserts: list[Any] = []
    for i, slot in enumerate(slots):
        data = slot.__dict__ if isinstance(slot, SlotEdit) else dict(slot)
        upserts.append(build(RotationSlot, {**data, "alliance": alliance_id,
                                            "id": rotation_slot_id(alliance_id, str(data.get("quarter", "")).strip())},
                             index=i))
    deletes: list[tuple[str, str]] = []
    if exclusions is not None:
        kept = [build(RotationExclusion, {**dict(x), "alliance": alliance_id}, index=i)
                for i, x in enumerate(exclusions)]
        kept_ids = {x.id for x in kept}
        deletes = [("rotation_exclusions", x.id) for x in store.snapshot().rotation_exclusions
                   if x.alliance == alliance_id and x.id not in kept_ids]
        upserts += kept
    return store.apply(ChangeSet(upserts=tuple(upserts), deletes=tuple(deletes)), expected_versions=versions)


def record_versions(store: GraphStore, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The versions of ``(table, id)`` records as a form loads them (0 for one not yet stored)."""
    return {(table, record_id): store.record_version(table, record_id) for table, record_id in keys}


# --- meetings --------------------------------------------------------------------------


def planned_meeting_date(dataset: Dataset, alliance_id: str, quarter: str) -> tuple[dt.date, bool]:
    """The date of the alliance's joint meeting in ``quarter`` and whether it was held.

    A held meeting gives its date. Otherwise the alliance keeps its rhythm: the same month
    of the quarter and day of the month as its latest joint meeting (the 10th of the
    quarter's last month if it has none), moved back to the month's last day if needed.
    """
    meetings = joint_meetings(dataset, alliance_id)
    for meeting in meetings:
        if quarter_of(meeting.date) == quarter:
            return meeting.date, True
    year, q = parse_quarter(quarter)
    month_in_quarter, day = (2, 10)
    if meetings:
        latest = meetings[-1].date
        month_in_quarter, day = (latest.month - 1) % 3, latest.day
    month = 3 * (q - 1) + month_in_quarter + 1
    end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day, end)), False


def _new_meeting_id(dataset: Dataset, base: str) -> str:
    taken = {m.id for m in dataset.meetings}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def record_meeting(store: GraphStore, fields: Mapping[str, Any], *, versions: Versions | None = None) -> Meeting:
    """Add or edit a meeting (with ``id``: edit that one) in one transaction.

    ``fields`` are the :class:`~lianmeng.records.Meeting` fields; lists may be given as
    text with one item per line. The chair must be a member of the alliance, attendees
    must exist; any problem raises in Chinese and writes nothing.
    """
    data = dict(fields)
    for key in ("attendees", "topics", "decisions"):
        value = data.get(key)
        if isinstance(value, str):
            data[key] = [line.strip() for line in value.splitlines() if line.strip()]
    if not data.get("id"):
        meeting = build(Meeting, {**data, "id": "new"})
        dataset = store.snapshot()
        if meeting.kind is MeetingKind.JOINT:
            base = f"M-{meeting.alliance}-{meeting.date.isoformat()}"
        elif meeting.kind is MeetingKind.SUMMIT:
            base = f"M-summit-{meeting.date.year}"
        else:
            base = f"M-action-{meeting.date.year}H{1 if meeting.date.month <= 6 else 2}"
        data["id"] = _new_meeting_id(dataset, base)
    elif "action_day" not in data and (stored := store.snapshot().record("meetings", data["id"])) is not None:
        data["action_day"] = stored.action_day  # an edit from a form without the field keeps the day
    meeting = build(Meeting, data)
    made = []
    if meeting.kind is MeetingKind.ACTION_DAY and not meeting.action_day:
        # its 统一行动日 record: the day of its date, or one made from the meeting (one write)
        [meeting], made = link_action_day_meetings([meeting], store.snapshot().action_days)
    store.upsert([*made, meeting], expected_versions=versions)
    return meeting


def record_summit(store: GraphStore, fields: Mapping[str, Any]) -> Meeting:
    """The yearly summit (党建峰会): a street-level meeting, no alliance, no chair."""
    return record_meeting(store, {**fields, "kind": MeetingKind.SUMMIT.value, "alliance": None, "chair": None})


def record_action_day(store: GraphStore, fields: Mapping[str, Any]) -> Meeting:
    """A half-yearly unified action day (统一行动日) of all alliances."""
    return record_meeting(store, {**fields, "kind": MeetingKind.ACTION_DAY.value, "alliance": None,
                                  "chair": None})


def meetings_of(dataset: Dataset, alliance_id: str, year: int) -> list[Meeting]:
    """The alliance's joint meetings and the street-wide ones (summit, action days) of ``year``."""
    return sorted((m for m in dataset.meetings
                   if m.date.year == year and (m.alliance == alliance_id or m.kind is not MeetingKind.JOINT)),
                  key=lambda m: (m.date, m.id))


def attendance_view(dataset: Dataset, alliance_id: str) -> dict[str, Any]:
    """What the page shows about attendance: per member, the alliance's rate, the absentees."""
    per_org = attendance_by_organisation(dataset, alliance_id)
    overall = attendance_by_alliance(dataset)
    return {
        "members": [{"id": org_id, "name": dataset.name_of(org_id), "attended": a.attended,
                     "expected": a.expected, "rate": a.rate} for org_id, a in per_org.items()],
        "alliance_rate": overall[alliance_id].rate if alliance_id in overall else None,
        "alliances": {dataset.name_of(a): att.rate for a, att in overall.items()},
        "absentees": [dataset.name_of(o) for o in absentees(dataset, alliance_id)],
    }


# --- the pack --------------------------------------------------------------------------


def missing_linkages(dataset: Dataset, alliance_id: str) -> dict[str, set[str]]:
    """Each member of the alliance without a small or large linkage in force.

    Returns organisation → the missing linkages (``"small"``, ``"large"``); members with
    both are left out. The coverage analysis (:func:`analysis.coverage.member_coverage`)
    decides, so the pack and the 覆盖 page can never disagree.
    """
    result = {}
    for member in member_coverage(dataset):
        if member.alliance != alliance_id:
            continue
        missing = {linkage for linkage, lacking in (("small", member.no_small), ("large", member.no_large))
                   if lacking}
        if missing:
            result[member.id] = missing
    return result


def recommended_partners(dataset: Dataset, unpaired: Mapping[str, Iterable[str]], *,
                         top: int = PACK_RECOMMENDATIONS) -> dict[str, list[Recommendation]]:
    """The ``top`` recommended partners of each unpaired member (:mod:`analysis.recommend`).

    A member missing both linkages gets the best of each in turn (small, large, small, …);
    the first reason names the linkage, so the chair sees what each partner is for.
    """
    context = PairingContext(dataset)
    result: dict[str, list[Recommendation]] = {}
    for org_id, missing in unpaired.items():
        org = context.orgs.get(org_id)
        if org is None:
            continue
        lists = [[(c.name, c.score, (LINKAGE_LABELS[linkage], *c.reasons))
                  for c in context.ranked(org, Linkage(linkage), top)]
                 for linkage in ("small", "large") if linkage in set(missing)]
        interleaved = [rec for group in zip_longest(*lists) for rec in group if rec is not None]
        result[org_id] = interleaved[:top]
    return result


def pack_for(dataset: Dataset, alliance_ref: str, quarter: str, *,
             unpaired: Mapping[str, set[str]] | None = None,
             recommendations: Mapping[str, Sequence[Recommendation]] | None = None,
             today: dt.date | None = None) -> MeetingPack:
    """The chair's pack for an alliance (by name, id or sector) and a quarter.

    ``unpaired`` defaults to :func:`missing_linkages` (the coverage analysis);
    ``recommendations`` to :func:`recommended_partners` (the top three of each).
    """
    parse_quarter(quarter)
    alliance = find_alliance(dataset, alliance_ref)
    plan = rotation_for(dataset, alliance.id, [quarter, shift(quarter, 1)])
    date, _ = planned_meeting_date(dataset, alliance.id, quarter)
    if unpaired is None:
        unpaired = missing_linkages(dataset, alliance.id)
    if recommendations is None:
        recommendations = recommended_partners(dataset, unpaired)
    pack = build_pack(dataset, alliance.id, quarter, chair_id=plan.slots[0].chair, meeting_date=date,
                      next_chair_id=plan.slots[1].chair, unpaired=unpaired, recommendations=recommendations,
                      today=today)
    # issue 17: the alliance's open needs, overdue problems and pioneer ranking on the meeting day
    return replace(pack, mechanisms=mechanism_lines(dataset, alliance.id, date))


# --- the calendar ------------------------------------------------------------------------


def year_events(dataset: Dataset, year: int, alliance_id: str | None = None) -> list[CalendarEvent]:
    """Every meeting of ``year``: those held (any kind) and, for each alliance and quarter
    without a held joint meeting, the planned one with the rotation's chair. With
    ``alliance_id``, that alliance's meetings and the street-wide ones (no alliance)."""
    events = []
    for meeting in sorted(dataset.meetings, key=lambda m: (m.date, m.id)):
        if meeting.date.year != year or alliance_id not in (None, meeting.alliance or alliance_id):
            continue
        alliance = dataset.name_of(meeting.alliance) if meeting.alliance else ""
        events.append(CalendarEvent(uid=f"{meeting.id}@lianmeng", day=meeting.date, kind=meeting.kind.value,
                                    alliance=alliance, chair=dataset.name_of(meeting.chair) if meeting.chair else "",
                                    location=meeting.location, description="；".join(meeting.topics),
                                    planned=False))
    quarters = year_quarters(year)
    for alliance in dataset.alliances:
        if alliance_id not in (None, alliance.id):
            continue
        plan = rotation_for(dataset, alliance.id, quarters)
        for slot in plan.slots:
            day, held = planned_meeting_date(dataset, alliance.id, slot.quarter)
            if held:
                continue
            chair = dataset.party(slot.chair) if slot.chair else None
            events.append(CalendarEvent(
                uid=f"{rotation_slot_id(alliance.id, slot.quarter)}@lianmeng", day=day, kind="joint",
                alliance=alliance.name, chair=getattr(chair, "name", ""),
                location=f"{chair.unit}会议室" if getattr(chair, "unit", "") else "",
                description=say("calendar_planned", deadline=(day - dt.timedelta(days=15)).isoformat()),
                planned=True))
    events.sort(key=lambda e: (e.day, e.uid))
    return events


def calendar_for_year(dataset: Dataset, year: int, *, stamp: dt.datetime | None = None,
                      alliance_id: str | None = None) -> str:
    """The year's meetings as an iCalendar (.ics) text (only one alliance's joint meetings,
    and the street-wide meetings, when ``alliance_id`` is given)."""
    events = year_events(dataset, year)
    if alliance_id is not None:
        name = dataset.name_of(alliance_id)
        events = [e for e in events if e.alliance in ("", name)]
    return calendar_ics(events, stamp=stamp or dt.datetime.now(dt.UTC))


def write_pack(dataset: Dataset, alliance_ref: str, quarter: str, path: Path, *,
               today: dt.date | None = None) -> Path:
    """Write the pack as .docx or .md (by the file's suffix); returns the path written.
    With ``today``, a meeting recorded for the quarter but dated after it is 计划, not 已召开."""
    from meetings.pack_docx import pack_docx
    from meetings.pack_markdown import pack_markdown

    suffix = path.suffix.lower()
    if suffix not in (".docx", ".md"):
        raise PackFormatError(say("pack_bad_suffix", value=path.name))
    pack = pack_for(dataset, alliance_ref, quarter.strip().upper(), today=today)
    if suffix == ".docx":
        path.write_bytes(pack_docx(pack))
    else:
        path.write_text(pack_markdown(pack), encoding="utf-8")
    return path


def write_calendar(dataset: Dataset, year: int, path: Path) -> int:
    """Write the year's calendar; returns the number of events."""
    events = year_events(dataset, year)
    path.write_bytes(calendar_ics(events, stamp=dt.datetime.now(dt.UTC)).encode("utf-8"))
    return len(events)
