"""Collects the billing endpoints under /api/v1/billing."""

import logging

from fastapi import APIRouter

from app.api.routes.billing import cancel, checkout, portal, subscription, webhook

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/billing", tags=["billing"])
router.include_router(checkout.router)
router.include_router(portal.router)
router.include_router(subscription.router)
router.include_router(cancel.router)
router.include_router(webhook.router)
