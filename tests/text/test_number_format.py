"""Numbers, percentages and years through Babel, one look on every page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from pioc_metrics.text.i18n import LANGUAGES
from pioc_metrics.text.number_format import integer, number, percent, year


@pytest.mark.parametrize("lang, text", [("en", "12,345.7"), ("es", "12.345,7"), ("pt", "12.345,7")])
def test_numbers_follow_the_language(lang, text):
    assert number(12345.67, lang) == text


def test_four_digit_numbers_are_grouped_as_babel_does():
    # CLDR asks Spanish for 1234 (minimum grouping digits 2); Babel 2.19 does not apply that rule.
    assert number(1234.5, "es") == "1.234,5"
    assert integer(1234, "pt") == "1.234"


def test_numbers_round_the_value_itself():
    assert number(2.675, "en", 2) == "2.67"  # 2.675 is stored as 2.67499…
    assert integer(358895.4, "en") == "358,895"


def test_percentages_have_a_true_minus_and_a_space_before_the_sign():
    assert percent(-0.061069, "es") == "−6,1 %"
    assert percent(-0.061069, "en") == "−6.1 %"
    assert percent(0.0223, "en", signed=True) == "+2.2 %"
    assert percent(0.0223, "pt") == "2,2 %"
    assert percent(0.5, "es", 0) == "50 %"


def test_years_have_no_separator_in_any_language():
    assert year(2019.0) == "2019"
    assert year(2019, "es") == "2019"


@pytest.mark.parametrize("missing", [None, float("nan"), "", "n/a"])
def test_a_missing_value_is_an_en_dash(missing):
    assert number(missing, "en") == percent(missing, "es") == year(missing) == "–"


# --- the same as Babel's own formatting with the same patterns ------------------------------------------

FINITE = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
SHARES = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


@given(FINITE, st.integers(0, 3), st.sampled_from(LANGUAGES))
def test_numbers_are_what_babel_writes(value, decimals, lang):
    # Babel rounds the shortest repr of a float (2.675 -> 2.68); the pages round the float itself
    babel = format_decimal(round(value, decimals), format=pattern(decimals), locale=lang)
    assert number(value, lang, decimals) == babel


@given(SHARES, st.integers(0, 2), st.sampled_from(LANGUAGES), st.booleans())
def test_percentages_are_what_babel_writes(share, decimals, lang, signed):
    body = pattern(decimals) + " %"
    plus = "+" if signed and share > 0 else ""
    shown = Decimal(repr(round(100 * share, decimals))).scaleb(-2)  # no float error from Babel's ×100
    babel = format_percent(shown, format=f"{plus}{body};−{body}", locale=lang)
    assert percent(share, lang, decimals, signed) == babel


@given(st.integers(1000, 2100), st.sampled_from(LANGUAGES))
def test_years_are_what_babel_writes(value, lang):
    assert year(value, lang) == format_decimal(value, format="0", locale=lang)
