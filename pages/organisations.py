"""组织: every organisation in a searchable, sortable table, one organisation in detail, and —
for planners, and for a chair on their own alliance's members — the edit forms: edit, add (or
move) an organisation, add a pairing (its kind shown before saving), end one."""

import datetime as dt

import streamlit as st

from lianmeng.ops.edits import end_pairing, pairing_kind_preview, save_organisation, save_pairing
from lianmeng.texts import (
    FIELD_LABELS,
    ORG_TYPE_LABELS,
    ORGANISATION_TABLE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    say,
)
from lianmeng.web import analysis_data, common, explorer_data, forms
from lianmeng.web.tables import show
from views import analysis_tables
from views.escaping import markdown_literal
from views.search import find

# session_state keys
QUERY = "organisations_query"
PICK = "organisations_pick"
OPENED_FORM = "organisations_opened_form"  # (organisation, "edit" or "pair") opened from the network's panel
EDIT_TAB = "organisations_edit_tab"  # the edit section's open tab (only its forms are built and sent)
#: the forms a link may open (organisations?org=ID&form=edit|pair), by the tab they open on
FORM_TABS = {"edit": say("edit_tab_org"), "pair": say("edit_tab_pair")}

store = common.store()
rev = common.revision(store)
key = common.store_key(store)
dataset = common.snapshot(store, key, rev)

st.title(say("org_title"))
if not dataset.organisations:
    st.info(say("org_empty"))
    st.stop()
# a form opened from the network's side panel is shown first, above the tables
form_first = st.container()

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
# every cell as text (never HTML), sortable by any column header
show(shown)

if shown.empty:
    st.stop()
names = dict(zip(table[id_column], table[ORGANISATION_TABLE_LABELS["name"]], strict=True))
# organisations?org=ID (the network view's "在组织页查看" button) opens that organisation
wanted_org = st.query_params.get("org")
if wanted_org in names and wanted_org in set(shown[id_column]):
    st.session_state[PICK] = wanted_org
    wanted_form = st.query_params.get("form")
    if wanted_form in FORM_TABS:
        st.session_state[OPENED_FORM] = (wanted_org, wanted_form)
        st.session_state[EDIT_TAB] = FORM_TABS[wanted_form]
        del st.query_params["form"]
    del st.query_params["org"]
org_id = st.selectbox(say("org_pick"), list(shown[id_column]), format_func=names.get, key=PICK)
profile = explorer_data.profile(store, key, rev, org_id)

st.subheader(markdown_literal(profile.organisation.name))
facts_col, brands_col = st.columns([3, 2])
with facts_col:
    st.markdown(f"**{say('org_facts')}**")
    show(profile.facts)
with brands_col:
    st.markdown(f"**{say('org_brands')}**")
    if profile.brands:
        show({say("org_brands"): list(profile.brands)})
    else:
        st.text(say("org_none"))
    st.markdown(f"**{say('org_ranks')}**")
    ranks = analysis_tables.centrality_ranks(analysis_data.centrality_scores(store, key, rev), org_id)
    if ranks.empty:
        st.text(say("org_none"))
    else:
        show(ranks)

for heading, frame in ((say("org_pairings"), profile.pairings), (say("org_chaired"), profile.chaired),
                       (say("org_attended"), profile.attended)):
    st.markdown(f"**{heading}**（{len(frame)}）")
    if frame.empty:
        st.text(say("org_none"))
    else:
        show(frame)

# --- edit forms (planners and admins; issue 13) — a chair's for their alliance's members (issue 14)
if not common.may_edit_member(profile.organisation.alliance):
    chair_alliance = common.actor().alliance if common.can("edit_members") else None
    st.caption(say("edit_needs_own_alliance", alliance=markdown_literal(dataset.name_of(chair_alliance)))
               if chair_alliance else say("edit_needs_planner"))
    st.stop()

