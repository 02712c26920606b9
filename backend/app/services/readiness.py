"""Readiness: the database responds and every migration in this checkout is applied."""

import logging
from dataclasses import dataclass
from pathlib import Path

import psycopg

from app.infrastructure.database import Database
from app.infrastructure.migrations.files import MigrationError, discover_migrations

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Readiness:
    """Outcome of one readiness probe."""

    database_reachable: bool
    pending_migrations: list[str]
    migrations_checked: bool

    @property
    def ready(self) -> bool:
        """True when the service can take traffic."""
        return self.database_reachable and not self.pending_migrations


async def check_readiness(db: Database, migrations_dir: Path) -> Readiness:
    """Query the database and compare its applied versions with the files on disk.

    Without a migrations folder (an installed package rather than a checkout)
    only the connection is checked.
    """
    try:
        async with db.as_service() as conn:
            cursor = await conn.execute("select version from private.applied_migration_versions() as version")
            applied = {str(row["version"]) for row in await cursor.fetchall()}
    except psycopg.Error as error:
        logger.error("Readiness probe failed to query the database: %s", error)
        return Readiness(database_reachable=False, pending_migrations=[], migrations_checked=False)

    try:
        files = discover_migrations(migrations_dir)
    except MigrationError:
        return Readiness(database_reachable=True, pending_migrations=[], migrations_checked=False)

    pending = [migration.version for migration in files if migration.version not in applied]
    if pending:
        logger.warning("Not ready: %d pending migration(s), first %s", len(pending), pending[0])
    return Readiness(database_reachable=True, pending_migrations=pending, migrations_checked=True)
