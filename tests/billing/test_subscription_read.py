"""GET /billing/subscription: who may read whose subscription, and what it reports."""

import uuid

import httpx
import pytest

from tests.billing.rows import Admin
from tests.helpers.factories import Factory

SUBSCRIPTION = "/api/v1/billing/subscription"


async def test_client_reads_own_subscription(
    billing_client: httpx.AsyncClient, factory: Factory, admin: Admin
) -> None:
    user = factory.user()
    admin.execute("select private.start_trial(%s)", (user.id,))

    response = await billing_client.get(SUBSCRIPTION, headers=user.headers)

    assert response.status_code == 200
    data = response.json()["data"]
    assert data["client_id"] == str(user.id)
    assert (data["plan"], data["status"], data["allows_work"]) == ("basic", "trialing", True)
    assert (data["max_social_accounts"], data["monthly_generations"]) == (2, 200)
    assert (data["social_accounts_used"], data["generations_used"]) == (0, 0)
    assert data["trial_ends_at"] is not None


async def test_client_without_subscription(billing_client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()

    response = await billing_client.get(SUBSCRIPTION, headers=user.headers)

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["plan"], data["status"], data["allows_work"]) == (None, None, False)


async def test_reseller_admin_reads_own_client(
    billing_client: httpx.AsyncClient, factory: Factory, admin: Admin
) -> None:
    agency = factory.reseller()
    reseller_admin = factory.user(role="reseller", reseller_id=agency)
    client = factory.user(reseller_id=agency)
    admin.execute("select private.start_trial(%s)", (client.id,))

    response = await billing_client.get(
        SUBSCRIPTION, params={"client_id": str(client.id)}, headers=reseller_admin.headers
    )

    assert response.status_code == 200
    assert response.json()["data"]["client_id"] == str(client.id)


async def test_reseller_admin_denied_other_agency_client(
    billing_client: httpx.AsyncClient, factory: Factory
) -> None:
    reseller_admin = factory.user(role="reseller", reseller_id=factory.reseller())
    stranger = factory.user(reseller_id=factory.reseller())

    response = await billing_client.get(
        SUBSCRIPTION, params={"client_id": str(stranger.id)}, headers=reseller_admin.headers
    )

    assert response.status_code == 403


async def test_client_denied_other_client(billing_client: httpx.AsyncClient, factory: Factory) -> None:
    agency = factory.reseller()
    client = factory.user(reseller_id=agency)
    neighbour = factory.user(reseller_id=agency)

    response = await billing_client.get(
        SUBSCRIPTION, params={"client_id": str(neighbour.id)}, headers=client.headers
    )

    assert response.status_code == 403


async def test_unknown_client_denied(billing_client: httpx.AsyncClient, factory: Factory) -> None:
    reseller_admin = factory.user(role="reseller", reseller_id=factory.reseller())

    response = await billing_client.get(
        SUBSCRIPTION, params={"client_id": str(uuid.uuid4())}, headers=reseller_admin.headers
    )

    assert response.status_code == 403


async def test_owner_reads_any_client(billing_client: httpx.AsyncClient, factory: Factory) -> None:
    owner = factory.user(role="owner")
    client = factory.user(reseller_id=factory.reseller())

    response = await billing_client.get(
        SUBSCRIPTION, params={"client_id": str(client.id)}, headers=owner.headers
    )
    missing = await billing_client.get(
        SUBSCRIPTION, params={"client_id": str(uuid.uuid4())}, headers=owner.headers
    )

    assert response.status_code == 200
    assert missing.status_code == 404


@pytest.mark.parametrize("client_id", ["not-a-uuid", "1", "' or 1=1 --"])
async def test_malformed_client_id_rejected(
    client_id: str, billing_client: httpx.AsyncClient, factory: Factory
) -> None:
    user = factory.user()

    response = await billing_client.get(SUBSCRIPTION, params={"client_id": client_id}, headers=user.headers)

    assert response.status_code == 422


async def test_subscription_requires_token(billing_client: httpx.AsyncClient) -> None:
    response = await billing_client.get(SUBSCRIPTION)

    assert response.status_code == 401
