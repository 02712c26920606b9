"""Migration files, the SQL splitter, reset guards and the `omega db` command."""

from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from app.cli.main import main
from app.core.paths import DEFAULT_PATHS
from app.infrastructure.migrations.bootstrap import ResetRefusedError, is_local_database, reset_database
from app.infrastructure.migrations.files import MigrationError, create_migration_file, discover_migrations
from app.infrastructure.migrations.sql_splitter import split_statements

FUNCTION_SQL = """
-- a comment; with a semicolon
create function f() returns text language plpgsql as $body$
begin
  return 'a;b';  -- inner; comment
end;
$body$;
/* block ; comment */ select 'it''s; fine', "odd;name" from t;
select $$x;y$$, $1::text;
"""


def test_splitter_respects_quoting() -> None:
    statements = split_statements(FUNCTION_SQL)

    assert len(statements) == 3
    assert statements[0].text.startswith("-- a comment; with a semicolon\ncreate function f()")
    assert statements[0].text.endswith("$body$")
    assert statements[0].line == 2
    assert statements[1].text.startswith("/* block ; comment */ select 'it''s; fine'")
    assert statements[2].text == "select $$x;y$$, $1::text"
    assert statements[2].line == 9


def test_new_creates_named_file(migrations_dir: Path) -> None:
    moment = datetime(2026, 12, 4, 10, 30, 5, tzinfo=UTC)

    path = create_migration_file(migrations_dir, "add_leads", now=moment)

    assert path.name == "20261204103005_add_leads.sql"
    assert path.read_text().startswith("-- Migration 20261204103005_add_leads")
    assert [migration.name for migration in discover_migrations(migrations_dir)] == ["add_leads"]
    with pytest.raises(MigrationError, match="already exists"):
        create_migration_file(migrations_dir, "again", now=moment)
    with pytest.raises(MigrationError, match="Invalid migration name"):
        create_migration_file(migrations_dir, "Bad Name")


def test_misnamed_file_rejected(migrations_dir: Path) -> None:
    (migrations_dir / "add_leads.sql").write_text("select 1;")

    with pytest.raises(MigrationError, match=r"Invalid migration file name 'add_leads\.sql'"):
        discover_migrations(migrations_dir)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("postgresql://postgres@/omega?host=/tmp/pg&port=5432", True),
        ("postgresql://postgres:pw@localhost:5432/omega", True),
        ("postgresql://postgres:pw@127.0.0.1/omega", True),
        ("postgresql://postgres:pw@db.abcdefgh.supabase.co:5432/postgres", False),
        ("postgresql://postgres:pw@10.0.0.5/omega", False),
    ],
)
def test_local_database_detection(url: str, local: bool) -> None:
    assert is_local_database(url) is local


def test_reset_refuses_remote_without_confirmation() -> None:
    remote = "postgresql://postgres:pw@db.abcdefgh.supabase.co:5432/postgres"

    with pytest.raises(ResetRefusedError, match="--yes"):
        reset_database(remote, DEFAULT_PATHS, local_platform=False, confirmed=False)


def test_cli_reset_then_status(scratch_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with psycopg.connect(scratch_url, autocommit=True) as conn:
        conn.execute("create table public.leftover (a int)")

    reset_status = main(["db", "--db-url", scratch_url, "reset"])
    status_status = main(["db", "--db-url", scratch_url, "status"])
    migrate_status = main(["db", "--db-url", scratch_url, "migrate"])

    output = capsys.readouterr().out
    assert reset_status == status_status == migrate_status == 0
    assert "Database reset" in output
    assert "pending" not in output
    assert output.count("applied  ") == len(discover_migrations(DEFAULT_PATHS.migrations))
    assert "Database is up to date" in output
    with psycopg.connect(scratch_url) as conn:
        leftover = conn.execute("select to_regclass('public.leftover')").fetchone()
        seeded = conn.execute(
            "select count(*) from public.clients where email = 'client@example.com'"
        ).fetchone()
    assert leftover == (None,)
    assert seeded == (1,)


def test_cli_reports_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    url = f"postgresql://postgres@/none?host={missing}"

    status = main(["db", "--db-url", url, "reset"])

    assert status == 1
    assert "error: cannot reach the database" in capsys.readouterr().err


def test_project_migrations_are_well_named() -> None:
    migrations = discover_migrations(DEFAULT_PATHS.migrations)

    assert migrations
    assert all(len(migration.version) == 14 for migration in migrations)
