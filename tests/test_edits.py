"""Edits from the explorer's forms at the operations level, on both backends (issue 13):
each save is one transaction with one audit entry (before/after), refuses what the import
refuses with the import's message by field, and refuses a stale save naming who and when."""

from __future__ import annotations

import datetime as dt

import pytest

from graphdb.store import EditConflict, GraphStore
from lianmeng.ops.edits import (
    FormRefused,
    end_pairing,
    pairing_kind_preview,
    save_organisation,
    save_pairing,
)
from lianmeng.records import PairingKind, PairingStatus
from lianmeng.sample import sample_street

NEW = {"name": "新华书店党支部", "alliance": "commercial", "type": "党支部", "unit": "新华书店",
       "brands": ["书香商圈"], "contact": "王书记", "phone": "021-1234"}


def _org(store: GraphStore, name: str):
    return next(o for o in store.snapshot().organisations if o.name == name)


@pytest.fixture
def street(store: GraphStore) -> GraphStore:
    store.replace_all(sample_street())
    return store


def test_add_an_organisation_then_pair_it_across_alliances_then_end_a_pairing(street: GraphStore):
    before = street.revision()
    saved = save_organisation(street, NEW)
    assert saved.revision == before + 1
    org = _org(street, "新华书店党支部")
    assert (org.alliance, org.brands, org.phone) == ("commercial", ("书香商圈",), "021-1234")
    entry = street.audit_entries(limit=1)[0]
    assert [(i.table, i.record_id, i.before) for i in entry.items] == [("organisations", org.id, None)]
    assert entry.items[0].after["name"] == "新华书店党支部"

    campus = next(o for o in street.snapshot().organisations if o.alliance == "campus")
    assert pairing_kind_preview(street.snapshot(), org.id, campus.id) == ("大联动·跨联盟", None)
    paired = save_pairing(street, {"party_a": org.id, "party_b": campus.name, "content": "图书进校园",
                                   "since": dt.date(2026, 3, 1)})
    pairing = next(p for p in street.snapshot().pairings if p.id == paired.id)
    assert pairing.kind is PairingKind.CROSS_ALLIANCE and pairing.is_active

    old = next(p for p in street.snapshot().pairings if p.is_active and p.kind is PairingKind.SMALL)
    ended = end_pairing(street, old.id, dt.date(2026, 6, 30), version=street.record_version("pairings", old.id))
    kept = next(p for p in street.snapshot().pairings if p.id == old.id)
    assert (kept.status, kept.until) == (PairingStatus.ENDED, dt.date(2026, 6, 30))  # kept as history
    entry = street.audit_entries(limit=1)[0]
    assert entry.revision == ended.revision and len(entry.items) == 1
    assert entry.items[0].before["status"] == "active" and entry.items[0].after["status"] == "ended"


def test_forms_refuse_what_the_import_refuses_with_its_messages(street: GraphStore):
    revision = street.revision()
    with pytest.raises(FormRefused) as refused:
        save_organisation(street, {**NEW, "alliance": "不存在的联盟", "pioneer_index": 120})
    assert "不存在的联盟" in " ".join(refused.value.fields["alliance"])
    assert "超出范围" in " ".join(refused.value.fields["pioneer_index"])
    members = [o for o in street.snapshot().organisations if o.alliance == "community"][:2]
    with pytest.raises(FormRefused) as refused:  # declared 大联动 inside one alliance: the import's words
        save_pairing(street, {"party_a": members[0].id, "party_b": members[1].id, "kind": "大联动",
                              "since": dt.date(2026, 1, 1)})
    assert "同一联盟成员之间是“小联动”" in refused.value.fields["kind"][0]
    with pytest.raises(FormRefused) as refused:
        end_pairing(street, next(p.id for p in street.snapshot().pairings if p.is_active), None)
    assert refused.value.fields["until"]
    with pytest.raises(FormRefused) as refused:
        save_organisation(street, {**NEW, "name": "铜川社区党总支"})
    assert "铜川社区党总支" in refused.value.fields["name"][0]
    assert street.revision() == revision  # nothing written


def test_names_folded_for_matching_stored_as_typed_with_a_warning(street: GraphStore):
    with pytest.raises(FormRefused):  # trimmed, it is the existing name
        save_organisation(street, {**NEW, "name": "  铜川社区党总支 "})
    saved = save_organisation(street, {**NEW, "name": "新华书店党支部１"})
    assert _org(street, "新华书店党支部１").id == saved.id  # stored as typed
    again = save_organisation(street, {**NEW, "name": "新华书店党支部1"})
    assert again.id != saved.id and "新华书店党支部１" in again.warnings[0]


def test_a_move_between_alliances_re_derives_its_pairing_kinds(street: GraphStore):
    dataset = street.snapshot()
    chairs = {m.chair for m in dataset.meetings}
    small = next(p for p in dataset.pairings if p.is_active and p.kind is PairingKind.SMALL and p.party_a not in chairs)
    org = next(o for o in dataset.organisations if o.id == small.party_a)
    other = next(a.id for a in dataset.alliances if a.id != org.alliance)
    values = {**org.model_dump(mode="json"), "scope": "体系内"}
    values.pop("pioneer_index") if values["pioneer_index"] is None else None
    save_organisation(street, {**values, "alliance": other}, version=street.record_version("organisations", org.id))
    moved = next(p for p in street.snapshot().pairings if p.id == small.id)
    assert moved.kind is PairingKind.CROSS_ALLIANCE
    entry = street.audit_entries(limit=1)[0]
    # its needs and residents' problems carry a copy of its alliance: they move with it, in the same entry
    after = street.snapshot()
    assert all(r.alliance == other for table in ("supply_demand", "resident_problems")
               for r in after.table(table) if r.organisation == org.id)
    followers = {t for t in ("supply_demand", "resident_problems") if any(r.organisation == org.id
                                                                         for r in dataset.table(t))}
    assert {i.table for i in entry.items} == {"organisations", "pairings"} | followers


