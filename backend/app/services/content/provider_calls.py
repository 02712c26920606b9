"""Provider calls under one deadline, with bounded retries, mapped to HTTP-level errors."""

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from app.core.errors import BadGatewayError, DomainError, GatewayTimeoutError, ServiceUnavailableError
from app.core.settings import Settings
from app.infrastructure.llm.errors import (
    ProviderError,
    ProviderQuotaError,
    ProviderRateLimitError,
    ProviderServerError,
    ProviderTimeoutError,
)

logger = logging.getLogger(__name__)

ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class RetryPolicy:
    """How long one provider call may take and how often a failure is retried."""

    timeout: float
    server_error_retries: int
    rate_limit_retries: int
    backoff: float
    max_retry_after: float

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetryPolicy":
        """Read the policy from the content settings."""
        return cls(
            timeout=settings.content_timeout_seconds,
            server_error_retries=settings.content_server_error_retries,
            rate_limit_retries=settings.content_rate_limit_retries,
            backoff=settings.content_retry_backoff_seconds,
            max_retry_after=settings.content_max_retry_after_seconds,
        )


async def call_with_retries(
    operation: Callable[[float], Awaitable[ResultT]], policy: RetryPolicy, deadline: float, label: str
) -> ResultT:
    """Run `operation(remaining_seconds)` until it succeeds, the deadline passes or retries run out.

    Raises:
        GatewayTimeoutError: the provider did not respond before the deadline (504).
        ServiceUnavailableError: rate limited past the retry budget, or the provider quota is gone (503).
        BadGatewayError: provider 5xx past the retry budget, or the provider rejected the request (502).
    """
    loop = asyncio.get_running_loop()
    server_failures = rate_limit_failures = 0
    while True:
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise _timed_out(label)
        try:
            async with asyncio.timeout(remaining):
                return await operation(remaining)
        except TimeoutError as error:
            raise _timed_out(label) from error
        except ProviderRateLimitError as error:
            rate_limit_failures += 1
            wait = (
                error.retry_after if error.retry_after is not None else _backoff(policy, rate_limit_failures)
            )
            _log_failure(label, error, rate_limit_failures)
            if (
                rate_limit_failures > policy.rate_limit_retries
                or wait > policy.max_retry_after
                or loop.time() + wait >= deadline
            ):
                raise _rate_limited(wait) from error
            await asyncio.sleep(wait)
        except ProviderServerError as error:
            server_failures += 1
            wait = _backoff(policy, server_failures)
            _log_failure(label, error, server_failures)
            if server_failures > policy.server_error_retries or loop.time() + wait >= deadline:
                raise BadGatewayError("The model provider failed; please try again later") from error
            await asyncio.sleep(wait)
        except ProviderError as error:
            _log_failure(label, error, 1)
            raise provider_failure(error) from error


def provider_failure(error: ProviderError) -> DomainError:
    """Return the HTTP-level error for a provider failure that is not retried."""
    if isinstance(error, ProviderTimeoutError):
        return GatewayTimeoutError("The model provider timed out; please try again")
    if isinstance(error, ProviderQuotaError):
        return ServiceUnavailableError(
            "Content generation is temporarily unavailable (provider quota exhausted)"
        )
    if isinstance(error, ProviderRateLimitError):
        return _rate_limited(error.retry_after or 1.0)
    if isinstance(error, ProviderServerError):
        return BadGatewayError("The model provider failed; please try again later")
    return BadGatewayError("The model provider rejected the request")


def _timed_out(label: str) -> GatewayTimeoutError:
    """Log the timeout and build the 504."""
    logger.error("Provider call %s timed out", label)
    return GatewayTimeoutError("The model provider timed out; please try again")


def _rate_limited(wait: float) -> ServiceUnavailableError:
    """Build a 503 whose `Retry-After` is when the provider expects to accept requests again."""
    seconds = max(1, math.ceil(wait))
    return ServiceUnavailableError(
        "The model provider is rate limiting requests; please try again later",
        headers={"Retry-After": str(seconds)},
    )


def _backoff(policy: RetryPolicy, failures: int) -> float:
    """Exponential backoff: backoff, 2 x backoff, 4 x backoff..."""
    return float(policy.backoff * 2 ** (failures - 1))


def _log_failure(label: str, error: ProviderError, attempt: int) -> None:
    """Log the provider status and request id of a failed attempt, never the prompt."""
    logger.warning(
        "Provider call %s failed (attempt %d): %s, status %s, provider request id %s",
        label,
        attempt,
        type(error).__name__,
        error.status,
        error.request_id,
    )
