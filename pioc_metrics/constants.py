"""Every threshold and default of the methodology, in one place.

The engine, the command line and the Methodology page all read these names, so
the page can never disagree with the code.
"""

from __future__ import annotations

TARGET_YEAR = 2030
REDUCTION = 0.5  # halving
REDUCTION_MIN = 0.1
REDUCTION_MAX = 0.9
DEFAULT_BASELINE_YEAR = 2019  # campaign launch; last full year before the pandemic
BASELINE_SEARCH_YEARS = 2  # nearest year within this distance replaces a missing baseline
SMOOTHING_WINDOW = 3  # years in the rolling mean
SMOOTHING_MIN_YEARS = 2  # of the window, years that must have a value

# Status thresholds on the progress ratio CR = CAGR_actual / CAGR_required.
ON_TRACK_MIN = 0.95
FAIR_PROGRESS_MIN = 0.5
LIMITED_PROGRESS_MIN = -0.1

SMALL_NUMBERS_BELOW = 20  # homicides in the latest year
POISSON_CONFIDENCE = 0.95
RATIO_CONFIDENCE = 0.95  # the interval of a ratio of two counts (year so far; before and after a practice)
RATE_PER = 100_000
POPULATION_CARRY_YEARS = 3  # population carried beyond its known range at most this far

YEAR_MIN = 1950
YEAR_MAX = 2100
# The years a user may choose (sidebar, links and the command line alike).
TARGET_YEAR_MIN = 2025
TARGET_YEAR_MAX = 2050
BASELINE_YEAR_MIN = 2000
BASELINE_YEAR_MAX = 2024

SMOOTHING_CHOICES = ("none", "3y")
PATH_CHOICES = ("geometric", "linear")
# The network's headline measure: each city by the first of these that gives it a status (methodology v2).
HEADLINE = "headline"
HEADLINE_MEASURES = ("homicide_rate", "homicides")
DEFAULT_INDICATOR = HEADLINE
MAIN_SERIES = "main"

# Statuses in the order they are checked, best first for display.
STATUSES = (
    "achieved",
    "on_track",
    "fair_progress",
    "limited_progress",
    "deterioration",
    "insufficient_data",
)
# A symbol for each status, so status never rests on colour alone.
STATUS_SYMBOLS = {
    "achieved": "★",
    "on_track": "▲",
    "fair_progress": "◆",
    "limited_progress": "●",
    "deterioration": "▼",
    "insufficient_data": "○",
}
# Okabe-Ito palette: distinguishable under protanopia and deuteranopia.
STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#56B4E9",
    "fair_progress": "#E69F00",
    "limited_progress": "#CC79A7",
    "deterioration": "#D55E00",
    "insufficient_data": "#666666",
}

FLAGS = (
    "no_data",
    "baseline_substituted",
    "small_numbers",
    "derived",
    "population_carried",
    "definitions_vary",
    "no_target",
    "baseline_not_before_target",
    "uncertain_status",
)

# How sure is the status (methodology v2): Poisson draws of the counts behind the baseline and the latest value.
STATUS_DRAWS = 2000
STATUS_DRAW_SEED = 20191231  # fixed, so the same data always gives the same certainty
STATUS_CERTAINTY_MIN = 0.8  # below this share of draws in the point status: flagged uncertain_status
STATUS_SHARE_NAMED_MIN = 0.05  # another status named beside the point status from this share of draws up

CITY_STATUSES = ("member", "prospective", "other")

METHODOLOGY_VERSION = "v2"  # written on every progress table a user downloads

# Events and practices (data contract v2: events.csv, practices.csv; methodology: before and after, peers)
EVENT_KINDS = ("strategy", "programme", "policy", "administration", "data", "other")
DATA_EVENT = "data"  # a break in how figures are counted: drawn as a break in the line
PRACTICE_APPROACHES = ("focused_deterrence", "violence_interruption", "youth", "gender", "urban_design",
                       "public_health", "policing", "community", "justice", "data", "other")
NOT_EVALUATED = "not evaluated"
BEFORE_AFTER_YEARS = 3  # the years before a practice's start against the years from its start on
PEER_LEVEL_RATIO = 2.0  # a peer's headline level at the baseline within this factor of the city's
PEER_SIZE_RATIO = 10.0  # a peer's population within this factor of the city's (the same order of size)
PEER_CHANGE_MAX = 0.0  # a peer's change since its baseline is below this (its figures fell)
PEERS_SHOWN = 3
