"""POST /billing/cancel."""

import logging

from fastapi import APIRouter

from app.api.deps import CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.billing.dependencies import BillingDeps
from app.api.routes.billing.models import CancellationStatus
from app.services.billing.checkout import cancel_at_period_end

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/cancel", response_model=ApiResponse[CancellationStatus])
async def cancel(identity: CurrentIdentity, billing: BillingDeps) -> ApiResponse[CancellationStatus]:
    """
    Cancel the caller's subscription at the end of the paid period.

    Access continues until then. The database records the cancellation when
    Stripe's customer.subscription.updated webhook arrives.

    Returns:
        ApiResponse[CancellationStatus] with Stripe's response.

    Raises:
        HTTPException 401: missing, invalid or revoked token.
        HTTPException 403: the account's agency is suspended.
        HTTPException 404: the account has no live Stripe subscription.
        HTTPException 502: Stripe rejected or failed the request.
        HTTPException 503: billing is not configured.
        HTTPException 504: Stripe could not be reached.
    """
    result = await cancel_at_period_end(billing, identity)
    logger.info("Cancellation requested by client %s", identity.client_id)
    return ApiResponse(
        data=CancellationStatus(
            subscription_id=result.subscription_id,
            status=result.status,
            cancel_at_period_end=result.cancel_at_period_end,
            current_period_end=result.current_period_end,
        ),
        message="Subscription will end at the close of the current period",
    )
