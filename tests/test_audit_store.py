"""The audit trail, users and per-record versions: the store contract on every backend."""

from __future__ import annotations

import datetime as dt

import pytest

from graphdb.guarded import GuardedStore
from graphdb.store import EditConflict, GraphStore
from lianmeng.access import Role, User
from lianmeng.audit import AuditEntry, AuditItem
from lianmeng.dataset import Dataset
from lianmeng.errors import DatasetError
from lianmeng.records import Organisation, Scope

ADMIN = User("管理员甲", Role.ADMIN)
PLANNER_A = User("规划员甲", Role.PLANNER)
PLANNER_B = User("规划员乙", Role.PLANNER)


def test_each_write_kind_leaves_one_entry_with_before_and_after(store: GraphStore, sample: Dataset):
    planner = GuardedStore(store, PLANNER_A)
    with planner.action("import", note="第一批.xlsx"):
        planner.replace_all(sample)
    org = sample.organisations[0]
    planner.upsert([org.model_copy(update={"phone": "021-1111-2222"})])
    meeting = sample.meetings[0]
    planner.delete("meetings", [meeting.id])
    planner.upsert([Organisation(id="new-1", name="新单位党支部", scope=Scope.REGIONAL)])
    planner.clear()

    clear, added, deleted, edited, imported = store.audit_entries()
    assert [e.action for e in (imported, edited, deleted, added, clear)] == ["import", "edit", "edit", "edit", "edit"]
    assert {e.actor for e in (imported, edited, deleted, added, clear)} == {"规划员甲"}
    assert [e.revision for e in (imported, edited, deleted, added, clear)] == [1, 2, 3, 4, 5]
    assert imported.note == "第一批.xlsx"
    assert len(imported.items) == sum(sample.counts().values())
    assert all(i.before is None and i.after is not None for i in imported.items)

    [item] = edited.items
    assert (item.table, item.record_id, item.change) == ("organisations", org.id, "changed")
    assert item.before["phone"] == org.phone and item.after["phone"] == "021-1111-2222"
    assert {k for k in item.before if item.before[k] != item.after[k]} == {"phone"}

    [gone] = deleted.items
    assert (gone.table, gone.record_id, gone.after) == ("meetings", meeting.id, None)
    assert gone.before["date"] == meeting.date.isoformat() and gone.before["attendees"] == list(meeting.attendees)

    [new] = added.items
    assert new.before is None and new.after["name"] == "新单位党支部"

    # the clear names every record that was still there, and nothing else
    assert len(clear.items) == sum(sample.counts().values())  # -1 meeting +1 organisation
    assert all(i.after is None for i in clear.items)


