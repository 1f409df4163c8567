"""Figures and words for one city's trajectory and for comparing cities (pure: no Streamlit).

Every number drawn here comes from the data rows or from `pioc_metrics.engine.methodology`;
this module only decides how to show them.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.text.i18n import t
from pioc_metrics.engine.methodology import (
    city_series,
    indicator_kind,
    network_path,
    projection_path,
    series_rows,
    smoothed,
    target_path,
    to_matrix,
)
from pioc_metrics.settings import Settings

# Okabe-Ito, without yellow (too pale on white): one colour per compared city.
CITY_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("solid", "dash", "dot", "dashdot")
MAIN_COLOUR = "#0072B2"
PATH_COLOUR = "#009E73"
PROJECTION_COLOUR = "#333333"
NATIONAL_COLOUR = "#999999"
REFERENCE_STYLES = (("#E69F00", "diamond"), ("#CC79A7", "square"), ("#D55E00", "triangle-up"), ("#56B4E9", "x"))
REFERENCE_OFFSET = 0.25  # years: a reference point sits just right of the main point of its year
REFERENCE_TEXT = ("top center", "bottom center", "middle right", "middle left")
HALO = "1px 1px 2px #fff, -1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff"  # text readable over lines
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14, color="#222222")
SOURCE_LINE_CHARS = 150  # wrap the source line so it stays inside the chart


# ---------------------------------------------------------------- small text helpers


def plain(text) -> str:
    """User text made safe for plotly's HTML-like labels (no tags, no links)."""
    return html.escape("" if text is None else str(text), quote=False)


def _separators(lang: str) -> str:
    return ".," if lang == "en" else ",."


def short_source(source: str, limit: int = 90) -> str:
    """A source citation shortened for a chart's source line (the data table keeps it in full)."""
    text = " ".join(str(source or "").split())
    if not text:
        return ""
    url = re.match(r"^https?://(?:www\.)?([^/\s]+)", text)
    if url:
        return url.group(1)
    named = re.match(r"^(.{3,120}?):\s*(?:https?://|github\.com/)", text)
    if named:
        text = named.group(1)
    text = re.split(r",\s*(?:compiled in|via)\s", text, maxsplit=1)[0]
    text = re.sub(r",?\s*github\.com/\S+", "", text).strip(" ,")
    if len(text) > limit:
        trailing = re.search(r"\(([^()]{1,30})\)\s*$", text)
        head = text.split(",")[0].strip()
        text = f"{head} ({trailing.group(1)})" if trailing else head
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def source_line(sources, lang: str) -> str:
    """'Source: a; b', shortened, de-duplicated, wrapped for a chart's foot."""
    short = list(dict.fromkeys(s for s in (short_source(x) for x in sources) if s))
    if not short:
        return ""
    text = t("source_line", lang, source="; ".join(short))
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > SOURCE_LINE_CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(plain(x) for x in lines)


def city_csv(data: Dataset, city_id: str) -> bytes:
    """Every indicator row of one city (all series, sources in full) as a safe CSV."""
    rows = city_rows(data, city_id)
    columns = [c for c in ("city_id", "year", "indicator", "value", "series", "source", "note", "derived") if c in rows]
    from pioc_metrics.exports.downloads import csv_bytes  # the one formula-injection guard of every download

    return csv_bytes(rows[columns])


def city_rows(data: Dataset, city_id: str) -> pd.DataFrame:
    rows = data.indicators.loc[data.indicators["city_id"] == city_id]
    return rows.sort_values(["indicator", "series", "year"]).reset_index(drop=True)


def city_name(data: Dataset, city_id: str) -> str:
    match = data.cities.loc[data.cities["city_id"] == city_id, "city"]
    return str(match.iloc[0]) if len(match) else city_id


def indicator_label(catalog: pd.DataFrame, indicator: str, lang: str) -> str:
    match = catalog.loc[catalog["indicator"] == indicator]
    if not len(match):
        return indicator
    row = match.iloc[0]
    value = row.get(f"label_{lang}")
    return str(value if isinstance(value, str) and value else row["label_en"])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def value_decimals(catalog: pd.DataFrame, indicator: str) -> int:
    """Counts are whole numbers; rates and shares get one decimal."""
    return 0 if indicator_kind(catalog, indicator) == "count" else 1


def unit_label(catalog: pd.DataFrame, indicator: str, lang: str) -> str:
    kind = indicator_kind(catalog, indicator)
    return t(f"city_unit_{kind}", lang) if kind in ("rate", "count", "share") else ""


