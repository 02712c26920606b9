"""Collaborators of the billing services, built once per process when billing is configured."""

import logging
from dataclasses import dataclass

from app.core.settings import Settings
from app.infrastructure.database import Database
from app.infrastructure.stripe.gateway import StripeGateway
from app.services.billing.plans import PlanPrices

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BillingDependencies:
    """Database, Stripe client, prices, webhook secret and the frontend's billing page."""

    db: Database
    gateway: StripeGateway
    prices: PlanPrices
    webhook_secret: str
    return_url: str


def build_billing_dependencies(settings: Settings, db: Database) -> BillingDependencies | None:
    """Build the billing collaborators, or return None (with one warning) when billing is not configured.

    Production never gets here unconfigured: Settings rejects missing billing
    variables when ENVIRONMENT is production.
    """
    missing = settings.missing_billing_settings()
    if missing:
        logger.warning(
            "Billing is not configured (missing %s): billing endpoints return 503", ", ".join(missing)
        )
        return None

    # The checks above guarantee every value below is set.
    assert settings.stripe_secret_key is not None and settings.stripe_webhook_secret is not None
    assert settings.stripe_price_basic is not None
    assert settings.stripe_price_pro is not None
    assert settings.stripe_price_enterprise is not None
    assert settings.billing_return_url is not None
    gateway = StripeGateway(settings.stripe_secret_key.get_secret_value(), settings.stripe_api_base)
    prices = PlanPrices(
        settings.stripe_price_basic, settings.stripe_price_pro, settings.stripe_price_enterprise
    )
    logger.info("Billing configured (Stripe API base %s)", settings.stripe_api_base or "default")
    return BillingDependencies(
        db=db,
        gateway=gateway,
        prices=prices,
        webhook_secret=settings.stripe_webhook_secret.get_secret_value(),
        return_url=settings.billing_return_url,
    )
