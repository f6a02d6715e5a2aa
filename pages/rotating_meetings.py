"""会议: the chair rotation, meeting records, attendance, the chair's pack and the calendar."""

import datetime as dt

import pandas as pd
import streamlit as st

from lianmeng.errors import LianmengError
from lianmeng.ops.meetings import (
    SlotEdit,
    attendance_view,
    calendar_for_year,
    meetings_of,
    pack_for,
    record_meeting,
    rotation_rows,
    save_rotation,
)
from lianmeng.records import rotation_slot_id
from lianmeng.texts import (
    MEETING_KIND_LABELS,
    MEETING_STATUS_LABELS,
    MEETINGS_COLUMNS,
    ROLE_LABELS,
    ROTATION_SOURCE_LABELS,
    ROTATION_WARNING_LABELS,
    say,
)
from lianmeng.web import charts, common, forms
from lianmeng.web.tables import show
from meetings.pack_docx import pack_docx
from meetings.pack_markdown import pack_markdown
from meetings.quarters import quarter_of, year_quarters
from views.analysis_charts import attendance_svg
from views.palette import street_colours

# session_state keys
ALLIANCE_KEY = "meetings_alliance"
YEAR_KEY = "meetings_year"
MEETING_PICK_KEY = "meetings_pick"
PACK_QUARTER_KEY = "meetings_pack_quarter"
C = MEETINGS_COLUMNS


@st.cache_data(show_spinner=False, max_entries=16)
def _pack_files(_store, store_key: str, rev: int, alliance_id: str, quarter: str,
                today: dt.date, author: str) -> tuple[str, bytes]:
    pack = pack_for(common.snapshot(_store, store_key, rev), alliance_id, quarter, today=today)
    return pack_markdown(pack), pack_docx(pack, author=author)


@st.cache_data(show_spinner=False, max_entries=16)
def _calendar(_store, store_key: str, rev: int, year: int, alliance_id: str | None) -> tuple[str, int]:
    dataset = common.snapshot(_store, store_key, rev)
    text = calendar_for_year(dataset, year, alliance_id=alliance_id)
    return text, text.count("BEGIN:VEVENT")


store = common.store()
rev = common.revision(store)
key = common.store_key(store)
dataset = common.snapshot(store, key, rev)

st.title(say("meetings_title"))
if not dataset.alliances:
    st.info(say("meetings_no_alliance"))
    st.stop()

names = {a.id: a.name for a in dataset.alliances}
left, right = st.columns([3, 1])
alliance_id = left.selectbox(say("meetings_alliance"), list(names), format_func=names.get, key=ALLIANCE_KEY)
latest = max((m.date.year for m in dataset.meetings), default=dt.date.today().year)
year = int(right.number_input(say("meetings_year"), min_value=2000, max_value=2100, value=latest, step=1,
                              key=YEAR_KEY))
members = {m.id: m.name for m in dataset.members_of(alliance_id)}
quarters = year_quarters(year)

today = dt.date.today()
user = common.actor()
# who may change this alliance's rotation and meetings: planners and admins, and its own chair
may_edit = common.can("edit_data") or (common.can("edit_rotation") and user.alliance == alliance_id)
refusal = say("meetings_view_only", role=ROLE_LABELS[user.role],
              allowed=say("meetings_allowed_roles", alliance=names[alliance_id]))

rotation_tab, records_tab, pack_tab, attendance_tab = st.tabs([
    say("meetings_tab_rotation"), say("meetings_tab_records"), say("meetings_tab_pack"),
    say("meetings_tab_attendance")])

