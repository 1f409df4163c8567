"""The worked examples of shared/spec/methodology.md, shared by the formula and the progress-table tests."""

from __future__ import annotations

REL = 1e-6

# (b, B, t, L, CAGR_a, CAGR_r, CR, status, P(2030), first year at target, gap to path)
WORKED_EXAMPLES = [
    (2011, 98.1, 2022, 42.9, -0.072435, -0.035824, 2.021966, "achieved", 23.507823, None, -0.346766),
    (1991, 400, 2022, 15, -0.100500, -0.017616, 5.705061, "achieved", 6.428347, None, -0.934940),
    (2019, 40, 2023, 30, -0.069395, -0.061069, 1.136338, "on_track", 18.133368, 2029, -0.035001),
    (2019, 40, 2023, 33, -0.046955, -0.061069, 0.768880, "fair_progress", 23.567220, 2034, 0.061499),
    (2019, 40, 2023, 36, -0.025996, -0.061069, 0.425686, "limited_progress", 29.938283, 2046, 0.157998),
    (2019, 40, 2023, 40.9, 0.005578, -0.061069, -0.091342, "limited_progress", 42.524000, None, 0.315615),
    (2019, 40, 2023, 41, 0.006192, -0.061069, -0.101397, "deterioration", 42.810532, None, 0.318832),
    (2019, 40, 2023, 20, -0.159104, -0.061069, 2.605305, "achieved", 5.946036, None, -0.356668),
]


def example_id(example) -> str:
    return f"{example[0]}-{example[1]}-{example[2]}-{example[3]}"


def close(actual, expected, places=6):
    """The spec prints 6 decimals: agree to that rounding, and to 1e-6 relative where it is finer."""
    return abs(actual - expected) <= max(REL * abs(expected), 0.5 * 10**-places)

# The forward-looking example (v2): (b, B, t, L) -> T, CAGR_now, G(t) (geometric), gap to path, change since baseline.
FORWARD_EXAMPLE = ((2019, 40, 2023, 36), (20, -0.080541, 31.0881, 0.157998, -0.1))
