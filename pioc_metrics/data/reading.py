"""Reading a file's bytes into a frame of strings: CSV (any delimiter, encoding or Excel export), XLSX, Parquet.

Nothing here knows the contract's columns: the frame holds stripped NFC strings and a `_row`
column with the spreadsheet row of each record. Every problem is a value, never an exception,
and the zip-bomb and size guards run before anything is decompressed.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from pioc_metrics.data.problems import WARNING, Problem

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


def read_table(content: bytes, filename: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A frame of stripped strings with a `_row` column, or None when nothing can be read."""
    file = str(filename)
    try:
        return _read_table(bytes(content), file)
    except Exception as error:
        return None, [Problem(file, None, None, "unreadable", params={"detail": short_error(error)})]


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
    unclosed = _unclosed_quote(text, delimiter)
    # A quote never closed makes the rest of the file one cell: keep the records before its record.
    reader = csv.reader(io.StringIO(text if unclosed is None else text[:unclosed[0]], newline=""),
                        delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        return None, [Problem(file, None, None, "unreadable", params={"detail": short_error(error)})]
    header = next((record for record in records if any(cell.strip() for cell in record)), None)
    if unclosed is not None:
        record_start, quote_at = unclosed
        before = next(csv.reader(io.StringIO(text[record_start:quote_at], newline=""), delimiter=delimiter), [""])
        index = max(len(before) - 1, 0)  # the cell the quote opens: after the cells before it
        column = column_name(header[index]) if header is not None and index < len(header) else None
        problem = Problem(file, len(records) + 1, column, "unclosed_quote")
        return (records, [problem]) if header is not None else (None, [problem])
    if header is not None and records[-1] is not header and not text.endswith(("\n", "\r")):
        cut = _cut_short(records[-1], len(header), len(records), file)
        if cut is not None:
            return records[:-1], [cut]
    return records, []


def _unclosed_quote(text: str, delimiter: str) -> tuple[int, int] | None:
    """(where its record starts, where the quote is) for a quoted cell that is never closed, else None.

    A cell is quoted when a quote opens it; it ends at the next lone quote ("" is a quote inside it).
    """
    if '"' not in text:
        return None
    quoted = re.compile(r'(?:(?<=[' + re.escape(delimiter) + r'\r\n])|^)"(?:[^"]+|"")*("|\Z)')
    record_start = previous_end = 0
    for cell in quoted.finditer(text):
        # Line breaks between quoted cells end records; those inside a quoted cell do not.
        line_break = max(text.rfind("\n", previous_end, cell.start()), text.rfind("\r", previous_end, cell.start()))
        if line_break >= 0:
            record_start = line_break + 1
        if not cell.group(1):
            return record_start, cell.start()
        previous_end = cell.end()
    return None


def _cut_short(cells: list[str], width: int, row: int, file: str) -> Problem | None:
    """A 'cut_row' problem for the file's last record when it has fewer cells than the header.

    Called only for a file that does not end with a line break: the file stops inside this record,
    so its last cell may be cut too, and the rows after it are lost.
    """
    if len(cells) >= width or not any(cell.strip() for cell in cells):
        return None
    return Problem(file, row, None, "cut_row", params={"cells": len(cells), "columns": width})


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
    except Exception:
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
    cut = None
    if len(table) > 1 and not text.endswith(("\n", "\r")):  # the file may stop inside its last record
        cut = _cut_short(next(csv.reader([body[body.rfind("\n") + 1:]], delimiter=delimiter), []), len(names),
                         len(table), file)
    end = len(table) - 1 if cut is not None else len(table)
    columns = [table[label].iloc[1:end].reset_index(drop=True) for label in table.columns]
    frame, problems = _frame_from_columns(names, columns, 0, file)
    return frame, ([cut] if cut is not None else []) + problems


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
        return None, [Problem(file, None, None, "corrupt_file",
                              params={"format": "xlsx", "detail": short_error(error)})]
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
    except Exception as error:
        return None, [Problem(file, None, None, "corrupt_file",
                              params={"format": "xlsx", "detail": short_error(error)})]
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
    except Exception as error:
        return None, [Problem(file, None, None, "corrupt_file",
                              params={"format": "parquet", "detail": short_error(error)})]
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
    header = [column_name(name) for name in records[start]]
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
    header = [column_name(name) for name in names]
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


def read_path(path: Path, name: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """read_table of the file at `path`; a file that cannot be opened is a 'missing_file' problem."""
    name = name or path.name
    try:
        content = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, None, None, "missing_file", params={"detail": short_error(error)})]
    return read_table(content, name)


def column_name(name: object) -> str:
    """A header cell as a column name: NFC, no byte-order mark, stripped, lower case."""
    return unicodedata.normalize("NFC", str(name)).replace("\ufeff", "").strip().lower()


def short_error(error: BaseException) -> str:
    """An exception as a short detail for a problem: its type and at most 200 characters."""
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 200 else text[:197] + "..."
