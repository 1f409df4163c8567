"""An upload whose city, country, series, source and note are all one hostile name, for the AppTest and browser tests.

The name carries what Streamlit's markdown would otherwise turn into something else: a
`:emoji:` and a `:material/...:` shortcode, a colour directive, bold, KaTeX, a link (and
an autolink inside it) and HTML.
"""

from __future__ import annotations

import csv
import io
import re

NAME = r":smile: :material/home: :red[x] **y** $\frac{1}{2}$ [x](https://example.org) <b>b</b>"
CITY_ID = re.sub(r"[^a-z0-9]+", "-", NAME.lower()).strip("-")  # the id the upload derives from the name
FILE_NAME = "hostile.csv"


def hostile_csv() -> bytes:
    """Two main-series values (so the city has a status) and one value of a series named like the city."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["city", "country", "lat", "lon", "year", "indicator", "value", "series", "source", "note"])
    for year, value, series in ((2019, 30.0, ""), (2021, 25.0, NAME), (2023, 20.0, "")):
        writer.writerow([NAME, NAME, 4.5, -74.1, year, "homicide_rate", value, series, NAME, NAME])
    return out.getvalue().encode()


def hostile_upload(base) -> dict:
    """What the Data page keeps in st.session_state["user_data"] after this file is applied (extend mode)."""
    from pioc_metrics.data.upload import apply_upload, check_upload

    report = check_upload(hostile_csv(), FILE_NAME, base)
    assert report.usable and not report.errors, report.errors
    upload = apply_upload(base, report, "extend", FILE_NAME)
    assert CITY_ID in set(upload["dataset"].cities["city_id"]), "the upload names the city differently"
    return upload
