"""The offline gazetteer: where is a city, given its name and its country?

Built by scripts/build_gazetteer.py from GeoNames cities15000 (CC BY 4.0) into
data/gazetteer.csv.gz; read once per process (it is the same file for every session).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pioc_metrics.paths import data_file

GAZETTEER_PATH = data_file("gazetteer.csv.gz")
SOURCE = "GeoNames cities15000 (CC BY 4.0)"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry chosen for a city name."""

    geonameid: int
    name: str
    country_code: str
    iso3: str
    country: str
    lat: float
    lon: float
    population: int
    matched_on: str  # "name", "asciiname" or "altname"
    candidates: int  # entries of that name in that country (the most populous is chosen)

    @property
    def citation(self) -> str:
        return f"{SOURCE}, geonameid {self.geonameid} '{self.name}' ({self.country_code})"


def fold(text: object) -> str:
    """Accent- and case-insensitive form of a name; hyphens and apostrophes count as spaces."""
    text = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").replace("'", " ").split())


@lru_cache(maxsize=2)
def load_gazetteer(path: Path | str = GAZETTEER_PATH) -> pd.DataFrame:
    """The gazetteer with folded name columns added; an empty frame if the file is missing."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError):
        return pd.DataFrame(columns=["geonameid", "name", "asciiname", "altnames", "country_code", "iso3",
                                     "country", "country_names", "lat", "lon", "population",
                                     "name_key", "ascii_key"])
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce")
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce")
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce").fillna(0).astype("int64")
    frame["name_key"] = frame["name"].map(fold)
    frame["ascii_key"] = frame["asciiname"].map(fold)
    return frame


@lru_cache(maxsize=2)
def _country_lookup(path: Path | str = GAZETTEER_PATH) -> dict[str, str]:
    """Folded country name or code (en/es/pt, alpha-2, alpha-3) -> alpha-2 code."""
    frame = load_gazetteer(path)
    lookup: dict[str, str] = {}
    for code, names in frame[["country_code", "country_names"]].drop_duplicates().itertuples(index=False):
        for name in str(names).split("|"):
            if name:
                lookup.setdefault(name, code)
    return lookup


def country_code(country: object, path: Path | str = GAZETTEER_PATH) -> str | None:
    """The alpha-2 code of a country given by name (English, Spanish, Portuguese) or code."""
    key = fold(country)
    return _country_lookup(path).get(key) if key else None


def country_iso3(country: object, path: Path | str = GAZETTEER_PATH) -> str:
    """The alpha-3 code of a country given by name or code; '' when unknown."""
    code = country_code(country, path)
    if code is None:
        return ""
    frame = load_gazetteer(path)
    match = frame.loc[frame["country_code"] == code, "iso3"]
    return str(match.iloc[0]) if len(match) else ""


def place(city: object, country: object, path: Path | str = GAZETTEER_PATH) -> Place | None:
    """The gazetteer entry for a city in a country: exact name first, then ASCII name, then an
    alternate name; among several, the most populous. None when the country or city is not found."""
    code = country_code(country, path)
    key = fold(city)
    if code is None or not key:
        return None
    frame = load_gazetteer(path)
    in_country = frame.loc[frame["country_code"] == code]
    for matched_on, mask in (
        ("name", in_country["name_key"] == key),
        ("asciiname", in_country["ascii_key"] == key),
        ("altname", in_country["altnames"].str.split("|").map(lambda names: key in names)),
    ):
        found = in_country.loc[mask]
        if len(found):
            best = found.sort_values("population", ascending=False, kind="stable").iloc[0]
            return Place(
                geonameid=int(best["geonameid"]), name=str(best["name"]), country_code=code,
                iso3=str(best["iso3"]), country=str(best["country"]), lat=float(best["lat"]),
                lon=float(best["lon"]), population=int(best["population"]), matched_on=matched_on,
                candidates=len(found),
            )
    return None
