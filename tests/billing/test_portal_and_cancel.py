"""POST /billing/portal and POST /billing/cancel."""

import secrets
import time

import httpx
import pytest

from tests.billing.conftest import RETURN_URL, LinkedClient, WebhookSender
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, link_customer, subscription_row
from tests.billing.stripe_payloads import subscription
from tests.helpers.factories import Factory

PORTAL = "/api/v1/billing/portal"
CANCEL = "/api/v1/billing/cancel"


async def test_portal_without_customer_is_404(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory
) -> None:
    user = factory.user()

    response = await billing_client.post(PORTAL, headers=user.headers)

    assert response.status_code == 404
    assert fake_stripe.state.calls == []


async def test_portal_opens_for_stored_customer(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, linked_client: LinkedClient
) -> None:
    response = await billing_client.post(PORTAL, headers=linked_client.user.headers)

    assert response.status_code == 200
    assert response.json()["data"]["url"].startswith(f"{fake_stripe.url}/portal/bps_")
    call = fake_stripe.calls_to("POST", "/v1/billing_portal/sessions")[0]
    assert (call.params["customer"], call.params["return_url"]) == (linked_client.customer_id, RETURN_URL)


async def test_portal_requires_token(billing_client: httpx.AsyncClient) -> None:
    response = await billing_client.post(PORTAL)

    assert response.status_code == 401


async def test_cancel_asks_stripe_and_webhook_records_it(
    billing_client: httpx.AsyncClient,
    fake_stripe: FakeStripe,
    webhooks: WebhookSender,
    admin: Admin,
    linked_client: LinkedClient,
) -> None:
    sub_id, customer = linked_client.subscription_id, linked_client.customer_id
    active = subscription(sub_id, customer, "active")
    fake_stripe.put_subscription(active)
    await webhooks.send("customer.subscription.updated", active, int(time.time()) - 60)

    response = await billing_client.post(CANCEL, headers=linked_client.user.headers)
    row_before_webhook = subscription_row(admin, linked_client.user.id)

    assert response.status_code == 200
    assert response.json()["data"]["cancel_at_period_end"] is True
    update = fake_stripe.calls_to("POST", f"/v1/subscriptions/{sub_id}")[0]
    assert update.params == {"cancel_at_period_end": "true"}
    assert row_before_webhook is not None
    assert row_before_webhook["cancel_at_period_end"] is False

    await webhooks.send("customer.subscription.updated", fake_stripe.state.subscriptions[sub_id])
    row = subscription_row(admin, linked_client.user.id)
    assert row is not None
    assert (row["status"], row["cancel_at_period_end"]) == ("active", True)


@pytest.mark.parametrize("status", ["canceled", "incomplete_expired"])
async def test_cancel_without_live_subscription_is_404(
    status: str, billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    link_customer(
        admin,
        user.id,
        f"cus_{secrets.token_hex(6)}",
        status=status,
        subscription_id=f"sub_{secrets.token_hex(6)}",
    )

    response = await billing_client.post(CANCEL, headers=user.headers)

    assert response.status_code == 404
    assert fake_stripe.state.calls == []


async def test_cancel_of_sign_up_trial_is_404(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    admin.execute("select private.start_trial(%s)", (user.id,))

    response = await billing_client.post(CANCEL, headers=user.headers)

    assert response.status_code == 404
    assert fake_stripe.state.calls == []


async def test_cancel_of_subscription_missing_in_stripe_is_404(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    link_customer(
        admin,
        user.id,
        f"cus_{secrets.token_hex(6)}",
        status="active",
        subscription_id=f"sub_{secrets.token_hex(6)}",
    )

    response = await billing_client.post(CANCEL, headers=user.headers)

    assert response.status_code == 404
    row = subscription_row(admin, user.id)
    assert row is not None
    assert row["cancel_at_period_end"] is False
