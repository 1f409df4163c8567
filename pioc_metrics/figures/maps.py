"""Maps of the network's cities as pydeck decks: offline by default.

Pure functions (no Streamlit). The basemap is the country outlines shipped in
data/countries.geojson, drawn as a GeoJsonLayer with `map_provider=None`; web
tiles are an opt-in (`tiles=True`).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.coverage import main_values, measures
from pioc_metrics.paths import data_file
from pioc_metrics.text import formatting as F
from pioc_metrics.text.countries import country_names
from pioc_metrics.text.i18n import t

COUNTRIES_PATH = data_file("countries.geojson")

SEA = [214, 229, 240]
LAND = [236, 236, 236]
BORDER = [255, 255, 255]
INK = [34, 34, 34]
NO_TARGET_COLOUR = "#999999"

# Circle radius in pixels grows with the square root of population (area ~ population).
RADIUS_MAX = 22.0
RADIUS_MIN = 6.0
POPULATION_AT_MAX = 10_000_000

# Colouring by a chosen year: the value against the city's own baseline and target.
YEAR_CLASSES = ("year_at_target", "year_below_baseline", "year_above_baseline", "year_no_value")
YEAR_COLOURS = {
    "year_at_target": "#009E73",
    "year_below_baseline": "#56B4E9",
    "year_above_baseline": "#D55E00",
    "year_no_value": "#999999",
}
YEAR_SYMBOLS = {
    "year_at_target": "★",
    "year_below_baseline": "↓",
    "year_above_baseline": "↑",
    "year_no_value": "○",
}
MEMBERSHIP_KINDS = C.CITY_STATUSES

# The hover box: our own markup around one field of plain text. Streamlit HTML-escapes a field's value where it
# puts it into `html` (and expands each {field} named in the template once, in order): one field, so a value can
# never bring in another. Its lines break at the text's new lines; the first (city and country) is bold.
TOOLTIP_HTML = ("<style>.pioc-tip{white-space:pre-line}.pioc-tip::first-line{font-weight:700}</style>"
                "<div class='pioc-tip'>{tooltip}</div>")
TOOLTIP_STYLE = {"backgroundColor": "white", "color": "#222222", "fontSize": "13px", "lineHeight": "1.35",
                 "border": "1px solid #999999", "maxWidth": "320px"}

# Views of the map: the whole network, or the cities inside a box (west, south, east, north in degrees).
AREAS = {
    "world": None,
    "latin_america": (-118.0, -56.0, -33.0, 33.0),
    "north_america": (-170.0, 28.0, -50.0, 72.0),
    "europe": (-25.0, 36.0, 45.0, 72.0),
    "africa": (-20.0, -36.0, 52.0, 38.0),
    "asia": (25.0, -11.0, 150.0, 55.0),
}
AREA_MIN_SPAN = 16.0  # degrees: an area with one city is shown with its surroundings, not at street level


class CompactDeck(pdk.Deck):
    """A deck whose JSON has no indentation: the country outlines are a fifth of the size."""

    def to_json(self):
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    hex_colour = hex_colour.lstrip("#")
    return [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _rounded(coordinates, digits: int = 2):
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(float(c), digits) for c in coordinates]
    return [_rounded(c, digits) for c in coordinates]


@lru_cache(maxsize=1)
def countries_geojson() -> dict:
    """The shipped country outlines, coordinates rounded to 0.01 degree (enough at world scale, half the bytes)."""
    raw = json.loads(COUNTRIES_PATH.read_text(encoding="utf-8"))
    features = [
        {"type": "Feature", "properties": {"name": f["properties"].get("name", "")},
         "geometry": {"type": f["geometry"]["type"], "coordinates": _rounded(f["geometry"]["coordinates"])}}
        for f in raw.get("features", []) if f.get("geometry")
    ]
    return {"type": "FeatureCollection", "features": features}


def radius_pixels(population) -> np.ndarray:
    """Circle radius (px) from population: square-root scale, never below RADIUS_MIN."""
    population = pd.to_numeric(pd.Series(population, dtype="float64"), errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        radius = RADIUS_MAX * np.sqrt(np.clip(population, 0, None) / POPULATION_AT_MAX)
    return np.clip(np.nan_to_num(radius, nan=RADIUS_MIN), RADIUS_MIN, RADIUS_MAX)


def fit_view(lats, lons, width: int, height: int, padding: int = 40) -> pdk.ViewState:
    """A view that shows every point, for a map of the given size in pixels (Web Mercator)."""
    lats = np.clip(np.asarray(lats, dtype=float), -80, 80)
    lons = np.asarray(lons, dtype=float)
    if not len(lats):
        return pdk.ViewState(latitude=15, longitude=0, zoom=0.6)
    y = np.log(np.tan(np.pi / 4 + np.radians(lats) / 2))
    lon_share = max((lons.max() - lons.min()) / 360.0, 1e-6)
    y_share = max((y.max() - y.min()) / (2 * np.pi), 1e-6)
    usable_w, usable_h = max(width - 2 * padding, 50), max(height - 2 * padding, 50)
    zoom = math.log2(min(usable_w / (512 * lon_share), usable_h / (512 * y_share)))
    zoom = float(np.clip(zoom, 0.0, 6.0)) if len(lats) > 1 else 4.0
    centre_y = (y.max() + y.min()) / 2
    centre_lat = float(np.degrees(2 * np.arctan(np.exp(centre_y)) - np.pi / 2))
    return pdk.ViewState(latitude=round(centre_lat, 4), longitude=round(float((lons.max() + lons.min()) / 2), 4),
                         zoom=round(zoom, 3), min_zoom=0, max_zoom=12)


def in_area(lats, lons, area: str) -> np.ndarray:
    """Which points lie inside the area's box (every point for "world" or an unknown area)."""
    lats, lons = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    box = AREAS.get(area)
    if box is None:
        return np.ones(len(lats), dtype=bool)
    west, south, east, north = box
    return (lons >= west) & (lons <= east) & (lats >= south) & (lats <= north)


