"""Fixtures of the authentication tests: an app with custom settings."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from app.main import create_app
from tests.conftest import build_settings
from tests.helpers.database import TestDatabase

ClientFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def client_with(database: TestDatabase, signing_key_pem: str) -> ClientFactory:
    """`async with client_with(setting=value) as http:` runs a second app with overridden settings."""

    @asynccontextmanager
    async def open_client(**overrides: object) -> AsyncIterator[httpx.AsyncClient]:
        application = create_app(build_settings(database, signing_key_pem, **overrides))
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                yield http

    return open_client
