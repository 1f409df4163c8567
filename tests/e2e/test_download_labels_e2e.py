"""Download buttons on a 1366 px laptop: every label shows whole (none cut off with an ellipsis) in every language,
and the progress table a user downloads from the Data page is the table with every city named."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pioc_metrics.engine.progress import PROGRESS_COLUMNS
from pioc_metrics.text.i18n import LANGUAGES, t

pytestmark = pytest.mark.e2e

# Each label's text box: Streamlit cuts a label that does not fit (overflow hidden, text-overflow ellipsis).
CUT_LABELS = """() => [...document.querySelectorAll("[data-testid='stDownloadButton'] button")]
  .filter(b => b.getBoundingClientRect().width > 0)
  .map(b => { const box = b.querySelector("[data-testid='stMarkdownContainer']") || b;
              return {label: b.innerText, cut: box.scrollWidth > box.clientWidth + 1}; })"""


def labels(app) -> list[dict]:
    return app.page.evaluate(CUT_LABELS)


def open_table_tab(app, lang: str) -> None:
    app.page.get_by_role("tab", name=t("data_tab_table", lang)).click()
    app.wait_idle()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_download_label_is_cut_off_on_the_city_and_data_pages(page_for, lang):
    app = page_for(width=1366, height=768)
    app.goto(f"/city?city=palmira&lang={lang}", timeout=120_000)  # the first page of a cold server computes its caches
    city = labels(app)
    app.goto(f"/data?lang={lang}")
    open_table_tab(app, lang)
    data = labels(app)
    shown = [b["label"] for b in city + data]
    for key in ("exp_download_png", "exp_download_brief", "data_download_progress_csv", "data_download_excel"):
        assert t(key, lang) in shown, (key, shown)
    assert not [b["label"] for b in city + data if b["cut"]], lang
    app.assert_clean()


def test_the_progress_csv_is_the_table_with_every_city_named(page_for):
    app = page_for(width=1366, height=768)
    app.goto("/data?lang=pt&reduction=0.6")
    open_table_tab(app, "pt")
    with app.page.expect_download(timeout=60_000) as event:
        app.page.get_by_role("button", name=t("data_download_progress_csv", "pt")).click()
    download = event.value
    assert download.suggested_filename.startswith("pioc-progress_headline_base-own_2030_60pc_none_geometric_")
    frame = pd.read_csv(io.BytesIO(open(download.path(), "rb").read()), encoding="utf-8-sig")
    assert list(frame.columns[:3]) == ["city_id", "city", "country"]
    assert set(PROGRESS_COLUMNS) <= set(frame.columns)
    assert frame.set_index("city_id").loc["palmira", "city"] == "Palmira"
    app.assert_clean()
