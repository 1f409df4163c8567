"""One look for every chart: each figure-building function draws in the registered "pioc" template, with one
font family and one colour for the path to the target, the city's and the network's charts alike."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import pioc_metrics.exports
import pioc_metrics.figures
from pioc_metrics import constants as C
from pioc_metrics.engine.months import month_comparison
from pioc_metrics.engine.network import median_city_index, status_counts
from pioc_metrics.exports.images import decorated_figure
from pioc_metrics.figures import theme
from pioc_metrics.figures.compare import compare_figure, ranked_change_figure, small_multiples_figure
from pioc_metrics.figures.coverage import coverage_figure
from pioc_metrics.figures.months import months_figure, panel_figure
from pioc_metrics.figures.network import median_index_figure, status_bar_figure
from pioc_metrics.figures.palette import text_contrast_problems
from pioc_metrics.figures.projector import for_projector
from pioc_metrics.figures.review import review_figure
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.settings import Settings

SETTINGS = Settings(indicator="homicide_rate")
COLOMBIA = ["medellin", "palmira", "cali", "bogota"]

# Every public function of figures/ and exports/ that returns a plotly figure, and how to call it.
BUILDERS = {
    "trajectory_figure": lambda d, tb: trajectory_figure(d, tb, "palmira", SETTINGS, "en"),
    "compare_figure": lambda d, tb: compare_figure(d, tb, COLOMBIA, SETTINGS, "en", "indexed"),
    "small_multiples_figure": lambda d, tb: small_multiples_figure(d, tb, COLOMBIA, SETTINGS, "en"),
    "ranked_change_figure": lambda d, tb: ranked_change_figure(tb, COLOMBIA, "en", reduction=0.5),
    "median_index_figure": lambda d, tb: median_index_figure(median_city_index(d, tb, SETTINGS), SETTINGS, "en",
                                                             "Source: test"),
    "status_bar_figure": lambda d, tb: status_bar_figure(status_counts(tb), "en"),
    "coverage_figure": lambda d, tb: coverage_figure(d, "homicide_rate", "main", "en", "Homicide rate"),
    "review_figure": lambda d, tb: review_figure(d, d, "palmira", "homicides", "en", release=1, submission=1),
    "empty_figure": lambda d, tb: theme.empty_figure("nothing to draw", "en"),
    "decorated_figure": lambda d, tb: decorated_figure(go.Figure(go.Scatter(x=[1], y=[2])), title="t",
                                                       source_line="s", settings_line="x"),
    "for_projector": lambda d, tb: for_projector(status_bar_figure(status_counts(tb), "en")),
    "months_figure": lambda d, tb: months_figure(
        month_comparison(d.monthly, "niteroi", "homicides", 2026, 3), "homicides", 2026, "en", catalog=d.catalog),
    "panel_figure": lambda d, tb: panel_figure(d, tb.loc["palmira"], "palmira", "homicide_rate",
                                               Settings(indicator="homicide_rate"), "en", "Homicide rate"),
}


def _figure_functions() -> set[str]:
    names = set()
    for package in (pioc_metrics.figures, pioc_metrics.exports):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for name, function in inspect.getmembers(module, inspect.isfunction):
                returns = inspect.signature(function).return_annotation
                if function.__module__ == module.__name__ and not name.startswith("_") and returns == "go.Figure":
                    names.add(name)
    return names


def _font_family(fig: go.Figure) -> str:
    return fig.layout.font.family or fig.layout.template.layout.font.family


@pytest.fixture(scope="module")
def figures(shipped_data, rate_table) -> dict[str, go.Figure]:
    return {name: build(shipped_data, rate_table) for name, build in BUILDERS.items()}


def test_every_figure_building_function_is_checked_here():
    assert _figure_functions() == set(BUILDERS)


def test_the_theme_is_registered_and_the_projector_template_is_it_scaled_up():
    base, projector = pio.templates[theme.NAME], pio.templates[theme.PROJECTOR_NAME]
    assert base.layout.font.family == projector.layout.font.family == theme.FONT_FAMILY
    assert projector.layout.font.size == round(base.layout.font.size * theme.PROJECTOR_SCALE)
    assert projector.layout.title.font.size > base.layout.title.font.size
    assert list(base.layout.colorway) == list(projector.layout.colorway) == list(theme.CITY_PALETTE)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_figure_uses_the_template_and_its_font(figures, name):
    fig = figures[name]
    expected = theme.PROJECTOR_NAME if name == "for_projector" else theme.NAME
    assert fig.layout.template == pio.templates[expected]
    assert _font_family(fig) == theme.FONT_FAMILY


def _path_colours(fig: go.Figure) -> set[str]:
    lines = {tr.line.color for tr in fig.data if isinstance(tr, go.Scatter) and tr.line.dash == "dash"}
    shapes = {shape.line.color for shape in fig.layout.shapes if shape.line.dash == "dash"}
    return lines | shapes


@pytest.mark.parametrize("name", ["trajectory_figure", "compare_figure", "small_multiples_figure",
                                  "ranked_change_figure", "median_index_figure"])
def test_the_path_to_the_target_has_one_colour_in_city_and_network_charts(figures, name):
    assert _path_colours(figures[name]) == {theme.PATH_COLOUR}


def test_the_status_bars_take_the_status_palette(figures):
    assert list(figures["status_bar_figure"].data[0].marker.color) == [theme.STATUS_COLOURS[s] for s in C.STATUSES]


def test_the_projector_enlarges_the_figure_own_sizes(figures):
    small, big = figures["status_bar_figure"], figures["for_projector"]
    assert big.layout.font.size >= 20 and big.layout.height >= 600
    assert big.layout.title.font.size > small.layout.title.font.size


def test_the_theme_text_colours_are_readable():
    assert text_contrast_problems() == []