def areas_with_cities(cities: pd.DataFrame) -> list[str]:
    """The map's views that hold at least one of these cities: "world" first, then each area in AREAS' order."""
    return [area for area in AREAS if in_area(cities["lat"], cities["lon"], area).any()]


def area_view(lats, lons, area: str, width: int, height: int, padding: int = 40) -> pdk.ViewState:
    """The view of the points inside `area` (all of them for "world"), never narrower than AREA_MIN_SPAN."""
    lats, lons = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    inside = in_area(lats, lons, area)
    if area == "world" or area not in AREAS or not inside.any():
        return fit_view(lats, lons, width, height, padding=padding)
    lats, lons = lats[inside], lons[inside]
    half = AREA_MIN_SPAN / 2
    lat_mid, lon_mid = (lats.min() + lats.max()) / 2, (lons.min() + lons.max()) / 2
    lats = np.append(lats, [lat_mid - half, lat_mid + half])
    lons = np.append(lons, [lon_mid - half, lon_mid + half])
    return fit_view(lats, lons, width, height, padding=padding)


def year_values(data: Dataset, measure: pd.Series, year: int) -> pd.Series:
    """Each city's main-series value in `year` of its own measure (`measure`: indicator by city_id, as the progress
    table's `indicator` column has it; under the headline it differs by city); NaN where there is none."""
    rows = main_values(data, set(measure.dropna())).loc[lambda r: r["year"] == year]
    rows = rows.drop_duplicates(["city_id", "indicator"]).set_index(["city_id", "indicator"])["value"]
    wanted = pd.MultiIndex.from_arrays([measure.index.astype(object), measure.to_numpy(dtype=object)])
    return pd.Series(rows.reindex(wanted).to_numpy(dtype=float), index=measure.index)


def year_class(value, baseline, target) -> np.ndarray:
    """The class of each city's value in a chosen year against its baseline and target."""
    value = np.asarray(value, dtype=float)
    baseline = np.asarray(baseline, dtype=float)
    target = np.asarray(target, dtype=float)
    missing = np.isnan(value) | np.isnan(baseline)
    return np.select(
        [missing, ~np.isnan(target) & (value <= target), value < baseline],
        ["year_no_value", "year_at_target", "year_below_baseline"],
        default="year_above_baseline",
    )


