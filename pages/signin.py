"""登录: the only page shown before sign-in — a form, no data."""

import streamlit as st

from lianmeng.texts import say
from pages import common

st.title(say("signin_title"))
notice = st.session_state.pop(common.SESSION_NOTICE, None)
if notice:
    st.info(notice)

if common.sign_in_mode() == "oidc":
    if st.user.is_logged_in:
        # signed in at the identity provider, but no user here carries that e-mail
        st.error(say("signin_oidc_unknown", email=st.user.get("email") or "—"))
        if st.button(say("sign_out")):
            st.logout()
    elif st.button(say("signin_oidc_button"), type="primary"):
        st.login()
    st.stop()

with st.form("signin"):
    name = st.text_input(say("signin_name"))
    password = st.text_input(say("signin_password"), type="password")
    submitted = st.form_submit_button(say("signin_submit"), type="primary")
if submitted:
    refused = common.try_sign_in(name, password)
    if refused:
        st.error(refused)
    else:
        st.rerun()
