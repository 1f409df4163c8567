"""The command line, as a researcher uses it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pioc_metrics.cli import main, main_validate
from pioc_metrics.engine.progress import PROGRESS_COLUMNS, progress_table
from pioc_metrics.settings import Settings
from tests.data.inputs import BAD_FILES, DATA, workbook_bytes

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
