"""街道概览: counts against the street's own targets (a form for planners) and the
alliances as cards."""

import streamlit as st

from graphdb.store import EditConflict
from lianmeng.errors import LianmengError
from lianmeng.ops.edits import save_alliance, save_committee, save_targets
from lianmeng.texts import (
    FIELD_LABELS,
    LEDGER_METRIC_LABELS,
    MECHANISM_LABELS,
    SECTOR_LABELS,
    STORE_LABELS,
    TARGET_LABELS,
    count_words,
    say,
)
from lianmeng.web import charts, common, forms, ledger_data
from views import ledger as ledger_views
from views.analysis_charts import alliance_pairings_svg
from views.escaping import markdown_literal

store = common.store()
rev = common.revision(store)
key = common.store_key(store)
data = common.overview_data(store, key, rev)
figures = data["figures"]

st.title(say("overview_title"))
with st.expander(say("overview_about")):
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
        difference = (value - target) if target is not None else None
        st.metric(
            say(label),
            value,
            # in words: "较目标 +2", "较目标 -3", "与目标持平"
            delta=None if difference is None else (say("overview_delta_words", delta=f"{difference:+d}") if difference
                                                   else say("overview_delta_equal")),
            delta_color="normal" if difference else "off",
            delta_arrow="off" if not difference else ("up" if difference > 0 else "down"),
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
    # a closed form is neither built nor drawn: opening it reruns the page. Open at first
    # while the street has no targets — and it stays as the person left it after a save
    opened = st.session_state.setdefault(TARGET_FORM + "_opened", not data["has_targets"])
    with st.expander(say("targets_form"), expanded=opened, key=TARGET_FORM + "_open",
                     on_change="rerun") as targets_box:
        if targets_box.open:
            with st.form(TARGET_FORM, enter_to_submit=False):
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
# --- the year's 共治项目: every alliance has one ("一年以一个重大项目解决一个重要问题")
no_project = ledger_data.no_project_warning(store, key, rev, common.settings().today.year)
if no_project:
    st.warning(no_project)
# --- the year's outcomes (issue 16): the last full year against the one before, and this year so far
last_full, latest = ledger_data.years(store, key, rev)
if last_full is not None:
    for year in sorted({last_full, latest}, reverse=True):
        result = ledger_data.year_outcomes(store, key, rev, year)
        st.subheader(say("ledger_overview_outcomes", year=year, previous=year - 1))
        change = result.street.change()
        cells = st.columns(5)
        for cell, metric in zip(cells, ("activities", "people_served", "volunteers", "donated", "projects_finished"),
                                strict=True):
            value = getattr(result.street.current, metric)
            before = getattr(result.street.previous, metric)
            cell.metric(LEDGER_METRIC_LABELS[metric], f"{value:,.0f}",
                        delta=f"{change[metric]:+.0%}" if change[metric] is not None else None, border=True,
                        help=say("ledger_previous_year", year=year - 1, value=f"{before:,.0f}"))
    # drawn as SVG with the page: no chart library to load before the figures show
    chart_col, trend_col = st.columns(2)
    with chart_col:
        charts.show_svg(("overview_outcomes", key, rev, last_full), lambda: ledger_views.outcomes_svg(
            ledger_data.year_outcomes(store, key, rev, last_full)))
    with trend_col:
        charts.show_svg(("overview_trend", key, rev),
                        lambda: ledger_views.trend_svg(common.snapshot(store, key, rev)))

# --- alliances and committees (planners and admins) ------------------------------------------
if common.can("edit_data"):
    dataset = common.snapshot(store, key, rev)
    # built and drawn only once opened (a click reruns the page)
    with st.expander(say("structure_form"), key="structure_form_open", on_change="rerun") as structure_box:
        if structure_box.open:
            forms.flash("alliance_form")
            forms.flash("committee_form")
            left, right = st.columns(2)
            with left:
                ids = ["", *(a.id for a in dataset.alliances)]
                picked = st.selectbox(say("structure_alliance_pick"), ids, key="alliance_form_pick",
                                      format_func=lambda i: dataset.name_of(i) if i else say("structure_new"))
                current = next((a for a in dataset.alliances if a.id == picked), None)
                version = forms.loaded_version(store, "alliance_form", "alliances", picked) if current else None
                with st.form("alliance_form", enter_to_submit=False):
                    typed = {f: st.text_input(FIELD_LABELS[f], value=getattr(current, f) if current else "",
                                              key=f"alliance_form_{picked or 'new'}_{f}")
                             for f in ("name", "sector", "unified_action", "project", "research_topic")}
                    for f in typed:
                        forms.errors_below("alliance_form", f)
                    subs = ["", *(s.id for s in dataset.subcommittees)]
                    typed["led_by"] = st.selectbox(FIELD_LABELS["led_by"], subs, format_func=lambda i: dataset.name_of(i),
                                                   index=subs.index(current.led_by) if current and current.led_by in subs
                                                   else 0, key=f"alliance_form_{picked or 'new'}_led_by")
                    forms.errors_below("alliance_form", "led_by")
                    if st.form_submit_button(say("structure_save_alliance")):
                        forms.save("alliance_form", lambda: save_alliance(store, {**typed, "id": picked or None},
                                                                          version=version),
                                   lambda saved: say("edit_saved", revision=saved.revision))
            with right:
                parties = [*dataset.committees, *dataset.subcommittees]
                ids = ["", *(c.id for c in parties)]
                picked_c = st.selectbox(say("structure_committee_pick"), ids, key="committee_form_pick",
                                        format_func=lambda i: dataset.name_of(i) if i else say("structure_new"))
                current_c = next((c for c in parties if c.id == picked_c), None)
                table = current_c.table if current_c else "committees"
                version_c = forms.loaded_version(store, "committee_form", table, picked_c) if current_c else None
                levels = ["区委", "街道党工委", "二级党委"]
                level_now = "二级党委" if table == "subcommittees" else "街道党工委"
                with st.form("committee_form", enter_to_submit=False):
                    name = st.text_input(FIELD_LABELS["name"], value=current_c.name if current_c else "",
                                         key=f"committee_form_{picked_c or 'new'}_name")
                    forms.errors_below("committee_form", "name")
                    level = st.selectbox(FIELD_LABELS["level"], levels, index=levels.index(level_now),
                                         key=f"committee_form_{picked_c or 'new'}_level")
                    parent_ids = ["", *(c.id for c in dataset.committees)]
                    parent = st.selectbox(FIELD_LABELS["parent"], parent_ids, format_func=lambda i: dataset.name_of(i),
                                          index=parent_ids.index(current_c.parent) if current_c and current_c.parent
                                          in parent_ids else 0, key=f"committee_form_{picked_c or 'new'}_parent")
                    forms.errors_below("committee_form", "parent")
                    forms.errors_below("committee_form", "level")
                    if st.form_submit_button(say("structure_save_committee")):
                        forms.save("committee_form", lambda: save_committee(
                            store, {"id": picked_c or None, "name": name, "level": level, "parent": parent},
                            version=version_c), lambda saved: say("edit_saved", revision=saved.revision))

st.subheader(say("overview_alliances", count=count_words(len(data["alliances"]))))
cards = st.columns(max(1, min(5, len(data["alliances"]))))
for i, card in enumerate(data["alliances"]):
    with cards[i % len(cards)], st.container(border=True):
        # names and texts are typed by people: shown literally, never as Markdown; one element a card
        text = {field: markdown_literal(card[field]) for field in ("name", "led_by", "unified_action", "project")}
        st.markdown("  \n".join([
            f"**{text['name']}**",
            f":gray[{markdown_literal(SECTOR_LABELS.get(card['sector'], card['sector']))} · "
            f"{say('card_led_by')} {text['led_by']}]",
            f"{say('card_members')}：{card['members']}",
            f"{say('card_small')}：{card['small']} · {say('card_large')}：{card['large']}",
            f"{say('card_action')}：{text['unified_action']}",
            f"{say('card_project')}：{text['project']}"]))

charts.show_svg(("overview_alliances", key, rev),
                lambda: alliance_pairings_svg(data["alliances"], say("card_small"), say("card_large")))

# --- issue 17: overdue problems and open needs ---------------------------------------------
board = common.mechanisms_overview(store, key, rev, common.settings().today)
st.subheader(MECHANISM_LABELS["overview_section"])
if board["warning"]:
    st.warning(board["warning"])
# counts as text, not st.metric: the figures above stay the overview's only metrics
st.markdown(f"{MECHANISM_LABELS['overview_overdue']} **{len(board['overdue'])}** · "
            f"{MECHANISM_LABELS['overview_due_today']} **{len(board['due_today'])}** · "
            f"{MECHANISM_LABELS['overview_open_needs']} **{len(board['open_needs'])}**")
overdue_col, needs_col = st.columns(2)
# each list is one element (a row per line), however long it grows
overdue_col.markdown("\n".join([f"**{MECHANISM_LABELS['overview_overdue']}**", ""] + [
    f"- {markdown_literal(row['id'])} · {markdown_literal(row['organisation_name'])} · "
    f"{MECHANISM_LABELS['received']} {row['received']} · {MECHANISM_LABELS['clear_answer']} "
    f"{row['deadlines']['clear_answer']}" for row in board["overdue"]]))
needs_col.markdown("\n".join([f"**{MECHANISM_LABELS['overview_open_needs']}**", ""] + [
    f"- {markdown_literal(need['title'])} · {markdown_literal(need['organisation'])} · {need['quarter']}"
    for need in board["open_needs"]]))
