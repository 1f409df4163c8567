"""The one-page city brief (PDF): the city's status in words, key figures, trajectory chart, flags,
sources, settings and date, in the user's language.

Pure functions: no Streamlit. The chart is drawn by `exports.images` (kaleido); without a browser
the brief still carries every figure in words.
"""

from __future__ import annotations

import datetime as _dt
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.exports.images import figure_image, settings_text
from pioc_metrics.figures.events import city_events
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.countries import country_name
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import city_name, indicator_label, value_decimals
from pioc_metrics.text.sentences import city_lines, key_figures, measure_of, other_smoothing
from pioc_metrics.text.stories import event_date, event_title

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
NO_STATUS_COLOUR = "#999999"
FIGURE_COLUMNS = 4
EVENTS_SHOWN = 6  # of a city's events on its one-page brief (the handover brief lists them all)
FOOTER_ROOM = 22  # mm at the foot of a page kept for the footer (settings and date)
SOURCE_SIZE, SOURCE_LINE = 7.5, 3.6  # pt, mm: sources in small type


# ---------------------------------------------------------------- what the brief says


def brief_facts(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str,
                other_table: pd.DataFrame | None = None) -> dict:
    """Everything the brief writes, as text in `lang`: name, status in words, the city page's sentences and key
    figures (text.sentences), flags, sources. `other_table`: the other smoothing's table (computed when None)."""
    cities = data.cities.set_index("city_id")
    city = cities.loc[city_id] if city_id in cities.index else None
    name = str(city["city"]) if city is not None else city_id
    country = country_name(city["iso3"], lang, city["country"]) if city is not None else ""
    row = table.loc[city_id] if city_id in table.index else None
    membership = str(city["status"]) if city is not None else ""
    facts: dict = {"name": name, "country": country, "figures": [], "flags": [], "sources": [], "lines": [],
                   "reference": t("city_reference", lang) if membership == "other" else ""}
    no_data = row is None or "no_data" in str(row.get("flags", "")).split(";")
    if no_data or pd.isna(row["baseline"]):
        facts["status"] = t("no_data_yet", lang)
        facts["reason"] = t("no_data_yet_how", lang)
    else:
        decimals = value_decimals(data.catalog, measure_of(row, settings))
        if other_table is None:
            other_table = progress_table(data, other_smoothing(settings))
        other = other_table.loc[city_id] if city_id in other_table.index else None
        lines = city_lines(row, settings, lang, other_row=other, decimals=decimals, membership=membership)
        facts["status"], facts["reason"] = lines.label, lines.reason
        facts["lines"] = lines.details()
        facts["figures"] = [(label, value) for label, value, _help in key_figures(row, settings, lang, decimals)]
    if row is not None:
        for flag in [f for f in str(row.get("flags", "")).split(";") if f and f != "no_data"]:
            facts["flags"].append(t("flag_" + flag, lang, year=F.year(row.get("baseline_year"))))
    facts["indicator"] = measure_of(row, settings)
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) &
                               (data.indicators["indicator"] == facts["indicator"])]
    facts["sources"] = list(dict.fromkeys(rows["source"].dropna().astype(str)))
    events = city_events(data.events, city_id)  # numbered as the chart's marks
    facts["events"] = [f"{int(e['number'])}) {event_date(e, lang)}: {event_title(e, lang)}"
                       for _, e in events.iterrows()]
    return facts


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw: accents kept where Latin-1 has them, others simplified."""
    text = str(text).replace("−", "-").replace("–", "-").replace("—", "-").replace("’", "'")
    text = text.replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
    out = []
    for char in text:
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            out.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?")
    return "".join(out)


# ---------------------------------------------------------------- the page


@dataclass
class Page:
    """The PDF being written, its font family, how its text is made drawable and the text width (mm)."""

    pdf: object
    family: str
    text: Callable[[object], str]
    width: float


def _font_ready(pdf) -> str:
    """DejaVu Sans when installed (accents, minus sign); else the core font, text transliterated."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu"
    return "Helvetica"


def new_page(title: str, *, page_footer: Callable[[Page], None] | None = None) -> Page:
    """An A4 document with its first page: one page, or with a `page_footer`, text that runs on to new pages above
    the footer's room (FOOTER_ROOM), the footer drawn at the foot of each."""
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self) -> None:
            if page_footer is not None:
                page_footer(page)

    pdf = Document(orientation="P", unit="mm", format="A4")
    flowing = page_footer is not None
    pdf.set_auto_page_break(flowing, margin=FOOTER_ROOM + 2 if flowing else 0)
    pdf.set_margins(15, 14, 15)
    pdf.add_page()
    family = _font_ready(pdf)
    text = (lambda s: str(s)) if family == "DejaVu" else latin1
    pdf.set_title(text(title))
    page = Page(pdf, family, text, pdf.w - pdf.l_margin - pdf.r_margin)
    return page


