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
    message("ov_enough_data_help_headline",
            "Cities with a baseline and a later value of their homicide rate, else of their homicide count, so that a "
            "status can be given."),
    message("ov_median_metric", "Median index, {year}"),
    plural("ov_median_metric_help",
           "Baseline = 100. The path to the target is at {path} in {year}; based on {n} city.",
           "Baseline = 100. The path to the target is at {path} in {year}; based on {n} cities."),
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
    # TRANSLATORS: {members} and {prospective} are filled with the plural phrases below.
    message("ov_status_membership", "Of the {n} with a status, {members} and {prospective}."),
    # TRANSLATORS: fills {members} in ov_status_membership.
    plural("ov_status_membership.members", "{n} is a member", "{n} are members"),
    # TRANSLATORS: fills {prospective} in ov_status_membership.
    plural("ov_status_membership.prospective", "{n} is a prospective member", "{n} are prospective members"),
    # TRANSLATORS: {members} is filled with the plural phrase below.
    message("ov_status_members_only", "Of the {n} with a status, {members}."),
    # TRANSLATORS: fills {members} in ov_status_members_only.
    plural("ov_status_members_only.members", "{n} is a member", "{n} are members"),
    # TRANSLATORS: {names} are city names; the form follows how many.
    plural("ov_status_reference",
           "{names} is shown for reference, not as a member.",
           "{names} are shown for reference, not as members."),
    message("ov_no_target",
            "{indicator} has no halving target, so no city gets a status; the table shows trends only."),
    message("ov_median_heading", "The network against the path"),
    message("ov_median_caption",
            "Median based on {counts}. Years based on fewer than {few} cities are drawn as open circles: read them "
            "with care."),
    # TRANSLATORS: one run of years in ov_median_caption's {counts}, e.g. "12 cities in 2019–2024".
    plural("ov_median_run", "{n} city in {years}", "{n} cities in {years}"),
    message("ov_median_empty", "No city has a baseline for this indicator yet, so there is no network index."),
    message("ov_map_heading", "Where the cities are"),
    message("ov_map_caption",
            "Colour and symbol: status; circle size: population. Hover a city for its figures; the Map page has a "
            "year slider and filters."),
    message("ov_table_heading", "All cities"),
    message("ov_table_caption",
            "Click a city to open its page; click a column header to sort. Values in {unit}; change is from the "
            "baseline to the latest value."),
    message("ov_table_caption_headline",
            "Click a city to open its page; click a column header to sort. Each city's values are in its own "
            "measure: a rate ({unit}) or a count of homicides. Change, from the baseline to the latest value, "
            "compares across both."),
    # TRANSLATORS: {total} is filled with the plural phrase below.
    message("ov_no_data_cities", "No {indicator} data yet for {n} of {total}: {names}."),
    # TRANSLATORS: fills {total} in ov_no_data_cities.
    plural("ov_no_data_cities.total", "{n} city", "{n} cities"),
    # TRANSLATORS: {total} is filled with the plural phrase below.
    message("ov_no_data_cities_headline", "No homicide figures yet for {n} of {total}: {names}."),
    # TRANSLATORS: fills {total} in ov_no_data_cities_headline.
    plural("ov_no_data_cities_headline.total", "{n} city", "{n} cities"),
    # TRANSLATORS: a status cell; {indicators} lists the indicators the city has figures of, e.g. "homicides".
    message("ov_other_figures", "no figures for this indicator (has: {indicators})"),
    # TRANSLATORS: {total} is filled with the plural phrase below.
    message("ov_more_data_hint", "{indicator}: data for {n} of {total}. {other}: data for {m}."),
    # TRANSLATORS: fills {total} in ov_more_data_hint.
    plural("ov_more_data_hint.total", "{n} city", "{n} cities"),
    message("ov_more_data_link", "Show {other} (more cities) ›"),
    # table columns
    message("ov_col_city", "City"),
    message("ov_col_membership", "Membership"),
    message("ov_col_measure", "Measure"),
    message("ov_col_measure_help",
            "What the city's figures are: a rate per 100,000 people or a count. Under the headline measure, its "
            "homicide rate where that gives a status, else its homicide count."),
    message("ov_measure_rate", "Rate"),
    message("ov_measure_count", "Count"),
    message("ov_measure_share", "Share"),
    message("ov_col_years", "Years"),
    message("ov_col_years_help", "From the baseline year to the latest year with a value."),
    message("ov_col_baseline", "Baseline"),
    message("ov_col_latest", "Latest"),
    message("ov_col_change", "Change"),
    message("ov_col_status", "Status"),
    message("ov_col_trend", "Trend"),
    message("ov_col_trend_help", "The city's main series of its measure, from the baseline year on."),
    message("ov_source",
            "the cities' own and official statistics in data/indicators.csv (each row's source is on the Data page)"),
    message("ov_col_change_help", "Change from the baseline to the latest value."),
    message("ov_member_short_member", "Member"),
    message("ov_member_short_prospective", "Prospective"),
    message("ov_member_short_other", "Reference"),
    message("ov_col_membership_help", "Member of the network, prospective member, or a city shown for reference only."),
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
           "{year}: index {value}<br>based on {n} city",
           "{year}: index {value}<br>based on {n} cities"),
    message("net_hover_path", "{year}: path {value}"),
    message("net_status_title", "Cities per status"),
    message("net_axis_cities", "cities"),
)
