"""The command line, as a researcher uses it."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.app.state import BASELINE_YEARS, TARGET_YEARS
from pioc_metrics.cli import build_parser, check_progress_years, main, main_validate
from pioc_metrics.data.loading import folder_problems
from pioc_metrics.engine.progress import PROGRESS_COLUMNS, progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text.problems import problem_line
from tests.data.inputs import BAD_FILES, DATA, damaged_copy, workbook_bytes

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    out = io.StringIO()
    code = main(list(args), out)
    return code, out.getvalue()


def test_progress_homicides_csv_prints_all_22_cities_with_exact_columns():
    code, text = run("progress", "--indicator", "homicides", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert code == 0 and len(rows) == 22
    assert list(rows[0]) == list(PROGRESS_COLUMNS)
    cities = pd.read_csv(ROOT / "data" / "cities.csv")
    assert [r["city_id"] for r in rows] == list(cities["city_id"])


EXPECTED_COLUMNS = [
    "city_id", "indicator", "baseline_year", "baseline", "latest_year", "latest",
    "target", "cagr_actual", "cagr_required", "progress_ratio", "status", "projection",
    "first_year_at_target", "gap_to_path", "reduction_so_far", "flags",
    "required_now", "path_at_latest", "change_since_baseline", "status_certainty",
]


def test_progress_prints_the_forward_columns_and_the_certainty_after_the_existing_ones():
    code, text = run("progress", "--format", "csv", "--indicator", "homicide_rate")
    rows = {r["city_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert code == 0 and list(rows["palmira"]) == EXPECTED_COLUMNS == list(PROGRESS_COLUMNS)
    palmira = rows["palmira"]
    assert round(100 * float(palmira["required_now"]), 1) == -12.5
    assert round(float(palmira["path_at_latest"]), 1) == 26.7
    assert round(100 * float(palmira["change_since_baseline"]), 1) == 11.7
    assert 0 < float(palmira["status_certainty"]) < 1 and "uncertain_status" in palmira["flags"]
    assert len(palmira["required_now"].split(".")[1]) >= 15  # full precision
    assert rows["amman"]["status_certainty"] == "" and rows["amman"]["required_now"] == ""


def test_progress_headline_is_the_default_and_names_each_city_s_measure():
    code, text = run("progress", "--format", "json", "--indicator", "headline")
    records = {r["city_id"]: r for r in json.loads(text)}
    _, default = run("progress", "--format", "json")
    assert code == 0 and json.loads(default) == list(records.values())
    assert {r["indicator"] for r in records.values()} <= {"homicide_rate", "homicides"}
    assert records["palmira"]["indicator"] == "homicide_rate" and records["oakland"]["indicator"] == "homicides"
    assert sum(r["status"] != "insufficient_data" for r in records.values()) == 12


def test_progress_readable_table_shows_the_new_columns_as_percentages():
    code, text = run("progress", "--indicator", "homicide_rate")
    palmira = next(line for line in text.splitlines() if line.strip().startswith("palmira"))
    assert code == 0 and "-12.5 %" in palmira and "26.71" in palmira and "+11.7 %" in palmira


def test_progress_rejects_an_unknown_indicator_and_lists_the_headline(capsys):
    code, _ = run("progress", "--indicator", "nope")
    assert code == 2 and "known: headline, homicide_rate" in capsys.readouterr().err


def test_progress_csv_keeps_full_precision_and_empty_cells():
    code, text = run("progress", "--format", "csv")
    rows = {r["city_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["amman"]["baseline"] == "" and rows["amman"]["status"] == "insufficient_data"
    assert rows["amman"]["flags"] == "no_data"
    assert len(rows["palmira"]["cagr_required"].split(".")[1]) >= 15


def test_progress_json_matches_the_engine(shipped_data):
    code, text = run("progress", "--format", "json", "--baseline-year", "2019", "--smoothing", "3y", "--path", "linear")
    records = {r["city_id"]: r for r in json.loads(text)}
    assert code == 0 and records["amman"]["baseline"] is None
    table = progress_table(shipped_data, Settings(baseline_year=2019, smoothing="3y", path="linear"))
    assert records["palmira"]["status"] == table.loc["palmira", "status"]
    assert records["palmira"]["baseline"] == pytest.approx(table.loc["palmira", "baseline"], rel=1e-12)


def test_progress_reduction_and_target_year_change_the_required_rate():
    _, text = run("progress", "--format", "json", "--reduction", "0.3", "--target-year", "2035",
                  "--baseline-year", "2019")
    palmira = {r["city_id"]: r for r in json.loads(text)}["palmira"]
    assert palmira["cagr_required"] == pytest.approx(0.7 ** (1 / 16) - 1)


def test_progress_table_format_is_readable():
    code, text = run("progress", "--indicator", "homicides")
    assert code == 0 and "palmira" in text and "%" in text


def test_progress_rejects_a_bad_reduction_with_usage_exit():
    with pytest.raises(SystemExit) as stop:
        main(["progress", "--reduction", "2"], io.StringIO())
    assert stop.value.code == 2


def test_progress_on_a_folder_without_catalog_uses_the_shipped_catalog(tmp_path):
    for name in ("cities.csv", "indicators.csv"):
        (tmp_path / name).write_bytes((ROOT / "data" / name).read_bytes())
    code, text = run("progress", "--data", str(tmp_path), "--format", "csv", "--indicator", "homicides")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(text)))) == 22


def test_module_entry_point_runs():
    done = subprocess.run([sys.executable, "-m", "pioc_metrics", "progress", "--format", "csv"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("city_id,indicator,")


@pytest.mark.parametrize("content, code", [(None, 0),
                                           ("city_id,year,indicator,value,source\nnowhere,2019,homicides,5,x\n", 1),
                                           (b"\x00\x01\x02PK\x03garbage", 2)])
def test_validate_exit_codes(tmp_path, content, code):
    if content is None:
        target = ROOT / "data"
    else:
        target = tmp_path / ("bad.xlsx" if isinstance(content, bytes) else "rows.csv")
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    exit_code, text = run("validate", str(target))
    assert exit_code == code
    if code == 1:
        assert "rows.csv:2: city_id:" in text


def test_cli_exits_0_on_the_shipped_data():
    out = io.StringIO()
    assert main_validate([str(DATA)], out) == 0
    assert "0 error(s)" in out.getvalue()


def test_cli_exits_1_when_rows_are_rejected_and_prints_file_row_column_reason():
    out = io.StringIO()
    path = BAD_FILES / "indicators_broken.csv"
    assert main_validate([str(path)], out) == 1
    lines = out.getvalue().splitlines()
    assert f"{path}:4: year: '1890' is not a year between 1950 and 2100" in lines
    assert any(line.startswith(f"{path}:7: value: warning:") for line in lines)
    assert lines[-1].startswith("1 file(s) checked: 1 row(s) accepted, 5 error(s), 1 warning(s)")


def test_cli_exits_2_when_a_file_cannot_be_read(tmp_path):
    broken = tmp_path / "upload.xlsx"
    broken.write_bytes(workbook_bytes({"Data": [["year"], [2019]]})[:200])
    out = io.StringIO()
    assert main_validate([str(DATA / "cities.csv"), str(broken)], out) == 2
    assert f"{broken}::" in out.getvalue()
    assert main_validate([str(tmp_path / "absent.csv")], io.StringIO()) == 2


# --- validate: a data folder says what load_dataset says ---------------------

def test_validate_prints_exactly_the_folder_problems_of_a_data_folder(tmp_path):
    folder = damaged_copy(tmp_path / "data")
    (folder / "extra.csv").write_text("city_id,year,indicator,value,source\nnowhere,2019,homicides,1,S\n",
                                      encoding="utf-8")
    out = io.StringIO()
    code = main_validate([str(folder)], out)
    lines = out.getvalue().splitlines()
    expected = [problem_line(p) for p in folder_problems(folder)]
    assert code == 2  # indicators.csv cannot be read
    assert lines[:len(expected)] == expected
    assert lines[len(expected)].startswith(f"{folder / 'extra.csv'}:2: city_id:")  # then the folder's other tables
    assert f"{folder / 'indicators.csv'}:: : the file does not exist or cannot be opened" in lines


# --- validate: a file cut short --------------------------------------------

LONG_HEADER = "city_id,year,indicator,value,series,source,note\n"


def test_validate_rejects_a_last_row_whose_quote_is_never_closed_and_names_the_row(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(LONG_HEADER + "medellin,2019,homicides,12,,Police,\n" + 'palmira,2019,homicides,3,,"Police rec',
                    encoding="utf-8")
    code, text = run("validate", str(path))
    assert code == 1
    assert f"{path}:3: source: a quote (\") opens a cell in this row and is never closed" in text
    assert "1 row(s) accepted, 1 error(s)" in text


def test_validate_exits_2_when_the_quote_never_closed_is_in_the_header(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text('city_id,"year\nmedellin,2019\n', encoding="utf-8")
    code, text = run("validate", str(path))
    assert code == 2 and f"{path}:1: : a quote" in text


def test_validate_reports_the_short_row_of_a_file_cut_mid_line(tmp_path):
    path = tmp_path / "indicators.csv"
    content = (DATA / "indicators.csv").read_bytes()
    cut = content.index(b"\n", len(content) // 2) + 12  # inside a row's first cells: half the rows lost
    path.write_bytes(content[:cut])
    row = content[:cut].count(b"\n") + 1
    cells = content[content.rindex(b"\n", 0, cut) + 1:cut].count(b",") + 1
    code, text = run("validate", str(path))
    assert code == 1
    columns = content[:content.index(b"\n")].count(b",") + 1
    assert f"{path}:{row}: : the file ends in the middle of this row ({cells} of {columns} cells" in text
    assert f"{row - 2} row(s) accepted, 1 error(s)" in text


# --- progress on a damaged folder ------------------------------------------

@pytest.mark.parametrize("damage", ["absent", "empty", "garbage cities", "no indicators"])
def test_progress_exits_2_with_a_message_and_no_table_on_a_folder_it_cannot_read(tmp_path, capsys, damage):
    folder = tmp_path / "data"
    if damage != "absent":
        folder.mkdir()
    if damage == "garbage cities":
        (folder / "cities.csv").write_bytes(b"\x00\x01garbage")
        (folder / "indicators.csv").write_bytes((DATA / "indicators.csv").read_bytes())
    if damage == "no indicators":
        (folder / "cities.csv").write_bytes((DATA / "cities.csv").read_bytes())
    code, text = run("progress", "--data", str(folder))
    err = capsys.readouterr().err
    assert code == 2 and text == ""
    assert f"{folder}: cannot read the data" in err


def test_progress_reports_rejected_rows_on_stderr_exits_1_and_still_prints_the_accepted_cities(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("cities.csv", "indicators.csv", "national.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    cities = (folder / "cities.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "cities.csv").write_text("".join(cities) + cities[2].replace("palmira,Palmira,", "palmira,Twin,", 1),
                                      encoding="utf-8")
    code, text = run("progress", "--data", str(folder), "--format", "csv")
    err = capsys.readouterr().err
    assert code == 1
    assert f"{folder / 'cities.csv'}:24: city_id: the city_id 'palmira' is already used in row 3" in err
    assert "1 error(s)" in err
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 22 and [r["city_id"] for r in rows].count("palmira") == 1


# --- progress: the web app's bounds ----------------------------------------

@pytest.mark.parametrize("args, words", [
    (["--target-year", "1900"], "target year must be a year from 2025 to 2050"),
    (["--target-year", "-1"], "target year must be a year from 2025 to 2050"),
    (["--target-year", "99999999999999999999"], "target year must be a year from 2025 to 2050"),
    (["--target-year", "2051"], "target year must be a year from 2025 to 2050"),
    (["--target-year", "soon"], "target year must be a year from 2025 to 2050"),
    (["--baseline-year", "1999"], "baseline year must be a year from 2000 to 2024"),
    (["--baseline-year", "2030", "--target-year", "2030"], "baseline year must be a year from 2000 to 2024"),
    (["--reduction", "nan"], "reduction must be between 0.1 and 0.9"),
])
def test_progress_refuses_years_and_reductions_the_web_app_does_not_offer(capsys, args, words):
    with pytest.raises(SystemExit) as stop:
        main(["progress", *args], io.StringIO())
    assert stop.value.code == 2 and words in capsys.readouterr().err


def test_progress_year_bounds_are_the_web_app_s_pickers():
    parser = build_parser()
    for target in TARGET_YEARS[0], TARGET_YEARS[-1]:
        assert parser.parse_args(["progress", "--target-year", str(target)]).target_year == target
    for baseline in BASELINE_YEARS[0], BASELINE_YEARS[-1]:
        assert parser.parse_args(["progress", "--baseline-year", str(baseline)]).baseline_year == baseline
    assert (TARGET_YEARS[0], TARGET_YEARS[-1]) == (C.TARGET_YEAR_MIN, C.TARGET_YEAR_MAX)
    assert (BASELINE_YEARS[0], BASELINE_YEARS[-1]) == (C.BASELINE_YEAR_MIN, C.BASELINE_YEAR_MAX)


def test_progress_refuses_a_baseline_not_before_the_target_year(capsys):
    parser = build_parser()
    check_progress_years(parser, argparse.Namespace(baseline_year=2024, target_year=2025))  # fine
    with pytest.raises(SystemExit) as stop:
        check_progress_years(parser, argparse.Namespace(baseline_year=2030, target_year=2030))
    assert stop.value.code == 2 and "2030 is not before the target year 2030" in capsys.readouterr().err


# --- a reader that stops early (`| head -1`) --------------------------------

def first_line_then_close(args: list[str], tmp_path: Path) -> tuple[str, int, str]:
    """Run the command line into a pipe whose reader takes one line and closes it, as `| head -1` does."""
    with open(tmp_path / "stderr.txt", "w+b") as err:
        process = subprocess.Popen([sys.executable, "-m", "pioc_metrics", *args], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=err)
        line = process.stdout.readline().decode()
        process.stdout.close()
        code = process.wait(timeout=120)
        err.seek(0)
        return line, code, err.read().decode()


def test_validate_into_a_reader_that_stops_after_one_line_ends_quietly(tmp_path):
    path = tmp_path / "rows.csv"  # ~3000 rejected rows: more output than a pipe holds
    path.write_text("city_id,year,indicator,value,source\n" + "nowhere,2019,homicides,5,x\n" * 3000, encoding="utf-8")
    line, code, err = first_line_then_close(["validate", str(path)], tmp_path)
    assert line.startswith(f"{path}:2: city_id:")
    assert "Traceback" not in err and "BrokenPipeError" not in err and err == ""
    assert code == 1  # the rows are rejected, whoever reads the report


@pytest.mark.parametrize("fmt", ["csv", "table"])  # csv is written in chunks, the table at once
def test_progress_into_a_reader_that_stops_after_one_line_ends_quietly(tmp_path, fmt):
    folder = tmp_path / "data"  # 1500 synthetic cities: more output than a pipe holds
    folder.mkdir()
    (folder / "cities.csv").write_text("city_id,city,country,iso3,lat,lon,status\n" + "".join(
        f"city-{i},City {i},Testland,TST,1,1,member\n" for i in range(1500)), encoding="utf-8")
    (folder / "indicators.csv").write_text("city_id,year,indicator,value,source\ncity-1,2019,homicides,5,Synthetic\n",
                                           encoding="utf-8")
    line, code, err = first_line_then_close(["progress", "--data", str(folder), "--format", fmt], tmp_path)
    assert line.replace(",", " ").split()[:2] == ["city_id", "indicator"]
    assert "Traceback" not in err and "BrokenPipeError" not in err and err == ""
    assert code == 0


# --- ytd: the year so far from monthly rows ----------------------------------

YTD_COLUMNS_EXPECTED = ["city_id", "indicator", "year", "through_month", "ytd", "ytd_previous", "change",
                        "ratio_low", "ratio_high", "clear", "last12", "previous12"]


def synthetic_monthly_rows() -> list[tuple]:
    """(city_id, year, month, indicator, value): 2024-2025 in full, January-March 2026 (16 against 8 in 2025)."""
    rows = [("synthetic-a", y, m, "homicides", 4.0) for y in (2024, 2025) for m in range(4, 13)]
    rows += [("synthetic-a", 2025, m, "homicides", v) for m, v in ((1, 3.0), (2, 2.0), (3, 3.0))]
    rows += [("synthetic-a", 2026, m, "homicides", v) for m, v in ((1, 6.0), (2, 5.0), (3, 5.0))]
    rows += [("synthetic-a", 2024, m, "homicides", 2.0) for m in (1, 2, 3)]
    rows += [("synthetic-b", 2025, m, "homicides", 0.0) for m in (1, 2)]
    rows += [("synthetic-b", 2026, m, "homicides", 5.0) for m in (1, 2)]  # from nothing: no upper bound
    return rows


def monthly_folder(tmp_path: Path) -> Path:
    """A synthetic data folder with monthly rows (a `month` column) and one yearly row."""
    folder = tmp_path / "monthly"
    folder.mkdir()
    (folder / "cities.csv").write_text("city_id,city,country,iso3,lat,lon,status\n"
                                       "synthetic-a,Synthetic city A,Testland,TST,1,1,member\n"
                                       "synthetic-b,Synthetic city B,Testland,TST,2,2,member\n", encoding="utf-8")
    lines = ["city_id,year,month,indicator,value,source",
             "synthetic-a,2023,,homicides,50,synthetic yearly row"]
    lines += [f"{c},{y},{m},{i},{v},synthetic monthly row" for c, y, m, i, v in synthetic_monthly_rows()]
    (folder / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "indicator_catalog.csv").write_bytes((DATA / "indicator_catalog.csv").read_bytes())
    return folder


@pytest.fixture
def monthly_data(monkeypatch):
    """`ytd` reads these monthly rows, whatever the data layer makes of a folder (the command's own behaviour)."""
    monthly = pd.DataFrame(synthetic_monthly_rows(), columns=["city_id", "year", "month", "indicator", "value"])
    monthly = monthly.assign(series="main", source="synthetic monthly row", note="")
    catalog = pd.read_csv(DATA / "indicator_catalog.csv", dtype=str, keep_default_na=False)
    data = argparse.Namespace(catalog=catalog, monthly=monthly)
    monkeypatch.setattr("pioc_metrics.cli._progress_data", lambda args: (data, "synthetic", []))
    return monthly


def test_ytd_csv_gives_one_row_per_city_and_indicator_with_exact_columns_and_full_precision(monthly_data):
    code, text = run("ytd", "--format", "csv")
    rows = {r["city_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert code == 0 and list(rows) == ["synthetic-a", "synthetic-b"]
    assert list(rows["synthetic-a"]) == YTD_COLUMNS_EXPECTED
    a = rows["synthetic-a"]
    assert (a["year"], a["through_month"], float(a["ytd"]), float(a["ytd_previous"])) == ("2026", "3", 16, 8)
    assert float(a["ratio_low"]) == pytest.approx(0.8076004026133814, rel=1e-9)
    assert float(a["ratio_high"]) == pytest.approx(5.397859093762144, rel=1e-9)
    assert len(a["ratio_low"].split(".")[1]) >= 15 and a["clear"] == "False"
    assert float(a["last12"]) == 52 and float(a["previous12"]) == 44
    b = rows["synthetic-b"]
    assert b["change"] == "" and b["ratio_high"] == "inf" and b["last12"] == ""


def test_ytd_json_is_strict_with_null_for_a_missing_figure_and_an_unbounded_interval(monthly_data):
    code, text = run("ytd", "--format", "json")
    records = {r["city_id"]: r for r in json.loads(text, parse_constant=lambda name: pytest.fail(name))}
    assert code == 0 and list(records["synthetic-a"]) == YTD_COLUMNS_EXPECTED
    assert records["synthetic-a"]["ytd"] == 16 and records["synthetic-a"]["clear"] is False
    b = records["synthetic-b"]
    assert b["ratio_high"] is None and b["ratio_low"] > 1 and b["clear"] is True and b["last12"] is None


def test_ytd_readable_table_shows_counts_percentages_and_the_interval(monthly_data):
    code, text = run("ytd")
    a = next(line for line in text.splitlines() if line.strip().startswith("synthetic-a")).split()
    assert code == 0 and text.split()[:4] == ["city_id", "indicator", "year", "through_month"]
    assert a[:6] == ["synthetic-a", "homicides", "2026", "3", "16", "8"]
    assert "+100.0 %" in " ".join(a) and a[-5:] == ["0.81", "5.40", "no", "52", "44"]


def test_ytd_through_a_month_stands_every_city_there(monthly_data):
    _, text = run("ytd", "--format", "json", "--through", "2025-12")
    records = {r["city_id"]: r for r in json.loads(text)}
    assert {(r["year"], r["through_month"]) for r in records.values()} == {(2025, 12)}
    assert records["synthetic-a"]["ytd"] == 44 and records["synthetic-a"]["ytd_previous"] == 42
    assert records["synthetic-b"]["ytd"] is None  # no December 2025: missing, never zero


def test_ytd_indicator_chooses_and_an_unknown_one_exits_2(monthly_data, capsys):
    code, text = run("ytd", "--format", "csv", "--indicator", "violent_deaths")
    assert code == 0 and text.strip() == ",".join(YTD_COLUMNS_EXPECTED)
    assert "no monthly rows of violent_deaths" in capsys.readouterr().err
    code, text = run("ytd", "--indicator", "nope")
    assert code == 2 and text == "" and "unknown indicator 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("month", ["2026-13", "March", "2026-00", "26-03", "2026/03", "1949-12", ""])
def test_ytd_refuses_a_month_that_is_not_yyyy_mm_with_usage_exit_2(month, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["ytd", "--through", month], io.StringIO())
    assert stop.value.code == 2
    assert "argument --through: the month must be YYYY-MM" in capsys.readouterr().err


def test_ytd_bad_month_from_the_shell_is_a_message_not_a_traceback():
    done = subprocess.run([sys.executable, "-m", "pioc_metrics", "ytd", "--through", "March"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert "not 'March'" in done.stderr


def test_ytd_reads_a_folder_with_a_month_column(tmp_path):
    """Needs the data layer's monthly rows (Dataset.monthly) from a folder's indicators.csv."""
    code, text = run("ytd", "--data", str(monthly_folder(tmp_path)), "--format", "csv")
    rows = {r["city_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert code == 0 and list(rows) == ["synthetic-a", "synthetic-b"], text
    assert float(rows["synthetic-a"]["ytd"]) == 16 and float(rows["synthetic-a"]["ytd_previous"]) == 8


def test_ytd_reproduces_the_monthly_figures_of_every_city_and_indicator_in_the_shipped_data():
    """For every city and indicator with monthly rows in data/ (built from the reference data): the command's
    year so far, last 12 months and the 12 before are the sums of the months themselves, counted here row by row."""
    code, text = run("ytd", "--data", str(DATA), "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(text))
    months = pd.read_csv(DATA / "indicators.csv", dtype={"month": "Int64"})
    months = months.loc[months["month"].notna() & (months["series"].fillna("main") == "main")]
    value = {(r.city_id, r.indicator, int(r.year), int(r.month)): float(r.value) for r in months.itertuples()}
    pairs = sorted({(c, i) for c, i, _, _ in value})
    assert sorted(zip(table["city_id"], table["indicator"])) == pairs
    for row in table.itertuples():
        y, m = int(row.year), int(row.through_month)
        assert (row.city_id, row.indicator, y, m) == max(k for k in value if k[:2] == (row.city_id, row.indicator))

        ytd = _total(value, row.city_id, row.indicator, y, m, range(m))
        previous = _total(value, row.city_id, row.indicator, y, m, range(12, 12 + m))
        last12 = _total(value, row.city_id, row.indicator, y, m, range(12))
        previous12 = _total(value, row.city_id, row.indicator, y, m, range(12, 24))
        for got, expected in ((row.ytd, ytd), (row.ytd_previous, previous), (row.last12, last12),
                              (row.previous12, previous12)):
            assert (pd.isna(got) and expected is None) or got == pytest.approx(expected, rel=1e-12), row


def _total(value: dict, city: str, indicator: str, year: int, month: int, back: range) -> float | None:
    """The sum of the months `back` months before (year, month), None when one of them is absent."""
    keys = []
    for step in back:
        y, m = divmod(year * 12 + month - 1 - step, 12)
        keys.append((city, indicator, y, m + 1))
    return sum(value[k] for k in keys) if all(k in value for k in keys) else None
