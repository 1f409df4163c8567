"""What the Data page shows: the coverage grid (city x year), the data table and its filters. Pure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.figures import theme
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.countries import country_names
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import series_label

# Kinds of cell, in the order of their codes in the heatmap (0 = no value).
CELL_KINDS = ("missing", "given", "derived", "upload")
CELL_MARKS = {"missing": "", "given": "●", "derived": "◐", "upload": "◆"}
# Okabe-Ito blue, sky blue and orange; a pale grey for no value.
CELL_COLOURS = {"missing": "#F2F2F2", "given": "#0072B2", "derived": "#56B4E9", "upload": "#E69F00"}


def coverage_grid(data: Dataset, indicator: str, series: str) -> pd.DataFrame:
    """One row per city (those with values first), one column per year; cells are CELL_KINDS."""
    rows = data.indicators.loc[(data.indicators["indicator"] == indicator) & (data.indicators["series"] == series)]
    years = list(range(int(rows["year"].min()), int(rows["year"].max()) + 1)) if len(rows) else []
    kind = np.select(
        [rows["origin"].eq("upload").to_numpy(), rows["derived"].astype(bool).to_numpy()],
        ["upload", "derived"], "given")
    cells = pd.DataFrame({"city_id": rows["city_id"].to_numpy(), "year": rows["year"].to_numpy(), "kind": kind})
    grid = cells.pivot_table(index="city_id", columns="year", values="kind", aggfunc="first")
    # Cities with values first (uploaded ones included), then those with none, each in the cities' order.
    order = list(data.cities["city_id"])
    with_values = set(cells["city_id"])
    order = [c for c in order if c in with_values] + [c for c in order if c not in with_values]
    grid = grid.reindex(index=order, columns=years)
    grid = grid.astype(object)
    return grid.where(grid.notna(), "missing")


def coverage_figure(data: Dataset, indicator: str, series: str, lang: str, indicator_label: str) -> go.Figure:
    """A heatmap of which years have a value, with a text mark in each filled cell (not colour alone)."""
    grid = coverage_grid(data, indicator, series)
    names = dict(zip(data.cities["city_id"], data.cities["city"]))
    empty = (grid == "missing").all(axis=1) if grid.shape[1] else pd.Series(True, index=grid.index)
    labels = [escape.plotly(names.get(c, c)) + (f" ({t('no_data_yet', lang)})" if empty[c] else "")
              for c in grid.index]
    codes = grid.apply(lambda column: column.map(CELL_KINDS.index)).to_numpy(dtype=float) if grid.shape[1] else \
        np.zeros((len(grid), 0))
    marks = grid.apply(lambda column: column.map(CELL_MARKS)).to_numpy(dtype=object) if grid.shape[1] else \
        np.empty((len(grid), 0), dtype=object)
    hover_words = {kind: t(f"data_cell_{kind}", lang) for kind in CELL_KINDS}
    hover = np.array([[f"{labels[i]}, {year}: {hover_words[grid.iat[i, j]]}" for j, year in enumerate(grid.columns)]
                      for i in range(len(grid))], dtype=object).reshape(len(grid), grid.shape[1])
    n = len(CELL_KINDS)
    scale = []
    for code, kind in enumerate(CELL_KINDS):
        scale += [[code / n, CELL_COLOURS[kind]], [(code + 1) / n, CELL_COLOURS[kind]]]
    figure = go.Figure(go.Heatmap(
        z=codes, x=[str(y) for y in grid.columns], y=labels, text=marks, texttemplate="%{text}",
        textfont={"size": 13, "color": "white"}, hovertext=hover, hoverinfo="text",
        colorscale=scale, zmin=-0.5, zmax=n - 0.5, showscale=False, xgap=2, ygap=2,
    ))
    legend = "   ".join(f"{CELL_MARKS[k]} {t(f'data_cell_{k}', lang)}" for k in CELL_KINDS[1:]) + \
        f"   □ {t('data_cell_missing', lang)}"
    title = t("data_coverage_title", lang, indicator=indicator_label, series=series_name(data, series, lang))
    theme.titles(figure, lang, title, legend,
                 t("data_coverage_source", lang), source_gap=95)
    figure.update_layout(
        height=max(280, 26 * len(grid) + 190), margin={"l": 10, "r": 10, "t": 80, "b": 110},
        xaxis={"title": escape.plotly(t("year", lang)), "side": "bottom", "type": "category", "tickangle": -45},
        yaxis={"autorange": "reversed", "type": "category"},
    )
    return figure


def series_name(data: Dataset, series: str, lang: str) -> str:
    """A series across cities as people read it: 'Main series' (each city has its own source), else the name
    its source gives it ('PiOC report 2023', 'Dayton Daily News')."""
    if series == C.MAIN_SERIES:
        return series_label(series, "", lang)
    sources = data.indicators.loc[data.indicators["series"] == series, "source"]
    return series_label(series, sources.iloc[0] if len(sources) else "", lang)


def coverage_summary(data: Dataset, indicator: str, series: str) -> dict:
    """Counts for the sentence above the grid."""
    rows = data.indicators.loc[(data.indicators["indicator"] == indicator) & (data.indicators["series"] == series)]
    return {
        "values": int(len(rows)),
        "cities": int(rows["city_id"].nunique()),
        "all_cities": int(len(data.cities)),
        "first": int(rows["year"].min()) if len(rows) else None,
        "last": int(rows["year"].max()) if len(rows) else None,
    }


# ---------------------------------------------------------------------------
# The data table
# ---------------------------------------------------------------------------

def filter_rows(indicators: pd.DataFrame, *, cities=(), indicators_chosen=(), series=(),
                years: tuple[int, int] | None = None) -> pd.DataFrame:
    """The long rows matching every filter given (an empty choice means all)."""
    keep = pd.Series(True, index=indicators.index)
    if cities:
        keep &= indicators["city_id"].isin(list(cities))
    if indicators_chosen:
        keep &= indicators["indicator"].isin(list(indicators_chosen))
    if series:
        keep &= indicators["series"].isin(list(series))
    if years is not None:
        keep &= indicators["year"].between(int(years[0]), int(years[1]))
    return indicators.loc[keep].reset_index(drop=True)


def display_table(rows: pd.DataFrame, data: Dataset, lang: str) -> pd.DataFrame:
    """The rows as a reader sees them: names, translated labels, numbers for the language, origin marked."""
    names = data.cities[["city_id", "city", "country", "iso3"]].drop_duplicates("city_id")
    frame = rows.merge(names, on="city_id", how="left")
    label_column = f"label_{lang}" if f"label_{lang}" in data.catalog.columns else "label_en"
    labels = dict(zip(data.catalog["indicator"], data.catalog[label_column]))
    kinds = dict(zip(data.catalog["indicator"], data.catalog["kind"]))
    decimals = frame["indicator"].map(kinds).map(lambda k: 1 if k == "rate" else 0)
    shown = pd.DataFrame({
        "city": frame["city"].fillna(frame["city_id"]).astype(str),
        "country": country_names(frame["iso3"], frame["country"], lang),  # 'Colômbia' in Portuguese
        "year": frame["year"].astype("int64"),
        "indicator": frame["indicator"].map(labels).fillna(frame["indicator"]).astype(str),
        "value": [F.number(v, lang, int(d)) for v, d in zip(frame["value"], decimals)],
        "series": [series_label(x, source, lang) for x, source in zip(frame["series"], frame["source"])],
        "source": frame["source"].astype(str),
        "note": frame["note"].astype(str),
        "derived": frame["derived"].astype(bool).map({True: "✓", False: ""}),
        "origin": frame["origin"].map(lambda o: t("your_data", lang) if o == "upload" else t("data_shipped", lang)),
    })
    return shown
