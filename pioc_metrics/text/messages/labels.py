"""Names made from data: how a series is called when its id says nothing to a reader."""

from pioc_metrics.text.messages import message

MESSAGES = (
    message("series_main", "Main series"),
)
