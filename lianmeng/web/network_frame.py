"""The network page's drawing: one frame that loads vis-network once and redraws in place.

``st.iframe(document)`` sent the whole standalone document — vis-network inlined, 0.9 MB
before any data — on every rerun, and the browser parsed it all again for every new view
(a focused alliance, a filter). This frame is a Streamlit custom component whose files
(:func:`views.network_html.frame_files`) are written once per process to a temporary
folder and served by Streamlit under ``/component/``: the browser loads the page and
vis-network when the network page opens, and each rerun only sends the view's data, which
the frame draws in place — or ignores, when its version has not changed.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Collection
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from views.explorer import ExplorerView
from views.network_html import frame_files

__all__ = ["show", "FRAME_KEY", "FRAME_URL_PREFIX", "FrameAssetCache"]

#: the frame's widget key: the same frame (and browser document) on every rerun of the page
FRAME_KEY = "lm_network_frame"
#: where Streamlit serves the frame's files (the component is named after this module)
FRAME_URL_PREFIX = f"/component/{__name__}.network/"
#: how long a browser keeps the frame's content-named files
ASSET_CACHE = b"private, max-age=31536000, immutable"


@st.cache_resource(show_spinner=False)
def _folder() -> str:
    """The frame's files, written once per process (removed when it ends)."""
    folder = Path(tempfile.mkdtemp(prefix="lianmeng-network-"))
    atexit.register(shutil.rmtree, folder, True)
    for name, text in frame_files().items():
        (folder / name).write_text(text, encoding="utf-8")
    return str(folder)


def show(view: ExplorerView, *, height: int, editable: bool | Collection[str]) -> None:
    """Draw ``view`` in the page's network frame, ``height`` pixels tall. ``editable``
    adds the edit and pairing links to an organisation's side panel: ``True`` for every
    organisation, else for those named (a chair's members; the 组织 page and the store
    check the role again)."""
    # declared on every run: registered with the running server (cheap), files written once
    frame = components.declare_component("network", path=_folder())
    # the data as bytes: sent as is (a string argument would be escaped into the JSON of
    # the arguments, and parsed twice in the browser), drawn only when ``version`` changes
    frame(data=view.data.encode("utf-8"), version=view.version, height=height, key=FRAME_KEY, default=None,
          editable=True if editable is True else sorted(editable or ()))


class FrameAssetCache:
    """ASGI middleware: the browser keeps the frame's content-named files (vis-network, the
    drawing script) instead of fetching and compiling 0.9 MB again on every visit to the
    network page. Streamlit serves component files without a lifetime; ``index.html`` keeps
    Streamlit's ``no-cache`` and names the current files."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(FRAME_URL_PREFIX) or not path.endswith((".js", ".css")):
            await self.app(scope, receive, send)
            return

        async def kept(message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = {**message, "headers": [*headers, (b"cache-control", ASSET_CACHE)]}
            await send(message)

        await self.app(scope, receive, kept)
