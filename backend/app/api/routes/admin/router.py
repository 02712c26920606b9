"""Collects the administration endpoints under /api/v1/admin."""

import logging

from fastapi import APIRouter

from app.api.routes.admin import client_status

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"])
router.include_router(client_status.router)
