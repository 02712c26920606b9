"""Collects the content endpoints under /api/v1/content."""

import logging

from fastapi import APIRouter

from app.api.routes.content import generate

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/content", tags=["content"])
router.include_router(generate.router)
