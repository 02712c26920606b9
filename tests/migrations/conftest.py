"""Fixtures of the migration tests: empty scratch databases and migration folders."""

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.infrastructure.embedded_db import drop_database, ensure_database
from tests.helpers.database import TestDatabase


@pytest.fixture
def scratch_url(database: TestDatabase) -> Iterator[str]:
    """Superuser URL of a new empty database, dropped after the test."""
    name = f"omega_scratch_{secrets.token_hex(4)}"
    server_url = database.server_admin_url
    ensure_database(server_url, name)
    try:
        yield database.url(database=name)
    finally:
        drop_database(server_url, name)


@pytest.fixture
def migrations_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "migrations"
    folder.mkdir()
    return folder


def write_migration(folder: Path, version: str, name: str, sql: str) -> Path:
    path = folder / f"{version}_{name}.sql"
    path.write_text(sql, encoding="utf-8")
    return path
