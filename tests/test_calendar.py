"""The year's meetings as .ics: parses with icalendar, one event per meeting, RFC 5545 form."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from graphdb.store import GraphStore
from lianmeng.dataset import Dataset, replace_record
from lianmeng.ops.calendar_file import calendar_text
from lianmeng.ops.meetings import SlotEdit, calendar_for_year, save_rotation, year_events
from meetings.calendar_ics import CalendarEvent, calendar_ics, fold

STAMP = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


def events(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_a_planned_year_has_one_event_per_alliance_and_quarter(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    save_rotation(store, "campus", [SlotEdit("2027Q2", "edu-06", True)])
    text = calendar_for_year(store.snapshot(), 2027, stamp=STAMP)
    found = events(text)
    assert len(found) == 5 * 4  # no meeting held in 2027 yet: every joint meeting is planned
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == 20 and "R-campus-2027Q2@lianmeng" in uids
    campus_q2 = next(e for e in found if str(e["UID"]) == "R-campus-2027Q2@lianmeng")
    assert str(campus_q2["SUMMARY"]) == "【计划】校区党建联盟联席会议（轮值主席：XX实验幼儿园党支部）"
    start = campus_q2.decoded("DTSTART")
    assert start == dt.datetime(2027, 6, 16, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert str(campus_q2["DTSTART"].params["TZID"]) == "Asia/Shanghai"
    assert str(campus_q2["STATUS"]) == "TENTATIVE"
    # UIDs are stable: a later export updates the same events
    assert uids == [str(e["UID"]) for e in events(calendar_for_year(store.snapshot(), 2027))]


def test_a_held_year_lists_every_recorded_meeting(sample: Dataset):
    found = events(calendar_for_year(sample, 2026, stamp=STAMP))
    assert len(found) == len(sample.meetings) == 23
    summaries = [str(e["SUMMARY"]) for e in found]
    assert "党建峰会" in summaries and summaries.count("统一行动日") == 2
    assert "校区党建联盟联席会议（轮值主席：XX实验幼儿园党支部）" in summaries
    assert {str(e["UID"]) for e in found} == {f"{m.id}@lianmeng" for m in sample.meetings}


def test_the_file_keeps_rfc_5545_form(sample: Dataset):
    text = calendar_for_year(sample, 2027, stamp=STAMP)
    raw = text.encode("utf-8")
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF everywhere
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai" in raw
    calendar = icalendar.Calendar.from_ical(text)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_text_is_escaped_and_folding_keeps_utf8_whole():
    event = CalendarEvent(uid="x@lianmeng", day=dt.date(2027, 1, 5), kind="joint", alliance="联盟;A,B",
                          chair="主席\\甲", location="会议室\n二楼", description="议" * 80)
    parsed = events(calendar_ics([event], stamp=STAMP))[0]
    assert str(parsed["SUMMARY"]) == "联盟;A,B联席会议（轮值主席：主席\\甲）"
    assert str(parsed["LOCATION"]) == "会议室\n二楼"
    assert str(parsed["DESCRIPTION"]) == "议" * 80
    for part in fold("DESCRIPTION:" + "议" * 80):
        part.encode("utf-8").decode("utf-8")  # no character cut in half
        assert len(part.encode("utf-8")) <= 75


@pytest.mark.parametrize("line", ["SUMMARY:short", "X:" + "a" * 73, "X:" + "a" * 200])
def test_fold_round_trips(line: str):
    parts = fold(line)
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line
    assert all(p.startswith(" ") for p in parts[1:])


# --- versions, reminders, one alliance (issue 18) ---------------------------------------------


def test_a_moved_meeting_gets_a_higher_sequence_and_a_new_last_modified(store: GraphStore, sample: Dataset):
    store.replace_all(sample)  # revision 1
    first, _ = calendar_text(store, 2026, stamp=STAMP)
    before = {str(e["UID"]): e for e in events(first)}
    assert {int(e["SEQUENCE"]) for e in before.values()} <= {0, 1}
    held = next(m for m in sample.meetings if m.date.year == 2026 and m.alliance == "campus")
    uid = f"{held.id}@lianmeng"
    assert int(before[uid]["SEQUENCE"]) == 1
    written = before[uid].decoded("LAST-MODIFIED")
    assert written == store.last_change("meetings", held.id).at.replace(microsecond=0)
    assert before[uid].decoded("DTSTAMP") == STAMP
    store.upsert([replace_record(held, date=held.date + dt.timedelta(days=1))])  # revision 2
    after = {str(e["UID"]): e for e in events(calendar_text(store, 2026, stamp=STAMP)[0])}
    assert int(after[uid]["SEQUENCE"]) == 2 and after[uid].decoded("LAST-MODIFIED") >= written
    assert after[uid].decoded("DTSTART").date() == held.date + dt.timedelta(days=1)
    # the other meetings did not change: same sequence
    assert all(int(after[u]["SEQUENCE"]) == int(e["SEQUENCE"]) for u, e in before.items() if u != uid)


def test_planned_slots_take_the_rotation_records_version(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    save_rotation(store, "campus", [SlotEdit("2027Q2", "edu-06", True)])
    found = {str(e["UID"]): e for e in events(calendar_text(store, 2027, stamp=STAMP)[0])}
    assert int(found["R-campus-2027Q2@lianmeng"]["SEQUENCE"]) == store.revision() == 2
    # a slot the rotation computes was never written: version 0, no LAST-MODIFIED
    assert int(found["R-campus-2027Q3@lianmeng"]["SEQUENCE"]) == 0
    assert "LAST-MODIFIED" not in found["R-campus-2027Q3@lianmeng"]


@pytest.mark.parametrize(("minutes", "trigger"), [(1440, dt.timedelta(days=-1)), (30, dt.timedelta(minutes=-30)),
                                                  (0, None)])
def test_every_event_has_the_reminder_of_the_setting(minutes: int, trigger, sample: Dataset):
    text = calendar_ics(year_events(sample, 2026), stamp=STAMP, reminder_minutes=minutes)
    for event in events(text):
        alarms = list(event.walk("VALARM"))
        if trigger is None:
            assert alarms == []
        else:
            [alarm] = alarms
            assert alarm.decoded("TRIGGER") == trigger and str(alarm["ACTION"]) == "DISPLAY"
            assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_one_calendar_per_alliance_or_for_all(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    everything, total = calendar_text(store, 2026, stamp=STAMP)
    per_alliance = {a.id: calendar_text(store, 2026, alliance=a.name, stamp=STAMP) for a in sample.alliances}
    street_wide = [m for m in sample.meetings if m.date.year == 2026 and not m.alliance]
    assert street_wide  # the summit and the action days belong in every alliance's calendar
    for alliance in sample.alliances:
        text, count = per_alliance[alliance.id]
        mine = [m for m in sample.meetings if m.date.year == 2026 and m.alliance == alliance.id]
        found = events(text)
        assert count == len(found) == len(mine) + len(street_wide), alliance.id
        assert str(icalendar.Calendar.from_ical(text)["X-WR-CALNAME"]) == f"{alliance.name}·会议日历"
    # every alliance's own meetings, once each, make up the whole calendar with the street-wide ones
    assert total == sum(c - len(street_wide) for _, c in per_alliance.values()) + len(street_wide)
    assert len(events(everything)) == total
