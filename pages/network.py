"""网络图: the pairing network, filtered, searched, aggregated when large, downloadable."""

import datetime as dt

import pandas as pd
import streamlit as st

from lianmeng.records import Organisation
from lianmeng.texts import (
    KIND_LABELS,
    NETWORK_FOCUS_ALL,
    NETWORK_LABELS,
    SCOPE_LABELS,
    SECTOR_LABELS,
    say,
)
from lianmeng.web import analysis_data, common, explorer_data, network_frame
from views.escaping import markdown_literal
from views.network import NetworkFilter
from views.palette import KIND_ORDER
from views.search import find

# session_state keys
FOCUS = "network_focus"
KINDS = "network_kinds"
SCOPES = "network_scopes"
ANY_DATE = "network_any_date"
ON_DATE = "network_on_date"
MEASURE = "network_measure"
QUERY = "network_query"
PICK = "network_pick"
STEPS = "network_steps"
DRILL = "network_drill"
CHAIN_FROM = "network_chain_from"
CHAIN_TO = "network_chain_to"
MORE_OPEN = "network_more_open"  # the filters' expander is open (its widgets built only then)
CHAIN_OPEN = "network_chain_open"  # the chain finder's expander is open
VIEW_HEIGHT = 720

store = common.store()
rev = common.revision(store)
key = common.store_key(store)
dataset = common.snapshot(store, key, rev)
settings = common.settings()

st.title(NETWORK_LABELS["title"])
if not dataset.organisations:
    st.info(say("net_empty"))
    st.stop()

alliance_names = {a.id: a.name for a in dataset.alliances}
names = {p.id: p.name for p in (*dataset.organisations, *dataset.alliances, *dataset.committees)}

ALL = "all"
sectors = [a.sector for a in dataset.alliances]
focus_options = [ALL, *alliance_names]


def _focus_label(option: str) -> str:
    if option == ALL:
        return NETWORK_FOCUS_ALL
    alliance = next(a for a in dataset.alliances if a.id == option)
    # the sector's one word (行政区, 社区…) when it names one alliance only, else the full name
    return SECTOR_LABELS.get(alliance.sector, alliance.name) if sectors.count(alliance.sector) == 1 else alliance.name


focused = st.segmented_control(say("net_focus_alliance"), focus_options, default=ALL, format_func=_focus_label,
                               key=FOCUS) or ALL
# the filters are built and drawn only while their expander is open (a click reruns the page):
# a page switch loads no date, slider or multiselect code; closed, their last values apply
with st.expander(say("net_more_filters"), key=MORE_OPEN, on_change="rerun") as more:
    if more.open:
        middle, right = st.columns([3, 2])
        middle.multiselect(say("net_filter_kinds"), list(KIND_ORDER), default=list(KIND_ORDER),
                           format_func=KIND_LABELS.get, key=KINDS)
        right.multiselect(say("net_filter_scopes"), list(SCOPE_LABELS), default=list(SCOPE_LABELS),
                          format_func=SCOPE_LABELS.get, key=SCOPES)
        left, middle, right = st.columns([3, 3, 2])
        left.date_input(say("net_filter_date"), value=dt.date.today(), key=ON_DATE)
        left.checkbox(say("net_filter_any_date"), value=False, key=ANY_DATE)
        middle.selectbox(say("net_size_measure"), list(explorer_data.SIZE_MEASURES),
                         format_func=explorer_data.SIZE_MEASURES.get, key=MEASURE)
        right.slider(say("net_steps"), min_value=1, max_value=3, value=1, key=STEPS)
        search_col, pick_col = st.columns([2, 3])
        search_col.text_input(say("net_search"), key=QUERY)
    else:
        common.keep_values((KINDS, SCOPES, ON_DATE, ANY_DATE, MEASURE, STEPS, QUERY, PICK))
    chosen_kinds = st.session_state.get(KINDS, list(KIND_ORDER))
    chosen_scopes = st.session_state.get(SCOPES, list(SCOPE_LABELS))
    on_date = st.session_state.get(ON_DATE, dt.date.today())
    any_date = st.session_state.get(ANY_DATE, False)
    measure = st.session_state.get(MEASURE, next(iter(explorer_data.SIZE_MEASURES)))
    steps = st.session_state.get(STEPS, 1)
    query = st.session_state.get(QUERY, "")
    focus = None
    if query.strip():
        matches = find(explorer_data.search_entries(store, key, rev), query)
        if matches and not more.open:
            # the organisation picked while the filters were open, if the search still finds it
            focus = st.session_state.get(PICK) if st.session_state.get(PICK) in {m.id for m in matches} \
                else matches[0].id
        elif matches:
            focus = pick_col.selectbox(say("net_search_pick"), [m.id for m in matches],
                                       format_func=names.get, key=PICK)
            # the selected node's edit forms live on the 组织 page: open it there (issue 13)
            picked = dataset.party(focus)
            if isinstance(picked, Organisation) and common.may_edit_member(picked.alliance) and \
                    pick_col.button(say("net_edit_selected"), key=PICK + "_edit"):
                st.session_state["organisations_pick"] = focus
                st.switch_page("pages/organisations.py")
        elif more.open:
            pick_col.warning(say("net_search_none", query=markdown_literal(query)))


