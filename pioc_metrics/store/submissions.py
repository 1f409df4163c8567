"""Submissions and their review: an editor's accepted rows wait; a reviewer (never the submitter) approves them into
the next release, or rejects them with a reason. Nothing a submission holds removes a published value.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import PurePath

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pioc_metrics.data.problems import ERROR, Problem
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.stories import practice_cities
from pioc_metrics.data.upload import check_upload
from pioc_metrics.data.validation import validate_cities
from pioc_metrics.store import database
from pioc_metrics.store.accounts import Account, acting, check_reviewer, get_account
from pioc_metrics.store.audit import now, record
from pioc_metrics.store.errors import Conflict, Invalid, NotAllowed, NotFound
from pioc_metrics.store.releases import CHUNK, latest_release, publish, release_dataset
from pioc_metrics.store.rows import frame_text, keyed
from pioc_metrics.store.schema import accounts, records, releases, submission_rows, submissions

SETTLE = ("published", "submitted")  # how a reviewer settles conflicts: keep the published value, or take the new one


@dataclass(frozen=True)
class Submitted:
    """What `submit` did: the submission's id (None when no row was accepted), rows kept, and the report."""

    id: int | None
    rows: int
    problems: tuple[Problem, ...]

    @property
    def rejected(self) -> bool:
        return any(p.is_error for p in self.problems)


def submit(url: str, actor: str, files: list[tuple[str, bytes]], note: str = "") -> Submitted:
    """Check each (file name, content) against the latest release and keep the accepted rows the account may
    submit, as one submission waiting for review. Rows for cities outside an editor's assignment are rejected."""
    with database.reading(url) as connection:
        account = acting(connection, actor)
    base = latest_release(url)
    if base is None:
        raise Invalid("store_not_initialised_for_submit")
    data, _ = release_dataset(url, base["number"])
    problems: list[Problem] = []
    kept = {"indicators": [], "cities": [], "events": [], "practices": []}
    for name, content in files:
        file = PurePath(str(name)).name or "upload"
        if file.lower() == "cities.csv":
            frame, found = read_table(content, file)
            cities, more = validate_cities(frame, file) if frame is not None else (None, [])
            problems += found + more
            if cities is not None:
                kept["cities"].append(_assigned(cities, account, file, problems))
            continue
        report = check_upload(content, file, data)
        problems += list(report.problems)
        if report.layout == "events":
            kept["events"].append(_assigned(report.events, account, file, problems))
            continue
        if report.layout == "practices":  # a practice may name several cities: all must be the account's
            kept["practices"].append(_assigned_practices(report.practices, account, file, problems))
            continue
        kept["indicators"].append(_assigned(report.indicators, account, file, problems))
        if len(report.new_cities):
            kept["cities"].append(_assigned(report.new_cities, account, file, problems))
    _complete_cities_only(kept, problems)
    rows = {kind: keyed(frame_text(pd.concat(frames, ignore_index=True), kind), kind)
            for kind, frames in kept.items() if frames and sum(len(f) for f in frames)}
    rows = {kind: frame.drop_duplicates("key", keep="last") for kind, frame in rows.items()}
    total = sum(len(frame) for frame in rows.values())
    if not total:
        return Submitted(None, 0, tuple(problems))
    with database.writing(url) as connection:
        submission_id = connection.execute(submissions.insert().values(
            account_id=account.id, created_at=now(), files=", ".join(PurePath(str(n)).name for n, _ in files),
            note=str(note or ""), base_release=base["number"], report=_report_json(problems), status="waiting",
            review_note="",
        )).inserted_primary_key[0]
        connection.execute(submission_rows.insert(), [
            {"submission_id": submission_id, "kind": kind, "key": key, "data": data}
            for kind, frame in rows.items() for key, data in zip(frame["key"], frame["data"])])
        record(connection, actor, "submit", f"submission {submission_id}", rows=total,
               base_release=base["number"], rejected=sum(p.is_error for p in problems))
    return Submitted(submission_id, total, tuple(problems))


