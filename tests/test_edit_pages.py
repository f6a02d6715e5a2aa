"""The 组织 page's edit forms under AppTest on the embedded store (issue 13): add an
organisation, pair it across alliances (kind shown before saving), end a pairing (end date
required), bad input refused next to the field, and a stale save refused keeping the typed
values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_pages import APP, NETWORK_FILTERS_OPEN, open_page
from streamlit.testing.v1 import AppTest

from graphdb.sqlite_store import SqliteStore
from lianmeng.records import PairingKind, PairingStatus

PAGE = "pages/organisations.py"


def _store(data_dir: Path) -> SqliteStore:
    return SqliteStore(data_dir / "lianmeng.sqlite3")


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _open_tab(at: AppTest, label: str) -> AppTest:
    """Open a tab of the edit section (only the open tab's form is built), as a click would."""
    at.session_state["organisations_edit_tab"] = label
    at.run()
    assert not at.exception
    return at


def _org_page(org_id: str) -> AppTest:
    at = open_page(PAGE)
    at.selectbox(key="organisations_pick").set_value(org_id).run()
    assert not at.exception
    return at


def test_add_an_organisation_pair_it_across_alliances_and_end_a_pairing(data_dir: Path):
    at = _open_tab(open_page(PAGE), "新增组织")  # the sample street is loaded on first start
    at.text_input(key="org_new_new_name").input("新华书店党支部")
    at.selectbox(key="org_new_new_alliance").set_value("commercial")
    at.text_area(key="org_new_new_brands").input("书香商圈\n阅读驿站")
    _button(at, "新增组织").click()
    at.run()
    assert not at.exception and any("已保存" in s.value for s in at.success)
    with _store(data_dir) as store:
        org = next(o for o in store.snapshot().organisations if o.name == "新华书店党支部")
        assert org.alliance == "commercial" and org.brands == ("书香商圈", "阅读驿站")
        assert store.audit_entries(limit=1)[0].items[0].before is None
        campus = next(o for o in store.snapshot().organisations if o.alliance == "campus")

    at = _open_tab(_org_page(org.id), "新增结对")
    at.selectbox(key="pair_new_partner").set_value(campus.id).run()
    assert any(i.value == "结对类型：大联动·跨联盟" for i in at.info)  # shown before saving
    at.text_input(key="pair_new_content").input("图书进校园")
    at.date_input(key="pair_new_since").set_value(dt.date(2026, 3, 1))
    _button(at, "保存结对").click()
    at.run()
    assert not at.exception and any("已保存" in s.value for s in at.success)
    with _store(data_dir) as store:
        pairing = next(p for p in store.snapshot().pairings if org.id in (p.party_a, p.party_b))
        assert pairing.kind is PairingKind.CROSS_ALLIANCE and pairing.content == "图书进校园"

    _open_tab(at, "修改或结束结对")
    at.selectbox(key="pair_end_pick").set_value(pairing.id)
    _button(at, "结束结对").click()
    at.run()  # no end date: refused next to the field, nothing written
    assert any("结束日期" in e.value for e in at.error)
    with _store(data_dir) as store:
        assert next(p for p in store.snapshot().pairings if p.id == pairing.id).is_active
    at.date_input(key="pair_end_until").set_value(dt.date(2026, 6, 30))
    _button(at, "结束结对").click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    with _store(data_dir) as store:
        ended = next(p for p in store.snapshot().pairings if p.id == pairing.id)
        assert (ended.status, ended.until) == (PairingStatus.ENDED, dt.date(2026, 6, 30))


def test_bad_input_is_refused_next_to_the_field_and_nothing_is_written(data_dir: Path):
    at = _open_tab(open_page(PAGE), "新增组织")
    with _store(data_dir) as store:
        revision = store.revision()
    at.text_input(key="org_new_new_name").input("新华书店党支部")
    at.selectbox(key="org_new_new_alliance").set_value(None)  # 体系内 without an alliance: the import's rule
    at.number_input(key="org_new_new_pioneer_index").set_value(120)
    _button(at, "新增组织").click()
    at.run()
    messages = " ".join(e.value for e in at.error)
    assert "超出范围" in messages and "所属联盟" in messages
    assert at.text_input(key="org_new_new_name").value == "新华书店党支部"  # typed values stay
    with _store(data_dir) as store:
        assert store.revision() == revision


def test_a_second_session_saving_the_same_organisation_is_refused(data_dir: Path):
    first = open_page(PAGE)
    with _store(data_dir) as store:
        org = next(o for o in store.snapshot().organisations if o.name == "铜川社区党总支")
    first = _org_page(org.id)
    second = _org_page(org.id)
    first.text_input(key=f"org_edit_{org.id}_phone").input("021-1111")
    _button(first, "保存组织").click()
    first.run()
    assert any("已保存" in s.value for s in first.success)
    second.text_input(key=f"org_edit_{org.id}_phone").input("021-2222")
    _button(second, "保存组织").click()
    second.run()
    with _store(data_dir) as store:
        entry = store.audit_entries(limit=1)[0]
        assert next(o for o in store.snapshot().organisations if o.id == org.id).phone == "021-1111"
    refusal = " ".join(e.value for e in second.error)
    assert entry.actor in refusal and f"{entry.at.astimezone():%Y-%m-%d %H:%M}" in refusal
    assert second.text_input(key=f"org_edit_{org.id}_phone").value == "021-2222"


def test_an_admin_restores_a_backup_from_the_explorer(data_dir: Path):
    from lianmeng.ops.backups import BackupShelf
    from lianmeng.records import Organisation, Scope

    open_page("pages/overview.py")  # first start loads the sample street
    with _store(data_dir) as store:
        backup = BackupShelf(data_dir / "backups").save(store, "manual")
        saved = store.snapshot()
        store.upsert([Organisation(id="later", name="后来加的党支部", scope=Scope.EXTERNAL)])
    at = open_page("pages/audit.py")
    listed = at.dataframe[0].value
    assert list(listed.columns) == ["时间", "原因", "数据版本", "操作人", "条数"]
    assert listed.iloc[0]["原因"] == "manual" and "组织 82" in listed.iloc[0]["条数"]
    assert next(b for b in at.button if b.label == "恢复此备份").disabled  # needs the confirmation
    at.selectbox(key="audit_restore_pick").set_value(backup.name)
    at.checkbox(key="audit_restore_sure").check().run()
    next(b for b in at.button if b.label == "恢复此备份").click()
    at.run()
    assert not at.exception and any("已恢复备份" in s.value for s in at.success)
    with _store(data_dir) as store:
        assert store.snapshot().canonical() == saved.canonical()
        entry = store.audit_entries(limit=1)[0]
        assert (entry.action, entry.note) == ("restore", backup.name)
        assert any(i.record_id == "later" and i.after is None for i in entry.items)


def test_the_network_pages_selected_node_opens_its_edit_forms(data_dir: Path):
    at = open_page("pages/network.py", NETWORK_FILTERS_OPEN)
    at.text_input(key="network_query").input("tc").run()
    picked = at.selectbox(key="network_pick").value
    with _store(data_dir) as store:
        assert store.snapshot().name_of(picked) == "铜川社区党总支"
    at.button(key="network_pick_edit").click().run()
    assert not at.exception
    assert at.session_state["organisations_pick"] == picked
    assert any(h.value == "修改数据" for h in at.subheader)


def test_a_planner_adds_an_alliance_on_the_overview(data_dir: Path):
    at = AppTest.from_file(APP, default_timeout=60).run()  # the overview is the default page
    at.session_state["structure_form_open"] = True  # the form is built once its expander is opened
    at.run()
    at.text_input(key="alliance_form_new_name").input("文创党建联盟")
    at.text_input(key="alliance_form_new_sector").input("文创")
    next(b for b in at.button if b.label == "保存联盟").click()
    at.run()
    assert not at.exception and any("已保存" in s.value for s in at.success)
    with _store(data_dir) as store:
        alliance = next(a for a in store.snapshot().alliances if a.name == "文创党建联盟")
        assert alliance.sector == "文创"
    at.text_input(key="alliance_form_new_name").input("社区党建联盟")  # taken: refused next to the field
    next(b for b in at.button if b.label == "保存联盟").click()
    at.run()
    assert any("社区党建联盟" in e.value for e in at.error)


def test_a_pairings_content_and_dates_are_edited_in_place(data_dir: Path):
    open_page(PAGE)
    with _store(data_dir) as store:
        org = next(o for o in store.snapshot().organisations if o.name == "铜川社区党总支")
    at = _open_tab(_org_page(org.id), "修改或结束结对")
    chosen = at.selectbox(key="pair_end_pick").value
    at.text_input(key=f"pair_end_{chosen}_content").input("联合开展五联工作法（更新）")
    _button(at, "保存结对内容").click()
    at.run()
    assert not at.exception and any("已保存" in s.value for s in at.success)
    with _store(data_dir) as store:
        pairing = next(p for p in store.snapshot().pairings if p.id == chosen)
        assert pairing.content == "联合开展五联工作法（更新）" and pairing.is_active
        entry = store.audit_entries(limit=1)[0]
        assert [(i.record_id, i.after["content"]) for i in entry.items] == [(chosen, pairing.content)]
