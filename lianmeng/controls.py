"""Control characters: which fields may hold none, how free text is cleaned, how a
terminal is kept safe.

C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F) characters come into spreadsheets by
copy and paste; they break every XML-based writer (Excel, Word) and, printed raw, a
terminal (an ESC sequence can recolour or rewrite the screen). Names, ids, references
and enumerations may hold none of them; free text keeps tab and newline and loses the
rest. Pure functions, no imports from the rest of the program.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

__all__ = ["FREE_TEXT_FIELDS", "CONTROLS", "has_controls", "strip_controls", "shown_controls", "terminal_safe",
           "TerminalText", "safe_terminal"]

#: record fields that hold free text (tab and newline allowed); every other field is a
#: name, an id, a reference or an enumeration and may hold no control character
FREE_TEXT_FIELDS = frozenset({
    "unified_action", "project", "research_topic", "unit", "industry", "address", "grid", "contact", "phone",
    "brands", "resources", "needs", "content", "topics", "decisions", "location", "note", "reason",
})

CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_FREE_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab (09) and newline (0a)


def has_controls(text: str, *, free_text: bool = False) -> bool:
    """Whether ``text`` holds a control character (tab, CR and newline allowed in free text).

    >>> has_controls("铜川\\x1b[31m"), has_controls("甲\\t乙\\n", free_text=True)
    (True, False)
    """
    if free_text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return bool((_FREE_TEXT_CONTROLS if free_text else CONTROLS).search(text))


def strip_controls(text: str) -> str:
    """Free text without control characters: tab and newline kept, CR LF and CR become LF.

    >>> strip_controls("共建\\x07内容\\r\\n第二行\\x1b")
    '共建内容\\n第二行'
    """
    return _FREE_TEXT_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def shown_controls(text: str) -> str:
    """``text`` with each control character written as ``\\xNN`` (for messages and terminals).

    >>> shown_controls("名称\\x1b[2J")
    '名称\\\\x1b[2J'
    """
    return CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_TERMINAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, LF, CR pass


def terminal_safe(text: str) -> str:
    """What may be printed to a terminal: tab, newline and CR kept, other controls written
    as ``\\uXXXX`` (which is also a valid escape inside a JSON string).

    >>> terminal_safe("铜川\\x1b[31m社区\\x9b\\n")
    '铜川\\\\u001b[31m社区\\\\u009b\\n'
    """
    return _TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalText:
    """A text stream that writes :func:`terminal_safe` text to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def safe_terminal() -> Iterator[None]:
    """Within the block, everything printed to stdout and stderr is :func:`terminal_safe`."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalText(out), TerminalText(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
