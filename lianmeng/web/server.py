"""Serve the explorer through Streamlit's ``st.App`` (Starlette), with the sign-in below the pages.

``lianmeng serve`` runs ``python -m lianmeng.web.server``. With sign-in by password on,
:class:`SessionGate` (an ASGI middleware in front of every Streamlit route) answers every
request without a valid session — the page HTML, the websocket, ``/_stcore/*``,
``/media/*``, ``/component/*``, downloads — before Streamlit sees it: a page in the
browser is redirected to ``/signin``, anything else gets 401 (a websocket is closed before
it is accepted). Only the sign-in page and Streamlit's static bundle are public.

``/signin`` is a plain HTML form of our own (no script), protected against cross-site
requests by a double-submit token (a SameSite=Strict cookie that must equal the form's
hidden field) and an Origin check; failures are throttled per user name and per client
address. A good password starts a server-side session (:mod:`lianmeng.ops.sessions`) and
sets its token in an HttpOnly, SameSite=Strict cookie (Secure when served over TLS).
``/signout`` ends it. With sign-in through OIDC the same gate reads the identity
Streamlit's own ``/oauth2callback`` signed into its ``_streamlit_user`` cookie and maps its
e-mail to a user (:func:`oidc_identity`). The page scripts learn who is signed in from the same cookie
(``st.context.cookies``) looked up in the store on every run (``common.gate``), so a
session revoked in one tab is refused in every other tab at its next action.

Streamlit's old folder-based navigation still needs the process-wide flag set in
:func:`main` (see ``launch.py``); ``st.App`` does not change that.
"""

from __future__ import annotations

import argparse
import hmac
import html
import secrets
import sys
import sysconfig
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from lianmeng.ops.sessions import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    end_session,
    session_user,
    start_session,
)
from lianmeng.ops.users import SignInRefused, SignInThrottle, sign_in, user_for_email
from lianmeng.settings import Settings
from lianmeng.texts import APP_NAME, say

__all__ = ["SessionGate", "build_app", "main", "streamlit_config", "APP_SCRIPT", "explorer_script", "PUBLIC_PREFIXES", "ACTIVE"]

def explorer_script() -> Path:
    """The explorer's ``app.py``: the checkout's own when running from one (pages edited
    there show at the next restart, at once with LIANMENG_WATCH_SOURCES=on), else the copy
    a wheel installs under ``<prefix>/share/lianmeng``."""
    checkout = Path(__file__).resolve().parents[2] / "app.py"
    if checkout.is_file() and (checkout.parent / "pages").is_dir():
        return checkout
    return Path(sysconfig.get_path("data")) / "share" / "lianmeng" / "app.py"


APP_SCRIPT = explorer_script()
#: what anyone may fetch: the sign-in page, Streamlit's static bundle, the icon
PUBLIC_PATHS = frozenset({"/signin", "/signout", "/favicon.png", "/manifest.json"})
PUBLIC_PREFIXES = ("/static/",)
_FORM_MAX = 8192  # bytes of a sign-in form; far more than a name and a password
#: set by :func:`main`: the pages are served behind :class:`SessionGate`
ACTIVE = False

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header is no session
                continue
    return {k: v.value for k, v in jar.items()}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _secure(scope: Scope) -> bool:
    return scope.get("scheme") in ("https", "wss")


