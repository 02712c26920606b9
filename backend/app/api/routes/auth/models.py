"""Request and response schemas of the authentication routes."""

import logging
import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, EmailStr, Field, StringConstraints

from app.api.validators import FullName, NewPassword, StorableText

logger = logging.getLogger(__name__)

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
# Sign-in accepts any length up to this, so a long password gets 401, not 422.
MAX_LOGIN_PASSWORD_CHARS = 1_024


class RegisterRequest(BaseModel):
    """Sign-up of a new client, optionally under an agency's slug."""

    email: EmailStr = Field(max_length=254)
    password: NewPassword
    full_name: FullName
    reseller_slug: str | None = Field(default=None, pattern=SLUG_PATTERN)


class LoginRequest(BaseModel):
    """Email and password sign-in."""

    email: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=320), StorableText
    ]
    password: str = Field(min_length=1, max_length=MAX_LOGIN_PASSWORD_CHARS)


class RefreshRequest(BaseModel):
    """A refresh token to rotate."""

    refresh_token: str = Field(min_length=1, max_length=200)


class ClientProfile(BaseModel):
    """A client's own profile."""

    id: uuid.UUID
    email: str
    full_name: str
    role: str
    reseller_id: uuid.UUID | None
    status: str
    avatar_url: str | None
    created_at: datetime


class TokenPair(BaseModel):
    """Tokens returned by register, login and refresh."""

    access_token: str
    refresh_token: str
    token_type: str = "bearer"  # noqa: S105  # OAuth 2 token type, not a secret
    expires_in: int = Field(description="Access token lifetime in seconds")
    client: ClientProfile | None = Field(default=None, description="Absent on refresh")


class LogoutResult(BaseModel):
    """Whether the session was still active when it was revoked."""

    revoked: bool


class AcceptInvitationRequest(BaseModel):
    """The token of an invitation and the new account's name and password."""

    token: str = Field(min_length=1, max_length=200, description="Token returned once by create_invitation")
    full_name: FullName
    password: NewPassword
