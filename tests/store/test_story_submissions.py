"""Events and practices go through the store like any other data: in release 1 from data/, submitted by an editor
for their own city, reviewed, published as a release, and written back as files."""

from __future__ import annotations

from pioc_metrics.store import releases, submissions
from tests.store.factories import team

EVENT = ("city_id,date,kind,title,title_es,source\n"
         "palmira,2026-02,administration,New mayor takes office,Nuevo alcalde asume,Synthetic gazette (test)\n"
         "bogota,2026-01,policy,A Bogotá policy,Una política,Synthetic gazette (test)\n")
PRACTICE = ("practice_id,title_en,approach,cities,since,evidence,source\n"
            "test-lighting,Street lighting (test),urban_design,palmira,2024,not evaluated,Synthetic report (test)\n"
            "test-shared,Shared (test),community,palmira;bogota,2024,not evaluated,Synthetic report (test)\n")


def test_release_1_holds_the_shipped_events_and_practices(fresh_store):
    data, problems = releases.release_dataset(fresh_store, 1)
    assert problems == []
    assert len(data.events) >= 15 and len(data.practices) >= 8
    assert "oakland-ceasefire" in set(data.practices["practice_id"])
    files = releases.release_files(fresh_store, 1)
    assert {"events.csv", "practices.csv"} <= set(files)


def test_an_editors_events_and_practices_wait_for_review_and_publish_as_a_release(fresh_store):
    team(fresh_store)
    sent = submissions.submit(fresh_store, "ana", [("events.csv", EVENT.encode())], note="new mayor")
    assert sent.id is not None and sent.rows == 1
    [problem] = [p for p in sent.problems if p.is_error]
    assert (problem.code, problem.params["city_id"]) == ("store_city_not_assigned", "bogota")
    practices = submissions.submit(fresh_store, "ana", [("practices.csv", PRACTICE.encode())])
    assert practices.rows == 1  # the practice shared with Bogotá is not ana's to submit
    before, _ = releases.release_dataset(fresh_store, 1)
    assert "New mayor takes office" not in set(before.events["title"])
    assert submissions.approve(fresh_store, sent.id, "rev1") == 2
    assert submissions.approve(fresh_store, practices.id, "rev2") == 3
    data, problems = releases.release_dataset(fresh_store, 3)
    assert problems == []
    mine = data.events.loc[data.events["title"] == "New mayor takes office"]
    assert list(mine["city_id"]) == ["palmira"] and list(mine["title_es"]) == ["Nuevo alcalde asume"]
    assert "test-lighting" in set(data.practices["practice_id"])
    assert "test-shared" not in set(data.practices["practice_id"])
    assert b"New mayor takes office" in releases.release_files(fresh_store, 3)["events.csv"]
