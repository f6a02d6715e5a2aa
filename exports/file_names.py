"""Download names that say what the file holds: ``结对清单-商区-进行中-2026-11-30.xlsx``.

Pure: the parts a filter chose (already Chinese labels; "all" parts left out) and the
day, joined by ``-``; characters no file system takes are replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

__all__ = ["file_name"]

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_name(what: str, parts: Iterable[str | None], day: dt.date, extension: str) -> str:
    """``what``, each non-blank part and ``day``, joined by ``-``, with ``extension``.

    >>> file_name("结对清单", ["商区", None, "进行中"], dt.date(2026, 11, 30), "xlsx")
    '结对清单-商区-进行中-2026-11-30.xlsx'
    >>> file_name("结对清单", ["大联动·区域外", "a/b"], dt.date(2026, 1, 2), ".csv")
    '结对清单-大联动·区域外-a_b-2026-01-02.csv'
    """
    names = [_UNSAFE.sub("_", what.strip())]
    names += [_UNSAFE.sub("_", p.strip()) for p in parts if p and p.strip()]
    names.append(day.isoformat())
    return "-".join(names) + "." + extension.lstrip(".")
