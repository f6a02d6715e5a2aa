"""What "the store is unchanged" means in the import tests: same revision, same figures,
same records, and the SQLite file byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

from graphdb.sqlite_store import SqliteStore
from lianmeng.ops.street import stats


def store_state(data_dir: Path) -> tuple[int, dict, object, str]:
    path = data_dir / "lianmeng.sqlite3"
    with SqliteStore(path) as store:
        state = (store.revision(), stats(store), store.snapshot().canonical())
    return (*state, hashlib.sha256(path.read_bytes()).hexdigest())
