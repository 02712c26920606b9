"""Processing of one Stripe webhook delivery: verify, deduplicate, handle and record in one transaction."""

import logging
import uuid
from dataclasses import dataclass

from app.core.errors import InvalidInputError
from app.infrastructure.stripe.objects import InvalidStripeObjectError
from app.infrastructure.stripe.webhook import InvalidWebhookError, StripeEvent, verify_event
from app.services.billing.dependencies import BillingDependencies
from app.services.billing.event_handlers import EVENT_HANDLERS, EventContext, HandledEvent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebhookReceipt:
    """Outcome of one delivery."""

    event_id: str
    event_type: str
    duplicate: bool
    outcome: str
    client_id: uuid.UUID | None


async def process_webhook(
    deps: BillingDependencies, payload: bytes, signature_header: str | None
) -> WebhookReceipt:
    """Verify a delivery and apply its event exactly once.

    The event id is claimed, the handler runs and the outcome is stored in one
    transaction: if the handler fails, nothing is kept and Stripe's retry
    applies the event later; a delivery of an id already stored changes nothing.

    Raises:
        InvalidInputError: bad signature, timestamp outside the tolerance, or a malformed event (400).
        UnlinkedEventError: no client matches the event yet (503, Stripe retries).
        BadGatewayError, GatewayTimeoutError, NotFoundError: reading Stripe failed.
    """
    try:
        event = verify_event(payload, signature_header, deps.webhook_secret)
    except InvalidWebhookError as error:
        logger.warning("Rejected Stripe webhook: %s", error)
        raise InvalidInputError(str(error)) from error

    async with deps.db.as_service() as conn:
        cursor = await conn.execute(
            "select private.claim_stripe_event(%s, %s, %s, %s) as claimed",
            (event.id, event.type, event.created, event.livemode),
        )
        row = await cursor.fetchone()
        if not (row and row["claimed"]):
            logger.info("Stripe event %s (%s) was already processed", event.id, event.type)
            return WebhookReceipt(event.id, event.type, duplicate=True, outcome="duplicate", client_id=None)

        handled = await _handle(EventContext(event=event, conn=conn, deps=deps))
        await conn.execute(
            "select private.finish_stripe_event(%s, %s, %s)", (event.id, handled.client_id, handled.outcome)
        )
    return WebhookReceipt(
        event.id, event.type, duplicate=False, outcome=handled.outcome, client_id=handled.client_id
    )


async def _handle(context: EventContext) -> HandledEvent:
    """Run the handler of the event's type; unknown types are acknowledged and logged."""
    event: StripeEvent = context.event
    handler = EVENT_HANDLERS.get(event.type)
    if handler is None:
        logger.info("Ignored Stripe event %s of unhandled type %s", event.id, event.type)
        return HandledEvent(None, "ignored")
    try:
        return await handler(context)
    except InvalidStripeObjectError as error:
        logger.error("Stripe event %s (%s) is malformed: %s", event.id, event.type, error)
        raise InvalidInputError(f"Stripe event {event.id} is malformed: {error}") from error
