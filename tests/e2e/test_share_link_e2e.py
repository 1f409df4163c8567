"""A shared link reopens the same view, and the choices hold while moving between pages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from pioc_metrics.app.registry import page
from pioc_metrics.text.i18n import t

pytestmark = pytest.mark.e2e

LINK = "/city?city=palmira&lang=es&indicator=homicides"


def query(app) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(app.page.url).query).items()}


def path(app) -> str:
    return urlsplit(app.page.url).path


def sidebar_choice(app, index: int) -> str:
    """The shown value of the sidebar's `index`-th selectbox (0 = language, 1 = indicator)."""
    box = app.page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(index)
    return box.locator("input[role='combobox']").input_value().strip()


def follow_sidebar_link(app, name_key: str, lang: str, wanted_path: str) -> None:
    label = t(name_key, lang)
    link = app.page.locator("[data-testid='stSidebar'] a[data-testid='stPageLink-NavLink']", has_text=label)
    assert link.count() >= 1, f"no sidebar link {label!r}"
    link.first.click()
    app.page.wait_for_url(lambda url: urlsplit(url).path == wanted_path, timeout=30_000)
    app.wait_idle()


def assert_view_holds(app, *, lang: str = "es", city: str = "palmira", indicator: str = "homicides") -> None:
    params = query(app)
    assert params.get("lang") == lang, app.page.url
    assert params.get("indicator") == indicator, app.page.url
    assert params.get("city") == city, app.page.url
    assert sidebar_choice(app, 0) == "Español"
    assert sidebar_choice(app, 1) == "Homicidios"
    assert t("sidebar_settings", lang) in app.main_text()


def test_link_choices_hold_across_pages_and_back(page_for):
    app = page_for()
    app.goto(LINK)
    assert_view_holds(app)
    assert "Palmira" in app.page.locator("[data-testid='stMain']").inner_text()

    for entry in (page("compare"), page("map"), page("city")):
        follow_sidebar_link(app, entry.title_key, "es", entry.url_path)
        assert path(app) == entry.url_path
        assert_view_holds(app)
        app.screenshot(f"share_link_{entry.id}")
        app.assert_clean()
    assert "Palmira" in app.page.locator("[data-testid='stMain']").inner_text()


def test_changing_language_in_the_sidebar_updates_the_link(page_for):
    app = page_for()
    app.goto(LINK)
    app.page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(0).locator("input").click()
    app.page.get_by_role("option", name="Português").click()
    app.page.wait_for_url(lambda url: "lang=pt" in url, timeout=30_000)
    app.wait_idle()
    params = query(app)
    assert params["lang"] == "pt" and params["city"] == "palmira" and params["indicator"] == "homicides"
    assert sidebar_choice(app, 0) == "Português"
    assert t("sidebar_settings", "pt") in app.main_text()
    assert app.page.title() == f"{t(page('city').title_key, 'pt')} · Peace in Our Cities"
    app.screenshot("share_link_language_changed")
    app.assert_clean()

    # The new link reopens the same view in a fresh browser.
    fresh = page_for()
    fresh.goto(path(app) + "?" + urlsplit(app.page.url).query)
    assert sidebar_choice(fresh, 0) == "Português" and query(fresh)["city"] == "palmira"
    fresh.assert_clean()
