"""Monthly rows (data contract v2): parted from the yearly ones; an upload's `date` (YYYY-MM) read as year and month.

docs: shared/spec/data-format.md ("Months") and methodology.md ("Months and the year so far").
"""

from __future__ import annotations

import pandas as pd

from pioc_metrics.data.checks import parse_numbers, row_number, text_column
from pioc_metrics.data.dataset import MONTHLY_COLUMNS, empty_monthly
from pioc_metrics.data.problems import Problem
from pioc_metrics.data.reading import ROW

# 2026-03; a spreadsheet stores a typed month as its first day (2026-03-01); a bare year is a yearly row.
DATE_PATTERN = r"^(\d{4})(?:[-/](\d{1,2})(?:[-/]0?1)?)?$"
INTERNAL = ("derived", "population_carried")  # yearly columns a month never has


def split_months(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(yearly rows without a month column, monthly rows in MONTHLY_COLUMNS) of validated indicator rows."""
    if "month" not in rows.columns:
        return rows, empty_monthly()
    month = pd.to_numeric(rows["month"].astype(object).where(rows["month"].notna(), None), errors="coerce")
    is_month = month.notna().to_numpy()
    yearly = rows.loc[~is_month].drop(columns="month").reset_index(drop=True)
    monthly = rows.loc[is_month].drop(columns=[c for c in INTERNAL if c in rows.columns])
    if monthly.empty:
        return yearly, empty_monthly()
    monthly = monthly.assign(month=month.loc[is_month].astype("int64"), year=monthly["year"].astype("int64"),
                             value=monthly["value"].astype("float64"))
    for name in MONTHLY_COLUMNS:
        if name not in monthly.columns:
            monthly[name] = "shipped" if name == "origin" else ""
    ordered = list(MONTHLY_COLUMNS) + [c for c in monthly.columns if c not in MONTHLY_COLUMNS]
    monthly = monthly[ordered].sort_values(["city_id", "indicator", "series", "year", "month"], kind="stable")
    return yearly, monthly.reset_index(drop=True)


def dates_as_months(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """An upload's frame with its `date` column (YYYY-MM) read into `year` and `month`; each row whose date is not a
    month, or says another year or month than its own cells, is reported and left out."""
    if "date" not in frame.columns:
        return frame, []
    date = text_column(frame, "date")
    parts = date.str.extract(DATE_PATTERN)
    date_year = parse_numbers(parts[0].fillna("").astype(str))
    date_month = parse_numbers(parts[1].fillna("").astype(str))
    given = date != ""
    invalid = given & (date_year.isna() | (parts[1].notna() & ~date_month.between(1, 12)))
    year, month = text_column(frame, "year"), text_column(frame, "month")
    clash = given & ~invalid & (
        ((year != "") & (parse_numbers(year) != date_year))
        | ((month != "") & (parse_numbers(month) != date_month.fillna(-1))))
    rows = frame[ROW] if ROW in frame.columns else pd.Series(range(2, len(frame) + 2), index=frame.index)
    problems = [Problem(file, row_number(row), "date", code, params={"value": value, "column": "date"})
                for mask, code in ((invalid, "invalid_date"), (clash, "date_conflict"))
                for row, value in zip(rows.loc[mask], date.loc[mask])]
    as_text = lambda numbers: numbers.astype("Int64").astype(str).where(numbers.notna(), "")  # noqa: E731
    frame = frame.assign(year=year.where(year != "", as_text(date_year)),
                         month=month.where(month != "", as_text(date_month)))
    return frame.loc[~(invalid | clash)].drop(columns="date").reset_index(drop=True), problems
