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
