"""A whole dataset as one JSON document, and back: snapshots, backups, exchange.

The document is ``{"format": "lianmeng-snapshot", "version": 1, "created": …,
"revision": …, "tables": {"committees": [row, …], …}}`` with rows as
:func:`graphdb.codec.to_row` makes them. Reading validates every row and the dataset's
rules, so a snapshot edited by hand cannot bring an invalid record in.

>>> from lianmeng.sample import sample_street
>>> street = sample_street()
>>> loads(dumps(street)).canonical() == street.canonical()
True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from typing import Any

from pydantic import TypeAdapter

from lianmeng.controls import FREE_TEXT_FIELDS, has_controls, shown_controls, strip_controls
from lianmeng.dataset import TABLES, Dataset
from lianmeng.errors import LianmengError, Problem, RecordError
from lianmeng.ledger_records import link_action_day_meetings
from lianmeng.records import build
from lianmeng.texts import FIELD_LABELS, TABLE_LABELS, say

__all__ = ["FORMAT", "VERSION", "SnapshotFormatError", "dataset_to_document", "dataset_from_document",
           "dumps", "dump_bytes", "loads"]

FORMAT = "lianmeng-snapshot"
VERSION = 1
MAX_DIGITS = 30  # ids, counts, revisions: no number of a snapshot has more digits


class SnapshotFormatError(LianmengError):
    """The document is not a Lianmeng snapshot this version can read."""


def dataset_to_document(dataset: Dataset, *, revision: int | None = None,
                        created: dt.datetime | None = None) -> dict[str, Any]:
    created = created or dt.datetime.now(dt.UTC)
    return {
        "format": FORMAT,
        "version": VERSION,
        "created": created.isoformat(timespec="seconds"),
        "revision": revision,
        "tables": {name: [r.model_dump(mode="json") for r in records] for name, records in dataset.tables()},
    }


def dataset_from_document(document: Any, warnings: list[Problem] | None = None) -> Dataset:
    """Validate a snapshot document into a dataset (raises with every problem found).

    Control characters are refused in names, ids and references and stripped from free
    text; each stripped field is added to ``warnings`` when a list is given.
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotFormatError("这不是联盟图谱的快照文件（缺少 format: lianmeng-snapshot）：请选择由“导出快照”生成的 JSON 文件。")
    if document.get("version") != VERSION:
        raise SnapshotFormatError(f"快照版本 {document.get('version')} 无法读取：本程序读取版本 {VERSION}。")
    tables = document.get("tables") or {}
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise SnapshotFormatError(f"快照含有未知的表 {unknown}：请检查文件是否被改动。")
    problems: list[Problem] = []
    records: dict[str, list[Any]] = {name: [] for name in TABLES}
    if not isinstance(tables, dict) or not all(isinstance(rows, list) for rows in tables.values()):
        raise SnapshotFormatError("快照的 tables 不是“表名 → 记录列表”的形式：请选择由“导出快照”生成的 JSON 文件。")
    for name, model in TABLES.items():
        for i, row in enumerate(tables.get(name, [])):
            if isinstance(row, dict):
                row = _clean_row(name, i, row, problems, warnings)
            try:
                records[name].append(build(model, row, index=i))
            except RecordError as exc:
                problems.extend(exc.problems)
    if problems:
        raise RecordError(problems)
    # a snapshot of an earlier version: its 统一行动日 meetings name no day yet
    records["meetings"], made = link_action_day_meetings(records["meetings"], records["action_days"])
    records["action_days"] += made
    return Dataset(**records).validated()


def _clean_row(table: str, index: int, row: dict[str, Any], problems: list[Problem],
               warnings: list[Problem] | None) -> dict[str, Any]:
    """The row with control characters stripped from free text; refusals for the rest."""
    cleaned = dict(row)
    record = str(row.get("name") or row.get("id") or "")
    for field_name, value in row.items():
        free = field_name in FREE_TEXT_FIELDS
        texts = value if isinstance(value, list) else [value]
        bad = [t for t in texts if isinstance(t, str) and has_controls(t, free_text=free)]
        if not bad:
            continue
        shown = "".join(sorted({f"\\x{ord(c):02x}" for t in bad for c in t if has_controls(c, free_text=free)}))
        values = {"table": TABLE_LABELS.get(table, table), "index": index + 1, "record": shown_controls(record),
                  "field": FIELD_LABELS.get(field_name, field_name), "shown": shown}
        # cleaned either way: a refused value is reported once, not again by the record's own checks
        cleaned[field_name] = [strip_controls(t) if isinstance(t, str) else t for t in value] \
            if isinstance(value, list) else strip_controls(value)
        if free:
            if warnings is not None:
                warnings.append(Problem(table, index, field_name, shown_controls(bad[0]),
                                        say("safe_snapshot_stripped", **values), "control_stripped"))
        else:
            problems.append(Problem(table, index, field_name, shown_controls(bad[0]),
                                    say("safe_snapshot_record", **values), "control_character"))
    return cleaned


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise SnapshotFormatError(say("safe_snapshot_long_number", digits=len(text.lstrip("-")), cap=MAX_DIGITS))
    return int(text)


def _constant(text: str) -> Any:
    raise SnapshotFormatError(say("safe_snapshot_constant", value=text))


def dumps(dataset: Dataset, *, revision: int | None = None, created: dt.datetime | None = None) -> str:
    """The document as text, one line per table: each table's rows are written by
    pydantic's compiled serializer in one call (the same values as
    ``model_dump(mode="json")``), so a backup of 600,000 records takes a second or two."""
    return dump_bytes(dataset, revision=revision, created=created).decode("utf-8")


def dump_bytes(dataset: Dataset, *, revision: int | None = None, created: dt.datetime | None = None) -> bytes:
    """:func:`dumps` as UTF-8 bytes, for a file (a city's backup is not decoded and encoded again)."""
    document = dataset_to_document(Dataset(), revision=revision, created=created)
    head = json.dumps({k: v for k, v in document.items() if k != "tables"}, ensure_ascii=False).encode("utf-8")
    lines = [json.dumps(name).encode() + b": " + _table_adapter(name).dump_json(records)
             for name, records in dataset.tables()]
    return head[:-1] + b', "tables": {\n ' + b",\n ".join(lines) + b"\n}}\n"


@functools.cache
def _table_adapter(table: str) -> TypeAdapter:
    return TypeAdapter(tuple[TABLES[table], ...])  # type: ignore[name-defined]


def loads(text: str, warnings: list[Problem] | None = None) -> Dataset:
    """The dataset of a snapshot document; nesting depth and number length are bounded."""
    try:
        document = json.loads(text, parse_int=_int, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise SnapshotFormatError(f"快照文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}。") from None
    except RecursionError:  # the C parser counts its depth: ~1,000 levels, where a snapshot has 4
        raise SnapshotFormatError(say("safe_snapshot_too_deep", cap=sys.getrecursionlimit())) from None
    except ValueError as exc:
        raise SnapshotFormatError(f"快照文件无法读取：{type(exc).__name__}。请选择由“导出快照”生成的 JSON 文件。") from None
    return dataset_from_document(document, warnings)
