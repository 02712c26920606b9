"""Public key discovery."""

from app.api.routes.well_known.router import router

__all__ = ["router"]
