"""`omega serve` validates every setting before it starts and names each problem."""

import os

import pytest

from app.cli.main import main
from app.core.settings import get_settings

SETTING_PREFIXES = (
    "DATABASE_",
    "JWT_",
    "STRIPE_",
    "BILLING_",
    "CONTENT_",
    "OPENAI_",
    "ANTHROPIC_",
    "ENVIRONMENT",
)


@pytest.fixture
def bare_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every setting of the service from the environment."""
    for name in list(os.environ):
        if name.startswith(SETTING_PREFIXES):
            monkeypatch.delenv(name)
    get_settings.cache_clear()


def test_serve_names_every_missing_setting(
    bare_environment: None, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["serve"])

    errors = capsys.readouterr().err
    assert status == 2
    for variable in (
        "DATABASE_URL",
        "JWT_PRIVATE_KEY",
        "JWT_KEY_ID",
        "STRIPE_SECRET_KEY",
        "BILLING_RETURN_URL",
    ):
        assert f"{variable} is missing" in errors
    assert "Traceback" not in errors


def test_serve_rejects_placeholder_secret(
    bare_environment: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JWT_ALGORITHM", "HS256")
    monkeypatch.setenv("JWT_SECRET", "changeme")
    monkeypatch.setenv("DATABASE_URL", "postgresql://omega_api@db.internal/postgres")

    status = main(["serve"])

    errors = capsys.readouterr().err
    assert status == 2
    assert "JWT_SECRET is a placeholder" in errors
    assert "changeme" not in errors
    assert "DATABASE_URL" not in errors
