"""Collects the `/.well-known` endpoints."""

import logging

from fastapi import APIRouter

from app.api.routes.well_known import jwks

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/.well-known", tags=["keys"])
router.include_router(jwks.router)
