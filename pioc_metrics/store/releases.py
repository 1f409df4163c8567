"""Numbered, immutable releases: publishing one, reading any back exactly, comparing two, exporting one as files.

Release N is every record with added_in <= N and (replaced_in NULL or > N). Publishing marks the records it replaces
with the new number and adds the new ones, in the caller's transaction (database.writing), so a release is all
written or not at all.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pioc_metrics.data.dataset import Dataset
from pioc_metrics.store import database
from pioc_metrics.store.audit import now
from pioc_metrics.store.errors import NotFound
from pioc_metrics.store.rows import KINDS, OPTIONAL_KINDS, contract_frames, frames_dataset
from pioc_metrics.store.schema import records, releases

CHUNK = 500  # keys per UPDATE ... IN (...) statement


def _one(url: str, connection: Connection | None, query):
    if connection is not None:
        return connection.execute(query)
    with database.reading(url) as reader:
        return reader.execute(query).all()


def latest_release(url: str, connection: Connection | None = None) -> dict | None:
    """The newest release (number, published_at, published_by, note, submission_id), or None in an empty store."""
    rows = list(_one(url, connection, sa.select(releases).order_by(releases.c.number.desc()).limit(1)))
    return dict(rows[0]._mapping) if rows else None


def list_releases(url: str) -> list[dict]:
    """Every release, newest first."""
    with database.reading(url) as connection:
        return [dict(row) for row in connection.execute(
            sa.select(releases).order_by(releases.c.number.desc())).mappings()]


def release_counts(url: str) -> pd.DataFrame:
    """Rows added, changed and removed by each release (index: release number), counted in the database: a key
    a release both retires and brings again is a change; one it only brings is added; one it only retires, removed."""
    brought = (sa.select(records.c.added_in.label("number"), sa.func.count().label("brought"))
               .group_by(records.c.added_in))
    retired = (sa.select(records.c.replaced_in.label("number"), sa.func.count().label("retired"))
               .where(records.c.replaced_in.is_not(None)).group_by(records.c.replaced_in))
    new, old = records.alias("new"), records.alias("old")
    changed = (sa.select(new.c.added_in.label("number"), sa.func.count().label("changed"))
               .select_from(new.join(old, (old.c.kind == new.c.kind) & (old.c.key == new.c.key)
                                     & (old.c.replaced_in == new.c.added_in)))
               .group_by(new.c.added_in))
    with database.reading(url) as connection:
        numbers = [row[0] for row in connection.execute(sa.select(releases.c.number))]
        parts = [pd.DataFrame(connection.execute(query).all(), columns=["number", name]).set_index("number")[name]
                 for query, name in ((brought, "brought"), (retired, "retired"), (changed, "changed"))]
    counts = pd.concat(parts, axis=1).reindex(sorted(numbers)).fillna(0).astype(int)
    return pd.DataFrame({"added": counts["brought"] - counts["changed"], "changed": counts["changed"],
                         "removed": counts["retired"] - counts["changed"]}, index=counts.index.rename("number"))


def release_info(url: str, number: int, connection: Connection | None = None) -> dict:
    rows = list(_one(url, connection, sa.select(releases).where(releases.c.number == int(number))))
    if not rows:
        raise NotFound("store_unknown_release", number=number)
    return dict(rows[0]._mapping)


def current_in(number: int):
    """The condition on `records` that selects release `number`'s records."""
    return (records.c.added_in <= number) & (records.c.replaced_in.is_(None) | (records.c.replaced_in > number))


def release_records(connection: Connection, number: int) -> pd.DataFrame:
    """kind, key, data of every record of release `number`, in the order their keys first appeared (a city keeps
    its place in cities.csv when its row is replaced)."""
    first = (sa.select(records.c.kind, records.c.key, sa.func.min(records.c.id).label("first"))
             .group_by(records.c.kind, records.c.key).subquery())
    rows = connection.execute(
        sa.select(records.c.kind, records.c.key, records.c.data)
        .join(first, (first.c.kind == records.c.kind) & (first.c.key == records.c.key))
        .where(current_in(number)).order_by(first.c.first))
    return pd.DataFrame(rows.all(), columns=["kind", "key", "data"])


