"""Take-away material made on the server: chart images (PNG, SVG) and the one-page city brief (PDF).

Pure functions: no Streamlit. Images are drawn by kaleido with the machine's Chromium
(env BROWSER_PATH, else /usr/bin/chromium) and the plotly.js that plotly ships, with
MathJax off, so an export never needs the internet.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import os
import threading
import unicodedata
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.text.i18n import t
from pioc_metrics.settings import Settings

DEFAULT_CHROMIUM = "/usr/bin/chromium"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
IMAGE_FORMATS = ("png", "svg")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def _browser_ready() -> None:
    """Point kaleido at the machine's Chromium unless BROWSER_PATH already says where one is."""
    if not os.environ.get("BROWSER_PATH") and Path(DEFAULT_CHROMIUM).exists():
        os.environ["BROWSER_PATH"] = DEFAULT_CHROMIUM


def decorated_figure(fig: go.Figure, *, title: str, source_line: str, settings_line: str,
                     width: int = 1200, height: int = 675) -> go.Figure:
    """A copy of `fig` with its title on top and the source and settings lines at the bottom."""
    out = go.Figure(fig)
    scale = max(width / 1200, 0.6)
    margin = out.layout.margin
    bottom = max(int(margin.b or 0), int(95 * scale))
    out.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": int(22 * scale)}},
        width=width, height=height,
        margin={"t": max(int(margin.t or 0), int(80 * scale)), "b": bottom,
                "l": max(int(margin.l or 0), 60), "r": max(int(margin.r or 0), 40)},
        font={"family": FONT_FAMILY},
        paper_bgcolor="white",
    )
    footer = [source_line, settings_line]
    for i, text in enumerate(t for t in footer if t):
        out.add_annotation(
            text=_escape_plotly(text), xref="paper", yref="paper", x=0, xanchor="left",
            y=0, yanchor="top", yshift=-int((48 + 22 * i) * scale), showarrow=False,
            font={"size": int(13 * scale), "color": "#333333"}, align="left",
        )
    return out


def _escape_plotly(text: str) -> str:
    """Plotly reads a few HTML tags in text; data-borne text must stay text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


# ---------------------------------------------------------------- the city brief


def city_trajectory_figure(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings,
                           lang: str) -> go.Figure:
    """The city page's trajectory chart when it exists; else a plain line chart of the same facts."""
    try:
        from pioc_metrics.figures.trajectory import trajectory_figure
    except ImportError:
        return _fallback_trajectory(data, table, city_id, settings, lang)
    return trajectory_figure(data, table, city_id, settings, lang)


def _fallback_trajectory(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings,
                         lang: str) -> go.Figure:
    from pioc_metrics.engine.methodology import city_series, projection_path, target_path

    rows = city_series(data, city_id, settings.indicator)
    fig = go.Figure()
    for series, group in rows.groupby("series", sort=False):
        main = series == C.MAIN_SERIES
        fig.add_scatter(
            x=group["year"], y=group["value"], name=t("series", lang) + ": " + str(series) if not main else str(series),
            mode="lines+markers" if main else "markers",
            line={"color": "#0072B2", "width": 3}, marker={"size": 7 if main else 11,
                                                         "symbol": "circle" if main else "diamond",
                                                         "color": "#0072B2" if main else "#E69F00"},
        )
    if city_id in table.index:
        row = table.loc[city_id]
        path = target_path(row, settings)
        if len(path):
            fig.add_scatter(x=path["year"], y=path["value"], name=t("exp_target_path", lang), mode="lines",
                            line={"color": "#009E73", "dash": "dash", "width": 2})
        projection = projection_path(row, settings)
        if len(projection):
            fig.add_scatter(x=projection["year"], y=projection["value"], name=t("exp_projection", lang),
                            mode="lines", line={"color": "#D55E00", "dash": "dot", "width": 2})
    fig.update_layout(template="plotly_white", legend={"orientation": "h", "y": -0.15},
                      xaxis_title=t("year", lang), yaxis_rangemode="tozero")
    return fig


def _font_ready(pdf) -> str:
    """DejaVu Sans when installed (accents, minus sign); else the core font, text transliterated."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu"
    return "Helvetica"


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw: accents kept where Latin-1 has them, others simplified."""
    text = str(text).replace("−", "-").replace("–", "-").replace("—", "-").replace("’", "'")
    text = text.replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
    out = []
    for char in text:
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            out.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?")
    return "".join(out)


