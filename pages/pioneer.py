"""先锋指数: rounds, the ranking per alliance with the number of responses and a 95 %
confidence band, year-over-year change, alerts below the threshold; survey import (issue 17)."""

import pandas as pd
import streamlit as st

from lianmeng.errors import LianmengError
from lianmeng.ops import pioneer as ops
from lianmeng.texts import MECHANISM_LABELS as L
from lianmeng.texts import say
from lianmeng.web import common

store = common.store()
rev = common.revision(store)
dataset = common.snapshot(store, common.store_key(store), rev)

st.title(L["pioneer_title"])
def _done(message: str) -> None:
    """After a write: keep the message for the next run, and rerun so every list shows the change."""
    st.session_state["pioneer_flash"] = message
    st.rerun()


if "pioneer_flash" in st.session_state:
    st.success(st.session_state.pop("pioneer_flash"))
rounds = sorted(dataset.pioneer_rounds, key=lambda r: r.period, reverse=True)
if rounds:
    names = {r.id: r.title or r.period for r in rounds}
    round_id = st.selectbox(L["round"], list(names), format_func=names.get, key="pioneer_round")
    alliances = {"": L["all_alliances"], **{a.id: a.name for a in dataset.alliances}}
    alliance = st.selectbox(L["alliance"], list(alliances), format_func=alliances.get, key="pioneer_alliance")
    view = ops.ranking_view(dataset, round_id, alliance or None)
    if view["alerts"]:
        st.warning(f"{L['alerts']}：{'、'.join(view['alerts'])}")
    if view["rows"]:
        st.dataframe(pd.DataFrame([{
            L["alliance"]: r["alliance_name"] or "—", L["rank"]: r["rank_in_alliance"], L["organisation"]: r["name"],
            L["mean"]: r["mean"], L["band"]: f"{r['low']:.1f}～{r['high']:.1f}", L["n"]: r["n"],
            L["change"]: None if r["change"] is None else f"{r['change']:+.1f}", L["alert"]: "⚠" if r["alert"] else "",
        } for r in view["rows"]]), hide_index=True, width="stretch")
else:
    st.info(L["no_rounds"])

st.subheader(L["upload"])
upload = st.file_uploader(L["upload"], type=["xlsx", "csv"], key="pioneer_upload", label_visibility="collapsed",
                          disabled=not common.can("import"))
if upload is not None and st.button(L["submit"], key="pioneer_import"):
    try:
        result = ops.import_survey(store, upload=(upload.name, upload.getvalue()))
        if result.ok:
            _done(say("survey_imported", n=sum(result.counts.values()), round=upload.name))
        else:
            st.error(L["errors"])
            st.dataframe(pd.DataFrame([{L["sheet"]: e.sheet, L["row"]: e.row, L["column"]: e.column,
                                        L["value"]: e.value, L["message"]: e.message} for e in result.errors]),
                         hide_index=True, width="stretch")
    except LianmengError as exc:
        st.error(str(exc))

with st.expander(L["new_round"]), st.form("pioneer_new_round"):
    period = st.text_input(L["period"], key="pioneer_period")
    questions = st.text_input(L["questions"], key="pioneer_questions")
    weights = st.text_input(L["weights"], key="pioneer_weights")
    low, high, threshold = st.columns(3)
    scale_min = low.number_input(L["scale_min"], value=1.0, key="pioneer_min")
    scale_max = high.number_input(L["scale_max"], value=5.0, key="pioneer_max")
    alert = threshold.number_input(L["threshold"], value=75.0, min_value=0.0, max_value=100.0, key="pioneer_alert")
    if st.form_submit_button(L["new_round"], disabled=not common.can("edit_data")):
        try:
            made = ops.add_round(store, period=period, questions=[q for q in questions.replace("；", ";").split(";")
                                                                  if q.strip()],
                                 weights=[float(w) for w in weights.replace("；", ";").split(";") if w.strip()] or None,
                                 scale_min=scale_min, scale_max=scale_max, threshold=alert)
            _done(f"{made.id} {made.title}")
        except (LianmengError, ValueError) as exc:
            st.error(str(exc))
