"""The year so far and the last 12 months (methodology v2, "Months and the year so far")."""

from pioc_metrics.text.messages import message

MESSAGES = (
    message("month_year", "{month} {year}"),
    message("months_span", "{first} to {last} {year}"),
    message("ytd_title", "This year so far"),
    message("ytd_intro",
            "From the city's monthly figures: the months of this year so far against the same months a year "
            "earlier, and the last 12 months. A partial year never sets the status above, which stays yearly."),
    message("ytd_indicator", "Monthly figure"),
    message("ytd_line", "{span}: {value} {indicator}, against {previous_value} in the same months of {previous} "
                        "({change})."),
    message("ytd_no_previous", "{span}: {value} {indicator}; the same months of {previous} are not all known, so "
                               "there is nothing to compare with."),
    message("ytd_incomplete", "{span}: a month is missing, so there is no total for the year so far (a missing "
                              "month is never counted as zero)."),
    message("ytd_clear_fall",
            "A clear fall: with the numbers this small or large, chance alone would rarely give it (95 % interval "
            "of the ratio of this year to last year: {low} to {high})."),
    message("ytd_clear_rise",
            "A clear rise: with the numbers this small or large, chance alone would rarely give it (95 % interval "
            "of the ratio of this year to last year: {low} to {high})."),
    message("ytd_chance",
            "This could still be chance: the 95 % interval of the ratio of this year to last year, {low} to {high}, "
            "includes no change."),
    message("last12_line", "In the 12 months to {end}: {value} {indicator}, against {previous} in the 12 months "
                           "before ({change}). If the rest of the year goes like the same months last year, the "
                           "year would end near this figure."),
    message("last12_only", "In the 12 months to {end}: {value} {indicator}."),
    message("ytd_preliminary", "The latest months are preliminary: {note}."),
    message("ytd_chart_title", "{indicator}, month by month: {year} against earlier years"),
    message("ytd_chart_this", "{year}"),
    message("ytd_chart_last", "{year}"),
    message("ytd_chart_earlier", "Average {first}–{last}"),
    message("ytd_chart_alt",
            "Monthly {indicator} in {city}: {year} from January to {month} against the same months of {previous} "
            "and the average of the years before."),
    message("ytd_cell_clear", "clear"),
    message("ytd_cell_chance", "could be chance"),
    message("overview_ytd_title", "This year so far, in cities with monthly figures"),
    message("overview_ytd_intro",
            "Each city's latest months against the same months a year earlier. \"Could be chance\": the change is "
            "within what chance alone gives with numbers this size."),
    message("overview_ytd_col_city", "City"),
    message("overview_ytd_col_indicator", "Indicator"),
    message("overview_ytd_col_through", "Through"),
    message("overview_ytd_col_ytd", "This year so far"),
    message("overview_ytd_col_previous", "Same months last year"),
    message("overview_ytd_col_change", "Change"),
    message("city_all_indicators", "Every indicator {city} has"),
    message("city_all_indicators_note",
            "Each form of violence the city's figures cover, year by year, with its own path to halving where "
            "lower is better (a rate where the population is known, else the count). The sidebar's indicator "
            "sets the chart above."),
    message("city_what_is_counted", "What {city}'s figures count, as the source says: {note}"),
    message("compare_definitions_differ",
            "These cities' figures of {indicator} do not all count the same things, so their levels are not like "
            "for like; compare changes rather than levels:"),
    message("meth_months", "Months and the year so far"),
    message("meth_months_text",
            "Where a source gives monthly counts, a year's value is the sum of its 12 months (marked derived), only "
            "when all 12 exist and no yearly figure is given for it: a given yearly figure always wins, and a "
            "missing month is never counted as zero. The year so far through month m is the sum of months 1 to m, "
            "compared with the same months a year earlier when every one of them is known in both years. With a "
            "the count this year and b the count a year earlier, if nothing had changed a would be Binomial(a + b, "
            "1/2): the exact (Clopper-Pearson) interval of p = a / (a + b), with B the Beta distribution's "
            "quantile, gives the interval of the ratio a / b."),
    message("meth_months_clear",
            "The change is called clear when the {level} interval of the ratio leaves out 1 (no change); otherwise "
            "it could be chance. The last 12 months are the sum of the 12 most recent months (all known), beside "
            "the 12 months before them. Statuses stay yearly: a partial year is never a city's latest value."),
    message("meth_months_example",
            "Example from the data shown: {city}, {span}: {a} {indicator} against {b} a year earlier, a ratio of "
            "{ratio}; its {level} interval is {low} to {high}: {verdict}."),
)
