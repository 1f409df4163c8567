"""Where the pages' data comes from: the store's releases (the default), or a data folder named by PIOC_DATA_DIR.

Every visit asks the store for its latest release number (cached for a few seconds, so a convening's 60 visitors
make one query), then takes that release's dataset from a cache shared by all sessions and keyed on the release
number: a new release shows on the next visit, with no restart. `?release=N` shows an earlier one.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import streamlit as st

from pioc_metrics.data.dataset import Dataset
from pioc_metrics.store import database, releases, submissions
from pioc_metrics.store.errors import StoreError

LATEST_SECONDS = 3  # how long a visit may see a release as the latest after a newer one is published


@dataclass(frozen=True)
class Release:
    """The release a page shows, and the latest one (the page says when they differ)."""

    number: int
    latest: int
    published_at: object
    published_by: str
    note: str

    @property
    def is_latest(self) -> bool:
        return self.number == self.latest


def reads_files() -> bool:
    """True when PIOC_DATA_DIR names a data folder to show instead of the store (tests, benchmarks, a quick look)."""
    return bool(os.environ.get("PIOC_DATA_DIR"))


def store_url() -> str:
    return database.database_url()


@st.cache_data(show_spinner=False, ttl=LATEST_SECONDS, max_entries=8)
def latest_release_cached(url: str) -> dict | None:
    """The store's newest release (a dict), or None in an empty store; a store error is raised, never cached."""
    return releases.latest_release(url)


@st.cache_data(show_spinner=False, ttl=LATEST_SECONDS, max_entries=8)
def releases_cached(url: str) -> list[dict]:
    return releases.list_releases(url)


# cache_resource: one read-only copy per published release, shared by every session (a release never changes).
@st.cache_resource(show_spinner=False, max_entries=4)
def release_dataset_resource(url: str, number: int) -> tuple[Dataset, tuple]:
    data, problems = releases.release_dataset(url, number)
    return data, tuple(problems)


@st.cache_data(show_spinner=False, max_entries=8)
def release_zip_cached(url: str, number: int) -> bytes:
    return releases.release_zip(url, number)


@st.cache_data(show_spinner=False, ttl=LATEST_SECONDS, max_entries=8)
def release_counts_cached(url: str):
    """Rows added, changed and removed by each release (a new release adds a line: kept a few seconds)."""
    return releases.release_counts(url)


@st.cache_data(show_spinner=False, max_entries=8)
def release_diff_cached(url: str, old: int, new: int):
    """What changed from release `old` to release `new` (releases never change: kept until pushed out)."""
    return releases.diff_releases(url, old, new)


@st.cache_data(show_spinner=False, max_entries=64)
def city_history_cached(url: str, city_id: str, upto: int):
    """Every version of a city's figures up to release `upto` (fixed once that release exists)."""
    return submissions.city_history(url, city_id, upto)


def release_for(requested: int | None) -> tuple[Release, Dataset, tuple] | StoreError:
    """The release to show (`requested`, else the latest), its dataset and problems; or the store's error."""
    url = store_url()
    try:
        latest = latest_release_cached(url)
        if latest is None:
            return StoreError("store_not_initialised", detail="no release")
        info = latest
        if requested is not None and requested != latest["number"]:
            info = next((r for r in releases_cached(url) if r["number"] == requested), None)
            if info is None:
                return StoreError("store_unknown_release", number=requested)
        data, problems = release_dataset_resource(url, int(info["number"]))
    except StoreError as error:
        return error
    release = Release(number=int(info["number"]), latest=int(latest["number"]), published_at=info["published_at"],
                      published_by=str(info["published_by"]), note=str(info["note"] or ""))
    return release, data, problems


@dataclass(frozen=True)
class Published:
    """What the pages show unless a session's upload replaces it: data, its cache key and problems, the release
    (None when a data folder is read), the store's error (nothing to show), and a notice (an unknown ?release=N)."""

    data: Dataset
    key: str
    problems: tuple
    release: Release | None = None
    error: StoreError | None = None
    notice: StoreError | None = None


def published(requested: int | None, files) -> Published:
    """The data every visitor sees: `files()` -> (data, key, problems) when PIOC_DATA_DIR names a folder, else the
    store's release `requested` (the latest when None or unknown; an unknown one is the notice)."""
    if reads_files():
        return Published(*files())
    found = release_for(requested)
    notice = None
    if isinstance(found, StoreError) and found.code == "store_unknown_release":
        notice, found = found, release_for(None)
    if isinstance(found, StoreError):
        return Published(empty_dataset(), "store-error", (), error=found)
    release, data, problems = found
    digest = hashlib.sha256(store_url().encode()).hexdigest()[:8]
    return Published(data, f"release-{release.number}-{digest}", problems, release=release, notice=notice)


def empty_dataset() -> Dataset:
    from pioc_metrics.data.loading import load_catalog
    from pioc_metrics.data.validation import empty_cities, empty_indicators, empty_national
    from pioc_metrics.paths import SHIPPED_DIR

    catalog, _ = load_catalog(SHIPPED_DIR / "indicator_catalog.csv")
    return Dataset(cities=empty_cities(), indicators=empty_indicators(), national=empty_national(), catalog=catalog)
