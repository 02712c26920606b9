"""Text Postgres cannot store (NUL, lone surrogates) gets a 4xx, never 500, and writes nothing."""

import httpx
import psycopg
from psycopg.rows import DictRow

from app.core.errors import domain_error_from_database
from tests.helpers.factories import TEST_PASSWORD, Factory


async def test_register_name_with_nul(client: httpx.AsyncClient, admin: psycopg.Connection[DictRow]) -> None:
    body = {"email": "nul-name@example.com", "password": "12345678", "full_name": "A\u0000B"}

    response = await client.post("/api/v1/auth/register", json=body)

    assert response.status_code == 422
    assert "NUL character" in response.json()["detail"]
    row = admin.execute(
        "select count(*) as n from public.clients where email = 'nul-name@example.com'"
    ).fetchone()
    assert row is not None
    assert row["n"] == 0


async def test_register_name_with_lone_surrogate(client: httpx.AsyncClient) -> None:
    body = b'{"email": "surrogate@example.com", "password": "12345678", "full_name": "A\\ud800B"}'

    response = await client.post(
        "/api/v1/auth/register", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request: full_name")


async def test_login_email_with_nul(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/login", json={"email": "cli\u0000ent@example.com", "password": "x"}
    )

    assert response.status_code == 422
    assert "NUL character" in response.json()["detail"]


def test_nul_from_driver_maps_to_bad_request() -> None:
    mapped = domain_error_from_database(
        psycopg.DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    )

    assert mapped is not None
    assert mapped.status_code == 400
    assert "NUL character" in mapped.detail


async def test_login_trims_email_spaces(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()

    response = await client.post(
        "/api/v1/auth/login", json={"email": f"  {user.email} ", "password": TEST_PASSWORD}
    )

    assert response.status_code == 200
