"""The choices a user makes in the sidebar, as one immutable value."""

from __future__ import annotations

from dataclasses import dataclass

from pioc_metrics import constants as C


@dataclass(frozen=True)
class Settings:
    """What the methodology needs besides the data; hashable, so it can key a cache."""

    indicator: str = C.DEFAULT_INDICATOR
    target_year: int = C.TARGET_YEAR
    reduction: float = C.REDUCTION
    # None: each city's own baseline_year from cities.csv, else the default year.
    baseline_year: int | None = None
    default_baseline_year: int = C.DEFAULT_BASELINE_YEAR
    smoothing: str = "none"
    path: str = "geometric"

    @property
    def network_baseline_year(self) -> int:
        """The baseline year of the network-wide view (median city index)."""
        return self.baseline_year if self.baseline_year is not None else self.default_baseline_year
