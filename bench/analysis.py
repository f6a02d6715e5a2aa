"""Benchmark of the full analysis report, old (NetworkX) and new (compiled kernels) side
by side in one run, against the targets of issue 19. Run by hand:

    .venv/bin/python bench/analysis.py                  # street, district, city (≈ 3 min)
    .venv/bin/python bench/analysis.py --quick          # street and district (seconds)
    .venv/bin/python bench/analysis.py --sizes province # 200,000 organisations, 1,000,000 pairings
    .venv/bin/python bench/analysis.py --sizes half-city  # 10,000 / 50,000: for development

Street and district are run three times each and the fastest run (by CPU) is shown.

For each size it runs ``analysis_report`` on the same dataset: *old* is the
configuration before issue 19 (NetworkX everywhere: exact betweenness and closeness up to
2,000 nodes, else sampled from 128 / 64 sources; Louvain stopped after two levels above
5,000 nodes), *new* the settings' defaults (compiled kernels above LIANMENG_COMPILED_MIN).
The new report runs twice: one step after another (``overlap=False``), which gives each
step's wall and CPU seconds, and as the explorer runs it, with the betweenness estimate on
a second thread beside the other steps (its kernel releases the interpreter lock): that
total is the one held against the target. CPU is this process's, all threads.

On the city it also computes the exact betweenness the explorer computes in the
background (igraph, in chunks of 64 sources, as lianmeng/ops/exact_cache.py does) and
rates every estimate against it: the share of the exact top 50 found in the estimate's
top 50, and Spearman's rho over all nodes. The province runs the new configuration only
(the old one needs far more than the 5 minutes allowed), one step after another (its
betweenness kernel, igraph, holds the interpreter lock, so nothing runs beside it), and
prints the peak RSS of the process, dataset and graph included.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.append(str(Path(__file__).resolve().parent))  # for clock; after the root: bench/analysis.py is not the package

import networkx as nx  # noqa: E402
from clock import Timing, command_line, footer, header, measure, peak_rss_mb  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402

from analysis import kernels  # noqa: E402
from analysis.centrality import MEASURES  # noqa: E402
from analysis.report import AnalysisReport, analysis_report  # noqa: E402
from lianmeng.ops.analysis import analysis_options  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402

SIZE_NAMES = ("street", "district", "half-city", "city", "province")
#: for development only: half the city
HALF_CITY = (10_000, 50_000)

#: seconds of the estimated report (issue 19): street and district exact everything
TARGETS = {"street": 0.05, "district": 0.5, "half-city": 20.0, "city": 20.0, "province": 300.0}
EXACT_TARGET = 120.0  # exact betweenness ready after the estimated report (city)
MEMORY_TARGET_MB = 4096  # province
TOP = 50

#: before issue 19: the settings' old defaults, NetworkX at every size
OLD = {"betweenness_exact_max": 2000, "betweenness_samples": 128, "closeness_exact_max": 2000,
       "closeness_samples": 64, "compiled_min": None}
STEPS_SHOWN = ("graph", *MEASURES, "brokers", "structure", "communities", "coverage", "plan")


def build(name: str):
    if name == "street":
        return sample_street()
    return synthetic_network(*(HALF_CITY if name == "half-city" else SIZES[name]))


def run_report(dataset, options: dict) -> tuple[AnalysisReport, Timing, dict[str, Timing]]:
    """The report, its total time and each step's wall and CPU seconds."""
    import time

    steps: dict[str, Timing] = {}
    last: dict = {}

    def progress(step: str, done: float) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        if last:
            steps[last["step"]] = Timing(wall - last["wall"], cpu - last["cpu"])
            print(f"    {done:4.0%} {step:<12} (previous: {steps[last['step']]})", file=sys.stderr, flush=True)
        last.update(step=step, wall=wall, cpu=cpu)

    report, total = measure(analysis_report, dataset, progress=progress, **options)
    return report, total, steps


def fastest(dataset, options: dict, repeat: int) -> tuple[AnalysisReport, Timing, dict[str, Timing]]:
    """The run with the least CPU of ``repeat``."""
    return min((run_report(dataset, options) for _ in range(repeat)), key=lambda r: r[1].cpu)


def top(scores: dict, n: int = TOP) -> set:
    return {node for node, _ in sorted(scores.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]}


def quality(estimate: dict, exact: dict) -> tuple[float, float]:
    nodes = sorted(exact)
    overlap = len(top(estimate) & top(exact)) / TOP
    rho = spearmanr([exact[n] for n in nodes], [estimate[n] for n in nodes]).statistic
    return overlap, rho