# a chair keeps their members in their alliance (the store refuses a move out of it)
ALLIANCE_IDS = [None, *(a.id for a in dataset.alliances)] if common.can("edit_data") else [common.actor().alliance]
alliance_name = {None: say("edit_no_alliance"), **{a.id: a.name for a in dataset.alliances}}
TEXT_FIELDS = ("unit", "industry", "address", "grid", "contact", "phone")
LIST_FIELDS = ("brands", "resources", "needs")


def organisation_fields(form: str, record) -> dict[str, object]:
    """The organisation's widgets (keyed per form and record, so typed values survive a refused save)."""
    prefix = f"{form}_{record.id if record else 'new'}"
    values: dict[str, object] = {}
    values["name"] = st.text_input(FIELD_LABELS["name"], value=record.name if record else "", key=f"{prefix}_name")
    forms.errors_below(form, "name")
    left, middle, right = st.columns(3)
    with left:
        alliance = st.selectbox(FIELD_LABELS["alliance"], ALLIANCE_IDS, format_func=alliance_name.get,
                                index=ALLIANCE_IDS.index(record.alliance) if record else 0, key=f"{prefix}_alliance")
        values["alliance"] = alliance or ""
        forms.errors_below(form, "alliance")
    with middle:
        scopes = list(SCOPE_LABELS)
        values["scope"] = SCOPE_LABELS[st.selectbox(
            FIELD_LABELS["scope"], scopes, format_func=SCOPE_LABELS.get,
            index=scopes.index(record.scope.value) if record else 0, key=f"{prefix}_scope")]
        forms.errors_below(form, "scope")
    with right:
        types = list(ORG_TYPE_LABELS)
        values["type"] = ORG_TYPE_LABELS[st.selectbox(
            FIELD_LABELS["type"], types, format_func=ORG_TYPE_LABELS.get,
            index=types.index(record.type.value) if record else len(types) - 1, key=f"{prefix}_type")]
    columns = st.columns(3)
    for i, field in enumerate(TEXT_FIELDS):
        with columns[i % 3]:
            values[field] = st.text_input(FIELD_LABELS[field], value=getattr(record, field) if record else "",
                                          key=f"{prefix}_{field}")
            forms.errors_below(form, field)
    count_col, index_col = st.columns(2)
    with count_col:
        values["member_count"] = st.number_input(FIELD_LABELS["member_count"], min_value=0, step=1,
                                                 value=record.member_count if record else None,
                                                 key=f"{prefix}_member_count")
        forms.errors_below(form, "member_count")
    with index_col:
        values["pioneer_index"] = st.number_input(FIELD_LABELS["pioneer_index"], value=record.pioneer_index
                                                  if record else None, key=f"{prefix}_pioneer_index")
        forms.errors_below(form, "pioneer_index")
    columns = st.columns(3)
    for i, field in enumerate(LIST_FIELDS):
        with columns[i]:
            values[field] = forms.text_items(st.text_area(
                FIELD_LABELS[field], value=forms.items_text(getattr(record, field)) if record else "",
                help=say("edit_list_help"), key=f"{prefix}_{field}"))
            forms.errors_below(form, field)
    return values


org = profile.organisation
opened_org, opened_form = st.session_state.get(OPENED_FORM) or (None, None)
# opened from the network's panel for this organisation: the forms first, on the chosen tab
edit_area = form_first if opened_org == org.id else st.container()
edit_area.subheader(say("edit_heading") + "：" + markdown_literal(org.name) if opened_org == org.id
                    else say("edit_heading"))
# only the open tab's form is built and drawn (a tab click reruns the page): a third of the
# widgets, and the page switch that much quicker
edit_tab, new_tab, pair_tab, end_tab = edit_area.tabs(
    [say("edit_tab_org"), say("edit_tab_new"), say("edit_tab_pair"), say("edit_tab_end")],
    key=EDIT_TAB, on_change="rerun")
with edit_tab:
    if edit_tab.open:
        FORM = "org_edit"
        forms.flash(FORM)
        version = forms.loaded_version(store, FORM, "organisations", org.id)
        with st.form(f"{FORM}_{org.id}", enter_to_submit=False):
            typed = organisation_fields(FORM, org)
            if st.form_submit_button(say("edit_save_org"), type="primary"):
                forms.save(FORM, lambda: save_organisation(store, {**typed, "id": org.id}, version=version),
                           lambda saved: say("edit_saved", revision=saved.revision))
