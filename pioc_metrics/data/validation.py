"""Validating the contract's tables: cities, indicators (long, wide or single-city), national context, catalog.

Each validator takes a frame of strings (reading.read_table) and returns the clean, typed frame
and the problems of every rejected row; one bad row never hides the good ones, and no content
ever makes a validator raise.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.checks import (
    Checker,
    check_duplicates,
    check_month,
    check_values,
    check_year,
    city_slugs,
    extra_columns,
    fold_names,
    parse_numbers,
    parse_years,
    period_text,
    row_number,
    text_column,
)
from pioc_metrics.data.dataset import CITY_COLUMNS, INDICATOR_COLUMNS
from pioc_metrics.data.problems import WARNING, Problem
from pioc_metrics.data.reading import ROW, column_name, short_error

SLUG = r"[a-z0-9-]+"
INDICATOR_ID = r"[a-z0-9_]+"
CATALOG_COLUMNS = ("indicator", "label_en", "label_es", "label_pt", "unit", "kind", "better", "sdg", "description")
NATIONAL_COLUMNS = ("iso3", "country", "year", "indicator", "value", "source")
INDICATOR_KINDS = ("rate", "count", "share")
BETTER_CHOICES = ("lower", "higher", "")


# ---------------------------------------------------------------------------
# The guard every validator runs behind
# ---------------------------------------------------------------------------

def _with_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with normalised column names and a usable `_row` (position + 2 where missing)."""
    attrs = dict(frame.attrs)
    names = [column_name(name) for name in frame.columns]
    keep = [i for i, name in enumerate(names) if name not in names[:i]]
    frame = frame.iloc[:, keep].copy()
    frame.columns = [names[i] for i in keep]
    frame = frame.reset_index(drop=True)
    position = pd.Series(np.arange(2, 2 + len(frame), dtype="int64"), index=frame.index)
    if ROW in frame.columns and frame[ROW].dtype == "int64" and bool((frame[ROW].abs() < 2**53).all()):
        pass
    elif ROW in frame.columns:
        given = pd.to_numeric(frame[ROW].astype(object), errors="coerce")
        usable = (given.notna() & np.isfinite(given.astype("float64")) & (given == np.floor(given))
                  & (given.abs() < 2**53))
        frame[ROW] = given.where(usable, position).astype("float64").astype("int64")
    else:
        frame[ROW] = position
    frame.attrs.update(attrs)
    return frame


def _never_raises(empty):
    """Validation returns problems, never exceptions: an unforeseen error becomes one 'unreadable' problem."""
    def wrap(function):
        @functools.wraps(function)
        def guarded(frame, file, *args, **kwargs):
            try:
                return function(_with_rows(frame), file, *args, **kwargs)
            except Exception as error:
                return (*empty(), [Problem(str(file), None, None, "unreadable", params={"detail": short_error(error)})])
        return guarded
    return wrap


# ---------------------------------------------------------------------------
# cities.csv
# ---------------------------------------------------------------------------

