"""Streamlit's own frontend files served from memory, gzipped once.

A browser that has not been here before (a new person, a new browser profile, every
browser after an upgrade) fetches about 60 of Streamlit's script files before the page
can start, six at a time, and each goes through Streamlit's whole chain of Starlette
middleware, a ``stat`` and a file read in a worker thread — and is sent uncompressed
(Streamlit leaves its bundle to a reverse proxy to compress; there is none on an office
intranet). :class:`BundleFromMemory`, in front of Streamlit, answers a ``GET`` of a file
of that bundle (``/static/…``, every name carrying its content hash) from memory with the
headers Streamlit gives it (kept a year, never revalidated), gzipped when the browser
accepts it: each file is read and compressed once per process, on its first request.
Anything else — the page itself, a range or conditional request, a name not in the
bundle — goes to Streamlit as before.

:func:`warm_up_script`: Streamlit loads the code of its tables (the data grid and Apache
Arrow: about 1.7 MB) only when a page first shows one. The overview shows none, so the first
组织 or 覆盖 after it would wait for that code; the script, run once per browser session,
asks the browser to fetch and parse those files (``modulepreload``) once the app has been
quiet a moment (:data:`WARM_DELAY_MS`) — while the person reads the page and chooses the next.
"""

from __future__ import annotations

import functools
import gzip
import json
import mimetypes
import re
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = ["BundleFromMemory", "bundle_folder", "PREFIX", "KEPT", "WARM_ROOTS", "warm_up_files", "warm_up_script"]

#: where Streamlit serves its bundle (index.html names ./static/js/…, ./static/css/…, ./static/media/…)
PREFIX = "/static/"
#: the lifetime Streamlit gives its content-named files
KEPT = b"public, immutable, max-age=31536000"
#: compressed when larger than this and of a text type
_COMPRESS_MIN = 1024
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")

Scope = dict[str, Any]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def bundle_folder() -> Path:
    """The folder holding Streamlit's content-named files (``…/streamlit/static/static``)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "static"


class _File:
    __slots__ = ("content_type", "plain", "zipped")

    def __init__(self, content_type: bytes, plain: bytes, zipped: bytes | None):
        self.content_type = content_type
        self.plain = plain
        self.zipped = zipped


class BundleFromMemory:
    """ASGI middleware: a ``GET /static/<file of Streamlit's bundle>`` answered from memory
    (see the module docstring); everything else passes to ``app``."""

    def __init__(self, app: Callable, folder: Path | None = None):
        self.app = app
        self.folder = (folder or bundle_folder()).resolve()
        self._files: dict[str, _File | None] = {}
        self._lock = threading.Lock()

    def _load(self, path: str) -> _File | None:
        """The file at URL ``path`` (read and compressed on first use), or ``None`` when it
        is not a file of the bundle."""
        if path in self._files:
            return self._files[path]
        relative = PurePosixPath(path[len(PREFIX):])
        found = None
        if relative.parts and ".." not in relative.parts and not relative.is_absolute():
            file = (self.folder / relative).resolve()
            if file.is_relative_to(self.folder) and file.is_file():
                plain = file.read_bytes()
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                if file.suffix == ".js":
                    kind = "text/javascript"
                text = kind.startswith(_TEXT_TYPES)
                zipped = gzip.compress(plain, 6, mtime=0) if text and len(plain) > _COMPRESS_MIN else None
                found = _File((kind + ("; charset=utf-8" if text else "")).encode(), plain, zipped)
        with self._lock:
            if len(self._files) < 4096:  # names only of this bundle are kept (a few hundred)
                self._files[path] = found
        return found

    async def __call__(self, scope: Scope, receive: Callable, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(PREFIX) or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if b"range" in headers or b"if-none-match" in headers or b"if-modified-since" in headers:
            await self.app(scope, receive, send)
            return
        entry = self._files.get(path)
        if entry is None and path not in self._files:
            from starlette.concurrency import run_in_threadpool

            entry = await run_in_threadpool(self._load, path)
        if entry is None:
            await self.app(scope, receive, send)
            return
        zipped = entry.zipped is not None and b"gzip" in headers.get(b"accept-encoding", b"")
        body = entry.zipped if zipped else entry.plain
        raw = [(b"content-type", entry.content_type), (b"content-length", str(len(body)).encode()),
               (b"cache-control", KEPT), (b"x-content-type-options", b"nosniff")]
        if entry.zipped is not None:
            raw.append((b"vary", b"accept-encoding"))
        if zipped:
            raw.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": raw})
        await send({"type": "http.response.body", "body": body})


#: the module of Streamlit's bundle that draws tables (its data grid; nearly every page has
#: one). Its charts (Vega-Lite) are left: only 工作台账, 审计 and 导入数据 draw one
WARM_ROOTS = ("DataFrame",)
#: how long the app must have been quiet (no page running) before the warm-up: it never
#: competes with a page being opened, only uses the time someone spends reading one (at
#: 1.5 s a quick next click still paid for the table code: street 组织 1.02 s, now 0.90 s)
WARM_DELAY_MS = 300
_STATIC_IMPORT = re.compile(r'(?:from\s*|import\s*)"\./([\w.\-]+\.js)"')


def _closure(folder: Path, names: list[str]) -> set[str]:
    """``names`` and every module they import statically (not their ``import()``s)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen or not (folder / name).is_file():
            continue
        seen.add(name)
        todo += _STATIC_IMPORT.findall((folder / name).read_text(encoding="utf-8", errors="replace"))
    return seen


