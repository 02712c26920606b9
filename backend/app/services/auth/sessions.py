"""Open, rotate and revoke sign-in sessions."""

import ipaddress
import logging
import uuid

from app.core.errors import AuthenticationError, PermissionDeniedError
from app.core.security.tokens import TokenIdentity, hash_refresh_token, new_refresh_token
from app.services.auth.dependencies import AuthDependencies
from app.services.auth.results import ClientSummary, RequestOrigin, SignInResult

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 86_400


async def start_session(
    deps: AuthDependencies,
    client_id: uuid.UUID,
    app_role: str,
    reseller_id: uuid.UUID | None,
    origin: RequestOrigin,
    *,
    client: ClientSummary | None = None,
) -> SignInResult:
    """Open a session with a fresh refresh token and mint its first access token."""
    refresh_token = new_refresh_token()
    ttl_seconds = deps.settings.refresh_token_ttl_days * SECONDS_PER_DAY

    async with deps.db.as_service() as conn:
        cursor = await conn.execute(
            "select private.open_session(%s, %s, %s, %s, %s) as session_id",
            (
                client_id,
                hash_refresh_token(refresh_token),
                ttl_seconds,
                origin.user_agent,
                _valid_ip(origin.ip),
            ),
        )
        row = await cursor.fetchone()
    if row is None:
        raise RuntimeError("private.open_session returned no row")

    session_id: uuid.UUID = row["session_id"]
    minted = deps.tokens.mint(client_id, session_id, app_role, reseller_id)
    logger.info("Opened session %s for client %s", session_id, client_id)
    return SignInResult(minted.token, refresh_token, minted.expires_in, session_id, client)


async def rotate_session(deps: AuthDependencies, refresh_token: str) -> SignInResult:
    """Exchange a refresh token for a new pair; a reused token revokes its whole session.

    Raises:
        AuthenticationError: the token is unknown, expired, revoked or reused.
        PermissionDeniedError: the account was suspended after sign-in.
    """
    new_token = new_refresh_token()
    async with deps.db.as_service() as conn:
        cursor = await conn.execute(
            "select * from private.rotate_refresh_token(%s, %s)",
            (hash_refresh_token(refresh_token), hash_refresh_token(new_token)),
        )
        row = await cursor.fetchone()

    outcome = row["outcome"] if row else "invalid"
    if outcome == "reused":
        logger.warning(
            "Refresh token reuse revoked session %s of client %s",
            row and row["session_id"],
            row and row["client_id"],
        )
        raise AuthenticationError(
            "Refresh token was already used, so the session was revoked. Sign in again."
        )
    if outcome == "suspended":
        logger.warning("Refresh rejected for suspended client %s", row and row["client_id"])
        raise PermissionDeniedError("This account is suspended. Contact your agency or OMEGA support.")
    if outcome != "rotated" or row is None:
        raise AuthenticationError("Refresh token is invalid or expired. Sign in again.")

    minted = deps.tokens.mint(row["client_id"], row["session_id"], row["role"], row["reseller_id"])
    logger.info("Rotated refresh token of session %s", row["session_id"])
    return SignInResult(minted.token, new_token, minted.expires_in, row["session_id"], None)


async def end_session(deps: AuthDependencies, identity: TokenIdentity) -> bool:
    """Revoke the caller's session; report whether it was still active."""
    async with deps.db.as_service() as conn:
        cursor = await conn.execute(
            "select private.revoke_session(%s, 'logout') as revoked", (identity.session_id,)
        )
        row = await cursor.fetchone()
    revoked = bool(row and row["revoked"])
    logger.info("Logout of session %s (was active: %s)", identity.session_id, revoked)
    return revoked


def _valid_ip(candidate: str | None) -> str | None:
    """Return `candidate` if it is an IP address, else None (test clients send host names)."""
    if not candidate:
        return None
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
