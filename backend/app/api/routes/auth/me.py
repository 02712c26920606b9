"""GET /auth/me."""

import logging

from fastapi import APIRouter

from app.api.deps import AuthDeps, CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.auth.models import ClientProfile
from app.api.routes.auth.presenters import client_profile
from app.services.auth.profile import get_own_profile

logger = logging.getLogger(__name__)

router = APIRouter()


@router.get("/me", response_model=ApiResponse[ClientProfile])
async def me(identity: CurrentIdentity, deps: AuthDeps) -> ApiResponse[ClientProfile]:
    """
    Return the caller's profile, read under row-level security.

    Returns:
        ApiResponse[ClientProfile].

    Raises:
        HTTPException 401: missing, invalid or revoked token, or suspended account.
        HTTPException 404: the account no longer exists.
    """
    profile = await get_own_profile(deps.db, identity)
    logger.info("Profile read by client %s", identity.client_id)
    return ApiResponse(data=client_profile(profile), message="Profile")
