"""POST /billing/checkout: one Stripe customer per client, and the session it creates."""

import asyncio
import secrets

import httpx

from tests.billing.conftest import RETURN_URL
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, link_customer, subscription_row
from tests.billing.stripe_payloads import PRICE_ENTERPRISE, PRICE_PRO
from tests.helpers.factories import Factory

CHECKOUT = "/api/v1/billing/checkout"


async def test_checkout_creates_customer_and_session(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()

    response = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 200
    url = response.json()["data"]["url"]
    assert url.startswith(f"{fake_stripe.url}/pay/cs_test_")
    customers = fake_stripe.calls_to("POST", "/v1/customers")
    assert len(customers) == 1
    assert customers[0].idempotency_key == f"omega-customer-{user.id}"
    assert customers[0].params["email"] == user.email
    assert customers[0].stripe_version == "2026-10-28.endive"
    row = subscription_row(admin, user.id)
    assert row is not None
    assert row["stripe_customer_id"] in fake_stripe.state.customers
    sessions = fake_stripe.calls_to("POST", "/v1/checkout/sessions")
    assert len(sessions) == 1
    params = sessions[0].params
    assert params["mode"] == "subscription"
    assert params["customer"] == row["stripe_customer_id"]
    assert params["client_reference_id"] == str(user.id)
    assert params["subscription_data[metadata][client_id]"] == str(user.id)
    assert params["line_items[0][price]"] == PRICE_PRO
    assert params["line_items[0][quantity]"] == "1"
    assert "subscription_data[trial_period_days]" not in params
    assert params["success_url"].startswith(RETURN_URL)
    assert params["cancel_url"].startswith(RETURN_URL)


async def test_checkout_reuses_stored_customer(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    customer_id = f"cus_{secrets.token_hex(6)}"
    link_customer(admin, user.id, customer_id)

    response = await billing_client.post(CHECKOUT, json={"plan": "enterprise"}, headers=user.headers)

    assert response.status_code == 200
    assert fake_stripe.calls_to("POST", "/v1/customers") == []
    session = fake_stripe.calls_to("POST", "/v1/checkout/sessions")[0]
    assert (session.params["customer"], session.params["line_items[0][price]"]) == (
        customer_id,
        PRICE_ENTERPRISE,
    )


async def test_concurrent_checkouts_store_one_customer(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()

    responses = await asyncio.gather(
        *(billing_client.post(CHECKOUT, json={"plan": "basic"}, headers=user.headers) for _ in range(3))
    )

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert len(fake_stripe.state.customers) == 1
    row = subscription_row(admin, user.id)
    assert row is not None
    assert row["stripe_customer_id"] == next(iter(fake_stripe.state.customers))
    sessions = fake_stripe.calls_to("POST", "/v1/checkout/sessions")
    assert {s.params["customer"] for s in sessions} == {row["stripe_customer_id"]}


async def test_canceled_client_may_subscribe_again_without_trial(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    link_customer(
        admin,
        user.id,
        f"cus_{secrets.token_hex(6)}",
        status="canceled",
        subscription_id=f"sub_{secrets.token_hex(6)}",
    )

    with_trial = await billing_client.post(
        CHECKOUT, json={"plan": "pro", "trial": True}, headers=user.headers
    )
    without_trial = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert with_trial.status_code == 409
    assert without_trial.status_code == 200


async def test_sign_up_trial_may_check_out(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    admin.execute("select private.start_trial(%s)", (user.id,))

    response = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 200
    row = subscription_row(admin, user.id)
    assert row is not None
    assert (row["status"], row["plan_id"]) == ("trialing", "basic")
    assert row["stripe_customer_id"] is not None
