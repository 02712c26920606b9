"""POST /auth/login."""

import logging

from fastapi import APIRouter

from app.api.deps import AuthDeps, Origin
from app.api.envelope import ApiResponse
from app.api.routes.auth.models import LoginRequest, TokenPair
from app.api.routes.auth.presenters import token_pair
from app.services.auth.sign_in import sign_in

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/login", response_model=ApiResponse[TokenPair])
async def login(body: LoginRequest, deps: AuthDeps, origin: Origin) -> ApiResponse[TokenPair]:
    """
    Sign in with email and password.

    Args:
        body: email and password.

    Returns:
        ApiResponse[TokenPair] with a 15-minute access token (by default), a
        refresh token and the client's profile.

    Raises:
        HTTPException 401: unknown email or wrong password (one message for both).
        HTTPException 403: the account is suspended.
        HTTPException 429: too many attempts for this email or IP; see `Retry-After`.
    """
    result = await sign_in(deps, body.email, body.password, origin)
    logger.info("Login succeeded for session %s", result.session_id)
    return ApiResponse(data=token_pair(result), message="Signed in")
