"""How long the meetings features take at street, district and city scale (run by hand).

Prints one table: the rotation for every alliance over three years, one chair's pack
(built, as Markdown, as Word) and the year's calendar. Meetings are not part of the
synthetic networks, so every quarter is planned — the most work the rotation does.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lianmeng.ops.meetings import calendar_for_year, pack_for, rotation_for  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.synthetic import synthetic_network  # noqa: E402
from meetings.pack_docx import pack_docx  # noqa: E402
from meetings.pack_markdown import pack_markdown  # noqa: E402
from meetings.quarters import span  # noqa: E402


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, (time.perf_counter() - start) * 1000


def _rotations(dataset, quarters):
    return [rotation_for(dataset, a.id, quarters) for a in dataset.alliances]


def main() -> None:
    networks = [("street (sample)", sample_street()), ("district 1k/5k", synthetic_network(1_000, 5_000)),
                ("city 20k/100k", synthetic_network(20_000, 100_000))]
    print(f"{'network':<18}{'alliances':>10}{'rotation ms':>13}{'pack ms':>9}{'md ms':>7}{'docx ms':>9}"
          f"{'ics ms':>8}{'events':>8}")
    for label, dataset in networks:
        quarters = span("2027Q1", "2029Q4")
        _, rotation_ms = timed(_rotations, dataset, quarters)
        pack, pack_ms = timed(pack_for, dataset, dataset.alliances[0].id, "2027Q1")
        _, md_ms = timed(pack_markdown, pack)
        _, docx_ms = timed(pack_docx, pack)
        ics, ics_ms = timed(calendar_for_year, dataset, 2027)
        print(f"{label:<18}{len(dataset.alliances):>10}{rotation_ms:>13.0f}{pack_ms:>9.0f}{md_ms:>7.0f}"
              f"{docx_ms:>9.0f}{ics_ms:>8.0f}{ics.count('BEGIN:VEVENT'):>8}")


if __name__ == "__main__":
    main()
