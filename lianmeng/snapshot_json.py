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
import json
from typing import Any

from lianmeng.dataset import TABLES, Dataset
from lianmeng.errors import LianmengError, Problem, RecordError
from lianmeng.records import build

__all__ = ["FORMAT", "VERSION", "SnapshotFormatError", "dataset_to_document", "dataset_from_document",
           "dumps", "loads"]

FORMAT = "lianmeng-snapshot"
VERSION = 1


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


def dataset_from_document(document: Any) -> Dataset:
    """Validate a snapshot document into a dataset (raises with every problem found)."""
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
    for name, model in TABLES.items():
        for i, row in enumerate(tables.get(name, [])):
            try:
                records[name].append(build(model, row, index=i))
            except RecordError as exc:
                problems.extend(exc.problems)
    if problems:
        raise RecordError(problems)
    return Dataset(**records).validated()


def dumps(dataset: Dataset, *, revision: int | None = None, created: dt.datetime | None = None) -> str:
    return json.dumps(dataset_to_document(dataset, revision=revision, created=created), ensure_ascii=False, indent=1)


def loads(text: str) -> Dataset:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SnapshotFormatError(f"快照文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}。") from None
    return dataset_from_document(document)
