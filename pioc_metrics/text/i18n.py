"""Translations, looked up with the language passed explicitly (no process-wide state).

English is the source: every message's key and English text are in `pioc_metrics/text/messages/`.
Spanish and Portuguese are gettext catalogs, `locale/<lang>/LC_MESSAGES/messages.po`, with the key
as msgctxt; each is compiled in memory at its first use. Messages are `str.format` templates.
`make translations` re-extracts `locale/messages.pot` from the sources and merges it into the catalogs.
"""

from __future__ import annotations

import gettext
import importlib
import io
import numbers
import pkgutil
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from pioc_metrics.text import messages as message_modules
from pioc_metrics.text.messages import Message
from pioc_metrics.text.number_format import integer

LANGUAGES = ("en", "es", "pt")
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
GENERAL_COUNT = 2  # picks the general plural form ("other") in English, Spanish and Portuguese


@lru_cache(maxsize=1)
def source_messages() -> dict[str, Message]:
    """Every message's English source by key, from all areas; a key defined twice is a bug."""
    merged: dict[str, Message] = {}
    for module_info in sorted(pkgutil.iter_modules(message_modules.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{message_modules.__name__}.{module_info.name}")
        for message in module.MESSAGES:
            if message.key in merged:
                raise ValueError(f"message key {message.key!r} defined twice ({module_info.name})")
            merged[message.key] = message
    return merged


@lru_cache(maxsize=1)
def _counted_placeholders() -> dict[str, tuple[str, ...]]:
    """Sentence key -> its placeholders that have their own plural phrase ('<key>.<placeholder>')."""
    found: dict[str, tuple[str, ...]] = {}
    for key in source_messages():
        if "." in key:
            parent, placeholder = key.split(".", 1)
            found[parent] = (*found.get(parent, ()), placeholder)
    return found


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext.NullTranslations:
    """The language's catalog, compiled in memory without its fuzzy entries; English needs none."""
    if lang not in LANGUAGES or lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with catalog_path(lang).open("rb") as file:
        catalog = read_po(file, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def normalise_language(value: object) -> str | None:
    """'pt-BR', 'es_CO', 'ES' -> 'pt', 'es', 'es'; None for anything else."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def _whole(value: object) -> int | None:
    """A count as an int (numpy integers and whole floats included); None when it is not one."""
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return int(value)
    return None


def template(key: str, lang: str, count: int | None = None) -> str:
    """The template of `key` in `lang` (English where the catalog lacks it); a plural's form for
    `count`, its general form without one."""
    message = source_messages()[key]
    catalog = translations(lang)
    if message.english_plural is None:
        return catalog.pgettext(key, message.english)
    n = GENERAL_COUNT if count is None else count
    return catalog.npgettext(key, message.english, message.english_plural, n)


def templates(area: str) -> dict[str, dict[str, str]]:
    """One area's messages (a module of `pioc_metrics.text.messages`) as {key: {lang: template}}."""
    module = importlib.import_module(f"{message_modules.__name__}.{area}")
    return {message.key: {lang: template(message.key, lang) for lang in LANGUAGES} for message in module.MESSAGES}


def t(key: str, lang: str, /, **params) -> str:
    """The text of `key` in `lang`, filled with `params`; English if the language lacks it.

    A plural's form follows its count parameter (`n` unless the message names another), which is
    written as a number of the language; a placeholder with its own plural phrase is filled with it.
    """
    message = source_messages().get(key)
    if message is None:
        return key
    count = _whole(params.get(message.count)) if message.english_plural is not None else None
    text = template(key, lang, count)
    if not params:
        return text
    filled = dict(params)
    for placeholder in _counted_placeholders().get(key, ()):
        if placeholder in params:
            filled[placeholder] = t(f"{key}.{placeholder}", lang, **{**params, "n": params[placeholder]})
    if count is not None:
        filled[message.count] = integer(count, lang)
    try:
        return text.format(**filled)
    except (KeyError, IndexError, ValueError):
        return text
