"""Typed views of the Stripe objects the service reads, parsed from webhook payloads or API results.

Field locations follow the pinned API version (see gateway.STRIPE_API_VERSION):
the billing period lives on subscription items, and an invoice names its
subscription under `parent.subscription_details`.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

logger = logging.getLogger(__name__)

# A Stripe object as decoded JSON; its fields depend on the object type and
# API version, so only the fields read below are checked.
StripeData = dict[str, Any]


class InvalidStripeObjectError(ValueError):
    """A Stripe object lacks a field the service needs, or has one of the wrong type."""


@dataclass(frozen=True)
class SubscriptionState:
    """The access-relevant fields of a Stripe subscription: price, status and dates."""

    subscription_id: str
    customer_id: str
    status: str
    price_id: str | None
    trial_ends_at: datetime | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    metadata_client_id: uuid.UUID | None


@dataclass(frozen=True)
class InvoiceSummary:
    """The parts of an invoice that tell whether a subscription was paid."""

    invoice_id: str
    customer_id: str | None
    subscription_id: str | None
    metadata_client_id: uuid.UUID | None
    amount_paid: int
    amount_due: int
    next_payment_attempt: datetime | None


@dataclass(frozen=True)
class CheckoutSessionSummary:
    """A completed Checkout Session: who paid and which subscription it started."""

    session_id: str
    mode: str
    customer_id: str | None
    subscription_id: str | None
    client_reference_id: uuid.UUID | None
    metadata_client_id: uuid.UUID | None


def parse_subscription(data: StripeData) -> SubscriptionState:
    """Read a `subscription` object.

    Raises:
        InvalidStripeObjectError: id, customer or status is missing.
    """
    items = _list_data(data.get("items"))
    first_item = items[0] if items else {}
    price = first_item.get("price")
    current_period_end = to_datetime(first_item.get("current_period_end"))
    cancel_at = to_datetime(data.get("cancel_at"))
    # The Customer Portal may schedule the cancellation with `cancel_at` set to
    # the period end instead of setting the flag.
    cancel_at_period_end = bool(data.get("cancel_at_period_end")) or (
        cancel_at is not None and cancel_at == current_period_end
    )
    return SubscriptionState(
        subscription_id=_required_text(data, "id"),
        customer_id=_required_id(data, "customer"),
        status=_required_text(data, "status"),
        price_id=price.get("id") if isinstance(price, dict) else None,
        trial_ends_at=to_datetime(data.get("trial_end")),
        current_period_end=current_period_end,
        cancel_at_period_end=cancel_at_period_end,
        metadata_client_id=metadata_client_id(data.get("metadata")),
    )


def parse_invoice(data: StripeData) -> InvoiceSummary:
    """Read an `invoice` object.

    Raises:
        InvalidStripeObjectError: the id is missing.
    """
    parent = data.get("parent") if isinstance(data.get("parent"), dict) else {}
    details = parent.get("subscription_details") if isinstance(parent, dict) else None
    details = details if isinstance(details, dict) else {}
    return InvoiceSummary(
        invoice_id=_required_text(data, "id"),
        customer_id=expandable_id(data.get("customer")),
        subscription_id=expandable_id(details.get("subscription")),
        metadata_client_id=metadata_client_id(details.get("metadata")),
        amount_paid=_integer(data.get("amount_paid")),
        amount_due=_integer(data.get("amount_due")),
        next_payment_attempt=to_datetime(data.get("next_payment_attempt")),
    )


def parse_checkout_session(data: StripeData) -> CheckoutSessionSummary:
    """Read a `checkout.session` object.

    Raises:
        InvalidStripeObjectError: id or mode is missing.
    """
    return CheckoutSessionSummary(
        session_id=_required_text(data, "id"),
        mode=_required_text(data, "mode"),
        customer_id=expandable_id(data.get("customer")),
        subscription_id=expandable_id(data.get("subscription")),
        client_reference_id=parse_client_id(data.get("client_reference_id")),
        metadata_client_id=metadata_client_id(data.get("metadata")),
    )


def expandable_id(value: object) -> str | None:
    """Return the id of a field that is either an id or an expanded object."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


def metadata_client_id(metadata: object) -> uuid.UUID | None:
    """Return the `client_id` written into metadata at checkout, if it is a UUID."""
    if not isinstance(metadata, dict):
        return None
    return parse_client_id(metadata.get("client_id"))


def parse_client_id(value: object) -> uuid.UUID | None:
    """Return `value` as a UUID, or None when it is missing or not a UUID."""
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        logger.warning("Ignored a client id that is not a UUID in a Stripe object")
        return None


def to_datetime(value: object) -> datetime | None:
    """Convert Stripe's Unix seconds to an aware UTC datetime."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return datetime.fromtimestamp(value, UTC)


def _list_data(value: object) -> list[StripeData]:
    """Return the `data` array of a Stripe list object, keeping only objects."""
    if not isinstance(value, dict) or not isinstance(value.get("data"), list):
        return []
    return [item for item in value["data"] if isinstance(item, dict)]


def _required_text(data: StripeData, field: str) -> str:
    """Return a non-empty string field."""
    value = data.get(field)
    if not isinstance(value, str) or not value:
        raise InvalidStripeObjectError(f"Stripe object has no {field!r} string")
    return value


def _required_id(data: StripeData, field: str) -> str:
    """Return the id of a required expandable field."""
    value = expandable_id(data.get(field))
    if value is None:
        raise InvalidStripeObjectError(f"Stripe object has no {field!r} id")
    return value


def _integer(value: object) -> int:
    """Return an integer amount, 0 when missing."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
