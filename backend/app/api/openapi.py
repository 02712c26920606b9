"""OpenAPI document that shows the error body the service really returns."""

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.api.envelope import ErrorResponse

logger = logging.getLogger(__name__)

# Documented on every /api/v1 route. Each route's docstring lists when it returns them.
COMMON_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {  # Any: FastAPI's own type for `responses`
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (400, "Invalid input"),
        (401, "Missing, invalid or revoked token"),
        (403, "Not allowed"),
        (404, "Not found"),
        (429, "Rate limited; see Retry-After"),
        (500, "Unexpected error"),
    )
}


def install_openapi(app: FastAPI) -> None:
    """Replace FastAPI's default 422 body (a list of errors) with the `{success, detail}` body sent."""

    # Any: an OpenAPI document is a free-form JSON object.
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        if "HTTPValidationError" in schemas:
            schemas["HTTPValidationError"] = ErrorResponse.model_json_schema()
        schemas.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]  # FastAPI's documented way to customise the document
