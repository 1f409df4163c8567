"""The record's command line, as an operator and a script use it: the whole flow of the spec on SQLite and
PostgreSQL, its exit codes, and the id or release number on the last line."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from pioc_metrics.cli import main
from pioc_metrics.data.loading import validate_paths
from tests.conftest import ROOT
from tests.store.factories import indicator_csv


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, list[str], str]:
    """(exit code, stdout lines, stderr) of `python -m pioc_metrics ARGV`, in this process."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue().splitlines(), capsys.readouterr().err


@pytest.fixture
def cli_store(store_url, monkeypatch):
    monkeypatch.setenv("PIOC_DATABASE_URL", store_url)
    return store_url


def _palmira(lines: list[str]) -> pd.Series:
    table = pd.read_csv(io.StringIO("\n".join(lines)))
    return table.set_index("city_id").loc["palmira"]


def test_the_whole_flow_from_a_fresh_store(cli_store, capsys, monkeypatch, tmp_path):
    assert run(capsys, "store", "init", "--data", str(ROOT / "data"))[1][-1] == "1"
    assert run(capsys, "store", "init")[1][-1] == "1"  # safe to repeat
    assert run(capsys, "users", "add", "ana", "--role", "editor", "--city", "palmira")[0] == 0
    for reviewer in ("rev1", "rev2"):
        code, _, _ = run(capsys, "users", "add", reviewer, "--role", "reviewer", "--password-stdin",
                         stdin="a long enough password\n", monkeypatch=monkeypatch)
        assert code == 0
    listed = run(capsys, "users", "list")[1]
    assert any(line.startswith("ana\teditor for palmira") for line in listed)

    upload = tmp_path / "palmira-2025.csv"
    upload.write_bytes(indicator_csv(("palmira", 2025, "homicides", 101), ("bogota", 2025, "homicides", 900)))
    code, lines, _ = run(capsys, "submit", str(upload), "--user", "ana", "--note", "2025 police figure")
    assert code == 1 and lines[-1] == "1"  # a Bogotá row rejected; the submission made
    assert any("bogota" in line and "palmira-2025.csv" in line for line in lines)

    code, _, err = run(capsys, "review", "approve", "1", "--user", "ana")
    assert code == 3 and "only a reviewer" in err
    shown = run(capsys, "review", "show", "1")[1]
    assert any(line.startswith("added indicators palmira 2025 homicides main") for line in shown)
    code, lines, _ = run(capsys, "review", "approve", "1", "--user", "rev1")
    assert (code, lines[-1]) == (0, "2")

    latest = _palmira(run(capsys, "progress", "--indicator", "homicides", "--format", "csv")[1])
    first = _palmira(run(capsys, "progress", "--indicator", "homicides", "--format", "csv", "--release", "1")[1])
    assert (latest["latest_year"], latest["latest"]) == (2025, 101.0)
    assert first["latest_year"] == 2024

    diff = run(capsys, "releases", "diff", "1", "2")[1]
    assert diff[0].startswith("added indicators palmira 2025 homicides main: (none) -> 101")
    code, written, _ = run(capsys, "releases", "export", "2", str(tmp_path / "r2"))
    assert code == 0 and len(written) == 7  # the contract's six files and release.json
    assert [p for _, found, _, _ in validate_paths([tmp_path / "r2"]) for p in found if p.is_error] == []
    assert run(capsys, "validate", str(tmp_path / "r2"))[0] == 0
    assert [line.split("\t")[0] for line in run(capsys, "releases", "list")[1]] == ["2", "1"]


def test_wrong_city_own_submission_and_unknown_ids_have_their_exit_codes(cli_store, capsys, tmp_path):
    run(capsys, "store", "init", "--data", str(ROOT / "data"))
    run(capsys, "users", "add", "ana", "--role", "editor", "--city", "palmira")
    run(capsys, "users", "add", "rev1", "--role", "reviewer")
    only_bogota = tmp_path / "b.csv"
    only_bogota.write_bytes(indicator_csv(("bogota", 2025, "homicides", 900)))
    code, _, err = run(capsys, "submit", str(only_bogota), "--user", "ana")
    assert code == 2 and "nothing submitted" in err
    own = tmp_path / "p.csv"
    own.write_bytes(indicator_csv(("palmira", 2025, "homicides", 9)))
    code, lines, _ = run(capsys, "submit", str(own), "--user", "rev1")
    assert (code, lines[-1]) == (0, "1")
    code, _, err = run(capsys, "review", "approve", "1", "--user", "rev1")
    assert code == 3 and "their own submission" in err
    assert run(capsys, "review", "approve", "42", "--user", "rev1")[0] == 2
    assert run(capsys, "releases", "show", "9")[0] == 2
    assert run(capsys, "submit", str(own), "--user", "nobody")[0] == 2
    code, _, err = run(capsys, "review", "reject", "1", "--user", "ana", "--reason", "no")
    assert code == 3


def test_an_unreachable_store_exits_2_with_a_message(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PIOC_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    code, _, err = run(capsys, "releases", "list")
    assert code == 2 and "cannot be reached" in err and "Traceback" not in err
    monkeypatch.setenv("PIOC_DATABASE_URL", f"sqlite:///{tmp_path / 'missing.sqlite3'}")
    code, _, err = run(capsys, "review", "list")
    assert code == 2 and "not set up" in err


def test_the_command_runs_as_a_program_with_the_release_number_last(store_url, tmp_path):
    env = {"PIOC_DATABASE_URL": store_url, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "pioc_metrics", "store", "init"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "1" and "Traceback" not in done.stderr


def test_an_accounts_e_mail_is_set_listed_and_cleared_from_the_command_line(capsys, cli_store):
    assert run(capsys, "store", "init", "--data", str(ROOT / "data"))[0] == 0
    code, out, _ = run(capsys, "users", "add", "bea", "--role", "reviewer", "--email", "Bea@Example.org")
    assert code == 0 and out == ["added bea: reviewer"]
    assert any(line.startswith("bea\treviewer") and "bea@example.org" in line
               for line in run(capsys, "users", "list")[1])
    assert run(capsys, "users", "email", "bea")[1] == ["e-mail of bea: none"]
    code, _, err = run(capsys, "users", "email", "bea", "not-an-address")
    assert code == 2 and "not an e-mail address" in err
