"""Application factory of the FastAPI service."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api.errors import register_error_handlers
from app.api.middleware.body_limit import BodySizeLimitMiddleware
from app.api.openapi import COMMON_ERROR_RESPONSES, install_openapi
from app.api.routes import admin, auth, billing, content, health, well_known
from app.core.paths import DEFAULT_PATHS, ProjectPaths
from app.core.security.passwords import PasswordHasher
from app.core.security.tokens import TokenService
from app.core.settings import Settings
from app.infrastructure.database import Database
from app.services.auth.dependencies import AuthDependencies
from app.services.billing.dependencies import build_billing_dependencies
from app.services.content.dependencies import ContentDependencies

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
CORS_HEADERS = ["authorization", "content-type", "apikey", "x-client-info"]


def create_app(settings: Settings, paths: ProjectPaths = DEFAULT_PATHS) -> FastAPI:
    """Build the service; the database pool opens when the app starts."""
    db = Database(settings.database_url, settings.db_pool_min_size, settings.db_pool_max_size)
    content_deps = ContentDependencies.from_settings(settings, db)
    billing_deps = build_billing_dependencies(settings, db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await db.open()
        logger.info("OMEGA API started (%s, %s tokens)", settings.environment, settings.jwt_algorithm)
        try:
            yield
        finally:
            await content_deps.aclose()
            if billing_deps is not None:
                await billing_deps.gateway.close()
            await db.close()

    app = FastAPI(
        title="OMEGA API",
        version="0.1.0",
        description="Token minting, billing and content generation for OMEGA.",
        lifespan=lifespan,
    )
    app.state.auth = AuthDependencies(
        settings=settings,
        db=db,
        hasher=PasswordHasher(settings.bcrypt_rounds),
        tokens=TokenService(settings),
    )
    app.state.migrations_dir = paths.migrations
    app.state.content = content_deps
    app.state.billing = billing_deps

    api = APIRouter(prefix=API_PREFIX, responses=COMMON_ERROR_RESPONSES)
    api.include_router(auth.router)
    api.include_router(content.router)
    api.include_router(billing.router)
    api.include_router(admin.router)
    app.include_router(api)
    app.include_router(health.router)
    app.include_router(well_known.router)

    register_error_handlers(app)
    install_openapi(app)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=CORS_HEADERS,
        allow_credentials=False,
        max_age=600,
    )
    return app
