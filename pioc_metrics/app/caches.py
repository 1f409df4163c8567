"""The data a browser session sees, and every cached computation: one named function per cached thing.

A cached function's arguments are its key: `data_key` (the content of the data), the
settings, the language and whatever else changes the result. The data itself is passed
as a leading-underscore argument, which Streamlit does not hash: the key already names it.
st.cache_data hands each caller its own copy, so a page may change what it gets.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from pioc_metrics.app import record
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.data.problems import Problem
from pioc_metrics.engine.coverage import better_covered_indicator
from pioc_metrics.engine.months import year_to_date
from pioc_metrics.engine.network import median_city_index
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures.maps import city_map
from pioc_metrics.paths import data_dir
from pioc_metrics.settings import Settings
from pioc_metrics.text.problems import problem_line
from pioc_metrics.text.tables import overview_table

USER_DATA_KEY = "user_data"  # session_state: {"key", "dataset", "mode", "name", "release"} set by the Data page
RELEASE_KEY = "release_requested"  # session_state: the release number the session's view asks for (None: latest)
LOG = logging.getLogger("pioc_metrics")


def _data_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256(str(folder.resolve()).encode())  # another folder is other data, even if alike
    for path in sorted(folder.glob("*.csv")):
        stat = path.stat()  # name, size and time: cheap on every rerun, even for large folders
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


# cache_resource: one read-only copy of the *shipped* data shared by every session (no copy per rerun,
# no copy per user). Nothing a user uploads goes here: uploads live in that session's session_state.
@st.cache_resource(show_spinner=False, max_entries=2)
def shipped_dataset_resource(data_key: str) -> tuple[Dataset, tuple[Problem, ...]]:
    """The shipped data and its problems, read once per content; the problems go to the server's log then."""
    from pioc_metrics.data.loading import load_dataset

    folder = data_dir()
    data, problems = load_dataset(folder)
    log_problems(folder, problems)
    return data, tuple(problems)


def log_problems(folder: Path, problems) -> None:
    """The data folder's problems in the server's log (logger `pioc_metrics`), errors as errors."""
    if not problems:
        return
    errors = sum(problem.is_error for problem in problems)
    LOG.log(logging.ERROR if errors else logging.WARNING, "data folder %s: %d error(s), %d warning(s)",
            folder, errors, len(problems) - errors)
    for problem in problems:
        LOG.log(logging.ERROR if problem.is_error else logging.WARNING, "%s/%s", folder, problem_line(problem))


def _folder_dataset() -> tuple[Dataset, str, tuple[Problem, ...]]:
    key = "shipped-" + _data_fingerprint(data_dir())
    data, problems = shipped_dataset_resource(key)
    return data, key, problems


def published_dataset() -> record.Published:
    """What every visitor sees: the store's release this session asks for (st.session_state[RELEASE_KEY], None for
    the latest), or the data folder PIOC_DATA_DIR names."""
    return record.published(st.session_state.get(RELEASE_KEY), _folder_dataset)


def shipped_dataset() -> tuple[Dataset, str]:
    """The published data (the release shown, or the data folder) and a short key of its content."""
    shown = published_dataset()
    return shown.data, shown.key


def current_dataset(shown: record.Published | None = None) -> tuple[Dataset, str, bool]:
    """The data this browser session sees: the published data (`shown`, when the caller has it already, so one run
    never mixes two releases), or the user's upload merged with it."""
    upload = st.session_state.get(USER_DATA_KEY)
    if upload:
        return upload["dataset"], upload["key"], True
    shown = shown or published_dataset()
    return shown.data, shown.key, False


@st.cache_data(show_spinner=False, max_entries=128)
def progress_table_cached(data_key: str, settings: Settings, _data: Dataset) -> pd.DataFrame:
    """The all-city table, computed once per (data content, settings); switching city reuses it."""
    return progress_table(_data, settings)


