"""Account administration by the owner and agency admins."""

from app.api.routes.admin.router import router

__all__ = ["router"]
