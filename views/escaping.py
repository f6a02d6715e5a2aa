"""Making user text safe for the three places it goes: HTML, a ``<script>`` and Markdown.

Every name, unit and free-text field typed by a person passes through one of these before
it reaches a document, so an organisation called ``<img src=x onerror=alert(1)>`` shows as
that text everywhere.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

__all__ = ["html_text", "script_json", "markdown_literal"]

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def html_text(value: object) -> str:
    """``value`` as text for HTML element content or a quoted attribute.

    >>> html_text('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    return html.escape(str(value), quote=True)


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside an inline ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes (no ``</script>`` or ``<!--`` can close the
    element early) and so do U+2028/U+2029 (line terminators in older JavaScript); the
    string values JavaScript reads back are unchanged.

    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return _SCRIPT_UNSAFE_RE.sub(lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


def markdown_literal(value: object) -> str:
    """``value`` shown literally by a Markdown renderer (Streamlit's ``st.markdown``).

    >>> markdown_literal("**a** [b](c)")
    '\\\\*\\\\*a\\\\*\\\\* \\\\[b\\\\]\\\\(c\\\\)'
    """
    return _MARKDOWN_SPECIAL_RE.sub(r"\\\1", str(value))
