"""How sure is the status (pioc_metrics.engine.certainty, through progress_table): Poisson draws of the counts
behind the baseline and the latest value, the status rules applied to each draw."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine import certainty
from pioc_metrics.engine.certainty import SHARE_COLUMNS
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import t
from tests.factories import make_dataset

COUNTS = Settings(indicator="homicides", baseline_year=2019)


def counts_table(values, settings=COUNTS):
    return progress_table(make_dataset(values, indicator="homicides"), settings)


def rate_with_counts(city, counts, population):
    """A rate city's rows: its rates made from counts and population, with the counts beside them."""
    rates = {year: count / population[year] * C.RATE_PER for year, count in counts.items()}
    extra = [{"city_id": city, "year": year, "indicator": "homicides", "value": count}
             for year, count in counts.items()]
    return rates, extra


def test_a_city_with_large_counts_is_near_certain():
    row = counts_table({"big": {2019: 4000, 2023: 1500}}).loc["big"]
    assert row["status"] == "achieved" and row["status_certainty"] > 0.99
    assert "uncertain_status" not in row["flags"]


def test_a_borderline_city_with_small_counts_is_uncertain_and_flagged():
    row = counts_table({"edge": {2019: 40, 2023: 41}}).loc["edge"]
    assert row["status"] == "deterioration"  # CR = -0.101, just beyond the limited-progress limit
    assert row["status_certainty"] < C.STATUS_CERTAINTY_MIN
    assert "uncertain_status" in row["flags"].split(";")
    assert row["share_limited_progress"] > 0.1  # the plausible other status
    assert row["status_certainty"] == row["share_deterioration"]


def test_shares_of_every_status_sum_to_one_and_certainty_is_the_point_status_share():
    table = counts_table({"a": {2019: 40, 2023: 30}, "b": {2019: 12, 2023: 11}, "c": {2019: 300, 2023: 250},
                          "d": {2019: 0, 2023: 2}, "e": {2019: 5, 2023: 0}})
    shares = table[list(SHARE_COLUMNS)].to_numpy()
    assert np.allclose(shares.sum(axis=1), 1.0) and ((shares >= 0) & (shares <= 1)).all()
    point = [table.loc[city, f"share_{status}"] for city, status in table["status"].items()]
    assert np.array_equal(table["status_certainty"].to_numpy(), np.array(point))
    assert list(SHARE_COLUMNS) == [f"share_{status}" for status in C.STATUSES]


def test_zero_counts_draw_only_zero():
    row = counts_table({"zero": {2019: 0, 2023: 0}}).loc["zero"]
    assert row["status"] == "achieved" and row["status_certainty"] == 1.0


def test_same_data_always_gives_the_same_answer_whoever_else_is_in_the_table():
    values = {"a": {2019: 40, 2023: 36}, "b": {2019: 90, 2022: 70}, "c": {2019: 15, 2024: 16}}
    first = counts_table(values)
    again = counts_table(dict(reversed(list(values.items()))))
    alone = counts_table({"b": values["b"]})
    columns = ["status_certainty", *SHARE_COLUMNS]
    assert first[columns].equals(counts_table(values)[columns])
    assert first.loc[["a", "b", "c"], columns].equals(again.loc[["a", "b", "c"], columns])
    assert first.loc[["b"], columns].equals(alone.loc[["b"], columns])


def test_chunks_of_cities_give_the_same_answer_as_one_block(monkeypatch):
    values = {f"c{i}": {2019: 10 + 7 * i, 2023: 12 + 5 * i} for i in range(12)}
    whole = counts_table(values)
    monkeypatch.setattr(certainty, "CHUNK_CELLS", C.STATUS_DRAWS)  # one city per chunk
    monkeypatch.setattr(certainty, "TABLE_CELLS", 1)
    chunked = counts_table(values)
    assert whole[["status_certainty", *SHARE_COLUMNS]].equals(chunked[["status_certainty", *SHARE_COLUMNS]])


def test_without_counts_there_is_no_certainty():
    table = progress_table(make_dataset({"rate_only": {2019: 40, 2023: 41}, "empty": {}}),
                           Settings(indicator="homicide_rate"))
    assert table["status_certainty"].isna().all() and table[list(SHARE_COLUMNS)].isna().all().all()
    assert not table["flags"].str.contains("uncertain_status").any()


