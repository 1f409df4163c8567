"""Row checks shared by every validator: column and value parsing, year and value rules, duplicates.

Vectorised: each rule is a mask over the whole frame first; Problems are made for the bad
rows only. A Checker collects them with the rows rejected (errors) and skipped (warnings).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.problems import ERROR, WARNING, Problem
from pioc_metrics.data.reading import ROW

COMBINING_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"


class Checker:
    """Collects problems for a frame and the set of rejected rows."""

    def __init__(self, frame: pd.DataFrame, file: str):
        self.frame = frame
        self.file = file
        self.problems: list[Problem] = []
        self.rejected = pd.Series(False, index=frame.index)
        self.skipped = pd.Series(False, index=frame.index)

    def flag(self, mask: pd.Series, column: str | pd.Series, code: str, severity: str = ERROR,
             value_column: str | None = None, **params) -> None:
        """Reports every row of `mask`; errors reject the row, warnings leave it to the caller."""
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        bad = self.frame.loc[mask]
        rows = bad[ROW].tolist() if ROW in bad else [None] * len(bad)
        columns = column.loc[mask].tolist() if isinstance(column, pd.Series) else [column] * len(bad)
        source_column = value_column or (column if isinstance(column, str) else None)
        if source_column is not None and source_column in bad:
            values = bad[source_column].astype(object).tolist()
        else:
            values = [None] * len(bad)
        self.problems.extend(
            Problem(self.file, row_number(row), col, code, severity,
                    params={**params, "value": _as_text(value), "column": col})
            for row, col, value in zip(rows, columns, values)
        )
        if severity == ERROR:
            self.rejected |= mask

    def missing_columns(self, required) -> bool:
        """Reports required columns that are absent; True when any is."""
        missing = [name for name in required if name not in self.frame.columns]
        for name in missing:
            self.problems.append(Problem(self.file, None, name, "missing_column", params={"column": name}))
        return bool(missing)


def row_number(row) -> int | None:
    """A spreadsheet row number as an int; None when the row is not known."""
    return None if row is None or pd.isna(row) else int(row)


def _as_text(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def text_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped strings ('' when absent or missing)."""
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(str).fillna("").str.strip()


def parse_numbers(text: pd.Series, decimal_comma: bool = False) -> pd.Series:
    """Parsed floats; NaN where the text is not a finite number (or empty)."""
    if decimal_comma:
        has_comma = text.str.contains(",", regex=False) & ~text.str.contains(".", regex=False)
        text = text.where(~has_comma, text.str.replace(",", ".", regex=False))
    parsed = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    return parsed.where(np.isfinite(parsed))


