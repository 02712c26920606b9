"""Plan changes, trials, failed and recovered payments, cancellation and handler errors, asserted on rows."""

import secrets
import time

import pytest

from tests.billing.conftest import LinkedClient, WebhookSender
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, notices, stored_event, subscription_row
from tests.billing.stripe_payloads import DAY, PRICE_BASIC, PRICE_ENTERPRISE, PRICE_PRO, invoice, subscription

UPDATED = "customer.subscription.updated"


@pytest.mark.parametrize(
    ("price", "plan"), [(PRICE_PRO, "pro"), (PRICE_ENTERPRISE, "enterprise"), (PRICE_BASIC, "basic")]
)
async def test_plan_follows_price(
    price: str, plan: str, webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    start = "basic" if plan != "basic" else "enterprise"
    start_price = PRICE_BASIC if start == "basic" else PRICE_ENTERPRISE
    await webhooks.send(UPDATED, subscription(sub_id, customer, "active", start_price), int(time.time()) - 60)

    await webhooks.send(UPDATED, subscription(sub_id, customer, "active", price), int(time.time()) - 30)

    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["plan_id"], row["stripe_price_id"]) == (plan, price)


async def test_trial_zero_invoice_keeps_trialing(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient, fake_stripe: FakeStripe
) -> None:
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    trial_end = int(time.time()) + 7 * DAY
    await webhooks.send(
        "customer.subscription.created",
        subscription(sub_id, customer, "trialing", trial_end=trial_end, period_end=trial_end),
        int(time.time()) - 60,
    )
    # Even if Stripe claimed otherwise, a $0 invoice must not be read as a payment.
    fake_stripe.put_subscription(subscription(sub_id, customer, "active"))

    response = await webhooks.send(
        "invoice.paid",
        invoice(customer, sub_id, amount_paid=0, amount_due=0, billing_reason="subscription_create"),
    )

    assert response.json()["data"]["outcome"] == "no_change"
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert row["status"] == "trialing"
    assert fake_stripe.calls_to("GET", "/v1/subscriptions") == []


async def test_past_due_keeps_access_and_recovers(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient, fake_stripe: FakeStripe
) -> None:
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    base = int(time.time()) - 120
    await webhooks.send(UPDATED, subscription(sub_id, customer, "active"), base)

    failed = await webhooks.send(
        "invoice.payment_failed",
        invoice(customer, sub_id, amount_paid=0, amount_due=2900, next_payment_attempt=base + 3 * DAY),
        base + 1,
    )
    await webhooks.send(UPDATED, subscription(sub_id, customer, "past_due"), base + 1)
    entitlement = admin.execute(
        "select * from private.client_entitlement(%s)", (linked_client.user.id,)
    ).fetchone()

    assert failed.json()["data"]["outcome"] == "recorded"
    recorded = notices(admin, linked_client.user.id)
    assert [(n["kind"], n["amount_due"]) for n in recorded] == [("payment_failed", 2900)]
    assert entitlement is not None
    assert (entitlement["status"], entitlement["allows_work"]) == ("past_due", True)

    fake_stripe.put_subscription(subscription(sub_id, customer, "active"))
    paid = await webhooks.send(
        "invoice.paid", invoice(customer, sub_id, amount_paid=2900, amount_due=2900), base + 2
    )

    assert paid.json()["data"]["outcome"] == "refreshed"
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert row["status"] == "active"


async def test_cancel_at_period_end_then_deleted(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    period_end = int(time.time()) + 20 * DAY
    base = int(time.time()) - 120
    await webhooks.send(UPDATED, subscription(sub_id, customer, "active", period_end=period_end), base)

    await webhooks.send(
        UPDATED,
        subscription(sub_id, customer, "active", period_end=period_end, cancel_at_period_end=True),
        base + 1,
    )
    scheduled = admin.execute(
        "select * from private.client_entitlement(%s)", (linked_client.user.id,)
    ).fetchone()
    await webhooks.send("customer.subscription.deleted", subscription(sub_id, customer, "canceled"), base + 2)
    ended = admin.execute("select * from private.client_entitlement(%s)", (linked_client.user.id,)).fetchone()

    assert scheduled is not None
    assert (scheduled["status"], scheduled["cancel_at_period_end"], scheduled["allows_work"]) == (
        "active",
        True,
        True,
    )
    assert int(scheduled["current_period_end"].timestamp()) == period_end
    assert ended is not None
    assert (ended["status"], ended["allows_work"]) == ("canceled", False)


async def test_trial_will_end_recorded(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    trial_end = int(time.time()) + 3 * DAY
    payload = subscription(
        linked_client.subscription_id, linked_client.customer_id, "trialing", trial_end=trial_end
    )

    response = await webhooks.send("customer.subscription.trial_will_end", payload)

    assert response.status_code == 200
    recorded = notices(admin, linked_client.user.id)
    assert [n["kind"] for n in recorded] == ["trial_will_end"]
    assert int(recorded[0]["occurs_at"].timestamp()) == trial_end


async def test_handler_error_answers_500_and_records_nothing(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    before = subscription_row(admin, linked_client.user.id)
    event_id = f"evt_{secrets.token_hex(10)}"
    # A status the subscriptions table does not allow makes the database write fail.
    payload = subscription(linked_client.subscription_id, linked_client.customer_id, "not_a_status")

    response = await webhooks.send(UPDATED, payload, event_id=event_id)

    assert response.status_code == 500
    assert "not_a_status" not in response.text
    assert stored_event(admin, event_id) is None
    assert subscription_row(admin, linked_client.user.id) == before
