"""GET /billing/subscription."""

import logging
import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import AuthDeps, CurrentIdentity
from app.api.envelope import ApiResponse
from app.api.routes.billing.models import SubscriptionStatus
from app.services.billing.overview import read_subscription_overview

logger = logging.getLogger(__name__)

router = APIRouter()


@router.get("/subscription", response_model=ApiResponse[SubscriptionStatus])
async def subscription(
    identity: CurrentIdentity,
    deps: AuthDeps,
    client_id: Annotated[uuid.UUID | None, Query(description="A client of the caller's agency")] = None,
) -> ApiResponse[SubscriptionStatus]:
    """
    Return a subscription with its limits and this month's usage.

    Args:
        client_id: omit for the caller's own; a reseller admin may pass one of its clients.

    Returns:
        ApiResponse[SubscriptionStatus].

    Raises:
        HTTPException 401: missing, invalid or revoked token.
        HTTPException 403: the client is not the caller nor one of its agency's clients.
        HTTPException 404: the client does not exist (visible to the owner only).
        HTTPException 422: client_id is not a UUID.

    Reads only the database, so it works while Stripe is not configured.
    """
    overview = await read_subscription_overview(deps.db, identity, client_id)
    logger.info("Subscription of client %s read by %s", overview.client_id, identity.client_id)
    return ApiResponse(
        data=SubscriptionStatus(
            client_id=overview.client_id,
            plan=overview.plan_id,
            status=overview.status,
            allows_work=overview.allows_work,
            trial_ends_at=overview.trial_ends_at,
            current_period_end=overview.current_period_end,
            cancel_at_period_end=overview.cancel_at_period_end,
            max_social_accounts=overview.max_social_accounts,
            monthly_generations=overview.monthly_generations,
            social_accounts_used=overview.social_accounts_used,
            generations_used=overview.generations_used,
            usage_resets_at=overview.usage_resets_at,
        ),
        message="Subscription",
    )