def map_points(cities: pd.DataFrame, table: pd.DataFrame, lang: str, *, year: int | None = None,
               data: Dataset | None = None, radius_scale: float = 1.0) -> pd.DataFrame:
    """One row per city with its position, size, colours, label and (escaped) tooltip."""
    keep = [c for c in ("city_id", "city", "country", "lat", "lon", "status", "population") if c in cities]
    frame = cities.loc[cities["lat"].notna() & cities["lon"].notna(), keep].rename(columns={"status": "membership"})
    if {"country", "iso3"} <= set(cities):
        frame["country"] = country_names(cities.loc[frame.index, "iso3"], frame["country"], lang)
    if "population" not in frame:
        frame["population"] = np.nan
    columns = ["baseline_year", "baseline", "latest_year", "latest", "target", "cagr_required", "cagr_actual", "status"]
    frame = frame.join(table.set_index("city_id")[columns], on="city_id")
    frame["status"] = frame["status"].fillna("insufficient_data")
    no_data = frame["baseline"].isna() & frame["latest"].isna()

    if year is not None and data is not None:
        measure = table.set_index("city_id")["indicator"].reindex(pd.Index(frame["city_id"], dtype=object))
        value = year_values(data, measure, year).to_numpy()
        baseline = frame["baseline"].to_numpy(dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            index = np.where(baseline > 0, 100 * value / baseline, np.nan)
        kind = year_class(value, baseline, frame["target"].to_numpy(dtype=float))
        frame["year_value"], frame["year_index"], frame["colour_key"] = value, index, kind
        colour = pd.Series(kind, index=frame.index).map(YEAR_COLOURS)
        index_text = pd.Series([F.number(v, lang, 0) for v in index], index=frame.index)
        symbol = pd.Series(kind, index=frame.index).map(YEAR_SYMBOLS)
        frame["label"] = frame["city"].astype(str) + " " + symbol + np.where(np.isnan(index), "", " " + index_text)
    else:
        frame["colour_key"] = frame["status"]
        colour = frame["status"].map(C.STATUS_COLOURS).fillna(NO_TARGET_COLOUR)
        symbol = frame["status"].map(C.STATUS_SYMBOLS).fillna("")
        frame["label"] = (frame["city"].astype(str) + " " + symbol).str.strip()

    radius = radius_pixels(frame["population"]) * radius_scale
    frame["radius"] = np.round(radius, 2)
    membership = frame["membership"].where(frame["membership"].isin(MEMBERSHIP_KINDS), "other")
    prospective = (membership == "prospective").to_numpy()
    other = (membership == "other").to_numpy()
    frame["fill"] = [rgb(c, 80 if p else 235) for c, p in zip(colour, prospective)]
    frame["line"] = [rgb(c) if p else ([255, 255, 255, 255] if o else [40, 40, 40, 255])
                     for c, p, o in zip(colour, prospective, other)]
    frame["line_width"] = np.where(prospective, 3.0, np.where(other, 2.5, 1.5))
    # Label priority: cities with data first, then the network's members, then the most populous.
    frame["priority"] = ((~no_data).to_numpy() * 1e11 + (membership == "member").to_numpy() * 1e10
                         + np.clip(np.nan_to_num(frame["population"].to_numpy(dtype=float)), 0, 9e9))
    frame["tooltip"] = _tooltips(frame, lang, membership, no_data, year)
    return frame.sort_values("radius", ascending=False)


def _tooltips(frame: pd.DataFrame, lang: str, membership: pd.Series, no_data: pd.Series, year: int | None) -> pd.Series:
    """Each city's tooltip as plain text, one figure a line; TOOLTIP_HTML sets the first line (city, country) in
    bold, and Streamlit HTML-escapes the text where it puts it into the tooltip."""
    def line(label, values: pd.Series, show) -> pd.Series:
        return "\n" + label + ": " + values.map(show)

    def dated(key: str, years: pd.Series) -> pd.Series:
        return years.map(lambda y: t(key, lang, year=F.year(y)))

    number = lambda v: F.number(v, lang)  # noqa: E731
    rate = lambda v: F.percent(v, lang, signed=True)  # noqa: E731
    text = (frame["city"].astype(str) + " (" + frame["country"].astype(str) + ")\n"
            + membership.map(lambda kind: t("membership_" + kind, lang)) + "\n"
            + frame["status"].map(lambda s: F.status_label(s, lang)))
    figures = (line(dated("map_tt_baseline", frame["baseline_year"]), frame["baseline"], number)
               + line(dated("map_tt_latest", frame["latest_year"]), frame["latest"], number)
               + line(t("map_tt_required", lang), frame["cagr_required"], rate)
               + line(t("map_tt_actual", lang), frame["cagr_actual"], rate))
    text += figures.where(~no_data, "\n" + t("no_data_yet", lang))
    if year is not None and "year_value" in frame:
        text += (line(t("map_tt_value_year", lang, year=year), frame["year_value"], number)
                 + line(t("map_tt_index_year", lang), frame["year_index"], number))
    return text + line(t("map_tt_population", lang), frame["population"],
                       lambda v: t("map_tt_unknown", lang) if F._missing(v) else F.integer(v, lang))


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Plain-Python records for the deck's JSON (no numpy or pandas scalars)."""
    return json.loads(frame[columns].to_json(orient="records", force_ascii=False))


LABEL_GAP = 4.0  # pixels between a circle and its label
MAX_LABELS = 300
# Where a label may go around its circle: (name, text anchor, baseline); tried in this order.
LABEL_SPOTS = (("right", "start", "center"), ("left", "end", "center"),
               ("above", "middle", "bottom"), ("below", "middle", "top"),
               ("below-right", "start", "top"), ("below-left", "end", "top"),
               ("above-right", "start", "bottom"), ("above-left", "end", "bottom"))


def _spots(x, y, r, w, h) -> tuple[np.ndarray, np.ndarray]:
    """Each label's candidate boxes (x0, y0, x1, y1) and pixel offsets, in LABEL_SPOTS' order, for circles of
    radius `r` (plus the gap): arrays of shape (city, spot, 4) and (city, spot, 2)."""
    d = r * 0.72  # diagonal spots: just outside the circle
    boxes = np.stack([
        np.stack([x + r, y - h / 2, x + r + w, y + h / 2], axis=1),
        np.stack([x - r - w, y - h / 2, x - r, y + h / 2], axis=1),
        np.stack([x - w / 2, y - r - h, x + w / 2, y - r], axis=1),
        np.stack([x - w / 2, y + r, x + w / 2, y + r + h], axis=1),
        np.stack([x + d, y + d, x + d + w, y + d + h], axis=1),
        np.stack([x - d - w, y + d, x - d, y + d + h], axis=1),
        np.stack([x + d, y - d - h, x + d + w, y - d], axis=1),
        np.stack([x - d - w, y - d - h, x - d, y - d], axis=1),
    ], axis=1)
    zero = 0 * r
    offsets = np.stack([np.stack([r, zero], 1), np.stack([-r, zero], 1), np.stack([zero, -r], 1),
                        np.stack([zero, r], 1), np.stack([d, d], 1), np.stack([-d, d], 1),
                        np.stack([d, -d], 1), np.stack([-d, -d], 1)], axis=1)
    return boxes, offsets


def place_labels(points: pd.DataFrame, zoom: float, size: int) -> pd.DataFrame:
    """Labels that fit without overlapping at the initial view (`zoom`): the highest priority first, each in the
    first free spot around its circle (right, left, above, below, diagonals), else one label's height further
    out (where cities crowd, as Cali and Palmira do); the others are left out."""
    order = points.sort_values("priority", ascending=False)
    world = 512 * 2 ** zoom
    x = world * (order["lon"].to_numpy(dtype=float) + 180) / 360
    lat = np.radians(np.clip(order["lat"].to_numpy(dtype=float), -80, 80))
    y = world * (1 - np.log(np.tan(np.pi / 4 + lat / 2)) / np.pi) / 2
    r = order["radius"].to_numpy(dtype=float) + LABEL_GAP
    w = order["label"].str.len().to_numpy(dtype=float) * size * 0.62 + 6
    h = np.full(len(order), size * 1.35)
    near, far = _spots(x, y, r, w, h), _spots(x, y, r + h, w, h)
    boxes, offsets = np.concatenate([near[0], far[0]], axis=1), np.concatenate([near[1], far[1]], axis=1)
    kept = np.empty((0, 4))
    spot = np.full(len(order), -1)
    for i in range(min(len(order), MAX_LABELS)):  # greedy: each placement depends on the ones before it
        free = ~((boxes[i, :, None, 0] < kept[None, :, 2]) & (boxes[i, :, None, 2] > kept[None, :, 0])
                 & (boxes[i, :, None, 1] < kept[None, :, 3]) & (boxes[i, :, None, 3] > kept[None, :, 1])).any(axis=1)
        if free.any():
            spot[i] = int(np.argmax(free))
            kept = np.vstack([kept, boxes[i, spot[i]]])
    chosen = np.clip(spot, 0, None)
    kinds = [LABEL_SPOTS[k % len(LABEL_SPOTS)] for k in chosen]
    placed = order.assign(
        label_shown=spot >= 0,
        label_anchor=[kind[1] for kind in kinds],
        label_baseline=[kind[2] for kind in kinds],
        label_offset=[[round(float(a), 1), round(float(b), 1)] for a, b in offsets[np.arange(len(order)), chosen]],
    )
    return placed


def basemap_layers() -> list[pdk.Layer]:
    """Sea and land from the shipped outlines: no network request."""
    edge = np.linspace(-180, 180, 37).tolist()
    sea = [[x, -85.0] for x in edge] + [[x, 85.0] for x in reversed(edge)]
    return [
        pdk.Layer("SolidPolygonLayer", id="sea", data=[{"polygon": sea}], get_polygon="polygon",
                  get_fill_color=SEA, pickable=False),
        pdk.Layer("GeoJsonLayer", id="countries", data=countries_geojson(), stroked=True, filled=True,
                  get_fill_color=LAND, get_line_color=BORDER, line_width_units="pixels", get_line_width=1,
                  line_width_min_pixels=1, pickable=False),
    ]


def city_map(cities: pd.DataFrame, table: pd.DataFrame, lang: str, *, year: int | None = None,
             data: Dataset | None = None, tiles: bool = False, height: int = 520, width: int = 1000,
             labels: bool = True, label_size: int = 13, radius_scale: float = 1.0, padding: int = 40,
             area: str = "world") -> pdk.Deck:
    """The cities on a world map: sized by population, coloured by status (or by a year's value), with tooltips;
    the view shows every city, or those of one of the AREAS, on a map of `width` x `height` pixels."""
    points = map_points(cities, table, lang, year=year, data=data, radius_scale=radius_scale)
    records = _records(points, ["city_id", "city", "lon", "lat", "radius", "fill", "line", "line_width", "tooltip"])
    layers = [] if tiles else basemap_layers()
    layers.append(pdk.Layer(
        "ScatterplotLayer", id="cities", data=records, get_position=["lon", "lat"], get_radius="radius",
        radius_units="'pixels'", get_fill_color="fill", get_line_color="line", get_line_width="line_width",
        line_width_units="'pixels'", stroked=True, filled=True, pickable=True, auto_highlight=True,
    ))
    view = area_view(points["lat"], points["lon"], area, width, height, padding=padding)
    if labels and len(points):
        placed = place_labels(points, view.zoom, label_size)
        label_records = _records(placed.loc[placed["label_shown"]],
                                 ["lon", "lat", "label", "label_offset", "label_anchor", "label_baseline"])
        # Labels are placed here, not by a collision extension: that one does not render in every browser.
        layers.append(pdk.Layer(
            "TextLayer", id="city-labels", data=label_records, get_position=["lon", "lat"], get_text="label",
            get_size=label_size, size_units="'pixels'", get_color=INK, get_text_anchor="label_anchor",
            get_alignment_baseline="label_baseline", get_pixel_offset="label_offset", character_set="'auto'",
            font_family="'DejaVu Sans, Arial, sans-serif'", background=True,
            get_background_color=[255, 255, 255, 215], background_padding=[3, 1, 3, 1], pickable=False,
        ))
    tooltip = {"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE}
    if tiles:
        deck = CompactDeck(layers=layers, initial_view_state=view, map_provider="carto", map_style="light",
                        tooltip=tooltip, height=height)
    else:
        deck = CompactDeck(layers=layers, initial_view_state=view, map_provider=None, tooltip=tooltip, height=height)
    return deck


def legend_items(lang: str, *, year: int | None = None) -> list[tuple[str, str, str]]:
    """(symbol, label, colour) for the map's text legend."""
    if year is None:
        return [(C.STATUS_SYMBOLS[s], t("status_" + s, lang), C.STATUS_COLOURS[s]) for s in C.STATUSES]
    return [(YEAR_SYMBOLS[k], t("map_" + k, lang), YEAR_COLOURS[k]) for k in YEAR_CLASSES]


def indicator_years(data: Dataset, indicator: str) -> list[int]:
    """Years in which at least one city has a main-series value of `indicator` (of the headline: of a measure)."""
    return sorted(int(y) for y in main_values(data, measures(indicator))["year"].unique())
