"""街道概览: counts against the seed's targets and the alliances as cards."""

import streamlit as st

from lianmeng.targets import SEED_TARGETS
from lianmeng.texts import SECTOR_LABELS, STORE_LABELS, say
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

st.subheader(say("overview_targets"))
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
        target = SEED_TARGETS.get(target_key) if target_key else None
        st.metric(
            say(label),
            value,
            delta=(value - target) if target is not None else None,
            delta_color="normal",
            help=say("target_delta", target=target) if target is not None else None,
            border=True,
        )

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

# --- issue 17: overdue problems and open needs ---------------------------------------------
from lianmeng.ops.problems import overview as _mechanisms  # noqa: E402
from lianmeng.texts import MECHANISM_LABELS as _L  # noqa: E402

_m = _mechanisms(common.snapshot(store, common.store_key(store), rev), common.settings().today)
st.subheader(_L["overview_section"])
if _m["warning"]:
    st.warning(_m["warning"])
# counts as text, not st.metric: the figures above stay the overview's only metrics
st.markdown(f"{_L['overview_overdue']} **{len(_m['overdue'])}** · {_L['overview_due_today']} "
            f"**{len(_m['due_today'])}** · {_L['overview_open_needs']} **{len(_m['open_needs'])}**")
_left, _right = st.columns(2)
with _left:
    st.markdown(f"**{_L['overview_overdue']}**")
    for _row in _m["overdue"]:
        st.markdown(f"- {markdown_literal(_row['id'])} · {markdown_literal(_row['organisation_name'])} · "
                    f"{_L['received']} {_row['received']} · {_L['clear_answer']} {_row['deadlines']['clear_answer']}")
with _right:
    st.markdown(f"**{_L['overview_open_needs']}**")
    for _need in _m["open_needs"]:
        st.markdown(f"- {markdown_literal(_need['title'])} · {markdown_literal(_need['organisation'])} · "
                    f"{_need['quarter']}")