def _complete_cities_only(kept: dict, problems: list[Problem]) -> None:
    """New cities must pass the data format's checks as a release would read them (an upload may name a city with
    no country code): an incomplete one is left out with its rows, and the report says which columns it lacks."""
    frames = [f for f in kept["cities"] if len(f)]
    if not frames:
        return
    text = frame_text(pd.concat(frames, ignore_index=True), "cities")
    clean, found = validate_cities(text, "cities")
    bad = sorted(set(text["city_id"]) - set(clean["city_id"]))
    for city_id in bad:
        rows = text.index[text["city_id"] == city_id] + 2
        columns = sorted({p.column for p in found if p.is_error and p.row in set(rows) and p.column})
        problems.append(Problem("cities", None, "city_id", "store_new_city_incomplete", ERROR,
                                params={"city_id": city_id, "columns": ", ".join(columns)}))
    if bad:
        kept["cities"] = [f.loc[~f["city_id"].isin(bad)] for f in frames]
        kept["indicators"] = [f.loc[~f["city_id"].isin(bad)] for f in kept["indicators"]]


def _assigned(frame: pd.DataFrame, account: Account, file: str, problems: list[Problem]) -> pd.DataFrame:
    """The rows of cities the account may submit for; a problem per other city, naming it and its rows."""
    allowed = frame["city_id"].map(account.may_submit_for).astype(bool)
    for city_id, count in frame.loc[~allowed, "city_id"].value_counts(sort=False).items():
        problems.append(Problem(file, None, "city_id", "store_city_not_assigned", ERROR,
                                params={"city_id": city_id, "rows": int(count), "name": account.name}))
    return frame.loc[allowed]


def _assigned_practices(frame: pd.DataFrame, account: Account, file: str, problems: list[Problem]) -> pd.DataFrame:
    """The practices whose cities are all ones the account may submit for; a problem per other city."""
    pairs = practice_cities(frame)
    allowed = pairs["city_id"].map(account.may_submit_for).astype(bool)
    for city_id, count in pairs.loc[~allowed, "city_id"].value_counts(sort=False).items():
        problems.append(Problem(file, None, "cities", "store_city_not_assigned", ERROR,
                                params={"city_id": city_id, "rows": int(count), "name": account.name}))
    return frame.loc[~frame["practice_id"].isin(set(pairs.loc[~allowed, "practice_id"]))]


def _report_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, default=str)


def report_problems(text: str) -> list[Problem]:
    """The validation report kept with a submission, as Problems again."""
    return [Problem(**entry) for entry in json.loads(text or "[]")]


def list_submissions(url: str, status: str | None = None, account: str | None = None) -> list[dict]:
    """Submissions (newest first) with the submitter's name; only `status` or `account`'s when given."""
    query = (sa.select(submissions, accounts.c.name.label("submitted_by"))
             .join(accounts, accounts.c.id == submissions.c.account_id).order_by(submissions.c.id.desc()))
    if status:
        query = query.where(submissions.c.status == status)
    if account:
        query = query.where(accounts.c.name == account)
    with database.reading(url) as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


def get_submission(connection: Connection, submission_id: int) -> dict:
    row = connection.execute(
        sa.select(submissions, accounts.c.name.label("submitted_by"))
        .join(accounts, accounts.c.id == submissions.c.account_id).where(submissions.c.id == int(submission_id))
    ).mappings().first()
    if row is None:
        raise NotFound("store_unknown_submission", id=submission_id)
    return dict(row)


def submission_changes(connection: Connection, submission: dict, against: int) -> pd.DataFrame:
    """The submission's difference from release `against`: kind, key, change ("added", "changed"), old, new (dicts),
    and conflict: True where a release published since the submission was made changed that value too."""
    proposed = pd.DataFrame(connection.execute(
        sa.select(submission_rows.c.kind, submission_rows.c.key, submission_rows.c.data)
        .where(submission_rows.c.submission_id == submission["id"])).all(), columns=["kind", "key", "data"])
    versions = _versions(connection, proposed)
    at_latest = _at(versions, against).rename(columns={"data": "old"})
    at_base = _at(versions, submission["base_release"]).rename(columns={"data": "base"})
    merged = proposed.merge(at_latest, on=["kind", "key"], how="left").merge(at_base, on=["kind", "key"], how="left")
    merged = merged.loc[merged["old"].fillna("\0") != merged["data"]]
    moved = merged["old"].fillna("\0") != merged["base"].fillna("\0")  # changed by someone else since the base
    parse = lambda text: None if pd.isna(text) else json.loads(text)  # noqa: E731
    return pd.DataFrame({
        "kind": merged["kind"], "key": merged["key"],
        "change": merged["old"].isna().map({True: "added", False: "changed"}),
        "old": [parse(v) for v in merged["old"]], "new": [parse(v) for v in merged["data"]],
        "base": [parse(v) for v in merged["base"]], "conflict": moved.to_numpy(dtype=bool),
        "data": merged["data"],
    }).sort_values(["kind", "key"], kind="stable").reset_index(drop=True)


