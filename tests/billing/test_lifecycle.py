"""A new client goes from trial to paid to canceled through signed webhook events alone."""

import secrets
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
import psycopg
import pytest

from app.core.security.tokens import TokenService
from tests.billing.conftest import WebhookSender
from tests.billing.fake_stripe import FakeStripe
from tests.billing.stripe_payloads import DAY, PRICE_PRO, checkout_session, invoice, subscription
from tests.helpers.postgrest import PostgrestSession

SUBSCRIPTION = "/api/v1/billing/subscription"
OpenRequest = Callable[[dict[str, object] | None], AbstractContextManager[PostgrestSession]]


async def _status(http: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, object]:
    response = await http.get(SUBSCRIPTION, headers=headers)
    assert response.status_code == 200
    data: dict[str, object] = response.json()["data"]
    return data


def _add_social_account(postgrest: OpenRequest, claims: dict[str, object], client_id: str) -> None:
    with postgrest(claims) as session:
        session.execute(
            "insert into public.social_accounts (client_id, platform, handle) values (%s, 'instagram', %s)",
            (client_id, f"@shop{secrets.token_hex(3)}"),
        )


async def test_trial_to_paid_to_canceled(
    billing_client: httpx.AsyncClient,
    webhooks: WebhookSender,
    fake_stripe: FakeStripe,
    postgrest: OpenRequest,
    tokens: TokenService,
) -> None:
    token_service = tokens
    email = f"tienda-{secrets.token_hex(4)}@example.com"
    registered = await billing_client.post(
        "/api/v1/auth/register",
        json={"email": email, "password": "una clave larga", "full_name": "Tienda Sol"},
    )
    assert registered.status_code == 201
    issued = registered.json()["data"]
    headers = {"Authorization": f"Bearer {issued['access_token']}"}
    client_id = issued["client"]["id"]
    claims = token_service.verify(issued["access_token"]).claims

    signed_up = await _status(billing_client, headers)
    assert (signed_up["plan"], signed_up["status"], signed_up["allows_work"]) == ("basic", "trialing", True)

    checkout = await billing_client.post(
        "/api/v1/billing/checkout", json={"plan": "pro", "trial": True}, headers=headers
    )
    assert checkout.status_code == 200
    customer_id = fake_stripe.calls_to("POST", "/v1/checkout/sessions")[0].params["customer"]
    sub_id = f"sub_{secrets.token_hex(6)}"
    base = int(time.time()) - 600
    trial_end = int(time.time()) + 7 * DAY
    trialing = subscription(
        sub_id,
        customer_id,
        "trialing",
        PRICE_PRO,
        trial_end=trial_end,
        period_end=trial_end,
        metadata={"client_id": client_id},
    )

    fake_stripe.put_subscription(trialing)
    await webhooks.send("customer.subscription.created", trialing, base)
    await webhooks.send(
        "checkout.session.completed", checkout_session(customer_id, sub_id, client_id), base + 1
    )
    await webhooks.send(
        "invoice.paid",
        invoice(customer_id, sub_id, amount_paid=0, amount_due=0, billing_reason="subscription_create"),
        base + 2,
    )
    on_trial = await _status(billing_client, headers)
    assert (on_trial["plan"], on_trial["status"], on_trial["allows_work"]) == ("pro", "trialing", True)
    assert on_trial["max_social_accounts"] == 5

    # Stripe stamps later events after the subscription read that followed
    # checkout, so they carry times after now (the signatures stay current).
    later = int(time.time()) + 1
    period_end = int(time.time()) + 30 * DAY
    paid = subscription(
        sub_id, customer_id, "active", PRICE_PRO, period_end=period_end, metadata={"client_id": client_id}
    )
    fake_stripe.put_subscription(paid)
    await webhooks.send("customer.subscription.updated", paid, later)
    await webhooks.send(
        "invoice.paid", invoice(customer_id, sub_id, amount_paid=7900, amount_due=7900), later + 1
    )
    active = await _status(billing_client, headers)
    assert (active["status"], active["allows_work"], active["cancel_at_period_end"]) == (
        "active",
        True,
        False,
    )
    assert active["current_period_end"] is not None

    canceled_request = await billing_client.post("/api/v1/billing/cancel", headers=headers)
    assert canceled_request.status_code == 200
    await webhooks.send("customer.subscription.updated", fake_stripe.state.subscriptions[sub_id], later + 100)
    ending = await _status(billing_client, headers)
    assert (ending["status"], ending["allows_work"], ending["cancel_at_period_end"]) == ("active", True, True)

    await webhooks.send(
        "customer.subscription.deleted", subscription(sub_id, customer_id, "canceled", PRICE_PRO), later + 200
    )
    ended = await _status(billing_client, headers)
    assert (ended["plan"], ended["status"], ended["allows_work"]) == ("pro", "canceled", False)

    with postgrest(claims) as session:
        session.execute(
            "insert into public.client_context (client_id, business_name, industry) values (%s, %s, %s)",
            (client_id, "Tienda Sol", "panadería"),
        )
    generation = await billing_client.post(
        "/api/v1/content/generate-caption",
        json={"brief": "Oferta de pan de masa madre esta semana", "platform": "instagram"},
        headers=headers,
    )
    assert generation.status_code == 402
    assert "subscription" in generation.json()["detail"].lower()

    with pytest.raises(psycopg.Error) as refused:
        _add_social_account(postgrest, claims, client_id)
    assert refused.value.sqlstate == "PT402"
