"""Files a user takes away: the data as CSV or Excel, and the template to fill in. Pure.

Every text cell that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or
a carriage return) gets a leading single quote; numbers in numeric columns stay numbers.
"""

from __future__ import annotations

import io

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.coverage import city_rows
from pioc_metrics.engine.progress import PROGRESS_COLUMNS
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The contract's long format, as a download gives it back (an upload of it is accepted as is).
# `month` is empty for a yearly row, 1-12 for a month's count (contract v2).
DOWNLOAD_COLUMNS = ("city_id", "city", "country", "year", "month", "indicator", "value", "series", "source", "note",
                    "derived", "origin")
CITY_COLUMNS = ("city_id", "city", "country", "year", "month", "indicator", "value", "series", "source", "note",
                "derived")
TEMPLATE_COLUMNS = ("city_id", "city", "country", "lat", "lon", "year", "month", "indicator", "value", "series",
                    "source", "note")
TEMPLATE_HELP = tuple(f"data_template_help_{i}" for i in range(1, 8))  # how to fill the template in, in order
EXAMPLE_CITY = "palmira"


def neutralise_cell(value: object) -> object:
    """A text cell safe to open in a spreadsheet; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell neutralised (column names too); numeric columns untouched."""
    safe = frame.copy()
    for name in safe.columns:
        column = safe[name]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            continue
        safe[name] = column.map(neutralise_cell).astype(object)
    safe.columns = [neutralise_cell(str(name)) for name in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so a spreadsheet shows accents right."""
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def excel_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx with one sheet per entry; every cell a value, never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in sheets.items():
        sheet = workbook.create_sheet(_sheet_title(title))
        safe = neutralise(frame)
        sheet.append([str(c) for c in safe.columns])
        for record in safe.itertuples(index=False):
            sheet.append([_excel_value(v) for v in record])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, name in enumerate(safe.columns, start=1):
            width = max([len(str(name))] + [len(str(v)) for v in safe.iloc[:200, index - 1].tolist()])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(c for c in str(title) if c not in '[]:*?/\\')
    return (cleaned or "sheet")[:31]


def _excel_value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()  # numpy scalars -> Python numbers
    return value


# ---------------------------------------------------------------------------
# The data a user filtered
# ---------------------------------------------------------------------------

def download_frame(rows: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """Long rows with their city name and country, in the contract's column names."""
    names = cities[["city_id", "city", "country"]].drop_duplicates("city_id")
    frame = rows.drop(columns=[c for c in ("city", "country") if c in rows.columns]).merge(
        names, on="city_id", how="left")
    for name in DOWNLOAD_COLUMNS:
        if name not in frame.columns:
            frame[name] = ""
    frame = frame[list(DOWNLOAD_COLUMNS)].copy()
    frame["month"] = _month_cells(frame["month"])
    frame["city"] = frame["city"].fillna("")
    frame["country"] = frame["country"].fillna("")
    return frame.reset_index(drop=True)


def _month_cells(months: pd.Series) -> pd.Series:
    """Whole month numbers, empty for a yearly row (never 3.0 or NaN in the file)."""
    numbers = pd.to_numeric(months, errors="coerce")
    return numbers.astype("Int64").astype(object).where(numbers.notna(), "")


def data_excel(rows: pd.DataFrame, data: Dataset) -> bytes:
    """The filtered rows and the indicator catalog, as an Excel workbook."""
    return excel_bytes({"data": download_frame(rows, data.cities), "indicators": data.catalog})


def city_csv(data: Dataset, city_id: str) -> bytes:
    """Every indicator row of one city (all series, sources in full; its monthly rows after the yearly ones), its
    name and country beside its id."""
    months = data.monthly.loc[data.monthly["city_id"] == city_id].assign(derived=False)
    yearly = city_rows(data, city_id)
    rows = download_frame(pd.concat([yearly, months], ignore_index=True) if len(months) else yearly, data.cities)
    return csv_bytes(rows[[c for c in CITY_COLUMNS if c in rows]])


# ---------------------------------------------------------------------------
# The progress table, as computed
# ---------------------------------------------------------------------------

def progress_frame(table: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """Every column of the progress table, one row per city, with its name and country beside its id:
    the command line's columns first, then the rest in the table's order."""
    frame = table.reset_index(drop=True)
    frame = frame.drop(columns=[c for c in ("city", "country") if c in frame.columns])
    frame = frame.merge(data.cities[["city_id", "city", "country"]].drop_duplicates("city_id"), on="city_id",
                        how="left")
    first = ["city_id", "city", "country", *(c for c in PROGRESS_COLUMNS if c != "city_id")]
    order = [c for c in first if c in frame.columns] + [c for c in table.columns if c not in first]
    frame = frame[order]
    frame[["city", "country"]] = frame[["city", "country"]].fillna("")
    return frame


def about_frame(settings: Settings, lang: str, data_identity: str, made: str) -> pd.DataFrame:
    """What a progress table was computed from: the settings (in words, then one by one as the links and the
    command line take them), the data, the date and the methodology's version."""
    baseline = t("baseline_each_city", lang) if settings.baseline_year is None else str(settings.baseline_year)
    rows = [
        ("settings", F.settings_line(settings, lang)),
        ("indicator", settings.indicator),
        ("baseline", baseline),
        ("target_year", settings.target_year),
        ("reduction", settings.reduction),
        ("smoothing", settings.smoothing),
        ("path", settings.path),
        ("data", data_identity),
        ("made", made),
        ("methodology", t("progress_about_methodology_value", lang, version=C.METHODOLOGY_VERSION)),
        ("sources", t("progress_about_sources_value", lang)),
    ]
    return pd.DataFrame({"item": [key for key, _ in rows],
                         "label": [t(f"progress_about_{key}", lang) for key, _ in rows],
                         "value": [str(value) for _, value in rows]})


def data_identity(data_key: str, lang: str, upload_name: str | None = None) -> str:
    """'the dashboard's shipped data (fingerprint 1a2b...)' or 'your upload, x.csv (content 9f8e...)'."""
    if upload_name is None:
        return t("progress_data_shipped", lang, key=data_key.removeprefix("shipped-"))
    return t("progress_data_upload", lang, name=upload_name, key=data_key[:12])


def progress_csv(table: pd.DataFrame, data: Dataset) -> bytes:
    """The progress table alone (it parses anywhere); its settings go in the file's name."""
    return csv_bytes(progress_frame(table, data))


def progress_excel(table: pd.DataFrame, data: Dataset, about: pd.DataFrame) -> bytes:
    """The progress table and an 'about' sheet saying what it was computed from."""
    return excel_bytes({"progress": progress_frame(table, data), "about": about})


def progress_file_stem(settings: Settings, made: str) -> str:
    """'pioc-progress_headline_base-own_2030_50pc_none_geometric_2025-06-01': the settings in the name."""
    baseline = "own" if settings.baseline_year is None else str(settings.baseline_year)
    reduction = f"{round(settings.reduction * 100):d}pc"
    parts = ("pioc-progress", settings.indicator, f"base-{baseline}", str(settings.target_year), reduction,
             settings.smoothing, settings.path, made)
    return "_".join(parts)


# ---------------------------------------------------------------------------
# The template
# ---------------------------------------------------------------------------

def example_row(data: Dataset, lang: str) -> dict:
    """A real shipped row (a city's main-series homicide rate) to show the format, marked as an example."""
    rows = data.indicators.loc[~data.indicators["derived"].astype(bool)
                               & (data.indicators["series"] == C.MAIN_SERIES)]
    preferred = rows.loc[(rows["city_id"] == EXAMPLE_CITY) & (rows["indicator"] == C.DEFAULT_INDICATOR)]
    preferred = preferred.loc[preferred["year"] == C.DEFAULT_BASELINE_YEAR] if (
        preferred["year"] == C.DEFAULT_BASELINE_YEAR).any() else preferred
    row = (preferred if len(preferred) else rows).iloc[0] if len(rows) else None
    if row is None:
        return dict.fromkeys(TEMPLATE_COLUMNS, "") | {"note": t("data_template_example_note", lang)}
    city = data.cities.loc[data.cities["city_id"] == row["city_id"]]
    city = city.iloc[0] if len(city) else None
    return {
        "city_id": row["city_id"],
        "city": "" if city is None else city["city"],
        "country": "" if city is None else city["country"],
        "lat": None if city is None else float(city["lat"]),
        "lon": None if city is None else float(city["lon"]),
        "year": int(row["year"]),
        "month": None,
        "indicator": row["indicator"],
        "value": float(row["value"]),
        "series": row["series"],
        "source": row["source"],
        "note": t("data_template_example_note", lang),
    }


def template_frame(data: Dataset, lang: str) -> pd.DataFrame:
    """The long format's columns with one example row."""
    return pd.DataFrame([example_row(data, lang)], columns=list(TEMPLATE_COLUMNS))


def template_csv(data: Dataset, lang: str) -> bytes:
    return csv_bytes(template_frame(data, lang))


def template_excel(data: Dataset, lang: str) -> bytes:
    """Sheet 1: the rows to fill in (with the example); then the indicator ids, the known cities
    and how to fill it in, in the user's language."""
    catalog = data.catalog.copy()
    label = f"label_{lang}" if f"label_{lang}" in catalog.columns else "label_en"
    indicators = catalog[["indicator", label, "unit", "kind", "description"]].rename(columns={label: "label"})
    cities = data.cities[["city_id", "city", "country", "iso3"]]
    instructions = pd.DataFrame({"instructions": [t(key, lang) for key in TEMPLATE_HELP]})
    return excel_bytes({"data": template_frame(data, lang), "indicators": indicators, "cities": cities,
                        "instructions": instructions})