with rotation_tab:
    st.caption(say("meetings_rotation_help"))
    rows = rotation_rows(dataset, alliance_id, quarters, today=today)
    saved = {s.quarter: s for s in dataset.rotations if s.alliance == alliance_id}
    rotation_frame = pd.DataFrame({
        C["quarter"]: [r["quarter"] for r in rows],
        C["chair"]: [members.get(r["chair"], dataset.name_of(r["chair"])) if r["chair"] else None for r in rows],
        C["pinned"]: [bool(saved[r["quarter"]].pinned) if r["quarter"] in saved else False for r in rows],
        C["note"]: [r["note"] for r in rows],
        C["source"]: [ROTATION_SOURCE_LABELS[r["source"]] for r in rows],
        C["warnings"]: ["、".join(ROTATION_WARNING_LABELS[w] for w in r["warnings"]) for r in rows],
    })
    exclusions = [x for x in dataset.rotation_exclusions if x.alliance == alliance_id]
    exclusion_frame = pd.DataFrame({
        C["organisation"]: pd.Series([members.get(x.organisation, x.organisation) for x in exclusions], dtype="object"),
        C["reason"]: pd.Series([x.reason for x in exclusions], dtype="object"),
        C["since"]: pd.Series([x.since or "" for x in exclusions], dtype="object"),
        C["until"]: pd.Series([x.until or "" for x in exclusions], dtype="object"),
    })
    by_name = {name: org_id for org_id, name in members.items()}
    # the versions of what the form shows, kept until it saves: a stale save is refused
    rotation_versions = forms.loaded_versions(store, f"rotation_{alliance_id}", [
        *(("rotations", rotation_slot_id(alliance_id, q)) for q in quarters),
        *(("rotation_exclusions", x.id) for x in exclusions)])
    if not may_edit:
        st.info(refusal)
        show(rotation_frame)
        st.markdown(f"**{say('meetings_exclusions')}**")
        show(exclusion_frame)
    else:
        with st.form("rotation_form"):
            edited = st.data_editor(
                rotation_frame, hide_index=True, width="stretch", key="rotation_editor",
                disabled=[C["quarter"], C["source"], C["warnings"]],
                column_config={C["chair"]: st.column_config.SelectboxColumn(C["chair"], options=list(by_name))},
            )
            st.markdown(f"**{say('meetings_exclusions')}**")
            edited_exclusions = st.data_editor(
                exclusion_frame, hide_index=True, width="stretch", num_rows="dynamic", key="exclusion_editor",
                column_config={C["organisation"]: st.column_config.SelectboxColumn(C["organisation"], options=list(by_name))},
            )
            if st.form_submit_button(say("meetings_save_rotation"), type="primary"):
                planned = {r["quarter"]: r for r in rows}
                slots = []
                for _, row in edited.iterrows():
                    quarter = row[C["quarter"]]
                    if planned[quarter]["source"] in ("held", "scheduled") or not row[C["chair"]]:
                        continue  # a held meeting is the record; it is edited below
                    chair = by_name.get(row[C["chair"]], row[C["chair"]])
                    changed = chair != planned[quarter]["chair"]
                    slots.append(SlotEdit(quarter, chair, bool(row[C["pinned"]]) or changed, str(row[C["note"]] or "")))
                kept = [
                    {"organisation": by_name.get(row[C["organisation"]], row[C["organisation"]] or ""),
                     "reason": row[C["reason"]] or "", "since": row[C["since"]] or None, "until": row[C["until"]] or None}
                    for _, row in edited_exclusions.iterrows()
                    if any(isinstance(v, str) and v.strip() for v in row.values)
                ]
                try:
                    revision = save_rotation(store, alliance_id, slots, kept, versions=rotation_versions)
                except LianmengError as exc:
                    st.error(str(exc))
                else:
                    forms.forget_versions(f"rotation_{alliance_id}")
                    st.success(say("meetings_saved", revision=revision))
                    st.rerun()

