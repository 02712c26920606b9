"""The OpenAPI document describes the error bodies the service really sends."""

import httpx


async def test_validation_error_schema_matches_body(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    schemas = document["components"]["schemas"]

    assert schemas["HTTPValidationError"]["properties"]["detail"]["type"] == "string"
    assert "ValidationError" not in schemas


async def test_common_errors_documented(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    me = document["paths"]["/api/v1/auth/me"]["get"]["responses"]

    assert {"401", "404", "500"} <= set(me)
    assert me["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
