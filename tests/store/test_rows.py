"""The store's rows of a Dataset with monthly rows (pioc_metrics.store.rows): written with their month, read back
into Dataset.monthly, and a release of the shipped data equal to the data folder, months included."""

from __future__ import annotations

import json

import pandas as pd

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.data.upload import check_upload
from pioc_metrics.store import releases
from pioc_metrics.store.rows import contract_frames, dataset_records, frame_text, frames_dataset, keyed
from tests.conftest import ROOT


def _sorted(frame: pd.DataFrame, keys) -> pd.DataFrame:
    return frame.sort_values(list(keys)).reset_index(drop=True)


def test_monthly_rows_are_written_with_their_month_and_yearly_rows_with_none(shipped_data):
    records = dataset_records(shipped_data)["indicators"]
    rows = [json.loads(text) for text in records["data"]]
    months = [row for row in rows if row["month"] != ""]
    assert len(months) == len(shipped_data.monthly)
    assert len(rows) - len(months) == int((~shipped_data.indicators["derived"]).sum())
    march = next(row for row in months if (row["city_id"], row["year"], row["month"], row["indicator"])
                 == ("niteroi", "2026", "3", "homicides"))
    assert march["value"] == "6" and "ISP-RJ" in march["source"]
    assert "niteroi|2026|3|homicides|main" in set(records["key"])
    assert "palmira|2022||homicide_rate|main" in set(records["key"])


def test_records_read_back_into_the_same_dataset_months_included(shipped_data):
    records = dataset_records(shipped_data)
    data, problems = frames_dataset(contract_frames({kind: list(frame["data"]) for kind, frame in records.items()}))
    assert problems == []
    keys = ("city_id", "indicator", "series", "year", "month")
    pd.testing.assert_frame_equal(_sorted(data.monthly, keys), _sorted(shipped_data.monthly, keys))
    pd.testing.assert_frame_equal(_sorted(data.indicators, keys[:4]), _sorted(shipped_data.indicators, keys[:4]))


def test_a_yearly_only_dataset_writes_the_v1_columns(tmp_path):
    (tmp_path / "cities.csv").write_bytes((ROOT / "data" / "cities.csv").read_bytes())
    (tmp_path / "indicators.csv").write_text("city_id,year,indicator,value,source\npalmira,2020,homicides,120,x\n",
                                             encoding="utf-8")
    data, _ = load_dataset(tmp_path)
    records = dataset_records(data)
    frames = contract_frames({kind: list(frame["data"]) for kind, frame in records.items()})
    assert "month" not in frames["indicators"].columns
    assert frames_dataset(frames)[0].monthly.empty


def test_release_1_holds_the_shipped_months(fresh_store, shipped_data):
    data, problems = releases.release_dataset(fresh_store, 1)
    assert problems == []
    keys = ("city_id", "indicator", "series", "year", "month")
    pd.testing.assert_frame_equal(_sorted(data.monthly, keys), _sorted(shipped_data.monthly, keys))


def test_an_uploads_accepted_rows_are_keyed_by_their_month(shipped_data):
    report = check_upload(b"city_id,year,month,indicator,value,source\npalmira,2020,,homicides,120,x\n"
                          b"palmira,2020,3,homicides,9,x\n", "m.csv", shipped_data)
    text = frame_text(report.indicators, "indicators")
    assert text["month"].tolist() == ["", "3"]
    keys = keyed(text, "indicators")["key"].tolist()
    assert keys == ["palmira|2020||homicides|main", "palmira|2020|3|homicides|main"]
