"""What the export tests share: one PNG and one SVG of a city's chart, drawn once."""

from __future__ import annotations

import pytest

from pioc_metrics.exports import images
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.settings import Settings


@pytest.fixture(scope="session")
def palmira_images(shipped_data, shipped_table):
    """One PNG and one SVG of Palmira's trajectory (kaleido starts Chromium once for the run)."""
    settings = Settings()
    fig = trajectory_figure(shipped_data, shipped_table, "palmira", settings, "pt")
    options = dict(title="Palmira: trajetória até 2030", source_line="Fonte: Polícia Nacional de Colombia",
                   settings_line=images.settings_text(settings, "pt"))
    return images.figure_image(fig, "png", **options), images.figure_image(fig, "svg", **options)
