"""The subscription and entitlement a client, its agency's admin or the owner may read."""

import logging
import uuid
from datetime import datetime

from pydantic import BaseModel

from app.core.errors import NotFoundError
from app.core.security.tokens import TokenIdentity
from app.infrastructure.database import Database

logger = logging.getLogger(__name__)


class SubscriptionOverview(BaseModel):
    """Plan, status, dates, limits and this month's usage; plan and status are None without a subscription."""

    client_id: uuid.UUID
    plan_id: str | None
    status: str | None
    allows_work: bool
    trial_ends_at: datetime | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    max_social_accounts: int | None
    monthly_generations: int | None
    social_accounts_used: int
    generations_used: int
    usage_resets_at: datetime


async def read_subscription_overview(
    db: Database, identity: TokenIdentity, client_id: uuid.UUID | None
) -> SubscriptionOverview:
    """Read the entitlement of `client_id`, or of the caller when None, through private.caller_entitlement.

    Raises:
        AuthenticationError: the session was revoked (PT401).
        PermissionDeniedError: the client is neither the caller nor one of its agency's clients (PT403).
        NotFoundError: the owner asked for a client that does not exist.
    """
    async with db.as_user(identity.claims, "GET", "/billing/subscription") as conn:
        cursor = await conn.execute("select private.caller_entitlement(%s) as entitlement", (client_id,))
        row = await cursor.fetchone()
    if row is None or row["entitlement"] is None:
        raise NotFoundError("Client not found")
    return SubscriptionOverview.model_validate(row["entitlement"])
