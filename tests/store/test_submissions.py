"""Submissions and review: an editor's cities only, four eyes, releases that read back, conflicts settled by a
reviewer, rejections with reasons, removals only as a reviewer's act, hostile text kept as text."""

from __future__ import annotations

import pytest

from pioc_metrics.store import database, releases, submissions
from pioc_metrics.store.audit import entries
from pioc_metrics.store.errors import Conflict, Invalid, NotAllowed, NotFound
from tests.store.factories import indicator_csv, team

PALMIRA_2025 = "palmira|2025||homicides|main"


def _value(url: str, number: int, city: str, year: int, indicator: str = "homicides") -> float | None:
    data, _ = releases.release_dataset(url, number)
    rows = data.indicators.query("city_id == @city and year == @year and indicator == @indicator "
                                 "and series == 'main'")
    return float(rows["value"].iloc[0]) if len(rows) else None


def test_an_editors_rows_for_other_cities_are_rejected_with_the_reason_and_the_rest_wait(fresh_store):
    team(fresh_store)
    sent = submissions.submit(fresh_store, "ana", [("palmira.csv", indicator_csv(
        ("palmira", 2025, "homicides", 120), ("bogota", 2025, "homicides", 900), ("bogota", 2024, "homicides", 1)))],
        note="2025 figure")
    assert sent.id is not None and sent.rows == 1 and sent.rejected
    [problem] = [p for p in sent.problems if p.is_error]
    assert (problem.code, problem.params["city_id"], problem.params["rows"]) == ("store_city_not_assigned", "bogota", 2)
    waiting = submissions.list_submissions(fresh_store, "waiting")
    assert [(s["id"], s["submitted_by"], s["note"]) for s in waiting] == [(sent.id, "ana", "2025 figure")]
    assert _value(fresh_store, 1, "palmira", 2025) is None  # nothing published before review


def test_nobody_approves_their_own_submission_and_another_reviewer_publishes_release_2(fresh_store):
    team(fresh_store)
    mine = submissions.submit(fresh_store, "rev1", [("p.csv", indicator_csv(("palmira", 2025, "homicides", 120)))])
    with pytest.raises(NotAllowed, match="store_own_submission"):
        submissions.approve(fresh_store, mine.id, "rev1")
    with pytest.raises(NotAllowed, match="store_needs_reviewer"):
        submissions.approve(fresh_store, mine.id, "ana")
    assert submissions.approve(fresh_store, mine.id, "rev2", note="checked with the city") == 2
    assert _value(fresh_store, 2, "palmira", 2025) == 120.0
    assert _value(fresh_store, 1, "palmira", 2025) is None  # release 1 still reads as it was
    with pytest.raises(Invalid, match="store_already_reviewed"):
        submissions.approve(fresh_store, mine.id, "rev2")
    [history] = submissions.value_history(fresh_store, "indicators", PALMIRA_2025)
    assert (history["submitted_by"], history["published_by"], history["added_in"]) == ("rev1", "rev2", 2)


def test_a_changed_value_shows_old_and_new_with_sources_and_its_history_is_one_query(fresh_store):
    team(fresh_store)
    published = _value(fresh_store, 1, "palmira", 2024)
    sent = submissions.submit(fresh_store, "ana", [("p.csv", indicator_csv(("palmira", 2024, "homicides", 140)))])
    _, changes = submissions.review(fresh_store, sent.id)
    [change] = changes.to_dict(orient="records")
    assert change["change"] == "changed" and float(change["old"]["value"]) == published
    assert change["new"]["value"] == "140" and change["new"]["source"] == "Test source (synthetic)"
    assert change["old"]["source"] and not change["conflict"]
    number = submissions.approve(fresh_store, sent.id, "rev1")
    history = submissions.value_history(fresh_store, "indicators", "palmira|2024||homicides|main")
    assert [(h["added_in"], h["replaced_in"]) for h in history] == [(1, number), (number, None)]
    diff = releases.diff_releases(fresh_store, 1, number)
    assert list(zip(diff["change"], diff["key"])) == [("changed", "palmira|2024||homicides|main")]


def test_a_value_changed_by_a_release_since_the_submission_is_a_conflict_the_reviewer_settles(fresh_store):
    team(fresh_store)
    first = submissions.submit(fresh_store, "ana", [("a.csv", indicator_csv(("palmira", 2025, "homicides", 120)))])
    second = submissions.submit(fresh_store, "rev2", [("b.csv", indicator_csv(
        ("palmira", 2025, "homicides", 130), ("palmira", 2026, "homicides", 99)))])
    assert submissions.approve(fresh_store, first.id, "rev1") == 2
    with pytest.raises(Conflict) as conflict:
        submissions.approve(fresh_store, second.id, "rev1")
    [clash] = conflict.value.conflicts
    assert (clash["key"], clash["old"]["value"], clash["new"]["value"]) == (PALMIRA_2025, "120", "130")
    assert releases.latest_release(fresh_store)["number"] == 2  # nothing overwritten silently
    assert submissions.approve(fresh_store, second.id, "rev1", settle="published") == 3
    assert _value(fresh_store, 3, "palmira", 2025) == 120.0 and _value(fresh_store, 3, "palmira", 2026) == 99.0


def test_taking_the_submitted_value_settles_a_conflict_the_other_way(fresh_store):
    team(fresh_store)
    first = submissions.submit(fresh_store, "ana", [("a.csv", indicator_csv(("palmira", 2025, "homicides", 120)))])
    second = submissions.submit(fresh_store, "rev2", [("b.csv", indicator_csv(("palmira", 2025, "homicides", 130)))])
    submissions.approve(fresh_store, first.id, "rev1")
    assert submissions.approve(fresh_store, second.id, "rev1", settle="submitted") == 3
    assert _value(fresh_store, 3, "palmira", 2025) == 130.0


