"""The seeded bakery signs in and gets a Spanish caption from the offline writer."""

import httpx
import pytest

from tests.content.conftest import usage_of

BAKERY_ID = "00000000-0000-4000-a000-000000000012"


@pytest.fixture
def clean_bakery(admin):
    """Leave the seeded bakery's content and usage as the seed had them."""
    yield
    admin.execute("delete from public.generated_content where client_id = %s", (BAKERY_ID,))
    admin.execute("delete from private.generation_usage where client_id = %s", (BAKERY_ID,))


async def test_bakery_gets_spanish_caption(client: httpx.AsyncClient, admin, clean_bakery) -> None:
    login = await client.post(
        "/api/v1/auth/login", json={"email": "client@example.com", "password": "omega-demo"}
    )
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['data']['access_token']}"}

    response = await client.post(
        "/api/v1/content/generate-caption",
        json={"brief": "Esta semana estrenamos pan de centeno con nueces", "platform": "instagram"},
        headers=headers,
    )

    assert response.status_code == 200, response.text
    item = response.json()["data"]["items"][0]
    text = item["output"]["text"]
    assert item["provider"] == "offline"
    assert item["language"] == "es"
    assert "Panadería La Espiga" in text
    assert "pan de centeno con nueces" in text
    assert any(phrase in text for phrase in ("¡Te esperamos!", "Cuéntanos", "Ven a conocernos"))
    for word in ("barato", "industrial", "congelado"):
        assert word not in text.lower()
    assert len(text) <= 2200
    assert item["warnings"] == []
    assert usage_of(admin, BAKERY_ID) == 1


async def test_offline_writer_is_deterministic(client: httpx.AsyncClient, admin, clean_bakery) -> None:
    login = await client.post(
        "/api/v1/auth/login", json={"email": "client@example.com", "password": "omega-demo"}
    )
    headers = {"Authorization": f"Bearer {login.json()['data']['access_token']}"}
    body = {"brief": "Roscón por encargo", "platform": "x", "variants": 3}

    first = await client.post("/api/v1/content/generate-post", json=body, headers=headers)
    second = await client.post("/api/v1/content/generate-post", json=body, headers=headers)

    texts = [item["output"]["text"] for item in first.json()["data"]["items"]]
    assert texts == [item["output"]["text"] for item in second.json()["data"]["items"]]
    assert all(len(text) <= 280 for text in texts)
    assert usage_of(admin, BAKERY_ID) == 6
