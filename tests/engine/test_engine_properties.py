"""Random frames never make the engine raise, and its output keeps its shape."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pioc_metrics import constants as C
from pioc_metrics.engine.certainty import SHARE_COLUMNS
from pioc_metrics.engine.network import median_city_index
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from tests.factories import make_dataset

values = st.one_of(st.floats(min_value=0, max_value=1e7, allow_nan=False), st.just(0.0), st.just(float("nan")))
series = st.dictionaries(st.integers(1990, 2035), values, max_size=12)
engine_settings = st.builds(
    Settings,
    indicator=st.sampled_from(["homicide_rate", "homicides", "population", C.HEADLINE]),
    target_year=st.integers(2020, 2050),
    reduction=st.floats(0.1, 0.9),
    baseline_year=st.one_of(st.none(), st.integers(1995, 2030)),
    smoothing=st.sampled_from(C.SMOOTHING_CHOICES),
    path=st.sampled_from(C.PATH_CHOICES),
)


@hsettings(max_examples=150, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), series, min_size=1, max_size=6), engine_settings)
def test_random_frames_never_make_the_engine_raise(cities, settings):
    measure = "homicides" if settings.indicator == C.HEADLINE else settings.indicator
    data = make_dataset({c: {y: v for y, v in s.items() if not np.isnan(v)} for c, s in cities.items()},
                        indicator=measure)
    table = progress_table(data, settings)
    assert list(table.index) == list(cities)
    assert set(table["status"]) <= set(C.STATUSES) | {""}
    drawn = table["status_certainty"].notna()
    shares = table.loc[drawn, list(SHARE_COLUMNS)].to_numpy()
    assert np.allclose(shares.sum(axis=1), 1.0) and (table.loc[drawn, "status_certainty"] <= 1).all()
    achieved = table["status"] == "achieved"
    assert (table.loc[achieved, "latest"] <= table.loc[achieved, "target"] + 1e-9).all()
    index = median_city_index(data, table, settings)
    assert (index["cities"] > 0).all()
