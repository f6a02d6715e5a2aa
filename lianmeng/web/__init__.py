"""The explorer's Streamlit-bound helpers, shared by ``app.py`` and ``pages/``.

The only code besides the pages that imports ``streamlit``: the store and the signed-in
user in the session (:mod:`.common`), cached reads keyed by the store's revision
(:mod:`.explorer_data`, :mod:`.analysis_data`) and the server launcher (:mod:`.launch`).
"""
