"""Strings of the Methodology page."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    message("meth_title", "How every number is made"),
    message("meth_intro",
            "The dashboard follows the UN Statistics Division's SDG progress-chart method: each city's actual "
            "annual change since its baseline is compared with the annual change it needs to reach the target. "
            "Every threshold and default below is read from the same constants the calculations use."),
    message("meth_current_settings", "Settings in use now"),
    message("meth_required_now", "With these settings, a city with baseline {year} needs {rate} a year."),
    message("meth_defaults", "Parameters and defaults"),
    message("meth_col_parameter", "Parameter"),
    message("meth_col_default", "Default"),
    message("meth_col_where", "Where it changes"),
    message("meth_sidebar", "sidebar"),
    message("meth_param_target", "Target year Y"),
    message("meth_param_reduction", "Reduction f"),
    message("meth_param_reduction_range", "sidebar ({low} to {high})"),
    message("meth_param_baseline", "Baseline year b"),
    message("meth_param_baseline_default", "the city's own baseline year, else {year}"),
    message("meth_param_smoothing", "Smoothing"),
    message("meth_param_path", "Target path"),
    message("meth_why_baseline",
            "{year} is the default baseline because the campaign launched that year, and it is the last full year "
            "before the network's 2020 commitment and the pandemic's distortions. Every figure says which baseline "
            "it uses."),
    message("meth_formulas", "Formulas"),
    message("meth_symbols",
            "B: baseline value in year b · L: latest value, in the latest year t after b · Y: target year · f: "
            "reduction (0.5 = halving). Only each city's main series counts; other series are shown as reference "
            "points."),
    message("meth_f_target", "Target: the baseline reduced by f."),
    message("meth_f_actual", "Actual annual change since the baseline (negative when the value falls)."),
    message("meth_f_required", "Annual change needed to reach the target by the target year."),
    message("meth_f_ratio", "Progress ratio: the share of the needed pace the city achieves."),
    message("meth_f_path_geometric", "Target path, geometric (the default: the same rate every year)."),
    message("meth_f_path_linear", "Target path, linear (the same amount every year)."),
    message("meth_f_gap", "Gap to the path in the latest year (negative: ahead of the path)."),
    message("meth_f_reduction", "Reduction so far."),
    message("meth_f_change", "Change since the baseline (+ is a rise)."),
    message("meth_f_required_now",
            "Annual change needed from the latest value on to reach the target by the target year (only while the "
            "latest value is above the target; once at or below it, the task is to keep it there)."),
    message("meth_f_projection",
            "Projection at the current pace, for years after t; P(Y) is the projected target-year value. A "
            "projection is not a forecast."),
    message("meth_f_first_year",
            "First year at or below the target at the current pace (only when L > T and the value falls)."),
    message("meth_smoothing_rule",
            "With {window}-year smoothing, B and L are means of the years b−{back}..b and t−{back}..t that have "
            "values (at least {min} of the {window}); otherwise there is no baseline or no latest value. Without "
            "smoothing, a baseline year with no value is replaced by the nearest year within {search} years "
            "(earlier on a tie), and the city is flagged."),
    message("meth_status_title", "Status, checked in this order"),
    message("meth_col_status", "Status"),
    message("meth_col_rule", "Rule"),
    message("meth_rule_insufficient_data", "no baseline, or no value after the baseline year"),
    message("meth_rule_achieved", "L ≤ T"),
    message("meth_rule_on_track", "CR ≥ {on}"),
    message("meth_rule_fair_progress", "{fair} ≤ CR < {on}"),
    message("meth_rule_limited_progress", "{limited} ≤ CR < {fair}"),
    message("meth_rule_deterioration", "CR < {limited}"),
    message("meth_status_edges",
            "Edge cases: B = 0 is achieved when L = 0, else deterioration; L = 0 with B > 0 is achieved. "
            "Comparisons use unrounded values; the pages round rates and percentages to one decimal. Status is "
            "never shown by colour alone: each has a symbol and a label. Indicators where higher is better get "
            "trends and changes, but no halving target and no status."),
    message("meth_example_title", "Worked example: {city} {b} → {t}"),
    message("meth_example_from_data",
            "{city}, {indicator}, main series ({source}): {b_value} in {b} (baseline B) and {t_value} in {t} "
            "(latest value L), the figures its city page shows under the settings in force. Each step below is "
            "the engine's own formula."),
    message("meth_example_none",
            "Under the settings in force {city} has no baseline, no later value or no target in its main series, "
            "so there is no worked example to show; the formulas above still apply."),
    message("meth_example_status", "Status: {status}."),
    message("meth_uncertainty", "Uncertainty for small numbers"),
    message("meth_poisson_text",
            "Where a rate comes from a count k and a population p, its {level} interval is the exact Poisson "
            "(Garwood) interval (lower bound 0 when k = 0). A city with fewer than {small} homicides in its latest "
            "year is flagged: its single-year status can flip on chance, and the page suggests 3-year smoothing."),
    # TRANSLATORS: the form follows {count}.
    plural("meth_poisson_example",
           "Example from the data: {city} {year}, {count} homicide, population {population}: rate {rate}, "
           "{level} interval {lower} to {upper}.",
           "Example from the data: {city} {year}, {count} homicides, population {population}: rate {rate}, "
           "{level} interval {lower} to {upper}.",
           count="count"),
    message("meth_rates", "Rates from counts"),
    message("meth_rates_text",
            "Where a year has both a homicide count and a population but no rate, the rate is derived and marked "
            "as derived; a rate given by the source is never overwritten. Population for a year without a figure "
            "is interpolated linearly between the nearest known years, and carried beyond the known range by at "
            "most {carry} years (flagged)."),
    message("meth_network", "The network view"),
    message("meth_network_text",
            "Cities per status are counted with the number of cities that have enough data. The median city index "
            "is, for each year, the median across cities with a baseline of 100 × value / B, shown with the number "
            "of cities behind each year, against the path from 100 to {target_index} by the target year."),
    message("meth_caveats", "Caveats"),
    message("meth_caveat_definitions",
            "Cities count homicides differently (police records, death certificates, press figures; city or metro "
            "area). Compare changes, not levels, and read each row's note."),
    message("meth_caveat_series",
            "Sources can disagree: other series are shown beside the main one, never mixed into it."),
    message("meth_caveat_projection",
            "The projection extends the pace since the baseline; it says where the current pace leads, not what "
            "will happen."),
    message("meth_caveat_small",
            "Small cities have few homicides: one year's status can move on chance. Use the intervals and the "
            "3-year smoothing."),
    message("meth_caveat_no_data", "Cities without data are listed as “no data yet”, never given a number."),
    message("meth_sources", "Sources of the shipped data"),
    message("meth_sources_note", "As written in data/SOURCES.md (in English, as the sources are cited)."),
    message("meth_sources_missing", "The sources list (data/SOURCES.md) was not found on this server."),
    # Words inside the rendered formulas.
    message("meth_word_gap", "gap"),
    message("meth_word_lower", "lower"),
    message("meth_word_upper", "upper"),
    message("meth_word_rate", "rate"),
)
