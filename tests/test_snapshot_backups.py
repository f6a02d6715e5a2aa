"""Snapshots as JSON and backups round-trip exactly; bad documents are refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from strategies import datasets

from graphdb.store import GraphStore
from lianmeng.dataset import Dataset
from lianmeng.errors import RecordError
from lianmeng.ops.backups import BackupShelf, restore
from lianmeng.records import Organisation, Scope
from lianmeng.snapshot_json import SnapshotFormatError, dumps, loads


@settings(max_examples=30, deadline=None)
@given(dataset=datasets())
def test_json_round_trip(dataset: Dataset):
    assert loads(dumps(dataset)).canonical() == dataset.canonical()


def test_not_a_snapshot_and_bad_rows_are_refused(sample: Dataset):
    with pytest.raises(SnapshotFormatError, match="不是联盟图谱的快照"):
        loads('{"tables": {}}')
    document = json.loads(dumps(sample))
    document["tables"]["organisations"][3]["pioneer_index"] = 300
    with pytest.raises(RecordError) as caught:
        loads(json.dumps(document))
    [problem] = caught.value.problems
    assert (problem.table, problem.index, problem.field) == ("organisations", 3, "pioneer_index")


def test_backup_and_restore_bring_back_the_exact_state(store: GraphStore, sample: Dataset, tmp_path):
    shelf = BackupShelf(tmp_path / "backups", keep=3)
    store.replace_all(sample)
    saved = shelf.save(store, "manual")
    store.upsert([Organisation(id="late", name="后加单位", scope=Scope.REGIONAL)])
    before, revision = restore(store, shelf, saved.name)
    assert store.snapshot().canonical() == sample.canonical()
    assert before.reason == "before_restore" and revision == store.revision()
    assert "late" in {o.id for o in shelf.load(before.name).organisations}


def test_retention_keeps_the_newest(store: GraphStore, tmp_path):
    shelf = BackupShelf(tmp_path / "backups", keep=2)
    names = [shelf.save(store, f"r{i}").name for i in range(4)]
    assert [b.name for b in shelf.list()] == names[:1:-1]


def test_each_kind_of_backup_restores_into_the_other_backend(store: GraphStore, sample: Dataset, tmp_path):
    """The embedded store copies itself (….sqlite3), Neo4j writes JSON (….json); either
    restores into either store, exactly, and the list counts the records of both."""
    from graphdb.sqlite_store import SqliteStore
    from lianmeng.ops.backups import backup_counts

    shelf = BackupShelf(tmp_path / "backups", keep=10)
    store.replace_all(sample)
    mine = shelf.save(store, "mine")
    assert mine.name.endswith(".sqlite3" if store.kind == "embedded" else ".json")
    other = SqliteStore(tmp_path / "other.sqlite3")
    if store.kind == "embedded":  # the other kind: a JSON backup, as a Neo4j store writes it
        from lianmeng.snapshot_json import dump_bytes

        theirs_path = shelf.directory / "20250101T000000000000Z-r1-theirs.json"
        theirs_path.write_bytes(dump_bytes(sample, revision=1))
        theirs = shelf.find(theirs_path.name)
    else:
        other.replace_all(sample)
        theirs = shelf.save(other, "theirs")
        assert theirs.name.endswith(".sqlite3")
    for backup in (mine, theirs):
        assert backup_counts(backup.path) == sample.counts()
        for target in (store, other):
            target.clear()
            restore(target, shelf, backup.name)
            assert target.snapshot().canonical() == sample.canonical()


def test_a_store_copy_keeps_no_sign_in_sessions_and_is_one_file(tmp_path, sample: Dataset):
    import datetime as dt
    import sqlite3

    from graphdb.sqlite_store import SqliteStore
    from lianmeng.access import SignInSession

    store = SqliteStore(tmp_path / "lianmeng.sqlite3")
    store.replace_all(sample)
    now = dt.datetime.now(dt.UTC)
    store.save_session(SignInSession("h" * 64, "ann", now, now + dt.timedelta(hours=8)))
    backup = BackupShelf(tmp_path / "backups").save(store, "manual")
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.name]  # no -wal, no .tmp
    conn = sqlite3.connect(backup.path)
    try:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        conn.close()
    assert store.find_session("h" * 64) is not None  # the store itself keeps them
    assert backup.revision == store.revision() == 1
