"""Pausing the cyclic garbage collector: :mod:`lianmeng.allocation`, where the analyses
can use it too."""

from lianmeng.allocation import without_gc_pauses

__all__ = ["without_gc_pauses"]
