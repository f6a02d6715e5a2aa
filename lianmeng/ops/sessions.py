"""Sign-in sessions: a random token in the browser's cookie, its hash in the store.

:func:`start_session` makes a token (256 random bits), stores only its SHA-256 with the
user's name and an expiry, and returns the token for the ``Set-Cookie`` header.
:func:`session_user` is the one way to learn who a request or a page run belongs to: the
token is hashed and looked up in the store, its expiry checked, and the user read again
(a removed user, a changed role take effect at once). :func:`end_session` revokes one
session (sign-out); a new password and the removal of a user end all of that user's
sessions inside the store's own write (see :meth:`graphdb.store.GraphStore.save_user`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from graphdb.store import GraphStore
from lianmeng.access import SignInSession, User

__all__ = ["SESSION_COOKIE", "CSRF_COOKIE", "token_hash", "start_session", "session_user", "end_session"]

#: the cookie that carries the session token (HttpOnly, SameSite=Strict, Secure over TLS)
SESSION_COOKIE = "lianmeng_session"
#: the sign-in form's double-submit CSRF cookie
CSRF_COOKIE = "lianmeng_csrf"
_TOKEN_MAX = 128  # a token is 43 characters; anything far longer is not one of ours


def token_hash(token: str) -> str:
    """What the store keeps instead of the token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def start_session(store: GraphStore, user: User, minutes: int, *, now: dt.datetime | None = None) -> str:
    """A new session for ``user`` valid ``minutes``; returns the token (never stored).

    Sessions that have expired meanwhile, anyone's, are deleted on the way.
    """
    now = now or _now()
    token = secrets.token_urlsafe(32)
    store.end_sessions(expired_at=now)
    store.save_session(SignInSession(token_hash(token), user.name, now, now + dt.timedelta(minutes=minutes)))
    return token


def session_user(store: GraphStore, token: str | None, *, now: dt.datetime | None = None) -> User | None:
    """The user the session ``token`` belongs to, or ``None`` (no token, unknown,
    revoked, expired, or its user removed)."""
    if not token or len(token) > _TOKEN_MAX:
        return None
    session = store.find_session(token_hash(token))
    if session is None or session.expires <= (now or _now()):
        return None
    return store.user(session.user)


def end_session(store: GraphStore, token: str | None) -> bool:
    """Revoke the session ``token`` (sign-out); returns whether there was one."""
    if not token or len(token) > _TOKEN_MAX:
        return False
    return store.end_sessions(token_hash=token_hash(token)) > 0
