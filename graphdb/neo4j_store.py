"""The Neo4j backend: the same interface as the embedded store, over the official driver.

The driver is passed in (``Neo4jStore(driver, database=...)``) or built once by
:meth:`Neo4jStore.connect`, which also checks the connection and creates the uniqueness
constraints (idempotent). Reads run in managed read transactions (``execute_read``), so
``neo4j://`` cluster and ``neo4j+s://`` Aura URIs route them to readers; every write is
ONE managed write transaction (``execute_write``) of batched ``UNWIND $rows`` statements,
so a failure leaves nothing behind and transient errors (deadlocks, leader switches) are
retried by the driver. All Cypher lives in :mod:`graphdb.cypher`.

Neo4j does not store ``null`` properties: an absent property reads back as the field's
default, which is exactly what the record had. Dates are stored as Cypher ``date``
values, lists of text as string lists, reference fields as relationships.

The audit trail and the users live beside the dataset under labels of their own
(``LianmengAudit``/``LianmengAuditItem``, ``LianmengUser``): an entry is appended in the
same transaction as the write it records, numbered from a counter on the meta node, and
no statement ever updates or deletes one (see :mod:`graphdb.cypher`).
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from graphdb import cypher
from graphdb.codec import from_row, structured_columns, to_row
from graphdb.store import GraphStore, RevisionConflict, StoreError, StoreUnavailable
from lianmeng.access import Role, SignInSession, User
from lianmeng.audit import AuditEntry, AuditItem
from lianmeng.dataset import PARTY_TABLES, TABLES, ChangeSet, Dataset
from lianmeng.records import PairingKind
from lianmeng.settings import redact
from lianmeng.texts import say

__all__ = ["Neo4jStore", "BATCH_SIZE"]

#: rows per ``UNWIND``: large enough to amortise round trips, small enough for the heap
BATCH_SIZE = 5_000
_ORDER = tuple(TABLES)
_NODE_TABLES = (*PARTY_TABLES, "meetings", "rotations", "rotation_exclusions", "targets",
                "action_days", "service_teams", "projects", "activities",
                "calendar_days", "supply_demand", "resident_problems", "pioneer_rounds",
                "pioneer_responses")  # issue 17
_DATE_TYPES = (neo4j.time.Date,)
#: Bolt only (direct or routed, plain or TLS); the driver's preview HTTP support is not used
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_LEVEL_OF_KIND = {kind.value: kind.level.value for kind in PairingKind}
_QUIET = [neo4j.NotificationDisabledClassification.UNRECOGNIZED]

T = TypeVar("T")


def _batches(rows: list[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _run(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> None:
    """Run a write statement and consume its result inside the transaction."""
    tx.run(query, **params).consume()


def _has_value(value: Any) -> bool:
    """Whether a row value is stored: an empty text or list is left out, as ``None`` is,
    so ``n.contact IS NULL`` finds every organisation without a contact (reading back,
    an absent property is the field's default: ``""`` or ``()``)."""
    return value is not None and value != "" and value != []


def _node_props(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A record row as node properties: reference fields become relationships instead."""
    links = {field for field, _, _ in (*cypher.FOREIGN_KEYS[table], *cypher.INCOMING_KEYS.get(table, ()))}
    if table == "meetings":
        links.add("attendees")
    structured = structured_columns(table)  # issue 16: lists of maps are kept as JSON text
    return {k: (json.dumps(v, ensure_ascii=False) if k in structured else v)
            for k, v in row.items() if k not in links and _has_value(v)}


def _unpacked(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A node's properties back as a codec row: dates to ISO text, JSON text to lists."""
    structured = structured_columns(table)
    return {k: (json.loads(v) if k in structured and isinstance(v, str) else _native(v)) for k, v in row.items()}


def _native(value: Any) -> Any:
    if isinstance(value, _DATE_TYPES):
        return value.iso_format()
    return value


def _write_nodes(tx: neo4j.ManagedTransaction, table: str, rows: list[dict[str, Any]], seq: int,
                 fresh: bool) -> int:
    """MERGE the rows' nodes and re-link their references; return the next free ``_seq``."""
    statement = cypher.upsert_nodes(table, fresh=fresh)
    params = [{"id": r["id"], "seq": seq + i, "props": _node_props(table, r)} for i, r in enumerate(rows)]
    for batch in _batches(params):
        _run(tx, statement, rows=batch)
    ids = [r["id"] for r in rows]
    for field, rel_type, target_label in cypher.FOREIGN_KEYS[table]:
        if not fresh:
            for batch in _batches(ids):
                _run(tx, cypher.drop_links(table, rel_type), ids=batch)
        link = (cypher.create_links if fresh else cypher.add_links)(table, rel_type, target_label)
        links = [{"id": r["id"], "target": r[field]} for r in rows if r[field]]
        for batch in _batches(links):
            _run(tx, link, rows=batch)
    for field, rel_type, source_label in cypher.INCOMING_KEYS.get(table, ()):
        if not fresh:
            for batch in _batches(ids):
                _run(tx, cypher.drop_incoming(table, rel_type), ids=batch)
        link = cypher.add_incoming(table, rel_type, source_label, fresh=fresh)
        links = [{"id": r["id"], "target": r[field]} for r in rows if r[field]]
        for batch in _batches(links):
            _run(tx, link, rows=batch)
    if table == "meetings":
        if not fresh:
            for batch in _batches(ids):
                _run(tx, cypher.DROP_ATTENDEES, ids=batch)
        attendees = [{"meeting": r["id"], "position": i, "organisation": org}
                     for r in rows for i, org in enumerate(r["attendees"])]
        for batch in _batches(attendees):
            _run(tx, cypher.ADD_ATTENDEES, rows=batch)
    return seq + len(rows)


def _pairing_props(row: dict[str, Any]) -> dict[str, Any]:
    """The relationship's properties: the ends are the relationship's nodes; ``level`` is
    derived from the kind and stored too, so Cypher can filter on it (read back, it is ignored)."""
    props = {k: v for k, v in row.items() if k not in ("party_a", "party_b") and _has_value(v)}
    props["level"] = _LEVEL_OF_KIND[row["kind"]]
    return props


def _write_pairings(tx: neo4j.ManagedTransaction, rows: list[dict[str, Any]], seq: int, fresh: bool) -> int:
    params = [{"id": r["id"], "party_a": r["party_a"], "party_b": r["party_b"], "seq": seq + i,
               "props": _pairing_props(r)} for i, r in enumerate(rows)]
    for batch in _batches(params):
        if fresh:
            _run(tx, cypher.CREATE_PAIRINGS, rows=batch)
        else:
            _run(tx, cypher.MOVED_PAIRINGS, rows=batch)
            _run(tx, cypher.UPSERT_PAIRINGS, rows=batch)
    return seq + len(rows)


def write_rows(tx: neo4j.ManagedTransaction, table: str, rows: list[dict[str, Any]], seq: int = 0,
               *, fresh: bool = False) -> int:
    """Write codec rows of one table (batched); used by the store and by ``bench/ingest.py``.

    ``fresh`` promises that the transaction has emptied the store and that the rows' ids
    are unique (``replace_all`` validated them), so plain CREATEs replace MERGEs.
    """
    if table == "pairings":
        return _write_pairings(tx, rows, seq, fresh)
    return _write_nodes(tx, table, rows, seq, fresh)


class Neo4jStore(GraphStore):
    """A :class:`~graphdb.store.GraphStore` in a Neo4j database.

    Parameters
    ----------
    driver
        A ``neo4j.Driver`` (thread-safe; one per process). The store closes it only if
        it was built by :meth:`connect`.
    database
        The Neo4j database name (``neo4j`` on Community).
    location
        Where the data lives, for people: the URI, never a password.
    """

    kind = "neo4j"

    def __init__(self, driver: neo4j.Driver, *, database: str = "neo4j", location: str = "",
                 owns_driver: bool = False) -> None:
        self.driver = driver
        self.database = database
        self.location = redact(location, location) if location else "neo4j"
        self._raw_uri = location
        self._owns_driver = owns_driver

    @classmethod
    def connect(cls, uri: str, *, user: str = "neo4j", password: str = "", database: str = "neo4j",
                connection_timeout: float = 5.0, max_transaction_retry_time: float = 15.0) -> Neo4jStore:
        """Build the driver, check that the server answers, and create the constraints.

        Raises :class:`~graphdb.store.StoreUnavailable` with a Chinese message naming the
        URI (never the password) when the server is down, unreachable or refuses us.
        """
        auth = (user, password) if password else None
        shown = redact(uri, uri)  # credentials put in the URI never reach a message or a page
        scheme = uri.split("://", 1)[0] if "://" in uri else ""
        if scheme not in _SCHEMES:
            raise StoreUnavailable(say("neo4j_bad_uri", uri=shown, reason=f"不支持的协议“{redact(scheme, uri)}”"))
        try:
            with warnings.catch_warnings(record=True) as caught:  # the driver's warnings quote the URI
                warnings.simplefilter("always")
                driver = neo4j.GraphDatabase.driver(
                    uri, auth=auth, connection_timeout=connection_timeout,
                    max_transaction_retry_time=max_transaction_retry_time,
                )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreUnavailable(say("neo4j_bad_uri", uri=shown, reason=redact(exc, uri))) from None
        for warning in caught:
            warnings.warn(redact(warning.message, uri), type(warning.message), stacklevel=2)
        store = cls(driver, database=database, location=shown, owns_driver=True)
        store._raw_uri = uri
        try:
            with store._translated():
                try:
                    driver.verify_connectivity()
                except ValueError as exc:  # an address the driver cannot even resolve
                    raise StoreUnavailable(say("neo4j_bad_uri", uri=shown, reason=redact(exc, uri))) from None
            store.ensure_schema()  # also proves the database exists and we may write to it
        except BaseException:
            driver.close()
            raise
        return store

    # --- errors ---------------------------------------------------------------------

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn the driver's errors into the store's, with words for people."""
        try:
            yield
        except neo4j_errors.AuthError:
            raise StoreUnavailable(say("neo4j_auth", uri=self.location)) from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            raise StoreUnavailable(say("neo4j_unavailable", uri=self.location,
                                       reason=redact(_reason(exc), self._raw_uri))) from None
        except neo4j_errors.ClientError as exc:
            # after dbms.security.auth_max_failed_attempts wrong passwords the server refuses
            # every login, the right one too, for a while; the driver has no class for that
            if exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
                raise StoreUnavailable(say("neo4j_auth_locked", uri=self.location)) from None
            if exc.code and "DatabaseNotFound" in exc.code:
                raise StoreUnavailable(say("neo4j_no_database", uri=self.location, database=self.database)) from None
            raise StoreError(say("write_failed", reason=exc.message or exc.code)) from None
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(say("neo4j_unavailable", uri=self.location,
                                       reason=redact(_reason(exc), self._raw_uri))) from None
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(say("write_failed", reason=exc.message or exc.code)) from None

    def _session(self) -> neo4j.Session:
        # a statement may name a label or relationship type no record has yet (an empty
        # store, a street without saved rotations): the server's "does not exist" notices
        # would reach people's terminals through the driver's logging, so they are not asked for
        return self.driver.session(database=self.database,
                                   notifications_disabled_classifications=_QUIET)

    def _read(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        with self._translated(), self._session() as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        with self._translated(), self._session() as session:
            return session.execute_write(work)

    # --- schema ---------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints if missing (safe to call any number of times)."""
        with self._translated(), self._session() as session:
            for statement in cypher.CONSTRAINTS:
                session.run(statement).consume()  # schema changes run in their own transactions

    # --- reads ----------------------------------------------------------------------

    def revision(self) -> int:
        def work(tx: neo4j.ManagedTransaction) -> int:
            return int(tx.run(cypher.READ_REVISION, key=cypher.META_KEY).single(strict=True)["revision"])

        return self._read(work)

    def is_empty(self) -> bool:
        return bool(self._read(lambda tx: tx.run(cypher.IS_EMPTY).single(strict=True)["empty"]))

    def _read_snapshot(self, known: int | None) -> tuple[int, Dataset | None]:
        def revision(tx: neo4j.ManagedTransaction) -> int:
            return int(tx.run(cypher.READ_REVISION, key=cypher.META_KEY).single(strict=True)["revision"])

        def work(tx: neo4j.ManagedTransaction) -> tuple[int, int, dict[str, list[dict[str, Any]]] | None]:
            first = revision(tx)
            if first == known:
                return first, first, None
            rows = {table: [r["row"] for r in tx.run(cypher.read_nodes(table))] for table in _NODE_TABLES}
            rows["pairings"] = [r["row"] for r in tx.run(cypher.READ_PAIRINGS)]
            attendees: dict[str, list[str]] = {}
            for r in tx.run(cypher.READ_ATTENDEES):
                attendees.setdefault(r["meeting"], []).append(r["organisation"])
            for row in rows["meetings"]:
                row["attendees"] = attendees.get(row["id"], [])
            # read committed: a write that landed meanwhile moved the revision (every write does)
            return first, revision(tx), rows

        first, last, rows = self._read(work)
        if rows is None:
            return first, None
        # validated again on the way out: a hand-edited graph cannot smuggle in a bad record
        dataset = Dataset(**{
            table: [from_row(table, _unpacked(table, row)) for row in rows[table]]
            for table in _ORDER
        })
        # records read across a write are not held under either revision
        return (first if first == last else -1), dataset

    # --- writes ---------------------------------------------------------------------

    def _commit(self, changes: ChangeSet, *, expected_revision: int | None, clear: bool,
                audit: AuditEntry | None = None) -> int:
        rows: dict[str, list[dict[str, Any]]] = {}
        for record in changes.upserts:
            rows.setdefault(record.table, []).append(to_row(record))
        deletes: dict[str, list[str]] = {}
        for table, record_id in changes.deletes:
            deletes.setdefault(table, []).append(record_id)

        def work(tx: neo4j.ManagedTransaction) -> int:
            # lock first, then read: a second writer waits here and sees our new revision
            meta = tx.run(cypher.LOCK_META, key=cypher.META_KEY).single(strict=True)
            actual, seq = int(meta["revision"]), int(meta["seq"])
            if expected_revision is not None and actual != expected_revision:
                raise RevisionConflict(expected_revision, actual)  # not retryable: rolls back
            if clear:  # data records only: the audit trail and the users stay
                for statement in cypher.CLEAR_RECORDS:
                    _run(tx, statement)
                _run(tx, cypher.CLEAR_PARTIES)
            for batch in _batches(deletes.get("pairings", [])):
                _run(tx, cypher.DELETE_PAIRINGS, ids=batch)
            for table in reversed(_NODE_TABLES):
                for batch in _batches(deletes.get(table, [])):
                    _run(tx, cypher.delete_nodes(table), ids=batch)
            for table in _ORDER:
                if rows.get(table):
                    seq = write_rows(tx, table, rows[table], seq, fresh=clear and not deletes)
            revision = int(tx.run(cypher.FINISH_META, key=cypher.META_KEY, seq=seq).single(strict=True)["revision"])
            if audit is not None:
                _append_audit(tx, audit, revision)
            return revision

        revision = self._write(work)
        self._wrote(revision - 1, revision, changes, clear=clear)  # drops the held snapshot
        return revision

    # --- audit trail and users ----------------------------------------------------------

    def audit_entries(self, *, since: dt.datetime | None = None, until: dt.datetime | None = None,
                      actor: str | None = None, action: str | None = None,
                      table: str | None = None, record_id: str | None = None,
                      limit: int | None = None) -> list[AuditEntry]:
        if limit is not None and limit < 0:
            limit = None  # as SQLite reads a negative LIMIT
        # naive datetimes are read as local time, as the embedded store does
        since = since.astimezone(dt.UTC) if since is not None else None
        until = until.astimezone(dt.UTC) if until is not None else None
        query = cypher.audit_heads(since=since is not None, until=until is not None, actor=actor is not None,
                                   action=action is not None, table=table is not None,
                                   record_id=table is not None and record_id is not None,
                                   limit=limit is not None)
        params = {"since": since, "until": until, "actor": actor, "action": action, "table": table,
                  "record_id": record_id, "limit": None if limit is None else int(limit)}

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[dict[str, Any]], dict[int, list[AuditItem]]]:
            heads = [r["head"] for r in tx.run(query, **params)]
            items: dict[int, list[AuditItem]] = {}
            seqs = [h["seq"] for h in heads]
            for batch in _batches(seqs, 500):
                for r in tx.run(cypher.READ_AUDIT_ITEMS, seqs=batch):
                    item = r["item"]
                    items.setdefault(r["seq"], []).append(AuditItem(
                        item["tbl"], item["record_id"], item.get("before"), item.get("after")))  # text until read
            return heads, items

        heads, items = self._read(work)
        return [AuditEntry(actor=h["actor"], action=h["action"], at=_aware(h["at"]),
                           items=tuple(items.get(h["seq"], ())), note=h.get("note", ""), seq=h["seq"],
                           revision=h["revision"]) for h in heads]

    def users(self) -> list[User]:
        rows = self._read(lambda tx: [r["user"] for r in tx.run(cypher.READ_USERS)])
        # sorted here, by code point like the embedded store (Cypher sorts by UTF-16 unit)
        return sorted((User(name=r["name"], role=Role(r["role"]), alliance=r.get("alliance"),
                            email=r.get("email"), password_hash=r.get("password_hash")) for r in rows),
                      key=lambda u: u.name)

    def _write_user(self, name: str, user: User | None, audit: AuditEntry, *,
                    end_sessions: bool = False) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            # the meta lock numbers the entry; the revision is read, not changed (users are not data)
            revision = int(tx.run(cypher.LOCK_META, key=cypher.META_KEY).single(strict=True)["revision"])
            if user is None or end_sessions:
                _run(tx, cypher.END_USER_SESSIONS, name=name)
            if user is None:
                _run(tx, cypher.REMOVE_USER, name=name)
            else:
                props = {"name": name, "role": user.role.value, "alliance": user.alliance,
                         "email": user.email, "password_hash": user.password_hash}
                _run(tx, cypher.SAVE_USER, name=name, props={k: v for k, v in props.items() if v is not None})
            _run(tx, cypher.UNLOCK_META, key=cypher.META_KEY)
            _append_audit(tx, audit, revision)

        self._write(work)

    # --- sign-in sessions (not data: no revision, no audit) -----------------------------

    def save_session(self, session: SignInSession) -> None:
        self._write(lambda tx: _run(tx, cypher.SAVE_SESSION, token_hash=session.token_hash, user=session.user,
                                    created=_utc_text(session.created), expires=_utc_text(session.expires)))

    def find_session(self, token_hash: str) -> SignInSession | None:
        def work(tx: neo4j.ManagedTransaction) -> dict[str, Any] | None:
            record = tx.run(cypher.FIND_SESSION, token_hash=token_hash).single()
            return None if record is None else record["session"]

        row = self._read(work)
        if row is None:
            return None
        return SignInSession(row["token_hash"], row["user"], dt.datetime.fromisoformat(row["created"]),
                             dt.datetime.fromisoformat(row["expires"]))

    def end_sessions(self, *, token_hash: str | None = None, user: str | None = None,
                     expired_at: dt.datetime | None = None) -> int:
        if token_hash is None and user is None and expired_at is None:
            raise ValueError("end_sessions needs token_hash, user or expired_at")

        def work(tx: neo4j.ManagedTransaction) -> int:
            return int(tx.run(cypher.END_SESSIONS, token_hash=token_hash, user=user,
                              expired_at=None if expired_at is None else _utc_text(expired_at)
                              ).single(strict=True)["ended"])

        return self._write(work)

    def close(self) -> None:
        """Close the driver if this store built it (a driver passed in belongs to the caller)."""
        if self._owns_driver:
            self.driver.close()


def _append_audit(tx: neo4j.ManagedTransaction, entry: AuditEntry, revision: int) -> None:
    """Append ``entry`` (a fresh ``seq``, ``revision`` as given) with its items, in ``tx``."""
    seq = tx.run(cypher.APPEND_AUDIT, key=cypher.META_KEY, revision=revision, at=entry.at.astimezone(dt.UTC),
                 actor=entry.actor, action=entry.action, note=entry.note or None).single(strict=True)["seq"]
    rows = [{k: v for k, v in {"position": i, "tbl": item.table, "record_id": item.record_id,
                               "before": item.before_json(), "after": item.after_json()}.items() if v is not None}
            for i, item in enumerate(entry.items)]
    for batch in _batches(rows):
        _run(tx, cypher.APPEND_AUDIT_ITEMS, seq=seq, rows=batch)


def _aware(value: Any) -> dt.datetime:
    """A stored ``at`` (Neo4j DateTime) as an aware UTC datetime, as the embedded store returns it."""
    native = value.to_native() if hasattr(value, "to_native") else value
    return native.astimezone(dt.UTC)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


def _utc_text(moment: dt.datetime) -> str:
    """One fixed text form (UTC, microseconds), so that text order is time order."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")
