"""Export timings: every format for the sample street and the synthetic district (and the
city with ``--sizes street,district,city``; ``--quick``: the street only). Run by hand
(``make bench``); prints a table, wall and CPU seconds side by side, asserts nothing.

Agreements are timed for the first 200 pairings (one page each): offices print them per
alliance, not for a whole district at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.append(str(Path(__file__).resolve().parent))

from clock import command_line, footer, header, measure  # noqa: E402

from exports.agreement_docx import agreement_files, combined_agreements, default_agreement_template  # noqa: E402
from exports.graph_files import gexf_bytes, graphml_bytes  # noqa: E402
from exports.pairing_csv import csv_bytes  # noqa: E402
from exports.pairing_rows import select  # noqa: E402
from exports.pairing_xlsx import workbook_bytes  # noqa: E402
from lianmeng.ops.analysis import dataset_centrality  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.snapshot_json import dumps  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402


def timed(label: str, network: str, work) -> None:
    result, timing = measure(work)
    size = len(result) if isinstance(result, bytes) else sum(len(b) for _, b in result)
    print(f"| {network:8} | {label:28} | {timing.wall:8.2f} | {timing.cpu:8.2f} | {size / 1e6:8.2f} |", flush=True)


def main(argv: list[str] | None = None) -> None:
    builders = {"street": sample_street, "district": lambda: synthetic_network(*SIZES["district"]),
                "city": lambda: synthetic_network(*SIZES["city"])}
    args = command_line(__doc__, tuple(builders), default=("street", "district"), quick=("street",), argv=argv)
    networks = [(name, builders[name]) for name in args.sizes]
    template = default_agreement_template()
    header("bench/exports_bench.py")
    print("| network  | export                       |   wall s |    CPU s |       MB |")
    print("|----------|------------------------------|----------|----------|----------|")
    for name, build in networks:
        dataset = build()
        first = select(dataset)[:200]
        centrality = dataset_centrality(dataset).scores
        timed("pairings .xlsx", name, lambda d=dataset: workbook_bytes(d))
        timed("pairings .csv", name, lambda d=dataset: csv_bytes(d))
        timed(f"agreements, 1 file, {len(first)} pages", name,
              lambda d=dataset, f=first: combined_agreements(d, f, template))
        timed(f"agreements, {len(first)} files", name, lambda d=dataset, f=first: agreement_files(d, f, template))
        timed("snapshot .json", name, lambda d=dataset: dumps(d).encode("utf-8"))
        timed("centrality (the four measures)", name, lambda d=dataset: repr(dataset_centrality(d).scores).encode())
        timed(".gexf", name, lambda d=dataset, c=centrality: gexf_bytes(d, c))
        timed(".graphml", name, lambda d=dataset, c=centrality: graphml_bytes(d, c))
    footer()


if __name__ == "__main__":
    main()
