"""Static CSS of our own for every page (never data or user text): how the pages read on a phone."""

from __future__ import annotations

# On a phone (Streamlit stacks columns one under another below 640 px): key figures two to a row, not one, so
# they fit a screen; their values a little smaller. Rows of other things (charts, pickers) still stack.
_METRIC_ROW = "[data-testid='stHorizontalBlock']:has(> [data-testid='stColumn'] [data-testid='stMetric'])"
PHONE_CSS = f"""<style>
@media (max-width: 640px) {{
  {_METRIC_ROW} {{ flex-flow: row wrap !important; gap: 0.6rem 1rem !important; }}
  {_METRIC_ROW} > [data-testid='stColumn'] {{ flex: 1 1 calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important; }}
  [data-testid='stMetricValue'] {{ font-size: 1.7rem !important; }}
  [data-testid='stMetricLabel'] p {{ font-size: 0.85rem !important; }}
  [data-testid='stMetricLabel'], [data-testid='stMetricLabel'] * {{ white-space: normal !important;
    overflow: visible !important; text-overflow: clip !important; }}
}}
</style>"""
