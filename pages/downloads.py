"""导出: filter the pairings, download lists, agreements, the snapshot and graph files.

Every file is made in memory (bytes) by the ``exports`` package and handed to
``st.download_button``; nothing is written on the server. (The file is not called ``exports.py``: Streamlit puts
the page's folder on ``sys.path`` when a page runs alone, and the page would then shadow
the ``exports`` package.)
"""

import datetime as dt

import pandas as pd
import streamlit as st

from exports import ExportError
from exports.agreement_docx import combined_agreements, default_agreement_template
from exports.file_names import file_name
from exports.graph_files import gexf_bytes, graphml_bytes
from exports.pairing_csv import csv_bytes
from exports.pairing_rows import PairingFilter, parse_filter, rows, select
from exports.pairing_xlsx import workbook_bytes
from lianmeng.dataset import Dataset
from lianmeng.ops.analysis import dataset_centrality
from lianmeng.snapshot_json import dumps
from lianmeng.texts import (
    EXPORT_FILE_NAMES,
    EXPORT_WHAT,
    FIELD_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    LINKAGE_LABELS,
    PAIRING_HEADERS,
    SECTOR_LABELS,
    STATUS_LABELS,
    say,
)
from lianmeng.web import common
from lianmeng.web.tables import show

# session_state keys
ALLIANCE_KEY, LEVEL_KEY, KIND_KEY, STATUS_KEY = "exports_alliance", "exports_level", "exports_kind", "exports_status"
ON_KEY, ON_DAY_KEY = "exports_on", "exports_on_day"
AGREEMENTS_KEY = "exports_agreements_wanted"  # the (data, filter, author) the agreements were asked for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@st.cache_data(show_spinner=False, max_entries=16)
def _lists(_dataset: Dataset, key: tuple, chosen: PairingFilter) -> tuple[bytes, bytes]:
    return workbook_bytes(_dataset, chosen), csv_bytes(_dataset, chosen)


@st.cache_data(show_spinner=False, max_entries=8)
def _agreements(_dataset: Dataset, key: tuple, chosen: PairingFilter, author: str) -> bytes:
    return combined_agreements(_dataset, select(_dataset, chosen), _template(), author=author or None)


@st.cache_resource(show_spinner=False)
def _template() -> bytes:
    """The blank agreement template: the same bytes for everyone, built once per process."""
    return default_agreement_template()


@st.cache_data(show_spinner=False, max_entries=4)
def _whole(_dataset: Dataset, key: tuple, rev: int) -> tuple[bytes, bytes, bytes]:
    # the analysis measures of the organisations (degree, betweenness, PageRank, closeness)
    centrality = dataset_centrality(_dataset, settings=common.settings()).scores
    return (dumps(_dataset, revision=rev).encode("utf-8"), gexf_bytes(_dataset, centrality),
            graphml_bytes(_dataset, centrality))


@common.per_revision(max_entries=16)
def _selection(_dataset: Dataset, key: tuple, chosen: PairingFilter) -> tuple[tuple, pd.DataFrame]:
    """The pairings ``chosen`` keeps and their rows as the preview table (read only: shared)."""
    selected = tuple(select(_dataset, chosen))
    return selected, pd.DataFrame([r.values() for r in rows(_dataset, selected)], columns=list(PAIRING_HEADERS.values()))


store = common.store()
rev = common.revision(store)
key = (common.store_key(store), rev)
dataset = common.snapshot(store, *key)

st.title(say("exports_title"))
st.caption(say("exports_intro"))

everything = say("exports_all")
columns = st.columns(5)
alliance = columns[0].selectbox(FIELD_LABELS["alliance"], [everything, *(a.name for a in dataset.alliances)],
                                key=ALLIANCE_KEY)
level = columns[1].selectbox(FIELD_LABELS["level"], [everything, *LEVEL_LABELS.values()], key=LEVEL_KEY)
kind = columns[2].selectbox(FIELD_LABELS["kind"], [everything, LINKAGE_LABELS["large"], *KIND_LABELS.values()],
                            key=KIND_KEY)
status = columns[3].selectbox(FIELD_LABELS["status"], [everything, *STATUS_LABELS.values()], key=STATUS_KEY)
with columns[4]:
    on = st.date_input(say("exports_on_date"), value=dt.date.today(), key=ON_DAY_KEY) \
        if st.checkbox(say("exports_on_date"), key=ON_KEY) else None

try:
    chosen = parse_filter(dataset, **{name: (None if value == everything else value) for name, value in (
        ("alliance", alliance), ("level", level), ("kind", kind), ("status", status))}, on=on)
except ExportError as exc:
    st.error(str(exc))
    st.stop()

selected, preview = _selection(dataset, key, chosen)
st.metric(say("exports_rows"), len(selected))
show(preview, height=280)

st.subheader(say("exports_lists"))
if not selected:
    st.info(say("exports_no_rows"))
xlsx, csv = _lists(dataset, key, chosen)
# named after what they hold: 结对清单-商区-进行中-2026-11-30.xlsx (the day: "in force on", else today)
sector = {a.name: SECTOR_LABELS.get(a.sector, a.name) for a in dataset.alliances}
parts = [sector.get(alliance) if alliance != everything else None,
         *(value if value != everything else None for value in (level, kind, status))]
day = on or dt.date.today()
left, right = st.columns(2)
left.download_button(say("exports_xlsx"), xlsx, file_name=file_name(EXPORT_WHAT["pairings"], parts, day, "xlsx"),
                     mime=XLSX, key="download_xlsx")
right.download_button(say("exports_csv"), csv, file_name=file_name(EXPORT_WHAT["pairings"], parts, day, "csv"),
                      mime="text/csv", key="download_csv")

st.subheader(say("exports_agreements"))
left, right = st.columns(2)
if selected:
    # one page per pairing: a district's thousands take seconds, so they are made on request
    # (then kept per revision, filter and author) — never on every visit to the page
    wanted = (key, chosen, common.author())
    if st.session_state.get(AGREEMENTS_KEY) != wanted and left.button(
            say("exports_agreements_make", count=len(selected)), key="make_agreements"):
        st.session_state[AGREEMENTS_KEY] = wanted
    if st.session_state.get(AGREEMENTS_KEY) == wanted:
        with st.spinner(say("exports_agreements_making", count=len(selected))):
            document = _agreements(dataset, key, chosen, common.author())
        left.download_button(say("exports_agreements_button", count=len(selected)), document,
                             file_name=file_name(EXPORT_WHAT["agreements"], parts, day, "docx"), mime=DOCX,
                             key="download_agreements")
right.download_button(EXPORT_WHAT["agreement_template"], _template(),
                      file_name=EXPORT_FILE_NAMES["agreement_template"], mime=DOCX, key="download_template")

st.subheader(say("exports_dataset"))
snapshot_json, gexf, graphml = _whole(dataset, key, rev)
columns = st.columns(3)
columns[0].download_button(EXPORT_WHAT["snapshot"], snapshot_json, file_name=EXPORT_FILE_NAMES["snapshot"],
                           mime="application/json", key="download_snapshot")
columns[1].download_button(EXPORT_WHAT["gexf"], gexf, file_name=EXPORT_FILE_NAMES["gexf"], mime="application/xml",
                           key="download_gexf")
columns[2].download_button(EXPORT_WHAT["graphml"], graphml, file_name=EXPORT_FILE_NAMES["graphml"],
                           mime="application/xml", key="download_graphml")
