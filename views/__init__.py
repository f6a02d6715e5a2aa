"""View builders for the explorer pages: pure Python, no streamlit, no store.

A page reads widgets, calls one of these builders with a :class:`~lianmeng.dataset.Dataset`
(and, where it has them, analysis results passed in as plain arguments) and renders what
comes back.
"""
