"""What every page shares: the store, cached reads keyed on its revision, error display,
and who is signed in.

The store lives in ``st.cache_resource`` (one per process); reads go through
``st.cache_data`` with the store passed as ``_store`` and the revision in the key, so a
write anywhere refreshes what everyone sees. Reads whose result nobody changes (the
dataset of frozen records, the network view, analysis reports) are kept with
:func:`per_revision` instead: the same keys, but every rerun gets the object itself rather
than an unpickled copy (``st.cache_data`` copies on every call: 0.1–0.4 s of CPU per
rerun for a district's dataset).

Who may do what: :func:`store` returns the store bound to the signed-in person
(:class:`graphdb.guarded.GuardedStore`), so every write a page makes is checked against
their role and audited under their name. Pages hide what the role may not use with
:func:`can` (``if common.can("edit_data"): st.button(...)``) and name the person with
:func:`actor`. :func:`gate` (called by app.py before any page) decides whether sign-in is
needed and who is signed in.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from graphdb import GraphStore, StoreError, open_store
from graphdb.guarded import GuardedStore
from lianmeng import access, logs
from lianmeng.access import User
from lianmeng.audit_view import document_author
from lianmeng.dataset import Dataset
from lianmeng.ops.problems import overview as problems_overview
from lianmeng.ops.sessions import (
    SESSION_COOKIE,
    end_session,
    session_user,
    start_session,
    token_hash,
)
from lianmeng.ops.street import ensure_sample, overview, street_choices
from lianmeng.ops.users import SignInRefused, SignInThrottle, sign_in, user_for_email
from lianmeng.settings import Settings, SettingsError
from lianmeng.streets import scoped
from lianmeng.texts import ROLE_LABELS, say

T = TypeVar("T")

# session_state keys
SESSION_TOKEN = "lm_session_token"
SESSION_NOTICE = "lm_session_notice"
STREET = "lm_street"  # the street the sidebar scopes every page to (None: the whole district)


class _Once:
    """``take()`` is true for its first caller only, across the process's sessions."""

    def __init__(self, armed: bool):
        self._armed, self._lock = armed, threading.Lock()

    def take(self) -> bool:
        with self._lock:
            armed, self._armed = self._armed, False
            return armed


@st.cache_resource(show_spinner=False)
def _open(settings: Settings) -> tuple[GraphStore, _Once]:
    logs.configure(settings.data_dir, settings.log_level)
    store = open_store(settings)
    with store.action("demo"):
        loaded = ensure_sample(store)
    return store, _Once(loaded)  # "sample loaded": told to the first session, not to every new one


@st.cache_resource(show_spinner=False)
def _throttle() -> SignInThrottle:
    """One per process: failed sign-ins are counted across every browser session."""
    return SignInThrottle()


def settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        st.error(str(exc))
        st.stop()
        raise


def _stop_with(exc: StoreError) -> None:
    """Show the store's message (what failed, which URI, what to check), log it, stop the page."""
    logs.get("store").error(say("log_store_error", message=str(exc)), extra=logs.SHOWN)
    st.error(str(exc))
    st.stop()


def store() -> GraphStore:
    """The process's store bound to the signed-in person (writes checked and audited);
    on an empty data directory the sample street is loaded once."""
    return GuardedStore(_raw_store(), actor())


def _raw_store() -> GraphStore:
    try:
        opened, sample_notice = _open(settings())
    except StoreError as exc:
        _stop_with(exc)
        raise
    if sample_notice.take():
        st.toast(say("sample_loaded_first_start"))
    return opened


def revision(current: GraphStore) -> int:
    try:
        return current.revision()
    except StoreError as exc:
        _stop_with(exc)
        raise


def _shown_on_error(read: Callable[..., T]) -> Callable[..., T]:
    """A page read that, when the database fails mid-session, shows the store's message
    (what failed, which URI, what to check) with ``st.error`` instead of a traceback."""

    @functools.wraps(read)
    def guarded(*args: Any, **kwargs: Any) -> T:
        try:
            return read(*args, **kwargs)
        except StoreError as exc:
            _stop_with(exc)
            raise

    if hasattr(read, "clear"):
        guarded.clear = read.clear  # type: ignore[attr-defined]  # st.cache_data's own reset
    return guarded


