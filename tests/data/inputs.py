"""Small synthetic inputs shared by the reading, validation and loading tests: made here, never real cities."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pioc_metrics.data.loading import load_catalog
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.validation import validate_cities, validate_indicators

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
BAD_FILES = REPO / "tests" / "bad_files"
CATALOG = load_catalog(DATA / "indicator_catalog.csv")[0]

CITIES_CSV = """city_id,city,country,iso3,lat,lon,status,member_since,population,population_year,strategy,motto
alpha,Álpha Ciudad,Testland,TST,10.5,-70.25,member,2019,419000,2020,Plan A,first
beta,São Beta,Testland,tst,-20,40,prospective,,,,,
gamma,Gamma,Otherland,OTH,0,0,other,,,,,
"""

GOOD_ROWS = (
    "city_id,year,indicator,value,series,source,note\n"
    "alpha,2019,homicides,12,,Synthetic police,\n"
    "beta,2019,homicides,3,,Synthetic police,\n"
    "gamma,2019,homicides,5,,Synthetic police,\n"
)

CITY_CASES = [
    ("city_id", "Beta City", "invalid_city_id"),
    ("city_id", "", "missing_value"),
    ("city", "", "missing_value"),
    ("country", "", "missing_value"),
    ("iso3", "TS", "invalid_iso3"),
    ("lat", "north", "invalid_number"),
    ("lat", "91", "out_of_range"),
    ("lon", "-180.5", "out_of_range"),
    ("status", "friend", "invalid_status"),
    ("member_since", "1949", "invalid_year"),
    ("member_since", "soon", "invalid_year"),
    ("population", "-3", "invalid_population"),
    ("population", "12.5", "invalid_population"),
]

INDICATOR_CASES = [
    ("city_id", "nowhere", "unknown_city"),
    ("year", "1949", "invalid_year"),
    ("year", "2101", "invalid_year"),
    ("year", "2019.5", "invalid_year"),
    ("year", "last year", "invalid_year"),
    ("year", "", "missing_value"),
    ("indicator", "burglaries", "unknown_indicator"),
    ("value", "-1", "negative_value"),
    ("value", "twelve", "invalid_number"),
    ("value", "inf", "invalid_number"),
    ("source", "", "missing_source"),
]


def read(text: str, filename: str = "upload.csv") -> tuple[pd.DataFrame, list]:
    frame, problems = read_table(text.encode("utf-8"), filename)
    assert frame is not None, problems
    return frame, problems


def synthetic_cities() -> pd.DataFrame:
    frame, _ = read(CITIES_CSV, "cities.csv")
    cities, problems = validate_cities(frame, "cities.csv")
    assert problems == []
    return cities


def indicators(text: str, filename: str = "upload.csv", **options):
    frame, read_problems = read(text, filename)
    clean, new_cities, problems = validate_indicators(frame, filename, synthetic_cities(), CATALOG, **options)
    return clean, new_cities, read_problems + problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def codes(problems) -> set[str]:
    return {p.code for p in problems}


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def damaged_copy(folder: Path) -> Path:
    """A copy of the shipped data with a duplicate city id, national.csv cut mid-line and indicators.csv gone."""
    folder.mkdir()
    for name in ("cities.csv", "national.csv", "indicator_catalog.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    cities = (folder / "cities.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "cities.csv").write_text("".join(cities) + cities[2].replace("palmira,Palmira,", "palmira,Twin,", 1),
                                      encoding="utf-8")
    national = (folder / "national.csv").read_bytes()
    cut = national.index(b"\n", len(national) // 2) + 8  # 7 bytes into a row: its first cells only
    (folder / "national.csv").write_bytes(national[:cut])
    return folder


# events.csv and practices.csv (data contract v2), for the synthetic cities above
GOOD_PRACTICES = (
    "practice_id,title_en,title_es,title_pt,summary_en,approach,cities,since,evidence,source\n"
    "street-outreach,Street outreach,Alcance en la calle,Abordagem de rua,Workers meet young men at risk.,"
    "violence_interruption; youth,alpha;beta,2015,not evaluated,Synthetic report\n"
    "lighting,Street lighting,Alumbrado,Iluminação,Lights on dark streets.,urban_design,gamma,2018,"
    "Synthetic evaluation (2020): fewer night assaults,Synthetic report\n"
)
GOOD_EVENTS = (
    "city_id,date,kind,title,title_es,description,practice_id,source\n"
    "alpha,2015,programme,Street outreach starts,Empieza el alcance,Workers hired.,street-outreach,Synthetic report\n"
    "alpha,2018-01,data,New counting rule,Nueva regla,Homicides now include attempted ones.,,Synthetic agency\n"
    "beta,2019-08-04,administration,New mayor,Nueva alcaldesa,,,Synthetic gazette\n"
)
# (column, bad value, problem code) for one row of GOOD_EVENTS / GOOD_PRACTICES
EVENT_CASES = [
    ("city_id", "atlantis", "unknown_event_city"),
    ("city_id", "", "missing_value"),
    ("date", "2019-13", "invalid_event_date"),
    ("date", "2019-02-30", "invalid_event_date"),
    ("date", "August 2019", "invalid_event_date"),
    ("date", "1850", "invalid_event_date"),
    ("kind", "festival", "invalid_choice"),
    ("source", "", "missing_source"),
    ("practice_id", "no-such-practice", "unknown_practice"),
]
PRACTICE_CASES = [
    ("practice_id", "Street Outreach!", "invalid_practice_id"),
    ("practice_id", "", "missing_value"),
    ("approach", "youth;magic", "invalid_choice"),
    ("approach", "", "missing_value"),
    ("cities", "alpha;atlantis", "unknown_practice_city"),
    ("cities", "", "missing_value"),
    ("since", "soon", "invalid_year"),
    ("evidence", "", "missing_value"),
    ("source", "", "missing_source"),
]


def stories(events_text: str = GOOD_EVENTS, practices_text: str = GOOD_PRACTICES):
    """(events, practices, problems) of the two files validated against the synthetic cities."""
    from pioc_metrics.data.stories import validate_events, validate_practices
    cities = synthetic_cities()
    practices, problems = validate_practices(read(practices_text, "practices.csv")[0], "practices.csv", cities)
    events, more = validate_events(read(events_text, "events.csv")[0], "events.csv", cities, practices["practice_id"])
    return events, practices, problems + more
