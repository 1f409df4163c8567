"""Strings of the downloads: chart images and the one-page city brief."""

from pioc_metrics.text.messages import message

MESSAGES = (
    message("exp_download_png", "Download PNG"),
    message("exp_download_svg", "Download SVG"),
    message("exp_download_brief", "City brief (PDF, 1 page)"),
    message("exp_download_help",
            "The file is made on the server when you click (a few seconds); it works without internet."),
    message("exp_brief_title", "{city}: progress towards halving violence"),
    message("exp_chart_title", "{city}: observed values, target path and projection"),
    message("exp_target_path", "Target path"),
    message("exp_projection", "Projection at the current pace"),
    message("exp_key_figures", "Key figures ({unit})"),
    message("exp_flags", "Read with care"),
    message("exp_sources", "Sources"),
    message("exp_more_sources", "More sources: see the dashboard's data table."),
    message("exp_made_on", "Made on {date} with the Peace in Our Cities progress dashboard."),
    message("exp_failed",
            "The file could not be made on this server (is Chromium installed?). The figures are all on the page."),
)
