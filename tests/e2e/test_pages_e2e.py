"""Every page in every language opens clean in a real browser, with its translated title and heading."""

from __future__ import annotations

import re

import pytest

from pioc_metrics.text.i18n import LANGUAGES, t

pytestmark = pytest.mark.e2e
# A line that is just a snake_case identifier is a translation key shown untranslated (t() returns the key).
RAW_KEY = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$", re.MULTILINE)

# (path, its query without lang, translation key of its name, keys of texts its headings may show)
PAGES = (
    ("/", "", "nav_overview", ("app_title",)),
    ("/city", "city=palmira", "nav_city", ()),
    ("/compare", "", "nav_compare", ()),
    ("/map", "", "nav_map", ()),
    ("/data", "", "nav_data", ()),
    ("/methodology", "", "nav_methodology", ()),
    ("/present", "", "nav_present", ("pres_title_map",)),  # no sidebar: the first slide's title
)


def address(path: str, query: str, lang: str) -> str:
    return f"{path}?{query + '&' if query else ''}lang={lang}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("path", "query", "name_key", "heading_keys"), PAGES,
                         ids=[p[0].strip("/") or "overview" for p in PAGES])
def test_page_opens_clean_in_its_language(page_for, path, query, name_key, heading_keys, lang):
    app = page_for()
    app.goto(address(path, query, lang))
    app.screenshot(f"page_{(path.strip('/') or 'overview')}_{lang}")
    app.assert_clean()

    name = t(name_key, lang)
    assert app.page.title() == f"{name} · Peace in Our Cities"
    text = app.main_text()
    # The page's name shows in the language asked for (as its heading, or as the current entry of the navigation).
    headings = [h.strip() for h in app.page.locator("[data-testid='stMain'] h1, [data-testid='stMain'] h2").all_inner_texts()]
    assert headings, "the page has no heading"
    expected = {name, *(t(key, lang) for key in heading_keys)}
    assert name in text or any(e in h for e in expected for h in headings), (
        f"neither {expected} in headings {headings} nor {name!r} on the page")
    assert f"lang={lang}" in app.page.url
    assert not RAW_KEY.findall(text), f"untranslated keys on the page: {sorted(set(RAW_KEY.findall(text)))}"
