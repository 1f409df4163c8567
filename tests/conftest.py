"""Fixtures every test folder shares: the repository root, the shipped dataset and its progress table, and the
store the pages read during the run (a SQLite file in a temporary folder, release 1 from data/)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

# Set before any test runs, so AppTest pages and the browser tests' server processes (which inherit the environment)
# read this store, never the developer's var/pioc.sqlite3. A test that needs another store sets its own.
_STORE_DIR = Path(tempfile.mkdtemp(prefix="pioc-test-store-"))
os.environ["PIOC_DATABASE_URL"] = f"sqlite:///{_STORE_DIR / 'pioc.sqlite3'}"


@pytest.fixture(scope="session", autouse=True)
def test_store():
    """The run's store, with release 1 from the shipped data; its URL."""
    from pioc_metrics.store.setup import init_store

    url = os.environ["PIOC_DATABASE_URL"]
    init_store(url, ROOT / "data", "operator")
    yield url
    shutil.rmtree(_STORE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def shipped_data():
    """The dataset shipped in data/, loaded once for the whole run; tests must not change it."""
    data, problems = load_dataset(ROOT / "data")
    assert not [p for p in problems if p.is_error], problems
    return data


@pytest.fixture(scope="session")
def shipped_table(shipped_data):
    """The progress table of the shipped data under the default settings."""
    return progress_table(shipped_data, Settings())


@pytest.fixture(scope="session")
def rate_table(shipped_data):
    """The progress table of the shipped data on the homicide rate alone (the tests that pin its figures)."""
    return progress_table(shipped_data, Settings(indicator="homicide_rate"))
