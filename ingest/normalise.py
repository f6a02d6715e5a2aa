"""Cell values as people type them → the values records expect.

Pure functions. Each raises :class:`CellError` (a Chinese hint saying what to write)
when a cell cannot be understood. Free text is only trimmed (kept as typed, so an
export re-imports exactly); full-width characters are folded where the value is a key:
names to look up, enumerations, numbers and dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

__all__ = ["CellError", "fold", "text", "items", "join_items", "integer", "number", "date", "choice",
           "EXCEL_EPOCH"]

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's 1900 date system (with its leap-year bug)
LIST_SEPARATORS = re.compile(r"[;；、,，\n]")
_SPACES = re.compile(r"\s+")


class CellError(ValueError):
    """A cell whose value cannot be read; ``str()`` says what to write instead."""


def fold(value: object) -> str:
    """A lookup key: full-width folded (NFKC), spaces collapsed, case folded.

    >>> fold("  铜川社区（一）　党总支 ") == fold("铜川社区(一) 党总支")
    True
    """
    return _fold(text(value))


@lru_cache(maxsize=65_536)  # an import looks the same names up again and again
def _fold(raw: str) -> str:
    folded = unicodedata.normalize("NFKC", raw).casefold()
    return _SPACES.sub(" ", folded).strip()


def text(value: object) -> str:
    """A cell as trimmed text ('' when blank); whole numbers lose their ``.0``."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def items(value: object) -> tuple[str, ...]:
    """A list cell: split on ``;`` ``；`` ``、`` ``,`` ``，``; blanks dropped.

    A cell holding a JSON list of strings (what the exporter writes when an item itself
    contains a separator) is read as that list.

    >>> items("活动场地；志愿者队伍、 法律咨询")
    ('活动场地', '志愿者队伍', '法律咨询')
    >>> items('["a;b", "c"]')
    ('a;b', 'c')
    """
    raw = text(value)
    if raw.startswith("[") and raw.endswith("]"):
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = None
        if isinstance(parsed, list) and all(isinstance(p, str) for p in parsed):
            return tuple(p.strip() for p in parsed if p.strip())
    return tuple(part.strip() for part in LIST_SEPARATORS.split(raw) if part.strip())


def join_items(values: tuple[str, ...]) -> str:
    """The cell an exporter writes for a list, such that :func:`items` reads it back."""
    if not values:
        return ""
    joined = "；".join(values)
    if items(joined) == tuple(values):
        return joined
    return json.dumps(list(values), ensure_ascii=False)


def integer(value: object) -> int | None:
    """A whole number ('' → ``None``); ``35``, ``35.0``, ``"３５"`` are all 35."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("请填写整数。")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("请填写整数。")
    raw = fold(value).replace(",", "")
    if not raw:
        return None
    try:
        parsed = float(raw)
    except ValueError:
        raise CellError("请填写整数。") from None
    if not parsed.is_integer():
        raise CellError("请填写整数。")
    return int(parsed)


def number(value: object) -> float | None:
    """A number ('' → ``None``)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("请填写数字。")
    if isinstance(value, int | float):
        return float(value)
    raw = fold(value).replace(",", "")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise CellError("请填写数字。") from None


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DATE_HINT = "请写成 2024-03-01、2024/3/1、2024.3.1 或 2024年3月1日。"


def date(value: object) -> dt.date | None:
    """A date in any of the forms offices type, or an Excel serial ('' → ``None``).

    >>> [date(v) for v in ("2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日", 45352, "４５３５２")]
    [datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(2024, 3, 1)]
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value)
    raw = fold(value)
    if not raw:
        return None
    raw = raw.split(" ")[0] if re.match(r"^\d{4}-\d{1,2}-\d{1,2} \d", raw) else raw
    match = _DATE.match(raw) or _COMPACT.match(raw)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise CellError("日期不存在：" + DATE_HINT) from None
    if re.fullmatch(r"\d+(\.0+)?", raw):
        return _serial(float(raw))
    raise CellError(DATE_HINT)


def _serial(value: float) -> dt.date:
    # serials 1..60 fall before Excel's fictitious 1900-02-29; offices never use them
    if not 61 <= value < 2_958_466:
        raise CellError("日期数字超出范围：" + DATE_HINT)
    return EXCEL_EPOCH + dt.timedelta(days=int(value))


def choice(value: object, options: Mapping[str, str], hint: str) -> str | None:
    """One of an enumeration, by any of its words (folded); '' → ``None``."""
    key = fold(value)
    if not key:
        return None
    for word, result in options.items():
        if fold(word) == key:
            return result
    raise CellError(hint)
