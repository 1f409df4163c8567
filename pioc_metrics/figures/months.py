"""A city's months: this year's months so far against the same months last year and the average of the years
before (engine.months.month_comparison), and the small chart of each indicator a city has (its own halving path
where lower is better). Pure (no Streamlit)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.city import city_series, target_path
from pioc_metrics.figures import theme
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import indicator_label, source_line
from pioc_metrics.text.months import month_short

MONTHS_HEIGHT = 380
PANEL_HEIGHT = 300
LAST_YEAR_COLOUR = "#666666"
EARLIER_COLOUR = "#AAAAAA"


def months_figure(comparison: pd.DataFrame, indicator: str, year: int, lang: str, *, catalog: pd.DataFrame,
                  sources=()) -> go.Figure:
    """Months 1..m of `year` (bars), the same months of the year before (a line) and the average of the years
    before that (a dotted line), from `comparison` (month, this_year, last_year, earlier_mean, earlier_years)."""
    label = indicator_label(catalog, indicator, lang)
    months = [month_short(m, lang) for m in comparison["month"]]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=months, y=comparison["this_year"].tolist(),
                         name=t("ytd_chart_this", lang, year=F.year(year)), marker_color=theme.MAIN_COLOUR,
                         hovertemplate="%{x}: %{y}<extra>" + escape.plotly(F.year(year)) + "</extra>"))
    fig.add_trace(go.Scatter(x=months, y=comparison["last_year"].tolist(), mode="lines+markers",
                             name=t("ytd_chart_last", lang, year=F.year(year - 1)),
                             line=dict(color=LAST_YEAR_COLOUR, width=2.5), marker=dict(size=8),
                             hovertemplate="%{x}: %{y}<extra>" + escape.plotly(F.year(year - 1)) + "</extra>"))
    earlier = comparison["earlier_years"].max() if len(comparison) else 0
    if earlier and earlier > 0:
        first, last = year - 1 - int(earlier), year - 2
        name = t("ytd_chart_earlier", lang, first=F.year(first), last=F.year(last))
        fig.add_trace(go.Scatter(x=months, y=comparison["earlier_mean"].tolist(), mode="lines", name=name,
                                 line=dict(color=EARLIER_COLOUR, width=2, dash="dot"),
                                 hovertemplate="%{x}: %{y:.1f}<extra>" + escape.plotly(name) + "</extra>"))
    theme.any_width_frame(fig, lang, t("ytd_chart_title", lang, indicator=label, year=F.year(year)),
                          source=source_line(sources, lang) if len(sources) else "", height=MONTHS_HEIGHT,
                          legend_rows=1)
    fig.update_layout(barmode="overlay", bargap=0.35, showlegend=True,
                      yaxis=dict(rangemode="tozero", title=None), xaxis=dict(title=None))
    return fig


def panel_figure(data: Dataset, row: pd.Series | None, city_id: str, indicator: str, settings: Settings,
                 lang: str, title: str) -> go.Figure:
    """One small chart of a city's indicator: its main yearly series and, where lower is better and the engine
    has a baseline, the halving path to the target year."""
    rows = city_series(data, city_id, indicator)
    main = rows.loc[rows["series"] == "main"].sort_values("year") if len(rows) else rows
    fig = go.Figure()
    if len(main):
        fig.add_trace(go.Scatter(x=main["year"], y=main["value"], mode="lines+markers", showlegend=False,
                                 line=dict(color=theme.MAIN_COLOUR, width=2.5), marker=dict(size=6),
                                 name=indicator_label(data.catalog, indicator, lang),
                                 hovertemplate="%{x}: %{y:,}<extra></extra>"))
    if row is not None and not pd.isna(row.get("baseline")):
        path = target_path(row, replace(settings, indicator=indicator))
        if len(path):
            fig.add_trace(go.Scatter(x=path["year"], y=path["value"], mode="lines", showlegend=False,
                                     name=t("city_chart_path", lang),
                                     line=dict(color=theme.PATH_COLOUR, width=2, dash="dash"),
                                     hovertemplate="%{x}: %{y:,.1f}<extra>" + escape.plotly(
                                         t("city_chart_path", lang)) + "</extra>"))
    theme.titles(fig, lang, title, compact=True, width=40)
    fig.update_layout(height=PANEL_HEIGHT, margin=dict(l=50, r=20, t=70, b=40),
                      yaxis=dict(rangemode="tozero", title=None), xaxis=dict(title=None, tickformat="d"))
    return fig