def brief_facts(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str) -> dict:
    """Everything the brief writes, as text in `lang`: name, status and reason, key figures, flags, sources."""
    cities = data.cities.set_index("city_id")
    city = cities.loc[city_id] if city_id in cities.index else None
    name = str(city["city"]) if city is not None else city_id
    country = str(city["country"]) if city is not None else ""
    row = table.loc[city_id] if city_id in table.index else None
    facts: dict = {"name": name, "country": country, "figures": [], "flags": [], "sources": []}
    no_data = row is None or "no_data" in str(row.get("flags", "")).split(";")
    if no_data or pd.isna(row["baseline"]):
        facts["status"] = t("no_data_yet", lang)
        facts["reason"] = t("no_data_yet_how", lang)
    else:
        facts["status"] = F.status_label(row["status"], lang)
        facts["reason"] = status_reason(row, lang)
        facts["figures"] = key_figures(row, settings, lang)
    if row is not None:
        for flag in [f for f in str(row.get("flags", "")).split(";") if f and f != "no_data"]:
            facts["flags"].append(t("flag_" + flag, lang, year=F.year(row.get("baseline_year"))))
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) &
                               (data.indicators["indicator"] == settings.indicator)]
    facts["sources"] = list(dict.fromkeys(rows["source"].dropna().astype(str)))
    return facts


def status_reason(row: pd.Series, lang: str) -> str:
    """'needs −6.1 % a year, has −2.6 % a year' (or why no rate applies)."""
    if row["status"] == "achieved":
        return t("exp_reason_achieved", lang, latest=F.number(row["latest"], lang),
                 target=F.number(row["target"], lang))
    if pd.isna(row["cagr_required"]) or pd.isna(row["cagr_actual"]):
        return ""
    return t("exp_reason", lang, required=F.percent(row["cagr_required"], lang, signed=True),
             actual=F.percent(row["cagr_actual"], lang, signed=True))


def key_figures(row: pd.Series, settings: Settings, lang: str) -> list[tuple[str, str]]:
    first = row["first_year_at_target"]
    if row["status"] == "achieved":
        first_text = t("exp_first_year_met", lang)
    elif pd.isna(first):
        first_text = t("exp_first_year_never", lang)
    else:
        first_text = F.year(first)
    return [
        (t("exp_fig_baseline", lang, year=F.year(row["baseline_year"])), F.number(row["baseline"], lang)),
        (t("exp_fig_latest", lang, year=F.year(row["latest_year"])), F.number(row["latest"], lang)),
        (t("exp_fig_target", lang, year=settings.target_year), F.number(row["target"], lang)),
        (t("exp_fig_reduction_so_far", lang), F.percent(row["reduction_so_far"], lang)),
        (t("exp_fig_required", lang), F.percent(row["cagr_required"], lang, signed=True)),
        (t("exp_fig_actual", lang), F.percent(row["cagr_actual"], lang, signed=True)),
        (t("exp_fig_projection", lang, year=settings.target_year), F.number(row["projection"], lang)),
        (t("exp_fig_first_year", lang), first_text),
    ]


def settings_text(settings: Settings, lang: str) -> str:
    """The settings line written on every export (same words as the pages' settings line)."""
    return F.settings_line(settings, lang)


