"""Registration and password sign-in."""

import logging
from dataclasses import dataclass

from app.core.errors import AuthenticationError, PermissionDeniedError
from app.services.auth.dependencies import AuthDependencies
from app.services.auth.profile import get_own_profile
from app.services.auth.rate_limit import enforce_login_rate_limit, enforce_registration_rate_limit
from app.services.auth.results import ClientSummary, RequestOrigin, SignInResult
from app.services.auth.sessions import start_session

logger = logging.getLogger(__name__)

INVALID_CREDENTIALS = "Invalid email or password"
SUSPENDED_ACCOUNT = "This account is suspended. Contact your agency or OMEGA support."


@dataclass(frozen=True)
class Registration:
    """A validated sign-up request."""

    email: str
    password: str
    full_name: str
    reseller_slug: str | None


async def register_client(
    deps: AuthDependencies, registration: Registration, origin: RequestOrigin
) -> SignInResult:
    """Create a client with its credentials and sign it in.

    Raises:
        RateLimitedError: too many sign-ups from this IP.
        ConflictError: the email is taken (raised by the database as PT409).
        NotFoundError: the agency slug is unknown or inactive (PT404).
    """
    await enforce_registration_rate_limit(deps, origin.ip)
    password_hash = await deps.hasher.hash_async(registration.password)
    async with deps.db.as_service() as conn:
        cursor = await conn.execute(
            "select * from private.register_client(%s, %s, %s, %s)",
            (registration.email, registration.full_name, password_hash, registration.reseller_slug),
        )
        row = await cursor.fetchone()
    if row is None:
        raise RuntimeError("private.register_client returned no row")

    client = ClientSummary.from_row(row)
    logger.info("Registered client %s (agency %s)", client.id, client.reseller_id)
    return await start_session(deps, client.id, client.role, client.reseller_id, origin, client=client)


async def sign_in(deps: AuthDependencies, email: str, password: str, origin: RequestOrigin) -> SignInResult:
    """Verify a password and open a session.

    Unknown emails and wrong passwords get the same error after the same
    bcrypt work, so response time does not reveal which emails exist.

    Raises:
        RateLimitedError: too many attempts for this email or IP.
        AuthenticationError: unknown email or wrong password.
        PermissionDeniedError: the password is right but the account is suspended.
    """
    await enforce_login_rate_limit(deps, email, origin.ip)

    async with deps.db.as_service() as conn:
        cursor = await conn.execute("select * from private.login_lookup(%s)", (email,))
        row = await cursor.fetchone()

    password_hash = row["password_hash"] if row else None
    if not await deps.hasher.verify_async(password, password_hash) or row is None:
        logger.info("Failed sign-in from ip %s", origin.ip)
        raise AuthenticationError(INVALID_CREDENTIALS)
    if row["client_status"] != "active":
        logger.warning("Sign-in rejected for suspended client %s", row["client_id"])
        raise PermissionDeniedError(SUSPENDED_ACCOUNT)

    result = await start_session(deps, row["client_id"], row["role"], row["reseller_id"], origin)
    client = await get_own_profile(deps.db, deps.tokens.verify(result.access_token))
    logger.info("Client %s signed in", row["client_id"])
    return SignInResult(
        result.access_token, result.refresh_token, result.expires_in, result.session_id, client
    )
