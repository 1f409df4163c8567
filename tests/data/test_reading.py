"""Reading bytes into a frame of strings (pioc_metrics.data.reading): CSV in its many spreadsheet
dialects, XLSX and Parquet, with their guards; a broken file is a problem, never an exception."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pioc_metrics.data import reading
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.validation import validate_indicators
from tests.data.inputs import CATALOG, codes, indicators, only, parquet_bytes, read, synthetic_cities, workbook_bytes


def test_semicolon_csv_with_bom_is_read():
    content = "\ufeffcity_id;year;indicator;value;source\nalpha;2019;homicides;12,5;Synthetic\n".encode("utf-8")
    frame, problems = read_table(content, "export.csv")
    assert problems == []
    assert list(frame.columns) == ["city_id", "year", "indicator", "value", "source", "_row"]
    assert frame.loc[0, "value"] == "12,5"


def test_decimal_comma_is_accepted_in_semicolon_files():
    clean, _, problems = indicators("city_id;year;indicator;value;source\nalpha;2019;homicide_rate;12,5;Synthetic\n")
    assert problems == []
    assert clean["value"].tolist() == [12.5]


def test_decimal_comma_is_not_a_number_in_comma_files():
    _, _, problems = indicators('city_id,year,indicator,value,source\nalpha,2019,homicide_rate,"12,5",Synthetic\n')
    problem = only(problems, "invalid_number")
    assert (problem.row, problem.column) == (2, "value")


def test_tab_delimited_csv_is_read():
    frame, problems = read("city_id\tyear\tvalue\nalpha\t2019\t3\n", "export.txt")
    assert problems == []
    assert frame.loc[0, "year"] == "2019"


def test_cp1252_csv_is_read_with_an_encoding_warning():
    content = "city,country\nMedellín,Colombia\n".encode("cp1252")
    frame, problems = read_table(content, "legacy.csv")
    problem = only(problems, "encoding")
    assert not problem.is_error
    assert frame.loc[0, "city"] == "Medellín"


def test_utf16_unicode_text_export_is_read():
    content = "city\tcountry\nNiterói\tBrasil\n".encode("utf-16")
    frame, problems = read_table(content, "unicode.txt")
    assert problems == []
    assert frame.loc[0, "city"] == "Niterói"


def test_column_names_are_lower_cased_and_values_stripped():
    frame, _ = read("  City_ID , YEAR \n  alpha  , 2019 \n")
    assert list(frame.columns) == ["city_id", "year", "_row"]
    assert frame.loc[0].tolist()[:2] == ["alpha", "2019"]


def test_row_numbers_count_header_and_blank_lines_as_a_spreadsheet_does():
    frame, _ = read('a,b\n1,2\n\n,\n"multi\nline",3\n4,5\n')
    assert frame["_row"].tolist() == [2, 5, 6]
    assert frame.loc[1, "a"] == "multi\nline"


def test_leading_blank_lines_move_the_header_down():
    frame, _ = read("\n\na,b\n1,2\n")
    assert frame["_row"].tolist() == [4]


def test_empty_file_is_a_problem():
    for content in (b"", b"   \n\n", b"\xef\xbb\xbf"):
        frame, problems = read_table(content, "empty.csv")
        assert frame is None
        assert codes(problems) == {"empty_file"}


def test_header_only_file_is_a_problem():
    frame, problems = read_table(b"city_id,year,indicator,value,source\n", "header.csv")
    assert frame is not None and frame.empty
    assert codes(problems) == {"no_rows"}


def test_row_with_extra_cells_is_reported_and_short_rows_are_padded():
    frame, problems = read("a,b\n1,2,3\n4\n5,6,,\n")
    problem = only(problems, "extra_cells")
    assert problem.row == 2 and not problem.is_error
    assert frame[["a", "b"]].values.tolist() == [["1", "2"], ["4", ""], ["5", "6"]]


def test_duplicate_column_keeps_the_first():
    frame, problems = read("value,Value\n1,2\n")
    assert only(problems, "duplicate_column").column == "value"
    assert frame.loc[0, "value"] == "1"


def test_unknown_extension_and_legacy_xls_are_unsupported():
    assert codes(read_table(b"%PDF-1.4 ...", "report.pdf")[1]) == {"unsupported_format"}
    assert codes(read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")[1]) == {"unsupported_format"}


def test_text_named_xlsx_is_a_corrupt_file():
    frame, problems = read_table(b"city_id,year\nalpha,2019\n", "renamed.xlsx")
    assert frame is None and codes(problems) == {"corrupt_file"}


def test_xlsx_round_trip():
    content = workbook_bytes({"Data": [
        ["City_ID", "Year", "Indicator", "Value", "Source"],
        ["alpha", 2019, "homicide_rate", 12.5, "Synthetic"],
        [None, None, None, None, None],
        ["alpha", 2020.0, "homicides", 131, " Synthetic "],
    ]})
    frame, problems = read_table(content, "upload.xlsx")
    assert problems == []
    assert frame["_row"].tolist() == [2, 4]
    assert frame["year"].tolist() == ["2019", "2020"]
    assert frame["value"].tolist() == ["12.5", "131"]
    clean, _, problems = validate_indicators(frame, "upload.xlsx", synthetic_cities(), CATALOG)
    assert problems == [] and clean["value"].tolist() == [12.5, 131.0]


def test_xlsx_first_sheet_with_data_is_used():
    content = workbook_bytes({"Notes": [], "Data": [["year", "homicides"], [2019, 4]]})
    frame, problems = read_table(content, "book.xlsx")
    assert problems == [] and frame.loc[0, "homicides"] == "4"


def test_zip_bomb_disguised_as_xlsx_is_rejected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    frame, problems = read_table(buffer.getvalue(), "innocent.xlsx")
    assert frame is None
    assert codes(problems) == {"file_too_large"}


def test_truncated_xlsx_is_a_problem_not_an_exception():
    content = workbook_bytes({"Data": [["year", "homicides"], [2019, 4]]})
    for cut in (len(content) // 2, len(content) - 30, 10):
        frame, problems = read_table(content[:cut], "cut.xlsx")
        assert frame is None
        assert codes(problems) <= {"corrupt_file", "unreadable"} and problems


def test_zip_that_is_not_a_workbook_is_a_problem():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"<doc/>")
    frame, problems = read_table(buffer.getvalue(), "letter.xlsx")
    assert frame is None and codes(problems) == {"corrupt_file"}


def test_parquet_round_trip():
    table = pa.table({
        "City_ID": ["alpha", "beta"], "year": [2019, 2020], "indicator": ["homicides", "homicides"],
        "value": [12.0, None], "source": ["Synthetic", "Synthetic"],
    })
    frame, problems = read_table(parquet_bytes(table), "upload.parquet")
    assert problems == []
    assert frame["value"].tolist() == ["12", ""]
    clean, _, problems = validate_indicators(frame, "upload.parquet", synthetic_cities(), CATALOG)
    assert clean["value"].tolist() == [12.0]
    assert codes(problems) == {"empty_value"}


def test_parquet_with_nested_and_binary_columns_does_not_crash():
    table = pa.table({
        "year": [2019], "nested": [[1, 2]], "record": [{"a": 1}], "blob": [b"\xff\x00bytes"],
    })
    frame, problems = read_table(parquet_bytes(table), "odd.parquet")
    assert frame is not None
    assert frame.loc[0, "year"] == "2019"
    assert all(isinstance(v, str) for v in frame.loc[0, ["nested", "record", "blob"]])
    assert all(not p.is_error for p in problems)


def test_truncated_parquet_is_a_problem():
    content = parquet_bytes(pa.table({"year": list(range(2000, 2020))}))
    frame, problems = read_table(content[: len(content) // 2], "cut.parquet")
    assert frame is None and codes(problems) == {"corrupt_file"}


# The fast CSV reader (pandas' C parser) and the row-by-row csv.reader path must give the same frame.

def _row_by_row(text: str):
    records, problems = reading._csv_records(text, reading._sniff_delimiter(text), "t.csv")
    frame, more = reading._frame_from_records(records, "t.csv")
    return frame, problems + more


@pytest.mark.parametrize("text", [
    "city_id,year,value\nalpha, 2019 ,1\nbeta,2020,\"2,5\"\n",
    "city_id;year;value\r\nalpha;2019;1,5\r\n;;\r\nbeta;2020;2\r\n",
    'a,b\n"x ""quoted""",Se\u0301rgio\nplain,"q"tail\n',
    "a,b,c\n1\n2,3\n",
    "a,,b\n1,,2\n3,x,4\n",
    "a,a,_row\n1,2,3\n",
])
def test_clean_csv_read_fast_matches_the_row_by_row_reader(text):
    fast = read_table(text.encode(), "t.csv")
    slow = _row_by_row(text)
    pd.testing.assert_frame_equal(fast[0], slow[0], check_exact=True)
    assert fast[1] == slow[1]