@st.cache_data(show_spinner=False, max_entries=128)
def median_index_cached(data_key: str, settings: Settings, _data: Dataset, _table: pd.DataFrame) -> pd.DataFrame:
    """The median city index per year (`_table` is the progress table of the same key)."""
    return median_city_index(_data, _table, settings)


@st.cache_data(show_spinner=False, max_entries=128)
def better_indicator_cached(data_key: str, indicator: str, _data: Dataset) -> tuple[str, int, int] | None:
    """(indicator, its cities, this one's) when another indicator covers many more cities; else None."""
    return better_covered_indicator(_data, indicator, len(_data.cities))


@st.cache_data(show_spinner=False, max_entries=128)
def overview_table_cached(data_key: str, settings: Settings, lang: str, _data: Dataset,
                          _table: pd.DataFrame) -> pd.DataFrame:
    """The overview's table of every city (`_table` is the progress table of the same key)."""
    return overview_table(_data, _table, lang, settings.indicator)


@st.cache_data(show_spinner=False, max_entries=64)
def overview_map_cached(data_key: str, settings: Settings, lang: str, _data: Dataset, _table: pd.DataFrame,
                        width: int = 1000) -> pdk.Deck:
    """The overview's compact map of every city, coloured by status, its view fitted to `width` pixels."""
    return city_map(_data.cities, _table, lang, height=340, width=width, label_size=12, radius_scale=0.8, padding=20)


@st.cache_data(show_spinner=False, max_entries=64)
def map_page_cached(data_key: str, settings: Settings, lang: str, year: int | None, kinds: tuple[str, ...],
                    tiles: bool, _data: Dataset, _table: pd.DataFrame, area: str = "world",
                    width: int = 660) -> pdk.Deck:
    """The Map page's map: the cities of the membership `kinds`, by status or by `year`'s value, viewing `area`."""
    cities = _data.cities.loc[_data.cities["status"].isin(kinds)]
    return city_map(cities, _table, lang, year=year, data=_data, tiles=tiles, height=470, width=width, area=area)


@st.cache_data(show_spinner=False, max_entries=16)
def year_to_date_cached(data_key: str, _data: Dataset) -> pd.DataFrame:
    """Every city's and indicator's year so far at its latest month (engine.months), once per data content."""
    return year_to_date(_data.monthly)


@st.cache_data(show_spinner=False, max_entries=16)
def before_after_cached(data_key: str, _data: Dataset) -> pd.DataFrame:
    """Every practice's years before and after its start in each of its cities (engine.stories)."""
    from pioc_metrics.engine.stories import before_after
    return before_after(_data)


@st.cache_data(show_spinner=False, max_entries=256)
def peers_cached(data_key: str, settings: Settings, city_id: str, _data: Dataset, _table: pd.DataFrame
                 ) -> pd.DataFrame:
    """The member cities `city_id` can learn from (engine.stories.peers)."""
    from pioc_metrics.engine.stories import peers
    return peers(_data, _table, city_id)


class SharedFigure(go.Figure):
    """A figure many visitors are shown: built once, never changed after, and turned into the dict Streamlit sends
    only once (plotly's to_dict copies the whole figure each time it is asked)."""

    _shared_dict: dict | None = None

    def to_dict(self) -> dict:
        if self._shared_dict is None:
            self._shared_dict = super().to_dict()
        return self._shared_dict


@st.cache_resource(show_spinner=False, max_entries=512)
def _shared_figure(data_key: str, kind: str, key: tuple, _make) -> SharedFigure:
    figure = _make()
    figure.__class__ = SharedFigure  # the same object, its dict kept from now on
    figure.to_dict()
    return figure


def shared_figure(ctx, kind: str, key: tuple, make) -> go.Figure:
    """The figure `make()` draws, built once for every visitor of the same view: keyed on the data release, `kind`
    and `key` (which must hold every other input: settings, language, city ...). A session with its own upload
    draws its own (one visitor's data is never shared). The figure is read-only: copy it to change it."""
    if ctx.user_data:
        return make()
    return _shared_figure(ctx.data_key, kind, key, make)
