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

from lianmeng.texts import say

__all__ = ["CellError", "fold", "text", "items", "join_items", "integer", "number", "date", "choice",
           "quarter", "flag", "EXCEL_EPOCH"]

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
    return tuple([part for part in map(str.strip, LIST_SEPARATORS.split(raw)) if part])


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


_QUARTER = re.compile(r"^(\d{4})\s*(?:年\s*第?\s*([1-4一二三四])\s*季(?:度)?|[-/]?\s*q\s*([1-4]))$")
_CHINESE_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def quarter(value: object) -> str | None:
    """A quarter as records store it (``2026Q1``), from the forms offices type ('' → ``None``).

    >>> [quarter(v) for v in ("2026Q1", "2026q2", "2026-Q3", "2026 Q4", "2026年第1季度", "2026年二季度", "２０２６Ｑ１")]
    ['2026Q1', '2026Q2', '2026Q3', '2026Q4', '2026Q1', '2026Q2', '2026Q1']
    """
    raw = fold(value)
    if not raw:
        return None
    match = _QUARTER.match(raw)
    if not match:
        raise CellError(say("import_quarter_hint"))
    year, chinese, latin = match.groups()
    number = latin or chinese
    return f"{year}Q{_CHINESE_DIGITS.get(number, number)}"


_FLAG_WORDS = {"是": True, "否": False, "true": True, "false": False, "1": True, "0": False, "yes": True,
               "no": False, "y": True, "n": False, "锁定": True, "不锁定": False, "√": True, "×": False}


def flag(value: object) -> bool | None:
    """A yes/no cell: 是/否, true/false, 1/0 (also Excel's TRUE/FALSE) ('' → ``None``).

    >>> [flag(v) for v in ("是", "否", "TRUE", True, 0, 1.0, "")]
    [True, False, True, True, False, True, None]
    """
    if isinstance(value, bool):
        return value
    key = fold(value)
    if not key:
        return None
    if key not in _FLAG_WORDS:
        raise CellError(say("import_pinned_hint"))
    return _FLAG_WORDS[key]