@pytest.mark.parametrize("text, rows", [
    ("city_id,year\n\nalpha,2019\n   \nbeta,2020\n", [3, 5]),
    ('city_id,note\nalpha,"two\nlines"\nbeta,x\n', [2, 3]),
    ("city_id,year\nalpha,2019,extra\nbeta,2020\n", [2, 3]),
    ("city_id,year\ralpha,2019\rbeta,2020\r", [2, 3]),
])
def test_blank_lines_multiline_cells_and_ragged_rows_keep_spreadsheet_row_numbers(text, rows):
    frame, problems = read_table(text.encode(), "t.csv")
    assert frame["_row"].tolist() == rows
    pd.testing.assert_frame_equal(frame, _row_by_row(text)[0], check_exact=True)


def test_parquet_columns_read_column_by_column_are_stripped_and_nfc():
    buffer = io.BytesIO()
    pq.write_table(pa.table({" City_ID ": [" alpha ", "Se\u0301rgio", None], "value": [1.5, None, 2.0]}), buffer)
    frame, problems = read_table(buffer.getvalue(), "t.parquet")
    assert problems == []
    assert frame["city_id"].tolist() == ["alpha", "S\u00e9rgio", ""]
    assert frame["value"].tolist() == ["1.5", "", "2"]
    assert frame["_row"].tolist() == [2, 3, 4]


