"""用户: who may sign in and with which role. Admin only (navigation and store both check)."""

import pandas as pd
import streamlit as st

from lianmeng.access import PermissionDenied, Role
from lianmeng.errors import LianmengError
from lianmeng.ops import users
from lianmeng.texts import ROLE_LABELS, USER_COLUMNS, say
from lianmeng.web import common, forms
from lianmeng.web.tables import show

store = common.store()
try:
    listed = users.list_users(store)
except PermissionDenied as exc:
    st.error(str(exc))
    st.stop()

st.title(say("users_title"))
st.caption(say("users_caption"))
show(pd.DataFrame([{USER_COLUMNS.get(k, k): (ROLE_LABELS[v] if k == "role" else v) for k, v in u.items()}
                   for u in listed]))

alliances = {a.id: a.name for a in store.snapshot().alliances}
with st.form("add_user", clear_on_submit=True):
    st.subheader(say("users_add"))
    name = st.text_input(say("signin_name"))
    role = st.selectbox(say("users_role"), [r.value for r in Role], format_func=lambda r: ROLE_LABELS[r])
    alliance = st.selectbox(say("users_alliance"), ["", *alliances],
                            format_func=lambda a: alliances.get(a, say("users_none")))
    email = st.text_input(say("users_email"))
    first = st.text_input(say("signin_password"), type="password")
    second = st.text_input(say("users_password_again"), type="password")
    if st.form_submit_button(say("users_add"), type="primary"):
        try:
            password = users.check_password_pair(first, second)
            added = users.add_user(store, name.strip(), role, password, alliance=alliance or None,
                                   email=email or None)
        except LianmengError as exc:
            st.error(str(exc))
        else:
            st.success(say("user_added", name=added.name, role=ROLE_LABELS[added.role]))

others = [u["name"] for u in listed if u["name"] != common.actor().name]
if others:
    st.subheader(say("users_remove"))
    gone = st.selectbox(say("users_remove"), others, label_visibility="collapsed")
    loaded = forms.loaded_version(store, "users_remove", "users", gone)  # as shown: a stale removal is refused
    if st.button(say("users_remove_button")):
        try:
            users.remove_user(store, gone, version=loaded)
        except LianmengError as exc:
            st.error(str(exc))
        else:
            forms.forget_versions("users_remove")
            st.success(say("user_removed", name=gone))
