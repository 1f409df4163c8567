"""Chart images: made offline, of the requested size, with title, source and settings written on them."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from pioc_metrics.exports import images


def test_png_export_is_a_real_image_of_the_requested_size(palmira_images):
    png, _svg = palmira_images
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 20_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 675)


def test_svg_export_carries_title_source_and_settings(palmira_images):
    _png, svg = palmira_images
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<svg") or "<svg" in text[:500]
    assert "Palmira: trajetória até 2030" in text
    assert "Fonte: Polícia Nacional de Colombia" in text
    assert "meta 2030" in text  # the settings line
    assert len(svg) > 10_000


def test_unknown_image_format_is_refused():
    with pytest.raises(ValueError):
        images.figure_image(go.Figure(), "gif", title="", source_line="", settings_line="")


def test_text_written_on_an_image_is_shown_as_typed():
    fig = images.decorated_figure(go.Figure(), title="<b>A & B</b>", source_line="Source: <i>x</i> {y}",
                                  settings_line="")
    assert fig.layout.title.text == "&lt;b&gt;A &amp; B&lt;/b&gt;"
    assert [a.text for a in fig.layout.annotations] == ["Source: &lt;i&gt;x&lt;/i&gt; &#123;y&#125;"]
