"""Bad input gets a clear 4xx and leaves the database unchanged."""

import httpx
import pytest

from tests.content.conftest import ContextClientMaker, stored_rows, usage_of

BAD_BODIES = [
    {},
    {"brief": ""},
    {"brief": "   "},
    {"brief": "x" * 2001},
    {"brief": "Hola", "variants": 0},
    {"brief": "Hola", "variants": 4},
    {"brief": "Hola", "platform": "myspace"},
    {"brief": "Hola", "language": "Spanish"},
    {"brief": "Hola", "extra_instructions": "y" * 501},
    {"brief": "Hola", "client_id": "not-a-uuid"},
    {"brief": "Hola", "temperature": 2},
    {"brief": 42},
]


@pytest.mark.parametrize("body", BAD_BODIES)
async def test_invalid_body_is_422(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin, body: dict[str, object]
) -> None:
    user = context_client()

    response = await client.post("/api/v1/content/generate-caption", json=body, headers=user.headers)

    assert response.status_code == 422
    assert response.json()["success"] is False
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0


async def test_unparsable_json_is_400(client: httpx.AsyncClient, context_client: ContextClientMaker) -> None:
    user = context_client()

    response = await client.post(
        "/api/v1/content/generate-caption",
        content=b"{brief:",
        headers={**user.headers, "content-type": "application/json"},
    )

    assert response.status_code == 400


async def test_unknown_kind_is_rejected(
    client: httpx.AsyncClient, context_client: ContextClientMaker
) -> None:
    user = context_client()

    response = await client.post(
        "/api/v1/content/generate-poem", json={"brief": "Hola"}, headers=user.headers
    )

    assert response.status_code == 422


async def test_longest_brief_accepted(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin
) -> None:
    user = context_client()
    brief = "ñ" * 2000

    response = await client.post(
        "/api/v1/content/generate-email", json={"brief": brief}, headers=user.headers
    )

    assert response.status_code == 200, response.text
    assert stored_rows(admin, user.id)[0]["brief"] == brief
