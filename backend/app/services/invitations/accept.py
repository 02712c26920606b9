"""Acceptance of an invitation created through the `create_invitation` RPC."""

import hashlib
import logging
from dataclasses import dataclass

from app.services.auth.dependencies import AuthDependencies
from app.services.auth.results import ClientSummary, RequestOrigin, SignInResult
from app.services.auth.sessions import start_session

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InvitationAcceptance:
    """A validated acceptance: the token shown once at creation, and the new account's details."""

    token: str
    full_name: str
    password: str


def hash_invitation_token(token: str) -> bytes:
    """Return the SHA-256 that `private.create_invitation` stores for a token."""
    return hashlib.sha256(token.encode("utf-8")).digest()


async def accept_invitation(
    deps: AuthDependencies, acceptance: InvitationAcceptance, origin: RequestOrigin
) -> SignInResult:
    """Create the invited account (client of the agency, or its reseller admin) and sign it in.

    The password is hashed before the token is checked, so a wrong token
    costs the same bcrypt work as a right one.

    Raises:
        InvalidInputError: the token is unknown, expired or already used, or its
            agency is no longer active; one message for all (PT400).
        ConflictError: an account with the invited email exists already (PT409).
    """
    password_hash = await deps.hasher.hash_async(acceptance.password)
    async with deps.db.as_service() as conn:
        cursor = await conn.execute(
            "select * from private.accept_invitation(%s, %s, %s)",
            (hash_invitation_token(acceptance.token), acceptance.full_name, password_hash),
        )
        row = await cursor.fetchone()
    if row is None:
        raise RuntimeError("private.accept_invitation returned no row")

    client = ClientSummary.from_row(row)
    logger.info(
        "Invitation accepted by client %s (role %s, agency %s)", client.id, client.role, client.reseller_id
    )
    return await start_session(deps, client.id, client.role, client.reseller_id, origin, client=client)
