"""Start Streamlit for the explorer (``lianmeng serve`` runs ``python -m`` on this).

Streamlit still has its old folder-based navigation: when a folder named ``pages/``
sits beside the entry script, it uses that folder for navigation *until* some session
first runs ``app.py`` and calls ``st.navigation``. A first visit straight to a
bookmarked sub-page (``/network``) after a restart would then run that page file alone:
no Chinese navigation, no wide layout, and the page's own sign-in check the only gate.
The flag is a class attribute read once per process, so setting it before the server
starts makes every session use ``app.py``'s navigation from the first request. The
browser test opens a sub-page first on a fresh server to keep this honest.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli as streamlit_cli

    PagesManager.uses_pages_directory = False  # app.py declares every page (st.navigation)
    sys.argv = ["streamlit", *(sys.argv[1:] if argv is None else argv)]
    return streamlit_cli.main()


if __name__ == "__main__":  # pragma: no cover - run by `lianmeng serve`
    sys.exit(main())
