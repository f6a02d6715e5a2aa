"""Cached analyses for the coverage, structure, network and organisations pages.

Coverage, recommendations and the plan are quick and are cached keyed on the store
revision (and their widgets); the coverage report and the plan are shared as they are
(``common.per_revision``: the pages only read them). The full analysis report (centrality, brokers,
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
from typing import Any

import streamlit as st

from analysis.centrality import CentralityResult
from analysis.coverage import CoverageReport, coverage, dormant_pairings
from analysis.plan import Plan, plan
from analysis.recommend import Candidate, PairingContext
from analysis.report import AnalysisReport, analysis_report
from graphdb import GraphStore
from lianmeng import logs
from lianmeng.ops.analysis import analysis_options
from lianmeng.records import Linkage, Scope
from lianmeng.texts import MEASURE_LABELS, REPORT_STEP_LABELS, say
from lianmeng.web import common
from views.analysis_tables import method_label
from views.panel import interleave, panel_entries

__all__ = ["coverage_report", "pairing_plan", "candidates", "report", "centrality_scores", "exact_job", "panels",
           "REPORTS_KEPT", "PANEL_RECOMMEND_MAX"]

#: above this many organisations the side panels carry no recommendations (the 覆盖 page has them)
PANEL_RECOMMEND_MAX = 400

#: how many revisions' reports the shelf keeps (per process)
REPORTS_KEPT = 4


@common.per_revision(max_entries=16)
def coverage_report(_store: GraphStore, store_key: str, rev: int, ending_days: int,
                    today: dt.date) -> CoverageReport:
    return coverage(common.snapshot(_store, store_key, rev), today=today, ending_days=ending_days,
                    dormant_months=common.settings().dormant_months)


@common.per_revision(max_entries=8)
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


@st.cache_resource(show_spinner=False)
def _exact_runner():
    from lianmeng.ops.exact_cache import ExactRunner

    return ExactRunner()


def exact_job(_store: GraphStore):
    """The background job computing exact betweenness at the store's current revision
    (finished at once when cached on disk), and whether this call started it: see
    :mod:`lianmeng.ops.exact_cache`."""
    return _exact_runner().job(_store, common.settings().data_dir)


def estimate_or_exact(_store: GraphStore, central: CentralityResult) -> tuple[CentralityResult, str, str]:
    """The centrality to show while betweenness is an estimate: with the exact values and
    the 精确 note once the background job has them, else as it is with the 估算 note
    (expected quality, progress). A job started by this call shows the estimate first."""
    from lianmeng.ops.exact_cache import with_exact

    job, started = exact_job(_store)
    label = MEASURE_LABELS["betweenness"]
    if job.result is not None and not started:
        return (with_exact(central, job.result), "",
                say("structure_exact_ready", measure=label, revision=job.result.revision, seconds=job.result.seconds))
    method = central.methods["betweenness"]
    quality = say("structure_estimate_quality_kadabra" if "KADABRA" in method else "structure_estimate_quality_sampled")
    note = say("structure_estimate", measure=label, method=method_label(method), quality=quality, done=job.done)
    if job.error:
        note += say("structure_exact_failed", error=job.error)
    return central, note, ""
@st.cache_resource(show_spinner=False, max_entries=4)
def panels(_store: GraphStore, store_key: str, rev: int, today: dt.date) -> dict[str, dict[str, Any]]:
    """The network view's side panel for every node at ``rev``: profile, pairings (with
    their last activity; dormant ones on ``today`` marked), centrality ranks and (up to
    :data:`PANEL_RECOMMEND_MAX` organisations) the top three small and large
    recommendations of each member."""
    dataset = common.snapshot(_store, store_key, rev)
    centrality = centrality_scores(_store, store_key, rev)
    found: dict[str, list] = {}
    if len(dataset.organisations) <= PANEL_RECOMMEND_MAX:
        context = _context(_store, store_key, rev)
        for org in dataset.organisations:
            if org.scope is Scope.MEMBER:
                found[org.id] = interleave(context.ranked(context.orgs[org.id], Linkage.SMALL, 3),
                                           context.ranked(context.orgs[org.id], Linkage.LARGE, 3))
    asleep = {d.pairing.id for d in dormant_pairings(dataset, today, common.settings().dormant_months)}
    return panel_entries(dataset, centrality=centrality, recommendations=found, dormant=asleep)
