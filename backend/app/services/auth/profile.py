"""The signed-in client's own profile, read under row-level security."""

import logging

from app.core.errors import NotFoundError
from app.core.security.tokens import TokenIdentity
from app.infrastructure.database import Database
from app.services.auth.results import ClientSummary

logger = logging.getLogger(__name__)


async def get_own_profile(db: Database, identity: TokenIdentity) -> ClientSummary:
    """Return the caller's `clients` row as PostgREST would show it.

    Raises:
        AuthenticationError: the session was revoked or the client suspended (PT401).
        NotFoundError: the client no longer exists.
    """
    async with db.as_user(identity.claims, "GET", "/clients") as conn:
        cursor = await conn.execute("select * from public.clients where id = auth.uid()")
        row = await cursor.fetchone()
    if row is None:
        logger.warning("Token of client %s has no visible profile", identity.client_id)
        raise NotFoundError("Profile not found")
    return ClientSummary.from_row(row)