with records_tab:
    listed = meetings_of(dataset, alliance_id, year)
    show(pd.DataFrame({
        C["date"]: [m.date for m in listed],
        say("meetings_status_col"): [MEETING_STATUS_LABELS["held" if m.date <= today else "planned"] for m in listed],
        C["kind"]: [MEETING_KIND_LABELS[m.kind.value] for m in listed],
        C["chair"]: [dataset.name_of(m.chair) for m in listed],
        C["attendees"]: [len(m.attendees) for m in listed],
        C["topics"]: ["；".join(m.topics) for m in listed],
        C["decisions"]: ["；".join(m.decisions) for m in listed],
        C["id"]: [m.id for m in listed],
    }))
    if not may_edit:
        st.info(refusal)
    else:
        st.subheader(say("meetings_form"))
        choices = ["", *(m.id for m in listed)]
        picked = st.selectbox(say("meetings_pick"), choices, key=MEETING_PICK_KEY,
                              format_func=lambda i: say("meetings_new") if not i else
                              f"{next(m for m in listed if m.id == i).date} · "
                              f"{MEETING_KIND_LABELS[next(m for m in listed if m.id == i).kind.value]}")
        current = next((m for m in listed if m.id == picked), None)
        meeting_versions = forms.loaded_versions(store, "meeting", [("meetings", current.id)]) if current else None
        everyone = {o.id: o.name for o in dataset.organisations}
        with st.form("meeting_form"):
            kinds = list(MEETING_KIND_LABELS)
            kind = st.selectbox(say("meetings_kind"), kinds, format_func=MEETING_KIND_LABELS.get,
                                index=kinds.index(current.kind.value) if current else 0)
            date = st.date_input(C["date"], value=current.date if current else dt.date(year, 3, 10))
            chair_options = ["", *members]
            chair = st.selectbox(C["chair"], chair_options, format_func=lambda i: members.get(i, "—"),
                                 index=chair_options.index(current.chair) if current and current.chair in members else 0)
            attendees = st.multiselect(C["attendees"], list(everyone), format_func=everyone.get,
                                       default=list(current.attendees) if current else list(members))
            topics = st.text_area(C["topics"], "\n".join(current.topics) if current else "", help=say("meetings_lines_help"))
            decisions = st.text_area(C["decisions"], "\n".join(current.decisions) if current else "",
                                     help=say("meetings_lines_help"))
            location = st.text_input(C["location"], current.location if current else "")
            if st.form_submit_button(say("meetings_save_meeting"), type="primary"):
                joint = kind == "joint"
                try:
                    saved_meeting = record_meeting(store, {
                        "id": current.id if current else None, "kind": kind, "date": date,
                        "alliance": alliance_id if joint else None, "chair": chair if joint else None,
                        "attendees": attendees, "topics": topics, "decisions": decisions, "location": location,
                    }, versions=meeting_versions)
                except LianmengError as exc:
                    st.error(str(exc))
                else:
                    forms.forget_versions("meeting")
                    st.success(say("meetings_meeting_saved", id=saved_meeting.id))
                    st.rerun()

with pack_tab:
    today_quarter = quarter_of(dt.date.today())
    pack_quarter = st.selectbox(say("meetings_quarter"), quarters, key=PACK_QUARTER_KEY,
                                index=quarters.index(today_quarter) if today_quarter in quarters else 0)
    markdown, docx_bytes = _pack_files(store, key, rev, alliance_id, pack_quarter, today, common.author())
    stem = f"{names[alliance_id]}-{pack_quarter}-会议材料包"
    down_left, down_right = st.columns(2)
    down_left.download_button(say("meetings_download_docx"), docx_bytes, file_name=f"{stem}.docx",
                              mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    down_right.download_button(say("meetings_download_md"), markdown.encode("utf-8"), file_name=f"{stem}.md",
                               mime="text/markdown")
    with st.container(border=True):
        st.markdown(markdown)
    st.subheader(say("meetings_calendar"))
    left, right = st.columns(2)
    ics, count = _calendar(store, key, rev, year, alliance_id)
    left.download_button(say("meetings_calendar_alliance", alliance=names[alliance_id], count=count),
                         ics.encode("utf-8"), file_name=f"会议日历-{names[alliance_id]}-{year}.ics", mime="text/calendar")
    ics_all, count_all = _calendar(store, key, rev, year, None)
    right.download_button(say("meetings_calendar_all", count=count_all), ics_all.encode("utf-8"),
                          file_name=f"会议日历-全部联盟-{year}.ics", mime="text/calendar")

with attendance_tab:
    view = attendance_view(dataset, alliance_id)
    if view["alliance_rate"] is not None:
        st.metric(say("meetings_alliance_rate"), f"{view['alliance_rate']:.0%}")
    if view["absentees"]:
        st.warning(say("meetings_absent", names="、".join(view["absentees"])))
    else:
        st.caption(say("meetings_no_absent"))
    colours = street_colours(dataset.alliances)
    member_rates = pd.DataFrame({"name": [r["name"] for r in view["members"]],
                                 "rate": [(r["rate"] or 0.0) for r in view["members"]],
                                 "alliance": names[alliance_id]})
    alliance_rates = pd.DataFrame({"name": [names.get(a, a) for a in view["alliances"]],
                                   "rate": [r or 0.0 for r in view["alliances"].values()]})
    alliance_rates["alliance"] = alliance_rates["name"]
    chart_left, chart_right = st.columns(2)
    with chart_left:
        charts.show_svg(("meetings_members", key, rev, alliance_id), lambda: attendance_svg(
            member_rates, title=say("meetings_rate_title"), colours=colours))
    with chart_right:
        charts.show_svg(("meetings_alliances", key, rev), lambda: attendance_svg(
            alliance_rates, title=say("meetings_alliance_rate_title"), colours=colours))
