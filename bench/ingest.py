"""Ingest speed of each backend, and batched vs one-row-per-transaction writes on Neo4j.

Run by hand (it starts its own Neo4j with a 2 GB heap unless ``--uri`` names one, whose
database it then EMPTIES)::

    .venv/bin/python bench/ingest.py [--quick] [--sizes street,district,city] [--per-row 2000]

``--quick`` writes the street and district only. Each write is timed in wall and CPU
seconds (CPU of this process: the client side; Neo4j's own work is in its server process).

Datasets: the sample street, and the district and city of :mod:`lianmeng.synthetic`
(deterministic). Each is written into each backend two ways: the storage write alone
(validation and one transaction — what the targets below are for) and the product's
``replace_all``, which adds, in the same transaction, the audit entry with one item per
record (issue 9); rows = records. Targets for the city's storage write: Neo4j ≥ 10,000
rows/s, embedded ≥ 50,000 rows/s, batched ≥ 10× per-row on Neo4j.

If ``bench/validation.py`` defines ``measure_validation() -> list[dict]``, its rows are
printed too.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphdb import cypher  # noqa: E402
from graphdb.codec import to_row  # noqa: E402
from graphdb.neo4j_server import Neo4jServer  # noqa: E402
from graphdb.neo4j_store import Neo4jStore, write_rows  # noqa: E402
from graphdb.sqlite_store import SqliteStore  # noqa: E402
from graphdb.store import GraphStore  # noqa: E402
from lianmeng.dataset import ChangeSet, Dataset  # noqa: E402
from lianmeng.sample import sample_street  # noqa: E402
from lianmeng.synthetic import SIZES, synthetic_network  # noqa: E402

TARGETS = {"embedded": 50_000, "neo4j": 10_000}
BATCH_TARGET = 10.0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def dataset_named(name: str) -> Dataset:
    if name == "street":
        return sample_street()
    return synthetic_network(*SIZES[name])


def _records(dataset: Dataset) -> int:
    return sum(dataset.counts().values())


def _storage_write(store: GraphStore, dataset: Dataset) -> None:
    """The backend's own write of a whole dataset: validation and one transaction, without
    the audit entry that the product's ``replace_all`` adds (one item per record)."""
    dataset.validated()
    upserts = tuple(record for _, records in dataset.tables() for record in records)
    store._commit(ChangeSet(upserts=upserts), expected_revision=None, clear=True)


def measure_backend(store: GraphStore, dataset: Dataset, repeat: int = 1) -> dict[str, float]:
    """Write ``dataset`` into an emptied store, ``repeat`` times each way, keeping the fastest
    (on a shared machine the slower runs measure the neighbours): the product's audited
    ``replace_all`` and the storage write alone; then time the read-back."""
    audited_s = storage_s = storage_cpu = audited_cpu = float("inf")
    for _ in range(repeat):
        store.clear()
        cpu = time.process_time()
        wall = _timed(lambda: _storage_write(store, dataset))[0]
        if wall < storage_s:
            storage_s, storage_cpu = wall, time.process_time() - cpu
        store.clear()
        cpu = time.process_time()
        wall = _timed(lambda: store.replace_all(dataset))[0]
        if wall < audited_s:
            audited_s, audited_cpu = wall, time.process_time() - cpu
    read_s, back = _timed(store.snapshot)
    if back.counts() != dataset.counts():
        raise SystemExit(f"read-back differs: {back.counts()} != {dataset.counts()}")
    return {"write_s": storage_s, "write_cpu": storage_cpu, "audited_s": audited_s, "audited_cpu": audited_cpu,
            "read_s": read_s}


