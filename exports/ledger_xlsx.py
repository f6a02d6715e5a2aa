"""The 工作台账 as an Excel workbook (issue 16): the activities shown, and the year's outcomes.

Bytes in memory, no file I/O. Row 1 holds the Chinese headers (frozen); dates are real
Excel dates (``yyyy-mm-dd``); text is always text (a title starting with ``=`` is not a
formula); widths fit Chinese text.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from exports.pairing_xlsx import DATE_FORMAT, display_width

__all__ = ["ledger_workbook"]


def _cell(ws, value: object) -> WriteOnlyCell:
    if isinstance(value, float) and value != value:  # NaN from an empty frame cell
        value = None
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    return cell


def ledger_workbook(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per ``{title: frame}`` (titles as given, at most 31 characters)."""
    book = Workbook(write_only=True)
    for title, frame in sheets.items():
        ws = book.create_sheet(title[:31])
        ws.freeze_panes = "A2"
        headers = [str(c) for c in frame.columns]
        widths = [display_width(h) for h in headers]
        rows = frame.astype(object).values.tolist()
        for row in rows:
            for i, value in enumerate(row):
                widths[i] = max(widths[i], min(60, display_width(str(value)) if value is not None else 0))
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width + 2
        header = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        for row in rows:
            ws.append([_cell(ws, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
