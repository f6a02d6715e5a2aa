"""What every page shares: the store, cached reads keyed on its revision, error display.

The store lives in ``st.cache_resource`` (one per process); reads go through
``st.cache_data`` with the store passed as ``_store`` and the revision in the key, so a
write anywhere refreshes what everyone sees.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from graphdb import GraphStore, StoreError, open_store
from lianmeng.dataset import Dataset
from lianmeng.operations import ensure_sample, overview
from lianmeng.settings import Settings, SettingsError
from lianmeng.texts import say

T = TypeVar("T")

# session_state keys
SAMPLE_NOTICE_SHOWN = "sample_notice_shown"


@st.cache_resource(show_spinner=False)
def _open(settings: Settings) -> tuple[GraphStore, bool]:
    store = open_store(settings)
    loaded = ensure_sample(store)
    return store, loaded


def settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        st.error(str(exc))
        st.stop()
        raise


def store() -> GraphStore:
    """The process's store; on an empty data directory the sample street is loaded once."""
    try:
        opened, loaded = _open(settings())
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
        raise
    if loaded and not st.session_state.get(SAMPLE_NOTICE_SHOWN):
        st.session_state[SAMPLE_NOTICE_SHOWN] = True
        st.toast(say("sample_loaded_first_start"))
    return opened


def revision(current: GraphStore) -> int:
    try:
        return current.revision()
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
        raise


def _shown_on_error(read: Callable[..., T]) -> Callable[..., T]:
    """A page read that, when the database fails mid-session, shows the store's message
    (what failed, which URI, what to check) with ``st.error`` instead of a traceback."""

    @functools.wraps(read)
    def guarded(*args: Any, **kwargs: Any) -> T:
        try:
            return read(*args, **kwargs)
        except StoreError as exc:
            st.error(str(exc))
            st.stop()
            raise

    if hasattr(read, "clear"):
        guarded.clear = read.clear  # type: ignore[attr-defined]  # st.cache_data's own reset
    return guarded


@_shown_on_error
@st.cache_data(show_spinner=False, max_entries=8)
def snapshot(_store: GraphStore, store_key: str, rev: int) -> Dataset:
    """The whole dataset at revision ``rev`` (cached per store and revision)."""
    return _store.snapshot()


@_shown_on_error
@st.cache_data(show_spinner=False, max_entries=8)
def overview_data(_store: GraphStore, store_key: str, rev: int) -> dict[str, Any]:
    return overview(_store)


def store_key(current: GraphStore) -> str:
    return f"{current.kind}:{current.location}"
