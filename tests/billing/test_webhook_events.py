"""Linking events to clients: stored ids, metadata, client references, and events that link no one."""

import secrets
import time

from tests.billing.conftest import LinkedClient, WebhookSender
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, link_customer, stored_event, subscription_row
from tests.billing.stripe_payloads import (
    DAY,
    PRICE_BASIC,
    PRICE_ENTERPRISE,
    PRICE_PRO,
    checkout_session,
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