def main(argv: list[str] | None = None) -> int:
    args = command_line(__doc__, SIZE_NAMES, default=("street", "district", "city"), quick=SIZE_NAMES[:2], argv=argv)
    new = analysis_options(None)
    header("bench/analysis.py")
    print(f"new: compiled kernels above {new['compiled_min']} nodes; betweenness exact ≤ {new['betweenness_exact_max']} "
          f"nodes, KADABRA ε={new['betweenness_error']:g} ≤ {new['betweenness_kadabra_max']} nodes, else "
          f"{new['betweenness_samples']} sampled sources; closeness exact ≤ {new['closeness_exact_max']} nodes, else "
          f"{new['closeness_samples']} sampled sources")
    print(f"old: NetworkX; betweenness exact ≤ {OLD['betweenness_exact_max']} else k={OLD['betweenness_samples']}; "
          f"closeness exact ≤ {OLD['closeness_exact_max']} else k={OLD['closeness_samples']}")
    totals = []
    for name in args.sizes:
        dataset, made = measure(build, name)
        print(f"{name}: dataset built in {made}, peak RSS {peak_rss_mb():.0f} MB", file=sys.stderr, flush=True)
        runs = {}
        repeat = 3 if name in ("street", "district") else 1  # small: the fastest of three (CPU)

        if name != "province":
            runs["old"] = fastest(dataset, OLD, repeat)
        runs["new"] = fastest(dataset, {**new, "overlap": False}, repeat)
        beside = fastest(dataset, new, repeat)[1] if name != "province" else runs["new"][1]
        report = runs["new"][0]
        print(f"\n## {name}: {report.nodes} organisations, {report.edges} organisation-level pairings in force")
        print("| step | old method | old wall (s) | old CPU (s) | new method | new wall (s) | new CPU (s) |")
        print("|---|---|---|---|---|---|---|")
        for step in STEPS_SHOWN:
            cells = []
            for kind in ("old", "new"):
                if kind not in runs:
                    cells.append("not run | | ")
                    continue
                found, _, steps = runs[kind]
                method = found.centrality.methods.get(step, "")
                if step == "communities":
                    method = f"{found.communities.method}: {len(found.communities.communities)}, Q={found.communities.modularity:.3f}"
                timing = steps.get(step, Timing())
                cells.append(f"{method} | {timing.wall:.2f} | {timing.cpu:.2f}")
            print(f"| {step} | {' | '.join(cells)} |")
        cells = [f"**{runs[k][1].wall:.2f}** | **{runs[k][1].cpu:.2f}**" if k in runs else "not run | " for k in ("old", "new")]
        print(f"| **total, one step after another** | | {cells[0]} | | {cells[1]} |")
        if name != "province":
            print(f"| **total, betweenness beside the other steps** | | | | | **{beside.wall:.2f}** | **{beside.cpu:.2f}** |")
        totals.append((name, runs.get("old", (None, None))[1], beside))
        if name == "city":
            city_quality(dataset, runs)
        if name == "province":
            print(f"peak RSS {peak_rss_mb():.0f} MB, the dataset and its graph included "
                  f"(target ≤ {MEMORY_TARGET_MB} MB: {'✓' if peak_rss_mb() <= MEMORY_TARGET_MB else '✗'})")
    print("\n## totals against the targets (estimated report; wall on this shared machine, CPU beside it)")
    print("| size | old wall (s) | old CPU (s) | new wall (s) | new CPU (s) | target (s) | new wall ok | new CPU ok |")
    print("|---|---|---|---|---|---|---|---|")
    for name, old, new_t in totals:
        old_cells = f"{old.wall:.2f} | {old.cpu:.2f}" if old else "not run | "
        target = TARGETS[name]
        print(f"| {name} | {old_cells} | {new_t.wall:.2f} | {new_t.cpu:.2f} | ≤ {target:g} "
              f"| {'✓' if new_t.wall <= target else '✗'} | {'✓' if new_t.cpu <= target else '✗'} |")
    footer()
    return 0


def city_quality(dataset, runs) -> None:
    from analysis.graphs import pairing_network

    graph = pairing_network(dataset)
    exact_b, exact_time = measure(kernels.exact_betweenness, graph, progress=lambda _: None, chunk=64)
    new_report = runs["new"][0]
    exact_c = new_report.centrality.scores["closeness"] if new_report.centrality.methods["closeness"].startswith("exact") \
        else nx.closeness_centrality(graph)
    print(f"\ncity: exact betweenness (igraph, chunks of 64 sources, as in the background) {exact_time} "
          f"(target: ready ≤ {EXACT_TARGET:g} s after the estimated report: "
          f"{'✓' if exact_time.wall <= EXACT_TARGET else '✗'} wall, {'✓' if exact_time.cpu <= EXACT_TARGET else '✗'} CPU)")
    print("| measure | configuration | method | top-50 overlap with exact | Spearman over all nodes | target |")
    print("|---|---|---|---|---|---|")
    for kind in ("old", "new"):
        found = runs[kind][0].centrality
        for measure_name, exact in (("betweenness", exact_b), ("closeness", exact_c)):
            overlap, rho = quality(found.scores[measure_name], exact)
            target = "≥ 70 %, ≥ 0.98" if measure_name == "betweenness" else "exact"
            print(f"| {measure_name} | {kind} | {found.methods[measure_name]} | {overlap:.0%} | {rho:.4f} | {target} |")


if __name__ == "__main__":
    sys.exit(main())
