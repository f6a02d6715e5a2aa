"""联盟图谱 Lianmeng — the Streamlit explorer's entry point.

Run with ``lianmeng serve`` (or ``make run``). Pages live in ``pages/``; this file only
declares them, so navigation titles are Chinese and the overview opens first.
"""

import streamlit as st

from lianmeng.texts import APP_NAME

st.set_page_config(page_title=APP_NAME, page_icon="🔗", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="街道概览", icon="🏠", default=True, url_path="overview"),
    st.Page("pages/rotating_meetings.py", title="会议", icon="🗓️", url_path="meetings"),
    st.Page("pages/downloads.py", title="导出", icon="📤", url_path="exports"),
    st.Page("pages/import_data.py", title="导入数据", icon="📥", url_path="import"),
]

st.navigation(PAGES).run()