flt = NetworkFilter(
    alliances=None if focused == ALL else frozenset({focused}),
    kinds=None if set(chosen_kinds) == set(KIND_ORDER) else frozenset(chosen_kinds),
    scopes=None if set(chosen_scopes) == set(SCOPE_LABELS) else frozenset(chosen_scopes),
    active_on=None if any_date else on_date,
)

# the graph first, the chain finder under it (the chain is drawn thick in the graph)
graph_area = st.container()
with st.expander(say("net_chain_heading"), key=CHAIN_OPEN, on_change="rerun") as chain_box:
    chain_ends = None
    if chain_box.open:  # its two lists name every organisation: built only while open
        a_col, b_col = st.columns(2)
        org_ids = [o.id for o in dataset.organisations]
        a_col.selectbox(say("net_chain_from"), org_ids, index=None, format_func=names.get, key=CHAIN_FROM)
        b_col.selectbox(say("net_chain_to"), org_ids, index=None, format_func=names.get, key=CHAIN_TO)
    else:
        common.keep_values((CHAIN_FROM, CHAIN_TO))
    source, target = st.session_state.get(CHAIN_FROM), st.session_state.get(CHAIN_TO)
    if source in names and target in names and source != target:
        chain_ends = (source, target)
    if chain_ends and chain_box.open:
        rows = explorer_data.chain(store, key, rev, flt, *chain_ends)
        if rows is None:
            st.info(say("net_chain_none", a=markdown_literal(names[source]), b=markdown_literal(names[target])))
        else:
            st.write(say("net_chain_found", steps=len(rows)))
            st.dataframe(pd.DataFrame(rows).rename(columns={
                "from": say("net_chain_step_from"), "to": say("net_chain_step_to"),
                "kind": say("net_chain_step_kind"), "content": say("net_chain_step_content")}),
                hide_index=True, width="stretch")

# the analysis (computed once per revision) sizes the nodes and fills the side panels
scores = analysis_data.centrality_scores(store, key, rev)
panels = analysis_data.panels(store, key, rev, dt.date.today())
with graph_area:
    drill = None
    probe = explorer_data.network(store, key, rev, flt, detail_max=settings.network_detail_max, measure=measure,
                                  focus=focus, steps=steps, drill=None, chain_ends=chain_ends,
                                  _scores=scores, _panels=panels)
    if probe.mode == "aggregate":
        st.info(say("net_aggregate_notice", count=probe.selected_nodes, limit=settings.network_detail_max))
        shown = [a for a in alliance_names if flt.alliances is None or a in flt.alliances]
        drill = st.selectbox(say("net_drill"), [None, *shown],
                             format_func=lambda a: say("net_drill_none") if a is None else alliance_names[a], key=DRILL)
    result = probe if drill is None else explorer_data.network(
        store, key, rev, flt, detail_max=settings.network_detail_max, measure=measure, focus=focus, steps=steps,
        drill=drill, chain_ends=chain_ends, _scores=scores, _panels=panels)

    if focus is not None and result.mode != "neighbourhood":
        # the organisation found is hidden by the filters: say so rather than show the whole view
        st.info(say("net_focus_filtered", name=markdown_literal(names[focus])))
    if not result.view.nodes:
        st.info(say("net_empty"))
        st.stop()
    st.caption(say("net_counts", nodes=len(result.view.nodes), edges=len(result.view.edges)) + " · "
               + say("net_panel_hint"))
    # one frame for the page: vis-network loads once, each new view is drawn in place
    network_frame.show(result, height=VIEW_HEIGHT, editable=common.editable_organisations(dataset))
    # the standalone page (vis-network inlined, 1 MB and more) is made when the button is clicked,
    # not sent with every view
    st.download_button(say("net_download"), data=lambda: result.html.encode("utf-8"), on_click="ignore",
                       file_name=f"网络图-{_focus_label(focused)}-{dt.date.today().isoformat()}.html", mime="text/html")