def indicators_with_data(data: Dataset, city_id: str) -> pd.DataFrame:
    """The indicators a city has main-series values for: indicator, first, last, years."""
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) & (data.indicators["series"] == C.MAIN_SERIES)]
    if not len(rows):
        return pd.DataFrame({"indicator": [], "first": [], "last": [], "years": []})
    grouped = rows.groupby("indicator")["year"].agg(first="min", last="max", years="nunique").reset_index()
    order = {ind: i for i, ind in enumerate(data.catalog["indicator"])}
    return grouped.sort_values("indicator", key=lambda s: s.map(order).fillna(len(order))).reset_index(drop=True)


def cities_with_data(data: Dataset, indicator: str) -> list[str]:
    """City ids (in cities.csv order) that have at least one main-series value of the indicator."""
    present = set(series_rows(data.indicators, indicator)["city_id"])
    return [c for c in data.cities["city_id"] if c in present]


def spread(values, min_gap: float) -> list[float]:
    """Label positions near `values`, at least `min_gap` apart, in the same order as given."""
    values = [float(v) for v in values]
    if len(values) < 2:
        return values
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [values[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + min_gap)
    shift = (sum(placed) - sum(values[i] for i in order)) / len(placed)
    placed = [p - shift for p in placed]  # centre the block on the lines it labels
    result = [0.0] * len(values)
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return result


# ---------------------------------------------------------------- words


def _has_target(row: pd.Series) -> bool:
    return bool(row.get("status"))


def _rate(value, lang: str) -> str:
    return F.percent(value, lang, 1, signed=True)


def status_sentence(row: pd.Series, lang: str, smoothing: str = "none", decimals: int = 1) -> tuple[str, str]:
    """The status label (with its symbol) and the reason behind it, in words."""
    status = row.get("status") or ""
    label = F.status_label(status, lang)
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    if not status:  # no target for this indicator: the change since the baseline
        if pd.isna(row.get("baseline")) or pd.isna(row.get("latest")):
            return label, t("no_data_yet", lang)
        change = row["latest"] / row["baseline"] - 1 if row["baseline"] else float("nan")
        return label, t("city_status_trend", lang, change=F.percent(change, lang, signed=True),
                        baseline_year=F.year(row["baseline_year"]), latest_year=F.year(row["latest_year"]))
    if status == "insufficient_data":
        if "no_data" in str(row.get("flags", "")).split(";"):
            return label, t("no_data_yet", lang)
        requested = row.get("requested_baseline_year")
        if pd.isna(row.get("baseline")):
            key = "city_status_no_baseline_3y" if smoothing == "3y" else "city_status_no_baseline"
            return label, t(key, lang, year=F.year(requested))
        if pd.isna(row.get("latest")):
            return label, t("city_status_no_latest", lang, year=F.year(row["baseline_year"]))
        return label, t("city_status_no_rate", lang)
    if status == "achieved":
        return label, t("city_status_achieved", lang, latest=n(row["latest"]), latest_year=F.year(row["latest_year"]),
                        target=n(row["target"]), reduction=F.percent(row["reduction_so_far"], lang),
                        baseline_year=F.year(row["baseline_year"]))
    return label, t("city_status_rates", lang, required=_rate(row["cagr_required"], lang), actual=_rate(row["cagr_actual"], lang))


def summary_sentence(table_row: pd.Series, city_name: str, lang: str, decimals: int = 1) -> str:
    """The chart's text alternative: the city's baseline, latest value, rates and status in one line."""
    row = table_row
    status = row.get("status") or ""
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    label = F.status_label(status, lang)
    if pd.isna(row.get("baseline")) or pd.isna(row.get("latest")):
        if "no_data" in str(row.get("flags", "")).split(";"):
            return f"{city_name}: {t('no_data_yet', lang)}"
        return t("city_summary_insufficient", lang, city=city_name, status=label)
    common = dict(city=city_name, baseline=n(row["baseline"]), baseline_year=F.year(row["baseline_year"]),
                  latest=n(row["latest"]), latest_year=F.year(row["latest_year"]))
    if not status:
        change = row["latest"] / row["baseline"] - 1 if row["baseline"] else float("nan")
        return t("city_summary_trend", lang, change=F.percent(change, lang, signed=True), **common)
    words = t("status_" + status, lang).lower()
    if status == "achieved":
        return t("city_summary_achieved", lang, target=n(row["target"]), status=words, **common)
    if status == "insufficient_data":
        return t("city_summary_insufficient", lang, city=city_name, status=words)
    return t("city_summary", lang, required=_rate(row["cagr_required"], lang), actual=_rate(row["cagr_actual"], lang),
             status=words, **common)


def key_figures(row: pd.Series, settings: Settings, lang: str, decimals: int = 1) -> list[tuple[str, str, str | None]]:
    """(label, value, help) of the key figures of one city, formatted for the language."""
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    figures = [
        (t("city_kf_baseline", lang, year=F.year(row.get("baseline_year"))), n(row.get("baseline")), None),
        (t("city_kf_latest", lang, year=F.year(row.get("latest_year"))), n(row.get("latest")), None),
    ]
    if not _has_target(row):  # trends only: the change, not a "reduction"
        change = -row.get("reduction_so_far") if not pd.isna(row.get("reduction_so_far")) else float("nan")
        return figures + [(t("city_kf_change", lang, year=F.year(row.get("baseline_year"))),
                           F.percent(change, lang, signed=True), None)]
    figures.append((t("city_kf_reduction", lang), F.percent(row.get("reduction_so_far"), lang),
                    t("city_kf_reduction_help", lang)))
    first_year = row.get("first_year_at_target")
    if row.get("status") == "achieved":
        first, first_help = t("city_kf_met", lang), None
    elif not pd.isna(first_year):
        first, first_help = F.year(first_year), t("city_kf_first_year_help", lang)
    elif pd.isna(row.get("cagr_actual")):
        first, first_help = "–", None
    else:
        first, first_help = t("city_kf_never", lang), t("city_kf_never_help", lang)
    y = settings.target_year
    return figures + [
        (t("city_kf_required", lang), _rate(row.get("cagr_required"), lang),
         t("city_kf_required_help", lang, reduction=F.percent(settings.reduction, lang, 0), year=y)),
        (t("city_kf_actual", lang), _rate(row.get("cagr_actual"), lang), t("city_kf_actual_help", lang)),
        (t("city_kf_target", lang, year=y), n(row.get("target")), None),
        (t("city_kf_projection", lang, year=y), n(row.get("projection")), t("city_kf_projection_help", lang, year=y)),
        (t("city_kf_first_year", lang), first, first_help),
    ]


# ---------------------------------------------------------------- the city's trajectory


def _base_layout(fig: go.Figure, lang: str, title: str, subtitle: str, source: str, height: int) -> None:
    fig.update_layout(
        template="plotly_white",
        font=FONT,
        separators=_separators(lang),
        height=height,
        title=dict(text=plain(title), x=0, xanchor="left", font=dict(size=19),
                   subtitle=dict(text=plain(subtitle), font=dict(size=14, color="#555555"))),
        margin=dict(l=70, r=200, t=95, b=150),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.09, yanchor="top", font=dict(size=13)),
        hoverlabel=dict(font_size=14),
    )
    if source:
        fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, yshift=-112, xanchor="left",
                           yanchor="top", showarrow=False, align="left", font=dict(size=11, color="#555555"))


