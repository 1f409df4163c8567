"""Reasons a file or row is rejected or flagged: one key per Problem code (pioc_metrics.data.loading)."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    # Whole files
    message("unreadable", "the file cannot be read ({detail})"),
    message("empty_file", "the file is empty"),
    message("no_rows", "the file has a header but no data rows"),
    message("unsupported_format",
            "files of type '{extension}' are not accepted; save the sheet as .csv, .xlsx or .parquet"),
    message("corrupt_file", "the file is damaged or is not a valid {format} file"),
    message("file_too_large", "the file would take {megabytes} MB once unpacked, more than is accepted"),
    message("encoding", "the file is not UTF-8; it was read as {encoding}, check that accented letters look right"),
    message("missing_file", "the file does not exist or cannot be opened"),
    message("no_table_files", "the folder has no .csv, .xlsx or .parquet files"),
    message("unclosed_quote",
            "a quote (\") opens a cell in this row and is never closed, so this row and every row after it cannot "
            "be read; was the file cut short? Close the quote, or restore the file from its source"),
    message("cut_row",
            "the file ends in the middle of this row ({cells} of {columns} cells, no line break after it), as if it "
            "had been cut short: the row is rejected and any rows after it are missing; if the row is complete, "
            "add its empty cells"),
    # Columns and layout
    message("missing_column", "the required column '{column}' is missing"),
    message("duplicate_column", "the column '{column}' appears twice; only the first one is used"),
    message("column_stringified", "the column '{column}' has an unusual type ({type}) and was read as text"),
    message("unknown_layout",
            "the layout is not recognised: expected the columns city_id, year, indicator, value and source, or a "
            "year column and indicator columns ({indicators}); missing: {missing}"),
    # TRANSLATORS: the form follows {count}.
    plural("extra_cells",
           "the row has {count} more cell than the header; it is ignored",
           "the row has {count} more cells than the header; they are ignored",
           count="count"),
    # Rows
    message("empty_row", "no indicator value in this row; it is skipped"),
    message("missing_value", "'{column}' is required but empty"),
    message("empty_value", "the value is empty (a missing value, not zero); the row is skipped"),
    message("invalid_number", "'{value}' is not a number"),
    message("negative_value", "the value {value} is negative; values must be zero or more"),
    message("out_of_range", "{value} is outside the range {min} to {max}"),
    message("invalid_year", "'{value}' is not a year between {min} and {max}"),
    message("invalid_month",
            "'{value}' is not a month: use a whole number from 1 to 12, or leave it empty for a yearly value"),
    message("invalid_date", "'{value}' is not a month in the form YYYY-MM (e.g. 2026-03)"),
    message("date_conflict", "the date '{value}' says another year or month than the row's year and month columns"),
    message("missing_source", "the source is empty; every value needs a source (a link or a citation)"),
    message("unknown_indicator", "'{value}' is not an indicator of the catalog"),
    message("unknown_city",
            "the city '{value}' is not in the list of cities; to add it, give city, country, lat and lon"),
    message("ambiguous_city", "more than one city is called '{value}'; use the city_id column instead"),
    message("new_city", "'{value}' is a new city; it is added as '{city_id}'"),
    message("duplicate_row", "the same value for {key} is already in row {rows}; this row is dropped"),
    message("conflicting_duplicate",
            "rows {rows} give different values for {key}; keep one of them (or give each its own series)"),
    # cities.csv
    message("invalid_city_id",
            "'{value}' is not a valid city_id: use lower-case letters, digits and hyphens (e.g. godoy-cruz)"),
    message("duplicate_city_id", "the city_id '{value}' is already used in row {first_row}"),
    message("invalid_iso3", "'{value}' is not a three-letter country code (ISO 3166-1 alpha-3, e.g. COL)"),
    message("invalid_status", "'{value}' is not a valid status; use one of: {choices}"),
    message("invalid_population", "'{value}' is not a population: use a whole number greater than zero"),
    # indicator_catalog.csv
    message("invalid_indicator_id",
            "'{value}' is not a valid indicator id: use lower-case letters, digits and underscores"),
    message("invalid_choice", "'{value}' is not allowed here; use one of: {choices}"),
    message("duplicate_indicator", "the indicator '{value}' is defined twice"),
    # events.csv and practices.csv
    message("unknown_event_city", "the city '{value}' is not in the list of cities; add it to cities.csv first"),
    message("invalid_event_date",
            "'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2012, 2019-08 or 2019-08-04)"),
    message("unknown_practice", "the practice '{value}' is not in practices.csv"),
    message("duplicate_event", "the same event (city, date and title) is already listed; this row is dropped"),
    message("invalid_practice_id",
            "'{value}' is not a valid practice_id: use lower-case letters, digits and hyphens "
            "(e.g. oakland-ceasefire)"),
    message("unknown_practice_city",
            "'{value}' names a city that is not in the list of cities; separate city_ids with ';'"),
    message("duplicate_practice", "the practice_id '{value}' is already used in an earlier row"),
)
