"""Refresh-token rotation, reuse detection, logout and /me."""

import httpx
import psycopg
from psycopg.rows import DictRow

from tests.helpers.factories import TEST_PASSWORD, Factory

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/auth/me"


async def sign_in(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    response = await client.post(LOGIN, json={"email": email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    data: dict[str, str] = response.json()["data"]
    return data


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_refresh_rotates_tokens(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()
    first = await sign_in(client, user.email)

    response = await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})

    assert response.status_code == 200
    second = response.json()["data"]
    assert second["refresh_token"] != first["refresh_token"]
    assert second["client"] is None
    me = await client.get(ME, headers=bearer(second["access_token"]))
    assert me.status_code == 200
    assert me.json()["data"]["id"] == str(user.id)


async def test_refresh_reuse_revokes_family(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    user = factory.user()
    first = await sign_in(client, user.email)
    second = (await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})).json()["data"]

    replay = await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    newest = await client.post(REFRESH, json={"refresh_token": second["refresh_token"]})
    me = await client.get(ME, headers=bearer(second["access_token"]))

    assert replay.status_code == 401
    assert "already used" in replay.json()["detail"]
    assert newest.status_code == 401
    assert me.status_code == 401
    row = admin.execute(
        "select revoked_reason from private.sessions where client_id = %s and revoked_at is not null",
        (user.id,),
    ).fetchone()
    assert row is not None
    assert row["revoked_reason"] == "refresh_token_reuse"


async def test_refresh_unknown_token_unauthorized(client: httpx.AsyncClient) -> None:
    response = await client.post(REFRESH, json={"refresh_token": "not-a-real-token"})

    assert response.status_code == 401
    assert response.json()["detail"] == "Refresh token is invalid or expired. Sign in again."


async def test_refresh_expired_session_unauthorized(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    user = factory.user()
    tokens = await sign_in(client, user.email)
    admin.execute(
        "update private.sessions set expires_at = now() - interval '1 second' where client_id = %s",
        (user.id,),
    )

    response = await client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})

    assert response.status_code == 401


async def test_refresh_suspended_forbidden(
    client: httpx.AsyncClient, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    user = factory.user()
    tokens = await sign_in(client, user.email)
    admin.execute("update public.clients set status = 'suspended' where id = %s", (user.id,))

    response = await client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
    me = await client.get(ME, headers=bearer(tokens["access_token"]))

    assert response.status_code == 403
    assert me.status_code == 401


async def test_logout_revokes_session(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()
    tokens = await sign_in(client, user.email)

    logout = await client.post(LOGOUT, headers=bearer(tokens["access_token"]))
    me = await client.get(ME, headers=bearer(tokens["access_token"]))
    refresh = await client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})

    assert logout.status_code == 200
    assert logout.json()["data"] == {"revoked": True}
    assert me.status_code == 401
    assert "revoked" in me.json()["detail"]
    assert refresh.status_code == 401


async def test_me_returns_own_profile(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()

    response = await client.get(ME, headers=user.headers)

    assert response.status_code == 200
    assert response.json()["data"]["email"] == user.email
    assert response.json()["success"] is True


async def test_me_without_token_unauthorized(client: httpx.AsyncClient) -> None:
    response = await client.get(ME)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
