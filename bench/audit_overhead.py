"""What the audit trail costs: writes with and without their entry, version look-ups,
trail queries, on the synthetic district (1 000 organisations, 5 000 pairings).

Run by hand: ``.venv/bin/python bench/audit_overhead.py [--quick] [--sizes district,city]``
— prints a table per size, wall and CPU milliseconds side by side, with the load average.
``--quick`` repeats each single-record operation fewer times.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.append(str(Path(__file__).resolve().parent))

from clock import command_line, footer, header  # noqa: E402

from graphdb.guarded import GuardedStore  # noqa: E402
from graphdb.sqlite_store import SqliteStore  # noqa: E402
from lianmeng.access import Role, User  # noqa: E402
from lianmeng.dataset import ChangeSet  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402


def timed(fn, repeat: int = 1) -> tuple[float, float]:
    """Mean wall and CPU milliseconds of ``repeat`` calls."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1000, (time.process_time() - cpu) / repeat * 1000


def main(argv: list[str] | None = None) -> None:
    args = command_line(__doc__, ("district", "city"), default=("district",), quick=("district",), argv=argv)
    header("bench/audit_overhead.py")
    for size in args.sizes:
        print(f"\n{size}:")
        run(synthetic_network(*SIZES[size]), 5 if args.quick else 20)
    footer()


def run(dataset, repeat: int) -> None:
    records = sum(dataset.counts().values())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        raw = SqliteStore(Path(tmp) / "a.sqlite3")
        planner = GuardedStore(raw, User("bench", Role.PLANNER))
        upserts = tuple(r for _, rs in dataset.tables() for r in rs)
        rows.append(("replace_all, no audit entry (_commit)", timed(
            lambda: raw._commit(ChangeSet(upserts=upserts), expected_revision=None, clear=True))))
        raw.clear()
        rows.append((f"replace_all audited ({records} items)", timed(lambda: planner.replace_all(dataset))))
        org = dataset.organisations[10]
        counter = iter(range(10_000))
        rows.append((f"upsert 1 organisation audited (mean of {repeat})",
                     timed(lambda: planner.upsert([org.model_copy(update={"phone": str(next(counter))})]), repeat)))
        key = ("organisations", org.id)
        rows.append((f"upsert 1 with expected_versions (mean of {repeat})", timed(
            lambda: planner.upsert([org.model_copy(update={"phone": str(next(counter))})],
                                   expected_versions={key: planner.record_version(*key)}), repeat)))
        for i in range(200):
            planner.upsert([dataset.organisations[i % 900].model_copy(update={"contact": f"c{i}"})])
        rows.append(("record_version after 240 entries (mean of 100)",
                     timed(lambda: raw.record_version(*key), 100)))
        rows.append(("audit_entries(limit=100) (mean of 10)", timed(lambda: raw.audit_entries(limit=100), 10)))
        rows.append(("audit_entries(table='pairings') (1 big entry)", timed(lambda: raw.audit_entries(table="pairings"))))
        size = (Path(tmp) / "a.sqlite3").stat().st_size / 1e6
    width = max(len(r[0]) for r in rows)
    print(f"{'operation'.ljust(width)}  wall ms    CPU ms")
    for name, (ms, cpu_ms) in rows:
        print(f"{name.ljust(width)}  {ms:8.1f}  {cpu_ms:8.1f}")
    print(f"database file incl. trail: {size:.1f} MB")


if __name__ == "__main__":
    main()
