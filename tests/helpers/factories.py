"""Create agencies, users and sessions straight in the database, as the service would."""

import logging
import secrets
import uuid
from dataclasses import dataclass

import bcrypt
import psycopg
from psycopg.rows import DictRow

from app.core.security.tokens import TokenService

logger = logging.getLogger(__name__)

TEST_PASSWORD = "correct horse battery"
# Cost 4 is bcrypt's minimum; test users need no real work factor.
TEST_HASH = bcrypt.hashpw(TEST_PASSWORD.encode(), bcrypt.gensalt(4)).decode()


@dataclass(frozen=True)
class TestUser:
    """A client row with an open session and a signed access token."""

    __test__ = False

    id: uuid.UUID
    email: str
    role: str
    reseller_id: uuid.UUID | None
    session_id: uuid.UUID
    access_token: str
    claims: dict[str, object]

    @property
    def headers(self) -> dict[str, str]:
        """Authorization header for API calls."""
        return {"Authorization": f"Bearer {self.access_token}"}


class Factory:
    """Builds test data through the superuser connection."""

    def __init__(self, admin: psycopg.Connection[DictRow], tokens: TokenService) -> None:
        self.admin = admin
        self.tokens = tokens

    def reseller(self, status: str = "active") -> uuid.UUID:
        """Create an agency with a unique slug and return its id."""
        slug = f"agency-{secrets.token_hex(4)}"
        row = self.admin.execute(
            "insert into public.resellers (slug, agency_name, status) values (%s, %s, %s) returning id",
            (slug, f"Agencia {slug}", status),
        ).fetchone()
        assert row is not None
        return uuid.UUID(str(row["id"]))

    def reseller_slug(self, reseller_id: uuid.UUID) -> str:
        """Return the slug of an agency."""
        row = self.admin.execute("select slug from public.resellers where id = %s", (reseller_id,)).fetchone()
        assert row is not None
        return str(row["slug"])

    def user(
        self, role: str = "client", reseller_id: uuid.UUID | None = None, status: str = "active"
    ) -> TestUser:
        """Create a user with password TEST_PASSWORD, an open session and a token."""
        email = f"user-{secrets.token_hex(6)}@example.com"
        row = self.admin.execute(
            "insert into public.clients (email, full_name, role, reseller_id, status) "
            "values (%s, %s, %s, %s, %s) returning id",
            (email, "Usuario de Prueba", role, reseller_id, status),
        ).fetchone()
        assert row is not None
        client_id = uuid.UUID(str(row["id"]))
        self.admin.execute(
            "insert into private.credentials (client_id, password_hash) values (%s, %s)",
            (client_id, TEST_HASH),
        )
        session = self.admin.execute(
            "insert into private.sessions (client_id, expires_at) values (%s, now() + interval '1 day') "
            "returning id",
            (client_id,),
        ).fetchone()
        assert session is not None
        session_id = uuid.UUID(str(session["id"]))
        minted = self.tokens.mint(client_id, session_id, role, reseller_id)
        claims = self.tokens.verify(minted.token).claims
        return TestUser(client_id, email, role, reseller_id, session_id, minted.token, claims)
