"""A NUL character in a generation request gets 400 and costs no quota."""

import httpx
import psycopg
from psycopg.rows import DictRow

from tests.content.conftest import ContextClientMaker, stored_rows, usage_of


async def test_brief_with_nul_rejected(
    client: httpx.AsyncClient, context_client: ContextClientMaker, admin: psycopg.Connection[DictRow]
) -> None:
    user = context_client()

    response = await client.post(
        "/api/v1/content/generate-caption",
        json={"brief": "Pan\u0000de centeno", "platform": "instagram", "extra_instructions": "x\u0000y"},
        headers=user.headers,
    )

    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert stored_rows(admin, user.id) == []
    assert usage_of(admin, user.id) == 0
