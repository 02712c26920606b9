"""Conversions from service results to response schemas, shared by the auth endpoints."""

import logging
from dataclasses import asdict

from app.api.routes.auth.models import ClientProfile, TokenPair
from app.services.auth.results import ClientSummary, SignInResult

logger = logging.getLogger(__name__)


def client_profile(summary: ClientSummary) -> ClientProfile:
    """Convert a profile summary to its response schema."""
    return ClientProfile(**asdict(summary))


def token_pair(result: SignInResult) -> TokenPair:
    """Convert a sign-in result to the token response."""
    return TokenPair(
        access_token=result.access_token,
        refresh_token=result.refresh_token,
        expires_in=result.expires_in,
        client=client_profile(result.client) if result.client else None,
    )