# A file cut short: a quote never closed, or a last row that stops before its last cells.

LONG_HEADER = "city_id,year,indicator,value,series,source,note\n"


def test_a_quote_never_closed_in_the_last_row_rejects_that_row_and_names_it():
    text = LONG_HEADER + "alpha,2019,homicides,12,,Synthetic police,\n" + 'beta,2019,homicides,3,,"Synthetic pol'
    frame, problems = read_table(text.encode(), "indicators.csv")
    problem = only(problems, "unclosed_quote")
    assert (problem.row, problem.column, problem.is_error) == (3, "source", True)
    assert frame["city_id"].tolist() == ["alpha"] and frame["_row"].tolist() == [2]


def test_a_quote_never_closed_in_the_middle_loses_the_rows_after_it_and_says_where():
    rows = ["alpha,2019,homicides,12,,Synthetic police,", 'beta,2019,homicides,3,,"Synthetic, police,"',
            'gamma,2019,homicides,"5,,Synthetic police,']
    rows += [f"alpha,{year},homicides,1,,S," for year in range(2000, 2019)]
    frame, problems = read_table((LONG_HEADER + "\n".join(rows) + "\n").encode(), "indicators.csv")
    problem = only(problems, "unclosed_quote")
    assert (problem.row, problem.column) == (4, "value")
    assert frame["city_id"].tolist() == ["alpha", "beta"]
    assert frame.loc[1, "source"] == "Synthetic, police,"


def test_a_quote_never_closed_in_a_large_file_is_named_not_an_unreadable_file():
    rows = "alpha,2018,homicides,1,,S,\n" + 'alpha,2019,homicides,"12,,Synthetic police,\n'
    rows += "alpha,2020,homicides,1,,S,\n" * 10_000  # far more than a cell may hold
    frame, problems = read_table((LONG_HEADER + rows).encode(), "indicators.csv")
    assert [(p.code, p.row) for p in problems] == [("unclosed_quote", 3)]
    assert frame["year"].tolist() == ["2018"]


def test_a_quote_never_closed_in_the_header_leaves_nothing_to_read():
    frame, problems = read_table(b'city_id,"year\nalpha,2019\n', "t.csv")
    assert frame is None and [(p.code, p.row, p.is_error) for p in problems] == [("unclosed_quote", 1, True)]


@pytest.mark.parametrize("text", [
    'a,b\n"x ""quoted""","two\nlines"\n"",""\nplain,"q"tail\n',
    'a;b\n"x;y";"z"\n',
    'a,b\n1,"closed at the very end"',
    'a,b\n5" screen,1\n',
])
def test_closed_quotes_escaped_quotes_and_quotes_inside_a_cell_are_no_problem(text):
    frame, problems = read_table(text.encode(), "t.csv")
    assert problems == [] and len(frame) >= 1


@pytest.mark.parametrize("blank_line", ["", "\n"])  # a blank line takes the row-by-row reader
def test_a_file_cut_mid_line_reports_the_short_last_row_and_rejects_it(blank_line):
    text = LONG_HEADER + blank_line + "alpha,2019,homicides,12,,Synthetic police,\nbeta,2019,homicides,3"
    frame, problems = read_table(text.encode(), "indicators.csv")
    problem = only(problems, "cut_row")
    assert problem.is_error and problem.row == (4 if blank_line else 3)
    assert problem.params == {"cells": 4, "columns": 7}
    assert frame["city_id"].tolist() == ["alpha"]


@pytest.mark.parametrize("text", [
    "a,b,c\n1,2,3\n4,5\n",  # a short row that ends with a line break: padded, as before
    "a,b,c\n1,2,3\n4,5,6",  # no final line break, but a whole row
    "a,b,c\n1,2,3\n\n",
])
def test_a_short_row_is_cut_only_when_the_file_stops_inside_it(text):
    frame, problems = read_table(text.encode(), "t.csv")
    assert "cut_row" not in codes(problems)
    assert frame["a"].tolist()[-1] in {"4", "1"}
