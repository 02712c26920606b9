"""A NUL character in any text field gets 400, never 500, and writes nothing."""

import httpx
import psycopg
from psycopg.rows import DictRow

from tests.helpers.factories import TEST_PASSWORD, Factory

NUL_MESSAGE = "Text fields must not contain the NUL character (\\u0000)"


async def test_register_name_with_nul(client: httpx.AsyncClient, admin: psycopg.Connection[DictRow]) -> None:
    body = {"email": "nul-name@example.com", "password": "12345678", "full_name": "A\u0000B"}

    response = await client.post("/api/v1/auth/register", json=body)

    assert response.status_code == 400
    assert response.json()["detail"] == NUL_MESSAGE
    row = admin.execute(
        "select count(*) as n from public.clients where email = 'nul-name@example.com'"
    ).fetchone()
    assert row is not None
    assert row["n"] == 0


async def test_login_email_with_nul(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/login", json={"email": "cli\u0000ent@example.com", "password": "x"}
    )

    assert response.status_code == 400
    assert response.json()["detail"] == NUL_MESSAGE


async def test_login_trims_email_spaces(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()

    response = await client.post(
        "/api/v1/auth/login", json={"email": f"  {user.email} ", "password": TEST_PASSWORD}
    )

    assert response.status_code == 200
