"""Text Postgres cannot store is rejected before generation, streamed or not, and costs no quota."""

import httpx
import psycopg
import pytest
from psycopg.rows import DictRow

from tests.content.conftest import ContextClientMaker, sse_events, stored_rows, usage_of
from tests.content.fake_llm import FakeLLMServer

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


@pytest.mark.parametrize("accept", ["application/json", "text/event-stream"])
async def test_provider_nul_dropped(
    openai_client: httpx.AsyncClient,
    llm: FakeLLMServer,
    context_client: ContextClientMaker,
    admin: psycopg.Connection[DictRow],
    accept: str,
) -> None:
    user = context_client()
    llm.default_text = "Pan\u0000 recién hecho"
    headers = {**user.headers, "Accept": accept}

    response = await openai_client.post(
        "/api/v1/content/generate-caption", json={"brief": "Pan"}, headers=headers
    )

    assert response.status_code == 200
    if accept == "text/event-stream":
        assert sse_events(response.content)[-1][0] == "done"
    rows = stored_rows(admin, user.id)
    assert len(rows) == 1
    assert "\x00" not in str(rows[0])
    assert usage_of(admin, user.id) == 1
