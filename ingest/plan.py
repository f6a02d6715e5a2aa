"""A checked import, before anything is written: errors, warnings and the preview.

Pure: sheets (or a snapshot's text) and the store's current dataset in, an
:class:`ImportPlan` out. Reading files is :mod:`ingest.readers`; taking the store's
state and writing the plan is :mod:`lianmeng.ops.imports`.

>>> from lianmeng.sample import sample_street
>>> sheet = RawSheet("组织", "组织.csv", ["名称", "范围", "所属联盟"], [(2, ["新华书店党支部", "体系内", "商区"])])
>>> plan = check_sheets(sample_street(), 7, [sheet])
>>> plan.ok, plan.revision, plan.preview.as_dict()["organisations"]["new"]
(True, 7, 1)
>>> wrong = RawSheet("组织", "组织.csv", ["名称", "范围", "所属联盟"], [(2, ["新华书店党支部", "体系内", "火星"])])
>>> [(e.sheet, e.row, e.column, e.value) for e in check_sheets(sample_street(), 7, [wrong]).errors]
[('组织', 2, '所属联盟', '火星')]
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.preview import Preview, preview, preview_checked
from ingest.readers import RawSheet
from ingest.validate import Progress, SheetProblem, Validation, validate
from lianmeng.dataset import TABLES, Dataset
from lianmeng.errors import DatasetError, Problem, RecordError
from lianmeng.snapshot_json import loads
from lianmeng.texts import FIELD_LABELS, TABLE_LABELS, say

__all__ = ["ImportPlan", "check_sheets", "check_snapshot"]


@dataclass(frozen=True)
class ImportPlan:
    """A checked import: errors and warnings, and (when valid) the target and preview."""

    validation: Validation
    preview: Preview | None
    revision: int  # the store's revision the plan was made against
    replace: bool

    @property
    def ok(self) -> bool:
        return self.validation.ok

    @property
    def errors(self) -> list[SheetProblem]:
        return self.validation.errors

    @property
    def warnings(self) -> list[SheetProblem]:
        return self.validation.warnings

    def report(self) -> dict[str, object]:
        """What ``lianmeng import --json`` prints."""
        return {"ok": self.ok, "errors": [e.as_dict() for e in self.errors],
                "warnings": [w.as_dict() for w in self.warnings],
                "changes": self.preview.as_dict() if self.preview else {}}


def _noop(fraction: float, message: str) -> None:
    pass


def check_sheets(current: Dataset, revision: int, sheets: list[RawSheet], *, replace: bool = False,
                 progress: Progress | None = None) -> ImportPlan:
    """Validate ``sheets`` against ``current`` (the store at ``revision``) and preview the change."""
    progress = progress or _noop
    validation = _with_mechanisms(sheets, current, replace, progress)
    changes = None
    if validation.dataset is not None:
        progress(0.95, say("import_progress_preview"))
        checked = validation.checked if not replace and validation.checked is not None \
            and validation.checked.base is current else None
        changes = preview_checked(checked, validation.file_ids) if checked is not None else None
        if changes is None:
            changes = preview(current, validation.dataset, validation.file_ids, replace=replace)
    progress(1.0, "")
    return ImportPlan(validation, changes, revision, replace)


def _with_mechanisms(sheets: list[RawSheet], current: Dataset, replace: bool, progress: Progress) -> Validation:
    """The record sheets through :func:`validate`, then the 供需 / 诉求 / 先锋指数 sheets of
    issue 17 (:mod:`ingest.mechanisms`) against the result; errors of both are reported."""
    from ingest import mechanisms

    mine = [s for s in sheets if mechanisms.table_of(s.name)]
    if not mine:
        return validate(sheets, current, replace=replace, progress=progress)
    others = [s for s in sheets if not mechanisms.table_of(s.name)]
    validation = validate(others, current, replace=replace, progress=progress) if others else \
        Validation(Dataset() if replace else current, [], [], {})
    result = mechanisms.parse(mine, validation.dataset if validation.dataset is not None else current)
    errors = validation.errors + result.errors
    file_ids = dict(validation.file_ids)
    for record in result.records:
        file_ids.setdefault(record.table, set()).add(record.id)
    dataset = validation.dataset.with_changes(result.changes()) if not errors and validation.dataset else None
    return Validation(dataset, errors, validation.warnings, file_ids)


def check_snapshot(current: Dataset, revision: int, text: str) -> ImportPlan:
    """A JSON snapshot (see :mod:`lianmeng.snapshot_json`) as a plan that replaces everything.

    Raises :class:`~lianmeng.snapshot_json.SnapshotFormatError` when the document is not
    a snapshot; invalid records become the plan's errors (row = position in its table, from 1).
    """
    stripped: list[Problem] = []  # control characters removed from free text: warnings
    try:
        dataset: Dataset | None = loads(text, stripped)
        errors: list[SheetProblem] = []
    except (RecordError, DatasetError) as exc:
        dataset = None
        errors = [_sheet_problem(p) for p in exc.problems]
    file_ids = {name: {r.id for r in dataset.table(name)} for name in TABLES} if dataset else {}
    validation = Validation(dataset, errors, [_sheet_problem(p) for p in stripped], file_ids)
    changes = preview(current, dataset, file_ids, replace=True) if dataset is not None else None
    return ImportPlan(validation, changes, revision, True)


def _sheet_problem(p: Problem) -> SheetProblem:
    """A record's problem located as the import page and ``--json`` show it (row = position, from 1)."""
    return SheetProblem(TABLE_LABELS.get(p.table, p.table), None if p.index is None else p.index + 1,
                        FIELD_LABELS.get(p.field, p.field), p.value, p.message, p.code)
