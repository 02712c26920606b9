"""Stripe billing settings, mixed into the service's Settings."""

import logging
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings

logger = logging.getLogger(__name__)

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class BillingSettings(BaseSettings):
    """Stripe keys and price ids; environment variable names are the field names in upper case.

    Production requires every field except `stripe_api_base`. Under
    `development` or `test` they may be missing, and then the billing
    endpoints return 503.
    """

    stripe_secret_key: SecretStr | None = Field(default=None, description="Secret or restricted API key")
    stripe_webhook_secret: SecretStr | None = Field(
        default=None, description="Signing secret (`whsec_...`) of the webhook endpoint"
    )
    stripe_price_basic: str | None = Field(default=None, description="Monthly price id of the basic plan")
    stripe_price_pro: str | None = Field(default=None, description="Monthly price id of the pro plan")
    stripe_price_enterprise: str | None = Field(
        default=None, description="Monthly price id of the enterprise plan"
    )
    stripe_api_base: str | None = Field(
        default=None, description="Base URL of the Stripe API; unset means https://api.stripe.com"
    )
    billing_return_url: str | None = Field(
        default=None,
        description="Frontend page that Checkout and the Customer Portal send the customer back to",
    )

    @field_validator("stripe_secret_key", "stripe_webhook_secret", mode="before")
    @classmethod
    def blank_secret_is_missing(cls, value: object) -> object:
        """Treat an empty or all-space variable as unset."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator(
        "stripe_price_basic",
        "stripe_price_pro",
        "stripe_price_enterprise",
        "stripe_api_base",
        "billing_return_url",
        mode="before",
    )
    @classmethod
    def blank_text_is_missing(cls, value: object) -> object:
        """Treat an empty or all-space variable as unset."""
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    def billing_problems(self, environment: str) -> list[str]:
        """List malformed values, and in production every missing one, one message per variable."""
        problems = _format_problems(self)
        if environment == "production":
            problems += [
                f"{name} is missing: billing needs it when ENVIRONMENT is production"
                for name in self.missing_billing_settings()
            ]
        return problems

    def missing_billing_settings(self) -> list[str]:
        """Return the names of the required billing variables that are unset."""
        required = {
            "STRIPE_SECRET_KEY": self.stripe_secret_key,
            "STRIPE_WEBHOOK_SECRET": self.stripe_webhook_secret,
            "STRIPE_PRICE_BASIC": self.stripe_price_basic,
            "STRIPE_PRICE_PRO": self.stripe_price_pro,
            "STRIPE_PRICE_ENTERPRISE": self.stripe_price_enterprise,
            "BILLING_RETURN_URL": self.billing_return_url,
        }
        return [name for name, value in required.items() if value is None]

    @property
    def billing_configured(self) -> bool:
        """True when every required billing variable is set."""
        return not self.missing_billing_settings()


def _format_problems(settings: BillingSettings) -> list[str]:
    """List values that are set but cannot be right, such as a publishable key in place of a secret key."""
    problems = []
    secret_key = settings.stripe_secret_key.get_secret_value() if settings.stripe_secret_key else None
    if secret_key is not None and not secret_key.startswith(("sk_", "rk_")):
        problems.append("STRIPE_SECRET_KEY must be a secret (sk_...) or restricted (rk_...) key")
    webhook_secret = settings.stripe_webhook_secret
    if webhook_secret is not None and not webhook_secret.get_secret_value().startswith("whsec_"):
        problems.append("STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_...)")

    prices = {
        "STRIPE_PRICE_BASIC": settings.stripe_price_basic,
        "STRIPE_PRICE_PRO": settings.stripe_price_pro,
        "STRIPE_PRICE_ENTERPRISE": settings.stripe_price_enterprise,
    }
    for name, price in prices.items():
        if price is not None and not price.startswith("price_"):
            problems.append(f"{name} must be a Stripe price id (price_...), got {price!r}")
    given = [price for price in prices.values() if price is not None]
    if len(given) != len(set(given)):
        problems.append("STRIPE_PRICE_BASIC, STRIPE_PRICE_PRO and STRIPE_PRICE_ENTERPRISE must differ")

    for name, url in (
        ("STRIPE_API_BASE", settings.stripe_api_base),
        ("BILLING_RETURN_URL", settings.billing_return_url),
    ):
        if url is not None and not _is_acceptable_url(url):
            problems.append(f"{name} must be an https URL (http only on 127.0.0.1 or localhost), got {url!r}")
    return problems


def _is_acceptable_url(url: str) -> bool:
    """Accept https URLs, and plain http only for a server on this machine."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
