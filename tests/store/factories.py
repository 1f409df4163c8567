"""Small files and accounts the store's tests submit (synthetic: made by code, never shown as a real city)."""

from __future__ import annotations

from pioc_metrics.store import accounts


def indicator_csv(*rows: tuple[str, int, str, float], source: str = "Test source (synthetic)") -> bytes:
    """A long-format file of (city_id, year, indicator, value) rows, every one with `source`."""
    lines = ["city_id,year,indicator,value,source"]
    lines += [f"{city},{year},{indicator},{value},\"{source}\"" for city, year, indicator, value in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def team(url: str) -> None:
    """ana edits Palmira; rev1 and rev2 review; root administers."""
    accounts.add_account(url, "operator", "ana", "editor", ["palmira"])
    accounts.add_account(url, "operator", "rev1", "reviewer")
    accounts.add_account(url, "operator", "rev2", "reviewer")
    accounts.add_account(url, "operator", "root", "admin")
