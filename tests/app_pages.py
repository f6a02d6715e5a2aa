"""The explorer under AppTest: the entry script, and a page opened through it."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page: str) -> AppTest:
    """Run app.py (sign-in gate, navigation), then switch to ``page``; no exception allowed."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def network_data(at: AppTest) -> str:
    """The view the network page sent to its frame: the drawing's data as script-safe JSON."""
    frames = [c for c in at.get("component_instance") if c.proto.component_name.endswith(".network_frame.network")]
    assert len(frames) == 1
    sent = {a.key: a.bytes for a in frames[0].proto.special_args}  # bytes, as the frame receives them
    return sent["data"].decode("utf-8") if "data" in sent else json.loads(frames[0].proto.json_args)["data"]
