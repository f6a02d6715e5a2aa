"""The embedded store's audit trail is append-only against every SQLite statement form.

Each test opens the store's real file with a second, plain ``sqlite3`` connection — as
anyone with the file could — tries one way of rewriting an entry, and then reads the
trail back through the store: it is exactly what it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graphdb.guarded import GuardedStore
from graphdb.sqlite_store import (
    _ROWS_A_STATEMENT,
    MIGRATIONS,
    SCHEMA_VERSION,
    SqliteStore,
    _insert_rows,
    _statements,
)
from lianmeng.access import Role, User
from lianmeng.dataset import Dataset

PLANNER = User("规划员甲", Role.PLANNER)

# every statement names an entry that exists (seq 1; item (1, 0))
ON_AUDIT = {
    "update": "UPDATE audit SET actor = '冒充者' WHERE seq = 1",
    "delete": "DELETE FROM audit WHERE seq = 1",
    "insert or replace": "INSERT OR REPLACE INTO audit (seq, revision, at, actor, action, note) "
                         "VALUES (1, 1, '2020-01-01T00:00:00.000000+00:00', '冒充者', 'import', '')",
    "replace into": "REPLACE INTO audit (seq, revision, at, actor, action, note) "
                    "VALUES (1, 1, '2020-01-01T00:00:00.000000+00:00', '冒充者', 'import', '')",
    "upsert": "INSERT INTO audit (seq, revision, at, actor, action, note) "
              "VALUES (1, 1, '2020-01-01T00:00:00.000000+00:00', '冒充者', 'import', '') "
              "ON CONFLICT(seq) DO UPDATE SET actor = excluded.actor",
    "upsert do nothing": "INSERT INTO audit (seq, revision, at, actor, action, note) "
                         "VALUES (1, 1, '2020-01-01T00:00:00.000000+00:00', '冒充者', 'import', '') "
                         "ON CONFLICT DO NOTHING",
    "insert or ignore": "INSERT OR IGNORE INTO audit (seq, revision, at, actor, action, note) "
                        "VALUES (1, 1, '2020-01-01T00:00:00.000000+00:00', '冒充者', 'import', '')",
    "insert or fail": "INSERT OR FAIL INTO audit (seq, revision, at, actor, action, note) "
                      "VALUES (1, 1, '2020-01-01T00:00:00.000000+00:00', '冒充者', 'import', '')",
    "update or replace": "UPDATE OR REPLACE audit SET seq = 1 WHERE seq = 2",
}
ITEM = "(1, 0, 'organisations', 'forged', NULL, '{\"name\": \"伪造\"}')"
ON_ITEMS = {
    "update": "UPDATE audit_items SET after = NULL WHERE seq = 1 AND position = 0",
    "delete": "DELETE FROM audit_items WHERE seq = 1",
    "insert or replace": f"INSERT OR REPLACE INTO audit_items (seq, position, tbl, record_id, before, after) VALUES {ITEM}",
    "replace into": f"REPLACE INTO audit_items (seq, position, tbl, record_id, before, after) VALUES {ITEM}",
    "upsert": f"INSERT INTO audit_items (seq, position, tbl, record_id, before, after) VALUES {ITEM} "
              "ON CONFLICT(seq, position) DO UPDATE SET after = excluded.after",
    "upsert do nothing": f"INSERT INTO audit_items (seq, position, tbl, record_id, before, after) VALUES {ITEM} "
                         "ON CONFLICT DO NOTHING",
    "insert or ignore": f"INSERT OR IGNORE INTO audit_items (seq, position, tbl, record_id, before, after) VALUES {ITEM}",
    "update or replace": "UPDATE OR REPLACE audit_items SET position = 0 WHERE seq = 1 AND position = 1",
    # a new position under an OLD entry would slip a forged change into history
    "append to an old entry": "INSERT INTO audit_items (seq, position, tbl, record_id, before, after) "
                              "VALUES (1, 999999, 'organisations', 'forged', NULL, NULL)",
}
# forms a conflict clause could turn into a silent no-op: refusing them is also fine
HARMLESS = {"insert or ignore", "upsert do nothing"}


@pytest.fixture
def audited(tmp_path: Path, sample: Dataset) -> SqliteStore:
    store = SqliteStore(tmp_path / "lianmeng.sqlite3")
    planner = GuardedStore(store, PLANNER)
    with planner.action("import", note="第一批.xlsx"):
        planner.replace_all(sample)
    planner.upsert([sample.organisations[0].model_copy(update={"phone": "021-1111-2222"})])
    return store


def _trail(store: SqliteStore):
    return [(e.seq, e.revision, e.at, e.actor, e.action, e.note, e.items) for e in store.audit_entries()]


def _raw_rows(store: SqliteStore):
    with sqlite3.connect(store.path) as conn:
        return (conn.execute("SELECT * FROM audit ORDER BY seq").fetchall(),
                conn.execute("SELECT * FROM audit_items ORDER BY seq, position").fetchall())


@pytest.mark.parametrize(("table", "form"), [("audit", f) for f in ON_AUDIT] + [("audit_items", f) for f in ON_ITEMS])
def test_no_statement_form_rewrites_an_entry(audited: SqliteStore, table: str, form: str):
    statement = (ON_AUDIT if table == "audit" else ON_ITEMS)[form]
    trail, raw = _trail(audited), _raw_rows(audited)
    assert trail[-1][0] == 1 and len(trail[-1][6]) > 1  # seq 1 exists and has items 0 and 1
    conn = sqlite3.connect(audited.path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    try:
        if form in HARMLESS:
            try:
                conn.execute(statement)
            except sqlite3.IntegrityError as exc:
                assert "append-only" in str(exc)
        else:
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)
        # not even with recursive triggers switched on
        conn.execute("PRAGMA recursive_triggers=ON")
        if form not in HARMLESS:
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)
    finally:
        conn.close()
    assert _raw_rows(audited) == raw
    assert _trail(audited) == trail


def test_the_store_still_appends(audited: SqliteStore, sample: Dataset):
    before = len(audited.audit_entries())
    GuardedStore(audited, PLANNER).upsert([sample.organisations[1].model_copy(update={"phone": "0"})])
    entries = audited.audit_entries()
    assert len(entries) == before + 1 and entries[0].items[0].after["phone"] == "0"


def test_a_file_made_before_the_triggers_gets_them(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:3]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO audit (revision, at, actor, action, note) VALUES (0, 'x', '甲', 'user', '')")
    conn.execute("REPLACE INTO audit (seq, revision, at, actor, action, note) VALUES (1, 0, 'x', '乙', 'user', '')")
    conn.close()  # version 3 lets that replace through: the reason for migration 4

    SqliteStore(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("REPLACE INTO audit (seq, revision, at, actor, action, note) "
                         "VALUES (1, 0, 'x', '丙', 'user', '')")
        assert conn.execute("SELECT actor FROM audit").fetchall() == [("乙",)]
    finally:
        conn.close()


@pytest.mark.parametrize(("count", "width"), [(0, 3), (1, 3), (99, 3), (100, 3), (101, 3), (333, 3), (120, 20)])
def test_rows_go_in_many_to_a_statement_exactly_and_in_order(count: int, width: int):
    """The audit items of a write go in by multi-row statements (a BEFORE INSERT trigger costs
    SQLite per statement): every row arrives once, in order, whatever the remainder, and a
    wide row takes fewer to a statement (within 999 parameters). Values stay parameters."""
    conn = sqlite3.connect(":memory:")
    columns = [f"c{i}" for i in range(width)]
    conn.execute(f"CREATE TABLE t ({', '.join(columns)})")
    conn.execute("CREATE TABLE fired (n)")
    conn.execute("CREATE TRIGGER counted BEFORE INSERT ON t BEGIN INSERT INTO fired VALUES (NEW.c0); END")
    rows = [(i, *[f"第{i}行'); DROP TABLE t; --" if c % 2 else (None if i % 7 == 0 else c * 1.5)
                  for c in range(1, width)]) for i in range(count)]
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    _insert_rows(conn, f"INSERT INTO t ({', '.join(columns)}) VALUES ", rows)
    conn.set_trace_callback(None)
    assert conn.execute("SELECT * FROM t ORDER BY rowid").fetchall() == rows
    assert [n for (n,) in conn.execute("SELECT n FROM fired ORDER BY rowid")] == list(range(count))
    per = min(_ROWS_A_STATEMENT, 999 // width)
    # (SQLite traces a statement again as it enters each trigger: consecutive repeats are one)
    inserts = [s for i, s in enumerate(statements)
               if s.startswith("INSERT INTO t") and (i == 0 or statements[i - 1] != s)]
    assert len(inserts) == -(-count // per)  # one statement per full or partial batch


def _audit_schema(path: Path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'audit_items' "
                            "ORDER BY type, name").fetchall()


def test_a_bulk_write_audits_every_item_as_one_by_one_would(tmp_path: Path, sample: Dataset,
                                                            monkeypatch: pytest.MonkeyPatch):
    """An import large enough to set the audit's record index aside (and to go in 100 items a
    statement) leaves the same trail, row for row, as the same write put in one item a
    statement with the index in place; the index and the append-only triggers are there after,
    the file is sound, and a bulk write that fails leaves trail and schema as they were."""
    import datetime as dt

    from graphdb import sqlite_store
    from lianmeng.audit import AuditEntry, AuditItem
    from lianmeng.dataset import ChangeSet

    AT = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    total = sum(len(records) for _, records in sample.tables())
    assert total > 1000 and total % 100  # a remainder statement is exercised

    monkeypatch.setattr(sqlite_store, "_BULK_ROWS", 10**9)
    monkeypatch.setattr(sqlite_store, "_ROWS_A_STATEMENT", 1)
    slow = SqliteStore(tmp_path / "one_by_one.sqlite3")
    GuardedStore(slow, PLANNER).replace_all(sample)
    schema = _audit_schema(slow.path)
    assert ("index", "audit_items_record") in [row[:2] for row in schema]
    assert [name for kind, name, _ in schema if kind == "trigger"] == [
        "audit_items_no_delete", "audit_items_no_overwrite", "audit_items_no_update"]

    monkeypatch.setattr(sqlite_store, "_BULK_ROWS", 10)
    monkeypatch.setattr(sqlite_store, "_ROWS_A_STATEMENT", 100)
    statements: list[str] = []
    real_connect = sqlite_store.sqlite3.connect

    def traced(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite_store.sqlite3, "connect", traced)
    bulk = SqliteStore(tmp_path / "bulk.sqlite3")
    GuardedStore(bulk, PLANNER).replace_all(sample)
    monkeypatch.setattr(sqlite_store.sqlite3, "connect", real_connect)
    assert any(s.startswith('DROP INDEX "audit_items_record"') for s in statements)  # set aside …
    rows = _raw_rows(bulk)[1]  # every column of audit_items
    assert rows == _raw_rows(slow)[1]  # … and the same trail, row for row
    assert [position for _, position, *_ in rows] == list(range(total))
    assert {(t, r) for _, _, t, r, _, _ in rows} == {(t, r.id) for t, recs in sample.tables() for r in recs}
    assert _audit_schema(bulk.path) == schema
    with sqlite3.connect(bulk.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        organisation = sample.organisations[0].id
        by_index = conn.execute("SELECT seq, position FROM audit_items INDEXED BY audit_items_record "
                                "WHERE tbl = 'organisations' AND record_id = ?", (organisation,)).fetchall()
        assert by_index == conn.execute("SELECT seq, position FROM audit_items NOT INDEXED "
                                        "WHERE tbl = 'organisations' AND record_id = ?",
                                        (organisation,)).fetchall() != []
    found = bulk.audit_entries(table="organisations", record_id=organisation)
    assert [item.after["id"] for item in found[0].items if item.record_id == organisation] == [organisation]

    # a bulk write that fails (a deferred foreign key at COMMIT) leaves the trail as it was
    trail, raw = _trail(bulk), _raw_rows(bulk)
    broken = sample.activities[0].model_copy(update={"id": "AC-broken", "pairing": "no-such-pairing"})

    def fails(added: list) -> None:
        written = (*added, broken)
        with pytest.raises(sqlite3.IntegrityError):
            bulk._commit(ChangeSet(upserts=written), expected_revision=None, clear=False,
                         audit=AuditEntry(actor="规划员甲", action="import", at=AT, items=tuple(
                             AuditItem("activities", a.id, None, a.model_dump(mode="json")) for a in written)))
        assert _trail(bulk) == trail and _raw_rows(bulk) == raw and _audit_schema(bulk.path) == schema

    fresh = [a.model_copy(update={"id": f"AC-more-{i}"}) for i, a in enumerate(sample.activities)]
    assert 10 < len(fresh) + 1 < total  # the index is kept: fewer items than the trail holds
    fails(fresh)
    # and one that fails while the index is set aside (more items than the trail holds)
    many = [a.model_copy(update={"id": f"AC-many-{i}-{a.id}"}) for i in range(3) for a in sample.activities]
    assert len(many) > len(rows)
    fails(many)
    with sqlite3.connect(bulk.path) as conn, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_items SET after = NULL WHERE seq = 1 AND position = 0")
