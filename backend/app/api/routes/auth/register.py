"""POST /auth/register."""

import logging

from fastapi import APIRouter, status

from app.api.deps import AuthDeps, Origin
from app.api.envelope import ApiResponse
from app.api.routes.auth.models import RegisterRequest, TokenPair
from app.api.routes.auth.presenters import token_pair
from app.services.auth.sign_in import Registration, register_client

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=ApiResponse[TokenPair])
async def register(body: RegisterRequest, deps: AuthDeps, origin: Origin) -> ApiResponse[TokenPair]:
    """
    Create a client account and sign it in.

    Args:
        body: email, password (8 to 72 bytes), full name and optional agency slug.

    Returns:
        ApiResponse[TokenPair] with the access and refresh tokens and the new profile.

    Raises:
        HTTPException 404: the agency slug is unknown or the agency is not active.
        HTTPException 409: an account with this email already exists.
        HTTPException 422: invalid email, password length or name.
        HTTPException 429: too many sign-ups from this IP; see `Retry-After`.
    """
    registration = Registration(str(body.email), body.password, body.full_name, body.reseller_slug)
    result = await register_client(deps, registration, origin)
    logger.info("Registration completed for session %s", result.session_id)
    return ApiResponse(data=token_pair(result), message="Account created")
