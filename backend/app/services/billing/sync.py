"""Re-read every known subscription from Stripe and repair the rows that drifted."""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.errors import DomainError
from app.infrastructure.stripe.objects import SubscriptionState
from app.services.billing.dependencies import BillingDependencies
from app.services.billing.subscription_state import (
    StoredSubscription,
    apply_observed_state,
    lock_subscription,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class KnownSubscription:
    """A client and the Stripe subscription stored for it."""

    client_id: uuid.UUID
    subscription_id: str


@dataclass(frozen=True)
class SubscriptionDrift:
    """One subscription whose row differed from Stripe, and each field that changed."""

    subscription: KnownSubscription
    changes: list[str]


@dataclass
class SyncReport:
    """Counts and details of one sync run."""

    checked: int = 0
    unchanged: int = 0
    repaired: list[SubscriptionDrift] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


async def list_known_subscriptions(deps: BillingDependencies) -> list[KnownSubscription]:
    """Return every subscription id stored in the database."""
    async with deps.db.as_service() as conn:
        cursor = await conn.execute("select * from private.stripe_subscription_ids()")
        rows = await cursor.fetchall()
    return [KnownSubscription(row["client_id"], row["stripe_subscription_id"]) for row in rows]


async def sync_subscriptions(
    deps: BillingDependencies, known: list[KnownSubscription], on_checked: Callable[[], object]
) -> SyncReport:
    """Sync each subscription in turn; one failure is reported and does not stop the others."""
    report = SyncReport()
    for subscription in known:
        try:
            await _sync_one(deps, subscription, report)
        except DomainError as error:
            logger.error("Sync of subscription %s failed: %s", subscription.subscription_id, error.detail)
            report.failed.append(
                f"client {subscription.client_id} ({subscription.subscription_id}): {error.detail}"
            )
        report.checked += 1
        on_checked()
    logger.info(
        "Billing sync checked %d, repaired %d, failed %d",
        report.checked,
        len(report.repaired),
        len(report.failed),
    )
    return report


async def _sync_one(deps: BillingDependencies, subscription: KnownSubscription, report: SyncReport) -> None:
    """Read one subscription from Stripe under the client's lock and apply it."""
    async with deps.db.as_service() as conn:
        before = await lock_subscription(conn, subscription.client_id)
        observed = await deps.gateway.retrieve_subscription(subscription.subscription_id)
        outcome = await apply_observed_state(conn, deps, subscription.client_id, observed)

    label = f"client {subscription.client_id} ({subscription.subscription_id})"
    if outcome == "no_change":
        report.unchanged += 1
    elif outcome == "applied" and before is not None:
        changes = describe_changes(
            before, observed.state, deps.prices.plan_for_price(observed.state.price_id)
        )
        report.repaired.append(SubscriptionDrift(subscription, changes))
        logger.warning("Repaired drift of %s: %s", label, "; ".join(changes))
    else:
        report.skipped.append(f"{label}: {outcome}")


def describe_changes(before: StoredSubscription, state: SubscriptionState, plan_id: str | None) -> list[str]:
    """List each field whose stored value differs from Stripe's, as `field old -> new`."""
    pairs = {
        "plan": (before.plan_id, plan_id),
        "status": (before.status, state.status),
        "trial_ends_at": (before.trial_ends_at, state.trial_ends_at),
        "current_period_end": (before.current_period_end, state.current_period_end),
        "cancel_at_period_end": (before.cancel_at_period_end, state.cancel_at_period_end),
        "stripe_customer_id": (before.stripe_customer_id, state.customer_id),
        "stripe_price_id": (before.stripe_price_id, state.price_id),
    }
    return [f"{name} {old} -> {new}" for name, (old, new) in pairs.items() if old != new]
