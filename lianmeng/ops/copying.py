"""Copy a whole dataset from one store to another (``lianmeng copy``), and prove it arrived.

The copy is one transaction on the target (``replace_all``), so a failure leaves the
target as it was. Afterwards the target is read back and its per-table counts and its
street figures must equal the source's; otherwise :class:`CopyMismatch` says which table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graphdb.store import GraphStore, StoreError, TargetNotEmpty
from lianmeng.stats import street_stats
from lianmeng.texts import say

__all__ = ["CopyMismatch", "CopyReport", "copy_store"]


class CopyMismatch(StoreError):
    """The target does not hold what was copied."""


@dataclass(frozen=True)
class CopyReport:
    """What was copied: records per table, and the target's revision afterwards."""

    counts: dict[str, int]
    revision: int


def copy_store(source: GraphStore, target: GraphStore, *, replace: bool = False,
               progress: Callable[[str], None] = lambda message: None) -> CopyReport:
    """Copy everything in ``source`` into ``target`` in one transaction and verify it.

    Raises :class:`~graphdb.store.TargetNotEmpty` when ``target`` holds data and
    ``replace`` is false (nothing written), and :class:`CopyMismatch` when the
    read-back differs.
    """
    progress(say("copy_reading", source=source.kind, location=source.location))
    dataset = source.snapshot()
    expected = target.revision()
    if not replace and not target.is_empty():
        raise TargetNotEmpty()
    progress(say("copy_writing", target=target.kind, location=target.location,
                 records=sum(dataset.counts().values())))
    # expected_revision: a writer that slipped in since the emptiness check makes this fail
    revision = target.replace_all(dataset, expected_revision=expected)
    progress(say("copy_checking"))
    copied = target.snapshot()
    want, got = dataset.counts(), copied.counts()
    for table, n in want.items():
        if got[table] != n:
            raise CopyMismatch(say("copy_mismatch", table=table, expected=n, actual=got[table]))
    if street_stats(copied) != street_stats(dataset):
        raise CopyMismatch(say("copy_mismatch", table="stats", expected=street_stats(dataset),
                               actual=street_stats(copied)))
    return CopyReport(counts=want, revision=revision)
