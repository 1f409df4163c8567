"""Network overview page and its charts (pioc_metrics.figures.network)."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    # page
    message("ov_title", "Where the network stands: {reduction} less violence by {target}"),
    message("ov_subtitle", "Peace in Our Cities · Indicator: {indicator}. {settings}."),
    message("ov_years_left", "Years left to {target}"),
    message("ov_years_left_help", "The target year minus the current year ({today})."),
    message("ov_target_passed", "The target year {target} has passed."),
    message("ov_enough_data", "Cities with a status"),
    message("ov_enough_data_value", "{n} of {total}"),
    message("ov_enough_data_help",
            "Cities with a baseline and a later value of this indicator, so that a status can be given."),
    message("ov_median_metric", "Median index, {year}"),
    plural("ov_median_metric_help",
           "Baseline = 100. The path to the target is at {path} in {year}; {n} city behind this value.",
           "Baseline = 100. The path to the target is at {path} in {year}; {n} cities behind this value."),
    message("ov_median_none", "no index yet"),
    message("ov_status_heading", "Cities per status"),
    # TRANSLATORS: {total} and {missing} are filled with the plural phrases below; the form follows {n}.
    plural("ov_status_caption",
           "{n} of {total} has enough data for a status; {missing}.",
           "{n} of {total} have enough data for a status; {missing}."),
    # TRANSLATORS: fills {total} in ov_status_caption.
    plural("ov_status_caption.total", "{n} city", "{n} cities"),
    # TRANSLATORS: fills {missing} in ov_status_caption.
    plural("ov_status_caption.missing",
           "the remaining {n} is counted as “{insufficient}”",
           "the other {n} are counted as “{insufficient}”"),
    message("ov_no_target",
            "{indicator} has no halving target, so no city gets a status; the table shows trends only."),
    message("ov_median_heading", "The network against the path"),
    message("ov_median_caption",
            "Cities behind each year: {counts}. Years with fewer than {few} cities are drawn as open circles: read "
            "them with care."),
    message("ov_median_empty", "No city has a baseline for this indicator yet, so there is no network index."),
    message("ov_map_heading", "Where the cities are"),
    message("ov_map_caption",
            "Colour and symbol: status; circle size: population. Hover a city for its figures; the Map page has a "
            "year slider and filters."),
    message("ov_table_heading", "All cities"),
    message("ov_table_caption",
            "Click a column header to sort. “Open” leads to the city's page. Values in {unit}; change is from the "
            "baseline to the latest value."),
    # TRANSLATORS: {total} is filled with the plural phrase below.
    message("ov_no_data_cities", "No {indicator} data yet for {n} of {total}: {names}."),
    # TRANSLATORS: fills {total} in ov_no_data_cities.
    plural("ov_no_data_cities.total", "{n} city", "{n} cities"),
    # TRANSLATORS: {total} is filled with the plural phrase below.
    message("ov_more_data_hint", "{indicator}: data for {n} of {total}. {other}: data for {m}."),
    # TRANSLATORS: fills {total} in ov_more_data_hint.
    plural("ov_more_data_hint.total", "{n} city", "{n} cities"),
    message("ov_more_data_link", "Show {other} (more cities) ›"),
    # table columns
    message("ov_col_city", "City"),
    message("ov_col_country", "Country"),
    message("ov_col_membership", "Membership"),
    message("ov_col_baseline_year", "Base year"),
    message("ov_col_baseline", "Baseline"),
    message("ov_col_latest_year", "Latest year"),
    message("ov_col_latest", "Latest"),
    message("ov_col_change", "Change"),
    message("ov_col_status", "Status"),
    message("ov_col_trend", "Trend"),
    message("ov_col_link", "Page"),
    message("ov_link_text", "Open"),
    message("ov_col_trend_help", "Main series of the indicator, every year with a value."),
    message("ov_source",
            "the cities' own and official statistics in data/indicators.csv (each row's source is on the Data page)"),
    message("ov_col_change_help", "Change from the baseline to the latest value."),
    message("ov_member_short_member", "Member"),
    message("ov_member_short_prospective", "Prospective"),
    message("ov_member_short_other", "Other (reference)"),
    # charts_network
    message("net_median_title", "Median city vs. the path to the {target} target"),
    message("net_median_subtitle", "{indicator}, each city against its own baseline (= 100)"),
    message("net_axis_index", "index, baseline = 100"),
    message("net_axis_year", "year"),
    message("net_label_median", "Median city"),
    message("net_label_path", "Path to target"),
    message("net_label_baseline", "Baseline = 100"),
    message("net_label_target", "Target {target}: {value}"),
    plural("net_hover_median",
           "{year}: index {value}<br>{n} city behind this point",
           "{year}: index {value}<br>{n} cities behind this point"),
    message("net_hover_path", "{year}: path {value}"),
    message("net_status_title", "Cities per status"),
    message("net_axis_cities", "cities"),
)
