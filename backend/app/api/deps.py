"""FastAPI dependencies, named once as `Annotated` aliases."""

import logging
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.core.errors import AuthenticationError
from app.core.security.tokens import InvalidTokenError, TokenIdentity
from app.services.auth.dependencies import AuthDependencies
from app.services.auth.results import RequestOrigin

logger = logging.getLogger(__name__)

bearer_scheme = HTTPBearer(auto_error=False, description="Access token from /api/v1/auth/login")


def get_auth_dependencies(request: Request) -> AuthDependencies:
    """Return the collaborators built at start-up."""
    deps: AuthDependencies = request.app.state.auth
    return deps


def get_request_origin(request: Request) -> RequestOrigin:
    """Return the caller's IP (first `X-Forwarded-For` hop only behind a trusted proxy) and user agent."""
    deps = get_auth_dependencies(request)
    ip = request.client.host if request.client else None
    forwarded = request.headers.get("x-forwarded-for")
    if deps.settings.trust_proxy_headers and forwarded:
        ip = forwarded.split(",")[0].strip()
    return RequestOrigin(ip=ip, user_agent=request.headers.get("user-agent"))


def require_identity(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> TokenIdentity:
    """Verify the bearer token.

    Raises:
        AuthenticationError: no bearer token, or one that fails verification.
    """
    if credentials is None:
        raise AuthenticationError("Missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    try:
        return get_auth_dependencies(request).tokens.verify(credentials.credentials)
    except InvalidTokenError as error:
        raise AuthenticationError(str(error), headers={"WWW-Authenticate": "Bearer"}) from error


AuthDeps = Annotated[AuthDependencies, Depends(get_auth_dependencies)]
Origin = Annotated[RequestOrigin, Depends(get_request_origin)]
CurrentIdentity = Annotated[TokenIdentity, Depends(require_identity)]
