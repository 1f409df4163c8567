"""Property tests: whatever bytes or frames arrive, the upload path answers with a report, never an
exception, and never falls back to its last-resort guard (data_unexpected)."""

from __future__ import annotations

import io
import string

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pioc_metrics.data.upload import MODES, UploadChoices, check_upload, merge_upload
from pioc_metrics.text.problems import problem_message

NAMES = ["f.csv", "f.xlsx", "f.parquet", "f.txt", "f", "../../x.csv", "<b>.csv", "f.XLSX", "f.tsv"]
COLUMNS = ["city_id", "city", "country", "lat", "lon", "iso3", "year", "indicator", "value", "series", "source",
           "note", "origin", "homicides", "homicide_rate", "population", "", "Year", "VALUE", "x"]
CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["palmira", "cali", "Palmira", "Campinas", "Brasil", "homicides", "homicide_rate",
                     "population", "2019", "2020", "1800", "2200", "-1", "1e308", "nan", "inf", "12,5", "=1+1",
                     "<img src=x onerror=alert(1)>", "", " ", "main", "EXAMPLE"]),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_clean_report(report) -> None:
    assert "data_unexpected" not in {p.code for p in report.problems}, report.problems
    assert report.values_accepted == len(report.indicators)
    assert set(report.indicators["origin"]) <= {"upload"}
    for problem in report.problems[:20]:
        assert problem_message(problem, "pt")


@FAST
@given(content=st.binary(max_size=4000), name=st.sampled_from(NAMES))
def test_random_bytes_never_raise(content, name, shipped_data):
    assert_clean_report(check_upload(content, name, shipped_data))


@FAST
@given(content=st.binary(max_size=2000), prefix=st.sampled_from([b"PK\x03\x04", b"PAR1", b"\xef\xbb\xbf",
                                                                  b"\xff\xfe", b"\xd0\xcf\x11\xe0"]),
       name=st.sampled_from(NAMES))
def test_random_bytes_behind_a_magic_number_never_raise(content, prefix, name, shipped_data):
    assert_clean_report(check_upload(prefix + content, name, shipped_data))


frames = st.integers(1, 6).flatmap(lambda width: st.tuples(
    st.lists(st.sampled_from(COLUMNS), min_size=width, max_size=width),
    st.lists(st.lists(CELLS, min_size=width, max_size=width), min_size=0, max_size=8),
))


def _csv(columns, rows, delimiter=",") -> bytes:
    buffer = io.StringIO()
    pd.DataFrame(rows, columns=range(len(columns))).to_csv(buffer, index=False, header=columns, sep=delimiter)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


@FAST
@given(frame=frames, delimiter=st.sampled_from([",", ";", "\t"]), mode=st.sampled_from(MODES))
def test_random_csv_frames_never_raise_and_merge_cleanly(frame, delimiter, mode, shipped_data):
    columns, rows = frame
    try:
        content = _csv(columns, rows, delimiter)
    except UnicodeEncodeError:
        return
    report = check_upload(content, "frame.csv", shipped_data, UploadChoices(source="s"))
    assert_clean_report(report)
    if report.usable:
        merged = merge_upload(shipped_data, report, mode)
        assert set(merged.indicators["city_id"]) <= set(merged.cities["city_id"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=frames)
def test_random_xlsx_and_parquet_frames_never_raise(frame, shipped_data):
    columns, rows = frame
    table = pd.DataFrame(rows, columns=[f"{c}_{i}" if columns.count(c) > 1 else c for i, c in enumerate(columns)],
                         dtype=object)
    table = table.map(lambda v: "".join(ch for ch in str(v) if ch in string.printable or ord(ch) > 159))
    for writer, name in ((lambda b: table.to_excel(b, index=False), "f.xlsx"),
                         (lambda b: table.to_parquet(b, index=False), "f.parquet")):
        buffer = io.BytesIO()
        try:
            writer(buffer)
        except Exception:
            continue
        assert_clean_report(check_upload(buffer.getvalue(), name, shipped_data))


@FAST
@given(city=CELLS, country=CELLS, city_id=st.sampled_from(["", "palmira", "unknown", "<x>"]),
       lat=st.one_of(st.none(), st.floats(-200, 200)), source=CELLS)
def test_random_form_choices_never_raise(city, country, city_id, lat, source, shipped_data):
    choices = UploadChoices(city_id=city_id, city=city, country=country, lat=lat, lon=lat, source=source)
    content = b"year,homicides,population\n2019,10,1000\n2020,,x\n"
    assert_clean_report(check_upload(content, "one.csv", shipped_data, choices))
