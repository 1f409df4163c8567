"""Map page and the map builder (pioc_metrics.figures.maps)."""

from pioc_metrics.text.messages import message

MESSAGES = (
    # page
    message("map_title", "Map of the network's cities"),
    message("map_intro", "{indicator}. Circle size: population; colour and symbol: {what}."),
    message("map_what_status", "each city's status (its latest data)"),
    message("map_what_year", "the value in {year} against the city's baseline"),
    message("map_colour_by", "Colour by"),
    message("map_colour_status", "Status (latest data)"),
    message("map_colour_year", "Value in a chosen year"),
    message("map_year", "Year"),
    message("map_year_help",
            "Years with data for this indicator. Used when colouring by the value in a chosen year."),
    message("map_play", "▶ Play the years"),
    message("map_stop", "■ Stop"),
    message("map_play_help", "Shows each year in turn, from the first (or the one chosen) to the last."),
    message("map_area", "Show"),
    message("map_area_world", "The whole network"),
    message("map_area_latin_america", "Latin America and the Caribbean"),
    message("map_area_north_america", "North America"),
    message("map_area_europe", "Europe"),
    message("map_area_africa", "Africa"),
    message("map_area_asia", "Asia"),
    message("map_tiles", "Web map tiles (needs internet)"),
    message("map_tiles_help", "Off: the map uses country outlines shipped with the app and works offline."),
    message("map_membership", "Cities shown"),
    message("map_none_selected", "No city matches this choice: pick at least one kind of membership."),
    message("map_no_years", "No city has data for this indicator yet, so there is no year to choose."),
    message("map_legend", "Legend"),
    message("map_legend_outline",
            "Outline: dark ring = member; pale circle with a thick coloured ring = prospective member; white ring "
            "= other city shown for reference. Circle area grows with population (grey-ringed small circles: "
            "population unknown or small)."),
    message("map_legend_labels_year", "Each label shows the city's index in {year} (baseline = 100)."),
    message("map_table_heading", "Cities on the map"),
    message("map_col_value_year", "Value in {year}"),
    message("map_col_index_year", "Index {year} (baseline = 100)"),
    message("map_col_population", "Population"),
    message("map_offline_note",
            "Basemap: country outlines shipped with the app (Natural Earth), no internet needed."),
    message("map_tiles_note", "Basemap: web map tiles © CARTO, © OpenStreetMap contributors (needs internet)."),
    # year classes (colouring by a chosen year)
    message("map_year_at_target", "At or below the target"),
    message("map_year_below_baseline", "Below the baseline, above the target"),
    message("map_year_above_baseline", "At or above the baseline"),
    message("map_year_no_value", "No value that year, or no baseline"),
    # tooltip
    message("map_tt_baseline", "Baseline ({year})"),
    message("map_tt_latest", "Latest ({year})"),
    message("map_tt_required", "Required annual change"),
    message("map_tt_actual", "Actual annual change"),
    message("map_tt_value_year", "Value in {year}"),
    message("map_tt_index_year", "Index vs baseline"),
    message("map_tt_population", "Population"),
    message("map_tt_unknown", "unknown"),
)
