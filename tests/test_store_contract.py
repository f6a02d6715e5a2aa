"""The store contract: every backend behaves the same (parametrised over BACKENDS)."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import TRICKY, datasets

from graphdb.store import GraphStore, RevisionConflict
from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.errors import DatasetError
from lianmeng.records import Organisation, Pairing, PairingKind, Scope
from lianmeng.stats import street_stats

HYPOTHESIS = settings(max_examples=25, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def test_new_store_is_empty_at_revision_zero(store: GraphStore):
    assert store.is_empty()
    assert store.revision() == 0
    assert store.snapshot() == Dataset()


def test_sample_round_trips_exactly(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    assert store.snapshot().canonical() == sample.canonical()
    assert street_stats(store.snapshot()) == street_stats(sample)


@HYPOTHESIS
@given(dataset=datasets())
def test_every_record_type_round_trips(store: GraphStore, dataset: Dataset):
    store.replace_all(dataset)
    assert store.snapshot().canonical() == dataset.canonical()


def test_revision_changes_on_every_write(store: GraphStore, sample: Dataset):
    revisions = [store.revision()]
    revisions.append(store.replace_all(sample))
    org = sample.organisations[0]
    revisions.append(store.upsert([org.model_copy(update={"contact": "新联系人"})]))
    revisions.append(store.delete("meetings", [sample.meetings[0].id]))
    revisions.append(store.clear())
    assert revisions == [0, 1, 2, 3, 4]
    assert store.revision() == 4


def test_idempotent_rewrite_keeps_the_data(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    store.upsert(sample.organisations)
    store.replace_all(sample)
    assert store.snapshot().canonical() == sample.canonical()


def test_upsert_replaces_by_id_and_delete_removes(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    org = sample.organisations[0]
    store.upsert([org.model_copy(update={"phone": "021-0000-0000", "brands": ("新品牌",)})])
    back = {o.id: o for o in store.snapshot().organisations}[org.id]
    assert back.phone == "021-0000-0000" and back.brands == ("新品牌",)
    store.delete("meetings", [m.id for m in sample.meetings])
    assert store.snapshot().meetings == ()


def test_an_invalid_write_leaves_no_trace(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    before, revision = store.snapshot(), store.revision()
    good = Organisation(id="new-1", name="新单位党支部", scope=Scope.REGIONAL)
    bad = Pairing(party_a="new-1", party_b="nobody", kind=PairingKind.REGIONAL, since="2026-01-01")
    with pytest.raises(DatasetError, match="nobody"):
        store.upsert([good, bad])
    with pytest.raises(DatasetError):
        store.delete("organisations", [sample.organisations[0].id])  # still referenced by pairings
    assert store.revision() == revision
    assert store.snapshot().canonical() == before.canonical()


def test_a_write_that_fails_midway_is_rolled_back(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    before, revision = store.snapshot(), store.revision()
    org = sample.organisations[0].model_copy(update={"contact": "改过"})
    with pytest.raises(RevisionConflict):
        store._commit(ChangeSet(upserts=(org,)), expected_revision=revision - 1, clear=True)
    assert store.revision() == revision
    assert store.snapshot().canonical() == before.canonical()


def test_two_writers_at_once_both_land(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    revision = store.revision()
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            store.upsert([Organisation(id=f"w{i}", name=f"并发写入{i}", scope=Scope.EXTERNAL)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = {o.id for o in store.snapshot().organisations}
    assert {"w0", "w1", "w2", "w3"} <= ids
    assert store.revision() == revision + 4


@pytest.mark.parametrize("tricky", TRICKY)
def test_unusual_text_is_stored_unchanged(store: GraphStore, sample: Dataset, tricky: str):
    store.replace_all(sample)
    org = Organisation(id=f"t-{len(tricky)}", name=tricky, scope=Scope.REGIONAL, unit=tricky,
                       brands=(tricky, "正常"), needs=(tricky,))
    store.upsert([org])
    back = {o.id: o for o in store.snapshot().organisations}[org.id]
    assert back == org
    assert len(store.snapshot().organisations) == len(sample.organisations) + 1


def test_snapshot_as_networkx(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    graph = store.to_networkx()
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert labels.count("Organisation") == 82 and labels.count("Alliance") == 5
    paired = [d for *_, d in graph.edges(data=True) if d["type"] == "PAIRED"]
    assert len(paired) == len(sample.pairings)
    member_of = [(u, v) for u, v, d in graph.edges(data=True) if d["type"] == "MEMBER_OF"]
    assert len(member_of) == 48
