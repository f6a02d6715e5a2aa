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
from graphdb.sqlite_store import MIGRATIONS, SCHEMA_VERSION, SqliteStore, _statements
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
