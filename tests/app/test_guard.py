"""A page that fails shows a message and a button to try again in the visitor's language, never a blank page;
the failure and any visit slower than SLOW_VISIT_S are logged with the page."""

from __future__ import annotations

import logging

import pytest

from pioc_metrics.app import city, guard
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page


def _broken(ctx):
    raise RuntimeError("a fault of ours")


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_a_failing_page_says_so_and_offers_a_retry_that_runs_it_again(monkeypatch, caplog, lang):
    monkeypatch.setattr(city, "status_block", _broken)
    with caplog.at_level(logging.ERROR, logger="pioc_metrics.visits"):
        at = open_page("city", city="palmira", lang=lang)
    assert [e.value for e in at.error] == [t("page_failed", lang)]
    assert "a fault of ours" not in " ".join(m.value for m in at.markdown)
    assert any("page city failed for RuntimeError" in r.getMessage() for r in caplog.records)
    monkeypatch.setattr(city, "status_block", lambda ctx: None)
    at.button(key=guard.RETRY_KEY).click().run()
    assert not at.error and not at.exception
    assert t("events_title", lang, city="Palmira") in [s.value for s in at.subheader]


def test_a_slow_visit_is_logged_with_its_page_and_cause(monkeypatch, caplog):
    monkeypatch.setattr(guard, "SLOW_VISIT_S", 0.0)
    with caplog.at_level(logging.WARNING, logger="pioc_metrics.visits"):
        open_page("methodology", lang="en")
    [record] = [r for r in caplog.records if "slow visit" in r.getMessage()]
    assert "page methodology" in record.getMessage() and "lang=en" in record.getMessage()
    assert "computing" in record.getMessage()
