"""POST /api/v1/auth/login: claims, uniform failures, suspension and rate limits."""

import httpx
import jwt
import psycopg
from psycopg.rows import DictRow

from tests.auth.conftest import ClientFactory
from tests.conftest import TEST_KEY_ID
from tests.helpers.factories import TEST_PASSWORD, Factory

LOGIN = "/api/v1/auth/login"


async def test_login_token_claims(client: httpx.AsyncClient, factory: Factory) -> None:
    reseller_id = factory.reseller()
    user = factory.user(reseller_id=reseller_id)

    response = await client.post(LOGIN, json={"email": user.email.upper(), "password": TEST_PASSWORD})

    assert response.status_code == 200
    data = response.json()["data"]
    token = data["access_token"]
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert header["alg"] == "ES256"
    assert header["kid"] == TEST_KEY_ID
    assert claims["sub"] == str(user.id)
    assert claims["role"] == "authenticated"
    assert claims["aud"] == "authenticated"
    assert claims["iss"] == "omega"
    assert isinstance(claims["exp"], int)
    assert claims["exp"] - claims["iat"] == 900
    assert claims["app_role"] == "client"
    assert claims["reseller_id"] == str(reseller_id)
    assert len(claims["session_id"]) == 36
    assert data["expires_in"] == 900
    assert data["client"]["id"] == str(user.id)


async def test_login_failures_are_identical(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()

    wrong_password = await client.post(LOGIN, json={"email": user.email, "password": "not-the-password"})
    unknown_email = await client.post(
        LOGIN, json={"email": "nadie-aqui@example.com", "password": "whatever1"}
    )

    assert wrong_password.status_code == 401
    assert unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json()
    assert wrong_password.json()["detail"] == "Invalid email or password"


async def test_login_long_password_unauthorized(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()

    response = await client.post(LOGIN, json={"email": user.email, "password": "x" * 100})

    assert response.status_code == 401


async def test_login_suspended_forbidden(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user(status="suspended")

    right = await client.post(LOGIN, json={"email": user.email, "password": TEST_PASSWORD})
    wrong = await client.post(LOGIN, json={"email": user.email, "password": "wrong-password"})

    assert right.status_code == 403
    assert "suspended" in right.json()["detail"]
    assert wrong.status_code == 401


async def test_login_seed_client_signs_in(client: httpx.AsyncClient) -> None:
    response = await client.post(LOGIN, json={"email": "client@example.com", "password": "omega-demo"})

    assert response.status_code == 200
    assert response.json()["data"]["client"]["full_name"] == "Carmen Ortega"


async def test_login_rate_limited_per_email(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()
    statuses = []
    for _ in range(6):
        response = await client.post(LOGIN, json={"email": user.email, "password": "wrong-password"})
        statuses.append(response.status_code)

    blocked = await client.post(LOGIN, json={"email": user.email, "password": TEST_PASSWORD})

    assert statuses == [401, 401, 401, 401, 401, 429]
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["retry-after"]) <= 900
    assert "Too many sign-in attempts" in blocked.json()["detail"]


async def test_login_rate_limited_per_ip(
    client_with: ClientFactory, factory: Factory, admin: psycopg.Connection[DictRow]
) -> None:
    users = [factory.user() for _ in range(4)]
    forwarded = {"X-Forwarded-For": "203.0.113.77"}
    async with client_with(login_rate_limit_per_ip=3, trust_proxy_headers=True) as http:
        statuses = []
        for user in users:
            body = {"email": user.email, "password": TEST_PASSWORD}
            statuses.append((await http.post(LOGIN, json=body, headers=forwarded)).status_code)
        other_ip = await http.post(
            LOGIN,
            json={"email": users[3].email, "password": TEST_PASSWORD},
            headers={"X-Forwarded-For": "203.0.113.78"},
        )

    assert statuses == [200, 200, 200, 429]
    assert other_ip.status_code == 200
    row = admin.execute(
        "select count(*) as n from private.rate_limit_hits where bucket like 'login:ip:%%'"
    ).fetchone()
    assert row is not None
    assert row["n"] >= 2


async def test_login_missing_fields_unprocessable(client: httpx.AsyncClient) -> None:
    response = await client.post(LOGIN, json={"email": "a@example.com"})

    assert response.status_code == 422
    assert "password" in response.json()["detail"]
