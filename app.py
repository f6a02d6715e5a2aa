"""联盟图谱 Lianmeng — the Streamlit explorer's entry point.

Run with ``lianmeng serve`` (or ``make run``). Pages live in ``pages/``; this file only
declares them, so navigation titles are Chinese and the overview opens first. Before any
page runs, ``common.gate()`` decides who is signed in: without a person only the sign-in
form is shown (no page runs, no data is read); with one, the pages their role may see
(``lianmeng.access.PAGE_ROLE``, keyed by each page's ``url_path``: a new page needs its
line in PAGES and, unless every role may see it, one line in PAGE_ROLE).
"""

import streamlit as st

from lianmeng.texts import APP_NAME
from lianmeng.web import common, wording

st.set_page_config(page_title=APP_NAME, page_icon="🔗", layout="wide")
wording.chinese_widgets()

PAGES = [
    st.Page("pages/overview.py", title="街道概览", icon=":material/home:", default=True, url_path="overview"),
    st.Page("pages/network.py", title="网络图", icon=":material/hub:", url_path="network"),
    st.Page("pages/organisations.py", title="组织", icon=":material/apartment:", url_path="organisations"),
    st.Page("pages/coverage.py", title="覆盖", icon=":material/rule:", url_path="coverage"),
    st.Page("pages/structure.py", title="结构", icon=":material/account_tree:", url_path="structure"),
    st.Page("pages/rotating_meetings.py", title="会议", icon=":material/event:", url_path="meetings"),
    st.Page("pages/ledger.py", title="工作台账", icon=":material/fact_check:", url_path="ledger"),
    # issue 17
    st.Page("pages/needs.py", title="供需", icon=":material/handshake:", url_path="needs"),
    st.Page("pages/problems.py", title="诉求", icon=":material/support_agent:", url_path="problems"),
    st.Page("pages/pioneer.py", title="先锋指数", icon=":material/military_tech:", url_path="pioneer"),
    st.Page("pages/import_data.py", title="导入数据", icon=":material/upload_file:", url_path="import"),
    st.Page("pages/downloads.py", title="导出", icon=":material/download:", url_path="exports"),
    st.Page("pages/audit.py", title="审计", icon=":material/history:", url_path="audit"),
    st.Page("pages/users.py", title="用户", icon=":material/group:", url_path="users"),
]

user = common.gate()
if user is None:
    # no navigation at all before sign-in: no page runs, only the form is drawn
    common.sign_in_form()
    st.stop()
common.identity_sidebar(user)
common.street_sidebar(common.store())
common.warm_up_browser()  # the code of tables, fetched while the first page is read
st.navigation(common.visible_pages(user, PAGES), expanded=True).run()  # every page listed, no "View more"
