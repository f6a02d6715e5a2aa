"""The top floor: every function that takes a store.

The command line (:mod:`lianmeng.cli`) and the explorer (:mod:`lianmeng.web`, ``pages/``,
``app.py``) call these; they coordinate the pure packages below (``ingest``,
``analysis``, ``meetings``, ``exports``, ``views``) with a
:class:`~graphdb.store.GraphStore`. Nothing below this floor takes a store.
"""