def test_a_rejection_keeps_its_reason_shown_as_typed_to_the_editor(fresh_store):
    team(fresh_store)
    reason = "<script>alert(1)</script> **bold** '; DROP TABLE records;-- $x$"
    sent = submissions.submit(fresh_store, "ana", [("p.csv", indicator_csv(("palmira", 2025, "homicides", 120)))],
                              note="Robert'); DROP TABLE submissions;--")
    with pytest.raises(Invalid, match="store_reason_required"):
        submissions.reject(fresh_store, sent.id, "rev1", "  ")
    submissions.reject(fresh_store, sent.id, "rev1", reason)
    [mine] = submissions.list_submissions(fresh_store, account="ana")
    assert (mine["status"], mine["review_note"], mine["note"]) == ("rejected", reason,
                                                                   "Robert'); DROP TABLE submissions;--")
    assert releases.latest_release(fresh_store)["number"] == 1


def test_a_submission_never_removes_a_value_and_a_removal_is_a_reviewers_act_with_a_reason(fresh_store):
    team(fresh_store)
    key = "palmira|2024||homicides|main"
    with pytest.raises(NotAllowed):
        submissions.remove_value(fresh_store, "ana", "indicators", key, "wrong figure")
    with pytest.raises(Invalid, match="store_reason_required"):
        submissions.remove_value(fresh_store, "rev1", "indicators", key, "")
    number = submissions.remove_value(fresh_store, "rev1", "indicators", key, "the city withdrew the figure")
    assert _value(fresh_store, number, "palmira", 2024) is None and _value(fresh_store, 1, "palmira", 2024)
    with database.reading(fresh_store) as connection:
        assert any(e["action"] == "remove_value" and e["detail"]["reason"] == "the city withdrew the figure"
                   for e in entries(connection))


def test_unknown_ids_and_accounts_are_named(fresh_store):
    team(fresh_store)
    with pytest.raises(NotFound, match="store_unknown_submission"):
        submissions.approve(fresh_store, 999, "rev1")
    with pytest.raises(NotFound, match="store_unknown_account"):
        submissions.submit(fresh_store, "nobody", [("p.csv", indicator_csv(("palmira", 2025, "homicides", 1)))])


def test_a_file_with_no_acceptable_row_makes_no_submission(fresh_store):
    team(fresh_store)
    sent = submissions.submit(fresh_store, "ana", [("b.csv", indicator_csv(("bogota", 2025, "homicides", 900)))])
    assert sent.id is None and sent.rejected
    assert submissions.list_submissions(fresh_store) == []


def test_sql_metacharacters_in_every_field_are_kept_as_data(fresh_store):
    team(fresh_store)
    hostile = "x'); DELETE FROM records; -- \" \\ % _ ;"
    sent = submissions.submit(fresh_store, "rev1", [("p.csv", indicator_csv(
        ("palmira", 2025, "homicides", 5), source=hostile.replace('"', '""')))], note=hostile)
    number = submissions.approve(fresh_store, sent.id, "rev2", note=hostile)
    data, _ = releases.release_dataset(fresh_store, number)
    assert hostile in set(data.indicators["source"])
    assert len(releases.release_frames(fresh_store, 1)["indicators"]) > 300  # nothing deleted
    assert releases.latest_release(fresh_store)["note"] == hostile


def test_a_file_of_100000_rows_is_checked_and_an_editors_other_cities_reported_once_each(tmp_path):
    from pioc_metrics.store.setup import init_store
    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path / 'big.sqlite3'}"
    init_store(url, ROOT / "data", "operator")
    team(url)
    cities = ("palmira", "bogota", "cali", "medellin")
    rows = [(city, year, "homicides", (year * 7 + series) % 1000, f"s{series}")
            for series in range(340) for city in cities for year in range(1950, 2025)][:100_000]
    lines = ["city_id,year,indicator,value,series,source"]
    lines += [f"{c},{y},{i},{v},{s},synthetic" for c, y, i, v, s in rows]
    assert len(rows) == 100_000
    sent = submissions.submit(url, "ana", [("big.csv", ("\n".join(lines) + "\n").encode())])
    per_city = {city: sum(row[0] == city for row in rows) for city in cities}
    assert sent.rows == per_city["palmira"]
    refused = sorted((p.params["city_id"], p.params["rows"]) for p in sent.problems
                     if p.code == "store_city_not_assigned")
    assert refused == sorted((city, per_city[city]) for city in cities[1:])
    assert [p for p in sent.problems if p.code != "store_city_not_assigned"] == []


def test_a_new_city_the_format_would_refuse_is_left_out_with_its_rows_and_the_reason(fresh_store):
    team(fresh_store)
    content = (b"city,country,lat,lon,year,indicator,value,source\n"
               b"Nowhere Town,Atlantis,1.5,2.5,2020,homicides,5,synthetic\n"
               b"Palmira,Colombia,3.53944,-76.30361,2025,homicides,120,synthetic\n")
    sent = submissions.submit(fresh_store, "rev1", [("new.csv", content)])
    incomplete = [p for p in sent.problems if p.code == "store_new_city_incomplete"]
    assert len(incomplete) == 1 and "iso3" in incomplete[0].params["columns"]
    number = submissions.approve(fresh_store, sent.id, "rev2")
    data, problems = releases.release_dataset(fresh_store, number)
    assert problems == []  # every release reads back clean
    assert _value(fresh_store, number, "palmira", 2025) == 120.0
