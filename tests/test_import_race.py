"""No lost updates: two ``lianmeng import`` processes started together on one store —
exactly one applies, the other exits 1 saying the data changed and to run it again; the
backup of the one that applied is the state it replaced (issue 13). Both backends.

The two processes are synchronised without sleeping: the test holds the store's write
lock (SQLite ``BEGIN IMMEDIATE``; Neo4j the meta node's lock, which every write takes
first), starts both imports, reads each one's stderr until it says it passed validation
and is writing (so both checked the same revision), then releases the lock.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BACKEND_PARAMS, make_store

from graphdb.sqlite_store import SqliteStore
from lianmeng.ops.backups import BackupShelf
from lianmeng.records import Organisation, Scope
from lianmeng.texts import say

BASE = [Organisation(id="O-base", name="区检察院党支部", scope=Scope.EXTERNAL)]
WRITING = say("import_applying", revision=1).split("（")[0]  # 校验通过，正在备份并写入


def _file(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "组织.csv").write_text(f"名称,范围\n{name},区域外\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_two_imports_started_together_exactly_one_applies(backend: str, tmp_path: Path,
                                                          request: pytest.FixtureRequest):
    store = SqliteStore(tmp_path / "lianmeng.sqlite3") if backend == "embedded" else \
        make_store(backend, tmp_path, request)
    store.upsert(BASE)
    base = store.snapshot()
    env = {**os.environ, "LIANMENG_DATA_DIR": str(tmp_path), "LIANMENG_STORE": backend}
    if backend == "neo4j":
        env["NEO4J_URI"] = request.getfixturevalue("neo4j_server_uri")
    files = [_file(tmp_path / "a", "甲公司党支部"), _file(tmp_path / "b", "乙公司党支部")]

    # hold the write lock: both imports read and validate, neither can commit
    if backend == "embedded":
        lock = sqlite3.connect(tmp_path / "lianmeng.sqlite3", isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        release = lambda: (lock.execute("ROLLBACK"), lock.close())  # noqa: E731
    else:
        from graphdb import cypher

        session = store.driver.session(database=store.database)
        tx = session.begin_transaction()
        tx.run(cypher.LOCK_META, key=cypher.META_KEY).consume()
        release = lambda: (tx.rollback(), session.close())  # noqa: E731
    procs = [subprocess.Popen([sys.executable, "-m", "lianmeng.cli", "import", str(f)], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in files]
    try:
        for proc in procs:  # the barrier: each has validated against the same revision
            seen = []
            for line in proc.stderr:
                seen.append(line)
                if WRITING in line:
                    break
            assert any(WRITING in line for line in seen), "".join(seen)
    finally:
        release()
    outcomes = [(proc.wait(timeout=120), proc.stdout.read(), proc.stderr.read()) for proc in procs]
    codes = sorted(code for code, _, _ in outcomes)
    assert codes == [0, 1], outcomes
    loser = next(err for code, _, err in outcomes if code == 1)
    assert "数据在您检查之后已被他人修改" in loser and "重新运行" in loser and "Traceback" not in loser

    after = store.snapshot()
    names = {o.name for o in after.organisations}
    assert len(names & {"甲公司党支部", "乙公司党支部"}) == 1 and "区检察院党支部" in names
    assert store.revision() == 2
    imports = store.audit_entries(action="import")
    assert len(imports) == 1 and imports[0].revision == 2
    backups = BackupShelf(tmp_path / "backups").list()
    assert [b.revision for b in backups] == [1]  # the loser left no backup of a state it never replaced
    assert BackupShelf(tmp_path / "backups").load(backups[0].name) == base
    store.close()
