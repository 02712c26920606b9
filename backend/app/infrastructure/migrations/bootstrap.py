"""Bring a database from empty to migrated and seeded, and reset it."""

import logging
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from app.core.paths import ProjectPaths
from app.infrastructure.migrations.files import MigrationError
from app.infrastructure.migrations.runner import migrate

logger = logging.getLogger(__name__)

LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
# Schemas this project creates. Reset drops them with everything inside, and
# re-creates an empty public schema with the API roles' usage.
RESET_STATEMENTS = (
    "drop schema if exists private cascade",
    "drop schema if exists supabase_migrations cascade",
    "drop schema if exists public cascade",
    "create schema public",
    "grant usage on schema public to anon, authenticated, service_role",
)


class ResetRefusedError(MigrationError):
    """`reset` was pointed at a non-local database without confirmation."""


def apply_sql_file(conninfo: str, path: Path) -> None:
    """Run a whole SQL file in one transaction."""
    script = path.read_text(encoding="utf-8")
    with psycopg.connect(conninfo) as conn:
        try:
            conn.execute(script.encode("utf-8"))
        except psycopg.Error as error:
            logger.error("Applying %s failed: %s", path.name, error)
            raise MigrationError(f"Applying {path.name} failed: {error}") from error
    logger.info("Applied %s", path.name)


def prepare_database(conninfo: str, paths: ProjectPaths, local_platform: bool, seed: bool) -> None:
    """Apply the platform shim (bare Postgres only), roles, migrations and optionally the seed."""
    if local_platform:
        apply_sql_file(conninfo, paths.local_platform)
    apply_sql_file(conninfo, paths.roles)
    migrate(conninfo, paths.migrations)
    if seed:
        apply_sql_file(conninfo, paths.seed)


def is_local_database(conninfo: str) -> bool:
    """Report whether a connection URL points at this machine (socket or loopback)."""
    parts = urlsplit(conninfo)
    host = parts.hostname or ""
    query_host = next(
        (
            value
            for key, _, value in (item.partition("=") for item in parts.query.split("&"))
            if key == "host"
        ),
        "",
    )
    if query_host:
        return query_host.startswith("/")
    return host in LOCAL_HOSTS


def reset_database(conninfo: str, paths: ProjectPaths, local_platform: bool, confirmed: bool) -> None:
    """Drop the project's schemas, then re-apply everything and the seed.

    Raises:
        ResetRefusedError: the database is not local and `confirmed` is false.
    """
    if not confirmed and not is_local_database(conninfo):
        raise ResetRefusedError(
            "Refusing to reset a database that is not on this machine. "
            "Run `omega db reset --yes` if you really mean to erase it."
        )

    with psycopg.connect(conninfo) as conn:
        for statement in RESET_STATEMENTS:
            conn.execute(statement)
    logger.warning("Dropped schemas public, private and supabase_migrations")

    prepare_database(conninfo, paths, local_platform=local_platform, seed=True)
