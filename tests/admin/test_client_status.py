"""POST /api/v1/admin/clients/{id}/status: who may suspend whom, and what suspension revokes."""

import uuid

import httpx
import psycopg
from psycopg.rows import DictRow

from tests.helpers.factories import TEST_PASSWORD, Factory

LOGIN = "/api/v1/auth/login"


def status_url(client_id: object) -> str:
    return f"/api/v1/admin/clients/{client_id}/status"


def stored_status(admin: psycopg.Connection[DictRow], client_id: object) -> str:
    row = admin.execute("select status from public.clients where id = %s", (client_id,)).fetchone()
    assert row is not None
    return str(row["status"])


async def test_owner_suspends_and_reactivates(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    owner = factory.user(role="owner")
    target = factory.user()

    suspended = await client.post(status_url(target.id), json={"status": "suspended"}, headers=owner.headers)
    target_me = await client.get("/api/v1/auth/me", headers=target.headers)
    target_login = await client.post(LOGIN, json={"email": target.email, "password": TEST_PASSWORD})
    reactivated = await client.post(status_url(target.id), json={"status": "active"}, headers=owner.headers)
    login_again = await client.post(LOGIN, json={"email": target.email, "password": TEST_PASSWORD})

    assert suspended.status_code == 200
    assert suspended.json()["data"]["status"] == "suspended"
    assert target_me.status_code == 401
    assert target_login.status_code == 403
    assert reactivated.json()["data"]["status"] == "active"
    assert login_again.status_code == 200
    revoked = admin.execute(
        "select revoked_reason from private.sessions where id = %s", (target.session_id,)
    ).fetchone()
    assert revoked is not None
    assert revoked["revoked_reason"] == "suspended"


async def test_agency_admin_suspends_own_client(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    agency = factory.reseller()
    agency_admin = factory.user(role="reseller", reseller_id=agency)
    own_client = factory.user(reseller_id=agency)

    response = await client.post(
        status_url(own_client.id), json={"status": "suspended"}, headers=agency_admin.headers
    )

    assert response.status_code == 200
    assert stored_status(admin, own_client.id) == "suspended"


async def test_agency_admin_cannot_reach_others(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    agency = factory.reseller()
    agency_admin = factory.user(role="reseller", reseller_id=agency)
    other_agency_client = factory.user(reseller_id=factory.reseller())
    direct_client = factory.user()
    fellow_admin = factory.user(role="reseller", reseller_id=agency)
    owner = factory.user(role="owner")

    statuses = [
        (
            await client.post(
                status_url(target.id), json={"status": "suspended"}, headers=agency_admin.headers
            )
        ).status_code
        for target in (other_agency_client, direct_client, fellow_admin, owner)
    ]
    unknown = await client.post(
        status_url(uuid.uuid4()), json={"status": "suspended"}, headers=agency_admin.headers
    )

    assert statuses == [404, 404, 404, 404]
    assert unknown.status_code == 404
    for target in (other_agency_client, direct_client, fellow_admin, owner):
        assert stored_status(admin, target.id) == "active"


async def test_client_cannot_change_status(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    agency = factory.reseller()
    actor = factory.user(reseller_id=agency)
    neighbour = factory.user(reseller_id=agency)

    response = await client.post(
        status_url(neighbour.id), json={"status": "suspended"}, headers=actor.headers
    )

    assert response.status_code == 403
    assert stored_status(admin, neighbour.id) == "active"


async def test_status_change_bad_requests(client: httpx.AsyncClient, factory: Factory) -> None:
    owner = factory.user(role="owner")
    target = factory.user()

    own = await client.post(status_url(owner.id), json={"status": "suspended"}, headers=owner.headers)
    invalid = await client.post(status_url(target.id), json={"status": "deleted"}, headers=owner.headers)
    not_uuid = await client.post(status_url("abc"), json={"status": "active"}, headers=owner.headers)
    anonymous = await client.post(status_url(target.id), json={"status": "suspended"})

    assert own.status_code == 400
    assert "your own account" in own.json()["detail"]
    assert invalid.status_code == 422
    assert not_uuid.status_code == 422
    assert anonymous.status_code == 401


async def test_suspended_agency_admin_rejected(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    agency = factory.reseller(status="suspended")
    agency_admin = factory.user(role="reseller", reseller_id=agency)
    own_client = factory.user(reseller_id=agency)

    response = await client.post(
        status_url(own_client.id), json={"status": "suspended"}, headers=agency_admin.headers
    )

    assert response.status_code == 404
    assert stored_status(admin, own_client.id) == "active"