def _empty_figure(message: str, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template="plotly_white", font=FONT, separators=_separators(lang), height=300,
                      xaxis=dict(visible=False), yaxis=dict(visible=False),
                      margin=dict(l=20, r=20, t=20, b=20))
    fig.add_annotation(text=plain(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=18, color="#555555"))
    return fig


def _title_indicator(catalog: pd.DataFrame, indicator: str, lang: str) -> str:
    label = _lower_first(indicator_label(catalog, indicator, lang))
    unit = unit_label(catalog, indicator, lang)
    return f"{label} ({unit})" if unit else label


def _against(settings: Settings, lang: str) -> str:
    if abs(settings.reduction - 0.5) < 1e-9:
        return t("city_chart_against_halving", lang, year=settings.target_year)
    return t("city_chart_against_reduction", lang, reduction=F.percent(settings.reduction, lang, 0), year=settings.target_year)


def national_rows(data: Dataset, city_id: str, indicator: str) -> pd.DataFrame:
    """The country's national series of the indicator (empty when none is shipped)."""
    iso3 = data.cities.loc[data.cities["city_id"] == city_id, "iso3"]
    if not len(iso3) or data.national is None or not len(data.national):
        return pd.DataFrame(columns=["year", "value", "source", "country"])
    national = data.national
    rows = national.loc[(national["iso3"] == iso3.iloc[0]) & (national["indicator"] == indicator)]
    return rows.sort_values("year").reset_index(drop=True)


