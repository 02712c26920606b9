"""POST /auth/refresh."""

import logging

from fastapi import APIRouter

from app.api.deps import AuthDeps
from app.api.envelope import ApiResponse
from app.api.routes.auth.models import RefreshRequest, TokenPair
from app.api.routes.auth.presenters import token_pair
from app.services.auth.sessions import rotate_session

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/refresh", response_model=ApiResponse[TokenPair])
async def refresh(body: RefreshRequest, deps: AuthDeps) -> ApiResponse[TokenPair]:
    """
    Exchange a refresh token for a new access token and a new refresh token.

    Args:
        body: the current refresh token, which stops working once used.

    Returns:
        ApiResponse[TokenPair] without the client profile.

    Raises:
        HTTPException 401: unknown, expired or revoked token; presenting a token
            that was already rotated also revokes the whole session.
        HTTPException 403: the account was suspended.

    Security:
        Only the SHA-256 of refresh tokens is stored.
    """
    result = await rotate_session(deps, body.refresh_token)
    logger.info("Refresh succeeded for session %s", result.session_id)
    return ApiResponse(data=token_pair(result), message="Tokens refreshed")
