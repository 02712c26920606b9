"""Apply migrations in order, each in one transaction with its history row."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from app.infrastructure.migrations.files import MigrationError, MigrationFile, discover_migrations
from app.infrastructure.migrations.sql_splitter import SqlStatement, split_statements

logger = logging.getLogger(__name__)

# Arbitrary key shared by every `omega db migrate`, so concurrent runs queue.
MIGRATION_LOCK_KEY = 4_106_221_977
HISTORY_TABLE_DDL = (
    "create schema if not exists supabase_migrations",
    "create table if not exists supabase_migrations.schema_migrations "
    "(version text not null primary key, statements text[], name text)",
)
STATEMENT_PREVIEW_CHARS = 300

ProgressCallback = Callable[[MigrationFile], None]


class MigrationOrderError(MigrationError):
    """A pending migration is older than the newest applied one."""


class MigrationFailedError(MigrationError):
    """A statement of a migration failed; its transaction was rolled back."""


@dataclass(frozen=True)
class MigrationState:
    """A migration version and whether the database has applied it."""

    version: str
    name: str
    applied: bool


def migration_states(conninfo: str, directory: Path) -> list[MigrationState]:
    """List applied and pending versions, including applied ones with no file here."""
    files = {migration.version: migration.name for migration in discover_migrations(directory)}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        applied = _applied_versions(conn)

    versions = sorted(set(files) | set(applied))
    return [
        MigrationState(version, files.get(version) or applied.get(version) or "", version in applied)
        for version in versions
    ]


def migrate(
    conninfo: str,
    directory: Path,
    include_all: bool = False,
    on_applied: ProgressCallback | None = None,
) -> list[MigrationFile]:
    """Apply every pending migration and return the ones applied.

    Raises:
        MigrationOrderError: a pending file is older than the newest applied
            version and `include_all` is false.
        MigrationFailedError: a statement failed. That file left no trace, and
            the files before it stay applied.
    """
    migrations = discover_migrations(directory)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        # Lock first: two concurrent `create table if not exists` can still collide.
        conn.execute("select pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        try:
            for statement in HISTORY_TABLE_DDL:
                conn.execute(statement)
            applied = _applied_versions(conn)
            pending = [migration for migration in migrations if migration.version not in applied]
            _check_order(pending, applied, include_all)

            for migration in pending:
                _apply(conn, migration)
                if on_applied is not None:
                    on_applied(migration)
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))

    logger.info("Applied %d migration(s)", len(pending))
    return pending


def pending_versions(conninfo: str, directory: Path) -> list[str]:
    """Return the versions in `directory` that the database has not applied."""
    return [state.version for state in migration_states(conninfo, directory) if not state.applied]


def _applied_versions(conn: psycopg.Connection[tuple[str, str]]) -> dict[str, str]:
    """Map applied version to name; empty when the history table does not exist yet."""
    exists = conn.execute("select to_regclass('supabase_migrations.schema_migrations')").fetchone()
    if exists is None or exists[0] is None:
        return {}
    rows = conn.execute("select version, coalesce(name, '') from supabase_migrations.schema_migrations")
    return {str(version): str(name) for version, name in rows.fetchall()}


def _check_order(pending: list[MigrationFile], applied: dict[str, str], include_all: bool) -> None:
    """Reject pending files older than the newest applied one unless told to include them."""
    if include_all or not applied or not pending:
        return
    newest = max(applied)
    older = [migration.path.name for migration in pending if migration.version < newest]
    if older:
        raise MigrationOrderError(
            f"Pending migration(s) {', '.join(older)} are older than the newest applied "
            f"version {newest}. Rename them with a newer timestamp, or run "
            "`omega db migrate --include-all` to apply them anyway."
        )


def _apply(conn: psycopg.Connection[tuple[str, str]], migration: MigrationFile) -> None:
    """Run one file and record it, all in one transaction."""
    statements = split_statements(migration.path.read_text(encoding="utf-8"))
    with conn.transaction():
        for statement in statements:
            _execute(conn, migration, statement)
        conn.execute(
            "insert into supabase_migrations.schema_migrations (version, statements, name) "
            "values (%s, %s, %s)",
            (migration.version, [statement.text for statement in statements], migration.name),
        )
    logger.info("Applied migration %s", migration.path.name)


def _execute(
    conn: psycopg.Connection[tuple[str, str]], migration: MigrationFile, statement: SqlStatement
) -> None:
    """Run one statement, naming the file and the statement if it fails."""
    try:
        conn.execute(statement.text.encode("utf-8"))
    except psycopg.Error as error:
        preview = statement.text[:STATEMENT_PREVIEW_CHARS]
        message = error.diag.message_primary or str(error)
        logger.error("Migration %s failed at line %d: %s", migration.path.name, statement.line, message)
        raise MigrationFailedError(
            f"Migration {migration.path.name} failed at line {statement.line}: {message}\n"
            f"Failing statement:\n{preview}\n"
            "Nothing from this file was applied."
        ) from error
