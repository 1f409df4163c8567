"""Changes to the network's data as people read them: what a row is ("Palmira · Homicides · 2024"), values with
every digit they were given, and tables of rows added, changed (old -> new, both sources) and removed. The Review
page shows a submission's changes with them; the Data page, the changes between any two releases."""

from __future__ import annotations

import re

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import indicator_label, series_label

NUMBER_TEXT = re.compile(r"^-?\d+(\.\d+)?$")


def shown_value(text, lang: str, field: str = "value") -> str:
    """A stored value as the reader's language writes numbers, with every digit it was given (147, 36.6058); a
    year as it is (2019)."""
    text = "" if text is None else str(text)
    if not NUMBER_TEXT.match(text) or "year" in field:
        return text or F.MISSING
    decimals = len(text.split(".")[1]) if "." in text else 0
    return F.number(float(text), lang, decimals)


def city_names(data, changes: pd.DataFrame) -> dict[str, str]:
    """city_id -> name: the data's, and a city's from its row in the changes (a new city, or one removed)."""
    names = {str(row["city_id"]): str(row.get("city") or row["city_id"])
             for side in ("old", "new") if side in changes.columns
             for kind, row in zip(changes["kind"], changes[side]) if kind == "cities" and row}
    return names | dict(zip(data.cities["city_id"], data.cities["city"]))


def _what(kind: str, row: dict, names: dict[str, str], catalog: pd.DataFrame, lang: str) -> str:
    """What a row is, as people read it: 'Palmira · Homicides · 2024' (its series when not the main one)."""
    if kind == "national":
        label = indicator_label(catalog, str(row.get("indicator", "")), lang)
        return f"{row.get('country') or row.get('iso3', '')} · {label} · {row.get('year', '')}"
    if kind == "catalog":
        return f"{t('changes_catalog_row', lang)} · {row.get('indicator', '')}"
    city = names.get(str(row.get("city_id")), str(row.get("city_id", "")))
    if kind != "indicators":
        return f"{city} ({row.get('city_id', '')}) · {t('review_city_row', lang)}"
    return f"{city} · {figure_label(row, catalog, lang)}"


def figure_label(row: dict, catalog: pd.DataFrame, lang: str) -> str:
    """One figure of a city: 'Homicides · 2024' ('2025-03' for a month; its series when not the main one)."""
    month = str(row.get("month") or "")
    period = f"{row.get('year', '')}-{month.zfill(2)}" if month else str(row.get("year", ""))
    parts = [indicator_label(catalog, str(row.get("indicator", "")), lang), period]
    if str(row.get("series") or C.MAIN_SERIES) != C.MAIN_SERIES:
        parts.append(series_label(str(row["series"]), str(row.get("source") or ""), lang))
    return " · ".join(parts)


def _fields(kind: str, old: dict, new: dict) -> list[str]:
    """The fields of a changed row that differ (its source is shown beside them); 'value' for a new source only."""
    fields = [c for c in new if c != "source" and str(old.get(c, "")) != str(new.get(c, ""))]
    return fields or (["value"] if kind in ("indicators", "national") else ["source"])


def _field_label(field: str, lang: str) -> str:
    return t("review_field_value", lang) if field == "value" else field


def added_table(changes: pd.DataFrame, names: dict[str, str], catalog: pd.DataFrame, lang: str,
                which: str = "added") -> pd.DataFrame:
    """One line per added row (`which`="removed": per removed row, as it was): what it is, its value (a row
    without a value: its fields) and its source."""
    added = changes.loc[changes["change"] == which] if len(changes) else changes
    if which == "removed":
        added = added.drop(columns="new").rename(columns={"old": "new"})
    values = [shown_value(new.get("value"), lang) if "value" in new else
              "; ".join(f"{k}: {v}" for k, v in new.items() if v and k not in ("city_id", "source"))
              for new in added["new"]]
    return pd.DataFrame({
        t("review_col_what", lang): [_what(kind, new, names, catalog, lang)
                                     for kind, new in zip(added["kind"], added["new"])],
        t("review_col_value", lang): values,
        t("review_col_source", lang): [str(new.get("source") or "") for new in added["new"]],
    })


def changed_table(changes: pd.DataFrame, names: dict[str, str], catalog: pd.DataFrame, lang: str,
                  conflicts: bool = False) -> pd.DataFrame:
    """One line per changed field: what, field, published -> proposed, both sources; for `conflicts`, the
    published value now, the submitted one and the one published when the submission was made."""
    rows = changes.loc[changes["change"] == "changed"] if not conflicts else changes.loc[changes["conflict"]]
    lines = []
    bases = rows["base"] if "base" in rows.columns else [None] * len(rows)
    for kind, old, new, base in zip(rows["kind"], rows["old"], rows["new"], bases):
        old, base = old or {}, base or {}
        for field in _fields(kind, old, new):
            line = {"review_col_what": _what(kind, new, names, catalog, lang),
                    "review_col_field": _field_label(field, lang)}
            before, after = shown_value(old.get(field), lang, field), shown_value(new.get(field), lang, field)
            if conflicts:
                line |= {"review_col_published_now": before, "review_col_submitted": after,
                         "review_col_when_submitted": shown_value(base.get(field), lang, field)}
            else:
                line["review_col_change"] = f"{before} → {after}"
            line |= {"review_col_old_source": str(old.get("source") or ""),
                     "review_col_new_source": str(new.get("source") or "")}
            lines.append(line)
    columns = ["review_col_what", "review_col_field",
               *(["review_col_published_now", "review_col_submitted", "review_col_when_submitted"] if conflicts
                 else ["review_col_change"]), "review_col_old_source", "review_col_new_source"]
    frame = pd.DataFrame(lines, columns=columns)
    return frame.rename(columns={key: t(key, lang) for key in columns})


def history_table(history: pd.DataFrame, catalog: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A city's figures version by version (store.submissions.city_history), newest release first: what, value,
    source, the release that brought it and from where, what it replaced, and whether it still stands."""
    ordered = history.assign(_year=pd.to_numeric(history["year"], errors="coerce")).sort_values(
        ["added_in", "_year", "indicator"], ascending=[False, False, True], kind="stable")
    what = [figure_label({"year": y, "month": m, "indicator": i, "series": s, "source": src}, catalog, lang)
            for y, m, i, s, src in zip(ordered["year"], ordered["month"], ordered["indicator"], ordered["series"],
                                       ordered["source"])]
    came = [t("history_from_submission", lang, id=int(sub), name=str(by or ""), published_by=str(pub))
            if not pd.isna(sub) else t("history_from_import", lang, published_by=str(pub))
            for sub, by, pub in zip(ordered["submission_id"], ordered["submitted_by"], ordered["published_by"])]
    now = [t("history_current", lang) if pd.isna(n) else t("history_replaced_in", lang, number=int(n))
           for n in ordered["replaced_in"]]
    return pd.DataFrame({
        t("history_col_figure", lang): what,
        t("history_col_value", lang): [shown_value(v, lang) for v in ordered["value"]],
        t("history_col_release", lang): [str(int(n)) for n in ordered["added_in"]],
        t("history_col_from", lang): came,
        t("history_col_previous", lang): [shown_value(v, lang) if v else "" for v in ordered["previous_value"]],
        t("history_col_now", lang): now,
        t("history_col_source", lang): ordered["source"].to_numpy(),
        t("history_col_previous_source", lang): ordered["previous_source"].to_numpy(),
    })  # the long sources last: a phone shows the first columns
