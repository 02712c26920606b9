"""Collects the probe endpoints."""

import logging

from fastapi import APIRouter

from app.api.routes.health import probes

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])
router.include_router(probes.router)
