"""A throw-away database for the test session: embedded, or on the server of TEST_DATABASE_URL."""

import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg

from app.core.paths import DEFAULT_PATHS
from app.infrastructure.embedded_db import (
    drop_database,
    ensure_database,
    start_embedded_server,
    stop_embedded_server,
)
from app.infrastructure.migrations.bootstrap import prepare_database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TestDatabase:
    """URLs of one migrated, seeded test database."""

    __test__ = False

    server_admin_url: str
    name: str
    role_password: str

    def url(self, user: str = "postgres", database: str | None = None) -> str:
        """URL of `user` on the test database (or on `database`)."""
        parts = urlsplit(self.server_admin_url)
        if user == "postgres":
            netloc = parts.netloc
        else:
            host = parts.netloc.rpartition("@")[2]
            netloc = f"{quote(user)}:{quote(self.role_password)}@{host}"
        return urlunsplit((parts.scheme, netloc, f"/{database or self.name}", parts.query, ""))

    @property
    def admin_url(self) -> str:
        """Superuser on the test database."""
        return self.url()

    @property
    def service_url(self) -> str:
        """The API's login role on the test database."""
        return self.url("omega_api")

    @property
    def authenticator_url(self) -> str:
        """The login role PostgREST uses."""
        return self.url("authenticator")


@contextmanager
def test_database(work_dir: Path) -> Iterator[TestDatabase]:
    """Create, migrate and seed a fresh database; drop it afterwards."""
    server_url = os.environ.get("TEST_DATABASE_URL")
    embedded = not server_url
    if not server_url:
        server = start_embedded_server(work_dir / "pgdata", stop_at_exit=True)
        server_url = server.url("postgres", "postgres")

    database = TestDatabase(server_url, f"omega_test_{secrets.token_hex(4)}", secrets.token_urlsafe(16))
    ensure_database(server_url, database.name)
    try:
        prepare_database(database.admin_url, DEFAULT_PATHS, local_platform=True, seed=True)
        with psycopg.connect(database.admin_url, autocommit=True) as conn:
            for role in ("omega_api", "authenticator"):
                conn.execute(
                    psycopg.sql.SQL("alter role {} password {}").format(
                        psycopg.sql.Identifier(role), psycopg.sql.Literal(database.role_password)
                    )
                )
        yield database
    finally:
        drop_database(server_url, database.name)
        if embedded:
            stop_embedded_server(work_dir / "pgdata")
