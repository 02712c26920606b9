"""HTTP guards: CORS, body size, malformed JSON, unknown routes and readiness."""

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from app.core.paths import DEFAULT_PATHS, ProjectPaths
from app.core.settings import Settings
from app.main import create_app
from tests.conftest import TEST_ORIGIN

LOGIN = "/api/v1/auth/login"


async def test_cors_allows_configured_origin(client: httpx.AsyncClient) -> None:
    headers = {"Origin": TEST_ORIGIN, "Access-Control-Request-Method": "POST"}

    response = await client.options(LOGIN, headers=headers)

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == TEST_ORIGIN


async def test_cors_ignores_other_origin(client: httpx.AsyncClient) -> None:
    preflight = await client.options(
        LOGIN, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    simple = await client.get("/health", headers={"Origin": "https://evil.example"})

    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in simple.headers


async def test_declared_oversized_body_rejected(client: httpx.AsyncClient) -> None:
    body = b'{"email": "a@example.com", "password": "' + b"x" * 70_000 + b'"}'

    response = await client.post(LOGIN, content=body, headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json()["detail"] == "Request body exceeds 65536 bytes"


async def test_streamed_oversized_body_rejected(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"email": "a@example.com", "password": "'
        for _ in range(20):
            yield b"y" * 4_096
        yield b'"}'

    response = await client.post(LOGIN, content=chunks(), headers={"Content-Type": "application/json"})

    assert response.status_code == 413


async def test_malformed_json_bad_request(client: httpx.AsyncClient) -> None:
    response = await client.post(LOGIN, content=b'{"email": ', headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json() == {"success": False, "detail": "Request body is not valid JSON"}


async def test_validation_never_echoes_password(client: httpx.AsyncClient) -> None:
    secret = "mi-clave-secreta-" + "z" * 1_100

    response = await client.post(LOGIN, json={"email": "a@example.com", "password": secret})

    assert response.status_code == 422
    assert "mi-clave-secreta" not in response.text


async def test_unknown_route_not_found(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.json() == {"success": False, "detail": "Not Found"}


async def test_ready_when_migrated(client: httpx.AsyncClient) -> None:
    response = await client.get("/ready")

    assert response.status_code == 200
    assert response.json()["data"]["pending_migrations"] == []
    assert response.json()["data"]["migrations_checked"] is True


@pytest.fixture
def paths_with_pending_migration(tmp_path: Path) -> ProjectPaths:
    root = tmp_path / "checkout"
    shutil.copytree(DEFAULT_PATHS.migrations, root / "supabase" / "migrations")
    (root / "supabase" / "migrations" / "29991231000000_future.sql").write_text("select 1;")
    return ProjectPaths(root=root)


async def test_ready_unavailable_with_pending(
    settings: Settings, paths_with_pending_migration: ProjectPaths
) -> None:
    application = create_app(settings, paths_with_pending_migration)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.get("/ready")

    assert response.status_code == 503
    assert response.json()["data"]["pending_migrations"] == ["29991231000000"]
    assert response.json()["data"]["ready"] is False
