"""The overview's table: one row per city, statuses in words, links that keep the view (pioc_metrics.text.tables)."""

from __future__ import annotations

import pandas as pd
import pytest

from pioc_metrics.text import escape
from pioc_metrics.text.tables import city_link, overview_table


def test_overview_table_lists_all_22_shipped_cities_with_no_number_for_cities_without_data(shipped_data, shipped_table):
    rows = overview_table(shipped_data, shipped_table, "en", {"lang": "en"})
    assert len(rows) == 22
    amman = rows.loc[rows["city_id"] == "amman"].iloc[0]
    assert "no data yet" in amman["status"]
    assert pd.isna(amman["baseline"]) and pd.isna(amman["latest"]) and amman["trend"] == []
    palmira = rows.loc[rows["city_id"] == "palmira"].iloc[0]
    assert palmira["link"] == "city?city=palmira&lang=en"
    assert palmira["change"] == pytest.approx(palmira["latest"] / palmira["baseline"] - 1)
    assert rows["status"].iloc[0].startswith("★")  # best status first


def test_city_link_keeps_the_shared_view_but_not_other_cities():
    link = city_link("cali", {"lang": "pt", "indicator": "homicides", "cities": "a,b", "city": "x"})
    assert link == "city?city=cali&lang=pt&indicator=homicides"


def test_markdown_escaping_makes_user_text_inert():
    # The overview lists the cities without data through the one markdown escaper.
    escaped = escape.markdown("[x](javascript:alert(1)) *b*")
    assert escaped.startswith(r"\[x\]\(javascript") and escaped.endswith(r"\(1\)\) \*b\*")