def test_a_rate_is_drawn_through_its_counts_and_keeps_its_population():
    rates, extra = rate_with_counts("r", {2019: 40, 2023: 41}, {2019: 250_000, 2023: 250_000})
    data = make_dataset({"r": rates}, extra_rows=extra)
    rate_row = progress_table(data, Settings(indicator="homicide_rate", baseline_year=2019)).loc["r"]
    count_row = counts_table({"r": {2019: 40, 2023: 41}}).loc["r"]
    assert rate_row["count_behind_baseline"] == 40 and rate_row["count_behind_latest"] == 41
    assert rate_row["status"] == count_row["status"] == "deterioration"
    assert rate_row[list(SHARE_COLUMNS)].astype(float).to_numpy() == pytest.approx(
        count_row[list(SHARE_COLUMNS)].astype(float).to_numpy(), abs=1e-12)


def test_a_growing_population_moves_the_rate_and_its_draws_with_it():
    # The same counts in a city that grew by half: the rate fell by a third, and so does every draw.
    rates, extra = rate_with_counts("r", {2019: 400, 2023: 400}, {2019: 200_000, 2023: 300_000})
    data = make_dataset({"r": rates}, extra_rows=extra)
    row = progress_table(data, Settings(indicator="homicide_rate", baseline_year=2019)).loc["r"]
    assert row["status"] == "on_track" and row["status_certainty"] > 0.9
    assert counts_table({"r": {2019: 400, 2023: 400}}).loc["r", "status"] == "limited_progress"


def test_a_rate_year_without_its_count_has_no_certainty():
    rates, extra = rate_with_counts("r", {2019: 40, 2023: 41}, {2019: 250_000, 2023: 250_000})
    data = make_dataset({"r": rates}, extra_rows=extra[:1])
    row = progress_table(data, Settings(indicator="homicide_rate", baseline_year=2019)).loc["r"]
    assert row["status"] == "deterioration" and pd.isna(row["status_certainty"])


def test_with_smoothing_the_window_counts_are_summed_before_the_draw():
    smoothed = counts_table({"s": {2017: 10, 2018: 10, 2019: 10, 2021: 12, 2022: 12, 2023: 12}},
                            Settings(indicator="homicides", baseline_year=2019, smoothing="3y")).loc["s"]
    single = counts_table({"s": {2019: 30, 2023: 36}}).loc["s"]
    assert (smoothed["count_behind_baseline"], smoothed["count_behind_latest"]) == (30, 36)
    assert smoothed["status"] == single["status"]
    assert smoothed[list(SHARE_COLUMNS)].astype(float).to_numpy() == pytest.approx(
        single[list(SHARE_COLUMNS)].astype(float).to_numpy(), abs=0.005)


def test_with_smoothing_a_window_year_without_its_count_has_no_certainty():
    counts = {2017: 400, 2018: 380, 2019: 390, 2021: 300, 2022: 290, 2023: 280}
    rates, extra = rate_with_counts("r", counts, dict.fromkeys(counts, 1_000_000))
    extra = [row for row in extra if row["year"] != 2022]
    data = make_dataset({"r": rates}, extra_rows=extra)
    row = progress_table(data, Settings(indicator="homicide_rate", baseline_year=2019, smoothing="3y")).loc["r"]
    assert row["count_behind_baseline"] == 1170 and pd.isna(row["count_behind_latest"])
    assert row["status"] != "insufficient_data" and pd.isna(row["status_certainty"])


def test_no_status_has_no_certainty():
    row = counts_table({"short": {2019: 40}}).loc["short"]
    assert row["status"] == "insufficient_data" and pd.isna(row["status_certainty"])


def test_palmira_deteriorates_in_about_three_draws_in_four(shipped_data):
    row = progress_table(shipped_data, Settings(indicator="homicide_rate")).loc["palmira"]
    assert (row["count_behind_baseline"], row["count_behind_latest"]) == (129, 147)
    assert row["status"] == "deterioration" and 0.7 < row["status_certainty"] < C.STATUS_CERTAINTY_MIN
    assert row["share_limited_progress"] > 0.15 and "uncertain_status" in row["flags"]


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_uncertain_status_flag_has_words(lang):
    assert "uncertain_status" in C.FLAGS
    words = t("flag_uncertain_status", lang)
    assert words != "flag_uncertain_status" and (lang == "en" or words != t("flag_uncertain_status", "en"))
