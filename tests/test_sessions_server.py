"""Sessions that hold, and a server gated below the pages: ``lianmeng serve`` with sign-in on.

Raw clients (``http.client``) prove that nothing but the sign-in page and the static bundle
answers without a valid session — the websocket handshake included; headless Chromium
proves that a sign-in survives F5 and a bookmark opened in a new tab, and that signing out
in one tab signs the other out at its next action. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import http.client
import re
import socket
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM_ARGS, settle
from live_server import free_port, live_explorer

from graphdb.sqlite_store import SqliteStore
from lianmeng.ops import users
from lianmeng.ops.sessions import SESSION_COOKIE, token_hash
from lianmeng.sample import sample_street

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
NAME, PASSWORD = "王主任", "pass-word-1"



@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    """``lianmeng serve`` with LIANMENG_AUTH=on on a free port: (host, port, data dir)."""
    data = tmp_path_factory.mktemp("sessions-data")
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        store.replace_all(sample_street())
        users.add_user(store, NAME, "admin", PASSWORD)
        users.add_user(store, "李规划", "planner", PASSWORD)
    port = free_port()
    with live_explorer(data, {"LIANMENG_AUTH": "on"}, port=port):
        yield "127.0.0.1", port, data


def _request(port: int, method: str, path: str, *, headers: dict[str, str] | None = None,
             body: str | None = None) -> tuple[int, dict[str, list[str]], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body.encode() if body is not None else None, headers=headers or {})
        response = conn.getresponse()
        found: dict[str, list[str]] = {}
        for key, value in response.getheaders():
            found.setdefault(key.lower(), []).append(value)
        return response.status, found, response.read()
    finally:
        conn.close()


def _sign_in(port: int, name: str = NAME, password: str = PASSWORD, *, origin: str | None = None,
             csrf: str | None = None, target: str = "/organisations") -> tuple[int, dict[str, list[str]], bytes]:
    """GET the form (its CSRF cookie and field), POST it back like a browser would."""
    status, headers, page = _request(port, "GET", "/signin")
    assert status == 200
    cookie = next(c for c in headers["set-cookie"] if c.startswith("lianmeng_csrf="))
    value = cookie.split(";")[0].split("=", 1)[1]
    field = re.search(r'name="csrf" value="([^"]+)"', page.decode()).group(1)
    assert field == value
    body = urllib.parse.urlencode({"csrf": field if csrf is None else csrf, "next": target,
                                   "name": name, "password": password})
    sent = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"lianmeng_csrf={value}",
            "Origin": origin or f"http://127.0.0.1:{port}", "Host": f"127.0.0.1:{port}"}
    return _request(port, "POST", "/signin", headers=sent, body=body)


def _session_cookie(headers: dict[str, list[str]]) -> str:
    cookie = next(c for c in headers["set-cookie"] if c.startswith(f"{SESSION_COOKIE}="))
    return cookie.split(";")[0].split("=", 1)[1]


def _websocket(port: int, cookie: str | None) -> tuple[int, bytes]:
    """A raw websocket handshake on Streamlit's stream; (status, what came back)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        lines = ["GET /_stcore/stream HTTP/1.1", f"Host: 127.0.0.1:{port}", "Upgrade: websocket",
                 "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
                 "Sec-WebSocket-Protocol: streamlit", f"Origin: http://127.0.0.1:{port}"]
        if cookie:
            lines.append(f"Cookie: {SESSION_COOKIE}={cookie}")
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                break
            received += chunk
        status = int(received.split(b" ", 2)[1]) if received else 0
        return status, received
    finally:
        sock.close()


# --- raw clients: nothing without a session ---------------------------------------------------


@pytest.mark.parametrize("path", ["/_stcore/health", "/_stcore/host-config", "/_stcore/upload_file/x/y",
                                  "/media/abc.png", "/component/x/index.html", "/_stcore/metrics"])
def test_anonymous_requests_below_the_pages_get_401_and_no_data(served, path: str):
    _, port, _ = served
    for method in ("GET", "POST", "PUT"):
        status, headers, body = _request(port, method, path)
        assert status == 401, (method, path, status)
        assert body.decode() == "请先登录联盟图谱。"


@pytest.mark.parametrize("path", ["/", "/network", "/organisations?org=x"])
def test_anonymous_pages_are_sent_to_the_sign_in_page(served, path: str):
    _, port, _ = served
    status, headers, body = _request(port, "GET", path, headers={"Accept": "text/html"})
    assert status == 303 and body == b""
    assert headers["location"] == [f"/signin?next={urllib.parse.quote(path, safe='')}"]
    # without Accept: text/html (a script, curl) the same path is a plain 401
    assert _request(port, "GET", path)[0] == 401


