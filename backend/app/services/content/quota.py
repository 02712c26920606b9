"""The monthly generation quota: checked against the entitlement, taken before the call.

A failed generation gives its reservation back.
"""

import logging
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.core.errors import NotFoundError, PaymentRequiredError, RateLimitedError
from app.infrastructure.database import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reservation:
    """Generations taken from one month's quota, to be given back if the work fails."""

    client_id: uuid.UUID
    period: date
    count: int


async def reserve_generations(db: Database, client_id: uuid.UUID, count: int) -> Reservation:
    """Check the subscription and take `count` generations atomically.

    Raises:
        PaymentRequiredError: the subscription does not allow work (402).
        RateLimitedError: the monthly quota is used up; `Retry-After` points at the reset (429).
    """
    async with db.as_service() as conn:
        cursor = await conn.execute("select * from private.client_entitlement(%s)", (client_id,))
        entitlement = await cursor.fetchone()
        if entitlement is None:
            raise NotFoundError("Client not found")
        if not entitlement["allows_work"]:
            status = entitlement["status"] or "none"
            logger.info("Generation rejected for client %s: subscription status %s", client_id, status)
            raise PaymentRequiredError(
                f"Your subscription (status: {status}) does not allow content generation. "
                "Renew or upgrade it to continue."
            )
        cursor = await conn.execute(
            "select usage_period, usage_count from private.consume_generations(%s, %s)", (client_id, count)
        )
        taken = await cursor.fetchone()

    if taken is None:
        raise _quota_exhausted(client_id, entitlement["monthly_generations"], entitlement["usage_resets_at"])
    logger.info("Client %s used %d generation(s), %d this month", client_id, count, taken["usage_count"])
    return Reservation(client_id=client_id, period=taken["usage_period"], count=count)


async def release_generations(db: Database, reservation: Reservation) -> None:
    """Give back a reservation after a failed generation."""
    async with db.as_service() as conn:
        await conn.execute(
            "select private.release_generations(%s, %s, %s)",
            (reservation.client_id, reservation.period, reservation.count),
        )
    logger.info("Returned %d generation(s) to client %s", reservation.count, reservation.client_id)


def _quota_exhausted(client_id: uuid.UUID, limit: int | None, resets_at: datetime) -> RateLimitedError:
    """Build the 429 with the reset date in the message and the seconds until it in `Retry-After`."""
    seconds = max(1, math.ceil((resets_at - datetime.now(UTC)).total_seconds()))
    logger.info("Client %s reached its monthly generation quota of %s", client_id, limit)
    return RateLimitedError(
        f"Your plan's monthly quota of {limit} generations is used up (or too small for this many variants). "
        f"It resets on {resets_at.astimezone(UTC):%Y-%m-%d} (UTC).",
        seconds,
    )