def trajectory_figure(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str, *,
                      show_national: bool = False) -> go.Figure:
    """One city's observed values, reference points, baseline, target path, target and projection."""
    name = city_name(data, city_id)
    label = _lower_first(indicator_label(data.catalog, settings.indicator, lang))
    rows = city_series(data, city_id, settings.indicator)
    if not len(rows) or city_id not in table.index:
        return _empty_figure(t("city_chart_no_data", lang, city=name, indicator=label), lang)
    row = table.loc[city_id]
    decimals = value_decimals(data.catalog, settings.indicator)
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    main = rows.loc[rows["series"] == C.MAIN_SERIES]
    others = rows.loc[rows["series"] != C.MAIN_SERIES]
    sources = list(main["source"]) + list(others["source"])
    # A reference point long before the main series (Medellin 1991) would squash the years that matter:
    # it is named in a note instead of drawn.
    far = others["year"] < (main["year"].min() - 3) if len(main) else others["year"] < 0
    not_drawn = others.loc[far]
    others = others.loc[~far]
    fig = go.Figure()
    shown_values = list(main["value"]) + list(others["value"])

    band = main.dropna(subset=["lower", "upper"])
    if len(band):
        fig.add_trace(go.Scatter(x=band["year"], y=band["upper"], mode="lines", line=dict(width=0),
                                 showlegend=False, hoverinfo="skip", legendgroup="interval"))
        fig.add_trace(go.Scatter(
            x=band["year"], y=band["lower"], mode="lines", line=dict(width=0), fill="tonexty",
            fillcolor="rgba(0,114,178,0.16)", name=t("city_chart_interval", lang), legendgroup="interval",
            customdata=[f"{F.year(y)}: {n(lo)} – {n(hi)}" for y, lo, hi in zip(band["year"], band["lower"], band["upper"])],
            hovertemplate="%{customdata}<extra>" + plain(t("city_chart_interval", lang)) + "</extra>",
        ))
        shown_values += list(band["upper"])

    if len(main):
        fig.add_trace(go.Scatter(
            x=main["year"], y=main["value"], mode="lines+markers", name=plain(t("city_chart_observed", lang, city=name)),
            line=dict(color=MAIN_COLOUR, width=3), marker=dict(size=7, color=MAIN_COLOUR),
            customdata=[f"{F.year(y)}: {n(v)}" for y, v in zip(main["year"], main["value"])],
            hovertemplate="%{customdata}<extra>" + plain(name) + "</extra>",
        ))
    if settings.smoothing == "3y" and len(main):
        # The status uses 3-year means: draw them, so the baseline and latest markers sit on a line.
        first, last = int(main["year"].min()), int(main["year"].max())
        means = smoothed(to_matrix(main, pd.Index([city_id]), (first, last)))
        keep = ~np.isnan(means.values[0])
        fig.add_trace(go.Scatter(
            x=means.years[keep], y=means.values[0][keep], mode="lines", name=t("city_chart_smoothed", lang),
            line=dict(color=PROJECTION_COLOUR, width=2),
            customdata=[f"{F.year(y)}: {n(v)}" for y, v in zip(means.years[keep], means.values[0][keep])],
            hovertemplate="%{customdata}<extra>" + plain(t("city_chart_smoothed", lang)) + "</extra>",
        ))
    main_years = set(main["year"])
    for i, (series, group) in enumerate(others.groupby("series", sort=True)):
        colour, symbol = REFERENCE_STYLES[i % len(REFERENCE_STYLES)]
        offset = REFERENCE_OFFSET * (i + 1)
        x = [y + offset if y in main_years else y for y in group["year"]]
        texts = [f"{plain(series)}: {n(v)}" for v in group["value"]]
        fig.add_trace(go.Scatter(
            x=x, y=group["value"], mode="markers+text", name=plain(t("city_chart_reference", lang, series=series)),
            marker=dict(size=12, color=colour, symbol=symbol, line=dict(width=1, color="#333333")),
            text=texts, textposition=REFERENCE_TEXT[i % len(REFERENCE_TEXT)], cliponaxis=False,
            textfont=dict(size=12, color="#333333", shadow=HALO),
            customdata=[f"{F.year(y)}, {plain(series)}: {n(v)}" for y, v in zip(group["year"], group["value"])],
            hovertemplate="%{customdata}<extra></extra>",
        ))

    right_labels: list[tuple[float, str, str]] = []  # (y, text, colour) at the target year's edge
    has_target = _has_target(row) and not pd.isna(row.get("target"))
    if has_target and not pd.isna(row.get("baseline")):
        path = target_path(row, settings)
        if len(path):
            fig.add_trace(go.Scatter(
                x=path["year"], y=path["value"], mode="lines", name=t("city_chart_path", lang),
                line=dict(color=PATH_COLOUR, width=2.5, dash="dash"),
                customdata=[f"{F.year(y)}: {n(v)}" for y, v in zip(path["year"], path["value"])],
                hovertemplate="%{customdata}<extra>" + plain(t("city_chart_path", lang)) + "</extra>",
            ))
            fig.add_trace(go.Scatter(
                x=[settings.target_year], y=[row["target"]], mode="markers", showlegend=False,
                marker=dict(size=18, color=PATH_COLOUR, symbol="star", line=dict(width=1, color="#ffffff")),
                hovertemplate=plain(t("city_chart_target", lang, year=settings.target_year, value=n(row["target"]))) + "<extra></extra>",
            ))
            right_labels.append((float(row["target"]), t("city_chart_target", lang, year=settings.target_year,
                                                         value=n(row["target"])), PATH_COLOUR))
        projection = projection_path(row, settings)
        if len(projection):
            fig.add_trace(go.Scatter(
                x=projection["year"], y=projection["value"], mode="lines", name=t("city_chart_projection", lang),
                line=dict(color=PROJECTION_COLOUR, width=2.5, dash="dot"),
                customdata=[f"{F.year(y)}: {n(v)}" for y, v in zip(projection["year"], projection["value"])],
                hovertemplate="%{customdata}<extra>" + plain(t("city_chart_projection", lang)) + "</extra>",
            ))
            shown_values += list(projection["value"])
            end = projection.iloc[-1]
            right_labels.append((float(end["value"]), t("city_chart_projection_label", lang, year=F.year(end["year"]),
                                                         value=n(end["value"])), PROJECTION_COLOUR))

    if not pd.isna(row.get("baseline")):
        b, value = int(row["baseline_year"]), float(row["baseline"])
        fig.add_trace(go.Scatter(
            x=[b], y=[value], mode="markers", showlegend=False,
            marker=dict(size=16, color="rgba(0,0,0,0)", symbol="circle", line=dict(width=2.5, color="#000000")),
            hovertemplate=plain(t("city_chart_baseline", lang, year=b, value=n(value))) + "<extra></extra>",
        ))
        crowded = bool(len(others)) and bool((abs(others["year"] - b) <= 1).any())
        fig.add_annotation(x=b, y=value, text="<b>" + plain(t("city_chart_baseline", lang, year=b, value=n(value))) + "</b>",
                           showarrow=True, arrowhead=0, ax=0, ay=-85 if crowded else -48, font=dict(size=13), bgcolor="rgba(255,255,255,0.85)")

    if len(main):
        last = main.iloc[-1]
        fig.add_annotation(x=last["year"], y=last["value"], xanchor="center", yanchor="bottom", showarrow=True,
                           arrowhead=0, arrowcolor=MAIN_COLOUR, ax=0, ay=-58, font=dict(size=13, color=MAIN_COLOUR),
                           text="<b>" + plain(f"{name} " + t("city_chart_latest_label", lang, year=F.year(last["year"]),
                                                             value=n(last["value"]))) + "</b>",
                           bgcolor="rgba(255,255,255,0.85)")

    national = national_rows(data, city_id, settings.indicator) if show_national else pd.DataFrame()
    if len(national):
        country = str(national["country"].iloc[0])
        fig.add_trace(go.Scatter(
            x=national["year"], y=national["value"], mode="lines", name=plain(t("city_chart_national", lang, country=country)),
            line=dict(color=NATIONAL_COLOUR, width=1.5),
            customdata=[f"{F.year(y)}: {n(v)}" for y, v in zip(national["year"], national["value"])],
            hovertemplate="%{customdata}<extra>" + plain(country) + "</extra>",
        ))
        shown_values += list(national["value"])
        sources += list(national["source"])
        end = national.iloc[-1]
        fig.add_annotation(x=end["year"], y=end["value"], xanchor="left", yanchor="top", showarrow=False, xshift=4,
                           yshift=-4, text=plain(t("city_chart_national", lang, country=country)),
                           font=dict(size=12, color="#666666"))

    note = ""
    if len(not_drawn):
        note = plain(t("city_chart_not_drawn", lang) + " " + "; ".join(
            f"{s} {F.year(y)}: {n(v)}" for s, y, v in zip(not_drawn["series"], not_drawn["year"], not_drawn["value"])))
    y_max = max(v for v in shown_values if not pd.isna(v)) if any(not pd.isna(v) for v in shown_values) else 1.0
    if right_labels:
        positions = spread([y for y, _, _ in right_labels], 0.07 * y_max)
        for (y, text, colour), placed in zip(right_labels, positions):
            fig.add_annotation(x=settings.target_year, y=placed, xanchor="left", showarrow=False, xshift=14,
                               text="<b>" + plain(text) + "</b>", font=dict(size=13, color=colour))

    first_year = int(main["year"].min()) if len(main) else int(rows["year"].min())
    last_year = int(main["year"].max()) if len(main) else int(rows["year"].max())
    x_first = min(int(others["year"].min()), first_year) if len(others) else first_year
    x_last = settings.target_year if has_target else max(last_year, int(rows["year"].max()))
    years = f"{first_year}–{last_year}" if first_year != last_year else str(first_year)
    title = t("city_chart_title", lang, city=name, indicator=_title_indicator(data.catalog, settings.indicator, lang), years=years)
    if has_target and not pd.isna(row.get("baseline")):
        subtitle = _against(settings, lang) + " · " + t(
            "city_chart_subtitle", lang, baseline_year=F.year(row["baseline_year"]),
            required=_rate(row["cagr_required"], lang), actual=_rate(row["cagr_actual"], lang))
    else:
        subtitle = summary_sentence(row, name, lang, decimals)
    foot = "<br>".join(x for x in (note, source_line(sources, lang)) if x)
    _base_layout(fig, lang, title, subtitle, foot, height=560)
    fig.update_xaxes(range=[x_first - 0.7, x_last + 0.7], dtick=_year_tick(x_last - x_first), showgrid=False,
                     tickformat="d", ticks="outside")
    headroom = 1.25 if (len(others) and not pd.isna(row.get("baseline_year"))
                        and (abs(others["year"] - row["baseline_year"]) <= 1).any()) else 1.12
    fig.update_yaxes(range=[0, y_max * headroom], title=dict(text=plain(unit_label(data.catalog, settings.indicator, lang)),
                     font=dict(size=13)), rangemode="tozero", zeroline=True, zerolinecolor="#888888")
    return fig


