"""Exception handlers that turn every failure into a semantic status with a readable detail."""

import logging

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.core.errors import DomainError, domain_error_from_database

logger = logging.getLogger(__name__)


def register_error_handlers(app: FastAPI) -> None:
    """Install the handlers on `app`."""
    app.add_exception_handler(DomainError, _domain_error)  # type: ignore[arg-type]  # Starlette types handlers loosely
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(psycopg.Error, _database_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)


def error_response(status_code: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """Build the error body shared by every handler."""
    return JSONResponse({"success": False, "detail": detail}, status_code=status_code, headers=headers)


async def _domain_error(request: Request, error: DomainError) -> JSONResponse:
    """Expected failures raised by services."""
    logger.info("%s %s -> %d: %s", request.method, request.url.path, error.status_code, error.detail)
    return error_response(error.status_code, error.detail, error.headers)


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """Invalid bodies: 400 for unparsable JSON, else 422 listing fields without echoing their values."""
    problems = error.errors()
    if any(problem.get("type") == "json_invalid" for problem in problems):
        return error_response(400, "Request body is not valid JSON")

    messages = []
    for problem in problems:
        location = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
        messages.append(
            f"{location}: {problem.get('msg', 'invalid value')}" if location else str(problem.get("msg"))
        )
    detail = "Invalid request: " + "; ".join(messages)
    logger.info("%s %s -> 422: %s", request.method, request.url.path, detail)
    return error_response(422, detail)


async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
    """Framework errors such as 404 for unknown paths and 405 for wrong methods."""
    return error_response(error.status_code, str(error.detail), dict(error.headers or {}))


async def _database_error(request: Request, error: psycopg.Error) -> JSONResponse:
    """`PTxyz` errors raised on purpose by SQL functions; anything else is a 500."""
    mapped = domain_error_from_database(error)
    if mapped is not None:
        return await _domain_error(request, mapped)
    logger.error(
        "Database error on %s %s (SQLSTATE %s): %s",
        request.method,
        request.url.path,
        error.sqlstate,
        error.diag.message_primary,
    )
    return error_response(500, "An unexpected error occurred")


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    """Log unexpected errors with the stack trace and return a 500 without it."""
    logger.error("Unexpected error on %s %s: %s", request.method, request.url.path, error, exc_info=error)
    return error_response(500, "An unexpected error occurred")
