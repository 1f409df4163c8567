"""The view a URL describes: parsing and writing the shared query parameters.

Pure functions: the page layer (pioc_metrics.app.context) feeds them st.query_params and
session values. Anything unknown or malicious falls back to the default, with the
name of the parameter reported so the page can say so in one short notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pioc_metrics import constants as C
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise_language

SLUG = re.compile(r"^[a-z0-9-]{1,80}$")
INDICATOR_ID = re.compile(r"^[a-z0-9_]{1,60}$")
TARGET_YEARS = tuple(range(C.TARGET_YEAR_MIN, C.TARGET_YEAR_MAX + 1))
BASELINE_YEARS = tuple(range(C.BASELINE_YEAR_MIN, C.BASELINE_YEAR_MAX + 1))
MAX_CITIES = 200

# Shared parameters, in the order they appear in a URL.
SHARED_KEYS = ("lang", "indicator", "baseline", "target", "reduction", "smoothing", "path", "city", "cities",
               "release")
RELEASE_MAX = 10**9
VIEW_KEY = "view"  # st.session_state[VIEW_KEY]: the session's View, which the URL and the sidebar follow


@dataclass(frozen=True)
class View:
    """Everything the shared sidebar and the city pickers decide."""

    lang: str = DEFAULT_LANGUAGE
    settings: Settings = Settings()
    city: str | None = None
    cities: tuple[str, ...] = ()
    release: int | None = None  # a release of the store; None: the latest
    rejected: tuple[str, ...] = field(default=(), compare=False)

    def query(self) -> dict[str, str]:
        """The query parameters that reopen this view (defaults left out to keep links short, except the
        indicator: a link without one meant the homicide rate before the headline became the default)."""
        s = self.settings
        params = {"lang": self.lang, "indicator": s.indicator}
        if s.baseline_year is not None:
            params["baseline"] = str(s.baseline_year)
        if s.target_year != C.TARGET_YEAR:
            params["target"] = str(s.target_year)
        if s.reduction != C.REDUCTION:
            params["reduction"] = f"{s.reduction:g}"
        if s.smoothing != "none":
            params["smoothing"] = s.smoothing
        if s.path != "geometric":
            params["path"] = s.path
        if self.city:
            params["city"] = self.city
        if self.cities:
            params["cities"] = ",".join(self.cities)
        if self.release is not None:
            params["release"] = str(self.release)
        return params


def _first(value) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if value is None:
        return None
    return str(value)[:2000]


def parse_view(params: dict, *, indicators: set[str], city_ids: set[str], base: View | None = None,
               browser_locale: str | None = None) -> View:
    """The view from query parameters; a parameter absent from the URL keeps `base`'s value."""
    base = base or View()
    rejected: list[str] = []
    s = base.settings

    def take(name: str, parse, current):
        raw = _first(params.get(name))
        if raw is None or raw == "":
            return current
        try:
            value = parse(raw)
        except (ValueError, TypeError, OverflowError):
            value = None
        if value is None:
            rejected.append(name)
            return current
        return value

    lang_default = base.lang
    if base == View() and browser_locale:  # nothing chosen yet in this session: the browser's language
        lang_default = normalise_language(browser_locale) or DEFAULT_LANGUAGE
    lang = take("lang", normalise_language, lang_default)
    known = {*indicators, C.HEADLINE}  # the catalog's indicators and the network's headline measure
    indicator = take("indicator", lambda v: v if INDICATOR_ID.match(v) and v in known else None, s.indicator)
    baseline = take("baseline", _parse_baseline, ("keep",))
    baseline_year = s.baseline_year if baseline == ("keep",) else (None if baseline == "city" else baseline)
    target = take("target", lambda v: int(v) if v.isdigit() and int(v) in TARGET_YEARS else None, s.target_year)
    reduction = take("reduction", _parse_reduction, s.reduction)
    smoothing = take("smoothing", lambda v: v if v in C.SMOOTHING_CHOICES else None, s.smoothing)
    path = take("path", lambda v: v if v in C.PATH_CHOICES else None, s.path)
    city = take("city", lambda v: v if SLUG.match(v) and v in city_ids else None, base.city)
    cities = take("cities", lambda v: _parse_cities(v, city_ids), base.cities)
    raw_cities = _first(params.get("cities"))
    if raw_cities and "cities" not in rejected and len(cities) != len([c for c in raw_cities.split(",") if c]):
        rejected.append("cities")  # some names were dropped
    if baseline_year is not None and baseline_year >= target:
        rejected.append("baseline")
        baseline_year = None
    release = take("release", parse_release, base.release)
    settings = Settings(indicator=indicator, target_year=target, reduction=reduction,
                        baseline_year=baseline_year, smoothing=smoothing, path=path)
    return View(lang=lang, settings=settings, city=city, cities=cities, release=release, rejected=tuple(rejected))


def parse_release(value: str) -> int | None:
    """A release number from a link: a whole number from 1 on; anything else is not understood."""
    return int(value) if value.isdigit() and 1 <= int(value) < RELEASE_MAX else None


def requested_release(params: dict, base: View | None) -> int | None:
    """The release a URL (or else the session's view) asks for, before the data is read; None: the latest."""
    raw = _first(params.get("release"))
    if raw:
        return parse_release(raw)
    return base.release if base is not None else None


def _parse_baseline(value: str):
    if value == "city":
        return "city"
    if value.isdigit() and int(value) in BASELINE_YEARS:
        return int(value)
    return None


def _parse_reduction(value: str) -> float | None:
    number = float(value)
    if not (C.REDUCTION_MIN - 1e-9 <= number <= C.REDUCTION_MAX + 1e-9):
        return None
    return round(number, 2)


def _parse_cities(value: str, city_ids: set[str]) -> tuple[str, ...] | None:
    chosen = [c for c in value.split(",")[:MAX_CITIES] if c]
    if not chosen or any(not SLUG.match(c) or c not in city_ids for c in chosen):
        known = tuple(dict.fromkeys(c for c in chosen if SLUG.match(c) and c in city_ids))
        return known or None
    return tuple(dict.fromkeys(chosen))


__all__ = ["View", "parse_view", "SHARED_KEYS", "VIEW_KEY", "LANGUAGES", "TARGET_YEARS", "BASELINE_YEARS"]
