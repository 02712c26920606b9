"""The caller's billing account, read under the request context, and its Stripe customer."""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from app.core.errors import NotFoundError
from app.core.security.tokens import TokenIdentity
from app.services.billing.dependencies import BillingDependencies

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BillingAccount:
    """The caller's identity and its Stripe ids."""

    client_id: uuid.UUID
    email: str
    full_name: str
    plan_id: str | None
    status: str | None
    trial_ends_at: datetime | None
    stripe_customer_id: str | None
    stripe_subscription_id: str | None
    cancel_at_period_end: bool


async def read_billing_account(deps: BillingDependencies, identity: TokenIdentity) -> BillingAccount:
    """Read the caller's account as PostgREST would run it, so revoked sessions are rejected.

    Raises:
        AuthenticationError: the session was revoked or the account suspended (PT401).
        PermissionDeniedError: the account's agency is suspended (PT403).
        NotFoundError: the account no longer exists.
    """
    async with deps.db.as_user(identity.claims, "POST", "/billing") as conn:
        cursor = await conn.execute("select * from private.billing_account()")
        row = await cursor.fetchone()
    if row is None:
        raise NotFoundError("Account not found")
    return BillingAccount(
        client_id=row["client_id"],
        email=row["email"],
        full_name=row["full_name"],
        plan_id=row["plan_id"],
        status=row["status"],
        trial_ends_at=row["trial_ends_at"],
        stripe_customer_id=row["stripe_customer_id"],
        stripe_subscription_id=row["stripe_subscription_id"],
        cancel_at_period_end=row["cancel_at_period_end"],
    )


async def ensure_stripe_customer(deps: BillingDependencies, account: BillingAccount) -> str:
    """Return the client's Stripe customer, creating and storing it on first use.

    Two concurrent first checkouts send the same idempotency key, so Stripe
    creates one customer. If two customers exist anyway, the first one stored
    wins and the other stays unused in Stripe.
    """
    if account.stripe_customer_id:
        return account.stripe_customer_id

    created = await deps.gateway.create_customer(account.client_id, account.email, account.full_name)
    async with deps.db.as_service() as conn:
        cursor = await conn.execute(
            "select private.link_stripe_customer(%s, %s) as customer_id", (account.client_id, created)
        )
        row = await cursor.fetchone()
    stored: str = row["customer_id"] if row else created
    if stored != created:
        logger.warning(
            "Client %s already had Stripe customer %s; customer %s is unused",
            account.client_id,
            stored,
            created,
        )
    else:
        logger.info("Linked Stripe customer %s to client %s", stored, account.client_id)
    return stored
