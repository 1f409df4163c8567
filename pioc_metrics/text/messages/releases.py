"""Releases as pages show them: which release a page shows, earlier ones, downloads, links to gone uploads."""

from pioc_metrics.text.messages import message

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
)
