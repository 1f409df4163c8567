"""The city trajectory page, run by AppTest: status, key figures, languages, URL parameters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.sentences import certainty_words, city_lines, other_smoothing
from tests.apptest_pages import open_page, param

ROOT = Path(__file__).resolve().parents[2]
DATA, _ = load_dataset(ROOT / "data")
TABLE = progress_table(DATA, Settings())
OTHER = progress_table(DATA, other_smoothing(Settings()))  # 3-year means: the same city judged the other way
RISE = {"en": "(a rise)", "es": "(un aumento)", "pt": "(um aumento)"}


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def city_page(**params) -> AppTest:
    return open_page("city", **params)



def markdown(at: AppTest) -> list[str]:
    return [unescape(m.value) for m in at.markdown]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def status_markdown(at: AppTest) -> str:
    """The status block: the status heading and the sentences under it."""
    return next(m for m in markdown(at) if m.startswith("### "))


def page_text(at: AppTest) -> str:
    """Everything the page writes as text: markdown, notices, captions, key figures (labels and values)."""
    parts = markdown(at) + [unescape(e.value) for e in (*at.info, *at.caption)]
    parts += [f"{label}: {value}" for label, value in metrics(at).items()]
    return "\n".join(parts)


def chart_spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def test_palmira_shows_its_status_with_its_certainty_first():
    at = city_page(city="palmira")
    row = TABLE.loc["palmira"]
    certainty = certainty_words(row, "en")
    assert status_markdown(at).startswith(f"### {F.status_label(row['status'], 'en')}\n\n{certainty}\n\n- ")


@pytest.mark.parametrize("lang, required_now, latest, path, change", [
    ("en", "−12.5 %", "40.9", "26.7", "+11.7 %"),
    ("es", "−12,5 %", "40,9", "26,7", "+11,7 %"),
    ("pt", "−12,5 %", "40,9", "26,7", "+11,7 %"),
])
def test_palmira_says_what_is_needed_from_now_on_in_each_language(lang, required_now, latest, path, change):
    at = city_page(city="palmira", lang=lang)
    text = page_text(at)
    row = TABLE.loc["palmira"]
    lines = city_lines(row, Settings(), lang, other_row=OTHER.loc["palmira"])
    assert status_markdown(at) == "\n\n".join([f"### {lines.label}", lines.reason,
                                                "\n".join(f"- {s}" for s in lines.details())])
    assert required_now in lines.required and F.percent(row["cagr_required"], lang, signed=True) in lines.required
    assert latest in lines.path and path in lines.path and "53 %" in lines.path
    assert change in lines.change and RISE[lang] in lines.change
    certainty = certainty_words(row, lang)
    assert certainty and certainty[1:] in text
    assert "−11" not in text  # no "reduction" with a minus sign anywhere
    assert not [label for label in metrics(at) if "Reduc" in label or "Redu" in label]  # a change, not a reduction


def test_palmira_names_both_statuses_because_single_years_and_3_year_means_differ():
    single, smoothed = TABLE.loc["palmira", "status"], OTHER.loc["palmira", "status"]
    assert single != smoothed
    both = t("city_smoothing_differs", "en", single=F.status_label(single, "en"),
             smoothed=F.status_label(smoothed, "en"))
    assert both in page_text(city_page(city="palmira"))
    assert both in page_text(city_page(city="palmira", smoothing="3y"))  # the same sentence from either side


def test_cali_names_one_status_where_both_smoothings_agree():
    assert TABLE.loc["cali", "status"] == OTHER.loc["cali", "status"]
    assert "3-year means give" not in page_text(city_page(city="cali"))


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_medellin_says_it_is_shown_for_reference(lang):
    at = city_page(city="medellin", lang=lang)
    assert t("city_reference", lang) in [i.value for i in at.info]
    assert "keep it below" in page_text(at) or lang != "en"  # its latest value is below its target


def test_a_member_city_is_not_labelled_as_reference():
    assert t("city_reference", "en") not in [i.value for i in city_page(city="palmira").info]


def test_palmira_key_figures_match_the_progress_table():
    at = city_page(city="palmira")
    row = TABLE.loc["palmira"]
    shown = metrics(at)
    assert shown[f"Baseline {row['baseline_year']}"] == F.number(row["baseline"], "en")
    assert shown[f"Latest {row['latest_year']}"] == F.number(row["latest"], "en")
    assert shown[f"On the path, {row['latest_year']}"] == F.number(row["path_at_latest"], "en")
    assert shown["Needed a year from now on"] == F.percent(row["required_now"], "en", signed=True) == "−12.5 %"
    assert shown[f"Needed a year from {row['baseline_year']}"] == F.percent(row["cagr_required"], "en", signed=True)
    assert shown["Actual change a year"] == F.percent(row["cagr_actual"], "en", signed=True)
    assert shown[f"Change since {row['baseline_year']}"] == F.percent(row["change_since_baseline"], "en", signed=True)
    assert shown["Projected 2030"] == F.number(row["projection"], "en")
    assert shown["First year at target"] == "never"
    assert all(len(label) <= 26 for label in shown)  # short labels: four to a row, two on a phone


def test_palmira_chart_has_its_title_and_text_alternative():
    at = city_page(city="palmira")
    spec = chart_spec(at)
    assert spec["layout"]["title"]["text"].startswith("Palmira: homicide rate")
    captions = [unescape(c.value) for c in at.caption]
    row = TABLE.loc["palmira"]
    assert any(c.startswith(f"Palmira: {F.number(row['baseline'], 'en')} in 2019") for c in captions)


def test_palmira_strategy_and_data_download():
    at = city_page(city="palmira")
    assert "PAZOS" in markdown(at)
    table = at.dataframe[0].value
    palmira_rows = DATA.indicators.loc[DATA.indicators.city_id == "palmira"]
    assert len(table) == len(palmira_rows)
    assert set(table["Source"]) == set(palmira_rows["source"])
    assert at.get("download_button")


@pytest.mark.parametrize("lang, heading, status", [
    ("es", "Palmira: Tasa de homicidios", "Deterioro"),
    ("pt", "Palmira: Taxa de homicídios", "Piora"),
])
def test_spanish_and_portuguese_render_with_translated_titles(lang, heading, status):
    at = city_page(city="palmira", lang=lang)
    assert unescape(at.title[0].value) == heading
    row = TABLE.loc["palmira"]
    assert any(status in m and F.percent(row["cagr_required"], lang, signed=True) in m for m in markdown(at))
    assert metrics(at)[t("city_kf_baseline", lang, year=2019)] == F.number(row["baseline"], lang)
    assert "," in metrics(at)[t("city_kf_baseline", lang, year=2019)]
    assert chart_spec(at)["layout"]["separators"] == ",."


def test_bad_city_parameter_falls_back_with_a_notice():
    at = city_page(city="<script>alert(1)</script>")
    assert [w.value for w in at.warning] == [t("notice_bad_param", "en", name="city")]
    assert param(at, "city") == "palmira"  # the first member city with data
    assert unescape(at.title[0].value).startswith("Palmira")


def test_default_city_is_the_first_member_city_with_data():
    at = city_page()
    assert at.selectbox(key="city_pick").value == "palmira"
    assert param(at, "city") == "palmira"


def test_city_without_the_indicator_says_no_data_yet_and_points_to_what_it_has():
    at = city_page(city="oakland", indicator="homicide_rate")  # the headline would measure it by its counts
    assert not at.metric
    assert t("no_data_yet_how", "en") in [i.value for i in at.info]
    assert any("Oakland has data for: Homicides" in m for m in markdown(at))
    links = at.get("page_link")
    assert any(link.proto.label == "Show Homicides for Oakland" for link in links)


def test_under_the_headline_a_city_is_measured_by_its_own_indicator():
    at = city_page(city="oakland")  # no homicide rate: the headline measures it by its counts
    assert unescape(at.title[0].value) == "Oakland: Homicides"
    assert TABLE.loc["oakland", "indicator"] == "homicides" and at.metric


def test_oakland_on_homicides_shows_its_status_and_flag():
    at = city_page(city="oakland", indicator="homicides")
    settings = Settings(indicator="homicides")
    row = progress_table(DATA, settings).loc["oakland"]
    assert any(m.startswith(f"### {F.status_label(row['status'], 'en')}") for m in markdown(at))
    assert metrics(at)[f"Latest {row['latest_year']}"] == F.number(row["latest"], "en", 0)
    # The official state series (main since the refreshed data) has one definition; the press series vary.
    shown = any(t("flag_definitions_vary", "en") in m for m in markdown(at))
    assert shown == ("definitions_vary" in str(row["flags"]).split(";"))


def test_picking_another_city_moves_the_url():
    at = city_page(city="palmira")
    at.selectbox(key="city_pick").select("cali").run()
    assert not at.exception
    assert param(at, "city") == "cali"
    assert unescape(at.title[0].value).startswith("Cali")
    row = TABLE.loc["cali"]
    assert metrics(at)[f"Latest {row['latest_year']}"] == F.number(row["latest"], "en")


def test_national_toggle_adds_the_country_line():
    at = city_page(city="palmira")
    at.toggle(key="city_show_national").set_value(True).run()
    assert not at.exception
    names = [trace.get("name", "") for trace in chart_spec(at)["data"]]
    assert "Colombia (national)" in names


def test_chart_and_brief_downloads_are_offered_but_rendered_only_on_click(monkeypatch):
    from pioc_metrics.exports import brief
    from pioc_metrics.exports import images as exports

    calls = []
    monkeypatch.setattr(exports, "figure_image", lambda *a, **k: calls.append(a) or b"")
    monkeypatch.setattr(brief, "city_brief", lambda *a, **k: calls.append(a) or b"")
    at = city_page(city="palmira", lang="pt")
    labels = [b.proto.label for b in at.get("download_button")]
    for key in ("exp_download_png", "exp_download_svg", "exp_download_brief"):
        assert t(key, "pt") in labels
    assert calls == []  # nothing exported on a plain rerun


def test_picking_another_city_moves_the_page_links_too():
    at = city_page(city="palmira")
    at.selectbox(key="city_pick").select("cali").run()
    links = [link.proto.query_string for link in at.get("page_link")]
    assert len(links) >= 7 and all("city=cali" in query for query in links), links


@pytest.mark.parametrize("lang", ["en", "pt"])
def test_the_city_slide_says_what_the_city_page_says(lang):
    page_status = status_markdown(city_page(city="palmira", lang=lang, indicator="homicide_rate"))
    slide = open_page("present", lang=lang, slide="3", indicator="homicide_rate")  # slide 3: Palmira
    assert page_status in markdown(slide)


def test_the_medellin_slide_says_it_is_shown_for_reference():
    slide = open_page("present", lang="es", slide="2", indicator="homicide_rate")  # slide 2: Medellín
    assert any(m.startswith(f"*{t('city_reference', 'es')}*") for m in markdown(slide))
