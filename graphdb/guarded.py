"""A store bound to one person: every write is checked against their role and audited
under their name.

``GuardedStore(store, user)`` implements :class:`~graphdb.store.GraphStore` by delegating
the backend primitives to ``store``; the shared write path of the base class (validation,
audit entry, per-record versions, retries) then calls this class's permission hook. So
code written against ``GraphStore`` — pages, ingest, plans — is checked and audited
without knowing it. The pages get one from ``lianmeng.web.common.store()`` for the signed-in
person; the command line one for the local OS user with role admin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graphdb.store import GraphStore
from lianmeng import access
from lianmeng.access import Role, SignInSession, User
from lianmeng.audit import AuditEntry
from lianmeng.dataset import ChangeSet, Dataset
from lianmeng.records import Organisation

__all__ = ["GuardedStore"]


class GuardedStore(GraphStore):
    """``store`` as seen by ``user``: reads pass through, writes are checked and audited."""

    def __init__(self, store: GraphStore, user: User, *, owns: bool = False):
        self.inner = store
        self.actor = user
        self._owns = owns
        self.kind = store.kind
        self.location = store.location
        self.conflict_retries = store.conflict_retries

    @property
    def actor_name(self) -> str:  # type: ignore[override]
        return self.actor.name

    # --- the permission hooks ---------------------------------------------------------

    def _check_write(self, touched, *, whole_store: bool) -> None:
        alliance_of = None
        if self.actor.role is Role.CHAIR and not whole_store:
            # a chair may write a pairing with one end among their alliance's members: a
            # pairing row names its ends, not their alliances — read them from the data the
            # write starts from (the snapshot the write path has just read, same revision)
            dataset = self.snapshot()

            def alliance_of(party: str) -> str | None:
                record = dataset.party(party)
                return record.alliance if isinstance(record, Organisation) else None

        access.check_write(self.actor, touched, whole_store=whole_store, alliance_of=alliance_of)

    def require(self, action: str) -> None:
        access.require(self.actor, action)

    def can(self, action: str) -> bool:
        return access.can(self.actor, action)

    # --- delegated primitives ---------------------------------------------------------

    def revision(self) -> int:
        return self.inner.revision()

    def snapshot(self) -> Dataset:
        return self.inner.snapshot()  # the wrapped store holds the snapshot, for every wrapper

    def _read_snapshot(self, known: int | None) -> tuple[int, Dataset | None]:
        return self.inner._read_snapshot(known)

    def is_empty(self) -> bool:
        return self.inner.is_empty()

    def copy_to(self, path: Path) -> int | None:
        return self.inner.copy_to(path)

    def _commit(self, changes: ChangeSet, *, expected_revision: int | None, clear: bool,
                audit: AuditEntry | None = None) -> int:
        return self.inner._commit(changes, expected_revision=expected_revision, clear=clear, audit=audit)

    def _settle(self, revision: int, changes: ChangeSet, after: Dataset) -> None:
        self.inner._settle(revision, changes, after)

    def audit_entries(self, *, since: dt.datetime | None = None, until: dt.datetime | None = None,
                      actor: str | None = None, action: str | None = None,
                      table: str | None = None, record_id: str | None = None,
                      limit: int | None = None) -> list[AuditEntry]:
        return self.inner.audit_entries(since=since, until=until, actor=actor, action=action,
                                        table=table, record_id=record_id, limit=limit)

    def users(self) -> list[User]:
        return self.inner.users()

    def _write_user(self, name: str, user: User | None, audit: AuditEntry, *,
                    end_sessions: bool = False) -> None:
        self.inner._write_user(name, user, audit, end_sessions=end_sessions)

    def save_session(self, session: SignInSession) -> None:
        self.inner.save_session(session)

    def find_session(self, token_hash: str) -> SignInSession | None:
        return self.inner.find_session(token_hash)

    def end_sessions(self, *, token_hash: str | None = None, user: str | None = None,
                     expired_at: dt.datetime | None = None) -> int:
        return self.inner.end_sessions(token_hash=token_hash, user=user, expired_at=expired_at)

    def close(self) -> None:
        """Close the wrapped store only if this wrapper owns it (``owns=True``, as the
        command line does); the pages' wrappers share the process's store."""
        if self._owns:
            self.inner.close()