def parse_years(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(year as float, invalid mask): integer years within the contract's range; '2019.0' is fine."""
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    parsed = pd.Series(parse_numbers(pd.Series(uniques, dtype=text.dtype)).to_numpy()[codes], index=text.index)
    valid = parsed.notna() & (parsed == np.floor(parsed)) & parsed.between(C.YEAR_MIN, C.YEAR_MAX)
    return parsed.where(valid), (text != "") & ~valid


def fold_names(text: pd.Series) -> pd.Series:
    """Names compared accent- and case-insensitively, whitespace collapsed: 'São  Paulo' ~ 'sao paulo'."""
    unaccented = text.astype(str).str.normalize("NFKD").str.replace(COMBINING_MARKS, "", regex=True)
    return unaccented.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


def city_slugs(names: pd.Series) -> pd.Series:
    """City names as city_id slugs: 'Godoy Cruz' -> 'godoy-cruz'."""
    slugs = fold_names(names).str.replace(r"[^a-z0-9]+", "-", regex=True).str.strip("-")
    return slugs.where(slugs != "", "city")


def extra_columns(frame: pd.DataFrame, known) -> list[str]:
    """Columns beyond `known` that a file brought along; kept as text after the contract's columns."""
    return [c for c in frame.columns if c not in known and c != ROW and not str(c).startswith("_")]


def check_year(checker: Checker, text: pd.Series) -> pd.Series:
    """The `year` column as floats; an empty or impossible year rejects its row."""
    years, invalid = parse_years(text)
    checker.flag(text == "", "year", "missing_value")
    checker.flag(invalid, "year", "invalid_year", min=C.YEAR_MIN, max=C.YEAR_MAX)
    return years


def check_month(checker: Checker, text: pd.Series) -> pd.Series:
    """The optional `month` column as floats: NaN for a yearly row (empty cell); anything but 1-12 rejects its row."""
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    parsed = pd.Series(parse_numbers(pd.Series(uniques, dtype=text.dtype)).to_numpy()[codes], index=text.index)
    valid = parsed.notna() & (parsed == np.floor(parsed)) & parsed.between(1, 12)
    checker.flag((text != "") & ~valid, "month", "invalid_month")
    return parsed.where(valid)


def period_text(years: pd.Series, months: pd.Series) -> pd.Series:
    """'2019' for a yearly row, '2019-03' for a monthly one: how a row's time is named in a problem."""
    year_text = years.astype("Int64").astype(str)
    month_text = months.astype("Int64").astype(str).str.zfill(2)
    return year_text.where(months.isna(), year_text + "-" + month_text).astype(object)


def check_values(checker: Checker, text: pd.Series, column: str | pd.Series,
                 decimal_comma: bool = False) -> pd.Series:
    """The `value` column as floats: an empty cell skips its row (warning); text or a negative rejects it.

    `column` is the column each problem names (a wide sheet's indicator column, else "value").
    """
    values = parse_numbers(text, decimal_comma)
    empty = text == ""
    checker.flag(empty & ~checker.rejected, column, "empty_value", WARNING, value_column="value")
    checker.skipped |= empty
    checker.flag(~empty & values.isna(), column, "invalid_number", value_column="value")
    checker.flag(values < 0, column, "negative_value", value_column="value")
    return values


def _group_codes(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One integer per distinct combination of `keys` (missing values form their own group)."""
    combined = np.zeros(len(frame), dtype="int64")
    for key in keys:
        codes, uniques = pd.factorize(frame[key], use_na_sentinel=False)
        combined, _ = pd.factorize(combined * len(uniques) + codes)
    return combined.astype("int64", copy=False)


def check_duplicates(checker: Checker, keys: list[str], valid: pd.Series, value: pd.Series) -> None:
    """Same key and value: later rows dropped (warning). Same key, other value: all rejected (error)."""
    frame = checker.frame
    candidates = frame.loc[valid, keys]
    if candidates.empty:
        return
    codes = _group_codes(candidates, keys)
    group = pd.Series(codes, index=candidates.index)
    values = value.loc[valid].round(12)
    rows = frame.loc[valid, ROW] if ROW in frame else pd.Series(candidates.index + 2, index=candidates.index)
    repeated = pd.Series(np.bincount(codes)[codes] > 1, index=candidates.index)
    if not repeated.any():
        return
    # Only keys that occur more than once need their values compared.
    group, values, rows = group.loc[repeated], values.loc[repeated], rows.loc[repeated]
    distinct = values.groupby(group, sort=False).transform("nunique")
    conflicting = distinct > 1
    rows_text = pd.Series("", index=group.index, dtype=object)
    if conflicting.any():
        joined = rows.loc[conflicting].groupby(group.loc[conflicting], sort=False).transform(
            lambda numbers: ", ".join(str(int(r)) for r in numbers))
        rows_text.loc[joined.index] = joined
    same = (distinct == 1) & group.duplicated(keep="first")
    first_row = rows.groupby(group, sort=False).transform("first")
    value_columns = frame["_column"] if "_column" in frame else pd.Series("value", index=frame.index)
    for mask, code, severity, extra in (
        (conflicting, "conflicting_duplicate", ERROR, rows_text),
        (same, "duplicate_row", WARNING, first_row.astype("int64").astype(str)),
    ):
        if not mask.any():
            continue
        index = mask[mask].index
        flagged = candidates.loc[index]
        parts = [flagged[k].astype("Int64").astype(str) if pd.api.types.is_float_dtype(flagged[k])
                 else flagged[k].astype(str) for k in keys]
        key_text = parts[0].str.cat(parts[1:], sep=" / ")
        checker.problems.extend(
            Problem(checker.file, row_number(rows.at[i]), value_columns.at[i], code, severity,
                    params={"key": key_text.at[i], "rows": extra.at[i], "value": _as_text(frame.at[i, "value"]
                            if "value" in frame else "")})
            for i in index
        )
        full = pd.Series(False, index=frame.index)
        full.loc[index] = True
        if severity == ERROR:
            checker.rejected |= full
        else:
            checker.skipped |= full

