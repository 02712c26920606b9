"""Classify a provider's HTTP error response into a ProviderError."""

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from app.infrastructure.llm.errors import (
    ProviderError,
    ProviderQuotaError,
    ProviderRateLimitError,
    ProviderRejectedError,
    ProviderServerError,
)

logger = logging.getLogger(__name__)

# Error codes that mean the account itself is out of credit, not a passing burst.
QUOTA_ERROR_CODES = frozenset({"insufficient_quota", "billing_error", "billing_hard_limit_reached"})


def classify_status(
    status: int, headers: Mapping[str, str], body: object, request_id: str | None
) -> ProviderError:
    """Turn a non-2xx provider response into the matching ProviderError."""
    code = _error_code(body)
    if status == 402 or code in QUOTA_ERROR_CODES:
        return ProviderQuotaError(f"provider quota exhausted ({code or status})", status, request_id)
    if status == 429:
        retry_after = parse_retry_after(headers.get("retry-after"))
        return ProviderRateLimitError("provider rate limit", retry_after, status, request_id)
    if status >= 500:
        return ProviderServerError(f"provider server error {status}", status, request_id)
    return ProviderRejectedError(f"provider rejected the request with {status}", status, request_id)


def parse_retry_after(value: str | None) -> float | None:
    """Read `Retry-After` as seconds (delta form) or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = (moment - datetime.now(UTC)).total_seconds()
    return max(seconds, 0.0)


def _error_code(body: object) -> str | None:
    """Return `error.code` or `error.type` from an OpenAI- or Anthropic-shaped error body."""
    if not isinstance(body, dict):
        return None
    error = body.get("error", body)
    if not isinstance(error, dict):
        return None
    for key in ("code", "type"):
        value = error.get(key)
        if isinstance(value, str) and value in QUOTA_ERROR_CODES:
            return value
    code = error.get("code")
    return code if isinstance(code, str) else None
