"""供需清单: open needs beside matching resources (with reasons), claims in progress, what
was closed or lapsed; publish, claim, fulfil, close; a pairing from a claim (issue 17)."""


import pandas as pd
import streamlit as st

from lianmeng.errors import LianmengError
from lianmeng.ops import needs as ops
from lianmeng.texts import MECHANISM_LABELS as L
from lianmeng.texts import NEED_KIND_LABELS, say
from lianmeng.web import common

store = common.store()
rev = common.revision(store)
dataset = common.snapshot(store, common.store_key(store), rev)

st.title(L["needs_title"])
def _done(message: str) -> None:
    """After a write: keep the message for the next run, and rerun so every list shows the change."""
    st.session_state["needs_flash"] = message
    st.rerun()


if "needs_flash" in st.session_state:
    st.success(st.session_state.pop("needs_flash"))
today = st.date_input(L["today"], value=common.settings().today, key="needs_today")
view = ops.board_view(store, today)
columns = {"id": "编号", "organisation": L["organisation"], "kind_label": L["kind"], "quarter": L["quarter"],
           "title": L["title"], "category": L["category"], "claimed_by": L["claimant"], "claimed_on": L["date"],
           "status_label": L["status"], "note": L["note"]}


def _table(rows: list[dict]) -> None:
    if rows:
        st.dataframe(pd.DataFrame(rows)[list(columns)].fillna("").rename(columns=columns), hide_index=True,
                     width="stretch")
    else:
        st.caption(L["none"])


board, publish, handle, pairings = st.tabs([L["board"], L["publish"], L["handle"], L["pairings"]])
with board:
    st.subheader(L["open_needs"])
    needs_open = [i for i in view["open"] if i["kind"] == "need"]
    if not needs_open:
        st.caption(say("needs_none_open"))
    for item in needs_open:
        with st.container(border=True):
            st.markdown(f"**{item['title']}** · {item['organisation']} · {item['quarter']} · {item['category']}")
            found = view["matches"].get(item["id"], [])
            if found:
                st.dataframe(pd.DataFrame([{L["matches"]: f"{m['title']}（{m['organisation']}）",
                                            L["score"]: m["score"], L["reasons"]: "；".join(m["reasons"])}
                                           for m in found]), hide_index=True, width="stretch")
    st.subheader(L["resources_open"])
    _table([i for i in view["open"] if i["kind"] == "resource"])
    for status in ("claimed", "fulfilled", "closed", "lapsed"):
        st.subheader(L[status])
        _table(view[status])

can_edit = common.can("edit_needs")
orgs = {o.name: o.id for o in dataset.organisations}
with publish:
    if not can_edit:
        st.info(say("mechanisms_read_only"))
    with st.form("needs_publish"):
        org = st.selectbox(L["organisation"], list(orgs), key="needs_org")
        kind = st.radio(L["kind"], list(NEED_KIND_LABELS), format_func=NEED_KIND_LABELS.get, horizontal=True)
        title = st.text_input(L["title"], key="needs_title_input")
        category = st.text_input(L["category"], key="needs_category")
        description = st.text_area(L["description"], key="needs_description")
        quantity = st.text_input(L["quantity"], key="needs_quantity")
        contact = st.text_input(L["contact"], key="needs_contact")
        if st.form_submit_button(L["publish"], disabled=not can_edit):
            try:
                item = ops.publish(store, organisation=org, title=title, kind=kind, category=category,
                                   description=description, quantity=quantity, contact=contact, on=today)
                _done(say("need_published", title=item.title, kind=NEED_KIND_LABELS[item.kind.value],
                               quarter=item.quarter))
            except LianmengError as exc:
                st.error(str(exc))

with handle:
    live = [i for s in ("open", "claimed", "fulfilled") for i in view[s]]
    labels = {i["id"]: f"{i['title']}（{i['organisation']}，{i['status_label']}）" for i in live}
    with st.form("needs_handle"):
        item_id = st.selectbox(L["item"], list(labels), format_func=labels.get, key="needs_item")
        action = st.radio(L["action"], ["claim", "fulfil", "close"], format_func=L.get, horizontal=True)
        claimant = st.selectbox(L["claimant"], list(orgs), key="needs_claimant")
        day = st.date_input(L["date"], value=today, key="needs_day")
        note = st.text_input(L["note"], key="needs_note")
        if st.form_submit_button(L["submit"], disabled=not can_edit or not labels):
            try:
                if action == "claim":
                    done = ops.claim(store, item_id, claimant, day)
                    _done(say("need_claimed", title=done.title, by=claimant, on=day))
                elif action == "fulfil":
                    done = ops.fulfil(store, item_id, day, note)
                    _done(say("need_fulfilled", title=done.title, on=day))
                else:
                    done = ops.close(store, item_id, day, note)
                    _done(say("need_closed", title=done.title, on=day))
            except LianmengError as exc:
                st.error(str(exc))

    # 告知书 / 认领书 of any item, from the shipped templates (`lianmeng needs notice|claim-form --template` for one's own)
    every = {i["id"]: f"{i['title']}（{i['organisation']}，{i['status_label']}）"
             for s in ("open", "claimed", "fulfilled", "closed", "lapsed") for i in view[s]}
    if every:
        letter_item = st.selectbox(L["letters"], list(every), format_func=every.get, key="needs_letter_item")
        left, right = st.columns(2)
        left.download_button(L["notice"], ops.need_letter(store, letter_item, "notice"),
                             file_name=f"告知书-{letter_item}.docx", key="needs_notice")
        claimed = next(i for s in ("open", "claimed", "fulfilled", "closed", "lapsed") for i in view[s]
                       if i["id"] == letter_item)["claimed_by"]
        if claimed:
            right.download_button(L["claim_form"], ops.need_letter(store, letter_item, "claim"),
                                  file_name=f"认领书-{letter_item}.docx", key="needs_claim_form")

with pairings:
    if not view["suggested_pairings"]:
        st.caption(L["no_suggestions"])
    for suggestion in view["suggested_pairings"]:
        with st.container(border=True):
            st.markdown(f"**{suggestion['a']}** ↔ **{suggestion['b']}** · {suggestion['kind']}")
            if st.button(L["make_pairing"], key=f"pair_{suggestion['item']}", disabled=not common.can("edit_data")):
                try:
                    pairing = ops.pair_from_claim(store, suggestion["item"], today)
                    _done(say("pairing_from_claim", a=suggestion["a"], b=suggestion["b"],
                                   kind=suggestion["kind"], since=pairing.since))
                except LianmengError as exc:
                    st.error(str(exc))
