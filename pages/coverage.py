"""覆盖: coverage against targets, the gaps, the large-linkage heatmap, recommendations,
and the pairing plan with a button that applies it (or chosen rows) in one transaction."""

import datetime as dt

import streamlit as st

from lianmeng.errors import LianmengError
from lianmeng.ops.analysis import apply_plan
from lianmeng.records import Scope
from lianmeng.texts import GAP_LABELS, say
from lianmeng.web import analysis_data, common
from lianmeng.web import charts as web_charts
from lianmeng.web import tables as tables_shown
from views import analysis_charts as charts
from views import analysis_tables as tables
from views import ledger as ledger_views
from views.escaping import markdown_literal

# session_state keys
ENDING_DAYS = "coverage_ending_days"
MAX_NEW = "coverage_max_new"
ORG = "coverage_org"
TOP = "coverage_top"
PLAN_ROWS = "coverage_plan_rows"
APPLY = "coverage_apply"
APPLIED = "coverage_applied"
GAP_TAB = "coverage_gap_tab"  # the open tab of the gap lists (only its table is built)

store = common.store()
rev = common.revision(store)
key = common.store_key(store)
dataset = common.snapshot(store, key, rev)

st.title(say("coverage_title"))
if not dataset.organisations:
    st.info(say("org_empty"))
    st.stop()
applied_notice = st.session_state.pop(APPLIED, None)
if applied_notice:
    st.success(applied_notice)

ending_days = st.sidebar.number_input(say("coverage_ending_days"), min_value=1, max_value=3650, value=30,
                                      step=15, key=ENDING_DAYS)
report = analysis_data.coverage_report(store, key, rev, int(ending_days), dt.date.today())
alliance_names = {a.id: a.name for a in dataset.alliances}

# --- coverage against targets ------------------------------------------------------------
st.subheader(say("coverage_alliances"))
alliances = tables.alliance_frame(report)
today = dt.date.today()
web_charts.show_svg(("coverage_alliances", key, rev, int(ending_days), today), lambda: charts.coverage_svg(alliances))
tables_shown.show(alliances)
# --- living and dormant pairings (issue 16) ------------------------------------------------
st.dataframe(ledger_views.activity_columns(report), hide_index=True, width="stretch")
st.subheader(f"{say('ledger_dormant_title')}（{len(report.dormant)}）")
st.caption(say("ledger_dormant_caption", months=report.dormant_months))
if report.dormant:
    st.dataframe(ledger_views.dormant_frame(dataset, report.dormant), hide_index=True, width="stretch")
else:
    st.success(say("ledger_dormant_none"))
with st.expander(say("coverage_targets")):
    st.dataframe(tables.target_frame(report), hide_index=True, width="stretch")

# --- the gaps ----------------------------------------------------------------------------
st.subheader(say("coverage_gaps"))
# only the open tab's table is built and drawn (a tab click reruns the page)
gap_tabs = st.tabs([f"{GAP_LABELS[flag]}（{len(report.flagged(flag))}）" for flag in GAP_LABELS], key=GAP_TAB,
                   on_change="rerun")
for tab, flag in zip(gap_tabs, GAP_LABELS, strict=True):
    with tab:
        members = report.flagged(flag)
        if not tab.open:
            continue
        if members:
            st.dataframe(tables.member_frame(members, report.names), hide_index=True, width="stretch")
        else:
            st.text(say("org_none"))

st.subheader(say("coverage_matrix"))
st.caption(say("coverage_matrix_note", empty=len(report.matrix.empty)))
web_charts.show_svg(("coverage_matrix", key, rev, int(ending_days), today),
                    lambda: charts.matrix_svg(tables.matrix_frame(report)))
left, right = st.columns(2)
with left:
    st.markdown(f"**{say('gaps_heading_no_alliance_pairing')}**（{len(report.without_alliance_pairing)}）")
    if report.without_alliance_pairing:
        st.dataframe({say("coverage_alliance"): [report.names.get(a, a) for a in report.without_alliance_pairing]},
                     hide_index=True, width="stretch")
    else:
        st.text(say("org_none"))
with right:
    st.markdown(f"**{say('gaps_heading_ending', days=int(ending_days))}**（{len(report.ending)}）")
    if report.ending:
        tables_shown.show(tables.ending_frame(report))
    else:
        st.text(say("org_none"))

