"""Charts drawn once per data revision: the Vega-Lite spec is built and checked once, then sent as is.

``st.altair_chart`` turns an Altair chart into a Vega-Lite spec on every rerun, and Altair
checks that spec against its JSON schema each time (0.05–0.3 s of CPU per chart, more than
the rest of a page's rerun). :func:`show` keeps the converted spec per ``key`` — which must
name the store key, the revision and every widget value the chart depends on — and sends
it with ``st.vega_lite_chart``: the browser receives exactly what ``st.altair_chart`` would
have sent (Streamlit's own conversion, its data as Arrow tables).

:func:`show_svg` draws a chart made as inline SVG (:mod:`views.svg_charts`) with ``st.html``,
its markup built once per ``key`` too: no chart code for the browser to load.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

__all__ = ["show", "show_svg"]


@st.cache_resource(show_spinner=False, max_entries=64)
def _spec(key: tuple[Hashable, ...], _build: Callable[[], Any]) -> dict[str, Any]:
    try:  # Streamlit's own conversion: the theme, the autosize, the data as Arrow datasets
        from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec
    except ImportError:  # pragma: no cover - a Streamlit without it: Altair's own, data inline
        return _build().to_dict()
    return dict(_convert_altair_to_vega_lite_spec(_build()))


def show(key: tuple[Hashable, ...], build: Callable[[], Any], **kwargs: Any) -> None:
    """Draw the Altair chart ``build()`` makes, built once per ``key``.

    ``key`` names what the chart shows: the page's chart name, the store key and revision,
    and the widget values it depends on (``("coverage", store_key, rev, days)``). ``kwargs``
    go to ``st.vega_lite_chart`` (``width="stretch"`` by default).
    """
    kwargs.setdefault("width", "stretch")
    # Streamlit copies the spec before taking its datasets out: the cached one stays whole
    st.vega_lite_chart(spec=_spec(key, build), **kwargs)


@st.cache_resource(show_spinner=False, max_entries=64)
def _svg(key: tuple[Hashable, ...], _build: Callable[[], str]) -> str:
    return _build()


def show_svg(key: tuple[Hashable, ...], build: Callable[[], str]) -> None:
    """Draw the SVG figure ``build()`` makes (:mod:`views.svg_charts`), built once per ``key``
    (named as for :func:`show`)."""
    st.markdown(_svg(key, build), unsafe_allow_html=True)
