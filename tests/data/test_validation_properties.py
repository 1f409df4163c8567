"""Properties of loading: no content ever raises, and every problem it reports is translatable."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pioc_metrics.data.loading import load_catalog
from pioc_metrics.data.problems import Problem
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.validation import validate_cities, validate_indicators, validate_national
from pioc_metrics.text.i18n import templates

DATA = Path(__file__).resolve().parents[2] / "data"
STRINGS = templates("problems")  # each problem code's template in every language
CATALOG = load_catalog(DATA / "indicator_catalog.csv")[0]
CITIES = validate_cities(
    pd.DataFrame({"city_id": ["alpha", "beta"], "city": ["Álpha", "Beta"], "country": ["X", "X"],
                  "iso3": ["XXX", "XXX"], "lat": ["1", "2"], "lon": ["3", "4"], "status": ["member", "other"]}),
    "cities.csv",
)[0]
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A validation call is a few dozen pandas operations: fewer examples keep the file quick.
FRAME_SETTINGS = settings(PROPERTY_SETTINGS, max_examples=100)

filenames = st.sampled_from(["a.csv", "b.txt", "c.xlsx", "d.parquet", "e", "f.CSV", "g.pdf", "h.tsv", ".csv", "x.xls"])
magic_prefixes = st.sampled_from([b"", b"PK\x03\x04", b"PAR1", b"\xef\xbb\xbf", b"\xff\xfe", b"\xd0\xcf\x11\xe0"])
csvish = st.lists(
    st.lists(st.sampled_from(["city_id", "year", "indicator", "value", "source", "", "2019", "1,5", '"', ";", "\t",
                              "alpha", "homicides", "-1", "é", "\x00", "\r", "\n"]), max_size=8),
    max_size=8,
).map(lambda rows: "\n".join(",".join(row) for row in rows).encode("utf-8"))


def assert_problems_are_values(problems, *, validation: bool = False) -> None:
    assert all(isinstance(problem, Problem) for problem in problems)
    assert {problem.code for problem in problems} <= set(STRINGS)
    if validation:  # the last-resort guard turns a bug into "unreadable"; it must never be needed
        assert "unreadable" not in {problem.code for problem in problems}, problems


@PROPERTY_SETTINGS
@given(prefix=magic_prefixes, body=st.binary(max_size=400), filename=filenames)
def test_random_bytes_never_make_read_table_raise(prefix, body, filename):
    frame, problems = read_table(prefix + body, filename)
    assert frame is not None or any(problem.is_error for problem in problems)
    assert_problems_are_values(problems)
    if frame is not None:
        assert "_row" in frame.columns


@PROPERTY_SETTINGS
@given(content=csvish, filename=st.sampled_from(["a.csv", "a.txt"]))
def test_csv_like_text_never_makes_read_table_raise(content, filename):
    frame, problems = read_table(content, filename)
    assert_problems_are_values(problems)
    if frame is not None:
        assert (frame["_row"] >= 2).all() and frame["_row"].is_monotonic_increasing


@PROPERTY_SETTINGS
@given(members=st.lists(st.tuples(st.sampled_from(["xl/workbook.xml", "[Content_Types].xml",
                                                   "xl/worksheets/sheet1.xml", "other"]),
                                  st.binary(max_size=200)), max_size=4, unique_by=lambda member: member[0]),
       cut=st.integers(min_value=0, max_value=2000))
def test_damaged_zip_files_named_xlsx_never_raise(members, cut):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    content = buffer.getvalue()
    frame, problems = read_table(content[: max(cut, 4)] if cut < len(content) else content, "upload.xlsx")
    assert_problems_are_values(problems)


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["alpha", "Álpha", "beta", "nowhere", "2019", "2019.0", "1949", "homicides", "population",
                     "homicide_rate", "12,5", "-3", "", "nan", "inf", "1e400", "main", "S"]),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
)
column_names = st.sampled_from(["city_id", "city", "country", "lat", "lon", "year", "indicator", "value", "series",
                                "source", "note", "homicides", "population", "homicide_rate", "origin", "extra",
                                "_row"])


@st.composite
def frames(draw) -> pd.DataFrame:
    names = draw(st.lists(column_names, max_size=9, unique=True))
    rows = draw(st.integers(min_value=0, max_value=6))
    frame = pd.DataFrame({name: draw(st.lists(cells, min_size=rows, max_size=rows)) for name in names})
    if draw(st.booleans()):
        frame.attrs["decimal_comma"] = True
    return frame


@FRAME_SETTINGS
@given(frame=frames(), city_id=st.sampled_from([None, "alpha", "nowhere"]), source=st.sampled_from([None, "S"]),
       new_cities_allowed=st.booleans())
def test_random_frames_never_make_validate_indicators_raise(frame, city_id, source, new_cities_allowed):
    clean, new_cities, problems = validate_indicators(frame, "upload.csv", CITIES, CATALOG, city_id=city_id,
                                                      source=source, new_cities_allowed=new_cities_allowed)
    assert_problems_are_values(problems, validation=True)
    assert list(clean.columns[:10]) == ["city_id", "year", "indicator", "value", "series", "source", "note",
                                        "derived", "population_carried", "origin"]
    assert (clean["value"] >= 0).all() and (clean["source"] != "").all()
    assert clean["year"].between(1950, 2100).all()
    assert set(clean["city_id"]) <= set(CITIES["city_id"]) | set(new_cities["city_id"])
    assert not clean.duplicated(["city_id", "year", "indicator", "series"]).any()


@FRAME_SETTINGS
@given(frame=frames())
def test_random_frames_never_make_cities_or_national_validation_raise(frame):
    _, problems = validate_cities(frame, "cities.csv")
    assert_problems_are_values(problems, validation=True)
    _, problems = validate_national(frame.rename(columns={"city_id": "iso3"}), "national.csv")
    assert_problems_are_values(problems, validation=True)
