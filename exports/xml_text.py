"""Text made safe for XML formats (docx, GEXF, GraphML): XML 1.0 forbids most control
characters, and records may carry one pasted in from another program."""

from __future__ import annotations

import re

__all__ = ["xml_safe"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (tab and newlines stay).

    >>> xml_safe("铃\\x07声\\t好")
    '铃声\\t好'
    """
    return _ILLEGAL.sub("", text)
