"""Stripe objects and events shaped as API version 2026-10-28.endive sends them, and Stripe's signature."""

import hashlib
import hmac
import json
import secrets
import time

PRICE_BASIC = "price_test_basic"
PRICE_PRO = "price_test_pro"
PRICE_ENTERPRISE = "price_test_enterprise"
WEBHOOK_SECRET = "whsec_test_8d2f0c7a5e1b4d9f"
DAY = 86_400


def subscription(
    subscription_id: str,
    customer_id: str,
    status: str = "active",
    price_id: str = PRICE_BASIC,
    *,
    period_end: int | None = None,
    trial_end: int | None = None,
    cancel_at_period_end: bool = False,
    metadata: dict[str, str] | None = None,
) -> dict[str, object]:
    """A subscription with one item; the billing period is on the item, as in this API version."""
    period_end = period_end if period_end is not None else int(time.time()) + 30 * DAY
    return {
        "id": subscription_id,
        "object": "subscription",
        "customer": customer_id,
        "status": status,
        "cancel_at_period_end": cancel_at_period_end,
        "cancel_at": period_end if cancel_at_period_end else None,
        "trial_end": trial_end,
        "metadata": metadata if metadata is not None else {},
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{secrets.token_hex(6)}",
                    "object": "subscription_item",
                    "price": {"id": price_id, "object": "price"},
                    "quantity": 1,
                    "current_period_start": period_end - 30 * DAY,
                    "current_period_end": period_end,
                }
            ],
        },
    }


def invoice(
    customer_id: str,
    subscription_id: str | None,
    *,
    amount_paid: int,
    amount_due: int,
    billing_reason: str = "subscription_cycle",
    metadata: dict[str, str] | None = None,
    next_payment_attempt: int | None = None,
) -> dict[str, object]:
    """An invoice; its subscription is under parent.subscription_details, as in this API version."""
    parent = None
    if subscription_id is not None:
        parent = {
            "type": "subscription_details",
            "subscription_details": {"subscription": subscription_id, "metadata": metadata or {}},
        }
    return {
        "id": f"in_{secrets.token_hex(8)}",
        "object": "invoice",
        "customer": customer_id,
        "amount_paid": amount_paid,
        "amount_due": amount_due,
        "billing_reason": billing_reason,
        "next_payment_attempt": next_payment_attempt,
        "parent": parent,
    }


def checkout_session(
    customer_id: str | None,
    subscription_id: str | None,
    client_reference_id: str | None,
    mode: str = "subscription",
) -> dict[str, object]:
    """A completed Checkout Session."""
    return {
        "id": f"cs_test_{secrets.token_hex(8)}",
        "object": "checkout.session",
        "mode": mode,
        "status": "complete",
        "customer": customer_id,
        "subscription": subscription_id,
        "client_reference_id": client_reference_id,
        "metadata": {},
    }


def event(
    event_type: str, data_object: dict[str, object], created: int, event_id: str | None = None
) -> bytes:
    """A serialized event, the exact bytes that get signed and posted."""
    body = {
        "id": event_id or f"evt_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "type": event_type,
        "created": created,
        "livemode": False,
        "data": {"object": data_object},
    }
    return json.dumps(body).encode()


def signature_header(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """`Stripe-Signature` as Stripe computes it: HMAC-SHA256 of `<timestamp>.<raw body>` with the secret."""
    signed_at = int(time.time()) if timestamp is None else timestamp
    signed_payload = f"{signed_at}.".encode() + payload
    digest = hmac.new(secret.encode(), signed_payload, hashlib.sha256).hexdigest()
    return f"t={signed_at},v1={digest}"
