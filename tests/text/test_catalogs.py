"""The gettext catalogs: every message in every language, in step with the English source."""

from __future__ import annotations

import shutil
import string
import subprocess
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from pioc_metrics.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR, catalog_path, source_messages

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]


def read(path: Path, lang: str | None = None):
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def english_forms(message) -> tuple[str, ...]:
    return (message.english,) if message.english_plural is None else (message.english, message.english_plural)


def msgid(source) -> str | tuple[str, str]:
    return source.english if source.english_plural is None else (source.english, source.english_plural)


def forms(entry) -> tuple[str, ...]:
    return entry.string if isinstance(entry.string, tuple) else (entry.string,)


def identity(message) -> tuple:
    """How a message is known to gettext: context (the key) and msgid (with its plural)."""
    return message.context, message.id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_in_every_language(lang):
    catalog = read(catalog_path(lang), lang)
    missing = []
    for key, source in source_messages().items():
        entry = catalog.get(source.english, context=key)
        if entry is None or entry.fuzzy or entry.id != msgid(source) or not all(f.strip() for f in forms(entry)):
            missing.append(key)
    assert missing == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogs_hold_no_message_the_source_lacks(lang):
    catalog = read(catalog_path(lang), lang)
    assert {m.context for m in catalog if m.id} == set(source_messages())


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_agree_with_english(lang):
    catalog = read(catalog_path(lang), lang)
    mismatched = []
    for key, source in source_messages().items():
        wanted = set().union(*map(fields, english_forms(source))) - {source.count}
        entry = catalog.get(source.english, context=key)
        mismatched += [(key, form) for form in forms(entry) if fields(form) - {source.count} != wanted]
    assert mismatched == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_header_is_babels_rule_for_the_language(lang):
    catalog = read(catalog_path(lang), lang)
    rule = get_plural(lang)
    assert (catalog.num_plurals, catalog.plural_expr) == (rule.num_plurals, rule.plural_expr)
    assert all(len(m.string) == rule.num_plurals for m in catalog if m.pluralizable)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_babels_own_catalog_checks_pass(lang):
    assert [(m.context, errors) for m, errors in read(catalog_path(lang), lang).check()] == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_gnu_gettext_reads_the_catalogs_as_poedit_and_weblate_do(lang):
    # `make test` installs Debian's gettext when missing: its absence is a failure, never a skip.
    assert shutil.which("msgfmt"), "GNU gettext's msgfmt is missing: run `make system-deps`"
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog_path(lang))],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_template_is_in_step_with_the_english_source(tmp_path):
    """What `make translations` would extract now is what messages.pot holds."""
    extracted = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(extracted),
                                str(ROOT)])
    fresh = {identity(m) for m in read(extracted) if m.id}
    assert fresh == {identity(m) for m in read(LOCALE_DIR / "messages.pot") if m.id}
    assert fresh == {(key, msgid(source)) for key, source in source_messages().items()}


def test_every_plural_phrase_fills_a_placeholder_of_its_sentence():
    messages = source_messages()
    phrases = [key.split(".", 1) for key in messages if "." in key]
    orphans = [(sentence, name) for sentence, name in phrases
               if sentence not in messages or name not in fields(" ".join(english_forms(messages[sentence])))]
    assert phrases and orphans == []
