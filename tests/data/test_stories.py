"""events.csv and practices.csv: every rule of data contract v2, the good files, the folder, the store's rows."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pioc_metrics.data.loading import folder_problems, load_dataset, validate_paths
from pioc_metrics.data.stories import practice_cities, validate_events, validate_practices
from pioc_metrics.paths import SHIPPED_DIR
from pioc_metrics.store.rows import contract_frames, dataset_records, frames_dataset
from tests.data.inputs import (
    EVENT_CASES,
    GOOD_EVENTS,
    GOOD_PRACTICES,
    PRACTICE_CASES,
    read,
    stories,
    synthetic_cities,
)


def test_good_files_give_every_row_and_no_problem():
    events, practices, problems = stories()
    assert problems == []
    assert list(events["city_id"]) == ["alpha", "alpha", "beta"]
    assert list(practices["practice_id"]) == ["lighting", "street-outreach"]
    assert practices.set_index("practice_id").loc["street-outreach", "approach"] == "violence_interruption;youth"
    assert practices["since"].tolist() == [2018, 2015]


def test_event_dates_keep_their_precision_and_fall_inside_their_year():
    events, _, _ = stories()
    by_title = events.set_index("title")
    assert by_title.loc["Street outreach starts", "position"] == 2015.0
    assert pd.isna(by_title.loc["Street outreach starts", "month"])
    assert by_title.loc["New counting rule", "position"] == 2018.0
    assert by_title.loc["New counting rule", "month"] == 1
    # 4 August: 7 months and 3 days of the year gone
    assert by_title.loc["New mayor", "position"] == pytest.approx(2019 + 7 / 12 + 3 / 365, abs=1e-4)
    assert by_title.loc["New mayor", "day"] == 4


@pytest.mark.parametrize(("column", "bad", "code"), EVENT_CASES)
def test_each_broken_event_rule_rejects_only_its_row(column, bad, code):
    frame, _ = read(GOOD_EVENTS, "events.csv")
    frame.loc[1, column] = bad
    practices = validate_practices(read(GOOD_PRACTICES)[0], "practices.csv", synthetic_cities())[0]
    events, problems = validate_events(frame, "events.csv", synthetic_cities(), practices["practice_id"])
    assert [(p.row, p.column, p.code) for p in problems if p.is_error] == [(3, column, code)]
    assert len(events) == 2


@pytest.mark.parametrize(("column", "bad", "code"), PRACTICE_CASES)
def test_each_broken_practice_rule_rejects_only_its_row(column, bad, code):
    frame, _ = read(GOOD_PRACTICES, "practices.csv")
    frame.loc[0, column] = bad
    practices, problems = validate_practices(frame, "practices.csv", synthetic_cities())
    assert [(p.row, p.column, p.code) for p in problems if p.is_error] == [(2, column, code)]
    assert list(practices["practice_id"]) == ["lighting"]


def test_an_event_without_any_title_is_rejected():
    text = GOOD_EVENTS.replace("New mayor,Nueva alcaldesa", ",")
    events, _, problems = stories(events_text=text)
    assert [(p.row, p.column, p.code) for p in problems] == [(4, "title", "missing_value")]
    assert len(events) == 2


def test_a_repeated_event_is_dropped_with_a_warning_and_a_repeated_practice_is_an_error():
    lines = GOOD_EVENTS.splitlines(keepends=True)
    events, _, problems = stories(events_text="".join(lines + [lines[-1]]))
    assert [(p.row, p.code, p.is_error) for p in problems] == [(5, "duplicate_event", False)]
    assert len(events) == 3
    lines = GOOD_PRACTICES.splitlines(keepends=True)
    _, practices, problems = stories(practices_text="".join(lines + [lines[1]]))
    assert [(p.row, p.code) for p in problems] == [(4, "duplicate_practice")]
    assert len(practices) == 2


def test_missing_required_columns_are_named():
    _, problems = validate_events(read("city_id,title\nalpha,x\n")[0], "events.csv", synthetic_cities())
    assert {p.column for p in problems} == {"date", "kind", "source"}
    _, problems = validate_practices(read("practice_id\nx\n")[0], "practices.csv", synthetic_cities())
    assert {p.column for p in problems} == {"approach", "cities", "evidence", "source"}


def test_practice_cities_spreads_one_row_per_city():
    _, practices, _ = stories()
    pairs = practice_cities(practices)
    assert sorted(map(tuple, pairs.to_numpy().tolist())) == [
        ("lighting", "gamma"), ("street-outreach", "alpha"), ("street-outreach", "beta")]


def _folder(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DIR, folder)
    for name in ("events.csv", "practices.csv"):
        (folder / name).unlink(missing_ok=True)
    return folder


def test_a_data_folder_reads_its_events_and_practices_and_reports_their_problems(tmp_path):
    folder = _folder(tmp_path)
    (folder / "practices.csv").write_text(
        "practice_id,title_en,approach,cities,since,evidence,source\n"
        "ceasefire,Ceasefire,focused_deterrence,oakland,2012,not evaluated,Report\n"
        "bad,Bad,focused_deterrence,atlantis,2012,not evaluated,Report\n", encoding="utf-8")
    (folder / "events.csv").write_text(
        "city_id,date,kind,title,practice_id,source\n"
        "oakland,2012,programme,Oakland Ceasefire,ceasefire,Report\n"
        "oakland,2013,programme,Other,bad,Report\n", encoding="utf-8")
    data, problems = load_dataset(folder)
    assert list(data.practices["practice_id"]) == ["ceasefire"]
    assert list(data.events["title"]) == ["Oakland Ceasefire"]
    assert {(p.file, p.row, p.code) for p in problems} == {
        ("practices.csv", 3, "unknown_practice_city"), ("events.csv", 3, "unknown_practice")}
    assert {p.file.rsplit("/", 1)[-1] for p in folder_problems(folder)} == {"practices.csv", "events.csv"}
    alone = {name.rsplit("/", 1)[-1]: problems for name, problems, *_ in
             validate_paths([folder / "events.csv", folder / "practices.csv"])}
    assert [p.code for p in alone["events.csv"]] == ["unknown_practice"]
    assert [p.code for p in alone["practices.csv"]] == ["unknown_practice_city"]


def test_a_folder_without_the_files_has_no_events_or_practices(tmp_path):
    data, problems = load_dataset(_folder(tmp_path))
    assert data.events.empty and data.practices.empty
    assert "position" in data.events.columns and "since" in data.practices.columns


def test_the_store_keeps_events_and_practices_as_their_files_give_them(tmp_path):
    folder = _folder(tmp_path)
    (folder / "practices.csv").write_text(GOOD_PRACTICES.replace("alpha;beta", "oakland;dayton")
                                          .replace("gamma", "palmira"), encoding="utf-8")
    (folder / "events.csv").write_text(GOOD_EVENTS.replace("alpha", "oakland").replace("beta", "dayton"),
                                       encoding="utf-8")
    data, problems = load_dataset(folder)
    assert problems == []
    records = dataset_records(data)
    frames = contract_frames({kind: list(frame["data"]) for kind, frame in records.items()})
    again, problems = frames_dataset(frames)
    assert problems == []
    pd.testing.assert_frame_equal(again.events, data.events)
    pd.testing.assert_frame_equal(again.practices, data.practices)


def test_an_uploaded_events_file_is_checked_and_adds_to_the_shipped_events_for_this_session_only():
    from pioc_metrics.data.upload import check_upload, merge_upload
    base, _ = load_dataset(SHIPPED_DIR)
    content = (b"city_id,date,kind,title,source\n"
               b"dayton,2026-03,programme,Test programme (synthetic),Synthetic (test)\n"
               b"atlantis,2026,programme,Nowhere,Synthetic (test)\n")
    report = check_upload(content, "my events.csv", base)
    assert report.layout == "events" and report.values_accepted == 1 and report.rows_rejected == 1
    assert [(p.row, p.code) for p in report.errors] == [(3, "unknown_event_city")]
    for mode in ("extend", "replace"):
        merged = merge_upload(base, report, mode)
        assert len(merged.events) == len(base.events) + 1
        assert merged.indicators is base.indicators  # events never touch the figures
    assert "Test programme (synthetic)" not in set(base.events["title"])


def test_an_uploaded_practices_file_is_recognised_by_its_columns():
    from pioc_metrics.data.upload import check_upload, merge_upload
    base, _ = load_dataset(SHIPPED_DIR)
    content = GOOD_PRACTICES.replace("alpha;beta", "dayton").replace("gamma", "oakland").encode()
    report = check_upload(content, "library.xlsx.csv", base)
    assert report.layout == "practices" and report.values_accepted == 2 and not report.errors
    merged = merge_upload(base, report, "extend")
    assert {"street-outreach", "lighting"} <= set(merged.practices["practice_id"])
    assert len(merged.practices) == len(base.practices) + 2
