"""data/SOURCES.md credits every source named in the shipped data."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
URL_HOST = re.compile(r"https?://(?:www\.)?([^/\s,:]+)")
GITHUB_REPO = re.compile(r"github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?=[@/:\s,)]|$)")


def source_keys(source: str) -> set[str]:
    """What must appear in SOURCES.md for one source: its hosts and repositories, else its text."""
    repos = set(GITHUB_REPO.findall(source))
    hosts = {h for h in URL_HOST.findall(source) if h != "github.com"}
    return repos | hosts or {source.strip()}


def distinct_sources() -> set[str]:
    sources: set[str] = set()
    for name in ("cities.csv", "indicators.csv", "national.csv"):
        frame = pd.read_csv(DATA / name, dtype=str)
        sources |= set(frame["source"].dropna().str.strip())
    return sources - {""}


def test_every_source_host_and_repository_is_credited():
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    missing = sorted({key for s in distinct_sources() for key in source_keys(s) if key not in text})
    assert not missing, f"not credited in data/SOURCES.md: {missing}"


def test_source_keys_find_hosts_and_repositories():
    keys = source_keys("Real-Time Crime Index, github.com/AH-Datalytics/rtci@587e:docs/x.csv; https://www.wdtn.com/news/a")
    assert keys == {"AH-Datalytics/rtci", "wdtn.com"}
    assert source_keys("Peace in Our Cities report") == {"Peace in Our Cities report"}


def test_licences_and_map_outlines_are_stated():
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert "GeoNames" in text and "CC BY 4.0" in text
    assert "Gargiulo" in text
    assert "Natural Earth" in text and "public domain" in text
    assert "countries.geojson" in text
