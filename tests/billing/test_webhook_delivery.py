"""Duplicates, concurrency, order and same-second ties of webhook deliveries."""

import asyncio
import secrets
import time

from tests.billing.conftest import LinkedClient, WebhookSender
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, stored_event, subscription_row
from tests.billing.stripe_payloads import PRICE_BASIC, PRICE_PRO, event, signature_header, subscription

UPDATED = "customer.subscription.updated"
DELETED = "customer.subscription.deleted"


def _event_count(admin: Admin, event_id: str) -> int:
    row = admin.execute(
        "select count(*) as n from private.stripe_events where id = %s", (event_id,)
    ).fetchone()
    assert row is not None
    return int(row["n"])


async def test_duplicate_delivery_applies_once(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    base = int(time.time()) - 100
    event_id = f"evt_{secrets.token_hex(10)}"
    pro = subscription(linked_client.subscription_id, linked_client.customer_id, "active", PRICE_PRO)

    first = await webhooks.send(UPDATED, pro, created=base, event_id=event_id)
    row_after_first = subscription_row(admin, linked_client.user.id)
    second = await webhooks.send(UPDATED, pro, created=base, event_id=event_id)

    assert first.status_code == 200
    assert first.json()["data"]["duplicate"] is False
    assert first.json()["data"]["outcome"] == "applied"
    assert second.status_code == 200
    assert second.json()["data"]["duplicate"] is True
    assert _event_count(admin, event_id) == 1
    assert subscription_row(admin, linked_client.user.id) == row_after_first


async def test_concurrent_duplicates_apply_once(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    event_id = f"evt_{secrets.token_hex(10)}"
    payload = event(
        UPDATED,
        subscription(linked_client.subscription_id, linked_client.customer_id, "active", PRICE_PRO),
        int(time.time()) - 50,
        event_id,
    )
    header = signature_header(payload)

    responses = await asyncio.gather(*(webhooks.post(payload, header) for _ in range(4)))

    assert [r.status_code for r in responses] == [200, 200, 200, 200]
    duplicates = sorted(r.json()["data"]["duplicate"] for r in responses)
    assert duplicates == [False, True, True, True]
    assert _event_count(admin, event_id) == 1
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert row["plan_id"] == "pro"


async def test_update_older_than_delete_leaves_canceled(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    base = int(time.time()) - 200
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id

    deleted = await webhooks.send(DELETED, subscription(sub_id, customer, "canceled"), created=base + 10)
    late_update = await webhooks.send(UPDATED, subscription(sub_id, customer, "active"), created=base)

    assert deleted.json()["data"]["outcome"] == "applied"
    assert late_update.status_code == 200
    assert late_update.json()["data"]["outcome"] == "stale"
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert row["status"] == "canceled"
    assert int(row["last_stripe_event_at"].timestamp()) == base + 10


async def test_newer_event_replaces_older_state(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    base = int(time.time()) - 200
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id

    await webhooks.send(UPDATED, subscription(sub_id, customer, "past_due"), created=base)
    await webhooks.send(UPDATED, subscription(sub_id, customer, "active", PRICE_PRO), created=base + 1)

    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["status"], row["plan_id"]) == ("active", "pro")


async def test_same_second_tie_uses_stripe_state(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient, fake_stripe: FakeStripe
) -> None:
    created = int(time.time()) - 30
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    # Stripe's current state is past_due on basic, whatever order the two events arrive in.
    fake_stripe.put_subscription(subscription(sub_id, customer, "past_due", PRICE_BASIC))

    first = await webhooks.send(
        UPDATED, subscription(sub_id, customer, "past_due", PRICE_BASIC), created=created
    )
    second = await webhooks.send(
        UPDATED, subscription(sub_id, customer, "active", PRICE_PRO), created=created
    )

    assert first.json()["data"]["outcome"] == "applied"
    assert second.json()["data"]["outcome"] == "refreshed"
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["status"], row["plan_id"]) == ("past_due", "basic")
    retrievals = fake_stripe.calls_to("GET", f"/v1/subscriptions/{sub_id}")
    assert len(retrievals) == 1
    assert retrievals[0].stripe_version == "2026-10-28.endive"


async def test_tie_read_failure_keeps_event_unprocessed(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient, fake_stripe: FakeStripe
) -> None:
    created = int(time.time()) - 30
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    fake_stripe.put_subscription(subscription(sub_id, customer, "active", PRICE_PRO))
    await webhooks.send(UPDATED, subscription(sub_id, customer, "past_due"), created=created)
    fake_stripe.fail_next(f"/v1/subscriptions/{sub_id}", status=500, times=3)
    event_id = f"evt_{secrets.token_hex(10)}"

    failed = await webhooks.send(
        UPDATED, subscription(sub_id, customer, "active", PRICE_PRO), created, event_id
    )
    row_after_failure = subscription_row(admin, linked_client.user.id)
    retried = await webhooks.send(
        UPDATED, subscription(sub_id, customer, "active", PRICE_PRO), created, event_id
    )

    assert failed.status_code == 502
    assert row_after_failure is not None
    assert row_after_failure["status"] == "past_due"
    assert retried.status_code == 200
    assert retried.json()["data"]["outcome"] == "refreshed"
    stored = stored_event(admin, event_id)
    assert stored is not None
    assert stored["outcome"] == "refreshed"
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["status"], row["plan_id"]) == ("active", "pro")


async def test_unknown_event_type_acknowledged(webhooks: WebhookSender, admin: Admin, caplog: object) -> None:
    event_id = f"evt_{secrets.token_hex(10)}"

    response = await webhooks.send(
        "payment_intent.created", {"id": "pi_123", "object": "payment_intent"}, None, event_id
    )

    assert response.status_code == 200
    assert response.json()["data"]["outcome"] == "ignored"
    stored = stored_event(admin, event_id)
    assert stored is not None
    assert stored["client_id"] is None


async def test_concurrent_events_newest_wins(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    base = int(time.time()) - 300
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    sends = [
        webhooks.send(UPDATED, subscription(sub_id, customer, "active", PRICE_PRO), base + offset)
        for offset in range(8)
    ]
    sends.append(webhooks.send(DELETED, subscription(sub_id, customer, "canceled", PRICE_BASIC), base + 8))

    responses = await asyncio.gather(*reversed(sends))

    assert {r.status_code for r in responses} == {200}
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["status"], row["plan_id"]) == ("canceled", "basic")
    assert int(row["last_stripe_event_at"].timestamp()) == base + 8
