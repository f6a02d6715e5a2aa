"""The yearly report's charts as PNG images (matplotlib, Agg: no display, no network).

Chinese labels need a CJK font: the first of :data:`CJK_FONTS` installed is used (Windows
offices have 微软雅黑/黑体, Linux servers Noto Sans CJK or WenQuanYi).
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # before pyplot: draw to memory only

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

__all__ = ["CJK_FONTS", "grouped_bars", "line_chart"]

CJK_FONTS = ("Noto Sans CJK SC", "Microsoft YaHei", "SimHei", "WenQuanYi Zen Hei", "Source Han Sans SC",
             "PingFang SC", "Noto Sans CJK JP")
_RED, _GREY = "#b22222", "#9e9e9e"


def _font() -> list[str]:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in installed] + ["DejaVu Sans"]


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def grouped_bars(labels: list[str], current: list[float], previous: list[float], *, title: str,
                 current_label: str, previous_label: str, unit: str = "") -> bytes:
    """Bars per label: this year (red) beside last year (grey)."""
    with plt.rc_context({"font.family": _font(), "axes.unicode_minus": False}):
        figure, axes = plt.subplots(figsize=(7.5, 3.4))
        positions = range(len(labels))
        width = 0.38
        axes.bar([p - width / 2 for p in positions], previous, width, color=_GREY, label=previous_label)
        bars = axes.bar([p + width / 2 for p in positions], current, width, color=_RED, label=current_label)
        axes.bar_label(bars, fmt="{:,.0f}", fontsize=8)
        axes.set_xticks(list(positions), labels, fontsize=9)
        axes.set_title(title, fontsize=12)
        if unit:
            axes.set_ylabel(unit)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(frameon=False)
        return _png(figure)


def line_chart(labels: list[str], values: list[float], *, title: str, unit: str = "") -> bytes:
    """One line over ``labels`` (months)."""
    with plt.rc_context({"font.family": _font(), "axes.unicode_minus": False}):
        figure, axes = plt.subplots(figsize=(7.5, 3.0))
        axes.plot(labels, values, color=_RED, marker="o")
        axes.set_title(title, fontsize=12)
        if unit:
            axes.set_ylabel(unit)
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(axis="x", labelsize=8)
        return _png(figure)
