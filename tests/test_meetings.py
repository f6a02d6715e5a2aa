"""Saved rotations, meeting records and attendance, through the real store."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from graphdb.sqlite_store import MIGRATIONS, SCHEMA_VERSION, SqliteStore
from graphdb.store import GraphStore
from lianmeng.dataset import Dataset
from lianmeng.errors import DatasetError, RecordError
from lianmeng.ops.meetings import (
    SlotEdit,
    UnknownAlliance,
    find_alliance,
    planned_meeting_date,
    quarters_from,
    record_action_day,
    record_meeting,
    record_summit,
    rotation_for,
    save_rotation,
)
from lianmeng.records import MeetingKind, RotationExclusion, RotationSlot
from lianmeng.sample import UNPAIRED
from meetings.attendance import absentees, attendance_by_alliance, attendance_by_organisation
from meetings.quarters import QuarterError

Y2027 = ["2027Q1", "2027Q2", "2027Q3", "2027Q4"]


def names(dataset: Dataset, plan) -> list[str | None]:
    return [dataset.name_of(s.chair) if s.chair else None for s in plan.slots]


def by_name(dataset: Dataset, name: str) -> str:
    return next(o.id for o in dataset.organisations if o.name == name)


# --- records, validation, migration ---------------------------------------------------------


def test_slot_quarter_format_and_membership_are_validated(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    revision = store.revision()
    with pytest.raises(RecordError, match="2026Q1 这样的季度"):
        save_rotation(store, "campus", [SlotEdit("2027-1", "edu-01")])
    outsider = by_name(sample, "街道机关党总支")
    with pytest.raises(DatasetError, match="不是联盟“校区党建联盟”的成员"):
        save_rotation(store, "campus", [SlotEdit("2027Q1", "edu-01"), SlotEdit("2027Q2", outsider)])
    with pytest.raises(DatasetError, match="无需排除"):
        save_rotation(store, "campus", [], [{"organisation": outsider, "reason": "不参加"}])
    with pytest.raises(RecordError, match="原因"):
        save_rotation(store, "campus", [], [{"organisation": "edu-01", "reason": " "}])
    assert store.revision() == revision  # nothing written by any of them
    assert store.snapshot().rotations == ()


def test_rotation_records_round_trip_through_the_store(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    save_rotation(store, "campus", [SlotEdit("2027Q1", "edu-03", True, "校庆年｜由一小承办")],
                  [{"organisation": "edu-07", "reason": "场地改造", "since": "2027Q1", "until": "2027Q2"}])
    data = store.snapshot()
    assert data.rotations == (RotationSlot(id="R-campus-2027Q1", alliance="campus", quarter="2027Q1",
                                           chair="edu-03", pinned=True, note="校庆年｜由一小承办"),)
    assert data.rotation_exclusions == (RotationExclusion(id="X-campus-edu-07", alliance="campus",
                                                          organisation="edu-07", reason="场地改造",
                                                          since="2027Q1", until="2027Q2"),)
    # replacing the exclusions removes the ones not kept, in the same transaction
    save_rotation(store, "campus", [], [])
    assert store.snapshot().rotation_exclusions == ()


def test_a_version_1_database_file_is_migrated_and_keeps_its_data(tmp_path, sample: Dataset):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO parties VALUES ('street', 'committee')")
    conn.execute("INSERT INTO committees VALUES ('street', 'XX街道党工委')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = SqliteStore(path)
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 3
    assert store.snapshot().committees[0].name == "XX街道党工委"
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"rotations", "rotation_exclusions"} <= tables
    store.replace_all(sample)
    save_rotation(store, "park", [SlotEdit("2027Q1", "prk-02")])
    assert store.snapshot().rotations[0].chair == "prk-02"


# --- the rotation from the store ------------------------------------------------------------


def test_alliance_found_by_name_id_or_sector(sample: Dataset):
    assert find_alliance(sample, "校区").id == "campus"
    assert find_alliance(sample, "campus").id == "campus"
    assert find_alliance(sample, "校区党建联盟").id == "campus"
    with pytest.raises(UnknownAlliance, match="现有联盟：行政区党建联盟"):
        find_alliance(sample, "大区")


def test_quarters_from_year_or_span():
    assert quarters_from(year=2027) == Y2027
    assert quarters_from(span_text="2026Q3..2027Q2") == ["2026Q3", "2026Q4", "2027Q1", "2027Q2"]
    with pytest.raises(QuarterError):
        quarters_from(span_text="2027Q2..2026Q3")
    with pytest.raises(QuarterError):
        quarters_from()


def test_sample_campus_2027_follows_who_has_not_chaired_yet(sample: Dataset):
    # 2026 chairs: 第二小学, 实验幼儿园, 社区学校, 中学; the other four have never chaired and go
    # first in member order
    plan = rotation_for(sample, "campus", Y2027)
    assert names(sample, plan) == ["XX幼儿园党支部", "XX第一小学党支部", "XX职业技术学校党支部", "XX少年宫党支部"]
    # the same quarters asked in a longer span get the same chairs; held quarters are facts
    longer = rotation_for(sample, "campus", ["2026Q3", "2026Q4", *Y2027])
    assert names(sample, longer)[2:] == names(sample, plan)
    assert [s.source for s in longer.slots[:2]] == ["held", "held"]
    assert names(sample, longer)[:2] == ["XX社区学校党支部", "XX中学党支部"]


def test_a_saved_pin_and_an_exclusion_shape_the_plan(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    before = rotation_for(store.snapshot(), "campus", Y2027)
    save_rotation(store, "campus", [SlotEdit("2027Q3", "edu-01", pinned=True)])
    after = rotation_for(store.snapshot(), "campus", Y2027)
    changed = [q for q, a, b in zip(Y2027, before.slots, after.slots, strict=True) if a.chair != b.chair]
    assert changed == ["2027Q1", "2027Q3"]  # the pin and the quarter it swapped with
    assert after.chairs()["2027Q3"] == "edu-01" and after.chairs()["2027Q1"] == before.chairs()["2027Q3"]
    save_rotation(store, "campus", [], [{"organisation": "edu-07", "reason": "单位搬迁"}])
    excluded = rotation_for(store.snapshot(), "campus", Y2027)
    assert "edu-07" not in excluded.chairs().values()
    assert excluded.excluded == {"edu-07": "单位搬迁"}


# --- meetings -----------------------------------------------------------------------------


def test_record_and_edit_a_joint_meeting_in_one_write(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    revision = store.revision()
    meeting = record_meeting(store, {
        "kind": "joint", "date": dt.date(2027, 3, 16), "alliance": "campus", "chair": "edu-01",
        "attendees": ["edu-01", "edu-02"], "topics": "品质教育资源库建设\n暑期托管", "decisions": "",
        "location": "XX幼儿园",
    })
    assert store.revision() == revision + 1
    assert meeting.id == "M-campus-2027-03-16"
    assert meeting.topics == ("品质教育资源库建设", "暑期托管")
    record_meeting(store, {**meeting.model_dump(), "decisions": ["资源库三月上线"]})
    stored = next(m for m in store.snapshot().meetings if m.id == meeting.id)
    assert stored.decisions == ("资源库三月上线",) and stored.chair == "edu-01"
    # the held meeting now fixes 2027Q1's chair
    assert rotation_for(store.snapshot(), "campus", ["2027Q1"]).slots[0].source == "held"


def test_a_meeting_chaired_by_a_non_member_is_refused_and_nothing_written(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    revision = store.revision()
    with pytest.raises(DatasetError, match="轮值主席"):
        record_meeting(store, {"kind": "joint", "date": "2027-03-16", "alliance": "campus", "chair": "prk-01"})
    with pytest.raises(RecordError, match="日期"):
        record_meeting(store, {"kind": "joint", "date": "16/03/2027", "alliance": "campus"})
    assert store.revision() == revision


def test_summit_and_action_days(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    summit = record_summit(store, {"date": "2027-01-14", "topics": ["年度部署"], "alliance": "campus"})
    day = record_action_day(store, {"date": "2027-05-20", "attendees": ["edu-01"]})
    day2 = record_action_day(store, {"date": "2027-10-20"})
    assert (summit.kind, summit.alliance, summit.id) == (MeetingKind.SUMMIT, None, "M-summit-2027")
    assert (day.kind, day.id, day2.id) == (MeetingKind.ACTION_DAY, "M-action-2027H1", "M-action-2027H2")
    again = record_action_day(store, {"date": "2027-06-01"})
    assert again.id == "M-action-2027H1-2"  # a second one in the half-year does not overwrite the first
    assert len(store.snapshot().meetings) == len(sample.meetings) + 4


def test_planned_date_keeps_the_alliance_rhythm(sample: Dataset):
    # campus met on the 16th of each quarter's last month in 2026
    assert planned_meeting_date(sample, "campus", "2026Q2") == (dt.date(2026, 6, 16), True)
    assert planned_meeting_date(sample, "campus", "2027Q1") == (dt.date(2027, 3, 16), False)


# --- attendance ---------------------------------------------------------------------------


def test_sample_absentees_are_the_unpaired_members_who_missed_q3_and_q4(sample: Dataset):
    flagged = {sample.name_of(o) for a in sample.alliances for o in absentees(sample, a.id)}
    # XX社区学校党支部 is unpaired too but chaired (so attended) the campus meeting in 2026Q3
    q3 = next(m for m in sample.meetings if m.id == "M-campus-2026Q3")
    assert sample.name_of(q3.chair) == "XX社区学校党支部"
    assert flagged == set(UNPAIRED) - {"XX社区学校党支部"} == {"东新社区党支部", "智慧谷产业园党支部"}
    # before the Q4 meetings only one meeting was missed: nobody flagged yet
    assert absentees(sample, "community", before=dt.date(2026, 12, 1)) == []


def test_attendance_rates_per_organisation_and_alliance(sample: Dataset):
    community = attendance_by_organisation(sample, "community")
    dongxin = by_name(sample, "东新社区党支部")
    assert (community[dongxin].attended, community[dongxin].expected) == (2, 4)
    assert community[dongxin].rate == pytest.approx(0.5)
    rates = attendance_by_alliance(sample)
    members = len(sample.members_of("community"))
    # 4 meetings × members places, one member missed two of them
    assert (rates["community"].attended, rates["community"].expected) == (4 * members - 2, 4 * members)
    assert rates["administrative"].rate == pytest.approx(1.0)
