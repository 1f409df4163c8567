"""Fixtures of the page tests that need a store of their own."""

from __future__ import annotations

import pytest

from pioc_metrics.store.setup import init_store
from tests.conftest import ROOT
from tests.store.factories import team


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A store of this test's own, read by the pages: release 1 from data/ and the team (ana edits Palmira; rev1,
    rev2 review; root administers); its URL."""
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    init_store(url, ROOT / "data", "operator")
    team(url)
    monkeypatch.setenv("PIOC_DATABASE_URL", url)
    return url
