"""POST /auth/logout."""

import logging

from fastapi import APIRouter

from app.api.deps import AuthDeps, CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.auth.models import LogoutResult
from app.services.auth.sessions import end_session

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/logout", response_model=ApiResponse[LogoutResult])
async def logout(identity: CurrentIdentity, deps: AuthDeps) -> ApiResponse[LogoutResult]:
    """
    Revoke the session of the bearer token.

    Returns:
        ApiResponse[LogoutResult]; its refresh token stops working at once, and
        so does the access token wherever the pre-request check runs.

    Raises:
        HTTPException 401: missing or invalid token.
    """
    revoked = await end_session(deps, identity)
    logger.info("Logout for client %s", identity.client_id)
    return ApiResponse(data=LogoutResult(revoked=revoked), message="Signed out")
