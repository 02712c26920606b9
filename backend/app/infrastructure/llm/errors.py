"""Provider failures in one vocabulary, whatever the SDK raised."""

import logging

logger = logging.getLogger(__name__)


class ProviderError(Exception):
    """A failed provider call; `status` is the provider's HTTP status when there was one."""

    retryable = False

    def __init__(self, message: str, status: int | None = None, request_id: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.request_id = request_id


class ProviderTimeoutError(ProviderError):
    """The provider did not respond within the deadline."""


class ProviderRateLimitError(ProviderError):
    """HTTP 429 for too many requests; `retry_after` is the provider's `Retry-After` in seconds."""

    retryable = True

    def __init__(
        self, message: str, retry_after: float | None, status: int | None = 429, request_id: str | None = None
    ) -> None:
        super().__init__(message, status, request_id)
        self.retry_after = retry_after


class ProviderQuotaError(ProviderError):
    """The provider account has no quota or credit left; retrying cannot help."""


class ProviderServerError(ProviderError):
    """A 5xx response or a dropped connection, worth a bounded retry."""

    retryable = True


class ProviderRejectedError(ProviderError):
    """A 4xx response other than 429, such as a wrong key or an unknown model."""