def release_frames(url: str, number: int) -> dict[str, pd.DataFrame]:
    """{kind: the contract's text frame} of release `number`, exactly as it was published."""
    with database.reading(url) as connection:
        release_info(url, number, connection)
        found = release_records(connection, number)
    return contract_frames({kind: list(group["data"]) for kind, group in found.groupby("kind", sort=False)})


def release_dataset(url: str, number: int) -> tuple[Dataset, list]:
    """The validated Dataset of release `number` (and validation's problems: none for a sound release)."""
    return frames_dataset(release_frames(url, number))


def publish(connection: Connection, changes: dict[str, pd.DataFrame], actor: str, note: str,
            submission_id: int | None = None, removed: dict[str, list[str]] | None = None) -> int:
    """A new release in `connection`'s transaction: {kind: frame of key, data} added or replacing the current record
    of the same key; `removed` {kind: keys} taken out. Returns its number."""
    latest = connection.execute(sa.select(sa.func.max(releases.c.number))).scalar()
    number = (latest or 0) + 1
    connection.execute(releases.insert().values(number=number, published_at=now(), published_by=actor,
                                                note=note or "", submission_id=submission_id))
    for kind in KINDS:
        frame = changes.get(kind)
        keys = ([] if frame is None else list(frame["key"])) + list((removed or {}).get(kind, []))
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start:start + CHUNK]
            connection.execute(records.update().where(
                (records.c.kind == kind) & records.c.key.in_(chunk) & records.c.replaced_in.is_(None)
            ).values(replaced_in=number))
        if frame is not None and len(frame):
            connection.execute(records.insert(), [
                {"kind": kind, "key": key, "data": data, "added_in": number, "submission_id": submission_id}
                for key, data in zip(frame["key"], frame["data"])])
    return number


def diff_releases(url: str, old: int, new: int) -> pd.DataFrame:
    """Every row added, changed or removed from release `old` to release `new`: kind, key, change, old, new
    (old and new: the rows as dicts, None where absent)."""
    with database.reading(url) as connection:
        release_info(url, old, connection)
        release_info(url, new, connection)
        before, after = release_records(connection, old), release_records(connection, new)
    return record_changes(before, after)


def record_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """What changed between two sets of records (kind, key, data): one row per key added, changed or removed."""
    merged = before.merge(after, on=["kind", "key"], how="outer", suffixes=("_old", "_new"))
    merged = merged.loc[merged["data_old"].fillna("\0") != merged["data_new"].fillna("\0")]
    change = pd.Series("changed", index=merged.index)
    change = change.mask(merged["data_old"].isna(), "added").mask(merged["data_new"].isna(), "removed")
    parse = lambda text: None if pd.isna(text) else json.loads(text)  # noqa: E731
    return pd.DataFrame({
        "kind": merged["kind"], "key": merged["key"], "change": change,
        "old": [parse(v) for v in merged["data_old"]], "new": [parse(v) for v in merged["data_new"]],
    }).sort_values(["kind", "key"], kind="stable").reset_index(drop=True)


def write_release(url: str, number: int, folder: Path | str) -> list[Path]:
    """Release `number` as the data contract's files in `folder` (created), plus release.json saying which it is."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in release_files(url, number).items():
        path = folder / name
        path.write_bytes(content)
        written.append(path)
    return written


def release_files(url: str, number: int) -> dict[str, bytes]:
    """{file name: bytes} of release `number`: the contract's CSV files and release.json."""
    info = release_info(url, number)
    files = {}
    for kind, frame in release_frames(url, number).items():
        if kind in OPTIONAL_KINDS and frame.empty:
            continue  # a release without events or practices has no such file, as a data folder may not
        files[KINDS[kind][0]] = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    meta = {"release": info["number"], "published_at": info["published_at"].isoformat()
            if hasattr(info["published_at"], "isoformat") else str(info["published_at"]),
            "published_by": info["published_by"], "note": info["note"]}
    files["release.json"] = (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


def release_zip(url: str, number: int) -> bytes:
    """Release `number` as a zip of its files (the Data page's download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in release_files(url, number).items():
            archive.writestr(f"pioc-release-{number}/{name}", content)
    return buffer.getvalue()
