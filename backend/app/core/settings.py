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
    # Empty here so a missing URL is reported together with every other problem.
    database_url: str = Field(default="", description="Postgres URL of the omega_api login role")
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
    register_rate_limit_per_ip: int = Field(default=20, ge=1)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @model_validator(mode="after")
    def check_all(self) -> Self:
        """Collect every missing or invalid setting, so one start-up names them all."""
        problems = self._core_problems() + self.billing_problems(self.environment) + self.content_problems()
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def _core_problems(self) -> list[str]:
        """Check the database URL, the signing key of the configured algorithm and the pool bounds."""
        problems = [] if self.database_url.strip() else ["DATABASE_URL is missing"]
        if self.jwt_algorithm == "ES256":
            problems += _es256_problems(self.jwt_private_key, self.jwt_key_id)
        else:
            secret = self.jwt_secret.get_secret_value() if self.jwt_secret else ""
            if not secret:
                problems.append("JWT_SECRET is missing: HS256 signing needs the project's JWT secret")
            elif secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_HS256_SECRET_CHARS:
                problems.append(
                    f"JWT_SECRET is a placeholder or shorter than {MIN_HS256_SECRET_CHARS} characters"
                )
        if self.db_pool_min_size > self.db_pool_max_size:
            problems.append("DB_POOL_MIN_SIZE must not exceed DB_POOL_MAX_SIZE")
        return problems


def _es256_problems(private_key: SecretStr | None, key_id: str | None) -> list[str]:
    """Require a readable P-256 private key and its key id."""
    problems = []
    pem = private_key.get_secret_value().strip() if private_key else ""
    if not pem:
        problems.append("JWT_PRIVATE_KEY is missing: ES256 signing needs a PEM EC P-256 private key")
    else:
        try:
            load_es256_private_key(pem)
        except ValueError as error:
            problems.append(str(error))
    if not key_id:
        problems.append("JWT_KEY_ID is missing: ES256 tokens carry the key id as `kid`")
    return problems


def describe_settings_error(error: ValidationError) -> str:
    """Turn a validation error into one line per variable, without echoing values."""
    lines = []
    for item in error.errors(include_input=False, include_url=False):
        names = ".".join(str(part) for part in item["loc"]).upper()
        if names:
            lines.append(f"  {names}: {item['msg']}")
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
            lines += [f"  {line}" for line in message.splitlines()]
    return "Invalid or missing settings:\n" + "\n".join(lines)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Load settings from the environment once per process."""
    return Settings()
