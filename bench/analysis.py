"""Benchmark of the full analysis report on the street, district and city (run by hand).

    .venv/bin/python bench/analysis.py            # everything (about 3–5 minutes)
    .venv/bin/python bench/analysis.py --no-city  # street and district only

Prints, per dataset, the time of ``analysis_report`` (settings defaults for the
sampling thresholds) against its target, then the slowest steps of the city, then the
sampled-versus-exact betweenness check.

Exact betweenness of the whole city (20,000 nodes, 100,000 pairings) takes about
1,440 s, so it is *not* run: the check compares exact and sampled betweenness (same k
as the settings) on a network of the same shape and mean degree but 3,000 organisations
(``synthetic_network(3000, 15000)``), reports the time ratio there and the agreement of
the top 50 (overlap of the two top-50 sets, and Kendall's tau of the two scores over the
exact top 50), and gives the city's exact time only as an n·m extrapolation, labelled so.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402
from scipy.stats import kendalltau  # noqa: E402

from analysis.graphs import pairing_network  # noqa: E402
from analysis.report import analysis_report  # noqa: E402
from lianmeng.analysis_ops import analysis_options  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402

TARGETS = {"street": 0.2, "district": 3.0, "city": 60.0}
CHECK_SIZE = (3_000, 15_000)
TOP = 50


def timed_report(name: str, dataset):
    options = analysis_options(None)
    last = [time.perf_counter()]

    def progress(step: str, done: float) -> None:
        if name == "city":
            now = time.perf_counter()
            print(f"    [{name}] {done:4.0%} {step:<12} (+{now - last[0]:.1f} s)", file=sys.stderr, flush=True)
            last[0] = now

    start = time.perf_counter()
    report = analysis_report(dataset, progress=progress, **options)
    return report, time.perf_counter() - start


def betweenness_check(samples: int) -> dict[str, float]:
    graph = pairing_network(synthetic_network(*CHECK_SIZE))
    start = time.perf_counter()
    exact = nx.betweenness_centrality(graph)
    exact_s = time.perf_counter() - start
    start = time.perf_counter()
    sampled = nx.betweenness_centrality(graph, k=samples, seed=0)
    sampled_s = time.perf_counter() - start
    top_exact = sorted(exact, key=lambda n: (-exact[n], n))[:TOP]
    top_sampled = sorted(sampled, key=lambda n: (-sampled[n], n))[:TOP]
    tau = kendalltau([exact[n] for n in top_exact], [sampled[n] for n in top_exact]).statistic
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "exact_s": exact_s,
            "sampled_s": sampled_s, "overlap": len(set(top_exact) & set(top_sampled)) / TOP, "tau": tau}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-city", action="store_true", help="skip the city and the betweenness check")
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
    print("| dataset  | nodes  | org. pairings | full report (s) | target (s) | ok | betweenness | closeness |")
    print("|----------|--------|---------------|-----------------|------------|----|-------------|-----------|")
    city_report = None
    for name, build in datasets.items():
        report, seconds = timed_report(name, build())
        if name == "city":
            city_report = report
        ok = "✓" if seconds <= TARGETS[name] else "✗"
        m = report.centrality.methods
        print(f"| {name:<8} | {report.nodes:>6} | {report.edges:>13} | {seconds:>15.2f} | {TARGETS[name]:>10} | {ok}  "
              f"| {m['betweenness']:<11} | {m['closeness']:<9} |", flush=True)
    print(f"load average after the reports: {os.getloadavg()[0]:.1f}")
    if city_report is not None:
        print()
        print("city, seconds per step:")
        print("| step | s |\n|---|---|")
        for step, seconds in sorted(city_report.timings.items(), key=lambda kv: -kv[1]):
            print(f"| {step} | {seconds:.2f} |")
        print()
        k = options["betweenness_samples"]
        check = betweenness_check(k)
        city = city_report.timings["betweenness"]
        extrapolated = check["exact_s"] * (city_report.nodes * city_report.edges) / (check["nodes"] * check["edges"])
        print(f"betweenness, exact vs sampled k={k}, on synthetic_network{CHECK_SIZE} "
              f"({check['nodes']} nodes, {check['edges']} organisation pairings):")
        print("| measured on | exact (s) | sampled (s) | time ratio | top-50 overlap | Kendall tau (exact top 50) |")
        print("|---|---|---|---|---|---|")
        print(f"| 3k check network | {check['exact_s']:.1f} | {check['sampled_s']:.1f} | "
              f"{check['exact_s'] / check['sampled_s']:.1f}× | {check['overlap']:.0%} | {check['tau']:.2f} |")
        print(f"| city (exact extrapolated by n·m, NOT measured) | ≈{extrapolated:.0f} | {city:.1f} (measured) | "
              f"≈{extrapolated / city:.0f}× | — | — |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
