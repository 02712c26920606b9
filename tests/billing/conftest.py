"""Fixtures of the billing tests: a fake Stripe API, an app configured for it, and a webhook sender."""

import secrets
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from app.core.settings import Settings
from app.main import create_app
from tests.billing.fake_stripe import FakeStripe
from tests.billing.rows import Admin, link_customer
from tests.billing.stripe_payloads import (
    PRICE_BASIC,
    PRICE_ENTERPRISE,
    PRICE_PRO,
    WEBHOOK_SECRET,
    event,
    signature_header,
)
from tests.conftest import build_settings
from tests.helpers.database import TestDatabase
from tests.helpers.factories import Factory, TestUser

WEBHOOK_PATH = "/api/v1/billing/webhook"
RETURN_URL = "http://127.0.0.1:5173/billing"


def billing_values(api_base: str) -> dict[str, object]:
    """The billing settings of the test app, pointing the SDK at the fake."""
    return {
        "stripe_secret_key": SecretStr("sk_test_fake_4eC39HqLyjWDarjtT1zdp7dc"),
        "stripe_webhook_secret": SecretStr(WEBHOOK_SECRET),
        "stripe_price_basic": PRICE_BASIC,
        "stripe_price_pro": PRICE_PRO,
        "stripe_price_enterprise": PRICE_ENTERPRISE,
        "stripe_api_base": api_base,
        "billing_return_url": RETURN_URL,
    }


@pytest.fixture(scope="session")
def fake_stripe_server() -> Iterator[FakeStripe]:
    server = FakeStripe().start()
    yield server
    server.stop()


@pytest.fixture
def fake_stripe(fake_stripe_server: FakeStripe) -> FakeStripe:
    fake_stripe_server.reset()
    return fake_stripe_server


@pytest.fixture(scope="session")
def billing_settings(
    database: TestDatabase, signing_key_pem: str, fake_stripe_server: FakeStripe
) -> Settings:
    return build_settings(database, signing_key_pem, **billing_values(fake_stripe_server.url))


@pytest.fixture(scope="session")
async def billing_app(billing_settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(billing_settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def billing_client(billing_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=billing_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@dataclass
class WebhookSender:
    """Posts events to the webhook endpoint, signed as Stripe signs them."""

    http: httpx.AsyncClient

    async def send(
        self,
        event_type: str,
        data_object: dict[str, object],
        created: int | None = None,
        event_id: str | None = None,
    ) -> httpx.Response:
        """Sign and post one event; `created` defaults to now."""
        payload = event(event_type, data_object, created or int(time.time()), event_id)
        return await self.post(payload, signature_header(payload))

    async def post(self, payload: bytes, header: str | None) -> httpx.Response:
        """Post raw bytes with a given `Stripe-Signature` header (or none)."""
        headers = {"Content-Type": "application/json"}
        if header is not None:
            headers["Stripe-Signature"] = header
        return await self.http.post(WEBHOOK_PATH, content=payload, headers=headers)


@pytest.fixture
def webhooks(billing_client: httpx.AsyncClient) -> WebhookSender:
    return WebhookSender(billing_client)


@dataclass(frozen=True)
class LinkedClient:
    """A client whose Stripe customer is stored, and the id its Stripe subscription will have."""

    user: TestUser
    customer_id: str
    subscription_id: str


@pytest.fixture
def linked_client(factory: Factory, admin: Admin) -> LinkedClient:
    user = factory.user()
    customer_id = f"cus_{secrets.token_hex(6)}"
    link_customer(admin, user.id, customer_id)
    return LinkedClient(user, customer_id, f"sub_{secrets.token_hex(6)}")
