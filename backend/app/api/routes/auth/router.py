"""Collects the authentication endpoints under /api/v1/auth."""

import logging

from fastapi import APIRouter

from app.api.routes.auth import invitations, login, logout, me, refresh, register

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])
router.include_router(register.router)
router.include_router(login.router)
router.include_router(refresh.router)
router.include_router(logout.router)
router.include_router(me.router)
router.include_router(invitations.router)
