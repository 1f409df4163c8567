"""Chart images: made offline, of the requested size, with title, legend, source and settings each in its
own band (no text over another in any language) and the source printed once."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import plotly.graph_objects as go
import pytest

from pioc_metrics.engine.city import city_series
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.exports import images
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import LANGUAGES, t
from pioc_metrics.text.labels import indicator_title, source_line

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SETTINGS = Settings(indicator="homicide_rate")
SVG = "{http://www.w3.org/2000/svg}"


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
    texts = {a.name: a.text for a in fig.layout.annotations}
    assert texts == {"export_title": "&lt;b&gt;A &amp; B&lt;/b&gt;",
                     "export_source": "Source: &lt;i&gt;x&lt;/i&gt; &#123;y&#125;"}


def test_long_texts_wrap_within_the_image_and_the_margins_grow_to_hold_them():
    words = " ".join(["Ciudad"] * 60)
    fig = images.decorated_figure(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])), title=words, source_line=words,
                                  settings_line=words)
    for annotation in fig.layout.annotations:
        lines = annotation.text.split("<br>")
        assert len(lines) > 1
        assert all(images.text_width(line, annotation.font.size) <= 1200 - 2 * images.PAD for line in lines)
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b >= images.MIN_PLOT


def test_the_figures_own_source_is_taken_off_and_its_note_kept():
    fig = go.Figure()
    fig.add_annotation(text="Not drawn: x 1991: 400<br>Fuente: A; B", xref="paper", yref="paper", x=0, y=0,
                       yshift=-40, yanchor="top", showarrow=False)
    out = images.decorated_figure(fig, title="T", source_line="Fuente: A", settings_line="S")
    texts = [a.text for a in out.layout.annotations]
    assert texts == ["T", "Not drawn: x 1991: 400<br>Fuente: A; B", "S"]


def test_a_legend_that_does_not_fit_one_row_takes_more_rows():
    names = [f"series number {i} with a long name" for i in range(6)]
    grid = images.legend_grid(names, 13, 1000)
    assert grid.rows > 1 and grid.height > 2 * 16
    assert images.legend_grid(names[:2], 13, 1000).rows == 1
    assert images.legend_grid([], 13, 1000).height == 0


def test_estimated_widths_are_never_narrower_than_the_font_draws_them():
    pil = pytest.importorskip("PIL.ImageFont")
    try:
        font = pil.truetype("DejaVuSans.ttf", 100)
    except OSError:
        pytest.skip("DejaVu Sans is not installed")
    samples = [t(key, lang) for lang in LANGUAGES for key in ("city_chart_interval", "city_chart_path",
                                                              "city_chart_projection", "meth_title")]
    samples += ["Policía Nacional de Colombia (DIJIN) records", "WWW mmm 100 % ÁÉÍ", "iiii llll 1111", "—",
                "2023 2024 1991: 40,9", "bbbb dddd ãõ"]
    for text in samples:
        assert images.text_width(text, 13) >= font.getlength(text) * 13 / 100, text


# ---------------------------------------------------------------- the rendered bands, measured in the SVG


def _translate(element) -> tuple[float, float]:
    match = re.search(r"translate\(\s*([-\d.e]+)[,\s]+([-\d.e]+)\s*\)", element.get("transform") or "")
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def _boxes(root) -> dict[str, list[tuple[float, float]]]:
    """Vertical extents (top, bottom) in px of each annotation (by data-index), the legend and the x ticks."""
    found: dict[str, list[tuple[float, float]]] = {}

    def walk(element, dy: float, owner: str | None) -> None:
        dy += _translate(element)[1]
        kind = element.get("class") or ""
        if kind == "annotation":
            owner = f"annotation {element.get('data-index')}"
        elif kind == "legend":
            owner = "legend"
        elif kind == "xtick":
            owner = "xtick"
        tag = element.tag.replace(SVG, "")
        if tag == "rect" and kind == "bg" and owner and owner != "xtick":
            top = dy + float(element.get("y") or 0)
            found.setdefault(owner, []).append((top, top + float(element.get("height"))))
        if tag == "text" and owner == "xtick":
            size = float(re.search(r"font-size: ([\d.]+)px", element.get("style")).group(1))
            baseline = dy + float(element.get("y"))
            found.setdefault("xtick", []).append((baseline - size, baseline + 0.3 * size))
        for child in element:
            walk(child, dy, owner)

    walk(root, 0.0, None)
    return found


def _extent(spans: list[tuple[float, float]]) -> tuple[float, float]:
    return min(s[0] for s in spans), max(s[1] for s in spans)


@pytest.fixture(scope="module", params=LANGUAGES)
def rendered(request, shipped_data):
    """Palmira's trajectory exported as SVG and PNG in one language, with the figure it was drawn from."""
    lang = request.param
    table = progress_table(shipped_data, SETTINGS)
    fig = trajectory_figure(shipped_data, table, "palmira", SETTINGS, lang)
    indicator = indicator_title(shipped_data.catalog, SETTINGS.indicator, lang)
    options = dict(title=t("city_chart_title", lang, city="Palmira", indicator=indicator, years="2003–2024"),
                   source_line=source_line(city_series(shipped_data, "palmira", SETTINGS.indicator)["source"], lang),
                   settings_line=images.settings_text(SETTINGS, lang))
    svg = images.figure_image(fig, "svg", **options)
    png = images.figure_image(fig, "png", **options)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"export_palmira_{lang}.png").write_bytes(png)
    return lang, images.decorated_figure(fig, **options), svg.decode("utf-8"), options


def test_title_legend_source_and_settings_lie_in_separate_bands(rendered):
    lang, decorated, svg, _options = rendered
    boxes = _boxes(ET.fromstring(svg))
    names = {a.name: i for i, a in enumerate(decorated.layout.annotations) if a.name in images.EXPORT_BANDS}
    assert set(names) == set(images.EXPORT_BANDS), lang
    band = {name: _extent(boxes[f"annotation {i}"]) for name, i in names.items()}
    plot_top = decorated.layout.margin.t
    ticks, legend = _extent(boxes["xtick"]), _extent(boxes["legend"])
    order = [band["export_title"], band["export_subtitle"], (plot_top, ticks[0]), ticks, legend,
             band["export_source"], band["export_settings"]]
    for upper, lower in zip(order, order[1:]):
        assert upper[1] <= lower[0], (lang, upper, lower)
    assert 0 <= order[0][0] and order[-1][1] <= decorated.layout.height


def test_legend_entries_do_not_run_into_each_other(rendered):
    lang, decorated, svg, _options = rendered
    root = ET.fromstring(svg)
    legend = next(e for e in root.iter(f"{SVG}g") if e.get("class") == "legend")
    entry = decorated.layout.legend.entrywidth
    rows: dict[float, list[float]] = {}
    for traces in (g for g in legend.iter(f"{SVG}g") if g.get("class") == "traces"):
        x, y = _translate(traces)
        rows.setdefault(y, []).append(x)
    assert len(rows) == images.legend_grid(images.legend_entries(decorated), decorated.layout.legend.font.size,
                                           1200 - decorated.layout.margin.r).rows
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= images.LEGEND_SYMBOL + entry for a, b in zip(xs, xs[1:])), lang


def test_the_source_is_printed_once(rendered):
    lang, _decorated, svg, options = rendered
    prefix = t("source_line", lang, source="").strip()
    assert svg.count(prefix) == 1, lang
    assert svg.count("Policía Nacional de Colombia (DIJIN) records") == 1
