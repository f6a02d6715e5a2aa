"""The store contract: every backend behaves the same (parametrised over BACKENDS)."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import TRICKY, datasets

from graphdb.graph_shape import to_networkx
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
    graph = to_networkx(store.snapshot())
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert labels.count("Organisation") == 82 and labels.count("Alliance") == 5
    paired = [d for *_, d in graph.edges(data=True) if d["type"] == "PAIRED"]
    assert len(paired) == len(sample.pairings)
    member_of = [(u, v) for u, v, d in graph.edges(data=True) if d["type"] == "MEMBER_OF"]
    assert len(member_of) == 48


# --- added with the Neo4j backend (issue 3): every operation, on both backends -------------


def test_is_empty_follows_writes_and_clear(store: GraphStore, sample: Dataset):
    store.upsert([Organisation(id="solo", name="独立单位党支部", scope=Scope.EXTERNAL)])
    assert not store.is_empty()
    store.clear()
    assert store.is_empty()
    assert store.snapshot() == Dataset()
    assert store.revision() == 2


def test_snapshot_keeps_the_order_records_were_written(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    store.upsert([sample.alliances[2].model_copy(update={"project": "新项目"})])  # keeps its place
    store.upsert([Organisation(id="zz-last", name="最后加入的单位", scope=Scope.REGIONAL),
                  Organisation(id="aa-later", name="随后加入的单位", scope=Scope.REGIONAL)])
    back = store.snapshot()
    assert [a.id for a in back.alliances] == [a.id for a in sample.alliances]
    assert [o.id for o in back.organisations] == [o.id for o in sample.organisations] + ["zz-last", "aa-later"]
    assert [p.id for p in back.pairings] == [p.id for p in sample.pairings]


def test_rewriting_the_same_records_changes_nothing_but_the_revision(store: GraphStore, sample: Dataset):
    first = store.replace_all(sample)
    second = store.upsert(sample.pairings)
    third = store.upsert(sample.meetings)
    assert (first, second, third) == (1, 2, 3)
    back = store.snapshot()
    assert back.canonical() == sample.canonical()
    assert [m.attendees for m in back.meetings] == [m.attendees for m in sample.meetings]


def test_references_follow_an_upsert(store: GraphStore, sample: Dataset):
    """An organisation moving alliance, a meeting changing chair and attendee order, a
    pairing re-pointed under the same id: the read-back shows the new references only."""
    store.replace_all(sample)
    meeting = sample.meetings[0]
    members = [o.id for o in sample.members_of(meeting.alliance)]
    new_meeting = meeting.model_copy(update={"chair": members[-1], "attendees": tuple(reversed(members[:4]))})
    store.upsert([new_meeting])
    back = {m.id: m for m in store.snapshot().meetings}[meeting.id]
    assert back == new_meeting

    outsider = Organisation(id="mover", name="迁移单位党支部", scope=Scope.REGIONAL)
    store.upsert([outsider])
    moved = outsider.model_copy(update={"scope": Scope.MEMBER, "alliance": sample.alliances[1].id})
    store.upsert([moved])
    assert {o.id: o for o in store.snapshot().organisations}["mover"] == moved

    first, second = (o.id for o in sample.members_of(sample.alliances[1].id)[:2])
    pairing = Pairing(id="P-moving", party_a="mover", party_b=first, kind=PairingKind.SMALL, since="2026-01-01")
    store.upsert([pairing])
    repointed = pairing.model_copy(update={"party_b": second})
    store.upsert([repointed])
    mine = [p for p in store.snapshot().pairings if p.id == "P-moving"]
    assert mine == [repointed]


@pytest.mark.parametrize("tricky", TRICKY[:3])
def test_unusual_text_as_ids_and_in_every_field(store: GraphStore, tricky: str):
    from lianmeng.records import Alliance, Committee, Meeting

    ident = tricky[:200]
    dataset = Dataset(
        committees=[Committee(id=f"c{ident}", name=tricky)],
        alliances=[Alliance(id=f"a{ident}", name=tricky, sector=tricky, project=tricky)],
        organisations=[Organisation(id=ident, name=tricky, alliance=f"a{ident}", brands=(tricky,) * 3),
                       Organisation(id=f"{ident}2", name=tricky + "2", alliance=f"a{ident}"),
                       Organisation(id="长" * 200, name="很长的名称" * 400, scope=Scope.EXTERNAL)],
        pairings=[Pairing(party_a=ident, party_b=f"{ident}2", kind=PairingKind.SMALL, content=tricky,
                          since="2024-01-31")],
        meetings=[Meeting(id=f"m{ident}", date="2025-03-01", alliance=f"a{ident}", chair=ident,
                          attendees=(f"{ident}2", ident), topics=(tricky,), location=tricky)],
    ).validated()
    store.replace_all(dataset)
    assert store.snapshot() == dataset
    store.delete("pairings", [dataset.pairings[0].id])
    assert store.snapshot().pairings == ()


def test_stale_writer_is_refused_and_the_winner_stays(store: GraphStore, sample: Dataset):
    """Two writers read revision r; the first commits; the second's commit is refused whole."""
    store.replace_all(sample)
    seen = store.revision()
    winner = Organisation(id="first", name="先写入的单位", scope=Scope.EXTERNAL)
    loser = Organisation(id="second", name="后写入的单位", scope=Scope.EXTERNAL)
    assert store._commit(ChangeSet(upserts=(winner,)), expected_revision=seen, clear=False) == seen + 1
    with pytest.raises(RevisionConflict) as conflict:
        store._commit(ChangeSet(upserts=(loser,)), expected_revision=seen, clear=False)
    assert (conflict.value.expected, conflict.value.actual) == (seen, seen + 1)
    ids = {o.id for o in store.snapshot().organisations}
    assert "first" in ids and "second" not in ids
    assert store.revision() == seen + 1