# --- recommendations -----------------------------------------------------------------------
st.subheader(say("coverage_recommend"))
members = [o for o in dataset.organisations if o.scope is Scope.MEMBER]
needy = {m.id for m in report.members if not m.covered}
# the members still lacking a linkage first: they are the ones to pair next
order = sorted(members, key=lambda o: (o.id not in needy, o.id))
if order:
    pick_col, top_col = st.columns([4, 1])
    names = {o.id: o.name for o in order}
    org_id = pick_col.selectbox(say("coverage_pick_org"), [o.id for o in order], format_func=names.get, key=ORG)
    top = top_col.number_input(say("coverage_top"), min_value=1, max_value=50, value=5, key=TOP)
    # one above the other, full width: the reasons are read in full
    for linkage in ("small", "large"):
        with st.container():
            st.markdown(f"**{say('coverage_recommend_' + linkage, name=markdown_literal(names[org_id]))}**")
            found = analysis_data.candidates(store, key, rev, org_id, linkage, int(top))
            if found:
                tables_shown.show(tables.candidate_frame(found, alliance_names))
            else:
                st.text(say("coverage_no_candidates"))

# --- the plan ------------------------------------------------------------------------------
st.subheader(say("coverage_plan"))
max_new = st.number_input(say("coverage_max_new"), min_value=1, max_value=10, value=2, key=MAX_NEW)
result = analysis_data.pairing_plan(store, key, rev, int(max_new))
st.write(say("plan_summary", n=len(result.pairings), before=result.before.covered, after=result.after.covered,
             members=result.before.members))
metric_cols = st.columns(3)
for column, field in zip(metric_cols, ("with_small", "with_large", "covered"), strict=True):
    before, after = getattr(result.before, field), getattr(result.after, field)
    column.metric(say(f"coverage_metric_{field}"), f"{after} / {result.after.members}", delta=after - before)
web_charts.show_svg(("coverage_plan", key, rev, int(max_new)),
                    lambda: charts.before_after_svg(tables.before_after_frame(result)))
if result.impossible:
    st.warning(say("coverage_impossible", n=len(result.impossible)))
    st.dataframe(tables.impossible_frame(result), hide_index=True, width="stretch")
if not result.pairings:
    st.info(say("coverage_plan_nothing"))
    st.stop()
plan_table = tables.plan_frame(result)
tables_shown.show(plan_table)

if common.can("apply_plan"):
    rows = list(range(len(result.pairings)))
    labels = {i: f"{i + 1}. {p.name_a} — {p.name_b}（{plan_table.iloc[i, 3]}）" for i, p in enumerate(result.pairings)}
    # keyed on the revision and the limit: a new plan starts with every row chosen
    chosen = st.multiselect(say("coverage_plan_rows"), rows, default=rows, format_func=labels.get,
                            key=f"{PLAN_ROWS}_{rev}_{int(max_new)}")

    CONFIRMING = APPLY + "_rows"  # the rows the open dialog asks about

    @st.dialog(say("plan_confirm_title"), on_dismiss=lambda: st.session_state.pop(CONFIRMING, None))
    def confirm_plan(rows: list[int]) -> None:
        """Applying writes many pairings at once: said plainly, confirmed in a dialog (issue 13)."""
        st.write(say("plan_confirm_body", n=len(rows)))
        for i in rows[:10]:
            st.caption(labels[i])
        if st.button(say("plan_confirm_button"), type="primary", key=APPLY + "_confirm"):
            try:
                applied = apply_plan(store, result, chosen=rows, settings=common.settings(), expected_revision=rev)
            except LianmengError as exc:  # refused, stale or invalid: nothing written
                st.error(str(exc))
            else:
                st.session_state.pop(CONFIRMING, None)
                st.session_state[APPLIED] = say("coverage_applied", n=len(applied.pairings), rev=applied.revision,
                                                backup=applied.backup.name if applied.backup else "—")
                st.rerun()

    if st.button(say("coverage_apply", n=len(chosen)), type="primary", disabled=not chosen, key=APPLY):
        st.session_state[CONFIRMING] = list(chosen)
    if CONFIRMING in st.session_state:
        confirm_plan(st.session_state[CONFIRMING])
else:
    st.caption(say("coverage_apply_needs_planner"))
