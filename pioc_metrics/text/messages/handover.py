"""The handover brief's own words (its headings and most lines are in messages/stories.py, keys handover_*)."""

from pioc_metrics.text.messages import message

MESSAGES = (
    message("handover_target_no_baseline",
            "{city} has no baseline figure yet, so its target cannot be stated: the target is the baseline cut by "
            "{share} by {target_year}."),
    message("handover_sources_figures", "Figures"),
    message("handover_sources_stories", "Events and practices"),
    message("handover_page", "Page {page} of {pages}"),
)
