"""Pairing lists as an Excel workbook (openpyxl): bytes in memory, no file I/O.

One sheet per :class:`~exports.pairing_rows.Sheet` that has rows (全部结对 always);
printed A4 landscape one page wide with the header row repeated
(:func:`~exports.sheet_print.print_setup`); Chinese headers in row 1, frozen;
dates are real Excel dates shown as ``yyyy-mm-dd``; column widths fit Chinese text
(a CJK character counts as two columns).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from exports.pairing_rows import EVERYTHING, PairingFilter, PairingRow, rows, workbook_sheets
from exports.sheet_print import print_setup
from lianmeng.dataset import Dataset
from lianmeng.texts import PAIRING_HEADERS

__all__ = ["DATE_FORMAT", "display_width", "sheet_title", "workbook_bytes", "pairing_workbook"]

DATE_FORMAT = "yyyy-mm-dd"
_MAX_WIDTH = 60  # wider than this, the content column wraps instead
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_DATE_COLUMNS = {"since", "until"}


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: wide (CJK) characters count as two.

    >>> display_width("甲方abc")
    7
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unused sheet title: no ``[]:*?/\\``, at most 31 characters, not blank,
    not already in ``taken`` (compared case-insensitively, as Excel does).

    >>> sheet_title("a/b:c", set())
    'a_b_c'
    >>> sheet_title("商区", {"商区"})
    '商区 (2)'
    """
    base = _TITLE_FORBIDDEN.sub("_", ILLEGAL_CHARACTERS_RE.sub("", title)).strip().strip("'") or "Sheet"
    candidate, n = base[:31], 1
    lowered = {t.lower() for t in taken}
    while candidate.lower() in lowered:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def _cell_text(value: str) -> str:
    # control characters are not allowed in the file format; people do not type them on purpose
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _widths(table: Sequence[PairingRow]) -> list[int]:
    keys = list(PAIRING_HEADERS)
    widths = [display_width(h) for h in PAIRING_HEADERS.values()]
    for row in table:
        for c, (key, value) in enumerate(zip(keys, row.values(), strict=True)):
            shown = 10 if key in _DATE_COLUMNS else display_width(str(value))
            if shown > widths[c]:
                widths[c] = shown
    return widths


def _write_sheet(book: Workbook, title: str, table: Sequence[PairingRow]) -> None:
    # write-only mode streams rows, so a city-sized list does not hold every cell object;
    # widths, frozen panes and the filter must therefore be set before the first row
    sheet = book.create_sheet(title)
    keys = list(PAIRING_HEADERS)
    widths = _widths(table)
    wrap = [w > _MAX_WIDTH for w in widths]
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(width, _MAX_WIDTH) + 2
    sheet.freeze_panes = "A2"
    print_setup(sheet)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{max(1, len(table) + 1)}"
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    header = []
    for text in PAIRING_HEADERS.values():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table:
        cells: list[object] = []
        for c, (key, value) in enumerate(zip(keys, row.values(), strict=True)):
            if key in _DATE_COLUMNS:
                cell = WriteOnlyCell(sheet, value=value)
                if value is not None:
                    cell.number_format = DATE_FORMAT
            else:
                text = _cell_text(str(value))
                if not (wrap[c] or text.startswith("=")):
                    cells.append(text)  # a plain value is much cheaper than a styled cell
                    continue
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"  # text that starts with "=" is still text, never a formula
                if wrap[c]:
                    cell.alignment = wrapped
            cells.append(cell)
        sheet.append(cells)


def workbook_bytes(dataset: Dataset, chosen: PairingFilter = EVERYTHING) -> bytes:
    """The pairing workbook (see :func:`~exports.pairing_rows.workbook_sheets`) as .xlsx bytes."""
    return _save(pairing_workbook(dataset, chosen))


def pairing_workbook(dataset: Dataset, chosen: PairingFilter = EVERYTHING) -> Workbook:
    """The workbook; a sheet with no rows is left out (the first, 全部结对, always stays,
    so the file is never without a sheet)."""
    book = Workbook(write_only=True)
    taken: set[str] = set()
    sheets = workbook_sheets(dataset, chosen)
    # a sheet with no rows is left out, but 全部结对 always stays: it shows what was selected
    for sheet in (s for n, s in enumerate(sheets) if n == 0 or s.pairings):
        _write_sheet(book, sheet_title(sheet.title, taken), rows(dataset, sheet.pairings))
    return book


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
