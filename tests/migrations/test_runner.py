"""omega db migrate: order, history rows, rollback, ordering guard and concurrency."""

import threading
from pathlib import Path

import psycopg
import pytest

from app.infrastructure.migrations.runner import (
    MigrationFailedError,
    MigrationOrderError,
    migrate,
    migration_states,
)
from tests.migrations.conftest import write_migration


def tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select tablename from pg_tables where schemaname = 'public' order by 1"
        ).fetchall()
    return [str(row[0]) for row in rows]


def history(url: str) -> list[tuple[str, str, list[str]]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select version, name, statements from supabase_migrations.schema_migrations order by version"
        ).fetchall()
    return [(str(version), str(name), list(statements)) for version, name, statements in rows]


def test_migrate_applies_in_order(scratch_url: str, migrations_dir: Path) -> None:
    write_migration(migrations_dir, "20260102000000", "second", "alter table t add column b int;")
    write_migration(migrations_dir, "20260101000000", "first", "create table t (a int);\n-- done\n")

    applied = migrate(scratch_url, migrations_dir)

    assert [migration.name for migration in applied] == ["first", "second"]
    assert history(scratch_url) == [
        ("20260101000000", "first", ["create table t (a int)"]),
        ("20260102000000", "second", ["alter table t add column b int"]),
    ]
    assert migrate(scratch_url, migrations_dir) == []


def test_failed_migration_leaves_no_trace(scratch_url: str, migrations_dir: Path) -> None:
    write_migration(migrations_dir, "20260101000000", "good", "create table kept (a int);")
    write_migration(
        migrations_dir,
        "20260102000000",
        "broken",
        "create table lost (a int);\n\ninsert into lost values (1);\nselect * from missing_table;\n",
    )

    with pytest.raises(MigrationFailedError) as raised:
        migrate(scratch_url, migrations_dir)

    message = str(raised.value)
    assert "20260102000000_broken.sql" in message
    assert "line 4" in message
    assert "select * from missing_table" in message
    assert tables(scratch_url) == ["kept"]
    assert [row[0] for row in history(scratch_url)] == ["20260101000000"]


def test_older_pending_file_refused(scratch_url: str, migrations_dir: Path) -> None:
    write_migration(migrations_dir, "20260105000000", "newer", "create table newer (a int);")
    migrate(scratch_url, migrations_dir)
    write_migration(migrations_dir, "20260101000000", "late", "create table late (a int);")

    with pytest.raises(MigrationOrderError) as raised:
        migrate(scratch_url, migrations_dir)
    assert "20260101000000_late.sql" in str(raised.value)
    assert "--include-all" in str(raised.value)
    assert tables(scratch_url) == ["newer"]

    migrate(scratch_url, migrations_dir, include_all=True)
    assert tables(scratch_url) == ["late", "newer"]


def test_concurrent_runs_apply_once(scratch_url: str, migrations_dir: Path) -> None:
    write_migration(
        migrations_dir, "20260101000000", "slow", "create table slow (a int);\nselect pg_sleep(0.5);"
    )
    write_migration(migrations_dir, "20260102000000", "after", "create table after_slow (a int);")
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(len(migrate(scratch_url, migrations_dir)))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(results) == [0, 2]
    assert len(history(scratch_url)) == 2


def test_status_lists_applied_and_pending(scratch_url: str, migrations_dir: Path) -> None:
    write_migration(migrations_dir, "20260101000000", "first", "create table a (x int);")
    migrate(scratch_url, migrations_dir)
    write_migration(migrations_dir, "20260102000000", "second", "create table b (x int);")

    states = migration_states(scratch_url, migrations_dir)

    assert [(state.version, state.name, state.applied) for state in states] == [
        ("20260101000000", "first", True),
        ("20260102000000", "second", False),
    ]
