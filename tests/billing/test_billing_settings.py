"""Billing settings: required in production, optional (503) in development and test."""

import logging
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr, ValidationError

from app.cli.main import main
from app.core.settings import Settings, get_settings
from app.main import create_app
from tests.billing.conftest import billing_values
from tests.conftest import build_settings
from tests.helpers.database import TestDatabase
from tests.helpers.factories import Factory

REQUIRED = [
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_PRICE_BASIC",
    "STRIPE_PRICE_PRO",
    "STRIPE_PRICE_ENTERPRISE",
    "BILLING_RETURN_URL",
]
LOCAL_API = "http://127.0.0.1:12111"


def test_production_requires_every_billing_setting(database: TestDatabase, signing_key_pem: str) -> None:
    with pytest.raises(ValidationError) as error:
        build_settings(database, signing_key_pem, environment="production")

    for name in REQUIRED:
        assert name in str(error.value)


def test_production_accepts_complete_billing(database: TestDatabase, signing_key_pem: str) -> None:
    settings = build_settings(
        database, signing_key_pem, environment="production", **billing_values(LOCAL_API)
    )

    assert settings.billing_configured
    assert settings.stripe_api_base == LOCAL_API


def test_development_allows_missing_billing(database: TestDatabase, signing_key_pem: str) -> None:
    settings = build_settings(database, signing_key_pem, environment="development")

    assert not settings.billing_configured
    assert settings.missing_billing_settings() == REQUIRED


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stripe_secret_key", SecretStr("pk_test_publishable"), "STRIPE_SECRET_KEY"),
        ("stripe_webhook_secret", SecretStr("sk_test_wrong_field"), "STRIPE_WEBHOOK_SECRET"),
        ("stripe_price_pro", "prod_123", "STRIPE_PRICE_PRO"),
        ("stripe_price_pro", "price_test_basic", "must differ"),
        ("stripe_api_base", "http://10.0.0.1:12111", "STRIPE_API_BASE"),
        ("stripe_api_base", "ftp://127.0.0.1", "STRIPE_API_BASE"),
        ("billing_return_url", "not a url", "BILLING_RETURN_URL"),
    ],
)
def test_malformed_billing_value_rejected(
    field: str, value: object, message: str, database: TestDatabase, signing_key_pem: str
) -> None:
    values = billing_values(LOCAL_API) | {field: value}

    with pytest.raises(ValidationError) as error:
        build_settings(database, signing_key_pem, **values)

    assert message in str(error.value)
    assert "sk_test_wrong_field" not in str(error.value)


def test_blank_values_count_as_missing(database: TestDatabase, signing_key_pem: str) -> None:
    settings = build_settings(database, signing_key_pem, stripe_secret_key="  ", stripe_price_basic="")

    assert "STRIPE_SECRET_KEY" in settings.missing_billing_settings()
    assert "STRIPE_PRICE_BASIC" in settings.missing_billing_settings()


@pytest.fixture
def unconfigured_settings(database: TestDatabase, signing_key_pem: str) -> Settings:
    return build_settings(database, signing_key_pem, environment="development")


def test_unconfigured_app_logs_one_warning(
    unconfigured_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        create_app(unconfigured_settings)

    warnings = [r for r in caplog.records if "Billing is not configured" in r.getMessage()]
    assert len(warnings) == 1
    assert "STRIPE_SECRET_KEY" in warnings[0].getMessage()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/billing/checkout"),
        ("POST", "/api/v1/billing/portal"),
        ("POST", "/api/v1/billing/cancel"),
        ("POST", "/api/v1/billing/webhook"),
    ],
)
async def test_unconfigured_endpoints_answer_503(
    method: str, path: str, client: httpx.AsyncClient, factory: Factory
) -> None:
    user = factory.user()

    response = await client.request(method, path, json={"plan": "pro"}, headers=user.headers)

    assert response.status_code == 503
    assert "Billing is not configured" in response.json()["detail"]


@pytest.fixture
def production_environment(
    monkeypatch: pytest.MonkeyPatch, database: TestDatabase, signing_key_pem: str
) -> Iterator[None]:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", database.service_url)
    monkeypatch.setenv("JWT_ALGORITHM", "ES256")
    monkeypatch.setenv("JWT_PRIVATE_KEY", signing_key_pem)
    monkeypatch.setenv("JWT_KEY_ID", "omega-test-key")
    for name in [*REQUIRED, "STRIPE_API_BASE"]:
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_serve_refuses_without_billing(
    production_environment: None, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_status = main(["serve", "--host", "127.0.0.1", "--port", "0"])

    assert exit_status == 2
    error_output = capsys.readouterr().err
    for name in REQUIRED:
        assert name in error_output


async def test_unconfigured_subscription_still_readable(client: httpx.AsyncClient) -> None:
    body = {"email": "sin-stripe@example.com", "password": "12345678", "full_name": "Sin Stripe"}
    token = (await client.post("/api/v1/auth/register", json=body)).json()["data"]["access_token"]

    response = await client.get("/api/v1/billing/subscription", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert response.json()["data"]["plan"] == "basic"
    assert response.json()["data"]["status"] == "trialing"
    assert response.json()["data"]["allows_work"] is True
