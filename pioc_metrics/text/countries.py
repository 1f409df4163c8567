"""Country names in the reader's language, from Babel's CLDR territory names (Colombia / Colômbia)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global


@lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    """ISO 3166 alpha-3 -> alpha-2 (COL -> CO), from CLDR's territory aliases."""
    return {alias: targets[0] for alias, targets in get_global("territory_aliases").items()
            if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and len(targets[0]) == 2}


@lru_cache(maxsize=8)
def _territories(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).territories)
    except (TypeError, ValueError, UnknownLocaleError):
        return {}


def country_name(iso3: object, lang: str, fallback: object = "") -> str:
    """The name of the country with this ISO alpha-3 code in `lang`.

    English keeps the data's own name (`fallback`), as the data and its downloads write it; the
    fallback is also used when CLDR has no name for the code.
    """
    fallback = fallback if isinstance(fallback, str) else ""  # a missing name is NaN in a frame
    if lang == "en" and fallback:
        return fallback
    code = iso3.strip().upper() if isinstance(iso3, str) else ""
    return _territories(lang).get(_alpha2().get(code, "")) or fallback or code


def country_names(iso3s, fallbacks, lang: str) -> list[str]:
    """`country_name` of each code, with the matching fallback (e.g. a frame's iso3 and country columns)."""
    return [country_name(iso3, lang, fallback) for iso3, fallback in zip(iso3s, fallbacks, strict=True)]
