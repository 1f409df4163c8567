"""Turning an uploaded file into this session's Dataset: read, check, place new cities, merge.

Pure: no Streamlit, nothing written anywhere. `check_upload` never raises on any content; the
page shows its report and, when the user applies it, `merge_upload` builds the Dataset that
lives in that browser session's state only.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import PurePath

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data import gazetteer
from pioc_metrics.data.checks import fold_names
from pioc_metrics.data.dataset import CITY_COLUMNS, INDICATOR_COLUMNS, Dataset
from pioc_metrics.data.derive import POPULATION, derived_dataset
from pioc_metrics.data.months import dates_as_months, split_months
from pioc_metrics.data.problems import ERROR, WARNING, Problem
from pioc_metrics.data.reading import ROW, read_table
from pioc_metrics.data.stories import empty_events, empty_practices, merged_stories, story_layout, story_rows
from pioc_metrics.data.validation import empty_cities, empty_indicators, validate_indicators

MODES = ("extend", "replace")
YEAR_KEYS = ["city_id", "year", "indicator", "series"]
MONTH_KEYS = ["city_id", "year", "month", "indicator", "series"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a network's data fits in far less; larger files are split by city
MAX_UPLOAD_ROWS = 100_000
RATE_IMPOSSIBLE = 1000.0  # per 100,000: above this a rate is an error (no city has come near it)
RATE_HIGH = 250.0  # per 100,000: above this the user is asked to check the unit
SHARE_MAX = 100.0  # %
CITY_POPULATION_MAX = 50_000_000
NAME_MAX = 80  # characters of a file name shown back to the user

UPLOAD_ROW = "pioc_upload_row"  # carries the spreadsheet row through validation (extras are kept)
EXAMPLE_MARKS = ("example", "ejemplo", "exemplo")  # the template's example row starts its note so
# Codes whose rows are dropped without being an error (the rest of the file is fine).
SKIP_CODES = ("empty_value", "empty_row", "duplicate_row", "data_example_row")


@dataclass(frozen=True)
class Placement:
    """Coordinates used for a new city: from the file, or from a gazetteer entry."""

    row: int | None
    city: str
    country: str
    lat: float
    lon: float
    entry: str  # the gazetteer citation; "" when the file gave the coordinates
    candidates: int = 1


@dataclass(frozen=True)
class UploadChoices:
    """What the form adds to a file: the city of a single-city sheet and a source for every row."""

    city_id: str = ""  # a known city
    city: str = ""  # or a new city's name ...
    country: str = ""  # ... and country
    lat: float | None = None
    lon: float | None = None
    source: str = ""

    def key(self) -> str:
        return repr((self.city_id, self.city, self.country, self.lat, self.lon, self.source))


@dataclass(frozen=True)
class UploadReport:
    """Everything the page shows about one upload, and the accepted rows."""

    content_hash: str
    layout: str  # "long", "wide" or "single_city"; "" when the file could not be read
    needs_city: bool  # a single-city sheet: the form must name the city
    needs_source: bool  # no source column: the form must give one
    rows_read: int
    values_accepted: int
    rows_rejected: int
    rows_skipped: int
    problems: tuple[Problem, ...]
    indicators: pd.DataFrame = field(repr=False)  # accepted long rows, origin "upload"
    new_cities: pd.DataFrame = field(repr=False)
    placements: tuple[Placement, ...] = ()
    replaced_keys: int = 0  # (city, year, indicator, series) already in the shipped data
    events: pd.DataFrame = field(default_factory=empty_events, repr=False)  # an events.csv upload's rows
    practices: pd.DataFrame = field(default_factory=empty_practices, repr=False)  # a practices.csv upload's rows

    @property
    def usable(self) -> bool:
        return self.values_accepted > 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def content_hash(content: bytes) -> str:
    return hashlib.sha256(bytes(content)).hexdigest()


def session_key(report: UploadReport, mode: str, choices: UploadChoices | None = None) -> str:
    """The key of an applied upload: its content, the form's choices and the mode."""
    digest = hashlib.sha256(f"{report.content_hash}|{mode}|{(choices or UploadChoices()).key()}".encode())
    return "upload-" + digest.hexdigest()[:32]


def display_name(filename: object) -> str:
    """A file name as text to show (never a path): last component, printable, truncated."""
    text = str(filename or "")
    text = PurePath(text.replace("\\", "/")).name if text else ""
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C").strip()
    if len(text) > NAME_MAX:
        text = text[: NAME_MAX - 1] + "…"
    return text or "upload"


