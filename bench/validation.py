"""Validation speed: a 10,000-organisation, 50,000-pairing workbook read and validated.

Run alone (``python bench/validation.py [--quick] [--sizes district,workbook,city]``) to
print a table (wall and CPU seconds, load average); ``bench/ingest.py`` calls
:func:`measure_validation` and prints the same rows. Target: read + validate < 10 s for
the 10,000-organisation workbook (size ``workbook``, the default; ``--quick``: the district).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.append(str(Path(__file__).resolve().parent))

from clock import command_line, footer, header  # noqa: E402

from ingest.readers import read_paths  # noqa: E402
from ingest.template import write_workbook  # noqa: E402
from ingest.validate import validate  # noqa: E402
from lianmeng.dataset import Dataset  # noqa: E402
from lianmeng.synthetic import synthetic_network  # noqa: E402

__all__ = ["measure_validation", "TARGET_SECONDS"]

TARGET_SECONDS = 10.0


def measure_validation(organisations: int = 10_000, pairings: int = 50_000) -> list[dict]:
    """Time writing, reading and validating the synthetic workbook; one dict per step.

    Each row: ``step``, ``rows``, ``seconds`` (wall clock, what the target is about),
    ``cpu_s`` (this process's CPU time: shows how much a busy machine added) and
    ``target_s`` (``None`` when the step has no target).
    """
    dataset = synthetic_network(organisations, pairings)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.xlsx"
        start, cpu = time.perf_counter(), time.process_time()
        written = write_workbook(path, dataset)
        rows.append({"step": "write workbook", "rows": written, "seconds": time.perf_counter() - start,
                     "cpu_s": time.process_time() - cpu, "target_s": None})
        start, cpu = time.perf_counter(), time.process_time()
        sheets = read_paths([path])
        read_s, read_cpu = time.perf_counter() - start, time.process_time() - cpu
        rows.append({"step": "read", "rows": sum(len(s.rows) for s in sheets), "seconds": read_s,
                     "cpu_s": read_cpu, "target_s": None})
        start, cpu = time.perf_counter(), time.process_time()
        result = validate(sheets, Dataset(), replace=True)
        validate_s, validate_cpu = time.perf_counter() - start, time.process_time() - cpu
        if not result.ok:
            raise SystemExit(f"synthetic workbook did not validate: {result.errors[:5]}")
        rows.append({"step": "validate", "rows": sum(result.dataset.counts().values()), "seconds": validate_s,
                     "cpu_s": validate_cpu, "target_s": None})
        rows.append({"step": "read + validate", "rows": f"{organisations} orgs, {pairings} pairings",
                     "seconds": read_s + validate_s, "cpu_s": read_cpu + validate_cpu, "target_s": TARGET_SECONDS})
    return rows


def _print(rows: list[dict]) -> None:
    print(f"{'step':<18}{'rows':>28}{'wall s':>9}{'cpu s':>8}{'target':>8}{'ok':>5}")
    for row in rows:
        target = row["target_s"]
        ok = "" if target is None else ("yes" if row["seconds"] < target else "NO")
        cpu = "" if row["cpu_s"] is None else f"{row['cpu_s']:.2f}"
        print(f"{row['step']:<18}{row['rows']!s:>28}{row['seconds']:>9.2f}{cpu:>8}{target or '':>8}{ok:>5}")


#: size → (organisations, pairings)
SIZES = {"district": (1_000, 5_000), "workbook": (10_000, 50_000), "city": (20_000, 100_000)}


def main(argv: list[str] | None = None) -> None:
    args = command_line(__doc__, tuple(SIZES), default=("workbook",), quick=("district",), argv=argv)
    header("bench/validation.py")
    for size in args.sizes:
        print(f"\n{size}: {SIZES[size][0]:,} organisations, {SIZES[size][1]:,} pairings")
        _print(measure_validation(*SIZES[size]))
    footer()


if __name__ == "__main__":
    main()
