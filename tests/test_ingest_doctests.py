"""The examples in the import modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["ingest.normalise", "ingest.headers", "ingest.preview"])
def test_docstring_examples(module: str):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
