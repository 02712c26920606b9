"""Request and response schemas of the billing routes."""

import logging
import uuid
from datetime import datetime

from pydantic import BaseModel, Field

logger = logging.getLogger(__name__)


class CheckoutRequest(BaseModel):
    """The plan to subscribe to; unknown plans get 400."""

    plan: str = Field(min_length=1, max_length=40, description="basic, pro or enterprise")
    trial: bool = Field(default=False, description="Start with a 7-day free trial (first subscription only)")


class RedirectLink(BaseModel):
    """A Stripe-hosted page to send the browser to."""

    url: str


class SubscriptionStatus(BaseModel):
    """A client's plan, billing state, limits and this month's usage."""

    client_id: uuid.UUID
    plan: str | None = Field(description="Null when the client never had a subscription")
    status: str | None = Field(description="Stripe's subscription status, or trialing for the sign-up trial")
    allows_work: bool = Field(description="Whether generation and new social accounts are allowed now")
    trial_ends_at: datetime | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    max_social_accounts: int | None = Field(description="Null means unlimited")
    monthly_generations: int | None = Field(description="Null means unlimited")
    social_accounts_used: int
    generations_used: int
    usage_resets_at: datetime


class CancellationStatus(BaseModel):
    """The subscription as Stripe reports it after the cancellation request."""

    subscription_id: str
    status: str
    cancel_at_period_end: bool
    current_period_end: datetime | None


class WebhookAcknowledgement(BaseModel):
    """Outcome of a Stripe event delivery."""

    event_id: str
    event_type: str
    duplicate: bool
    outcome: str = Field(
        description="applied, refreshed, no_change, stale, other_subscription, unknown_price, "
        "recorded, ignored or duplicate"
    )
