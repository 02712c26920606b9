"""Subscription checks: 402 when it does not allow work, 429 with the reset date when the quota is used."""

import asyncio
from datetime import UTC, datetime

import httpx

from tests.content.conftest import ContextClientMaker, stored_rows, usage_of

URL = "/api/v1/content/generate-hashtags"


def _set_usage(admin, client_id, used: int) -> None:
    admin.execute(
        "insert into private.generation_usage (client_id, period_start, used) "
        "values (%s, date_trunc('month', now() at time zone 'utc')::date, %s) "
        "on conflict (client_id, period_start) do update set used = excluded.used",
        (client_id, used),
    )


async def test_canceled_subscription_is_402(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(status="canceled")

    response = await client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 402
    assert "canceled" in response.json()["detail"]
    assert usage_of(admin, user.id) == 0


async def test_no_subscription_is_402(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    admin.execute("delete from public.subscriptions where client_id = %s", (user.id,))

    response = await client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 402
    assert stored_rows(admin, user.id) == []


async def test_exhausted_quota_is_429(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(plan="basic")
    _set_usage(admin, user.id, 200)
    now = datetime.now(UTC)
    reset = datetime(now.year + (now.month == 12), now.month % 12 + 1, 1, tzinfo=UTC)

    response = await client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 429
    assert reset.strftime("%Y-%m-%d") in response.json()["detail"]
    assert 0 < int(response.headers["Retry-After"]) <= 31 * 86_400
    assert usage_of(admin, user.id) == 200
    assert stored_rows(admin, user.id) == []


async def test_variants_need_enough_quota(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(plan="basic")
    _set_usage(admin, user.id, 198)

    too_many = await client.post(URL, json={"brief": "Hola", "variants": 3}, headers=user.headers)
    enough = await client.post(URL, json={"brief": "Hola", "variants": 2}, headers=user.headers)

    assert too_many.status_code == 429
    assert enough.status_code == 200
    assert [item["variant"] for item in enough.json()["data"]["items"]] == [1, 2]
    assert usage_of(admin, user.id) == 200


async def test_unlimited_plan_counts_usage(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(plan="enterprise")
    _set_usage(admin, user.id, 1_000_000)

    response = await client.post(URL, json={"brief": "Hola"}, headers=user.headers)

    assert response.status_code == 200
    assert usage_of(admin, user.id) == 1_000_001


async def test_last_slot_taken_once(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client(plan="basic")
    _set_usage(admin, user.id, 199)

    responses = await asyncio.gather(
        *(client.post(URL, json={"brief": f"Hola {n}"}, headers=user.headers) for n in range(4))
    )

    assert sorted(response.status_code for response in responses) == [200, 429, 429, 429]
    assert usage_of(admin, user.id) == 200
    assert len(stored_rows(admin, user.id)) == 1
