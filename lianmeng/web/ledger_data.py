"""The ledger's cached reads for the pages (issue 16): outcomes per revision and year."""

from __future__ import annotations

import streamlit as st

from analysis.coverage import alliances_without_project
from analysis.outcomes import ActivityTable, Outcomes, activity_table, last_full_year, outcomes
from exports.ledger_xlsx import ledger_workbook
from graphdb.store import GraphStore
from lianmeng.ops import ledger as ops
from lianmeng.texts import say
from lianmeng.web import common
from views.escaping import markdown_literal
from views.ledger import LedgerFilter, activity_frame, filtered, outcome_frame

__all__ = ["table", "year_outcomes", "default_year", "years", "ledger_view", "annual_report", "no_project_warning"]


@st.cache_resource(show_spinner=False, max_entries=4)
def table(_store: GraphStore, store_key: str, rev: int) -> ActivityTable:
    """The columnar activities of revision ``rev`` (built once per revision)."""
    return activity_table(common.snapshot(_store, store_key, rev))


@st.cache_data(show_spinner=False, max_entries=16)
def year_outcomes(_store: GraphStore, store_key: str, rev: int, year: int) -> Outcomes:
    dataset = common.snapshot(_store, store_key, rev)
    return outcomes(dataset, year, table(_store, store_key, rev))


def default_year(_store: GraphStore, store_key: str, rev: int) -> int | None:
    """The ledger's last full year, or ``None`` when nothing is recorded."""
    return years(_store, store_key, rev)[0]


@common.per_revision(max_entries=8)
def years(_store: GraphStore, store_key: str, rev: int) -> tuple[int | None, int | None]:
    """The ledger's last full year and the year of its latest activity (``None`` when empty)."""
    dataset = common.snapshot(_store, store_key, rev)
    return last_full_year(dataset), max((a.date.year for a in dataset.activities), default=None)


@st.cache_data(show_spinner=False, max_entries=16)
def ledger_view(_store: GraphStore, store_key: str, rev: int, chosen: LedgerFilter,
                outcome_year: int | None) -> dict:
    """What the 工作台账 page shows for ``chosen`` at revision ``rev``: the table, its sums,
    the year's outcome frames and the Excel download, built once per revision and filter."""
    dataset = common.snapshot(_store, store_key, rev)
    shown = filtered(dataset, chosen)
    frame = activity_frame(dataset, shown)
    sheets = {say("ledger_title"): frame}
    alliances = None
    if outcome_year is not None:
        result = year_outcomes(_store, store_key, rev, outcome_year)
        alliances = outcome_frame(result, "alliances")
        sheets[f"{outcome_year}联盟成效"] = alliances
        sheets[f"{outcome_year}组织成效"] = outcome_frame(result, "organisations")
        sheets[f"{outcome_year}结对成效"] = outcome_frame(result, "pairings")
    return {"count": len(shown), "people_served": sum(a.people_served for a in shown),
            "volunteers": sum(a.volunteers for a in shown), "donated": sum(a.donated for a in shown),
            "frame": frame, "alliances": alliances, "workbook": ledger_workbook(sheets)}


@st.cache_data(show_spinner=False, max_entries=16)
def no_project_warning(_store: GraphStore, store_key: str, rev: int, year: int) -> str | None:
    """The warning naming the alliances with no 共治项目 for ``year`` (``None`` when each has one)."""
    dataset = common.snapshot(_store, store_key, rev)
    missing = alliances_without_project(dataset, year)
    if not missing:
        return None
    # st.warning renders Markdown: the names are the street's own text
    return say("ledger_no_project_warning", year=year,
               names="、".join(markdown_literal(dataset.name_of(a)) for a in missing))


@st.cache_data(show_spinner=False, max_entries=4)
def annual_report(_store: GraphStore, store_key: str, rev: int, year: int, actor: str) -> bytes:
    """The 年度工作报告 of ``year`` at revision ``rev``, authored by ``actor`` (the store's
    signed-in person: part of the key, so one person's file never names another)."""
    return ops.annual_report(_store, year, today=common.settings().today)
