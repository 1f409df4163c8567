"""The record's history: what each release added, changed and removed, and every version of a city's figures."""

from __future__ import annotations

import pandas as pd

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.store import releases, submissions
from pioc_metrics.store.rows import dataset_records
from tests.conftest import ROOT
from tests.store.factories import indicator_csv, team

PALMIRA_2024 = "palmira|2024||homicides|main"


def _publish(url: str, *rows, note: str = "") -> int:
    sent = submissions.submit(url, "ana", [("p.csv", indicator_csv(*rows))])
    return submissions.approve(url, sent.id, "rev1", note=note)


def test_each_release_counts_the_rows_it_added_changed_and_removed(fresh_store):
    team(fresh_store)
    shipped = sum(len(frame) for frame in dataset_records(load_dataset(ROOT / "data")[0]).values())
    second = _publish(fresh_store, ("palmira", 2024, "homicides", 140), ("palmira", 2025, "homicides", 120))
    third = submissions.remove_value(fresh_store, "rev1", "indicators", PALMIRA_2024, "withdrawn by the city")
    counts = releases.release_counts(fresh_store)
    assert counts.loc[1].to_dict() == {"added": shipped, "changed": 0, "removed": 0}
    assert counts.loc[second].to_dict() == {"added": 1, "changed": 1, "removed": 0}
    assert counts.loc[third].to_dict() == {"added": 0, "changed": 0, "removed": 1}
    diff = releases.diff_releases(fresh_store, 1, third)  # comparing any two: 2024 gone, 2025 new
    assert sorted(zip(diff["key"], diff["change"])) == [(PALMIRA_2024, "removed"),
                                                        ("palmira|2025||homicides|main", "added")]


def test_a_citys_history_names_each_versions_release_submission_source_and_the_value_it_replaced(fresh_store):
    team(fresh_store)
    second = _publish(fresh_store, ("palmira", 2024, "homicides", 140))
    third = _publish(fresh_store, ("palmira", 2024, "homicides", 141))
    history = submissions.city_history(fresh_store, "palmira")
    versions = history.loc[history["key"] == PALMIRA_2024].sort_values("added_in")
    assert list(versions["added_in"]) == [1, second, third]
    assert list(versions["replaced_in"].astype(object)) == [second, third, pd.NA]
    assert list(versions["value"]) == ["147", "140", "141"]
    assert list(versions["previous_value"]) == ["", "147", "140"]
    assert versions["previous_source"].iloc[1].startswith("Policía Nacional de Colombia")
    assert list(versions["submitted_by"].fillna("")) == ["", "ana", "ana"]
    assert list(versions["published_by"]) == ["operator", "rev1", "rev1"]
    assert versions["submission_id"].iloc[0] is pd.NA and versions["submission_id"].iloc[2] == 2
    assert set(history["key"].str.split("|").str[0]) == {"palmira"}  # no other city's rows


def test_a_citys_history_as_of_an_earlier_release_stops_there(fresh_store):
    team(fresh_store)
    _publish(fresh_store, ("palmira", 2024, "homicides", 140))
    history = submissions.city_history(fresh_store, "palmira", upto=1)
    assert history["added_in"].max() == 1 and history["replaced_in"].isna().all()
    assert history.loc[history["key"] == PALMIRA_2024, "value"].tolist() == ["147"]


def test_a_city_id_is_matched_whole_and_never_as_a_pattern(fresh_store):
    assert submissions.city_history(fresh_store, "palmir").empty
    assert submissions.city_history(fresh_store, "pa_mira").empty  # "_" is LIKE's any-character: escaped
    assert submissions.city_history(fresh_store, "%").empty
