"""Content generation routes."""

from app.api.routes.content.router import router

__all__ = ["router"]
