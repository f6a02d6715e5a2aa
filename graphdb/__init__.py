"""Storage: one interface (:class:`graphdb.store.GraphStore`), two backends.

``open_store(settings)`` is the only place that chooses a backend; nothing above this
package knows which one it talks to.
"""

from __future__ import annotations

from graphdb.store import GraphStore, RevisionConflict, StoreError, StoreUnavailable, TargetNotEmpty
from lianmeng.settings import Settings

__all__ = ["open_store", "GraphStore", "StoreError", "RevisionConflict", "StoreUnavailable", "TargetNotEmpty"]


def open_store(settings: Settings, *, kind: str | None = None) -> GraphStore:
    """The store the settings name (or ``kind``, to override the backend)."""
    kind = kind or settings.store
    if kind == "embedded":
        from graphdb.sqlite_store import SqliteStore

        return SqliteStore(settings.sqlite_path)
    if kind == "neo4j":
        from graphdb.neo4j_store import Neo4jStore

        return Neo4jStore.connect(
            settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
        )
    raise StoreError(f"未知的数据库后端“{kind}”：请把 LIANMENG_STORE 设为 embedded 或 neo4j。")
