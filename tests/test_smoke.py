"""Smoke test of the fixtures: the seed is loaded and the app responds."""

import httpx
import psycopg
from psycopg.rows import DictRow


async def test_health_answers(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "ok"


def test_seed_loaded(admin: psycopg.Connection[DictRow]) -> None:
    row = admin.execute(
        "select count(*) as n from public.clients where email like '%@example.com'"
    ).fetchone()
    assert row is not None
    assert row["n"] >= 10
