"""Cached analyses for the coverage, structure, network and organisations pages.

Coverage, recommendations and the plan are quick and live in ``st.cache_data`` keyed on
the store revision (and their widgets). The full analysis report (centrality, brokers,
structure, communities) is the slow part, so its first computation per revision shows
its progress; it is kept in a small per-process shelf (``st.cache_resource``) keyed on
the store and revision rather than in ``st.cache_data``, because ``st.cache_data``
records the progress bar's updates with the result and would replay them on every
rerun (and Streamlit refuses to replay updates of an element made outside the cached
function).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

import streamlit as st

from analysis.centrality import CentralityResult
from analysis.coverage import CoverageReport, coverage
from analysis.plan import Plan, plan
from analysis.recommend import Candidate, PairingContext
from analysis.report import AnalysisReport, analysis_report
from graphdb import GraphStore
from lianmeng import logs
from lianmeng.ops.analysis import analysis_options
from lianmeng.records import Linkage
from lianmeng.texts import REPORT_STEP_LABELS, say
from lianmeng.web import common

__all__ = ["coverage_report", "pairing_plan", "candidates", "report", "centrality_scores", "REPORTS_KEPT"]

#: how many revisions' reports the shelf keeps (per process)
REPORTS_KEPT = 4


@st.cache_data(show_spinner=False, max_entries=16)
def coverage_report(_store: GraphStore, store_key: str, rev: int, ending_days: int,
                    today: dt.date) -> CoverageReport:
    return coverage(common.snapshot(_store, store_key, rev), today=today, ending_days=ending_days)


@st.cache_data(show_spinner=False, max_entries=8)
def pairing_plan(_store: GraphStore, store_key: str, rev: int, max_new: int) -> Plan:
    return plan(common.snapshot(_store, store_key, rev), max_new=max_new)


@st.cache_resource(show_spinner=False, max_entries=4)
def _context(_store: GraphStore, store_key: str, rev: int) -> PairingContext:
    # shared, never mutated by callers except its own memo of near neighbourhoods
    return PairingContext(common.snapshot(_store, store_key, rev))


@st.cache_data(show_spinner=False, max_entries=128)
def candidates(_store: GraphStore, store_key: str, rev: int, org_id: str, linkage: str,
               top: int) -> list[Candidate]:
    """The ``top`` recommended partners of ``org_id`` for ``linkage`` (small or large)."""
    context = _context(_store, store_key, rev)
    return context.ranked(context.orgs[org_id], Linkage(linkage), top)


class _Shelf:
    """The last few reports, keyed by (store, revision); safe across sessions."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reports: OrderedDict[tuple[str, int], AnalysisReport] = OrderedDict()

    def get(self, key: tuple[str, int]) -> AnalysisReport | None:
        with self.lock:
            found = self.reports.get(key)
            if found is not None:
                self.reports.move_to_end(key)
            return found

    def put(self, key: tuple[str, int], value: AnalysisReport) -> None:
        with self.lock:
            self.reports[key] = value
            while len(self.reports) > REPORTS_KEPT:
                self.reports.popitem(last=False)


@st.cache_resource(show_spinner=False)
def _shelf() -> _Shelf:
    return _Shelf()


def report(_store: GraphStore, store_key: str, rev: int) -> AnalysisReport:
    """The full analysis report at ``rev``: computed once per revision, with a progress bar."""
    shelf = _shelf()
    found = shelf.get((store_key, rev))
    if found is not None:
        return found
    dataset = common.snapshot(_store, store_key, rev)
    with st.status(say("analysis_running"), expanded=False) as status:
        bar = st.progress(0.0)

        def progress(step: str, done: float) -> None:
            bar.progress(min(done, 1.0), text=say("report_progress", step=REPORT_STEP_LABELS.get(step, step)))

        made = analysis_report(dataset, with_plan=False, progress=progress,
                               **analysis_options(common.settings()))
        status.update(label=say("analysis_done", seconds=made.total_seconds), state="complete")
    if made.total_seconds > logs.SLOW_ANALYSIS_SECONDS:
        logs.get("analysis").warning(say("log_slow_analysis", nodes=made.nodes, edges=made.edges,
                                         seconds=made.total_seconds), extra=logs.SHOWN)
    shelf.put((store_key, rev), made)
    return made


def centrality_scores(_store: GraphStore, store_key: str, rev: int) -> CentralityResult:
    """Every centrality measure of the pairing network at ``rev``."""
    return report(_store, store_key, rev).centrality