@_never_raises(lambda: (empty_cities(),))
def validate_cities(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The clean cities frame (CITY_COLUMNS, then extras) and the problems of every rejected row."""
    checker = Checker(frame, file)
    required = ("city_id", "city", "country", "iso3", "lat", "lon", "status")
    if checker.missing_columns(required):
        return empty_cities(), checker.problems
    text = {name: text_column(frame, name) for name in CITY_COLUMNS + tuple(extra_columns(frame, CITY_COLUMNS))}
    text["iso3"] = text["iso3"].str.upper().astype(object)
    text["status"] = text["status"].str.lower().astype(object)
    frame = frame.assign(iso3=text["iso3"], status=text["status"])
    checker.frame = frame

    for name in ("city_id", "city", "country", "iso3", "lat", "lon", "status"):
        checker.flag(text[name] == "", name, "missing_value")

    def present(name: str) -> pd.Series:
        return text[name] != ""

    checker.flag(present("city_id") & ~text["city_id"].str.fullmatch(SLUG), "city_id", "invalid_city_id")
    checker.flag(present("iso3") & ~text["iso3"].str.fullmatch(r"[A-Z]{3}"), "iso3", "invalid_iso3")
    numbers = {}
    for name, limit in (("lat", 90), ("lon", 180)):
        numbers[name] = parse_numbers(text[name])
        checker.flag(present(name) & numbers[name].isna(), name, "invalid_number")
        checker.flag(numbers[name].notna() & ~numbers[name].between(-limit, limit), name, "out_of_range",
                     min=-limit, max=limit)
    checker.flag(present("status") & ~text["status"].isin(C.CITY_STATUSES), "status", "invalid_status",
                 choices=", ".join(C.CITY_STATUSES))
    years = {}
    for name in ("member_since", "baseline_year", "population_year"):
        years[name], invalid = parse_years(text[name])
        checker.flag(invalid, name, "invalid_year", min=C.YEAR_MIN, max=C.YEAR_MAX)
    population = parse_numbers(text["population"])
    whole_population = population.notna() & (population > 0) & (population == np.floor(population))
    checker.flag(present("population") & ~whole_population, "population", "invalid_population")
    duplicate = present("city_id") & text["city_id"].duplicated(keep="first") & ~checker.rejected
    if duplicate.any():
        first_row = frame.groupby(text["city_id"])[ROW].transform("first") if ROW in frame else None
        first_rows = ", ".join(sorted({str(int(r)) for r in first_row[duplicate]})) if first_row is not None else ""
        checker.flag(duplicate, "city_id", "duplicate_city_id", first_row=first_rows)

    keep = ~checker.rejected
    clean = pd.DataFrame({name: text[name] for name in text}).loc[keep]
    clean["lat"] = numbers["lat"].loc[keep]
    clean["lon"] = numbers["lon"].loc[keep]
    clean["population"] = population.loc[keep]
    for name, values in years.items():
        clean[name] = values.loc[keep].astype("Int64")
    clean["origin"] = clean["origin"].where(clean["origin"] != "", "shipped")
    return _ordered(clean, CITY_COLUMNS), _tidy(checker.problems)


def empty_cities() -> pd.DataFrame:
    """A cities frame with no rows and the contract's columns and dtypes."""
    return _empty_cities().copy()


@functools.lru_cache(maxsize=1)
def _empty_cities() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=object) for name in CITY_COLUMNS})
    for name in ("lat", "lon", "population"):
        frame[name] = frame[name].astype("float64")
    for name in ("member_since", "baseline_year", "population_year"):
        frame[name] = frame[name].astype("Int64")
    return _ordered(frame, CITY_COLUMNS)


def _ordered(frame: pd.DataFrame, columns) -> pd.DataFrame:
    extras = extra_columns(frame, columns)
    frame = frame[list(columns) + extras].reset_index(drop=True)
    for name in frame.columns:
        if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            frame[name] = frame[name].astype(str).fillna("")
    return frame


# ---------------------------------------------------------------------------
# indicators.csv (and uploads)
# ---------------------------------------------------------------------------

