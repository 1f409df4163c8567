"""The store's tests run on both back ends: a SQLite file, and a throwaway PostgreSQL server (tests/pg_server.py).

`store_url` is an empty store (no schema); `fresh_store` is one with release 1 imported from the shipped data.
Each test gets its own database, so tests never see each other's releases.
"""

from __future__ import annotations

import itertools

import pytest

from pioc_metrics.store import database
from pioc_metrics.store.setup import init_store
from tests.conftest import ROOT
from tests.pg_server import postgres_problem, session_server

BACKENDS = ("sqlite", "postgresql")
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres():
    problem = postgres_problem()
    if problem:
        pytest.fail(problem, pytrace=False)  # a missing PostgreSQL is a failure, never a skip
    yield from session_server()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """The URL of an empty database on each back end. Its pooled connections are closed after the test: every
    test has a database (and an engine) of its own, and PostgreSQL serves only so many connections at once."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'pioc.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres").create_database(f"store_{next(_numbers)}")
    yield url
    database.engine_for(url).dispose()


@pytest.fixture
def fresh_store(store_url):
    """A store with release 1, the shipped data."""
    init_store(store_url, ROOT / "data", "operator")
    return store_url
