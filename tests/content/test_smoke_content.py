"""First checks that generation works end to end with each provider."""

import httpx

from tests.content.conftest import ContextClientMaker, stored_rows, usage_of
from tests.content.fake_llm import FakeLLMServer


async def test_offline_caption(client: httpx.AsyncClient, context_client: ContextClientMaker, admin) -> None:
    user = context_client()
    response = await client.post(
        "/api/v1/content/generate-caption",
        json={"brief": "Nuevo pan de centeno", "platform": "instagram"},
        headers=user.headers,
    )
    assert response.status_code == 200, response.text
    item = response.json()["data"]["items"][0]
    assert item["provider"] == "offline"
    assert "Panadería de Prueba" in item["output"]["text"]
    assert len(stored_rows(admin, user.id)) == 1
    assert usage_of(admin, user.id) == 1


async def test_openai_caption(
    openai_client: httpx.AsyncClient, llm: FakeLLMServer, context_client, admin
) -> None:
    user = context_client()
    llm.default_text = "Hola mundo"
    response = await openai_client.post(
        "/api/v1/content/generate-caption", json={"brief": "Nuevo pan"}, headers=user.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["items"][0]["output"]["text"] == "Hola mundo"
    assert llm.requests[0].path == "/v1/chat/completions"


async def test_anthropic_caption(
    anthropic_client: httpx.AsyncClient, llm: FakeLLMServer, context_client
) -> None:
    user = context_client()
    llm.default_text = "Hola Claude"
    response = await anthropic_client.post(
        "/api/v1/content/generate-caption", json={"brief": "Nuevo pan"}, headers=user.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["items"][0]["output"]["text"] == "Hola Claude"
    assert llm.requests[0].path == "/v1/messages"
