"""Typed results of the authentication services."""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from psycopg.rows import DictRow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClientSummary:
    """The profile fields a signed-in client sees about itself."""

    id: uuid.UUID
    email: str
    full_name: str
    role: str
    reseller_id: uuid.UUID | None
    status: str
    avatar_url: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: DictRow) -> "ClientSummary":
        """Build a summary from a `public.clients` row."""
        return cls(
            id=row["id"],
            email=row["email"],
            full_name=row["full_name"],
            role=row["role"],
            reseller_id=row["reseller_id"],
            status=row["status"],
            avatar_url=row["avatar_url"],
            created_at=row["created_at"],
        )


@dataclass(frozen=True)
class SignInResult:
    """Tokens issued at sign-in or refresh, with the client they belong to."""

    access_token: str
    refresh_token: str
    expires_in: int
    session_id: uuid.UUID
    client: ClientSummary | None


@dataclass(frozen=True)
class RequestOrigin:
    """Origin of a sign-in request (IP and user agent), recorded on its session."""

    ip: str | None
    user_agent: str | None