def _cookie(name: str, value: str, *, secure: bool, max_age: int | None, path: str = "/") -> str:
    parts = [f"{name}={value}", f"Path={path}", "HttpOnly", "SameSite=Strict"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def _safe_next(target: str | None) -> str:
    """Where to go after sign-in: a path on this server only (never ``//host`` or a URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(c) < 32 or ord(c) == 127 for c in target):  # no header splitting
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path in PUBLIC_PATHS:
        return "/"
    return quote(target, safe="/?=&%#:@!$'()*+,;~-._")  # a Location header is ASCII


async def _respond(send: Send, status: int, body: str, *, headers: list[tuple[str, str]] = (),
                   content_type: str = "text/html; charset=utf-8") -> None:
    data = body.encode("utf-8")
    raw = [(b"content-type", content_type.encode()), (b"content-length", str(len(data)).encode()),
           (b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin")]
    raw += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": data})


class SessionGate:
    """ASGI middleware: no valid session, no Streamlit (see the module docstring).

    ``lookup(scope)`` returns the signed-in user or ``None``; it runs in a worker thread
    (the store is synchronous). ``public`` adds paths anyone may reach (Streamlit's own
    OIDC routes in that mode).
    """

    def __init__(self, app: Callable, *, lookup: Callable[[Scope], Any], public: frozenset[str] = frozenset()):
        self.app = app
        self.lookup = lookup
        self.public = PUBLIC_PATHS | public

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path in self.public or path.startswith(PUBLIC_PREFIXES):
            await self.app(scope, receive, send)
            return
        from starlette.concurrency import run_in_threadpool

        user = await run_in_threadpool(self.lookup, scope)
        if user is not None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 4401, "reason": "sign-in required"})
            return
        accept = _header(scope, b"accept") or ""
        page = (scope.get("method") == "GET" and "text/html" in accept
                and not path.startswith(("/_stcore/", "/media/", "/component/")))
        if page:
            query = scope.get("query_string", b"").decode("latin-1")
            target = path + (f"?{query}" if query else "")
            await _respond(send, 303, "", headers=[("location", f"/signin?next={quote(target, safe='')}")])
        else:
            await _respond(send, 401, say("session_signin_needed"), content_type="text/plain; charset=utf-8")


# --- OIDC: Streamlit's own signed cookie -----------------------------------------------------

#: Streamlit's OIDC routes: the start of a sign-in, the provider's callback, the sign-out
OIDC_PATHS = frozenset({"/auth/login", "/auth/logout", "/oauth2callback"})


def _origin(scope: Scope) -> str:
    return f"{'https' if _secure(scope) else 'http'}://{_header(scope, b'host') or ''}"


def oidc_identity(scope: Scope) -> dict[str, Any] | None:
    """Who the identity provider signed in, from the cookie Streamlit's callback set
    (signed with the ``cookie_secret``, bound to this server's origin); ``None`` if nobody.

    Streamlit reads the same cookie for ``st.user`` at the websocket handshake; the gate
    reads it with Streamlit's own functions (private ones: checked by tests/test_oidc.py).
    """
    from streamlit.web.server.starlette.starlette_websocket import (
        _get_signed_cookie_with_chunks,
        _parse_decoded_user_cookie,
    )

    try:
        raw = _get_signed_cookie_with_chunks(_cookies(scope), "_streamlit_user")
        info = _parse_decoded_user_cookie(raw, _origin(scope)) if raw else {}
    except Exception:  # noqa: BLE001 - a cookie that does not decode is no identity
        return None
    return info if info.get("is_logged_in") else None


# --- the sign-in page ---------------------------------------------------------------------

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; background: #f6f7f9;
       margin: 0; display: flex; min-height: 100vh; align-items: center; justify-content: center; }}
main {{ background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12);
        width: 22rem; }}
h1 {{ font-size: 1.4rem; margin: 0 0 1.2rem; }}
label {{ display: block; margin: .8rem 0 .3rem; }}
input[type=text], input[type=password] {{ width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }}
button {{ margin-top: 1.2rem; width: 100%; padding: .6rem; font-size: 1rem; background: #c0392b; color: #fff;
          border: 0; border-radius: 4px; cursor: pointer; }}
.error {{ color: #a61b1b; background: #fdecea; padding: .6rem; border-radius: 4px; }}
.notice {{ color: #1c4f80; background: #e8f1fb; padding: .6rem; border-radius: 4px; }}
a.button {{ display: block; text-align: center; margin-top: 1.2rem; padding: .6rem; background: #c0392b; color: #fff;
            border-radius: 4px; text-decoration: none; }}
</style></head>
<body><main>
<h1>{title}</h1>
{message}
{form}
</main></body></html>
"""
_PASSWORD_FORM = """<form method="post" action="/signin" autocomplete="on">
<input type="hidden" name="csrf" value="{csrf}">
<input type="hidden" name="next" value="{next}">
<label for="name">{name_label}</label><input id="name" name="name" type="text" value="{name}" required autofocus>
<label for="password">{password_label}</label>
<input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">{submit}</button>
</form>"""
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'")


class SignInPages:
    """The ``/signin`` and ``/signout`` endpoints (plain ASGI callables)."""

    def __init__(self, settings: Settings, store_factory: Callable[[], Any], *, mode: str = "password"):
        self.settings = settings
        self.mode = mode
        self._store_factory = store_factory
        self._store = None
        self.by_name = SignInThrottle()
        self.by_address = SignInThrottle(free=10)

    def store(self):
        if self._store is None:
            self._store = self._store_factory()
        return self._store

    def lookup(self, scope: Scope):
        """The signed-in user of a request: the session cookie (password mode) or the
        identity provider's e-mail mapped to a user (OIDC mode)."""
        if self.mode == "oidc":
            identity = oidc_identity(scope)
            return user_for_email(self.store(), identity.get("email")) if identity else None
        return session_user(self.store(), _cookies(scope).get(SESSION_COOKIE))

    async def _oidc_page(self, scope: Scope, send: Send, target: str) -> None:
        """Sign-in through the identity provider: a link to Streamlit's login route, or
        — signed in there under an e-mail no user carries — the refusal and a sign-out."""
        from starlette.concurrency import run_in_threadpool
        from streamlit.auth_util import encode_provider_token

        identity = oidc_identity(scope)
        if identity is not None:
            if await run_in_threadpool(self.lookup, scope) is not None:
                await _respond(send, 303, "", headers=[("location", target)])
                return
            email = str(identity.get("email") or "—")
            await self._page(scope, send, status=403, message=say("signin_oidc_unknown", email=email),
                             form=f'<a class="button" href="/auth/logout">{html.escape(say("sign_out"))}</a>')
            return
        start = f"/auth/login?provider={quote(encode_provider_token('default'), safe='')}"
        await self._page(scope, send, form=f'<a class="button" href="{html.escape(start)}">'
                                            f'{html.escape(say("signin_oidc_button"))}</a>')

    async def _page(self, scope: Scope, send: Send, *, status: int = 200, message: str = "", kind: str = "error",
                    name: str = "", target: str = "/", form: str | None = None) -> None:
        csrf = secrets.token_urlsafe(24)
        shown = f'<p class="{kind}" role="alert">{html.escape(message)}</p>' if message else ""
        if form is None:
            form = _PASSWORD_FORM.format(csrf=csrf, next=html.escape(target), name=html.escape(name),
                                         name_label=html.escape(say("signin_name")),
                                         password_label=html.escape(say("signin_password")),
                                         submit=html.escape(say("signin_submit")))
        body = _PAGE.format(title=html.escape(say("signin_title")), message=shown, form=form)
        await _respond(send, status, body, headers=[
            ("set-cookie", _cookie(CSRF_COOKIE, csrf, secure=_secure(scope), max_age=3600, path="/signin")),
            ("content-security-policy", _CSP), ("x-frame-options", "DENY")])

    async def signin(self, scope: Scope, receive: Receive, send: Send) -> None:
        from starlette.concurrency import run_in_threadpool

        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if self.mode == "oidc":
            if scope["method"] != "GET":
                await _respond(send, 405, "", headers=[("allow", "GET")])
                return
            await self._oidc_page(scope, send, _safe_next((query.get("next") or ["/"])[0]))
            return
        if scope["method"] == "GET":
            target = _safe_next((query.get("next") or ["/"])[0])
            if await run_in_threadpool(self.lookup, scope) is not None:
                await _respond(send, 303, "", headers=[("location", target)])
                return
            notice = say("session_signed_out") if "out" in query else ""
            await self._page(scope, send, message=notice, kind="notice", target=target)
            return
        if scope["method"] != "POST":
            await _respond(send, 405, "", headers=[("allow", "GET, POST")])
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > _FORM_MAX:
                await _respond(send, 413, say("session_csrf_refused"), content_type="text/plain; charset=utf-8")
                return
            if not message.get("more_body"):
                break
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        target = _safe_next(form.get("next"))
        name = form.get("name", "")[:64]
        if not self._same_origin(scope) or not hmac.compare_digest(
                form.get("csrf", "").encode(), (_cookies(scope).get(CSRF_COOKIE) or "\0").encode()):
            await self._page(scope, send, status=403, message=say("session_csrf_refused"), name=name,
                             target=target)
            return
        client = (scope.get("client") or ("?", 0))[0]
        try:
            user = await run_in_threadpool(sign_in, self.store(), name, form.get("password", ""), self.by_name,
                                           address=client, address_throttle=self.by_address)
        except SignInRefused as refused:
            await self._page(scope, send, status=401, message=str(refused), name=name, target=target)
            return
        token = await run_in_threadpool(start_session, self.store(), user, self.settings.session_minutes)
        await _respond(send, 303, "", headers=[
            ("location", target),
            ("set-cookie", _cookie(SESSION_COOKIE, token, secure=_secure(scope),
                                   max_age=self.settings.session_minutes * 60)),
            ("set-cookie", _cookie(CSRF_COOKIE, "", secure=_secure(scope), max_age=0, path="/signin"))])

    async def signout(self, scope: Scope, receive: Receive, send: Send) -> None:
        """End this browser's session. Cross-site requests carry no SameSite=Strict
        cookie, so they end nothing: a GET from the page's own link is safe."""
        from starlette.concurrency import run_in_threadpool

        if scope["method"] not in ("GET", "POST"):
            await _respond(send, 405, "", headers=[("allow", "GET, POST")])
            return
        if self.mode == "oidc":  # Streamlit's own route clears its cookie
            await _respond(send, 303, "", headers=[("location", "/auth/logout")])
            return
        await run_in_threadpool(end_session, self.store(), _cookies(scope).get(SESSION_COOKIE))
        await _respond(send, 303, "", headers=[
            ("location", "/signin?out=1"),
            ("set-cookie", _cookie(SESSION_COOKIE, "", secure=_secure(scope), max_age=0))])

    @staticmethod
    def _same_origin(scope: Scope) -> bool:
        """A browser names the page a POST comes from; it must be this server."""
        origin = _header(scope, b"origin")
        if origin is None or origin == "null":
            return origin is None  # an old client without Origin: the double-submit token decides
        return urlsplit(origin).netloc == (_header(scope, b"host") or "")


class _Endpoint:
    """A plain ASGI callable for a Starlette route (a bound method would be taken for a
    request → response function)."""

    def __init__(self, handler: Callable[[Scope, Receive, Send], Awaitable[None]]):
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.handler(scope, receive, send)


def build_app(settings: Settings, *, host: str):
    """The ``st.App`` serving app.py: the sign-in routes always, the gate whenever sign-in
    is on (by password: our session cookie; by OIDC: Streamlit's signed identity cookie,
    its e-mail mapped to a user)."""
    import streamlit as st
    from starlette.middleware import Middleware
    from starlette.routing import Route

    from graphdb import open_store

    mode = settings.sign_in_mode(host)
    pages = SignInPages(settings, lambda: open_store(settings), mode=mode)
    routes = [Route("/signin", _Endpoint(pages.signin), methods=["GET", "POST"]),
              Route("/signout", _Endpoint(pages.signout), methods=["GET", "POST"])]
    from lianmeng.web.network_frame import FrameAssetCache
    from lianmeng.web.static_files import BundleFromMemory

    # Streamlit's own content-named files: public (like the sign-in page), from memory, gzipped
    middleware = [Middleware(BundleFromMemory)]
    if mode in ("password", "oidc"):
        middleware.append(Middleware(SessionGate, lookup=pages.lookup,
                                     public=OIDC_PATHS if mode == "oidc" else frozenset()))
    middleware.append(Middleware(FrameAssetCache))  # inside the gate: only a signed-in browser gets here
    return st.App(str(APP_SCRIPT), routes=routes, middleware=middleware)


def main(argv: list[str] | None = None) -> int:
    from streamlit.runtime.pages_manager import PagesManager

    import lianmeng.web.server as served  # run as __main__: the flag lives on the importable module

    parser = argparse.ArgumentParser(prog="lianmeng.web.server", description=APP_NAME)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    # Streamlit's old folder-based navigation: with a pages/ folder beside the entry script
    # it navigates by folder *until* some session first runs app.py's st.navigation, so a
    # first visit straight to a bookmarked sub-page after a restart would run that page
    # alone. The flag is read once per process; st.App does not change this.
    PagesManager.uses_pages_directory = False
    served.ACTIVE = settings.sign_in_mode(args.host) != "off"
    app = build_app(settings, host=args.host)
    sys.argv = [str(APP_SCRIPT)]  # the entry script anchors .streamlit/ (config, secrets) and sys.path
    app.run(config=streamlit_config(settings, args.host, args.port))
    return 0


def streamlit_config(settings: Settings, host: str, port: int) -> dict[str, Any]:
    """Streamlit's options for ``lianmeng serve``.

    Streamlit's source watcher is off unless ``LIANMENG_WATCH_SOURCES=on``: when a new
    browser session's first run ends it lists every loaded module (thousands, a realpath
    each) on the server's event loop — 0.5–1 s during which no other request is served.

    >>> from lianmeng.settings import Settings
    >>> streamlit_config(Settings.from_env({}), "127.0.0.1", 8501)["server.fileWatcherType"]
    'none'
    >>> streamlit_config(Settings.from_env({"LIANMENG_WATCH_SOURCES": "on"}), "127.0.0.1", 8501)["server.fileWatcherType"]
    'auto'
    """
    return {
        "server.address": host, "server.port": port, "server.headless": True,
        "browser.gatherUsageStats": False, "global.developmentMode": False, "client.toolbarMode": "minimal",
        "server.fileWatcherType": "auto" if settings.watch_sources else "none",
    }


if __name__ == "__main__":  # pragma: no cover - run by `lianmeng serve`
    sys.exit(main())
