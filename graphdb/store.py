"""The one store interface every backend implements, and the store's errors.

Above this module nothing knows which backend it talks to. A backend implements seven
primitives — :meth:`GraphStore.revision`, :meth:`GraphStore._read_snapshot`,
:meth:`GraphStore._commit`, :meth:`GraphStore.close`, and for the audit trail and users
:meth:`GraphStore.audit_entries`, :meth:`GraphStore.users` and
:meth:`GraphStore._write_user` — and inherits everything else, so the rules (validation
before every write, the audit entry of every write, optimistic concurrency per store and
per record, retries, the permission hook) live once.

The audit trail and the users live in the store but outside the :class:`Dataset`: a
``replace_all``/``clear``/restore never touches them, and the trail is append-only.

Every write is one transaction that also increments the store's *revision*: readers key
their caches on it, and a writer that read revision ``r`` commits only if the store is
still at ``r`` (otherwise it re-reads, re-validates and tries again).

The store object keeps the last snapshot it read, under the revision read in the same
read transaction: :meth:`GraphStore.snapshot` returns it again while the store is still at
that revision (any write, by any process, moves the revision), and a write through this
object moves it along with the changes it wrote. A write is checked against it with
:meth:`~lianmeng.dataset.Dataset.problems_after` — the rules the change can break, on the
records it can break them for — so a write costs what it changes, not what the store holds.
"""

from __future__ import annotations

import datetime as dt
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from lianmeng.access import SignInSession, User
from lianmeng.audit import USERS_TABLE, AuditEntry, AuditItem, changed_items, checked_items, utc_now
from lianmeng.dataset import WHAT, ChangeSet, CheckedChange, Dataset
from lianmeng.errors import LianmengError
from lianmeng.records import Record
from lianmeng.texts import AUDIT_ACTION_LABELS, TABLE_LABELS, say

#: a record's version as an edit loaded it: ``{(table, id): version}`` (see
#: :meth:`GraphStore.record_version`)
Versions = Mapping[tuple[str, str], int]

