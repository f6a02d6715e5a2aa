"""Every text a person reads comes from lianmeng/texts.py, with no key defined twice."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from lianmeng import texts

SOURCE = Path(texts.__file__).read_text(encoding="utf-8")


def test_no_dict_defines_a_key_twice():
    for node in ast.walk(ast.parse(SOURCE)):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_every_message_is_a_valid_format_string():
    for key, message in texts.MESSAGES.items():
        list(string.Formatter().parse(message))  # raises on a broken placeholder
        assert message.strip(), key
