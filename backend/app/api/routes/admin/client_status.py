"""POST /admin/clients/{client_id}/status."""

import logging
import uuid

from fastapi import APIRouter

from app.api.deps import AuthDeps, CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.admin.models import ClientStatusChange
from app.api.routes.auth.models import ClientProfile
from app.api.routes.auth.presenters import client_profile
from app.services.admin.client_status import change_client_status

logger = logging.getLogger(__name__)

router = APIRouter()


@router.post("/clients/{client_id}/status", response_model=ApiResponse[ClientProfile])
async def set_client_status(
    client_id: uuid.UUID, body: ClientStatusChange, identity: CurrentIdentity, deps: AuthDeps
) -> ApiResponse[ClientProfile]:
    """
    Suspend or reactivate an account.

    Args:
        client_id: the account to change.
        body: `{"status": "suspended"}` or `{"status": "active"}`.

    Returns:
        ApiResponse[ClientProfile] with the account as it is now.

    Raises:
        HTTPException 400: the caller targets its own account.
        HTTPException 401: missing, invalid or revoked token.
        HTTPException 403: the caller is neither the owner nor an agency admin.
        HTTPException 404: the account does not exist, or is not a client of the admin's agency.
        HTTPException 422: the status is not `active` or `suspended`.

    Security:
        The owner may change any account; an agency admin only its own agency's
        clients. Suspending revokes every session, so the account's tokens stop
        working at once, in PostgREST too.
    """
    profile = await change_client_status(deps.db, identity, client_id, body.status)
    logger.info("Status of client %s changed to %s", client_id, body.status)
    return ApiResponse(data=client_profile(profile), message=f"Account is now {body.status}")
