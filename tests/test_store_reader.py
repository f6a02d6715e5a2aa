"""The embedded store reads its rows without validating them again (graphdb.codec.stored_reader):
the records must be exactly those that validating the same rows gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies import datasets

from graphdb.codec import from_row, list_columns, stored_reader, to_row, to_rows
from graphdb.sqlite_store import SqliteStore
from lianmeng.dataset import TABLES, Dataset
from lianmeng.records import CalendarDay, RotationExclusion, RotationSlot


def _every_table(sample: Dataset) -> Dataset:
    """The sample street plus a record of each table it leaves empty."""
    alliance, org = sample.alliances[0].id, sample.organisations[0].id
    tables = dict(sample.tables())
    tables["rotations"] = (RotationSlot(alliance=alliance, quarter="2026Q1", chair=org, pinned=True),)
    tables["rotation_exclusions"] = (RotationExclusion(id="X1", alliance=alliance, organisation=org,
                                                       reason="休整", since="2026Q1"),)
    tables["calendar_days"] = (CalendarDay(id="C1", date=dt.date(2026, 10, 8), workday=False),)
    return Dataset(**tables)


def _stored(table: str, record) -> tuple[list[str], list[object]]:
    row = to_row(record)
    lists = list_columns(table)
    names = list(row)
    return names, [json.dumps(v, ensure_ascii=False) if k in lists and v is not None else v for k, v in row.items()]


@pytest.mark.parametrize("table", list(TABLES))
def test_a_stored_row_reads_back_as_validating_it_would(sample: Dataset, table: str):
    records = _every_table(sample).table(table)
    assert records, table
    for record in records:
        names, values = _stored(table, record)
        read = stored_reader(table, names)(values)
        validated = from_row(table, to_row(record))
        assert read == validated == record
        assert read.model_dump(mode="json") == validated.model_dump(mode="json")
        assert read.model_fields_set == validated.model_fields_set
        for name in TABLES[table].model_fields:  # the same types too (1 is not 1.0 in a JSON export)
            assert type(getattr(read, name)) is type(getattr(validated, name)), (table, name)


@pytest.mark.parametrize("table", list(TABLES))
def test_rows_of_a_whole_table_are_each_records_row(sample: Dataset, table: str):
    records = _every_table(sample).table(table)
    assert to_rows(table, list(records)) == [to_row(r) for r in records]


def test_a_blank_column_gives_the_fields_default(sample: Dataset):
    activity = sample.activities[0]
    names, values = _stored("activities", activity)
    values[names.index("note")] = None
    names.append("not_a_field")  # a column the model lacks is ignored
    values.append("x")
    read = stored_reader("activities", names)(values)
    assert read.note == "" and read == activity.model_copy(update={"note": ""})


def test_the_embedded_store_gives_back_every_table(sample: Dataset, tmp_path: Path):
    dataset = _every_table(sample)
    store = SqliteStore(tmp_path / "s.sqlite3")
    store.replace_all(dataset)
    again = SqliteStore(tmp_path / "s.sqlite3").snapshot()
    assert again == dataset
    for name, records in dataset.tables():
        assert [r.model_dump(mode="json") for r in again.table(name)] == [r.model_dump(mode="json") for r in records]


@pytest.mark.parametrize("table", list(TABLES))
def test_a_record_is_written_as_its_row(sample: Dataset, table: str):
    """graphdb.codec.stored_writer gives, column by column, what to_row gives with lists as
    JSON text — for records as validated and as read back without validation."""
    from graphdb.codec import stored_writer

    records = _every_table(sample).table(table)
    for record in records:
        names, values = _stored(table, record)
        assert list(stored_writer(table, names)(record)) == values
        read = stored_reader(table, names)(values)
        assert list(stored_writer(table, names)(read)) == values
        some = names[::2]  # any subset, in any order
        assert list(stored_writer(table, some[::-1])(record)) == [values[names.index(n)] for n in some[::-1]]


@settings(max_examples=40, deadline=None)
@given(dataset=datasets())
def test_generated_records_are_written_as_their_rows(dataset: Dataset):
    from graphdb.codec import stored_writer

    for table, records in dataset.tables():
        for record in records:
            names, values = _stored(table, record)
            assert list(stored_writer(table, names)(record)) == values, table


@settings(max_examples=40, deadline=None)
@given(dataset=datasets())
def test_generated_records_read_back_from_their_rows(dataset: Dataset):
    """Generated text (quotes, backslashes, separators, control characters inside lists)
    reads back as the record validation gives: the same values, types and fields set —
    whether the lists are stored as the writer's text or as compact JSON."""
    for table, records in dataset.tables():
        for record in records:
            names, values = _stored(table, record)
            validated = from_row(table, to_row(record))
            compact = [json.dumps(json.loads(v), ensure_ascii=False, separators=(",", ":"))
                       if k in list_columns(table) and isinstance(v, str) else v for k, v in zip(names, values, strict=True)]
            for stored in (values, compact):
                read = stored_reader(table, names)(stored)
                assert read == validated == record, table
                assert read.model_fields_set == validated.model_fields_set, table
                assert {k: type(v) for k, v in read.__dict__.items()} == \
                    {k: type(v) for k, v in validated.__dict__.items()}, table


def test_plain_lists_are_written_without_the_json_encoder(monkeypatch: pytest.MonkeyPatch):
    """The writer's short way for a tuple of plain strings is taken (the encoder only for
    text that needs escapes) and gives the encoder's text."""
    from graphdb import codec

    encoded: list[list[str]] = []
    real = codec._LIST_TEXT
    monkeypatch.setattr(codec, "_LIST_TEXT", lambda items: encoded.append(items) or real(items))
    plain = [("o-001363", "o-006787"), ("组织甲", "组织乙", "丙 丁"), ("a",), (), ("",)]
    odd = [('say "hi"',), ("a\\b", "c"), ("x", '", "'), ("\x1f",)]
    for items in plain + odd:
        assert codec._text_list(items) == json.dumps(list(items), ensure_ascii=False)
    assert encoded == [list(items) for items in odd]


def test_plain_list_text_is_read_without_the_json_parser(monkeypatch: pytest.MonkeyPatch):
    import types

    from graphdb import codec

    parsed: list[str] = []
    monkeypatch.setattr(codec, "json", types.SimpleNamespace(loads=lambda text: parsed.append(text) or json.loads(text)))
    plain = ['["o-001363", "o-006787"]', '["组织甲"]', "[]", '[""]', '[" a ", "b"]']
    odd = ['["a","b"]', '["say \\"hi\\""]', '["a\\\\b"]', '[ "a" ]']
    for text in plain + odd:
        assert codec._text_items(text) == tuple(json.loads(text))
    assert parsed == odd
