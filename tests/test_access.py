"""Roles enforced below the UI, users and their hashes, restore: operations called directly."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from graphdb.guarded import GuardedStore
from graphdb.sqlite_store import SqliteStore
from graphdb.store import GraphStore
from lianmeng.access import PermissionDenied, Role, User, can, may_see_page
from lianmeng.dataset import Dataset
from lianmeng.ops import users
from lianmeng.ops.backups import BackupShelf, restore
from lianmeng.records import Meeting, MeetingKind, Organisation, Scope

VIEWER = User("查看者", Role.VIEWER)
CHAIR = User("商区主席", Role.CHAIR, alliance="commercial")
PLANNER = User("规划员", Role.PLANNER)
ADMIN = User("管理员", Role.ADMIN)


def _meeting(sample: Dataset, alliance: str) -> Meeting:
    return next(m for m in sample.meetings if m.alliance == alliance and m.kind is MeetingKind.JOINT)


def _unchanged(store: GraphStore, revision: int, trail: int) -> None:
    assert store.revision() == revision
    assert len(store.audit_entries()) == trail


@pytest.fixture
def loaded(store: GraphStore, sample: Dataset) -> GraphStore:
    store.replace_all(sample)
    return store


def test_viewer_may_not_write_anything(loaded: GraphStore, sample: Dataset):
    viewer = GuardedStore(loaded, VIEWER)
    trail = len(loaded.audit_entries())
    org = sample.organisations[0]
    with pytest.raises(PermissionDenied, match="查看者.*无权修改组织与结对"):
        viewer.upsert([org.model_copy(update={"phone": "1"})])
    with pytest.raises(PermissionDenied):
        viewer.upsert([_meeting(sample, "commercial").model_copy(update={"location": "x"})])
    with pytest.raises(PermissionDenied, match="整体替换"):
        viewer.replace_all(sample)
    with pytest.raises(PermissionDenied):
        viewer.clear()
    _unchanged(loaded, 1, trail)
    assert viewer.snapshot().canonical() == sample.canonical()  # reading is fine


def test_chair_edits_own_alliance_meetings_only(loaded: GraphStore, sample: Dataset):
    chair = GuardedStore(loaded, CHAIR)
    own, other = _meeting(sample, "commercial"), _meeting(sample, "campus")
    chair.upsert([own.model_copy(update={"location": "商会会议室"})])
    assert loaded.audit_entries(limit=1)[0].actor == "商区主席"
    revision, trail = loaded.revision(), len(loaded.audit_entries())
    with pytest.raises(PermissionDenied, match="本联盟（commercial）"):
        chair.upsert([other.model_copy(update={"location": "x"})])
    with pytest.raises(PermissionDenied):  # moving its own meeting to another alliance
        chair.upsert([own.model_copy(update={"alliance": "campus", "chair": None, "attendees": ()})])
    with pytest.raises(PermissionDenied):
        chair.delete("meetings", [other.id])
    with pytest.raises(PermissionDenied):
        chair.upsert([sample.organisations[0].model_copy(update={"phone": "1"})])
    with pytest.raises(PermissionDenied):
        chair.replace_all(sample)
    _unchanged(loaded, revision, trail)
    chair.delete("meetings", [own.id])
    assert own.id not in {m.id for m in loaded.snapshot().meetings}


def test_planner_edits_data_but_not_users_or_restore(loaded: GraphStore, sample: Dataset, tmp_path: Path):
    planner = GuardedStore(loaded, PLANNER)
    planner.upsert([Organisation(id="x-1", name="新单位", scope=Scope.EXTERNAL)])
    planner.upsert([_meeting(sample, "campus").model_copy(update={"location": "y"})])
    with planner.action("import"):
        planner.replace_all(sample)
    shelf = BackupShelf(tmp_path / "backups")
    saved = shelf.save(loaded, "manual")
    revision, trail = loaded.revision(), len(loaded.audit_entries())
    with pytest.raises(PermissionDenied, match="从备份恢复"):
        restore(planner, shelf, saved.name)
    with pytest.raises(PermissionDenied, match="管理用户"):
        users.add_user(planner, "某人", "viewer", "long-enough-pw")
    with pytest.raises(PermissionDenied):
        planner.save_user(User("某人", Role.ADMIN))
    _unchanged(loaded, revision, trail)
    assert [b.name for b in shelf.list()] == [saved.name]  # a refused restore takes no backup either
    assert loaded.users() == []


def test_admin_restores_the_exact_earlier_state_and_it_is_audited(loaded: GraphStore, sample: Dataset, tmp_path: Path):
    admin = GuardedStore(loaded, ADMIN)
    shelf = BackupShelf(tmp_path / "backups")
    saved = shelf.save(loaded, "manual")
    admin.upsert([Organisation(id="late", name="后加单位", scope=Scope.REGIONAL)])
    admin.upsert([sample.organisations[2].model_copy(update={"contact": "改过"})])
    before, revision = restore(admin, shelf, saved.name)
    assert loaded.snapshot().canonical() == sample.canonical()
    entry = loaded.audit_entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.note, entry.revision) == ("管理员", "restore", saved.name, revision)
    assert {(i.table, i.record_id, i.change) for i in entry.items} == {
        ("organisations", "late", "removed"), ("organisations", sample.organisations[2].id, "changed")}
    assert "late" in {o.id for o in shelf.load(before.name).organisations}
    # the trail before the restore is still there
    assert [e.action for e in loaded.audit_entries()] == ["restore", "edit", "edit", "edit"]


def test_can_and_pages_follow_the_ladder():
    assert [can(u, "export") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [True] * 4
    assert [can(u, "edit_meetings") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [False, True, True, True]
    assert [can(u, "import") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [False, False, True, True]
    assert [can(u, "restore") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [False, False, False, True]
    assert not can(ADMIN, "no-such-action")
    assert [may_see_page(u, "audit") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [False, False, False, True]
    assert [may_see_page(u, "import") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [False, False, True, True]
    assert may_see_page(VIEWER, "overview") and may_see_page(VIEWER, "some-new-read-only-page")


# --- users and passwords ----------------------------------------------------------------


def test_hashes_are_never_plain(tmp_path: Path):
    store = SqliteStore(tmp_path / "s.sqlite3")
    users.add_user(store, "王主任", "admin", "correct horse battery")
    raw = sqlite3.connect(tmp_path / "s.sqlite3").execute("SELECT * FROM users").fetchall()
    assert len(raw) == 1
    stored = raw[0][4]
    assert stored.startswith("$argon2id$") and "correct horse battery" not in stored
    assert all("correct horse battery" not in str(v) for v in raw[0])
    audit_rows = sqlite3.connect(tmp_path / "s.sqlite3").execute("SELECT * FROM audit_items").fetchall()
    assert audit_rows and all(stored not in str(row) and "correct horse" not in str(row) for row in audit_rows)


def test_the_audit_trail_refuses_update_and_delete(tmp_path: Path, sample: Dataset):
    store = SqliteStore(tmp_path / "s.sqlite3")
    store.replace_all(sample)
    conn = sqlite3.connect(tmp_path / "s.sqlite3")
    for sql in ("UPDATE audit SET actor = 'someone else'", "DELETE FROM audit",
                "UPDATE audit_items SET after = NULL", "DELETE FROM audit_items"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(sql)
    assert store.audit_entries()[0].actor == "system"


def test_user_operations_check_their_input(loaded: GraphStore):
    with pytest.raises(users.UserError, match="--alliance"):
        users.add_user(loaded, "主席", "chair", "long-enough-pw")
    with pytest.raises(users.UserError, match="联盟“nowhere”不存在"):
        users.add_user(loaded, "主席", "chair", "long-enough-pw", alliance="nowhere")
    with pytest.raises(users.UserError, match="角色“boss”无效"):
        users.add_user(loaded, "主席", "boss", "long-enough-pw")
    with pytest.raises(users.UserError, match="两次输入的密码不一致"):
        users.check_password_pair("long-enough-pw", "long-enough-px")
    with pytest.raises(users.UserError, match="太短"):
        users.check_password_pair("short", "short")
    users.add_user(loaded, "主席", "chair", "long-enough-pw", alliance="commercial")
    with pytest.raises(users.UserError, match="已存在"):
        users.add_user(loaded, "主席", "viewer", "long-enough-pw")
    users.add_user(loaded, "管理员", "admin", "long-enough-pw")
    with pytest.raises(users.UserError, match="最后一位管理员"):
        users.remove_user(loaded, "管理员")
    assert [u.name for u in loaded.users()] == ["主席", "管理员"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sign_in_and_the_slow_down_after_failures(loaded: GraphStore):
    users.add_user(loaded, "规划员", "planner", "long-enough-pw")
    clock = FakeClock()
    throttle = users.SignInThrottle(clock=clock)
    assert users.sign_in(loaded, "规划员", "long-enough-pw", throttle).role is Role.PLANNER
    waits = []
    for _ in range(4):
        with pytest.raises(users.SignInRefused, match="用户名或密码不正确"):
            users.sign_in(loaded, "规划员", "wrong", throttle)
        waits.append(throttle.wait_s("规划员"))
        clock.now += waits[-1]
    assert waits == [1.0, 2.0, 4.0, 8.0]
    with pytest.raises(users.SignInRefused):
        users.sign_in(loaded, "规划员", "wrong", throttle)
    # while locked even the right password is refused, saying how long to wait
    with pytest.raises(users.SignInRefused, match="请 16 秒后再试"):
        users.sign_in(loaded, "规划员", "long-enough-pw", throttle)
    assert throttle.wait_s("别人") == 0  # per name
    clock.now += 16
    assert users.sign_in(loaded, "规划员", "long-enough-pw", throttle).name == "规划员"
    assert throttle.wait_s("规划员") == 0  # success resets
    with pytest.raises(users.SignInRefused, match="用户名或密码不正确"):
        users.sign_in(loaded, "没有这人", "long-enough-pw", throttle)


def test_oidc_email_maps_to_a_user(loaded: GraphStore):
    users.add_user(loaded, "赵", "viewer", None, email="Zhao@Example.GOV.cn")
    assert users.user_for_email(loaded, "zhao@example.gov.cn").name == "赵"
    assert users.user_for_email(loaded, "qian@example.gov.cn") is None
    assert users.user_for_email(loaded, None) is None
    throttle = users.SignInThrottle()
    with pytest.raises(users.SignInRefused):  # an OIDC-only user has no password to guess
        users.sign_in(loaded, "赵", "", throttle)


def test_a_version_1_file_is_migrated_keeping_its_data(tmp_path: Path, sample: Dataset):
    from graphdb import sqlite_store

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in sqlite_store._statements(sqlite_store.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO parties (id, party_type) VALUES ('c1', 'committee')")
    conn.execute("INSERT INTO committees (id, name) VALUES ('c1', '街道党工委')")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    store = SqliteStore(path)
    assert [c.name for c in store.snapshot().committees] == ["街道党工委"]
    assert store.users() == [] and store.audit_entries() == []
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION
    assert sqlite_store.SCHEMA_VERSION == len(sqlite_store.MIGRATIONS) >= 4
    store.upsert([Organisation(id="o1", name="外单位", scope=Scope.EXTERNAL)])
    assert store.audit_entries()[0].items[0].record_id == "o1"


# --- issue 14: a chair edits and pairs their own alliance's members --------------------------


def test_chair_edits_and_pairs_own_members_only(loaded: GraphStore, sample: Dataset):
    """Through the explorer's store (GuardedStore): the commercial chair edits biz-01, adds
    and ends a pairing of it; an administrative member, a pairing between two others and a
    move of biz-01 out of the alliance are refused with nothing written."""
    from lianmeng.ops.edits import end_pairing, save_organisation, save_pairing

    chair = GuardedStore(loaded, CHAIR)
    own = sample.party("biz-01")
    saved = save_organisation(chair, {**own.model_dump(mode="json"), "phone": "021-6000-0001"},
                              version=loaded.record_version("organisations", "biz-01"))
    assert loaded.snapshot().party("biz-01").phone == "021-6000-0001"
    assert loaded.audit_entries(limit=1)[0].actor == "商区主席"
    added = save_pairing(chair, {"party_a": "biz-01", "party_b": "adm-01", "content": "共建", "since": "2026-11-01"})
    assert {p.id: (p.party_a, p.party_b) for p in loaded.snapshot().pairings}[added.id] == ("biz-01", "adm-01")
    end_pairing(chair, added.id, dt.date(2026, 11, 30))
    revision, trail = loaded.revision(), len(loaded.audit_entries())
    other = sample.party("adm-01")
    with pytest.raises(PermissionDenied, match="本联盟（commercial）"):
        save_organisation(chair, {**other.model_dump(mode="json"), "phone": "1"})
    with pytest.raises(PermissionDenied):  # a pairing of two administrative members
        save_pairing(chair, {"party_a": "adm-01", "party_b": "adm-04", "content": "x", "since": "2026-11-01"})
    with pytest.raises(PermissionDenied):  # its own member moved to another alliance
        save_organisation(chair, {**own.model_dump(mode="json"), "phone": "021-6000-0001",
                                  "alliance": "administrative"})
    _unchanged(loaded, revision, trail)
    assert saved.revision < revision


def test_a_viewer_may_edit_no_member_and_a_chair_pairs_only_from_their_alliance(loaded: GraphStore,
                                                                               sample: Dataset):
    from lianmeng.access import may_edit_member
    from lianmeng.ops.edits import save_pairing

    assert [may_edit_member(u, "commercial") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [False, True, True, True]
    assert [may_edit_member(u, "campus") for u in (VIEWER, CHAIR, PLANNER, ADMIN)] == [False, False, True, True]
    revision = loaded.revision()
    with pytest.raises(PermissionDenied, match="查看者"):
        save_pairing(GuardedStore(loaded, VIEWER), {"party_a": "biz-01", "party_b": "adm-01", "since": "2026-11-01"})
    # the commercial chair: no pairing of two members of other alliances
    paired = {p.pair_key for p in sample.pairings}
    others = [o.id for o in sample.organisations if o.alliance and o.alliance != "commercial"]
    a, b = next((a, b) for a in others for b in others if a < b and tuple(sorted((a, b))) not in paired)
    with pytest.raises(PermissionDenied):
        save_pairing(GuardedStore(loaded, CHAIR), {"party_a": a, "party_b": b, "since": "2026-11-01"})
    assert loaded.revision() == revision