def batched_vs_per_row(store: Neo4jStore, dataset: Dataset, per_row: int) -> dict[str, float]:
    """Organisation rows through the same Cypher: all in batched UNWINDs in one transaction,
    then ``per_row`` of them each in a transaction of its own (one-row UNWINDs)."""
    frame = Dataset(committees=dataset.committees, subcommittees=dataset.subcommittees,
                    alliances=dataset.alliances)
    rows = [to_row(org) for org in dataset.organisations]

    def write(batch: list[dict[str, Any]]) -> None:
        with store.driver.session(database=store.database) as session:
            session.execute_write(lambda tx: write_rows(tx, "organisations", batch))

    store.replace_all(frame)
    batched_s, _ = _timed(lambda: write(rows))
    store.replace_all(frame)
    subset = rows[:per_row]

    def one_by_one() -> None:
        for row in subset:
            write([row])

    per_row_s, _ = _timed(one_by_one)
    store.clear()
    return {"batched_rows": len(rows), "batched_s": batched_s, "per_row_rows": len(subset), "per_row_s": per_row_s}


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)] if rows else [len(h) for h in headers]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def _validation_hook() -> list[dict[str, Any]] | None:
    path = Path(__file__).with_name("validation.py")
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("bench_validation", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    measure = getattr(module, "measure_validation", None)
    return measure() if callable(measure) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="street,district,city", help="comma-separated: street, district, city")
    parser.add_argument("--quick", action="store_true", help="street and district only")
    parser.add_argument("--per-row", type=int, default=2_000, help="rows written one per transaction")
    parser.add_argument("--uri", help="an existing Neo4j (its database is EMPTIED); default: start one")
    parser.add_argument("--repeat", type=int, default=2, help="writes per dataset and backend; the fastest counts")
    parser.add_argument("--heap-mb", type=int, default=2_048)
    parser.add_argument("--pagecache-mb", type=int, default=512)
    args = parser.parse_args(argv)
    sizes = ["street", "district"] if args.quick else [s.strip() for s in args.sizes.split(",") if s.strip()]
    load_before = os.getloadavg()

    with tempfile.TemporaryDirectory(prefix="lianmeng-bench-") as tmp:
        server = None
        if not args.uri:
            _say(f"starting Neo4j (heap {args.heap_mb} MB, page cache {args.pagecache_mb} MB) …")
            server = Neo4jServer(Path(tmp) / "neo4j", heap_mb=args.heap_mb, pagecache_mb=args.pagecache_mb)
            server.start()
        try:
            neo = Neo4jStore.connect(args.uri or server.uri)  # type: ignore[union-attr]
            with neo.driver.session(database=neo.database) as session:
                session.run(cypher.DELETE_ALL_FOR_TESTS).consume()
            stores: dict[str, GraphStore] = {"embedded": SqliteStore(Path(tmp) / "bench.sqlite3"), "neo4j": neo}
            results, largest = [], None
            for name in sizes:
                _say(f"generating {name} …")
                dataset = dataset_named(name)
                validate_s, _ = _timed(dataset.validated)
                for kind, store in stores.items():
                    _say(f"  {name} → {kind} …")
                    figures = measure_backend(store, dataset, args.repeat)
                    results.append((name, _records(dataset), kind, figures, validate_s))
                largest = (name, dataset)
            _say(f"batched vs per-row on Neo4j ({largest[0]}) …")
            ratio = batched_vs_per_row(neo, largest[1], args.per_row)
            neo.close()
        finally:
            if server is not None:
                server.stop()

    load_after = os.getloadavg()
    print(f"{os.cpu_count()} CPUs; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
          f"(other processes on this machine slow every figure down)")
    rows = []
    for name, records, kind, f, validate_s in results:
        rate = records / f["write_s"]
        target = TARGETS[kind] if name == "city" else None
        audited = records / f["audited_s"]
        rows.append([name, f"{records:,}", kind, f"{f['write_s']:.2f}", f"{f['write_cpu']:.2f}", f"{validate_s:.2f}",
                     f"{rate:,.0f}",
                     "" if target is None else ("OK" if rate >= target else "MISS") + f" ≥{target:,}",
                     f"{f['audited_s']:.2f}", f"{f['audited_cpu']:.2f}", f"{audited:,.0f}", f"{f['read_s']:.2f}"])
    print(f"storage write = validation + one transaction; audited = replace_all, which also writes the audit "
          f"entry (one item per record) in that transaction; fastest of {args.repeat}; rows = records")
    print(_table(["dataset", "rows", "backend", "storage write s", "its CPU s", "of which validate s", "storage rows/s",
                  "target", "audited write s", "its CPU s", "audited rows/s", "read s"], rows))
    batched = ratio["batched_rows"] / ratio["batched_s"]
    single = ratio["per_row_rows"] / ratio["per_row_s"]
    factor = batched / single
    print()
    print(f"Neo4j organisation rows, same Cypher ({largest[0]}):")
    print(_table(["mode", "rows", "s", "rows/s"], [
        ["batched UNWIND, one tx", f"{ratio['batched_rows']:,}", f"{ratio['batched_s']:.2f}", f"{batched:,.0f}"],
        ["one row per tx", f"{ratio['per_row_rows']:,}", f"{ratio['per_row_s']:.2f}", f"{single:,.0f}"],
    ]))
    print(f"batched / per-row = {factor:,.1f}×  ({'OK' if factor >= BATCH_TARGET else 'MISS'} ≥{BATCH_TARGET:g}×)")

    extra = _validation_hook()
    if extra:
        print()
        print("bench/validation.py:")
        headers = list(extra[0])
        print(_table(headers, [[str(r.get(h, "")) for h in headers] for r in extra]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