def _year_tick(span: int) -> int:
    return 1 if span <= 12 else 2 if span <= 24 else 5 if span <= 60 else 10


# ---------------------------------------------------------------- comparing cities


COMPARE_MODES = ("absolute", "indexed", "log")


def _compare_rows(data: Dataset, city_ids, indicator: str) -> pd.DataFrame:
    rows = series_rows(data.indicators, indicator)
    return rows.loc[rows["city_id"].isin(list(city_ids))].sort_values(["city_id", "year"])


def compare_figure(data: Dataset, table: pd.DataFrame, city_ids, settings: Settings, lang: str,
                   mode: str = "absolute") -> go.Figure:
    """One line per city: absolute values, indexed to each city's baseline (= 100), or on a log scale."""
    mode = mode if mode in COMPARE_MODES else "absolute"
    city_ids = list(dict.fromkeys(city_ids))
    rows = _compare_rows(data, city_ids, settings.indicator)
    decimals = 1 if mode == "indexed" else value_decimals(data.catalog, settings.indicator)
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    raw_n = lambda v: F.number(v, lang, value_decimals(data.catalog, settings.indicator))  # noqa: E731
    fig = go.Figure()
    ends: list[tuple[float, float, str, str]] = []  # (x, y, text, colour)
    left_out: list[str] = []
    plotted: list[float] = []
    for i, city_id in enumerate(city_ids):
        name = city_name(data, city_id)
        city = rows.loc[rows["city_id"] == city_id]
        values = city["value"].to_numpy(dtype=float)
        years = city["year"].to_numpy()
        if mode == "indexed":
            baseline = table["baseline"].get(city_id, np.nan) if city_id in table.index else np.nan
            if pd.isna(baseline) or baseline <= 0:
                left_out.append(name)
                continue
            values = 100.0 * values / float(baseline)
        if mode == "log":
            keep = values > 0
            values, years, city = values[keep], years[keep], city.loc[keep]
        if not len(values):
            left_out.append(name)
            continue
        colour = CITY_PALETTE[i % len(CITY_PALETTE)]
        dash = DASHES[(i // len(CITY_PALETTE)) % len(DASHES)]
        raw = city["value"].to_numpy(dtype=float)
        fig.add_trace(go.Scatter(
            x=years, y=values, mode="lines+markers", name=plain(name), line=dict(color=colour, width=2.5, dash=dash),
            marker=dict(size=5, color=colour),
            customdata=[f"{plain(name)} {F.year(y)}: {n(v)}" + ("" if mode != "indexed" else f" ({raw_n(r)})")
                        for y, v, r in zip(years, values, raw)],
            hovertemplate="%{customdata}<extra></extra>",
        ))
        ends.append((float(years[-1]), float(values[-1]), f"{plain(name)} {n(values[-1])}", colour))
        plotted += list(values)

    if mode == "indexed" and plotted:
        path_years = np.arange(settings.network_baseline_year, settings.target_year + 1)
        path = network_path(path_years, settings)
        fig.add_trace(go.Scatter(x=path_years, y=path, mode="lines", name=t("compare_network_path", lang,
                                 year=settings.network_baseline_year), line=dict(color="#666666", width=2, dash="dash"),
                                 hovertemplate="%{x}: %{y:.1f}<extra></extra>"))
        fig.add_hline(y=100, line=dict(color="#999999", width=1))
        ends.append((float(path_years[-1]), float(path[-1]), t("compare_target_label", lang, value=n(path[-1]),
                                                               year=settings.target_year), "#666666"))
        plotted += list(path)

    if not plotted:
        return _empty_figure(t("compare_nothing", lang), lang)
    top = max(plotted)
    low = min(v for v in plotted if v > 0) if mode == "log" else 0.0
    if mode == "log":
        logs = spread([math.log10(max(y, 1e-9)) for _, y, _, _ in ends], 0.055 * (math.log10(top) - math.log10(low) + 0.3))
        positions = logs  # annotations on a log axis take log10 coordinates
    else:
        positions = spread([y for _, y, _, _ in ends], 0.055 * top)
    for (x, y, text, colour), placed in zip(ends, positions):
        fig.add_annotation(x=x, y=placed, xanchor="left", showarrow=False, xshift=8, text="<b>" + text + "</b>",
                           font=dict(size=13, color=colour))

    indicator = _title_indicator(data.catalog, settings.indicator, lang)
    title = t(f"compare_title_{mode}", lang, indicator=indicator[:1].upper() + indicator[1:])
    subtitle = t(f"compare_subtitle_{mode}", lang)
    if left_out:
        subtitle += " · " + t("compare_left_out", lang, cities=", ".join(left_out))
    sources = rows.loc[rows["city_id"].isin([c for c in city_ids])]["source"]
    _base_layout(fig, lang, title, subtitle, source_line(sources, lang), height=540)
    fig.update_layout(showlegend=False, margin=dict(l=70, r=190, t=95, b=90))
    for annotation in fig.layout.annotations:
        if annotation.yshift == -112:  # the source line: no legend under this chart
            annotation.yshift = -40
    x_values = [x for trace in fig.data for x in trace.x]
    fig.update_xaxes(range=[min(x_values) - 0.5, max(x_values) + 0.5], tickformat="d", showgrid=False, ticks="outside",
                     dtick=_year_tick(int(max(x_values) - min(x_values))))
    unit = unit_label(data.catalog, settings.indicator, lang)
    if mode == "log":
        ticks = [m * 10 ** e for e in range(-2, 8) for m in (1, 2, 5) if low / 1.5 <= m * 10 ** e <= top * 1.5]
        fig.update_yaxes(type="log", title=dict(text=plain(unit + " · " + t("compare_log_axis", lang)), font=dict(size=13)),
                         range=[math.log10(low) - 0.15, math.log10(top) + 0.15], tickvals=ticks,
                         ticktext=[F.number(v, lang, 0 if v >= 1 else 2) for v in ticks])
    elif mode == "indexed":
        fig.update_yaxes(range=[0, top * 1.1], title=dict(text=t("compare_index_axis", lang), font=dict(size=13)))
    else:
        fig.update_yaxes(range=[0, top * 1.1], title=dict(text=plain(unit), font=dict(size=13)))
    return fig


def small_multiples_figure(data: Dataset, table: pd.DataFrame, city_ids, settings: Settings, lang: str,
                           columns: int = 3) -> go.Figure:
    """One small chart per city, each with its own scale (from 0), its values and its target path."""
    city_ids = list(dict.fromkeys(city_ids))
    if not city_ids:
        return _empty_figure(t("compare_nothing", lang), lang)
    columns = max(1, min(columns, len(city_ids)))
    n_rows = math.ceil(len(city_ids) / columns)
    titles = []
    for city_id in city_ids:
        status = table["status"].get(city_id, "") if city_id in table.index else ""
        no_data = city_id not in table.index or "no_data" in str(table["flags"].get(city_id, "")).split(";")
        suffix = t("no_data_yet", lang) if no_data else F.status_label(status, lang)
        titles.append(f"<b>{plain(city_name(data, city_id))}</b>: {plain(suffix)}")
    fig = make_subplots(rows=n_rows, cols=columns, subplot_titles=titles, horizontal_spacing=0.07,
                        vertical_spacing=min(0.12, 0.5 / n_rows), shared_xaxes=False)
    rows = _compare_rows(data, city_ids, settings.indicator)
    n = lambda v: F.number(v, lang, value_decimals(data.catalog, settings.indicator))  # noqa: E731
    x_low, x_high = [], []
    for i, city_id in enumerate(city_ids):
        r, c = i // columns + 1, i % columns + 1
        city = rows.loc[rows["city_id"] == city_id]
        top = float(city["value"].max()) if len(city) else 1.0
        if len(city):
            fig.add_trace(go.Scatter(
                x=city["year"], y=city["value"], mode="lines+markers", line=dict(color=MAIN_COLOUR, width=2),
                marker=dict(size=4), name=t("compare_observed", lang), legendgroup="observed", showlegend=i == 0,
                customdata=[f"{F.year(y)}: {n(v)}" for y, v in zip(city["year"], city["value"])],
                hovertemplate="%{customdata}<extra>" + plain(city_name(data, city_id)) + "</extra>",
            ), row=r, col=c)
            x_low.append(int(city["year"].min()))
            x_high.append(int(city["year"].max()))
        if city_id in table.index and _has_target(table.loc[city_id]):
            path = target_path(table.loc[city_id], settings)
            if len(path):
                fig.add_trace(go.Scatter(
                    x=path["year"], y=path["value"], mode="lines", line=dict(color=PATH_COLOUR, width=2, dash="dash"),
                    name=t("city_chart_path", lang), legendgroup="path", showlegend="path" not in {
                        tr.legendgroup for tr in fig.data if tr.showlegend},
                    hovertemplate="%{x}: %{y:.1f}<extra></extra>",
                ), row=r, col=c)
                x_high.append(settings.target_year)
                top = max(top, float(path["value"].max()))
        if not len(city):
            fig.add_annotation(text=plain(t("no_data_yet", lang)), xref=f"x{i + 1 if i else ''} domain",
                               yref=f"y{i + 1 if i else ''} domain", x=0.5, y=0.5, showarrow=False,
                               font=dict(size=14, color="#777777"))
        fig.update_yaxes(range=[0, top * 1.1], row=r, col=c)
    if x_low:
        fig.update_xaxes(range=[min(x_low) - 0.5, max(x_high) + 0.5], tickformat="d", showgrid=False)
    fig.update_annotations(font_size=14, selector=dict(yref="paper"))
    indicator = _title_indicator(data.catalog, settings.indicator, lang)
    fig.update_layout(
        template="plotly_white", font=FONT, separators=_separators(lang), height=120 + 240 * n_rows,
        title=dict(text=plain(t("compare_multiples_title", lang, indicator=indicator[:1].upper() + indicator[1:])),
                   x=0, xanchor="left", font=dict(size=19),
                   subtitle=dict(text=plain(t("compare_multiples_subtitle", lang)), font=dict(size=14, color="#555555"))),
        margin=dict(l=50, r=30, t=120, b=40),
        legend=dict(orientation="h", x=1, xanchor="right", y=1.0, yanchor="bottom", yref="container"),
    )
    fig.update_layout(legend=dict(y=0.99, yanchor="top"))
    return fig


def ranked_change_figure(table: pd.DataFrame, city_ids, lang: str, *, names: dict[str, str] | None = None,
                         reduction: float | None = None) -> go.Figure:
    """Horizontal bars of the change since each city's baseline, largest fall first; status by colour, symbol and words."""
    city_ids = [c for c in dict.fromkeys(city_ids) if c in table.index]
    names = names or {}
    if not city_ids:
        return _empty_figure(t("compare_nothing", lang), lang)
    part = table.loc[city_ids]
    change = part["latest"].astype(float) / part["baseline"].astype(float) - 1.0
    change = change.where(part["baseline"].astype(float) > 0)
    with_data = change.dropna().sort_values()
    without = [c for c in city_ids if c not in with_data.index]
    order = list(with_data.index) + without
    labels, values, texts, colours = [], [], [], []
    for city_id in order:
        status = part.at[city_id, "status"] or ""
        symbol = C.STATUS_SYMBOLS.get(status, "")
        name = plain(names.get(city_id, city_id))
        value = with_data.get(city_id, np.nan)
        labels.append(f"{name} {symbol}".strip())
        if pd.isna(value):
            values.append(0.0)
            texts.append(plain(t("no_data_yet", lang) if "no_data" in str(part.at[city_id, "flags"]).split(";")
                               else F.status_label(status, lang)))
            colours.append(C.STATUS_COLOURS["insufficient_data"])
        else:
            values.append(100.0 * value)
            years = f"{F.year(part.at[city_id, 'baseline_year'])}–{F.year(part.at[city_id, 'latest_year'])}"
            texts.append(f"{F.percent(value, lang, signed=True)} ({years}) · {plain(F.status_label(status, lang))}")
            colours.append(C.STATUS_COLOURS.get(status, "#777777"))
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker=dict(color=colours, line=dict(color="#333333", width=0.5)),
        text=texts, textposition="outside", cliponaxis=False, textfont=dict(size=13),
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    finite = [v for v in values if not pd.isna(v)] + [0.0]
    if reduction is not None:
        finite.append(-100.0 * reduction)
        fig.add_vline(x=-100.0 * reduction, line=dict(color=PATH_COLOUR, width=2, dash="dash"),
                      annotation_text=plain(t("compare_target_line", lang, reduction=F.percent(-reduction, lang, 0))),
                      annotation_position="top", annotation_font=dict(color=PATH_COLOUR, size=13))
    low, high = min(finite), max(finite)
    pad = max(high - low, 10.0) * 0.55  # room for the labels outside the bars
    fig.update_layout(
        template="plotly_white", font=FONT, separators=_separators(lang), height=140 + 38 * len(order),
        title=dict(text=plain(t("compare_ranked_title", lang)), x=0, xanchor="left", font=dict(size=19),
                   subtitle=dict(text=plain(t("compare_ranked_subtitle", lang)), font=dict(size=14, color="#555555"))),
        margin=dict(l=20, r=30, t=110, b=50), showlegend=False, bargap=0.35,
    )
    fig.update_xaxes(range=[low - pad if low < 0 else low - 5, high + pad], ticksuffix=" %", zeroline=True,
                     zerolinecolor="#444444", title=t("compare_ranked_axis", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig
