"""Character-safe stream joining, Retry-After parsing and provider selection."""

import dataclasses
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pydantic import SecretStr, ValidationError

from app.core.errors import ServiceUnavailableError
from app.core.settings import Settings
from app.infrastructure.llm.errors import ProviderQuotaError, ProviderRateLimitError, ProviderServerError
from app.infrastructure.llm.status import classify_status, parse_retry_after
from app.services.content.text_chunks import CharacterSafeJoiner
from tests.conftest import build_settings


def _join(pieces: list[str]) -> list[str]:
    joiner = CharacterSafeJoiner()
    sent = [joiner.feed(piece) for piece in pieces]
    sent.append(joiner.flush())
    return [piece for piece in sent if piece]


def test_joiner_keeps_text_intact() -> None:
    pieces = ["Cafeteri", "\u0301a N", "\u0303andú ", "🥐", " 👩", "\u200d", "💻 ", "🇪", "🇸", " fin"]

    sent = _join(pieces)

    assert "".join(sent) == "".join(pieces)
    for piece in sent:
        assert not piece.startswith(("\u0301", "\u0303", "\u200d"))
        assert not piece.endswith("\u200d")
        piece.encode("utf-8")
    assert any("🇪🇸" in piece for piece in sent)


def test_joiner_pairs_split_surrogates() -> None:
    high, low = "\ud83e", "\udd50"

    sent = _join(["pan ", high, low + " listo"])

    assert "".join(sent) == "pan 🥐 listo"


def test_joiner_replaces_lone_surrogate() -> None:
    assert "".join(_join(["a\ud83e", "b"])) == "a\ufffdb"


def test_retry_after_forms() -> None:
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)

    assert parse_retry_after("1") == 1.0
    assert parse_retry_after("0.5") == 0.5
    assert 25 <= (parse_retry_after(soon) or 0) <= 31
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_status_classification() -> None:
    assert isinstance(classify_status(429, {"retry-after": "2"}, None, None), ProviderRateLimitError)
    assert isinstance(classify_status(429, {}, {"code": "insufficient_quota"}, None), ProviderQuotaError)
    assert isinstance(
        classify_status(400, {}, {"type": "error", "error": {"type": "billing_error"}}, None),
        ProviderQuotaError,
    )
    assert isinstance(classify_status(402, {}, None, None), ProviderQuotaError)
    assert isinstance(classify_status(529, {}, None, None), ProviderServerError)


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"content_provider": "openai"}, "OPENAI_API_KEY"),
        ({"content_provider": "openai", "openai_api_key": SecretStr("k")}, "OPENAI_BASE_URL"),
        ({"content_provider": "anthropic", "anthropic_base_url": "http://127.0.0.1:9"}, "ANTHROPIC_API_KEY"),
        ({"content_provider": "anthropic", "anthropic_api_key": SecretStr("k")}, "ANTHROPIC_BASE_URL"),
    ],
)
def test_chosen_provider_needs_settings(database, signing_key_pem, overrides, variable) -> None:
    with pytest.raises(ValidationError, match=variable):
        build_settings(database, signing_key_pem, **overrides)


def test_base_url_must_be_http(database, signing_key_pem) -> None:
    with pytest.raises(ValidationError, match="openai_base_url"):
        build_settings(database, signing_key_pem, openai_base_url="file:///etc/passwd")


def test_auto_provider_choice(database, signing_key_pem) -> None:
    keys = {
        "openai_api_key": SecretStr("k"),
        "openai_base_url": "http://127.0.0.1:9/v1",
    }

    def resolve(environment: str, **values: object) -> str | None:
        settings: Settings = build_settings(database, signing_key_pem, environment=environment, **values)
        return settings.resolved_content_provider()

    assert resolve("test", **keys) == "offline"
    assert resolve("development") == "offline"
    assert resolve("development", **keys) == "openai"
    assert resolve("development", openai_api_key=SecretStr("k")) == "offline"
    assert resolve(
        "development", anthropic_api_key=SecretStr("k"), anthropic_base_url="http://127.0.0.1:9"
    ) == ("anthropic")


def test_missing_provider_is_503(app) -> None:
    deps = dataclasses.replace(app.state.content, provider=None)

    with pytest.raises(ServiceUnavailableError, match="CONTENT_PROVIDER"):
        deps.require_provider()
