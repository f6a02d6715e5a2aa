"""Applying a validated import: one backup, then one transaction through the store.

Without ``replace`` the file's new and changed records are upserted with
:meth:`GraphStore.apply` (which checks the result again, as far as the change reaches); with ``replace``
the file becomes the whole dataset with :meth:`GraphStore.replace_all`. Both land only on
the revision the preview was checked against, checked INSIDE the write transaction: of two
imports started together exactly one applies, the other is refused with
:class:`DataChanged` (exit 1, "run it again") and writes nothing. The backup taken first is
the state at that very revision — the state the write replaces.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphdb.store import GraphStore, RevisionConflict, StoreError
from ingest.preview import Preview
from lianmeng.dataset import CheckedChange, Dataset
from lianmeng.ops.backups import Backup, BackupMoved, BackupShelf
from lianmeng.texts import say

__all__ = ["Applied", "DataChanged", "apply_import"]


@dataclass(frozen=True)
class Applied:
    before: int
    revision: int
    backup: Backup | None  # None when there was nothing to write


class DataChanged(RevisionConflict):
    """Someone wrote between an import's check and its write; nothing was written."""

    def __init__(self, expected: int, actual: int):
        self.expected, self.actual = expected, actual
        StoreError.__init__(self, say("import_changed_meanwhile", expected=expected, actual=actual))


def apply_import(store: GraphStore, target: Dataset, changes: Preview, *, expected_revision: int,
                 replace: bool, shelf: BackupShelf, checked: CheckedChange | None = None) -> Applied:
    """Write the import; nothing is written (and no backup taken) when nothing changes.

    ``checked`` is the plan's check of the file against the store's snapshot: the write
    reuses it when that snapshot is still the store's (:meth:`GraphStore.apply`) and
    writes the file's new and changed records in the file's order.
    """
    if changes.is_empty():
        actual = store.revision()
        if actual != expected_revision:
            raise DataChanged(expected_revision, actual)
        return Applied(actual, actual, None)
    store.require("replace_all" if replace else "import")  # refused before the backup is taken
    try:  # the state the import replaces, exactly
        backup = shelf.save(store, "import", revision=expected_revision)
    except BackupMoved as exc:
        raise DataChanged(expected_revision, exc.actual) from None
    try:
        with store.action("import", note=backup.name):
            if replace:
                revision = store.replace_all(target, expected_revision=expected_revision)
            elif checked is not None:
                revision = store.apply(checked.narrowed(), expected_revision=expected_revision)
            else:
                revision = store.apply(changes.changeset(), expected_revision=expected_revision)
    except RevisionConflict as exc:
        backup.path.unlink(missing_ok=True)  # the state it holds was never replaced by this import
        raise DataChanged(expected_revision, exc.actual) from None
    return Applied(expected_revision, revision, backup)
