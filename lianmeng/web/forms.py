"""Shared widgets of the explorer's edit forms: messages next to the field they concern,
the versions a form loaded (kept until it saves), and one save routine.

A save that is refused (a rule broken, or someone saved the record first) writes nothing
and reruns with the message shown; the widgets keep their keys, so what the person typed
is still in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from graphdb.store import EditConflict, GraphStore
from lianmeng.errors import LianmengError
from lianmeng.ops.edits import FormRefused, Saved

__all__ = ["errors_below", "flash", "loaded_version", "loaded_versions", "forget_versions", "save", "items_text",
           "text_items"]


def _errors(form: str) -> dict[str, list[str]]:
    return st.session_state.get(f"{form}__errors", {})


def errors_below(form: str, field: str) -> None:
    """The messages a refused save left for ``field`` (shown right under its widget)."""
    for message in _errors(form).get(field, []):
        st.error(message)


def flash(form: str) -> None:
    """The outcome of the last save of ``form``: success, warnings, or why it was refused."""
    for kind, message in st.session_state.pop(f"{form}__flash", []):
        getattr(st, kind)(message)
    for message in _errors(form).get("", []):  # a rule about the whole record, not one field
        st.error(message)


def loaded_version(store: GraphStore, form: str, table: str, record_id: str) -> int:
    """The record's version when this form first showed it (kept until a save succeeds)."""
    key = f"{form}__version__{table}__{record_id}"
    if key not in st.session_state:
        st.session_state[key] = store.record_version(table, record_id)
    return st.session_state[key]


def loaded_versions(store: GraphStore, form: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """:func:`loaded_version` of several records, as ``expected_versions`` wants them."""
    return {(table, record_id): loaded_version(store, form, table, record_id) for table, record_id in keys}


def forget_versions(form: str) -> None:
    """After a save: the next edit starts from what is stored now."""
    for key in [k for k in st.session_state if str(k).startswith(f"{form}__version__")]:
        del st.session_state[key]


def save(form: str, write: Callable[[], Saved | int | None], done: Callable[[Any], str]) -> None:
    """Run ``write``; remember the outcome for :func:`flash` / :func:`errors_below`; rerun."""
    outcome: list[tuple[str, str]] = []
    st.session_state[f"{form}__errors"] = {}
    try:
        result = write()
    except FormRefused as exc:
        st.session_state[f"{form}__errors"] = exc.fields
    except EditConflict as exc:  # the first editor's name and time; the typed values stay
        outcome.append(("error", str(exc)))
    except LianmengError as exc:
        outcome.append(("error", str(exc)))
    else:
        outcome.append(("success", done(result)))
        outcome += [("warning", w) for w in getattr(result, "warnings", ())]
        forget_versions(form)
    st.session_state[f"{form}__flash"] = outcome
    st.rerun()


def items_text(items: tuple[str, ...]) -> str:
    """A list field as the text area shows it: one item a line."""
    return "\n".join(items)


def text_items(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
