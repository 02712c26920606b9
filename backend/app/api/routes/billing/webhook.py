"""POST /billing/webhook."""

import logging
from typing import Annotated

from fastapi import APIRouter, Header, Request

from app.api.envelope import ApiResponse
from app.api.routes.billing.dependencies import BillingDeps
from app.api.routes.billing.models import WebhookAcknowledgement
from app.services.billing.webhooks import process_webhook

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/webhook", response_model=ApiResponse[WebhookAcknowledgement])
async def stripe_webhook(
    request: Request,
    billing: BillingDeps,
    stripe_signature: Annotated[str | None, Header(alias="Stripe-Signature")] = None,
) -> ApiResponse[WebhookAcknowledgement]:
    """
    Receive a Stripe event; the signature is checked on the raw body.

    Args:
        stripe_signature: the `Stripe-Signature` header (`t=<unix time>,v1=<HMAC-SHA256>`).

    Returns:
        ApiResponse[WebhookAcknowledgement]; 200 also for duplicates and unhandled event types.

    Raises:
        HTTPException 400: missing or wrong signature, timestamp more than 300 s
            away, or a body that is not a Stripe event; nothing is written.
        HTTPException 502: reading the subscription from Stripe failed; Stripe retries.
        HTTPException 503: billing is not configured, or the event cannot be
            linked to a client yet; Stripe retries.
        HTTPException 500: the handler failed; the event is not recorded and Stripe retries.
    """
    payload = await request.body()
    receipt = await process_webhook(billing, payload, stripe_signature)
    logger.info("Stripe event %s (%s): %s", receipt.event_id, receipt.event_type, receipt.outcome)
    return ApiResponse(
        data=WebhookAcknowledgement(
            event_id=receipt.event_id,
            event_type=receipt.event_type,
            duplicate=receipt.duplicate,
            outcome=receipt.outcome,
        ),
        message="Event already processed" if receipt.duplicate else "Event processed",
    )