def _reading_name(filename: object) -> str:
    """The name read_table sees: a fixed stem and the file's extension only."""
    suffix = PurePath(str(filename or "").replace("\\", "/")).suffix.lower()
    suffix = "".join(c for c in suffix if c.isalnum() or c == ".")[:12]
    return "upload" + suffix


# ---------------------------------------------------------------------------
# check_upload
# ---------------------------------------------------------------------------

def check_upload(content: bytes, filename: str, base: Dataset,
                 choices: UploadChoices | None = None) -> UploadReport:
    """The report on an uploaded file against `base` (the shipped data). Never raises."""
    choices = choices or UploadChoices()
    digest = content_hash(content if isinstance(content, (bytes, bytearray)) else b"")
    try:
        return _check_upload(bytes(content), filename, base, choices, digest)
    except Exception as error:
        return _failed(digest, [Problem(_reading_name(filename), None, None, "data_unexpected", ERROR,
                                        params={"detail": type(error).__name__})])


def _failed(digest: str, problems: list[Problem], rows_read: int = 0, layout: str = "",
            needs_city: bool = False, needs_source: bool = False) -> UploadReport:
    return UploadReport(
        content_hash=digest, layout=layout, needs_city=needs_city, needs_source=needs_source,
        rows_read=rows_read, values_accepted=0,
        rows_rejected=len({p.row for p in problems if p.is_error and p.row is not None}),
        rows_skipped=0, problems=tuple(problems), indicators=empty_indicators(), new_cities=empty_cities(),
    )


