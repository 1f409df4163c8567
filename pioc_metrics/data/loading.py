"""Reading and validating the data files of the contract (docs: shared/spec/data-format.md).

Every function here returns problems as values (pioc_metrics.data.problems.Problem) and never
raises on the content of a file: one bad row never hides the good ones.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import CITY_COLUMNS, INDICATOR_COLUMNS, Dataset
from pioc_metrics.data.derive import with_derived_rates
from pioc_metrics.text.i18n import t
from pioc_metrics.paths import SHIPPED_DIR as SHIPPED_DATA
from pioc_metrics.data.problems import ERROR, WARNING, Problem

ROW = "_row"  # spreadsheet row number of each record (header = 1)

# Zip bomb guards for .xlsx (and byte guards for .parquet).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100

TEXT_EXTENSIONS = {"", ".csv", ".txt", ".tsv"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
PARQUET_EXTENSIONS = {".parquet", ".pq"}
TABLE_EXTENSIONS = (".csv", ".xlsx", ".parquet")

ZIP_MAGIC = b"PK\x03\x04"
PARQUET_MAGIC = b"PAR1"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls / .doc
UTF8_BOM = b"\xef\xbb\xbf"

SLUG = r"[a-z0-9-]+"
COMBINING_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
INDICATOR_ID = r"[a-z0-9_]+"
LAYOUT_COLUMNS = {"city_id", "city", "country", "lat", "lon", "iso3", "year", "source", "series", "note", "origin"}
CATALOG_COLUMNS = ("indicator", "label_en", "label_es", "label_pt", "unit", "kind", "better", "sdg", "description")
NATIONAL_COLUMNS = ("iso3", "country", "year", "indicator", "value", "source")
INDICATOR_KINDS = ("rate", "count", "share")
BETTER_CHOICES = ("lower", "higher", "")


# ---------------------------------------------------------------------------
# Reading bytes into a frame of strings
# ---------------------------------------------------------------------------

def read_table(content: bytes, filename: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A frame of stripped strings with a `_row` column, or None when nothing can be read."""
    file = str(filename)
    try:
        return _read_table(bytes(content), file)
    except Exception as error:  # noqa: BLE001 - the last guard: content never raises
        return None, [Problem(file, None, None, "unreadable", params={"detail": _short(error)})]


