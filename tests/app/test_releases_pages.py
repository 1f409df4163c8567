"""Every page reads the store: the latest release by default, an earlier one by ?release=N (marked, and kept in
links), a new release on the next visit without a restart, the store out of reach said plainly, and a link to a city
that only an upload had."""

from __future__ import annotations

import time

import pytest

from pioc_metrics.app.record import LATEST_SECONDS
from pioc_metrics.app.registry import PAGES
from pioc_metrics.store import submissions
from pioc_metrics.store.setup import init_store
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page, param
from tests.conftest import ROOT
from tests.store.factories import indicator_csv, team

TODAY = time.strftime("%Y-%m-%d", time.gmtime())


@pytest.fixture
def own_store(tmp_path, monkeypatch):
    """A store of this test's own, release 1 from the shipped data, that the pages read."""
    url = f"sqlite:///{tmp_path / 'pioc.sqlite3'}"
    init_store(url, ROOT / "data", "operator")
    monkeypatch.setenv("PIOC_DATABASE_URL", url)
    return url


def _publish_palmira_2025(url: str, value: int = 101) -> int:
    team(url)
    sent = submissions.submit(url, "ana", [("p.csv", indicator_csv(("palmira", 2025, "homicides", value)))])
    return submissions.approve(url, sent.id, "rev1", note="Palmira 2025")


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "warning", "info", "error", "title",
                                              "metric") for e in getattr(at, kind))


@pytest.mark.parametrize("entry", [p for p in PAGES if p.sidebar], ids=lambda p: p.id)
def test_every_page_names_the_release_it_shows(entry):
    at = open_page(entry.id, lang="en")
    captions = [c.value for c in at.sidebar.caption]
    assert t("release_caption", "en", number=1, date=TODAY) in captions


def test_a_new_release_shows_on_the_next_visit_and_an_earlier_one_stays_readable(own_store):
    first = open_page("city", lang="en", city="palmira", indicator="homicides")
    assert "2024" in _texts(first) and "2025" not in _texts(first)
    assert _publish_palmira_2025(own_store) == 2
    time.sleep(LATEST_SECONDS + 0.5)  # the latest release number is cached for this long: no restart needed
    latest = open_page("city", lang="en", city="palmira", indicator="homicides")
    assert "2025" in _texts(latest) and not latest.warning
    earlier = open_page("city", lang="en", city="palmira", indicator="homicides", release="1")
    assert t("release_earlier", "en", number=1, date=TODAY, latest=2) in [w.value for w in earlier.warning]
    assert "2025" not in _texts(earlier)
    assert param(earlier, "release") == "1"  # kept in the share link


@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.id)
def test_an_earlier_release_is_marked_on_every_page(own_store, entry):
    _publish_palmira_2025(own_store)
    at = open_page(entry.id, lang="es", release="1")
    assert t("release_earlier", "es", number=1, date=TODAY, latest=2) in [w.value for w in at.warning]


def test_an_unknown_release_shows_the_latest_and_says_so():
    at = open_page("overview", lang="pt", release="99")
    assert t("release_unknown", "pt", number=99, latest=1) in [w.value for w in at.warning]
    assert param(at, "release") is None


@pytest.mark.parametrize("url", ["postgresql+psycopg://nobody@127.0.0.1:9/none", "sqlite:////nonexistent/x.db"],
                         ids=["unreachable", "missing"])
@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.id)
def test_a_store_that_cannot_be_read_is_said_plainly_on_every_page(monkeypatch, url, entry):
    monkeypatch.setenv("PIOC_DATABASE_URL", url)
    at = open_page(entry.id, lang="es")
    assert [e.value for e in at.error] == [t("store_page_unavailable", "es")]


def test_a_link_to_a_city_only_an_upload_had_says_the_upload_is_gone():
    at = open_page("city", lang="en", city="my-uploaded-town")
    [warning] = [w.value for w in at.warning]
    assert warning == t("notice_gone_city", "en", city=escape.markdown("my-uploaded-town"))
    assert "not understood" not in warning


