"""Release 1 from the shipped data, read back exactly; releases exported as files that `validate` accepts."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from pioc_metrics.data.loading import load_dataset, validate_paths
from pioc_metrics.store import database, releases
from pioc_metrics.store.errors import Invalid, NotFound
from pioc_metrics.store.schema import metadata, records
from pioc_metrics.store.setup import current_revision, head_revision, init_store
from tests.conftest import ROOT


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns[:4])).reset_index(drop=True)


def test_an_empty_store_imports_the_data_folder_as_release_1_and_reads_it_back_exactly(store_url, shipped_data):
    number, _ = init_store(store_url, ROOT / "data", "operator")
    assert number == 1
    info = releases.latest_release(store_url)
    assert (info["number"], info["published_by"], info["note"]) == (1, "operator", "the shipped data")
    data, problems = releases.release_dataset(store_url, 1)
    assert problems == []
    for name in ("cities", "indicators", "national", "catalog"):
        pd.testing.assert_frame_equal(_sorted(getattr(data, name)), _sorted(getattr(shipped_data, name)),
                                      check_like=True, obj=name)


def test_init_is_safe_to_repeat(fresh_store):
    assert init_store(fresh_store, ROOT / "data", "operator")[0] == 1
    assert [r["number"] for r in releases.list_releases(fresh_store)] == [1]


def test_the_schema_is_at_the_newest_migration_and_matches_the_tables_the_code_uses(fresh_store):
    assert current_revision(fresh_store) == head_revision()
    with database.engine_for(fresh_store).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_damaged_folder_is_refused_with_validates_problems_and_nothing_is_written(store_url, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(ROOT / "data", damaged)
    lines = (damaged / "cities.csv").read_text(encoding="utf-8").splitlines()
    (damaged / "cities.csv").write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # a duplicate id
    with pytest.raises(Invalid) as refused:
        init_store(store_url, damaged, "operator")
    assert refused.value.code == "store_damaged_folder"
    codes = {p.code for p in refused.value.params["problems"]}
    validated = {p.code for _, found, _, _ in validate_paths([damaged / "cities.csv"]) for p in found if p.is_error}
    assert "duplicate_city_id" in codes and codes == validated
    assert releases.latest_release(store_url) is None


def test_an_exported_release_is_the_data_contract_and_validate_accepts_it(fresh_store, tmp_path, shipped_data):
    written = releases.write_release(fresh_store, 1, tmp_path / "release-1")
    assert {p.name for p in written} == {"cities.csv", "indicators.csv", "national.csv", "indicator_catalog.csv",
                                         "practices.csv", "events.csv", "release.json"}
    results = validate_paths([tmp_path / "release-1"])
    assert [p for _, found, _, _ in results for p in found if p.is_error] == []
    data, _ = load_dataset(tmp_path / "release-1")
    pd.testing.assert_frame_equal(_sorted(data.indicators), _sorted(shipped_data.indicators), check_like=True)


def test_a_release_reads_back_unchanged_after_later_releases(fresh_store):
    before = releases.release_frames(fresh_store, 1)
    with database.writing(fresh_store) as connection:
        found = releases.release_records(connection, 1)
        row = found.loc[found["kind"] == "indicators"].iloc[0]
        changed = pd.DataFrame({"key": [row["key"]], "data": [row["data"].replace('"value": "', '"value": "9')]})
        assert releases.publish(connection, {"indicators": changed}, "someone", "a change") == 2
    for kind, frame in releases.release_frames(fresh_store, 1).items():
        pd.testing.assert_frame_equal(frame, before[kind], obj=kind)
    diff = releases.diff_releases(fresh_store, 1, 2)
    assert list(diff["change"]) == ["changed"] and diff.loc[0, "key"] == row["key"]
    with database.reading(fresh_store) as connection:
        versions = connection.execute(sa.select(records.c.added_in, records.c.replaced_in).where(
            records.c.key == row["key"]).order_by(records.c.added_in)).all()
    assert [tuple(v) for v in versions] == [(1, 2), (2, None)]


def test_an_unknown_release_is_named(fresh_store):
    with pytest.raises(NotFound) as unknown:
        releases.release_frames(fresh_store, 7)
    assert unknown.value.params == {"number": 7}


def test_a_release_zip_holds_its_files(fresh_store):
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(releases.release_zip(fresh_store, 1))).namelist()
    assert sorted(names) == sorted(f"pioc-release-1/{n}" for n in (
        "cities.csv", "indicators.csv", "national.csv", "indicator_catalog.csv", "practices.csv", "events.csv",
        "release.json"))
