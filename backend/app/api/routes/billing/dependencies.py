"""The billing collaborators as a FastAPI dependency: 503 while billing is not configured."""

import logging
from typing import Annotated

from fastapi import Depends, Request

from app.core.errors import ServiceUnavailableError
from app.services.billing.dependencies import BillingDependencies

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "Billing is not configured on this server; set the STRIPE_* settings and restart"


def get_billing_dependencies(request: Request) -> BillingDependencies:
    """Return the billing collaborators built at start-up.

    Raises:
        ServiceUnavailableError: the Stripe settings are missing (development and test only).
    """
    deps: BillingDependencies | None = getattr(request.app.state, "billing", None)
    if deps is None:
        raise ServiceUnavailableError(NOT_CONFIGURED)
    return deps


BillingDeps = Annotated[BillingDependencies, Depends(get_billing_dependencies)]