def test_the_data_page_lists_releases_and_downloads_any_of_them(own_store):
    _publish_palmira_2025(own_store)
    time.sleep(LATEST_SECONDS + 0.5)
    at = open_page("data", lang="en")
    shown = t("data_release_current", "en", number=2, date=escape.markdown(TODAY), by="rev1", note="Palmira 2025")
    assert shown in _texts(at)
    listed = at.dataframe[[i for i, d in enumerate(at.dataframe)
                           if t("data_release_col_by", "en") in d.value.columns][0]].value
    assert list(listed[t("data_release_col_number", "en")]) == ["2", "1"]
    assert at.selectbox(key="data_release_pick").value == 2


def _frame_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_releases_list_counts_what_each_added_and_changed_and_any_two_compare(own_store, lang):
    team(own_store)
    sent = submissions.submit(own_store, "ana", [("p.csv", indicator_csv(("palmira", 2024, "homicides", 140),
                                                                         ("palmira", 2025, "homicides", 101)))])
    submissions.approve(own_store, sent.id, "rev1", note="Palmira")
    time.sleep(LATEST_SECONDS + 0.5)
    at = open_page("data", lang=lang)
    listed = _frame_with(at, t("data_release_col_added", lang))
    first = listed.loc[listed[t("data_release_col_number", lang)] == "2"].iloc[0]
    assert (first[t("data_release_col_added", lang)], first[t("data_release_col_changed", lang)],
            first[t("data_release_col_removed", lang)]) == ("1", "1", "0")
    assert (at.selectbox(key="data_compare_from").value, at.selectbox(key="data_compare_to").value) == (1, 2)
    assert t("data_compare_summary", lang, old=1, new=2, added=1, changed=1, removed=0) in _texts(at)
    added = _frame_with(at, t("review_col_value", lang))
    assert list(added[t("review_col_value", lang)]) == ["101"]
    changed = _frame_with(at, t("review_col_change", lang))
    assert list(changed[t("review_col_change", lang)]) == ["147 → 140"]
    assert changed[t("review_col_old_source", lang)].iloc[0].startswith("Policía Nacional de Colombia")
    at.selectbox(key="data_compare_from").set_value(2).run()
    assert not at.exception
    assert t("data_compare_same", lang) in _texts(at)


def test_a_single_release_has_nothing_to_compare(own_store):
    at = open_page("data", lang="en")
    assert t("data_compare_one", "en") in _texts(at)


def test_the_city_page_shows_each_figures_history_with_the_value_it_replaced(own_store):
    team(own_store)
    sent = submissions.submit(own_store, "ana", [("p.csv", indicator_csv(("palmira", 2024, "homicides", 140)))])
    submissions.approve(own_store, sent.id, "rev1")
    time.sleep(LATEST_SECONDS + 0.5)
    at = open_page("city", lang="en", city="palmira")
    toggle = at.toggle(key="city_history_palmira")
    assert toggle.label == t("city_history_title", "en", city="Palmira") and not toggle.value
    toggle.set_value(True).run()
    assert t("city_history_intro", "en", number=2, n=1) in _texts(at)
    history = _frame_with(at, t("history_col_from", "en"))
    top = history.iloc[0]
    assert (top[t("history_col_figure", "en")], top[t("history_col_value", "en")],
            top[t("history_col_release", "en")], top[t("history_col_previous", "en")]) == \
        ("Homicides · 2024", "140", "2", "147")
    assert top[t("history_col_from", "en")] == t("history_from_submission", "en", id=sent.id, name="ana",
                                                 published_by="rev1")
    replaced = history.loc[(history[t("history_col_figure", "en")] == "Homicides · 2024")
                           & (history[t("history_col_release", "en")] == "1")].iloc[0]
    assert replaced[t("history_col_now", "en")] == t("history_replaced_in", "en", number=2)
    assert replaced[t("history_col_from", "en")] == t("history_from_import", "en", published_by="operator")
    earlier_page = open_page("city", lang="en", city="palmira", release="1")
    earlier_page.toggle(key="city_history_palmira").set_value(True).run()
    earlier = _frame_with(earlier_page, t("history_col_from", "en"))
    assert set(earlier[t("history_col_release", "en")]) == {"1"}
    assert set(earlier[t("history_col_now", "en")]) == {t("history_current", "en")}
