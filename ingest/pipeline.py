"""The import, end to end: read → validate → preview → (confirm) → apply.

The command line and the import page both call :func:`plan_files` (or
:func:`plan_uploads`, :func:`plan_snapshot`) and then :func:`apply_plan`. A plan holds
every error, every warning and the preview; applying it is refused if it has errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graphdb.store import GraphStore
from ingest.load import Applied, apply_import
from ingest.preview import Preview, preview
from ingest.readers import RawSheet, UnreadableInput, read_bytes, read_paths
from ingest.validate import Progress, SheetProblem, Validation, validate
from lianmeng.backups import BackupShelf
from lianmeng.dataset import TABLES, Dataset
from lianmeng.errors import DatasetError, LianmengError, Problem, RecordError
from lianmeng.settings import Settings
from lianmeng.snapshot_json import loads
from lianmeng.texts import FIELD_LABELS, TABLE_LABELS, say

__all__ = ["ImportPlan", "plan_sheets", "plan_files", "plan_uploads", "plan_snapshot", "apply_plan",
           "UnreadableInput"]


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


def plan_sheets(store: GraphStore, sheets: list[RawSheet], *, replace: bool = False,
                progress: Progress | None = None) -> ImportPlan:
    progress = progress or _noop
    revision = store.revision()
    current = store.snapshot()
    validation = validate(sheets, current, replace=replace, progress=progress)
    changes = None
    if validation.dataset is not None:
        progress(0.95, say("import_progress_preview"))
        changes = preview(current, validation.dataset, validation.file_ids, replace=replace)
    progress(1.0, "")
    return ImportPlan(validation, changes, revision, replace)


def plan_files(store: GraphStore, paths: Iterable[str | Path], *, replace: bool = False, encoding: str | None = None,
               progress: Progress | None = None) -> ImportPlan:
    """Read and check files, folders and zips; raises :class:`UnreadableInput`."""
    (progress or _noop)(0.0, say("import_progress_read"))
    return plan_sheets(store, read_paths(paths, encoding=encoding), replace=replace, progress=progress)


def plan_uploads(store: GraphStore, files: Iterable[tuple[str, bytes]], *, replace: bool = False,
                 encoding: str | None = None, progress: Progress | None = None) -> ImportPlan:
    """Like :func:`plan_files` for ``(file name, content)`` pairs (the import page's uploads)."""
    (progress or _noop)(0.0, say("import_progress_read"))
    sheets: list[RawSheet] = []
    for name, content in files:
        sheets += read_bytes(name, content, encoding=encoding)
    return plan_sheets(store, sheets, replace=replace, progress=progress)


def plan_snapshot(store: GraphStore, text: str) -> ImportPlan:
    """A JSON snapshot (see :mod:`lianmeng.snapshot_json`) as a plan that replaces everything.

    Raises :class:`~lianmeng.snapshot_json.SnapshotFormatError` when the document is not
    a snapshot; invalid records become the plan's errors (row = position in its table, from 1).
    """
    revision = store.revision()
    current = store.snapshot()
    stripped: list[Problem] = []
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
    return SheetProblem(TABLE_LABELS.get(p.table, p.table), None if p.index is None else p.index + 1,
                        FIELD_LABELS.get(p.field, p.field), p.value, p.message, p.code)


def apply_plan(store: GraphStore, plan: ImportPlan, settings: Settings,
               progress: Progress | None = None) -> Applied:
    """Write a valid plan (backup first, one transaction)."""
    if not plan.ok or plan.validation.dataset is None or plan.preview is None:
        raise LianmengError(say("import_invalid", count=len(plan.errors)))
    (progress or _noop)(0.0, say("import_progress_apply"))
    shelf = BackupShelf(settings.backup_dir, keep=settings.backup_keep)
    applied = apply_import(store, plan.validation.dataset, plan.preview, expected_revision=plan.revision,
                           replace=plan.replace, shelf=shelf)
    (progress or _noop)(1.0, "")
    return applied
