"""Rate limits of sign-in and sign-up, counted in Postgres so every replica shares them."""

import hashlib
import logging

from app.core.errors import RateLimitedError
from app.services.auth.dependencies import AuthDependencies

logger = logging.getLogger(__name__)

# Bucket name to (key, limit per window).
Buckets = dict[str, tuple[str, int]]


async def enforce_login_rate_limit(deps: AuthDependencies, email: str, ip: str | None) -> None:
    """Count one sign-in attempt for the email and the IP.

    Raises:
        RateLimitedError: either bucket is over its limit for the current window.
    """
    settings = deps.settings
    buckets = {"email": (f"login:email:{_digest(email.lower())}", settings.login_rate_limit_per_email)}
    if ip:
        buckets["ip"] = (f"login:ip:{_digest(ip)}", settings.login_rate_limit_per_ip)
    await _enforce(deps, buckets, "sign-in", ip)


async def enforce_registration_rate_limit(deps: AuthDependencies, ip: str | None) -> None:
    """Count one sign-up attempt for the IP; sign-ups without a known IP are not limited.

    Raises:
        RateLimitedError: the IP is over its limit for the current window.
    """
    if not ip:
        return
    buckets = {"ip": (f"register:ip:{_digest(ip)}", deps.settings.register_rate_limit_per_ip)}
    await _enforce(deps, buckets, "sign-up", ip)


async def _enforce(deps: AuthDependencies, buckets: Buckets, action: str, ip: str | None) -> None:
    """Count one hit in every bucket and raise if any is over its limit."""
    window = deps.settings.login_rate_window_seconds
    waits: dict[str, int] = {}
    async with deps.db.as_service() as conn:
        for kind, (bucket, limit) in buckets.items():
            cursor = await conn.execute(
                "select private.hit_rate_limit(%s, %s, %s) as retry_after", (bucket, window, limit)
            )
            row = await cursor.fetchone()
            waits[kind] = int(row["retry_after"]) if row else 0

    retry_after = max(waits.values())
    if retry_after > 0:
        exceeded = " and ".join(kind for kind, wait in waits.items() if wait > 0)
        logger.warning(
            "%s rate limit exceeded per %s (ip %s), retry after %d s", action, exceeded, ip, retry_after
        )
        raise RateLimitedError(
            f"Too many {action} attempts. Try again in {retry_after} seconds.", retry_after
        )


def _digest(value: str) -> str:
    """Hash a bucket key so the table stores no email address or IP."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