def _versions(connection: Connection, proposed: pd.DataFrame) -> pd.DataFrame:
    """Every stored version of the proposed keys: kind, key, data, added_in, replaced_in."""
    found = []
    for kind, group in proposed.groupby("kind"):
        keys = list(group["key"])
        for start in range(0, len(keys), CHUNK):
            found += connection.execute(sa.select(
                records.c.kind, records.c.key, records.c.data, records.c.added_in, records.c.replaced_in,
            ).where((records.c.kind == kind) & records.c.key.in_(keys[start:start + CHUNK]))).all()
    return pd.DataFrame(found, columns=["kind", "key", "data", "added_in", "replaced_in"])


def _at(versions: pd.DataFrame, number: int) -> pd.DataFrame:
    replaced = pd.to_numeric(versions["replaced_in"], errors="coerce")
    current = (versions["added_in"] <= number) & (replaced.isna() | (replaced > number))
    return versions.loc[current, ["kind", "key", "data"]]


def review(url: str, submission_id: int) -> tuple[dict, pd.DataFrame]:
    """(the submission, its difference from the latest release) for a reviewer to read."""
    with database.reading(url) as connection:
        submission = get_submission(connection, submission_id)
        latest = connection.execute(sa.select(sa.func.max(releases.c.number))).scalar()
        return submission, submission_changes(connection, submission, latest)


def approve(url: str, submission_id: int, actor: str, note: str = "", settle: str | None = None) -> int | None:
    """Publish the submission's changes as the next release; returns its number (None when nothing changed).

    Against the latest release at the moment of approval: a value another release changed since the submission was
    made is a conflict, and the approval is refused (Conflict) unless `settle` says which value wins."""
    if settle is not None and settle not in SETTLE:
        raise Invalid("store_bad_settle", settle=settle, choices=", ".join(SETTLE))
    with database.writing(url) as connection:
        submission, reviewer = _reviewable(connection, submission_id, actor)
        latest = connection.execute(sa.select(sa.func.max(releases.c.number))).scalar()
        changes = submission_changes(connection, submission, latest)
        conflicts = changes.loc[changes["conflict"]]
        if len(conflicts) and settle is None:
            raise Conflict("store_conflict", conflicts.drop(columns="data").to_dict(orient="records"),
                           id=submission_id, release=latest)
        if settle == "published":
            changes = changes.loc[~changes["conflict"]]
        number = None
        if len(changes):
            by_kind = {kind: group[["key", "data"]] for kind, group in changes.groupby("kind")}
            number = publish(connection, by_kind, actor, note or f"submission {submission_id}", submission_id)
        connection.execute(submissions.update().where(submissions.c.id == submission_id).values(
            status="approved", reviewed_by=reviewer.name, reviewed_at=now(), review_note=str(note or ""),
            release_number=number))
        record(connection, actor, "approve", f"submission {submission_id}", release=number, rows=len(changes),
               conflicts=len(conflicts), settle=settle)
        return number


def reject(url: str, submission_id: int, actor: str, reason: str) -> None:
    """Reject a waiting submission; the reason is kept and shown to the submitter."""
    if not str(reason or "").strip():
        raise Invalid("store_reason_required")
    with database.writing(url) as connection:
        _reviewable(connection, submission_id, actor)
        connection.execute(submissions.update().where(submissions.c.id == submission_id).values(
            status="rejected", reviewed_by=actor, reviewed_at=now(), review_note=str(reason)))
        record(connection, actor, "reject", f"submission {submission_id}", reason=str(reason))


