"""The full analysis report in one call: what the command line, pages and bench use.

Every part is computed from one dataset and one pairing network built once; expensive
measures switch to sampling above the thresholds passed in (the callers read them from
settings), and ``progress`` is told each step as it starts, with the fraction done.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field

from analysis import kernels
from analysis.brokers import Broker, brokers
from analysis.centrality import MEASURES, CentralityResult, centrality
from analysis.communities import CommunityResult, communities
from analysis.coverage import CoverageReport, coverage
from analysis.graphs import pairing_network
from analysis.plan import Plan, plan
from analysis.structure import StructureResult, structure
from lianmeng.allocation import without_gc_pauses
from lianmeng.dataset import Dataset

__all__ = ["AnalysisReport", "analysis_report", "STEPS", "LOUVAIN_LEVELS_ABOVE_MAX", "ProgressCallback"]

#: the report's steps, in order, as passed to ``progress`` (betweenness last when it runs beside the others)
STEPS = ("graph", *MEASURES, "brokers", "structure", "communities", "coverage", "plan")

#: Louvain levels on graphs above ``louvain_full_max`` nodes
LOUVAIN_LEVELS_ABOVE_MAX = 2

ProgressCallback = Callable[[str, float], None]


@dataclass(frozen=True)
class AnalysisReport:
    """Every analysis of one dataset; ``timings`` holds seconds per step, ``wall`` the
    seconds of the whole (less than their sum when a step ran beside the others)."""

    nodes: int
    edges: int
    centrality: CentralityResult
    brokers: tuple[Broker, ...]
    structure: StructureResult
    communities: CommunityResult
    coverage: CoverageReport
    plan: Plan | None
    timings: dict[str, float] = field(default_factory=dict)
    wall: float | None = None

    @property
    def total_seconds(self) -> float:
        """Seconds from the start of the report to its end."""
        return self.wall if self.wall is not None else sum(self.timings.values())


@without_gc_pauses
def analysis_report(
    dataset: Dataset,
    *,
    on: dt.date | None = None,
    today: dt.date | None = None,
    betweenness_exact_max: int = 2000,
    betweenness_samples: int = 128,
    closeness_exact_max: int = 2000,
    closeness_samples: int = 64,
    seed: int = 0,
    ending_days: int = 30,
    targets: dict[str, int] | None = None,
    max_new: int = 2,
    louvain_full_max: int = 5000,
    with_plan: bool = True,
    progress: ProgressCallback | None = None,
    overlap: bool = True,
    compiled_min: int | None = None,
    betweenness_error: float = 0.001,
    betweenness_kadabra_max: int = 50_000,
) -> AnalysisReport:
    """Compute every analysis of ``dataset``.

    Parameters
    ----------
    on : datetime.date, optional
        Reference day for the pairings in force (default: by status).
    today : datetime.date, optional
        Day from which "ending within ``ending_days``" counts.
    betweenness_exact_max, betweenness_samples, closeness_exact_max, closeness_samples : int
        Sampling thresholds (see :func:`analysis.centrality.centrality`).
    seed : int
        Seed of the sampled measures and of Louvain.
    targets : dict, optional
        Targets for the headline figures (default: the seed's figures).
    max_new : int
        Limit of new pairings per organisation in the plan.
    louvain_full_max : int
        Above this many nodes Louvain stops after :data:`LOUVAIN_LEVELS_ABOVE_MAX` levels
        (see :func:`analysis.communities.communities`).
    with_plan : bool
        Whether to compute the pairing plan.
    progress : callable, optional
        ``progress(step, fraction_done)`` before each step of :data:`STEPS`, from the
        calling thread; the betweenness running beside the others is announced last,
        when the report waits for it.
    overlap : bool
        When betweenness is a KADABRA estimate, compute it on a second thread while the
        other steps run (its kernel releases the interpreter lock); False: one after the
        other, so that each step's CPU time can be measured on its own (the bench).
    compiled_min : int, optional
        Above this many nodes betweenness, closeness, communities and the structure run
        on the compiled kernels of :mod:`analysis.kernels` (None: NetworkX at every size).
    betweenness_error, betweenness_kadabra_max : float, int
        Absolute error of the compiled betweenness estimate, and the size above which it
        samples sources instead (see :func:`analysis.centrality.centrality`).

    Examples
    --------
    >>> from lianmeng.sample import sample_street
    >>> report = analysis_report(sample_street())
    >>> report.nodes, report.plan.after.full
    (82, True)
    """
    timings: dict[str, float] = {}
    began = time.perf_counter()

    def step(name: str) -> float:
        if progress:
            progress(name, len(timings) / len(STEPS))
        return time.perf_counter()

    start = step("graph")
    graph = pairing_network(dataset, on)
    timings["graph"] = time.perf_counter() - start
    compiled = compiled_min is not None and graph.number_of_nodes() > compiled_min

    def measured(measure: str) -> tuple[CentralityResult, float]:
        start = time.perf_counter()
        part = centrality(graph, measures=(measure,), betweenness_exact_max=betweenness_exact_max,
                          betweenness_samples=betweenness_samples, closeness_exact_max=closeness_exact_max,
                          closeness_samples=closeness_samples, seed=seed, compiled_min=compiled_min,
                          betweenness_error=betweenness_error, betweenness_kadabra_max=betweenness_kadabra_max)
        return part, time.perf_counter() - start

    scores: dict[str, dict] = {}
    methods: dict[str, str] = {}
    # KADABRA (above the exact maximum, up to its own) runs in C++ outside the interpreter
    # lock: on a second thread, beside the steps below, which never read it (igraph's
    # kernels hold the lock: nothing would run beside them)
    size = graph.number_of_nodes()
    beside = "betweenness" if compiled and overlap and betweenness_exact_max < size <= betweenness_kadabra_max else None
    with ThreadPoolExecutor(1, thread_name_prefix="report-betweenness") if beside else nullcontext() as pool:
        if beside:
            kernels.indexed(graph)  # converted once, before two threads want it
            pending = pool.submit(measured, beside)
        for measure in MEASURES:
            if measure == beside:
                continue
            step(measure)
            part, timings[measure] = measured(measure)
            scores.update(part.scores)
            methods.update(part.methods)

        start = step("brokers")
        found_brokers = tuple(brokers(graph))
        timings["brokers"] = time.perf_counter() - start

        start = step("structure")
        found_structure = structure(graph, compiled=compiled)
        timings["structure"] = time.perf_counter() - start

        start = step("communities")
        levels = None if graph.number_of_nodes() <= louvain_full_max else LOUVAIN_LEVELS_ABOVE_MAX
        found_communities = communities(graph, seed=seed, max_level=levels, compiled=compiled)
        timings["communities"] = time.perf_counter() - start

        start = step("coverage")
        found_coverage = coverage(dataset, on=on, today=today, ending_days=ending_days, targets=targets)
        timings["coverage"] = time.perf_counter() - start

        found_plan = None
        if with_plan:
            start = step("plan")
            found_plan = plan(dataset, max_new=max_new, on=on, graph=graph, members=list(found_coverage.members))
            timings["plan"] = time.perf_counter() - start
        if beside:
            step(beside)  # what is left to wait for, if anything
            part, timings[beside] = pending.result()
            scores.update(part.scores)
            methods.update(part.methods)
    if progress:
        progress("done", 1.0)
    central = CentralityResult({m: scores[m] for m in MEASURES}, {m: methods[m] for m in MEASURES},
                               {n: d.get("alliance") for n, d in graph.nodes(data=True)})
    return AnalysisReport(graph.number_of_nodes(), graph.number_of_edges(), central, found_brokers,
                          found_structure, found_communities, found_coverage, found_plan, timings,
                          time.perf_counter() - began)
