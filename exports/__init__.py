"""Exports for staff and analysts: pairing lists, agreements, graph files.

Selection is pure (:mod:`exports.pairing_rows`); each writer turns rows or a dataset into
the bytes of one format and does no file I/O, so the command line and the pages share them.
"""

from __future__ import annotations

from lianmeng.errors import LianmengError

__all__ = ["ExportError"]


class ExportError(LianmengError):
    """An export cannot be made as asked (unknown filter value, unusable template…)."""
