"""Suspend or reactivate an account on behalf of the owner or an agency admin."""

import logging
import uuid

from app.core.security.tokens import TokenIdentity
from app.infrastructure.database import Database
from app.services.auth.results import ClientSummary

logger = logging.getLogger(__name__)


async def change_client_status(
    db: Database, identity: TokenIdentity, client_id: uuid.UUID, status: str
) -> ClientSummary:
    """Set the status of `client_id`; suspending also revokes its sessions.

    Raises:
        InvalidInputError: the caller targets its own account (PT400).
        AuthenticationError: the caller's session was revoked (PT401).
        PermissionDeniedError: the caller is neither the owner nor an agency admin (PT403).
        NotFoundError: the account does not exist or is outside the caller's agency (PT404).
    """
    async with db.as_service() as conn:
        cursor = await conn.execute(
            "select * from private.set_client_status(%s, %s, %s, %s)",
            (identity.client_id, identity.session_id, client_id, status),
        )
        row = await cursor.fetchone()
    if row is None:
        raise RuntimeError("private.set_client_status returned no row")

    logger.info("Client %s set to %s by %s", client_id, status, identity.client_id)
    return ClientSummary.from_row(row)
