"""Sign-in and roles in the explorer, headless under AppTest."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import streamlit as st
from app_pages import APP
from streamlit.testing.v1 import AppTest

from graphdb.guarded import GuardedStore
from graphdb.sqlite_store import SqliteStore
from lianmeng.access import Role, User
from lianmeng.ops import users
from lianmeng.ops.sessions import start_session
from lianmeng.sample import sample_street

AUDIT_PAGE = str(Path(APP).parent / "pages" / "audit.py")
PASSWORD = "long-enough-pw"


@pytest.fixture
def people(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> SqliteStore:
    """Sign-in on, the sample street loaded, one user of each role."""
    monkeypatch.setenv("LIANMENG_AUTH", "on")
    # the sign-in throttle lives in st.cache_resource for the process: a failed sign-in
    # in one test must not lock the same name out in the next
    st.cache_resource.clear()
    store = SqliteStore(data_dir / "lianmeng.sqlite3")
    store.replace_all(sample_street())
    for name, role, alliance in (("看", "viewer", None), ("主席", "chair", "commercial"),
                                 ("规划", "planner", None), ("管", "admin", None)):
        users.add_user(store, name, role, PASSWORD, alliance=alliance)
    return store


def _signed_in(name: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_anonymous_sees_only_the_sign_in_form(people: SqliteStore):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["登录联盟图谱"]
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert len(at.metric) == 0 and len(at.dataframe) == 0 and len(at.markdown) == 0
    # not one organisation's or alliance's name anywhere in what was sent
    sent = repr(at._tree)
    assert "商区党建联盟" not in sent and "街道机关党总支" not in sent


def test_signing_in_shows_the_data_and_a_wrong_password_does_not(people: SqliteStore):
    wrong = _signed_in("看", "not-the-password")  # another name: the throttle counts per name
    assert [e.value for e in wrong.error] == ["用户名或密码不正确。"]
    assert len(wrong.metric) == 0
    at = _signed_in("规划")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["党建联盟"] == "5"
    assert "已登录：规划（规划员）" in [c.value for c in at.sidebar.caption]


def test_sessions_expire(people: SqliteStore, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LIANMENG_SESSION_MINUTES", "5")
    at = _signed_in("看")
    assert len(at.metric) == 18  # 8 targets + two years of outcomes, 5 each (needs and problems are a line of text)
    # the session's expiry is the store's: six minutes later it has passed
    with sqlite3.connect(people.path) as conn:
        conn.execute("UPDATE sessions SET expires = ?",
                     ((dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(timespec="microseconds"),))
    at.run()
    assert len(at.metric) == 0
    assert [i.value for i in at.info] == ["登录已过期，请重新登录。"]


def test_a_new_password_signs_the_user_out_at_the_next_action(people: SqliteStore):
    at = _signed_in("看")
    users.set_password(people, "看", "a-brand-new-pw")
    at.run()
    assert len(at.metric) == 0
    assert [i.value for i in at.info] == ["登录已失效（已退出、已过期或密码已更改），请重新登录。"]


def test_a_removed_user_is_signed_out_at_once(people: SqliteStore):
    at = _signed_in("看")
    assert len(at.metric) == 18  # 8 targets + two years of outcomes, 5 each (needs and problems are a line of text)
    users.remove_user(people, "看")
    at.run()
    assert len(at.metric) == 0 and [t.value for t in at.title] == ["登录联盟图谱"]


def test_the_audit_page_is_for_admins_only(people: SqliteStore):
    for name in ("看", "主席", "规划"):
        at = _signed_in(name)
        with pytest.raises(ValueError, match="Known pages") as caught:
            at.switch_page(AUDIT_PAGE)
        assert "audit.py" not in str(caught.value).split("Known pages")[1]
    org = sample_street().organisations[4]
    GuardedStore(people, User("规划", Role.PLANNER)).upsert([org.model_copy(update={"phone": "021-9999-0000"})])
    at = _signed_in("管")
    at.switch_page(AUDIT_PAGE).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["审计"]
    [table] = [d.value for d in at.dataframe if "操作" in d.value.columns]
    # the planner's edit, the four user additions and the sample's load, newest first
    assert list(table["操作"]) == ["编辑"] + ["用户管理"] * 4 + ["编辑"]
    # people by name, the system's own writes as 系统
    assert list(table["操作人"]) == ["规划"] + ["系统"] * 5
    [detail] = [d.value for d in at.dataframe if "字段" in d.value.columns]
    # Chinese table and field names
    assert detail.to_dict("records") == [{"数据表": "组织", "编号": org.id, "变更": "修改", "字段": "电话",
                                          "修改前": org.phone, "修改后": "021-9999-0000"}]
    # filter by action: the user changes only, and the newest one's detail has no hash
    action = next(s for s in at.selectbox if s.label == "操作")
    action.select("user").run()
    [table] = [d.value for d in at.dataframe if "操作" in d.value.columns]
    assert list(table["操作"]) == ["用户管理"] * 4
    [detail] = [d.value for d in at.dataframe if "字段" in d.value.columns]
    assert dict(zip(detail["字段"], detail["修改后"], strict=True)) == {
        "所属联盟": "", "电子邮箱": "", "已设密码": "True", "名称": "管", "角色": "admin"}
    actor = next(s for s in at.selectbox if s.label == "操作人")
    assert actor.options == ["全部", "系统"]


def test_network_listening_without_users_refuses_to_start(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LIANMENG_HOST", "0.0.0.0")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [e.value for e in at.error][0].startswith("浏览器界面将在 0.0.0.0 上对其他电脑开放，必须登录")
    assert len(at.metric) == 0 and len(at.text_input) == 0


def test_localhost_without_sign_in_shows_the_banner(data_dir: Path):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert len(at.metric) == 18  # 8 targets + two years of outcomes, 5 each (needs and problems are a line of text)
    assert at.warning[0].value.startswith("未开启登录：这台电脑上的任何人都能查看并修改全部数据")


def test_every_role_reads_the_overview(people: SqliteStore):
    for name in ("看", "主席", "规划", "管"):
        at = _signed_in(name)
        assert {m.label: m.value for m in at.metric}["体系内组织"] == "48", name


def test_a_page_run_directly_shows_nothing_to_nobody_and_checks_the_role(people: SqliteStore):
    overview = str(Path(APP).parent / "pages" / "overview.py")
    at = AppTest.from_file(overview, default_timeout=60).run()
    assert len(at.metric) == 0 and [t.value for t in at.title] == ["登录联盟图谱"]
    # the audit page checks the role itself, even if reached without the navigation
    at = AppTest.from_file(AUDIT_PAGE, default_timeout=60)
    at.session_state["lm_session_token"] = start_session(people, people.user("规划"), 5)
    at.run()
    assert len(at.dataframe) == 0
    assert [e.value for e in at.error] == ["规划（规划员）无权查看审计记录：需要“管理员”或更高的角色。请联系管理员。"]


def test_an_admin_adds_and_removes_a_user_on_the_users_page(people: SqliteStore):
    users_page = str(Path(APP).parent / "pages" / "users.py")
    with pytest.raises(ValueError, match="Known pages"):
        _signed_in("规划").switch_page(users_page)
    at = _signed_in("管")
    at.switch_page(users_page).run()
    assert not at.exception
    inputs = {t.label: t for t in at.text_input}
    inputs["用户名"].input("新主席")
    inputs["密码"].input("chair-pass-1")
    inputs["再输入一次密码"].input("chair-pass-1")
    next(s for s in at.selectbox if s.label == "角色").select("chair")
    next(s for s in at.selectbox if s.label.startswith("所主持的联盟")).select("park")
    next(b for b in at.button if b.label == "添加用户").click().run()
    assert [s.value for s in at.success] == ["已添加用户“新主席”（轮值主席）。"]
    added = people.user("新主席")
    assert (added.role, added.alliance) == (Role.CHAIR, "park") and added.password_hash.startswith("$argon2id$")
    assert people.audit_entries(limit=1)[0].actor == "管"
    # a mismatched password is refused and nothing is written
    inputs = {t.label: t for t in at.text_input}
    inputs["用户名"].input("另一人")
    inputs["密码"].input("pass-word-1")
    inputs["再输入一次密码"].input("pass-word-2")
    next(b for b in at.button if b.label == "添加用户").click().run()
    assert [e.value for e in at.error] == ["两次输入的密码不一致：未作任何改动，请重新输入。"]
    assert people.user("另一人") is None
    at.run()
    next(s for s in at.selectbox if s.label == "删除用户").select("新主席")
    next(b for b in at.button if b.label == "删除").click().run()
    assert people.user("新主席") is None


# --- issue 14: the edit and pair actions a role is offered ------------------------------------

COMMERCIAL = [f"biz-{i:02d}" for i in range(1, 11)]  # the sample's 商区 members


def _offered(at: AppTest) -> object:
    """What the network frame was told: the organisations whose panel has 编辑/结对 links."""
    import json

    frames = [c for c in at.get("component_instance") if c.proto.component_name.endswith(".network_frame.network")]
    return json.loads(frames[0].proto.json_args)["editable"]


def test_the_network_panel_offers_a_chair_edit_and_pair_on_their_own_members_only(people: SqliteStore):
    offered = {}
    for name in ("主席", "看", "规划"):
        at = _signed_in(name)
        at.switch_page("pages/network.py").run()
        assert not at.exception
        offered[name] = _offered(at)
    assert offered == {"主席": COMMERCIAL, "看": [], "规划": True}


def test_the_organisations_page_opens_a_chairs_forms_on_their_own_members(people: SqliteStore):
    at = _signed_in("主席")
    at.switch_page("pages/organisations.py").run()
    at.selectbox(key="organisations_pick").set_value("biz-01").run()
    assert any(h.value == "修改数据" for h in at.subheader)
    # their member stays in their alliance: the form offers no other
    assert at.selectbox(key="org_edit_biz-01_alliance").options == ["商区党建联盟"]
    at.text_input(key="org_edit_biz-01_phone").input("021-6000-0002")
    next(b for b in at.button if b.label == "保存组织").click().run()
    assert not at.exception and not at.error
    assert people.snapshot().party("biz-01").phone == "021-6000-0002"
    assert people.audit_entries(limit=1)[0].actor == "主席"
    # another alliance's member: no forms, and the reason in words
    at.selectbox(key="organisations_pick").set_value("adm-01").run()
    assert not any(h.value.startswith("修改数据") for h in at.subheader)
    assert "轮值主席只能修改本联盟（商区党建联盟）的成员组织及其结对。" in [c.value for c in at.caption]
    viewer = _signed_in("看")
    viewer.switch_page("pages/organisations.py").run()
    viewer.selectbox(key="organisations_pick").set_value("biz-01").run()
    assert not any(h.value.startswith("修改数据") for h in viewer.subheader)
    assert "修改数据需要“规划”或“管理员”角色（轮值主席可修改本联盟的成员组织及其结对）。" in [c.value for c in viewer.caption]