def test_a_stale_save_is_refused_naming_the_first_editor(street: GraphStore):
    org = _org(street, "铜川社区党总支")
    loaded = street.record_version("organisations", org.id)
    values = {**org.model_dump(mode="json"), "scope": "体系内"}
    with street.action("edit"):
        save_organisation(street, {**values, "phone": "111"}, version=loaded)
    first = street.audit_entries(limit=1)[0]
    with pytest.raises(EditConflict) as refused:
        save_organisation(street, {**values, "phone": "222"}, version=loaded)
    assert first.actor in str(refused.value) and f"{first.at.astimezone():%Y-%m-%d %H:%M}" in str(refused.value)
    assert _org(street, "铜川社区党总支").phone == "111"


def test_existing_writes_carry_versions_rotation_meeting_and_plan(street: GraphStore, data_dir):
    from graphdb.store import RevisionConflict
    from lianmeng.ops.analysis import apply_plan, pairing_plan
    from lianmeng.ops.meetings import SlotEdit, record_meeting, record_versions, save_rotation
    from lianmeng.records import rotation_slot_id
    from lianmeng.settings import Settings

    dataset = street.snapshot()
    alliance = dataset.alliances[0].id
    members = [o.id for o in dataset.members_of(alliance)]
    keys = [("rotations", rotation_slot_id(alliance, "2027Q1"))]
    loaded = record_versions(street, keys)
    with street.action("edit"):
        save_rotation(street, alliance, [SlotEdit("2027Q1", members[0], True)], versions=loaded)
    with pytest.raises(EditConflict):  # a second editor who loaded the same (empty) slot
        save_rotation(street, alliance, [SlotEdit("2027Q1", members[1], True)], versions=loaded)
    slot = next(s for s in street.snapshot().rotations if s.quarter == "2027Q1")
    assert slot.chair == members[0]

    meeting = next(m for m in street.snapshot().meetings if m.alliance == alliance)
    seen = record_versions(street, [("meetings", meeting.id)])
    fields = {**meeting.model_dump(mode="python"), "location": "甲"}
    record_meeting(street, fields, versions=seen)
    with pytest.raises(EditConflict):
        record_meeting(street, {**fields, "location": "乙"}, versions=seen)

    plan = pairing_plan(street, max_new=1)
    computed_at = street.revision()
    save_rotation(street, alliance, [SlotEdit("2027Q2", members[0], True)])  # someone writes meanwhile
    settings = Settings.from_env()
    with pytest.raises(RevisionConflict):
        apply_plan(street, plan, chosen=[0], settings=settings, expected_revision=computed_at)
    assert settings.backup_dir.is_relative_to(data_dir)


def test_alliances_and_committees_are_added_and_edited_through_the_import_rules(street: GraphStore):
    from lianmeng.ops.edits import save_alliance, save_committee

    saved = save_committee(street, {"name": "文创党委", "level": "二级党委", "parent": "XX街道党工委"})
    sub = next(s for s in street.snapshot().subcommittees if s.id == saved.id)
    assert sub.parent == "street"
    added = save_alliance(street, {"name": "文创党建联盟", "sector": "文创", "led_by": "文创党委"})
    alliance = next(a for a in street.snapshot().alliances if a.id == added.id)
    assert (alliance.sector, alliance.led_by) == ("文创", sub.id)
    entry = street.audit_entries(limit=1)[0]
    assert entry.items[0].before is None and entry.items[0].after["name"] == "文创党建联盟"
    version = street.record_version("alliances", alliance.id)
    save_alliance(street, {"id": alliance.id, "name": "文创党建联盟", "sector": "文创", "led_by": sub.id,
                           "project": "文创街区"}, version=version)
    with pytest.raises(EditConflict):
        save_alliance(street, {"id": alliance.id, "name": "文创党建联盟", "sector": "文创", "project": "别的"},
                      version=version)
    with pytest.raises(FormRefused) as refused:  # the import's message for an unknown 牵头二级党委
        save_alliance(street, {"name": "另一个联盟", "sector": "社区", "led_by": "不存在的党委"})
    assert "不存在的党委" in refused.value.fields["led_by"][0]
    with pytest.raises(FormRefused):
        save_alliance(street, {"name": "社区党建联盟", "sector": "社区"})  # the name is taken
    district = save_committee(street, {"name": "XX区委", "level": "区委"})
    save_committee(street, {"id": "street", "name": "XX街道党工委", "level": "街道党工委", "parent": "XX区委"},
                   version=street.record_version("committees", "street"))
    assert next(c for c in street.snapshot().committees if c.id == "street").parent == district.id


def test_user_writes_carry_versions(store: GraphStore):
    from lianmeng.ops import users

    users.add_user(store, "甲管理", "admin", "pass-word-1")
    users.add_user(store, "乙规划", "planner", "pass-word-1")
    loaded = store.record_version("users", "乙规划")
    with store.action("user"):
        users.set_password(store, "乙规划", "pass-word-2", version=loaded)
    with pytest.raises(EditConflict) as refused:  # another admin changed 乙规划 since this form loaded
        users.remove_user(store, "乙规划", version=loaded)
    assert "用户“乙规划”" in str(refused.value)
    assert store.user("乙规划") is not None
    users.remove_user(store, "乙规划", version=store.record_version("users", "乙规划"))
    assert store.user("乙规划") is None
