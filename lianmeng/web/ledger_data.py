"""The ledger's cached reads for the pages (issue 16): outcomes per revision and year."""

from __future__ import annotations

import streamlit as st

from analysis.outcomes import ActivityTable, Outcomes, activity_table, last_full_year, outcomes
from graphdb.store import GraphStore
from lianmeng.web import common

__all__ = ["table", "year_outcomes", "default_year"]


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
    return last_full_year(common.snapshot(_store, store_key, rev))
