"""Releases as pages show them: which release a page shows, earlier ones, downloads, links to gone uploads."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    message("release_caption", "Data: PiOC release {number} ({date})"),
    message("release_earlier",
            "You are looking at release {number} ({date}), an earlier release of the network's data; the latest "
            "is release {latest}."),
    message("release_show_latest", "Show the latest release"),
    message("release_unknown", "There is no release {number}; this page shows the latest, release {latest}."),
    message("release_cite", "Cite as: Peace in Our Cities network data, release {number} ({date})."),
    message("store_page_unavailable",
            "The dashboard cannot read the network's data right now. Please try again in a few minutes; if this "
            "persists, tell the network's secretariat."),
    message("store_page_detail", "Details for the server's operator: {detail}"),
    message("notice_gone_city",
            "This link names a city, “{city}”, that is not in the data shown. If it came from an uploaded file: an "
            "upload lasts only for the browser tab that made it (a reload or a new tab drops it), so upload the file "
            "again on the Data page."),
    message("your_data_release", "made on release {number}"),
    message("data_tab_releases", "Releases"),
    message("data_release_current", "This page shows release {number}, published on {date} by {by}: {note}"),
    message("data_release_files", "The data as files: a folder of this release"),
    message("data_releases_intro",
            "Every change to the network's data is published as a numbered release that never changes afterwards. "
            "Download any release as the data format's CSV files (a zip), to cite it or to check it."),
    message("data_release_pick", "Release"),
    message("data_release_download", "Download release {number} (zip of CSV files)"),
    message("data_release_col_number", "Release"),
    message("data_release_col_date", "Published"),
    message("data_release_col_by", "By"),
    message("data_release_col_note", "Note"),
    message("data_release_none", "This dashboard reads a data folder, not the network's store: it has no releases."),
    message("data_release_col_added", "Rows added"),
    message("data_release_col_changed", "Values changed"),
    message("data_release_col_removed", "Rows removed"),
    message("data_compare_title", "Compare two releases"),
    message("data_compare_one", "There is one release so far: nothing to compare yet."),
    message("data_compare_from", "From release"),
    message("data_compare_to", "To release"),
    message("data_compare_same", "Pick two different releases to see what changed between them."),
    message("data_compare_summary", "From release {old} to release {new}: {added}; {changed}; {removed}."),
    # TRANSLATORS: fills {added} in data_compare_summary.
    plural("data_compare_summary.added", "{n} row added", "{n} rows added"),
    # TRANSLATORS: fills {changed} in data_compare_summary.
    plural("data_compare_summary.changed", "{n} row changed", "{n} rows changed"),
    # TRANSLATORS: fills {removed} in data_compare_summary.
    plural("data_compare_summary.removed", "{n} row removed", "{n} rows removed"),
    message("data_compare_removed_title", "Rows removed"),
    plural("data_compare_first", "The first {shown} of {n} row are shown; the download has them all.",
           "The first {shown} of {n} rows are shown; the download has them all."),
    message("data_compare_download", "Download every difference between release {old} and release {new} (CSV)"),
    message("changes_catalog_row", "Indicator catalogue"),
    message("city_history_title", "History of {city}'s figures"),
    message("city_history_none", "No figure of this city had been published up to release {number}."),
    plural("city_history_intro",
           "Every version of this city's figures up to release {number}, newest first: the release that brought "
           "each value, where it came from, and the value it replaced. {n} value has been replaced since it was "
           "first published.",
           "Every version of this city's figures up to release {number}, newest first: the release that brought "
           "each value, where it came from, and the value it replaced. {n} values have been replaced since they "
           "were first published."),
    message("history_col_figure", "Figure"),
    message("history_col_value", "Value"),
    message("history_col_source", "Source"),
    message("history_col_release", "Release"),
    message("history_col_from", "Came from"),
    message("history_col_previous", "Replaced value"),
    message("history_col_previous_source", "Its source"),
    message("history_col_now", "Now"),
    message("history_from_submission", "submission {id} by {name}, published by {published_by}"),
    message("history_from_import", "imported by {published_by}"),
    message("history_current", "current"),
    message("history_replaced_in", "replaced in release {number}"),
)
