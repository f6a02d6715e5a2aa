"""The meetings calendar from the store: events versioned by the audit trail (issue 18).

A calendar program updates an event it already has only when the new copy's ``SEQUENCE``
is not lower, and it trusts ``LAST-MODIFIED``; both come from the store's audit trail, so
a meeting moved in the explorer moves in Outlook after the next import of the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from graphdb.store import GraphStore
from lianmeng.ops.meetings import find_alliance, year_events
from lianmeng.texts import say
from meetings.calendar_ics import CalendarEvent, calendar_ics

__all__ = ["versioned_events", "calendar_text", "write_calendar_file"]

_UID_SUFFIX = "@lianmeng"


def versioned_events(store: GraphStore, events: list[CalendarEvent]) -> list[CalendarEvent]:
    """``events`` with ``sequence`` and ``last_modified`` from the last audited write of
    the meeting (held) or the rotation slot (planned); 0 and none when never audited."""
    versioned = []
    for event in events:
        record_id = event.uid.removesuffix(_UID_SUFFIX)
        last = store.last_change("rotations" if event.planned else "meetings", record_id)
        versioned.append(dataclasses.replace(event, sequence=last.revision, last_modified=last.at)
                         if last else event)
    return versioned


def calendar_text(store: GraphStore, year: int, *, alliance: str | None = None, reminder_minutes: int = 0,
                  stamp: dt.datetime | None = None) -> tuple[str, int]:
    """The year's calendar (one alliance's, by id, name or sector, or all) and its event count."""
    dataset = store.snapshot()
    found = find_alliance(dataset, alliance) if alliance else None
    events = versioned_events(store, year_events(dataset, year, found.id if found else None))
    name = say("calendar_alliance_name", alliance=found.name) if found else None
    text = calendar_ics(events, stamp=stamp or dt.datetime.now(dt.UTC), reminder_minutes=reminder_minutes,
                        name=name)
    return text, len(events)


def write_calendar_file(store: GraphStore, year: int, path: Path, *, alliance: str | None = None,
                        reminder_minutes: int = 0) -> int:
    """Write the calendar to ``path``; returns the number of events."""
    text, count = calendar_text(store, year, alliance=alliance, reminder_minutes=reminder_minutes)
    path.write_bytes(text.encode("utf-8"))
    return count
