"""The embedded default backend: one SQLite file in the data directory.

Nothing to install. The file is created on first use; its schema carries a version
(``PRAGMA user_version``) and :data:`MIGRATIONS` brings an older file up to date. WAL
mode lets readers work while a writer writes; foreign keys are on (deferred to commit,
so a transaction may write in any order); each write is ``BEGIN IMMEDIATE … COMMIT``.

A connection is opened per operation: SQLite connections are cheap, and this keeps the
store safe to share between Streamlit's threads and between processes.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from graphdb.codec import columns, stored_reader, stored_writer
from graphdb.store import GraphStore, RevisionConflict, StoreUnavailable
from lianmeng.access import Role, SignInSession, User
from lianmeng.audit import AuditEntry, AuditItem
from lianmeng.dataset import (
    PARTY_TABLES,
    PARTY_TYPE_OF_TABLE,
    TABLES,
    ChangeSet,
    Dataset,
    collector_paused,
)
from lianmeng.records import Record
from lianmeng.texts import say

__all__ = ["SqliteStore", "MIGRATIONS", "SCHEMA_VERSION"]

# Each entry brings the schema from version i to i + 1. Never edit a shipped entry:
# append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta (key, value) VALUES ('revision', '0');
    CREATE TABLE parties (
        id TEXT PRIMARY KEY,
        party_type TEXT NOT NULL CHECK (party_type IN ('committee','subcommittee','alliance','organisation'))
    );
    CREATE TABLE committees (
        id TEXT PRIMARY KEY REFERENCES parties(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL
    );
    CREATE TABLE subcommittees (
        id TEXT PRIMARY KEY REFERENCES parties(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL,
        parent TEXT NOT NULL REFERENCES committees(id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE TABLE alliances (
        id TEXT PRIMARY KEY REFERENCES parties(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL,
        sector TEXT NOT NULL,
        led_by TEXT REFERENCES subcommittees(id) DEFERRABLE INITIALLY DEFERRED,
        unified_action TEXT NOT NULL,
        project TEXT NOT NULL,
        research_topic TEXT NOT NULL
    );
    CREATE TABLE organisations (
        id TEXT PRIMARY KEY REFERENCES parties(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL,
        scope TEXT NOT NULL,
        alliance TEXT REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        type TEXT NOT NULL,
        unit TEXT NOT NULL,
        industry TEXT NOT NULL,
        address TEXT NOT NULL,
        grid TEXT NOT NULL,
        member_count INTEGER,
        contact TEXT NOT NULL,
        phone TEXT NOT NULL,
        brands TEXT NOT NULL,
        resources TEXT NOT NULL,
        needs TEXT NOT NULL,
        pioneer_index REAL
    );
    CREATE INDEX organisations_alliance ON organisations(alliance);
    CREATE TABLE pairings (
        id TEXT PRIMARY KEY,
        party_a TEXT NOT NULL REFERENCES parties(id) DEFERRABLE INITIALLY DEFERRED,
        party_b TEXT NOT NULL REFERENCES parties(id) DEFERRABLE INITIALLY DEFERRED,
        kind TEXT NOT NULL,
        content TEXT NOT NULL,
        since TEXT NOT NULL,
        until TEXT,
        status TEXT NOT NULL,
        CHECK (party_a <> party_b)
    );
    CREATE INDEX pairings_a ON pairings(party_a);
    CREATE INDEX pairings_b ON pairings(party_b);
    CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        alliance TEXT REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        chair TEXT REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        topics TEXT NOT NULL,
        decisions TEXT NOT NULL,
        location TEXT NOT NULL
    );
    CREATE TABLE meeting_attendees (
        meeting TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        position INTEGER NOT NULL,
        organisation TEXT NOT NULL REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        PRIMARY KEY (meeting, position)
    );
    """,
    # 2: saved chair rotations and exclusions from the rotation (issue 7)
    """
    CREATE TABLE rotations (
        id TEXT PRIMARY KEY,
        alliance TEXT NOT NULL REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        quarter TEXT NOT NULL,
        chair TEXT NOT NULL REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        pinned INTEGER NOT NULL CHECK (pinned IN (0, 1)),
        note TEXT NOT NULL,
        UNIQUE (alliance, quarter)
    );
    CREATE TABLE rotation_exclusions (
        id TEXT PRIMARY KEY,
        alliance TEXT NOT NULL REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        organisation TEXT NOT NULL REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        reason TEXT NOT NULL,
        since TEXT,
        until TEXT
    );
    CREATE INDEX rotation_exclusions_alliance ON rotation_exclusions(alliance);
    """,
    # 3 (issue 9): the audit trail and the users, outside the dataset. The trail is
    # append-only: triggers refuse any UPDATE or DELETE of it, whoever asks.
    """
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        revision INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        note TEXT NOT NULL
    );
    CREATE INDEX audit_at ON audit(at);
    CREATE TABLE audit_items (
        seq INTEGER NOT NULL REFERENCES audit(seq),
        position INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        record_id TEXT NOT NULL,
        before TEXT,
        after TEXT,
        PRIMARY KEY (seq, position)
    );
    CREATE INDEX audit_items_record ON audit_items(tbl, record_id, seq);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    CREATE TRIGGER audit_items_no_update BEFORE UPDATE ON audit_items
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    CREATE TRIGGER audit_items_no_delete BEFORE DELETE ON audit_items
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer','chair','planner','admin')),
        alliance TEXT,
        email TEXT,
        password_hash TEXT
    );
    """,
    # 4 (issue 15): append-only for real, and sign-in sessions.
    # Migration 3 refuses UPDATE and DELETE, but a
    # conflict clause (INSERT OR REPLACE, REPLACE INTO) deletes the old row without firing
    # a DELETE trigger, and an upsert (ON CONFLICT DO UPDATE) is checked only after the
    # insert begins. A BEFORE INSERT trigger runs before any conflict handling: an insert
    # naming an entry that exists is refused, whatever its conflict clause. Items may only
    # be added to the newest entry (the one its write is appending), never to an older one.
    """
    CREATE TRIGGER audit_no_overwrite BEFORE INSERT ON audit
        WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    CREATE TRIGGER audit_items_no_overwrite BEFORE INSERT ON audit_items
        WHEN EXISTS (SELECT 1 FROM audit_items WHERE seq = NEW.seq AND position = NEW.position)
          OR NEW.seq IS NOT (SELECT max(seq) FROM audit)
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user TEXT NOT NULL,
        created TEXT NOT NULL,
        expires TEXT NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user);
    """,
    # 5 (issue 13): the street's own targets (目标); street = a committee id, blank = the
    # store's one street
    """
    CREATE TABLE targets (
        id TEXT PRIMARY KEY,
        metric TEXT NOT NULL,
        value INTEGER NOT NULL,
        street TEXT,
        note TEXT NOT NULL
    );
    -- a committee's 上级 (a street's 区委): committees nest, one store holds a district
    ALTER TABLE committees ADD COLUMN parent TEXT REFERENCES committees(id) DEFERRABLE INITIALLY DEFERRED;
    """,
    # 6 (issue 16): the work inside the pairings. A project's milestones and progress notes
    # are JSON lists in its row (they have no life outside it); lists of organisations too.
    """
    CREATE TABLE action_days (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        theme TEXT NOT NULL,
        places TEXT NOT NULL
    );
    CREATE TABLE service_teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        alliance TEXT REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        leader TEXT REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        members TEXT NOT NULL,
        specialities TEXT NOT NULL
    );
    CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        year INTEGER NOT NULL,
        alliance TEXT NOT NULL REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        problem TEXT NOT NULL,
        lead TEXT REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        partners TEXT NOT NULL,
        start TEXT,
        status TEXT NOT NULL,
        budget REAL,
        raised REAL,
        evaluator TEXT NOT NULL,
        score REAL,
        comments TEXT NOT NULL,
        milestones TEXT NOT NULL,
        progress TEXT NOT NULL
    );
    CREATE INDEX projects_alliance_year ON projects(alliance, year);
    CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        pairing TEXT REFERENCES pairings(id) DEFERRABLE INITIALLY DEFERRED,
        alliance TEXT REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        project TEXT REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        action_day TEXT REFERENCES action_days(id) DEFERRABLE INITIALLY DEFERRED,
        team TEXT REFERENCES service_teams(id) DEFERRABLE INITIALLY DEFERRED,
        organisations TEXT NOT NULL,
        people_served INTEGER NOT NULL CHECK (people_served >= 0),
        volunteers INTEGER NOT NULL CHECK (volunteers >= 0),
        donated REAL NOT NULL CHECK (donated >= 0),
        place TEXT NOT NULL,
        note TEXT NOT NULL
    );
    CREATE INDEX activities_date ON activities(date);
    CREATE INDEX activities_pairing ON activities(pairing);
    CREATE INDEX activities_project ON activities(project);
    CREATE INDEX activities_action_day ON activities(action_day);
    CREATE INDEX activities_team ON activities(team);
    CREATE INDEX activities_alliance ON activities(alliance);
    """,
    # 7 (issue 17): the street's working-day overrides, the 供需清单, residents' problems
    # on the 一、三、十五 clock, pioneer-index rounds and their survey responses
    """
    CREATE TABLE calendar_days (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL UNIQUE,
        workday INTEGER NOT NULL CHECK (workday IN (0, 1)),
        note TEXT NOT NULL
    );
    CREATE TABLE supply_demand (
        id TEXT PRIMARY KEY,
        organisation TEXT NOT NULL REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        alliance TEXT REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        kind TEXT NOT NULL CHECK (kind IN ('need', 'resource')),
        quarter TEXT NOT NULL,
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        quantity TEXT NOT NULL,
        contact TEXT NOT NULL,
        claimed_by TEXT REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        claimed_on TEXT,
        fulfilled_on TEXT,
        closed_on TEXT,
        note TEXT NOT NULL
    );
    CREATE INDEX supply_demand_organisation ON supply_demand(organisation);
    CREATE TABLE resident_problems (
        id TEXT PRIMARY KEY,
        received TEXT NOT NULL,
        channel TEXT NOT NULL,
        text TEXT NOT NULL,
        organisation TEXT NOT NULL REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        alliance TEXT REFERENCES alliances(id) DEFERRABLE INITIALLY DEFERRED,
        first_reply_on TEXT,
        clear_answer_on TEXT,
        resolved_on TEXT,
        unresolvable INTEGER NOT NULL CHECK (unresolvable IN (0, 1)),
        explanation TEXT NOT NULL,
        closed_on TEXT,
        CHECK (closed_on IS NULL OR closed_on >= received)
    );
    CREATE INDEX resident_problems_organisation ON resident_problems(organisation);
    CREATE TABLE pioneer_rounds (
        id TEXT PRIMARY KEY,
        period TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        questions TEXT NOT NULL,
        weights TEXT NOT NULL,
        scale_min REAL NOT NULL,
        scale_max REAL NOT NULL,
        threshold REAL NOT NULL
    );
    CREATE TABLE pioneer_responses (
        id TEXT PRIMARY KEY,
        round TEXT NOT NULL REFERENCES pioneer_rounds(id) DEFERRABLE INITIALLY DEFERRED,
        organisation TEXT NOT NULL REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
        scores TEXT NOT NULL,
        respondent TEXT NOT NULL
    );
    CREATE INDEX pioneer_responses_round ON pioneer_responses(round, organisation);
    """,
    # 8 (issue 16): a 统一行动日 meeting names its ActionDay record. Meetings of earlier
    # versions are linked to the day of their date, made from the meeting when there is
    # none (as lianmeng.ledger_records.link_action_day_meetings does)
    """
    ALTER TABLE meetings ADD COLUMN action_day TEXT REFERENCES action_days(id) DEFERRABLE INITIALLY DEFERRED;
    INSERT INTO action_days (id, date, theme, places)
        SELECT 'D-' || m.id, m.date,
               coalesce(json_extract(m.topics, '$[0]'), replace('""" + say("action_day_meeting_theme", date="{date}")
    + """', '{date}', m.date)),
               CASE WHEN m.location <> '' THEN json_array(m.location) ELSE '[]' END
        FROM meetings m
        WHERE m.kind = 'action_day' AND m.rowid = (SELECT min(x.rowid) FROM meetings x
                                                   WHERE x.kind = 'action_day' AND x.date = m.date)
          AND NOT EXISTS (SELECT 1 FROM action_days d WHERE d.date = m.date);
    UPDATE meetings SET action_day = (SELECT d.id FROM action_days d WHERE d.date = meetings.date
                                      ORDER BY d.rowid LIMIT 1)
        WHERE kind = 'action_day';
    """,
    # 9 (issue 16, the import's speed): an activity names a project, a 行动日, a team or an
    # alliance now and then — their indexes (for the foreign-key checks when one of those is
    # removed) hold only the activities that name one; no query reads activities by date (a
    # store is read whole), so that index goes. 100,000 new activities: 1.07 → 0.71 s in SQLite.
    """
    DROP INDEX activities_date;
    DROP INDEX activities_project;
    CREATE INDEX activities_project ON activities(project) WHERE project IS NOT NULL;
    DROP INDEX activities_action_day;
    CREATE INDEX activities_action_day ON activities(action_day) WHERE action_day IS NOT NULL;
    DROP INDEX activities_team;
    CREATE INDEX activities_team ON activities(team) WHERE team IS NOT NULL;
    DROP INDEX activities_alliance;
    CREATE INDEX activities_alliance ON activities(alliance) WHERE alliance IS NOT NULL;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# Tables in the order that respects references; deletes go in reverse.
_ORDER = tuple(TABLES)


@functools.cache  # asked once per row of a bulk write
def _stored_columns(table: str) -> tuple[str, ...]:
    return tuple(c for c in columns(table) if not (table == "meetings" and c == "attendees"))


def _split_new(conn: sqlite3.Connection, table: str, batch: list[Record]) -> tuple[list[Record], list[Record]]:
    """``batch`` as the records whose id ``table`` lacks (each id once, in order) and the
    rest (ids stored already, or written twice in the batch: in order, after the new ones)."""
    stored: set[str] = set()
    ids = [r.id for r in batch]  # an empty table has none of them (the whole ledger into a new store)
    empty = not conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
    for start in range(0, 0 if empty else len(ids), 500):  # table names are fixed; ids are parameters
        chunk = ids[start:start + 500]
        stored.update(row[0] for row in conn.execute(
            f"SELECT id FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    new, again = [], []
    for record in batch:
        if record.id in stored:
            again.append(record)
        else:
            new.append(record)
            stored.add(record.id)
    return new, again


#: a write of more rows than this is a bulk write: its connection's page cache grows to hold
#: what it writes (1 KiB a row beside the usual 64 MiB, at most 1 GiB, for that connection
#: only). The usual cache spills dirty pages to the log while an import of 500,000
#: activities still writes (measured: its rows and audit 9.5 → 7.3 s of SQLite, with the
#: indexes below)
_BULK_ROWS = 20_000
_CACHE_KIB = 65_536
_BULK_CACHE_KIB = 1_048_576


@contextmanager
def _indexes_set_aside(conn: sqlite3.Connection, table: str, adding: int) -> Iterator[None]:
    """Adding at least :data:`_BULK_ROWS` rows to ``table``, and at least as many as it holds:
    its own indexes (not the primary key's) are dropped first and made again after, in the
    same transaction — sorting once instead of inserting each row in every index (500,000
    activities into none: 4.5 → 3.1 s with the index builds). Anything else: as it is."""
    if adding < _BULK_ROWS or adding < conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
        yield  # the table name is one of the fixed TABLES, never input
        return
    made = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                        "AND sql IS NOT NULL", (table,)).fetchall()
    for name, _ in made:
        conn.execute(f'DROP INDEX "{name}"')  # names the schema itself holds (no quotes in them)
    yield
    for _, sql in made:
        conn.execute(sql)  # the schema's own statement, as the migrations wrote it


#: rows a multi-row INSERT holds (× its columns stays within the 999 parameters every
#: SQLite build takes)
_ROWS_A_STATEMENT = 100


def _insert_rows(conn: sqlite3.Connection, head: str, rows: list[tuple[Any, ...]]) -> None:
    """``rows`` (each as many values as ``head`` names columns) inserted by ``head``
    (``INSERT INTO t (…) VALUES ``) in statements of up to :data:`_ROWS_A_STATEMENT` rows.
    A table with a BEFORE INSERT trigger (the audit trail's append-only guard) costs SQLite
    a statement's set-up per statement, not per row: the 500,000 audit items of an import
    4.6 → 2.5 s."""
    if not rows:
        return
    width = len(rows[0])
    per = max(1, min(_ROWS_A_STATEMENT, 999 // width))
    one = "(" + ", ".join("?" * width) + ")"
    whole = len(rows) - len(rows) % per
    if whole:
        conn.executemany(head + ", ".join([one] * per),  # one statement's values at a time
                         (tuple(chain.from_iterable(rows[start:start + per])) for start in range(0, whole, per)))
    if whole < len(rows):
        conn.execute(head + ", ".join([one] * (len(rows) - whole)), tuple(chain.from_iterable(rows[whole:])))


@functools.cache
def _row_writer(table: str) -> Callable[[Record], tuple[Any, ...]]:
    """A record of ``table`` as the values of its stored columns, in order."""
    return stored_writer(table, _stored_columns(table))


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements; a trigger's body keeps its own semicolons."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


def _iso(moment: dt.datetime) -> str:
    # one fixed form (UTC, microseconds) so that text order is time order
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


class SqliteStore(GraphStore):
    """A :class:`~graphdb.store.GraphStore` in one SQLite file."""

    kind = "embedded"
    # rows are read in rowid order: an update keeps its row's place, a new row comes last
    keeps_snapshot_across_writes = True

    def __init__(self, path: Path | str, *, busy_timeout_s: float = 30.0):
        self.path = Path(path)
        self.location = str(self.path)
        self._timeout = busy_timeout_s
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connection() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                self._migrate(conn)
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(
                f"无法打开内置数据库 {self.path}：{exc}。请检查数据目录（LIANMENG_DATA_DIR）是否存在且可写。"
            ) from exc

    # --- connections ----------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")
        try:
            yield conn
        finally:
            conn.close()

    @staticmethod
    @contextmanager
    def _transaction(conn: sqlite3.Connection, mode: str = "DEFERRED") -> Iterator[None]:
        conn.execute(f"BEGIN {mode}")  # mode is one of two literals, never user input
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @classmethod
    def _migrate(cls, conn: sqlite3.Connection) -> None:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return  # up to date: opening takes no write lock (a running write does not block an open)
        with cls._transaction(conn, "IMMEDIATE"):
            # read inside the write lock: two processes opening a new file migrate once
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreUnavailable(
                    f"数据库文件的结构版本 {version} 比本程序支持的 {SCHEMA_VERSION} 新：请升级联盟图谱。"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    conn.execute(statement)
            if version != SCHEMA_VERSION:  # an up-to-date file is not written to on open
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")

    # --- reads ----------------------------------------------------------------------

    def revision(self) -> int:
        with self._connection() as conn:
            return self._revision(conn)

    def copy_to(self, path: Path) -> int:
        """A page-by-page copy of the database (SQLite's online backup: one consistent
        state, even while others write) as one self-contained file, without the sign-in
        sessions; the revision it holds. A city of 620,000 records: ≈ 0.3 s, where writing
        its dataset as JSON takes ≈ 2.5 s."""
        with self._connection() as conn:
            target = sqlite3.connect(path, isolation_level=None)
            try:
                conn.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
                target.execute("DELETE FROM sessions")  # who is signed in is not data to keep
                return self._revision(target)
            finally:
                target.close()

    @staticmethod
    def _revision(conn: sqlite3.Connection) -> int:
        return int(conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    def _read_snapshot(self, known: int | None) -> tuple[int, Dataset | None]:
        with self._connection() as conn, self._transaction(conn), collector_paused():
            revision = self._revision(conn)  # in the read transaction: the records below are its
            if revision == known:
                return revision, None
            tables: dict[str, list[Any]] = {}
            attendees: dict[str, list[str]] = {}
            for row in conn.execute(
                "SELECT meeting, organisation FROM meeting_attendees ORDER BY meeting, position"
            ):
                attendees.setdefault(row["meeting"], []).append(row["organisation"])
            for table in _ORDER:
                # table names come from the fixed TABLES mapping, never from input
                cursor = conn.cursor()
                cursor.row_factory = None  # plain tuples: a city has 620,000 rows
                rows = cursor.execute(f"SELECT * FROM {table} ORDER BY rowid")
                names = [d[0] for d in cursor.description]
                if table == "meetings":
                    at = names.index("id")
                    rows = ((*row, attendees.get(row[at], [])) for row in rows)
                    names.append("attendees")
                # rows this store wrote from validated records: built without validating again
                tables[table] = list(map(stored_reader(table, names), rows))
        return revision, Dataset(**tables)

    def is_empty(self) -> bool:
        with self._connection() as conn:
            return conn.execute(
                "SELECT NOT EXISTS (SELECT 1 FROM parties UNION ALL SELECT 1 FROM meetings "
                "UNION ALL SELECT 1 FROM rotations UNION ALL SELECT 1 FROM rotation_exclusions "
                "UNION ALL SELECT 1 FROM targets "
                "UNION ALL SELECT 1 FROM action_days UNION ALL SELECT 1 FROM service_teams "
                "UNION ALL SELECT 1 FROM projects UNION ALL SELECT 1 FROM activities "
                # issue 17
                "UNION ALL SELECT 1 FROM calendar_days UNION ALL SELECT 1 FROM supply_demand "
                "UNION ALL SELECT 1 FROM resident_problems UNION ALL SELECT 1 FROM pioneer_rounds "
                "UNION ALL SELECT 1 FROM pioneer_responses)"
            ).fetchone()[0] == 1

    # --- writes ---------------------------------------------------------------------

    def _commit(self, changes: ChangeSet, *, expected_revision: int | None, clear: bool,
                audit: AuditEntry | None = None) -> int:
        with self._connection() as conn:
            rows = len(changes.upserts) + len(changes.deletes)
            if rows > _BULK_ROWS:  # a bulk write keeps its pages in memory (see _BULK_ROWS)
                conn.execute(f"PRAGMA cache_size=-{min(_CACHE_KIB + rows, _BULK_CACHE_KIB):d}")
            with self._transaction(conn, "IMMEDIATE"):
                written = self._commit_in(conn, changes, expected_revision=expected_revision, clear=clear,
                                          audit=audit)
        self._wrote(written - 1, written, changes, clear=clear)
        return written

    def _commit_in(self, conn: sqlite3.Connection, changes: ChangeSet, *, expected_revision: int | None,
                   clear: bool, audit: AuditEntry | None) -> int:
        actual = self._revision(conn)
        if expected_revision is not None and actual != expected_revision:
            raise RevisionConflict(expected_revision, actual)
        if clear:
            for table in ("meeting_attendees", *reversed(_ORDER), "parties"):
                conn.execute(f"DELETE FROM {table}")  # fixed names only
        self._delete(conn, changes)
        self._upsert(conn, changes)
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
        if audit is not None:
            self._append_audit(conn, audit, actual + 1)
        return actual + 1

    @staticmethod
    def _append_audit(conn: sqlite3.Connection, entry: AuditEntry, revision: int) -> None:
        seq = conn.execute(
            "INSERT INTO audit (revision, at, actor, action, note) VALUES (?, ?, ?, ?, ?)",
            (revision, _iso(entry.at), entry.actor, entry.action, entry.note),
        ).lastrowid
        items = [(seq, i, item.table, item.record_id, item.before_json(), item.after_json())
                 for i, item in enumerate(entry.items)]
        with _indexes_set_aside(conn, "audit_items", len(items)):
            _insert_rows(conn, "INSERT INTO audit_items (seq, position, tbl, record_id, before, after) VALUES ", items)

    # --- audit trail and users ----------------------------------------------------------

    def audit_entries(self, *, since: dt.datetime | None = None, until: dt.datetime | None = None,
                      actor: str | None = None, action: str | None = None,
                      table: str | None = None, record_id: str | None = None,
                      limit: int | None = None) -> list[AuditEntry]:
        where, params = [], []
        if since is not None:
            where.append("a.at >= ?")
            params.append(_iso(since))
        if until is not None:
            where.append("a.at < ?")
            params.append(_iso(until))
        if actor is not None:
            where.append("a.actor = ?")
            params.append(actor)
        if action is not None:
            where.append("a.action = ?")
            params.append(action)
        if table is not None:
            where.append("EXISTS (SELECT 1 FROM audit_items i WHERE i.seq = a.seq AND i.tbl = ?"
                         + (" AND i.record_id = ?)" if record_id is not None else ")"))
            params.append(table)
            if record_id is not None:
                params.append(record_id)
        # only fixed SQL fragments are joined; every value is a parameter
        sql = "SELECT * FROM audit a" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.seq DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._connection() as conn, self._transaction(conn):
            heads = conn.execute(sql, params).fetchall()
            items: dict[int, list[AuditItem]] = {}
            if heads:
                seqs = [h["seq"] for h in heads]
                for start in range(0, len(seqs), 500):
                    chunk = seqs[start:start + 500]
                    rows = conn.execute(
                        f"SELECT * FROM audit_items WHERE seq IN ({', '.join('?' * len(chunk))}) "
                        "ORDER BY seq, position", chunk)
                    for row in rows:
                        # the sides stay JSON text until someone reads them
                        items.setdefault(row["seq"], []).append(AuditItem(
                            row["tbl"], row["record_id"], row["before"], row["after"]))
        return [AuditEntry(actor=h["actor"], action=h["action"], at=dt.datetime.fromisoformat(h["at"]),
                           items=tuple(items.get(h["seq"], ())), note=h["note"], seq=h["seq"],
                           revision=h["revision"]) for h in heads]

    def users(self) -> list[User]:
        with self._connection() as conn:
            rows = conn.execute("SELECT * FROM users ORDER BY name").fetchall()
        return [User(name=r["name"], role=Role(r["role"]), alliance=r["alliance"], email=r["email"],
                     password_hash=r["password_hash"]) for r in rows]

    def _write_user(self, name: str, user: User | None, audit: AuditEntry, *,
                    end_sessions: bool = False) -> None:
        with self._connection() as conn, self._transaction(conn, "IMMEDIATE"):
            if user is None or end_sessions:
                conn.execute("DELETE FROM sessions WHERE user = ?", (name,))
            if user is None:
                conn.execute("DELETE FROM users WHERE name = ?", (name,))
            else:
                conn.execute(
                    "INSERT INTO users (name, role, alliance, email, password_hash) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET role = excluded.role, alliance = excluded.alliance, "
                    "email = excluded.email, password_hash = excluded.password_hash",
                    (name, user.role.value, user.alliance, user.email, user.password_hash))
            self._append_audit(conn, audit, self._revision(conn))

    # --- sign-in sessions (not data: no revision, no audit) -----------------------------

    def save_session(self, session: SignInSession) -> None:
        with self._connection() as conn, self._transaction(conn, "IMMEDIATE"):
            conn.execute("INSERT INTO sessions (token_hash, user, created, expires) VALUES (?, ?, ?, ?)",
                         (session.token_hash, session.user, _iso(session.created), _iso(session.expires)))

    def find_session(self, token_hash: str) -> SignInSession | None:
        with self._connection() as conn:
            row = conn.execute("SELECT * FROM sessions WHERE token_hash = ?", (token_hash,)).fetchone()
        if row is None:
            return None
        return SignInSession(row["token_hash"], row["user"], dt.datetime.fromisoformat(row["created"]),
                             dt.datetime.fromisoformat(row["expires"]))

    def end_sessions(self, *, token_hash: str | None = None, user: str | None = None,
                     expired_at: dt.datetime | None = None) -> int:
        if token_hash is None and user is None and expired_at is None:
            raise ValueError("end_sessions needs token_hash, user or expired_at")
        where, params = [], []
        if token_hash is not None:
            where.append("token_hash = ?")
            params.append(token_hash)
        if user is not None:
            where.append("user = ?")
            params.append(user)
        if expired_at is not None:
            where.append("expires <= ?")
            params.append(_iso(expired_at))
        with self._connection() as conn, self._transaction(conn, "IMMEDIATE"):
            # fixed fragments joined, every value a parameter
            return conn.execute("DELETE FROM sessions WHERE " + " AND ".join(where), params).rowcount

    @staticmethod
    def _delete(conn: sqlite3.Connection, changes: ChangeSet) -> None:
        by_table: dict[str, list[tuple[str]]] = {}
        for table, record_id in changes.deletes:
            by_table.setdefault(table, []).append((record_id,))
        for table in reversed(_ORDER):
            ids = by_table.get(table)
            if not ids:
                continue
            if table == "meetings":
                conn.executemany("DELETE FROM meeting_attendees WHERE meeting = ?", ids)
            conn.executemany(f"DELETE FROM {table} WHERE id = ?", ids)
            if table in PARTY_TABLES:
                conn.executemany("DELETE FROM parties WHERE id = ?", ids)

    @staticmethod
    def _upsert(conn: sqlite3.Connection, changes: ChangeSet) -> None:
        records: dict[str, list[Record]] = {}
        for record in changes.upserts:
            records.setdefault(record.table, []).append(record)
        for table in _ORDER:
            batch = records.get(table)
            if not batch:
                continue
            cols = _stored_columns(table)
            updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
            insert = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            # a plain INSERT for ids the table lacks (an upsert of every column costs SQLite
            # over twice as much: 100,000 new activities 3.1 s → 1.3 s), the upsert for the rest
            new, again = _split_new(conn, table, batch)
            if table in PARTY_TABLES:
                conn.executemany(
                    "INSERT INTO parties (id, party_type) VALUES (?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET party_type = excluded.party_type",
                    [(r.id, PARTY_TYPE_OF_TABLE[table]) for r in batch],
                )
            write = _row_writer(table)
            with _indexes_set_aside(conn, table, len(new)):
                conn.executemany(insert, map(write, new))
            conn.executemany(f"{insert} ON CONFLICT(id) DO UPDATE SET {updates}", map(write, again))
            if table == "meetings":
                conn.executemany("DELETE FROM meeting_attendees WHERE meeting = ?", [(r.id,) for r in batch])
                conn.executemany(
                    "INSERT INTO meeting_attendees (meeting, position, organisation) VALUES (?, ?, ?)",
                    [(r.id, i, org) for r in batch for i, org in enumerate(r.attendees)],
                )

    def close(self) -> None:
        """Nothing is held open between operations."""