def _check_upload(content: bytes, filename: str, base: Dataset, choices: UploadChoices,
                  digest: str) -> UploadReport:
    file = _reading_name(filename)
    if len(content) > MAX_UPLOAD_BYTES:
        return _failed(digest, [Problem(file, None, None, "data_file_too_big", ERROR, params={
            "megabytes": round(len(content) / 1024 / 1024, 1), "limit": MAX_UPLOAD_BYTES // (1024 * 1024)})])
    frame, problems = read_table(content, file)
    if frame is None:
        return _failed(digest, problems)
    if len(frame) > MAX_UPLOAD_ROWS:
        return _failed(digest, problems + [Problem(file, None, None, "data_too_many_rows", ERROR, params={
            "rows": len(frame), "limit": MAX_UPLOAD_ROWS})], rows_read=len(frame))
    if frame.empty:
        return _failed(digest, problems)
    story = story_layout(frame)
    if story:
        return _story_report(frame, file, base, digest, problems, story)
    frame = frame.drop(columns=[c for c in ("origin", "derived", "population_carried", UPLOAD_ROW)
                                if c in frame.columns])
    frame[UPLOAD_ROW] = frame[ROW].astype(str)
    rows_read = len(frame)
    frame, found = dates_as_months(frame, file)  # a row whose date is no month is reported and left out
    problems += found
    dated_out = rows_read - len(frame)

    indicator_ids = set(base.catalog["indicator"])
    columns = set(frame.columns)
    layout = "long" if {"indicator", "value"} <= columns else (
        "wide" if columns & {"city_id", "city"} else "single_city")
    has_indicator_columns = bool(columns & indicator_ids)
    needs_city = (layout == "single_city" and has_indicator_columns and "year" in columns
                  and not (choices.city_id or choices.city))
    needs_source = "source" not in columns and not choices.source.strip()
    fixable = "year" in columns and (has_indicator_columns or layout == "long")
    if fixable and (needs_city or needs_source):
        # Nothing is checked until the form names the city or the source: the report would
        # otherwise list a missing column the user can fill in right here.
        asked = [Problem(file, None, name, "data_form_needed", WARNING, params={"column": name})
                 for name, needed in (("city", needs_city), ("source", needs_source)) if needed]
        return _failed(digest, problems + asked, rows_read=rows_read, layout=layout,
                       needs_city=needs_city, needs_source=needs_source)

    city_id = None
    if layout == "single_city":
        if choices.city_id:
            city_id = choices.city_id
        elif choices.city:
            frame = frame.assign(city=choices.city.strip(), country=choices.country.strip(),
                                 lat="" if choices.lat is None else str(choices.lat),
                                 lon="" if choices.lon is None else str(choices.lon))
    frame, skipped_examples = _drop_example_rows(frame, file)
    problems += skipped_examples
    frame, placements, place_problems = _place_new_cities(frame, base.cities, file)
    problems += place_problems

    clean, new_cities, found = validate_indicators(
        frame, file, base.cities, base.catalog, city_id=city_id, source=choices.source.strip() or None,
        new_cities_allowed=True, origin="upload")
    problems += found
    clean = clean.assign(origin="upload")  # whatever the file says, these rows are the user's
    clean, more = _plausibility(clean, base, file, layout)
    problems += more
    new_cities = _complete_new_cities(new_cities, clean, placements)
    placements = tuple(p for p in placements if p.city in set(new_cities["city"])) + tuple(
        Placement(None, str(c.city), str(c.country), float(c.lat), float(c.lon), "")
        for c in new_cities.itertuples() if str(c.city) not in {p.city for p in placements})

    problems = _ordered_problems(problems)
    rows_rejected = {p.row for p in problems if p.is_error and p.row is not None}
    rows_skipped = {p.row for p in problems if p.code in SKIP_CODES and p.row is not None} - rows_rejected
    replaced = _replaced_keys(clean, base)
    clean = clean.drop(columns=[UPLOAD_ROW], errors="ignore")
    return UploadReport(
        content_hash=digest, layout=layout, needs_city=False, needs_source=False,
        rows_read=len(frame) + dated_out,
        values_accepted=len(clean), rows_rejected=len(rows_rejected), rows_skipped=len(rows_skipped),
        problems=tuple(problems), indicators=clean.reset_index(drop=True), new_cities=new_cities,
        placements=placements, replaced_keys=replaced,
    )


def _story_report(frame: pd.DataFrame, file: str, base: Dataset, digest: str, problems: list[Problem],
                  layout: str) -> UploadReport:
    """The report on an events or practices file: validated against the cities (and practices) of `base`."""
    events, practices, found = story_rows(frame, file, base, layout)
    problems = _ordered_problems(problems + found)
    rejected = {p.row for p in problems if p.is_error and p.row is not None}
    skipped = {p.row for p in problems if not p.is_error and p.row is not None} - rejected
    return UploadReport(
        content_hash=digest, layout=layout, needs_city=False, needs_source=False, rows_read=len(frame),
        values_accepted=len(events) + len(practices), rows_rejected=len(rejected), rows_skipped=len(skipped),
        problems=tuple(problems), indicators=empty_indicators(), new_cities=empty_cities(), events=events,
        practices=practices)


def _ordered_problems(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.row is not None, p.row or 0))


def _drop_example_rows(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The template's example row, left in by mistake, is skipped with a warning."""
    if "note" not in frame.columns:
        return frame, []
    note = frame["note"].astype(str).str.strip().str.casefold()
    example = note.str.startswith(EXAMPLE_MARKS)
    problems = [Problem(file, int(row), "note", "data_example_row", WARNING) for row in frame.loc[example, ROW]]
    return frame.loc[~example].reset_index(drop=True), problems


def _place_new_cities(frame: pd.DataFrame, cities: pd.DataFrame,
                      file: str) -> tuple[pd.DataFrame, list[Placement], list[Problem]]:
    """Fill lat/lon (and iso3) from the gazetteer for rows naming an unknown city and a country."""
    if "city" not in frame.columns or "country" not in frame.columns:
        return frame, [], []
    text = lambda name: (frame[name].astype(str).str.strip() if name in frame.columns  # noqa: E731
                         else pd.Series("", index=frame.index, dtype=object))
    city_id, city, country = text("city_id"), text("city"), text("country")
    lat, lon, iso3 = text("lat"), text("lon"), text("iso3")
    known_ids = set(cities["city_id"])
    known_names = set(fold_names(cities["city"].astype(str)))
    unknown = (city != "") & (country != "") & ~city_id.isin(known_ids)
    unknown &= ~((city_id == "") & fold_names(city.astype(object)).isin(known_names))
    without_coordinates = unknown & ((lat == "") | (lon == ""))
    if not without_coordinates.any():
        return frame, [], []
    frame = frame.copy()
    for name in ("lat", "lon", "iso3"):
        if name not in frame.columns:
            frame[name] = ""
    placements: list[Placement] = []
    problems: list[Problem] = []
    pairs = pd.DataFrame({"city": city, "country": country}).loc[without_coordinates].drop_duplicates()
    for name, land in pairs.itertuples(index=False):
        rows = without_coordinates & (city == name) & (country == land)
        first_row = int(frame.loc[rows, ROW].iloc[0])
        found = gazetteer.place(name, land)
        if found is None:
            reason = "data_country_unknown" if gazetteer.country_code(land) is None else "data_not_in_gazetteer"
            problems.extend(Problem(file, int(r), "city", reason, ERROR, params={"value": name, "country": land})
                            for r in frame.loc[rows, ROW])
            continue
        frame.loc[rows, "lat"] = str(found.lat)
        frame.loc[rows, "lon"] = str(found.lon)
        frame.loc[rows & (iso3 == ""), "iso3"] = found.iso3
        placements.append(Placement(first_row, name, land, found.lat, found.lon, found.citation, found.candidates))
        problems.append(Problem(file, first_row, "city", "data_placed", WARNING, params={
            "value": name, "lat": found.lat, "lon": found.lon, "entry": found.citation}))
    return frame, placements, problems


def _complete_new_cities(new_cities: pd.DataFrame, clean: pd.DataFrame,
                         placements: list[Placement]) -> pd.DataFrame:
    """New cities that kept rows, with an iso3 from the country name where the file had none."""
    if new_cities.empty:
        return new_cities
    new_cities = new_cities.loc[new_cities["city_id"].isin(set(clean["city_id"]))].copy()
    missing = new_cities["iso3"].astype(str).str.fullmatch(r"[A-Z]{3}") == False  # noqa: E712
    for index in new_cities.index[missing]:
        new_cities.at[index, "iso3"] = gazetteer.country_iso3(new_cities.at[index, "country"])
    new_cities["origin"] = "upload"
    new_cities["status"] = "other"
    entries = {p.city: p.entry for p in placements}
    new_cities["source"] = [entries.get(city) or "coordinates from the uploaded file"
                            for city in new_cities["city"]]
    return new_cities.reset_index(drop=True)


def _plausibility(clean: pd.DataFrame, base: Dataset, file: str,
                  layout: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Values no city can have are rejected; unusual ones are kept with a warning."""
    if clean.empty:
        return clean, []
    kinds = dict(zip(base.catalog["indicator"], base.catalog["kind"]))
    units = dict(zip(base.catalog["indicator"], base.catalog["unit"]))
    kind = clean["indicator"].map(kinds).fillna("")
    value = clean["value"]
    per_100k = (kind == "rate") & clean["indicator"].map(units).fillna("").str.contains("100", regex=False)
    rows = pd.to_numeric(clean.get(UPLOAD_ROW, pd.Series(index=clean.index, dtype=object)), errors="coerce")
    column = clean["indicator"] if layout != "long" else pd.Series("value", index=clean.index)
    this_year = _dt.date.today().year

    population = pd.concat([
        clean.loc[(clean["indicator"] == POPULATION) & (clean["series"] == C.MAIN_SERIES)],
        base.indicators.loc[(base.indicators["indicator"] == POPULATION)
                            & (base.indicators["series"] == C.MAIN_SERIES)],
    ])[["city_id", "year", "value"]].drop_duplicates(["city_id", "year"], keep="first")
    known_population = clean[["city_id", "year"]].merge(
        population.rename(columns={"value": "_population"}), on=["city_id", "year"], how="left"
    )["_population"].to_numpy()

    checks = (
        (per_100k & (value > RATE_IMPOSSIBLE), "data_rate_impossible", ERROR, {"max": int(RATE_IMPOSSIBLE)}),
        (per_100k & (value > RATE_HIGH) & (value <= RATE_IMPOSSIBLE), "data_rate_high", WARNING,
         {"max": int(RATE_HIGH)}),
        ((kind == "share") & (value > SHARE_MAX), "data_share_impossible", ERROR, {}),
        ((clean["indicator"] == POPULATION) & (value > CITY_POPULATION_MAX), "data_population_impossible", ERROR,
         {"max": f"{CITY_POPULATION_MAX:,}"}),
        ((kind == "count") & (clean["indicator"] != POPULATION) & (value > known_population),
         "data_count_above_population", ERROR, {}),
        ((kind == "count") & (value != np.floor(value)), "data_count_not_whole", WARNING, {}),
        (clean["year"] > this_year, "data_future_year", ERROR, {"year": this_year}),
    )
    problems: list[Problem] = []
    rejected = pd.Series(False, index=clean.index)
    for mask, code, severity, params in checks:
        mask = pd.Series(mask, index=clean.index).fillna(False).astype(bool)
        if not mask.any():
            continue
        for index in mask[mask].index:
            problems.append(Problem(
                file, None if pd.isna(rows.get(index)) else int(rows[index]),
                "year" if code == "data_future_year" else str(column[index]), code, severity,
                params={**params, "value": _number_text(value[index]), "population": _number_text(
                    known_population[clean.index.get_loc(index)]), "indicator": clean.at[index, "indicator"],
                    "year_value": int(clean.at[index, "year"])}))
        if severity == ERROR:
            rejected |= mask
    return clean.loc[~rejected].reset_index(drop=True), problems


def _number_text(value) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    if np.isnan(number):
        return ""
    return str(int(number)) if number.is_integer() else f"{number:g}"


def _replaced_keys(clean: pd.DataFrame, base: Dataset) -> int:
    """How many (city, year, month, indicator, series) of the upload the base data already gives."""
    if clean.empty:
        return 0
    upload_years, upload_months = split_months(clean)
    given = base.indicators.loc[~base.indicators["derived"].astype(bool), YEAR_KEYS]
    return int(len(upload_years[YEAR_KEYS].drop_duplicates().merge(given.drop_duplicates(), on=YEAR_KEYS))
               + len(upload_months[MONTH_KEYS].drop_duplicates().merge(base.monthly[MONTH_KEYS].drop_duplicates(),
                                                                       on=MONTH_KEYS)))


# ---------------------------------------------------------------------------
# merge_upload
# ---------------------------------------------------------------------------

def merge_upload(base: Dataset, report: UploadReport, mode: str) -> Dataset:
    """The Dataset this session sees: `replace` keeps only the upload's cities and rows;
    `extend` adds them to the shipped data, the upload winning for the same
    (city, year, month, indicator, series). Years from months and rates are derived again on the result."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    if report.layout in ("events", "practices"):  # what happened and what cities do add to any data
        return replace(base, events=merged_stories(base.events, report.events),
                       practices=merged_stories(base.practices, report.practices))
    upload_years, upload_months = split_months(report.indicators.assign(origin="upload"))
    shipped = base.indicators.loc[~base.indicators["derived"].astype(bool)]
    if mode == "extend":
        indicators = pd.concat([_without(shipped, upload_years, YEAR_KEYS), upload_years], ignore_index=True)
        monthly = pd.concat([_without(base.monthly, upload_months, MONTH_KEYS), upload_months], ignore_index=True)
        cities = pd.concat([base.cities, report.new_cities], ignore_index=True)
    else:
        indicators, monthly = upload_years, upload_months
        used = set(upload_years["city_id"]) | set(upload_months["city_id"])
        cities = pd.concat([base.cities.loc[base.cities["city_id"].isin(used)], report.new_cities],
                           ignore_index=True)
    cities = cities.drop_duplicates("city_id", keep="first").reset_index(drop=True)
    rows = pd.concat([_typed(indicators), _typed(monthly)], ignore_index=True)
    data = derived_dataset(_typed_cities(cities), rows, base.national, base.catalog)
    return replace(data, indicators=data.indicators.reset_index(drop=True))


def _without(rows: pd.DataFrame, upload: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The rows whose key the upload does not give."""
    if upload.empty or rows.empty:
        return rows
    found = rows[keys].merge(upload[keys].drop_duplicates().assign(_upload=True), on=keys, how="left")
    return rows.loc[found["_upload"].isna().to_numpy()]


def _typed(indicators: pd.DataFrame) -> pd.DataFrame:
    frame = indicators.copy()
    for name in INDICATOR_COLUMNS:
        if name not in frame.columns:
            frame[name] = False if name in ("derived", "population_carried") else ""
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["derived"] = frame["derived"].fillna(False).astype(bool)
    frame["population_carried"] = frame["population_carried"].fillna(False).astype(bool)
    for name in frame.columns:
        if name not in ("year", "month", "value", "derived", "population_carried"):
            frame[name] = frame[name].astype(object).where(frame[name].notna(), "").astype(str)
    keys = ["city_id", "indicator", "series", "year"]
    if "month" in frame.columns:
        frame["month"] = frame["month"].astype("Int64")
        keys.append("month")
    ordered = list(INDICATOR_COLUMNS) + [c for c in frame.columns if c not in INDICATOR_COLUMNS]
    return frame[ordered].sort_values(keys, kind="stable")


def _typed_cities(cities: pd.DataFrame) -> pd.DataFrame:
    frame = cities.copy()
    for name in ("lat", "lon", "population"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    for name in ("member_since", "baseline_year", "population_year"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
    for name in frame.columns:
        if name not in ("lat", "lon", "population", "member_since", "baseline_year", "population_year"):
            frame[name] = frame[name].astype(object).where(frame[name].notna(), "").astype(str)
    ordered = list(CITY_COLUMNS) + [c for c in frame.columns if c not in CITY_COLUMNS]
    return frame[ordered]


def apply_upload(base: Dataset, report: UploadReport, mode: str, name: str,
                 choices: UploadChoices | None = None) -> dict:
    """The session_state["user_data"] value for an applied upload."""
    return {"key": session_key(report, mode, choices), "dataset": merge_upload(base, report, mode),
            "mode": mode, "name": display_name(name)}
