"""Liveness and readiness probes."""

from app.api.routes.health.router import router

__all__ = ["router"]
