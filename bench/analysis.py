"""Benchmark of the full analysis report on the street, district and city (run by hand).

    .venv/bin/python bench/analysis.py            # everything (about 3–5 minutes)
    .venv/bin/python bench/analysis.py --no-city  # street and district only

Prints, per dataset, the time of ``analysis_report`` (settings defaults for the
sampling thresholds) against its target, then the slowest steps of the city, then the
sampled-versus-exact checks of betweenness and closeness.

Exact betweenness of the whole city (20,000 nodes, 100,000 pairings) takes about
1,440 s, so it is *not* run: the check compares exact and sampled betweenness (same k
as the settings) on a network of the same shape and mean degree but 3,000 organisations
(``synthetic_network(3000, 15000)``) for k and 4k sources, reports the time ratio there
and the agreement (overlap of the two top-50 sets, Kendall's tau of the two scores over
the exact top 50, Spearman's rho over all nodes), and gives the city's exact time only as
an n·m extrapolation, labelled so.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402
from scipy.stats import kendalltau, spearmanr  # noqa: E402

from analysis.centrality import sampled_closeness  # noqa: E402
from analysis.graphs import pairing_network  # noqa: E402
from analysis.report import analysis_report  # noqa: E402
from lianmeng.ops.analysis import analysis_options  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402

TARGETS = {"street": 0.2, "district": 3.0, "city": 60.0}
CHECK_SIZE = (3_000, 15_000)
TOP = 50


def timed_report(name: str, dataset):
    """Run the report; return it, wall seconds, CPU seconds, and CPU seconds per step.

    CPU time (``time.process_time``) is reported next to wall time because this machine
    is shared: under load the wall time grows, the CPU time much less.
    """
    options = analysis_options(None)
    cpu_steps: dict[str, float] = {}
    last = {"step": "", "wall": time.perf_counter(), "cpu": time.process_time()}

    def progress(step: str, done: float) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        if last["step"]:
            cpu_steps[last["step"]] = cpu - last["cpu"]
        if name == "city":
            print(f"    [{name}] {done:4.0%} {step:<12} (previous step +{wall - last['wall']:.1f} s)",
                  file=sys.stderr, flush=True)
        last.update(step=step, wall=wall, cpu=cpu)

    start_wall, start_cpu = time.perf_counter(), time.process_time()
    report = analysis_report(dataset, progress=progress, **options)
    return report, time.perf_counter() - start_wall, time.process_time() - start_cpu, cpu_steps


def sampling_check(measure: str, samples: tuple[int, ...], size: tuple[int, int] = CHECK_SIZE,
                   ) -> tuple[dict[str, float], list[dict[str, float]]]:
    """Exact against sampled ``measure`` (betweenness or closeness) on the network of ``size``."""
    graph = pairing_network(synthetic_network(*size))
    exact_fn = nx.betweenness_centrality if measure == "betweenness" else nx.closeness_centrality
    start = time.process_time()
    exact = exact_fn(graph)
    base = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "exact_s": time.process_time() - start}
    top_exact = sorted(exact, key=lambda n: (-exact[n], n))[:TOP]
    nodes = sorted(graph)
    rows = []
    for k in samples:
        start = time.process_time()
        if measure == "betweenness":
            sampled = nx.betweenness_centrality(graph, k=k, seed=0)
        else:
            sampled = sampled_closeness(graph, k, seed=0)
        seconds = time.process_time() - start
        top_sampled = sorted(sampled, key=lambda n: (-sampled[n], n))[:TOP]
        rows.append({
            "k": k, "sampled_s": seconds,
            "overlap": len(set(top_exact) & set(top_sampled)) / TOP,
            "tau": kendalltau([exact[n] for n in top_exact], [sampled[n] for n in top_exact]).statistic,
            "spearman": spearmanr([exact[n] for n in nodes], [sampled[n] for n in nodes]).statistic,
        })
    return base, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-city", action="store_true", help="skip the city and the betweenness check")
    parser.add_argument("--exact-on-city", action="store_true",
                        help="compare sampled with exact on the city itself (exact betweenness takes 15–25 min)")
    args = parser.parse_args()
    datasets = {"street": sample_street, "district": lambda: synthetic_network(*SIZES["district"])}
    if not args.no_city:
        datasets["city"] = lambda: synthetic_network(*SIZES["city"])
    options = analysis_options(None)
    print(f"sampling: betweenness exact ≤ {options['betweenness_exact_max']} nodes else k={options['betweenness_samples']}; "
          f"closeness exact ≤ {options['closeness_exact_max']} nodes else k={options['closeness_samples']}")
    print(f"machine: {os.cpu_count()} CPUs, load average at start {os.getloadavg()[0]:.1f} "
          "(other jobs share this machine: times grow with the load)")
    print()
    print("| dataset  | nodes  | org. pairings | full report wall (s) | CPU (s) | target (s) | wall ok | CPU ok | betweenness | closeness |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    city_report = city_cpu = None
    for name, build in datasets.items():
        report, wall, cpu, cpu_steps = timed_report(name, build())
        if name == "city":
            city_report, city_cpu = report, cpu_steps
        m = report.centrality.methods
        print(f"| {name} | {report.nodes} | {report.edges} | {wall:.2f} | {cpu:.2f} | {TARGETS[name]} "
              f"| {'✓' if wall <= TARGETS[name] else '✗'} | {'✓' if cpu <= TARGETS[name] else '✗'} "
              f"| {m['betweenness']} | {m['closeness']} |", flush=True)
    print(f"load average after the reports: {os.getloadavg()[0]:.1f}")
    if city_report is not None:
        print()
        print("city, seconds per step:")
        print("| step | wall (s) | CPU (s) |\n|---|---|---|")
        for step, seconds in sorted(city_report.timings.items(), key=lambda kv: -kv[1]):
            print(f"| {step} | {seconds:.2f} | {city_cpu.get(step, float('nan')):.2f} |")
        print()
        for measure in ("betweenness", "closeness"):
            k = options[f"{measure}_samples"]
            size = SIZES["city"] if args.exact_on_city else CHECK_SIZE
            base, rows = sampling_check(measure, (k, 4 * k), size)
            city_wall, city_cpu_m = city_report.timings[measure], city_cpu[measure]
            scale = (city_report.nodes * city_report.edges) / (base["nodes"] * base["edges"])
            print(f"{measure}, exact vs sampled, CPU seconds, on synthetic_network{size} "
                  f"({base['nodes']} nodes, {base['edges']} organisation pairings); exact: {base['exact_s']:.1f} s")
            print("| k | sampled CPU (s) | time ratio exact/sampled | top-50 overlap | Kendall tau over exact top 50 "
                  "| Spearman over all nodes |")
            print("|---|---|---|---|---|---|")
            for row in rows:
                print(f"| {row['k']} | {row['sampled_s']:.1f} | {base['exact_s'] / row['sampled_s']:.0f}× "
                      f"| {row['overlap']:.0%} | {row['tau']:.2f} | {row['spearman']:.2f} |")
            if args.exact_on_city:
                print(f"city: sampled k={k} in the report {city_wall:.1f} s wall / {city_cpu_m:.1f} s CPU; "
                      f"exact measured above: {base['exact_s']:.0f} s CPU")
            else:
                extrapolated = base["exact_s"] * scale
                print(f"city: sampled k={k} measured {city_wall:.1f} s wall / {city_cpu_m:.1f} s CPU; exact NOT "
                      f"measured (--exact-on-city does), extrapolated by n·m from the check network ≈ "
                      f"{extrapolated:.0f} s CPU (≈{extrapolated / city_cpu_m:.0f}× the sampled)")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
