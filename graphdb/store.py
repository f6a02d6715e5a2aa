"""The one store interface every backend implements, and the store's errors.

Above this module nothing knows which backend it talks to. A backend implements four
primitives — :meth:`GraphStore.revision`, :meth:`GraphStore.snapshot`,
:meth:`GraphStore._commit` and :meth:`GraphStore.close` — and inherits everything else,
so the rules (validation before every write, optimistic concurrency, retries) live once.

Every write is one transaction that also increments the store's *revision*: readers key
their caches on it, and a writer that read revision ``r`` commits only if the store is
still at ``r`` (otherwise it re-reads, re-validates and tries again).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

import networkx as nx

from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.errors import LianmengError
from lianmeng.records import Record
from lianmeng.texts import say

__all__ = [
    "GraphStore",
    "StoreError",
    "RevisionConflict",
    "StoreUnavailable",
    "TargetNotEmpty",
]


class StoreError(LianmengError):
    """Base of the store's errors."""


class RevisionConflict(StoreError):
    """Someone else wrote between this writer's read and its commit."""

    def __init__(self, expected: int, actual: int):
        self.expected = expected
        self.actual = actual
        super().__init__(say("store_conflict", expected=expected, actual=actual))


class StoreUnavailable(StoreError):
    """The database cannot be reached or refuses us; the message says what to check."""


class TargetNotEmpty(StoreError):
    """A whole-dataset copy was asked into a store that already holds data."""

    def __init__(self) -> None:
        super().__init__(say("store_not_empty"))


class GraphStore(ABC):
    """A street's records behind one interface.

    ``kind`` is ``"embedded"`` or ``"neo4j"``; ``location`` says where the data lives,
    for people.
    """

    kind: str = ""
    location: str = ""
    #: how many times :meth:`apply` re-reads and retries after a :class:`RevisionConflict`
    conflict_retries: int = 5

    # --- what a backend implements --------------------------------------------------

    @abstractmethod
    def revision(self) -> int:
        """The number of writes so far; changes on every write."""

    @abstractmethod
    def snapshot(self) -> Dataset:
        """Every record, read in one consistent transaction."""

    @abstractmethod
    def _commit(self, changes: ChangeSet, *, expected_revision: int | None, clear: bool) -> int:
        """Write ``changes`` in ONE transaction and return the new revision.

        With ``clear`` everything is removed first. If ``expected_revision`` is not
        ``None`` and the store is at another revision, raise :class:`RevisionConflict`
        and write nothing. Any failure leaves the store exactly as it was.
        """

    @abstractmethod
    def close(self) -> None:
        """Release connections; the store is unusable afterwards."""

    # --- what every backend shares --------------------------------------------------

    def apply(self, changes: ChangeSet) -> int:
        """Validate the store's data after ``changes`` and write them in one transaction.

        Raises :class:`~lianmeng.errors.DatasetError` (nothing written) when the result
        would break a rule, :class:`RevisionConflict` when other writers keep winning.
        """
        if changes.is_empty():
            return self.revision()
        for attempt in range(self.conflict_retries + 1):
            revision = self.revision()
            current = self.snapshot()
            current.with_changes(changes).validated()
            try:
                return self._commit(changes, expected_revision=revision, clear=False)
            except RevisionConflict:
                if attempt == self.conflict_retries:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def upsert(self, records: Iterable[Record]) -> int:
        """Add or replace records by id (one transaction)."""
        return self.apply(ChangeSet(upserts=tuple(records)))

    def delete(self, table: str, ids: Iterable[str]) -> int:
        """Remove records of one table by id (one transaction)."""
        return self.apply(ChangeSet(deletes=tuple((table, i) for i in ids)))

    def replace_all(self, dataset: Dataset, *, expected_revision: int | None = None) -> int:
        """Replace everything with ``dataset`` (validated first) in one transaction."""
        dataset.validated()
        upserts = tuple(record for _, records in dataset.tables() for record in records)
        return self._commit(ChangeSet(upserts=upserts), expected_revision=expected_revision, clear=True)

    def clear(self) -> int:
        """Remove every record (one transaction); the revision still goes up."""
        return self._commit(ChangeSet(), expected_revision=None, clear=True)

    def is_empty(self) -> bool:
        return self.snapshot().is_empty()

    def to_networkx(self) -> nx.MultiGraph:
        """The whole store as a NetworkX multigraph (see :func:`graphdb.graph_shape.to_networkx`)."""
        from graphdb.graph_shape import to_networkx

        return to_networkx(self.snapshot())

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
