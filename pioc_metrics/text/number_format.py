"""Numbers, percentages and years written for a reader of each language, from Babel's CLDR data.

English writes 12,345.6 and Spanish and Portuguese 12.345,6 (Babel 2.19 groups four-digit numbers
too: 1.234,5). The patterns are fixed so that every page looks the same: '#,##0.0' for numbers,
'+#,##0.0 %;−#,##0.0 %' for percentages (a true minus, a space before %), '0' for years, and an
en dash where there is no value. The symbols come from Babel; Python's formatter places the digits,
which writes exactly what `babel.numbers.format_decimal` and `format_percent` write with these
patterns for finite values (tests/text/test_number_format.py), about twenty times faster: a map of
10,000 cities formats some 50,000 numbers.
"""

from __future__ import annotations

import math
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

MISSING = "–"
MINUS = "−"  # U+2212: a percentage's sign must not read as a dash


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    """Babel's locale for a language code; English for a code Babel does not know."""
    try:
        return Locale.parse(lang)
    except (TypeError, ValueError, UnknownLocaleError):
        return Locale("en")


@lru_cache(maxsize=16)
def _symbols(lang: str) -> dict[int, str]:
    """Python's ',', '.', '-' and '%' as the language's group, decimal, minus and percent signs (CLDR)."""
    locale = _locale(lang)
    return str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale),
                          "-": get_minus_sign_symbol(locale), "%": locale.number_symbols["latn"]["percentSign"]})


def is_missing(value) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def number(value, lang: str, decimals: int = 1) -> str:
    """12.3 / 12,3; thousands grouped; an en dash where there is no value."""
    if is_missing(value):
        return MISSING
    return f"{float(value):,.{decimals}f}".translate(_symbols(lang))


def integer(value, lang: str) -> str:
    return number(value, lang, 0)


def year(value, lang: str = "en") -> str:
    """Years without separators: 2019, never 2,019 (Babel's pattern '0', the same in the three languages)."""
    return MISSING if is_missing(value) else str(int(value))


def percent(share, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """A share (0.061) as a percentage ('6.1 %'); signed adds '+' for positive values."""
    if is_missing(share):
        return MISSING
    text = f"{100 * float(share):,.{decimals}f}"
    sign = MINUS if text.startswith("-") else "+" if signed and float(share) > 0 else ""
    return sign + f"{text.lstrip('-')} %".translate(_symbols(lang))
