"""The year's meetings as an iCalendar file (RFC 5545) that Outlook and phone calendars import.

Written by hand, no dependency: one ``VEVENT`` per meeting with a stable ``UID`` (the
meeting's or rotation slot's id, so importing again updates rather than duplicates),
local times in ``Asia/Shanghai`` with its ``VTIMEZONE`` (China has kept UTC+8 without
daylight saving since 1991), text escaped, lines folded at 75 octets without splitting a
UTF-8 character, CRLF line endings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lianmeng.texts import MEETING_KIND_LABELS, say

__all__ = ["CalendarEvent", "calendar_ics", "fold", "escape_text", "MEETING_START", "MEETING_HOURS", "TZID"]

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


def calendar_ics(events: Iterable[CalendarEvent], *, stamp: dt.datetime) -> str:
    """The events as one ``VCALENDAR`` text with CRLF line endings."""
    end_time = dt.time(MEETING_START.hour + MEETING_HOURS, MEETING_START.minute)
    utc_stamp = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lianmeng//联盟图谱//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(say('calendar_name'))}", f"X-WR-TIMEZONE:{TZID}",
             *_VTIMEZONE]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event.uid)}",
            f"DTSTAMP:{utc_stamp}",
            f"DTSTART;TZID={TZID}:{_local(event.day, MEETING_START)}",
            f"DTEND;TZID={TZID}:{_local(event.day, end_time)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += [f"STATUS:{'TENTATIVE' if event.planned else 'CONFIRMED'}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
