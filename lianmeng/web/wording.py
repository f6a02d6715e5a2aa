"""Chinese words for the parts of Streamlit's own widgets that have no API for them.

The file uploader writes "Upload" on its button and "200MB per file • XLSX, CSV, ZIP" under
it, in English, whatever the page says (Streamlit offers no parameter for these). The only
way to change them without forking Streamlit is the style sheet: one ``<style>`` element,
written once per page run by app.py, hides those English texts (``display: none``, so they
are neither drawn nor read by a screen reader or ``innerText``) and draws the Chinese words
from :mod:`lianmeng.texts` in their place with ``::after { content: "…" }``. The selectors
are Streamlit's ``data-testid`` attributes (stable across versions, used by its own
tests); should a new Streamlit rename them, the English simply shows again — the browser
test (tests/test_browser.py) looks for those English words on every page.
"""

from __future__ import annotations

import json

import streamlit as st

from lianmeng.texts import say

__all__ = ["uploader_css", "chinese_widgets"]


def _css_string(text: str) -> str:
    # a JSON string is a valid CSS string once backslashes and quotes are escaped (json does)
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3c ")


def uploader_css() -> str:
    """The style sheet that puts the uploader's words in Chinese."""
    button = _css_string(say("uploader_browse"))
    drop = _css_string(say("uploader_drop") + " · " + say("uploader_limit"))
    return (
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }\n'
        f'[data-testid="stFileUploaderDropzone"] button span[data-has-shortcut]::after {{ content: {button}; }}\n'
        '[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }\n'
        f'[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: {drop}; font-size: 14px; }}\n'
    )


def chinese_widgets() -> None:
    """Write the style sheet into the page (invisible, takes no space)."""
    st.html(f"<style>\n{uploader_css()}</style>")
