"""Chart images made on the server (PNG, SVG), with title, source and settings written on them.

Pure functions: no Streamlit. Images are drawn by kaleido with the machine's Chromium
(env BROWSER_PATH, else /usr/bin/chromium) and the plotly.js that plotly ships, with
MathJax off, so an export never needs the internet.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import plotly.graph_objects as go

from pioc_metrics.figures import theme
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F

DEFAULT_CHROMIUM = "/usr/bin/chromium"
IMAGE_FORMATS = ("png", "svg")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def _browser_ready() -> None:
    """Point kaleido at the machine's Chromium unless BROWSER_PATH already says where one is."""
    if not os.environ.get("BROWSER_PATH") and Path(DEFAULT_CHROMIUM).exists():
        os.environ["BROWSER_PATH"] = DEFAULT_CHROMIUM


def decorated_figure(fig: go.Figure, *, title: str, source_line: str, settings_line: str,
                     width: int = 1200, height: int = 675) -> go.Figure:
    """A copy of `fig` in the theme, with its title on top and the source and settings lines at the bottom.
    The three texts are plain: escaped here."""
    out = go.Figure(fig)
    scale = max(width / 1200, 0.6)
    margin = out.layout.margin
    bottom = max(int(margin.b or 0), int(95 * scale))
    out.update_layout(
        template=theme.NAME,
        title={"text": escape.plotly(title), "x": 0.01, "xanchor": "left", "font": {"size": int(22 * scale)}},
        width=width, height=height,
        margin={"t": max(int(margin.t or 0), int(80 * scale)), "b": bottom,
                "l": max(int(margin.l or 0), 60), "r": max(int(margin.r or 0), 40)},
    )
    for i, text in enumerate(line for line in (source_line, settings_line) if line):
        out.add_annotation(
            text=escape.plotly(text), xref="paper", yref="paper", x=0, xanchor="left",
            y=0, yanchor="top", yshift=-int((48 + 22 * i) * scale), showarrow=False,
            font={"size": int(13 * scale), "color": theme.MUTED}, align="left",
        )
    return out


def figure_image(fig: go.Figure, fmt: str, *, title: str, source_line: str, settings_line: str,
                 width: int = 1200, height: int = 675) -> bytes:
    """The figure as PNG or SVG bytes, with title, source and settings written on it."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"format must be one of {IMAGE_FORMATS}")
    decorated = decorated_figure(fig, title=title, source_line=source_line, settings_line=settings_line,
                                 width=width, height=height)
    return _render(decorated.to_dict(), {"format": fmt, "width": width, "height": height, "scale": 1})


_RENDER_LOCK = threading.Lock()


def _render(fig_dict: dict, opts: dict) -> bytes:
    """One image from kaleido's warm browser (started on the first export, reused after: Chromium's
    cold start takes seconds); one call at a time, since the shared server is not thread-safe.
    If the warm browser fails, a one-off browser is tried before giving up."""
    import kaleido

    _browser_ready()
    with _RENDER_LOCK:
        try:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            return kaleido.calc_fig_sync(fig_dict, opts=opts)
        except Exception:
            with contextlib.suppress(Exception):
                kaleido.stop_sync_server(silence_warnings=True)
        return kaleido.calc_fig_sync(fig_dict, opts=opts, kopts={"mathjax": False})


def settings_text(settings: Settings, lang: str) -> str:
    """The settings line written on every export (same words as the pages' settings line)."""
    return F.settings_line(settings, lang)