@_never_raises(lambda: (empty_indicators(), empty_cities()))
def validate_indicators(
    frame: pd.DataFrame,
    file: str,
    cities: pd.DataFrame,
    catalog: pd.DataFrame,
    *,
    city_id: str | None = None,
    source: str | None = None,
    new_cities_allowed: bool = False,
    decimal_comma: bool | None = None,
    origin: str = "shipped",
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(clean long rows, new cities named by the upload, problems) for any of the three layouts.

    With a `month` column (contract v2) the clean rows carry it (nullable Int64: empty for a yearly row, else
    1-12); data.months.split_months parts them. `decimal_comma` defaults to what read_table found.
    """
    if decimal_comma is None:
        decimal_comma = bool(frame.attrs.get("decimal_comma", False))
    indicator_ids = set(text_column(catalog, "indicator")) if "indicator" in catalog.columns else set()
    long, layout_problems = _long_layout(frame, file, indicator_ids, city_id, source)
    if long is None:
        return empty_indicators(), empty_cities(), layout_problems
    checker = Checker(long, file)
    checker.problems.extend(layout_problems)

    text = {name: text_column(long, name)
            for name in ("city_id", "city", "year", "indicator", "value", "source", "series", "note")}
    if source:
        text["source"] = text["source"].where(text["source"] != "", str(source).strip())
    value_column = long["_column"] if "_column" in long else pd.Series("value", index=long.index)

    # City: the id, else the name matched accent- and case-insensitively.
    resolved, new_cities = _resolve_cities(checker, text, cities, new_cities_allowed)
    nothing_given = (text["city_id"] == "") & (text["city"] == "")
    checker.flag(nothing_given, "city_id" if "city_id" in long else "city", "missing_value")

    years = check_year(checker, text["year"])
    has_months = "month" in long.columns
    months = check_month(checker, text_column(long, "month")) if has_months else None

    indicator = text["indicator"].str.lower()  # kept as str: compared and looked up only, never matched
    checker.flag(indicator == "", "indicator", "missing_value")
    checker.flag((indicator != "") & ~indicator.isin(indicator_ids), "indicator", "unknown_indicator",
                 value_column="indicator")

    values = check_values(checker, text["value"], value_column, decimal_comma)
    checker.flag(text["source"] == "", "source", "missing_source")

    series = text["series"].where(text["series"] != "", C.MAIN_SERIES)
    long = long.assign(city_id=resolved, year=years, indicator=indicator, series=series, value=text["value"])
    _check_duplicate_keys(checker, long, months, values)

    keep = ~checker.rejected & ~checker.skipped
    extras = [c for c in extra_columns(long, INDICATOR_COLUMNS)
              if c not in {"city", "country", "lat", "lon", "iso3", "month"}]
    clean = pd.DataFrame({
        "city_id": resolved,
        "year": years,
        "indicator": indicator,
        "value": values,
        "series": series,
        "source": text["source"],
        "note": text["note"],
        "derived": False,
        "population_carried": False,
        "origin": text_column(long, "origin").where(text_column(long, "origin") != "", origin),
    }).loc[keep]
    clean["year"] = clean["year"].astype("int64")
    clean["value"] = clean["value"].astype("float64")
    if has_months:
        clean["month"] = months.loc[keep].astype("Int64")
    for name in extras:
        clean[name] = text_column(long, name).loc[keep]
    if not new_cities.empty:
        used = set(clean["city_id"])
        new_cities = new_cities.loc[new_cities["city_id"].isin(used)]
    return _ordered(clean, INDICATOR_COLUMNS), new_cities.reset_index(drop=True), _tidy(checker.problems)


def _check_duplicate_keys(checker: Checker, long: pd.DataFrame, months: pd.Series | None,
                          values: pd.Series) -> None:
    """One (city_id, year, month, indicator, series) once: a month's row and its year's row are different values."""
    time_key = "year"
    if months is not None:  # the key names the month: '2019-03'
        long = long.assign(_period=period_text(long["year"], months))
        time_key = "_period"
    checker.frame = long
    valid = ~checker.rejected & ~checker.skipped
    check_duplicates(checker, ["city_id", time_key, "indicator", "series"], valid, values.where(valid))


def _tidy(problems: list[Problem]) -> list[Problem]:
    """Problems in row order, each (row, column, code) once: a wide row's cells share their city and year."""
    unique = {(p.row, p.column, p.code): p for p in reversed(problems)}
    # Undo the reversal before the (stable) sort: it keeps this order among a row's problems.
    in_order = list(reversed(unique.values()))
    return sorted(in_order, key=lambda p: (p.row is not None, p.row or 0))


def empty_indicators() -> pd.DataFrame:
    """An indicators frame with no rows and the contract's columns and dtypes."""
    return pd.DataFrame({
        "city_id": pd.Series(dtype=str), "year": pd.Series(dtype="int64"), "indicator": pd.Series(dtype=str),
        "value": pd.Series(dtype="float64"), "series": pd.Series(dtype=str), "source": pd.Series(dtype=str),
        "note": pd.Series(dtype=str), "derived": pd.Series(dtype=bool),
        "population_carried": pd.Series(dtype=bool), "origin": pd.Series(dtype=str),
    })


def _long_layout(frame: pd.DataFrame, file: str, indicator_ids: set[str], city_id: str | None,
                 source: str | None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Long, wide or single-city frame -> long rows; `_column` names the cell each value came from."""
    columns = set(frame.columns)
    problems: list[Problem] = []
    if {"indicator", "value"} <= columns:
        layout = frame
    else:
        indicator_columns = [c for c in frame.columns if c in indicator_ids]
        if not indicator_columns or "year" not in columns:
            missing = [c for c in ("year", "indicator", "value") if c not in columns]
            return None, [Problem(file, None, None, "unknown_layout",
                                  params={"missing": ", ".join(missing) or "indicator",
                                          "indicators": ", ".join(sorted(indicator_ids))})]
        # A lone "indicator" or "value" column means nothing in a wide sheet and would clash with the melt.
        id_columns = [c for c in frame.columns if c not in indicator_columns and c not in ("indicator", "value")]
        # A row with every indicator cell empty is reported once, not once per cell.
        blank = (frame[indicator_columns].astype(object).fillna("").astype(str) == "").all(axis=1)
        problems.extend(Problem(file, row_number(row), None, "empty_row", WARNING)
                        for row in frame.loc[blank, ROW].tolist())
        layout = frame.loc[~blank, id_columns + indicator_columns].melt(
            id_vars=id_columns, value_vars=indicator_columns, var_name="indicator", value_name="value")
        layout["_column"] = layout["indicator"]
        cells = layout["value"].astype(object).fillna("").astype(str).str.strip()
        layout = layout.loc[cells != ""].sort_values([ROW, "indicator"], kind="stable")
    if "city_id" not in columns and "city" not in columns:
        if not city_id:
            return None, problems + [Problem(file, None, "city_id", "missing_column", params={"column": "city_id"})]
        layout = layout.assign(city_id=str(city_id))
    if "source" not in columns and not source:
        return None, problems + [Problem(file, None, "source", "missing_column", params={"column": "source"})]
    for name in ("year",):
        if name not in columns:
            return None, problems + [Problem(file, None, name, "missing_column", params={"column": name})]
    return layout.reset_index(drop=True), problems


def _resolve_cities(checker: Checker, text: dict, cities: pd.DataFrame,
                    new_cities_allowed: bool) -> tuple[pd.Series, pd.DataFrame]:
    """city_id for each row (by id, else by name) and the frame of new cities an upload names."""
    frame = checker.frame
    known_ids = set(text_column(cities, "city_id"))
    given = text["city_id"]
    by_name = pd.Series("", index=frame.index, dtype=object)
    named = (given == "") & (text["city"] != "")
    if named.any() and "city" in cities.columns:
        names = pd.DataFrame({"key": fold_names(text_column(cities, "city")),
                              "city_id": text_column(cities, "city_id")})
        counts = names["key"].value_counts()
        lookup = names.drop_duplicates("key").set_index("key")["city_id"]
        keys = fold_names(text["city"].loc[named])
        ambiguous = keys.map(counts).fillna(0) > 1
        by_name.loc[named] = keys.map(lookup).fillna("").where(~ambiguous, "")
        checker.flag(named & ambiguous.reindex(frame.index, fill_value=False), "city", "ambiguous_city")
    # Without names to look up the ids are the given ones (kept as str: no object round trip).
    resolved = given.where(given != "", by_name).astype(object) if named.any() else given
    unknown = ~resolved.isin(known_ids) & ((resolved != "") | named) & ~checker.rejected

    new_cities = empty_cities()
    if new_cities_allowed and unknown.any():
        lat, lon = parse_numbers(text_column(frame, "lat")), parse_numbers(text_column(frame, "lon"))
        describable = (unknown & (text["city"] != "") & (text_column(frame, "country") != "")
                       & lat.between(-90, 90) & lon.between(-180, 180))
        describable &= (resolved == "") | resolved.astype(object).str.fullmatch(SLUG).fillna(False)
        if describable.any():
            proposed = resolved.where(resolved != "", city_slugs(text["city"]))
            new = pd.DataFrame({"city_id": proposed, "city": text["city"], "country": text_column(frame, "country"),
                                "iso3": text_column(frame, "iso3").str.upper(), "lat": lat,
                                "lon": lon}).loc[describable]
            new = new.drop_duplicates("city_id")
            taken = new["city_id"].isin(known_ids)  # a slug that clashes with a known city of another name
            new.loc[taken, "city_id"] = new.loc[taken, "city_id"] + "-new"
            mapping = dict(zip(proposed.loc[describable].drop_duplicates(), new["city_id"]))
            resolved = resolved.where(~describable, proposed.map(mapping).fillna(proposed))
            new = new.assign(status="other", origin="upload")
            new_cities = pd.concat([empty_cities(), new], ignore_index=True)
            new_cities = _ordered(new_cities.astype({"member_since": "Int64", "baseline_year": "Int64",
                                                     "population_year": "Int64"}), CITY_COLUMNS)
            checker.problems.extend(
                Problem(checker.file, row_number(row), "city", "new_city", WARNING,
                        params={"value": city, "city_id": cid, "column": "city"})
                for row, city, cid in zip(frame.loc[describable, ROW], text["city"].loc[describable],
                                          resolved.loc[describable])
            )
            unknown &= ~describable
    column = pd.Series("city_id", index=frame.index).where(given != "", "city")
    _flag_unknown(checker, unknown, column, given, text["city"])
    return resolved, new_cities


def _flag_unknown(checker: Checker, unknown: pd.Series, column: pd.Series, given: pd.Series,
                  names: pd.Series) -> None:
    if not unknown.any():
        return
    shown = given.where(given != "", names)
    checker.problems.extend(
        Problem(checker.file, row_number(row), col, "unknown_city", params={"value": value, "column": col})
        for row, col, value in zip(checker.frame.loc[unknown, ROW], column.loc[unknown], shown.loc[unknown])
    )
    checker.rejected |= unknown


# ---------------------------------------------------------------------------
# national.csv and indicator_catalog.csv
# ---------------------------------------------------------------------------

@_never_raises(lambda: (empty_national(),))
def validate_national(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """National context rows (iso3, country, year, indicator, value, source), validated."""
    checker = Checker(frame, file)
    if checker.missing_columns(("iso3", "year", "indicator", "value", "source")):
        return empty_national(), checker.problems
    text = {name: text_column(frame, name) for name in NATIONAL_COLUMNS}
    iso3 = text["iso3"].str.upper().astype(object)
    checker.frame = frame = frame.assign(iso3=iso3)
    checker.flag(~iso3.str.fullmatch(r"[A-Z]{3}"), "iso3", "invalid_iso3")
    years = check_year(checker, text["year"])
    indicator = text["indicator"].str.lower().astype(object)
    checker.flag(~indicator.str.fullmatch(INDICATOR_ID), "indicator", "unknown_indicator")
    values = check_values(checker, text["value"], "value", bool(frame.attrs.get("decimal_comma", False)))
    checker.flag(text["source"] == "", "source", "missing_source")
    checker.frame = frame.assign(indicator=indicator, year=years)
    valid = ~checker.rejected & ~checker.skipped
    check_duplicates(checker, ["iso3", "year", "indicator"], valid, values.where(valid))
    keep = ~checker.rejected & ~checker.skipped
    clean = pd.DataFrame({"iso3": iso3, "country": text["country"], "year": years, "indicator": indicator,
                          "value": values, "source": text["source"]}).loc[keep]
    clean["year"] = clean["year"].astype("int64")
    for name in extra_columns(frame, NATIONAL_COLUMNS):
        clean[name] = text_column(frame, name).loc[keep]
    return _ordered(clean, NATIONAL_COLUMNS), _tidy(checker.problems)


def empty_national() -> pd.DataFrame:
    """A national frame with no rows and the contract's columns and dtypes."""
    return pd.DataFrame({"iso3": pd.Series(dtype=str), "country": pd.Series(dtype=str),
                         "year": pd.Series(dtype="int64"), "indicator": pd.Series(dtype=str),
                         "value": pd.Series(dtype="float64"), "source": pd.Series(dtype=str)})


@_never_raises(lambda: (pd.DataFrame({name: pd.Series(dtype=str) for name in CATALOG_COLUMNS}),))
def validate_catalog(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The indicator catalog: ids, kinds and directions checked; all columns strings."""
    checker = Checker(frame, file)
    if checker.missing_columns(("indicator", "kind")):
        return pd.DataFrame({name: pd.Series(dtype=str) for name in CATALOG_COLUMNS}), checker.problems
    text = {name: text_column(frame, name) for name in CATALOG_COLUMNS + tuple(extra_columns(frame, CATALOG_COLUMNS))}
    for name in ("indicator", "kind", "better"):
        text[name] = text[name].str.lower().astype(object)
    checker.frame = frame = frame.assign(indicator=text["indicator"], kind=text["kind"], better=text["better"])
    checker.flag(~text["indicator"].str.fullmatch(INDICATOR_ID), "indicator", "invalid_indicator_id")
    checker.flag(~text["kind"].isin(INDICATOR_KINDS), "kind", "invalid_choice", choices=", ".join(INDICATOR_KINDS))
    checker.flag(~text["better"].isin(BETTER_CHOICES), "better", "invalid_choice", choices="lower, higher")
    checker.flag(text["indicator"].duplicated() & ~checker.rejected, "indicator", "duplicate_indicator")
    keep = ~checker.rejected
    clean = pd.DataFrame(text).loc[keep]
    return _ordered(clean, CATALOG_COLUMNS), _tidy(checker.problems)
