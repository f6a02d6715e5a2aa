"""What an import would change, per record table: new, changed, unchanged, removed.

Pure: compares the database's current dataset with the dataset after the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lianmeng.dataset import TABLES, ChangeSet, CheckedChange, Dataset
from lianmeng.records import Record

__all__ = ["TableChanges", "Preview", "preview", "preview_checked"]


@dataclass(frozen=True)
class TableChanges:
    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unchanged: int = 0
    removed: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "changed": len(self.changed), "unchanged": self.unchanged,
                "removed": len(self.removed)}


@dataclass(frozen=True)
class Preview:
    tables: dict[str, TableChanges]
    upserts: tuple[Record, ...] = field(default=(), repr=False)

    def is_empty(self) -> bool:
        return not any(c.new or c.changed or c.removed for c in self.tables.values())

    def as_dict(self) -> dict[str, dict[str, int]]:
        """``{table: {"new", "changed", "unchanged", "removed"}}`` for every table."""
        return {name: changes.counts() for name, changes in self.tables.items()}

    def changeset(self) -> ChangeSet:
        deletes = tuple((name, i) for name, changes in self.tables.items() for i in changes.removed)
        return ChangeSet(upserts=self.upserts, deletes=deletes)


def preview(current: Dataset, target: Dataset, file_ids: dict[str, set[str]], *, replace: bool) -> Preview:
    """Compare ``target`` (the dataset after the import) with ``current``.

    New/changed/unchanged count the file's records; removed (only with ``replace``)
    are current records the target no longer has.

    >>> from lianmeng.records import Committee
    >>> old = Dataset(committees=[Committee(id="s", name="甲")])
    >>> new = Dataset(committees=[Committee(id="s", name="乙"), Committee(id="t", name="丙")])
    >>> preview(old, new, {"committees": {"s", "t"}}, replace=False).as_dict()["committees"]
    {'new': 1, 'changed': 1, 'unchanged': 0, 'removed': 0}
    """
    tables: dict[str, TableChanges] = {}
    upserts: list[Record] = []
    for name in TABLES:
        new, changed, unchanged = [], [], 0
        in_target, in_current = target.ids(name), current.ids(name)
        target_records, current_records = target.table(name), current.table(name)
        for record_id in file_ids.get(name, ()):  # the file's records only, by id
            at = in_target.get(record_id)
            if at is None:
                continue
            record = target_records[at]
            was = in_current.get(record_id)
            old = None if was is None else current_records[was]
            if old is None:
                new.append(record_id)
                upserts.append(record)
            elif old != record:
                changed.append(record_id)
                upserts.append(record)
            else:
                unchanged += 1
        removed = sorted(set(current.ids(name)) - set(target.ids(name))) if replace else []
        tables[name] = TableChanges(tuple(sorted(new)), tuple(sorted(changed)), unchanged, tuple(removed))
    return Preview(tables, tuple(upserts))


def preview_checked(checked: CheckedChange, file_ids: dict[str, set[str]]) -> Preview | None:
    """:func:`preview` of an import (not replacing) whose file records are ``checked``'s
    upserts — from what :meth:`~lianmeng.dataset.CheckedChange.narrowed` found, without
    comparing the records again; the upserts in the file's order. ``None`` when the
    check cannot tell (an id written twice, removals)."""
    narrowed = checked.narrowed()
    if narrowed.was is None or narrowed.changes.deletes:
        return None
    new: dict[str, list[str]] = {}
    changed: dict[str, list[str]] = {}
    for record, at in zip(narrowed.changes.upserts, narrowed.was, strict=True):
        (new if at is None else changed).setdefault(record.table, []).append(record.id)
    written = {name: len(ids) for name, ids in file_ids.items()}
    tables = {}
    for name in TABLES:
        added, replaced = new.get(name, []), changed.get(name, [])
        tables[name] = TableChanges(tuple(sorted(added)), tuple(sorted(replaced)),
                                    written.get(name, 0) - len(added) - len(replaced), ())
    return Preview(tables, narrowed.changes.upserts)