def per_revision(max_entries: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a read per store key, revision and arguments, shared by every session and
    returned as is (``st.cache_resource``): for results nobody mutates — frozen records,
    tuples, strings, reports the pages only read. Like every read it takes ``_store``,
    ``store_key`` and ``rev``, so a write (a new revision) reads afresh."""
    return st.cache_resource(show_spinner=False, max_entries=max_entries)


@_shown_on_error
@per_revision(max_entries=8)
def snapshot(_store: GraphStore, store_key: str, rev: int) -> Dataset:
    """The dataset at revision ``rev`` — of the street chosen in the sidebar, which
    :func:`store_key` carries (cached per store, street and revision). Shared: a
    :class:`Dataset` is frozen, and so is every record in it."""
    return scoped(_full_snapshot(_store, store_key.split("@", 1)[0], rev), street_of_key(store_key))


@per_revision(max_entries=4)
def _full_snapshot(_store: GraphStore, store_key: str, rev: int) -> Dataset:
    return _store.snapshot()


def street_of_key(key: str) -> str | None:
    return key.split("@", 1)[1] if "@" in key else None


@_shown_on_error
@st.cache_data(show_spinner=False, max_entries=8)
def overview_data(_store: GraphStore, store_key: str, rev: int) -> dict[str, Any]:
    return overview(_store, street=street_of_key(store_key))


@_shown_on_error
@per_revision(max_entries=8)
def mechanisms_overview(_store: GraphStore, store_key: str, rev: int, today: dt.date) -> dict[str, Any]:
    """Overdue and due-today problems and open needs on ``today`` (the overview's board):
    the working-day clocks are computed once per revision and day, not on every rerun."""
    return problems_overview(snapshot(_store, store_key, rev), today)


def store_key(current: GraphStore) -> str:
    """The cache key of the store's reads: the store, and the street the sidebar chose
    (every derived read is cached per street)."""
    street = st.session_state.get(STREET)
    return f"{current.kind}:{current.location}" + (f"@{street}" if street else "")


def street_sidebar(current: GraphStore) -> None:
    """With several streets in the store: a selector (全区 or one street) that scopes every page."""
    choices = street_choices(_full_snapshot(current, f"{current.kind}:{current.location}", revision(current)))
    if not choices:
        st.session_state.pop(STREET, None)
        return
    ids = [street for street, _ in choices]
    names = dict(choices)
    if st.session_state.get(STREET) not in ids:
        st.session_state[STREET] = None
    st.sidebar.selectbox(say("street_pick"), ids, format_func=names.get, key=STREET)


# --- who is signed in (issue 9) -----------------------------------------------------------


def sign_in_mode() -> str:
    """``"off"`` (localhost, anyone at this computer), ``"password"`` or ``"oidc"``."""
    return settings().sign_in_mode()


def _signed_in() -> User | None:
    mode = sign_in_mode()
    raw = _raw_store()
    if mode == "off":
        return access.local_user()
    if mode == "oidc":
        if not st.user.is_logged_in:
            return None
        return user_for_email(raw, st.user.get("email"))
    token = _session_token()
    if token is None:
        return None
    # the store decides on every run: a session ended in another tab, by a new password or
    # by the user's removal, or expired, ends here too; a changed role shows at once
    user = session_user(raw, token)
    if user is None:
        expired = raw.find_session(token_hash(token)) is not None
        _forget_session()
        # a sign-out in this tab has said so already
        st.session_state.setdefault(SESSION_NOTICE, say("signin_expired" if expired else "session_expired_or_revoked"))
    return user


def _session_token() -> str | None:
    """This browser's session token: the HttpOnly cookie the sign-in page set (served
    through ``lianmeng serve``), else the token of a sign-in made on the page itself (a
    server without the gate, e.g. AppTest). Both are looked up in the store; neither is
    anything the browser could make up."""
    for token in (_cookie_token(), st.session_state.get(SESSION_TOKEN)):
        if isinstance(token, str) and token:
            return token
    return None


def _cookie_token() -> str | None:
    token = st.context.cookies.get(SESSION_COOKIE)
    return token if isinstance(token, str) else None  # AppTest has no browser: no cookies


def _forget_session() -> None:
    st.session_state.pop(SESSION_TOKEN, None)


def actor() -> User:
    """The signed-in person (role, alliance). app.py runs pages only for a signed-in
    person; should a page run without one (a session that expired since, a user removed
    meanwhile), it shows the sign-in form instead and stops — a page never shows data
    to nobody, whatever the path that ran it."""
    user = _signed_in()
    if user is None:
        sign_in_form()
        st.stop()
        raise AssertionError("unreachable")
    return user


def author() -> str:
    """Who a document made on this page names as its author: the signed-in person (empty
    for someone at the server's keyboard — the document then names its street or chair)."""
    user = _signed_in()
    return document_author(user.name) if user else ""


def can(action: str) -> bool:
    """Whether the signed-in person may ``action`` (see ``lianmeng.access.ACTION_ROLE``);
    use it to hide buttons — the store checks again on every write."""
    user = _signed_in()
    return user is not None and access.can(user, action)


def may_edit_member(alliance: str | None) -> bool:
    """Whether the signed-in person may edit and pair an organisation of ``alliance``
    (``lianmeng.access.may_edit_member``: planners any, a chair their own alliance's)."""
    user = _signed_in()
    return user is not None and access.may_edit_member(user, alliance)


def editable_organisations(dataset: Dataset) -> bool | frozenset[str]:
    """The organisations whose edit and pair actions the signed-in person is offered:
    ``True`` for every one (planners, admins), else the ids of those they may edit (a
    chair: their alliance's members; a viewer: none)."""
    user = _signed_in()
    if user is None:
        return frozenset()
    if access.can(user, "edit_data"):
        return True
    return frozenset(o.id for o in dataset.organisations if access.may_edit_member(user, o.alliance))


def gate() -> User | None:
    """Who may see the pages now, or ``None`` when only the sign-in page may show.

    Stops the app with a message when sign-in is needed but no user exists.
    """
    mode = sign_in_mode()
    if mode != "off" and not _raw_store().users():
        st.error(say("auth_needs_user", host=settings().host))
        st.stop()
    return _signed_in()


def try_sign_in(name: str, password: str) -> str | None:
    """Sign in with a password; returns the Chinese reason when refused."""
    try:
        user = sign_in(_raw_store(), name, password, _throttle())
    except SignInRefused as exc:
        return str(exc)
    st.session_state[SESSION_TOKEN] = start_session(_raw_store(), user, settings().session_minutes)
    return None


def sign_in_form() -> None:
    """The only thing shown before sign-in: a form (or the identity provider's button),
    no data. Rendered by app.py in place of the navigation."""
    st.title(say("signin_title"))
    notice = st.session_state.pop(SESSION_NOTICE, None)
    if notice:
        st.info(notice)
    if sign_in_mode() == "oidc":
        if st.user.is_logged_in:
            # signed in at the identity provider, but no user here carries that e-mail
            st.error(say("signin_oidc_unknown", email=st.user.get("email") or "—"))
            if st.button(say("sign_out")):
                st.logout()
        elif st.button(say("signin_oidc_button"), type="primary"):
            st.login()
        return
    if served_behind_gate():
        # the sign-in page of the server (a form of its own, CSRF-protected) sets the cookie
        st.markdown(f"[{say('signin_submit')} →](/signin)")
        return
    with st.form("signin"):
        name = st.text_input(say("signin_name"))
        password = st.text_input(say("signin_password"), type="password")
        submitted = st.form_submit_button(say("signin_submit"), type="primary")
    if submitted:
        refused = try_sign_in(name, password)
        if refused:
            st.error(refused)
        else:
            st.rerun()


def sign_out() -> None:
    """End this browser's session in the store: every tab of it is signed out at its next
    action, and the cookie no longer opens the server."""
    for token in {_cookie_token(), st.session_state.get(SESSION_TOKEN)}:
        end_session(_raw_store(), token)
    _forget_session()
    st.session_state[SESSION_NOTICE] = say("session_signed_out")


def served_behind_gate() -> bool:
    """Whether this process serves the pages behind :class:`lianmeng.web.server.SessionGate`."""
    from lianmeng.web import server

    return server.ACTIVE


def identity_sidebar(user: User) -> None:
    """Who is signed in and a sign-out button, or the banner when sign-in is off."""
    mode = sign_in_mode()
    if mode == "off":
        st.warning(say("auth_off_banner"), icon="⚠️")
        return
    with st.sidebar:
        st.caption(say("signed_in_as", name=user.name, role=ROLE_LABELS[user.role]))
        if st.button(say("sign_out"), key="lm_sign_out"):
            if mode == "oidc":
                st.logout()
            sign_out()
            st.rerun()


def keep_values(keys: tuple[str, ...]) -> None:
    """Keep the values of widgets that this run does not build (their expander is closed):
    Streamlit forgets a widget's value after a run that did not draw it."""
    for widget in keys:
        if widget in st.session_state:
            st.session_state[widget] = st.session_state[widget]


WARMED = "lm_browser_warmed"  # session_state: the warm-up script was sent to this browser


def warm_up_browser() -> None:
    """Once per browser session: let the browser fetch and parse the code of Streamlit's
    tables while someone reads a page (``lianmeng.web.static_files.warm_up_script``)."""
    from lianmeng.web.static_files import warm_up_files, warm_up_script

    if st.session_state.get(WARMED):
        return
    st.session_state[WARMED] = True
    files = warm_up_files()
    if files:
        st.html(warm_up_script(files), unsafe_allow_javascript=True)


def visible_pages(user: User, pages: list[Any]) -> list[Any]:
    """The pages ``user``'s role may see (rule: ``lianmeng.access.PAGE_ROLE``)."""
    return [p for p in pages if access.may_see_page(user, p.url_path)]
