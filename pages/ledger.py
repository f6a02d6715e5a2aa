"""工作台账: the activities under pairings, alliances, projects and action days; the year's
outcomes; an Excel download; and a form to record an activity (planners; chairs for their alliance)."""

import datetime as dt

import streamlit as st

from lianmeng.access import Role
from lianmeng.errors import LianmengError
from lianmeng.ledger_records import ActivityCategory
from lianmeng.ops.ledger import record_activity
from lianmeng.texts import ACTIVITY_CATEGORY_LABELS, LEDGER_COLUMNS, say
from lianmeng.web import common, ledger_data
from views import ledger as views

# session_state keys
YEAR = "ledger_year"
REPORT = "ledger_report_wanted"
ALLIANCE = "ledger_alliance"
CATEGORY = "ledger_category"
TEXT = "ledger_text"
FORM = "ledger_form"
SAVED = "ledger_saved"

store = common.store()
rev = common.revision(store)
key = common.store_key(store)
dataset = common.snapshot(store, key, rev)
user = common.actor()

st.title(say("ledger_title"))
st.caption(say("ledger_caption"))
saved = st.session_state.pop(SAVED, None)
if saved:
    st.success(saved)

ANY = say("ledger_any")
years = sorted({a.date.year for a in dataset.activities}, reverse=True)
alliance_names = {a.id: a.name for a in dataset.alliances}
left, middle, right, search = st.columns([1, 2, 2, 3])
year = left.selectbox(say("ledger_filter_year"), [ANY, *years], key=YEAR)
alliance = middle.selectbox(say("ledger_filter_alliance"), [ANY, *alliance_names],
                            format_func=lambda a: alliance_names.get(a, a), key=ALLIANCE)
category = right.selectbox(say("ledger_filter_category"), [ANY, *ACTIVITY_CATEGORY_LABELS],
                           format_func=lambda c: ACTIVITY_CATEGORY_LABELS.get(c, c), key=CATEGORY)
text = search.text_input(say("ledger_filter_text"), key=TEXT)
chosen = views.LedgerFilter(year=None if year == ANY else int(year), alliance=None if alliance == ANY else alliance,
                            category=None if category == ANY else category, text=text.strip())

if not dataset.activities:
    st.info(say("ledger_empty"))
else:
    outcome_year = chosen.year or ledger_data.default_year(store, key, rev)
    view = ledger_data.ledger_view(store, key, rev, chosen, outcome_year)
    st.markdown(say("ledger_count", count=view["count"], people_served=view["people_served"],
                    volunteers=view["volunteers"], donated=view["donated"]))
    st.dataframe(view["frame"], hide_index=True, width="stretch", height=360)
    if outcome_year is not None:
        result = ledger_data.year_outcomes(store, key, rev, outcome_year)
        st.subheader(say("ledger_outcomes", year=outcome_year, previous=outcome_year - 1))
        chart_col, table_col = st.columns([2, 3])
        chart_col.altair_chart(views.outcomes_chart(result), width="stretch")
        table_col.dataframe(view["alliances"], hide_index=True, width="stretch")
    excel, report = st.columns(2)
    excel.download_button(say("ledger_download"), view["workbook"], file_name=f"工作台账-{dt.date.today()}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if outcome_year is not None:
        # the report draws two charts (about a second): made on request, then kept per revision
        wanted = st.session_state.get(REPORT) == (outcome_year, rev)
        if not wanted and report.button(say("ledger_report_make", year=outcome_year), key="ledger_report_make"):
            st.session_state[REPORT] = (outcome_year, rev)
            wanted = True
        if wanted:
            with st.spinner(say("ledger_report_making", year=outcome_year)):
                document = ledger_data.annual_report(store, key, rev, outcome_year, store.actor_name)
            report.download_button(say("ledger_report_download", year=outcome_year), document,
                                   file_name=f"{outcome_year}年度区域化党建工作报告.docx", key="ledger_report",
                                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

# --- record an activity ---------------------------------------------------------------------
st.subheader(say("ledger_form"))
if not common.can("record_activity"):
    st.info(say("ledger_form_denied"))
    st.stop()
chair_alliance = user.alliance if user.role is Role.CHAIR else None
in_force = [p for p in dataset.pairings if p.is_active and p.active_on(dt.date.today())]
if chair_alliance:
    members = {o.id for o in dataset.members_of(chair_alliance)} | {chair_alliance}
    in_force = [p for p in in_force if p.party_a in members or p.party_b in members]
    st.caption(say("ledger_chair_only_alliance", alliance=alliance_names.get(chair_alliance, chair_alliance)))
pairing_label = {p.id: f"{dataset.name_of(p.party_a)}—{dataset.name_of(p.party_b)}" for p in in_force}
NONE = ""
org_names = {o.id: o.name for o in dataset.organisations}
with st.form(FORM, clear_on_submit=True):
    a, b = st.columns(2)
    day = a.date_input(LEDGER_COLUMNS["date"], value=dt.date.today(), key="ledger_form_date")
    title = b.text_input(LEDGER_COLUMNS["title"], key="ledger_form_title")
    c, d = st.columns(2)
    category_value = c.selectbox(LEDGER_COLUMNS["category"], [c.value for c in ActivityCategory],
                                 format_func=lambda v: ACTIVITY_CATEGORY_LABELS[v], key="ledger_form_category")
    pairing = d.selectbox(say("ledger_form_pairing"), [NONE, *pairing_label],
                          format_func=lambda p: pairing_label.get(p, say("ledger_form_none")), key="ledger_form_pairing")
    e, f = st.columns(2)
    alliance_choices = [chair_alliance] if chair_alliance else [NONE, *alliance_names]
    form_alliance = e.selectbox(LEDGER_COLUMNS["alliance"], alliance_choices,
                                format_func=lambda x: alliance_names.get(x, say("ledger_form_none")),
                                key="ledger_form_alliance")
    organisations = f.multiselect(LEDGER_COLUMNS["organisations"], list(org_names), format_func=lambda o: org_names[o],
                                  key="ledger_form_orgs")
    g, h, i = st.columns(3)
    served = g.number_input(LEDGER_COLUMNS["people_served"], min_value=0, step=1, value=0, key="ledger_form_served")
    volunteers = h.number_input(LEDGER_COLUMNS["volunteers"], min_value=0, step=1, value=0, key="ledger_form_volunteers")
    donated = i.number_input(LEDGER_COLUMNS["donated"], min_value=0.0, step=100.0, value=0.0, key="ledger_form_donated")
    place = st.text_input(LEDGER_COLUMNS["place"], key="ledger_form_place")
    note = st.text_input(LEDGER_COLUMNS["note"], key="ledger_form_note")
    submitted = st.form_submit_button(say("ledger_form_submit"), type="primary")
if submitted:
    values = {"date": day, "title": title, "category": category_value, "pairing": pairing or None,
              "alliance": form_alliance or None, "organisations": tuple(organisations), "people_served": int(served),
              "volunteers": int(volunteers), "donated": float(donated), "place": place, "note": note}
    try:
        activity = record_activity(store, values)
    except LianmengError as exc:
        st.error(str(exc))
    else:
        st.session_state[SAVED] = say("ledger_saved", title=activity.title, date=activity.date,
                                      revision=store.revision())
        st.rerun()
