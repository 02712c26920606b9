"""Fixtures of the content tests: local model servers, apps pointed at them, and clients with a context."""

import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from psycopg.rows import DictRow
from pydantic import SecretStr

from app.main import create_app
from tests.conftest import build_settings
from tests.content.fake_llm import FakeLLMServer
from tests.helpers.database import TestDatabase
from tests.helpers.factories import Factory, TestUser

# Short enough that the timeout tests stay quick, long enough for a loaded 2-core machine.
TEST_TIMEOUT_SECONDS = 2.0


@pytest.fixture(scope="session")
def llm_server() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()


@pytest.fixture
def llm(llm_server: FakeLLMServer) -> Iterator[FakeLLMServer]:
    """The local model server with an empty script and no recorded requests."""
    llm_server.reset()
    yield llm_server
    llm_server.reset()


def content_overrides(server: FakeLLMServer, provider: str) -> dict[str, object]:
    """Settings that aim one provider at the local server, with short timeouts and backoff."""
    values: dict[str, object] = {
        "content_provider": provider,
        "content_timeout_seconds": TEST_TIMEOUT_SECONDS,
        "content_retry_backoff_seconds": 0.05,
        "content_max_retry_after_seconds": 1.5,
    }
    if provider == "openai":
        values |= {"openai_api_key": SecretStr("sk-test"), "openai_base_url": f"{server.url}/v1"}
        values["openai_model"] = "fake-gpt"
    else:
        values |= {"anthropic_api_key": SecretStr("sk-ant-test"), "anthropic_base_url": server.url}
        values["anthropic_model"] = "fake-claude"
    return values


async def _serve(app: FastAPI) -> AsyncIterator[FastAPI]:
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture(scope="session")
async def openai_app(
    database: TestDatabase, signing_key_pem: str, llm_server: FakeLLMServer
) -> AsyncIterator[FastAPI]:
    settings = build_settings(database, signing_key_pem, **content_overrides(llm_server, "openai"))
    async for app in _serve(create_app(settings)):
        yield app


@pytest.fixture(scope="session")
async def anthropic_app(
    database: TestDatabase, signing_key_pem: str, llm_server: FakeLLMServer
) -> AsyncIterator[FastAPI]:
    settings = build_settings(database, signing_key_pem, **content_overrides(llm_server, "anthropic"))
    async for app in _serve(create_app(settings)):
        yield app


@pytest.fixture
async def openai_client(openai_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=openai_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=30) as http:
        yield http


@pytest.fixture
async def anthropic_client(anthropic_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=anthropic_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=30) as http:
        yield http


@pytest.fixture(params=["openai", "anthropic"])
async def provider_client(
    request: pytest.FixtureRequest, openai_app: FastAPI, anthropic_app: FastAPI
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app aimed at each network provider in turn."""
    app = openai_app if request.param == "openai" else anthropic_app
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=30) as http:
        yield http


ContextClientMaker = Callable[..., TestUser]


@pytest.fixture
def context_client(factory: Factory, admin: psycopg.Connection[DictRow]) -> ContextClientMaker:
    """Create a client with a business context and a subscription; keyword arguments override the defaults."""

    def make(
        *,
        business_name: str = "Panadería de Prueba",
        industry: str = "Panadería",
        business_description: str | None = "Pan artesanal de masa madre, horneado cada mañana.",
        target_audience: str | None = "Vecinos del barrio",
        keywords: list[str] | None = None,
        forbidden_words: list[str] | None = None,
        forbidden_topics: list[str] | None = None,
        language: str = "es",
        plan: str = "pro",
        status: str = "active",
        reseller_id: uuid.UUID | None = None,
        with_context: bool = True,
    ) -> TestUser:
        user = factory.user(reseller_id=reseller_id)
        if with_context:
            admin.execute(
                "insert into public.client_context (client_id, business_name, industry, "
                "business_description, target_audience, keywords, forbidden_words, forbidden_topics, "
                "language) "
                "values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    user.id,
                    business_name,
                    industry,
                    business_description,
                    target_audience,
                    keywords or ["masa madre", "pan artesanal"],
                    forbidden_words or [],
                    forbidden_topics or [],
                    language,
                ),
            )
        admin.execute(
            "insert into public.subscriptions (client_id, plan_id, status) values (%s, %s, %s) "
            "on conflict (client_id) do update set plan_id = excluded.plan_id, status = excluded.status",
            (user.id, plan, status),
        )
        return user

    return make


def usage_of(admin: psycopg.Connection[DictRow], client_id: uuid.UUID) -> int:
    """This month's generation count of a client."""
    row = admin.execute(
        "select coalesce(sum(used), 0)::int as used from private.generation_usage where client_id = %s "
        "and period_start = date_trunc('month', now() at time zone 'utc')::date",
        (client_id,),
    ).fetchone()
    assert row is not None
    return int(row["used"])


def stored_rows(admin: psycopg.Connection[DictRow], client_id: uuid.UUID) -> list[DictRow]:
    """Every generated_content row of a client, oldest first."""
    return admin.execute(
        "select * from public.generated_content where client_id = %s order by created_at, variant",
        (client_id,),
    ).fetchall()


def sse_events(raw: bytes) -> list[tuple[str, str]]:
    """Split an event stream into (event, data) pairs; each event must decode as UTF-8 on its own."""
    events = []
    for block in raw.split(b"\n\n"):
        if not block.strip():
            continue
        text = block.decode("utf-8", errors="strict")
        fields = dict(line.split(": ", 1) for line in text.split("\n"))
        events.append((fields["event"], fields["data"]))
    return events
