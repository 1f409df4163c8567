"""Tables for people: the overview's one row per city, with statuses, measures and membership in words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.catalog import indicator_kind
from pioc_metrics.engine.coverage import cities_with_data, city_indicators, main_values, sparkline_values
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import indicator_label, lower_first


def city_figures(data: Dataset, table: pd.DataFrame, indicator: str) -> pd.Series:
    """Per city of `table`: 'measure' (figures of the chosen indicator, or of a headline measure), 'other' (only of
    other indicators) or 'none'."""
    ids = table["city_id"]
    has_measure = ids.isin(cities_with_data(data, indicator)).to_numpy()
    has_any = ids.isin(main_values(data, data.indicators["indicator"].unique())["city_id"]).to_numpy()
    return pd.Series(np.where(has_measure, "measure", np.where(has_any, "other", "none")), index=table.index)


def _status_text(data: Dataset, table: pd.DataFrame, figures: pd.Series, lang: str) -> list[str]:
    """The status in words; where the city has no figures of the indicator, what it has instead (or nothing yet)."""
    symbol = C.STATUS_SYMBOLS["insufficient_data"]
    labels = {i: lower_first(indicator_label(data.catalog, i, lang)) for i in data.indicators["indicator"].unique()}
    has = city_indicators(data, table["city_id"])
    no_data = f"{symbol} {t('no_data_yet', lang)}"
    words = {status: F.status_label(status, lang) for status in ("", *C.STATUSES)}
    return [words.get(status) or F.status_label(status, lang) if found == "measure"
            else no_data if found == "none"
            else f"{symbol} {t('ov_other_figures', lang, indicators=', '.join(labels[i] for i in has[city]))}"
            for city, status, found in zip(table["city_id"], table["status"].fillna(""), figures)]


def _kinds(data: Dataset, table: pd.DataFrame) -> pd.Series:
    """The kind ('rate', 'count', 'share') of the measure in each row of the table."""
    measures = table["indicator"].astype(str)
    kinds = {i: indicator_kind(data.catalog, i) for i in measures.unique()}
    return measures.map(kinds)


def _measure_text(kinds: pd.Series, figures: pd.Series, lang: str) -> list[str]:
    """'Rate' or 'Count': the kind of measure each city is judged on ('' where it has no figures of it)."""
    words = {kind: t("ov_measure_" + kind, lang) for kind in kinds.unique() if kind}
    return [words[kind] if found == "measure" and kind else "" for kind, found in zip(kinds, figures)]


def _years_text(table: pd.DataFrame) -> list[str]:
    """'2019–2024': from the baseline year to the latest year ('' where either is missing)."""
    first, last = table["baseline_year"], table["latest_year"]
    return [f"{F.year(a)}–{F.year(b)}" if pd.notna(a) and pd.notna(b) else (F.year(a) if pd.notna(a) else "")
            for a, b in zip(first, last)]


def overview_table(data: Dataset, table: pd.DataFrame, lang: str, indicator: str = C.DEFAULT_INDICATOR) -> pd.DataFrame:
    """All cities, one row each, best status first: the overview's sortable table (numbers stay numbers).

    `indicator` is the choice behind `table` (the headline, or one catalog indicator); each city's measure is its
    table row's `indicator`. Sparklines start at the city's baseline year (every year where it has none).
    """
    cities = data.cities.set_index("city_id")
    ids = pd.Index(table["city_id"])
    figures = city_figures(data, table, indicator)
    status = table["status"].fillna("")
    membership = cities["status"].reindex(ids).fillna("other")
    trends = sparkline_values(data, table["indicator"].astype(str), ids, start_years=table["baseline_year"])
    kinds = _kinds(data, table)
    order = np.where(figures == "measure", status, figures)
    frame = pd.DataFrame({
        "city": cities["city"].reindex(ids).to_numpy(),
        "status": _status_text(data, table, figures, lang),
        "change": table["change_since_baseline"].to_numpy(dtype=float),
        "trend": [trends[c] for c in ids],
        "measure": _measure_text(kinds, figures, lang),
        "years": _years_text(table),
        "baseline": table["baseline"].to_numpy(dtype=float),
        "latest": table["latest"].to_numpy(dtype=float),
        "membership": membership.map({m: t("ov_member_short_" + m, lang) for m in membership.unique()}).to_numpy(),
        "decimals": np.where(kinds == "count", 0, 1),
        "city_id": ids.to_numpy(),
        "figures": figures.to_numpy(),
        "_order": pd.Categorical(order, categories=[*C.STATUSES, "", "other", "none"]).codes,
    })
    return frame.sort_values(["_order", "city"], kind="stable").drop(columns="_order").reset_index(drop=True)
