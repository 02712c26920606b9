"""Verification of Stripe's webhook signature, and the event envelope it protects."""

import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import stripe

from app.infrastructure.stripe.objects import StripeData

logger = logging.getLogger(__name__)

# Maximum age, and maximum lead over this server's clock, of the signed
# timestamp; 300 seconds is the Stripe libraries' default tolerance.
WEBHOOK_TOLERANCE_SECONDS = 300


class InvalidWebhookError(ValueError):
    """The signature is missing or wrong, the timestamp is out of tolerance, or the body is no event."""


@dataclass(frozen=True)
class StripeEvent:
    """A verified Stripe event."""

    id: str
    type: str
    created: datetime
    livemode: bool
    data_object: StripeData


def verify_event(payload: bytes, signature_header: str | None, secret: str) -> StripeEvent:
    """Check the `Stripe-Signature` header against the raw body and parse the event.

    Raises:
        InvalidWebhookError: with a reason that never contains the secret.
    """
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature_header, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as error:
        raise InvalidWebhookError(f"Stripe signature check failed: {error.user_message or error}") from error
    except UnicodeDecodeError as error:
        raise InvalidWebhookError("Webhook body is not UTF-8") from error

    # The SDK accepts timestamps from the future; a signature made more than
    # the tolerance ahead of this clock is rejected too.
    if _signed_timestamp(signature_header or "") > time.time() + WEBHOOK_TOLERANCE_SECONDS:
        raise InvalidWebhookError("Stripe signature timestamp is in the future beyond the tolerance")
    return parse_event(payload)


def parse_event(payload: bytes) -> StripeEvent:
    """Parse a Stripe event envelope.

    Raises:
        InvalidWebhookError: the body is not a JSON event with id, type, created and data.object.
    """
    try:
        body = json.loads(payload)
    except ValueError as error:
        raise InvalidWebhookError("Webhook body is not valid JSON") from error

    if not isinstance(body, dict) or body.get("object") != "event":
        raise InvalidWebhookError("Webhook body is not a Stripe event")
    event_id, event_type, created = body.get("id"), body.get("type"), body.get("created")
    data = body.get("data")
    data_object = data.get("object") if isinstance(data, dict) else None
    if not isinstance(event_id, str) or not event_id.startswith("evt_"):
        raise InvalidWebhookError("Stripe event has no valid id")
    if not isinstance(event_type, str) or not event_type:
        raise InvalidWebhookError(f"Stripe event {event_id} has no type")
    if isinstance(created, bool) or not isinstance(created, int):
        raise InvalidWebhookError(f"Stripe event {event_id} has no created time")
    if not isinstance(data_object, dict):
        raise InvalidWebhookError(f"Stripe event {event_id} has no data.object")

    return StripeEvent(
        id=event_id,
        type=event_type,
        created=datetime.fromtimestamp(created, UTC),
        livemode=bool(body.get("livemode")),
        data_object=data_object,
    )


def _signed_timestamp(signature_header: str) -> int:
    """Return the `t=` value of a header that already passed verification."""
    for part in signature_header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            return int(value)
    return 0
