"""Running one page of the app under Streamlit's AppTest, as a link would open it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pioc_metrics.app.registry import page

ROOT = Path(__file__).resolve().parents[1]


def open_page(page_id: str, *, session: dict | None = None, secrets: dict | None = None, user: dict | None = None,
              **params) -> AppTest:
    """Run the registry's page `page_id` (e.g. "city") with these query parameters and session values (and the
    secrets.toml and st.user a test gives); fail on any exception shown."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    for key, value in params.items():
        at.query_params[key] = value
    for key, value in (session or {}).items():
        at.session_state[key] = value
    script = page(page_id).script
    if script != "dashboard.py":
        at.switch_page(script)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def param(at: AppTest, key: str):
    """A query parameter's current value (AppTest may hold a list)."""
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value
