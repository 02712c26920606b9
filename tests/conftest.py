"""Fixtures shared by every test: one migrated and seeded database per session, the app, factories."""

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from psycopg.rows import DictRow, dict_row
from pydantic import SecretStr

from app.core.security.keys import generate_es256_private_key_pem
from app.core.security.tokens import TokenService
from app.core.settings import Settings
from app.main import create_app
from tests.helpers.database import TestDatabase, test_database
from tests.helpers.factories import Factory
from tests.helpers.postgrest import PostgrestSession, as_postgrest

TEST_KEY_ID = "omega-test-key"
TEST_ORIGIN = "https://app.example.com"


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    with test_database(tmp_path_factory.mktemp("postgres")) as created:
        yield created


@pytest.fixture(scope="session")
def signing_key_pem() -> str:
    return generate_es256_private_key_pem()


def build_settings(database: TestDatabase, signing_key_pem: str, **overrides: object) -> Settings:
    """Settings of the test app; tests that need other limits pass overrides."""
    values: dict[str, object] = {
        "environment": "test",
        "database_url": database.service_url,
        "jwt_algorithm": "ES256",
        "jwt_private_key": SecretStr(signing_key_pem),
        "jwt_key_id": TEST_KEY_ID,
        "bcrypt_rounds": 4,
        "cors_origins": [TEST_ORIGIN],
        "max_body_bytes": 65_536,
        "login_rate_limit_per_ip": 100_000,
        "login_rate_limit_per_email": 5,
        "register_rate_limit_per_ip": 100_000,
        "db_pool_max_size": 5,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def settings(database: TestDatabase, signing_key_pem: str) -> Settings:
    return build_settings(database, signing_key_pem)


@pytest.fixture(scope="session")
def tokens(settings: Settings) -> TokenService:
    return TokenService(settings)


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def admin(database: TestDatabase) -> Iterator[psycopg.Connection[DictRow]]:
    with psycopg.connect(database.admin_url, autocommit=True, row_factory=dict_row) as conn:
        yield conn


@pytest.fixture
def factory(admin: psycopg.Connection[DictRow], tokens: TokenService) -> Factory:
    return Factory(admin, tokens)


@pytest.fixture
def postgrest(
    database: TestDatabase,
) -> Callable[[dict[str, object] | None], AbstractContextManager[PostgrestSession]]:
    """`with postgrest(user.claims) as session:` runs SQL as PostgREST would for that token."""

    def open_request(claims: dict[str, object] | None) -> AbstractContextManager[PostgrestSession]:
        return as_postgrest(database.authenticator_url, claims)

    return open_request
