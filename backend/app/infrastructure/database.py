"""Connection pool of the service, and transactions run as a user or as the service."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from psycopg import AsyncConnection
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from app.infrastructure.request_context import PRE_REQUEST_SQL, SET_CONTEXT_SQL, context_parameters

logger = logging.getLogger(__name__)

Connection = AsyncConnection[DictRow]


class Database:
    """Pool of omega_api connections.

    `as_user` reproduces PostgREST's request context so that row-level
    security filters rows for the caller. `as_service` runs as omega_api
    itself, which may only call the functions granted to it by name.
    """

    def __init__(self, url: str, min_size: int, max_size: int) -> None:
        self._pool: AsyncConnectionPool[Connection] = AsyncConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            open=False,
            kwargs={"row_factory": dict_row, "autocommit": True},
            name="omega-api",
        )

    async def open(self) -> None:
        """Open the pool and wait until its first connections are ready."""
        await self._pool.open(wait=True, timeout=15)
        logger.info("Database pool open (max %d connections)", self._pool.max_size)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._pool.close()
        logger.info("Database pool closed")

    @asynccontextmanager
    async def as_service(self) -> AsyncIterator[Connection]:
        """Yield a connection inside a transaction, as omega_api."""
        async with self._pool.connection() as conn, conn.transaction():
            yield conn

    @asynccontextmanager
    async def as_user(
        self, claims: dict[str, object] | None, method: str = "POST", path: str = "/"
    ) -> AsyncIterator[Connection]:
        """Yield a connection inside a transaction, as PostgREST would run it for these claims.

        Raises:
            psycopg.Error: the pre-request check rejected the session (SQLSTATE PT401).
        """
        parameters = context_parameters(claims, method, path)
        async with self._pool.connection() as conn, conn.transaction():
            await conn.execute(SET_CONTEXT_SQL, parameters)
            await conn.execute(PRE_REQUEST_SQL)
            yield conn
