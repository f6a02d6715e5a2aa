"""Text made safe for XML formats (docx, GEXF, GraphML): XML 1.0 forbids most control
characters, and records may carry one pasted in from another program."""

from __future__ import annotations

import re

__all__ = ["xml_safe", "without_controls"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (tab and newlines stay).

    >>> xml_safe("铃\\x07声\\t好")
    '铃声\\t好'
    """
    return _ILLEGAL.sub("", text)


def without_controls(text: str) -> str:
    """``text`` without C0/C1 control characters (tab and line ends stay): for the text
    formats (CSV, Markdown, iCalendar), where a BEL or ESC would reach a terminal or a
    calendar program as it is.

    >>> without_controls("会\\x1b[31m议\\x9b\\n室")
    '会[31m议\\n室'
    """
    return _CONTROLS.sub("", text)
