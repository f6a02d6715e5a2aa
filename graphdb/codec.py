"""Records to flat rows of primitives and back, shared by every backend.

A row is ``record.model_dump(mode="json")``: enums as their values, dates as ISO
strings, tuples as lists, absent values as ``None``. Reading validates again, so a row
that was edited by hand in the database cannot smuggle an invalid record in.

>>> from lianmeng.records import Alliance
>>> row = to_row(Alliance(id="campus", name="校区党建联盟", sector="campus"))
>>> row["name"], from_row("alliances", row).sector
('校区党建联盟', 'campus')
"""

from __future__ import annotations

import functools
from typing import Any

from lianmeng.dataset import TABLES
from lianmeng.records import Record

__all__ = ["to_row", "from_row", "columns", "list_columns"]


def to_row(record: Record) -> dict[str, Any]:
    """The record as a dict of str, int, float, bool, None and lists of str."""
    return record.model_dump(mode="json")


def from_row(table: str, row: dict[str, Any]) -> Record:
    """Rebuild a record of ``table`` from a row; keys the model lacks are ignored."""
    model = TABLES[table]
    known = model.model_fields
    return model.model_validate({k: v for k, v in row.items() if k in known and v is not None})


def columns(table: str) -> list[str]:
    """The model's fields in declaration order (``id`` first)."""
    return list(_columns(table))


def list_columns(table: str) -> set[str]:
    """The fields that hold tuples of strings."""
    return set(_list_columns(table))


# cached: backends ask for every row of a bulk write, and the models never change at run time
@functools.cache
def _columns(table: str) -> tuple[str, ...]:
    return tuple(TABLES[table].model_fields)


@functools.cache
def _list_columns(table: str) -> frozenset[str]:
    model = TABLES[table]
    return frozenset(name for name, info in model.model_fields.items() if "tuple" in str(info.annotation))
