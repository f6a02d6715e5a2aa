"""街道概览: counts against the street's own targets (a form for planners) and the
alliances as cards."""

import streamlit as st

from graphdb.store import EditConflict
from lianmeng.errors import LianmengError
from lianmeng.ops.edits import save_targets
from lianmeng.texts import SECTOR_LABELS, STORE_LABELS, TARGET_LABELS, say
from lianmeng.web import common
from views.analysis_charts import alliance_pairings_chart
from views.escaping import markdown_literal

store = common.store()
rev = common.revision(store)
data = common.overview_data(store, common.store_key(store), rev)
figures = data["figures"]

st.title(say("overview_title"))
st.caption(say("overview_store", store=STORE_LABELS[store.kind], location=store.location, revision=rev))

if data["empty"]:
    st.info(say("overview_empty"))
    st.stop()

if data["district"]:  # 全区: the streets side by side
    st.subheader(say("district_title"))
    rows = data["district"]["streets"]
    st.caption(say("district_caption", streets=len(rows), cross=data["district"]["cross_street"]))
    st.dataframe([{say("street_pick"): r["name"], say("metric_alliances"): r["alliances"],
                   say("metric_members"): r["members"], say("coverage_metric_covered"): r["covered"],
                   say("metric_small"): r["small"], say("metric_large"): r["large"],
                   say("district_cross_street"): r["cross_street"]} for r in rows],
                 hide_index=True, width="stretch")

targets = data["targets"]
st.subheader(say("overview_own_targets"))
if not data["has_targets"]:
    st.info(say("overview_no_targets"))
metrics = [
    ("metric_alliances", figures["alliances"], "alliances"),
    ("metric_members", figures["organisations"]["member"], "members"),
    ("metric_small", figures["pairings"]["small"], "small"),
    ("metric_large", figures["pairings"]["large"], "large"),
    ("metric_alliance_pairs", figures["pairings"]["alliance"], "alliance"),
    ("metric_street_pairs", figures["pairings"]["street"], "street"),
    ("metric_brands", data["brands"], "brands"),
    ("metric_meetings", figures["meetings"], None),
]
columns = st.columns(4)
for i, (label, value, target_key) in enumerate(metrics):
    with columns[i % 4]:
        target = targets.get(target_key) if target_key else None
        st.metric(
            say(label),
            value,
            delta=(value - target) if target is not None else None,
            delta_color="normal",
            help=say("target_delta", target=target) if target is not None else None,
            border=True,
        )

if data["has_targets"]:
    st.caption(say("target_member_caption", small=data["member_targets"]["member_small"],
                   large=data["member_targets"]["member_large"]))

# --- the targets form (planners and admins) --------------------------------------------------
TARGET_FORM = "targets_form"
TARGET_VERSIONS = "targets_form_versions"  # the versions the form loaded, kept until a save
if common.can("edit_data"):
    if TARGET_FORM + "_done" in st.session_state:
        st.success(st.session_state.pop(TARGET_FORM + "_done"))
    loaded = st.session_state.setdefault(TARGET_VERSIONS, dict(data["target_versions"]))
    with st.expander(say("targets_form"), expanded=not data["has_targets"]), \
            st.form(TARGET_FORM, enter_to_submit=False):
        st.caption(say("targets_form_help"))
        current = {**targets, **data["member_targets"]} if data["has_targets"] else dict(targets)
        cols = st.columns(3)
        typed: dict[str, int | None] = {}
        for i, metric in enumerate(TARGET_LABELS):
            with cols[i % 3]:
                value = st.number_input(TARGET_LABELS[metric], min_value=0, max_value=1_000_000, step=1,
                                        value=current.get(metric), key=f"{TARGET_FORM}_{metric}")
                typed[metric] = None if value is None else int(value)
        if st.form_submit_button(say("targets_save"), type="primary"):
            try:
                revision = save_targets(store, typed, versions=loaded, street=data["street"])
            except EditConflict as exc:  # someone else saved first: the typed values stay
                st.error(str(exc))
            except LianmengError as exc:
                st.error(str(exc))
            else:
                st.session_state.pop(TARGET_VERSIONS, None)
                st.session_state[TARGET_FORM + "_done"] = (say("targets_unchanged") if revision is None
                                                           else say("targets_saved", revision=revision))
                st.rerun()

st.subheader(say("overview_alliances"))
cards = st.columns(max(1, min(5, len(data["alliances"]))))
for i, card in enumerate(data["alliances"]):
    with cards[i % len(cards)], st.container(border=True):
        # names and texts are typed by people: shown literally, never as Markdown
        text = {key: markdown_literal(card[key]) for key in ("name", "led_by", "unified_action", "project")}
        st.markdown(f"**{text['name']}**")
        st.caption(f"{markdown_literal(SECTOR_LABELS.get(card['sector'], card['sector']))} · "
                   f"{say('card_led_by')} {text['led_by']}")
        st.markdown(f"{say('card_members')}：{card['members']}")
        st.markdown(f"{say('card_small')}：{card['small']} · {say('card_large')}：{card['large']}")
        st.markdown(f"{say('card_action')}：{text['unified_action']}")
        st.markdown(f"{say('card_project')}：{text['project']}")

st.altair_chart(alliance_pairings_chart(data["alliances"], say("card_small"), say("card_large")), width="stretch")