def _read_table(content: bytes, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    if not content.strip():
        return None, [Problem(file, None, None, "empty_file")]
    extension = Path(file).suffix.lower()
    delimiter = None
    if content.startswith(ZIP_MAGIC):
        records, problems = _xlsx_records(content, file)
    elif content.startswith(PARQUET_MAGIC):
        return _parquet_frame(content, file)
    elif content.startswith(OLE_MAGIC):
        return None, [Problem(file, None, None, "unsupported_format", params={"extension": extension or "?"})]
    elif extension in XLSX_EXTENSIONS | PARQUET_EXTENSIONS:
        return None, [Problem(file, None, None, "corrupt_file", params={"format": extension.lstrip(".")})]
    elif extension in TEXT_EXTENSIONS:
        text, problems = _decode_text(content, file)
        delimiter = _sniff_delimiter(text)
        fast = _csv_fast_frame(text, delimiter, file)
        if fast is not None:
            frame, more = fast
            if frame is not None and delimiter == ";":
                frame.attrs["decimal_comma"] = True
            return frame, problems + more
        records, more = _csv_records(text, delimiter, file)
        problems = problems + more
    else:
        return None, [Problem(file, None, None, "unsupported_format", params={"extension": extension})]
    if records is None:
        return None, problems
    frame, more = _frame_from_records(records, file)
    if frame is not None and delimiter == ";":
        frame.attrs["decimal_comma"] = True  # Spanish/Portuguese Excel: "12,5" in a ;-separated file
    return frame, problems + more


def _decode_text(content: bytes, file: str) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        text = content.decode("utf-16", errors="replace")
    else:
        if content.startswith(UTF8_BOM):
            content = content[len(UTF8_BOM):]
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as error:
            try:
                text, encoding = content.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = content.decode("latin-1"), "latin-1"
            problems.append(Problem(file, None, None, "encoding", WARNING,
                                    params={"encoding": encoding, "position": error.start}))
    return text.replace("\x00", ""), problems


def _csv_records(text: str, delimiter: str, file: str) -> tuple[list[list[str]] | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        return None, [Problem(file, None, None, "unreadable", params={"detail": _short(error)})]
    return records, []


def _csv_fast_frame(text: str, delimiter: str, file: str) -> tuple[pd.DataFrame | None, list[Problem]] | None:
    """The frame of a clean CSV through pandas' C reader, or None when only csv.reader keeps exact rows.

    Exact means: every line is one record (no blank lines, no line breaks inside quoted cells,
    no lone carriage returns), no row is longer than the first, and the first line is the header.
    """
    body = text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    if not body or ("\r" in body and body.count("\r") != body.count("\r\n")):
        return None
    try:
        table = pd.read_csv(io.StringIO(body), sep=delimiter, header=None, dtype=str, keep_default_na=False,
                            na_filter=False, engine="c", skip_blank_lines=True, quotechar='"',
                            doublequote=True, escapechar=None, comment=None, skipinitialspace=False)
    except Exception:  # noqa: BLE001 - ragged or oddly quoted: the csv.reader path reports it row by row
        return None
    # As many records as lines and no cell holding a line break: no line was skipped (blank lines,
    # which csv.reader keeps as records) and no record spans lines, so row numbers stay exact.
    if len(table) != body.count("\n") + 1 or len(table) == 0:
        return None
    if '"' in body and any(table[label].str.contains("\n", regex=False).any() for label in table.columns):
        return None
    if len(body) >= csv.field_size_limit() and any(  # csv.reader refuses such a file as unreadable
            (table[label].str.len().max() or 0) >= csv.field_size_limit() for label in table.columns):
        return None
    names = [str(value) for value in table.iloc[0].tolist()]
    if not any(name.strip() for name in names):
        return None
    columns = [table[label].iloc[1:].reset_index(drop=True) for label in table.columns]
    return _frame_from_columns(names, columns, 0, file)


def _sniff_delimiter(text: str) -> str:
    """The delimiter used most often outside quotes in the first non-empty line."""
    header = ""
    for size in (1 << 16, len(text)):  # the first lines first: splitting a large file whole is slow
        lines = text[:size].splitlines()
        found = next((i for i, line in enumerate(lines) if line.strip()), None)
        if found is not None and (found < len(lines) - 1 or size >= len(text)):
            header = lines[found]
            break
        if size >= len(text):
            break
    header = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _xlsx_records(content: bytes, file: str) -> tuple[list[list[str]] | None, list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        return None, [Problem(file, None, None, "corrupt_file", params={"format": "xlsx", "detail": _short(error)})]
    uncompressed = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    if uncompressed > MAX_UNCOMPRESSED_BYTES or uncompressed > MAX_COMPRESSION_RATIO * max(compressed, 1):
        return None, [Problem(file, None, None, "file_too_large",
                              params={"megabytes": round(uncompressed / 1024 / 1024, 1)})]
    if "xl/workbook.xml" not in archive.namelist():
        return None, [Problem(file, None, None, "corrupt_file", params={"format": "xlsx", "detail": "no workbook"})]
    import openpyxl  # imported here: the CSV path should not pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                records = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
                if any(any(cell for cell in record) for record in records):
                    return records, []
        finally:
            workbook.close()
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        return None, [Problem(file, None, None, "corrupt_file", params={"format": "xlsx", "detail": _short(error)})]
    return None, [Problem(file, None, None, "empty_file")]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def _parquet_frame(content: bytes, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(content))
        metadata = parquet.metadata
        declared = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
        if declared > MAX_UNCOMPRESSED_BYTES:
            return None, [Problem(file, None, None, "file_too_large",
                                  params={"megabytes": round(declared / 1024 / 1024, 1)})]
        table = parquet.read()
    except Exception as error:  # noqa: BLE001 - pyarrow raises many kinds on a broken file
        return None, [Problem(file, None, None, "corrupt_file", params={"format": "parquet", "detail": _short(error)})]
    problems: list[Problem] = []
    names: list[str] = []
    columns: list[pd.Series] = []
    for name, column in zip(table.column_names, table.columns):
        name = str(name)
        try:
            if pa.types.is_dictionary(column.type):
                column = column.cast(column.type.value_type)
            if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
                values = pd.Series([b.decode("utf-8", "replace") if b is not None else "" for b in column.to_pylist()],
                                   dtype="str")
            else:
                values = pd.Series(pc.cast(column, pa.string()).fill_null(""), dtype="str")
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, TypeError, ValueError):
            values = pd.Series(["" if v is None else str(v) for v in column.to_pylist()], dtype="str")
            problems.append(Problem(file, None, name, "column_stringified", WARNING, params={"type": str(column.type)}))
        names.append(name)
        columns.append(values.fillna(""))
    if not names:
        frame, more = _frame_from_records([], file)
    elif not any(name.strip() for name in names):  # the first non-blank row becomes the header
        records = [names] + [list(row) for row in zip(*(c.tolist() for c in columns))]
        frame, more = _frame_from_records(records, file)
    else:
        frame, more = _frame_from_columns(names, columns, 0, file)
    return frame, problems + more


def _frame_from_records(records: list[list[str]], file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Header and rows -> frame of stripped strings; record i is spreadsheet row i + 1."""
    problems: list[Problem] = []
    start = next((i for i, record in enumerate(records) if any(str(c).strip() for c in record)), None)
    if start is None:
        return None, [Problem(file, None, None, "empty_file")]
    header = [_column_name(name) for name in records[start]]
    body = records[start + 1:]
    width = len(header)
    # Cells beyond the header: harmless when empty (trailing delimiters), reported otherwise.
    for offset, record in enumerate(body):
        if len(record) > width and any(str(c).strip() for c in record[width:]):
            problems.append(Problem(file, start + offset + 2, None, "extra_cells", WARNING,
                                    params={"count": len(record) - width}))
    padded = [list(record[:width]) + [""] * (width - len(record)) for record in body]
    columns = [pd.Series([str(record[i]) for record in padded], dtype="str") for i in range(width)]
    frame, more = _frame_from_columns(records[start], columns, start, file)
    return frame, problems + more


def _frame_from_columns(names: list, columns: list[pd.Series], start: int,
                        file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Header cells and equally long columns of strings -> frame of stripped NFC strings with `_row`.

    The header is spreadsheet row start + 1. Each column's distinct values are cleaned once.
    """
    problems: list[Problem] = []
    header = [_column_name(name) for name in names]
    cleaned: dict[int, tuple[np.ndarray, pd.Series, pd.Series]] = {}
    keep: list[int] = []
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        codes, uniques = pd.factorize(columns[index])
        cleaned[index] = (codes, pd.Series(uniques, dtype="str"))
        if name == "" or name == ROW:
            if any(str(value).strip() for value in uniques.tolist()):
                name = f"column_{index + 1}"
                header[index] = name
            else:
                continue
        if name in seen:
            problems.append(Problem(file, start + 1, name, "duplicate_column", WARNING,
                                    params={"column": name, "position": index + 1}))
            continue
        seen[name] = index
        keep.append(index)
    if not keep:
        return None, problems + [Problem(file, None, None, "empty_file")]
    length = len(columns[0]) if columns else 0
    data: dict[str, pd.Series] = {}
    filled = np.zeros(length, dtype=bool)
    for index in keep:
        codes, uniques = cleaned[index]
        text = _clean_uniques(uniques)
        if not length:
            data[header[index]] = pd.Series(dtype="str")
        elif text.equals(uniques) and columns[index].dtype == "str":
            data[header[index]] = columns[index].reset_index(drop=True)
        else:
            data[header[index]] = pd.Series(text.array.take(codes), dtype="str")
        if length:
            filled |= (text != "").to_numpy(dtype=bool)[codes]
    frame = pd.DataFrame(data)
    frame[ROW] = np.arange(start + 2, start + 2 + len(frame), dtype="int64")
    if not filled.all():
        frame = frame.loc[filled].reset_index(drop=True)
    if frame.empty:
        problems.append(Problem(file, None, None, "no_rows"))
    return frame, problems


def _clean_uniques(uniques: pd.Series) -> pd.Series:
    """Stripped and NFC-normalised (macOS writes accents as NFD); ASCII text is already NFC."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = uniques.astype(str).str.strip()
    if len(text):
        ascii_only = np.asarray(pc.string_is_ascii(pa.array(text.array, type=pa.string())), dtype=bool)
        if not ascii_only.all():
            text = text.where(ascii_only, text.str.normalize("NFC"))
    return text


def _column_name(name: object) -> str:
    return unicodedata.normalize("NFC", str(name)).replace("\ufeff", "").strip().lower()


def _short(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 200 else text[:197] + "..."


# ---------------------------------------------------------------------------
# Shared row checks (vectorised: masks first, Problems for bad rows only)
# ---------------------------------------------------------------------------

class _Checker:
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
            Problem(self.file, _as_row(row), col, code, severity,
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


def _as_row(row) -> int | None:
    return None if row is None or pd.isna(row) else int(row)


def _as_text(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped strings ('' when absent or missing)."""
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(str).fillna("").str.strip()


def _numbers(text: pd.Series, decimal_comma: bool = False) -> pd.Series:
    """Parsed floats; NaN where the text is not a finite number (or empty)."""
    if decimal_comma:
        has_comma = text.str.contains(",", regex=False) & ~text.str.contains(".", regex=False)
        text = text.where(~has_comma, text.str.replace(",", ".", regex=False))
    parsed = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    return parsed.where(np.isfinite(parsed))


def _years(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(year as float, invalid mask): integer years within the contract's range; '2019.0' is fine."""
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    parsed = pd.Series(_numbers(pd.Series(uniques, dtype=text.dtype)).to_numpy()[codes], index=text.index)
    valid = parsed.notna() & (parsed == np.floor(parsed)) & parsed.between(C.YEAR_MIN, C.YEAR_MAX)
    return parsed.where(valid), (text != "") & ~valid


def _fold(text: pd.Series) -> pd.Series:
    """Names compared accent- and case-insensitively, whitespace collapsed: 'São  Paulo' ~ 'sao paulo'."""
    unaccented = text.astype(str).str.normalize("NFKD").str.replace(COMBINING_MARKS, "", regex=True)
    return unaccented.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


def _slugs(names: pd.Series) -> pd.Series:
    """City names as city_id slugs: 'Godoy Cruz' -> 'godoy-cruz'."""
    slugs = _fold(names).str.replace(r"[^a-z0-9]+", "-", regex=True).str.strip("-")
    return slugs.where(slugs != "", "city")


def _extras(frame: pd.DataFrame, known) -> list[str]:
    return [c for c in frame.columns if c not in known and c != ROW and not str(c).startswith("_")]


def _string_column(values: pd.Series) -> pd.Series:
    return values.astype(str).fillna("")


def _group_codes(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One integer per distinct combination of `keys` (missing values form their own group)."""
    combined = np.zeros(len(frame), dtype="int64")
    for key in keys:
        codes, uniques = pd.factorize(frame[key], use_na_sentinel=False)
        combined, _ = pd.factorize(combined * len(uniques) + codes)
    return combined.astype("int64", copy=False)


def _duplicate_checks(checker: _Checker, keys: list[str], valid: pd.Series, value: pd.Series) -> None:
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
            Problem(checker.file, _as_row(rows.at[i]), value_columns.at[i], code, severity,
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


# ---------------------------------------------------------------------------
# cities.csv
# ---------------------------------------------------------------------------

def _with_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with normalised column names and a usable `_row` (position + 2 where missing)."""
    attrs = dict(frame.attrs)
    names = [_column_name(name) for name in frame.columns]
    keep = [i for i, name in enumerate(names) if name not in names[:i]]
    frame = frame.iloc[:, keep].copy()
    frame.columns = [names[i] for i in keep]
    frame = frame.reset_index(drop=True)
    position = pd.Series(np.arange(2, 2 + len(frame), dtype="int64"), index=frame.index)
    if ROW in frame.columns and frame[ROW].dtype == "int64" and bool((frame[ROW].abs() < 2**53).all()):
        pass
    elif ROW in frame.columns:
        given = pd.to_numeric(frame[ROW].astype(object), errors="coerce")
        usable = given.notna() & np.isfinite(given.astype("float64")) & (given == np.floor(given)) & (given.abs() < 2**53)
        frame[ROW] = given.where(usable, position).astype("float64").astype("int64")
    else:
        frame[ROW] = position
    frame.attrs.update(attrs)
    return frame


def _never_raises(empty):
    """Validation returns problems, never exceptions: an unforeseen error becomes one 'unreadable' problem."""
    def wrap(function):
        @functools.wraps(function)
        def guarded(frame, file, *args, **kwargs):
            try:
                return function(_with_rows(frame), file, *args, **kwargs)
            except Exception as error:  # noqa: BLE001 - the last guard; tests assert it is never reached
                return (*empty(), [Problem(str(file), None, None, "unreadable", params={"detail": _short(error)})])
        return guarded
    return wrap


@_never_raises(lambda: (empty_cities(),))
def validate_cities(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The clean cities frame (CITY_COLUMNS, then extras) and the problems of every rejected row."""
    checker = _Checker(frame, file)
    required = ("city_id", "city", "country", "iso3", "lat", "lon", "status")
    if checker.missing_columns(required):
        return empty_cities(), checker.problems
    text = {name: _text(frame, name) for name in CITY_COLUMNS + tuple(_extras(frame, CITY_COLUMNS))}
    text["iso3"] = text["iso3"].str.upper().astype(object)
    text["status"] = text["status"].str.lower().astype(object)
    frame = frame.assign(iso3=text["iso3"], status=text["status"])
    checker.frame = frame

    for name in ("city_id", "city", "country", "iso3", "lat", "lon", "status"):
        checker.flag(text[name] == "", name, "missing_value")

    def present(name: str) -> pd.Series:
        return text[name] != ""

    checker.flag(present("city_id") & ~text["city_id"].str.fullmatch(SLUG), "city_id", "invalid_city_id")
    checker.flag(present("iso3") & ~text["iso3"].str.fullmatch(r"[A-Z]{3}"), "iso3", "invalid_iso3")
    numbers = {}
    for name, limit in (("lat", 90), ("lon", 180)):
        numbers[name] = _numbers(text[name])
        checker.flag(present(name) & numbers[name].isna(), name, "invalid_number")
        checker.flag(numbers[name].notna() & ~numbers[name].between(-limit, limit), name, "out_of_range",
                     min=-limit, max=limit)
    checker.flag(present("status") & ~text["status"].isin(C.CITY_STATUSES), "status", "invalid_status",
                 choices=", ".join(C.CITY_STATUSES))
    years = {}
    for name in ("member_since", "baseline_year", "population_year"):
        years[name], invalid = _years(text[name])
        checker.flag(invalid, name, "invalid_year", min=C.YEAR_MIN, max=C.YEAR_MAX)
    population = _numbers(text["population"])
    checker.flag(present("population") & ~(population.notna() & (population > 0) & (population == np.floor(population))),
                 "population", "invalid_population")
    duplicate = present("city_id") & text["city_id"].duplicated(keep="first") & ~checker.rejected
    if duplicate.any():
        first_row = frame.groupby(text["city_id"])[ROW].transform("first") if ROW in frame else None
        checker.flag(duplicate, "city_id", "duplicate_city_id",
                     first_row=", ".join(sorted({str(int(r)) for r in first_row[duplicate]})) if first_row is not None else "")

    keep = ~checker.rejected
    clean = pd.DataFrame({name: text[name] for name in text}).loc[keep]
    clean["lat"] = numbers["lat"].loc[keep]
    clean["lon"] = numbers["lon"].loc[keep]
    clean["population"] = population.loc[keep]
    for name, values in years.items():
        clean[name] = values.loc[keep].astype("Int64")
    clean["origin"] = clean["origin"].where(clean["origin"] != "", "shipped")
    return _ordered(clean, CITY_COLUMNS), _tidy(checker.problems)


def empty_cities() -> pd.DataFrame:
    """A cities frame with no rows and the contract's columns and dtypes."""
    return _empty_cities().copy()


@functools.lru_cache(maxsize=1)
def _empty_cities() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=object) for name in CITY_COLUMNS})
    for name in ("lat", "lon", "population"):
        frame[name] = frame[name].astype("float64")
    for name in ("member_since", "baseline_year", "population_year"):
        frame[name] = frame[name].astype("Int64")
    return _ordered(frame, CITY_COLUMNS)


def _ordered(frame: pd.DataFrame, columns) -> pd.DataFrame:
    extras = _extras(frame, columns)
    frame = frame[list(columns) + extras].reset_index(drop=True)
    for name in frame.columns:
        if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            frame[name] = _string_column(frame[name])
    return frame


# ---------------------------------------------------------------------------
# indicators.csv (and uploads)
# ---------------------------------------------------------------------------

@_never_raises(lambda: (empty_indicators(), empty_cities()))
def validate_indicators(
    frame: pd.DataFrame,
    file: str,
    cities: pd.DataFrame,
    catalog: pd.DataFrame,
    *,
    city_id: str | None = None,
    source: str | None = None,
    new_cities_allowed: bool = False,
    decimal_comma: bool | None = None,
    origin: str = "shipped",
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """(clean long rows, new cities named by the upload, problems) for any of the three layouts.

    `decimal_comma` defaults to what read_table found (semicolon-delimited CSV).
    """
    if decimal_comma is None:
        decimal_comma = bool(frame.attrs.get("decimal_comma", False))
    indicator_ids = set(_text(catalog, "indicator")) if "indicator" in catalog.columns else set()
    long, layout_problems = _long_layout(frame, file, indicator_ids, city_id, source)
    if long is None:
        return empty_indicators(), empty_cities(), layout_problems
    checker = _Checker(long, file)
    checker.problems.extend(layout_problems)

    text = {name: _text(long, name) for name in ("city_id", "city", "year", "indicator", "value", "source",
                                                 "series", "note")}
    if source:
        text["source"] = text["source"].where(text["source"] != "", str(source).strip())
    value_column = long["_column"] if "_column" in long else pd.Series("value", index=long.index)

    # City: the id, else the name matched accent- and case-insensitively.
    resolved, new_cities = _resolve_cities(checker, text, cities, new_cities_allowed)
    nothing_given = (text["city_id"] == "") & (text["city"] == "")
    checker.flag(nothing_given, "city_id" if "city_id" in long else "city", "missing_value")

    years, invalid_year = _years(text["year"])
    checker.flag(text["year"] == "", "year", "missing_value")
    checker.flag(invalid_year, "year", "invalid_year", min=C.YEAR_MIN, max=C.YEAR_MAX)

    indicator = text["indicator"].str.lower()  # kept as str: compared and looked up only, never matched
    checker.flag(indicator == "", "indicator", "missing_value")
    checker.flag((indicator != "") & ~indicator.isin(indicator_ids), "indicator", "unknown_indicator",
                 value_column="indicator")

    values = _numbers(text["value"], decimal_comma)
    empty_value = text["value"] == ""
    checker.flag(empty_value & ~checker.rejected, value_column, "empty_value", WARNING, value_column="value")
    checker.skipped |= empty_value
    checker.flag(~empty_value & values.isna(), value_column, "invalid_number", value_column="value")
    checker.flag(values < 0, value_column, "negative_value", value_column="value")
    checker.flag(text["source"] == "", "source", "missing_source")

    series = text["series"].where(text["series"] != "", C.MAIN_SERIES)
    long = long.assign(city_id=resolved, year=years, indicator=indicator, series=series, value=text["value"])
    checker.frame = long
    valid = ~checker.rejected & ~checker.skipped
    _duplicate_checks(checker, ["city_id", "year", "indicator", "series"],
                      valid, values.where(valid))

    keep = ~checker.rejected & ~checker.skipped
    extras = [c for c in _extras(long, INDICATOR_COLUMNS) if c not in {"city", "country", "lat", "lon", "iso3"}]
    clean = pd.DataFrame({
        "city_id": resolved,
        "year": years,
        "indicator": indicator,
        "value": values,
        "series": series,
        "source": text["source"],
        "note": text["note"],
        "derived": False,
        "population_carried": False,
        "origin": _text(long, "origin").where(_text(long, "origin") != "", origin),
    }).loc[keep]
    clean["year"] = clean["year"].astype("int64")
    clean["value"] = clean["value"].astype("float64")
    for name in extras:
        clean[name] = _text(long, name).loc[keep]
    if not new_cities.empty:
        used = set(clean["city_id"])
        new_cities = new_cities.loc[new_cities["city_id"].isin(used)]
    return _ordered(clean, INDICATOR_COLUMNS), new_cities.reset_index(drop=True), _tidy(checker.problems)


def _tidy(problems: list[Problem]) -> list[Problem]:
    """Problems in row order, each (row, column, code) once: a wide row's cells share their city and year."""
    unique = {(p.row, p.column, p.code): p for p in reversed(problems)}
    return sorted(reversed(list(unique.values())), key=lambda p: (p.row is not None, p.row or 0))


def empty_indicators() -> pd.DataFrame:
    """An indicators frame with no rows and the contract's columns and dtypes."""
    return pd.DataFrame({
        "city_id": pd.Series(dtype=str), "year": pd.Series(dtype="int64"), "indicator": pd.Series(dtype=str),
        "value": pd.Series(dtype="float64"), "series": pd.Series(dtype=str), "source": pd.Series(dtype=str),
        "note": pd.Series(dtype=str), "derived": pd.Series(dtype=bool),
        "population_carried": pd.Series(dtype=bool), "origin": pd.Series(dtype=str),
    })


def _long_layout(frame: pd.DataFrame, file: str, indicator_ids: set[str], city_id: str | None,
                 source: str | None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Long, wide or single-city frame -> long rows; `_column` names the cell each value came from."""
    columns = set(frame.columns)
    problems: list[Problem] = []
    if {"indicator", "value"} <= columns:
        layout = frame
    else:
        indicator_columns = [c for c in frame.columns if c in indicator_ids]
        if not indicator_columns or "year" not in columns:
            missing = [c for c in ("year", "indicator", "value") if c not in columns]
            return None, [Problem(file, None, None, "unknown_layout",
                                  params={"missing": ", ".join(missing) or "indicator",
                                          "indicators": ", ".join(sorted(indicator_ids))})]
        # A lone "indicator" or "value" column means nothing in a wide sheet and would clash with the melt.
        id_columns = [c for c in frame.columns if c not in indicator_columns and c not in ("indicator", "value")]
        # A row with every indicator cell empty is reported once, not once per cell.
        blank = (frame[indicator_columns].astype(object).fillna("").astype(str) == "").all(axis=1)
        problems.extend(Problem(file, _as_row(row), None, "empty_row", WARNING)
                        for row in frame.loc[blank, ROW].tolist())
        layout = frame.loc[~blank, id_columns + indicator_columns].melt(id_vars=id_columns, value_vars=indicator_columns,
                                        var_name="indicator", value_name="value")
        layout["_column"] = layout["indicator"]
        cells = layout["value"].astype(object).fillna("").astype(str).str.strip()
        layout = layout.loc[cells != ""].sort_values([ROW, "indicator"], kind="stable")
    if "city_id" not in columns and "city" not in columns:
        if not city_id:
            return None, problems + [Problem(file, None, "city_id", "missing_column", params={"column": "city_id"})]
        layout = layout.assign(city_id=str(city_id))
    if "source" not in columns and not source:
        return None, problems + [Problem(file, None, "source", "missing_column", params={"column": "source"})]
    for name in ("year",):
        if name not in columns:
            return None, problems + [Problem(file, None, name, "missing_column", params={"column": name})]
    return layout.reset_index(drop=True), problems


def _resolve_cities(checker: _Checker, text: dict, cities: pd.DataFrame,
                    new_cities_allowed: bool) -> tuple[pd.Series, pd.DataFrame]:
    """city_id for each row (by id, else by name) and the frame of new cities an upload names."""
    frame = checker.frame
    known_ids = set(_text(cities, "city_id"))
    given = text["city_id"]
    by_name = pd.Series("", index=frame.index, dtype=object)
    named = (given == "") & (text["city"] != "")
    if named.any() and "city" in cities.columns:
        names = pd.DataFrame({"key": _fold(_text(cities, "city")), "city_id": _text(cities, "city_id")})
        counts = names["key"].value_counts()
        lookup = names.drop_duplicates("key").set_index("key")["city_id"]
        keys = _fold(text["city"].loc[named])
        ambiguous = keys.map(counts).fillna(0) > 1
        by_name.loc[named] = keys.map(lookup).fillna("").where(~ambiguous, "")
        checker.flag(named & ambiguous.reindex(frame.index, fill_value=False), "city", "ambiguous_city")
    # Without names to look up the ids are the given ones (kept as str: no object round trip).
    resolved = given.where(given != "", by_name).astype(object) if named.any() else given
    unknown = ~resolved.isin(known_ids) & ((resolved != "") | named) & ~checker.rejected

    new_cities = empty_cities()
    if new_cities_allowed and unknown.any():
        lat, lon = _numbers(_text(frame, "lat")), _numbers(_text(frame, "lon"))
        describable = (unknown & (text["city"] != "") & (_text(frame, "country") != "")
                       & lat.between(-90, 90) & lon.between(-180, 180))
        describable &= (resolved == "") | resolved.astype(object).str.fullmatch(SLUG).fillna(False)
        if describable.any():
            proposed = resolved.where(resolved != "", _slugs(text["city"]))
            new = pd.DataFrame({"city_id": proposed, "city": text["city"], "country": _text(frame, "country"),
                                "iso3": _text(frame, "iso3").str.upper(), "lat": lat, "lon": lon}).loc[describable]
            new = new.drop_duplicates("city_id")
            taken = new["city_id"].isin(known_ids)  # a slug that clashes with a known city of another name
            new.loc[taken, "city_id"] = new.loc[taken, "city_id"] + "-new"
            mapping = dict(zip(proposed.loc[describable].drop_duplicates(), new["city_id"]))
            resolved = resolved.where(~describable, proposed.map(mapping).fillna(proposed))
            new = new.assign(status="other", origin="upload")
            new_cities = pd.concat([empty_cities(), new], ignore_index=True)
            new_cities = _ordered(new_cities.astype({"member_since": "Int64", "baseline_year": "Int64",
                                                     "population_year": "Int64"}), CITY_COLUMNS)
            checker.problems.extend(
                Problem(checker.file, _as_row(row), "city", "new_city", WARNING,
                        params={"value": city, "city_id": cid, "column": "city"})
                for row, city, cid in zip(frame.loc[describable, ROW], text["city"].loc[describable],
                                          resolved.loc[describable])
            )
            unknown &= ~describable
    column = pd.Series("city_id", index=frame.index).where(given != "", "city")
    _flag_unknown(checker, unknown, column, given, text["city"])
    return resolved, new_cities


def _flag_unknown(checker: _Checker, unknown: pd.Series, column: pd.Series, given: pd.Series,
                  names: pd.Series) -> None:
    if not unknown.any():
        return
    shown = given.where(given != "", names)
    checker.problems.extend(
        Problem(checker.file, _as_row(row), col, "unknown_city", params={"value": value, "column": col})
        for row, col, value in zip(checker.frame.loc[unknown, ROW], column.loc[unknown], shown.loc[unknown])
    )
    checker.rejected |= unknown


# ---------------------------------------------------------------------------
# national.csv and the catalog
# ---------------------------------------------------------------------------

@_never_raises(lambda: (empty_national(),))
def validate_national(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """National context rows (iso3, country, year, indicator, value, source), validated."""
    checker = _Checker(frame, file)
    if checker.missing_columns(("iso3", "year", "indicator", "value", "source")):
        return empty_national(), checker.problems
    text = {name: _text(frame, name) for name in NATIONAL_COLUMNS}
    iso3 = text["iso3"].str.upper().astype(object)
    checker.frame = frame = frame.assign(iso3=iso3)
    checker.flag(~iso3.str.fullmatch(r"[A-Z]{3}"), "iso3", "invalid_iso3")
    years, invalid_year = _years(text["year"])
    checker.flag(text["year"] == "", "year", "missing_value")
    checker.flag(invalid_year, "year", "invalid_year", min=C.YEAR_MIN, max=C.YEAR_MAX)
    indicator = text["indicator"].str.lower().astype(object)
    checker.flag(~indicator.str.fullmatch(INDICATOR_ID), "indicator", "unknown_indicator")
    values = _numbers(text["value"], bool(frame.attrs.get("decimal_comma", False)))
    empty_value = text["value"] == ""
    checker.flag(empty_value & ~checker.rejected, "value", "empty_value", WARNING)
    checker.skipped |= empty_value
    checker.flag(~empty_value & values.isna(), "value", "invalid_number")
    checker.flag(values < 0, "value", "negative_value")
    checker.flag(text["source"] == "", "source", "missing_source")
    checker.frame = frame.assign(indicator=indicator, year=years)
    valid = ~checker.rejected & ~checker.skipped
    _duplicate_checks(checker, ["iso3", "year", "indicator"], valid, values.where(valid))
    keep = ~checker.rejected & ~checker.skipped
    clean = pd.DataFrame({"iso3": iso3, "country": text["country"], "year": years, "indicator": indicator,
                          "value": values, "source": text["source"]}).loc[keep]
    clean["year"] = clean["year"].astype("int64")
    for name in _extras(frame, NATIONAL_COLUMNS):
        clean[name] = _text(frame, name).loc[keep]
    return _ordered(clean, NATIONAL_COLUMNS), _tidy(checker.problems)


def empty_national() -> pd.DataFrame:
    return pd.DataFrame({"iso3": pd.Series(dtype=str), "country": pd.Series(dtype=str),
                         "year": pd.Series(dtype="int64"), "indicator": pd.Series(dtype=str),
                         "value": pd.Series(dtype="float64"), "source": pd.Series(dtype=str)})


@_never_raises(lambda: (pd.DataFrame({name: pd.Series(dtype=str) for name in CATALOG_COLUMNS}),))
def validate_catalog(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The indicator catalog: ids, kinds and directions checked; all columns strings."""
    checker = _Checker(frame, file)
    if checker.missing_columns(("indicator", "kind")):
        return pd.DataFrame({name: pd.Series(dtype=str) for name in CATALOG_COLUMNS}), checker.problems
    text = {name: _text(frame, name) for name in CATALOG_COLUMNS + tuple(_extras(frame, CATALOG_COLUMNS))}
    for name in ("indicator", "kind", "better"):
        text[name] = text[name].str.lower().astype(object)
    checker.frame = frame = frame.assign(indicator=text["indicator"], kind=text["kind"], better=text["better"])
    checker.flag(~text["indicator"].str.fullmatch(INDICATOR_ID), "indicator", "invalid_indicator_id")
    checker.flag(~text["kind"].isin(INDICATOR_KINDS), "kind", "invalid_choice", choices=", ".join(INDICATOR_KINDS))
    checker.flag(~text["better"].isin(BETTER_CHOICES), "better", "invalid_choice", choices="lower, higher")
    checker.flag(text["indicator"].duplicated() & ~checker.rejected, "indicator", "duplicate_indicator")
    keep = ~checker.rejected
    clean = pd.DataFrame(text).loc[keep]
    return _ordered(clean, CATALOG_COLUMNS), _tidy(checker.problems)


def load_catalog(path: Path | str) -> tuple[pd.DataFrame, list[Problem]]:
    """The indicator catalog at `path`, validated."""
    frame, problems = _read_path(Path(path))
    if frame is None:
        return validate_catalog(pd.DataFrame(columns=list(CATALOG_COLUMNS)), Path(path).name)[0], problems
    clean, more = validate_catalog(frame, Path(path).name)
    return clean, problems + more


def _read_path(path: Path, name: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    name = name or path.name
    try:
        content = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, None, None, "missing_file", params={"detail": _short(error)})]
    return read_table(content, name)


# ---------------------------------------------------------------------------
# The whole data folder
# ---------------------------------------------------------------------------

def load_dataset(data_dir: Path | str) -> tuple[Dataset, list[Problem]]:
    """The validated Dataset of a data folder (cities, indicators, optional national and catalog)."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    catalog_path = data_dir / "indicator_catalog.csv"
    if not catalog_path.exists():
        catalog_path = SHIPPED_DATA / "indicator_catalog.csv"
    catalog, found = load_catalog(catalog_path)
    problems += found

    frame, found = _read_path(data_dir / "cities.csv")
    problems += found
    cities, found = validate_cities(frame, "cities.csv") if frame is not None else (empty_cities(), [])
    problems += found

    frame, found = _read_path(data_dir / "indicators.csv")
    problems += found
    if frame is not None:
        indicators, _, found = validate_indicators(frame, "indicators.csv", cities, catalog)
        problems += found
    else:
        indicators = empty_indicators()

    national = empty_national()
    if (data_dir / "national.csv").exists():
        frame, found = _read_path(data_dir / "national.csv")
        problems += found
        if frame is not None:
            national, found = validate_national(frame, "national.csv")
            problems += found
    return Dataset(cities=cities, indicators=with_derived_rates(indicators), national=national,
                   catalog=catalog), problems


def validate_paths(paths) -> list[tuple[str, list[Problem], int, bool]]:
    """(file, problems, rows accepted, unreadable) for each file, or each table file of a folder."""
    results = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TABLE_EXTENSIONS)
            if not files:
                results.append((str(path), [Problem(str(path), None, None, "no_table_files")], 0, False))
            results.extend(_validate_file(p) for p in files)
        else:
            results.append(_validate_file(path))
    return results


def _validate_file(path: Path) -> tuple[str, list[Problem], int, bool]:
    name = str(path)
    if not path.is_file():
        return name, [Problem(name, None, None, "missing_file")], 0, True
    frame, problems = _read_path(path, name)
    if frame is None:
        return name, problems, 0, True
    kind = path.name.lower()
    if kind == "cities.csv":
        clean, found = validate_cities(frame, name)
    elif kind == "national.csv":
        clean, found = validate_national(frame, name)
    elif kind == "indicator_catalog.csv":
        clean, found = validate_catalog(frame, name)
    else:
        folder = path.parent
        cities_path = folder / "cities.csv" if (folder / "cities.csv").is_file() else SHIPPED_DATA / "cities.csv"
        catalog_path = (folder / "indicator_catalog.csv" if (folder / "indicator_catalog.csv").is_file()
                        else SHIPPED_DATA / "indicator_catalog.csv")
        cities_frame, _ = _read_path(cities_path)
        cities = validate_cities(cities_frame, cities_path.name)[0] if cities_frame is not None else empty_cities()
        catalog = load_catalog(catalog_path)[0]
        clean, _, found = validate_indicators(frame, name, cities, catalog,
                                              new_cities_allowed=kind != "indicators.csv")
    return name, problems + found, len(clean), False


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

def problem_message(problem: Problem, lang: str) -> str:
    """The reason of a problem in the user's language (without file, row and column)."""
    params = {"column": problem.column or "", "row": problem.row or "", "file": problem.file}
    params.update(problem.params)
    return t(problem.code, lang, **params)