def _reopened(store: GraphStore) -> GraphStore:
    """Another store object on the same data (as another process would open it)."""
    from graphdb.neo4j_store import Neo4jStore
    from graphdb.sqlite_store import SqliteStore

    if isinstance(store, SqliteStore):
        return SqliteStore(store.path)
    assert isinstance(store, Neo4jStore)
    return Neo4jStore(store.driver, database=store.database, location=store.location)


def test_the_held_snapshot_is_what_a_fresh_read_gives(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    assert store.snapshot() == _reopened(store).snapshot()
    org, pairing, activity = sample.organisations[3], sample.pairings[5], sample.activities[7]
    writes = [
        ChangeSet(upserts=(org.model_copy(update={"phone": "021-1234-5678"}),)),
        ChangeSet(upserts=(activity.model_copy(update={"id": "AC-held-1", "title": "新活动"}),
                           activity.model_copy(update={"people_served": 99}))),
        ChangeSet(deletes=(("activities", sample.activities[0].id), ("meetings", sample.meetings[0].id))),
        ChangeSet(upserts=(pairing.model_copy(update={"content": "共建内容改了"}),),
                  deletes=(("activities", "AC-held-1"),)),
    ]
    for changes in writes:
        store.apply(changes)
        assert store.snapshot() == _reopened(store).snapshot()
    store.upsert([org])
    store.upsert([org.model_copy(update={"contact": "两次写入之间没有读"})])
    assert store.snapshot() == _reopened(store).snapshot()


def test_a_write_by_another_store_object_is_seen(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    held = store.snapshot()
    assert store.snapshot() is held  # nothing changed: the same records, not read again
    other = _reopened(store)
    other.delete("meetings", [sample.meetings[0].id])
    assert store.snapshot() != held
    assert store.snapshot() == other.snapshot()
    assert sample.meetings[0].id not in {m.id for m in store.snapshot().meetings}


def test_a_checked_change_is_written_as_checked_only_on_the_data_it_was_checked_against(
        store: GraphStore, sample: Dataset):
    """An import checks its file once (in the plan) and the write reuses that check —
    but only when the check's base is the very snapshot the store holds; anything else
    (an equal copy, a forged check) is checked again, and refused if it breaks a rule."""
    from lianmeng.dataset import CheckedChange

    store.replace_all(sample)
    current = store.snapshot()
    org = Organisation(id="new-org", name="新单位", scope=Scope.REGIONAL)
    checked = current.check(ChangeSet(upserts=(org,)))
    assert checked.ok and checked.base is current
    revision = store.apply(checked, expected_revision=store.revision())
    assert store.record_version("organisations", "new-org") == revision
    assert "new-org" in {o.id for o in store.snapshot().organisations}
    if store.keeps_snapshot_across_writes:
        assert store.snapshot() is checked.after  # held as the write computed it, not applied again
    # a pairing with an unknown end, passed off as checked against an equal copy: checked again
    bad = Pairing(id="bad-p", party_a="new-org", party_b="nobody", kind=PairingKind.SMALL, content="x",
                  since=sample.pairings[0].since)
    copy = Dataset(**dict(store.snapshot().tables()))
    forged = CheckedChange(copy, ChangeSet(upserts=(bad,)), copy, ())
    before = store.revision()
    with pytest.raises(DatasetError):
        store.apply(forged)
    assert store.revision() == before and "bad-p" not in {p.id for p in store.snapshot().pairings}
