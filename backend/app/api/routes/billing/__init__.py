"""Stripe billing endpoints."""

from app.api.routes.billing.router import router

__all__ = ["router"]