def test_the_sign_in_page_and_the_static_bundle_are_public(served):
    _, port, _ = served
    status, headers, page = _request(port, "GET", "/signin")
    assert status == 200 and "登录联盟图谱" in page.decode()
    assert "default-src 'none'" in headers["content-security-policy"][0]
    assert _request(port, "GET", "/favicon.png")[0] == 200
    index = _request(port, "GET", "/signin")[2].decode()
    assert "<script" not in index  # the form needs no script


def test_an_anonymous_websocket_gets_no_data(served):
    _, port, _ = served
    status, received = _websocket(port, None)
    assert status == 403 and b"101" not in received.split(b"\r\n", 1)[0]
    status, _ = _websocket(port, "forged-token-" + "x" * 30)
    assert status == 403


def test_sign_in_sets_a_strict_http_only_session_that_opens_the_websocket(served):
    _, port, data = served
    status, headers, _ = _sign_in(port)
    assert status == 303 and headers["location"] == ["/organisations"]
    raw = next(c for c in headers["set-cookie"] if c.startswith(f"{SESSION_COOKIE}="))
    attributes = {a.strip().split("=")[0].lower() for a in raw.split(";")[1:]}
    assert {"httponly", "path", "max-age"} <= attributes and "samesite=strict" in raw.lower()
    assert "secure" not in attributes  # plain http here; Secure when served over TLS
    token = _session_cookie(headers)
    # the store holds the hash, never the token
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        assert store.find_session(token_hash(token)).user == NAME
        assert store.find_session(token) is None
    assert _request(port, "GET", "/_stcore/host-config", headers={"Cookie": f"{SESSION_COOKIE}={token}"})[0] == 200
    assert _websocket(port, token)[0] == 101
    # signing out ends it: the same cookie opens nothing any more
    status, headers, _ = _request(port, "GET", "/signout", headers={"Cookie": f"{SESSION_COOKIE}={token}"})
    assert status == 303 and headers["location"] == ["/signin?out=1"]
    assert _websocket(port, token)[0] == 403
    assert _request(port, "GET", "/_stcore/host-config", headers={"Cookie": f"{SESSION_COOKIE}={token}"})[0] == 401


def test_a_chinese_bookmark_comes_back_after_sign_in(served):
    _, port, _ = served
    status, headers, _ = _request(port, "GET", "/" + urllib.parse.quote("组织") + "?q=" + urllib.parse.quote("铜川"),
                                  headers={"Accept": "text/html"})
    assert status == 303
    target = urllib.parse.unquote(headers["location"][0].split("next=", 1)[1])
    assert target == "/组织?q=%E9%93%9C%E5%B7%9D"
    status, headers, _ = _sign_in(port, target=target)
    assert status == 303 and headers["location"] == ["/%E7%BB%84%E7%BB%87?q=%E9%93%9C%E5%B7%9D"]


