"""The audit trail's records and the pure logic that builds them.

An :class:`AuditEntry` is one write: who (``actor``), when (``at``, UTC), why
(``action``: ``"edit"``, ``"import"``, ``"plan"``, ``"restore"``, ``"user"``, …), and what
— one :class:`AuditItem` per record whose value changed, with its value before and after
as plain JSON-able dicts. Entries live in the store *outside* the dataset, so a restore
never rolls the trail back; the store assigns ``seq`` (its order) and ``revision``.

>>> from lianmeng.dataset import ChangeSet
>>> from lianmeng.sample import sample_street
>>> before = sample_street()
>>> after = before.with_changes(ChangeSet(upserts=(before.organisations[0].model_copy(update={"phone": "110"}),)))
>>> [(item.table, item.record_id, item.change) for item in changed_items(before, after)]
[('organisations', 'adm-01', 'changed')]
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lianmeng.dataset import TABLES, CheckedChange, Dataset
from lianmeng.records import Record

__all__ = ["AuditItem", "AuditEntry", "changed_items", "checked_items", "utc_now", "USERS_TABLE"]

#: the table name audit items of user changes carry (users are not part of the dataset)
USERS_TABLE = "users"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AuditItem:
    """One record's change: ``before`` is ``None`` for an addition, ``after`` for a removal.

    Each side is a plain JSON-able dict, or — as a store reads it, or as a write dumps
    its records straight to text — the JSON text of one, decoded when first asked for
    (:meth:`before_json` / :meth:`after_json` give the text without decoding it: a write
    of 100,000 activities keeps them as text from the serializer to the database).

    >>> item = AuditItem("organisations", "o-1", None, '{"id": "o-1", "name": "甲"}')
    >>> item.change, item.after["name"], item == AuditItem("organisations", "o-1", None, {"id": "o-1", "name": "甲"})
    ('added', '甲', True)
    """

    __slots__ = ("table", "record_id", "_before", "_after")

    def __init__(self, table: str, record_id: str, before: dict[str, Any] | str | None,
                 after: dict[str, Any] | str | None):
        self.table, self.record_id, self._before, self._after = table, record_id, before, after

    @property
    def before(self) -> dict[str, Any] | None:
        if isinstance(self._before, str):
            self._before = json.loads(self._before)
        return self._before  # type: ignore[return-value]

    @property
    def after(self) -> dict[str, Any] | None:
        if isinstance(self._after, str):
            self._after = json.loads(self._after)
        return self._after  # type: ignore[return-value]

    def before_json(self) -> str | None:
        return _text(self._before)

    def after_json(self) -> str | None:
        return _text(self._after)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AuditItem):
            return NotImplemented
        return (self.table, self.record_id, self.before, self.after) == (
            other.table, other.record_id, other.before, other.after)

    __hash__ = None  # type: ignore[assignment]  # as a dict's: its sides are dicts

    def __repr__(self) -> str:
        return (f"AuditItem(table={self.table!r}, record_id={self.record_id!r}, before={self.before!r}, "
                f"after={self.after!r})")

    @property
    def change(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class AuditEntry:
    """One write. ``seq`` and ``revision`` are 0 until the store has written it."""

    actor: str
    action: str
    at: dt.datetime
    items: tuple[AuditItem, ...] = ()
    note: str = ""
    seq: int = 0
    revision: int = 0
    tables: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "tables", tuple(sorted({i.table for i in self.items})))

    def item(self, table: str, record_id: str) -> AuditItem | None:
        return next((i for i in self.items if i.table == table and i.record_id == record_id), None)


def _row(record: Record | None) -> dict[str, Any] | None:
    return None if record is None else record.model_dump(mode="json")


def _items(table: str, changed: list[tuple[str, Record | None, Record | None]]) -> list[AuditItem]:
    """The items of one table's changes, each side's record dumped to JSON text by the
    compiled serializer (an import of 100,000 activities: the same values as :func:`_row`,
    in a fraction of the time; decoded only if someone reads them)."""
    return [AuditItem(table, record_id, None if a is None else _json_of(a), None if b is None else _json_of(b))
            for record_id, a, b in changed]


def _json_of(record: Record) -> str:
    return type(record).__pydantic_serializer__.to_json(record).decode()


#: a side given as a dict is written as this text (sorted keys, as the trail always had)
_AUDIT_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _text(side: dict[str, Any] | str | None) -> str | None:
    return side if side is None or isinstance(side, str) else _AUDIT_JSON(side)


def checked_items(checked: CheckedChange) -> tuple[AuditItem, ...] | None:
    """:func:`changed_items` of a :meth:`~lianmeng.dataset.CheckedChange.narrowed` change
    (``changed_items(base, after, keys of its upserts)``: the same items in the same order),
    from what narrowing found, in one pass; ``None`` for a change it cannot tell (not
    narrowed, or with removals)."""
    if checked.was is None or checked.changes.deletes:
        return None
    by_table: dict[str, tuple[list[tuple[int, Record]], list[Record]]] = {}
    for record, at in zip(checked.changes.upserts, checked.was, strict=True):
        kept, added = by_table.setdefault(record.table, ([], []))
        if at is None:
            added.append(record)  # the after table appends them in this order
        else:
            kept.append((at, record))
    items: list[AuditItem] = []
    for table in TABLES:
        if table not in by_table:
            continue
        kept, added = by_table[table]
        kept.sort(key=_first)
        old = checked.base.table(table)
        items += _items(table, [(r.id, old[at], r) for at, r in kept] + [(r.id, None, r) for r in added])
    return tuple(items)


def _first(pair: tuple[int, Record]) -> int:
    return pair[0]


def changed_items(before: Dataset, after: Dataset,
                  keys: Iterable[tuple[str, str]] | None = None) -> tuple[AuditItem, ...]:
    """The records whose value differs between ``before`` and ``after``.

    ``keys`` limits the comparison to those ``(table, id)`` pairs (what an edit touched);
    without it every record of both is compared (a whole-store replacement).
    """
    wanted: dict[str, set[str] | None]
    if keys is None:
        wanted = dict.fromkeys(TABLES)
    else:
        wanted = {}
        for table, record_id in keys:
            wanted.setdefault(table, set()).add(record_id)  # type: ignore[union-attr]
    items: list[AuditItem] = []
    for table in TABLES:
        if table not in wanted:
            continue
        ids = wanted[table]
        if ids is not None:  # by id: what the edit names, however large the table
            was, now = before.ids(table), after.ids(table)
            old_records, new_records = before.table(table), after.table(table)
            changed: list[tuple[str, Record | None, Record | None]] = []
            for position, record_id in sorted((was[i], i) for i in ids if i in was):  # in the table's order
                a, at = old_records[position], now.get(record_id)
                b = None if at is None else new_records[at]
                if a != b:
                    changed.append((record_id, a, b))
            # then the added ones, in the order they were added
            changed += [(record_id, None, new_records[position])
                        for position, record_id in sorted((now[i], i) for i in ids if i not in was and i in now)]
            items += _items(table, changed)
            continue
        old = {r.id: r for r in before.table(table) if ids is None or r.id in ids}
        new = {r.id: r for r in after.table(table) if ids is None or r.id in ids}
        for record_id in [*old, *(i for i in new if i not in old)]:
            a, b = old.get(record_id), new.get(record_id)
            if a != b:
                items.append(AuditItem(table, record_id, _row(a), _row(b)))
    return tuple(items)
