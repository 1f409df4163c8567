"""Download buttons for chart images and the city brief, and the deferred file every download button gets.

The file is made only when the button is clicked: st.download_button receives a
callable (Streamlit 1.67's deferred download), so a rerun never renders anything.
The callables capture plain values only; they run outside the script thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from pioc_metrics.exports import brief, handover
from pioc_metrics.exports import images as exports
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t


def made_once(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """The file is made on the first request and kept for a repeated one (the browser may ask twice)."""
    made: list[bytes] = []
    lock = threading.Lock()

    def cached() -> bytes:
        with lock:
            if not made:
                made.append(make())
            return made[0]

    return cached


def chart_downloads(fig: go.Figure, ctx, name: str, *, title: str, source_line: str) -> None:
    """PNG and SVG buttons for one chart, with title, source and settings written on the image."""
    lang = ctx.lang
    settings_line = exports.settings_text(ctx.settings, lang)

    def render(fmt: str):
        def make() -> bytes:  # a copy of its own: decorating the image never touches the page's (shared) figure
            return exports.figure_image(go.Figure(fig), fmt, title=title, source_line=source_line,
                                        settings_line=settings_line)
        return made_once(make)

    stem = escape.filename(name, default="chart")
    left, right = st.columns(2)
    for column, fmt in ((left, "png"), (right, "svg")):
        with column:
            st.download_button(
                t(f"exp_download_{fmt}", lang), data=render(fmt), file_name=f"{stem}.{fmt}",
                mime=exports.MIME_TYPES[fmt], key=f"exp_{stem}_{fmt}", on_click="ignore",
                help=t("exp_download_help", lang),
            )


def _pdf_download(ctx, city_id: str, name: str, label_key: str, help_key: str, make) -> None:
    """A button that makes the city's PDF (`make(data, table, city_id, settings, lang)`) on the first click."""
    data, table, settings, lang = ctx.data, ctx.table, ctx.settings, ctx.lang
    st.download_button(
        t(label_key, lang), data=made_once(lambda: make(data, table, city_id, settings, lang)),
        file_name=f"{city_id}-{name}-{lang}.pdf", mime=exports.MIME_TYPES["pdf"], key=f"exp_{name}_{city_id}_{lang}",
        on_click="ignore", help=t(help_key, lang),
    )


def city_brief_download(ctx, city_id: str) -> None:
    """The one-page PDF brief of a city in the page's language."""
    _pdf_download(ctx, city_id, "brief", "exp_download_brief", "exp_download_help", brief.city_brief)


def handover_download(ctx, city_id: str) -> None:
    """The handover brief (PDF) of a city for an incoming administration, in the page's language."""
    _pdf_download(ctx, city_id, "handover", "handover_button", "handover_help", handover.handover_brief)
