"""Fixtures every test folder shares: the repository root, the shipped dataset and its progress table."""

from __future__ import annotations

from pathlib import Path

import pytest

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


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
