"""The ledger on every backend: stored and read back exactly, audited, references kept."""

from __future__ import annotations

import datetime as dt

import pytest

from graphdb.store import GraphStore
from lianmeng.dataset import Dataset
from lianmeng.errors import DatasetError
from lianmeng.ledger_records import Activity, Milestone, ProgressNote
from lianmeng.ops.ledger import record_activity


def test_the_ledger_is_stored_and_read_back_exactly(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    back = store.snapshot()
    for table in ("action_days", "service_teams", "projects", "activities"):
        assert sorted(back.table(table), key=lambda r: r.id) == sorted(sample.table(table), key=lambda r: r.id)
    project = next(p for p in back.projects if p.id == "PJ-campus-2025")
    assert isinstance(project.milestones[0], Milestone) and isinstance(project.progress[0], ProgressNote)
    assert project.milestones[0].done == dt.date(2025, 3, 23)


def test_an_activity_is_recorded_through_the_one_write_path(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    revision = store.revision()
    pairing = sample.pairings[0]
    with store.action("record_activity"):
        activity = record_activity(store, {"date": dt.date(2026, 11, 20), "title": "法律咨询日",
                                           "category": "volunteer", "pairing": pairing.id, "people_served": 60,
                                           "volunteers": 8, "donated": 1500.5})
    assert store.revision() == revision + 1
    assert next(a for a in store.snapshot().activities if a.id == activity.id) == activity
    (entry,) = store.audit_entries(limit=1)
    assert entry.action == "record_activity" and entry.items[0].table == "activities"
    assert entry.items[0].before is None and entry.items[0].after["title"] == "法律咨询日"
    # the same activity again gets its own id
    again = record_activity(store, {"date": dt.date(2026, 11, 20), "title": "法律咨询日", "pairing": pairing.id})
    assert again.id != activity.id


def test_a_pairing_with_activities_cannot_be_removed_and_bad_references_are_refused(store: GraphStore,
                                                                                   sample: Dataset):
    store.replace_all(sample)
    revision = store.revision()
    used = next(a.pairing for a in sample.activities if a.pairing)
    with pytest.raises(DatasetError) as refused:
        store.delete("pairings", [used])
    assert any(p.code == "unknown_pairing" for p in refused.value.problems)
    bad = Activity(id="AC-bad", date=dt.date(2026, 1, 1), title="x", pairing="P-nowhere", organisations=("ghost",))
    with pytest.raises(DatasetError) as refused:
        store.upsert([bad])
    assert {p.code for p in refused.value.problems} == {"unknown_pairing", "unknown_organisation"}
    assert "找不到组织“ghost”" in str(refused.value)
    assert store.revision() == revision


def test_a_chair_records_activities_of_their_own_alliance_only(store: GraphStore, sample: Dataset):
    from graphdb.guarded import GuardedStore
    from lianmeng.access import PermissionDenied, Role, User

    store.replace_all(sample)
    chair = GuardedStore(store, User(name="赵主席", role=Role.CHAIR, alliance="campus"))
    mine = record_activity(chair, {"date": dt.date(2026, 11, 2), "title": "送教进社区", "alliance": "campus"})
    assert mine.alliance == "campus"
    revision = store.revision()
    with pytest.raises(PermissionDenied):
        record_activity(chair, {"date": dt.date(2026, 11, 2), "title": "越权登记", "alliance": "community"})
    viewer = GuardedStore(store, User(name="访客", role=Role.VIEWER))
    with pytest.raises(PermissionDenied) as refused:
        record_activity(viewer, {"date": dt.date(2026, 11, 2), "title": "x", "alliance": "campus"})
    assert "登记活动" in str(refused.value)
    assert store.revision() == revision


def test_the_ledger_round_trips_through_a_json_snapshot(sample: Dataset):
    from lianmeng.snapshot_json import dumps, loads

    assert loads(dumps(sample)).canonical() == sample.canonical()


def test_removing_a_parent_finds_the_activities_naming_it_by_an_index(tmp_path, sample: Dataset):
    """Migration 9 keeps only the activities that name a project, 行动日, team or alliance in
    those indexes: the foreign-key check when one of them is removed still looks them up by
    index (not by reading every activity), and a project an activity names is still kept."""
    import sqlite3

    from graphdb.sqlite_store import SqliteStore

    store = SqliteStore(tmp_path / "s.sqlite3")
    store.replace_all(sample)
    conn = sqlite3.connect(tmp_path / "s.sqlite3")
    try:
        for column in ("pairing", "project", "action_day", "team", "alliance"):
            plan = " ".join(row[-1] for row in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT rowid FROM activities WHERE {column} = ?", ("x",)))
            assert f"USING INDEX activities_{column}" in plan or f"USING COVERING INDEX activities_{column}" in plan
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'activities_date'").fetchall()
    finally:
        conn.close()
    named = next(a.project for a in sample.activities if a.project)
    with pytest.raises(DatasetError):
        store.delete("projects", [named])
    assert named in {p.id for p in store.snapshot().projects}


def test_a_bulk_write_sets_the_indexes_aside_and_makes_them_again(tmp_path, sample: Dataset,
                                                                   monkeypatch: pytest.MonkeyPatch):
    """Adding more activities than the table holds (and over the bulk size) drops the
    table's own indexes and makes them again in the same transaction: afterwards the schema
    is the same, every index answers like the table, and a bulk write that fails leaves the
    indexes and the rows as they were. A write of a few rows keeps the indexes."""
    import sqlite3

    from graphdb import sqlite_store
    from lianmeng.dataset import ChangeSet

    path = tmp_path / "s.sqlite3"
    store = sqlite_store.SqliteStore(path)
    store.replace_all(Dataset(**{**dict(sample.tables()), "activities": ()}))

    def indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
        return [tuple(row) for row in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities' "
            "AND sql IS NOT NULL ORDER BY name")]

    with sqlite3.connect(path) as conn:
        before = indexes(conn)
    assert [name for name, _ in before] == [f"activities_{c}" for c in
                                            ("action_day", "alliance", "pairing", "project", "team")]
    monkeypatch.setattr(sqlite_store, "_BULK_ROWS", 10)
    during: list[list[tuple[str, str]]] = []  # the indexes while the rows go in
    real = sqlite_store._indexes_set_aside

    @sqlite_store.contextmanager
    def watched(conn, table, adding):
        with real(conn, table, adding):
            if table == "activities":
                during.append(indexes(conn))
            yield

    monkeypatch.setattr(sqlite_store, "_indexes_set_aside", watched)
    assert len(sample.activities) > 10
    broken = sample.activities[0].model_copy(update={"id": "AC-broken", "pairing": "no-such-pairing"})
    with pytest.raises(sqlite3.IntegrityError):  # the deferred foreign key fails at COMMIT
        store._commit(ChangeSet(upserts=(*sample.activities, broken)), expected_revision=None, clear=False)
    assert during == [[]]  # set aside while adding …
    with sqlite3.connect(path) as conn:  # … and back as they were after the failed write
        assert indexes(conn) == before
    assert store.snapshot().activities == ()
    store.upsert(sample.activities)
    assert during == [[], []]
    assert store.snapshot().activities == sample.activities
    with sqlite3.connect(path) as conn:
        assert indexes(conn) == before
        for column in ("pairing", "project", "action_day", "team", "alliance"):
            by_index = conn.execute(f"SELECT id FROM activities INDEXED BY activities_{column} "
                                    f"WHERE {column} = {column} ORDER BY id").fetchall()
            by_table = conn.execute(f"SELECT id FROM activities NOT INDEXED WHERE {column} IS NOT NULL "
                                    "ORDER BY id").fetchall()
            assert by_index == by_table != []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.upsert([sample.activities[0].model_copy(update={"title": "再写一次"})])  # fewer than the table holds
    assert during == [[], [], before]