__all__ = [
    "GraphStore",
    "StoreError",
    "RevisionConflict",
    "StoreUnavailable",
    "TargetNotEmpty",
    "EditConflict",
    "Versions",
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


class EditConflict(StoreError):
    """A record changed since the editor loaded it; names who changed it and when."""

    def __init__(self, table: str, record_id: str, expected: int, last: AuditEntry | None):
        self.table, self.record_id, self.expected, self.last = table, record_id, expected, last
        local = last.at.astimezone() if last else None
        super().__init__(say(
            "edit_conflict", what=WHAT.get(table) or TABLE_LABELS.get(table, table), id=record_id,
            actor=last.actor if last else "—",
            at=f"{local:%Y-%m-%d %H:%M:%S}" if local else "—",
            action=AUDIT_ACTION_LABELS.get(last.action, last.action) if last else "—"))


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
    def _read_snapshot(self, known: int | None) -> tuple[int, Dataset | None]:
        """``(revision, every record)`` read in ONE consistent read transaction, or
        ``(revision, None)`` when the revision read first is ``known`` (the records the
        caller holds are still the store's)."""

    @abstractmethod
    def _commit(self, changes: ChangeSet, *, expected_revision: int | None, clear: bool,
                audit: AuditEntry | None = None) -> int:
        """Write ``changes`` in ONE transaction and return the new revision.

        With ``clear`` every *data* record is removed first (never users or the audit
        trail). If ``expected_revision`` is not ``None`` and the store is at another
        revision, raise :class:`RevisionConflict` and write nothing. ``audit``, when
        given, is appended in the SAME transaction with ``revision`` = the new revision
        and a fresh ``seq`` (the store's own counter; ``audit.seq``/``audit.revision``
        are ignored). Any failure leaves the store exactly as it was.
        """

    @abstractmethod
    def audit_entries(self, *, since: dt.datetime | None = None, until: dt.datetime | None = None,
                      actor: str | None = None, action: str | None = None,
                      table: str | None = None, record_id: str | None = None,
                      limit: int | None = None) -> list[AuditEntry]:
        """Audit entries, newest first (highest ``seq`` first), each with ALL its items.

        Filters combine with AND: ``since <= at < until`` (aware datetimes), exact
        ``actor``/``action``; ``table`` (and ``record_id``) keep entries with at least
        one item of that table (and id). ``limit`` keeps the first n after filtering.
        """

    @abstractmethod
    def users(self) -> list[User]:
        """Every user, sorted by name, with their password hashes."""

    @abstractmethod
    def _write_user(self, name: str, user: User | None, audit: AuditEntry, *,
                    end_sessions: bool = False) -> None:
        """Add or replace (``user``) or remove (``None``) the user ``name`` and append
        ``audit`` in ONE transaction. The revision does NOT change (users are not data);
        the entry is stored with ``revision`` = the current revision and a fresh ``seq``.
        Removing a user that does not exist still appends the entry. Removing a user, or
        ``end_sessions`` (a new password), ends every sign-in session of ``name`` in the
        same transaction.
        """

    @abstractmethod
    def save_session(self, session: SignInSession) -> None:
        """Store a new sign-in session (not audited, no revision change: not data)."""

    @abstractmethod
    def find_session(self, token_hash: str) -> SignInSession | None:
        """The session stored under ``token_hash``, expired or not (the caller decides)."""

    @abstractmethod
    def end_sessions(self, *, token_hash: str | None = None, user: str | None = None,
                     expired_at: dt.datetime | None = None) -> int:
        """Delete the session ``token_hash``, or every session of ``user``, or every
        session that expired at or before ``expired_at``; returns how many were deleted.
        At least one argument must be given."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the store is unusable afterwards."""

    # --- what every backend shares --------------------------------------------------

    #: whether the changes of a write, applied to the snapshot held before it, give exactly
    #: what reading the store again gives (records and their order); a backend that says
    #: so keeps its snapshot across its own writes instead of reading everything again
    keeps_snapshot_across_writes: bool = False

    def snapshot(self) -> Dataset:
        """Every record, read in one consistent transaction (again only if the store's
        revision moved since this object last read or wrote it)."""
        held = self._held()
        revision, dataset = self._read_snapshot(held.revision)
        with held.lock:
            if dataset is not None:
                held.keep(revision, dataset)
                return dataset
            if held.revision == revision and (kept := held.dataset()) is not None:
                return kept
        # another thread let go of it meanwhile: read everything
        revision, dataset = self._read_snapshot(None)
        assert dataset is not None
        with held.lock:
            held.keep(revision, dataset)
        return dataset

    def _held(self) -> _HeldSnapshot:
        held = self.__dict__.get("_held_snapshot")
        if held is None:
            held = self.__dict__.setdefault("_held_snapshot", _HeldSnapshot())
        return held

    def _wrote(self, before: int, after: int, changes: ChangeSet, *, clear: bool) -> None:
        """A backend calls this once a write from revision ``before`` to ``after`` has
        committed: the held snapshot moves along (or is dropped)."""
        held = self._held()
        with held.lock:
            if held.revision != before or not self.keeps_snapshot_across_writes:
                held.drop()
                return
            upserted = {(r.table, r.id) for r in changes.upserts}
            if not upserted.isdisjoint(changes.deletes):
                held.drop()  # written and removed at once: leave the order to a fresh read
                return
            held.follow(after, changes, clear=clear)

    def _settle(self, revision: int, changes: ChangeSet, after: Dataset) -> None:
        """After :meth:`apply` committed ``changes`` as ``revision``: the held snapshot is
        ``after``, which the write computed already (not applied again on the next read)."""
        held = self._held()
        with held.lock:
            held.settle(revision, changes, after)


    #: who the audit trail names for writes through this store: the raw store is the
    #: program itself; :class:`graphdb.guarded.GuardedStore` names the signed-in person
    actor_name: str = "system"

    def _check_write(self, touched: Iterable[tuple[str, str, dict | None, dict | None]],
                     *, whole_store: bool) -> None:
        """Permission hook, called before every write with what it touches (the raw
        store allows everything; :class:`~graphdb.guarded.GuardedStore` checks the role)."""
        return None

    def require(self, action: str) -> None:
        """Raise :class:`~lianmeng.access.PermissionDenied` unless this store's actor may
        ``action`` (see :data:`lianmeng.access.ACTION_ROLE`); the raw store may do anything."""
        return None

    @contextmanager
    def action(self, label: str, note: str = "") -> Iterator[GraphStore]:
        """Label the audit entries of the writes inside the block (default ``"edit"``)::

            with store.action("import", note=path.name):
                store.replace_all(dataset)
        """
        labels = _labels()
        saved = labels.get(id(self))
        labels[id(self)] = (label, note)
        try:
            yield self
        finally:
            if saved is None:
                labels.pop(id(self), None)
            else:
                labels[id(self)] = saved

    def _entry(self, items: tuple[AuditItem, ...]) -> AuditEntry:
        label, note = _labels().get(id(self), ("edit", ""))
        return AuditEntry(actor=self.actor_name, action=label, note=note, at=utc_now(), items=items)

    def apply(self, changes: ChangeSet | CheckedChange, *, expected_versions: Versions | None = None,
              expected_revision: int | None = None) -> int:
        """Validate the store's data after ``changes`` and write them in one transaction,
        with one audit entry holding the before/after of every record that changed.

        ``expected_versions`` (``{(table, id): version}``, as :meth:`record_version`
        returned when the editor loaded the record) makes the write refuse with
        :class:`EditConflict` if any of those records changed since. Raises
        :class:`~lianmeng.errors.DatasetError` (nothing written) when the result would
        break a rule, :class:`RevisionConflict` when other writers keep winning.

        ``expected_revision`` (an import's: the revision its preview was checked against)
        makes the write land only on exactly that revision — checked INSIDE the write
        transaction — and never retry: any other write in between raises
        :class:`RevisionConflict` and nothing is written.

        ``changes`` may be a :class:`~lianmeng.dataset.CheckedChange` (an import's plan
        checked its file against the store's snapshot): when its ``base`` is the very
        snapshot this store holds, its ``after`` is taken as checked — the commit still
        lands only on the revision that snapshot was read at — and otherwise its change
        is checked again like any other.
        """
        checked = changes if isinstance(changes, CheckedChange) else None
        changes = checked.changes if checked is not None else changes
        if changes.is_empty():
            return self.revision()
        keys = [(r.table, r.id) for r in changes.upserts] + list(changes.deletes)
        for attempt in range(self.conflict_retries + 1):
            revision = self.revision() if expected_revision is None else expected_revision
            current = self.snapshot()
            items = None
            if checked is not None and checked.ok and checked.base is current:
                after = checked.after  # checked against exactly this data by the caller
                items = checked_items(checked)  # what changed, as the check's narrowing found it
            else:  # the store's data kept every rule (each write was checked): check what the change reaches
                after = current.validated_after(changes)
            self._check_write(_touched(current, after, keys), whole_store=False)
            # read after the revision: any write in between makes the commit below fail
            # its revision check, so the version check cannot miss a concurrent edit
            self._check_versions(expected_versions)
            entry = self._entry(changed_items(current, after, keys) if items is None else items)
            try:
                written = self._commit(changes, expected_revision=revision, clear=False, audit=entry)
            except RevisionConflict:
                if expected_revision is not None or attempt == self.conflict_retries:
                    raise
                continue
            self._settle(written, changes, after)
            return written
        raise AssertionError("unreachable")  # pragma: no cover

    def upsert(self, records: Iterable[Record], *, expected_versions: Versions | None = None) -> int:
        """Add or replace records by id (one transaction)."""
        return self.apply(ChangeSet(upserts=tuple(records)), expected_versions=expected_versions)

    def delete(self, table: str, ids: Iterable[str], *, expected_versions: Versions | None = None) -> int:
        """Remove records of one table by id (one transaction)."""
        return self.apply(ChangeSet(deletes=tuple((table, i) for i in ids)),
                          expected_versions=expected_versions)

    def replace_all(self, dataset: Dataset, *, expected_revision: int | None = None) -> int:
        """Replace everything with ``dataset`` (validated first) in one transaction."""
        dataset.validated()
        upserts = tuple(record for _, records in dataset.tables() for record in records)
        return self._replace(ChangeSet(upserts=upserts), dataset, expected_revision)

    def clear(self) -> int:
        """Remove every record (one transaction); the revision still goes up."""
        return self._replace(ChangeSet(), Dataset(), None)

    def _replace(self, changes: ChangeSet, after: Dataset, expected_revision: int | None) -> int:
        for attempt in range(self.conflict_retries + 1):
            revision = self.revision()
            if expected_revision is not None and revision != expected_revision:
                raise RevisionConflict(expected_revision, revision)
            current = self.snapshot()
            self._check_write([], whole_store=True)
            entry = self._entry(changed_items(current, after))
            try:
                return self._commit(changes, expected_revision=revision, clear=True, audit=entry)
            except RevisionConflict:
                if expected_revision is not None or attempt == self.conflict_retries:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    # --- record versions (derived from the audit trail) -------------------------------

    def last_change(self, table: str, record_id: str) -> AuditEntry | None:
        """The newest audit entry that changed ``(table, id)``, or ``None``."""
        found = self.audit_entries(table=table, record_id=record_id, limit=1)
        return found[0] if found else None

    def record_version(self, table: str, record_id: str) -> int:
        """A record's version: the revision of the last write that changed it (0 if none
        was audited). Load it with the record; pass it back in ``expected_versions``."""
        return _version(table, self.last_change(table, record_id))

    def _check_versions(self, expected: Versions | None) -> None:
        for (table, record_id), version in (expected or {}).items():
            last = self.last_change(table, record_id)
            if _version(table, last) != version:
                raise EditConflict(table, record_id, version, last)

    # --- users --------------------------------------------------------------------------

    def user(self, name: str) -> User | None:
        return next((u for u in self.users() if u.name == name), None)

    def save_user(self, user: User, *, note: str = "", expected_version: int | None = None) -> None:
        """Add or replace a user (audited as action ``"user"``; the hash never is).
        ``expected_version`` (as :meth:`record_version` of ``("users", name)`` gave it when
        the form loaded) refuses a stale save with :class:`EditConflict`."""
        self.require("manage_users")
        if expected_version is not None:
            self._check_versions({(USERS_TABLE, user.name): expected_version})
        old = self.user(user.name)
        item = AuditItem(USERS_TABLE, user.name, old.public() if old else None, user.public())
        # a new password signs every browser of that user out, in the same transaction
        new_password = old is not None and old.password_hash != user.password_hash
        self._write_user(user.name, user, self._user_entry(item, note), end_sessions=new_password)

    def remove_user(self, name: str, *, expected_version: int | None = None) -> bool:
        """Remove a user (audited); returns whether one existed. ``expected_version`` as
        for :meth:`save_user`."""
        self.require("manage_users")
        if expected_version is not None:
            self._check_versions({(USERS_TABLE, name): expected_version})
        old = self.user(name)
        if old is None:
            return False
        self._write_user(name, None, self._user_entry(AuditItem(USERS_TABLE, name, old.public(), None), ""))
        return True

    def _user_entry(self, item: AuditItem, note: str) -> AuditEntry:
        return AuditEntry(actor=self.actor_name, action="user", note=note, at=utc_now(), items=(item,))

    def is_empty(self) -> bool:
        return self.snapshot().is_empty()

    def copy_to(self, path: Path) -> int | None:
        """Write a copy of the whole store in its own file format to ``path`` (a backup)
        and return the revision it holds; ``None`` when the backend has no such copy (a
        backup is then the dataset as JSON). The copy is one consistent state."""
        return None


    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _version(table: str, last: AuditEntry | None) -> int:
    """A data record's version is the revision of its last change; a user's (users do not
    move the revision) the audit sequence number of its last change."""
    if last is None:
        return 0
    return last.seq if table == USERS_TABLE else last.revision


_THREAD = threading.local()


def _labels() -> dict[int, tuple[str, str]]:
    """This thread's action labels per store object: one store is shared by Streamlit's
    threads, and one session's ``with store.action(...)`` must not label another's writes."""
    if not hasattr(_THREAD, "labels"):
        _THREAD.labels = {}
    return _THREAD.labels


class _HeldSnapshot:
    """The last snapshot a store object read, under its revision; after a write through
    the object, the snapshot before it and the write's changes (applied when next asked)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.revision: int | None = None
        self._dataset: Dataset | None = None
        self._pending: tuple[ChangeSet, bool] | None = None

    def keep(self, revision: int, dataset: Dataset) -> None:
        self.revision, self._dataset, self._pending = revision, dataset, None

    def drop(self) -> None:
        self.revision, self._dataset, self._pending = None, None, None

    def follow(self, revision: int, changes: ChangeSet, *, clear: bool) -> None:
        if self._pending is not None:  # two writes without a read between: apply the first now
            self.dataset()
        self.revision, self._pending = revision, (changes, clear)

    def settle(self, revision: int, changes: ChangeSet, after: Dataset) -> None:
        if self.revision == revision and self._pending is not None and self._pending[0] is changes:
            self._dataset, self._pending = after, None

    def dataset(self) -> Dataset | None:
        if self._pending is not None and self._dataset is not None:
            changes, clear = self._pending
            self._dataset = (Dataset() if clear else self._dataset).with_changes(changes)
            self._pending = None
        return self._dataset


def _touched(before: Dataset, after: Dataset, keys: list[tuple[str, str]]
             ) -> Iterator[tuple[str, str, dict | None, dict | None]]:
    """``(table, id, before row, after row)`` for each key a write names (made as the
    permission hook reads them: an admin's write reads none)."""
    by_table: dict[str, set[str]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, set()).add(record_id)
    for table, ids in by_table.items():
        for record_id in sorted(ids):
            a, b = before.record(table, record_id), after.record(table, record_id)
            yield (table, record_id, a.model_dump(mode="json") if a else None,
                   b.model_dump(mode="json") if b else None)
