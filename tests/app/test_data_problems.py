"""A damaged data folder is never read silently: every page names the file and what is wrong, in its language,
and the server's log gets the problems once per load (logger `pioc_metrics`)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.app.context import PROBLEMS_SHOWN
from pioc_metrics.app.registry import PAGES
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.data.problems import Problem
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t
from pioc_metrics.text.problems import problem_sentence
from tests.apptest_pages import open_page
from tests.data.inputs import DATA, damaged_copy

PAGE_IDS = [page.id for page in PAGES]


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> Path:
    """The shipped data damaged three ways: indicators.csv deleted, national.csv cut mid-line, a duplicate city id."""
    return damaged_copy(tmp_path_factory.mktemp("damaged") / "data")


@pytest.fixture(scope="module")
def without_cities(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("without_cities") / "data"
    folder.mkdir()
    for name in ("indicators.csv", "national.csv", "indicator_catalog.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    return folder


def errors_of(folder: Path):
    return [problem for problem in load_dataset(folder)[1] if problem.is_error]


def open_on(folder: Path, monkeypatch, page_id: str, **params) -> AppTest:
    monkeypatch.setenv("PIOC_DATA_DIR", str(folder))
    return open_page(page_id, **params)


def notices(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(at, kind)]


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_every_page_warns_of_each_damaged_file_and_what_is_wrong(damaged, monkeypatch, page_id):
    at = open_on(damaged, monkeypatch, page_id)
    problems = errors_of(damaged)
    assert {p.file for p in problems} == {"cities.csv", "indicators.csv", "national.csv"}
    assert {p.code for p in problems} == {"duplicate_city_id", "missing_file", "cut_row"}
    warning = next(text for text in notices(at, "warning") if t("data_folder_problems", "en") in text)
    for problem in problems:
        assert problem_sentence(problem, "en", escape.markdown) in warning
    assert notices(at, "error") == []


@pytest.mark.parametrize("lang, page_id", [("es", "city"), ("pt", "present"), ("es", "data")])
def test_the_warning_is_in_the_page_s_language(damaged, monkeypatch, lang, page_id):
    at = open_on(damaged, monkeypatch, page_id, lang=lang)
    warning = next(text for text in notices(at, "warning") if t("data_folder_problems", lang) in text)
    assert t("data_folder_problems", lang) != t("data_folder_problems", "en")
    for problem in errors_of(damaged):
        assert problem_sentence(problem, lang, escape.markdown) in warning
    assert "cities\\.csv, " + ("fila" if lang == "es" else "linha") + " 24" in warning


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_every_page_shows_an_error_box_when_no_city_can_be_read(without_cities, monkeypatch, page_id):
    at = open_on(without_cities, monkeypatch, page_id)
    error = next(text for text in notices(at, "error") if t("data_folder_unreadable", "en") in text)
    assert "- cities\\.csv: the file does not exist or cannot be opened" in error
    unknown = [p for p in errors_of(without_cities) if p.file == "indicators.csv"]  # every row: a city not found
    assert {p.code for p in unknown} == {"unknown_city"}
    assert t("data_problems_more", "en", n=len(unknown) - PROBLEMS_SHOWN, file=escape.markdown("indicators.csv")) \
        in error


def test_a_file_cut_mid_line_that_lost_half_its_rows_is_named_with_its_last_row(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("cities.csv", "indicators.csv", "indicator_catalog.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    content = (DATA / "indicators.csv").read_bytes()
    (folder / "indicators.csv").write_bytes(content[:content.index(b"\n", len(content) // 2) + 5])
    at = open_on(folder, monkeypatch, "overview")
    row = content[:content.index(b"\n", len(content) // 2) + 5].count(b"\n") + 1
    warning = next(text for text in notices(at, "warning") if t("data_folder_problems", "en") in text)
    assert f"- indicators\\.csv, row {row}: the file ends in the middle of this row" in warning


def test_the_problems_go_to_the_server_log_once_per_load(tmp_path, monkeypatch, caplog):
    folder = damaged_copy(tmp_path / "data")
    with caplog.at_level(logging.WARNING, logger="pioc_metrics"):
        for page_id in ("overview", "methodology", "overview"):
            open_on(folder, monkeypatch, page_id)
    records = [r for r in caplog.records if r.name == "pioc_metrics" and str(folder) in r.getMessage()]
    messages = [r.getMessage() for r in records]
    assert messages[0] == f"data folder {folder}: 3 error(s), 0 warning(s)"
    assert f"{folder}/cities.csv:24: city_id: the city_id 'palmira' is already used in row 3" in messages
    assert f"{folder}/indicators.csv:: : the file does not exist or cannot be opened" in messages
    assert len(messages) == 4 and all(r.levelno == logging.ERROR for r in records)


def test_the_shipped_data_shows_no_data_notice_and_logs_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="pioc_metrics"):
        at = open_page("overview")
    assert not any(t("data_folder_problems", "en") in text for text in notices(at, "warning"))
    assert notices(at, "error") == [] and [r for r in caplog.records if r.name == "pioc_metrics"] == []


def test_a_cell_s_text_in_a_problem_is_shown_as_typed_never_as_markdown():
    hostile = ":smile: **y** [x](https://example.org)"
    problem = Problem("cities.csv", 5, "city_id", "invalid_city_id", params={"value": hostile})
    sentence = problem_sentence(problem, "en", escape.markdown)
    assert sentence.startswith("cities\\.csv, row 5, column city\\_id: '")
    assert escape.markdown(hostile) in sentence and "**y**" not in sentence
