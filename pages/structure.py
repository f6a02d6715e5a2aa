"""结构: centrality rankings, brokers, single points of failure, components, and the
communities the pairings form against the formal alliances."""

import streamlit as st

from analysis.centrality import MEASURES
from lianmeng.texts import (
    ANALYSIS_COLUMNS,
    COMMUNITY_METHOD_LABELS,
    MEASURE_LABELS,
    SCOPE_LABELS,
    say,
)
from lianmeng.web import analysis_data, common
from lianmeng.web import charts as web_charts
from lianmeng.web.tables import show
from views import analysis_charts as charts
from views import analysis_tables as tables
from views.palette import street_colours

# session_state keys
MEASURE = "structure_measure"
TOP = "structure_top"
ALLIANCE = "structure_alliance"
EXACT_REFRESH = "structure_exact_refresh"

store = common.store()
rev = common.revision(store)
key = common.store_key(store)
dataset = common.snapshot(store, key, rev)

st.title(say("structure_title"))
if not dataset.organisations:
    st.info(say("org_empty"))
    st.stop()

report = analysis_data.report(store, key, rev)
names = {o.id: o.name for o in dataset.organisations}
alliance_names = {a.id: a.name for a in dataset.alliances}
st.caption(say("structure_summary", nodes=report.nodes, edges=report.edges,
               components=report.structure.component_count, seconds=report.total_seconds))

# --- centrality -------------------------------------------------------------------------
st.subheader(say("structure_centrality"))
measure_col, top_col = st.columns([3, 1])
measure = measure_col.radio(say("structure_measure"), list(MEASURES), format_func=MEASURE_LABELS.get,
                            horizontal=True, key=MEASURE)
top = int(top_col.number_input(say("structure_top"), min_value=5, max_value=100, value=15, key=TOP))
central, estimate_note, exact_note = report.centrality, "", ""
if central.methods.get("betweenness", "exact").startswith("sampled"):  # 估算 now; the exact values in the background
    central, estimate_note, exact_note = analysis_data.estimate_or_exact(store, central)
method = central.methods.get(measure, "exact")
if measure == "betweenness" and exact_note:
    st.success(exact_note)
elif measure == "betweenness" and estimate_note:
    st.info(estimate_note)
    st.button(say("structure_exact_refresh"), key=EXACT_REFRESH)
elif method.startswith("sampled"):
    st.info(say("structure_sampled", measure=MEASURE_LABELS[measure], method=tables.method_label(method)))
ranking = tables.ranking_frame(central, measure, names, alliance_names, top=top)
colours = street_colours(dataset.alliances, list(SCOPE_LABELS.values()))
st.caption(say("help_betweenness") + " " + say("help_pagerank"))
# built once per revision, measure, length and method (the exact betweenness replaces the estimate)
web_charts.show_svg(("structure_ranking", key, rev, measure, top, central.methods.get(measure)),
                    lambda: charts.ranking_svg(ranking, MEASURE_LABELS[measure], colours, title=say(
                        "chart_ranking_title", measure=MEASURE_LABELS[measure], top=len(ranking))))
with st.expander(say("structure_table")):
    show(ranking)

alliance = st.selectbox(say("structure_per_alliance"), list(alliance_names), format_func=alliance_names.get,
                        key=ALLIANCE)
if alliance is not None:
    own = [n for n, a in report.centrality.alliance_of.items() if a == alliance]
    show(tables.ranking_frame(central, measure, names, alliance_names, nodes=own, top=top))

# --- brokers ---------------------------------------------------------------------------------
st.subheader(say("structure_brokers"))
st.caption(say("structure_brokers_note"))
show(tables.broker_frame(report.brokers, alliance_names, top=top))

# --- single points of failure -------------------------------------------------------------
st.subheader(say("structure_fragile"))
points_col, bridges_col = st.columns(2)
with points_col:
    points = report.structure.articulation_points
    st.markdown(f"**{say('structure_articulation')}**（{len(points)}）")
    show({ANALYSIS_COLUMNS["organisation"]: [names.get(p, p) for p in points]})
with bridges_col:
    st.markdown(f"**{say('structure_bridges')}**（{len(report.structure.bridges)}）")
    show(tables.bridge_frame(report.structure, names))

st.markdown(f"**{say('structure_components')}**（{report.structure.component_count}）")
st.caption(say("structure_components_note", largest=report.structure.largest_component,
               isolates=len(report.structure.isolates)))
show(tables.component_frame(report.structure, names))

# --- communities ---------------------------------------------------------------------------
st.subheader(say("structure_communities"))
found = report.communities
columns = st.columns(4)
columns[0].metric(say("structure_community_count"), len(found.communities))
columns[1].metric(say("structure_alliance_modularity"), f"{found.alliance_modularity:.3f}",
                  help=say("help_modularity"))
columns[2].metric(say("structure_adjusted_rand"), f"{found.adjusted_rand:.3f}", help=say("help_adjusted_rand"))
columns[3].metric(say("structure_nmi"), f"{found.nmi:.3f}", help=say("help_nmi"))
for help_key in ("help_modularity", "help_adjusted_rand", "help_nmi"):
    st.caption(say(help_key))
st.caption(say("structure_communities_compare", method=COMMUNITY_METHOD_LABELS.get(found.method, found.method),
               count=len(found.communities), modularity=found.modularity,
               alliance_modularity=found.alliance_modularity, ari=found.adjusted_rand, nmi=found.nmi))
# community × alliance: the row labels are the communities
show(tables.community_alliance_table(found, report.centrality.alliance_of, alliance_names), hide_index=False)
