"""Each handled event type, asserted on the rows it leaves."""

import secrets
import time

import pytest

from tests.billing.conftest import LinkedClient, WebhookSender
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, link_customer, notices, stored_event, subscription_row
from tests.billing.stripe_payloads import (
    DAY,
    PRICE_BASIC,
    PRICE_ENTERPRISE,
    PRICE_PRO,
    checkout_session,
    invoice,
    subscription,
)
from tests.helpers.factories import Factory

UPDATED = "customer.subscription.updated"


async def test_unlinked_customer_answers_503_until_linked(
    webhooks: WebhookSender, admin: Admin, factory: Factory
) -> None:
    user = factory.user()
    customer_id, sub_id = f"cus_{secrets.token_hex(6)}", f"sub_{secrets.token_hex(6)}"
    event_id = f"evt_{secrets.token_hex(10)}"
    payload = subscription(sub_id, customer_id, "active", PRICE_PRO)

    unlinked = await webhooks.send(UPDATED, payload, int(time.time()) - 60, event_id)
    assert unlinked.status_code == 503
    assert stored_event(admin, event_id) is None
    assert subscription_row(admin, user.id) is None

    link_customer(admin, user.id, customer_id)
    retried = await webhooks.send(UPDATED, payload, int(time.time()) - 60, event_id)
    assert retried.status_code == 200
    row = subscription_row(admin, user.id)
    assert row is not None
    assert (row["plan_id"], row["status"], row["stripe_subscription_id"]) == ("pro", "active", sub_id)


async def test_metadata_client_id_links_new_subscription(
    webhooks: WebhookSender, admin: Admin, factory: Factory
) -> None:
    user = factory.user()
    customer_id, sub_id = f"cus_{secrets.token_hex(6)}", f"sub_{secrets.token_hex(6)}"
    trial_end = int(time.time()) + 7 * DAY
    payload = subscription(
        sub_id,
        customer_id,
        "trialing",
        PRICE_BASIC,
        trial_end=trial_end,
        metadata={"client_id": str(user.id)},
    )

    response = await webhooks.send("customer.subscription.created", payload)

    assert response.status_code == 200
    row = subscription_row(admin, user.id)
    assert row is not None
    assert (row["status"], row["stripe_customer_id"]) == ("trialing", customer_id)
    assert int(row["trial_ends_at"].timestamp()) == trial_end


async def test_dashboard_subscription_without_metadata_changes_nobody(
    webhooks: WebhookSender, admin: Admin
) -> None:
    plans_before = admin.execute("select client_id, plan_id, status from public.subscriptions").fetchall()
    payload = subscription(f"sub_{secrets.token_hex(6)}", f"cus_{secrets.token_hex(6)}", "active", PRICE_PRO)

    response = await webhooks.send("customer.subscription.created", payload)

    assert response.status_code == 503
    assert (
        admin.execute("select client_id, plan_id, status from public.subscriptions").fetchall()
        == plans_before
    )


async def test_second_subscription_of_customer_ignored(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    customer = linked_client.customer_id
    await webhooks.send(
        UPDATED, subscription(linked_client.subscription_id, customer, "active"), int(time.time()) - 60
    )

    other = await webhooks.send(
        UPDATED, subscription(f"sub_{secrets.token_hex(6)}", customer, "active", PRICE_ENTERPRISE)
    )

    assert other.status_code == 200
    assert other.json()["data"]["outcome"] == "other_subscription"
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["plan_id"], row["stripe_subscription_id"]) == ("basic", linked_client.subscription_id)


async def test_unknown_price_changes_nothing(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    before = subscription_row(admin, linked_client.user.id)
    payload = subscription(
        linked_client.subscription_id, linked_client.customer_id, "active", "price_other_product"
    )

    response = await webhooks.send(UPDATED, payload)

    assert response.json()["data"]["outcome"] == "unknown_price"
    assert subscription_row(admin, linked_client.user.id) == before


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


async def test_checkout_completed_links_and_reads_subscription(
    webhooks: WebhookSender, admin: Admin, factory: Factory, fake_stripe: FakeStripe
) -> None:
    user = factory.user()
    customer_id, sub_id = f"cus_{secrets.token_hex(6)}", f"sub_{secrets.token_hex(6)}"
    fake_stripe.put_subscription(subscription(sub_id, customer_id, "active", PRICE_PRO))

    response = await webhooks.send(
        "checkout.session.completed", checkout_session(customer_id, sub_id, str(user.id))
    )

    assert response.json()["data"]["outcome"] == "refreshed"
    row = subscription_row(admin, user.id)
    assert row is not None
    assert (row["stripe_customer_id"], row["stripe_subscription_id"]) == (customer_id, sub_id)
    assert (row["plan_id"], row["status"]) == ("pro", "active")


async def test_checkout_completed_unknown_reference_answers_503(webhooks: WebhookSender) -> None:
    session = checkout_session(f"cus_{secrets.token_hex(6)}", "sub_x", "00000000-0000-4000-a000-00000000dead")

    response = await webhooks.send("checkout.session.completed", session)

    assert response.status_code == 503


async def test_customer_deleted_cancels_and_unlinks(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient
) -> None:
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    await webhooks.send(UPDATED, subscription(sub_id, customer, "active"), int(time.time()) - 60)

    response = await webhooks.send(
        "customer.deleted", {"id": customer, "object": "customer", "deleted": True}
    )

    assert response.json()["data"]["outcome"] == "applied"
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["stripe_customer_id"], row["status"]) == (None, "canceled")


async def test_stored_customer_outranks_metadata(
    webhooks: WebhookSender, admin: Admin, linked_client: LinkedClient, factory: Factory
) -> None:
    other = factory.user()
    other_customer = f"cus_{secrets.token_hex(6)}"
    link_customer(admin, other.id, other_customer)
    before = subscription_row(admin, linked_client.user.id)
    payload = subscription(
        f"sub_{secrets.token_hex(6)}",
        other_customer,
        "active",
        metadata={"client_id": str(linked_client.user.id)},
    )

    response = await webhooks.send(UPDATED, payload)

    assert response.json()["data"]["outcome"] == "applied"
    row = subscription_row(admin, other.id)
    assert row is not None
    assert (row["stripe_customer_id"], row["status"]) == (other_customer, "active")
    assert subscription_row(admin, linked_client.user.id) == before


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
