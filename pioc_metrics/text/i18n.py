"""Translations, looked up with the language passed explicitly (no process-wide state).

Catalogs live in `pioc_metrics/text/translations/<area>.py`, each a module-level dict
`STRINGS = {key: {"en": ..., "es": ..., "pt": ...}}`. Keys are unique across areas.
Values are `str.format` templates.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from pioc_metrics.text import translations

LANGUAGES = ("en", "es", "pt")
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All keys of all areas, merged; a key defined twice is a bug."""
    merged: dict[str, dict[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(translations.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{translations.__name__}.{module_info.name}")
        for key, texts in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise ValueError(f"translation key {key!r} defined twice ({module_info.name})")
            merged[key] = texts
    return merged


def normalise_language(value: object) -> str | None:
    """'pt-BR', 'es_CO', 'ES' -> 'pt', 'es', 'es'; None for anything else."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def t(key: str, lang: str, /, **params) -> str:
    """The text of `key` in `lang`, filled with `params`; English if the language lacks it."""
    texts = catalog().get(key)
    if texts is None:
        return key
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
