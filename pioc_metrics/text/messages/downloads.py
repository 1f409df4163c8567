"""The progress table a user downloads from the Data page, and the 'about' sheet that says what it was made from."""

from pioc_metrics.text.messages import message

MESSAGES = (
    message("data_progress_title", "Progress of every city, as computed"),
    message("data_progress_caption",
            "One row per city with every figure of the method (baseline, latest value, target, annual changes, "
            "status, projection, notes), under the settings in force: {settings}. The Excel file adds an “about” "
            "sheet with the settings, the data and the date; the CSV holds the table alone, with the settings in "
            "its file name."),
    message("data_download_progress_csv", "Progress table (CSV)"),
    message("data_download_progress_excel", "Progress table (Excel)"),
    message("progress_about_settings", "Settings"),
    message("progress_about_indicator", "Indicator"),
    message("progress_about_baseline", "Baseline year"),
    message("progress_about_target_year", "Target year"),
    message("progress_about_reduction", "Reduction (share of the baseline)"),
    message("progress_about_smoothing", "Smoothing"),
    message("progress_about_path", "Target path"),
    message("progress_about_data", "Data"),
    message("progress_about_made", "Made on"),
    message("progress_about_methodology", "Methodology"),
    message("progress_about_sources", "Sources"),
    message("progress_about_methodology_value",
            "{version}: the UN SDG Progress Chart method (see the dashboard's Methodology page)"),
    message("progress_about_sources_value",
            "Every value's source is in the data download of the Data page and in the data's SOURCES.md."),
    message("progress_data_shipped", "the dashboard's shipped data (fingerprint {key})"),
    message("progress_data_upload", "your upload, {name} (content {key})"),
)
