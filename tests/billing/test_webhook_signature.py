"""The webhook accepts only bodies signed with the endpoint secret within 300 seconds."""

import logging
import secrets
import time

import pytest

from tests.billing.conftest import LinkedClient, WebhookSender
from tests.billing.rows import Admin, stored_event, subscription_row
from tests.billing.stripe_payloads import PRICE_PRO, WEBHOOK_SECRET, event, signature_header, subscription


def _pro_update(customer_id: str, event_id: str) -> bytes:
    """An update that would move the client to pro if it were accepted."""
    return event(
        "customer.subscription.updated",
        subscription(f"sub_{secrets.token_hex(6)}", customer_id, "active", PRICE_PRO),
        int(time.time()),
        event_id,
    )


def _header_cases(payload: bytes) -> dict[str, str | None]:
    """Signature headers that must all be rejected for `payload`."""
    now = int(time.time())
    return {
        "missing": None,
        "empty": "",
        "garbage": "not-a-signature",
        "wrong secret": signature_header(payload, secret="whsec_someone_else"),
        "old timestamp": signature_header(payload, timestamp=now - 301),
        "future timestamp": signature_header(payload, timestamp=now + 301),
        "no v1 scheme": signature_header(payload).replace("v1=", "v0="),
        "body altered by one space": signature_header(payload.replace(b'"type":', b'"type": ', 1)),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "empty",
        "garbage",
        "wrong secret",
        "old timestamp",
        "future timestamp",
        "no v1 scheme",
        "body altered by one space",
    ],
)
async def test_bad_signature_rejected(
    case: str,
    webhooks: WebhookSender,
    admin: Admin,
    linked_client: LinkedClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    user, customer_id = linked_client.user, linked_client.customer_id
    event_id = f"evt_{secrets.token_hex(10)}"
    payload = _pro_update(customer_id, event_id)
    before = subscription_row(admin, user.id)

    with caplog.at_level(logging.WARNING):
        response = await webhooks.post(payload, _header_cases(payload)[case])

    assert response.status_code == 400
    assert response.json()["success"] is False
    assert stored_event(admin, event_id) is None
    assert subscription_row(admin, user.id) == before
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("Rejected Stripe webhook" in message for message in warnings)
    assert all(WEBHOOK_SECRET not in record.getMessage() for record in caplog.records)
    assert WEBHOOK_SECRET not in response.text


async def test_signature_within_tolerance_accepted(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    user, customer_id = linked_client.user, linked_client.customer_id
    event_id = f"evt_{secrets.token_hex(10)}"
    payload = _pro_update(customer_id, event_id)

    response = await webhooks.post(payload, signature_header(payload, timestamp=int(time.time()) - 290))

    assert response.status_code == 200
    assert stored_event(admin, event_id) is not None
    row = subscription_row(admin, user.id)
    assert row is not None
    assert row["plan_id"] == "pro"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"object": "event"}',
        b'{"object": "event", "id": "evt_1", "type": "x", "created": 1}',
    ],
)
async def test_signed_malformed_event_rejected(body: bytes, webhooks: WebhookSender) -> None:
    response = await webhooks.post(body, signature_header(body))

    assert response.status_code == 400


async def test_signed_subscription_without_customer_rejected(webhooks: WebhookSender, admin: Admin) -> None:
    broken = subscription("sub_broken", "cus_unused")
    broken.pop("customer")
    event_id = f"evt_{secrets.token_hex(10)}"

    response = await webhooks.send("customer.subscription.updated", broken, event_id=event_id)

    assert response.status_code == 400
    assert stored_event(admin, event_id) is None
