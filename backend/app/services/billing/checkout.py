"""Checkout, Customer Portal and cancellation, for the signed-in client's own subscription."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from app.core.errors import ConflictError, NotFoundError
from app.core.security.tokens import TokenIdentity
from app.infrastructure.stripe.gateway import CheckoutRequest
from app.services.billing.accounts import BillingAccount, ensure_stripe_customer, read_billing_account
from app.services.billing.dependencies import BillingDependencies
from app.services.billing.plans import LIVE_STATUSES, MIN_TRIAL_END_LEAD, TRIAL_PERIOD_DAYS

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CancellationResult:
    """Stripe's response to a cancellation request; the database changes when its webhook arrives."""

    subscription_id: str
    status: str
    cancel_at_period_end: bool
    current_period_end: datetime | None


async def start_checkout(
    deps: BillingDependencies, identity: TokenIdentity, plan_id: str, with_trial: bool
) -> str:
    """Create a Checkout Session for a plan and return its URL.

    Raises:
        InvalidInputError: unknown plan.
        ConflictError: the client already has a live Stripe subscription, or
            requests a second free trial.
        BadGatewayError, GatewayTimeoutError: Stripe failed.
    """
    price_id = deps.prices.price_for_plan(plan_id)
    account = await read_billing_account(deps, identity)
    if _has_live_stripe_subscription(account):
        raise ConflictError(
            f"This account already has a {account.status} subscription on the {account.plan_id} plan; "
            "change plans in the customer portal"
        )
    if with_trial and account.stripe_subscription_id is not None:
        raise ConflictError("The free trial is offered only with a first subscription")

    customer_id = await ensure_stripe_customer(deps, account)
    trial_end = _sign_up_trial_end(account) if with_trial else None
    url = await deps.gateway.create_checkout_session(
        CheckoutRequest(
            client_id=account.client_id,
            customer_id=customer_id,
            price_id=price_id,
            trial_days=TRIAL_PERIOD_DAYS if with_trial and trial_end is None else None,
            trial_end=trial_end,
            success_url=f"{deps.return_url}?checkout=success&session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=f"{deps.return_url}?checkout=canceled",
        )
    )
    logger.info(
        "Checkout started for client %s on plan %s (trial %s)", account.client_id, plan_id, with_trial
    )
    return url


async def open_portal(deps: BillingDependencies, identity: TokenIdentity) -> str:
    """Create a Customer Portal session and return its URL.

    Raises:
        NotFoundError: the client has no Stripe customer yet.
    """
    account = await read_billing_account(deps, identity)
    if account.stripe_customer_id is None:
        raise NotFoundError("This account has no Stripe customer yet; start a checkout first")
    url = await deps.gateway.create_portal_session(account.stripe_customer_id, deps.return_url)
    logger.info("Customer portal opened for client %s", account.client_id)
    return url


async def cancel_at_period_end(deps: BillingDependencies, identity: TokenIdentity) -> CancellationResult:
    """Ask Stripe to end the client's subscription at the end of the paid period.

    Raises:
        NotFoundError: the client has no live Stripe subscription.
    """
    account = await read_billing_account(deps, identity)
    if not _has_live_stripe_subscription(account) or account.stripe_subscription_id is None:
        raise NotFoundError("This account has no active Stripe subscription to cancel")

    state = await deps.gateway.cancel_at_period_end(account.stripe_subscription_id)
    logger.info("Cancellation at period end requested for client %s", account.client_id)
    return CancellationResult(
        subscription_id=state.subscription_id,
        status=state.status,
        cancel_at_period_end=state.cancel_at_period_end,
        current_period_end=state.current_period_end,
    )


def _sign_up_trial_end(account: BillingAccount) -> datetime | None:
    """Return when the Stripe trial must end so that it continues the running sign-up trial.

    None when no sign-up trial is running, and the checkout trial then lasts
    TRIAL_PERIOD_DAYS. A sign-up trial that ends sooner than Stripe allows
    yields the earliest end Stripe accepts.
    """
    now = datetime.now(UTC)
    running = (
        account.status == "trialing"
        and account.stripe_subscription_id is None
        and account.trial_ends_at is not None
        and account.trial_ends_at > now
    )
    if not running or account.trial_ends_at is None:
        return None
    return max(account.trial_ends_at, now + MIN_TRIAL_END_LEAD)


def _has_live_stripe_subscription(account: BillingAccount) -> bool:
    """True when a Stripe subscription exists and may still bill."""
    return account.stripe_subscription_id is not None and account.status in LIVE_STATUSES
