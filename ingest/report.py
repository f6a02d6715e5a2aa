"""A plan as people read it: tables of errors, warnings and changes, and an error workbook."""

from __future__ import annotations

import io

from openpyxl import Workbook

from ingest.plan import ImportPlan
from ingest.validate import SheetProblem
from lianmeng.texts import TABLE_LABELS, say

__all__ = ["problem_table", "change_table", "errors_workbook"]

_PROBLEM_COLUMNS = ("sheet", "row", "column", "value", "message")


def problem_table(problems: list[SheetProblem]) -> list[dict[str, object]]:
    """Rows with Chinese column names (工作表, 行, 列, 值, 说明)."""
    return [{say(f"col_{key}"): value if value is not None else "" for key, value in p.as_dict().items()}
            for p in problems]


def change_table(plan: ImportPlan) -> list[dict[str, object]]:
    """One row per record table with the counts of new, changed, unchanged, removed."""
    if plan.preview is None:
        return []
    return [{say("col_sheet"): TABLE_LABELS[table], **{say(f"col_{k}"): n for k, n in counts.items()}}
            for table, counts in plan.preview.as_dict().items()]


def errors_workbook(problems: list[SheetProblem]) -> bytes:
    """The errors as an .xlsx, for the office to work through."""
    book = Workbook()
    ws = book.active
    ws.title = "错误"
    ws.append([say(f"col_{key}") for key in _PROBLEM_COLUMNS])
    for p in problems:
        ws.append([str(v) if v is not None else "" for v in p.as_dict().values()])
        for cell in ws[ws.max_row]:
            cell.data_type = "s"
    for letter, width in zip("ABCDE", (12, 6, 14, 24, 80), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
