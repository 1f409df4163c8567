"""The handover brief (PDF, 2-3 A4 pages) for a city's incoming administration: the commitment, where the city
stands, its trajectory with what happened, the year so far, what it does, cities to learn from, what to do next and
where the data comes from, in the reader's language.

Pure functions: no Streamlit. The blocks it shares with the one-page brief (fonts, heading, status, key figures, flags,
chart, footer, the small type of sources) come from `exports.brief`. Without a browser the chart is said in words.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.data.stories import practice_cities
from pioc_metrics.engine.months import year_to_date
from pioc_metrics.engine.stories import COUNT, before_after, peers
from pioc_metrics.exports import brief
from pioc_metrics.figures.events import city_events
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.countries import country_name
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import city_name, indicator_label, lower_first, short_sources, value_decimals
from pioc_metrics.text.months import clear_sentence, last12_sentence, ytd_sentence
from pioc_metrics.text.sentences import has_target, summary_sentence
from pioc_metrics.text.stories import (
    approaches_text,
    before_after_lines,
    event_date,
    event_kind,
    event_title,
    evidence_text,
    listed,
    peer_line,
    practice_summary,
    practice_title,
)

CHART_WIDTH, CHART_HEIGHT = 900, 540  # px, as the one-page brief's: room for labels and badges; 108 mm tall
CHART_MIN_SCALE = 0.7  # the chart may narrow to this share of the text width to stay on the page it starts on
# mm the one-page brief's blocks take at least: a status with two lines, three rows of key figures, one flag
STATUS_HEIGHT, FIGURES_HEIGHT, FLAGS_HEIGHT = 25, 44, 15
PAGES = "\x1d"  # stands for the number of pages until the PDF is written: one character wide, never in a text
SECTION_SIZE, SECTION_LINE, SECTION_GAP = 13, 7, 3.5  # pt, mm, mm of space above a section's heading
BODY_SIZE, BODY_LINE = 10, 4.8
SMALL_SIZE, SMALL_LINE = 8.5, 4
INDENT = 4  # mm: a source or a detail under its entry
GREY = 90
ZERO_WIDTH_SPACE = "\u200b"


# ---------------------------------------------------------------- what the brief says


@dataclass(frozen=True)
class Para:
    """One paragraph: its text, font size (pt), line height (mm), weight, colour, left indent and space after (mm)."""

    text: str
    size: float = BODY_SIZE
    line: float = BODY_LINE
    bold: bool = False
    grey: bool = False
    indent: float = 0
    after: float = 1.2


def small(text: str, indent: float = 0, after: float = 1.2) -> Para:
    return Para(text, SMALL_SIZE, SMALL_LINE, grey=True, indent=indent, after=after)


def source_para(text: str, after: float = 1.8) -> Para:
    return Para(text, brief.SOURCE_SIZE, brief.SOURCE_LINE, grey=True, indent=INDENT, after=after)


@dataclass(frozen=True)
class Section:
    """A heading, an intro and entries; an entry is kept on one page where it fits, the heading and the intro with
    the first entry."""

    heading: str
    entries: tuple[tuple[Para, ...], ...]
    intro: tuple[Para, ...] = ()


def _finite(value) -> bool:
    return value is not None and not pd.isna(value)


def commitment_line(row: pd.Series | None, name: str, indicator: str, settings: Settings, lang: str,
                    decimals: int = 1) -> str:
    """'Palmira aims to reduce homicide rate by 50 % from its 2019 baseline (36.6) to 18.3 by 2030.', or why there
    is no target to state (never a number the data does not give)."""
    share, target_year = F.percent(settings.reduction, lang, 0), F.year(settings.target_year)
    if row is None or not _finite(row.get("baseline")):
        return t("handover_target_no_baseline", lang, city=name, share=share, target_year=target_year)
    if not has_target(row) or not _finite(row.get("target")):
        return t("status_none", lang)
    return t("handover_target_line", lang, city=name, indicator=indicator, share=share,
             baseline_year=F.year(row["baseline_year"]), baseline=F.number(row["baseline"], lang, decimals),
             target=F.number(row["target"], lang, decimals), target_year=target_year)


def event_entries(data: Dataset, city_id: str, name: str, lang: str) -> tuple[tuple[Para, ...], ...]:
    """Each of the city's events by date, numbered as the chart's badges: date, kind and title, and its publishers
    in small type under it (the full citations close the brief)."""
    events = city_events(data.events, city_id)
    if not len(events):
        return ((Para(t("events_none", lang, city=name)),),)
    return tuple(
        (Para(f"{event['number']}. " + t("event_line", lang, date=event_date(event, lang),
                                         kind=event_kind(event["kind"], lang), title=event_title(event, lang)),
              after=0.3),
         source_para(t("event_source", lang, source="; ".join(short_sources(citations(event["source"]))))))
        for _, event in events.iterrows())


def citations(cell) -> list[str]:
    """The citations of a source cell (`a; b`), each once."""
    return list(dict.fromkeys(part.strip() for part in str(cell).split("; ") if part.strip()))


def count_indicator(measure: str) -> str:
    """The count behind a measure: homicides for the headline and its measures, `x` for `x_rate`."""
    return COUNT if measure in (C.HEADLINE, *C.HEADLINE_MEASURES) else measure.removesuffix("_rate")


def year_so_far(data: Dataset, city_id: str, indicator: str, lang: str) -> tuple[list[str], list[str]]:
    """(sentences, sources) of the year so far of `indicator` where the city has its monthly figures, else empty."""
    ytd = year_to_date(data.monthly, indicator=indicator)
    mine = ytd.loc[ytd["city_id"] == city_id]
    if not len(mine):
        return [], []
    row = mine.iloc[0]
    label = lower_first(indicator_label(data.catalog, indicator, lang))
    lines = [ytd_sentence(row, label, lang), clear_sentence(row, lang), last12_sentence(row, label, lang)]
    monthly = data.monthly
    rows = monthly.loc[(monthly["city_id"] == city_id) & (monthly["indicator"] == indicator)
                       & (monthly["series"] == C.MAIN_SERIES)]
    latest = rows.loc[(rows["year"] == row["year"]) & (rows["month"] <= row["through_month"])]
    notes = [n for n in dict.fromkeys(latest["note"].astype(str)) if "prelim" in n.lower()]
    if notes:
        lines.append(t("ytd_preliminary", lang, note="; ".join(notes)))
    return [line for line in lines if line], list(dict.fromkeys(rows["source"].dropna().astype(str)))


def city_practices(data: Dataset, city_id: str) -> pd.DataFrame:
    """The practices the city uses (the practices frame's rows), the earliest start in the city first, with its
    before-and-after comparison (engine.stories.before_after) in the columns that follow."""
    pairs = practice_cities(data.practices)
    ids = pairs.loc[pairs["city_id"] == city_id, "practice_id"]
    comparisons = before_after(data)
    comparisons = comparisons.loc[comparisons["city_id"] == city_id].drop(columns="city_id")
    rows = data.practices.loc[data.practices["practice_id"].isin(ids)]
    rows = rows.merge(comparisons, on="practice_id", how="left")
    return rows.sort_values(["start", "practice_id"], kind="stable", na_position="last").reset_index(drop=True)


def practice_entries(data: Dataset, city_id: str, lang: str) -> tuple[tuple[Para, ...], ...]:
    """Each practice: title, approach and start in the city, summary, what is known of its effect said plainly,
    the years before and after its start, and its source."""
    entries = []
    for _, practice in city_practices(data, city_id).iterrows():
        facts = [t("practice_approaches", lang, approaches=approaches_text(practice["approach"], lang))]
        if _finite(practice["start"]):
            facts.append(t("practice_since", lang, year=F.year(int(practice["start"]))))
        paras = [Para(practice_title(practice, lang), bold=True, after=0.4), small(" · ".join(facts), after=0.8)]
        summary = practice_summary(practice, lang)
        if summary:
            paras.append(Para(summary, after=0.8))
        paras.append(Para(t("practice_evidence", lang, evidence=evidence_text(practice, lang)), after=0.8))
        if isinstance(practice.get("reason"), str):  # compared where the city started it
            paras.extend(Para("• " + line, indent=INDENT, after=0.4) for line in before_after_lines(practice, lang))
        if practice.get("contact"):
            paras.append(source_para(t("practice_contact", lang, contact=practice["contact"]), after=0.3))
        publishers = "; ".join(short_sources(citations(practice["source"])))
        paras.append(source_para(t("practice_source", lang, source=publishers), after=2.5))
        entries.append(tuple(paras))
    return tuple(entries)


def peers_section(data: Dataset, table: pd.DataFrame, city_id: str, name: str, lang: str) -> Section:
    """The member cities to learn from, each with its practices; or why there are none."""
    heading = t("handover_peers", lang)
    found = peers(data, table, city_id)
    if not len(found):
        row = table.loc[city_id] if city_id in table.index else None
        population = data.cities.set_index("city_id")["population"].get(city_id)
        known = row is not None and _finite(row.get("baseline")) and _finite(population)
        return Section(heading, ((Para(t("peers_none" if known else "peers_no_data", lang, city=name)),),))
    cities = data.cities.set_index("city_id")
    practices = data.practices.set_index("practice_id", drop=False)
    entries = []
    for _, peer in found.iterrows():
        peer_name = city_name(data, peer["city_id"])
        city = cities.loc[peer["city_id"]]
        label = lower_first(indicator_label(data.catalog, peer["indicator"], lang))
        line = peer_line(peer, peer_name, country_name(city["iso3"], lang, city["country"]), label, lang,
                         value_decimals(data.catalog, peer["indicator"]))
        titles = [practice_title(practices.loc[p], lang) for p in listed(peer["practices"]) if p in practices.index]
        used = (t("peers_practices", lang, practices="; ".join(titles)) if titles
                else t("peers_no_practices", lang, city=peer_name))
        entries.append((Para(line, after=0.4), small(used, indent=INDENT, after=1.8)))
    return Section(heading, tuple(entries), intro=(small(t("peers_intro", lang, city=name), after=1.5),))


def story_sources(data: Dataset, city_id: str) -> list[str]:
    """The full citations of the city's events and practices, each once."""
    events = data.events.loc[data.events["city_id"] == city_id, "source"]
    cells = pd.concat([events, city_practices(data, city_id)["source"]]).dropna()
    return list(dict.fromkeys(citation for cell in cells for citation in citations(cell)))


def source_entries(groups: list[tuple[str, list[str]]]) -> tuple[tuple[Para, ...], ...]:
    """Each group's name in bold over its sources in full, one entry a source (the name kept with the first)."""
    entries = []
    for name, sources in groups:
        for i, source in enumerate(sources):
            cited = source_para("• " + source, after=0.6)
            entries.append((Para(name, bold=True, after=0.5), cited) if i == 0 else (cited,))
    return tuple(entries)


def handover_sections(data: Dataset, table: pd.DataFrame, city_id: str, lang: str, facts: dict) -> list[Section]:
    """The sections after the trajectory, in reading order (`facts`: brief.brief_facts of the city)."""
    name = facts["name"]
    sections = [Section(t("handover_events", lang), event_entries(data, city_id, name, lang))]
    lines, monthly_sources = year_so_far(data, city_id, count_indicator(facts["indicator"]), lang)
    if lines:
        entries = tuple((Para("• " + line, after=0.6),) for line in lines)
        sections.append(Section(t("handover_year_so_far", lang), entries,
                                intro=(small(t("ytd_intro", lang), after=1.5),)))
    practices = practice_entries(data, city_id, lang)
    if practices:
        note = (small(t("practice_not_an_evaluation", lang), after=2),)  # before the numbers it is about
        sections.append(Section(t("handover_practices", lang, city=name), practices, intro=note))
    else:
        none = ((Para(t("handover_no_practices", lang, city=name)),),)
        sections.append(Section(t("handover_practices", lang, city=name), none))
    sections.append(peers_section(data, table, city_id, name, lang))
    sections.append(Section(t("handover_next", lang), ((Para(t("handover_next_line", lang)),),)))
    figures = list(dict.fromkeys([*facts["sources"], *monthly_sources])) or [t("no_data_yet", lang)]
    sources = source_entries([(t("handover_sources_figures", lang), figures),
                              (t("handover_sources_stories", lang), story_sources(data, city_id))])
    sections.append(Section(t("handover_sources", lang), sources))
    return sections


# ---------------------------------------------------------------- the pages


def _set_font(page: brief.Page, para: Para) -> None:
    page.pdf.set_font(page.family, "B" if para.bold else "", para.size)
    page.pdf.set_text_color(*((GREY,) * 3 if para.grey else (0, 0, 0)))


def _text(page: brief.Page, para: Para) -> str:
    """The paragraph's text as drawn, a word too wide for a line (a long web address) allowed to break after its
    / or - (with DejaVu, by a zero-width space: the core fonts cannot draw one, and cut such a word anywhere)."""
    text = page.text(para.text)
    if page.family != "DejaVu":
        return text
    width = page.width - para.indent - 2 * page.pdf.c_margin  # what multi_cell leaves for the text
    return " ".join(re.sub(r"(?<=[/\-])(?=.)", ZERO_WIDTH_SPACE, word) if page.pdf.get_string_width(word) > width
                    else word for word in text.split(" "))


def _height(page: brief.Page, paras) -> float:
    """The height (mm) the paragraphs take, wrapped as they will be drawn."""
    total = 0.0
    for para in paras:
        _set_font(page, para)
        lines = page.pdf.multi_cell(page.width - para.indent, para.line, _text(page, para), dry_run=True,
                                    output="LINES")
        total += len(lines) * para.line + para.after
    return total


def _draw(page: brief.Page, paras) -> None:
    pdf = page.pdf
    for para in paras:
        _set_font(page, para)
        pdf.set_x(pdf.l_margin + para.indent)
        pdf.multi_cell(page.width - para.indent, para.line, _text(page, para), new_x="LMARGIN", new_y="NEXT",
                       align="L")
        pdf.ln(para.after)
    pdf.set_text_color(0, 0, 0)


def _at_top(page: brief.Page) -> bool:
    return page.pdf.get_y() <= page.pdf.t_margin + 1


def _room(page: brief.Page) -> float:
    """The mm left above the footer on this page."""
    return page.pdf.page_break_trigger - page.pdf.get_y()


def _keep(page: brief.Page, height: float) -> None:
    """A new page unless `height` mm fit above the footer on this one (or this page is still empty)."""
    if height > _room(page) and not _at_top(page):
        page.pdf.add_page()


def _section_start(page: brief.Page, heading: str, first_height: float) -> None:
    """A section's heading, on a new page if it and its first `first_height` mm do not fit on this one."""
    head = [Para(heading, SECTION_SIZE, SECTION_LINE, bold=True, after=1)]
    _keep(page, (0 if _at_top(page) else SECTION_GAP) + _height(page, head) + first_height)
    if not _at_top(page):
        page.pdf.ln(SECTION_GAP)
    _draw(page, head)


def _section(page: brief.Page, section: Section) -> None:
    for i, entry in enumerate(section.entries):
        if i == 0:
            entry = section.intro + entry
            _section_start(page, section.heading, _height(page, entry))
        else:
            _keep(page, _height(page, entry))
        _draw(page, entry)


def _chart(page: brief.Page, png: bytes, heading: str) -> None:
    """The chart across the text width; narrower (down to CHART_MIN_SCALE of it) where that keeps it on this page."""
    natural = page.width * brief.png_aspect(png)
    head = SECTION_GAP + SECTION_LINE + 1
    scale = min(1.0, (_room(page) - head - 3) / natural)  # 1 mm to spare: `_keep` must find it fits
    width = page.width * scale if scale >= CHART_MIN_SCALE else page.width
    _section_start(page, heading, width * brief.png_aspect(png) + 2)
    brief.draw_chart(page, png, below=brief.FOOTER_ROOM, width=width)


def _footer(settings: Settings, lang: str, today: _dt.date):
    """The one-page brief's footer (settings and date), with the page's number, for `brief.new_page`."""
    def draw(page: brief.Page) -> None:
        brief.draw_footer(page, settings, lang, today)
        page.pdf.set_y(page.pdf.get_y() - 4)
        page.pdf.cell(page.width, 4, page.text(t("handover_page", lang, page=page.pdf.page_no(), pages=PAGES)),
                      align="R")
    return draw


def handover_brief_pdf(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str,
                       figure_png: bytes | None, *, today: _dt.date | None = None,
                       other_table: pd.DataFrame | None = None) -> bytes:
    """The handover brief with `figure_png` as its chart (None: the chart said in words)."""
    facts = brief.brief_facts(data, table, city_id, settings, lang, other_table)
    row = table.loc[city_id] if city_id in table.index else None
    name = facts["name"]
    page = brief.new_page(t("handover_title", lang, city=name),
                          page_footer=_footer(settings, lang, today or _dt.date.today()))
    page.pdf.alias_nb_pages(PAGES)
    page.pdf.set_lang(lang)
    place = name + (f", {facts['country']}" if facts["country"] else "")
    brief.draw_heading(page, facts, lang, title=t("handover_title", lang, city=place))
    _draw(page, [small(t("handover_subtitle", lang, city=name, target_year=F.year(settings.target_year)), after=1)])

    label = lower_first(indicator_label(data.catalog, facts["indicator"], lang))
    decimals = value_decimals(data.catalog, facts["indicator"])
    target = [Para(commitment_line(row, name, label, settings, lang, decimals))]
    _section_start(page, t("handover_target", lang), _height(page, target))
    _draw(page, target)

    _section_start(page, t("handover_status", lang), STATUS_HEIGHT)
    brief.draw_status(page, facts, str(row["status"]) if row is not None else "", lang)
    if facts["figures"]:
        _keep(page, FIGURES_HEIGHT)
        brief.draw_figures(page, facts["figures"], indicator_label(data.catalog, facts["indicator"], lang), lang)
    if facts["flags"]:
        _keep(page, FLAGS_HEIGHT)
        brief.draw_flags(page, facts["flags"], lang)

    if facts["figures"]:  # a city with figures has a trajectory: drawn, else in words
        if figure_png:
            _chart(page, figure_png, t("handover_trajectory", lang))
        else:
            words = [Para(summary_sentence(row, name, lang, decimals))]
            _section_start(page, t("handover_trajectory", lang), _height(page, words))
            _draw(page, words)

    for section in handover_sections(data, table, city_id, lang, facts):
        _section(page, section)
    return bytes(page.pdf.output())


def handover_brief(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str, *,
                   today: _dt.date | None = None) -> bytes:
    """The handover brief of a city in `lang`, its chart drawn by kaleido (said in words where it cannot be)."""
    row = table.loc[city_id] if city_id in table.index else None
    has_figures = row is not None and _finite(row.get("baseline"))
    png = (brief.chart_png(data, table, city_id, settings, lang, width=CHART_WIDTH, height=CHART_HEIGHT)
           if has_figures else None)
    return handover_brief_pdf(data, table, city_id, settings, lang, png, today=today)