def test_a_refused_write_leaves_no_entry(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    before = len(store.audit_entries())
    with pytest.raises(DatasetError):
        store.delete("organisations", [sample.organisations[0].id])  # still referenced
    assert len(store.audit_entries()) == before


def test_rewriting_the_same_values_records_the_write_but_no_item(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    store.upsert([sample.organisations[3]])
    last = store.audit_entries(limit=1)[0]
    assert last.revision == 2 and last.items == ()


def test_filters(store: GraphStore, sample: Dataset):
    GuardedStore(store, PLANNER_A).replace_all(sample)
    org, pairing = sample.organisations[5], sample.pairings[2]
    GuardedStore(store, PLANNER_B).upsert([org.model_copy(update={"contact": "新联系人"})])
    with GuardedStore(store, PLANNER_A).action("plan") as a:
        a.upsert([pairing.model_copy(update={"content": "新内容"})])
    assert [e.revision for e in store.audit_entries(actor="规划员甲")] == [3, 1]
    assert [e.revision for e in store.audit_entries(action="plan")] == [3]
    assert [e.revision for e in store.audit_entries(table="pairings")] == [3, 1]
    assert [e.revision for e in store.audit_entries(table="organisations", record_id=org.id)] == [2, 1]
    assert [e.revision for e in store.audit_entries(limit=2)] == [3, 2]
    # an entry comes back with all of its items even when filtered by one record
    assert len(store.audit_entries(table="pairings", record_id=pairing.id)[-1].items) == sum(sample.counts().values())
    stamp = store.audit_entries(limit=1)[0].at
    assert [e.revision for e in store.audit_entries(since=stamp)] == [3]
    assert [e.revision for e in store.audit_entries(until=stamp)] == [2, 1]
    assert store.audit_entries(since=stamp + dt.timedelta(seconds=1)) == []


def test_restore_and_clear_keep_users_and_the_trail(store: GraphStore, sample: Dataset):
    admin = GuardedStore(store, ADMIN)
    admin.save_user(User("规划员甲", Role.PLANNER, password_hash="$argon2id$x"))
    admin.replace_all(sample)
    trail = store.audit_entries()
    admin.clear()
    admin.replace_all(sample)
    assert [u.name for u in store.users()] == ["规划员甲"]
    assert store.audit_entries()[2:] == trail


def test_user_changes_are_audited_without_the_hash_and_keep_the_revision(store: GraphStore):
    admin = GuardedStore(store, ADMIN)
    admin.save_user(User("查看者甲", Role.VIEWER, email="a@example.cn", password_hash="$argon2id$secret-hash"))
    admin.save_user(User("查看者甲", Role.CHAIR, alliance="park", password_hash="$argon2id$other"), note="password changed")
    assert admin.remove_user("查看者甲") is True
    assert admin.remove_user("查看者甲") is False
    assert store.revision() == 0 and store.users() == []
    removed, changed, added = store.audit_entries()
    assert {e.action for e in (removed, changed, added)} == {"user"}
    assert added.items == (AuditItem("users", "查看者甲", None, {
        "name": "查看者甲", "role": "viewer", "alliance": None, "email": "a@example.cn", "has_password": True}),)
    assert changed.items[0].before["role"] == "viewer" and changed.items[0].after["role"] == "chair"
    assert changed.note == "password changed"
    assert removed.items[0].after is None
    assert "secret-hash" not in repr(store.audit_entries())


def test_users_round_trip(store: GraphStore):
    users = [User("b", Role.CHAIR, alliance="park", email="b@x.cn", password_hash="$argon2id$1"),
             User("a", Role.VIEWER, password_hash=None)]
    for user in users:
        store.save_user(user)
    assert store.users() == sorted(users, key=lambda u: u.name)
    assert store.user("b") == users[0] and store.user("c") is None


def test_commit_writes_the_given_entry_in_the_same_transaction(store: GraphStore, sample: Dataset):
    entry = AuditEntry(actor="x", action="edit", at=dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
                       items=(AuditItem("organisations", "o", None, {"id": "o"}),), note="n", seq=99, revision=99)
    from lianmeng.dataset import ChangeSet

    revision = store._commit(ChangeSet(upserts=sample.committees), expected_revision=0, clear=False, audit=entry)
    [stored] = store.audit_entries()
    assert stored.revision == revision == 1 and stored.seq != 99
    assert (stored.actor, stored.action, stored.note, stored.at, stored.items) == (
        entry.actor, entry.action, entry.note, entry.at, entry.items)


# --- concurrent edits --------------------------------------------------------------------


def test_the_lost_update_is_refused_naming_who_and_when(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    org = sample.organisations[7]
    key = ("organisations", org.id)
    a, b = GuardedStore(store, PLANNER_A), GuardedStore(store, PLANNER_B)
    # both open the same organisation
    loaded_a = a.record_version(*key)
    loaded_b = b.record_version(*key)
    assert loaded_a == loaded_b == 1
    b.upsert([org.model_copy(update={"contact": "乙改的"})], expected_versions={key: loaded_b})
    with pytest.raises(EditConflict) as caught:
        a.upsert([org.model_copy(update={"phone": "甲改的"})], expected_versions={key: loaded_a})
    message = str(caught.value)
    when = store.last_change(*key).at.astimezone()
    assert "规划员乙" in message and f"{when:%Y-%m-%d %H:%M:%S}" in message and org.id in message
    kept = {o.id: o for o in store.snapshot().organisations}[org.id]
    assert (kept.contact, kept.phone) == ("乙改的", org.phone)
    assert store.revision() == 2
    # after reloading, A's save goes through
    a.upsert([kept.model_copy(update={"phone": "甲改的"})], expected_versions={key: a.record_version(*key)})
    assert {o.id: o for o in store.snapshot().organisations}[org.id].phone == "甲改的"


def test_an_edit_of_another_record_does_not_conflict(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    first, second = sample.pairings[0], sample.pairings[1]
    version = store.record_version("pairings", first.id)
    store.upsert([second.model_copy(update={"content": "别的结对"})])
    store.upsert([first.model_copy(update={"content": "改了"})], expected_versions={("pairings", first.id): version})
    assert store.record_version("pairings", first.id) == 3


def test_a_deleted_record_conflicts_too(store: GraphStore, sample: Dataset):
    store.replace_all(sample)
    meeting = sample.meetings[0]
    version = store.record_version("meetings", meeting.id)
    GuardedStore(store, PLANNER_B).delete("meetings", [meeting.id])
    with pytest.raises(EditConflict, match="规划员乙"):
        store.upsert([meeting.model_copy(update={"location": "会议室"})],
                     expected_versions={("meetings", meeting.id): version})
    assert meeting.id not in {m.id for m in store.snapshot().meetings}


def test_an_action_label_belongs_to_its_thread(store: GraphStore, sample: Dataset):
    import threading

    store.replace_all(sample)
    inside, outside = threading.Event(), threading.Event()

    def other_thread() -> None:
        inside.wait(10)
        store.upsert([sample.organisations[1].model_copy(update={"contact": "别的线程"})])
        outside.set()

    worker = threading.Thread(target=other_thread)
    worker.start()
    with store.action("import", note="甲"):
        inside.set()
        outside.wait(10)
        store.upsert([sample.organisations[2].model_copy(update={"contact": "本线程"})])
    worker.join()
    mine, theirs = store.audit_entries(limit=2)
    assert (mine.action, mine.note, theirs.action, theirs.note) == ("import", "甲", "edit", "")
    store.upsert([sample.organisations[3].model_copy(update={"contact": "块外"})])
    assert store.audit_entries(limit=1)[0].action == "edit"
