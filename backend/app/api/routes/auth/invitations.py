"""POST /auth/invitations/accept."""

import logging

from fastapi import APIRouter, status

from app.api.deps import AuthDeps, Origin
from app.api.envelope import ApiResponse
from app.api.routes.auth.models import AcceptInvitationRequest, TokenPair
from app.api.routes.auth.presenters import token_pair
from app.services.invitations.accept import InvitationAcceptance, accept_invitation

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post(
    "/invitations/accept", status_code=status.HTTP_201_CREATED, response_model=ApiResponse[TokenPair]
)
async def accept(body: AcceptInvitationRequest, deps: AuthDeps, origin: Origin) -> ApiResponse[TokenPair]:
    """
    Accept an invitation: create the invited account and sign it in.

    Args:
        body: the invitation token, the new account's full name and a password (8 to 72 bytes).

    Returns:
        ApiResponse[TokenPair] with the access and refresh tokens and the new
        profile: a client of the inviting agency, or the agency's reseller admin.

    Raises:
        HTTPException 400: the token is unknown, expired or already used (one message for all).
        HTTPException 409: an account with the invited email already exists.
        HTTPException 422: invalid password length or blank name.

    Security:
        Only the SHA-256 of invitation tokens is stored, and each token works once.
    """
    acceptance = InvitationAcceptance(body.token, body.full_name, body.password)
    result = await accept_invitation(deps, acceptance, origin)
    logger.info("Invitation accepted, session %s", result.session_id)
    return ApiResponse(data=token_pair(result), message="Invitation accepted")
