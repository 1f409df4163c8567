"""What the indicator catalog says of one indicator: its kind and which direction is better."""

from __future__ import annotations

import pandas as pd


def indicator_better(catalog: pd.DataFrame, indicator: str) -> str:
    """'lower', 'higher' or '' (no target) for one indicator of the catalog."""
    match = catalog.loc[catalog["indicator"] == indicator, "better"]
    return str(match.iloc[0]) if len(match) and isinstance(match.iloc[0], str) else ""


def indicator_kind(catalog: pd.DataFrame, indicator: str) -> str:
    """'rate', 'count' or 'share' for one indicator of the catalog; '' when the catalog lacks it."""
    match = catalog.loc[catalog["indicator"] == indicator, "kind"]
    return str(match.iloc[0]) if len(match) else ""
