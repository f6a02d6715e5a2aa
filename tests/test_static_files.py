"""Streamlit's bundle from memory (lianmeng.web.static_files): the same bytes as the file,
gzipped when asked, kept a year; anything else left to Streamlit."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest

from lianmeng.web.static_files import KEPT, BundleFromMemory, bundle_folder


class _Streamlit:
    """The app behind the middleware: answers 299 and counts the requests it saw."""

    def __init__(self):
        self.seen: list[str] = []

    async def __call__(self, scope, receive, send):
        self.seen.append(scope["path"])
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _get(app, path: str, *, method: str = "GET", headers: dict[bytes, bytes] | None = None):
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": method, "path": path, "headers": list((headers or {}).items())}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def bundle(tmp_path: Path):
    folder = tmp_path / "static"
    (folder / "js").mkdir(parents=True)
    (folder / "js" / "index.abc123.js").write_text("console.log('联盟');\n" * 200, encoding="utf-8")
    (folder / "media").mkdir()
    (folder / "media" / "font.x1.woff2").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "secret.txt").write_text("not part of the bundle")
    behind = _Streamlit()
    return BundleFromMemory(behind, folder), behind, folder


def test_a_bundle_file_comes_from_memory_with_its_lifetime(bundle):
    app, behind, folder = bundle
    status, headers, body = _get(app, "/static/js/index.abc123.js")
    assert (status, body) == (200, (folder / "js" / "index.abc123.js").read_bytes())
    assert headers[b"cache-control"] == KEPT and headers[b"content-type"] == b"text/javascript; charset=utf-8"
    assert b"content-encoding" not in headers and headers[b"content-length"] == str(len(body)).encode()
    assert behind.seen == []


def test_it_is_gzipped_when_the_browser_accepts_it_and_a_font_is_not(bundle):
    app, behind, folder = bundle
    status, headers, body = _get(app, "/static/js/index.abc123.js", headers={b"accept-encoding": b"gzip, br"})
    assert status == 200 and headers[b"content-encoding"] == b"gzip" and headers[b"vary"] == b"accept-encoding"
    assert gzip.decompress(body) == (folder / "js" / "index.abc123.js").read_bytes()
    assert len(body) < len(gzip.decompress(body)) / 10
    status, headers, body = _get(app, "/static/media/font.x1.woff2", headers={b"accept-encoding": b"gzip"})
    assert status == 200 and b"content-encoding" not in headers and body == bytes(range(256)) * 8
    assert behind.seen == []


@pytest.mark.parametrize("path", ["/static/js/missing.js", "/static/../secret.txt", "/static/js/../../secret.txt",
                                  "/static/", "/", "/_stcore/health", "/component/x/index.html"])
def test_anything_else_goes_to_streamlit(bundle, path: str):
    app, behind, _ = bundle
    assert _get(app, path)[0] == 299 and behind.seen == [path]


@pytest.mark.parametrize("method, headers", [("HEAD", {}), ("POST", {}), ("GET", {b"range": b"bytes=0-10"}),
                                             ("GET", {b"if-none-match": b'"x"'})])
def test_other_requests_for_a_bundle_file_go_to_streamlit(bundle, method: str, headers: dict):
    app, behind, _ = bundle
    assert _get(app, "/static/js/index.abc123.js", method=method, headers=headers)[0] == 299
    assert behind.seen == ["/static/js/index.abc123.js"]


def test_the_bundle_folder_is_streamlits_own():
    folder = bundle_folder()
    assert (folder.parent / "index.html").is_file()
    assert any(folder.glob("js/index.*.js"))


def test_the_warm_up_names_the_table_code_and_nothing_every_page_loads():
    from lianmeng.web.static_files import warm_up_files, warm_up_script

    files = warm_up_files()
    folder = bundle_folder() / "js"
    assert all((folder / name).is_file() for name in files)
    assert any(n.startswith("DataFrame.") for n in files) and any(n.startswith("recordbatch.") for n in files)
    assert not any(n.startswith("embed.") for n in files)  # Vega-Lite: few pages draw with it now
    assert not any(n.startswith("index.") for n in files)  # the entry module and its imports load anyway
    script = warm_up_script(files)
    assert script.startswith("<script>") and script.count("modulepreload") == 2 and '"DataFrame.' in script


def test_the_warm_up_finds_nothing_in_a_bundle_without_those_modules(bundle):
    from lianmeng.web.static_files import warm_up_files

    _, _, folder = bundle
    assert warm_up_files(folder) == ()
