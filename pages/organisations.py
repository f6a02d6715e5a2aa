"""组织: every organisation in a searchable, sortable table, and one organisation in detail."""

import streamlit as st

from lianmeng.texts import ORGANISATION_TABLE_LABELS, say
from lianmeng.web import analysis_data, common, explorer_data
from views import analysis_tables
from views.escaping import markdown_literal
from views.search import find

# session_state keys
QUERY = "organisations_query"
PICK = "organisations_pick"

store = common.store()
rev = common.revision(store)
key = common.store_key(store)
dataset = common.snapshot(store, key, rev)

st.title(say("org_title"))
if not dataset.organisations:
    st.info(say("org_empty"))
    st.stop()

table = explorer_data.organisations(store, key, rev)
id_column = ORGANISATION_TABLE_LABELS["id"]
query = st.text_input(say("org_search"), key=QUERY)
if query.strip():
    wanted = [e.id for e in find(explorer_data.search_entries(store, key, rev), query, limit=len(table))]
    shown = table.set_index(id_column, drop=False).reindex(
        [i for i in wanted if i in set(table[id_column])]).reset_index(drop=True)
else:
    shown = table
st.caption(say("org_count", shown=len(shown), total=len(table)))
# st.dataframe shows every cell as text (never HTML) and sorts by any column header
st.dataframe(shown, hide_index=True, width="stretch")

if shown.empty:
    st.stop()
names = dict(zip(table[id_column], table[ORGANISATION_TABLE_LABELS["name"]], strict=True))
# organisations?org=ID (the network view's "在组织页查看" button) opens that organisation
wanted_org = st.query_params.get("org")
if wanted_org in names and wanted_org in set(shown[id_column]):
    st.session_state[PICK] = wanted_org
    del st.query_params["org"]
org_id = st.selectbox(say("org_pick"), list(shown[id_column]), format_func=names.get, key=PICK)
profile = explorer_data.profile(store, key, rev, org_id)

st.subheader(markdown_literal(profile.organisation.name))
facts_col, brands_col = st.columns([3, 2])
with facts_col:
    st.markdown(f"**{say('org_facts')}**")
    st.dataframe(profile.facts, hide_index=True, width="stretch")
with brands_col:
    st.markdown(f"**{say('org_brands')}**")
    if profile.brands:
        st.dataframe({say("org_brands"): list(profile.brands)}, hide_index=True, width="stretch")
    else:
        st.text(say("org_none"))
    st.markdown(f"**{say('org_ranks')}**")
    ranks = analysis_tables.centrality_ranks(analysis_data.centrality_scores(store, key, rev), org_id)
    if ranks.empty:
        st.text(say("org_none"))
    else:
        st.dataframe(ranks, hide_index=True, width="stretch")

for heading, frame in ((say("org_pairings"), profile.pairings), (say("org_chaired"), profile.chaired),
                       (say("org_attended"), profile.attended)):
    st.markdown(f"**{heading}**（{len(frame)}）")
    if frame.empty:
        st.text(say("org_none"))
    else:
        st.dataframe(frame, hide_index=True, width="stretch")
