"""How long the meetings features take at street, district and city scale (run by hand).

Prints one table: the rotation for every alliance over three years, one chair's pack
(built, as Markdown, as Word) and the year's calendar. Meetings are not part of the
synthetic networks, so every quarter is planned — the most work the rotation does.
Each cell is wall / CPU milliseconds; ``--quick`` runs the street and district only,
``--sizes street,city`` chooses.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.append(str(Path(__file__).resolve().parent))

from clock import command_line, footer, header, measure  # noqa: E402

from lianmeng.ops.meetings import calendar_for_year, pack_for, rotation_for  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.synthetic import synthetic_network  # noqa: E402
from meetings.pack_docx import pack_docx  # noqa: E402
from meetings.pack_markdown import pack_markdown  # noqa: E402
from meetings.quarters import span  # noqa: E402


def timed(fn, *args):
    result, timing = measure(fn, *args)
    return result, f"{timing.wall * 1000:.0f}/{timing.cpu * 1000:.0f}"


def _rotations(dataset, quarters):
    return [rotation_for(dataset, a.id, quarters) for a in dataset.alliances]


def main(argv: list[str] | None = None) -> None:
    builders = {"street": ("street (sample)", sample_street),
                "district": ("district 1k/5k", lambda: synthetic_network(1_000, 5_000)),
                "city": ("city 20k/100k", lambda: synthetic_network(20_000, 100_000))}
    args = command_line(__doc__, tuple(builders), default=tuple(builders), quick=("street", "district"), argv=argv)
    header("bench/meetings.py (each cell: wall ms / CPU ms)")
    print(f"{'network':<18}{'alliances':>10}{'rotation ms':>14}{'pack ms':>12}{'md ms':>10}{'docx ms':>12}"
          f"{'ics ms':>11}{'events':>8}")
    for size in args.sizes:
        label, build = builders[size]
        dataset = build()
        quarters = span("2027Q1", "2029Q4")
        _, rotation_ms = timed(_rotations, dataset, quarters)
        pack, pack_ms = timed(pack_for, dataset, dataset.alliances[0].id, "2027Q1")
        _, md_ms = timed(pack_markdown, pack)
        _, docx_ms = timed(pack_docx, pack)
        ics, ics_ms = timed(calendar_for_year, dataset, 2027)
        print(f"{label:<18}{len(dataset.alliances):>10}{rotation_ms:>14}{pack_ms:>12}{md_ms:>10}"
              f"{docx_ms:>12}{ics_ms:>11}{ics.count('BEGIN:VEVENT'):>8}")
    footer()


if __name__ == "__main__":
    main()