def city_brief_pdf(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str,
                   figure_png: bytes | None, *, today: _dt.date | None = None) -> bytes:
    """One A4 page: the city's status in words, key figures, trajectory chart, flags, sources, settings, date."""
    from fpdf import FPDF

    facts = brief_facts(data, table, city_id, settings, lang)
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 14, 15)
    pdf.add_page()
    family = _font_ready(pdf)
    text = (lambda s: str(s)) if family == "DejaVu" else latin1
    pdf.set_title(text(t("exp_brief_title", lang, city=facts["name"])))
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font(family, "", 9)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(width, 5, text(t("app_title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(family, "B", 20)
    heading = facts["name"] + (f", {facts['country']}" if facts["country"] else "")
    pdf.cell(width, 10, text(heading), new_x="LMARGIN", new_y="NEXT")

    # Status in words with its colour bar (the words and symbol carry it; the colour only helps).
    row = table.loc[city_id] if city_id in table.index else None
    colour = C.STATUS_COLOURS.get(str(row["status"]) if row is not None else "", "#999999")
    pdf.set_fill_color(*_rgb(colour))
    y = pdf.get_y() + 1
    pdf.rect(pdf.l_margin, y, 2.5, 12, style="F")
    pdf.set_xy(pdf.l_margin + 5, y)
    pdf.set_font(family, "B", 14)
    status_text = facts["status"] if family == "DejaVu" else facts["status"].lstrip("★▲◆●▼○ ")
    pdf.cell(width - 5, 6.5, text(f"{t('status', lang)}: {status_text}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 5)
    pdf.set_font(family, "", 10.5)
    pdf.multi_cell(width - 5, 5, text(facts["reason"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    if facts["figures"]:
        pdf.set_font(family, "B", 11)
        pdf.cell(width, 6, text(t("exp_key_figures", lang, unit=_unit(data, settings.indicator, lang))),
                 new_x="LMARGIN", new_y="NEXT")
        col = width / 4
        for i, (label, value) in enumerate(facts["figures"]):
            x = pdf.l_margin + (i % 4) * col
            if i % 4 == 0 and i:
                pdf.ln(12)
            top = pdf.get_y()
            pdf.set_xy(x, top)
            pdf.set_font(family, "", 8)
            pdf.set_text_color(80, 80, 80)
            pdf.cell(col - 2, 4, text(label))
            pdf.set_xy(x, top + 4.2)
            pdf.set_font(family, "B", 13)
            pdf.set_text_color(0, 0, 0)
            pdf.cell(col - 2, 6.5, text(value))
            pdf.set_xy(pdf.l_margin, top)
        pdf.ln(13)

    if figure_png:
        image_w = width
        image_h = min(image_w * _png_aspect(figure_png), pdf.h - pdf.get_y() - 60)
        pdf.image(io.BytesIO(figure_png), x=pdf.l_margin, y=pdf.get_y(), w=image_w, h=image_h)
        pdf.set_y(pdf.get_y() + image_h + 2)

    if facts["flags"]:
        pdf.set_font(family, "B", 11)
        pdf.cell(width, 6, text(t("exp_flags", lang)), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9.5)
        for flag in facts["flags"]:
            pdf.multi_cell(width, 4.6, text("• " + flag), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1.5)

    pdf.set_font(family, "B", 11)
    pdf.cell(width, 6, text(t("exp_sources", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 7.5)
    sources = facts["sources"] or [t("no_data_yet", lang)]
    bottom = pdf.h - 22
    for source in sources:
        if pdf.get_y() > bottom:
            pdf.cell(width, 4, text(t("exp_more_sources", lang)), new_x="LMARGIN", new_y="NEXT")
            break
        pdf.multi_cell(width, 3.6, text("• " + source), new_x="LMARGIN", new_y="NEXT", align="L")

    pdf.set_y(pdf.h - 18)
    pdf.set_draw_color(180, 180, 180)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    pdf.set_font(family, "", 8)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(width, 4, text(settings_text(settings, lang)), new_x="LMARGIN", new_y="NEXT")
    made = (today or _dt.date.today()).isoformat()
    pdf.cell(width, 4, text(t("exp_made_on", lang, date=made)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _png_aspect(png: bytes) -> float:
    """Height over width from a PNG header (the IHDR chunk)."""
    try:
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        return height / width if width else 0.5625
    except (TypeError, IndexError):
        return 0.5625


def _unit(data: Dataset, indicator: str, lang: str) -> str:
    match = data.catalog.loc[data.catalog["indicator"] == indicator]
    if not len(match):
        return indicator
    label = match.iloc[0].get(f"label_{lang}") or match.iloc[0]["label_en"]
    return str(label)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def city_brief(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str) -> bytes:
    """The brief with its chart: the trajectory drawn by kaleido, then the PDF (chart left out if drawing fails)."""
    facts_name = brief_facts(data, table, city_id, settings, lang)["name"]
    try:
        fig = city_trajectory_figure(data, table, city_id, settings, lang)
        png = figure_image(fig, "png", title=t("exp_chart_title", lang, city=facts_name),
                           source_line="", settings_line="", width=900, height=600)
    except Exception:  # no browser on this machine: the brief still carries every figure in words
        png = None
    return city_brief_pdf(data, table, city_id, settings, lang, png)
