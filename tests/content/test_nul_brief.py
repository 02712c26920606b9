"""Text Postgres cannot store is rejected before generation, streamed or not, and costs no quota."""

import httpx
import psycopg
import pytest
from psycopg.rows import DictRow

from tests.content.conftest import ContextClientMaker, stored_rows, usage_of

BODIES = [
    b'{"brief": "Pan\\u0000de centeno", "platform": "instagram"}',
    b'{"brief": "Pan de centeno", "extra_instructions": "x\\u0000y"}',
    b'{"brief": "Pan \\udc00 de centeno"}',
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("accept", ["application/json", "text/event-stream"])
async def test_unstorable_text_rejected(
    client: httpx.AsyncClient,
    context_client: ContextClientMaker,
    admin: psycopg.Connection[DictRow],
    body: bytes,
    accept: str,
) -> None:
    user = context_client()
    headers = {**user.headers, "Content-Type": "application/json", "Accept": accept}

    response = await client.post("/api/v1/content/generate-caption", content=body, headers=headers)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0
