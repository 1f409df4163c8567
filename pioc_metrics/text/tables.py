"""Tables for people: the overview's one row per city, with statuses in words and links that keep the view."""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.coverage import sparkline_values
from pioc_metrics.text import formatting as F
from pioc_metrics.text.countries import country_names
from pioc_metrics.text.i18n import t


def city_link(city_id: str, params: dict[str, str]) -> str:
    """Relative URL of a city's page that keeps the shared view: city?city=<id>&lang=<lang>&..."""
    rest = {k: v for k, v in params.items() if k not in ("city", "cities")}
    return "city?" + urlencode({"city": city_id, **rest})


def overview_table(data: Dataset, table: pd.DataFrame, lang: str, params: dict[str, str]) -> pd.DataFrame:
    """All cities, one row each, best status first: the overview's sortable table (numbers stay numbers)."""
    cities = data.cities.set_index("city_id")
    ids = pd.Index(table["city_id"])
    status = table["status"].fillna("")
    no_data = table["baseline"].isna() & table["latest"].isna()
    status_text = pd.Series([F.status_label(s, lang) for s in status], index=table.index)
    no_data_text = f"{C.STATUS_SYMBOLS['insufficient_data']} {t('no_data_yet', lang)}"
    status_text = status_text.where(~no_data.to_numpy(), no_data_text)
    membership = cities["status"].reindex(ids).fillna("other")
    indicator = str(table["indicator"].iloc[0]) if len(table) else ""
    trends = sparkline_values(data, indicator, ids)
    with np.errstate(invalid="ignore", divide="ignore"):
        change = np.where(table["baseline"] > 0, table["latest"] / table["baseline"] - 1.0, np.nan)
    frame = pd.DataFrame({
        "city": cities["city"].reindex(ids).to_numpy(),
        "country": country_names(cities["iso3"].reindex(ids), cities["country"].reindex(ids), lang),
        "membership": [t("ov_member_short_" + m, lang) for m in membership],
        "baseline_year": pd.array(table["baseline_year"], dtype="Int64"),
        "baseline": table["baseline"].to_numpy(dtype=float),
        "latest_year": pd.array(table["latest_year"], dtype="Int64"),
        "latest": table["latest"].to_numpy(dtype=float),
        "change": change,
        "status": status_text.to_numpy(),
        "trend": [trends[c] for c in ids],
        "link": [city_link(c, params) for c in ids],
        "city_id": ids.to_numpy(),
        "_order": pd.Categorical(np.where(no_data, "no_data", status), categories=[*C.STATUSES, "", "no_data"]).codes,
    })
    return frame.sort_values(["_order", "city"], kind="stable").drop(columns="_order").reset_index(drop=True)
