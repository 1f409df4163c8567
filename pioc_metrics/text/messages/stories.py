"""Events, practices, before and after a practice's start, peers and the handover brief (issue 15)."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    # kinds of event (data contract v2)
    message("event_kind_strategy", "Strategy"),
    message("event_kind_programme", "Programme"),
    message("event_kind_policy", "Policy"),
    message("event_kind_administration", "New administration"),
    message("event_kind_data", "Change in how figures are counted"),
    message("event_kind_other", "Other"),
    # approaches of a practice
    message("approach_focused_deterrence", "Focused deterrence"),
    message("approach_violence_interruption", "Violence interruption"),
    message("approach_youth", "Youth"),
    message("approach_gender", "Gender"),
    message("approach_urban_design", "Urban design"),
    message("approach_public_health", "Public health"),
    message("approach_policing", "Policing"),
    message("approach_community", "Community"),
    message("approach_justice", "Justice"),
    message("approach_data", "Data"),
    message("approach_other", "Other"),
    # events beside a city's line
    message("events_title", "What happened in {city}"),
    message("events_intro", "Dated events from the network's reports and public sources, numbered as on the chart "
                            "above. A change in how figures are counted is drawn as a break in the line."),
    message("events_none", "No events are recorded for {city} yet. To add one, send its date, what happened and "
                           "its source to the network's secretariat (the Data page explains events.csv)."),
    message("events_show", "Show events on the chart"),
    message("event_source", "Source: {source}"),
    message("event_line", "{date} · {kind}: {title}"),
    message("event_data_break", "Counting changed: {title}"),
    # the practices library
    message("nav_practices", "Practices"),
    message("practices_title", "What cities do: the network's practices"),
    message("practices_intro",
            "The network's library of practices: what member cities did, where, since when, and what is known of "
            "the effect. Each city's chart marks the year the practice started there. The figures before and "
            "after a start describe what happened around a date; they are not an evaluation of the practice."),
    message("practices_search", "Search practices"),
    message("practices_search_help", "Words from a practice's title or summary, e.g. outreach or jóvenes"),
    message("practices_approach", "Approach"),
    message("practices_city", "City"),
    message("practices_all", "All"),
    message("practices_found", "{n} of {total} practices"),
    message("practices_none_found", "No practice matches these choices. Clear the search or choose another "
                                    "approach or city."),
    message("practices_none", "The network's library has no practices yet. To add one, send its title, cities, "
                              "start year, evidence and source to the secretariat (practices.csv on the Data "
                              "page)."),
    message("practice_since", "Since {year}"),
    message("practice_cities", "Cities: {cities}"),
    message("practice_approaches", "Approach: {approaches}"),
    message("practice_evidence", "What is known of its effect: {evidence}"),
    message("practice_not_evaluated", "not evaluated: no study of its effect is known to the network"),
    message("practice_source", "Source: {source}"),
    message("practice_contact", "Contact: {contact}"),
    message("practice_city_link", "{city}'s page"),
    message("practice_not_an_evaluation",
            "This compares the years before and after a date. It is not an evaluation of the practice's effect: "
            "other things changed in those years too, and a fall or rise may have started before the practice."),
    message("practice_show_charts", "Show the cities' charts"),
    message("practice_chart_alt", "{city}'s figures year by year, with the start of {practice} ({year}) marked."),
    message("practice_chart_title", "{city}: {indicator}, with {practice} marked"),
    message("practice_start_marker", "{practice} starts ({year})"),
    message("practice_no_data", "{city}: no homicide figures yet, so there is nothing to show around the start "
                                "of the practice."),
    # before and after a start
    message("before_after_line",
            "Homicides in the {years} years before {start} ({before_span}): {before}; in the {years} years after "
            "({after_span}): {after}."),
    message("before_after_change_rate", "As a rate per inhabitant: {change} ({level} interval of the ratio: "
                                        "{low} to {high})."),
    message("before_after_change_count", "In numbers of homicides (the population of those years is not known): "
                                         "{change} ({level} interval of the ratio: {low} to {high})."),
    message("before_after_clear", "More than chance alone would usually give."),
    message("before_after_chance", "This could still be chance: the interval includes no change."),
    message("before_after_too_soon", "The {years} years after {start} are not all in the data yet, so there is "
                                     "no comparison yet."),
    message("before_after_missing", "Not every year from {first} to {last} has a homicide count, so the years "
                                    "before and after {start} are not compared (a missing year is never counted "
                                    "as zero)."),
    message("before_after_no_data", "No homicide figures of the city are in the data yet, so there is nothing to "
                                    "compare."),
    message("before_after_break", "Caution: how the figures are counted changed within these years ({dates}), "
                                  "so the years on either side are not strictly comparable."),
    message("before_after_no_start", "The practice has no start year, so there is nothing to compare."),
    message("change_fewer", "{share} fewer"),
    message("change_more", "{share} more"),
    message("change_same", "no change"),
    # peers
    message("peers_title", "Cities to learn from"),
    message("peers_intro",
            "Member cities measured the same way as {city}, at a similar level and of a similar size, whose "
            "figures fell since their baseline; the largest fall first. Ask them what they did. (The rule is on "
            "the Methodology page.)"),
    message("peers_line", "{city} ({country}): {indicator} from {baseline} in {baseline_year} to {latest} in "
                          "{latest_year} ({change})."),
    message("peers_practices", "Practices in the network's library: {practices}"),
    message("peers_no_practices", "No practice of {city} is in the network's library yet."),
    message("peers_none",
            "No member city matches the rule for {city} yet (measured the same way, a similar level and size, "
            "figures that fell)."),
    message("peers_no_data", "Peers need {city}'s own baseline figure and population first."),
    message("methodology_stories_title", "Events, practices and peers"),
    message("methodology_before_after",
            "Before and after a practice's start. The start in a city is the year of its first event that puts "
            "the practice in place (events.csv), else the practice's year. The homicides of the {years} years "
            "before the start are set against those of the {years} years after it; the start year itself is left "
            "out, because it is partly before and partly after. Where the population of all these years is known, "
            "the ratio is of rates (the count ratio times the population before over the population after), else "
            "of counts. Its {level} interval is the exact (Clopper-Pearson) interval of the ratio of two Poisson "
            "counts, as for the year so far. A missing year means no comparison. This describes what happened "
            "around a date; it is never an estimate of the practice's effect."),
    message("methodology_before_after_example", "For example, {practice} in {city}:"),
    message("methodology_peers",
            "Cities to learn from. For a city with a baseline and a population, the peers are the other member "
            "cities whose status uses the same measure, whose baseline is between {level_low} and {level_high} "
            "times the city's, whose population (cities.csv) is between {size_low} and {size_high} times the "
            "city's, and whose figures fell since their baseline; the {shown} with the largest fall are shown, "
            "with the practices they use."),
    message("methodology_events",
            "Events. Each event of events.csv is marked on the city's chart at its date (a date with a month or "
            "day falls within its year). A change in how figures are counted (kind \"data\") breaks the line "
            "there, so that the years on either side are not read as one series."),
    # handover brief
    plural("brief_more_events", "… and {n} earlier event", "… and {n} earlier events"),
    message("handover_button", "Handover brief (PDF)"),
    message("handover_help", "For an incoming administration: target, status, trajectory with events, the year "
                             "so far, practices, peers and sources, in the page's language."),
    message("handover_title", "Handover brief: {city}"),
    message("handover_subtitle", "Where {city} stands on halving violence by {target_year}, for the incoming "
                                 "administration"),
    message("handover_target", "The commitment"),
    message("handover_target_line", "{city} aims to reduce {indicator} by {share} from its {baseline_year} "
                                    "baseline ({baseline}) to {target} by {target_year}."),
    message("handover_status", "Where the city stands"),
    message("handover_trajectory", "The trajectory, with what happened"),
    message("handover_events", "What happened"),
    message("handover_year_so_far", "This year so far"),
    message("handover_practices", "What {city} does"),
    message("handover_no_practices", "None of {city}'s practices is in the network's library yet."),
    message("handover_peers", "Cities to learn from"),
    message("handover_sources", "Where the data comes from"),
    message("handover_next", "What to do next"),
    message("handover_next_line",
            "Keep the yearly figures coming to the network with their sources; confirm or set the city's own "
            "baseline; and contact the cities above about what they did."),
)
