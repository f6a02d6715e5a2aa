"""The ledger at city scale (issue 16): import speed and the yearly roll-up.

Run by hand::

    .venv/bin/python bench/ledger.py [--activities 500000] [--sheet-rows 100000]

The city of :mod:`lianmeng.synthetic` (20,000 organisations, 100,000 pairings) gets
``--activities`` deterministic activities over 2023–2025 (each under a pairing, its two
ends taking part). Measured on the embedded store, each with CPU time, wall time and the
load average (the machine is shared: wall time includes the neighbours):

* **write** — the records into an emptied store: the dataset's rules (validation) and
  one transaction (the storage write of ``bench/ingest.py``); rows = every record;
* **import** — the 活动 sheet as an office hands it in (rows of cells, ``--sheet-rows``
  of them) through the import's validation (references by name/“甲方—乙方”, counts) and
  the audited write of the new activities; rows = sheet rows;
* **roll-up** — :func:`analysis.outcomes.outcomes` for 2025 against 2024 from the
  columnar table (built once per data revision; its build is timed too).

Targets: import ≥ 20,000 rows/s embedded; the roll-up for a year ≤ 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.outcomes import activity_table, outcomes  # noqa: E402
from graphdb.sqlite_store import SqliteStore  # noqa: E402
from ingest.readers import RawSheet  # noqa: E402
from ingest.validate import validate  # noqa: E402
from lianmeng.dataset import ChangeSet, Dataset  # noqa: E402
from lianmeng.ledger_records import Activity, ActivityCategory  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402

IMPORT_TARGET = 20_000  # rows/s
ROLLUP_TARGET = 1.0  # s
_CATEGORIES = list(ActivityCategory)


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def city_with_activities(n: int) -> Dataset:
    """The synthetic city plus ``n`` activities, deterministic (no randomness: arithmetic)."""
    city = synthetic_network(*SIZES["city"])
    pairings = [p for p in city.pairings if p.level.value == "organisation"]
    start = dt.date(2023, 1, 1)
    activities = []
    for i in range(n):
        p = pairings[(i * 7919) % len(pairings)]
        day = start + dt.timedelta(days=(i * 31) % 1095)
        activities.append(Activity(
            id=f"AC{i:07d}", date=day, title=f"结对活动{i % 97}", category=_CATEGORIES[i % len(_CATEGORIES)],
            pairing=p.id, organisations=(p.party_a, p.party_b), people_served=10 + i % 50, volunteers=1 + i % 9,
            donated=float((i % 13) * 100), place="活动室"))
    tables = dict(city.tables())
    tables["activities"] = tuple(activities)
    return Dataset(**tables)


def activity_sheet(dataset: Dataset, rows: int) -> RawSheet:
    """The 活动 sheet for ``rows`` new activities, written as an office would (names, 甲方—乙方)."""
    names = {o.id: o.name for o in dataset.organisations}
    pairings = [p for p in dataset.pairings if p.level.value == "organisation"]
    header = ["日期", "活动名称", "类别", "结对", "参与组织", "服务群众人次", "志愿者人次", "捐助金额（元）"]
    body = []
    for i in range(rows):
        p = pairings[(i * 104729) % len(pairings)]
        a, b = names[p.party_a], names[p.party_b]
        body.append((i + 2, [f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", f"新活动{i}", "志愿服务", f"{a}—{b}",
                             f"{a}；{b}", 20 + i % 30, 2 + i % 5, 0]))
    return RawSheet("活动", "bench", header, body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=500_000)
    parser.add_argument("--sheet-rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(f"load average before: {_load()}")
    wall, cpu, dataset = _timed(lambda: city_with_activities(args.activities))
    records = sum(dataset.counts().values())
    print(f"build city: {records:,} records ({args.activities:,} activities) wall {wall:.1f} s, CPU {cpu:.1f} s")
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "bench.sqlite3")

        def write() -> None:
            dataset.validated()
            upserts = tuple(r for _, records_ in dataset.tables() for r in records_)
            store._commit(ChangeSet(upserts=upserts), expected_revision=None, clear=True)

        wall, cpu, _ = _timed(write)
        rows.append(["write (validate + one transaction)", f"{records:,}", f"{wall:.2f}", f"{cpu:.2f}",
                     f"{records / wall:,.0f}", _load()])
        sheet = activity_sheet(dataset, args.sheet_rows)
        base = store.snapshot()

        def import_sheet() -> int:
            found = validate([sheet], base)
            if not found.ok:
                raise SystemExit(f"the sheet did not validate: {found.errors[:3]}")
            stored = {a.id for a in base.activities}
            new = [r for r in found.dataset.activities if r.id not in stored]
            with store.action("import"):
                store.upsert(new)
            return len(new)

        wall, cpu, added = _timed(import_sheet)
        rows.append(["import 活动 sheet (validate rows + audited write)", f"{added:,}", f"{wall:.2f}",
                     f"{cpu:.2f}", f"{added / wall:,.0f}", _load()])
        dataset = store.snapshot()
    wall, cpu, table = _timed(lambda: activity_table(dataset))
    rows.append(["activity table (once per revision)", f"{len(table):,}", f"{wall:.2f}", f"{cpu:.2f}",
                 f"{len(table) / wall:,.0f}", _load()])
    wall, cpu, result = _timed(lambda: outcomes(dataset, 2025, table))
    rows.append(["roll-up 2025 vs 2024", f"{len(table):,}", f"{wall:.3f}", f"{cpu:.3f}", "", _load()])
    headers = ["step", "rows", "wall s", "CPU s", "rows/s", "load avg"]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    for line in (headers, *rows):
        print("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)))
    print(f"street 2025: {result.street.current}")
    import_rate = float(rows[1][4].replace(",", ""))
    rollup = float(rows[3][2])
    print(f"targets: import ≥ {IMPORT_TARGET:,} rows/s: {'met' if import_rate >= IMPORT_TARGET else 'MISSED'}; "
          f"roll-up ≤ {ROLLUP_TARGET} s: {'met' if rollup <= ROLLUP_TARGET else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
