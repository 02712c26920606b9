"""Authentication routes: register, login, refresh, logout and the caller's profile."""

from app.api.routes.auth.router import router

__all__ = ["router"]
