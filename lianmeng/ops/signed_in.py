"""The store as the signed-in person sees it: :class:`graphdb.guarded.GuardedStore`, whose
permission check is also told which alliance each party is a member of.

:func:`lianmeng.access.check_write` lets a chair write a pairing one of whose ends is a
member of their alliance — a pairing row names its two ends, not their alliances, so the
check needs them from the data the write starts from (the snapshot the write path has
just read: the same revision, read once).
"""

from __future__ import annotations

from graphdb.guarded import GuardedStore
from lianmeng import access
from lianmeng.access import Role
from lianmeng.records import Organisation

__all__ = ["SignedInStore"]


class SignedInStore(GuardedStore):
    """``GuardedStore(store, user)`` whose writes a chair may make for their alliance's
    members' pairings too (every other rule as :class:`GuardedStore`)."""

    def _check_write(self, touched, *, whole_store: bool) -> None:
        alliance_of = None
        if self.actor.role is Role.CHAIR and not whole_store:
            dataset = self.snapshot()

            def alliance_of(party: str) -> str | None:
                record = dataset.party(party)
                return record.alliance if isinstance(record, Organisation) else None

        access.check_write(self.actor, touched, whole_store=whole_store, alliance_of=alliance_of)
