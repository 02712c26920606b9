"""Request transactions for the matrix tests: as PostgREST runs them, rolled back at the end."""

import logging
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row

from app.infrastructure.request_context import SET_CONTEXT_SQL, context_parameters
from tests.helpers.postgrest import PostgrestSession
from tests.policies.matrix import Identity

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """An identity of the matrix with its ids and the claims of a freshly minted token."""

    identity: Identity
    client_id: uuid.UUID | None
    reseller_id: uuid.UUID | None
    claims: dict[str, object] | None

    @property
    def role(self) -> str:
        """The database role PostgREST switches to for this actor."""
        return "authenticated" if self.claims else "anon"


class RollbackRequestError(Exception):
    """Raised at the end of a probe so that its transaction is rolled back."""


@contextmanager
def policies_only(authenticator_url: str, claims: dict[str, object] | None) -> Iterator[PostgrestSession]:
    """Open a request transaction like PostgREST but without the pre-request check.

    Shows what the policies alone allow an identity that the check rejects,
    such as a suspended client whose token has not expired yet.
    """
    with psycopg.connect(authenticator_url, row_factory=dict_row) as conn, conn.transaction():
        conn.execute(SET_CONTEXT_SQL, context_parameters(claims))
        yield PostgrestSession(conn)


@contextmanager
def rolled_back(request: AbstractContextManager[PostgrestSession]) -> Iterator[PostgrestSession]:
    """Run a request transaction and roll it back, so a probe leaves the seed rows as they were."""
    try:
        with request as session:
            yield session
            raise RollbackRequestError
    except RollbackRequestError:
        pass


@contextmanager
def bypassing_rls(session: PostgrestSession, actor: Actor) -> Iterator[PostgrestSession]:
    """Switch the request to service_role (which bypasses RLS) to read the rows, then back to the actor."""
    session.conn.execute("set local role service_role")
    try:
        yield session
    finally:
        session.conn.execute("select set_config('role', %s, true)", (actor.role,))
