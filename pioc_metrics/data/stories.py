"""Validating events.csv and practices.csv (data contract v2): what happened in a city, and what cities do.

Like the other validators: a frame of strings in, the clean frame and the problems of every rejected row out;
one bad row never hides the good ones and no content makes them raise.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.checks import Checker, extra_columns, parse_years, text_column
from pioc_metrics.data.problems import WARNING, Problem
from pioc_metrics.data.validation import SLUG, _never_raises, _ordered, _tidy

LANGUAGES = ("en", "es", "pt")
EVENT_COLUMNS = (
    "city_id", "date", "kind", "title", "title_en", "title_es", "title_pt",
    "description", "description_en", "description_es", "description_pt", "practice_id", "source",
)
# Added on reading: the date's parts and where it falls on a chart's year axis.
EVENT_PARTS = ("year", "month", "day", "position")
PRACTICE_COLUMNS = (
    "practice_id", "title_en", "title_es", "title_pt", "summary_en", "summary_es", "summary_pt",
    "approach", "cities", "since", "evidence", "evidence_es", "evidence_pt", "contact", "source",
)
DATE_PATTERN = r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?"


# ---------------------------------------------------------------------------
# events.csv
# ---------------------------------------------------------------------------

@_never_raises(lambda: (empty_events(),))
def validate_events(frame: pd.DataFrame, file: str, cities: pd.DataFrame,
                    practice_ids=None) -> tuple[pd.DataFrame, list[Problem]]:
    """The clean events frame (EVENT_COLUMNS, then year, month, day, position, then extras) and its problems.

    `practice_ids`: the practices an event may name (None: not checked, as when events.csv is read alone).
    """
    checker = Checker(frame, file)
    if checker.missing_columns(("city_id", "date", "kind", "source")):
        return empty_events(), checker.problems
    text = {name: text_column(frame, name) for name in EVENT_COLUMNS + tuple(extra_columns(frame, EVENT_COLUMNS))}
    text["city_id"] = text["city_id"].str.lower().astype(object)
    text["kind"] = text["kind"].str.lower().astype(object)
    checker.frame = frame = frame.assign(city_id=text["city_id"], kind=text["kind"])

    for name in ("city_id", "date", "kind"):
        checker.flag(text[name] == "", name, "missing_value")
    known = set(cities["city_id"]) if "city_id" in cities else set()
    checker.flag((text["city_id"] != "") & ~text["city_id"].isin(known), "city_id", "unknown_event_city")
    year, month, day, bad_date = event_dates(text["date"])
    checker.flag((text["date"] != "") & bad_date, "date", "invalid_event_date")
    checker.flag((text["kind"] != "") & ~text["kind"].isin(C.EVENT_KINDS), "kind", "invalid_choice",
                 choices=", ".join(C.EVENT_KINDS))
    titles = [text[name] for name in ("title", "title_en", "title_es", "title_pt")]
    no_title = np.logical_and.reduce([t == "" for t in titles])
    checker.flag(pd.Series(no_title, index=frame.index), "title", "missing_value")
    checker.flag(text["source"] == "", "source", "missing_source")
    text["practice_id"] = text["practice_id"].str.lower().astype(object)
    if practice_ids is not None:
        unknown = (text["practice_id"] != "") & ~text["practice_id"].isin(set(practice_ids))
        checker.flag(unknown, "practice_id", "unknown_practice", value_column="practice_id")
    key = text["city_id"] + "|" + text["date"] + "|" + titles[0] + titles[1]
    repeated = ~checker.rejected & key.duplicated(keep="first") & ~key.where(~checker.rejected).isna()
    checker.flag(repeated, "title", "duplicate_event", WARNING)

    keep = ~checker.rejected & ~repeated
    clean = pd.DataFrame({name: text[name] for name in text}).loc[keep]
    clean["year"] = year.loc[keep].astype("int64")
    clean["month"] = month.loc[keep].astype("Int64")
    clean["day"] = day.loc[keep].astype("Int64")
    clean["position"] = date_position(clean["year"], clean["month"], clean["day"])
    clean = _ordered(clean, EVENT_COLUMNS + EVENT_PARTS)
    return clean.sort_values(["city_id", "position"], kind="stable").reset_index(drop=True), _tidy(checker.problems)


def event_dates(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """(year, month, day as floats, NaN where not given; invalid mask) of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` texts."""
    parts = text.str.fullmatch(DATE_PATTERN)
    found = text.str.extract("^" + DATE_PATTERN + "$")
    year, invalid_year = parse_years(found["year"].fillna(""))
    month = pd.to_numeric(found["month"], errors="coerce")
    day = pd.to_numeric(found["day"], errors="coerce")
    dates = pd.to_datetime(pd.DataFrame({"year": year.fillna(2000), "month": month.fillna(1), "day": day.fillna(1)}),
                           errors="coerce")
    invalid = ~parts.fillna(False) | year.isna() | invalid_year | dates.isna()
    return year, month, day, invalid


def date_position(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    """Where a date falls on a yearly axis: the year itself for a year, plus the share of the year gone before the
    month (and day) when they are given: 2012 -> 2012.0, 2019-08-04 -> about 2019.59."""
    months = month.astype("Float64").fillna(1).astype("float64")
    days = day.astype("Float64").fillna(1).astype("float64")
    return (year.astype("float64") + (months - 1) / 12 + (days - 1) / 365).round(4)


def empty_events() -> pd.DataFrame:
    """An events frame with no rows and the contract's columns and dtypes."""
    return _empty_events().copy()


@functools.lru_cache(maxsize=1)
def _empty_events() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=object) for name in EVENT_COLUMNS})
    frame["year"] = pd.Series(dtype="int64")
    frame["month"] = pd.Series(dtype="Int64")
    frame["day"] = pd.Series(dtype="Int64")
    frame["position"] = pd.Series(dtype="float64")
    return _ordered(frame, EVENT_COLUMNS + EVENT_PARTS)


# ---------------------------------------------------------------------------
# practices.csv
# ---------------------------------------------------------------------------

@_never_raises(lambda: (empty_practices(),))
def validate_practices(frame: pd.DataFrame, file: str, cities: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The clean practices frame (PRACTICE_COLUMNS, then extras; `since` Int64, approach and cities as `a;b`)."""
    checker = Checker(frame, file)
    if checker.missing_columns(("practice_id", "approach", "cities", "evidence", "source")):
        return empty_practices(), checker.problems
    text = {name: text_column(frame, name)
            for name in PRACTICE_COLUMNS + tuple(extra_columns(frame, PRACTICE_COLUMNS))}
    text["practice_id"] = text["practice_id"].str.lower().astype(object)
    text["approach"] = _listed(text["approach"].str.lower())
    text["cities"] = _listed(text["cities"].str.lower())
    checker.frame = frame = frame.assign(**{name: text[name] for name in ("practice_id", "approach", "cities")})

    for name in ("practice_id", "approach", "cities", "evidence"):
        checker.flag(text[name] == "", name, "missing_value")
    present = text["practice_id"] != ""
    checker.flag(present & ~text["practice_id"].str.fullmatch(SLUG), "practice_id", "invalid_practice_id")
    no_title = (text["title_en"] == "") & (text["title_es"] == "") & (text["title_pt"] == "")
    checker.flag(no_title, "title_en", "missing_value")
    checker.flag(_any_outside(text["approach"], set(C.PRACTICE_APPROACHES)), "approach", "invalid_choice",
                 choices=", ".join(C.PRACTICE_APPROACHES))
    known = set(cities["city_id"]) if "city_id" in cities else set()
    checker.flag(_any_outside(text["cities"], known), "cities", "unknown_practice_city")
    since, invalid = parse_years(text["since"])
    checker.flag(invalid, "since", "invalid_year", min=C.YEAR_MIN, max=C.YEAR_MAX)
    checker.flag(text["source"] == "", "source", "missing_source")
    duplicate = present & ~checker.rejected & text["practice_id"].where(~checker.rejected).duplicated(keep="first")
    checker.flag(duplicate, "practice_id", "duplicate_practice")

    keep = ~checker.rejected
    clean = pd.DataFrame({name: text[name] for name in text}).loc[keep]
    clean["since"] = since.loc[keep].astype("Int64")
    return _ordered(clean, PRACTICE_COLUMNS).sort_values("practice_id").reset_index(drop=True), _tidy(
        checker.problems)


def _listed(text: pd.Series) -> pd.Series:
    """`a; b;;c` as `a;b;c`: the parts of a `;`-separated cell, stripped, empties left out."""
    return text.str.split(";").map(lambda parts: ";".join(p.strip() for p in parts if p.strip())).astype(object)


def _any_outside(listed: pd.Series, allowed: set) -> pd.Series:
    """Rows of a `;`-separated column with a part not in `allowed`."""
    parts = listed.str.split(";").explode()
    outside = (parts != "") & ~parts.isin(allowed)
    return outside.groupby(level=0).any().reindex(listed.index, fill_value=False)


def empty_practices() -> pd.DataFrame:
    """A practices frame with no rows and the contract's columns and dtypes."""
    frame = pd.DataFrame({name: pd.Series(dtype=object) for name in PRACTICE_COLUMNS})
    frame["since"] = frame["since"].astype("Int64")
    return _ordered(frame, PRACTICE_COLUMNS)


def practice_cities(practices: pd.DataFrame) -> pd.DataFrame:
    """One row per (practice_id, city_id): the practices frame's `cities` column spread out."""
    spread = practices[["practice_id", "cities"]].assign(city_id=practices["cities"].str.split(";"))
    spread = spread.explode("city_id")
    spread = spread.loc[spread["city_id"].notna() & (spread["city_id"] != "")]
    return spread[["practice_id", "city_id"]].reset_index(drop=True)


# ---------------------------------------------------------------------------
# uploads of either file
# ---------------------------------------------------------------------------

EVENT_KEYS = ["city_id", "date", "kind", "title"]


def story_layout(frame: pd.DataFrame) -> str:
    """"events" or "practices" for a file in the shape of events.csv or practices.csv, else ""."""
    columns = {str(c) for c in frame.columns}
    if {"practice_id", "approach", "cities"} <= columns:
        return "practices"
    if {"city_id", "date", "kind"} <= columns and not columns & {"indicator", "value"}:
        return "events"
    return ""


def story_rows(frame: pd.DataFrame, file: str, base, layout: str) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(events, practices, problems) of an uploaded file of `layout`, checked against `base`'s cities and
    practices."""
    if layout == "practices":
        practices, problems = validate_practices(frame, file, base.cities)
        return empty_events(), practices, problems
    events, problems = validate_events(frame, file, base.cities, base.practices["practice_id"])
    return events, empty_practices(), problems


def merged_stories(rows: pd.DataFrame, upload: pd.DataFrame) -> pd.DataFrame:
    """The base's events (or practices) with the upload's, the upload winning for the same key."""
    if upload.empty:
        return rows
    keys = EVENT_KEYS if "position" in rows.columns else ["practice_id"]
    given = upload[keys].drop_duplicates().assign(_upload=True)
    kept = rows.loc[rows[keys].merge(given, on=keys, how="left")["_upload"].isna().to_numpy()]
    merged = pd.concat([kept, upload], ignore_index=True)
    order = ["city_id", "position"] if "position" in merged.columns else ["practice_id"]
    return merged.sort_values(order, kind="stable").reset_index(drop=True)
