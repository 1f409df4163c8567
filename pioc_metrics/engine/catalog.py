"""What the indicator catalog says of one indicator: its kind, which direction is better, and which measure a
table row (or the network's headline) stands for."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pioc_metrics import constants as C


def measure_of(row_or_indicator) -> str:
    """The catalog indicator a figure is measured by: a table row's `indicator` (under the headline, the measure
    that city uses), an indicator id itself, and for the bare headline id its preferred measure."""
    if isinstance(row_or_indicator, pd.Series | Mapping):
        row_or_indicator = row_or_indicator["indicator"]
    indicator = str(row_or_indicator)
    return C.HEADLINE_MEASURES[0] if indicator == C.HEADLINE else indicator


def indicator_better(catalog: pd.DataFrame, indicator) -> str:
    """'lower', 'higher' or '' (no target) for one indicator of the catalog (or a row, or the headline)."""
    match = catalog.loc[catalog["indicator"] == measure_of(indicator), "better"]
    return str(match.iloc[0]) if len(match) and isinstance(match.iloc[0], str) else ""


def indicator_kind(catalog: pd.DataFrame, indicator) -> str:
    """'rate', 'count' or 'share' for one indicator of the catalog (or a row, or the headline's preferred measure);
    '' when the catalog lacks it."""
    match = catalog.loc[catalog["indicator"] == measure_of(indicator), "kind"]
    return str(match.iloc[0]) if len(match) else ""


def count_indicator(catalog: pd.DataFrame, indicator) -> str | None:
    """The counts a measure rests on: homicides for a rate, the count itself for a count with a target; else None."""
    kind = indicator_kind(catalog, indicator)
    if kind == "rate":
        return "homicides"
    if kind == "count" and indicator_better(catalog, indicator) == "lower":
        return measure_of(indicator)
    return None


def shared_measure(table: pd.DataFrame, city_ids) -> str:
    """Under the headline, the one measure a comparison of levels can use for these cities: the rate
    when every one of them is measured by it, else the count (rates and counts never share an axis)."""
    measures = table.reindex(list(city_ids))["indicator"]
    return C.HEADLINE_MEASURES[0] if len(measures) and (measures == C.HEADLINE_MEASURES[0]).all() \
        else C.HEADLINE_MEASURES[-1]
