"""Exact betweenness once per data revision: computed in the background, kept on disk.

Above the exact threshold the report shows a fast estimate of betweenness (see
:mod:`analysis.centrality`). The exact values are computed here — igraph's Brandes, a
chunk of sources at a time so progress can be shown — and written to the data directory
as ``analysis/betweenness-<store>-r<revision>.json``. The file outlives the process (a
restarted explorer or another command finds it) and is keyed by the store and its
revision: a write bumps the revision, so the old file no longer answers, and the next
save for that store deletes it.

:class:`ExactRunner` runs one background computation per store and revision (the
explorer keeps one runner per process); :func:`exact_now` computes in the foreground
for ``lianmeng centrality --exact``.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis import kernels
from analysis.centrality import CentralityResult
from analysis.graphs import pairing_network
from graphdb.store import GraphStore
from lianmeng.dataset import Dataset

__all__ = ["ExactBetweenness", "ExactBetweennessCache", "ExactJob", "ExactRunner", "exact_now",
           "with_exact", "CACHE_FOLDER"]

#: the folder of the data directory holding the cached results
CACHE_FOLDER = "analysis"

Progress = Callable[[float], None]


@dataclass(frozen=True)
class ExactBetweenness:
    """Exact betweenness of every organisation at one revision, and what it cost."""

    revision: int
    scores: dict[str, float]
    seconds: float
    method: str = f"exact {kernels.KERNEL_EXACT_BETWEENNESS}"


def _store_key(store: GraphStore) -> str:
    return f"{store.kind}:{store.location}"


class ExactBetweennessCache:
    """The results on disk under ``data_dir``, one file per store, for its last revision."""

    def __init__(self, data_dir: Path, store_key: str) -> None:
        self.folder = Path(data_dir) / CACHE_FOLDER
        self.prefix = "betweenness-" + hashlib.sha256(store_key.encode()).hexdigest()[:12]

    def path(self, revision: int) -> Path:
        return self.folder / f"{self.prefix}-r{revision}.json"

    def load(self, revision: int) -> ExactBetweenness | None:
        """The result for ``revision``, or None (never computed, or unreadable)."""
        try:
            raw = json.loads(self.path(revision).read_text(encoding="utf-8"))
            found = ExactBetweenness(int(raw["revision"]), {str(k): float(v) for k, v in raw["scores"].items()},
                                     float(raw["seconds"]), str(raw["method"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return found if found.revision == revision else None

    def save(self, result: ExactBetweenness) -> Path:
        """Write ``result`` atomically and delete this store's files of other revisions."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(result.revision)
        temporary = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps({"revision": result.revision, "seconds": result.seconds,
                                         "method": result.method, "scores": result.scores}), encoding="utf-8")
        os.replace(temporary, target)
        for old in self.folder.glob(f"{self.prefix}-r*.json"):
            if old != target:
                old.unlink(missing_ok=True)
        return target


def _snapshot(store: GraphStore) -> tuple[int, Dataset]:
    """The store's data and the revision it belongs to (read again if a write came between)."""
    while True:
        revision = store.revision()
        dataset = store.snapshot()
        if store.revision() == revision:
            return revision, dataset


def _compute(revision: int, dataset: Dataset, progress: Progress | None) -> ExactBetweenness:
    start = time.perf_counter()
    scores = kernels.exact_betweenness(pairing_network(dataset), progress=progress or (lambda _: None), chunk=64)
    return ExactBetweenness(revision, {str(k): v for k, v in scores.items()}, time.perf_counter() - start)


@dataclass
class ExactJob:
    """One background computation: its progress, then its result or its error."""

    revision: int
    done: float = 0.0
    result: ExactBetweenness | None = None
    error: str | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    def wait(self, timeout: float | None = None) -> ExactBetweenness | None:
        """Block until the job ends (or ``timeout`` seconds); the result, if any."""
        self.finished.wait(timeout)
        return self.result


class ExactRunner:
    """Starts at most one background computation per store and revision, in a thread.

    The snapshot is taken in the caller's thread (a store connection stays in its
    thread); the thread only computes and writes the file.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[tuple[str, int], ExactJob] = {}

    def job(self, store: GraphStore, data_dir: Path) -> tuple[ExactJob, bool]:
        """The job for the store's current revision — finished at once if cached, else
        the running one, else a new one — and whether this call started it."""
        key = _store_key(store)
        cache = ExactBetweennessCache(data_dir, key)
        revision = store.revision()
        with self._lock:
            found = self._jobs.get((key, revision))
            if found is not None:
                return found, False
            cached = cache.load(revision)
            if cached is not None:
                job = ExactJob(revision, 1.0, cached)
                job.finished.set()
                self._jobs[(key, revision)] = job
                return job, False
            revision, dataset = _snapshot(store)
            job = ExactJob(revision)
            self._jobs = {k: v for k, v in self._jobs.items() if k[0] != key or not v.finished.is_set()}
            self._jobs[(key, revision)] = job

        def run() -> None:
            try:
                def progress(done: float) -> None:
                    job.done = done

                job.result = _compute(revision, dataset, progress)
                cache.save(job.result)
            except Exception as exc:  # noqa: BLE001 - shown on the page; the estimate stays
                job.error = f"{type(exc).__name__}: {exc}"
            finally:
                job.finished.set()

        threading.Thread(target=run, name=f"exact-betweenness-r{revision}", daemon=True).start()
        return job, True


def exact_now(store: GraphStore, data_dir: Path, *, progress: Progress | None = None,
              ) -> tuple[ExactBetweenness, bool]:
    """The exact betweenness at the store's revision, and whether it came from the cache;
    computed here (with ``progress``) and cached when it is not there yet."""
    cache = ExactBetweennessCache(data_dir, _store_key(store))
    cached = cache.load(store.revision())
    if cached is not None:
        return cached, True
    revision, dataset = _snapshot(store)
    shown = [0.0]

    def every_tenth(done: float) -> None:
        if progress is not None and (done - shown[0] >= 0.1 or done == 1.0):
            shown[0] = done
            progress(done)

    result = _compute(revision, dataset, every_tenth)
    cache.save(result)
    return result, False


def with_exact(result: CentralityResult, exact: ExactBetweenness) -> CentralityResult:
    """``result`` with its betweenness replaced by the exact values."""
    return replace(result, scores={**result.scores, "betweenness": dict(exact.scores)},
                   methods={**result.methods, "betweenness": exact.method})
