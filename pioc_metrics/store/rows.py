"""The data contract's rows as the store keeps them: text under a key, per kind of file.

A clean Dataset becomes records ({kind: frame of key and data}); the records of a release become the contract's
frames again, which the data layer validates as it validates files, so a release reads back as its files would.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from pioc_metrics.data.dataset import CITY_COLUMNS, Dataset
from pioc_metrics.data.derive import derived_dataset
from pioc_metrics.data.stories import EVENT_COLUMNS, EVENT_PARTS, PRACTICE_COLUMNS, validate_events, validate_practices
from pioc_metrics.data.validation import (
    CATALOG_COLUMNS,
    validate_catalog,
    validate_cities,
    validate_indicators,
    validate_national,
)

# kind -> (file name, the contract's columns in order, key columns)
KINDS = {
    "cities": ("cities.csv", tuple(c for c in CITY_COLUMNS if c != "origin"), ("city_id",)),
    "indicators": ("indicators.csv", ("city_id", "year", "month", "indicator", "value", "series", "source", "note"),
                   ("city_id", "year", "month", "indicator", "series")),
    "national": ("national.csv", ("iso3", "country", "year", "indicator", "value", "source"),
                 ("iso3", "year", "indicator")),
    "catalog": ("indicator_catalog.csv", tuple(CATALOG_COLUMNS), ("indicator",)),
    "practices": ("practices.csv", PRACTICE_COLUMNS, ("practice_id",)),
    "events": ("events.csv", EVENT_COLUMNS, ("city_id", "date", "kind", "title")),
}
OPTIONAL_KINDS = ("practices", "events")  # a data folder may leave their files out
INTERNAL = {"origin", "derived", "population_carried", *EVENT_PARTS}  # columns the app adds: never stored


def number_text(values: pd.Series) -> pd.Series:
    """Numbers as the shortest text that reads back to the same float ("" where missing; 12.0 as "12")."""
    numbers = pd.to_numeric(values, errors="coerce")
    texts = [("" if np.isnan(v) else repr(float(v))) for v in numbers.to_numpy(dtype=float)]
    return pd.Series(texts, index=values.index).str.replace(r"\.0$", "", regex=True)


def frame_text(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A clean frame of `kind` as the contract's text: its columns (then any extra ones), every cell a string."""
    _, columns, _ = KINDS[kind]
    extra = [c for c in frame.columns if c not in columns and c not in INTERNAL and not str(c).startswith("_")]
    out = pd.DataFrame(index=frame.index)
    for column in (*columns, *extra):
        if column not in frame.columns:
            out[column] = ""
        elif pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column]):
            out[column] = number_text(frame[column])
        else:
            out[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    if kind == "indicators":
        out["series"] = out["series"].where(out["series"] != "", "main")
    return out.reset_index(drop=True)


def keyed(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Columns `key` (the key columns joined by "|") and `data` (the row as a JSON object) of a text frame."""
    _, _, key_columns = KINDS[kind]
    parts = [frame[column].astype(str) for column in key_columns]
    keys = parts[0].str.cat(parts[1:], sep="|") if len(frame) else pd.Series([], dtype=object)
    columns = list(frame.columns)
    data = [json.dumps(dict(zip(columns, row)), ensure_ascii=False) for row in frame.itertuples(index=False)]
    return pd.DataFrame({"key": keys.to_numpy(dtype=object), "data": data})


def dataset_records(data: Dataset) -> dict[str, pd.DataFrame]:
    """{kind: key/data frame} of a clean Dataset's own rows, yearly and monthly (derived rows are computed again
    on reading)."""
    indicators = data.indicators
    if "derived" in indicators.columns:
        indicators = indicators.loc[~indicators["derived"].astype(bool)]
    if len(data.monthly):
        indicators = pd.concat([indicators, data.monthly], ignore_index=True)
    frames = {"cities": data.cities, "indicators": indicators, "national": data.national, "catalog": data.catalog,
              "practices": data.practices, "events": data.events}
    return {kind: keyed(frame_text(frame, kind), kind) for kind, frame in frames.items()}


def contract_frames(data_by_kind: dict[str, list[str]]) -> dict[str, pd.DataFrame]:
    """{kind: frame of text in the contract's columns} from each kind's JSON rows: cities and catalog in the order
    given, indicator and national values by place and year."""
    frames = {}
    for kind, (_, columns, key_columns) in KINDS.items():
        rows = [json.loads(text) for text in data_by_kind.get(kind, [])]
        frame = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(columns=list(columns), dtype=object)
        for column in columns:
            if column not in frame.columns:
                frame[column] = ""
        ordered = [*columns, *(c for c in frame.columns if c not in columns)]
        frame = frame[ordered].fillna("").astype(str)
        if kind == "indicators" and (frame["month"] == "").all():
            frame = frame.drop(columns="month")  # a yearly-only release writes the v1 columns
        if kind in ("indicators", "national") and len(frame):  # by place, then year: as the files are kept
            sort = [("_year" if c == "year" else c) for c in key_columns if c in frame.columns]
            frame = frame.assign(_year=pd.to_numeric(frame["year"], errors="coerce"))
            frame = frame.sort_values(sort, kind="stable").drop(columns=["_year"])
        frames[kind] = frame.reset_index(drop=True)
    return frames


def frames_dataset(frames: dict[str, pd.DataFrame]) -> tuple[Dataset, list]:
    """The validated Dataset of contract frames, with the problems validation found (none for a sound release)."""
    file_of = {kind: spec[0] for kind, spec in KINDS.items()}
    catalog, problems = validate_catalog(frames["catalog"], file_of["catalog"])
    cities, found = validate_cities(frames["cities"], file_of["cities"])
    problems += found
    indicators, _, found = validate_indicators(frames["indicators"], file_of["indicators"], cities, catalog)
    problems += found
    national, found = validate_national(frames["national"], file_of["national"])
    problems += found
    practices, found = validate_practices(frames["practices"], file_of["practices"], cities)
    problems += found
    events, found = validate_events(frames["events"], file_of["events"], cities, practices["practice_id"])
    problems += found
    return derived_dataset(cities, indicators, national, catalog, events, practices), problems
