"""Content generation settings, mixed into the service's Settings."""

import logging
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings

logger = logging.getLogger(__name__)

ProviderName = Literal["openai", "anthropic", "offline"]
ProviderChoice = Literal["auto", "openai", "anthropic", "offline"]
HTTP_URL_PATTERN = r"^https?://[^\s/?#]+(/[^\s]*)?$"


class ContentSettings(BaseSettings):
    """LLM provider selection and limits; environment variable names are the field names in upper case."""

    content_provider: ProviderChoice = Field(
        default="auto",
        description="openai, anthropic, offline, or auto (see resolved_content_provider)",
    )
    openai_api_key: SecretStr | None = Field(default=None, description="Key of the OpenAI-compatible server")
    # No default URL: the operator names the server (OpenAI, Groq, DeepSeek, Ollama, vLLM...).
    openai_base_url: str | None = Field(default=None, pattern=HTTP_URL_PATTERN, max_length=2048)
    openai_model: str = Field(default="gpt-4o-mini", min_length=1, max_length=200)
    anthropic_api_key: SecretStr | None = Field(default=None, description="Anthropic API key")
    anthropic_base_url: str | None = Field(default=None, pattern=HTTP_URL_PATTERN, max_length=2048)
    anthropic_model: str = Field(default="claude-sonnet-4-5", min_length=1, max_length=200)

    content_timeout_seconds: float = Field(
        default=60.0, gt=0, le=600, description="Deadline of one provider call"
    )
    content_server_error_retries: int = Field(
        default=2, ge=0, le=5, description="Retries after a provider 5xx"
    )
    content_rate_limit_retries: int = Field(default=2, ge=0, le=5, description="Retries after a provider 429")
    content_retry_backoff_seconds: float = Field(
        default=0.5, ge=0, le=30, description="First backoff, doubled"
    )
    content_max_retry_after_seconds: float = Field(
        default=20.0, ge=0, le=600, description="A longer provider Retry-After fails at once with 503"
    )
    content_prompt_budget_chars: int = Field(
        default=6_000, ge=500, le=100_000, description="Maximum characters of the client context block"
    )
    content_max_output_tokens: int = Field(default=1_024, ge=16, le=32_000)

    def content_problems(self) -> list[str]:
        """List the settings an explicitly chosen provider needs and lacks."""
        required: dict[str, SecretStr | str | None] = {}
        if self.content_provider == "openai":
            required = {"OPENAI_API_KEY": self.openai_api_key, "OPENAI_BASE_URL": self.openai_base_url}
        elif self.content_provider == "anthropic":
            required = {
                "ANTHROPIC_API_KEY": self.anthropic_api_key,
                "ANTHROPIC_BASE_URL": self.anthropic_base_url,
            }
        return [
            f"{variable} is missing: CONTENT_PROVIDER={self.content_provider} needs it"
            for variable, value in required.items()
            if _is_blank(value)
        ]

    def resolved_content_provider(self) -> ProviderName | None:
        """Return the provider to use, or None when content generation is not configured.

        `auto` picks openai, then anthropic, when its key and base URL are both
        set; otherwise `offline` in development. Tests always get `offline`
        from `auto`, so no test reaches a server it did not choose.
        """
        if self.content_provider != "auto":
            return self.content_provider
        environment = getattr(self, "environment", "production")
        if environment == "test":
            return "offline"
        if self.openai_api_key is not None and self.openai_base_url:
            return "openai"
        if self.anthropic_api_key is not None and self.anthropic_base_url:
            return "anthropic"
        if environment == "development":
            return "offline"
        return None


def _is_blank(value: SecretStr | str | None) -> bool:
    """Report whether a setting is unset, empty or only spaces."""
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    return not text or not text.strip()
