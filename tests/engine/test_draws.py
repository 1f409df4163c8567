"""The Poisson draws behind the status certainty (pioc_metrics.engine.draws)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import poisson

from pioc_metrics import constants as C
from pioc_metrics.engine.draws import draw_uniforms, poisson_quantiles


@pytest.mark.parametrize("mean", [0, 0.3, 3, 15.5, 129, 1206, 250_000])
def test_each_draw_is_the_exact_poisson_quantile_of_its_uniform_number(mean):
    uniforms = np.random.default_rng(5).random(20_000)
    draws = poisson_quantiles([mean], uniforms)[0]
    assert np.array_equal(draws, poisson.ppf(uniforms, mean))


def test_many_cities_at_once_are_each_city_alone():
    means = np.array([1206.0, 0.0, 3.0, 129.0, 57.0])
    uniforms = draw_uniforms()[0]
    together = poisson_quantiles(means, uniforms)
    for i, mean in enumerate(means):
        assert np.array_equal(together[i], poisson_quantiles([mean], uniforms)[0])


def test_the_draws_have_the_poisson_mean_and_variance():
    draws = poisson_quantiles([40.0], np.random.default_rng(1).random(200_000))[0]
    assert draws.mean() == pytest.approx(40, abs=0.1) and draws.var() == pytest.approx(40, rel=0.02)


def test_the_uniform_numbers_come_from_the_fixed_seed():
    uniforms = draw_uniforms()
    assert uniforms.shape == (2, C.STATUS_DRAWS)
    assert np.array_equal(uniforms, draw_uniforms())
    assert ((uniforms >= 0) & (uniforms < 1)).all()
