"""POST /billing/checkout."""

import logging

from fastapi import APIRouter

from app.api.deps import CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.billing.dependencies import BillingDeps
from app.api.routes.billing.models import CheckoutRequest, RedirectLink
from app.services.billing.checkout import start_checkout

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/checkout", response_model=ApiResponse[RedirectLink])
async def checkout(
    body: CheckoutRequest, identity: CurrentIdentity, billing: BillingDeps
) -> ApiResponse[RedirectLink]:
    """
    Start a Stripe Checkout for a plan; the subscription is recorded when Stripe's webhook arrives.

    Args:
        body: plan (basic, pro or enterprise) and whether to start with a 7-day trial.

    Returns:
        ApiResponse[RedirectLink] with the Checkout Session URL.

    Raises:
        HTTPException 400: unknown plan.
        HTTPException 401: missing, invalid or revoked token.
        HTTPException 403: the account's agency is suspended.
        HTTPException 409: the account already has a live Stripe subscription
            (change plans in the portal), or the request is for a second trial.
        HTTPException 502: Stripe rejected or failed the request.
        HTTPException 503: billing is not configured.
        HTTPException 504: Stripe could not be reached.
    """
    url = await start_checkout(billing, identity, body.plan, body.trial)
    logger.info("Checkout link issued to client %s", identity.client_id)
    return ApiResponse(data=RedirectLink(url=url), message="Checkout session created")
