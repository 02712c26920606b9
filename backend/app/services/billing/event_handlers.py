"""One handler per Stripe event type; each runs inside the transaction that records the event."""

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from app.core.errors import ServiceUnavailableError
from app.infrastructure.database import Connection
from app.infrastructure.stripe.objects import parse_checkout_session, parse_invoice, parse_subscription
from app.infrastructure.stripe.webhook import StripeEvent
from app.services.billing.dependencies import BillingDependencies
from app.services.billing.plans import RECOVERABLE_STATUSES
from app.services.billing.subscription_state import (
    apply_event_state,
    lock_subscription,
    refresh_from_stripe,
    resolve_client,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventContext:
    """The verified event, the transaction's connection and the billing collaborators."""

    event: StripeEvent
    conn: Connection
    deps: BillingDependencies


@dataclass(frozen=True)
class HandledEvent:
    """The client an event was linked to, and what handling it did."""

    client_id: uuid.UUID | None
    outcome: str


class UnlinkedEventError(ServiceUnavailableError):
    """No client matches the event yet; a 5xx response makes Stripe deliver it again later."""


async def handle_subscription_event(context: EventContext) -> HandledEvent:
    """customer.subscription.created, .updated, .deleted and .trial_will_end."""
    state = parse_subscription(context.event.data_object)
    client_id = await _linked_client(
        context, state.subscription_id, state.customer_id, state.metadata_client_id
    )
    outcome = await apply_event_state(context.conn, context.deps, client_id, state, context.event.created)

    if context.event.type == "customer.subscription.trial_will_end":
        await _record_notice(context, client_id, "trial_will_end", state.trial_ends_at, None)
    logger.info("Event %s for client %s: %s", context.event.id, client_id, outcome)
    return HandledEvent(client_id, outcome)


async def handle_checkout_completed(context: EventContext) -> HandledEvent:
    """checkout.session.completed: link the customer and read the new subscription from Stripe."""
    session = parse_checkout_session(context.event.data_object)
    if session.mode != "subscription":
        logger.info("Ignored Checkout Session %s in mode %s", session.session_id, session.mode)
        return HandledEvent(None, "ignored")

    client_id = await _linked_client(
        context,
        session.subscription_id,
        session.customer_id,
        session.metadata_client_id,
        session.client_reference_id,
    )
    if session.customer_id:
        await context.conn.execute(
            "select private.link_stripe_customer(%s, %s)", (client_id, session.customer_id)
        )
    if session.subscription_id is None:
        return HandledEvent(client_id, "recorded")

    outcome = await refresh_from_stripe(context.conn, context.deps, client_id, session.subscription_id)
    logger.info("Checkout %s completed for client %s: %s", session.session_id, client_id, outcome)
    return HandledEvent(client_id, outcome)


async def handle_invoice_paid(context: EventContext) -> HandledEvent:
    """invoice.paid: a paid invoice of a past_due or unpaid subscription makes it active again.

    Other paid invoices, such as the $0 invoice that opens a trial, change nothing.
    """
    invoice = parse_invoice(context.event.data_object)
    client_id = await _linked_client(
        context, invoice.subscription_id, invoice.customer_id, invoice.metadata_client_id
    )
    stored = await lock_subscription(context.conn, client_id)
    recovers = (
        stored is not None
        and invoice.subscription_id is not None
        and stored.stripe_subscription_id == invoice.subscription_id
        and stored.status in RECOVERABLE_STATUSES
        and invoice.amount_paid > 0
    )
    if not recovers or invoice.subscription_id is None:
        return HandledEvent(client_id, "no_change")

    outcome = await refresh_from_stripe(context.conn, context.deps, client_id, invoice.subscription_id)
    logger.info("Invoice %s paid by client %s: %s", invoice.invoice_id, client_id, outcome)
    return HandledEvent(client_id, outcome)


async def handle_payment_failed(context: EventContext) -> HandledEvent:
    """invoice.payment_failed: record a notice; access continues while Stripe retries (past_due)."""
    invoice = parse_invoice(context.event.data_object)
    client_id = await _linked_client(
        context, invoice.subscription_id, invoice.customer_id, invoice.metadata_client_id
    )
    await _record_notice(
        context, client_id, "payment_failed", invoice.next_payment_attempt, invoice.amount_due
    )
    logger.warning("Payment of invoice %s failed for client %s", invoice.invoice_id, client_id)
    return HandledEvent(client_id, "recorded")


async def handle_customer_deleted(context: EventContext) -> HandledEvent:
    """customer.deleted: forget the customer and cancel its Stripe subscription."""
    customer_id = str(context.event.data_object.get("id") or "")
    cursor = await context.conn.execute(
        "select * from private.forget_stripe_customer(%s, %s)", (customer_id, context.event.created)
    )
    row = await cursor.fetchone()
    if row is None:
        logger.warning("Deleted Stripe customer %s belongs to no client; nothing to change", customer_id)
        return HandledEvent(None, "ignored")
    logger.info("Stripe customer %s of client %s was deleted", customer_id, row["client_id"])
    return HandledEvent(row["client_id"], "applied")


EventHandler = Callable[[EventContext], Awaitable[HandledEvent]]

EVENT_HANDLERS: dict[str, EventHandler] = {
    "checkout.session.completed": handle_checkout_completed,
    "customer.subscription.created": handle_subscription_event,
    "customer.subscription.updated": handle_subscription_event,
    "customer.subscription.deleted": handle_subscription_event,
    "customer.subscription.trial_will_end": handle_subscription_event,
    "invoice.paid": handle_invoice_paid,
    "invoice.payment_failed": handle_payment_failed,
    "customer.deleted": handle_customer_deleted,
}


async def _linked_client(
    context: EventContext,
    subscription_id: str | None,
    customer_id: str | None,
    metadata_client_id: uuid.UUID | None,
    reference_client_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Return the client the event's ids link to, or fail the delivery so that Stripe retries it.

    Raises:
        UnlinkedEventError: no stored id, metadata or client reference names a client.
    """
    client_id = await resolve_client(
        context.conn, subscription_id, customer_id, metadata_client_id, reference_client_id
    )
    if client_id is None:
        logger.warning(
            "Event %s (%s) cannot be linked to a client yet; responding 503 so that Stripe retries it",
            context.event.id,
            context.event.type,
        )
        raise UnlinkedEventError(
            f"Event {context.event.id} cannot be linked to a client yet; Stripe will retry it"
        )
    return client_id


async def _record_notice(
    context: EventContext, client_id: uuid.UUID, kind: str, occurs_at: datetime | None, amount_due: int | None
) -> None:
    """Store a billing notice for the client."""
    await context.conn.execute(
        "select private.record_billing_notice(%s, %s, %s, %s, %s)",
        (context.event.id, client_id, kind, occurs_at, amount_due),
    )
