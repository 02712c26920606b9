"""Discover and create migration files named `<YYYYMMDDHHMMSS>_<name>.sql`."""

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

FILE_PATTERN = re.compile(r"^(?P<version>\d{14})_(?P<name>[a-z0-9_]+)\.sql$")
NAME_PATTERN = re.compile(r"^[a-z0-9_]{1,100}$")


class MigrationError(Exception):
    """A migration could not be discovered, ordered or applied."""


@dataclass(frozen=True)
class MigrationFile:
    """One migration file and the version its name carries."""

    version: str
    name: str
    path: Path


def discover_migrations(directory: Path) -> list[MigrationFile]:
    """Return the migration files of `directory` in version order.

    Raises:
        MigrationError: a `.sql` file is misnamed, or two files share a version.
    """
    if not directory.is_dir():
        raise MigrationError(f"Migrations folder not found: {directory}")

    migrations: list[MigrationFile] = []
    for path in sorted(directory.glob("*.sql")):
        match = FILE_PATTERN.match(path.name)
        if match is None:
            raise MigrationError(
                f"Invalid migration file name {path.name!r}: expected <YYYYMMDDHHMMSS>_<lower_case_name>.sql"
            )
        migrations.append(MigrationFile(match["version"], match["name"], path))

    versions = [migration.version for migration in migrations]
    duplicates = sorted({version for version in versions if versions.count(version) > 1})
    if duplicates:
        raise MigrationError(f"Several migration files share version {', '.join(duplicates)}")
    return migrations


def create_migration_file(directory: Path, name: str, now: datetime | None = None) -> Path:
    """Create an empty migration named with the current UTC timestamp.

    Raises:
        MigrationError: the name is not lower-case words joined by underscores,
            or a file with that version already exists.
    """
    if not NAME_PATTERN.match(name):
        raise MigrationError(
            f"Invalid migration name {name!r}: use lower-case letters, digits and underscores"
        )

    timestamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    existing = {migration.version for migration in discover_migrations(directory)}
    if timestamp in existing:
        raise MigrationError(f"A migration with version {timestamp} already exists; retry in a second")

    path = directory / f"{timestamp}_{name}.sql"
    path.write_text(f"-- Migration {timestamp}_{name}: describe what it changes and why.\n")
    logger.info("Created migration %s", path.name)
    return path
