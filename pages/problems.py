"""群众诉求: the 一、三、十五 clock — overdue and due-today problems, every problem with its
deadlines and verdict, receiving and moving a problem, on-time rates per quarter (issue 17)."""


import pandas as pd
import streamlit as st

from lianmeng.errors import LianmengError
from lianmeng.ops import problems as ops
from lianmeng.texts import CHANNEL_LABELS, PROBLEM_STATUS_LABELS, VERDICT_LABELS, say
from lianmeng.texts import MECHANISM_LABELS as L
from lianmeng.web import common

store = common.store()
rev = common.revision(store)
dataset = common.snapshot(store, common.store_key(store), rev)

st.title(L["problems_title"])
def _done(message: str) -> None:
    """After a write: keep the message for the next run, and rerun so every list shows the change."""
    st.session_state["problems_flash"] = message
    st.rerun()


if "problems_flash" in st.session_state:
    st.success(st.session_state.pop("problems_flash"))
today = st.date_input(L["today"], value=common.settings().today, key="problems_today")
with_text = not common.settings().hide_problem_text or common.can("read_problem_text")
columns = {"id": "编号", "received": L["received"], "channel_label": L["channel"],
           "organisation_name": L["organisation"], "alliance_name": L["alliance"], "status_label": L["status"],
           "first_reply": L["first_reply"], "clear_answer": L["clear_answer"], "solved": L["solved"],
           "verdict_label": L["verdict"], **({"text": L["text"]} if with_text else {})}


def _rows(which: str) -> tuple[list[dict], str | None]:
    rows, warning = ops.problem_rows(dataset, today, which=which, with_text=with_text)
    for row in rows:
        row.update(row.pop("deadlines"), verdict_label=VERDICT_LABELS[row["verdict"]])
    return rows, warning


def _table(rows: list[dict]) -> None:
    if rows:
        st.dataframe(pd.DataFrame(rows)[list(columns)].rename(columns=columns), hide_index=True, width="stretch")
    else:
        st.caption(L["none"])


everything, warning = _rows("all")
if warning:
    st.warning(warning)
if not with_text:
    st.caption(say("problem_text_hidden"))
overdue, _ = _rows("overdue")
due, _ = _rows("due_today")
left, right = st.columns(2)
left.metric(L["overdue"], len(overdue), border=True)
right.metric(L["due_today"], len(due), border=True)
st.subheader(L["overdue"])
_table(overdue)
st.subheader(L["due_today"])
_table(due)

can_edit = common.can("edit_problems")
orgs = {o.name: o.id for o in dataset.organisations}
receive, advance = st.columns(2)
with receive, st.form("problems_receive"):
    st.markdown(f"**{L['receive']}**")
    org = st.selectbox(L["organisation"], list(orgs), key="problems_org")
    channel = st.selectbox(L["channel"], list(CHANNEL_LABELS), format_func=CHANNEL_LABELS.get, key="problems_channel")
    received = st.date_input(L["received"], value=today, key="problems_received")
    text = st.text_area(L["text"], key="problems_text")
    if st.form_submit_button(L["receive"], disabled=not can_edit):
        try:
            problem = ops.receive(store, received=received, organisation=org, channel=channel, text=text)
            _done(say("problem_added", id=problem.id, received=problem.received,
                           channel=CHANNEL_LABELS[problem.channel.value]))
        except LianmengError as exc:
            st.error(str(exc))
with advance, st.form("problems_advance"):
    st.markdown(f"**{L['advance']}**")
    live = [r for r in everything if r["status"] != "closed"]
    labels = {r["id"]: f"{r['id']} {r['organisation_name']}（{r['status_label']}）" for r in live}
    problem_id = st.selectbox(L["problem_id"], list(labels), format_func=labels.get, key="problems_pick")
    steps = ["first_reply", "clear_answer", "resolved", "unresolvable", "closed"]
    step = st.selectbox(L["step"], steps, format_func=PROBLEM_STATUS_LABELS.get, key="problems_step")
    day = st.date_input(L["date"], value=today, key="problems_day")
    explanation = st.text_input(L["explanation"], key="problems_explanation")
    if st.form_submit_button(L["advance"], disabled=not can_edit or not labels):
        try:
            moved = ops.advance(store, problem_id, step, day, explanation=explanation)
            rows, _ = ops.problem_rows(store.snapshot(), day, which="all", with_text=False)
            row = next(r for r in rows if r["id"] == moved.id)
            deadline = {"first_reply": "first_reply", "clear_answer": "clear_answer", "resolved": "solved",
                        "unresolvable": "solved"}.get(step)
            verdict = row["steps"][deadline] if deadline else row["verdict"]
            _done(say("problem_moved", id=moved.id, status=PROBLEM_STATUS_LABELS[moved.status.value], on=day)
                       + f" {L['verdict']}：{VERDICT_LABELS[verdict]}")
        except LianmengError as exc:
            st.error(str(exc))

st.subheader(L["rates"])
by = st.radio(L["rates"], ["alliance", "organisation"], horizontal=True, label_visibility="collapsed",
              format_func=lambda k: L["by_alliance"] if k == "alliance" else L["by_org"], key="problems_by")
rates = ops.rates(dataset, today, by=by)
if rates:
    st.dataframe(pd.DataFrame([{L["quarter"]: r["quarter"], L["organisation" if by == "organisation" else "alliance"]:
                                r["name"] or "—", L["counted"]: r["counted"], L["on_time"]: r["on_time"],
                                L["rate"]: None if r["rate"] is None else f"{r['rate']:.0%}"} for r in rates]),
                 hide_index=True, width="stretch")
st.subheader(L["all"])
_table(everything)
