"""Run SQL exactly as PostgREST runs a request for a given token.

PostgREST connects as `authenticator`, opens a transaction per request,
switches to the token's role and sets the verified claims, all
transaction-local, then calls the pre-request hook. This helper does the same
with the same statements the service uses, so every policy test runs under
the same role and claims as a PostgREST request.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import LiteralString

import psycopg
from psycopg.rows import DictRow, dict_row

from app.infrastructure.request_context import PRE_REQUEST_SQL, SET_CONTEXT_SQL, context_parameters

logger = logging.getLogger(__name__)


class PostgrestSession:
    """One request's transaction; `rows` and `execute` run inside it."""

    def __init__(self, conn: psycopg.Connection[DictRow]) -> None:
        self.conn = conn

    def rows(self, query: LiteralString, params: object = None) -> list[DictRow]:
        """Run a query and return every row."""
        return self.conn.execute(query, params).fetchall()  # type: ignore[arg-type]

    def execute(self, query: LiteralString, params: object = None) -> int:
        """Run a statement and return the affected row count (0 when RLS hid every row)."""
        return self.conn.execute(query, params).rowcount  # type: ignore[arg-type]


@contextmanager
def as_postgrest(
    authenticator_url: str, claims: dict[str, object] | None, method: str = "POST", path: str = "/rpc"
) -> Iterator[PostgrestSession]:
    """Open a request transaction for `claims` (anon when None); commit if the block succeeds."""
    with psycopg.connect(authenticator_url, row_factory=dict_row) as conn, conn.transaction():
        conn.execute(SET_CONTEXT_SQL, context_parameters(claims, method, path))
        conn.execute(PRE_REQUEST_SQL)
        yield PostgrestSession(conn)
