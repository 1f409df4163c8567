"""A city named with markdown, shortcodes, HTML and LaTeX shows exactly as typed on every page and in every export.

Markdown sources are read as AppTest sees them: wherever the name is shown through markdown
(text, headings, captions, notices, widget labels and help), it is there in text.escape's
form and never raw; where text is shown as plain text (select options, st.text), it is
there as typed. Figures carry it in plotly's escaped form, map tooltips as plain text (escaped by Streamlit).
"""

from __future__ import annotations

import html
import io
import json
import re

import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pioc_metrics.app.registry import PAGES
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.exports import brief, downloads, images
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t
from tests.app.hostile import CITY_ID, FILE_NAME, NAME, hostile_upload
from tests.apptest_pages import open_page

# The link each page opens with, so the hostile city is the one it shows (the other pages show every city).
VIEW = {"city": {"city": CITY_ID}, "compare": {"cities": f"{CITY_ID},palmira"},
        "present": {"slide": "6", "city": CITY_ID}}
PLAIN_OPTIONS = ("Selectbox", "Multiselect")  # options shown as plain text (radio options are markdown)


@pytest.fixture(scope="module")
def upload(shipped_data):
    return hostile_upload(shipped_data)


def _walk(node):
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _walk(child)


def rendered_text(at) -> tuple[list[str], list[str], list[str]]:
    """(markdown sources, LaTeX sources, plain texts) of everything on the page."""
    markdown, latex, plain = [], [], []
    for node in _walk(at._tree):
        proto, kind = getattr(node, "proto", None), type(node).__name__
        if proto is None:
            continue
        fields = {f.name for f in proto.DESCRIPTOR.fields}
        if kind == "Text":
            plain.append(proto.body)
            continue
        if kind == "Markdown" and proto.body.startswith("$$"):
            latex.append(proto.body)
            continue
        for field in ("body", "label", "help"):
            if field in fields and not (kind == "Metric" and field == "body"):  # a metric's value is plain
                markdown.append(getattr(proto, field))
        if kind == "Block" and proto.HasField("tab"):
            markdown.append(proto.tab.label)
        if "options" in fields:
            (plain if kind in PLAIN_OPTIONS else markdown).extend(str(o) for o in proto.options)
    return [m for m in markdown if m], latex, plain


def shown(source: str) -> str:
    """What markdown displays for a source made by text.escape: breaks are empty, `\\c` is `c`."""
    return re.sub(r"\\(.)", r"\1", source.replace(escape.MARKDOWN_BREAK, ""))


def assert_escaped(markdown: list[str], latex: list[str]) -> None:
    """The hostile name never reaches markdown raw (where it shows, text.escape escaped it), nor LaTeX."""
    escaped = escape.markdown(NAME)
    for source in markdown:
        assert NAME not in source, f"raw name in markdown: {source!r}"
        if NAME in shown(source):
            assert escaped in source, f"name not escaped by text.escape: {source!r}"
    for source in latex:
        assert "example.org" not in source and "smile" not in source, source


@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.id)
def test_the_name_never_reaches_markdown_raw_on_any_page(entry, upload):
    at = open_page(entry.id, session={"user_data": upload}, lang="en", **VIEW.get(entry.id, {}))
    markdown, latex, plain = rendered_text(at)
    assert_escaped(markdown, latex)
    assert any(NAME in text for text in plain) or entry.id in {"overview", "map", "methodology", "data", "sign_in",
                                                               "practices",
                                                               "review", "accounts"}
    assert FILE_NAME in plain  # the "your data" banner names the file as plain text


def test_city_page_shows_the_name_in_its_heading_download_button_and_sources(upload):
    at = open_page("city", session={"user_data": upload}, city=CITY_ID)
    markdown, _latex, plain = rendered_text(at)
    escaped = escape.markdown(NAME)
    assert at.title[0].value.startswith(escaped)
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("city_download_csv", "en", city=escaped) in labels
    assert sum(escaped in source for source in markdown) >= 4  # heading, table heading, button, sources list
    assert any(option.startswith(NAME) for option in plain)  # the picker, as typed


def test_figures_and_map_carry_the_name_escaped_for_plotly_and_html(upload):
    at = open_page("city", session={"user_data": upload}, city=CITY_ID)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert escape.plotly(NAME) in spec["layout"]["title"]["text"].replace("<br>", " ")  # wrapped for a phone
    assert "<b>b</b>" not in json.dumps(spec, ensure_ascii=False)
    at = open_page("map", session={"user_data": upload})
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    cities = next(layer for layer in deck["layers"] if layer["id"] == "cities")["data"]
    tooltip = next(c["tooltip"] for c in cities if c["city_id"] == CITY_ID)
    # The tooltip's one field is plain text: Streamlit HTML-escapes it into our own `html` template
    # (pinned in tests/figures/test_maps.py), so the name is there as typed and the template has no data.
    template = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)["html"]
    assert tooltip.startswith(NAME + " (") and "<b>" not in template and CITY_ID not in template


def test_csv_and_excel_downloads_hold_the_name_as_typed(upload):
    data = upload["dataset"]
    rows = data.indicators.loc[data.indicators["city_id"] == CITY_ID]
    table = downloads.csv_bytes(downloads.download_frame(rows, data.cities)).decode("utf-8-sig")
    assert NAME in table
    assert NAME in downloads.city_csv(data, CITY_ID).decode("utf-8-sig")
    book = load_workbook(io.BytesIO(downloads.data_excel(rows, data)), read_only=True)
    cells = {str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert NAME in cells


def test_the_city_brief_and_a_chart_image_hold_the_name_as_typed(upload):
    data = upload["dataset"]
    table = progress_table(data, Settings())
    pdf = PdfReader(io.BytesIO(brief.city_brief(data, table, CITY_ID, Settings(), "en")))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert NAME in text
    title = t("city_heading", "en", city=NAME, indicator="Homicide rate")
    figure = images.decorated_figure(go.Figure(), title=title, source_line=NAME, settings_line="")
    title_band = next(a for a in figure.layout.annotations if a.name == "export_title")  # wrapped to the width
    assert title_band.text.replace("<br>", " ") == escape.plotly(title)
    svg = images.figure_image(go.Figure(), "svg", title=title, source_line=NAME, settings_line="")
    drawn = html.unescape(re.sub(r"<[^>]+>", "", svg.decode("utf-8")))
    assert NAME in drawn
