"""What the indicator catalog says of one indicator: its kind, which direction is better, and which measure a
table row (or the network's headline) stands for."""

from __future__ import annotations

import threading
import weakref
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


_KEPT_LOCK = threading.Lock()
_KEPT: dict[tuple, tuple[tuple[weakref.ref, ...], object]] = {}


def kept_for(frames: tuple[pd.DataFrame, ...], name: str, build):
    """`build()`'s result, kept while these frame objects live (a loaded dataset's frames are never changed in
    place): what a page asks of them many times a visit is worked out once. `name` tells apart what is kept."""
    key = (name, *(id(frame) for frame in frames))
    found = _KEPT.get(key)
    if found is not None and all(ref() is frame for ref, frame in zip(found[0], frames)):
        return found[1]
    value = build()
    with _KEPT_LOCK:
        for stale in [k for k, (refs, _) in _KEPT.items() if any(ref() is None for ref in refs)]:
            del _KEPT[stale]
        _KEPT[key] = (tuple(weakref.ref(frame) for frame in frames), value)
    return value


def catalog_rows(catalog: pd.DataFrame) -> dict[str, dict]:
    """{indicator: its catalog row as a dict} (the first row of each id), kept while this catalog object lives.

    A page asks the catalog for labels and kinds hundreds of times per visit; a pandas filter each time was a tenth
    of a visit's CPU (py-spy, issue 16). The catalog of a loaded dataset is never changed in place."""
    return _rows_of(catalog, "indicator")


def cities_by_id(cities: pd.DataFrame) -> dict[str, dict]:
    """{city_id: its row as a dict}, kept while this cities frame lives (a page looks cities up many times a
    visit; a frame of a loaded dataset is never changed in place)."""
    return _rows_of(cities, "city_id")


def _rows_of(frame: pd.DataFrame, key_column: str) -> dict[str, dict]:
    def build() -> dict[str, dict]:
        rows: dict[str, dict] = {}
        for row in frame.to_dict("records"):
            rows.setdefault(str(row.get(key_column)), row)
        return rows
    return kept_for((frame,), f"rows by {key_column}", build)


def catalog_value(catalog: pd.DataFrame, indicator: str, column: str) -> object:
    """One cell of an indicator's catalog row (None when the catalog lacks the indicator or the column)."""
    row = catalog_rows(catalog).get(str(indicator))
    return None if row is None else row.get(column)


def indicator_better(catalog: pd.DataFrame, indicator) -> str:
    """'lower', 'higher' or '' (no target) for one indicator of the catalog (or a row, or the headline)."""
    value = catalog_value(catalog, measure_of(indicator), "better")
    return value if isinstance(value, str) else ""


def indicator_kind(catalog: pd.DataFrame, indicator) -> str:
    """'rate', 'count' or 'share' for one indicator of the catalog (or a row, or the headline's preferred measure);
    '' when the catalog lacks it."""
    value = catalog_value(catalog, measure_of(indicator), "kind")
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


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


def city_positions_of(rows: pd.DataFrame) -> dict:
    """{city_id: the positions of its rows} of a frame with a `city_id` column, kept while the frame lives: one
    city's rows are then taken without scanning every city's (a city page asks for them several times a run)."""
    return kept_for((rows,), "city positions",
                    lambda: rows.groupby("city_id", sort=False).indices if len(rows) else {})


def rows_of_city(rows: pd.DataFrame, city_id: str) -> pd.DataFrame:
    """The rows of one city, in the frame's order."""
    positions = city_positions_of(rows).get(city_id)
    return rows.iloc[positions] if positions is not None else rows.iloc[0:0]