@functools.cache
def warm_up_files(folder: Path | None = None, roots: tuple[str, ...] = WARM_ROOTS) -> tuple[str, ...]:
    """The file names (in ``js/``) of the ``roots`` modules and what they import, less what
    every page loads anyway (the entry module's imports); empty when the bundle has no
    such modules (another Streamlit version: nothing is warmed, nothing breaks)."""
    js = (folder or bundle_folder()) / "js"
    entry = sorted(p.name for p in js.glob("index.*.js"))
    found = [p.name for root in roots for p in sorted(js.glob(f"{root}.*.js"))]
    if not entry or not found:
        return ()
    return tuple(sorted(_closure(js, found) - _closure(js, entry)))


def warm_up_script(files: tuple[str, ...]) -> str:
    """A ``<script>`` that, once the app has been quiet (no page running) for
    :data:`WARM_DELAY_MS` and the browser is idle, adds a ``modulepreload`` link for each of
    ``files`` (resolved beside Streamlit's own entry module, as its imports are)."""
    return ("<script>(function () {\n"
            f"  var files = {json.dumps(list(files)).replace('</', '<' + chr(92) + '/')};\n"
            "  function warm() {\n"
            "    var entry = document.querySelector('script[type=module][src*=\"/static/js/index.\"]');\n"
            "    if (!entry) { return; }\n"
            "    files.forEach(function (name) {\n"
            "      var href = new URL('./' + name, entry.src).href;\n"
            "      if (document.querySelector('link[rel=modulepreload][href=\"' + href + '\"]')) { return; }\n"
            "      var link = document.createElement('link');\n"
            "      link.rel = 'modulepreload'; link.href = href; document.head.appendChild(link);\n"
            "    });\n"
            "  }\n"
            "  var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 1); };\n"
            "  // only once the app has been quiet (no page running or drawing) that long: never\n"
            "  // beside a page being opened, only while someone reads one\n"
            "  var quietSince = null;\n"
            "  var timer = setInterval(function () {\n"
            "    var app = document.querySelector('[data-testid=stApp]');\n"
            "    var quiet = app && app.getAttribute('data-test-script-state') === 'notRunning';\n"
            "    quietSince = quiet ? (quietSince === null ? Date.now() : quietSince) : null;\n"
            f"    if (quietSince !== null && Date.now() - quietSince >= {WARM_DELAY_MS}) {{\n"
            "      clearInterval(timer); idle(warm, { timeout: 5000 });\n"
            "    }\n"
            "  }, 250);\n"
            "})();</script>")
