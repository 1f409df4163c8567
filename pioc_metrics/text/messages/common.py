"""Strings every page shares: navigation, sidebar, statuses, flags."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    # navigation and page titles
    message("app_title", "Peace in Our Cities: halving violence by 2030"),
    message("nav_overview", "Network overview"),
    message("nav_city", "City trajectory"),
    message("nav_compare", "Compare cities"),
    message("nav_map", "Map"),
    message("nav_data", "Data"),
    message("nav_methodology", "Methodology"),
    message("nav_present", "Presentation"),
    # sidebar
    message("sidebar_settings", "Settings"),
    message("language", "Language"),
    message("indicator", "Indicator"),
    # TRANSLATORS: the network's headline measure in the sidebar's indicator picker: keep it short (about 30 letters).
    message("indicator_headline", "Homicides (rate, else count)"),
    message("indicator_help",
            "“{headline}” is each city's best available measure of homicide: its homicide rate where that gives "
            "it a status, else its homicide count, so the network's figures cover every city with homicide figures. "
            "The other choices judge every city on that one indicator."),
    message("baseline", "Baseline"),
    message("baseline_city", "Each city's own (else {year})"),
    message("baseline_year_option", "{year} for all cities"),
    message("target_year", "Target year"),
    message("reduction", "Reduction by the target year"),
    message("smoothing", "Smoothing"),
    message("smoothing_none", "None (single year)"),
    message("smoothing_3y", "3-year mean"),
    message("smoothing_line_none", "single years (no smoothing)"),
    message("smoothing_line_3y", "3-year means"),
    message("path", "Target path"),
    message("path_geometric", "Geometric (constant annual rate)"),
    message("path_linear", "Linear"),
    message("notice_bad_param", "The link's value for “{name}” was not understood; the default is shown instead."),
    # the data folder's problems, shown on every page
    message("data_folder_problems",
            "Some of the dashboard's data files have problems, so some figures may be missing or incomplete:"),
    message("data_folder_unreadable", "The dashboard's data cannot be read, so there is nothing to show:"),
    message("data_folder_fix",
            "Whoever looks after the data can list every problem with `python -m pioc_metrics validate` on the "
            "data folder."),
    # TRANSLATORS: where a problem is and why; {reason} is one of the reasons in problems.py.
    message("data_problem_file", "{file}: {reason}"),
    message("data_problem_column", "{file}, column {column}: {reason}"),
    message("data_problem_row", "{file}, row {row}: {reason}"),
    message("data_problem_cell", "{file}, row {row}, column {column}: {reason}"),
    # TRANSLATORS: after the first problems of a file: the form follows {n}.
    plural("data_problems_more", "and {n} more problem in {file}", "and {n} more problems in {file}"),
    message("your_data_badge", "Showing your uploaded data (this browser session only)"),
    message("your_data_mode_replace", "replacing the shipped data"),
    message("your_data_mode_extend", "added to the shipped data"),
    message("your_data", "your data"),
    # statuses
    message("status_achieved", "Achieved"),
    message("status_on_track", "On track"),
    message("status_fair_progress", "Fair progress, acceleration needed"),
    message("status_limited_progress", "Limited or no progress"),
    message("status_deterioration", "Deterioration"),
    message("status_insufficient_data", "Insufficient data"),
    message("status_none", "No target for this indicator"),
    message("no_data_yet", "no data yet"),
    message("no_data_yet_how",
            "No data yet for this indicator. To add it, download the template on the Data page, fill in the yearly "
            "figures with their source, and upload it."),
    # flags in plain words
    message("flag_no_data", "No data yet for this indicator."),
    message("flag_baseline_substituted",
            "The baseline year had no value; the nearest year ({year}) is used instead."),
    message("flag_small_numbers",
            "Fewer than 20 homicides in the latest year: a single year's status can flip on chance. Try 3-year "
            "smoothing."),
    message("flag_derived", "Rate derived from the homicide count and population (not given by the source)."),
    message("flag_population_carried", "Population carried forward beyond its last known year (at most 3 years)."),
    message("flag_definitions_vary", "Definitions vary between years or sources: compare with care."),
    message("flag_no_target", "This indicator has no halving target: trends only."),
    message("flag_baseline_not_before_target",
            "The baseline year is not before the target year: no required rate exists."),
    message("flag_uncertain_status",
            "The status rests on small counts and could differ by chance alone: redrawn, the counts often give "
            "another status."),
    # common words
    message("city", "City"),
    message("country", "Country"),
    message("status", "Status"),
    message("year", "Year"),
    message("value", "Value"),
    message("source", "Source"),
    message("series", "Series"),
    message("note", "Note"),
    message("membership_member", "Member"),
    message("membership_prospective", "Prospective member"),
    message("membership_other", "Other (shown for reference)"),
    message("source_line", "Source: {source}"),
    message("settings_line",
            "Baseline: {baseline}; target {target} ({reduction} reduction); {smoothing}; {path} path"),
    message("baseline_each_city", "each city's own"),
    message("city_search", "Find a city"),
    message("city_search_placeholder", "Type a city's name…"),
    message("page_failed",
            "This page could not be shown just now. Nothing you chose is lost: try again, and if it keeps failing, "
            "tell the network's secretariat."),
    message("page_retry", "Try again"),
)
