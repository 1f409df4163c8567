"""Strings of the presentation mode (/present)."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    message("pres_slide_of", "Slide {n} of {total}"),
    message("pres_next", "Next ▶"),
    message("pres_previous", "◀ Previous"),
    message("pres_keys", "Keys: → or Page Down or Space: next; ← or Page Up: previous."),
    message("pres_back", "Leave the presentation"),
    message("pres_bad_slide", "The link's slide number was not understood; showing slide 1."),
    message("pres_bad_slides", "Part of the link's list of slides was not understood and is left out."),
    message("pres_choose", "Choose slides"),
    message("pres_choose_slides", "Slides, in order"),
    message("pres_choose_help",
            "Pick the slides this convening shows, in the order picked: the network's slides and any city's own. "
            "The link keeps the choice."),
    message("pres_kind_map", "Map of the network"),
    message("pres_kind_network", "The network against the path"),
    message("pres_kind_statuses", "Where the cities stand"),
    message("pres_kind_pick", "Any city, picked on the slide"),
    message("pres_kind_city", "City: {city}"),
    # TRANSLATORS: under each slide's title: the indicator, then the settings line (baseline, target, ...).
    message("pres_settings", "{indicator} · {settings}"),
    message("pres_language", "Language"),
    message("pres_title_map", "The Peace in Our Cities network"),
    message("pres_title_city", "{city}: the long run"),
    message("pres_title_network", "The network against the halving path"),
    message("pres_title_statuses", "Where the cities stand"),
    message("pres_title_pick", "Any city"),
    message("pres_pick_city", "City"),
    # TRANSLATORS: {cities}, {members} and {prospective} are filled with the plural phrases below.
    message("pres_map_headline", "{cities}: {members}, {prospective}; {with_data} with violence figures so far."),
    # TRANSLATORS: fills {cities} in pres_map_headline.
    plural("pres_map_headline.cities", "{n} city on the map", "{n} cities on the map"),
    # TRANSLATORS: fills {members} in pres_map_headline.
    plural("pres_map_headline.members", "{n} member", "{n} members"),
    # TRANSLATORS: fills {prospective} in pres_map_headline.
    plural("pres_map_headline.prospective", "{n} prospective", "{n} prospective"),
    message("pres_map_source",
            "Source: coordinates and population from GeoNames (CC BY 4.0), DANE and Wikipedia; country outlines "
            "from Natural Earth; statuses from each city's sources (see the Methodology page)."),
    message("pres_map_alt",
            "World map of the network's cities, each marked with its status symbol and colour; the legend below "
            "lists the statuses."),
    # TRANSLATORS: {cities} is filled with the plural phrase below.
    message("pres_network_headline",
            "In {year} the median city stood at {value} (baseline {baseline} = 100); the path asks for {path}. "
            "{cities}."),
    # TRANSLATORS: fills {cities} in pres_network_headline.
    plural("pres_network_headline.cities", "{n} city behind that year", "{n} cities behind that year"),
    message("pres_network_none", "No city has values after {year} yet."),
    # TRANSLATORS: {judged} and {total} are filled with the plural phrases below; the form follows {good}.
    plural("pres_status_headline",
           "{good} {judged} with enough data has achieved the target or is on track ({total} in all).",
           "{good} {judged} with enough data have achieved the target or are on track ({total} in all).",
           count="good"),
    # TRANSLATORS: fills {judged} in pres_status_headline.
    plural("pres_status_headline.judged", "of the {n} city", "of the {n} cities"),
    # TRANSLATORS: fills {total} in pres_status_headline.
    plural("pres_status_headline.total", "{n} city", "{n} cities"),
    message("pres_no_data", "{city}: no data yet."),
    message("pres_chart_alt", "Chart summary: {text}"),
    message("pres_reference_points", "Other sources, shown beside the main series: {points}"),
)
