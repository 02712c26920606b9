"""POST /billing/portal."""

import logging

from fastapi import APIRouter

from app.api.deps import CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.billing.dependencies import BillingDeps
from app.api.routes.billing.models import RedirectLink
from app.services.billing.checkout import open_portal

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/portal", response_model=ApiResponse[RedirectLink])
async def portal(identity: CurrentIdentity, billing: BillingDeps) -> ApiResponse[RedirectLink]:
    """
    Open the Stripe Customer Portal, where the client changes plan, card or cancels.

    Returns:
        ApiResponse[RedirectLink] with the portal session URL.

    Raises:
        HTTPException 401: missing, invalid or revoked token.
        HTTPException 403: the account's agency is suspended.
        HTTPException 404: the account has no Stripe customer yet.
        HTTPException 502: Stripe rejected or failed the request.
        HTTPException 503: billing is not configured.
        HTTPException 504: Stripe could not be reached.
    """
    url = await open_portal(billing, identity)
    logger.info("Portal link issued to client %s", identity.client_id)
    return ApiResponse(data=RedirectLink(url=url), message="Customer portal session created")
