"""Several writers at once, and failures: one approval wins and the other meets the conflict, a submission during an
approval is kept, a failing release leaves nothing half-written, an unreachable store is said plainly."""

from __future__ import annotations

import threading

import pytest

from pioc_metrics.store import releases, submissions
from pioc_metrics.store.errors import Conflict, Invalid, StoreUnavailable
from tests.pg_server import PostgresServer
from tests.store.factories import indicator_csv, team


def _at_once(*calls):
    """Run the calls in threads released together; each result or the exception it raised, in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # the outcome under test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _two_rival_submissions(url):
    team(url)
    first = submissions.submit(url, "ana", [("a.csv", indicator_csv(("palmira", 2025, "homicides", 120)))])
    second = submissions.submit(url, "rev2", [("b.csv", indicator_csv(("palmira", 2025, "homicides", 130)))])
    return first.id, second.id


def test_two_approvals_at_once_one_wins_and_the_other_gets_the_conflict(fresh_store):
    first, second = _two_rival_submissions(fresh_store)
    outcomes = _at_once(lambda: submissions.approve(fresh_store, first, "rev1"),
                        lambda: submissions.approve(fresh_store, second, "root"))
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "int"]
    assert 2 in outcomes and releases.latest_release(fresh_store)["number"] == 2
    loser = next(o for o in outcomes if isinstance(o, Conflict))
    assert loser.conflicts[0]["key"] == "palmira|2025||homicides|main"


def test_the_same_submission_approved_twice_at_once_is_published_once(fresh_store):
    first, _ = _two_rival_submissions(fresh_store)
    outcomes = _at_once(lambda: submissions.approve(fresh_store, first, "rev1"),
                        lambda: submissions.approve(fresh_store, first, "root"))
    assert sorted(type(o).__name__ for o in outcomes) == ["Invalid", "int"]
    assert [r["number"] for r in releases.list_releases(fresh_store)] == [2, 1]


def test_a_submission_during_an_approval_is_kept_and_waits(fresh_store):
    first, _ = _two_rival_submissions(fresh_store)
    outcomes = _at_once(
        lambda: submissions.approve(fresh_store, first, "rev1"),
        lambda: submissions.submit(fresh_store, "ana", [("c.csv", indicator_csv(("palmira", 2026, "homicides", 7)))]))
    assert outcomes[0] == 2 and outcomes[1].id is not None
    waiting = {s["id"]: s["base_release"] for s in submissions.list_submissions(fresh_store, "waiting")}
    assert waiting[outcomes[1].id] in (1, 2)
    assert submissions.approve(fresh_store, outcomes[1].id, "rev2") == 3


def test_a_release_that_fails_midway_leaves_nothing_half_written(fresh_store, monkeypatch):
    first, _ = _two_rival_submissions(fresh_store)
    before = releases.release_frames(fresh_store, 1)["indicators"]

    def broken_audit(*_args, **_kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(submissions, "record", broken_audit)
    with pytest.raises(RuntimeError):
        submissions.approve(fresh_store, first, "rev1")
    monkeypatch.undo()
    assert releases.latest_release(fresh_store)["number"] == 1
    assert [s["status"] for s in submissions.list_submissions(fresh_store, account="ana")] == ["waiting"]
    assert releases.release_frames(fresh_store, 1)["indicators"].equals(before)
    assert submissions.approve(fresh_store, first, "rev1") == 2  # and it can be done again


def test_an_unreachable_postgresql_store_is_said_plainly_and_comes_back():
    with PostgresServer() as server:
        url = server.create_database("unreachable")
        from pioc_metrics.store.setup import init_store
        from tests.conftest import ROOT

        init_store(url, ROOT / "data", "operator")
        server.stop_server_only()
        with pytest.raises(StoreUnavailable) as down:
            releases.latest_release(url)
        assert down.value.code == "store_unreachable"
        with pytest.raises(StoreUnavailable):
            submissions.approve(url, 1, "rev1")
        server.restart()
        assert releases.latest_release(url)["number"] == 1


def test_a_sqlite_store_that_was_never_made_is_said_to_be_missing(tmp_path):
    url = f"sqlite:///{tmp_path / 'none.sqlite3'}"
    with pytest.raises(StoreUnavailable) as missing:
        releases.latest_release(url)
    assert missing.value.code == "store_not_initialised"
    with pytest.raises((StoreUnavailable, Invalid)):
        submissions.submit(url, "ana", [("a.csv", b"")])
