"""Service settings, read once from the environment and validated at start-up."""

import logging
from functools import lru_cache
from typing import Literal, Self

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.security.keys import load_es256_private_key
from app.core.settings_billing import BillingSettings
from app.core.settings_content import ContentSettings

logger = logging.getLogger(__name__)

# Values copied from tutorials or templates. A secret equal to one of these is
# rejected at start-up as if it were missing.
PLACEHOLDER_SECRETS = frozenset(
    {
        "changeme",
        "change-me",
        "secret",
        "your-secret",
        "your-jwt-secret",
        "super-secret-jwt-token-with-at-least-32-characters-long",
    }
)
MIN_HS256_SECRET_CHARS = 32


class Settings(BillingSettings, ContentSettings, BaseSettings):
    """Every setting of the service; environment variable names are the field names in upper case."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    environment: Literal["production", "development", "test"] = "production"
    database_url: str = Field(min_length=1, description="Postgres URL of the omega_api login role")
    db_pool_min_size: int = Field(default=1, ge=1, le=100)
    db_pool_max_size: int = Field(default=10, ge=1, le=500)

    jwt_algorithm: Literal["ES256", "HS256"] = "ES256"
    jwt_private_key: SecretStr | None = Field(default=None, description="PEM EC P-256 private key (ES256)")
    jwt_key_id: str | None = Field(default=None, max_length=200, description="`kid` of the ES256 key")
    jwt_secret: SecretStr | None = Field(default=None, description="Supabase legacy JWT secret (HS256)")
    jwt_issuer: str = Field(default="omega", min_length=1)
    access_token_ttl_seconds: int = Field(default=900, ge=60, le=86_400)
    refresh_token_ttl_days: int = Field(default=30, ge=1, le=365)

    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = Field(default=1_048_576, ge=1_024)
    trust_proxy_headers: bool = False

    login_rate_window_seconds: int = Field(default=900, ge=1)
    login_rate_limit_per_email: int = Field(default=10, ge=1)
    login_rate_limit_per_ip: int = Field(default=100, ge=1)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @model_validator(mode="after")
    def check_signing_key(self) -> Self:
        """Require the key material of the configured algorithm, and reject placeholders."""
        if self.jwt_algorithm == "ES256":
            if self.jwt_private_key is None or not self.jwt_private_key.get_secret_value().strip():
                raise ValueError("JWT_PRIVATE_KEY is missing: ES256 signing needs a PEM EC P-256 private key")
            if not self.jwt_key_id:
                raise ValueError("JWT_KEY_ID is missing: ES256 tokens carry the key id as `kid`")
            load_es256_private_key(self.jwt_private_key.get_secret_value())
        else:
            secret = self.jwt_secret.get_secret_value() if self.jwt_secret else ""
            if not secret:
                raise ValueError("JWT_SECRET is missing: HS256 signing needs the project's JWT secret")
            if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_HS256_SECRET_CHARS:
                raise ValueError(
                    f"JWT_SECRET is a placeholder or shorter than {MIN_HS256_SECRET_CHARS} characters"
                )
        if self.db_pool_min_size > self.db_pool_max_size:
            raise ValueError("DB_POOL_MIN_SIZE must not exceed DB_POOL_MAX_SIZE")
        return self


def describe_settings_error(error: ValidationError) -> str:
    """Turn a validation error into one line per variable, without echoing values."""
    lines = []
    for item in error.errors(include_input=False, include_url=False):
        names = ".".join(str(part) for part in item["loc"]).upper()
        lines.append(f"  {names or 'settings'}: {item['msg']}")
    return "Invalid or missing settings:\n" + "\n".join(lines)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Load settings from the environment once per process."""
    return Settings()  # type: ignore[call-arg]  # pydantic-settings fills required fields from the environment
