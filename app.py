"""联盟图谱 Lianmeng — the Streamlit explorer's entry point.

Run with ``lianmeng serve`` (or ``make run``). Pages live in ``pages/``; this file only
declares them, so navigation titles are Chinese and the overview opens first.
"""

import streamlit as st

from lianmeng.texts import APP_NAME

st.set_page_config(page_title=APP_NAME, page_icon="🔗", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="街道概览", icon="🏠", default=True, url_path="overview"),
    st.Page("pages/network.py", title="网络图", icon="🕸️", url_path="network"),
    st.Page("pages/organisations.py", title="组织", icon="🏢", url_path="organisations"),
]

st.navigation(PAGES).run()
