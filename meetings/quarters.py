"""Quarters as ``2026Q1`` strings: parse, step, span, first and last day.

Quarter strings of four-digit years sort in time order, which the rotation relies on.
"""

from __future__ import annotations

import datetime as dt
import re

from lianmeng.errors import LianmengError
from lianmeng.texts import say

__all__ = ["QuarterError", "parse_quarter", "quarter_of", "shift", "span", "year_quarters",
           "first_day", "last_day"]

_PATTERN = re.compile(r"^(\d{4})Q([1-4])$")


class QuarterError(LianmengError):
    """A quarter string is not of the form ``2026Q1``."""


def parse_quarter(text: str) -> tuple[int, int]:
    """``"2026Q3"`` → ``(2026, 3)``.

    >>> parse_quarter("2026Q3")
    (2026, 3)
    """
    match = _PATTERN.match(str(text).strip().upper())
    if not match:
        raise QuarterError(say("bad_quarter", value=text))
    return int(match.group(1)), int(match.group(2))


def _name(year: int, q: int) -> str:
    return f"{year:04d}Q{q}"


def quarter_of(day: dt.date) -> str:
    """The quarter a day falls in.

    >>> quarter_of(dt.date(2026, 8, 1))
    '2026Q3'
    """
    return _name(day.year, (day.month - 1) // 3 + 1)


def shift(quarter: str, steps: int) -> str:
    """The quarter ``steps`` after (or before, if negative) ``quarter``.

    >>> shift("2026Q4", 1), shift("2026Q1", -1)
    ('2027Q1', '2025Q4')
    """
    year, q = parse_quarter(quarter)
    index = year * 4 + (q - 1) + steps
    return _name(index // 4, index % 4 + 1)


def span(first: str, last: str) -> list[str]:
    """Every quarter from ``first`` to ``last``, both included.

    >>> span("2026Q3", "2027Q2")
    ['2026Q3', '2026Q4', '2027Q1', '2027Q2']
    """
    y1, q1 = parse_quarter(first)
    y2, q2 = parse_quarter(last)
    start, end = y1 * 4 + q1 - 1, y2 * 4 + q2 - 1
    return [_name(i // 4, i % 4 + 1) for i in range(start, end + 1)]


def year_quarters(year: int) -> list[str]:
    return [_name(year, q) for q in (1, 2, 3, 4)]


def first_day(quarter: str) -> dt.date:
    year, q = parse_quarter(quarter)
    return dt.date(year, 3 * q - 2, 1)


def last_day(quarter: str) -> dt.date:
    year, q = parse_quarter(quarter)
    return dt.date(year, 3 * q, 31 if q in (1, 4) else 30)