def _reviewable(connection: Connection, submission_id: int, actor: str) -> tuple[dict, Account]:
    reviewer = acting(connection, actor)
    check_reviewer(reviewer)
    submission = get_submission(connection, submission_id)
    if submission["account_id"] == reviewer.id:
        raise NotAllowed("store_own_submission", id=submission_id, name=actor)
    if submission["status"] != "waiting":
        raise Invalid("store_already_reviewed", id=submission_id, status=submission["status"])
    return submission, reviewer


def remove_value(url: str, actor: str, kind: str, key: str, reason: str) -> int:
    """A reviewer's explicit act: take one published row out, with a reason, as a new release."""
    if not str(reason or "").strip():
        raise Invalid("store_reason_required")
    with database.writing(url) as connection:
        check_reviewer(acting(connection, actor))
        found = connection.execute(sa.select(records.c.id).where(
            (records.c.kind == kind) & (records.c.key == key) & records.c.replaced_in.is_(None))).first()
        if found is None:
            raise NotFound("store_unknown_value", kind=kind, key=key)
        number = publish(connection, {}, actor, str(reason), removed={kind: [key]})
        record(connection, actor, "remove_value", f"{kind} {key}", release=number, reason=str(reason))
        return number


def _history_query(where) -> sa.Select:
    submitter = accounts.alias("submitter")
    return (sa.select(records.c.kind, records.c.key, records.c.data, records.c.added_in, records.c.replaced_in,
                      records.c.submission_id, submitter.c.name.label("submitted_by"), releases.c.published_by,
                      releases.c.published_at)
            .join(releases, releases.c.number == records.c.added_in)
            .outerjoin(submissions, submissions.c.id == records.c.submission_id)
            .outerjoin(submitter, submitter.c.id == submissions.c.account_id)
            .where(where).order_by(records.c.kind, records.c.key, records.c.added_in))


def value_history(url: str, kind: str, key: str) -> list[dict]:
    """Every version of one value, oldest first: data, the release that added and replaced it, who submitted it and
    who published it."""
    with database.reading(url) as connection:
        rows = connection.execute(_history_query((records.c.kind == kind) & (records.c.key == key))).mappings()
        return [{**row, "data": json.loads(row["data"])} for row in rows]


def city_history(url: str, city_id: str, upto: int | None = None) -> pd.DataFrame:
    """Every version of a city's figures in one query, up to release `upto`: one row per version with its
    year, month, indicator, series, value, source, the release that brought it (added_in) and the one that
    replaced it (replaced_in, as of `upto`), the submission and who sent and published it, and the value and
    source it replaced (previous_value, previous_source; empty for a first version)."""
    where = (records.c.kind == "indicators") & records.c.key.startswith(f"{city_id}|", autoescape=True)
    if upto is not None:
        where &= records.c.added_in <= int(upto)
    with database.reading(url) as connection:
        found = pd.DataFrame(connection.execute(_history_query(where)).mappings().all())
    columns = ["key", "year", "month", "indicator", "series", "value", "source", "added_in", "replaced_in",
               "submission_id", "submitted_by", "published_by", "published_at", "previous_value", "previous_source"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    rows = pd.DataFrame([json.loads(text) for text in found["data"]], index=found.index)
    for column in ("year", "month", "indicator", "series", "value", "source"):
        found[column] = rows[column].fillna("").astype(str) if column in rows.columns else ""
    if upto is not None:  # a replacement after the release shown is not yet part of that release's history
        found["replaced_in"] = found["replaced_in"].where(found["replaced_in"] <= int(upto))
    found["replaced_in"] = found["replaced_in"].astype("Int64")
    found["submission_id"] = found["submission_id"].astype("Int64")
    earlier = found.groupby("key", sort=False)[["value", "source"]].shift(1)
    found["previous_value"] = earlier["value"].fillna("")
    found["previous_source"] = earlier["source"].fillna("")
    return found[columns].reset_index(drop=True)


__all__ = ["SETTLE", "Submitted", "approve", "city_history", "get_account", "get_submission", "list_submissions",
           "reject", "remove_value", "report_problems", "review", "submission_changes", "submit", "value_history"]
