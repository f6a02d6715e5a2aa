"""A 统一行动日 meeting is the meeting of one ActionDay record: the 会议 and the 工作台账
see one day. Known answers on the sample street, an older embedded store, an older
snapshot and the 会议 sheet."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from graphdb import sqlite_store
from graphdb.sqlite_store import SqliteStore
from ingest.plan import check_sheets
from ingest.readers import RawSheet
from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.records import MeetingKind
from lianmeng.sample import sample_street
from lianmeng.snapshot_json import dumps, loads

SAMPLE = sample_street()
HEADER = ["日期", "类型", "议题", "地点", "统一行动日"]


def test_the_samples_action_day_meetings_name_their_days():
    meetings = [m for m in SAMPLE.meetings if m.kind is MeetingKind.ACTION_DAY]
    assert [(m.id, m.action_day) for m in meetings] == [("M-action-2026H1", "D-2026H1"),
                                                        ("M-action-2026H2", "D-2026H2")]
    days = {d.id: d for d in SAMPLE.action_days}
    assert all(days[m.action_day].date == m.date for m in meetings)


def test_an_action_day_meeting_must_name_an_existing_day_and_only_it_may():
    meeting = next(m for m in SAMPLE.meetings if m.kind is MeetingKind.ACTION_DAY)
    joint = next(m for m in SAMPLE.meetings if m.kind is MeetingKind.JOINT)
    cases = [
        (meeting.model_copy(update={"action_day": None}), "action_day_missing"),
        (meeting.model_copy(update={"action_day": "D-nowhere"}), "unknown_ref"),
        (joint.model_copy(update={"action_day": "D-2026H1"}), "action_day_kind"),
    ]
    for changed, code in cases:
        after, found = SAMPLE.problems_after(ChangeSet(upserts=(changed,)))
        assert [(p.table, p.field, p.code) for p in found] == [("meetings", "action_day", code)]
        assert found == after.problems()
    # removing a day that a meeting names is refused too
    _, found = SAMPLE.problems_after(ChangeSet(deletes=(("action_days", "D-2026H1"),)))
    assert ("meetings", "action_day", "unknown_ref") in {(p.table, p.field, p.code) for p in found}


def _schema_7_store(path: Path) -> None:
    """An embedded store as version 7 wrote it: two 统一行动日 meetings, one day record."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in sqlite_store.MIGRATIONS[:7]:
        for statement in sqlite_store._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 7")
    conn.execute("INSERT INTO action_days (id, date, theme, places) VALUES ('D-1', '2025-05-20', '上半年', '[]')")
    for meeting_id, day, topics, place in (("M-a", "2025-05-20", "[]", ""),
                                           ("M-b", "2025-10-20", json.dumps(["走进家庭"]), "各服务点"),
                                           ("M-c", "2025-10-20", "[]", "")):
        conn.execute("INSERT INTO meetings (id, kind, date, alliance, chair, topics, decisions, location) "
                     "VALUES (?, 'action_day', ?, NULL, NULL, ?, '[]', ?)", (meeting_id, day, topics, place))
    conn.close()


def test_the_migration_links_old_meetings_and_makes_the_missing_days(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    _schema_7_store(path)
    dataset = SqliteStore(path).snapshot()
    assert {m.id: m.action_day for m in dataset.meetings} == {"M-a": "D-1", "M-b": "D-M-b", "M-c": "D-M-b"}
    made = dataset.record("action_days", "D-M-b")
    assert (made.date, made.theme, made.places) == (dt.date(2025, 10, 20), "走进家庭", ("各服务点",))
    assert dataset.problems() == []


def test_the_migration_and_an_old_snapshot_give_the_same_days(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    _schema_7_store(path)
    migrated = SqliteStore(path).snapshot()
    document = json.loads(dumps(migrated))
    for row in document["tables"]["meetings"]:
        del row["action_day"]  # as version 7 wrote it
    document["tables"]["action_days"] = [r for r in document["tables"]["action_days"] if r["id"] == "D-1"]
    assert loads(json.dumps(document, ensure_ascii=False)).canonical() == migrated.canonical()


def _meetings_sheet(*rows: list[object]) -> RawSheet:
    return RawSheet("会议", "会议.xlsx", HEADER, [(i + 2, list(r)) for i, r in enumerate(rows)])


def test_the_meetings_sheet_links_a_day_by_theme_date_or_id_and_makes_a_missing_one():
    sheet = _meetings_sheet(
        ["2027-05-20", "统一行动日", "走街入市", "曹安路", ""],  # no day that date: made from the row
        ["2026-05-20", "统一行动日", "", "", ""],  # the day of that date: D-2026H1
        ["2026-10-21", "统一行动日", "", "", "2026年下半年统一行动日：走上街头、走入市场、走进家庭"],  # by theme
        ["2026-10-22", "统一行动日", "", "", "D-2025H1"],  # by id
    )
    plan = check_sheets(SAMPLE, 3, [sheet])
    assert plan.ok, plan.errors
    dataset = plan.validation.dataset
    by_date = {m.date.isoformat(): m.action_day for m in dataset.meetings if m.kind is MeetingKind.ACTION_DAY}
    made = next(d for d in dataset.action_days if d.date == dt.date(2027, 5, 20))
    assert (made.theme, made.places) == ("走街入市", ("曹安路",))
    assert by_date["2027-05-20"] == made.id
    assert by_date["2026-05-20"] == "D-2026H1"
    assert by_date["2026-10-21"] == "D-2026H2" and by_date["2026-10-22"] == "D-2025H1"
    assert plan.preview.as_dict()["action_days"]["new"] == 1


def test_an_unknown_day_names_the_sheet_row_and_column():
    plan = check_sheets(SAMPLE, 3, [_meetings_sheet(["2027-05-20", "统一行动日", "", "", "中秋行动日"])])
    assert [(e.sheet, e.row, e.column, e.value) for e in plan.errors] == [("会议", 2, "统一行动日", "中秋行动日")]
    assert "找不到统一行动日“中秋行动日”" in plan.errors[0].message


def test_the_sample_round_trips_through_the_workbook_with_its_links(tmp_path: Path):
    from ingest.readers import read_paths
    from ingest.template import write_workbook

    write_workbook(tmp_path / "w.xlsx", SAMPLE)
    plan = check_sheets(Dataset(), 0, read_paths([tmp_path / "w.xlsx"]), replace=True)
    assert plan.ok, plan.errors[:3]
    assert plan.validation.dataset.canonical() == SAMPLE.canonical()
