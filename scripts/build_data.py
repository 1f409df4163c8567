"""Build the dashboard's data/ from the reference data (../shared/reference-data), figures and sources as given.

data/indicators.csv: the reference yearly rows (indicators.csv, `month` left empty) and the monthly rows
(indicators_monthly.csv), every cell's text exactly as the reference gives it, each city's rows together
(yearly first, then monthly, in the reference's order). cities.csv, national.csv and countries.geojson are
copied byte for byte. Nothing from reference-data/raw/ is copied. The same input always gives the same files.

Run: .venv/bin/python scripts/build_data.py [path/to/reference-data]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference-data"
OUTPUT = ROOT / "data"
INDICATOR_COLUMNS = ("city_id", "year", "month", "indicator", "value", "series", "source", "note")
COPIED = ("cities.csv", "national.csv", "countries.geojson")


def reference_table(path: Path) -> pd.DataFrame:
    """A reference CSV as text, every cell exactly as written (no number parsing, empty cells empty)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")


def indicator_rows(reference: Path) -> pd.DataFrame:
    """Yearly and monthly rows in the contract's v2 columns, grouped by city."""
    yearly = reference_table(reference / "indicators.csv").assign(month="")
    monthly = reference_table(reference / "indicators_monthly.csv")
    for frame, name in ((yearly, "indicators.csv"), (monthly, "indicators_monthly.csv")):
        missing = set(INDICATOR_COLUMNS) - set(frame.columns)
        if missing:
            raise SystemExit(f"{name} lacks the columns {sorted(missing)}")
        if (frame["source"].str.strip() == "").any():
            raise SystemExit(f"{name} has rows without a source")
    rows = pd.concat([yearly[list(INDICATOR_COLUMNS)], monthly[list(INDICATOR_COLUMNS)]], ignore_index=True)
    return rows.sort_values("city_id", kind="stable").reset_index(drop=True)


def build(reference: Path, output: Path) -> list[str]:
    """Write data/ from `reference`; the names of the files written."""
    written = []
    rows = indicator_rows(reference)
    target = output / "indicators.csv"
    text = rows.to_csv(index=False, lineterminator="\n")
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
        written.append(target.name)
    for name in COPIED:
        source, target = reference / name, output / name
        if not target.exists() or source.read_bytes() != target.read_bytes():
            shutil.copyfile(source, target)
            written.append(name)
    return written


if __name__ == "__main__":
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REFERENCE
    changed = build(reference, OUTPUT)
    print("written: " + (", ".join(changed) if changed else "nothing (data/ is up to date)"))
