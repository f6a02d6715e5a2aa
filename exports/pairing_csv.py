"""Pairing lists as CSV in UTF-8 with a byte-order mark, so Excel opens Chinese correctly.

One row per selected pairing (the workbook's 全部结对 sheet), dates as ``2026-03-01``.
Text that Excel would run as a formula (starting with ``= + - @``) gets a leading
apostrophe, the usual guard against CSV injection; Excel hides the apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from exports.pairing_rows import EVERYTHING, PairingFilter, rows, select
from exports.xml_text import without_controls
from lianmeng.dataset import Dataset
from lianmeng.texts import PAIRING_HEADERS

__all__ = ["ENCODING", "csv_bytes", "csv_cell"]

ENCODING = "utf-8-sig"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """One CSV field: dates in ISO form, no date as blank, formula-like text guarded.

    >>> csv_cell("=1+1"), csv_cell(dt.date(2026, 3, 1)), csv_cell(None)
    ("'=1+1", '2026-03-01', '')
    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = without_controls(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(dataset: Dataset, chosen: PairingFilter = EVERYTHING) -> bytes:
    """The selected pairings as CSV bytes (``utf-8-sig``, CRLF line ends, header first)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(PAIRING_HEADERS.values())
    for row in rows(dataset, select(dataset, chosen)):
        writer.writerow([csv_cell(v) for v in row.values()])
    return buffer.getvalue().encode(ENCODING)
