"""审计: every write — who, when, what, before and after — filtered by date, person,
action and table. Admin only (the navigation hides it; the store checks again)."""

import datetime as dt

import pandas as pd
import streamlit as st

from lianmeng.access import PermissionDenied
from lianmeng.audit_view import actor_label, entry_rows, item_rows, per_day, table_label
from lianmeng.dataset import TABLES
from lianmeng.errors import LianmengError
from lianmeng.ops.backups import BackupShelf, backup_rows, restore
from lianmeng.texts import AUDIT_ACTION_LABELS, TABLE_LABELS, say
from lianmeng.web import common
from lianmeng.web.tables import show
from views.analysis_charts import per_day_chart

store = common.store()
try:
    store.require("audit")
except PermissionDenied as exc:
    st.error(str(exc))
    st.stop()

st.title(say("audit_title"))
st.caption(say("audit_caption"))

# --- backups: list and restore (admin; issue 13) ------------------------------------------
RESTORED = "audit_restored"
with st.expander(say("restore_heading"), expanded=RESTORED in st.session_state):
    if RESTORED in st.session_state:
        st.success(st.session_state.pop(RESTORED))
    st.caption(say("restore_caption"))
    shelf = BackupShelf(common.settings().backup_dir, keep=common.settings().backup_keep)
    backups = backup_rows(store, shelf)
    if not backups:
        st.text(say("restore_none"))
    else:
        st.dataframe(pd.DataFrame([{
            say("col_backup_time"): f"{b['created'].astimezone():%Y-%m-%d %H:%M:%S}",
            say("col_backup_reason"): b["reason"], say("col_backup_revision"): b["revision"],
            say("col_backup_actor"): b["actor"],
            say("col_backup_counts"): "、".join(f"{TABLE_LABELS.get(t, t)} {n}" for t, n in b["counts"].items() if n),
        } for b in backups]), hide_index=True, width="stretch")
        picked = st.selectbox(say("restore_pick"), [b["name"] for b in backups], key="audit_restore_pick")
        sure = st.checkbox(say("restore_confirm"), key="audit_restore_sure")
        if st.button(say("restore_button"), type="primary", disabled=not sure, key="audit_restore"):
            try:
                before, revision = restore(store, shelf, picked)
            except LianmengError as exc:
                st.error(str(exc))
            else:
                st.session_state[RESTORED] = say("restore_done", name=picked, revision=revision, before=before.name)
                st.session_state.pop("audit_restore_sure", None)
                st.rerun()

ALL = say("audit_all")
today = dt.date.today()
left, mid, right = st.columns(3)
since = left.date_input(say("audit_since"), value=today - dt.timedelta(days=30))
until = left.date_input(say("audit_until"), value=today)
action = mid.selectbox(say("audit_action"), [ALL, *AUDIT_ACTION_LABELS],
                       format_func=lambda a: AUDIT_ACTION_LABELS.get(a, a))
tables = [*TABLES, "users"]
table = right.selectbox(say("audit_table"), [ALL, *tables],
                        format_func=lambda t: t if t == ALL else table_label(t))

# one query for the period; the people to choose from are those who wrote in it
entries = store.audit_entries(
    since=dt.datetime.combine(since, dt.time.min).astimezone(),
    until=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min).astimezone(),
    action=None if action == ALL else action,
    table=None if table == ALL else table,
    limit=2000,
)
actor = mid.selectbox(say("audit_actor"), [ALL, *sorted({e.actor for e in entries})],
                      format_func=lambda a: a if a == ALL else actor_label(a))
if actor != ALL:
    entries = [e for e in entries if e.actor == actor]
if not entries:
    st.info(say("audit_none"))
    st.stop()

st.write(say("audit_count", n=len(entries), items=sum(len(e.items) for e in entries)))
st.altair_chart(per_day_chart(per_day(entries), title=say("chart_audit_title"), axis=say("audit_per_day")),
                width="stretch")
show(pd.DataFrame(entry_rows(entries)))

chosen = st.selectbox(say("audit_detail_pick"), [e.seq for e in entries])
entry = next(e for e in entries if e.seq == chosen)
rows = item_rows(entry)
if rows:
    # dataframe cells are shown as text, never as HTML
    show(pd.DataFrame(rows))
