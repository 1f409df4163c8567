"""cities_with_data is kept per loaded dataset and indicator: the same answers as working it out, never another
dataset's."""

from __future__ import annotations

from pioc_metrics.engine.coverage import cities_with_data
from tests.factories import make_dataset


def test_the_kept_answer_is_the_datasets_own_and_a_copy():
    one = make_dataset({"alpha": {2019: 1.0}, "beta": {}}, "homicides")
    other = make_dataset({"alpha": {}, "beta": {2019: 2.0}}, "homicides")
    assert cities_with_data(one, "homicides") == ["alpha"]
    assert cities_with_data(other, "homicides") == ["beta"]
    first = cities_with_data(one, "homicides")
    first.append("gamma")
    assert cities_with_data(one, "homicides") == ["alpha"]
    assert cities_with_data(one, "homicide_rate") == []