def draw_heading(page: Page, facts: dict, lang: str, title: str | None = None) -> None:
    """The app's name small, then `title` large (the city's name and country by default), wrapped if too long."""
    pdf, text, width = page.pdf, page.text, page.width
    pdf.set_font(page.family, "", 9)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(width, 5, text(t("app_title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(page.family, "B", 20)
    heading = title or facts["name"] + (f", {facts['country']}" if facts["country"] else "")
    if pdf.get_string_width(text(heading)) <= width:
        pdf.cell(width, 10, text(heading), new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(width, 9, text(heading), new_x="LMARGIN", new_y="NEXT", align="L")
    if facts["reference"]:
        pdf.set_font(page.family, "", 10)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(width, 5, text(facts["reference"]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)


def draw_status(page: Page, facts: dict, status: str, lang: str) -> None:
    """Status in words with its colour bar (the words and symbol carry it; the colour only helps)."""
    pdf, text, width = page.pdf, page.text, page.width
    pdf.set_fill_color(*_rgb(C.STATUS_COLOURS.get(status, NO_STATUS_COLOUR)))
    y = pdf.get_y() + 1
    pdf.rect(pdf.l_margin, y, 2.5, 12, style="F")
    pdf.set_xy(pdf.l_margin + 5, y)
    pdf.set_font(page.family, "B", 14)
    status_text = facts["status"] if page.family == "DejaVu" else facts["status"].lstrip("★▲◆●▼○ ")
    pdf.cell(width - 5, 6.5, text(f"{t('status', lang)}: {status_text}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 5)
    pdf.set_font(page.family, "", 10.5)
    pdf.multi_cell(width - 5, 5, text(facts["reason"]), new_x="LMARGIN", new_y="NEXT")
    for line in facts["lines"]:  # the city page's sentences: path, required change, change, smoothing
        pdf.set_x(pdf.l_margin + 5)
        pdf.multi_cell(width - 5, 5, text("• " + line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def draw_figures(page: Page, figures: list[tuple[str, str]], unit: str, lang: str) -> None:
    """The key figures in a grid of four columns: label small, value large."""
    pdf, text = page.pdf, page.text
    _subheading(page, t("exp_key_figures", lang, unit=unit))
    col = page.width / FIGURE_COLUMNS
    for i, (label, value) in enumerate(figures):
        x = pdf.l_margin + (i % FIGURE_COLUMNS) * col
        if i % FIGURE_COLUMNS == 0 and i:
            pdf.ln(12)
        top = pdf.get_y()
        pdf.set_xy(x, top)
        _fit_font(page, text(label), col - 2, 8)
        pdf.set_text_color(80, 80, 80)
        pdf.cell(col - 2, 4, text(label))
        pdf.set_xy(x, top + 4.2)
        pdf.set_font(page.family, "B", 13)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(col - 2, 6.5, text(value))
        pdf.set_xy(pdf.l_margin, top)
    pdf.ln(13)


def _subheading(page: Page, heading: str) -> None:
    page.pdf.set_font(page.family, "B", 11)
    page.pdf.cell(page.width, 6, page.text(heading), new_x="LMARGIN", new_y="NEXT")


def _fit_font(page: Page, label: str, width: float, size: float, smallest: float = 6) -> None:
    """The regular font at `size`, smaller (down to `smallest`) until `label` fits in `width` mm."""
    page.pdf.set_font(page.family, "", size)
    while size > smallest and page.pdf.get_string_width(label) > width:
        size -= 0.25
        page.pdf.set_font(page.family, "", size)


def draw_chart(page: Page, png: bytes, below: float = 60, width: float | None = None) -> None:
    """The chart `width` mm wide (the text width by default), centred, as tall as its aspect asks but leaving
    `below` mm under it on the page."""
    pdf = page.pdf
    width = width or page.width
    image_h = min(width * png_aspect(png), pdf.h - pdf.get_y() - below)
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (page.width - width) / 2, y=pdf.get_y(), w=width, h=image_h)
    pdf.set_y(pdf.get_y() + image_h + 2)


def draw_flags(page: Page, flags: list[str], lang: str) -> None:
    pdf, text = page.pdf, page.text
    _subheading(page, t("exp_flags", lang))
    pdf.set_font(page.family, "", 9.5)
    for flag in flags:
        pdf.multi_cell(page.width, 4.6, text("• " + flag), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1.5)


def event_paragraph(events: list[str], lang: str, shown: int = EVENTS_SHOWN) -> str:
    """What happened as one paragraph, each event numbered as on the chart (the latest `shown`; the rest counted)."""
    hidden = max(0, len(events) - shown)
    return "; ".join(([t("brief_more_events", lang, n=hidden)] if hidden else []) + events[hidden:]) + "."


def draw_event_list(page: Page, events: list[str], lang: str) -> None:
    pdf, text = page.pdf, page.text
    _subheading(page, t("handover_events", lang))
    pdf.set_font(page.family, "", 8.5)
    pdf.multi_cell(page.width, 3.9, text(event_paragraph(events, lang)), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1.5)


def _event_room(page: Page, events: list[str], lang: str) -> float:
    """The height (mm) the events paragraph will take under the chart."""
    if not events:
        return 0.0
    page.pdf.set_font(page.family, "", 8.5)
    lines = len(page.pdf.multi_cell(page.width, 3.9, page.text(event_paragraph(events, lang)), dry_run=True,
                                    output="LINES"))
    return 9.5 + 3.9 * lines


def _sources(page: Page, sources: list[str], lang: str) -> None:
    """The sources in full, as many as fit above the footer."""
    pdf, text = page.pdf, page.text
    _subheading(page, t("exp_sources", lang))
    pdf.set_font(page.family, "", SOURCE_SIZE)
    bottom = pdf.h - FOOTER_ROOM
    for source in sources or [t("no_data_yet", lang)]:
        if pdf.get_y() > bottom:
            pdf.cell(page.width, 4, text(t("exp_more_sources", lang)), new_x="LMARGIN", new_y="NEXT")
            break
        pdf.multi_cell(page.width, SOURCE_LINE, text("• " + source), new_x="LMARGIN", new_y="NEXT", align="L")


def draw_footer(page: Page, settings: Settings, lang: str, today: _dt.date) -> None:
    """Settings and date under a rule at the foot of the current page."""
    pdf, text = page.pdf, page.text
    pdf.set_y(pdf.h - 18)
    pdf.set_draw_color(180, 180, 180)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    pdf.set_font(page.family, "", 8)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(page.width, 4, text(settings_text(settings, lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(page.width, 4, text(t("exp_made_on", lang, date=today.isoformat())), new_x="LMARGIN", new_y="NEXT")


def city_brief_pdf(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str,
                   figure_png: bytes | None, *, today: _dt.date | None = None,
                   other_table: pd.DataFrame | None = None) -> bytes:
    """One A4 page: the city's status in words, key figures, trajectory chart, flags, sources, settings, date."""
    facts = brief_facts(data, table, city_id, settings, lang, other_table)
    page = new_page(t("exp_brief_title", lang, city=facts["name"]))
    draw_heading(page, facts, lang)
    draw_status(page, facts, str(table.loc[city_id, "status"]) if city_id in table.index else "", lang)
    if facts["figures"]:
        draw_figures(page, facts["figures"], indicator_label(data.catalog, facts["indicator"], lang), lang)
    if figure_png:
        draw_chart(page, figure_png, below=60 + _event_room(page, facts["events"], lang))
    if facts["events"]:
        draw_event_list(page, facts["events"], lang)
    if facts["flags"]:
        draw_flags(page, facts["flags"], lang)
    _sources(page, facts["sources"], lang)
    draw_footer(page, settings, lang, today or _dt.date.today())
    return bytes(page.pdf.output())


def png_aspect(png: bytes) -> float:
    """Height over width from a PNG header (the IHDR chunk)."""
    try:
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        return height / width if width else 0.5625
    except (TypeError, IndexError):
        return 0.5625


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def chart_png(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str, *,
              width: int = 900, height: int = 600) -> bytes | None:
    """The city's trajectory drawn by kaleido as a PNG (of the measure its table row uses); None when it cannot be
    drawn, e.g. no browser on this machine."""
    name = city_name(data, city_id)
    measured = replace(settings, indicator=measure_of(table.loc[city_id] if city_id in table.index else None, settings))
    try:
        fig = trajectory_figure(data, table, city_id, measured, lang)
        return figure_image(fig, "png", title=t("exp_chart_title", lang, city=name),
                            source_line="", settings_line="", width=width, height=height)
    except Exception:  # no browser on this machine: the PDFs still carry every figure in words
        return None


def city_brief(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str) -> bytes:
    """The brief with its chart: the trajectory drawn by kaleido, then the PDF (chart left out if drawing fails)."""
    return city_brief_pdf(data, table, city_id, settings, lang, chart_png(data, table, city_id, settings, lang))