def test_the_sign_in_form_refuses_cross_site_posts(served):
    _, port, _ = served
    status, headers, page = _sign_in(port, csrf="not-the-token")
    assert status == 403 and "登录表单已过期或不是从本站打开的" in page.decode()
    assert not any(c.startswith(f"{SESSION_COOKIE}=") for c in headers.get("set-cookie", []))
    status, _, page = _sign_in(port, origin="http://evil.example")
    assert status == 403
    # no CSRF cookie at all (a form posted from another site)
    body = urllib.parse.urlencode({"csrf": "x", "name": NAME, "password": PASSWORD})
    status, _, _ = _request(port, "POST", "/signin", body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403


def test_next_never_leaves_the_server(served):
    _, port, _ = served
    for target in ("//evil.example/x", "http://evil.example/", "/\\evil.example", "/signout",
                   "/x\r\nSet-Cookie: a=b"):
        status, _, page = _request(port, "GET", f"/signin?next={urllib.parse.quote(target)}")
        assert status == 200 and 'name="next" value="/"' in page.decode(), target


# --- the real browser --------------------------------------------------------------------------




def _signed_in_page(page) -> None:
    page.get_by_text(f"已登录：{NAME}（管理员）").wait_for(timeout=60_000)


@pytest.mark.browser
def test_a_sign_in_holds_across_reload_and_tabs_and_sign_out_reaches_every_tab(chromium: str, served,
                                                                                tmp_path: Path):
    from playwright.sync_api import sync_playwright

    _, port, _ = served
    base = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1300, "height": 900}, locale="zh-CN")
        page = context.new_page()
        try:
            # a bookmark while signed out: the sign-in page, then back to the bookmark
            page.goto(f"{base}/organisations")
            assert page.url.startswith(f"{base}/signin?next=")
            page.screenshot(path=str(ARTIFACTS / "session-signin.png"), full_page=True)
            page.fill("#name", NAME)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/organisations")
            _signed_in_page(page)
            page.get_by_role("heading", name="组织").first.wait_for(timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "session-signed-in.png"), full_page=True)
            cookie = next(c for c in context.cookies() if c["name"] == SESSION_COOKIE)
            assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
            assert page.evaluate("() => document.cookie").find(SESSION_COOKIE) == -1  # out of scripts' reach

            # F5
            page.reload()
            _signed_in_page(page)
            assert page.url == f"{base}/organisations"
            # a bookmark opened in a new tab
            other = context.new_page()
            other.goto(f"{base}/coverage")
            _signed_in_page(other)
            other.get_by_role("heading", name="覆盖").first.wait_for(timeout=60_000)
            other.screenshot(path=str(ARTIFACTS / "session-second-tab.png"), full_page=True)

            # sign out in the first tab
            page.get_by_role("button", name="退出登录").click()
            page.get_by_text("已退出登录。").wait_for(timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "session-signed-out.png"), full_page=True)
            # the other tab's next action asks for sign-in, and shows no data
            other.get_by_role("link", name="街道概览").click()
            other.get_by_text("登录已失效（已退出、已过期或密码已更改），请重新登录。").wait_for(timeout=60_000)
            settle(other)  # the run has ended: what it no longer draws is gone from the page
            assert other.get_by_text("已登录：").count() == 0
            assert other.get_by_text("商区党建联盟").count() == 0
            other.screenshot(path=str(ARTIFACTS / "session-other-tab-after-sign-out.png"), full_page=True)
            # and a reload there lands on the sign-in page
            other.reload()
            assert other.url.startswith(f"{base}/signin?next=")
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "session-failed.png"), full_page=True)
            raise
        finally:
            context.close()


# --- last: it locks this client's address for a moment --------------------------------------


def test_failures_are_throttled_per_client_address_across_names(served):
    _, port, _ = served
    for i in range(11):  # ten free failures, each under another name, then the address waits
        status, _, page = _sign_in(port, f"猜{i}", "wrong-password")
        assert status == 401 and "用户名或密码不正确" in page.decode()
    status, headers, page = _sign_in(port, "李规划", PASSWORD)  # the right password, the same address
    assert status == 401 and "本机地址登录失败次数过多" in page.decode()
    assert not any(c.startswith(f"{SESSION_COOKIE}=") for c in headers.get("set-cookie", []))


# --- served over TLS: the cookie is Secure ------------------------------------------------------


def test_over_tls_the_session_cookie_is_secure(tmp_path: Path):
    """The sign-in endpoint driven as the ASGI server would drive it behind TLS (scheme
    https), against a real store."""
    import asyncio

    from lianmeng.settings import Settings
    from lianmeng.web.server import SignInPages

    store = SqliteStore(tmp_path / "lianmeng.sqlite3")
    users.add_user(store, NAME, "admin", PASSWORD)
    pages = SignInPages(Settings.from_env({"LIANMENG_DATA_DIR": str(tmp_path)}), lambda: store)

    def call(method: str, body: bytes = b"", cookie: str = "") -> list[dict]:
        scope = {"type": "http", "method": method, "scheme": "https", "path": "/signin", "query_string": b"",
                 "client": ("10.0.0.7", 50000),
                 "headers": [(b"host", b"lianmeng.example"), (b"origin", b"https://lianmeng.example"),
                             (b"cookie", cookie.encode())]}
        sent: list[dict] = []

        async def receive():
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message):
            sent.append(message)

        asyncio.run(pages.signin(scope, receive, send))
        return sent

    start = call("GET")[0]
    csrf_cookie = next(v.decode() for k, v in start["headers"] if k == b"set-cookie")
    assert csrf_cookie.endswith("; Secure") and "SameSite=Strict" in csrf_cookie
    csrf = csrf_cookie.split(";")[0].split("=", 1)[1]
    form = urllib.parse.urlencode({"csrf": csrf, "next": "/", "name": NAME, "password": PASSWORD}).encode()
    done = call("POST", form, cookie=f"lianmeng_csrf={csrf}")[0]
    assert done["status"] == 303
    session = next(v.decode() for k, v in done["headers"]
                   if k == b"set-cookie" and v.startswith(SESSION_COOKIE.encode()))
    assert {"HttpOnly", "SameSite=Strict", "Secure", "Path=/"} <= {a.strip() for a in session.split(";")}
