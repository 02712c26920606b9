"""Access token verification: every forged or stale token gets 401, never 500."""

import base64
import hashlib
import hmac
import json
import time
import uuid

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr, ValidationError

from app.core.security.keys import generate_es256_private_key_pem, load_es256_private_key
from app.core.security.tokens import TokenService
from tests.auth.conftest import ClientFactory
from tests.conftest import TEST_KEY_ID, build_settings
from tests.helpers.database import TestDatabase
from tests.helpers.factories import Factory, TestUser

ME = "/api/v1/auth/me"


def claims_for(user: TestUser, **changes: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {**user.claims, "iat": now, "exp": now + 600}
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


def b64(data: dict[str, object] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def hs256_with_key(claims: dict[str, object], key: bytes) -> str:
    """Sign by hand: PyJWT refuses a PEM key as an HMAC secret, an attacker would not."""
    signing_input = f"{b64({'alg': 'HS256', 'typ': 'JWT', 'kid': TEST_KEY_ID})}.{b64(claims)}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


async def status_for(client: httpx.AsyncClient, token: str) -> int:
    response = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert response.json()["success"] is False or response.status_code == 200
    return response.status_code


async def test_valid_token_accepted(client: httpx.AsyncClient, factory: Factory) -> None:
    assert await status_for(client, factory.user().access_token) == 200


async def test_forged_tokens_rejected(
    client: httpx.AsyncClient, factory: Factory, signing_key_pem: str
) -> None:
    user = factory.user()
    key = load_es256_private_key(signing_key_pem)
    other_key = load_es256_private_key(generate_es256_private_key_pem())
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    headers = {"kid": TEST_KEY_ID}
    forged = {
        "alg none": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims_for(user))}.",
        "HS256 with public key": hs256_with_key(claims_for(user), public_pem),
        "expired": jwt.encode(claims_for(user, exp=int(time.time()) - 5), key, "ES256", headers),
        "wrong audience": jwt.encode(claims_for(user, aud="anon"), key, "ES256", headers),
        "missing audience": jwt.encode(claims_for(user, aud=None), key, "ES256", headers),
        "wrong issuer": jwt.encode(claims_for(user, iss="someone-else"), key, "ES256", headers),
        "other key": jwt.encode(claims_for(user), other_key, "ES256", headers),
        "service role": jwt.encode(claims_for(user, role="service_role"), key, "ES256", headers),
        "no session": jwt.encode(claims_for(user, session_id=None), key, "ES256", headers),
        "subject not uuid": jwt.encode(claims_for(user, sub="admin"), key, "ES256", headers),
        "garbage": "not.a.token",
        "huge": "a" * 300_000,
    }

    statuses = {name: await status_for(client, token) for name, token in forged.items()}

    assert statuses == dict.fromkeys(forged, 401)


async def test_huge_authorization_header(client: httpx.AsyncClient) -> None:
    response = await client.get(ME, headers={"Authorization": "Bearer " + "b" * 300_000})

    assert response.status_code == 401
    assert response.json()["detail"] == "Access token is too long"


async def test_unknown_session_rejected(
    client: httpx.AsyncClient, factory: Factory, tokens: TokenService
) -> None:
    user = factory.user()
    minted = tokens.mint(user.id, uuid.uuid4(), "client", None)

    assert await status_for(client, minted.token) == 401


async def test_jwks_verifies_issued_token(client: httpx.AsyncClient, factory: Factory) -> None:
    user = factory.user()

    response = await client.get("/.well-known/jwks.json")

    keys = response.json()["keys"]
    assert [key["kid"] for key in keys] == [TEST_KEY_ID]
    assert "d" not in keys[0]
    public_key = jwt.PyJWK(keys[0]).key
    claims = jwt.decode(user.access_token, public_key, algorithms=["ES256"], audience="authenticated")
    assert claims["sub"] == str(user.id)


async def test_hs256_mode_signs_and_hides_secret(client_with: ClientFactory, factory: Factory) -> None:
    secret = "s" * 20 + uuid.uuid4().hex
    user = factory.user()
    async with client_with(jwt_algorithm="HS256", jwt_secret=SecretStr(secret), jwt_private_key=None) as http:
        login = await http.post(
            "/api/v1/auth/login", json={"email": user.email, "password": "correct horse battery"}
        )
        token = login.json()["data"]["access_token"]
        jwks = await http.get("/.well-known/jwks.json")
        es256_token_status = (await http.get(ME, headers=user.headers)).status_code

    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    assert jwt.decode(token, secret, algorithms=["HS256"], audience="authenticated")["sub"] == str(user.id)
    assert jwks.json() == {"keys": []}
    assert es256_token_status == 401


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"jwt_private_key": None}, "JWT_PRIVATE_KEY is missing"),
        ({"jwt_private_key": SecretStr("-----BEGIN nonsense")}, "not a readable"),
        ({"jwt_key_id": None}, "JWT_KEY_ID is missing"),
        ({"jwt_algorithm": "HS256", "jwt_secret": SecretStr("changeme")}, "placeholder"),
        ({"jwt_algorithm": "HS256"}, "JWT_SECRET is missing"),
    ],
)
def test_settings_reject_bad_keys(
    database: TestDatabase, signing_key_pem: str, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        build_settings(database, signing_key_pem, **overrides)

    assert message in str(raised.value)
