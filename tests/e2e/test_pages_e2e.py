"""Every page in every language opens clean in a real browser, with its translated title and heading."""

from __future__ import annotations

import re

import pytest

from pioc_metrics.app.registry import VISITOR_PAGES as PAGES
from pioc_metrics.text.i18n import LANGUAGES, t

pytestmark = pytest.mark.e2e
# A line that is just a snake_case identifier is a translation key shown untranslated (t() returns the key).
RAW_KEY = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$", re.MULTILINE)

# What a page's link needs besides the language, and texts its headings may show instead of its name.
QUERY = {"city": "city=palmira"}
HEADING_KEYS = {"overview": ("app_title",), "present": ("pres_title_map",)}  # no sidebar: the first slide's title


def address(path: str, query: str, lang: str) -> str:
    return f"{path}?{query + '&' if query else ''}lang={lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.id)
def test_page_opens_clean_in_its_language(page_for, entry, lang):
    path, name_key, heading_keys = entry.url_path, entry.title_key, HEADING_KEYS.get(entry.id, ())
    app = page_for()
    app.goto(address(path, QUERY.get(entry.id, ""), lang))
    app.screenshot(f"page_{entry.id}_{lang}")
    app.assert_clean()

    name = t(name_key, lang)
    assert app.page.title() == f"{name} · Peace in Our Cities"
    text = app.main_text()
    # The page's name shows in the language asked for (as its heading, or as the current entry of the navigation).
    heading_texts = app.page.locator("[data-testid='stMain'] h1, [data-testid='stMain'] h2").all_inner_texts()
    headings = [h.strip() for h in heading_texts]
    assert headings, "the page has no heading"
    expected = {name, *(t(key, lang) for key in heading_keys)}
    assert name in text or any(e in h for e in expected for h in headings), (
        f"neither {expected} in headings {headings} nor {name!r} on the page")
    assert f"lang={lang}" in app.page.url
    assert not RAW_KEY.findall(text), f"untranslated keys on the page: {sorted(set(RAW_KEY.findall(text)))}"
