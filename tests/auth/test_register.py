"""POST /api/v1/auth/register."""

import uuid

import httpx
import psycopg
from psycopg.rows import DictRow

from tests.auth.conftest import ClientFactory
from tests.helpers.factories import Factory

REGISTER = "/api/v1/auth/register"


def new_email() -> str:
    return f"alta-{uuid.uuid4().hex[:10]}@example.com"


def count_clients(admin: psycopg.Connection[DictRow], email: str) -> int:
    row = admin.execute(
        "select count(*) as n from public.clients where email = lower(%s)", (email,)
    ).fetchone()
    assert row is not None
    return int(row["n"])


async def test_register_returns_tokens(client: httpx.AsyncClient, admin: psycopg.Connection[DictRow]) -> None:
    email = new_email()
    body = {"email": email, "password": "buen-pan-2026", "full_name": "Ana Gil"}

    response = await client.post(REGISTER, json=body)

    assert response.status_code == 201
    data = response.json()["data"]
    assert data["token_type"] == "bearer"
    assert data["expires_in"] == 900
    assert data["client"]["email"] == email
    assert data["client"]["role"] == "client"
    assert data["client"]["reseller_id"] is None
    stored = admin.execute(
        "select password_hash from private.credentials c join public.clients p "
        "on p.id = c.client_id where p.email = %s",
        (email,),
    ).fetchone()
    assert stored is not None
    assert stored["password_hash"].startswith("$2b$04$")


async def test_register_duplicate_email_conflicts(
    client: httpx.AsyncClient, admin: psycopg.Connection[DictRow]
) -> None:
    email = new_email()
    first = await client.post(REGISTER, json={"email": email, "password": "12345678", "full_name": "Uno"})
    again = await client.post(
        REGISTER, json={"email": email.upper(), "password": "12345678", "full_name": "Dos"}
    )

    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json() == {"success": False, "detail": "An account with this email already exists"}
    assert count_clients(admin, email) == 1


async def test_register_password_counts_bytes(
    client: httpx.AsyncClient, admin: psycopg.Connection[DictRow]
) -> None:
    email = new_email()
    password = "ñ" * 40

    response = await client.post(REGISTER, json={"email": email, "password": password, "full_name": "Ñu"})

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "72 bytes" in detail
    assert "80 bytes" in detail
    assert password not in response.text
    assert count_clients(admin, email) == 0


async def test_register_short_password_rejected(
    client: httpx.AsyncClient, admin: psycopg.Connection[DictRow]
) -> None:
    email = new_email()

    response = await client.post(REGISTER, json={"email": email, "password": "corta", "full_name": "Bea"})

    assert response.status_code == 422
    assert "corta" not in response.text
    assert count_clients(admin, email) == 0


async def test_register_invalid_email_rejected(client: httpx.AsyncClient) -> None:
    response = await client.post(
        REGISTER, json={"email": "no-es-correo", "password": "12345678", "full_name": "X"}
    )

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request: email")


async def test_register_under_agency(client: httpx.AsyncClient, factory: Factory) -> None:
    reseller_id = factory.reseller()
    slug = factory.reseller_slug(reseller_id)
    body = {"email": new_email(), "password": "12345678", "full_name": "Cliente", "reseller_slug": slug}

    response = await client.post(REGISTER, json=body)

    assert response.status_code == 201
    assert response.json()["data"]["client"]["reseller_id"] == str(reseller_id)


async def test_register_unknown_agency_not_found(
    client: httpx.AsyncClient, admin: psycopg.Connection[DictRow]
) -> None:
    email = new_email()
    body = {"email": email, "password": "12345678", "full_name": "X", "reseller_slug": "no-existe-esta"}

    response = await client.post(REGISTER, json=body)

    assert response.status_code == 404
    assert "no-existe-esta" in response.json()["detail"]
    assert count_clients(admin, email) == 0


async def test_register_suspended_agency_not_found(client: httpx.AsyncClient, factory: Factory) -> None:
    slug = factory.reseller_slug(factory.reseller(status="suspended"))
    body = {"email": new_email(), "password": "12345678", "full_name": "X", "reseller_slug": slug}

    response = await client.post(REGISTER, json=body)

    assert response.status_code == 404


async def test_register_rate_limited_per_ip(
    client_with: ClientFactory, admin: psycopg.Connection[DictRow]
) -> None:
    headers = {"X-Forwarded-For": "198.51.100.23"}
    emails = [new_email() for _ in range(3)]
    async with client_with(register_rate_limit_per_ip=2, trust_proxy_headers=True) as http:
        statuses = []
        for email in emails:
            body = {"email": email, "password": "12345678", "full_name": "Alta"}
            statuses.append((await http.post(REGISTER, json=body, headers=headers)).status_code)

    assert statuses == [201, 201, 429]
    assert count_clients(admin, emails[2]) == 0
