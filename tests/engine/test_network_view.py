"""The network-wide view of pioc_metrics.engine.network: cities per status and the median city index.

(Not test_network.py: tests/figures/test_network.py has that name, and test files need distinct names.)
"""

from __future__ import annotations

import numpy as np
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.network import median_city_index, network_path, status_counts
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from tests.factories import make_dataset


def test_median_city_index_and_status_counts():
    data = make_dataset({"a": {2019: 40, 2020: 30, 2023: 20}, "b": {2019: 10, 2020: 10, 2023: 12}, "c": {}})
    settings = Settings()
    table = progress_table(data, settings)
    index = median_city_index(data, table, settings).set_index("year")
    assert index.loc[2019, "median_index"] == 100 and index.loc[2019, "cities"] == 2
    assert index.loc[2020, "median_index"] == pytest.approx((75 + 100) / 2)
    assert index.loc[2023, "path"] == pytest.approx(100 * 0.5 ** (4 / 11))
    counts = status_counts(table)
    assert counts["achieved"] == 1 and counts["deterioration"] == 1 and counts["insufficient_data"] == 1
    assert list(counts.index) == list(C.STATUSES)


def test_network_path_runs_from_100_at_the_baseline_to_the_target_and_no_further():
    path = network_path([2018, 2019, 2030, 2031], Settings())
    assert np.isnan(path[0]) and path[1] == 100 and path[2] == pytest.approx(50) and np.isnan(path[3])
