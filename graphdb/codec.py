"""Records to flat rows of primitives and back, shared by every backend.

A row is ``record.model_dump(mode="json")``: enums as their values, dates as ISO
strings, tuples as lists, absent values as ``None``. :func:`from_row` validates again, so
a row that was edited by hand in the database cannot smuggle an invalid record in.
:func:`stored_reader` builds records of a whole table without validating them again:
for a store's own rows, every one of them validated when it was written (a city's
620,000 records are read in a third of the time); it gives the records :func:`from_row`
gives for every such row (tests/test_store_reader.py compares them).

>>> from lianmeng.records import Alliance
>>> row = to_row(Alliance(id="campus", name="校区党建联盟", sector="campus"))
>>> row["name"], from_row("alliances", row).sector
('校区党建联盟', 'campus')
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import math
import operator
import re
import types
from collections.abc import Callable, Sequence
from typing import Any

from lianmeng.dataset import TABLES
from lianmeng.records import Record

__all__ = ["to_row", "to_rows", "from_row", "stored_reader", "stored_writer", "columns", "list_columns", "structured_columns"]


def to_row(record: Record) -> dict[str, Any]:
    """The record as a dict of str, int, float, bool, None and lists of str."""
    return record.model_dump(mode="json")


def to_rows(table: str, records: Sequence[Record]) -> list[dict[str, Any]]:
    """:func:`to_row` of many records of ``table``, by the compiled serializer in one call."""
    return _rows_adapter(table).dump_python(records, mode="json")


def from_row(table: str, row: dict[str, Any]) -> Record:
    """Rebuild a record of ``table`` from a row; keys the model lacks are ignored."""
    model = TABLES[table]
    known = model.model_fields
    return model.model_validate({k: v for k, v in row.items() if k in known and v is not None})


def stored_reader(table: str, names: Sequence[str]) -> Callable[[Sequence[Any]], Record]:
    """A function from a stored row of ``table`` (its values in the order of ``names``;
    lists as lists or as JSON text) to the record, built without validating it again.

    The row must be one a record of the table was written as (:func:`to_row`); a value
    that is ``None`` gives the field's default, as :func:`from_row` does. Columns the
    model lacks are ignored.
    """
    model = TABLES[table]
    plan = []
    for name, info in model.model_fields.items():
        index = names.index(name) if name in names else None
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        plan.append((name, index, _converter(info.annotation), default))
    every = frozenset(name for name, index, _, _ in plan if index is not None)
    new, set_attribute = model.__new__, object.__setattr__

    def read(row: Sequence[Any]) -> Record:
        values: dict[str, Any] = {}
        given = set(every)
        for name, index, convert, default in plan:
            value = None if index is None else row[index]
            if value is None:
                values[name] = default
                given.discard(name)
            else:
                values[name] = value if convert is None else convert(value)
        record = new(model)
        set_attribute(record, "__dict__", values)
        set_attribute(record, "__pydantic_fields_set__", given)
        set_attribute(record, "__pydantic_extra__", None)
        set_attribute(record, "__pydantic_private__", None)
        return record

    return read


def stored_writer(table: str, names: Sequence[str]) -> Callable[[Record], tuple[Any, ...]]:
    """The inverse of :func:`stored_reader`: a function from a record of ``table`` to its
    stored row — the values of ``names`` in that order, as :func:`to_row` gives them with
    every list as JSON text — read straight from the record's fields, without building the
    row's dict first (an import of 100,000 activities: a third of the time).
    tests/test_store_reader.py compares it with :func:`to_row` for every table.
    """
    model = TABLES[table]
    fields = model.model_fields
    plan = [(name, _writer(fields[name].annotation)) for name in names]
    if any(write is _WHOLE for _, write in plan):  # a field this does not know: the model's own dump
        dump = _rows_adapter(table).dump_python
        return lambda record: tuple(_as_stored(value) for value in _pick(dump([record], mode="json")[0], names))

    get = operator.itemgetter(*names) if len(names) > 1 else lambda values: (values[names[0]],)
    converted = [(at, convert) for at, (_, convert) in enumerate(plan) if convert is not None]

    def write(record: Record) -> tuple[Any, ...]:
        row = list(get(record.__dict__))  # the values as they are, in C; then the few to convert
        for at, convert in converted:
            value = row[at]
            if value is not None:
                row[at] = convert(value)
        return tuple(row)

    return write


_WHOLE: Callable[[Any], Any] = lambda value: value  # noqa: E731 - a marker: dump the whole record
_LIST_TEXT = json.JSONEncoder(ensure_ascii=False).encode
#: what JSON escapes in a string (ensure_ascii=False) beside the quote: the backslash, control characters
_ESCAPED = re.compile(r"[\x00-\x1f\\]")


def _text_list(items: tuple[str, ...]) -> str:
    r"""``_LIST_TEXT(list(items))`` for a tuple of strings, the same text: items that need no
    escape are written as they are (the encoder costs more than the strings' own length).

    >>> _text_list(("o-1", "组织甲")), _text_list(())
    ('["o-1", "组织甲"]', '[]')
    >>> odd = [('say "hi"',), ("a\\b", "c"), ("line\nbreak",), ('", "',), ("",), ("\x1f", "\u3000")]
    >>> all(_text_list(t) == json.dumps(list(t), ensure_ascii=False) for t in odd)
    True
    """
    if not items:
        return "[]"
    joined = '", "'.join(items)
    if _ESCAPED.search(joined) is None and joined.count('"') == 2 * len(items) - 2:  # quotes: the separators'
        return f'["{joined}"]'
    return _LIST_TEXT(list(items))


def _pick(row: dict[str, Any], names: Sequence[str]) -> list[Any]:
    return [row[name] for name in names]


def _as_stored(value: Any) -> Any:
    return _LIST_TEXT(value) if isinstance(value, list) else value


def _writer(annotation: Any) -> Callable[[Any], Any] | None:
    """What turns a field's value into its stored form (:func:`to_row`'s, lists as JSON
    text); ``None``: as it is; :data:`_WHOLE`: not known here."""
    unwrapped = _not_none(annotation)
    if unwrapped is None:
        return _WHOLE
    annotation, args = unwrapped
    if annotation is str:
        return None
    if annotation is int or annotation is bool:
        return None
    if annotation is float:
        return _finite  # JSON has no infinity: the dump gives None (and the column refuses it)
    if annotation is dt.date:
        return dt.date.isoformat
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _enum_value
    if getattr(annotation, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return _text_list
        if args[0] is float:
            return lambda v: _LIST_TEXT([_finite(x) for x in v])
    return _WHOLE


def _text_items(stored: Any) -> tuple[str, ...]:
    r"""A stored list of strings (JSON text, or a list) as a tuple; the text
    :func:`_text_list` writes without escapes is split, not parsed (the same strings).

    >>> _text_items('["o-1", "组织甲"]'), _text_items("[]"), _text_items('[""]'), _text_items(["a"])
    (('o-1', '组织甲'), (), ('',), ('a',))
    >>> texts = ['["a","b"]', '["say \\"hi\\"", "x"]', '["a\\\\b"]', '["a", "b", "c"]', '[ "a" ]']
    >>> all(_text_items(t) == tuple(json.loads(t)) for t in texts)
    True
    """
    if not isinstance(stored, str):
        return tuple(stored)
    if stored == "[]":
        return ()
    if stored.startswith('["') and stored.endswith('"]') and "\\" not in stored:
        items = stored[2:-2].split('", "')
        if stored.count('"') == 2 * len(items):  # no quote left inside an item: the plain form
            return tuple(items)
    return tuple(json.loads(stored))


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _enum_value(member: enum.Enum) -> Any:
    return member.value


@functools.cache
def _rows_adapter(table: str) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(list[TABLES[table]])  # type: ignore[name-defined]


def _not_none(annotation: Any) -> tuple[Any, list[Any]] | None:
    """``X`` of a field typed ``X`` or ``X | None``, with ``X``'s own type arguments (less
    ``None``); ``None`` for a union of several types (neither the reader nor the writer
    knows one)."""
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    if isinstance(annotation, types.UnionType):
        if len(args) != 1:
            return None
        annotation = args[0]
        args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    return annotation, args


def _converter(annotation: Any) -> Callable[[Any], Any] | None:
    """What turns a stored (JSON-mode) value into the field's value; ``None``: as it is."""
    unwrapped = _not_none(annotation)  # X | None: a stored None never reaches the converter
    if unwrapped is None:
        raise TypeError(f"no stored reader for {annotation!r}")
    annotation, args = unwrapped
    if annotation is str or annotation is int:
        return None
    if annotation is float:
        return float
    if annotation is bool:
        return bool
    if annotation is dt.date:
        return dt.date.fromisoformat
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {member.value: member for member in annotation}.__getitem__
    if getattr(annotation, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if item is str:
            return _text_items
        if item is float:
            return lambda v: tuple(float(x) for x in (json.loads(v) if isinstance(v, str) else v))
        from pydantic import TypeAdapter

        adapter = TypeAdapter(annotation)  # nested models (a project's milestones): few, validated
        return lambda v: adapter.validate_python(json.loads(v) if isinstance(v, str) else v)
    raise TypeError(f"no stored reader for {annotation!r}")


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


# issue 16: a project's milestones and progress notes are lists of small models, not of text
def structured_columns(table: str) -> frozenset[str]:
    """The fields that hold tuples of models (stored as JSON text where a list of maps cannot go)."""
    return _structured_columns(table)


@functools.cache
def _structured_columns(table: str) -> frozenset[str]:
    from pydantic import BaseModel

    model = TABLES[table]
    found = set()
    for name, info in model.model_fields.items():
        args = getattr(info.annotation, "__args__", ())
        if any(isinstance(a, type) and issubclass(a, BaseModel) for a in args):
            found.add(name)
    return frozenset(found)
