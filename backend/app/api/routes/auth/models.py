"""Request and response schemas of the authentication routes."""

import logging
import uuid
from datetime import datetime

from pydantic import BaseModel, EmailStr, Field, field_validator

from app.core.security.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_BYTES

logger = logging.getLogger(__name__)

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
# Sign-in accepts any length up to this, so a long password gets 401, not 422.
MAX_LOGIN_PASSWORD_CHARS = 1_024


def check_password_bytes(password: str) -> str:
    """Reject passwords outside 8 to 72 bytes in UTF-8; bcrypt ignores everything past 72 bytes."""
    size = len(password.encode("utf-8"))
    if size < MIN_PASSWORD_BYTES or size > MAX_PASSWORD_BYTES:
        raise ValueError(
            f"password must be {MIN_PASSWORD_BYTES} to {MAX_PASSWORD_BYTES} bytes in UTF-8; "
            f"this one is {size} bytes (characters such as ñ take 2 bytes)"
        )
    return password


def strip_full_name(full_name: str) -> str:
    """Trim a name and reject one made of spaces."""
    stripped = full_name.strip()
    if not stripped:
        raise ValueError("full_name must not be blank")
    return stripped


class RegisterRequest(BaseModel):
    """Sign-up of a new client, optionally under an agency's slug."""

    email: EmailStr = Field(max_length=254)
    password: str = Field(description="8 to 72 bytes in UTF-8 (bcrypt's limit)")
    full_name: str = Field(min_length=1, max_length=200)
    reseller_slug: str | None = Field(default=None, pattern=SLUG_PATTERN)

    @field_validator("password")
    @classmethod
    def password_fits_bcrypt(cls, password: str) -> str:
        """Count bytes, not characters: bcrypt ignores everything past 72 bytes."""
        return check_password_bytes(password)

    @field_validator("full_name")
    @classmethod
    def full_name_not_blank(cls, full_name: str) -> str:
        """Trim the name and reject one made of spaces."""
        return strip_full_name(full_name)


class LoginRequest(BaseModel):
    """Email and password sign-in."""

    email: str = Field(min_length=1, max_length=320)
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
    full_name: str = Field(min_length=1, max_length=200)
    password: str = Field(description="8 to 72 bytes in UTF-8 (bcrypt's limit)")

    @field_validator("password")
    @classmethod
    def password_fits_bcrypt(cls, password: str) -> str:
        """Apply the registration password rule."""
        return check_password_bytes(password)

    @field_validator("full_name")
    @classmethod
    def full_name_not_blank(cls, full_name: str) -> str:
        """Apply the registration name rule."""
        return strip_full_name(full_name)