with new_tab:
    if new_tab.open:
        FORM = "org_new"
        forms.flash(FORM)
        with st.form(FORM, enter_to_submit=False):
            typed_new = organisation_fields(FORM, None)
            if st.form_submit_button(say("edit_add_org"), type="primary"):
                forms.save(FORM, lambda: save_organisation(store, typed_new),
                           lambda saved: say("edit_saved", revision=saved.revision))
with pair_tab:
    if pair_tab.open:
        FORM = "pair_new"
        forms.flash(FORM)
        partners = [p for p in (*dataset.committees, *dataset.alliances, *dataset.organisations) if p.id != org.id]
        partner = st.selectbox(say("edit_partner"), [p.id for p in partners], format_func=dataset.name_of,
                               index=None, key=f"{FORM}_partner")
        forms.errors_below(FORM, "party_b")
        if partner:
            label, problem = pairing_kind_preview(dataset, org.id, partner)
            if label:  # the kind, worked out from the two ends, before saving
                st.info(say("edit_kind_preview", kind=label))
            else:
                st.error(problem)
        declared = st.selectbox(say("edit_declared"), ["", "小联动", "大联动"], key=f"{FORM}_kind",
                                format_func=lambda v: v or say("edit_declared_auto"))
        forms.errors_below(FORM, "kind")
        content = st.text_input(FIELD_LABELS["content"], key=f"{FORM}_content")
        since = st.date_input(FIELD_LABELS["since"], value=dt.date.today(), key=f"{FORM}_since")
        forms.errors_below(FORM, "since")
        if st.button(say("edit_save_pair"), type="primary", disabled=not partner, key=f"{FORM}_save"):
            forms.save(FORM, lambda: save_pairing(store, {"party_a": org.id, "party_b": partner, "kind": declared,
                                                          "content": content, "since": since}),
                       lambda saved: say("edit_saved", revision=saved.revision))
with end_tab:
    if end_tab.open:
        FORM = "pair_end"
        forms.flash(FORM)
        active = [p for p in dataset.pairings if p.is_active and org.id in (p.party_a, p.party_b)]
        if not active:
            st.text(say("edit_no_active"))
        else:
            chosen = st.selectbox(say("edit_end_pick"), [p.id for p in active], key=f"{FORM}_pick", format_func=lambda i: (
                lambda p: f"{dataset.name_of(p.party_a)} — {dataset.name_of(p.party_b)}（{p.since}）")(
                next(p for p in active if p.id == i)))
            pair_version = forms.loaded_version(store, FORM, "pairings", chosen)
            until = st.date_input(say("edit_end_until"), value=None, key=f"{FORM}_until")
            forms.errors_below(FORM, "until")
            if st.button(say("edit_end_button"), type="primary", key=f"{FORM}_save"):
                forms.save(FORM, lambda: end_pairing(store, chosen, until, version=pair_version),
                           lambda saved: say("edit_saved", revision=saved.revision))
            # its content and dates, edited in place (the same pairing, the same rules)
            pairing = next(p for p in active if p.id == chosen)
            st.markdown(f"**{say('edit_pair_content')}**")
            content = st.text_input(FIELD_LABELS["content"], value=pairing.content, key=f"{FORM}_{chosen}_content")
            forms.errors_below(FORM, "content")
            since = st.date_input(FIELD_LABELS["since"], value=pairing.since, key=f"{FORM}_{chosen}_since")
            forms.errors_below(FORM, "since")
            if st.button(say("edit_pair_save"), key=f"{FORM}_content_save"):
                forms.save(FORM, lambda: save_pairing(store, {
                    "id": pairing.id, "party_a": pairing.party_a, "party_b": pairing.party_b, "content": content,
                    "since": since, "until": pairing.until, "status": STATUS_LABELS[pairing.status.value]},
                    version=pair_version), lambda saved: say("edit_saved", revision=saved.revision))
