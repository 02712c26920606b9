"""Semantic errors raised by services and mapped to HTTP status codes at the edge."""

import logging
import re

import psycopg

logger = logging.getLogger(__name__)

# SQL functions raise `PTxyz` (PostgREST's convention) to ask for HTTP status xyz.
POSTGREST_STATUS_SQLSTATE = re.compile(r"^PT([1-5]\d\d)$")


class DomainError(Exception):
    """An expected failure with a message that is safe to show the caller."""

    status_code = 400

    def __init__(self, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}


class InvalidInputError(DomainError):
    """The request is well-formed but its values are not acceptable."""

    status_code = 400


class AuthenticationError(DomainError):
    """Credentials or token are missing or wrong."""

    status_code = 401


class PaymentRequiredError(DomainError):
    """The subscription does not allow this work."""

    status_code = 402


class PermissionDeniedError(DomainError):
    """The caller is known but may not do this."""

    status_code = 403


class NotFoundError(DomainError):
    """The resource does not exist, or the caller may not know that it does."""

    status_code = 404


class ConflictError(DomainError):
    """The request conflicts with the current state, such as a duplicate."""

    status_code = 409


class RateLimitedError(DomainError):
    """Too many requests. The `Retry-After` header gives the seconds to wait."""

    status_code = 429

    def __init__(self, detail: str, retry_after_seconds: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after_seconds)})
        self.retry_after_seconds = retry_after_seconds


class ServiceUnavailableError(DomainError):
    """A dependency is down or not configured."""

    status_code = 503


class BadGatewayError(DomainError):
    """An upstream service returned an unusable response or rejected the request."""

    status_code = 502


class GatewayTimeoutError(DomainError):
    """An upstream service did not respond in time."""

    status_code = 504


STATUS_ERRORS: dict[int, type[DomainError]] = {
    400: InvalidInputError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    503: ServiceUnavailableError,
    502: BadGatewayError,
    504: GatewayTimeoutError,
}


def domain_error_from_database(error: psycopg.Error) -> DomainError | None:
    """Translate a `PTxyz` error raised by a SQL function, or a NUL character that psycopg cannot send.

    Returns None for any other database error.
    """
    if isinstance(error, psycopg.DataError) and error.sqlstate is None and "NUL" in str(error):
        # psycopg rejects the value before it reaches Postgres, so there is no SQLSTATE.
        return InvalidInputError("Text fields must not contain the NUL character (\\u0000)")
    match = POSTGREST_STATUS_SQLSTATE.match(error.sqlstate or "")
    if match is None:
        return None
    status = int(match.group(1))
    message = error.diag.message_primary or "The request was rejected"
    error_type = STATUS_ERRORS.get(status, DomainError)
    mapped = error_type(message)
    mapped.status_code = status
    return mapped
