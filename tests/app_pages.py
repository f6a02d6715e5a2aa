"""The explorer under AppTest: the entry script, and a page opened through it."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


#: the network page's expanders open (their widgets are built only then)
NETWORK_FILTERS_OPEN = {"network_more_open": True}
NETWORK_CHAIN_OPEN = {"network_chain_open": True}


def open_page(page: str, state: dict | None = None) -> AppTest:
    """Run app.py (sign-in gate, navigation), then switch to ``page`` with ``state`` in its
    session state (an expander opened, say); no exception allowed."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def network_data(at: AppTest) -> str:
    """The view the network page sent to its frame: the drawing's data as script-safe JSON."""
    frames = [c for c in at.get("component_instance") if c.proto.component_name.endswith(".network_frame.network")]
    assert len(frames) == 1
    sent = {a.key: a.bytes for a in frames[0].proto.special_args}  # bytes, as the frame receives them
    return sent["data"].decode("utf-8") if "data" in sent else json.loads(frames[0].proto.json_args)["data"]
