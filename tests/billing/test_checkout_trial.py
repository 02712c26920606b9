"""POST /billing/checkout with a trial: seven days, or the rest of a running sign-up trial."""

import time

import httpx
import pytest

from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin
from tests.helpers.factories import Factory

CHECKOUT = "/api/v1/billing/checkout"
HOUR = 3600


async def test_trial_without_sign_up_trial_lasts_seven_days(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory
) -> None:
    user = factory.user()

    response = await billing_client.post(
        CHECKOUT, json={"plan": "basic", "trial": True}, headers=user.headers
    )

    assert response.status_code == 200
    params = fake_stripe.calls_to("POST", "/v1/checkout/sessions")[0].params
    assert params["subscription_data[trial_period_days]"] == "7"
    assert "subscription_data[trial_end]" not in params


async def test_trial_continues_sign_up_trial(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    admin.execute("select private.start_trial(%s)", (user.id,))
    row = admin.execute(
        "select trial_ends_at from public.subscriptions where client_id = %s", (user.id,)
    ).fetchone()
    assert row is not None

    response = await billing_client.post(CHECKOUT, json={"plan": "pro", "trial": True}, headers=user.headers)

    assert response.status_code == 200
    params = fake_stripe.calls_to("POST", "/v1/checkout/sessions")[0].params
    assert params["subscription_data[trial_end]"] == str(int(row["trial_ends_at"].timestamp()))
    assert "subscription_data[trial_period_days]" not in params


@pytest.mark.parametrize("hours_left", [1, 47])
async def test_trial_end_respects_stripe_minimum(
    hours_left: int,
    billing_client: httpx.AsyncClient,
    fake_stripe: FakeStripe,
    factory: Factory,
    admin: Admin,
) -> None:
    user = factory.user()
    admin.execute(
        "insert into public.subscriptions (client_id, plan_id, status, trial_ends_at) "
        "values (%s, 'basic', 'trialing', now() + make_interval(hours => %s))",
        (user.id, hours_left),
    )
    before = int(time.time())

    response = await billing_client.post(CHECKOUT, json={"plan": "pro", "trial": True}, headers=user.headers)

    assert response.status_code == 200
    trial_end = int(
        fake_stripe.calls_to("POST", "/v1/checkout/sessions")[0].params["subscription_data[trial_end]"]
    )
    assert before + 49 * HOUR <= trial_end <= int(time.time()) + 49 * HOUR


async def test_ended_sign_up_trial_gets_seven_days(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    admin.execute(
        "insert into public.subscriptions (client_id, plan_id, status, trial_ends_at) "
        "values (%s, 'basic', 'trialing', now() - interval '1 hour')",
        (user.id,),
    )

    response = await billing_client.post(CHECKOUT, json={"plan": "pro", "trial": True}, headers=user.headers)

    assert response.status_code == 200
    params = fake_stripe.calls_to("POST", "/v1/checkout/sessions")[0].params
    assert params["subscription_data[trial_period_days]"] == "7"
    assert "subscription_data[trial_end]" not in params


async def test_checkout_without_trial_has_no_trial(
    billing_client: httpx.AsyncClient, fake_stripe: FakeStripe, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    admin.execute("select private.start_trial(%s)", (user.id,))

    response = await billing_client.post(CHECKOUT, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 200
    params = fake_stripe.calls_to("POST", "/v1/checkout/sessions")[0].params
    assert "subscription_data[trial_end]" not in params
    assert "subscription_data[trial_period_days]" not in params
