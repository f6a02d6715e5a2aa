"""Tables people can read: rates as percentages, long text columns wide, empty tables in Chinese.

:func:`show` is ``st.dataframe`` with the house rules: every column whose name is a rate
(ends in 率, or is listed in ``rates``) holds a share 0–1 and is shown as a whole
percentage (83%) in a column as wide as its header; the columns people read in full
(理由, 说明, 共建内容 …) are wide; an empty table says so in Chinese instead of Streamlit's "empty".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from lianmeng.texts import say

__all__ = ["WIDE_COLUMNS", "readable", "show"]

#: columns whose text is read in full: given the most room
WIDE_COLUMNS = frozenset({"理由", "说明", "共建内容", "议题", "决定", "备注", "原因", "明细", "提示", "错误"})


def _is_rate(column: object, rates: Iterable[str]) -> bool:
    return isinstance(column, str) and (column.endswith("率") or column in set(rates))


def readable(frame: pd.DataFrame, rates: Iterable[str] = ()) -> tuple[pd.DataFrame, dict[str, Any]]:
    """``frame`` with its rate columns as percentages (0.8333 → 83.33, shown ``83%``) and
    the column configuration that shows them so and keeps the key columns wide."""
    rates = tuple(rates)
    shown = frame.copy()
    config: dict[str, Any] = {}
    for column in shown.columns:
        if _is_rate(column, rates) and pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column] * 100
            config[column] = st.column_config.NumberColumn(column, format="%.0f%%")
        elif column in WIDE_COLUMNS:
            config[column] = st.column_config.TextColumn(column, width="large")
    return shown, config


def show(frame: pd.DataFrame | dict, *, rates: Iterable[str] = (), **kwargs: Any) -> None:
    """``st.dataframe`` by the house rules (see the module); ``kwargs`` pass through."""
    if isinstance(frame, dict):
        frame = pd.DataFrame(frame)
    if frame.empty:
        st.caption(say("empty_table"))
        return
    shown, config = readable(frame, rates)
    config.update(kwargs.pop("column_config", None) or {})
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    st.dataframe(shown, column_config=config, **kwargs)
