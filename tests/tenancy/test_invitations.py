"""Invitations: created through PostgREST, accepted once through POST /api/v1/auth/invitations/accept."""

import hashlib

import httpx
import psycopg
import pytest

from tests.tenancy.conftest import Postgrest, Tenancy

ACCEPT = "/api/v1/auth/invitations/accept"
PASSWORD = "contraseña segura"


def invite(postgrest: Postgrest, claims, email: str, role: str = "client", reseller_id=None) -> dict:
    with postgrest(claims) as request:
        return request.rows("select * from public.create_invitation(%s, %s, %s)", (email, role, reseller_id))[
            0
        ]


def accounts(admin, email: str) -> list:
    return admin.execute("select * from public.clients where email = %s", (email,)).fetchall()


async def test_client_joins_inviting_agency(
    client: httpx.AsyncClient, postgrest: Postgrest, tenancy: Tenancy, admin
) -> None:
    agency = tenancy.agency()
    created = invite(postgrest, agency.admin.claims, "Nueva.Clienta@Example.net")
    stored = admin.execute(
        "select * from public.invitations where id = %s", (created["invitation_id"],)
    ).fetchone()

    response = await client.post(
        ACCEPT, json={"token": created["token"], "full_name": "Nueva Clienta", "password": PASSWORD}
    )

    body = response.json()
    assert response.status_code == 201
    assert body["data"]["access_token"]
    assert body["data"]["refresh_token"]
    assert body["data"]["client"]["email"] == "nueva.clienta@example.net"
    assert bytes(stored["token_hash"]) == hashlib.sha256(created["token"].encode()).digest()
    [account] = accounts(admin, "nueva.clienta@example.net")
    assert account["role"] == "client"
    assert account["reseller_id"] == agency.reseller_id
    subscription = admin.execute(
        "select * from public.subscriptions where client_id = %s", (account["id"],)
    ).fetchone()
    assert subscription["status"] == "trialing"
    assert subscription["plan_id"] == "basic"
    used = admin.execute(
        "select * from public.invitations where id = %s", (created["invitation_id"],)
    ).fetchone()
    assert used["accepted_client_id"] == account["id"]
    assert used["accepted_at"] is not None


async def test_owner_invites_reseller_admin(
    client: httpx.AsyncClient, postgrest: Postgrest, tenancy: Tenancy, factory, admin
) -> None:
    agency = tenancy.agency()
    owner = factory.user(role="owner")
    created = invite(postgrest, owner.claims, "admin.nuevo@example.net", "reseller", agency.reseller_id)

    response = await client.post(
        ACCEPT, json={"token": created["token"], "full_name": "Admin Nuevo", "password": PASSWORD}
    )

    assert response.status_code == 201
    [account] = accounts(admin, "admin.nuevo@example.net")
    assert account["role"] == "reseller"
    assert account["reseller_id"] == agency.reseller_id


async def test_used_expired_unknown_same_400(
    client: httpx.AsyncClient, postgrest: Postgrest, tenancy: Tenancy, admin
) -> None:
    agency = tenancy.agency()
    used = invite(postgrest, agency.admin.claims, "usada@example.net")
    expired = invite(postgrest, agency.admin.claims, "caducada.prueba@example.net")
    admin.execute(
        "update public.invitations set expires_at = now() - interval '1 second' where id = %s",
        (expired["invitation_id"],),
    )
    first = await client.post(
        ACCEPT, json={"token": used["token"], "full_name": "Usada", "password": PASSWORD}
    )

    responses = [
        await client.post(ACCEPT, json={"token": token, "full_name": "Otra Persona", "password": PASSWORD})
        for token in (used["token"], expired["token"], "0" * 64)
    ]

    assert first.status_code == 201
    assert [response.status_code for response in responses] == [400, 400, 400]
    assert len({response.json()["detail"] for response in responses}) == 1
    assert len(accounts(admin, "usada@example.net")) == 1
    assert accounts(admin, "caducada.prueba@example.net") == []


async def test_suspended_agency_invitation_rejected(
    client: httpx.AsyncClient, postgrest: Postgrest, tenancy: Tenancy, admin
) -> None:
    agency = tenancy.agency()
    created = invite(postgrest, agency.admin.claims, "tarde@example.net")
    admin.execute("update public.resellers set status = 'suspended' where id = %s", (agency.reseller_id,))

    response = await client.post(
        ACCEPT, json={"token": created["token"], "full_name": "Tarde", "password": PASSWORD}
    )

    assert response.status_code == 400
    assert accounts(admin, "tarde@example.net") == []


@pytest.mark.parametrize(
    "body",
    [
        {"token": "x", "full_name": "Ana", "password": "corta"},
        {"token": "x", "full_name": "Ana", "password": "ñ" * 37},
        {"token": "x", "full_name": "   ", "password": PASSWORD},
        {"token": "", "full_name": "Ana", "password": PASSWORD},
        {"full_name": "Ana", "password": PASSWORD},
    ],
)
async def test_invalid_body_rejected(
    client: httpx.AsyncClient, postgrest: Postgrest, tenancy: Tenancy, admin, body
) -> None:
    agency = tenancy.agency()
    created = invite(postgrest, agency.admin.claims, "valida@example.net")
    if body.get("token") == "x":
        body = {**body, "token": created["token"]}

    response = await client.post(ACCEPT, json=body)

    assert response.status_code == 422
    assert PASSWORD not in response.text
    assert accounts(admin, "valida@example.net") == []
    row = admin.execute(
        "select accepted_at from public.invitations where id = %s", (created["invitation_id"],)
    ).fetchone()
    assert row["accepted_at"] is None


def test_admin_cannot_invite_admins_or_elsewhere(postgrest: Postgrest, tenancy: Tenancy, admin) -> None:
    agency = tenancy.agency()
    other = tenancy.agency()
    before = admin.execute("select count(*) as n from public.invitations").fetchone()

    outcomes = []
    for role, reseller_id in (("reseller", None), ("client", other.reseller_id), ("owner", None)):
        try:
            invite(postgrest, agency.admin.claims, "alguien@example.net", role, reseller_id)
            outcomes.append("ok")
        except psycopg.Error as error:
            outcomes.append(error.sqlstate or "unknown")

    assert outcomes == ["PT403", "PT403", "PT400"]
    assert admin.execute("select count(*) as n from public.invitations").fetchone() == before
