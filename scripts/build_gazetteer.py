"""Build data/gazetteer.csv.gz, the offline gazetteer that places new cities of an upload.

Input: GeoNames cities15000 (CC BY 4.0), /work/shared/reference-data/raw/geonames_cities15000.zip
(or a path given as the first argument). Country codes and names (ISO 3166-1 alpha-2 -> alpha-3,
names in English, Spanish and Portuguese) come from Debian's iso-codes package
(/usr/share/iso-codes/json/iso_3166-1.json and its gettext catalogs), present at build time only.

Output columns: geonameid, name, asciiname, altnames (Latin-script alternate names, folded,
'|'-joined), country_code (alpha-2), iso3, country (English), country_names (folded names of the
country in en/es/pt plus its codes, '|'-joined), lat, lon, population.

Run: .venv/bin/python scripts/build_gazetteer.py [path/to/geonames_cities15000.zip]
"""

from __future__ import annotations

import csv
import gettext
import io
import json
import sys
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/work/shared/reference-data/raw/geonames_cities15000.zip")
OUTPUT = ROOT / "data" / "gazetteer.csv.gz"
ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
LOCALE_DIR = Path("/usr/share/locale")
GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
    "feature_code", "country_code", "cc2", "admin1", "admin2", "admin3", "admin4", "population",
    "elevation", "dem", "timezone", "modification_date",
)
MAX_ALTNAMES = 12  # per city: enough for spelling variants, small enough to keep the file at a few MB
MAX_ALTNAME_LENGTH = 40


def fold(text: str) -> str:
    """Accent- and case-insensitive form, as pioc_metrics.data.gazetteer compares names."""
    text = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").replace("'", " ").split())


def latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


def countries() -> pd.DataFrame:
    """alpha-2, alpha-3, English name and folded names in en/es/pt of every ISO 3166-1 country."""
    entries = json.loads(ISO_JSON.read_text(encoding="utf-8"))["3166-1"]
    catalogs = {}
    for lang in ("es", "pt", "pt_BR"):
        try:
            catalogs[lang] = gettext.translation("iso_3166-1", str(LOCALE_DIR), languages=[lang])
        except OSError:
            catalogs[lang] = None
    rows = []
    for entry in entries:
        english = [entry.get(k) for k in ("common_name", "name", "official_name") if entry.get(k)]
        names = list(english)
        for catalog in catalogs.values():
            if catalog is not None:
                names += [catalog.gettext(n) for n in english]
        names += [entry["alpha_2"], entry["alpha_3"]]
        folded = list(dict.fromkeys(fold(n) for n in names if n))
        rows.append({"country_code": entry["alpha_2"], "iso3": entry["alpha_3"],
                     "country": entry.get("common_name") or entry["name"], "country_names": "|".join(folded)})
    return pd.DataFrame(rows)


def altnames(row) -> str:
    own = {fold(row["name"]), fold(row["asciiname"])}
    kept = []
    for name in str(row["alternatenames"] or "").split(","):
        name = name.strip()
        if not name or len(name) > MAX_ALTNAME_LENGTH or not latin(name):
            continue
        key = fold(name)
        if key and key not in own and key not in kept:
            kept.append(key)
    return "|".join(kept[:MAX_ALTNAMES])


def build(source: Path) -> pd.DataFrame:
    with zipfile.ZipFile(source) as archive:
        text = archive.read("cities15000.txt").decode("utf-8")
    frame = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=GEONAMES_COLUMNS, dtype=str,
                        keep_default_na=False, quoting=csv.QUOTE_NONE)
    frame = frame.loc[frame["feature_class"] == "P"].copy()
    frame["altnames"] = frame.apply(altnames, axis=1)
    frame = frame.merge(countries(), on="country_code", how="left")
    frame["iso3"] = frame["iso3"].fillna("")
    frame["country"] = frame["country"].fillna("")
    frame["country_names"] = frame["country_names"].fillna(frame["country_code"].map(fold))
    out = pd.DataFrame({
        "geonameid": frame["geonameid"].astype("int64"),
        "name": frame["name"],
        "asciiname": frame["asciiname"],
        "altnames": frame["altnames"],
        "country_code": frame["country_code"],
        "iso3": frame["iso3"],
        "country": frame["country"],
        "country_names": frame["country_names"],
        "lat": frame["latitude"].astype(float).round(5),
        "lon": frame["longitude"].astype(float).round(5),
        "population": pd.to_numeric(frame["population"], errors="coerce").fillna(0).astype("int64"),
    })
    return out.sort_values(["country_code", "population"], ascending=[True, False]).reset_index(drop=True)


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    table = build(source)
    # mtime=0: the same input gives the same bytes.
    import gzip

    payload = table.to_csv(index=False, lineterminator="\n").encode("utf-8")
    with open(OUTPUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    print(f"{OUTPUT}: {len(table)} places, {OUTPUT.stat().st_size / 1e6:.2f} MB "
          f"({len(payload) / 1e6:.2f} MB unpacked); {(table['iso3'] == '').sum()} without iso3")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
