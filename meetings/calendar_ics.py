"""The year's meetings as an iCalendar file (RFC 5545) that Outlook and phone calendars import.

Written by hand, no dependency: one ``VEVENT`` per meeting with a stable ``UID`` (the
meeting's or rotation slot's id, so importing again updates rather than duplicates),
local times in ``Asia/Shanghai`` with its ``VTIMEZONE`` (China has kept UTC+8 without
daylight saving since 1991), text escaped, lines folded at 75 octets without splitting a
UTF-8 character, CRLF line endings.

So that a moved meeting moves in Outlook and phone calendars too, every event carries
``DTSTAMP`` (when the file was written), ``SEQUENCE`` (the record's version: the store's
revision of the last write that changed it, so it only grows) and ``LAST-MODIFIED`` (when
that write happened); a ``VALARM`` reminds people ``reminder_minutes`` before the start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lianmeng.texts import MEETING_KIND_LABELS, say

__all__ = ["CalendarEvent", "calendar_ics", "fold", "escape_text", "reminder_trigger", "MEETING_START",
           "MEETING_HOURS", "TZID"]

TZID = "Asia/Shanghai"
#: meetings are recorded by day; the calendar books them at this local time
MEETING_START = dt.time(9, 30)
MEETING_HOURS = 2

_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class CalendarEvent:
    """A meeting for the calendar; ``planned`` ones come from the rotation, not a record."""

    uid: str
    day: dt.date
    kind: str
    alliance: str = ""
    chair: str = ""
    location: str = ""
    description: str = ""
    planned: bool = False
    #: the record's version (only ever grows) and when it was last changed, if known
    sequence: int = 0
    last_modified: dt.datetime | None = None

    @property
    def summary(self) -> str:
        label = MEETING_KIND_LABELS.get(self.kind, self.kind)
        if self.kind == "joint":
            text = say("calendar_joint", alliance=self.alliance, label=label, chair=self.chair or "（待定）")
        else:
            text = label
        return say("calendar_planned_prefix") + text if self.planned else text


def escape_text(value: str) -> str:
    r"""Escape a TEXT value (RFC 5545 §3.3.11).

    >>> escape_text("a;b,c\\d\ne")
    'a\\;b\\,c\\\\d\\ne'
    """
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str, limit: int = 75) -> list[str]:
    """Split a content line into physical lines of at most ``limit`` octets (RFC 5545 §3.1).

    Continuation lines start with one space, which counts towards their length; a UTF-8
    character is never split.

    >>> [len(part.encode()) for part in fold("SUMMARY:" + "联" * 40)]
    [74, 55]
    """
    parts: list[str] = []
    current, size, room = "", 0, limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > room:
            parts.append(current)
            current, size, room = " ", 1, limit
        current += char
        size += width
    parts.append(current)
    return parts


def _local(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).strftime("%Y%m%dT%H%M%S")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def reminder_trigger(minutes: int) -> str:
    """The ``TRIGGER`` of a reminder ``minutes`` before the start (RFC 5545 §3.3.6).

    >>> reminder_trigger(1440), reminder_trigger(90), reminder_trigger(30)
    ('-P1D', '-PT1H30M', '-PT30M')
    """
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if not rest:
        return f"-P{days}D"
    text = "-P" + (f"{days}D" if days else "") + "T" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
    return text


def calendar_ics(events: Iterable[CalendarEvent], *, stamp: dt.datetime, reminder_minutes: int = 0,
                 name: str | None = None) -> str:
    """The events as one ``VCALENDAR`` text with CRLF line endings; ``reminder_minutes``
    (0: none) adds a display alarm to every event, ``name`` titles the calendar."""
    end_time = dt.time(MEETING_START.hour + MEETING_HOURS, MEETING_START.minute)
    utc_stamp = _utc(stamp)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lianmeng//联盟图谱//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name or say('calendar_name'))}", f"X-WR-TIMEZONE:{TZID}",
             *_VTIMEZONE]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event.uid)}",
            f"DTSTAMP:{utc_stamp}",
            f"SEQUENCE:{event.sequence}",
            f"DTSTART;TZID={TZID}:{_local(event.day, MEETING_START)}",
            f"DTEND;TZID={TZID}:{_local(event.day, end_time)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.last_modified is not None:
            lines.append(f"LAST-MODIFIED:{_utc(event.last_modified)}")
        lines.append(f"STATUS:{'TENTATIVE' if event.planned else 'CONFIRMED'}")
        if reminder_minutes > 0:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(event.summary)}",
                      f"TRIGGER:{reminder_trigger(reminder_minutes)}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
