"""OIDC for real: ``lianmeng serve`` with LIANMENG_AUTH=oidc signs in through a real
OpenID Connect provider (NAV's mock-oauth2-server from Maven Central, started here), in
headless Chromium. The provider's e-mail claim maps to a user and role; an e-mail no user
carries is refused and sees no data.

Skipped with a message without Java, Maven or Chromium; under ``CI=true`` a missing tool
is a failure (like the Neo4j fixtures).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM_ARGS
from conftest import _unavailable
from oidc_provider import OidcProvider, ProviderError, free_port, tools_available

from graphdb.sqlite_store import SqliteStore
from lianmeng.ops import users
from lianmeng.sample import sample_street

pytestmark = [pytest.mark.browser, pytest.mark.oidc]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
KNOWN = "zhao.zhuxi@jiedao.example"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    ok, reason = tools_available()
    if not ok:
        _unavailable(reason, what="OIDC 测试无法运行")
    started = OidcProvider(tmp_path_factory.mktemp("oidc"))
    try:
        started.start()
    except ProviderError as exc:
        _unavailable(str(exc), what="OIDC 测试无法运行")
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def oidc_server(provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The explorer with sign-in by the provider; Streamlit's [auth] secrets in the
    server's own home directory (~/.streamlit/secrets.toml)."""
    data = tmp_path_factory.mktemp("oidc-data")
    home = tmp_path_factory.mktemp("oidc-home")
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        store.replace_all(sample_street())
        users.add_user(store, "赵主席", "chair", None, alliance="commercial", email=KNOWN.upper())
    port = free_port()
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text("\n".join([
        "[auth]",
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"',
        f'cookie_secret = "{secrets.token_hex(32)}"',
        'client_id = "lianmeng"',
        'client_secret = "not-a-real-secret"',
        f'server_metadata_url = "{provider.metadata_url}"',
    ]) + "\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "LIANMENG_DATA_DIR": str(data), "LIANMENG_STORE": "embedded",
           "LIANMENG_AUTH": "oidc"}
    log = open(data / "serve.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen([str(Path(sys.executable).with_name("lianmeng")), "serve", "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/signin", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((data / "serve.log").read_text(errors="replace"))
            time.sleep(0.3)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def _sign_in_at_provider(page, server: str, email: str, shot: str) -> None:
    page.goto(server)
    assert page.url.startswith(f"{server}/signin?next=")  # the gate, below the pages
    page.get_by_role("link", name="使用单位统一身份登录").click()
    page.wait_for_selector("textarea[name=claims]", timeout=60_000)  # the provider's own login page
    assert page.url.startswith("http://127.0.0.1:") and "/default/authorize" in page.url
    page.fill("input[name=username]", email.split("@")[0])
    page.fill("textarea[name=claims]", json.dumps({"email": email, "email_verified": True}))
    page.screenshot(path=str(ARTIFACTS / f"{shot}-provider.png"), full_page=True)
    page.click("input[type=submit]")
    page.wait_for_url(f"{server}/**", timeout=60_000)


def _status(server: str, path: str, cookies: str | None = None) -> int:
    request = urllib.request.Request(server + path, headers={"Cookie": cookies} if cookies else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_anonymous_requests_get_nothing_in_oidc_mode(oidc_server: str):
    for path in ("/_stcore/health", "/_stcore/host-config", "/media/x.png", "/_stcore/stream"):
        assert _status(oidc_server, path) == 401, path
    assert _status(oidc_server, "/signin") == 200


def test_oidc_sign_in_maps_the_email_to_a_user_and_refuses_an_unknown_one(chromium: str, oidc_server: str,
                                                                           tmp_path: Path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            known = browser.new_context(viewport={"width": 1300, "height": 900}, locale="zh-CN").new_page()
            try:
                _sign_in_at_provider(known, oidc_server, KNOWN, "oidc-known")
                known.get_by_text("已登录：赵主席（轮值主席）").wait_for(timeout=60_000)
                known.get_by_role("heading", name="街道概览").first.wait_for(timeout=60_000)
                # the chair's role decides the pages: no audit, no users
                assert known.get_by_role("link", name="审计").count() == 0
                known.screenshot(path=str(ARTIFACTS / "oidc-known-signed-in.png"), full_page=True)
                known.reload()  # the provider's sign-in holds across F5 (Streamlit's signed cookie)
                known.get_by_text("已登录：赵主席（轮值主席）").wait_for(timeout=60_000)
                cookies = "; ".join(f"{c['name']}={c['value']}" for c in known.context.cookies())
                assert _status(oidc_server, "/_stcore/host-config", cookies) == 200
            except Exception:
                known.screenshot(path=str(ARTIFACTS / "oidc-known-failed.png"), full_page=True)
                raise

            unknown = browser.new_context(viewport={"width": 1300, "height": 900}, locale="zh-CN").new_page()
            try:
                _sign_in_at_provider(unknown, oidc_server, "stranger@elsewhere.example", "oidc-unknown")
                unknown.get_by_text("您的账号 stranger@elsewhere.example 尚未开通联盟图谱").wait_for(timeout=60_000)
                assert unknown.url.startswith(f"{oidc_server}/signin")
                # signed in at the provider is not enough: the server below the pages refuses too
                cookies = "; ".join(f"{c['name']}={c['value']}" for c in unknown.context.cookies())
                assert _status(oidc_server, "/_stcore/host-config", cookies) == 401
                assert unknown.get_by_text("已登录：").count() == 0
                assert unknown.get_by_role("link", name="街道概览").count() == 0
                assert unknown.get_by_text("商区党建联盟").count() == 0
                unknown.screenshot(path=str(ARTIFACTS / "oidc-unknown-refused.png"), full_page=True)
            except Exception:
                unknown.screenshot(path=str(ARTIFACTS / "oidc-unknown-failed.png"), full_page=True)
                raise
        finally:
            browser.close()
