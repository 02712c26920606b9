"""Writes Stripe subscription state into the database, newest state first; shared by webhooks and sync."""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from app.infrastructure.database import Connection
from app.infrastructure.stripe.gateway import ObservedSubscription
from app.infrastructure.stripe.objects import SubscriptionState
from app.services.billing.dependencies import BillingDependencies
from app.services.billing.plans import PlanPrices

logger = logging.getLogger(__name__)

# Outcomes of private.apply_stripe_subscription, as recorded on the event.
STORED_OUTCOMES = {
    "applied": "applied",
    "unchanged": "no_change",
    "stale": "stale",
    "other_subscription": "other_subscription",
}


@dataclass(frozen=True)
class StoredSubscription:
    """A client's subscription row as it was when its lock was taken."""

    plan_id: str
    status: str
    trial_ends_at: datetime | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    stripe_customer_id: str | None
    stripe_subscription_id: str | None
    stripe_price_id: str | None
    last_stripe_event_at: datetime | None


async def resolve_client(
    conn: Connection,
    subscription_id: str | None,
    customer_id: str | None,
    metadata_client_id: uuid.UUID | None,
    reference_client_id: uuid.UUID | None,
) -> uuid.UUID | None:
    """Find the client a Stripe object belongs to (see private.resolve_stripe_client)."""
    cursor = await conn.execute(
        "select private.resolve_stripe_client(%s, %s, %s, %s) as client_id",
        (subscription_id, customer_id, metadata_client_id, reference_client_id),
    )
    row = await cursor.fetchone()
    return row["client_id"] if row else None


async def lock_subscription(conn: Connection, client_id: uuid.UUID) -> StoredSubscription | None:
    """Take the client's subscription lock until the transaction ends, and return the row."""
    cursor = await conn.execute("select * from private.lock_stripe_subscription(%s)", (client_id,))
    row = await cursor.fetchone()
    return StoredSubscription(**row) if row else None


async def apply_event_state(
    conn: Connection,
    deps: BillingDependencies,
    client_id: uuid.UUID,
    state: SubscriptionState,
    created: datetime,
) -> str:
    """Apply the state an event carries; a same-second tie is settled by reading Stripe's current state.

    Returns the event outcome: applied, no_change, stale, other_subscription,
    unknown_price or refreshed.
    """
    outcome = await _apply(conn, deps.prices, client_id, state, observed_at=created, is_current=False)
    if outcome != "tie":
        return outcome

    logger.info("Same-second events for subscription %s; reading it from Stripe", state.subscription_id)
    return await refresh_from_stripe(conn, deps, client_id, state.subscription_id)


async def refresh_from_stripe(
    conn: Connection, deps: BillingDependencies, client_id: uuid.UUID, subscription_id: str
) -> str:
    """Read a subscription from Stripe and apply it as the current state.

    Returns `refreshed` when applied (changed or not), else the reason it was not.
    """
    # NOTE: the read runs while this transaction holds the client's lock and a
    # pooled connection. A slow Stripe API (up to 3 attempts of 20 s each) delays
    # this client's other events, and many such reads at once can drain the pool.
    observed = await deps.gateway.retrieve_subscription(subscription_id)
    outcome = await apply_observed_state(conn, deps, client_id, observed)
    return "refreshed" if outcome in ("applied", "no_change") else outcome


async def apply_observed_state(
    conn: Connection, deps: BillingDependencies, client_id: uuid.UUID, observed: ObservedSubscription
) -> str:
    """Apply a state read from the Stripe API; it loses only to state stamped after Stripe's response."""
    return await _apply(
        conn, deps.prices, client_id, observed.state, observed_at=observed.observed_at, is_current=True
    )


async def _apply(
    conn: Connection,
    prices: PlanPrices,
    client_id: uuid.UUID,
    state: SubscriptionState,
    *,
    observed_at: datetime,
    is_current: bool,
) -> str:
    """Call private.apply_stripe_subscription and translate its result."""
    plan_id = prices.plan_for_price(state.price_id)
    if plan_id is None:
        logger.error(
            "Subscription %s of client %s uses price %s, which no plan sells; state not applied",
            state.subscription_id,
            client_id,
            state.price_id,
        )
        return "unknown_price"

    cursor = await conn.execute(
        "select private.apply_stripe_subscription(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) as outcome",
        (
            client_id,
            observed_at,
            is_current,
            state.subscription_id,
            state.customer_id,
            plan_id,
            state.price_id,
            state.status,
            state.trial_ends_at,
            state.current_period_end,
            state.cancel_at_period_end,
        ),
    )
    row = await cursor.fetchone()
    result = str(row["outcome"]) if row else "stale"
    if result == "other_subscription":
        logger.warning(
            "Client %s has another live subscription; ignored state of subscription %s",
            client_id,
            state.subscription_id,
        )
    return "tie" if result == "tie" else STORED_OUTCOMES[result]
