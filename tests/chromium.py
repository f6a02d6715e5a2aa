"""Headless Chromium for the browser test and the UI benchmark: found, started offline.

Debian's ``chromium`` is driven through Playwright for Python with ``executable_path``
(Playwright's own browser download is never used). The flags cut every route out of the
machine: host names other than localhost resolve to nothing, and background services
(component updates, sync, QUIC) are off.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "SETTLED_JS", "chromium_path", "is_local", "settle"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    # each new window (every Playwright context) loads Chromium's own omnibox popup, a web page
    # of its own (chrome://omnibox-popup.top-chrome): 0.5-1.4 s of CPU on this machine, beside
    # the page being timed. A person's browser has it loaded once, with the window they type in
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed (``LIANMENG_CHROMIUM`` overrides)."""
    for candidate in (os.environ.get("LIANMENG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (or never leaves the page)."""
    if url.startswith(("data:", "about:", "blob:", "chrome-error:")):
        return True
    for scheme in ("http://", "https://", "ws://", "wss://"):
        if url.startswith(scheme):
            host = url[len(scheme):].split("/", 1)[0].rsplit(":", 1)[0]
            return host in {"127.0.0.1", "localhost", "[::1]"}
    return False


#: true once Streamlit has finished running the page and drawn everything it sent: no
#: skeleton left, and every table and chart in the window drawn (their code loads on first
#: use, after the run has ended; one below the window, or in a closed tab or expander, is
#: drawn only once it is scrolled to or opened)
SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    // a closed expander (<details>) keeps its content laid out but never drawn
    return e.checkVisibility() && !e.closest('details:not([open])') && r.height > 0
      && r.top < window.innerHeight && r.bottom > 0;
  };
  for (const e of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (shown(e) && !e.querySelector('canvas')) return false;
  }
  for (const e of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (shown(e) && !e.querySelector('canvas, svg')) return false;
  }
  return true;
}"""


def settle(page, timeout_ms: float = 60_000) -> None:
    """Wait until the Streamlit page has run and rendered (no script running, no skeleton)."""
    page.wait_for_function(SETTLED_JS, timeout=timeout_ms, polling=50)
    # the state flips before the last elements are laid out: two animation frames more
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
