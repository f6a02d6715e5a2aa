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


ROOT = Path(__file__).resolve().parent.parent


def _placeholders(message: str) -> set[str]:
    """The names a message needs: ``{name}``, ``{name:>3}``, ``{name[0]}`` → ``name``."""
    return {field.split(".")[0].split("[")[0]
            for _, field, _, _ in string.Formatter().parse(message) if field}


def _say_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say"
                and node.args and isinstance(node.args[0], ast.Constant)):
            yield node


def test_every_say_call_passes_exactly_its_messages_placeholders():
    """``say("key", a=…, b=…)`` must give the message's placeholders, no more and no fewer:
    a missing one is a KeyError in front of a user, an extra one a word that never shows."""
    wrong, calls = [], 0
    sources = [p for folder in ("lianmeng", "graphdb", "ingest", "analysis", "meetings", "exports",
                                "views", "pages") for p in (ROOT / folder).rglob("*.py")] + [ROOT / "app.py"]
    for path in sources:
        for call in _say_calls(ast.parse(path.read_text(encoding="utf-8"))):
            key = call.args[0].value
            if any(k.arg is None for k in call.keywords):  # say(key, **values): checked at run time
                continue
            calls += 1
            given = {k.arg for k in call.keywords}
            if key not in texts.MESSAGES:
                wrong.append(f"{path.name}:{call.lineno} {key}: no such message")
            elif given != _placeholders(texts.MESSAGES[key]):
                wrong.append(f"{path.name}:{call.lineno} {key}: gives {sorted(given)}, "
                             f"needs {sorted(_placeholders(texts.MESSAGES[key]))}")
    assert calls > 300
    assert wrong == []


def test_the_placeholder_check_catches_a_missing_and_an_extra_value():
    tree = ast.parse('say("self_pair")\nsay("self_pair", party="x", extra=1)\nsay("self_pair", party="x")')
    found = [(c.args[0].value, {k.arg for k in c.keywords}) for c in _say_calls(tree)]
    need = _placeholders(texts.MESSAGES["self_pair"])
    assert [given == need for _, given in found] == [False, False, True]
