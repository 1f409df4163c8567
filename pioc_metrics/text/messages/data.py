"""The Data page: coverage, table, downloads, template, uploads and their report."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    # page
    message("data_title", "Data and sources"),
    message("data_intro",
            "Every value has a source. See which years each city has, filter and download the table, or upload "
            "your city's figures to see them against the target (this browser session only)."),
    message("data_tab_coverage", "Coverage"),
    message("data_tab_table", "Table and downloads"),
    message("data_tab_upload", "Upload your data"),
    message("data_tab_template", "Template"),
    message("data_shipped", "shipped"),
    message("data_unexpected_page",
            "Something went wrong while reading this file. Nothing was changed; check that it is a .csv, .xlsx or "
            ".parquet table, or try the template."),
    # coverage
    message("data_cell_missing", "no value"),
    message("data_cell_given", "value from a source"),
    message("data_cell_derived", "derived from counts and population"),
    message("data_cell_upload", "your data"),
    message("data_coverage_title", "{indicator}: which years have a value, by city (series: {series})"),
    message("data_coverage_source", "Each value's source is in the table (tab “Table and downloads”)."),
    # TRANSLATORS: {values} and {all_cities} are filled with the plural phrases below.
    message("data_coverage_summary", "{values} for {cities} of {all_cities}, {first} to {last}."),
    # TRANSLATORS: fills {values} in data_coverage_summary.
    plural("data_coverage_summary.values", "{n} value", "{n} values"),
    # TRANSLATORS: fills {all_cities} in data_coverage_summary.
    plural("data_coverage_summary.all_cities", "{n} city", "{n} cities"),
    message("data_coverage_none", "No values for this indicator and series yet."),
    # table and downloads
    message("data_filter_cities", "Cities (empty: all)"),
    message("data_filter_indicators", "Indicators (empty: all)"),
    message("data_filter_series", "Series (empty: all)"),
    message("data_filter_years", "Years"),
    # TRANSLATORS: the form follows {rows}.
    plural("data_rows_shown",
           "{rows} row matches the filters; the downloads contain exactly this row.",
           "{rows} rows match the filters; the downloads contain exactly these rows.",
           count="rows"),
    message("data_download_csv", "Download these rows (CSV)"),
    message("data_download_excel", "Download these rows (Excel)"),
    message("data_col_indicator", "Indicator"),
    message("data_col_derived", "Derived"),
    message("data_col_origin", "Data"),
    # template
    message("data_template_intro",
            "The template has the columns of the data format and one example row, a real value with its source: "
            "replace it with your own rows. The second sheet lists the indicator ids, the third the known cities."),
    message("data_download_template_excel", "Download the template (Excel)"),
    message("data_download_template_csv", "Download the template (CSV)"),
    message("data_template_example_note", "EXAMPLE ROW (a real value and its source): replace it with your own rows"),
    message("data_template_help_1",
            "One row per city, year and indicator. Columns: city_id (or city and country for a new city), year, "
            "indicator, value, source; series and note are optional."),
    message("data_template_help_2",
            "indicator: one of the ids on the sheet 'indicators' (e.g. homicide_rate, homicides, population)."),
    message("data_template_help_3",
            "value: a number, zero or more; leave it empty when unknown (empty is not zero). Rates are per 100,000."),
    message("data_template_help_4",
            "source: a link or a citation for every row; a row without a source is rejected."),
    message("data_template_help_5",
            "A new city: give city and country; lat and lon if the city is not in the offline gazetteer (GeoNames)."),
    message("data_template_help_6",
            "Delete the example row (its note starts with EXAMPLE) before uploading; if left in, it is skipped."),
    message("data_template_help_7",
            "month: leave it empty for a yearly value; 1 to 12 for that month's count (or a date column such as "
            "2026-03). A year's value is the sum of its 12 months only when all 12 are given; a missing month is "
            "missing, never zero."),
    # upload
    message("data_upload_label", "Your file (.csv, .xlsx or .parquet)"),
    message("data_upload_help",
            "Long format (city_id, year, indicator, value, source), wide format (city_id or city, year, one column "
            "per indicator, source) or a single city's sheet (year and indicator columns; you choose the city and "
            "source below). Nothing you upload is stored: it is used in this browser session only."),
    message("data_active", "Your data is in use on every page of this browser session ({mode}). File:"),
    message("data_remove", "Remove my data (back to the shipped data)"),
    message("data_mode_label", "How should your rows be used?"),
    message("data_mode_extend",
            "Extend the shipped data (your rows win where the same city, year, indicator and series exist)"),
    message("data_mode_replace", "Replace the shipped data (only your cities and rows are shown)"),
    message("data_mode_short_extend", "extending the shipped data"),
    message("data_mode_short_replace", "replacing the shipped data"),
    message("data_apply", "Use the accepted rows"),
    message("data_form_title", "This sheet needs a few details"),
    message("data_form_city", "City of this sheet"),
    message("data_form_new_city", "A city not in the list…"),
    message("data_form_city_name", "New city: name"),
    message("data_form_country", "New city: country"),
    message("data_form_lat", "Latitude (optional; else the gazetteer)"),
    message("data_form_lon", "Longitude (optional)"),
    message("data_form_source", "Source of these figures (a link or a citation)"),
    message("data_form_submit", "Check the file"),
    message("data_report_title", "Validation report"),
    # TRANSLATORS: Each placeholder is filled with one of the plural phrases below.
    message("data_report_summary", "{rows}: {values}; {rejected}; {skipped}."),
    # TRANSLATORS: fills {rows} in data_report_summary.
    plural("data_report_summary.rows", "{n} row read", "{n} rows read"),
    # TRANSLATORS: fills {values} in data_report_summary.
    plural("data_report_summary.values", "{n} value accepted", "{n} values accepted"),
    # TRANSLATORS: fills {rejected} in data_report_summary.
    plural("data_report_summary.rejected", "{n} row rejected", "{n} rows rejected"),
    # TRANSLATORS: fills {skipped} in data_report_summary.
    plural("data_report_summary.skipped", "{n} row skipped", "{n} rows skipped"),
    message("data_report_file_problem", "The file could not be used:"),
    message("data_report_none_accepted",
            "No row can be used yet: fix the rows listed below and upload the file again."),
    message("data_report_rejected_title", "Rejected rows: what to fix"),
    message("data_report_warnings_title", "Notes (rows kept or harmlessly skipped)"),
    message("data_report_placements_title", "New cities and the coordinates used"),
    # TRANSLATORS: the form follows {count}.
    plural("data_report_replaced",
           "{count} of your values has the same city, year, indicator and series as a shipped value: when "
           "extending, your value is used for it.",
           "{count} of your values have the same city, year, indicator and series as shipped values: when "
           "extending, your values are used for those.",
           count="count"),
    message("data_col_row", "Row"),
    message("data_col_column", "Column"),
    message("data_col_reason", "Reason"),
    message("data_col_lat", "Latitude"),
    message("data_col_lon", "Longitude"),
    message("data_col_entry", "Coordinates from"),
    message("data_entry_from_file", "your file"),
    message("data_whole_file", "whole file"),
    # reasons (Problem codes of pioc_metrics.data.upload)
    message("data_unexpected",
            "the file could not be checked ({detail}); nothing was changed. Save it again as .csv or .xlsx and "
            "retry"),
    message("data_file_too_big",
            "the file is {megabytes} MB; files up to {limit} MB are accepted: split it (e.g. one file per city)"),
    # TRANSLATORS: the form follows {rows}.
    plural("data_too_many_rows",
           "the file has {rows} row; up to {limit} are accepted: split it (e.g. one file per city)",
           "the file has {rows} rows; up to {limit} are accepted: split it (e.g. one file per city)",
           count="rows"),
    message("data_form_needed", "the file has no '{column}' column: fill it in the form below"),
    message("data_example_row", "this is the template's example row; it is skipped"),
    message("data_country_unknown",
            "the country '{country}' of '{value}' is not recognised: write it in English, Spanish or Portuguese, "
            "or as a code (COL, CO), or give lat and lon"),
    message("data_not_in_gazetteer",
            "'{value}' ({country}) is not in the offline gazetteer (cities of 15,000 or more): add lat and lon "
            "columns"),
    message("data_placed", "'{value}' is a new city; placed at {lat}, {lon} from {entry}"),
    message("data_rate_impossible",
            "a rate of {value} per 100,000 is impossible (above {max}); check the unit: is it a count?"),
    message("data_rate_high",
            "a rate of {value} per 100,000 is unusually high (above {max}); it is kept, check that it is per "
            "100,000"),
    message("data_share_impossible", "a share cannot be above 100 % (here {value} %)"),
    message("data_population_impossible", "a population of {value} is larger than any city's (limit {max})"),
    message("data_count_above_population", "{value} is more than the city's population that year ({population})"),
    message("data_count_not_whole", "{value} is a count with decimals; it is kept, check it"),
    message("data_future_year",
            "the year {year_value} is in the future (this is {year}); only observed years are accepted"),
)
