"""Steps a browser test takes inside one session: open the upload tab, upload and apply a file,
follow a sidebar link, pick an option of a select box by typing part of it."""

from __future__ import annotations

from pioc_metrics.text.i18n import t


def open_upload_tab(app, lang: str = "en"):
    app.goto(f"/data?lang={lang}")
    app.page.get_by_role("tab", name=t("data_tab_upload", lang)).click()
    return app


def upload(app, name: str, content: bytes, *, apply: bool = True, mode: str = "extend", lang: str = "en"):
    app.page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content})
    app.page.get_by_text(t("data_report_title", lang)).wait_for(timeout=30_000)
    app.wait_idle()
    if apply:
        app.page.get_by_text(t(f"data_mode_{mode}", lang)).click()
        app.wait_idle()
        app.page.get_by_role("button", name=t("data_apply", lang)).click()
        app.page.get_by_text(t("data_remove", lang)).wait_for(timeout=30_000)
        app.wait_idle()


def go(app, name_key: str, lang: str = "en"):
    """Navigate inside the same session (a reload would start a new one, without the upload)."""
    app.page.get_by_role("link", name=t(name_key, lang)).first.click()
    app.wait_idle()


def pick(app, widget, typed: str, option_text: str) -> None:
    """Choose the option showing `option_text` in a select box or multiselect (`widget`, a locator) by typing."""
    box = widget.locator("input[role='combobox']").first
    box.click()
    box.fill(typed)
    app.page.get_by_role("option").filter(has_text=option_text).first.click()
    if app.page.get_by_role("listbox").count():
        app.page.keyboard.press("Escape")  # a multiselect stays open, and its open list hides the page from roles
    app.wait_idle()
