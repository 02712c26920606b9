"""POST /billing/checkout guard cases: bad input, live subscriptions, tokens and Stripe failures."""

import secrets

import httpx
import pytest

from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, link_customer, subscription_row
from tests.helpers.factories import Factory

CHECKOUT = "/api/v1/billing/checkout"


@pytest.mark.parametrize("plan", ["gold", "BASIC", "free", " basic"])
async def test_unknown_plan_rejected(
    plan: str, billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()

    response = await billing_client.post(CHECKOUT, json={"plan": plan}, headers=user.headers)

    assert response.status_code == 400
    assert "Unknown plan" in response.json()["detail"]
    assert fake_stripe.state.calls == []
    assert subscription_row(admin, user.id) is None


@pytest.mark.parametrize("body", [{}, {"plan": ""}, {"plan": 3}, {"plan": "pro", "trial": "maybe"}])
async def test_invalid_checkout_body_rejected(
    body: dict[str, object], billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory
) -> None:
    user = factory.user()

    response = await billing_client.post(CHECKOUT, json=body, headers=user.headers)

    assert response.status_code == 422
    assert fake_stripe.state.calls == []


@pytest.mark.parametrize("status", ["active", "trialing", "past_due"])
async def test_live_subscription_conflicts(
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

    response = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 409
    assert "portal" in response.json()["detail"]
    assert fake_stripe.state.calls == []


async def test_checkout_requires_token(billing_client: httpx.AsyncClient, fake_stripe: FakeStripe) -> None:
    response = await billing_client.post(CHECKOUT, json={"plan": "pro"})

    assert response.status_code == 401
    assert fake_stripe.state.calls == []


async def test_revoked_session_rejected(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    admin.execute("update private.sessions set revoked_at = now() where id = %s", (user.session_id,))

    response = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 401
    assert fake_stripe.state.calls == []


async def test_stripe_failure_answers_502_and_stores_nothing(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    fake_stripe.fail_next("/v1/customers", status=500, times=3)

    response = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 502
    assert "sk_test" not in response.text
    assert subscription_row(admin, user.id) is None
    assert fake_stripe.calls_to("POST", "/v1/checkout/sessions") == []


async def test_suspended_agency_client_rejected(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user(reseller_id=factory.reseller(status="suspended"))

    response = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 403
    assert fake_stripe.state.calls == []
    assert subscription_row(admin, user.id) is None
