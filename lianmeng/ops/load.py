"""Applying a validated import: one backup, then one transaction through the store.

Without ``replace`` the file's new and changed records are upserted with
:meth:`GraphStore.apply` (which validates the whole result again); with ``replace``
the file becomes the whole dataset with :meth:`GraphStore.replace_all`. A store that
changed since the preview is refused (:class:`~graphdb.store.RevisionConflict`).
"""

from __future__ import annotations

from dataclasses import dataclass

from graphdb.store import GraphStore, RevisionConflict
from ingest.preview import Preview
from lianmeng.dataset import Dataset
from lianmeng.ops.backups import Backup, BackupShelf

__all__ = ["Applied", "apply_import"]


@dataclass(frozen=True)
class Applied:
    before: int
    revision: int
    backup: Backup | None  # None when there was nothing to write


def apply_import(store: GraphStore, target: Dataset, changes: Preview, *, expected_revision: int,
                 replace: bool, shelf: BackupShelf) -> Applied:
    """Write the import; nothing is written (and no backup taken) when nothing changes."""
    actual = store.revision()
    if actual != expected_revision:
        raise RevisionConflict(expected_revision, actual)
    if changes.is_empty():
        return Applied(actual, actual, None)
    store.require("replace_all" if replace else "import")  # refused before the backup is taken
    backup = shelf.save(store, "import")
    with store.action("import", note=backup.name):
        if replace:
            revision = store.replace_all(target, expected_revision=expected_revision)
        else:
            revision = store.apply(changes.changeset())
    return Applied(actual, revision, backup)
